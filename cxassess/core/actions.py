"""The prioritised action plan (gap register) derived from a result. Pure: no IO, no clock.

One row per scored question below its clause's target, most important first:
priority = gap × core_factor (core items) × question weight × clause weight; severity high from
``high_from``, medium from ``medium_from``, else low; the due date is the assessment date plus
``due_days`` of the severity (the roadmap's horizon); effort grows with the number of levels to
climb (one: low, two: medium, more: high); the owner is the rubric's owner for the clause, else
for its design-card group, else its default owner.
"""

from __future__ import annotations

import datetime as dt

from cxassess.core.model import Clause, Effort, Rubric, Severity, Standard, Text
from cxassess.core.provenance import Out
from cxassess.core.scoring import Flag, Result


class ActionItem(Out):
    rank: int
    clause: str
    question: str
    level: int
    claimed_level: int
    target: int
    gap: int
    next_level: int
    core: bool
    evidence_missing: bool  # the claim is higher than the counted evidence supports
    priority: float
    severity: Severity
    effort: Effort
    horizon_days: int
    group: str | None
    owner: Text | None
    due: dt.date


def owner_of(rubric: Rubric, standard: Standard, clause_id: str, index: dict[str, Clause] | None = None) -> Text | None:
    rules = rubric.action_plan
    clause = (index if index is not None else standard.clause_index()).get(clause_id)
    group = clause.group if clause is not None else None
    return rules.owners.get(clause_id) or (rules.owners.get(group) if group else None) or rules.default_owner


def action_plan(result: Result, rubric: Rubric, standard: Standard) -> list[ActionItem]:
    """Ordered by priority (descending), then by the question's place in the rubric."""
    rules = rubric.action_plan
    questions = rubric.question_index()
    order = {q.id: i for i, q in enumerate(rubric.questions)}
    clauses = standard.clause_index()
    results = {c.id: c for c in result.clauses}
    start = result.assessment.date
    rows: list[tuple[float, int, dict[str, object]]] = []
    for qr in result.questions:
        if qr.status != "scored" or qr.level is None or qr.claimed_level is None:
            continue
        clause = results[qr.clause]
        gap = clause.target - qr.level
        if gap <= 0:
            continue
        q = questions[qr.id]
        priority = gap * (rules.core_factor if q.core else 1.0) * q.weight * clause.weight
        severity: Severity = (
            "high" if priority >= rules.high_from else "medium" if priority >= rules.medium_from else "low"
        )
        effort: Effort = "low" if gap <= 1 else "medium" if gap == 2 else "high"
        days = rules.due_days.get(severity, 90)
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
                    "effort": effort,
                    "horizon_days": days,
                    "group": clauses[qr.clause].group,
                    "owner": owner_of(rubric, standard, qr.clause, clauses),
                    "due": start + dt.timedelta(days=days),
                },
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    return [ActionItem.model_validate({"rank": i + 1, **row}) for i, (_, _, row) in enumerate(rows)]
