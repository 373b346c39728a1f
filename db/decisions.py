"""The one writer of the decisions log: every caller (review, teams, ``ingest --claims``) logs here.

A decision row holds a *snapshot* of the claim's reviewable state before and after
(:data:`STATE_FIELDS`, JSON, one format for every caller), so undo — itself a decision — can put
back any decision, an edit field by field, an imported one included, also after a restart.

A decision *names the state it saw* (:class:`Seen`): a claim changed by someone else since is
refused (:func:`check_seen`) instead of silently overwritten.

Decisions written together by one action share a ``group_id`` (for instance one decision per
sibling claim); :func:`undo_last` takes a whole group back with one undo.

Callers open the transaction (:func:`db.connection.transaction`); these functions only write
inside it, so a decision row and the claim's new state always commit together.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from db.claimlist import get_claim
from db.connection import transaction
from db.errors import ReviewError
from db.fields import merge_edit, validate_fields
from db.schema import FACT_FIELDS, SPAN_FIELDS, WITHDRAWN, now_iso

__all__ = ["ReviewError"]  # raised by every writer here; defined in db.errors

#: Everything a decision may change on a claim; the snapshot stored in decisions.before/after.
STATE_FIELDS = (
    *FACT_FIELDS,
    *SPAN_FIELDS,
    "status",
    "edited",
    "original",
    "reviewer",
    "decided_at",
)

Snapshot = dict[str, Any]
"""A claim's reviewable state: one value per :data:`STATE_FIELDS` name."""

#: Claim columns a decision may change *beside* its reviewable state: a reviewer's flag and
#: note (:mod:`db.flags`). They are not in the snapshot, so undoing an accept or an edit never
#: touches a flag someone set meanwhile; a decision that changes them stores their values
#: before and after in ``after`` (``side_before``, ``side``) and its undo puts them back.
SIDE_FIELDS = ("flagged", "note")


@dataclass(frozen=True)
class Decision:
    """What a write did, for the screen to update itself without re-reading everything.

    Attributes:
        id: the decisions row (the last one, for a group).
        claim_id: the claim decided.
        action: accept, reject, skip, edit, add or undo.
        status_before: the claim's status before (None for an added claim).
        status_after: its status after.
        undone_action: for an undo, the action it undid.
        group_size: how many claims the action decided (more than one for a group).
    """

    id: int
    claim_id: int
    action: str
    status_before: str | None
    status_after: str
    undone_action: str | None = None
    group_size: int = 1


@dataclass(frozen=True)
class Seen:
    """The state of a claim a reviewer saw when they decided: who decided it last, and when.

    ``decided_at`` changes with every decision that changes the claim (to the millisecond), so
    together with status and reviewer it tells whether anyone changed the claim since.
    """

    status: str
    reviewer: str | None
    decided_at: str | None

    @classmethod
    def of(cls, claim: Any) -> Seen:
        """What the screen shows of ``claim`` (a claim row)."""
        return cls(claim["status"], claim["reviewer"], claim["decided_at"])


def snapshot(claim: Any) -> Snapshot:
    """A claim row's reviewable state, in the log's one snapshot format."""
    return {f: claim[f] for f in STATE_FIELDS}


def read_snapshot(conn: sqlite3.Connection, claim_id: int) -> Snapshot | None:
    """The claim's current reviewable state, or None when there is no such claim."""
    cols = ", ".join(f'"{f}"' for f in STATE_FIELDS)
    row = conn.execute(f"SELECT {cols} FROM claims WHERE id = ?", (claim_id,)).fetchone()
    return None if row is None else dict(zip(STATE_FIELDS, row, strict=True))


