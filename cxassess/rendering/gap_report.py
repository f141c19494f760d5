"""The gap-analysis report: result → typed view model (every text and number formatted) → HTML.

A one-page executive summary written from the results (where the organisation stands, the three
weakest areas and why, the three first actions, coverage) with a clause heatmap; charts; clause
by clause; a 30 / 90 / 180-day roadmap with owner, effort and status; an approval block; and
appendices (every answer, the method, the glossary and the GB/T 19001 mapping).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cxassess.core.actions import ActionItem
from cxassess.core.branding import Branding
from cxassess.core.evidence import AnswerJudgement, CitedFigure
from cxassess.core.model import Answers, Clause, Question, Rubric, Standard
from cxassess.core.scoring import BAND_FLOORS, Band, ClauseResult, Flag, QuestionResult, Result
from cxassess.i18n import Lang, join, t, tidy
from cxassess.rendering import svgcharts
from cxassess.rendering.document import Kpi, Pair, document_header, lvl, pct

MAX_KEY = 3  # how many weakest areas and first actions the summary names
# What one answer may put on paper: the answers file keeps everything, the report says what it left out.
MAX_NOTE_CHARS = 600
MAX_EVIDENCE_ROWS = 12
MAX_CELL_CHARS = 80  # long titles and references are cut in the report (WeasyPrint lays out long cells slowly)


def _cut(text: str, limit: int = MAX_CELL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class HeatRow:
    number: str
    title: str
    percent: str
    cells: list[str]  # css class per level: on | gap | target-on | target-gap | off
    flags: list[str]


@dataclass(frozen=True)
class QuestionRow:
    id: str
    text: str
    part: str
    core: bool
    status_key: str
    status: str
    claimed: str
    used: str
    counted: str
    capped: bool
    flags: list[str]


@dataclass(frozen=True)
class EvidenceRow:
    question: str
    title: str
    kind: str
    date: str
    ref: str
    counted: bool
    why: str


@dataclass(frozen=True)
class ClauseBlock:
    id: str
    anchor: str
    number: str
    title: str
    summary: str
    percent: str
    level: str
    level_label: str
    target: str
    gap: str
    below: bool
    coverage: str
    partial: bool
    flags: list[str]
    weakest: str
    questions: list[QuestionRow]
    evidence: list[EvidenceRow]
    mappings: list[str]


@dataclass(frozen=True)
class ChapterBlock:
    number: str
    title: str
    percent: str
    level: str  # "成熟度 2 级" / "Level 2", as the summary writes a level
    clauses: list[ClauseBlock]


@dataclass(frozen=True)
class Action:
    rank: str
    clause: str
    question: str
    question_text: str
    core: bool
    levels: str
    severity_key: str
    severity: str
    effort: str
    action: str
    evidence_first: bool
    owner: str
    due: str


@dataclass(frozen=True)
class Horizon:
    title: str
    actions: list[Action]


@dataclass(frozen=True)
class AnswerRow:
    id: str
    clause: str
    text: str
    core: bool
    status: str
    claimed: str
    used: str
    evidence: str
    note: str


@dataclass(frozen=True)
class CitedRow:
    question: str
    figure: str
    value: str
    interval: str
    n: str
    covered: str
    counted: bool
    status: str


@dataclass(frozen=True)
class MetricBlock:
    name: str
    definition: str
    formula: str
    rows: list[CitedRow]
    chart: str | None
    caption: str


@dataclass(frozen=True)
class MappingRow:
    label: str
    items: list[str]  # one per other standard, e.g. "GB/T 19001-2016 4.2、4.3" (kept on one line)


@dataclass(frozen=True)
class GapReportView:
    header: dict[str, Any]
    org_name: str
    cover: list[Pair]
    cover_kpis: list[Kpi]
    confidentiality: str
    complete: bool
    provisional_banner: str
    narrative: list[str]
    weakest: list[str]
    first_actions: list[str]
    kpis: list[Kpi]
    heat_levels: list[str]
    heat: list[HeatRow]
    radar_clauses: str
    radar_key: list[Pair]
    bars_chapters: str
    bars_principles: str | None
    principles: list[Pair]
    metrics: list[MetricBlock]
    chapters: list[ChapterBlock]
    horizons: list[Horizon]
    actions_intro: str
    priority_rules: str
    answers: list[AnswerRow]
    evidence: list[EvidenceRow]
    scale: list[Pair]
    rules: list[str]
    evidence_rules: list[str]
    weights: list[Pair]
    core_items: list[Pair]
    produced_by: list[Pair]
    inputs: list[Pair]
    glossary: list[Pair]
    mapping: list[MappingRow]


def _label(standard: Standard, cid: str, lang: Lang) -> str:
    c = standard.clause_index()[cid]
    return f"{c.number} {c.title.get(lang)}"


def _part(q: Question, lang: Lang) -> str:
    return q.part.get(lang) if q.part else q.text.get(lang)


def _band_text(band: Band, lang: Lang) -> str:
    """The band's name and its range, e.g. "部分达成（40–69%）"."""
    floors = sorted(BAND_FLOORS)
    i = next(k for k, (_, b) in enumerate(floors) if b is band)
    low = int(floors[i][0])
    high = int(floors[i + 1][0]) - 1 if i + 1 < len(floors) else 100
    return t(f"band.kpi.{band.value}", lang, low=low, high=high)


