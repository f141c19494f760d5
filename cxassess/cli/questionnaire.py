"""``cxassess questionnaire RUBRIC -o answers.yaml|问卷.xlsx|问卷.csv``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import current_lang, force_option, format_option, lang_option, today, wrote
from cxassess.pipeline.usecases import questionnaire


@click.command("questionnaire", help="help.questionnaire.doc", short_help="help.questionnaire")
@click.argument("rubric")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="help.questionnaire.output",
)
@format_option(["yaml", "xlsx", "csv"])
@click.option(
    "--answers",
    "existing",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.questionnaire.existing",
)
@force_option
@lang_option
def command(rubric: str, output: Path, fmt: str | None, existing: Path | None, force: bool, lang: str) -> None:
    """Write a questionnaire for RUBRIC (a file or a rubric id): a commented bilingual YAML
    template, an Excel workbook or a CSV file, optionally pre-filled from existing answers."""
    done = questionnaire(rubric, output, fmt=fmt, prefill=existing, lang=current_lang(), force=force, today=today())
    wrote(done.path, done.backup)
