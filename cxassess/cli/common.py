"""What every command shares: exit codes, printing in the user's language, error handling,
options. Commands only parse options, call one use case and map its result to an exit code."""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from cxassess.core.problems import EnvironmentProblem, InputError, Problem, UsageProblem
from cxassess.i18n import LANGS, Lang, Msg, lang_named, msg

EXIT_OK = 0
EXIT_FINDINGS = 1  # the command ran and has something to report (e.g. files skipped in a batch)
EXIT_INPUT = 2  # bad input or usage: nothing was produced
EXIT_INTERNAL = 3  # a bug in cxassess
EXIT_ENVIRONMENT = 4  # this machine lacks something the command needs (e.g. a Chinese font)
EXIT_INTERRUPTED = 130

F = TypeVar("F", bound=Callable[..., Any])


def default_lang() -> Lang:
    """The interface language before --lang is read: CXASSESS_LANG, else Chinese."""
    return lang_named(os.environ.get("CXASSESS_LANG"))


def current_lang() -> Lang:
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if ctx.obj and "lang" in ctx.obj:
            return cast(Lang, ctx.obj["lang"])
        ctx = ctx.parent
    return default_lang()


def say(message: Msg, *, err: bool = False) -> None:
    """Print one message in the interface language."""
    click.echo(message.text(current_lang()), err=err)


def today() -> dt.date:
    """Today's date; ``CXASSESS_TODAY=YYYY-MM-DD`` pins it (for reproducible runs and tests)."""
    pinned = os.environ.get("CXASSESS_TODAY")
    if pinned:
        from cxassess.core.model import iso_day  # pydantic: not loaded for --help

        try:
            return iso_day(pinned)
        except ValueError:
            raise UsageProblem(msg("usage.today", found=repr(pinned))) from None
    return dt.date.today()


def print_problems(problems: Sequence[Problem], lang: Lang) -> None:
    for p in problems:
        click.echo(p.text(lang), err=True)
    code = "status.problem_found" if len(problems) == 1 else "status.problems_found"
    click.echo(msg(code, n=len(problems)).text(lang), err=True)


def wrote(path: Path, backup: Path | None) -> None:
    if backup is not None:
        say(msg("status.wrote_backup", path=str(path), backup=str(backup)))
    else:
        say(msg("status.wrote", path=str(path)))


# click's own wording of a bad path or number (its messages are English only)
_PATH_PROBLEM = re.compile(
    r"^\w+ (.+) (does not exist|is a file|is a directory|is not readable|is not writable|is not executable)\.$",
    re.S,
)
_PATH_CODES = {
    "does not exist": "click.path_missing",
    "is a file": "click.path_is_file",
    "is a directory": "click.path_is_folder",
    "is not readable": "click.path_denied",
    "is not writable": "click.path_denied",
    "is not executable": "click.path_denied",
}
_RANGE_PROBLEM = re.compile(r"^(.+) is not in the range .+\.$", re.S)
_NUMBER_PROBLEM = re.compile(r"^(.+) is not a valid [\w ]+\.$", re.S)


def _quoted_name(text: str) -> str:
    """A file name click quoted with repr(), as it was given."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    return value if isinstance(value, str) else text


def _click_message(exc: click.ClickException) -> Msg:
    """Click's own errors as message codes (click words them in English)."""
    param = getattr(exc, "param", None)
    name = ""
    if param is not None:
        opts = getattr(param, "opts", None) or [param.name or ""]
        name = opts[0] if getattr(param, "param_type_name", "") == "option" else (param.name or "").upper()
    if isinstance(exc, click.MissingParameter):
        kind = getattr(exc, "param_type", None) or (param.param_type_name if param else "argument")
        return msg("click.missing_option" if kind == "option" else "click.missing_argument", name=name)
    if isinstance(exc, click.NoSuchOption):
        if exc.possibilities:
            return msg("click.no_such_option_hint", name=exc.option_name, hint=tuple(exc.possibilities))
        return msg("click.no_such_option", name=exc.option_name)
    if isinstance(exc, click.BadParameter):
        choices = getattr(getattr(param, "type", None), "choices", None)
        value = exc.message.split("'")[1] if exc.message.count("'") >= 2 else exc.message
        if choices:
            return msg("click.bad_choice", name=name, choices=tuple(choices), value=repr(value))
        ptype = getattr(param, "type", None)
        if isinstance(ptype, click.Path) and (m := _PATH_PROBLEM.match(exc.message)):
            path = _quoted_name(m.group(1))
            return msg(_PATH_CODES[m.group(2)], name=name, path=path)
        if isinstance(ptype, click.IntRange) and (m := _RANGE_PROBLEM.match(exc.message)):
            low, high = ptype.min, ptype.max
            if isinstance(low, int) and isinstance(high, int):
                return msg("click.out_of_range", name=name, low=low, high=high, value=m.group(1))
        if isinstance(ptype, click.types.IntParamType) and (m := _NUMBER_PROBLEM.match(exc.message)):
            return msg("click.not_integer", name=name, value=m.group(1))
        return msg("click.bad_value", name=name, value=exc.message)
    if isinstance(exc, click.BadOptionUsage):
        if "requires an argument" in exc.message:
            return msg("click.needs_value", name=exc.option_name)
        return msg("click.usage_other", detail=exc.message)
    text = exc.format_message()
    if text.startswith("Got unexpected extra argument"):
        return msg("click.extra_arguments", args=text.split("(", 1)[-1].rstrip(")"))
    if text.startswith("No such command"):
        return msg("click.no_such_command", name=text.split("'")[1] if "'" in text else text)
    return msg("click.usage_other", detail=text)


