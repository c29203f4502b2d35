"""Mutations of the example specs, for the hypothesis tests (``test_fuzz.py``) and ``bench/hostile.py``.

Fuzzing starts from the notices people write (every example in ``examples/``) and breaks them the ways text gets
broken: a token typed in the wrong place (a full-width colon, a tab, ``{{``, an alias, a control character), a
line duplicated, swapped or re-indented, a value replaced by a hostile one (a template that loops, a 20,000
character string, a huge number, a nested structure). Each mutation takes a ``random.Random``, so hypothesis can
drive it (``st.randoms()``) and the benchmark can replay case N of seed S exactly.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.hostile.harness import Answers, Case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# Pieces of text that have broken YAML readers, template sandboxes or renderers.
TOKENS = [
    ": ", "：", ":", "\t", "  ", "\n", "\r", "- ", "-", "#", "|", ">", "'", '"', "\\", "&a ", "*a", "<<: ", "<<: *a",
    "[", "]", "{", "}", "{{", "}}", "{{ ", " }}", "{%", "%}", "{#", "~", "!!binary ", "!!python/object:os.system ",
    "!!set ", "? ", "---\n", "...\n", "%YAML 1.1\n", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\u202e", "\ufeff",
    "\ufffe", "\U0010ffff", "\U0001f600", "\u3000", "e\u0301", "尊敬的客户：", "关于", "的通知", "特此通知。", "2026-02-30",
    "2026年2月30日", "9999-12-31", "1e400", ".inf", ".nan", "-0", "99999999999999999999999", "0x1F", "017", "17:00",
    "yes", "null", "true", "..", "../", "/etc/passwd", "file:///etc/passwd", "<b>", "</p>", "<script>", "&amp;",
    "]]>", "%s", "%999999d", "{0.__class__}", "{{ 7*7 }}", "{{ recipient.name }}", "{{ vars.x }}", "{{ nothing }}",
    "{% for i in range(99999) %}", "{% endfor %}", "{{ 'a' * 999999 }}", "{{ 10 ** 99999 }}", "{{ lipsum(99999) }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "{{ ''|cn_date }}", "{{ 'x'|truncate(-5) }}", "|", "标题: ",
    "title：", "seal: seal.png", "seal: ../x.png", "locale: xx_YY\n", "kind: price\n", "lang: en\n",
]  # fmt: skip

HOSTILE_VALUES: list[Any] = [
    "",
    " ",
    "\x00",
    "关于{{ 7*7 }}的通知",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{{ 'a' * 10**9 }}",
    "{{ 10 ** 100000 }}",
    "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{{ recipient.missing }}",
    "字" * 20_000,
    "关于" + "春节" * 300 + "的通知",
    "<b>粗体</b>&amp;]]>",
    "\u202e反向",
    "2026-02-30",
    "99:99",
    0,
    -1,
    10**30,
    1e308,
    3.14,
    True,
    None,
    [],
    {},
    [[[[[["深"]]]]]],
    {"heading": "标题", "items": ["甲", {"heading": "乙", "items": ["丙"] * 40}]},
    ["项目"] * 200,
]


# Text a renderer must set: long, unbreakable, mixed-script, rare characters, within the limits.
GENTLE_TEXTS = [
    "字" * 3000,
    "A" * 400,
    "https://example.com/" + "a/" * 120,
    "📦🚚 发货提醒 ✅",
    "𠀋𠂇𠃊 生僻字 䶮",
    "مرحبا שלום Привет Γειά",
    "“引号”（括号）【方括号】《书名号》……——",
    "1234567890" * 30,
    "第一行\n\n第二段\n第三行",
    "  前后空格  ",
    "e\u0301 à la carte",
    "〔2026〕1号" * 20,
    "关于" + "春节放假安排" * 15 + "的通知",
]


def mutate_strings(data: dict[str, Any], rnd: random.Random, edits: int = 2) -> dict[str, Any]:
    """A copy of ``data`` with some of its text replaced by, or extended with, text a renderer must cope with."""
    result = copy.deepcopy(data)
    places = list(_string_places(result))
    for _ in range(min(edits, len(places))):
        parent, key = rnd.choice(places)
        text = rnd.choice(GENTLE_TEXTS)
        parent[key] = text if rnd.random() < 0.5 else f"{parent[key]}{text}"
    return result


def _string_places(node: Any) -> Any:
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, value in items:
        if isinstance(value, str) and key not in (
            "date",
            "time",
            "kind",
            "lang",
            "profile",
            "locale",
            "seal",
        ):
            yield node, key
        else:
            yield from _string_places(value)


def examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("house-styles/*.yaml"))


def mutate_text(text: str, rnd: random.Random, edits: int | None = None) -> str:
    """``text`` with one to four edits of the kinds a hand, a keyboard or a copy-paste makes."""
    lines = text.split("\n")
    for _ in range(edits or rnd.randint(1, 4)):
        kind = rnd.randrange(7)
        if not lines:
            lines = [""]
        index = rnd.randrange(len(lines))
        line = lines[index]
        position = rnd.randint(0, len(line))
        if kind == 0:  # a token typed somewhere
            lines[index] = line[:position] + rnd.choice(TOKENS) + line[position:]
        elif kind == 1:  # a piece deleted
            end = min(len(line), position + rnd.randint(1, 8))
            lines[index] = line[:position] + line[end:]
        elif kind == 2:  # a line duplicated
            lines.insert(index, line)
        elif kind == 3:  # two lines swapped
            other = rnd.randrange(len(lines))
            lines[index], lines[other] = lines[other], lines[index]
        elif kind == 4:  # indentation changed
            lines[index] = (" " * rnd.choice([0, 1, 3, 5, 8])) + line.lstrip(" ")
        elif kind == 5:  # a line removed
            del lines[index]
        else:  # one character replaced by another from anywhere in Unicode's planes 0-2 or the tokens
            replacement = rnd.choice(TOKENS) if rnd.random() < 0.5 else chr(rnd.randrange(0x20, 0x2FFFF))
            if 0xD800 <= ord(replacement[0]) <= 0xDFFF:
                replacement = "\ufffd"
            lines[index] = line[:position] + replacement + line[position + 1 :]
    return "\n".join(lines)


def mutate_data(data: dict[str, Any], rnd: random.Random, edits: int | None = None) -> dict[str, Any]:
    """A copy of ``data`` with one to three values replaced, removed or added, anywhere in the tree."""
    result = copy.deepcopy(data)
    for _ in range(edits or rnd.randint(1, 3)):
        parent, key = _random_place(result, rnd)
        kind = rnd.randrange(4)
        if kind == 0 or kind == 1:
            parent[key] = copy.deepcopy(rnd.choice(HOSTILE_VALUES))
        elif kind == 2 and isinstance(parent, dict):
            del parent[key]
        elif isinstance(parent, dict):
            parent[rnd.choice(["titel", "标题", "body2", "x" * 300, "vars"])] = copy.deepcopy(
                rnd.choice(HOSTILE_VALUES)
            )
        else:
            parent.insert(key, copy.deepcopy(rnd.choice(HOSTILE_VALUES)))
    return result


def _random_place(data: dict[str, Any], rnd: random.Random) -> tuple[Any, Any]:
    """A (container, key) somewhere in ``data``: deeper places as likely as shallow ones."""
    parent: Any = data
    key: Any = rnd.choice(list(data)) if data else "title"
    for _ in range(rnd.randint(0, 4)):
        child = parent.get(key) if isinstance(parent, dict) else parent[key]
        if isinstance(child, dict) and child:
            parent, key = child, rnd.choice(list(child))
        elif isinstance(child, list) and child:
            parent, key = child, rnd.randrange(len(child))
        else:
            break
    return parent, key


def _files_beside(spec: Path) -> dict[str, bytes]:
    """The files an example names (its seal, its house style folder), so a mutated copy still finds them."""
    files: dict[str, bytes] = {}
    for path in spec.parent.rglob("*"):
        if path.is_file() and path.suffix in (".png", ".gif", ".jpg", ".yaml", ".j2") and path != spec:
            relative = path.relative_to(spec.parent)
            if len(relative.parts) <= 3 and "mistakes" not in relative.parts:
                files[relative.as_posix()] = path.read_bytes()
    return files


_FILES_CACHE: dict[Path, dict[str, bytes]] = {}


def example_files(spec: Path) -> dict[str, bytes]:
    """The files beside example ``spec`` that a case made from it is given (its seal, its house style)."""
    return _FILES_CACHE.setdefault(spec, _files_beside(spec))


def fuzz_example(seed: int, number: int) -> Path:
    """The example fuzz case ``number`` of run ``seed`` starts from."""
    return random.Random(f"{seed}:{number}").choice(examples())


def fuzz_case(seed: int, number: int) -> Case:
    """Fuzz case ``number`` of run ``seed``: the same case every time (the benchmark replays failures)."""
    rnd = random.Random(f"{seed}:{number}")
    spec = rnd.choice(examples())
    files = example_files(spec)
    text = spec.read_text(encoding="utf-8")
    if rnd.random() < 0.35:  # valid specs with text renderers find hard: exercises the PDF and the DOCX
        gentle = yaml.safe_dump(
            mutate_strings(yaml.safe_load(text), rnd), allow_unicode=True, sort_keys=False
        )
        return Case(f"fuzz-{seed}-{number}-gentle", "fuzz", gentle, Answers(), files=files)
    if rnd.random() < 0.6:
        return Case(f"fuzz-{seed}-{number}-text", "fuzz", mutate_text(text, rnd), Answers(), files=files)
    data = yaml.safe_load(text)
    mutated = mutate_data(data, rnd)
    rendered = yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False, width=10_000)
    if rnd.random() < 0.5:
        return Case(f"fuzz-{seed}-{number}-data", "fuzz", rendered, Answers(), files=files)
    return Case(f"fuzz-{seed}-{number}-dict", "fuzz", data=mutated, expect=Answers(), files=files)


MUTATORS: dict[str, Callable[..., Any]] = {"text": mutate_text, "data": mutate_data}
