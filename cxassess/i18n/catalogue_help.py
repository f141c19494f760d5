"""``--help`` in both languages: the headings, every command's summary and description, every
option. Commands and options declare these codes as their help; ``cli/help.py`` prints them in the
interface language."""

from __future__ import annotations

_FORCE = ("替换已存在的输出文件（原文件另存为 .bak 副本）。", "Replace existing output files (a .bak copy is kept).")
_FORMAT = (
    "输出格式（默认：按输出文件的后缀，否则为列出的第一种）。",
    "Output format (default: from the output's suffix, else the first listed).",
)

# fmt: off
MESSAGES: dict[str, tuple[str, str]] = {
    # click's frame
    "help.usage": ("用法：", "Usage:"),
    "help.options": ("选项", "Options"),
    "help.commands": ("命令", "Commands"),
    "help.default": ("默认：{value}", "default: {value}"),
    "help.required": ("必填", "required"),
    "help.opt.help": ("显示本帮助并退出。", "Show this message and exit."),
    "help.opt.version": ("显示版本号并退出。", "Show the version and exit."),
    "help.opt.verbose": ("出现内部错误时打印回溯信息（供报告缺陷）。", "Print tracebacks for internal errors."),
    # the program
    "help.cxassess.doc": (
        "按 GB/T 42509-2023《质量管理 顾客体验管理指南》及其他以数据描述的标准开展自评估。\n\n"
        "\b\n退出码：0 正常 · 1 有需关注的结果（如批量中有文件被跳过）·\n"
        "2 输入或用法有误 · 3 内部错误 · 4 本机缺少所需组件（如中文字体）。\n"
        "readiness 另有：0 具备认证条件 · 5 在纠正措施计划被接受后具备 ·\n"
        "6 尚不具备 · 7 无法得出结论。",
        "Self-assessment against GB/T 42509-2023 (customer-experience management) and other standards "
        "described as data.\n\n"
        "\b\nExit codes: 0 ok · 1 findings (e.g. files skipped in a batch) ·\n"
        "2 bad input or usage · 3 internal error ·\n"
        "4 something missing on this machine (e.g. a Chinese font).\n"
        "readiness also: 0 ready · 5 ready subject to action plans · 6 not ready ·\n"
        "7 cannot conclude.",
    ),
    # options shared by several commands
    "help.opt.lang": ("输出和提示信息的语言：zh（默认，或取 CXASSESS_LANG）或 en。", "Language of the output and messages: zh (default, or CXASSESS_LANG) or en."),
    "help.opt.force": _FORCE,
    "help.opt.fmt": _FORMAT,
    "help.opt.targets_path": ("按条款覆盖评分细则目标等级的 YAML 文件。", "YAML file overriding the rubric's target level per clause."),
    "help.opt.standard_path": ("标准目录文件（默认：按评分细则的 standard 键查找）。", "Standard catalogue file (default: found by the rubric's `standard` key)."),
    "help.opt.rubric_path": ("评分细则文件（默认：按答卷中 assessment.rubric 的编号查找）。", "Rubric file (default: found by the answers' assessment.rubric id)."),
    "help.opt.verification_path": ("审核员的验证文件：采用其中的核定等级和现场所见证据。", "An auditor's verification file: its levels and the evidence seen are used."),
    "help.opt.theme_path": ("品牌主题文件（名称、标志、配色、页脚）。", "Branding: a theme file (name, logo, colours, footer)."),
    "help.opt.batch": ("为该文件夹中的每份答卷各生成一份报告（此时 -o 为输出文件夹）。", "Render a report for every answers file in this folder (-o is then the output folder)."),
    "help.opt.jobs": ("--batch 使用的进程数（默认：全部处理器核心）。", "Processes for --batch (default: all cores)."),
    "help.opt.scheduler": ("在该 Dask 分布式调度器的工作进程上运行逐文件的工作（需安装 cxassess[cluster]）。", "Run the per-file work on this Dask distributed scheduler's workers (needs cxassess[cluster])."),
    # validate
    "help.validate": ("检查标准目录、评分细则、答卷、目标、验证和主题文件。", "Check catalogues, rubrics, answers, targets, verification and theme files."),
    "help.validate.doc": (
        "检查标准、评分细则、答卷、目标、验证和主题文件（或包含它们的文件夹），所用检查与其他命令完全相同，包括相互引用。\n\n"
        "每个文件的每个问题一次全部列出，格式为“文件:行: 位置: 应为……，实际……”；有任何问题时退出码为 2。",
        "Check standards, rubrics, answers, targets, verification and theme files (or folders of them) "
        "with exactly the checks the other commands run, cross-references included.\n\n"
        "Every problem of every file is reported in one pass as `file:line: path: expected …, found …`; "
        "exit code 2 when there is any.",
    ),
    # score
    "help.score": ("为答卷评分：汇总表或带版本的 JSON。", "Score an answers file: summary table or versioned JSON."),
    "help.score.doc": ("为答卷评分并打印汇总表（使用 --json 时打印 JSON 结果）。", "Score an answers file and print a summary table (or, with --json, the JSON result)."),
    "help.score.as_json": ("打印带版本的 JSON 结果，而不是汇总表。", "Print the versioned JSON result instead of the table."),
    "help.score.output": ("将 JSON 结果写入此文件。", "Write the JSON result to this file."),
    # questionnaire
    "help.questionnaire": ("按评分细则生成问卷：YAML 模板、Excel 或 CSV。", "Write a questionnaire for a rubric: YAML template, Excel or CSV."),
    "help.questionnaire.doc": (
        "为 RUBRIC（文件或评分细则编号）生成问卷：带双语注释的 YAML 模板、Excel 工作簿或 CSV 文件，可用已有答卷预填。",
        "Write a questionnaire for RUBRIC (a file or a rubric id): a commented bilingual YAML template, "
        "an Excel workbook or a CSV file, optionally pre-filled from existing answers.",
    ),
    "help.questionnaire.output": ("问卷的输出文件。", "Where to write the questionnaire."),
    "help.questionnaire.existing": ("用已有答卷预填（各行显示报告所采用的等级）。", "Pre-fill from an existing answers file (rows then show the level the reports use)."),
    # import
    "help.import": ("将填好的 Excel 或 CSV 问卷读回为答卷。", "Read a filled-in Excel or CSV questionnaire back into answers."),
    "help.import.doc": (
        "将填好的问卷（.xlsx 或 .csv）读回为答卷文件。\n\n"
        "所有问题一次列出，格式为“文件: 工作表!单元格: 应为……，实际……”（退出码 2）；已存在的答卷只有在 --force 时才会被替换，原文件另存为 .bak 副本。",
        "Read a filled-in questionnaire (.xlsx or .csv) back into an answers file.\n\n"
        "Every problem is reported at once as `file: sheet!cell: expected …, found …` (exit code 2); "
        "an existing answers file is only replaced with --force, and then kept as a .bak copy.",
    ),
    "help.import.output": ("要写入的答卷文件。", "Answers file to write."),
    # migrate
    "help.migrate": ("将答卷迁移到其评分细则的新版本。", "Carry answers over to a newer version of their rubric."),
    "help.migrate.doc": (
        "按评分细则声明的迁移表，将 ANSWERS 迁移到新版本。不会悄悄重新评分：新文件逐题注明每个答案的来源，以及未能迁移、需要您复核的内容。",
        "Carry ANSWERS over to a newer version of their rubric, as the rubric's migration table declares. "
        "Nothing is re-scored silently: the new file says, question by question, where each answer came from "
        "and what could not be carried over, for you to review.",
    ),
    "help.migrate.output": ("要写入的新答卷文件。", "New answers file to write."),
    "help.migrate.version": ("迁移到的评分细则版本（默认：最新版本）。", "Rubric version to migrate to (default: the newest)."),
    # report
    "help.report": ("生成差距分析报告（PDF 或 HTML）。", "Render the gap-analysis report (PDF or HTML)."),
    "help.report.doc": (
        "生成答卷的差距分析报告：执行摘要、图表、逐条款分析、改进路线图、全部答案和方法说明。",
        "Render the gap-analysis report of an answers file: executive summary, charts, clause by clause, "
        "a roadmap of actions, every answer and the method.",
    ),
    "help.report.output": ("要写入的报告文件（使用 --batch 时为输出文件夹）。", "Report file to write (with --batch: the output folder)."),
    # readiness
    "help.readiness": ("认证准备度：分级发现项、结论、审核员验证。", "Certification readiness: graded findings, verdict, auditor verification."),
    "help.readiness.doc": (
        "认证准备度：分级的发现项、结论，以及一份可供审核员签署的报告。\n\n"
        "\b\n退出码即结论：0 具备认证条件 · 5 在纠正措施计划被接受后具备 ·\n"
        "6 尚不具备 · 7 无法得出结论（有核心题未作答）；\n"
        "2、3、4 与其他命令相同。\n"
        "使用 --batch 时：0 全部报告已写入，1 有文件被跳过。",
        "Certification readiness: graded findings, a verdict and a report an auditor signs.\n\n"
        "\b\nExit code tells the verdict: 0 ready · 5 ready subject to accepted action\n"
        "plans · 6 not ready · 7 cannot conclude (a core item is unanswered);\n"
        "2, 3, 4 as for every command.\n"
        "With --batch: 0 every report written, 1 some files skipped.",
    ),
    "help.readiness.verification_path": ("审核员的验证文件。", "The auditor's verification file."),
    "help.readiness.output": ("要写入的准备度报告（PDF，或按后缀或 --format 为 HTML）；使用 --batch 时为输出文件夹。", "Readiness report to write (PDF, or HTML by suffix or --format); with --batch: the output folder."),
    "help.readiness.json_path": ("将准备度结果另写为 JSON。", "Write the readiness result as JSON."),
    "help.readiness.vocabulary": ("评分细则中声明的分级用语（如 gap、cnca、iso17021）。", "Grade wording declared in the rubric (e.g. gap, cnca, iso17021)."),
    # compare
    "help.compare": ("对比多个组织，并跟踪每个组织的历次评估。", "Compare many organisations and follow each over time."),
    "help.compare.doc": (
        "对比多个组织：答卷文件或包含答卷的文件夹，须使用同一评分细则。\n\n"
        "organisation.id 相同的评估属于同一组织：以其最近一次评估参与对比，较早的评估构成其趋势。",
        "Compare organisations: answers files or folders of them, all on one rubric.\n\n"
        "Assessments with the same organisation.id are one organisation: its latest assessment is "
        "compared and the earlier ones give its trend.",
    ),
    "help.compare.output": ("对比报告（PDF，或按后缀或 --format 为 HTML/JSON）。", "Comparison report (PDF, or HTML/JSON by suffix or --format)."),
    "help.compare.json_path": ("将组合统计另写为 JSON。", "Write the portfolio statistics as JSON."),
    "help.compare.overlay": ("在报告中为该组织编号单列一张卡片（可重复；默认：不超过 60 家时全部，否则前 3 名和后 2 名）。", "Organisation id to give a card in the report (repeatable; default: all up to 60, else top 3 and bottom 2)."),
    "help.compare.jobs": ("读取和评分所用的进程数（默认：全部处理器核心）。", "Processes that read and score (default: all cores)."),
    # metrics
    "help.metrics": ("从调研导出数据计算顾客体验指标（NPS、CSAT、CES），附置信区间和检验。", "CX metrics (NPS, CSAT, CES) from survey exports, with intervals and tests."),
    "help.metrics.doc": (
        "从调研导出数据计算顾客体验指标：NPS、CSAT、CES（以及按声明的计数计算留存率和流失率），"
        "每项均附置信区间和样本量，按期间和细分维度列出，差异经显著性检验。\n\n"
        "调研文件：CSV（UTF-8、带 BOM 的 UTF-8、GB18030 或 UTF-16；逗号、分号、制表符或竖线分隔）"
        "或 Excel（.xlsx）。无法使用的单元格（空白、文本、超出量表）逐行逐列计数列出。"
        "不指定 -o 或 --json 时只打印主要数字。",
        "Customer-experience metrics from survey exports: NPS, CSAT, CES (and retention and churn from "
        "declared counts), each with its confidence interval and sample size, by period and by segment, "
        "with differences tested for significance.\n\n"
        "Survey files: CSV (UTF-8, UTF-8 with BOM, GB18030 or UTF-16; comma, semicolon, tab or bar) "
        "or Excel (.xlsx). Unusable cells (blank, text, out of range) are counted and listed by row "
        "and column. Without -o or --json, the headline figures are printed only.",
    ),
    "help.metrics.config_path": ("指标配置（cxassess/metrics-config/1；默认：第一个调研文件旁的 metrics.yaml）。", "Metrics configuration (cxassess/metrics-config/1; default: metrics.yaml beside the first survey)."),
    "help.metrics.output": ("指标报告（PDF，或按后缀或 --format 为 HTML/JSON）。", "Metrics report (PDF, or HTML/JSON by suffix or --format)."),
    "help.metrics.json_path": ("另将指标结果写为 JSON（cxassess/metrics/1）。", "Write the metrics result as JSON (cxassess/metrics/1) as well."),
    # serve
    "help.serve": ("在浏览器中运行评估工作区（质量经理、答卷人、审核员）。", "Run the assessment workspace in the browser (manager, respondents, auditor)."),
    "help.serve.doc": (
        "在浏览器中运行评估工作区（质量经理、答卷人、审核员）。\n\n"
        "WORKSPACE 是一个文件夹，存放数据库（workspace.sqlite3）和证据文件。",
        "Run the assessment workspace in the browser (a quality manager, respondents, an auditor).\n\n"
        "WORKSPACE is a folder; it holds the database (workspace.sqlite3) and the evidence files.",
    ),
    "help.serve.host": ("监听地址（0.0.0.0：所有网络）。", "Address to listen on (0.0.0.0: every network)."),
    "help.serve.port": ("监听端口。", "Port to listen on."),
    "help.serve.password_file": ("存放协调人密码的文件（否则取 CXASSESS_PASSWORD，再否则随机生成并打印）。", "File holding the coordinator password (else CXASSESS_PASSWORD, else a random one is printed)."),
    "help.serve.lang": ("此处打印信息的语言：zh（默认，或取 CXASSESS_LANG）或 en。", "Language of the messages printed here: zh (default, or CXASSESS_LANG) or en."),
}
# fmt: on
