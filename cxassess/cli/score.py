"""``cxassess score ANSWERS``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import current_lang, force_option, input_options, lang_option, today
from cxassess.core.scoring import result_json
from cxassess.pipeline.usecases import Sources, run_score


@click.command("score", help="help.score.doc", short_help="help.score")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="help.score.as_json")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="help.score.output")
@click.option(
    "--verification",
    "verification_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.opt.verification_path",
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
