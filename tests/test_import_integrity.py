"""``cxassess import`` never loses what people wrote: every change to a returned workbook or CSV
file that it cannot take is an error at its place (file, sheet!cell or CSV row and column), in
the user's language, exit code 2, and nothing is written."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from cxassess.core.model import Answers, Rubric, Standard
from cxassess.files.documents import load
from tests.conftest import REPO

HUAXIN = REPO / "examples/huaxin-bank/answers.yaml"
ZHILIAN = REPO / "examples/zhilian-software/answers.yaml"
RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
KEYS_EN = (
    "id, level, na, justification, notes, evN.title, evN.kind, evN.date, evN.ref, evN.metrics, evN.figure, "
    "clause, clause_title, question, core, criteria.N, judged, judged_reason"
)
KEYS_ZH = KEYS_EN.replace(", ", "、")


def _export(run_cli, tmp_path: Path, fmt: str, answers: Path = HUAXIN) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"q.{fmt}"
    r = run_cli("questionnaire", "gbt42509-default", "-o", out, "--answers", answers, "--force")
    assert r.exit_code == 0, r.stderr
    return out


def _refused(run_cli, src: Path, tmp_path: Path) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """The problems in Chinese (the default) and English; nothing may be written."""
    out = tmp_path / "answers.yaml"
    texts = []
    for lang in ("zh", "en"):
        r = run_cli("import", "--lang", lang, src, "-o", out)
        assert r.exit_code == 2, r.stderr
        assert "Traceback" not in r.stderr
        assert not out.exists()
        texts.append(r.stderr.splitlines()[:-1])
    return texts[0], texts[1]


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _row_index(rows: list[list[str]], qid: str) -> int:
    return next(i for i, r in enumerate(rows) if r and r[0] == qid)


def _sheet(src: Path):  # type: ignore[no-untyped-def]
    wb = load_workbook(src)
    ws = wb["问卷"]
    cols = {c.value: c.column for c in ws[1] if c.value}
    rows = {ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value}
    return wb, ws, cols, rows


# --------------------------------------------------------------------------- 1. column keys


def test_import_refuses_unknown_column_and_names_the_closest_key(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    rows = _csv_rows(src)
    rows[0][rows[0].index("level")] = "levle"
    _write_csv(src, rows)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: row 1, column levle: expected one of the column keys {KEYS_EN}, found 'levle' (did you mean level?)"
    ]
    assert zh == [f"{src}: 第 1 行，“levle”列: 列键应为以下之一：{KEYS_ZH}；实际为 'levle'（是否应为 level？）"]

    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, cols, _ = _sheet(src)
    notes = f"{get_column_letter(cols['notes'])}1"
    ws[notes] = "Notes"
    wb.save(src)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: 问卷!{notes}: expected one of the column keys {KEYS_EN}, found 'Notes' (did you mean notes?)"
    ]
    assert zh == [f"{src}: 问卷!{notes}: 列键应为以下之一：{KEYS_ZH}；实际为 'Notes'（是否应为 notes？）"]


def test_import_refuses_a_missing_or_repeated_key_column(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    rows = _csv_rows(src)
    at = rows[0].index("level")
    _write_csv(src, [r[:at] + r[at + 1 :] for r in rows])
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: row 1: expected the columns level, found them missing (was a column deleted or its key changed?)"
    ]
    assert zh == [f"{src}: 第 1 行: 应有列 level，实际缺少（列被删除，或列键被修改？）"]

    rows[0][rows[0].index("clause_title")] = "notes"
    _write_csv(src, rows)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [f"{src}: row 1, column notes: expected notes once, found it again (also at row 1, column notes)"]
    assert zh == [f"{src}: 第 1 行，“notes”列: notes 只能出现一次，实际重复出现（另见 第 1 行，“notes”列）"]


def test_import_reports_an_evidence_column_without_its_companions_not_a_kind_error(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    rows = _csv_rows(src)
    n = 1 + max(int(k[2:].split(".")[0]) for k in rows[0] if k.startswith("ev"))
    rows[0].append(f"ev{n}.title")
    for r in rows[1:]:
        r.append("")
    rows[_row_index(rows, "Q-5.1-01")][-1] = "5th evidence"
    _write_csv(src, rows)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: row 1, column ev{n}.title: expected the columns ev{n}.kind, ev{n}.date, ev{n}.ref together with ev{n}.title, found them missing"
    ]
    assert zh == [
        f"{src}: 第 1 行，“ev{n}.title”列: 列 ev{n}.title 应与列 ev{n}.kind、ev{n}.date、ev{n}.ref 一起出现，实际缺少后者"
    ]


# --------------------------------------------------------------------------- 2. rows


def test_import_reports_a_deleted_question_row_but_takes_a_blank_row_as_unanswered(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, cols, rows = _sheet(src)
    ids = [q.id for q in RUB.questions]
    before = ids[ids.index("Q-6.2-01") - 1]
    ws.delete_rows(rows["Q-6.2-01"])
    wb.save(src)
    zh, en = _refused(run_cli, src, tmp_path)
    after = f"问卷!A{rows[before]}"
    assert en == [
        f"{src}: 问卷: expected a row for question Q-6.2-01 (after {after}), found none: was the row deleted? "
        "Restore it; to leave a question unanswered, leave its level blank"
    ]
    assert zh == [
        f"{src}: 问卷: 应有问题 Q-6.2-01 的一行（在 {after} 之后），实际没有：该行被删除了？请恢复该行；暂不作答时将等级留空即可"
    ]

    src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(src)
    prev = _row_index(table, before)
    del table[_row_index(table, "Q-6.2-01")]
    _write_csv(src, table)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: (file): expected a row for question Q-6.2-01 (after row {prev + 1}, column id), found none: "
        "was the row deleted? Restore it; to leave a question unanswered, leave its level blank"
    ]
    assert zh[0].startswith(f"{src}: （文件）: 应有问题 Q-6.2-01 的一行（在 第 {prev + 1} 行，“id”列 之后），实际没有")

    # a row whose answer cells are left blank is the documented way to leave a question open
    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, cols, rows = _sheet(src)
    for key, c in cols.items():
        if key in ("level", "na", "justification", "notes") or key.startswith("ev"):
            ws.cell(rows["Q-6.2-01"], c).value = None
    wb.save(src)
    out = tmp_path / "open.yaml"
    r = run_cli("import", src, "-o", out)
    assert r.exit_code == 0, r.stderr
    back = load(Answers, out).model
    blank = back.answers.get("Q-6.2-01")
    assert blank is None or (blank.level is None and not blank.na and not blank.evidence and not blank.notes)
    before = load(Answers, HUAXIN).model.answers
    assert {k: v for k, v in back.answers.items() if k != "Q-6.2-01"} == {
        k: v for k, v in before.items() if k != "Q-6.2-01"
    }


def test_import_refuses_a_merged_range_over_answer_cells(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, cols, rows = _sheet(src)
    r = rows["Q-5.1-01"]
    col = cols["level"]
    ws.merge_cells(start_row=r, start_column=col, end_row=r + 1, end_column=col)
    wb.save(src)
    ref = f"{get_column_letter(col)}{r}:{get_column_letter(col)}{r + 1}"
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: 问卷!{ref}: expected separate cells, found {ref} merged "
        "(merged cells keep only the top-left value: unmerge them and fill in each cell)"
    ]
    assert zh == [
        f"{src}: 问卷!{ref}: 问卷中的单元格应各自独立，实际 {ref} 被合并（合并后只保留左上角的值：请取消合并并逐格填写）"
    ]


def test_import_refuses_text_outside_the_questionnaire_columns(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, _, rows = _sheet(src)
    beyond = get_column_letter(ws.max_column + 2)
    ws[f"{beyond}{rows['Q-5.1-01']}"] = "注意：这个说明写在表格右侧"
    wb.save(src)
    zh, en = _refused(run_cli, src, tmp_path)
    here = f"问卷!{beyond}{rows['Q-5.1-01']}"
    assert en == [
        f"{src}: {here}: expected nothing outside the questionnaire's columns, found '注意：这个说明写在表格右侧' "
        "(it would not be imported: move it into a column such as notes, or delete it)"
    ]
    assert zh == [
        f"{src}: {here}: 问卷的列之外不应有内容，实际此处有 '注意：这个说明写在表格右侧'（它不会被导入：请移到“备注”等列中，或删除）"
    ]

    src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(src)
    i = _row_index(table, "Q-5.1-01")
    table[i].append("extra cell!")
    _write_csv(src, table)
    zh, en = _refused(run_cli, src, tmp_path)
    n = len(table[0]) + 1
    assert en == [
        f"{src}: row {i + 1}, field {n}: expected nothing outside the questionnaire's columns, found 'extra cell!' "
        "(it would not be imported: move it into a column such as notes, or delete it)"
    ]
    assert zh[0].startswith(f"{src}: 第 {i + 1} 行第 {n} 个字段: 问卷的列之外不应有内容，实际此处有 'extra cell!'")


def test_import_refuses_a_csv_row_cut_short(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(src)
    i = _row_index(table, "Q-5.1-01")
    table[i] = table[i][:10]
    _write_csv(src, table)
    zh, en = _refused(run_cli, src, tmp_path)
    width, missing = len(table[0]), table[0][10]
    assert en == [
        f"{src}: row {i + 1}: expected {width} fields as in the header row, found 10: "
        f"the columns from {missing} on are missing (was the row cut short?)"
    ]
    assert zh == [
        f"{src}: 第 {i + 1} 行: 应有 {width} 个字段（与第 1 行的列名一样多），实际只有 10 个：从“{missing}”列起缺失（该行被截断？）"
    ]


# --------------------------------------------------------------------------- 3. what is written


def test_import_checks_cited_metrics_like_validate_and_reports_everything_at_once(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "xlsx", ZHILIAN)
    shutil.copy(ZHILIAN.parent / "metrics.json", tmp_path)
    wb, ws, cols, rows = _sheet(src)
    r = rows["Q-5.1-01"]
    ws.cell(r, cols["ev1.metrics"]).value = "../../etc/passwd"
    ws.cell(r, cols["ev1.figure"]).value = "csat"
    ws.cell(r, cols["ev1.kind"]).value = "数据"
    ws.cell(rows["Q-5.2-01"], cols["level"]).value = 9
    wb.save(src)
    zh, en = _refused(run_cli, src, tmp_path)
    metrics = f"问卷!{get_column_letter(cols['ev1.metrics'])}{r}"
    level = f"问卷!{get_column_letter(cols['level'])}{rows['Q-5.2-01']}"
    assert sorted(en) == sorted(
        [
            f"{src}: {metrics}: expected a metrics result in the answers file's folder, found '../../etc/passwd'",
            f"{src}: {level}: expected 0–5, found 9",
        ]
    )
    assert f"{src}: {metrics}: 指标结果应为答案文件所在文件夹中的文件，实际为 '../../etc/passwd'" in zh

    # written elsewhere, the citations of the example would not be found: the same check as validate
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    good = _export(run_cli, elsewhere, "csv", ZHILIAN)
    r2 = run_cli("import", "--lang", "en", good, "-o", elsewhere / "answers.yaml")
    assert r2.exit_code == 2 and not (elsewhere / "answers.yaml").exists()
    assert "column ev3.metrics: cannot read the metrics result cited" in r2.stderr


def test_import_refuses_an_excel_error_cell(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "xlsx")
    wb, ws, cols, rows = _sheet(src)
    cell = ws.cell(rows["Q-5.1-01"], cols["ev1.title"])
    cell.value = "#REF!"
    assert cell.data_type == "e"
    wb.save(src)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: 问卷!{cell.coordinate}: expected a value, found the Excel error #REF! "
        "(a formula failed, e.g. a cell it referred to was deleted)"
    ]
    assert zh == [
        f"{src}: 问卷!{cell.coordinate}: 应为值，实际为 Excel 错误值 #REF!（公式出错，例如所引用的单元格已被删除）"
    ]

    csv_src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(csv_src)
    i = _row_index(table, "Q-5.1-01")
    table[i][table[0].index("ev1.title")] = "#REF!"
    _write_csv(csv_src, table)
    zh, en = _refused(run_cli, csv_src, tmp_path)
    assert en == [
        f"{csv_src}: row {i + 1}, column ev1.title: expected a value, found the Excel error #REF! "
        "(a formula failed, e.g. a cell it referred to was deleted)"
    ]


def test_text_that_looks_like_an_excel_error_round_trips_through_csv(run_cli, tmp_path: Path) -> None:
    from cxassess.rendering.questionnaire_yaml import render_questionnaire

    std = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
    data = load(Answers, HUAXIN).model
    answer = data.answers["Q-5.1-01"].model_copy(update={"notes": "#N/A"})
    changed = data.model_copy(update={"answers": {**data.answers, "Q-5.1-01": answer}})
    source = tmp_path / "answers.yaml"
    source.write_text(render_questionnaire(RUB, std, changed), encoding="utf-8")
    sheet = _export(run_cli, tmp_path, "csv", source)
    assert "'#N/A" in sheet.read_text(encoding="utf-8-sig")
    back = tmp_path / "back.yaml"
    r = run_cli("import", sheet, "-o", back)
    assert r.exit_code == 0, r.stderr
    assert load(Answers, back).model.answers["Q-5.1-01"].notes == "#N/A"


# --------------------------------------------------------------------------- 4. wording


def test_csv_locations_read_in_the_users_language(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(src)
    i = _row_index(table, "Q-5.1-01")
    table[i][table[0].index("level")] = "9"
    _write_csv(src, table)
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [f"{src}: row {i + 1}, column level: expected 0–5, found 9"]
    assert zh == [f"{src}: 第 {i + 1} 行，“level”列: 应为 0–5，实际为 9"]


def test_an_unbalanced_csv_quote_is_reported_where_it_opens(run_cli, tmp_path: Path) -> None:
    src = _export(run_cli, tmp_path, "csv")
    table = _csv_rows(src)
    i = _row_index(table, "Q-5.1-01")
    ref = table[i][table[0].index("ev1.ref")]
    assert ref and not set(ref) & set('",\r\n')
    raw = src.read_bytes().decode("utf-8-sig")
    start = raw.index("\r\nQ-5.1-01,") + 2
    line = raw[:start].count("\n") + 1  # the line of the file where the row starts
    at = raw.index(f",{ref},", start)
    src.write_bytes((raw[: at + 1] + '"' + raw[at + 1 :]).encode("utf-8"))  # a quote opened and never closed
    zh, en = _refused(run_cli, src, tmp_path)
    # the quote runs on into later rows until a quote there ends it in the middle of a cell: the
    # problem is reported at the row where the quoted cell starts, not where the parser gave up
    assert len(en) == 1 and en[0].startswith(
        f"{src}: row {i + 1}: expected a quoted cell to end with a quote followed by a delimiter, found more text "
        "after a quote on line "
    )
    assert en[0].endswith("of the file (unbalanced quotes? the cell starts in this row)")
    assert len(zh) == 1 and zh[0].startswith(f"{src}: 第 {i + 1} 行: 带引号的单元格应以引号结束并紧跟分隔符")

    # a quote opened in the last row runs to the end of the file
    raw = src.read_bytes().decode("utf-8").replace(f',"{ref},', f",{ref},")
    last = raw.rstrip("\r\n").rsplit("\r\n", 1)
    src.write_bytes((last[0] + "\r\n" + '"' + last[1] + "\r\n").encode("utf-8"))
    rows = len(table)  # the last record
    line = last[0].count("\n") + 2
    zh, en = _refused(run_cli, src, tmp_path)
    assert en == [
        f"{src}: row {rows}: expected a closing quote for the cell that opens with a quote on line {line} of the file, "
        "found none up to the end of the file (add the closing quote or remove the opening one)"
    ]
    assert zh == [
        f"{src}: 第 {rows} 行: 文件第 {line} 行以引号开始的单元格应有结束引号，实际直到文件末尾都没有（请补上结束引号，或删除开头的引号）"
    ]
