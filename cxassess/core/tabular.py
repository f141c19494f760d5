"""The questionnaire as rows of cells, shared by the Excel and CSV forms. Pure: no IO.

Export: rubric (+ answers) → a profile and one row per question, each cell keyed by a stable
machine key (``level``, ``ev2.date`` …). Import: cells (each with where it came from) → answers
data, with every problem located at its cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cxassess.core.evidence import AnswerJudgement
from cxassess.core.model import ANSWERS_SCHEMA, EVIDENCE_KINDS, ORG_SIZES, Answer, Answers, Rubric, Standard
from cxassess.i18n import LANGS, Lang, Msg, msg, render

MIN_EVIDENCE_SLOTS = 3

PROFILE_FIELDS: tuple[tuple[str, ...], ...] = (
    ("organisation", "id"),
    ("organisation", "name"),
    ("organisation", "sector"),
    ("organisation", "size"),
    ("organisation", "scope"),
    ("assessment", "date"),
    ("assessment", "assessor"),
    ("assessment", "rubric"),
    ("assessment", "rubric_version"),
)
LOCKED_PROFILE = {("assessment", "rubric"), ("assessment", "rubric_version")}

YES = {"zh": "是", "en": "yes"}
_TRUE = {"是", "yes", "y", "true", "1", "√", "✓", "x", "na", "n/a", "不适用"}
_FALSE = {"", "否", "no", "n", "false", "0"}
# Text that a spreadsheet program would run as a formula (OWASP CSV injection): exported with a
# leading apostrophe, which the importer removes again, so the text comes back exactly.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")


def labels(prefix: str, keys: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The catalogue's labels of ``prefix.key`` in each language (one place for every label)."""
    return {lang: tuple(render(f"{prefix}.{k}", lang) for k in keys) for lang in LANGS}


SIZE_LABELS = labels("size", ORG_SIZES)
KIND_LABELS = labels("kind", EVIDENCE_KINDS)


_XL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_XL_UNESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xl_escape(text: str) -> str:
    """Text as an Office Open XML cell keeps it: carriage returns (which XML would turn into line
    feeds) as ``_x000D_``, and a literal ``_xHHHH_`` protected as ``_x005F_xHHHH_``."""
    return _XL_ESCAPE.sub(r"_x005F_\1", text).replace("\r", "_x000D_")


def xl_unescape(text: str) -> str:
    return _XL_UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def neutralise(text: str) -> str:
    """Text safe to put in a CSV cell: formula-like starts get a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def restore(text: str) -> str:
    """The original text of a neutralised cell."""
    return text[1:] if text.startswith("'") else text


def question_keys(slots: int, citations: bool = False) -> list[str]:
    """The machine keys of a question row; with ``citations`` each evidence slot also has the
    metrics result and figure it cites (only when some answer cites one)."""
    keys = ["id", "clause", "clause_title", "question", "core"]
    keys += ["level", "na", "justification"]
    for i in range(1, slots + 1):
        keys += [f"ev{i}.title", f"ev{i}.kind", f"ev{i}.date", f"ev{i}.ref"]
        if citations:
            keys += [f"ev{i}.metrics", f"ev{i}.figure"]
    keys.append("notes")
    return keys


def criteria_keys(rubric: Rubric) -> list[str]:
    return [f"criteria.{v}" for v in rubric.scale.values()]


def evidence_slots(answers: Answers | None) -> int:
    most = max((len(a.evidence) for a in answers.answers.values()), default=0) if answers else 0
    return max(MIN_EVIDENCE_SLOTS, most)


def size_label(size: str, lang: Lang) -> str:
    return SIZE_LABELS[lang][ORG_SIZES.index(size)]


def kind_label(kind: str, lang: Lang) -> str:
    return KIND_LABELS[lang][EVIDENCE_KINDS.index(kind)]


@dataclass
class Sheet:
    """The questionnaire's content, ready to be written by a spreadsheet or CSV writer."""

    profile: list[tuple[tuple[str, ...], Any]]
    columns: list[str]
    rows: list[dict[str, Any]]  # question rows; a row with key "_clause" is a clause heading
    slots: int


