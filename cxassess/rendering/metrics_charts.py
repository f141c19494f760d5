"""Charts of the metrics report as small, deterministic SVG drawings (same style as svgcharts).

Trend: one column per period, the value as a dot and its interval as a vertical bar; periods with
too few responses as hollow grey dots, periods without responses left empty; a significant change
from the previous period marked ▲ or ▼. Forest: one row per segment, the interval as a bar, the
value as a dot, all responses as a dashed vertical line. Axis values carry their unit (``%``
for shares) when one is given.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cxassess.rendering.svgcharts import GRID, MUTED, TEXT, Palette, _svg, _text

FEW = "#9aa3ad"
UP = "#2e7d4f"
DOWN = "#b03a2e"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
    low: float | None
    high: float | None
    too_few: bool
    change: str = "none"  # up | down | none: a significant change from the previous point


def _ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering lo..hi."""
    span = max(hi - lo, 1e-9)
    raw = span / count
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    out = []
    v = start
    while v <= hi + step * 0.001:
        out.append(round(v, 10))
        v += step
    return out


def _range(points: Sequence[Point], floor: float | None, ceiling: float | None) -> tuple[float, float]:
    values = [v for p in points for v in (p.low, p.high, p.value) if v is not None]
    if not values:
        return (floor if floor is not None else 0.0), (ceiling if ceiling is not None else 1.0)
    lo, hi = min(values), max(values)
    pad = max((hi - lo) * 0.08, 0.5)
    lo, hi = lo - pad, hi + pad
    if floor is not None:
        lo = max(lo, floor)
    if ceiling is not None:
        hi = min(hi, ceiling)
    ticks = _ticks(lo, hi)
    return min(ticks[0], lo), max(ticks[-1], hi)


def _fmt(v: float, digits: int) -> str:
    return f"{v:.{digits}f}".replace("-", "−")


def trend(
    points: Sequence[Point],
    palette: Palette,
    *,
    floor: float | None = None,
    ceiling: float | None = None,
    digits: int = 0,
    unit: str = "",
    width: float = 620,
    height: float = 230,
) -> str:
    """Values over periods with their intervals (see the module's docstring)."""
    left, right, top, bottom = 46.0, 12.0, 14.0, 42.0
    plot_w, plot_h = width - left - right, height - top - bottom
    lo, hi = _range(points, floor, ceiling)

    def y(v: float) -> float:
        return top + plot_h * (1 - (v - lo) / (hi - lo))

    n = max(len(points), 1)
    step = plot_w / n

    def x(i: int) -> float:
        return left + step * (i + 0.5)

    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for tv in _ticks(lo, hi):
        if lo - 1e-9 <= tv <= hi + 1e-9:
            body.append(
                f'<line x1="{left:.1f}" y1="{y(tv):.1f}" x2="{width - right:.1f}" y2="{y(tv):.1f}" stroke="{GRID}" stroke-width="1"/>'
            )
            body.append(_text(left - 5, y(tv), _fmt(tv, digits if abs(tv) < 1000 else 0) + unit, 9, "end", MUTED))
    if lo < 0 < hi:
        body.append(
            f'<line x1="{left:.1f}" y1="{y(0):.1f}" x2="{width - right:.1f}" y2="{y(0):.1f}" stroke="{MUTED}" stroke-width="1"/>'
        )
    path = [(x(i), y(p.value)) for i, p in enumerate(points) if p.value is not None and not p.too_few]
    if len(path) > 1:
        d = " ".join(f"{'M' if k == 0 else 'L'}{px:.1f},{py:.1f}" for k, (px, py) in enumerate(path))
        body.append(f'<path d="{d}" fill="none" stroke="{palette.primary}" stroke-width="1.6" stroke-opacity="0.55"/>')
    every = max(1, math.ceil(len(points) / 14))  # at most about 14 period labels
    for i, p in enumerate(points):
        cx = x(i)
        if i % every == 0 or i == len(points) - 1:
            body.append(_text(cx, height - bottom + 14, p.label, 9.5, "middle", TEXT))
        if p.value is None:
            continue
        colour = FEW if p.too_few else palette.primary
        if p.low is not None and p.high is not None:
            body.append(
                f'<line x1="{cx:.1f}" y1="{y(p.low):.1f}" x2="{cx:.1f}" y2="{y(p.high):.1f}" stroke="{colour}" stroke-width="2"/>'
            )
            for v in (p.low, p.high):
                body.append(
                    f'<line x1="{cx - 4:.1f}" y1="{y(v):.1f}" x2="{cx + 4:.1f}" y2="{y(v):.1f}" stroke="{colour}" stroke-width="1.5"/>'
                )
        if p.too_few:
            body.append(
                f'<circle cx="{cx:.1f}" cy="{y(p.value):.1f}" r="4" fill="white" stroke="{FEW}" stroke-width="1.8"/>'
            )
        else:
            body.append(f'<circle cx="{cx:.1f}" cy="{y(p.value):.1f}" r="4" fill="{palette.primary}"/>')
        if p.change in ("up", "down"):
            mark_y = y(p.high if p.high is not None else p.value) - 9
            body.append(
                _text(
                    cx, mark_y, "▲" if p.change == "up" else "▼", 10, "middle", UP if p.change == "up" else DOWN, "700"
                )
            )
    return _svg(width, height, body)


