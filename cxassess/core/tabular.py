"""The questionnaire as rows of cells, shared by the Excel and CSV forms. Pure: no IO.

Export: rubric (+ answers) → a profile and one row per question, each cell keyed by a stable
machine key (``level``, ``ev2.date`` …). Import: cells (each with where it came from) → answers
data, with every problem located at its cell.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cxassess.core.evidence import AnswerJudgement
from cxassess.core.model import (
    ANSWERS_SCHEMA,
    EVIDENCE_KINDS,
    ORG_SIZES,
    Answer,
    Answers,
    Clause,
    Question,
    Rubric,
    Standard,
)
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
# the sheets of an exported workbook; the importer reads the profile and the questions
SHEET_NAMES = {
    "zh": {"info": "填写说明", "profile": "组织信息", "questions": "问卷"},
    "en": {"info": "Instructions", "profile": "Profile", "questions": "Questions"},
}
META_SHEET = "_cxassess"
JUDGED_KEYS = ("judged", "judged_reason")  # shown with the answers, never read back
_TRUE = {"是", "yes", "y", "true", "1", "√", "✓", "x", "na", "n/a", "不适用"}
_FALSE = {"", "否", "no", "n", "false", "0"}
# Text that a spreadsheet program would run as a formula (OWASP CSV injection): exported with a
# leading apostrophe, which the importer removes again, so the text comes back exactly.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
# What a spreadsheet shows for a formula that failed; in CSV such a text is read as that error
# (text that really is one of them is exported with a leading apostrophe too).
EXCEL_ERRORS = frozenset(
    ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!")
)


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
    return "'" + text if text.startswith(FORMULA_START) or text.strip() in EXCEL_ERRORS else text


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
            "auditor_disputed_capped",
        ):
            parts.append(render(f"cap.{r.code}", lang, {k: v for k, v in r.values.items() if k != "note"}))
    return ("；" if lang == "zh" else "; ").join(dict.fromkeys(parts))


# --------------------------------------------------------------------------- import


# Where a cell came from: a workbook's "问卷!G7" (the same in every language) or a CSV place worded
# in the user's language (``csv_cell(7, "level")``).
Where = str | Msg


def csv_cell(row: int, column: str) -> Msg:
    return msg("loc.csv_cell", row=row, column=column)


def csv_row(row: int) -> Msg:
    return msg("loc.csv_row", row=row)


def csv_field(row: int, n: int) -> Msg:
    return msg("loc.csv_field", row=row, n=n)


@dataclass
class Cell:
    value: Any
    where: Where  # e.g. "问卷!G7" or csv_cell(7, "level")


@dataclass
class ImportedRows:
    """Cells read back from a workbook or CSV file, keyed as on export."""

    profile: dict[tuple[str, ...], Cell] = field(default_factory=dict)
    rows: list[dict[str, Cell]] = field(default_factory=list)
    header: Where = ""  # the key row: where a missing column is reported
    table: Where = ""  # the questions sheet: where a missing question row is reported
    headings: Where = ""  # the row of headings (a missing first question belongs after it)
    unread: list[tuple[Where, Msg]] = field(default_factory=list)  # content the importer does not read


# --------------------------------------------------------------------------- the columns

BASE_KEYS = (
    "id",
    "clause",
    "clause_title",
    "question",
    "core",
    "level",
    "na",
    "justification",
    "judged",
    "judged_reason",
    "notes",
)
EVIDENCE_PARTS = ("title", "kind", "date", "ref")
CITATION_PARTS = ("metrics", "figure")
INPUT_KEYS = ("level", "na", "justification", "notes")
# the columns every exported questionnaire has; without one of them answers would be lost
REQUIRED_COLUMNS = ("id", *INPUT_KEYS)
KEYS_EXPECTED = (
    *REQUIRED_COLUMNS,
    *(f"evN.{part}" for part in (*EVIDENCE_PARTS, *CITATION_PARTS)),
    "clause",
    "clause_title",
    "question",
    "core",
    "criteria.N",
    "judged",
    "judged_reason",
)
_EVIDENCE_KEY = re.compile(r"ev([1-9][0-9]{0,2})\.(title|kind|date|ref|metrics|figure)")
_CRITERIA_KEY = re.compile(r"criteria\.[0-9]{1,3}")


def known_key(key: str) -> bool:
    return key in BASE_KEYS or bool(_EVIDENCE_KEY.fullmatch(key) or _CRITERIA_KEY.fullmatch(key))


def is_input(key: str) -> bool:
    """A column whose cells the importer reads into the answers."""
    return key in REQUIRED_COLUMNS or bool(_EVIDENCE_KEY.fullmatch(key))


def suggest_key(key: str, present: Sequence[str] = ()) -> str | None:
    """The known key a misspelt one most probably meant (case, width and spaces ignored first)."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", key)).lower()
    if known_key(plain):
        return plain
    candidates = list(dict.fromkeys([*BASE_KEYS, *present]))
    m = re.fullmatch(r"ev([0-9]+)\W*(\w+)", plain)
    if m:
        slot, part = m.groups()
        close = difflib.get_close_matches(part, (*EVIDENCE_PARTS, *CITATION_PARTS), n=1, cutoff=0.5)
        if close:
            return f"ev{int(slot)}.{close[0]}"
    close = difflib.get_close_matches(plain, candidates, n=1, cutoff=0.6)
    return close[0] if close else None


