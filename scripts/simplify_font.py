"""Simplify the outlines of a CFF face once, at setup, so every PDF that embeds it is smaller.

FandolFang, the open 仿宋 the body is set in, was traced from scans: a glyph has ~100 curve pieces, most of
them short and nearly straight, so a two-page notice carries ~63 KB of its outlines, past issue 12's 80 KB a
file. This script rewrites each outline within a stated bound:

* a run of pieces that meet without a corner (tangents within ``MAX_TURN`` degrees) becomes one cubic with
  the run's ends and end tangents, when that cubic stays within the tolerance of every sample of the run
  (least squares with Newton reparametrisation: P. J. Schneider, "An Algorithm for Automatically Fitting
  Digitized Curves", Graphics Gems, 1990); a corner is never crossed, so corners stay where they are;
* a run or piece whose samples all lie within the tolerance of its chord becomes a line, and consecutive
  lines within the tolerance of all their samples become one.

Then coordinates are rounded to whole font units, as in any CFF. ``deviation`` measures the largest distance
between the old and new outlines (both directions, dense samples); tests/renderers/test_simplified_face.py
checks it on the glyphs of real notices, and bench/RESULTS.md gives the figures. Hints are dropped as
notices/renderers/cff.py drops them from every subset anyway; metrics, glyph IDs, cmap and layout tables stay
as they are, so layout and line breaks do not change.

Licence: FandolFang is under the GNU GPL (its name table, and CTAN's fonts/fandol). The GPL allows modified
versions; as its section 5 a) asks, the face's version string (name ID 5) says that it was modified, by
what and when. That mark is also how scripts/setup knows a face was already simplified.

Usage: simplify_font.py SOURCE.otf TARGET.otf   (TARGET is written atomically; SOURCE may equal TARGET)
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

Point = tuple[float, float]
Segment = tuple[Point, ...]  # (start, end) for a line, (start, control, control, end) for a cubic
Contour = list[Segment]

TOLERANCE = 2.0  # font units (1/1000 em): 0.032 pt at 3号 (16 pt), well under what print or a screen shows
MAX_TURN = 20.0  # degrees: pieces meeting at a sharper turn than this meet at a corner, which stays
MARK = "outlines simplified by notices scripts/setup"
_SAMPLES = 4  # samples per piece at least, when fitting and checking
_SPACING = 6.0  # font units between samples at most
_ITERATIONS = 4  # least-squares fits, each after a Newton step of the samples' parameters


def _sub(a: Point, b: Point) -> Point:
    return (a[0] - b[0], a[1] - b[1])


def _add(a: Point, b: Point) -> Point:
    return (a[0] + b[0], a[1] + b[1])


def _scale(a: Point, k: float) -> Point:
    return (a[0] * k, a[1] * k)


def _dot(a: Point, b: Point) -> float:
    return a[0] * b[0] + a[1] * b[1]


def _length(a: Point) -> float:
    return math.hypot(a[0], a[1])


def point_at(segment: Segment, t: float) -> Point:
    if len(segment) == 2:
        return _add(segment[0], _scale(_sub(segment[1], segment[0]), t))
    p0, c1, c2, p3 = segment
    s = 1 - t
    b0, b1, b2, b3 = s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t
    return (
        b0 * p0[0] + b1 * c1[0] + b2 * c2[0] + b3 * p3[0],
        b0 * p0[1] + b1 * c1[1] + b2 * c2[1] + b3 * p3[1],
    )


def _direction(start: Point, points: Iterable[Point]) -> Point | None:
    for point in points:
        delta = _sub(point, start)
        size = _length(delta)
        if size > 1e-9:
            return _scale(delta, 1 / size)
    return None


def start_tangent(segment: Segment) -> Point | None:
    return _direction(segment[0], segment[1:])


def end_tangent(segment: Segment) -> Point | None:
    reverse = _direction(segment[-1], reversed(segment[:-1]))
    return None if reverse is None else _scale(reverse, -1)


def _as_cubic(segment: Segment) -> Segment:
    if len(segment) == 4:
        return segment
    a, b = segment
    return (a, point_at(segment, 1 / 3), point_at(segment, 2 / 3), b)


def _turn_is_smooth(before: Segment, after: Segment) -> bool:
    out, into = end_tangent(before), start_tangent(after)
    return out is not None and into is not None and _dot(out, into) >= math.cos(math.radians(MAX_TURN))


def fit_cubic(run: Sequence[Segment], tolerance: float) -> Segment | None:
    """One cubic with the run's ends and end tangents within ``tolerance`` of every sample, else None."""
    p0, p3 = run[0][0], run[-1][-1]
    t0, t1 = start_tangent(_as_cubic(run[0])), end_tangent(_as_cubic(run[-1]))
    if t0 is None or t1 is None:
        return None
    samples = _samples(run)
    params = [0.0]
    for a, b in itertools.pairwise(samples):
        params.append(params[-1] + _length(_sub(b, a)))
    if params[-1] < 1e-9:
        return None
    params = [u / params[-1] for u in params]
    chord = _length(_sub(p3, p0))
    (x0, y0), (x3, y3), (tx0, ty0), (tx1, ty1) = p0, p3, t0, t1
    for attempt in range(_ITERATIONS):
        c11 = c12 = c22 = r1 = r2 = 0.0
        for (qx, qy), t in zip(samples, params, strict=True):
            s = 1 - t
            b1, b2 = 3 * s * s * t, 3 * s * t * t
            head, tail = s * s * s + b1, b2 + t * t * t
            rx, ry = qx - head * x0 - tail * x3, qy - head * y0 - tail * y3
            c11 += b1 * b1
            c12 -= b1 * b2 * (tx0 * tx1 + ty0 * ty1)
            c22 += b2 * b2
            r1 += b1 * (tx0 * rx + ty0 * ry)
            r2 -= b2 * (tx1 * rx + ty1 * ry)
        determinant = c11 * c22 - c12 * c12
        if abs(determinant) < 1e-12:
            return None
        alpha, beta = (r1 * c22 - r2 * c12) / determinant, (c11 * r2 - c12 * r1) / determinant
        if alpha <= 1e-6 * chord or beta <= 1e-6 * chord:
            return None
        cubic = (p0, (x0 + tx0 * alpha, y0 + ty0 * alpha), (x3 - tx1 * beta, y3 - ty1 * beta), p3)
        worst = max(_length(_sub(point_at(cubic, t), q)) for q, t in zip(samples, params, strict=True))
        if worst <= tolerance:
            return cubic
        if attempt and worst > 8 * tolerance:
            return None  # far off: reparametrising will not bring it within the bound
        params = [_newton_step(cubic, q, t) for q, t in zip(samples, params, strict=True)]
    return None


