"""One evidence model for every output: which evidence counts and what level it supports.

Pure: no IO, no clock (the assessment date comes with the answers). ``score``, the gap report,
``readiness``, ``compare`` and the questionnaire exports all take an answer's effective level
from ``judge_answers``, so they can never disagree about the same file.

Rules (all thresholds from the rubric):

1. An evidence item counts when it is dated (or the rubric lets undated items count), not dated
   after the assessment date, and not older than ``max_age_months`` before it. Items an auditor
   examined (``seen`` in a verification file) are judged the same way against the verification
   date, and for a question the auditor verified the answer's own items must still be within
   ``max_age_months`` on the verification date (``stale_at_verification``): the auditor judges
   the practice as it stands when they look. Every item that does not count carries its reason.
2. A level is *supported* when the requirements the rubric declares for it and for every level
   below it (``evidence.levels``: number of items, their kinds, the months their dates span) are
   met by counted evidence. Each piece of evidence counts once (the same record listed twice, or
   listed by the answer and again by the auditor, is one; a survey figure is one however often it
   is cited), and a cited figure is dated by its data (its latest response), not by the
   citation. With no counted evidence at all, nothing above
   ``max(unevidenced_cap, evidence_required_from − 1)`` is supported.
3. The effective level is the lower of the claimed and the supported level, so raising a claim
   or adding evidence never lowers it.
4. An auditor's verification: ``verified`` confirms the answer's evidence and adds what the
   auditor saw, and the same rules then judge the claim (an auditor cannot confirm a level on no
   objective evidence); ``not_verified`` counts only what the auditor saw; ``disputed`` takes the
   auditor's level, up to what the counted evidence (the answer's and what the auditor saw)
   supports: a level the auditor lowers needs no evidence, one the auditor raises does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from cxassess.core.model import (
    Answer,
    Answers,
    Evidence,
    EvidenceRules,
    Question,
    Rubric,
    Verification,
    VerificationStatus,
    VerifiedAnswer,
)
from cxassess.core.provenance import Out

Status = Literal["scored", "na", "unanswered"]
NotCounted = Literal[
    "too_old", "undated", "post_dated", "metric_too_few", "metric_too_old", "not_verified", "stale_at_verification"
]


class CitedFigure(Out):
    """A figure of a metrics result an evidence item cites (what the judgement needs of it)."""

    file: str
    id: str
    metric: str
    value: float | None
    low: float | None
    high: float | None
    n: int
    too_few: bool
    first: dt.date | None
    last: dt.date | None


Cited = Mapping[tuple[str, str], CitedFigure]  # (metrics file as cited, figure id) → figure


class Reason(Out):
    """Why a level was lowered, a grade given or a verdict reached: a code and its values."""

    code: str
    values: dict[str, str | int] = Field(default_factory=dict)


class EvidenceItem(Out):
    title: str
    kind: str
    date: dt.date | None
    ref: str
    source: Literal["answer", "auditor"]
    counted: bool
    not_counted: NotCounted | None = None
    figure: CitedFigure | None = None


class AnswerJudgement(Out):
    """One question's answer as every output sees it."""

    question: str
    clause: str
    core: bool
    status: Status
    claimed: int | None  # the self-assessed level
    supported: int | None  # the highest level the counted evidence supports
    level: int | None  # the effective level (after evidence rules and verification)
    evidence: list[EvidenceItem]
    counted: int
    reasons: list[Reason]  # every cap, dropped item and verification step, in order
    verification: VerificationStatus | None = None
    verified_level: int | None = None
    verification_note: str = ""

    @property
    def capped(self) -> bool:
        """The effective level is below the claim."""
        return self.claimed is not None and self.level is not None and self.level < self.claimed


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier (the last day of the month where that day does not exist)."""
    y, m = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month = m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the last day of the month where that day does not exist)."""
    return months_before(day, -months)


def spans(first: dt.date, last: dt.date, months: int) -> bool:
    """Whether ``first`` to ``last`` covers ``months`` months (31 March to 30 September is six)."""
    return last >= months_after(first, months)


