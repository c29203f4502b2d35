"""Delivery: every rendered notice of a batch to its recipients by e-mail, exactly once in effect.

One call does what `notices send` does::

    import notices.send
    config = notices.send.load_config("send.toml")
    report = notices.send.deliver("out", config)          # out/ is a folder `notices batch` wrote
    print(report.counts, report.exit_code)                 # {'accepted': 298, 'failed': 2}, 1
    for row in report.attention:                           # failed, unknown, bounced: with the server's reply
        print(row.name, row.address, row.state, row.last_reply)
    notices.send.status("out")                             # the same view, from the ledger alone
    notices.send.read_bounces("out", "bounces.mbox")       # mark bounced rows from an mbox or Maildir

Everything that was sent, and what the server answered, is in the ledger ``out/send.sqlite``
(:mod:`notices.send.ledger`).
"""

from __future__ import annotations

from notices.send.batch import SendInputError
from notices.send.bounces import BounceReport, read_bounces
from notices.send.config import SendConfig, SendConfigError, load_config
from notices.send.lock import FolderBusy
from notices.send.runner import SendError, SendReport, deliver
from notices.send.status import status

__all__ = [
    "BounceReport",
    "FolderBusy",
    "SendConfig",
    "SendConfigError",
    "SendError",
    "SendInputError",
    "SendReport",
    "deliver",
    "load_config",
    "read_bounces",
    "status",
]
