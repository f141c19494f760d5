"""One check orchestrator: the commands and ``validate`` run exactly these checks.

``load_assessment`` loads what a command needs and runs the checks of each file kind;
``validate_paths`` finds every file under the paths given and runs the same checks on each,
cross-checking answers with their rubric and standard, targets with the rubric, verification
files with the answers file they name (or that lies beside them), and themes with their logo.
Every problem of every file is reported in one pass.
"""

from __future__ import annotations

import datetime as dt
import stat
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from cxassess.core import checks
from cxassess.core.evidence import CitedFigure, canonical_answers, canonical_verification
from cxassess.core.model import (
    ANSWERS_SCHEMA,
    VERIFICATION_SCHEMA,
    Answers,
    Rubric,
    Standard,
    Targets,
    Theme,
    Verification,
)
from cxassess.core.problems import SEVERAL_FILES, InputError, Problem, in_order
from cxassess.core.provenance import InputDigest
from cxassess.files.cited import CitedFile, load_cited
from cxassess.files.documents import KINDS, Loaded, load, load_any, read_yaml, schema_of, schema_problem
from cxassess.files.fsys import resolved
from cxassess.files.library import Library, resolve_rubric, resolve_standard
from cxassess.files.theme import check_theme
from cxassess.files.yamlio import Marks
from cxassess.i18n import Msg, msg

YAML_SUFFIXES = (".yaml", ".yml")


# --------------------------------------------------------------------------- per kind


def check_standard_file(std: Loaded[Standard]) -> list[Problem]:
    return std.locate(checks.check_standard(std.model))


def check_rubric_file(rub: Loaded[Rubric], std: Loaded[Standard]) -> list[Problem]:
    return rub.locate(checks.check_rubric(rub.model, std.model))


def check_answers_file(ans: Loaded[Answers], rub: Loaded[Rubric], today: dt.date) -> list[Problem]:
    return ans.locate(checks.check_answers(ans.model, rub.model, today))


def check_targets_file(tgt: Loaded[Targets], rub: Loaded[Rubric], std: Loaded[Standard]) -> list[Problem]:
    return tgt.locate(checks.check_targets(tgt.model, rub.model, std.model))


def check_verification_file(
    ver: Loaded[Verification], rub: Loaded[Rubric], ans: Loaded[Answers], today: dt.date
) -> list[Problem]:
    problems = ver.locate(
        checks.check_verification(ver.model, rub.model, ans.sha256, today, assessment_date=ans.model.assessment.date)
    )
    named = ver.model.answers
    if named and resolved(ver.path.parent / named) != resolved(ans.path):
        # the auditor verified another answers file: their findings do not belong to this one
        problems.append(ver.problem(("answers",), "verification.answers_other", expected=str(ans.path), found=named))
    return problems


# --------------------------------------------------------------------------- assessments


def locator(loaded: Loaded[Answers]) -> Callable[[tuple[str, ...]], tuple[str, int]]:
    return lambda path: (str(loaded.path), loaded.marks.line_of(path) or 0)


@dataclass(frozen=True)
class Assessment:
    """Everything needed to score one organisation, each file with its digest.

    ``answers`` and ``verification`` are keyed by canonical question ids (aliases resolved once,
    here); the ``Loaded`` files keep what was read.
    """

    standard: Loaded[Standard]
    rubric: Loaded[Rubric]
    answers_file: Loaded[Answers]
    answers: Answers
    targets_file: Loaded[Targets] | None = None
    verification_file: Loaded[Verification] | None = None
    verification: Verification | None = None
    cited: dict[str, CitedFile] = field(default_factory=dict)  # metrics results cited as evidence

    def cited_figures(self) -> dict[tuple[str, str], CitedFigure]:
        return {(name, fid): fig for name, f in self.cited.items() for fid, fig in f.figures.items()}

    def digests(self) -> list[InputDigest]:
        out = [
            self.standard.digest("standard"),
            self.rubric.digest("rubric"),
            self.answers_file.digest("answers"),
        ]
        if self.targets_file is not None:
            out.append(self.targets_file.digest("targets"))
        if self.verification_file is not None:
            out.append(self.verification_file.digest("verification"))
        for name in sorted(self.cited):
            out.append(
                InputDigest.model_validate(
                    {"role": "metrics", "name": self.cited[name].path.name, "sha256": self.cited[name].sha256}
                )
            )
        return out

    def files(self) -> list[Path]:
        """Every input file, in a stable order (answers, verification, targets, rubric, standard)."""
        out = [self.answers_file.path]
        out += [x.path for x in (self.verification_file, self.targets_file) if x is not None]
        out += [self.cited[name].path for name in sorted(self.cited)]
        return [*out, self.rubric.path, self.standard.path]

    def target_levels(self) -> dict[str, int]:
        """Per-clause targets: the rubric's level, then the targets file's default and clauses."""
        base = self.rubric.model.target_level
        targets = self.targets_file.model if self.targets_file is not None else None
        if targets is not None and targets.default is not None:
            base = targets.default
        out = {c.id: base for c in self.standard.model.leaves()}
        if targets is not None:
            out.update(targets.clauses)
        return out


