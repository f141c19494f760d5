"""Customer-experience metrics from survey responses: NPS, CSAT, CES, retention and churn, each
with its interval, its sample size, a "too few responses" marker, by period and by segment, and
tests of the differences between periods and between segments.

Pure: the survey arrives as columns already read (each column as its distinct cells and, per
response, the index of its cell), the result leaves as a typed, versioned model. Arrays are
NumPy; every figure is computed from group sums (``numpy.bincount``), so a million responses take
a fraction of a second. Definitions follow ``shared/domain/gbt42509.md``:

* NPS = 100 · (promoters 9–10 − detractors 0–6) / n on the 0–10 item; interval by the variance
  formula [(p + d) − (p − d)²] / n on adjusted-Wald estimates (¾ added to promoters and to
  detractors, 3 to n).
* CSAT = 100 · (answers in the top two boxes) / n; Wilson interval.
* CES = mean of the 1–7 answers (reversed first when the item is worded as effort); interval
  mean ± t · s / √n; beside it the share agreeing (above the midpoint: 5–7 on 1–7) with its
  Wilson interval.
* Retention = 100 · (E − N) / S from declared period counts; churn = 100 − retention; Wilson.
* Weighted responses use Kish's effective sample size n_eff = (Σw)² / Σw² in every interval and
  test.
* Differences: NPS by a z-test on the adjusted-Wald variances, proportions by the pooled
  two-proportion z-test, means by Welch's t-test. p-values are Holm-adjusted within each family
  (the changes of one series; the segments of one dimension); a difference is significant when
  its adjusted p is below alpha, and only then is it called a change.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from cxassess import __version__
from cxassess.core import stats
from cxassess.core.metrics_config import (
    REASONS,
    Granularity,
    MetricId,
    MetricsConfig,
    Reason,
    date_of,
    score,
    segment_reason,
    segment_value,
    visible,
    weight,
)
from cxassess.core.provenance import Out

METRICS_SCHEMA = "cxassess/metrics/1"
ENGINE = f"cxassess {__version__}"
MAX_LISTED = 10_000  # invalid cells listed one by one in the result (all are counted)

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
AnyMetric = Literal["nps", "csat", "ces", "retention", "churn"]

_REASON_CODE: dict[Reason, int] = {r: i + 1 for i, r in enumerate(REASONS)}  # 0 = usable
_EPOCH = dt.date(1970, 1, 1).toordinal()


# --------------------------------------------------------------------------- input


@dataclass(frozen=True)
class SurveyColumn:
    """One column of one survey file: its heading, its position, its distinct cells and, per
    response, the index of its cell among them."""

    heading: str
    index: int  # 0-based column position in the file
    uniques: Sequence[object]
    codes: npt.NDArray[np.integer]
    original: Callable[[int], object] | None = None  # the whole cell, when ``uniques`` were shortened


@dataclass(frozen=True)
class SurveyTable:
    """The columns of one survey file that the configuration names, and how to locate a cell."""

    file: str  # as given on the command line (for messages)
    name: str  # the file name (for the result: the same from any folder)
    sha256: str
    kind: Literal["csv", "xlsx"]
    rows: int
    columns: dict[str, SurveyColumn]  # by configured column name
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    row_numbers: npt.NDArray[np.integer] | None = None  # xlsx: the sheet row of each response

    def row_number(self, i: int) -> int:
        """The row a response sits on as a spreadsheet shows it (the heading is row 1)."""
        return int(self.row_numbers[i]) if self.row_numbers is not None else i + 2

    def where(self, i: int, column: SurveyColumn | None) -> str:
        row = self.row_number(i)
        if column is None:
            return f"{self.sheet}!{row}" if self.kind == "xlsx" else f"row {row}"
        if self.kind == "xlsx":
            return f"{self.sheet}!{column_letter(column.index)}{row}"
        return f"row {row}, column {column.heading}"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    out = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


# --------------------------------------------------------------------------- result model


class SurveyInput(Out):
    role: Literal["survey", "config"]
    name: str
    sha256: str
    rows: int | None = None
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None


class PeriodRef(Out):
    granularity: Granularity
    id: str  # 2026-03, 2026-Q1, 2026
    start: dt.date
    end: dt.date


class SegmentRef(Out):
    dimension: str  # the column heading
    value: str


class Covered(Out):
    """First and last response dates of a figure (for retention: the period's first and last day)."""

    first: dt.date | None
    last: dt.date | None


class Bounds(Out):
    low: float
    high: float


class Share(Out):
    value: float | None
    interval: Bounds | None


class Figure(Out):
    """One figure: a metric over all responses, or one period, one segment, or one segment in one period."""

    id: str
    metric: AnyMetric
    segment: SegmentRef | None = None
    period: PeriodRef | None = None
    covered: Covered
    n: int
    n_effective: float | None = None  # weighted responses only (Kish)
    value: float | None
    interval: Bounds | None
    too_few: bool
    # responses behind the figure (NPS: promoters …; retention: start, end, new, lost)
    counts: dict[str, int] = Field(default_factory=dict)
    shares: dict[str, float] = Field(default_factory=dict)  # NPS: promoters, passives, detractors (%)
    sd: float | None = None  # CES: standard deviation of the answers
    agreeing: Share | None = None  # CES: share answering above the midpoint (%)


Test = Literal["z_nps", "z_two_proportions", "welch_t"]
Kind = Literal["period_change", "trend", "segment_vs_rest"]
Direction = Literal["up", "down", "none"]


class Comparison(Out):
    """A difference ``a − b`` and its test; for segment_vs_rest, ``b`` is every other response of
    the dimension. ``direction`` is ``none`` unless the difference is significant."""

    kind: Kind
    metric: AnyMetric
    a: str
    b: str | None
    a_value: float
    b_value: float
    a_n: int
    b_n: int
    difference: float
    test: Test
    statistic: float
    p: float
    p_adjusted: float
    family_size: int
    significant: bool
    direction: Direction


class MetricResult(Out):
    id: AnyMetric
    column: str | None = None
    scale: list[int] | None = None
    polarity: str | None = None
    reversed: bool = False
    unit: Literal["points", "percent", "mean"]
    responses: int | None  # usable responses (None for retention and churn: they come from counts)
    figures: list[Figure]
    comparisons: list[Comparison]


class InvalidCount(Out):
    column: str
    role: str  # nps, csat, ces, date, weight, segment, row
    reason: Reason
    count: int


class InvalidCell(Out):
    file: str
    row: int
    column: str | None
    where: str
    role: str
    reason: Reason
    value: str


class Invalid(Out):
    total: int  # cells not usable (an empty row counts once)
    listed: int
    by_column: list[InvalidCount]
    cells: list[InvalidCell]


class Settings(Out):
    confidence: float
    alpha: float
    min_n: int
    periods: list[Granularity]
    date_column: str
    date_format: str | None
    weight_column: str | None
    segments: list[dict[str, str]]
    multiple_testing: str = "holm"


class SurveyCovered(Out):
    first: dt.date | None
    last: dt.date | None
    rows: int
    dated: int  # responses with a usable date (and weight, when weighted)


class MetricsResult(BaseModel):
    model_config = Out.model_config

    schema_: str = Field(alias="schema", default=METRICS_SCHEMA)
    engine: str = ENGINE
    organisation: str | None
    title: str | None
    inputs: list[SurveyInput]
    settings: Settings
    covered: SurveyCovered
    metrics: list[MetricResult]
    invalid: Invalid

    def metric(self, metric: str) -> MetricResult | None:
        return next((m for m in self.metrics if m.id == metric), None)


def metrics_json(result: MetricsResult) -> str:
    return result.model_dump_json(indent=2, by_alias=True) + "\n"


# --------------------------------------------------------------------------- periods


def period_index(granularity: Granularity, days: IntArray) -> IntArray:
    """Days since 1970-01-01 → a running period number (months, quarters or years since 1970)."""
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    if granularity == "month":
        return months
    if granularity == "quarter":
        return months // 3
    return months // 12


def period_ref(granularity: Granularity, k: int) -> PeriodRef:
    if granularity == "month":
        year, month0 = divmod(k, 12)
        year += 1970
        start = dt.date(year, month0 + 1, 1)
        end = dt.date(year + (month0 == 11), (month0 + 1) % 12 + 1, 1) - dt.timedelta(days=1)
        return PeriodRef(granularity=granularity, id=f"{year}-{month0 + 1:02d}", start=start, end=end)
    if granularity == "quarter":
        year, q0 = divmod(k, 4)
        year += 1970
        start = dt.date(year, 3 * q0 + 1, 1)
        end = dt.date(year + (q0 == 3), (3 * q0 + 3) % 12 + 1, 1) - dt.timedelta(days=1)
        return PeriodRef(granularity=granularity, id=f"{year}-Q{q0 + 1}", start=start, end=end)
    year = k + 1970
    return PeriodRef(granularity=granularity, id=str(year), start=dt.date(year, 1, 1), end=dt.date(year, 12, 31))


def parse_period(text: str) -> tuple[Granularity, int]:
    """``2026-03`` / ``2026-Q1`` / ``2026`` → (granularity, running period number)."""
    if "-Q" in text:
        year, q = text.split("-Q")
        return "quarter", (int(year) - 1970) * 4 + int(q) - 1
    if "-" in text:
        year, month = text.split("-")
        return "month", (int(year) - 1970) * 12 + int(month) - 1
    return "year", int(text) - 1970


# --------------------------------------------------------------------------- columns → arrays


@dataclass
class _Column:
    """One configured column over every file: per response a value (or NaN) and a reason code."""

    role: str
    name: str
    values: FloatArray
    reasons: npt.NDArray[np.int8]


def _gather(
    tables: Sequence[SurveyTable], name: str, convert: Callable[[object], float | Reason]
) -> tuple[FloatArray, npt.NDArray[np.int8]]:
    values: list[FloatArray] = []
    reasons: list[npt.NDArray[np.int8]] = []
    for table in tables:
        col = table.columns[name]
        vt = np.empty(len(col.uniques), dtype=np.float64)
        rt = np.zeros(len(col.uniques), dtype=np.int8)
        for i, raw in enumerate(col.uniques):
            got = convert(raw)
            if isinstance(got, str):
                vt[i] = math.nan
                rt[i] = _REASON_CODE[got]
            else:
                vt[i] = got
        values.append(vt[col.codes])
        reasons.append(rt[col.codes])
    return np.concatenate(values), np.concatenate(reasons)


def _segments(tables: Sequence[SurveyTable], name: str) -> tuple[IntArray, list[str], npt.NDArray[np.int8]]:
    """Segment codes over every file (−1 where blank), the labels by code, the reason codes."""
    labels: dict[str, int] = {}
    codes: list[IntArray] = []
    reasons: list[npt.NDArray[np.int8]] = []
    for table in tables:
        col = table.columns[name]
        ct = np.full(len(col.uniques), -1, dtype=np.int64)
        rt = np.zeros(len(col.uniques), dtype=np.int8)
        for i, raw in enumerate(col.uniques):
            why = segment_reason(raw)
            if why is not None:
                rt[i] = _REASON_CODE[why]
            else:
                ct[i] = labels.setdefault(segment_value(raw), len(labels))
        codes.append(ct[col.codes])
        reasons.append(rt[col.codes])
    return np.concatenate(codes), list(labels), np.concatenate(reasons)


# --------------------------------------------------------------------------- group sums


@dataclass(frozen=True)
class _Sums:
    """Per group: count, Σw, Σw², Σw·x, Σw·x², Σw·[x is an event]… as float arrays."""

    n: IntArray
    w: FloatArray
    w2: FloatArray
    wx: FloatArray
    wx2: FloatArray
    e1: FloatArray  # promoters / top-two / agreeing
    e2: FloatArray  # detractors (NPS)
    c1: IntArray  # unweighted counts of event 1 and event 2
    c2: IntArray
    first: IntArray  # first response day (days since 1970), −1 when empty
    last: IntArray


def _sums(keys: IntArray, size: int, arrays: dict[str, FloatArray | None], days: IntArray) -> _Sums:
    """Group sums by ``keys``. ``arrays`` holds per response the products to sum (w, w², w·x,
    w·x², w·event and the unweighted events); a missing product is derived (unweighted: Σw = n,
    Σw·event = count) or zero (no x for proportions)."""
    n = np.bincount(keys, minlength=size).astype(np.int64)
    nf = n.astype(np.float64)
    zero = np.zeros(size, dtype=np.float64)

    def bc(name: str, default: FloatArray) -> FloatArray:
        a = arrays.get(name)
        return default if a is None else np.asarray(np.bincount(keys, weights=a, minlength=size), dtype=np.float64)

    c1 = bc("c1", zero)
    c2 = bc("c2", zero)
    first = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(size, -1, dtype=np.int64)
    np.minimum.at(first, keys, days)
    np.maximum.at(last, keys, days)
    first[n == 0] = -1
    return _Sums(
        n=n,
        w=bc("w", nf),
        w2=bc("w2", nf),
        wx=bc("wx", zero),
        wx2=bc("wx2", zero),
        e1=bc("e1", c1),
        e2=bc("e2", c2),
        c1=np.rint(c1).astype(np.int64),
        c2=np.rint(c2).astype(np.int64),
        first=first,
        last=last,
    )


@dataclass(frozen=True)
class _Stat:
    """A group's estimate on the fraction scale (NPS −1..1, shares 0..1, means on the scale)."""

    n: int
    n_eff: float
    value: float | None
    low: float | None
    high: float | None
    e1: float = 0.0  # share of event 1
    e2: float = 0.0  # share of event 2
    c1: int = 0  # count of event 1
    c2: int = 0
    sd: float = 0.0
    first: int = -1
    last: int = -1


def _stat(
    metric: MetricId, s: _Sums, g: int, confidence: float, bounds: tuple[float, float] = (-math.inf, math.inf)
) -> _Stat:
    n = int(s.n[g])
    if n == 0 or s.w[g] <= 0:
        return _Stat(0, 0.0, None, None, None)
    n_eff = float(s.w[g] ** 2 / s.w2[g])
    p1 = float(s.e1[g] / s.w[g])
    p2 = float(s.e2[g] / s.w[g])
    first, last = int(s.first[g]), int(s.last[g])
    c1, c2 = int(s.c1[g]), int(s.c2[g])
    if metric == "nps":
        iv = stats.nps_interval(p1, p2, n_eff, confidence)
        return _Stat(n, n_eff, p1 - p2, iv.low, iv.high, p1, p2, c1, c2, first=first, last=last)
    if metric == "csat":
        iv = stats.wilson(p1, n_eff, confidence)
        return _Stat(n, n_eff, p1, iv.low, iv.high, p1, c1=c1, first=first, last=last)
    mean = float(s.wx[g] / s.w[g])
    var = max(float(s.wx2[g] / s.w[g]) - mean * mean, 0.0)
    sd = math.sqrt(var * n_eff / (n_eff - 1.0)) if n_eff > 1 else 0.0
    if n_eff >= 2.0 - 1e-9:
        # t with fewer than one degree of freedom (weighted, n_eff < 2) has no usable quantile
        iv = stats.mean_interval(mean, sd, n_eff, confidence, bounds)
        low, high = iv.low, iv.high
    else:
        low, high = None, None
    return _Stat(n, n_eff, mean, low, high, p1, c1=c1, sd=sd, first=first, last=last)


def _enough(st: _Stat, min_n: int) -> bool:
    """At least ``min_n`` responses, and with weights at least ``min_n`` effective ones (Kish):
    100 answers of which a few carry most of the weight are as uncertain as a few answers."""
    return st.n >= min_n and st.n_eff >= min_n - 1e-9


def _test(metric: MetricId, a: _Stat, b: _Stat) -> tuple[Test, stats.Test] | None:
    """The test of ``a − b``, or None where it is not defined (Welch on a group of one or with no
    spread in either group)."""
    assert a.value is not None and b.value is not None
    if metric == "nps":
        return "z_nps", stats.two_nps(a.e1, a.e2, a.n_eff, b.e1, b.e2, b.n_eff)
    if metric == "csat":
        return "z_two_proportions", stats.two_proportions(a.value, a.n_eff, b.value, b.n_eff)
    result = stats.welch(a.value, a.sd, a.n_eff, b.value, b.sd, b.n_eff)
    return None if result is None else ("welch_t", result)


# --------------------------------------------------------------------------- presentation


def _r(x: float, digits: int) -> float:
    """Rounded for the result (and −0.0 folded to 0.0, so that the JSON is stable)."""
    return round(x, digits) + 0.0


def _scale_value(metric: AnyMetric, x: float) -> float:
    return _r(x, 3) if metric == "ces" else _r(100.0 * x, 2)


def _day(days: int) -> dt.date | None:
    return None if days < 0 else dt.date.fromordinal(days + _EPOCH)


def _figure(
    metric: MetricId,
    st: _Stat,
    fid: str,
    min_n: int,
    weighted: bool,
    confidence: float,
    segment: SegmentRef | None = None,
    period: PeriodRef | None = None,
) -> Figure:
    too_few = not _enough(st, min_n)
    # a figure on too few responses is withheld: never shown, nor what it is computed from (the
    # counts of promoters and detractors give the NPS back); n says why
    withheld = too_few and st.n > 0
    shown = st.n > 0 and not withheld
    value = None if st.value is None or withheld else _scale_value(metric, st.value)
    interval = None
    if not withheld and st.low is not None and st.high is not None:
        interval = Bounds(low=_scale_value(metric, st.low), high=_scale_value(metric, st.high))
    shares: dict[str, float] = {}
    counts: dict[str, int] = {}
    agreeing = None
    if metric == "nps" and shown:
        counts = {"promoters": st.c1, "passives": st.n - st.c1 - st.c2, "detractors": st.c2}
        shares = {
            "promoters": _r(100 * st.e1, 2),
            "passives": _r(100 * (1 - st.e1 - st.e2), 2),
            "detractors": _r(100 * st.e2, 2),
        }
    if metric == "csat" and shown:
        counts = {"top_two_box": st.c1}
    if metric == "ces" and shown:
        counts = {"agreeing": st.c1}
        iv = stats.wilson(st.e1, st.n_eff, confidence)
        agreeing = Share(value=_r(100 * st.e1, 2), interval=Bounds(low=_r(100 * iv.low, 2), high=_r(100 * iv.high, 2)))
    return Figure(
        id=fid,
        metric=metric,
        segment=segment,
        period=period,
        covered=Covered(first=_day(st.first), last=_day(st.last)),
        n=st.n,
        n_effective=_r(st.n_eff, 2) if weighted and st.n else None,
        value=value,
        interval=interval,
        too_few=too_few,
        counts=counts,
        shares=shares,
        sd=_r(st.sd, 3) if metric == "ces" and shown else None,
        agreeing=agreeing,
    )


def _difference(metric: AnyMetric, a: float, b: float) -> float:
    return _r(a - b, 3) if metric == "ces" else _r(100.0 * (a - b), 2)


@dataclass
class _Pending:
    kind: Kind
    a: str
    b: str | None
    sa: _Stat
    sb: _Stat
    test: Test
    result: stats.Test


def _comparisons(metric: AnyMetric, pending: list[_Pending], alpha: float) -> list[Comparison]:
    """One family: Holm-adjusted p-values, significance and direction."""
    adjusted = stats.holm([p.result.p for p in pending])
    out = []
    for p, adj in zip(pending, adjusted, strict=True):
        assert p.sa.value is not None and p.sb.value is not None
        significant = adj < alpha
        diff = p.sa.value - p.sb.value
        out.append(
            Comparison(
                kind=p.kind,
                metric=metric,
                a=p.a,
                b=p.b,
                a_value=_scale_value(metric, p.sa.value),
                b_value=_scale_value(metric, p.sb.value),
                a_n=p.sa.n,
                b_n=p.sb.n,
                difference=_difference(metric, p.sa.value, p.sb.value),
                test=p.test,
                statistic=_r(p.result.statistic, 4) if math.isfinite(p.result.statistic) else 0.0,
                p=_r(p.result.p, 6),
                p_adjusted=_r(adj, 6),
                family_size=len(pending),
                significant=significant,
                direction=("up" if diff > 0 else "down") if significant and diff != 0 else "none",
            )
        )
    return out


def figure_id(metric: str, segment: SegmentRef | None = None, period: PeriodRef | str | None = None) -> str:
    """``nps``, ``nps@2026-Q1``, ``nps[渠道=App]``, ``nps[渠道=App]@2026-Q1``."""
    out = metric
    if segment is not None:
        out += f"[{segment.dimension}={segment.value}]"
    if period is not None:
        out += "@" + (period if isinstance(period, str) else period.id)
    return out


# --------------------------------------------------------------------------- the computation


@dataclass
class _Series:
    """Figures of one series over consecutive periods, for the change and trend tests."""

    ids: list[str] = field(default_factory=list)
    stats: list[_Stat] = field(default_factory=list)


def _series_comparisons(
    metric: MetricId, series: _Series, min_n: int, alpha: float
) -> tuple[list[Comparison], _Pending | None]:
    """The changes between consecutive periods with enough responses (one Holm family), and the
    pending trend test (first against last such period, when there are at least three)."""
    enough = [(fid, st) for fid, st in zip(series.ids, series.stats, strict=True) if _enough(st, min_n)]
    changes: list[_Pending] = []
    for (id_b, sb), (id_a, sa) in itertools.pairwise(enough):
        if (tested := _test(metric, sa, sb)) is not None:
            changes.append(_Pending("period_change", id_a, id_b, sa, sb, *tested))
    out = _comparisons(metric, changes, alpha) if changes else []
    trend = None
    if len(enough) >= 3:
        (id_b, sb), (id_a, sa) = enough[0], enough[-1]
        if (tested := _test(metric, sa, sb)) is not None:
            trend = _Pending("trend", id_a, id_b, sa, sb, *tested)
    return out, trend


def _survey_metric(
    metric: MetricId,
    config: MetricsConfig,
    x: FloatArray,
    ok: BoolArray,
    w: FloatArray,
    days: IntArray,
    segments: list[tuple[str, IntArray, list[str]]],
    heading: str,
) -> MetricResult:
    low, high = config.scale(metric)
    bounds = (float(low), float(high)) if metric == "ces" else (-math.inf, math.inf)
    item = getattr(config.metrics, metric)
    reversed_ = metric == "ces" and item.polarity == "higher_is_harder"
    xs = x[ok]
    if reversed_:
        xs = (low + high) - xs
    ws = w[ok]
    ds = days[ok]
    if metric == "nps":
        ev1 = (xs >= 9).astype(np.float64)
        ev2 = (xs <= 6).astype(np.float64)
    elif metric == "csat":
        ev1 = (xs >= high - 1).astype(np.float64)
        ev2 = np.zeros_like(xs)
    else:
        ev1 = (xs > (low + high) / 2).astype(np.float64)
        ev2 = np.zeros_like(xs)
    weighted = config.weight is not None
    conf, min_n, alpha = config.confidence, config.min_n, config.alpha
    # the products each group sum needs, computed once
    arrays: dict[str, FloatArray | None] = {"c1": ev1, "c2": ev2 if metric == "nps" else None}
    if metric == "ces":
        wx = ws * xs if weighted else xs
        arrays.update(wx=wx, wx2=wx * xs)
    if weighted:
        arrays.update(w=ws, w2=ws * ws, e1=ws * ev1, e2=ws * ev2 if metric == "nps" else None)

    def sums(keys: IntArray, size: int, mask: BoolArray | None = None) -> _Sums:
        if mask is None or mask.all():
            return _sums(keys, size, arrays, ds)
        picked = {k: (None if a is None else a[mask]) for k, a in arrays.items()}
        return _sums(keys[mask], size, picked, ds[mask])

    def fig(st: _Stat, fid: str, segment: SegmentRef | None = None, period: PeriodRef | None = None) -> Figure:
        return _figure(metric, st, fid, min_n, weighted, conf, segment, period)

    figures: list[Figure] = []
    comparisons: list[Comparison] = []
    whole = sums(np.zeros(len(xs), dtype=np.int64), 1)
    figures.append(fig(_stat(metric, whole, 0, conf, bounds), metric))

    # by period: every period from the first response to the last, empty ones included
    period_keys: dict[Granularity, tuple[IntArray, int, int]] = {}
    for gran in config.periods:
        k = period_index(gran, ds)
        if len(k) == 0:
            continue
        k0, k1 = int(k.min()), int(k.max())
        period_keys[gran] = (k - k0, k0, k1 - k0 + 1)
        s = sums(k - k0, k1 - k0 + 1)
        series = _Series()
        for g in range(k1 - k0 + 1):
            ref = period_ref(gran, k0 + g)
            st = _stat(metric, s, g, conf, bounds)
            fid = figure_id(metric, period=ref)
            figures.append(fig(st, fid, period=ref))
            series.ids.append(fid)
            series.stats.append(st)
        changes, trend = _series_comparisons(metric, series, min_n, alpha)
        comparisons += changes + (_comparisons(metric, [trend], alpha) if trend else [])

    # by segment, each against the rest of its dimension; and each segment by the first granularity
    for dimension, codes_all, labels in segments:
        codes = codes_all[ok]
        has = codes >= 0
        s = sums(codes, len(labels), has)
        total = sums(np.zeros(len(codes), dtype=np.int64), 1, has)
        order = sorted(range(len(labels)), key=lambda g: (-int(s.n[g]), labels[g]))
        pending: list[_Pending] = []
        for g in order:
            seg = SegmentRef(dimension=dimension, value=labels[g])
            st = _stat(metric, s, g, conf, bounds)
            fid = figure_id(metric, seg)
            figures.append(fig(st, fid, segment=seg))
            rest = _rest(metric, total, s, g, conf)
            if _enough(st, min_n) and _enough(rest, min_n) and (tested := _test(metric, st, rest)) is not None:
                pending.append(_Pending("segment_vs_rest", fid, None, st, rest, *tested))
        comparisons += _comparisons(metric, pending, alpha) if pending else []
        gran = config.periods[0]
        if gran in period_keys:
            pk, k0, size = period_keys[gran]
            cross = sums(codes * size + pk, len(labels) * size, has)
            trends: list[_Pending] = []
            for g in order:
                seg = SegmentRef(dimension=dimension, value=labels[g])
                series = _Series()
                for j in range(size):
                    pref = period_ref(gran, k0 + j)
                    st = _stat(metric, cross, g * size + j, conf, bounds)
                    fid = figure_id(metric, seg, pref)
                    figures.append(fig(st, fid, segment=seg, period=pref))
                    series.ids.append(fid)
                    series.stats.append(st)
                changes, trend = _series_comparisons(metric, series, min_n, alpha)
                comparisons += changes
                trends += [trend] if trend else []
            comparisons += _comparisons(metric, trends, alpha) if trends else []
    return MetricResult(
        id=metric,
        column=heading,
        scale=[low, high],
        polarity=item.polarity if metric == "ces" else None,
        reversed=reversed_,
        unit="mean" if metric == "ces" else ("points" if metric == "nps" else "percent"),
        responses=len(xs),
        figures=figures,
        comparisons=comparisons,
    )


def _rest(metric: MetricId, total: _Sums, s: _Sums, g: int, confidence: float) -> _Stat:
    """Every response of the dimension outside segment ``g``."""
    rest = _Sums(
        n=total.n - s.n[g : g + 1],
        w=total.w - s.w[g : g + 1],
        w2=total.w2 - s.w2[g : g + 1],
        wx=total.wx - s.wx[g : g + 1],
        wx2=total.wx2 - s.wx2[g : g + 1],
        e1=total.e1 - s.e1[g : g + 1],
        e2=total.e2 - s.e2[g : g + 1],
        c1=total.c1 - s.c1[g : g + 1],
        c2=total.c2 - s.c2[g : g + 1],
        first=np.array([-1], dtype=np.int64),
        last=np.array([-1], dtype=np.int64),
    )
    return _stat(metric, rest, 0, confidence)


def _retention(config: MetricsConfig) -> list[MetricResult]:
    """Retention and churn of every declared period, with consecutive changes tested."""
    if not config.retention:
        return []
    rows = []
    for r in config.retention:
        gran, k = parse_period(r.period_id)
        rows.append((gran, k, r))
    rows.sort(key=lambda t: (t[0], t[1]))
    out = []
    for metric in ("retention", "churn"):
        figures: list[Figure] = []
        comparisons: list[Comparison] = []
        for gran in sorted({g for g, _, _ in rows}):
            series: list[tuple[str, _Stat]] = []
            for g, k, r in rows:
                if g != gran:
                    continue
                ref = period_ref(g, k)
                kept = (r.end - r.new) / r.start
                p = kept if metric == "retention" else 1.0 - kept
                iv = stats.wilson(p, r.start, config.confidence)
                st = _Stat(r.start, float(r.start), p, iv.low, iv.high)
                fid = figure_id(metric, period=ref)
                figures.append(
                    Figure(
                        id=fid,
                        metric=metric,
                        period=ref,
                        covered=Covered(first=ref.start, last=ref.end),
                        n=r.start,
                        value=_r(100 * p, 2),
                        interval=Bounds(low=_r(100 * iv.low, 2), high=_r(100 * iv.high, 2)),
                        too_few=r.start < config.min_n,
                        counts={"start": r.start, "end": r.end, "new": r.new, "lost": r.start - (r.end - r.new)},
                    )
                )
                series.append((fid, st))
            enough = [(f, s) for f, s in series if s.n >= config.min_n]
            pending = []
            for (id_b, sb), (id_a, sa) in itertools.pairwise(enough):
                assert sa.value is not None and sb.value is not None
                result = stats.two_proportions(sa.value, sa.n, sb.value, sb.n)
                pending.append(_Pending("period_change", id_a, id_b, sa, sb, "z_two_proportions", result))
            comparisons += _comparisons(metric, pending, config.alpha) if pending else []
            if len(enough) >= 3:
                (id_b, sb), (id_a, sa) = enough[0], enough[-1]
                assert sa.value is not None and sb.value is not None
                result = stats.two_proportions(sa.value, sa.n, sb.value, sb.n)
                trend = _Pending("trend", id_a, id_b, sa, sb, "z_two_proportions", result)
                comparisons += _comparisons(metric, [trend], config.alpha)
        out.append(
            MetricResult(
                id=metric,
                unit="percent",
                responses=None,
                figures=figures,
                comparisons=comparisons,
            )
        )
    return out


def _invalid_listing(
    tables: Sequence[SurveyTable],
    columns: list[_Column],
    empty: BoolArray,
    offsets: list[int],
) -> Invalid:
    by_column: list[InvalidCount] = []
    bad_rows: list[tuple[int, int]] = []  # (response, column position in ``columns``)
    for ci, col in enumerate(columns):
        codes = np.where(empty, 0, col.reasons)
        counts = np.bincount(codes, minlength=len(REASONS) + 1)
        for r, reason in enumerate(REASONS, start=1):
            if counts[r]:
                by_column.append(InvalidCount(column=col.name, role=col.role, reason=reason, count=int(counts[r])))
        rows = np.flatnonzero(codes)
        bad_rows += [(int(i), ci) for i in rows[:MAX_LISTED]]
    n_empty = int(empty.sum())
    if n_empty:
        by_column.append(InvalidCount(column="", role="row", reason="empty_row", count=n_empty))
        bad_rows += [(int(i), -1) for i in np.flatnonzero(empty)[:MAX_LISTED]]
    total = sum(c.count for c in by_column)
    bad_rows.sort()
    cells: list[InvalidCell] = []
    for i, ci in bad_rows[:MAX_LISTED]:
        t = int(np.searchsorted(offsets, i, side="right")) - 1
        table = tables[t]
        local = i - offsets[t]
        if ci < 0:
            cells.append(
                InvalidCell(
                    file=table.name,
                    row=table.row_number(local),
                    column=None,
                    where=table.where(local, None),
                    role="row",
                    reason="empty_row",
                    value="",
                )
            )
            continue
        col = columns[ci]
        sc = table.columns[col.name]
        code = int(sc.codes[local])
        raw = sc.original(local) if sc.original is not None else sc.uniques[code]
        cells.append(
            InvalidCell(
                file=table.name,
                row=table.row_number(local),
                column=sc.heading,
                where=table.where(local, sc),
                role=col.role,
                reason=REASONS[int(col.reasons[i]) - 1],
                value=_shown(raw),
            )
        )
    return Invalid(total=total, listed=len(cells), by_column=by_column, cells=cells)


def _shown(raw: object) -> str:
    if raw is None:
        return ""
    if isinstance(raw, dt.datetime | dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = visible(str(raw))
    return text if len(text) <= 60 else text[:57] + "..."


def compute_metrics(
    config: MetricsConfig,
    tables: Sequence[SurveyTable],
    inputs: list[SurveyInput],
) -> MetricsResult:
    """Every figure, interval, marker and test of the configured metrics over the surveys."""
    offsets = [0]
    for t in tables:
        offsets.append(offsets[-1] + t.rows)
    rows = offsets[-1]
    columns: list[_Column] = []
    date_name = config.date.column
    fmt = config.date.format

    def to_day(raw: object) -> float | Reason:
        got = date_of(raw, fmt)
        return got if isinstance(got, str) else float(got.toordinal() - _EPOCH)

    day_values, day_reasons = _gather(tables, date_name, to_day)
    columns.append(_Column("date", date_name, day_values, day_reasons))
    metric_columns: dict[MetricId, _Column] = {}
    for metric, item in config.metrics.items():
        low, high = config.scale(metric)

        def conv(raw: object, low: int = low, high: int = high, labels: dict[str, int] = item.values) -> float | Reason:
            got = score(raw, low, high, labels)
            return got if isinstance(got, str) else float(got)

        v, r = _gather(tables, item.column, conv)
        metric_columns[metric] = _Column(metric, item.column, v, r)
        columns.append(metric_columns[metric])
    if config.weight is not None:
        wv, wr = _gather(tables, config.weight, weight)
        columns.append(_Column("weight", config.weight, wv, wr))
        w = np.where(wr == 0, wv, 0.0)
    else:
        wr = np.zeros(rows, dtype=np.int8)
        w = np.ones(rows, dtype=np.float64)
    segments: list[tuple[str, IntArray, list[str]]] = []
    for spec in config.segment_specs():
        codes, labels, reasons = _segments(tables, spec.column)
        segments.append((_heading(tables, spec.column), codes, labels))
        columns.append(_Column("segment", spec.column, np.zeros(rows), reasons))

    blank = _REASON_CODE["blank"]
    empty = np.ones(rows, dtype=np.bool_)
    for col in columns:
        empty &= col.reasons == blank
    if not columns or rows == 0:
        empty = np.zeros(rows, dtype=np.bool_)
    base_ok = (day_reasons == 0) & (wr == 0) & ~empty
    days = np.where(base_ok, day_values, 0).astype(np.int64)

    results = []
    for metric, col in metric_columns.items():
        ok = base_ok & (col.reasons == 0)
        results.append(
            _survey_metric(
                metric, config, np.where(ok, col.values, 0.0), ok, w, days, segments, _heading(tables, col.name)
            )
        )
    results += _retention(config)
    dated = days[base_ok]
    return MetricsResult(
        organisation=config.organisation,
        title=config.title,
        inputs=inputs,
        settings=Settings(
            confidence=config.confidence,
            alpha=config.alpha,
            min_n=config.min_n,
            periods=list(config.periods),
            date_column=_heading(tables, date_name),
            date_format=fmt,
            weight_column=_heading(tables, config.weight) if config.weight else None,
            segments=[
                {"column": _heading(tables, s.column), **({"zh": s.label.zh, "en": s.label.en} if s.label else {})}
                for s in config.segment_specs()
            ],
        ),
        covered=SurveyCovered(
            first=_day(int(dated.min())) if len(dated) else None,
            last=_day(int(dated.max())) if len(dated) else None,
            rows=rows,
            dated=int(base_ok.sum()),
        ),
        metrics=results,
        invalid=_invalid_listing(tables, columns, empty, offsets),
    )


def _heading(tables: Sequence[SurveyTable], name: str) -> str:
    """The heading as the first survey file writes it (the configuration may differ in width or case)."""
    return tables[0].columns[name].heading if tables else name
