"""Certification readiness: graded findings, system findings, a verdict and traceability.

Pure: no IO, no clock. Every rule comes from the rubric (``readiness`` and ``evidence`` blocks):

1. Effective levels come from the one evidence model (``cxassess.core.evidence``), the same the
   score uses; an auditor's verification, when given, overrides.
2. Unanswered questions are *not assessed*: never graded. If a core item or a declared
   requirement (strength ``shall`` or listed in ``requirements``) is unanswered the verdict is
   ``cannot_conclude``, unless a major finding already makes the organisation not
   ready (an answer still to come cannot undo a major, so leaving a core item blank never gives a
   milder verdict than answering it).
3. A finding takes the most severe grade among the ``grading`` rules whose conditions hold
   (``below``, ``core``, ``strength``, ``auditor``); every condition is downward closed in the
   level, so a higher level can never give a more severe grade. ``below: target`` is judged
   against the rubric's target level (the certification baseline): a targets file may raise a
   clause's target, and falling short of the raised aim is at most an observation, but it can
   never lower the baseline.
4. Escalation: when a clause holds ``escalate_minors`` or more findings of minor severity or
   worse, its minors become majors (a major and a minor count like two minors).
5. System rules (``system``) add findings about the management system as a whole: no counted
   evidence at all, a share of answered questions without counted evidence above a threshold,
   a clause where no answer reaches the rubric's target level. An organisation with no counted
   evidence is never ready nor conditionally ready, whatever the rubric declares.
6. Verdict: any major → not ready; else cannot conclude (a core item or a declared requirement
   unanswered); else any
   minor → ready subject to accepted action plans; else ready.
7. Grade wording: findings are labelled in the chosen vocabulary; a vocabulary marked
   ``requirements_only`` (nonconformity wording) applies only to items the rubric declares as
   requirements (strength ``shall`` or listed in ``requirements``); the others keep the default
   (gap) wording.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal, cast

from pydantic import Field

from cxassess.core.evidence import AnswerJudgement, EvidenceItem, Reason, judge_answers
from cxassess.core.model import (
    GRADE_RANK,
    GRADES,
    Answers,
    Grade,
    GradingRule,
    Question,
    Rubric,
    Standard,
    Strength,
    SystemRule,
    Verification,
)
from cxassess.core.provenance import InputDigest, Out, Traced, references, to_json

READINESS_SCHEMA = "cxassess/readiness/2"
Verdict = Literal["ready", "conditional", "not_ready", "cannot_conclude"]
VERDICTS: tuple[Verdict, ...] = ("ready", "conditional", "not_ready", "cannot_conclude")
IMPLICIT_FLOOR = SystemRule(when="no_counted_evidence", grade="major")


class Judgement(Out):
    question: str
    clause: str
    core: bool
    strength: Strength
    requirement: bool  # declared a requirement (strength shall, or listed by the rubric)
    status: Literal["scored", "na", "unanswered"]
    target: int
    self_level: int | None
    judged_level: int | None  # what the evidence rules alone support
    verification: Literal["verified", "not_verified", "disputed"] | None
    verified_level: int | None
    level: int | None
    evidence_reviewed: list[str]
    evidence_counted: int
    evidence_seen: list[str]  # what the auditor examined
    evidence: list[EvidenceItem]  # every item cited or seen, with whether it counted and why not
    verification_note: str
    reasons: list[Reason]
    grade: Grade | None
    escalated: bool
    vocabulary: str | None  # the vocabulary whose label this finding carries
    finding_id: str | None
    due: dt.date | None


class SystemFinding(Out):
    id: str
    rule: str
    grade: Grade
    clause: str | None
    values: dict[str, str | int]
    vocabulary: str | None
    due: dt.date | None


class ClauseStatement(Out):
    """What the readiness report says about one clause, conforming parts included."""

    clause: str
    target: int
    status: Literal["meets_target", "gaps", "not_assessed", "not_applicable"]
    meeting_target: list[str]
    findings: list[str]
    not_assessed: list[str]


class Applicability(Out):
    question: str
    clause: str
    justification: str


class Interviewee(Out):
    name: str
    role: str


class VerificationRef(Out):
    auditor: str
    date: dt.date
    started: dt.date
    team: list[str]
    interviewees: list[Interviewee]
    sampling: str
    answers_match: bool | None
    answers_named: bool = False  # the verification names its answers file (checked on reading)


class VocabularyInForce(Out):
    chosen: str | None  # the vocabulary asked for (or the rubric's default)
    default: str | None  # the wording used where the chosen one does not apply
    requirements_only: bool  # the chosen vocabulary applies to declared requirements only


class ReadinessResult(Traced):
    schema_: str = Field(default=READINESS_SCHEMA, alias="schema")
    verification: VerificationRef | None
    verdict: Verdict
    verdict_reasons: list[Reason]
    counts: dict[Grade, int]
    system_findings: list[SystemFinding]
    core_items: list[str]
    requirements: list[str]
    vocabulary: VocabularyInForce
    corrective_action_days: dict[Grade, int]
    due_from: dt.date
    judgements: list[Judgement]
    clauses: list[ClauseStatement]
    not_applicable: list[Applicability]
    not_assessed: list[str]

    def findings(self) -> list[Judgement]:
        return [j for j in self.judgements if j.grade is not None]


def _matches(
    rule: GradingRule, *, level: int, target: int, core: bool, strength: Strength, verification: str | None
) -> bool:
    if rule.core is not None and rule.core != core:
        return False
    if rule.auditor is not None and verification not in rule.auditor:
        return False
    if rule.strength is not None and strength not in rule.strength:
        return False
    if rule.below is not None:
        bound = target if rule.below == "target" else rule.below
        if not level < bound:
            return False
    return True


def grade_of(rubric: Rubric, q: Question, level: int, target: int, verification: str | None = None) -> Grade | None:
    """The most severe grade among the rules that hold for ``level`` and the auditor's outcome
    (None: no finding)."""
    best: Grade | None = None
    for rule in rubric.readiness.grading:
        holds = _matches(
            rule, level=level, target=target, core=q.core, strength=q.normative_strength, verification=verification
        )
        if holds and (best is None or GRADE_RANK[rule.grade] > GRADE_RANK[best]):
            best = rule.grade
    return best


def readiness_grade(
    rubric: Rubric, q: Question, level: int, target: int, verification: str | None = None
) -> Grade | None:
    """The grade of a finding for readiness. Against the rubric's target level (the certification
    baseline) the grading rules apply in full; where the organisation raised its target above the
    baseline, falling short of that higher aim is a gap against its own aim, never more than an
    observation (the more severe of the two is the grade)."""
    baseline = rubric.target_level
    grade = grade_of(rubric, q, level, min(target, baseline), verification)
    if target > baseline and level < target:
        own = grade_of(rubric, q, level, target, verification)
        if own is not None and GRADE_RANK[own] > GRADE_RANK["observation"]:
            own = "observation"
        if own is not None and (grade is None or GRADE_RANK[own] > GRADE_RANK[grade]):
            grade = own
    return grade


def vocabulary_in_force(rubric: Rubric, chosen: str | None) -> VocabularyInForce:
    vocabularies = rubric.readiness.vocabularies
    default = rubric.readiness.default_vocabulary
    if default is None:
        default = next((k for k, v in vocabularies.items() if not v.requirements_only), None)
    picked = chosen if chosen is not None else default
    only = bool(picked is not None and picked in vocabularies and vocabularies[picked].requirements_only)
    return VocabularyInForce(chosen=picked, default=default, requirements_only=only)


def is_requirement(rubric: Rubric, q: Question) -> bool:
    return q.normative_strength == "shall" or q.id in rubric.readiness.requirements


def _vocabulary_for(vocab: VocabularyInForce, requirement: bool) -> str | None:
    if vocab.requirements_only and not requirement:
        return vocab.default
    return vocab.chosen


def assess_readiness(
    standard: Standard,
    rubric: Rubric,
    answers: Answers,
    *,
    targets: Mapping[str, int] | None = None,
    verification: Verification | None = None,
    answers_sha256: str | None = None,
    vocabulary: str | None = None,
    judgements: dict[str, AnswerJudgement] | None = None,
    inputs: list[InputDigest] | None = None,
) -> ReadinessResult:
    """Judge readiness (canonical question ids; inputs assumed checked)."""
    rules = rubric.readiness
    targets = dict(targets or {})
    judged = judgements if judgements is not None else judge_answers(rubric, answers, verification)
    vocab = vocabulary_in_force(rubric, vocabulary)
    due_from = verification.date if verification is not None else answers.assessment.date

    def due(grade: Grade) -> dt.date | None:
        days = rules.corrective_action_days.get(grade)
        return due_from + dt.timedelta(days=days) if days else None

    raw: list[dict[str, object]] = []
    not_applicable: list[Applicability] = []
    given = answers.answers
    baseline = rubric.target_level
    for q in rubric.questions:
        j = judged[q.id]
        # a targets file sets the organisation's own aims: it may raise a clause's target, never
        # lower the certification baseline (the rubric's target level) the verdict is judged on
        target = max(targets.get(q.clause, baseline), baseline)
        requirement = is_requirement(rubric, q)
        if j.status == "na":
            a = given.get(q.id)
            not_applicable.append(
                Applicability(
                    question=q.id, clause=q.clause, justification=((a.justification or "") if a else "").strip()
                )
            )
        grade = (
            readiness_grade(rubric, q, j.level, target, j.verification)
            if j.status == "scored" and j.level is not None
            else None
        )
        raw.append(
            {
                "question": q.id,
                "clause": q.clause,
                "core": q.core,
                "strength": q.normative_strength,
                "requirement": requirement,
                "status": j.status,
                "target": target,
                "self_level": j.claimed,
                "judged_level": j.supported if j.claimed is None else min(j.claimed, j.supported or 0),
                "verification": j.verification,
                "verified_level": j.verified_level,
                "level": j.level if j.status == "scored" else None,
                "evidence_reviewed": [e.title for e in j.evidence if e.source == "answer"],
                "evidence_counted": j.counted,
                "evidence_seen": [e.title for e in j.evidence if e.source == "auditor"],
                "evidence": list(j.evidence),
                "verification_note": j.verification_note,
                "reasons": list(j.reasons),
                "grade": grade,
                "escalated": False,
            }
        )

    # escalation by combined severity within a clause
    if rules.escalate_minors:
        by_clause: dict[str, list[dict[str, object]]] = {}
        for r in raw:
            by_clause.setdefault(str(r["clause"]), []).append(r)
        for clause, items in by_clause.items():
            serious = [r for r in items if r["grade"] in ("major", "minor")]
            if len(serious) >= rules.escalate_minors and any(r["grade"] == "minor" for r in serious):
                for r in serious:
                    if r["grade"] == "minor":
                        r["grade"] = "major"
                        r["escalated"] = True
                        reasons = r["reasons"]
                        assert isinstance(reasons, list)
                        reasons.append(Reason(code="escalated", values={"clause": clause, "count": len(serious)}))

    final: list[Judgement] = []
    n = 0
    for r in raw:
        raw_grade = r["grade"]
        finding_id = None
        vocab_id = None
        due_date = None
        if raw_grade is not None:
            grade = cast(Grade, raw_grade)
            n += 1
            finding_id = f"F-{n:03d}"
            vocab_id = _vocabulary_for(vocab, bool(r["requirement"]))
            due_date = due(grade)
        final.append(Judgement.model_validate({**r, "finding_id": finding_id, "vocabulary": vocab_id, "due": due_date}))

    system = _system_findings(rubric, final, vocab, due)
    counts: dict[Grade, int] = {g: 0 for g in GRADES}
    for fj in final:
        if fj.grade is not None:
            counts[fj.grade] += 1
    for s in system:
        counts[s.grade] += 1

    # a core item or a declared requirement the assessment did not look at: the conclusion cannot
    # speak for it (an answer to come could give a minor or, beside another gap, a major)
    core_blank = [j.question for j in final if (j.core or j.requirement) and j.status == "unanswered"]
    verdict: Verdict
    if counts["major"]:  # no answer still to come can undo a major: leaving one blank never helps
        verdict = "not_ready"
    elif core_blank:
        verdict = "cannot_conclude"
    elif counts["minor"]:
        verdict = "conditional"
    else:
        verdict = "ready"

    verdict_reasons: list[Reason] = []
    if core_blank and verdict == "cannot_conclude":
        verdict_reasons.append(Reason(code="core_unanswered", values={"questions": ", ".join(core_blank)}))
    for severity in ("major", "minor"):  # the most severe first
        verdict_reasons += _severity_reasons(severity, system, final)
    if core_blank and verdict == "not_ready":
        verdict_reasons.append(Reason(code="core_unanswered_after_major", values={"questions": ", ".join(core_blank)}))
    missing = [j.question for j in final if j.status == "scored" and any(r.code == "capped" for r in j.reasons)]
    if missing:
        verdict_reasons.append(Reason(code="missing_evidence", values={"questions": ", ".join(missing)}))
    not_assessed = [j.question for j in final if j.status == "unanswered"]
    if not_assessed:
        verdict_reasons.append(Reason(code="not_assessed", values={"questions": ", ".join(not_assessed)}))

    v = verification
    return ReadinessResult(
        **references(standard, rubric, answers),
        inputs=list(inputs or []),
        verification=(
            VerificationRef(
                auditor=v.auditor,
                date=v.date,
                started=v.started or v.date,
                team=list(v.team),
                interviewees=[Interviewee(name=i.name, role=i.role) for i in v.interviewees],
                sampling=(v.sampling or "").strip(),
                answers_match=(
                    None if v.answers_sha256 is None or answers_sha256 is None else v.answers_sha256 == answers_sha256
                ),
                answers_named=bool(v.answers),
            )
            if v is not None
            else None
        ),
        verdict=verdict,
        verdict_reasons=verdict_reasons,
        counts=counts,
        system_findings=system,
        core_items=[q.id for q in rubric.questions if q.core],
        requirements=[q.id for q in rubric.questions if is_requirement(rubric, q)],
        vocabulary=vocab,
        corrective_action_days=dict(rules.corrective_action_days),
        due_from=due_from,
        judgements=final,
        clauses=_clause_statements(standard, final),
        not_applicable=not_applicable,
        not_assessed=not_assessed,
    )


def _system_findings(
    rubric: Rubric, judgements: list[Judgement], vocab: VocabularyInForce, due: object
) -> list[SystemFinding]:
    declared = list(rubric.readiness.system)
    if not any(r.when == "no_counted_evidence" for r in declared):
        declared.insert(0, IMPLICIT_FLOOR)
    answered = [j for j in judgements if j.status == "scored"]
    out: list[SystemFinding] = []
    assert callable(due)

    def add(rule: SystemRule, clause: str | None, values: dict[str, str | int]) -> None:
        out.append(
            SystemFinding(
                id=f"S-{len(out) + 1:02d}",
                rule=rule.when,
                grade=rule.grade,
                clause=clause,
                values=values,
                vocabulary=vocab.default if vocab.requirements_only else vocab.chosen,
                due=due(rule.grade),
            )
        )

    baseline = rubric.target_level
    for rule in declared:
        if rule.when == "no_counted_evidence":
            if answered and not any(j.evidence_counted for j in answered):
                add(rule, None, {"answered": len(answered)})
        elif rule.when == "unevidenced_share":
            if answered:
                bare = [j for j in answered if not j.evidence_counted]
                share = len(bare) / len(answered)
                if share > (rule.above or 0):
                    add(
                        rule,
                        None,
                        {
                            "bare": len(bare),
                            "answered": len(answered),
                            "percent": round(100 * share),
                            "threshold": round(100 * (rule.above or 0)),
                        },
                    )
        elif rule.when == "clause_below_target":
            by_clause: dict[str, list[Judgement]] = {}
            for j in judgements:
                by_clause.setdefault(j.clause, []).append(j)
            for clause, items in by_clause.items():
                answered_here = [j for j in items if j.status == "scored"]
                if not answered_here:
                    continue  # nothing of the clause was assessed: no conclusion on it
                # not in operation: no answer reaches the certification baseline (a target the
                # organisation raised above it is its own aim, not a sign the clause does not run)
                if not any(j.level is not None and j.level >= baseline for j in answered_here):
                    best = max((j.level for j in answered_here if j.level is not None), default=0)
                    add(rule, clause, {"clause": clause, "target": baseline, "best": best})
    return out


def _clause_statements(standard: Standard, judgements: list[Judgement]) -> list[ClauseStatement]:
    by_clause: dict[str, list[Judgement]] = {}
    for j in judgements:
        by_clause.setdefault(j.clause, []).append(j)
    out: list[ClauseStatement] = []
    for clause in standard.leaves():
        items = by_clause.get(clause.id)
        if not items:
            continue
        applicable = [j for j in items if j.status != "na"]
        meeting = [j.question for j in applicable if j.level is not None and j.level >= j.target]
        findings = [j.finding_id for j in applicable if j.finding_id]
        # an opportunity for improvement is kept apart from gaps: it never makes a clause fall short
        gaps = [j.finding_id for j in applicable if j.finding_id and j.grade != "ofi"]
        blank = [j.question for j in applicable if j.status == "unanswered"]
        status: Literal["meets_target", "gaps", "not_assessed", "not_applicable"]
        if not applicable:
            status = "not_applicable"
        elif len(blank) == len(applicable):
            status = "not_assessed"
        elif gaps or len(meeting) < len(applicable) - len(blank):
            status = "gaps"
        else:
            status = "meets_target"
        out.append(
            ClauseStatement(
                clause=clause.id,
                target=items[0].target,
                status=status,
                meeting_target=meeting,
                findings=[f for f in findings if f],
                not_assessed=blank,
            )
        )
    return out


def readiness_json(result: ReadinessResult) -> str:
    return to_json(result)


def _severity_reasons(severity: str, system: list[SystemFinding], final: list[Judgement]) -> list[Reason]:
    out = [
        Reason(code=f"system_{s.grade}", values={"finding": s.id, "rule": s.rule, **s.values})
        for s in system
        if s.grade == severity
    ]
    for jd in final:
        if jd.grade == severity:
            out.append(
                Reason(
                    code=f"{jd.grade}_finding" + ("_unverified" if jd.verification == "not_verified" else ""),
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
    return out
