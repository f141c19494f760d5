"""Benchmarks of the core: CLI start-up, one score, and bulk scoring throughput.

Run:  .venv/bin/python benchmarks/bench_core.py [--sets 10000]
Prints figures only; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cxassess.core import checks  # noqa: E402
from cxassess.core.model import Answers, Rubric, Standard  # noqa: E402
from cxassess.core.scoring import score  # noqa: E402
from cxassess.files.documents import load, validate_model  # noqa: E402
from cxassess.files.yamlio import load_text  # noqa: E402
from cxassess.rendering.questionnaire_yaml import render_questionnaire  # noqa: E402

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"


def _time_process(args: list[str], runs: int) -> tuple[float, float]:
    env = {**os.environ, "CXASSESS_TODAY": "2026-11-22"}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def _variants(n: int) -> list[str]:
    """n answers files: the example with levels and evidence shuffled (seeded, so repeatable)."""
    std = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
    rub = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
    base = load(Answers, EXAMPLE).model
    rng = random.Random(42)
    texts = []
    for _ in range(min(n, 200)):
        answers = {}
        for qid, a in base.answers.items():
            if a.na:
                answers[qid] = a
            else:
                answers[qid] = a.model_copy(update={"level": rng.randint(0, 5)})
        texts.append(render_questionnaire(rub, std, base.model_copy(update={"answers": answers})))
    return [texts[i % len(texts)] for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sets", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    exe = [sys.executable, "-m", "cxassess"]

    med, best = _time_process([*exe, "--help"], args.runs)
    print(f"cxassess --help                      median {med * 1000:7.1f} ms   best {best * 1000:7.1f} ms")
    med, best = _time_process([*exe, "score", str(EXAMPLE)], args.runs)
    print(f"cxassess score (table, example)      median {med * 1000:7.1f} ms   best {best * 1000:7.1f} ms")
    med, best = _time_process([*exe, "score", str(EXAMPLE), "--json"], args.runs)
    print(f"cxassess score --json (example)      median {med * 1000:7.1f} ms   best {best * 1000:7.1f} ms")

    std = load(Standard, REPO / "standards/gbt42509/standard.yaml").model
    rub = load(Rubric, REPO / "rubrics/gbt42509-default.yaml").model
    texts = _variants(args.sets)
    today = dt.date(2026, 11, 22)
    t0 = time.perf_counter()
    total = 0.0
    for i, text in enumerate(texts):
        doc = load_text(text)
        answers = validate_model(Answers, doc.data, Path(f"set{i}.yaml"), doc.marks)
        assert not checks.check_answers(answers, rub, today)
        total += score(std, rub, answers).overall.percent or 0.0
    elapsed = time.perf_counter() - t0
    print(
        f"score {args.sets} answer sets (YAML parse + validate + check + score): "
        f"{elapsed:6.2f} s  = {args.sets / elapsed:7.0f} sets/s  ({elapsed / args.sets * 1000:.2f} ms each)"
    )
    print(f"(checksum of overall percents: {total:.2f})")


if __name__ == "__main__":
    main()
