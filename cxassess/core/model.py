"""Validated models of standards (catalogues), rubrics and answers.

All three are data: a new standard or rubric is a folder of YAML, never new code.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from cxassess.i18n import Lang

STANDARD_SCHEMA = "cxassess/standard/1"
RUBRIC_SCHEMA = "cxassess/rubric/1"
ANSWERS_SCHEMA = "cxassess/answers/1"
TARGETS_SCHEMA = "cxassess/targets/1"
VERIFICATION_SCHEMA = "cxassess/verification/1"
THEME_SCHEMA = "cxassess/theme/1"

OrgSize = Literal["micro", "small", "medium", "large"]
EvidenceKind = Literal["document", "record", "interview", "observation", "data", "other"]
ORG_SIZES: tuple[str, ...] = ("micro", "small", "medium", "large")
EVIDENCE_KINDS: tuple[str, ...] = ("document", "record", "interview", "observation", "data", "other")
Strength = Literal["shall", "should", "may"]  # 应 / 宜 / 可
STRENGTHS: tuple[Strength, ...] = ("shall", "should", "may")
Audience = Literal["top", "middle", "frontline"]  # 高层 / 中层 / 一线
AUDIENCES: tuple[Audience, ...] = ("top", "middle", "frontline")

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]*$", max_length=64)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
Weight = Annotated[float, Field(gt=0, le=1000)]


class Base(BaseModel):
    """Strict, closed, immutable: unknown keys and loose types are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


class Text(Base):
    """A text in both report languages."""

    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en


# --------------------------------------------------------------------------- standards


class Principle(Base):
    """A principle of the standard; where the standard numbers them as items of a chapter
    (GB/T 42509 chapter 4, items a–e), ``number`` is how the item is cited."""

    id: Id
    number: str | None = None
    title: Text
    summary: Text
    aliases: list[Id] = []


class Correspondence(Base):
    """Where the same subject sits in another standard (e.g. GB/T 19001-2016 9.1.2)."""

    standard: NonEmpty
    clauses: list[NonEmpty] = Field(min_length=1)
    note: Text | None = None


class Clause(Base):
    id: Id
    number: NonEmpty
    title: Text
    summary: Text
    group: Id | None = None
    aliases: list[Id] = []
    mappings: list[Correspondence] = []
    clauses: list[Clause] = []


class PrinciplesChapter(Base):
    """The numbered chapter that holds the principles (they are assessed through question tags)."""

    id: Id
    number: NonEmpty
    title: Text
    summary: Text | None = None


class Term(Base):
    """A key term of the standard, defined in cxassess's own words."""

    id: Id
    term: Text
    definition: Text
    aliases: list[Id] = []


class Standard(Base):
    schema_: Literal["cxassess/standard/1"] = Field(alias="schema")
    id: Id
    designation: NonEmpty
    edition: NonEmpty
    title: Text
    publisher: Text | None = None
    kind: Text | None = None
    groups: dict[Id, Text] = {}
    principles_chapter: PrinciplesChapter | None = None
    principles: list[Principle] = []
    clauses: list[Clause]
    terms: list[Term] = []

    @property
    def key(self) -> str:
        """``id:edition``, the reference a rubric uses."""
        return f"{self.id}:{self.edition}"

    def chapters(self) -> list[Clause]:
        return list(self.clauses)

    def walk(self) -> list[tuple[Clause, Clause]]:
        """Every clause with its chapter (top-level ancestor), in document order."""
        out: list[tuple[Clause, Clause]] = []

        def visit(c: Clause, chapter: Clause) -> None:
            out.append((c, chapter))
            for child in c.clauses:
                visit(child, chapter)

        for ch in self.clauses:
            visit(ch, ch)
        return out

    def clause_index(self) -> dict[str, Clause]:
        return {c.id: c for c, _ in self.walk()}

    def chapter_of(self) -> dict[str, str]:
        return {c.id: ch.id for c, ch in self.walk()}

    def leaves(self) -> list[Clause]:
        """The assessable clauses (those without sub-clauses), in document order."""
        return [c for c, _ in self.walk() if not c.clauses]

    def principle_aliases(self) -> dict[str, str]:
        """Old principle ids → current ids."""
        return {a: p.id for p in self.principles for a in p.aliases}


