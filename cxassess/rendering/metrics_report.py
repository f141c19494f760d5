"""The metrics report: metrics result → typed view model (every number formatted, every chart
drawn) → HTML (``metrics.html.j2``) → PDF; and the lines ``cxassess metrics`` prints.

Every figure is shown with its interval and n; figures on too few responses are marked and
greyed; a difference is worded as a rise, a fall, higher or lower only when it is significant
after Holm's correction.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cxassess.core.metrics import Comparison, Figure, InvalidCell, MetricResult, MetricsResult
from cxassess.i18n import Lang, join
from cxassess.i18n import t as _t
from cxassess.rendering import metrics_charts
from cxassess.rendering.document import Pair, document_header
from cxassess.rendering.svgcharts import Palette, uri

MAX_CELLS_SHOWN = 200  # invalid cells listed in the report (all are in the JSON, up to its own cap)
MINUS = "−"
NBSP = "\u00a0"  # keeps "p = 0.05", "n = 507" and an interval on one line

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = "A-Za-z0-9%"
_SEAMS = [
    (re.compile(f"([{_HAN}])\x02(?=[{_LATIN}])"), "\\1 \x02"),
    (re.compile(f"([{_LATIN}])\x02(?=[{_HAN}])"), "\\1 \x02"),
    (re.compile(f"([{_LATIN}])\x03(?=[{_HAN}])"), "\\1\x03 "),
    (re.compile(f"([{_HAN}])\x03(?=[{_LATIN}])"), "\\1\x03 "),
]


def t(code: str, lang: Lang, **kw: Any) -> str:
    """A catalogue message; in Chinese a space is put where a filled-in value meets the wording
    with Latin letters or digits on one side and Han characters on the other (``CES 按季度``,
    ``按 Channel``). Values themselves (segment names from the survey) are left as written."""
    if lang != "zh" or not kw:
        return _t(code, lang, **kw)
    text = _t(code, lang, **{k: f"\x02{v}\x03" for k, v in kw.items()})
    for pattern, replacement in _SEAMS:
        text = pattern.sub(replacement, text)
    return text.replace("\x02", "").replace("\x03", "")


def paren(text: str, lang: Lang) -> str:
    """A parenthetical after a figure: full-width brackets in Chinese."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


@dataclass(frozen=True)
class Kpi:
    value: str
    caption: str  # the metric and its period: every card says which period it is
    sub: str  # interval and n
    too_few: bool
    when: str = ""  # the dates, for figures over all responses
    changes: tuple[tuple[str, str], ...] = ()  # significant changes: (text, css class)


@dataclass(frozen=True)
class SummaryRow:
    metric: str
    anchor: str
    value: str
    interval: str
    n: str
    covered: str
    trend: str
    trend_cls: str
    too_few: bool


@dataclass(frozen=True)
class Chart:
    uri: str
    caption: str


@dataclass(frozen=True)
class PeriodRow:
    period: str
    value: str
    interval: str
    n: str
    change: str
    change_cls: str
    extra: tuple[str, ...]  # details, each kept on one line ("期初 1,184", "新增 61" …)
    too_few: bool
    empty: bool


@dataclass(frozen=True)
class PeriodTable:
    title: str
    rows: list[PeriodRow]
    trend: str
    trend_cls: str


@dataclass(frozen=True)
class SegmentRow:
    segment: str
    value: str
    interval: str
    n: str
    vs_rest: str
    p: str
    cls: str
    too_few: bool


@dataclass(frozen=True)
class CrossCell:
    text: str
    cls: str


@dataclass(frozen=True)
class CrossRow:
    label: str
    cells: list[CrossCell]
    trend: str


@dataclass(frozen=True)
class SegmentBlock:
    title: str
    chart: Chart
    rows: list[SegmentRow]
    cross_title: str
    cross_periods: list[str]
    cross_rows: list[CrossRow]


