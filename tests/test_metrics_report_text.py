"""How the metrics report reads: the cover's cards name their period and lead with the latest
complete one, places and counts are written in the report's language, one interval notation,
Latin and Han text spaced, full-width brackets in Chinese, "p = 1.000" never split, % on the axes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxassess.core.metrics import InvalidCell
from cxassess.rendering import metrics_charts
from cxassess.rendering.metrics_report import NBSP, p_text, t, where_text
from cxassess.rendering.svgcharts import Palette
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "zhilian-software"
SURVEY = EXAMPLE / "survey-2026.csv"


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The text of each page of the example's report, in both languages."""
    from click.testing import CliRunner

    from cxassess.cli import cli

    out: dict[str, list[str]] = {}
    folder = tmp_path_factory.mktemp("pdf")
    for lang in ("zh", "en"):
        pdf = folder / f"{lang}.pdf"
        r = CliRunner().invoke(cli, ["metrics", str(SURVEY), "-o", str(pdf), "--lang", lang])
        assert r.exit_code == 0, r.output
        out[lang] = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    return out


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_the_cover_leads_with_the_latest_complete_quarter_and_names_every_period(pdf_text) -> None:
    zh, en = _flat(pdf_text["zh"][0]), _flat(pdf_text["en"][0])
    # the latest quarter, not the 21 months pooled (51.8%)
    for caption in ("NPS·2026-Q3", "CSAT·2026-Q3", "CES·2026-Q3", "留存率·2026-Q3"):
        assert caption in zh, caption
    assert "61.7%" in zh and "51.8%" not in zh
    assert "▲较2025-Q1+12.5个百分点" in zh  # the significant rise of CSAT
    assert "▲+12.5ppsince2025-Q1" in en and "Retention·2026-Q3" in en
    assert "最近一个完整季度（2026-Q3）" in zh
    assert "latestcompletequarter(2026-Q3)" in en


def test_each_section_gives_the_latest_quarter_and_all_responses_with_their_dates(pdf_text) -> None:
    csat = _flat(next(p for p in pdf_text["zh"] if "3 顾客满意度（CSAT）" in p and "按季度" in p))
    assert "CSAT·2026-Q3" in csat and "61.7%" in csat
    assert "CSAT·全部回答" in csat and "51.8%" in csat and "2025-01-02至2026-09-30" in csat


def test_data_quality_places_and_counts_are_written_in_the_reports_language(pdf_text) -> None:
    zh = "\n".join(pdf_text["zh"])
    en = "\n".join(pdf_text["en"])
    assert "第 42 行，“推荐意愿(0-10)”列" in zh
    assert "第 2402 行" in zh
    assert "row 42" not in zh and ", column" not in zh
    assert "3,369 行" in zh and "行数" not in zh
    assert "GB18030 · 逗号分隔" in zh
    assert "row 42, column 推荐意愿(0-10)" in en and "3,369 rows" in en and "Rows" not in en


def test_one_interval_notation_in_both_languages(pdf_text) -> None:
    zh, en = "\n".join(pdf_text["zh"]), "\n".join(pdf_text["en"])
    for text in (zh, en):
        assert not re.search(r"\[[+−]?\d", text), "bracketed interval"
        assert not re.search(r"\d\.\d+%? ?[–-] ?[+−]?\d+\.\d", text), "dashed interval"
    assert "57.4% 至 65.9%" in zh.replace(NBSP, " ")
    assert "同意比例 40.6%（36.1% 至 45.2%）" in zh.replace(NBSP, " ")
    assert "57.4% to 65.9%" in en.replace(NBSP, " ")


def test_chinese_pages_space_latin_from_han_and_use_full_width_brackets(pdf_text) -> None:
    zh = "\n".join(pdf_text["zh"])
    assert "CES 按季度" in zh and "NPS 按渠道" in zh
    assert not re.search(r"(NPS|CSAT|CES)按", zh)
    assert not re.search(r"\(p\s*[=<]", zh) and "（p = 0.747）" in zh.replace(NBSP, " ")
    assert "+9.2（141）" in zh  # cells of the segments by quarter


def test_english_labels_inside_sentences_and_no_chinese_wording(pdf_text) -> None:
    en = "\n".join(pdf_text["en"])
    assert "By channel" in en and "NPS by channel" in en
    for word in ("逗号", "行数", "全部回答", "个百分点", "较上期"):
        assert word not in en, word


def test_p_and_intervals_stay_on_one_line() -> None:
    assert p_text(1.0) == f"p{NBSP}={NBSP}1.000"
    assert p_text(0.0001) == f"p{NBSP}<{NBSP}0.001"
    assert t("metrics.range", "zh", low="4.07", high="4.29") == f"4.07{NBSP}至{NBSP}4.29"


def test_a_filled_in_value_is_spaced_from_han_only_where_scripts_meet() -> None:
    assert t("metrics.chart_segments", "zh", metric="NPS", dimension="Channel") == "NPS 按 Channel（虚线为总体）"
    assert t("metrics.chart_segments", "zh", metric="留存率", dimension="渠道") == "留存率按渠道（虚线为总体）"
    assert t("metrics.by_segment", "zh", dimension="App内渠道") == "按 App内渠道"  # the value itself is kept
    assert t("metrics.chart_segments", "en", metric="NPS", dimension="channel") == (
        "NPS by channel (dashed line: all responses)"
    )


def test_a_workbook_cell_keeps_its_reference() -> None:
    cell = InvalidCell(file="s.xlsx", row=3, column="推荐", where="答卷!C3", role="nps", reason="blank", value="")
    assert where_text(cell, "zh") == "答卷!C3"
    csv = cell.model_copy(update={"where": "row 3, column 推荐", "file": "s.csv"})
    assert where_text(csv, "zh") == "第 3 行，“推荐”列"
    assert where_text(csv.model_copy(update={"column": None, "where": "row 3"}), "en") == "row 3"


def test_share_axes_carry_the_percent_sign() -> None:
    points = [
        metrics_charts.Point("2026-Q1", 97.6, 96.6, 98.3, False),
        metrics_charts.Point("2026-Q2", 98.0, 97, 98.6, False),
    ]
    svg = metrics_charts.trend(points, Palette(), floor=0, ceiling=100, unit="%")
    assert re.search(r">9\d%<", svg)
    assert ">98<" not in metrics_charts.trend(points, Palette(), floor=0, ceiling=100, unit="%")
    forest = metrics_charts.forest(points, 97.8, Palette(), floor=0, ceiling=100, unit="%")
    assert re.search(r">9\d(\.\d)?%<", forest)


def test_a_survey_ending_inside_a_quarter_leads_with_the_quarter_before(run_cli, tmp_path: Path) -> None:
    lines = SURVEY.read_bytes().decode("gb18030").splitlines(keepends=True)
    kept = [line for line in lines if not re.search(r",2026/(8/(1[6-9]|[23]\d)|9/)", line)]
    assert len(kept) < len(lines)
    survey = tmp_path / "survey.csv"
    survey.write_bytes("".join(kept).encode("gb18030"))
    shutil.copy(EXAMPLE / "metrics.yaml", tmp_path / "metrics.yaml")
    out = tmp_path / "m.html"
    assert run_cli("metrics", survey, "-o", out, "--lang", "en").exit_code == 0
    cover = out.read_text(encoding="utf-8").split('<div class="kpis cover-kpis', 1)[1].split("</div>\n", 1)[0]
    assert "CSAT · 2026-Q2" in cover and "2026-Q3" not in cover.replace("Retention · 2026-Q3", "")
