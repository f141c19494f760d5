"""Scoring: answers + rubric + standard → a typed result. Pure: no IO, no clock, no randomness.

Rules (each threshold comes from the rubric and is echoed in the result):

1. A question's effective level comes from the one evidence model (``cxassess.core.evidence``):
   the lower of the claimed level and the level its counted evidence supports; an auditor's
   verification, when given, overrides. A question's percent is its effective level over the
   top of the scale.
2. N/A answers are excluded and the remaining weights renormalised; a clause where more than
   ``low_coverage_na_share`` of its questions are N/A is flagged ``low_coverage``.
3. Unanswered questions are never scored as 0: they are excluded, counted and reported as
   coverage (answered / applicable, by count and by weight) beside every percent. A clause
   whose core item is unanswered has no percent or level (``core_unanswered``); an incomplete
   assessment has no band: its percent is provisional.
4. Clause percent = weighted mean of its questions; chapter percent = weighted mean of its
   clauses (``clause_weights``, default 1); overall = weighted mean of chapters
   (``chapter_weights``, default 1).
5. Maturity level (ISO 9004 manner): the highest level reached with no gap below it, i.e. the
   lowest effective level among a clause's scored questions; a chapter's level is the lowest of
   its clauses', the overall level the lowest of the chapters'.
6. Principle percent = weighted mean of the questions tagged with that principle; principle
   scores are reported beside, never inside, the overall score.
7. Every average is reported with its weakest member (question, clause); ties go to the one
   that comes first in the rubric.
8. Arithmetic is exact (integer fractions); percents are rounded half-up to two decimals only on output.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import StrEnum
from typing import Literal

from pydantic import Field

from cxassess.core.evidence import AnswerJudgement, judge_answers
from cxassess.core.model import Answers, Rubric, Standard, Verification
from cxassess.core.provenance import InputDigest, Out, Traced, references, to_json

RESULT_SCHEMA = "cxassess/result/2"
PERCENT_DIGITS = 2


class Flag(StrEnum):
    claimed_not_evidenced = "claimed_not_evidenced"  # the claim is above what counted evidence supports
    evidence_not_counted = "evidence_not_counted"  # an item is too old, undated or dated after the assessment
    low_coverage = "low_coverage"
    incomplete = "incomplete"
    core_unanswered = "core_unanswered"
    below_target = "below_target"
    verified = "verified"  # an auditor confirmed the answer (verified) or set its level (disputed)
    not_verified = "not_verified"  # the auditor could not confirm the answer: only what they saw counts


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


class Coverage(Out):
    """How much of a score rests on answers: answered over applicable (N/A excluded)."""

    questions: int
    applicable: int
    answered: int
    percent: float | None  # by count
    weighted_percent: float | None  # by the weights the score uses

    @property
    def complete(self) -> bool:
        return self.answered == self.applicable


class QuestionResult(Out):
    id: str
    clause: str
    principles: list[str]
    status: Literal["scored", "na", "unanswered"]
    claimed_level: int | None
    supported_level: int | None
    level: int | None
    percent: float | None
    weight: float
    core: bool
    evidence_count: int
    evidence_counted: int
    flags: list[Flag]
    cap_reasons: list[str]  # codes of why the level is below the claim (see the readiness reasons)


class ClauseResult(Out):
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
    coverage: Coverage
    flags: list[Flag]


class ChapterResult(Out):
    id: str
    number: str
    percent: float | None
    level: int | None
    band: Band | None
    weight: float
    weakest_clause: str | None
    clauses: list[str]
    coverage: Coverage
    flags: list[Flag]


class PrincipleResult(Out):
    id: str
    percent: float | None
    level: int | None
    questions: int
    weakest_question: str | None
    weakest_clause: str | None
    coverage: Coverage


class Counts(Out):
    questions: int
    scored: int
    na: int
    unanswered: int
    claimed_not_evidenced: int
    evidence_not_counted: int
    low_coverage_clauses: int
    below_target_clauses: int
    assessed_clauses: int


class Overall(Out):
    percent: float | None
    level: int | None
    band: Band | None  # only for a complete assessment
    weakest_clause: str | None
    complete: bool
    provisional: bool  # some questions are unanswered: the percent rests on part of the rubric
    coverage: Coverage
    counts: Counts


class Rules(Out):
    scale_min: int
    scale_max: int
    target_level: int
    evidence_required_from: int
    unevidenced_cap: int
    low_coverage_na_share: float
    max_age_months: int | None
    undated_counts: bool
    evidence_levels: dict[int, list[dict[str, object]]]
    level_rule: str
    bands: dict[str, float]


class Result(Traced):
    schema_: str = Field(default=RESULT_SCHEMA, alias="schema")
    verified: bool  # an auditor's verification file was applied
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


# Exact arithmetic on integers. An exact value is a pair (numerator, denominator > 0) in lowest
# terms; a weight (a float, so a binary fraction) is its integer ratio. A sum is brought to one
# common denominator and reduced once, which gives what adding fractions one by one gives.

Exact = tuple[int, int]
Weight = tuple[int, int]  # a weight's integer ratio


_SCALE: int = 10**PERCENT_DIGITS


def _pct(value: Exact | None) -> float | None:
    """Round an exact percent half-up (away from zero) to PERCENT_DIGITS for output: integer
    arithmetic, then one correctly rounded division (the float ``Decimal.quantize`` gives)."""
    if value is None:
        return None
    n, d = value
    q, r = divmod(abs(n) * _SCALE, d)
    if 2 * r >= d:
        q += 1
    return (q if n >= 0 else -q) / _SCALE


def _reduced(n: int, d: int) -> Exact:
    g = math.gcd(n, d)
    return (n // g, d // g) if g > 1 else (n, d)


def _weight_sum(weights: Iterable[Weight]) -> Exact:
    """The exact sum of weights."""
    ratios = list(weights)
    if not ratios:
        return (0, 1)
    nums, dens = zip(*ratios, strict=True)
    den = math.lcm(*dens)
    if den == 1:  # whole weights (the usual case)
        return (sum(nums), 1)
    return _reduced(sum(p * (den // q) for p, q in ratios), den)


def _share(part: Exact, whole: Exact) -> Exact | None:
    """``part / whole``, or None when ``whole`` is zero."""
    if not whole[0]:
        return None
    return _reduced(part[0] * whole[1], part[1] * whole[0])


def _weighted(items: list[tuple[Exact, Weight]]) -> Exact | None:
    """Exact weighted mean of (value, weight) pairs, or None when there is nothing to average."""
    if not items:
        return None
    wnum, wden = _weight_sum(w for _, w in items)
    if wnum <= 0:
        return None
    terms = [(n * p, d * q) for (n, d), (p, q) in items]
    den = math.lcm(*(d for _, d in terms))
    num = sum(n * (den // d) for n, d in terms)
    return _reduced(num * wden, den * wnum)


def _weakest(items: list[tuple[str, Exact | None]]) -> str | None:
    """The key of the lowest value (the first one on a tie)."""
    best: str | None = None
    bn, bd = 0, 1
    for key, value in items:
        if value is None:
            continue
        n, d = value
        if best is None or n * bd < bn * d:
            best, bn, bd = key, n, d
    return best


def _coverage(questions: int, applicable: int, answered: int, weighted: Exact | None) -> Coverage:
    return Coverage(
        questions=questions,
        applicable=applicable,
        answered=answered,
        percent=_pct((100 * answered, applicable)) if applicable else None,
        weighted_percent=_pct((100 * weighted[0], weighted[1])) if weighted is not None else None,
    )


_CAP_CODES = ("no_counted_evidence", "level_needs_evidence")


def _question_flags(j: AnswerJudgement) -> list[Flag]:
    flags: list[Flag] = []
    # the claim is above what the counted evidence supports - also after an auditor verified or
    # could not verify it (the auditor found no more evidence than the cap allows); a level the
    # auditor disputes is the auditor's finding, not a claim left unevidenced
    if j.status == "scored" and j.capped and j.verification != "disputed":
        flags.append(Flag.claimed_not_evidenced)
    if any(not e.counted and e.source == "answer" for e in j.evidence):
        flags.append(Flag.evidence_not_counted)
    if j.verified_level is not None:
        flags.append(Flag.not_verified if j.verification == "not_verified" else Flag.verified)
    return flags


def score(
    standard: Standard,
    rubric: Rubric,
    answers: Answers,
    *,
    targets: dict[str, int] | None = None,
    verification: Verification | None = None,
    judgements: dict[str, AnswerJudgement] | None = None,
    inputs: list[InputDigest] | None = None,
) -> Result:
    """Score one organisation's answers (canonical question ids; inputs assumed checked)."""
    rules = rubric.scoring
    top = rubric.scale.max
    bottom = rubric.scale.min
    span = top - bottom
    targets = dict(targets or {})
    judged = judgements if judgements is not None else judge_answers(rubric, answers, verification)

    questions: list[QuestionResult] = []
    exact_q: dict[str, Exact | None] = {}  # exact percents, by question id
    exact_c: dict[str, Exact | None] = {}  # … by clause id
    exact_ch: dict[str, Exact | None] = {}  # … by chapter id
    cover_c: dict[str, Exact | None] = {}  # weighted coverage, by clause id
    cover_ch: dict[str, Exact | None] = {}
    by_clause: dict[str, list[QuestionResult]] = {}
    aliases = standard.principle_aliases()
    level_percent: dict[int, Exact] = {}  # a level's exact percent of the scale
    for q in rubric.questions:
        j = judged[q.id]
        value: Exact | None = None
        if j.level is not None and j.status == "scored":
            value = level_percent.get(j.level)
            if value is None:
                value = level_percent[j.level] = _reduced(100 * (j.level - bottom), span)
        exact_q[q.id] = value
        qr = QuestionResult(
            id=q.id,
            clause=q.clause,
            principles=[aliases.get(t, t) for t in q.principles],
            status=j.status,
            claimed_level=j.claimed,
            supported_level=j.supported,
            level=j.level if j.status == "scored" else None,
            percent=_pct(value),
            weight=q.weight,
            core=q.core,
            evidence_count=sum(1 for e in j.evidence if e.source == "answer"),
            evidence_counted=j.counted,
            flags=_question_flags(j),
            cap_reasons=[r.code for r in j.reasons if r.code in _CAP_CODES] if j.capped else [],
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
        applicable = [q for q in qs if q.status != "na"]
        na = len(qs) - len(applicable)
        unanswered = sum(q.status == "unanswered" for q in qs)
        core_blank = any(q.core and q.status == "unanswered" for q in qs)
        values = [(v, q.weight.as_integer_ratio()) for q in scored if (v := exact_q[q.id]) is not None]
        mean = None if core_blank else _weighted(values)
        exact_c[clause.id] = mean
        w_all = _weight_sum(q.weight.as_integer_ratio() for q in applicable)
        w_done = _weight_sum(q.weight.as_integer_ratio() for q in scored)
        cover_c[clause.id] = _share(w_done, w_all)
        level = None if core_blank else min((q.level for q in scored if q.level is not None), default=None)
        target = targets.get(clause.id, rubric.target_level)
        flags: list[Flag] = []
        if na / len(qs) > rules.low_coverage_na_share:
            flags.append(Flag.low_coverage)
        if unanswered:
            flags.append(Flag.incomplete)
        if core_blank:
            flags.append(Flag.core_unanswered)
        if any(Flag.claimed_not_evidenced in q.flags for q in qs):
            flags.append(Flag.claimed_not_evidenced)
        if any(Flag.evidence_not_counted in q.flags for q in qs):
            flags.append(Flag.evidence_not_counted)
        if any(Flag.not_verified in q.flags for q in qs):
            flags.append(Flag.not_verified)
        if level is not None and level < target:
            flags.append(Flag.below_target)
        if scored and all(Flag.verified in q.flags for q in scored):  # the auditor confirmed every answer
            flags.append(Flag.verified)
        percent = _pct(mean)
        clauses.append(
            ClauseResult(
                id=clause.id,
                number=clause.number,
                chapter=chapter_of[clause.id],
                percent=percent,
                level=level,
                band=band_of(percent) if not unanswered else None,
                target=target,
                gap=None if level is None else max(0, target - level),
                weight=rules.clause_weights.get(clause.id, 1.0),
                weakest_question=_weakest([(q.id, exact_q[q.id]) for q in scored]),
                questions=len(qs),
                scored=len(scored),
                na=na,
                unanswered=unanswered,
                coverage=_coverage(len(qs), len(applicable), len(scored), cover_c[clause.id]),
                flags=flags,
            )
        )

    chapters: list[ChapterResult] = []
    for ch in standard.chapters():
        members = [c for c in clauses if c.chapter == ch.id]
        if not members:
            continue
        mean = _weighted([(v, c.weight.as_integer_ratio()) for c in members if (v := exact_c[c.id]) is not None])
        exact_ch[ch.id] = mean
        covered = [(v, c.weight.as_integer_ratio()) for c in members if (v := cover_c[c.id]) is not None]
        cover_ch[ch.id] = _weighted(covered)
        level = (
            None
            if any(Flag.core_unanswered in c.flags for c in members)
            else min((c.level for c in members if c.level is not None), default=None)
        )
        ch_flags: list[Flag] = []
        if any(Flag.incomplete in c.flags for c in members):
            ch_flags.append(Flag.incomplete)
        if any(Flag.low_coverage in c.flags for c in members):
            ch_flags.append(Flag.low_coverage)
        percent = _pct(mean)
        incomplete = Flag.incomplete in ch_flags
        chapters.append(
            ChapterResult(
                id=ch.id,
                number=ch.number,
                percent=percent,
                level=level,
                band=None if incomplete else band_of(percent),
                weight=rules.chapter_weights.get(ch.id, 1.0),
                weakest_clause=_weakest([(c.id, exact_c[c.id]) for c in members]),
                clauses=[c.id for c in members],
                coverage=_coverage(
                    sum(c.coverage.questions for c in members),
                    sum(c.coverage.applicable for c in members),
                    sum(c.coverage.answered for c in members),
                    cover_ch[ch.id],
                ),
                flags=ch_flags,
            )
        )

    principles: list[PrincipleResult] = []
    for p in standard.principles:
        tagged = [q for q in questions if p.id in q.principles]
        scored_p = [q for q in tagged if q.status == "scored"]
        applicable_p = [q for q in tagged if q.status != "na"]
        mean = _weighted([(v, q.weight.as_integer_ratio()) for q in scored_p if (v := exact_q[q.id]) is not None])
        w_all = _weight_sum(q.weight.as_integer_ratio() for q in applicable_p)
        w_done = _weight_sum(q.weight.as_integer_ratio() for q in scored_p)
        principles.append(
            PrincipleResult(
                id=p.id,
                percent=_pct(mean),
                level=min((q.level for q in scored_p if q.level is not None), default=None),
                questions=len(tagged),
                weakest_question=_weakest([(q.id, exact_q[q.id]) for q in scored_p]),
                weakest_clause=_weakest([(cid, exact_c.get(cid)) for cid in dict.fromkeys(q.clause for q in scored_p)]),
                coverage=_coverage(len(tagged), len(applicable_p), len(scored_p), _share(w_done, w_all)),
            )
        )

    mean = _weighted([(v, c.weight.as_integer_ratio()) for c in chapters if (v := exact_ch[c.id]) is not None])
    unanswered_total = sum(q.status == "unanswered" for q in questions)
    overall_pct = _pct(mean)
    overall_cover = _weighted([(v, c.weight.as_integer_ratio()) for c in chapters if (v := cover_ch[c.id]) is not None])
    complete = unanswered_total == 0
    overall = Overall(
        percent=overall_pct,
        level=(
            None
            if any(c.level is None and Flag.core_unanswered in c.flags for c in clauses)
            else min((c.level for c in chapters if c.level is not None), default=None)
        ),
        band=band_of(overall_pct) if complete else None,
        weakest_clause=_weakest([(c.id, exact_c[c.id]) for c in clauses]),
        complete=complete,
        provisional=not complete,
        coverage=_coverage(
            len(questions),
            sum(q.status != "na" for q in questions),
            sum(q.status == "scored" for q in questions),
            overall_cover,
        ),
        counts=Counts(
            questions=len(questions),
            scored=sum(q.status == "scored" for q in questions),
            na=sum(q.status == "na" for q in questions),
            unanswered=unanswered_total,
            claimed_not_evidenced=sum(Flag.claimed_not_evidenced in q.flags for q in questions),
            evidence_not_counted=sum(Flag.evidence_not_counted in q.flags for q in questions),
            low_coverage_clauses=sum(Flag.low_coverage in c.flags for c in clauses),
            below_target_clauses=sum(Flag.below_target in c.flags for c in clauses),
            assessed_clauses=sum(c.percent is not None for c in clauses),
        ),
    )
    ev = rubric.evidence_rules()
    return Result(
        **references(standard, rubric, answers),
        inputs=list(inputs or []),
        verified=verification is not None,
        rules=Rules(
            scale_min=bottom,
            scale_max=top,
            target_level=rubric.target_level,
            evidence_required_from=rules.evidence_required_from,
            unevidenced_cap=rules.unevidenced_cap,
            low_coverage_na_share=rules.low_coverage_na_share,
            max_age_months=ev.max_age_months,
            undated_counts=ev.undated_counts,
            evidence_levels={level: [r.model_dump() for r in ev.requirements(level)] for level in sorted(ev.levels)},
            level_rule="lowest effective level among scored questions (highest level reached with no gap below)",
            bands={b.value: floor for floor, b in BAND_FLOORS},
        ),
        overall=overall,
        chapters=chapters,
        clauses=clauses,
        principles=principles,
        questions=questions,
    )


def result_json(result: Result) -> str:
    """The versioned JSON form of a result: stable key order, UTF-8, newline-terminated."""
    return to_json(result)
