"""``cxassess serve WORKSPACE [--host 127.0.0.1] [--port 8000]``: the assessment workspace in the
browser.

Binds to 127.0.0.1 (this computer only) by default. To let colleagues on the network reach it,
pass ``--host 0.0.0.0`` (or the machine's address) — preferably behind a reverse proxy with HTTPS —
and give everyone their personal link. The coordinator password is read from
``--password-file`` or ``CXASSESS_PASSWORD``; without either, a random one is made and printed.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import secrets
from pathlib import Path

import click

from cxassess.core.problems import EnvironmentProblem, UsageProblem
from cxassess.i18n import LANGS, Lang, lang_named, msg


def _lang(ctx: click.Context, _param: click.Parameter, value: str | None) -> str:
    given = ctx.obj.get("lang") if isinstance(ctx.obj, dict) else None  # `cxassess --lang en serve`
    lang = value or given or lang_named(os.environ.get("CXASSESS_LANG"))
    ctx.ensure_object(dict)["lang"] = lang
    return lang


def _password(password_file: Path | None) -> tuple[str, bool]:
    """The coordinator password and whether it was made here (to be printed)."""
    if password_file is not None:
        from cxassess.files.fsys import read_text

        text, _ = read_text(password_file, limit=4096)
        password = text.strip()
        if len(password) < 8:
            raise UsageProblem(msg("web.serve.password_short", path=str(password_file)))
        return password, False
    env = os.environ.get("CXASSESS_PASSWORD", "")
    if env:
        if len(env) < 8:
            raise UsageProblem(msg("web.serve.password_env_short"))
        return env, False
    return secrets.token_urlsafe(12), True


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@click.command("serve", help="help.serve.doc", short_help="help.serve")
@click.argument("workspace", type=click.Path(path_type=Path, dir_okay=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="help.serve.host")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="help.serve.port")
@click.option(
    "--password-file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="help.serve.password_file",
)
@click.option(
    "--lang",
    type=click.Choice(list(LANGS)),
    default=None,
    callback=_lang,
    is_eager=True,
    help="help.serve.lang",
)
def command(workspace: Path, host: str, port: int, password_file: Path | None, lang: str) -> None:
    """Run the assessment workspace in the browser (a quality manager, respondents, an auditor).

    WORKSPACE is a folder; it holds the database (workspace.sqlite3) and the evidence files.
    """
    try:
        import uvicorn

        from cxassess.web.app import create_app
        from cxassess.web.context import Config
        from cxassess.web.store import SchemaTooNew
    except ImportError:
        raise EnvironmentProblem(msg("web.serve.not_installed")) from None
    chosen: Lang = "en" if lang == "en" else "zh"
    if workspace.exists() and not workspace.is_dir():
        raise UsageProblem(msg("usage.outdir_is_file", path=str(workspace)))
    password, made = _password(password_file)
    config = Config(workspace=workspace, password_sha256=hashlib.sha256(password.encode("utf-8")).hexdigest())
    try:
        app = create_app(config)
    except SchemaTooNew as exc:
        raise UsageProblem(msg("web.serve.schema_too_new", found=exc.found, known=exc.known)) from None
    shown = f"[{host}]" if ":" in host else host
    click.echo(msg("web.serve.listening", url=f"http://{shown}:{port}/", folder=str(workspace)).text(chosen))
    if made:
        click.echo(msg("web.serve.password_made", password=password).text(chosen))
    if _loopback(host):
        click.echo(msg("web.serve.local_only").text(chosen))
    else:
        click.echo(msg("web.serve.exposed", host=host).text(chosen))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False, date_header=False)
