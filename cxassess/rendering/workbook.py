"""The questionnaire as an Excel workbook (openpyxl) or a CSV file.

Sheets: instructions, organisation profile, questions. Row 1 of the profile and questions sheets
holds hidden machine keys (what the importer reads); row 2 the headings people read.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from cxassess.core.model import Rubric
from cxassess.core.tabular import (
    JUDGED_KEYS,
    KIND_LABELS,
    META_SHEET,
    SHEET_NAMES,
    SIZE_LABELS,
    YES,
    Sheet,
    neutralise,
    xl_escape,
)
from cxassess.i18n import Lang, t

DATE_FORMAT = "yyyy-mm-dd"


def heading(key: str, lang: Lang) -> str:
    if key.startswith("criteria."):
        level = key.split(".", 1)[1]
        return f"{t('wb.criteria', lang)} {level}"
    if key.startswith("ev") and "." in key:
        slot, part = key[2:].split(".", 1)
        return f"{t('evidence', lang)} {slot} · {t(f'wb.ev.{part}', lang)}"
    return t(f"wb.col.{key}", lang)


def profile_heading(key: tuple[str, ...], lang: Lang) -> str:
    return t(f"wb.profile.{key[0]}.{key[1]}", lang)


INPUT_KEYS_PREFIX = ("level", "na", "justification", "notes", "ev")
WIDTHS = {
    "id": 11,
    "clause": 6,
    "clause_title": 16,
    "question": 46,
    "core": 6,
    "level": 7,
    "na": 7,
    "justification": 24,
    "notes": 30,
}


def _is_input(key: str) -> bool:
    return key.startswith(INPUT_KEYS_PREFIX)


def _height(text: str, width: float) -> float:
    """Row height (points) that shows ``text`` wrapped in a column ``width`` characters wide.

    CJK characters take about two character widths; spreadsheets do not size rows on load.
    """
    per_line = max(int(width * 0.8), 1)
    lines = 0
    for part in text.split("\n"):
        units = sum(2.1 if ord(ch) > 0x2E80 else 1.0 for ch in part)
        lines += max(1, int(-(-units // per_line)))
    return min(409.0, max(16.0, 15.5 * lines + 4))  # 409 points: the tallest row a spreadsheet allows


FONTS = {"zh": "微软雅黑", "en": "Calibri"}  # spreadsheet programs substitute a CJK font where missing
TEXT_FORMAT = "@"


def _fit_width(ws: Any) -> None:
    """Print on A4, as wide as the page, as many pages down as needed."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5


def level_choices(rubric: Rubric, lang: Lang) -> list[str]:
    """The drop-down's choices: "3 已实施" rather than a bare 3 (the importer reads the number)."""
    return [f"{s.level} {s.label.get(lang)}" for s in rubric.scale.levels]


