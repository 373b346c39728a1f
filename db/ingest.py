"""Import documents: plain text, Markdown, JSONL and CSV files, folders and standard input.

A file is streamed: its encoding is detected from the first 64 KB, its bytes are decoded a block
at a time and its records are parsed and inserted one by one inside the file's one transaction,
so memory stays flat however large the file (one block plus one record), and a file still
imports whole or not at all: a bad record half-way raises out of the transaction, which rolls
back. A UTF-8 file that turns out not to be UTF-8 half-way is rolled back and read again from the
start as GB18030. Problems are reported as :class:`~db.errors.InputError` naming file and line.

Only regular files are read (a named pipe would block for ever); standard input is spooled to a
temporary file first, so it can be read again for that GB18030 restart.

The stored ``text`` is the decoded content with line endings normalised to ``\\n``, a leading
byte-order mark removed and trailing whitespace stripped; every offset in claimdesk refers to it.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import functools
import hashlib
import itertools
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO

from db.connection import transaction
from db.errors import InputError
from db.jsonl import iter_jsonl
from db.schema import fill_search_index, now_iso

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
FORMATS = ("auto", "txt", "md", "jsonl", "csv")

#: A first line at most this long (and followed by more text) is taken as the title.
TITLE_MAX_CHARS = 60

#: Fields of a claim (an export, a gold file): a record with them and no text is a claim.
CLAIM_FIELDS = frozenset({"quantity_text", "surface", "claim_id", "doc"})
CLAIMS_HINT = (
    "; it looks like claims: `ingest --claims` merges an export, `eval` scores a gold file"
)

#: Record fields with a meaning of their own; any other field is kept in ``meta``.
RECORD_FIELDS = ("id", "title", "text", "date", "published", "url")

#: Bytes the encoding is detected from.
HEAD_BYTES = 1 << 16
#: Bytes decoded at a time.
BLOCK_BYTES = 1 << 20

#: Called with the bytes of the current file read so far (it may go back to 0 on a restart).
Progress = Callable[[int], None]

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


# --------------------------------------------------------------------------- opening


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _not_regular(path: str, mode: int) -> InputError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(path, f"not a regular file ({kind}); skipped")


def open_binary(path: str, stdin: IO[bytes] | None = None) -> tuple[IO[bytes], int | None]:
    """Open a regular file (``-``: standard input, spooled) for reading; returns (file, size).

    Opened without blocking and checked with ``fstat`` before any read, so a named pipe, socket
    or device is refused at once instead of hanging.

    Raises:
        InputError: missing, a folder, not a regular file, or unreadable.
    """
    if path == "-":
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        spool = tempfile.TemporaryFile()  # noqa: SIM115 (the caller closes it)
        shutil.copyfileobj(stdin, spool, BLOCK_BYTES)
        size = spool.tell()
        spool.seek(0)
        return spool, size
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InputError(path, "no such file or folder") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(path, "is a folder")
        raise _not_regular(path, st.st_mode)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb"), st.st_size


def read_bytes(path: str, stdin: IO[bytes] | None = None) -> bytes:
    """The bytes of a regular file (``-``: standard input); an :class:`InputError` if unreadable."""
    f, _ = open_binary(path, stdin)
    with f:
        try:
            return f.read()
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror})") from None


# --------------------------------------------------------------------------- decoding


class _DecodeFailure(Exception):
    """Bytes invalid in the codec being used, at an absolute byte offset of the file."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def _codec(path: str, encoding: str) -> str:
    """The codec's canonical name; only character encodings (not base64, rot13, zlib...)."""
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(
            path,
            f"{encoding!r} is not a character encoding (name one such as utf-8, gb18030, big5)",
        )
    return info.name


