"""The real server (``cxassess serve`` under uvicorn): acknowledged saves survive killing it."""

from __future__ import annotations

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
