"""The images a notice prints (a seal, a logo): opened, decoded and validated once, the same way for every output.

Before this module the PDF and the DOCX each read the file their own way: WeasyPrint silently drops an image it
cannot decode (a notice without its seal, and no one told), while python-docx parses the header itself and ends
in a traceback on a truncated, empty or SVG file. Now the composer and the house style loader ask
:func:`resolve_image` for every image they name, so a bad one is an error located at the ``seal:`` or ``logo:``
line that names it; ``notices check`` asks the same function. The image is decoded completely by Pillow (already
what WeasyPrint decodes raster images with), and both renderers embed the same bytes: the decoded pixels written
again as PNG (:attr:`ImageAsset.png`), so neither re-reads the file or parses an unusual header its own way.

Supported: PNG, JPEG and GIF (the first frame), as files inside the spec's or the house style's folder. SVG is
refused with a fix (Word's SVG pictures need a PNG fallback python-docx cannot write, so the DOCX could not show
it): export the seal as PNG with a transparent background.
"""

from __future__ import annotations

import contextlib
import functools
import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from notices.errors import Location, Problem, RenderError
from notices.fsio import length_problem, shorten
from notices.i18n import N_, _

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = (
    40_000_000  # 6,000 × 6,000: a seal scanned at 3,600 dpi still fits; a decompression bomb does not
)
MAX_EMBEDDED_SIDE = 2_000  # pixels: a 42 mm seal at 1,200 dpi; larger images are scaled down once, here
PRINT_DPI = 300  # what a printed page needs of an image (ImageAsset.for_box)
DOWNSAMPLE_ABOVE = 1.5  # ... and how much more it may carry before it is scaled down
SUPPORTED = ("PNG", "JPEG", "GIF")
_FIX_FORMAT = N_("save it as PNG (with a transparent background for a seal), JPEG or GIF")


class AssetError(RenderError):
    """An image a notice names cannot be used: missing, outside its folder, empty, truncated, not an image."""


@dataclass(frozen=True)
class ImageAsset:
    """A validated image: where it came from, what it was, and the PNG bytes both renderers embed."""

    path: Path
    format: str  # "PNG", "JPEG" or "GIF": what the file was
    width: int
    height: int
    png: bytes

    @property
    def data_url(self) -> str:
        import base64

        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    def for_box(self, width_pt: float | None, height_pt: float | None) -> ImageAsset:
        """This image for a page that shows it within ``width_pt`` × ``height_pt`` (either may be ``None``):
        scaled down to 300 dpi there when it has more than 1.5 times the pixels that needs, as prepress PDF
        settings do (Ghostscript's ``/prepress``: images above 450 dpi go to 300), and when that makes it
        smaller; else itself."""
        return _for_box(self, width_pt, height_pt)


def role_noun(role: str) -> str:
    """The image's name in the reader's language ("seal", "logo")."""
    return {"seal": _("seal"), "logo": _("logo")}.get(role, role)


def resolve_image(
    folder: Path, relative: str, *, role: str, where: Location, folder_label: str = ""
) -> ImageAsset:
    """The image ``relative`` names inside ``folder`` (a spec's or a house style's), validated.

    ``role`` ("seal", "logo"), ``where`` (the line that names it) and ``folder_label`` make the error's
    message and location. Raises :class:`AssetError`.
    """
    folder = folder.resolve()
    candidate = Path(relative)
    too_long = length_problem(relative) or length_problem(folder / candidate)
    if too_long:
        raise _error(
            _("the {role} {name!r} cannot be a file: {why}").format(
                role=role_noun(role), name=shorten(relative), why=too_long
            ),
            where,
            _("give the image a short name ({role}.png) in {folder}").format(role=role, folder=folder_label),
        )
    try:
        path = (folder / candidate).resolve()
    except (OSError, RuntimeError, ValueError) as err:
        raise _error(
            _("the {role} {relative!r} cannot be found: {err}").format(
                role=role_noun(role), relative=relative, err=err
            ),
            where,
            _("check the file name"),
        ) from None
    if candidate.is_absolute() or not path.is_relative_to(folder):
        raise _error(
            _("the {role} {relative!r} is outside {folder_label} {folder}").format(
                role=role_noun(role),
                relative=relative,
                folder_label=folder_label or _("the spec's folder"),
                folder=folder,
            ),
            where,
            _("copy the image into {folder} and name it relative to it").format(folder=folder),
        )
    return load_image(path, role=role, where=where, shown=relative)


