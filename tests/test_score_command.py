"""``cxassess score``: the table, the JSON result and its determinism."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from tests.conftest import DATA, REPO, TODAY

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"


def test_json_result_has_the_documented_fields(run_cli) -> None:
    r = run_cli("score", EXAMPLE, "--json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["schema"] == "cxassess/result/2"
    assert doc["standard"] == {"id": "gbt42509", "designation": "GB/T 42509-2023", "edition": "2023"}
    assert doc["rubric"] == {"id": "gbt42509-default", "version": "2.0.0"}
    roles = {i["role"]: i for i in doc["inputs"]}
    assert set(roles) == {"standard", "rubric", "answers", "metrics"}
    assert roles["answers"]["sha256"] == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert (
        roles["rubric"]["sha256"] == hashlib.sha256((REPO / "rubrics/gbt42509-default.yaml").read_bytes()).hexdigest()
    )
    assert {"percent", "level", "band", "weakest_clause", "complete", "counts"} <= set(doc["overall"])
    clause = next(c for c in doc["clauses"] if c["id"] == "7.3")
    assert {"percent", "level", "weakest_question", "flags", "target", "gap"} <= set(clause)
    assert len(doc["questions"]) == 84 and len(doc["principles"]) == 5
    assert {"answered", "applicable", "percent", "weighted_percent"} <= set(doc["overall"]["coverage"])
    assert doc["rules"]["evidence_required_from"] == 3 and doc["rules"]["unevidenced_cap"] == 2


def test_same_inputs_give_byte_identical_json_across_processes(tmp_path) -> None:
    env = {**os.environ, "CXASSESS_TODAY": TODAY}
    outs = []
    for cwd in (REPO, tmp_path):
        p = subprocess.run(
            [sys.executable, "-m", "cxassess", "score", str(EXAMPLE), "--json"],
            capture_output=True,
            env=env,
            cwd=cwd,
            check=True,
        )
        outs.append(p.stdout)
    assert outs[0] == outs[1] and len(outs[0]) > 1000


def test_json_can_be_written_to_a_file_and_is_never_overwritten_silently(run_cli, tmp_path) -> None:
    out = tmp_path / "result.json"
    assert run_cli("score", EXAMPLE, "-o", out).exit_code == 0
    first = out.read_bytes()
    r = run_cli("score", "--lang", "en", EXAMPLE, "-o", out)
    assert r.exit_code == 2 and "exists; not overwritten" in r.stderr
    assert run_cli("score", EXAMPLE, "-o", out, "--force").exit_code == 0
    assert (tmp_path / "result.json.bak").read_bytes() == first


def test_table_in_chinese_names_clauses_and_rules(run_cli) -> None:
    r = run_cli("score", EXAMPLE)
    assert r.exit_code == 0
    assert "智联云软件科技有限公司" in r.stdout and "总体得分" in r.stdout
    assert "管理协同" in r.stdout and "自评高于证据" in r.stdout and "规则：" in r.stdout


def test_table_in_english(run_cli) -> None:
    r = run_cli("score", EXAMPLE, "--lang", "en")
    assert r.exit_code == 0
    assert "Overall 52.1%" in r.stdout and "Management coordination" in r.stdout
    assert "claim above evidence" in r.stdout and "▼ below target" in r.stdout


def test_incomplete_assessment_is_reported(run_cli, tmp_path) -> None:
    text = (DATA / "good_tiny_answers.yaml").read_text(encoding="utf-8").replace("  q5:\n    level: 0\n", "")
    f = tmp_path / "a.yaml"
    f.write_text(text, encoding="utf-8")
    r = run_cli("score", f, "--lang", "en")
    assert r.exit_code == 0 and "incomplete: 5/6 answered (83.3%); provisional" in " ".join(r.stdout.split())


def test_the_table_fits_80_columns_without_cutting_titles(run_cli) -> None:
    import os

    os.environ["COLUMNS"] = "80"
    try:
        for lang in ("zh", "en"):
            r = run_cli("score", EXAMPLE, "--lang", lang)
            assert r.exit_code == 0
            lines = r.stdout.splitlines()
            table = [ln for ln in lines if ln.startswith(("┃", "│", "┏", "└"))]
            assert table and all(len(ln) <= 80 for ln in table)
            assert not any("…" in ln for ln in table), "no title is cut to a fragment"
    finally:
        del os.environ["COLUMNS"]


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from cxassess.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('weasyprint', 'pygal', 'matplotlib', 'jinja2', 'openpyxl') if m in sys.modules]\n"
        "print('HEAVY=' + ','.join(heavy))"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert p.stdout.strip().splitlines()[-1] == "HEAVY="
