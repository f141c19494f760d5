"""Downloads: the answers and verification files (the interchange format), the workbook, and the
gap and readiness reports — each made by the command line's own use cases from the files."""

from __future__ import annotations

import tempfile

from starlette.requests import Request
from starlette.responses import Response

from cxassess.core.problems import EnvironmentProblem, InputError, UsageProblem
from cxassess.pipeline.workspace import gap_report_pdf, readiness_pdf, workbook, write_snapshot
from cxassess.web.context import Workspace, error_page, file_name_header, lang_of
from cxassess.web.store import AssessmentRow

YAML = "application/yaml; charset=utf-8"
PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = ("answers.yaml", "verification.yaml", "workbook.xlsx", "gap-report.pdf", "readiness.pdf")


def _download(data: bytes, media_type: str, name: str) -> Response:
    return Response(data, media_type=media_type, headers={"content-disposition": file_name_header(name)})


def export(request: Request, ws: Workspace, a: AssessmentRow, name: str) -> Response:
    """One export of the assessment as it is now."""
    lang = lang_of(request)
    snap = ws.snapshot(a)
    org = a.organisation.id
    try:
        if name == "answers.yaml":
            return _download(snap.answers_yaml.encode("utf-8"), YAML, "answers.yaml")
        if name == "verification.yaml":
            if snap.verification_yaml is None:
                return error_page(request, 404, "web.error.no_verification")
            return _download(snap.verification_yaml.encode("utf-8"), YAML, "verification.yaml")
        if name == "workbook.xlsx":
            return _download(
                workbook(ws.scored(a), lang), XLSX, f"{org}-问卷.xlsx" if lang == "zh" else f"{org}-questionnaire.xlsx"
            )
        ws.exports.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=ws.exports) as folder:
            from pathlib import Path

            sources = write_snapshot(Path(folder), snap)
            if name == "gap-report.pdf":
                data = gap_report_pdf(sources, lang, today=ws.today())
                return _download(data, PDF, f"{org}-gap-report-{lang}.pdf")
            if name == "readiness.pdf":
                data = readiness_pdf(sources, lang, today=ws.today())
                return _download(data, PDF, f"{org}-readiness-{lang}.pdf")
    except InputError as exc:
        return error_page(request, 422, "web.error.export_problems", problems=tuple(p.text(lang) for p in exc.problems))
    except (EnvironmentProblem, UsageProblem) as exc:
        return error_page(request, 500, "web.error.export_failed", detail=exc.text(lang))
    return error_page(request, 404, "web.error.no_file")
