"""P-WORDS: 截至 versus 截止, and the 的/地/得 slips Chinese proofreaders catch most often (warnings only)."""

from __future__ import annotations

from collections.abc import Iterator

from notices.check.context import CheckContext, TextField
from notices.check.findings import Hit
from notices.check.registry import rule
from notices.check.textscan import book_title_spans, merge, overlaps, protected_spans
from notices.i18n import _
from notices.patterns import LazyPattern

# 截止 ends something ("2月6日截止", "截止时间"); 截至 means "up to" and is followed by the time point.
_JIEZHI_BEFORE_TIME = LazyPattern(
    r"截止(?:到|至)|截止(?=[ \t]*(?:\d|[一二三四五六七八九十]+月|本|今|目前|当前|昨|明|发文))"
)

# ---- 的 where 地 belongs: an adverbial before a verb phrase ("认真的做好" → 认真地做好).
# Only forms in which what follows 的 cannot be a noun: 合理的安排 and 妥善的处理 are good noun phrases
# ("作出合理的安排", "得到妥善的处理"), so a bare verb after 的 is never enough.
_MANNER = (
    "认真|积极|及时|妥善|合理|主动|切实|全面|充分|深入|有效|迅速|耐心|细致|热情|严格|稳妥|有序|扎实|"
    "努力|大力|密切|仔细|正确|准确|快速|彻底|科学|高效|顺利|圆满|尽心|全力|按时|准时|如期|提前|"
    "愉快|快乐|平安|开心|安心|轻松"
)
_REDUPLICATED = r"(?P<a>[\u4e00-\u9fff])(?P=a)(?P<b>[\u4e00-\u9fff])(?P=b)"  # 认认真真, 扎扎实实
_VERB = (
    "做|办|安排|处理|落实|完成|配合|准备|组织|解决|执行|推进|开展|协调|衔接|保障|把握|管理|维护|规划|"
    "调配|检查|整改|回复|反馈|沟通|部署|对待|应对|防范"
)
# A result complement or 了 with an object makes a verb of it ("安排好", "处理完", "安排妥当", "完成了任务");
# 好处, 好评, 完善, 完成, 了解 are words of their own, and a final 了 may follow a noun ("最合理的安排了。").
_RESULT = (
    r"(?:好(?![处评感友像吃看听用多几久])|完(?![善整全美备成])|妥|了(?![解吧啊呢吗嘛，。！？；、,.!?;]|$))"
)
# Words that are only verbs: 把 opens a verb phrase (把关, 把握 are words), 做到 / 做出 (but 做法, 做事方式 are
# nouns), 进行 (not 进行曲), 予以, 加以, 给予, 度过 ("愉快的度过假期" → 愉快地).
_ONLY_VERB = r"把(?![关握控脉持守柄戏手])|做[到出起]|进行(?!曲)|予以|加以|给予|度过"
_DE_FOR_DI = LazyPattern(rf"(?:{_MANNER}|{_REDUPLICATED})的(?:(?:{_VERB}){_RESULT}|{_ONLY_VERB})")
# 尽快, 尽早 … are adverbs and never modify a noun, so 的 after them is always 地 (except "尽快的话").
_ADVERB_DE = LazyPattern(r"(?:尽快|尽早|及早|尽速|尽可能)的(?!话)(?=[\u4e00-\u9fff])")

# 您 has no plural: 《现代汉语词典》 notes that 们 does not follow 您 ("您二位", "您几位", or 各位 instead).
_NIN_MEN = LazyPattern(r"您们")

# ---- 的 where 得 belongs: a degree complement after a verb ("做的很好" → 做得很好).
_DONE = (
    "做|办|完成|处理|安排|落实|执行|准备|配合|组织|开展|推进|解决|回复|答复|讲|写|解释|介绍|表现|发挥|"
    "恢复|进展|举办|布置"
)
_DEGREE = "很|非常|十分|特别|相当|比较|较为|更加|更|极其|极为|越来越|不够|不太|不"
_JUDGED = (
    "好|及时|顺利|到位|周到|出色|圆满|仔细|认真|迅速|清楚|明白|完善|充分|妥当|细致|扎实|精彩|成功|规范|"
    "全面|准确|彻底"
)
# "所做的" and "做的…的" are noun phrases ("所做的很好", "做的最好的产品"); "好吃", "好处" are words.
_NOT_AFTER_JUDGED = r"(?![的地之得吃看听用玩喝闻受像处多些点几久])"
_DE_FOR_DE_DEGREE = LazyPattern(rf"(?<!所)(?:{_DONE})的(?:{_DEGREE})(?:{_JUDGED}){_NOT_AFTER_JUDGED}")
# Without a degree word only verbs that are never nouns, at a clause's end: "做的好。", "处理的及时，" (but "做的
# 好事" and "组织的成功，" are noun phrases).
_DONE_ONLY_VERB = "做|办|完成|处理|落实|执行|回复|答复|讲|写"
_JUDGED_BARE = "好|及时|到位|周到|出色|圆满|漂亮|妥当|清楚|明白"
_DE_FOR_DE_BARE = LazyPattern(rf"(?<!所)(?:{_DONE_ONLY_VERB})的(?:{_JUDGED_BARE})(?=[，。！；、,.!;]|$)")


