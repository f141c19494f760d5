"""The real server (``cxassess serve`` under uvicorn): acknowledged saves survive killing it."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")

from cxassess.web.store import Store
from tests.conftest import TODAY
from tests.web_support import JSON, LiveServer, csrf_of, http_session, setup_assessment


def test_killing_the_server_mid_save_loses_nothing_that_was_acknowledged(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    server = LiveServer(folder, today=TODAY).start()
    try:
        with http_session(server.url) as client:
            ids = setup_assessment(client, respondents={"王强": ("7",)})
            token = ids["tokens"]["王强"]
            csrf = csrf_of(client.get(f"/r/{token}/c/7.3").text)
        acked: dict[str, tuple[int, str]] = {}
        questions = ["Q-7.3-01", "Q-7.3-02", "Q-7.1-01", "Q-7.2-01"]
        stop = threading.Event()

        def save_forever(qid: str) -> None:
            with http_session(server.url) as c:
                version, n = 0, 0
                while not stop.is_set():
                    n += 1
                    note = f"{qid} save {n}"
                    data = {"csrf": csrf, "version": str(version), "level": str(n % 3), "notes": note, "ev-count": "0"}
                    try:
                        r = c.post(f"/r/{token}/q/{qid}", data=data, headers=JSON)
                    except Exception:  # the server died under us: this save was never acknowledged
                        return
                    if r.status_code == 200:
                        version = r.json()["version"]
                        acked[qid] = (version, note)

        threads = [threading.Thread(target=save_forever, args=(q,)) for q in questions]
        for t in threads:
            t.start()
        time.sleep(1.5)
        server.kill()  # SIGKILL: no shutdown, no flush
        stop.set()
        for t in threads:
            t.join(10)
    finally:
        server.stop()
    assert len(acked) == len(questions) and all(v >= 3 for v, _ in acked.values())
    store = Store(folder)
    a = store.assessments()[0]
    for qid, (version, note) in acked.items():
        saved = store.answer(a.id, qid)
        assert saved is not None
        # the acknowledged save is there; at most one more save was committed but not yet answered
        assert saved.version in (version, version + 1), qid
        if saved.version == version:
            assert saved.body.notes == note
    store.close()


def test_serve_refuses_a_short_password_and_a_file_as_workspace(tmp_path: Path, run_cli) -> None:
    short = tmp_path / "pw.txt"
    short.write_text("abc\n", encoding="utf-8")
    r = run_cli("serve", tmp_path / "ws", "--password-file", short)
    assert r.exit_code == 2
    assert r.stderr.strip() == f"错误：{short} 中的密码太短（至少 8 个字符）。"
    afile = tmp_path / "a-file"
    afile.write_text("x", encoding="utf-8")
    r = run_cli("serve", afile, "--lang", "en")
    assert r.exit_code == 2
    assert "a-file" in r.stderr


def test_serve_says_where_it_listens_and_prints_a_password_it_made(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "ws", today=TODAY, extra_env={"CXASSESS_PASSWORD": ""}).start()
    server.stop()
    lines = server.output.splitlines()
    assert lines[0] == f"评估工作台已启动：{server.url}/（工作区：{tmp_path / 'ws'}）。按 Ctrl+C 停止。"
    made = re.fullmatch(
        r"协调人密码（本次随机生成）：(\S+)　可用 --password-file 或环境变量 CXASSESS_PASSWORD 指定固定密码。", lines[1]
    )
    assert made and len(made.group(1)) >= 16
    assert lines[2].startswith("只有本机可以访问。要让同事访问，请用 --host 0.0.0.0")
    assert (tmp_path / "ws" / "workspace.sqlite3").is_file()
