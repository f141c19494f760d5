"""The metrics configuration (``cxassess/metrics-config/1``) and how raw survey cells become
answers: which column holds which item, on which scale, and why a cell is not usable.

Everything here is pure: cells arrive as Python values (text from CSV; numbers, dates or text
from Excel) and leave as numbers or as a reason (blank, text, out of range, not a whole number,
not a date, not a positive weight).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Annotated, Literal, get_args

from pydantic import BeforeValidator, Discriminator, Field, StringConstraints, Tag, field_validator, model_validator
from pydantic_core import PydanticCustomError

from cxassess.core.model import Base, NonEmpty, Text

METRICS_CONFIG_SCHEMA = "cxassess/metrics-config/1"

MetricId = Literal["nps", "csat", "ces"]
SURVEY_METRICS: tuple[MetricId, ...] = ("nps", "csat", "ces")
Granularity = Literal["month", "quarter", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("month", "quarter", "year")
Polarity = Literal["higher_is_easier", "higher_is_harder"]

# Why a cell cannot be used; the order is the order of the report's tables.
Reason = Literal[
    "blank",
    "text",
    "formula",
    "control_character",
    "not_integer",
    "out_of_range",
    "not_a_date",
    "implausible_date",
    "not_positive",
    "implausible_weight",
    "empty_row",
]
REASONS: tuple[Reason, ...] = get_args(Reason)

# Response dates (and retention periods) outside this window are typing errors, not periods: a
# response dated 1000-01-01 or 9999-12-31 is an unusable cell ("implausible_date"), so the number
# of periods is bounded (at most 110 years, 440 quarters, 1,320 months).
# Response weights outside this range are typing errors (or a column of ids taken for weights): a
# weight of 1e308 overflows the weighted sums into NaN figures, one of 1e-320 squares to zero.
MIN_WEIGHT = 1e-6
MAX_WEIGHT = 1e6
EARLIEST = dt.date(1990, 1, 1)
LATEST = dt.date(2099, 12, 31)

DEFAULT_SCALES: dict[MetricId, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
DEFAULT_PERIODS: tuple[Granularity, ...] = ("quarter", "month")
PERIOD_PATTERN = re.compile(r"^(\d{4})(-Q[1-4]|-(0[1-9]|1[0-2]))?$")


def _custom(code: str, **ctx: object) -> PydanticCustomError:
    return PydanticCustomError(code, code, dict(ctx))


Column = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Item(Base):
    """One survey question: its column, its scale and, optionally, answer texts mapped to numbers
    (for exports that write 非常满意 rather than 5)."""

    column: Column
    scale: list[int] | None = None  # [lowest, highest]; default by metric
    values: dict[NonEmpty, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _scale_is_a_range(self) -> Item:
        if self.scale is not None and (len(self.scale) != 2 or self.scale[0] >= self.scale[1]):
            raise _custom("metrics.config.scale", found=str(self.scale))
        return self


class CesItem(Item):
    """The effort item: CES 2.0 asks for agreement with "… made it easy" (1–7, higher is easier);
    an item worded as effort (1 = very easy … 7 = very hard) is ``higher_is_harder`` and is
    reversed (lowest + highest − answer) before anything is computed."""

    polarity: Polarity = "higher_is_easier"


class MetricItems(Base):
    nps: Item | None = None
    csat: Item | None = None
    ces: CesItem | None = None

    @model_validator(mode="after")
    def _at_least_one(self) -> MetricItems:
        if self.nps is None and self.csat is None and self.ces is None:
            raise _custom("metrics.config.no_metric")
        return self

    @model_validator(mode="after")
    def _nps_on_0_to_10(self) -> MetricItems:
        # promoters (9–10) and detractors (0–6) are defined on the 0–10 item only: NPS on any
        # other scale is not NPS (a 1–5 item would read as all detractors)
        if self.nps is not None and self.nps.scale is not None and self.nps.scale != [0, 10]:
            raise _custom("metrics.config.nps_scale", found=str(self.nps.scale))
        # a top-two-box share or an "above the midpoint" share needs at least three points
        for item in (self.csat, self.ces):
            if item is not None and item.scale is not None and item.scale[1] - item.scale[0] < 2:
                raise _custom("metrics.config.scale_points", found=str(item.scale))
        return self

    def items(self) -> list[tuple[MetricId, Item]]:
        out: list[tuple[MetricId, Item]] = []
        for key in SURVEY_METRICS:
            item = getattr(self, key)
            if item is not None:
                out.append((key, item))
        return out


# the directives Python's strptime knows (``%%`` is a literal percent sign)
STRPTIME_DIRECTIVES = frozenset("aAwdbBmyYHIpMSfzZjUWcxXGuV%")
_DIRECTIVE = re.compile(r"%(:z|.?)", re.DOTALL)
_YEAR_DIRECTIVES = frozenset("YyGcx")


class DateColumn(Base):
    column: Column
    format: Annotated[str, StringConstraints(max_length=60)] | None = None  # strptime format (checked below)

    @field_validator("format")
    @classmethod
    def _known_directives(cls, fmt: str | None) -> str | None:
        if fmt is None:
            return None
        directives = [m.group(1) for m in _DIRECTIVE.finditer(fmt)]
        for d in directives:
            if d != ":z" and d not in STRPTIME_DIRECTIVES:
                raise _custom("metrics.config.date_format", found=repr(fmt), directive=repr("%" + d))
        if not _YEAR_DIRECTIVES & set(directives):
            raise _custom("metrics.config.date_format_year", found=repr(fmt))
        return fmt


class Segment(Base):
    column: Column
    label: Text | None = None  # the dimension's name in reports (default: the column heading)


def _period(value: object) -> str:
    """A retention period: ``2026``, ``2026-Q1`` or ``2026-03`` (a YAML number for a year), within
    the plausible window; one message whatever is wrong with it."""
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if isinstance(text, str):
        m = PERIOD_PATTERN.match(text)
        if m is not None and EARLIEST.year <= int(m.group(1)) <= LATEST.year:
            return text
    shown = value.isoformat() if isinstance(value, dt.date) else str(value)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise _custom("metrics.config.period", found=repr(shown), first=EARLIEST.year, last=LATEST.year)


MAX_COUNT = 10**12  # customers in a period: more is a typing slip (and past floats' range, a crash)


class RetentionPeriod(Base):
    """Customer counts of one period: S at the start, E at the end, N new during it."""

    period: Annotated[str, BeforeValidator(_period)]
    start: Annotated[int, Field(ge=1, le=MAX_COUNT)]
    end: Annotated[int, Field(ge=0, le=MAX_COUNT)]
    new: Annotated[int, Field(ge=0, le=MAX_COUNT)]

    @model_validator(mode="after")
    def _counts_add_up(self) -> RetentionPeriod:
        retained = self.end - self.new
        if retained < 0 or retained > self.start:
            raise _custom("metrics.config.counts", start=self.start, end=self.end, new=self.new)
        return self

    @property
    def period_id(self) -> str:
        return self.period


def _segment_kind(value: object) -> str:
    return UNION_TEXT if isinstance(value, str) else UNION_MAPPING


# a segment is a column heading or a mapping with its label: only the form written is checked, so
# a problem is told once, at its own field (the tags are dropped from the path reported)
UNION_TEXT, UNION_MAPPING = "<text>", "<mapping>"
SegmentItem = Annotated[
    Annotated[Column, Tag(UNION_TEXT)] | Annotated[Segment, Tag(UNION_MAPPING)],
    Discriminator(_segment_kind),
]


class MetricsConfig(Base):
    schema_: Literal["cxassess/metrics-config/1"] = Field(alias="schema")
    organisation: NonEmpty | None = None
    title: NonEmpty | None = None
    sheet: NonEmpty | None = None  # Excel: the sheet to read (default: the first)
    date: DateColumn
    weight: Column | None = None  # a column of positive response weights
    periods: Annotated[list[Granularity], Field(min_length=1, max_length=3)] = Field(
        default_factory=lambda: list(DEFAULT_PERIODS)
    )
    min_n: Annotated[int, Field(ge=1, le=100_000)] = 30
    confidence: Annotated[float, Field(ge=0.5, le=0.999)] = 0.95
    alpha: Annotated[float, Field(gt=0, le=0.5)] = 0.05
    segments: Annotated[list[SegmentItem], Field(max_length=50)] = Field(default_factory=list)
    metrics: MetricItems
    retention: list[RetentionPeriod] = Field(default_factory=list)

    @model_validator(mode="after")
    def _no_repeats(self) -> MetricsConfig:
        if len(set(self.periods)) != len(self.periods):
            raise _custom("metrics.config.repeated", what="periods")
        columns = [s.column for s in self.segment_specs()]
        if len(set(columns)) != len(columns):
            raise _custom("metrics.config.repeated", what="segments")
        ids = [r.period_id for r in self.retention]
        if len(set(ids)) != len(ids):
            raise _custom("metrics.config.repeated", what="retention")
        return self

    def segment_specs(self) -> list[Segment]:
        return [Segment(column=s) if isinstance(s, str) else s for s in self.segments]

    def scale(self, metric: MetricId) -> tuple[int, int]:
        item = getattr(self.metrics, metric)
        if item is not None and item.scale is not None:
            return item.scale[0], item.scale[1]
        return DEFAULT_SCALES[metric]


# --------------------------------------------------------------------------- columns


def _normalise(heading: str) -> str:
    """Headings compared loosely: full-width forms folded (（ → (), case and spaces ignored."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", heading)).casefold()