def _why_weak(c: ClauseResult, result: Result, rubric: Rubric, lang: Lang) -> str:
    """Why a clause is weak, in words: its weakest question and what its level means."""
    if c.weakest_question is None:
        return t("gap.why.no_answers", lang)
    q = rubric.question_index()[c.weakest_question]
    qr = result.question(q.id)
    crit = q.criteria.get(qr.level or 0)
    text = t("gap.why", lang, part=_part(q, lang), level=lvl(qr.level), criteria=crit.get(lang) if crit else "")
    if Flag.claimed_not_evidenced in qr.flags:
        text += t("gap.why_capped", lang, claimed=lvl(qr.claimed_level))
    return text


def _heat_cells(level: int | None, target: int, levels: list[int]) -> list[str]:
    cells = []
    for v in levels:
        on = level is not None and v <= level
        cls = "on" if on else ("gap" if level is not None and v <= target else "off")
        if v == target:
            cls = "target-" + ("on" if on else "gap")
        cells.append(cls)
    return cells


def _metric_value(metric: str, value: float | None) -> str:
    if value is None:
        return "—"
    if metric == "nps":
        return f"{value:+.1f}"
    if metric == "ces":
        return f"{value:.2f}"
    return f"{value:.1f}%"


def _metric_blocks(
    judgements: dict[str, AnswerJudgement],
    trends: Mapping[tuple[str, str], list[CitedFigure]],
    rubric: Rubric,
    palette: svgcharts.Palette,
    lang: Lang,
) -> list[MetricBlock]:
    """The survey figures the answers cite, with their intervals, and each metric's trend."""
    from cxassess.rendering import metrics_charts

    cited: dict[tuple[str, str], list[CitedRow]] = {}
    for qid, j in judgements.items():
        for e in j.evidence:
            f = e.figure
            if f is None:
                continue
            status = t("rd.ev.counted", lang) if e.counted else t(f"rd.ev.evidence_{e.not_counted}", lang)
            cited.setdefault((f.file, f.metric), []).append(
                CitedRow(
                    question=qid,
                    figure=f.id,
                    value=_metric_value(f.metric, f.value),
                    # written as the metrics report writes them: "57.4% 至 65.9%" / "57.4% to 65.9%"
                    interval=(
                        t(
                            "metrics.range",
                            lang,
                            low=_metric_value(f.metric, f.low),
                            high=_metric_value(f.metric, f.high),
                        )
                        if f.low is not None and f.high is not None
                        else "—"
                    ),
                    n=f"{f.n:,}",
                    covered=t(
                        "metrics.range",
                        lang,
                        low=f.first.isoformat() if f.first else "—",
                        high=f.last.isoformat() if f.last else "—",
                    ),
                    counted=e.counted,
                    status=status,
                )
            )
    blocks = []
    for (file, metric), rows in sorted(cited.items()):
        definition = rubric.metrics.get(metric)
        points = [
            metrics_charts.Point(f.id.split("@", 1)[-1], f.value, f.low, f.high, f.too_few)
            for f in trends.get((file, metric), [])
            if "-Q" in f.id.split("@", 1)[-1]
        ]
        chart = svgcharts.uri(metrics_charts.trend(points, palette, digits=1)) if len(points) >= 2 else None
        blocks.append(
            MetricBlock(
                name=definition.name.get(lang) if definition else metric,
                definition=definition.definition.get(lang) if definition else "",
                formula=definition.formula.get(lang) if definition else "",
                rows=rows,
                chart=chart,
                caption=t("gap.metric_trend", lang, file=file),
            )
        )
    return blocks


