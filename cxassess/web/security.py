"""What keeps the workspace safe: request size limits, security headers on every response, CSRF
tokens bound to who is acting, and a same-origin check on every change.

* Every response: ``Content-Security-Policy`` (only this server's own scripts, styles and images;
  nothing from any other host), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy:
  same-origin`` (personal links never reach another site in a Referer header; ``no-referrer``
  would make browsers send ``Origin: null`` on form posts), no framing, no caching.
* Every POST: a CSRF token that is an HMAC of the actor (the coordinator's session, or the
  person behind a personal link) under the workspace's secret, and an ``Origin`` (when the
  browser sends one) equal to this server's.
* Request bodies: at most ``limit`` bytes (uploads have their own, larger limit); a larger body
  is answered with 413 and a page that says so, after draining what was sent.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)
DRAIN_LIMIT = 64 * 1024 * 1024  # read and drop at most this much of an oversized body


def csrf_token(secret: str, actor: str) -> str:
    """The CSRF token of ``actor`` (``session:<digest>`` or ``person:<id>:<token digest>``)."""
    return hmac.new(secret.encode(), actor.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, actor: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(csrf_token(secret, actor), str(given))


def same_origin(headers: MutableMapping[str, str] | Any, scheme: str) -> bool:
    """False when the browser says the request comes from another origin."""
    origin = headers.get("origin")
    if origin is None:  # not sent by every browser for same-origin form posts
        return True
    host = headers.get("host", "")
    return bool(host) and origin == f"{scheme}://{host}"


class SecurityHeaders:
    """Adds the security headers to every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, wrapped)


class TooLarge(Exception):
    def __init__(self, limit: int, size: int | None) -> None:
        super().__init__(f"request body over {limit} bytes")
        self.limit = limit
        self.size = size


class BodyLimit:
    """Refuses request bodies over the limit of their path (uploads: ``upload_limit``)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        limit: int,
        upload_limit: int,
        is_upload: Callable[[str], bool],
        refuse: Callable[[Scope, TooLarge], Awaitable[tuple[int, list[tuple[bytes, bytes]], bytes]]],
    ) -> None:
        self.app = app
        self.limit = limit
        self.upload_limit = upload_limit
        self.is_upload = is_upload
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.upload_limit if self.is_upload(scope.get("path", "")) else self.limit
        declared: int | None = None
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > limit:
            await self._drain(receive, declared)
            await self._respond(scope, send, TooLarge(limit, declared))
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge(limit, None)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge as exc:
            if started:  # pragma: no cover - the app reads its body before it answers
                raise
            await self._drain(receive, None)
            await self._respond(scope, send, exc)

    async def _drain(self, receive: Receive, declared: int | None) -> None:
        if declared is not None and declared > DRAIN_LIMIT:
            return
        total = 0
        while total <= DRAIN_LIMIT:
            message = await receive()
            if message["type"] != "http.request":
                return
            total += len(message.get("body", b""))
            if not message.get("more_body", False):
                return

    async def _respond(self, scope: Scope, send: Send, exc: TooLarge) -> None:
        status, headers, body = await self.refuse(scope, exc)
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
