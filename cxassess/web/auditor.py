"""The auditor's pages, reached by a personal link ``/a/<token>``: every answer with its evidence
and judgement, a verification per question (verified / not verified / disputed with level, note
and the evidence seen), the readiness verdict as it stands, and the readiness report and
verification file to download."""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cxassess.core.model import MAX_TITLE
from cxassess.core.problems import InputError
from cxassess.i18n import Lang, msg, t
from cxassess.pipeline.workspace import check_finding, readiness_of
from cxassess.rendering.readiness_report import reason_text
from cxassess.web.context import (
    Actor,
    Workspace,
    change_allowed,
    conflict_page,
    error_page,
    lang_of,
    page,
    person_actor,
    redirect,
    wants_json,
    workspace_of,
)
from cxassess.web.exports import export
from cxassess.web.forms import Parsed, findings_to_fields, line, name_problems, parse_finding, text, version_of
from cxassess.web.respondent import Denied, serve_file
from cxassess.web.store import AssessmentRow, Conflict, FindingBody
from cxassess.web.views import (
    QuestionView,
    describe_answer,
    describe_finding,
    errors_text,
    finding_values,
    form_values,
    kinds,
    question_view,
    row_count,
    when,
)


def _who(request: Request, token: str) -> tuple[Workspace, Actor, AssessmentRow]:
    ws = workspace_of(request)
    actor = person_actor(request, token, "auditor")
    if actor is None or actor.person is None:
        raise Denied(404, "web.error.bad_link")
    a = ws.store.assessment(actor.person.assessment_id)
    if a is None:  # pragma: no cover
        raise Denied(404, "web.error.bad_link")
    return ws, actor, a


def _guard(request: Request, fn: Any, *args: Any, **kwargs: Any) -> Response:
    try:
        result: Response = fn(request, *args, **kwargs)
    except Denied as exc:
        return error_page(request, exc.status, exc.code)
    return result


def _clauses(ws: Workspace, a: AssessmentRow, lang: Lang) -> list[dict[str, Any]]:
    basis = ws.basis(a)
    index = basis.standard.model.clause_index()
    found = ws.store.findings(a.id)
    out: list[dict[str, Any]] = []
    for q in basis.rubric.model.questions:
        if not out or out[-1]["id"] != q.clause:
            c = index[q.clause]
            out.append({"id": q.clause, "title": f"{c.number} {c.title.get(lang)}", "total": 0, "done": 0})
        out[-1]["total"] += 1
        if q.id in found:
            out[-1]["done"] += 1
    return out


def _verdict(ws: Workspace, a: AssessmentRow, lang: Lang) -> dict[str, Any]:
    try:
        result = readiness_of(ws.scored(a))
    except InputError as exc:
        return {"key": "", "text": "", "reasons": [p.message.text(lang) for p in exc.problems]}
    return {
        "key": result.verdict,
        "text": t(f"rd.verdict.{result.verdict}", lang),
        "reasons": [reason_text(r, lang, {}) for r in result.verdict_reasons],
    }


def home(request: Request) -> Response:
    return _guard(request, _home, request.path_params["token"])


def _home(
    request: Request,
    token: str,
    *,
    status: int = 200,
    header_errors: dict[str, list[str]] | None = None,
    typed: dict[str, str] | None = None,
) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    assert actor.person is not None
    header = ws.store.verification_header(a.id)
    clauses = _clauses(ws, a, lang)
    return page(
        request,
        "audit_home.html.j2",
        status=status,
        actor=actor,
        a=a,
        clauses=clauses,
        done=sum(c["done"] for c in clauses),
        total=sum(c["total"] for c in clauses),
        verdict=_verdict(ws, a, lang),
        auditor=typed["auditor"] if typed else header.auditor if header else actor.person.name,
        date=typed["date"] if typed else (header.date if header else ws.today()).isoformat(),
        header_errors=header_errors or {},
        base=f"/a/{token}",
    )


async def save_header(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=10)
    return await run_in_threadpool(_guard, request, _save_header, request.path_params["token"], form)


def _save_header(request: Request, token: str, form: FormData) -> Response:
    ws, actor, a = _who(request, token)
    if not change_allowed(request, actor, form):
        raise Denied(403, "web.error.csrf")
    errors: dict[str, list[str]] = {}
    lang = lang_of(request)
    auditor = line(form, "auditor")
    if not auditor:
        errors["auditor"] = [t("web.form.name_needed", lang)]
    elif problems := name_problems(auditor, MAX_TITLE):
        errors["auditor"] = [p.text(lang) for p in problems]
    try:
        date = dt.date.fromisoformat(text(form, "date").strip())
    except ValueError:
        errors["date"] = [msg("field.type", expected=msg("type.date"), found=repr(text(form, "date")[:40])).text(lang)]
        date = ws.today()
    if not errors and date > ws.today():
        errors["date"] = [msg("field.date_future", today=ws.today().isoformat(), found=date.isoformat()).text(lang)]
    if not errors and date < a.date:
        errors["date"] = [
            msg("verification.before_assessment", assessment=a.date.isoformat(), found=date.isoformat()).text(lang)
        ]
    if errors:
        typed = {"auditor": text(form, "auditor"), "date": text(form, "date")}
        return _home(request, token, status=422, header_errors=errors, typed=typed)
    ws.store.set_verification_header(a.id, auditor, date)
    return redirect(f"/a/{token}?saved=header")


def clause_page(request: Request) -> Response:
    return _guard(request, _clause_page, request.path_params["token"], request.path_params["cid"])


