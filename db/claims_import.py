"""Load claims exported by claimdesk (or pre-annotations in that format) into a database.

This is how the work of several databases is merged: every record names its document by
``doc_source`` and its quantity by ``start``/``end``/``quantity_text``, which are checked against
the document text here. A record whose claim is already decided differently in this database is
a *conflict*: it is reported and the database keeps its own decision.

The whole file is checked before anything is written, and applied in one transaction.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass, field

from db import alternatives, decisions
from db.connection import transaction
from db.errors import InputError
from db.flags import NOTE_MAX
from db.jsonl import iter_jsonl
from db.schema import FACT_FIELDS, KINDS, QUALIFIERS, STATUSES, now_iso

_DECISION_ACTION = {"accepted": "accept", "rejected": "reject"}


@dataclass(slots=True)
class ClaimsImport:
    """What loading one claims file did."""

    added: int = 0
    decided: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    flags: int = 0
    """Flags (with their notes) set on claims of this database."""

    def line(self) -> str:
        flags = f", {self.flags} flags set" if self.flags else ""
        return (
            f"claims: {self.added} added, {self.decided} decisions applied, "
            f"{self.unchanged} already present, {len(self.conflicts)} conflicts{flags}"
        )


def _fact(rec: dict) -> dict:
    return {k: rec.get(k) for k in FACT_FIELDS}


def check_record(path: str, n: int, rec: dict, doc_text: str) -> dict:
    """Validate one record against its document; returns the normalised claim fields.

    The one check of a claim record from a file, for ``ingest --claims`` and ``ingest --from``.

    Raises:
        InputError: naming ``path``, record ``n`` and what is wrong.
    """

    def bad(problem: str) -> InputError:
        return InputError(path, problem, n)

    for key in ("start", "end", "sentence_start", "sentence_end"):
        v = rec.get(key)
        if key.startswith("sentence") and v is None:
            continue
        if not isinstance(v, int) or isinstance(v, bool):
            raise bad(f"field {key!r} must be an integer")
    start, end = rec["start"], rec["end"]
    if not 0 <= start < end <= len(doc_text):
        raise bad(f"offsets {start}..{end} lie outside the document ({len(doc_text)} characters)")
    qt = rec.get("quantity_text")
    if doc_text[start:end] != qt:
        raise bad(
            f"quantity_text {qt!r} does not match the document at {start}..{end}"
            f" ({doc_text[start:end]!r})"
        )
    s_start = rec.get("sentence_start")
    s_end = rec.get("sentence_end")
    if s_start is None or s_end is None:
        s_start, s_end = start, end
    if not (0 <= s_start <= start and end <= s_end <= len(doc_text)):
        raise bad(
            f"sentence offsets {s_start}..{s_end} do not contain the quantity at {start}..{end}"
            f" inside the document ({len(doc_text)} characters)"
        )
    for key in ("value", "value_max", "confidence"):
        v = rec.get(key)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            raise bad(f"field {key!r} must be a number or null")
        if v is not None and not _storable(v):
            what = "too large" if isinstance(v, int) else "not a finite number"
            raise bad(f"field {key!r} is {what} ({str(v)[:20]})")
    confidence = rec.get("confidence")
    if confidence is not None and not 0 <= confidence <= 1:
        raise bad(f"field 'confidence' must lie between 0 and 1, not {confidence!r}")
    qualifier = rec.get("qualifier") or "="
    if qualifier not in QUALIFIERS:
        raise bad(f"qualifier {qualifier!r} is not one of {' '.join(QUALIFIERS)}")
    kind = rec.get("kind") or "other"
    if kind not in KINDS:
        raise bad(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    status = rec.get("status") or "pending"
    if status not in STATUSES:
        raise bad(f"status {status!r} is not one of {', '.join(STATUSES)}")
    origin = rec.get("origin") or "extractor"
    if origin not in ("extractor", "reviewer"):
        raise bad(f"origin {origin!r} is not extractor or reviewer")
    for key in (
        "unit",
        "subject",
        "predicate",
        "object",
        "time_text",
        "time",
        "rule",
        "extractor_version",
        "reviewer",
        "decided_at",
    ):
        v = rec.get(key)
        if v is not None and not isinstance(v, str):
            raise bad(f"field {key!r} must be text")
    if status != "pending" and not rec.get("reviewer"):
        raise bad(f"a {status} claim needs a reviewer")
    out = {
        **_fact(rec),
        "sentence_start": s_start,
        "sentence_end": s_end,
        "qualifier": qualifier,
        "kind": kind,
        "status": status,
        "origin": origin,
    }
    for key in ("unit", "subject", "predicate", "object", "time_text", "time"):
        out[key] = out[key] or ""
    out["confidence"] = rec.get("confidence") if rec.get("confidence") is not None else 1.0
    out["rule"] = rec.get("rule") or ""
    out["extractor_version"] = rec.get("extractor_version") or ""
    out["reviewer"] = rec.get("reviewer")
    out["decided_at"] = rec.get("decided_at") or (now_iso() if status != "pending" else None)
    out["edited"] = bool(rec.get("edited"))
    original = rec.get("original")
    if original is not None and not isinstance(original, dict):
        raise bad("field 'original' must be an object or null")
    if original and not _all_storable(original):
        raise bad("field 'original' holds a number that is not finite (NaN or Infinity)")
    out["original"] = (
        json.dumps(original, ensure_ascii=False, allow_nan=False) if original else None
    )
    out.update(_alternatives_and_flag(rec, doc_text, original, bad))
    return out


def _alternatives_and_flag(rec: dict, doc_text: str, original: object, bad) -> dict:
    """A record's runners-up (``alternatives``, else those kept in ``original``) as stored,
    checked against the document like the extractor's, and its flag: ``flagged``, ``note``
    and ``flagged_by`` (who flagged it; else the record's reviewer)."""
    alts = rec.get("alternatives")
    if alts is None and isinstance(original, dict):
        alts = original.get("alternatives")
    if alts is not None and not isinstance(alts, dict):
        raise bad("field 'alternatives' must be an object or null")
    shape = alternatives.export_shape(alts, doc_text) if alts else None
    flagged = rec.get("flagged")
    if flagged not in (None, True, False, 0, 1):
        raise bad("field 'flagged' must be true or false")
    note, by = rec.get("note"), rec.get("flagged_by")
    for key, v in (("note", note), ("flagged_by", by)):
        if v is not None and not isinstance(v, str):
            raise bad(f"field {key!r} must be text")
    note = (note or "").strip() if flagged else ""
    if len(note) > NOTE_MAX:
        raise bad(f"field 'note' has {len(note):,} characters; at most {NOTE_MAX:,}")
    return {
        "alternatives": json.dumps(shape, ensure_ascii=False) if shape else None,
        "flagged": int(bool(flagged)),
        "note": note,
        "flagged_by": by or rec.get("reviewer") or "import",
    }


#: SQLite's INTEGER range; a bigger Python int cannot be stored.
_INT64 = 2**63 - 1


def _storable(v: int | float) -> bool:
    """A number SQLite can store and JSON can write: finite, and an int within 64 bits."""
    if isinstance(v, int):
        return -_INT64 - 1 <= v <= _INT64
    return math.isfinite(v)


def _all_storable(v: object) -> bool:
    """No NaN, Infinity or oversized integer anywhere inside a JSON value."""
    if isinstance(v, dict):
        return all(_all_storable(x) for x in v.values())
    if isinstance(v, list):
        return all(_all_storable(x) for x in v)
    if isinstance(v, int | float) and not isinstance(v, bool):
        return _storable(v)
    return True


def _documents(conn: sqlite3.Connection) -> dict[str, list[int]]:
    """Document ids by source and by the source's last path part."""
    index: dict[str, list[int]] = {}
    for doc_id, source in conn.execute("SELECT id, source FROM documents ORDER BY id"):
        index.setdefault(source, []).append(doc_id)
        base = source.replace("\\", "/").rsplit("/", 1)[-1]
        if base != source:
            index.setdefault(base, []).append(doc_id)
    return index


def read_claims(conn: sqlite3.Connection, path: str, text: str) -> list[tuple[int, int, dict]]:
    """Parse and check every line; returns (line, doc_id, claim fields). Raises InputError."""
    docs = _documents(conn)
    texts: dict[int, str] = {}
    out = []
    for n, rec in iter_jsonl(path, text.split("\n")):
        source = rec.get("doc_source")
        if not isinstance(source, str) or not source:
            raise InputError(path, "record has no doc_source", n)
        candidates = docs.get(source) or docs.get(source.replace("\\", "/").rsplit("/", 1)[-1])
        if not candidates:
            raise InputError(path, f"no document {source!r} in the database (ingest it first)", n)
        error: InputError | None = None
        for doc_id in candidates:
            if doc_id not in texts:
                texts[doc_id] = conn.execute(
                    "SELECT text FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()[0]
            try:
                out.append((n, doc_id, check_record(path, n, rec, texts[doc_id])))
                break
            except InputError as exc:
                error = exc
        else:
            assert error is not None  # candidates is never empty here
            raise error
        if len(texts) > 64:  # keep memory flat on big files
            texts.clear()
    if not out:
        raise InputError(path, "no claim records")
    return out


_INSERT_COLUMNS = (
    *FACT_FIELDS,
    "confidence",
    "rule",
    "extractor_version",
    "origin",
    "status",
    "edited",
    "original",
    "reviewer",
    "decided_at",
)


_INSERT = "INSERT INTO claims ({}) VALUES ({})".format(
    ", ".join(f'"{c}"' for c in (*_INSERT_COLUMNS, "doc_id", "created_at")),
    ", ".join("?" * (len(_INSERT_COLUMNS) + 2)),
)
_DECIDE = "UPDATE claims SET {} WHERE id = ?".format(
    ", ".join(
        f'"{c}" = ?'
        for c in (*FACT_FIELDS, "status", "edited", "original", "reviewer", "decided_at")
    )
)


def _claim_at(conn: sqlite3.Connection, doc_id: int, start: int, end: int) -> dict | None:
    cur = conn.execute(
        'SELECT * FROM claims WHERE doc_id = ? AND start = ? AND "end" = ?'
        " AND status != 'withdrawn' ORDER BY id LIMIT 1",
        (doc_id, start, end),
    )
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row, strict=True))