def match_column(name: str, headings: Sequence[str]) -> int | None:
    """The index of the column called ``name``: exactly, else after folding full-width forms,
    case and spaces; None when absent or ambiguous."""
    exact = [i for i, h in enumerate(headings) if h == name]
    if len(exact) == 1:
        return exact[0]
    if exact:
        return None
    loose = [i for i, h in enumerate(headings) if _normalise(h) == _normalise(name)]
    return loose[0] if len(loose) == 1 else None


# --------------------------------------------------------------------------- cells


def _number(raw: object) -> float | None:
    """A cell as a number, or None when it is not one (text, a date, a boolean)."""
    if isinstance(raw, bool | dt.date | dt.time):
        return None
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        try:
            value = float(unicodedata.normalize("NFKC", raw.strip()))
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    return None


def _overflows(raw: object) -> bool:
    """Whether a cell is a number written out too large for a float (``9`` × 400), not the word inf."""
    if not isinstance(raw, str):
        return False
    text = unicodedata.normalize("NFKC", raw.strip())
    try:
        return math.isinf(float(text)) and "inf" not in text.lower()
    except ValueError:
        return False


def is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


# C0 and C1 controls (NUL, line breaks and tabs inside a value …) and the bidirectional-text
# controls that reorder what a reader sees (U+202E …): never part of an answer or a segment name
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """The text with each control character written as an escape (``\\x00``, ``\\u202e``), for listings."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def unusable_text(raw: object) -> Reason | None:
    """Why a text cell cannot be used whatever its column: a formula (``=…``: Excel's formula
    cells, or formula text in a CSV export) or a control character inside it."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if len(text) > 1 and text[0] == "=":
        return "formula"
    if _CONTROL.search(text):
        return "control_character"
    return None


