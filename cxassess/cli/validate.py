"""``cxassess validate PATH...``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import EXIT_INPUT, current_lang, lang_option, print_problems, say, today
from cxassess.i18n import msg
from cxassess.pipeline.usecases import validate


@click.command("validate", help="help.validate.doc", short_help="help.validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@lang_option
def command(paths: tuple[Path, ...], lang: str) -> None:
    """Check standards, rubrics, answers, targets, verification and theme files (or folders of
    them) with exactly the checks the other commands run, cross-references included.

    Every problem of every file is reported in one pass as `file:line: path: expected …, found …`;
    exit code 2 when there is any.
    """
    result = validate(list(paths), today=today())
    if result.problems:
        print_problems(result.problems, current_lang())
        raise SystemExit(EXIT_INPUT)
    say(msg("status.no_problems"))
