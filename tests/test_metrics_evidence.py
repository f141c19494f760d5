"""Survey figures cited as evidence: judged by the rubric's declared rule in the one evidence model,
located problems for bad citations, and the gap report's metrics section."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from cxassess.core.evidence import CitedFigure, judge_answers
from cxassess.core.model import Answers, Rubric
from cxassess.files.documents import load
from tests.conftest import REPO

RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
DATE = dt.date(2026, 11, 2)
EXAMPLE = REPO / "examples" / "zhilian-software"


def _fig(n: int = 500, last: dt.date = dt.date(2026, 9, 30), too_few: bool = False) -> CitedFigure:
    return CitedFigure(
        file="m.json", id="nps", metric="nps", value=20.0, low=12.0, high=28.0, n=n, too_few=too_few,
        first=dt.date(2026, 7, 1), last=last,
    )  # fmt: skip


def _judge(figure: CitedFigure) -> tuple[bool, str | None, int | None]:
    answers = Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {"id": "o", "name": "组织", "sector": "s", "size": "small"},
            "assessment": {"date": DATE, "assessor": "a", "rubric": RUB.id, "rubric_version": RUB.version},
            "answers": {
                "Q-8.1-01": {
                    "level": 3,
                    "evidence": [
                        {"title": "NPS", "kind": "data", "date": "2026-10-08", "metrics": "m.json", "figure": "nps"}
                    ],
                }
            },
        }
    )
    j = judge_answers(RUB, answers, None, {("m.json", "nps"): figure})["Q-8.1-01"]
    item = j.evidence[0]
    return item.counted, item.not_counted, j.level


@pytest.mark.parametrize(
    ("figure", "counted", "why", "level"),
    [
        (_fig(), True, None, 3),
        (_fig(n=99), False, "metric_too_few", 2),  # the rubric asks for 100 responses
        (_fig(too_few=True), False, "metric_too_few", 2),
        (_fig(last=dt.date(2025, 10, 1)), False, "metric_too_old", 2),  # more than 12 months before
        (_fig(last=dt.date(2026, 11, 20)), False, "post_dated", 2),  # responses after the assessment
    ],
    ids=["counts", "too-few-responses", "marked-too-few", "too-old", "after-the-assessment"],
)
def test_a_cited_figure_counts_only_under_the_declared_rule(figure, counted, why, level) -> None:
    assert _judge(figure) == (counted, why, level)


def test_a_cited_figure_is_an_input_and_shows_in_the_report(run_cli, tmp_path: Path) -> None:
    r = run_cli("score", EXAMPLE / "answers.yaml", "--json")
    doc = json.loads(r.stdout)
    assert [i["name"] for i in doc["inputs"] if i["role"] == "metrics"] == ["metrics.json"]
    out = tmp_path / "r.html"
    assert run_cli("report", EXAMPLE / "answers.yaml", "-o", out).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "作为证据引用的顾客体验指标" in html and "csat@2026-Q3" in html and "61.7%" in html


def test_bad_citations_are_located_problems(run_cli, tmp_path: Path) -> None:
    folder = tmp_path / "client"
    shutil.copytree(EXAMPLE, folder)
    answers = folder / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    text = text.replace('figure: "csat@2026-Q3"', 'figure: "csat@2031-Q9"', 1)
    text = text.replace(
        'metrics: "metrics.json"\n        figure: "ces"', 'metrics: "../outside.json"\n        figure: "ces"', 1
    )
    answers.write_text(text, encoding="utf-8")
    r = run_cli("validate", "--lang", "en", answers)
    assert r.exit_code == 2
    assert "figure: expected a figure id of metrics.json (e.g. nps, nps@2026-Q3), found 'csat@2031-Q9'" in r.stderr
    assert "metrics: expected a metrics result in the answers file's folder, found '../outside.json'" in r.stderr


def _fig_q(quarter: str, first: dt.date, last: dt.date) -> CitedFigure:
    return CitedFigure(
        file="m.json", id=f"nps@{quarter}", metric="nps", value=20.0, low=12.0, high=28.0, n=400, too_few=False,
        first=first, last=last,
    )  # fmt: skip


def _level4(citations: list[tuple[str, dt.date]], figures: list[CitedFigure]) -> int | None:
    evidence = [
        {"title": f"NPS {fig}", "kind": "data", "date": day, "metrics": "m.json", "figure": fig}
        for fig, day in citations
    ]
    answers = Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {"id": "o", "name": "组织", "sector": "s", "size": "small"},
            "assessment": {"date": DATE, "assessor": "a", "rubric": RUB.id, "rubric_version": RUB.version},
            "answers": {"Q-8.1-01": {"level": 4, "evidence": evidence}},
        }
    )
    cited = {("m.json", f.id): f for f in figures}
    return judge_answers(RUB, answers, cited=cited)["Q-8.1-01"].level


def test_a_figure_cited_twice_is_one_piece_of_evidence_dated_by_its_data() -> None:
    """Level 4 needs two records or data items over six months: one quarter's figure cited twice
    under dates six months apart is one item of one quarter; two quarters six months apart are two."""
    q1 = _fig_q("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    q3 = _fig_q("2026-Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert _level4([("nps@2026-Q3", dt.date(2026, 3, 10)), ("nps@2026-Q3", dt.date(2026, 10, 10))], [q3]) == 3
    # the citation's date cannot move the data: Q3 data "dated" in March still spans nothing
    q2 = _fig_q("2026-Q2", dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert _level4([("nps@2026-Q2", dt.date(2026, 3, 10)), ("nps@2026-Q3", dt.date(2026, 10, 10))], [q2, q3]) == 3
    assert _level4([("nps@2026-Q1", dt.date(2026, 4, 10)), ("nps@2026-Q3", dt.date(2026, 10, 10))], [q1, q3]) == 4


def test_a_cited_figure_with_too_few_responses_shows_no_value_even_from_an_older_result() -> None:
    """An older metrics.json carried the value of a figure marked too few; cited as evidence it is
    shown as the metrics report shows it: n and the marker, no value, no interval."""
    import json

    from cxassess.core.metrics import METRICS_SCHEMA
    from cxassess.files.cited import _figures

    doc = json.loads(
        (Path(__file__).parent.parent / "examples" / "zhilian-software" / "metrics.json").read_text("utf-8")
    )
    assert doc["schema"] == METRICS_SCHEMA
    nps = next(m for m in doc["metrics"] if m["id"] == "nps")
    few = next(f for f in nps["figures"] if f["too_few"] and f["n"] > 0)
    few.update(value=9.52, interval={"low": -27.57, "high": 44.24})  # as written before
    figures, _ = _figures("metrics.json", doc, lambda: None)  # type: ignore[arg-type,return-value]
    cited = figures[few["id"]]
    assert cited.too_few and cited.n == few["n"]
    assert (cited.value, cited.low, cited.high) == (None, None, None)
