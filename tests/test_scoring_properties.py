"""Properties of scoring that must hold for any answers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cxassess.core.model import Answer, Answers, Evidence, Rubric, Standard
from cxassess.core.scoring import score
from cxassess.files.documents import load
from tests.conftest import REPO

STD = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
EV = Evidence(title="记录", kind="record", date=dt.date(2026, 1, 1))
HEAD = {
    "schema": "cxassess/answers/1",
    "organisation": {"id": "p", "name": "p", "sector": "s", "size": "small"},
    "assessment": {"date": dt.date(2026, 1, 2), "assessor": "a", "rubric": RUB.id, "rubric_version": RUB.version},
}


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, Answer]:
    out: dict[str, Answer] = {}
    for q in RUB.questions:
        kind = draw(st.sampled_from(["level", "level", "level", "na", "unanswered"]))
        if kind == "na" and q.na_allowed:
            out[q.id] = Answer(na=True, justification="n/a")
        elif kind == "unanswered":
            continue
        else:
            lvl = draw(st.integers(RUB.scale.min, RUB.scale.max))
            out[q.id] = Answer(level=lvl, evidence=[EV] if draw(st.booleans()) else [])
    return out


def _answers(items: dict[str, Answer]) -> Answers:
    return Answers.model_validate({**HEAD, "answers": items})


@settings(max_examples=150, deadline=None)
@given(answer_sets(), st.data())
def test_raising_any_one_answer_never_lowers_the_overall_score(items: dict[str, Answer], data: st.DataObject) -> None:
    raisable = [k for k, a in items.items() if a.level is not None and a.level < RUB.scale.max]
    if not raisable:
        return
    qid = data.draw(st.sampled_from(sorted(raisable)))
    before = score(STD, RUB, _answers(items))
    old = items[qid]
    assert old.level is not None
    new_level = data.draw(st.integers(old.level + 1, RUB.scale.max))
    raised = dict(items)
    raised[qid] = old.model_copy(update={"level": new_level})
    after = score(STD, RUB, _answers(raised))
    assert before.overall.percent is not None and after.overall.percent is not None
    assert after.overall.percent >= before.overall.percent
    assert (after.overall.level or 0) >= (before.overall.level or 0)
    c_before = before.clause(RUB.question_index()[qid].clause)
    c_after = after.clause(RUB.question_index()[qid].clause)
    assert (c_after.percent or 0) >= (c_before.percent or 0)


@settings(max_examples=60, deadline=None)
@given(answer_sets())
def test_percents_stay_within_0_and_100_and_counts_add_up(items: dict[str, Answer]) -> None:
    r = score(STD, RUB, _answers(items))
    c = r.overall.counts
    assert c.scored + c.na + c.unanswered == c.questions == len(RUB.questions)
    assert r.overall.complete == (c.unanswered == 0)
    for x in [*r.clauses, *r.chapters, *r.principles]:
        assert x.percent is None or 0 <= x.percent <= 100
    for cl in r.clauses:
        assert cl.level is None or cl.level == min(
            q.level for q in r.questions if q.clause == cl.id and q.level is not None
        )
