"""YAML files → validated models, with every problem located as ``file:line: path: expected …, found …``."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from collections.abc import Iterable, Sequence, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from cxassess.core.metrics_config import METRICS_CONFIG_SCHEMA, MetricsConfig
from cxassess.core.model import (
    ANSWERS_SCHEMA,
    RUBRIC_SCHEMA,
    STANDARD_SCHEMA,
    TARGETS_SCHEMA,
    THEME_SCHEMA,
    VERIFICATION_SCHEMA,
    Answers,
    Rubric,
    Standard,
    Targets,
    Theme,
    Verification,
)
from cxassess.core.problems import WHOLE_DOCUMENT, Finding, InputError, Problem, format_path
from cxassess.core.provenance import InputDigest
from cxassess.files.fsys import read_text, shown
from cxassess.files.yamlio import Marks, YamlError, load_text
from cxassess.i18n import Msg, Param, msg

M = TypeVar("M", bound=BaseModel)

KINDS: dict[str, type[BaseModel]] = {
    STANDARD_SCHEMA: Standard,
    RUBRIC_SCHEMA: Rubric,
    ANSWERS_SCHEMA: Answers,
    TARGETS_SCHEMA: Targets,
    VERIFICATION_SCHEMA: Verification,
    THEME_SCHEMA: Theme,
    METRICS_CONFIG_SCHEMA: MetricsConfig,
}
SCHEMA_OF: dict[type[BaseModel], str] = {cls: schema for schema, cls in KINDS.items()}
ROLE_OF_SCHEMA = {
    STANDARD_SCHEMA: "standard",
    RUBRIC_SCHEMA: "rubric",
    ANSWERS_SCHEMA: "answers",
    TARGETS_SCHEMA: "targets",
    VERIFICATION_SCHEMA: "verification",
    THEME_SCHEMA: "theme",
    METRICS_CONFIG_SCHEMA: "metrics_config",
}


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A validated model with where it came from: its file, the line of every node, its digest."""

    model: M
    path: Path
    marks: Marks
    sha256: str

    def locate(self, findings: Iterable[Finding]) -> list[Problem]:
        return [
            Problem(str(self.path), self.marks.line_of(f.path) or 0, format_path(f.path), f.message) for f in findings
        ]

    def problem(self, path: tuple[str | int, ...], code: str, **params: Param) -> Problem:
        return Problem(str(self.path), self.marks.line_of(path) or 0, format_path(path), msg(code, **params))

    def digest(self, role: str) -> InputDigest:
        return InputDigest.model_validate({"role": role, "name": shown(self.path.name), "sha256": self.sha256})


# --------------------------------------------------------------------------- reading files


def read_yaml(path: Path) -> tuple[Any, Marks, str]:
    text, sha = read_text(path)
    try:
        doc = load_text(text)
    except YamlError as exc:
        raise InputError([Problem(str(path), exc.line or 0, format_path(exc.path), exc.message)]) from None
    return doc.data, doc.marks, sha


# --------------------------------------------------------------------------- pydantic errors


def describe(value: Any) -> Param:
    """A found value as shown in a message (never more than 60 characters of it)."""
    if value is None:
        return msg("value.nothing")
    if isinstance(value, bool):
        return msg("value.true" if value else "value.false")
    if isinstance(value, dict):
        return msg("value.mapping")
    if isinstance(value, list):
        return msg("value.list")
    if isinstance(value, dt.datetime):
        return msg("value.datetime", value=value.isoformat())
    if isinstance(value, dt.date):
        return msg("value.date", date=value.isoformat())
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    return str(value)


def _unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated to the model type a location points into."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if len(args) == 1 else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _model_at(cls: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    tp: Any = cls
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            fields = {f.alias or name: f for name, f in tp.model_fields.items()}
            if part not in fields:
                return None
            tp = fields[part].annotation
        elif typing.get_origin(tp) in (list, dict):
            tp = typing.get_args(tp)[-1]
        else:
            return None
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


_TYPES = {
    "int_type": "type.whole_number",
    "int_parsing": "type.whole_number",
    "int_from_float": "type.whole_number",
    "float_type": "type.number",
    "float_parsing": "type.number",
    "string_type": "type.text",
    "bool_type": "type.bool",
    "bool_parsing": "type.bool",
    "date_type": "type.date",
    "date_parsing": "type.date",
    "date_from_datetime_inexact": "type.date_no_time",
    "date_from_datetime_parsing": "type.date",
    "list_type": "type.list",
    "dict_type": "type.mapping",
    "model_type": "type.mapping",
    "model_attributes_type": "type.mapping",
}
_OPS = {"greater_than": ">", "greater_than_equal": "≥", "less_than": "<", "less_than_equal": "≤"}


def _choices(expected: str) -> tuple[str, ...]:
    """pydantic's "'a', 'b' or 'c'" → ('a', 'b', 'c')."""
    parts = expected.replace(" or ", ", ").split(", ")
    return tuple(p for p in parts if p)


_PATTERN_WORDS = {
    r"^[A-Za-z0-9][A-Za-z0-9._:-]*$": "field.pattern_id",
    r"^\d+\.\d+\.\d+$": "field.pattern_version",
    r"^[0-9a-f]{64}$": "field.pattern_sha256",
    r"^#[0-9a-fA-F]{6}$": "field.pattern_colour",
}