def export_rows(
    rubric: Rubric,
    standard: Standard,
    answers: Answers | None,
    lang: Lang,
    judgements: Mapping[str, AnswerJudgement] | None = None,
) -> Sheet:
    """Rows for a questionnaire; with ``judgements`` (same answers) each row also shows the
    effective level every output uses and why it differs from the claim."""
    clauses = standard.clause_index()
    given: dict[str, Answer] = dict(answers.answers) if answers else {}
    slots = evidence_slots(answers)
    org = answers.organisation if answers else None
    info = answers.assessment if answers else None
    profile: list[tuple[tuple[str, ...], Any]] = [
        (("organisation", "id"), org.id if org else ""),
        (("organisation", "name"), org.name if org else ""),
        (("organisation", "sector"), org.sector if org else ""),
        (("organisation", "size"), size_label(org.size, lang) if org else ""),
        (("organisation", "scope"), org.scope if org else ""),
        (("assessment", "date"), info.date if info else None),
        (("assessment", "assessor"), info.assessor if info else ""),
        (("assessment", "rubric"), rubric.id),
        (("assessment", "rubric_version"), rubric.version),
    ]
    citations = answers is not None and any(e.metrics for a in answers.answers.values() for e in a.evidence)
    columns = question_keys(slots, citations)
    columns[5:5] = criteria_keys(rubric)
    if judgements is not None:
        columns[columns.index("justification") + 1 : columns.index("justification") + 1] = ["judged", "judged_reason"]
    rows: list[dict[str, Any]] = []
    current = None
    for q in rubric.questions:
        c = clauses[q.clause]
        if q.clause != current:
            current = q.clause
            rows.append({"_clause": f"{c.number} {c.title.get(lang)}"})
        a = given.get(q.id)
        row: dict[str, Any] = {
            "id": q.id,
            "clause": c.number,
            "clause_title": c.title.get(lang),
            "question": q.text.get(lang),
            "core": YES[lang] if q.core else "",
            "level": a.level if a and a.level is not None else None,
            "na": YES[lang] if a and a.na else "",
            "justification": (a.justification or "") if a else "",
            "notes": (a.notes or "") if a else "",
        }
        if judgements is not None:
            j = judgements.get(q.id)
            row["judged"] = j.level if j is not None and j.status == "scored" else None
            row["judged_reason"] = judged_reason(j, lang) if j is not None else ""
        for v in rubric.scale.values():
            crit = q.criteria.get(v)
            row[f"criteria.{v}"] = crit.get(lang) if crit else ""
        for i in range(1, slots + 1):
            ev = a.evidence[i - 1] if a and len(a.evidence) >= i else None
            row[f"ev{i}.title"] = ev.title if ev else ""
            row[f"ev{i}.kind"] = kind_label(ev.kind, lang) if ev else ""
            row[f"ev{i}.date"] = ev.date if ev else None
            row[f"ev{i}.ref"] = ev.ref if ev else ""
            if citations:
                row[f"ev{i}.metrics"] = (ev.metrics or "") if ev else ""
                row[f"ev{i}.figure"] = (ev.figure or "") if ev else ""
        rows.append(row)
    return Sheet(profile, columns, rows, slots)


def judged_reason(j: AnswerJudgement, lang: Lang) -> str:
    """Why the effective level is below the claim, in a few words (empty when it is not)."""
    if not j.capped:
        return ""
    parts: list[str] = []
    for r in j.reasons:
        if r.code.startswith("evidence_"):
            parts.append(render(f"cap.{r.code}", lang, {"title": str(r.values.get("title", ""))}))
        elif r.code in (
            "no_counted_evidence",
            "level_needs_evidence",
            "auditor_not_verified",
            "auditor_not_verified_none",
            "auditor_disputed",
        ):
            parts.append(render(f"cap.{r.code}", lang, {k: v for k, v in r.values.items() if k != "note"}))
    return ("；" if lang == "zh" else "; ").join(dict.fromkeys(parts))


# --------------------------------------------------------------------------- import


@dataclass
class Cell:
    value: Any
    where: str  # e.g. "问卷!G7" or "row 7, column level"


@dataclass
class ImportedRows:
    """Cells read back from a workbook or CSV file, keyed as on export."""

    profile: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    rows: list[dict[str, Cell]] = field(default_factory=list)


