"""Every metric, interval and test against an independent computation (SciPy, statsmodels), on
generated data with known answers and on small samples."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint, proportions_ztest
from statsmodels.stats.weightstats import DescrStatsW

from cxassess.core import stats
from cxassess.core.metrics import MetricResult, SurveyColumn, SurveyTable, compute_metrics
from cxassess.core.metrics_config import MetricsConfig

# --------------------------------------------------------------------------- distributions


@pytest.mark.parametrize("df", [1, 2, 3, 4.5, 9, 29, 120, 10_000])
@pytest.mark.parametrize("p", [0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 0.025])
def test_t_quantile_matches_scipy(df: float, p: float) -> None:
    assert stats.t_ppf(p, df) == pytest.approx(sps.t.ppf(p, df), rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("df", [1, 3, 7.25, 40, 1000])
@pytest.mark.parametrize("t", [0.0, 0.3, 1.0, 2.0, 4.5, 12.0, -2.5])
def test_two_sided_t_p_value_matches_scipy(df: float, t: float) -> None:
    assert stats.t_sf2(t, df) == pytest.approx(2 * sps.t.sf(abs(t), df), rel=1e-9, abs=1e-14)


@pytest.mark.parametrize(
    ("a", "b", "x"), [(0.5, 0.5, 0.3), (2, 3, 0.9), (10, 0.5, 0.99), (0.5, 40, 0.01), (30, 30, 0.5)]
)
def test_incomplete_beta_matches_scipy(a: float, b: float, x: float) -> None:
    from scipy.special import betainc

    assert stats.betainc(a, b, x) == pytest.approx(betainc(a, b, x), rel=1e-10)


# --------------------------------------------------------------------------- intervals and tests


@pytest.mark.parametrize(("count", "n"), [(0, 5), (1, 7), (5, 5), (17, 30), (412, 1000), (3, 200)])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.99])
def test_wilson_interval_matches_statsmodels(count: int, n: int, confidence: float) -> None:
    low, high = proportion_confint(count, n, alpha=1 - confidence, method="wilson")
    iv = stats.wilson(count / n, n, confidence)
    assert (iv.low, iv.high) == pytest.approx((low, high), abs=1e-12)


def _nps_reference(promoters: int, detractors: int, n: int, confidence: float) -> tuple[float, float]:
    """The adjusted-Wald NPS interval written out from the definition, with SciPy's z."""
    z = sps.norm.ppf(0.5 + confidence / 2)
    p, d, m = (promoters + 0.75) / (n + 3), (detractors + 0.75) / (n + 3), n + 3
    half = z * math.sqrt(((p + d) - (p - d) ** 2) / m)
    return max(-1, p - d - half), min(1, p - d + half)


@pytest.mark.parametrize(("promoters", "detractors", "n"), [(0, 0, 3), (9, 1, 10), (12, 11, 30), (400, 250, 1000)])
def test_nps_interval_is_the_adjusted_wald_variance_formula(promoters: int, detractors: int, n: int) -> None:
    iv = stats.nps_interval(promoters / n, detractors / n, n, 0.95)
    assert (iv.low, iv.high) == pytest.approx(_nps_reference(promoters, detractors, n, 0.95), abs=1e-12)


def test_nps_interval_covers_the_true_value_about_95_percent_of_the_time() -> None:
    """Known answer: responses drawn with promoters 40 %, detractors 25 % (NPS 15)."""
    rng = np.random.default_rng(3)
    covered = 0
    trials = 2000
    for _ in range(trials):
        draws = rng.choice(3, size=40, p=[0.4, 0.35, 0.25])
        iv = stats.nps_interval(float(np.mean(draws == 0)), float(np.mean(draws == 2)), 40, 0.95)
        covered += iv.low <= 0.15 <= iv.high
    assert 0.93 <= covered / trials <= 0.97


@pytest.mark.parametrize("n", [2, 5, 30, 500])
def test_mean_interval_matches_scipy_t_interval(n: int) -> None:
    x = np.random.default_rng(n).integers(1, 8, size=n).astype(float)
    sd = float(np.std(x, ddof=1))
    low, high = sps.t.interval(0.95, n - 1, loc=x.mean(), scale=sps.sem(x))
    iv = stats.mean_interval(float(x.mean()), sd, n, 0.95)
    assert (iv.low, iv.high) == pytest.approx((low, high), rel=1e-9)


