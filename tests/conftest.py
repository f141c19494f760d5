from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cxassess.cli import cli
from cxassess.core.model import Verification

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
TINY = DATA / "tiny"
GOOD = DATA / "good_tiny_answers.yaml"  # a valid answers file of the tiny rubric


def good_copy(tmp_path: Path) -> Path:
    """A copy of the tiny rubric's valid answers file, to change in a test."""
    target = tmp_path / "answers.yaml"
    shutil.copy(GOOD, target)
    return target


TODAY = "2026-11-22"


def case_verification(case: dict[str, Any]) -> Verification | None:
    """The auditor's verification an expert-judged case declares (``verification``: its findings;
    ``verification_date``), or None."""
    if "verification" not in case:
        return None
    return Verification.model_validate(
        {
            "schema": "cxassess/verification/1",
            "auditor": "审核员",
            "date": case.get("verification_date", dt.date(2026, 10, 5)),
            "findings": case["verification"],
        }
    )


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch):
    """Run the CLI in-process with today's date pinned and the tiny test library on the path."""
    monkeypatch.setenv("CXASSESS_TODAY", TODAY)
    monkeypatch.setenv("CXASSESS_PATH", str(TINY))

    def run(*args: str | os.PathLike[str]) -> Run:
        result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return run
