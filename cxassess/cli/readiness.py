"""``cxassess readiness ANSWERS [--verification FILE] -o readiness.pdf [--json FILE]``"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from cxassess.cli.common import (
    EXIT_OK,
    UserError,
    batch_options,
    format_option,
    input_options,
    lang_option,
    load_from_options,
    safe_write,
)
from cxassess.cli.output import output_format, save_document
from cxassess.loading import Assessment, Branding, load_theme, templates_dir
from cxassess.model import Lang
from cxassess.readiness import ReadinessResult, Verdict, assess_readiness, readiness_json

EXIT_READY = EXIT_OK
EXIT_CONDITIONAL = 5  # ready subject to accepted action plans
EXIT_NOT_READY = 6
VERDICT_EXIT: dict[Verdict, int] = {"ready": EXIT_READY, "conditional": EXIT_CONDITIONAL, "not_ready": EXIT_NOT_READY}


def readiness_of(assessment: Assessment) -> ReadinessResult:
    return assess_readiness(
        assessment.standard.model,
        assessment.rubric.model,
        assessment.answers.model,
        targets=assessment.target_levels(),
        verification=assessment.verification.model if assessment.verification else None,
        answers_sha256=assessment.answers.sha256,
        inputs=assessment.digests(),
    )


def render_readiness(
    assessment: Assessment,
    result: ReadinessResult,
    lang: Lang,
    vocabulary: str | None,
    fmt: str,
    output: Path,
    *,
    force: bool,
    branding: Branding | None = None,
) -> Path | None:
    from cxassess.rendering.readiness_report import build_readiness_context
    from cxassess.rendering.report import render_html

    rubric = assessment.rubric.model
    if vocabulary is not None and vocabulary not in rubric.readiness.vocabularies:
        known = ", ".join(rubric.readiness.vocabularies) or "none"
        raise UserError(f"--vocabulary: expected one of {known} (declared in rubric {rubric.id}), found {vocabulary!r}")
    context = build_readiness_context(result, assessment.standard.model, rubric, lang, vocabulary)
    templates = templates_dir()
    html = render_html(context, templates, "readiness.html.j2", branding=branding)
    files = assessment.files()
    return save_document(
        html,
        output,
        fmt,
        force=force,
        templates=templates,
        read_from=sorted({f.resolve().parent for f in files}),
        attachments=files,
        attachment_date=result.assessment.date,
        identifier=context["report_id"],
        pdf_variant="pdf/a-3b",
    )


@click.command("readiness")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "--verification",
    "verification_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The auditor's verification file.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Readiness report to write (PDF, or HTML by suffix or --format); with --batch: the output folder.",
)
@click.option(
    "--json", "json_path", type=click.Path(path_type=Path, dir_okay=False), help="Write the readiness result as JSON."
)
@format_option
@click.option("--vocabulary", default=None, help="Grading vocabulary declared in the rubric (e.g. cnca, iso17021).")
@click.option("--force", is_flag=True, help="Replace existing output files (a .bak copy is kept).")
@batch_options
@input_options
@lang_option
def command(
    answers: Path | None,
    verification_path: Path | None,
    output: Path | None,
    batch: Path | None,
    jobs: int | None,
    theme_path: Path | None,
    json_path: Path | None,
    fmt: str | None,
    vocabulary: str | None,
    force: bool,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Certification readiness: graded findings, a verdict and a report an auditor signs.

    \b
    Exit code tells the verdict: 0 ready · 5 ready subject to accepted action plans · 6 not ready
    (2, 3, 4 as for every command). With --batch: 0 every report written, 1 some files skipped.
    """
    branding = load_theme(theme_path) if theme_path is not None else None  # a bad theme fails before any work
    from cxassess.cli.batch import batch_or_single

    answers = batch_or_single(
        "readiness",
        answers,
        batch,
        output,
        lang=lang,
        fmt=fmt,
        force=force,
        jobs=jobs,
        theme=theme_path,
        vocabulary=vocabulary,
    )
    if output is None and json_path is None:
        raise click.UsageError("give -o/--output for the report, --json for the result, or both")
    assessment = load_from_options(answers, rubric_path, standard_path, targets_path, verification_path)
    result = readiness_of(assessment)
    if json_path is not None:
        safe_write(json_path, readiness_json(result), force=force)
        click.echo(f"wrote {json_path}")
    if output is not None:
        fmt = output_format(output, fmt)
        render_readiness(assessment, result, cast(Lang, lang), vocabulary, fmt, output, force=force, branding=branding)
        click.echo(f"wrote {output}")
    label = {"ready": "ready", "conditional": "ready subject to accepted action plans", "not_ready": "not ready"}
    click.echo(f"verdict: {label[result.verdict]}")
    raise SystemExit(VERDICT_EXIT[result.verdict])
