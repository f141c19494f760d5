"""A commented, bilingual answers file that a person can fill in a text editor."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

from cxassess.core.model import ANSWERS_SCHEMA, Answer, Answers, Rubric, Standard

if TYPE_CHECKING:
    from cxassess.core.migration import Carried


def _q(value: str | None) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value if value is not None else "", ensure_ascii=False)


def _comment_block(text: str, indent: str) -> Iterable[str]:
    for line in text.splitlines() or [""]:
        yield f"{indent}# {line}".rstrip()


def render_questionnaire(
    rubric: Rubric, standard: Standard, prefill: Answers | None = None, carried: Carried | None = None
) -> str:
    """Render the template; with ``prefill`` its answers and profile are written in; with
    ``carried`` (a migration) each answer says which earlier answers it came from."""
    clauses = standard.clause_index()
    org = prefill.organisation if prefill else None
    info = prefill.assessment if prefill else None
    given: dict[str, Answer] = dict(prefill.answers) if prefill is not None else {}

    out: list[str] = [
        f"# {rubric.title.zh}",
        f"# {rubric.title.en}",
        f"# 标准 / standard: {standard.designation} {standard.title.zh}",
        "#",
        "# 填写说明 / How to answer:",
        "#   level: 每题选一个等级 / one level per question:",
    ]
    for lv in rubric.scale.levels:
        out.append(f"#     {lv.level} = {lv.label.zh} / {lv.label.en} — {lv.description.zh} / {lv.description.en}")
    out += [
        f"#   等级 ≥ {rubric.scoring.evidence_required_from} 须至少列出一条被计入的证据，否则按 "
        f"{rubric.scoring.unevidenced_cap} 级计分。",
        f"#   A level of {rubric.scoring.evidence_required_from} or more needs at least one counted evidence "
        f"item, or it is scored as {rubric.scoring.unevidenced_cap}.",
    ]
    rules = rubric.evidence_rules()
    if rules.max_age_months:
        out.append(f"#   证据须注明日期，不晚于评估日期，且不早于评估日期前 {rules.max_age_months} 个月，否则不计入。")
        out.append(
            f"#   Evidence counts when dated, not after the assessment date and not older than "
            f"{rules.max_age_months} months."
        )
    for level in sorted(rules.levels):
        for req in rules.requirements(level):
            kinds = "|".join(req.kinds) or "any"
            span = f"，日期跨度 ≥ {req.span_months} 个月" if req.span_months else ""
            span_en = f", dates spanning ≥ {req.span_months} months" if req.span_months else ""
            out.append(
                f"#   {level} 级：至少 {req.min_items} 条 {kinds} 类证据{span} / level {level}: "
                f"at least {req.min_items} {kinds} item(s){span_en}"
            )
    out += [
        "#   不适用：写 na: true 并填写 justification（核心项 [core] 不得选不适用）。",
        "#   Not applicable: na: true with a justification (core items [core] cannot be N/A).",
        "#   证据 / evidence: title, kind (document|record|interview|observation|data|other),",
        "#     date (YYYY-MM-DD), ref (文件编号或位置 / document number or location).",
        "#   未作答的题目保留 level: null；评分时报告为未完成，不按 0 分计。",
        "#   Leave level: null for questions not yet answered: they are reported, never scored as 0.",
    ]
    if carried is not None:
        out += [
            "#",
            "# 迁移说明 / Migration: 以下答案由旧版问卷迁移而来，请逐题复核等级和证据。",
            "#   These answers were carried over from an earlier version of the rubric:",
            "#   review each level and its evidence.",
        ]
        for old_id, new_id, why in carried.dropped:
            if why == "unmapped":
                reason = "新问卷没有对应问题 / no question of this version takes it"
                out.append(f"#   未迁移 / not carried over: {old_id} — {reason}")
            else:
                reason = "新问题不允许“不适用”，请作答 / the new question does not allow N/A: please answer it"
                out.append(f"#   未迁移 / not carried over: {old_id} → {new_id} — {reason}")
    out += [
        f"schema: {ANSWERS_SCHEMA}",
        "organisation:",
        f"  id: {_q(org.id if org else '')}  # 组织唯一标识，用于跟踪历次评估 / stable id across assessments",
        f"  name: {_q(org.name if org else '')}  # 组织名称 / name",
        f"  sector: {_q(org.sector if org else '')}  # 行业 / sector",
        f"  size: {_q(org.size if org else 'medium')}  # micro | small | medium | large",
        f"  scope: {_q(org.scope if org else '')}  # 评估范围 / scope of the assessment",
        "assessment:",
        f"  date: {info.date.isoformat() if info else 'null'}  # YYYY-MM-DD",
        f"  assessor: {_q(info.assessor if info else '')}  # 评估人 / assessor",
        f"  rubric: {rubric.id}",
        f"  rubric_version: {_q(rubric.version)}",
        "answers:",
    ]
    current: str | None = None
    for q in rubric.questions:
        if q.clause != current:
            current = q.clause
            c = clauses.get(q.clause)
            title = f"{c.number} {c.title.zh} / {c.title.en}" if c else q.clause
            out += ["", f"  # ======== {title}"]
        tags = ["core"] if q.core else []
        if not q.na_allowed:
            tags.append("N/A not allowed")
        if q.strength is not None:
            tags.append({"shall": "应/shall", "should": "宜/should", "may": "可/may"}[q.strength])
        tag = f" [{', '.join(tags)}]" if tags else ""
        part = f" {q.part.zh} / {q.part.en}" if q.part else ""
        out.append(f"  # {q.id}{tag}{part}")
        if carried is not None and q.id in carried.sources:
            out.append(f"  # 迁移自 / carried over from: {', '.join(carried.sources[q.id])} — 请复核 / review")
        out.extend(_comment_block(q.text.zh, "  "))
        out.extend(_comment_block(q.text.en, "  "))
        for value in rubric.scale.values():
            crit = q.criteria.get(value)
            if crit is not None:
                out.append(f"  #   {value}: {crit.zh} / {crit.en}")
        out.append(f"  #   证据示例 / expected evidence: {q.evidence.zh} / {q.evidence.en}")
        if q.na_allowed and q.na_guidance is not None:
            out.append(f"  #   可选不适用 / N/A only when: {q.na_guidance.zh} / {q.na_guidance.en}")
        ans = given.get(q.id)
        out.append(f"  {q.id}:")
        if ans is not None and ans.na:
            out.append("    na: true")
            out.append(f"    justification: {_q(ans.justification)}")
        else:
            shown = "null" if ans is None or ans.level is None else str(ans.level)
            out.append(f"    level: {shown}")
        if ans is not None and ans.evidence:
            out.append("    evidence:")
            for ev in ans.evidence:
                out.append(f"      - title: {_q(ev.title)}")
                out.append(f"        kind: {ev.kind}")
                out.append(f"        date: {ev.date.isoformat() if ev.date else 'null'}")
                out.append(f"        ref: {_q(ev.ref)}")
                if ev.metrics is not None:
                    out.append(f"        metrics: {_q(ev.metrics)}")
                    out.append(f"        figure: {_q(ev.figure)}")
        else:
            out.append("    evidence: []")
        if ans is not None and ans.notes:
            out.append(f"    notes: {_q(ans.notes)}")
    return "\n".join(out) + "\n"
