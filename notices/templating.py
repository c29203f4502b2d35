"""The Jinja2 sandbox every template and every spec string renders in, with a time and an output budget.

Spec strings are templates written by the notice's author (``尊敬的{{ recipient.name }}：``); values that come from
data (recipient rows, ``spec.*`` columns, ERP dicts) are only ever inserted as text (:class:`DataText`), so a
customer named ``{{ 7*7 }}`` prints as typed. The sandbox refuses attribute tricks; undefined names are errors,
never blank text in a notice.

Jinja's sandbox keeps a template from reaching Python, not from running for ever or filling the memory: a loop
over ``range(10**5)`` inside another, ``'a' * 10**9``, ``10 ** 10 ** 8``, ``lipsum(10**6)``, a macro that calls
itself, a house style's kind template that includes itself. Here every template of one notice shares a
:func:`budget` (``limits.TEMPLATE_SECONDS`` and ``TEMPLATE_OUTPUT_CHARS``): each loop step, call and output
chunk checks it, and operations that would build a huge value in one step (repeating, powers, padding,
``join``, ``replace``, format widths) are refused before they run. Going over raises :class:`BudgetExceeded`,
which the composer reports at the string's line and column, within the budget's second (of CPU time: on an
unloaded machine the same as the clock's, on a loaded one a real notice is not stopped for waiting its turn).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from notices.formatting import cn_date, cn_time, cn_weekday
from notices.i18n import _
from notices.reader.limits import TEMPLATE_CALL_DEPTH, TEMPLATE_OUTPUT_CHARS, TEMPLATE_SECONDS

PACKAGE_TEMPLATES = Path(__file__).parent / "_templates"
SOURCE_TEMPLATES = Path(__file__).parent.parent / "templates"
MAX_RANGE = 10_000  # items of one range(); Jinja's own sandbox allows 100,000
MAX_SIZE_ARGUMENT = 10_000  # a width, a count or a length given to a filter or a string method
MAX_POWER_DIGITS = 1_000  # digits of an integer power


class DataText(str):
    """Text that came from data (a recipient row, a ``spec.*`` column): printed as typed, never a template."""

    __slots__ = ()


def as_data(value: Any) -> Any:
    """``value`` with every string in it marked as :class:`DataText`."""
    if isinstance(value, str):
        return DataText(value)
    if isinstance(value, Mapping):
        return {key: as_data(inner) for key, inner in value.items()}
    if isinstance(value, list | tuple):
        return [as_data(inner) for inner in value]
    return value


class BudgetExceeded(SecurityError):
    """A template went over its time, output or call-depth budget, or asked for a value too large to build."""


class TemplateValueError(jinja2.TemplateRuntimeError):
    """A filter or an operation was given a value it cannot use (``cn_date`` on text, ``round('x')``)."""


class Budget:
    """What the templates of one notice may still spend."""

    def __init__(self, seconds: float = TEMPLATE_SECONDS, chars: int = TEMPLATE_OUTPUT_CHARS) -> None:
        self.seconds = seconds
        # CPU time of this thread, not the clock: a loop that does not end spends CPU and is stopped within
        # the budget's second, while a real notice on a machine busy with other work (a CI runner, a shared
        # server at load 12 on 2 cores) is not stopped for the time it waited its turn. Measured on the clock,
        # the first English example of a fresh install was refused ("took longer than 1 s") on such a machine.
        self.deadline = time.thread_time() + seconds
        self.chars_left = chars
        self.chars = chars
        self.depth = 0

    def tick(self) -> None:
        if time.thread_time() > self.deadline:
            raise BudgetExceeded(
                _(
                    "the templates took longer than {seconds:g} s (a loop that does not end, or too much work)"
                ).format(seconds=self.seconds)
            )

    def spend(self, chars: int) -> None:
        self.chars_left -= chars
        if self.chars_left < 0:
            raise BudgetExceeded(
                _("the templates produced more than {chars:,} characters of text").format(chars=self.chars)
            )
        self.tick()

    def allow(self, chars: int) -> None:
        """Refuse to build a value of ``chars`` characters that would not fit what is left."""
        if chars > self.chars:
            raise BudgetExceeded(
                _(
                    "this would build a text of {chars:,} characters; the templates may produce {chars2:,}"
                ).format(chars=chars, chars2=self.chars)
            )
        if chars > self.chars_left:
            raise BudgetExceeded(
                _("the templates would produce more than {chars:,} characters of text").format(
                    chars=self.chars
                )
            )


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar(
    "notices_template_budget", default=None
)


@contextlib.contextmanager
def budget(seconds: float = TEMPLATE_SECONDS, chars: int = TEMPLATE_OUTPUT_CHARS) -> Iterator[Budget]:
    """One budget for every template rendered inside (a notice's strings and its kind template).

    Nested calls share the outer budget, so a notice cannot multiply its allowance by its number of strings.
    """
    active = _BUDGET.get()
    if active is not None:
        yield active
        return
    fresh = Budget(seconds, chars)
    token = _BUDGET.set(fresh)
    try:
        yield fresh
    finally:
        _BUDGET.reset(token)


def _active() -> Budget | None:
    return _BUDGET.get()


def _allow(chars: int) -> None:
    active = _active()
    if active is not None:
        active.allow(chars)
    elif chars > TEMPLATE_OUTPUT_CHARS:
        raise BudgetExceeded(_("this would build a text of {chars:,} characters").format(chars=chars))


def templates_dir() -> Path:
    """Templates ship inside the wheel as notices/_templates; in a checkout they live at the top level."""
    return PACKAGE_TEMPLATES if PACKAGE_TEMPLATES.is_dir() else SOURCE_TEMPLATES


def _shown(value: Any) -> str:
    if isinstance(value, str):
        text = value if len(value) <= 30 else value[:29] + "…"
        return _("the text {text!r}").format(text=text)
    if isinstance(value, jinja2.Undefined):
        return _("an undefined value")
    return f"{type(value).__name__} {str(value)[:30]!r}"


# The filters spec strings may use; their rules live with every other date form in notices/formatting.py.
FILTERS: Mapping[str, Callable[..., Any]] = {
    "cn_date": cn_date,
    "cn_weekday": cn_weekday,
    "cn_time": cn_time,
}

# Filters whose integer arguments are sizes: a width, a number of slices or pieces, a length.
_SIZE_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "format"})
# String methods whose integer arguments are sizes of the result.
_PADDING_METHODS = frozenset({"ljust", "rjust", "center", "zfill", "expandtabs"})
# A width or precision in a %-format or a str.format field: "%999999999d", "{:>999999999}", "{:.5000f}".
_FORMAT_NUMBER = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d+))?|\{[^{}:]*:[^{}\d]*(\d+)(?:[^{}\d]*(\d+))?")
# A width taken from the arguments: "%*d", "{:{}}".
_FORMAT_FROM_ARGUMENT = re.compile(r"%[-#0 +]*\*|\{[^{}]*:[^{}]*\{")


def _check_format_string(text: str, arguments: Iterable[Any]) -> None:
    values = list(arguments)
    for match in _FORMAT_NUMBER.finditer(text):
        widths = [int(group) for group in match.groups() if group]
        if any(width > MAX_SIZE_ARGUMENT for width in widths):
            raise BudgetExceeded(
                _("a format width over {MAX_SIZE_ARGUMENT:,} ({group!r})").format(
                    MAX_SIZE_ARGUMENT=MAX_SIZE_ARGUMENT, group=match.group()[:20]
                )
            )
    if _FORMAT_FROM_ARGUMENT.search(text) and any(
        isinstance(v, int) and abs(v) > MAX_SIZE_ARGUMENT for v in values
    ):
        raise BudgetExceeded(
            _("a format width over {MAX_SIZE_ARGUMENT:,} taken from the arguments").format(
                MAX_SIZE_ARGUMENT=MAX_SIZE_ARGUMENT
            )
        )
    longest = max((len(str(v)) for v in values if isinstance(v, str | int | float)), default=0)
    _allow(len(text) + (text.count("%") + text.count("{")) * longest)


def _size_of(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple) else 0


class _BudgetedCodeGenerator(CodeGenerator):
    """Jinja's code generator with every ``for`` loop's sequence passed through ``environment.budget_iter``
    and every ``~`` through ``environment.budget_join``.

    Jinja documents ``Environment.code_generator_class`` as the hook for changing the code a template compiles
    to; this changes only those two places.
    """

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        original = node.iter
        wrapped = nodes.Call(nodes.EnvironmentAttribute("budget_iter"), [original], [], None, None)
        wrapped.set_lineno(node.lineno)
        node.iter = wrapped
        try:
            super().visit_For(node, frame)
        finally:
            node.iter = original

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # ``a ~ b`` builds its text outside every operator hook: join through the environment, which checks
        # the size first (a loop that doubles a string 40 times would otherwise ask for a terabyte).
        if frame.eval_ctx.volatile or frame.eval_ctx.autoescape:
            super().visit_Concat(node, frame)
            return
        self.write("environment.budget_join((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class BudgetedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with the budget's checks on loops, calls, filters and size-making operators."""

    code_generator_class = _BudgetedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.globals["range"] = _range
        self.globals["lipsum"] = _lipsum
        self.filters = _BudgetedFilters(self.filters)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """Jinja's sandboxed ``str.format``, with its widths and size checked before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text: str = value.__self__
        mapping = value.__name__ == "format_map"

        def checked(*args: Any, **kwargs: Any) -> str:
            values = list(args[0].values()) if mapping and args and isinstance(args[0], Mapping) else args
            _check_format_string(text, [*values, *kwargs.values()])
            return wrapped(*args, **kwargs)

        return checked

    @staticmethod
    def budget_join(parts: tuple[Any, ...]) -> str:
        texts = [str(part) for part in parts]
        _allow(sum(len(text) for text in texts))
        return "".join(texts)

    @staticmethod
    def budget_iter(iterable: Any) -> Iterator[Any]:
        active = _active()
        if isinstance(iterable, jinja2.Undefined):
            yield from iterable  # raises the undefined error
            return
        for item in iterable:
            if active is not None:
                active.tick()
            yield item

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, str | list | tuple) and isinstance(count, int):
                    _allow(len(sequence) * max(count, 0))
        elif operator == "**":
            _check_power(left, right)
        elif operator == "%" and isinstance(left, str):
            _check_format_string(left, right if isinstance(right, tuple) else (right,))
        elif (
            operator == "+" and isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple)
        ):
            _allow(_size_of(left) + _size_of(right))
        return super().call_binop(context, operator, left, right)

    def call(__self, __context: jinja2.runtime.Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        active = _active()
        if active is not None:
            active.tick()
            active.depth += 1
        try:
            if active is not None and active.depth > TEMPLATE_CALL_DEPTH:
                raise BudgetExceeded(
                    _(
                        "calls nested more than {TEMPLATE_CALL_DEPTH} deep (a macro that calls itself without end)"
                    ).format(TEMPLATE_CALL_DEPTH=TEMPLATE_CALL_DEPTH)
                )
            _check_method(__obj, args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)
        finally:
            if active is not None:
                active.depth -= 1


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and exponent > 0 and abs(base) > 1:
        digits = exponent * math.log10(abs(base))
        if digits > MAX_POWER_DIGITS:
            raise BudgetExceeded(
                _("a power of about {digits:,.0f} digits; a notice prints numbers, not this").format(
                    digits=digits
                )
            )
    elif isinstance(base, int | float) and isinstance(exponent, int | float) and abs(exponent) > 10**6:
        raise BudgetExceeded(_("an exponent over a million"))


def _check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a string method that would build a huge string in one step, before it runs."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(owner, str):
        return
    numbers = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
    if name in _PADDING_METHODS and any(n > MAX_SIZE_ARGUMENT for n in numbers):
        raise BudgetExceeded(
            _("{name}() with a width over {MAX_SIZE_ARGUMENT:,}").format(
                name=name, MAX_SIZE_ARGUMENT=MAX_SIZE_ARGUMENT
            )
        )
    if name == "join" and args and isinstance(args[0], list | tuple):
        items = args[0]
        _allow(sum(_size_of(i) for i in items) + len(owner) * len(items))
    elif name == "replace" and len(args) >= 2 and isinstance(args[1], str):
        _allow(len(owner) + (len(owner) + 1) * len(args[1]))


def _range(*args: Any) -> range:
    if not all(isinstance(a, int) for a in args):
        raise TypeError(_("range() needs whole numbers"))
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise BudgetExceeded(
            _("range() of {count:,} numbers; a template may count to {MAX_RANGE:,}").format(
                count=len(numbers), MAX_RANGE=MAX_RANGE
            )
        )
    return numbers


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    from jinja2.utils import generate_lorem_ipsum

    if not all(isinstance(v, int) for v in (n, min, max)) or n > 20 or max > 200 or min > max:
        raise BudgetExceeded(_("lipsum() of more than 20 paragraphs of 200 words"))
    _allow(n * max * 12)
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


class _BudgetedFilters(dict[str, Any]):
    """The environment's filters, each wrapped on the way in: sizes checked, wrong values reported by name."""

    def __init__(self, filters: Mapping[str, Any]) -> None:
        super().__init__()
        for name, function in filters.items():
            self[name] = function

    def __setitem__(self, name: str, function: Any) -> None:
        super().__setitem__(name, _budgeted_filter(name, function))

    def update(self, *others: Any, **more: Any) -> None:
        for other in (*others, more):
            for name, function in dict(other).items():
                self[name] = function


def _budgeted_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    if getattr(function, "notices_budgeted", False):
        return function

    @functools.wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        if name in _SIZE_FILTERS:
            numbers = [
                a for a in (*args[1:], *kwargs.values()) if isinstance(a, int) and not isinstance(a, bool)
            ]
            if any(abs(n) > MAX_SIZE_ARGUMENT for n in numbers):
                raise BudgetExceeded(
                    _("the filter {name!r} with a size over {MAX_SIZE_ARGUMENT:,}").format(
                        name=name, MAX_SIZE_ARGUMENT=MAX_SIZE_ARGUMENT
                    )
                )
            if name == "format" and args and isinstance(args[0], str):
                _check_format_string(args[0], args[1:])
        try:
            result = function(*args, **kwargs)
        except (jinja2.TemplateError, RecursionError, MemoryError):
            raise
        except (TypeError, ValueError, ArithmeticError, AttributeError, AssertionError, LookupError) as err:
            raise TemplateValueError(_filter_message(name, args, err)) from None
        if isinstance(result, str):
            _allow(len(result))
        return result

    run.notices_budgeted = True  # type: ignore[attr-defined]
    return run


def _filter_message(name: str, args: tuple[Any, ...], err: Exception) -> str:
    reason = str(err) or type(err).__name__
    if name in FILTERS:
        return _("the filter {name!r}: {reason}").format(name=name, reason=reason)
    value = next((a for a in args if not isinstance(a, jinja2.runtime.Context | jinja2.Environment)), None)
    return _("the filter {name!r} cannot use {value} with these arguments ({reason})").format(
        name=name, value=_shown(value), reason=reason
    )


def make_environment(
    search_path: list[Path] | None = None, *, autoescape: bool = False
) -> jinja2.Environment:
    """A sandboxed environment; templates load only from ``search_path`` (no absolute paths, no ``..``)."""
    loader = jinja2.FileSystemLoader([str(p) for p in (search_path or [templates_dir()])])
    env = BudgetedSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


@functools.lru_cache(maxsize=1)
def string_environment() -> jinja2.Environment:
    return make_environment([])


@functools.lru_cache(maxsize=4096)
def compile_string(source: str) -> jinja2.Template:
    return string_environment().from_string(source)


def is_template(text: str) -> bool:
    if isinstance(text, DataText):
        return False
    return "{{" in text or "{%" in text or "{#" in text


def render_template(template: jinja2.Template, context: Mapping[str, Any]) -> str:
    """Render within the active budget (a fresh one when none is active).

    Raises Jinja's own errors (syntax, undefined, :class:`BudgetExceeded`, :class:`TemplateValueError`); a
    Python error inside the template (a wrong type to an operator, a template that includes itself) becomes a
    :class:`TemplateValueError`, so a caller catches ``jinja2.TemplateError`` and nothing else.
    """
    with budget() as active:
        chunks = []
        try:
            for chunk in template.generate(context):
                active.spend(len(chunk))
                chunks.append(chunk)
        except jinja2.TemplateError:
            raise
        except RecursionError:
            raise BudgetExceeded(
                _(
                    "templates nested too deeply (a macro that calls itself, or a template that includes itself)"
                )
            ) from None
        except MemoryError:
            raise BudgetExceeded(_("the template asked for more memory than there is")) from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, AssertionError, LookupError) as err:
            raise TemplateValueError(str(err) or type(err).__name__) from None
        return "".join(chunks)


def render_string(source: str, context: Mapping[str, Any]) -> str:
    """Render one spec string; plain strings (and data) skip Jinja entirely (the common case in a batch)."""
    if not is_template(source):
        return source
    return render_template(compile_string(source), context)
