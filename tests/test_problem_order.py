"""Problems print in reading order: numbers in file names and places compare as numbers."""

from __future__ import annotations

from cxassess.core.problems import InputError, Problem
from cxassess.i18n import msg


def _p(file: str, line: int, path: str) -> Problem:
    return Problem(file, line, path, msg("field.required"))


def test_rows_and_indexes_are_in_numeric_order() -> None:
    problems = [
        _p("a.csv", 0, "row 11, column level"),
        _p("a.csv", 0, "row 2, column level"),
        _p("a.csv", 0, "row 2, column notes"),
    ]
    assert [p.path for p in InputError(problems).problems] == [
        "row 2, column level",
        "row 2, column notes",
        "row 11, column level",
    ]
    items = [_p("x.yaml", 5, "answers.q.evidence[10]"), _p("x.yaml", 5, "answers.q.evidence[9]")]
    assert [p.path for p in InputError(items).problems] == ["answers.q.evidence[9]", "answers.q.evidence[10]"]


def test_files_then_lines_then_places_and_repeats_dropped() -> None:
    problems = [
        _p("org-10.yaml", 1, "x"),
        _p("org-2.yaml", 30, "x"),
        _p("org-2.yaml", 4, "y"),
        _p("org-2.yaml", 4, "y"),
    ]
    assert [(p.file, p.line) for p in InputError(problems).problems] == [
        ("org-2.yaml", 4),
        ("org-2.yaml", 30),
        ("org-10.yaml", 1),
    ]
