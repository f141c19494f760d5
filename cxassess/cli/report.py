"""``cxassess report ANSWERS -o report.pdf``"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from cxassess.actions import action_plan
from cxassess.cli.common import batch_options, format_option, input_options, lang_option, load_from_options
from cxassess.cli.output import output_format, save_document
from cxassess.loading import Assessment, Branding, load_theme, templates_dir
from cxassess.model import Lang
from cxassess.scoring import score


def render_report(
    assessment: Assessment, lang: Lang, fmt: str, output: Path, *, force: bool, branding: Branding | None = None
) -> Path | None:
    """Render one assessment's gap-analysis report to ``output``; returns the backup made, if any."""
    from cxassess.rendering.report import ReportInputs, build_context, render_html

    std, rub, ans = assessment.standard.model, assessment.rubric.model, assessment.answers.model
    result = score(std, rub, ans, targets=assessment.target_levels(), inputs=assessment.digests())
    context = build_context(ReportInputs(result, std, rub, ans, action_plan(result, rub, std)), lang)
    templates = templates_dir()
    html = render_html(context, templates, branding=branding)
    return save_document(
        html,
        output,
        fmt,
        force=force,
        templates=templates,
        read_from=[assessment.answers.path.resolve().parent],
        identifier=context["report_id"],
    )


@click.command("report")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="Report file to write (with --batch: the output folder).",
)
@format_option
@click.option("--force", is_flag=True, help="Replace an existing output file (a .bak copy is kept).")
@batch_options
@input_options
@lang_option
def command(
    answers: Path | None,
    output: Path,
    batch: Path | None,
    jobs: int | None,
    theme_path: Path | None,
    fmt: str | None,
    force: bool,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    lang: str,
) -> None:
    """Render the gap-analysis report of an answers file: summary, charts, clause by clause,
    a prioritised action plan, every answer and the method."""
    branding = load_theme(theme_path) if theme_path is not None else None  # a bad theme fails before any work
    from cxassess.cli.batch import batch_or_single

    answers = batch_or_single(
        "report", answers, batch, output, lang=lang, fmt=fmt, force=force, jobs=jobs, theme=theme_path
    )
    assessment = load_from_options(answers, rubric_path, standard_path, targets_path)
    fmt = output_format(output, fmt)
    backup = render_report(assessment, cast(Lang, lang), fmt, output, force=force, branding=branding)
    click.echo(f"wrote {output}" + (f" (previous file kept as {backup})" if backup else ""))
