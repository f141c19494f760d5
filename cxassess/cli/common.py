"""What every command shares: exit codes, error printing, options, safe writing."""

from __future__ import annotations

import datetime as dt
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from cxassess.problems import InputError, Problem

if TYPE_CHECKING:
    from cxassess.loading import Assessment

EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran and has something to report (e.g. a failed gate)
EXIT_INPUT = 2  # bad input or usage: nothing was produced
EXIT_INTERNAL = 3  # a bug in cxassess
EXIT_ENVIRONMENT = 4  # this machine lacks something the command needs (e.g. a Chinese font)

F = TypeVar("F", bound=Callable[..., Any])


class UserError(Exception):
    """A problem with how the command was called, worded for the user."""


class EnvironmentProblem(Exception):
    """This machine lacks something the command needs; worded for the user."""


def today() -> dt.date:
    """Today's date; ``CXASSESS_TODAY=YYYY-MM-DD`` pins it (for reproducible runs and tests)."""
    pinned = os.environ.get("CXASSESS_TODAY")
    if pinned:
        try:
            return dt.date.fromisoformat(pinned)
        except ValueError:
            raise UserError(f"CXASSESS_TODAY: expected YYYY-MM-DD, found {pinned!r}") from None
    return dt.date.today()


def print_problems(problems: list[Problem], lang: str = "en") -> None:
    for p in problems:
        click.echo(p.text(lang), err=True)
    n = len(problems)
    if lang == "zh":
        click.echo(f"共发现 {n} 个问题。", err=True)
    else:
        click.echo(f"{n} problem{'s' if n != 1 else ''} found.", err=True)


def _error_line(message: str, lang: str) -> str:
    if lang == "zh":
        from cxassess.messages import to_zh

        return f"错误：{to_zh(message)}"
    return f"error: {message}"


class CxGroup(click.Group):
    """Turns errors into located messages and exit codes; tracebacks only with --verbose."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InputError as exc:
            lang = (ctx.obj or {}).get("lang", "en")
            print_problems(exc.problems, lang)
            ctx.exit(EXIT_INPUT)
        except UserError as exc:
            click.echo(_error_line(str(exc), (ctx.obj or {}).get("lang", "en")), err=True)
            ctx.exit(EXIT_INPUT)
        except EnvironmentProblem as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_ENVIRONMENT)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)
        except Exception as exc:
            if (ctx.obj or {}).get("verbose"):
                traceback.print_exc()
            else:
                click.echo(
                    f"internal error: {type(exc).__name__}: {exc}\n"
                    "This is a bug in cxassess; run again with --verbose for the traceback.",
                    err=True,
                )
            ctx.exit(EXIT_INTERNAL)


def lang_option(f: F) -> F:
    def remember(ctx: click.Context, _param: click.Parameter, value: str) -> str:
        ctx.ensure_object(dict)["lang"] = value
        return value

    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default="zh",
        show_default=True,
        callback=remember,
        is_eager=True,
        help="Language of the output (简体中文 or English).",
    )(f)


def input_options(f: F) -> F:
    """Options that say where the rubric, standard and targets come from."""
    f = click.option(
        "--target",
        "--targets",
        "targets_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="YAML file overriding the rubric's target level per clause.",
    )(f)
    f = click.option(
        "--standard",
        "standard_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Standard catalogue file (default: found by the rubric's `standard` key).",
    )(f)
    f = click.option(
        "--rubric",
        "rubric_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Rubric file (default: found by the answers' assessment.rubric id).",
    )(f)
    return f


def backup_path(path: Path) -> Path:
    candidate = path.with_name(path.name + ".bak")
    n = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.bak.{n}")
        n += 1
    return candidate


def safe_write(path: Path, data: bytes | str, *, force: bool) -> Path | None:
    """Write ``data`` to ``path``; an existing file is kept unless ``force``, and then backed up.

    Returns the backup's path when one was made. The new content is written to a temporary file
    and renamed into place, so an interrupted write never leaves a half file.
    """
    backup = None
    if path.exists():
        if not force:
            raise UserError(f"{path} exists; not overwritten (use --force to replace it; a backup is kept)")
        backup = backup_path(path)
        path.replace(backup)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp.write_bytes(data)
    tmp.replace(path)
    return backup


def stdout_is_tty() -> bool:
    return sys.stdout.isatty()


def format_option(f: F) -> F:
    """--format pdf|html for the report commands."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["pdf", "html"]),
        default=None,
        help="pdf or html (default: from the output's suffix, else pdf).",
    )(f)


def batch_options(f: F) -> F:
    """--batch FOLDER, --jobs N and --theme FILE, shared by the report commands."""
    f = click.option(
        "--theme",
        "theme_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="Branding: a theme file (name, logo, colours).",
    )(f)
    f = click.option(
        "--jobs", type=click.IntRange(1, 64), default=None, help="Processes for --batch (default: all cores)."
    )(f)
    f = click.option(
        "--batch",
        "batch",
        type=click.Path(path_type=Path, file_okay=False),
        help="Render a report for every answers file in this folder (-o is then the output folder).",
    )(f)
    return f


def load_from_options(
    answers: Path,
    rubric_path: Path | None,
    standard_path: Path | None,
    targets_path: Path | None,
    verification_path: Path | None = None,
) -> Assessment:
    """Load one assessment as the common input options describe it."""
    from cxassess.loading import load_assessment

    return load_assessment(
        answers,
        today=today(),
        rubric_path=rubric_path,
        standard_path=standard_path,
        targets_path=targets_path,
        verification_path=verification_path,
    )