def evidence_numbers(keys: Iterable[str]) -> list[int]:
    """The evidence slots among the column keys, in order (``ev1.title`` … → 1 …)."""
    return sorted({int(m.group(1)) for k in keys if (m := _EVIDENCE_KEY.fullmatch(k)) and m.group(2) == "title"})


def check_header(
    cells: Sequence[tuple[str, Where]], header: Where, extra: Sequence[str] = ()
) -> list[tuple[Where, Msg]]:
    """Problems with the key row: unknown or repeated keys, and missing columns (a renamed or
    deleted column would otherwise silently empty every answer's level, notes …)."""
    problems: list[tuple[Where, Msg]] = []
    seen: dict[str, Where] = {}
    suggested: set[str] = set()
    for key, where in cells:
        if key in seen:
            problems.append((where, msg("sheet.duplicate_key", key=key, other=seen[key])))
            continue
        seen[key] = where
        if known_key(key) or key in extra:
            continue
        suggestion = suggest_key(key, [k for k, _ in cells if known_key(k)])
        if suggestion is not None and suggestion not in extra:
            suggested.add(suggestion)
            problems.append(
                (where, msg("sheet.unknown_key", expected=KEYS_EXPECTED, found=repr(key), suggest=suggestion))
            )
        else:
            problems.append((where, msg("sheet.unknown_key_plain", expected=KEYS_EXPECTED, found=repr(key))))
    missing = [k for k in REQUIRED_COLUMNS if k not in seen]
    slots: dict[int, dict[str, Where]] = {}
    for key, where in seen.items():
        m = _EVIDENCE_KEY.fullmatch(key)
        if m:
            slots.setdefault(int(m.group(1)), {})[m.group(2)] = where
    for n in sorted({*range(1, MIN_EVIDENCE_SLOTS + 1), *slots}):
        parts = slots.get(n, {})
        if not parts:
            missing += [f"ev{n}.{part}" for part in EVIDENCE_PARTS]
            continue
        want = [p for p in EVIDENCE_PARTS if p not in parts]
        if any(p in parts for p in CITATION_PARTS):
            want += [p for p in CITATION_PARTS if p not in parts]
        if want:
            first = next(p for p in (*EVIDENCE_PARTS, *CITATION_PARTS) if p in parts)
            problems.append(
                (
                    parts[first],
                    msg("sheet.companion_columns", key=f"ev{n}.{first}", missing=tuple(f"ev{n}.{p}" for p in want)),
                )
            )
    missing = [k for k in missing if k not in suggested]
    if missing:
        problems.append((header, msg("sheet.missing_columns", missing=tuple(missing))))
    return problems


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


_MAX_LEVEL_DIGITS = 18  # beyond this a "number" is no level (and past 4,300 digits int() fails)


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
        if m and len(m.group(1)) <= _MAX_LEVEL_DIGITS:
            return int(m.group(1))
        return text  # reported as it was written (a run of thousands of digits is no level)
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
) -> tuple[dict[str, Any], dict[tuple[str | int, ...], Where], list[tuple[Where, Msg]]]:
    """Answers data (for the Answers model), where each path came from, and row problems."""
    where: dict[tuple[str | int, ...], Where] = {}
    problems: list[tuple[Where, Msg]] = []
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
        for i in evidence_numbers(row):
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