def load_image(
    path: Path, *, role: str = "image", where: Location | None = None, shown: str | None = None
) -> ImageAsset:
    """Read, decode and validate ``path`` (cached while the file is unchanged). Raises :class:`AssetError`."""
    location = where or Location(shorten(str(path), 200))
    name = shorten(shown or path.name)
    too_long = length_problem(path)
    if too_long:
        raise _error(
            _("the {role} {name!r} cannot be a file: {why}").format(
                role=role_noun(role), name=name, why=too_long
            ),
            location,
            _("give the image a short name"),
        )
    try:
        stat = path.stat()
    except OSError as err:
        missing = isinstance(err, FileNotFoundError)
        message = (
            _("the {role} file {name!r} not found in {parent}").format(
                role=role_noun(role), name=name, parent=path.parent
            )
            if missing
            else _("cannot read the {role} {name!r}: {value}").format(
                role=role_noun(role), name=name, value=err.strerror or err
            )
        )
        raise _error(message, location, _("check the file name")) from None
    if not path.is_file():
        raise _error(
            _("the {role} {name!r} is a folder, not an image file").format(role=role_noun(role), name=name),
            location,
            _("name the image file"),
        )
    try:
        return _decoded(path, stat.st_mtime_ns, stat.st_size, role, name)
    except AssetError as err:
        raise _error(err.problems[0].message, location, err.problems[0].fix) from None


@functools.lru_cache(maxsize=16)
def _for_box(asset: ImageAsset, width_pt: float | None, height_pt: float | None) -> ImageAsset:
    from PIL import Image

    with Image.open(io.BytesIO(asset.png)) as opened:
        image = opened.copy()
    needs = [
        (box_pt / 72 * PRINT_DPI) / side
        for box_pt, side in ((width_pt, image.width), (height_pt, image.height))
        if box_pt
    ]
    if not needs or min(needs) * DOWNSAMPLE_ABOVE >= 1:
        return asset
    scale = min(needs)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    out = io.BytesIO()
    image.resize(size, Image.Resampling.LANCZOS).save(out, format="PNG")  # alpha premultiplied by Pillow
    if len(out.getvalue()) >= len(asset.png):
        # A logo of a few inks with hard edges gains colours and soft edges when resampled, and bytes with them.
        return asset
    return ImageAsset(asset.path, asset.format, size[0], size[1], out.getvalue())


def _error(message: str, where: Location, fix: str) -> AssetError:
    return AssetError(Problem(message, where, fix=fix, code="asset"))


