"""The workspace database and evidence store: migrations, optimistic concurrency, tokens, files."""

from __future__ import annotations

import datetime as dt
import io
import sqlite3
import threading
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from cxassess.core.model import AssessmentInfo, Organisation
from cxassess.files import blobs
from cxassess.web.store import (
    DB_NAME,
    MIGRATIONS,
    SCHEMA_VERSION,
    AnswerBody,
    Conflict,
    EvidenceBody,
    Saved,
    SchemaTooNew,
    Store,
)

ORG = Organisation.model_validate({"id": "acme", "name": "艾克米", "sector": "IT", "size": "medium"})
INFO = AssessmentInfo.model_validate(
    {"date": dt.date(2026, 11, 1), "assessor": "李娜", "rubric": "gbt42509-default", "rubric_version": "2.0.0"}
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path)
    yield s
    s.close()


def test_a_new_workspace_gets_every_migration_in_order_and_wal(tmp_path: Path) -> None:
    s = Store(tmp_path)
    rows = s.read("SELECT version, name FROM schema_migrations ORDER BY version")
    assert [r["version"] for r in rows] == [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert s.read("PRAGMA journal_mode")[0][0] == "wal"
    assert s.read("PRAGMA synchronous")[0][0] == 2  # FULL
    assert s.migrate() == []  # nothing left to apply
    s.close()


def test_an_older_workspace_is_upgraded_step_by_step_and_keeps_its_data(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    first = Store(folder, migrations=MIGRATIONS[:1])  # made by a cxassess that knew only the first step
    assert first.schema_version() == 1
    first.connection().execute(
        "INSERT INTO assessments (rubric_id, rubric_version, organisation, date, assessor, created_at) "
        "VALUES ('gbt42509-default', '2.0.0', ?, '2026-11-01', '李娜', 'now')",
        (ORG.model_dump_json(),),
    )
    first.close()
    upgraded = Store(folder)
    assert upgraded.schema_version() == SCHEMA_VERSION
    assert [r["version"] for r in upgraded.read("SELECT version FROM schema_migrations")] == [1, 2, 3]
    a = upgraded.assessment(1)
    assert a is not None and a.organisation == ORG and a.revision == 0
    upgraded.close()


def test_the_attachments_step_finds_the_files_already_attached(tmp_path: Path) -> None:
    old = Store(tmp_path, migrations=MIGRATIONS[:2])
    aid = old.create_assessment(ORG, INFO)
    ref = {"sha256": "c" * 64, "name": "记录.pdf", "size": 7, "media_type": "application/pdf"}
    body = AnswerBody(level=3, evidence=[EvidenceBody(title="记录", kind="record", file=ref)])
    old.save_answer(aid, "Q-7.3-01", 0, body, "王强")
    old.save_answer(aid, "Q-7.3-01", 1, AnswerBody(level=3), "王强")  # the file was removed later
    old.connection().execute("INSERT INTO files VALUES (?, 7, 'application/pdf', 'now')", ("c" * 64,))
    old.close()
    new = Store(tmp_path)
    assert new.migrate() == []
    assert new.question_files(aid, "Q-7.3-01")["c" * 64].name == "记录.pdf"
    new.close()


def test_a_workspace_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    Store(tmp_path).close()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    conn.execute("INSERT INTO schema_migrations VALUES (99, 'from the future', 'now')")
    conn.commit()
    conn.close()
    with pytest.raises(SchemaTooNew) as exc:
        Store(tmp_path)
    assert (exc.value.found, exc.value.known) == (99, SCHEMA_VERSION)


def test_a_save_based_on_an_old_version_is_a_conflict_and_changes_nothing(store: Store) -> None:
    aid = store.create_assessment(ORG, INFO)
    first = store.save_answer(aid, "Q-7.3-01", 0, AnswerBody(level=3), "王强")
    assert isinstance(first, Saved) and first.version == 1
    stale = store.save_answer(aid, "Q-7.3-01", 0, AnswerBody(level=1), "赵敏")
    assert isinstance(stale, Conflict)
    assert stale.base_version == 0
    assert stale.current is not None and stale.current.version == 1 and stale.current.body == AnswerBody(level=3)
    assert stale.current.saved_by == "王强"
    current = store.answer(aid, "Q-7.3-01")
    assert current is not None and current.body.level == 3 and current.version == 1
    second = store.save_answer(aid, "Q-7.3-01", 1, AnswerBody(level=4), "赵敏")
    assert isinstance(second, Saved) and second.version == 2
    history = store.read("SELECT version, saved_by FROM history ORDER BY id")
    assert [(r["version"], r["saved_by"]) for r in history] == [(1, "王强"), (2, "赵敏")]
    assert store.revision(aid) == 2


def test_concurrent_writers_never_lose_an_update(store: Store) -> None:
    """Eight threads read, change and save the same answer; each save that is acknowledged is in
    the history exactly once and the final version counts them all."""
    aid = store.create_assessment(ORG, INFO)
    acked: list[tuple[int, str]] = []
    lock = threading.Lock()

    def writer(n: int) -> None:
        for i in range(25):
            while True:
                current = store.answer(aid, "Q-7.3-01")
                base = current.version if current else 0
                note = f"writer {n} save {i}"
                result = store.save_answer(aid, "Q-7.3-01", base, AnswerBody(level=n % 6, notes=note), f"w{n}")
                if isinstance(result, Saved):
                    with lock:
                        acked.append((result.version, note))
                    break

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    final = store.answer(aid, "Q-7.3-01")
    assert final is not None and final.version == len(acked) == 200
    assert sorted(v for v, _ in acked) == list(range(1, 201))  # every version acknowledged once
    history = {r["version"]: r["body"] for r in store.read("SELECT version, body FROM history")}
    for version, note in acked:
        assert AnswerBody.model_validate_json(history[version]).notes == note


def test_personal_links_are_stored_only_as_digests_and_can_be_replaced(store: Store, tmp_path: Path) -> None:
    aid = store.create_assessment(ORG, INFO)
    person, token = store.add_person(aid, "王强", "respondent", ["7.3"])
    assert len(token) >= 32
    assert store.person_by_token(token) == person
    store.close()
    assert token.encode() not in (tmp_path / DB_NAME).read_bytes()
    assert store.person_by_token(token + "x") is None
    new = store.new_link(person.id)
    assert store.person_by_token(token) is None
    assert store.person_by_token(new) is not None
    store.set_active(person.id, False)
    assert store.person_by_token(new) is None


def test_an_import_is_one_new_version_per_changed_answer(store: Store) -> None:
    aid = store.create_assessment(ORG, INFO)
    store.save_answer(aid, "Q-7.3-01", 0, AnswerBody(level=3), "王强")
    changed = store.replace_answers(
        aid, {"Q-7.3-01": AnswerBody(level=3), "Q-7.3-02": AnswerBody(na=True, justification="无")}, "import"
    )
    assert changed == 1
    assert store.answer(aid, "Q-7.3-01").version == 1  # type: ignore[union-attr]
    assert store.answer(aid, "Q-7.3-02").version == 1  # type: ignore[union-attr]
    stale = store.save_answer(aid, "Q-7.3-02", 0, AnswerBody(level=2), "王强")
    assert isinstance(stale, Conflict)


def test_the_interchange_models_leave_files_out(store: Store) -> None:
    aid = store.create_assessment(ORG, INFO)
    ref = {"sha256": "a" * 64, "name": "plan.pdf", "size": 10, "media_type": "application/pdf"}
    body = AnswerBody(
        level=4, evidence=[EvidenceBody(title="计划", kind="document", date=dt.date(2026, 5, 1), file=ref)]
    )
    store.save_answer(aid, "Q-7.3-01", 0, body, "王强")
    store.attach(aid, "Q-7.3-01", EvidenceBody.model_validate({"title": "x", "kind": "other", "file": ref}).file)  # type: ignore[arg-type]
    a = store.assessment(aid)
    assert a is not None
    answers = store.answers_model(a)
    ev = answers.answers["Q-7.3-01"].evidence[0]
    assert (ev.title, ev.kind, ev.date, ev.ref) == ("计划", "document", dt.date(2026, 5, 1), "")
    assert store.question_files(aid, "Q-7.3-01")["a" * 64].name == "plan.pdf"


# --------------------------------------------------------------------------- evidence files


def _zip(names: list[str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for n in names:
            zf.writestr(n, "<x/>")
    return out.getvalue()


SNIFFED = [
    ("pdf", b"%PDF-1.7\n%...", blobs.PDF),
    ("png", b"\x89PNG\r\n\x1a\n" + b"\0" * 20, blobs.PNG),
    ("jpeg", b"\xff\xd8\xff\xe0" + b"\0" * 20, blobs.JPEG),
    ("gif", b"GIF89a" + b"\0" * 20, blobs.GIF),
    ("webp", b"RIFF\0\0\0\0WEBPVP8 ", blobs.WEBP),
    ("docx", _zip(["[Content_Types].xml", "word/document.xml"]), blobs.DOCX),
    ("xlsx", _zip(["[Content_Types].xml", "xl/workbook.xml"]), blobs.XLSX),
    ("pptx", _zip(["[Content_Types].xml", "ppt/presentation.xml"]), blobs.PPTX),
    ("text", "会议纪要：顾客之声\n".encode(), blobs.TEXT),
    ("html", b"<!DOCTYPE html><script>alert(1)</script>", None),
    ("html with spaces", b"  \n<html><body>x</body></html>", None),
    ("svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
    ("xml", b'<?xml version="1.0"?><a/>', None),
    ("windows program", b"MZ\x90\x00\x03" + b"\0" * 50, None),
    ("elf program", b"\x7fELF\x02\x01\x01" + b"\0" * 50, None),
    ("shell script with control chars", b"#!/bin/sh\x1b[0m\nrm -rf /", None),
    ("plain zip", _zip(["a.txt"]), None),
    ("macro document", _zip(["[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"]), None),
    ("empty", b"", None),
    ("latin-1 text", "caf\xe9".encode("latin-1"), None),
]


@pytest.mark.parametrize(("data", "expected"), [(d, e) for _, d, e in SNIFFED], ids=[n for n, _, _ in SNIFFED])
def test_file_types_are_judged_from_the_bytes(data: bytes, expected: blobs.FileType | None) -> None:
    assert blobs.sniff(data) == expected


def test_files_are_stored_once_by_digest_read_only_and_never_by_path(tmp_path: Path) -> None:
    store = blobs.BlobStore(tmp_path / "evidence")
    data = b"%PDF-1.7 evidence"
    sha = store.put(data)
    assert sha == blobs.digest(data)
    assert store.put(data) == sha
    path = store.path_of(sha)
    assert path == tmp_path / "evidence" / sha[:2] / sha
    assert path.stat().st_mode & 0o222 == 0  # nobody may write it, nothing executes it
    assert path.stat().st_mode & 0o111 == 0
    assert store.get(sha) == data
    assert store.get("b" * 64) is None
    for bad in ("../../etc/passwd", "A" * 64, sha[:-1], sha + "/x"):
        with pytest.raises(ValueError):
            store.path_of(bad)
