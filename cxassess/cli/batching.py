"""Running a report command over a folder (``--batch``): progress, skipped files, summary."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from cxassess.cli.common import EXIT_FINDINGS, EXIT_OK, current_lang, say, today
from cxassess.core.problems import UsageProblem
from cxassess.i18n import msg
from cxassess.pipeline.batch import Kind, Outcome, lost_job, plan_batch, reports_per_worker, run_job
from cxassess.pipeline.runners import run
from cxassess.pipeline.usecases import RenderOptions, Sources


@contextlib.contextmanager
def progress_bar(label: str, total: int | None = None) -> Iterator[tuple[Callable[[int], None], Callable[[int], None]]]:
    """A progress bar on standard error (shown on a terminal only): yields ``(start(total),
    advance(n))``."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        disable=not os.isatty(2),
    ) as progress:
        task = progress.add_task(label, total=total)

        def start(n: int) -> None:
            progress.update(task, total=n)

        def advance(n: int) -> None:
            progress.advance(task, n)

        yield start, advance


def run_batch_command(
    kind: Kind,
    folder: Path,
    outdir: Path | None,
    template: Sources,
    options: RenderOptions,
    *,
    jobs: int | None,
    scheduler: str | None = None,
) -> int:
    if outdir is None:
        raise UsageProblem(msg("usage.batch_needs_output"))
    if template.verification is not None:
        raise UsageProblem(msg("usage.verification_with_batch"))
    if scheduler is not None:
        from cxassess.pipeline.cluster import check_address

        check_address(scheduler)
    suffix = f".{options.fmt or 'pdf'}"  # --format is one of the report's formats (pdf, html, json)
    plan = plan_batch(kind, folder, outdir, template, options, today=today(), suffix=suffix)
    lang = current_lang()
    for n in plan.not_taken:
        say(msg("status.not_taken", path=str(n.path), reason=n.reason), err=True)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(plan.jobs)))
    outcomes: list[Outcome] = list(plan.refused)
    with progress_bar(msg(f"progress.{kind}").text(lang), len(plan.jobs)) as (_, advance):
        for outcome in run(
            run_job, plan.jobs, workers=workers, scheduler=scheduler, per_worker=reports_per_worker(), lost=lost_job
        ):
            outcomes.append(outcome)
            advance(1)
    outcomes.sort(key=lambda o: str(o.source))
    failed = [o for o in outcomes if not o.ok]
    for o in failed:
        for p in o.problems:
            click.echo(p.text(lang), err=True)
        for e in o.errors:
            click.echo(f"{o.source}: {e.text(lang)}", err=True)
        say(msg("status.skipped", path=str(o.source)), err=True)
    written = len(outcomes) - len(failed)
    kind_label = msg(f"status.kind.{kind}")
    if failed:
        say(
            msg(
                "status.batch_summary_skipped",
                written=written,
                total=len(outcomes),
                kind=kind_label,
                outdir=str(outdir),
                skipped=len(failed),
            )
        )
    else:
        say(msg("status.batch_summary", written=written, total=len(outcomes), kind=kind_label, outdir=str(outdir)))
    problem_files = [n for n in plan.not_taken if n.problem]
    return EXIT_FINDINGS if failed or problem_files else EXIT_OK
