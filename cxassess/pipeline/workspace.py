"""Use cases of the browser workspace, where answers live in a database rather than in files.

The workspace never scores or judges on its own: it renders its answers (and the auditor's
verification) into exactly the files ``cxassess`` reads — the same text the export gives — then
parses and checks that text with the file layer's own loaders and scores it with
``usecases.score_assessment``. So the live score on the dashboard is the one ``cxassess score
--json`` prints for the exported file, byte for byte, and reports come from the same use cases as
the command line's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from cxassess.core import checks
from cxassess.core.evidence import (
    AnswerJudgement,
    canonical_answers,
    canonical_verification,
    judge_answer,
    judge_answers,
)
from cxassess.core.model import (
    Answer,
    Answers,
    AssessmentInfo,
    Organisation,
    Rubric,
    Standard,
    Verification,
    VerifiedAnswer,
)
from cxassess.core.problems import Finding, InputError
from cxassess.core.readiness import ReadinessResult
from cxassess.files.checking import Assessment, check_answers_file, check_verification_file
from cxassess.files.documents import Loaded, validate_model
from cxassess.files.fsys import safe_write
from cxassess.files.library import Library, resolve_standard
from cxassess.files.yamlio import YamlError, load_text
from cxassess.i18n import Lang
from cxassess.pipeline.usecases import (
    Scored,
    Sources,
    gap_report_output,
    gap_report_view,
    judge_readiness,
    load_sources,
    questionnaire_output,
    readiness_output,
    score_assessment,
)
from cxassess.rendering.formats import Format, encode
from cxassess.rendering.gap_report import GapReportView
from cxassess.rendering.questionnaire_yaml import render_questionnaire
from cxassess.rendering.verification_yaml import render_verification

ANSWERS_NAME = "answers.yaml"
VERIFICATION_NAME = "verification.yaml"


@dataclass(frozen=True)
class Basis:
    """The rubric an assessment answers and the standard it rests on, as loaded files."""

    rubric: Loaded[Rubric]
    standard: Loaded[Standard]


@dataclass(frozen=True)
class RubricChoice:
    id: str
    version: str
    rubric: Rubric


def rubric_choices(library: Library | None = None) -> list[RubricChoice]:
    """Every rubric version the library holds, by id then version."""
    library = library or Library()
    out: list[RubricChoice] = []
    for rid in library.rubric_ids():
        for version in library.rubric_versions(rid):
            found = library.find_rubric(rid, version)
            if found is not None:
                out.append(RubricChoice(rid, version, found.model))
    return out


def open_basis(rubric_id: str, version: str, library: Library | None = None) -> Basis | None:
    """The rubric ``rubric_id`` ``version`` and its standard, or None when the library lacks it."""
    library = library or Library()
    rubric = library.find_rubric(rubric_id, version)
    if rubric is None:
        return None
    return Basis(rubric, resolve_standard(rubric, library, None))


# --------------------------------------------------------------------------- checks of one item


def check_answer(
    basis: Basis, info: AssessmentInfo, org: Organisation, qid: str, answer: Answer, today: dt.date
) -> list[Finding]:
    """What the answers checks say about one answer (level on the scale, N/A rules, dates)."""
    doc = Answers.model_validate(
        {"schema": "cxassess/answers/1", "organisation": org, "assessment": info, "answers": {qid: answer}}
    )
    return [f for f in checks.check_answers(doc, basis.rubric.model, today) if f.path[:2] == ("answers", qid)]


def check_finding(
    basis: Basis, auditor: str, date: dt.date, qid: str, item: VerifiedAnswer, today: dt.date
) -> list[Finding]:
    """What the verification checks say about one auditor's finding."""
    doc = Verification.model_validate(
        {"schema": "cxassess/verification/1", "auditor": auditor, "date": date, "findings": {qid: item}}
    )
    return [
        f for f in checks.check_verification(doc, basis.rubric.model, None, today) if f.path[:2] == ("findings", qid)
    ]


def judge(basis: Basis, answers: Answers) -> dict[str, AnswerJudgement]:
    """Every question's judgement (effective level, evidence counted and why not) — what a
    respondent is shown as missing."""
    return judge_answers(basis.rubric.model, canonical_answers(answers, basis.rubric.model))


def judge_one(basis: Basis, info: AssessmentInfo, qid: str, answer: Answer) -> AnswerJudgement:
    """One question's judgement (what a respondent is told after each save)."""
    question = basis.rubric.model.question_index()[qid]
    return judge_answer(question, answer, None, basis.rubric.model, assessment_date=info.date)


# --------------------------------------------------------------------------- the files


@dataclass(frozen=True)
class Snapshot:
    """The assessment as the files the command line reads (the export)."""

    answers_yaml: str
    verification_yaml: str | None = None

    @property
    def answers_sha256(self) -> str:
        return hashlib.sha256(self.answers_yaml.encode("utf-8")).hexdigest()