@dataclass(frozen=True)
class _Inputs:
    """What every part of the gap report is built from."""

    res: Result
    standard: Standard
    rubric: Rubric
    answers: Answers
    judgements: dict[str, AnswerJudgement]
    actions: list[ActionItem]
    lang: Lang
    palette: svgcharts.Palette

    @functools.cached_property  # built once per report, not once per use
    def clauses(self) -> dict[str, Clause]:
        return self.standard.clause_index()

    @functools.cached_property
    def questions(self) -> dict[str, Question]:
        return self.rubric.question_index()

    def flags(self, items: list[Flag]) -> list[str]:
        return [t(f"flag.{f.value}", self.lang) for f in items if f is not Flag.below_target]

    def target_percent(self, level: int) -> float:
        r = self.res.rules
        return round(100 * (level - r.scale_min) / (r.scale_max - r.scale_min), 2)

    def action_text(self, a: ActionItem) -> str:
        step = self.questions[a.question].improvement_to(a.next_level)
        return step.get(self.lang) if step else ""


def build_gap_report(
    result: Result,
    standard: Standard,
    rubric: Rubric,
    answers: Answers,
    judgements: dict[str, AnswerJudgement],
    actions: list[ActionItem],
    lang: Lang,
    branding: Branding | None = None,
    trends: Mapping[tuple[str, str], list[CitedFigure]] | None = None,
) -> GapReportView:
    palette = svgcharts.Palette(branding.primary, branding.accent) if branding else svgcharts.Palette()
    x = _Inputs(result, standard, rubric, answers, judgements, actions, lang, palette)
    res, o, clauses = result, result.overall, x.clauses
    narrative, weakest, first, kpis = _summary(x)
    heat_levels, heat = _heatmap(x)
    radar, bars, bars_principles = _charts(x)
    chapters, evidence = _clause_blocks(x)
    horizons, actions_intro, priority_rules = _roadmap(x)
    principles = {p.id: p for p in standard.principles}
    header = document_header(lang, "report.title", "gap", res.inputs, res.engine)
    org = answers.organisation
    return GapReportView(
        header=header,
        org_name=org.name,
        cover=[
            Pair(t("gap.prepared_for", lang), org.name),
            Pair(t("report.prepared_by", lang), branding.prepared_by if branding else res.assessment.assessor),
            Pair(t("scope", lang), org.scope or "—"),
            Pair(t("date", lang), res.assessment.date.isoformat()),
            Pair(t("standard", lang), f"{standard.designation} {standard.title.get(lang)}"),
            Pair(t("gap.version", lang), t("gap.version_text", lang, date=res.assessment.date.isoformat())),
            Pair(t("gap.distribution", lang), t("gap.distribution_text", lang)),
            Pair(t("report.id", lang), header["report_id"]),
        ],
        cover_kpis=kpis[:3],
        confidentiality=(
            branding.confidentiality if branding and branding.confidentiality else t("gap.confidential", lang)
        ),
        complete=not o.provisional,
        provisional_banner=t("report.incomplete_banner", lang, n=o.counts.unanswered, percent=pct(o.coverage.percent)),
        narrative=narrative,
        weakest=weakest,
        first_actions=first,
        kpis=kpis,
        heat_levels=heat_levels,
        heat=heat,
        radar_clauses=svgcharts.uri(radar),
        radar_key=[Pair(c.number, clauses[c.id].title.get(lang)) for c in res.clauses],
        bars_chapters=svgcharts.uri(bars),
        bars_principles=svgcharts.uri(bars_principles) if bars_principles else None,
        metrics=_metric_blocks(judgements, trends or {}, rubric, palette, lang),
        principles=[
            Pair(
                f"{principles[p.id].number or p.id} {principles[p.id].title.get(lang)}",
                f"{pct(p.percent)} · {t('level', lang)} {lvl(p.level)}",
            )
            for p in res.principles
        ],
        chapters=chapters,
        horizons=horizons,
        actions_intro=actions_intro,
        priority_rules=priority_rules,
        answers=_answer_rows(x),
        evidence=evidence,
        scale=[Pair(f"{s.level} {s.label.get(lang)}", s.description.get(lang)) for s in rubric.scale.levels],
        rules=[
            t("rule.evidence_model", lang),
            t("rule.na", lang, share_pct=f"{res.rules.low_coverage_na_share * 100:g}"),
            t("rule.unanswered", lang),
            t("rule.level", lang),
            t("rule.weights", lang),
        ],
        evidence_rules=evidence_rule_lines(rubric, lang),
        weights=_weights(x),
        core_items=[Pair(q.id, _part(q, lang)) for q in rubric.questions if q.core],
        produced_by=[
            Pair(t("report.engine", lang), res.engine),
            Pair(t("rubric", lang), f"{rubric.id} {rubric.version} — {rubric.title.get(lang)}"),
            # full-width brackets in Chinese: "GB/T 42509-2023（gbt42509:2023）"
            Pair(
                t("standard", lang),
                f"{standard.designation}（{standard.id}:{standard.edition}）"
                if lang == "zh"
                else f"{standard.designation} ({standard.id}:{standard.edition})",
            ),
        ],
        inputs=[Pair(t(f"role.{i.role}", lang), f"{i.name} · {i.sha256}") for i in res.inputs],
        glossary=[Pair(term.term.get(lang), term.definition.get(lang)) for term in standard.terms],
        mapping=[
            MappingRow(_label(standard, c.id, lang), [f"{m.standard} {join(m.clauses, lang)}" for m in c.mappings])
            for c in standard.leaves()
            if c.mappings
        ],
    )