def live_claim(conn: sqlite3.Connection, claim_id: int) -> Any:
    """The claim a decision is about: every column.

    Raises:
        ReviewError: no such claim, or it was withdrawn (its add undone): nothing is decided
            on a claim that is in no list any more.
    """
    claim = get_claim(conn, claim_id)
    if claim is None:
        raise ReviewError(f"no claim {claim_id}")
    if claim["status"] == WITHDRAWN:
        raise ReviewError(f"claim {claim_id} was withdrawn (its add was undone); not changed")
    return claim


def check_seen(claim: Any, seen: Seen | None) -> None:
    """Refuse a decision on a claim someone changed since the reviewer saw it.

    Raises:
        ReviewError: naming who decided what meanwhile.
    """
    if seen is None or Seen.of(claim) == seen:
        return
    who = f" by {claim['reviewer']}" if claim["reviewer"] else ""
    raise ReviewError(f"claim {claim['id']} was {claim['status']}{who} meanwhile; not changed")


def write_state(conn: sqlite3.Connection, claim_id: int, state: dict[str, Any]) -> None:
    """Set the given state fields of a claim (inside the caller's transaction)."""
    if not state:
        return
    unknown = set(state) - set(STATE_FIELDS)
    if unknown:
        raise ValueError(f"not state fields: {sorted(unknown)}")
    cols = ", ".join(f'"{f}" = ?' for f in state)
    conn.execute(f"UPDATE claims SET {cols} WHERE id = ?", [*state.values(), claim_id])


def apply(conn: sqlite3.Connection, claim_id: int, before: Snapshot, after: Snapshot) -> None:
    """Write the fields in which ``after`` differs from ``before``."""
    write_state(conn, claim_id, {k: v for k, v in after.items() if k in before and before[k] != v})


def log(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    action: str,
    before: Snapshot | None,
    after: Snapshot,
    at: str,
    *,
    undoes: int | None = None,
    mode: str | None = None,
    group_id: int | None = None,
    extra: dict[str, Any] | None = None,
    side: tuple[dict[str, Any], dict[str, Any]] | None = None,
) -> int:
    """Append one decision (inside the caller's transaction); returns its id.

    Args:
        conn: the connection holding the open transaction.
        claim_id: the claim decided.
        reviewer: who decided.
        action: accept, reject, edit, skip, add or undo.
        before: the claim's snapshot before (None for a claim that did not exist).
        after: its snapshot after.
        at: when (:func:`db.schema.now_iso`).
        undoes: for an undo, the decision it takes back.
        mode: ``overlap`` or ``adjudicate`` for team decisions.
        group_id: decisions of one group action share it (undone together).
        extra: more keys stored beside the snapshot in ``after`` (an overlap verdict).
        side: the :data:`SIDE_FIELDS` values (before, after) a flag decision changed.
    """
    for name, snap in (("before", before), ("after", after)):
        if snap is not None and set(snap) != set(STATE_FIELDS):
            raise ValueError(f"{name} is not a claim snapshot")
    stored_after = {**after, **(extra or {})}
    if side is not None:
        if not all(set(s) == set(SIDE_FIELDS) for s in side):
            raise ValueError("side is not (before, after) of the side fields")
        stored_after.update(side_before=side[0], side=side[1])
    cur = conn.execute(
        "INSERT INTO decisions (claim_id, reviewer, action, status_before, status_after,"
        " before, after, undoes, at, mode, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            claim_id,
            reviewer,
            action,
            before["status"] if before else None,
            after["status"],
            json.dumps(before, ensure_ascii=False) if before is not None else None,
            json.dumps(stored_after, ensure_ascii=False),
            undoes,
            at,
            mode,
            group_id,
        ),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def new_group(conn: sqlite3.Connection) -> int:
    """A fresh group id for decisions written together (inside the caller's transaction)."""
    row = conn.execute("SELECT coalesce(max(group_id), 0) + 1 FROM decisions").fetchone()
    return int(row[0])


