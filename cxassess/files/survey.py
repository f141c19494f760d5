"""Reading survey exports: CSV (UTF-8 with or without BOM, GB18030, UTF-16; comma, semicolon,
tab or bar) and Excel workbooks, into the columns a metrics configuration names.

CSV is parsed by Polars (multi-threaded, in Rust): a million responses read in well under a
second. Each wanted column comes back as its distinct cells and, per response, the index of its
cell, so the pure core classifies each distinct cell once and gathers with NumPy. A damaged file
is re-read with Python's csv module to say where it is damaged. Workbooks are read with openpyxl
in read-only mode, after the same zip-bomb and XML-entity checks as questionnaires.

Locations: a CSV cell is ``row N, column HEADING`` (the heading is row 1; a row is a record, as a
spreadsheet program shows it); a workbook cell is ``sheet!F12``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from cxassess.core.metrics import SurveyColumn, SurveyTable
from cxassess.core.metrics_config import match_column
from cxassess.core.problems import InputError, Problem
from cxassess.core.tabular import csv_cell, csv_field, csv_row
from cxassess.files.fsys import read_bytes, shown
from cxassess.files.spreadsheet import MAX_XLSX_BYTES, _check_zip, decode_text, sniff_delimiter
from cxassess.i18n import Msg, msg

MAX_SURVEY_BYTES = 1024 * 1024 * 1024  # a CSV export of several million responses
MAX_HEADINGS = 2_000
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Wanted:
    """A column the configuration names; ``date_only`` keeps the date of timestamp text
    (2026-03-05 14:02:11 → 2026-03-05), so that a million timestamps become a few hundred dates."""

    name: str
    date_only: bool = False


class MissingColumns(Exception):
    """Columns the configuration names that a survey file does not have (or has twice)."""

    def __init__(self, path: Path, headings: list[str], missing: list[str]) -> None:
        super().__init__(", ".join(missing))
        self.path = path
        self.headings = headings
        self.missing = missing


def _fail(path: Path, where: str | Msg, code: str, **params: Any) -> InputError:
    """One problem; a CSV place (``csv_row``, ``csv_cell``) is worded in the user's language."""
    if isinstance(where, Msg):
        return InputError([Problem(str(path), 0, where.text("en"), msg(code, **params), place=where)])
    return InputError([Problem(str(path), 0, where or "(file)", msg(code, **params))])


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in XLSX_SUFFIXES


def read_survey(path: Path, wanted: Sequence[Wanted], *, sheet: str | None = None) -> SurveyTable:
    """The wanted columns of one survey file; InputError when it cannot be read, MissingColumns
    when a wanted column is not among its headings."""
    if is_workbook(path):
        return _read_xlsx(path, wanted, sheet)
    return _read_csv(path, wanted)


def _indices(path: Path, headings: list[str], wanted: Sequence[Wanted]) -> dict[str, int]:
    found: dict[str, int] = {}
    missing: list[str] = []
    for w in wanted:
        i = match_column(w.name, headings)
        if i is None:
            missing.append(w.name)
        else:
            found[w.name] = i
    if missing:
        raise MissingColumns(path, headings, missing)
    return found


# --------------------------------------------------------------------------- CSV


def _decode(path: Path, raw: bytes) -> tuple[str, str, bytes]:
    """The text, the encoding it was read in and the text as UTF-8 without a BOM (for Polars)."""
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode_text(path, raw)  # by its BOM (UTF-32's little-endian one starts with UTF-16's)
        return text, "utf-32" if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) else "utf-16", text.encode()
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_text(path, raw)  # GB18030 (Chinese Excel and WPS), else a located error
        return text, "gb18030", text.encode("utf-8")
    return text, "utf-8-sig" if bom else "utf-8", raw[3:] if bom else raw


