"""Helpers for the workspace tests: an app on a temporary workspace and the steps every flow takes."""

from __future__ import annotations

import hashlib
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORD = "coordinator-pass"
RUBRIC = "gbt42509-default@2.0.0"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


@dataclass
class Site:
    client: Any
    app: Any
    folder: Path

    @property
    def workspace(self) -> Any:
        return self.app.workspace

    def login(self) -> str:
        r = self.client.post("/login", data={"password": PASSWORD, "next": "/assessments"})
        assert r.status_code == 200, r.text
        return csrf_of(r.text)

    def create(self, csrf: str, **fields: str) -> int:
        data = {
            "csrf": csrf,
            "rubric": RUBRIC,
            "org_id": "acme",
            "name": "艾克米软件",
            "sector": "信息技术",
            "size": "medium",
            "scope": "",
            "date": "2026-11-01",
            "assessor": "李娜",
            **fields,
        }
        r = self.client.post("/assessments", data=data)
        assert r.status_code == 200, r.text
        return int(str(r.url).rstrip("/").split("/")[-2])

    def add(self, csrf: str, aid: int, name: str, role: str = "respondent", scopes: tuple[str, ...] = ()) -> str:
        r = self.client.post(
            f"/assessments/{aid}/people", data={"csrf": csrf, "name": name, "role": role, "scopes": list(scopes)}
        )
        assert r.status_code == 200, r.text
        found = re.search(r'value="http://testserver/[ra]/([^"]+)"', r.text)
        assert found, r.text
        return found.group(1)

    def person_csrf(self, token: str, role: str = "r") -> str:
        r = self.client.get(f"/{role}/{token}")
        assert r.status_code == 200, r.text
        page = self.client.get(f"/{role}/{token}/c/" + re.findall(r'/c/([^"]+)"', r.text)[0])
        return csrf_of(page.text)


def make_site(folder: Path, **config: Any) -> Site:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from cxassess.web.app import create_app
    from cxassess.web.context import Config

    app = create_app(Config(folder, hashlib.sha256(PASSWORD.encode()).hexdigest(), **config))
    client = TestClient(app, base_url="http://testserver", follow_redirects=True)
    return Site(client, app, folder)


JSON = {"accept": "application/json"}


# --------------------------------------------------------------------------- a real server


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``cxassess serve`` in a child process on a loopback port (stopped by its own process id)."""

    def __init__(self, folder: Path, *, today: str | None = None, extra_env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.today = today
        self.extra_env = extra_env or {}
        self.process: Any = None
        self.output = ""

    def start(self) -> LiveServer:
        import os
        import subprocess
        import sys
        import time
        import urllib.request

        env = {**os.environ, "CXASSESS_PASSWORD": PASSWORD, **self.extra_env}
        env = {k: v for k, v in env.items() if v != ""}
        env.pop("CXASSESS_PATH", None)
        if self.today:
            env["CXASSESS_TODAY"] = self.today
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cxassess", "serve", str(self.folder), "--port", str(self.port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stdout.read().decode())
            try:
                urllib.request.urlopen(self.url + "/login", timeout=1).read()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("the server did not start")

    def kill(self) -> None:
        import signal

        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except Exception:
                self.kill()
        if self.process is not None and self.process.stdout is not None and not self.process.stdout.closed:
            self.output = self.process.stdout.read().decode("utf-8", "replace")
            self.process.stdout.close()

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def http_session(base: str) -> Any:
    """A cookie-keeping HTTP client for a live server (httpx)."""
    import httpx

    return httpx.Client(base_url=base, follow_redirects=True, timeout=30)


def setup_assessment(
    client: Any, *, respondents: dict[str, tuple[str, ...]], auditors: tuple[str, ...] = ()
) -> dict[str, Any]:
    """Log in, create an assessment, add people; returns the coordinator's CSRF token, the
    assessment id and every person's token by name."""
    r = client.post("/login", data={"password": PASSWORD, "next": "/assessments"})
    assert r.status_code == 200, r.text
    csrf = csrf_of(r.text)
    r = client.post(
        "/assessments",
        data={
            "csrf": csrf,
            "rubric": RUBRIC,
            "org_id": "acme",
            "name": "艾克米软件",
            "sector": "信息技术",
            "size": "medium",
            "scope": "售前、交付与支持",
            "date": "2026-11-01",
            "assessor": "李娜",
        },
    )
    aid = int(str(r.url).rstrip("/").split("/")[-2])
    tokens: dict[str, str] = {}
    people = [(n, "respondent", s) for n, s in respondents.items()] + [(n, "auditor", ()) for n in auditors]
    for name, role, scopes in people:
        r = client.post(
            f"/assessments/{aid}/people", data={"csrf": csrf, "name": name, "role": role, "scopes": list(scopes)}
        )
        found = re.search(r'value="https?://[^/]+/[ra]/([^"]+)"', r.text)
        assert found, r.text
        tokens[name] = found.group(1)
    return {"csrf": csrf, "aid": aid, "tokens": tokens}
