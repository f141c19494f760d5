"""The report charts as small, deterministic SVG drawings (data URIs for <img>).

Radar: axes clockwise from the top in clause order, numbered labels kept horizontal, the target
drawn as a dashed line, rings labelled in percent. Bars: horizontal bars with the target as a
vertical line. Dot plots: one row per item, a dot per series and the median as a tick (for
comparisons, instead of overlapping filled radars). Colours come from the theme.
"""

from __future__ import annotations

import base64
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'WenQuanYi Micro Hei', sans-serif"
GRID = "#c9d3df"
TEXT = "#333333"
MUTED = "#6b6b70"


@dataclass(frozen=True)
class Palette:
    primary: str = "#14396b"
    accent: str = "#d9822b"


def uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _svg(width: float, height: float, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="{FONT}">' + "".join(body) + "</svg>"
    )


def _text(
    x: float, y: float, s: str, size: float = 11, anchor: str = "middle", fill: str = TEXT, weight: str = "400"
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" fill="{fill}" '
        f'font-weight="{weight}" dominant-baseline="middle">{escape(s)}</text>'
    )


def text_width(s: str, size: float) -> float:
    """An estimate of the drawn width: CJK and full-width characters take a full em, others a
    little over half (Noto Sans)."""
    wide = sum(1 for ch in s if ord(ch) >= 0x2E80)
    return size * (wide + 0.56 * (len(s) - wide))


def fit(s: str, size: float, room: float) -> str:
    """``s`` shortened at its end with an ellipsis to fit ``room``."""
    if text_width(s, size) <= room:
        return s
    while s and text_width(s + "…", size) > room:
        s = s[:-1]
    return s.rstrip() + "…"


def radar(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None], bool]],
    palette: Palette,
    *,
    size: float = 420,
    legend: bool = True,
) -> str:
    """A radar on 0–100; ``series`` = (name, values, is_target). Axes run clockwise from the top."""
    n = max(len(labels), 3)
    cx = cy = size / 2
    r = size / 2 - 38
    body: list[str] = [f'<rect width="{size:.0f}" height="{size + (34 if legend else 0):.0f}" fill="white"/>']

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n  # clockwise in screen coordinates
        return cx + r * value / 100 * math.cos(angle), cy + r * value / 100 * math.sin(angle)

    for ring in (20, 40, 60, 80, 100):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        body.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}" stroke-width="1"/>')
    for i in range(n):
        x, y = point(i, 100)
        body.append(f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>')
    colours = [palette.primary, "#3a9d5d", "#8e44ad", "#c0392b", "#16a085"]
    k = 0
    for _name, values, is_target in series:
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v or 0) for i, v in enumerate(values)))
        if is_target:
            body.append(
                f'<polygon points="{pts}" fill="none" stroke="{palette.accent}" stroke-width="2.2" stroke-dasharray="7 4"/>'
            )
        else:
            c = colours[k % len(colours)]
            k += 1
            body.append(f'<polygon points="{pts}" fill="{c}" fill-opacity="0.18" stroke="{c}" stroke-width="2"/>')
            for i, v in enumerate(values):
                x, y = point(i, v or 0)
                body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2.6" fill="{c}"/>')
    for ring in (20, 40, 60, 80, 100):  # over the series, on a white patch, so no line hides them
        ry = cy - r * ring / 100
        body.append(
            f'<rect x="{cx + 2:.1f}" y="{ry - 5.5:.1f}" width="22" height="11" fill="white" fill-opacity="0.85"/>'
        )
        body.append(_text(cx + 3, ry, f"{ring}%", 8.5, "start", MUTED))
    for i, label in enumerate(labels):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + (r + 18) * math.cos(angle), cy + (r + 16) * math.sin(angle)
        anchor = "middle" if abs(math.cos(angle)) < 0.3 else ("start" if math.cos(angle) > 0 else "end")
        body.append(_text(x, y, label, 11, anchor, TEXT, "700"))
    if legend:
        x = 20.0
        k = 0
        for name, _, is_target in series:
            c = palette.accent if is_target else colours[k % len(colours)]
            if not is_target:
                k += 1
            dash = ' stroke-dasharray="7 4"' if is_target else ""
            body.append(
                f'<line x1="{x:.0f}" y1="{size + 14:.0f}" x2="{x + 24:.0f}" y2="{size + 14:.0f}" stroke="{c}" stroke-width="3"{dash}/>'
            )
            body.append(_text(x + 30, size + 14, name, 11, "start"))
            x += 40 + 12 * len(name) + (len(name.encode("utf-8")) - len(name)) * 2
    return _svg(size, size + (34 if legend else 0), body)


