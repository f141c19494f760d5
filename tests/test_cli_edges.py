"""Edges of the command line a user runs into: long mappings, batch formats, options that do not
combine, the verdict of an unverified self-assessment, click's own errors in the user's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from tests.conftest import DATA, REPO

EXAMPLES = REPO / "examples"


def test_an_answers_file_with_too_many_answers_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    doc = yaml.safe_load((DATA / "good_tiny_answers.yaml").read_text(encoding="utf-8"))
    doc["answers"] = {f"q{i}": {"level": 1} for i in range(2001)}
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2, r.stderr
    assert "answers: expected at most 2000 items, found 2001" in r.stderr


def test_a_batch_in_json_writes_json_files(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients" / "huaxin"
    folder.mkdir(parents=True)
    shutil.copy(EXAMPLES / "huaxin-bank" / "answers.yaml", folder / "answers.yaml")
    out = tmp_path / "out"
    r = run_cli("report", "--batch", tmp_path / "clients", "-o", out, "--format", "json", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    [written] = list(out.iterdir())
    assert written.name == "huaxin.json" and written.read_text(encoding="utf-8").startswith("{")


def test_readiness_json_with_batch_is_refused_rather_than_ignored(run_cli, tmp_path: Path) -> None:
    r = run_cli("readiness", "--lang", "en", "--batch", EXAMPLES, "-o", tmp_path / "o", "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert "--json applies to a single answers file" in r.stderr
    assert not (tmp_path / "o").exists() and not (tmp_path / "r.json").exists()


def test_an_unverified_verdict_line_says_it_is_a_self_assessment(run_cli, tmp_path: Path) -> None:
    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    r = run_cli("readiness", "--lang", "en", answers, "--json", tmp_path / "a.json")
    assert "self-assessment indication (not verified by an auditor): Ready subject to accepted action plans" in r.stdout
    verification = EXAMPLES / "zhilian-software" / "verification.yaml"
    r = run_cli("readiness", "--lang", "en", answers, "--verification", verification, "--json", tmp_path / "b.json")
    assert "verdict: Not ready for certification" in r.stdout


def test_click_errors_about_values_are_worded_in_the_users_language(run_cli, tmp_path: Path) -> None:
    r = run_cli("score", tmp_path)
    assert r.exit_code == 2 and f"ANSWERS 应为文件，实际 {tmp_path} 是文件夹" in r.stderr
    r = run_cli("report", "x.yaml", "-o", tmp_path / "x.pdf", "--jobs", "0")
    assert r.exit_code == 2 and "--jobs 应为 1–64 之间的整数，实际为 0" in r.stderr
    r = run_cli("report", "x.yaml", "-o", tmp_path / "x.pdf", "--jobs", "many")
    assert r.exit_code == 2 and "--jobs 应为整数，实际为 'many'" in r.stderr


def test_lang_before_the_command_applies_to_the_command(run_cli, tmp_path: Path) -> None:
    r = run_cli("--lang", "en", "score", tmp_path)
    assert r.exit_code == 2 and f"ANSWERS: expected a file, found the folder {tmp_path}" in r.stderr
    r = run_cli("--lang", "en", "score", "--lang", "zh", tmp_path)
    assert "应为文件" in r.stderr


def test_a_clause_is_marked_verified_when_the_auditor_verified_every_scored_answer(run_cli, tmp_path: Path) -> None:
    import json

    answers = EXAMPLES / "zhilian-software" / "answers.yaml"
    verification = EXAMPLES / "zhilian-software" / "verification.yaml"
    r = run_cli("score", answers, "--verification", verification, "--json")
    result = json.loads(r.stdout)
    by_clause: dict[str, list[bool]] = {}
    for q in result["questions"]:
        if q["status"] == "scored":
            by_clause.setdefault(q["clause"], []).append("verified" in q["flags"])
    for c in result["clauses"]:
        assert ("verified" in c["flags"]) == all(by_clause.get(c["id"], [False])), c["id"]


def test_a_verification_that_names_no_answers_file_is_said_to_be_unconfirmed(run_cli, tmp_path: Path) -> None:
    src = EXAMPLES / "zhilian-software"
    for name in ("answers.yaml", "metrics.json"):
        shutil.copy(src / name, tmp_path / name)
    doc = yaml.safe_load((src / "verification.yaml").read_text(encoding="utf-8"))
    doc.pop("answers", None)
    doc.pop("answers_sha256", None)
    (tmp_path / "verification.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "r.html"
    args = ("readiness", "--lang", "en", tmp_path / "answers.yaml", "--verification", tmp_path / "verification.yaml")
    r = run_cli(*args, "-o", out)
    assert r.exit_code in (5, 6), r.stderr
    assert "does not name the answers file it verified" in out.read_text(encoding="utf-8")


def test_an_output_named_for_a_format_the_command_does_not_write_is_refused(run_cli, tmp_path: Path) -> None:
    answers = EXAMPLES / "huaxin-bank" / "answers.yaml"
    cases = [
        (
            ("report", answers, "-o", tmp_path / "r.docx"),
            "r.docx: this command writes pdf, html, json, found the suffix .docx",
        ),
        (("questionnaire", "gbt42509-default", "-o", tmp_path / "q.pdf"), "found the suffix .pdf"),
        (("score", answers, "-o", tmp_path / "s.xlsx"), "this command writes json only, found the suffix .xlsx"),
        (("readiness", answers, "--json", tmp_path / "r.pdf"), "this command writes json only, found the suffix .pdf"),
    ]
    for args, expected in cases:
        r = run_cli("--lang", "en", *args)
        assert r.exit_code == 2 and expected in r.stderr, (args, r.stderr)
    assert list(tmp_path.iterdir()) == []
    r = run_cli("report", answers, "-o", tmp_path / "report", "--lang", "en")  # no suffix: the command's own format
    assert r.exit_code == 0 and (tmp_path / "report").read_bytes().startswith(b"%PDF")


def test_titles_and_names_need_visible_text_on_one_line(run_cli, tmp_path: Path) -> None:
    doc = yaml.safe_load((DATA / "good_tiny_answers.yaml").read_text(encoding="utf-8"))
    doc["organisation"]["name"] = "\u3000 \xa0"
    first = next(iter(doc["answers"].values()))
    first["evidence"] = [{"title": "记录\n第二行", "kind": "record", "date": "2026-09-01"}]
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert "organisation.name: expected some text, found only spaces" in r.stderr
    assert "evidence[0].title: expected one line of text, found a line break in '记录\\n第二行'" in r.stderr


def _theme_with_logo(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    theme = folder / "theme.yaml"
    theme.write_text(f"schema: cxassess/theme/1\nname: 青松咨询\nlogo: {name}\n", encoding="utf-8")
    return theme


def test_a_logo_must_be_a_plain_drawing_of_a_sensible_size(run_cli, tmp_path: Path) -> None:
    import struct
    import zlib

    def png(width: int, height: int) -> bytes:
        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")

    svg = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    cases = {
        "script.svg": (svg + b"<script>alert(1)</script></svg>", "found <script"),
        "handler.svg": (svg + b'<rect onload="x()"/></svg>', "found onload="),
        "link.svg": (svg + b'<image xlink:href="file:///etc/passwd"/></svg>', 'found xlink:href="file:///etc/passwd'),
        "huge.png": (png(30_000, 30_000), "expected a logo of at most 10000 pixels a side, found 30000 × 30000"),
    }
    for name, (data, expected) in cases.items():
        theme = _theme_with_logo(tmp_path / name.replace(".", "-"), name, data)
        r = run_cli("validate", "--lang", "en", theme)
        assert r.exit_code == 2 and expected in r.stderr, (name, r.stderr)
    plain = _theme_with_logo(tmp_path / "plain", "logo.svg", svg + b'<use xlink:href="#a"/><rect width="9"/></svg>')
    assert run_cli("validate", plain).exit_code == 0
    assert run_cli("validate", _theme_with_logo(tmp_path / "small", "logo.png", png(400, 120))).exit_code == 0


def test_a_jpeg_logo_is_measured_by_its_frame_header(run_cli, tmp_path: Path) -> None:
    import io

    from PIL import Image

    from cxassess.files.theme import jpeg_size

    buf = io.BytesIO()
    Image.new("RGB", (300, 90), "navy").save(buf, "JPEG", progressive=True)
    small = buf.getvalue()
    assert jpeg_size(small) == (300, 90)
    at = small.index(b"\xff\xc2")  # the progressive frame header: height, then width
    huge = small[: at + 5] + (12_000).to_bytes(2, "big") + (40_000).to_bytes(2, "big") + small[at + 9 :]
    assert jpeg_size(huge) == (40_000, 12_000)
    r = run_cli("validate", "--lang", "en", _theme_with_logo(tmp_path / "huge", "logo.jpg", huge))
    assert r.exit_code == 2
    assert "expected a logo of at most 10000 pixels a side, found 40000 × 12000" in r.stderr
    assert run_cli("validate", _theme_with_logo(tmp_path / "small", "logo.jpg", small)).exit_code == 0


def test_patterns_are_said_in_words(run_cli, tmp_path: Path) -> None:
    doc = yaml.safe_load((DATA / "good_tiny_answers.yaml").read_text(encoding="utf-8"))
    doc["organisation"]["id"] = "华信 银行"
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = run_cli("validate", path)
    assert r.exit_code == 2
    assert "organisation.id: 应为编号：以字母或数字开头，只含字母、数字和 . _ : -，实际为 '华信 银行'" in r.stderr
    assert "^[" not in r.stderr
