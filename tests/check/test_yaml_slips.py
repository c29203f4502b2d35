"""The YAML slips a writer of Chinese notices makes, through `notices check` on files and on a folder: each is
reported at the line and column where it was typed, says what was typed and what to type instead, and the rest
of the spec is still checked (issue 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.clirun import run

HEAD = "issuer:\n  name: 华东恒信控股有限公司\n"
TAIL = "sign_off:\n  date: 2026-01-05\n"

SLIPS = {
    "full-width-colon": (
        HEAD + "title：关于春节放假的通知\nbody:\n  - 正文。\n" + TAIL,
        "full-width-colon.yaml:3:6: error SPEC a full-width colon “：” after the key 'title' "
        "('title：关于春节放假的通知'): YAML reads the whole line as text, not as a key and a value\n"
        "    fix: type a half-width colon and a space: title: 关于春节放假的通知\n",
    ),
    "tab": (
        HEAD + "title: 关于春节放假的通知\nbody:\n\t- 正文。\n" + TAIL,
        "tab.yaml:5:1: error SPEC a tab in the indentation: YAML indents with spaces only\n"
        "    fix: replace the tab with spaces (two per level, as the lines around it)\n",
    ),
    "braces": (
        HEAD + "title: 关于春节放假的通知\nsalutation: {{ recipient.name }}：\nbody:\n  - 正文。\n" + TAIL,
        "braces.yaml:4:13: error SPEC the value '{{ recipient.name }}：' starts with {{ and is not in quotes: "
        "YAML reads “{” as the start of a mapping\n"
        "    fix: put the value in single quotes: salutation: '{{ recipient.name }}：'\n",
    ),
    "colon-in-value": (
        HEAD
        + "title: 关于春节放假的通知\nbody:\n  - 正文。\n"
        + TAIL
        + "contact:\n  hours: 工作日: 9:00至17:00\n",
        "colon-in-value.yaml:9:13: warning P-PUNCT half-width “:” in Chinese text [contact.hours]\n"
        "    fix: use the full-width “：”\n"
        "colon-in-value.yaml:9:13: error SPEC the value '工作日: 9:00至17:00' holds “: ” (a colon and a space), "
        "which YAML reads as the start of a new key\n"
        "    fix: use the full-width colon “：” in Chinese text, or put the value in quotes: "
        "hours: '工作日: 9:00至17:00'\n",
    ),
    "colon-in-a-list-item": (
        HEAD + "title: 关于春节放假的通知\nbody:\n  - 服务时间: 9:00至17:00。\n" + TAIL,
        "colon-in-a-list-item.yaml:5:5: error SPEC the text '服务时间: 9:00至17:00。' holds “: ” (a colon and a "
        "space), which YAML reads as a key and its value [body[0]]\n"
        "    fix: use the full-width colon “：” in Chinese text (服务时间：9:00至17:00。), or put it in quotes: "
        "'服务时间: 9:00至17:00。'\n",
    ),
    "salutation-colon": (
        HEAD
        + "title: 关于春节放假的通知\nsalutation: 尊敬的各位用户:\nbody:\n  - 2026年2月5日（星期三）停止发货。\n"
        "  - 注意: 请提前下单。\n" + TAIL,
        "salutation-colon.yaml:4:20: error B-RECIP the salutation ends with a half-width colon “:” [salutation]\n"
        "    fix: end it with the full-width colon “：”\n"
        "salutation-colon.yaml:4:20: error SPEC the value '尊敬的各位用户:' ends with a half-width colon “:”, "
        "which YAML reads as the start of a key\n"
        "    fix: end it with the full-width colon “：”: salutation: 尊敬的各位用户：\n"
        "salutation-colon.yaml:6:15: error P-WEEKDAY 2026年2月5日 is a Thursday (星期四), not 星期三 [body[0]]\n"
        "    fix: write 星期四, or correct the date\n"
        "salutation-colon.yaml:7:5: error SPEC the text '注意: 请提前下单。' holds “: ” (a colon and a space), "
        "which YAML reads as a key and its value [body[1]]\n"
        "    fix: use the full-width colon “：” in Chinese text (注意：请提前下单。), or put it in quotes: "
        "'注意: 请提前下单。'\n",
    ),
    # An amount's thousands separator, or an English date's comma, inside [ … ] ends the item there: the
    # amount or the date was silently cut in two (corpus search 2026-12-02, a 催款函 written as a flow list).
    "comma-in-amount": (
        HEAD + "title: 关于支付货款的催款函\nbody: [尚欠货款￥35,000.00元，请于4月10日前支付。]\n" + TAIL,
        "comma-in-amount.yaml:4:8: error SPEC the comma in “尚欠货款￥35,000.00元，请于4月10日前支付。” splits it "
        "into two items of the [ … ] list (“尚欠货款￥35” and “000.00元，请于4月10日前支付。”): YAML ends an item at "
        "every comma inside brackets\n"
        "    fix: put the item in quotes ('尚欠货款￥35,000.00元，请于4月10日前支付。'), or write the list one item "
        "per line, each after “- ”\n",
    ),
    "comma-in-company-name": (
        "lang: en\nissuer: {name: Huadong Hengxin Co., Ltd., signer: Li Ming}\ntitle: Price increase\n"
        "body:\n  - New prices apply from 1 March 2026.\n" + TAIL,
        "comma-in-company-name.yaml:2:16: error SPEC the comma in “Huadong Hengxin Co., Ltd.” ends the value of "
        "name inside { … }, and YAML reads “Ltd.” as a key of its own\n"
        "    fix: put the value in quotes: name: 'Huadong Hengxin Co., Ltd.'\n",
    ),
    "comma-in-date": (
        "lang: en\n" + HEAD + "title: Price increase\nbody: [New prices apply from March 1, 2026.]\n" + TAIL,
        "comma-in-date.yaml:5:8: error SPEC the comma in “New prices apply from March 1, 2026.” splits it into two "
        "items of the [ … ] list (“New prices apply from March 1” and “2026.”): YAML ends an item at every comma "
        "inside brackets\n"
        "    fix: put the item in quotes ('New prices apply from March 1, 2026.'), or write the list one item per "
        "line, each after “- ”\n",
    ),
}


@pytest.mark.parametrize("name", SLIPS)
def test_each_slip_at_its_place_with_what_to_type(tmp_path: Path, name: str) -> None:
    text, expected = SLIPS[name]
    (tmp_path / f"{name}.yaml").write_text(text, encoding="utf-8")
    result = run("check", f"{name}.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout.split("\n1 file checked")[0] + "\n" == expected


def test_a_folder_and_a_glob_report_every_slipped_file(tmp_path: Path) -> None:
    """No file with a slip is left out of a folder or glob run."""
    folder = tmp_path / "specs"
    folder.mkdir()
    for name, (text, _) in SLIPS.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    for target in ("specs", "specs/*.yaml"):
        result = run("check", target, cwd=tmp_path)
        assert result.returncode == 2
        assert f"{len(SLIPS)} files checked" in result.stdout
        for name, (_, expected) in SLIPS.items():
            first = expected.split("\n")[0]
            assert f"specs/{first}" in result.stdout, (target, name)
