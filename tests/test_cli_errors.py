"""Bad inputs: exact located messages and exit codes, never a traceback."""

from __future__ import annotations

import pytest

from tests.conftest import DATA

BAD = DATA / "bad"
B = "tests/data/bad/"

# (file, expected stderr lines before the count line)
VALIDATE_CASES: list[tuple[str, list[str]]] = [
    ("bad_not_utf8.yaml", ["bad_not_utf8.yaml: (file): expected UTF-8 text, found an invalid byte at offset 0"]),
    (
        "bad_level_out_of_scale.yaml",
        [
            "bad_level_out_of_scale.yaml:14: answers.q1.level: expected 0–4, found 7",
        ],
    ),
    (
        "bad_level_not_a_number.yaml",
        [
            "bad_level_not_a_number.yaml:14: answers.q1.level: expected a whole number, found 'three'",
        ],
    ),
    (
        "bad_unknown_question.yaml",
        [
            "bad_unknown_question.yaml:13: answers.q9: expected a question id of rubric tiny-rubric 1.0.0, found 'q9'",
        ],
    ),
    (
        "bad_na_on_core_item.yaml",
        [
            "bad_na_on_core_item.yaml:14: answers.q3.na: expected a level (question q3 is a core item and cannot be N/A), found na: true",
        ],
    ),
    (
        "bad_na_without_justification.yaml",
        [
            "bad_na_without_justification.yaml:13: answers.q1.justification: expected a justification for N/A, found none",
        ],
    ),
    (
        "bad_level_and_na.yaml",
        [
            "bad_level_and_na.yaml:13: answers.q1: expected either a level or na: true, found both",
        ],
    ),
    (
        "bad_evidence_in_future.yaml",
        [
            "bad_evidence_in_future.yaml:18: answers.q1.evidence[0].date: expected a date on or before 2026-11-22, found 2027-01-05",
        ],
    ),
    (
        "bad_evidence_date_not_a_date.yaml",
        [
            "bad_evidence_date_not_a_date.yaml:18: answers.q1.evidence[0].date: expected a date (YYYY-MM-DD), found '上周'",
        ],
    ),
    (
        "bad_evidence_kind.yaml",
        [
            "bad_evidence_kind.yaml:17: answers.q1.evidence[0].kind: expected one of 'document', 'record', 'interview', 'observation', 'data', 'other', found 'photo'",
        ],
    ),
    (
        "bad_duplicate_key.yaml",
        [
            "bad_duplicate_key.yaml:15: answers.q1: expected each key once, found 'q1' again (first at line 13)",
        ],
    ),
    (
        "bad_unknown_top_level_key.yaml",
        [
            "bad_unknown_top_level_key.yaml:12: answer: expected one of answers, assessment, organisation, schema, found unknown key 'answer'",
        ],
    ),
    (
        "bad_custom_tag.yaml",
        [
            "bad_custom_tag.yaml:13: answers.q1: expected plain YAML, found the custom tag !!python/object/apply:os.system",
        ],
    ),
    (
        "bad_yaml_syntax.yaml",
        [
            "bad_yaml_syntax.yaml:15: (document): expected valid YAML, found a syntax error: did not find expected key (inconsistent indentation?)",
        ],
    ),
    (
        "bad_merge_key.yaml",
        [
            "bad_merge_key.yaml:14: answers.q1: expected plain keys, found a merge key '<<'",
        ],
    ),
    (
        "bad_alias_bomb.yaml",
        [
            "bad_alias_bomb.yaml:7: a5[0]: expected at most 200000 nodes once aliases are expanded, found more (an alias bomb?)",
        ],
    ),
    (
        "bad_schema.yaml",
        [
            "bad_schema.yaml:1: schema: expected one of cxassess/standard/1, cxassess/rubric/1, cxassess/answers/1, cxassess/targets/1, cxassess/verification/1, cxassess/theme/1, cxassess/metrics-config/1, found 'cxassess/answers/9' (did you mean cxassess/answers/1?)",
        ],
    ),
    (
        "bad_unknown_rubric.yaml",
        [
            "bad_unknown_rubric.yaml:10: assessment.rubric: expected a known rubric (cx-strategy 2.0.0, gbt42509-default 1.0.0, gbt42509-default 2.0.0, tiny-rubric 1.0.0), found 'no-such-rubric 1.0.0'",
        ],
    ),
    (
        "bad_rubric_version.yaml",
        [
            "bad_rubric_version.yaml:11: assessment.rubric_version: expected a known version of rubric tiny-rubric (1.0.0), found '0.9.0'",
        ],
    ),
    (
        "bad_assessment_date_in_future.yaml",
        [
            "bad_assessment_date_in_future.yaml:8: assessment.date: expected a date on or before 2026-11-22, found 2027-03-01",
        ],
    ),
    (
        "bad_missing_name.yaml",
        [
            "bad_missing_name.yaml:2: organisation.name: expected a value, found nothing",
        ],
    ),
    (
        "bad_org_size.yaml",
        [
            "bad_org_size.yaml:6: organisation.size: expected one of 'micro', 'small', 'medium', 'large', found 'huge'",
        ],
    ),
    (
        "bad_rubric_core_allows_na.yaml",
        [
            "bad_rubric_core_allows_na.yaml:66: questions[2].na_allowed: expected false on a core item (core items cannot be N/A), found true",
        ],
    ),
    (
        "bad_rubric_missing_criteria.yaml",
        [
            "bad_rubric_missing_criteria.yaml:38: questions[0].criteria: expected criteria for every level (0–4), found none for 4",
        ],
    ),
    (
        "bad_rubric_unknown_clause.yaml",
        [
            "bad_rubric_unknown_clause.yaml:62: questions[2].clause: expected a clause of tiny:1, found 'A.9'",
        ],
    ),
    (
        "bad_standard_duplicate_clause.yaml",
        [
            "bad_standard_duplicate_clause.yaml:26: clauses[0].clauses[1].id: expected a unique id, found 'A.1' again",
        ],
    ),
    (
        "bad_many_problems.yaml",
        [
            "bad_many_problems.yaml:14: answers.q1.level: expected 0–4, found 9",
            "bad_many_problems.yaml:15: answers.q3.justification: expected a justification for N/A, found none",
            "bad_many_problems.yaml:16: answers.q3.na: expected a level (question q3 is a core item and cannot be N/A), found na: true",
            "bad_many_problems.yaml:22: answers.q4.evidence[0].date: expected a date on or before 2026-11-22, found 2030-01-01",
        ],
    ),
]


