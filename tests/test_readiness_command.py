"""``cxassess readiness``: verdict exit codes, JSON, PDF attachments, verification files."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DATA, REPO

BAD = DATA / "bad"
GOOD = DATA / "good_tiny_answers.yaml"
EXAMPLES = REPO / "examples"


@pytest.mark.parametrize(
    ("example", "code", "verdict"),
    [("huaxin-bank", 0, "ready"), ("zhilian-software", 5, "conditional"), ("lvyuan-fresh", 6, "not_ready")],
)
def test_bundled_examples_give_each_verdict_and_exit_code(
    run_cli, tmp_path: Path, example: str, code: int, verdict: str
) -> None:
    out = tmp_path / "r.json"
    r = run_cli("readiness", EXAMPLES / example / "answers.yaml", "--json", out)
    assert r.exit_code == code, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "cxassess/readiness/2" and doc["verdict"] == verdict
    assert doc["engine"].startswith("cxassess ")
    cited = {"metrics"} if (EXAMPLES / example / "metrics.json").exists() else set()
    assert {i["role"] for i in doc["inputs"]} == {"standard", "rubric", "answers"} | cited


def test_json_is_byte_identical_for_the_same_inputs(run_cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    verification = EXAMPLES / "zhilian-software" / "verification.yaml"
    run_cli("readiness", answers, "--verification", verification, "--json", a)
    run_cli("readiness", answers, "--verification", verification, "--json", b)
    assert a.read_bytes() == b.read_bytes()
    roles = {i["role"]: i["sha256"] for i in json.loads(a.read_text(encoding="utf-8"))["inputs"]}
    assert roles["verification"] == hashlib.sha256(verification.read_bytes()).hexdigest()
    assert roles["answers"] == hashlib.sha256(answers.read_bytes()).hexdigest()


def test_verification_changes_the_verdict_and_never_touches_the_answers(run_cli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    text = GOOD.read_text(encoding="utf-8")
    text = text.replace("  q3:\n    level: 1\n", "  q3:\n    level: 3\n").replace(
        "  q5:\n    level: 0\n",
        "  q5:\n    level: 3\n    evidence:\n      - {title: 记录, kind: record, date: 2026-05-01}\n",
    )
    answers.write_text(text, encoding="utf-8")
    before = answers.read_bytes()
    assert run_cli("readiness", answers, "--json", tmp_path / "a.json").exit_code == 5  # q3 unevidenced: minor
    verification = tmp_path / "verification.yaml"
    verification.write_text(
        "schema: cxassess/verification/1\nauditor: 审核员\ndate: 2026-10-05\n"
        f"answers_sha256: {hashlib.sha256(before).hexdigest()}\n"
        "findings:\n  q3: {status: verified, note: 现场核实, seen: [{title: 职责文件, kind: document, date: 2026-09-20}]}\n",
        encoding="utf-8",
    )
    assert run_cli("readiness", answers, "--verification", verification, "--json", tmp_path / "b.json").exit_code == 0
    verification.write_text(
        verification.read_text(encoding="utf-8").replace(
            "status: verified, note: 现场核实, seen: [{title: 职责文件, kind: document, date: 2026-09-20}]",
            "status: disputed, level: 1, note: 不符",
        ),
        encoding="utf-8",
    )
    r = run_cli("readiness", answers, "--verification", verification, "--json", tmp_path / "c.json")
    assert r.exit_code == 6  # a core item disputed down to 1: major
    assert answers.read_bytes() == before


def test_pdf_embeds_every_input_byte_identical_and_shows_the_verdict(run_cli, tmp_path: Path) -> None:
    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    verification = EXAMPLES / "zhilian-software" / "verification.yaml"
    out = tmp_path / "readiness.pdf"
    r = run_cli("readiness", answers, "--verification", verification, "-o", out)
    # the auditor could not verify the internal audit (a core item): a major gap
    assert r.exit_code == 6, r.stderr
    reader = PdfReader(str(out))
    attached = {name: data[0] for name, data in reader.attachments.items()}
    expected = {
        "answers.yaml": answers,
        "verification.yaml": verification,
        "metrics.json": EXAMPLES / "zhilian-software" / "metrics.json",
        "gbt42509-default.yaml": REPO / "rubrics" / "gbt42509-default.yaml",
        "standard.yaml": REPO / "standards" / "gbt42509" / "standard.yaml",
    }
    assert set(attached) == set(expected)
    for name, path in expected.items():
        assert attached[name] == path.read_bytes(), name
    text = "".join(p.extract_text() for p in reader.pages).replace(" ", "").replace("\n", "")
    for needle in (
        "尚不具备认证条件",
        "审核员未能验证，现场未见可计入的客观证据",
        "审核员未能核实，不计入",
        "发现项登记表",
        "适用性声明",
        "审核员签署",
        "自评与验证对照",
        "赵敏",
        "一般差距",
        "纠正措施跟踪表",
        "抽样说明",
        "受访人员",
        "逐条款陈述",
        "附录A改进机会",
    ):
        assert needle in text, needle
    assert "外部供方名录" in text  # an N/A justification in the statement of applicability


def test_vocabulary_option_selects_the_grade_labels(run_cli, tmp_path: Path) -> None:
    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    out, data = tmp_path / "r.html", tmp_path / "r.json"
    run_cli("readiness", answers, "-o", out, "--json", data, "--vocabulary", "iso17021")
    html = out.read_text(encoding="utf-8")
    doc = json.loads(data.read_text(encoding="utf-8"))
    assert doc["vocabulary"] == {"chosen": "iso17021", "default": "gap", "requirements_only": True}
    findings = [j for j in doc["judgements"] if j["grade"]]
    assert findings
    for j in findings:
        assert j["vocabulary"] == ("iso17021" if j["requirement"] else "gap"), j["question"]
    assert "采用的用语：主要不符合 / 次要不符合 / 关注事项 / 改进机会（OFI）。" in html
    assert "其余发现的分级用语为：重大差距 / 一般差距 / 观察项 / 改进机会。" in html
    assert "一般差距" in html or "重大差距" in html or "观察项" in html
    r = run_cli("readiness", "--lang", "en", answers, "-o", tmp_path / "x.html", "--vocabulary", "nope")
    assert r.exit_code == 2 and "--vocabulary: expected one of gap, cnca, iso17021" in r.stderr


def test_readiness_needs_an_output(run_cli) -> None:
    r = run_cli("readiness", "--lang", "en", GOOD)
    assert r.exit_code == 2 and "give -o/--output" in r.stderr
    r = run_cli("readiness", GOOD)
    assert r.exit_code == 2 and "请给出 -o/--output" in r.stderr


VERIFICATION_CASES = [
    (
        "verification_bad_unknown_question.yaml",
        "5: findings.q9: expected a question id of rubric tiny-rubric 1.0.0, found 'q9'",
    ),
    ("verification_bad_level.yaml", "7: findings.q1.level: expected 0–4, found 9"),
    (
        "verification_bad_disputed_without_level.yaml",
        "5: findings.q1: expected a level and a note on a disputed answer, found none",
    ),
    (
        "verification_bad_status.yaml",
        "6: findings.q1.status: expected one of 'verified', 'not_verified', 'disputed', found 'checked'",
    ),
    ("verification_bad_future_date.yaml", "3: date: expected a date on or before 2026-11-22, found 2027-01-01"),
]


@pytest.mark.parametrize(("name", "message"), VERIFICATION_CASES, ids=[n for n, _ in VERIFICATION_CASES])
def test_bad_verification_files_get_located_errors(run_cli, tmp_path: Path, name: str, message: str) -> None:
    r = run_cli("readiness", "--lang", "en", GOOD, "--verification", BAD / name, "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{BAD / name}:{message}"
    assert not (tmp_path / "r.json").exists()


def test_verification_of_other_answers_is_rejected(run_cli, tmp_path: Path) -> None:
    r = run_cli(
        "readiness",
        "--lang",
        "en",
        GOOD,
        "--verification",
        BAD / "verification_bad_sha.yaml",
        "--json",
        tmp_path / "r.json",
    )
    assert r.exit_code == 2
    sha = hashlib.sha256(GOOD.read_bytes()).hexdigest()
    assert r.stderr.splitlines()[0] == (
        f"{BAD / 'verification_bad_sha.yaml'}:4: answers_sha256: expected the SHA-256 of the answers file verified ({sha}), "
        "found 0000000000000000000000000000000000000000000000000000000000000000 (the answers changed after verification?)"
    )


def test_a_verification_naming_another_answers_file_is_rejected_at_its_line(run_cli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(GOOD.read_bytes())
    verification = tmp_path / "verification.yaml"
    verification.write_text(
        "schema: cxassess/verification/1\nauditor: 审核员\ndate: 2026-10-05\nanswers: other.yaml\n"
        "findings:\n  q3: {status: not_verified, note: 未见}\n",
        encoding="utf-8",
    )
    r = run_cli("readiness", "--lang", "en", answers, "--verification", verification, "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{verification}:4: answers: expected the answers file assessed here, {answers}; "
        "the verification names other.yaml (it verifies another answers file)"
    )
    verification.write_text(verification.read_text(encoding="utf-8").replace("other.yaml", "answers.yaml"), "utf-8")
    assert run_cli("readiness", answers, "--verification", verification, "--json", tmp_path / "r.json").exit_code in (
        0,
        5,
        6,
    )


def _blank_first_core_item(src: Path, dest: Path) -> str:
    import yaml

    from cxassess.core.model import Rubric
    from cxassess.files.documents import load

    rubric = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
    doc = yaml.safe_load(src.read_text(encoding="utf-8"))
    qid = next(q.id for q in rubric.questions if q.core and q.id in doc["answers"])
    doc["answers"][qid] = {"level": None}
    dest.parent.mkdir(parents=True, exist_ok=True)
    for cited in src.parent.glob("metrics.json"):
        dest.with_name(cited.name).write_bytes(cited.read_bytes())
    dest.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return qid


@pytest.mark.parametrize(
    ("example", "code", "verdict"), [("lvyuan-fresh", 6, "not_ready"), ("huaxin-bank", 7, "cannot_conclude")]
)
def test_a_blank_core_item_never_softens_a_verdict_a_major_already_decides(
    run_cli, tmp_path: Path, example: str, code: int, verdict: str
) -> None:
    answers = tmp_path / example / "answers.yaml"
    qid = _blank_first_core_item(EXAMPLES / example / "answers.yaml", answers)
    out = tmp_path / "r.json"
    r = run_cli("readiness", "--lang", "en", answers, "--json", out)
    assert r.exit_code == code, r.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["verdict"] == verdict
    codes = [reason["code"] for reason in doc["verdict_reasons"]]
    if verdict == "not_ready":  # the major decides; the blank item is still named, as not assessed
        assert doc["counts"]["major"] > 0
        assert "core_unanswered_after_major" in codes and "core_unanswered" not in codes
        blank = next(r for r in doc["verdict_reasons"] if r["code"] == "core_unanswered_after_major")
        assert qid in blank["values"]["questions"]
    else:
        assert doc["counts"]["major"] == 0 and codes[0] == "core_unanswered"