def detect(head: bytes, path: str, encoding: str | None = None) -> tuple[str, bool]:
    """The codec to read a file with, from its first bytes; and whether GB18030 may replace it.

    UTF-16 with a byte-order mark, else UTF-8 (with or without BOM) when the head is valid
    UTF-8 — then a failure later restarts the file as GB18030 or Big5 — else GB18030 or Big5,
    whichever reads the head as more common characters (:func:`legacy_codec`).

    Raises:
        InputError: binary data, or a head valid in neither UTF-8, GB18030 nor Big5.
    """
    if encoding:
        return _codec(path, encoding), False
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", False
    if b"\x00" in head[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, False)
        return "utf-8-sig", True
    except UnicodeDecodeError as utf8_error:
        reading = _legacy_reading(head)
        if reading is None:
            raise InputError(
                path,
                _UNDECODABLE,
                head.count(b"\n", 0, utf8_error.start) + 1,
            ) from None
    codec, text = reading
    if _looks_binary(text):
        raise InputError(path, "binary file, not text")
    return codec, False


_UNDECODABLE = "cannot decode as UTF-8, GB18030 or Big5 (use --encoding to name the encoding)"

#: Each legacy codec with the one in which its common characters are counted, and the lead
#: bytes of those characters there: GB2312's first level (the 3,755 most used hanzi) and Big5's
#: frequent block (5,401 hanzi). Big5 bytes read as GB18030 come out as kana, Greek, private
#: use and rare GBK hanzi; GB bytes read as Big5 as rarer hanzi and symbols, when they decode
#: at all.
_COMMON = (("gb18030", "gb2312", 0xB0, 0xD7), ("big5hkscs", "big5", 0xA4, 0xC6))


#: The characters of a head read for the share of common ones (plenty for the choice; the
#: whole 64 KB head cost about 15 ms a file, a tenth of a second every seven files).
_SHARE_SAMPLE = 4096


def _common_share(text: str, codec: str, low: int, high: int) -> float:
    """The share of a text's non-ASCII characters that are common hanzi in ``codec``."""
    seen = common = 0
    for ch in text:
        if ch < "\x80":
            continue
        seen += 1
        try:
            b = ch.encode(codec)
        except UnicodeEncodeError:
            continue
        common += len(b) == 2 and low <= b[0] <= high
    return common / seen if seen else 0.0


