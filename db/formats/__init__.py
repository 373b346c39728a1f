"""Other annotation tools' formats: Label Studio, doccano, brat and Prodigy, both ways.

- :func:`import_file` reads one file of a tool, maps its spans to claims
  (:mod:`db.formats.mapping`), and stores the documents through the document ingest path
  (:func:`db.ingest.insert_records`) and the claims with their decisions through
  :func:`db.claims_import.apply_claims` (the decisions log writer ``ingest --claims`` uses).
  Every problem of a file is collected first; a file with any problem imports nothing.
- :func:`export` writes the claims a :class:`db.export.Filters` selects in a tool's format.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from db.claims_import import ClaimsImport, apply_claims
from db.connection import transaction
from db.errors import ClaimdeskError, InputError
from db.export import Filters, output_file, records
from db.formats import brat, doccano, labelstudio, prodigy
from db.formats.mapping import (
    ClaimSpans,
    Mapped,
    Problems,
    QuantityParser,
    Task,
    claim_spans,
    map_task,
)
from db.ingest import Record, decode, insert_records, read_bytes

FORMATS = ("labelstudio", "doccano", "brat", "prodigy")
_READERS = {
    "labelstudio": labelstudio.read,
    "doccano": doccano.read,
    "prodigy": prodigy.read,
}


@dataclass(slots=True)
class ExportDoc:
    """A document and the claims of it being exported."""

    doc_id: int
    source: str
    title: str
    date: str | None
    url: str | None
    text: str
    claims: list[ClaimSpans] = field(default_factory=list)


@dataclass(slots=True)
class FormatImport:
    """What importing one file did."""

    path: str
    documents: int = 0
    duplicates: int = 0
    skipped: int = 0
    claims: ClaimsImport = field(default_factory=ClaimsImport)

    def line(self) -> str:
        docs = "document" if self.documents == 1 else "documents"
        return (
            f"{self.path}: {self.documents} {docs} added ({self.duplicates} already here), "
            f"{self.claims.line()}, {self.skipped} spans not part of a claim"
        )


def expand(fmt: str, paths: list[str]) -> list[str]:
    """The files to read: for brat, every ``.ann`` in a folder (or the ``.ann`` beside a
    ``.txt`` named); for the others, the paths as given."""
    if fmt != "brat":
        return list(paths)
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out.extend(str(f) for f in sorted(path.rglob("*.ann")))
        elif path.suffix == ".txt":
            out.append(str(path.with_suffix(".ann")))
        else:
            out.append(p)
    return out


def read_tasks(
    fmt: str, path: str, errors: list[InputError], *, encoding: str | None = None
) -> list[Task]:
    """Parse one file of a tool into tasks; problems are appended to ``errors``."""
    try:
        if fmt == "brat":
            return brat.read(path, errors, encoding=encoding)
        content = decode(read_bytes(path), path, encoding)
        return _READERS[fmt](path, content, errors)
    except InputError as exc:
        errors.append(exc)
        return []


def map_file(
    fmt: str,
    path: str,
    *,
    label_map: dict[str, str] | None = None,
    parse: QuantityParser | None = None,
    encoding: str | None = None,
) -> list[tuple[Task, Mapped]]:
    """Read a file and map every task to claims.

    Raises:
        Problems: every problem of the file, in file order (reading and mapping).
    """
    errors: list[InputError] = []
    tasks = read_tasks(fmt, path, errors, encoding=encoding)
    out = [
        (t, map_task(t, path, fmt=fmt, label_map=label_map or {}, parse=parse, errors=errors))
        for t in tasks
    ]
    if not tasks and not errors:
        errors.append(InputError(path, "no tasks (no text to import)"))
    if errors:
        errors.sort(key=lambda e: (e.path, e.line or 0))
        raise Problems(errors)
    return out


def import_file(
    conn: sqlite3.Connection,
    fmt: str,
    path: str,
    *,
    label_map: dict[str, str] | None = None,
    parse: QuantityParser | None = None,
    encoding: str | None = None,
) -> FormatImport:
    """Import one file of a tool: its documents, then its claims and their decisions.

    Nothing is written unless the whole file maps, and everything is written in one
    transaction: the documents (a text already here is reused), the claims with their
    decisions, and the offsets of their subject, predicate and time spans.

    Raises:
        Problems: the file cannot be mapped; nothing was written.
    """
    mapped = map_file(fmt, path, label_map=label_map, parse=parse, encoding=encoding)
    result = FormatImport(path)
    docs: dict[str, Record] = {}
    for task, _ in mapped:
        doc = Record(
            source=task.source,
            text=task.text,
            title=task.title,
            date=task.date,
            url=task.url,
            line=task.where,
        )
        docs.setdefault(doc.sha256, doc)
    with transaction(conn):  # documents, claims, decisions and spans: all or nothing
        result.documents, result.duplicates = insert_records(conn, list(docs.values()))
        ids = {}
        for sha in docs:
            row = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
            ids[sha] = row[0]
        rows = []
        offsets = []
        for task, m in mapped:
            doc_id = ids[Record(source="", text=task.text).sha256]
            result.skipped += m.skipped
            for rec, spans in zip(m.records, m.spans, strict=True):
                rows.append((task.where or 0, doc_id, rec))
                offsets.append((doc_id, rec["start"], rec["end"], spans))
        result.claims = apply_claims(conn, path, rows)
        _store_offsets(conn, offsets)
    return result


_SPAN_COLUMNS = (
    "subject_start",
    "subject_end",
    "predicate_start",
    "predicate_end",
    "time_start",
    "time_end",
)


def _store_offsets(conn: sqlite3.Connection, offsets: list[tuple[int, int, int, dict]]) -> None:
    """Give imported claims their role spans, where they have none yet."""
    todo = [o for o in offsets if o[3]]
    if not todo:
        return
    sets = ", ".join(f"{c} = ?" for c in _SPAN_COLUMNS)
    with transaction(conn):
        for doc_id, start, end, spans in todo:
            conn.execute(
                f'UPDATE claims SET {sets} WHERE doc_id = ? AND start = ? AND "end" = ?'
                " AND subject_start IS NULL AND predicate_start IS NULL AND time_start IS NULL",
                (*(spans.get(c) for c in _SPAN_COLUMNS), doc_id, start, end),
            )


# --------------------------------------------------------------------------- export


def documents(conn: sqlite3.Connection, filters: Filters) -> Iterator[ExportDoc]:
    """The selected claims grouped by document, in document and reading order."""
    doc: ExportDoc | None = None
    spans: dict[int, dict] = {}
    for rec in records(conn, filters):
        if doc is None or rec["doc_id"] != doc.doc_id:
            if doc is not None:
                yield doc
            row = conn.execute(
                "SELECT id, source, title, date, url, text FROM documents WHERE id = ?",
                (rec["doc_id"],),
            ).fetchone()
            doc = ExportDoc(*row)
            cols = ", ".join(_SPAN_COLUMNS)
            spans = {
                r[0]: dict(zip(_SPAN_COLUMNS, r[1:], strict=True))
                for r in conn.execute(
                    f"SELECT id, {cols} FROM claims WHERE doc_id = ? AND status != 'withdrawn'",
                    (doc.doc_id,),
                )
            }
        rec.update(spans.get(rec["claim_id"], {}))
        doc.claims.append(claim_spans(rec, doc.text))
    if doc is not None:
        yield doc


def write(fmt: str, docs: Iterator[ExportDoc], out: IO[str]) -> int:
    """Write documents in a file format (not brat); returns the number of claims."""
    writer = {"labelstudio": labelstudio.write, "doccano": doccano.write, "prodigy": prodigy.write}[
        fmt
    ]
    return writer(docs, out)


def export(
    conn: sqlite3.Connection,
    fmt: str,
    target: str,
    *,
    filters: Filters | None = None,
    force: bool = False,
    stdout: IO[str] | None = None,
) -> int:
    """Export claims in a tool's format to ``target`` (``-``: standard output; for brat a
    folder). Written under a temporary name and renamed when complete.

    Raises:
        ClaimdeskError: the target exists (without ``force``) or cannot be written.
    """
    docs = documents(conn, filters or Filters())
    if fmt == "brat":
        if target == "-":
            raise ClaimdeskError("brat export writes a folder: give it with -o FOLDER")
        return _to_folder(Path(target), docs, force)
    if target == "-":
        import sys

        return write(fmt, docs, stdout or sys.stdout)
    with output_file(target, force=force) as f:
        return write(fmt, docs, f)


def _check_target(path: Path, target: str, force: bool) -> None:
    if path.exists() and not force:
        raise ClaimdeskError(f"{target}: already exists (use --force to overwrite)")
    if not path.parent.exists():
        raise ClaimdeskError(f"{target}: folder {path.parent} does not exist")


def _to_folder(path: Path, docs: Iterator[ExportDoc], force: bool) -> int:
    """A brat collection: one ``.txt``/``.ann`` pair per document and an annotation.conf."""
    target = str(path)
    _check_target(path, target, force)
    if path.exists() and not path.is_dir():
        raise ClaimdeskError(f"{target}: is a file, not a folder")
    if path.is_dir() and any(path.iterdir()) and not (path / "annotation.conf").exists():
        # --force replaces a brat collection, never some other folder of the user's
        raise ClaimdeskError(f"{target}: a folder that is not a brat collection; not replaced")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent))
    except OSError as exc:
        raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
    try:
        n = brat.write(docs, tmp)
        if path.exists():
            shutil.rmtree(path)
        os.replace(tmp, path)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, OSError):
            raise ClaimdeskError(f"{target}: cannot write ({exc.strerror})") from None
        raise
    return n


__all__ = ["FORMATS", "FormatImport", "Problems", "expand", "export", "import_file"]
