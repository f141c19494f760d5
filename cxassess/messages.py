"""Problem messages in Chinese.

Every problem is produced as ``expected …, found …`` in English (stable, and what tests and logs
match on); when the interface language is zh, ``to_zh`` renders the same message in Chinese.
Each pattern below is one family of messages; values (ids, numbers, quoted text) are carried over.
A message no pattern knows is shown in English rather than guessed at.
"""

from __future__ import annotations

import re

_FOUND_VALUES = {
    "nothing": "空",
    "a mapping": "一个映射",
    "a list": "一个列表",
    "none": "无",
    "no mapping": "非映射内容",
}


def _value(text: str) -> str:
    text = text.strip()
    if text in _FOUND_VALUES:
        return _FOUND_VALUES[text]
    m = re.fullmatch(r"the date(-time)? (.+)", text)
    if m:
        return f"日期 {m.group(2)}"
    return text


_YAML_PROBLEMS = {
    "did not find expected key": "缺少应有的键（常见原因：缩进不一致）",
    "mapping values are not allowed here": "此处不允许出现“键: 值”（常见原因：值中含未加引号的冒号）",
    "could not find expected ':'": "缺少冒号 ':'",
    "did not find expected '-' indicator": "缺少列表项标记 '-'（常见原因：缩进不一致）",
    "found character '\\t' that cannot start any token": "含有制表符：请用空格缩进",
    "found unexpected end of stream": "文件意外结束（常见原因：引号未闭合）",
    "found unknown escape character": "含有未知的转义字符",
    "expected <block end>, but found '-'": "列表项缩进不一致",
    "expected a single document in the stream": "一个文件只能包含一个 YAML 文档",
}


def _yaml_problem(text: str) -> str:
    for english, chinese in _YAML_PROBLEMS.items():
        if text.startswith(english):
            return chinese
    return text


def _criteria_found(text: str) -> str:
    text = text.replace("no criteria for ", "缺少等级 ").replace(
        "criteria for levels outside the scale ", "超出量表的等级 "
    )
    return text.replace("; ", "；")


