"""Vector charts (SVG, drawn by pygal) embedded in reports as data URIs."""

from __future__ import annotations

import base64
import re
from collections.abc import Sequence

import pygal
from pygal.style import Style

FONT = '"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif'
CURRENT = "#1f5fa8"
TARGET = "#d9822b"
EXTRA = ("#3a9d5d", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d")


def _style(colors: Sequence[str]) -> Style:
    return Style(
        font_family=FONT,
        background="white",
        plot_background="white",
        foreground="#333333",
        foreground_strong="#111111",
        foreground_subtle="#bbbbbb",
        colors=tuple(colors),
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=14,
        value_font_size=11,
        title_font_size=16,
        opacity=".25",
        opacity_hover=".35",
    )


_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SCRIPT = re.compile(rb"<script\b.*?</script>", re.DOTALL)


def _uri(svg: bytes, name: str) -> str:
    # no scripts (nothing to run or fetch), and a fixed id instead of pygal's random one,
    # so the same inputs give the same document
    text = _UUID.sub(name.encode(), _SCRIPT.sub(b"", svg))
    return "data:image/svg+xml;base64," + base64.b64encode(text).decode("ascii")


_COMMON = {
    "js": [],  # no scripts: nothing is fetched
    "disable_xml_declaration": False,
    "show_legend": True,
    "legend_at_bottom": True,
    "legend_at_bottom_columns": 2,
    "explicit_size": True,
    "print_values": False,
}


def radar(
    name: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    outline: Sequence[tuple[str, Sequence[float | None]]] = (),
    size: tuple[int, int] = (640, 560),
) -> str:
    """A radar (spider) chart on a 0–100 scale: ``series`` filled, ``outline`` (e.g. the target) dashed."""
    colors = [CURRENT, *EXTRA][: len(series)] + [TARGET] * len(outline)
    chart = pygal.Radar(
        width=size[0], height=size[1], range=(0, 100), fill=True, style=_style(colors), dots_size=3, **_COMMON
    )
    chart.x_labels = list(labels)
    chart.y_labels = [0, 20, 40, 60, 80, 100]
    for title, values in series:
        chart.add(title, [v if v is not None else 0 for v in values])
    for title, values in outline:
        chart.add(
            title,
            [v if v is not None else 0 for v in values],
            fill=False,
            stroke_style={"width": 2.5, "dasharray": "8, 5"},
            show_dots=False,
        )
    return _uri(chart.render(), name)


def bars(
    name: str, labels: Sequence[str], values: Sequence[float | None], target: float | None, titles: tuple[str, str]
) -> str:
    """Horizontal-free vertical bars (0–100) with a target line."""
    chart = pygal.Bar(
        width=460,
        height=400,
        range=(0, 100),
        style=_style([CURRENT, TARGET]),
        print_values=True,
        **{k: v for k, v in _COMMON.items() if k != "print_values"},
    )
    chart.x_labels = list(labels)
    chart.y_labels = [0, 20, 40, 60, 80, 100]
    chart.value_formatter = lambda v: f"{v:.0f}%"
    chart.add(titles[0], [v if v is not None else 0 for v in values])
    if target is not None:
        chart.add(titles[1], [target] * len(labels), stroke=True, fill=False)
    return _uri(chart.render(), name)


def boxes(name: str, labels: Sequence[str], data: Sequence[Sequence[float]]) -> str:
    """Box plots (whiskers at minimum and maximum, boxes at the quartiles pygal computes from the
    data) of one series of values per label, on a 0–100 scale."""
    chart = pygal.Box(
        width=900,
        height=420,
        range=(0, 100),
        style=_style([CURRENT] * max(1, len(labels))),
        box_mode="extremes",
        **{**_COMMON, "show_legend": False},
    )
    chart.x_labels = list(labels)
    chart.y_labels = [0, 20, 40, 60, 80, 100]
    for label, values in zip(labels, data, strict=True):
        chart.add(label, list(values))
    return _uri(chart.render(), name)


def lines(name: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[float | None]]]) -> str:
    """Line chart over dates on a 0–100 scale (a clause's or the overall trend)."""
    colors = [CURRENT, TARGET, *EXTRA]
    chart = pygal.Line(width=640, height=320, range=(0, 100), style=_style(colors[: max(1, len(series))]), **_COMMON)
    chart.x_labels = list(labels)
    chart.y_labels = [0, 20, 40, 60, 80, 100]
    for title, values in series:
        chart.add(title, list(values))
    return _uri(chart.render(), name)
