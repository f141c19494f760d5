"""Cross-reference checks over validated models (pure: no IO, the date is passed in)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cxassess.model import GRADES, Answers, Clause, Rubric, Standard, Targets, Verification
from cxassess.problems import Finding


def _dupes(ids: list[str]) -> set[str]:
    return {i for i, n in Counter(ids).items() if n > 1}


def check_standard(std: Standard) -> list[Finding]:
    out: list[Finding] = []
    ids: list[str] = []
    for c, _ in std.walk():
        ids.append(c.id)
        ids.extend(c.aliases)
    ids.extend(p.id for p in std.principles)
    ids.extend(a for p in std.principles for a in p.aliases)
    dupes = _dupes(ids)
    seen: set[str] = set()

    def walk(clauses: list[Clause], path: tuple[str | int, ...]) -> None:
        for i, c in enumerate(clauses):
            here = (*path, i)
            if c.id in dupes and c.id in seen:
                out.append(Finding("standard", (*here, "id"), f"expected a unique id, found {c.id!r} again"))
            seen.add(c.id)
            if c.group is not None and std.groups and c.group not in std.groups:
                out.append(
                    Finding(
                        "standard",
                        (*here, "group"),
                        f"expected one of {sorted(std.groups)}, found {c.group!r}",
                    )
                )
            walk(list(c.clauses), (*here, "clauses"))

    walk(list(std.clauses), ("clauses",))
    for i, p in enumerate(std.principles):
        if p.id in dupes and p.id in seen:
            out.append(Finding("standard", ("principles", i, "id"), f"expected a unique id, found {p.id!r} again"))
        seen.add(p.id)
    return out


def check_rubric(rubric: Rubric, std: Standard) -> list[Finding]:
    out: list[Finding] = []
    if rubric.standard != std.key:
        out.append(Finding("rubric", ("standard",), f"expected {std.key!r}, found {rubric.standard!r}"))
    scale = rubric.scale.values()
    for i, dup in enumerate(rubric.scale.levels):
        if scale.count(dup.level) > 1:
            out.append(
                Finding("rubric", ("scale", "levels", i, "level"), f"expected a unique level, found {dup.level} again")
            )
    if sorted(set(scale)) != list(range(min(scale), max(scale) + 1)):
        out.append(Finding("rubric", ("scale", "levels"), f"expected consecutive levels, found {sorted(scale)}"))
    span = f"a level of the scale ({min(scale)}–{max(scale)})"
    if rubric.target_level not in scale:
        out.append(Finding("rubric", ("target_level",), f"expected {span}, found {rubric.target_level}"))
    for name in ("evidence_required_from", "unevidenced_cap"):
        value = getattr(rubric.scoring, name)
        if value not in scale:
            out.append(Finding("rubric", ("scoring", name), f"expected {span}, found {value}"))

    clauses = std.clause_index()
    chapters = {c.id for c in std.clauses}
    leaves = {cid for cid, c in clauses.items() if not c.clauses}
    principles = {p.id for p in std.principles}
    for cid in rubric.scoring.clause_weights:
        if cid not in leaves:
            out.append(
                Finding(
                    "rubric",
                    ("scoring", "clause_weights", cid),
                    f"expected an assessable clause of {std.key}, found {cid!r}",
                )
            )
    for cid in rubric.scoring.chapter_weights:
        if cid not in chapters:
            out.append(
                Finding(
                    "rubric", ("scoring", "chapter_weights", cid), f"expected a chapter of {std.key}, found {cid!r}"
                )
            )

    readiness = rubric.readiness
    for name, vocab in readiness.vocabularies.items():
        missing_grades = [g for g in GRADES if g not in vocab]
        if missing_grades:
            out.append(
                Finding(
                    "rubric",
                    ("readiness", "vocabularies", name),
                    f"expected a label for every grade {list(GRADES)}, found none for {missing_grades}",
                )
            )
    for i, rule in enumerate(readiness.grading):
        if isinstance(rule.below, int) and rule.below not in scale:
            out.append(
                Finding(
                    "rubric", ("readiness", "grading", i, "below"), f"expected {span} or 'target', found {rule.below}"
                )
            )
    for level in readiness.evidence.levels:
        if level not in scale:
            out.append(Finding("rubric", ("readiness", "evidence", "levels", level), f"expected {span}, found {level}"))

    qids = [q.id for q in rubric.questions] + [a for q in rubric.questions for a in q.aliases]
    dupes = _dupes(qids)
    seen: set[str] = set()
    for i, q in enumerate(rubric.questions):
        here: tuple[str | int, ...] = ("questions", i)
        if q.id in dupes and q.id in seen:
            out.append(Finding("rubric", (*here, "id"), f"expected a unique question id, found {q.id!r} again"))
        seen.add(q.id)
        if q.clause not in clauses:
            out.append(Finding("rubric", (*here, "clause"), f"expected a clause of {std.key}, found {q.clause!r}"))
        elif q.clause not in leaves:
            out.append(
                Finding(
                    "rubric", (*here, "clause"), f"expected an assessable clause (not a chapter), found {q.clause!r}"
                )
            )
        for j, p in enumerate(q.principles):
            if p not in principles:
                out.append(
                    Finding(
                        "rubric",
                        (*here, "principles", j),
                        f"expected a principle of {std.key} {sorted(principles)}, found {p!r}",
                    )
                )
        keys = sorted(q.criteria)
        if keys != sorted(set(scale)):
            missing = sorted(set(scale) - set(keys))
            extra = sorted(set(keys) - set(scale))
            found = []
            if missing:
                found.append(f"no criteria for {missing}")
            if extra:
                found.append(f"criteria for levels outside the scale {extra}")
            out.append(
                Finding(
                    "rubric",
                    (*here, "criteria"),
                    f"expected criteria for every level {sorted(set(scale))}, found {'; '.join(found)}",
                )
            )
        if q.core and q.na_allowed:
            out.append(
                Finding(
                    "rubric",
                    (*here, "na_allowed"),
                    "expected false on a core item (core items cannot be N/A), found true",
                )
            )
    return out


def check_answers(answers: Answers, rubric: Rubric, today: dt.date) -> list[Finding]:
    out: list[Finding] = []
    info = answers.assessment
    if info.rubric != rubric.id:
        out.append(Finding("answers", ("assessment", "rubric"), f"expected {rubric.id!r}, found {info.rubric!r}"))
    if info.rubric_version != rubric.version:
        out.append(
            Finding(
                "answers",
                ("assessment", "rubric_version"),
                f"expected {rubric.version!r}, found {info.rubric_version!r}",
            )
        )
    if info.date > today:
        out.append(
            Finding("answers", ("assessment", "date"), f"expected a date on or before {today}, found {info.date}")
        )

    questions = rubric.question_index()
    aliases = rubric.alias_index()
    scale = rubric.scale.values()
    canonical_seen: dict[str, str] = {}
    for key, ans in answers.answers.items():
        here: tuple[str | int, ...] = ("answers", key)
        qid = aliases.get(key, key)
        q = questions.get(qid)
        if q is None:
            out.append(
                Finding(
                    "answers", here, f"expected a question id of rubric {rubric.id} {rubric.version}, found {key!r}"
                )
            )
            continue
        if qid in canonical_seen:
            out.append(
                Finding(
                    "answers",
                    here,
                    f"expected one answer per question, found {key!r} and {canonical_seen[qid]!r} for {qid}",
                )
            )
        canonical_seen[qid] = key
        if ans.level is not None and ans.level not in scale:
            out.append(Finding("answers", (*here, "level"), f"expected {min(scale)}–{max(scale)}, found {ans.level}"))
        if ans.na:
            if q.core:
                out.append(
                    Finding(
                        "answers",
                        (*here, "na"),
                        f"expected a level (question {qid} is a core item and cannot be N/A), found na: true",
                    )
                )
            elif not q.na_allowed:
                out.append(
                    Finding(
                        "answers",
                        (*here, "na"),
                        f"expected a level (question {qid} does not allow N/A), found na: true",
                    )
                )
            if not (ans.justification or "").strip():
                out.append(Finding("answers", (*here, "justification"), "expected a justification for N/A, found none"))
        for j, ev in enumerate(ans.evidence):
            if ev.date is not None and ev.date > today:
                out.append(
                    Finding(
                        "answers",
                        (*here, "evidence", j, "date"),
                        f"expected a date on or before {today}, found {ev.date}",
                    )
                )
    return out


def check_targets(targets: Targets, rubric: Rubric, std: Standard) -> list[Finding]:
    out: list[Finding] = []
    scale = rubric.scale.values()
    span = f"a level of the scale ({min(scale)}–{max(scale)})"
    if targets.default is not None and targets.default not in scale:
        out.append(Finding("targets", ("default",), f"expected {span}, found {targets.default}"))
    leaves = {c.id for c, _ in std.walk() if not c.clauses}
    for cid, level in targets.clauses.items():
        if cid not in leaves:
            out.append(
                Finding("targets", ("clauses", cid), f"expected an assessable clause of {std.key}, found {cid!r}")
            )
        elif level not in scale:
            out.append(Finding("targets", ("clauses", cid), f"expected {span}, found {level}"))
    return out


def check_verification(
    verification: Verification, rubric: Rubric, answers_sha256: str | None, today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    if verification.date > today:
        out.append(
            Finding("verification", ("date",), f"expected a date on or before {today}, found {verification.date}")
        )
    if answers_sha256 is not None and verification.answers_sha256 not in (None, answers_sha256):
        out.append(
            Finding(
                "verification",
                ("answers_sha256",),
                f"expected the SHA-256 of the answers file verified ({answers_sha256}), "
                f"found {verification.answers_sha256} (the answers changed after verification?)",
            )
        )
    questions = rubric.question_index()
    aliases = rubric.alias_index()
    scale = rubric.scale.values()
    for key, item in verification.findings.items():
        qid = aliases.get(key, key)
        if qid not in questions:
            out.append(
                Finding(
                    "verification",
                    ("findings", key),
                    f"expected a question id of rubric {rubric.id} {rubric.version}, found {key!r}",
                )
            )
        elif item.level is not None and item.level not in scale:
            out.append(
                Finding(
                    "verification",
                    ("findings", key, "level"),
                    f"expected {min(scale)}–{max(scale)}, found {item.level}",
                )
            )
    return out
