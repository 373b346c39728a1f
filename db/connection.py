"""Opening the database: pragmas, migrations and short write transactions.

Connections are plain ``sqlite3`` connections in autocommit mode (``isolation_level=None``);
every write goes through :func:`transaction`, which opens ``BEGIN IMMEDIATE`` so that a writer
takes the lock up front instead of failing half-way, and commits before returning. Readers never
block writers thanks to WAL.

Three promises about the file itself:

- The file opened is the file named: the path goes into a SQLite URI with ``?``, ``#`` and
  ``%`` quoted, so ``a?b.db`` or a folder named ``%2e%2e`` open exactly that.
- A command that only reads (``export``, ``stats``, ``eval``) opens the file read-only, so it
  works on a read-only file, folder or medium (where WAL cannot create its ``-shm``).
- A command that writes first makes sure the file is sound (``PRAGMA quick_check``) unless
  claimdesk already checked this very file: a damaged database is refused before anything is
  written to it, instead of being written to until a later read fails half-way.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

from db.errors import (
    ClaimdeskError,
    LockedError,
    StorageError,
    describe,
    is_locked,
    is_storage_problem,
    waiting_notice,
)
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
        readonly: only read: a query-only connection, opened ``mode=ro`` (or ``immutable=1``)
            where this user cannot write the file or its folder; an older schema is upgraded
            only where the file may be written.
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
        if not readonly and exists and not _writable(p):
            # Said now: SQLite would open it read-only and fail later with a vaguer message.
            raise ClaimdeskError(
                f"{path}: cannot write to the database (the file, its folder or the medium is"
                " read-only); check the permissions — export, stats and eval only read it"
            )
    except OSError as exc:  # e.g. a folder on the way that this user may not enter
        raise ClaimdeskError(f"{path}: cannot access the database ({exc.strerror})") from None
    # Reading a file this user may write goes through an ordinary connection (made query-only
    # below), which removes its -wal and -shm when it closes; elsewhere mode=ro or immutable=1.
    writable = not readonly or _writable(p)
    try:
        if writable:
            conn = _sqlite_connect(_uri(p, mode="rw" if readonly else "rwc"), check_same_thread)
        else:
            conn = _open_readonly(p, str(path), check_same_thread)
    except sqlite3.OperationalError as exc:
        raise ClaimdeskError(f"{path}: cannot open database ({exc})") from None
    except sqlite3.DatabaseError as exc:  # the read-only probe read a damaged or foreign file
        raise ClaimdeskError(f"{path}: {describe(exc)}") from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Refuse a file from a newer claimdesk, or another program's SQLite file, before
        # anything can write to it: switching the journal to WAL rewrites the file's header.
        version = check_version(conn, path=str(path))
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # parse the schema now
        # A reader upgrades an older file it may write (as every command always did).
        upgrade = readonly and writable and version < LATEST
        if not readonly or upgrade:
            verify(conn, p, path=str(path), new=not exists)
            conn.execute("PRAGMA journal_mode = WAL")
            # NORMAL in WAL mode: a commit survives a crash of the process (kill -9); only a
            # power loss can roll back the last transactions, never corrupt the file.
            conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, path=str(path), readonly=readonly and not upgrade)
        if readonly:
            conn.execute("PRAGMA query_only = ON")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ClaimdeskError(f"{path}: {describe(exc)}") from None
    except ClaimdeskError:
        conn.close()
        raise
    return conn


def _uri(path: Path, **params: str) -> str:
    """A SQLite URI naming exactly ``path``.

    SQLite decodes ``%XX`` in a URI's path and ends the path at ``?`` or ``#``; quoting every
    character but ``/`` keeps ``a?b.db`` from opening ``a`` and ``%2e%2e`` from meaning ``..``.
    """
    quoted = urllib.parse.quote(path.resolve().as_posix(), safe="/")
    return f"file:{quoted}?" + "&".join(f"{k}={v}" for k, v in params.items())


def _writable(p: Path) -> bool:
    """Whether this user may write the file and create files beside it (``-wal``, ``-shm``)."""
    return os.access(p, os.W_OK) and os.access(p.parent, os.W_OK)


def _sqlite_connect(uri: str, check_same_thread: bool) -> sqlite3.Connection:
    return sqlite3.connect(
        uri,
        uri=True,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=check_same_thread,
    )


def _open_readonly(p: Path, path: str, check_same_thread: bool) -> sqlite3.Connection:
    """A read-only connection, also where SQLite cannot create the WAL's ``-shm`` file.

    ``mode=ro`` is tried first: it sees other processes' commits and works on a read-only file
    in a writable folder. A file in WAL mode in a folder this user cannot write (a read-only
    medium, another user's folder) fails there, because reading a WAL database needs a
    ``-shm`` file. It is then opened ``immutable=1`` (no ``-shm``, no locks), which is only
    right when no changes wait in a ``-wal`` file: with one there, it is refused rather than
    read without the latest changes.
    """
    conn = _sqlite_connect(_uri(p, mode="ro"), check_same_thread)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        if os.access(p.parent, os.W_OK) or not any(
            w in str(exc) for w in ("readonly", "read-only", "unable to open")
        ):
            raise
    wal = Path(f"{p}-wal")
    with contextlib.suppress(OSError):
        if wal.stat().st_size > 0:
            raise ClaimdeskError(
                f"{path}: cannot read the database: {wal.name} holds changes not yet in the"
                " file, and its folder is read-only; open it once where the folder is writable"
            )
    return _sqlite_connect(_uri(p, mode="ro", immutable="1"), check_same_thread)


def _storage_error(conn: sqlite3.Connection, exc: BaseException) -> StorageError | None:
    """A :class:`StorageError` naming the file for a full, read-only or failing disk, else None."""
    if not is_storage_problem(exc) or isinstance(exc, StorageError):
        return None
    return StorageError(f"{_file_of(conn)}: {describe(exc)}")


def _file_of(conn: sqlite3.Connection) -> str:
    """The database file of ``conn`` as SQLite names it ("database" when it cannot tell)."""
    try:
        row = conn.execute("PRAGMA database_list").fetchone()
        return row[2] or "database"
    except sqlite3.Error:
        return "database"


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
    if version == 0:
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


#: The ``settings`` key under which :func:`seal` remembers the file it found sound.
CHECKED_KEY = "checked_file"

#: Files (device, inode) this process found sound: a process checks a file once, however many
#: connections it opens (the review app opens three).
_checked_here: set[tuple[int, int]] = set()


def _file_key(st: os.stat_result, mtime_ns: int | None = None) -> str:
    return f"{st.st_dev}:{st.st_ino}:{st.st_mtime_ns if mtime_ns is None else mtime_ns}"


def _remembered(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (CHECKED_KEY,)).fetchone()
    except sqlite3.OperationalError:  # an older schema: no settings table yet
        return None
    return None if row is None else row[0]


def verify(conn: sqlite3.Connection, p: Path, *, path: str, new: bool = False) -> bool:
    """Refuse a damaged file before anything writes to it; True if the file was checked.

    ``PRAGMA quick_check`` reads every page of the file (``bench/integrity.py`` measured
    45-65 MB/s on a busy 2-core machine: 2.2 s at 100k claims, 14.5 s at 1M), so it runs only
    when the file may have changed behind claimdesk's back: not for a file this process created
    or already checked, and not when :func:`seal` remembered this very file (device, inode,
    modification time) as sound at the end of the last command that wrote to it.

    Raises:
        ClaimdeskError: the file is damaged (also raised as ``sqlite3.DatabaseError`` by
            SQLite on pages too broken to read, which :func:`connect` reports the same way).
    """
    st = p.stat()
    ident = (st.st_dev, st.st_ino)
    if new or st.st_size == 0 or ident in _checked_here:
        _checked_here.add(ident)
        return False
    if _remembered(conn) == _file_key(st):
        _checked_here.add(ident)
        return False
    problems = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if problems != ["ok"]:
        raise ClaimdeskError(
            f"{path}: the database file is damaged ({problems[0]}); nothing was written."
            f" Restore a backup, or save what is readable with `sqlite3 {path} .recover`"
        )
    _checked_here.add(ident)
    return True


def seal(conn: sqlite3.Connection) -> bool:
    """Remember that this file is sound, so the next command that writes need not check it.

    Called when a command that writes ends well, on a file this process checked (or created)
    when it opened it. The key is the file's device, inode and modification time; writing the
    key itself changes the file, so a time is chosen first, written, checkpointed into the file
    and then given to the file (``os.utime``). Any later change by another program gives the
    file a new modification time, and the next command checks it again.

    Returns:
        whether the file was sealed; not when another connection keeps the checkpoint from
        finishing or the file's time cannot be set (then the next command checks again).
    """
    try:
        name = conn.execute("PRAGMA database_list").fetchone()[2]
        if not name:
            return False
        p = Path(name)
        st = p.stat()
        if (st.st_dev, st.st_ino) not in _checked_here:
            return False
        stamp = time.time_ns()
        with transaction(conn):
            conn.execute(
                "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                (CHECKED_KEY, _file_key(st, stamp)),
            )
        busy, frames, copied = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy or frames != copied:
            return False
        os.utime(p, ns=(st.st_atime_ns, stamp))
        return True
    except (sqlite3.Error, OSError):
        return False


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection, *, retries: int = 5) -> Iterator[sqlite3.Connection]:
    """A short write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on error.

    Nested in another ``transaction()`` on the same connection it joins the outer one.

    Taking the write lock at BEGIN means a busy database is noticed before any work is done;
    the busy timeout waits for the other writer, and a still-locked database is retried a few
    times before the error reaches the caller (see :func:`_begin`).

    Raises:
        LockedError: another program kept the write lock for all that time; nothing written.
        StorageError: the disk is full, the file or folder is read-only, or the disk failed
            (at BEGIN, in the body or at COMMIT); the transaction is rolled back first.
    """
    if conn.in_transaction:
        # Inside an outer transaction() on this connection (autocommit mode: no other way to
        # be in one): this work is part of it, committed or rolled back with it, so a caller
        # can make several writers' steps one all-or-nothing unit.
        yield conn
        return
    _begin(conn, retries)
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


#: Called once per process with a line to show when a write starts waiting for another
#: program's lock (the CLI sets it; the review app says so on its own screen instead).
wait_notice: Callable[[str], None] | None = None
_noticed = False
#: With :data:`wait_notice` set, a locked database is tried again this often (milliseconds).
WAIT_STEP_MS = 200


def _begin(conn: sqlite3.Connection, retries: int) -> None:
    """``BEGIN IMMEDIATE``, waiting for another writer: the busy timeout per attempt, then a
    short pause, ``retries`` times more (the review app: 1 s × 6; a command: 10 s × 6).

    With :data:`wait_notice` set (a command in a terminal), the same time is spent in steps of
    :data:`WAIT_STEP_MS`: the notice that claimdesk waits, and for how long at most, comes at
    once (given once per process), and Ctrl+C stops the wait at once, not at the end of a
    10-second attempt.

    Raises:
        LockedError: still locked at the end; nothing was written.
        StorageError: the disk is full, read-only or failed.
    """
    global _noticed
    timeout_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    pauses = [0.05 * (attempt + 1) for attempt in range(retries)]
    started = time.monotonic()
    if wait_notice is None:
        for attempt in range(retries + 1):
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise _storage_error(conn, exc) or exc from None
                if attempt == retries:
                    raise LockedError(_file_of(conn), time.monotonic() - started) from None
                time.sleep(pauses[attempt])
        return
    budget = timeout_ms / 1000 * (retries + 1) + sum(pauses)
    conn.execute(f"PRAGMA busy_timeout = {min(timeout_ms, WAIT_STEP_MS)}")
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if not is_locked(exc):
                    raise _storage_error(conn, exc) or exc from None
                waited = time.monotonic() - started
                if waited >= budget:
                    raise LockedError(_file_of(conn), waited) from None
                if not _noticed:
                    _noticed = True
                    wait_notice(waiting_notice(_file_of(conn), budget))
    finally:
        conn.execute(f"PRAGMA busy_timeout = {timeout_ms}")


def open_db(path: str | os.PathLike[str] | None = None, **kwargs) -> sqlite3.Connection:
    """:func:`connect` with the default path rules (``--db``, ``$CLAIMDESK_DB``, ./claimdesk.db)."""
    conn = connect(path or default_path(), **kwargs)
    conn.row_factory = sqlite3.Row
    return conn