# (pattern, template); {1}, {2} … are the pattern's groups; {v1} … the same through _value,
# {c1} … through _criteria_found, {y1} … through _yaml_problem
_PATTERNS: list[tuple[str, str]] = [
    (
        r"expected at most (\d+) nodes once aliases are expanded, found more \(an alias bomb\?\)",
        "别名展开后节点数应不超过 {1}，实际更多（疑似“别名炸弹”）",
    ),
    (r"expected valid YAML, found a syntax error: (.*)", "应为有效的 YAML，实际有语法错误：{y1}"),
    (r"expected valid YAML, found: (.*)", "应为有效的 YAML，实际：{1}"),
    (r"expected a YAML node", "应为 YAML 节点"),
    (r"expected a finite document, found a recursive alias", "文件应是有限的，实际含递归别名"),
    (r"expected a plain key, found a complex key", "应为普通键，实际为复杂键"),
    (r"expected a valid value, found: (.*)", "应为有效的值，实际：{1}"),
    (r"expected plain YAML, found the custom tag (.*)", "应为普通 YAML，实际含自定义标签 {1}"),
    (r"expected plain keys, found a merge key '<<'", "应为普通键，实际含合并键 '<<'"),
    (
        r"expected each key once, found (.*) again \(first at line (\d+)\)",
        "每个键只能出现一次，{1} 重复出现（首次在第 {2} 行）",
    ),
    (r"expected UTF-8 text, found an invalid byte at offset (\d+)", "应为 UTF-8 文本，实际在偏移 {1} 处有无效字节"),
    (r"expected a file of at most (\d+) bytes, found a larger one", "文件应不超过 {1} 字节，实际更大"),
    (r"expected an existing file, found none at (.*)", "应为已存在的文件，实际在 {1} 处没有文件"),
    (r"expected an existing file, found none", "应为已存在的文件，实际不存在"),
    (r"expected a file, found a folder", "应为文件，实际为文件夹"),
    (r"expected a readable file, found: (.*)", "应为可读取的文件，实际：{1}"),
    (r"expected answers files, found none", "应有答案文件，实际没有找到"),
    (r"expected one of (.*), found unknown key (.*)", "应为以下键之一：{1}；实际为未知键 {2}"),
    (r"expected a value, found nothing", "此项必填，实际为空"),
    (r"expected non-empty text, found (.*)", "应为非空文本，实际为 {v1}"),
    (r"expected text matching (.*), found (.*)", "应为符合 {1} 的文本，实际为 {v2}"),
    (r"expected text, found (.*)", "应为文本，实际为 {v1}"),
    (r"expected a whole number, found (.*)", "应为整数，实际为 {v1}"),
    (r"expected a number ([<>≤≥]) (\S+), found (.*)", "应为 {1} {2} 的数，实际为 {v3}"),
    (r"expected a number, found (.*)", "应为数字，实际为 {v1}"),
    (r"expected true or false, found (.*)", "应为 true 或 false，实际为 {v1}"),
    (r"expected a list, found (.*)", "应为列表，实际为 {v1}"),
    (r"expected a mapping, found (.*)", "应为映射（键: 值），实际为 {v1}"),
    (r"expected at least (\d+) item\(s\), found (\d+)", "至少应有 {1} 项，实际 {2} 项"),
    (r"expected at most (\d+) characters, found (\d+)", "应不超过 {1} 个字符，实际 {2} 个"),
    (r"expected a date \(YYYY-MM-DD\) without a time, found (.*)", "应为不带时间的日期（YYYY-MM-DD），实际为 {v1}"),
    (r"expected a date \(YYYY-MM-DD\), found (.*)", "应为日期（YYYY-MM-DD），实际为 {v1}"),
    (r"expected a date on or before (\S+), found (\S+)", "日期应不晚于 {1}，实际为 {2}"),
    (r"expected (-?\d+)–(-?\d+), found (.*)", "应为 {1}–{2}，实际为 {v3}"),
    (r"expected a justification for N/A, found none", "选择“不适用”时应填写理由，实际未填写"),
    (r"expected either a level or na: true, found both", "等级和“不适用”只能二选一，实际两者都填写了"),
    (
        r"expected a level \(question (\S+) is a core item and cannot be N/A\), found na: true",
        "应填写等级（问题 {1} 是核心项，不得选择“不适用”），实际选择了不适用",
    ),
    (
        r"expected a level \(question (\S+) does not allow N/A\), found na: true",
        "应填写等级（问题 {1} 不允许“不适用”），实际选择了不适用",
    ),
    (
        r"expected false on a core item \(core items cannot be N/A\), found true",
        "核心项应为 false（核心项不得选择“不适用”），实际为 true",
    ),
    (r"expected a question id of rubric (\S+) (\S+), found (.*)", "应为评估准则 {1} {2} 中的问题编号，实际为 {3}"),
    (
        r"expected one answer per question, found (.*) and (.*) for (\S+)",
        "每个问题只能有一个答案，{3} 同时有 {1} 和 {2}",
    ),
    (r"expected a known rubric \((.*)\), found (.*)", "应为已知的评估准则（{1}），实际为 {2}"),
    (r"expected a known rubric, found (.*)", "应为已知的评估准则，实际为 {1}"),
    (r"expected a known standard \(id:edition\), found (.*)", "应为已知的标准（编号:版本），实际为 {1}"),
    (r"expected a known standard, found (.*)", "应为已知的标准，实际为 {1}"),
    (r"expected a unique question id, found (.*) again", "问题编号应唯一，{1} 重复出现"),
    (r"expected a unique level, found (.*) again", "等级应唯一，{1} 重复出现"),
    (r"expected a unique id, found (.*) again", "编号应唯一，{1} 重复出现"),
    (r"expected consecutive levels, found (.*)", "等级应连续，实际为 {1}"),
    (
        r"expected a level of the scale \((.*)\) or 'target', found (.*)",
        "应为量表中的等级（{1}）或 'target'，实际为 {2}",
    ),
    (r"expected a level of the scale \((.*)\), found (.*)", "应为量表中的等级（{1}），实际为 {2}"),
    (r"expected criteria for every level (\[.*?\]), found (.*)", "应为每个等级 {1} 提供准则，实际{c2}"),
    (r"expected an assessable clause \(not a chapter\), found (.*)", "应为可评估的条款（而不是章），实际为 {1}"),
    (r"expected an assessable clause of (\S+), found (.*)", "应为标准 {1} 中可评估的条款，实际为 {2}"),
    (r"expected a chapter of (\S+), found (.*)", "应为标准 {1} 中的章，实际为 {2}"),
    (r"expected a clause of (\S+), found (.*)", "应为标准 {1} 中的条款，实际为 {2}"),
    (r"expected a principle of (\S+) (\[.*\]), found (.*)", "应为标准 {1} 的原则 {2}，实际为 {3}"),
    (r"expected a label for every grade (.*), found none for (.*)", "每个等级 {1} 都应有名称，实际缺少 {2}"),
    (r"expected a level and a note on a disputed answer, found none", "有异议的答案应填写等级和说明，实际未填写"),
    (
        r"expected no level unless disputed, found a level on a (\S+) answer",
        "只有“有异议”时才填写等级，实际在 {1} 的答案上填写了等级",
    ),
    (
        r"expected the SHA-256 of the answers file verified \((\w+)\), found (\w+) "
        r"\(the answers changed after verification\?\)",
        "应为被验证的答案文件的 SHA-256（{1}），实际为 {2}（验证之后答案被修改过？）",
    ),
    (
        r"expected (\S+ \S+) \(as in (.*)\), found (\S+ \S+): a comparison needs one rubric",
        "应为 {1}（与 {2} 相同），实际为 {3}：对比要求所有文件使用同一评估准则",
    ),
    (r"expected a local image file, found the URL (.*)", "应为本地图片文件，实际为网址 {1}"),
    (r"expected a \.png, \.jpg or \.svg file, found (.*)", "应为 .png、.jpg 或 .svg 文件，实际为 {1}"),
    (r"expected each question once, found (.*) again", "每个问题只能出现一次，{1} 重复出现"),
    (
        r"expected the question id of an answered row, found none",
        "已作答的行应有问题编号，实际为空（编号被删除或修改？）",
    ),
    (r"expected the sheets (.*), found (.*)", "应包含工作表 {1}，实际为 {2}"),
    (
        r"expected an Excel workbook \(\.xlsx\), found an unreadable file \((.*)\)",
        "应为 Excel 工作簿（.xlsx），实际无法读取（{1}）",
    ),
    (r"expected ('[^']*'(?:, '[^']*')*) or ('[^']*'), found (.*)", "应为 {1} 或 {2}，实际为 {v3}"),
    (
        r"expected one of (.*) \(declared in rubric (\S+)\), found (.*)",
        "应为准则 {2} 中声明的以下之一：{1}；实际为 {v3}",
    ),
    (r"expected one of (.*), found (.*)", "应为以下之一：{1}；实际为 {v2}"),
    (r"expected ('[^']*'), found (.*)", "应为 {1}，实际为 {v2}"),
    # user errors from the command line
    (
        r"(.*) exists; not overwritten \(use --force to replace it; a backup is kept\)",
        "{1} 已存在，未覆盖（使用 --force 替换，旧文件会保留为 .bak 备份）",
    ),
    (r"rubric (.*): expected a rubric file or one of: (.*)", "评估准则 {1}：应为准则文件或以下之一：{2}"),
]
_COMPILED = [(re.compile(p), t) for p, t in _PATTERNS]
_PATHS = {"(document)": "（整个文件）", "(file)": "（文件）", "(files)": "（文件）"}


def to_zh(message: str) -> str:
    """The Chinese form of a problem message, or the message itself if no pattern knows it."""
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(message)
        if m is None:
            continue
        out = template
        for i, group in enumerate(m.groups(), start=1):
            g = group or ""
            out = out.replace(f"{{v{i}}}", _value(g)).replace(f"{{c{i}}}", _criteria_found(g))
            out = out.replace(f"{{y{i}}}", _yaml_problem(g)).replace(f"{{{i}}}", g)
        return out
    head, sep, rest = message.partition(": expected ")
    if sep and head and "expected" not in head:
        translated = to_zh("expected " + rest)
        if translated != "expected " + rest:
            return f"{head}：{translated}"
    return message


def path_zh(path: str) -> str:
    return _PATHS.get(path, path)
