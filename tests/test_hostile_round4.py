"""Hostile input, round 4: spreadsheets reopened and edited by hand, metrics, batches, the workspace.

Each case asserts the exact message (or its located start) and the exit code.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, GOOD


def _workbook(run_cli, tmp_path: Path, fmt: str = "xlsx", lang: str = "zh") -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"q.{fmt}"
    r = run_cli("questionnaire", "--lang", lang, "tiny-rubric", "-o", out, "--answers", GOOD)
    assert r.exit_code == 0, r.stderr
    return out


def _edit(path: Path, change: Callable[..., None]) -> None:
    """Open the workbook as a spreadsheet program would, change it and save it."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    change(wb)
    wb.save(path)


def _replace_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            data = src.read(item)
            zf.writestr(item.filename, change(data) if item.filename == part else data)
    path.write_bytes(buf.getvalue())


def _sheet_part(path: Path, name: str) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    part = str(wb[name]._worksheet_path).lstrip("/")
    wb.close()
    return part


# --------------------------------------------------------------------------- sheets the user added


def _added_sheet(path: Path, cells: bytes, dimension: bytes = b"A1") -> None:
    """Add a sheet named 'Extra' and put ``cells`` (raw sheetData XML) in it."""
    _edit(path, lambda wb: wb.create_sheet("Extra").cell(row=1, column=1, value="x"))
    part = _sheet_part(path, "Extra")

    def change(xml: bytes) -> bytes:
        start, end = xml.index(b"<sheetData>"), xml.index(b"</sheetData>") + len(b"</sheetData>")
        xml = xml[:start] + b"<sheetData>" + cells + b"</sheetData>" + xml[end:]
        return xml.replace(b'<dimension ref="A1:A1" />', b'<dimension ref="' + dimension + b'" />')

    _replace_part(path, part, change)


@pytest.mark.parametrize(
    "cells",
    [
        b'<row r="1"><c r="A1"><v>' + b"9" * 5000 + b"</v></c></row>",  # past int()'s digit limit
        b'<row r="1"><c r="A1" t="s"><v>99999</v></c></row>',  # a shared string that does not exist
        b'<row r="1"><c r="A1" t="d"><v>not a date</v></c></row>',
        b'<row r="1"><c r="A1" t="n"><v>abc</v></c></row>',
    ],
)
def test_a_damaged_sheet_added_to_a_workbook_is_an_error_naming_it_not_a_crash(
    run_cli, tmp_path: Path, cells: bytes
) -> None:
    path = _workbook(run_cli, tmp_path)
    _added_sheet(path, cells)
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines() == [
        f"{path}: Extra: expected a readable sheet, found a damaged one "
        "(open the workbook in Excel and save it again as .xlsx)",
        "1 problem found.",
    ]


@pytest.mark.timeout(60)
def test_a_sheet_added_with_one_cell_at_the_last_row_and_column_is_refused_by_the_limits_not_walked(
    run_cli, tmp_path: Path
) -> None:
    path = _workbook(run_cli, tmp_path)
    _added_sheet(
        path,
        b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t> </t></is></c></row>',
        dimension=b"A1:XFD1048576",
    )
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines()[0] == f"{path}: Extra: expected at most 400 columns in a sheet, found more"


@pytest.mark.parametrize(("lang", "added"), [("zh", "Questions"), ("zh", "Profile"), ("en", "填写说明")])
def test_a_sheet_added_under_a_name_the_other_language_exports_is_still_reported(
    run_cli, tmp_path: Path, lang: str, added: str
) -> None:
    path = _workbook(run_cli, tmp_path, lang=lang)
    _edit(path, lambda wb: wb.create_sheet(added).cell(row=2, column=2, value="我的备注：7.3 需复核"))
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines()[0].startswith(
        f"{path}: {added}!A1: expected only the exported sheets in the workbook, found sheet '{added}' with content"
    )


