"""Opening the database: pragmas, migrations and short write transactions.

Connections are plain ``sqlite3`` connections in autocommit mode (``isolation_level=None``);
every write goes through :func:`transaction`, which opens ``BEGIN IMMEDIATE`` so that a writer
takes the lock up front instead of failing half-way, and commits before returning. Readers never
block writers thanks to WAL.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

from db.errors import ClaimdeskError, StorageError
from db.schema import LATEST, MIGRATIONS

#: How long a statement waits for another process's lock before giving up (milliseconds).
BUSY_TIMEOUT_MS = 10_000

DEFAULT_DB = "claimdesk.db"


def default_path() -> str:
    """The database path used when ``--db`` is not given: ``$CLAIMDESK_DB`` or ./claimdesk.db."""
    return os.environ.get("CLAIMDESK_DB") or DEFAULT_DB


def connect(
    path: str | os.PathLike[str],
    *,
    create: bool = True,
    readonly: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Open (and create or upgrade) a claimdesk database.

    Args:
        path: the database file; created on first use unless ``create`` is false.
        create: create the file when it does not exist.
        readonly: open without write access (no migrations run; the schema must be current).
        check_same_thread: passed to sqlite3; the TUI turns it off for worker threads.

    Raises:
        ClaimdeskError: the file is not a claimdesk database, is from a newer claimdesk, is
            corrupt, or cannot be opened or created.
    """
    p = Path(path)
    try:
        if p.is_dir():
            raise ClaimdeskError(f"{path}: is a folder, not a database file")
        exists = p.exists()
        if not exists and (readonly or not create):
            raise ClaimdeskError(f"{path}: no such database (run `claimdesk ingest` first)")
        if not exists and not p.parent.exists():
            raise ClaimdeskError(f"{path}: folder {p.parent} does not exist")
    except OSError as exc:  # e.g. a folder on the way that this user may not enter
        raise ClaimdeskError(f"{path}: cannot access the database ({exc.strerror})") from None
    uri = f"file:{p.resolve().as_posix()}?mode={'ro' if readonly else 'rwc'}"
    try:
        conn = sqlite3.connect(
            uri,
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=check_same_thread,
        )
    except sqlite3.Error as exc:
        raise ClaimdeskError(f"{path}: cannot open database ({exc})") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Refuse a file from a newer claimdesk, or another program's SQLite file, before
        # anything can write to it: switching the journal to WAL rewrites the file's header.
        check_version(conn, path=str(path), readonly=readonly)
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a commit survives a crash of the process (kill -9); only a
            # power loss can roll back the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, path=str(path), readonly=readonly)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ClaimdeskError(f"{path}: {_describe(exc)}") from None
    except ClaimdeskError:
        conn.close()
        raise
    return conn


def _describe(exc: sqlite3.Error) -> str:
    msg = str(exc)
    if "not a database" in msg or "malformed" in msg:
        return f"not a claimdesk database or the file is damaged ({msg})"
    if "readonly" in msg or "read-only" in msg:
        return f"cannot write to the database ({msg}); check the file's and folder's permissions"
    if "disk is full" in msg or "database or disk is full" in msg:
        return f"the disk is full ({msg}); nothing was written, free some space and run it again"
    if "disk I/O error" in msg:
        return (
            f"cannot write to the disk ({msg}: the disk failed, is full or a file-size limit"
            " was reached); nothing was written"
        )
    return msg


#: Messages of SQLite errors that mean the storage, not the statement, failed.
_STORAGE_PROBLEMS = ("disk is full", "readonly", "read-only", "disk I/O error")


def _storage_error(conn: sqlite3.Connection, exc: BaseException) -> StorageError | None:
    """A :class:`StorageError` naming the file for a full, read-only or failing disk, else None."""
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    if not any(p in str(exc) for p in _STORAGE_PROBLEMS):
        return None
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        path = row[2] or "database"
    except sqlite3.Error:
        path = "database"
    return StorageError(f"{path}: {_describe(exc)}")


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of migrations applied to this database."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def check_version(
    conn: sqlite3.Connection, *, path: str = "database", readonly: bool = False
) -> int:
    """The file's schema version, refusing files this claimdesk must not open (reads only).

    Raises:
        ClaimdeskError: made by a newer claimdesk, or a SQLite file of another program.
    """
    version = schema_version(conn)
    if version > LATEST:
        raise ClaimdeskError(
            f"{path}: made by a newer claimdesk (schema {version}, this one knows {LATEST});"
            " upgrade claimdesk to open it"
        )
    if version == 0 and not readonly:
        tables = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()[0]
        if tables:
            raise ClaimdeskError(f"{path}: a SQLite file, but not a claimdesk database")
    return version


def migrate(conn: sqlite3.Connection, *, path: str = "database", readonly: bool = False) -> int:
    """Apply the migrations this file lacks, each in its own transaction. Returns the version."""
    version = check_version(conn, path=path, readonly=readonly)
    if version < LATEST and readonly:
        raise ClaimdeskError(
            f"{path}: schema {version} needs an upgrade to {LATEST}; open it once with write access"
        )
    while version < LATEST:
        with transaction(conn):
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = schema_version(conn)
            if version >= LATEST:
                break
            MIGRATIONS[version](conn)
            version += 1
            conn.execute(f"PRAGMA user_version = {version}")
    return version


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, retries: int = 5) -> Iterator[sqlite3.Connection]:
    """A short write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error.

    Taking the write lock at BEGIN means a busy database is noticed before any work is done;
    the busy timeout waits for the other writer, and a still-locked database is retried a few
    times before the error reaches the caller.

    Raises:
        StorageError: the disk is full, the file or folder is read-only, or the disk failed
            (at BEGIN, in the body or at COMMIT); the transaction is rolled back first.
    """
    for attempt in range(retries + 1):
        try:
            conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not ("locked" in str(exc) or "busy" in str(exc)) or attempt == retries:
                storage = _storage_error(conn, exc)
                if storage is not None:
                    raise storage from None
                raise
            time.sleep(0.05 * (attempt + 1))
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            # SQLite may already have rolled back (a full disk does); never hide the cause.
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        storage = _storage_error(conn, exc)
        if storage is not None:
            raise storage from None
        raise


def open_db(path: str | os.PathLike[str] | None = None, **kwargs) -> sqlite3.Connection:
    """:func:`connect` with the default path rules (``--db``, ``$CLAIMDESK_DB``, ./claimdesk.db)."""
    conn = connect(path or default_path(), **kwargs)
    conn.row_factory = sqlite3.Row
    return conn
