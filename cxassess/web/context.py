"""What every page shares: the workspace (database, evidence files, rubrics, the live score),
the interface language, who is acting, and rendering a page."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import threading
import urllib.parse
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from cxassess.core.model import Question, Standard, iso_day
from cxassess.files.blobs import MAX_EVIDENCE_BYTES, BlobStore
from cxassess.files.library import Library
from cxassess.i18n import LANGS, Lang, Msg, t
from cxassess.pipeline.usecases import Scored
from cxassess.pipeline.workspace import Basis, Snapshot, open_basis, score_snapshot, snapshot
from cxassess.web.security import csrf_ok, csrf_token, same_origin
from cxassess.web.store import EVIDENCE_DIR, AssessmentRow, Conflict, Person, Store, sha256_text

HERE = Path(__file__).resolve().parent
SESSION_COOKIE = "cx_session"
LANG_COOKIE = "cx_lang"
MAX_FORM_BYTES = 1024 * 1024  # every request but an upload
SCORE_CACHE = 32


@dataclass(frozen=True)
class Config:
    workspace: Path
    password_sha256: str  # the coordinator's password or token, as a digest
    max_form_bytes: int = MAX_FORM_BYTES
    max_upload_bytes: int = MAX_EVIDENCE_BYTES


class Workspace:
    """The state behind every request (thread-safe: the store and caches lock themselves)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.workspace)
        self.blobs = BlobStore(config.workspace / EVIDENCE_DIR)
        self.exports = config.workspace / "exports"
        self.secret = self.store.setting("secret", lambda: secrets.token_hex(32))
        self.library = Library()
        self._bases: dict[tuple[str, str], Basis] = {}
        self._scores: OrderedDict[tuple[int, int], Scored] = OrderedDict()
        self._lock = threading.Lock()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # ---------------------------------------------------------------- rubrics and scores

    def today(self) -> dt.date:
        pinned = os.environ.get("CXASSESS_TODAY")
        if pinned:
            try:
                return iso_day(pinned)
            except ValueError:
                pass
        return dt.date.today()

    def basis(self, a: AssessmentRow) -> Basis:
        key = (a.rubric_id, a.rubric_version)
        with self._lock:
            found = self._bases.get(key)
            if found is None:
                found = open_basis(a.rubric_id, a.rubric_version, self.library)
                if found is None:
                    raise LookupError(key)
                self._bases[key] = found
            return found

    def snapshot(self, a: AssessmentRow) -> Snapshot:
        basis = self.basis(a)
        return snapshot(basis, self.store.answers_model(a), self.store.verification_model(a))

    def scored(self, a: AssessmentRow) -> Scored:
        """The live score of the assessment as it is now (cached until the next save)."""
        revision = self.store.revision(a.id)
        key = (a.id, revision)
        with self._lock:
            hit = self._scores.get(key)
            if hit is not None:
                self._scores.move_to_end(key)
                return hit
        scored = score_snapshot(self.basis(a), self.snapshot(a), today=self.today())
        with self._lock:
            self._scores[key] = scored
            while len(self._scores) > SCORE_CACHE:
                self._scores.popitem(last=False)
        return scored

    # ---------------------------------------------------------------- people and scopes

    def check_password(self, given: str) -> bool:
        return hmac.compare_digest(sha256_text(given), self.config.password_sha256)

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(**context)


def workspace_of(request: Request) -> Workspace:
    return cast(Workspace, request.app.state.workspace)


# --------------------------------------------------------------------------- standard helpers


def ancestors(standard: Standard) -> dict[str, list[str]]:
    """Each clause id → itself and every clause above it (chapter last)."""
    parents: dict[str, str | None] = {}

    def visit(clauses: list[Any], parent: str | None) -> None:
        for c in clauses:
            parents[c.id] = parent
            visit(c.clauses, c.id)

    visit(standard.clauses, None)
    out: dict[str, list[str]] = {}
    for cid in parents:
        chain = [cid]
        while (up := parents[chain[-1]]) is not None:
            chain.append(up)
        out[cid] = chain
    return out


def questions_in(standard: Standard, questions: list[Question], scopes: tuple[str, ...] | list[str]) -> list[Question]:
    """The questions whose clause is one of ``scopes`` or lies under one of them."""
    chains = ancestors(standard)
    wanted = set(scopes)
    return [q for q in questions if wanted.intersection(chains.get(q.clause, [q.clause]))]


# --------------------------------------------------------------------------- language


