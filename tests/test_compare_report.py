"""The comparison report: suppressed peer groups, small multiples with a position line, aggregates
beyond the declared limits, nothing in English in the Chinese report, and the page structure."""

from __future__ import annotations

import datetime as dt
import random
import re
from functools import cache
from pathlib import Path

import markupsafe
import pytest

from cxassess.core.actions import action_plan
from cxassess.core.portfolio import Portfolio, Scorecard, build_portfolio
from cxassess.core.scoring import score
from cxassess.files.library import templates_dir
from cxassess.i18n import Lang, t
from cxassess.rendering import compare_report
from cxassess.rendering.compare_report import CompareView, build_compare_report
from cxassess.rendering.document import render_html
from tests.portfolio_data import RUB, STD, make_answers, write_portfolio

# Words a Chinese report may carry: ids and designations, the names of tools and formats.
ALLOWED = {
    "GB",
    "cxassess",
    "gbt",
    "default",
    "org",
    "organisation",
    "id",
    "NumPy",
    "percentile",
    "JSON",
    "SHA",
    "CXA",
    "Q",
}


@cache
def _cards(n: int, histories: int, seed: int = 3) -> tuple[Scorecard, ...]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        org = f"org-{i:03d}"
        dates = [dt.date(2026, 3, 1)] + ([dt.date(2025, 3, 1)] if i < histories else [])
        for k, date in enumerate(dates):
            a = make_answers(rng, org, date, bias=rng.uniform(-1.5, 1.5) - k)
            r = score(STD, RUB, a)
            out.append(Scorecard.of(r, action_plan(r, RUB, STD), f"{org}-{k}"))
    return tuple(out)


def _portfolio(n: int, histories: int = 0) -> Portfolio:
    return build_portfolio(list(_cards(n, histories)))


def _html(view: CompareView) -> str:
    return render_html(view, templates_dir(), "compare.html.j2")


def _text(html: str) -> str:
    body = html.split("<body", 1)[1].split(">", 1)[1]
    body = re.sub(r'src="data:[^"]*"', "", body)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_small_peer_groups_are_shown_suppressed_never_with_their_statistics() -> None:
    p = _portfolio(12)
    small = [g for g in p.peer_groups if g.suppressed]
    assert small, "the test portfolio must have groups below the minimum"
    view = build_compare_report(p, STD, "en", None)
    rows = {(g.kind, g.name): g for g in view.groups}
    for g in small:
        name = t(f"size.{g.name}", "en") if g.kind == "size" else g.name
        row = rows[(t(f"cmp.by_{g.kind}", "en"), name)]
        assert row.suppressed and row.cells == [] and row.overall == ""
        assert row.note == f"suppressed (fewer than {p.min_peer_group})"
    html = _html(view)
    suppressed_rows = re.findall(r'<tr class="suppressed">(.*?)</tr>', html, re.S)
    assert len(suppressed_rows) == len(small)
    for row in suppressed_rows:  # the group's size, and no percent anywhere in the row
        assert re.findall(r'class="num">(\d+)<', row) and "%" not in row and 'class="cell"' not in row


def test_each_client_card_has_a_one_line_position_and_no_repeated_columns() -> None:
    p = _portfolio(12)
    view = build_compare_report(p, STD, "en", None)
    assert len(view.cards) == 12
    first = view.cards[0]
    e = p.organisations[0]
    assert first.summary.startswith(f"Rank {e.rank} of 12, overall {e.overall:.1f}%, ")
    assert first.summary.count(".") >= 1 and "\n" not in first.summary
    top = [x.clause for x in e.positions if x.quartile == 4]
    assert first.strengths == ", ".join(STD.clause_index()[c].number for c in top) or "—"
    assert first.chart.startswith("data:image/svg+xml;base64,")


def test_overlay_chooses_the_cards() -> None:
    p = _portfolio(12)
    view = build_compare_report(p, STD, "zh", ["org-004", "org-001", "nobody"])
    assert [c.name for c in view.cards] == ["客户org-004", "客户org-001"]
    assert view.cards_note == "按命令行选定的 2 家组织各一张卡片。"


def test_beyond_the_limit_the_report_shows_aggregates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compare_report, "LIST_UP_TO", 20)
    monkeypatch.setattr(compare_report, "HISTORIES_UP_TO", 3)
    p = _portfolio(30, histories=5)
    view = build_compare_report(p, STD, "en", None)
    assert not view.listed and view.ranking == []
    assert [c.rank for c in view.cards] == [str(e.rank) for e in p.organisations[:3] + p.organisations[-2:]]
    assert len(view.deciles) == 10 and sum(int(d.n) for d in view.deciles) == 30
    assert sum(int(b.count) for b in view.bands) == 30
    assert view.histories == [] and len(view.changes) == len(p.clauses)
    assert view.histories_note.startswith("5 organisations have more than one assessment (more than 3:")
    html = _html(view)
    for e in p.organisations[3:-2]:  # no row for an organisation beyond the limit
        assert e.name not in html


def test_within_the_limits_every_organisation_and_history_is_listed() -> None:
    p = _portfolio(8, histories=2)
    view = build_compare_report(p, STD, "en", None)
    assert view.listed and [r.name for r in view.ranking] == [e.name for e in p.organisations]
    assert len(view.histories) == 2 and view.changes == []
    for h in view.histories:  # only the clauses that moved, largest change first
        changes = [abs(float(r.change)) for r in h.trend]
        assert changes == sorted(changes, reverse=True) and all(c > 0 for c in changes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_has_its_sections_in_both_languages(lang: Lang) -> None:
    html = _html(build_compare_report(_portfolio(12, histories=2), STD, lang, None))
    for code in ("cmp.x.summary", "cmp.distribution", "cmp.ranking", "cmp.peers", "cmp.x.cards", "cmp.history"):
        assert str(markupsafe.escape(t(code, lang))) in html
    assert '<html lang="zh-CN">' in html if lang == "zh" else '<html lang="en">' in html


def test_no_english_in_the_chinese_report() -> None:
    text = _text(_html(build_compare_report(_portfolio(12, histories=2), STD, "zh", None)))
    words = set(re.findall(r"[A-Za-z]{2,}", text))
    words -= {w for w in words if re.fullmatch(r"[A-F0-9]+", w)}  # report id
    assert sorted(words - ALLOWED) == []


def test_the_compare_pdf_pages(run_cli, tmp_path: Path) -> None:
    from pypdf import PdfReader

    folder = tmp_path / "clients"
    write_portfolio(folder, 7)
    out = tmp_path / "c.pdf"
    r = run_cli("compare", folder, "-o", out)
    assert r.exit_code == 0, r.stderr
    pages = [pg.extract_text().replace(" ", "") for pg in PdfReader(str(out)).pages]
    assert "客户组合对比报告" in pages[0] and "目录" in pages[1]
    starts = {
        name: next(i for i, pg in enumerate(pages) if i > 1 and name in pg)
        for name in ("1概览", "3排名与热力图", "5各客户的位置")
    }
    assert starts["1概览"] < starts["3排名与热力图"] < starts["5各客户的位置"]
    assert "已隐去（少于5家）" in "".join(pages)
    assert "第1名（共7家）" in "".join(pages)