@pytest.mark.parametrize(("c1", "n1", "c2", "n2"), [(30, 50, 20, 50), (5, 12, 9, 11), (400, 1000, 430, 1000)])
def test_two_proportion_test_matches_statsmodels(c1: int, n1: int, c2: int, n2: int) -> None:
    z, p = proportions_ztest([c1, c2], [n1, n2])
    got = stats.two_proportions(c1 / n1, n1, c2 / n2, n2)
    assert (got.statistic, got.p) == pytest.approx((z, p), rel=1e-9)


def test_welch_test_matches_scipy() -> None:
    rng = np.random.default_rng(5)
    a, b = rng.integers(1, 8, 40).astype(float), rng.integers(2, 8, 25).astype(float)
    expected = sps.ttest_ind(a, b, equal_var=False)
    got = stats.welch(a.mean(), a.std(ddof=1), 40, b.mean(), b.std(ddof=1), 25)
    assert (got.statistic, got.p) == pytest.approx((expected.statistic, expected.pvalue), rel=1e-9)


def test_nps_difference_test_is_a_z_test_on_the_adjusted_variances() -> None:
    got = stats.two_nps(0.5, 0.2, 100, 0.3, 0.3, 80)
    a = ((50.75 / 103) - (20.75 / 103), (50.75 + 20.75) / 103, 103)
    b = ((24.75 / 83) - (24.75 / 83), (24.75 + 24.75) / 83, 83)
    var = (a[1] - a[0] ** 2) / a[2] + (b[1] - b[0] ** 2) / b[2]
    z = (a[0] - b[0]) / math.sqrt(var)
    assert (got.statistic, got.p) == pytest.approx((z, 2 * sps.norm.sf(abs(z))), rel=1e-12)


@pytest.mark.parametrize(
    "pvalues", [[0.01, 0.04, 0.03, 0.2], [0.5], [0.001, 0.001, 0.9], [0.049, 0.051, 0.01, 0.02, 0.3]]
)
def test_holm_matches_statsmodels(pvalues: list[float]) -> None:
    assert stats.holm(pvalues) == pytest.approx(list(multipletests(pvalues, method="holm")[1]), abs=1e-15)


# --------------------------------------------------------------------------- metrics on data


def _table(columns: dict[str, list[object]], name: str = "s.csv") -> SurveyTable:
    cols = {}
    for i, (heading, values) in enumerate(columns.items()):
        uniques: dict[object, int] = {}
        codes = np.array([uniques.setdefault(v, len(uniques)) for v in values], dtype=np.int32)
        cols[heading] = SurveyColumn(heading, i, list(uniques), codes)
    rows = len(next(iter(columns.values())))
    return SurveyTable(file=name, name=name, sha256="0" * 64, kind="csv", rows=rows, columns=cols)


def _config(**extra: object) -> MetricsConfig:
    data: dict[str, object] = {
        "schema": "cxassess/metrics-config/1",
        "date": {"column": "d"},
        "periods": ["quarter"],
        "min_n": 5,
        "metrics": {"nps": {"column": "nps"}, "csat": {"column": "csat"}, "ces": {"column": "ces"}},
        **extra,
    }
    return MetricsConfig.model_validate(data)


def _generated(n: int, seed: int) -> dict[str, list[object]]:
    rng = np.random.default_rng(seed)
    start = dt.date(2025, 1, 1)
    return {
        "d": [(start + dt.timedelta(days=int(k))).isoformat() for k in rng.integers(0, 365, n)],
        "nps": [str(v) for v in rng.integers(0, 11, n)],
        "csat": [str(v) for v in rng.integers(1, 6, n)],
        "ces": [str(v) for v in rng.integers(1, 8, n)],
        "ch": [str(v) for v in rng.choice(["A", "B", "C"], n)],
        "w": [f"{v:.3f}" for v in rng.uniform(0.2, 3.0, n)],
    }


def _metric(result_metrics: list[MetricResult], metric: str) -> MetricResult:
    return next(m for m in result_metrics if m.id == metric)


