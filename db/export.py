"""Export claims with their provenance, streaming, to JSONL or CSV.

Rows are read from SQLite with a cursor and written one by one, so memory stays flat however many
claims there are. A file is written under a temporary name beside the target and renamed when
complete: an interrupted export never leaves a partial file behind.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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
)

_SELECT = """
SELECT c.id AS claim_id, c.doc_id, d.source AS doc_source, d.title AS doc_title,
       c.quantity_text, c.start, c."end", NULL AS sentence, c.sentence_start, c.sentence_end,
       c.value, c.value_max, c.unit, c.qualifier,
       c.subject, c.predicate, c.object, c.time_text, c.time, c.kind, c.status, c.origin,
       c.confidence, c.rule, c.extractor_version, c.reviewer, c.decided_at, c.edited,
       c.original
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

    def where(self) -> tuple[str, list]:
        """The WHERE clause, built by the claim list's one WHERE builder."""
        flt = ClaimFilter(
            status=None if self.status == "any" else self.status,
            kind=self.kind,
            doc_source=self.doc,
            reviewer=self.reviewer,
            since=self.since,
        )
        if flt.is_empty:
            return "", []
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
        rec["original"] = json.loads(rec["original"]) if rec["original"] else None
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
            d[key] = json.loads(d[key]) if d[key] else None
        out.append(d)
    return out


def write_jsonl(recs: Iterator[dict], out: IO[str]) -> int:
    n = 0
    for rec in recs:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv_cell(v):
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
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
        import sys

        return write(stdout or sys.stdout)
    path = Path(target)
    if path.is_dir():
        raise ClaimdeskError(f"{target}: is a folder")
    if path.exists() and not force:
        raise ClaimdeskError(f"{target}: already exists (use --force to overwrite)")
    if not path.parent.exists():
        raise ClaimdeskError(f"{target}: folder {path.parent} does not exist")
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            n = write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
        raise
    return n
