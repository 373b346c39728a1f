"""Export claims with their provenance, streaming, to JSONL or CSV.

Rows are read from SQLite with a cursor and written one by one, so memory stays flat however many
claims there are. A file is written under a temporary name beside the target and renamed when
complete: an interrupted export never leaves a partial file behind.

- The temporary file (``.NAME.XXXX.part``) is locked (``flock``) while it is written. ``kill -9``
  cannot be caught, so such a file can stay behind; the next export to the same target removes
  every one whose lock is free, since its writer is gone. SIGTERM and SIGHUP remove it at once.
- The file gets the permissions of any new file (``0666`` less the umask), or those of the file
  it replaces with ``--force``; never the ``0600`` of a temporary file.
- Standard output gets exactly the bytes a file would: UTF-8, and for CSV the byte-order mark
  that spreadsheet programs need to read Chinese.
- Every line is valid JSON: a number that is not finite (``NaN``, ``Infinity``, which older
  imports let in) is written as ``null``.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import signal
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from db import alternatives
from db.claimlist import ClaimFilter
from db.errors import ClaimdeskError

#: The export columns, in order (DESIGN.md's contract, then claimdesk's additions).
COLUMNS = (
    "claim_id",
    "doc_id",
    "doc_source",
    "doc_title",
    "quantity_text",
    "start",
    "end",
    "sentence",
    "sentence_start",
    "sentence_end",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "subject",
    "predicate",
    "object",
    "time_text",
    "time",
    "kind",
    "status",
    "origin",
    "confidence",
    "rule",
    "extractor_version",
    "reviewer",
    "decided_at",
    "edited",
    "original",
    "flagged",
    "note",
    "flagged_by",
    "alternatives",
)

_SELECT = """
SELECT c.id AS claim_id, c.doc_id, d.source AS doc_source, d.title AS doc_title,
       c.quantity_text, c.start, c."end", NULL AS sentence, c.sentence_start, c.sentence_end,
       c.value, c.value_max, c.unit, c.qualifier,
       c.subject, c.predicate, c.object, c.time_text, c.time, c.kind, c.status, c.origin,
       c.confidence, c.rule, c.extractor_version, c.reviewer, c.decided_at, c.edited,
       c.original, c.alternatives AS _alternatives, c.flagged, c.note,
       CASE WHEN c.flagged THEN (
           SELECT x.reviewer FROM decisions x
           WHERE x.claim_id = c.id AND json_extract(x.after, '$.side.flagged') = 1
           ORDER BY x.id DESC LIMIT 1) END AS flagged_by
FROM claims c JOIN documents d ON d.id = c.doc_id
"""

STATUS_CHOICES = ("accepted", "rejected", "pending", "any")


@dataclass(slots=True)
class Filters:
    """Which claims to export."""

    status: str = "accepted"
    kind: str | None = None
    doc: str | None = None
    reviewer: str | None = None
    since: str | None = None
    flagged: bool = False
    """Only claims a reviewer flagged for a second look."""
    source: str | None = None
    """Documents whose source holds this text (``--source``; ``doc`` is one whole source)."""

    def where(self) -> tuple[str, list]:
        """The WHERE clause, built by the claim list's one WHERE builder."""
        flt = ClaimFilter(
            status=None if self.status == "any" else self.status,
            kind=self.kind,
            doc_source=self.doc,
            reviewer=self.reviewer,
            since=self.since,
            flagged=self.flagged,
            source_has=self.source or None,
        )
        # Never empty: without a status it still leaves out withdrawn claims (undone adds).
        where, params = flt.where(alias="c")
        return " WHERE " + where, params


