"""Form fields → the stored bodies, every problem named at its field in the user's language.

Field names: ``level``, ``na``, ``justification``, ``notes``; evidence rows ``ev-N-title``,
``ev-N-kind``, ``ev-N-date``, ``ev-N-ref``, ``ev-N-file`` (the digest of a file already attached
to this answer), ``ev-N-remove``; ``ev-count`` rows. Verification: ``status``, ``level``, ``note``
and ``seen-N-…`` rows. The checks the command line runs on files then run on the result
(``workspace.check_answer``), so the browser accepts exactly what an answers file may hold.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cxassess.core.model import (
    EVIDENCE_KINDS,
    MAX_EVIDENCE_ITEMS,
    Answer,
    Evidence,
    VerifiedAnswer,
    control_character,
    visible,
)
from cxassess.core.problems import Finding
from cxassess.files.documents import describe_error
from cxassess.i18n import Msg, msg
from cxassess.web.store import AnswerBody, EvidenceBody, FileRef, FindingBody

FormData = Mapping[str, Any]
MAX_ROWS = MAX_EVIDENCE_ITEMS + 1


@dataclass
class Parsed:
    """A parsed form: the body when every field is fine, the problems by field name otherwise."""

    body: Any = None
    errors: dict[str, list[Msg]] = field(default_factory=dict)

    def add(self, name: str, message: Msg) -> None:
        self.errors.setdefault(name, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors and self.body is not None


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.replace("\r\n", "\n") if isinstance(value, str) else ""


def line(form: FormData, name: str) -> str:
    """A one-line field (a title, a name): its words with single spaces, no line breaks."""
    return " ".join(text(form, name).split())


def _int(form: FormData, name: str, parsed: Parsed) -> int | None:
    raw = text(form, name).strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        parsed.add(name, msg("field.type", expected=msg("type.whole_number"), found=repr(raw[:40])))
        return None


def _date(form: FormData, name: str, parsed: Parsed) -> dt.date | None:
    raw = text(form, name).strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        parsed.add(name, msg("field.type", expected=msg("type.date"), found=repr(raw[:40])))
        return None


MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer


def row_id(raw: str) -> int | None:
    """A version or a row id from a form or a URL: ASCII digits within SQLite's integer range,
    else None (``str.isdigit`` also takes "²" and other digits ``int`` refuses)."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    value = int(raw)
    return value if value <= MAX_ROW_ID else None


def version_of(form: FormData) -> int | None:
    return row_id(text(form, "version").strip())


def name_problems(value: str, limit: int) -> list[Msg]:
    """A person's name typed in a form (already on one line): some visible text, at most
    ``limit`` characters, no control characters, as the files' names are checked."""
    char = control_character(value)
    if char is not None:
        return [msg("field.control_character", char=char)]
    if len(value) > limit:
        return [msg("field.too_long", max=limit, found=len(value))]
    if not visible(value):
        return [msg("field.blank", found=repr(value[:40]))]
    return []


def _rows(form: FormData, prefix: str, parsed: Parsed, files: Mapping[str, FileRef] | None) -> list[EvidenceBody]:
    count = _int(form, f"{prefix}-count", parsed) or 0
    rows: list[EvidenceBody] = []
    for i in range(min(max(count, 0) + 1, MAX_ROWS + 1)):
        name = f"{prefix}-{i}"
        title = line(form, f"{name}-title")
        kind = text(form, f"{name}-kind").strip()
        date_raw = text(form, f"{name}-date").strip()
        ref = text(form, f"{name}-ref").strip()
        sha = text(form, f"{name}-file").strip()
        if text(form, f"{name}-remove"):
            continue
        if not (title or date_raw or ref or sha):
            continue  # an empty row (the blank one for a new item)
        if not title:
            parsed.add(f"{name}-title", msg("web.form.title_needed"))
        if kind not in EVIDENCE_KINDS:
            parsed.add(f"{name}-kind", msg("field.choice", choices=EVIDENCE_KINDS, found=repr(kind[:40])))
            continue
        date = _date(form, f"{name}-date", parsed)
        ref_file: FileRef | None = None
        if sha and files is not None:
            ref_file = files.get(sha)
            if ref_file is None:
                parsed.add(f"{name}-file", msg("web.form.unknown_file"))
        if title:
            rows.append(EvidenceBody(title=title, kind=kind, date=date, ref=ref, file=ref_file))
    if len(rows) > MAX_EVIDENCE_ITEMS:
        parsed.add(f"{prefix}-count", msg("field.max_items", max=MAX_EVIDENCE_ITEMS, found=len(rows)))
    return rows


