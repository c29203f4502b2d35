"""The language of the tool's own words: messages, hints and ``--help`` in Chinese for a Chinese writer.

A reader whose locale is Chinese (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` naming ``zh…``, in the
order gettext reads them) gets the zh_CN catalog; everyone else English, the language the messages are written
in. ``NOTICES_LANG=zh`` or ``=en`` overrides the locale for this program alone (a Chinese writer on an English
system, or a CI log that must stay English).

The catalog is an ordinary gettext one, ``notices/locale/zh_CN/LC_MESSAGES/notices.po``, kept with Babel's
tools by ``scripts/messages.py`` (extract, update, compile, check). At run time the compiled ``notices.mo`` is
read with the standard library's :mod:`gettext`, which costs nothing measurable; where it was not compiled (an
install that skipped ``scripts/setup``), the ``.po`` is read with Babel instead, slower but the same words.

Messages are written as whole sentences with named fields, ``_("{file} is not a spec").format(file=…)``, never
glued from fragments, so a translation can order the sentence its own way.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib
import os
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from notices.patterns import LazyPattern

DOMAIN = "notices"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")

_override: list[str] = []


def _from_environment() -> str:
    explicit = os.environ.get("NOTICES_LANG", "").strip().lower()
    if explicit:
        return "zh" if explicit.startswith("zh") else "en"
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "zh" if first.startswith("zh") else "en"
    return "en"


def language() -> str:
    """``"zh"`` or ``"en"``: the language the tool speaks in now."""
    return _override[-1] if _override else _from_environment()


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` ("zh" or "en") inside the block, whatever the locale says (tests, a server per request)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    _override.append(lang)
    try:
        yield
    finally:
        _override.pop()


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang``: the compiled catalog, else the .po read by Babel, else none."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = LOCALE_DIR / "zh_CN" / "LC_MESSAGES"
    compiled, source = folder / f"{DOMAIN}.mo", folder / f"{DOMAIN}.po"
    if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    if source.is_file():
        return _from_po(source)
    return gettext.NullTranslations()


class _PoTranslations(gettext.NullTranslations):
    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message) or message


def _from_po(path: Path) -> gettext.NullTranslations:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        po = read_po(handle)
    return _PoTranslations(
        {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy and isinstance(m.id, str)}
    )


def _(message: str) -> str:
    """``message`` in the reader's language (the English text when no translation exists)."""
    lang = language()
    if lang == "en":
        return message
    return catalog(lang).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it: a constant made at import, translated with
    ``_(CONSTANT)`` where it is shown (the language may change after import, e.g. inside :func:`speaking`)."""
    return message


def install_for_click() -> None:
    """Let click's and Typer's own words (Usage:, Options:, Show this message and exit.) come from our catalog.

    They import ``gettext`` as a module-level ``_``; the CLI entry point alone rebinds it to our catalog, so a
    program that imports notices as a library keeps its own.
    """
    if language() == "en":
        return
    translations = catalog(language())
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # Typer vendors click as typer._click since 0.2x; older ones use click itself
            continue
        if hasattr(module, "_"):
            module._ = translations.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = translations.ngettext  # type: ignore[attr-defined]
    _vendored_click_words(translations)
    _wrap_chinese_help()


def _vendored_click_words(translations: gettext.NullTranslations) -> None:
    """Typer's vendored click writes "Usage:" and the --help option's text as literals, not through gettext.

    Best effort and checked: where the functions are not the shape this was written against (Typer 0.29's
    ``typer._click``), nothing is changed and those two phrases stay English.
    """
    try:
        from typer._click import decorators, formatting
    except ImportError:
        return
    original_help_option = getattr(decorators, "help_option", None)
    formatter = getattr(formatting, "HelpFormatter", None)
    if callable(original_help_option) and not getattr(original_help_option, "_notices", False):

        def help_option(*names: Any, **kwargs: Any) -> Any:
            decorate = original_help_option(*names, **kwargs)

            def apply(command: Any) -> Any:
                result = decorate(command)
                params = getattr(command, "params", None)
                if params and getattr(params[-1], "help", None) == "Show this message and exit.":
                    params[-1].help = translations.gettext("Show this message and exit.")
                return result

            return apply

        help_option._notices = True  # type: ignore[attr-defined]
        decorators.help_option = help_option
    write_usage = getattr(formatter, "write_usage", None)
    if formatter is not None and callable(write_usage) and not getattr(write_usage, "_notices", False):

        def translated_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            usage = translations.gettext("Usage:") + " " if prefix is None else prefix
            write_usage(self, prog, args, usage)

        translated_usage._notices = True  # type: ignore[attr-defined]
        formatter.write_usage = translated_usage


# A line of Chinese may break between any two characters, but not before a closing mark nor after an opening
# one (the line-breaking rules of CLREQ, "Chinese Layout Requirements", W3C, §3.1.7).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕”’…—·%")
_NO_LINE_END = frozenset("（《「『【〔“‘")
_WIDE = LazyPattern(
    r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)


def _columns(text: str) -> int:
    """How many terminal columns ``text`` takes: a Chinese character or full-width mark takes two."""
    return len(text) + len(_WIDE.findall(text))


def _wrap_chinese_help() -> None:
    """Wrap help text by the columns it takes on a terminal, breaking between Chinese characters.

    click wraps by counting characters and breaks only at spaces, so a paragraph of Chinese became one line
    twice the terminal's width. Only the help of the CLI speaking Chinese is wrapped this way (an install with
    a click of another shape keeps click's own wrapping).
    """
    for name in ("click._textwrap", "typer._click._textwrap"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        base = getattr(module, "TextWrapper", None)
        if base is None or getattr(base, "_notices", False):
            continue
        module.TextWrapper = _chinese_wrapper(base)  # type: ignore[attr-defined]


def _chinese_wrapper(base: type) -> type:
    class ChineseTextWrapper(base):  # type: ignore[misc]
        _notices = True

        def _split(self, text: str) -> list[str]:
            chunks: list[str] = []
            for chunk in super()._split(text):
                chunks.extend(
                    re.findall(r"[\u2e80-\uffef]|[^\u2e80-\uffef]+", chunk)
                    if _WIDE.search(chunk)
                    else [chunk]
                )
            return chunks

        def _wrap_chunks(self, chunks: list[str]) -> list[str]:
            lines: list[str] = []
            chunks = list(reversed(chunks))
            while chunks:
                indent = self.subsequent_indent if lines else self.initial_indent
                room = self.width - _columns(indent)
                if self.drop_whitespace and lines and not chunks[-1].strip():
                    chunks.pop()
                    continue
                line: list[str] = []
                used = 0
                while chunks and (
                    used + _columns(chunks[-1]) <= room or (line and chunks[-1] in _NO_LINE_START)
                ):
                    used += _columns(chunks[-1])
                    line.append(chunks.pop())
                if not line:  # one word wider than the line: it stands alone
                    line.append(chunks.pop())
                if len(line) > 1 and line[-1] in _NO_LINE_END:
                    chunks.append(line.pop())
                while self.drop_whitespace and line and not line[-1].strip():
                    line.pop()
                if line:
                    lines.append(indent + "".join(line))
            return lines

    return ChineseTextWrapper


def translate_command(command: object, *, subcommands: bool = True) -> None:
    """Put the help texts of a click command tree (Typer's app, built) into the reader's language, in place;
    with ``subcommands`` false, of the command itself alone (a group whose commands are built later).

    The catalog holds each command's docstring and each option's help as written in the source, so no help
    string needs wrapping where it is defined (``scripts/messages.py`` collects them from the app itself).
    """
    if language() == "en":
        return
    help_text = getattr(command, "help", None)
    if help_text:
        command.help = _(help_text)  # type: ignore[attr-defined]
    for param in getattr(command, "params", []):
        if getattr(param, "help", None):
            param.help = _(param.help)
    if subcommands:
        for sub in getattr(command, "commands", {}).values():
            translate_command(sub)


_CLICK_PARTS = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")
CLICK_MODULES = (
    *(f"click.{part}" for part in _CLICK_PARTS),
    *(f"typer._click.{part}" for part in _CLICK_PARTS),
    "typer.core",
)


__all__ = [
    "LANGUAGES",
    "N_",
    "_",
    "catalog",
    "install_for_click",
    "language",
    "speaking",
    "translate_command",
]
