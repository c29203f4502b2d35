"""The hostile corpus: spec-level inputs that once crashed, hung or leaked, each with what must happen instead.

Issue 11's corpus of 336 cases (bad bytes, YAML tricks, aliases, injection, template abuse, odd assets) found 41
tracebacks and 20 hangs. Its categories are rebuilt here from tables (characters × fields, template payloads ×
fields, …) so that every field a writer fills gets every attack, and every case states its expected answer:
refused with a located message (``Refused``), rendered showing the text as typed (``Prints``), or at least a
clean answer (``Answers``). Inputs a fuzz run found once live in ``found/`` and are added here, so a failure
found once stays a test.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from tests.hostile.harness import Answers, Case, Prints, Refused

FOUND = Path(__file__).parent / "found"

ISSUER = "issuer:\n  name: 华东恒信控股有限公司\n  header: 华东恒信控股有限公司文件\n  doc_number: 恒信发〔2026〕1号"
SIGN_OFF = "sign_off:\n  date: 2026-01-05"


def spec(*sections: str, title: str = "title: 华东恒信控股有限公司关于启用新版电子发票的通知") -> str:
    """A small valid Chinese notice with ``sections`` (YAML text blocks) added or replacing its parts."""
    keys = {section.split(":", 1)[0].strip() for section in sections}
    parts = [ISSUER] if "issuer" not in keys else []
    if "title" not in keys and title:
        parts.append(title)
    if "salutation" not in keys:
        parts.append("salutation: 尊敬的各经销商合作伙伴：")
    if "body" not in keys:
        parts.append("body:\n  - 为提高开票效率，我司将全面启用数电发票。")
    parts.extend(sections)
    if "sign_off" not in keys:
        parts.append(SIGN_OFF)
    return "\n".join(parts) + "\n"


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise ValueError(f"{needle!r} not in the text")


# Where a writer's text goes: a YAML section holding VALUE, the value written as YAML (quoted or not).
FIELDS: dict[str, str] = {
    "title": "title: VALUE",
    "salutation": "salutation: VALUE",
    "body": "body:\n  - VALUE",
    "heading": "body:\n  - heading: VALUE\n    text: 内容。",
    "item": "body:\n  - heading: 事项\n    items:\n      - VALUE",
    "cc": "cc:\n  - VALUE",
    "contact": "contact:\n  name: VALUE\n  phone: 021-6288 1234",
    "closing": "closing: VALUE",
    "attachment": "attachments:\n  - title: VALUE",
    "deadline": "deadlines:\n  - label: VALUE\n    date: 2026-01-20",
    "sign_off": "sign_off:\n  issuer: VALUE\n  date: 2026-01-05",
}


def in_field(field: str, value: str) -> str:
    return spec(FIELDS[field].replace("VALUE", value))


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------------------------------------- characters

# Characters no notice may hold (notices/reader/characters.py), raw in the file and as YAML escapes.
FORBIDDEN = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f",
    "\x80", "\x85", "\x9b", "\x9f",
    "\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff",
    "\u2028", "\u2029", "\u202e", "\u2066",
]  # fmt: skip
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff"]
CHARACTER_FIELDS = ("title", "salutation", "body", "cc", "contact", "item", "attachment")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def character_cases() -> Iterator[Case]:
    for char in FORBIDDEN:
        label = f"U+{ord(char):04X}"
        for field in CHARACTER_FIELDS:
            raw = in_field(field, f"正文{char}内容")
            yield Case(
                f"char-raw-{label}-{field}",
                "bad bytes",
                raw,
                Refused(label, line=line_of(raw, "正文")),
            )
            escaped = in_field(field, f'"正文{_escape(char)}内容"')
            yield Case(
                f"char-escaped-{label}-{field}",
                "bad bytes",
                escaped,
                Refused(label, line=line_of(escaped, "正文")),
            )
    for char in SURROGATES:
        label = f"U+{ord(char):04X}"
        for field in ("title", "body", "contact"):
            text = in_field(field, f'"正文{_escape(char)}内容"')
            yield Case(
                f"char-surrogate-{label}-{field}",
                "bad bytes",
                text,
                Refused(label, line=line_of(text, "正文")),
            )
    # the column is the character's own
    text = spec("body:\n  - 为提高开票效率\x07，我司")
    yield Case("char-column", "bad bytes", text, Refused("U+0007", line=line_of(text, "为提高"), column=12))
    # legitimate characters print as typed
    for name, value, shown in (
        ("tab-inside", '"正文\\t内容"', "正文"),
        ("ideographic-space", "正文\u3000内容", "内容"),
        ("no-break-space", "正文\u00a0内容", "内容"),
        ("zero-width-space", "正文\u200b内容", "内容"),
        ("rare-cjk", "𠀋正文", "正文"),
    ):
        yield Case(f"char-legit-{name}", "bad bytes", in_field("body", value), Prints((shown,)))
    # A character no installed font has is refused, at the place it was typed, instead of printing a box.
    emoji = in_field("body", "正文✅内容")
    refused = Refused("no installed font has a glyph", line=line_of(emoji, "✅"))
    yield Case("char-no-font-emoji", "bad bytes", emoji, refused)
    yield Case("char-legit-emoji", "bad bytes", in_field("body", "正文😀内容"), Answers())
    # A combining mark after its base letter renders, but the line breaker sets it apart from the letter
    # (drawn over a dotted circle): reported to the line-breaking work, held here to a clean answer.
    yield Case("char-legit-combining", "bad bytes", in_field("body", "e\u0301正文"), Answers())


def encoding_cases() -> Iterator[Case]:
    good = spec()
    yield Case("enc-utf8-bom", "bad bytes", b"\xef\xbb\xbf" + good.encode(), Prints(("数电发票",)))
    yield Case("enc-crlf", "bad bytes", good.replace("\n", "\r\n").encode(), Prints(("数电发票",)))
    yield Case("enc-cr-only", "bad bytes", good.replace("\n", "\r").encode(), Answers())
    yield Case("enc-utf16-le", "bad bytes", good.encode("utf-16"), Refused("not UTF-8", line=1))
    yield Case(
        "enc-utf16-be", "bad bytes", b"\xfe\xff" + good.encode("utf-16-be"), Refused("not UTF-8", line=1)
    )
    yield Case("enc-gbk", "bad bytes", good.encode("gbk"), Refused("GBK", line=2, column=9))
    yield Case("enc-latin1", "bad bytes", "title: caf\xe9\n".encode("latin-1"), Refused("not UTF-8", line=1))
    broken = good.encode().replace("数电".encode(), b"\xe6\x95")
    yield Case(
        "enc-truncated-sequence", "bad bytes", broken, Refused("not UTF-8", line=line_of(good, "数电"))
    )
    yield Case(
        "enc-surrogate-bytes",
        "bad bytes",
        good.encode().replace(b"\xe4\xb8\xba", b"\xed\xa0\x80"),
        Refused("not UTF-8"),
    )
    yield Case(
        "enc-overlong", "bad bytes", good.encode().replace(b"title", b"\xc0\xaetitle"), Refused("not UTF-8")
    )
    yield Case("enc-binary", "bad bytes", _png(4, 4), Refused("not UTF-8"))
    yield Case("enc-empty", "bad bytes", b"", Refused("empty"))
    yield Case("enc-bom-only", "bad bytes", b"\xef\xbb\xbf", Refused("empty"))
    yield Case("enc-whitespace", "bad bytes", b"   \n\n  \n", Refused("empty"))
    yield Case("enc-comments", "bad bytes", b"# only a comment\n", Refused("empty"))
    yield Case("enc-nul-run", "bad bytes", b"\x00" * 64, Refused("U+0000", line=1))


# ---------------------------------------------------------------------------------------------- YAML tricks


def yaml_cases() -> Iterator[Case]:
    cases: list[tuple[str, str, Refused | Answers | Prints]] = [
        (
            "merge-scalar",
            spec("contact:\n  <<: 5\n  name: 王静"),
            Refused("<<:", line=line_of(spec("contact:\n  <<: 5\n  name: 王静"), "<<")),
        ),
        ("merge-list-of-scalars", spec("contact:\n  <<: [1, 2]\n  name: 王静"), Refused("<<:")),
        ("merge-string", spec("contact:\n  <<: 王静"), Refused("<<:")),
        (
            "merge-ok",
            "base: &b {name: 王静}\n" + spec("contact:\n  <<: *b\n  phone: 021-1234"),
            Refused("unknown key 'base'"),
        ),
        ("self-alias-seq", "a: &a [*a]\n" + spec(), Refused("repeats the part that contains it", line=1)),
        ("self-alias-map", "a: &a {b: *a}\n" + spec(), Refused("repeats the part that contains it", line=1)),
        ("self-merge", "a: &a {<<: *a}\n" + spec(), Refused("repeats the part that contains it")),
        ("self-alias-in-body", spec("body: &b\n  - *b"), Refused("repeats the part that contains it")),
        ("undefined-alias", spec("cc: [*nothing]"), Refused("nothing")),
        ("deep-flow-30", spec("vars: {x: " + "[" * 30 + "]" * 30 + "}"), Refused("nested more than")),
        (
            "deep-flow-huge",
            spec("vars: {x: " + "[" * 200_000 + "]" * 200_000 + "}"),
            Refused("nested more than"),
        ),
        ("deep-flow-unclosed", spec("vars: {x: " + "[" * 100_000 + "}"), Refused("nested more than")),
        ("deep-map-flow", spec("vars: " + "{a: " * 40 + "1" + "}" * 40), Refused("nested more than")),
        (
            "deep-block",
            spec("vars:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(40)) + "  " * 41 + "v"),
            Refused("nested more than"),
        ),
        ("duplicate-key", spec() + "title: 另一个标题\n", Refused("duplicate key 'title'")),
        (
            "tag-python-apply",
            spec("vars:\n  x: !!python/object/apply:os.system ['echo hacked']"),
            Refused("tag"),
        ),
        ("tag-python-name", spec("vars:\n  x: !!python/name:os.system"), Refused("tag")),
        ("tag-python-object", spec("vars:\n  x: !!python/object:pathlib.Path {}"), Refused("tag")),
        ("tag-binary", spec("vars:\n  x: !!binary aGVsbG8="), Refused("tag")),
        ("tag-set", spec("vars:\n  x: !!set {a, b}"), Refused("tag")),
        ("tag-omap", spec("vars:\n  x: !!omap [a: 1]"), Refused("tag")),
        ("tag-pairs", spec("vars:\n  x: !!pairs [a: 1]"), Refused("tag")),
        ("tag-local", spec("vars:\n  x: !custom value"), Refused("tag")),
        ("tag-str-on-map", spec("vars:\n  x: !!str {a: 1}"), Refused("tag")),
        ("several-documents", spec() + "---\n" + spec(), Refused("single document")),
        ("top-level-list", "- a\n- b\n", Refused("mapping of keys")),
        ("top-level-scalar", "hello\n", Refused("mapping of keys")),
        ("top-level-null", "~\n", Refused("mapping of keys")),
        ("title-null", spec(title="title: ~"), Refused("title")),
        # what the writer typed, not YAML 1.1's number or boolean (reader/as_typed.py)
        ("title-number", spec(title="title: 0123"), Prints(("0123",))),
        ("title-list", spec(title="title: [a, b]"), Refused("title")),
        ("title-map", spec(title="title: {a: b}"), Refused("title")),
        ("title-bool", spec(title="title: yes"), Prints(("yes",))),
        ("complex-key", spec("? [a, b]\n: c"), Refused("plain word")),
        ("null-key", spec("~: value"), Refused("plain word")),
        ("bool-key", spec("yes: value"), Refused("plain word")),
        (
            "number-inf",
            spec(
                "kind: price",
                "price:\n  effective_date: 2026-03-02\n  items:\n    - {product: 复合肥, old: .inf, new: 3380}\n  in_transit: {price: old}",
            ),
            Refused("not a number"),
        ),
        ("number-nan", spec("vars:\n  x: .nan"), Refused("not a number")),
        ("huge-int", spec("vars:\n  x: " + "9" * 6000), Refused("cannot read value")),
        ("impossible-date", spec("sign_off:\n  date: 2026-02-30"), Refused("impossible date")),
        ("date-year-1", spec("sign_off:\n  date: 0001-01-01"), Answers()),
        ("date-year-9999", spec("sign_off:\n  date: 9999-12-31"), Answers()),
        ("timestamp-tz", spec("sign_off:\n  date: 2026-01-05T10:00:00+08:00"), Answers()),
        ("anchor-ok", "x: &x 王静\n" + spec(), Refused("unknown key 'x'")),
        ("unclosed-quote", spec(title='title: "关于'), Refused("YAML")),
        ("unclosed-flow", spec("cc: [a, b"), Refused("YAML")),
        ("bad-indent", spec("issuer:\n name: x\n  header: y"), Refused("YAML")),
        ("directive", "%YAML 1.1\n---\n" + spec(), Answers()),
        ("bad-directive", "%YAML 9.9\n---\n" + spec(), Refused("YAML")),
        ("only-document-marker", "---\n", Refused("mapping of keys")),
        ("key-too-long", spec("a" * 2000 + ": 1"), Answers()),
    ]
    for name, text, expect in cases:
        yield Case(f"yaml-{name}", "YAML tricks", text, expect)


def alias_cases() -> Iterator[Case]:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    bomb = "\n".join(lines) + "\n"
    yield Case("alias-billion-laughs", "aliases", bomb, Refused("aliases", line=4))
    yield Case(
        "alias-bomb-in-vars",
        "aliases",
        spec("vars:\n  " + bomb.replace("\n", "\n  ").rstrip()),
        Refused("aliases"),
    )
    many = "x: &x a\n" + spec("cc: [" + ", ".join(["*x"] * 101) + "]")
    yield Case("alias-101", "aliases", many, Refused("more than 100 aliases"))
    ok = spec("cc: [&x 各区域销售中心, " + ", ".join(["*x"] * 50) + "]")
    yield Case("alias-50-ok", "aliases", ok, Prints(("各区域销售中心",)))
    long = "正文" * 4000
    repeated = spec(f"body:\n  - &p {long}\n" + "\n".join(["  - *p"] * 99))
    yield Case("alias-long-string-100", "aliases", repeated, Refused("characters of text"))
    title = "关于" + "春节" * 2000 + "的通知"
    yield Case(
        "alias-long-title",
        "aliases",
        spec("attachments:\n  - title: *t", title=f"title: &t {title}"),
        Refused("limited to"),
    )
    nested = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    yield Case("alias-nested-ok", "aliases", nested + spec(), Refused("unknown key"))
    yield Case("alias-redefined", "aliases", spec("cc: [&x a, &x b, *x]"), Refused("duplicate anchor"))
    yield Case("alias-key", "aliases", spec("vars: {&k key: 1, *k : 2}"), Refused("duplicate key"))


# ---------------------------------------------------------------------------------------------- limits


def limit_cases() -> Iterator[Case]:
    for length in (121, 300, 1200):
        title = "关于" + "春节放假" * (length // 4) + "的通知"
        text = spec(title=f"title: {title}")
        yield Case(
            f"limit-title-{length}",
            "limits",
            text,
            Refused("title is limited to", line=line_of(text, "title:")),
        )
    yield Case("limit-title-120", "limits", spec(title="title: " + "关于" + "春" * 114 + "的通知"), Answers())
    yield Case(
        "limit-title-english-300",
        "limits",
        spec("lang: en", title="title: " + "Notice " * 43),
        Refused("limited to"),
    )
    long_attachment = "附件" * 300
    yield Case(
        "limit-attachment-title", "limits", in_field("attachment", long_attachment), Refused("limited to")
    )
    yield Case("limit-string", "limits", in_field("body", "字" * 10_001), Refused("one value is limited"))
    yield Case(
        "limit-salutation", "limits", in_field("salutation", "尊" * 10_001), Refused("one value is limited")
    )
    body = "body:\n" + "\n".join(f"  - {'段落内容' * 250}" for _ in range(21))
    yield Case("limit-total-text", "limits", spec(body), Refused("characters of text"))
    paragraphs = "body:\n" + "\n".join(f"  - 第{i}段。" for i in range(151))
    yield Case("limit-paragraphs", "limits", spec(paragraphs), Refused("paragraphs, headings and items"))
    items = "body:\n  - heading: 事项\n    items:\n" + "".join(f"      - 第{i}项。\n" for i in range(1, 121))
    yield Case("limit-items-120", "limits", spec(items.rstrip()), Prints(("（一百二十）第120项",)))
    headings = "body:\n" + "\n".join(f"  - heading: 事项{i}" for i in range(1, 102))
    yield Case("limit-headings-101", "limits", spec(headings), Prints(("一百零一、事项101",)))
    price = spec(
        "kind: price",
        "price:\n  effective_date: 2026-03-02\n  items:\n    - {product: 复合肥, old: 3200, new: 3380, unit: 吨"
        + "字" * 300
        + "}\n    - {product: 尿素, old: 2450, new: 2560}\n  in_transit:\n    price: old",
        title="title: 华东恒信控股有限公司关于部分产品价格调整的通知",
    )
    yield Case(
        "limit-table-cell",
        "limits",
        price,
        Refused("a cell is limited to", line=line_of(price, "effective_date")),
    )
    vars_deep = "vars:\n  x: " + "{a: " * 20 + "1" + "}" * 20
    yield Case("limit-depth-ok", "limits", spec(vars_deep), Answers())
    yield Case(
        "limit-file-size", "limits", spec("vars:\n  x: '" + "a" * 1_100_000 + "'"), Refused("limited to")
    )
    values = "vars:\n  x: [" + ",".join(["1"] * 210_000) + "]"
    yield Case("limit-values", "limits", spec(values), Refused("values"))
    yield Case(
        "limit-dict-recursive",
        "limits",
        data=_recursive_dict(),
        expect=Refused("nested more than"),
    )


def _recursive_dict() -> dict[str, object]:
    data: dict[str, object] = {"issuer": {"name": "某某公司"}, "title": "关于放假的通知", "vars": {}}
    inner: dict[str, object] = {}
    inner["self"] = inner
    data["vars"] = inner
    return data


# ---------------------------------------------------------------------------------------------- slips


def slip_cases() -> Iterator[Case]:
    body = "body:\n  - 正文。"
    mid = f"{ISSUER}\ntitle：关于启用新版电子发票的通知\nsalutation: 尊敬的客户：\n{body}\n{SIGN_OFF}\n"
    yield Case("slip-full-width-colon-mid", "slips", mid, Refused("full-width colon", line=5, column=6))
    last = f"{ISSUER}\n{body}\n{SIGN_OFF}\ntitle：关于启用新版电子发票的通知\n"
    yield Case(
        "slip-full-width-colon-last",
        "slips",
        last,
        Refused("full-width colon", line=line_of(last, "title：")),
    )
    first = f"title：关于启用新版电子发票的通知\n{ISSUER}\n{body}\n"
    yield Case("slip-full-width-colon-first", "slips", first, Refused("full-width colon", line=1))
    nested = spec("contact:\n  name：王静\n  phone: 021-6288 1234")
    yield Case(
        "slip-full-width-colon-nested", "slips", nested, Refused("name: 王静", line=line_of(nested, "name："))
    )
    spaced = f"{ISSUER}\ntitle ： 关于启用新版电子发票的通知\n{body}\n"
    yield Case("slip-full-width-colon-spaced", "slips", spaced, Refused("full-width colon", line=5))
    tab = spec("contact:\n\tname: 王静")
    yield Case("slip-tab", "slips", tab, Refused("spaces", line=line_of(tab, "\tname")))
    tab_mid = spec("contact:\n  name: 王静\n \tphone: 1")
    yield Case("slip-tab-after-space", "slips", tab_mid, Refused("spaces"))
    brace = spec("salutation: {{ recipient.name }}，您好：", "recipient: {name: 张三}")
    yield Case("slip-brace", "slips", brace, Refused("single quotes", line=line_of(brace, "{{")))
    brace_only = spec("salutation: {{ recipient.name }}", "recipient: {name: 张三}")
    yield Case(
        "slip-brace-only", "slips", brace_only, Refused("single quotes", line=line_of(brace_only, "{{"))
    )
    brace_item = spec("body:\n  - {{ vars.x }}", "vars: {x: 1}")
    yield Case(
        "slip-brace-item", "slips", brace_item, Refused("single quotes", line=line_of(brace_item, "{{"))
    )
    colon = spec(title="title: 通知: 关于春节放假")
    yield Case(
        "slip-colon-space", "slips", colon, Refused("a colon and a space", line=line_of(colon, "通知:"))
    )
    colon_en = spec("lang: en", title="title: Notice: holiday")
    yield Case("slip-colon-space-en", "slips", colon_en, Refused("quotes", line=line_of(colon_en, "Notice:")))
    salute = spec("salutation: 尊敬的各经销商合作伙伴:")
    yield Case(
        "slip-half-colon-end",
        "slips",
        salute,
        Refused("full-width colon", line=line_of(salute, "salutation")),
    )
    salute_item = spec("body:\n  - 尊敬的用户:\n  - 正文。")
    yield Case(
        "slip-half-colon-item",
        "slips",
        salute_item,
        Refused("full-width colon", line=line_of(salute_item, "尊敬的用户")),
    )
    chinese = f"{ISSUER}\n标题: 关于启用新版电子发票的通知\n{body}\n"
    yield Case("slip-chinese-key", "slips", chinese, Refused("write title:", line=5))
    chinese_fw = f"{ISSUER}\n标题：关于启用新版电子发票的通知\n{body}\n"
    yield Case("slip-chinese-key-full-width", "slips", chinese_fw, Refused("title: 关于", line=5))
    yield Case(
        "slip-body-colon-ok",
        "slips",
        in_field("body", "注意：请于2月6日前下单。"),
        Prints(("注意：请于2月6日前下单",)),
    )
    block = spec("body:\n  - |\n    title：这是正文的一行\n    note：第二行")
    yield Case("slip-block-ok", "slips", block, Prints(("title：这是正文的一行",)))


# ---------------------------------------------------------------------------------------------- templates

TEMPLATE_PAYLOADS: list[tuple[str, str, str]] = [
    ("range-big", "{% for i in range(10**8) %}x{% endfor %}", "range()"),
    (
        "nested-loops",
        "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
        "longer than",
    ),
    (
        "nested-string-loops",
        "{% set s = 'a' * 9000 %}{% for i in s %}{% for j in s %}{% endfor %}{% endfor %}",
        "longer than",
    ),
    ("output-flood", "{% for i in range(10000) %}{{ 'a' * 100 }}{% endfor %}", "more than"),
    ("multiply-string", "{{ 'a' * 10**9 }}", "characters"),
    ("multiply-list", "{{ [1] * 10**9 }}", "characters"),
    ("multiply-reversed", "{{ 10**9 * 'ab' }}", "characters"),
    ("power", "{{ 10 ** 100000 }}", "digits"),
    ("power-nested", "{{ 2 ** 64 ** 64 }}", "digits"),
    ("power-float", "{{ 10.0 ** 1000 }}", "template"),
    ("lipsum", "{{ lipsum(10**6) }}", "lipsum"),
    ("lipsum-words", "{{ lipsum(1, max=10**9) }}", "lipsum"),
    ("recursive-macro", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(1) }}", "nested"),
    (
        "mutual-macros",
        "{% macro a() %}{{ b() }}{% endmacro %}{% macro b() %}{{ a() }}{% endmacro %}{{ a() }}",
        "nested",
    ),
    ("recursive-loop", "{% for x in [[1]] recursive %}{{ loop([[x]]) }}{% endfor %}", "nested"),
    ("format-width", "{{ '%999999999d' % 1 }}", "width"),
    ("str-format-width", "{{ '{:>999999999}'.format(1) }}", "width"),
    ("format-filter", "{{ '%999999999s'|format('x') }}", "size"),
    ("ljust", "{{ 'a'.ljust(10**9) }}", "width"),
    ("zfill", "{{ '1'.zfill(10**9) }}", "width"),
    ("center-filter", "{{ 'a'|center(10**9) }}", "size"),
    ("indent-filter", "{{ 'a\\nb'|indent(10**9) }}", "size"),
    ("batch-filter", "{{ range(10)|batch(10**9)|list }}", "size"),
    ("slice-filter", "{{ range(10)|slice(10**9)|list }}", "size"),
    ("join-huge", "{{ ('a' * 100000).join(['b' * 1000] * 1000) }}", "characters"),
    ("replace-huge", "{{ ('a' * 100000).replace('', 'b' * 1000) }}", "characters"),
    (
        "concat-loop",
        "{% set ns = namespace(s='a') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "template",
    ),
    ("cn-date-on-text", "{{ 'x'|cn_date }}", "needs a date"),
    ("cn-weekday-on-number", "{{ 5|cn_weekday }}", "needs a date"),
    ("cn-time-on-text", "{{ 'x'|cn_time }}", "needs a time"),
    ("truncate-negative", "{{ 'abc'|truncate(-5) }}", "truncate"),
    ("round-text", "{{ 3.3|round('x') }}", "round"),
    ("divide-by-zero", "{{ 1 / 0 }}", "template"),
    ("modulo-zero", "{{ 1 % 0 }}", "template"),
    ("subscript-of-int", "{{ 1[0] }}", "element"),
    ("star-width", "{{ '%*d' % (10**9, 1) }}", "width"),
    ("nested-format-width", "{{ '{:{}}'.format(1, 10**9) }}", "width"),
    ("dunder-class", "{{ ''.__class__.__mro__ }}", "unsafe"),
    ("dunder-globals", "{{ cycler.__init__.__globals__ }}", "unsafe"),
    ("mutate-list", "{% set x = [] %}{{ x.append(1) }}", "unsafe"),
    ("format-attribute", "{{ '{0.__class__}'.format('') }}", "unsafe"),
    ("include-file", "{% include '/etc/passwd' %}", "passwd"),
    ("extends", "{% extends 'base.html' %}", "base.html"),
    ("import", "{% import 'x.j2' as x %}", "x.j2"),
    ("undefined", "{{ nothing_here }}", "undefined"),
    ("syntax", "{{ 1 + }}", "template"),
    ("unclosed", "{% for x in y %}", "template"),
    ("nul-output", "{{ '\\x00' }}", "U+0000"),
    ("bidi-output", "{{ '\\u202e' }}", "U+202E"),
    (
        "int-to-str-limit",
        "{{ (10 ** 999) * (10 ** 999) * (10 ** 999) * (10 ** 999) * (10 ** 999) }}",
        "template",
    ),
]
TEMPLATE_FIELDS = (
    "title",
    "salutation",
    "body",
    "heading",
    "item",
    "cc",
    "contact",
    "closing",
    "attachment",
    "deadline",
    "sign_off",
)


def template_cases() -> Iterator[Case]:
    for name, payload, says in TEMPLATE_PAYLOADS:
        fields = (
            TEMPLATE_FIELDS
            if name in ("range-big", "nested-loops", "multiply-string", "lipsum", "recursive-macro", "power")
            else ("body", "title")
        )
        for field in fields:
            text = in_field(field, single_quoted(payload))
            yield Case(
                f"template-{name}-{field}",
                "template abuse",
                text,
                Refused(says, line=line_of(text, single_quoted(payload)[:8])),
            )
    # ordinary templates still work
    ok = spec("salutation: '尊敬的{{ recipient.name }}：'", "recipient: {name: 上海某某商贸有限公司}")
    yield Case("template-ok-recipient", "template abuse", ok, Prints(("尊敬的上海某某商贸有限公司：",)))
    loops = spec(
        "body:\n  - '{% for d in vars.days %}{{ d }}日{% if not loop.last %}、{% endif %}{% endfor %}放假。'",
        "vars: {days: [1, 2, 3]}",
    )
    yield Case("template-ok-loop", "template abuse", loops, Prints(("1日、2日、3日放假",)))


def kind_template_cases() -> Iterator[Case]:
    """A house style's own kind templates run in the same budget."""
    house = "company: 蓝汀智能科技有限公司\nletterhead: 蓝汀智能科技有限公司文件\nkinds: kinds\n"
    spec_text = (
        "house_style: house/house.yaml\nkind: recall\ntitle: 蓝汀智能科技有限公司关于召回部分产品的通知\n"
        "salutation: 尊敬的客户：\nsign_off:\n  date: 2026-03-06\n"
    )
    templates = {
        "loop": "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}::p 正文。\n",
        "flood": "{% for i in range(10000) %}::p {{ 'a' * 100 }}\n{% endfor %}",
        "self-include": "::p 正文。\n{% include 'recall.zh.j2' %}\n",
        "recursive-macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}::p {{ f(1) }}\n",
        "include-outside": "{% include '../house.yaml' %}\n",
        "filter-error": "::p {{ 'x'|cn_date }}\n",
    }
    expected = {
        "loop": "longer than",
        "flood": "more than",
        "self-include": "nested too deeply",
        "recursive-macro": "nested",
        "include-outside": "cannot include",
        "filter-error": "needs a date",
    }
    for name, template in templates.items():
        files = {"house/house.yaml": house, "house/kinds/recall.zh.j2": template}
        yield Case(f"kind-template-{name}", "template abuse", spec_text, Refused(expected[name]), files=files)
    good = {"house/house.yaml": house, "house/kinds/recall.zh.j2": "::p 请将产品退回。\n"}
    yield Case("kind-template-ok", "template abuse", spec_text, Prints(("请将产品退回",)), files=good)


