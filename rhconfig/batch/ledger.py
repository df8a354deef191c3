"""The batch ledger: a SQLite file with one row per line of JOBS.

A row's state moves ``pending -> uploading -> sending -> created -> succeeded | failed``, or
``sending -> uncertain`` when a create may have reached RunningHub without an answer. Every
change is committed (WAL journal, ``synchronous=FULL``) before the action it allows: a row is
``sending`` before its create goes out, so after a kill at any instant a row left in ``sending``
is known to be uncertain (a task may exist and be billed), and one in ``uploading`` is known to
have sent nothing that costs (an upload is idempotent).

One process runs a ledger at a time (an exclusive ``flock`` on the file, where the OS has it);
``batch status`` reads it while a run goes on.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rhconfig.errors import RhconfigError

STATES = ("pending", "uploading", "sending", "created", "succeeded", "failed", "uncertain")
FORMAT = "rhconfig-batch-ledger"
VERSION = 1
APPLICATION_ID = 0x72686362  # 'rhcb': marks the file as ours for `file` and for the checks

SCHEMA = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE lines (
    line INTEGER PRIMARY KEY,
    hash TEXT NOT NULL,
    inputs TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ({", ".join(repr(s) for s in STATES)})),
    task_id TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    outputs TEXT,
    failed_reason TEXT,
    error TEXT,
    added_at REAL NOT NULL,
    sent_at REAL,
    created_at REAL,
    finished_at REAL,
    updated_at REAL NOT NULL
);
"""


class LedgerError(RhconfigError):
    """The ledger cannot be used: corrupt, foreign, for another target, or in use."""


def default_ledger_path(jobs: Path) -> Path:
    return jobs.with_name(jobs.name + ".ledger.sqlite")


@dataclass(frozen=True)
class Row:
    line: int
    hash: str
    inputs: list[dict[str, Any]]
    state: str
    task_id: str | None
    attempts: int
    outputs: list[dict[str, Any]] | None
    failed_reason: dict[str, Any] | None
    error: str | None
    added_at: float
    sent_at: float | None
    created_at: float | None
    finished_at: float | None
    updated_at: float

    def as_json(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "state": self.state,
            "taskId": self.task_id,
            "attempts": self.attempts,
            "hash": self.hash,
            "outputs": self.outputs,
            "failedReason": self.failed_reason,
            "error": self.error,
            "sentAt": self.sent_at,
            "createdAt": self.created_at,
            "finishedAt": self.finished_at,
        }


