"""EN-HALFWIDTH, EN-SALUTE, EN-CLOSE."""

from __future__ import annotations

from notices.check.examples import run_example
from notices.check.findings import Finding


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


def test_a_chinese_name_in_an_english_letter_keeps_its_punctuation() -> None:
    text = "lang: en\nbody: ['Please contact 华东恒信（上海）分公司, our Shanghai branch.']"
    assert find(text, "EN-HALFWIDTH") == []
    assert find(text, "P-PUNCT") == []  # the comma belongs to the English sentence


def test_full_width_marks_get_english_spacing() -> None:
    found = find("lang: en\nbody: ['Thank you，we will reply（by e-mail）soon。']", "EN-HALFWIDTH")
    assert [f.edit.replacement for f in found if f.edit] == [", ", " (", ") ", "."]


def test_us_salutation_takes_a_colon_or_a_comma() -> None:
    assert find("lang: en\nlocale: en-US\nsalutation: 'Dear Ms. Lee,'", "EN-SALUTE") == []
    fixed = find("lang: en\nsalutation: 'Dear Ms Lee;'", "EN-SALUTE")
    assert [f.edit.replacement for f in fixed if f.edit] == [","]


def test_closing_needs_its_comma_and_a_variable_reader_is_not_judged() -> None:
    found = find("lang: en\nclosing: Yours faithfully", "EN-CLOSE")
    assert [f.edit.replacement for f in found if f.edit] == [","]
    variable = "lang: en\nsalutation: 'Dear {{ recipient.name }},'\nrecipient: {name: Partner}\nclosing: 'Yours faithfully,'"
    assert find(variable, "EN-CLOSE") == []


def test_the_default_closing_fits_a_reader_greeted_by_role_as_en_close_asks() -> None:
    """ "Dear Customer" is a reader greeted by role: the composer closes "Yours faithfully," (en-GB), and
    EN-CLOSE, reading the same pattern, warns on "Yours sincerely," there."""
    import notices
    from notices.document import Closing

    def closing(salutation: str, locale: str = "en-GB") -> str:
        spec = {"lang": "en", "locale": locale, "issuer": {"name": "Esse Tea Ltd"}, "title": "Closure"}
        spec |= {
            "salutation": salutation,
            "body": ["We close for Chinese New Year."],
            "recipient": {"name": "Ms Chen"},
        }
        doc = notices.compose(notices.load(spec))
        return next(b.text for b in doc.blocks if isinstance(b, Closing))

    for salutation in (
        "Dear Customer,",
        "Dear Valued Partners,",
        "Dear Sir or Madam,",
        "To whom it may concern,",
    ):
        assert closing(salutation) == "Yours faithfully,", salutation
        assert find(f"lang: en\nsalutation: '{salutation}'\nclosing: 'Yours sincerely,'", "EN-CLOSE")
    assert closing("Dear Ms Chen,") == "Yours sincerely,"
    assert closing("Dear {{ recipient.name }},") == "Yours sincerely,"
    assert closing("Dear Customer:", "en-US") == "Sincerely,"
