"""``cxassess report ANSWERS -o report.pdf`` (placeholder until the report lands)."""

from __future__ import annotations

import click


@click.command("report")
def command() -> None:
    """Render the gap-analysis report."""
    raise click.UsageError("not available yet")
