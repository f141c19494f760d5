"""Scoring: answers + rubric + standard → a typed result. Pure: no IO, no clock, no randomness.

Rules (each threshold comes from the rubric's ``scoring`` block and is echoed in the result):

1. A question's percent is its effective level over the top of the scale.
2. A level at or above ``evidence_required_from`` claimed with no evidence record is capped
   at ``unevidenced_cap`` and flagged ``claimed_not_evidenced``.
3. N/A answers are excluded and the remaining weights renormalised; a clause where more than
   ``low_coverage_na_share`` of its questions are N/A is flagged ``low_coverage``.
4. Unanswered questions are never scored as 0: they are excluded, the clause and the
   assessment are flagged ``incomplete`` and counted.
5. Clause percent = weighted mean of its questions; chapter percent = weighted mean of its
   clauses (``clause_weights``, default 1); overall = weighted mean of chapters
   (``chapter_weights``, default 1).
6. Maturity level (ISO 9004 manner): the highest level reached with no gap below it, i.e. the
   lowest effective level among a clause's scored questions; a chapter's level is the lowest of
   its clauses', the overall level the lowest of the chapters'.
7. Principle percent = weighted mean of the questions tagged with that principle; principle
   scores are reported beside, never inside, the overall score.
8. Every average is reported with its weakest member (question, clause); ties go to the one
   that comes first in the rubric.
9. Arithmetic is exact (fractions); percents are rounded half-up to two decimals only on output.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field

from cxassess import __version__
from cxassess.model import Answer, Answers, Rubric, Standard

RESULT_SCHEMA = "cxassess/result/1"
PERCENT_DIGITS = 2


class Flag(StrEnum):
    claimed_not_evidenced = "claimed_not_evidenced"
    low_coverage = "low_coverage"
    incomplete = "incomplete"
    below_target = "below_target"


class Band(StrEnum):
    """Percentage bands in the manner of EFQM RADAR / Baldrige."""

    none = "none"  # 0–9
    limited = "limited"  # 10–39
    partial = "partial"  # 40–69
    substantial = "substantial"  # 70–89
    comprehensive = "comprehensive"  # 90–100


BAND_FLOORS: tuple[tuple[float, Band], ...] = (
    (90.0, Band.comprehensive),
    (70.0, Band.substantial),
    (40.0, Band.partial),
    (10.0, Band.limited),
    (0.0, Band.none),
)


def band_of(percent: float | None) -> Band | None:
    if percent is None:
        return None
    for floor, band in BAND_FLOORS:
        if percent >= floor:
            return band
    return Band.none


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class InputDigest(_Out):
    role: Literal["standard", "rubric", "answers", "targets", "verification"]
    name: str
    sha256: str


class QuestionResult(_Out):
    id: str
    clause: str
    principles: list[str]
    status: Literal["scored", "na", "unanswered"]
    claimed_level: int | None
    level: int | None
    percent: float | None
    weight: float
    core: bool
    evidence_count: int
    flags: list[Flag]


class ClauseResult(_Out):
    id: str
    number: str
    chapter: str
    percent: float | None
    level: int | None
    band: Band | None
    target: int
    gap: int | None
    weight: float
    weakest_question: str | None
    questions: int
    scored: int
    na: int
    unanswered: int
    flags: list[Flag]


class ChapterResult(_Out):
    id: str
    number: str
    percent: float | None
    level: int | None
    band: Band | None
    weight: float
    weakest_clause: str | None
    clauses: list[str]
    flags: list[Flag]


class PrincipleResult(_Out):
    id: str
    percent: float | None
    level: int | None
    questions: int
    weakest_question: str | None
    weakest_clause: str | None


class Counts(_Out):
    questions: int
    scored: int
    na: int
    unanswered: int
    claimed_not_evidenced: int
    low_coverage_clauses: int


class Overall(_Out):
    percent: float | None
    level: int | None
    band: Band | None
    weakest_clause: str | None
    complete: bool
    counts: Counts


class Rules(_Out):
    scale_min: int
    scale_max: int
    target_level: int
    evidence_required_from: int
    unevidenced_cap: int
    low_coverage_na_share: float
    level_rule: str
    bands: dict[str, float]


class StandardRef(_Out):
    id: str
    designation: str
    edition: str


class RubricRef(_Out):
    id: str
    version: str


class OrgRef(_Out):
    id: str
    name: str
    sector: str
    size: str


class AssessmentRef(_Out):
    date: dt.date
    assessor: str


class Traced(_Out):
    """What every result records to be traced to its inputs: format, engine, standard, rubric,
    organisation, assessment and the digest of every input file."""

    schema_: str = Field(alias="schema")
    engine: str
    standard: StandardRef
    rubric: RubricRef
    organisation: OrgRef
    assessment: AssessmentRef
    inputs: list[InputDigest]


class Result(Traced):
    schema_: str = Field(default=RESULT_SCHEMA, alias="schema")
    rules: Rules
    overall: Overall
    chapters: list[ChapterResult]
    clauses: list[ClauseResult]
    principles: list[PrincipleResult]
    questions: list[QuestionResult]

    def clause(self, cid: str) -> ClauseResult:
        return next(c for c in self.clauses if c.id == cid)

    def question(self, qid: str) -> QuestionResult:
        return next(q for q in self.questions if q.id == qid)


def _pct(value: Fraction | None) -> float | None:
    """Round an exact percent half-up to PERCENT_DIGITS for output."""
    if value is None:
        return None
    q = Decimal(value.numerator) / Decimal(value.denominator)
    return float(q.quantize(Decimal(1).scaleb(-PERCENT_DIGITS), rounding=ROUND_HALF_UP))


def _weighted(items: list[tuple[Fraction, float]]) -> Fraction | None:
    """Exact weighted mean of (value, weight) pairs, or None when there is nothing to average."""
    pairs = [(v, Fraction(w)) for v, w in items]
    total = sum((w for _, w in pairs), Fraction(0))
    if not pairs or total <= 0:
        return None
    return sum((v * w for v, w in pairs), Fraction(0)) / total


def _weakest(items: list[tuple[str, Fraction | None]]) -> str | None:
    best: tuple[Fraction, str] | None = None
    for key, value in items:
        if value is None:
            continue
        if best is None or value < best[0]:
            best = (value, key)
    return None if best is None else best[1]


def _score_question(
    answer: Answer | None, rubric: Rubric
) -> tuple[Literal["scored", "na", "unanswered"], int | None, int | None, list[Flag]]:
    rules = rubric.scoring
    if answer is None or (answer.level is None and not answer.na):
        return "unanswered", None, None, []
    if answer.na:
        return "na", None, None, []
    claimed = answer.level
    assert claimed is not None
    effective = claimed
    flags: list[Flag] = []
    if claimed >= rules.evidence_required_from and not answer.evidence:
        effective = min(claimed, rules.unevidenced_cap)
        flags.append(Flag.claimed_not_evidenced)
    return "scored", claimed, effective, flags


def score(
    standard: Standard,
    rubric: Rubric,
    answers: Answers,
    *,
    targets: Mapping[str, int] | None = None,
    inputs: list[InputDigest] | None = None,
) -> Result:
    """Score one organisation's answers. Inputs are assumed to have passed the checks."""
    rules = rubric.scoring
    top = rubric.scale.max
    bottom = rubric.scale.min
    span = top - bottom
    aliases = rubric.alias_index()
    given: dict[str, Answer] = {aliases.get(k, k): v for k, v in answers.answers.items()}
    targets = dict(targets or {})

    questions: list[QuestionResult] = []
    exact_q: dict[str, Fraction | None] = {}  # exact percents, by question id
    exact_c: dict[str, Fraction | None] = {}  # … by clause id
    exact_ch: dict[str, Fraction | None] = {}  # … by chapter id
    by_clause: dict[str, list[QuestionResult]] = {}
    for q in rubric.questions:
        answer = given.get(q.id)
        status, claimed, effective, q_flags = _score_question(answer, rubric)
        value = None if effective is None else Fraction(100 * (effective - bottom), span)
        exact_q[q.id] = value
        percent = _pct(value)
        qr = QuestionResult(
            id=q.id,
            clause=q.clause,
            principles=list(q.principles),
            status=status,
            claimed_level=claimed,
            level=effective,
            percent=percent,
            weight=q.weight,
            core=q.core,
            evidence_count=len(answer.evidence) if answer is not None else 0,
            flags=q_flags,
        )
        questions.append(qr)
        by_clause.setdefault(q.clause, []).append(qr)

    chapter_of = standard.chapter_of()
    clauses: list[ClauseResult] = []
    for clause, _chapter in standard.walk():
        qs = by_clause.get(clause.id)
        if not qs:
            continue
        scored = [q for q in qs if q.status == "scored"]
        na = sum(q.status == "na" for q in qs)
        unanswered = sum(q.status == "unanswered" for q in qs)
        mean = _weighted([(v, q.weight) for q in scored if (v := exact_q[q.id]) is not None])
        exact_c[clause.id] = mean
        level = min((q.level for q in scored if q.level is not None), default=None)
        target = targets.get(clause.id, rubric.target_level)
        flags: list[Flag] = []
        if na / len(qs) > rules.low_coverage_na_share:
            flags.append(Flag.low_coverage)
        if unanswered:
            flags.append(Flag.incomplete)
        if any(Flag.claimed_not_evidenced in q.flags for q in qs):
            flags.append(Flag.claimed_not_evidenced)
        if level is not None and level < target:
            flags.append(Flag.below_target)
        percent = _pct(mean)
        clauses.append(
            ClauseResult(
                id=clause.id,
                number=clause.number,
                chapter=chapter_of[clause.id],
                percent=percent,
                level=level,
                band=band_of(percent),
                target=target,
                gap=None if level is None else max(0, target - level),
                weight=rules.clause_weights.get(clause.id, 1.0),
                weakest_question=_weakest([(q.id, exact_q[q.id]) for q in scored]),
                questions=len(qs),
                scored=len(scored),
                na=na,
                unanswered=unanswered,
                flags=flags,
            )
        )

    chapters: list[ChapterResult] = []
    for ch in standard.chapters():
        members = [c for c in clauses if c.chapter == ch.id]
        if not members:
            continue
        mean = _weighted([(v, c.weight) for c in members if (v := exact_c[c.id]) is not None])
        exact_ch[ch.id] = mean
        level = min((c.level for c in members if c.level is not None), default=None)
        ch_flags: list[Flag] = []
        if any(Flag.incomplete in c.flags for c in members):
            ch_flags.append(Flag.incomplete)
        if any(Flag.low_coverage in c.flags for c in members):
            ch_flags.append(Flag.low_coverage)
        percent = _pct(mean)
        chapters.append(
            ChapterResult(
                id=ch.id,
                number=ch.number,
                percent=percent,
                level=level,
                band=band_of(percent),
                weight=rules.chapter_weights.get(ch.id, 1.0),
                weakest_clause=_weakest([(c.id, exact_c[c.id]) for c in members]),
                clauses=[c.id for c in members],
                flags=ch_flags,
            )
        )

    principles: list[PrincipleResult] = []
    for p in standard.principles:
        tagged = [q for q in questions if p.id in q.principles]
        scored_p = [q for q in tagged if q.status == "scored"]
        mean = _weighted([(v, q.weight) for q in scored_p if (v := exact_q[q.id]) is not None])
        weakest_q = _weakest([(q.id, exact_q[q.id]) for q in scored_p])
        weakest_c = _weakest([(cid, exact_c.get(cid)) for cid in dict.fromkeys(q.clause for q in scored_p)])
        principles.append(
            PrincipleResult(
                id=p.id,
                percent=_pct(mean),
                level=min((q.level for q in scored_p if q.level is not None), default=None),
                questions=len(tagged),
                weakest_question=weakest_q,
                weakest_clause=weakest_c,
            )
        )

    mean = _weighted([(v, c.weight) for c in chapters if (v := exact_ch[c.id]) is not None])
    unanswered_total = sum(q.status == "unanswered" for q in questions)
    overall_pct = _pct(mean)
    overall = Overall(
        percent=overall_pct,
        level=min((c.level for c in chapters if c.level is not None), default=None),
        band=band_of(overall_pct),
        weakest_clause=_weakest([(c.id, exact_c[c.id]) for c in clauses]),
        complete=unanswered_total == 0,
        counts=Counts(
            questions=len(questions),
            scored=sum(q.status == "scored" for q in questions),
            na=sum(q.status == "na" for q in questions),
            unanswered=unanswered_total,
            claimed_not_evidenced=sum(Flag.claimed_not_evidenced in q.flags for q in questions),
            low_coverage_clauses=sum(Flag.low_coverage in c.flags for c in clauses),
        ),
    )
    return Result(
        **references(standard, rubric, answers),
        inputs=list(inputs or []),
        rules=Rules(
            scale_min=bottom,
            scale_max=top,
            target_level=rubric.target_level,
            evidence_required_from=rules.evidence_required_from,
            unevidenced_cap=rules.unevidenced_cap,
            low_coverage_na_share=rules.low_coverage_na_share,
            level_rule="lowest effective level among scored questions (highest level reached with no gap below)",
            bands={b.value: floor for floor, b in BAND_FLOORS},
        ),
        overall=overall,
        chapters=chapters,
        clauses=clauses,
        principles=principles,
        questions=questions,
    )


class References(TypedDict):
    engine: str
    standard: StandardRef
    rubric: RubricRef
    organisation: OrgRef
    assessment: AssessmentRef


def references(standard: Standard, rubric: Rubric, answers: Answers) -> References:
    """What every result records about its inputs: engine, standard, rubric, organisation, date."""
    org = answers.organisation
    return {
        "engine": f"cxassess {__version__}",
        "standard": StandardRef(id=standard.id, designation=standard.designation, edition=standard.edition),
        "rubric": RubricRef(id=rubric.id, version=rubric.version),
        "organisation": OrgRef(id=org.id, name=org.name, sector=org.sector, size=org.size),
        "assessment": AssessmentRef(date=answers.assessment.date, assessor=answers.assessment.assessor),
    }


def result_json(result: Result) -> str:
    """The versioned JSON form of a result: stable key order, UTF-8, newline-terminated."""
    return result.model_dump_json(indent=2, by_alias=True) + "\n"
