"""``cxassess score ANSWERS``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import current_lang, force_option, input_options, lang_option, today
from cxassess.core.scoring import result_json
from cxassess.pipeline.usecases import Sources, run_score


@click.command("score")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the versioned JSON result instead of the table.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write the JSON result to this file."
)
@click.option(
    "--verification",
    "verification_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An auditor's verification file: its levels and the evidence seen are used.",
)
@force_option
@input_options
@lang_option
def command(
    answers: Path,
    as_json: bool,
    output: Path | None,
    verification_path: Path | None,
    force: bool,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Score an answers file and print a summary table (or, with --json, the JSON result)."""
    sources = Sources(answers, rubric_path, standard_path, targets_path, verification_path)
    scored = run_score(sources, today=today(), output=output, force=force)
    if as_json:
        click.echo(result_json(scored.result), nl=False)
        return
    from rich.console import Console

    from cxassess.rendering.terminal import print_summary

    print_summary(scored.result, scored.standard, scored.rubric, current_lang(), Console())
