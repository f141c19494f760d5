"""A respondent's pages, reached by a personal link ``/r/<token>``: only the clauses assigned,
each question with the criteria of every level beside the choice, N/A where allowed, evidence
with file upload, notes; autosave; what is missing."""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cxassess.core.model import MAX_EVIDENCE_ITEMS, Question
from cxassess.files.blobs import ALLOWED, digest, sniff
from cxassess.i18n import Lang, msg, t
from cxassess.pipeline.workspace import check_answer, judge, judge_one
from cxassess.web.context import (
    Actor,
    Workspace,
    change_allowed,
    clean_name,
    conflict_page,
    error_page,
    file_name_header,
    lang_of,
    page,
    person_actor,
    questions_in,
    redirect,
    wants_json,
    workspace_of,
)
from cxassess.web.forms import Parsed, findings_to_fields, parse_answer, parse_evidence, version_of
from cxassess.web.store import AnswerBody, AssessmentRow, Conflict, FileRef, Saved
from cxassess.web.views import (
    QuestionView,
    describe_answer,
    errors_text,
    form_values,
    kinds,
    missing_of,
    question_view,
    row_count,
    size_text,
    when,
)

UPLOAD_FIELDS = 8


class Denied(Exception):
    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


def _who(request: Request, token: str) -> tuple[Workspace, Actor, AssessmentRow]:
    ws = workspace_of(request)
    actor = person_actor(request, token, "respondent")
    if actor is None or actor.person is None:
        raise Denied(404, "web.error.bad_link")
    a = ws.store.assessment(actor.person.assessment_id)
    if a is None:  # pragma: no cover - people belong to an assessment
        raise Denied(404, "web.error.bad_link")
    return ws, actor, a


def allowed_questions(ws: Workspace, actor: Actor, a: AssessmentRow) -> list[Question]:
    assert actor.person is not None
    basis = ws.basis(a)
    return questions_in(basis.standard.model, basis.rubric.model.questions, actor.person.scopes)


def _question(ws: Workspace, actor: Actor, a: AssessmentRow, qid: str) -> Question:
    for q in allowed_questions(ws, actor, a):
        if q.id == qid:
            return q
    raise Denied(403, "web.error.not_assigned")


def _guard(request: Request, fn: Any, *args: Any) -> Response:
    try:
        result: Response = fn(request, *args)
    except Denied as exc:
        return error_page(request, exc.status, exc.code)
    return result


# --------------------------------------------------------------------------- pages


def _clauses(ws: Workspace, a: AssessmentRow, questions: list[Question], lang: Lang) -> list[dict[str, Any]]:
    basis = ws.basis(a)
    index = basis.standard.model.clause_index()
    saved = ws.store.answers(a.id)
    answers = ws.store.answers_model(a)
    judgements = judge(basis, answers)
    out: list[dict[str, Any]] = []
    for q in questions:
        if not out or out[-1]["id"] != q.clause:
            c = index[q.clause]
            out.append({"id": q.clause, "title": f"{c.number} {c.title.get(lang)}", "total": 0, "done": 0, "todo": 0})
        s = saved.get(q.id)
        out[-1]["total"] += 1
        if s is not None and s.body.answered:
            out[-1]["done"] += 1
        if missing_of(judgements.get(q.id), s.body if s else None, lang):
            out[-1]["todo"] += 1
    return out


def home(request: Request) -> Response:
    return _guard(request, _home, request.path_params["token"])


def _home(request: Request, token: str) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    questions = allowed_questions(ws, actor, a)
    clauses = _clauses(ws, a, questions, lang)
    return page(
        request,
        "respond_home.html.j2",
        actor=actor,
        a=a,
        clauses=clauses,
        done=sum(c["done"] for c in clauses),
        total=sum(c["total"] for c in clauses),
        base=f"/r/{token}",
    )


def clause_page(request: Request) -> Response:
    return _guard(request, _clause_page, request.path_params["token"], request.path_params["cid"])


def _views(
    ws: Workspace, actor: Actor, a: AssessmentRow, cid: str, lang: Lang
) -> tuple[list[QuestionView], list[dict[str, Any]]]:
    questions = allowed_questions(ws, actor, a)
    mine = [q for q in questions if q.clause == cid]
    if not mine:
        raise Denied(403, "web.error.not_assigned")
    basis = ws.basis(a)
    saved = ws.store.answers(a.id)
    judgements = judge(basis, ws.store.answers_model(a))
    views = [
        question_view(
            q,
            basis.rubric.model,
            basis.standard.model,
            saved.get(q.id),
            judgements.get(q.id),
            ws.store.question_files(a.id, q.id),
            lang,
        )
        for q in mine
    ]
    return views, _clauses(ws, a, questions, lang)