@rule(
    "P-WORDS",
    "warning",
    summary="截至 versus 截止 (“截止2月6日” → 截至); 的 for 地 (“认真的做好”) or 得 (“完成的很好”); no “您们”",
    source="《现代汉语词典》(第7版) 截止/截至, 您; 《现代汉语八百词》的、地、得",
    good=[
        "body: [订单接收截止时间为2026年2月6日17:00，截至2026年1月5日已收到订单120份。]",
        "body: [请各经销商认真地做好备货工作，我司将作出合理的安排，去年的备货工作完成得很好。]",
        "body: [节日期间的订单将得到及时的处理，这样做的好处是节后尽快发货。]",
    ],
    bad=[
        "body: [截止2026年1月5日，已收到订单120份。]",
        "body: [订单受理截止到2026年2月6日。]",
        "body: [请各经销商认真的做好节前备货工作。]",
        "body: [去年的备货工作完成的很好。]",
        "body: [请尽快的安排发货。]",
        "body: [祝全体员工愉快的度过假期。]",
        "body: [感谢您们一年来的支持！]",
    ],
    langs=("zh",),
)
def word_choice(ctx: CheckContext) -> Iterator[Hit]:
    """截止 means "to stop" and follows the time ("2月6日截止", "截止时间为…"); 截至 means "up to" and is
    followed by the time ("截至2月6日"). "截止到" / "截止至" is 截至 written twice over.

    的 marks an attribute before a noun, 地 an adverbial before a verb, 得 a complement after a verb. Only
    forms where the verb reading is certain are flagged: a manner word (认真, 积极, 及时, 妥善, 合理 … or a
    reduplicated 认认真真) + 的 + a verb with a result complement or with 了 and an object (做好, 安排好,
    处理完, 完成了任务), or + a word that is only a verb (把, 做到, 做出, 进行, 予以); 尽快 / 尽早 + 的 (adverbs
    never modify a noun); a verb + 的 + a degree word + a judgement (完成的很好, 处理的非常及时), or a verb that
    is never a noun + 的 + a judgement that ends the clause (做的好。, 处理的及时，). "作出合理的安排", "得到妥善
    的处理", "这是最合理的安排了", "这样做的好处", "进行严格的把关", "所做的很好", "尽快的话" are right and pass.
    Heuristics, so warnings without an automatic fix.

    您 is the polite 你 and takes no 们 (《现代汉语词典》, 您): "您们好" is written "各位好", "您二位", or 你们."""
    for field in ctx.iter_texts():
        for match in _JIEZHI_BEFORE_TIME.finditer(field.text):
            yield Hit(
                field.path,
                _("“{group}” before a time point: the word is 截至").format(group=match.group()),
                fix=_("write 截至 (or put 截止 after the time: 2月6日截止)"),
                offset=match.start(),
            )
        for match in _NIN_MEN.finditer(field.text):
            yield Hit(
                field.path,
                "“您们”: 您 takes no 们",
                fix="write 各位 (各位好), 您二位 / 您几位, or 你们",
                offset=match.start(),
            )
        yield from _particles(field)


def _particles(field: TextField) -> Iterator[Hit]:
    text = field.text
    if "的" not in text:
        return
    skipped = merge([*protected_spans(text), *book_title_spans(text)])
    found: list[tuple[int, str, str, str]] = []
    for match in _DE_FOR_DI.finditer(text):
        found.append((match.start(), match.group(), "地", _("an adverbial before a verb takes 地")))
    for match in _ADVERB_DE.finditer(text):
        found.append((match.start(), match.group(), "地", _("an adverb takes 地, or nothing")))
    for pattern in (_DE_FOR_DE_DEGREE, _DE_FOR_DE_BARE):
        for match in pattern.finditer(text):
            found.append((match.start(), match.group(), "得", _("a complement after a verb takes 得")))
    for start, written, particle, why in sorted(found):
        if overlaps(start, start + len(written), skipped):
            continue
        at = start + written.index("的")
        yield Hit(
            field.path,
            _("“{written}”: {why}").format(written=written, why=why),
            fix=_("write {value}").format(value=written.replace("的", particle, 1)),
            offset=at,
        )
