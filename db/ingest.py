"""Import documents: plain text, Markdown, JSONL and CSV files, folders and standard input.

Every file is read, decoded and parsed completely before anything is written, and then inserted
in one transaction, so a file either imports whole or not at all. Problems are reported as
:class:`~db.errors.InputError` naming the file and line.

The stored ``text`` is the decoded content with line endings normalised to ``\\n``, a leading
byte-order mark removed and trailing whitespace stripped; every offset in claimdesk refers to it.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from db.connection import transaction
from db.errors import InputError
from db.schema import now_iso

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
FORMATS = ("auto", "txt", "md", "jsonl", "csv")

#: A first line at most this long (and followed by more text) is taken as the title.
TITLE_MAX_CHARS = 60

#: Record fields with a meaning of their own; any other field is kept in ``meta``.
RECORD_FIELDS = ("id", "title", "text", "date", "published", "url")

csv.field_size_limit(2**31 - 1)


@dataclass(slots=True)
class Record:
    """One document ready to insert."""

    source: str
    text: str
    title: str = ""
    date: str | None = None
    url: str | None = None
    meta: dict = field(default_factory=dict)
    line: int | None = None  # where it came from, for messages

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class FileResult:
    """What importing one file did."""

    path: str
    added: int = 0
    duplicates: int = 0
    error: InputError | None = None


@dataclass(slots=True)
class Summary:
    """Totals over all files of one ingest run."""

    added: int = 0
    duplicates: int = 0
    failed: int = 0
    files: int = 0
    errors: list[InputError] = field(default_factory=list)

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.added += result.added
        self.duplicates += result.duplicates
        if result.error is not None:
            self.failed += 1
            self.errors.append(result.error)

    def line(self) -> str:
        """The final summary line printed by ``claimdesk ingest``."""
        docs = "document" if self.added == 1 else "documents"
        return (
            f"{self.added} {docs} added, {self.duplicates} skipped as duplicates, "
            f"{self.failed} {'file' if self.failed == 1 else 'files'} failed"
        )


# --------------------------------------------------------------------------- decoding


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Args:
        data: the raw bytes.
        path: for error messages.
        encoding: force this codec instead of detecting.

    Raises:
        InputError: binary data, or bytes that are not valid in any supported encoding.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(path, f"unknown encoding {encoding!r}") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                path, f"not valid {encoding} (byte {exc.start}: {exc.reason})", _line_at(data, exc)
            ) from None
        return _normalise(text.removeprefix("\ufeff"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _normalise(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise InputError(path, "starts with a UTF-16 mark but is not valid UTF-16") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        return _normalise(data.decode("utf-8-sig"))
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                path,
                "cannot decode as UTF-8 or GB18030 (use --encoding to name the encoding)",
                _line_at(data, utf8_error),
            ) from None
        if _looks_binary(text):
            raise InputError(path, "binary file, not text") from None
        return _normalise(text)


def _line_at(data: bytes, exc: UnicodeDecodeError) -> int:
    return data.count(b"\n", 0, exc.start) + 1


def _looks_binary(text: str) -> bool:
    """GB18030 decodes almost any byte string; reject results full of control characters."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.01


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- parsing


