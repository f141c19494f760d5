"""``cxassess metrics SURVEY... [--config metrics.yaml] [-o metrics.pdf|html|json] [--json FILE]``"""

from __future__ import annotations

from pathlib import Path

import click

from cxassess.cli.common import current_lang, force_option, format_option, lang_option, say, wrote
from cxassess.core.problems import EnvironmentProblem
from cxassess.i18n import msg


@click.command("metrics", help="help.metrics.doc", short_help="help.metrics")
@click.argument("surveys", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.metrics.config_path",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.metrics.output",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.metrics.json_path",
)
@format_option(["pdf", "html", "json"])
@force_option
@lang_option
def command(
    surveys: tuple[Path, ...],
    config_path: Path | None,
    output: Path | None,
    json_path: Path | None,
    fmt: str | None,
    force: bool,
    lang: str,
) -> None:
    """Customer-experience metrics from survey exports: NPS, CSAT, CES (and retention and churn
    from declared counts), each with its confidence interval and sample size, by period and by
    segment, with differences tested for significance.

    \b
    Survey files: CSV (UTF-8, UTF-8 with BOM, GB18030 or UTF-16; comma, semicolon, tab or bar)
    or Excel (.xlsx). Unusable cells (blank, text, out of range) are counted and listed by row
    and column. Without -o or --json, the headline figures are printed only.
    """
    try:  # the [metrics] extra
        import numpy  # noqa: F401
        import polars  # noqa: F401
    except ImportError:
        raise EnvironmentProblem(msg("metrics.env.missing")) from None
    from cxassess.pipeline.metrics import MetricsOptions, metrics
    from cxassess.rendering.metrics_report import summary_lines

    options = MetricsOptions(lang=current_lang(), fmt=fmt, force=force)
    outcome = metrics(list(surveys), config_path, output, json_path, options)
    for line in summary_lines(outcome.result, current_lang()):
        click.echo(line)
    invalid = outcome.result.invalid
    if invalid.total:
        say(msg("metrics.status.invalid", n=invalid.total), err=True)
    for w in outcome.written:
        wrote(w.path, w.backup)
