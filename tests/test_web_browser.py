"""The whole workspace flow in a real browser: Debian's Chromium driven by Playwright.

Create an assessment, assign people, answer by personal link (autosave), upload evidence (and a
file of the wrong type), run into a conflict and resolve it, verify as the auditor, download the
readiness and gap reports. One browser for the session. With ``CXASSESS_SCREENSHOTS=FOLDER`` every
page is also saved as a PNG in both languages (and the respondent's page on a phone).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Debian's chromium is not installed: `apt-get install chromium` (scripts/run test installs it where it runs as root)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")

from tests.conftest import REPO, TODAY  # noqa: E402
from tests.web_support import PASSWORD, LiveServer  # noqa: E402

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SHOTS = os.environ.get("CXASSESS_SCREENSHOTS")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--headless=new"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(tmp_path_factory.mktemp("browser") / "ws", today=TODAY) as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def both_languages(page: Any, name: str) -> None:
    """Screenshots of the page in Chinese and English (back to Chinese afterwards)."""
    if not SHOTS:
        return
    url = page.url.split("#")[0].split("?")[0]
    shot(page, f"{name}-zh")
    page.goto(url + "?lang=en")
    shot(page, f"{name}-en")
    page.goto(url + "?lang=zh")


def q(qid: str) -> str:
    return f'[id="q-{qid}"]'


def test_the_whole_flow_in_a_real_browser(server: LiveServer, browser: Any) -> None:
    manager = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = manager.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    manager.on("request", lambda r: outside.append(r.url) if not r.url.startswith((server.url, "data:")) else None)

    # ---------------------------------------------------------------- the quality manager
    page.goto(server.url + "/")
    shot(page, "01-login-zh")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    both_languages(page, "02-assessments")
    page.select_option("select[name=rubric]", "gbt42509-default@2.0.0")
    page.fill("input[name=name]", "智联云软件科技有限公司")
    page.fill("input[name=org_id]", "zhilian-software")
    page.fill("input[name=sector]", "信息技术服务")
    page.fill("input[name=assessor]", "李娜")
    page.fill("input[name=date]", "2026-11-02")
    page.click("form.grid button[type=submit]")
    assert page.url.endswith("/people"), page.text_content("main")
    page.fill("input[name=name]", "王强")
    page.check('input[name=scopes][value="7.3"]')
    page.click("form button[type=submit] >> text=添加并生成专属链接")
    respondent_link = page.input_value("input.link")
    assert re.search(r"/r/[A-Za-z0-9_-]{32}$", respondent_link)
    page.fill("input[name=name]", "赵敏")
    page.check("input[name=role][value=auditor]")
    page.click("form button[type=submit] >> text=添加并生成专属链接")
    auditor_link = page.input_value("input.link")
    both_languages(page, "03-people")

    # ---------------------------------------------------------------- a respondent answers by link
    person = browser.new_context(viewport={"width": 1280, "height": 900})
    rp = person.new_page()
    rp.on("pageerror", lambda e: errors.append(str(e)))
    rp.goto(respondent_link)
    assert "王强，您好" in rp.text_content("h1")
    both_languages(rp, "04-respondent-home")
    rp.click("a[href$='/c/7.3']")
    first = q("Q-7.3-01")
    rp.check(f'{first} input[name=level][value="3"]')
    rp.click(f"{first} details.new-row summary")
    rp.fill(f"{first} input[name=ev-0-title]", "年度顾客之声计划")
    rp.select_option(f"{first} select[name=ev-0-kind]", "record")
    rp.fill(f"{first} input[name=ev-0-date]", "2026-04-29")
    rp.locator(f"{first} [data-save-status].good").wait_for(timeout=10_000)
    assert "已完整" in rp.text_content(f"{first} [data-missing]")  # level 3 with a counted record

    # an upload of the wrong type is refused with a message; the right one is attached
    rp.click(f"{first} details.upload summary")
    rp.fill(f"{first} form[data-upload] input[name=title]", "VOC 计划（扫描件）")
    rp.set_input_files(
        f"{first} form[data-upload] input[type=file]",
        {"name": "plan.pdf", "mimeType": "application/pdf", "buffer": b"<html><script>alert(1)</script></html>"},
    )
    rp.click(f"{first} form[data-upload] button[type=submit]")
    assert "不允许的文件类型（按文件内容判断）" in rp.text_content(first)
    assert rp.input_value(f"{first} form[data-upload] input[name=title]") == "VOC 计划（扫描件）"
    rp.set_input_files(
        f"{first} form[data-upload] input[type=file]",
        {"name": "计划.pdf", "mimeType": "application/pdf", "buffer": PDF},
    )
    rp.click(f"{first} form[data-upload] button[type=submit]")
    assert rp.locator(f"{first} .file a", has_text="计划.pdf").count() == 1
    both_languages(rp, "05-respondent-clause")

    # ---------------------------------------------------------------- a conflict between two tabs
    other = person.new_page()
    other.goto(respondent_link + "/c/7.3")
    rp.check(f'{first} input[name=level][value="2"]')
    rp.locator(f"{first} [data-save-status].good").wait_for(timeout=10_000)
    other.fill(f"{first} textarea[name=notes]", "另一个标签页里的修改")
    banner = other.locator(f"{first} .conflict-banner")
    banner.wait_for(timeout=10_000)
    assert "王强 已于" in banner.text_content()
    banner.locator("button").click()
    other.wait_for_load_state()
    assert "保存冲突：有人先保存了这道题" in other.text_content("h1")
    assert "另一个标签页里的修改" in other.text_content("table.compare")
    shot(other, "06-conflict-zh")
    other.click("text=用我的版本替换")
    assert other.locator(f"{first} textarea[name=notes]").input_value() == "另一个标签页里的修改"

    # a phone shows the same page in one column
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    pp = phone.new_page()
    pp.goto(respondent_link + "/c/7.3")
    assert pp.evaluate("document.documentElement.scrollWidth") <= 390
    both_languages(pp, "07-respondent-phone")
    phone.close()

    # ---------------------------------------------------------------- the auditor verifies
    auditor = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    ap = auditor.new_page()
    ap.goto(auditor_link)
    both_languages(ap, "08-auditor-home")
    ap.click("a[href$='/c/7.3']")
    ap.check(f"{first} input[name=status][value=verified]")
    ap.fill(f"{first} textarea[name=note]", "现场查阅了计划和调研记录")
    ap.click(f"{first} form.verify button[type=submit]")
    assert "已保存。" in ap.text_content(first)
    both_languages(ap, "09-auditor-clause")
    with ap.expect_download() as got:
        ap.goto(auditor_link)
        ap.click("text=认证准备度报告 PDF (中文)")
    assert Path(got.value.path()).read_bytes()[:5] == b"%PDF-"
    with ap.expect_download() as got:
        ap.click("text=审核验证文件（verification.yaml）")
    verification = Path(got.value.path()).read_text(encoding="utf-8")
    assert "Q-7.3-01:\n    status: verified" in verification

    # ---------------------------------------------------------------- import, the dashboard, the gap report
    dashboard = page.url.rsplit("/people", 1)[0]
    page.goto(dashboard)
    assert page.locator(".kpi").count() == 4
    # the workspace takes answers files whose evidence stands on its own: the example's citations of
    # survey figures (a metrics result beside the file) become plain data evidence here
    plain = Path(server.folder).parent / "answers.yaml"
    plain.write_text(
        "\n".join(
            line
            for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
            if not line.lstrip().startswith(("metrics:", "figure:"))
        ),
        encoding="utf-8",
    )
    page.set_input_files("form[action$='/import'] input[type=file]", str(plain))
    page.click("form[action$='/import'] button[type=submit]")
    assert re.search(r"导入完成：\d+ 个答案有变化。", page.text_content(".alert.good"))
    assert "王强" in page.text_content("body")
    assert page.locator("table.clauses progress").count() == 16
    both_languages(page, "10-dashboard")
    with page.expect_download() as got:
        page.click("text=差距分析报告 PDF (中文)")
    assert got.value.suggested_filename == "zhilian-software-gap-report-zh.pdf"
    assert Path(got.value.path()).read_bytes()[:5] == b"%PDF-"

    assert errors == []
    assert outside == []  # no page asked any other host for anything
    for context in (manager, person, auditor):
        context.close()
