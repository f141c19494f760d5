"""The ``cxassess`` command line. Each command lives in its own module and stays thin.

Command modules are imported only when their command runs, so ``cxassess --help`` stays quick.
"""

from __future__ import annotations

import importlib

import click

from cxassess import __version__
from cxassess.cli.common import CxGroup

# name → (module, one-line help shown by `cxassess --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("cxassess.cli.validate", "Check catalogues, rubrics, answers, targets, verification and theme files."),
    "score": ("cxassess.cli.score", "Score an answers file: summary table or versioned JSON."),
    "questionnaire": ("cxassess.cli.questionnaire", "Write a questionnaire for a rubric: YAML template, Excel or CSV."),
    "import": ("cxassess.cli.import_", "Read a filled-in Excel or CSV questionnaire back into answers."),
    "migrate": ("cxassess.cli.migrate", "Carry answers over to a newer version of their rubric."),
    "report": ("cxassess.cli.report", "Render the gap-analysis report (PDF or HTML)."),
    "readiness": ("cxassess.cli.readiness", "Certification readiness: graded findings, verdict, auditor verification."),
    "compare": ("cxassess.cli.compare", "Compare many organisations and follow each over time."),
    "metrics": ("cxassess.cli.metrics", "CX metrics (NPS, CSAT, CES) from survey exports, with intervals and tests."),
    "serve": ("cxassess.web.command", "Run the assessment workspace in the browser (manager, respondents, auditor)."),
}


class LazyGroup(CxGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(COMMANDS[cmd_name][0])
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, help_) for name, (_, help_) in COMMANDS.items()])


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--verbose", is_flag=True, help="Print tracebacks for internal errors.")
@click.version_option(__version__, prog_name="cxassess")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """Self-assessment against GB/T 42509-2023 (customer-experience management) and other
    standards described as data.

    \b
    Exit codes: 0 ok · 1 findings (e.g. files skipped in a batch) · 2 bad input or usage ·
    3 internal error · 4 something missing on this machine (e.g. a Chinese font).
    readiness: 0 ready · 5 ready subject to action plans · 6 not ready · 7 cannot conclude.
    """
    ctx.ensure_object(dict)["verbose"] = verbose


def main() -> None:
    cli(prog_name="cxassess")
