"""Reading a filled-in questionnaire back from Excel or CSV, with every problem located at its cell."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

from pydantic import ValidationError

from cxassess import checks
from cxassess.loading import Library, describe_error
from cxassess.model import Answers, Rubric, Standard
from cxassess.problems import InputError, Problem, format_path
from cxassess.tabular import PROFILE_FIELDS, Cell, ImportedRows, locate, rows_to_data

QUESTION_SHEETS = ("问卷", "Questions")
PROFILE_SHEETS = ("组织信息", "Profile")


def _problem(path: Path, where: str, message: str) -> Problem:
    return Problem(str(path), 0, where or "(file)", message)


def read_xlsx(path: Path) -> ImportedRows:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError([_problem(path, "", "expected an existing file, found none")]) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(
            [_problem(path, "", f"expected an Excel workbook (.xlsx), found an unreadable file ({exc})")]
        ) from None
    imported = ImportedRows()
    qsheet = next((wb[n] for n in QUESTION_SHEETS if n in wb.sheetnames), None)
    psheet = next((wb[n] for n in PROFILE_SHEETS if n in wb.sheetnames), None)
    if qsheet is None or psheet is None:
        raise InputError(
            [
                _problem(
                    path,
                    "",
                    f"expected the sheets {'/'.join(QUESTION_SHEETS)} and {'/'.join(PROFILE_SHEETS)}, "
                    f"found {wb.sheetnames}",
                )
            ]
        )
    wanted = {".".join(k): k for k in PROFILE_FIELDS}
    for row in psheet.iter_rows(min_row=3):
        key_cell = row[2] if len(row) > 2 else None
        if key_cell is None or key_cell.value not in wanted:
            continue
        imported.profile[wanted[key_cell.value]] = Cell(row[1].value, f"{psheet.title}!B{row[1].row}")
    keys = [c.value for c in qsheet[1]]
    for row in qsheet.iter_rows(min_row=3):
        cells: dict[str, Cell] = {}
        for i, cell in enumerate(row):
            if i < len(keys) and isinstance(keys[i], str):
                cells[keys[i]] = Cell(cell.value, f"{qsheet.title}!{get_column_letter(i + 1)}{cell.row}")
        imported.rows.append(cells)
    return imported


def read_csv(path: Path) -> ImportedRows:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InputError([_problem(path, "", "expected an existing file, found none")]) from None
    except UnicodeDecodeError as exc:
        raise InputError(
            [_problem(path, "", f"expected UTF-8 text, found an invalid byte at offset {exc.start}")]
        ) from None
    imported = ImportedRows()
    reader = csv.DictReader(io.StringIO(text))
    wanted = {"@" + ".".join(k): k for k in PROFILE_FIELDS}
    for line_no, row in enumerate(reader, start=2):
        rid = (row.get("id") or "").strip()
        if rid.startswith("@"):
            if rid in wanted:
                imported.profile[wanted[rid]] = Cell(row.get("value"), f"row {line_no}, column value")
            continue
        imported.rows.append(
            {k: Cell(v if v != "" else None, f"row {line_no}, column {k}") for k, v in row.items() if k is not None}
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
            loc, msg = describe_error(Answers, err)
            problems.append(_problem(path, locate(where, loc) or format_path(loc), msg))
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
    found = library.find_rubric(info.rubric, info.rubric_version)
    if found is None:
        problems.append(
            _problem(path, locate(where, ("assessment", "rubric")), f"expected a known rubric, found {info.rubric!r}")
        )
        raise InputError(problems)
    std = library.find_standard(found.model.standard)
    if std is None:
        raise InputError([*problems, _problem(path, "", f"expected a known standard, found {found.model.standard!r}")])
    for f in checks.check_answers(answers, found.model, today):
        problems.append(_problem(path, locate(where, f.path) or format_path(f.path), f.message))
    if problems:
        raise InputError(problems)
    return answers, found.model, std.model
