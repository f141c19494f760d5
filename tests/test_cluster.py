"""A local Dask cluster (scheduler and two workers on loopback, started and stopped here) gives
exactly what the local process pool gives: the same files byte for byte, the same skipped files
and messages, the same comparison. Without --scheduler nothing of Dask is imported."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, TINY
from tests.portfolio_data import write_portfolio

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    import dask

    # a task whose worker dies is not retried on another: the test of a lost task stays short
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            env={"CXASSESS_PATH": str(TINY)},
        )
    try:
        yield str(cluster.scheduler_address)
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cluster") / "clients"
    write_portfolio(folder, 5)
    bad = folder / "broken" / "answers.yaml"
    bad.parent.mkdir()
    bad.write_text("schema: cxassess/answers/1\norganisation: {id: x, name: 坏, sector: s, size: huge}\n", "utf-8")
    (folder / "notes.txt").write_text("not for cxassess\n", encoding="utf-8")
    return folder


def _die_on_two(x: int) -> int:
    """Runs on a worker: the worker process dies on item 2."""
    if x == 2:
        os._exit(1)
    return x


def test_a_task_whose_worker_dies_is_reported_lost_and_the_others_finish(scheduler: str) -> None:
    from cxassess.pipeline.cluster import run_on_cluster

    lost: list[tuple[int, str]] = []

    def on_lost(item: int, error: BaseException) -> int:
        lost.append((item, type(error).__name__))
        return -item

    results = list(run_on_cluster(_die_on_two, [1, 2, 3, 4], scheduler, lost=on_lost))
    assert sorted(abs(r) for r in results) == [1, 2, 3, 4]  # every item once, none waited for forever
    assert -2 in results and (2, "KilledWorker") in lost
    # a task queued on the same worker may be lost with it (no retries in this cluster)
    assert {name for _, name in lost} == {"KilledWorker"}


def test_an_error_of_the_work_itself_is_raised_as_locally(scheduler: str) -> None:
    from cxassess.pipeline.cluster import run_on_cluster

    with pytest.raises(TypeError):
        list(run_on_cluster(abs, ["x"], scheduler, lost=lambda item, error: 0))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("kind", ["report", "readiness"])
def test_batch_on_the_cluster_writes_what_the_pool_writes(
    run_cli, scheduler: str, clients: Path, tmp_path: Path, kind: str
) -> None:
    local = run_cli(
        kind, "--lang", "en", "--batch", clients, "-o", tmp_path / "pool", "--format", "html", "--jobs", "2"
    )
    remote = run_cli(
        kind, "--lang", "en", "--batch", clients, "-o", tmp_path / "dask", "--format", "html", "--scheduler", scheduler
    )
    assert local.exit_code == remote.exit_code == 1  # the broken file is skipped in both
    assert remote.stdout == local.stdout.replace(str(tmp_path / "pool"), str(tmp_path / "dask"))
    assert remote.stderr == local.stderr
    bad = clients / "broken" / "answers.yaml"
    assert (
        f"{bad}:2: organisation.size: expected one of 'micro', 'small', 'medium', 'large', found 'huge'"
        in remote.stderr
    )
    assert f"skipped {bad}" in remote.stderr
    pool, dask = _files(tmp_path / "pool"), _files(tmp_path / "dask")
    assert sorted(dask) == [f"org-00{i}.html" for i in range(5)]
    assert dask == pool


def test_compare_on_the_cluster_gives_the_same_json_and_report(run_cli, scheduler: str, tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    write_portfolio(folder, 70)  # more than one chunk of files per task
    for i in range(3):  # earlier assessments: histories
        src = folder / f"org-00{i}" / "answers.yaml"
        text = src.read_text(encoding="utf-8").replace("date: 2026-", "date: 2025-", 1)
        (src.parent / "answers-2025.yaml").write_text(text, encoding="utf-8")
    (folder / "readme.md").write_text("notes\n", encoding="utf-8")
    local = run_cli("compare", folder, "--json", tmp_path / "pool.json", "-o", tmp_path / "pool.html", "--jobs", "2")
    remote = run_cli(
        "compare", folder, "--json", tmp_path / "dask.json", "-o", tmp_path / "dask.html", "--scheduler", scheduler
    )
    assert local.exit_code == remote.exit_code == 0, remote.stderr
    assert remote.stderr == local.stderr and "readme.md" in remote.stderr
    assert remote.stdout == local.stdout.replace("pool.", "dask.")
    assert (tmp_path / "dask.json").read_bytes() == (tmp_path / "pool.json").read_bytes()
    assert (tmp_path / "dask.html").read_bytes() == (tmp_path / "pool.html").read_bytes()


def test_compare_problems_on_the_cluster_are_the_local_ones(
    run_cli, scheduler: str, clients: Path, tmp_path: Path
) -> None:
    local = run_cli("compare", "--lang", "en", clients, "--json", tmp_path / "a.json", "--jobs", "2")
    remote = run_cli("compare", "--lang", "en", clients, "--json", tmp_path / "b.json", "--scheduler", scheduler)
    assert local.exit_code == remote.exit_code == 2
    assert remote.stderr == local.stderr
    assert "organisation.size: expected one of" in remote.stderr


@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("localhost:8786", "--scheduler expects tcp://HOST:PORT (or tls://HOST:PORT), found 'localhost:8786'"),
        ("tcp://127.0.0.1", "--scheduler expects tcp://HOST:PORT (or tls://HOST:PORT), found 'tcp://127.0.0.1'"),
    ],
)
def test_a_malformed_scheduler_address_is_a_usage_error(run_cli, tmp_path: Path, address: str, message: str) -> None:
    r = run_cli("compare", "--lang", "en", REPO / "examples", "--json", tmp_path / "p.json", "--scheduler", address)
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == f"error: {message}"


def test_scheduler_needs_batch(run_cli, tmp_path: Path) -> None:
    a = REPO / "examples" / "huaxin-bank" / "answers.yaml"
    r = run_cli("report", "--lang", "en", a, "-o", tmp_path / "r.html", "--scheduler", "tcp://127.0.0.1:8786")
    assert r.exit_code == 2
    assert r.stderr.splitlines()[-1] == "error: --scheduler works with --batch only (a single report is rendered here)"


def test_an_unreachable_scheduler_is_an_environment_problem(run_cli, tmp_path: Path, monkeypatch) -> None:
    import socket

    from cxassess.pipeline import cluster

    monkeypatch.setattr(cluster, "CONNECT_SECONDS", 2)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    r = run_cli("compare", "--lang", "en", REPO / "examples", "--json", tmp_path / "p.json", "--scheduler", address)
    assert r.exit_code == 4
    assert f"error: cannot reach the Dask scheduler at {address} (" in r.stderr
    assert not (tmp_path / "p.json").exists()


def test_without_scheduler_nothing_of_dask_is_imported(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    shutil.copytree(REPO / "examples" / "huaxin-bank", folder / "huaxin-bank")
    shutil.copytree(REPO / "examples" / "lvyuan-fresh", folder / "lvyuan-fresh")
    code = (
        "import sys\n"
        "from cxassess.cli import cli\n"
        "for args in (['compare', sys.argv[1], '--json', sys.argv[2] + '/p.json', '--jobs', '2'],\n"
        "             ['report', '--batch', sys.argv[1], '-o', sys.argv[2] + '/out', '--format', 'html', '--jobs', '2']):\n"
        "    try:\n"
        "        cli.main(args, standalone_mode=False)\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code in (0, None), exc.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print('loaded:', loaded)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(folder), str(tmp_path)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "CXASSESS_TODAY": "2026-11-22"},
        check=False,
    )
    assert r.returncode == 0, r.stderr
    assert "loaded: []" in r.stdout
    assert (tmp_path / "p.json").exists() and len(list((tmp_path / "out").glob("*.html"))) == 2
