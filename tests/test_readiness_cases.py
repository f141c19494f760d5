"""Data-driven readiness cases: tests/cases/readiness/*.yaml (answers, verification, expected)."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from cxassess.loading import load
from cxassess.model import Answers, Rubric, Standard, Verification
from cxassess.readiness import assess_readiness
from tests.conftest import DATA, REPO, TINY

CASES = sorted((REPO / "tests" / "cases" / "readiness").glob("*.yaml"))
STD = load(Standard, TINY / "standards/tiny/standard.yaml").model
RUB = load(Rubric, TINY / "rubrics/tiny-rubric.yaml").model


def test_cases_cover_every_verdict() -> None:
    verdicts = {yaml.safe_load(p.read_text(encoding="utf-8"))["expect"].get("verdict") for p in CASES}
    assert {"ready", "conditional", "not_ready"} <= verdicts


def _check(expected: Any, actual: Any, where: str) -> None:
    if isinstance(expected, dict):
        for k, v in expected.items():
            assert k in actual, f"{where}.{k} missing"
            _check(v, actual[k], f"{where}.{k}")
    elif isinstance(expected, dt.date):
        assert actual == expected.isoformat(), f"{where}: expected {expected}, got {actual}"
    else:
        assert actual == expected, f"{where}: expected {expected!r}, got {actual!r}"


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_readiness_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = copy.deepcopy(yaml.safe_load((DATA / "good_tiny_answers.yaml").read_text(encoding="utf-8")))
    for qid in case.get("remove", []):
        doc["answers"].pop(qid)
    doc["answers"].update(case.get("answers") or {})
    verification = None
    if "verification" in case:
        verification = Verification.model_validate(
            {
                "schema": "cxassess/verification/1",
                "auditor": "审核员",
                "date": dt.date(2026, 10, 5),
                "findings": case["verification"],
            }
        )
    result = assess_readiness(STD, RUB, Answers.model_validate(doc), verification=verification)
    actual = result.model_dump(mode="json", by_alias=True)
    actual["judgements"] = {
        j["question"]: {**j, "reasons": [r["code"] for r in j["reasons"]]} for j in actual["judgements"]
    }
    expect = dict(case["expect"])
    if "verdict_reasons" in expect:
        assert [r["code"] for r in actual["verdict_reasons"]] == expect.pop("verdict_reasons")
    _check(expect, actual, path.stem)
