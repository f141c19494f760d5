from __future__ import annotations

import importlib

from cxassess.cli import COMMANDS


def test_every_listed_command_loads_under_its_name() -> None:
    for name, (module, help_) in COMMANDS.items():
        command = importlib.import_module(module).command
        assert command.name == name and help_


def test_help_lists_every_command_with_exit_codes(run_cli) -> None:
    r = run_cli("--help")
    assert r.exit_code == 0
    for name in COMMANDS:
        assert f"  {name} " in r.stdout
    assert "2 bad input or usage" in r.stdout
