"""Cross-reference checks over validated models (pure: no IO, the date is passed in).

Each check returns ``Finding``s (document, path inside it, message code); the file layer gives
them a file and line.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from cxassess.core.model import Answers, Clause, Rubric, Standard, Targets, Verification
from cxassess.core.problems import Finding
from cxassess.i18n import msg


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
                out.append(Finding("standard", (*here, "id"), msg("standard.duplicate_id", id=repr(c.id))))
            seen.add(c.id)
            if c.group is not None and std.groups and c.group not in std.groups:
                out.append(
                    Finding(
                        "standard",
                        (*here, "group"),
                        msg("standard.unknown_group", known=tuple(sorted(std.groups)), found=repr(c.group)),
                    )
                )
            walk(list(c.clauses), (*here, "clauses"))

    walk(list(std.clauses), ("clauses",))
    for i, p in enumerate(std.principles):
        if p.id in dupes and p.id in seen:
            out.append(Finding("standard", ("principles", i, "id"), msg("standard.duplicate_id", id=repr(p.id))))
        seen.add(p.id)
    term_dupes = _dupes([t.id for t in std.terms])
    term_seen: set[str] = set()
    for i, term in enumerate(std.terms):
        if term.id in term_dupes and term.id in term_seen:
            out.append(Finding("standard", ("terms", i, "id"), msg("standard.duplicate_id", id=repr(term.id))))
        term_seen.add(term.id)
    return out


def check_rubric(rubric: Rubric, std: Standard) -> list[Finding]:
    out: list[Finding] = []

    def add(path: tuple[str | int, ...], code: str, **params: object) -> None:
        out.append(Finding("rubric", path, msg(code, **params)))  # type: ignore[arg-type]

    if rubric.standard != std.key:
        add(("standard",), "rubric.wrong_standard", expected=repr(std.key), found=repr(rubric.standard))
    scale = rubric.scale.values()
    lo, hi = min(scale), max(scale)
    for i, dup in enumerate(rubric.scale.levels):
        if scale.count(dup.level) > 1:
            add(("scale", "levels", i, "level"), "rubric.duplicate_level", level=dup.level)
    if sorted(set(scale)) != list(range(lo, hi + 1)):
        add(("scale", "levels"), "rubric.levels_not_consecutive", found=str(sorted(scale)))

    def level_check(path: tuple[str | int, ...], value: int) -> None:
        if value not in scale:
            add(path, "rubric.not_a_level", min=lo, max=hi, found=value)

    level_check(("target_level",), rubric.target_level)
    level_check(("scoring", "evidence_required_from"), rubric.scoring.evidence_required_from)
    level_check(("scoring", "unevidenced_cap"), rubric.scoring.unevidenced_cap)
    if rubric.scoring.unevidenced_cap >= rubric.scoring.evidence_required_from:
        add(
            ("scoring", "unevidenced_cap"),
            "rubric.not_a_level",
            min=lo,
            max=rubric.scoring.evidence_required_from - 1,
            found=rubric.scoring.unevidenced_cap,
        )

    clauses = std.clause_index()
    chapters = {c.id for c in std.clauses}
    leaves = {c.id for c in std.leaves()}
    principles = {p.id for p in std.principles} | set(std.principle_aliases())
    groups = set(std.groups) | {c.group for c in clauses.values() if c.group}
    for cid in rubric.scoring.clause_weights:
        if cid not in leaves:
            add(("scoring", "clause_weights", cid), "rubric.not_a_leaf", standard=std.key, found=repr(cid))
    for cid in rubric.scoring.chapter_weights:
        if cid not in chapters:
            add(("scoring", "chapter_weights", cid), "rubric.not_a_chapter", standard=std.key, found=repr(cid))
    for key in rubric.action_plan.owners:
        if key not in leaves and key not in groups:
            add(("action_plan", "owners", key), "rubric.unknown_owner_key", standard=std.key, found=repr(key))

    evidence_block = ("evidence",) if rubric.evidence is not None else ("readiness", "evidence")
    for level in rubric.evidence_rules().levels:
        level_check((*evidence_block, "levels", level), level)

    readiness = rubric.readiness
    for i, rule in enumerate(readiness.grading):
        if isinstance(rule.below, int) and rule.below not in scale:
            add(("readiness", "grading", i, "below"), "rubric.not_a_level_or_target", min=lo, max=hi, found=rule.below)
    known_vocab = tuple(readiness.vocabularies)
    if readiness.default_vocabulary is not None and readiness.default_vocabulary not in readiness.vocabularies:
        add(
            ("readiness", "default_vocabulary"),
            "rubric.unknown_vocabulary",
            known=known_vocab or (msg("value.none"),),
            found=repr(readiness.default_vocabulary),
        )
    for i, system_rule in enumerate(readiness.system):
        if system_rule.when == "unevidenced_share" and system_rule.above is None:
            add(("readiness", "system", i), "rubric.system_needs_above", when=system_rule.when)

    questions = rubric.question_index()
    for i, qid in enumerate(readiness.requirements):
        if qid not in questions:
            add(("readiness", "requirements", i), "rubric.unknown_question_ref", found=repr(qid))

    qids = [q.id for q in rubric.questions] + [a for q in rubric.questions for a in q.aliases]
    dupes = _dupes(qids)
    seen: set[str] = set()
    levels_text = f"{lo}–{hi}"
    steps = sorted(set(scale) - {lo})
    for i, q in enumerate(rubric.questions):
        here: tuple[str | int, ...] = ("questions", i)
        if q.id in dupes and q.id in seen:
            add((*here, "id"), "rubric.duplicate_question", id=repr(q.id))
        seen.add(q.id)
        if q.clause not in clauses:
            add((*here, "clause"), "rubric.unknown_clause", standard=std.key, found=repr(q.clause))
        elif q.clause not in leaves:
            add((*here, "clause"), "rubric.chapter_clause", found=repr(q.clause))
        for j, p in enumerate(q.principles):
            if p not in principles:
                add(
                    (*here, "principles", j),
                    "rubric.unknown_principle",
                    standard=std.key,
                    known=", ".join(p.id for p in std.principles),
                    found=repr(p),
                )
        keys = sorted(q.criteria)
        missing = sorted(set(scale) - set(keys))
        extra = sorted(set(keys) - set(scale))
        if missing:
            add((*here, "criteria"), "rubric.criteria_missing", levels=levels_text, missing=tuple(map(str, missing)))
        if extra:
            add((*here, "criteria"), "rubric.criteria_extra", levels=levels_text, extra=tuple(map(str, extra)))
        if isinstance(q.improvement, dict):
            wrong = sorted(set(q.improvement) - set(steps))
            if wrong:
                add(
                    (*here, "improvement"),
                    "rubric.improvement_level",
                    levels=", ".join(map(str, steps)),
                    found=", ".join(map(str, wrong)),
                )
        if q.core and q.na_allowed:
            add((*here, "na_allowed"), "rubric.core_na")
        for j, metric in enumerate(q.metrics):
            if metric not in rubric.metrics:
                add(
                    (*here, "metrics", j),
                    "rubric.unknown_metric",
                    known=tuple(rubric.metrics) or (msg("value.none"),),
                    found=repr(metric),
                )
    for m, migration in enumerate(rubric.migrations):
        for old, new in migration.questions.items():
            for k, target in enumerate(new):
                if target not in questions:
                    add(("migrations", m, "questions", old, k), "rubric.migration_target", found=repr(target))
    return out


def check_answers(answers: Answers, rubric: Rubric, today: dt.date) -> list[Finding]:
    out: list[Finding] = []

    def add(path: tuple[str | int, ...], code: str, **params: object) -> None:
        out.append(Finding("answers", path, msg(code, **params)))  # type: ignore[arg-type]

    info = answers.assessment
    if info.rubric != rubric.id:
        add(("assessment", "rubric"), "answers.wrong_rubric", expected=repr(rubric.id), found=repr(info.rubric))
    if info.rubric_version != rubric.version:
        add(
            ("assessment", "rubric_version"),
            "answers.wrong_rubric",
            expected=repr(rubric.version),
            found=repr(info.rubric_version),
        )
    if info.date > today:
        add(("assessment", "date"), "field.date_future", today=today.isoformat(), found=info.date.isoformat())

    questions = rubric.question_index()
    aliases = rubric.alias_index()
    scale = rubric.scale.values()
    canonical_seen: dict[str, str] = {}
    for key, ans in answers.answers.items():
        here: tuple[str | int, ...] = ("answers", key)
        qid = aliases.get(key, key)
        q = questions.get(qid)
        if q is None:
            add(here, "answers.unknown_question", rubric=rubric.id, version=rubric.version, found=repr(key))
            continue
        if qid in canonical_seen:
            add(here, "answers.duplicate_question", key=repr(key), other=repr(canonical_seen[qid]), question=qid)
        canonical_seen[qid] = key
        if ans.level is not None and ans.level not in scale:
            add((*here, "level"), "answers.level_range", min=min(scale), max=max(scale), found=ans.level)
        if ans.na:
            if q.core:
                add((*here, "na"), "answers.na_core", question=qid)
            elif not q.na_allowed:
                add((*here, "na"), "answers.na_not_allowed", question=qid)
            if not (ans.justification or "").strip():
                add((*here, "justification"), "answers.na_justification")
        for j, ev in enumerate(ans.evidence):
            if ev.date is not None and ev.date > today:
                add(
                    (*here, "evidence", j, "date"),
                    "field.date_future",
                    today=today.isoformat(),
                    found=ev.date.isoformat(),
                )
    return out


def check_targets(targets: Targets, rubric: Rubric, std: Standard) -> list[Finding]:
    out: list[Finding] = []
    scale = rubric.scale.values()
    lo, hi = min(scale), max(scale)
    if targets.default is not None and targets.default not in scale:
        out.append(Finding("targets", ("default",), msg("rubric.not_a_level", min=lo, max=hi, found=targets.default)))
    leaves = {c.id for c in std.leaves()}
    for cid, level in targets.clauses.items():
        if cid not in leaves:
            out.append(
                Finding("targets", ("clauses", cid), msg("targets.unknown_clause", standard=std.key, found=repr(cid)))
            )
        elif level not in scale:
            out.append(Finding("targets", ("clauses", cid), msg("rubric.not_a_level", min=lo, max=hi, found=level)))
    return out


def check_verification(
    verification: Verification,
    rubric: Rubric,
    answers_sha256: str | None,
    today: dt.date,
    assessment_date: dt.date | None = None,
) -> list[Finding]:
    out: list[Finding] = []

    def add(path: tuple[str | int, ...], code: str, **params: object) -> None:
        out.append(Finding("verification", path, msg(code, **params)))  # type: ignore[arg-type]

    if verification.date > today:
        add(("date",), "field.date_future", today=today.isoformat(), found=verification.date.isoformat())
    if assessment_date is not None and verification.date < assessment_date:
        add(
            ("date",),
            "verification.before_assessment",
            assessment=assessment_date.isoformat(),
            found=verification.date.isoformat(),
        )
    if verification.started is not None and verification.started > verification.date:
        add(
            ("started",),
            "verification.started_after",
            date=verification.date.isoformat(),
            found=verification.started.isoformat(),
        )
    if answers_sha256 is not None and verification.answers_sha256 not in (None, answers_sha256):
        add(
            ("answers_sha256",),
            "verification.sha_mismatch",
            expected=answers_sha256,
            found=str(verification.answers_sha256),
        )
    questions = rubric.question_index()
    aliases = rubric.alias_index()
    scale = rubric.scale.values()
    for key, item in verification.findings.items():
        qid = aliases.get(key, key)
        if qid not in questions:
            add(
                ("findings", key),
                "verification.unknown_question",
                rubric=rubric.id,
                version=rubric.version,
                found=repr(key),
            )
        elif item.level is not None and item.level not in scale:
            add(("findings", key, "level"), "answers.level_range", min=min(scale), max=max(scale), found=item.level)
        for j, ev in enumerate(item.seen):
            if ev.date is not None and ev.date > today:
                add(
                    ("findings", key, "seen", j, "date"),
                    "field.date_future",
                    today=today.isoformat(),
                    found=ev.date.isoformat(),
                )
    return out
