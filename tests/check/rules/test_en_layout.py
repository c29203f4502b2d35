"""EN-LAYOUT on the cases its examples leave out, and how EN-CLOSE defers to it."""

from __future__ import annotations

import pytest

from notices.check.examples import example_spec, run_example
from notices.check.findings import Finding
from notices.check.rules.english_layout import is_sentence_closing


def find(snippet: str, rule_id: str) -> list[Finding]:
    return run_example(snippet, only=rule_id)


@pytest.mark.parametrize(
    ("closing", "sentence"),
    [
        ("Yours faithfully,", False),
        ("Sincerely.", False),
        ("With kind regards and best wishes,", False),
        ("Thank you,", False),
        ("Thank you for your continued support.", True),
        ("Wishing you a prosperous Year of the Horse!", True),
        ("We look forward to working with you", True),
    ],
)
def test_a_sentence_is_told_from_a_complimentary_close(closing: str, sentence: bool) -> None:
    assert is_sentence_closing(closing) is sentence


def test_a_signer_typed_under_the_close_is_pointed_at() -> None:
    snippet = "lang: en\nclosing: |\n  Yours faithfully,\n  Li Ming\n"
    found = find(snippet, "EN-LAYOUT")
    assert len(found) == 1 and "“Li Ming”" in found[0].message and "issuer.signer" in found[0].fix
    lines = example_spec(snippet).splitlines()
    name_line = next(n for n, line in enumerate(lines, start=1) if line == "  Li Ming")
    assert (found[0].line, found[0].column) == (name_line, 3)  # the name itself, inside the block scalar


def test_en_close_offers_no_comma_for_a_closing_en_layout_reports() -> None:
    sentence = "lang: en\nclosing: Thank you for your continued support."
    assert find(sentence, "EN-CLOSE") == []
    assert len(find(sentence, "EN-LAYOUT")) == 1
    assert [
        f.edit.replacement for f in find("lang: en\nclosing: Yours faithfully", "EN-CLOSE") if f.edit
    ] == [","]


@pytest.mark.parametrize(
    "body",
    [
        "['Dear customers, our offices close for the holiday.']",  # a sentence, not a salutation line
        "[Our offices close for the holiday., Thank you.]",  # a body may end with thanks
        "[Our offices close for the holiday., 'Best wishes for the new year,']",
        "[{heading: 'Attachments: what to send', text: Send the signed form.}]",
        "['Attachments: please send the signed form by 20 January.']",  # an instruction
    ],
)
def test_ordinary_body_text_passes(body: str) -> None:
    assert find(f"lang: en\nbody: {body}", "EN-LAYOUT") == []


def test_frame_lines_inside_a_paragraph_are_found_on_their_own_line() -> None:
    snippet = 'lang: en\nbody: ["Dear Sir or Madam,\\n\\nOur offices close.\\n\\ncc: Sales department"]'
    found = find(snippet, "EN-LAYOUT")
    assert [f.message.split("”")[0].split("“")[-1] for f in found] == [
        "Dear Sir or Madam,",
        "cc: Sales department",
    ]
    assert "cc:" in found[1].fix


def test_chinese_notices_are_not_held_to_the_english_frame() -> None:
    assert find("closing: 感谢您的支持！\nbody: ['附件：发货安排表']", "EN-LAYOUT") == []


@pytest.mark.parametrize(
    ("tail", "reported"),
    [
        ("Best regards,\n  Otao Electronics Co., Ltd.\n  January 30, 2021\n", True),  # a letter pasted whole
        ("Best regards,\n  Li Ming\n  Sales Manager\n", True),
        ("Best regards,\n  We will reply after the holiday.\n", False),  # a sentence follows: body text
    ],
    ids=["company-and-date", "name-and-title", "sentence-after"],
)
def test_a_close_pasted_with_its_signature_block_is_pointed_at(tail: str, reported: bool) -> None:
    snippet = (
        f"lang: en\nissuer: Otao Electronics Co., Ltd.\nbody: |\n  Orders resume on 16 February.\n  {tail}"
    )
    found = [f for f in find(snippet, "EN-LAYOUT") if "Best regards," in f.message]
    assert bool(found) is reported
    if reported:
        assert "signature lines under it" in found[0].fix


def test_the_issuer_name_ending_in_its_own_full_stop_is_found_typed_in_the_body() -> None:
    snippet = "lang: en\nissuer: Otao Electronics Co., Ltd.\nbody: |\n  Orders resume.\n  Otao Electronics Co., Ltd.\n  Done.\n"
    found = run_example(snippet, only="B-SIGNOFF-TWICE")
    assert [f.message.split("”")[0] for f in found] == ["the issuer's name “Otao Electronics Co., Ltd."]