# --------------------------------------------------------------------------- rubrics


class ScaleLevel(Base):
    level: Annotated[int, Field(ge=0, le=100)]
    label: Text
    description: Text


class Scale(Base):
    levels: list[ScaleLevel] = Field(min_length=2)

    @property
    def min(self) -> int:
        return min(level.level for level in self.levels)

    @property
    def max(self) -> int:
        return max(level.level for level in self.levels)

    def values(self) -> list[int]:
        return [level.level for level in self.levels]

    def label(self, level: int, lang: Lang) -> str:
        for item in self.levels:
            if item.level == level:
                return item.label.get(lang)
        return str(level)


class ScoringRules(Base):
    """Thresholds of the scoring rules; every one is printed with the result.

    ``evidence_required_from`` / ``unevidenced_cap``: a level at or above the first claimed with no
    counted evidence is capped at the second (the simplest evidence rule; ``evidence.levels`` in
    the rubric states finer ones).
    """

    evidence_required_from: int = 3
    unevidenced_cap: int = 2
    low_coverage_na_share: Annotated[float, Field(ge=0, le=1)] = 0.25
    clause_weights: dict[Id, Weight] = {}
    chapter_weights: dict[Id, Weight] = {}


Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")
Effort = Literal["low", "medium", "high"]


class ActionPlanRules(Base):
    """How gaps become a prioritised action plan.

    priority = gap × core_factor (for core items) × question weight × clause weight;
    severity is ``high`` from ``high_from``, ``medium`` from ``medium_from``, else ``low``;
    the due date is the assessment date plus ``due_days`` of the severity. ``owners`` is keyed by
    clause id (first) or design-card group; ``default_owner`` otherwise.
    """

    core_factor: Annotated[float, Field(ge=1, le=100)] = 2.0
    high_from: Annotated[float, Field(gt=0)] = 3.0
    medium_from: Annotated[float, Field(gt=0)] = 1.5
    due_days: dict[Severity, Annotated[int, Field(ge=1, le=3650)]] = {"high": 30, "medium": 90, "low": 180}
    owners: dict[Id, Text] = {}
    default_owner: Text | None = None


Grade = Literal["major", "minor", "observation", "ofi"]
GRADES: tuple[Grade, ...] = ("major", "minor", "observation", "ofi")
GRADE_RANK: dict[Grade, int] = {"major": 4, "minor": 3, "observation": 2, "ofi": 1}


VerificationStatus = Literal["verified", "not_verified", "disputed"]


class GradingRule(Base):
    """One grading rule. A finding takes the most severe grade among the rules whose conditions
    all hold, so a higher level can never match a more severe rule than a lower one.

    ``below``: the effective level is below this number, or below the clause target with
    ``"target"``; ``core``: the question is (true) or is not (false) a core item; ``strength``:
    the question's normative strength is one of these; ``auditor``: an auditor's verification
    of the answer has one of these outcomes (``not_verified``: the auditor looked and could not
    confirm it). A claim lowered for lack of evidence is graded by the level it was lowered to
    (the evidence model says why).
    """

    grade: Grade
    below: int | Literal["target"] | None = None
    core: bool | None = None
    strength: list[Strength] | None = None
    auditor: list[VerificationStatus] | None = None


class EvidenceRequirement(Base):
    """``min_items`` counted items of one of ``kinds`` (any kind if empty) whose dates span at
    least ``span_months`` (records kept over time)."""

    min_items: Annotated[int, Field(ge=0, le=100)] = 1
    kinds: list[EvidenceKind] = []
    span_months: Annotated[int, Field(ge=0, le=120)] = 0


