"""Portfolios: many organisations compared, and one organisation followed over time. Pure.

Rules (stated in the JSON and the report):

* Assessments belong to the same organisation when their ``organisation.id`` is equal; the
  latest (by assessment date) represents the organisation in comparisons, the others form its
  history.
* Quartiles use the inclusive method (linear interpolation between order statistics, as in
  NumPy's default ``percentile``); the median is the second quartile.
* An organisation's percentile on a clause is its mid-rank: 100 × (number of organisations below
  + half the number of others level with it) / (n − 1); with a single organisation it is 100.
* Ranking is by overall percent, highest first; equal percents share a rank (1, 2, 2, 4).
* Peer groups are the organisations of the same sector, and of the same size; a group with fewer
  than ``min_peer_group`` members (default 5) is suppressed (no medians), so that no client's
  scores can be read off a group statistic.
* History: a clause improved (regressed) when its percent rose (fell) since the previous
  assessment; an earlier action-plan item is closed when its question now meets its target.
"""

from __future__ import annotations

import bisect
import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pydantic import Field

from cxassess.core.actions import ActionItem
from cxassess.core.provenance import ENGINE, InputDigest, OrgRef, Out, RubricRef, StandardRef, to_json
from cxassess.core.scoring import Result

PORTFOLIO_SCHEMA = "cxassess/portfolio/1"


class Distribution(Out):
    n: int
    min: float
    q1: float
    median: float
    q3: float
    max: float
    mean: float


class ClauseStats(Out):
    clause: str
    distribution: Distribution | None


class Position(Out):
    clause: str
    percent: float | None
    percentile: float | None
    quartile: int | None  # 1 (bottom) … 4 (top)


class OrgEntry(Out):
    id: str
    name: str
    sector: str
    size: str
    date: dt.date
    overall: float | None
    level: int | None
    rank: int
    percentile: float | None
    positions: list[Position]
    assessments: int


class PeerGroup(Out):
    kind: str  # "sector" or "size"
    name: str
    members: list[str]
    suppressed: bool  # fewer members than the declared minimum: no statistics shown
    overall_median: float | None
    clause_medians: dict[str, float | None]


class ClauseTrend(Out):
    clause: str
    points: list[tuple[dt.date, float | None]]
    change: float | None


class History(Out):
    organisation: str
    dates: list[dt.date]
    overall: list[float | None]
    clauses: list[ClauseTrend]
    improved: list[str]
    regressed: list[str]
    closed_actions: list[str]
    open_actions: list[str]


class Portfolio(Out):
    schema_: str = Field(default=PORTFOLIO_SCHEMA, alias="schema")
    engine: str
    standard: StandardRef
    rubric: RubricRef
    clauses: list[str]
    organisations: list[OrgEntry]
    overall: Distribution | None
    clause_stats: list[ClauseStats]
    weakest_clauses: list[str]
    strongest_clauses: list[str]
    peer_groups: list[PeerGroup]
    histories: list[History]
    inputs: list[InputDigest]
    min_peer_group: int
    rules: list[str]  # message codes of the statistics rules used


@dataclass(frozen=True)
class Assessed:
    """One scored assessment with its action plan (to follow items over time)."""

    result: Result
    actions: list[ActionItem]
    source: str


@dataclass(frozen=True)
class Scorecard:
    """What a comparison keeps of one scored assessment: its organisation, date, overall and clause
    percents, clause targets, question levels and the questions of its action plan. Small, so that
    tens of thousands fit in memory and travel cheaply from worker processes."""

    source: str
    standard: StandardRef
    rubric: RubricRef
    organisation: OrgRef
    date: dt.date
    overall: float | None
    level: int | None
    clauses: tuple[str, ...]
    percents: tuple[float | None, ...]
    targets: tuple[int, ...]
    questions: tuple[str, ...]
    levels: tuple[int | None, ...]
    actions: tuple[tuple[str, str], ...]  # (question, clause) of each action-plan item

    @classmethod
    def of(cls, result: Result, actions: Sequence[ActionItem], source: str) -> Scorecard:
        return cls(
            source=source,
            standard=result.standard,
            rubric=result.rubric,
            organisation=result.organisation,
            date=result.assessment.date,
            overall=result.overall.percent,
            level=result.overall.level,
            clauses=tuple(c.id for c in result.clauses),
            percents=tuple(c.percent for c in result.clauses),
            targets=tuple(c.target for c in result.clauses),
            questions=tuple(q.id for q in result.questions),
            levels=tuple(q.level for q in result.questions),
            actions=tuple((a.question, a.clause) for a in actions),
        )

    def percent(self, clause: str) -> float | None:
        return self.percents[self.clauses.index(clause)]

    def target(self, clause: str) -> int:
        return self.targets[self.clauses.index(clause)]

    def level_of(self, question: str) -> int | None:
        return self.levels[self.questions.index(question)]