def write_xlsx(sheet: Sheet, rubric: Rubric, lang: Lang) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    names = SHEET_NAMES[lang]
    navy = "14396B"
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=navy)
    clause_fill = PatternFill("solid", fgColor="DCE6F2")
    input_fill = PatternFill("solid", fgColor="FFF8E1")
    thin = Side(style="thin", color="C9D3DF")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    unlocked = Protection(locked=False)

    wb = Workbook()
    # ------------------------------------------------------------- instructions
    info = wb.active
    assert info is not None
    info.title = names["info"]
    info.column_dimensions["A"].width = 14
    info.column_dimensions["B"].width = 100
    lines: list[tuple[str, str]] = [
        (t("wb.title", lang), rubric.title.get(lang)),
        (t("rubric", lang), f"{rubric.id} {rubric.version}"),
        ("", ""),
        (t("wb.how", lang), t("wb.how_text", lang, questions=names["questions"], profile=names["profile"])),
        ("", t("wb.level_text", lang)),
        (
            "",
            t(
                "wb.evidence_text",
                lang,
                level=rubric.scoring.evidence_required_from,
                cap=rubric.scoring.unevidenced_cap,
            ),
        ),
        ("", t("wb.na_text", lang)),
        ("", t("wb.protect_text", lang)),
        ("", ""),
        (t("report.scale", lang), ""),
    ]
    lines += [(str(s.level), f"{s.label.get(lang)} — {s.description.get(lang)}") for s in rubric.scale.levels]
    for r, (a, b) in enumerate(lines, start=1):
        info.cell(row=r, column=1, value=a).font = Font(bold=True)
        info.cell(row=r, column=1).alignment = Alignment(vertical="top")
        cell = info.cell(row=r, column=2, value=b)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        info.row_dimensions[r].height = _height(b, 100)
    info["A1"].font = Font(bold=True, size=14, color=navy)
    info["B1"].font = Font(bold=True, size=14, color=navy)

    # ------------------------------------------------------------- profile
    prof = wb.create_sheet(names["profile"])
    prof.column_dimensions["A"].width = 22
    prof.column_dimensions["B"].width = 60
    prof.cell(row=1, column=1, value="key")
    prof.cell(row=1, column=2, value="value")
    prof.row_dimensions[1].hidden = True
    prof.cell(row=2, column=1, value=t("wb.field", lang)).font = head_font
    prof.cell(row=2, column=2, value=t("wb.value", lang)).font = head_font
    prof["A2"].fill = head_fill
    prof["B2"].fill = head_fill
    size_dv = DataValidation(type="list", formula1='"' + ",".join(SIZE_LABELS[lang]) + '"', allow_blank=True)
    date_dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    for dv in (size_dv, date_dv):
        dv.error = t("wb.invalid", lang)
        dv.showErrorMessage = True
        prof.add_data_validation(dv)
    for r, (pkey, pvalue) in enumerate(sheet.profile, start=3):
        k = prof.cell(row=r, column=1, value=profile_heading(pkey, lang))
        k.font = Font(bold=True)
        if isinstance(pvalue, str):
            pvalue = xl_escape(pvalue)
        v = prof.cell(row=r, column=2, value=pvalue)
        if isinstance(pvalue, str) and pvalue:
            v.data_type = "s"
        v.border = border
        k.border = border
        # the machine key goes to a hidden column C so headings can be translated freely
        prof.cell(row=r, column=3, value=".".join(pkey))
        if pkey in (("assessment", "rubric"), ("assessment", "rubric_version")):
            v.fill = PatternFill("solid", fgColor="EEEEEE")
        else:
            v.protection = unlocked
            v.fill = input_fill
        if pkey == ("organisation", "size"):
            size_dv.add(v.coordinate)
        if pkey == ("assessment", "date"):
            v.number_format = DATE_FORMAT
            date_dv.add(v.coordinate)
    prof.column_dimensions["C"].hidden = True
    prof.protection.sheet = True
    for ws in (info, prof):
        _fit_width(ws)

    # ------------------------------------------------------------- questions
    qs = wb.create_sheet(names["questions"])
    cols = sheet.columns
    for c, key in enumerate(cols, start=1):
        qs.cell(row=1, column=c, value=key)
        h = qs.cell(row=2, column=c, value=heading(key, lang))
        h.font = head_font
        h.fill = head_fill
        h.alignment = Alignment(wrap_text=True, vertical="center")
        h.border = border
        letter = get_column_letter(c)
        width = WIDTHS.get(key)
        if width is None:
            width = 26 if key.startswith("criteria.") else 12 if key.endswith((".kind", ".date")) else 22
        qs.column_dimensions[letter].width = width
    qs.row_dimensions[1].hidden = True
    qs.row_dimensions[2].height = 32

    col_of = {key: c for c, key in enumerate(cols, start=1)}
    choices = level_choices(rubric, lang)
    level_dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    na_dv = DataValidation(type="list", formula1=f'"{YES[lang]}"', allow_blank=True)
    kind_dv = DataValidation(type="list", formula1='"' + ",".join(KIND_LABELS[lang]) + '"', allow_blank=True)
    qdate_dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    for dv in (level_dv, na_dv, kind_dv, qdate_dv):
        dv.error = t("wb.invalid", lang)
        dv.showErrorMessage = True
        qs.add_data_validation(dv)

    shown: dict[str, dict[str, Any]] = {}  # the judged columns as written, by question
    r = 3
    for row in sheet.rows:
        if "_clause" in row:
            cell = qs.cell(row=r, column=col_of["question"], value=row["_clause"])
            cell.font = Font(bold=True, color=navy)
            for c in range(1, len(cols) + 1):
                qs.cell(row=r, column=c).fill = clause_fill
            r += 1
            continue
        tallest = 15.0
        for key, c in col_of.items():
            value: Any = row.get(key)
            if key in ("level", "judged") and isinstance(value, int):
                value = choices[rubric.scale.values().index(value)] if value in rubric.scale.values() else value
            if isinstance(value, str):
                value = xl_escape(value)
            if key in JUDGED_KEYS:  # kept in the hidden sheet too: the importer tells an edit from them
                shown.setdefault(str(row["id"]), {})[key] = value
            cell = qs.cell(row=r, column=c, value=value if value != "" else None)
            if isinstance(value, str) and value:
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.alignment = wrap
            cell.border = border
            if isinstance(value, str):
                tallest = max(tallest, _height(value, qs.column_dimensions[get_column_letter(c)].width or 10))
            if _is_input(key):
                cell.protection = unlocked
                cell.fill = input_fill
            if key in ("id", "clause") or key.endswith(".ref"):
                cell.number_format = TEXT_FORMAT  # "0012" stays "0012", "5.10" stays "5.10"
            if key == "level":
                level_dv.add(cell.coordinate)
            elif key == "na":
                na_dv.add(cell.coordinate)
            elif key.endswith(".kind"):
                kind_dv.add(cell.coordinate)
            elif key.endswith(".date"):
                cell.number_format = DATE_FORMAT
                qdate_dv.add(cell.coordinate)
        qs.row_dimensions[r].height = tallest
        r += 1
    qs.freeze_panes = qs.cell(row=3, column=col_of["level"])
    qs.auto_filter.ref = f"A2:{get_column_letter(len(cols))}{r - 1}"
    qs.protection.sheet = True
    qs.protection.autoFilter = False
    qs.protection.formatColumns = False
    qs.protection.formatRows = False
    qs.print_title_rows = "2:2"
    qs.page_setup.orientation = "landscape"
    _fit_width(qs)
    # a level that needs evidence while no evidence title is given turns orange
    from openpyxl.formatting.rule import FormulaRule

    level_col = get_column_letter(col_of["level"])
    titles = [f"${get_column_letter(col_of[k])}3" for k in cols if k.endswith(".title")]
    needs = rubric.scoring.evidence_required_from
    formula = (
        f'AND(${level_col}3<>"",IFERROR(VALUE(LEFT(${level_col}3,FIND(" ",${level_col}3&" ")-1)),0)>={needs},'
        f"COUNTA({','.join(titles)})=0)"
    )
    qs.conditional_formatting.add(
        f"{level_col}3:{level_col}{max(r - 1, 3)}",
        FormulaRule(formula=[formula], fill=PatternFill("solid", fgColor="F4B183"), stopIfTrue=False),
    )
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                f = cell.font
                cell.font = Font(
                    name=FONTS[lang],
                    size=f.size,
                    bold=f.bold,
                    italic=f.italic,
                    color=f.color,
                    charset=134 if lang == "zh" else None,
                )

    meta = wb.create_sheet(META_SHEET)
    meta["A1"], meta["B1"] = "schema", "cxassess/questionnaire/1"
    meta["A2"], meta["B2"] = "rubric", rubric.id
    meta["A3"], meta["B3"] = "rubric_version", rubric.version
    meta["A4"], meta["B4"] = "lang", lang
    for n, (qid, cells) in enumerate(shown.items(), start=6):
        meta.cell(row=n, column=1, value="judged")
        meta.cell(row=n, column=2, value=qid)
        for c, key in enumerate(JUDGED_KEYS, start=3):
            value = cells.get(key)
            cell = meta.cell(row=n, column=c, value=value if value != "" else None)
            if isinstance(value, str) and value:
                cell.data_type = "s"
    meta.sheet_state = "hidden"
    wb.active = wb.sheetnames.index(names["questions"])

    # fixed document properties so the same inputs give the same workbook content
    stamp = dt.datetime(2000, 1, 1)
    wb.properties.creator = "cxassess"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_csv(sheet: Sheet) -> str:
    """The same rows as the workbook's questions sheet, plus profile rows (``@section.field``)."""
    out = io.StringIO()
    keys = ["id", "value", *[k for k in sheet.columns if k != "id"]]
    writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\r\n")
    writer.writeheader()
    for key, value in sheet.profile:
        writer.writerow({"id": "@" + ".".join(key), "value": _csv_value(value)})
    for row in sheet.rows:
        if "_clause" in row:
            continue
        writer.writerow({k: _csv_value(row.get(k)) for k in keys if k != "value"})
    return out.getvalue()


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))