def hbars(
    labels: Sequence[str],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    palette: Palette,
    *,
    width: float = 620,
    label_width: float = 210,
    target_name: str = "",
) -> str:
    """Horizontal bars (0–100 %) with each item's target as a dashed vertical tick. The label
    column is as wide as the longest label needs (up to half the width); a label longer than
    that is shortened at its end, never clipped at its start."""
    row = 26.0
    top = 14.0
    height = top + row * len(labels) + 40
    longest = max((text_width(label, 11) for label in labels), default=0.0)
    label_width = min(max(label_width, longest + 14), width * 0.5)
    labels = [fit(label, 11, label_width - 14) for label in labels]
    plot = width - label_width - 52
    x0 = label_width
    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for v in (0, 20, 40, 60, 80, 100):
        x = x0 + plot * v / 100
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 4:.1f}" x2="{x:.1f}" y2="{top + row * len(labels):.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(x, top + row * len(labels) + 12, f"{v}%", 9, "middle", MUTED))
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * i
        body.append(_text(x0 - 8, y + row / 2, label, 11, "end"))
        w = plot * (value or 0) / 100
        body.append(
            f'<rect x="{x0:.1f}" y="{y + 5:.1f}" width="{w:.1f}" height="{row - 10:.1f}" fill="{palette.primary}" rx="2"/>'
        )
        target = targets[i] if i < len(targets) else None
        # the value sits past both the bar and the target line, so the line never strikes it
        vx = max(x0 + w, x0 + plot * target / 100 + 2 if target is not None else 0.0) + 5
        body.append(_text(vx, y + row / 2, "—" if value is None else f"{value:.0f}%", 10, "start", TEXT, "700"))
        if target is not None:
            tx = x0 + plot * target / 100
            body.append(
                f'<line x1="{tx:.1f}" y1="{y + 2:.1f}" x2="{tx:.1f}" y2="{y + row - 2:.1f}" stroke="{palette.accent}" stroke-width="2.5" stroke-dasharray="4 2"/>'
            )
    if target_name:
        ly = top + row * len(labels) + 30
        body.append(
            f'<line x1="{x0:.1f}" y1="{ly:.1f}" x2="{x0 + 22:.1f}" y2="{ly:.1f}" stroke="{palette.accent}" stroke-width="2.5" stroke-dasharray="4 2"/>'
        )
        body.append(_text(x0 + 28, ly, target_name, 10, "start"))
    return _svg(width, height, body)


