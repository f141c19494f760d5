"""Running the per-file work as tasks on a Dask distributed cluster (``--scheduler tcp://HOST:PORT``).

The tasks are the very functions the local processes run (``batch.run_job`` for a report,
``cards.score_files`` for a comparison), so a cluster gives the same outputs byte for byte. The
client keeps memory bounded: it submits a window of tasks at a time, takes each result as it
completes (``as_completed``), hands it on and releases it; nothing is gathered.

Workers need the same cxassess version (checked before any task runs), the same fonts for PDFs,
the data files named by ``CXASSESS_PATH`` when it is used, and the input and output folders at
the same paths (reports are written by the worker that renders them).

This module is imported only when a scheduler is given: without ``--scheduler`` nothing of Dask
is imported.
"""

from __future__ import annotations

import importlib
import re
import socket
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

from cxassess import __version__
from cxassess.core.problems import EnvironmentProblem, UsageProblem
from cxassess.i18n import msg

T = TypeVar("T")
R = TypeVar("R")

ADDRESS = re.compile(r"^(tcp|tls)://([^\s/:]+):(\d{1,5})$")
CONNECT_SECONDS = 20
WORKERS_SECONDS = 60
TASKS_PER_THREAD = 2  # tasks in flight per worker thread: enough to keep every worker busy
# how Dask says that a task's worker died or went away (not an error of the work itself)
LOST = {"KilledWorker", "CommClosedError", "CancelledError", "FutureCancelledError"}


def check_address(scheduler: str) -> str:
    match = ADDRESS.match(scheduler)
    if not match or not 1 <= int(match.group(3)) <= 65535:
        raise UsageProblem(msg("usage.scheduler_address", found=repr(scheduler)))
    return scheduler


def _reachable(scheduler: str) -> None:
    """Fail fast where nothing listens: a refused connection or an unknown host is told at once
    (Dask's client would retry it for its whole connect timeout)."""
    match = ADDRESS.match(scheduler)
    assert match is not None  # checked by check_address
    try:
        socket.create_connection((match.group(2), int(match.group(3))), timeout=CONNECT_SECONDS).close()
    except (OSError, UnicodeError) as exc:
        raise EnvironmentProblem(
            msg("env.scheduler_unreachable", address=scheduler, detail=type(exc).__name__)
        ) from None


def worker_version() -> str:
    """Runs on each worker: the cxassess version it imports."""
    return __version__


def _distributed() -> Any:
    try:
        return importlib.import_module("distributed")
    except ImportError:
        raise EnvironmentProblem(msg("env.no_dask")) from None


def _client(scheduler: str) -> Any:
    distributed = _distributed()
    if scheduler.startswith("tls://"):
        # without Dask's TLS settings the client cannot even try (and hangs closing itself)
        security = distributed.Security()
        if security.get_connection_args("client").get("ssl_context") is None:
            raise EnvironmentProblem(msg("env.scheduler_tls", address=scheduler))
    _reachable(scheduler)
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise EnvironmentProblem(
            msg("env.scheduler_unreachable", address=scheduler, detail=type(exc).__name__)
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except (OSError, TimeoutError):
        client.close()
        raise EnvironmentProblem(msg("env.scheduler_no_workers", address=scheduler, seconds=WORKERS_SECONDS)) from None
    try:
        versions = client.run(worker_version)
    except Exception as exc:  # a worker that cannot import cxassess fails here, before any task
        client.close()
        raise EnvironmentProblem(
            msg("env.workers_without_cxassess", detail=f"{type(exc).__name__}: {exc}"[:200])
        ) from None
    other = sorted({f"{w}: {v}" for w, v in versions.items() if v != __version__})
    if other:
        client.close()
        raise EnvironmentProblem(msg("env.workers_version", version=__version__, found=tuple(other)))
    return client


def run_on_cluster(
    fn: Callable[[T], R],
    items: Sequence[T],
    scheduler: str,
    *,
    lost: Callable[[T, BaseException], R] | None = None,
) -> Iterator[R]:
    """``fn`` over ``items`` as tasks on the cluster at ``scheduler``, yielded as they finish.

    A task whose worker died (``KilledWorker``) or went away gives ``lost(item, error)`` when
    ``lost`` is given, so one lost worker never stops a batch; any other error is raised, as it
    would be on local processes.
    """
    check_address(scheduler)
    client = _client(scheduler)
    as_completed = _distributed().as_completed

    try:
        threads = sum(client.nthreads().values()) or 1
        window = max(2, TASKS_PER_THREAD * threads)
        queue = iter(enumerate(items))
        which: dict[str, int] = {}

        def submit() -> Any:
            step = next(queue, None)
            if step is None:
                return None
            index, item = step
            future = client.submit(fn, item, pure=False, retries=0)
            which[future.key] = index
            return future

        first = [f for f in (submit() for _ in range(window)) if f is not None]
        if not first:
            return
        running = as_completed(first, loop=client.loop)
        del first
        for future in running:
            index = which.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:
                if lost is None or type(exc).__name__ not in LOST:
                    raise  # an error of the work itself is reported as it would be locally
                result = lost(items[index], exc)
            future.release()
            following = submit()
            if following is not None:
                running.add(following)
            yield result
    finally:
        client.close()
