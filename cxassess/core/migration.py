"""Carrying answers over to a newer version of their rubric, as the new rubric declares. Pure.

Each old answer is copied to every new question its id maps to. Where several old answers land
on one new question, the lowest level is kept (a split question is never credited above its
weakest source) and their evidence is merged; when one of them is unanswered the new question is
left unanswered (what was not assessed is never credited with another answer's level). An N/A
that the new question no longer allows is not carried over; the question is left unanswered for
the organisation to answer. Nothing is scored here: the result is a new answers file for people
to review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cxassess.core.model import Answer, Answers, AssessmentInfo, Migration, Rubric


@dataclass
class Carried:
    answers: Answers
    sources: dict[str, list[str]] = field(default_factory=dict)  # new id → old ids it came from
    dropped: list[tuple[str, str, str]] = field(default_factory=list)  # (old id, new id or "", why)


def migration_from(rubric: Rubric, version: str) -> Migration | None:
    return next((m for m in rubric.migrations if m.from_version == version), None)


def carry_over(answers: Answers, new: Rubric, migration: Migration) -> Carried:
    questions = new.question_index()
    merged: dict[str, Answer] = {}
    sources: dict[str, list[str]] = {}
    dropped: list[tuple[str, str, str]] = []
    for old_id, answer in answers.answers.items():
        targets = migration.questions.get(old_id, [])
        if not targets:
            dropped.append((old_id, "", "unmapped"))
            continue
        for new_id in targets:
            q = questions[new_id]
            if answer.na and (q.core or not q.na_allowed):
                dropped.append((old_id, new_id, "na_not_allowed"))
                continue
            sources.setdefault(new_id, []).append(old_id)
            if new_id not in merged:
                merged[new_id] = answer
                continue
            before = merged[new_id]
            if before.na or answer.na:
                keep = answer if before.na else before
            elif before.level is None or answer.level is None:
                # a source nobody answered was not assessed: the merged question is not credited
                # with the other source's level, it is left for the organisation to answer
                keep = before.model_copy(update={"level": None})
            else:
                keep = before.model_copy(update={"level": min(before.level, answer.level)})
            evidence = list(before.evidence) + [e for e in answer.evidence if e not in before.evidence]
            notes = "\n".join(n for n in (before.notes, answer.notes) if n) or None
            merged[new_id] = keep.model_copy(update={"evidence": evidence, "notes": notes})
    order = {q.id: i for i, q in enumerate(new.questions)}
    info = answers.assessment
    out = answers.model_copy(
        update={
            "assessment": AssessmentInfo(
                date=info.date, assessor=info.assessor, rubric=new.id, rubric_version=new.version
            ),
            "answers": {k: merged[k] for k in sorted(merged, key=lambda k: order[k])},
        }
    )
    return Carried(out, sources, dropped)
