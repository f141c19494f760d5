"""The workspace application: Starlette routes for the three roles, static files (our own only),
and the security middleware."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from cxassess.web import auditor, coordinator, respondent
from cxassess.web.context import HERE, Config, Workspace, error_page
from cxassess.web.security import BodyLimit, Scope, SecurityHeaders, TooLarge
from cxassess.web.views import size_text

UPLOAD_OVERHEAD = 64 * 1024  # the other fields of an upload form


def _is_upload(path: str) -> bool:
    return path.endswith(("/evidence", "/import"))


def create_app(config: Config) -> Any:
    workspace = Workspace(config)
    app = Starlette(
        routes=[
            *coordinator.ROUTES,
            *respondent.ROUTES,
            *auditor.ROUTES,
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ],
        exception_handlers={404: _not_found, 405: _not_allowed},
    )
    app.state.workspace = workspace

    async def refuse(scope: Scope, exc: TooLarge) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
        request = Request(scope)
        request.scope["app"] = app
        response = error_page(
            request,
            413,
            "web.error.too_large",
            limit=size_text(exc.limit - (UPLOAD_OVERHEAD if _is_upload(request.url.path) else 0)),
        )
        return response.status_code, response.raw_headers, bytes(response.body)

    limited = BodyLimit(
        app,
        limit=config.max_form_bytes,
        upload_limit=config.max_upload_bytes + UPLOAD_OVERHEAD,
        is_upload=_is_upload,
        refuse=refuse,
    )
    secured = SecurityHeaders(limited)
    secured.workspace = workspace  # type: ignore[attr-defined]
    return secured


async def _not_found(request: Request, exc: Exception) -> Response:
    return error_page(request, 404, "web.error.not_found")


async def _not_allowed(request: Request, exc: Exception) -> Response:
    return error_page(request, 405, "web.error.not_found")