@pytest.mark.parametrize("n", [7, 40, 3000])
def test_every_figure_matches_an_independent_computation(n: int) -> None:
    data = _generated(n, n)
    result = compute_metrics(_config(segments=["ch"], min_n=1), [_table(data)], [])
    x_nps = np.array(data["nps"], dtype=float)
    x_csat = np.array(data["csat"], dtype=float)
    x_ces = np.array(data["ces"], dtype=float)
    channel = np.array(data["ch"])
    for label, mask in [("all", np.ones(n, bool))] + [(c, channel == c) for c in sorted(set(channel))]:
        fid = "{m}" if label == "all" else "{m}[ch=" + label + "]"
        nps = {f.id: f for f in _metric(result.metrics, "nps").figures}[fid.format(m="nps")]
        prom, det, k = int((x_nps[mask] >= 9).sum()), int((x_nps[mask] <= 6).sum()), int(mask.sum())
        assert nps.n == k
        assert nps.value == pytest.approx(100 * (prom - det) / k, abs=0.005)
        low, high = _nps_reference(prom, det, k, 0.95)
        assert (nps.interval.low, nps.interval.high) == pytest.approx((100 * low, 100 * high), abs=0.005)
        assert nps.counts == {"promoters": prom, "passives": k - prom - det, "detractors": det}
        csat = {f.id: f for f in _metric(result.metrics, "csat").figures}[fid.format(m="csat")]
        top = int((x_csat[mask] >= 4).sum())
        low, high = proportion_confint(top, k, method="wilson")
        assert csat.value == pytest.approx(100 * top / k, abs=0.005)
        assert (csat.interval.low, csat.interval.high) == pytest.approx((100 * low, 100 * high), abs=0.005)
        ces = {f.id: f for f in _metric(result.metrics, "ces").figures}[fid.format(m="ces")]
        xs = x_ces[mask]
        assert ces.value == pytest.approx(xs.mean(), abs=0.0005)
        if k > 1:
            low, high = sps.t.interval(0.95, k - 1, loc=xs.mean(), scale=sps.sem(xs))
            low, high = max(low, 1.0), min(high, 7.0)  # within the scale
            assert (ces.interval.low, ces.interval.high) == pytest.approx((low, high), abs=0.0005)
        agree = int((xs >= 5).sum())
        low, high = proportion_confint(agree, k, method="wilson")
        assert ces.agreeing.value == pytest.approx(100 * agree / k, abs=0.005)
        assert (ces.agreeing.interval.low, ces.agreeing.interval.high) == pytest.approx(
            (100 * low, 100 * high), abs=0.005
        )


def test_known_answer_nps_from_fixed_counts() -> None:
    """50 promoters, 30 passives, 20 detractors: NPS exactly +30."""
    scores = ["10"] * 25 + ["9"] * 25 + ["8"] * 15 + ["7"] * 15 + ["0"] * 10 + ["6"] * 10
    data = {"d": ["2025-03-01"] * 100, "nps": scores}
    config = _config(metrics={"nps": {"column": "nps"}})
    fig = compute_metrics(config, [_table(data)], []).metrics[0].figures[0]
    assert (fig.value, fig.n, fig.shares) == (30.0, 100, {"promoters": 50.0, "passives": 30.0, "detractors": 20.0})


def test_segment_against_rest_matches_scipy_and_is_holm_adjusted() -> None:
    data = _generated(600, 11)
    data["ces"] = [str(min(7, int(v) + 2)) if c == "A" else v for v, c in zip(data["ces"], data["ch"], strict=True)]
    result = compute_metrics(_config(segments=["ch"]), [_table(data)], [])
    ces = _metric(result.metrics, "ces")
    tests = {c.a: c for c in ces.comparisons if c.kind == "segment_vs_rest"}
    x = np.array(data["ces"], dtype=float)
    ch = np.array(data["ch"])
    raw = []
    for c in "ABC":
        expected = sps.ttest_ind(x[ch == c], x[ch != c], equal_var=False)
        got = tests[f"ces[ch={c}]"]
        assert got.p == pytest.approx(expected.pvalue, abs=1e-6)
        raw.append(expected.pvalue)
    adjusted = multipletests(raw, method="holm")[1]
    for c, adj in zip("ABC", adjusted, strict=True):
        assert tests[f"ces[ch={c}]"].p_adjusted == pytest.approx(adj, abs=1e-6)
    assert tests["ces[ch=A]"].significant and tests["ces[ch=A]"].direction == "up"