def dots(
    labels: Sequence[str],
    rows: Sequence[tuple[float | None, float | None, float | None, float | None]],
    palette: Palette,
    *,
    names: tuple[str, str, str] = ("", "", ""),
    width: float = 620,
    label_width: float = 200,
) -> str:
    """One row per item: the range (min–max) as a grey bar, the middle half as a darker bar, the
    median as a tick and one organisation as a dot. ``rows`` = (min, q1 or None, median, value)."""
    row = 20.0
    top = 10.0
    height = top + row * len(labels) + 44
    plot = width - label_width - 20
    x0 = label_width
    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for v in (0, 20, 40, 60, 80, 100):
        x = x0 + plot * v / 100
        body.append(
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{top + row * len(labels):.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(x, top + row * len(labels) + 10, f"{v}%", 9, "middle", MUTED))
    for i, (label, (lo, hi, median, value)) in enumerate(zip(labels, rows, strict=True)):
        y = top + row * i + row / 2
        body.append(_text(x0 - 8, y, label, 10.5, "end"))
        if lo is not None and hi is not None:
            body.append(
                f'<line x1="{x0 + plot * lo / 100:.1f}" y1="{y:.1f}" x2="{x0 + plot * hi / 100:.1f}" y2="{y:.1f}" stroke="#d5dbe3" stroke-width="6" stroke-linecap="round"/>'
            )
        if median is not None:
            mx = x0 + plot * median / 100
            body.append(
                f'<line x1="{mx:.1f}" y1="{y - 7:.1f}" x2="{mx:.1f}" y2="{y + 7:.1f}" stroke="{palette.accent}" stroke-width="2.5"/>'
            )
        if value is not None:
            body.append(f'<circle cx="{x0 + plot * value / 100:.1f}" cy="{y:.1f}" r="4.5" fill="{palette.primary}"/>')
    ly = top + row * len(labels) + 30
    legend = [
        f'<line x1="{x0:.1f}" y1="{ly:.1f}" x2="{x0 + 20:.1f}" y2="{ly:.1f}" stroke="#d5dbe3" stroke-width="6" stroke-linecap="round"/>',
        _text(x0 + 26, ly, names[0], 10, "start"),
        f'<line x1="{x0 + 140:.1f}" y1="{ly - 7:.1f}" x2="{x0 + 140:.1f}" y2="{ly + 7:.1f}" stroke="{palette.accent}" stroke-width="2.5"/>',
        _text(x0 + 148, ly, names[1], 10, "start"),
        f'<circle cx="{x0 + 260:.1f}" cy="{ly:.1f}" r="4.5" fill="{palette.primary}"/>',
        _text(x0 + 270, ly, names[2], 10, "start"),
    ]
    body += legend
    return _svg(width, height, body)


# --------------------------------------------------------------------------- comparisons
# Drawn from summary statistics only, so a portfolio of ten thousand organisations costs what a
# portfolio of ten costs.

Box = tuple[float, float, float, float, float]  # min, q1, median, q3, max


def box_rows(
    labels: Sequence[str],
    boxes: Sequence[Box | None],
    palette: Palette,
    *,
    names: tuple[str, str, str] = ("", "", ""),
    width: float = 640,
    label_width: float = 60,
) -> str:
    """Horizontal box plots, one row per item: whisker from minimum to maximum, box from Q1 to Q3,
    the median as a thick tick. ``names`` = legend for (range, middle half, median)."""
    row = 17.0
    top = 8.0
    n = len(labels)
    height = top + row * n + 46
    plot = width - label_width - 24
    x0 = label_width

    def x(v: float) -> float:
        return x0 + plot * v / 100

    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for v in (0, 20, 40, 60, 80, 100):
        body.append(
            f'<line x1="{x(v):.1f}" y1="{top:.1f}" x2="{x(v):.1f}" y2="{top + row * n:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(x(v), top + row * n + 10, f"{v}%", 9, "middle", MUTED))
    for i, (label, box) in enumerate(zip(labels, boxes, strict=True)):
        y = top + row * i + row / 2
        if i % 2:
            body.append(f'<rect x="0" y="{y - row / 2:.1f}" width="{width:.0f}" height="{row:.1f}" fill="#f6f8fb"/>')
        body.append(_text(x0 - 8, y, label, 10, "end", TEXT, "700"))
        if box is None:
            body.append(_text(x0 + 4, y, "—", 10, "start", MUTED))
            continue
        lo, q1, med, q3, hi = box
        body.append(
            f'<line x1="{x(lo):.1f}" y1="{y:.1f}" x2="{x(hi):.1f}" y2="{y:.1f}" stroke="{MUTED}" stroke-width="1.2"/>'
        )
        for end in (lo, hi):
            body.append(
                f'<line x1="{x(end):.1f}" y1="{y - 4:.1f}" x2="{x(end):.1f}" y2="{y + 4:.1f}" stroke="{MUTED}" stroke-width="1.2"/>'
            )
        body.append(
            f'<rect x="{x(q1):.1f}" y="{y - 5.5:.1f}" width="{max(x(q3) - x(q1), 1.5):.1f}" height="11" fill="{palette.primary}" fill-opacity="0.28" stroke="{palette.primary}" stroke-width="1"/>'
        )
        body.append(
            f'<line x1="{x(med):.1f}" y1="{y - 7:.1f}" x2="{x(med):.1f}" y2="{y + 7:.1f}" stroke="{palette.accent}" stroke-width="3"/>'
        )
    ly = top + row * n + 32
    body += [
        f'<line x1="{x0:.1f}" y1="{ly:.1f}" x2="{x0 + 24:.1f}" y2="{ly:.1f}" stroke="{MUTED}" stroke-width="1.2"/>',
        _text(x0 + 30, ly, names[0], 10, "start"),
        f'<rect x="{x0 + 170:.1f}" y="{ly - 5.5:.1f}" width="24" height="11" fill="{palette.primary}" fill-opacity="0.28" stroke="{palette.primary}" stroke-width="1"/>',
        _text(x0 + 200, ly, names[1], 10, "start"),
        f'<line x1="{x0 + 340:.1f}" y1="{ly - 7:.1f}" x2="{x0 + 340:.1f}" y2="{ly + 7:.1f}" stroke="{palette.accent}" stroke-width="3"/>',
        _text(x0 + 348, ly, names[2], 10, "start"),
    ]
    return _svg(width, height, body)


def strip(
    labels: Sequence[str],
    rows: Sequence[tuple[float | None, float | None, float | None, float | None]],
    palette: Palette,
    *,
    width: float = 330,
    label_width: float = 34,
) -> str:
    """A small dot plot of one organisation against the portfolio, for small multiples: per row
    the portfolio's middle half (Q1–Q3) as a band, its median as a tick and the organisation as a
    dot (filled red below Q1, green above Q3). ``rows`` = (q1, median, q3, value)."""
    row = 10.5
    top = 4.0
    n = len(labels)
    height = top + row * n + 14
    plot = width - label_width - 10
    x0 = label_width

    def x(v: float) -> float:
        return x0 + plot * v / 100

    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for v in (0, 50, 100):
        body.append(
            f'<line x1="{x(v):.1f}" y1="{top:.1f}" x2="{x(v):.1f}" y2="{top + row * n:.1f}" stroke="{GRID}" stroke-width="0.8"/>'
        )
        body.append(_text(x(v), top + row * n + 7, f"{v}%", 7, "middle", MUTED))
    for i, (label, (q1, med, q3, value)) in enumerate(zip(labels, rows, strict=True)):
        y = top + row * i + row / 2
        body.append(_text(x0 - 4, y, label, 7, "end", MUTED))
        if q1 is not None and q3 is not None:
            body.append(
                f'<rect x="{x(q1):.1f}" y="{y - 3:.1f}" width="{max(x(q3) - x(q1), 1):.1f}" height="6" fill="#d5dbe3"/>'
            )
        if med is not None:
            body.append(
                f'<line x1="{x(med):.1f}" y1="{y - 4:.1f}" x2="{x(med):.1f}" y2="{y + 4:.1f}" stroke="{palette.accent}" stroke-width="1.6"/>'
            )
        if value is not None:
            colour = palette.primary
            if q1 is not None and value < q1:
                colour = "#c0392b"
            elif q3 is not None and value > q3:
                colour = "#2e7d4f"
            body.append(f'<circle cx="{x(value):.1f}" cy="{y:.1f}" r="2.8" fill="{colour}"/>')
    return _svg(width, height, body)


def histogram(
    labels: Sequence[str], counts: Sequence[int], palette: Palette, *, width: float = 640, height: float = 190
) -> str:
    """Vertical bars of counts (e.g. organisations per band of overall score), each labelled."""
    n = max(len(labels), 1)
    top, bottom = 18.0, 26.0
    plot_h = height - top - bottom
    col = (width - 20) / n
    peak = max(counts, default=0) or 1
    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    body.append(
        f'<line x1="10" y1="{top + plot_h:.1f}" x2="{width - 10:.0f}" y2="{top + plot_h:.1f}" stroke="{GRID}" stroke-width="1"/>'
    )
    for i, (label, count) in enumerate(zip(labels, counts, strict=True)):
        h = plot_h * count / peak
        bx = 10 + col * i
        body.append(
            f'<rect x="{bx + 3:.1f}" y="{top + plot_h - h:.1f}" width="{col - 6:.1f}" height="{h:.1f}" fill="{palette.primary}" rx="1.5"/>'
        )
        body.append(_text(bx + col / 2, top + plot_h - h - 7, str(count), 9, "middle", TEXT, "700"))
        body.append(_text(bx + col / 2, top + plot_h + 12, label, 8.5, "middle", MUTED))
    return _svg(width, height, body)


def trend(
    dates: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    palette: Palette,
    *,
    width: float = 560,
    height: float = 200,
) -> str:
    """Scores over assessment dates (0–100 %): the first series in the primary colour and thicker,
    the others thinner; a legend below."""
    left, right, top = 40.0, 16.0, 10.0
    plot_w, plot_h = width - left - right, height - top - 54
    n = max(len(dates), 1)

    def px(i: int) -> float:
        return left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top + plot_h * (1 - v / 100)

    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for v in (0, 25, 50, 75, 100):
        body.append(
            f'<line x1="{left:.1f}" y1="{py(v):.1f}" x2="{width - right:.1f}" y2="{py(v):.1f}" stroke="{GRID}" stroke-width="0.8"/>'
        )
        body.append(_text(left - 5, py(v), f"{v}%", 8, "end", MUTED))
    for i, d in enumerate(dates):
        body.append(_text(px(i), top + plot_h + 11, d, 8.5, "middle", MUTED))
    colours = [palette.primary, palette.accent, "#3a9d5d", "#8e44ad", "#c0392b", "#16a085"]
    lx = left
    for k, (name, values) in enumerate(series):
        c = colours[k % len(colours)]
        w = 2.6 if k == 0 else 1.5
        pts = [(px(i), py(v)) for i, v in enumerate(values) if v is not None]
        if len(pts) > 1:
            path = " ".join(f"{a:.1f},{b:.1f}" for a, b in pts)
            body.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="{w}"/>')
        for a, b in pts:
            body.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="{w + 0.6:.1f}" fill="{c}"/>')
        ly = height - 18
        body.append(
            f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 16:.1f}" y2="{ly:.1f}" stroke="{c}" stroke-width="{w}"/>'
        )
        body.append(_text(lx + 20, ly, name, 9, "start"))
        lx += 30 + 6.5 * len(name) + (len(name.encode("utf-8")) - len(name)) * 1.6
    return _svg(width, height, body)
