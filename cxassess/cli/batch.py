"""Batch rendering: every client's report in one run, on all cores, with a progress bar.

Workers are separate processes recycled after a few reports each (WeasyPrint's memory grows
across renders in one process). ``multiprocessing.Pool(maxtasksperchild=…)`` does the recycling:
``ProcessPoolExecutor(max_tasks_per_child=…)`` deadlocks on Python 3.11–3.13 once a worker is
replaced (CPython gh-115634). A bad file is reported with its located problems and skipped;
every good report is still written.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

import click

from cxassess.cli.common import EXIT_FINDINGS, EXIT_OK, EnvironmentProblem, UserError
from cxassess.loading import find_answer_files
from cxassess.problems import InputError

REPORTS_PER_WORKER = 8


def reports_per_worker() -> int:
    """How many reports a worker renders before it is replaced (``CXASSESS_REPORTS_PER_WORKER``)."""
    try:
        return max(1, int(os.environ.get("CXASSESS_REPORTS_PER_WORKER", REPORTS_PER_WORKER)))
    except ValueError:
        return REPORTS_PER_WORKER


@dataclass(frozen=True)
class Job:
    kind: str  # "report" or "readiness"
    source: Path
    output: Path
    lang: str
    fmt: str
    today: dt.date
    force: bool
    theme: Path | None
    vocabulary: str | None = None


@dataclass(frozen=True)
class Outcome:
    source: Path
    output: Path | None
    problems: list[str]


def output_name(folder: Path, source: Path, suffix: str) -> str:
    """``clients/acme/answers.yaml`` → ``acme.pdf``; ``clients/2026/acme.yaml`` → ``2026__acme.pdf``."""
    rel = source.resolve().relative_to(folder.resolve())
    parts = list(rel.parent.parts) if rel.stem == "answers" else [*rel.parent.parts, rel.stem]
    return "__".join(parts or [rel.stem]) + suffix


def run_job(job: Job) -> Outcome:
    """Render one report (runs in a worker process)."""
    from typing import cast

    from cxassess.loading import load_assessment, load_theme
    from cxassess.model import Lang

    try:
        branding = load_theme(job.theme) if job.theme is not None else None
        assessment = load_assessment(job.source, today=job.today)
        if job.kind == "report":
            from cxassess.cli.report import render_report

            render_report(assessment, cast(Lang, job.lang), job.fmt, job.output, force=job.force, branding=branding)
        else:
            from cxassess.cli.readiness import readiness_of, render_readiness

            result = readiness_of(assessment)
            render_readiness(
                assessment,
                result,
                cast(Lang, job.lang),
                job.vocabulary,
                job.fmt,
                job.output,
                force=job.force,
                branding=branding,
            )
        return Outcome(job.source, job.output, [])
    except InputError as exc:
        return Outcome(job.source, None, [p.text(job.lang) for p in exc.problems])
    except (UserError, EnvironmentProblem) as exc:
        return Outcome(job.source, None, [f"{job.source}: {exc}"])
    except Exception as exc:  # one broken file must not stop the batch
        return Outcome(job.source, None, [f"{job.source}: internal error: {type(exc).__name__}: {exc}"])


def run_batch(
    kind: str,
    folder: Path,
    outdir: Path,
    *,
    lang: str,
    fmt: str,
    today: dt.date,
    force: bool,
    jobs: int | None,
    theme: Path | None,
    vocabulary: str | None = None,
) -> int:
    if not folder.is_dir():
        raise UserError(f"--batch {folder}: expected a folder of answers files, found none")
    sources = find_answer_files([folder])
    if not sources:
        raise UserError(f"--batch {folder}: expected answers files (schema cxassess/answers/1), found none")
    suffix = ".html" if fmt == "html" else ".pdf"
    todo = [
        Job(kind, s, outdir / output_name(folder, s, suffix), lang, fmt, today, force, theme, vocabulary)
        for s in sources
    ]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    outcomes: list[Outcome] = []
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
        disable=not os.isatty(2),
    ) as progress:
        task = progress.add_task(kind, total=len(todo))
        if workers == 1:
            for job in todo:
                outcomes.append(run_job(job))
                progress.advance(task)
        else:
            context = multiprocessing.get_context("spawn")  # no fork while the progress thread runs
            with context.Pool(processes=workers, maxtasksperchild=reports_per_worker()) as pool:
                for outcome in pool.imap_unordered(run_job, todo):
                    outcomes.append(outcome)
                    progress.advance(task)
    outcomes.sort(key=lambda o: str(o.source))
    failed = [o for o in outcomes if o.problems]
    for o in failed:
        for line in o.problems:
            click.echo(line, err=True)
        click.echo(f"skipped {o.source}", err=True)
    written = len(outcomes) - len(failed)
    label = {"report": "gap-analysis reports", "readiness": "readiness reports"}[kind]
    click.echo(
        f"wrote {written} of {len(outcomes)} {label} to {outdir}" + (f"; {len(failed)} skipped" if failed else "")
    )
    return EXIT_FINDINGS if failed else EXIT_OK


def batch_or_single(
    kind: str,
    answers: Path | None,
    batch: Path | None,
    output: Path | None,
    *,
    lang: str,
    fmt: str | None,
    force: bool,
    jobs: int | None,
    theme: Path | None,
    vocabulary: str | None = None,
) -> Path:
    """With --batch, render the whole folder and exit with the batch's code; else return ANSWERS."""
    from cxassess.cli.common import today

    if batch is not None:
        if answers is not None or output is None:
            raise click.UsageError("--batch FOLDER needs -o OUTDIR and no ANSWERS")
        code = run_batch(
            kind,
            batch,
            output,
            lang=lang,
            fmt=fmt or "pdf",
            today=today(),
            force=force,
            jobs=jobs,
            theme=theme,
            vocabulary=vocabulary,
        )
        raise SystemExit(code)
    if answers is None:
        raise click.UsageError("give an ANSWERS file, or --batch FOLDER")
    return answers
