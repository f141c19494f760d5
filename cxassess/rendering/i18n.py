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
    # report
    "report.title": ("顾客体验管理差距分析报告", "Customer-experience management gap analysis"),
    "report.id": ("报告编号", "Report id"),
    "report.engine": ("生成工具", "Produced by"),
    "report.toc": ("目录", "Contents"),
    "report.summary": ("执行摘要", "Executive summary"),
    "report.profile": ("成熟度概况", "Maturity profile"),
    "report.clauses": ("逐条款分析", "Clause by clause"),
    "report.actions": ("改进行动计划", "Action plan"),
    "report.appendix": ("附录 A 全部答案与证据", "Appendix A — Every answer and its evidence"),
    "report.method": ("附录 B 评估方法", "Appendix B — Method"),
    "report.strongest": ("表现最好的条款", "Strongest clauses"),
    "report.weakest": ("最薄弱的条款", "Weakest clauses"),
    "report.completeness": ("评估完整性", "Completeness of the assessment"),
    "report.radar_clauses": ("条款得分与目标", "Clause scores against the target"),
    "report.radar_principles": ("五项原则得分", "Principle scores"),
    "report.bars_chapters": ("各章得分", "Score by chapter"),
    "report.current": ("当前", "Current"),
    "report.target_profile": ("目标", "Target"),
    "report.current_level": ("当前等级", "Current level"),
    "report.weakest_question": ("最弱问题", "Weakest question"),
    "report.evidence_cited": ("引用的证据", "Evidence cited"),
    "report.no_evidence": ("未提供证据", "No evidence given"),
    "report.questions": ("问题", "Questions"),
    "report.claimed": ("自评", "Claimed"),
    "report.scored_level": ("计分等级", "Scored level"),
    "report.rank": ("序号", "#"),
    "report.severity": ("严重度", "Severity"),
    "report.action": ("改进行动", "Action"),
    "report.next_level": ("下一等级要求", "To reach the next level"),
    "report.owner": ("建议负责人", "Suggested owner"),
    "report.due": ("完成期限", "Due"),
    "report.provide_evidence": (
        "先补充证据：自评等级未被证据支持。",
        "First provide evidence: the claimed level is not evidenced.",
    ),
    "report.no_actions": (
        "所有已计分问题均已达到目标等级，没有需要列入计划的差距。",
        "Every scored question meets its target: no gaps to plan.",
    ),
    "report.actions_intro": (
        "每行对应一个低于所在条款目标等级的问题，按优先级排序。优先级 = 差距 × {core_factor}（核心项）× 问题权重 × 条款权重；优先级 ≥ {high_from} 为高，≥ {medium_from} 为中，其余为低；期限 = 评估日期 + 高 {high_days} 天 / 中 {medium_days} 天 / 低 {low_days} 天。",
        "One row for each question below its clause's target, most important first. Priority = gap × {core_factor} (core items) × question weight × clause weight; high from {high_from}, medium from {medium_from}, otherwise low; due = assessment date + {high_days} / {medium_days} / {low_days} days for high / medium / low.",
    ),
    "report.justification": ("不适用理由", "Reason for N/A"),
    "report.scale": ("评分等级", "The scale"),
    "report.weights": ("实际使用的权重", "Weights used"),
    "report.weight": ("权重", "Weight"),
    "report.core": ("核心项", "Core item"),
    "report.core_items": ("核心项", "Core items"),
    "report.default": ("默认", "default"),
    "report.page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "report.incomplete_banner": (
        "评估未完成：{n} 个问题未作答，未作答的问题未计分。",
        "Incomplete assessment: {n} question(s) unanswered and not scored.",
    ),
    "report.gaps_count": ("低于目标的条款", "Clauses below target"),
    "report.target_source": (
        "目标等级：准则默认为 {level} 级，可用目标文件逐条款调整。",
        "Target level: {level} by default in the rubric, adjustable per clause with a targets file.",
    ),
    "report.kind": ("类型", "Kind"),
    "report.ref": ("编号/位置", "Reference"),
    "report.evidence_date": ("日期", "Date"),
    "report.status": ("状态", "Status"),
    "report.inputs": ("输入文件（SHA-256）", "Input files (SHA-256)"),
    "report.band": ("区间", "Band"),
    "severity.high": ("高", "high"),
    "severity.medium": ("中", "medium"),
    "severity.low": ("低", "low"),
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