def _summary(x: _Inputs) -> tuple[list[str], list[str], list[str], list[Kpi]]:
    """The executive summary: the narrative, the weakest areas, the first actions, the KPIs."""
    res, lang, o, r = x.res, x.lang, x.res.overall, x.res.rules
    standard, questions = x.standard, x.questions
    order = {c.id: i for i, c in enumerate(res.clauses)}
    assessed = [c for c in res.clauses if c.percent is not None]
    below = [c for c in res.clauses if c.gap]
    weakest = sorted(assessed, key=lambda c: (c.percent or 0, c.level or 0, order[c.id]))[:MAX_KEY]
    strongest = sorted(assessed, key=lambda c: (-(c.percent or 0), order[c.id]))[:MAX_KEY]
    narrative = [
        t(
            "gap.position",
            lang,
            org=x.answers.organisation.name,
            percent=pct(o.percent),
            level=lvl(o.level),
            label=x.rubric.scale.label(o.level, lang) if o.level is not None else "—",
            target=r.target_level,
            below_text=(
                t("gap.below_all", lang, clauses=len(res.clauses))
                if len(below) == len(res.clauses)
                else t("gap.below_some", lang, below=len(below), clauses=len(res.clauses))
                if below
                else t("gap.below_none", lang, clauses=len(res.clauses))
            ),
        )
    ]
    lowest = [c for c in res.clauses if o.level is not None and c.level == o.level]
    if lowest and len(lowest) < len(res.clauses):
        narrative.append(
            t(
                "gap.level_rule",
                lang,
                level=lvl(o.level),
                clauses=join([_label(standard, c.id, lang) for c in lowest[:MAX_KEY]], lang)
                + (t("gap.and_more", lang, n=len(lowest) - MAX_KEY) if len(lowest) > MAX_KEY else ""),
            )
        )
    cov = o.coverage
    if o.provisional:
        narrative.append(
            t(
                "gap.provisional",
                lang,
                answered=cov.answered,
                applicable=cov.applicable,
                weighted=pct(cov.weighted_percent),
            )
        )
    else:
        # "(0 declared not applicable)" reads as system output: say there were none
        key = "gap.complete" if o.counts.na else "gap.complete_no_na"
        narrative.append(t(key, lang, answered=cov.answered, na=o.counts.na))
    if strongest:
        items = [
            f"{_label(standard, c.id, lang)}（{pct(c.percent)}）"
            if lang == "zh"
            else f"{_label(standard, c.id, lang)} ({pct(c.percent)})"
            for c in strongest
        ]
        narrative.append(t("gap.strongest", lang, items=join(items, lang)))
    if o.counts.claimed_not_evidenced:
        narrative.append(t("gap.evidence_capped", lang, capped=o.counts.claimed_not_evidenced))
    if o.counts.evidence_not_counted:
        narrative.append(t("gap.evidence_dropped", lang, dropped=o.counts.evidence_not_counted))
    ties = [c for c in assessed if weakest and c.percent == weakest[0].percent]
    weakest_lines = [
        t(
            "gap.weak_item",
            lang,
            clause=_label(standard, c.id, lang),
            percent=pct(c.percent),
            level=lvl(c.level),
            why=_why_weak(c, res, x.rubric, lang),
        )
        for c in weakest
    ]
    if len(ties) > 1:
        weakest_lines.append(t("gap.tie", lang, n=len(ties), percent=pct(weakest[0].percent)))
    first = [
        t(
            "gap.first_action",
            lang,
            action=tidy((t("report.provide_evidence", lang) + " " if a.evidence_missing else "") + x.action_text(a)),
            question=f"{x.clauses[questions[a.question].clause].number} {_part(questions[a.question], lang)}",
            owner=a.owner.get(lang) if a.owner else "—",
            due=a.due.isoformat(),
        )
        for a in x.actions[:MAX_KEY]
    ]
    kpis = [
        Kpi(
            pct(o.percent),
            t("gap.kpi.overall", lang, band=_band_text(o.band, lang))
            if o.band
            else t("gap.kpi.overall_provisional", lang),
        ),
        Kpi(f"{lvl(o.level)} / {r.target_level}", t("gap.kpi.level", lang)),
        Kpi(f"{len(below)}/{len(res.clauses)}", t("gap.kpi.below", lang), bad=bool(below)),
        Kpi(
            pct(cov.percent),
            t("gap.kpi.coverage", lang, answered=cov.answered, applicable=cov.applicable),
            bad=o.provisional,
        ),
    ]
    return narrative, weakest_lines, first, kpis


