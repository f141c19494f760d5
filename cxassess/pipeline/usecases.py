"""The use cases: what every front end (the command line, a batch, the web workspace) calls.

Each function takes typed options, reads its inputs through the file layer, judges and scores
with the pure core, renders through the writer registry and writes without clobbering. Outputs
are checked before any work is done: an existing file without ``force``, a folder, a link or
an input file named as output stops the command before anything is rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cxassess.core.actions import ActionItem, action_plan
from cxassess.core.branding import Branding
from cxassess.core.evidence import AnswerJudgement, judge_answers
from cxassess.core.model import Answers, Rubric, Standard
from cxassess.core.portfolio import Portfolio, build_portfolio, portfolio_json
from cxassess.core.problems import SEVERAL_FILES, EnvironmentProblem, InputError, Problem, UsageProblem, format_path
from cxassess.core.readiness import ReadinessResult, assess_readiness, readiness_json
from cxassess.core.scoring import Result, result_json, score
from cxassess.files.checking import (
    Assessment,
    NotTaken,
    Validation,
    check_rubric_file,
    check_standard_file,
    load_assessment,
    validate_paths,
)
from cxassess.files.documents import Loaded, load
from cxassess.files.fsys import check_output, check_outputs, resolved, safe_write
from cxassess.files.library import Library, resolve_standard, templates_dir
from cxassess.files.theme import load_theme
from cxassess.i18n import Lang, msg
from cxassess.rendering.formats import Format, Output, choose_format, encode

if TYPE_CHECKING:
    from cxassess.rendering.gap_report import GapReportView


@dataclass(frozen=True)
class Sources:
    """Where one assessment's files are (rubric, standard: found from the answers by default)."""

    answers: Path
    rubric: Path | None = None
    standard: Path | None = None
    targets: Path | None = None
    verification: Path | None = None


@dataclass(frozen=True)
class RenderOptions:
    lang: Lang = "zh"
    fmt: str | None = None  # explicit --format; else from the output's suffix
    theme: Path | None = None
    branding: Branding | None = None  # a theme already loaded (batches load it once)
    vocabulary: str | None = None
    force: bool = False

    def brand(self) -> Branding | None:
        if self.branding is not None:
            return self.branding
        return load_theme(self.theme) if self.theme is not None else None


@dataclass(frozen=True)
class Written:
    path: Path
    backup: Path | None = None


@dataclass(frozen=True)
class Scored:
    """One assessment judged and scored: what every report starts from."""

    assessment: Assessment
    judgements: dict[str, AnswerJudgement]
    result: Result
    actions: list[ActionItem]

    @property
    def standard(self) -> Standard:
        return self.assessment.standard.model

    @property
    def rubric(self) -> Rubric:
        return self.assessment.rubric.model

    @property
    def answers(self) -> Answers:
        return self.assessment.answers


def load_sources(sources: Sources, today: dt.date, library: Library | None = None) -> Assessment:
    return load_assessment(
        sources.answers,
        today=today,
        rubric_path=sources.rubric,
        standard_path=sources.standard,
        targets_path=sources.targets,
        verification_path=sources.verification,
        library=library,
    )


def score_assessment(assessment: Assessment) -> Scored:
    standard, rubric = assessment.standard.model, assessment.rubric.model
    judgements = judge_answers(rubric, assessment.answers, assessment.verification, assessment.cited_figures())
    result = score(
        standard,
        rubric,
        assessment.answers,
        targets=assessment.target_levels(),
        verification=assessment.verification,
        judgements=judgements,
        inputs=assessment.digests(),
    )
    return Scored(assessment, judgements, result, action_plan(result, rubric, standard))


def run_score(sources: Sources, *, today: dt.date, output: Path | None = None, force: bool = False) -> Scored:
    """Score one answers file; with ``output``, also write the JSON result."""
    if output is not None:
        check_output(output, force=force, inputs=[sources.answers])
        choose_format(output, None, [Format.json])  # a JSON result under a .pdf or .xlsx name is refused
    scored = score_assessment(load_sources(sources, today))
    if output is not None:
        safe_write(output, result_json(scored.result), force=force, inputs=scored.assessment.files())
    return scored