def _count(
    ev: Evidence,
    rules: EvidenceRules,
    reference: dt.date,
    source: str,
    cited: Cited,
    oldest: dt.date | None = None,
) -> EvidenceItem:
    """Whether one item counts; ``oldest`` is the earliest date that counts (computed once per
    reference date by the caller, or here)."""
    why: NotCounted | None = None
    figure = cited.get((ev.metrics, ev.figure or "")) if ev.metrics is not None else None
    if ev.date is None:
        if not rules.undated_counts:  # with or without an age limit: undated is not shown current
            why = "undated"
    elif ev.date > reference:
        why = "post_dated"
    elif rules.max_age_months is not None and ev.date < (oldest or months_before(reference, rules.max_age_months)):
        why = "too_old"
    if why is None and ev.metrics is not None:
        rule = rules.metrics
        if figure is None or figure.too_few or figure.n < rule.min_n:
            why = "metric_too_few"
        elif figure.last is None or figure.last < months_before(reference, rule.within_months):
            why = "metric_too_old"
        elif figure.last > reference:
            why = "post_dated"
    return EvidenceItem(
        title=ev.title,
        kind=ev.kind,
        date=ev.date,
        ref=ev.ref,
        source="auditor" if source == "auditor" else "answer",
        counted=why is None,
        not_counted=why,
        figure=figure,
    )


def _drop_reason(item: EvidenceItem, rules: EvidenceRules, reference: dt.date) -> Reason:
    values: dict[str, str | int] = {"title": item.title}
    if item.date is not None:
        values["date"] = item.date.isoformat()
    if item.not_counted in ("too_old", "stale_at_verification"):
        values["months"] = rules.max_age_months or 0
    if item.not_counted == "stale_at_verification":
        values["reference"] = reference.isoformat()
    if item.not_counted == "post_dated":
        values["reference"] = reference.isoformat()
    if item.figure is not None:
        values["figure"] = item.figure.id
        values["n"] = item.figure.n
        values["last"] = item.figure.last.isoformat() if item.figure.last else "—"
    if item.not_counted in ("metric_too_few", "metric_too_old"):
        values["min_n"] = rules.metrics.min_n
        values["within"] = rules.metrics.within_months
    return Reason(code=f"evidence_{item.not_counted}", values=values)


def _identity(item: EvidenceItem) -> tuple[object, ...]:
    """What makes two items one piece of evidence: a cited survey figure is itself (however often
    and under whatever date it is cited); another item is its kind, title and date (the answer
    and the auditor naming the same record are one record; spacing and case aside)."""
    if item.figure is not None:
        return ("figure", item.figure.file, item.figure.id)
    return (item.kind, "".join(item.title.split()).casefold(), item.date)


def _dated(item: EvidenceItem) -> dt.date | None:
    """The date an item shows the practice at: a cited figure's latest response (the data's own
    date, which a citation cannot move), else the item's date."""
    if item.figure is not None and item.figure.last is not None:
        return item.figure.last
    return item.date


@dataclass(frozen=True)
class _Need:
    """One evidence requirement of one level, ready to check."""

    level: int
    min_items: int
    kinds: frozenset[str]  # empty: any kind
    span_months: int
    kinds_text: str  # the kinds as the reason names them

    def met(self, found: int, dates: list[dt.date]) -> bool:
        if found < self.min_items:
            return False
        return not self.span_months or (bool(dates) and spans(dates[0], dates[-1], self.span_months))


@dataclass(frozen=True)
class _Plan:
    """What judging needs of a rubric, worked out once per rubric."""

    rules: EvidenceRules
    top: int
    bare_ceiling: int  # the highest level supported with no counted evidence at all
    needs: tuple[tuple[int, tuple[_Need, ...]], ...]  # every level above the lowest, in order


_PLANS: dict[int, tuple[Rubric, _Plan]] = {}  # by the rubric's identity (the rubric kept alive)


def _plan(rubric: Rubric) -> _Plan:
    hit = _PLANS.get(id(rubric))
    if hit is not None and hit[0] is rubric:
        return hit[1]
    scale = sorted(rubric.scale.values())
    rules = rubric.evidence_rules()
    s = rubric.scoring
    needs = tuple(
        (
            level,
            tuple(
                _Need(level, r.min_items, frozenset(r.kinds), r.span_months, ", ".join(r.kinds))
                for r in rules.requirements(level)
            ),
        )
        for level in scale[1:]
    )
    plan = _Plan(rules, scale[-1], max(s.unevidenced_cap, s.evidence_required_from - 1), needs)
    if len(_PLANS) >= 16:
        _PLANS.clear()
    _PLANS[id(rubric)] = (rubric, plan)
    return plan