def records(conn: sqlite3.Connection, filters: Filters, *, history: bool = False) -> Iterator[dict]:
    """Export records one at a time, in document and reading order."""
    where, params = filters.where()
    cur = conn.execute(_SELECT + where + " ORDER BY c.doc_id, c.start, c.id", params)
    names = [d[0] for d in cur.description]
    # Claims come in document order: read each document's text once, not once per claim.
    doc_id, text = None, ""
    for row in cur:
        rec = dict(zip(names, row, strict=True))
        if rec["doc_id"] != doc_id:
            doc_id = rec["doc_id"]
            text = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        rec["sentence"] = text[rec["sentence_start"] : rec["sentence_end"]]
        rec["edited"] = bool(rec["edited"])
        rec["flagged"] = bool(rec["flagged"])
        rec["original"] = _loads(rec["original"]) if rec["original"] else None
        raw_alternatives = rec.pop("_alternatives")
        shape = alternatives.export_shape(raw_alternatives, text) if raw_alternatives else None
        # Every claim's runners-up, so `ingest --claims` restores them (issue 14); an edited
        # claim also keeps them with the extractor's proposal, in `original`, as before.
        rec["alternatives"] = shape
        if isinstance(rec["original"], dict) and shape:
            rec["original"]["alternatives"] = shape
        for key in ("value", "value_max", "confidence"):
            if isinstance(rec[key], float) and not math.isfinite(rec[key]):
                rec[key] = None
        if history:
            rec["history"] = claim_history(conn, rec["claim_id"])
        yield rec


def claim_history(conn: sqlite3.Connection, claim_id: int) -> list[dict]:
    """A claim's decisions, oldest first, with fields before and after as objects."""
    out = []
    for row in conn.execute(
        "SELECT id, reviewer, action, status_before, status_after, before, after, undoes, at"
        " FROM decisions WHERE claim_id = ? ORDER BY id",
        (claim_id,),
    ):
        d = dict(
            zip(
                (
                    "decision_id",
                    "reviewer",
                    "action",
                    "status_before",
                    "status_after",
                    "before",
                    "after",
                    "undoes",
                    "at",
                ),
                row,
                strict=True,
            )
        )
        for key in ("before", "after"):
            d[key] = _loads(d[key]) if d[key] else None
        out.append(d)
    return out


def _loads(text: str):
    """Stored JSON, with ``NaN`` and ``Infinity`` (not JSON, but Python writes them) as None."""
    return json.loads(text, parse_constant=lambda _name: None)


def write_jsonl(recs: Iterator[dict], out: IO[str]) -> int:
    n = 0
    for rec in recs:
        out.write(json.dumps(rec, ensure_ascii=False, allow_nan=False) + "\n")
        n += 1
    return n


def _csv_cell(v):
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False, allow_nan=False)
    if isinstance(v, bool):
        return int(v)
    return "" if v is None else v


def write_csv(recs: Iterator[dict], out: IO[str], *, history: bool = False) -> int:
    """CSV with a header row; every text value quoted so commas and newlines survive."""
    columns = [*COLUMNS, "history"] if history else list(COLUMNS)
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(columns)
    n = 0
    for rec in recs:
        writer.writerow([_csv_cell(rec.get(c)) for c in columns])
        n += 1
    return n


def export(
    conn: sqlite3.Connection,
    target: str,
    *,
    fmt: str = "jsonl",
    filters: Filters | None = None,
    history: bool = False,
    force: bool = False,
    stdout: IO[str] | None = None,
) -> int:
    """Export claims to ``target`` (``-`` for standard output); returns how many were written.

    Raises:
        ClaimdeskError: the target exists (without ``force``), or cannot be written.
    """
    filters = filters or Filters()
    recs = records(conn, filters, history=history)

    def write(f: IO[str]) -> int:
        if fmt == "csv":
            return write_csv(recs, f, history=history)
        return write_jsonl(recs, f)

    if target == "-":
        return _to_stdout(write, fmt, stdout)
    with output_file(target, force=force, encoding="utf-8-sig" if fmt == "csv" else "utf-8") as f:
        return write(f)


