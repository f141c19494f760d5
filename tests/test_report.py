"""The gap-analysis report: text, fonts, structure, escaping and isolation of the PDF and HTML."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxassess.core.actions import ActionItem
from cxassess.pipeline.usecases import Scored, Sources, run_score
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"
TODAY = dt.date(2026, 11, 22)


def _scored() -> Scored:
    return run_score(Sources(EXAMPLE), today=TODAY)


def _step(scored: Scored, item: ActionItem, lang: str) -> str:
    step = scored.rubric.question_index()[item.question].improvement_to(item.next_level)
    assert step is not None
    return step.get(lang)  # type: ignore[arg-type]


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def zh_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from cxassess.cli import cli

    out = tmp_path_factory.mktemp("zh") / "report.pdf"
    r = CliRunner(env={"CXASSESS_TODAY": "2026-11-22"}).invoke(cli, ["report", str(EXAMPLE), "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.fixture(scope="module")
def en_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    from cxassess.cli import cli

    out = tmp_path_factory.mktemp("en") / "report.pdf"
    r = CliRunner(env={"CXASSESS_TODAY": "2026-11-22"}).invoke(
        cli, ["report", str(EXAMPLE), "-o", str(out), "--lang", "en"]
    )
    assert r.exit_code == 0, r.output
    return out


def test_chinese_report_has_every_clause_score_and_top_actions(zh_pdf: Path) -> None:
    scored = _scored()
    result = scored.result
    text = _flat(_text(zh_pdf))
    clauses = scored.standard.clause_index()
    for c in result.clauses:
        assert _flat(f"{c.number}{clauses[c.id].title.zh}") in text, c.id
        assert f"{c.percent:.1f}%" in text, (c.id, c.percent)
    assert f"{result.overall.percent:.1f}%" in text
    assert scored.actions, "the example has gaps"
    for item in scored.actions[:5]:
        assert _flat(_step(scored, item, "zh")) in text
        assert item.due.isoformat() in text
    for heading in (
        "执行摘要",
        "成熟度概况",
        "逐条款分析",
        "改进路线图",
        "审批",
        "附录A证据与备注",
        "附录B评估方法",
        "附录C术语",
    ):
        assert heading in text, heading
    assert "智联云软件科技有限公司" in text and "GB/T42509-2023" in text


def test_executive_summary_names_the_weakest_areas_and_first_actions(zh_pdf: Path) -> None:
    scored = _scored()
    pages = PdfReader(str(zh_pdf)).pages
    summary = next(_flat(p.extract_text()) for p in pages if "首先要做的三件事" in _flat(p.extract_text()))
    assert "最需要关注的三个方面" in summary and "条款成熟度热力图" in summary
    below = sum(1 for c in scored.result.clauses if c.gap)
    assert f"{below}/{len(scored.result.clauses)}" in summary
    for item in scored.actions[:3]:
        assert _flat(_step(scored, item, "zh"))[:20] in summary


def test_english_report_has_clause_titles_and_actions(en_pdf: Path) -> None:
    scored = _scored()
    text = _flat(_text(en_pdf))
    clauses = scored.standard.clause_index()
    for c in scored.result.clauses:
        assert _flat(clauses[c.id].title.en) in text, c.id
    assert _flat(_step(scored, scored.actions[0], "en")) in text
    assert "Executivesummary" in text and "Roadmap" in text


def test_page_numbers_and_running_headers(zh_pdf: Path, en_pdf: Path) -> None:
    pages = PdfReader(str(zh_pdf)).pages
    n = len(pages)
    assert 12 <= n <= 60
    third = _flat(pages[2].extract_text())
    assert f"第3页/共{n}页" in third and "智联云软件科技有限公司" in third
    report_id = re.search(r"CXA-[0-9A-F]{12}", third)
    assert report_id is not None, "the report id is on every page"
    assert all(report_id.group() in (p.extract_text() or "") for p in pages)
    en_pages = PdfReader(str(en_pdf)).pages
    assert f"Page 3 of {len(en_pages)}" in en_pages[2].extract_text()


def test_table_of_contents_has_real_page_numbers(zh_pdf: Path) -> None:
    reader = PdfReader(str(zh_pdf))
    toc = reader.pages[1].extract_text()
    line = next(ln for ln in toc.splitlines() if "改进路线图" in ln)
    page = int(re.findall(r"(\d+)\s*$", line)[0])
    assert "改进路线图" in reader.pages[page - 1].extract_text()


def test_fonts_are_embedded_subset_and_include_bold(zh_pdf: Path) -> None:
    fonts: set[str] = set()
    embedded = True
    for page in PdfReader(str(zh_pdf)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            for desc in font.get("/DescendantFonts", []):
                fd = desc.get_object()["/FontDescriptor"].get_object()
                embedded &= any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert embedded
    assert any("CJK-SC" in f or "SC" in f for f in fonts), fonts
    assert any("Bold" in f for f in fonts), fonts
    assert all(re.match(r"/[A-Z]{6}\+", f) for f in fonts), "fonts are subset"


def test_example_report_is_under_2_mib(zh_pdf: Path) -> None:
    assert zh_pdf.stat().st_size < 2 * 1024 * 1024


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler's pdftoppm is not installed")
def test_first_page_renders_to_an_image(zh_pdf: Path, tmp_path: Path) -> None:
    import subprocess

    subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(zh_pdf), str(tmp_path / "p")], check=True)
    assert list(tmp_path.glob("p-*.png"))


def test_html_output_is_the_same_document_and_escapes_user_text(run_cli, tmp_path: Path) -> None:
    src = EXAMPLE.read_text(encoding="utf-8").replace(
        'name: "智联云软件科技有限公司"',
        'name: "智联云<script>alert(1)</script><img src=\\"http://example.com/x.png\\">"',
    )
    folder = tmp_path / "client"
    folder.mkdir()
    answers = folder / "answers.yaml"
    answers.write_text(src, encoding="utf-8")
    shutil.copy(EXAMPLE.parent / "metrics.json", folder / "metrics.json")
    out = tmp_path / "report.html"
    r = run_cli("report", answers, "-o", out)
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<img src="http://example.com' not in html
    assert 'id="actions"' in html and 'id="clause-7.3"' in html
    assert "font-family: &#34;" not in html, "CSS must not be escaped"


def test_fetcher_reads_only_data_urls_and_allowed_folders(tmp_path: Path) -> None:
    from cxassess.rendering.document import local_only_fetcher

    inside = tmp_path / "in"
    inside.mkdir()
    (inside / "ok.txt").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    fetcher = local_only_fetcher([inside])
    assert fetcher.fetch((inside / "ok.txt").as_uri()).read() == b"ok"
    assert fetcher.fetch("data:text/plain,hi").read() == b"hi"
    for url in ((tmp_path / "secret.txt").as_uri(), "http://example.com/x.png", "https://example.com/"):
        with pytest.raises(ValueError, match="blocked"):
            fetcher.fetch(url)


def test_missing_chinese_font_is_a_clear_error_with_exit_4(run_cli, tmp_path: Path, monkeypatch) -> None:
    import cxassess.rendering.document as document

    monkeypatch.setattr(document, "cjk_font_available", lambda: False)
    r = run_cli("report", EXAMPLE, "-o", tmp_path / "r.pdf", "--lang", "en")
    assert r.exit_code == 4
    assert "no Chinese font is installed" in r.stderr and "fonts-noto-cjk" in r.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_target_file_changes_targets_in_the_report(run_cli, tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text('schema: cxassess/targets/1\nclauses:\n  "7.3": 5\n', encoding="utf-8")
    out = tmp_path / "r.html"
    r = run_cli("report", EXAMPLE, "-o", out, "--target", targets, "--lang", "en")
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    block = html[html.index('id="clause-7.3"') : html.index('id="clause-7.4"')]
    assert re.search(r"Target</span><span class=\"val\">5</span>", block)


def test_existing_report_is_not_overwritten_without_force(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old", encoding="utf-8")
    r = run_cli("report", EXAMPLE, "-o", out)
    assert r.exit_code == 2 and out.read_text(encoding="utf-8") == "old"


def test_same_inputs_give_the_same_html_and_pdf_text(run_cli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    run_cli("report", EXAMPLE, "-o", a)
    run_cli("report", EXAMPLE, "-o", b)
    assert a.read_bytes() == b.read_bytes()


ALLOWED_LATIN = {"cxassess", "yaml", "default", "standard", "answers", "gbt", "verification", "rubric"}


def _english_words(text: str) -> set[str]:
    """Lower-case Latin words in a Chinese document that are neither ids, file names nor digests."""
    words = set(re.findall(r"(?<![A-Za-z0-9_.-])[a-z]{3,}(?![A-Za-z0-9_-])", text))
    return {w for w in words if w not in ALLOWED_LATIN and not re.fullmatch(r"[a-f]+", w)}


def test_the_chinese_report_has_no_english_beyond_names_ids_and_designations(zh_pdf: Path) -> None:
    text = _text(zh_pdf)
    answers_text = EXAMPLE.read_text(encoding="utf-8")  # the organisation's own words may hold any
    leaked = {w for w in _english_words(text) if w not in answers_text}
    assert leaked == set()


def test_the_executive_summary_with_its_heatmap_fits_one_page(zh_pdf: Path, en_pdf: Path) -> None:
    for pdf, needles in (
        (zh_pdf, ("执行摘要", "条款成熟度热力图", "8.3持续改进")),
        (en_pdf, ("Executivesummary", "heatmap", "8.3Continual")),
    ):
        pages = [_flat(p.extract_text()) for p in PdfReader(str(pdf)).pages]
        assert any(all(n in page for n in needles) for page in pages[2:]), needles


def test_a_themed_report_carries_the_footer_and_report_id_on_every_page(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "themed.pdf"
    theme = REPO / "examples" / "theme" / "theme.yaml"
    r = run_cli("report", EXAMPLE, "-o", out, "--theme", theme)
    assert r.exit_code == 0, r.stderr
    pages = PdfReader(str(out)).pages
    footer = "青松管理咨询"
    report_id = re.search(r"CXA-[0-9A-F]{12}", pages[0].extract_text())
    assert report_id is not None
    for i, page in enumerate(pages):
        text = page.extract_text()
        assert footer in text and report_id.group() in text, f"page {i + 1}"
    en = tmp_path / "themed-en.pdf"
    run_cli("report", EXAMPLE, "-o", en, "--theme", theme, "--lang", "en")
    assert report_id.group() in PdfReader(str(en)).pages[0].extract_text(), "zh and en share the report id"


def test_the_report_bounds_what_one_answer_puts_on_paper(run_cli, tmp_path: Path) -> None:
    import yaml

    doc = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    doc["answers"]["Q-7.3-01"]["notes"] = "长" * 20_000
    doc["answers"]["Q-7.3-01"]["evidence"] = [
        {"title": f"记录{i}", "kind": "record", "date": "2026-09-01"} for i in range(50)
    ]
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    shutil.copy(EXAMPLE.parent / "metrics.json", tmp_path / "metrics.json")  # the survey figures it cites
    out = tmp_path / "r.html"
    assert run_cli("report", answers, "-o", out, "--lang", "en").exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "38 more evidence items: see the answers file" in html
    assert "19400 more characters in the answers file" in html
