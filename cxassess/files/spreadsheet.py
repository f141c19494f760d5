"""Reading a filled-in questionnaire back from Excel or CSV, every problem located at its cell.

Hostile or damaged files are refused before they can exhaust the machine: the file's size is
checked from the file system, a workbook's uncompressed size and XML declarations before it is
opened, its rows and columns while they are read. Nothing is dropped without a word: a missing,
unknown or repeated column key, a deleted question row, a merged range, text outside the
questionnaire's columns, a CSV row cut short, a formula or Excel error where a value belongs and
a text too long for a cell are errors at their cell; what is about to be written is checked as
``validate`` checks it (including the metrics files cited as evidence).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cxassess.core import checks
from cxassess.core.evidence import canonical_answers
from cxassess.core.model import Answers, Rubric, Standard
from cxassess.core.problems import WHOLE_FILE, InputError, Problem, format_path
from cxassess.core.tabular import (
    EXCEL_ERRORS,
    JUDGED_KEYS,
    META_SHEET,
    PROFILE_FIELDS,
    REQUIRED_COLUMNS,
    SHEET_NAMES,
    Cell,
    ImportedRows,
    Where,
    check_header,
    check_rows,
    csv_cell,
    csv_field,
    csv_row,
    known_key,
    locate,
    read_only_change,
    restore,
    rows_to_data,
    xl_unescape,
)
from cxassess.files.cited import read_cited
from cxassess.files.documents import describe_error
from cxassess.files.fsys import read_bytes, resolved
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
# distinct texts in a questionnaire workbook: far above what 5,000 rows of answers hold, far below
# what would exhaust memory
MAX_SHARED_STRINGS = 250_000
DELIMITERS = (",", ";", "\t", "|")


def _problem(path: Path, where: Where, message: Msg) -> Problem:
    if isinstance(where, Msg):
        return Problem(str(path), 0, where.text("en"), message, place=where)
    return Problem(str(path), 0, where or WHOLE_FILE, message)


def _fail(path: Path, where: Where, code: str, **params: Any) -> InputError:
    return InputError([_problem(path, where, msg(code, **params))])


def _check_zip(path: Path, data: bytes, max_strings: int | None = None) -> None:
    """Refuse zip bombs and XML entity declarations before openpyxl sees the file; with
    ``max_strings``, a shared-strings table of more entries (openpyxl holds every one in memory:
    a few hundred kilobytes of zip could ask for gigabytes)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > MAX_XLSX_UNCOMPRESSED:
                raise _fail(path, "", "sheet.too_large", limit=MAX_XLSX_UNCOMPRESSED, size=total)
            for info in infos:
                if not info.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                strings = max_strings is not None and info.filename.lower().endswith("sharedstrings.xml")
                with zf.open(info) as fh:
                    head = fh.read(min(info.file_size, 4096))
                    rest = head
                    count = _count_strings(b"", head) if strings else 0
                    while chunk := fh.read(1 << 20):
                        if strings:
                            count += _count_strings(rest[-32:], chunk)
                            if max_strings is not None and count > max_strings:
                                raise _fail(path, "", "sheet.too_many_strings", limit=max_strings)
                        rest = rest[-32:] + chunk
                        if b"<!ENTITY" in rest or b"<!DOCTYPE" in rest:
                            break
                    if max_strings is not None and count > max_strings:
                        raise _fail(path, "", "sheet.too_many_strings", limit=max_strings)
                if b"<!ENTITY" in head or b"<!DOCTYPE" in head or b"<!ENTITY" in rest or b"<!DOCTYPE" in rest:
                    raise _fail(path, "", "sheet.xml_entities")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError, ValueError, zlib.error):
        raise _fail(path, "", "sheet.unreadable") from None