def _heatmap(x: _Inputs) -> tuple[list[str], list[HeatRow]]:
    levels = [v for v in x.rubric.scale.values() if v > x.res.rules.scale_min]
    rows = [
        HeatRow(
            number=c.number,
            title=x.clauses[c.id].title.get(x.lang),
            percent=pct(c.percent),
            cells=_heat_cells(c.level, c.target, levels),
            flags=x.flags(c.flags),
        )
        for c in x.res.clauses
    ]
    return [f"{v} {x.rubric.scale.label(v, x.lang)}" for v in levels], rows


def _charts(x: _Inputs) -> tuple[str, str, str | None]:
    """The clause radar, the chapter bars and the principle bars (SVG)."""
    res, lang, clauses = x.res, x.lang, x.clauses
    target = t("report.target_profile", lang)
    radar = svgcharts.radar(
        [c.number for c in res.clauses],
        [
            (t("report.current", lang), [c.percent for c in res.clauses], False),
            (target, [x.target_percent(c.target) for c in res.clauses], True),
        ],
        x.palette,
    )
    bars = svgcharts.hbars(
        [f"{ch.number} {clauses[ch.id].title.get(lang)}" for ch in res.chapters],
        [ch.percent for ch in res.chapters],
        [x.target_percent(x.rubric.target_level)] * len(res.chapters),
        x.palette,
        target_name=target,
    )
    principles = {p.id: p for p in x.standard.principles}
    bars_principles = (
        svgcharts.hbars(
            [f"{principles[p.id].number or p.id} {principles[p.id].title.get(lang)}" for p in res.principles],
            [p.percent for p in res.principles],
            [x.target_percent(x.rubric.target_level)] * len(res.principles),
            x.palette,
            target_name=target,
        )
        if res.principles
        else None
    )
    return radar, bars, bars_principles


