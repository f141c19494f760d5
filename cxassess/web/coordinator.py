"""The quality manager's pages (behind the coordinator password): assessments, people and their
personal links, progress by clause and respondent, the live score, downloads and imports."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from cxassess.core.model import ORG_SIZES, AssessmentInfo, Organisation
from cxassess.core.problems import InputError
from cxassess.files.documents import describe_error
from cxassess.i18n import Lang, msg, t
from cxassess.pipeline.workspace import dashboard_view, import_answers_file, rubric_choices
from cxassess.web.context import (
    SESSION_COOKIE,
    Actor,
    Workspace,
    change_allowed,
    clean_name,
    coordinator,
    error_page,
    lang_of,
    page,
    questions_in,
    redirect,
    workspace_of,
)
from cxassess.web.exports import EXPORTS, export
from cxassess.web.forms import line, name_problems, row_id, text
from cxassess.web.respondent import serve_file
from cxassess.web.store import AnswerBody, AssessmentRow, EvidenceBody, Person
from cxassess.web.views import errors_text, size_text, when

IMPORT_SUFFIXES = (".yaml", ".yml", ".xlsx", ".csv")
MAX_NAME = 100  # a person's name


class NotLoggedIn(Exception):
    pass


def _guard(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Response:
    actor = coordinator(request)
    if actor is None:
        if request.method == "GET":
            return redirect("/login?next=" + request.url.path)
        return error_page(request, 403, "web.error.login")
    try:
        result: Response = fn(request, actor, *args, **kwargs)
    except LookupError:
        return error_page(request, 404, "web.error.no_assessment")
    return result


def _assessment(ws: Workspace, aid: str) -> AssessmentRow:
    number = row_id(aid)
    a = ws.store.assessment(number) if number is not None else None
    if a is None:
        raise LookupError(aid)
    return a


# --------------------------------------------------------------------------- login


def login_page(request: Request) -> Response:
    if coordinator(request) is not None:
        return redirect("/assessments")
    return page(request, "login.html.j2", failed=False, next=_next(request.query_params.get("next", "")))


def _next(value: str) -> str:
    return value if value.startswith("/") and not value.startswith("//") else "/assessments"


async def login(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    return await run_in_threadpool(_login, request, form)


def _login(request: Request, form: FormData) -> Response:
    ws = workspace_of(request)
    if not ws.check_password(text(form, "password")):
        return page(request, "login.html.j2", status=403, failed=True, next=_next(text(form, "next")))
    session = ws.store.new_session()
    response = redirect(_next(text(form, "next")))
    secure = request.url.scheme == "https"  # behind an HTTPS reverse proxy
    response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", max_age=12 * 3600, secure=secure)
    return response


async def logout(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=5)
    return await run_in_threadpool(_guard, request, _logout, form)


def _logout(request: Request, actor: Actor, form: FormData) -> Response:
    if not change_allowed(request, actor, form):
        return error_page(request, 403, "web.error.csrf")
    workspace_of(request).store.end_session(request.cookies.get(SESSION_COOKIE, ""))
    response = redirect("/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


# --------------------------------------------------------------------------- assessments


def assessments(request: Request) -> Response:
    return _guard(request, _assessments)


def _assessments(
    request: Request, actor: Actor, *, status: int = 200, values: dict[str, str] | None = None, errors: Any = None
) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    rows = []
    for a in ws.store.assessments():
        answered = sum(1 for s in ws.store.answers(a.id).values() if s.body.answered)
        try:
            total = len(ws.basis(a).rubric.model.questions)
        except LookupError:
            total = 0
        rows.append({"a": a, "answered": answered, "total": total})
    choices = [
        {"value": f"{c.id}@{c.version}", "label": f"{c.rubric.title.get(lang)} ({c.id} {c.version})"}
        for c in rubric_choices(ws.library)
    ]
    return page(
        request,
        "assessments.html.j2",
        status=status,
        actor=actor,
        rows=rows,
        choices=choices,
        sizes=[(s, t(f"size.{s}", lang)) for s in ORG_SIZES],
        values=values or {"date": ws.today().isoformat(), "size": "medium"},
        errors=errors or {},
    )


async def create(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=20)
    return await run_in_threadpool(_guard, request, _create, form)


def _create(request: Request, actor: Actor, form: FormData) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        return error_page(request, 403, "web.error.csrf")
    values = {
        k: text(form, k).strip() for k in ("rubric", "org_id", "name", "sector", "size", "scope", "date", "assessor")
    }
    errors: dict[str, list[str]] = {}
    rubric_id, _, version = values["rubric"].partition("@")
    if not any(c.id == rubric_id and c.version == version for c in rubric_choices(ws.library)):
        errors["rubric"] = [t("web.form.choose_rubric", lang)]
    try:
        date = dt.date.fromisoformat(values["date"])
        if date > ws.today():
            errors["date"] = [msg("field.date_future", today=ws.today().isoformat(), found=date.isoformat()).text(lang)]
    except ValueError:
        errors["date"] = [msg("field.type", expected=msg("type.date"), found=repr(values["date"][:40])).text(lang)]
        date = ws.today()
    org_data = {
        "id": values["org_id"],
        "name": values["name"],
        "sector": values["sector"],
        "size": values["size"],
        "scope": values["scope"],
    }
    fields = {"id": "org_id", "name": "name", "sector": "sector", "size": "size", "scope": "scope"}
    try:
        org = Organisation.model_validate(org_data)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = describe_error(Organisation, err)
            errors.setdefault(fields.get(str(loc[0]), "name") if loc else "name", []).append(message.text(lang))
    try:
        info = AssessmentInfo.model_validate(
            {"date": date, "assessor": values["assessor"], "rubric": rubric_id or "x", "rubric_version": version or "x"}
        )
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = describe_error(AssessmentInfo, err)
            errors.setdefault(str(loc[0]) if loc else "assessor", []).append(message.text(lang))
    if errors:
        return _assessments(request, actor, status=422, values=values, errors=errors)
    aid = ws.store.create_assessment(org, info)
    return redirect(f"/assessments/{aid}/people")


# --------------------------------------------------------------------------- the dashboard


def _progress(ws: Workspace, a: AssessmentRow, lang: Lang) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    basis = ws.basis(a)
    rubric, standard = basis.rubric.model, basis.standard.model
    saved = ws.store.answers(a.id)
    people = ws.store.people(a.id)
    index = standard.clause_index()
    clauses: dict[str, dict[str, Any]] = {}
    for q in rubric.questions:
        c = clauses.setdefault(
            q.clause,
            {
                "id": q.clause,
                "number": index[q.clause].number,
                "total": 0,
                "done": 0,
                "na": 0,
                "people": [],
                "last": "",
            },
        )
        c["total"] += 1
        s = saved.get(q.id)
        if s is not None and s.body.answered:
            c["done"] += 1
            c["na"] += 1 if s.body.na else 0
        if s is not None and s.saved_at > c["last"]:
            c["last"] = s.saved_at
    who: list[dict[str, Any]] = []
    for p in people:
        mine = questions_in(standard, rubric.questions, p.scopes) if p.role == "respondent" else rubric.questions
        if p.role == "respondent":
            for cid in {q.clause for q in mine}:
                clauses[cid]["people"].append(p.name)
        done = sum(1 for q in mine if (s := saved.get(q.id)) is not None and s.body.answered)
        last = max((s.saved_at for s in saved.values() if s.saved_by == p.name), default="")
        who.append({"p": p, "done": done, "total": len(mine), "last": when(last, seconds=False)})
    rows = list(clauses.values())
    for r in rows:
        r["last"] = when(r["last"], seconds=False)
    return rows, who


def dashboard(request: Request) -> Response:
    return _guard(request, _dashboard, request.path_params["aid"])


def _dashboard(
    request: Request, actor: Actor, aid: str, *, status: int = 200, import_problems: list[str] | None = None
) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    a = _assessment(ws, aid)
    problems: list[str] = []
    view = None
    try:
        view = dashboard_view(ws.scored(a), lang)
    except InputError as exc:
        problems = [p.message.text(lang) for p in exc.problems]
    progress, people = _progress(ws, a, lang)
    heat = {row.number: row for row in view.heat} if view else {}
    return page(
        request,
        "dashboard.html.j2",
        status=status,
        actor=actor,
        a=a,
        view=view,
        problems=problems,
        progress=progress,
        heat=heat,
        blocks={c.number: c for ch in view.chapters for c in ch.clauses} if view else {},
        people=people,
        exports=EXPORTS,
        import_problems=import_problems or [],
        imported=request.query_params.get("imported", ""),
    )


# --------------------------------------------------------------------------- people


def people_page(request: Request) -> Response:
    return _guard(request, _people, request.path_params["aid"])


def _scope_choices(ws: Workspace, a: AssessmentRow, lang: Lang) -> list[dict[str, Any]]:
    """Chapters with their clauses (only those that have questions)."""
    basis = ws.basis(a)
    asked = {q.clause for q in basis.rubric.model.questions}
    out = []
    for chapter in basis.standard.model.chapters():
        inner = [
            c
            for c, _ in basis.standard.model.walk()
            if c.id in asked and _under(basis.standard.model, c.id, chapter.id)
        ]
        if not inner:
            continue
        out.append(
            {
                "id": chapter.id,
                "title": f"{chapter.number} {chapter.title.get(lang)}",
                "clauses": [{"id": c.id, "title": f"{c.number} {c.title.get(lang)}"} for c in inner],
            }
        )
    return out


def _under(standard: Any, cid: str, chapter: str) -> bool:
    return bool(standard.chapter_of().get(cid) == chapter)


def _people(
    request: Request,
    actor: Actor,
    aid: str,
    *,
    status: int = 200,
    new_link: tuple[Person, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    values: dict[str, Any] | None = None,
) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    a = _assessment(ws, aid)
    _, people = _progress(ws, a, lang)
    base = str(request.base_url).rstrip("/")
    link = None
    if new_link is not None:
        person, token = new_link
        link = {"person": person, "url": f"{base}/{'r' if person.role == 'respondent' else 'a'}/{token}"}
    titles = {c.id: f"{c.number} {c.title.get(lang)}" for c, _ in ws.basis(a).standard.model.walk()}
    return page(
        request,
        "people.html.j2",
        status=status,
        actor=actor,
        a=a,
        people=people,
        titles=titles,
        choices=_scope_choices(ws, a, lang),
        link=link,
        errors=errors or {},
        values=values or {"role": "respondent", "scopes": []},
    )


async def add_person(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=200)
    return await run_in_threadpool(_guard, request, _add_person, request.path_params["aid"], form)


def _add_person(request: Request, actor: Actor, aid: str, form: FormData) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        return error_page(request, 403, "web.error.csrf")
    a = _assessment(ws, aid)
    name = line(form, "name")
    role = text(form, "role")
    scopes = [s for s in form.getlist("scopes") if isinstance(s, str)]
    valid = {c.id for c, _ in ws.basis(a).standard.model.walk()}
    errors: dict[str, list[str]] = {}
    if not name or len(name) > MAX_NAME:
        errors["name"] = [t("web.form.name_needed", lang)]
    elif problems := name_problems(name, MAX_NAME):
        errors["name"] = [p.text(lang) for p in problems]
    if role not in ("respondent", "auditor"):
        errors["role"] = [msg("field.choice", choices=("respondent", "auditor"), found=repr(role[:40])).text(lang)]
    if role == "respondent" and not scopes:
        errors["scopes"] = [t("web.form.scopes_needed", lang)]
    if any(s not in valid for s in scopes):
        errors["scopes"] = [t("web.form.scopes_unknown", lang)]
    if errors:
        return _people(
            request, actor, aid, status=422, errors=errors, values={"name": name, "role": role, "scopes": scopes}
        )
    person, token = ws.store.add_person(a.id, name, role, scopes if role == "respondent" else [])  # type: ignore[arg-type]
    return _people(request, actor, aid, new_link=(person, token))


async def person_action(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=200)
    return await run_in_threadpool(
        _guard, request, _person_action, request.path_params["aid"], request.path_params["pid"], form
    )


def _person_action(request: Request, actor: Actor, aid: str, pid: str, form: FormData) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        return error_page(request, 403, "web.error.csrf")
    a = _assessment(ws, aid)
    number = row_id(pid)
    person = ws.store.person(number) if number is not None else None
    if person is None or person.assessment_id != a.id:
        return error_page(request, 404, "web.error.no_person")
    action = text(form, "action")
    if action == "link":
        token = ws.store.new_link(person.id)
        fresh = ws.store.person(person.id)
        assert fresh is not None
        return _people(request, actor, aid, new_link=(fresh, token))
    if action in ("deactivate", "activate"):
        ws.store.set_active(person.id, action == "activate")
    elif action == "scopes":
        scopes = [s for s in form.getlist("scopes") if isinstance(s, str)]
        valid = {c.id for c, _ in ws.basis(a).standard.model.walk()}
        if not scopes or any(s not in valid for s in scopes):
            return _people(request, actor, aid, status=422, errors={"scopes": [t("web.form.scopes_needed", lang)]})
        ws.store.set_scopes(person.id, scopes)
    else:
        return error_page(request, 400, "web.error.bad_action")
    return redirect(f"/assessments/{a.id}/people")


# --------------------------------------------------------------------------- downloads and imports


def exported(request: Request) -> Response:
    return _guard(request, _exported, request.path_params["aid"], request.path_params["name"])


def _exported(request: Request, actor: Actor, aid: str, name: str) -> Response:
    ws = workspace_of(request)
    a = _assessment(ws, aid)
    if name not in EXPORTS:
        return error_page(request, 404, "web.error.no_file")
    return export(request, ws, a, name)


def download(request: Request) -> Response:
    return _guard(request, _download, request.path_params["aid"], request.path_params["sha"])


def _download(request: Request, actor: Actor, aid: str, sha: str) -> Response:
    ws = workspace_of(request)
    a = _assessment(ws, aid)
    found = serve_file(ws, list(ws.store.answers(a.id).values()), sha)
    return found if found is not None else error_page(request, 404, "web.error.no_file")


async def import_answers(request: Request) -> Response:
    form = await request.form(max_files=1, max_fields=5)
    data = b""
    name = ""
    file = form.get("file")
    if isinstance(file, UploadFile) and file.filename:
        data = await file.read()
        name = clean_name(file.filename)
        await file.close()
    return await run_in_threadpool(_guard, request, _import, request.path_params["aid"], form, data, name)


def _import(request: Request, actor: Actor, aid: str, form: FormData, data: bytes, name: str) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        return error_page(request, 403, "web.error.csrf")
    a = _assessment(ws, aid)
    suffix = Path(name).suffix.lower()
    if not name or suffix not in IMPORT_SUFFIXES:
        problem = t("web.import.type", lang, allowed=", ".join(IMPORT_SUFFIXES))
        return _dashboard(request, actor, aid, status=422, import_problems=[problem])
    basis = ws.basis(a)
    ws.exports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ws.exports) as folder:
        path = Path(folder) / f"import{suffix}"
        path.write_bytes(data)
        try:
            answers = import_answers_file(path, basis, today=ws.today())
        except InputError as exc:
            shown = [dataclasses.replace(p, file=name).text(lang) for p in exc.problems]
            return _dashboard(request, actor, aid, status=422, import_problems=shown)
    current = ws.store.answers(a.id)
    bodies: dict[str, AnswerBody] = {}
    for qid, ans in answers.answers.items():
        kept = {  # an evidence item that is unchanged keeps the file attached to it
            (e.title, e.kind, e.date, e.ref): e.file for e in (current[qid].body.evidence if qid in current else [])
        }
        bodies[qid] = AnswerBody(
            level=ans.level,
            na=ans.na,
            justification=ans.justification,
            notes=ans.notes,
            evidence=[
                EvidenceBody(
                    title=e.title, kind=e.kind, date=e.date, ref=e.ref, file=kept.get((e.title, e.kind, e.date, e.ref))
                )
                for e in ans.evidence
            ],
        )
    changed = ws.store.replace_answers(a.id, bodies, t("web.import.by", lang, name=name))
    return redirect(f"/assessments/{a.id}?imported={changed}")


def home(request: Request) -> Response:
    return redirect("/assessments" if coordinator(request) is not None else "/login")


ROUTES = [
    Route("/", home),
    Route("/login", login_page),
    Route("/login", login, methods=["POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/assessments", assessments),
    Route("/assessments", create, methods=["POST"]),
    Route("/assessments/{aid}", dashboard),
    Route("/assessments/{aid}/people", people_page),
    Route("/assessments/{aid}/people", add_person, methods=["POST"]),
    Route("/assessments/{aid}/people/{pid}", person_action, methods=["POST"]),
    Route("/assessments/{aid}/export/{name}", exported),
    Route("/assessments/{aid}/files/{sha}", download),
    Route("/assessments/{aid}/import", import_answers, methods=["POST"]),
]

__all__ = ["ROUTES", "errors_text", "size_text"]