def apply_claims(
    conn: sqlite3.Connection, path: str, rows: list[tuple[int, int, dict]]
) -> ClaimsImport:
    """Write checked records in one transaction; returns a :class:`ClaimsImport`.

    - no claim at that span here: the claim is added (with its decision logged if decided);
    - a pending claim here and a decided one in the file: the file's decision is applied;
    - the same decision and facts, or a pending record: nothing to do;
    - decided differently on both sides: a conflict, reported; this database wins.
    """
    result = ClaimsImport()
    stamp = now_iso()
    with transaction(conn):
        for n, doc_id, rec in rows:
            existing = _claim_at(conn, doc_id, rec["start"], rec["end"])
            if existing is None:
                cur = conn.execute(_INSERT, (*(rec[c] for c in _INSERT_COLUMNS), doc_id, stamp))
                result.added += 1
                assert cur.lastrowid is not None
                if rec["status"] != "pending":
                    _log(conn, cur.lastrowid, rec, None)
                _keep_extras(conn, cur.lastrowid, None, rec, stamp, result)
                continue
            _keep_extras(conn, existing["id"], existing, rec, stamp, result)
            same_fact = all(_same(existing[k], rec[k]) for k in FACT_FIELDS)
            if rec["status"] == "pending" or (existing["status"] == rec["status"] and same_fact):
                result.unchanged += 1
            elif existing["status"] == "pending":
                before = decisions.snapshot(existing)
                original = rec["original"]
                if not same_fact and original is None:
                    original = json.dumps(_fact(existing), ensure_ascii=False)
                edited = int(rec["edited"] or not same_fact)
                conn.execute(
                    _DECIDE,
                    (
                        *(rec[k] for k in FACT_FIELDS),
                        rec["status"],
                        edited,
                        original,
                        rec["reviewer"],
                        rec["decided_at"],
                        existing["id"],
                    ),
                )
                _log(conn, existing["id"], rec, before, edit=not same_fact)
                result.decided += 1
            else:
                what = rec["status"] if existing["status"] != rec["status"] else "edited otherwise"
                result.conflicts.append(
                    f"{path}:{n}: claim {existing['id']} ({rec['quantity_text']}) is "
                    f"{existing['status']} by {existing['reviewer']} here, {what} by "
                    f"{rec['reviewer']} in the file; kept this database's decision"
                )
    return result