_Keyed = list[tuple[str, tuple[object, ...], "dt.date | None"]]


def _keyed(counted: list[EvidenceItem]) -> _Keyed:
    """Each counted item's kind, identity and date, worked out once."""
    return [(e.kind, _identity(e), _dated(e)) for e in counted]


def _fitting(kinds: frozenset[str], keyed: _Keyed) -> tuple[int, list[dt.date]]:
    """How many distinct items are of one of ``kinds`` (any, if empty), and their dates in order."""
    seen: set[tuple[object, ...]] = set()
    dates: list[dt.date] = []
    for kind, identity, day in keyed:
        if (not kinds or kind in kinds) and identity not in seen:
            seen.add(identity)
            if day is not None:
                dates.append(day)
    dates.sort()
    return len(seen), dates


def _supported(counted: list[EvidenceItem], plan: _Plan) -> tuple[int, list[Reason]]:
    """The highest level the counted evidence supports, and why no higher one is."""
    top = plan.top
    reasons: list[Reason] = []
    if not counted and plan.bare_ceiling < top:
        top = plan.bare_ceiling
        reasons.append(Reason(code="no_counted_evidence", values={"level": top}))
    if not plan.rules.levels:
        return top, reasons
    keyed = _keyed(counted)
    fits: dict[frozenset[str], tuple[int, list[dt.date]]] = {}
    for level, needs in plan.needs:
        if level > top:
            break
        for need in needs:
            fit = fits.get(need.kinds)
            if fit is None:
                fit = fits[need.kinds] = _fitting(need.kinds, keyed)
            if not need.met(*fit):
                values: dict[str, str | int] = {
                    "level": level,
                    "min_items": need.min_items,
                    "kinds": need.kinds_text,
                    "span_months": need.span_months,
                    "found": fit[0],
                }
                reasons.append(Reason(code="level_needs_evidence", values=values))
                return level - 1, reasons
    return top, reasons


def judge_answer(
    question: Question,
    answer: Answer | None,
    verified: VerifiedAnswer | None,
    rubric: Rubric,
    *,
    assessment_date: dt.date,
    verification_date: dt.date | None = None,
    cited: Cited | None = None,
) -> AnswerJudgement:
    plan = _plan(rubric)
    return _judge(
        question,
        answer,
        verified,
        plan,
        assessment_date,
        verification_date,
        cited or {},
        _oldest(plan, assessment_date),
    )


def _oldest(plan: _Plan, assessment_date: dt.date) -> dt.date | None:
    """The earliest evidence date that counts for an assessment on ``assessment_date``."""
    months = plan.rules.max_age_months
    return months_before(assessment_date, months) if months is not None else None