class MetricEvidenceRule(Base):
    """When an evidence item cites a figure of a metrics result (``cxassess metrics --json``), it
    counts only if the figure rests on at least ``min_n`` responses, is not marked as too few, and
    its latest response is within ``within_months`` before the assessment date (and not after)."""

    min_n: Annotated[int, Field(ge=1, le=1_000_000)] = 30
    within_months: Annotated[int, Field(ge=1, le=120)] = 12


class EvidenceRules(Base):
    """Which evidence counts and what it supports, shared by every output.

    Evidence counts when it is dated (unless ``undated_counts``), not after the assessment date
    and not older than ``max_age_months``. A level is supported when the requirements of that
    level and of every level below it are met by counted evidence.
    """

    max_age_months: Annotated[int, Field(ge=1, le=600)] | None = None
    undated_counts: bool = False
    levels: dict[int, EvidenceRequirement | list[EvidenceRequirement]] = {}
    metrics: MetricEvidenceRule = MetricEvidenceRule()

    def requirements(self, level: int) -> list[EvidenceRequirement]:
        req = self.levels.get(level)
        if req is None:
            return []
        return list(req) if isinstance(req, list) else [req]


SystemCondition = Literal["no_counted_evidence", "unevidenced_share", "clause_below_target"]


class SystemRule(Base):
    """A finding about the management system as a whole (体系未有效运行), beside per-question grades.

    ``no_counted_evidence``: the organisation has no counted evidence at all;
    ``unevidenced_share``: more than ``above`` of the answered questions have no counted evidence;
    ``clause_below_target``: no answered question of a clause reaches the clause's target level on
    counted evidence (one finding per clause; unanswered questions of the clause do not excuse it).
    """

    when: SystemCondition
    above: Annotated[float, Field(ge=0, le=1)] | None = None
    grade: Grade


class Vocabulary(Base):
    """Labels for the four grades. ``requirements_only``: these labels (nonconformity wording) are
    used only for items declared as requirements; other findings use the default vocabulary."""

    major: Text
    minor: Text
    observation: Text
    ofi: Text
    requirements_only: bool = False
    basis: Text | None = None

    def label(self, grade: Grade) -> Text:
        text: Text = getattr(self, grade)
        return text


class ReadinessRules(Base):
    vocabularies: dict[Id, Vocabulary] = {}
    default_vocabulary: Id | None = None
    requirements: list[Id] = []  # question ids a scheme or the organisation adopted as requirements
    grading: list[GradingRule] = []
    escalate_minors: Annotated[int, Field(ge=2)] | None = None
    system: list[SystemRule] = []
    evidence: EvidenceRules | None = None  # older rubrics: the evidence rules lived here
    corrective_action_days: dict[Grade, Annotated[int, Field(ge=1)]] = {}


class MetricDefinition(Base):
    """A customer-experience metric as the rubric's questions mean it."""

    name: Text
    definition: Text
    formula: Text
    scale: Text | None = None


class Question(Base):
    id: Id
    clause: Id
    part: Text | None = None  # the part of the clause the question rests on
    strength: Strength | None = None  # normative strength of what is assessed (default: should)
    principles: list[Id] = []
    text: Text
    criteria: dict[int, Text]
    evidence: Text  # what an assessor samples
    weight: Weight = 1.0
    core: bool = False
    core_reason: Text | None = None
    na_allowed: bool = True
    na_guidance: Text | None = None
    improvement: Text | dict[int, Text]  # one action, or one per step keyed by the level it reaches
    prompts: dict[Audience, Text] = {}
    metrics: list[Id] = []
    aliases: list[Id] = []

    @property
    def normative_strength(self) -> Strength:
        return self.strength or "should"

    def improvement_to(self, level: int) -> Text | None:
        """The action that takes an organisation to ``level`` from the level below."""
        if isinstance(self.improvement, Text):
            return self.improvement
        if level in self.improvement:
            return self.improvement[level]
        above = sorted(k for k in self.improvement if k >= level)
        return self.improvement[above[0]] if above else None


