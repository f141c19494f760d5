"""Portfolio statistics against an independent computation, history, compare and batch commands."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

import numpy as np
import pytest

from cxassess.core.actions import action_plan
from cxassess.core.portfolio import Assessed, build_portfolio
from cxassess.core.scoring import score
from tests.conftest import REPO
from tests.portfolio_data import RUB, STD, make_answers, write_portfolio


def _assessed(n: int, seed: int) -> list[Assessed]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        a = make_answers(rng, f"o{i:03d}", dt.date(2026, 3, 1), bias=rng.uniform(-1.5, 1.5))
        r = score(STD, RUB, a)
        out.append(Assessed(r, action_plan(r, RUB, STD), f"o{i}"))
    return out


def _independent_percentile(x: float, values: list[float]) -> float:
    below = sum(v < x for v in values)
    ties = sum(v == x for v in values) - 1
    return 100.0 * (below + ties / 2) / (len(values) - 1)


@pytest.mark.parametrize("n", [5, 500])
def test_statistics_match_an_independent_computation(n: int) -> None:
    assessed = _assessed(n, seed=n)
    p = build_portfolio(assessed)
    assert len(p.organisations) == n
    for stats in p.clause_stats:
        values = [a.result.clause(stats.clause).percent for a in assessed]
        data = np.array([v for v in values if v is not None])
        d = stats.distribution
        assert d is not None and d.n == len(data)
        q1, med, q3 = np.percentile(data, [25, 50, 75])  # linear interpolation = inclusive quartiles
        assert (d.q1, d.median, d.q3) == pytest.approx((q1, med, q3), abs=0.006)
        assert (d.min, d.max, d.mean) == pytest.approx((data.min(), data.max(), data.mean()), abs=0.006)
    overall = [a.result.overall.percent for a in assessed]
    for entry in p.organisations:
        assert entry.percentile == pytest.approx(_independent_percentile(entry.overall, overall), abs=0.006)
        assert entry.rank == 1 + sum(v > entry.overall for v in overall)  # competition ranking
        for pos in entry.positions:
            column = [a.result.clause(pos.clause).percent for a in assessed]
            assert pos.percentile == pytest.approx(_independent_percentile(pos.percent, column), abs=0.006)
    ranked = [e.overall for e in p.organisations]
    assert ranked == sorted(ranked, reverse=True)
    medians = {s.clause: s.distribution.median for s in p.clause_stats}
    assert medians[p.weakest_clauses[0]] == min(medians.values())
    assert medians[p.strongest_clauses[0]] == max(medians.values())
    sectors = [g for g in p.peer_groups if g.kind == "sector"]
    assert sum(len(g.members) for g in sectors) == n
    for g in sectors:
        members = [a for a in assessed if a.result.organisation.sector == g.name]
        if len(members) < p.min_peer_group:  # a small group would disclose its members' scores
            assert g.suppressed and g.overall_median is None and set(g.clause_medians.values()) == {None}
            continue
        assert not g.suppressed
        assert g.overall_median == pytest.approx(
            float(np.median([a.result.overall.percent for a in members])), abs=0.006
        )


def test_history_of_three_dated_assessments() -> None:
    rng = random.Random(1)
    base = make_answers(rng, "acme", dt.date(2025, 3, 1))

    kept = next(a.evidence for a in base.answers.values() if a.evidence)  # records kept over a year

    def at(date: dt.date, changes: dict[str, int]) -> Assessed:
        items = {
            k: v.model_copy(update={"level": changes[k], "evidence": kept}) if k in changes else v
            for k, v in base.answers.items()
        }
        a = base.model_copy(update={"answers": items, "assessment": base.assessment.model_copy(update={"date": date})})
        r = score(STD, RUB, a)
        return Assessed(r, action_plan(r, RUB, STD), str(date))

    ev = {"Q-5.2-01", "Q-7.3-01"}
    first = at(dt.date(2025, 3, 1), {"Q-5.2-01": 1, "Q-7.3-01": 4})
    second = at(dt.date(2025, 9, 1), {"Q-5.2-01": 2, "Q-7.3-01": 4})
    third = at(dt.date(2026, 3, 1), {"Q-5.2-01": 4, "Q-7.3-01": 1})
    for qid in ev:  # evidenced, so the levels above are scored as given
        assert first.result.question(qid).evidence_counted
    assert [a.result.question("Q-5.2-01").level for a in (first, second, third)] == [1, 2, 4]
    p = build_portfolio([third, first, second])
    assert len(p.organisations) == 1 and p.organisations[0].assessments == 3
    assert p.organisations[0].date == dt.date(2026, 3, 1)
    h = p.histories[0]
    assert h.dates == [dt.date(2025, 3, 1), dt.date(2025, 9, 1), dt.date(2026, 3, 1)]
    trend = {c.clause: c for c in h.clauses}
    assert [v for _, v in trend["5.2"].points] == [
        first.result.clause("5.2").percent,
        second.result.clause("5.2").percent,
        third.result.clause("5.2").percent,
    ]
    assert "5.2" in h.improved and "7.3" in h.regressed
    assert "Q-5.2-01" in h.closed_actions  # was below target in the second assessment, meets it now
    assert all(q in [i.question for i in second.actions] for q in h.closed_actions + h.open_actions)


def test_compare_command_writes_json_and_pdf(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    write_portfolio(folder, 6)
    out, js = tmp_path / "compare.pdf", tmp_path / "p.json"
    r = run_cli("compare", folder, "-o", out, "--json", js)
    assert r.exit_code == 0, r.stderr
    doc = json.loads(js.read_text(encoding="utf-8"))
    assert doc["schema"] == "cxassess/portfolio/1" and len(doc["organisations"]) == 6
    from pypdf import PdfReader

    text = "".join(pg.extract_text() for pg in PdfReader(str(out)).pages).replace(" ", "")
    for needle in ("排名与热力图", "条款得分分布", "同行分组", "历次评估趋势", "客户org-000"):
        assert needle in text, needle


def test_compare_rejects_mixed_rubrics(run_cli, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    run_cli("questionnaire", "cx-strategy", "-o", other)
    text = other.read_text(encoding="utf-8")
    text = (
        text.replace('id: ""', 'id: "tele"').replace('name: ""', 'name: "电信"').replace('sector: ""', 'sector: "电信"')
    )
    text = text.replace("date: null", "date: 2026-10-01").replace('assessor: ""', 'assessor: "张"')
    other.write_text(text, encoding="utf-8")
    a = REPO / "examples" / "huaxin-bank" / "answers.yaml"
    r = run_cli("compare", "--lang", "en", a, other, "--json", tmp_path / "p.json")
    assert r.exit_code == 2
    line = 1 + text.splitlines().index("  rubric: cx-strategy")
    assert r.stderr.splitlines()[0] == (
        f"{other}:{line}: assessment.rubric: expected gbt42509-default 2.0.0 (as in {a}), found cx-strategy 2.0.0: "
        "a comparison needs one rubric"
    )


def test_two_assessments_of_one_organisation_on_one_day_are_an_error_not_a_flat_trend(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    [first, *_] = write_portfolio(folder, 3)
    copy = first.with_name("answers-copy.yaml")
    copy.write_bytes(first.read_bytes())
    r = run_cli("compare", "--lang", "en", folder, "--json", tmp_path / "p.json")
    assert r.exit_code == 2
    assert "found this file identical to" in r.stderr and "(a duplicate copy?)" in r.stderr
    copy.write_text(first.read_text(encoding="utf-8").replace("assessor:", "assessor: 另一人 #"), encoding="utf-8")
    r = run_cli("compare", "--lang", "en", folder, "--json", tmp_path / "p.json")
    assert r.exit_code == 2 and "dated the same day too (remove one or correct its date)" in r.stderr
    assert not (tmp_path / "p.json").exists()


def test_a_file_named_twice_is_compared_once(run_cli, tmp_path: Path) -> None:
    a = REPO / "examples" / "huaxin-bank" / "answers.yaml"
    b = REPO / "examples" / "lvyuan-fresh" / "answers.yaml"
    r = run_cli("compare", a, a, b, "--json", tmp_path / "p.json")
    assert r.exit_code == 0, r.stderr
    assert len(json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))["organisations"]) == 2


def test_a_cited_metrics_result_in_a_client_folder_is_named_for_what_it_is(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients" / "zhilian"
    folder.mkdir(parents=True)
    for name in ("answers.yaml", "metrics.json"):
        (folder / name).write_bytes((REPO / "examples" / "zhilian-software" / name).read_bytes())
    r = run_cli("compare", "--lang", "en", tmp_path / "clients", "--json", tmp_path / "p.json")
    assert r.exit_code == 0, r.stderr
    assert "metrics.json: a survey metrics result (cited by answers as evidence), not an answers file" in r.stderr


def test_batch_skips_a_corrupt_file_and_writes_every_good_report(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    write_portfolio(folder, 3)
    bad = folder / "broken" / "answers.yaml"
    bad.parent.mkdir()
    bad.write_text(
        "schema: cxassess/answers/1\norganisation: {id: x, name: 坏, sector: s, size: huge}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    r = run_cli("report", "--lang", "en", "--batch", folder, "-o", out, "--format", "html", "--jobs", "2")
    assert r.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["org-000.html", "org-001.html", "org-002.html"]
    assert f"{bad}:2: organisation.size: expected one of 'micro', 'small', 'medium', 'large', found 'huge'" in r.stderr
    assert f"skipped {bad}" in r.stderr
    assert "wrote 3 of 4 gap-analysis reports" in r.stdout


def test_batch_recycles_workers_without_hanging(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "clients"
    write_portfolio(folder, 7)
    monkeypatch.setenv("CXASSESS_REPORTS_PER_WORKER", "2")  # 7 reports on 2 workers: several replacements
    out = tmp_path / "out"
    r = run_cli("report", "--batch", folder, "-o", out, "--format", "html", "--jobs", "2")
    assert r.exit_code == 0, r.stderr
    assert len(list(out.glob("*.html"))) == 7


def test_batch_readiness_writes_one_report_per_client(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run_cli("readiness", "--batch", REPO / "examples", "-o", out, "--format", "html", "--jobs", "1")
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in out.iterdir()) == ["huaxin-bank.html", "lvyuan-fresh.html", "zhilian-software.html"]


def test_theme_applies_name_logo_and_colours(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    theme = REPO / "examples" / "theme" / "theme.yaml"
    r = run_cli("report", REPO / "examples/huaxin-bank/answers.yaml", "-o", out, "--theme", theme)
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "青松管理咨询" in html and 'class="brand-logo" src="data:image/svg+xml;base64,' in html
    assert "#0b6e4f" in html and "#14396b" not in html


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (
            "https://example.com/logo.png",
            "logo: expected an image file in the theme's folder, found the URL 'https://example.com/logo.png'",
        ),
        ("logo.gif", "logo: expected a .png, .jpg or .svg file, found 'logo.gif'"),
        ("missing.png", "logo: expected an existing image file, found none at 'missing.png'"),
        (
            "../outside.png",
            "logo: expected an image file in the theme's folder, found one outside it: '../outside.png'",
        ),
    ],
)
def test_bad_theme_logo_is_a_located_error(run_cli, tmp_path: Path, logo: str, message: str) -> None:
    theme = tmp_path / "theme.yaml"
    theme.write_text(f"schema: cxassess/theme/1\nname: 某咨询\nlogo: {logo}\n", encoding="utf-8")
    r = run_cli(
        "report",
        "--lang",
        "en",
        REPO / "examples/huaxin-bank/answers.yaml",
        "-o",
        tmp_path / "r.html",
        "--theme",
        theme,
    )
    assert r.exit_code == 2
    assert r.stderr.splitlines()[0].startswith(f"{theme}:3: {message}")


def test_theme_applies_to_the_comparison_too(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "c.html"
    r = run_cli("compare", REPO / "examples", "-o", out, "--theme", REPO / "examples" / "theme" / "theme.yaml")
    assert r.exit_code == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert "青松管理咨询" in html and "#0b6e4f" in html and "#14396b" not in html