def load_assessment(
    answers_path: Path,
    *,
    today: dt.date,
    rubric_path: Path | None = None,
    standard_path: Path | None = None,
    targets_path: Path | None = None,
    verification_path: Path | None = None,
    library: Library | None = None,
    answers: Loaded[Answers] | None = None,
) -> Assessment:
    """Load and check the answers, their rubric and standard, and the optional targets and
    verification files. Raises InputError with every problem found in every file.

    ``answers``: the answers file already read from ``answers_path`` (a caller that had to read
    it to tell what it is does not read it twice). A library checks a standard and rubric pair
    once, however many answers files use it."""
    library = library or Library()
    if answers is None:
        answers = load(Answers, answers_path)
    info = answers.model.assessment
    rubric = resolve_rubric(info.rubric, info.rubric_version, library, rubric_path, locator(answers))
    standard = resolve_standard(rubric, library, standard_path)
    std_, rub_ = standard, rubric
    problems = list(
        library.memo(
            ("checks", str(standard.path), standard.sha256, str(rubric.path), rubric.sha256),
            lambda: check_standard_file(std_) + check_rubric_file(rub_, std_),
        )
    )
    problems += check_answers_file(answers, rubric, today)
    cited, cite_problems = load_cited(answers)
    problems += cite_problems
    targets = None
    if targets_path is not None:
        try:
            targets = load(Targets, targets_path)
            problems += check_targets_file(targets, rubric, standard)
        except InputError as exc:
            problems += exc.problems
    verification = None
    if verification_path is not None:
        try:
            verification = load(Verification, verification_path)
            problems += check_verification_file(verification, rubric, answers, today)
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return Assessment(
        standard=standard,
        rubric=rubric,
        answers_file=answers,
        answers=canonical_answers(answers.model, rubric.model),
        targets_file=targets,
        verification_file=verification,
        verification=canonical_verification(verification.model, rubric.model) if verification else None,
        cited=cited,
    )


# --------------------------------------------------------------------------- finding files


@dataclass(frozen=True)
class NotTaken:
    """A file under a folder that a batch or comparison did not take, and why."""

    path: Path
    reason: Msg
    problem: bool  # a YAML file that looks meant for cxassess but could not be used


@dataclass
class Found:
    answers: list[Path] = field(default_factory=list)
    verifications: list[Path] = field(default_factory=list)
    not_taken: list[NotTaken] = field(default_factory=list)


def walk(folder: Path) -> list[Path]:
    """Every file under ``folder`` (not hidden ones), in a stable order."""
    return sorted(p for p in folder.rglob("*") if not p.is_dir() and not any(x.startswith(".") for x in p.parts[-1:]))


@dataclass(frozen=True)
class Sorted:
    """What a file found in a folder holds: answers (read, with its document), a verification
    file, or something not taken and why."""

    kind: Literal["answers", "verification", "other"]
    not_taken: NotTaken | None = None
    document: tuple[Any, Marks, str] | None = None  # data, line marks, SHA-256 of an answers file


def _is_metrics_result(f: Path) -> bool:
    """Whether a JSON file starts like a ``cxassess metrics --json`` result (answers cite them)."""
    try:
        if not stat.S_ISREG(f.stat().st_mode):  # never open a pipe or a device
            return False
        with f.open("rb") as fh:
            head = fh.read(512)
    except OSError:
        return False
    return b'"schema": "cxassess/metrics/1"' in head


def sort_file(f: Path) -> Sorted:
    """Tell what a file found in a folder holds, by its suffix and its ``schema`` key."""
    if f.suffix.lower() not in YAML_SUFFIXES:
        if f.suffix.lower() == ".json" and _is_metrics_result(f):
            return Sorted("other", NotTaken(f, msg("reason.metrics_result"), problem=False))
        return Sorted("other", NotTaken(f, msg("reason.not_yaml"), problem=False))
    try:
        data, marks, sha = read_yaml(f)
    except InputError as exc:
        return Sorted("other", NotTaken(f, msg("reason.unreadable", detail=exc.problems[0].message), True))
    schema = schema_of(data)
    if schema == ANSWERS_SCHEMA:
        return Sorted("answers", document=(data, marks, sha))
    if schema == VERIFICATION_SCHEMA:
        # paired with its answers file by a readiness batch; anywhere else it is listed, not taken
        not_taken = NotTaken(f, msg("reason.schema_not_answers", schema=VERIFICATION_SCHEMA), problem=False)
        return Sorted("verification", not_taken)
    if schema in KINDS:
        return Sorted("other", NotTaken(f, msg("reason.schema_not_answers", schema=schema), problem=False))
    return Sorted("other", NotTaken(f, schema_problem(f, data, marks).message, problem=True))


