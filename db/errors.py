"""Errors that the CLI turns into one clear line and a non-zero exit (never a traceback)."""

import sqlite3


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
