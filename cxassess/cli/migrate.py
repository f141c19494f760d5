"""``cxassess migrate ANSWERS -o NEW``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import force_option, lang_option, say, today, wrote
from cxassess.i18n import msg
from cxassess.pipeline.usecases import migrate


@click.command("migrate", help="help.migrate.doc", short_help="help.migrate")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True, help="help.migrate.output"
)
@click.option("--to", "version", default=None, help="help.migrate.version")
@force_option
@lang_option
def command(answers: Path, output: Path, version: str | None, force: bool, lang: str) -> None:
    """Carry ANSWERS over to a newer version of their rubric, as the rubric's migration table
    declares. Nothing is re-scored silently: the new file says, question by question, where each
    answer came from and what could not be carried over, for you to review."""
    done = migrate(answers, output, force=force, today=today(), to=version)
    wrote(done.written.path, done.written.backup)
    say(msg("status.migrated", n=done.carried, old=done.old, new=done.new, dropped=done.dropped))