@functools.lru_cache(maxsize=64)
def _decoded(path: Path, mtime_ns: int, size: int, role: str, name: str) -> ImageAsset:
    """Decode once per file version; every failure is an :class:`AssetError` (location added by the caller)."""
    if size == 0:
        raise _error(
            _("the {role} {name!r} is empty (0 bytes)").format(role=role_noun(role), name=name),
            Location(""),
            _("replace it with the real image"),
        )
    if size > MAX_IMAGE_BYTES:
        raise _error(
            _("the {role} {name!r} is {value:.1f} MB; images are limited to {value2} MB").format(
                role=role_noun(role), name=name, value=size / 1000000.0, value2=MAX_IMAGE_BYTES // 2**20
            ),
            Location(""),
            _("export it smaller: a seal or a logo needs a few hundred kB at most"),
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise _error(
            _("cannot read the {role} {name!r}: {value}").format(
                role=role_noun(role), name=name, value=err.strerror or err
            ),
            Location(""),
            _("check the file"),
        ) from None
    kind = _sniff(data)
    if kind == "SVG":
        raise _error(
            _(
                "the {role} {name!r} is an SVG drawing; seals and logos must be PNG, JPEG or GIF images (a DOCX cannot show an SVG without a PNG copy)"
            ).format(role=role_noun(role), name=name),
            Location(""),
            _(
                "export it as PNG with a transparent background (Inkscape: Export PNG Image; Illustrator: Export As PNG)"
            ),
        )
    if kind not in SUPPORTED:
        described = {"PDF": _("a PDF document"), "TEXT": _("text")}.get(kind or "", _("something else"))
        raise _error(
            _("the {role} {name!r} is not a PNG, JPEG or GIF image (it holds {described})").format(
                role=role_noun(role), name=name, described=described
            ),
            Location(""),
            _(_FIX_FORMAT),
        )
    return _decode(path, data, kind, role, name)


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if data.startswith(b"%PDF"):
        return "PDF"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head or (head.startswith(b"<?xml") and b"svg" in head):
        return "SVG"
    try:
        data[:512].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "TEXT"


def _decode(path: Path, data: bytes, kind: str, role: str, name: str) -> ImageAsset:
    from PIL import Image

    broken = _("the {role} {name!r} is a damaged {kind} file").format(
        role=role_noun(role), name=name, kind=kind
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width <= 0 or height <= 0:
                raise _error(
                    _("the {role} {name!r} has no pixels ({width} × {height})").format(
                        role=role_noun(role), name=name, width=width, height=height
                    ),
                    Location(""),
                    _(_FIX_FORMAT),
                )
            if width * height > MAX_IMAGE_PIXELS:
                raise _error(
                    _(
                        "the {role} {name!r} is {width:,} × {height:,} pixels; images are limited to {MAX_IMAGE_PIXELS:,} pixels"
                    ).format(
                        role=role_noun(role),
                        name=name,
                        width=width,
                        height=height,
                        MAX_IMAGE_PIXELS=MAX_IMAGE_PIXELS,
                    ),
                    Location(""),
                    _("scale it down: a 42 mm seal needs about 1,000 × 1,000 pixels"),
                )
            probe.verify()  # chunk checksums, structure
        with warnings.catch_warnings(), _truncated_images_refused():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a truncated or corrupt file fails here, not in a renderer
                converted = image.convert("RGBA" if _has_alpha(image) else "RGB")
    except AssetError:
        raise
    except Exception as err:
        reason = str(err) or type(err).__name__
        truncated = "truncated" in reason.lower() or isinstance(err, EOFError)
        message = (
            _("{broken}: it is truncated (the file ends too early)").format(broken=broken)
            if truncated
            else f"{broken} ({reason})"
        )
        raise _error(message, Location(""), _("export the image again from the original")) from None
    if max(converted.size) > MAX_EMBEDDED_SIDE:
        converted.thumbnail((MAX_EMBEDDED_SIDE, MAX_EMBEDDED_SIDE))
    out = io.BytesIO()
    converted.save(out, format="PNG")
    return ImageAsset(path, kind, width, height, out.getvalue())


@contextlib.contextmanager
def _truncated_images_refused() -> Iterator[None]:
    """Pillow's switch for decoding truncated files, off while we decode: WeasyPrint turns it on for the
    whole process when it is imported (weasyprint/images.py), which would let half an image through."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def _has_alpha(image: object) -> bool:
    mode = getattr(image, "mode", "")
    info = getattr(image, "info", {})
    return mode in ("RGBA", "LA", "PA") or "transparency" in info


def image_png(path: Path) -> io.BytesIO:
    """The PNG bytes to embed for an image already validated (by the composer or the house style loader)."""
    return io.BytesIO(load_image(path).png)
