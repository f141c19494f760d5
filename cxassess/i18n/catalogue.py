"""The bilingual catalogue: every user-facing text by code, as (简体中文, English).

Placeholders are ``{name}`` (``str.format``). A test renders every code in both languages and
checks that both carry the same placeholders.
"""

from __future__ import annotations

# fmt: off
_LABELS: dict[str, tuple[str, str]] = {
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
    "flag.claimed_not_evidenced": ("自评高于证据", "claim above evidence"),
    "flag.low_coverage": ("覆盖不足", "low coverage"),
    "flag.incomplete": ("未完成", "incomplete"),
    "flag.below_target": ("低于目标", "below target"),
    "band.none": ("无", "none"),
    "band.limited": ("有限", "limited"),
    "band.partial": ("部分", "partial"),
    "band.substantial": ("充分", "substantial"),
    "band.comprehensive": ("全面", "comprehensive"),
    "size.micro": ("微型", "Micro enterprise"),
    "size.small": ("小型", "Small enterprise"),
    "size.medium": ("中型", "Medium-sized enterprise"),
    "size.large": ("大型", "Large enterprise"),
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
    "report.actions": ("改进路线图", "Roadmap"),
    "report.appendix": ("附录 A 证据与备注", "Appendix A — Evidence and notes"),
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
        "每行对应一个低于所在条款目标等级的问题，按优先级排序。{rules}",
        "One row for each question below its clause's target, most important first. {rules}",
    ),
    "gap.priority_rules": ("改进行动的优先级和期限", "Priority and due dates of actions"),
    "gap.priority_text": (
        "优先级 = 差距 × {core_factor}（核心项）× 问题权重 × 条款权重；优先级 ≥ {high_from} 为高，≥ {medium_from} 为中，其余为低；期限 = 评估日期 + 高 {high_days} 天 / 中 {medium_days} 天 / 低 {low_days} 天。",
        "Priority = gap × {core_factor} (core items) × question weight × clause weight; high from {high_from}, medium from {medium_from}, otherwise low; due = assessment date + {high_days} / {medium_days} / {low_days} days for high / medium / low.",
    ),
    "report.justification": ("不适用理由", "Reason for N/A"),
    "report.scale": ("评分等级", "The scale"),
    "report.weights": ("实际使用的权重", "Weights used"),
    "report.weight": ("权重", "Weight"),
    "gap.weight_scope": ("适用范围", "Applies to"),
    "gap.mapping_to": ("可复用证据的其他标准条款", "Clauses of other standards whose evidence can be reused"),
    "report.core": ("核心项", "Core item"),
    "report.core_items": ("核心项", "Core items"),
    "report.default": ("默认", "default"),
    "report.page": ("第 {page} 页 / 共 {pages} 页", "Page {page} of {pages}"),
    "report.incomplete_banner": (
        "评估未完成：{n} 个问题未作答（覆盖率 {percent}），结果为初步结果，未作答的问题不计分。",
        "Incomplete assessment: {n} {n|question|questions} unanswered (coverage {percent}); the results are provisional and unanswered questions are not scored.",
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
    # readiness
    "rd.title": ("认证准备度评估报告", "Certification readiness report"),
    "rd.verdict": ("结论", "Verdict"),
    "rd.verdict.ready": ("具备认证条件", "Ready for certification"),
    "rd.verdict.conditional": ("纠正措施计划被接受后具备认证条件", "Ready subject to accepted action plans"),
    "rd.verdict.not_ready": ("尚不具备认证条件", "Not ready for certification"),
    "rd.reasons": ("判定理由", "Reasons"),
    "rd.basis": ("判定依据", "Basis of the verdict"),
    "rd.basis_text": (
        "{designation} 是推荐性指南，只提出建议（“宜”），本身不含强制性要求。本判定依据评估准则 {rubric} {version} 中声明的核心项和分级规则作出。以下问题被视为核心项：",
        "{designation} is a guideline: it recommends and does not require. This verdict rests on the core items and grading rules declared in rubric {rubric} {version}. These questions are treated as core items:",
    ),
    "rd.findings": ("发现项登记表", "Findings register"),
    "rd.finding": ("编号", "Finding"),
    "rd.grade": ("等级", "Grade"),
    "rd.requirement": ("要求", "Requirement"),
    "rd.found": ("发现", "What was found"),
    "rd.evidence_reviewed": ("审查的证据", "Evidence reviewed"),
    "rd.no_findings": ("没有发现项。", "No findings."),
    "rd.no_serious_findings": (
        "没有“{major}”或“{minor}”（另有“{observation}” {observations} 项、“{ofi}” {ofis} 项，不影响结论）。",
        "No “{major}” or “{minor}” findings ({observations} “{observation}” and {ofis} “{ofi}” findings do not affect the verdict).",
    ),
    "rd.count_with_system": ("{n}（含体系层面 {system}）", "{n} (incl. {system} system-level)"),
    "rd.fact_self": (
        "{part}：自评 {self} 级；所列证据 {reviewed} 项，其中计入 {counted} 项；按证据判定为 {level} 级。",
        "{part}: self-assessed at level {self}; {reviewed} evidence {reviewed|item|items} listed, {counted} counted; judged at level {level} on the evidence.",
    ),
    "rd.fact_self_same": (
        "{part}：自评 {self} 级；所列证据 {reviewed} 项，其中计入 {counted} 项，支持该等级。",
        "{part}: self-assessed at level {self}; {reviewed} evidence {reviewed|item|items} listed, {counted} counted, which support that level.",
    ),
    "rd.fact_auditor.verified": (
        "{part}：自评 {self} 级；审核员现场验证，按计入的 {counted} 项证据判定为 {level} 级。",
        "{part}: self-assessed at level {self}; verified on site by the auditor, judged at level {level} on {counted} counted {counted|item|items}.",
    ),
    "rd.fact_auditor.not_verified": (
        "{part}：自评 {self} 级；审核员未能验证，自评所列证据不计入；按审核员现场所见的 {counted} 项证据判定为 {level} 级。",
        "{part}: self-assessed at level {self}; the auditor could not verify it, so the evidence the answer lists does not count; judged at level {level} on the {counted} {counted|item|items} the auditor saw.",
    ),
    "rd.fact_auditor.not_verified_none": (
        "{part}：自评 {self} 级；审核员未能验证，现场未见可计入的客观证据；按无证据时可达的上限判定为 {level} 级。",
        "{part}: self-assessed at level {self}; the auditor could not verify it and saw no objective evidence that counts; judged at level {level}, the most a claim without evidence can reach.",
    ),
    "rd.fact_auditor.disputed": (
        "{part}：自评 {self} 级；审核员现场判定为 {level} 级。",
        "{part}: self-assessed at level {self}; the auditor assessed level {level} on site.",
    ),
    "rd.system_reason": ("{finding}（体系层面“{grade}”）：{text}", "{finding} (system-level “{grade}”): {text}"),
    "rd.signoff_text_self": (
        "本人确认本自评估所依据的答案和所列证据真实、完整。本报告未经审核员验证。",
        "I confirm that the answers and the evidence listed are true and complete. No auditor has verified this report.",
    ),
    "rd.for_assessor": ("自评估负责人", "Person in charge of the self-assessment"),
    "rd.for_management": ("组织最高管理者或其授权代表", "Top management or its authorised representative"),
    "rd.sampling_self": (
        "未经审核员抽样：评估依据组织对全部问题的作答和所列证据，证据是否真实由组织负责。",
        "No auditor sampled anything: the assessment rests on the organisation's answers to every question and the evidence it lists, for whose truth the organisation is responsible.",
    ),
    "rd.answers_checked": (
        "验证文件所指的答案文件与本次评估所用的答案一致（{how}）。",
        "The verification file names the answers used here ({how}).",
    ),
    "rd.answers_checked.sha256": ("SHA-256 一致", "SHA-256 matches"),
    "rd.answers_checked.name": ("文件名一致", "file name matches"),
    "rd.comparison": ("自评与验证对照", "Self-assessed against verified"),
    "rd.comparison_none": (
        "没有审核员验证文件：下表对照自评等级与按证据规则判定的等级。",
        "No auditor verification file: the table compares self-assessed levels with levels judged by the evidence rules.",
    ),
    "rd.self": ("自评", "Self-assessed"),
    "rd.judged": ("证据判定", "Judged on evidence"),
    "rd.verified": ("审核验证", "Verified"),
    "rd.used": ("采用", "Used"),
    "rd.only_differences": (
        "仅列出等级有差异的问题；差异以红色标出。",
        "Only questions whose levels differ are listed; differences in red.",
    ),
    "rd.no_differences": ("所有问题的自评等级均被采用。", "Every self-assessed level was used as is."),
    "rd.soa": ("适用性声明", "Statement of applicability"),
    "rd.soa_text": (
        "以下问题被组织声明为不适用，未参与判定：",
        "The organisation declared these questions not applicable; they take no part in the verdict:",
    ),
    "rd.soa_none": ("没有不适用的问题：准则中的全部问题均适用。", "No question was declared not applicable."),
    "rd.deadlines": ("纠正措施期限", "Corrective-action deadlines"),
    "rd.deadline_text": (
        "{grade}：自 {start} 起 {days} 天内，即 {due} 前。",
        "{grade}: within {days} days of {start}, by {due}.",
    ),
    "rd.due_on": ("完成期限 {due}", "Due {due}"),
    "rd.no_deadline": ("无强制期限", "No set deadline"),
    "rd.deadline_none": (
        "{grade}：无强制期限，由组织自行安排。",
        "{grade}: no deadline; at the organisation's discretion.",
    ),
    "rd.signoff": ("审核员签署", "Auditor sign-off"),
    "rd.signoff_self": ("签署", "Sign-off"),
    "rd.signoff_text": (
        "本人确认已审查上述证据，发现项和结论如实反映了审核时的情况。",
        "I confirm that I reviewed the evidence listed and that the findings and verdict reflect what I found.",
    ),
    "rd.signature": ("签名", "Signature"),
    "rd.sign_date": ("日期", "Date"),
    "rd.auditor": ("审核员", "Auditor"),
    "rd.org_rep": ("受审核方代表", "Organisation's representative"),
    "rd.verification": ("验证", "Verification"),
    "rd.verification_by": ("审核员 {auditor} 于 {date} 验证", "verified by {auditor} on {date}"),
    "rd.no_verification": (
        "未经审核员验证（仅自评与证据规则）",
        "not verified by an auditor (self-assessment and evidence rules only)",
    ),
    "rd.answers_mismatch": (
        "警告：验证文件记录的答案摘要与当前答案文件不一致。",
        "Warning: the verification file was made for a different version of the answers.",
    ),
    "rd.rules": ("判定规则", "Rules applied"),
    "rd.attachments": (
        "本 PDF 以附件形式嵌入全部输入文件（答案、验证、准则、标准目录），可与下列 SHA-256 核对。",
        "This PDF embeds every input file (answers, verification, rubric, catalogue) as attachments; check them against these SHA-256 digests.",
    ),
    "rd.counts": ("发现项统计", "Findings by grade"),
    "rd.target_level": ("目标 {target} 级：{criteria}", "Target level {target}: {criteria}"),
    "rd.found_levels": (
        "自评 {self} 级 · 证据判定 {judged} 级 · 采用 {used} 级",
        "Self-assessed {self} · judged {judged} · used {used}",
    ),
    "rd.rule.evidence_age": (
        "证据须在评估日期前 {months} 个月内；未注明日期的证据{undated}。",
        "Evidence must be dated within {months} months before the assessment; undated evidence {undated}.",
    ),
    "rd.rule.undated_counts": ("计入", "counts"),
    "rd.rule.undated_not": ("不计入", "does not count"),
    "rd.rule.level_req": (
        "{level} 级需要至少 {min_items} 条被计入的证据{kinds}{span}，并满足其下各级的要求。",
        "Level {level} needs at least {min_items} counted evidence {min_items|item|items}{kinds}{span}, and what every level below needs.",
    ),
    "rd.rule.kinds": ("（{kinds}类）", " ({kinds})"),
    "rd.rule.grading": (
        "分级规则（条件成立的规则中，取最严重的分级）：",
        "Grading rules (of the rules whose conditions hold, the most severe grade applies):",
    ),
    "rd.rule.targets": (
        "准则的目标等级 {level} 级是认证基线：目标文件可以提高某条款的目标，但不能低于该基线；未达到组织自行提高的目标，最多为“{observation}”。",
        "The rubric's target level {level} is the certification baseline: a targets file may raise a clause's target but never lower it below the baseline; falling short of a target the organisation raised is at most an “{observation}”.",
    ),
    "rd.rule.escalate": (
        "同一条款中“{minor}”及以上的发现达到 {n} 个时，其中的“{minor}”升级为“{major}”（“{major}”与“{minor}”合并计数）。",
        "When a clause holds {n} or more findings of “{minor}” or worse, its “{minor}” findings become “{major}” (a “{major}” counts alongside the minors).",
    ),
    "rd.rule.verdict": (
        "有“{major}”：尚不具备认证条件（无论还有哪些问题未作答）；否则核心项或声明为要求的项目未作答：无法得出结论；仅有“{minor}”：纠正措施计划被接受后具备认证条件；否则具备认证条件。",
        "Any “{major}”: not ready (whatever is still unanswered); else a core item or a declared requirement unanswered: no conclusion; “{minor}” only: ready subject to accepted action plans; otherwise ready.",
    ),
    "rd.rule.unanswered": (
        "未作答的问题为“未评估”，不计分也不作为发现；核心项或声明为要求的项目未作答时无法得出结论，除非已有严重级别的发现。",
        "Unanswered questions are not assessed: neither scored nor graded; an unanswered core item or declared requirement means no conclusion, unless a finding of major severity already decides it.",
    ),
    "rd.cond.core": ("核心项", "core item"),
    "rd.cond.noncore": ("非核心项", "non-core item"),
    "rd.cond.below": ("等级低于 {below}", "level below {below}"),
    "rd.cond.below_target": ("等级低于目标", "level below target"),
    "rd.cond.downgraded": ("因证据不足被降级", "lowered for lack of evidence"),
    "rd.cond.not_downgraded": ("未被降级", "not lowered"),
    "rd.cond.any": ("任何情况", "any case"),
    "rd.cond.auditor": ("审核员{outcomes}", "{outcomes} by the auditor"),
    "rd.outcome.verified": ("已验证", "verified"),
    "rd.outcome.not_verified": ("未能验证", "not verified"),
    "rd.outcome.disputed": ("有异议", "disputed"),
    "reason.evidence_undated": ("证据“{title}”未注明日期，不计入。", "Evidence “{title}” is undated and not counted."),
    "reason.evidence_too_old": (
        "证据“{title}”（{date}）早于评估日期前 {months} 个月，不计入。",
        "Evidence “{title}” ({date}) is older than {months} months and not counted.",
    ),
    "reason.no_counted_evidence": (
        "没有被计入的证据，最多支持 {level} 级。",
        "No counted evidence: it supports level {level} at most.",
    ),
    "reason.level_needs_evidence": (
        "{level} 级需要至少 {min_items} 条被计入的证据{kinds}{span}，实际符合的有 {found} 条。",
        "Level {level} needs at least {min_items} counted evidence {min_items|item|items}{kinds}{span}; {found} found.",
    ),
    "reason.not_answered": ("未作答，按 {level} 级判定。", "Not answered: judged {level}."),
    "reason.auditor_rejects_na": ("审核员不接受“不适用”。", "The auditor does not accept N/A."),
    "reason.auditor_verified": ("审核员已验证自评 {level} 级{note}。", "The auditor verified level {level}{note}."),
    "reason.auditor_not_verified": (
        "审核员未能验证自评所列证据{note}；按审核员现场所见的 {seen} 项证据判定为 {level} 级。",
        "The auditor could not verify the evidence the answer lists{note}; judged {level} on the {seen} {seen|item|items} the auditor saw.",
    ),
    "reason.auditor_not_verified_none": (
        "审核员未能验证{note}，现场未见可计入的客观证据；按 {level} 级判定。",
        "The auditor could not verify it{note} and saw no objective evidence that counts; judged {level}.",
    ),
    "reason.evidence_not_verified": (
        "证据“{title}”未经审核员核实，不计入。",
        "Evidence “{title}” was not confirmed by the auditor and is not counted.",
    ),
    "reason.auditor_disputed": (
        "审核员有异议，判定为 {level} 级{note}。",
        "The auditor disputes it and assesses level {level}{note}.",
    ),
    "reason.escalated": (
        "条款 {clause} 共有 {count} 项“{minor}”或更严重的发现，按累计规则升级为“{major}”。",
        "Clause {clause} holds {count} findings graded “{minor}” or worse: escalated to “{major}” under the accumulation rule.",
    ),
    "reason.major_finding": (
        "{finding}（{major}）：{question}（条款 {clause}{core}）为 {level} 级，目标 {target} 级。",
        "{finding} ({major}): {question} (clause {clause}{core}) is at level {level}, target {target}.",
    ),
    "reason.minor_finding": (
        "{finding}（{minor}）：{question}（条款 {clause}{core}）为 {level} 级，目标 {target} 级。",
        "{finding} ({minor}): {question} (clause {clause}{core}) is at level {level}, target {target}.",
    ),
    "reason.major_finding_unverified": (
        "{finding}（{major}）：{question}（条款 {clause}{core}）审核员未能验证，按现场所见证据为 {level} 级，目标 {target} 级。",
        "{finding} ({major}): {question} (clause {clause}{core}) could not be verified by the auditor; level {level} on what the auditor saw, target {target}.",
    ),
    "reason.minor_finding_unverified": (
        "{finding}（{minor}）：{question}（条款 {clause}{core}）审核员未能验证，按现场所见证据为 {level} 级，目标 {target} 级。",
        "{finding} ({minor}): {question} (clause {clause}{core}) could not be verified by the auditor; level {level} on what the auditor saw, target {target}.",
    ),
    "reason.missing_evidence": ("证据不足的问题：{questions}。", "Questions lacking evidence: {questions}."),
    "reason.unanswered": ("未作答的问题：{questions}。", "Unanswered questions: {questions}."),
    "grade.major": ("严重不符合", "Major nonconformity"),
    "grade.minor": ("一般不符合", "Minor nonconformity"),
    "grade.observation": ("观察项", "Observation"),
    "grade.ofi": ("改进机会", "Opportunity for improvement"),
    # workbook
    "wb.title": ("自评估问卷", "Self-assessment questionnaire"),
    "wb.how": ("如何填写", "How to answer"),
    "wb.how_text": (
        "在“{profile}”表填写组织信息，在“{questions}”表逐题作答。只有浅黄色单元格可以编辑；灰色列（编号、条款、问题、各级准则）受保护，请勿修改。",
        "Fill in the organisation on the “{profile}” sheet and answer each question on the “{questions}” sheet. Only the pale yellow cells can be edited; the grey columns (id, clause, question, criteria) are protected — do not change them.",
    ),
    "wb.level_text": (
        "等级：从下拉列表中选择与现状最相符的等级（各级准则见同一行）。暂时无法回答的问题留空：评分时报告为未完成，不按 0 分计。",
        "Level: pick from the drop-down the level that best matches today (the criteria of each level are on the same row). Leave a question blank if you cannot answer yet: it is reported as unanswered, never scored as 0.",
    ),
    "wb.evidence_text": (
        "证据：每题可填写多条证据（标题、类型、日期、编号或位置）。等级 ≥ {level} 须至少一条证据，否则按 {cap} 级计分。",
        "Evidence: several items per question (title, kind, date, reference or location). A level of {level} or more needs at least one, or it is scored as {cap}.",
    ),
    "wb.na_text": (
        "不适用：在“不适用”列选“是”并填写理由；核心项不得选不适用。",
        "Not applicable: choose “yes” in the N/A column and give a reason; core items cannot be N/A.",
    ),
    "wb.protect_text": (
        "工作表保护没有密码，只为防止误改；导入时会检查题目编号是否被改动。",
        "Sheet protection has no password and only prevents accidental edits; the importer checks that no question id was changed.",
    ),
    "wb.criteria": ("等级准则", "Criteria for level"),
    "wb.field": ("项目", "Field"),
    "wb.value": ("内容", "Value"),
    "wb.invalid": (
        "请从列表中选择，或输入 YYYY-MM-DD 格式的日期。",
        "Pick a value from the list, or a date as YYYY-MM-DD.",
    ),
    "wb.col.id": ("编号", "Id"),
    "wb.col.clause": ("条款", "Clause"),
    "wb.col.clause_title": ("条款标题", "Clause title"),
    "wb.col.question": ("问题", "Question"),
    "wb.col.core": ("核心项", "Core"),
    "wb.col.level": ("等级", "Level"),
    "wb.col.na": ("不适用", "N/A"),
    "wb.col.justification": ("不适用理由", "Reason for N/A"),
    "wb.col.notes": ("备注", "Notes"),
    "wb.ev.title": ("标题", "title"),
    "wb.ev.kind": ("类型", "kind"),
    "wb.ev.date": ("日期", "date"),
    "wb.ev.ref": ("编号/位置", "reference"),
    "wb.profile.organisation.id": ("组织标识（历次评估保持不变）", "Organisation id (same in every assessment)"),
    "wb.profile.organisation.name": ("组织名称", "Organisation name"),
    "wb.profile.organisation.sector": ("行业", "Sector"),
    "wb.profile.organisation.size": ("规模", "Size"),
    "wb.profile.organisation.scope": ("评估范围", "Scope"),
    "wb.profile.assessment.date": ("评估日期", "Assessment date"),
    "wb.profile.assessment.assessor": ("评估人", "Assessor"),
    "wb.profile.assessment.rubric": ("评估准则", "Rubric"),
    "wb.profile.assessment.rubric_version": ("准则版本", "Rubric version"),
    # compare
    "cmp.title": ("客户组合对比报告", "Portfolio comparison"),
    "cmp.portfolio": ("客户组合", "Portfolio"),
    "cmp.n": ("组织数", "Organisations"),
    "cmp.span": ("评估日期范围", "Assessment dates"),
    "cmp.ranking": ("排名与热力图", "Ranking and heatmap"),
    "cmp.ranking_note": (
        "每行一个组织（取其最新一次评估），按总体得分排序；单元格为各条款得分（%），颜色由红到绿。",
        "One row per organisation (its latest assessment), by overall score; cells are clause scores (%), coloured red to green.",
    ),
    "cmp.rank": ("排名", "Rank"),
    "cmp.percentile": ("百分位", "Percentile"),
    "cmp.distribution": ("条款得分分布", "Distribution of clause scores"),
    "cmp.distribution_note": (
        "箱线图：须线为最小值和最大值，箱体为四分位；精确数值（包含法四分位）见下表。",
        "Whiskers at minimum and maximum, boxes at the quartiles; the exact figures (inclusive quartiles) are in the table.",
    ),
    "cmp.median": ("中位数", "Median"),
    "cmp.q1": ("下四分位", "Q1"),
    "cmp.q3": ("上四分位", "Q3"),
    "cmp.min": ("最小", "Min"),
    "cmp.max": ("最大", "Max"),
    "cmp.mean": ("平均", "Mean"),
    "cmp.weakest": ("组合中最薄弱的条款（按中位数）", "Weakest clauses of the portfolio (by median)"),
    "cmp.strongest": ("组合中最强的条款（按中位数）", "Strongest clauses of the portfolio (by median)"),
    "cmp.positions": ("各组织在组合中的位置", "Each organisation's position in the portfolio"),
    "cmp.positions_note": (
        "每个条款：得分、在组合中的百分位和所在四分位（Q1 最低，Q4 最高）。",
        "Per clause: score, percentile in the portfolio and quartile (Q1 lowest, Q4 highest).",
    ),
    "cmp.positions_many": (
        "组织较多，逐个位置见 JSON 结果（--json）。",
        "With this many organisations, per-client positions are in the JSON result (--json).",
    ),
    "cmp.overlay": ("雷达对比", "Radar overlay"),
    "cmp.overlay_note": (
        "叠加的组织：{names}；虚线为组合中位数。",
        "Overlaid: {names}; the dashed line is the portfolio median.",
    ),
    "cmp.peers": ("同行分组", "Peer groups"),
    "cmp.by_sector": ("按行业", "By sector"),
    "cmp.by_size": ("按规模", "By size"),
    "cmp.group": ("分组", "Group"),
    "cmp.history": ("历次评估趋势", "Progress over time"),
    "cmp.history_none": (
        "没有同一组织的多次评估（按答案文件中的组织编号 organisation.id 识别）。",
        "No organisation has more than one assessment (matched by organisation.id).",
    ),
    "cmp.improved": ("提升的条款", "Improved clauses"),
    "cmp.regressed": ("下降的条款", "Regressed clauses"),
    "cmp.closed": ("已关闭的上次行动项", "Earlier action items closed"),
    "cmp.open": ("仍未关闭的上次行动项", "Earlier action items still open"),
    "cmp.change": ("变化", "Change"),
    "cmp.trend": ("得分变化", "Scores"),
    "cmp.rules": ("统计规则", "Statistics used"),
    "rule.evidence": (
        "自评等级 ≥ {evidence_required_from} 但没有任何证据的，按 {unevidenced_cap} 级计分并标记“自评高于证据”。",
        "A claimed level of {evidence_required_from} or more with no evidence at all is scored as "
        "{unevidenced_cap} and flagged “claim above evidence”.",
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


_MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- where a problem is
    "path.document": ("（整个文件）", "(document)"),
    "path.file": ("（文件）", "(file)"),
    "path.files": ("（文件）", "(files)"),
    # ---------------------------------------------------------------- values as found
    "value.nothing": ("空", "nothing"),
    "value.mapping": ("一个映射", "a mapping"),
    "value.list": ("一个列表", "a list"),
    "value.true": ("true", "true"),
    "value.false": ("false", "false"),
    "value.date": ("日期 {date}", "the date {date}"),
    "value.datetime": ("日期时间 {value}", "the date-time {value}"),
    "value.none": ("无", "none"),
    "value.no_mapping": ("非映射内容", "no mapping"),
    "value.not_document": ("不是 cxassess 文件的内容", "content that is not a cxassess document"),
    "value.number": ("{value}", "{value}"),
    # ---------------------------------------------------------------- expected types
    "type.whole_number": ("整数", "a whole number"),
    "type.number": ("数字", "a number"),
    "type.text": ("文本", "text"),
    "type.bool": ("布尔值（true 或 false）", "true or false"),
    "type.date": ("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"),
    "type.date_no_time": ("不带时间的日期（YYYY-MM-DD）", "a date (YYYY-MM-DD) without a time"),
    "type.list": ("列表", "a list"),
    "type.mapping": ("映射（键: 值）", "a mapping"),
    "type.valid": ("有效的值", "a valid value"),
    # ---------------------------------------------------------------- YAML
    "yaml.syntax": ("应为有效的 YAML，实际有语法错误：{problem}", "expected valid YAML, found a syntax error: {problem}"),
    "yaml.problem.expected_key": ("缺少应有的键（常见原因：缩进不一致）", "did not find expected key (inconsistent indentation?)"),
    "yaml.problem.mapping_values": ("此处不允许出现“键: 值”（常见原因：值中含未加引号的冒号）", "mapping values are not allowed here (an unquoted colon in a value?)"),
    "yaml.problem.expected_colon": ("缺少冒号“:”", "could not find the expected ':'"),
    "yaml.problem.expected_dash": ("缺少列表项标记“-”（常见原因：缩进不一致）", "did not find the expected '-' indicator (inconsistent indentation?)"),
    "yaml.problem.tab": ("含有制表符：请用空格缩进", "a tab character: indent with spaces"),
    "yaml.problem.bad_character": ("含有不能开始一个值的字符", "a character that cannot start a value"),
    "yaml.problem.end_of_stream": ("文件意外结束（常见原因：引号未闭合）", "unexpected end of file (an unclosed quote?)"),
    "yaml.problem.escape": ("含有未知的转义字符", "an unknown escape character"),
    "yaml.problem.dash_indent": ("列表项缩进不一致", "a list item with inconsistent indentation"),
    "yaml.problem.node_content": ("缺少应有的内容", "did not find the expected content"),
    "yaml.problem.document_start": ("文件结构不完整", "an incomplete document structure"),
    "yaml.problem.undefined_alias": ("引用了未定义的锚点", "an alias to an undefined anchor"),
    "yaml.problem.unexpected_colon": ("多余的冒号“:”", "an unexpected ':'"),
    "yaml.problem.control_characters": ("含有不允许的控制字符", "control characters that are not allowed"),
    "yaml.problem.line_break": ("此处应为注释或换行", "expected a comment or a line break"),
    "yaml.problem.duplicate_anchor": ("锚点重复定义", "a duplicate anchor"),
    "yaml.problem.unicode_escape": ("含有无效的 Unicode 转义（\\u 或 \\U 后应为有效的十六进制码位）", "an invalid Unicode escape (\\u or \\U must be followed by a valid hexadecimal code point)"),
    "yaml.problem.character": ("含有不允许的字符 {char}", "a character that is not allowed: {char}"),
    "yaml.problem.nul_character": ("含有空字符 {char}（文件是否为 UTF-16 编码？请另存为 UTF-8）", "a NUL character {char} (is the file UTF-16? save it as UTF-8)"),
    "yaml.problem.mapping_keys": ("此处不允许出现键（常见原因：缩进不一致）", "a key is not allowed here (inconsistent indentation?)"),
    "yaml.problem.unclosed_sequence": ("方括号未闭合，或其中的项之间缺少逗号“,”", "an unclosed square bracket or a missing ',' between its items"),
    "yaml.problem.unclosed_mapping": ("花括号未闭合，或其中的项之间缺少逗号“,”", "an unclosed brace or a missing ',' between its items"),
    "yaml.problem.block_indicator": ("多行文本（| 或 >）的缩进标记应为 1–9", "the indentation indicator of a block text (| or >) must be 1–9"),
    "yaml.problem.anchor_name": ("锚点“&”或别名“*”后应为字母或数字组成的名称", "an anchor '&' or alias '*' must be followed by a name of letters or digits"),
    "yaml.problem.directive": ("“%”开头的指令无效或重复（请删除该行）", "an invalid or repeated '%' directive (delete the line)"),
    "yaml.problem.tag": ("“!”开头的标签无效（请删除标签）", "an invalid '!' tag (remove the tag)"),
    "yaml.problem.too_long": ("某个名称或数字过长", "a name or number that is too long"),
    "yaml.problem.other": ("解析器报告：{detail}", "the parser reports: {detail}"),
    "yaml.alias_bomb": ("别名展开后节点数应不超过 {limit}，实际更多（疑似“别名炸弹”）", "expected at most {limit} nodes once aliases are expanded, found more (an alias bomb?)"),
    "yaml.too_deep": ("嵌套层级应不超过 {limit} 层，实际更深", "expected nesting at most {limit} levels deep, found deeper"),
    "yaml.custom_tag": ("应为普通 YAML，实际含自定义标签 {tag}", "expected plain YAML, found the custom tag {tag}"),
    "yaml.merge_key": ("应为普通键，实际含合并键“<<”", "expected plain keys, found a merge key '<<'"),
    "yaml.complex_key": ("应为普通键，实际为复杂键", "expected a plain key, found a complex key"),
    "yaml.recursive_alias": ("文件应是有限的，实际含递归别名", "expected a finite document, found a recursive alias"),
    "yaml.duplicate_key": ("每个键只能出现一次，{key} 重复出现（首次在第 {line} 行）", "expected each key once, found {key} again (first at line {line})"),
    "yaml.several_documents": ("一个文件只能包含一个 YAML 文档，实际有多个", "expected a single YAML document, found several"),
    "yaml.bad_value": ("应为有效的值，实际为 {found}", "expected a valid value, found {found}"),
    "yaml.bad_date": ("应为存在的日期（YYYY-MM-DD），实际为 {found}", "expected a real calendar date (YYYY-MM-DD), found {found}"),
    # ---------------------------------------------------------------- files
    "file.missing": ("应为已存在的文件，实际不存在", "expected an existing file, found none"),
    "file.is_folder": ("应为文件，实际为文件夹", "expected a file, found a folder"),
    "file.special": ("应为普通文件，实际为{kind}", "expected a regular file, found {kind}"),
    "file.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "file.kind.device": ("设备文件", "a device file"),
    "file.kind.socket": ("套接字", "a socket"),
    "file.kind.other": ("特殊文件", "a special file"),
    "file.permission": ("应为可读取的文件，实际没有读取权限", "expected a readable file, found no permission to read it"),
    "file.unreadable": ("应为可读取的文件，实际无法读取（{reason}）", "expected a readable file, found it unreadable ({reason})"),
    "file.too_large": ("文件应不超过 {limit} 字节，实际为 {size} 字节", "expected a file of at most {limit} bytes, found {size} bytes"),
    "file.not_utf8": ("应为 UTF-8 文本，实际在偏移 {offset} 处有无效字节", "expected UTF-8 text, found an invalid byte at offset {offset}"),
    "file.empty": ("文件不应为空，实际为空", "expected content, found an empty file"),
    "files.none_found": ("应有答案文件，实际没有找到", "expected answers files, found none"),
    # ---------------------------------------------------------------- documents and fields
    "schema.unknown": ("应为以下文件类型之一：{known}；实际为 {found}", "expected one of {known}, found {found}"),
    "schema.typo": ("应为以下文件类型之一：{known}；实际为 {found}（是否应为 {suggestion}？）", "expected one of {known}, found {found} (did you mean {suggestion}?)"),
    "schema.wrong_kind": ("应为{expected}（schema {schema}），实际为 {found}", "expected {expected} (schema {schema}), found {found}"),
    "field.required": ("此项必填，实际为空", "expected a value, found nothing"),
    "field.unknown_key": ("应为以下键之一：{known}；实际为未知键 {key}", "expected one of {known}, found unknown key {key}"),
    "field.type": ("应为{expected}，实际为 {found}", "expected {expected}, found {found}"),
    "field.bound": ("应为 {op} {bound} 的数，实际为 {found}", "expected a number {op} {bound}, found {found}"),
    "field.non_empty": ("应为非空文本，实际为 {found}", "expected non-empty text, found {found}"),
    "field.blank": ("应有文字，实际只有空白 {found}", "expected some text, found only spaces {found}"),
    "field.one_line": ("应为一行文字，实际含有换行 {found}", "expected one line of text, found a line break in {found}"),
    "field.too_long": ("应不超过 {max} 个字符，实际 {found} 个", "expected at most {max} characters, found {found}"),
    "field.pattern_id": ("应为编号：以字母或数字开头，只含字母、数字和 . _ : -，实际为 {found}", "expected an id: a letter or digit first, then only letters, digits and . _ : -, found {found}"),
    "field.pattern_version": ("应为版本号，如 2.0.0，实际为 {found}", "expected a version such as 2.0.0, found {found}"),
    "field.pattern_sha256": ("应为 64 位小写十六进制的 SHA-256 摘要，实际为 {found}", "expected a SHA-256 digest of 64 lower-case hexadecimal digits, found {found}"),
    "field.pattern_colour": ("应为 #RRGGBB 形式的颜色，如 #0b6e4f，实际为 {found}", "expected a colour written #RRGGBB, such as #0b6e4f, found {found}"),
    "field.pattern": ("应为符合 {pattern} 的文本，实际为 {found}", "expected text matching {pattern}, found {found}"),
    "field.min_items": ("至少应有 {min} 项，实际 {found} 项", "expected at least {min} {min|item|items}, found {found}"),
    "field.max_items": ("应不超过 {max} 项，实际 {found} 项", "expected at most {max} {max|item|items}, found {found}"),
    "field.choice": ("应为以下之一：{choices}；实际为 {found}", "expected one of {choices}, found {found}"),
    "field.invalid": ("应为有效的值，实际为 {found}", "expected a valid value, found {found}"),
    "field.date_future": ("日期应不晚于 {today}，实际为 {found}", "expected a date on or before {today}, found {found}"),
    "answer.level_and_na": ("等级和“不适用”只能二选一，实际两者都填写了", "expected either a level or na: true, found both"),
    "verification.disputed_needs_level": ("有异议的答案应填写等级和说明，实际未填写", "expected a level and a note on a disputed answer, found none"),
    "verification.level_unless_disputed": ("只有“有异议”时才填写等级，实际在 {status} 的答案上填写了等级", "expected no level unless disputed, found a level on a {status} answer"),
    # ---------------------------------------------------------------- catalogues and rubrics
    "standard.duplicate_id": ("编号应唯一，{id} 重复出现", "expected a unique id, found {id} again"),
    "standard.unknown_group": ("应为以下之一：{known}；实际为 {found}", "expected one of {known}, found {found}"),
    "rubric.wrong_standard": ("应为 {expected}，实际为 {found}", "expected {expected}, found {found}"),
    "rubric.duplicate_level": ("等级应唯一，{level} 重复出现", "expected a unique level, found {level} again"),
    "rubric.levels_not_consecutive": ("等级应连续，实际为 {found}", "expected consecutive levels, found {found}"),
    "rubric.not_a_level": ("应为量表中的等级（{min}–{max}），实际为 {found}", "expected a level of the scale ({min}–{max}), found {found}"),
    "rubric.not_a_level_or_target": ("应为量表中的等级（{min}–{max}）或 target，实际为 {found}", "expected a level of the scale ({min}–{max}) or 'target', found {found}"),
    "rubric.not_a_leaf": ("应为标准 {standard} 中可评估的条款，实际为 {found}", "expected an assessable clause of {standard}, found {found}"),
    "rubric.not_a_chapter": ("应为标准 {standard} 中的章，实际为 {found}", "expected a chapter of {standard}, found {found}"),
    "rubric.duplicate_question": ("问题编号应唯一，{id} 重复出现", "expected a unique question id, found {id} again"),
    "rubric.unknown_clause": ("应为标准 {standard} 中的条款，实际为 {found}", "expected a clause of {standard}, found {found}"),
    "rubric.chapter_clause": ("应为可评估的条款（而不是章），实际为 {found}", "expected an assessable clause (not a chapter), found {found}"),
    "rubric.unknown_principle": ("应为标准 {standard} 的原则（{known}），实际为 {found}", "expected a principle of {standard} ({known}), found {found}"),
    "rubric.criteria_missing": ("应为每个等级（{levels}）提供准则，实际缺少等级 {missing}", "expected criteria for every level ({levels}), found none for {missing}"),
    "rubric.criteria_extra": ("准则只能针对量表中的等级（{levels}），实际有 {extra}", "expected criteria only for the levels of the scale ({levels}), found {extra}"),
    "rubric.core_na": ("核心项应为 false（核心项不得选择“不适用”），实际为 true", "expected false on a core item (core items cannot be N/A), found true"),
    "rubric.core_reason": ("核心项应说明理由（core_reason），实际没有", "expected a core_reason on a core item, found none"),
    "rubric.na_guidance": ("允许“不适用”的问题应说明何时可选（na_guidance），实际没有", "expected na_guidance on a question that allows N/A, found none"),
    "rubric.improvement_level": ("改进行动应按量表中可达到的等级（{levels}）给出，实际为 {found}", "expected improvement steps for levels of the scale above its bottom ({levels}), found {found}"),
    "rubric.unknown_vocabulary": ("应为已声明的用语（{known}），实际为 {found}", "expected a declared vocabulary ({known}), found {found}"),
    "rubric.unknown_question_ref": ("应为本准则中的问题编号，实际为 {found}", "expected a question id of this rubric, found {found}"),
    "rubric.unknown_metric": ("应为准则中定义的指标（{known}），实际为 {found}", "expected a metric defined in the rubric ({known}), found {found}"),
    "rubric.system_needs_above": ("规则 {when} 需要阈值 above（0–1），实际没有", "expected a threshold 'above' (0–1) for rule {when}, found none"),
    "rubric.unknown_owner_key": ("应为标准 {standard} 的条款或分组，实际为 {found}", "expected a clause or group of {standard}, found {found}"),
    "rubric.migration_target": ("应为本准则中的问题编号，实际为 {found}", "expected a question id of this rubric, found {found}"),
    # ---------------------------------------------------------------- answers, targets, verification
    "answers.wrong_rubric": ("应为 {expected}，实际为 {found}", "expected {expected}, found {found}"),
    "answers.unknown_question": ("应为评估准则 {rubric} {version} 中的问题编号，实际为 {found}", "expected a question id of rubric {rubric} {version}, found {found}"),
    "answers.duplicate_question": ("每个问题只能有一个答案，{question} 同时有 {key} 和 {other}", "expected one answer per question, found {key} and {other} for {question}"),
    "answers.level_range": ("应为 {min}–{max}，实际为 {found}", "expected {min}–{max}, found {found}"),
    "answers.na_core": ("应填写等级（问题 {question} 是核心项，不得选择“不适用”），实际选择了不适用", "expected a level (question {question} is a core item and cannot be N/A), found na: true"),
    "answers.na_not_allowed": ("应填写等级（问题 {question} 不允许“不适用”），实际选择了不适用", "expected a level (question {question} does not allow N/A), found na: true"),
    "answers.na_justification": ("选择“不适用”时应填写理由，实际未填写", "expected a justification for N/A, found none"),
    "targets.unknown_clause": ("应为标准 {standard} 中可评估的条款，实际为 {found}", "expected an assessable clause of {standard}, found {found}"),
    "verification.sha_mismatch": ("应为被验证的答案文件的 SHA-256（{expected}），实际为 {found}（验证之后答案被修改过？）", "expected the SHA-256 of the answers file verified ({expected}), found {found} (the answers changed after verification?)"),
    "verification.unknown_question": ("应为评估准则 {rubric} {version} 中的问题编号，实际为 {found}", "expected a question id of rubric {rubric} {version}, found {found}"),
    "verification.before_assessment": ("验证日期应不早于评估日期 {assessment}，实际为 {found}", "expected a date on or after the assessment date {assessment}, found {found}"),
    "verification.answers_other": ("应为本次评估的答案文件 {expected}，验证文件写的是 {found}（验证的是另一个答案文件）", "expected the answers file assessed here, {expected}; the verification names {found} (it verifies another answers file)"),
    "verification.no_answers": ("验证文件应与其答案文件一起检查（answers_sha256 指向的答案文件未找到）", "expected the answers file this verification belongs to beside it, found none with its answers_sha256"),
    "verification.started_after": ("开始日期应不晚于验证日期 {date}，实际为 {found}", "expected a start on or before the verification date {date}, found {found}"),
    # ---------------------------------------------------------------- library
    "batch.verifications_ambiguous": ("应只有一个审核验证文件指向此答案文件，实际有 {files}：请移走或合并多余的文件", "expected one verification file naming this answers file, found {files}: move or merge the others"),
    "library.unknown_rubric": ("应为已知的评估准则（{known}），实际为 {found}", "expected a known rubric ({known}), found {found}"),
    "library.unknown_standard": ("应为已知的标准（编号:版本），实际为 {found}", "expected a known standard (id:edition), found {found}"),
    "compare.mixed_rubrics": ("应为 {expected}（与 {first} 相同），实际为 {found}：对比要求所有文件使用同一评估准则", "expected {expected} (as in {first}), found {found}: a comparison needs one rubric"),
    # ---------------------------------------------------------------- themes
    "theme.logo_url": ("应为主题文件夹中的图片文件，实际为网址 {found}", "expected an image file in the theme's folder, found the URL {found}"),
    "theme.logo_type": ("应为 .png、.jpg 或 .svg 文件，实际为 {found}", "expected a .png, .jpg or .svg file, found {found}"),
    "theme.logo_missing": ("应为已存在的图片文件，实际在 {found} 处没有文件", "expected an existing image file, found none at {found}"),
    "theme.logo_outside": ("应为主题文件夹中的图片文件，实际在文件夹之外：{found}", "expected an image file in the theme's folder, found one outside it: {found}"),
    "theme.logo_active": ("标志应为纯图形的 SVG，实际含有 {found}（标志中不允许脚本、事件属性或指向其他文件的链接）", "expected a plain SVG drawing, found {found} (scripts, event handlers and links to other files are not allowed in a logo)"),
    "theme.logo_side": ("标志的边长应不超过 {max} 像素，实际为 {found}", "expected a logo of at most {max} pixels a side, found {found}"),
    "theme.logo_content": ("文件内容应为 {expected} 图片，实际不是", "expected the content of a {expected} image, found something else"),
    # ---------------------------------------------------------------- spreadsheets and CSV
    "sheet.duplicate_question": ("每个问题只能出现一次，{id} 重复出现", "expected each question once, found {id} again"),
    "sheet.missing_id": ("已作答的行应有问题编号，实际为空（编号被删除或修改？）", "expected the question id of an answered row, found none (was the id deleted or changed?)"),
    "sheet.missing_sheets": ("应包含工作表 {expected}，实际为 {found}", "expected the sheets {expected}, found {found}"),
    "sheet.damaged": ("应为可读取的工作表，实际已损坏（请在 Excel 中打开工作簿后重新保存为 .xlsx）", "expected a readable sheet, found a damaged one (open the workbook in Excel and save it again as .xlsx)"),
    "sheet.unreadable": ("应为 Excel 工作簿（.xlsx），实际无法读取", "expected an Excel workbook (.xlsx), found an unreadable file"),
    "sheet.no_key_row": ("第 1 行（隐藏）应有机器读取用的列键，实际缺少 {missing}（该行被删除或清空？）", "expected the machine keys in (hidden) row 1, found {missing} missing (was the row deleted or cleared?)"),
    "sheet.formula": ("应为值，实际为公式 {formula}（请只填写值）", "expected a value, found the formula {formula} (enter values only)"),
    "sheet.too_many_rows": ("工作表应不超过 {limit} 行，实际更多", "expected at most {limit} rows in a sheet, found more"),
    "sheet.too_many_columns": ("工作表应不超过 {limit} 列，实际更多", "expected at most {limit} columns in a sheet, found more"),
    "sheet.too_many_strings": ("工作簿的共享字符串表应不超过 {limit} 项，实际更多（疑似构造的文件）", "expected a shared-strings table of at most {limit} entries in the workbook, found more (a crafted file?)"),
    "sheet.too_large": ("解压后的工作簿应不超过 {limit} 字节，实际为 {size} 字节（疑似压缩炸弹）", "expected a workbook of at most {limit} bytes uncompressed, found {size} (a zip bomb?)"),
    "sheet.xml_entities": ("工作簿中不应有 XML 实体声明，实际含有", "expected no XML entity declarations in the workbook, found some"),
    "sheet.cell_too_long": ("单元格文本应不超过 {max} 个字符，实际 {found} 个", "expected at most {max} characters in a cell, found {found}"),
    "csv.encoding": ("应为 UTF-8 或 GB18030 编码的文本，实际两者都不是", "expected text in UTF-8 or GB18030, found neither"),
    "csv.malformed": ("应为格式正确的 CSV，实际在第 {line} 行附近格式错误", "expected well-formed CSV, found a malformed row near line {line}"),
    "csv.no_header": ("第 1 行应为列名（至少包含 {expected}），实际为 {found}", "expected column names in row 1 (at least {expected}), found {found}"),
    "csv.field_too_long": ("单元格文本应不超过 {max} 个字符，实际更长", "expected at most {max} characters in a field, found more"),
    "csv.too_many_rows": ("应不超过 {limit} 行，实际更多", "expected at most {limit} rows, found more"),
    # ---------------------------------------------------------------- command line
    "usage.exists": ("{path} 已存在，未覆盖（使用 --force 替换，旧文件会保留为 .bak 备份）", "{path} exists; not overwritten (use --force to replace it; a backup is kept)"),
    "usage.same_output": ("-o 与 --json 应为不同的文件，实际都是 {path}", "expected different files for -o and --json, found {path} for both"),
    "usage.same_as_input": ("输出 {path} 不能是输入文件", "the output {path} must not be an input file"),
    "usage.output_is_dir": ("输出 {path} 应为文件，实际为文件夹（--force 只替换普通文件）", "the output {path} must be a file, found a folder (--force replaces regular files only)"),
    "usage.output_is_link": ("输出 {path} 是符号链接，未覆盖（--force 只替换普通文件）", "the output {path} is a symbolic link; not overwritten (--force replaces regular files only)"),
    "usage.output_special": ("输出 {path} 是特殊文件，未覆盖（--force 只替换普通文件）", "the output {path} is a special file; not overwritten (--force replaces regular files only)"),
    "usage.output_os_error": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "usage.output_empty": ("输出路径不能为空", "the output path must not be empty"),
    "usage.output_is_folder_path": ("输出 {path} 应为文件名，实际以“/”或“.”结尾", "the output {path} must name a file, found a folder path"),
    "usage.outdir_is_link": ("输出文件夹 {path} 应为文件夹，实际是符号链接（不会跟随链接写入）", "the output folder {path} must be a folder, found a symbolic link (never followed)"),
    "usage.outdir_is_file": ("输出文件夹 {path} 实际是文件", "the output folder {path} is a file"),
    "os.permission": ("没有权限", "permission denied"),
    "os.parent_not_folder": ("上级路径不是文件夹", "a parent of the path is not a folder"),
    "os.name_too_long": ("文件名过长", "the name is too long"),
    "os.read_only": ("文件系统只读", "the file system is read-only"),
    "os.no_space": ("磁盘空间不足", "no space left on the device"),
    "os.missing_parent": ("上级文件夹不存在", "the folder does not exist"),
    "os.other": ("系统错误 {errno}", "system error {errno}"),
    "usage.unknown_rubric_spec": ("评估准则 {spec}：应为准则文件或以下之一：{known}", "rubric {spec}: expected a rubric file or one of: {known}"),
    "usage.batch_not_folder": ("--batch {path}：应为存放答案文件的文件夹，实际不是", "--batch {path}: expected a folder of answers files, found none"),
    "usage.batch_no_answers": ("--batch {path}：应有答案文件（schema cxassess/answers/1），实际没有找到", "--batch {path}: expected answers files (schema cxassess/answers/1), found none"),
    "usage.batch_needs_output": ("--batch FOLDER 需要 -o 输出文件夹，且不能同时给出答案文件", "--batch FOLDER needs -o OUTDIR and no ANSWERS"),
    "usage.answers_or_batch": ("请给出答案文件，或使用 --batch FOLDER", "give an ANSWERS file, or --batch FOLDER"),
    "usage.need_output_or_json": ("请给出 -o/--output（报告）、--json（结果），或两者都给", "give -o/--output for the report, --json for the result, or both"),
    "usage.vocabulary": ("--vocabulary：应为准则 {rubric} 中声明的以下之一：{known}；实际为 {found}", "--vocabulary: expected one of {known} (declared in rubric {rubric}), found {found}"),
    "usage.today": ("CXASSESS_TODAY：应为 YYYY-MM-DD，实际为 {found}", "CXASSESS_TODAY: expected YYYY-MM-DD, found {found}"),
    "usage.format_for_suffix_only": ("{path}：此命令只写出 {known} 格式，实际后缀为 {suffix}（请更改后缀）", "{path}: this command writes {known} only, found the suffix {suffix} (change it)"),
    "usage.format_for_suffix": ("{path}：此命令能写出的格式为 {known}，实际后缀为 {suffix}（请更改后缀，或用 --format 指定）", "{path}: this command writes {known}, found the suffix {suffix} (change it, or name the format with --format)"),
    "usage.format_for_command": ("--format：此命令支持 {known}，实际为 {found}", "--format: this command writes {known}, found {found}"),
    "usage.verification_with_batch": ("--verification 只能用于单个答案文件", "--verification applies to a single answers file"),
    "click.missing_argument": ("缺少参数 {name}", "missing argument {name}"),
    "click.missing_option": ("缺少选项 {name}", "missing option {name}"),
    "click.no_such_option": ("没有选项 {name}", "no such option: {name}"),
    "click.no_such_option_hint": ("没有选项 {name}（是否应为 {hint}？）", "no such option: {name} (did you mean {hint}?)"),
    "click.bad_value": ("{name} 的值无效：{value}", "invalid value for {name}: {value}"),
    "click.bad_choice": ("{name} 应为以下之一：{choices}；实际为 {value}", "{name}: expected one of {choices}, found {value}"),
    "click.needs_value": ("选项 {name} 需要一个值", "option {name} requires a value"),
    "click.extra_arguments": ("多余的参数：{args}", "extra arguments not expected: {args}"),
    "click.no_such_command": ("没有命令 {name}", "no such command: {name}"),
    "click.usage_other": ("命令用法有误：{detail}", "usage error: {detail}"),
    "click.path_missing": ("{name}：路径 {path} 不存在", "{name}: the path {path} does not exist"),
    "click.path_is_folder": ("{name} 应为文件，实际 {path} 是文件夹", "{name}: expected a file, found the folder {path}"),
    "click.path_is_file": ("{name} 应为文件夹，实际 {path} 是文件", "{name}: expected a folder, found the file {path}"),
    "click.path_denied": ("{name}：没有权限使用 {path}", "{name}: permission denied for {path}"),
    "click.out_of_range": ("{name} 应为 {low}–{high} 之间的整数，实际为 {value}", "{name}: expected a whole number from {low} to {high}, found {value}"),
    "click.not_integer": ("{name} 应为整数，实际为 {value}", "{name}: expected a whole number, found {value}"),
    "click.see_help": ("运行 {command} --help 查看用法。", "Run {command} --help for usage."),
    "env.no_cjk_font": ("没有安装中文字体，中文会显示为方框：请安装（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk，或以 root 运行 scripts/run setup）", "no Chinese font is installed, so Chinese text would print as boxes: install one (Debian/Ubuntu: sudo apt-get install fonts-noto-cjk, or run scripts/run setup as root)"),
    "env.no_openpyxl": ("读写 Excel 需要 openpyxl：pip install 'cxassess[xlsx]'", "Excel support needs openpyxl: pip install 'cxassess[xlsx]'"),
    "env.no_report": ("生成报告需要 WeasyPrint、jinja2 和 pygal：pip install 'cxassess[report]'", "reports need WeasyPrint, jinja2 and pygal: pip install 'cxassess[report]'"),
    # ---------------------------------------------------------------- status lines
    "status.wrote": ("已写入 {path}", "wrote {path}"),
    "status.wrote_backup": ("已写入 {path}（原文件保留为 {backup}）", "wrote {path} (previous file kept as {backup})"),
    "status.skipped": ("已跳过 {path}", "skipped {path}"),
    "status.not_taken": ("未处理 {path}：{reason}", "not taken: {path}: {reason}"),
    "status.batch_summary": ("已将 {written}/{total} 份{kind}写入 {outdir}", "wrote {written} of {total} {kind} to {outdir}"),
    "status.batch_summary_skipped": ("已将 {written}/{total} 份{kind}写入 {outdir}；跳过 {skipped} 份", "wrote {written} of {total} {kind} to {outdir}; {skipped} skipped"),
    "status.kind.report": ("差距分析报告", "gap-analysis reports"),
    "status.kind.readiness": ("认证准备度报告", "readiness reports"),
    "status.verdict": ("结论：{verdict}", "verdict: {verdict}"),
    "rd.answers_unchecked": ("验证文件未注明所验证的答卷（answers 或 answers_sha256），无法确认验证与本答卷对应。", "The verification file does not name the answers file it verified (answers or answers_sha256), so it cannot be confirmed that it belongs to these answers."),
    "status.verdict_unverified": ("自评估的指示性结论（未经审核员验证）：{verdict}", "self-assessment indication (not verified by an auditor): {verdict}"),
    "usage.json_with_batch": ("--json 只能用于单个答案文件；--batch 时请用 --format json 为每个答案文件各写一个 JSON 结果", "--json applies to a single answers file; with --batch, --format json writes one JSON result per answers file"),
    "status.compare_summary": ("{orgs} 个组织，{assessments} 次评估", "{orgs} organisations, {assessments} assessments"),
    "status.no_problems": ("没有发现问题。", "No problems found."),
    "status.problems_found": ("共发现 {n} 个问题。", "{n} problems found."),
    "status.files_checked": ("已检查 {n} 个文件。", "{n} {n|file|files} checked."),
    "status.error": ("错误：{text}", "error: {text}"),
    "status.internal_error": ("内部错误：{kind}：{detail}\n这是 cxassess 的缺陷；加 --verbose 重新运行可看到详细信息。", "internal error: {kind}: {detail}\nThis is a bug in cxassess; run again with --verbose for the traceback."),
    "status.interrupted": ("已中断", "interrupted"),
    "status.migrated": ("已将 {n} 个答案从 {old} 迁移到 {new}（{dropped} 个未能迁移，见注释）", "migrated {n} answers from {old} to {new} ({dropped} could not be carried over; see the comments)"),
    "progress.report": ("生成报告", "reports"),
    "progress.readiness": ("认证准备度", "readiness"),
    "progress.score": ("计分", "scoring"),
    "progress.load": ("读取", "loading"),
    "reason.schema_not_answers": ("不是答案文件（schema {schema}）", "not an answers file (schema {schema})"),
    "reason.no_schema": ("没有 schema 键，不是 cxassess 文件", "no schema key: not a cxassess document"),
    "reason.unreadable": ("无法读取：{detail}", "unreadable: {detail}"),
}
# fmt: on

CATALOGUE: dict[str, tuple[str, str]] = {**_LABELS, **_MESSAGES}
assert len(CATALOGUE) == len(_LABELS) + len(_MESSAGES), "a code is defined twice"

CATALOGUE.update(
    {
        "doc.standard": ("标准目录文件", "a standard catalogue"),
        "doc.rubric": ("评估准则文件", "a rubric"),
        "doc.answers": ("答案文件", "an answers file"),
        "doc.targets": ("目标文件", "a targets file"),
        "doc.verification": ("验证文件", "a verification file"),
        "doc.theme": ("主题文件", "a theme file"),
    }
)

CATALOGUE.update(
    {
        "rule.portfolio.same_org": (
            "答案文件中组织编号（organisation.id）相同的评估属于同一组织，以最近一次评估代表该组织。",
            "Assessments with the same organisation id (organisation.id in the answers file) are one organisation; the latest represents it.",
        ),
        "rule.portfolio.quartiles": (
            "四分位数用包含法（顺序统计量间线性插值，与 NumPy 的默认算法相同）。",
            "Quartiles: inclusive method (linear interpolation between order statistics, as NumPy's default percentile).",
        ),
        "rule.portfolio.percentile": (
            "百分位为中位秩：100 ×（低于者 + ½ × 持平者）/（n − 1）。",
            "Percentile: mid-rank, 100 × (below + ½ × level with it) / (n − 1).",
        ),
        "rule.portfolio.ranking": (
            "按总体得分从高到低排名，得分相同者并列。",
            "Ranking by overall percent, highest first; equal percents share a rank.",
        ),
        "rule.portfolio.peer_groups": (
            "少于 {n} 个组织的同行分组不显示统计值，以免泄露单个组织的得分。",
            "Peer groups of fewer than {n} organisations show no statistics, so no client's scores can be read off them.",
        ),
        "rule.portfolio.history": (
            "历次趋势：条款得分比上次评估高为“提升”，低为“下降”；上次行动项所对应的问题现已达到目标即为“已关闭”。",
            "History: a clause improved (regressed) when its percent rose (fell) since the previous assessment; an earlier action item is closed when its question now meets its target.",
        ),
    }
)

CATALOGUE.update(
    {
        "cap.evidence_too_old": ("“{title}”过旧，不计入", "“{title}” too old, not counted"),
        "cap.evidence_undated": ("“{title}”未注明日期，不计入", "“{title}” undated, not counted"),
        "cap.evidence_stale_at_verification": (
            "“{title}”至审核验证日期已过旧，不计入",
            "“{title}” too old by the verification date, not counted",
        ),
        "cap.evidence_post_dated": (
            "“{title}”晚于评估日期，不计入",
            "“{title}” dated after the assessment, not counted",
        ),
        "cap.no_counted_evidence": (
            "没有被计入的证据，最高按 {level} 级",
            "no counted evidence: at most level {level}",
        ),
        "cap.level_needs_evidence": ("{level} 级所需证据不足", "the evidence level {level} needs is missing"),
        "cap.auditor_not_verified": ("审核员未能验证", "not verified by the auditor"),
        "cap.auditor_not_verified_none": (
            "审核员未能验证，未见客观证据",
            "not verified by the auditor, no objective evidence seen",
        ),
        "cap.evidence_not_verified": ("“{title}”未经审核员核实", "“{title}” not confirmed by the auditor"),
        "cap.auditor_disputed": ("审核员判定为 {level} 级", "the auditor assessed level {level}"),
        "reason.not_yaml": ("不是 YAML 文件", "not a YAML file"),
        "reason.metrics_result": (
            "调研指标结果（供答案作为证据引用），不是答案文件",
            "a survey metrics result (cited by answers as evidence), not an answers file",
        ),
        "validate.no_files": (
            "应有 cxassess 文件（.yaml），实际文件夹中没有",
            "expected cxassess files (.yaml), found none in the folder",
        ),
    }
)

CATALOGUE.update(
    {
        "field.date_range": (
            "应为 {earliest} 至 {latest} 之间的日期，实际为 {found}",
            "expected a date from {earliest} to {latest}, found {found}",
        ),
        "field.control_character": (
            "文本中不应有控制字符，实际含有 {char}",
            "expected text without control characters, found {char}",
        ),
    }
)

CATALOGUE.update(
    {
        "usage.already_current": (
            "答案已是评估准则 {rubric} 的最新版本 {version}，无需迁移",
            "the answers already use the latest version of rubric {rubric} ({version}); nothing to migrate",
        ),
        "usage.no_migration": (
            "评估准则 {rubric} 没有从 {version} 迁移的声明（可用版本：{known}）",
            "no version of rubric {rubric} declares a migration from {version} (versions: {known})",
        ),
    }
)

CATALOGUE.update(
    {
        "library.unknown_version": (
            "应为评估准则 {rubric} 的已知版本（{known}），实际为 {found}",
            "expected a known version of rubric {rubric} ({known}), found {found}",
        ),
    }
)

CATALOGUE.update(
    {
        "status.problem_found": ("共发现 {n} 个问题。", "{n} problem found."),
    }
)

# ---------------------------------------------------------------- readiness report (certification-body form)
CATALOGUE.update(
    {
        "rd.title_self": ("认证准备度自评估报告", "Certification readiness self-assessment"),
        "rd.band": ("认证准备度", "Certification readiness"),
        "rd.conclusion": ("结论与依据", "Conclusion and basis"),
        "rd.indication": ("自评估初步判断（非审核结论）", "Self-assessment indication (not an audit conclusion)"),
        "rd.unverified_banner": (
            "本报告仅依据组织的自评估和证据规则生成，未经审核员验证，不构成审核结论或认证推荐。",
            "This report rests on the organisation's self-assessment and the evidence rules only. No auditor has verified it: it is not an audit conclusion or a certification recommendation.",
        ),
        "rd.unverified_running": ("未经审核员验证的自评估", "Unverified self-assessment"),
        "rd.verdict.cannot_conclude": ("无法得出结论", "No conclusion possible"),
        "rd.indication.ready": ("按自评估，具备认证条件", "On the self-assessment: ready"),
        "rd.indication.conditional": (
            "按自评估，纠正措施计划被接受后具备认证条件",
            "On the self-assessment: ready subject to accepted action plans",
        ),
        "rd.indication.not_ready": ("按自评估，尚不具备认证条件", "On the self-assessment: not ready"),
        "rd.indication.cannot_conclude": (
            "无法得出结论：核心项或要求未作答",
            "No conclusion: core items or requirements unanswered",
        ),
        "rd.confidential": (
            "保密：本报告仅供受审核方及其授权人员使用，未经同意不得向第三方披露。",
            "Confidential: for the organisation and the people it authorises; not to be disclosed to third parties without its consent.",
        ),
        "rd.system_findings": ("体系层面的发现", "System findings"),
        "rd.question_findings": ("逐项发现", "Findings by question"),
        "rd.details": ("评估概况", "About this assessment"),
        "rd.objective": ("目的", "Objective"),
        "rd.objective_text": (
            "判断组织的顾客体验管理体系是否已具备接受认证审核的条件（相当于第一阶段审核的准备度评审）。",
            "To judge whether the organisation's customer-experience management system is ready for a certification audit (a stage-1 style readiness review).",
        ),
        "rd.scope_whole": ("组织的全部顾客体验管理活动", "All of the organisation's customer-experience management"),
        "rd.criteria": ("评估准则", "Criteria"),
        "rd.criteria_text": (
            "{designation}《{title}》；评估准则 {rubric} {version}",
            "{designation} {title}; rubric {rubric} {version}",
        ),
        "rd.dates": ("日期", "Dates"),
        "rd.dates_verified": (
            "自评估 {assessed}；现场验证 {start} 至 {end}",
            "Self-assessment {assessed}; verification {start} to {end}",
        ),
        "rd.dates_self": ("自评估 {assessed}；未经现场验证", "Self-assessment {assessed}; not verified on site"),
        "rd.issue_date": ("报告签发日期", "Issue date"),
        "rd.no_auditor": ("无（未经审核员验证）", "None (not verified by an auditor)"),
        "rd.team": ("审核组", "Audit team"),
        "rd.interviewees": ("受访人员", "People interviewed"),
        "rd.sampling": ("抽样说明", "Sampling"),
        "rd.sampling_default": (
            "评估基于组织提供的答案和所列证据的抽样；未被抽样的活动可能存在未被发现的差距。",
            "The assessment rests on a sample: the answers and the evidence listed. Activities not sampled may hold gaps that were not found.",
        ),
        "rd.vocabulary": ("分级用语", "Grade wording"),
        "rd.vocabulary_note": ("采用的用语：{chosen}。{basis}", "Grade wording: {chosen}. {basis}"),
        "rd.vocabulary_default": ("其余发现的分级用语为：{default}。", "Other findings are graded as: {default}."),
        "rd.stage_note": (
            "第二阶段审核将抽样验证体系在整个范围内的实际运行情况，包括内部审核和管理评审的记录。",
            "A stage-2 audit will sample how the system actually runs across the scope, internal audit and management review records included.",
        ),
        "rd.clause_statement": ("逐条款陈述", "Clause by clause"),
        "rd.clause_statement_note": (
            "每个条款的状态：达到目标的内容和相关的发现；达到目标的问题即为符合之处。",
            "Each clause's state: what meets the target (what conforms) and the related findings.",
        ),
        "rd.status": ("状态", "Status"),
        "rd.conforming": ("达到目标的内容", "What meets the target"),
        "rd.findings_col": ("发现", "Findings"),
        "rd.not_assessed_short": ("未评估", "not assessed"),
        "rd.clause.meets_target": ("达到目标", "Meets the target"),
        "rd.clause.gaps": ("存在差距", "Gaps"),
        "rd.clause.not_assessed": ("未评估", "Not assessed"),
        "rd.clause.not_applicable": ("不适用", "Not applicable"),
        "rd.fact_label": ("事实", "Fact"),
        "rd.fact": (
            "{part}：自评 {self} 级，按证据判定为 {level} 级——{criteria}",
            "{part}: self-assessed at level {self}, judged at level {level} on the evidence — {criteria}",
        ),
        "rd.fact_verified": (
            "{part}：自评 {self} 级，审核员确认的等级为 {level} 级——{criteria}",
            "{part}: self-assessed at level {self}, level {level} as the auditor found — {criteria}",
        ),
        "rd.requirement_text": (
            "{question}（{strength}）目标 {target} 级：{criteria}",
            "{question} ({strength}) Target level {target}: {criteria}",
        ),
        "rd.nature_label": ("差距性质", "Nature of the gap"),
        "rd.nature": (
            "{grade}：比目标 {target} 级低 {gap} 级{core}。",
            "{grade}: {gap} {gap|level|levels} below the target of {target}{core}.",
        ),
        "rd.nature_core": ("，且为核心项", ", on a core item"),
        "rd.no_objective_evidence": ("未提供客观证据", "No objective evidence given"),
        "rd.auditor_note": ("审核员说明", "Auditor's note"),
        "rd.ev.counted": ("计入", "counted"),
        "rd.ev.seen": ("审核员现场查看，计入", "seen by the auditor, counted"),
        "rd.ev.both": ("自评提供，审核员现场查看，计入", "listed in the answer and seen by the auditor, counted"),
        "rd.ev.evidence_too_old": ("过旧，不计入", "too old, not counted"),
        "rd.ev.evidence_stale_at_verification": (
            "至审核验证日期已过旧，不计入",
            "too old by the verification date, not counted",
        ),
        "rd.ev.evidence_not_verified": ("审核员未能核实，不计入", "not confirmed by the auditor, not counted"),
        "rd.ev.evidence_undated": ("未注明日期，不计入", "undated, not counted"),
        "rd.ev.evidence_post_dated": ("晚于评估日期，不计入", "dated after the assessment, not counted"),
        "rd.not_assessed": ("未评估的问题", "Questions not assessed"),
        "rd.not_assessed_text": (
            "以下问题未作答：既未计分，也不作为发现；其中有核心项或声明为要求的项目时无法得出结论，除非已有严重级别的发现判定为不具备（尚待作答的问题不能消除该发现）。",
            "These questions were not answered: they are neither scored nor graded; a core item or a declared requirement among them means no conclusion can be drawn, unless a finding of major severity already makes the organisation not ready (no answer still to come can undo it).",
        ),
        "rd.tracking": ("纠正措施跟踪表", "Corrective-action tracking"),
        "rd.tracking_note": (
            "由组织填写：原因分析、纠正（立即处置）、纠正措施（消除原因）以及有效性验证；审核员在跟踪时确认关闭。",
            "For the organisation to fill in: the cause, the correction (immediate fix), the corrective action (removing the cause) and how its effectiveness was verified; the auditor confirms closure on follow-up.",
        ),
        "rd.no_tracking": ("没有需要纠正措施的发现。", "No finding needs corrective action."),
        "rd.cause": ("原因分析", "Cause"),
        "rd.correction": ("纠正", "Correction"),
        "rd.corrective_action": ("纠正措施", "Corrective action"),
        "rd.effectiveness": ("有效性验证", "Verification of effectiveness"),
        "rd.for_auditor": ("审核方", "For the assessing party"),
        "rd.for_org": ("受审核方", "For the organisation"),
        "rd.name": ("姓名", "Name"),
        "rd.seal": ("（盖章）", "(seal)"),
        "rd.distribution": ("分发", "Distribution"),
        "rd.distribution_text": (
            "受审核方管理层代表；审核组；认证机构（如适用）。",
            "The organisation's management representative; the audit team; the certification body (where applicable).",
        ),
        "rd.annex_ofi": ("附录 A 改进机会", "Annex A — Opportunities for improvement"),
        "rd.opportunity": ("改进机会", "Opportunity"),
        "rd.no_ofi": ("没有改进机会。", "No opportunities for improvement were recorded."),
        "rd.annex_method": ("附录 B 判定方法与输入", "Annex B — Method and inputs"),
        "rd.cond.strength": ("条文用语为“{strength}”", "the clause says “{strength}”"),
        "rd.rule.span": ("，日期跨度至少 {months} 个月", " spanning at least {months} months"),
        "rd.rule.floor": (
            "没有任何被计入证据的组织不可能判定为具备认证条件或有条件具备（视同“{major}”）。",
            "An organisation with no counted evidence is never ready nor conditionally ready (treated as a “{major}”).",
        ),
        "rd.rule.system.no_counted_evidence": (
            "没有任何被计入的证据：体系层面“{grade}”。",
            "No counted evidence at all: a system-level “{grade}”.",
        ),
        "rd.rule.system.unevidenced_share": (
            "已作答问题中没有被计入证据的超过 {above}%：体系层面“{grade}”。",
            "More than {above}% of the answered questions without counted evidence: a system-level “{grade}”.",
        ),
        "rd.rule.system.clause_below_target": (
            "有作答的条款中没有任何问题达到准则的目标等级（未作答的问题不能免除）：该条款体系层面“{grade}”。",
            "A clause where no answered question reaches the rubric's target level (blank questions do not excuse it): a system-level “{grade}” for that clause.",
        ),
        "strength.shall": ("应", "shall"),
        "strength.should": ("宜", "should"),
        "strength.may": ("可", "may"),
        "role.standard": ("标准目录", "Standard catalogue"),
        "role.rubric": ("评估准则", "Rubric"),
        "role.answers": ("答案", "Answers"),
        "role.targets": ("目标", "Targets"),
        "role.verification": ("验证", "Verification"),
        "role.metrics": ("指标结果", "Metrics result"),
        "system.no_counted_evidence": (
            "体系未有效运行：{answered} 个已作答问题均没有被计入的客观证据。",
            "The system is not shown to be in operation: none of the {answered} answered questions has counted objective evidence.",
        ),
        "system.unevidenced_share": (
            "体系未有效运行：{answered} 个已作答问题中有 {bare} 个（{percent}%）没有被计入的证据，超过 {threshold}% 的限度。",
            "The system is not shown to be in operation: {bare} of {answered} answered questions ({percent}%) have no counted evidence, above the {threshold}% limit.",
        ),
        "system.clause_below_target": (
            "{clause}：没有任何问题按证据达到目标 {target} 级（最高 {best} 级），该部分体系未有效运行。",
            "{clause}: no question reaches the target level {target} on the evidence (the highest is {best}); this part of the system is not shown to be in operation.",
        ),
        "reason.capped": (
            "自评 {claimed} 级，按证据判定为 {level} 级。",
            "Level {claimed} claimed; {level} on the evidence.",
        ),
        "reason.evidence_stale_at_verification": (
            "证据“{title}”（{date}）早于审核验证日期 {reference} 前 {months} 个月，已不能表明现行做法，不计入。",
            "Evidence “{title}” ({date}) is more than {months} months older than the verification on {reference}; it no longer shows the current practice and is not counted.",
        ),
        "reason.evidence_post_dated": (
            "证据“{title}”（{date}）晚于 {reference}，不计入。",
            "Evidence “{title}” ({date}) is dated after {reference} and not counted.",
        ),
        "reason.core_unanswered": (
            "核心项或声明为要求的项目未作答，无法得出结论：{questions}。",
            "No conclusion can be drawn while a core item or declared requirement is unanswered: {questions}.",
        ),
        "reason.core_unanswered_after_major": (
            "核心项或声明为要求的项目未作答，未评估：{questions}（已有严重级别的发现，结论已为不具备；下次评估前须作答）。",
            "Left unanswered, so not assessed (core item or declared requirement): {questions} (a finding of major severity already makes the organisation not ready; answer before the next assessment).",
        ),
        "reason.system_major": ("{finding}：体系层面的“{major}”。", "{finding}: a system-level “{major}”."),
        "reason.system_minor": ("{finding}：体系层面的“{minor}”。", "{finding}: a system-level “{minor}”."),
        "reason.not_assessed": ("未评估（未作答）的问题：{questions}。", "Not assessed (unanswered): {questions}."),
        "report.prepared_by": ("编制", "Prepared by"),
    }
)

CATALOGUE.update(
    {
        "flag.evidence_not_counted": ("证据未计入", "evidence not counted"),
        "flag.core_unanswered": ("核心项未答", "core item unanswered"),
        "flag.verified": ("已验证", "verified"),
        "flag.not_verified": ("审核员未能核实", "not verified by the auditor"),
    }
)

# ---------------------------------------------------------------- gap report
CATALOGUE.update(
    {
        "gap.band": ("顾客体验管理 · 差距分析", "Customer-experience management · gap analysis"),
        "gap.prepared_for": ("委托方", "Prepared for"),
        "gap.version": ("版本", "Version"),
        "gap.version_text": ("1.0（依据 {date} 的评估）", "1.0 (assessment of {date})"),
        "gap.distribution": ("分发范围", "Distribution"),
        "gap.distribution_text": ("最高管理者及管理层；质量管理部", "Top management; the quality department"),
        "gap.confidential": (
            "内部资料：仅供本组织管理层使用，未经许可不得对外提供。",
            "Internal: for the organisation's management only; not to be passed on without permission.",
        ),
        "gap.position": (
            "{org}的顾客体验管理总体得分为 {percent}，成熟度 {level} 级（{label}），目标为 {target} 级；{below_text}。",
            "{org} scores {percent} overall in customer-experience management, at maturity level {level} ({label}) against a target of {target}; {below_text}.",
        ),
        "gap.below_all": ("全部 {clauses} 个条款均低于目标", "all {clauses} clauses are below target"),
        "gap.below_some": ("{clauses} 个条款中有 {below} 个低于目标", "{below} of {clauses} clauses are below target"),
        "gap.below_none": ("全部 {clauses} 个条款均达到目标", "all {clauses} clauses meet their target"),
        "gap.level_rule": (
            "总体成熟度取各条款中的最低等级：{clauses}为 {level} 级。",
            "The overall maturity is the lowest clause level: {clauses} at level {level}.",
        ),
        "gap.and_more": ("等 {n} 个条款", " and {n} more"),
        "gap.kpi.overall_provisional": ("总体得分 · 初步结果", "Overall · provisional"),
        "band.kpi.none": ("基本未达成（{low}–{high}%）", "not achieved ({low}–{high}%)"),
        "band.kpi.limited": ("有限达成（{low}–{high}%）", "limited ({low}–{high}%)"),
        "band.kpi.partial": ("部分达成（{low}–{high}%）", "partial ({low}–{high}%)"),
        "band.kpi.substantial": ("大部分达成（{low}–{high}%）", "substantial ({low}–{high}%)"),
        "band.kpi.comprehensive": ("全面达成（{low}–{high}%）", "comprehensive ({low}–{high}%)"),
        "gap.provisional": (
            "评估尚未完成：已回答 {answered}/{applicable} 个适用问题（按权重 {weighted}），以下结果是初步结果，未作答的问题不计入得分。",
            "The assessment is not complete: {answered} of {applicable} applicable questions are answered ({weighted} by weight); these results are provisional and unanswered questions are not scored.",
        ),
        "gap.complete": (
            "评估覆盖全部 {answered} 个适用问题（{na} 个问题按不适用处理）。",
            "The assessment covers all {answered} applicable questions ({na} declared not applicable).",
        ),
        "gap.complete_no_na": (
            "评估覆盖全部 {answered} 个问题，没有问题按不适用处理。",
            "The assessment covers all {answered} questions; none was declared not applicable.",
        ),
        "gap.strongest": ("表现较好的方面：{items}。", "Strongest areas: {items}."),
        "gap.evidence_capped": (
            "{capped} 个问题的自评等级高于被计入证据所支持的等级，已按证据下调。",
            "{capped} claimed levels are above what the counted evidence supports and were lowered to it.",
        ),
        "gap.evidence_dropped": (
            "{dropped} 个问题有证据因过旧、未注明日期或晚于评估日期未被计入。",
            "{dropped} questions have evidence that was not counted (too old, undated or dated after the assessment).",
        ),
        "gap.weak_item": ("{clause}（{percent}，{level} 级）：{why}", "{clause} ({percent}, level {level}): {why}"),
        "gap.why": ("“{part}”为 {level} 级——{criteria}", "“{part}” is at level {level}: {criteria}"),
        "gap.chapter_level": ("成熟度 {level} 级", "Level {level}"),
        "gap.why_capped": ("（自评 {claimed} 级，证据不足）", " (claimed {claimed}, not evidenced)"),
        "gap.why.no_answers": ("没有已计分的问题", "no scored question"),
        "gap.tie": (
            "另有并列：共 {n} 个条款得分同为 {percent}。",
            "Note: {n} clauses share the lowest score of {percent}.",
        ),
        "gap.first_action": (
            "{question}：{action}由{owner}负责，{due} 前完成。",
            "{question}: {action} Owner: {owner}; due {due}.",
        ),
        "gap.kpi.overall": ("总体得分 · {band}", "Overall · {band}"),
        "gap.kpi.level": ("成熟度 / 目标", "Maturity / target"),
        "gap.kpi.below": ("低于目标的条款", "Clauses below target"),
        "gap.kpi.coverage": ("覆盖率（{answered}/{applicable} 题）", "Coverage ({answered}/{applicable} questions)"),
        "gap.provisional_short": ("初步结果", "provisional"),
        "gap.weakest_three": ("最需要关注的三个方面", "The three weakest areas"),
        "gap.first_three": ("首先要做的三件事", "The three first actions"),
        "gap.heatmap": ("条款成熟度热力图", "Clause maturity heatmap"),
        "gap.heatmap_note": (
            "深色：已达到的等级；浅红：距目标还差的等级；粗框：目标等级。",
            "Dark: levels reached; pale red: levels still missing to the target; bold frame: the target level.",
        ),
        "gap.fig1": (
            "图 1 各条款得分与目标（顺时针按条款顺序，虚线为目标）",
            "Figure 1 — Clause scores against the target (clockwise in clause order; dashed: target)",
        ),
        "gap.fig2": ("图 2 各章得分与目标", "Figure 2 — Score by chapter against the target"),
        "gap.fig3": ("图 3 第 4 章五项原则得分", "Figure 3 — The chapter 4 principles"),
        "gap.coverage": ("{answered}/{applicable}", "{answered}/{applicable}"),
        "gap.coverage_label": ("已答/适用题数", "Answered/applicable"),
        "gap.weakest_q": ("{id} {part}（{level} 级）", "{id} {part} (level {level})"),
        "gap.evidence_counted": ("证据（计入/提供）", "Evidence (counted/given)"),
        "gap.reuse": ("可复用的质量管理体系证据", "Reusable QMS evidence"),
        "gap.horizon": ("{days} 天内", "Within {days} days"),
        "gap.effort": ("工作量", "Effort"),
        "gap.status": ("状态", "Status"),
        "gap.status_open": ("未开始", "Not started"),
        "effort.low": ("小", "small"),
        "effort.medium": ("中", "medium"),
        "effort.high": ("大", "large"),
        "gap.approval": ("审批", "Approval"),
        "gap.approval_text": (
            "本报告经下列人员编制、审核和批准后生效，改进路线图按此执行并定期跟踪。",
            "This report takes effect once prepared, reviewed and approved by the people below; the roadmap is then carried out and tracked.",
        ),
        "gap.role": ("职责", "Role"),
        "gap.role.prepared": ("编制", "Prepared by"),
        "gap.role.reviewed": ("审核", "Reviewed by"),
        "gap.role.approved": ("批准", "Approved by"),
        "gap.id": ("编号", "Id"),
        "gap.counted": ("是否计入", "Counted"),
        "gap.na_reason": ("不适用：{reason}", "Not applicable: {reason}"),
        "gap.evidence_rules": ("证据规则", "Evidence rules"),
        "gap.produced_by": ("评估工具与准则", "Tool and rubric"),
        "gap.glossary": ("附录 C 术语", "Appendix C — Terms"),
        "gap.mapping": (
            "附录 D 与 GB/T 19001 等标准的对应关系",
            "Appendix D — Correspondence with GB/T 19001 and related standards",
        ),
        "gap.mapping_short": ("附录 D 标准对应关系", "Appendix D — Correspondence with other standards"),
        "gap.mapping_note": (
            "已建立质量管理体系的组织可复用对应条款的记录作为证据。",
            "An organisation with a quality management system can reuse the records of the corresponding clauses as evidence.",
        ),
        "rule.evidence_model": (
            "每个问题的有效等级为自评等级与被计入证据所支持等级中的较低者；所有输出（得分、报告、认证准备度、对比、问卷）使用同一结果。",
            "A question's effective level is the lower of the claimed level and the level its counted evidence supports; every output (score, reports, readiness, comparison, questionnaires) uses the same result.",
        ),
    }
)

CATALOGUE.update(
    {
        "wb.col.judged": ("采用等级", "Level used"),
        "wb.col.judged_reason": ("与自评不同的原因", "Why it differs from the claim"),
    }
)

CATALOGUE.update(
    {
        "reason.auditor_disputed_capped": (
            "审核员有异议，判定为 {disputed} 级，但被计入的证据（含审核员查看的 {seen} 项）只支持 {level} 级：提高等级须有客观证据{note}。",
            "The auditor disputes it and assesses level {disputed}, but the counted evidence ({seen} {seen|item|items}, what the auditor saw included) supports level {level} only: a level raised needs objective evidence{note}.",
        ),
        "cap.auditor_disputed_capped": (
            "审核员判定为 {disputed} 级，证据只支持 {level} 级",
            "the auditor assessed level {disputed}; the evidence supports {level}",
        ),
        "reason.auditor_verified_capped": (
            "审核员已验证，但被计入的证据（含审核员查看的）只支持 {level} 级（自评 {claimed} 级）{note}。",
            "The auditor verified it, but the counted evidence (what the auditor saw included) supports level {level} only (claimed {claimed}){note}.",
        ),
    }
)

CATALOGUE.update(
    {
        "term.overall": (
            "总体得分 {percent} · 成熟度 {level} 级（目标 {target} 级）",
            "Overall {percent} · level {level} (target {target})",
        ),
        "term.complete": ("完整（已答 {answered}/{applicable} 题）", "complete ({answered}/{applicable} answered)"),
        "term.provisional": (
            "未完成：已答 {answered}/{applicable} 题（{percent}），结果为初步结果",
            "incomplete: {answered}/{applicable} answered ({percent}); provisional",
        ),
        "term.counts": (
            "{below}/{clauses} 个条款低于目标 · {capped} 题自评高于证据 · {dropped} 题有证据未计入 · 不适用 {na} 题",
            "{below}/{clauses} clauses below target · {capped} claims above evidence · {dropped} with evidence not counted · {na} N/A",
        ),
        "term.level_target": ("等级", "Lvl"),
        "term.weakest": ("最弱", "Weakest"),
        "term.rules": (
            "规则：有效等级取自评与证据所支持等级的较低者；未作答不计分；完整的计分规则见报告的评估方法。",
            "Rules: a question's level is the lower of its claim and what its counted evidence supports; unanswered questions are not scored; the report's method section has every rule.",
        ),
    }
)

CATALOGUE.update(
    {
        "gap.more_evidence": ("另有 {n} 条证据，见答案文件", "{n} more evidence items: see the answers file"),
        "gap.more_text": ("……（另有 {n} 字，见答案文件）", " … ({n} more characters in the answers file)"),
        "gap.appendix_note": (
            "每个问题的自评等级、计分等级和证据数量见第 3 章各条款的表格；本附录列出全部证据及其是否计入，以及备注和不适用理由。",
            "Each question's claimed level, scored level and evidence count are in the clause tables of section 3; this appendix lists every evidence item and whether it counted, and the notes and N/A reasons.",
        ),
        "gap.notes": ("备注与不适用理由", "Notes and reasons for N/A"),
    }
)

CATALOGUE.update(
    {
        "rd.fact_same": (
            "{part}：自评并按证据判定为 {level} 级——{criteria}",
            "{part}: self-assessed and judged on the evidence at level {level} — {criteria}",
        ),
    }
)

# Satellite catalogues: each area keeps its codes in its own module, merged here.
from cxassess.i18n.catalogue_metrics import MESSAGES as _METRICS

CATALOGUE.update(_METRICS)
from cxassess.i18n.catalogue_web import MESSAGES as _WEB

CATALOGUE.update(_WEB)

CATALOGUE.update(
    {
        "evidence.metrics_and_figure": (
            "引用指标结果时应同时填写 metrics（文件）和 figure（指标编号），实际只有其一",
            "expected both metrics (the file) and figure (the figure id) when citing a metrics result, found only one",
        ),
        "evidence.metrics_kind": (
            "引用指标结果的证据类型应为 data，实际为 {found}",
            "expected kind data for evidence citing a metrics result, found {found}",
        ),
        "evidence.metrics_outside": (
            "指标结果应为答案文件所在文件夹中的文件，实际为 {found}",
            "expected a metrics result in the answers file's folder, found {found}",
        ),
        "evidence.metrics_unreadable": (
            "无法读取引用的指标结果：{detail}",
            "cannot read the metrics result cited: {detail}",
        ),
        "evidence.metrics_not_result": (
            "应为 cxassess metrics --json 生成的指标结果（schema cxassess/metrics/1），实际 {found} 不是",
            "expected a metrics result written by cxassess metrics --json (schema cxassess/metrics/1), found {found} is not one",
        ),
        "evidence.figure_unknown": (
            "应为 {file} 中的指标编号（如 nps、nps@2026-Q3），实际为 {found}",
            "expected a figure id of {file} (e.g. nps, nps@2026-Q3), found {found}",
        ),
        "reason.evidence_metric_too_few": (
            "引用的指标“{figure}”只基于 {n} 个回答（少于 {min_n} 个或样本不足），不计入。",
            "The figure “{figure}” cited rests on {n} responses (fewer than {min_n}, or too few): not counted.",
        ),
        "reason.evidence_metric_too_old": (
            "引用的指标“{figure}”最近的回答在 {last}，早于评估日期前 {within} 个月，不计入。",
            "The figure “{figure}” cited ends with a response on {last}, more than {within} months before the assessment: not counted.",
        ),
        "rd.ev.evidence_metric_too_few": ("样本不足，不计入", "too few responses, not counted"),
        "rd.ev.evidence_metric_too_old": ("指标数据过旧，不计入", "metric too old, not counted"),
        "cap.evidence_metric_too_few": ("“{title}”样本不足，不计入", "“{title}”: too few responses, not counted"),
        "cap.evidence_metric_too_old": ("“{title}”指标数据过旧，不计入", "“{title}”: metric too old, not counted"),
    }
)

CATALOGUE.update(
    {
        "gap.metrics": ("作为证据引用的顾客体验指标", "CX metrics cited as evidence"),
        "gap.metrics_note": (
            "由本工具的指标计算功能（cxassess metrics）根据调查数据计算：每个数字附 95% 置信区间和样本量；样本不足或数据过旧的数字不作为证据计入。",
            "Computed from survey data by the tool's metrics command (cxassess metrics): each figure with its 95% interval and sample size; a figure with too few responses or too old does not count as evidence.",
        ),
        "gap.figure": ("指标编号", "Figure"),
        "gap.value": ("数值", "Value"),
        "gap.interval": ("95% 置信区间", "95% interval"),
        "gap.covered": ("覆盖期间", "Period covered"),
        "gap.metric_trend": (
            "按季度的趋势（{file}；竖线为置信区间）",
            "Trend by quarter ({file}; bars are confidence intervals)",
        ),
    }
)

CATALOGUE.update(
    {
        "wb.ev.metrics": ("引用的指标结果", "metrics result cited"),
        "wb.ev.figure": ("指标编号", "figure"),
    }
)

from cxassess.i18n.catalogue_files import MESSAGES as _FILES

CATALOGUE.update(_FILES)

from cxassess.i18n.catalogue_scale import MESSAGES as _M

CATALOGUE.update(_M)

from cxassess.i18n.catalogue_help import MESSAGES as _HELP

CATALOGUE.update(_HELP)