# ---------------------------------------------------------------------------------------------- injection

INJECTIONS = [
    "<b>粗体</b>",
    "</p><p>另起一段",
    "<script>alert(1)</script>",
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "]]><w:p>",
    "&amp; &lt; &#x41;",
    "\" ' ` \\",
    "<!-- 注释 -->",
    "<style>body{display:none}</style>",
    "@import url(file:///etc/passwd);",
    "url(http://127.0.0.1:1/x)",
]


def injection_cases() -> Iterator[Case]:
    for index, text in enumerate(INJECTIONS):
        for field in ("title", "body", "salutation", "contact"):
            yield Case(
                f"inject-{index}-{field}", "injection", in_field(field, single_quoted(text)), Prints((text,))
            )
    # recipient data is data, never a template
    salutation = spec("salutation: '尊敬的{{ recipient.name }}：'", "recipient: {name: 张三}")
    for name, value in (
        ("jinja", "关于{{ 7*7 }}"),
        ("loop", "{% for i in range(10**8) %}x{% endfor %}"),
        ("html", "<b>x</b>"),
    ):
        yield Case(
            f"inject-recipient-{name}", "injection", salutation, Prints((value,)), recipient={"name": value}
        )
    # template output is text too
    yield Case(
        "inject-template-output",
        "injection",
        in_field("body", single_quoted("{{ '<b>' ~ '{{ 7*7 }}' }}")),
        Prints(("<b>{{ 7*7 }}",)),
    )
    # vars and recipients reaching a template are plain data only
    import os
    import pathlib

    base = {"issuer": {"name": "某某公司"}, "title": "关于放假的通知", "sign_off": {"date": "2026-01-05"}}
    for name, value, says in (
        ("module", os, "module"),
        ("path", pathlib.Path("/etc/hostname"), "PosixPath"),
        ("function", print, "function"),
        ("class", dict, "function or class"),
        ("lambda", lambda: 1, "function"),
        ("object", object(), "object"),
        ("bytes", b"abc", "bytes"),
        ("set", {1, 2}, "set"),
        ("nested-module", {"a": [os]}, "module"),
    ):
        data = {**base, "body": ["{{ vars.x }}"], "vars": {"x": value}}
        yield Case(f"inject-vars-{name}", "injection", data=data, expect=Refused(says))
    recipient_data = {**base, "salutation": "尊敬的{{ recipient.name }}："}
    yield Case(
        "inject-recipient-module",
        "injection",
        data=recipient_data,
        recipient={"name": os},
        expect=Refused("module"),
    )
    yield Case(
        "inject-recipient-path",
        "injection",
        data=recipient_data,
        recipient={"name": pathlib.Path(".")},
        expect=Refused("Path"),
    )


