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
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast

from cxassess.core.evidence import Reason
from cxassess.core.model import GRADES, Answers, Grade, Question, Rubric, Standard
from cxassess.core.readiness import Judgement, ReadinessResult, SystemFinding
from cxassess.i18n import Lang, has, join, t, tidy
from cxassess.rendering.document import Pair, document_header, lvl
from cxassess.rendering.gap_report import evidence_rule_lines

Row = Pair  # a row of a two-column table

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


@dataclass(frozen=True)
class _Inputs:
    """What every part of the readiness report is built from."""

    res: ReadinessResult
    standard: Standard
    rubric: Rubric
    answers: Answers
    lang: Lang

    @functools.cached_property  # built once per report, not once per use
    def clauses(self) -> dict[str, Any]:
        return self.standard.clause_index()

    @functools.cached_property
    def questions(self) -> dict[str, Question]:
        return self.rubric.question_index()

    def clause_label(self, cid: str) -> str:
        c = self.clauses[cid]
        return f"{c.number} {c.title.get(self.lang)}"

    def label_of(self, vocabulary: str | None, grade: str) -> str:
        return grade_label(self.rubric, vocabulary, grade, self.lang)

    @functools.cached_property
    def default_grades(self) -> dict[str, str]:
        return {g: self.label_of(self.res.vocabulary.default, g) for g in GRADES}


def _criteria(q: Question, level: int | None, lang: Lang) -> str:
    if level is None:
        return ""
    crit = q.criteria.get(level)
    return crit.get(lang) if crit else ""


