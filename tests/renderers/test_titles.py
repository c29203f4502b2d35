"""The title tokenizer holds only the dictionary entries a title needs, and cuts as jieba's whole dictionary."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import jieba
import pytest

import notices
from notices.layout import titles

TITLES = (
    "华东恒信控股有限公司关于2026年春节放假期间暂停发货及节后恢复供货安排和《经销商服务手册》修订事项的通知",
    "华东恒信控股有限公司关于2026年国庆节放假及停发货安排的通知",
    "关于订货平台无法登录处理结果的通知",
    "关于RTX-4090显卡调价及C++开发工具包授权变更的通知",
    "关于“双十一”期间物流时效调整的补充通知",
    "2026年春节假期各区域值班安排表",
)
ISSUER = "华东恒信控股有限公司"


@pytest.fixture(scope="module")
def whole_dictionary() -> tuple[dict[str, int], int]:
    tokenizer = jieba.Tokenizer()
    return tokenizer.gen_pfdict(tokenizer.get_dict_file())


def _full_tokenizer(whole_dictionary: tuple[dict[str, int], int], extra_word: str) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = dict(whole_dictionary[0]), whole_dictionary[1]
    tokenizer.initialized = True
    if extra_word:
        tokenizer.add_word(extra_word, freq=10**6)
    return tokenizer


def _random_titles(words: list[str], count: int) -> list[str]:
    pick = random.Random(2026)
    made = []
    for _ in range(count):
        title = "".join(pick.choice(words) for _ in range(pick.randint(3, 10)))
        made.append(f"关于{title[:4]}{pick.randint(1, 2030)}年{title[4:]}的通知")
    return made


def test_the_dictionary_total_is_jiebas(whole_dictionary: tuple[dict[str, int], int]) -> None:
    assert titles._dictionary_total() == whole_dictionary[1]


@pytest.mark.parametrize("extra_word", ["", ISSUER])
def test_titles_are_cut_as_with_the_whole_dictionary(
    whole_dictionary: tuple[dict[str, int], int], extra_word: str
) -> None:
    full = _full_tokenizer(whole_dictionary, extra_word)
    words = [word for word, count in whole_dictionary[0].items() if count]
    for title in [*TITLES, *_random_titles(words, 40)]:
        text = title if not extra_word or extra_word in title else extra_word + title
        restricted = titles._tokenizer(text, extra_word)
        assert list(restricted.cut(text, HMM=True)) == list(full.cut(text, HMM=True)), text  # type: ignore[attr-defined]


def test_a_title_tokenizer_holds_only_pieces_of_its_title() -> None:
    tokenizer = titles._tokenizer(TITLES[0], ISSUER)
    assert 0 < len(tokenizer.FREQ) < 500  # type: ignore[attr-defined]
    assert all(word in TITLES[0] for word in tokenizer.FREQ)  # type: ignore[attr-defined]


def test_word_breaks_keep_the_issuer_and_numbers_whole() -> None:
    breaks = titles.word_breaks(TITLES[1], keep_whole=ISSUER)
    assert len(ISSUER) in breaks
    assert not any(0 < offset < len(ISSUER) for offset in breaks)
    year = TITLES[1].index("2026")
    assert not any(year < offset <= year + 4 for offset in breaks)


# Titles of real notices that a break between two words cut in the wrong place: a time split at its colon and a
# date from its time (福州市自来水有限公司's 停水通知 of 2020-10-26, corpus/real/zh-fuzhou-2020-tingshui), and a
# compound noun split (工业/用油, 车用/润滑油) where a conjunction offered a break that keeps both whole.
REAL_TITLES = {
    "关于2020年10月28日9:00至10月29日8:00大庆河给水管道迁改工程项目的停水通知": [
        "关于2020年10月28日9:00至10月29日8:00",
        "大庆河给水管道迁改工程项目的停水通知",
    ],
    "关于调整工业用油及车用润滑油产品销售价格的通知": ["关于调整工业用油及", "车用润滑油产品销售价格的通知"],
    # An adjective apart from its noun (先进/材料) cuts a phrase as two nouns do (成都市先进材料产业生态圈联盟's
    # 会员大会 of 2020, corpus/real/zh-cdxcl-2020-huiyuan-dahui): it broke "…成都市先进 / 材料产业…".
    "关于召开首次成都市先进材料产业生态圈联盟会员大会的通知": [
        "关于召开首次成都市先进材料",
        "产业生态圈联盟会员大会的通知",
    ],
}


@pytest.mark.parametrize("title", REAL_TITLES)
def test_real_titles_break_where_their_sense_allows(title: str, tmp_path: Path) -> None:
    spec = {"issuer": {"name": "福州市自来水有限公司"}, "title": title, "body": ["正文。"]}
    path = tmp_path / "notice.docx"
    path.write_bytes(notices.render_bytes(notices.load(spec), "docx"))
    (paragraph,) = [p for p in docx.Document(str(path)).paragraphs if p.style.name == "Notice Title"]
    assert paragraph.text.split("\n") == REAL_TITLES[title]


def test_no_break_inside_a_date_and_its_time() -> None:
    text = "关于2026年12月5日（星期六）22:00至次日6:00暂停订货系统服务的通知"
    date_time = range(text.index("2026"), text.index("至"))
    costs = titles.break_costs(text)
    assert not [offset for offset in costs if offset in date_time and offset != date_time.start]
    assert text.index("22:00") + 3 not in costs  # never "22:" / "00"
    # Beside 关于 costs nothing; inside 订货系统 (two nouns) more than beside 至.
    assert costs[2] == 0
    assert costs[text.index("系统")] > costs[text.index("至") + 1]
