"""``cxassess compare PATH... -o compare.pdf [--json FILE]``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import current_lang, force_option, format_option, lang_option, say, today, wrote
from cxassess.core.problems import UsageProblem
from cxassess.files.checking import find_answer_files
from cxassess.i18n import msg
from cxassess.pipeline.usecases import RenderOptions, compare


@click.command("compare")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Comparison report (PDF, or HTML/JSON by suffix or --format).",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the portfolio statistics as JSON.",
)
@format_option(["pdf", "html", "json"])
@click.option(
    "--overlay",
    multiple=True,
    help="Organisation id to show on the radar (repeatable; default: all of a few, else top 3 and bottom 2).",
)
@click.option(
    "--theme",
    "theme_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Branding: a theme file (name, logo, colours, footer).",
)
@force_option
@lang_option
def command(
    paths: tuple[Path, ...],
    output: Path | None,
    json_path: Path | None,
    fmt: str | None,
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
        raise UsageProblem(msg("usage.need_output_or_json"))
    for n in find_answer_files(list(paths)).not_taken:
        say(msg("status.not_taken", path=str(n.path), reason=n.reason), err=True)
    options = RenderOptions(lang=current_lang(), fmt=fmt, theme=theme_path, force=force)
    outcome = compare(list(paths), output, json_path, options, overlay=list(overlay) or None, today=today())
    for w in outcome.written:
        wrote(w.path, w.backup)
    say(msg("status.compare_summary", orgs=len(outcome.portfolio.organisations), assessments=outcome.assessments))