def detect_format(path: str, text: str) -> str:
    """The format of a file from its suffix, else by sniffing its content."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    lines = [ln for ln in text.split("\n", 50)[:50] if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        return "jsonl"
    return "txt"


def parse(path: str, text: str, fmt: str = "auto") -> list[Record]:
    """Parse decoded file content into records (one for text/Markdown, many for JSONL/CSV)."""
    if fmt == "auto":
        fmt = detect_format(path, text)
    if fmt == "jsonl":
        records = list(_parse_jsonl(path, text))
    elif fmt == "csv":
        records = list(_parse_csv(path, text))
    else:
        records = [_parse_plain(path, text, markdown=fmt == "md")]
    if not records:
        raise InputError(path, "no records (the file holds only blank lines)")
    for r in records:
        if "\x00" in r.text:
            raise InputError(path, "text contains a NUL character (binary data?)", r.line)
    return records


def _parse_plain(path: str, text: str, *, markdown: bool) -> Record:
    body = text.rstrip()
    if not body.strip():
        raise InputError(path, "empty file (no text)")
    first, _, rest = body.partition("\n")
    title_line = first.strip()
    if markdown:
        title_line = title_line.lstrip("#").strip()
    if title_line and len(title_line) <= TITLE_MAX_CHARS and rest.strip():
        title = title_line
    else:
        title = Path(path).stem if path != "-" else ""
    return Record(source=path, text=body, title=title)


def _record(path: str, line: int, data: dict, fallback_source: str) -> Record:
    text = data.get("text")
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(path, "record has no text (field 'text' is missing or empty)", line)
    if not isinstance(text, str):
        raise InputError(path, f"field 'text' must be a string, not {type(text).__name__}", line)
    for key in ("id", "title", "date", "published", "url"):
        v = data.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, str | int | float)):
            raise InputError(path, f"field {key!r} must be text, not {type(v).__name__}", line)
    rid = data.get("id")
    source = str(rid) if rid not in (None, "") else fallback_source
    raw_date = data.get("date") or data.get("published")
    meta = {k: v for k, v in data.items() if k not in RECORD_FIELDS}
    date = None
    if raw_date not in (None, ""):
        date = normalise_date(str(raw_date))
        if date is None:
            meta["date_as_given"] = str(raw_date)
    return Record(
        source=source,
        text=_normalise(text).rstrip(),
        title=str(data.get("title") or "").strip(),
        date=date,
        url=str(data["url"]) if data.get("url") not in (None, "") else None,
        meta=meta,
        line=line,
    )


def _parse_jsonl(path: str, text: str) -> Iterator[Record]:
    for n, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"malformed JSON ({exc.msg} at column {exc.colno})", n) from None
        if not isinstance(data, dict):
            raise InputError(path, f"expected a JSON object, got {type(data).__name__}", n)
        yield _record(path, n, data, f"{path}:{n}")


def _parse_csv(path: str, text: str) -> Iterator[Record]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(path, "empty file (no header row)") from None
    except csv.Error as exc:
        raise InputError(path, f"malformed CSV ({exc})", 1) from None
    header = [h.strip() for h in header]
    if "text" not in header:
        raise InputError(path, "no 'text' column in the header row", 1)
    dupes = {h for h in header if header.count(h) > 1}
    if dupes:
        raise InputError(path, f"repeated column {sorted(dupes)[0]!r} in the header row", 1)
    row_start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(path, f"malformed CSV ({exc})", row_start) from None
        line = row_start
        row_start = reader.line_num + 1
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(path, f"row has {len(row)} fields, the header has {len(header)}", line)
        yield _record(path, line, dict(zip(header, row, strict=True)), f"{path}:{line}")


_DATE_RE = re.compile(
    r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)


def normalise_date(raw: str) -> str | None:
    """``2022-04-27``, ``2022/4/27 10:00``, ``2022年4月27日`` -> ISO date; None if not a date."""
    m = _DATE_RE.match(raw)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups()[:3])
    try:
        return datetime(y, mo, d).date().isoformat()
    except ValueError:
        return None


# --------------------------------------------------------------------------- files


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, InputError | None]]:
    """Files named or inside folders named, in a stable order; missing paths as errors.

    Inside folders, only files with a known suffix are taken and hidden entries are skipped;
    a file named explicitly is always taken (its format is then sniffed).
    """
    for p in paths:
        if p == "-":
            yield p, None
            continue
        path = Path(p)
        if path.is_dir():
            found: list[str] = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(
                    os.path.join(root, f)
                    for f in files
                    if not f.startswith(".") and Path(f).suffix.lower() in KNOWN_SUFFIXES
                )
            yield from ((f, None) for f in sorted(found))
        elif path.exists():
            yield p, None
        else:
            yield p, InputError(p, "no such file or folder")


def read_file(path: str, *, encoding: str | None = None, fmt: str = "auto", stdin=None) -> list:
    """Read, decode and parse one file (``-`` = standard input) into records."""
    data = read_bytes(path, stdin)
    if not data.strip():
        raise InputError(path, "empty file (no text)")
    return parse(path, decode(data, path, encoding), fmt)


def read_bytes(path: str, stdin=None) -> bytes:
    """The bytes of a file, or of standard input for ``-``; an :class:`InputError` if unreadable."""
    if path == "-":
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        return stdin.read()
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None


def insert_records(conn: sqlite3.Connection, records: list[Record]) -> tuple[int, int]:
    """Insert records in one transaction; returns (added, skipped as duplicates)."""
    now = now_iso()
    added = 0
    with transaction(conn):
        for r in records:
            cur = conn.execute(
                "INSERT INTO documents (source, title, text, date, url, meta, sha256, ingested_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
                (
                    r.source,
                    r.title,
                    r.text,
                    r.date,
                    r.url,
                    json.dumps(r.meta, ensure_ascii=False) if r.meta else None,
                    r.sha256,
                    now,
                ),
            )
            added += cur.rowcount
    return added, len(records) - added


def ingest_file(
    conn: sqlite3.Connection,
    path: str,
    *,
    encoding: str | None = None,
    fmt: str = "auto",
    stdin=None,
) -> FileResult:
    """Import one file all-or-nothing; an :class:`InputError` is returned, not raised."""
    result = FileResult(path)
    try:
        records = read_file(path, encoding=encoding, fmt=fmt, stdin=stdin)
    except InputError as exc:
        result.error = exc
        return result
    try:
        result.added, result.duplicates = insert_records(conn, records)
    except sqlite3.IntegrityError as exc:  # rolled back: nothing of this file is stored
        result.error = InputError(path, f"cannot store a record ({exc})")
    return result