_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _count_strings(carry: bytes, chunk: bytes) -> int:
    """Shared-string entries (``<si>``) starting in ``chunk``; ``carry`` is the end of the text
    before it, so an entry split across two reads is counted once."""
    return sum(1 for m in _SHARED_STRING.finditer(carry + chunk) if m.end() > len(carry))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _cell_value(cell: Any, where: str, path: Path, problems: list[Problem]) -> Any:
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        formula = str(cell.value)
        problems.append(_problem(path, where, msg("sheet.formula", formula=repr(formula[:40]))))
        return None
    if kind == "e":
        problems.append(_problem(path, where, msg("sheet.error_value", found=str(cell.value)[:40])))
        return None
    value = cell.value
    if isinstance(value, str) and len(value) > MAX_CELL:
        problems.append(_problem(path, where, msg("sheet.cell_too_long", max=MAX_CELL, found=len(value))))
        return None
    return xl_unescape(value) if isinstance(value, str) else value


def _letter(n: int) -> str:
    """The column letters of the ``n``-th column (1 → A, 27 → AA)."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def _stray(path: Path, where: Where, value: Any, more: int = 0) -> Problem:
    text = value if isinstance(value, str) else str(value)
    found = repr(text.strip()[:40])
    if more:
        return _problem(path, where, msg("sheet.stray_cells", found=found, more=more))
    return _problem(path, where, msg("sheet.stray_cell", found=found))


def _strays(path: Path, cells: list[tuple[Where, Any]]) -> list[Problem]:
    """Content outside the questionnaire's columns in one row: the first cell, and how many more
    (a row of thousands of stray cells is one problem, not thousands)."""
    if not cells:
        return []
    where, value = cells[0]
    return [_stray(path, where, value, more=len(cells) - 1)]


def read_xlsx(path: Path) -> ImportedRows:
    data = read_bytes(path, MAX_XLSX_BYTES)
    _check_zip(path, data, MAX_SHARED_STRINGS)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean "unreadable"
        raise _fail(path, "", "sheet.unreadable") from None
    try:
        return _read_workbook(path, wb, data)
    finally:
        wb.close()


def _scan(path: Path, ws: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a sheet, read lazily within the declared limits: damaged XML or a cell openpyxl
    cannot convert is an error naming the sheet, and a sheet whose rows or columns run past the
    limits (a single cell at XFD1048576 makes a million padded rows) is refused, not walked."""
    rows = iter(ws.iter_rows())
    n = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception:  # the sheet is read lazily: damaged XML or a cell openpyxl cannot convert
            raise _fail(path, ws.title, "sheet.damaged") from None
        if n >= MAX_ROWS:
            raise _fail(path, ws.title, "sheet.too_many_rows", limit=MAX_ROWS)
        if len(row) > MAX_COLUMNS:
            raise _fail(path, ws.title, "sheet.too_many_columns", limit=MAX_COLUMNS)
        n += 1
        yield tuple(row)


def _rows(path: Path, ws: Any) -> list[tuple[Any, ...]]:
    return list(_scan(path, ws))


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]{1,3}[0-9]{1,7}(?::[A-Z]{1,3}[0-9]{1,7})?)\"")


def _merged(path: Path, ws: Any, data: bytes, first_row: int, keep: set[int] | None = None) -> list[Problem]:
    """Merged ranges over cells the importer reads (read-only worksheets do not list them, so the
    sheet's XML is searched): a merged range keeps only its top-left value."""
    from openpyxl.utils import range_boundaries

    part = getattr(ws, "_worksheet_path", None)
    if not part:
        return []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read(part)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
        return []
    problems: list[Problem] = []
    for m in _MERGE.finditer(xml):
        ref = m.group(1).decode("ascii")
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if max_row < first_row and min_row > 1:
            continue  # headings only
        if keep is not None and not any(c in keep for c in range(min_col, max_col + 1)):
            continue
        problems.append(_problem(path, f"{ws.title}!{ref}", msg("sheet.merged", range=ref)))
    return problems


