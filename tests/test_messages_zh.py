"""Problems in Chinese when the interface language is zh (the default)."""

from __future__ import annotations

import re

import pytest

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
