"""Reading survey exports: encodings, delimiters, workbooks, located problems, bad configurations."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from cxassess.core.problems import InputError
from cxassess.files.survey import MissingColumns, Wanted, read_survey
from cxassess.pipeline.metrics import run_metrics

HEAD = ["提交时间", "渠道", "推荐意愿(0-10)", "满意度(1-5)"]
ROWS = [
    ["2026/3/5 14:02:11", "在线客服", "9", "5"],
    ["2026-03-06", "电话热线", "11", "4"],
    ["2026年3月7日", "在线客服, 北京", "", "五"],
    ["2026/2/30", "App", "7", "4.5"],
]
WANTED = [Wanted("提交时间", date_only=True), Wanted("渠道"), Wanted("推荐意愿(0-10)"), Wanted("满意度(1-5)")]
CONFIG = """\
schema: cxassess/metrics-config/1
date: {column: 提交时间}
min_n: 1
segments: [渠道]
metrics:
  nps: {column: 推荐意愿(0-10)}
  csat: {column: 满意度(1-5)}
"""


def _csv(rows: list[list[str]], delimiter: str) -> str:
    def field(v: str) -> str:
        return f'"{v}"' if delimiter in v or '"' in v else v

    return "\r\n".join(delimiter.join(field(v) for v in row) for row in [HEAD, *rows]) + "\r\n"


ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "gb18030": lambda s: s.encode("gb18030"),
    "utf-16": lambda s: s.encode("utf-16"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_encoding_and_delimiter_are_detected(tmp_path: Path, encoding: str, delimiter: str) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(ENCODINGS[encoding](_csv(ROWS, delimiter)))
    table = read_survey(path, WANTED)
    assert (table.encoding, table.delimiter, table.rows) == (encoding, delimiter, 4)
    channel = table.columns["渠道"]
    assert [channel.uniques[c] for c in channel.codes] == ["在线客服", "电话热线", "在线客服, 北京", "App"]
    date = table.columns["提交时间"]
    assert [date.uniques[c] for c in date.codes] == ["2026/3/5", "2026-03-06", "2026年3月7日", "2026/2/30"]
    assert date.original is not None and date.original(0) == "2026/3/5 14:02:11"


def test_headings_match_across_full_width_forms_and_spaces(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("提交时间,推荐意愿（0-10）\n2026-01-01,9\n", encoding="utf-8")
    table = read_survey(path, [Wanted("提交时间"), Wanted("推荐意愿 (0-10)")])
    assert table.columns["推荐意愿 (0-10)"].heading == "推荐意愿（0-10）"


def test_missing_columns_name_every_heading(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(MissingColumns) as exc:
        read_survey(path, [Wanted("a"), Wanted("x"), Wanted("y")])
    assert (exc.value.headings, exc.value.missing) == (["a", "b"], ["x", "y"])


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a,b\n1,2\n3,4,5\n", "s.csv: row 3: expected at most 2 fields per row (as many as headings), found 3"),
        (
            'a,b\n1,2\n"3,4\n',
            "s.csv: row 3, column a: expected the quoted field that starts here to end with a quote, found the end of the file",
        ),
        ("\n", "s.csv: row 1: expected column headings in row 1, found none"),
    ],
)
def test_damaged_csv_is_located(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_survey(path, [Wanted("a")])
    assert [p.text("en").replace(str(tmp_path) + "/", "") for p in exc.value.problems] == [expected]


def test_neither_utf8_nor_gb18030_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes(b"a,b\n\x81\x20\xff,1\n")
    with pytest.raises(InputError) as exc:
        read_survey(path, [Wanted("a")])
    assert exc.value.problems[0].text("zh") == f"{path}: （文件）: 应为 UTF-8 或 GB18030 编码的文本，实际两者都不是"


def _write(tmp_path: Path, rows: list[list[str]]) -> Path:
    survey = tmp_path / "survey.csv"
    survey.write_bytes(_csv(rows, ",").encode("gb18030"))
    (tmp_path / "metrics.yaml").write_text(CONFIG, encoding="utf-8")
    return survey


def test_unusable_cells_are_counted_and_located_by_row_and_column(tmp_path: Path) -> None:
    survey = _write(tmp_path, [*ROWS, ["", "", "", ""], ["2026-03-08", "", "10", "5"]])
    result, _ = run_metrics([survey], None)
    cells = [(c.where, c.reason, c.value) for c in result.invalid.cells]
    assert cells == [
        ("row 3, column 推荐意愿(0-10)", "out_of_range", "11"),
        ("row 4, column 推荐意愿(0-10)", "blank", ""),
        ("row 4, column 满意度(1-5)", "text", "五"),
        ("row 5, column 提交时间", "not_a_date", "2026/2/30"),
        ("row 5, column 满意度(1-5)", "not_integer", "4.5"),
        ("row 6", "empty_row", ""),
        ("row 7, column 渠道", "blank", ""),
    ]
    assert result.invalid.total == 7
    nps = result.metric("nps")
    csat = result.metric("csat")
    assert nps is not None and csat is not None
    assert (nps.responses, csat.responses) == (2, 3)  # row 5's valid answers count nowhere: it has no date
    assert result.covered.dated == 4 and result.covered.first == dt.date(2026, 3, 5)


def test_a_workbook_is_read_and_located_at_its_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "答卷"
    ws.append(HEAD)
    ws.append([dt.datetime(2026, 3, 5, 14, 2), "在线客服", 9, 5])
    ws.append([dt.datetime(2026, 3, 6), "电话热线", 12, 4])
    ws.append([dt.datetime(2026, 3, 7), "App", 7.0, "非常满意"])
    ws.append([None, None, None, None])  # trailing empty rows are formatting, not responses
    path = tmp_path / "survey.xlsx"
    wb.save(path)
    (tmp_path / "metrics.yaml").write_text(
        CONFIG.replace("csat: {column: 满意度(1-5)}", "csat: {column: 满意度(1-5), values: {非常满意: 5}}"),
        encoding="utf-8",
    )
    result, _ = run_metrics([path], None)
    assert [(c.where, c.reason, c.value) for c in result.invalid.cells] == [("答卷!C3", "out_of_range", "12")]
    csat = result.metric("csat")
    assert csat is not None and csat.figures[0].value == 100.0 and csat.figures[0].n == 3
    assert result.inputs[0].sheet == "答卷" and result.covered.rows == 3


BAD_CONFIGS = [
    (
        "metrics:\n  nps: {column: 推荐}\n",
        "metrics.yaml:6: metrics.nps.column: expected a column of survey.csv (提交时间, 渠道, 推荐意愿(0-10), 满意度(1-5)), found '推荐' (absent or there twice)",
    ),
    (
        "metrics:\n  ces: {column: 满意度(1-5), scale: [5, 1]}\n",
        "metrics.yaml:6: metrics.ces: expected a scale [lowest, highest] with lowest below highest, found [5, 1]",
    ),
    ("metrics: {}\n", "metrics.yaml:5: metrics: expected at least one of nps, csat, ces, found none"),
    (
        "metrics:\n  nps: {column: 推荐意愿(0-10)}\nretention:\n  - {period: 2026-Q1, start: 10, end: 30, new: 5}\n",
        "metrics.yaml:8: retention[0]: expected end − new between 0 and start, found start 10, end 30, new 5",
    ),
    (
        "metrics:\n  nps: {column: 推荐意愿(0-10), polarity: higher_is_harder}\n",
        "metrics.yaml:6: metrics.nps.polarity: expected one of column, scale, values, found unknown key 'polarity'",
    ),
]


@pytest.mark.parametrize(("tail", "expected"), BAD_CONFIGS)
def test_a_bad_configuration_is_located(tmp_path: Path, tail: str, expected: str) -> None:
    survey = _write(tmp_path, ROWS)
    head = "schema: cxassess/metrics-config/1\ndate: {column: 提交时间}\nmin_n: 1\nsegments: [渠道]\n"
    (tmp_path / "metrics.yaml").write_text(head + tail, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        run_metrics([survey], None)
    assert [p.text("en").replace(str(tmp_path) + "/", "") for p in exc.value.problems] == [expected]