def _keep_extras(
    conn: sqlite3.Connection,
    claim_id: int,
    existing: dict | None,
    rec: dict,
    at: str,
    result: ClaimsImport,
) -> None:
    """What the record carries beside its decision: the extractor's runners-up (stored where
    this database has none) and the reviewer's flag with its note (set, as a ``flag``
    decision in the log, where the claim here is not flagged; a flag here is kept)."""
    alts = rec.get("alternatives")
    if alts and (existing is None or not existing.get("alternatives")):
        conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?", (alts, claim_id))
    if not rec.get("flagged") or (existing is not None and existing.get("flagged")):
        return
    side = decisions.read_side(conn, claim_id)
    new = {"flagged": 1, "note": rec.get("note") or ""}
    assert side is not None
    conn.execute("UPDATE claims SET flagged = 1, note = ? WHERE id = ?", (new["note"], claim_id))
    state = decisions.read_snapshot(conn, claim_id)
    assert state is not None
    who = rec.get("flagged_by") or rec.get("reviewer") or "import"
    decisions.log(conn, claim_id, who, "flag", state, state, at, side=(side, new))
    result.flags += 1


def _same(a, b) -> bool:
    """Field equality that ignores float noise and treats NULL and "" alike."""
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
    return (a if a is not None else "") == (b if b is not None else "")


def _log(
    conn: sqlite3.Connection,
    claim_id: int,
    rec: dict,
    before: decisions.Snapshot | None,
    *,
    edit: bool = False,
) -> None:
    """Log an imported decision through the one decisions writer, in its snapshot format.

    A claim added with a decision is logged as a pending candidate (or, for a reviewer's own
    claim, as added) turned into the file's state, so undo puts it back like any decision.
    """
    after = decisions.read_snapshot(conn, claim_id)
    assert after is not None
    if before is None and rec["origin"] == "reviewer":
        action = "add"
    else:
        if before is None:  # the extractor's candidate, as it was before the decision
            before = dict(after, status="pending", reviewer=None, decided_at=None)
        edit = edit and rec["status"] == "accepted"
        action = "edit" if edit else _DECISION_ACTION[rec["status"]]
    decisions.log(conn, claim_id, rec["reviewer"], action, before, after, rec["decided_at"])