def _read_workbook(path: Path, wb: Any, data: bytes) -> ImportedRows:
    imported = ImportedRows()
    names = list(wb.sheetnames)
    qname = next((n for n in QUESTION_SHEETS if n in names), None)
    # the profile sheet in the questions sheet's language first (a sheet added under the other
    # language's name is the user's, not the profile)
    same = PROFILE_SHEETS[QUESTION_SHEETS.index(qname)] if qname is not None else None
    pname = same if same in names else next((n for n in PROFILE_SHEETS if n in names), None)
    if qname is None or pname is None:
        expected = f"{'/'.join(QUESTION_SHEETS)}, {'/'.join(PROFILE_SHEETS)}"
        # a workbook with neither sheet is not a questionnaire: its sheet names are not quoted
        found: Any = ", ".join(names)[:200] if (qname or pname) else msg("value.not_document")
        raise _fail(path, "", "sheet.missing_sheets", expected=expected, found=found)
    # the sheets an export in the questions sheet's language makes; any other sheet (one named
    # like the other language's, too) is the user's, and what it holds would not be imported
    lang = next(lang for lang, sheets in SHEET_NAMES.items() if sheets["questions"] == qname)
    exported = {META_SHEET, qname, pname, SHEET_NAMES[lang]["info"]}
    imported.unread += [
        (f"{name}!A1", msg("sheet.extra_sheet", sheet=repr(name)))
        for name in names
        if name not in exported and _has_content(path, wb[name])
    ]
    problems: list[Problem] = []
    _read_profile(path, wb[pname], imported, problems)
    problems += _merged(path, wb[pname], data, 3, keep={2, 3})
    qs = wb[qname]
    qrows = _rows(path, qs)
    imported.header, imported.table, imported.headings = f"{qname}!1", qname, f"{qname}!A2"
    head = qrows[0] if qrows else ()
    keys: list[str | None] = [None if _blank(c.value) else str(c.value) for c in head]
    if not any(k is not None and known_key(k) for k in keys):
        missing = [k for k in REQUIRED_COLUMNS if k not in keys]
        raise _fail(path, f"{qname}!1", "sheet.no_key_row", missing=", ".join(missing))
    header = [(k, f"{qname}!{_letter(i + 1)}1") for i, k in enumerate(keys) if k is not None]
    problems += [_problem(path, w, m) for w, m in check_header(header, imported.header)]
    problems += _merged(path, qs, data, 3)
    if problems:
        raise InputError(problems)  # cells cannot be read by keys that are wrong
    for r, row in enumerate(qrows, start=1):
        if r < 2:
            continue
        cells: dict[str, Cell] = {}
        stray: list[tuple[Where, Any]] = []
        for i, cell in enumerate(row):
            key = keys[i] if i < len(keys) else None
            where = f"{qname}!{_letter(i + 1)}{r}"
            if key is None:
                if getattr(cell, "data_type", None) == "f" or not _blank(cell.value):
                    stray.append((where, cell.value))
                continue
            if r >= 3:
                cells[key] = Cell(_cell_value(cell, where, path, problems), where)
        problems += _strays(path, stray)
        if r >= 3:
            imported.rows.append(cells)
    if problems:
        raise InputError(problems)
    imported.unread += _judged_edits(path, wb, imported)
    return imported


def _judged_edits(path: Path, wb: Any, imported: ImportedRows) -> list[tuple[Where, Msg]]:
    """Cells of the judged columns (shown with a pre-filled workbook, never read back) whose text
    is not what the export wrote there, as the hidden sheet keeps it."""
    if META_SHEET not in wb.sheetnames:
        return []
    exported: dict[str, tuple[str, ...]] = {}
    try:
        for row in _scan(path, wb[META_SHEET]):
            values = [xl_unescape(c.value) if isinstance(c.value, str) else c.value for c in row]
            values += [None] * (2 + len(JUDGED_KEYS) - len(values))
            if values[0] == "judged" and isinstance(values[1], str):
                exported[values[1]] = tuple("" if v is None else str(v) for v in values[2 : 2 + len(JUDGED_KEYS)])
    except InputError:
        return []  # a damaged hidden sheet: nothing to compare with
    edits: list[tuple[Where, Msg]] = []
    for cells in imported.rows:
        qid = cells.get("id")
        was = exported.get(str(qid.value).strip()) if qid is not None and qid.value is not None else None
        if was is None:
            continue
        for key, text in zip(JUDGED_KEYS, was, strict=True):
            cell = cells.get(key)
            change = read_only_change(key, cell, (text,)) if cell is not None else None
            if change is not None:
                edits.append(change)
    return edits