@dataclass(frozen=True)
class MetricSection:
    anchor: str
    number: int
    title: str
    definition: list[str]
    headlines: list[Kpi]
    charts: list[Chart]
    periods: list[PeriodTable]
    segments: list[SegmentBlock]


@dataclass(frozen=True)
class InvalidRow:
    column: str
    role: str
    reason: str
    count: str


@dataclass(frozen=True)
class InvalidCellRow:
    file: str
    where: str
    reason: str
    value: str


@dataclass(frozen=True)
class InputRow:
    name: str
    sha256: str
    detail: str


@dataclass(frozen=True)
class MetricsView:
    header: dict[str, Any]
    interval_heading: str
    org_name: str
    survey_title: str
    created: str
    cover: list[Pair]
    kpis: list[Kpi]
    kpi_note: str
    how_to_read: str
    too_few_note: str
    summary: list[SummaryRow]
    findings: list[str]
    sections: list[MetricSection]
    inputs: list[InputRow]
    invalid_counts: list[InvalidRow]
    invalid_cells: list[InvalidCellRow]
    invalid_cells_title: str
    rules: list[str]
    settings: list[Pair]
    quality_number: int
    method_number: int


# --------------------------------------------------------------------------- formatting


def _signed(v: float, digits: int) -> str:
    text = f"{v:+.{digits}f}"
    if float(text) == 0:
        return f"{0:.{digits}f}"
    return text.replace("-", MINUS)


def _plain(v: float, digits: int) -> str:
    return f"{v:.{digits}f}".replace("-", MINUS)


def value_text(metric: str, v: float | None) -> str:
    """A figure as printed: NPS signed with one decimal, shares in percent, CES with two decimals."""
    if v is None:
        return "—"
    if metric == "nps":
        return _signed(v, 1)
    if metric == "ces":
        return _plain(v, 2)
    return _plain(v, 1) + "%"


def interval_text(metric: str, f: Figure, lang: Lang) -> str:
    """An interval, written the same way everywhere in the report: ``57.4% 至 65.9%`` /
    ``57.4% to 65.9%`` (a dash would be ambiguous next to NPS's signed bounds, −14.8–−2.1)."""
    if f.interval is None:
        return "—"
    return t("metrics.range", lang, low=value_text(metric, f.interval.low), high=value_text(metric, f.interval.high))


def date_range(first: object, last: object, lang: Lang) -> str:
    if first is None or last is None:
        return "—"
    return t("metrics.date_range", lang, first=str(first), last=str(last))


def diff_text(metric: str, d: float, lang: Lang) -> str:
    if metric == "ces":
        return _signed(d, 2)
    if metric == "nps":
        return _signed(d, 1) + (" 分" if lang == "zh" else " points")
    return _signed(d, 1) + (" 个百分点" if lang == "zh" else " pp")


def p_text(p: float) -> str:
    return f"p{NBSP}<{NBSP}0.001" if p < 0.001 else f"p{NBSP}={NBSP}{p:.3f}"


def n_is(n: int) -> str:
    return f"n{NBSP}={NBSP}{n:,}"


def n_text(n: int) -> str:
    return f"{n:,}"


def _level(result: MetricsResult) -> str:
    return f"{result.settings.confidence * 100:g}%"


SYMBOLS = {"nps": "NPS", "csat": "CSAT", "ces": "CES"}  # the same in both languages


def short(metric: str, lang: Lang) -> str:
    """A metric's short name: NPS, CSAT, CES as practitioners write them; others from the catalogue."""
    return SYMBOLS.get(metric) or t(f"metrics.short.{metric}", lang)


def metrics_report_id(result: MetricsResult) -> str:
    payload = json.dumps(["metrics", [(i.role, i.name, i.sha256) for i in result.inputs], result.engine])
    return "CXM-" + hashlib.sha256(payload.encode()).hexdigest()[:12].upper()


# --------------------------------------------------------------------------- terminal


