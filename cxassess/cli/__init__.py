"""The ``cxassess`` command line. Each command lives in its own module and stays thin.

Command modules are imported only when their command runs, so ``cxassess --help`` stays quick.
"""

from __future__ import annotations

import importlib

import click

from cxassess import __version__
from cxassess.cli.common import CxGroup, lang_option
from cxassess.cli.help import HelpContext

# name → (module, message code of the one-line help shown by `cxassess --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("cxassess.cli.validate", "help.validate"),
    "score": ("cxassess.cli.score", "help.score"),
    "questionnaire": ("cxassess.cli.questionnaire", "help.questionnaire"),
    "import": ("cxassess.cli.import_", "help.import"),
    "migrate": ("cxassess.cli.migrate", "help.migrate"),
    "report": ("cxassess.cli.report", "help.report"),
    "readiness": ("cxassess.cli.readiness", "help.readiness"),
    "compare": ("cxassess.cli.compare", "help.compare"),
    "metrics": ("cxassess.cli.metrics", "help.metrics"),
    "serve": ("cxassess.web.command", "help.serve"),
}


class LazyGroup(CxGroup):
    context_class = HelpContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = module.command
        command.context_class = HelpContext  # help in the interface language
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("help.commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in COMMANDS.items()])


@click.group(cls=LazyGroup, help="help.cxassess.doc", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", is_flag=True, help="help.opt.verbose")
@lang_option
@click.version_option(__version__, prog_name="cxassess", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, verbose: bool, lang: str) -> None:
    """The ``cxassess`` group; its help is ``help.cxassess.doc``."""
    ctx.ensure_object(dict)["verbose"] = verbose


def main() -> None:
    cli(prog_name="cxassess")
