"""Errors that the CLI turns into one clear line and a non-zero exit (never a traceback).

This is also the one place that puts a SQLite failure of the storage — a database locked by
another writer, a full, read-only or failing disk, a damaged file — into words: the CLI's
error line, its "waiting" notice and the review app's "nothing was saved" message all come
from :func:`describe`, :func:`waiting_notice` and :func:`unsaved`.
"""

from __future__ import annotations

import sqlite3
from typing import Literal


class ClaimdeskError(Exception):
    """An error a user can act on; its message is shown as it is."""


class InputError(ClaimdeskError):
    """Bad input in a file: names the file, the line (when there is one) and the problem.

    Attributes:
        path: the file as the user named it.
        line: 1-based line number, or None when the problem is the whole file.
        problem: what is wrong, in a few words.
    """

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class StorageError(ClaimdeskError, sqlite3.OperationalError):
    """The database could not be written: the disk is full, the file or its folder is
    read-only, or the disk failed. The transaction was rolled back; nothing was half-written.

    Also a :class:`sqlite3.OperationalError`, so code that already handles SQLite's own error
    for these cases (the review app's "nothing was saved" message) keeps handling it.
    """


class ReviewError(ClaimdeskError):
    """A review action that cannot be done (unknown claim, invalid edit, nothing to undo,
    a claim decided by someone else meanwhile).

    Attributes:
        errors: for invalid fields, field name -> message (empty for other problems).
    """

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class LockedError(ClaimdeskError, sqlite3.OperationalError):
    """Another program held the database's write lock for longer than claimdesk waits.

    Nothing was written. Also a :class:`sqlite3.OperationalError` (the review app tells it
    apart from a storage failure: the reviewer may simply press the key again).

    Attributes:
        path: the database file.
        waited: about how many seconds claimdesk waited for the lock.
    """

    def __init__(self, path: str, waited: float) -> None:
        self.path = path
        self.waited = waited
        super().__init__(
            f"{path}: {LOCKED} (waited {waited:.0f} s); nothing was written —"
            " run it again once that program is done"
        )


#: How a database locked by another writer is named everywhere.
LOCKED = "the database is busy: locked by another program writing to it"


def is_locked(exc: BaseException) -> bool:
    """Whether ``exc`` is SQLite's "database is locked" / "busy" (another writer holds it)."""
    if isinstance(exc, LockedError):
        return True
    if not isinstance(exc, sqlite3.OperationalError) or isinstance(exc, StorageError):
        return False
    msg = str(exc)
    return "locked" in msg or "busy" in msg


#: Messages of SQLite errors that mean the storage, not the statement, failed.
STORAGE_PROBLEMS = ("disk is full", "readonly", "read-only", "disk I/O error")


def is_storage_problem(exc: BaseException) -> bool:
    """Whether ``exc`` means the disk or file failed (full, read-only, I/O), not the SQL."""
    return isinstance(exc, sqlite3.DatabaseError) and any(p in str(exc) for p in STORAGE_PROBLEMS)


def describe(exc: BaseException) -> str:
    """A SQLite failure in words a user can act on (without the file's name)."""
    msg = str(exc)
    if isinstance(exc, ClaimdeskError):
        return msg
    if is_locked(exc):
        return f"{LOCKED} ({msg})"
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


def waiting_notice(path: str, seconds: float) -> str:
    """What a command says, once, when it starts waiting for another writer's lock."""
    return (
        f"{path}: {LOCKED}; waiting up to {seconds:.0f} s for it (Ctrl+C stops;"
        " nothing is written meanwhile)"
    )


def unsaved(exc: sqlite3.Error) -> tuple[Literal["busy", "error"], str]:
    """The review app's outcome for a write that failed: ``busy`` (locked: press the key
    again) or ``error`` (the storage or the file failed), and the message it shows."""
    if is_locked(exc):
        reason = LOCKED if isinstance(exc, LockedError) else describe(exc)
        return "busy", f"{reason[0].upper()}{reason[1:]}; nothing was saved — press the key again."
    if isinstance(exc, StorageError):
        return "error", f"{exc}. For the app: nothing was saved; press the key again once fixed."
    return "error", f"Database error ({describe(exc)}); nothing was saved."