def summary_lines(result: MetricsResult, lang: Lang) -> list[str]:
    """What ``cxassess metrics`` prints: the survey's span and each metric's headline figure,
    with the latest period of the first granularity."""
    c = result.covered
    files = sum(1 for i in result.inputs if i.role == "survey")
    first = c.first.isoformat() if c.first else "—"
    last = c.last.isoformat() if c.last else "—"
    lines = [t("metrics.term.covered", lang, first=first, last=last, rows=n_text(c.rows), files=files)]
    level = _level(result)
    gran = result.settings.periods[0]
    for m in result.metrics:
        if m.id in ("retention", "churn"):
            figs = [f for f in m.figures if f.period is not None]
            if not figs:
                continue
            head = figs[-1]
            label = f"{short(m.id, lang)} {head.period.id if head.period else ''}"
        else:
            head = m.figures[0]
            label = short(m.id, lang)
        lines.append(_line(label, m.id, head, level, lang))
        latest = [f for f in m.figures if f.segment is None and f.period is not None and f.period.granularity == gran]
        if m.id not in ("retention", "churn") and latest:
            f = latest[-1]
            assert f.period is not None
            lines.append(
                t(
                    "metrics.term.latest",
                    lang,
                    granularity=t(f"metrics.granularity.{gran}", lang),
                    period=f.period.id,
                    value=value_text(m.id, f.value),
                    low=value_text(m.id, f.interval.low) if f.interval else "—",
                    high=value_text(m.id, f.interval.high) if f.interval else "—",
                    n=n_text(f.n),
                    marker=_marker(f, lang),
                )
            )
    return lines


DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}


def where_text(cell: InvalidCell, lang: Lang) -> str:
    """Where an unusable cell is, in the report's language: ``第 42 行，“推荐意愿(0-10)”列`` /
    ``row 42, column 推荐意愿(0-10)``; a workbook's ``答卷!C3`` as it is (the JSON keeps ``where``)."""
    if not cell.where.startswith("row "):
        return cell.where
    if cell.column is None:
        return t("metrics.where_row", lang, row=cell.row)
    return t("metrics.where_cell", lang, row=cell.row, column=cell.column)


def _marker(f: Figure, lang: Lang) -> str:
    return (
        ("（" + t("metrics.too_few", lang) + "）" if lang == "zh" else " — " + t("metrics.too_few", lang))
        if f.too_few
        else ""
    )


def _line(label: str, metric: str, f: Figure, level: str, lang: Lang) -> str:
    return t(
        "metrics.term.line",
        lang,
        metric=label,
        value=value_text(metric, f.value),
        level=level,
        low=value_text(metric, f.interval.low) if f.interval else "—",
        high=value_text(metric, f.interval.high) if f.interval else "—",
        n=n_text(f.n),
        marker=_marker(f, lang),
    )


# --------------------------------------------------------------------------- the report


def _bounds(metric: str) -> tuple[float | None, float | None, int]:
    if metric == "nps":
        return -100.0, 100.0, 0
    if metric == "ces":
        return None, None, 1
    return 0.0, 100.0, 0


def _unit(metric: str) -> str:
    """The unit of a chart's axis: shares are percentages; NPS and CES have none."""
    return "" if metric in ("nps", "ces") else "%"


def _changes(m: MetricResult) -> dict[str, Comparison]:
    """Period changes by the later figure's id."""
    return {c.a: c for c in m.comparisons if c.kind == "period_change"}


def _trend_text(m: MetricResult, ids: list[str], lang: Lang) -> tuple[str, str]:
    """The trend verdict of a series (its figures' ids) and its css class."""
    wanted = set(ids)
    trend = next((c for c in m.comparisons if c.kind == "trend" and c.a in wanted and c.b in wanted), None)
    if trend is None:
        return t("metrics.trend_none", lang), "muted"
    verdict = {
        "up": t("metrics.significant_up", lang),
        "down": t("metrics.significant_down", lang),
        "none": t("metrics.no_change", lang),
    }[trend.direction]
    first = trend.b.rsplit("@", 1)[-1] if trend.b else ""
    last = trend.a.rsplit("@", 1)[-1]
    text = t(
        "metrics.trend_text",
        lang,
        first=first,
        last=last,
        diff=diff_text(m.id, trend.difference, lang),
        verdict=verdict,
        p=p_text(trend.p_adjusted),
    )
    return text, {"up": "up", "down": "down", "none": ""}[trend.direction]