def _judge(
    question: Question,
    answer: Answer | None,
    verified: VerifiedAnswer | None,
    plan: _Plan,
    assessment_date: dt.date,
    verification_date: dt.date | None,
    cited: Cited,
    oldest: dt.date | None,
) -> AnswerJudgement:
    rules = plan.rules
    items = [_count(ev, rules, assessment_date, "answer", cited, oldest) for ev in (answer.evidence if answer else [])]
    if verified is not None and verified.status == "not_verified":
        # the auditor could not confirm what the answer cites: only what they saw counts
        items = [
            i.model_copy(update={"counted": False, "not_counted": "not_verified"}) if i.counted else i for i in items
        ]
    if (
        verified is not None
        and verification_date is not None
        and rules.max_age_months is not None
        and verification_date > assessment_date
    ):
        # the auditor judges the practice as it stands on the verification date: an item the
        # answer lists that is older than the age limit by then no longer shows it current
        stale = months_before(verification_date, rules.max_age_months)
        items = [
            i.model_copy(update={"counted": False, "not_counted": "stale_at_verification"})
            if i.counted and (day := _dated(i)) is not None and day < stale
            else i
            for i in items
        ]
    seen = [
        _count(ev, rules, verification_date or assessment_date, "auditor", cited)
        for ev in (verified.seen if verified else [])
    ]
    reasons = [
        _drop_reason(
            i,
            rules,
            (verification_date or assessment_date) if i.not_counted == "stale_at_verification" else assessment_date,
        )
        for i in items
        if not i.counted and i.not_counted != "not_verified"
    ]
    reasons += [_drop_reason(i, rules, verification_date or assessment_date) for i in seen if not i.counted]
    counted = [i for i in items + seen if i.counted]

    status: Status
    claimed: int | None = None
    supported: int | None = None
    level: int | None = None
    if answer is not None and answer.na:
        status = "na"
    elif answer is None or answer.level is None:
        status = "unanswered"
    else:
        status = "scored"
        claimed = answer.level
        supported, why = _supported(counted, plan)
        level = min(claimed, supported)
        if level < claimed:
            reasons += why
            reasons.append(Reason(code="capped", values={"claimed": claimed, "level": level}))

    verified_level = None
    if verified is not None:
        note = (verified.note or "").strip()
        if verified.status == "verified" and claimed is not None:
            level = verified_level = min(claimed, supported if supported is not None else claimed)
            code = "auditor_verified" if level == claimed else "auditor_verified_capped"
            reasons.append(Reason(code=code, values={"level": level, "claimed": claimed, "note": note}))
        elif verified.status == "not_verified" and claimed is not None:
            level = verified_level = min(claimed, supported if supported is not None else claimed)
            code = "auditor_not_verified" if counted else "auditor_not_verified_none"
            reasons.append(Reason(code=code, values={"level": level, "seen": len(counted), "note": note}))
        elif verified.status == "disputed" and verified.level is not None:
            if status == "na":
                reasons.append(Reason(code="auditor_rejects_na"))
                status = "scored"
            elif status == "unanswered":
                status = "scored"
            # the auditor's level stands when it is lower than what the evidence supports; a level
            # the auditor raises rests on objective evidence like any other (the answer's counted
            # evidence and what the auditor saw), never on the note alone
            bound, why = _supported(counted, plan)
            level = verified_level = min(verified.level, bound)
            if level == verified.level:
                reasons.append(Reason(code="auditor_disputed", values={"level": level, "note": note}))
            else:
                reasons += [r for r in why if r not in reasons]
                reasons.append(
                    Reason(
                        code="auditor_disputed_capped",
                        values={"level": level, "disputed": verified.level, "seen": len(counted), "note": note},
                    )
                )

    return AnswerJudgement(
        question=question.id,
        clause=question.clause,
        core=question.core,
        status=status,
        claimed=claimed,
        supported=supported,
        level=level,
        evidence=items + seen,
        counted=len(counted),
        reasons=reasons,
        verification=verified.status if verified else None,
        verified_level=verified_level,
        verification_note=(verified.note or "").strip() if verified else "",
    )


def judge_answers(
    rubric: Rubric, answers: Answers, verification: Verification | None = None, cited: Cited | None = None
) -> dict[str, AnswerJudgement]:
    """Every question of the rubric judged, in rubric order. Answers and verification keys must
    be canonical question ids (``canonical_answers``)."""
    given: Mapping[str, Answer] = answers.answers
    checked: Mapping[str, VerifiedAnswer] = verification.findings if verification else {}
    plan = _plan(rubric)
    day = answers.assessment.date
    oldest = _oldest(plan, day)
    verified_on = verification.date if verification else None
    figures = cited or {}
    return {
        q.id: _judge(q, given.get(q.id), checked.get(q.id), plan, day, verified_on, figures, oldest)
        for q in rubric.questions
    }


def canonical_answers(answers: Answers, rubric: Rubric) -> Answers:
    """The same answers keyed by current question ids (a renamed question's old id → its id)."""
    aliases = rubric.alias_index()
    if not any(k in aliases for k in answers.answers):
        return answers
    return answers.model_copy(update={"answers": {aliases.get(k, k): v for k, v in answers.answers.items()}})


def canonical_verification(verification: Verification, rubric: Rubric) -> Verification:
    aliases = rubric.alias_index()
    if not any(k in aliases for k in verification.findings):
        return verification
    return verification.model_copy(
        update={"findings": {aliases.get(k, k): v for k, v in verification.findings.items()}}
    )