def _finding_views(c: _Inputs) -> tuple[list[FindingView], list[FindingView]]:
    """The findings (most severe first) and the opportunities for improvement, each as a fact
    measured against its requirement."""
    lang, questions = c.lang, c.questions
    findings: list[FindingView] = []
    ofis: list[FindingView] = []
    for j in c.res.findings():
        assert j.grade is not None
        q = questions[j.question]
        grades: dict[str, str] = {g: c.label_of(j.vocabulary, g) for g in GRADES}
        requirement = t(
            "rd.requirement_text",
            lang,
            question=q.text.get(lang),
            strength=t(f"strength.{j.strength}", lang),
            target=j.target,
            criteria=_criteria(q, j.target, lang),
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
            clause=c.clause_label(j.clause),
            question=j.question,
            core=j.core,
            part=q.part.get(lang) if q.part else "",
            fact=_fact(j, q, lang),
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
    return findings, ofis


def _system_views(c: _Inputs) -> list[SystemFindingView]:
    return [
        SystemFindingView(
            id=s.id,
            grade_key=s.grade,
            grade=c.label_of(s.vocabulary, s.grade),
            text=_system_text(s, c.lang, c.clause_label),
            due=s.due.isoformat() if s.due else "—",
            due_text=_due_text(s.due, c.lang),
        )
        for s in c.res.system_findings
    ]


def _comparison_rows(c: _Inputs) -> list[ComparisonRow]:
    """Every question whose used level differs from the self-assessed one, with the reasons."""
    comparison = []
    for j in c.res.judgements:
        if j.self_level is None and j.verified_level is None:
            continue
        if j.level == j.self_level:
            continue
        comparison.append(
            ComparisonRow(
                question=j.question,
                clause=c.clauses[j.clause].number,
                self_level=lvl(j.self_level),
                judged=lvl(j.judged_level),
                verified=lvl(j.verified_level) if j.verification else "—",
                used=lvl(j.level),
                judged_differs=j.judged_level != j.self_level,
                verified_differs=j.verified_level is not None and j.verified_level != j.self_level,
                # joined with "；" in the table: no sentence-final stop inside
                reasons=[reason_text(r, c.lang, c.default_grades).rstrip("。.") for r in j.reasons],
            )
        )

    return comparison


def _clause_views(c: _Inputs) -> list[ClauseView]:
    """Clause by clause: what meets its target, the findings, what was not assessed."""
    by_id = {j.finding_id: j for j in c.res.judgements if j.finding_id}
    clause_views = []
    for cs in c.res.clauses:
        conforming = [f"{qid} {_part(c.questions[qid], c.lang)}" for qid in cs.meeting_target]
        clause_views.append(
            ClauseView(
                label=c.clause_label(cs.clause),
                status_key=cs.status,
                status=t(f"rd.clause.{cs.status}", c.lang),
                target=str(cs.target),
                conforming=conforming,
                # one finding a line, so "F-002（观察项）" never breaks inside its grade
                findings=[
                    f"{fid}（{c.label_of(by_id[fid].vocabulary, by_id[fid].grade or 'ofi')}）"
                    if c.lang == "zh"
                    else f"{fid} ({c.label_of(by_id[fid].vocabulary, by_id[fid].grade or 'ofi')})"
                    for fid in cs.findings
                ],
                not_assessed=join(cs.not_assessed, c.lang) or "—",
            )
        )

    return clause_views


def _dates(c: _Inputs) -> str:
    v = c.res.verification
    return (
        t(
            "rd.dates_verified",
            c.lang,
            assessed=c.res.assessment.date.isoformat(),
            start=v.started.isoformat(),
            end=v.date.isoformat(),
        )
        if v
        else t("rd.dates_self", c.lang, assessed=c.res.assessment.date.isoformat())
    )


def _vocabulary_note(c: _Inputs) -> str:
    """Which grade wording is in force and why."""
    vocab = c.rubric.readiness.vocabularies.get(c.res.vocabulary.chosen or "")
    default_vocab = c.rubric.readiness.vocabularies.get(c.res.vocabulary.default or "")
    chosen_labels = " / ".join(vocab.label(g).get(c.lang) for g in GRADE_ORDER) if vocab is not None else "—"
    vocabulary_note = t(
        "rd.vocabulary_note",
        c.lang,
        chosen=chosen_labels,
        basis=(vocab.basis.get(c.lang) if vocab and vocab.basis else ""),
    )
    if c.res.vocabulary.requirements_only and default_vocab is not None:
        default_labels = " / ".join(default_vocab.label(g).get(c.lang) for g in GRADE_ORDER)
        vocabulary_note += ("" if c.lang == "zh" else " ") + t("rd.vocabulary_default", c.lang, default=default_labels)
    return vocabulary_note


def _cover_and_details(c: _Inputs, dates: str, issue: dt.date) -> tuple[list[Row], list[Row]]:
    v = c.res.verification
    org = c.answers.organisation
    cover = [
        Row(t("organisation", c.lang), org.name),
        Row(t("scope", c.lang), org.scope or "—"),
        Row(t("standard", c.lang), f"{c.standard.designation} {c.standard.title.get(c.lang)}"),
        Row(t("rd.dates", c.lang), dates),
        Row(t("rd.issue_date", c.lang), issue.isoformat()),
        Row(t("rd.auditor", c.lang), v.auditor if v else t("rd.no_auditor", c.lang)),
        Row(
            t("report.id", c.lang),
            document_header(c.lang, "rd.title", "readiness", c.res.inputs, c.res.engine)["report_id"],
        ),
    ]
    details = [
        Row(t("rd.objective", c.lang), t("rd.objective_text", c.lang)),
        Row(t("scope", c.lang), org.scope or t("rd.scope_whole", c.lang)),
        Row(
            t("rd.criteria", c.lang),
            t(
                "rd.criteria_text",
                c.lang,
                designation=c.standard.designation,
                title=c.standard.title.get(c.lang),
                rubric=c.rubric.id,
                version=c.rubric.version,
            ),
        ),
        Row(t("rd.dates", c.lang), dates),
        Row(t("rd.issue_date", c.lang), issue.isoformat()),
        Row(t("rd.org_rep", c.lang), c.res.assessment.assessor),
    ]
    return cover, details


def _deadlines(c: _Inputs) -> list[str]:
    """The corrective-action deadline of each grade, in words."""
    deadlines = []
    for grade in GRADE_ORDER:
        label = c.default_grades[grade]
        days = c.res.corrective_action_days.get(grade)
        if days:
            due = c.res.due_from.toordinal() + days
            deadlines.append(
                t(
                    "rd.deadline_text",
                    c.lang,
                    grade=label,
                    days=days,
                    start=c.res.due_from.isoformat(),
                    due=dt.date.fromordinal(due).isoformat(),
                )
            )
        else:
            deadlines.append(t("rd.deadline_none", c.lang, grade=label))
    return deadlines


def _counts(c: _Inputs) -> list[tuple[str, str, str]]:
    """Findings per grade, system findings named within."""
    system_by_grade: dict[str, int] = {}
    for s in c.res.system_findings:
        system_by_grade[s.grade] = system_by_grade.get(s.grade, 0) + 1
    return [
        (
            g,
            c.default_grades[g],
            t("rd.count_with_system", c.lang, n=c.res.counts[g], system=system_by_grade[g])
            if system_by_grade.get(g)
            else str(c.res.counts[g]),
        )
        for g in GRADE_ORDER
    ]


def _verdict_reasons(c: _Inputs, system: list[SystemFindingView]) -> list[str]:
    system_text = {sv.id: sv for sv in system}
    verdict_reasons = []
    for r in c.res.verdict_reasons:
        finding = str(r.values.get("finding", ""))
        if r.code.startswith("system_") and finding in system_text:
            sv = system_text[finding]
            verdict_reasons.append(t("rd.system_reason", c.lang, finding=finding, grade=sv.grade, text=sv.text))
        else:
            verdict_reasons.append(reason_text(r, c.lang, c.default_grades))
    if not verdict_reasons and (c.res.counts["observation"] or c.res.counts["ofi"]):
        verdict_reasons.append(
            t(
                "rd.no_serious_findings",
                c.lang,
                observations=c.res.counts["observation"],
                ofis=c.res.counts["ofi"],
                **c.default_grades,
            )
        )
    return verdict_reasons


def _answers_checked(c: _Inputs) -> str:
    """How the verification was tied to the answers file (or that it was not)."""
    v = c.res.verification
    if v is None:
        return ""
    if v.answers_match:
        return t("rd.answers_checked", c.lang, how=t("rd.answers_checked.sha256", c.lang))
    if v.answers_named:
        return t("rd.answers_checked", c.lang, how=t("rd.answers_checked.name", c.lang))
    return t("rd.answers_unchecked", c.lang)


def build_readiness_report(
    res: ReadinessResult, standard: Standard, rubric: Rubric, answers: Answers, lang: Lang
) -> ReadinessView:
    c = _Inputs(res, standard, rubric, answers, lang)
    questions = c.questions
    default_grades = c.default_grades
    findings, ofis = _finding_views(c)
    system = _system_views(c)
    v = res.verification
    verified = v is not None
    issue = max(res.assessment.date, v.date) if v else res.assessment.date
    cover, details = _cover_and_details(c, _dates(c), issue)
    tracking = [TrackingRow(s.id, s.grade, "—", s.due) for s in system if s.grade_key in ("major", "minor")]
    tracking += [TrackingRow(f.id, f.grade, f.clause, f.due) for f in findings if f.grade_key in ("major", "minor")]
    verdict_key = res.verdict
    header = document_header(lang, "rd.title" if verified else "rd.title_self", "readiness", res.inputs, res.engine)
    return ReadinessView(
        header=header,
        verified=verified,
        verdict_key=verdict_key,
        verdict=t(f"rd.verdict.{verdict_key}" if verified else f"rd.indication.{verdict_key}", lang),
        verdict_reasons=_verdict_reasons(c, system),
        counts=_counts(c),
        org_name=answers.organisation.name,
        cover=cover,
        details=details,
        team=_team(v.auditor, v.team) if v else [],
        interviewees=[Row(tidy(i.name), tidy(i.role or "")) for i in v.interviewees] if v else [],
        sampling=tidy(v.sampling) if v and v.sampling else t("rd.sampling_default" if v else "rd.sampling_self", lang),
        answers_checked=_answers_checked(c),
        vocabulary_note=_vocabulary_note(c),
        clauses=_clause_views(c),
        system=system,
        findings=findings,
        ofis=ofis,
        comparison=_comparison_rows(c),
        soa=[
            Row(f"{a.question} {questions[a.question].text.get(lang)}", a.justification or "—")
            for a in res.not_applicable
        ],
        not_assessed=[Row(qid, questions[qid].text.get(lang)) for qid in res.not_assessed],
        tracking=tracking,
        deadlines=_deadlines(c),
        rules=_rule_text(rubric, res, lang, default_grades),
        grading=_grading_rules(rubric, lang, default_grades),
        core_items=[
            Row(f"{qid} {c.clause_label(questions[qid].clause)}", questions[qid].text.get(lang))
            for qid in res.core_items
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
    out.append(t("rd.rule.targets", lang, level=rubric.target_level, **grades))
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