@contextlib.contextmanager
def output_file(target: str, *, force: bool = False, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text file that appears at ``target`` complete, or not at all.

    Written under a locked temporary name beside the target (stale ones of killed exports to
    the same target are removed first), with the permissions of a normal new file (or those of
    the file it replaces), fsynced and renamed at the end; removed on an error, Ctrl+C,
    SIGTERM or SIGHUP. Any exporter writing a file can use it.

    Raises:
        ClaimdeskError: the target is a folder, exists (without ``force``) or cannot be written.
    """
    path = Path(target)
    if path.is_dir():
        raise ClaimdeskError(f"{target}: is a folder")
    if path.exists() and not force:
        raise ClaimdeskError(f"{target}: already exists (use --force to overwrite)")
    if not path.parent.exists():
        raise ClaimdeskError(f"{target}: folder {path.parent} does not exist")
    remove_stale_parts(path)
    try:
        mode = _mode_for(path)
        fd, tmp = _part_file(path)
    except OSError as exc:
        raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with _removed_on_signal(), os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            os.fchmod(f.fileno(), mode)
            yield f
            f.flush()
            os.fsync(f.fileno())
            # Renamed while still locked: a cleaner never sees this file unlocked under its
            # temporary name.
            os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, _Signalled):  # end as the signal would have ended the process
            signal.signal(exc.signum, signal.SIG_DFL)
            os.kill(os.getpid(), exc.signum)
            raise SystemExit(128 + exc.signum) from None
        if isinstance(exc, OSError):
            raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
        raise


def _to_stdout(write, fmt: str, stdout: IO[str] | None) -> int:
    """Write to standard output the bytes a file would get (UTF-8; the BOM for CSV).

    A reader that stops early (``| head``) ends the export quietly, as for any Unix tool.
    """
    out = stdout or sys.stdout
    buffer = getattr(out, "buffer", None) if stdout is None else None
    try:
        if buffer is None:  # a text stream handed in (tests, the app): text, BOM as a character
            if fmt == "csv":
                out.write("\ufeff")
            return write(out)
        out.flush()
        encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
        wrapper = io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=False)
        try:
            n = write(wrapper)
            wrapper.flush()
        finally:
            wrapper.detach()  # leave sys.stdout's own buffer open
        return n
    except BrokenPipeError:
        # Python would complain again when it flushes stdout at exit; point it at nothing.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise ClaimdeskError("standard output was closed before the export ended") from None


# --------------------------------------------------------------------------- temporary files


def _part_prefix(path: Path) -> str:
    return f".{path.name}."


def _umask() -> int:
    """This process's umask, read without changing it where Linux allows (threads are safe)."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The permissions a normal ``open(path, "w")`` would leave: kept when replacing a file,
    else 0666 less the umask."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _part_file(path: Path) -> tuple[int, str]:
    """A new, locked temporary file beside ``path``: (descriptor, name)."""
    import fcntl

    while True:
        fd, tmp = tempfile.mkstemp(prefix=_part_prefix(path), suffix=".part", dir=path.parent)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            # A cleaner may have taken it for stale between mkstemp and flock, and removed it.
            if os.stat(tmp, follow_symlinks=False).st_ino == os.fstat(fd).st_ino:
                return fd, tmp
        except FileNotFoundError:
            pass
        os.close(fd)


def remove_stale_parts(path: Path) -> list[str]:
    """Remove the temporary files that killed exports to ``path`` left; returns their names.

    A part file is stale when its lock is free: a writer holds it until it has renamed the
    file, and the kernel releases it when the writer dies, ``kill -9`` included. Only this
    user's regular files named ``.NAME.*.part`` are considered.
    """
    import fcntl

    removed: list[str] = []
    prefix = _part_prefix(path)
    try:
        names = [n for n in os.listdir(path.parent) if n.startswith(prefix)]
    except OSError:
        return removed
    for name in names:
        if not name.endswith(".part"):
            continue
        part = path.parent / name
        try:
            fd = os.open(part, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            st = os.fstat(fd)
            if not os.path.isfile(part) or st.st_uid != os.getuid():
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # locked: an export is writing it now
                continue
            if os.stat(part, follow_symlinks=False).st_ino == st.st_ino:
                os.unlink(part)
                removed.append(name)
        except OSError:
            continue
        finally:
            os.close(fd)
    return removed


class _Signalled(BaseException):
    """SIGTERM or SIGHUP arrived while an export file was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _removed_on_signal() -> Iterator[None]:
    """While writing, SIGTERM and SIGHUP raise :class:`_Signalled`, so the caller removes the
    temporary file before the process ends as the signal would have ended it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, _frame):
        raise _Signalled(signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
