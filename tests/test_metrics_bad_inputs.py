"""Hostile and damaged inputs of ``cxassess metrics`` and of cited metrics results: each is a
located problem in the user's language (exit 2) or an unusable cell counted with its reason, never
a traceback and never silently skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HEAD = "提交时间,渠道,推荐意愿(0-10),满意度(1-5)"
CONFIG = """\
schema: cxassess/metrics-config/1
date: {column: 提交时间}
min_n: 1
periods: [quarter]
segments: [渠道]
metrics:
  nps: {column: 推荐意愿(0-10)}
  csat: {column: 满意度(1-5)}
"""


def _rows(n: int, month: int = 3) -> list[str]:
    return [f"2026/{month}/{1 + i % 28} 10:00:00,{'电话' if i % 2 else 'App'},{i % 11},{1 + i % 5}" for i in range(n)]


def _survey(tmp_path: Path, lines: list[str], *, config: str = CONFIG, newline: str = "\n") -> Path:
    survey = tmp_path / "survey.csv"
    survey.write_bytes((newline.join([HEAD, *lines]) + newline).encode("utf-8"))
    (tmp_path / "metrics.yaml").write_text(config, encoding="utf-8")
    return survey


def _json(run_cli, survey: Path, *extra: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    out = survey.parent / "out.json"
    r = run_cli("metrics", survey, "--json", out, "--force", *extra)
    assert r.exit_code == 0, r.stderr
    data: dict = json.loads(out.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def _invalid(data: dict) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    return [(c["where"], c["reason"], c["value"]) for c in data["invalid"]["cells"]]


# --------------------------------------------------------------------------- 1 implausible dates


def test_an_implausible_date_is_an_unusable_cell_not_a_period(run_cli, tmp_path: Path) -> None:
    lines = [*_rows(20), "9999/12/31,App,9,5", "1000/1/1 08:00,App,9,5", "1989/12/31,App,9,5", "1990/1/1,App,9,5"]
    data = _json(run_cli, _survey(tmp_path, lines))
    assert _invalid(data) == [
        ("row 22, column 提交时间", "implausible_date", "9999/12/31"),
        ("row 23, column 提交时间", "implausible_date", "1000/1/1 08:00"),
        ("row 24, column 提交时间", "implausible_date", "1989/12/31"),
    ]
    assert data["covered"] == {"first": "1990-01-01", "last": "2026-03-20", "rows": 24, "dated": 21}
    nps = data["metrics"][0]
    quarters = [f["period"]["id"] for f in nps["figures"] if f["period"] and not f["segment"]]
    assert (quarters[0], quarters[-1], len(quarters)) == ("1990-Q1", "2026-Q1", 145)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("zh", "日期不在 1990-01-01 至 2099-12-31 之间"), ("en", "a date outside 1990-01-01 to 2099-12-31")],
)
def test_the_report_names_the_implausible_date_reason(run_cli, tmp_path: Path, lang: str, text: str) -> None:
    survey = _survey(tmp_path, [*_rows(5), "9999/12/31,App,9,5"])
    out = tmp_path / "r.html"
    r = run_cli("metrics", survey, "-o", out, "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert text in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            "metrics.yaml:11: retention[1].period: 期间应为 1990–2099 年间的年、季度或月，形如 2026、2026-Q3 或 2026-03，实际为 '2026-Q5'",
        ),
        (
            "en",
            "metrics.yaml:11: retention[1].period: expected a year, quarter or month from 1990 to 2099 like 2026, 2026-Q3 or 2026-03, found '2026-Q5'",
        ),
    ],
)
def test_a_bad_retention_period_is_one_message(run_cli, tmp_path: Path, lang: str, expected: str) -> None:
    config = CONFIG + (
        "retention:\n"
        "  - {period: 2026-Q1, start: 100, end: 100, new: 5}\n"
        "  - {period: 2026-Q5, start: 100, end: 100, new: 5}\n"
        "  - {period: 9999-Q4, start: 100, end: 100, new: 5}\n"
    )
    survey = _survey(tmp_path, _rows(5), config=config)
    r = run_cli("metrics", survey, "--lang", lang)
    assert r.exit_code == 2
    lines = [line.replace(str(tmp_path) + "/", "") for line in r.stderr.splitlines()]
    assert lines[0] == expected
    assert "constrained-str" not in r.stderr and ".int" not in r.stderr
    assert "retention[2].period" in lines[1] and "'9999-Q4'" in lines[1]


# --------------------------------------------------------------------------- 4 configuration


def _problems(run_cli, survey: Path, lang: str, *extra: str) -> list[str]:  # type: ignore[no-untyped-def]
    r = run_cli("metrics", survey, "--lang", lang, *extra)
    assert r.exit_code == 2, r.stdout
    assert "Traceback" not in r.stderr
    folder = str(survey.parent) + "/"
    return [line.replace(folder, "") for line in r.stderr.splitlines()[:-1]]


@pytest.mark.parametrize(
    ("fmt", "lang", "expected"),
    [
        (
            "%Q",
            "en",
            "metrics.yaml:2: date.format: expected a strptime format of known directives (such as %Y, %m, %d, %H), found '%Q' with the unknown '%Q'",
        ),
        (
            "%Q",
            "zh",
            "metrics.yaml:2: date.format: 日期格式应只含 strptime 的格式符（如 %Y、%m、%d、%H），实际 '%Q' 含未知的 '%Q'",
        ),
        (
            "%m/%d",
            "en",
            "metrics.yaml:2: date.format: expected a date format with a year (%Y or %y), found '%m/%d' without one",
        ),
        (
            "%d/%m/%Y",
            "en",
            "metrics.yaml:2: date.format: expected a date format that reads column 提交时间 of survey.csv, found '%d/%m/%Y', which reads none of its first 28 distinct non-empty values (e.g. '2026/3/1')",
        ),
        (
            "%d/%m/%Y",
            "zh",
            "metrics.yaml:2: date.format: 日期格式应能读出 survey.csv 的 提交时间 列，实际 '%d/%m/%Y' 在前 28 个不同的非空值中一个也读不出（例如 '2026/3/1'）",
        ),
    ],
)
def test_a_date_format_that_cannot_read_the_dates_is_a_configuration_error(
    run_cli, tmp_path: Path, fmt: str, lang: str, expected: str
) -> None:
    config = CONFIG.replace("date: {column: 提交时间}", f'date: {{column: 提交时间, format: "{fmt}"}}')
    survey = _survey(tmp_path, _rows(40), config=config)
    assert _problems(run_cli, survey, lang) == [expected]


def test_a_format_that_reads_some_dates_lists_the_others_as_unusable(run_cli, tmp_path: Path) -> None:
    config = CONFIG.replace("date: {column: 提交时间}", 'date: {column: 提交时间, format: "%Y/%m/%d"}')
    data = _json(run_cli, _survey(tmp_path, [*_rows(3), "3/5/2026,App,9,5"], config=config))
    assert _invalid(data) == [("row 5, column 提交时间", "not_a_date", "3/5/2026")]


def test_dates_no_automatic_form_reads_ask_for_a_format(run_cli, tmp_path: Path) -> None:
    survey = _survey(tmp_path, ["05.03.26,App,9,5", "06.03.26,App,9,5"])
    assert _problems(run_cli, survey, "en") == [
        "metrics.yaml:2: date.column: expected dates like 2026-03-05, 2026/3/5 or 2026年3月5日 in column 提交时间 of survey.csv (set date.format for others), found none among its first 2 distinct non-empty values (e.g. '05.03.26')"
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "metrics.yaml:9: sheet: expected sheet only with Excel workbooks, found CSV survey files only (survey.csv)",
        ),
        ("zh", "metrics.yaml:9: sheet: sheet 只适用于 Excel 工作簿，实际调查文件都是 CSV（survey.csv）"),
    ],
)
def test_a_sheet_for_csv_surveys_only_is_a_configuration_error(
    run_cli, tmp_path: Path, lang: str, expected: str
) -> None:
    survey = _survey(tmp_path, _rows(5), config=CONFIG + "sheet: 答卷\n")
    assert _problems(run_cli, survey, lang) == [expected]


# --------------------------------------------------------------------------- 2 line endings, records


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_every_line_ending_style_reads_every_row(run_cli, tmp_path: Path, newline: str) -> None:
    lines = [*_rows(30), '2026/3/9,"在线\r\n客服",9,5']
    data = _json(run_cli, _survey(tmp_path, lines, newline=newline))
    assert data["covered"]["rows"] == 31 and data["inputs"][0]["rows"] == 31
    assert data["metrics"][0]["responses"] == 31


def test_mixed_line_endings_read_every_row(run_cli, tmp_path: Path) -> None:
    lines = _rows(40)
    text = (
        HEAD + "\n" + "\r".join(lines[:20]) + "\r" + "\r\n".join(lines[20:30]) + "\r\n" + "\n".join(lines[30:]) + "\n"
    )
    survey = _survey(tmp_path, [])
    survey.write_bytes(text.encode("utf-8"))
    data = _json(run_cli, survey)
    assert data["covered"]["rows"] == 40 and data["covered"]["dated"] == 40


def test_a_row_wider_than_the_headings_is_located_even_when_its_columns_are_not_read(run_cli, tmp_path: Path) -> None:
    survey = _survey(tmp_path, [])
    lines = [f"{line},编号,意见" for line in [HEAD, *_rows(3)]] + ["2026/3/9,App,9,5,A1,意见,extra,extra"]
    survey.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _problems(run_cli, survey, "en") == [
        "survey.csv: row 5: expected at most 6 fields per row (as many as headings), found 8"
    ]


@pytest.mark.parametrize(
    ("line", "lang", "expected"),
    [
        (
            '=HYPERLINK("http://x","y"),App,9,5',
            "en",
            'survey.csv: row 3, column 提交时间: expected a field with quotes in it to be enclosed in quotes (inner quotes doubled), found a quote inside an unquoted field: \'=HYPERLINK("http://x","y"),App,9,5\'',
        ),
        (
            '=HYPERLINK("http://x","y"),App,9,5',
            "zh",
            'survey.csv: 第 3 行，“提交时间”列: 含引号的字段应整体加引号（字段内的引号写成两个），实际在未加引号的字段中有引号：\'=HYPERLINK("http://x","y"),App,9,5\'',
        ),
        (
            '2026/3/9,"App"x,9,5',
            "en",
            "survey.csv: row 3, column 渠道: expected a delimiter or the end of the row after a closing quote, found 'x,9,5' (quotes inside a field are doubled)",
        ),
        (
            '2026/3/9,"App,9,5',
            "en",
            "survey.csv: row 3, column 渠道: expected the quoted field that starts here to end with a quote, found the end of the file",
        ),
    ],
)
def test_a_stray_quote_is_explained_at_its_row_and_column(
    run_cli, tmp_path: Path, line: str, lang: str, expected: str
) -> None:
    survey = _survey(tmp_path, [*_rows(1), line, *_rows(2)])
    assert _problems(run_cli, survey, lang) == [expected]


def test_the_record_count_is_checked_against_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import polars as pl

    from cxassess.core.problems import InputError
    from cxassess.files.survey import Wanted, read_survey

    survey = _survey(tmp_path, _rows(10))
    real = pl.read_csv

    def drops_a_row(*args, **kwargs):  # type: ignore[no-untyped-def]
        return real(*args, **kwargs).head(9)

    monkeypatch.setattr(pl, "read_csv", drops_a_row)
    with pytest.raises(InputError) as exc:
        read_survey(survey, [Wanted("提交时间")])
    assert [p.text("en").replace(str(tmp_path) + "/", "") for p in exc.value.problems] == [
        "survey.csv: (file): expected 10 response rows as the file's line endings and quotes count them, found 9 read"
    ]


# --------------------------------------------------------------------------- 5 unusable text cells


def test_control_characters_and_formulas_are_unusable_cells_not_segments(run_cli, tmp_path: Path) -> None:
    lines = [*_rows(4), "2026/3/9,华\x00东,9,5", "2026/3/9,华\u202e东,9,5", "2026/3/9,=cmd|calc,=5+4,5"]
    data = _json(run_cli, _survey(tmp_path, lines))
    assert _invalid(data) == [
        ("row 6, column 渠道", "control_character", "华\\x00东"),
        ("row 7, column 渠道", "control_character", "华\\u202e东"),
        ("row 8, column 推荐意愿(0-10)", "formula", "=5+4"),
        ("row 8, column 渠道", "formula", "=cmd|calc"),
    ]
    segments = {f["segment"]["value"] for f in data["metrics"][0]["figures"] if f["segment"]}
    assert segments == {"App", "电话"}


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("zh", ["含控制字符（如 NUL 或双向文本控制符）", "公式而非数值"]),
        (
            "en",
            ["contains a control character (such as NUL or a bidirectional-text control)", "a formula, not a value"],
        ),
    ],
)
def test_the_report_names_control_characters_and_formulas(run_cli, tmp_path: Path, lang: str, texts: list[str]) -> None:
    survey = _survey(tmp_path, [*_rows(4), "2026/3/9,华\u202e东,=A1,5"])
    out = tmp_path / "r.html"
    assert run_cli("metrics", survey, "-o", out, "--lang", lang).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert all(t in html for t in texts)
    assert "\u202e" not in html


def test_a_formula_cell_in_a_workbook_is_a_formula_not_a_blank(run_cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "答卷"
    ws.append(HEAD.split(","))
    for line in _rows(3):
        date, channel, nps, csat = line.split(",")
        ws.append([date, channel, int(nps), int(csat)])
    ws.append(["2026/3/9", "App", "=5+4", 5])
    path = tmp_path / "survey.xlsx"
    wb.save(path)
    (tmp_path / "metrics.yaml").write_text(CONFIG, encoding="utf-8")
    data = _json(run_cli, path)
    assert _invalid(data) == [("答卷!C5", "formula", "=5+4")]


# --------------------------------------------------------------------------- 3 cited metrics results

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "zhilian-software"
# lines of examples/zhilian-software/metrics.json: the first figure (nps) and the second (nps@2025-Q1)
FIRST_ID, FIRST_DATE, FIRST_N, FIRST_VALUE, SECOND_ID = 81, 86, 89, 91, 111


def _cited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "client"
    folder.mkdir()
    for name in ("answers.yaml", "metrics.json"):
        (folder / name).write_bytes((EXAMPLE / name).read_bytes())
    metrics = folder / "metrics.json"
    lines = metrics.read_text(encoding="utf-8").split("\n")
    assert lines[FIRST_ID - 1].strip() == '"id": "nps",' and lines[FIRST_VALUE - 1].strip() == '"value": 13.68,'
    metrics.write_text(edit(lines), encoding="utf-8")
    return folder / "answers.yaml"


def _set(line: int, text: str):  # type: ignore[no-untyped-def]
    def edit(lines: list[str]) -> str:
        lines[line - 1] = text
        return "\n".join(lines)

    return edit


def _validate(run_cli, answers: Path, lang: str = "en") -> list[str]:  # type: ignore[no-untyped-def]
    r = run_cli("validate", answers, "--lang", lang)
    assert r.exit_code == 2, r.stdout
    assert "Traceback" not in r.stderr
    folder = str(answers.parent) + "/"
    return [line.replace(folder, "") for line in r.stderr.splitlines()[:-1]]


CITING = "answers.yaml:1136: answers.Q-7.2-06.evidence[2].metrics: expected a usable metrics result, found 1 problem in 'metrics.json' (listed by line)"


@pytest.mark.parametrize(
    ("line", "text", "expected"),
    [
        (
            FIRST_VALUE,
            '"value": NaN,',
            "metrics.json:91: metrics[0].figures[0].value: expected a finite number, found NaN",
        ),
        (
            FIRST_VALUE,
            '"value": Infinity,',
            "metrics.json:91: metrics[0].figures[0].value: expected a finite number, found Infinity",
        ),
        (
            FIRST_VALUE,
            '"value": 1e400,',
            "metrics.json:91: metrics[0].figures[0].value: expected a finite number, found 1e400",
        ),
        (
            FIRST_N,
            '"n": 1000000000000000000000000000000,',
            "metrics.json:89: metrics[0].figures[0].n: expected a value from 0 to 1e+12, found 1000000000000000000000000000000",
        ),
        (
            FIRST_VALUE,
            '"value": 113.68,',
            "metrics.json:91: metrics[0].figures[0].value: expected a value from -100 to 100, found 113.68",
        ),
        (FIRST_N, '"n": "lots",', "metrics.json:89: metrics[0].figures[0].n: expected a whole number, found 'lots'"),
        (
            FIRST_DATE,
            '"first": "2026-02-30",',
            "metrics.json:86: metrics[0].figures[0].covered.first: expected a date (YYYY-MM-DD), found '2026-02-30'",
        ),
        (
            SECOND_ID,
            '"id": "nps",',
            "metrics.json:111: metrics[0].figures[1].id: expected each figure id once, found 'nps' again (first on line 81)",
        ),
        (
            FIRST_ID,
            '"id": "nps", "id": "nps",',
            "metrics.json:81: metrics[0].figures[0].id: expected each key once, found 'id' again (first on line 81)",
        ),
    ],
    ids=[
        "nan",
        "infinity",
        "overflow",
        "huge-n",
        "off-scale",
        "wrong-type",
        "impossible-date",
        "repeated-figure",
        "repeated-key",
    ],
)
def test_a_hand_edited_metrics_result_is_refused_at_its_line_and_field(
    run_cli, tmp_path: Path, line: int, text: str, expected: str
) -> None:
    answers = _cited(tmp_path, _set(line, text))
    assert _validate(run_cli, answers) == [CITING, expected]


def test_a_truncated_metrics_result_names_its_last_line(run_cli, tmp_path: Path) -> None:
    answers = _cited(tmp_path, lambda lines: "\n".join(lines[:500]))
    assert "metrics.json:500: (document): expected complete JSON, found the end of the file (truncated?)" in _validate(
        run_cli, answers, "en"
    )
    zh = _validate(run_cli, answers, "zh")
    assert "metrics.json:500: （整个文件）: 应为完整的 JSON，实际文件提前结束（可能被截断）" in zh


def test_a_nan_in_a_metrics_result_is_reported_in_chinese(run_cli, tmp_path: Path) -> None:
    answers = _cited(tmp_path, _set(FIRST_VALUE, '"value": NaN,'))
    assert _validate(run_cli, answers, "zh") == [
        "answers.yaml:1136: answers.Q-7.2-06.evidence[2].metrics: 引用的指标结果应可使用，实际 'metrics.json' 有 1 个问题（按行列出）",
        "metrics.json:91: metrics[0].figures[0].value: 应为有限的数字，实际为 NaN",
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "answers.yaml:1136: answers.Q-7.2-06.evidence[2].metrics: expected the metrics result cited to be a regular file in the answers file's folder, found 'metrics.json', a symbolic link",
        ),
        (
            "zh",
            "answers.yaml:1136: answers.Q-7.2-06.evidence[2].metrics: 引用的指标结果应为答案文件所在文件夹中的普通文件，实际 'metrics.json' 是符号链接",
        ),
    ],
)
def test_a_symlinked_metrics_result_is_refused_as_a_link(run_cli, tmp_path: Path, lang: str, expected: str) -> None:
    answers = _cited(tmp_path, "\n".join)
    folder = answers.parent
    (folder / "metrics.json").rename(folder / "real.json")
    (folder / "metrics.json").symlink_to(folder / "real.json")
    assert _validate(run_cli, answers, lang) == [expected]


def test_a_survey_of_implausible_dates_only_lists_them_rather_than_blaming_the_format(run_cli, tmp_path: Path) -> None:
    data = _json(run_cli, _survey(tmp_path, ["9999/12/31,App,9,5", "0999/1/1,App,9,5"]))
    assert [reason for _, reason, _ in _invalid(data)] == ["implausible_date", "implausible_date"]
    assert data["covered"]["dated"] == 0
