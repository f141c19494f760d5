"""Distributions, intervals and tests for customer-experience metrics, in plain Python.

No SciPy at run time: the normal distribution comes from the standard library, Student's t from
the regularised incomplete beta function (Lentz's continued fraction). The test suite checks
every function here against SciPy and statsmodels.

Conventions: proportions are fractions (0–1); ``n`` is a sample size and may be an effective
sample size (Kish) when responses are weighted, so it is a float.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()
_EPS = 1e-15
_TINY = 1e-300


# --------------------------------------------------------------------------- distributions


def norm_ppf(p: float) -> float:
    """The standard normal quantile."""
    return _NORMAL.inv_cdf(p)


def norm_sf2(z: float) -> float:
    """Two-sided p-value of a standard normal statistic: P(|Z| ≥ |z|)."""
    return math.erfc(abs(z) / math.sqrt(2.0))


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 10_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(ln_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_sf2(t: float, df: float) -> float:
    """Two-sided p-value of Student's t with ``df`` degrees of freedom: P(|T| ≥ |t|)."""
    if math.isinf(df):
        return norm_sf2(t)
    return betainc(df / 2.0, 0.5, df / (df + t * t))


def t_cdf(t: float, df: float) -> float:
    tail = t_sf2(t, df) / 2.0
    return 1.0 - tail if t >= 0 else tail


def _t_pdf(t: float, df: float) -> float:
    ln = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(ln - (df + 1) / 2 * math.log1p(t * t / df))


def t_ppf(p: float, df: float) -> float:
    """Student's t quantile (Newton's method from the normal quantile, bisection as a guard)."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must lie strictly between 0 and 1")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_ppf(1.0 - p, df)
    z = norm_ppf(p)
    # Cornish–Fisher start (Abramowitz & Stegun 26.7.5)
    x = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)
    lo, hi = 0.0, max(2.0 * x, 1.0)
    while t_cdf(hi, df) < p:
        lo, hi = hi, hi * 2.0
    x = min(max(x, lo), hi)
    for _ in range(100):
        f = t_cdf(x, df) - p
        if f > 0:
            hi = x
        else:
            lo = x
        step = f / max(_t_pdf(x, df), _TINY)
        candidate = x - step
        if not lo < candidate < hi:
            candidate = (lo + hi) / 2.0
        if abs(candidate - x) <= 1e-13 * max(1.0, abs(x)):
            return candidate
        x = candidate
    return x


# --------------------------------------------------------------------------- intervals


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


def z_for(confidence: float) -> float:
    return norm_ppf(0.5 + confidence / 2.0)


def wilson(p: float, n: float, confidence: float) -> Interval:
    """Wilson score interval of a proportion ``p`` observed on ``n`` responses."""
    z = z_for(confidence)
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denominator
    half = z / denominator * math.sqrt(max(p * (1.0 - p) / n + z2 / (4.0 * n * n), 0.0))
    return Interval(max(0.0, centre - half), min(1.0, centre + half))


def nps_adjusted(promoters: float, detractors: float, n: float) -> tuple[float, float, float]:
    """Adjusted-Wald estimates: ¾ added to promoters and to detractors, 3 to n → (p̃, d̃, ñ)."""
    m = n + 3.0
    return (promoters + 0.75) / m, (detractors + 0.75) / m, m


def nps_variance(p: float, d: float, n: float) -> float:
    """Variance of NPS as a fraction (−1..1): [(p + d) − (p − d)²] / n."""
    return max((p + d) - (p - d) ** 2, 0.0) / n


def nps_interval(p: float, d: float, n: float, confidence: float) -> Interval:
    """NPS interval (fraction, −1..1) by the variance formula on adjusted-Wald estimates."""
    pa, da, m = nps_adjusted(p * n, d * n, n)
    centre = pa - da
    half = z_for(confidence) * math.sqrt(nps_variance(pa, da, m))
    # the adjusted centre is pulled towards 0: at small n with every answer a promoter (or a
    # detractor) the interval would otherwise leave out the NPS it is given for (n = 1, NPS 100:
    # −48.5 to 98.5); it is widened to reach the observed value
    low, high = min(centre - half, p - d), max(centre + half, p - d)
    return Interval(max(-1.0, low), min(1.0, high))


def mean_interval(
    mean: float, sd: float, n: float, confidence: float, bounds: tuple[float, float] = (-math.inf, math.inf)
) -> Interval:
    """mean ± t(df = n − 1) · s / √n, within ``bounds`` (a mean of answers on a 1–7 scale lies
    in 1–7, whatever a small-sample t interval says)."""
    half = t_ppf(0.5 + confidence / 2.0, n - 1.0) * sd / math.sqrt(n)
    return Interval(max(bounds[0], mean - half), min(bounds[1], mean + half))


# --------------------------------------------------------------------------- tests


@dataclass(frozen=True)
class Test:
    statistic: float
    p: float


def two_proportions(p1: float, n1: float, p2: float, n2: float) -> Test:
    """Two-sided z-test of two proportions with the pooled variance."""
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    var = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)
    if var <= 0.0:
        return Test(0.0, 1.0)
    z = (p1 - p2) / math.sqrt(var)
    return Test(z, norm_sf2(z))


def two_nps(p1: float, d1: float, n1: float, p2: float, d2: float, n2: float) -> Test:
    """Two-sided z-test of two NPS values, each variance from its adjusted-Wald estimates."""
    a1, b1, m1 = nps_adjusted(p1 * n1, d1 * n1, n1)
    a2, b2, m2 = nps_adjusted(p2 * n2, d2 * n2, n2)
    var = nps_variance(a1, b1, m1) + nps_variance(a2, b2, m2)
    z = ((a1 - b1) - (a2 - b2)) / math.sqrt(var)
    return Test(z, norm_sf2(z))


def welch(mean1: float, sd1: float, n1: float, mean2: float, sd2: float, n2: float) -> Test | None:
    """Welch's two-sided t-test of two means (unequal variances, Welch–Satterthwaite df); None
    where it is not defined: a group of one (no variance to estimate) or no spread in either
    group (t = d / 0). Such a difference is not tested, never called significant."""
    if n1 <= 1.0 or n2 <= 1.0:
        return None
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    if v1 + v2 <= 0.0:
        return None
    t = (mean1 - mean2) / math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 * v1 / (n1 - 1.0) + v2 * v2 / (n2 - 1.0))
    return Test(t, t_sf2(t, df))


def holm(pvalues: Sequence[float]) -> list[float]:
    """Holm–Bonferroni adjusted p-values (step-down, monotone, capped at 1)."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: (pvalues[i], i))
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted
