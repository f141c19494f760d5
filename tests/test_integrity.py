"""Every shipped catalogue, rubric and example is valid and cross-checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cxassess import checks
from cxassess.loading import Library, load, load_assessment
from cxassess.model import Rubric, Standard
from tests.conftest import REPO

STANDARDS = sorted((REPO / "standards").glob("*/*.yaml"))
RUBRICS = sorted((REPO / "rubrics").glob("*.yaml"))
EXAMPLES = sorted((REPO / "examples").glob("*/answers.yaml"))
TODAY = dt.date(2026, 11, 22)


def test_globs_are_not_empty() -> None:
    assert len(STANDARDS) >= 2 and len(RUBRICS) >= 2 and len(EXAMPLES) >= 3


@pytest.mark.parametrize("path", STANDARDS, ids=[p.parent.name for p in STANDARDS])
def test_standard_is_valid(path: Path) -> None:
    std = load(Standard, path).model
    assert checks.check_standard(std) == []
    for clause, _ in std.walk():
        assert clause.title.zh and clause.title.en and clause.summary.zh and clause.summary.en
        if not clause.clauses:
            assert clause.group in std.groups


def test_gbt42509_has_every_clause_of_the_tree_and_five_principles() -> None:
    std = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
    assert std.designation == "GB/T 42509-2023" and std.key == "gbt42509:2023"
    leaves = [c.id for c, _ in std.walk() if not c.clauses]
    assert leaves == [
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "6.1",
        "6.2",
        "6.3",
        "6.4",
        "6.5",
        "7.1",
        "7.2",
        "7.3",
        "7.4",
        "8.1",
        "8.2",
        "8.3",
    ]
    assert [c.id for c in std.clauses] == ["5", "6", "7", "8"]
    assert [p.title.zh for p in std.principles] == [
        "顾客需求引导",
        "高层领导重视",
        "多方协作共创",
        "注重循证决策",
        "持续改进提升",
    ]
    groups = {c.id: c.group for c, _ in std.walk() if not c.clauses}
    assert groups["5.4"] == "leadership" and groups["6.5"] == "risk" and groups["7.3"] == "insight"


@pytest.mark.parametrize("path", RUBRICS, ids=[p.stem for p in RUBRICS])
def test_rubric_is_valid_against_its_standard(path: Path) -> None:
    rub = load(Rubric, path).model
    std = Library().find_standard(rub.standard)
    assert std is not None, f"{path.name}: standard {rub.standard} not found"
    assert checks.check_rubric(rub, std.model) == []


def test_default_rubric_covers_every_clause_with_enough_questions() -> None:
    rub = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
    std = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
    counts = {c.id: 0 for c, _ in std.walk() if not c.clauses}
    for q in rub.questions:
        counts[q.clause] += 1
        assert q.principles, f"{q.id} evidences no principle"
        assert sorted(q.criteria) == [0, 1, 2, 3, 4, 5]
        assert not (q.core and q.na_allowed)
    assert all(n >= 2 for n in counts.values()), counts
    assert counts["7.3"] >= 3 and counts["8.1"] >= 3
    assert rub.scale.values() == [0, 1, 2, 3, 4, 5]
    assert sum(q.core for q in rub.questions) >= 5


def test_question_ids_follow_their_clause() -> None:
    rub = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
    for q in rub.questions:
        assert re.fullmatch(rf"Q-{re.escape(q.clause)}-\d\d", q.id), q.id


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_example_loads_cross_checks_and_is_complete(path: Path) -> None:
    a = load_assessment(path, today=TODAY)
    assert a.answers.model.organisation.name
    assert len(a.answers.model.answers) == len(a.rubric.model.questions)


def test_examples_differ_in_sector_and_maturity() -> None:
    from cxassess.scoring import score

    results = []
    for path in EXAMPLES:
        a = load_assessment(path, today=TODAY)
        results.append(score(a.standard.model, a.rubric.model, a.answers.model))
    sectors = {r.organisation.sector for r in results}
    percents = sorted(r.overall.percent or 0 for r in results)
    assert len(sectors) == len(results)
    assert percents[0] < 30 and percents[-1] > 65
    assert any(r.overall.counts.na and r.overall.counts.claimed_not_evidenced for r in results)


def test_every_shipped_file_validates(run_cli) -> None:
    r = run_cli("validate", "--lang", "en", REPO / "examples", REPO / "standards", REPO / "rubrics")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.strip() == "No problems found."