def forest(
    points: Sequence[Point],
    overall: float | None,
    palette: Palette,
    *,
    floor: float | None = None,
    ceiling: float | None = None,
    digits: int = 0,
    unit: str = "",
    width: float = 620,
    label_width: float = 150,
) -> str:
    """One row per segment: interval bar, value dot, all responses as a dashed line."""
    row = 22.0
    top = 10.0
    height = top + row * len(points) + 28
    left = label_width
    plot_w = width - left - 60
    lo, hi = _range([*points, Point("", overall, None, None, False)], floor, ceiling)

    def x(v: float) -> float:
        return left + plot_w * (v - lo) / (hi - lo)

    body = [f'<rect width="{width:.0f}" height="{height:.0f}" fill="white"/>']
    for tv in _ticks(lo, hi):
        if lo - 1e-9 <= tv <= hi + 1e-9:
            body.append(
                f'<line x1="{x(tv):.1f}" y1="{top:.1f}" x2="{x(tv):.1f}" y2="{top + row * len(points):.1f}" stroke="{GRID}" stroke-width="1"/>'
            )
            body.append(_text(x(tv), top + row * len(points) + 12, _fmt(tv, digits) + unit, 9, "middle", MUTED))
    if overall is not None:
        ox = x(overall)
        body.append(
            f'<line x1="{ox:.1f}" y1="{top - 4:.1f}" x2="{ox:.1f}" y2="{top + row * len(points) + 2:.1f}" stroke="{palette.accent}" stroke-width="2" stroke-dasharray="5 3"/>'
        )
    for i, p in enumerate(points):
        cy = top + row * i + row / 2
        body.append(_text(left - 8, cy, p.label, 10.5, "end"))
        if p.value is None:
            continue
        colour = FEW if p.too_few else palette.primary
        if p.low is not None and p.high is not None:
            body.append(
                f'<line x1="{x(p.low):.1f}" y1="{cy:.1f}" x2="{x(p.high):.1f}" y2="{cy:.1f}" stroke="{colour}" stroke-width="2.2"/>'
            )
        fill = "white" if p.too_few else colour
        body.append(
            f'<circle cx="{x(p.value):.1f}" cy="{cy:.1f}" r="4" fill="{fill}" stroke="{colour}" stroke-width="1.8"/>'
        )
        if p.change in ("up", "down"):
            body.append(
                _text(
                    width - 52,
                    cy,
                    "▲" if p.change == "up" else "▼",
                    10,
                    "start",
                    UP if p.change == "up" else DOWN,
                    "700",
                )
            )
    return _svg(width, height, body)
