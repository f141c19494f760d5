"""Messages of reading questionnaires back from Excel and CSV (``cxassess import``), as (简体中文, English)."""

from __future__ import annotations

# fmt: off
MESSAGES: dict[str, tuple[str, str]] = {
    # places in a CSV file (a workbook's places are sheet!cell, the same in both languages)
    "loc.csv_cell": ("第 {row} 行，“{column}”列", "row {row}, column {column}"),
    "loc.csv_row": ("第 {row} 行", "row {row}"),
    "loc.csv_field": ("第 {row} 行第 {n} 个字段", "row {row}, field {n}"),
    # the columns
    "sheet.unknown_key": ("列键应为以下之一：{expected}；实际为 {found}（是否应为 {suggest}？）", "expected one of the column keys {expected}, found {found} (did you mean {suggest}?)"),
    "sheet.unknown_key_plain": ("列键应为以下之一：{expected}；实际为 {found}", "expected one of the column keys {expected}, found {found}"),
    "sheet.missing_columns": ("应有列 {missing}，实际缺少（列被删除，或列键被修改？）", "expected the columns {missing}, found them missing (was a column deleted or its key changed?)"),
    "sheet.companion_columns": ("列 {key} 应与列 {missing} 一起出现，实际缺少后者", "expected the columns {missing} together with {key}, found them missing"),
    "sheet.duplicate_key": ("{key} 只能出现一次，实际重复出现（另见 {other}）", "expected {key} once, found it again (also at {other})"),
    "sheet.read_only_changed": ("{column} 列由 cxassess 填写，导入时不读取，应保持导出时的内容（{expected}），实际为 {found}（这处改动不会被导入：答案请写在 level、na、justification、notes 或证据列中，或恢复原文）", "expected what was exported ({expected}) in column {column}, which cxassess fills in and does not read back, found {found} (the change would not be imported: write answers in level, na, justification, notes or the evidence columns, or restore the text)"),
    "sheet.extra_sheet": ("工作簿中只应有导出的工作表，实际多了有内容的工作表 {sheet}（它不会被导入：请把内容移到“问卷”的备注等列中，或删除该工作表）", "expected only the exported sheets in the workbook, found sheet {sheet} with content (it would not be imported: move what it holds into a column such as notes on the questions sheet, or delete the sheet)"),
    "sheet.stray_cell": ("问卷的列之外不应有内容，实际此处有 {found}（它不会被导入：请移到“备注”等列中，或删除）", "expected nothing outside the questionnaire's columns, found {found} (it would not be imported: move it into a column such as notes, or delete it)"),
    "sheet.stray_cells": ("问卷的列之外不应有内容，实际此处有 {found}，本行其后还有 {more} 个有内容的单元格（它们不会被导入：请移到“备注”等列中，或删除）", "expected nothing outside the questionnaire's columns, found {found} and {more} more cells with content further along this row (they would not be imported: move them into a column such as notes, or delete them)"),
    "csv.too_many_fields": ("每行应不超过 {limit} 个字段，实际有 {found} 个", "expected at most {limit} fields in a row, found {found}"),
    # the cells
    "sheet.merged": ("问卷中的单元格应各自独立，实际 {range} 被合并（合并后只保留左上角的值：请取消合并并逐格填写）", "expected separate cells, found {range} merged (merged cells keep only the top-left value: unmerge them and fill in each cell)"),
    "sheet.error_value": ("应为值，实际为 Excel 错误值 {found}（公式出错，例如所引用的单元格已被删除）", "expected a value, found the Excel error {found} (a formula failed, e.g. a cell it referred to was deleted)"),
    # the rows
    "sheet.missing_question": ("应有问题 {id} 的一行（在 {after} 之后），实际没有：该行被删除了？请恢复该行；暂不作答时将等级留空即可", "expected a row for question {id} (after {after}), found none: was the row deleted? Restore it; to leave a question unanswered, leave its level blank"),
    "csv.short_row": ("应有 {expected} 个字段（与第 1 行的列名一样多），实际只有 {found} 个：从“{missing}”列起缺失（该行被截断？）", "expected {expected} fields as in the header row, found {found}: the columns from {missing} on are missing (was the row cut short?)"),
    "csv.unclosed_quote": ("文件第 {line} 行以引号开始的单元格应有结束引号，实际直到文件末尾都没有（请补上结束引号，或删除开头的引号）", "expected a closing quote for the cell that opens with a quote on line {line} of the file, found none up to the end of the file (add the closing quote or remove the opening one)"),
    "csv.bad_quote": ("带引号的单元格应以引号结束并紧跟分隔符，实际在文件第 {line} 行的引号之后还有文字（引号不成对？该单元格从本行开始）", "expected a quoted cell to end with a quote followed by a delimiter, found more text after a quote on line {line} of the file (unbalanced quotes? the cell starts in this row)"),
}
# fmt: on