def lang_of(request: Request) -> Lang:
    asked = request.query_params.get("lang")
    if asked in LANGS:
        return "en" if asked == "en" else "zh"
    saved = request.cookies.get(LANG_COOKIE)
    return "en" if saved == "en" else "zh"


def other_lang_url(request: Request, lang: Lang) -> str:
    other = "en" if lang == "zh" else "zh"
    params = dict(request.query_params)
    params["lang"] = other
    return request.url.path + "?" + urllib.parse.urlencode(params)


# --------------------------------------------------------------------------- who is acting


@dataclass(frozen=True)
class Actor:
    """The coordinator (by session) or a person (by personal link)."""

    key: str  # what the CSRF token is bound to
    person: Person | None = None
    token: str = ""

    @property
    def name(self) -> str:
        return self.person.name if self.person is not None else "coordinator"


def coordinator(request: Request) -> Actor | None:
    ws = workspace_of(request)
    session = request.cookies.get(SESSION_COOKIE, "")
    if session and ws.store.session_valid(session):
        return Actor("session:" + sha256_text(session))
    return None


def person_actor(request: Request, token: str, role: str) -> Actor | None:
    person = workspace_of(request).store.person_by_token(token)
    if person is None or person.role != role:
        return None
    return Actor(f"person:{person.id}:{sha256_text(token)}", person, token)


def change_allowed(request: Request, actor: Actor, form: Any) -> bool:
    """A change needs this actor's CSRF token (form field or header) and a same-origin request."""
    ws = workspace_of(request)
    given = form.get("csrf") if form is not None else None
    given = given or request.headers.get("x-csrf-token")
    return same_origin(request.headers, request.url.scheme) and csrf_ok(ws.secret, actor.key, given)


def csrf_for(request: Request, actor: Actor | None) -> str:
    return csrf_token(workspace_of(request).secret, actor.key) if actor is not None else ""


# --------------------------------------------------------------------------- responses


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def conflict_page(
    request: Request,
    actor: Actor,
    a: AssessmentRow,
    question: Question,
    conflict: Conflict,
    *,
    mine: list[tuple[str, str]],
    theirs: list[tuple[str, str]],
    form: Mapping[str, Any],
    action: str,
    back: str,
) -> HTMLResponse:
    """The page of a refused save (someone saved in between): both versions, and the form's values
    kept to save again on top of theirs."""
    from cxassess.web.views import form_values, when

    current = conflict.current
    return page(
        request,
        "conflict.html.j2",
        status=409,
        actor=actor,
        a=a,
        question=question.id,
        question_text=question.text.get(lang_of(request)),
        mine=mine,
        theirs=theirs,
        theirs_by=current.saved_by if current else "—",
        theirs_at=when(current.saved_at) if current else "—",
        theirs_version=current.version if current else 0,
        base_version=conflict.base_version,
        keep={k: v for k, v in form_values(form).items() if k != "version"},
        action=action,
        back=back,
    )


def page(
    request: Request, template: str, *, status: int = 200, actor: Actor | None = None, **context: Any
) -> HTMLResponse:
    ws = workspace_of(request)
    lang = lang_of(request)

    def tr(code: str, **params: Any) -> str:
        return t(code, lang, **params)

    def say(message: Msg) -> str:
        return message.text(lang)

    html = ws.render(
        template,
        t=tr,
        say=say,
        lang=lang,
        html_lang="zh-CN" if lang == "zh" else "en",
        other_lang_url=other_lang_url(request, lang) if request.method == "GET" else "",
        csrf=csrf_for(request, actor),
        actor=actor,
        path=request.url.path,
        **context,
    )
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, httponly=True, samesite="strict")
    return response


def error_page(request: Request, status: int, code: str, **params: Any) -> Response:
    if wants_json(request):
        return JSONResponse({"error": t(code, lang_of(request), **params)}, status_code=status)
    return page(request, "error.html.j2", status=status, message_code=code, params=params)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def file_name_header(name: str) -> str:
    """A Content-Disposition that always downloads (never shows inline), with the name in UTF-8."""
    safe = "".join(c for c in name if c.isprintable() and c not in '\\/"\r\n;') or "file"
    ascii_name = safe.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(safe)}"


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_name(name: str) -> str:
    """An uploaded file's name as shown and kept: its last path part, printable characters only,
    at most 120 of them."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(c for c in base if c.isprintable()).strip()
    if len(base) > 120:  # shortened, keeping its type
        suffix = Path(base).suffix[:20]
        base = base[: 120 - len(suffix)] + suffix
    return base or "file"
