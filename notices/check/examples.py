"""Rules' good and bad examples as whole specs: a YAML snippet laid over a small valid notice.

A snippet replaces the base's top-level keys it names and keeps the rest, so an example shows only what it is
about (``salutation: 尊敬的客户:``). A snippet with ``lang: en`` is laid over an English base.
"""

from __future__ import annotations

import datetime as dt

import yaml

from notices.check.findings import Finding
from notices.reader import loads

_BASE_ZH = {
    "issuer": "issuer:\n  name: 华东恒信控股有限公司\n",
    "title": "title: 华东恒信控股有限公司关于春节放假安排的通知\n",
    "salutation": "salutation: 尊敬的客户：\n",
    "body": "body:\n  - 现将春节放假安排通知如下：2026年2月15日至23日放假，共9天。\n",
    "sign_off": "sign_off:\n  date: 2026-01-05\n",
}
_BASE_EN = {
    "lang": "lang: en\n",
    "issuer": "issuer:\n  name: Huadong Hengxin Holdings Co., Ltd.\n",
    "title": "title: Spring Festival closure\n",
    "salutation": "salutation: Dear Sir or Madam,\n",
    "body": "body:\n  - Our offices close for the Spring Festival holiday.\n",
    "sign_off": "sign_off:\n  date: 2026-01-05\n",
}
# The date used when a snippet leaves out the sign-off date, so examples never depend on the day they run.
EXAMPLE_TODAY = dt.date(2026, 1, 5)


def example_spec(snippet: str) -> str:
    """The full spec text of an example: the base's keys the snippet does not name, then the snippet."""
    own = yaml.safe_load(snippet) or {}
    if not isinstance(own, dict):
        raise ValueError(f"an example is a mapping of spec keys, not {type(own).__name__}")
    base = _BASE_EN if own.get("lang") == "en" else _BASE_ZH
    kept = "".join(text for key, text in base.items() if key not in own)
    return kept + snippet.strip("\n") + "\n"


def run_example(snippet: str, only: str | None = None) -> list[Finding]:
    """The findings of one example (of rule ``only``, when given)."""
    from notices.check.runner import check_notice

    notice = loads(example_spec(snippet), file="example.yaml")
    return check_notice(notice, today=EXAMPLE_TODAY, only=[only] if only else None)
