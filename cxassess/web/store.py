"""The workspace database: one SQLite file in the workspace folder (WAL, synchronous=FULL).

Every change is one ``BEGIN IMMEDIATE`` transaction; a save is acknowledged only after its commit,
which with ``synchronous=FULL`` is on disk, so killing the server never loses an acknowledged
save. Answers and findings carry a version: a save names the version it was based on and is
refused (a ``Conflict`` with the saved version) when someone saved in between — no update is ever
silently lost. The schema is versioned: ``schema_migrations`` records the ordered steps applied.

Secrets (respondent tokens, session ids) are stored only as SHA-256 digests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from cxassess.core.model import (
    Answer,
    Answers,
    AssessmentInfo,
    Evidence,
    EvidenceKind,
    Organisation,
    OrgSize,
    Verification,
    VerificationStatus,
    VerifiedAnswer,
)

DB_NAME = "workspace.sqlite3"
EVIDENCE_DIR = "evidence"
SESSION_HOURS = 12

Role = Literal["respondent", "auditor"]


# --------------------------------------------------------------------------- migrations


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "assessments, people, answers, findings, files, sessions",
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            rubric_id TEXT NOT NULL,
            rubric_version TEXT NOT NULL,
            organisation TEXT NOT NULL,           -- JSON: cxassess Organisation
            date TEXT NOT NULL,
            assessor TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('respondent', 'auditor')),
            token_sha256 TEXT NOT NULL UNIQUE,
            active INTEGER NOT NULL DEFAULT 1,
            created_at TEXT NOT NULL
        );
        CREATE TABLE scopes (
            person_id INTEGER NOT NULL REFERENCES people(id),
            clause_id TEXT NOT NULL,
            PRIMARY KEY (person_id, clause_id)
        );
        CREATE TABLE answers (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            question_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,                   -- JSON: AnswerBody
            saved_by TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, question_id)
        );
        CREATE TABLE findings (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            question_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,                   -- JSON: FindingBody
            saved_by TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (assessment_id, question_id)
        );
        CREATE TABLE verifications (
            assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id),
            auditor TEXT NOT NULL,
            date TEXT NOT NULL
        );
        CREATE TABLE files (
            sha256 TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id_sha256 TEXT PRIMARY KEY,
            expires_at TEXT NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "history of every save; a revision per assessment for caching the live score",
        """
        CREATE TABLE history (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            kind TEXT NOT NULL CHECK (kind IN ('answer', 'finding')),
            question_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body TEXT NOT NULL,
            saved_by TEXT NOT NULL,
            saved_at TEXT NOT NULL
        );
        CREATE INDEX history_by_question ON history (assessment_id, question_id, kind, version);
        ALTER TABLE assessments ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX people_by_assessment ON people (assessment_id);
        """,
    ),
    Migration(
        3,
        "files attached to each question's answer (kept apart from the answer's history)",
        """
        CREATE TABLE attachments (
            assessment_id INTEGER NOT NULL REFERENCES assessments(id),
            question_id TEXT NOT NULL,
            sha256 TEXT NOT NULL REFERENCES files(sha256),
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            PRIMARY KEY (assessment_id, question_id, sha256)
        );
        INSERT OR IGNORE INTO attachments (assessment_id, question_id, sha256, name, size, media_type)
            SELECT h.assessment_id, h.question_id, json_extract(e.value, '$.file.sha256'),
                   json_extract(e.value, '$.file.name'), json_extract(e.value, '$.file.size'),
                   json_extract(e.value, '$.file.media_type')
            FROM history h, json_each(h.body, '$.evidence') e
            WHERE h.kind = 'answer' AND json_extract(e.value, '$.file.sha256') IS NOT NULL;
        """,
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


class SchemaTooNew(Exception):
    """The database was written by a newer cxassess (its schema has steps this one lacks)."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(f"schema {found} > {known}")
        self.found = found
        self.known = known


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def sha256_text(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


def new_token() -> str:
    """An unguessable token for a personal link or a session (192 random bits)."""
    return secrets.token_urlsafe(24)


# --------------------------------------------------------------------------- stored bodies


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileRef(_Body):
    sha256: str
    name: str
    size: int
    media_type: str


class EvidenceBody(_Body):
    title: str
    kind: EvidenceKind
    date: dt.date | None = None
    ref: str = ""
    file: FileRef | None = None

    def to_evidence(self) -> Evidence:
        return Evidence.model_validate({"title": self.title, "kind": self.kind, "date": self.date, "ref": self.ref})


class AnswerBody(_Body):
    level: int | None = None
    na: bool = False
    justification: str | None = None
    notes: str | None = None
    evidence: list[EvidenceBody] = Field(default_factory=list)

    def to_answer(self) -> Answer:
        return Answer.model_validate(
            {
                "level": self.level,
                "na": self.na,
                "justification": self.justification,
                "notes": self.notes,
                "evidence": [e.to_evidence() for e in self.evidence],
            }
        )

    @property
    def answered(self) -> bool:
        return self.na or self.level is not None


class FindingBody(_Body):
    status: VerificationStatus
    level: int | None = None
    note: str | None = None
    seen: list[EvidenceBody] = Field(default_factory=list)

    def to_verified(self) -> VerifiedAnswer:
        return VerifiedAnswer.model_validate(
            {
                "status": self.status,
                "level": self.level,
                "note": self.note,
                "seen": [e.to_evidence() for e in self.seen],
            }
        )


@dataclass(frozen=True)
class Saved:
    """A stored answer or finding: its body, version and who saved it when."""

    question: str
    version: int
    body: Any  # AnswerBody | FindingBody
    saved_by: str
    saved_at: str


@dataclass(frozen=True)
class Conflict:
    """A save based on a version that is no longer current: nothing was written."""

    current: Saved | None  # None: the base version was ahead of a question nobody answered
    base_version: int


@dataclass(frozen=True)
class AssessmentRow:
    id: int
    rubric_id: str
    rubric_version: str
    organisation: Organisation
    date: dt.date
    assessor: str
    created_at: str
    revision: int

    @property
    def info(self) -> AssessmentInfo:
        return AssessmentInfo.model_validate(
            {
                "date": self.date,
                "assessor": self.assessor,
                "rubric": self.rubric_id,
                "rubric_version": self.rubric_version,
            }
        )


@dataclass(frozen=True)
class Person:
    id: int
    assessment_id: int
    name: str
    role: Role
    active: bool
    scopes: tuple[str, ...]
    created_at: str


@dataclass(frozen=True)
class VerificationHeader:
    auditor: str
    date: dt.date


# --------------------------------------------------------------------------- the store


class Store:
    """The workspace's database. Connections are per thread; writes are serialised in-process
    (and by SQLite's lock across processes)."""

    def __init__(self, folder: Path, migrations: tuple[Migration, ...] = MIGRATIONS) -> None:
        self.folder = folder
        self.path = folder / DB_NAME
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self.migrate(migrations)

    # ---------------------------------------------------------------- connections

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=True, timeout=10)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
            self._local.conn = conn
            with self._connections_lock:
                self._connections.append(conn)
        return conn

    def close(self) -> None:
        with self._connections_lock:
            for conn in self._connections:
                with contextlib.suppress(sqlite3.ProgrammingError):  # made in another thread
                    conn.close()
            self._connections.clear()
        self._local = threading.local()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        conn = self.connection()
        with self._write_lock:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def read(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        return self.connection().execute(sql, params).fetchall()

    # ---------------------------------------------------------------- schema

    def schema_version(self) -> int:
        conn = self.connection()
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'").fetchone()
        if not exists:
            return 0
        row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    def migrate(self, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
        """Apply the steps not yet applied, in order, each in its own transaction; returns them."""
        self.folder.mkdir(parents=True, exist_ok=True)
        conn = self.connection()
        with self.write() as c:
            c.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
        current = self.schema_version()
        known = migrations[-1].version if migrations else 0
        if current > known:
            raise SchemaTooNew(current, known)
        applied: list[int] = []
        for step in migrations:
            if step.version <= current:
                continue
            with self.write() as c:
                for statement in _statements(step.sql):
                    c.execute(statement)
                c.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (step.version, step.name, _now()),
                )
            applied.append(step.version)
        del conn
        return applied

    # ---------------------------------------------------------------- settings

    def setting(self, key: str, make: Any = None) -> str:
        """A workspace setting; made once with ``make()`` when absent."""
        row = self.read("SELECT value FROM settings WHERE key = ?", (key,))
        if row:
            return str(row[0]["value"])
        value = str(make())
        with self.write() as c:
            c.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)", (key, value))
        return str(self.read("SELECT value FROM settings WHERE key = ?", (key,))[0]["value"])

    # ---------------------------------------------------------------- assessments

    def create_assessment(self, organisation: Organisation, info: AssessmentInfo) -> int:
        with self.write() as c:
            cur = c.execute(
                "INSERT INTO assessments (rubric_id, rubric_version, organisation, date, assessor, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    info.rubric,
                    info.rubric_version,
                    organisation.model_dump_json(),
                    info.date.isoformat(),
                    info.assessor,
                    _now(),
                ),
            )
            return int(cur.lastrowid or 0)

    @staticmethod
    def _assessment(row: sqlite3.Row) -> AssessmentRow:
        return AssessmentRow(
            id=row["id"],
            rubric_id=row["rubric_id"],
            rubric_version=row["rubric_version"],
            organisation=Organisation.model_validate_json(row["organisation"]),
            date=dt.date.fromisoformat(row["date"]),
            assessor=row["assessor"],
            created_at=row["created_at"],
            revision=row["revision"],
        )

    def assessments(self) -> list[AssessmentRow]:
        return [self._assessment(r) for r in self.read("SELECT * FROM assessments ORDER BY id DESC")]

    def assessment(self, aid: int) -> AssessmentRow | None:
        rows = self.read("SELECT * FROM assessments WHERE id = ?", (aid,))
        return self._assessment(rows[0]) if rows else None

    def revision(self, aid: int) -> int:
        rows = self.read("SELECT revision FROM assessments WHERE id = ?", (aid,))
        return int(rows[0]["revision"]) if rows else -1

    # ---------------------------------------------------------------- people

    def add_person(self, aid: int, name: str, role: Role, scopes: list[str]) -> tuple[Person, str]:
        """A respondent or auditor with a personal link; the token is returned once, only its
        digest is kept."""
        token = new_token()
        with self.write() as c:
            cur = c.execute(
                "INSERT INTO people (assessment_id, name, role, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                (aid, name, role, sha256_text(token), _now()),
            )
            pid = int(cur.lastrowid or 0)
            c.executemany("INSERT INTO scopes (person_id, clause_id) VALUES (?, ?)", [(pid, s) for s in scopes])
        person = self.person(pid)
        assert person is not None
        return person, token

    def _person(self, row: sqlite3.Row) -> Person:
        scopes = self.read("SELECT clause_id FROM scopes WHERE person_id = ? ORDER BY rowid", (row["id"],))
        return Person(
            id=row["id"],
            assessment_id=row["assessment_id"],
            name=row["name"],
            role=row["role"],
            active=bool(row["active"]),
            scopes=tuple(r["clause_id"] for r in scopes),
            created_at=row["created_at"],
        )

    def person(self, pid: int) -> Person | None:
        rows = self.read("SELECT * FROM people WHERE id = ?", (pid,))
        return self._person(rows[0]) if rows else None

    def people(self, aid: int) -> list[Person]:
        return [self._person(r) for r in self.read("SELECT * FROM people WHERE assessment_id = ? ORDER BY id", (aid,))]

    def person_by_token(self, token: str) -> Person | None:
        """The active person whose link carries ``token`` (looked up by digest)."""
        if not token or len(token) > 200:
            return None
        rows = self.read("SELECT * FROM people WHERE token_sha256 = ? AND active = 1", (sha256_text(token),))
        return self._person(rows[0]) if rows else None

    def new_link(self, pid: int) -> str:
        """A new token for a person; the old link stops working."""
        token = new_token()
        with self.write() as c:
            c.execute("UPDATE people SET token_sha256 = ?, active = 1 WHERE id = ?", (sha256_text(token), pid))
        return token

    def set_active(self, pid: int, active: bool) -> None:
        with self.write() as c:
            c.execute("UPDATE people SET active = ? WHERE id = ?", (int(active), pid))

    def set_scopes(self, pid: int, scopes: list[str]) -> None:
        with self.write() as c:
            c.execute("DELETE FROM scopes WHERE person_id = ?", (pid,))
            c.executemany("INSERT INTO scopes (person_id, clause_id) VALUES (?, ?)", [(pid, s) for s in scopes])

    # ---------------------------------------------------------------- answers and findings

    def _saved(self, row: sqlite3.Row, model: type[_Body]) -> Saved:
        return Saved(
            row["question_id"], row["version"], model.model_validate_json(row["body"]), row["saved_by"], row["saved_at"]
        )

    def answers(self, aid: int) -> dict[str, Saved]:
        rows = self.read("SELECT * FROM answers WHERE assessment_id = ?", (aid,))
        return {r["question_id"]: self._saved(r, AnswerBody) for r in rows}

    def answer(self, aid: int, qid: str) -> Saved | None:
        rows = self.read("SELECT * FROM answers WHERE assessment_id = ? AND question_id = ?", (aid, qid))
        return self._saved(rows[0], AnswerBody) if rows else None

    def findings(self, aid: int) -> dict[str, Saved]:
        rows = self.read("SELECT * FROM findings WHERE assessment_id = ?", (aid,))
        return {r["question_id"]: self._saved(r, FindingBody) for r in rows}

    def finding(self, aid: int, qid: str) -> Saved | None:
        rows = self.read("SELECT * FROM findings WHERE assessment_id = ? AND question_id = ?", (aid, qid))
        return self._saved(rows[0], FindingBody) if rows else None

    def _save(
        self, table: Literal["answers", "findings"], aid: int, qid: str, base: int, body: _Body, who: str
    ) -> Saved | Conflict:
        model = AnswerBody if table == "answers" else FindingBody
        kind = "answer" if table == "answers" else "finding"
        text = body.model_dump_json()
        with self.write() as c:
            row = c.execute(
                f"SELECT * FROM {table} WHERE assessment_id = ? AND question_id = ?",
                (aid, qid),
            ).fetchone()
            current = row["version"] if row else 0
            if current != base:
                return Conflict(self._saved(row, model) if row else None, base)
            now = _now()
            c.execute(
                f"INSERT INTO {table} (assessment_id, question_id, version, body, saved_by, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
                "version = excluded.version, body = excluded.body, saved_by = excluded.saved_by, "
                "saved_at = excluded.saved_at",
                (aid, qid, current + 1, text, who, now),
            )
            c.execute(
                "INSERT INTO history (assessment_id, kind, question_id, version, body, saved_by, saved_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (aid, kind, qid, current + 1, text, who, now),
            )
            c.execute("UPDATE assessments SET revision = revision + 1 WHERE id = ?", (aid,))
        return Saved(qid, current + 1, body, who, now)

    def save_answer(self, aid: int, qid: str, base: int, body: AnswerBody, who: str) -> Saved | Conflict:
        """Save ``body`` if the answer is still at version ``base`` (0: never saved)."""
        return self._save("answers", aid, qid, base, body, who)

    def save_finding(self, aid: int, qid: str, base: int, body: FindingBody, who: str) -> Saved | Conflict:
        return self._save("findings", aid, qid, base, body, who)

    def replace_answers(self, aid: int, bodies: dict[str, AnswerBody], who: str) -> int:
        """An import: every answer that differs becomes a new version, in one transaction
        (respondents holding an older version then get a conflict, never an overwrite)."""
        changed = 0
        now = _now()
        with self.write() as c:
            rows = c.execute("SELECT * FROM answers WHERE assessment_id = ?", (aid,)).fetchall()
            current = {r["question_id"]: r for r in rows}
            for qid, body in bodies.items():
                text = body.model_dump_json()
                row = current.get(qid)
                if (AnswerBody.model_validate_json(row["body"]) if row is not None else AnswerBody()) == body:
                    continue  # unchanged (a blank answer in the file is no answer)
                version = (row["version"] if row else 0) + 1
                c.execute(
                    "INSERT INTO answers (assessment_id, question_id, version, body, saved_by, saved_at) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id) DO UPDATE SET "
                    "version = excluded.version, body = excluded.body, saved_by = excluded.saved_by, "
                    "saved_at = excluded.saved_at",
                    (aid, qid, version, text, who, now),
                )
                c.execute(
                    "INSERT INTO history (assessment_id, kind, question_id, version, body, saved_by, saved_at) "
                    "VALUES (?, 'answer', ?, ?, ?, ?, ?)",
                    (aid, qid, version, text, who, now),
                )
                changed += 1
            if changed:
                c.execute("UPDATE assessments SET revision = revision + 1 WHERE id = ?", (aid,))
        return changed

    def question_files(self, aid: int, qid: str) -> dict[str, FileRef]:
        """Every file ever attached to this question's answer (a form may keep only these)."""
        rows = self.read(
            "SELECT sha256, name, size, media_type FROM attachments WHERE assessment_id = ? AND question_id = ?",
            (aid, qid),
        )
        return {
            r["sha256"]: FileRef(sha256=r["sha256"], name=r["name"], size=r["size"], media_type=r["media_type"])
            for r in rows
        }

    def attach(self, aid: int, qid: str, ref: FileRef) -> None:
        """Record that ``ref`` (already stored) belongs to this question's answer."""
        with self.write() as c:
            c.execute(
                "INSERT OR IGNORE INTO files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)",
                (ref.sha256, ref.size, ref.media_type, _now()),
            )
            c.execute(
                "INSERT OR IGNORE INTO attachments (assessment_id, question_id, sha256, name, size, media_type) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (aid, qid, ref.sha256, ref.name, ref.size, ref.media_type),
            )

    def file_type(self, sha: str) -> str | None:
        rows = self.read("SELECT media_type FROM files WHERE sha256 = ?", (sha,))
        return str(rows[0]["media_type"]) if rows else None

    def verification_header(self, aid: int) -> VerificationHeader | None:
        rows = self.read("SELECT auditor, date FROM verifications WHERE assessment_id = ?", (aid,))
        if not rows:
            return None
        return VerificationHeader(rows[0]["auditor"], dt.date.fromisoformat(rows[0]["date"]))

    def set_verification_header(self, aid: int, auditor: str, date: dt.date) -> None:
        with self.write() as c:
            c.execute(
                "INSERT INTO verifications (assessment_id, auditor, date) VALUES (?, ?, ?) "
                "ON CONFLICT (assessment_id) DO UPDATE SET auditor = excluded.auditor, date = excluded.date",
                (aid, auditor, date.isoformat()),
            )
            c.execute("UPDATE assessments SET revision = revision + 1 WHERE id = ?", (aid,))

    # ---------------------------------------------------------------- the interchange models

    def answers_model(self, a: AssessmentRow) -> Answers:
        """The assessment's answers as the cxassess model (what the answers file holds)."""
        given = self.answers(a.id)
        return Answers.model_validate(
            {
                "schema": "cxassess/answers/1",
                "organisation": a.organisation,
                "assessment": a.info,
                "answers": {qid: s.body.to_answer() for qid, s in sorted(given.items())},
            }
        )

    def verification_model(self, a: AssessmentRow) -> Verification | None:
        header = self.verification_header(a.id)
        found = self.findings(a.id)
        if header is None and not found:
            return None
        auditor = header.auditor if header else a.assessor
        date = header.date if header else a.date
        return Verification.model_validate(
            {
                "schema": "cxassess/verification/1",
                "auditor": auditor,
                "date": date,
                "findings": {qid: s.body.to_verified() for qid, s in found.items()},
            }
        )

    # ---------------------------------------------------------------- files

    # ---------------------------------------------------------------- sessions

    def new_session(self) -> str:
        token = new_token()
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(hours=SESSION_HOURS)
        with self.write() as c:
            c.execute("DELETE FROM sessions WHERE expires_at < ?", (_now(),))
            c.execute(
                "INSERT INTO sessions (id_sha256, expires_at) VALUES (?, ?)",
                (sha256_text(token), expires.replace(microsecond=0).isoformat()),
            )
        return token

    def session_valid(self, token: str) -> bool:
        if not token or len(token) > 200:
            return False
        rows = self.read("SELECT expires_at FROM sessions WHERE id_sha256 = ?", (sha256_text(token),))
        return bool(rows) and str(rows[0]["expires_at"]) > _now()

    def end_session(self, token: str) -> None:
        with self.write() as c:
            c.execute("DELETE FROM sessions WHERE id_sha256 = ?", (sha256_text(token),))


def _statements(sql: str) -> list[str]:
    return [
        s.strip()
        for s in sql.split(";")
        if s.strip() and not all(line.strip().startswith("--") for line in s.strip().splitlines())
    ]


def body_json(body: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(body.model_dump_json())
    return out


__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AnswerBody",
    "AssessmentRow",
    "Conflict",
    "EvidenceBody",
    "FileRef",
    "FindingBody",
    "OrgSize",
    "Person",
    "Saved",
    "SchemaTooNew",
    "Store",
]
