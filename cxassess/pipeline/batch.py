"""Batches: the single command's use case run once per answers file, on all cores.

Each job calls exactly what the single command calls (``gap_report`` or ``readiness``) with the
same options (rubric, standard, targets, theme, language, vocabulary, format), so a batch and a
single run give byte-identical outputs. Workers are separate processes recycled after a few
reports each (WeasyPrint's memory grows across renders in one process; ``runners.run_local``).
With ``--scheduler`` the same ``run_job`` runs as tasks on a Dask cluster (``cluster.py``).
A bad file is reported with its located problems and skipped; every good report is
still written. Every other file under the folder is listed with the reason it was not taken.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from cxassess.core.problems import EnvironmentProblem, InputError, Problem, UsageProblem
from cxassess.files.checking import NotTaken, find_answer_files, verifications_for
from cxassess.files.fsys import prepare_folder, resolved
from cxassess.i18n import Msg, msg
from cxassess.pipeline.usecases import RenderOptions, Sources, gap_report, readiness

REPORTS_PER_WORKER = 8
Kind = Literal["report", "readiness"]


def reports_per_worker() -> int:
    """How many reports a worker renders before it is replaced (``CXASSESS_REPORTS_PER_WORKER``)."""
    try:
        return max(1, int(os.environ.get("CXASSESS_REPORTS_PER_WORKER", REPORTS_PER_WORKER)))
    except ValueError:
        return REPORTS_PER_WORKER


@dataclass(frozen=True)
class Job:
    kind: Kind
    sources: Sources
    output: Path
    options: RenderOptions
    today: dt.date


@dataclass(frozen=True)
class Outcome:
    source: Path
    output: Path | None
    problems: tuple[Problem, ...] = ()
    errors: tuple[Msg, ...] = ()
    verdict: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors


def output_name(folder: Path, source: Path, suffix: str, taken: set[str] | None = None) -> str:
    """``clients/acme/answers.yaml`` → ``acme.pdf``; ``clients/2026/acme.yaml`` → ``2026__acme.pdf``.

    A name already ``taken`` by another file of the batch (``acme.yaml`` beside ``acme/answers.yaml``)
    is never reused, or one report would replace the other: the file's full relative name is
    used instead (``acme__answers.pdf``), then a number."""
    try:  # the name as found under the folder: a symbolic link is named for itself, not its target
        rel = source.relative_to(folder)
    except ValueError:
        rel = resolved(source).relative_to(resolved(folder))
    parts = list(rel.parent.parts) if rel.stem == "answers" else [*rel.parent.parts, rel.stem]
    name = _fit("__".join(parts or [rel.stem]))
    taken = taken if taken is not None else set()
    if name + suffix in taken:
        name = _fit("__".join([*rel.parent.parts, rel.stem]))
    base, n = name, 2
    while name + suffix in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name + suffix)
    return name + suffix


NAME_BYTES = 180  # a file name's limit is 255 bytes: room for the suffix, "-N" and ".bak.N"


def _fit(name: str) -> str:
    """A flattened name that fits a file system's name limit: a name from deep folders keeps its
    last (most specific) characters and gains a digest of the whole, so two stay apart."""
    if len(name.encode("utf-8", "surrogateescape")) <= NAME_BYTES:
        return name
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:10]
    room = NAME_BYTES - 12
    tail = name[-room:]  # at most that many characters; fewer where they take several bytes
    while len(tail.encode("utf-8", "surrogateescape")) > room:
        tail = tail[1:]
    return f"{tail.lstrip('_')}~{digest}"


def run_job(job: Job) -> Outcome:
    """One file: the single command's use case (runs in a worker process)."""
    source = job.sources.answers
    try:
        if job.kind == "report":
            gap_report(job.sources, job.output, job.options, today=job.today)
            return Outcome(source, job.output)
        result = readiness(job.sources, job.output, None, job.options, today=job.today).result
        return Outcome(source, job.output, verdict=result.verdict)
    except InputError as exc:
        return Outcome(source, None, problems=tuple(exc.problems))
    except (UsageProblem, EnvironmentProblem) as exc:
        return Outcome(source, None, errors=(exc.message,))
    except Exception as exc:  # one broken file must not stop the batch
        return Outcome(
            source, None, errors=(msg("status.internal_error", kind=type(exc).__name__, detail=str(exc)[:300]),)
        )


@dataclass(frozen=True)
class Plan:
    jobs: list[Job]
    not_taken: list[NotTaken]
    refused: list[Outcome] = field(default_factory=list)


def plan_batch(
    kind: Kind, folder: Path, outdir: Path, template: Sources, options: RenderOptions, *, today: dt.date, suffix: str
) -> Plan:
    """One job per answers file under ``folder`` with the options of the single command."""
    if not folder.is_dir():
        raise UsageProblem(msg("usage.batch_not_folder", path=str(folder)))
    found = find_answer_files([folder])
    if not found.answers:
        raise UsageProblem(msg("usage.batch_no_answers", path=str(folder)))
    prepare_folder(outdir)
    options = replace(options, branding=options.brand(), theme=None)  # a bad theme fails before any work
    jobs: list[Job] = []
    refused: list[Outcome] = []  # answers files no job can be made for, with the reason
    used: set[Path] = set()
    names: set[str] = set()
    for source in found.answers:
        sources = replace(template, answers=source)
        if kind == "readiness" and template.verification is None:
            import hashlib

            from cxassess.files.fsys import read_bytes

            try:
                sha = hashlib.sha256(read_bytes(source)).hexdigest()
            except InputError:
                sha = ""
            paired = verifications_for(source, found.verifications, sha)
            used.update(paired)
            if len(paired) > 1:
                # which auditor's verification is the one? not ours to guess: the verdict hangs on it
                files = tuple(str(v) for v in paired)
                refused.append(Outcome(source, None, errors=(msg("batch.verifications_ambiguous", files=files),)))
                continue
            if paired:
                sources = replace(sources, verification=paired[0])
        jobs.append(Job(kind, sources, outdir / output_name(folder, source, suffix, names), options, today))
    not_taken = list(found.not_taken)
    not_taken += [
        NotTaken(v, msg("reason.schema_not_answers", schema="cxassess/verification/1"), problem=False)
        for v in found.verifications
        if v not in used
    ]
    return Plan(jobs, sorted(not_taken, key=lambda n: str(n.path)), refused)


def lost_job(job: Job, error: BaseException) -> Outcome:
    """A job whose task was lost on a cluster (its worker died): skipped with the reason."""
    detail = f"{type(error).__name__}: {error}"[:300]
    return Outcome(job.sources.answers, None, errors=(msg("status.task_lost", detail=detail),))