# ---------------------------------------------------------------------------------------------- locale and numbers


def number_cases() -> Iterator[Case]:
    en = "lang: en"
    yield Case("locale-unknown", "locale and numbers", spec(en, "locale: xx_YY"), Refused("unknown locale"))
    yield Case("locale-empty", "locale and numbers", spec(en, "locale: ''"), Refused("unknown locale"))
    yield Case("locale-zh", "locale and numbers", spec(en, "locale: zh_CN"), Refused("unknown locale"))
    yield Case(
        "locale-underscore-ok",
        "locale and numbers",
        spec(en, "locale: en_US", "salutation: 'Dear Sir or Madam:'", "body:\n  - We are moving."),
        Answers(),
    )

    def price(items: str) -> str:
        return spec(
            "kind: price",
            "price:\n  effective_date: 2026-03-02\n  items:\n" + items + "\n  in_transit:\n    price: old",
            title="title: 华东恒信控股有限公司关于部分产品价格调整的通知",
        )

    for name, items in (
        ("percent-huge", "    - {product: 复合肥, change_percent: 1e30}"),
        ("percent-extreme", "    - {product: 复合肥, change_percent: 99999999999999999999}"),
        ("percent-tiny-old", "    - {product: 复合肥, old: 0.0000000001, new: 500000000000000}"),
        ("price-huge", "    - {product: 复合肥, old: 1e20, new: 2e20}"),
        ("price-zero", "    - {product: 复合肥, old: 0, new: 100}"),
        ("price-negative", "    - {product: 复合肥, old: -5, new: 100}"),
        ("price-text", "    - {product: 复合肥, old: abc, new: 100}"),
        ("percent-text", "    - {product: 复合肥, change_percent: abc}"),
        ("price-many-decimals", "    - {product: 复合肥, old: 3200.123456789123456789, new: 3380.987654321}"),
    ):
        yield Case(f"number-{name}", "locale and numbers", price(items), Answers())


