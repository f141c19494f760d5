"""The largest answers file the declared limits allow: validate, score and render its report.

Run:  .venv/bin/python benchmarks/bench_limits.py [--lang zh]
Prints the file's size, the time and the peak memory of a whole `cxassess report` run (a fresh
process, as a user runs it). Asserts nothing.
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

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cxassess.core.model import MAX_EVIDENCE_ITEMS, MAX_TEXT, MAX_TITLE, Rubric  # noqa: E402
from cxassess.files.documents import load  # noqa: E402
from cxassess.files.fsys import MAX_DOCUMENT_BYTES  # noqa: E402

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"


def largest(path: Path) -> None:
    """Every question answered at the top with the most evidence items allowed, and titles and
    notes as long as the file-size limit then leaves room for (the binding limit)."""
    rubric = load(Rubric, REPO / "rubrics" / "gbt42509-default.yaml").model
    doc = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    title_len, note_len = MAX_TITLE, MAX_TEXT
    while True:
        title = "证" * title_len
        note = ("顾客体验管理的备注。" * (note_len // 10 + 1))[:note_len]
        doc["answers"] = {
            q.id: {
                "level": 5,
                "evidence": [
                    {"title": title, "kind": "record", "date": f"2026-{1 + i % 9:02d}-01", "ref": f"R-{i}"}
                    for i in range(MAX_EVIDENCE_ITEMS)
                ],
                "notes": note,
            }
            for q in rubric.questions
        }
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10_000)
        if len(text.encode("utf-8")) <= MAX_DOCUMENT_BYTES:
            break
        title_len, note_len = max(20, int(title_len * 0.8)), max(100, int(note_len * 0.9))
    path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        answers = Path(tmp) / "answers.yaml"
        largest(answers)
        out = Path(tmp) / "report.pdf"
        env = {**os.environ, "CXASSESS_TODAY": "2026-11-22"}
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "cxassess", "report", str(answers), "-o", str(out), "--lang", args.lang],
            check=True,
            env=env,
            capture_output=True,
        )
        elapsed = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"largest answers file the limits allow: {answers.stat().st_size / 1e6:.1f} MB")
        size = out.stat().st_size / 1e6
        print(f"  cxassess report ({args.lang}): {elapsed:6.1f} s, peak memory {peak:7.1f} MiB, PDF {size:.1f} MB")


if __name__ == "__main__":
    main()
