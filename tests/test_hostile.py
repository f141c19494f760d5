"""Hostile and oversized input: nothing crashes, nothing is lost, nothing is clobbered.

Each case asserts the exact message (or its located start) and the exit code; output-path cases
assert that nothing outside the output path changed.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA

GOOD = DATA / "good_tiny_answers.yaml"


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "answers.yaml"
    shutil.copy(GOOD, target)
    return target


def _answers(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    doc = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    edit(doc)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- writes that cannot clobber


def test_a_planted_symlink_at_the_old_temporary_name_is_never_followed(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    out = tmp_path / "out" / "report.html"
    out.parent.mkdir()
    for name in (".report.html.tmp", "report.html.tmp", ".report.html.tmp.1"):
        (out.parent / name).symlink_to(victim)
    r = run_cli("report", answers, "-o", out)
    assert r.exit_code == 0, r.stderr
    assert victim.read_text(encoding="utf-8") == "precious"
    assert out.is_file() and not out.is_symlink()


def test_force_never_replaces_a_folder(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep", encoding="utf-8")
    for target in (folder, Path(f"{folder}/.")):
        r = run_cli("report", "--lang", "en", answers, "-o", target, "--format", "html", "--force")
        assert r.exit_code == 2
        assert "must be a file, found a folder" in r.stderr or "must name a file" in r.stderr
    assert (folder / "keep.txt").read_text(encoding="utf-8") == "keep"
    assert not (tmp_path / "reports.bak").exists()


def test_force_never_replaces_a_link_or_a_special_file(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    target = tmp_path / "target.html"
    target.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(target)
    r = run_cli("report", "--lang", "en", answers, "-o", link, "--force")
    assert r.exit_code == 2
    assert (
        r.stderr.strip()
        == f"error: the output {link} is a symbolic link; not overwritten (--force replaces regular files only)"
    )
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "mine"
    device = tmp_path / "null.html"
    device.symlink_to("/dev/null")
    r = run_cli("report", "--lang", "en", answers, "-o", device, "--force")
    assert r.exit_code == 2 and device.is_symlink()


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("", "error: the output . must name a file, found a folder path"),
        (
            "{tmp}/file.txt/report.html",
            "error: cannot write {tmp}/file.txt/report.html: a parent of the path is not a folder",
        ),
    ],
)
def test_impossible_output_paths_are_exit_2_naming_path_and_cause(
    run_cli, tmp_path: Path, output: str, message: str
) -> None:
    answers = _copy(tmp_path)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    r = run_cli("report", "--lang", "en", answers, "-o", output.format(tmp=tmp_path))
    assert r.exit_code == 2
    assert r.stderr.strip() == message.format(tmp=tmp_path)


def test_a_too_long_output_name_is_exit_2(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    r = run_cli("report", "--lang", "en", answers, "-o", tmp_path / ("x" * 300 + ".html"))
    assert r.exit_code == 2 and "the name is too long" in r.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_exit_2(run_cli, tmp_path: Path) -> None:  # pragma: no cover - not as root
    answers = _copy(tmp_path)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    r = run_cli("report", "--lang", "en", answers, "-o", folder / "r.html")
    assert r.exit_code == 2 and "permission denied" in r.stderr


def test_the_output_may_not_be_an_input(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    before = answers.read_bytes()
    r = run_cli("score", "--lang", "en", answers, "-o", answers, "--force")
    assert r.exit_code == 2 and "must not be an input file" in r.stderr
    assert answers.read_bytes() == before


def test_an_existing_output_is_refused_before_anything_is_rendered(run_cli, tmp_path: Path, monkeypatch) -> None:
    import cxassess.rendering.document as document

    def never(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("rendered although the output exists")

    monkeypatch.setattr(document, "pdf_bytes", never)
    answers = _copy(tmp_path)
    out = tmp_path / "r.pdf"
    out.write_text("old", encoding="utf-8")
    r = run_cli("report", "--lang", "en", answers, "-o", out)
    assert r.exit_code == 2 and "exists; not overwritten" in r.stderr
    assert out.read_text(encoding="utf-8") == "old"


# --------------------------------------------------------------------------- special and oversized files


def test_a_fifo_is_refused_by_name_without_hanging(run_cli, tmp_path: Path) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)
    r = run_cli("validate", "--lang", "en", fifo)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{fifo}: (file): expected a regular file, found a named pipe (FIFO)"


def test_a_device_is_refused_by_name(run_cli) -> None:
    r = run_cli("score", "--lang", "en", "/dev/zero")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == "/dev/zero: (file): expected a regular file, found a device file"


def test_an_oversized_file_is_refused_from_its_size(run_cli, tmp_path: Path) -> None:
    big = tmp_path / "answers.yaml"
    with big.open("wb") as fh:
        fh.truncate(6 * 1024 * 1024)  # sparse: refused before a byte is read
    r = run_cli("score", "--lang", "en", big)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{big}: (file): expected a file of at most 5242880 bytes, found 6291456 bytes"


def test_deep_nesting_is_a_located_error(run_cli, tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("schema: cxassess/answers/1\nx: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    r = run_cli("validate", "--lang", "en", deep)
    assert r.exit_code == 2
    assert f"{deep}:2: " in r.stderr and "expected nesting at most 64 levels deep, found deeper" in r.stderr


def test_an_impossible_date_is_a_located_error(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8").replace("date: 2026-10-01", "date: 2026-02-30"), encoding="utf-8")
    r = run_cli("score", "--lang", "en", path)
    assert r.exit_code == 2
    assert (
        r.stderr.splitlines()[0]
        == f"{path}:9: assessment.date: expected a real calendar date (YYYY-MM-DD), found '2026-02-30'"
    )


def test_a_date_outside_the_plausible_window_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(GOOD.read_text(encoding="utf-8").replace("date: 2026-10-01", "date: 9999-12-31"), encoding="utf-8")
    for command in ("validate", "score", "readiness"):
        r = run_cli(command, "--lang", "en", path, *(["--json", tmp_path / "r.json"] if command == "readiness" else []))
        assert r.exit_code == 2, (command, r.stderr)
        assert f"{path}:9: assessment.date: expected a date from 1900-01-01 to 2099-12-31, found 9999-12-31" in r.stderr


def test_text_that_displays_in_another_order_than_it_is_stored_is_refused(run_cli, tmp_path: Path) -> None:
    def edit(doc):  # type: ignore[no-untyped-def]
        doc["answers"]["q1"]["evidence"][0]["title"] = "invoice\u202egpj.exe"
        doc["answers"]["q2"]["notes"] = "line\u2028separator"

    path = _answers(tmp_path, edit)
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert "answers.q1.evidence[0].title: expected text without control characters, found U+202E" in r.stderr
    assert "answers.q2.notes: expected text without control characters, found U+2028" in r.stderr


def test_the_report_and_the_json_may_not_be_the_same_file(run_cli, tmp_path: Path) -> None:
    answers = _copy(tmp_path)
    out = tmp_path / "same.pdf"
    r = run_cli("readiness", "--lang", "en", answers, "-o", out, "--json", tmp_path / "." / "same.pdf", "--force")
    assert r.exit_code == 2
    assert "expected different files for -o and --json" in r.stderr
    assert not out.exists() and not (tmp_path / "same.pdf.bak").exists()


def test_declared_limits_on_evidence_and_text(run_cli, tmp_path: Path) -> None:
    def edit(doc):  # type: ignore[no-untyped-def]
        doc["answers"]["q1"]["evidence"] = [
            {"title": f"e{i}", "kind": "record", "date": "2026-09-01"} for i in range(51)
        ]
        doc["answers"]["q2"]["notes"] = "长" * 20_001
        doc["answers"]["q3"]["notes"] = "bell\x07"

    path = _answers(tmp_path, edit)
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert "answers.q1.evidence: expected at most 50 items, found 51" in r.stderr
    assert "answers.q2.notes: expected at most 20000 characters, found 20001" in r.stderr
    assert "answers.q3.notes: expected text without control characters, found U+0007" in r.stderr


def test_messages_never_quote_a_file_that_is_not_a_cxassess_document(run_cli, tmp_path: Path) -> None:
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$SECRETHASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", encoding="utf-8")
    r = run_cli("score", "--lang", "en", GOOD, "--rubric", secret)
    assert r.exit_code == 2
    assert "SECRETHASH" not in r.stderr and "daemon" not in r.stderr
    assert "content that is not a cxassess document" in r.stderr


def test_validate_a_folder_reports_every_file_by_name(run_cli, tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_text("a: " + "[" * 200 + "]" * 200 + "\n", encoding="utf-8")
    (tmp_path / "typo.yaml").write_text("schema: cxassess/answer/1\n", encoding="utf-8")
    (tmp_path / "bad.yaml").write_bytes(b"\xff\xfe")
    r = run_cli("validate", "--lang", "en", tmp_path)
    assert r.exit_code == 2
    assert f"{tmp_path / 'deep.yaml'}:1" in r.stderr
    assert f"{tmp_path / 'typo.yaml'}:1: schema:" in r.stderr and "did you mean cxassess/answers/1?" in r.stderr
    assert f"{tmp_path / 'bad.yaml'}: (file): expected UTF-8 text" in r.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    r = run_cli("validate", "--lang", "en", empty)
    assert r.exit_code == 2 and "expected cxassess files (.yaml), found none in the folder" in r.stderr


# --------------------------------------------------------------------------- batch and compare skip nothing silently


def test_batch_lists_every_file_it_did_not_take(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    (folder / "acme").mkdir(parents=True)
    shutil.copy(GOOD, folder / "acme" / "answers.yaml")
    (folder / "typo.yaml").write_text("schema: cxassess/answer/1\n", encoding="utf-8")
    (folder / "notes.txt").write_text("hi", encoding="utf-8")
    r = run_cli("report", "--lang", "en", "--batch", folder, "-o", tmp_path / "out", "--format", "html", "--jobs", "1")
    assert r.exit_code == 1  # a YAML file that could not be taken is a problem to look at
    assert f"not taken: {folder / 'typo.yaml'}: expected one of" in r.stderr
    assert "did you mean cxassess/answers/1?" in r.stderr
    assert f"not taken: {folder / 'notes.txt'}: not a YAML file" in r.stderr
    assert "wrote 1 of 1 gap-analysis reports" in r.stdout


# --------------------------------------------------------------------------- workbooks and CSV


def _workbook(run_cli, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    wb = tmp_path / "q.xlsx"
    r = run_cli("questionnaire", "tiny-rubric", "-o", wb, "--answers", GOOD)
    assert r.exit_code == 0, r.stderr
    return wb


def test_a_workbook_without_its_key_row_is_an_error_not_empty_answers(run_cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb_path = _workbook(run_cli, tmp_path)
    wb = load_workbook(wb_path)
    ws = wb["问卷"]
    ws.delete_rows(1)
    wb.save(wb_path)
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", wb_path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert "expected the machine keys in (hidden) row 1" in r.stderr


def test_a_formula_where_a_value_belongs_is_an_error_at_its_cell(run_cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    wb_path = _workbook(run_cli, tmp_path)
    wb = load_workbook(wb_path)
    ws = wb["问卷"]
    keys = {c.value: c.column_letter for c in ws[1] if c.value}
    row = next(c.row for c in ws["A"] if c.value == "q1")
    ws[f"{keys['level']}{row}"] = "=1+2"
    ws[f"{keys['notes']}{row}"] = '=WEBSERVICE("http://example.com")'
    wb.save(wb_path)
    r = run_cli("import", "--lang", "en", wb_path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert f"问卷!{keys['level']}{row}: expected a value, found the formula '=1+2'" in r.stderr
    assert f"问卷!{keys['notes']}{row}: expected a value, found the formula" in r.stderr


def test_a_zip_bomb_workbook_is_refused_before_it_is_opened(run_cli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (120 * 1024 * 1024) + b"</a>")
    bomb.write_bytes(buf.getvalue())
    r = run_cli("import", "--lang", "en", bomb, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert "(a zip bomb?)" in r.stderr


def test_xml_entities_in_a_workbook_are_refused(run_cli, tmp_path: Path) -> None:
    wb_path = _workbook(run_cli, tmp_path)
    src = zipfile.ZipFile(wb_path)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/workbook.xml":
                entity = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>'
                data = data.replace(b"?>", b"?>" + entity, 1) if b"?>" in data else entity + data
            zf.writestr(item, data)
    wb_path.write_bytes(out.getvalue())
    r = run_cli("import", "--lang", "en", wb_path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2 and "expected no XML entity declarations" in r.stderr


def test_a_chinese_excel_csv_in_gb18030_with_semicolons_is_read(run_cli, tmp_path: Path) -> None:
    csv_path = tmp_path / "q.csv"
    r = run_cli("questionnaire", "tiny-rubric", "-o", csv_path, "--answers", GOOD)
    assert r.exit_code == 0
    text = csv_path.read_text(encoding="utf-8-sig")
    import csv as csvmod

    rows = list(csvmod.reader(io.StringIO(text, newline="")))
    buf = io.StringIO(newline="")
    csvmod.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    csv_path.write_bytes(buf.getvalue().encode("gb18030"))
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", csv_path, "-o", out)
    assert r.exit_code == 0, r.stderr
    back = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert back["organisation"]["name"] == "测试组织" and back["answers"]["q1"]["level"] == 4


def test_a_malformed_csv_names_its_row(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "q.csv"
    bad.write_text('id,value,level\nq1,,"3\n', encoding="utf-8")
    r = run_cli("import", "--lang", "en", bad, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert (
        f"{bad}: row 2: expected a closing quote for the cell that opens with a quote on line 2 of the file" in r.stderr
    )
    unreadable = tmp_path / "u.csv"
    unreadable.write_bytes(b"\x81\x30\xff\xff\xfe")
    r = run_cli("import", "--lang", "en", unreadable, "-o", tmp_path / "b.yaml")
    assert r.exit_code == 2 and "expected text in UTF-8 or GB18030, found neither" in r.stderr


def test_parser_problems_are_told_in_the_users_language_with_their_line(run_cli, tmp_path: Path) -> None:
    escape = tmp_path / "escape.yaml"
    escape.write_text(GOOD.read_text(encoding="utf-8").replace("name: ", 'name: "\\udc00" #', 1), encoding="utf-8")
    r = run_cli("validate", escape)
    assert r.exit_code == 2
    assert "含有无效的 Unicode 转义" in r.stderr and "Unicode escape code" not in r.stderr
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("schema: cxassess/answers/1\nanswers: {}\n".encode("utf-16-le"))
    r = run_cli("validate", "--lang", "en", utf16)
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{utf16}:1: ") and "is the file UTF-16? save it as UTF-8" in r.stderr, r.stderr
