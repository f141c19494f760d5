"""How the gap, readiness and comparison reports read on paper: one interval notation shared with
the metrics report, sign-off blocks kept whole, running headers that name the page's own section,
labels never broken inside their word, rules written as sentences, and no two-sided extreme that
names the same clause as both strongest and weakest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from cxassess.rendering import svgcharts
from tests.conftest import REPO

EXAMPLES = REPO / "examples"
ZHILIAN = EXAMPLES / "zhilian-software"
ENV = {"CXASSESS_TODAY": "2026-11-22"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _run(args: list[str]) -> None:
    """Runs a command that writes its output (a readiness verdict has its own exit code)."""
    from click.testing import CliRunner

    from cxassess.cli import cli

    r = CliRunner(env=ENV).invoke(cli, args)
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert Path(args[-1]).is_file(), r.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """The text of each page of the reports looked at here."""
    folder = tmp_path_factory.mktemp("pages")
    answers = str(ZHILIAN / "answers.yaml")
    runs = {
        "gap-zh": ["report", answers],
        "gap-en": ["report", answers, "--lang", "en"],
        "rd-zh": ["readiness", answers, "--verification", str(ZHILIAN / "verification.yaml")],
        "rdu-zh": ["readiness", answers],
    }
    out = {}
    for name, args in runs.items():
        pdf = folder / f"{name}.pdf"
        _run([*args, "-o", str(pdf)])
        out[name] = [p.extract_text() or "" for p in PdfReader(str(pdf)).pages]
    return out


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The HTML of the reports whose wording is checked without laying out pages."""
    folder = tmp_path_factory.mktemp("html")
    answers = str(ZHILIAN / "answers.yaml")
    all_answers = [str(p) for p in sorted(EXAMPLES.glob("*/answers.yaml"))]
    runs = {
        "gap-zh": ["report", str(EXAMPLES / "lvyuan-fresh" / "answers.yaml")],
        "gap-hx-zh": ["report", str(EXAMPLES / "huaxin-bank" / "answers.yaml")],
        "rd-en": ["readiness", answers, "--verification", str(ZHILIAN / "verification.yaml"), "--lang", "en"],
        "cmp-zh": ["compare", *all_answers],
        "cmp-en": ["compare", *all_answers, "--lang", "en"],
    }
    out = {}
    for name, args in runs.items():
        target = folder / f"{name}.html"
        _run([*args, "-o", str(target)])
        out[name] = target.read_text(encoding="utf-8")
    return out


def test_cited_metrics_use_the_metrics_reports_interval_notation(pages) -> None:
    zh = _flat("".join(pages["gap-zh"]))
    en = "".join(pages["gap-en"])
    # as the metrics report writes them: "57.4% 至 65.9%", never "57.4% – 65.9%"
    assert "61.7%57.4%至65.9%" in zh and "4.394.35至4.43" in zh
    assert "2026-07-01至2026-09-30" in zh and "2025-01-02至2026-09-30" in zh
    assert "57.4%–65.9%" not in zh and "2026-07-01–2026-09-30" not in zh
    assert "95%置信区间" in zh and "覆盖期间" in zh and "回答日期" not in zh
    assert "57.4% to 65.9%" in en and "2026-07-01 to 2026-09-30" in en
    assert "95 %" not in en and "(40–69%)" in en and "69 %" not in en


def test_a_metrics_definition_and_its_formula_stand_on_their_own_lines(pages) -> None:
    page = next(p for p in pages["gap-zh"] if "作为证据引用的顾客体验指标" in p)
    assert re.search(r"而非平均分）。\s*\nCSAT = 100", page), page


def test_the_approval_and_sign_off_never_leave_their_heading_at_a_page_foot(pages) -> None:
    approval = [_flat(p) for p in pages["gap-zh"][2:] if "5审批" in _flat(p)]
    # the running header names the page's own section: only the approval page says "5 审批"
    assert len(approval) == 1, approval
    assert "本报告经下列人员编制" in approval[0] and "职责" in approval[0] and "批准" in approval[0]
    for name, heading, block in (("rd-zh", "6审核员签署", "审核方"), ("rdu-zh", "6签署", "自评估负责人")):
        page = next(_flat(p) for p in pages[name] if heading in _flat(p))
        assert block in page and "（盖章）" in page and "分发" in page, name


def test_the_roadmap_pages_are_headed_by_the_roadmap(pages) -> None:
    for page in pages["gap-zh"][2:]:
        flat = _flat(page)
        if "改进行动建议负责人" in flat:  # a page of the roadmap's tables
            assert "4改进路线图" in flat and "5审批" not in flat.split("序号")[0], flat[:80]


def test_finding_labels_and_glossary_terms_are_never_broken_inside_a_word(pages) -> None:
    statement = "\n".join(p for p in pages["rd-zh"] if "逐条款陈述" in p or "达到目标的内容" in p)
    assert re.search(r"F-\d{3}（[^）\n]*\n", statement) is None, "a finding's grade split over two lines"
    assert "F-002（观察项）" in statement
    gap = "\n".join(pages["gap-zh"])
    assert "峰值时刻/关键时刻" in gap
    assert "5.1 识别顾客体验管理环境和影响因素" in next(p for p in pages["gap-zh"] if "附录 D" in p and "对应关系" in p)


def test_no_count_of_zero_is_written_as_system_output(html) -> None:
    # Huaxin answers every question and declares none N/A
    assert "（0 个问题按不适用处理）" not in html["gap-hx-zh"]
    assert "0 个分组给出统计值" not in html["cmp-zh"]
    assert "同行分组：全部 6 个分组均少于 5 家组织，已隐去其统计值。" in html["cmp-zh"]
    assert "评估覆盖全部 84 个问题，没有问题按不适用处理。" in html["gap-hx-zh"]


