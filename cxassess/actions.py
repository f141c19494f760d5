"""The prioritised action plan (gap register) derived from a result. Pure: no IO, no clock."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

from cxassess.model import Rubric, Severity, Standard
from cxassess.scoring import Flag, Result


class ActionItem(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rank: int
    clause: str
    question: str
    level: int
    claimed_level: int
    target: int
    gap: int
    next_level: int
    core: bool
    evidence_missing: bool
    priority: float
    severity: Severity
    group: str | None
    due: dt.date


def action_plan(result: Result, rubric: Rubric, standard: Standard) -> list[ActionItem]:
    """One row per scored question below its clause's target, most important first.

    Ordered by priority (descending), then by the question's place in the rubric.
    """
    rules = rubric.action_plan
    questions = rubric.question_index()
    order = {q.id: i for i, q in enumerate(rubric.questions)}
    clauses = standard.clause_index()
    start = result.assessment.date
    rows: list[tuple[float, int, dict[str, object]]] = []
    for qr in result.questions:
        if qr.status != "scored" or qr.level is None or qr.claimed_level is None:
            continue
        clause = result.clause(qr.clause)
        gap = clause.target - qr.level
        if gap <= 0:
            continue
        q = questions[qr.id]
        priority = gap * (rules.core_factor if q.core else 1.0) * q.weight * clause.weight
        severity: Severity = (
            "high" if priority >= rules.high_from else "medium" if priority >= rules.medium_from else "low"
        )
        rows.append(
            (
                -priority,
                order[qr.id],
                {
                    "clause": qr.clause,
                    "question": qr.id,
                    "level": qr.level,
                    "claimed_level": qr.claimed_level,
                    "target": clause.target,
                    "gap": gap,
                    "next_level": qr.level + 1,
                    "core": q.core,
                    "evidence_missing": Flag.claimed_not_evidenced in qr.flags,
                    "priority": round(priority, 4),
                    "severity": severity,
                    "group": clauses[qr.clause].group,
                    "due": start + dt.timedelta(days=rules.due_days.get(severity, 90)),
                },
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return [ActionItem.model_validate({"rank": i + 1, **row}) for i, (_, _, row) in enumerate(rows)]
