"""Sector scale: 10,000 answer sets scored on 1 and 2 cores, a comparison of 10,000 organisations,
and 50 reports on the local process pool against a local Dask cluster with two workers.

Run:  .venv/bin/python benchmarks/bench_scale.py [--sets 10000] [--reports 50] [--skip-pdf]
Prints figures only; asserts nothing. Wall time depends on what else runs on the machine: the CPU
time (user + system, of every process of the run) is printed beside it.

* scoring: the comparison's own per-file work (read, parse, validate, cross-check, judge, score,
  scorecard; ``cxassess.pipeline.cards``) over files on disk, in this process (1 core) and on the
  local pool of 2 processes (chunks of files per task, workers started by the run);
* compare: the real command in a child process (JSON, then JSON and PDF), with the peak memory of
  its largest process;
* reports: ``report --batch`` in a child process with ``--jobs 2``, then with ``--scheduler`` on a
  local cluster of two single-threaded worker processes started here (alternately, ``--rounds``
  times each); CPU time is that of the client and of the processes that render.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.portfolio_data import RUB, SECTORS, SIZES, STD, write_portfolio  # noqa: E402

TODAY = dt.date(2026, 11, 22)
EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"
_WRAPPER = (
    "import resource, subprocess, sys, time\n"
    "t0 = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], check=False, capture_output=True)\n"
    "wall = time.perf_counter() - t0\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(wall, u.ru_utime + u.ru_stime, u.ru_maxrss, r.returncode)\n"
    "sys.stderr.write(r.stderr.decode()[-2000:])\n"
)


def write_sets(folder: Path, n: int, distinct: int = 200) -> None:
    """``n`` answers files of ``n`` organisations, as ``bench_core.py`` makes them: the example
    questionnaire with levels drawn at random (seeded; ``distinct`` different sets), each given to
    several organisations under their own id, sector and size. Evidence citing a survey figure is
    left out: each organisation would need its own metrics result beside its answers."""
    from cxassess.core.model import Answers
    from cxassess.files.documents import load
    from cxassess.rendering.questionnaire_yaml import render_questionnaire

    base = load(Answers, EXAMPLE).model
    rng = random.Random(42)
    texts = []
    for _ in range(min(n, distinct)):
        answers = {
            qid: a
            if a.na
            else a.model_copy(
                update={"level": rng.randint(0, 5), "evidence": [e for e in a.evidence if e.metrics is None]}
            )
            for qid, a in base.answers.items()
        }
        texts.append(render_questionnaire(RUB, STD, base.model_copy(update={"answers": answers})))
    org = base.organisation
    for i in range(n):
        text = (
            texts[i % len(texts)]
            .replace(f'id: "{org.id}"', f'id: "org-{i:05d}"', 1)
            .replace(f'name: "{org.name}"', f'name: "客户{i:05d}"', 1)
            .replace(f'sector: "{org.sector}"', f'sector: "{SECTORS[i % len(SECTORS)]}"', 1)
            .replace(f'size: "{org.size}"', f'size: "{SIZES[(i // 7) % len(SIZES)]}"', 1)
        )
        path = folder / f"org-{i:05d}" / "answers.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def score_sets(folder: Path, workers: int) -> tuple[float, float, int]:
    from cxassess.pipeline.cards import candidates, chunks, score_files
    from cxassess.pipeline.runners import run_local

    files = candidates([folder])
    c0, t0 = cpu(), time.perf_counter()
    scored = sum(1 for done in run_local(score_files, chunks(files, TODAY), workers) for c in done if c.card)
    return time.perf_counter() - t0, cpu() - c0, scored


def cli(args: list[str]) -> tuple[float, float, float, int]:
    """Wall time, CPU time, peak memory (MiB, largest process) and exit code of one command."""
    env = {**os.environ, "CXASSESS_TODAY": TODAY.isoformat()}
    r = subprocess.run(
        [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "cxassess", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    wall, cpu_s, rss, code = r.stdout.split()
    if int(code) != 0:
        print(f"   (exit {code}: {r.stderr.strip()[-300:]})")
    return float(wall), float(cpu_s), int(rss) / 1024, int(code)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=10_000)
    ap.add_argument("--reports", type=int, default=50, help="0 skips the reports")
    ap.add_argument("--skip-pdf", action="store_true", help="skip the comparison PDF of all sets")
    ap.add_argument("--rounds", type=int, default=1, help="runs of the reports on each, alternately")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sets = root / "sets"
        t0 = time.perf_counter()
        write_sets(sets, args.sets)
        print(f"wrote {args.sets} answers files in {time.perf_counter() - t0:.1f} s")

        walls = {}
        for workers in (1, 2):
            wall, cpu_s, scored = score_sets(sets, workers)
            walls[workers] = wall
            print(
                f"score {scored} answer sets on {workers} core(s):  wall {wall:6.1f} s  cpu {cpu_s:6.1f} s  "
                f"= {scored / wall:5.0f} sets/s ({cpu_s / scored * 1000:.2f} ms cpu each)"
            )
        print(f"speed-up on 2 cores: {walls[1] / walls[2]:.2f}x")

        wall, cpu_s, rss, _ = cli(["compare", str(sets), "--json", str(root / "p.json")])
        print(f"compare {args.sets} organisations, JSON: wall {wall:6.1f} s  cpu {cpu_s:6.1f} s  peak {rss:6.0f} MiB")
        if not args.skip_pdf:
            wall, cpu_s, rss, _ = cli(["compare", str(sets), "--json", str(root / "q.json"), "-o", str(root / "c.pdf")])
            from pypdf import PdfReader

            pages = len(PdfReader(str(root / "c.pdf")).pages)
            print(
                f"compare {args.sets} organisations, JSON + PDF ({pages} pages): wall {wall:6.1f} s  "
                f"cpu {cpu_s:6.1f} s  peak {rss:6.0f} MiB"
            )

        if args.reports <= 0:
            return
        batch = root / "batch"
        write_portfolio(batch, args.reports, seed=11)
        reports(batch, root, args.rounds)


def _worker_cpu() -> float:
    """Runs on each Dask worker: the CPU time its process has used."""
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def reports(batch: Path, root: Path, rounds: int) -> None:
    """The same batch on the pool and on the cluster, alternately (``rounds`` times each, so that
    a change in the machine's load hits both); the best wall time of each, and the CPU time of
    the processes that render (which the load of other programs hardly changes)."""
    from distributed import Client, LocalCluster

    pool_runs: list[tuple[float, float, float]] = []
    dask_runs: list[tuple[float, float, float]] = []
    t0 = time.perf_counter()
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None) as c,
        Client(c) as client,
    ):
        started = time.perf_counter() - t0
        for k in range(rounds):
            out = root / f"pool{k}"
            wall, cpu_s, rss, _ = cli(["report", "--batch", str(batch), "-o", str(out), "--jobs", "2"])
            pool_runs.append((wall, cpu_s, rss))
            before = sum(client.run(_worker_cpu).values())
            out = root / f"dask{k}"
            wall, cpu_client, rss, _ = cli(
                ["report", "--batch", str(batch), "-o", str(out), "--scheduler", c.scheduler_address]
            )
            workers = sum(client.run(_worker_cpu).values()) - before
            dask_runs.append((wall, cpu_client + workers, rss))
    n = len(list((root / "pool0").glob("*.pdf")))
    same = all(
        (root / f"dask{k}" / p.name).read_bytes() == p.read_bytes()
        for k in range(rounds)
        for p in sorted((root / "pool0").glob("*.pdf"))
    )
    pool_best, dask_best = min(r[0] for r in pool_runs), min(r[0] for r in dask_runs)
    pool_cpu, dask_cpu = min(r[1] for r in pool_runs), min(r[1] for r in dask_runs)
    print(
        f"{n} reports on the local pool (2 processes):        best wall {pool_best:6.1f} s  cpu {pool_cpu:6.1f} s  "
        f"peak {max(r[2] for r in pool_runs):5.0f} MiB   (walls: {', '.join(f'{r[0]:.1f}' for r in pool_runs)})"
    )
    print(
        f"{n} reports on a local Dask cluster (2 workers):   best wall {dask_best:6.1f} s  cpu {dask_cpu:6.1f} s  "
        f"client peak {max(r[2] for r in dask_runs):5.0f} MiB   (walls: {', '.join(f'{r[0]:.1f}' for r in dask_runs)}; "
        f"cluster started in {started:.1f} s)"
    )
    print(
        f"cluster / pool: wall {dask_best / pool_best:.2f}, cpu {dask_cpu / pool_cpu:.2f}  (target ≤ 1.15); "
        f"outputs identical: {'yes' if same else 'NO'}"
    )


if __name__ == "__main__":
    main()
