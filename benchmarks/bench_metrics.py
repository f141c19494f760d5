"""Benchmark of ``cxassess metrics``: 1,000,000 responses, 3 metrics (NPS, CSAT, CES), 4 segment
columns of 5 values each (20 segments), by quarter and by month over two years.

Run:  .venv/bin/python benchmarks/bench_metrics.py [--rows 1000000]
The whole command runs in a child process (reading the CSV, every figure, interval and test,
the JSON written); wall time and the child's peak memory (max RSS) are printed, then the same
for the computation alone in this process.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.survey_data import write_large  # noqa: E402

CONFIG = """\
schema: cxassess/metrics-config/1
date: {column: 提交时间}
periods: [quarter, month]
segments: [渠道, 触点, 地区, 产品线]
metrics:
  nps: {column: 推荐意愿(0-10)}
  csat: {column: 满意度(1-5)}
  ces: {column: 费力度(1-7), polarity: higher_is_harder}
"""

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t0 = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], check=False, capture_output=True)\n"
    "wall = time.perf_counter() - t0\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)\n"
)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        survey = root / "survey.csv"
        config = root / "metrics.yaml"
        t0 = time.perf_counter()
        write_large(survey, args.rows)
        config.write_text(CONFIG, encoding="utf-8")
        size = survey.stat().st_size / 1024 / 1024
        print(f"generated {args.rows:,} responses ({size:.0f} MiB) in {time.perf_counter() - t0:.1f} s")
        out = root / "metrics.json"
        cmd = [sys.executable, "-m", "cxassess", "metrics", str(survey), "--config", str(config), "--json", str(out)]
        for attempt in (1, 2):
            wall, rss, code = subprocess.run(
                [sys.executable, "-c", _WRAPPER, *cmd], check=True, capture_output=True, text=True, env=os.environ
            ).stdout.split()
            assert code == "0", f"cxassess metrics exited {code}"
            out.unlink()
            peak = int(rss) / 1024
            print(f"cxassess metrics, whole command (run {attempt}):  {float(wall):6.2f} s   peak {peak:6.0f} MiB")

        from cxassess.pipeline.metrics import run_metrics

        t0 = time.perf_counter()
        result, _ = run_metrics([survey], config)
        wall = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        figures = sum(len(m.figures) for m in result.metrics)
        tests = sum(len(m.comparisons) for m in result.metrics)
        print(f"read + compute in this process:            {wall:6.2f} s   peak {peak:6.0f} MiB")
        print(f"{figures:,} figures and {tests:,} tests from {result.covered.rows:,} responses")


if __name__ == "__main__":
    main()
