"""Reading a filled-in questionnaire back from Excel or CSV, every problem located at its cell.

Hostile or damaged files are refused before they can exhaust the machine: the file's size is
checked from the file system, a workbook's uncompressed size and XML declarations before it is
opened, its rows and columns while they are read. Nothing is dropped without a word: a missing
key row, a formula where a value belongs and a text too long for a cell are errors at the cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cxassess.core import checks
from cxassess.core.evidence import canonical_answers
from cxassess.core.model import Answers, Rubric, Standard
from cxassess.core.problems import InputError, Problem, format_path
from cxassess.core.tabular import PROFILE_FIELDS, Cell, ImportedRows, locate, restore, rows_to_data, xl_unescape
from cxassess.files.documents import describe_error
from cxassess.files.fsys import read_bytes
from cxassess.files.library import Library, resolve_rubric, resolve_standard
from cxassess.i18n import Msg, msg

QUESTION_SHEETS = ("问卷", "Questions")
PROFILE_SHEETS = ("组织信息", "Profile")
MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_CSV_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000
MAX_COLUMNS = 400
MAX_CELL = 32_767  # what a spreadsheet cell can hold
REQUIRED_KEYS = ("id", "level")
DELIMITERS = (",", ";", "\t", "|")


def _problem(path: Path, where: str, message: Msg) -> Problem:
    return Problem(str(path), 0, where or "(file)", message)


def _fail(path: Path, where: str, code: str, **params: Any) -> InputError:
    return InputError([_problem(path, where, msg(code, **params))])


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse zip bombs and XML entity declarations before openpyxl sees the file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_XLSX_UNCOMPRESSED:
                raise _fail(path, "", "sheet.too_large", limit=MAX_XLSX_UNCOMPRESSED, size=total)
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with zf.open(info) as fh:
                    head = fh.read(min(info.file_size, 4096))
                    rest = head
                    while chunk := fh.read(1 << 20):
                        rest = rest[-16:] + chunk
                        if b"<!ENTITY" in rest or b"<!DOCTYPE" in rest:
                            break
                if b"<!ENTITY" in head or b"<!DOCTYPE" in head or b"<!ENTITY" in rest or b"<!DOCTYPE" in rest:
                    raise _fail(path, "", "sheet.xml_entities")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError):
        raise _fail(path, "", "sheet.unreadable") from None


def _cell_value(cell: Any, where: str, path: Path, problems: list[Problem]) -> Any:
    if getattr(cell, "data_type", None) == "f":
        formula = str(cell.value)
        problems.append(_problem(path, where, msg("sheet.formula", formula=repr(formula[:40]))))
        return None
    value = cell.value
    if isinstance(value, str) and len(value) > MAX_CELL:
        problems.append(_problem(path, where, msg("sheet.cell_too_long", max=MAX_CELL, found=len(value))))
        return None
    return xl_unescape(value) if isinstance(value, str) else value


def read_xlsx(path: Path) -> ImportedRows:
    data = read_bytes(path, MAX_XLSX_BYTES)
    _check_zip(path, data)
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean "unreadable"
        raise _fail(path, "", "sheet.unreadable") from None
    try:
        return _read_workbook(path, wb, get_column_letter)
    finally:
        wb.close()


def _rows(path: Path, ws: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for row in ws.iter_rows():
        if len(out) >= MAX_ROWS:
            raise _fail(path, ws.title, "sheet.too_many_rows", limit=MAX_ROWS)
        if len(row) > MAX_COLUMNS:
            raise _fail(path, ws.title, "sheet.too_many_columns", limit=MAX_COLUMNS)
        out.append(tuple(row))
    return out


def _read_workbook(path: Path, wb: Any, letter: Any) -> ImportedRows:
    imported = ImportedRows()
    names = list(wb.sheetnames)
    qname = next((n for n in QUESTION_SHEETS if n in names), None)
    pname = next((n for n in PROFILE_SHEETS if n in names), None)
    if qname is None or pname is None:
        expected = f"{'/'.join(QUESTION_SHEETS)}, {'/'.join(PROFILE_SHEETS)}"
        raise _fail(path, "", "sheet.missing_sheets", expected=expected, found=", ".join(names)[:200])
    problems: list[Problem] = []
    wanted = {".".join(k): k for k in PROFILE_FIELDS}
    prows = _rows(path, wb[pname])
    for r, row in enumerate(prows, start=1):
        if r < 3 or len(row) < 3:
            continue
        key = row[2].value
        if key not in wanted:
            continue
        where = f"{pname}!B{r}"
        imported.profile[wanted[key]] = Cell(_cell_value(row[1], where, path, problems), where)
    qrows = _rows(path, wb[qname])
    keys = [c.value if isinstance(c.value, str) else None for c in (qrows[0] if qrows else ())]
    missing = [k for k in REQUIRED_KEYS if k not in keys]
    if missing:
        raise _fail(path, f"{qname}!1", "sheet.no_key_row", missing=", ".join(missing))
    for r, row in enumerate(qrows, start=1):
        if r < 3:
            continue
        cells: dict[str, Cell] = {}
        for i, cell in enumerate(row):
            key = keys[i] if i < len(keys) else None
            if key is None:
                continue
            where = f"{qname}!{letter(i + 1)}{r}"
            cells[key] = Cell(_cell_value(cell, where, path, problems), where)
        imported.rows.append(cells)
    if problems:
        raise InputError(problems)
    return imported


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without BOM), else GB18030 (Chinese Excel and WPS), else an error."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        raise _fail(path, "", "csv.encoding") from None


def sniff_delimiter(text: str) -> str:
    """The delimiter of the header line: the candidate that splits it into the most fields."""
    first = text.split("\n", 1)[0]
    best, most = ",", 0
    for d in DELIMITERS:
        try:
            n = len(next(csv.reader([first], delimiter=d)))
        except (csv.Error, StopIteration):
            continue
        if n > most:
            best, most = d, n
    return best


def read_csv(path: Path) -> ImportedRows:
    text = decode_text(path, read_bytes(path, MAX_CSV_BYTES))
    delimiter = sniff_delimiter(text)
    imported = ImportedRows()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    try:
        rows: list[list[str]] = []
        try:
            for row in reader:
                if len(rows) > MAX_ROWS:
                    raise _fail(path, "", "csv.too_many_rows", limit=MAX_ROWS)
                rows.append(row)
        except csv.Error as exc:
            if "field larger" in str(exc):
                raise _fail(path, f"row {reader.line_num}", "csv.field_too_long", max=MAX_CELL) from None
            raise _fail(path, f"row {reader.line_num}", "csv.malformed", line=reader.line_num) from None
    finally:
        csv.field_size_limit(old_limit)
    header = [h.strip().lstrip("\ufeff") for h in rows[0]] if rows else []
    if "id" not in header:
        raise _fail(path, "row 1", "csv.no_header", expected="id, value, level", found=repr(", ".join(header)[:80]))
    wanted = {"@" + ".".join(k): k for k in PROFILE_FIELDS}
    for line_no, values in enumerate(rows[1:], start=2):
        cells = dict(zip(header, values, strict=False))
        rid = (cells.get("id") or "").strip()
        if rid.startswith("@"):
            if rid in wanted:
                imported.profile[wanted[rid]] = Cell(restore(cells.get("value") or ""), f"row {line_no}, column value")
            continue
        imported.rows.append(
            {k: Cell(restore(v) if v != "" else None, f"row {line_no}, column {k}") for k, v in cells.items() if k}
        )
    return imported


def import_answers(path: Path, *, today: dt.date, library: Library | None = None) -> tuple[Answers, Rubric, Standard]:
    """Read a questionnaire file into validated, cross-checked answers; every problem at once."""
    imported = read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else read_csv(path)
    data, where, row_problems = rows_to_data(imported)
    problems = [_problem(path, w, m) for w, m in row_problems]
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        bad_answers: set[str] = set()
        for err in exc.errors():
            loc, message = describe_error(Answers, err)
            problems.append(_problem(path, locate(where, loc) or format_path(loc), message))
            if len(loc) >= 2 and loc[0] == "answers":
                bad_answers.add(str(loc[1]))
        # check the rest too, so that every problem is reported in one pass
        rest = {**data, "answers": {k: v for k, v in data["answers"].items() if k not in bad_answers}}
        try:
            answers = Answers.model_validate(rest)
        except ValidationError:
            raise InputError(problems) from None
    library = library or Library()
    info = answers.assessment
    try:
        rubric = resolve_rubric(info.rubric, info.rubric_version, library, None, lambda loc: (str(path), 0))
    except InputError as exc:
        raise InputError(
            [
                *problems,
                *(_problem(path, locate(where, tuple(p.path.split("."))) or p.path, p.message) for p in exc.problems),
            ]
        ) from None
    std = resolve_standard(rubric, library, None)
    for f in checks.check_answers(answers, rubric.model, today):
        problems.append(_problem(path, locate(where, f.path) or format_path(f.path), f.message))
    if problems:
        raise InputError(problems)
    return canonical_answers(answers, rubric.model), rubric.model, std.model
