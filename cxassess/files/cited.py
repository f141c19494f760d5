"""Metrics results cited as evidence: read (bounded), validated, and their figures located.

An evidence item may cite a figure of a ``cxassess metrics --json`` result by file name (relative
to the answers file, inside its folder, not through a symbolic link) and figure id. Every cited
file becomes an input of the assessment (its SHA-256 in every result, attached to the readiness
PDF).

A cited result may have been edited by hand, so it is read as strictly as a YAML input: JSON with
a duplicate key, NaN or Infinity is refused, and every problem (damaged JSON, a wrong type, an
impossible date, a repeated figure id, a value off its metric's scale) is located as
``metrics.json:LINE: metrics[0].figures[3].value: expected …, found …``. The lines come from a
second, position-keeping pass over the text, made only when something is wrong.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cxassess.core.evidence import CitedFigure
from cxassess.core.model import Answers
from cxassess.core.problems import WHOLE_DOCUMENT, InputError, Problem, format_path
from cxassess.files.documents import Loaded, describe_error
from cxassess.files.fsys import read_text, resolved
from cxassess.files.yamlio import Marks
from cxassess.i18n import Msg, Param, msg

MAX_METRICS_BYTES = 50 * 1024 * 1024
METRICS_SCHEMA = "cxassess/metrics/1"
MAX_COUNT = 10**12  # more responses or customers than any survey or customer base has
# the range of a figure's value and interval, by metric (CES: the scale recorded in the result)
RANGES = {"nps": (-100.0, 100.0), "csat": (0.0, 100.0), "retention": (0.0, 100.0), "churn": (0.0, 100.0)}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class CitedFile:
    path: Path
    sha256: str
    figures: dict[str, CitedFigure]  # every figure of the result, by id
    metric_figures: dict[str, list[CitedFigure]]  # by metric: the figures over periods, for trends


# --------------------------------------------------------------------------- strict JSON


class _Suspect(Exception):
    """JSON that Python's parser reads but a result must not have (a duplicate key, NaN …)."""


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(items)
    if len(out) != len(items):
        raise _Suspect
    return out


def _no_constant(name: str) -> Any:
    raise _Suspect


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Suspect
    return value


_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?")
_CONSTANTS = (("NaN", None), ("-Infinity", None), ("Infinity", None), ("true", True), ("false", False), ("null", None))