def _clause_page(
    request: Request,
    token: str,
    cid: str,
    *,
    status: int = 200,
    problem: QuestionView | None = None,
) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    views, clauses = _views(ws, actor, a, cid, lang)
    if problem is not None:
        views = [problem if v.id == problem.id else v for v in views]
    current = next(c for c in clauses if c["id"] == cid)
    position = [c["id"] for c in clauses].index(cid)
    return page(
        request,
        "respond_clause.html.j2",
        status=status,
        actor=actor,
        a=a,
        clause=current,
        clauses=clauses,
        previous=clauses[position - 1] if position > 0 else None,
        following=clauses[position + 1] if position + 1 < len(clauses) else None,
        questions=views,
        kinds=kinds(lang),
        base=f"/r/{token}",
        saved_q=request.query_params.get("saved", ""),
        upload_limit=size_text(ws.config.max_upload_bytes),
        upload_bytes=ws.config.max_upload_bytes,
        allowed_types=", ".join(x.label for x in ALLOWED),
    )


# --------------------------------------------------------------------------- saving an answer


async def save(request: Request) -> Response:
    form = await request.form(max_files=0, max_fields=1000)
    return await run_in_threadpool(
        _guard, request, _save, request.path_params["token"], request.path_params["qid"], form
    )


def _problem_view(
    ws: Workspace, actor: Actor, a: AssessmentRow, q: Question, lang: Lang, values: dict[str, str], parsed: Parsed
) -> QuestionView:
    views, _ = _views(ws, actor, a, q.clause, lang)
    view = next(v for v in views if v.id == q.id)
    view.values = values
    view.rows = row_count(values, "ev")
    view.errors = errors_text(parsed.errors, lang)
    return view


def _save(request: Request, token: str, qid: str, form: FormData) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        raise Denied(403, "web.error.csrf")
    q = _question(ws, actor, a, qid)
    base = version_of(form)
    if base is None:
        raise Denied(400, "web.error.no_version")
    parsed = parse_answer(form, ws.store.question_files(a.id, qid))
    if parsed.ok:
        basis = ws.basis(a)
        findings_to_fields(
            check_answer(basis, a.info, a.organisation, qid, parsed.body.to_answer(), ws.today()), parsed, "ev"
        )
    if not parsed.ok:
        if wants_json(request):
            return JSONResponse({"errors": errors_text(parsed.errors, lang)}, status_code=422)
        view = _problem_view(ws, actor, a, q, lang, form_values(form), parsed)
        return _clause_page(request, token, q.clause, status=422, problem=view)
    assert actor.person is not None
    result = ws.store.save_answer(a.id, qid, base, parsed.body, actor.person.name)
    if isinstance(result, Conflict):
        return conflict_response(request, actor, a, q, result, parsed.body, form, f"/r/{token}")
    return saved_response(request, ws, a, q, result, f"/r/{token}")


def saved_response(request: Request, ws: Workspace, a: AssessmentRow, q: Question, s: Saved, base: str) -> Response:
    lang = lang_of(request)
    if wants_json(request):
        judgement = judge_one(ws.basis(a), a.info, q.id, s.body.to_answer())
        return JSONResponse(
            {
                "ok": True,
                "version": s.version,
                "saved_by": s.saved_by,
                "saved_at": s.saved_at,
                "message": t("web.saved_at", lang, at=when(s.saved_at, day=False), version=s.version),
                "missing": missing_of(judgement, s.body, lang),
            }
        )
    return redirect(f"{base}/c/{q.clause}?saved={q.id}#q-{q.id}")


def conflict_response(
    request: Request,
    actor: Actor,
    a: AssessmentRow,
    q: Question,
    conflict: Conflict,
    mine: AnswerBody,
    form: FormData,
    base: str,
) -> Response:
    ws = workspace_of(request)
    lang = lang_of(request)
    current = conflict.current
    if wants_json(request):
        return JSONResponse(
            {
                "conflict": True,
                "version": current.version if current else 0,
                "saved_by": current.saved_by if current else "",
                "saved_at": current.saved_at if current else "",
                "message": t(
                    "web.conflict.short",
                    lang,
                    who=current.saved_by if current else "—",
                    at=when(current.saved_at, day=False) if current else "—",
                ),
            },
            status_code=409,
        )
    rubric = ws.basis(a).rubric.model
    return conflict_page(
        request,
        actor,
        a,
        q,
        conflict,
        mine=describe_answer(mine, rubric, lang),
        theirs=describe_answer(current.body if current else None, rubric, lang),
        form=form,
        action=f"{base}/q/{q.id}",
        back=f"{base}/c/{q.clause}#q-{q.id}",
    )


def answer_json(request: Request) -> Response:
    return _guard(request, _answer_json, request.path_params["token"], request.path_params["qid"])


