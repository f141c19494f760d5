"""The workspace through HTTP: permissions, CSRF, bad input through the forms, conflicts, exports
that the command line scores identically, imports."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("multipart")

from click.testing import CliRunner

from cxassess.cli import cli
from cxassess.core.readiness import readiness_json
from cxassess.core.scoring import result_json
from cxassess.i18n.catalogue import CATALOGUE
from cxassess.pipeline.workspace import readiness_of
from tests.conftest import REPO, TODAY
from tests.web_support import JSON, Site, csrf_of, make_site

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Site:
    monkeypatch.setenv("CXASSESS_TODAY", TODAY)
    monkeypatch.delenv("CXASSESS_PATH", raising=False)
    return make_site(tmp_path / "ws")


@pytest.fixture
def flow(site: Site) -> dict[str, object]:
    """An assessment with a respondent for 7.3, one for chapter 5 and an auditor."""
    csrf = site.login()
    aid = site.create(csrf)
    return {
        "csrf": csrf,
        "aid": aid,
        "r73": site.add(csrf, aid, "王强", scopes=("7.3",)),
        "r5": site.add(csrf, aid, "刘芳", scopes=("5",)),
        "auditor": site.add(csrf, aid, "赵敏", role="auditor"),
    }


def _save(site: Site, token: str, csrf: str, qid: str, version: int, **fields: str) -> object:
    data = {"csrf": csrf, "version": str(version), "ev-count": "0", **fields}
    return site.client.post(f"/r/{token}/q/{qid}", data=data, headers=JSON)


# --------------------------------------------------------------------------- who may do what


def test_pages_need_the_coordinator_password(site: Site) -> None:
    r = site.client.get("/assessments")
    assert r.url.path == "/login"
    r = site.client.post("/login", data={"password": "wrong-password", "next": "/assessments"})
    assert r.status_code == 403
    assert "密码不正确。" in r.text
    assert site.client.post("/assessments", data={"name": "x"}).status_code == 403


def test_a_token_for_7_3_cannot_read_or_write_5_4(site: Site, flow: dict[str, object]) -> None:
    token, other = str(flow["r73"]), str(flow["r5"])
    csrf = site.person_csrf(token)
    home = site.client.get(f"/r/{token}")
    assert "/c/7.3" in home.text and "/c/5.4" not in home.text
    r = site.client.get(f"/r/{token}/c/5.4")
    assert r.status_code == 403
    assert "这道题或这个条款没有分配给您，不能查看或修改。" in r.text
    assert site.client.get(f"/r/{token}/q/Q-5.4-01.json").status_code == 403
    r = _save(site, token, csrf, "Q-5.4-01", 0, level="3")
    assert r.status_code == 403  # type: ignore[attr-defined]
    assert site.workspace.store.answer(int(flow["aid"]), "Q-5.4-01") is None  # type: ignore[arg-type]
    # the chapter-5 respondent reaches 5.4 (a chapter covers its clauses) but not 7.3
    assert site.client.get(f"/r/{other}/c/5.4").status_code == 200
    assert site.client.get(f"/r/{other}/c/7.3").status_code == 403
    assert _save(site, token, csrf, "Q-7.3-01", 0, level="3").status_code == 200  # type: ignore[attr-defined]


def test_a_tampered_or_wrong_role_link_is_refused(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    tampered = token[:-1] + ("y" if token.endswith("x") else "x")  # one character changed
    for url in (f"/r/{tampered}", f"/r/{token}x/c/7.3", f"/a/{token}", f"/r/{flow['auditor']}"):
        r = site.client.get(url)
        assert r.status_code == 404, url
        assert "此链接无效" in r.text
    r = site.client.get(f"/r/{token[:-2]}/c/7.3?lang=en")
    assert "This link is not valid" in r.text


def test_every_change_needs_the_actors_csrf_token_and_the_same_origin(site: Site, flow: dict[str, object]) -> None:
    token, aid = str(flow["r73"]), int(flow["aid"])  # type: ignore[call-overload]
    csrf = site.person_csrf(token)
    other = site.person_csrf(str(flow["r5"]))
    for bad in ("", "0" * 64, other, str(flow["csrf"])):
        r = _save(site, token, bad, "Q-7.3-01", 0, level="3")
        assert r.status_code == 403, bad  # type: ignore[attr-defined]
    r = site.client.post(
        f"/r/{token}/q/Q-7.3-01",
        data={"csrf": csrf, "version": "0", "level": "3"},
        headers={"origin": "http://evil.example", **JSON},
    )
    assert r.status_code == 403
    assert "安全校验失败" in r.json()["error"]
    assert site.workspace.store.answer(aid, "Q-7.3-01") is None
    r = site.client.post(f"/assessments/{aid}/people", data={"name": "x", "role": "auditor"})
    assert r.status_code == 403
    assert len(site.workspace.store.people(aid)) == 3


def test_user_text_is_escaped_and_pages_carry_the_security_headers(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    csrf = site.person_csrf(token)
    evil = '<script>alert("x")</script>'
    r = _save(site, token, csrf, "Q-7.3-01", 0, level="1", notes=evil, **{"ev-0-title": evil, "ev-0-kind": "other"})
    assert r.status_code == 200  # type: ignore[attr-defined]
    page = site.client.get(f"/r/{token}/c/7.3")
    assert evil not in page.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page.text
    headers = page.headers
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-store"
    assert not re.search(r'(src|href)="(https?:)?//', page.text), "a page refers to another host"


# --------------------------------------------------------------------------- bad input through the forms


def test_problems_are_named_at_their_field_and_nothing_typed_is_lost(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    csrf = site.person_csrf(token)
    data = {
        "csrf": csrf,
        "version": "0",
        "level": "3",
        "notes": "我们的顾客之声计划",
        "ev-count": "0",
        "ev-0-title": "年度计划",
        "ev-0-kind": "document",
        "ev-0-date": "2099-01-01",
    }
    r = site.client.post(f"/r/{token}/q/Q-7.3-01", data=data)
    assert r.status_code == 422
    assert "未保存：请修改下面标出的问题，您填写的内容都保留着。" in r.text
    assert "日期应不晚于 2026-11-22，实际为 2099-01-01" in r.text
    assert "我们的顾客之声计划" in r.text and 'value="年度计划"' in r.text and 'value="2099-01-01"' in r.text
    r = site.client.post(f"/r/{token}/q/Q-7.3-01", data={**data, "ev-0-date": "2026-05-01", "level": "9"}, headers=JSON)
    assert r.status_code == 422
    assert r.json()["errors"]["level"] == ["应为 0–5，实际为 9"]
    r = site.client.post(
        f"/r/{token}/q/Q-7.3-01", data={**data, "ev-0-date": "2026-05-01", "level": "na"}, headers=JSON
    )
    assert r.status_code == 422
    assert r.json()["errors"]["na"] == ["应填写等级（问题 Q-7.3-01 是核心项，不得选择“不适用”），实际选择了不适用"]
    assert site.workspace.store.answer(int(flow["aid"]), "Q-7.3-01") is None  # type: ignore[arg-type]


def test_upload_checks_size_and_type_from_the_bytes_and_keeps_the_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CXASSESS_TODAY", TODAY)
    site = make_site(tmp_path / "ws", max_upload_bytes=2000)
    csrf = site.login()
    aid = site.create(csrf)
    token = site.add(csrf, aid, "王强", scopes=("7.3",))
    pcsrf = site.person_csrf(token)
    url = f"/r/{token}/q/Q-7.3-01/evidence"
    fields = {"csrf": pcsrf, "title": "顾客之声计划", "kind": "document", "date": "2026-05-01", "ref": ""}
    r = site.client.post(
        url, data=fields, files={"file": ("plan.pdf", b"<html><script>x</script></html>", "application/pdf")}
    )
    assert r.status_code == 422
    assert "不允许的文件类型（按文件内容判断）。" in r.text
    assert 'value="顾客之声计划"' in r.text  # what was typed is kept
    r = site.client.post(url, data=fields, files={"file": ("plan.pdf", PDF + b"x" * 2100, "application/pdf")})
    assert r.status_code == 422
    assert "文件过大：" in r.text and "上限为 2 KB" in r.text
    r = site.client.post(url, data=fields, files={"file": ("big.pdf", PDF + b"x" * 200_000, "application/pdf")})
    assert r.status_code == 413
    assert "提交的内容过大" in r.text
    assert site.workspace.store.answer(aid, "Q-7.3-01") is None
    r = site.client.post(url, data=fields, files={"file": ("../../计划.pdf", PDF, "text/html")})
    assert r.status_code == 200 and "已保存。" in r.text
    saved = site.workspace.store.answer(aid, "Q-7.3-01")
    ev = saved.body.evidence[0]
    assert (ev.title, ev.ref, ev.file.name, ev.file.media_type) == (
        "顾客之声计划",
        "计划.pdf",
        "计划.pdf",
        "application/pdf",
    )
    got = site.client.get(f"/r/{token}/files/{ev.file.sha256}")
    assert got.content == PDF
    assert got.headers["content-disposition"].startswith("attachment;")
    assert got.headers["x-content-type-options"] == "nosniff"
    assert "sandbox" in got.headers["content-security-policy"]
    assert got.headers["content-type"] == "application/pdf"
    # another respondent's link cannot fetch it, and no path reaches the evidence folder
    other = site.add(csrf, aid, "刘芳", scopes=("5",))
    assert site.client.get(f"/r/{other}/files/{ev.file.sha256}").status_code == 404
    assert site.client.get(f"/static/../evidence/{ev.file.sha256[:2]}/{ev.file.sha256}").status_code == 404
    assert site.client.get(f"/evidence/{ev.file.sha256[:2]}/{ev.file.sha256}").status_code == 404


def test_a_file_whose_evidence_item_is_refused_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CXASSESS_TODAY", TODAY)
    site = make_site(tmp_path / "ws")
    csrf = site.login()
    aid = site.create(csrf)
    token = site.add(csrf, aid, "王强", scopes=("7.3",))
    url = f"/r/{token}/q/Q-7.3-01/evidence"
    future = {"csrf": site.person_csrf(token), "title": "明年的计划", "kind": "document", "date": "2099-01-01"}
    r = site.client.post(url, data=future, files={"file": ("plan.pdf", PDF, "application/pdf")})
    assert r.status_code == 422
    assert site.workspace.store.answer(aid, "Q-7.3-01") is None
    assert not site.workspace.blobs.path_of(hashlib.sha256(PDF).hexdigest()).exists()
    r = site.client.post(
        url, data={**future, "date": "2026-05-01"}, files={"file": ("plan.pdf", PDF, "application/pdf")}
    )
    assert r.status_code == 200
    assert site.workspace.blobs.path_of(hashlib.sha256(PDF).hexdigest()).read_bytes() == PDF


def test_a_request_body_over_the_limit_is_refused(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    csrf = site.person_csrf(token)
    r = site.client.post(f"/r/{token}/q/Q-7.3-01", data={"csrf": csrf, "version": "0", "notes": "x" * 1_100_000})
    assert r.status_code == 413
    assert "提交的内容过大（上限 1.0 MB）" in r.text


def test_a_stale_version_gets_a_conflict_showing_both_versions(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    csrf = site.person_csrf(token)
    assert _save(site, token, csrf, "Q-7.3-01", 0, level="4", notes="第一版").status_code == 200  # type: ignore[attr-defined]
    r = site.client.post(
        f"/r/{token}/q/Q-7.3-01",
        data={"csrf": csrf, "version": "0", "level": "2", "notes": "我的修改", "ev-count": "0"},
    )
    assert r.status_code == 409
    assert "保存冲突：有人先保存了这道题" in r.text
    assert "第一版" in r.text and "我的修改" in r.text
    keep_mine = csrf_of(r.text)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', r.text))
    assert hidden["version"] == "1" and hidden["notes"] == "我的修改"
    r = site.client.post(f"/r/{token}/q/Q-7.3-01", data={**hidden, "csrf": keep_mine})
    assert r.status_code == 200
    saved = site.workspace.store.answer(int(flow["aid"]), "Q-7.3-01")  # type: ignore[arg-type]
    assert saved.version == 2 and saved.body.notes == "我的修改" and saved.body.level == 2


# --------------------------------------------------------------------------- files stay the interchange format


def _fill(site: Site, flow: dict[str, object]) -> None:
    token = str(flow["r73"])
    csrf = site.person_csrf(token)
    ev = {"ev-0-title": "顾客之声年度计划", "ev-0-kind": "record", "ev-0-date": "2026-04-29", "ev-0-ref": "VOC-1"}
    assert _save(site, token, csrf, "Q-7.3-01", 0, level="4", **ev).status_code == 200  # type: ignore[attr-defined]
    assert _save(site, token, csrf, "Q-7.3-02", 0, level="3", notes="多行\n备注").status_code == 200  # type: ignore[attr-defined]
    other = str(flow["r5"])
    ocsrf = site.person_csrf(other)
    for i, qid in enumerate(("Q-5.2-01", "Q-5.4-01")):
        assert _save(site, other, ocsrf, qid, 0, level=str(i + 1)).status_code == 200  # type: ignore[attr-defined]


def test_the_export_scores_byte_identically_with_the_command_line(
    site: Site, flow: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(site, flow)
    aid = int(flow["aid"])  # type: ignore[call-overload]
    auditor = str(flow["auditor"])
    page = site.client.get(f"/a/{auditor}/c/7.3")
    r = site.client.post(
        f"/a/{auditor}/v/Q-7.3-01",
        data={
            "csrf": csrf_of(page.text),
            "version": "0",
            "status": "disputed",
            "level": "2",
            "note": "只覆盖一个细分",
            "seen-count": "0",
        },
    )
    assert r.status_code == 200, r.text
    out = tmp_path / "files"
    out.mkdir()
    for name in ("answers.yaml", "verification.yaml"):
        got = site.client.get(f"/assessments/{aid}/export/{name}")
        assert got.status_code == 200 and got.headers["content-disposition"].startswith("attachment;")
        (out / name).write_bytes(got.content)
    a = site.workspace.store.assessment(aid)
    scored = site.workspace.scored(a)
    cli_run = CliRunner().invoke(cli, ["score", str(out / "answers.yaml"), "--json"], catch_exceptions=False)
    assert cli_run.exit_code == 0, cli_run.stderr
    without = site.workspace.scored  # the live score without the verification must match too
    from cxassess.pipeline.workspace import score_snapshot, snapshot

    plain = score_snapshot(
        site.workspace.basis(a),
        snapshot(site.workspace.basis(a), site.workspace.store.answers_model(a)),
        today=site.workspace.today(),
    )
    assert cli_run.stdout == result_json(plain.result)
    assert without is not None
    with_verification = CliRunner().invoke(
        cli,
        ["score", str(out / "answers.yaml"), "--verification", str(out / "verification.yaml"), "--json"],
        catch_exceptions=False,
    )
    assert with_verification.stdout == result_json(scored.result)
    rd = CliRunner().invoke(
        cli,
        [
            "readiness",
            str(out / "answers.yaml"),
            "--verification",
            str(out / "verification.yaml"),
            "--json",
            str(out / "r.json"),
        ],
        catch_exceptions=False,
    )
    assert rd.exit_code in (0, 5, 6, 7), rd.stderr
    assert (out / "r.json").read_text(encoding="utf-8") == readiness_json(readiness_of(scored))
    doc = json.loads(cli_run.stdout)
    assert doc["overall"]["counts"]["scored"] == 4


def test_the_workbook_comes_back_unchanged_and_a_wrong_file_is_refused(site: Site, flow: dict[str, object]) -> None:
    _fill(site, flow)
    aid = int(flow["aid"])  # type: ignore[call-overload]
    csrf = str(flow["csrf"])
    wb = site.client.get(f"/assessments/{aid}/export/workbook.xlsx?lang=en")
    assert wb.status_code == 200 and wb.content[:2] == b"PK"
    r = site.client.post(f"/assessments/{aid}/import", data={"csrf": csrf}, files={"file": ("q.xlsx", wb.content)})
    assert r.status_code == 200
    assert "导入完成：0 个答案有变化。" in r.text
    yaml_text = site.client.get(f"/assessments/{aid}/export/answers.yaml").text
    changed = yaml_text.replace("Q-7.3-02:\n    level: 3", "Q-7.3-02:\n    level: 5", 1)
    assert changed != yaml_text
    r = site.client.post(
        f"/assessments/{aid}/import", data={"csrf": csrf}, files={"file": ("answers.yaml", changed.encode())}
    )
    assert "导入完成：1 个答案有变化。" in r.text
    assert site.workspace.store.answer(aid, "Q-7.3-02").version == 2
    other_rubric = yaml_text.replace('rubric_version: "2.0.0"', 'rubric_version: "1.0.0"')
    r = site.client.post(
        f"/assessments/{aid}/import", data={"csrf": csrf}, files={"file": ("old.yaml", other_rubric.encode())}
    )
    assert r.status_code == 422
    assert "未导入，文件中有以下问题：" in r.text and "old.yaml" in r.text
    r = site.client.post(f"/assessments/{aid}/import", data={"csrf": csrf}, files={"file": ("x.exe", b"MZ")})
    assert r.status_code == 422 and "只能导入以下类型的文件" in r.text
    citation = "{title: CSAT, kind: data, date: 2026-10-01, metrics: metrics.json, figure: csat}"
    cited = re.sub(
        r"(Q-7\.3-02:\n    level: 5\n)(?:    evidence: \[\]\n)?", rf"\1    evidence: [{citation}]\n", changed
    )
    assert cited != changed
    r = site.client.post(
        f"/assessments/{aid}/import", data={"csrf": csrf}, files={"file": ("cited.yaml", cited.encode())}
    )
    assert r.status_code == 422 and "工作台不保存对调研指标的引用" in r.text
    assert site.workspace.store.answer(aid, "Q-7.3-02").version == 2


def test_an_imported_file_name_is_shown_short_without_folders_or_control_characters(
    site: Site, flow: dict[str, object]
) -> None:
    _fill(site, flow)
    aid = int(flow["aid"])  # type: ignore[call-overload]
    yaml_text = site.client.get(f"/assessments/{aid}/export/answers.yaml").text
    broken = yaml_text.replace('rubric_version: "2.0.0"', 'rubric_version: "1.0.0"')
    name = "../../etc/" + "q" * 240 + "\x07.yaml"  # a file name may be 255 bytes long
    r = site.client.post(
        f"/assessments/{aid}/import", data={"csrf": str(flow["csrf"])}, files={"file": (name, broken.encode())}
    )
    assert r.status_code == 422  # refused for its rubric, not for its name: the type survives shortening
    shown = "q" * 115 + ".yaml"
    assert shown in r.text and "q" * 116 not in r.text and "etc/" not in r.text and "\x07" not in r.text


def test_the_dashboard_shows_the_live_score_progress_and_people(site: Site, flow: dict[str, object]) -> None:
    _fill(site, flow)
    r = site.client.get(f"/assessments/{flow['aid']}")
    assert r.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in r.text  # the radar
    assert "王强" in r.text and "刘芳" in r.text and "赵敏" in r.text
    total = sum(
        1
        for q in site.workspace.basis(site.workspace.store.assessment(flow["aid"])).rubric.model.questions
        if q.clause == "7.3"
    )
    assert f'<progress value="2" max="{total}"></progress> 2/{total}' in r.text  # clause 7.3: two answered
    en = site.client.get(f"/assessments/{flow['aid']}?lang=en")
    assert "Progress and score by clause" in en.text
    assert site.client.get(f"/assessments/{flow['aid']}").text.count("Progress and score by clause") == 1  # remembered


def test_every_text_the_pages_use_is_in_the_catalogue() -> None:
    templates = sorted((REPO / "cxassess" / "web" / "templates").glob("*.j2"))
    assert len(templates) >= 10
    used: set[str] = set()
    for path in templates:
        used |= set(re.findall(r"\bt\('([a-z0-9_.]*[a-z0-9_])'", path.read_text(encoding="utf-8")))
    used |= {f"web.verify.{s}" for s in ("verified", "not_verified", "disputed")}
    used |= {f"web.role.{r}" for r in ("respondent", "auditor")}
    assert len(used) > 100
    assert sorted(used - set(CATALOGUE)) == []