def test_first_actions_name_owner_and_due_date_without_nested_brackets(html) -> None:
    assert "由质量管理部（内审与管理评审）负责，2026-10-08 前完成。" in html["gap-zh"]
    assert "（质量管理部（内审与管理评审）" not in html["gap-zh"]


def test_a_finding_without_a_deadline_says_so_in_words(pages) -> None:
    zh = _flat("".join(pages["rd-zh"]))
    assert "完成期限—" not in zh and "无强制期限" in zh
    assert "F-043重大差距8.2顾客体验管理的评估·Q-8.2-01核心项完成期限2026-12-13" in zh


def test_the_appendix_names_the_level_as_the_clause_tables_do(pages) -> None:
    zh = _flat("".join(pages["gap-zh"]))
    assert "自评等级、计分等级和证据数量" in zh and "采用等级" not in zh
    assert "claimed level, scored level and evidence count" in "".join(pages["gap-en"]).replace("\n", " ")


def test_the_tool_and_rubric_table_uses_full_width_brackets_in_chinese(pages) -> None:
    zh = _flat("".join(pages["gap-zh"]))
    assert "GB/T42509-2023（gbt42509:2023）" in zh and "(gbt42509:2023)" not in zh
    assert "(gbt42509:2023)" in "".join(pages["gap-en"])


def test_chapter_heads_write_a_level_as_the_summary_does(pages) -> None:
    zh = _flat("".join(pages["gap-zh"]))
    assert "5顾客体验管理框架·52.6%·成熟度2级" in zh


def test_the_method_appendix_gives_priorities_under_their_own_heading(pages) -> None:
    zh = _flat("".join(pages["gap-zh"]))
    assert zh.count("每行对应一个低于所在条款目标等级的问题") == 1  # the roadmap's introduction only
    assert "改进行动的优先级和期限优先级=差距×2（核心项）" in zh
    en = _flat("".join(pages["gap-en"]))
    assert "Priorityandduedatesofactions" in en


def test_evidence_rules_and_grading_rules_read_as_sentences(pages, html) -> None:
    zh = _flat("".join(pages["rd-zh"]))
    assert "3级需要至少1条被计入的证据（记录、观察、数据类），并满足其下各级的要求。" in zh
    assert "类）（并满足" not in zh
    assert "核心项，审核员未能验证，等级低于目标→重大差距" in zh
    assert "条文用语为“应”，等级低于目标→一般差距" in zh
    assert "规范强度" not in zh and "声称" not in zh and "“自评高于证据”" in zh
    en = html["rd-en"]
    assert "of kind" not in en and "strength shall" not in en and "outcome is" not in en
    assert "Level 3 needs at least 1 counted evidence item (record, observation, data), and" in en
    assert "not verified by the auditor" in en and "the clause says “shall”" in en


def test_english_table_labels_start_with_a_capital(html) -> None:
    en = html["rd-en"]
    for label in ("Standard catalogue", "Rubric", "Answers", "Verification", "Metrics result"):
        assert f'<td class="nb">{label}</td>' in en, label
    assert "<td>Self-assessment 2026-11-02; verification 2026-11-12 to 2026-11-13</td>" in en


def test_chinese_sentences_set_side_by_side_have_no_space_between_them(html) -> None:
    for name in ("gap-zh", "cmp-zh"):
        assert re.search(r"。 [^\s<]", html[name]) is None, name
    assert "先补充证据：自评等级未被证据支持。</strong>把" in html["gap-zh"]
    assert "每家组织一张卡片。圆点" in html["cmp-zh"]
    assert "One card per organisation. The dot" in html["cmp-en"]


def test_a_card_never_names_one_clause_as_both_strongest_and_weakest(html) -> None:
    zh = html["cmp-zh"]
    for best, worst in re.findall(r"相对最强为 (\S+ [^（]+)（.*?相对最弱为 (\S+ [^（]+)（", zh):
        assert best != worst
    # three organisations: every clause of a card holds the same percentile
    assert zh.count("各条款在组合中的百分位相同") == 3
    assert "every clause at the same percentile of the portfolio (100)" in html["cmp-en"]


def test_the_comparison_writes_its_middle_half_as_every_interval_is_written(html) -> None:
    assert re.search(r'<span class="big">\d+%\u00a0至\u00a0\d+%</span>', html["cmp-zh"])
    assert re.search(r'<span class="big">\d+%\u00a0to\u00a0\d+%</span>', html["cmp-en"])


def test_an_empty_history_chapter_may_follow_the_cards_on_their_page(html) -> None:
    # one sentence needs no page of its own: the chapter is not forced onto a new page
    assert '<section class="chapter follow" id="history">' in html["cmp-zh"]


def test_the_chinese_comparison_names_fields_in_chinese(html) -> None:
    zh = re.sub(r"<[^>]+>", " ", html["cmp-zh"])
    assert "percentile" not in zh
    assert "答案文件中的组织编号 organisation.id" in zh


def test_long_bar_labels_are_not_cut_short() -> None:
    label = "4 c) Multi-party collaboration and co-creation"
    svg = svgcharts.hbars([label, "4 a) Customer-needs orientation"], [45.0, 53.0], [60.0, 60.0], svgcharts.Palette())
    assert label in svg and "…" not in svg


def test_the_english_appendices_keep_their_terms_on_one_page_and_a_one_line_running_header(
    pages: dict[str, list[str]],
) -> None:
    en = pages["gap-en"]
    terms = [i for i, text in enumerate(en) if "Appendix C — Terms" in text and i > 2]  # past the contents
    assert len(terms) == 1 and "Internal audit" in en[terms[0]]  # the last term beside the first
    assert "Appendix D — Correspondence with other standards" in en[-1]  # the running header, short
