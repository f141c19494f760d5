"""Properties of the judgement over generated answer sets (hypothesis).

Raising one answer or adding one valid evidence item never lowers a percent or a level, never
makes a finding more severe, never adds a major finding and never worsens the verdict; score and
readiness agree on every question's effective level and counted evidence; an assessment without
counted evidence is never ready or conditional; an incomplete assessment always carries its
coverage and is never presented as complete.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cxassess.core.model import Answers, Rubric, Standard
from cxassess.core.readiness import ReadinessResult, assess_readiness
from cxassess.core.scoring import Result, score
from cxassess.files.documents import load
from tests.conftest import REPO, TINY

DATE = dt.date(2026, 10, 1)
KINDS = ["document", "record", "interview", "observation", "data", "other"]
SEVERITY = {None: 0, "ofi": 1, "observation": 2, "minor": 3, "major": 4}
# worse to the right; with the same questions unanswered, a verdict only moves left or stays
VERDICT = {"ready": 0, "conditional": 1, "cannot_conclude": 2, "not_ready": 3}

RUBRICS = {
    "tiny": (
        load(Standard, TINY / "standards/tiny/standard.yaml").model,
        load(Rubric, TINY / "rubrics/tiny-rubric.yaml").model,
    ),
    "default-1.0.0": (
        load(Standard, REPO / "standards/gbt42509/standard.yaml").model,
        load(Rubric, REPO / "rubrics/gbt42509-default-1.0.0.yaml").model,
    ),
    "default-2.0.0": (
        load(Standard, REPO / "standards/gbt42509/standard.yaml").model,
        load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model,
    ),
}


def evidence_item() -> st.SearchStrategy[dict[str, Any]]:
    """Any evidence: recent, old, undated or dated after the assessment."""
    return st.fixed_dictionaries(
        {
            "title": st.sampled_from(["记录", "文件", "访谈", "数据"]),
            "kind": st.sampled_from(KINDS),
            "date": st.one_of(st.none(), st.integers(-20, 1500).map(lambda d: DATE - dt.timedelta(days=d))),
        }
    )


def valid_item() -> st.SearchStrategy[dict[str, Any]]:
    """Evidence that counts: dated within the last year, not after the assessment."""
    return st.fixed_dictionaries(
        {
            "title": st.just("新证据"),
            "kind": st.sampled_from(KINDS),
            "date": st.integers(0, 360).map(lambda d: DATE - dt.timedelta(days=d)),
        }
    )


@st.composite
def answer_sets(draw: st.DrawFn, name: str) -> dict[str, Any]:
    _, rub = RUBRICS[name]
    levels = rub.scale.values()
    answers: dict[str, Any] = {}
    for q in rub.questions:
        kind = draw(st.sampled_from(["level", "level", "level", "level", "blank", "na"]))
        if kind == "blank":
            continue
        if kind == "na" and q.na_allowed and not q.core:
            answers[q.id] = {"na": True, "justification": "不涉及"}
            continue
        answers[q.id] = {
            "level": draw(st.sampled_from(levels)),
            "evidence": draw(st.lists(evidence_item(), max_size=3)),
        }
    return answers


def build(name: str, answers: dict[str, Any]) -> tuple[Result, ReadinessResult]:
    std, rub = RUBRICS[name]
    model = Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {"id": "o", "name": "组织", "sector": "测试", "size": "small"},
            "assessment": {"date": DATE, "assessor": "a", "rubric": rub.id, "rubric_version": rub.version},
            "answers": answers,
        }
    )
    return score(std, rub, model), assess_readiness(std, rub, model)


def _not_worse(before: tuple[Result, ReadinessResult], after: tuple[Result, ReadinessResult]) -> None:
    r0, d0 = before
    r1, d1 = after
    pairs = [(r0.overall.percent, r1.overall.percent), (r0.overall.level, r1.overall.level)]
    pairs += [(a.percent, b.percent) for a, b in zip(r0.clauses, r1.clauses, strict=True)]
    pairs += [(a.level, b.level) for a, b in zip(r0.clauses, r1.clauses, strict=True)]
    pairs += [(a.percent, b.percent) for a, b in zip(r0.chapters, r1.chapters, strict=True)]
    pairs += [(a.level, b.level) for a, b in zip(r0.questions, r1.questions, strict=True)]
    for x, y in pairs:
        if x is not None and y is not None:
            assert y >= x
    for a, b in zip(d0.judgements, d1.judgements, strict=True):
        assert SEVERITY[b.grade] <= SEVERITY[a.grade], (a.question, a.grade, b.grade)
    assert d1.counts["major"] <= d0.counts["major"]
    assert VERDICT[d1.verdict] <= VERDICT[d0.verdict], (d0.verdict, d1.verdict)


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("name", list(RUBRICS))
@PROPERTY
@given(data=st.data())
def test_raising_one_answer_never_makes_anything_worse(name: str, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(name))
    top = max(RUBRICS[name][1].scale.values())
    raisable = [q for q, a in answers.items() if a.get("level") is not None and a["level"] < top]
    if not raisable:
        return
    qid = data.draw(st.sampled_from(raisable))
    raised = {**answers, qid: {**answers[qid], "level": answers[qid]["level"] + 1}}
    _not_worse(build(name, answers), build(name, raised))


@pytest.mark.parametrize("name", list(RUBRICS))
@PROPERTY
@given(data=st.data())
def test_adding_valid_evidence_never_makes_anything_worse(name: str, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(name))
    answered = [q for q, a in answers.items() if a.get("level") is not None and len(a["evidence"]) < 50]
    if not answered:
        return
    qid = data.draw(st.sampled_from(answered))
    item = data.draw(valid_item())
    more = {**answers, qid: {**answers[qid], "evidence": [*answers[qid]["evidence"], item]}}
    _not_worse(build(name, answers), build(name, more))


@pytest.mark.parametrize("name", list(RUBRICS))
@PROPERTY
@given(data=st.data())
def test_score_and_readiness_agree_and_the_floors_hold(name: str, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(name))
    result, ready = build(name, answers)
    for q, j in zip(result.questions, ready.judgements, strict=True):
        assert q.id == j.question
        assert q.level == j.level
        assert q.evidence_counted == j.evidence_counted
    if not any(j.evidence_counted for j in ready.judgements if j.status == "scored"):
        assert ready.verdict not in ("ready", "conditional")
    o = result.overall
    if o.counts.unanswered:
        assert o.provisional and not o.complete and o.band is None
        assert o.coverage.answered < o.coverage.applicable
        assert o.coverage.percent is not None and o.coverage.percent < 100
        assert all(j.grade is None for j in ready.judgements if j.status == "unanswered")
    core_blank = any(j.core and j.status == "unanswered" for j in ready.judgements)
    major = ready.counts["major"] > 0
    assert (ready.verdict == "cannot_conclude") == (core_blank and not major)
    assert (ready.verdict == "not_ready") == major


def _target_kinds(rub: Rubric) -> set[str]:
    """The kinds of evidence the target level's own requirements accept (empty: none declared)."""
    return {k for req in rub.evidence_rules().requirements(rub.target_level) for k in req.kinds}


