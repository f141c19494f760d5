"""Data-driven scoring cases: tests/cases/scoring/*.yaml (answers + expected results)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxassess.core.model import Answers, Rubric, Standard, Targets
from cxassess.core.scoring import Result, score
from cxassess.files.documents import load
from tests.conftest import DATA, REPO, TINY

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
    doc["assessment"]["rubric"] = rub.id
    doc["assessment"]["rubric_version"] = rub.version
    answers = Answers.model_validate(doc)
    targets = None
    if "targets" in case:
        t = Targets.model_validate({"schema": "cxassess/targets/1", **case["targets"]})
        base = t.default if t.default is not None else rub.target_level
        targets = {c.id: base for c, _ in std.walk() if not c.clauses} | dict(t.clauses)
    result: Result = score(std, rub, answers, targets=targets)
    actual = result.model_dump(mode="json", by_alias=True)
    for key in ("clauses", "chapters", "principles", "questions"):
        actual[key] = _by_id(actual[key])
    _assert_subset(case["expect"], actual, path.stem)
    if case["expect"].get("principles") == {}:
        assert actual["principles"] == {}, "a catalogue without principles has no principle scores"


def test_good_tiny_answers_file_is_the_base_of_the_cases() -> None:
    assert (DATA / "good_tiny_answers.yaml").is_file()
