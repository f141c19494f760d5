from __future__ import annotations

import pytest

from cxassess.files.yamlio import YamlError, load_text


def test_marks_give_the_line_of_every_key_and_item() -> None:
    doc = load_text("a:\n  b: 1\n  c:\n    - x\n    - y: 2\n")
    assert doc.data == {"a": {"b": 1, "c": ["x", {"y": 2}]}}
    assert doc.marks.line_of(("a", "b")) == 2
    assert doc.marks.line_of(("a", "c", 1, "y")) == 5
    assert doc.marks.line_of(("a", "c", 1, "missing")) == 5


def test_dates_and_numbers_keep_their_yaml_types() -> None:
    import datetime as dt

    doc = load_text("d: 2026-01-02\nn: 3\nf: 1.5\nb: true\nz: null\n")
    assert doc.data == {"d": dt.date(2026, 1, 2), "n": 3, "f": 1.5, "b": True, "z": None}


def test_small_aliases_are_fine() -> None:
    doc = load_text("a: &x [1, 2]\nb: *x\n")
    assert doc.data == {"a": [1, 2], "b": [1, 2]}


def test_recursive_alias_is_rejected() -> None:
    with pytest.raises(YamlError, match="recursive alias"):
        load_text("a: &x\n  - *x\n")


def test_empty_document_is_none() -> None:
    assert load_text("").data is None