def _answer_json(request: Request, token: str, qid: str) -> Response:
    ws, actor, a = _who(request, token)
    _question(ws, actor, a, qid)
    s = ws.store.answer(a.id, qid)
    return JSONResponse(
        {
            "question": qid,
            "version": s.version if s else 0,
            "answer": s.body.model_dump(mode="json") if s else None,
            "saved_by": s.saved_by if s else "",
            "saved_at": s.saved_at if s else "",
        }
    )


# --------------------------------------------------------------------------- evidence files


async def upload(request: Request) -> Response:
    ws = workspace_of(request)
    form = await request.form(max_files=1, max_fields=UPLOAD_FIELDS)
    data = b""
    name = ""
    file = form.get("file")
    if isinstance(file, UploadFile) and file.filename:
        data = await file.read(ws.config.max_upload_bytes + 1)
        name = file.filename
        await file.close()
    return await run_in_threadpool(
        _guard, request, _upload, request.path_params["token"], request.path_params["qid"], form, data, name
    )


def _upload(request: Request, token: str, qid: str, form: FormData, data: bytes, name: str) -> Response:
    ws, actor, a = _who(request, token)
    lang = lang_of(request)
    if not change_allowed(request, actor, form):
        raise Denied(403, "web.error.csrf")
    q = _question(ws, actor, a, qid)
    parsed = Parsed()
    item = parse_evidence(form, parsed)
    ref: FileRef | None = None
    if name:
        limit = ws.config.max_upload_bytes
        kind = sniff(data) if len(data) <= limit else None
        if len(data) > limit:
            parsed.add("file", msg("web.upload.too_large", limit=size_text(limit), size=size_text(len(data))))
        elif kind is None:
            parsed.add("file", msg("web.upload.type", allowed=", ".join(x.label for x in ALLOWED)))
        elif item is not None:  # stored once the evidence item it belongs to is accepted
            ref = FileRef(sha256=digest(data), name=clean_name(name), size=len(data), media_type=kind.media_type)
    if item is not None and not parsed.errors:
        assert actor.person is not None
        for _ in range(5):  # an append is applied to whatever is current: it never overwrites anyone
            current = ws.store.answer(a.id, qid)
            body = current.body if current is not None else AnswerBody()
            if len(body.evidence) >= MAX_EVIDENCE_ITEMS:
                parsed.add("title", msg("field.max_items", max=MAX_EVIDENCE_ITEMS, found=len(body.evidence) + 1))
                break
            added = item.model_copy(update={"file": ref, "ref": item.ref or (ref.name if ref else "")})
            new = body.model_copy(update={"evidence": [*body.evidence, added]})
            problems = check_answer(ws.basis(a), a.info, a.organisation, qid, new.to_answer(), ws.today())
            if problems:
                for p in problems:
                    parsed.add("date" if p.path[-1] == "date" else "title", p.message)
                break
            if ref is not None:  # the file first, so a saved answer never names a missing one
                ws.blobs.put(data)
                ws.store.attach(a.id, qid, ref)
            result = ws.store.save_answer(a.id, qid, current.version if current else 0, new, actor.person.name)
            if not isinstance(result, Conflict):
                return redirect(f"/r/{token}/c/{q.clause}?saved={q.id}#q-{q.id}")
    views, _ = _views(ws, actor, a, q.clause, lang)
    view = next(v for v in views if v.id == q.id)
    view.upload_values = form_values(form)
    view.upload_errors = errors_text(parsed.errors, lang)
    return _clause_page(request, token, q.clause, status=422, problem=view)


def download(request: Request) -> Response:
    return _guard(request, _download, request.path_params["token"], request.path_params["sha"])


def serve_file(ws: Workspace, answers: list[Saved], sha: str) -> Response | None:
    """The file ``sha`` if one of ``answers`` refers to it: always as a download."""
    for s in answers:
        for e in s.body.evidence:
            if e.file is not None and e.file.sha256 == sha:
                data = ws.blobs.get(sha)
                if data is None:
                    return None
                return Response(
                    data,
                    media_type=ws.store.file_type(sha) or "application/octet-stream",
                    headers={
                        "content-disposition": file_name_header(e.file.name),
                        "content-security-policy": "default-src 'none'; sandbox",
                    },
                )
    return None


def _download(request: Request, token: str, sha: str) -> Response:
    ws, actor, a = _who(request, token)
    allowed = {q.id for q in allowed_questions(ws, actor, a)}
    answers = [s for qid, s in ws.store.answers(a.id).items() if qid in allowed]
    found = serve_file(ws, answers, sha)
    if found is None:
        raise Denied(404, "web.error.no_file")
    return found


ROUTES = [
    Route("/r/{token}", home),
    Route("/r/{token}/c/{cid}", clause_page),
    Route("/r/{token}/q/{qid}", save, methods=["POST"]),
    Route("/r/{token}/q/{qid}.json", answer_json),
    Route("/r/{token}/q/{qid}/evidence", upload, methods=["POST"]),
    Route("/r/{token}/files/{sha}", download),
]