def last_undoable(conn: sqlite3.Connection, reviewer: str) -> dict[str, Any] | None:
    """The reviewer's latest decision that is not an undo and not undone yet."""
    cur = conn.execute(
        "SELECT * FROM decisions d WHERE reviewer = ? AND action != 'undo'"
        " AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id)"
        " ORDER BY id DESC LIMIT 1",
        (reviewer,),
    )
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([c[0] for c in cur.description], row, strict=True))


def _group(conn: sqlite3.Connection, target: dict[str, Any]) -> list[dict[str, Any]]:
    """The decisions undone with ``target``: its whole group not undone yet, newest first."""
    if target.get("group_id") is None:
        return [target]
    cur = conn.execute(
        "SELECT * FROM decisions d WHERE group_id = ? AND action != 'undo'"
        " AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = d.id) ORDER BY id DESC",
        (target["group_id"],),
    )
    names = [c[0] for c in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


_COMPARED = ("status", "edited", *FACT_FIELDS)


def undo_last(
    conn: sqlite3.Connection,
    reviewer: str,
    on_undo: Callable[[sqlite3.Connection, dict[str, Any]], None] | None = None,
) -> Decision | None:
    """Undo the reviewer's latest decision not undone yet; repeated calls go further back.

    The claim gets back the state recorded before that decision (fields too, for an edit).
    The undo is itself a decision (``action='undo'``, ``undoes`` = the undone decision), so it
    survives restarts. A decision of a group is undone with its whole group, in one transaction.

    An added claim is different: it was never the extractor's, so undoing its add *withdraws*
    it (status :data:`db.schema.WITHDRAWN`) instead of leaving it behind as a rejected claim:
    it leaves every list, queue, count and export, while the claim row, its ``add`` and the
    undo stay in the log, which is append-only (the claim used to be deleted, and its add
    decision with it). Its ``Decision`` has ``status_after`` ``withdrawn``.

    Args:
        conn: an open claimdesk connection.
        reviewer: whose decision to undo.
        on_undo: called inside the same transaction with each undone decision row, for state
            kept outside the claim (overlap-mode judgements).

    Returns:
        The undo decision (the last one, for a group), or None when there is nothing to undo.

    Raises:
        ReviewError: a claim was changed since by someone else; nothing is written.
    """
    with transaction(conn):
        target = last_undoable(conn, reviewer)
        if target is None:
            return None
        members = _group(conn, target)
        at = now_iso()
        group_id = new_group(conn) if len(members) > 1 else None
        first: tuple[str, str] | None = None
        did = 0
        for member in members:
            current = read_snapshot(conn, member["claim_id"])
            if current is None:
                raise ReviewError(f"claim {member['claim_id']} no longer exists; not undone")
            after_then = json.loads(member["after"])
            if "side" in after_then:  # a flag: only the flag is put back
                did = _undo_side(conn, member, after_then, reviewer, at, group_id, current)
                first = first or (current["status"], current["status"])
                continue
            if any(current[f] != after_then.get(f) for f in _COMPARED):
                who = f" by {current['reviewer']}" if current["reviewer"] else ""
                raise ReviewError(
                    f"claim {member['claim_id']} was changed after your {member['action']}"
                    f" (now {current['status']}{who}); not undone"
                )
            if member["before"] is None:  # an added claim: withdrawn, its add kept in the log
                restored = dict(current, status=WITHDRAWN, reviewer=reviewer, decided_at=at)
            else:
                restored = {f: json.loads(member["before"]).get(f) for f in STATE_FIELDS}
            apply(conn, member["claim_id"], current, restored)
            did = log(
                conn,
                member["claim_id"],
                reviewer,
                "undo",
                current,
                restored,
                at,
                undoes=member["id"],
                mode=member.get("mode"),
                group_id=group_id,
            )
            if first is None:
                first = (current["status"], restored["status"])
            if on_undo is not None:
                on_undo(conn, member)
    assert first is not None
    return Decision(
        did,
        target["claim_id"],
        "undo",
        first[0],
        first[1],
        target["action"],
        group_size=len(members),
    )


def read_side(conn: sqlite3.Connection, claim_id: int) -> dict[str, Any] | None:
    """The claim's :data:`SIDE_FIELDS` values, or None when there is no such claim."""
    cols = ", ".join(f'"{f}"' for f in SIDE_FIELDS)
    row = conn.execute(f"SELECT {cols} FROM claims WHERE id = ?", (claim_id,)).fetchone()
    return None if row is None else dict(zip(SIDE_FIELDS, row, strict=True))


def _write_side(conn: sqlite3.Connection, claim_id: int, side: Mapping[str, Any]) -> None:
    cols = ", ".join(f'"{f}" = ?' for f in SIDE_FIELDS)
    conn.execute(
        f"UPDATE claims SET {cols} WHERE id = ?", [*(side[f] for f in SIDE_FIELDS), claim_id]
    )


def _undo_side(
    conn: sqlite3.Connection,
    member: dict[str, Any],
    after_then: dict[str, Any],
    reviewer: str,
    at: str,
    group_id: int | None,
    current: Snapshot,
) -> int:
    """Undo a decision that changed only side fields (a flag); returns the undo's id."""
    now = read_side(conn, member["claim_id"])
    assert now is not None
    if now != after_then["side"]:
        raise ReviewError(
            f"claim {member['claim_id']}'s flag was changed after your {member['action']};"
            " not undone"
        )
    restored = {f: after_then["side_before"][f] for f in SIDE_FIELDS}
    _write_side(conn, member["claim_id"], restored)
    return log(conn, member["claim_id"], reviewer, "undo", current, current, at,
               undoes=member["id"], mode=member.get("mode"), group_id=group_id,
               side=(now, restored))  # fmt: skip


def decide_side(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    action: str,
    side: Mapping[str, Any],
) -> Decision:
    """Set a claim's side fields (a flag and its note) and log it, in one transaction.

    The claim's status and fields stay as they are; undo puts the side fields back.

    Args:
        conn: an open claimdesk connection.
        claim_id: the claim.
        reviewer: who acts.
        action: the logged action (``flag``).
        side: the new value of every :data:`SIDE_FIELDS` name.

    Raises:
        ReviewError: no such claim, no reviewer, or nothing would change (nothing written).
    """
    if not reviewer:
        raise ReviewError("a reviewer name is needed")
    new = {f: side[f] for f in SIDE_FIELDS}
    with transaction(conn):
        claim = live_claim(conn, claim_id)
        old = read_side(conn, claim_id)
        assert old is not None
        if old == new:
            raise ReviewError(f"claim {claim_id} is already so; not changed")
        state = snapshot(claim)
        _write_side(conn, claim_id, new)
        did = log(conn, claim_id, reviewer, action, state, state, now_iso(), side=(old, new))
    return Decision(did, claim_id, action, claim["status"], claim["status"])


def history(conn: sqlite3.Connection, claim_id: int) -> list[dict[str, Any]]:
    """A claim's decisions, oldest first, each with ``changes``: field -> (before, after),
    ``picked``: the alternative a pick took (None for other decisions), and ``suggested``: the
    fields saved as shown re-ranked by the document's decisions (:mod:`db.feedback`)."""
    cur = conn.execute("SELECT * FROM decisions WHERE claim_id = ? ORDER BY id", (claim_id,))
    names = [c[0] for c in cur.description]
    rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        before = json.loads(r["before"]) if r["before"] else {}
        after = json.loads(r["after"]) if r["after"] else {}
        r["changes"] = {
            f: (before.get(f), after.get(f))
            for f in (*FACT_FIELDS, "status")
            if before.get(f) != after.get(f)
        }
        if "side" in after:  # a flag or its undo
            old, new = after["side_before"], after["side"]
            r["changes"].update({f: (old[f], new[f]) for f in SIDE_FIELDS if old[f] != new[f]})
        r["picked"] = after.get("picked")  # the alternative a pick took, if any
        # Fields shown re-ranked by the document's decisions and saved with it (db.feedback).
        suggested = after.get("suggested")
        r["suggested"] = [str(f) for f in suggested] if isinstance(suggested, list) else []
    return rows


# --------------------------------------------------------------------------------------------
# Decisions on claims

#: Actions a reviewer takes on an existing claim with :func:`decide`.
DECIDE_ACTIONS = ("accept", "reject", "skip", "edit")


def _quoted(names: Iterable[str]) -> list[str]:
    return [f'"{n}"' for n in names]


def check_free(
    conn: sqlite3.Connection,
    claim: Mapping[str, Any],
    reviewer: str,
    seen: Seen | None,
    at: str,
) -> None:
    """Refuse a decision another reviewer got to first (call inside the write transaction).

    Raises:
        ReviewError: the claim is no longer in the state the reviewer saw, or another
            reviewer holds a live lease on it (split mode).
    """
    check_seen(claim, seen)
    holder = conn.execute(
        "SELECT reviewer FROM leases WHERE claim_id = ? AND reviewer != ? AND expires_at > ?"
        " LIMIT 1",
        (claim["id"], reviewer, at),
    ).fetchone()
    if holder is not None and claim["status"] == "pending":
        raise ReviewError(f"claim {claim['id']} is being reviewed by {holder[0]}; not changed")


def decide(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    action: str,
    changes: dict[str, Any] | None = None,
    seen: Seen | None = None,
    *,
    group_id: int | None = None,
    extra: dict[str, Any] | None = None,
) -> Decision:
    """Record a reviewer's decision on a claim and apply it, in one transaction.

    Args:
        conn: an open claimdesk connection.
        claim_id: the claim.
        reviewer: who decides.
        action: ``accept``, ``reject``, ``skip`` (logged; the claim stays pending) or ``edit``
            (``changes`` applied, the claim accepted, the extractor's proposal kept in
            ``original`` and ``edited`` set).
        changes: for ``edit``, the fact fields that change (see :func:`merge_edit`); for
            ``accept``, the fields of the claim as shown that the stored row does not hold yet
            (suggested from the document's decisions, :mod:`db.feedback`): written with the
            accept, the extractor's proposal kept in ``original``, ``edited`` left unset.
        seen: the state the reviewer saw; when someone changed the claim since, the decision
            is refused instead of overwriting theirs.
        group_id: the group of a group action (:func:`db.decisions.new_group`).
        extra: more keys kept in the decision's ``after`` beside the snapshot (``picked``:
            the alternative a pick took, see :mod:`db.alternatives`).

    Raises:
        ReviewError: unknown claim or action, invalid changes, a claim decided meanwhile or
            leased to another reviewer, an accept of a claim already accepted (or a reject of
            one already rejected, a skip of one not pending): nothing is written.
    """
    if action not in DECIDE_ACTIONS:
        raise ReviewError(f"unknown action {action!r}; one of {', '.join(DECIDE_ACTIONS)}")
    if not reviewer:
        raise ReviewError("a reviewer name is needed")
    with transaction(conn):
        claim = live_claim(conn, claim_id)
        before = snapshot(claim)
        at = now_iso()
        check_free(conn, claim, reviewer, seen, at)
        after = dict(before)
        who = f" by {claim['reviewer']}" if claim["reviewer"] else ""
        if action == "edit":
            fixed = merge_edit(conn, claim, changes)
            after.update(fixed)
            if claim["original"] is None:
                after["original"] = json.dumps(
                    {f: before[f] for f in (*FACT_FIELDS, *SPAN_FIELDS)}, ensure_ascii=False
                )
            after.update(status="accepted", edited=1, reviewer=reviewer, decided_at=at)
        elif action in ("accept", "reject"):
            status = "accepted" if action == "accept" else "rejected"
            if claim["status"] == status:
                # Never log a second identical decision (a key pressed twice).
                raise ReviewError(f"claim {claim_id} is already {status}{who}; not changed")
            if action == "accept" and changes:
                # The claim as shown: fields suggested from the document's decisions
                # (db.feedback) are accepted with it; the extractor's proposal is kept.
                after.update(merge_edit(conn, claim, changes))
                if claim["original"] is None:
                    after["original"] = json.dumps(
                        {f: before[f] for f in (*FACT_FIELDS, *SPAN_FIELDS)}, ensure_ascii=False
                    )
            after.update(status=status, reviewer=reviewer, decided_at=at)
        elif claim["status"] != "pending":
            raise ReviewError(f"claim {claim_id} is already {claim['status']}{who}; not skipped")
        apply(conn, claim_id, before, after)
        did = log(
            conn, claim_id, reviewer, action, before, after, at, group_id=group_id, extra=extra
        )
        # Decided (or skipped): the reviewer's lease on it ends, so a skip frees it for others.
        conn.execute("DELETE FROM leases WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer))
    return Decision(did, claim_id, action, before["status"], after["status"])


def added_fields(text: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a claim being added to a document of ``text``, with the defaults an added
    claim gets (qualifier ``=``, kind ``other``) and checked (:func:`validate_fields`: offsets,
    sentence bounds found when missing).

    Raises:
        ReviewError: invalid fields.
    """
    merged = {"qualifier": "=", "kind": "other", "value_max": None, **fields}
    merged.setdefault("value", None)
    return validate_fields(text, merged)


def _alternatives_text(value: Any) -> str | None:
    """An added claim's alternatives (the extractor's runners-up for a selected quantity,
    issue 14) as stored: JSON text, or NULL when there are none."""
    if not value:
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def add_claim(
    conn: sqlite3.Connection, doc_id: int, fields: dict[str, Any], reviewer: str
) -> Decision:
    """Add a claim the extractor missed: origin ``reviewer``, accepted, logged as ``add``.

    Args:
        conn: an open claimdesk connection.
        doc_id: the document.
        fields: fact fields; at least ``start``, ``end`` and ``value`` (sentence bounds are
            found when missing); ``alternatives`` (a dict or JSON) keeps runners-up to pick.
        reviewer: who adds it.

    Raises:
        ReviewError: unknown document or invalid fields (nothing is written).
    """
    if not reviewer:
        raise ReviewError("a reviewer name is needed")
    extra = {"confidence", "rule", "alternatives"}
    unknown = set(fields) - set(FACT_FIELDS) - set(SPAN_FIELDS) - extra
    if unknown:
        raise ReviewError(f"unknown fields: {', '.join(sorted(unknown))}")
    with transaction(conn):
        row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise ReviewError(f"no document {doc_id}")
        fixed = added_fields(row[0], fields)
        at = now_iso()
        state = {f: fixed.get(f) for f in (*FACT_FIELDS, *SPAN_FIELDS)}
        state.update(status="accepted", edited=0, original=None, reviewer=reviewer, decided_at=at)
        cols = [*state, "doc_id", "origin", "confidence", "rule", "created_at", "alternatives"]
        vals = [
            *state.values(),
            doc_id,
            "reviewer",
            float(fields.get("confidence", 1.0)),
            fields.get("rule") or "reviewer",
            at,
            _alternatives_text(fields.get("alternatives")),
        ]
        cur = conn.execute(
            f"INSERT INTO claims ({', '.join(_quoted(cols))})"
            f" VALUES ({', '.join('?' * len(cols))})",
            vals,
        )
        claim_id = cur.lastrowid
        assert claim_id is not None
        added = read_snapshot(conn, claim_id)
        assert added is not None
        did = log(conn, claim_id, reviewer, "add", None, added, at)
    return Decision(did, claim_id, "add", None, "accepted")
