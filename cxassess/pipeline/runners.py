"""Running one function over many items, on local processes or on a Dask cluster.

The function is the per-file work (a report, a scorecard); the runner decides where it runs and
yields the results as they finish, so a caller can show progress and keep nothing it does not
need. ``run_local`` uses ``multiprocessing.Pool`` with spawned processes (no fork while a progress
thread runs) recycled after ``per_worker`` tasks (``ProcessPoolExecutor`` with
``max_tasks_per_child`` deadlocks on Python 3.11–3.13 once a worker is replaced, CPython
gh-115634). ``run`` picks the cluster runner when a scheduler address is given; Dask is imported
only then.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def run_local(fn: Callable[[T], R], items: Sequence[T], workers: int, *, per_worker: int | None = None) -> Iterator[R]:
    """``fn`` over ``items`` on ``workers`` processes (in this process when 1), as they finish."""
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield fn(item)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=min(workers, len(items)), maxtasksperchild=per_worker) as pool:
        yield from pool.imap_unordered(fn, items)


def run(
    fn: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int,
    scheduler: str | None = None,
    per_worker: int | None = None,
    lost: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """On the Dask cluster at ``scheduler`` when one is given, else on local processes.
    ``lost(item, error)`` stands for the result of a task lost on the cluster (its worker died)."""
    if scheduler is not None:
        from cxassess.pipeline.cluster import run_on_cluster

        return run_on_cluster(fn, items, scheduler, lost=lost)
    return run_local(fn, items, workers, per_worker=per_worker)