def test_an_english_workbook_with_a_sheet_added_under_the_chinese_profile_name_reads_its_own_profile(
    run_cli, tmp_path: Path
) -> None:
    path = _workbook(run_cli, tmp_path, lang="en")
    _edit(path, lambda wb: wb.create_sheet("组织信息").cell(row=1, column=1, value="my notes"))
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines() == [
        f"{path}: 组织信息!A1: expected only the exported sheets in the workbook, found sheet '组织信息' with "
        "content (it would not be imported: move what it holds into a column such as notes on the questions "
        "sheet, or delete the sheet)",
        "1 problem found.",
    ]


# --------------------------------------------------------------------------- read-only columns: no false alarm


def test_a_clause_number_a_spreadsheet_program_shortened_in_a_csv_is_not_a_change(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel opens "1.20" in a CSV as the number 1.2 and saves it so: the text was not edited."""
    library = tmp_path / "library"
    shutil.copytree(DATA / "tiny", library)
    standard = library / "standards" / "tiny" / "standard.yaml"
    standard.write_text(standard.read_text(encoding="utf-8").replace('number: "1.2"', 'number: "1.20"'), "utf-8")
    monkeypatch.setenv("CXASSESS_PATH", str(library))
    path = _workbook(run_cli, tmp_path, "csv")
    text = path.read_text(encoding="utf-8-sig")
    assert ",1.20," in text
    path.write_text(text.replace(",1.20,", ",1.2,"), encoding="utf-8-sig")
    out = tmp_path / "a.yaml"
    r = run_cli("import", path, "-o", out)
    assert r.exit_code == 0, r.stderr
    # a clause number that is really another one's is still reported
    path.write_text(text.replace(",1.20,", ",1.3,"), encoding="utf-8-sig")
    r = run_cli("import", "--lang", "en", path, "-o", tmp_path / "b.yaml")
    assert r.exit_code == 2
    assert "expected what was exported ('1.20') in column clause" in r.stderr


# --------------------------------------------------------------------------- CSV rows too wide


@pytest.mark.timeout(60)
def test_a_csv_header_of_a_hundred_thousand_columns_is_refused_by_the_field_limit_not_spelt_out(
    run_cli, tmp_path: Path
) -> None:
    path = _workbook(run_cli, tmp_path, "csv")
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    lines[0] += "," + ",".join(f"x{i}" for i in range(100_000))
    path.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    width = len(lines[0].split(","))
    assert r.stderr.splitlines() == [
        f"{path}: row 1: expected at most 400 fields in a row, found {width}",
        "1 problem found.",
    ]


def test_a_row_of_many_cells_outside_the_columns_is_one_problem_naming_the_first_and_counting_the_rest(
    run_cli, tmp_path: Path
) -> None:
    path = _workbook(run_cli, tmp_path, "csv")
    lines = path.read_text(encoding="utf-8-sig").split("\n")
    width = len(lines[0].split(","))
    row = next(n for n, line in enumerate(lines) if line.startswith("q1,"))
    lines[row] += ",stray" + ",more" * 300
    path.write_text("\n".join(lines), encoding="utf-8")
    r = run_cli("import", "--lang", "en", path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [
        f"{path}: row {row + 1}, field {width + 1}: expected nothing outside the questionnaire's columns, found "
        "'stray' and 300 more cells with content further along this row (they would not be imported: move them "
        "into a column such as notes, or delete them)",
        "1 problem found.",
    ]


def test_a_workbook_row_of_many_cells_outside_the_columns_is_one_problem(run_cli, tmp_path: Path) -> None:
    path = _workbook(run_cli, tmp_path)

    def change(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb["问卷"]
        for c in range(ws.max_column + 2, ws.max_column + 52):
            ws.cell(row=4, column=c, value="x")

    _edit(path, change)
    r = run_cli("import", "--lang", "en", path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 2 and "and 49 more cells with content further along this row" in lines[0]
    assert lines[0].startswith(f"{path}: 问卷!")


# --------------------------------------------------------------------------- survey weights


@pytest.mark.parametrize("weight", ["1e308", "1e-320", "9" * 400])
def test_a_weight_too_large_or_too_small_to_sum_is_an_unusable_cell_not_a_nan_figure(
    run_cli, tmp_path: Path, weight: str
) -> None:
    rows = [f"2026/3/{1 + i % 28},{i % 11},{'1' if i else weight}" for i in range(40)]
    survey = tmp_path / "survey.csv"
    survey.write_text("\n".join(["提交时间,推荐,权重", *rows]) + "\n", encoding="utf-8")
    (tmp_path / "metrics.yaml").write_text(
        "schema: cxassess/metrics-config/1\ndate: {column: 提交时间}\nweight: 权重\nmin_n: 1\n"
        "metrics:\n  nps: {column: 推荐}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.json"
    r = run_cli("metrics", "--lang", "en", survey, "--json", out)
    assert r.exit_code == 0, r.stderr
    assert "nan" not in r.stdout.lower() and "Warning" not in r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [(c["where"], c["reason"]) for c in data["invalid"]["cells"]] == [
        ("row 2, column 权重", "implausible_weight")
    ]
    overall = data["metrics"][0]["figures"][0]
    assert overall["n"] == 39 and overall["value"] is not None and overall["n_effective"] == 39.0


# --------------------------------------------------------------------------- file names that are not UTF-8

BAD_NAME = os.fsdecode(b"bad\xffname.yaml")  # a Latin-1 name copied from an old file server


def test_a_file_name_that_is_not_utf8_is_recorded_escaped_in_the_json_not_a_crash(run_cli, tmp_path: Path) -> None:
    answers = tmp_path / BAD_NAME
    shutil.copy(GOOD, answers)
    r = run_cli("score", answers, "--json")
    assert r.exit_code == 0, r.stderr
    inputs = json.loads(r.stdout)["inputs"]
    assert {"role": "answers", "name": "bad\\xffname.yaml", "sha256": inputs[-1]["sha256"]} in inputs
    r = run_cli("compare", answers, "--json", tmp_path / "c.json")
    assert r.exit_code == 0, r.stderr


def test_a_readiness_pdf_embeds_an_answers_file_whose_name_is_not_utf8(run_cli, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    from pypdf import PdfReader

    answers = tmp_path / BAD_NAME
    shutil.copy(GOOD, answers)
    out = tmp_path / "r.pdf"
    r = run_cli("readiness", answers, "-o", out)
    assert r.exit_code in (0, 5, 6, 7), r.stderr
    attached = PdfReader(out).attachments
    assert attached["bad\\xffname.yaml"] == [answers.read_bytes()]


def test_a_survey_whose_name_is_not_utf8_is_listed_escaped(run_cli, tmp_path: Path) -> None:
    survey = tmp_path / os.fsdecode(b"survey\xfe.csv")
    rows = [f"2026/3/{1 + i % 28},{i % 11}" for i in range(20)] + ["2026/3/1,text"]
    survey.write_text("\n".join(["提交时间,推荐", *rows]) + "\n", encoding="utf-8")
    (tmp_path / "metrics.yaml").write_text(
        "schema: cxassess/metrics-config/1\ndate: {column: 提交时间}\nmin_n: 1\nmetrics:\n  nps: {column: 推荐}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.json"
    r = run_cli("metrics", survey, "--json", out)
    assert r.exit_code == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["inputs"][0]["name"] == "survey\\xfe.csv"
    assert data["invalid"]["cells"][0]["file"].endswith("survey\\xfe.csv")


# --------------------------------------------------------------------------- deep folders in a batch


def test_a_batch_names_reports_from_very_deep_folders_within_the_file_name_limit(run_cli, tmp_path: Path) -> None:
    from cxassess.pipeline.batch import output_name

    clients = tmp_path / "clients"
    deep = [clients / Path(*(["部门"] * 120)) / name / "answers.yaml" for name in ("甲", "乙")]
    for answers in deep:
        answers.parent.mkdir(parents=True)
        shutil.copy(GOOD, answers)
    out = tmp_path / "out"
    r = run_cli("report", "--batch", clients, "-o", out, "--format", "json")
    assert r.exit_code == 0, r.stderr
    written = sorted(p.name for p in out.iterdir())
    assert len(written) == 2 and all(len(n.encode()) <= 200 and n.endswith(".json") for n in written)
    assert written[0] != written[1] and {n.split("~")[0][-1] for n in written} == {"甲", "乙"}
    taken: set[str] = set()
    assert output_name(clients, deep[0], ".json", taken) == output_name(clients, deep[0], ".json", set())
