"""``cxassess report ANSWERS -o report.pdf``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.batching import run_batch_command
from cxassess.cli.common import (
    batch_options,
    current_lang,
    force_option,
    format_option,
    input_options,
    lang_option,
    today,
    wrote,
)
from cxassess.core.problems import UsageProblem
from cxassess.i18n import msg
from cxassess.pipeline.usecases import RenderOptions, Sources, gap_report


@click.command("report", help="help.report.doc", short_help="help.report")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="help.report.output",
)
@click.option(
    "--verification",
    "verification_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.opt.verification_path",
)
@format_option(["pdf", "html", "json"])
@force_option
@batch_options
@input_options
@lang_option
def command(
    answers: Path | None,
    output: Path,
    verification_path: Path | None,
    batch: Path | None,
    jobs: int | None,
    scheduler: str | None,
    theme_path: Path | None,
    fmt: str | None,
    force: bool,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Render the gap-analysis report of an answers file: executive summary, charts, clause by
    clause, a roadmap of actions, every answer and the method."""
    options = RenderOptions(lang=current_lang(), fmt=fmt, theme=theme_path, force=force)
    if batch is not None:
        if answers is not None:
            raise UsageProblem(msg("usage.batch_needs_output"))
        template = Sources(Path(), rubric_path, standard_path, targets_path, verification_path)
        raise SystemExit(run_batch_command("report", batch, output, template, options, jobs=jobs, scheduler=scheduler))
    if scheduler is not None:
        raise UsageProblem(msg("usage.scheduler_needs_batch"))
    if answers is None:
        raise UsageProblem(msg("usage.answers_or_batch"))
    sources = Sources(answers, rubric_path, standard_path, targets_path, verification_path)
    done = gap_report(sources, output, options, today=today())
    wrote(done.path, done.backup)