class Migration(Base):
    """How answers to an earlier version of this rubric carry over to this one."""

    from_version: NonEmpty
    questions: dict[Id, list[Id]]  # old question id → new question id(s) the answer carries to
    note: Text | None = None


class Rubric(Base):
    schema_: Literal["cxassess/rubric/1"] = Field(alias="schema")
    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+\.\d+$")]
    standard: NonEmpty
    title: Text
    description: Text | None = None
    scale: Scale
    target_level: int
    scoring: ScoringRules = ScoringRules()
    evidence: EvidenceRules | None = None
    action_plan: ActionPlanRules = ActionPlanRules()
    readiness: ReadinessRules = ReadinessRules()
    metrics: dict[Id, MetricDefinition] = {}
    migrations: list[Migration] = []
    questions: list[Question] = Field(min_length=1)

    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def alias_index(self) -> dict[str, str]:
        return {alias: q.id for q in self.questions for alias in q.aliases}

    def evidence_rules(self) -> EvidenceRules:
        """The evidence rules in force: the rubric's ``evidence`` block, else the older
        ``readiness.evidence`` block, else none beyond ``scoring``."""
        return self.evidence or self.readiness.evidence or EvidenceRules()


# --------------------------------------------------------------------------- answers

# Declared limits on what one answers or verification file may hold; each is checked with a
# located message. Text limits stay below a spreadsheet cell's 32,767 characters so that every
# file that validates survives the Excel and CSV round trip.
MAX_TITLE = 500
MAX_TEXT = 20_000
MAX_EVIDENCE_ITEMS = 50
MAX_ANSWERS = 2_000

# C0 controls (tab and line feed allowed), DEL, C1 controls, the Unicode line and paragraph
# separators and the bidirectional overrides and isolates (they can make text display in an order
# other than it is stored)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# dates outside this window are typing mistakes (and would overflow date arithmetic)
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


def _custom(message_code: str, **ctx: object) -> PydanticCustomError:
    """A model-level problem carried as a message code (rendered by the message catalogue)."""
    return PydanticCustomError(message_code, message_code, dict(ctx))


def _printable(text: str) -> str:
    """No control characters (tab and line breaks are fine): they cannot survive a spreadsheet."""
    found = _CONTROL.search(text)
    if found is not None:
        raise _custom("field.control_character", char=f"U+{ord(found.group()):04X}")
    return text


def control_character(text: str) -> str | None:
    """The first control character of ``text`` as ``U+XXXX`` (what ``_printable`` refuses), or None."""
    found = _CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found is not None else None


def visible(text: str) -> bool:
    """Whether ``text`` shows anything: a character that is neither a space nor invisible (the
    zero-width space, joiners and other format characters are not printable)."""
    return any(c.isprintable() and not c.isspace() for c in text)


def _titled(text: str) -> str:
    """A title or name: some visible text, on one line."""
    if not visible(text):
        raise _custom("field.blank", found=repr(text))
    if "\n" in text or "\r" in text:
        raise _custom("field.one_line", found=repr(text[:60]))
    return text


def _iso_date(value: object) -> object:
    """A quoted ``"YYYY-MM-DD"`` is the same date as an unquoted one; anything else is left to the
    strict date check (and its located message)."""
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _custom("yaml.bad_date", found=repr(value)) from None
    return value