def _one_line_ending(text: str) -> str:
    """The text with every line ending as LF when it has bare CRs (old Mac exports, or CR and LF
    mixed): Polars splits records at LF only. CRLF files are left as they are (Polars reads them)."""
    if "\r" not in text or text.count("\r") == text.count("\r\n"):
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_csv(path: Path, wanted: Sequence[Wanted]) -> SurveyTable:
    raw = read_bytes(path, MAX_SURVEY_BYTES)
    sha = hashlib.sha256(raw).hexdigest()
    text, encoding, utf8 = _decode(path, raw)
    del raw
    normalised = _one_line_ending(text)
    if normalised is not text:
        text, utf8 = normalised, normalised.encode("utf-8")
    delimiter = sniff_delimiter(text)
    try:
        first = next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter), [])
    except csv.Error:
        raise _fail(path, csv_row(1), "csv.malformed", line=1) from None
    headings = [h.strip() for h in first][:MAX_HEADINGS]
    if not any(headings):
        raise _fail(path, csv_row(1), "survey.no_headings")
    index = _indices(path, headings, wanted)
    # the structure of the file, counted independently of the parser: every record and its fields
    fields = _fields_per_record(utf8, delimiter)
    wide = np.flatnonzero(fields > len(first))
    if len(wide):  # a row wider than the headings, or a stray quote that makes it look so
        raise _locate_damage(path, text, delimiter, headings, len(first), wide=(int(wide[0]) + 1, int(fields[wide[0]])))
    import polars as pl

    positions = sorted(index.values())
    try:
        frame = pl.read_csv(
            utf8,
            separator=delimiter,
            has_header=True,
            columns=positions,
            infer_schema=False,
            raise_if_empty=False,
            truncate_ragged_lines=False,
        )
    except Exception:  # Polars raises several kinds on a damaged file: find the place ourselves
        raise _locate_damage(path, text, delimiter, headings, len(first)) from None
    rows = frame.height
    if rows != len(fields) - 1:  # the parser and the count disagree: say where and why
        raise _locate_damage(path, text, delimiter, headings, len(first), expected=len(fields) - 1, found=rows)
    columns: dict[str, SurveyColumn] = {}
    for w in wanted:
        i = index[w.name]
        series = frame.to_series(positions.index(i))
        whole = series
        if w.date_only:
            series = series.str.strip_chars().str.replace(r"[\sT].*$", "")
        uniques = series.unique(maintain_order=True)
        key = pl.DataFrame({"v": uniques, "code": pl.int_range(len(uniques), eager=True, dtype=pl.Int32)})
        codes = (
            series.to_frame("v")
            .join(key, on="v", how="left", nulls_equal=True, maintain_order="left")
            .get_column("code")
            .to_numpy()
        )
        columns[w.name] = SurveyColumn(
            heading=headings[i],
            index=i,
            uniques=uniques.to_list(),
            codes=codes,
            original=_cell_of(whole) if w.date_only else None,
        )
    return SurveyTable(
        file=shown(path),
        name=shown(path.name),
        sha256=sha,
        kind="csv",
        rows=rows,
        columns=columns,
        encoding=encoding,
        delimiter=delimiter,
    )


def _cell_of(series: Any) -> Callable[[int], object]:
    """The whole cell of a response (for the listing of unusable dates)."""

    def cell(row: int) -> object:
        value: object = series[row]
        return value

    return cell


def _fields_per_record(data: bytes, delimiter: str) -> npt.NDArray[np.int64]:
    """The number of fields of every record (the heading first), counted from the bytes with NumPy:
    a record ends at a LF outside quotes, a field at a delimiter outside quotes (quotes paired
    as in RFC 4180; a doubled quote inside a quoted field keeps the pairing)."""
    b = np.frombuffer(data, dtype=np.uint8)
    if len(b) == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.flatnonzero(b == 10)
    quotes = np.flatnonzero(b == 34)
    if len(quotes):
        ends = ends[np.searchsorted(quotes, ends) % 2 == 0]
    if len(ends) == 0 or ends[-1] != len(b) - 1:
        ends = np.append(ends, len(b))  # the last record without a line ending
    delims = np.flatnonzero(b == ord(delimiter))
    if len(quotes):  # delimiters inside quotes are text
        delims = delims[np.searchsorted(quotes, delims) % 2 == 0]
    before = np.searchsorted(delims, ends)  # delimiters before the end of each record
    return np.diff(before, prepend=0).astype(np.int64) + 1


@dataclass(frozen=True)
class _Damage:
    row: int  # the record, as a spreadsheet shows it (the heading is row 1)
    field: int  # 0-based
    code: str
    found: str


def _scan(text: str, delimiter: str, width: int) -> _Damage | None:
    """The first place where the text breaks the CSV rules (RFC 4180): a quote inside a field
    that does not begin with one, text after a closing quote, a quoted field never closed, or a
    record with more fields than headings. Lines without quotes are checked whole; only lines
    with quotes are read character by character."""
    row, field = 1, 0
    state = 0  # 0 start of a field, 1 unquoted field, 2 quoted field, 3 quote inside a quoted field
    for line in text.split("\n"):
        if state != 2 and '"' not in line:
            field += line.count(delimiter)
        else:
            for i, c in enumerate(line):
                if state == 2:
                    if c == '"':
                        state = 3
                elif c == delimiter:
                    field, state = field + 1, 0
                elif state == 3:
                    if c == '"':
                        state = 2
                    elif not (c == "\r" and i == len(line) - 1):
                        return _Damage(row, field, "survey.text_after_quote", _excerpt(line[i:]))
                elif c == '"':
                    if state == 1:
                        return _Damage(row, field, "survey.quote_in_field", _excerpt(_field_text(line, i, delimiter)))
                    state = 2
                else:
                    state = 1
        if state == 2:  # a line break inside a quoted field: the record goes on
            continue
        if field >= width:
            return _Damage(row, width, "survey.too_many_fields", str(field + 1))
        row, field, state = row + 1, 0, 0
    if state == 2:
        return _Damage(row, field, "survey.unclosed_quote", "")
    return None


