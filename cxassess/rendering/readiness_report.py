"""The certification-readiness report: readiness result → view model (formatted) → HTML → PDF."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cxassess.model import GRADES, Lang, Rubric, Standard
from cxassess.readiness import Judgement, ReadinessResult, Reason
from cxassess.rendering.i18n import t
from cxassess.rendering.report import document_header, lvl


def reason_text(reason: Reason, lang: Lang, grades: dict[str, str]) -> str:
    values: dict[str, Any] = {**grades, **reason.values}
    if "kinds" in values:
        values["kinds"] = t("rd.rule.kinds", lang, kinds=values["kinds"]) if values["kinds"] else ""
    if "core" in values:
        values["core"] = ("，" if lang == "zh" else ", ") + t("rd.cond.core", lang) if values["core"] else ""
    if "note" in values:
        values["note"] = str(values["note"]).strip()
    return t(f"reason.{reason.code}", lang, **values).strip()


def grade_label(rubric: Rubric, vocabulary: str | None, grade: str, lang: Lang) -> str:
    vocabularies = rubric.readiness.vocabularies
    chosen = vocabularies.get(vocabulary or "") or next(iter(vocabularies.values()), None)
    if chosen and grade in chosen:
        return chosen[grade].get(lang)
    return t(f"grade.{grade}", lang)


def _rule_text(rubric: Rubric, vocabulary: str | None, lang: Lang) -> list[str]:
    r = rubric.readiness
    out: list[str] = []
    ev = r.evidence
    if ev.max_age_months:
        undated = t("rd.rule.undated_counts" if ev.undated_counts else "rd.rule.undated_not", lang)
        out.append(t("rd.rule.evidence_age", lang, months=ev.max_age_months, undated=undated))
    for level, req in sorted(ev.levels.items()):
        kinds = t("rd.rule.kinds", lang, kinds=", ".join(req.kinds)) if req.kinds else ""
        out.append(t("rd.rule.level_req", lang, level=level, min_items=req.min_items, kinds=kinds))
    out.append(
        t(
            "rule.evidence",
            lang,
            evidence_required_from=rubric.scoring.evidence_required_from,
            unevidenced_cap=rubric.scoring.unevidenced_cap,
        )
    )
    out.append(t("rd.rule.unanswered", lang))
    grades: dict[str, str] = {g: grade_label(rubric, vocabulary, g, lang) for g in GRADES}
    if r.escalate_minors:
        out.append(t("rd.rule.escalate", lang, n=r.escalate_minors, **grades))
    out.append(t("rd.rule.verdict", lang, **grades))
    return out


def _grading_rules(rubric: Rubric, vocabulary: str | None, lang: Lang) -> list[str]:
    rows = []
    for rule in rubric.readiness.grading:
        conds = []
        if rule.core is not None:
            conds.append(t("rd.cond.core" if rule.core else "rd.cond.noncore", lang))
        if rule.below == "target":
            conds.append(t("rd.cond.below_target", lang))
        elif rule.below is not None:
            conds.append(t("rd.cond.below", lang, below=rule.below))
        if rule.downgraded is not None:
            conds.append(t("rd.cond.downgraded" if rule.downgraded else "rd.cond.not_downgraded", lang))
        sep = "，" if lang == "zh" else ", "
        rows.append(
            f"{sep.join(conds) or t('rd.cond.any', lang)} → {grade_label(rubric, vocabulary, rule.grade, lang)}"
        )
    return rows


def build_readiness_context(
    res: ReadinessResult, standard: Standard, rubric: Rubric, lang: Lang, vocabulary: str | None
) -> dict[str, Any]:
    clauses = standard.clause_index()
    questions = rubric.question_index()
    grades: dict[str, str] = {g: grade_label(rubric, vocabulary, g, lang) for g in GRADES}

    def clause_label(cid: str) -> str:
        c = clauses[cid]
        return f"{c.number} {c.title.get(lang)}"

    def requirement(j: Judgement) -> str:
        q = questions[j.question]
        crit = q.criteria.get(j.target)
        text = q.text.get(lang)
        return text + ("\n" + t("rd.target_level", lang, target=j.target, criteria=crit.get(lang)) if crit else "")

    findings = []
    for j in res.findings():
        assert j.grade is not None
        findings.append(
            {
                "id": j.finding_id,
                "grade": grade_label(rubric, vocabulary, j.grade, lang),
                "grade_key": j.grade,
                "clause": clause_label(j.clause),
                "question": j.question,
                "core": j.core,
                "evidence": j.evidence_reviewed,
                "requirement": requirement(j),
                "levels": t(
                    "rd.found_levels", lang, self=lvl(j.self_level), judged=lvl(j.judged_level), used=lvl(j.level)
                ),
                "reasons": [reason_text(r, lang, grades) for r in j.reasons],
                "due": j.due.isoformat() if j.due else "—",
            }
        )

    comparison = []
    for j in res.judgements:
        if j.status == "na" and j.level is None:
            continue
        differs = j.level != j.self_level
        if not differs:
            continue
        comparison.append(
            {
                "question": j.question,
                "clause": clauses[j.clause].number,
                "self": lvl(j.self_level),
                "judged": lvl(j.judged_level),
                "verified": lvl(j.verified_level) if j.verification else "—",
                "verification": j.verification or "",
                "used": lvl(j.level),
                "judged_differs": j.judged_level != j.self_level,
                "verified_differs": j.verified_level is not None and j.verified_level != j.self_level,
                "reasons": [reason_text(r, lang, grades) for r in j.reasons],
            }
        )

    start = res.verification.date if res.verification else res.assessment.date
    deadlines = []
    for grade in ("major", "minor", "observation", "ofi"):
        label = grade_label(rubric, vocabulary, grade, lang)
        days = res.corrective_action_days.get(grade)
        if days:
            due = (start + dt.timedelta(days=days)).isoformat()
            deadlines.append(t("rd.deadline_text", lang, grade=label, days=days, start=start.isoformat(), due=due))
        else:
            deadlines.append(t("rd.deadline_none", lang, grade=label))

    v = res.verification
    return {
        **document_header(lang, "rd.title", "readiness", res.inputs, res.engine),
        "org": {"name": res.organisation.name, "sector": res.organisation.sector},
        "assessment": {"date": res.assessment.date.isoformat(), "assessor": res.assessment.assessor},
        "standard": {"designation": standard.designation, "title": standard.title.get(lang)},
        "rubric": {"id": rubric.id, "version": rubric.version},
        "verdict": {"key": res.verdict, "label": t(f"rd.verdict.{res.verdict}", lang)},
        "verdict_reasons": [reason_text(r, lang, grades) for r in res.verdict_reasons],
        "counts": [
            {"label": grade_label(rubric, vocabulary, g, lang), "key": g, "n": str(res.counts[g])}
            for g in ("major", "minor", "observation", "ofi")
        ],
        "basis": t("rd.basis_text", lang, designation=standard.designation, rubric=rubric.id, version=rubric.version),
        "core_items": [
            {"id": qid, "clause": clause_label(questions[qid].clause), "text": questions[qid].text.get(lang)}
            for qid in res.core_items
        ],
        "verification": (
            {
                "text": t("rd.verification_by", lang, auditor=v.auditor, date=v.date.isoformat()),
                "auditor": v.auditor,
                "mismatch": v.answers_match is False,
            }
            if v
            else {"text": t("rd.no_verification", lang), "auditor": "", "mismatch": False}
        ),
        "findings": findings,
        "comparison": comparison,
        "not_applicable": [
            {
                "question": a.question,
                "clause": clause_label(a.clause),
                "text": questions[a.question].text.get(lang),
                "justification": a.justification,
            }
            for a in res.not_applicable
        ],
        "deadlines": deadlines,
        "rules": _rule_text(rubric, vocabulary, lang),
        "grading": _grading_rules(rubric, vocabulary, lang),
        "inputs": [{"role": i.role, "name": i.name, "sha256": i.sha256} for i in res.inputs],
    }