def _newton_step(cubic: Segment, target: Point, t: float) -> float:
    """One Newton step towards the parameter of the point of ``cubic`` nearest ``target``."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = cubic
    s = 1 - t
    b0, b1, b2, b3 = s * s * s, 3 * s * s * t, 3 * s * t * t, t * t * t
    dx = b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3 - target[0]
    dy = b0 * y0 + b1 * y1 + b2 * y2 + b3 * y3 - target[1]
    fx = 3 * s * s * (x1 - x0) + 6 * s * t * (x2 - x1) + 3 * t * t * (x3 - x2)
    fy = 3 * s * s * (y1 - y0) + 6 * s * t * (y2 - y1) + 3 * t * t * (y3 - y2)
    sx = 6 * s * (x2 - 2 * x1 + x0) + 6 * t * (x3 - 2 * x2 + x1)
    sy = 6 * s * (y2 - 2 * y1 + y0) + 6 * t * (y3 - 2 * y2 + y1)
    denominator = fx * fx + fy * fy + dx * sx + dy * sy
    if abs(denominator) < 1e-12:
        return t
    return min(1.0, max(0.0, t - (dx * fx + dy * fy) / denominator))


def simplify_contour(contour: Contour, tolerance: float = TOLERANCE) -> Contour:
    """``contour`` (closed; lines and cubics, each starting where the one before ends) within ``tolerance``.

    A curve piece within ``tolerance`` of its chord becomes a line. Runs of pieces that meet without a corner
    become one cubic (:func:`fit_cubic`); a run (or a cubic) whose
    every sample lies within ``tolerance`` of its chord becomes a line, and a line continuing the line before it
    within ``tolerance`` of every sample of both joins it. Each test is against samples of the original pieces,
    so the bound holds for the result, not only for each step.
    """
    originals = [s for s in contour if any(_length(_sub(p, s[0])) >= 1e-9 for p in s[1:])]
    pieces = [
        (s[0], s[-1]) if len(s) == 4 and _within(_samples([s]), (s[0], s[-1]), tolerance) else s
        for s in originals
    ]
    result: Contour = []
    line_samples: list[Point] = []  # the original samples the last line of ``result`` stands for
    i = 0
    while i < len(pieces):
        best, j = pieces[i], i + 1
        while j < len(pieces) and _turn_is_smooth(pieces[j - 1], pieces[j]):
            fitted = fit_cubic(originals[i : j + 1], tolerance)
            if fitted is None:
                break
            best, j = fitted, j + 1
        samples = _samples(originals[i:j])
        line = (best[0], best[-1])
        if len(best) == 2 or _within(samples, line, tolerance):
            previous = result[-1] if result else None
            if (
                previous is not None
                and len(previous) == 2
                and _dot(_sub(line[1], line[0]), _sub(previous[1], previous[0])) > 0
                and _within(line_samples + samples, (previous[0], line[1]), tolerance)
            ):
                result[-1] = (previous[0], line[1])
                line_samples += samples
            else:
                result.append(line)
                line_samples = samples
        else:
            result.append(best)
        i = j
    return result


def _samples(run: Sequence[Segment]) -> list[Point]:
    """Points along ``run``, about every ``_SPACING`` units (at least ``_SAMPLES`` a piece)."""
    points = [run[0][0]]
    for segment in run:
        reach = sum(_length(_sub(b, a)) for a, b in itertools.pairwise(segment))
        count = max(_SAMPLES, math.ceil(reach / _SPACING))
        points += [point_at(segment, k / count) for k in range(1, count + 1)]
    return points


def _within(points: Iterable[Point], line: Segment, tolerance: float) -> bool:
    return all(_to_segment(point, *line) <= tolerance for point in points)


def contours_of(recording: Sequence[tuple[str, tuple[Any, ...]]]) -> list[Contour]:
    """The closed contours of a fontTools RecordingPen's commands."""
    contours: list[Contour] = []
    current = start = (0.0, 0.0)
    for operator, points in recording:
        if operator == "moveTo":
            start = current = points[0]
            contours.append([])
        elif operator in ("lineTo", "curveTo"):
            contours[-1].append((current, *points))
            current = points[-1]
        elif operator in ("closePath", "endPath"):
            if current != start:
                contours[-1].append((current, start))
            current = start
        else:
            raise ValueError(f"unexpected outline command {operator}")
    return contours


