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