def _legacy_reading(sample: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5 (HKSCS), whichever reads ``sample`` as the larger share of common
    hanzi (GB18030 on a tie), with the text it reads; None when neither decodes it."""
    best: tuple[float, str, str] | None = None
    for codec, counted_in, low, high in _COMMON:
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, False)
        except UnicodeDecodeError:
            continue
        share = _common_share(text[:_SHARE_SAMPLE], counted_in, low, high)
        if best is None or share > best[0]:
            best = (share, codec, text)
    return None if best is None else (best[1], best[2])


def legacy_codec(sample: bytes) -> str:
    """The legacy Chinese codec of some bytes that are not UTF-8: ``gb18030`` or ``big5hkscs``.

    Both decode much the same bytes, so the choice is the one that reads more common
    characters; GB18030 when neither decodes the sample (the caller's error names the line).
    """
    reading = _legacy_reading(sample)
    return "gb18030" if reading is None else reading[0]


def _looks_binary(text: str) -> bool:
    """GB18030 decodes almost any byte string; reject results full of control characters."""
    sample = text[:4096]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.01


class _Lines:
    """The decoded lines of a binary file, ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    Each line keeps its ``\\n`` (the CSV reader needs it inside quoted fields). Memory: one
    block of bytes and one line. ``saw_text`` tells whether anything but whitespace was read.
    """

    def __init__(self, f: IO[bytes], codec: str, progress: Progress | None = None) -> None:
        self.f = f
        self.codec = codec
        self.progress = progress
        self.saw_text = False

    def __iter__(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.codec)("strict")
        pos = 0  # bytes read so far
        unfinished: list[str] = []  # pieces of a line longer than a block (joined once)
        cr = ""  # a \r at the end of a block: maybe the first half of \r\n
        first = True
        while True:
            block = self.f.read(BLOCK_BYTES)
            final = not block
            state = decoder.getstate()[0]
            pending = state if isinstance(state, bytes) else b""
            try:
                text = decoder.decode(block, final)
            except UnicodeDecodeError as exc:
                raise _DecodeFailure(pos - len(pending) + exc.start, exc.reason) from None
            pos += len(block)
            if self.progress is not None and block:
                self.progress(pos)
            if first and text:
                text = text.removeprefix("\ufeff")
                first = False
            text = cr + text
            cr = ""
            if not final and text.endswith("\r"):
                cr, text = "\r", text[:-1]
            text = _normalise(text)
            if not self.saw_text and not text.isspace() and text:
                self.saw_text = True
            if "\n" in text:
                lines = text.split("\n")
                if unfinished:
                    lines[0] = "".join(unfinished) + lines[0]
                    unfinished.clear()
                last = lines.pop()
                if last:
                    unfinished.append(last)
                for line in lines:
                    yield line + "\n"
            elif text:
                unfinished.append(text)
            if final:
                if unfinished:
                    yield "".join(unfinished)
                return


def _line_of(f: IO[bytes], offset: int) -> int:
    """The 1-based line of a byte offset, counted by reading the file again (error path only)."""
    f.seek(0)
    line = 1
    remaining = offset
    while remaining > 0:
        block = f.read(min(BLOCK_BYTES, remaining))
        if not block:
            break
        line += block.count(b"\n")
        remaining -= len(block)
    return line


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Decode a whole file's bytes as :func:`ingest_file` does (detection, GB18030 / Big5 fallback).

    Raises:
        InputError: binary data, or bytes that are not valid in any supported encoding.
    """
    import io

    f = io.BytesIO(data)
    codec, fallback = detect(data[:HEAD_BYTES], path, encoding)
    try:
        return "".join(_Lines(f, codec))
    except _DecodeFailure as failure:
        first = failure
    if fallback:
        legacy = legacy_codec(data[first.offset : first.offset + HEAD_BYTES])
        f.seek(0)
        try:
            text = "".join(_Lines(f, legacy))
            if not _looks_binary(text):
                return text
            raise InputError(path, "binary file, not text")
        except _DecodeFailure:
            pass
    raise _decode_error(path, f, first, encoding, codec)


def _decode_error(
    path: str, f: IO[bytes], failure: _DecodeFailure, encoding: str | None, codec: str
) -> InputError:
    line = _line_of(f, failure.offset)
    if encoding:
        return InputError(
            path, f"not valid {encoding} (byte {failure.offset}: {failure.reason})", line
        )
    if codec == "utf-16":
        return InputError(path, "starts with a UTF-16 mark but is not valid UTF-16", line)
    return InputError(path, _UNDECODABLE, line)


def _normalise(text: str) -> str:
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- parsing


def sniff_format(path: str, first_lines: list[str]) -> str:
    """The format of a file from its suffix, else by sniffing its first (up to 50) lines."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in TEXT_SUFFIXES:
        return "txt"
    lines = [ln for ln in first_lines if ln.strip()]
    if lines and all(ln.lstrip().startswith("{") for ln in lines):
        return "jsonl"
    return "txt"


def detect_format(path: str, text: str) -> str:
    """The format of decoded file content (see :func:`sniff_format`)."""
    return sniff_format(path, text.split("\n", 50)[:50])


def _keepends(text: str) -> Iterator[str]:
    parts = text.split("\n")
    last = parts.pop()
    for part in parts:
        yield part + "\n"
    if last:
        yield last


def records(path: str, lines: Iterable[str], fmt: str = "auto") -> Iterator[Record]:
    """Parse lines (each ending in ``\\n``) into records, one at a time.

    Text and Markdown give one record (the whole file); JSONL one per line; CSV one per row.
    """
    it = iter(lines)
    if fmt == "auto":
        head = list(itertools.islice(it, 50))
        fmt = sniff_format(path, head)
        it = itertools.chain(head, it)
    if fmt == "jsonl":
        parsed: Iterator[Record] = (
            _record(path, n, data, f"{path}:{n}") for n, data in iter_jsonl(path, it)
        )
    elif fmt == "csv":
        parsed = _parse_csv(path, it)
    else:
        parsed = iter([_parse_plain(path, "".join(it), markdown=fmt == "md")])
    for r in parsed:
        if "\x00" in r.text:
            raise InputError(path, "text contains a NUL character (binary data?)", r.line)
        yield r


def parse(path: str, text: str, fmt: str = "auto") -> list[Record]:
    """Parse decoded file content into records (one for text/Markdown, many for JSONL/CSV)."""
    out = list(records(path, _keepends(_normalise(text)), fmt))
    if not out:
        raise InputError(path, "no records (the file holds only blank lines)")
    return out


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
    if text is None or (isinstance(text, str) and (not text or text.isspace())):
        problem = "record has no text (field 'text' is missing or empty)"
        if CLAIM_FIELDS & data.keys():  # a claims file given as documents
            problem += CLAIMS_HINT
        raise InputError(path, problem, line)
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
        text=_normalise(text).rstrip() if text[-1].isspace() or "\r" in text else text,
        title=str(data.get("title") or "").strip(),
        date=date,
        url=str(data["url"]) if data.get("url") not in (None, "") else None,
        meta=meta,
        line=line,
    )


def _parse_csv(path: str, lines: Iterator[str]) -> Iterator[Record]:
    reader = csv.reader(lines, strict=True)
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


@functools.lru_cache(maxsize=4096)  # a corpus repeats its dates
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
    """Files named or inside folders named, in a stable order; what cannot be read as errors.

    Inside folders, only files with a known suffix are taken and hidden entries are skipped;
    a file named explicitly is always taken (its format is then sniffed). A path that does not
    exist, a folder that cannot be read or holds no file to import, a name too long for the
    system and anything that is not a regular file (a named pipe would block the import for
    ever) come with their error.
    """
    for p in paths:
        if p == "-":
            yield p, None
            continue
        try:
            mode = os.stat(p).st_mode
        except FileNotFoundError:
            yield p, InputError(p, "no such file or folder")
            continue
        except OSError as exc:
            yield p, InputError(p, f"cannot read ({exc.strerror})")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(p)
        elif stat.S_ISREG(mode):
            yield p, None
        else:
            yield p, _not_regular(p, mode)


def _walk(folder: str) -> Iterator[tuple[str, InputError | None]]:
    unreadable: list[OSError] = []
    found: list[tuple[str, InputError | None]] = []
    for root, dirs, files in os.walk(folder, onerror=unreadable.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in KNOWN_SUFFIXES:
                continue
            full = os.path.join(root, name)
            try:
                mode = os.stat(full).st_mode
            except OSError as exc:
                found.append((full, InputError(full, f"cannot read ({exc.strerror})")))
                continue
            found.append((full, None if stat.S_ISREG(mode) else _not_regular(full, mode)))
    for failure in unreadable:
        where = str(failure.filename or folder)
        problem = f"cannot read this folder ({failure.strerror}); skipped"
        found.append((where, InputError(where, problem)))
    if not found:  # said, not skipped in silence beside other paths
        suffixes = " ".join(sorted(KNOWN_SUFFIXES))
        problem = f"no files to import in this folder ({suffixes})"
        found.append((folder, InputError(folder, problem)))
    yield from sorted(found, key=lambda item: item[0])


def _insert(conn: sqlite3.Connection, path: str, r: Record, now: str) -> int:
    try:
        meta = json.dumps(r.meta, ensure_ascii=False, allow_nan=False) if r.meta else None
    except ValueError:
        problem = "a number is NaN or Infinity, which JSON cannot hold"
        raise InputError(path, problem, r.line) from None
    return conn.execute(
        "INSERT INTO documents (source, title, text, date, url, meta, sha256, ingested_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
        (r.source, r.title, r.text, r.date, r.url, meta, r.sha256, now),
    ).rowcount


#: SQLite page cache while a file is imported (KiB): a larger cache halves the cost of inserting
#: into the documents table and its indexes (measured: 10 -> 22 MB/s on 59 MB of news).
INGEST_CACHE_KIB = 65_536


@contextlib.contextmanager
def _page_cache(conn: sqlite3.Connection) -> Iterator[None]:
    previous = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA cache_size = {int(previous)}")


def _import(
    conn: sqlite3.Connection,
    f: IO[bytes],
    path: str,
    codec: str,
    fmt: str,
    index: bool,
    progress: Progress | None,
) -> tuple[int, int]:
    """Insert every record of one file in one transaction; returns (added, duplicates)."""
    lines = _Lines(f, codec, progress)
    now = now_iso()
    added = seen = 0
    with _page_cache(conn), transaction(conn):
        for r in records(path, lines, fmt):
            seen += 1
            added += _insert(conn, path, r, now)
        if not seen:
            if not lines.saw_text:
                raise InputError(path, "empty file (no text)")
            raise InputError(path, "no records (the file holds only blank lines)")
        if index:
            fill_search_index(conn)
    return added, seen - added


def insert_records(
    conn: sqlite3.Connection, records: Iterable[Record], *, path: str = "", index: bool = True
) -> tuple[int, int]:
    """Insert already parsed records in one transaction; returns (added, skipped as duplicates).

    For importers that parse a format of their own; files go through :func:`ingest_file`.
    """
    now = now_iso()
    added = seen = 0
    with _page_cache(conn), transaction(conn):
        for r in records:
            seen += 1
            added += _insert(conn, path or r.source, r, now)
        if index:
            fill_search_index(conn)
    return added, seen - added


def read_file(
    path: str, *, encoding: str | None = None, fmt: str = "auto", stdin: IO[bytes] | None = None
) -> list[Record]:
    """Read, decode and parse one whole file (``-`` = standard input) into records."""
    data = read_bytes(path, stdin)
    if not data.strip():
        raise InputError(path, "empty file (no text)")
    return parse(path, decode(data, path, encoding), fmt)


def ingest_file(
    conn: sqlite3.Connection,
    path: str,
    *,
    encoding: str | None = None,
    fmt: str = "auto",
    stdin: IO[bytes] | None = None,
    index: bool = True,
    progress: Progress | None = None,
) -> FileResult:
    """Import one file all-or-nothing; an :class:`InputError` is returned, not raised.

    Args:
        conn: the database.
        path: the file, or ``-`` for standard input.
        encoding: force this codec instead of detecting.
        fmt: ``auto`` (suffix, else sniffed), ``txt``, ``md``, ``jsonl`` or ``csv``.
        stdin: standard input's binary stream (tests pass their own).
        index: fill the search index for the new documents in the same transaction; without
            it they wait for :func:`db.schema.fill_search_index` (search scans them meanwhile).
        progress: called with the bytes of this file read so far.
    """
    result = FileResult(path)
    try:
        f, _size = open_binary(path, stdin)
    except InputError as exc:
        result.error = exc
        return result
    with f:
        try:
            result.added, result.duplicates = _ingest_open(
                conn, f, path, encoding, fmt, index, progress
            )
        except InputError as exc:
            result.error = exc
        except OSError as exc:  # a read error half-way; the transaction was rolled back
            result.error = InputError(path, f"cannot read ({exc.strerror or exc})")
        except sqlite3.IntegrityError as exc:  # rolled back: nothing of this file is stored
            result.error = InputError(path, f"cannot store a record ({exc})")
    return result


def _ingest_open(
    conn: sqlite3.Connection,
    f: IO[bytes],
    path: str,
    encoding: str | None,
    fmt: str,
    index: bool,
    progress: Progress | None,
) -> tuple[int, int]:
    head = f.read(HEAD_BYTES)
    if len(head) < HEAD_BYTES and not head.strip():
        raise InputError(path, "empty file (no text)")
    codec, fallback = detect(head, path, encoding)
    f.seek(0)
    try:
        return _import(conn, f, path, codec, fmt, index, progress)
    except _DecodeFailure as failure:
        if not fallback:
            raise _decode_error(path, f, failure, encoding, codec) from None
        first = failure
    # Valid UTF-8 at the head, not further on: the transaction was rolled back; read the
    # whole file again as GB18030 or Big5 (chosen from the bytes where UTF-8 failed), or fail
    # naming the line where UTF-8 failed.
    f.seek(first.offset)
    legacy = legacy_codec(f.read(HEAD_BYTES))
    f.seek(0)
    head_text = codecs.getincrementaldecoder(legacy)("replace").decode(f.read(HEAD_BYTES), False)
    if _looks_binary(head_text):
        raise InputError(path, "binary file, not text")
    f.seek(0)
    try:
        return _import(conn, f, path, legacy, fmt, index, progress)
    except _DecodeFailure:
        raise _decode_error(path, f, first, None, "utf-8") from None
