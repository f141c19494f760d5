"""Certification readiness: graded findings, verdict and traceability. Pure: no IO, no clock.

Every rule comes from the rubric's ``readiness`` block:

1. Evidence sufficiency. Evidence older than ``max_age_months`` before the assessment date (or
   undated, unless ``undated_counts``) is not counted. A level at or above
   ``scoring.evidence_required_from`` with no counted evidence is capped at
   ``scoring.unevidenced_cap``; a level whose ``evidence.levels`` requirement (number and kinds of
   counted evidence) is not met drops until one is met. Every downgrade records why.
2. Auditor verification (optional, a separate file): ``verified`` confirms the self-assessed level,
   ``not_verified`` caps it at ``unevidenced_cap``, ``disputed`` replaces it with the auditor's.
3. Unanswered questions are judged at the bottom of the scale: nothing was shown.
4. Grading: the first ``grading`` rule whose conditions hold gives the grade; no rule, no finding.
5. Escalation: ``escalate_minors`` or more minors in one clause all become majors.
6. Verdict: any major → not ready; else any minor → ready subject to action plans; else ready.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import Literal, cast

from pydantic import BaseModel, ConfigDict, Field

from cxassess.model import (
    GRADES,
    Answers,
    Evidence,
    Grade,
    GradingRule,
    Rubric,
    Standard,
    Verification,
    VerificationStatus,
)
from cxassess.scoring import InputDigest, Traced, references

READINESS_SCHEMA = "cxassess/readiness/1"
Verdict = Literal["ready", "conditional", "not_ready"]
VERDICTS: tuple[Verdict, ...] = ("ready", "conditional", "not_ready")


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Reason(_Out):
    """Why a level was lowered, a grade given or a verdict reached: a code and its values."""

    code: str
    values: dict[str, str | int] = {}


class Judgement(_Out):
    question: str
    clause: str
    core: bool
    status: Literal["scored", "na", "unanswered"]
    target: int
    self_level: int | None
    judged_level: int | None
    verification: VerificationStatus | None
    verified_level: int | None
    level: int | None
    evidence_reviewed: list[str]
    evidence_counted: int
    reasons: list[Reason]
    grade: Grade | None
    finding_id: str | None
    due: dt.date | None


class Applicability(_Out):
    question: str
    clause: str
    justification: str


class VerificationRef(_Out):
    auditor: str
    date: dt.date
    answers_match: bool | None


class ReadinessResult(Traced):
    schema_: str = Field(default=READINESS_SCHEMA, alias="schema")
    verification: VerificationRef | None
    verdict: Verdict
    verdict_reasons: list[Reason]
    counts: dict[Grade, int]
    core_items: list[str]
    corrective_action_days: dict[Grade, int]
    judgements: list[Judgement]
    not_applicable: list[Applicability]

    def findings(self) -> list[Judgement]:
        return [j for j in self.judgements if j.grade is not None]


def _months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + (day.month - 1) - months, 12)
    month = m + 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(y, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _matches(rule: GradingRule, *, level: int, target: int, core: bool, downgraded: bool) -> bool:
    if rule.core is not None and rule.core != core:
        return False
    if rule.downgraded is not None and rule.downgraded != downgraded:
        return False
    if rule.below is not None:
        bound = target if rule.below == "target" else rule.below
        if not level < bound:
            return False
    return True


def _counted(evidence: list[Evidence], rubric: Rubric, start: dt.date) -> tuple[list[Evidence], list[Reason]]:
    rules = rubric.readiness.evidence
    limit = _months_before(start, rules.max_age_months) if rules.max_age_months else None
    kept: list[Evidence] = []
    reasons: list[Reason] = []
    for ev in evidence:
        if ev.date is None:
            if limit is not None and not rules.undated_counts:
                reasons.append(Reason(code="evidence_undated", values={"title": ev.title}))
                continue
        elif limit is not None and ev.date < limit:
            reasons.append(
                Reason(
                    code="evidence_too_old",
                    values={"title": ev.title, "date": ev.date.isoformat(), "months": rules.max_age_months or 0},
                )
            )
            continue
        kept.append(ev)
    return kept, reasons


def _judge(claimed: int, counted: list[Evidence], rubric: Rubric) -> tuple[int, list[Reason]]:
    s = rubric.scoring
    reasons: list[Reason] = []
    level = claimed
    if level >= s.evidence_required_from and not counted:
        level = min(level, s.unevidenced_cap)
        reasons.append(Reason(code="no_counted_evidence", values={"claimed": claimed, "level": level}))
    requirements = rubric.readiness.evidence.levels
    while level > rubric.scale.min and level in requirements:
        req = requirements[level]
        fitting = [ev for ev in counted if not req.kinds or ev.kind in req.kinds]
        if len(fitting) >= req.min_items:
            break
        reasons.append(
            Reason(
                code="level_needs_evidence",
                values={
                    "level": level,
                    "min_items": req.min_items,
                    "kinds": ", ".join(req.kinds) if req.kinds else "",
                    "found": len(fitting),
                },
            )
        )
        level -= 1
    return level, reasons


def assess_readiness(
    standard: Standard,
    rubric: Rubric,
    answers: Answers,
    *,
    targets: Mapping[str, int] | None = None,
    verification: Verification | None = None,
    answers_sha256: str | None = None,
    inputs: list[InputDigest] | None = None,
) -> ReadinessResult:
    rules = rubric.readiness
    aliases = rubric.alias_index()
    given = {aliases.get(k, k): v for k, v in answers.answers.items()}
    verified = {aliases.get(k, k): v for k, v in (verification.findings if verification else {}).items()}
    start = answers.assessment.date
    targets = dict(targets or {})
    cap = rubric.scoring.unevidenced_cap

    judgements: list[dict[str, object]] = []
    not_applicable: list[Applicability] = []
    for q in rubric.questions:
        ans = given.get(q.id)
        target = targets.get(q.clause, rubric.target_level)
        v = verified.get(q.id)
        reasons: list[Reason] = []
        reviewed: list[str] = []
        counted: list[Evidence] = []
        if ans is not None and ans.na and not (v is not None and v.status == "disputed"):
            not_applicable.append(
                Applicability(question=q.id, clause=q.clause, justification=(ans.justification or "").strip())
            )
            judgements.append(
                {
                    "question": q.id,
                    "clause": q.clause,
                    "core": q.core,
                    "status": "na",
                    "target": target,
                    "self_level": None,
                    "judged_level": None,
                    "verification": v.status if v else None,
                    "verified_level": None,
                    "level": None,
                    "evidence_reviewed": [],
                    "evidence_counted": 0,
                    "reasons": [],
                }
            )
            continue
        status: Literal["scored", "na", "unanswered"]
        if ans is None or ans.level is None:
            self_level = None
            judged = rubric.scale.min
            if ans is not None and ans.na:
                status = "na"
                reasons.append(Reason(code="auditor_rejects_na"))
            else:
                status = "unanswered"
                reasons.append(Reason(code="not_answered", values={"level": judged}))
        else:
            status = "scored"
            self_level = ans.level
            reviewed = [ev.title for ev in ans.evidence]
            counted, dropped = _counted(ans.evidence, rubric, start)
            reasons.extend(dropped)
            judged, lowered = _judge(ans.level, counted, rubric)
            reasons.extend(lowered)
        level = judged
        verified_level = None
        if v is not None:
            if v.status == "verified" and self_level is not None:
                level = self_level
                verified_level = level
                reasons.append(Reason(code="auditor_verified", values={"level": level, "note": v.note or ""}))
            elif v.status == "not_verified":
                level = min(judged, cap)
                verified_level = level
                reasons.append(Reason(code="auditor_not_verified", values={"level": level, "note": v.note or ""}))
            elif v.status == "disputed" and v.level is not None:
                level = v.level
                verified_level = level
                reasons.append(Reason(code="auditor_disputed", values={"level": level, "note": v.note or ""}))
        downgraded = self_level is not None and level < self_level
        grade = next(
            (
                r.grade
                for r in rules.grading
                if _matches(r, level=level, target=target, core=q.core, downgraded=downgraded or status != "scored")
            ),
            None,
        )
        judgements.append(
            {
                "question": q.id,
                "clause": q.clause,
                "core": q.core,
                "status": status,
                "target": target,
                "self_level": self_level,
                "judged_level": judged,
                "verification": v.status if v else None,
                "verified_level": verified_level,
                "level": level,
                "evidence_reviewed": reviewed,
                "evidence_counted": len(counted),
                "reasons": reasons,
                "grade": grade,
            }
        )

    if rules.escalate_minors:
        minors = Counter(str(j["clause"]) for j in judgements if j.get("grade") == "minor")
        for j in judgements:
            n = minors[str(j["clause"])]
            if j.get("grade") == "minor" and n >= rules.escalate_minors:
                j["grade"] = "major"
                reasons_list = j["reasons"]
                assert isinstance(reasons_list, list)
                reasons_list.append(Reason(code="escalated", values={"clause": str(j["clause"]), "count": n}))

    due_from = verification.date if verification is not None else start
    final: list[Judgement] = []
    n = 0
    for raw in judgements:
        grade = cast(Grade | None, raw.get("grade"))
        finding_id = None
        due = None
        if grade is not None:
            n += 1
            finding_id = f"F-{n:03d}"
            days = rules.corrective_action_days.get(grade)
            due = due_from + dt.timedelta(days=days) if days else None
        final.append(Judgement.model_validate({**raw, "grade": grade, "finding_id": finding_id, "due": due}))

    counts: dict[Grade, int] = {g: sum(1 for j in final if j.grade == g) for g in GRADES}
    verdict: Verdict = "not_ready" if counts["major"] else "conditional" if counts["minor"] else "ready"
    verdict_reasons: list[Reason] = []
    for jd in final:
        if jd.grade in ("major", "minor"):
            verdict_reasons.append(
                Reason(
                    code=f"{jd.grade}_finding",
                    values={
                        "finding": jd.finding_id or "",
                        "question": jd.question,
                        "clause": jd.clause,
                        "core": "core" if jd.core else "",
                        "level": jd.level if jd.level is not None else "",
                        "target": jd.target,
                    },
                )
            )
    missing = [
        j.question for j in final if any(r.code in ("no_counted_evidence", "level_needs_evidence") for r in j.reasons)
    ]
    if missing:
        verdict_reasons.append(Reason(code="missing_evidence", values={"questions": ", ".join(missing)}))
    unanswered = [j.question for j in final if j.status == "unanswered"]
    if unanswered:
        verdict_reasons.append(Reason(code="unanswered", values={"questions": ", ".join(unanswered)}))

    return ReadinessResult(
        **references(standard, rubric, answers),
        inputs=list(inputs or []),
        verification=(
            VerificationRef(
                auditor=verification.auditor,
                date=verification.date,
                answers_match=(
                    None
                    if verification.answers_sha256 is None or answers_sha256 is None
                    else verification.answers_sha256 == answers_sha256
                ),
            )
            if verification is not None
            else None
        ),
        verdict=verdict,
        verdict_reasons=verdict_reasons,
        counts=counts,
        core_items=[q.id for q in rubric.questions if q.core],
        corrective_action_days=dict(rules.corrective_action_days),
        judgements=final,
        not_applicable=not_applicable,
    )


def readiness_json(result: ReadinessResult) -> str:
    return result.model_dump_json(indent=2, by_alias=True) + "\n"