def _trend_short(m: MetricResult, ids: list[str], lang: Lang) -> str:
    """A series' trend in a few words: the difference and its verdict."""
    wanted = set(ids)
    trend = next((c for c in m.comparisons if c.kind == "trend" and c.a in wanted and c.b in wanted), None)
    if trend is None:
        return t("metrics.not_tested", lang)
    if trend.direction == "none":
        return f"{diff_text(m.id, trend.difference, lang)} · {t('metrics.no_change', lang)}"
    arrow = "▲" if trend.direction == "up" else "▼"
    return f"{arrow} {diff_text(m.id, trend.difference, lang)}{paren(p_text(trend.p_adjusted), lang)}"


def _change_cell(metric: str, c: Comparison | None, lang: Lang, previous: str | None = None) -> tuple[str, str]:
    """The change from the previous period; when that period had too few responses (or none)
    the change is from an earlier one, and the cell names it."""
    if c is None:
        return "", ""
    arrow = {"up": "▲ ", "down": "▼ ", "none": ""}[c.direction]
    p = p_text(c.p_adjusted)
    if c.b is not None and c.b != previous:
        p = t("metrics.change_from", lang, period=c.b.rsplit("@", 1)[-1]) + ("，" if lang == "zh" else ", ") + p
    text = f"{arrow}{diff_text(metric, c.difference, lang)}{paren(p, lang)}"
    return text, {"up": "up", "down": "down", "none": "muted"}[c.direction]


def _extra(m: MetricResult, f: Figure, lang: Lang, churn: dict[str, Figure]) -> tuple[str, ...]:
    """A period's details as separate items, so that a line never breaks inside one."""
    text = _extra_text(m, f, lang, churn)
    return tuple(text.split(" · ")) if text else ()


def _extra_text(m: MetricResult, f: Figure, lang: Lang, churn: dict[str, Figure]) -> str:
    if not f.n:
        return ""
    if m.id == "nps" and f.shares:
        return t("metrics.counts_nps", lang, **{k: _plain(v, 1) for k, v in f.shares.items()})
    if m.id == "ces" and f.agreeing is not None and f.agreeing.value is not None and f.agreeing.interval:
        agree = t(
            "metrics.agreeing",
            lang,
            value=_plain(f.agreeing.value, 1) + "%",
            interval=t(
                "metrics.range",
                lang,
                low=_plain(f.agreeing.interval.low, 1) + "%",
                high=_plain(f.agreeing.interval.high, 1) + "%",
            ),
        )
        return agree + " · " + t("metrics.sd", lang, sd=_plain(f.sd or 0.0, 2))
    if m.id == "retention" and f.counts:
        c = churn.get(f.id.replace("retention", "churn", 1))
        text = t("metrics.retention_counts", lang, **{k: n_text(v) for k, v in f.counts.items()})
        if c is not None:
            churn_text = value_text("churn", c.value) + paren(interval_text("churn", c, lang), lang)
            text = f"{short('churn', lang)} {churn_text} · " + text
        return text
    return ""


