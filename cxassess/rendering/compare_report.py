"""The portfolio comparison report: portfolio → typed view model (every text and number
formatted) → HTML → PDF.

It reads the same for six organisations and for ten thousand: summary statistics and charts drawn
from them (box plots, histograms), peer groups (those smaller than the declared minimum shown as
suppressed, never with their statistics), and per-organisation rows, cards and trends only up to
declared limits (``LIST_UP_TO``, ``HISTORIES_UP_TO``); beyond them the report shows aggregates
(score bands, deciles, counts of improvement) and the JSON result keeps every figure.
Per-organisation cards are small multiples (one dot plot per client against the portfolio's
quartiles) with a one-line position summary, instead of overlapping filled radars.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cxassess.core.branding import Branding
from cxassess.core.model import Standard
from cxassess.core.portfolio import Distribution, History, OrgEntry, Portfolio
from cxassess.i18n import Lang, join, t
from cxassess.rendering import svgcharts
from cxassess.rendering.document import Kpi, Pair, document_header, pct

LIST_UP_TO = 60  # organisations listed one per row (ranking, cards); beyond: bands and deciles
HISTORIES_UP_TO = 24  # organisations whose trend is shown one by one; beyond: counts
DEFAULT_CARDS = (3, 2)  # beyond LIST_UP_TO without --overlay: cards for the top 3 and bottom 2
BANDS = 10  # bands of overall score (0–10 %, …, 90–100 %)
DECILES = 10


def heat(value: float | None) -> str:
    """Background colour for a percent: red (0) → amber (50) → green (100)."""
    if value is None:
        return "#eeeeee"
    v = max(0.0, min(100.0, value)) / 100.0
    stops = [(0.0, (214, 69, 65)), (0.5, (244, 196, 48)), (1.0, (46, 160, 88))]
    for (x0, c0), (x1, c1) in itertools.pairwise(stops):
        if v <= x1:
            f = (v - x0) / (x1 - x0)
            rgb = [round(a + (b - a) * f) for a, b in zip(c0, c1, strict=True)]
            # lighten for legible text
            rgb = [round(c + (255 - c) * 0.35) for c in rgb]
            return "#{:02x}{:02x}{:02x}".format(*rgb)
    return "#2ea058"  # pragma: no cover


@dataclass(frozen=True)
class Cell:
    text: str
    bg: str


@dataclass(frozen=True)
class DistRow:
    number: str
    title: str
    n: str
    min: str
    q1: str
    median: str
    q3: str
    max: str
    mean: str


@dataclass(frozen=True)
class RankRow:
    rank: str
    name: str
    group: str
    overall: str
    overall_bg: str
    percentile: str
    cells: list[Cell]


@dataclass(frozen=True)
class BandRow:
    label: str
    count: str
    share: str


@dataclass(frozen=True)
class DecileRow:
    label: str
    n: str
    overall: str
    overall_bg: str
    cells: list[Cell]


@dataclass(frozen=True)
class GroupRow:
    kind: str
    name: str
    n: str
    suppressed: bool
    overall: str
    overall_bg: str
    cells: list[Cell]
    note: str  # why a suppressed group shows no statistics


@dataclass(frozen=True)
class ClientCard:
    rank: str
    name: str
    meta: str
    summary: str
    chart: str
    strengths: str
    weaknesses: str


@dataclass(frozen=True)
class TrendRow:
    clause: str
    points: str
    change: str
    cls: str


@dataclass(frozen=True)
class HistoryBlock:
    name: str
    summary: str
    chart: str
    closed: str
    open: str
    trend: list[TrendRow]


@dataclass(frozen=True)
class ChangeRow:
    clause: str
    improved: str
    regressed: str


@dataclass(frozen=True)
class CompareView:
    header: dict[str, Any]
    portfolio_name: str
    latest_date: str
    cover: list[Pair]
    kpis: list[Kpi]
    confidentiality: str
    narrative: list[str]
    weakest: list[str]
    strongest: list[str]
    clause_numbers: list[str]
    clause_key: list[Pair]
    box_chart: str
    distribution: list[DistRow]
    overall: DistRow
    listed: bool
    ranking_note: str
    ranking: list[RankRow]
    band_chart: str
    bands: list[BandRow]
    deciles: list[DecileRow]
    groups: list[GroupRow]
    groups_note: str
    cards_note: str
    cards: list[ClientCard]
    histories_note: str
    histories: list[HistoryBlock]
    changes: list[ChangeRow]
    rules: list[str]
    method: list[Pair]


def _num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _dist_row(number: str, title: str, d: Distribution | None) -> DistRow:
    if d is None:
        return DistRow(number, title, "0", "—", "—", "—", "—", "—", "—")
    return DistRow(number, title, str(d.n), pct(d.min), pct(d.q1), pct(d.median), pct(d.q3), pct(d.max), pct(d.mean))


def _median(values: Sequence[float | None]) -> float | None:
    data = [v for v in values if v is not None]
    return round(statistics.median(data), 2) if data else None


def _cells(values: Sequence[float | None]) -> list[Cell]:
    return [Cell(_num(v), heat(v)) for v in values]


def _chosen(p: Portfolio, overlay: list[str] | None) -> list[OrgEntry]:
    by_id = {o.id: o for o in p.organisations}
    if overlay:
        return [by_id[c] for c in dict.fromkeys(overlay) if c in by_id]
    if len(p.organisations) <= LIST_UP_TO:
        return list(p.organisations)
    top, bottom = DEFAULT_CARDS
    return list(p.organisations[:top]) + list(p.organisations[-bottom:])


def build_compare_report(
    p: Portfolio, standard: Standard, lang: Lang, overlay: list[str] | None, branding: Branding | None = None
) -> CompareView:
    palette = svgcharts.Palette(branding.primary, branding.accent) if branding else svgcharts.Palette()
    clauses = standard.clause_index()
    number = {cid: clauses[cid].number for cid in p.clauses}
    title = {cid: clauses[cid].title.get(lang) for cid in p.clauses}
    label = {cid: f"{number[cid]} {title[cid]}" for cid in p.clauses}
    n = len(p.organisations)
    stats = {s.clause: s.distribution for s in p.clause_stats}
    assessments = sum(o.assessments for o in p.organisations)
    dates = sorted(o.date for o in p.organisations)
    span = t("cmp.x.span_value", lang, first=dates[0].isoformat(), last=dates[-1].isoformat())
    listed = n <= LIST_UP_TO
    sep = "、" if lang == "zh" else ", "

    # summary
    o = p.overall
    kpis = [
        Kpi(str(n), t("cmp.n", lang)),
        Kpi(pct(o.median) if o else "—", t("cmp.x.kpi_median", lang)),
        # the interval notation of every report: "37% 至 64%" / "37% to 64%"
        Kpi(
            t("metrics.range", lang, low=f"{_num(o.q1)}%", high=f"{_num(o.q3)}%") if o else "—",
            t("cmp.x.kpi_iqr", lang),
        ),
        Kpi(str(assessments), t("cmp.x.kpi_assessments", lang)),
    ]
    narrative = [t("cmp.x.scope", lang, n=n, assessments=assessments, span=span)]
    if o is not None:
        narrative.append(
            t("cmp.x.overall", lang, median=pct(o.median), q1=pct(o.q1), q3=pct(o.q3), min=pct(o.min), max=pct(o.max))
        )
    if p.weakest_clauses:
        narrative.append(
            t(
                "cmp.x.weak_strong",
                lang,
                weakest=join([label[c] for c in p.weakest_clauses], lang),
                strongest=join([label[c] for c in p.strongest_clauses], lang),
            )
        )
    spreads = {c: d.q3 - d.q1 for c in p.clauses if (d := stats[c]) is not None}
    if spreads and n > 1:
        widest = max(spreads, key=lambda c: (spreads[c], -p.clauses.index(c)))
        narrative.append(t("cmp.x.spread", lang, clause=label[widest], points=f"{spreads[widest]:.1f}"))
    shown = sum(not g.suppressed for g in p.peer_groups)
    hidden = len(p.peer_groups) - shown
    # "0 are shown with statistics" reads as system output: say every group is too small
    key = "cmp.x.peers_all_hidden" if hidden and not shown else "cmp.x.peers"
    narrative.append(t(key, lang, shown=shown, hidden=hidden, min=p.min_peer_group))

    # distribution
    boxes: list[svgcharts.Box | None] = [
        (d.min, d.q1, d.median, d.q3, d.max) if (d := stats[c]) is not None else None for c in p.clauses
    ]
    box_chart = svgcharts.box_rows(
        [number[c] for c in p.clauses],
        boxes,
        palette,
        names=(t("cmp.x.range", lang), t("cmp.x.middle_half", lang), t("cmp.median", lang)),
    )

    # ranking: every organisation up to the limit, else score bands and deciles
    ranking = (
        [
            RankRow(
                rank=str(e.rank),
                name=e.name,
                group=f"{e.sector} · {t(f'size.{e.size}', lang)}",
                overall=_num(e.overall, 1),
                overall_bg=heat(e.overall),
                percentile=_num(e.percentile),
                cells=_cells([x.percent for x in e.positions]),
            )
            for e in p.organisations
        ]
        if listed
        else []
    )
    counts = [0] * BANDS
    unscored = 0
    for e in p.organisations:
        if e.overall is None:
            unscored += 1
        else:
            counts[min(BANDS - 1, int(e.overall // (100 / BANDS)))] += 1
    band_labels = [f"{i * 100 // BANDS}–{(i + 1) * 100 // BANDS}" for i in range(BANDS)]
    bands = [BandRow(f"{lab}%", str(c), f"{100 * c / n:.1f}%") for lab, c in zip(band_labels, counts, strict=True) if c]
    if unscored:
        bands.append(BandRow(t("cmp.x.unscored", lang), str(unscored), f"{100 * unscored / n:.1f}%"))
    band_chart = svgcharts.histogram([f"{lab}%" for lab in band_labels], counts, palette)
    deciles: list[DecileRow] = []
    if not listed:
        for k in range(DECILES):
            members = p.organisations[k * n // DECILES : (k + 1) * n // DECILES]
            med = _median([e.overall for e in members])
            deciles.append(
                DecileRow(
                    label=t("cmp.x.decile", lang, k=k + 1, lo=k * 100 // DECILES, hi=(k + 1) * 100 // DECILES),
                    n=str(len(members)),
                    overall=_num(med, 1),
                    overall_bg=heat(med),
                    cells=_cells([_median([e.positions[i].percent for e in members]) for i in range(len(p.clauses))]),
                )
            )

    # peer groups: a group below the minimum is named with its size, never its statistics
    groups = [
        GroupRow(
            kind=t(f"cmp.by_{g.kind}", lang),
            name=t(f"size.{g.name}", lang) if g.kind == "size" else g.name,
            n=str(len(g.members)),
            suppressed=g.suppressed,
            overall="" if g.suppressed else _num(g.overall_median, 1),
            overall_bg="" if g.suppressed else heat(g.overall_median),
            cells=[] if g.suppressed else _cells([g.clause_medians.get(c) for c in p.clauses]),
            note=t("cmp.x.suppressed", lang, min=p.min_peer_group) if g.suppressed else "",
        )
        for g in p.peer_groups
    ]

    # one card per chosen organisation: a dot plot against the portfolio and one line of position
    cards = [_card(e, p, number, label, stats, palette, lang, sep) for e in _chosen(p, overlay)]
    if overlay:
        cards_note = t("cmp.x.cards_overlay", lang, n=len(cards))
    elif listed:
        cards_note = t("cmp.x.cards_all", lang)
    else:
        cards_note = t("cmp.x.cards_some", lang, limit=LIST_UP_TO, top=DEFAULT_CARDS[0], bottom=DEFAULT_CARDS[1])

    # trends
    by_id = {e.id: e for e in p.organisations}
    histories: list[HistoryBlock] = []
    changes: list[ChangeRow] = []
    if len(p.histories) <= HISTORIES_UP_TO:
        histories = [_history(h, by_id.get(h.organisation), number, label, palette, lang, sep) for h in p.histories]
    else:
        for i, c in enumerate(p.clauses):
            up = sum(1 for h in p.histories if (h.clauses[i].change or 0) > 0)
            down = sum(1 for h in p.histories if (h.clauses[i].change or 0) < 0)
            changes.append(ChangeRow(label[c], str(up), str(down)))
    if not p.histories:
        histories_note = t("cmp.history_none", lang)
    elif histories:
        histories_note = t("cmp.x.histories_all", lang, n=len(p.histories))
    else:
        better = sum(1 for h in p.histories if _overall_change(h) > 0)
        worse = sum(1 for h in p.histories if _overall_change(h) < 0)
        closed = sum(len(h.closed_actions) for h in p.histories)
        still = sum(len(h.open_actions) for h in p.histories)
        histories_note = t(
            "cmp.x.histories_many",
            lang,
            n=len(p.histories),
            limit=HISTORIES_UP_TO,
            better=better,
            worse=worse,
            closed=closed,
            open=still,
        )

    rules = [t(code, lang, n=p.min_peer_group) if code.endswith("peer_groups") else t(code, lang) for code in p.rules]
    rules += [
        t("cmp.x.limit_rows", lang, limit=LIST_UP_TO),
        t("cmp.x.limit_histories", lang, limit=HISTORIES_UP_TO),
    ]
    header = document_header(lang, "cmp.title", "compare", p.inputs, p.engine)
    cover = [
        Pair(t("cmp.n", lang), str(n)),
        Pair(t("cmp.span", lang), span),
        Pair(t("standard", lang), f"{standard.designation} {standard.title.get(lang)}"),
        Pair(t("rubric", lang), f"{p.rubric.id} {p.rubric.version}"),
        Pair(t("report.id", lang), header["report_id"]),
    ]
    method = [
        Pair(t("standard", lang), f"{standard.designation} {standard.title.get(lang)}"),
        Pair(t("rubric", lang), f"{p.rubric.id} {p.rubric.version}"),
        Pair(t("report.engine", lang), p.engine),
        Pair(t("cmp.x.inputs", lang), t("cmp.x.inputs_value", lang, n=len(p.inputs))),
    ]
    return CompareView(
        header=header,
        portfolio_name=t("cmp.portfolio", lang),
        latest_date=dates[-1].isoformat(),
        cover=cover,
        kpis=kpis,
        confidentiality=t("cmp.x.confidential", lang, min=p.min_peer_group),
        narrative=narrative,
        weakest=[label[c] for c in p.weakest_clauses],
        strongest=[label[c] for c in p.strongest_clauses],
        clause_numbers=[number[c] for c in p.clauses],
        clause_key=[Pair(number[c], title[c]) for c in p.clauses],
        box_chart=svgcharts.uri(box_chart),
        distribution=[_dist_row(number[c], title[c], stats[c]) for c in p.clauses],
        overall=_dist_row("", t("overall", lang), p.overall),
        listed=listed,
        ranking_note=t("cmp.ranking_note", lang) if listed else t("cmp.x.ranking_many", lang, n=n, limit=LIST_UP_TO),
        ranking=ranking,
        band_chart=svgcharts.uri(band_chart),
        bands=bands,
        deciles=deciles,
        groups=groups,
        groups_note=t("cmp.x.groups_note", lang, min=p.min_peer_group),
        cards_note=cards_note,
        cards=cards,
        histories_note=histories_note,
        histories=histories,
        changes=changes,
        rules=rules,
        method=method,
    )


def _overall_change(h: History) -> float:
    first, last = h.overall[-2] if len(h.overall) > 1 else None, h.overall[-1]
    return 0.0 if first is None or last is None else last - first


def _card(
    e: OrgEntry,
    p: Portfolio,
    number: dict[str, str],
    label: dict[str, str],
    stats: dict[str, Distribution | None],
    palette: svgcharts.Palette,
    lang: Lang,
    sep: str,
) -> ClientCard:
    n = len(p.organisations)
    med = p.overall.median if p.overall else None
    if e.overall is None:
        relation = t("cmp.x.rel_none", lang)
    elif med is None or abs(e.overall - med) < 0.05:
        relation = t("cmp.x.rel_equal", lang)
    elif e.overall > med:
        relation = t("cmp.x.rel_above", lang, points=f"{e.overall - med:.1f}")
    else:
        relation = t("cmp.x.rel_below", lang, points=f"{med - e.overall:.1f}")
    placed = [x for x in e.positions if x.percentile is not None]
    best = max(placed, key=lambda x: (x.percentile or 0, -p.clauses.index(x.clause)), default=None)
    worst = min(placed, key=lambda x: (x.percentile or 0, p.clauses.index(x.clause)), default=None)
    if best is not None and worst is not None and n > 1 and best.percentile == worst.percentile:
        # one clause cannot be both the strongest and the weakest: say that none stands out
        extremes = t("cmp.x.extremes_flat", lang, pct=_num(best.percentile))
    elif best is not None and worst is not None and n > 1:
        extremes = t(
            "cmp.x.extremes",
            lang,
            best=label[best.clause],
            best_pct=_num(best.percentile),
            worst=label[worst.clause],
            worst_pct=_num(worst.percentile),
        )
    else:
        extremes = ""
    summary = t("cmp.x.position", lang, rank=e.rank, n=n, overall=pct(e.overall), relation=relation, extremes=extremes)
    rows = []
    for x in e.positions:
        d = stats[x.clause]
        rows.append((d.q1 if d else None, d.median if d else None, d.q3 if d else None, x.percent))
    top = [number[x.clause] for x in e.positions if x.quartile == 4]
    bottom = [number[x.clause] for x in e.positions if x.quartile == 1]
    return ClientCard(
        rank=str(e.rank),
        name=e.name,
        meta=f"{e.sector} · {t(f'size.{e.size}', lang)} · {e.date.isoformat()}",
        summary=summary,
        chart=svgcharts.uri(svgcharts.strip([number[c] for c in p.clauses], rows, palette)),
        strengths=sep.join(top) or "—",
        weaknesses=sep.join(bottom) or "—",
    )


def _history(
    h: History,
    org: OrgEntry | None,
    number: dict[str, str],
    label: dict[str, str],
    palette: svgcharts.Palette,
    lang: Lang,
    sep: str,
) -> HistoryBlock:
    moved = sorted(
        (c for c in h.clauses if c.change), key=lambda c: (-abs(c.change or 0), list(number).index(c.clause))
    )
    chart = svgcharts.trend(
        [d.isoformat() for d in h.dates],
        [(t("overall", lang), h.overall)] + [(number[c.clause], [v for _, v in c.points]) for c in moved[:4]],
        palette,
    )
    summary = t(
        "cmp.x.history_line",
        lang,
        dates=" → ".join(d.isoformat() for d in h.dates),
        overall=" → ".join(pct(v) for v in h.overall),
        improved=len(h.improved),
        regressed=len(h.regressed),
    )
    return HistoryBlock(
        name=org.name if org else h.organisation,
        summary=summary,
        chart=svgcharts.uri(chart),
        closed=sep.join(h.closed_actions) or "—",
        open=sep.join(h.open_actions) or "—",
        trend=[
            TrendRow(
                clause=label[c.clause],
                points=" → ".join(pct(v) for _, v in c.points),
                change=f"{c.change:+.1f}",
                cls="up" if (c.change or 0) > 0 else "down",
            )
            for c in moved
        ],
    )
