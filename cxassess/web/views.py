"""View models shared by the pages: a question with its criteria, its answer as form values,
what is still missing, and the two sides of a conflict. Texts only: templates hold no logic
beyond loops and conditions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cxassess.core.evidence import AnswerJudgement
from cxassess.core.model import EVIDENCE_KINDS, Question, Rubric, Standard
from cxassess.i18n import Lang, Msg, t
from cxassess.rendering.readiness_report import reason_text
from cxassess.web.store import AnswerBody, EvidenceBody, FileRef, FindingBody, Saved

# reasons a respondent can act on (auditor steps are not shown to respondents)
RESPONDENT_REASONS = (
    "evidence_undated",
    "evidence_too_old",
    "evidence_stale_at_verification",
    "evidence_post_dated",
    "no_counted_evidence",
    "level_needs_evidence",
    "capped",
)


@dataclass(frozen=True)
class Criterion:
    level: int
    label: str
    description: str
    criteria: str


@dataclass(frozen=True)
class FileLink:
    sha256: str
    name: str
    size: str


@dataclass
class QuestionView:
    id: str
    clause: str
    part: str
    text: str
    core: bool
    na_allowed: bool
    na_guidance: str
    evidence_hint: str
    criteria: list[Criterion]
    values: dict[str, str]
    rows: int  # evidence rows in ``values``
    files: dict[str, FileLink]
    version: int
    saved_by: str
    saved_at: str
    missing: list[str]
    status: str  # answered | na | unanswered
    errors: dict[str, list[str]] = field(default_factory=dict)
    upload_values: dict[str, str] = field(default_factory=dict)
    upload_errors: dict[str, list[str]] = field(default_factory=dict)
    # the auditor's side
    judged: str = ""
    reasons: list[str] = field(default_factory=list)
    finding_values: dict[str, str] = field(default_factory=dict)
    finding_rows: int = 0
    finding_version: int = 0
    finding_saved: str = ""
    finding_errors: dict[str, list[str]] = field(default_factory=dict)
    answer_lines: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[tuple[EvidenceBody, FileLink | None]] = field(default_factory=list)


def when(stamp: str, *, seconds: bool = True, day: bool = True) -> str:
    """A stored UTC time stamp in this computer's local time, as people read it."""
    if not stamp:
        return ""
    try:
        local = dt.datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp
    return local.strftime(("%Y-%m-%d " if day else "") + ("%H:%M:%S" if seconds else "%H:%M"))


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} B"


def criteria_of(q: Question, rubric: Rubric, lang: Lang) -> list[Criterion]:
    out = []
    for lv in rubric.scale.levels:
        crit = q.criteria.get(lv.level)
        out.append(Criterion(lv.level, lv.label.get(lang), lv.description.get(lang), crit.get(lang) if crit else ""))
    return out


def answer_values(body: AnswerBody | None) -> dict[str, str]:
    """The form fields of a stored answer."""
    if body is None:
        return {"level": "", "na": "", "justification": "", "notes": "", "ev-count": "0"}
    out = {
        "level": "na" if body.na else ("" if body.level is None else str(body.level)),
        "justification": body.justification or "",
        "notes": body.notes or "",
        "ev-count": str(len(body.evidence)),
    }
    out.update(_rows("ev", body.evidence))
    return out


def finding_values(body: FindingBody | None) -> dict[str, str]:
    if body is None:
        return {"status": "", "level": "", "note": "", "seen-count": "0"}
    out = {
        "status": body.status,
        "level": "" if body.level is None else str(body.level),
        "note": body.note or "",
        "seen-count": str(len(body.seen)),
    }
    out.update(_rows("seen", body.seen))
    return out


def _rows(prefix: str, items: list[EvidenceBody]) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, e in enumerate(items):
        out[f"{prefix}-{i}-title"] = e.title
        out[f"{prefix}-{i}-kind"] = e.kind
        out[f"{prefix}-{i}-date"] = e.date.isoformat() if e.date else ""
        out[f"{prefix}-{i}-ref"] = e.ref
        out[f"{prefix}-{i}-file"] = e.file.sha256 if e.file else ""
    return out


def form_values(form: Mapping[str, Any]) -> dict[str, str]:
    """What was posted, kept as typed (shown again beside the problems)."""
    return {k: v.replace("\r\n", "\n") for k, v in form.items() if isinstance(v, str) and k != "csrf"}


