"""``cxassess compare PATH... -o compare.pdf [--json FILE]``"""

from __future__ import annotations

import os
from pathlib import Path

import click

from cxassess.cli.batching import progress_bar
from cxassess.cli.common import (
    EXIT_FINDINGS,
    current_lang,
    force_option,
    format_option,
    lang_option,
    say,
    scheduler_option,
    today,
    wrote,
)
from cxassess.core.problems import UsageProblem
from cxassess.files.checking import NotTaken
from cxassess.i18n import msg
from cxassess.pipeline.usecases import RenderOptions, compare


@click.command("compare", help="help.compare.doc", short_help="help.compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.compare.output",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.compare.json_path",
)
@format_option(["pdf", "html", "json"])
@click.option(
    "--overlay",
    multiple=True,
    help="help.compare.overlay",
)
@click.option(
    "--theme",
    "theme_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.opt.theme_path",
)
@click.option("--jobs", type=click.IntRange(1, 64), default=None, help="help.compare.jobs")
@scheduler_option
@force_option
@lang_option
def command(
    paths: tuple[Path, ...],
    output: Path | None,
    json_path: Path | None,
    fmt: str | None,
    overlay: tuple[str, ...],
    theme_path: Path | None,
    jobs: int | None,
    scheduler: str | None,
    force: bool,
    lang: str,
) -> None:
    """Compare organisations: answers files or folders of them, all on one rubric.

    Assessments with the same organisation.id are one organisation: its latest assessment is
    compared and the earlier ones give its trend.
    """
    if output is None and json_path is None:
        raise UsageProblem(msg("usage.need_output_or_json"))
    if scheduler is not None:
        from cxassess.pipeline.cluster import check_address

        check_address(scheduler)

    def not_taken(n: NotTaken) -> None:
        say(msg("status.not_taken", path=str(n.path), reason=n.reason), err=True)

    options = RenderOptions(lang=current_lang(), fmt=fmt, theme=theme_path, force=force)
    with progress_bar(msg("progress.compare").text(current_lang())) as (started, advance):
        outcome = compare(
            list(paths),
            output,
            json_path,
            options,
            overlay=list(overlay) or None,
            today=today(),
            workers=jobs or os.cpu_count() or 1,
            scheduler=scheduler,
            started=started,
            advance=advance,
            not_taken=not_taken,
        )
    for w in outcome.written:
        wrote(w.path, w.backup)
    say(msg("status.compare_summary", orgs=len(outcome.portfolio.organisations), assessments=outcome.assessments))
    if outcome.untaken_problems:
        # a YAML file that could not be taken (an answers file with a YAML mistake …) may be an
        # organisation left out of the comparison: the exit code says so, as for a batch
        raise SystemExit(EXIT_FINDINGS)