def _period_tables(
    m: MetricResult, lang: Lang, result: MetricsResult, palette: Palette, churn: dict[str, Figure]
) -> tuple[list[PeriodTable], list[Chart]]:
    changes = _changes(m)
    floor, ceiling, digits = _bounds(m.id)
    tables: list[PeriodTable] = []
    charts: list[Chart] = []
    grans = [g for g in result.settings.periods if any(_is_period(f, g) for f in m.figures)]
    if m.id in ("retention", "churn"):
        grans = sorted({f.period.granularity for f in m.figures if f.period is not None})
    for gran in grans:
        figs = [f for f in m.figures if _is_period(f, gran)]
        rows = []
        points = []
        for i, f in enumerate(figs):
            assert f.period is not None
            change, cls = _change_cell(m.id, changes.get(f.id), lang, figs[i - 1].id if i else None)
            rows.append(
                PeriodRow(
                    period=f.period.id,
                    value=value_text(m.id, f.value),
                    interval=interval_text(m.id, f, lang),
                    n=n_text(f.n),
                    change=change,
                    change_cls=cls,
                    extra=_extra(m, f, lang, churn),
                    too_few=f.too_few and f.n > 0,
                    empty=f.n == 0,
                )
            )
            c = changes.get(f.id)
            points.append(
                metrics_charts.Point(
                    f.period.id,
                    f.value,
                    f.interval.low if f.interval else None,
                    f.interval.high if f.interval else None,
                    f.too_few,
                    c.direction if c else "none",
                )
            )
        trend, trend_cls = _trend_text(m, [f.id for f in figs], lang)
        name = t(f"metrics.granularity.{gran}", lang)
        tables.append(
            PeriodTable(
                t("metrics.by_period", lang, granularity=name),
                rows,
                t("metrics.trend_line", lang, text=trend),
                trend_cls,
            )
        )
        svg = metrics_charts.trend(points, palette, floor=floor, ceiling=ceiling, digits=digits, unit=_unit(m.id))
        caption = t(
            "metrics.chart_trend",
            lang,
            metric=short(m.id, lang),
            granularity=name,
            level=_level(result),
        )
        charts.append(Chart(uri(svg), caption))
    return tables, charts


def _is_period(f: Figure, gran: str) -> bool:
    return f.segment is None and f.period is not None and f.period.granularity == gran


def _dimension_label(result: MetricsResult, dimension: str, lang: Lang) -> str:
    for s in result.settings.segments:
        if s.get("column") == dimension and lang in s:
            return s[lang]
    return dimension


def _in_sentence(label: str, lang: Lang) -> str:
    """An English dimension label inside a sentence: "by channel", but "by CRM tier" as written."""
    if lang == "en" and len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _segment_blocks(m: MetricResult, lang: Lang, result: MetricsResult, palette: Palette) -> list[SegmentBlock]:
    floor, ceiling, digits = _bounds(m.id)
    vs_rest = {c.a: c for c in m.comparisons if c.kind == "segment_vs_rest"}
    changes = _changes(m)
    overall = m.figures[0].value if m.figures else None
    gran = result.settings.periods[0]
    blocks = []
    dimensions: list[str] = []
    for f in m.figures:
        if f.segment is not None and f.segment.dimension not in dimensions:
            dimensions.append(f.segment.dimension)
    for dimension in dimensions:
        label = _dimension_label(result, dimension, lang)
        figs = [f for f in m.figures if f.segment is not None and f.segment.dimension == dimension and f.period is None]
        rows = []
        points = []
        for f in figs:
            assert f.segment is not None
            c = vs_rest.get(f.id)
            if c is None:
                rest, p, cls = t("metrics.not_tested", lang), "—", "muted"
            else:
                verdict = {
                    "up": t("metrics.higher", lang),
                    "down": t("metrics.lower", lang),
                    "none": t("metrics.not_significant", lang),
                }[c.direction]
                rest = f"{diff_text(m.id, c.difference, lang)} · {verdict}"
                p, cls = p_text(c.p_adjusted), {"up": "up", "down": "down", "none": ""}[c.direction]
            rows.append(
                SegmentRow(
                    segment=f.segment.value,
                    value=value_text(m.id, f.value),
                    interval=interval_text(m.id, f, lang),
                    n=n_text(f.n),
                    vs_rest=rest,
                    p=p,
                    cls=cls,
                    too_few=f.too_few,
                )
            )
            points.append(
                metrics_charts.Point(
                    f.segment.value,
                    f.value,
                    f.interval.low if f.interval else None,
                    f.interval.high if f.interval else None,
                    f.too_few,
                    c.direction if c else "none",
                )
            )
        svg = metrics_charts.forest(
            points, overall, palette, floor=floor, ceiling=ceiling, digits=digits, unit=_unit(m.id)
        )
        chart = Chart(
            uri(svg), t("metrics.chart_segments", lang, metric=short(m.id, lang), dimension=_in_sentence(label, lang))
        )
        # the segments by the first granularity
        periods: list[str] = []
        cross_rows = []
        for f in figs:
            assert f.segment is not None
            series = [
                g for g in m.figures if g.segment == f.segment and g.period is not None and g.period.granularity == gran
            ]
            if not periods:
                periods = [g.period.id for g in series if g.period is not None]
            cells = []
            for g in series:
                c = changes.get(g.id)
                arrow = {"up": "▲", "down": "▼", "none": ""}[c.direction] if c else ""
                if g.n == 0:
                    cells.append(CrossCell("—", "muted"))
                    continue
                cls = "few" if g.too_few else ({"▲": "up", "▼": "down"}.get(arrow, ""))
                cells.append(CrossCell(f"{arrow}{value_text(m.id, g.value)}{paren(n_text(g.n), lang)}", cls))
            cross_rows.append(CrossRow(f.segment.value, cells, _trend_short(m, [g.id for g in series], lang)))
        blocks.append(
            SegmentBlock(
                title=t("metrics.by_segment", lang, dimension=_in_sentence(label, lang)),
                chart=chart,
                rows=rows,
                cross_title=t(
                    "metrics.segment_trend", lang, dimension=label, granularity=t(f"metrics.granularity.{gran}", lang)
                ),
                cross_periods=periods,
                cross_rows=cross_rows,
            )
        )
    return blocks


