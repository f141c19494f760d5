"""User-interface strings in both report languages."""

from __future__ import annotations

from cxassess.model import Lang

_STRINGS: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "overall": ("总体", "Overall"),
    "overall_score": ("总体得分", "Overall score"),
    "level": ("成熟度", "Level"),
    "percent": ("得分", "Score"),
    "target": ("目标", "Target"),
    "gap": ("差距", "Gap"),
    "clause": ("条款", "Clause"),
    "chapter": ("章", "Chapter"),
    "title": ("标题", "Title"),
    "weakest": ("最弱", "Weakest"),
    "weakest_clause": ("最弱条款", "Weakest clause"),
    "weakest_question": ("最弱问题", "Weakest question"),
    "flags": ("标记", "Flags"),
    "principles": ("原则", "Principles"),
    "principle": ("原则", "Principle"),
    "questions": ("问题数", "Questions"),
    "question": ("问题", "Question"),
    "complete": ("完整", "complete"),
    "incomplete_assessment": ("评估未完成", "assessment incomplete"),
    "unanswered": ("未作答", "unanswered"),
    "na": ("不适用", "N/A"),
    "scored": ("已计分", "scored"),
    "assessor": ("评估人", "Assessor"),
    "date": ("评估日期", "Assessment date"),
    "rubric": ("评估准则", "Rubric"),
    "standard": ("标准", "Standard"),
    "organisation": ("组织", "Organisation"),
    "sector": ("行业", "Sector"),
    "size": ("规模", "Size"),
    "scope": ("范围", "Scope"),
    "evidence": ("证据", "Evidence"),
    "notes": ("备注", "Notes"),
    "rules": ("计分规则", "Scoring rules"),
    "flag.claimed_not_evidenced": ("声称未证实", "claimed, not evidenced"),
    "flag.low_coverage": ("覆盖不足", "low coverage"),
    "flag.incomplete": ("未完成", "incomplete"),
    "flag.below_target": ("低于目标", "below target"),
    "band.none": ("无", "none"),
    "band.limited": ("有限", "limited"),
    "band.partial": ("部分", "partial"),
    "band.substantial": ("充分", "substantial"),
    "band.comprehensive": ("全面", "comprehensive"),
    "size.micro": ("微型", "micro"),
    "size.small": ("小型", "small"),
    "size.medium": ("中型", "medium"),
    "size.large": ("大型", "large"),
    "kind.document": ("文件", "document"),
    "kind.record": ("记录", "record"),
    "kind.interview": ("访谈", "interview"),
    "kind.observation": ("观察", "observation"),
    "kind.data": ("数据", "data"),
    "kind.other": ("其他", "other"),
    "status.scored": ("已计分", "scored"),
    "status.na": ("不适用", "N/A"),
    "status.unanswered": ("未作答", "unanswered"),
    "rule.evidence": (
        "声称等级 ≥ {evidence_required_from} 但无证据记录的，按 {unevidenced_cap} 级计分并标记“声称未证实”。",
        "A level of {evidence_required_from} or more claimed without evidence is scored as "
        "{unevidenced_cap} and flagged “claimed, not evidenced”.",
    ),
    "rule.na": (
        "不适用的问题不计入，其余权重重新归一；条款中不适用问题超过 {share_pct}% 时标记“覆盖不足”。",
        "N/A answers are left out and the other weights renormalised; a clause with more than "
        "{share_pct}% of its questions N/A is flagged “low coverage”.",
    ),
    "rule.unanswered": (
        "未作答的问题不按 0 分计，而是标记评估“未完成”并单独计数。",
        "Unanswered questions are never scored as 0: the assessment is flagged incomplete and they are counted.",
    ),
    "rule.level": (
        "成熟度（按 ISO 9004 方式）：达到且其下无缺口的最高等级，即条款中已计分问题的最低等级；章和总体取其组成部分的最低等级。",
        "Maturity level (ISO 9004 manner): the highest level reached with no gap below it — the lowest "
        "level among a clause's scored questions; chapters and the whole take the lowest of their parts.",
    ),
    "rule.weights": (
        "条款得分为其问题的加权平均，章得分为条款的加权平均，总体得分为各章的加权平均；原则得分单独计算，不计入总体。",
        "Clause percent is the weighted mean of its questions, chapter percent of its clauses, overall of "
        "the chapters; principle scores are computed separately and not part of the overall score.",
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The string ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    zh, en = _STRINGS[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in _STRINGS
