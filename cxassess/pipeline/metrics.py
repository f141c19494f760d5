"""The metrics use case: survey exports + a metrics configuration → figures with intervals,
markers and tests (JSON ``cxassess/metrics/1``), and their report (PDF or HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cxassess.core.metrics import MetricsResult, SurveyInput, SurveyTable, compute_metrics, metrics_json
from cxassess.core.metrics_config import MetricsConfig, date_of, is_blank, keeps_time
from cxassess.core.problems import InputError, Problem, UsageProblem, format_path
from cxassess.files.documents import read_yaml, validate_model
from cxassess.files.fsys import check_outputs, safe_write, shown
from cxassess.files.library import templates_dir
from cxassess.files.survey import MissingColumns, Wanted, is_workbook, read_survey
from cxassess.files.yamlio import Marks
from cxassess.i18n import Lang, msg
from cxassess.rendering.formats import Format, Output, choose_format, encode

DEFAULT_CONFIG = "metrics.yaml"
MAX_SHOWN_HEADINGS = 40
DATES_TRIED = 100  # a date format that reads none of a column's first 100 text dates is a configuration error


@dataclass(frozen=True)
class MetricsOptions:
    lang: Lang = "zh"
    fmt: str | None = None
    force: bool = False


@dataclass(frozen=True)
class WrittenFile:
    path: Path
    backup: Path | None = None


@dataclass(frozen=True)
class MetricsOutcome:
    result: MetricsResult
    config: Path
    written: list[WrittenFile] = field(default_factory=list)


def find_config(surveys: list[Path], config: Path | None) -> Path:
    """The configuration given, else ``metrics.yaml`` beside the first survey file."""
    if config is not None:
        return config
    beside = surveys[0].parent / DEFAULT_CONFIG
    if beside.is_file():
        return beside
    raise UsageProblem(msg("metrics.usage.no_config", path=str(beside)))


def _wanted(config: MetricsConfig) -> list[tuple[Wanted, tuple[str | int, ...]]]:
    """Every column the configuration names, with where it names it."""
    out: list[tuple[Wanted, tuple[str | int, ...]]] = [
        (Wanted(config.date.column, date_only=not keeps_time(config.date.format)), ("date", "column"))
    ]
    for metric, item in config.metrics.items():
        out.append((Wanted(item.column), ("metrics", metric, "column")))
    if config.weight is not None:
        out.append((Wanted(config.weight), ("weight",)))
    for i, (raw, spec) in enumerate(zip(config.segments, config.segment_specs(), strict=True)):
        out.append((Wanted(spec.column), ("segments", i) if isinstance(raw, str) else ("segments", i, "column")))
    seen: set[str] = set()
    unique = []
    for w, where in out:
        if w.name not in seen:
            seen.add(w.name)
            unique.append((w, where))
    return unique


def load_config(path: Path) -> tuple[MetricsConfig, Marks, str]:
    data, marks, sha = read_yaml(path)
    return validate_model(MetricsConfig, data, path, marks), marks, sha


def read_surveys(surveys: list[Path], config: MetricsConfig, config_path: Path, marks: Marks) -> list[SurveyTable]:
    """Every survey file's configured columns; every missing column of every file at once,
    located at the configuration line that names it."""
    wanted = _wanted(config)
    where = {w.name: path for w, path in wanted}
    tables: list[SurveyTable] = []
    problems: list[Problem] = []
    if config.sheet is not None and not any(is_workbook(s) for s in surveys):
        problems.append(
            Problem(
                str(config_path),
                marks.line_of(("sheet",)) or 0,
                "sheet",
                msg("metrics.config.sheet_csv", files=tuple(s.name for s in surveys)),
            )
        )
    for survey in surveys:
        try:
            tables.append(read_survey(survey, [w for w, _ in wanted], sheet=config.sheet))
        except MissingColumns as exc:
            shown = tuple(h for h in exc.headings if h)[:MAX_SHOWN_HEADINGS]
            # none of the configured columns: perhaps no survey at all, so its first line is not quoted
            none = set(exc.missing) >= set(where)
            for name in exc.missing:
                path = where[name]
                message = (
                    msg("metrics.no_column_matches", file=survey.name, found=repr(name))
                    if none
                    else msg("metrics.column_missing", file=survey.name, found=repr(name), known=shown)
                )
                problems.append(Problem(str(config_path), marks.line_of(path) or 0, format_path(path), message))
        except InputError as exc:
            problems += exc.problems
    for table in tables:
        problem = _dates_unreadable(table, config, config_path, marks)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise InputError(problems)
    digests: dict[str, str] = {}
    for t in tables:
        if t.sha256 in digests:
            raise UsageProblem(msg("metrics.usage.same_survey", first=digests[t.sha256], second=t.file))
        digests[t.sha256] = t.file
    return tables


def _dates_unreadable(table: SurveyTable, config: MetricsConfig, config_path: Path, marks: Marks) -> Problem | None:
    """A located problem when the date column's first text cells are all unreadable as dates (a
    wrong ``date.format``, or dates written in a way only a format can read)."""
    column = table.columns[config.date.column]
    tried: list[str] = []
    for raw in column.uniques:
        if isinstance(raw, str) and not is_blank(raw):
            tried.append(raw)
            got = date_of(raw, config.date.format)
            if not isinstance(got, str) or got == "implausible_date":  # read: the format fits
                return None
            if len(tried) == DATES_TRIED:
                break
    if not tried:
        return None
    example = repr(tried[0] if len(tried[0]) <= 60 else tried[0][:57] + "...")
    fmt = config.date.format
    path: tuple[str | int, ...] = ("date", "format") if fmt is not None else ("date", "column")
    code = "metrics.date_format_reads_none" if fmt is not None else "metrics.dates_read_none"
    return Problem(
        str(config_path),
        marks.line_of(path) or 0,
        format_path(path),
        msg(code, file=table.name, column=column.heading, format=repr(fmt), n=len(tried), example=example),
    )


def run_metrics(surveys: list[Path], config_path: Path | None) -> tuple[MetricsResult, Path]:
    path = find_config(surveys, config_path)
    config, marks, sha = load_config(path)
    tables = read_surveys(surveys, config, path, marks)
    inputs = [
        SurveyInput(
            role="survey",
            name=t.name,
            sha256=t.sha256,
            rows=t.rows,
            encoding=t.encoding,
            delimiter=t.delimiter,
            sheet=t.sheet,
        )
        for t in tables
    ]
    inputs.append(SurveyInput(role="config", name=shown(path.name), sha256=sha))
    return compute_metrics(config, tables, inputs), path


def metrics(
    surveys: list[Path],
    config_path: Path | None,
    output: Path | None,
    json_path: Path | None,
    options: MetricsOptions,
) -> MetricsOutcome:
    """Compute the metrics; write the report (pdf, html or json by suffix or --format) and/or
    the JSON result. Outputs are checked before any survey is read."""
    check_outputs((output, json_path), force=options.force, inputs=surveys)
    if json_path is not None:
        choose_format(json_path, None, [Format.json])
    result, path = run_metrics(surveys, config_path)
    inputs = [*surveys, path]
    files: list[tuple[Path, bytes]] = []  # everything is produced before anything is written
    if json_path is not None:
        files.append((json_path, metrics_json(result).encode("utf-8")))
    if output is not None:
        out = metrics_output(result, options.lang)
        files.append((output, encode(out, choose_format(output, options.fmt, out.formats()))))
    written = [WrittenFile(p, safe_write(p, data, force=options.force, inputs=inputs)) for p, data in files]
    return MetricsOutcome(result, path, written)


def metrics_output(result: MetricsResult, lang: Lang) -> Output:
    from cxassess.rendering.document import PdfOptions, render_html
    from cxassess.rendering.metrics_report import build_metrics_report

    templates = templates_dir()
    view = build_metrics_report(result, lang)
    return Output(
        html=lambda: render_html(view, templates, "metrics.html.j2"),
        json=lambda: metrics_json(result),
        templates=templates,
        pdf=PdfOptions(identifier=view.header["report_id"]),
    )
