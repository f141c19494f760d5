"""The certification-readiness report in the form a certification body uses: readiness result →
typed view model (every text and number formatted) → HTML → PDF/A-3b.

Scope, criteria, dates, team, interviewees and sampling; a clause-by-clause statement including
what conforms; each finding as fact, requirement and nature of the gap with the objective
evidence; system findings; OFIs in their own annex; a corrective-action tracking table; rules;
signature and seal blocks. An assessment no auditor has verified is labelled as such on every
page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from cxassess.core.evidence import Reason
from cxassess.core.model import GRADES, Answers, Grade, Question, Rubric, Standard
from cxassess.core.readiness import Judgement, ReadinessResult, SystemFinding
from cxassess.i18n import Lang, has, join, t, tidy
from cxassess.rendering.document import document_header, lvl
from cxassess.rendering.gap_report import evidence_rule_lines

GRADE_ORDER: tuple[Grade, ...] = ("major", "minor", "observation", "ofi")


@dataclass(frozen=True)
class EvidenceLine:
    title: str
    kind: str
    date: str
    ref: str
    counted: bool
    status: str  # counted, or why not
    by_auditor: bool


@dataclass(frozen=True)
class FindingView:
    id: str
    grade_key: str
    grade: str
    clause: str
    question: str
    core: bool
    part: str
    fact: str
    requirement: str
    nature: str
    reasons: list[str]
    evidence: list[EvidenceLine]
    auditor_note: str
    due: str
    due_text: str  # "完成期限 2027-02-11", or "无强制期限" for an observation


@dataclass(frozen=True)
class SystemFindingView:
    id: str
    grade_key: str
    grade: str
    text: str
    due: str
    due_text: str


@dataclass(frozen=True)
class ClauseView:
    label: str
    status_key: str
    status: str
    target: str
    conforming: list[str]
    findings: list[str]
    not_assessed: str


@dataclass(frozen=True)
class ComparisonRow:
    question: str
    clause: str
    self_level: str
    judged: str
    verified: str
    used: str
    judged_differs: bool
    verified_differs: bool
    reasons: list[str]


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class TrackingRow:
    id: str
    grade: str
    clause: str
    due: str


@dataclass(frozen=True)
class ReadinessView:
    header: dict[str, Any]
    verified: bool
    verdict_key: str
    verdict: str
    verdict_reasons: list[str]
    counts: list[tuple[str, str, str]]  # (grade key, label, number)
    org_name: str
    cover: list[Row]
    details: list[Row]
    team: list[str]
    interviewees: list[Row]
    sampling: str
    vocabulary_note: str
    clauses: list[ClauseView]
    system: list[SystemFindingView]
    findings: list[FindingView]
    ofis: list[FindingView]
    comparison: list[ComparisonRow]
    soa: list[Row]
    not_assessed: list[Row]
    tracking: list[TrackingRow]
    deadlines: list[str]
    rules: list[str]
    grading: list[str]
    core_items: list[Row]
    inputs: list[Row]
    mismatch: bool
    issue_date: str
    auditor: str
    stage_note: str
    basis_text: str
    answers_checked: str
    assessor: str
    extra: dict[str, str] = field(default_factory=dict)


def _part(q: Question, lang: Lang) -> str:
    return q.part.get(lang) if q.part is not None else q.text.get(lang)


def grade_label(rubric: Rubric, vocabulary: str | None, grade: str, lang: Lang) -> str:
    chosen = rubric.readiness.vocabularies.get(vocabulary or "")
    if chosen is not None:
        return chosen.label(cast(Grade, grade)).get(lang)
    return t(f"grade.{grade}", lang)


def reason_text(reason: Reason, lang: Lang, grades: Mapping[str, str]) -> str:
    values: dict[str, Any] = {**grades, **reason.values}
    if "questions" in values:
        values["questions"] = join([q.strip() for q in str(values["questions"]).split(",") if q.strip()], lang)
    if "kinds" in values:
        kinds = [k.strip() for k in str(values["kinds"]).split(",") if k.strip()]
        values["kinds"] = (
            t("rd.rule.kinds", lang, kinds=join([t(f"kind.{k}", lang) for k in kinds], lang)) if kinds else ""
        )
    if "span_months" in values:
        span = values["span_months"]
        values["span"] = t("rd.rule.span", lang, months=span) if span else ""
    if "core" in values:
        values["core"] = ("，" if lang == "zh" else ", ") + t("rd.cond.core", lang) if values["core"] else ""
    if "note" in values:
        note = str(values["note"]).strip().rstrip("。.")
        values["note"] = (("：" if lang == "zh" else ": ") + note) if note else ""
    code = f"reason.{reason.code}"
    if not has(code):  # pragma: no cover - every code the core produces has a text (tested)
        return reason.code
    return t(code, lang, **{k: str(v) for k, v in values.items()}).strip()


def _evidence_lines(j: Judgement, lang: Lang) -> list[EvidenceLine]:
    """Every item the answer cites and the auditor saw, with whether it counted and why not."""
    out: list[EvidenceLine] = []
    listed: dict[tuple[str, str], int] = {}
    for e in j.evidence:
        key = (e.title.strip(), e.kind)
        if e.source == "auditor" and key in listed and e.counted:
            # the item the answer lists, which the auditor also examined: one line
            i = listed[key]
            out[i] = dataclasses.replace(out[i], counted=True, status=t("rd.ev.both", lang), by_auditor=True)
            continue
        if e.source == "answer":
            listed[key] = len(out)
        if e.counted:
            status = t("rd.ev.seen" if e.source == "auditor" else "rd.ev.counted", lang)
        else:
            status = t(f"rd.ev.evidence_{e.not_counted}", lang)
        out.append(
            EvidenceLine(
                title=e.title,
                kind=t(f"kind.{e.kind}", lang),
                date=e.date.isoformat() if e.date else "—",
                ref=e.ref or "—",
                counted=e.counted,
                status=status,
                by_auditor=e.source == "auditor",
            )
        )
    return out


def _fact(j: Judgement, q: Question, lang: Lang) -> str:
    """What was found: the claim, the evidence listed and counted, the auditor's outcome and the
    level judged (the level descriptions belong to the requirement, not to the fact)."""
    values = {
        "part": q.part.get(lang) if q.part else q.text.get(lang),
        "self": lvl(j.self_level),
        "level": lvl(j.level),
        "reviewed": str(sum(1 for e in j.evidence if e.source == "answer")),
        "counted": str(j.evidence_counted),
    }
    if j.verification == "not_verified":
        key = "rd.fact_auditor.not_verified" if j.evidence_counted else "rd.fact_auditor.not_verified_none"
    elif j.verification in ("verified", "disputed") and j.verified_level is not None:
        key = f"rd.fact_auditor.{j.verification}"
    else:
        key = "rd.fact_self_same" if j.self_level == j.level else "rd.fact_self"
    return t(key, lang, **values)


def build_readiness_report(
    res: ReadinessResult, standard: Standard, rubric: Rubric, answers: Answers, lang: Lang
) -> ReadinessView:
    clauses = standard.clause_index()
    questions = rubric.question_index()

    def clause_label(cid: str) -> str:
        c = clauses[cid]
        return f"{c.number} {c.title.get(lang)}"

    def label_of(j_vocab: str | None, grade: str) -> str:
        return grade_label(rubric, j_vocab, grade, lang)

    default_grades: dict[str, str] = {g: label_of(res.vocabulary.default, g) for g in GRADES}

    def criteria(q: Question, level: int | None) -> str:
        if level is None:
            return ""
        crit = q.criteria.get(level)
        return crit.get(lang) if crit else ""

    findings: list[FindingView] = []
    ofis: list[FindingView] = []
    for j in res.findings():
        assert j.grade is not None
        q = questions[j.question]
        grades: dict[str, str] = {g: label_of(j.vocabulary, g) for g in GRADES}
        fact = _fact(j, q, lang)
        requirement = t(
            "rd.requirement_text",
            lang,
            question=q.text.get(lang),
            strength=t(f"strength.{j.strength}", lang),
            target=j.target,
            criteria=criteria(q, j.target),
        )
        gap = (j.target - j.level) if j.level is not None else 0
        nature = t(
            "rd.nature",
            lang,
            grade=grades[j.grade],
            gap=gap,
            target=j.target,
            core=t("rd.nature_core", lang) if j.core else "",
        )
        view = FindingView(
            id=j.finding_id or "",
            grade_key=j.grade,
            grade=grades[j.grade],
            clause=clause_label(j.clause),
            question=j.question,
            core=j.core,
            part=q.part.get(lang) if q.part else "",
            fact=fact,
            requirement=requirement,
            nature=nature,
            # the fact states the auditor's outcome and the note is printed with the evidence
            reasons=[reason_text(r, lang, grades) for r in j.reasons if not r.code.startswith("auditor_")],
            evidence=_evidence_lines(j, lang),
            auditor_note=j.verification_note,
            due=j.due.isoformat() if j.due else "—",
            due_text=_due_text(j.due, lang),
        )
        (ofis if j.grade == "ofi" else findings).append(view)
    findings.sort(key=lambda f: (GRADE_ORDER.index(f.grade_key), f.id))

    system = [
        SystemFindingView(
            id=s.id,
            grade_key=s.grade,
            grade=label_of(s.vocabulary, s.grade),
            text=_system_text(s, lang, clause_label),
            due=s.due.isoformat() if s.due else "—",
            due_text=_due_text(s.due, lang),
        )
        for s in res.system_findings
    ]

    comparison = []
    for j in res.judgements:
        if j.self_level is None and j.verified_level is None:
            continue
        if j.level == j.self_level:
            continue
        comparison.append(
            ComparisonRow(
                question=j.question,
                clause=clauses[j.clause].number,
                self_level=lvl(j.self_level),
                judged=lvl(j.judged_level),
                verified=lvl(j.verified_level) if j.verification else "—",
                used=lvl(j.level),
                judged_differs=j.judged_level != j.self_level,
                verified_differs=j.verified_level is not None and j.verified_level != j.self_level,
                # joined with "；" in the table: no sentence-final stop inside
                reasons=[reason_text(r, lang, default_grades).rstrip("。.") for r in j.reasons],
            )
        )

    by_id = {j.finding_id: j for j in res.judgements if j.finding_id}
    clause_views = []
    for cs in res.clauses:
        conforming = [f"{qid} {_part(questions[qid], lang)}" for qid in cs.meeting_target]
        clause_views.append(
            ClauseView(
                label=clause_label(cs.clause),
                status_key=cs.status,
                status=t(f"rd.clause.{cs.status}", lang),
                target=str(cs.target),
                conforming=conforming,
                # one finding a line, so "F-002（观察项）" never breaks inside its grade
                findings=[
                    f"{fid}（{label_of(by_id[fid].vocabulary, by_id[fid].grade or 'ofi')}）"
                    if lang == "zh"
                    else f"{fid} ({label_of(by_id[fid].vocabulary, by_id[fid].grade or 'ofi')})"
                    for fid in cs.findings
                ],
                not_assessed=join(cs.not_assessed, lang) or "—",
            )
        )

    v = res.verification
    verified = v is not None
    issue = max(res.assessment.date, v.date) if v else res.assessment.date
    dates = (
        t(
            "rd.dates_verified",
            lang,
            assessed=res.assessment.date.isoformat(),
            start=v.started.isoformat(),
            end=v.date.isoformat(),
        )
        if v
        else t("rd.dates_self", lang, assessed=res.assessment.date.isoformat())
    )
    vocab = rubric.readiness.vocabularies.get(res.vocabulary.chosen or "")
    default_vocab = rubric.readiness.vocabularies.get(res.vocabulary.default or "")
    chosen_labels = " / ".join(vocab.label(g).get(lang) for g in GRADE_ORDER) if vocab is not None else "—"
    vocabulary_note = t(
        "rd.vocabulary_note",
        lang,
        chosen=chosen_labels,
        basis=(vocab.basis.get(lang) if vocab and vocab.basis else ""),
    )
    if res.vocabulary.requirements_only and default_vocab is not None:
        default_labels = " / ".join(default_vocab.label(g).get(lang) for g in GRADE_ORDER)
        vocabulary_note += ("" if lang == "zh" else " ") + t("rd.vocabulary_default", lang, default=default_labels)
    org = answers.organisation
    cover = [
        Row(t("organisation", lang), org.name),
        Row(t("scope", lang), org.scope or "—"),
        Row(t("standard", lang), f"{standard.designation} {standard.title.get(lang)}"),
        Row(t("rd.dates", lang), dates),
        Row(t("rd.issue_date", lang), issue.isoformat()),
        Row(t("rd.auditor", lang), v.auditor if v else t("rd.no_auditor", lang)),
        Row(t("report.id", lang), document_header(lang, "rd.title", "readiness", res.inputs, res.engine)["report_id"]),
    ]
    details = [
        Row(t("rd.objective", lang), t("rd.objective_text", lang)),
        Row(t("scope", lang), org.scope or t("rd.scope_whole", lang)),
        Row(
            t("rd.criteria", lang),
            t(
                "rd.criteria_text",
                lang,
                designation=standard.designation,
                title=standard.title.get(lang),
                rubric=rubric.id,
                version=rubric.version,
            ),
        ),
        Row(t("rd.dates", lang), dates),
        Row(t("rd.issue_date", lang), issue.isoformat()),
        Row(t("rd.org_rep", lang), res.assessment.assessor),
    ]
    deadlines = []
    for grade in GRADE_ORDER:
        label = default_grades[grade]
        days = res.corrective_action_days.get(grade)
        if days:
            due = res.due_from.toordinal() + days
            deadlines.append(
                t(
                    "rd.deadline_text",
                    lang,
                    grade=label,
                    days=days,
                    start=res.due_from.isoformat(),
                    due=dt.date.fromordinal(due).isoformat(),
                )
            )
        else:
            deadlines.append(t("rd.deadline_none", lang, grade=label))
    tracking = [TrackingRow(f.id, f.grade, f.clause, f.due) for f in findings if f.grade_key in ("major", "minor")]
    tracking = [TrackingRow(s.id, s.grade, "—", s.due) for s in system if s.grade_key in ("major", "minor")] + tracking
    verdict_key = res.verdict
    system_by_grade: dict[str, int] = {}
    for s in res.system_findings:
        system_by_grade[s.grade] = system_by_grade.get(s.grade, 0) + 1
    counts: list[tuple[str, str, str]] = [
        (
            g,
            default_grades[g],
            t("rd.count_with_system", lang, n=res.counts[g], system=system_by_grade[g])
            if system_by_grade.get(g)
            else str(res.counts[g]),
        )
        for g in GRADE_ORDER
    ]
    system_text = {sv.id: sv for sv in system}
    verdict_reasons = []
    for r in res.verdict_reasons:
        finding = str(r.values.get("finding", ""))
        if r.code.startswith("system_") and finding in system_text:
            sv = system_text[finding]
            verdict_reasons.append(t("rd.system_reason", lang, finding=finding, grade=sv.grade, text=sv.text))
        else:
            verdict_reasons.append(reason_text(r, lang, default_grades))
    if not verdict_reasons and (res.counts["observation"] or res.counts["ofi"]):
        verdict_reasons.append(
            t(
                "rd.no_serious_findings",
                lang,
                observations=res.counts["observation"],
                ofis=res.counts["ofi"],
                **default_grades,
            )
        )
    header = document_header(lang, "rd.title" if verified else "rd.title_self", "readiness", res.inputs, res.engine)
    return ReadinessView(
        header=header,
        verified=verified,
        verdict_key=verdict_key,
        verdict=t(f"rd.verdict.{verdict_key}" if verified else f"rd.indication.{verdict_key}", lang),
        verdict_reasons=verdict_reasons,
        counts=counts,
        org_name=org.name,
        cover=cover,
        details=details,
        team=_team(v.auditor, v.team) if v else [],
        interviewees=[Row(tidy(i.name), tidy(i.role or "")) for i in v.interviewees] if v else [],
        sampling=tidy(v.sampling) if v and v.sampling else t("rd.sampling_default" if v else "rd.sampling_self", lang),
        answers_checked=(
            t("rd.answers_checked", lang, how=t("rd.answers_checked.sha256", lang))
            if v and v.answers_match
            else t("rd.answers_checked", lang, how=t("rd.answers_checked.name", lang))
            if v and v.answers_named
            else t("rd.answers_unchecked", lang)
            if v
            else ""
        ),
        vocabulary_note=vocabulary_note,
        clauses=clause_views,
        system=system,
        findings=findings,
        ofis=ofis,
        comparison=comparison,
        soa=[
            Row(f"{a.question} {questions[a.question].text.get(lang)}", a.justification or "—")
            for a in res.not_applicable
        ],
        not_assessed=[Row(qid, questions[qid].text.get(lang)) for qid in res.not_assessed],
        tracking=tracking,
        deadlines=deadlines,
        rules=_rule_text(rubric, res, lang, default_grades),
        grading=_grading_rules(rubric, lang, default_grades),
        core_items=[
            Row(f"{qid} {clause_label(questions[qid].clause)}", questions[qid].text.get(lang)) for qid in res.core_items
        ],
        inputs=[Row(t(f"role.{i.role}", lang), f"{i.name} · {i.sha256}") for i in res.inputs],
        mismatch=bool(v and v.answers_match is False),
        issue_date=issue.isoformat(),
        auditor=v.auditor if v else "",
        assessor=res.assessment.assessor,
        stage_note=t("rd.stage_note", lang),
        basis_text=t("rd.basis_text", lang, designation=standard.designation, rubric=rubric.id, version=rubric.version),
    )


def _base_name(person: str) -> str:
    return re.split(r"[（(]", person, maxsplit=1)[0].strip()


def _team(auditor: str, team: list[str]) -> list[str]:
    """The audit team as listed, with the auditor first unless the team already names them."""
    members = [tidy(m) for m in team]
    if _base_name(auditor) not in {_base_name(m) for m in members}:
        members.insert(0, tidy(auditor))
    return members


def _system_text(s: SystemFinding, lang: Lang, clause_label: Any) -> str:
    values: dict[str, str] = {k: str(v) for k, v in s.values.items()}
    if s.clause is not None:
        values["clause"] = clause_label(s.clause)
    return t(f"system.{s.rule}", lang, **values)


def _rule_text(rubric: Rubric, res: ReadinessResult, lang: Lang, grades: Mapping[str, str]) -> list[str]:
    out = evidence_rule_lines(rubric, lang)
    out.append(
        t(
            "rule.evidence",
            lang,
            evidence_required_from=rubric.scoring.evidence_required_from,
            unevidenced_cap=rubric.scoring.unevidenced_cap,
        )
    )
    out.append(t("rd.rule.unanswered", lang))
    if rubric.readiness.escalate_minors:
        out.append(t("rd.rule.escalate", lang, n=rubric.readiness.escalate_minors, **grades))
    for rule in rubric.readiness.system:
        out.append(
            t(f"rd.rule.system.{rule.when}", lang, grade=grades[rule.grade], above=round(100 * (rule.above or 0)))
        )
    out.append(t("rd.rule.floor", lang, major=grades["major"]))
    out.append(t("rd.rule.verdict", lang, **grades))
    return out


def _due_text(due: dt.date | None, lang: Lang) -> str:
    """A finding's deadline in words: a date, or that there is none (not a bare dash)."""
    return t("rd.due_on", lang, due=due.isoformat()) if due else t("rd.no_deadline", lang)


def _grading_rules(rubric: Rubric, lang: Lang, grades: Mapping[str, str]) -> list[str]:
    rows = []
    sep = "，" if lang == "zh" else ", "
    for rule in rubric.readiness.grading:
        conds = []
        if rule.core is not None:
            conds.append(t("rd.cond.core" if rule.core else "rd.cond.noncore", lang))
        if rule.strength:
            conds.append(
                t("rd.cond.strength", lang, strength=join([t(f"strength.{s}", lang) for s in rule.strength], lang))
            )
        if rule.auditor:
            conds.append(
                t("rd.cond.auditor", lang, outcomes=join([t(f"rd.outcome.{o}", lang) for o in rule.auditor], lang))
            )
        if rule.below == "target":
            conds.append(t("rd.cond.below_target", lang))
        elif rule.below is not None:
            conds.append(t("rd.cond.below", lang, below=rule.below))
        rows.append(f"{sep.join(conds) or t('rd.cond.any', lang)} → {grades[rule.grade]}")
    return rows
