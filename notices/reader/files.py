"""Reading a spec or house style file: its size checked before it is read, its bytes decoded with a located error."""

from __future__ import annotations

from pathlib import Path

from notices.errors import Location, Problem, SpecError
from notices.fsio import length_problem, shorten
from notices.i18n import N_, _
from notices.reader.limits import MAX_SPEC_BYTES


def file_noun(what: str) -> str:
    """The name of the file a message is about, in the reader's language ("spec", "house style")."""
    return {"spec": _("spec"), "house style": _("house style")}.get(what, what)


def read_text_file(path: Path, what: str = "spec") -> str:
    """The text of a YAML file a writer made; :class:`SpecError` naming the file (and line) when it cannot be.

    The size is checked before reading, so a 4 GB file named by mistake costs nothing.
    """
    file = str(path)
    too_long = length_problem(path)
    if too_long:
        raise SpecError(
            Problem(
                _("cannot read the {what}: {why}").format(what=what, why=too_long),
                Location(shorten(file, 200)),
                fix=_("check the path"),
            )
        )
    try:
        if path.is_dir():
            raise SpecError(
                Problem(
                    _("{file} is a folder, not a {what} file").format(file=file, what=file_noun(what)),
                    Location(file),
                    fix=_("name a file"),
                )
            )
        size = path.stat().st_size
        if size > MAX_SPEC_BYTES:
            raise SpecError(
                Problem(
                    _("the {what} is {value:.1f} MB; a {what} is limited to {value2} kB").format(
                        what=file_noun(what), value=size / 1000000.0, value2=MAX_SPEC_BYTES // 1000
                    ),
                    Location(file),
                    fix=_("a {what} is a few kB; put recipient data in a recipients file").format(
                        what=file_noun(what)
                    ),
                    code="yaml",
                )
            )
        raw = path.read_bytes()
    except OSError as err:
        raise SpecError(
            Problem(
                _("cannot read the {what}: {value}").format(what=file_noun(what), value=err.strerror or err),
                Location(file),
                fix=_("check the path"),
            )
        ) from None
    binary = _binary_format(raw)
    if binary:
        raise SpecError(
            Problem(
                _("{file} is {format}, not a {what} (a YAML text file)").format(
                    file=file, format=_(binary), what=file_noun(what)
                ),
                Location(file),
                fix=_(
                    "name the .yaml file; to start one from a Word notice, run `notices init NEW.yaml` and paste "
                    "the Word text after `body: |` (each line a paragraph)"
                ),
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = len(raw[raw.rfind(b"\n", 0, err.start) + 1 : err.start].decode("utf-8", "replace")) + 1
        gbk = _decodes_as_gb18030(raw)
        raise SpecError(
            Problem(
                (
                    _(
                        "the {what} is not UTF-8 text (byte 0x{byte:02X} here): it looks like GBK/GB18030, "
                        "as Chinese Windows programs save text"
                    )
                    if gbk
                    else _("the {what} is not UTF-8 text (byte 0x{byte:02X} here)")
                ).format(what=file_noun(what), byte=raw[err.start]),
                Location(file, line, column),
                fix=_("save the file as UTF-8 (in Notepad: Save As → Encoding UTF-8)"),
            )
        ) from None


# The files people name by mistake where a spec belongs: the Word or PDF notice itself, last year's .doc, the
# recipients workbook. Their first bytes say which (ZIP: ECMA-376 packages; D0 CF 11 E0: the OLE2 compound file
# of .doc and .xls; %PDF-: ISO 32000-1 §7.5.2).
_SIGNATURES = (
    (b"PK\x03\x04", N_("a ZIP package (a Word .docx, an Excel .xlsx or an archive)")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", N_("an old Office file (a Word .doc or an Excel .xls)")),
    (b"%PDF-", N_("a PDF file")),
    (b"{\\rtf", N_("an RTF document")),
)


def _binary_format(raw: bytes) -> str | None:
    return next((name for signature, name in _SIGNATURES if raw.startswith(signature)), None)


def _decodes_as_gb18030(raw: bytes) -> bool:
    try:
        raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
