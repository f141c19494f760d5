"""Problems in Chinese when the interface language is zh (the default)."""

from __future__ import annotations

import re

import pytest

from cxassess.messages import to_zh
from tests.conftest import DATA
from tests.test_cli_errors import VALIDATE_CASES

BAD = DATA / "bad"


@pytest.mark.parametrize(("name", "expected"), VALIDATE_CASES, ids=[n for n, _ in VALIDATE_CASES])
def test_every_bad_input_reads_in_chinese_by_default(run_cli, name: str, expected: list[str]) -> None:
    r = run_cli("validate", BAD / name)
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert lines[-1] == f"共发现 {len(expected)} 个问题。"
    for line in lines[:-1]:
        message = line.split(": ", 2)[-1]
        assert not re.search(r"\b(expected|found)\b", message), line
        assert re.search(r"[\u4e00-\u9fff]", message), line


def test_exact_chinese_lines() -> None:
    assert to_zh("expected 0–5, found 7") == "应为 0–5，实际为 7"
    assert to_zh("expected a date (YYYY-MM-DD), found '上周'") == "应为日期（YYYY-MM-DD），实际为 '上周'"
    assert to_zh("expected a value, found nothing") == "此项必填，实际为空"
    assert (
        to_zh("expected a level (question Q-5.2-01 is a core item and cannot be N/A), found na: true")
        == "应填写等级（问题 Q-5.2-01 是核心项，不得选择“不适用”），实际选择了不适用"
    )


def test_option_prefixed_messages_are_translated_after_the_prefix() -> None:
    assert (
        to_zh("--vocabulary: expected one of cnca, iso17021 (declared in rubric gbt42509-default), found 'nope'")
        == "--vocabulary：应为准则 gbt42509-default 中声明的以下之一：cnca, iso17021；实际为 'nope'"
    )


def test_an_unknown_message_is_kept_rather_than_guessed() -> None:
    assert to_zh("something entirely new") == "something entirely new"


def test_command_line_errors_are_chinese_too(run_cli, tmp_path) -> None:
    out = tmp_path / "answers.yaml"
    out.write_text("mine", encoding="utf-8")
    r = run_cli("questionnaire", "gbt42509-default", "-o", out)
    assert r.exit_code == 2
    assert r.stderr.strip() == f"错误：{out} 已存在，未覆盖（使用 --force 替换，旧文件会保留为 .bak 备份）"


def test_import_problems_are_chinese_by_default(run_cli, tmp_path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    r = run_cli("import", bad, "-o", tmp_path / "a.yaml")
    assert r.exit_code == 2
    assert r.stderr.startswith(f"{bad}: （文件）: 应为 Excel 工作簿（.xlsx），实际无法读取")
