"""Benchmarks for consultants: comparing 500 organisations, and batch rendering on 1 vs 2 processes.

Run:  .venv/bin/python benchmarks/bench_portfolio.py [--orgs 500] [--reports 50]
Each measurement runs the real CLI in a child process; wall time and the child's peak memory
(max RSS of the process tree's largest member, from getrusage) are printed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.portfolio_data import write_portfolio  # noqa: E402

_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t0 = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], check=False, capture_output=True)\n"
    "wall = time.perf_counter() - t0\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def run(args: list[str]) -> tuple[float, float]:
    """Wall time and peak memory (MiB, the largest process of the command's tree) of one command,
    measured in a fresh wrapper process so that runs do not mask each other."""
    env = {**os.environ, "CXASSESS_TODAY": "2026-11-22"}
    out = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "cxassess", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--orgs", type=int, default=500)
    ap.add_argument("--reports", type=int, default=50)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_portfolio(root / "many", args.orgs)
        wall, peak = run(["compare", str(root / "many"), "--json", str(root / "p.json")])
        print(f"compare {args.orgs} organisations, JSON only:        {wall:7.1f} s   peak {peak:7.0f} MiB")
        wall, peak = run(["compare", str(root / "many"), "-o", str(root / "c.pdf")])
        pages = "?"
        try:
            from pypdf import PdfReader

            pages = str(len(PdfReader(str(root / "c.pdf")).pages))
        except Exception:
            pass
        print(f"compare {args.orgs} organisations, PDF ({pages} pages):  {wall:7.1f} s   peak {peak:7.0f} MiB")

        write_portfolio(root / "batch", args.reports, seed=11)
        times = {}
        for jobs in (1, 2):
            wall, peak = run(
                ["report", "--batch", str(root / "batch"), "-o", str(root / f"out{jobs}"), "--jobs", str(jobs)]
            )
            times[jobs] = wall
            n = len(list((root / f"out{jobs}").glob("*.pdf")))
            print(f"batch {n} reports on {jobs} process(es):     {wall:7.1f} s   peak {peak:7.0f} MiB per process")
        print(f"speed-up on 2 processes: {times[1] / times[2]:.2f}x (workers recycled every 8 reports)")


if __name__ == "__main__":
    main()
