"""Validated models of standards (catalogues), rubrics and answers.

All three are data: a new standard or rubric is a folder of YAML, never new code.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

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
Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

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
    id: Id
    title: Text
    summary: Text
    aliases: list[Id] = []


class Clause(Base):
    id: Id
    number: NonEmpty
    title: Text
    summary: Text
    group: Id | None = None
    aliases: list[Id] = []
    clauses: list[Clause] = []


class Standard(Base):
    schema_: Literal["cxassess/standard/1"] = Field(alias="schema")
    id: Id
    designation: NonEmpty
    edition: NonEmpty
    title: Text
    publisher: Text | None = None
    kind: Text | None = None
    groups: dict[Id, Text] = {}
    principles: list[Principle] = []
    clauses: list[Clause]

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
    """Thresholds of the scoring rules; every one is printed with the result."""

    evidence_required_from: int = 3
    unevidenced_cap: int = 2
    low_coverage_na_share: Annotated[float, Field(ge=0, le=1)] = 0.25
    clause_weights: dict[Id, Weight] = {}
    chapter_weights: dict[Id, Weight] = {}


Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")


class ActionPlanRules(Base):
    """How gaps become a prioritised action plan.

    priority = gap × core_factor (for core items) × question weight × clause weight;
    severity is ``high`` from ``high_from``, ``medium`` from ``medium_from``, else ``low``;
    the due date is the assessment date plus ``due_days`` of the severity.
    """

    core_factor: Annotated[float, Field(ge=1, le=100)] = 2.0
    high_from: Annotated[float, Field(gt=0)] = 3.0
    medium_from: Annotated[float, Field(gt=0)] = 1.5
    due_days: dict[Severity, Annotated[int, Field(ge=1, le=3650)]] = {"high": 30, "medium": 90, "low": 180}
    owners: dict[Id, Text] = {}
    default_owner: Text | None = None


Grade = Literal["major", "minor", "observation", "ofi"]
GRADES: tuple[Grade, ...] = ("major", "minor", "observation", "ofi")


class GradingRule(Base):
    """One grading rule; the first rule whose conditions all hold gives the grade.

    ``below``: the judged level is below this number, or below the clause target with ``"target"``;
    ``core``: the question is (true) or is not (false) a core item; ``downgraded``: the evidence
    rules lowered the level.
    """

    grade: Grade
    below: int | Literal["target"] | None = None
    core: bool | None = None
    downgraded: bool | None = None


class EvidenceRequirement(Base):
    min_items: Annotated[int, Field(ge=0)] = 1
    kinds: list[EvidenceKind] = []


class EvidenceRules(Base):
    max_age_months: Annotated[int, Field(ge=1)] | None = None
    undated_counts: bool = False
    levels: dict[int, EvidenceRequirement] = {}


class ReadinessRules(Base):
    vocabularies: dict[Id, dict[Grade, Text]] = {}
    grading: list[GradingRule] = []
    escalate_minors: Annotated[int, Field(ge=2)] | None = None
    evidence: EvidenceRules = EvidenceRules()
    corrective_action_days: dict[Grade, Annotated[int, Field(ge=1)]] = {}


class Question(Base):
    id: Id
    clause: Id
    principles: list[Id] = []
    text: Text
    criteria: dict[int, Text]
    evidence: Text
    weight: Weight = 1.0
    core: bool = False
    na_allowed: bool = True
    improvement: Text
    aliases: list[Id] = []


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
    action_plan: ActionPlanRules = ActionPlanRules()
    readiness: ReadinessRules = ReadinessRules()
    questions: list[Question] = Field(min_length=1)

    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def alias_index(self) -> dict[str, str]:
        return {alias: q.id for q in self.questions for alias in q.aliases}


# --------------------------------------------------------------------------- answers


class Evidence(Base):
    title: NonEmpty
    kind: EvidenceKind
    date: dt.date | None = None
    ref: str = ""


class Answer(Base):
    level: int | None = None
    na: bool = False
    justification: str | None = None
    evidence: list[Evidence] = []
    notes: str | None = None

    @model_validator(mode="after")
    def _level_or_na(self) -> Answer:
        if self.na and self.level is not None:
            raise ValueError("expected either a level or na: true, found both")
        return self


class Organisation(Base):
    id: Id
    name: NonEmpty
    sector: NonEmpty
    size: OrgSize
    scope: str = ""


class AssessmentInfo(Base):
    date: dt.date
    assessor: NonEmpty
    rubric: Id
    rubric_version: NonEmpty


class Answers(Base):
    schema_: Literal["cxassess/answers/1"] = Field(alias="schema")
    organisation: Organisation
    assessment: AssessmentInfo
    answers: dict[Id, Answer] = {}


class Targets(Base):
    """A per-clause override of the rubric's target level."""

    schema_: Literal["cxassess/targets/1"] = Field(alias="schema")
    default: int | None = None
    clauses: dict[Id, int] = {}


VerificationStatus = Literal["verified", "not_verified", "disputed"]


class VerifiedAnswer(Base):
    status: VerificationStatus
    level: int | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _disputed_needs_level_and_note(self) -> VerifiedAnswer:
        if self.status == "disputed" and (self.level is None or not (self.note or "").strip()):
            raise ValueError("expected a level and a note on a disputed answer, found none")
        if self.status != "disputed" and self.level is not None:
            raise ValueError(f"expected no level unless disputed, found a level on a {self.status} answer")
        return self


class Verification(Base):
    """An auditor's verification of one answers file; it never alters the answers."""

    schema_: Literal["cxassess/verification/1"] = Field(alias="schema")
    auditor: NonEmpty
    date: dt.date
    answers_sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")] | None = None
    findings: dict[Id, VerifiedAnswer] = {}


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class ThemeColours(Base):
    primary: Colour = "#14396b"
    accent: Colour = "#d9822b"


class Theme(Base):
    """A consultancy's branding, applied to every report without editing templates."""

    schema_: Literal["cxassess/theme/1"] = Field(alias="schema")
    name: NonEmpty
    logo: str | None = None  # a local file, relative to the theme file
    colours: ThemeColours = ThemeColours()
    footer: str | None = None
