"""Every shipped catalogue, rubric and example is valid and cross-checked; the default rubric
2.0.0 meets the content rules (counts, normative strength, clause part, criteria and an
improvement for every level step, mappings, migration of every 1.0.0 id)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cxassess.core import checks
from cxassess.core.model import Rubric, Standard, Text
from cxassess.files.checking import load_assessment
from cxassess.files.documents import load
from cxassess.files.library import Library
from tests.conftest import REPO

STANDARDS = sorted((REPO / "standards").glob("*/*.yaml"))
RUBRICS = sorted((REPO / "rubrics").glob("*.yaml"))
EXAMPLES = sorted((REPO / "examples").glob("*/answers.yaml"))
TODAY = dt.date(2026, 11, 22)
STD = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
OLD = load(Rubric, REPO / "rubrics/gbt42509-default-1.0.0.yaml").model
LEAVES = [c.id for c in STD.leaves()]


def test_globs_are_not_empty() -> None:
    assert len(STANDARDS) >= 2 and len(RUBRICS) >= 3 and len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", STANDARDS, ids=[p.parent.name for p in STANDARDS])
def test_standard_is_valid(path: Path) -> None:
    std = load(Standard, path).model
    assert checks.check_standard(std) == []
    for clause, _ in std.walk():
        assert clause.title.zh and clause.title.en and clause.summary.zh and clause.summary.en


def test_gbt42509_has_every_clause_of_the_tree_and_chapter_4() -> None:
    assert STD.designation == "GB/T 42509-2023" and STD.key == "gbt42509:2023"
    assert LEAVES == [
        "5.1", "5.2", "5.3", "5.4", "6.1", "6.2", "6.3", "6.4", "6.5", "7.1", "7.2", "7.3", "7.4", "8.1", "8.2", "8.3",
    ]  # fmt: skip
    assert [c.id for c in STD.clauses] == ["5", "6", "7", "8"]
    assert STD.principles_chapter is not None and STD.principles_chapter.number == "4"
    assert STD.principles_chapter.title.zh == "顾客体验管理原则"
    assert [p.title.zh for p in STD.principles] == [
        "顾客需求引导",
        "高层领导重视",
        "多方协作共创",
        "注重循证决策",
        "持续改进提升",
    ]
    assert [p.id for p in STD.principles] == ["4.a", "4.b", "4.c", "4.d", "4.e"]
    assert [p.aliases for p in STD.principles] == [["P1"], ["P2"], ["P3"], ["P4"], ["P5"]]
    groups = {c.id: c.group for c in STD.leaves()}
    assert groups["5.4"] == "leadership" and groups["6.5"] == "risk" and groups["7.3"] == "insight"


def test_english_titles_keep_the_headings_verb() -> None:
    titles = {c.id: c.title.en for c in STD.leaves()}
    assert titles["5.1"].startswith("Identifying") and titles["5.2"].startswith("Determining")
    assert titles["5.3"].startswith("Establishing") and titles["6.2"].startswith("Allocating")
    assert titles["6.5"].startswith("Addressing") and titles["8.1"].startswith("Establishing")


def test_glossary_and_gbt19001_mapping() -> None:
    terms = {t.term.zh for t in STD.terms}
    for term in ("顾客体验", "顾客体验管理", "触点", "顾客旅程", "顾客之声", "痛点", "服务蓝图"):
        assert any(term in t for t in terms), term
    for t in STD.terms:
        assert t.definition.zh and t.definition.en
    for clause in STD.leaves():
        qms = [m for m in clause.mappings if m.standard == "GB/T 19001-2016"]
        assert qms and qms[0].clauses, f"{clause.id} has no GB/T 19001-2016 mapping"
    mapped = {c.id: [x for m in c.mappings if m.standard == "GB/T 19001-2016" for x in m.clauses] for c in STD.leaves()}
    assert "4.1" in mapped["5.1"] and "6.1" in mapped["6.5"] and "8.3" in mapped["7.1"]
    assert "9.2" in mapped["8.2"] and "9.3" in mapped["8.2"] and "8.4" in mapped["6.4"]


@pytest.mark.parametrize("path", RUBRICS, ids=[p.stem for p in RUBRICS])
def test_rubric_is_valid_against_its_standard(path: Path) -> None:
    rub = load(Rubric, path).model
    std = Library().find_standard(rub.standard)
    assert std is not None, f"{path.name}: standard {rub.standard} not found"
    assert checks.check_rubric(rub, std.model) == []


def test_default_rubric_2_counts() -> None:
    assert RUB.version == "2.0.0" and OLD.version == "1.0.0"
    counts = {cid: 0 for cid in LEAVES}
    for q in RUB.questions:
        counts[q.clause] += 1
    assert all(n >= 3 for n in counts.values()), counts
    assert counts["7.3"] >= 7
    assert all(counts[c] >= 4 for c in ("7.1", "7.2", "8.1", "6.5")), counts
    assert len(RUB.questions) >= 70
    assert RUB.scale.values() == [0, 1, 2, 3, 4, 5]


def _texts(q_text: Text | None) -> bool:
    return q_text is not None and bool(q_text.zh.strip()) and bool(q_text.en.strip())


@pytest.mark.parametrize("q", RUB.questions, ids=[q.id for q in RUB.questions])
def test_every_question_carries_strength_part_criteria_steps_and_prompts(q) -> None:
    assert re.fullmatch(rf"Q-{re.escape(q.clause)}-\d\d", q.id)
    assert q.strength in ("shall", "should", "may")
    assert _texts(q.part) and _texts(q.text) and _texts(q.evidence)
    assert sorted(q.criteria) == [0, 1, 2, 3, 4, 5]
    assert isinstance(q.improvement, dict) and sorted(q.improvement) == [1, 2, 3, 4, 5], "an action per level step"
    assert sorted(q.prompts) == ["frontline", "middle", "top"]
    assert q.principles
    assert not (q.core and q.na_allowed)
    assert (q.core_reason is not None) == q.core, "every core item is justified"
    assert (q.na_guidance is not None) == q.na_allowed, "N/A comes with guidance on when"
    for text in [q.text.zh, *(c.zh for c in q.criteria.values())]:
        for banned in ("客户", "经营评审", "社交聆听", "被同行参考", "行业标杆", "对外发布", "被他人借鉴"):
            assert banned not in text, (q.id, banned)


def test_core_items_cover_design_complaints_and_the_loop() -> None:
    core = {q.id: q for q in RUB.questions if q.core}
    assert 10 <= len(core) <= 24
    assert any(q.clause == "7.1" for q in core.values()), "experience design"
    assert any("投诉" in q.text.zh for q in core.values() if q.clause == "7.2"), "complaint handling"
    assert {q.clause for q in core.values()} >= {"5.4", "6.1", "7.3", "8.2", "8.3"}


def test_topics_the_expert_review_asked_for_are_covered() -> None:
    text = " ".join(q.text.zh + q.part.zh for q in RUB.questions if q.part is not None)
    for topic in (
        "个人信息",
        "渠道",
        "投诉",
        "细分",
        "旅程",
        "驱动",
        "期望",
        "竞争",
        "流失",
        "峰值",
        "培训",
        "文化",
        "管理评审",
        "内部审核",
    ):
        assert topic in text, topic
    assert any(q.strength == "shall" for q in RUB.questions), "the PIPL item is a legal requirement"


def test_metrics_are_defined_precisely() -> None:
    assert set(RUB.metrics) >= {"nps", "csat", "ces", "retention", "churn"}
    assert "promoters − detractors" in RUB.metrics["nps"].formula.en
    assert "4 and 5" in RUB.metrics["csat"].formula.en and "推荐者" in RUB.metrics["nps"].formula.zh
    assert RUB.metrics["ces"].scale is not None
    assert any(q.metrics for q in RUB.questions if q.clause == "8.1")


def test_every_old_question_id_maps_to_the_new_rubric() -> None:
    migration = next(m for m in RUB.migrations if m.from_version == "1.0.0")
    new_ids = {q.id for q in RUB.questions}
    for q in OLD.questions:
        assert migration.questions.get(q.id), f"{q.id} does not carry over"
        assert set(migration.questions[q.id]) <= new_ids


def test_action_owners_are_set_per_clause() -> None:
    owners = RUB.action_plan.owners
    assert all(cid in owners for cid in LEAVES)
    assert "人力资源" not in owners["6.1"].zh and "人力资源" not in owners["6.4"].zh


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_example_answers_the_current_rubric(path: Path) -> None:
    a = load_assessment(path, today=TODAY)
    assert a.answers.organisation.name
    assert a.rubric.model.version == "2.0.0"
    answered = len(a.answers.answers)
    assert answered >= len(a.rubric.model.questions) - 6


def test_examples_differ_in_sector_and_maturity() -> None:
    from cxassess.core.scoring import score

    results = []
    for path in EXAMPLES:
        a = load_assessment(path, today=TODAY)
        results.append(score(a.standard.model, a.rubric.model, a.answers))
    sectors = {r.organisation.sector for r in results}
    percents = sorted(r.overall.percent or 0 for r in results)
    assert len(sectors) == len(results)
    assert percents[0] < 35 and percents[-1] > 60
    assert any(r.overall.counts.claimed_not_evidenced for r in results)


def test_every_shipped_file_validates(run_cli) -> None:
    r = run_cli("validate", "--lang", "en", REPO / "examples", REPO / "standards", REPO / "rubrics")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == "No problems found."
