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