def _has_content(path: Path, ws: Any) -> bool:
    """Whether a sheet the export did not make holds anything (the importer does not read it)."""
    if not hasattr(ws, "iter_rows"):  # a chart sheet holds no words
        return False
    return any(not _blank(c.value) for row in _scan(path, ws) for c in row)


def _read_profile(path: Path, ws: Any, imported: ImportedRows, problems: list[Problem]) -> None:
    """The profile sheet: label (A), value (B) and the hidden machine key (C) of each field."""
    wanted = {".".join(k): k for k in PROFILE_FIELDS}
    for r, row in enumerate(_rows(path, ws), start=1):
        if r < 3:
            continue
        for i, cell in enumerate(row[3:], start=4):
            if not _blank(cell.value):
                problems.append(_stray(path, f"{ws.title}!{_letter(i)}{r}", cell.value))
        key = row[2].value if len(row) > 2 else None
        value = row[1] if len(row) > 1 else None
        where = f"{ws.title}!B{r}"
        if _blank(key):
            if value is not None and not _blank(value.value):
                problems.append(_stray(path, where, value.value))
            continue
        name = str(key)
        if name not in wanted:
            problems.append(
                _problem(
                    path, f"{ws.title}!C{r}", msg("sheet.unknown_key_plain", expected=tuple(wanted), found=repr(name))
                )
            )
            continue
        if wanted[name] in imported.profile:
            other = imported.profile[wanted[name]].where
            problems.append(_problem(path, where, msg("sheet.duplicate_key", key=name, other=other)))
            continue
        imported.profile[wanted[name]] = Cell(_cell_value(value, where, path, problems) if value else None, where)


_UNICODE_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_text(path: Path, raw: bytes) -> str:
    """UTF-16 or UTF-32 by their BOM (Excel's "Unicode text"), UTF-8 (with or without BOM), else
    GB18030 (Chinese Excel and WPS), else an error."""
    for bom, encoding in _UNICODE_BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                raise _fail(path, "", "csv.encoding") from None
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