def _definition(m: MetricResult, lang: Lang) -> list[str]:
    if m.id == "nps":
        return [t("metrics.definition.nps", lang)]
    low, high = (m.scale or [1, 5])[0], (m.scale or [1, 5])[1]
    if m.id == "csat":
        return [t("metrics.definition.csat", lang, low=low, high=high, top=f"{high - 1}–{high}")]
    if m.id == "ces":
        mid = (low + high) / 2
        first_agree = int(mid) + 1
        out = [t("metrics.definition.ces", lang, low=low, high=high, agree=f"{first_agree}–{high}")]
        if m.reversed:
            out.append(t("metrics.definition.reversed", lang, sum=low + high))
        return out
    return [t("metrics.definition.retention", lang)]


def latest_complete(result: MetricsResult, m: MetricResult) -> Figure | None:
    """The figure of the latest complete period of the first granularity: the last period that
    ends on or before the last response (else the last period); for retention its latest period."""
    if m.id in ("retention", "churn"):
        figs = [f for f in m.figures if f.period is not None and f.segment is None]
        return figs[-1] if figs else None
    figs = [f for f in m.figures if _is_period(f, result.settings.periods[0])]
    last = result.covered.last
    complete = [f for f in figs if f.period is not None and last is not None and f.period.end <= last]
    chosen = complete or figs
    return chosen[-1] if chosen else None


def _kpi_changes(m: MetricResult, f: Figure, lang: Lang) -> tuple[tuple[str, str], ...]:
    """A card's significant changes: from the previous period, and from the first (the trend)."""
    out = []
    for c in m.comparisons:
        if c.a != f.id or c.kind not in ("period_change", "trend") or not c.significant or c.direction == "none":
            continue
        out.append(
            (
                t(
                    "metrics.kpi_since",
                    lang,
                    arrow="▲" if c.direction == "up" else "▼",
                    period=(c.b or "").rsplit("@", 1)[-1],
                    diff=diff_text(m.id, c.difference, lang).replace(" ", NBSP),
                ),
                "up" if c.direction == "up" else "down",
            )
        )
    return tuple(out)