class _Positions:
    """A second pass over JSON text that Python's parser accepted: the line of every key and
    array item, and the first duplicate key or non-finite number with its place."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.marks = Marks()
        self.problem: tuple[Path_, int, Msg] | None = None

    def line(self, pos: int) -> int:
        return bisect.bisect_left(self.newlines, pos) + 1

    def ws(self, pos: int) -> int:
        m = _WS.match(self.text, pos)
        return m.end() if m else pos

    def flag(self, path: Path_, pos: int, message: Msg) -> None:
        if self.problem is None:
            self.problem = (path, self.line(pos), message)

    def value(self, pos: int, path: Path_) -> int:
        text = self.text
        pos = self.ws(pos)
        c = text[pos]
        if c == "{":
            pos = self.ws(pos + 1)
            if text[pos] == "}":
                return pos + 1
            seen: dict[str, int] = {}
            while True:
                pos = self.ws(pos)
                key, end = _scanstring(text, pos + 1)
                here = (*path, key)
                if key in seen:
                    self.flag(here, pos, msg("json.duplicate_key", key=repr(key), line=seen[key]))
                seen[key] = self.line(pos)
                self.marks.lines.setdefault(here, seen[key])
                pos = self.ws(end) + 1  # the colon
                pos = self.ws(self.value(pos, here))
                pos += 1
                if text[pos - 1] == "}":
                    return pos
        if c == "[":
            pos = self.ws(pos + 1)
            if text[pos] == "]":
                return pos + 1
            i = 0
            while True:
                pos = self.ws(pos)
                self.marks.lines.setdefault((*path, i), self.line(pos))
                pos = self.ws(self.value(pos, (*path, i))) + 1
                i += 1
                if text[pos - 1] == "]":
                    return pos
        if c == '"':
            return int(_scanstring(text, pos + 1)[1])
        for word, _ in _CONSTANTS:
            if text.startswith(word, pos):
                if word in ("NaN", "-Infinity", "Infinity"):
                    self.flag(path, pos, msg("json.not_finite", found=word))
                return pos + len(word)
        m = _NUMBER.match(text, pos)
        if m is None:  # not reached: the text has been parsed once already
            raise ValueError(pos)
        if (m.group(1) or m.group(2)) and not math.isfinite(float(m.group())):
            self.flag(path, pos, msg("json.not_finite", found=m.group()))
        return m.end()


def _positions(text: str) -> _Positions:
    found = _Positions(text)
    # lines are a help for the messages; without them the paths still say where
    with contextlib.suppress(ValueError, IndexError, RecursionError):
        found.value(0, ())
    return found


def _syntax_problem(name: str, text: str, exc: json.JSONDecodeError) -> Problem:
    # a file that does not even start like a metrics result may be anything (notes, secrets):
    # the place is told, its content is not quoted
    ours = '"cxassess/metrics/' in text[:4096]
    found = _excerpt(text[exc.pos :]) if ours else msg("value.not_document")
    if exc.pos >= len(text.rstrip()):
        message = msg("json.truncated")
    elif exc.msg.startswith("Extra data"):
        message = msg("json.extra", found=found)
    else:
        message = msg("json.unexpected", column=exc.colno, found=found)
    return Problem(name, exc.lineno, WHOLE_DOCUMENT, message)


def _excerpt(text: str) -> str:
    text = text.split("\n", 1)[0]
    return repr(text if len(text) <= 30 else text[:27] + "...")


def parse_strict(name: str, text: str) -> tuple[Any, Callable[[], Marks]]:
    """The JSON document and a way to get its lines; InputError with located problems for
    damaged JSON, a duplicate key, NaN or Infinity."""
    try:
        doc = json.loads(text, object_pairs_hook=_pairs, parse_constant=_no_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise InputError([_syntax_problem(name, text, exc)]) from None
    except RecursionError:
        raise InputError([Problem(name, 1, WHOLE_DOCUMENT, msg("json.too_deep"))]) from None
    except (_Suspect, ValueError):  # ValueError: an integer of more digits than Python converts
        found = _positions(text)
        if found.problem is None:
            raise InputError([Problem(name, 1, WHOLE_DOCUMENT, msg("json.too_long_number"))]) from None
        path, line, message = found.problem
        raise InputError([Problem(name, line, format_path(path), message)]) from None
    cache: list[Marks] = []

    def marks() -> Marks:
        if not cache:
            cache.append(_positions(text).marks)
        return cache[0]

    return doc, marks


# --------------------------------------------------------------------------- the result


def _figures(
    name: str, doc: dict[str, Any], marks: Callable[[], Marks]
) -> tuple[dict[str, CitedFigure], dict[str, list[CitedFigure]]]:
    from cxassess.core.metrics import MetricsResult  # the result model (numpy stays out of other commands)

    try:
        result = MetricsResult.model_validate(doc)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc, message = describe_error(MetricsResult, err)
            problems.append(Problem(name, marks().line_of(loc) or 0, format_path(loc), message))
        raise InputError(problems) from None
    problems = []
    figures: dict[str, CitedFigure] = {}
    by_metric: dict[str, list[CitedFigure]] = {}
    where: dict[str, Path_] = {}
    for mi, m in enumerate(result.metrics):
        low, high = RANGES.get(m.id, (-math.inf, math.inf))
        if m.id == "ces" and m.scale is not None and len(m.scale) == 2:
            low, high = float(m.scale[0]), float(m.scale[1])
        for fi, f in enumerate(m.figures):
            here: Path_ = ("metrics", mi, "figures", fi)

            def problem(path: Path_, message: Msg) -> None:
                problems.append(Problem(name, marks().line_of(path) or 0, format_path(path), message))

            if f.id in where:
                first = marks().line_of((*where[f.id], "id")) or 0
                problem((*here, "id"), msg("metrics.cited.repeated_figure", found=repr(f.id), line=first))
                continue
            where[f.id] = here
            for key, count in (("n", f.n), ("n_effective", f.n_effective)):
                if count is not None and not 0 <= count <= MAX_COUNT:
                    problem((*here, key), msg("metrics.cited.range", low=0, high=f"{MAX_COUNT:.0e}", found=str(count)))
            bounds: list[tuple[Path_, float | None]] = [
                (("value",), f.value),
                (("interval", "low"), f.interval.low if f.interval else None),
                (("interval", "high"), f.interval.high if f.interval else None),
            ]
            for at, v in bounds:
                if v is not None and not low <= v <= high:
                    problem((*here, *at), msg("metrics.cited.range", low=f"{low:g}", high=f"{high:g}", found=f"{v:g}"))
            # a survey figure on too few responses is withheld, as the metrics report withholds it,
            # even from a result written before figures were withheld in the result itself
            withheld = f.too_few and m.id in ("nps", "csat", "ces")
            cf = CitedFigure(
                file=name,
                id=f.id,
                metric=m.id,
                value=None if withheld else f.value,
                low=f.interval.low if f.interval and not withheld else None,
                high=f.interval.high if f.interval and not withheld else None,
                n=f.n,
                too_few=f.too_few,
                first=f.covered.first,
                last=f.covered.last,
            )
            figures[f.id] = cf
            if f.period is not None and f.segment is None:
                by_metric.setdefault(m.id, []).append(cf)
    if problems:
        raise InputError(problems)
    return figures, by_metric


def _link_in(folder: Path, relative: str) -> Path | None:
    """The first symbolic link on the way from ``folder`` to ``relative``, if any."""
    path = folder
    for part in Path(relative).parts:
        path = path / part
        if path.is_symlink():
            return path
    return None


def load_cited(answers: Loaded[Answers]) -> tuple[dict[str, CitedFile], list[Problem]]:
    """The metrics files the answers cite, and every problem with a citation (located)."""
    files, found, in_files = read_cited(answers.model, resolved(answers.path).parent, answers.path.parent)
    return files, [answers.problem(path, code, **params) for path, code, params in found] + in_files


CitationProblem = tuple[tuple[str | int, ...], str, dict[str, Param]]


def read_cited(
    model: Answers, folder: Path, shown_folder: Path | None = None
) -> tuple[dict[str, CitedFile], list[CitationProblem], list[Problem]]:
    """The metrics files cited by answers kept in ``folder``; every problem with a citation as
    (path in the answers, message code, parameters); and the problems inside the cited files,
    located in them (named under ``shown_folder``). ``cxassess import`` checks what it is about
    to write with the same function as ``validate``."""
    files: dict[str, CitedFile] = {}
    failed: set[str] = set()
    problems: list[CitationProblem] = []
    in_files: list[Problem] = []
    for qid, answer in model.answers.items():
        for i, ev in enumerate(answer.evidence):
            if ev.metrics is None:
                continue
            here: tuple[str | int, ...] = ("answers", qid, "evidence", i, "metrics")
            if ev.metrics in failed:
                continue
            if ev.metrics not in files:
                failed.add(ev.metrics)  # until it is read
                link = _link_in(folder, ev.metrics) if not Path(ev.metrics).is_absolute() else None
                if link is not None:
                    problems.append((here, "evidence.metrics_link", {"found": repr(str(link.relative_to(folder)))}))
                    continue
                path = resolved(folder / ev.metrics)
                if not path.is_relative_to(folder):
                    problems.append((here, "evidence.metrics_outside", {"found": repr(ev.metrics)}))
                    continue
                try:
                    text, sha = read_text(path, MAX_METRICS_BYTES)
                except InputError as exc:
                    problems += [(here, "evidence.metrics_unreadable", {"detail": p.message}) for p in exc.problems]
                    continue
                shown = str((shown_folder if shown_folder is not None else folder) / ev.metrics)
                try:
                    doc, marks = parse_strict(shown, text)
                    if not isinstance(doc, dict) or doc.get("schema") != METRICS_SCHEMA:
                        problems.append((here, "evidence.metrics_not_result", {"found": repr(ev.metrics)}))
                        continue
                    figures, by_metric = _figures(shown, doc, marks)
                except InputError as exc:
                    problems.append(
                        (here, "evidence.metrics_invalid", {"found": repr(ev.metrics), "n": len(exc.problems)})
                    )
                    in_files += exc.problems
                    continue
                failed.discard(ev.metrics)
                files[ev.metrics] = CitedFile(path, sha, figures, by_metric)
            if ev.figure not in files[ev.metrics].figures:
                problems.append(
                    (
                        ("answers", qid, "evidence", i, "figure"),
                        "evidence.figure_unknown",
                        {"file": ev.metrics, "found": repr(ev.figure)},
                    )
                )
    return files, problems, in_files