def describe_error(cls: type[BaseModel], err: Any) -> tuple[tuple[Any, ...], Msg]:
    """A pydantic error as (location in the document, message)."""
    # "[key]" and union tags ("<text>", "<mapping>") are pydantic's, not the document's
    loc = tuple(p for p in err["loc"] if p != "[key]" and not (isinstance(p, str) and p[:1] == "<" and p[-1:] == ">"))
    kind = err["type"]
    ctx = err.get("ctx") or {}
    value = err.get("input")
    found = describe(value)
    if kind == "missing":
        return loc, msg("field.required")
    if kind == "extra_forbidden":
        parent = _model_at(cls, loc[:-1])
        known = sorted(f.alias or n for n, f in parent.model_fields.items()) if parent else []
        return loc, msg("field.unknown_key", known=", ".join(known), key=repr(loc[-1]))
    if kind in ("literal_error", "enum"):
        return loc, msg("field.choice", choices=_choices(str(ctx.get("expected", ""))), found=found)
    if kind in _OPS:
        bound = next(iter(ctx.values()))
        return loc, msg("field.bound", op=_OPS[kind], bound=str(bound), found=found)
    if kind == "string_too_short":
        return loc, msg("field.non_empty", found=found)
    if kind == "string_too_long":
        return loc, msg("field.too_long", max=int(ctx.get("max_length", 0)), found=len(str(value)))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        words = _PATTERN_WORDS.get(pattern)
        if words is not None:  # the patterns of the model, said in words
            return loc, msg(words, found=found)
        return loc, msg("field.pattern", pattern=pattern, found=found)
    if kind in ("too_short", "too_long"):
        # pydantic gives no actual_length for a mapping that is too long: count it here
        actual = ctx.get("actual_length")
        n = int(actual) if actual is not None else len(value) if isinstance(value, Sized) else 0
        if kind == "too_short":
            return loc, msg("field.min_items", min=int(ctx.get("min_length", 0)), found=n)
        return loc, msg("field.max_items", max=int(ctx.get("max_length", 0)), found=n)
    if kind in _TYPES:
        return loc, msg("field.type", expected=msg(_TYPES[kind]), found=found)
    from cxassess.i18n import has

    if has(kind):  # a model-level problem raised with its own message code
        return loc, msg(kind, **{k: str(v) for k, v in ctx.items()})
    return loc, msg("field.invalid", found=found)


def validate_model(cls: type[M], data: Any, path: Path, marks: Marks) -> M:
    expected = SCHEMA_OF.get(cls)
    if expected is not None and (not isinstance(data, dict) or data.get("schema") != expected):
        found = schema_of(data)
        raise InputError(
            [
                Problem(
                    str(path),
                    marks.line_of(("schema",)) or 1 if isinstance(data, dict) else 1,
                    "schema" if isinstance(data, dict) else WHOLE_DOCUMENT,
                    msg(
                        "schema.wrong_kind",
                        expected=msg(f"doc.{ROLE_OF_SCHEMA[expected]}"),
                        schema=expected,
                        found=_shown_schema(found),
                    ),
                )
            ]
        )
    try:
        return cls.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc, message = describe_error(cls, err)
            problems.append(Problem(str(path), marks.line_of(loc) or 0, format_path(loc), message))
        raise InputError(problems) from None


def schema_of(data: Any) -> str | None:
    if isinstance(data, dict):
        value = data.get("schema")
        return value if isinstance(value, str) else None
    return None


def _shown_schema(schema: str | None) -> Msg | str:
    """A ``schema`` value as a message may show it: only one that claims to be a cxassess schema
    (a typo of one, another version). Any other file may not be a cxassess file at all, and
    nothing of it is quoted, not even its ``schema`` line."""
    if schema is None:
        return msg("value.not_document")
    looks = schema.strip().lower().startswith("cxassess") or difflib.get_close_matches(
        schema, tuple(KINDS), n=1, cutoff=0.75
    )
    if not looks:
        return msg("value.not_document")
    return repr(schema if len(schema) <= 60 else schema[:57] + "...")


def schema_problem(path: Path, data: Any, marks: Marks) -> Problem:
    """Why a document is not one of the known kinds, without quoting the file's content
    unless its ``schema`` value claims to be a cxassess one (see ``_shown_schema``)."""
    known = tuple(KINDS)
    schema = schema_of(data)
    line = (marks.line_of(("schema",)) or 1) if isinstance(data, dict) else 1
    shown = _shown_schema(schema)
    if schema is None or isinstance(shown, Msg):
        return Problem(str(path), line, "schema", msg("schema.unknown", known=known, found=shown))
    close = difflib.get_close_matches(schema, known, n=1, cutoff=0.75)
    if close:
        return Problem(str(path), line, "schema", msg("schema.typo", known=known, found=shown, suggestion=close[0]))
    return Problem(str(path), line, "schema", msg("schema.unknown", known=known, found=shown))


def load_any(path: Path) -> Loaded[BaseModel]:
    """Load a file of any known kind, told apart by its ``schema`` key."""
    data, marks, sha = read_yaml(path)
    schema = schema_of(data)
    if schema not in KINDS:
        raise InputError([schema_problem(path, data, marks)])
    model = validate_model(KINDS[schema], data, path, marks)
    return Loaded(model, path, marks, sha)


def load(cls: type[M], path: Path) -> Loaded[M]:
    data, marks, sha = read_yaml(path)
    return Loaded(validate_model(cls, data, path, marks), path, marks, sha)
