"""A form the reader fills in and sends back (对账回执, 报名表) is written with blanks: they are its fields, not
template leftovers (P-PLACEHOLDER made a 对账函 with its own 回执 fail to render). Elsewhere a blank is still one."""

from __future__ import annotations

from notices.check.examples import run_example

SLIP = """\
body: [请核对后盖章回传。]
attachments:
  - title: {title}
    body:
      - 上述信息核对无误。
      - 单位（盖章）：＿＿＿＿＿＿＿＿
      - 经办人：＿＿＿＿　　　日期：　　年　　月　　日
"""


def test_the_blanks_of_a_form_are_its_fields() -> None:
    for title in ("对账回执", "参会报名表", "Reply slip"):
        assert run_example(SLIP.format(title=title), only="P-PLACEHOLDER") == [], title


def test_blanks_elsewhere_are_still_leftovers() -> None:
    assert len(run_example(SLIP.format(title="对账说明"), only="P-PLACEHOLDER")) == 2
    body = "body: [联系人：＿＿＿＿。]\nattachments:\n  - title: 对账回执\n    body: [单位：＿＿＿＿]\n"
    assert [f.path for f in run_example(body, only="P-PLACEHOLDER")] == ["body[0]"]
    leftover = SLIP.format(title="对账回执").replace(
        "上述信息核对无误。", "截至202X年3月31日的信息核对无误。"
    )
    assert len(run_example(leftover, only="P-PLACEHOLDER")) == 1
