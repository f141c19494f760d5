"""The portfolio comparison report: portfolio → view model → HTML → PDF.

The layout adapts to the number of organisations: radar overlays and a per-client position table
for a few; the heatmap (one row per client) and distribution views for many.
"""

from __future__ import annotations

import itertools

from cxassess.core.model import Standard
from cxassess.core.portfolio import Distribution, Portfolio
from cxassess.i18n import Lang, join, t
from cxassess.rendering import charts
from cxassess.rendering.document import View, document_header, pct

FEW = 8  # up to this many organisations, every one is overlaid on the radar
POSITIONS_UP_TO = 60  # the per-client percentile table is shown up to this many organisations


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


def _dist(d: Distribution | None) -> dict[str, str]:
    if d is None:
        return {k: "—" for k in ("n", "min", "q1", "median", "q3", "max", "mean")}
    return {
        "n": str(d.n),
        "min": pct(d.min),
        "q1": pct(d.q1),
        "median": pct(d.median),
        "q3": pct(d.q3),
        "max": pct(d.max),
        "mean": pct(d.mean),
    }


def build_compare_report(p: Portfolio, standard: Standard, lang: Lang, overlay: list[str] | None) -> View:
    return build_compare_context(p, standard, lang, overlay)


def build_compare_context(p: Portfolio, standard: Standard, lang: Lang, overlay: list[str] | None) -> View:
    clauses = standard.clause_index()
    number = {cid: clauses[cid].number for cid in p.clauses}
    title = {cid: clauses[cid].title.get(lang) for cid in p.clauses}
    n = len(p.organisations)
    stats = {s.clause: s.distribution for s in p.clause_stats}

    rows = []
    for o in p.organisations:
        rows.append(
            {
                "rank": str(o.rank),
                "id": o.id,
                "name": o.name,
                "sector": o.sector,
                "size": t(f"size.{o.size}", lang),
                "date": o.date.isoformat(),
                "overall": pct(o.overall),
                "overall_bg": heat(o.overall),
                "level": "—" if o.level is None else str(o.level),
                "percentile": "—" if o.percentile is None else f"{o.percentile:.0f}",
                "cells": [
                    {"text": "—" if x.percent is None else f"{x.percent:.0f}", "bg": heat(x.percent)}
                    for x in o.positions
                ],
                "positions": [
                    {
                        "clause": number[x.clause],
                        "percent": pct(x.percent),
                        "percentile": "—" if x.percentile is None else f"{x.percentile:.0f}",
                        "quartile": "—" if x.quartile is None else f"Q{x.quartile}",
                    }
                    for x in o.positions
                ],
            }
        )

    chosen = overlay or (
        [o.id for o in p.organisations]
        if n <= FEW
        else [o.id for o in p.organisations[:3]] + [o.id for o in p.organisations[-2:]]
    )
    by_id = {o.id: o for o in p.organisations}
    chosen = [c for c in dict.fromkeys(chosen) if c in by_id][:FEW]
    overlay_chart = charts.radar(
        "overlay",
        [number[c] for c in p.clauses],
        [(by_id[c].name[:16], [x.percent for x in by_id[c].positions]) for c in chosen],
        outline=[(t("cmp.median", lang), [d.median if (d := stats[c]) is not None else None for c in p.clauses])],
    )
    box_chart = charts.boxes(
        "distribution",
        [number[c] for c in p.clauses],
        [
            [x.percent for o in p.organisations for x in o.positions if x.clause == c and x.percent is not None]
            for c in p.clauses
        ],
    )

    groups = []
    for g in p.peer_groups:
        groups.append(
            {
                "kind": t(f"cmp.by_{g.kind}", lang),
                "name": t(f"size.{g.name}", lang) if g.kind == "size" else g.name,
                "n": str(len(g.members)),
                "overall": pct(g.overall_median),
                "cells": [
                    {"text": "—" if (v := g.clause_medians.get(c)) is None else f"{v:.0f}", "bg": heat(v)}
                    for c in p.clauses
                ],
            }
        )

    histories = []
    for h in p.histories:
        org = by_id.get(h.organisation)
        line = charts.lines(
            f"history-{h.organisation}",
            [d.isoformat() for d in h.dates],
            [(t("overall", lang), h.overall)]
            + [
                (number[c.clause], [v for _, v in c.points])
                for c in h.clauses
                if c.clause in (h.improved + h.regressed)[:4]
            ],
        )
        histories.append(
            {
                "name": org.name if org else h.organisation,
                "dates": " → ".join(d.isoformat() for d in h.dates),
                "overall": " → ".join(pct(v) for v in h.overall),
                "chart": line,
                "trend": [
                    {
                        "clause": f"{number[c.clause]} {title[c.clause]}",
                        "points": " → ".join(pct(v) for _, v in c.points),
                        "change": "—" if c.change is None else f"{c.change:+.1f}",
                        "cls": "up" if (c.change or 0) > 0 else "down" if (c.change or 0) < 0 else "",
                    }
                    for c in h.clauses
                ],
                "improved": ", ".join(number[c] for c in h.improved) or "—",
                "regressed": ", ".join(number[c] for c in h.regressed) or "—",
                "closed": ", ".join(h.closed_actions) or "—",
                "open": ", ".join(h.open_actions) or "—",
            }
        )

    dates = sorted(o.date for o in p.organisations)
    body = {
        "standard": {"designation": standard.designation, "title": standard.title.get(lang)},
        "rubric": {"id": p.rubric.id, "version": p.rubric.version},
        "n": str(n),
        "span": f"{dates[0].isoformat()} — {dates[-1].isoformat()}",
        "many": n > FEW,
        "show_positions": n <= POSITIONS_UP_TO,
        "clauses": [{"number": number[c], "title": title[c], **_dist(stats[c])} for c in p.clauses],
        "overall": _dist(p.overall),
        "rows": rows,
        "weakest": [f"{number[c]} {title[c]}" for c in p.weakest_clauses],
        "strongest": [f"{number[c]} {title[c]}" for c in p.strongest_clauses],
        "overlay_chart": overlay_chart,
        "overlay_names": [by_id[c].name for c in chosen],
        "overlay_note": t("cmp.overlay_note", lang, names=join([by_id[c].name for c in chosen], lang)),
        "box_chart": box_chart,
        "groups": groups,
        "histories": histories,
        "rules": [
            t(code, lang, n=p.min_peer_group) if code.endswith("peer_groups") else t(code, lang) for code in p.rules
        ],
        "org_name": t("cmp.portfolio", lang),
    }
    return View(document_header(lang, "cmp.title", "compare", p.inputs, p.engine), body)