def _parse_csv(path: Path, text: str, delimiter: str) -> list[list[str]]:
    """The records of a CSV text; a quote that is never closed, or closed in the middle of a
    cell, is reported at the row where its cell starts (not where the parser gave up)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, len(text) + 1))  # long cells are reported at their cell below
    rows: list[list[str]] = []
    try:
        while True:
            start = reader.line_num + 1  # the line of the file where the next record starts
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                where = csv_row(len(rows) + 1)
                if "end of data" in str(exc):
                    raise _fail(path, where, "csv.unclosed_quote", line=start) from None
                if "expected after" in str(exc):
                    raise _fail(path, where, "csv.bad_quote", line=reader.line_num) from None
                raise _fail(path, where, "csv.malformed", line=reader.line_num) from None
            if len(rows) > MAX_ROWS:
                raise _fail(path, "", "csv.too_many_rows", limit=MAX_ROWS)
            if len(row) > MAX_COLUMNS:
                raise _fail(path, csv_row(len(rows) + 1), "csv.too_many_fields", limit=MAX_COLUMNS, found=len(row))
            rows.append(row)
    finally:
        csv.field_size_limit(old_limit)
    return rows


def _field(path: Path, value: str, where: Where, problems: list[Problem]) -> Any:
    """A CSV field as the importer reads it: empty is nothing, a neutralised formula comes back."""
    if len(value) > MAX_CELL:
        problems.append(_problem(path, where, msg("sheet.cell_too_long", max=MAX_CELL, found=len(value))))
        return None
    if value.strip() in EXCEL_ERRORS:
        problems.append(_problem(path, where, msg("sheet.error_value", found=value.strip())))
        return None
    return restore(value) if value != "" else None


def read_csv(path: Path) -> ImportedRows:
    text = decode_text(path, read_bytes(path, MAX_CSV_BYTES))
    delimiter = sniff_delimiter(text)
    rows = _parse_csv(path, text, delimiter)
    imported = ImportedRows(header=csv_row(1), table="", headings=csv_row(1))
    header = [h.strip().lstrip("\ufeff").strip() for h in rows[0]] if rows else []
    if "id" not in header and not any(known_key(h) for h in header):
        # no key cxassess writes: not a questionnaire, so nothing of it is quoted
        raise _fail(path, csv_row(1), "csv.no_header", expected="id, value, level", found=msg("value.not_document"))
    named = [(h, csv_cell(1, h)) for h in header if h]
    problems = [_problem(path, w, m) for w, m in check_header(named, imported.header, extra=("value",))]
    if problems:
        raise InputError(problems)  # cells cannot be read by keys that are wrong
    wanted = {"@" + ".".join(k): k for k in PROFILE_FIELDS}
    for line_no, values in enumerate(rows[1:], start=2):
        if all(not v.strip() for v in values):
            continue  # an empty line, or a row of empty fields: nothing is written there
        if len(values) < len(header):
            problems.append(
                _problem(
                    path,
                    csv_row(line_no),
                    msg("csv.short_row", expected=len(header), found=len(values), missing=header[len(values)] or "?"),
                )
            )
            continue
        cells: dict[str, Cell] = {}
        stray: list[tuple[Where, Any]] = []
        for n, value in enumerate(values, start=1):
            key = header[n - 1] if n <= len(header) else ""
            if not key:
                if value.strip():
                    stray.append((csv_field(line_no, n), value))
                continue
            where = csv_cell(line_no, key)
            cells[key] = Cell(_field(path, value, where, problems), where)
        problems += _strays(path, stray)
        rid = _text_of(cells.get("id"))
        if rid.startswith("@"):
            _profile_row(path, rid, cells, wanted, imported, problems)
            continue
        value_cell = cells.pop("value", None)
        if value_cell is not None and _text_of(value_cell):
            problems.append(_stray(path, value_cell.where, value_cell.value))
        imported.rows.append(cells)
    if problems:
        raise InputError(problems)
    return imported


def _text_of(cell: Cell | None) -> str:
    return str(cell.value).strip() if cell is not None and cell.value is not None else ""


def _profile_row(
    path: Path,
    rid: str,
    cells: dict[str, Cell],
    wanted: dict[str, tuple[str, ...]],
    imported: ImportedRows,
    problems: list[Problem],
) -> None:
    """A CSV profile row: ``@section.field`` in the id column and its value in the value column."""
    for key, cell in cells.items():
        if key not in ("id", "value") and _text_of(cell):
            problems.append(_stray(path, cell.where, cell.value))
    if rid not in wanted:
        problems.append(
            _problem(path, cells["id"].where, msg("sheet.unknown_key_plain", expected=tuple(wanted), found=repr(rid)))
        )
        return
    value = cells.get("value") or Cell(None, cells["id"].where)
    if wanted[rid] in imported.profile:
        other = imported.profile[wanted[rid]].where
        problems.append(_problem(path, cells["id"].where, msg("sheet.duplicate_key", key=rid, other=other)))
        return
    imported.profile[wanted[rid]] = Cell(value.value if value.value is not None else "", value.where)


def import_answers(
    path: Path, *, today: dt.date, library: Library | None = None, folder: Path | None = None
) -> tuple[Answers, Rubric, Standard]:
    """Read a questionnaire file into validated, cross-checked answers; every problem at once.

    ``folder`` is where the answers file will be written: metrics results cited as evidence are
    then checked as ``validate`` will check them there."""
    imported = read_xlsx(path) if path.suffix.lower() in (".xlsx", ".xlsm") else read_csv(path)
    data, where, row_problems = rows_to_data(imported)
    problems = [_problem(path, w, m) for w, m in [*imported.unread, *row_problems]]
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
    problems += [_problem(path, w, m) for w, m in check_rows(imported, rubric.model, std.model)]
    for f in checks.check_answers(answers, rubric.model, today):
        problems.append(_problem(path, locate(where, f.path) or format_path(f.path), f.message))
    if folder is not None:
        _, found, in_files = read_cited(answers, resolved(folder), folder)
        for loc, code, params in found:
            problems.append(_problem(path, locate(where, loc) or format_path(loc), msg(code, **params)))
        problems += in_files
    if problems:
        raise InputError(problems)
    return canonical_answers(answers, rubric.model), rubric.model, std.model
