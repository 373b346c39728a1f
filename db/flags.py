"""Flags and notes: a reviewer marks a claim for a second look, with an optional note.

A flag is not a verdict: the claim keeps its status (a pending claim stays in the queue, an
accepted one stays accepted and exported). Flagging, unflagging and changing the note are each
one decision in the log (action ``flag``, written by :func:`db.decisions.decide_side`), so the
history shows them and ``u`` takes them back like any decision.

The note is kept as the reviewer typed it (line breaks and control characters included, up to
:data:`NOTE_MAX` characters); every place that shows it does so as text
(:mod:`tui.text`), never as markup.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from db import decisions
from db.decisions import Decision
from db.errors import ReviewError

#: The longest note accepted (characters): a remark for a colleague, not a document.
NOTE_MAX = 1000


def clean_note(note: str | None) -> str:
    """A note as stored: surrounding white space removed.

    Raises:
        ReviewError: the note is longer than :data:`NOTE_MAX` characters.
    """
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        raise ReviewError(f"the note has {len(text):,} characters; at most {NOTE_MAX:,}")
    return text


def flag(conn: sqlite3.Connection, claim_id: int, reviewer: str, note: str | None = "") -> Decision:
    """Flag a claim with an optional note (a flagged claim gets its note replaced).

    Raises:
        ReviewError: no such claim, a note too long, or the claim already flagged with this
            very note (nothing written).
    """
    return decisions.decide_side(
        conn, claim_id, reviewer, "flag", {"flagged": 1, "note": clean_note(note)}
    )


def unflag(conn: sqlite3.Connection, claim_id: int, reviewer: str) -> Decision:
    """Take a claim's flag (and its note) away.

    Raises:
        ReviewError: no such claim, or the claim is not flagged (nothing written).
    """
    side = decisions.read_side(conn, claim_id)
    if side is not None and not side["flagged"]:
        raise ReviewError(f"claim {claim_id} is not flagged; not changed")
    return decisions.decide_side(conn, claim_id, reviewer, "flag", {"flagged": 0, "note": ""})


def describe(after: dict[str, Any] | str | None) -> str:
    """What a flag decision did, from its ``after``: ``flagged: note…``, ``flagged`` or
    ``unflagged`` ('' for a decision that is not about a flag)."""
    data = json.loads(after) if isinstance(after, str) else (after or {})
    side = data.get("side")
    if not side:
        return ""
    if not side.get("flagged"):
        return "unflagged"
    return f"flagged: {side['note']}" if side.get("note") else "flagged"