def test_noise_is_never_called_a_change() -> None:
    """Two years of answers from one unchanging distribution: no period change is significant
    after Holm's correction, though some raw p-values are below 0.05."""
    data = _generated(4000, 2)
    data["d"] = [(dt.date(2024, 1, 1) + dt.timedelta(days=k % 730)).isoformat() for k in range(4000)]
    result = compute_metrics(_config(periods=["month"]), [_table(data)], [])
    changes = [c for m in result.metrics for c in m.comparisons if c.kind == "period_change"]
    assert len(changes) == 3 * 23
    assert not any(c.significant for c in changes)
    assert all(c.direction == "none" for c in changes)


def test_too_few_responses_are_marked_and_not_tested() -> None:
    data = {"d": ["2025-01-05"] * 4 + ["2025-04-05"] * 40 + ["2025-07-05"] * 40, "nps": ["9"] * 84}
    config = _config(metrics={"nps": {"column": "nps"}}, min_n=30)
    nps = compute_metrics(config, [_table(data)], []).metrics[0]
    by_id = {f.id: f for f in nps.figures}
    assert by_id["nps@2025-Q1"].too_few and by_id["nps@2025-Q1"].n == 4
    assert not by_id["nps@2025-Q2"].too_few
    assert [(c.a, c.b) for c in nps.comparisons] == [("nps@2025-Q3", "nps@2025-Q2")]


def test_weights_use_the_effective_sample_size() -> None:
    data = _generated(300, 4)
    result = compute_metrics(_config(weight="w"), [_table(data)], [])
    w = np.array(data["w"], dtype=float)
    x = np.array(data["ces"], dtype=float)
    ces = _metric(result.metrics, "ces").figures[0]
    n_eff = w.sum() ** 2 / (w**2).sum()
    assert ces.n_effective == pytest.approx(n_eff, abs=0.005)
    assert ces.value == pytest.approx(DescrStatsW(x, weights=w).mean, abs=0.0005)
    sd = math.sqrt(np.average((x - np.average(x, weights=w)) ** 2, weights=w) * n_eff / (n_eff - 1))
    half = sps.t.ppf(0.975, n_eff - 1) * sd / math.sqrt(n_eff)
    assert (ces.interval.low, ces.interval.high) == pytest.approx((ces.value - half, ces.value + half), abs=0.001)
    csat = _metric(result.metrics, "csat").figures[0]
    share = float(np.average(np.array(data["csat"], dtype=float) >= 4, weights=w))
    low, high = proportion_confint(share * n_eff, n_eff, method="wilson")
    assert (csat.value, csat.interval.low, csat.interval.high) == pytest.approx(
        (100 * share, 100 * low, 100 * high), abs=0.005
    )


def test_equal_weights_give_the_unweighted_figures() -> None:
    data = _generated(200, 6)
    plain = compute_metrics(_config(), [_table(data)], [])
    data["w"] = ["2.5"] * 200
    weighted = compute_metrics(_config(weight="w"), [_table(data)], [])
    for a, b in zip(plain.metrics, weighted.metrics, strict=True):
        assert [(f.value, f.interval) for f in a.figures] == [(f.value, f.interval) for f in b.figures]


def test_reversed_effort_item_and_legacy_scale() -> None:
    data = {"d": ["2025-01-01"] * 4, "ces": ["1", "2", "5", "5"]}
    harder = _config(metrics={"ces": {"column": "ces", "scale": [1, 5], "polarity": "higher_is_harder"}}, min_n=1)
    ces = compute_metrics(harder, [_table(data)], []).metrics[0].figures[0]
    assert ces.value == pytest.approx(np.mean([5, 4, 1, 1]))
    assert ces.counts == {"agreeing": 2}  # 4 and 5 are above the midpoint 3


