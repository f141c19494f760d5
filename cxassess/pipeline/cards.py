"""Scoring many answers files into scorecards: the per-file work of a comparison.

Each file is read once: a file found in a folder is told apart by its ``schema`` key with
``find_answer_files``'s own ``sort_file`` (an answers file is scored, anything else is listed as
not taken), then loaded, checked and scored with the single commands' own code, and reduced to a
``Scorecard`` (what a comparison keeps). Files go to workers in chunks, so thousands of small tasks cost little;
a worker keeps its library (rubrics and standards parsed and checked once).
"""

from __future__ import annotations

import datetime as dt
import gc
import uuid
from dataclasses import dataclass
from pathlib import Path

from cxassess.core.model import Answers
from cxassess.core.portfolio import Scorecard
from cxassess.core.problems import InputError, Problem, file_problem
from cxassess.core.provenance import InputDigest
from cxassess.files.checking import NotTaken, load_assessment, sort_file
from cxassess.files.documents import Loaded, validate_model
from cxassess.files.fsys import resolved
from cxassess.files.library import Library, data_roots

CHUNK = 32  # files per task


@dataclass(frozen=True)
class Candidate:
    """A file to score: named on the command line (``explicit``: taken as answers whatever it
    holds) or found in a folder (taken only if its schema says it holds answers)."""

    path: Path
    explicit: bool


@dataclass(frozen=True)
class CardJob:
    first: int  # index of the first file in the whole list
    files: tuple[Candidate, ...]
    today: dt.date
    run: str  # one comparison: a worker keeps its library for the tasks of one run only


@dataclass(frozen=True)
class Card:
    """One file's outcome: a scorecard, its problems, or why it was not taken."""

    index: int
    path: Path
    card: Scorecard | None = None
    problems: tuple[Problem, ...] = ()
    not_taken: NotTaken | None = None
    answers: InputDigest | None = None
    standard: InputDigest | None = None
    rubric: InputDigest | None = None
    rubric_line: int = 0  # the line of ``assessment.rubric`` (for a mixed-rubric problem)

    @property
    def scored(self) -> bool:
        return self.card is not None


_LIBRARY: dict[tuple[str, tuple[Path, ...]], Library] = {}


def worker_library(run: str = "") -> Library:
    """This process's library for one run and the data roots in force: kept between the tasks of
    a run (rubrics and standards read and checked once), never from one run to the next."""
    key = (run, tuple(data_roots()))
    library = _LIBRARY.get(key)
    if library is None:
        _LIBRARY.clear()
        library = _LIBRARY[key] = Library(list(key[1]))
    return library


def candidates(paths: list[Path]) -> list[Candidate]:
    """The files under ``paths`` in the order ``find_answer_files`` takes them, each once."""
    from cxassess.files.checking import walk

    out: list[Candidate] = []
    for p in paths:
        if not p.is_dir():
            out.append(Candidate(p, True))
        else:
            out.extend(Candidate(f, False) for f in walk(p))
    taken: set[Path] = set()  # a file named twice (or inside a folder also given) is read once
    unique = []
    for c in out:
        key = resolved(c.path)
        if key not in taken:
            taken.add(key)
            unique.append(c)
    return unique


def chunks(files: list[Candidate], today: dt.date, size: int = CHUNK) -> list[CardJob]:
    run = uuid.uuid4().hex
    return [CardJob(i, tuple(files[i : i + size]), today, run) for i in range(0, len(files), size)]


def score_files(job: CardJob) -> list[Card]:
    """Score a chunk of files (runs in a worker process, or on a cluster worker)."""
    library = worker_library(job.run)
    cards = [score_file(job.first + i, c, job.today, library) for i, c in enumerate(job.files)]
    _settle(job.run)
    return cards


_SETTLED: set[str] = set()


def _settle(run: str) -> None:
    """Once per run in each process, after its first chunk: what has lived so far (above all the
    library, read once and kept) is left out of the cyclic collector's passes (``gc.freeze``).
    Scoring a file makes thousands of short-lived objects that reference counting frees; each
    collection pass would otherwise walk the whole library again (a fifth of the CPU time)."""
    if run in _SETTLED:
        return
    _SETTLED.add(run)
    gc.collect()
    gc.freeze()


def score_file(index: int, candidate: Candidate, today: dt.date, library: Library) -> Card:
    from cxassess.pipeline.usecases import score_assessment

    path = candidate.path
    preloaded: Loaded[Answers] | None = None
    if not candidate.explicit:
        found = sort_file(path)
        if found.document is None:  # not an answers file (a verification file is listed, not compared)
            return Card(index, path, not_taken=found.not_taken)
        data, marks, sha = found.document
        try:
            preloaded = Loaded(validate_model(Answers, data, path, marks), path, marks, sha)
        except InputError as exc:
            return Card(index, path, problems=tuple(exc.problems))
    try:
        assessment = load_assessment(path, today=today, library=library, answers=preloaded)
    except InputError as exc:
        return Card(index, path, problems=tuple(exc.problems))
    scored = score_assessment(assessment)
    answers = assessment.answers_file
    return Card(
        index,
        path,
        card=Scorecard.of(scored.result, scored.actions, str(path)),
        answers=answers.digest("answers"),
        standard=assessment.standard.digest("standard"),
        rubric=assessment.rubric.digest("rubric"),
        rubric_line=answers.marks.line_of(("assessment", "rubric")) or 0,
    )


def lost_chunk(job: CardJob, error: BaseException) -> list[Card]:
    """A chunk whose task was lost on a cluster (its worker died): each file with the reason."""
    detail = f"{type(error).__name__}: {error}"[:300]
    return [
        Card(job.first + i, c.path, problems=(file_problem(c.path, "status.task_lost", detail=detail),))
        for i, c in enumerate(job.files)
    ]