def _write(out: Output, output: Path, fmt: Format, *, force: bool, inputs: list[Path]) -> Written:
    data = encode(out, fmt)
    backup = safe_write(output, data, force=force, inputs=inputs)
    return Written(output, backup)


def gap_report(sources: Sources, output: Path, options: RenderOptions, *, today: dt.date) -> Written:
    """The gap-analysis report of one assessment (pdf, html or the JSON result)."""
    check_output(output, force=options.force, inputs=[sources.answers])
    branding = options.brand()
    scored = score_assessment(load_sources(sources, today))
    files = scored.assessment.files()
    check_output(output, force=options.force, inputs=files)
    out = gap_report_output(scored, options.lang, branding)
    fmt = choose_format(output, options.fmt, out.formats())
    return _write(out, output, fmt, force=options.force, inputs=files)


def gap_report_view(scored: Scored, lang: Lang, branding: Branding | None = None) -> GapReportView:
    """The gap report's view model; the trends of cited survey figures come from the metrics
    files the answers cite."""
    from cxassess.rendering.gap_report import build_gap_report

    trends = {
        (name, metric): figs for name, f in scored.assessment.cited.items() for metric, figs in f.metric_figures.items()
    }
    return build_gap_report(
        scored.result,
        scored.standard,
        scored.rubric,
        scored.answers,
        scored.judgements,
        scored.actions,
        lang,
        branding,
        trends,
    )


def gap_report_output(scored: Scored, lang: Lang, branding: Branding | None) -> Output:
    from cxassess.rendering.document import PdfOptions, render_html

    templates = templates_dir()
    view = gap_report_view(scored, lang, branding)
    return Output(
        html=lambda: render_html(view, templates, "gap_report.html.j2", branding=branding),
        json=lambda: result_json(scored.result),
        templates=templates,
        pdf=PdfOptions(
            allowed_roots=[resolved(scored.assessment.answers_file.path).parent],
            identifier=view.header["report_id"],
        ),
    )


@dataclass(frozen=True)
class ReadinessOutcome:
    result: ReadinessResult
    written: list[Written] = field(default_factory=list)


def check_vocabulary(rubric: Rubric, vocabulary: str | None) -> None:
    if vocabulary is not None and vocabulary not in rubric.readiness.vocabularies:
        known = tuple(rubric.readiness.vocabularies) or (msg("value.none"),)
        raise UsageProblem(msg("usage.vocabulary", known=known, rubric=rubric.id, found=repr(vocabulary)))


def judge_readiness(scored: Scored, vocabulary: str | None) -> ReadinessResult:
    a = scored.assessment
    check_vocabulary(scored.rubric, vocabulary)
    return assess_readiness(
        scored.standard,
        scored.rubric,
        scored.answers,
        targets=a.target_levels(),
        verification=a.verification,
        answers_sha256=a.answers_file.sha256,
        vocabulary=vocabulary,
        judgements=scored.judgements,
        inputs=a.digests(),
    )


def readiness(
    sources: Sources,
    output: Path | None,
    json_path: Path | None,
    options: RenderOptions,
    *,
    today: dt.date,
) -> ReadinessOutcome:
    """The readiness verdict, its report (PDF/A-3b with the inputs attached, or html) and JSON."""
    check_outputs((output, json_path), force=options.force, inputs=[sources.answers])
    if json_path is not None:
        choose_format(json_path, None, [Format.json])
    branding = options.brand()
    scored = score_assessment(load_sources(sources, today))
    result = judge_readiness(scored, options.vocabulary)
    files = scored.assessment.files()
    written: list[Written] = []
    if json_path is not None:
        written.append(
            Written(json_path, safe_write(json_path, readiness_json(result), force=options.force, inputs=files))
        )
    if output is not None:
        out = readiness_output(scored, result, options.lang, options.vocabulary, branding)
        fmt = choose_format(output, options.fmt, out.formats())
        written.append(_write(out, output, fmt, force=options.force, inputs=files))
    return ReadinessOutcome(result, written)