@pytest.mark.parametrize("name", [n for n, (_, r) in RUBRICS.items() if _target_kinds(r)])
@PROPERTY
@given(data=st.data())
def test_a_paper_system_never_passes(name: str, data: st.DataObject) -> None:
    """Policies, procedures and testimony show a practice is written down or said to exist, not
    that it runs: with only kinds the target level does not accept, no answer reaches its target
    and the organisation is never ready nor conditionally ready, whatever it claims."""
    _, rub = RUBRICS[name]
    paper = [k for k in KINDS if k not in _target_kinds(rub)]
    answers = data.draw(answer_sets(name))
    for a in answers.values():
        for item in a.get("evidence", []):
            item["kind"] = data.draw(st.sampled_from(paper))
            item["date"] = DATE - dt.timedelta(days=data.draw(st.integers(0, 300)))
    result, ready = build(name, answers)
    assert all(q.level is None or q.level < rub.target_level for q in result.questions)
    assert ready.verdict not in ("ready", "conditional")


def test_undated_evidence_counts_only_where_the_rubric_says_so() -> None:
    """Dated is a condition of its own, with or without an age limit."""
    std, rub = RUBRICS["default-2.0.0"]
    answers = {q.id: {"level": 3, "evidence": [{"title": "记录", "kind": "record"}]} for q in rub.questions}
    for max_age in (36, None):
        for undated_counts in (False, True):
            rules = rub.evidence_rules().model_copy(
                update={"max_age_months": max_age, "undated_counts": undated_counts}
            )
            RUBRICS["_probe"] = (std, rub.model_copy(update={"evidence": rules}))
            try:
                result, _ = build("_probe", answers)
            finally:
                del RUBRICS["_probe"]
            assert all(q.evidence_counted == (1 if undated_counts else 0) for q in result.questions)
            assert all(q.level == (3 if undated_counts else 2) for q in result.questions)
