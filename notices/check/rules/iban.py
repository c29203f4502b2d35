"""B-IBAN: an IBAN a notice gives passes its check digits."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.i18n import _
from notices.patterns import LazyPattern

# "IBAN: GB33 BUKB 2020 1555 5555 55", "IBAN GB33BUKB20201555555555": only what the notice labels an IBAN, so
# a model number that looks like one is never read as an account.
_IBAN = LazyPattern(r"\bIBAN\b[\s:：.#-]*(?P<iban>[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30})\b")


def iban_valid(iban: str) -> bool:
    """ISO 13616-1: the country code and check digits moved to the end, letters as 10–35, the whole mod 97 is 1."""
    compact = iban.replace(" ", "")
    moved = compact[4:] + compact[:4]
    digits = "".join(str(int(char, 36)) for char in moved)
    return int(digits) % 97 == 1


@rule(
    "B-IBAN",
    "error",
    summary="An IBAN passes its check digits (ISO 13616): a mistyped character sends the payment nowhere",
    source="ISO 13616-1:2020 (IBAN, check digits by ISO 7064 MOD 97-10)",
    good="lang: en\nbody: ['Please pay to IBAN GB33 BUKB 2020 1555 5555 55.']",
    bad="lang: en\nbody: ['Please pay to IBAN GB33 BUKB 2020 1555 5555 56.']",
)
def iban_check_digits(ctx: CheckContext) -> Iterator[Hit]:
    """An IBAN carries two check digits that catch any single mistyped character and any two swapped ones. A
    notice that gives the account to pay into (a change of bank details, an invoice reminder) with an IBAN
    that fails them has a typing mistake in it: the bank will refuse the transfer, or worse, a second slip
    makes it another account's. Only a code labelled IBAN is read."""
    for field in ctx.iter_texts():
        for found in _IBAN.finditer(field.text):
            # Printed in groups of four, an IBAN may run into the next word ("… 0130 00 BIC: …"): a last group
            # of letters alone is that word.
            groups = found["iban"].split()
            while len(groups) > 2 and groups[-1].isalpha():
                groups.pop()
            iban = " ".join(groups)
            if iban_valid(iban):
                continue
            yield Hit(
                field.path,
                _("the IBAN {iban} fails its check digits: a character is mistyped").format(iban=iban),
                fix=_("copy the IBAN again from the bank's own statement"),
                offset=found.start("iban"),
            )