def draw_contours(pen: Any, contours: Iterable[Contour]) -> None:
    for contour in contours:
        if not contour:
            continue
        pen.moveTo(contour[0][0])
        for segment in contour:
            if len(segment) == 2:
                pen.lineTo(segment[1])
            else:
                pen.curveTo(*segment[1:])
        pen.closePath()


def deviation(before: Sequence[Contour], after: Sequence[Contour], step: float = 1.0) -> float:
    """The largest distance from a point of either outline to the other outline (both sampled every ~``step``
    units, measured to the other's polyline); infinity past ``8 * step``."""
    return max(_one_way(before, after, step), _one_way(after, before, step))


def _polyline(contours: Sequence[Contour], step: float) -> list[Point]:
    points: list[Point] = []
    for contour in contours:
        for segment in contour:
            size = sum(_length(_sub(b, a)) for a, b in itertools.pairwise(segment))
            count = max(1, math.ceil(size / step))
            points += [point_at(segment, k / count) for k in range(count + 1)]
    return points


def _one_way(source: Sequence[Contour], target: Sequence[Contour], step: float) -> float:
    """The largest distance from a sample of ``source`` to ``target`` (up to ``8 * step``; beyond, infinity)."""
    cell = 4 * step
    edges: dict[tuple[int, int], list[tuple[Point, Point]]] = {}
    for contour in target:
        for segment in contour:
            for a, b in itertools.pairwise(_polyline([[segment]], step)):
                key = (math.floor((a[0] + b[0]) / 2 / cell), math.floor((a[1] + b[1]) / 2 / cell))
                edges.setdefault(key, []).append((a, b))
    worst = 0.0
    for point in _polyline(source, step):
        x, y = math.floor(point[0] / cell), math.floor(point[1] / cell)
        nearest = min(
            (
                _to_segment(point, a, b)
                for dx in range(-2, 3)
                for dy in range(-2, 3)
                for a, b in edges.get((x + dx, y + dy), ())
            ),
            default=math.inf,
        )
        worst = max(worst, nearest)
    return worst