def readiness_output(
    scored: Scored, result: ReadinessResult, lang: Lang, vocabulary: str | None, branding: Branding | None
) -> Output:
    from cxassess.rendering.document import PdfOptions, render_html
    from cxassess.rendering.readiness_report import build_readiness_report

    templates = templates_dir()
    files = scored.assessment.files()
    view = build_readiness_report(result, scored.standard, scored.rubric, scored.answers, lang)
    return Output(
        html=lambda: render_html(view, templates, "readiness.html.j2", branding=branding),
        json=lambda: readiness_json(result),
        templates=templates,
        pdf=PdfOptions(
            allowed_roots=sorted({resolved(f).parent for f in files}),
            attachments=files,
            attachment_date=result.due_from,
            identifier=view.header["report_id"],
            variant="pdf/a-3b",
        ),
    )


@dataclass(frozen=True)
class CompareOutcome:
    portfolio: Portfolio
    assessments: int
    written: list[Written] = field(default_factory=list)
    untaken_problems: int = 0  # files under a folder that look meant for cxassess but could not be used


def compare(
    paths: list[Path],
    output: Path | None,
    json_path: Path | None,
    options: RenderOptions,
    *,
    overlay: list[str] | None = None,
    today: dt.date,
    workers: int = 1,
    scheduler: str | None = None,
    started: Callable[[int], None] | None = None,
    advance: Callable[[int], None] | None = None,
    not_taken: Callable[[NotTaken], None] | None = None,
) -> CompareOutcome:
    """Compare many organisations (the latest assessment of each) and follow each over time.

    Every file is read, checked and scored once, in chunks on ``workers`` local processes or as
    tasks on the Dask cluster at ``scheduler``; only scorecards come back. ``started(files)`` and
    ``advance(files)`` report progress; ``not_taken`` hears of each file under a folder that is
    not an answers file, before any problem is raised. All files must use one rubric; every
    problem of every file is reported at once."""
    from cxassess.pipeline.cards import Card, chunks, lost_chunk, score_files
    from cxassess.pipeline.cards import candidates as find_candidates
    from cxassess.pipeline.runners import run

    check_outputs((output, json_path), force=options.force, inputs=paths)
    if json_path is not None:
        choose_format(json_path, None, [Format.json])
    branding = options.brand()
    files = find_candidates(paths)
    if started is not None:
        started(len(files))
    cards: list[Card | None] = [None] * len(files)
    for done in run(score_files, chunks(files, today), workers=workers, scheduler=scheduler, lost=lost_chunk):
        for card in done:
            cards[card.index] = card
        if advance is not None:
            advance(len(done))
    outcomes = [c for c in cards if c is not None]
    if not_taken is not None:
        for c in outcomes:
            if c.not_taken is not None:
                not_taken(c.not_taken)
    untaken_problems = sum(1 for c in outcomes if c.not_taken is not None and c.not_taken.problem)
    problems = [p for c in outcomes for p in c.problems]
    loaded = [c for c in outcomes if c.card is not None]
    if loaded:
        ref = loaded[0]
        assert ref.card is not None
        want = (ref.card.rubric.id, ref.card.rubric.version)
        for c in loaded[1:]:
            assert c.card is not None
            got = (c.card.rubric.id, c.card.rubric.version)
            if got != want:
                problems.append(
                    Problem(
                        str(c.path),
                        c.rubric_line,
                        format_path(("assessment", "rubric")),
                        msg(
                            "compare.mixed_rubrics",
                            expected=f"{want[0]} {want[1]}",
                            first=str(ref.path),
                            found=f"{got[0]} {got[1]}",
                        ),
                    )
                )
    seen: dict[tuple[str, dt.date], Path] = {}
    for c in loaded:
        assert c.card is not None
        key = (c.card.organisation.id, c.card.date)
        if key in seen:
            # which of the two is the organisation's assessment of that day? not ours to guess
            same = c.answers is not None and any(
                o.path == seen[key] and o.answers is not None and o.answers.sha256 == c.answers.sha256 for o in loaded
            )
            problems.append(
                Problem(
                    str(c.path),
                    0,
                    format_path(("assessment", "date")),
                    msg(
                        "compare.same_day_copy" if same else "compare.same_day",
                        org=key[0],
                        date=key[1].isoformat(),
                        other=str(seen[key]),
                    ),
                )
            )
        else:
            seen[key] = c.path
    if not loaded and not problems:
        problems.append(Problem(", ".join(str(p) for p in paths), 0, SEVERAL_FILES, msg("files.none_found")))
    if problems:
        raise InputError(problems)
    if overlay:  # a card asked for is never left out silently
        ids = {c.card.organisation.id for c in loaded if c.card is not None}
        unknown = tuple(repr(o) for o in dict.fromkeys(overlay) if o not in ids)
        if unknown:
            raise UsageProblem(msg("usage.overlay_unknown", found=unknown))
    first = loaded[0]
    assert first.card is not None and first.standard is not None and first.rubric is not None
    portfolio = build_portfolio(
        [c.card for c in loaded if c.card is not None],
        inputs=[first.standard, first.rubric, *(c.answers for c in loaded if c.answers is not None)],
    )
    sources = [c.path for c in loaded]
    library = Library()
    del cards, outcomes, loaded
    written: list[Written] = []
    if json_path is not None:
        written.append(
            Written(json_path, safe_write(json_path, portfolio_json(portfolio), force=options.force, inputs=sources))
        )
    if output is not None:
        ref_std = first.card.standard
        standard = library.find_standard(f"{ref_std.id}:{ref_std.edition}")
        if standard is None:
            raise EnvironmentProblem(msg("env.standard_not_here", standard=f"{ref_std.id}:{ref_std.edition}"))
        out = compare_output(portfolio, standard.model, options.lang, overlay, branding)
        fmt = choose_format(output, options.fmt, out.formats())
        written.append(_write(out, output, fmt, force=options.force, inputs=sources))
    return CompareOutcome(portfolio, len(sources), written, untaken_problems)


