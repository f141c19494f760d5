"""``cxassess readiness ANSWERS [--verification FILE] -o readiness.pdf [--json FILE]``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.batching import run_batch_command
from cxassess.cli.common import (
    EXIT_OK,
    batch_options,
    current_lang,
    force_option,
    format_option,
    input_options,
    lang_option,
    say,
    today,
    wrote,
)
from cxassess.core.problems import UsageProblem
from cxassess.core.readiness import Verdict
from cxassess.i18n import msg
from cxassess.pipeline.usecases import RenderOptions, Sources, readiness

EXIT_CONDITIONAL = 5  # ready subject to accepted action plans
EXIT_NOT_READY = 6
EXIT_CANNOT_CONCLUDE = 7  # a core item is unanswered: no verdict
VERDICT_EXIT: dict[Verdict, int] = {
    "ready": EXIT_OK,
    "conditional": EXIT_CONDITIONAL,
    "not_ready": EXIT_NOT_READY,
    "cannot_conclude": EXIT_CANNOT_CONCLUDE,
}


@click.command("readiness", help="help.readiness.doc", short_help="help.readiness")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "--verification",
    "verification_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.readiness.verification_path",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="help.readiness.output",
)
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False), help="help.readiness.json_path")
@format_option(["pdf", "html", "json"])
@click.option("--vocabulary", default=None, help="help.readiness.vocabulary")
@force_option
@batch_options
@input_options
@lang_option
def command(
    answers: Path | None,
    verification_path: Path | None,
    output: Path | None,
    json_path: Path | None,
    fmt: str | None,
    vocabulary: str | None,
    force: bool,
    batch: Path | None,
    jobs: int | None,
    scheduler: str | None,
    theme_path: Path | None,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Certification readiness: graded findings, a verdict and a report an auditor signs.

    \b
    Exit code tells the verdict: 0 ready · 5 ready subject to accepted action plans · 6 not ready ·
    7 cannot conclude (a core item is unanswered); 2, 3, 4 as for every command.
    With --batch: 0 every report written, 1 some files skipped.
    """
    options = RenderOptions(lang=current_lang(), fmt=fmt, theme=theme_path, vocabulary=vocabulary, force=force)
    if batch is not None:
        if answers is not None:
            raise UsageProblem(msg("usage.batch_needs_output"))
        if json_path is not None:
            raise UsageProblem(msg("usage.json_with_batch"))
        template = Sources(Path(), rubric_path, standard_path, targets_path, verification_path)
        code = run_batch_command("readiness", batch, output, template, options, jobs=jobs, scheduler=scheduler)
        raise SystemExit(code)
    if scheduler is not None:
        raise UsageProblem(msg("usage.scheduler_needs_batch"))
    if answers is None:
        raise UsageProblem(msg("usage.answers_or_batch"))
    if output is None and json_path is None:
        raise UsageProblem(msg("usage.need_output_or_json"))
    sources = Sources(answers, rubric_path, standard_path, targets_path, verification_path)
    outcome = readiness(sources, output, json_path, options, today=today())
    for w in outcome.written:
        wrote(w.path, w.backup)
    verdict = msg(f"rd.verdict.{outcome.result.verdict}")
    if outcome.result.verification is None:  # a self-assessment: an indication, not an audit conclusion
        say(msg("status.verdict_unverified", verdict=verdict))
    else:
        say(msg("status.verdict", verdict=verdict))
    raise SystemExit(VERDICT_EXIT[outcome.result.verdict])
