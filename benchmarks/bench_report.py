"""Benchmark of the gap-analysis report: our whole render against WeasyPrint alone on the same HTML.

Run:  .venv/bin/python benchmarks/bench_report.py [--runs 3]
Prints: time to build the view model and charts, to render the HTML, WeasyPrint's own time on
that HTML, the whole report, our overhead over WeasyPrint, and the process's peak memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cxassess.files.library import templates_dir  # noqa: E402
from cxassess.pipeline.usecases import Sources, gap_report_output, run_score  # noqa: E402
from cxassess.rendering.document import pdf_bytes  # noqa: E402

EXAMPLE = REPO / "examples" / "zhilian-software" / "answers.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    args = ap.parse_args()
    import weasyprint

    templates = templates_dir()
    model_t, html_t, ours_t, wp_t = [], [], [], []
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.pdf"
        for _ in range(args.runs):
            t0 = time.perf_counter()
            scored = run_score(Sources(EXAMPLE), today=dt.date(2026, 11, 22))
            output = gap_report_output(scored, args.lang, None)
            t1 = time.perf_counter()
            assert output.html is not None
            html = output.html()
            t2 = time.perf_counter()
            out.write_bytes(pdf_bytes(html, templates, output.pdf))
            t3 = time.perf_counter()
            model_t.append(t1 - t0)
            html_t.append(t2 - t1)
            ours_t.append(t3 - t0)
            # WeasyPrint alone, same HTML, default fetcher
            t4 = time.perf_counter()
            doc = weasyprint.HTML(string=html, base_url=str(templates)).render()
            doc.write_pdf(str(Path(tmp) / "wp.pdf"))
            wp_t.append(time.perf_counter() - t4)
            pages = len(doc.pages)
        size = out.stat().st_size
    med = statistics.median
    overhead = med(ours_t) - med(wp_t)
    print(f"report ({args.lang}, {pages} pages, {size / 1024:.0f} KiB), median of {args.runs} runs:")
    print(f"  load + score + view model + charts   {med(model_t) * 1000:8.1f} ms")
    print(f"  jinja2 HTML                          {med(html_t) * 1000:8.1f} ms")
    print(f"  whole report (ours)                  {med(ours_t) * 1000:8.1f} ms")
    print(f"  WeasyPrint alone on the same HTML    {med(wp_t) * 1000:8.1f} ms")
    print(f"  our overhead over WeasyPrint         {overhead * 1000:8.1f} ms  ({100 * overhead / med(wp_t):.1f} %)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process peak memory (max RSS)        {peak:8.1f} MiB")


if __name__ == "__main__":
    main()
