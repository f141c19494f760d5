"""``cxassess import 问卷.xlsx -o answers.yaml``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import force_option, lang_option, today, wrote
from cxassess.pipeline.usecases import import_questionnaire


@click.command("import", help="help.import.doc", short_help="help.import")
@click.argument("source", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="help.import.output"
)
@force_option
@lang_option
def command(source: Path, output: Path, force: bool, lang: str) -> None:
    """Read a filled-in questionnaire (.xlsx or .csv) back into an answers file.

    Every problem is reported at once as `file: sheet!cell: expected …, found …` (exit code 2);
    an existing answers file is only replaced with --force, and then kept as a .bak copy.
    """
    done = import_questionnaire(source, output, force=force, today=today())
    wrote(done.path, done.backup)
