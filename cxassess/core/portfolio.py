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

import datetime as dt
import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import Field

from cxassess.core.actions import ActionItem
from cxassess.core.provenance import ENGINE, InputDigest, Out, RubricRef, StandardRef, to_json
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
    assessed: Sequence[Assessed], inputs: list[InputDigest] | None = None, *, min_peer_group: int = MIN_PEER_GROUP
) -> Portfolio:
    if not assessed:
        raise ValueError("a portfolio needs at least one assessment")
    first = assessed[0].result
    clause_ids = [c.id for c in first.clauses]
    by_org: dict[str, list[Assessed]] = defaultdict(list)
    for a in assessed:
        by_org[a.result.organisation.id].append(a)
    for items in by_org.values():
        items.sort(key=lambda a: (a.result.assessment.date, a.source))
    latest = {org: items[-1] for org, items in by_org.items()}
    orgs = sorted(latest)

    pct = {org: {c.id: c.percent for c in latest[org].result.clauses} for org in orgs}
    overall = {org: latest[org].result.overall.percent for org in orgs}
    stats = {cid: distribution([pct[o][cid] for o in orgs]) for cid in clause_ids}
    overall_dist = distribution(list(overall.values()))

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
        r = latest[org].result
        positions = [
            Position(
                clause=cid,
                percent=pct[org][cid],
                percentile=percentile_of(pct[org][cid], [pct[o][cid] for o in orgs]),
                quartile=_quartile(pct[org][cid], stats[cid]),
            )
            for cid in clause_ids
        ]
        entries.append(
            OrgEntry(
                id=org,
                name=r.organisation.name,
                sector=r.organisation.sector,
                size=r.organisation.size,
                date=r.assessment.date,
                overall=overall[org],
                level=r.overall.level,
                rank=ranks[org],
                percentile=percentile_of(overall[org], list(overall.values())),
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
            o = latest[org].result.organisation
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


def history(items: Sequence[Assessed]) -> History:
    """The trend of one organisation's assessments (sorted by date)."""
    ordered = sorted(items, key=lambda a: (a.result.assessment.date, a.source))
    last, prev = ordered[-1].result, ordered[-2].result if len(ordered) > 1 else None
    clause_ids = [c.id for c in last.clauses]
    trends = []
    improved, regressed = [], []
    for cid in clause_ids:
        points = [(a.result.assessment.date, a.result.clause(cid).percent) for a in ordered]
        change = None
        if prev is not None:
            now, before = last.clause(cid).percent, prev.clause(cid).percent
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
        earlier = ordered[-2].actions
        for item in earlier:
            q = last.question(item.question)
            target = last.clause(item.clause).target
            (closed if q.level is not None and q.level >= target else still_open).append(item.question)
    return History(
        organisation=last.organisation.id,
        dates=[a.result.assessment.date for a in ordered],
        overall=[a.result.overall.percent for a in ordered],
        clauses=trends,
        improved=improved,
        regressed=regressed,
        closed_actions=closed,
        open_actions=still_open,
    )


def portfolio_json(p: Portfolio) -> str:
    return to_json(p)