def _to_segment(point: Point, a: Point, b: Point) -> float:
    chord = _sub(b, a)
    size = _dot(chord, chord)
    t = 0.0 if size < 1e-12 else min(1.0, max(0.0, _dot(_sub(point, a), chord) / size))
    return _length(_sub(point, _add(a, _scale(chord, t))))


# --- the font file -------------------------------------------------------------------------------------------

_font: Any = None


def _open(path: str) -> None:
    global _font
    from fontTools.ttLib import TTFont

    _font = TTFont(path, lazy=True)


def _simplify_glyphs(names: list[str]) -> list[tuple[str, bytes]]:
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    glyph_set = _font.getGlyphSet()
    top = _font["CFF "].cff.topDictIndex[0]
    out = []
    for name in names:
        recording = RecordingPen()
        glyph_set[name].draw(recording)
        contours = [simplify_contour(contour) for contour in contours_of(recording.value)]
        private = top.CharStrings[name].private
        advance = _font["hmtx"][name][0]
        width = None if advance == private.defaultWidthX else advance - private.nominalWidthX
        pen = T2CharStringPen(width, glyph_set)
        draw_contours(pen, contours)
        charstring = pen.getCharString()
        charstring.compile()
        out.append((name, bytes(charstring.bytecode)))
    return out


def is_simplified(path: str) -> bool:
    from fontTools.ttLib import TTFont

    return MARK in str(TTFont(path, lazy=True)["name"].getDebugName(5) or "")


def simplify_font(source: str, target: str, workers: int = os.cpu_count() or 1) -> None:
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    if "CFF " not in font:
        raise SystemExit(f"{source}: not a CFF face")
    names = font.getGlyphOrder()
    chunks = [names[start : start + 500] for start in range(0, len(names), 500)]
    with multiprocessing.get_context("fork").Pool(workers, _open, (source,)) as pool:
        results = [item for chunk in pool.map(_simplify_glyphs, chunks) for item in chunk]
    top = font["CFF "].cff.topDictIndex[0]
    for name, bytecode in results:
        charstring = top.CharStrings[name]
        charstring.program, charstring.bytecode = None, bytecode
    for font_dict in getattr(top, "FDArray", None) or [top]:
        if hasattr(font_dict.Private, "Subrs"):
            del font_dict.Private.Subrs  # the outlines call no subroutine any more
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    name_table = font["name"]
    for record in name_table.names:
        if record.nameID == 5:
            version = record.toUnicode()
            record.string = f"{version}; {MARK} on {stamp} (within {TOLERANCE:g} units, hints dropped)"
    directory = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(dir=directory, suffix=".otf")
    os.close(handle)
    try:
        font.save(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    source, target = argv
    if is_simplified(source):
        print(f"{source}: already simplified")
        return 0
    simplify_font(source, target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
