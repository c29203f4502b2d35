"""What a rule sees: the loaded notice, every text field with its spec path, the issue date, parsed dates."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from notices.check.dates import (
    DateMention,
    DayCount,
    find_dates,
    find_day_counts,
    lunar_matches,
    weekday_matches,
)
from notices.check.partial import Salvaged
from notices.check.render_steps import Composed, parse_path_text
from notices.document import Document, Table, block_text
from notices.en_dates import find_en_dates
from notices.i18n import _
from notices.patterns import LazyPattern
from notices.reader import Notice
from notices.reader.source import PathKey, path_text, value_at
from notices.spec.model import NoticeSpec, issuer_then_date

# Values that are data rather than the writer's prose: recipient rows and vars are inserted as text, never
# checked as written Chinese; codes, addresses and file names are not sentences.
DATA_KEYS = frozenset({"recipient", "vars", "checks"})
NON_PROSE_KEYS = frozenset(
    {"kind", "lang", "profile", "locale", "seal", "logo", "email", "phone", "url", "website", "style", "font"}
)

# A string that is wholly a date, a date and time, or a time ("2026-04-08 09:20", "2026年1月5日", "17:00") is a
# value the composer formats, not prose: it is read as a date, never proofread as text.
_VALUE = LazyPattern(
    r"^\s*(?:(?:19|20)\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)(?:[ T]+\d{1,2}[:：]\d{2}(?::\d{2})?)?"
    r"|\d{1,2}[:：]\d{2}(?::\d{2})?)\s*$"
)
# Keys of dates a reader must act by: deadlines[i].date, stockup.order_deadline, meeting.reply_by, due_date …
_DEADLINE_KEY = LazyPattern(r"deadline|(?:^|_)by$|^due(?:_|$)", re.IGNORECASE)
# A year the notice names: "2025年", "2025年的邮政系统"; not "2025年度".
_NAMED_YEAR = LazyPattern(r"(?<![\d.])((?:19|20)\d{2})[ \t]*年(?!度)")
_EN_YEAR = LazyPattern(r"(?<![\d.,$£€])(?:19|20)\d{2}(?![\d])")
_HALF_YEAR = dt.timedelta(days=182)
_VALUE_DATE = LazyPattern(r"^\s*((?:19|20)\d{2})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})")


def _is_template(value: object) -> bool:
    return isinstance(value, str) and ("{{" in value or "{%" in value)


def value_date(text: str) -> dt.date | None:
    """The date of a string that is wholly a date value ("2026-04-08 09:20"), else None."""
    if not _VALUE.match(text):
        return None
    match = _VALUE_DATE.match(text)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


@dataclass(frozen=True)
class TextField:
    """One string the writer wrote, with its place in the spec."""

    path: PathKey
    text: str

    @property
    def where(self) -> str:
        """The spec path as printed: ``body[2].text``."""
        return path_text(self.path)

    @property
    def key(self) -> str:
        """The nearest mapping key above the string: ``text`` for ``body[2].text[0]``."""
        return next((part for part in reversed(self.path) if isinstance(part, str)), "")

    @property
    def top(self) -> str:
        return str(self.path[0]) if self.path else ""


def _walk(node: Any, path: PathKey) -> Iterator[tuple[PathKey, Any]]:
    if isinstance(node, Mapping):
        for key, value in node.items():
            yield from _walk(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, (*path, index))
    else:
        yield path, node


class CheckContext:
    """A notice as rules read it. Everything costly is computed once and shared by all rules."""

    def __init__(
        self, notice: Notice, *, today: dt.date | None = None, salvaged: Salvaged | None = None
    ) -> None:
        """``salvaged``: the spec did not load whole and ``notice`` is its repaired part
        (`notices.check.partial`); every string as written, the ones set aside included, is a text rules read."""
        from notices.composer import issue_date_of

        self.notice = notice
        self._salvaged = salvaged
        self._today = today
        raw = salvaged.raw if salvaged is not None else None
        self.spec: NoticeSpec = notice.spec
        self.data: Mapping[str, Any] = notice.data
        self.lang: str = notice.spec.lang
        self.kind: str = notice.spec.kind
        self.profile: str = notice.spec.effective_profile
        self.issue_date: dt.date = issue_date_of(notice.spec, today)
        """The reference date: the date of issue, else the first of its month, else (no date) see below."""
        self.issue_date_stated: bool = notice.spec.sign_off.date is not None
        sign_off = notice.spec.sign_off
        # The days the notice can have been issued on: one day, a month, or (``date: none``) unknown. Rules
        # that ask "is this date already past?" compare with these, never with a day the spec does not give.
        self.issue_first: dt.date | None = self.issue_date
        self.issue_last: dt.date | None = self.issue_date
        if sign_off.month is not None:
            self.issue_first, self.issue_last = sign_off.month.first, sign_off.month.last
        elif sign_off.undated:
            self.issue_first = self.issue_last = None
        # A sign_off.date written but unreadable (set aside by a partial load) is not a missing one.
        written = (raw or {}).get("sign_off")
        if isinstance(written, str):  # sign_off: 华东恒信控股有限公司 2026年2月30日
            written = issuer_then_date(written)
        self.issue_date_unreadable = (
            not self.issue_date_stated and isinstance(written, Mapping) and written.get("date") is not None
        )
        self._texts = tuple(self._collect_texts())
        prose = {field.path for field in self._texts}
        self._values = tuple(f for f in self._collect_values() if f.path not in prose)
        self._by_path = {field.path: field for field in self._texts}
        if sign_off.undated:
            self.issue_date = self._undated_reference() or self.issue_date

    def _collect_values(self) -> Iterator[TextField]:
        salvaged = self._salvaged
        if salvaged is None:
            yield from _strings(self.data)
            return
        written = [TextField(salvaged.checked_path(f.path), f.text) for f in _strings(salvaged.raw)]
        yield from written
        seen = {field.path for field in written}
        yield from (field for field in _strings(self.data) if field.path not in seen)

    def _collect_texts(self) -> Iterator[TextField]:
        if self._salvaged is None:
            yield from _prose(self.data)
            return
        salvaged = self._salvaged
        written = [TextField(salvaged.checked_path(f.path), f.text) for f in _prose(salvaged.raw)]
        yield from written
        seen = {field.path for field in written}
        yield from (field for field in _prose(self.data) if field.path not in seen)  # a house style's values

    @functools.cached_property
    def first_given_date(self) -> dt.date | None:
        """The earliest date the spec gives as a value (a meeting's date, a deadline), the printing date aside."""
        given = [day for path, day in self.structured_dates() if path[:1] != ("printing",)]
        return min(given) if given else None

    def _undated_reference(self) -> dt.date | None:
        """A notice that states no date of issue is read as issued in the half-year before the first date it
        gives (its facts' dates, else 1 January of the first year its text names): a date written without a
        year ("5月3日", "21 November") is read as its reader reads it, in the year of the notice's subject."""
        given = [self.first_given_date] if self.first_given_date is not None else []
        if not given:
            years = set(self._notice_years)
            if self.lang == "en":
                years |= {int(m.group()) for f in self._texts for m in _EN_YEAR.finditer(f.text)}
            given = [dt.date(min(years), 1, 1)] if years else []
        return min(given) - _HALF_YEAR if given else None

    @property
    def issue_text(self) -> str:
        """The date of issue as known, for messages: 2026年1月5日 / 5 January 2026, 2019年5月 / May 2019."""
        month = self.spec.sign_off.month
        day = self.issue_date
        if self.spec.sign_off.undated:
            return _("(no date of issue)")
        if self.lang == "en":
            return f"{month.first:%B %Y}" if month is not None else f"{day:%-d %B %Y}"
        if month is not None:
            return f"{month.year}年{month.month}月"
        return f"{day.year}年{day.month}月{day.day}日"

    @property
    def dated_note(self) -> str:
        """What a message about the issue date adds when the spec states none: " (… dated today)"."""
        if self.issue_date_stated:
            return ""
        if self.issue_date_unreadable:
            return _(" (sign_off.date cannot be read: dated today)")
        return _(" (no sign_off.date: dated today)")

    @functools.cached_property
    def composed(self) -> Composed:
        """The document `notices render` would draw for the sample recipient, or what stops composing it."""
        from notices.check.render_steps import composed

        if self._salvaged is not None:
            # A spec that did not load whole is not rendered, but the writer's own {{ … }} can still be tried
            # on what loaded (an unknown filter is said now, not after the SPEC error is fixed). The kind's
            # sentences and the fonts wait: they are composed from facts that may have been set aside.
            try:
                tried = composed(self.notice, self._today)
            except (
                Exception
            ):  # a repaired spec a kind cannot compose: the SPEC findings say what to fix first
                return Composed(None, ())
            own = tuple(
                problem
                for problem in tried.problems
                if problem.path
                and _is_template(value_at(self.notice.data, problem.path))
                and self._salvaged.written_path(problem.path) == problem.path  # placed where the file has it
            )
            return Composed(None, own)
        return composed(self.notice, self._today)

    def iter_texts(self, *, top: str | None = None) -> Iterator[TextField]:
        """Every prose string of the spec in file order (optionally only those under top-level key ``top``),
        then, without ``top``, every sentence the kind's template writes (:meth:`composed_texts`).

        Strings under recipient, vars and checks and code-like keys (kind, lang, phone, email, seal …) are left
        out. Strings may hold ``{{ … }}`` variables: see `notices.check.textscan.template_spans`.
        """
        for text_field in self._texts:
            if top is None or text_field.top == top:
                yield text_field
        if top is None:
            yield from self.composed_texts()

    @functools.cached_property
    def _composed_fields(self) -> tuple[tuple[TextField, PathKey], ...]:
        document = self.composed.document
        if document is None:
            return ()
        written = {field.text.strip() for field in self._texts}
        fields: list[tuple[TextField, PathKey]] = []
        for line, origin in composed_lines(document):
            if line.strip() and line.strip() not in written:
                fields.append((TextField((COMPOSED, len(fields)), line), origin))
        return tuple(fields)

    def composed_texts(self) -> Iterator[TextField]:
        """The sentences the kind's template writes from the facts ("节前最后下单时间为2026年2月17日（星期二）
        17:00"), as fields whose path is ``("@composed", n)``: a finding on one is reported at the fact it
        comes from (:meth:`origin_of`), without a column, since its text is not in the file."""
        for field, _origin in self._composed_fields:
            yield field

    def origin_of(self, path: PathKey) -> tuple[PathKey, str] | None:
        """For a composed field's path: the spec path of the fact it comes from, and the composed text."""
        if len(path) == 2 and path[0] == COMPOSED and isinstance(path[1], int):
            field, origin = self._composed_fields[path[1]]
            return origin, field.text
        return None

    def iter_values(self) -> Iterator[TextField]:
        """The strings that are not prose: codes and contacts (phone, email, url, seal …) and strings that are
        wholly a date or a time. Rules that read every value (a placeholder left in ``phone: 400-XXX-XXXX``)
        read these as well as :meth:`iter_texts`."""
        yield from self._values

    def text_at(self, path: PathKey) -> TextField | None:
        return self._by_path.get(path)

    def dates(self, text_field: TextField) -> tuple[DateMention, ...]:
        """The dates the string states, years inferred from its paragraph, else from the issue date (P-YEAR);
        a stated weekday that fits a year the notice names elsewhere picks that year."""
        return _dates(text_field.text, self.issue_date, self._notice_years)

    @functools.cached_property
    def _notice_years(self) -> tuple[int, ...]:
        years = {int(m.group(1)) for field in self._texts for m in _NAMED_YEAR.finditer(field.text)}
        return tuple(sorted(years))

    @functools.cached_property
    def english_locale(self) -> str:
        """The order an English letter is held to, "en-gb" or "en-us": the one the composer prints its dates in
        (``composer.letter_locale``: ``locale:`` when stated, else the order most of the letter's own dates are
        written in). EN-DATE and EN-SALUTE read the same answer."""
        from notices.composer import letter_locale

        return letter_locale(self.notice, self.issue_date).lower()

    def years_in_doubt(self, text_field: TextField) -> frozenset[int]:
        """The years the string's own weekdays or lunar dates contradict: "2023年6月8日（星期六）" when 8 June
        2023 was a Thursday. Either the date or the weekday is wrong, and P-WEEKDAY says so; what the calendar
        of that year says about the paragraph's other dates (a festival, an adjusted working day) is then no
        longer evidence, and rules reading the calendar leave those dates to that one finding."""
        doubtful = {
            endpoint.date.year
            for mention in self.dates(text_field)
            for endpoint in mention.endpoints()
            if endpoint.date is not None
            and (weekday_matches(endpoint) is False or lunar_matches(endpoint) is False)
        }
        if self.lang == "en" or text_field.text.isascii():
            doubtful |= {
                found.date.year
                for found in find_en_dates(text_field.text, self.issue_date)
                if found.date is not None
                and found.weekday is not None
                and found.weekday != found.date.weekday()
            }
        return frozenset(doubtful)

    def day_counts(self, text_field: TextField) -> tuple[DayCount, ...]:
        return _day_counts(text_field.text)

    def all_dates(self) -> Iterator[tuple[TextField, DateMention]]:
        for text_field in self._texts:
            for mention in self.dates(text_field):
                yield text_field, mention

    def structured_dates(self) -> Iterator[tuple[PathKey, dt.date]]:
        """Dates given as values: YAML dates (``deadlines[0].date``, ``sign_off.date``) and strings that are
        wholly a date or a date and time (``incident.started: 2026-04-08 09:20``)."""
        for key, value in self.data.items():
            if key in DATA_KEYS:
                continue
            for path, leaf in _walk(value, (key,)):
                if isinstance(leaf, dt.date):
                    yield path, leaf.date() if isinstance(leaf, dt.datetime) else leaf
                elif isinstance(leaf, str) and (parsed := value_date(leaf)) is not None:
                    yield path, parsed

    def structured_deadlines(self) -> Iterator[tuple[PathKey, dt.date]]:
        """The value dates a reader must act by: ``deadlines[i].date`` and any date whose key says so
        (``order_deadline``, ``reply_by``, ``deliver_by``, ``due``), also as ``{date: …, time: …}``."""
        for path, day in self.structured_dates():
            keys = [part for part in path if isinstance(part, str)]
            name = keys[-2] if len(keys) > 1 and keys[-1] == "date" else keys[-1]
            if _DEADLINE_KEY.search(name):
                yield path, day

    def describe(self, path: PathKey) -> str:
        """How a finding names a value: its sibling ``label`` when it has one ("“最后下单时间”"), else its path."""
        parent: Any = self.data
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                return path_text(path)
        label = parent.get("label") if isinstance(parent, Mapping) else None
        return f"“{label}”" if isinstance(label, str) and label else path_text(path)


COMPOSED = "@composed"
# Blocks a kind's template writes: the body between the salutation and the closing.
_FRAME = frozenset(
    {"top_matter", "letterhead", "doc_number", "rule", "date_line", "title", "salutation", "closing",
     "attachment_note", "sign_off", "note", "colophon", "attachment_page"}
)  # fmt: skip


def composed_lines(document: Document) -> Iterator[tuple[str, PathKey]]:
    """The lines of the composed body that name the spec fact they come from (``origin``, recorded by the
    composer; a table row its own), with that fact's path. A line without one is not read: a finding must
    point at the line that produced it, never at a guess."""
    for block in document.blocks:
        if block.kind in _FRAME:
            continue
        origin = _origin(getattr(block, "origin", None))
        rows = getattr(block, "rows", None)
        if isinstance(block, Table) and rows:
            row_origins = getattr(block, "row_origins", ()) or ()
            for index, row in enumerate(rows):
                row_origin = _origin(row_origins[index]) if index < len(row_origins) else None
                where = row_origin or origin
                if where:
                    yield "  ".join(row), where
            continue
        if origin:
            for line in block_text(block):
                yield line, origin


def _origin(value: object) -> PathKey | None:
    if isinstance(value, str) and value:
        return parse_path_text(value)
    if isinstance(value, tuple) and value:
        return value
    return None


def _strings(data: Mapping[str, Any]) -> Iterator[TextField]:
    for key, value in data.items():
        if key not in DATA_KEYS:
            for path, leaf in _walk(value, (key,)):
                if isinstance(leaf, str):
                    yield TextField(path, leaf)


def _prose(data: Mapping[str, Any]) -> Iterator[TextField]:
    for key, value in data.items():
        if key in DATA_KEYS:
            continue
        for path, leaf in _walk(value, (key,)):
            if (
                isinstance(leaf, str)
                and NON_PROSE_KEYS.isdisjoint(p for p in path if isinstance(p, str))
                and not _VALUE.match(leaf)
            ):
                yield TextField(path, leaf)


@functools.lru_cache(maxsize=4096)
def _dates(text: str, issue_date: dt.date, notice_years: tuple[int, ...] = ()) -> tuple[DateMention, ...]:
    return tuple(find_dates(text, issue_date=issue_date, notice_years=notice_years))


@functools.lru_cache(maxsize=4096)
def _day_counts(text: str) -> tuple[DayCount, ...]:
    return tuple(find_day_counts(text))