class CxGroup(click.Group):
    """Turns errors into located messages in the user's language and exit codes; tracebacks only
    with --verbose."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        argv = list(args) if args is not None else sys.argv[1:]
        obj = kwargs.setdefault("obj", {})
        if isinstance(obj, dict):
            obj["argv_lang"] = _lang_from_argv(argv)  # the language of --help, wherever --lang stands
        try:
            rv = super().main(argv, *rest, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo(msg("status.interrupted").text(default_lang()), err=True)
            sys.exit(EXIT_INTERRUPTED)
        except click.ClickException as exc:
            lang = _lang_from_argv(argv)
            ctx = getattr(exc, "ctx", None)
            command = ctx.command_path if ctx is not None else "cxassess"
            click.echo(msg("status.error", text=_click_message(exc)).text(lang), err=True)
            click.echo(msg("click.see_help", command=command).text(lang), err=True)
            sys.exit(EXIT_INPUT)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except InputError as exc:
            print_problems(exc.problems, current_lang())
            ctx.exit(EXIT_INPUT)
        except UsageProblem as exc:
            click.echo(msg("status.error", text=exc.message).text(current_lang()), err=True)
            ctx.exit(EXIT_INPUT)
        except EnvironmentProblem as exc:
            click.echo(msg("status.error", text=exc.message).text(current_lang()), err=True)
            ctx.exit(EXIT_ENVIRONMENT)
        except KeyboardInterrupt:
            click.echo(msg("status.interrupted").text(current_lang()), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if (ctx.obj or {}).get("verbose"):
                traceback.print_exc()
            else:
                text = msg("status.internal_error", kind=type(exc).__name__, detail=str(exc)[:300])
                click.echo(text.text(current_lang()), err=True)
            ctx.exit(EXIT_INTERNAL)


def _lang_from_argv(args: list[str]) -> Lang:
    """The last ``--lang`` on the command line (the command's own wins over the group's)."""
    found: Lang = default_lang()
    for i, a in enumerate(args):
        if a == "--lang" and i + 1 < len(args) and args[i + 1] in LANGS:
            found = cast(Lang, args[i + 1])
        elif a.startswith("--lang=") and a.split("=", 1)[1] in LANGS:
            found = cast(Lang, a.split("=", 1)[1])
    return found


def lang_option(f: F) -> F:
    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
        given = ctx.obj.get("lang") if isinstance(ctx.obj, dict) else None  # `cxassess --lang en CMD`
        lang = value or given or default_lang()
        ctx.ensure_object(dict)["lang"] = lang
        return lang

    return click.option(
        "--lang",
        type=click.Choice(list(LANGS)),
        default=None,
        callback=remember,
        is_eager=True,
        help="help.opt.lang",
    )(f)


def force_option(f: F) -> F:
    return click.option("--force", is_flag=True, help="help.opt.force")(f)


def input_options(f: F) -> F:
    """Options that say where the rubric, standard and targets come from."""
    f = click.option(
        "--target",
        "--targets",
        "targets_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="help.opt.targets_path",
    )(f)
    f = click.option(
        "--standard",
        "standard_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="help.opt.standard_path",
    )(f)
    f = click.option(
        "--rubric",
        "rubric_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="help.opt.rubric_path",
    )(f)
    return f


def format_option(formats: Sequence[str]) -> Callable[[F], F]:
    def deco(f: F) -> F:
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(list(formats)),
            default=None,
            help="help.opt.fmt",
        )(f)

    return deco


def scheduler_option(f: F) -> F:
    """--scheduler tcp://HOST:PORT: run the per-file work as tasks on a Dask cluster."""
    return click.option(
        "--scheduler",
        default=None,
        metavar="tcp://HOST:PORT",
        help="help.opt.scheduler",
    )(f)


def batch_options(f: F) -> F:
    """--batch FOLDER, --jobs N, --scheduler ADDRESS and --theme FILE, shared by the report commands."""
    f = scheduler_option(f)
    f = click.option(
        "--theme",
        "theme_path",
        type=click.Path(path_type=Path, dir_okay=False),
        help="help.opt.theme_path",
    )(f)
    f = click.option("--jobs", type=click.IntRange(1, 64), default=None, help="help.opt.jobs")(f)
    f = click.option(
        "--batch",
        "batch",
        type=click.Path(path_type=Path, file_okay=False),
        help="help.opt.batch",
    )(f)
    return f
