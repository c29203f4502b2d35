"""Page images of every example and corpus notice, for a person to look at (scripts/gallery runs this).

Each spec is rendered to PDF and DOCX; the DOCX goes through LibreOffice (one soffice call for all of them,
as a reader would open it), and every page of both PDFs becomes a PNG under out/gallery/. index.html shows
each notice's pages from our PDF and from LibreOffice side by side. Nothing here is committed: out/ is ignored.

    scripts/gallery                      # every examples/**/*.yaml and corpus/**/*.yaml
    scripts/gallery examples/price.zh.yaml --dpi 90
"""

from __future__ import annotations

import argparse
import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def default_specs() -> list[Path]:
    return sorted({*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("corpus/**/*.yaml")})


def is_notice(path: Path) -> bool:
    """House-style files and kind data sit beside the specs: a notice spec names a title or a kind."""
    head = path.read_text(encoding="utf-8", errors="replace")
    return any(line.startswith(("title:", "kind:", "house_style:")) for line in head.splitlines())


def label_of(spec: Path) -> str:
    relative = spec.resolve().relative_to(ROOT) if spec.resolve().is_relative_to(ROOT) else Path(spec.name)
    return str(relative.with_suffix("")).replace("/", "__")


def render(specs: list[Path], out: Path) -> tuple[list[str], list[tuple[str, str]]]:
    import notices

    done: list[str] = []
    failed: list[tuple[str, str]] = []
    for spec in specs:
        label = label_of(spec)
        try:
            notice = notices.load(spec)
            doc = notices.compose(notice)
            (out / f"{label}.pdf").write_bytes(notices.render_bytes(doc, "pdf"))
            (out / f"{label}.docx").write_bytes(notices.render_bytes(doc, "docx"))
        except notices.NoticeError as err:
            failed.append((label, str(err).splitlines()[0]))
            continue
        done.append(label)
        print(f"rendered {label}", flush=True)
    return done, failed


def through_libreoffice(labels: list[str], out: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not labels:
        print("LibreOffice is not installed: only our PDFs are shown", file=sys.stderr)
        return
    target = out / "libreoffice"
    target.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gallery-lo-") as profile:
        subprocess.run(
            [
                office,
                "--headless",
                f"-env:UserInstallation=file://{profile}",
                "--convert-to",
                # with the blank page LibreOffice puts before a 版记 that starts an even page, as a printer
                # gets it and as the layout tests read it (its PDF export leaves blank pages out by default)
                'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}',
                "--outdir",
                str(target),
                *(str(out / f"{label}.docx") for label in labels),
            ],
            check=True,
            capture_output=True,
            timeout=1200,
        )


def pages(pdf: Path, prefix: Path, dpi: int) -> list[Path]:
    if not pdf.exists():
        return []
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True, timeout=300)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def contact_sheet(label: str, ours: list[Path], theirs: list[Path], target: Path) -> Path | None:
    """One PNG per notice: our PDF's pages on the top row, LibreOffice's below, to compare at a glance."""
    from PIL import Image, ImageDraw

    rows = [row for row in (ours, theirs) if row]
    if not rows:
        return None
    images = [[Image.open(p) for p in row] for row in rows]
    width = max(sum(i.width + 6 for i in row) for row in images) + 6
    height = sum(max(i.height for i in row) + 6 for row in images) + 24
    sheet = Image.new("RGB", (width, height), (200, 200, 200))
    ImageDraw.Draw(sheet).text(
        (6, 6),
        label + ("   (top: PDF, bottom: DOCX in LibreOffice)" if len(rows) > 1 else ""),
        fill=(0, 0, 0),
    )
    y = 24
    for row in images:
        x = 6
        for image in row:
            sheet.paste(image, (x, y))
            x += image.width + 6
        y += max(i.height for i in row) + 6
    path = target / f"{label}.png"
    sheet.save(path)
    return path


def write_index(
    out: Path, rows: list[tuple[str, list[Path], list[Path]]], failed: list[tuple[str, str]]
) -> Path:
    parts = [
        "<!DOCTYPE html><meta charset='utf-8'><title>notices gallery</title>",
        "<style>body{font-family:sans-serif;background:#ddd}img{border:1px solid #888;margin:2px;"
        "background:#fff}section{margin:1em 0}h2{font-size:14px}</style>",
    ]
    for label, ours, theirs in rows:
        parts.append(f"<section><h2>{html.escape(label)}</h2>")
        parts.append("<div>PDF: " + "".join(f"<img src='{p.relative_to(out)}'>" for p in ours) + "</div>")
        parts.append(
            "<div>DOCX in LibreOffice: "
            + "".join(f"<img src='{p.relative_to(out)}'>" for p in theirs)
            + "</div></section>"
        )
    for label, reason in failed:
        parts.append(f"<p>{html.escape(label)}: not rendered: {html.escape(reason)}</p>")
    index = out / "index.html"
    index.write_text("\n".join(parts), encoding="utf-8")
    return index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "specs", nargs="*", type=Path, help="specs to show (default: every example and corpus notice)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "gallery")
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--no-docx", action="store_true", help="skip the LibreOffice pages")
    args = parser.parse_args(argv)
    specs = args.specs or [spec for spec in default_specs() if is_notice(spec)]
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    (out / "png").mkdir(parents=True)
    labels, failed = render(specs, out)
    if not args.no_docx:
        through_libreoffice(labels, out)
    rows = []
    for label in labels:
        ours = pages(out / f"{label}.pdf", out / "png" / f"{label}.pdf", args.dpi)
        theirs = pages(out / "libreoffice" / f"{label}.pdf", out / "png" / f"{label}.docx", args.dpi)
        rows.append((label, ours, theirs))
        contact_sheet(label, ours, theirs, out)
    index = write_index(out, rows, failed)
    for label, reason in failed:
        print(f"not rendered: {label}: {reason}", file=sys.stderr)
    print(f"{sum(len(a) + len(b) for _, a, b in rows)} pages of {len(rows)} notices: {index}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
