"""The ``cxassess`` command line. Each command lives in its own module and stays thin."""

from __future__ import annotations

import click

from cxassess import __version__
from cxassess.cli.common import CxGroup


@click.group(cls=CxGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", is_flag=True, help="Print tracebacks for internal errors.")
@click.version_option(__version__, prog_name="cxassess")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Self-assessment against GB/T 42509-2023 (customer-experience management) and other
    standards described as data.

    \b
    Exit codes: 0 ok · 1 findings (e.g. a failed gate) · 2 bad input or usage · 3 internal error.
    """
    ctx.ensure_object(dict)["verbose"] = verbose


def _register() -> None:
    from cxassess.cli import questionnaire, report, score, validate

    for module in (validate, score, questionnaire, report):
        cli.add_command(module.command)


_register()


def main() -> None:
    cli(prog_name="cxassess")
