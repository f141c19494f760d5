"""``cxassess metrics`` on the bundled example: both languages, every output, determinism, errors."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import pytest
from pypdf import PdfReader

from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "zhilian-software"
SURVEY = EXAMPLE / "survey-2026.csv"


@pytest.fixture(scope="module")
def example_json(tmp_path_factory: pytest.TempPathFactory) -> dict:  # type: ignore[type-arg]
    from click.testing import CliRunner

    from cxassess.cli import cli

    out = tmp_path_factory.mktemp("json") / "metrics.json"
    r = CliRunner().invoke(cli, ["metrics", str(SURVEY), "--json", str(out)])
    assert r.exit_code == 0, r.output
    data: dict = json.loads(out.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def _figure(data: dict, fid: str) -> dict:  # type: ignore[type-arg]
    return next(f for m in data["metrics"] for f in m["figures"] if f["id"] == fid)


def test_chinese_run_prints_the_headline_figures_and_the_unusable_cells(run_cli, tmp_path, example_json) -> None:
    r = run_cli("metrics", SURVEY)
    assert r.exit_code == 0
    nps = _figure(example_json, "nps")
    lines = r.stdout.splitlines()
    assert lines[0] == "2025-01-02 至 2026-09-30，3,369 行（1 个文件）"
    low, high = nps["interval"]["low"], nps["interval"]["high"]
    assert lines[1] == f"NPS：{nps['value']:+.1f}（95% 区间 {low:+.1f} 至 {high:+.1f}，n = {nps['n']:,}）".replace(
        "-", "−"
    )
    assert r.stderr.strip() == "有 11 个单元格无法使用（空白、文本或超出量表），已逐行逐列列在报告和 JSON 中。"


def test_english_run(run_cli) -> None:
    r = run_cli("metrics", SURVEY, "--lang", "en")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == "2025-01-02 to 2026-09-30, 3,369 rows (1 file)"
    assert re.match(r"CSAT: \d+\.\d% \(95% interval \d+\.\d% to \d+\.\d%, n = 3,364\)$", r.stdout.splitlines()[3])
    assert r.stderr.strip().startswith("11 cells could not be used")


def test_json_records_each_survey_digest_and_what_a_citation_needs(example_json) -> None:
    data = example_json
    assert data["schema"] == "cxassess/metrics/1"
    survey, config = data["inputs"]
    assert survey == {
        "role": "survey",
        "name": "survey-2026.csv",
        "sha256": hashlib.sha256(SURVEY.read_bytes()).hexdigest(),
        "rows": 3369,
        "encoding": "gb18030",
        "delimiter": ",",
        "sheet": None,
    }
    assert config["sha256"] == hashlib.sha256((EXAMPLE / "metrics.yaml").read_bytes()).hexdigest()
    assert [m["id"] for m in data["metrics"]] == ["nps", "csat", "ces", "retention", "churn"]
    fig = _figure(data, "csat[渠道=电话热线]@2026-Q1")
    assert set(fig) >= {"value", "interval", "n", "covered", "segment", "period", "too_few"}
    assert fig["segment"] == {"dimension": "渠道", "value": "电话热线"}
    assert fig["period"]["start"] == "2026-01-01" and fig["period"]["end"] == "2026-03-31"
    assert "2026-01-01" <= fig["covered"]["first"] <= fig["covered"]["last"] <= "2026-03-31"
    assert data["invalid"]["total"] == 11 == len(data["invalid"]["cells"])
    assert {"where": "row 42, column 推荐意愿(0-10)", "reason": "out_of_range", "value": "11"}.items() <= data[
        "invalid"
    ]["cells"][0].items()


def test_the_example_shows_an_improvement_and_a_weak_channel(example_json) -> None:
    """The seeded example has online support improved from 2026-Q1 and the phone line worse than
    the other channels: both come out as significant, with the tests that say so."""
    ces = next(m for m in example_json["metrics"] if m["id"] == "ces")
    change = next(
        c for c in ces["comparisons"] if c["a"] == "ces[触点=在线支持]@2026-Q1" and c["kind"] == "period_change"
    )
    assert change["significant"] and change["direction"] == "up"
    phone = next(c for c in ces["comparisons"] if c["a"] == "ces[渠道=电话热线]" and c["kind"] == "segment_vs_rest")
    assert phone["significant"] and phone["direction"] == "down" and phone["test"] == "welch_t"


def test_json_is_byte_identical_from_another_folder(run_cli, tmp_path) -> None:
    other = tmp_path / "copy"
    other.mkdir()
    shutil.copy(SURVEY, other / SURVEY.name)
    shutil.copy(EXAMPLE / "metrics.yaml", other / "metrics.yaml")
    assert run_cli("metrics", SURVEY, "--json", tmp_path / "a.json").exit_code == 0
    assert run_cli("metrics", other / SURVEY.name, "--json", tmp_path / "b.json").exit_code == 0
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


@pytest.mark.parametrize(
    ("lang", "texts"),
    [
        ("zh", ["顾客体验指标报告", "净推荐值（NPS）", "样本不足", "显著差异", "第 42 行，“推荐意愿(0-10)”列"]),
        (
            "en",
            [
                "Customer-experience metrics",
                "Net Promoter Score (NPS)",
                "too few responses",
                "Significant differences",
                "row 42, column 推荐意愿(0-10)",
            ],
        ),
    ],
)
def test_html_report_in_both_languages_is_deterministic(run_cli, tmp_path, lang: str, texts: list[str]) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run_cli("metrics", SURVEY, "-o", a, "--lang", lang).exit_code == 0
    assert run_cli("metrics", SURVEY, "-o", b, "--lang", lang).exit_code == 0
    html = a.read_text(encoding="utf-8")
    assert a.read_bytes() == b.read_bytes()
    for text in texts:
        assert text in html, text
    assert "<script" not in html


def test_pdf_report_has_the_figures_with_intervals(run_cli, tmp_path, example_json) -> None:
    out = tmp_path / "metrics.pdf"
    r = run_cli("metrics", SURVEY, "-o", out)
    assert r.exit_code == 0, r.stderr
    text = re.sub(r"\s+", "", "\n".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    csat = _figure(example_json, "csat")
    assert f"{csat['value']:.1f}%" in text
    assert f"{csat['interval']['low']:.1f}%至{csat['interval']['high']:.1f}%" in text
    for heading in ("摘要", "净推荐值（NPS）", "顾客满意度（CSAT）", "顾客费力度（CES）", "数据质量", "方法"):
        assert heading in text, heading


def test_without_a_configuration_the_command_says_what_it_needs(run_cli, tmp_path) -> None:
    survey = tmp_path / "s.csv"
    shutil.copy(SURVEY, survey)
    r = run_cli("metrics", survey)
    assert r.exit_code == 2
    expected = f"错误：需要指标配置文件：用 --config 指定，或在调查文件旁放置 {tmp_path / 'metrics.yaml'}"
    assert r.stderr.strip() == expected


def test_a_configured_column_missing_from_the_survey_is_located_in_both_languages(run_cli, tmp_path) -> None:
    survey = tmp_path / "s.csv"
    shutil.copy(SURVEY, survey)
    config = tmp_path / "metrics.yaml"
    config.write_text(
        (EXAMPLE / "metrics.yaml").read_text(encoding="utf-8").replace("column: 地区", "column: 城市"), encoding="utf-8"
    )
    line = next(i for i, text in enumerate(config.read_text(encoding="utf-8").splitlines(), 1) if "城市" in text)
    zh = run_cli("metrics", survey)
    assert zh.exit_code == 2
    assert zh.stderr.splitlines()[0].startswith(
        f"{config}:{line}: segments[2].column: 应为 s.csv 中的列名（问卷编号、提交时间"
    )
    assert zh.stderr.splitlines()[0].endswith("实际为 '城市'（不存在或出现了两次）")
    en = run_cli("metrics", survey, "--lang", "en")
    assert en.stderr.splitlines()[0].endswith("found '城市' (absent or there twice)")
    assert en.stderr.splitlines()[-1] == "1 problem found."


def test_an_existing_output_is_kept(run_cli, tmp_path) -> None:
    out = tmp_path / "m.json"
    out.write_text("mine", encoding="utf-8")
    r = run_cli("metrics", SURVEY, "--json", out, "--lang", "en")
    assert r.exit_code == 2
    assert out.read_text(encoding="utf-8") == "mine"


def test_the_same_survey_twice_is_refused(run_cli, tmp_path) -> None:
    copy = tmp_path / "again.csv"
    shutil.copy(SURVEY, copy)
    r = run_cli("metrics", SURVEY, copy, "--config", EXAMPLE / "metrics.yaml", "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr.strip() == f"error: the same survey was given twice: {SURVEY} and {copy} have the same content"