def _card(a: Assessed | Scorecard) -> Scorecard:
    return a if isinstance(a, Scorecard) else Scorecard.of(a.result, a.actions, a.source)


def _r(x: float) -> float:
    return round(x, 2)


def distribution(values: Sequence[float | None]) -> Distribution | None:
    data = sorted(v for v in values if v is not None)
    if not data:
        return None
    if len(data) == 1:
        q1 = med = q3 = data[0]
    else:
        q1, med, q3 = statistics.quantiles(data, n=4, method="inclusive")
    return Distribution(
        n=len(data),
        min=_r(data[0]),
        q1=_r(q1),
        median=_r(med),
        q3=_r(q3),
        max=_r(data[-1]),
        mean=_r(statistics.fmean(data)),
    )


def percentile_of(value: float | None, values: Sequence[float | None]) -> float | None:
    """Mid-rank percentile of ``value`` among ``values`` (which include it)."""
    data = [v for v in values if v is not None]
    if value is None or not data:
        return None
    if len(data) == 1:
        return 100.0
    below = sum(1 for v in data if v < value)
    equal = sum(1 for v in data if v == value) - 1
    return _r(100.0 * (below + 0.5 * equal) / (len(data) - 1))


def _percentiles(values: Sequence[float | None]) -> Callable[[float | None], float | None]:
    """``percentile_of`` against one column, answered by binary search (the same numbers)."""
    data = sorted(v for v in values if v is not None)
    n = len(data)

    def of(value: float | None) -> float | None:
        if value is None or not n:
            return None
        if n == 1:
            return 100.0
        below = bisect.bisect_left(data, value)
        equal = bisect.bisect_right(data, value) - below - 1
        return _r(100.0 * (below + 0.5 * equal) / (n - 1))

    return of


def _quartile(value: float | None, dist: Distribution | None) -> int | None:
    if value is None or dist is None:
        return None
    if value < dist.q1:
        return 1
    if value < dist.median:
        return 2
    if value < dist.q3:
        return 3
    return 4


MIN_PEER_GROUP = 5


