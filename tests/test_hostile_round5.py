"""Hostile input, round 5: the workspace's forms and URLs, themes, targets and verification files,
survey workbooks.

Each case asserts the exact message (or its located start) and the status or exit code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import TODAY, good_copy

# --------------------------------------------------------------------------- the workspace


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    pytest.importorskip("starlette")
    pytest.importorskip("multipart")
    from tests.web_support import make_site

    monkeypatch.setenv("CXASSESS_TODAY", TODAY)
    monkeypatch.delenv("CXASSESS_PATH", raising=False)
    return make_site(tmp_path / "ws")


@pytest.mark.parametrize("number", ["²", "٣", "9" * 30, str(2**63)])
def test_an_assessment_or_person_number_that_is_not_a_row_id_is_not_found_not_a_crash(site, number: str) -> None:
    csrf = site.login()
    aid = site.create(csrf)
    for url in (
        f"/assessments/{number}",
        f"/assessments/{number}/people",
        f"/assessments/{number}/export/answers.yaml",
    ):
        r = site.client.get(url)
        assert r.status_code == 404, url
        assert "没有这个评估。" in r.text
    r = site.client.post(f"/assessments/{aid}/people/{number}", data={"csrf": csrf, "action": "link"})
    assert r.status_code == 404


@pytest.mark.parametrize("version", ["²", "9" * 30])
def test_a_version_that_is_not_a_row_id_is_refused_not_a_crash(site, version: str) -> None:
    from tests.web_support import JSON

    csrf = site.login()
    aid = site.create(csrf)
    token = site.add(csrf, aid, "王强", scopes=("7.3",))
    pcsrf = site.person_csrf(token)
    r = site.client.post(f"/r/{token}/q/Q-7.3-01", data={"csrf": pcsrf, "version": version, "level": "3"}, headers=JSON)
    assert r.status_code == 400
    assert site.workspace.store.answer(aid, "Q-7.3-01") is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("赵\u202e敏", "文本中不应有控制字符，实际含有 U+202E"),
        ("赵" * 501, "应不超过 500 个字符，实际 501 个"),
        ("\u200b\u200d", "应有文字，实际只有空白 '\\u200b\\u200d'"),
    ],
)
def test_an_auditor_name_the_verification_file_cannot_hold_is_refused_at_its_field_and_kept(
    site, name: str, message: str
) -> None:
    from tests.web_support import csrf_of

    csrf = site.login()
    aid = site.create(csrf)
    token = site.add(csrf, aid, "赵敏", role="auditor")
    acsrf = csrf_of(site.client.get(f"/a/{token}").text)
    r = site.client.post(f"/a/{token}/header", data={"csrf": acsrf, "auditor": name, "date": "2026-11-20"})
    assert r.status_code == 422
    assert message.replace("'", "&#39;") in r.text
    assert f'value="{name}"' in r.text and 'value="2026-11-20"' in r.text  # what was typed is kept
    assert site.workspace.store.verification_header(aid) is None
    # the auditor's pages and downloads still work
    assert site.client.get(f"/a/{token}").status_code == 200
    assert site.client.get(f"/a/{token}/export/answers.yaml").status_code == 200


@pytest.mark.parametrize(
    ("name", "message"),
    [("李\u202e娜", "文本中不应有控制字符，实际含有 U+202E"), ("\u200b", "应有文字，实际只有空白 '\\u200b'")],
)
def test_a_person_name_with_control_or_only_invisible_characters_is_refused_at_its_field(
    site, name: str, message: str
) -> None:
    csrf = site.login()
    aid = site.create(csrf)
    r = site.client.post(f"/assessments/{aid}/people", data={"csrf": csrf, "name": name, "role": "auditor"})
    assert r.status_code == 422
    assert message.replace("'", "&#39;") in r.text
    assert site.workspace.store.people(aid) == []


def test_an_evidence_title_of_only_invisible_characters_is_a_located_error(run_cli, tmp_path: Path) -> None:
    path = good_copy(tmp_path)
    text = path.read_text(encoding="utf-8")
    first = text.index("title:")
    end = text.index("\n", first)
    path.write_text(text[:first] + 'title: "\\u200B\\u2060"' + text[end:], encoding="utf-8")
    r = run_cli("validate", path)
    assert r.exit_code == 2, r.stdout + r.stderr
    assert "answers.yaml:17: answers.q1.evidence[0].title: 应有文字，实际只有空白 '\\u200b\\u2060'" in r.stderr


# --------------------------------------------------------------------------- themes


@pytest.mark.parametrize(
    ("svg", "found"),
    [
        (b"<style>@import url(http://evil.example/x.css);</style>", "@import"),
        (b'<rect style="fill:url(http://evil.example/x)"/>', "url(http://evil.example/x"),
        (b"<rect fill=\"url( 'file:///etc/passwd')\"/>", "url( 'file:///etc/passwd"),
        (b'<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', 'href="data:image/svg+xml;base64,PHN2Zy8+'),
    ],
)
def test_a_logo_svg_that_links_out_through_its_styles_or_nests_another_svg_is_refused(
    run_cli, tmp_path: Path, svg: bytes, found: str
) -> None:
    (tmp_path / "logo.svg").write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg">' + svg + b"</svg>")
    theme = tmp_path / "theme.yaml"
    theme.write_text("schema: cxassess/theme/1\nname: 青松\nlogo: logo.svg\n", encoding="utf-8")
    r = run_cli("report", good_copy(tmp_path), "--theme", theme, "-o", tmp_path / "r.html", "--format", "html")
    assert r.exit_code == 2, r.stderr
    assert f"theme.yaml:3: logo: 标志应为纯图形的 SVG，实际含有 {found}（" in r.stderr
    assert not (tmp_path / "r.html").exists()


def test_a_logo_svg_filling_with_its_own_gradients_and_a_png_inside_is_taken(run_cli, tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
        b'<rect style="fill:url(#g)" fill="url( \'#g\')"/><image href="data:image/png;base64,AAAA"/></svg>'
    )
    theme = tmp_path / "theme.yaml"
    theme.write_text("schema: cxassess/theme/1\nname: 青松\nlogo: logo.svg\n", encoding="utf-8")
    r = run_cli("report", good_copy(tmp_path), "--theme", theme, "-o", tmp_path / "r.html", "--format", "html")
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize(
    "data",
    [b"<!-- saved from url -->\n<html><script>alert(1)</script></html>", b"\n<!---->\n<!-- x -->\n<svg onload=x>"],
)
def test_html_or_svg_behind_leading_comments_is_not_taken_as_text(data: bytes) -> None:
    from cxassess.files.blobs import sniff

    assert sniff(data) is None
    assert sniff(b"<!-- a note --> plain text") is not None


def test_a_verification_naming_an_empty_answers_file_is_refused_at_its_line(run_cli, tmp_path: Path) -> None:
    answers = good_copy(tmp_path)
    ver = tmp_path / "verification.yaml"
    ver.write_text(
        'schema: cxassess/verification/1\nauditor: "赵敏"\ndate: 2026-10-05\nanswers: ""\nfindings: {}\n',
        encoding="utf-8",
    )
    r = run_cli("readiness", "--lang", "en", answers, "--verification", ver, "--json", tmp_path / "r.json")
    assert r.exit_code == 2
    assert f"{ver}:4: answers: expected" in r.stderr and "found ''" in r.stderr
