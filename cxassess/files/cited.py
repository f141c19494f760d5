"""Metrics results cited as evidence: read (bounded), validated, and their figures located.

An evidence item may cite a figure of a ``cxassess metrics --json`` result by file name (relative
to the answers file, inside its folder) and figure id. Every cited file becomes an input of the
assessment (its SHA-256 in every result, attached to the readiness PDF).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from cxassess.core.evidence import CitedFigure
from cxassess.core.model import Answers
from cxassess.core.problems import InputError, Problem
from cxassess.files.documents import Loaded
from cxassess.files.fsys import read_text
from cxassess.i18n import Param

MAX_METRICS_BYTES = 50 * 1024 * 1024
METRICS_SCHEMA = "cxassess/metrics/1"


@dataclass(frozen=True)
class CitedFile:
    path: Path
    sha256: str
    figures: dict[str, CitedFigure]  # every figure of the result, by id
    metric_figures: dict[str, list[CitedFigure]]  # by metric: the figures over periods, for trends


def _figures(name: str, doc: dict[str, object]) -> tuple[dict[str, CitedFigure], dict[str, list[CitedFigure]]]:
    from cxassess.core.metrics import MetricsResult  # the result model (numpy stays out of other commands)

    result = MetricsResult.model_validate(doc)
    figures: dict[str, CitedFigure] = {}
    by_metric: dict[str, list[CitedFigure]] = {}
    for m in result.metrics:
        for f in m.figures:
            cf = CitedFigure(
                file=name,
                id=f.id,
                metric=m.id,
                value=f.value,
                low=f.interval.low if f.interval else None,
                high=f.interval.high if f.interval else None,
                n=f.n,
                too_few=f.too_few,
                first=f.covered.first,
                last=f.covered.last,
            )
            figures[f.id] = cf
            if f.period is not None and f.segment is None:
                by_metric.setdefault(m.id, []).append(cf)
    return figures, by_metric


def load_cited(answers: Loaded[Answers]) -> tuple[dict[str, CitedFile], list[Problem]]:
    """The metrics files the answers cite, and every problem with a citation (located)."""
    files, found = read_cited(answers.model, answers.path.resolve().parent)
    return files, [answers.problem(path, code, **params) for path, code, params in found]


CitationProblem = tuple[tuple[str | int, ...], str, dict[str, Param]]


def read_cited(model: Answers, folder: Path) -> tuple[dict[str, CitedFile], list[CitationProblem]]:
    """The metrics files cited by answers kept in ``folder``, and every problem with a citation
    as (path in the answers, message code, parameters): ``cxassess import`` checks what it is
    about to write with the same function as ``validate``."""
    files: dict[str, CitedFile] = {}
    problems: list[CitationProblem] = []
    for qid, answer in model.answers.items():
        for i, ev in enumerate(answer.evidence):
            if ev.metrics is None:
                continue
            here: tuple[str | int, ...] = ("answers", qid, "evidence", i, "metrics")
            if ev.metrics not in files:
                path = (folder / ev.metrics).resolve()
                if not path.is_relative_to(folder):
                    problems.append((here, "evidence.metrics_outside", {"found": repr(ev.metrics)}))
                    continue
                try:
                    text, sha = read_text(path, MAX_METRICS_BYTES)
                    doc = json.loads(text)
                    if not isinstance(doc, dict) or doc.get("schema") != METRICS_SCHEMA:
                        raise ValueError
                    figures, by_metric = _figures(ev.metrics, doc)
                except InputError as exc:
                    problems += [(here, "evidence.metrics_unreadable", {"detail": p.message}) for p in exc.problems]
                    continue
                except (ValueError, ValidationError):
                    problems.append((here, "evidence.metrics_not_result", {"found": repr(ev.metrics)}))
                    continue
                files[ev.metrics] = CitedFile(path, sha, figures, by_metric)
            if ev.figure not in files[ev.metrics].figures:
                problems.append(
                    (
                        ("answers", qid, "evidence", i, "figure"),
                        "evidence.figure_unknown",
                        {"file": ev.metrics, "found": repr(ev.figure)},
                    )
                )
    return files, problems
