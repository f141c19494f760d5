from __future__ import annotations

import importlib
import re

import click
import pytest

from cxassess.cli import COMMANDS, cli
from cxassess.cli.help import width, wrap
from cxassess.i18n.catalogue import CATALOGUE


def test_every_listed_command_loads_under_its_name() -> None:
    for name, (module, help_) in COMMANDS.items():
        command = importlib.import_module(module).command
        assert command.name == name and help_ in CATALOGUE


def test_help_lists_every_command_with_exit_codes_in_chinese_by_default(run_cli) -> None:
    r = run_cli("--help")
    assert r.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in r.stdout
    assert "2 输入或用法有误" in r.stdout and r.stdout.startswith("用法：") and "选项：" in r.stdout


def test_help_follows_lang_wherever_it_stands(run_cli) -> None:
    before = run_cli("score", "--lang", "en", "--help")
    after = run_cli("score", "--help", "--lang", "en")
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout
    assert "Print the versioned JSON result" in before.stdout
    assert before.stdout.startswith("Usage: ") and "Options:" in before.stdout


def test_group_help_in_english_from_the_environment(run_cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXASSESS_LANG", "en")
    r = run_cli("--help")
    assert "2 bad input or usage" in r.stdout and "Show this message and exit." in r.stdout


def _commands() -> list[click.Command]:
    return [cli, *(importlib.import_module(module).command for module, _ in COMMANDS.values())]


def test_every_command_and_option_declares_a_help_code_with_both_languages() -> None:
    for command in _commands():
        assert command.help in CATALOGUE, command.name
        for param in command.params:
            if isinstance(param, click.Option) and param.name not in {"help", "version"}:
                assert param.help in CATALOGUE, (command.name, param.name, param.help)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["", *COMMANDS])
def test_help_fits_80_columns_and_has_no_code_left(run_cli, name: str, lang: str, monkeypatch) -> None:
    monkeypatch.setenv("CXASSESS_LANG", lang)
    r = run_cli(*([name] if name else []), "--help")
    assert r.exit_code == 0
    for line in r.stdout.splitlines():
        assert width(line) <= 80, line
    assert not re.search(r"\bhelp\.[a-z]", r.stdout)
    if lang == "zh":  # no English sentence: words of Latin letters are option names, metavars, ids
        assert not re.search(r"(?<![-\w])(the|and|of|to|with|file)\b", r.stdout), r.stdout


def test_wrapping_counts_chinese_characters_as_two_columns_and_keeps_punctuation_off_line_starts() -> None:
    lines = wrap("评分细则文件（默认：按答卷中 assessment.rubric 的编号查找）。", 20)
    assert all(width(line) <= 20 for line in lines)
    assert not any(line[0] in "，。）" for line in lines)
    assert "".join(lines).replace(" ", "") == "评分细则文件（默认：按答卷中assessment.rubric的编号查找）。"
