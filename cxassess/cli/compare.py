"""``cxassess compare PATH... -o compare.pdf [--json FILE]``"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from cxassess.actions import action_plan
from cxassess.cli.common import lang_option, safe_write, today
from cxassess.cli.output import output_format, save_document
from cxassess.loading import load_many, load_theme, templates_dir
from cxassess.model import Lang
from cxassess.portfolio import Assessed, build_portfolio, portfolio_json
from cxassess.scoring import InputDigest, score


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Comparison report (PDF, or HTML by suffix).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the portfolio statistics as JSON.",
)
@click.option(
    "--overlay",
    multiple=True,
    help="Organisation id to overlay on the radar (repeatable; default: all of a few, else top 3 and bottom 2).",
)
@click.option(
    "--theme",
    "theme_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Branding: a theme file (name, logo, colours).",
)
@click.option("--force", is_flag=True, help="Replace existing output files (a .bak copy is kept).")
@lang_option
def command(
    paths: tuple[Path, ...],
    output: Path | None,
    json_path: Path | None,
    overlay: tuple[str, ...],
    theme_path: Path | None,
    force: bool,
    lang: str,
) -> None:
    """Compare organisations: answers files or folders of them, all on one rubric.

    Assessments with the same organisation.id are one organisation: its latest assessment is
    compared and the earlier ones give its trend.
    """
    if output is None and json_path is None:
        raise click.UsageError("give -o/--output for the report, --json for the statistics, or both")
    branding = load_theme(theme_path) if theme_path is not None else None
    assessments = load_many(list(paths), today=today())
    assessed = []
    inputs: list[InputDigest] = []
    for a in assessments:
        r = score(a.standard.model, a.rubric.model, a.answers.model, targets=a.target_levels(), inputs=a.digests())
        assessed.append(Assessed(r, action_plan(r, a.rubric.model, a.standard.model), str(a.answers.path)))
        inputs.append(a.answers.digest("answers"))
    first = assessments[0]
    portfolio = build_portfolio(
        assessed, inputs=[first.standard.digest("standard"), first.rubric.digest("rubric"), *inputs]
    )
    if json_path is not None:
        safe_write(json_path, portfolio_json(portfolio), force=force)
        click.echo(f"wrote {json_path}")
    if output is not None:
        from cxassess.rendering.compare_report import build_compare_context
        from cxassess.rendering.report import render_html

        context = build_compare_context(portfolio, first.standard.model, cast(Lang, lang), list(overlay) or None)
        templates = templates_dir()
        html = render_html(context, templates, "compare.html.j2", branding=branding)
        save_document(
            html,
            output,
            output_format(output, None),
            force=force,
            templates=templates,
            read_from=[],
            identifier=context["report_id"],
        )
        click.echo(f"wrote {output}")
    click.echo(f"{len(portfolio.organisations)} organisations, {len(assessments)} assessments")