def _kpi(m: MetricResult, f: Figure, lang: Lang, *, pooled: bool) -> Kpi:
    period = t("metrics.all_responses", lang) if pooled or f.period is None else f.period.id
    return Kpi(
        value=value_text(m.id, f.value),
        caption=f"{short(m.id, lang)} · {period}",
        sub=f"{interval_text(m.id, f, lang)} · {n_is(f.n)}",
        too_few=f.too_few,
        when=date_range(f.covered.first, f.covered.last, lang) if pooled else "",
        changes=() if pooled else _kpi_changes(m, f, lang),
    )


def _headlines(m: MetricResult, lang: Lang, result: MetricsResult) -> list[Kpi]:
    """The latest complete period first, then (survey metrics) all responses pooled."""
    out = []
    latest = latest_complete(result, m)
    if latest is not None:
        out.append(_kpi(m, latest, lang, pooled=False))
    if m.id not in ("retention", "churn") and m.figures:
        out.append(_kpi(m, m.figures[0], lang, pooled=True))
    return out


def _findings(result: MetricsResult, lang: Lang) -> list[str]:
    out = []
    for m in result.metrics:
        by_id = {f.id: f for f in m.figures}
        for c in m.comparisons:
            if c.kind != "segment_vs_rest" or not c.significant:
                continue
            f = by_id[c.a]
            assert f.segment is not None
            out.append(
                t(
                    "metrics.finding_segment",
                    lang,
                    metric=short(m.id, lang),
                    dimension=_dimension_label(result, f.segment.dimension, lang),
                    value=f.segment.value,
                    verdict=t("metrics.higher" if c.direction == "up" else "metrics.lower", lang),
                    diff=diff_text(m.id, c.difference, lang),
                    n=n_text(f.n),
                    p=p_text(c.p_adjusted),
                )
            )
    return out