def _field_of(loc: tuple[Any, ...], prefix: str) -> str:
    """A pydantic location inside Answer / VerifiedAnswer → the form field's name."""
    if len(loc) >= 2 and loc[0] in ("evidence", "seen") and isinstance(loc[1], int):
        return f"{prefix}-{loc[1]}-{loc[2]}" if len(loc) >= 3 else f"{prefix}-count"
    return str(loc[0]) if loc else "form"


def _model_errors(cls: type[Any], data: dict[str, Any], prefix: str, parsed: Parsed) -> None:
    try:
        cls.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = describe_error(cls, err)
            parsed.add(_field_of(tuple(loc), prefix), message)


def findings_to_fields(findings: list[Finding], parsed: Parsed, prefix: str) -> None:
    """Problems from the file checks (paths ``answers.Q.level`` …) placed at their fields."""
    for f in findings:
        rest = f.path[2:]
        parsed.add(_field_of(tuple(rest), prefix) if rest else "form", f.message)


def parse_answer(form: FormData, files: Mapping[str, FileRef]) -> Parsed:
    parsed = Parsed()
    na = text(form, "level").strip() == "na" or bool(text(form, "na"))
    level = None if text(form, "level").strip() == "na" else _int(form, "level", parsed)
    justification = text(form, "justification").strip() or None
    notes = text(form, "notes").strip() or None
    evidence = _rows(form, "ev", parsed, files)
    if na and level is not None:
        parsed.add("level", msg("answer.level_and_na"))
    if parsed.errors:
        return parsed
    body = AnswerBody(level=level, na=na, justification=justification, notes=notes, evidence=evidence)
    _model_errors(
        Answer,
        {
            "level": level,
            "na": na,
            "justification": justification,
            "notes": notes,
            "evidence": [_evidence_data(e) for e in evidence],
        },
        "ev",
        parsed,
    )
    if not parsed.errors:
        parsed.body = body
    return parsed


def _evidence_data(e: EvidenceBody) -> dict[str, Any]:
    return {"title": e.title, "kind": e.kind, "date": e.date, "ref": e.ref}


def parse_evidence(form: FormData, parsed: Parsed) -> EvidenceBody | None:
    """One new evidence item (the upload form): title, kind, date, ref."""
    title = line(form, "title")
    kind = text(form, "kind").strip()
    ref = text(form, "ref").strip()
    if not title:
        parsed.add("title", msg("web.form.title_needed"))
    if kind not in EVIDENCE_KINDS:
        parsed.add("kind", msg("field.choice", choices=EVIDENCE_KINDS, found=repr(kind[:40])))
    date = _date(form, "date", parsed)
    if parsed.errors:
        return None
    try:
        Evidence.model_validate({"title": title, "kind": kind, "date": date, "ref": ref})
    except ValidationError as exc:
        for err in exc.errors():
            loc, message = describe_error(Evidence, err)
            parsed.add(str(loc[0]) if loc else "title", message)
        return None
    return EvidenceBody(title=title, kind=kind, date=date, ref=ref)


def parse_finding(form: FormData) -> Parsed:
    parsed = Parsed()
    status = text(form, "status").strip()
    if status not in ("verified", "not_verified", "disputed"):
        parsed.add(
            "status", msg("field.choice", choices=("verified", "not_verified", "disputed"), found=repr(status[:40]))
        )
        return parsed
    level = _int(form, "level", parsed) if status == "disputed" else None
    note = text(form, "note").strip() or None
    seen = _rows(form, "seen", parsed, None)
    if status == "disputed" and level is None:
        parsed.add("level", msg("verification.disputed_needs_level"))
    if status == "disputed" and not note:
        parsed.add("note", msg("verification.disputed_needs_level"))
    if parsed.errors:
        return parsed
    _model_errors(
        VerifiedAnswer,
        {"status": status, "level": level, "note": note, "seen": [_evidence_data(e) for e in seen]},
        "seen",
        parsed,
    )
    if not parsed.errors:
        parsed.body = FindingBody(status=status, level=level, note=note, seen=seen)
    return parsed
