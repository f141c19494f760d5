"""Data-driven scoring cases: tests/cases/scoring/*.yaml (answers + expected results).

Besides ``answers``, ``remove``, ``targets``, ``standard``/``rubric`` and ``base``, a case may give
``verification`` (an auditor's findings, dated ``verification_date``, 2026-10-05 unless told) and
``migrate_from`` (the answers are on that older rubric file and are carried over with
``cxassess migrate``'s rules before scoring; ``expect.migrated`` then checks the carried answers
and ``dropped``). ``expect.actions`` lists the action plan's rows in order (each row as a subset;
the plan has exactly that many rows).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxassess.core.actions import action_plan
from cxassess.core.migration import carry_over, migration_from
from cxassess.core.model import Answers, Rubric, Standard, Targets
from cxassess.core.scoring import Result, score
from cxassess.files.documents import load
from tests.conftest import DATA, REPO, TINY, case_verification

CASES = sorted((REPO / "tests" / "cases" / "scoring").glob("*.yaml"))


def test_cases_exist() -> None:
    assert len(CASES) >= 6


def _by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def _assert_subset(expected: Any, actual: Any, where: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{where}: expected a mapping, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{where}.{key}: missing from the result"
            _assert_subset(value, actual[key], f"{where}.{key}")
    elif isinstance(expected, dt.date):
        assert actual == expected.isoformat(), f"{where}: expected {expected}, got {actual!r}"
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


def _case_answers(case: dict[str, Any]) -> dict[str, Any]:
    base_path = case.get("base", "tests/data/good_tiny_answers.yaml")
    if base_path is None:
        doc: dict[str, Any] = {
            "schema": "cxassess/answers/1",
            "organisation": case["organisation"],
            "assessment": {"date": dt.date(2026, 10, 1), "assessor": "t", "rubric": "", "rubric_version": ""},
            "answers": {},
        }
    else:
        doc = yaml.safe_load((REPO / base_path).read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    for qid in case.get("remove", []):
        doc["answers"].pop(qid, None)
    doc["answers"].update(case.get("answers") or {})
    return doc


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_scoring_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    std = load(Standard, REPO / case.get("standard", TINY / "standards/tiny/standard.yaml")).model
    rub = load(Rubric, REPO / case.get("rubric", TINY / "rubrics/tiny-rubric.yaml")).model
    doc = _case_answers(case)
    expect = dict(case["expect"])
    if "migrate_from" in case:
        old = load(Rubric, REPO / case["migrate_from"]).model
        doc["assessment"]["rubric"], doc["assessment"]["rubric_version"] = old.id, old.version
        migration = migration_from(rub, old.version)
        assert migration is not None, f"{rub.id} {rub.version} declares no migration from {old.version}"
        carried = carry_over(Answers.model_validate(doc), rub, migration)
        answers = carried.answers
        migrated = {
            "answers": {
                k: {"level": a.level, "na": a.na, "evidence": len(a.evidence)} for k, a in answers.answers.items()
            },
            "dropped": [list(d) for d in carried.dropped],
            "sources": carried.sources,
        }
        _assert_subset(expect.pop("migrated", {}), migrated, f"{path.stem}.migrated")
    else:
        doc["assessment"]["rubric"] = rub.id
        doc["assessment"]["rubric_version"] = rub.version
        answers = Answers.model_validate(doc)
    verification = case_verification(case)
    targets = None
    if "targets" in case:
        t = Targets.model_validate({"schema": "cxassess/targets/1", **case["targets"]})
        base = t.default if t.default is not None else rub.target_level
        targets = {c.id: base for c, _ in std.walk() if not c.clauses} | dict(t.clauses)
    result: Result = score(std, rub, answers, targets=targets, verification=verification)
    actual = result.model_dump(mode="json", by_alias=True)
    for key in ("clauses", "chapters", "principles", "questions"):
        actual[key] = _by_id(actual[key])
    if "actions" in expect:
        rows = [row.model_dump(mode="json") for row in action_plan(result, rub, std)]
        wanted = expect.pop("actions")
        assert [r["question"] for r in rows] == [w["question"] for w in wanted], f"{path.stem}.actions: order"
        for i, (want, row) in enumerate(zip(wanted, rows, strict=True)):
            _assert_subset(want, row, f"{path.stem}.actions[{i}]")
    _assert_subset(expect, actual, path.stem)
    if case["expect"].get("principles") == {}:
        assert actual["principles"] == {}, "a catalogue without principles has no principle scores"


def test_good_tiny_answers_file_is_the_base_of_the_cases() -> None:
    assert (DATA / "good_tiny_answers.yaml").is_file()