def _text(value: Any) -> str:
    """A short code-like value (id, kind, yes/no), trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _free(value: Any) -> str:
    """Free text exactly as written (line breaks, spaces and a leading '=' included)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _level(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        m = re.fullmatch(r"(\d+)(\s+\S.*|\s*[-–—:：.].*)?", text, flags=re.S)
        if m:
            return int(m.group(1))
        return text
    return value


def _date(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time(0, 0) else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
            try:
                return dt.datetime.strptime(text, fmt).date()
            except ValueError:
                continue
        return text
    return value


def _choice(value: Any, labels: Mapping[str, tuple[str, ...]], keys: tuple[str, ...]) -> Any:
    text = _text(value)
    if not text:
        return None
    for key in keys:
        if text.lower() == key:
            return key
    for lang_labels in labels.values():
        if text in lang_labels:
            return keys[lang_labels.index(text)]
    return text


def _yes(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return _text(value)


FREE_PROFILE = {"name", "sector", "scope", "assessor"}


def rows_to_data(
    imported: ImportedRows,
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], str], list[tuple[str, Msg]]]:
    """Answers data (for the Answers model), where each path came from, and row problems."""
    where: dict[tuple[str | int, ...], str] = {}
    problems: list[tuple[str, Msg]] = []
    org: dict[str, Any] = {}
    info: dict[str, Any] = {}
    for key, cell in imported.profile.items():
        section, name = key
        target = org if section == "organisation" else info
        if name == "size":
            value = _choice(cell.value, SIZE_LABELS, ORG_SIZES)
        elif name == "date":
            value = _date(cell.value)
        elif name in FREE_PROFILE:
            value = _free(cell.value)
        else:
            value = _text(cell.value)
        target[name] = value
        where[key] = cell.where
    answers: dict[str, Any] = {}
    for row in imported.rows:
        qid = _text(row["id"].value) if "id" in row else ""
        if not qid:
            inputs = ("level", "na", "justification", "notes")
            filled: list[str] = [k for k in inputs if k in row and _text(row[k].value)]
            filled += [k for k in row if k.startswith("ev") and _text(row[k].value)]
            if filled and "id" in row:
                problems.append((row["id"].where, msg("sheet.missing_id")))
            continue
        if qid in answers:
            problems.append((row["id"].where, msg("sheet.duplicate_question", id=repr(qid))))
            continue
        base: tuple[str | int, ...] = ("answers", qid)
        where[base] = row["id"].where
        entry: dict[str, Any] = {}
        if "level" in row:
            entry["level"] = _level(row["level"].value)
            where[(*base, "level")] = row["level"].where
        na = _yes(row["na"].value) if "na" in row else False
        if na is not False:
            entry["na"] = na
            where[(*base, "na")] = row["na"].where
        justification = _free(row["justification"].value) if "justification" in row else ""
        if justification:
            entry["justification"] = justification
        if "justification" in row:
            where[(*base, "justification")] = row["justification"].where
        evidence: list[dict[str, Any]] = []
        i = 1
        while f"ev{i}.title" in row:
            cells = {part: row.get(f"ev{i}.{part}") for part in ("title", "kind", "date", "ref", "metrics", "figure")}
            raw = {part: (c.value if c else None) for part, c in cells.items()}
            if any(_text(v) for v in raw.values()):
                n = len(evidence)
                item = {
                    "title": _free(raw["title"]),
                    "kind": _choice(raw["kind"], KIND_LABELS, EVIDENCE_KINDS),
                    "date": _date(raw["date"]),
                    "ref": _free(raw["ref"]),
                }
                for part in ("metrics", "figure"):
                    if _text(raw[part]):
                        item[part] = _free(raw[part])
                evidence.append(item)
                where[(*base, "evidence", n)] = cells["title"].where if cells["title"] else row["id"].where
                for part, c in cells.items():
                    if c is not None:
                        where[(*base, "evidence", n, part)] = c.where
            i += 1
        if evidence:
            entry["evidence"] = evidence
        notes = _free(row["notes"].value) if "notes" in row else ""
        if notes:
            entry["notes"] = notes
            where[(*base, "notes")] = row["notes"].where
        if entry.get("level") is None and len(entry) == 1:
            continue  # a row left blank: the question is simply not answered yet
        answers[qid] = entry
    data = {"schema": ANSWERS_SCHEMA, "organisation": org, "assessment": info, "answers": answers}
    return data, where, problems


def locate(where: Mapping[tuple[str | int, ...], str], path: tuple[str | int, ...]) -> str:
    p = tuple(path)
    while p:
        if p in where:
            return where[p]
        p = p[:-1]
    return ""