def _views(ws: Workspace, a: AssessmentRow, cid: str, lang: Lang) -> list[QuestionView]:
    basis = ws.basis(a)
    rubric, standard = basis.rubric.model, basis.standard.model
    mine = [q for q in rubric.questions if q.clause == cid]
    if not mine:
        raise Denied(404, "web.error.no_clause")
    saved = ws.store.answers(a.id)
    found = ws.store.findings(a.id)
    try:
        judgements = ws.scored(a).judgements
    except InputError:
        judgements = {}
    views = []
    for q in mine:
        s = saved.get(q.id)
        j = judgements.get(q.id)
        files = ws.store.question_files(a.id, q.id)
        v = question_view(q, rubric, standard, s, j, files, lang)
        v.answer_lines = describe_answer(s.body if s else None, rubric, lang)
        v.evidence = [(e, v.files.get(e.file.sha256) if e.file else None) for e in (s.body.evidence if s else [])]
        if j is not None:
            v.judged = t(
                "web.audit.judged",
                lang,
                claimed=str(j.claimed) if j.claimed is not None else "—",
                level=str(j.level) if j.level is not None else "—",
                counted=j.counted,
                total=len(j.evidence),
            )
            v.reasons = [reason_text(r, lang, {}) for r in j.reasons]
        f = found.get(q.id)
        v.finding_values = finding_values(f.body if f else None)
        v.finding_rows = row_count(v.finding_values, "seen")
        v.finding_version = f.version if f else 0
        v.finding_saved = t("web.saved_by", lang, who=f.saved_by, at=when(f.saved_at)) if f else ""
        views.append(v)
    return views


def _clause_page(
    request: Request, token: str, cid: str, *, status: int = 200, problem: QuestionView | None = None
) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    views = _views(ws, a, cid, lang)
    if problem is not None:
        views = [problem if v.id == problem.id else v for v in views]
    clauses = _clauses(ws, a, lang)
    ids = [c["id"] for c in clauses]
    position = ids.index(cid)
    return page(
        request,
        "audit_clause.html.j2",
        status=status,
        actor=actor,
        a=a,
        clause=clauses[position],
        clauses=clauses,
        previous=clauses[position - 1] if position > 0 else None,
        following=clauses[position + 1] if position + 1 < len(clauses) else None,
        questions=views,
        kinds=kinds(lang),
        levels=ws.basis(a).rubric.model.scale.levels,
        base=f"/a/{token}",
        saved_q=request.query_params.get("saved", ""),
    )


async def save(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=1000)
    return await run_in_threadpool(
        _guard, request, _save, request.path_params["token"], request.path_params["qid"], form
    )


def _save(request: Request, token: str, qid: str, form: FormData) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        raise Denied(403, "web.error.csrf")
    basis = ws.basis(a)
    q = basis.rubric.model.question_index().get(qid)
    if q is None:
        raise Denied(404, "web.error.no_question")
    base = version_of(form)
    if base is None:
        raise Denied(400, "web.error.no_version")
    parsed: Parsed = parse_finding(form)
    header = ws.store.verification_header(a.id)
    assert actor.person is not None
    if parsed.ok:
        body: FindingBody = parsed.body
        findings_to_fields(
            check_finding(
                basis,
                header.auditor if header else actor.person.name,
                header.date if header else ws.today(),
                qid,
                body.to_verified(),
                ws.today(),
            ),
            parsed,
            "seen",
        )
    if not parsed.ok:
        if wants_json(request):
            return JSONResponse({"errors": errors_text(parsed.errors, lang)}, status_code=422)
        view = next(v for v in _views(ws, a, q.clause, lang) if v.id == qid)
        view.finding_values = form_values(form)
        view.finding_rows = row_count(view.finding_values, "seen")
        view.finding_errors = errors_text(parsed.errors, lang)
        return _clause_page(request, token, q.clause, status=422, problem=view)
    if header is None:
        ws.store.set_verification_header(a.id, actor.person.name, ws.today())
    result = ws.store.save_finding(a.id, qid, base, parsed.body, actor.person.name)
    if isinstance(result, Conflict):
        current = result.current
        if wants_json(request):
            return JSONResponse({"conflict": True, "version": current.version if current else 0}, status_code=409)
        return conflict_page(
            request,
            actor,
            a,
            q,
            result,
            mine=describe_finding(parsed.body, lang),
            theirs=describe_finding(current.body if current else None, lang),
            form=form,
            action=f"/a/{token}/v/{qid}",
            back=f"/a/{token}/c/{q.clause}#q-{qid}",
        )
    if wants_json(request):
        return JSONResponse({"ok": True, "version": result.version})
    return redirect(f"/a/{token}/c/{q.clause}?saved={qid}#q-{qid}")


def download(request: Request) -> Response:
    return _guard(request, _download, request.path_params["token"], request.path_params["sha"])


def _download(request: Request, token: str, sha: str) -> Response:
    ws, _, a = _who(request, token)
    found = serve_file(ws, list(ws.store.answers(a.id).values()), sha)
    if found is None:
        raise Denied(404, "web.error.no_file")
    return found


AUDITOR_EXPORTS = ("readiness.pdf", "verification.yaml", "answers.yaml")


def exported(request: Request) -> Response:
    return _guard(request, _exported, request.path_params["token"], request.path_params["name"])


def _exported(request: Request, token: str, name: str) -> Response:
    ws, _, a = _who(request, token)
    if name not in AUDITOR_EXPORTS:
        raise Denied(404, "web.error.no_file")
    return export(request, ws, a, name)


async def exported_async(request: Request) -> Response:
    return await run_in_threadpool(exported, request)


ROUTES = [
    Route("/a/{token}", home),
    Route("/a/{token}/header", save_header, methods=["POST"]),
    Route("/a/{token}/c/{cid}", clause_page),
    Route("/a/{token}/v/{qid}", save, methods=["POST"]),
    Route("/a/{token}/files/{sha}", download),
    Route("/a/{token}/export/{name}", exported),
]
