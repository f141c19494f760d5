"""Load benchmark of the workspace: 50 respondents saving answers at once, and the dashboard.

Run:  .venv/bin/python benchmarks/bench_web.py [--respondents 50] [--seconds 60] [--think 1.0]

Loopback only (the server is ``cxassess serve`` on 127.0.0.1 in a child process), bounded in time
and in requests per respondent, stops by itself. Each respondent is assigned one clause (several
share each clause, so saves of the same answer race and conflicts happen), and loops: read the
answer and its version, save a change based on that version, read it back. Between saves it
waits ``think`` seconds on average (0 = as fast as it can); each starts after a random fraction of
``think``, as independent people do (a lockstep start of all 50 is a burst no office produces).

Printed: saves, throughput, p50/p95/p99/max save latency, errors (anything but 200 or an honest
409 conflict), conflicts, lost updates (a read-back older than the acknowledged version, or the
same version with other content; and at the end every answer's version must equal its starting
version plus the saves acknowledged for it), then the coordinator dashboard's load time on the
84-question assessment (with the live score recomputed after a save, and cached).
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.web_support import LiveServer, csrf_of, http_session, setup_assessment  # noqa: E402

TODAY = "2026-11-22"
MAX_SAVES_PER_RESPONDENT = 5_000


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


class Respondent(threading.Thread):
    def __init__(
        self, port: int, token: str, csrf: str, questions: list[str], deadline: float, think: float, seed: int
    ):
        super().__init__(daemon=True)
        self.port, self.token, self.csrf, self.questions = port, token, csrf, questions
        self.deadline, self.think = deadline, think
        self.rng = random.Random(seed)
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.conflicts = 0
        self.lost: list[str] = []
        self.acked: Counter[str] = Counter()
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, method: str, path: str, body: str | None = None) -> tuple[int, dict[str, object]]:
        headers = {"Accept": "application/json"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        return r.status, json.loads(data) if data else {}

    def run(self) -> None:
        base = f"/r/{self.token}/q/"
        n = 0
        time.sleep(self.rng.uniform(0, self.think))  # people do not start in lockstep
        while time.monotonic() < self.deadline and n < MAX_SAVES_PER_RESPONDENT:
            n += 1
            qid = self.rng.choice(self.questions)
            try:
                status, current = self.request("GET", f"{base}{qid}.json")
                if status != 200:
                    self.errors.append(f"read {status}")
                    continue
                version = int(current["version"])  # type: ignore[call-overload]
                note = f"{self.token[:6]} {n} {self.rng.random():.6f}"
                form = {
                    "csrf": self.csrf,
                    "version": str(version),
                    "level": str(self.rng.randint(0, 2)),
                    "notes": note,
                    "ev-count": "0",
                }
                t0 = time.perf_counter()
                status, saved = self.request("POST", f"{base}{qid}", urllib.parse.urlencode(form))
                self.latencies.append(time.perf_counter() - t0)
                if status == 409:
                    self.conflicts += 1
                elif status != 200:
                    self.errors.append(f"save {status}")
                else:
                    acked = int(saved["version"])  # type: ignore[call-overload]
                    self.acked[qid] += 1
                    status, back = self.request("GET", f"{base}{qid}.json")
                    got = int(back.get("version", -1))  # type: ignore[call-overload]
                    answer = back.get("answer") or {}
                    if status != 200:
                        self.errors.append(f"read back {status}")
                    elif got < acked or (got == acked and answer.get("notes") != note):  # type: ignore[union-attr]
                        self.lost.append(f"{qid}: acknowledged v{acked}, read back v{got}")
            except (OSError, http.client.HTTPException, ValueError) as exc:
                self.errors.append(type(exc).__name__)
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            if self.think:
                time.sleep(self.rng.uniform(0.5, 1.5) * self.think)
        self.conn.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--respondents", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--think", type=float, default=1.0, help="mean seconds between one respondent's saves")
    ap.add_argument("--dashboard-loads", type=int, default=30)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp, LiveServer(Path(tmp) / "ws", today=TODAY) as server:
        client = http_session(server.url)
        from cxassess.files.library import Library

        rubric = Library().find_rubric("gbt42509-default", "2.0.0")
        assert rubric is not None
        questions = rubric.model.questions
        clauses = list(dict.fromkeys(q.clause for q in questions))
        names = {f"答题人{i:02d}": (clauses[i % len(clauses)],) for i in range(args.respondents)}
        ids = setup_assessment(client, respondents=names)
        aid = ids["aid"]
        by_clause = {c: [q.id for q in questions if q.clause == c] for c in clauses}

        # every question answered first, so the dashboard scores a complete 84-question assessment
        csrfs: dict[str, str] = {}
        for name, (clause,) in names.items():
            token = ids["tokens"][name]
            csrfs[name] = csrf_of(client.get(f"/r/{token}/c/{clause}").text)
        for name, (clause,) in list(names.items())[: len(clauses)]:
            token = ids["tokens"][name]
            for qid in by_clause[clause]:
                form = {"csrf": csrfs[name], "version": "0", "level": "2", "ev-count": "0"}
                r = client.post(f"/r/{token}/q/{qid}", data=form, headers={"accept": "application/json"})
                assert r.status_code == 200, r.text
        start_versions = {q.id: 1 for q in questions}

        print(
            f"{len(questions)} questions, {len(clauses)} clauses, {args.respondents} respondents, "
            f"{args.seconds:g} s, think {args.think:g} s"
        )
        deadline = time.monotonic() + args.seconds
        workers = [
            Respondent(server.port, ids["tokens"][n], csrfs[n], by_clause[c], deadline, args.think, i)
            for i, (n, (c,)) in enumerate(names.items())
        ]
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join(args.seconds + 60)
        wall = time.perf_counter() - t0

        latencies = [x for w in workers for x in w.latencies]
        acked: Counter[str] = Counter()
        for w in workers:
            acked.update(w.acked)
        errors = [e for w in workers for e in w.errors]
        lost = [x for w in workers for x in w.lost]
        conflicts = sum(w.conflicts for w in workers)
        # every acknowledged save is one version: nothing was overwritten silently
        owner = {c: ids["tokens"][n] for n, (c,) in names.items()}
        for q in questions:
            qid = q.id
            r = client.get(f"/r/{owner[q.clause]}/q/{qid}.json")
            final = r.json()["version"]
            if final != start_versions[qid] + acked[qid]:
                lost.append(f"{qid}: final v{final}, expected v{start_versions[qid] + acked[qid]}")
        saves = sum(acked.values())
        print(f"saves acknowledged   {saves}  ({saves / wall:.1f}/s; {len(latencies) / wall:.1f} save requests/s)")
        print(
            f"save latency         p50 {percentile(latencies, 50) * 1000:.1f} ms   p95 "
            f"{percentile(latencies, 95) * 1000:.1f} ms   p99 {percentile(latencies, 99) * 1000:.1f} ms   "
            f"max {max(latencies) * 1000:.1f} ms"
        )
        print(f"conflicts (409)      {conflicts}  (honest refusals of a stale version)")
        print(f"errors               {len(errors)}  {Counter(errors).most_common(5) if errors else ''}")
        print(f"lost updates         {len(set(lost))}  {sorted(set(lost))[:5] if lost else ''}")

        # the dashboard: cold = the live score recomputed (a save just happened), warm = cached
        token = ids["tokens"][next(iter(names))]
        first_clause = names[next(iter(names))][0]
        qid = by_clause[first_clause][0]
        cold: list[float] = []
        warm: list[float] = []
        for _ in range(args.dashboard_loads):
            version = client.get(f"/r/{token}/q/{qid}.json").json()["version"]
            form = {"csrf": csrfs[next(iter(names))], "version": str(version), "level": "1", "ev-count": "0"}
            client.post(f"/r/{token}/q/{qid}", data=form, headers={"accept": "application/json"})
            for bucket in (cold, warm):
                t = time.perf_counter()
                r = client.get(f"/assessments/{aid}")
                bucket.append(time.perf_counter() - t)
                assert r.status_code == 200 and "data:image/svg+xml" in r.text
        print(
            f"dashboard (84 q.)    recomputed p50 {statistics.median(cold) * 1000:.1f} ms  p95 "
            f"{percentile(cold, 95) * 1000:.1f} ms   cached p50 {statistics.median(warm) * 1000:.1f} ms  "
            f"p95 {percentile(warm, 95) * 1000:.1f} ms"
        )
        size = len(client.get(f"/assessments/{aid}").content)
        print(f"dashboard page       {size / 1024:.0f} KB")
        client.close()
        if errors or lost:
            sys.exit(1)


if __name__ == "__main__":
    main()
