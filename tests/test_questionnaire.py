"""``cxassess questionnaire``: the template a person fills in a text editor."""

from __future__ import annotations

import datetime as dt

from cxassess.core.model import Answers
from cxassess.files.checking import load_assessment
from cxassess.files.documents import load
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*/answers.yaml"))


def test_blank_template_is_commented_bilingual_and_lists_every_question(run_cli, tmp_path) -> None:
    out = tmp_path / "answers.yaml"
    r = run_cli("questionnaire", "gbt42509-default", "-o", out)
    assert r.exit_code == 0, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "# ======== 7.3 洞察顾客体验 / Gaining insight into the customer experience" in text
    assert "  Q-7.3-01:\n    level: null\n    evidence: []" in text
    assert "[core, N/A not allowed, 宜/should]" in text
    assert text.count("    level: null") == 84
    assert "#   4 级：至少 2 条 record|data 类证据，日期跨度 ≥ 6 个月" in text
    assert "可选不适用 / N/A only when:" in text


def test_blank_template_says_what_to_fill_in(run_cli, tmp_path) -> None:
    out = tmp_path / "answers.yaml"
    run_cli("questionnaire", "gbt42509-default", "-o", out)
    r = run_cli("validate", "--lang", "en", out)
    assert r.exit_code == 2
    lines = out.read_text(encoding="utf-8").splitlines()
    line = {
        key: 1 + next(i for i, t in enumerate(lines) if t.startswith(key)) for key in ("  id:", "  name:", "  date:")
    }
    assert f"{out}:{line['  id:']}: organisation.id: expected an id: a letter or digit first" in r.stderr
    assert f"{out}:{line['  name:']}: organisation.name: expected non-empty text, found ''" in r.stderr
    assert f"{out}:{line['  date:']}: assessment.date: expected a date (YYYY-MM-DD), found nothing" in r.stderr


def test_blank_template_needs_only_the_profile_to_be_valid(run_cli, tmp_path) -> None:
    out = tmp_path / "answers.yaml"
    run_cli("questionnaire", "gbt42509-default", "-o", out)
    text = out.read_text(encoding="utf-8")
    text = (
        text.replace('id: ""', 'id: "org"')
        .replace('name: ""', 'name: "某公司"')
        .replace('sector: ""', 'sector: "制造"')
    )
    text = text.replace("date: null", "date: 2026-11-01").replace('assessor: ""', 'assessor: "张三"')
    out.write_text(text, encoding="utf-8")
    a = load_assessment(out, today=dt.date(2026, 11, 22))
    assert a.answers.answers["Q-5.1-01"].level is None


def test_template_for_a_rubric_file_path(run_cli, tmp_path) -> None:
    out = tmp_path / "q.yaml"
    r = run_cli("questionnaire", REPO / "rubrics" / "cx-strategy.yaml", "-o", out)
    assert r.exit_code == 0
    assert "S-trust-01:" in out.read_text(encoding="utf-8")


def test_prefilled_template_round_trips_every_example(run_cli, tmp_path) -> None:
    for path in EXAMPLES:
        out = tmp_path / f"{path.parent.name}.yaml"
        r = run_cli("questionnaire", "gbt42509-default", "-o", out, "--answers", path)
        assert r.exit_code == 0, r.stderr
        assert load(Answers, out).model == load(Answers, path).model


def test_existing_file_is_kept_unless_forced_and_then_backed_up(run_cli, tmp_path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("mine", encoding="utf-8")
    r = run_cli("questionnaire", "--lang", "en", "gbt42509-default", "-o", out)
    assert r.exit_code == 2 and "exists; not overwritten" in r.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    r = run_cli("questionnaire", "gbt42509-default", "-o", out, "--force")
    assert r.exit_code == 0
    assert (tmp_path / "answers.yaml.bak").read_text(encoding="utf-8") == "mine"
    r = run_cli("questionnaire", "gbt42509-default", "-o", out, "--force")
    assert (tmp_path / "answers.yaml.bak.1").exists()


def test_unknown_rubric_id_is_a_clear_error(run_cli, tmp_path) -> None:
    r = run_cli("questionnaire", "--lang", "en", "nope", "-o", tmp_path / "x.yaml")
    assert r.exit_code == 2
    assert r.stderr.startswith("error: rubric 'nope': expected a rubric file or one of: cx-strategy, gbt42509-default")
