"""Excel and CSV questionnaires: export, round trip, located import errors, file protection."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cxassess.core.model import Answer, Answers, Evidence, Rubric, Standard
from cxassess.core.tabular import export_rows
from cxassess.files.documents import load
from cxassess.files.spreadsheet import import_answers
from cxassess.rendering.workbook import write_xlsx
from tests.conftest import REPO

EXAMPLES = sorted((REPO / "examples").glob("*/answers.yaml"))
TODAY = dt.date(2026, 11, 22)
RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
STD = load(Standard, REPO / "standards/gbt42509/standard.yaml").model


def _columns(ws) -> dict[str, str]:
    from openpyxl.utils import get_column_letter

    return {c.value: get_column_letter(c.column) for c in ws[1] if c.value}


def _row_of(ws, qid: str) -> int:
    return next(c.row for c in ws["A"] if c.value == qid)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_examples_round_trip_losslessly(run_cli, tmp_path: Path, path: Path, fmt: str) -> None:
    sheet = tmp_path / f"q.{fmt}"
    assert run_cli("questionnaire", "gbt42509-default", "-o", sheet, "--answers", path).exit_code == 0
    for cited in path.parent.glob("metrics*.json"):  # evidence may cite metrics results beside the answers
        shutil.copy(cited, tmp_path / cited.name)
    back = tmp_path / "back.yaml"
    r = run_cli("import", sheet, "-o", back)
    assert r.exit_code == 0, r.stderr
    assert load(Answers, back).model == load(Answers, path).model
    assert run_cli("validate", back).exit_code == 0


# free text as people (and attackers) write it: line breaks of every kind, leading formula
# characters, quotes, delimiters, tabs, spaces at either end, and the longest text allowed
_hostile = st.one_of(
    st.text(
        alphabet=st.sampled_from(list("顾客体验管理证据记录abcXYZ 0123456789-（）：，。\n\r\t\"';,=+-@")),
        min_size=1,
        max_size=40,
    ),
    st.sampled_from(
        [
            '=HYPERLINK("http://evil.example","click")',
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1)",
            "\tindented",
            "'quoted",
            "line one\r\nline two\rline three\n",
            "  spaces  ",
            "长" * 20_000,
        ]
    ),
)
_text = _hostile.filter(lambda s: s.strip() != "")
_short = _text.filter(lambda s: len(s) <= 500)
_line = _short.filter(lambda s: "\n" not in s and "\r" not in s)  # titles and names: one line


@st.composite
def answer_sets(draw: st.DrawFn) -> Answers:
    items: dict[str, Answer] = {}
    for q in RUB.questions:
        choice = draw(st.sampled_from(["level", "level", "na", "none"]))
        if choice == "na" and q.na_allowed:
            items[q.id] = Answer(na=True, justification=draw(_text))
        elif choice == "none":
            continue
        else:
            n = draw(st.integers(0, 5))
            evidence = [
                Evidence(
                    title=draw(_line),
                    kind=draw(st.sampled_from(["document", "record", "interview", "observation", "data", "other"])),
                    date=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2026, 11, 1)))),
                    ref=draw(st.one_of(st.just(""), _short)),
                )
                for _ in range(n)
            ]
            items[q.id] = Answer(
                level=draw(st.integers(0, 5)), evidence=evidence, notes=draw(st.one_of(st.none(), _text))
            )
    return Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {
                "id": "gen-org",
                "name": draw(_line),
                "sector": "制造",
                "size": draw(st.sampled_from(["micro", "small", "medium", "large"])),
                "scope": draw(_text),
            },
            "assessment": {
                "date": dt.date(2026, 11, 2),
                "assessor": "评估员",
                "rubric": RUB.id,
                "rubric_version": RUB.version,
            },
            "answers": items,
        }
    )


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), lang=st.sampled_from(["zh", "en"]))
def test_generated_answer_sets_round_trip_through_xlsx(tmp_path: Path, answers: Answers, lang: str) -> None:
    path = tmp_path / "gen.xlsx"
    path.write_bytes(write_xlsx(export_rows(RUB, STD, answers, lang), RUB, lang))  # type: ignore[arg-type]
    back, rubric, _ = import_answers(path, today=TODAY)
    assert rubric.id == RUB.id
    assert back == answers


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(answers=answer_sets(), lang=st.sampled_from(["zh", "en"]))
def test_generated_answer_sets_round_trip_through_csv(tmp_path: Path, answers: Answers, lang: str) -> None:
    from cxassess.rendering.workbook import write_csv

    path = tmp_path / "gen.csv"
    path.write_bytes(("\ufeff" + write_csv(export_rows(RUB, STD, answers, lang))).encode("utf-8"))  # type: ignore[arg-type]
    back, _, _ = import_answers(path, today=TODAY)
    assert back == answers


def test_formula_text_is_neutralised_in_csv_and_stored_as_text_in_xlsx(tmp_path: Path) -> None:
    from cxassess.rendering.workbook import write_csv

    evil = '=HYPERLINK("http://evil.example","x")'
    answers = Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {"id": "o", "name": "=cmd", "sector": "s", "size": "small"},
            "assessment": {
                "date": dt.date(2026, 11, 2),
                "assessor": "a",
                "rubric": RUB.id,
                "rubric_version": RUB.version,
            },
            "answers": {"Q-5.1-01": {"level": 2, "notes": evil}},
        }
    )
    sheet = export_rows(RUB, STD, answers, "zh")
    text = write_csv(sheet)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and "'=cmd" in text
    path = tmp_path / "q.xlsx"
    path.write_bytes(write_xlsx(sheet, RUB, "zh"))
    ws = load_workbook(path)["问卷"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == evil]
    assert cells and all(c.data_type == "s" for c in cells)
    back, _, _ = import_answers(path, today=TODAY)
    assert back.answers["Q-5.1-01"].notes == evil and back.organisation.name == "=cmd"


def test_workbook_layout_protection_and_validation(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "问卷.xlsx"
    run_cli("questionnaire", "gbt42509-default", "-o", out)
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == ["填写说明", "组织信息", "问卷"]
    ws = wb["问卷"]
    cols = _columns(ws)
    assert ws.protection.sheet and ws.row_dimensions[1].hidden
    assert ws.freeze_panes == f"{cols['level']}3"
    row = _row_of(ws, "Q-7.3-01")
    assert ws[f"{cols['id']}{row}"].protection.locked
    assert ws[f"{cols['question']}{row}"].protection.locked
    assert not ws[f"{cols['level']}{row}"].protection.locked
    assert not ws[f"{cols['ev3.date']}{row}"].protection.locked
    assert ws[f"{cols['criteria.3']}{row}"].value == RUB.question_index()["Q-7.3-01"].criteria[3].zh
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"0 缺失,1 初始,2 已定义,3 已实施,4 已测量,5 持续优化"' in formulas and '"是"' in formulas
    assert '"文件,记录,访谈,观察,数据,其他"' in formulas
    assert any(dv.type == "date" for dv in ws.data_validations.dataValidation)
    assert ws[f"{cols['ev1.date']}{row}"].number_format == "yyyy-mm-dd"
    headings = [c.value for c in ws[2]]
    assert "等级" in headings and "证据 1 · 日期" in headings
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.print_title_rows in ("2:2", "$2:$2")
    assert ws[f"{cols['id']}{row}"].number_format == "@" and ws[f"{cols['ev1.ref']}{row}"].number_format == "@"
    assert ws[f"{cols['question']}{row}"].font.name == "微软雅黑"
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert any("COUNTA" in (r.formula or [""])[0] for r in rules), "a level needing evidence without any is marked"
    criteria = ws[f"{cols['criteria.3']}{row}"].value
    assert ws.row_dimensions[row].height >= 15.5 * (len(criteria) * 2.1 // (26 * 0.8))


def test_every_import_problem_is_reported_at_its_cell(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "问卷.xlsx"
    run_cli(
        "questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/zhilian-software/answers.yaml"
    )
    wb = load_workbook(src)
    ws = wb["问卷"]
    c = _columns(ws)
    r51, r52, r53, r61, r62, r71 = (
        _row_of(ws, q) for q in ("Q-5.1-01", "Q-5.2-01", "Q-5.3-01", "Q-6.1-01", "Q-6.2-01", "Q-7.1-01")
    )
    ws[f"{c['level']}{r51}"] = 7
    ws[f"{c['level']}{r52}"] = None
    ws[f"{c['na']}{r52}"] = "是"
    ws[f"{c['justification']}{r52}"] = "不涉及"
    ws[f"{c['ev1.date']}{r53}"] = "上周"
    ws[f"{c['id']}{r61}"] = "Q-6.1-09"
    ws[f"{c['ev1.kind']}{r62}"] = "照片"
    ws[f"{c['level']}{r71}"] = "三"
    wb.save(src)
    shutil.copy(REPO / "examples/zhilian-software/metrics.json", tmp_path)  # cited by two answers
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert sorted(r.stderr.splitlines()[:-1]) == sorted(
        [
            f"{src}: 问卷!{c['level']}{r51}: expected 0–5, found 7",
            f"{src}: 问卷!{c['na']}{r52}: expected a level (question Q-5.2-01 is a core item and cannot be N/A), found na: true",
            f"{src}: 问卷!{c['ev1.date']}{r53}: expected a date (YYYY-MM-DD), found '上周'",
            f"{src}: 问卷!{c['id']}{r61}: expected a question id of rubric gbt42509-default 2.0.0, found 'Q-6.1-09'",
            f"{src}: 问卷!{c['ev1.kind']}{r62}: expected one of 'document', 'record', 'interview', 'observation', 'data', 'other', found '照片'",
            f"{src}: 问卷!{c['level']}{r71}: expected a whole number, found '三'",
        ]
    )
    assert not (tmp_path / "a.yaml").exists()


def test_cleared_question_id_on_an_answered_row_is_reported(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.xlsx"
    run_cli("questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/huaxin-bank/answers.yaml")
    wb = load_workbook(src)
    ws = wb["问卷"]
    row = _row_of(ws, "Q-8.3-02")
    ws[f"A{row}"] = None
    wb.save(src)
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert (
        r.stderr.splitlines()[0]
        == f"{src}: 问卷!A{row}: expected the question id of an answered row, found none (was the id deleted or changed?)"
    )


def test_profile_errors_point_at_the_profile_sheet(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.xlsx"
    run_cli("questionnaire", "gbt42509-default", "-o", src)
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert f"{src}: 组织信息!B4: expected non-empty text, found ''" in lines
    assert f"{src}: 组织信息!B8: expected a date (YYYY-MM-DD), found nothing" in lines


def test_csv_problems_name_row_and_column(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.csv"
    run_cli("questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/huaxin-bank/answers.yaml")
    text = src.read_text(encoding="utf-8-sig").replace("Q-5.1-01,,5.1", "Q-5.1-01,,5.1", 1)
    lines = text.splitlines()
    i = next(n for n, line in enumerate(lines) if line.startswith("Q-5.1-01,"))
    cells = lines[i].split(",")
    header = lines[0].split(",")
    cells[header.index("level")] = "9"
    lines[i] = ",".join(cells)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{src}: row {i + 1}, column level: expected 0–5, found 9"


def test_unreadable_workbook_is_a_clear_error(run_cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    r = run_cli("import", "--lang", "en", bad, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2 and r.stderr.startswith(f"{bad}: (file): expected an Excel workbook (.xlsx)")


def test_existing_answers_are_replaced_only_with_force_and_backed_up(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.xlsx"
    run_cli("questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/huaxin-bank/answers.yaml")
    target = tmp_path / "answers.yaml"
    target.write_text("mine", encoding="utf-8")
    r = run_cli("import", "--lang", "en", src, "-o", target)
    assert r.exit_code == 2 and target.read_text(encoding="utf-8") == "mine"
    r = run_cli("import", src, "-o", target, "--force")
    assert r.exit_code == 0
    assert (tmp_path / "answers.yaml.bak").read_text(encoding="utf-8") == "mine"
    assert load(Answers, target).model.organisation.id == "huaxin-bank"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
def test_libreoffice_opens_the_workbook(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.xlsx"
    run_cli(
        "questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/zhilian-software/answers.yaml"
    )
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "q.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Q-7.3-01" in text and "顾客" in text


def _exported(run_cli, tmp_path: Path):
    """A questionnaire workbook pre-filled with an example's answers: path, workbook, questions
    sheet and its columns by key."""
    src = tmp_path / "q.xlsx"
    run_cli("questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/huaxin-bank/answers.yaml")
    wb = load_workbook(src)
    return src, wb, wb["问卷"], _columns(wb["问卷"])


def test_text_written_into_a_column_cxassess_fills_in_is_reported_not_dropped(run_cli, tmp_path: Path) -> None:
    src, wb, ws, c = _exported(run_cli, tmp_path)
    r1, r2, r3 = (_row_of(ws, q) for q in ("Q-5.1-01", "Q-5.2-01", "Q-6.1-01"))
    ws[f"{c['question']}{r1}"] = ws[f"{c['question']}{r1}"].value + " 补充：我们每季度复核一次"
    ws[f"{c['criteria.3']}{r2}"] = "已完成"
    ws[f"{c['core']}{r3}"] = "是" if not ws[f"{c['core']}{r3}"].value else ""
    wb.save(src)
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    where = {line.split(": ")[1] for line in lines[:-1]}
    assert where == {f"问卷!{c['question']}{r1}", f"问卷!{c['criteria.3']}{r2}", f"问卷!{c['core']}{r3}"}
    criteria = next(line for line in lines if f"问卷!{c['criteria.3']}{r2}" in line)
    assert "column criteria.3, which cxassess fills in and does not read back, found '已完成'" in criteria
    assert not (tmp_path / "a.yaml").exists()
    zh = run_cli("import", "--lang", "zh", src, "-o", tmp_path / "a.yaml")
    assert zh.exit_code == 2 and "criteria.3 列由 cxassess 填写，导入时不读取" in zh.stderr


def test_respaced_text_and_a_clause_number_read_as_a_number_are_not_edits(run_cli, tmp_path: Path) -> None:
    src, wb, ws, c = _exported(run_cli, tmp_path)
    row = _row_of(ws, "Q-5.1-01")
    text = ws[f"{c['question']}{row}"].value
    ws[f"{c['question']}{row}"] = text[:10] + "\n" + text[10:] + "  "
    ws[f"{c['clause']}{row}"] = 5.1
    wb.save(src)
    r = run_cli("import", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 0, r.stderr


def test_a_sheet_added_with_content_is_reported_and_an_empty_one_is_not(run_cli, tmp_path: Path) -> None:
    src, wb, _, _ = _exported(run_cli, tmp_path)
    wb.create_sheet("空白")
    wb.save(src)
    assert run_cli("import", src, "-o", tmp_path / "a.yaml").exit_code == 0
    wb = load_workbook(src)
    wb.create_sheet("部门意见")["B3"] = "客服部认为 5.3 应为 2 级"
    wb.save(src)
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "b.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{src}: 部门意见!A1: expected only the exported sheets in the workbook, found sheet '部门意见' with "
        "content (it would not be imported: move what it holds into a column such as notes on the questions "
        "sheet, or delete the sheet)"
    )
    assert not (tmp_path / "b.yaml").exists()


def test_csv_edit_of_the_question_text_is_located_by_row_and_column(run_cli, tmp_path: Path) -> None:
    src = tmp_path / "q.csv"
    run_cli("questionnaire", "gbt42509-default", "-o", src, "--answers", REPO / "examples/huaxin-bank/answers.yaml")
    lines = src.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    i = next(n for n, line in enumerate(lines) if line.startswith("Q-5.1-01,"))
    cells = lines[i].split(",")
    cells[header.index("clause")] = "5.9"
    lines[i] = ",".join(cells)
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].startswith(
        f"{src}: row {i + 1}, column clause: expected what was exported ('5.1') in column clause"
    )


def test_words_written_into_the_judged_columns_of_a_prefilled_workbook_are_reported(run_cli, tmp_path: Path) -> None:
    src, wb, ws, c = _exported(run_cli, tmp_path)
    row = _row_of(ws, "Q-5.1-01")
    assert ws[f"{c['judged']}{row}"].value  # the level every report uses, shown beside the claim
    wb.save(src)
    assert run_cli("import", src, "-o", tmp_path / "same.yaml").exit_code == 0  # saved again: no change
    ws[f"{c['judged_reason']}{row}"] = "我们认为应为 4 级，证据见附件"
    ws[f"{c['judged']}{row}"] = "4"
    wb.save(src)
    r = run_cli("import", "--lang", "en", src, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()[:-1]
    assert len(lines) == 2 and all(line.startswith(f"{src}: 问卷!") for line in lines)
    assert f"问卷!{c['judged_reason']}{row}: expected what was exported (nothing) in column judged_reason" in lines[1]
    assert "found '我们认为应为 4 级，证据见附件'" in lines[1]
    assert not (tmp_path / "a.yaml").exists()