def test_retention_and_churn_from_period_counts() -> None:
    config = _config(
        metrics={"nps": {"column": "nps"}},
        retention=[
            {"period": "2025-Q1", "start": 200, "end": 210, "new": 30},
            {"period": "2025-Q2", "start": 210, "end": 190, "new": 10},
        ],
    )
    result = compute_metrics(config, [_table({"d": ["2025-01-01"], "nps": ["9"]})], [])
    retention = _metric(result.metrics, "retention")
    first = retention.figures[0]
    low, high = proportion_confint(180, 200, method="wilson")
    assert (first.id, first.value, first.interval.low, first.interval.high) == (
        "retention@2025-Q1",
        90.0,
        pytest.approx(100 * low, abs=0.005),
        pytest.approx(100 * high, abs=0.005),
    )
    assert (first.covered.first, first.covered.last) == (dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    churn = _metric(result.metrics, "churn").figures[1]
    assert churn.value == pytest.approx(100 * (1 - 180 / 210), abs=0.005)
    _z, p = proportions_ztest([180, 180], [210, 200])
    assert retention.comparisons[0].p == pytest.approx(p, abs=1e-6)


def test_figures_carry_what_a_citation_needs() -> None:
    data = _generated(120, 8)
    result = compute_metrics(_config(segments=["ch"]), [_table(data)], [])
    fig = {f.id: f for f in _metric(result.metrics, "nps").figures}["nps[ch=A]@2025-Q2"]
    dates = sorted(
        d for d, c in zip(data["d"], data["ch"], strict=True) if c == "A" and "2025-04-01" <= str(d) <= "2025-06-30"
    )
    assert fig.segment is not None and (fig.segment.dimension, fig.segment.value) == ("ch", "A")
    assert fig.period is not None and fig.period.id == "2025-Q2"
    assert (fig.covered.first, fig.covered.last) == (dt.date.fromisoformat(dates[0]), dt.date.fromisoformat(dates[-1]))
    assert fig.n == len(dates) and fig.interval is not None


# --------------------------------------------------------------------------- edge cases (expert review)


@pytest.mark.parametrize("scale", [[1, 5], [1, 10], [0, 5]])
def test_nps_is_defined_on_the_0_to_10_item_only(scale: list[int]) -> None:
    """9–10 / 0–6 on a 1–5 item would read every answer as a detractor (NPS −100)."""
    with pytest.raises(ValueError, match=r"metrics\.config\.nps_scale"):
        _config(metrics={"nps": {"column": "nps", "scale": scale}})
    assert _config(metrics={"nps": {"column": "nps", "scale": [0, 10]}}).scale("nps") == (0, 10)


@pytest.mark.parametrize("metric", ["csat", "ces"])
def test_a_two_point_scale_has_no_top_two_box_or_midpoint(metric: str) -> None:
    with pytest.raises(ValueError, match=r"metrics\.config\.scale_points"):
        _config(metrics={metric: {"column": metric, "scale": [1, 2]}})


@pytest.mark.parametrize(("answers", "nps"), [(["10"], 100.0), (["0"], -100.0), (["9", "10", "9"], 100.0)])
def test_nps_interval_contains_the_nps_it_is_given_for(answers: list[str], nps: float) -> None:
    """Adjusted Wald pulls the centre towards 0: n = 1, all promoters gave −48.5 to 98.5 around 100."""
    data = {"d": ["2025-01-01"] * len(answers), "nps": answers}
    fig = compute_metrics(_config(metrics={"nps": {"column": "nps"}}, min_n=1), [_table(data)], []).metrics[0]
    first = fig.figures[0]
    assert first.value == nps and first.interval is not None
    assert first.interval.low <= nps <= first.interval.high
    assert first.interval.low >= -100 and first.interval.high <= 100


def test_mean_interval_stays_on_the_scale() -> None:
    """1, 7, 7 on 1–7: mean 5, s 3.46, t(2) 4.30 → 5 ± 8.6 = −3.6 to 13.6 unclipped."""
    data = {"d": ["2025-01-01"] * 3, "ces": ["1", "7", "7"]}
    fig = compute_metrics(_config(metrics={"ces": {"column": "ces"}}, min_n=1), [_table(data)], []).metrics[0]
    ces = fig.figures[0]
    assert ces.value == 5.0 and ces.interval is not None
    assert (ces.interval.low, ces.interval.high) == (1.0, 7.0)


def test_weighted_mean_with_less_than_two_effective_responses_has_no_interval() -> None:
    """n_eff = 102² / 10 002 ≈ 1.04: t on 0.04 degrees of freedom gave ±7.8e31."""
    data = {"d": ["2025-01-01"] * 3, "ces": ["7", "1", "4"], "w": ["100", "1", "1"]}
    config = _config(metrics={"ces": {"column": "ces"}}, weight="w", min_n=1)
    ces = compute_metrics(config, [_table(data)], []).metrics[0].figures[0]
    assert ces.n_effective == pytest.approx(1.04, abs=0.005)
    assert not ces.too_few and ces.value == pytest.approx(6.912, abs=0.0005) and ces.interval is None


def test_too_few_is_judged_on_the_effective_sample_size_when_weighted() -> None:
    """40 answers, one weighing 1000 and 39 weighing 1: n_eff ≈ 1.08, far below min_n = 30."""
    data = {
        "d": ["2025-01-05"] * 40 + ["2025-04-05"] * 40,
        "csat": ["5"] + ["1"] * 39 + ["3"] * 40,
        "w": ["1000"] + ["1"] * 79,
    }
    config = _config(metrics={"csat": {"column": "csat"}}, weight="w", min_n=30)
    csat = compute_metrics(config, [_table(data)], []).metrics[0]
    by_id = {f.id: f for f in csat.figures}
    q1 = by_id["csat@2025-Q1"]
    assert q1.n == 40 and q1.n_effective is not None and q1.n_effective < 30
    assert q1.too_few and q1.value is None
    assert not by_id["csat@2025-Q2"].too_few
    assert csat.comparisons == []  # a figure too uncertain to show is not tested either


def test_too_few_figures_are_suppressed_not_just_flagged() -> None:
    """A segment below min_n shows its n and the marker, never its value, interval or the counts
    it could be computed back from."""
    data = {
        "d": ["2025-01-05"] * 44,
        "nps": ["10", "0", "6", "9"] + ["8"] * 40,
        "csat": ["5"] * 44,
        "ces": ["7"] * 44,
        "ch": ["small"] * 4 + ["big"] * 40,
    }
    result = compute_metrics(_config(segments=["ch"], min_n=30), [_table(data)], [])
    for m in result.metrics:
        small = next(f for f in m.figures if f.id == f"{m.id}[ch=small]")
        assert (small.too_few, small.n) == (True, 4)
        assert small.value is None and small.interval is None
        assert small.counts == {} and small.shares == {} and small.sd is None and small.agreeing is None
        big = next(f for f in m.figures if f.id == f"{m.id}[ch=big]")
        assert not big.too_few and big.value is not None


def test_welch_is_not_defined_on_a_group_of_one_or_without_spread() -> None:
    assert stats.welch(7.0, 0.0, 1, 1.0, 0.0, 1) is None
    assert stats.welch(7.0, 0.0, 1, 4.0, 1.5, 30) is None
    assert stats.welch(7.0, 0.0, 30, 6.0, 0.0, 30) is None
    assert stats.welch(7.0, 0.5, 30, 6.0, 0.0, 30) is not None


def test_mean_differences_without_a_variance_are_not_tested() -> None:
    """One answer per period (7, 1, 4) with min_n = 1: Welch's t is 7−1 over 0 — it was reported
    as significant (p = 0); on segments of one answer it crashed (division by zero)."""
    data = {
        "d": ["2025-01-01", "2025-04-01", "2025-07-01"],
        "ces": ["7", "1", "4"],
        "ch": ["a", "b", "b"],
    }
    config = _config(metrics={"ces": {"column": "ces"}}, segments=["ch"], min_n=1)
    ces = compute_metrics(config, [_table(data)], []).metrics[0]
    assert not any(c.kind in ("period_change", "trend") and c.a.startswith("ces@") for c in ces.comparisons)
    assert not any(c.significant for c in ces.comparisons)
    assert all(c.test == "welch_t" and c.a_n > 1 and c.b_n > 1 for c in ces.comparisons)


def test_a_change_across_a_period_with_too_few_responses_names_the_period_it_is_from() -> None:
    """Q2 has 4 answers (min_n 30): Q3 is compared with Q1, and the report's "change" cell must
    not read as a change from the previous period."""
    from cxassess.rendering.metrics_report import _period_tables
    from cxassess.rendering.svgcharts import Palette

    data = {"d": ["2025-01-05"] * 40 + ["2025-04-05"] * 4 + ["2025-07-05"] * 40, "nps": ["9"] * 84}
    result = compute_metrics(_config(metrics={"nps": {"column": "nps"}}, min_n=30), [_table(data)], [])
    nps = result.metrics[0]
    assert [(c.a, c.b) for c in nps.comparisons] == [("nps@2025-Q3", "nps@2025-Q1")]
    for lang, expected in (("zh", "较 2025-Q1"), ("en", "from 2025-Q1")):
        tables, _charts = _period_tables(nps, lang, result, Palette(), {})
        rows = {r.period: r for r in tables[0].rows}
        assert expected in rows["2025-Q3"].change
        assert rows["2025-Q2"].too_few and rows["2025-Q2"].value == "—"