def test_every_bad_file_has_a_case() -> None:
    files = {p.name for p in BAD.glob("bad_*.yaml")} - {"bad_targets.yaml"}
    assert files == {name for name, _ in VALIDATE_CASES}
    assert len(VALIDATE_CASES) >= 20


@pytest.mark.parametrize(("name", "expected"), VALIDATE_CASES, ids=[n for n, _ in VALIDATE_CASES])
def test_validate_reports_located_problem(run_cli, name: str, expected: list[str]) -> None:
    r = run_cli("validate", "--lang", "en", BAD / name)
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert lines[:-1] == [str(BAD / line.split(":", 1)[0]) + ":" + line.split(":", 1)[1] for line in expected]
    n = len(expected)
    assert lines[-1] == f"{n} problem{'s' if n != 1 else ''} found."
    assert "Traceback" not in r.stderr and r.stdout == ""


@pytest.mark.parametrize("name", ["bad_level_out_of_scale.yaml", "bad_yaml_syntax.yaml", "bad_not_utf8.yaml"])
def test_score_fails_with_the_same_located_problem(run_cli, name: str) -> None:
    r = run_cli("score", "--lang", "en", BAD / name)
    assert r.exit_code == 2
    assert r.stderr.startswith(str(BAD / name) + ":")
    assert "Traceback" not in r.stderr


def test_validate_reports_problems_of_several_files_in_one_pass(run_cli) -> None:
    r = run_cli("validate", "--lang", "en", BAD / "bad_level_out_of_scale.yaml", BAD / "bad_org_size.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == "2 problems found."


def test_validate_counts_problems_in_chinese_by_default(run_cli) -> None:
    r = run_cli("validate", BAD / "bad_level_out_of_scale.yaml")
    assert r.stderr.splitlines()[-1] == "共发现 1 个问题。"


def test_missing_file_is_a_located_problem(run_cli, tmp_path) -> None:
    missing = tmp_path / "nope.yaml"
    r = run_cli("score", "--lang", "en", missing)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{missing}: (file): expected an existing file, found none"


def test_targets_file_is_cross_checked(run_cli) -> None:
    r = run_cli("score", "--lang", "en", DATA / "good_tiny_answers.yaml", "--targets", BAD / "bad_targets.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[:-1] == [
        f"{BAD / 'bad_targets.yaml'}:4: clauses.A.1: expected a level of the scale (0–4), found 9",
        f"{BAD / 'bad_targets.yaml'}:5: clauses.Z.9: expected an assessable clause of tiny:1, found 'Z.9'",
    ]


def test_internal_error_has_no_traceback_unless_verbose(run_cli, monkeypatch) -> None:
    import cxassess.cli.score as score_cmd

    def boom(*_a, **_k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(score_cmd, "run_score", boom)
    r = run_cli("score", DATA / "good_tiny_answers.yaml")
    assert r.exit_code == 3
    assert r.stderr.startswith("内部错误：RuntimeError：kaboom") and "Traceback" not in r.stderr
    r = run_cli("--verbose", "score", DATA / "good_tiny_answers.yaml")
    assert r.exit_code == 3 and "Traceback" in r.stderr


def test_usage_error_exits_2(run_cli) -> None:
    r = run_cli("score")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == "错误：缺少参数 ANSWERS"
    r = run_cli("score", "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == "error: missing argument ANSWERS"