def compare_output(
    portfolio: Portfolio, standard: Standard, lang: Lang, overlay: list[str] | None, branding: Branding | None
) -> Output:
    from cxassess.rendering.compare_report import build_compare_report
    from cxassess.rendering.document import PdfOptions, render_html

    templates = templates_dir()
    view = build_compare_report(portfolio, standard, lang, overlay, branding)
    return Output(
        html=lambda: render_html(view, templates, "compare.html.j2", branding=branding),
        json=lambda: portfolio_json(portfolio),
        templates=templates,
        pdf=PdfOptions(identifier=view.header["report_id"]),
    )


# --------------------------------------------------------------------------- questionnaires


def find_rubric(spec: str, library: Library) -> Loaded[Rubric]:
    """A rubric given as a file path or as the id of a bundled rubric (its latest version)."""
    path = Path(spec)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return load(Rubric, path)
    found = library.find_rubric(spec)
    if found is None:
        raise UsageProblem(msg("usage.unknown_rubric_spec", spec=repr(spec), known=tuple(library.rubric_ids())))
    return found


def questionnaire(
    spec: str,
    output: Path,
    *,
    fmt: str | None = None,
    prefill: Path | None = None,
    lang: Lang = "zh",
    force: bool = False,
    today: dt.date,
) -> Written:
    """A questionnaire for a rubric (YAML template, Excel workbook or CSV), optionally pre-filled
    from an answers file, whose rows then show the effective level every report uses."""
    check_output(output, force=force, inputs=[prefill] if prefill else [])
    library = Library()
    rubric = find_rubric(spec, library)
    standard = resolve_standard(rubric, library, None)
    answers: Answers | None = None
    judgements: dict[str, AnswerJudgement] | None = None
    inputs = [rubric.path]
    if prefill is not None:
        assessment = load_assessment(prefill, today=today, rubric_path=rubric.path, library=library)
        answers = assessment.answers
        judgements = judge_answers(rubric.model, answers, None, assessment.cited_figures())
        inputs.append(prefill)
    out = questionnaire_output(rubric.model, standard.model, answers, judgements, lang)
    chosen = choose_format(output, fmt, out.formats())
    return _write(out, output, chosen, force=force, inputs=inputs)