def score(raw: object, low: int, high: int, labels: Mapping[str, int]) -> int | Reason:
    """A survey answer on a whole-number scale ``low``–``high``, or why it is not usable."""
    if is_blank(raw):
        return "blank"
    if (why := unusable_text(raw)) is not None:
        return why
    if isinstance(raw, str) and raw.strip() in labels:
        value: float | None = float(labels[raw.strip()])
    else:
        value = _number(raw)
    if value is None:
        return "text"
    if value != int(value):
        return "not_integer"
    if not low <= value <= high:
        return "out_of_range"
    return int(value)


def weight(raw: object) -> float | Reason:
    if is_blank(raw):
        return "blank"
    if (why := unusable_text(raw)) is not None:
        return why
    value = _number(raw)
    if value is None:
        return "implausible_weight" if _overflows(raw) else "text"
    if value <= 0:
        return "not_positive"
    if not MIN_WEIGHT <= value <= MAX_WEIGHT:
        return "implausible_weight"
    return value


_AUTO_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_OF_DAY = re.compile(r"[\sT].*$", re.DOTALL)


def keeps_time(fmt: str | None) -> bool:
    """Whether a date format reads the time of day too (then cells are parsed whole)."""
    return fmt is not None and bool(re.search(r"\s|T|%[HIMSpfXcz]", fmt))


def date_part(text: str) -> str:
    """The date of a timestamp cell: the text before its first space or ``T``."""
    return _TIME_OF_DAY.sub("", text.strip())


def date_of(raw: object, fmt: str | None) -> dt.date | Reason:
    """A response date: an Excel date, or text in ``fmt`` (strptime), else one of
    2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or 20260305 (a time of day after a space or T
    is ignored)."""
    if is_blank(raw):
        return "blank"
    if isinstance(raw, dt.datetime):
        return plausible(raw.date())
    if isinstance(raw, dt.date):
        return plausible(raw)
    if not isinstance(raw, str):
        return "not_a_date"
    if (why := unusable_text(raw)) is not None:
        return why
    text = raw.strip()
    try:
        if fmt is not None:
            return plausible(dt.datetime.strptime(text if keeps_time(fmt) else date_part(text), fmt).date())
        part = date_part(text)
        m = _AUTO_DATE.match(part) or _COMPACT_DATE.match(part)
        if m is None:
            return "not_a_date"
        return plausible(dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
    except ValueError:
        return "not_a_date"


def plausible(day: dt.date) -> dt.date | Reason:
    """A date within the plausible window, else ``implausible_date``."""
    return day if EARLIEST <= day <= LATEST else "implausible_date"


def segment_reason(raw: object) -> Reason | None:
    """Why a segment cell cannot be used (blank, a formula, a control character), else None."""
    return "blank" if is_blank(raw) else unusable_text(raw)


def segment_value(raw: object) -> str:
    """A usable segment cell as its label (numbers without a spurious .0)."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()
    return str(raw).strip()
