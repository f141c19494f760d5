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
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from cxassess.core.metrics import SurveyColumn, SurveyTable
from cxassess.core.metrics_config import match_column
from cxassess.core.problems import InputError, Problem
from cxassess.files.fsys import read_bytes
from cxassess.files.spreadsheet import MAX_XLSX_BYTES, _check_zip, decode_text, sniff_delimiter
from cxassess.i18n import msg

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


def _fail(path: Path, where: str, code: str, **params: Any) -> InputError:
    return InputError([Problem(str(path), 0, where or "(file)", msg(code, **params))])


def read_survey(path: Path, wanted: Sequence[Wanted], *, sheet: str | None = None) -> SurveyTable:
    """The wanted columns of one survey file; InputError when it cannot be read, MissingColumns
    when a wanted column is not among its headings."""
    if path.suffix.lower() in XLSX_SUFFIXES:
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
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(path, "", "csv.encoding") from None
        return text, "utf-16", text.encode("utf-8")
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = decode_text(path, raw)  # GB18030 (Chinese Excel and WPS), else a located error
        return text, "gb18030", text.encode("utf-8")
    return text, "utf-8-sig" if bom else "utf-8", raw[3:] if bom else raw


def _read_csv(path: Path, wanted: Sequence[Wanted]) -> SurveyTable:
    raw = read_bytes(path, MAX_SURVEY_BYTES)
    sha = hashlib.sha256(raw).hexdigest()
    text, encoding, utf8 = _decode(path, raw)
    del raw
    delimiter = sniff_delimiter(text)
    try:
        first = next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter), [])
    except csv.Error:
        raise _fail(path, "row 1", "csv.malformed", line=1) from None
    headings = [h.strip() for h in first][:MAX_HEADINGS]
    if not any(headings):
        raise _fail(path, "row 1", "survey.no_headings")
    index = _indices(path, headings, wanted)
    import polars as pl

    # the last column is always read: a row with more fields than headings then stops Polars
    positions = sorted({*index.values(), len(first) - 1})
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
        raise _locate_damage(path, text, delimiter, len(first)) from None
    rows = frame.height
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
        file=str(path),
        name=path.name,
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


def _locate_damage(path: Path, text: str, delimiter: str, width: int) -> InputError:
    """Where a CSV file is damaged: the first row with more fields than headings, or the record
    Python's strict csv reader stops at."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    try:
        for row, values in enumerate(reader, start=1):
            if len(values) > width:
                return _fail(path, f"row {row}", "survey.too_many_fields", expected=width, found=len(values))
    except csv.Error:
        return _fail(path, f"row {row + 1}", "csv.malformed", line=reader.line_num)
    return _fail(path, "", "survey.unreadable_csv")


# --------------------------------------------------------------------------- Excel


def _read_xlsx(path: Path, wanted: Sequence[Wanted], sheet: str | None) -> SurveyTable:
    data = read_bytes(path, MAX_XLSX_BYTES)
    _check_zip(path, data)
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on damaged files; all mean "unreadable"
        raise _fail(path, "", "sheet.unreadable") from None
    try:
        names = list(wb.sheetnames)
        if sheet is not None and sheet not in names:
            raise _fail(path, "", "survey.no_sheet", sheet=sheet, found=tuple(names))
        ws = wb[sheet] if sheet is not None else wb.worksheets[0]
        title = str(ws.title)
        rows = ws.iter_rows(values_only=True)
        first = next(rows, ())
        headings = ["" if v is None else str(v).strip() for v in first][:MAX_HEADINGS]
        if not any(headings):
            raise _fail(path, f"{title}!1", "survey.no_headings")
        index = _indices(path, headings, wanted)
        values: dict[str, list[object]] = {w.name: [] for w in wanted}
        row_numbers: list[int] = []
        pending: list[tuple[int, tuple[object, ...]]] = []  # empty rows kept until a filled one follows
        for r, row in enumerate(rows, start=2):
            cells = tuple(row[i] if i < len(row) else None for i in index.values())
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
        file=str(path),
        name=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        kind="xlsx",
        rows=len(row_numbers),
        columns=columns,
        sheet=title,
        row_numbers=np.asarray(row_numbers, dtype=np.int64),
    )