def find_answer_files(paths: Sequence[Path]) -> Found:
    """Answers files among ``paths``: files as given, folders searched recursively. Every other
    file under a folder is listed with the reason it was not taken."""
    found = Found()
    for p in paths:
        if not p.is_dir():
            found.answers.append(p)
            continue
        for f in walk(p):
            sorted_ = sort_file(f)
            if sorted_.kind == "answers":
                found.answers.append(f)
            elif sorted_.kind == "verification":
                found.verifications.append(f)
            elif sorted_.not_taken is not None:
                found.not_taken.append(sorted_.not_taken)
    return found


def verifications_for(answers: Path, candidates: Sequence[Path], sha256: str) -> list[Path]:
    """The verification files beside ``answers`` that name it (by ``answers:`` or its digest)."""
    out: list[Path] = []
    for v in candidates:
        if resolved(v.parent) != resolved(answers.parent):
            continue
        try:
            data, _, _ = read_yaml(v)
        except InputError:
            continue
        if not isinstance(data, dict):
            continue
        named = data.get("answers")
        if (isinstance(named, str) and resolved(v.parent / named) == resolved(answers)) or (
            data.get("answers_sha256") == sha256
        ):
            out.append(v)
    return out


# --------------------------------------------------------------------------- validate


@dataclass
class Validation:
    problems: list[Problem]
    files: int


def validate_paths(paths: Sequence[Path], *, today: dt.date, library: Library | None = None) -> Validation:
    """Check every cxassess file under ``paths`` with the commands' own checks.

    Standards and rubrics among the paths resolve references before the library's.
    """
    library = library or Library()
    files: list[Path] = []
    problems: list[Problem] = []
    for p in paths:
        if p.is_dir():
            inside = [f for f in walk(p) if f.suffix.lower() in YAML_SUFFIXES]
            if not inside:
                problems.append(Problem(str(p), 0, SEVERAL_FILES, msg("validate.no_files")))
            files.extend(inside)
        else:
            files.append(p)
    loaded: list[Loaded[BaseModel]] = []
    for f in files:
        try:
            loaded.append(load_any(f))
        except InputError as exc:
            problems.extend(exc.problems)

    def of(cls: type[BaseModel]) -> list[Loaded[typing.Any]]:
        return [x for x in loaded if isinstance(x.model, cls)]

    standards = {x.model.key: x for x in of(Standard)}
    rubrics = {(x.model.id, x.model.version): x for x in of(Rubric)}

    def standard_for(r: Loaded[Rubric]) -> Loaded[Standard]:
        found = standards.get(r.model.standard)
        return found if found is not None else resolve_standard(r, library, None)

    def rubric_for(a: Loaded[Answers]) -> Loaded[Rubric]:
        info = a.model.assessment
        found = rubrics.get((info.rubric, info.rubric_version))
        return (
            found if found is not None else resolve_rubric(info.rubric, info.rubric_version, library, None, locator(a))
        )

    answers_list: list[Loaded[Answers]] = of(Answers)
    for s in of(Standard):
        problems += check_standard_file(s)
    for r in of(Rubric):
        try:
            problems += check_rubric_file(r, standard_for(r))
        except InputError as exc:
            problems.extend(exc.problems)
    for a in answers_list:
        try:
            problems += check_answers_file(a, rubric_for(a), today)
            problems += load_cited(a)[1]
        except InputError as exc:
            problems.extend(exc.problems)
    for t in of(Targets):
        beside = [a for a in answers_list if resolved(a.path.parent) == resolved(t.path.parent)]
        for a in beside[:1] or []:
            try:
                rub = rubric_for(a)
                problems += check_targets_file(t, rub, standard_for(rub))
            except InputError as exc:
                problems.extend(exc.problems)
    for v in of(Verification):
        problems += _check_verification(v, answers_list, library, today, rubric_for)
    for th in of(Theme):
        problems += check_theme(th)[1]
    return Validation(in_order(problems), len(files))


def _check_verification(
    v: Loaded[Verification],
    answers_list: list[Loaded[Answers]],
    library: Library,
    today: dt.date,
    rubric_for: typing.Callable[[Loaded[Answers]], Loaded[Rubric]],
) -> list[Problem]:
    model = v.model
    target: Loaded[Answers] | None = None
    try:
        if model.answers:
            named = resolved(v.path.parent / model.answers)
            target = next((a for a in answers_list if resolved(a.path) == named), None) or load(Answers, named)
        else:
            beside = [a for a in answers_list if resolved(a.path.parent) == resolved(v.path.parent)]
            by_sha = [a for a in beside if a.sha256 == model.answers_sha256]
            target = by_sha[0] if by_sha else (beside[0] if len(beside) == 1 else None)
        if target is None:
            return [v.problem(("answers",), "verification.no_answers")]
        return check_verification_file(v, rubric_for(target), target, today)
    except InputError as exc:
        return exc.problems