def questionnaire_output(
    rubric: Rubric,
    standard: Standard,
    answers: Answers | None,
    judgements: dict[str, AnswerJudgement] | None,
    lang: Lang,
) -> Output:
    from cxassess.core.tabular import Sheet, export_rows
    from cxassess.rendering.questionnaire_yaml import render_questionnaire

    def sheet() -> Sheet:
        return export_rows(rubric, standard, answers, lang, judgements)

    def xlsx() -> bytes:
        try:
            from cxassess.rendering.workbook import write_xlsx
        except ImportError:  # pragma: no cover - depends on the installation
            from cxassess.core.problems import EnvironmentProblem

            raise EnvironmentProblem(msg("env.no_openpyxl")) from None
        return write_xlsx(sheet(), rubric, lang)

    def csv() -> str:
        from cxassess.rendering.workbook import write_csv

        return write_csv(sheet())

    return Output(yaml=lambda: render_questionnaire(rubric, standard, answers), xlsx=xlsx, csv=csv)


def import_questionnaire(source: Path, output: Path, *, force: bool = False, today: dt.date) -> Written:
    """A filled-in workbook or CSV back into an answers file (every problem at its cell)."""
    from cxassess.files.spreadsheet import import_answers
    from cxassess.rendering.questionnaire_yaml import render_questionnaire

    check_output(output, force=force, inputs=[source])
    choose_format(output, None, [Format.yaml])  # answers are YAML, whatever the questionnaire was
    answers, rubric, standard = import_answers(source, today=today, folder=output.absolute().parent)
    backup = safe_write(output, render_questionnaire(rubric, standard, answers), force=force, inputs=[source])
    return Written(output, backup)


def validate(paths: list[Path], *, today: dt.date) -> Validation:
    """Every check the commands run, on every file under ``paths``."""
    return validate_paths(paths, today=today)


# --------------------------------------------------------------------------- migration


@dataclass(frozen=True)
class Migrated:
    written: Written
    old: str
    new: str
    carried: int
    dropped: int


def migrate(
    answers_path: Path, output: Path, *, force: bool = False, today: dt.date, to: str | None = None
) -> Migrated:
    """Carry an answers file over to the newest rubric version that declares a migration from its
    version; the result is a new, commented answers file (the original is never touched)."""
    from cxassess.core.migration import carry_over, migration_from
    from cxassess.rendering.questionnaire_yaml import render_questionnaire

    check_output(output, force=force, inputs=[answers_path])
    choose_format(output, None, [Format.yaml])
    library = Library()
    old = load_assessment(answers_path, today=today, library=library)
    info = old.answers.assessment
    versions = [v for v in library.rubric_versions(info.rubric) if v != info.rubric_version]
    latest = library.find_rubric(info.rubric) if to is None else None
    if latest is not None and latest.model.version == info.rubric_version:
        raise UsageProblem(msg("usage.already_current", rubric=info.rubric, version=info.rubric_version))
    available = tuple(versions)  # named in the message whichever version was asked for
    if to is not None:
        versions = [v for v in versions if v == to]
    for version in reversed(versions):
        candidate = library.find_rubric(info.rubric, version)
        if candidate is None:
            continue
        migration = migration_from(candidate.model, info.rubric_version)
        if migration is None:
            continue
        standard = resolve_standard(candidate, library, None)
        # the rubric carried to is checked like any rubric an answers file names: a migration
        # naming a question it lacks is an error at its line, not a crash while carrying over
        problems = check_standard_file(standard) + check_rubric_file(candidate, standard)
        if problems:
            raise InputError(problems)
        carried = carry_over(old.answers, candidate.model, migration)
        text = render_questionnaire(candidate.model, standard.model, carried.answers, carried=carried)
        backup = safe_write(output, text, force=force, inputs=[answers_path])
        return Migrated(
            Written(output, backup),
            f"{info.rubric} {info.rubric_version}",
            f"{candidate.model.id} {candidate.model.version}",
            len(carried.answers.answers),
            len(carried.dropped),
        )
    raise UsageProblem(
        msg(
            "usage.no_migration",
            rubric=info.rubric,
            version=info.rubric_version,
            known=available or (msg("value.none"),),
        )
    )
