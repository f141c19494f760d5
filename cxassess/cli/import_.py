"""``cxassess import 问卷.xlsx -o answers.yaml``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import lang_option, safe_write, today
from cxassess.rendering.questionnaire_yaml import render_questionnaire
from cxassess.spreadsheet import import_answers


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="Answers file to write."
)
@click.option("--force", is_flag=True, help="Replace an existing answers file (a .bak copy is kept).")
@lang_option
def command(source: Path, output: Path, force: bool, lang: str) -> None:
    """Read a filled-in questionnaire (.xlsx or .csv) back into an answers file.

    Every problem is reported at once as `file: sheet!cell: expected …, found …` (exit code 2);
    an existing answers file is only replaced with --force, and then kept as a .bak copy.
    """
    answers, rubric, standard = import_answers(source, today=today())
    backup = safe_write(output, render_questionnaire(rubric, standard, answers), force=force)
    click.echo(f"wrote {output}" + (f" (previous file kept as {backup})" if backup else ""))