def _clause_blocks(x: _Inputs) -> tuple[list[ChapterBlock], list[EvidenceRow]]:
    """Every clause with its questions and evidence, grouped by chapter; and all the evidence."""
    res, lang, clauses, questions = x.res, x.lang, x.clauses, x.questions
    blocks: dict[str, ClauseBlock] = {}
    all_evidence: list[EvidenceRow] = []
    for c in res.clauses:
        clause = clauses[c.id]
        rows: list[QuestionRow] = []
        evidence: list[EvidenceRow] = []
        for qr in (q for q in res.questions if q.clause == c.id):
            rows.append(_question_row(x, qr))
            evidence += _evidence_rows(x, qr.id)
        all_evidence += evidence
        wq = c.weakest_question
        blocks[c.id] = ClauseBlock(
            id=c.id,
            anchor=f"clause-{c.id}",
            number=c.number,
            title=clause.title.get(lang),
            summary=clause.summary.get(lang),
            percent=pct(c.percent),
            level=lvl(c.level),
            level_label=x.rubric.scale.label(c.level, lang) if c.level is not None else "",
            target=str(c.target),
            gap=lvl(c.gap),
            below=bool(c.gap),
            coverage=t("gap.coverage", lang, answered=c.coverage.answered, applicable=c.coverage.applicable),
            partial=not c.coverage.complete,
            flags=x.flags(c.flags),
            weakest=(
                t("gap.weakest_q", lang, id=wq, part=_part(questions[wq], lang), level=lvl(res.question(wq).level))
                if wq
                else ""
            ),
            questions=rows,
            evidence=evidence,
            mappings=[f"{m.standard} {join(m.clauses, lang)}" for m in clause.mappings],
        )
    chapters = [
        ChapterBlock(
            number=ch.number,
            title=clauses[ch.id].title.get(lang),
            percent=pct(ch.percent),
            level=t("gap.chapter_level", lang, level=lvl(ch.level)),
            clauses=[blocks[cid] for cid in ch.clauses],
        )
        for ch in res.chapters
    ]
    return chapters, all_evidence


def _question_row(x: _Inputs, qr: QuestionResult) -> QuestionRow:
    q, lang = x.questions[qr.id], x.lang
    return QuestionRow(
        id=qr.id,
        text=q.text.get(lang),
        part=_part(q, lang),
        core=q.core,
        status_key=qr.status,
        status=t(f"status.{qr.status}", lang),
        claimed=lvl(qr.claimed_level) if qr.status == "scored" else t(f"status.{qr.status}", lang),
        used=lvl(qr.level),
        counted=f"{qr.evidence_counted}/{qr.evidence_count}",
        capped=Flag.claimed_not_evidenced in qr.flags,
        flags=x.flags(qr.flags),
    )


def _evidence_rows(x: _Inputs, qid: str) -> list[EvidenceRow]:
    """A question's evidence for the appendix, at most ``MAX_EVIDENCE_ROWS`` and a count of the rest."""
    j, lang = x.judgements[qid], x.lang
    rows = [
        EvidenceRow(
            question=qid,
            title=_cut(e.title),
            kind=t(f"kind.{e.kind}", lang),
            date=e.date.isoformat() if e.date else "—",
            ref=_cut(e.ref) if e.ref else "—",
            counted=e.counted,
            why="" if e.counted else t(f"rd.ev.evidence_{e.not_counted}", lang),
        )
        for e in j.evidence[:MAX_EVIDENCE_ROWS]
    ]
    if len(j.evidence) > MAX_EVIDENCE_ROWS:
        more = len(j.evidence) - MAX_EVIDENCE_ROWS
        rows.append(EvidenceRow(qid, t("gap.more_evidence", lang, n=more), "", "", "", True, ""))
    return rows


