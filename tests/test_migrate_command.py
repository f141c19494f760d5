"""``cxassess migrate``: answers carried to the rubric's latest version, never in place."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import REPO

EXAMPLES = REPO / "examples"
OLD_RUBRIC = REPO / "rubrics" / "gbt42509-default-1.0.0.yaml"


def _old_answers(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    blank = tmp_path / "blank.yaml"
    assert run_cli("questionnaire", OLD_RUBRIC, "-o", blank).exit_code == 0
    text = blank.read_text(encoding="utf-8")
    text = text.replace('  id: ""', "  id: demo").replace('  name: ""', "  name: 示例公司")
    text = text.replace('  sector: ""', "  sector: 制造").replace("  date: null", "  date: 2026-10-01")
    text = text.replace('  assessor: ""', "  assessor: 张三")
    old = tmp_path / "answers-1.0.0.yaml"
    old.write_text(text.replace("  Q-5.1-01:\n    level: null", "  Q-5.1-01:\n    level: 2", 1), encoding="utf-8")
    assert run_cli("validate", old).exit_code == 0
    return old


def test_old_answers_are_carried_to_the_latest_rubric_and_validate(run_cli, tmp_path: Path) -> None:
    old = _old_answers(run_cli, tmp_path)
    before = old.read_bytes()
    new = tmp_path / "answers-2.0.0.yaml"
    r = run_cli("migrate", old, "-o", new)
    assert r.exit_code == 0, r.stderr
    assert old.read_bytes() == before  # never in place
    doc = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert doc["assessment"]["rubric_version"] == "2.0.0"
    assert any(a and a.get("level") == 2 for a in doc["answers"].values())
    assert run_cli("validate", new).exit_code == 0


def test_answers_already_on_the_latest_version_say_so(run_cli, tmp_path: Path) -> None:
    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    r = run_cli("migrate", "--lang", "en", answers, "-o", tmp_path / "m.yaml")
    assert r.exit_code == 2
    assert "already use the latest version of rubric gbt42509-default (2.0.0); nothing to migrate" in r.stderr
    assert not (tmp_path / "m.yaml").exists()
