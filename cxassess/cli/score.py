"""``cxassess score ANSWERS``"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from cxassess.cli.common import input_options, lang_option, load_from_options, safe_write
from cxassess.model import Lang
from cxassess.scoring import result_json, score


@click.command("score")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the versioned JSON result instead of the table.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the JSON result to this file."
)
@click.option("--force", is_flag=True, help="Replace an existing output file (a .bak copy is kept).")
@input_options
@lang_option
def command(
    answers: Path,
    as_json: bool,
    output: Path | None,
    force: bool,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Score an answers file and print a summary table (or, with --json, the JSON result)."""
    assessment = load_from_options(answers, rubric_path, standard_path, targets_path)
    result = score(
        assessment.standard.model,
        assessment.rubric.model,
        assessment.answers.model,
        targets=assessment.target_levels(),
        inputs=assessment.digests(),
    )
    text = result_json(result)
    if output is not None:
        safe_write(output, text, force=force)
    if as_json:
        click.echo(text, nl=False)
        return
    from rich.console import Console

    from cxassess.rendering.terminal import print_summary

    print_summary(result, assessment.standard.model, assessment.rubric.model, cast(Lang, lang), Console())
