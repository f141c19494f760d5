"""Hostile input, round 3: what earlier rounds missed.

Each case asserts the exact message (or its located start) and the exit code.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import GOOD, good_copy

# --------------------------------------------------------------------------- YAML parser wording


@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (
            "notes: a: b",
            "此处不允许出现“键: 值”（常见原因：值中含未加引号的冒号）",
            "mapping values are not allowed here (an unquoted colon in a value?)",
        ),
        (
            "notes: [a, b",
            "方括号未闭合，或其中的项之间缺少逗号“,”",
            "an unclosed square bracket or a missing ',' between its items",
        ),
        (
            "notes: {a: b",
            "花括号未闭合，或其中的项之间缺少逗号“,”",
            "an unclosed brace or a missing ',' between its items",
        ),
        ("notes: !e!x y", "“!”开头的标签无效（请删除标签）", "an invalid '!' tag (remove the tag)"),
    ],
)
def test_the_c_parsers_wording_of_common_yaml_mistakes_is_told_in_the_users_language(
    run_cli, tmp_path: Path, value: str, zh: str, en: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(f"schema: cxassess/answers/1\nx:\n  {value}\n", encoding="utf-8")
    r = run_cli("validate", path)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].endswith(f"（整个文件）: 应为有效的 YAML，实际有语法错误：{zh}")
    assert "解析器报告" not in r.stderr
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].endswith(f"expected valid YAML, found a syntax error: {en}")


def test_a_repeated_yaml_directive_is_told_in_the_users_language(run_cli, tmp_path: Path) -> None:
    path = good_copy(tmp_path)
    path.write_text("%YAML 1.1\n%YAML 1.1\n---\n" + GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    r = run_cli("validate", path)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{path}:2: （整个文件）: 应为有效的 YAML，实际有语法错误：“%”开头的指令无效或重复（请删除该行）"
    )


# --------------------------------------------------------------------------- numbers too long to print


def test_a_hexadecimal_level_too_long_to_print_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    path = good_copy(tmp_path)
    text = path.read_text(encoding="utf-8").replace("    level: 4\n", "    level: 0x" + "f" * 5000 + "\n", 1)
    path.write_text(text, encoding="utf-8")
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{path}:15: answers.q1.level: expected a valid value, found '0x{'f' * 58}'"


def _workbook(run_cli, tmp_path: Path, fmt: str = "xlsx") -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / f"q.{fmt}"
    r = run_cli("questionnaire", "tiny-rubric", "-o", out, "--answers", GOOD)
    assert r.exit_code == 0, r.stderr
    return out


def test_a_csv_level_of_thousands_of_digits_is_an_error_at_its_cell_not_a_crash(run_cli, tmp_path: Path) -> None:
    path = _workbook(run_cli, tmp_path, "csv")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    level = rows[0].index("level")
    line = next(n for n, row in enumerate(rows, start=1) if row[0] == "q1")
    rows[line - 1][level] = "9" * 5000
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp_path / "a.yaml"
    r = run_cli("import", "--lang", "en", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines()[0] == (
        f"{path}: row {line}, column level: expected a whole number, found '{'9' * 57}...'"
    )


# --------------------------------------------------------------------------- damaged workbooks


def _damage_sheet(path: Path, part: str) -> None:
    """Cut a sheet's XML in half: the zip is sound, the sheet is not (found when it is read)."""
    src = zipfile.ZipFile(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            data = src.read(item)
            zf.writestr(item.filename, data[: len(data) // 2] if item.filename == part else data)
    path.write_bytes(buf.getvalue())


def test_a_workbook_whose_question_sheet_is_damaged_is_an_error_naming_the_sheet(run_cli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = _workbook(run_cli, tmp_path)
    wb = load_workbook(path, read_only=True)
    part = wb["问卷"]._worksheet_path.lstrip("/")  # the sheet's part in the zip
    wb.close()
    _damage_sheet(path, part)
    out = tmp_path / "a.yaml"
    r = run_cli("import", path, "-o", out)
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.splitlines() == [
        f"{path}: 问卷: 应为可读取的工作表，实际已损坏（请在 Excel 中打开工作簿后重新保存为 .xlsx）",
        "共发现 1 个问题。",
    ]


def test_a_survey_workbook_whose_sheet_is_damaged_is_an_error_naming_the_sheet(run_cli, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "答卷"
    ws.append(["提交时间", "推荐意愿(0-10)"])
    for i in range(200):
        ws.append([f"2026/3/{1 + i % 28}", i % 11])
    survey = tmp_path / "survey.xlsx"
    wb.save(survey)
    _damage_sheet(survey, "xl/worksheets/sheet1.xml")
    (tmp_path / "metrics.yaml").write_text(
        "schema: cxassess/metrics-config/1\ndate: {column: 提交时间}\nmetrics:\n  nps: {column: 推荐意愿(0-10)}\n",
        encoding="utf-8",
    )
    r = run_cli("metrics", "--lang", "en", survey)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{survey}: 答卷: expected a readable sheet, found a damaged one "
        "(open the workbook in Excel and save it again as .xlsx)"
    )


# --------------------------------------------------------------------------- files that are not questionnaires


def test_importing_a_csv_that_is_not_a_questionnaire_never_quotes_it(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "passwd.csv"
    path.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n", encoding="utf-8")
    r = run_cli("import", path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{path}: 第 1 行: 第 1 行应为列名（至少包含 id, value, level），实际为 不是 cxassess 文件的内容"
    )
    assert "/bin/bash" not in r.stderr


def test_importing_a_workbook_without_either_questionnaire_sheet_never_quotes_its_sheet_names(
    run_cli, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Salaries 2026"
    path = tmp_path / "book.xlsx"
    wb.save(path)
    r = run_cli("import", "--lang", "en", path, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == (
        f"{path}: (file): expected the sheets 问卷/Questions, 组织信息/Profile, "
        "found content that is not a cxassess document"
    )
    assert "Salaries" not in r.stderr


# --------------------------------------------------------------------------- compare skips nothing silently


def test_compare_lists_a_verification_file_in_a_folder_as_not_taken(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(GOOD, folder / "answers.yaml")
    verification = folder / "verification.yaml"
    verification.write_text(
        "schema: cxassess/verification/1\nauditor: 赵敏\ndate: 2026-10-05\nanswers: answers.yaml\n"
        "findings:\n  q1: {status: verified}\n",
        encoding="utf-8",
    )
    r = run_cli("compare", "--lang", "en", folder, "--json", tmp_path / "portfolio.json")
    assert r.exit_code == 0, r.stderr
    assert r.stderr.splitlines() == [
        f"not taken: {verification}: not an answers file (schema cxassess/verification/1)",
    ]


def test_compare_refuses_an_overlay_id_that_is_not_compared_instead_of_leaving_its_card_out(
    run_cli, tmp_path: Path
) -> None:
    answers = good_copy(tmp_path)
    out = tmp_path / "portfolio.html"
    r = run_cli("compare", "--lang", "en", answers, "-o", out, "--overlay", "tiny-org", "--overlay", "acme")
    assert r.exit_code == 2 and not out.exists()
    assert r.stderr.strip() == (
        "error: --overlay expects the organisation.id of an organisation compared, found 'acme', "
        "which is not among them"
    )
    r = run_cli("compare", answers, "-o", out, "--overlay", "tiny-org")
    assert r.exit_code == 0, r.stderr


# --------------------------------------------------------------------------- click's own errors, translated


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ("report", "{folder}", "-o", "r.html"),
            "错误：ANSWERS 应为文件，实际 {folder} 是文件夹",
            "error: ANSWERS: expected a file, found the folder {folder}",
        ),
        (
            ("score", "{answers}", "--target", "{folder}"),
            "错误：--target 应为文件，实际 {folder} 是文件夹",
            "error: --target: expected a file, found the folder {folder}",
        ),
        (
            ("report", "--batch", "{answers}", "-o", "out"),
            "错误：--batch 应为文件夹，实际 {answers} 是文件",
            "error: --batch: expected a folder, found the file {answers}",
        ),
        (
            ("report", "{answers}", "-o", "r.html", "--jobs", "0"),
            "错误：--jobs 应为 1–64 之间的整数，实际为 0",
            "error: --jobs: expected a whole number from 1 to 64, found 0",
        ),
        (
            ("compare", "{answers}", "--json", "p.json", "--jobs", "x"),
            "错误：--jobs 应为整数，实际为 'x'",
            "error: --jobs: expected a whole number, found 'x'",
        ),
    ],
)
def test_clicks_own_path_and_number_errors_are_told_in_the_users_language(
    run_cli, tmp_path: Path, args: tuple[str, ...], zh: str, en: str
) -> None:
    answers = good_copy(tmp_path)
    folder = tmp_path / "clients"
    folder.mkdir()
    filled = [a.format(folder=folder, answers=answers) for a in args]
    for lang, expected in (("zh", zh), ("en", en)):
        r = run_cli(*filled, "--lang", lang)
        assert r.exit_code == 2
        assert r.stderr.splitlines()[0] == expected.format(folder=folder, answers=answers)


def test_a_batch_output_folder_that_is_a_symbolic_link_is_refused_as_a_link(run_cli, tmp_path: Path) -> None:
    clients = tmp_path / "clients"
    clients.mkdir()
    shutil.copy(GOOD, clients / "answers.yaml")
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "out"
    link.symlink_to(real)
    r = run_cli("report", "--lang", "en", "--batch", clients, "-o", link, "--format", "html", "--jobs", "1")
    assert r.exit_code == 2
    assert (
        r.stderr.strip() == f"error: the output folder {link} must be a folder, found a symbolic link (never followed)"
    )
    assert list(real.iterdir()) == []


# --------------------------------------------------------------------------- metrics configurations

SURVEY_HEAD = "提交时间,渠道,推荐意愿(0-10)"


def _metrics(tmp_path: Path, config: str) -> Path:
    survey = tmp_path / "survey.csv"
    rows = [f"2026/3/{1 + i % 28},{'电话' if i % 2 else 'App'},{i % 11}" for i in range(60)]
    survey.write_text("\n".join([SURVEY_HEAD, *rows]) + "\n", encoding="utf-8")
    (tmp_path / "metrics.yaml").write_text(
        "schema: cxassess/metrics-config/1\ndate: {column: 提交时间}\nmetrics:\n  nps: {column: 推荐意愿(0-10)}\n"
        + config,
        encoding="utf-8",
    )
    return survey


def test_a_retention_count_past_floats_range_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    survey = _metrics(tmp_path, "retention:\n  - {period: 2026-Q1, start: 1" + "0" * 400 + ", end: 3, new: 1}\n")
    r = run_cli("metrics", "--lang", "en", survey)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].startswith(
        f"{tmp_path / 'metrics.yaml'}:6: retention[0].start: expected a number ≤ 1000000000000, found 1000"
    )


def test_a_segment_problem_is_told_once_at_its_field_without_pydantics_union_names(run_cli, tmp_path: Path) -> None:
    survey = _metrics(tmp_path, "segments:\n  - {column: 渠道, label: {zh: '', en: Channel}}\n  - ''\n")
    r = run_cli("metrics", survey)
    assert r.exit_code == 2
    config = tmp_path / "metrics.yaml"
    assert r.stderr.splitlines() == [
        f"{config}:6: segments[0].label.zh: 应为非空文本，实际为 ''",
        f"{config}:7: segments[1]: 应为非空文本，实际为 ''",
        "共发现 2 个问题。",
    ]


def test_a_date_format_without_any_directive_is_told_in_words_not_as_a_pattern(run_cli, tmp_path: Path) -> None:
    survey = _metrics(tmp_path, "")
    config = tmp_path / "metrics.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "date: {column: 提交时间}", "date: {column: 提交时间, format: YYYY-MM-DD}"
        ),
        encoding="utf-8",
    )
    r = run_cli("metrics", survey)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{config}:2: date.format: 日期格式应含年份（%Y 或 %y），实际 'YYYY-MM-DD' 没有"


@pytest.mark.parametrize(
    ("lines", "zh"),
    [
        ([], "第 1 行: 第 1 行应为列名，实际为空"),
        (
            [SURVEY_HEAD, "2026/3/1,App,9", '2026/3/2,"App,9'],
            "第 3 行，“渠道”列: 以引号开头的字段应以引号结束，实际直到文件末尾都没有",
        ),
        ([SURVEY_HEAD, "2026/3/1,App,9,extra"], "第 2 行: 每行应不超过 3 个字段（与列名行相同），实际为 4 个"),
    ],
)
def test_a_damaged_survey_is_located_in_chinese_words_in_a_chinese_run(
    run_cli, tmp_path: Path, lines: list[str], zh: str
) -> None:
    survey = _metrics(tmp_path, "")
    survey.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    r = run_cli("metrics", survey)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{survey}: {zh}"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_a_questionnaire_csv_saved_as_unicode_text_comes_back_exactly(run_cli, tmp_path: Path, encoding: str) -> None:
    path = _workbook(run_cli, tmp_path, "csv")
    first = tmp_path / "first.yaml"
    assert run_cli("import", path, "-o", first).exit_code == 0
    path.write_bytes(path.read_text(encoding="utf-8-sig").encode(encoding))  # with its BOM
    again = tmp_path / "again.yaml"
    r = run_cli("import", path, "-o", again)
    assert r.exit_code == 0, r.stderr
    assert again.read_bytes() == first.read_bytes()


def test_a_utf32_survey_is_read_by_its_bom_not_as_utf16_with_nul_characters(run_cli, tmp_path: Path) -> None:
    survey = _metrics(tmp_path, "")
    survey.write_bytes(survey.read_text(encoding="utf-8").encode("utf-32"))
    r = run_cli("metrics", "--lang", "en", survey)
    assert r.exit_code == 0, r.stderr
    assert "\x00" not in r.stdout + r.stderr
    assert "60 rows" in r.stdout


# --------------------------------------------------------------------------- never quote a file that is not ours


def test_a_schema_line_of_a_file_that_is_not_a_cxassess_document_is_never_quoted(run_cli, tmp_path: Path) -> None:
    secret = tmp_path / "secrets.yaml"
    secret.write_text("schema: hunter2-is-my-password\n", encoding="utf-8")
    answers = good_copy(tmp_path)
    for args, expected in (
        (("validate", secret), "应为以下文件类型之一："),
        (("score", answers, "--target", secret), "应为目标文件（schema cxassess/targets/1）"),
    ):
        r = run_cli(*args)
        assert r.exit_code == 2
        assert expected in r.stderr
        assert r.stderr.splitlines()[0].endswith("实际为 不是 cxassess 文件的内容")
        assert "hunter2" not in r.stderr


def test_a_mistyped_cxassess_schema_is_still_quoted_with_its_correction(run_cli, tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text("schema: cxassess/answer/1\n", encoding="utf-8")
    r = run_cli("validate", "--lang", "en", path)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].endswith("found 'cxassess/answer/1' (did you mean cxassess/answers/1?)")


def test_a_survey_with_none_of_the_configured_columns_is_not_quoted(run_cli, tmp_path: Path) -> None:
    survey = _metrics(tmp_path, "")
    survey.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n", encoding="utf-8")
    r = run_cli("metrics", survey)
    assert r.exit_code == 2
    config = tmp_path / "metrics.yaml"
    assert r.stderr.splitlines() == [
        f"{config}:2: date.column: 应为 survey.csv 中的列名，实际为 '提交时间'："
        "survey.csv 没有配置中的任何一列（它是调查导出文件吗？其内容不予引用）",
        f"{config}:4: metrics.nps.column: 应为 survey.csv 中的列名，实际为 '推荐意愿(0-10)'："
        "survey.csv 没有配置中的任何一列（它是调查导出文件吗？其内容不予引用）",
        "共发现 2 个问题。",
    ]


# --------------------------------------------------------------------------- batches


def test_a_batch_folder_holding_a_link_to_answers_elsewhere_is_rendered_not_a_crash(run_cli, tmp_path: Path) -> None:
    elsewhere = good_copy(tmp_path)
    folder = tmp_path / "clients"
    folder.mkdir()
    (folder / "acme.yaml").symlink_to(elsewhere)
    out = tmp_path / "out"
    r = run_cli("report", "--lang", "en", "--batch", folder, "-o", out, "--format", "html", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["acme.html"]


def test_two_answers_files_that_would_share_a_report_name_each_keep_their_report(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    (folder / "acme").mkdir(parents=True)
    shutil.copy(GOOD, folder / "acme" / "answers.yaml")
    other = GOOD.read_text(encoding="utf-8").replace("id: tiny-org", "id: tiny-org-2").replace("测试组织", "第二组织")
    (folder / "acme.yaml").write_text(other, encoding="utf-8")
    out = tmp_path / "out"
    r = run_cli("report", "--lang", "en", "--batch", folder, "-o", out, "--format", "html", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[-1] == f"wrote 2 of 2 gap-analysis reports to {out}"
    reports = sorted(p.name for p in out.iterdir() if p.suffix == ".html")
    assert reports == ["acme-2.html", "acme.html"]
    texts = {"第二组织" in (out / name).read_text(encoding="utf-8") for name in reports}
    assert texts == {True, False}  # one report per organisation, neither replaced by the other


# --------------------------------------------------------------------------- loops of symbolic links


def _loop(folder: Path, name: str) -> Path:
    a, b = folder / name, folder / f"other-{name}"
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    return a


def test_compare_of_a_symbolic_link_loop_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    loop = _loop(tmp_path, "loop.yaml")
    r = run_cli("compare", "--lang", "en", loop, good_copy(tmp_path), "--json", tmp_path / "p.json")
    assert r.exit_code == 2
    assert (
        r.stderr.splitlines()[0]
        == f"{loop}: (file): expected a readable file, found it unreadable (system error ELOOP)"
    )


def test_a_theme_logo_that_is_a_symbolic_link_loop_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    _loop(tmp_path, "logo.svg")
    theme = tmp_path / "theme.yaml"
    theme.write_text("schema: cxassess/theme/1\nname: 青松\nlogo: logo.svg\n", encoding="utf-8")
    r = run_cli("validate", theme)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0] == f"{theme}:3: logo: 应为已存在的图片文件，实际在 'logo.svg' 处没有文件"


def test_a_verification_naming_a_symbolic_link_loop_is_a_located_error_not_a_crash(run_cli, tmp_path: Path) -> None:
    answers = good_copy(tmp_path)
    _loop(tmp_path, "loop.yaml")
    verification = tmp_path / "verification.yaml"
    verification.write_text(
        "schema: cxassess/verification/1\nauditor: 赵敏\ndate: 2026-10-05\nanswers: loop.yaml\nfindings: {}\n",
        encoding="utf-8",
    )
    r = run_cli("readiness", "--lang", "en", answers, "--verification", verification, "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].startswith(f"{verification}:4: answers: expected the answers file assessed")


def test_a_text_file_cited_as_a_metrics_result_is_not_quoted(run_cli, tmp_path: Path) -> None:
    answers = good_copy(tmp_path)
    (tmp_path / "notes.txt").write_text("password=hunter2\n", encoding="utf-8")
    text = answers.read_text(encoding="utf-8").replace(
        "        ref: R-1\n",
        "        ref: R-1\n      - {title: 满意度, kind: data, date: 2026-09-01, metrics: notes.txt, figure: nps}\n",
    )
    answers.write_text(text, encoding="utf-8")
    r = run_cli("validate", answers)
    assert r.exit_code == 2
    assert "notes.txt:1: （整个文件）: 应为格式正确的 JSON，实际在第 1 列为 不是 cxassess 文件的内容" in r.stderr
    assert "hunter2" not in r.stderr


def test_a_library_rubric_without_a_version_is_told_at_its_lines_not_as_version_none(
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "lib"
    (library / "rubrics").mkdir(parents=True)
    (library / "standards").mkdir()
    rubric = library / "rubrics" / "mine.yaml"
    rubric.write_text("schema: cxassess/rubric/1\nid: mine\n", encoding="utf-8")
    monkeypatch.setenv("CXASSESS_PATH", str(library))
    answers = good_copy(tmp_path)
    answers.write_text(answers.read_text(encoding="utf-8").replace("rubric: tiny-rubric", "rubric: mine"), "utf-8")
    r = run_cli("score", "--lang", "en", answers)
    assert r.exit_code == 2
    assert "None" not in r.stderr
    assert r.stderr.splitlines()[-2:] == [f"{rubric}:1: version: expected a value, found nothing", "6 problems found."]