def _loads(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _row(r: sqlite3.Row) -> Row:
    return Row(
        line=int(r["line"]),
        hash=str(r["hash"]),
        inputs=json.loads(r["inputs"]),
        state=str(r["state"]),
        task_id=r["task_id"],
        attempts=int(r["attempts"]),
        outputs=_loads(r["outputs"]),
        failed_reason=_loads(r["failed_reason"]),
        error=r["error"],
        added_at=float(r["added_at"]),
        sent_at=r["sent_at"],
        created_at=r["created_at"],
        finished_at=r["finished_at"],
        updated_at=float(r["updated_at"]),
    )


class Ledger:
    """A batch ledger. Thread-safe: every method takes the ledger's lock, and every write is
    one committed transaction. Use :meth:`create_or_open` to run, :meth:`open_readonly` to look."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock_fd: int | None) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()
        self._lock_fd = lock_fd
        self._closed = False
        self._active = False
        self.meta = self._meta()

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def create_or_open(cls, path: Path, target: Mapping[str, str]) -> Ledger:
        """Open the ledger at ``path`` for a run of ``target`` (``{"kind", "id"}``), creating it
        if absent. Refuses (LedgerError, one line) a file that is not one of ours, one for
        another target, or one another process is running."""
        fresh = not path.exists()
        if not fresh:
            _check_header(path)
        lock_fd = _lock(path, fresh)
        try:
            conn = _connect(path, readonly=False)
            if fresh or not _has_tables(conn, path):
                _initialise(conn, target)
            ledger = cls(path, conn, lock_fd)
        except sqlite3.DatabaseError as exc:
            _unlock(lock_fd)
            raise LedgerError(f"{path} is not a usable rhconfig batch ledger ({exc})") from None
        except BaseException:
            _unlock(lock_fd)
            raise
        try:
            ledger._check(target)
        except BaseException:
            ledger.close()
            raise
        return ledger

    @classmethod
    def open_readonly(cls, path: Path) -> Ledger:
        if not path.is_file():
            raise LedgerError(f"no ledger at {path}")
        _check_header(path)
        active = _held(path)  # before SQLite opens it: closing the probe's fd drops no lock of its
        try:
            conn = _connect(path, readonly=True)
            if not _has_tables(conn, path):
                raise LedgerError(f"{path} is not an rhconfig batch ledger (no ledger tables)")
            ledger = cls(path, conn, None)
            ledger._active = active
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{path} is not a usable rhconfig batch ledger ({exc})") from None
        ledger._check(None)
        return ledger

    def in_use(self) -> bool:
        """True while a ``batch run`` holds this ledger (this process's own run included);
        for a ledger opened read-only, as it was when it was opened."""
        return self._lock_fd is not None or self._active

    def _meta(self) -> dict[str, str]:
        try:
            rows = self._conn.execute("SELECT key, value FROM meta").fetchall()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path} is not an rhconfig batch ledger ({exc})") from None
        return {str(r["key"]): str(r["value"]) for r in rows}

    def _check(self, target: Mapping[str, str] | None) -> None:
        meta = self.meta
        if meta.get("format") != FORMAT:
            raise LedgerError(f"{self.path} is not an rhconfig batch ledger (foreign SQLite file)")
        if meta.get("version") != str(VERSION):
            raise LedgerError(
                f"{self.path} is a batch ledger of version {meta.get('version')!r:.20}; "
                f"this rhconfig reads version {VERSION}"
            )
        try:
            self._conn.execute("SELECT line, hash, inputs, state, task_id, attempts, outputs, "
                               "failed_reason, error, added_at, sent_at, created_at, finished_at, "
                               "updated_at FROM lines LIMIT 1").fetchall()
            ok = self._conn.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path} is a damaged batch ledger ({exc})") from None
        if ok != "ok":
            raise LedgerError(f"{self.path} is a damaged batch ledger ({str(ok)[:80]})")
        if target is not None and (
            meta.get("target_kind") != target["kind"] or meta.get("target_id") != target["id"]
        ):
            raise LedgerError(
                f"{self.path} is the ledger of {meta.get('target_kind')} "
                f"{meta.get('target_id')}, not of {target['kind']} {target['id']}: "
                "pass another --ledger"
            )

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._conn.close()
            _unlock(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------

    def rows(self) -> list[Row]:
        with self._lock:
            self._alive()
            return [_row(r) for r in self._conn.execute("SELECT * FROM lines ORDER BY line")]

    def get(self, line: int) -> Row | None:
        with self._lock:
            self._alive()
            r = self._conn.execute("SELECT * FROM lines WHERE line = ?", (line,)).fetchone()
            return None if r is None else _row(r)

    def counts(self) -> dict[str, int]:
        with self._lock:
            self._alive()
            found = dict(
                self._conn.execute("SELECT state, COUNT(*) FROM lines GROUP BY state").fetchall()
            )
        return {s: int(found.get(s, 0)) for s in STATES}

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._alive()
            with self._conn:  # one transaction, committed on exit (rolled back on error)
                yield self._conn

    def _alive(self) -> None:
        if self._closed:
            raise LedgerError(f"ledger {self.path} is closed")

    def add(self, line: int, digest: str, inputs: Sequence[Mapping[str, Any]]) -> None:
        self.add_many([(line, digest, inputs)])

    def add_many(self, lines: Sequence[tuple[int, str, Sequence[Mapping[str, Any]]]]) -> None:
        """New ``pending`` rows ``(line, hash, inputs)``, in one transaction."""
        now = time.time()
        with self._write() as c:
            c.executemany(
                "INSERT INTO lines (line, hash, inputs, state, added_at, updated_at) "
                "VALUES (?, ?, ?, 'pending', ?, ?)",
                [(line, digest, _dumps(inputs), now, now) for line, digest, inputs in lines],
            )

    def replace_pending(self, line: int, digest: str, inputs: Sequence[Mapping[str, Any]]) -> None:
        """A line changed before anything of it was sent: take the new inputs."""
        with self._write() as c:
            c.execute(
                "UPDATE lines SET hash = ?, inputs = ?, state = 'pending', error = NULL, "
                "updated_at = ? WHERE line = ? AND state IN ('pending', 'uploading')",
                (digest, _dumps(inputs), time.time(), line),
            )

    def remove_unsent(self, line: int) -> None:
        with self._write() as c:
            c.execute(
                "DELETE FROM lines WHERE line = ? AND state IN ('pending', 'uploading')", (line,)
            )

    def recover(self) -> dict[str, int]:
        """After a stop (a kill, a crash): ``sending`` rows become ``uncertain`` (the create may
        have gone out), ``uploading`` rows ``pending`` (uploads cost nothing). Returns counts."""
        now = time.time()
        with self._write() as c:
            uncertain = c.execute(
                "UPDATE lines SET state = 'uncertain', error = ?, updated_at = ? "
                "WHERE state = 'sending'",
                ("stopped while its create was being sent: a task may exist and be billed; "
                 "check RunningHub's task list, then rerun with --retry-uncertain", now),
            ).rowcount
            pending = c.execute(
                "UPDATE lines SET state = 'pending', updated_at = ? WHERE state = 'uploading'",
                (now,),
            ).rowcount
        return {"uncertain": uncertain, "pending": pending}

    def set_state(
        self, line: int, state: str, *, expect: Sequence[str] = (), **fields: Any
    ) -> None:
        """Move ``line`` to ``state`` (from one of ``expect``, if given) and set ``fields``
        (``task_id``, ``outputs``, ``failed_reason``, ``error``, ``sent_at``, ``created_at``,
        ``finished_at``, ``attempts_plus``): one committed transaction."""
        if state not in STATES:
            raise ValueError(f"unknown state {state!r}")
        sets = ["state = ?", "updated_at = ?"]
        args: list[Any] = [state, time.time()]
        for name, value in fields.items():
            if name == "attempts_plus":
                sets.append("attempts = attempts + ?")
                args.append(int(value))
            elif name in ("outputs", "failed_reason"):
                sets.append(f"{name} = ?")
                args.append(None if value is None else _dumps(value))
            elif name in ("task_id", "error", "sent_at", "created_at", "finished_at"):
                sets.append(f"{name} = ?")
                args.append(value)
            else:
                raise ValueError(f"unknown ledger field {name!r}")
        where = "line = ?"
        args.append(line)
        if expect:
            where += f" AND state IN ({', '.join('?' for _ in expect)})"
            args.extend(expect)
        with self._write() as c:
            changed = c.execute(f"UPDATE lines SET {', '.join(sets)} WHERE {where}", args).rowcount
        if changed != 1:
            raise LedgerError(f"ledger {self.path}: line {line} is not in state {'/'.join(expect)}")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


SQLITE_MAGIC = b"SQLite format 3\x00"


def _check_header(path: Path) -> None:
    """One line for what is plainly not a ledger: not SQLite, or SQLite of another program."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise LedgerError(f"cannot read ledger {path}: {exc.strerror or exc}") from None
    if not head:
        return  # an empty file: SQLite makes a database of it
    if not head.startswith(SQLITE_MAGIC) or len(head) < 100:
        raise LedgerError(f"{path} is not an rhconfig batch ledger (not a SQLite file)")
    app_id = int.from_bytes(head[68:72], "big")
    if app_id not in (0, APPLICATION_ID):  # 0: no id yet (the tables tell)
        raise LedgerError(f"{path} is not an rhconfig batch ledger (foreign SQLite file)")


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False, timeout=10
        )
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # a filesystem without shared memory: a rollback journal
            conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA synchronous=FULL")
    conn.row_factory = sqlite3.Row
    return conn


def _has_tables(conn: sqlite3.Connection, path: Path) -> bool:
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not names:
        return False
    if not {"meta", "lines"} <= names:
        raise LedgerError(f"{path} is not an rhconfig batch ledger (foreign SQLite file)")
    return True


def _initialise(conn: sqlite3.Connection, target: Mapping[str, str]) -> None:
    """Schema, application id and meta in one transaction: a kill leaves all or nothing."""
    meta = [
        ("format", FORMAT),
        ("version", str(VERSION)),
        ("target_kind", target["kind"]),
        ("target_id", target["id"]),
        ("created", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
    ]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", meta)
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _lock(path: Path, fresh: bool) -> int | None:
    """An exclusive flock on the ledger file (independent of SQLite's own POSIX locks), held
    for the whole run: a second ``batch run`` on the same ledger is refused, not interleaved."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no run lock
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise LedgerError(
            f"ledger {path} is in use by another 'rhconfig batch run'; wait for it or stop it"
        ) from None
    return fd


def _held(path: Path) -> bool:
    """Whether another open file holds the run lock (:func:`_lock`) of ``path``."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no run lock to ask
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # drops the probe's own lock, if it got one
    return False


def _unlock(fd: int | None) -> None:
    if fd is not None:
        os.close(fd)
