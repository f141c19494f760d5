"""``cxassess validate PATH...``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import EXIT_INPUT, lang_option, print_problems, today
from cxassess.loading import validate_paths


@click.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option
def command(paths: tuple[Path, ...], lang: str) -> None:
    """Check catalogues, rubrics and answers files (or folders of them), cross-references included.

    Every problem is reported in one pass as `file:line: path: expected …, found …`; exit code 2
    when there is any.
    """
    problems = validate_paths(list(paths), today=today())
    if problems:
        print_problems(problems, lang)
        raise SystemExit(EXIT_INPUT)
    click.echo("没有发现问题。" if lang == "zh" else "No problems found.")