def check_rows(imported: ImportedRows, rubric: Rubric, standard: Standard) -> list[tuple[Where, Msg]]:
    """Problems only the rubric reveals: a question whose row is missing (a deleted row is not a
    blank one), an unknown id on a row left blank, and text in a row without a question id
    (other than a clause heading)."""
    clauses = standard.clause_index()
    headings = {f"{c.number} {c.title.get(lang)}" for c in clauses.values() for lang in LANGS}
    by_text = {q.text.get(lang): q.id for q in rubric.questions for lang in LANGS}
    questions = rubric.question_index()
    known = set(questions)
    rows: dict[str, Where] = {}
    problems: list[tuple[Where, Msg]] = []
    for row in imported.rows:
        qid = _text(row["id"].value) if "id" in row else ""
        answered = any(_text(cell.value) for key, cell in row.items() if is_input(key) and key != "id")
        # a question's row whose id was changed or cleared: that is the problem to report, not
        # a missing row for the question
        text_of = by_text.get(_text(row["question"].value)) if "question" in row else None
        if text_of is not None and "id" in row:
            rows.setdefault(text_of, row["id"].where)
        if qid:
            rows.setdefault(qid, row["id"].where)
            if qid in known:
                problems += _changed_read_only(row, questions[qid], clauses[questions[qid].clause], rubric)
            if qid not in known and not answered:
                found = repr(qid)
                problems.append(
                    (
                        row["id"].where,
                        msg("answers.unknown_question", rubric=rubric.id, version=rubric.version, found=found),
                    )
                )
            continue
        if answered or text_of is not None:
            continue  # an answered row without its id is reported by rows_to_data
        for key, cell in row.items():
            text = _text(cell.value)
            if text and not (key == "question" and text in headings):
                problems.append((cell.where, msg("sheet.stray_cell", found=repr(text[:40]))))
    after: Where = imported.headings
    for q in rubric.questions:
        if q.id in rows:
            after = rows[q.id]
        else:
            problems.append((imported.table, msg("sheet.missing_question", id=q.id, after=after)))
    return problems


def _plain(value: Any) -> str:
    """A cell's text without spaces and line breaks (a spreadsheet program or a careful reader may
    add or remove them; words are what must not change)."""
    return "".join(_text(value).split())


def _around(text: str, at: int, width: int = 40) -> str:
    """Up to ``width`` characters of ``text`` from a little before position ``at``, with … where cut."""
    start = max(0, min(at - 10, len(text) - width))
    part = text[start : start + width]
    return ("…" if start > 0 else "") + part + ("…" if start + width < len(text) else "")


def _changed_read_only(row: Mapping[str, Cell], q: Question, clause: Clause, rubric: Rubric) -> list[tuple[Where, Msg]]:
    """Cells of the columns cxassess fills in (clause, its title, the question, core, the level
    criteria) whose text is not what the rubric says in either language: someone wrote there, and
    the importer does not read those columns, so the words would be lost without a word."""
    shown: dict[str, tuple[str, ...]] = {
        "clause": (clause.number,),
        "clause_title": tuple(clause.title.get(lang) for lang in LANGS),
        "question": tuple(q.text.get(lang) for lang in LANGS),
        "core": tuple(YES.values()) if q.core else ("",),
    }
    for level in rubric.scale.values():
        crit = q.criteria.get(level)
        shown[f"criteria.{level}"] = tuple(crit.get(lang) for lang in LANGS) if crit else ("",)
    problems: list[tuple[Where, Msg]] = []
    for key, texts in shown.items():
        cell = row.get(key)
        if cell is None:
            continue
        if key == "clause" and _same_number(cell.value, clause.number):
            continue  # a spreadsheet program read the clause number as a number ("5.10" → 5.1, or "5.1" in CSV)
        change = read_only_change(key, cell, texts)
        if change is not None:
            problems.append(change)
    return problems


def read_only_change(key: str, cell: Cell, texts: Sequence[str]) -> tuple[Where, Msg] | None:
    """A cell of a column the importer does not read whose text is none of ``texts`` (what was
    exported there, in each language), spacing aside: the problem, showing both texts from where
    they part."""
    found = _plain(cell.value)
    plain = [_plain(t) for t in texts]
    if found in plain:
        return None
    # shown as written (spacing evened out), from where the found text parts from the closest one
    near = " ".join(texts[max(range(len(texts)), key=lambda i: _common_prefix(plain[i], found))].split())
    written = " ".join(_text(cell.value).split())
    at = _common_prefix(near, written)
    expected: Msg | str = repr(_around(near, at)) if near else msg("value.nothing")  # an empty cell
    seen = repr(_around(written, at))
    return cell.where, msg("sheet.read_only_changed", column=key, expected=expected, found=seen)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _same_number(value: Any, number: str) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return False
    if isinstance(value, str) and not re.fullmatch(r"\s*[0-9]+(\.[0-9]+)?\s*", value):
        return False
    try:
        return float(number) == float(value)
    except ValueError:
        return False


def locate(where: Mapping[tuple[str | int, ...], Where], path: tuple[str | int, ...]) -> Where:
    p = tuple(path)
    while p:
        if p in where:
            return where[p]
        p = p[:-1]
    return ""