def iso_day(text: str) -> dt.date:
    """A ``YYYY-MM-DD`` date and nothing else (``fromisoformat`` also takes ``20261122``);
    ValueError otherwise."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(text)
    return dt.date.fromisoformat(text)


def _plausible_date(value: dt.date) -> dt.date:
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise _custom(
            "field.date_range", earliest=EARLIEST_DATE.isoformat(), latest=LATEST_DATE.isoformat(), found=str(value)
        )
    return value


Date = Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_plausible_date)]
Title = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_TITLE), AfterValidator(_printable), AfterValidator(_titled)
]
ShortText = Annotated[str, StringConstraints(max_length=MAX_TITLE), AfterValidator(_printable)]
LongText = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_printable)]


class Evidence(Base):
    title: Title
    kind: EvidenceKind
    date: Date | None = None
    ref: ShortText = ""
    metrics: ShortText | None = None  # a metrics result (cxassess metrics --json) in the answers' folder
    figure: ShortText | None = None  # the figure cited: nps, nps@2026-Q3, nps[渠道=电话热线] …

    @model_validator(mode="after")
    def _metrics_with_figure(self) -> Evidence:
        if (self.metrics is None) != (self.figure is None):
            raise _custom("evidence.metrics_and_figure")
        if self.metrics is not None and self.kind != "data":
            raise _custom("evidence.metrics_kind", found=self.kind)
        return self


class Answer(Base):
    level: int | None = None
    na: bool = False
    justification: LongText | None = None
    evidence: Annotated[list[Evidence], Field(max_length=MAX_EVIDENCE_ITEMS)] = []
    notes: LongText | None = None

    @model_validator(mode="after")
    def _level_or_na(self) -> Answer:
        if self.na and self.level is not None:
            raise _custom("answer.level_and_na")
        return self


class Organisation(Base):
    id: Id
    name: Title
    sector: Title
    size: OrgSize
    scope: LongText = ""


class AssessmentInfo(Base):
    date: Date
    assessor: Title
    rubric: Id
    rubric_version: Title


class Answers(Base):
    schema_: Literal["cxassess/answers/1"] = Field(alias="schema")
    organisation: Organisation
    assessment: AssessmentInfo
    answers: Annotated[dict[Id, Answer], Field(max_length=MAX_ANSWERS)] = {}


class Targets(Base):
    """A per-clause override of the rubric's target level."""

    schema_: Literal["cxassess/targets/1"] = Field(alias="schema")
    default: int | None = None
    clauses: dict[Id, int] = {}


class VerifiedAnswer(Base):
    status: VerificationStatus
    level: int | None = None
    note: LongText | None = None
    seen: Annotated[list[Evidence], Field(max_length=MAX_EVIDENCE_ITEMS)] = []  # what the auditor examined

    @model_validator(mode="after")
    def _disputed_needs_level_and_note(self) -> VerifiedAnswer:
        if self.status == "disputed" and (self.level is None or not (self.note or "").strip()):
            raise _custom("verification.disputed_needs_level")
        if self.status != "disputed" and self.level is not None:
            raise _custom("verification.level_unless_disputed", status=self.status)
        return self


class Interviewee(Base):
    name: Title
    role: ShortText = ""


class Verification(Base):
    """An auditor's verification of one answers file; it never alters the answers."""

    schema_: Literal["cxassess/verification/1"] = Field(alias="schema")
    auditor: Title
    date: Date
    started: Date | None = None  # first day of the verification visit (default: ``date``)
    team: list[Title] = []
    interviewees: list[Interviewee] = []
    sampling: LongText | None = None  # what was sampled and how
    answers: Title | None = None  # the answers file verified, relative to this file (named, if given)
    answers_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    findings: Annotated[dict[Id, VerifiedAnswer], Field(max_length=MAX_ANSWERS)] = {}


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class ThemeColours(Base):
    primary: Colour = "#14396b"
    accent: Colour = "#d9822b"


class Theme(Base):
    """A consultancy's branding, applied to every report without editing templates."""

    schema_: Literal["cxassess/theme/1"] = Field(alias="schema")
    name: Title
    logo: ShortText | None = None  # an image file in the theme's folder
    colours: ThemeColours = ThemeColours()
    footer: ShortText | None = None
    prepared_by: ShortText | None = None  # e.g. the consultancy's name on the report cover
    confidentiality: LongText | None = None