# ---------------------------------------------------------------------------------------------- assets


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def _png(width: int, height: int, *, rows: bytes | None = None) -> bytes:
    raw = rows if rows is not None else b"".join(b"\x00" + b"\xff\x00\x00\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(raw))
        + _png_chunk(b"IEND", b"")
    )


def _bomb_png() -> bytes:
    width = height = 30_000
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * (width * 4)
    data = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def _gif() -> bytes:
    return (
        b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\x00\x00\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
        b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
    )


def asset_cases() -> Iterator[Case]:
    png = _png(40, 40)
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><circle cx="50" cy="50" r="40" fill="red"/></svg>'
    seal_spec = spec("sign_off:\n  date: 2026-01-05\n  seal: seal.png")
    line = line_of(seal_spec, "seal:")
    cases: list[tuple[str, str, dict[str, str | bytes], Refused | Prints | Answers]] = [
        ("seal-ok", seal_spec, {"seal.png": png}, Prints(("华东恒信控股有限公司",))),
        ("seal-missing", seal_spec, {}, Refused("not found", line=line)),
        ("seal-empty", seal_spec, {"seal.png": b""}, Refused("empty", line=line)),
        ("seal-truncated", seal_spec, {"seal.png": png[: len(png) // 2]}, Refused("truncated", line=line)),
        ("seal-header-only", seal_spec, {"seal.png": png[:33]}, Refused("seal", line=line)),
        ("seal-text", seal_spec, {"seal.png": "not an image at all"}, Refused("not a PNG", line=line)),
        (
            "seal-bad-crc",
            seal_spec,
            {"seal.png": png[:29] + bytes([png[29] ^ 0xFF]) + png[30:]},
            Refused("seal", line=line),
        ),
        (
            "seal-bad-idat",
            seal_spec,
            {"seal.png": _png(40, 40, rows=b"\x07" * 50)},
            Refused("seal", line=line),
        ),
        ("seal-zero-size", seal_spec, {"seal.png": _png(0, 0, rows=b"")}, Refused("seal", line=line)),
        ("seal-bomb", seal_spec, {"seal.png": _bomb_png()}, Refused("pixels", line=line)),
        ("seal-svg", seal_spec.replace("seal.png", "seal.svg"), {"seal.svg": svg}, Refused("SVG", line=line)),
        ("seal-svg-named-png", seal_spec, {"seal.png": svg}, Refused("SVG", line=line)),
        ("seal-gif-ok", seal_spec.replace("seal.png", "seal.gif"), {"seal.gif": _gif()}, Answers()),
        (
            "seal-jpeg-truncated",
            seal_spec.replace("seal.png", "seal.jpg"),
            {"seal.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"},
            Refused("seal", line=line),
        ),
        (
            "seal-pdf",
            seal_spec,
            {"seal.png": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"},
            Refused("not a PNG", line=line),
        ),
        ("seal-folder", seal_spec, {"seal.png/x": "x"}, Refused("seal", line=line)),
        (
            "seal-outside",
            spec("sign_off:\n  date: 2026-01-05\n  seal: ../seal.png"),
            {},
            Refused("outside", line=line),
        ),
        (
            "seal-absolute",
            spec("sign_off:\n  date: 2026-01-05\n  seal: /etc/passwd"),
            {},
            Refused("outside", line=line),
        ),
        (
            "seal-dev",
            spec("sign_off:\n  date: 2026-01-05\n  seal: /dev/zero"),
            {},
            Refused("outside", line=line),
        ),
        (
            "seal-nul-name",
            spec('sign_off:\n  date: 2026-01-05\n  seal: "seal\\0.png"'),
            {},
            Refused("U+0000", line=line),
        ),
        (
            "seal-long-name",
            spec("sign_off:\n  date: 2026-01-05\n  seal: " + "s" * 5000 + ".png"),
            {},
            Refused("seal", line=line),
        ),
        # names the file system refuses for their length (ENAMETOOLONG, which Path.is_file() raises): once
        # tracebacks from the seal check (B-SEAL-RED), now refused at the line that names them
        (
            "seal-name-300-bytes",
            spec("sign_off:\n  date: 2026-01-05\n  seal: " + "s" * 296 + ".png"),
            {},
            Refused("limited to 255 bytes", line=line),
        ),
        (
            "seal-name-cjk-300-bytes",
            spec("sign_off:\n  date: 2026-01-05\n  seal: " + "印" * 100 + ".png"),
            {},
            Refused("limited to 255 bytes", line=line),
        ),
        (
            "seal-path-6000-bytes",
            spec("sign_off:\n  date: 2026-01-05\n  seal: " + "/".join(["d" * 200] * 30) + "/seal.png"),
            {},
            Refused("limited to 4096 bytes", line=line),
        ),
    ]
    for name, text, files, expect in cases:
        yield Case(f"asset-{name}", "odd assets", text, expect, files=files)
    house = "company: 华东恒信控股有限公司\nletterhead: 华东恒信控股有限公司文件\nlogo: logo.png\nseal: seal.png\n"
    house_spec = "house_style: house/house.yaml\ntitle: 华东恒信控股有限公司关于放假的通知\nsign_off:\n  date: 2026-01-05\n"
    for name, logo, seal, says in (
        ("house-logo-truncated", png[:60], png, "logo"),
        ("house-seal-svg", png, svg.encode(), "SVG"),
        ("house-seal-empty", png, b"", "empty"),
        ("house-logo-text", b"GIF89a but not really", png, "logo"),
    ):
        files = {"house/house.yaml": house, "house/logo.png": logo, "house/seal.png": seal}
        yield Case(
            f"asset-{name}",
            "odd assets",
            house_spec,
            Refused(says, line=3 if "logo" in name else 4),
            files=files,
        )


# ---------------------------------------------------------------------------------------------- house styles


LONG_PATH = "/".join(["d" * 200] * 30)  # 6,000 bytes: each name fits, the whole path does not


def house_style_cases() -> Iterator[Case]:
    spec_text = "house_style: house/house.yaml\ntitle: 华东恒信控股有限公司关于放假的通知\nsign_off:\n  date: 2026-01-05\n"
    for name, house, says, line in (
        ("control-char", "company: 恒信\x07控股\n", "U+0007", 1),
        ("escaped-nul", 'company: "恒信\\0控股"\n', "U+0000", 1),
        (
            "alias-bomb",
            "a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b ["
            + ",".join(["*a"] * 10)
            + "]\nc: ["
            + ",".join(["*b"] * 10)
            + "]\n",
            "aliases",
            3,
        ),
        ("full-width-colon", "company：恒信控股\nletterhead: 恒信控股文件\n", "full-width colon", 1),
        ("tab", "company:\n\tzh: 恒信\n", "spaces", 2),
        ("self-alias", "company: &c {zh: *c}\n", "repeats", 1),
        ("not-utf8", "company: 恒信控股\n".encode("gbk"), "not UTF-8", 1),
        ("empty", "", "empty", 1),
        ("list", "- a\n", "mapping", None),
        ("deep", "company: " + "[" * 100 + "]" * 100 + "\n", "nested", 1),
        ("outside-seal", "company: 恒信\nseal: ../../etc/passwd\n", "outside", 2),
        ("bad-colour", "company: 恒信\ncolours: {letterhead: red}\n", "colour", 2),
        ("locale", "company: 恒信\nlocale: xx_YY\n", "locale", 2),
        ("logo-name-300-bytes", f"company: 恒信\nlogo: {'l' * 296}.png\n", "limited to 255 bytes", 2),
        ("seal-name-300-bytes", f"company: 恒信\nseal: {'s' * 296}.png\n", "limited to 255 bytes", 2),
        ("seal-path-6000-bytes", f"company: 恒信\nseal: {LONG_PATH}/s.png\n", "limited to 4096 bytes", 2),
        (
            "font-file-300-bytes",
            f"company: 恒信\nfonts:\n  title: {{file: {'f' * 296}.ttf}}\n",
            "limited to 255 bytes",
            3,
        ),
        ("kinds-folder-300-bytes", f"company: 恒信\nkinds: {'k' * 300}\n", "limited to 255 bytes", 2),
    ):
        files: dict[str, str | bytes] = {"house/house.yaml": house}
        yield Case(f"house-{name}", "house styles", spec_text, Refused(says, line=line), files=files)
    # the spec's own house_style value, and pyproject.toml's, too long for the file system
    for name, named, says in (
        ("name-300-bytes", "h" * 296 + ".yaml", "limited to 255 bytes"),
        ("path-6000-bytes", LONG_PATH + "/house.yaml", "limited to 4096 bytes"),
    ):
        text = spec_text.replace("house/house.yaml", named)
        yield Case(f"house-style-{name}", "house styles", text, Refused(says, line=1))
    no_style = spec_text.split("\n", 1)[1]
    pyproject = f'[tool.notices]\nhouse_style = "{"h" * 296}.yaml"\n'
    yield Case(
        "house-style-pyproject-300-bytes",
        "house styles",
        ISSUER + "\n" + no_style,
        Refused("house_style"),
        files={"pyproject.toml": pyproject},
    )
    # a kind whose template name is too long for the file system: an unknown kind, not a traceback
    kinds = {"house/house.yaml": "company: 恒信\nkinds: kinds\n", "house/kinds/recall.zh.j2": "::p 正文。\n"}
    yield Case(
        "house-kind-name-300-bytes",
        "house styles",
        "kind: " + "k" * 300 + "\n" + spec_text,
        Refused("unknown kind", line=1),
        files=kinds,
    )


# ---------------------------------------------------------------------------------------------- the corpus

GENERATORS: list[Callable[[], Iterator[Case]]] = [
    character_cases,
    encoding_cases,
    yaml_cases,
    alias_cases,
    limit_cases,
    slip_cases,
    template_cases,
    kind_template_cases,
    injection_cases,
    number_cases,
    asset_cases,
    house_style_cases,
]


FOUND_EXAMPLES = FOUND / "examples.json"  # found file → the example it was made from (its seal, house style)


def found_cases() -> Iterator[Case]:
    """Inputs the fuzzer once broke the tool with (``found/*.yaml`` and ``found/*.json`` dicts), each with
    the files beside the example it was made from, as the fuzzer gave them."""
    from tests.hostile.fuzz import EXAMPLES, example_files

    origins = json.loads(FOUND_EXAMPLES.read_text(encoding="utf-8")) if FOUND_EXAMPLES.is_file() else {}

    def files(path: Path) -> dict[str, bytes]:
        return example_files(EXAMPLES / origins[path.name]) if path.name in origins else {}

    for path in sorted(FOUND.glob("*.yaml")):
        yield Case(f"found-{path.stem}", "found by fuzzing", path.read_bytes(), Answers(), files=files(path))
    for path in sorted(p for p in FOUND.glob("*.json") if p != FOUND_EXAMPLES):
        data = json.loads(path.read_text(encoding="utf-8"))
        yield Case(f"found-{path.stem}", "found by fuzzing", data=data, files=files(path))


def all_cases() -> list[Case]:
    cases = [case for generate in GENERATORS for case in generate()]
    cases.extend(found_cases())
    ids = [case.id for case in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, f"case ids must be unique: {sorted(duplicates)}"
    return cases