def row_count(values: Mapping[str, str], prefix: str) -> int:
    raw = values.get(f"{prefix}-count", "0")
    try:
        return max(0, min(int(raw), 50))
    except ValueError:
        return 0


def missing_of(j: AnswerJudgement | None, body: AnswerBody | None, lang: Lang) -> list[str]:
    """What the respondent still has to do for this question, in plain words."""
    if body is None or not body.answered:
        return [t("web.missing.unanswered", lang)]
    if j is None:
        return []
    return [reason_text(r, lang, {}) for r in j.reasons if r.code in RESPONDENT_REASONS]


def question_view(
    q: Question,
    rubric: Rubric,
    standard: Standard,
    saved: Saved | None,
    judgement: AnswerJudgement | None,
    files: Mapping[str, FileRef],
    lang: Lang,
) -> QuestionView:
    body = saved.body if saved is not None else None
    values = answer_values(body)
    clause = standard.clause_index().get(q.clause)
    status = "unanswered"
    if body is not None and body.na:
        status = "na"
    elif body is not None and body.level is not None:
        status = "answered"
    return QuestionView(
        id=q.id,
        clause=f"{clause.number} {clause.title.get(lang)}" if clause else q.clause,
        part=q.part.get(lang) if q.part else "",
        text=q.text.get(lang),
        core=q.core,
        na_allowed=q.na_allowed and not q.core,
        na_guidance=q.na_guidance.get(lang) if q.na_guidance else "",
        evidence_hint=q.evidence.get(lang),
        criteria=criteria_of(q, rubric, lang),
        values=values,
        rows=row_count(values, "ev"),
        files={sha: FileLink(sha, f.name, size_text(f.size)) for sha, f in files.items()},
        version=saved.version if saved else 0,
        saved_by=saved.saved_by if saved else "",
        saved_at=when(saved.saved_at) if saved else "",
        missing=missing_of(judgement, body, lang),
        status=status,
    )


def errors_text(errors: Mapping[str, list[Msg]], lang: Lang) -> dict[str, list[str]]:
    return {name: [m.text(lang) for m in items] for name, items in errors.items()}


def kinds(lang: Lang) -> list[tuple[str, str]]:
    return [(k, t(f"kind.{k}", lang)) for k in EVIDENCE_KINDS]


def describe_answer(body: AnswerBody | None, rubric: Rubric, lang: Lang) -> list[tuple[str, str]]:
    """An answer as label / value lines (the conflict page, the auditor's view)."""
    if body is None:
        return [(t("web.field.level", lang), t("web.status.unanswered", lang))]
    if body.na:
        lines = [(t("web.field.level", lang), t("na", lang))]
        lines.append((t("web.field.justification", lang), body.justification or "—"))
    else:
        level = (
            f"{body.level} {rubric.scale.label(body.level, lang)}"
            if body.level is not None
            else t("web.status.unanswered", lang)
        )
        lines = [(t("web.field.level", lang), level)]
    for i, e in enumerate(body.evidence, 1):
        parts = [e.title, t(f"kind.{e.kind}", lang), e.date.isoformat() if e.date else "—"]
        if e.ref:
            parts.append(e.ref)
        if e.file:
            parts.append(t("web.ev.attached", lang, name=e.file.name))
        lines.append((t("web.field.evidence_n", lang, n=i), " · ".join(parts)))
    lines.append((t("web.field.notes", lang), body.notes or "—"))
    return lines


def describe_finding(body: FindingBody | None, lang: Lang) -> list[tuple[str, str]]:
    if body is None:
        return [(t("web.field.status", lang), "—")]
    lines = [(t("web.field.status", lang), t(f"web.verify.{body.status}", lang))]
    if body.level is not None:
        lines.append((t("web.field.auditor_level", lang), str(body.level)))
    lines.append((t("web.field.note", lang), body.note or "—"))
    for i, e in enumerate(body.seen, 1):
        lines.append(
            (
                t("web.field.seen_n", lang, n=i),
                " · ".join([e.title, t(f"kind.{e.kind}", lang), e.date.isoformat() if e.date else "—", e.ref or "—"]),
            )
        )
    return lines
