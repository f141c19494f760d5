"""Generated portfolios for tests and benchmarks (seeded, so repeatable)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from cxassess.core.model import Answers, Rubric, Standard
from cxassess.files.documents import load
from cxassess.rendering.questionnaire_yaml import render_questionnaire

REPO = Path(__file__).resolve().parent.parent
RUB = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
STD = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
SECTORS = ["金融业", "零售业", "制造业", "信息技术服务", "医疗健康"]
SIZES = ["micro", "small", "medium", "large"]


def make_answers(rng: random.Random, org: str, date: dt.date, bias: float = 0.0) -> Answers:
    answers = {}
    for q in RUB.questions:
        if q.na_allowed and rng.random() < 0.05:
            answers[q.id] = {"na": True, "justification": "不涉及"}
            continue
        level = max(0, min(5, round(rng.gauss(2.5 + bias, 1.2))))
        evidence = (
            [  # records kept over more than a year: enough for any level the rubric defines
                {"title": "记录", "kind": "record", "date": date - dt.timedelta(days=30)},
                {"title": "数据", "kind": "data", "date": date - dt.timedelta(days=220)},
                {"title": "台账", "kind": "record", "date": date - dt.timedelta(days=420)},
            ]
            if rng.random() < 0.8
            else []
        )
        answers[q.id] = {"level": level, "evidence": evidence}
    return Answers.model_validate(
        {
            "schema": "cxassess/answers/1",
            "organisation": {
                "id": org,
                "name": f"客户{org}",
                "sector": rng.choice(SECTORS),
                "size": rng.choice(SIZES),
            },
            "assessment": {"date": date, "assessor": "顾问", "rubric": RUB.id, "rubric_version": RUB.version},
            "answers": answers,
        }
    )


def write_portfolio(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        org = f"org-{i:03d}"
        a = make_answers(rng, org, dt.date(2026, 1, 1) + dt.timedelta(days=i % 300))
        path = folder / org / "answers.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_questionnaire(RUB, STD, a), encoding="utf-8")
        paths.append(path)
    return paths