def build_portfolio(
    assessed: Sequence[Assessed | Scorecard],
    inputs: list[InputDigest] | None = None,
    *,
    min_peer_group: int = MIN_PEER_GROUP,
) -> Portfolio:
    if not assessed:
        raise ValueError("a portfolio needs at least one assessment")
    cards = [_card(a) for a in assessed]
    first = cards[0]
    clause_ids = list(first.clauses)
    by_org: dict[str, list[Scorecard]] = defaultdict(list)
    for c in cards:
        by_org[c.organisation.id].append(c)
    for items in by_org.values():
        items.sort(key=lambda c: (c.date, c.source))
    latest = {org: items[-1] for org, items in by_org.items()}
    orgs = sorted(latest)

    pct = {org: dict(zip(latest[org].clauses, latest[org].percents, strict=True)) for org in orgs}
    overall = {org: latest[org].overall for org in orgs}
    columns = {cid: [pct[o][cid] for o in orgs] for cid in clause_ids}
    stats = {cid: distribution(columns[cid]) for cid in clause_ids}
    overall_dist = distribution(list(overall.values()))
    percentile = {cid: _percentiles(columns[cid]) for cid in clause_ids}
    overall_percentile = _percentiles(list(overall.values()))

    def sort_key(org: str) -> tuple[float, str]:
        value = overall[org]
        return (-(value if value is not None else -1.0), org)

    ordered = sorted(orgs, key=sort_key)
    ranks: dict[str, int] = {}
    for i, org in enumerate(ordered):
        prev = ordered[i - 1] if i else None
        ranks[org] = ranks[prev] if prev is not None and overall[prev] == overall[org] else i + 1

    entries = []
    for org in ordered:
        card = latest[org]
        positions = [
            Position(
                clause=cid,
                percent=pct[org][cid],
                percentile=percentile[cid](pct[org][cid]),
                quartile=_quartile(pct[org][cid], stats[cid]),
            )
            for cid in clause_ids
        ]
        entries.append(
            OrgEntry(
                id=org,
                name=card.organisation.name,
                sector=card.organisation.sector,
                size=card.organisation.size,
                date=card.date,
                overall=overall[org],
                level=card.level,
                rank=ranks[org],
                percentile=overall_percentile(overall[org]),
                positions=positions,
                assessments=len(by_org[org]),
            )
        )

    medians: dict[str, float] = {cid: d.median for cid in clause_ids if (d := stats[cid]) is not None}
    weakest = sorted(medians, key=lambda c: (medians[c], clause_ids.index(c)))[:3]
    strongest = sorted(medians, key=lambda c: (-medians[c], clause_ids.index(c)))[:3]

    groups: list[PeerGroup] = []
    for kind in ("sector", "size"):
        members: dict[str, list[str]] = defaultdict(list)
        for org in orgs:
            o = latest[org].organisation
            members[o.sector if kind == "sector" else o.size].append(org)
        for name in sorted(members):
            ms = members[name]
            suppressed = len(ms) < min_peer_group
            d = None if suppressed else distribution([overall[m] for m in ms])
            groups.append(
                PeerGroup(
                    kind=kind,
                    name=name,
                    members=ms,
                    suppressed=suppressed,
                    overall_median=d.median if d else None,
                    clause_medians={
                        cid: (
                            None
                            if suppressed
                            else (dd.median if (dd := distribution([pct[m][cid] for m in ms])) else None)
                        )
                        for cid in clause_ids
                    },
                )
            )

    histories = [history(by_org[org]) for org in orgs if len(by_org[org]) > 1]
    return Portfolio(
        engine=ENGINE,
        standard=first.standard,
        rubric=first.rubric,
        clauses=clause_ids,
        organisations=entries,
        overall=overall_dist,
        clause_stats=[ClauseStats(clause=cid, distribution=stats[cid]) for cid in clause_ids],
        weakest_clauses=weakest,
        strongest_clauses=strongest,
        peer_groups=groups,
        histories=histories,
        inputs=list(inputs or []),
        min_peer_group=min_peer_group,
        rules=[
            "rule.portfolio.same_org",
            "rule.portfolio.quartiles",
            "rule.portfolio.percentile",
            "rule.portfolio.ranking",
            "rule.portfolio.peer_groups",
            "rule.portfolio.history",
        ],
    )


def history(items: Sequence[Assessed | Scorecard]) -> History:
    """The trend of one organisation's assessments (sorted by date)."""
    ordered = sorted((_card(a) for a in items), key=lambda c: (c.date, c.source))
    last, prev = ordered[-1], ordered[-2] if len(ordered) > 1 else None
    clause_ids = list(last.clauses)
    trends = []
    improved, regressed = [], []
    for cid in clause_ids:
        points = [(c.date, c.percent(cid)) for c in ordered]
        change = None
        if prev is not None:
            now, before = last.percent(cid), prev.percent(cid)
            if now is not None and before is not None:
                change = _r(now - before)
                if change > 0:
                    improved.append(cid)
                elif change < 0:
                    regressed.append(cid)
        trends.append(ClauseTrend(clause=cid, points=points, change=change))
    closed: list[str] = []
    still_open: list[str] = []
    if prev is not None:
        for question, clause in prev.actions:
            level = last.level_of(question)
            target = last.target(clause)
            (closed if level is not None and level >= target else still_open).append(question)
    return History(
        organisation=last.organisation.id,
        dates=[c.date for c in ordered],
        overall=[c.overall for c in ordered],
        clauses=trends,
        improved=improved,
        regressed=regressed,
        closed_actions=closed,
        open_actions=still_open,
    )


def portfolio_json(p: Portfolio) -> str:
    return to_json(p)