def build_metrics_report(result: MetricsResult, lang: Lang, palette: Palette | None = None) -> MetricsView:
    palette = palette or Palette()
    header = {
        **document_header(lang, "metrics.title", "metrics", [], result.engine),
        "report_id": metrics_report_id(result),
    }
    level = _level(result)
    c = result.covered
    covered = date_range(c.first, c.last, lang)
    surveys = [i for i in result.inputs if i.role == "survey"]
    s = result.settings
    cover = [
        Pair(t("metrics.survey", lang), result.title or "—"),
        Pair(t("metrics.covered", lang), covered),
        Pair(
            t("metrics.responses", lang), t("metrics.responses_text", lang, rows=n_text(c.rows), dated=n_text(c.dated))
        ),
        Pair(t("metrics.files", lang), join([i.name for i in surveys], lang)),
        Pair(
            t("metrics.settings", lang),
            t("metrics.settings_text", lang, confidence=level, alpha=f"{s.alpha:g}", min_n=s.min_n),
        ),
        Pair(t("metrics.report_id", lang), header["report_id"]),
        Pair(t("metrics.produced_by", lang), result.engine),
    ]
    churn_figs = {f.id: f for m in result.metrics if m.id == "churn" for f in m.figures}
    shown = [m for m in result.metrics if m.id != "churn"]
    sections = []
    summary = []
    for number, m in enumerate(shown, start=2):
        tables, charts = _period_tables(m, lang, result, palette, churn_figs)
        sections.append(
            MetricSection(
                anchor=f"metric-{m.id}",
                number=number,
                title=t(f"metrics.name.{m.id}", lang)
                + (" · " + t("metrics.name.churn", lang) if m.id == "retention" else ""),
                definition=_definition(m, lang),
                headlines=_headlines(m, lang, result),
                charts=charts,
                periods=tables,
                segments=_segment_blocks(m, lang, result, palette) if m.id not in ("retention", "churn") else [],
            )
        )
        f = m.figures[0] if m.id not in ("retention", "churn") else [x for x in m.figures if x.period][-1]
        metric = short(m.id, lang) + (f" · {f.period.id}" if m.id in ("retention", "churn") and f.period else "")
        gran = s.periods[0] if m.id not in ("retention", "churn") else (f.period.granularity if f.period else "")
        ids = [x.id for x in m.figures if x.segment is None and x.period is not None and x.period.granularity == gran]
        trend, cls = _trend_text(m, ids, lang)
        summary.append(
            SummaryRow(
                metric=metric,
                anchor=f"metric-{m.id}",
                value=value_text(m.id, f.value),
                interval=interval_text(m.id, f, lang),
                n=n_text(f.n),
                covered=date_range(f.covered.first, f.covered.last, lang),
                trend=trend,
                trend_cls=cls,
                too_few=f.too_few,
            )
        )
    inv = result.invalid
    invalid_counts = [
        InvalidRow(
            column=r.column or "—",
            role=t(f"metrics.role.{r.role}", lang),
            reason=t(f"metrics.reason.{r.reason}", lang),
            count=n_text(r.count),
        )
        for r in inv.by_column
    ]
    cells = [
        InvalidCellRow(
            file=x.file,
            where=where_text(x, lang),
            reason=t(f"metrics.reason.{x.reason}", lang),
            value=x.value or "—",
        )
        for x in inv.cells[:MAX_CELLS_SHOWN]
    ]
    segments = [_dimension_label(result, d["column"], lang) for d in s.segments]
    rules = [
        t("metrics.rule.nps", lang),
        t("metrics.rule.proportion", lang),
        t("metrics.rule.mean", lang),
        t("metrics.rule.weights", lang),
        t("metrics.rule.tests", lang),
        t("metrics.rule.families", lang),
        t("metrics.rule.trend", lang),
        t("metrics.rule.min_n", lang, min_n=s.min_n),
        t("metrics.rule.periods", lang),
    ]
    inputs = [
        InputRow(
            name=i.name,
            sha256=i.sha256,
            detail=" · ".join(
                x
                for x in (
                    (i.encoding or "").upper(),
                    t(f"metrics.delimiter.{DELIMITERS[i.delimiter]}", lang) if i.delimiter in DELIMITERS else "",
                    i.sheet or "",
                    t("metrics.rows_n", lang, n=n_text(i.rows)) if i.rows is not None else "",
                )
                if x
            ),
        )
        for i in result.inputs
    ]
    return MetricsView(
        header=header,
        interval_heading=t("metrics.interval", lang, level=level),
        org_name=result.organisation or "",
        survey_title=result.title or "",
        created=c.last.isoformat() if c.last else "",
        cover=cover,
        kpis=[k for m in shown for k in _headlines(m, lang, result)[:1]],
        kpi_note=t(
            "metrics.kpi_note",
            lang,
            granularity=t(f"metrics.granularity.{s.periods[0]}", lang),
            period=next(
                (
                    f.period.id
                    for m in shown
                    if m.id != "retention"
                    for f in [latest_complete(result, m)]
                    if f and f.period
                ),
                "—",
            ),
        ),
        how_to_read=t("metrics.how_to_read", lang, level=level, alpha=f"{s.alpha:g}"),
        too_few_note=t("metrics.too_few_note", lang, min_n=s.min_n),
        summary=summary,
        findings=_findings(result, lang),
        sections=sections,
        inputs=inputs,
        invalid_counts=invalid_counts,
        invalid_cells=cells,
        invalid_cells_title=t("metrics.invalid_cells", lang, shown=len(cells), total=n_text(inv.total)),
        rules=rules,
        settings=[
            Pair(
                t("metrics.settings", lang),
                t("metrics.settings_text", lang, confidence=level, alpha=f"{s.alpha:g}", min_n=s.min_n),
            ),
            Pair(
                t("metrics.columns_used", lang),
                t(
                    "metrics.settings_columns",
                    lang,
                    date=s.date_column,
                    segments=join(segments, lang) if segments else t("metrics.none", lang),
                ),
            ),
        ],
        quality_number=len(sections) + 2,
        method_number=len(sections) + 3,
    )