def snapshot(basis: Basis, answers: Answers, verification: Verification | None = None) -> Snapshot:
    """The answers file (commented, like ``cxassess questionnaire --answers``) and the verification
    file, which names the answers file and its digest."""
    text = render_questionnaire(basis.rubric.model, basis.standard.model, answers)
    if verification is None:
        return Snapshot(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    paired = verification.model_copy(update={"answers": ANSWERS_NAME, "answers_sha256": sha})
    return Snapshot(text, render_verification(paired))


def _parse(cls: type[BaseModel], text: str, path: Path) -> Loaded[BaseModel]:
    from cxassess.core.problems import Problem, format_path

    try:
        doc = load_text(text)
    except YamlError as exc:  # pragma: no cover - the renderers write valid YAML
        raise InputError([Problem(str(path), exc.line or 0, format_path(exc.path), exc.message)]) from None
    model = validate_model(cls, doc.data, path, doc.marks)
    return Loaded(model, path, doc.marks, hashlib.sha256(text.encode("utf-8")).hexdigest())


def assessment_of(basis: Basis, snap: Snapshot, *, today: dt.date, folder: Path = Path()) -> Assessment:
    """The snapshot read back with the file layer's loaders and checks, as if from ``folder``."""
    answers: Loaded[Answers] = _parse(Answers, snap.answers_yaml, folder / ANSWERS_NAME)  # type: ignore[assignment]
    problems = check_answers_file(answers, basis.rubric, today)
    verification: Loaded[Verification] | None = None
    if snap.verification_yaml is not None:
        parsed: Loaded[Verification] = _parse(Verification, snap.verification_yaml, folder / VERIFICATION_NAME)  # type: ignore[assignment]
        problems += check_verification_file(parsed, basis.rubric, answers, today)
        verification = parsed
    if problems:
        raise InputError(problems)
    rubric = basis.rubric.model
    return Assessment(
        standard=basis.standard,
        rubric=basis.rubric,
        answers_file=answers,
        answers=canonical_answers(answers.model, rubric),
        verification_file=verification,
        verification=canonical_verification(verification.model, rubric) if verification is not None else None,
    )


def score_snapshot(basis: Basis, snap: Snapshot, *, today: dt.date) -> Scored:
    """The live score: exactly ``cxassess score`` on the exported files."""
    return score_assessment(assessment_of(basis, snap, today=today))


def dashboard_view(scored: Scored, lang: Lang) -> GapReportView:
    """The gap report's view model (KPIs, clause heatmap with flags, radar, clause blocks)."""
    return gap_report_view(scored, lang)


def readiness_of(scored: Scored, vocabulary: str | None = None) -> ReadinessResult:
    return judge_readiness(scored, vocabulary)


def write_snapshot(folder: Path, snap: Snapshot) -> Sources:
    """The snapshot as files in ``folder`` (replaced whole each time), ready for the file-based
    use cases; returns where they are."""
    answers = folder / ANSWERS_NAME
    for stale in folder.glob("*.bak*"):
        stale.unlink()
    safe_write(answers, snap.answers_yaml, force=True)
    verification = None
    if snap.verification_yaml is not None:
        verification = folder / VERIFICATION_NAME
        safe_write(verification, snap.verification_yaml, force=True)
    for stale in folder.glob("*.bak*"):
        stale.unlink()
    return Sources(answers, verification=verification)


def gap_report_pdf(sources: Sources, lang: Lang, *, today: dt.date) -> bytes:
    """The gap-analysis report PDF of the files in ``sources`` (as ``cxassess report``)."""
    scored = score_assessment(load_sources(sources, today))
    return encode(gap_report_output(scored, lang, None), Format.pdf)


def readiness_pdf(sources: Sources, lang: Lang, *, today: dt.date, vocabulary: str | None = None) -> bytes:
    """The readiness report PDF (PDF/A-3b with the files attached, as ``cxassess readiness``)."""
    scored = score_assessment(load_sources(sources, today))
    result = judge_readiness(scored, vocabulary)
    return encode(readiness_output(scored, result, lang, vocabulary, None), Format.pdf)


def workbook(scored: Scored, lang: Lang) -> bytes:
    """The Excel questionnaire pre-filled with the answers (as ``cxassess questionnaire --answers``)."""
    out = questionnaire_output(scored.rubric, scored.standard, scored.answers, scored.judgements, lang)
    return encode(out, Format.xlsx)


# --------------------------------------------------------------------------- imports


def import_answers_file(path: Path, basis: Basis, *, today: dt.date) -> Answers:
    """Answers from a returned answers YAML file, Excel workbook or CSV, checked against the
    assessment's rubric (every problem located at its line or cell)."""
    from cxassess.core.problems import Problem
    from cxassess.files.checking import load_assessment
    from cxassess.files.documents import load
    from cxassess.files.spreadsheet import import_answers
    from cxassess.i18n import msg

    if path.suffix.lower() in (".xlsx", ".csv"):
        answers, rubric, _ = import_answers(path, today=today)
        found = (rubric.id, rubric.version)
    else:
        _refuse_citations(path, load(Answers, path).model)  # before they are looked for beside the upload
        loaded = load_assessment(path, today=today, rubric_path=basis.rubric.path, standard_path=basis.standard.path)
        answers, found = loaded.answers, (basis.rubric.model.id, basis.rubric.model.version)
    _refuse_citations(path, answers)
    want = (basis.rubric.model.id, basis.rubric.model.version)
    if found != want:
        raise InputError(
            [
                Problem(
                    str(path),
                    0,
                    "assessment.rubric",
                    msg("answers.wrong_rubric", expected=repr(" ".join(want)), found=repr(" ".join(found))),
                )
            ]
        )
    return canonical_answers(answers, basis.rubric.model)


def _refuse_citations(path: Path, answers: Answers) -> None:
    """The workspace keeps no survey-figure citations: refuse them rather than drop them."""
    from cxassess.core.problems import Problem
    from cxassess.i18n import msg

    cited = [
        (qid, i) for qid, a in answers.answers.items() for i, ev in enumerate(a.evidence) if ev.metrics is not None
    ]
    if cited:
        raise InputError(
            [
                Problem(str(path), 0, f"answers.{qid}.evidence[{i}].metrics", msg("web.import.metrics_citation"))
                for qid, i in cited
            ]
        )