def _roadmap(x: _Inputs) -> tuple[list[Horizon], str, str]:
    """The actions by horizon (30 / 90 / 180 days), most important first; the roadmap's
    introduction; and how priorities and due dates were set (for the method appendix)."""
    lang, questions = x.lang, x.questions
    horizons = []
    for days in sorted({a.horizon_days for a in x.actions}):
        items = [
            Action(
                rank=str(a.rank),
                clause=_label(x.standard, a.clause, lang),
                question=a.question,
                question_text=_part(questions[a.question], lang),
                core=a.core,
                levels=f"{a.level} → {a.target}",
                severity_key=a.severity,
                severity=t(f"severity.{a.severity}", lang),
                effort=t(f"effort.{a.effort}", lang),
                action=x.action_text(a),
                evidence_first=a.evidence_missing,
                owner=a.owner.get(lang) if a.owner else "—",
                due=a.due.isoformat(),
            )
            for a in x.actions
            if a.horizon_days == days
        ]
        items.sort(key=lambda item: int(item.rank))
        horizons.append(Horizon(t("gap.horizon", lang, days=days), items))
    rules = x.rubric.action_plan
    priority = t(
        "gap.priority_text",
        lang,
        core_factor=f"{rules.core_factor:g}",
        high_from=f"{rules.high_from:g}",
        medium_from=f"{rules.medium_from:g}",
        high_days=rules.due_days.get("high", 90),
        medium_days=rules.due_days.get("medium", 90),
        low_days=rules.due_days.get("low", 90),
    )
    return horizons, t("report.actions_intro", lang, rules=priority), priority


def _answer_rows(x: _Inputs) -> list[AnswerRow]:
    """Notes and N/A justifications (the clause tables already show every answer's levels)."""
    rows = []
    for qr in x.res.questions:
        a = x.answers.answers.get(qr.id)
        note = ""
        if a is not None and a.na:
            note = t("gap.na_reason", x.lang, reason=(a.justification or "").strip())
        elif a is not None and a.notes:
            note = a.notes.strip()
        if not note:
            continue
        if len(note) > MAX_NOTE_CHARS:
            note = note[:MAX_NOTE_CHARS] + t("gap.more_text", x.lang, n=len(note) - MAX_NOTE_CHARS)
        q = x.questions[qr.id]
        rows.append(
            AnswerRow(
                id=qr.id,
                clause=x.clauses[qr.clause].number,
                text=q.text.get(x.lang),
                core=q.core,
                status=t(f"status.{qr.status}", x.lang),
                claimed=lvl(qr.claimed_level),
                used=lvl(qr.level),
                evidence=f"{qr.evidence_counted}/{qr.evidence_count}",
                note=note,
            )
        )
    return rows


def _weights(x: _Inputs) -> list[Pair]:
    lang, clauses = x.lang, x.clauses
    chapters = [
        Pair(f"{t('chapter', lang)} {ch.number} {clauses[ch.id].title.get(lang)}", f"{ch.weight:g}")
        for ch in x.res.chapters
    ]
    weighted = [
        Pair(f"{t('clause', lang)} {c.number} {clauses[c.id].title.get(lang)}", f"{c.weight:g}")
        for c in x.res.clauses
        if c.weight != 1
    ]
    return chapters + weighted


def evidence_rule_lines(rubric: Rubric, lang: Lang) -> list[str]:
    """The rubric's evidence rules in words: the age limit and what each level needs (shared by
    the gap and readiness reports)."""
    ev = rubric.evidence_rules()
    out = []
    if ev.max_age_months:
        undated = t("rd.rule.undated_counts" if ev.undated_counts else "rd.rule.undated_not", lang)
        out.append(t("rd.rule.evidence_age", lang, months=ev.max_age_months, undated=undated))
    for level in sorted(ev.levels):
        for req in ev.requirements(level):
            kinds = (
                t("rd.rule.kinds", lang, kinds=join([t(f"kind.{k}", lang) for k in req.kinds], lang))
                if req.kinds
                else ""
            )
            span = t("rd.rule.span", lang, months=req.span_months) if req.span_months else ""
            out.append(t("rd.rule.level_req", lang, level=level, min_items=req.min_items, kinds=kinds, span=span))
    return out