def _field_text(line: str, i: int, delimiter: str) -> str:
    """The unquoted field at position ``i`` of a line, from its start to the end of the line."""
    start = line.rfind(delimiter, 0, i) + 1
    return line[start:].rstrip("\r")


def _excerpt(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _locate_damage(
    path: Path,
    text: str,
    delimiter: str,
    headings: list[str],
    width: int,
    *,
    expected: int | None = None,
    found: int | None = None,
    wide: tuple[int, int] | None = None,
) -> InputError:
    """Where and why a CSV file is damaged, by the CSV rules; when no rule is broken but the
    parser and the record count disagree, both numbers."""
    damage = _scan(text, delimiter, width)
    if damage is None and wide is not None:
        damage = _Damage(wide[0], width, "survey.too_many_fields", str(wide[1]))
    if damage is None:
        if expected is not None and found is not None:
            return _fail(path, "", "survey.rows_disagree", expected=expected, found=found)
        return _fail(path, "", "survey.unreadable_csv")
    if damage.code == "survey.too_many_fields":
        return _fail(path, csv_row(damage.row), damage.code, expected=width, found=int(damage.found))
    column = headings[damage.field] if damage.field < len(headings) and headings[damage.field] else None
    where = csv_cell(damage.row, column) if column else csv_field(damage.row, damage.field + 1)
    return _fail(path, where, damage.code, found=damage.found)


# --------------------------------------------------------------------------- Excel


def _cell(value: object) -> object:
    """A workbook cell's value; an array or data-table formula as its formula text."""
    if value is None or isinstance(value, str | int | float | dt.date | dt.time):
        return value
    text = getattr(value, "text", None)  # openpyxl's ArrayFormula
    return text if isinstance(text, str) else f"={type(value).__name__}"


def _readable(path: Path, title: str, rows: Iterator[tuple[object, ...]]) -> Iterator[tuple[object, ...]]:
    """A read-only sheet's rows, parsed as they are read: damaged XML or a cell openpyxl cannot
    convert is the sheet's problem, not a crash."""
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception:
            raise _fail(path, title, "sheet.damaged") from None
        yield row


def _read_xlsx(path: Path, wanted: Sequence[Wanted], sheet: str | None) -> SurveyTable:
    data = read_bytes(path, MAX_XLSX_BYTES)
    _check_zip(path, data)
    from openpyxl import load_workbook

    try:
        # formulas as written (not their last computed values): a formula cell is an unusable cell
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean "unreadable"
        raise _fail(path, "", "sheet.unreadable") from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise _fail(path, "", "survey.no_sheet", sheet=sheet, found=tuple(names))
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        title = str(ws.title)
        rows = _readable(path, title, ws.iter_rows(values_only=True))
        first = next(rows, ())
        headings = ["" if v is None else str(v).strip() for v in first][:MAX_HEADINGS]
        if not any(headings):
            raise _fail(path, f"{title}!1", "survey.no_headings")
        index = _indices(path, headings, wanted)
        values: dict[str, list[object]] = {w.name: [] for w in wanted}
        row_numbers: list[int] = []
        pending: list[tuple[int, tuple[object, ...]]] = []  # empty rows kept until a filled one follows
        for r, row in enumerate(rows, start=2):
            cells = tuple(_cell(row[i]) if i < len(row) else None for i in index.values())
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in row):
                pending.append((r, cells))
                continue
            for pr, pcells in [*pending, (r, cells)]:
                row_numbers.append(pr)
                for name, c in zip(index, pcells, strict=True):
                    values[name].append(c)
            pending.clear()
    finally:
        wb.close()
    columns: dict[str, SurveyColumn] = {}
    for w in wanted:
        uniques: dict[tuple[str, object], int] = {}
        codes = np.fromiter(
            (uniques.setdefault((type(v).__name__, v), len(uniques)) for v in values[w.name]),
            dtype=np.int32,
            count=len(row_numbers),
        )
        columns[w.name] = SurveyColumn(
            heading=headings[index[w.name]], index=index[w.name], uniques=[v for _, v in uniques], codes=codes
        )
    return SurveyTable(
        file=shown(path),
        name=shown(path.name),
        sha256=hashlib.sha256(data).hexdigest(),
        kind="xlsx",
        rows=len(row_numbers),
        columns=columns,
        sheet=title,
        row_numbers=np.asarray(row_numbers, dtype=np.int64),
    )
