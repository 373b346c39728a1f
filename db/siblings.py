"""Fix once, apply to siblings: one key repeats a reviewer's last correction on the document.

After an edit (form, pick or span draft) the :class:`Correction` holds which role fields
changed from what old value to what new value, in which document; its *siblings* are the
other pending claims of that document whose field still holds the old value, and applying it
edits each of them the same way (only the fields that held the old value). After a reject the
siblings are the other pending candidates of the document with the same surface
(``quantity_text``) and rule — a team name such as 76人 proposed five times — and applying it
rejects them.

Only the role fields (:data:`ROLE_FIELDS`) carry over: value, unit, qualifier, kind and the
offsets belong to each claim's own quantity. A field that was empty is not a "wrong value"
shared by siblings (filling in a missing object is not repeated on every claim without one).
One exception: a unit the extractor offered as the claim's alternative (a rate's other
reading: 元 of 8300元/平方米 has 元/平方米) is a convention, and it carries to the siblings
that hold the same unit and offer the same alternative — the document's other prices per
square metre, not every amount in 元.

Each sibling gets its own decision row through :mod:`db.decisions` (or, in overlap mode, its
own verdict through :func:`db.teams.judge`), all with one ``group_id`` and all in one
transaction, so one undo takes the whole group back. Claims another reviewer holds (split and
overlap leases) or has already judged are left alone, like the next-claim query leaves them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from db import decisions, queue, teams
from db.claimlist import _dicts
from db.connection import transaction
from db.decisions import Decision, Seen
from db.errors import ReviewError
from db.rows import ClaimRow
from db.schema import now_iso

#: The fields a correction carries to siblings: who, what, to whom, when.
ROLE_FIELDS = ("subject", "predicate", "object", "time_text", "time")


@dataclass(frozen=True)
class Correction:
    """A reviewer's correction of one claim, as apply-to-siblings repeats it.

    Attributes:
        action: ``edit`` (fields corrected) or ``reject``.
        claim_id: the claim corrected.
        doc_id: its document; siblings are in the same one.
        changes: for an edit, ``(field, old value, new value)`` per role field that changed.
        quantity_text: for a reject, the surface its siblings share.
        rule: for a reject, the extractor rule its siblings share.
    """

    action: Literal["edit", "reject"]
    claim_id: int
    doc_id: int
    changes: tuple[tuple[str, Any, Any], ...] = ()
    quantity_text: str = ""
    rule: str = ""

    def changes_for(self, claim: Mapping[str, Any]) -> dict[str, Any]:
        """The edit a sibling gets: the new value of each field that holds the old one (the
        unit only where the sibling offers the new unit too)."""
        return {
            f: new
            for f, old, new in self.changes
            if claim[f] == old and (f != "unit" or offers_unit(claim, new))
        }

    def describe(self) -> str:
        """``subject 收报 → 中国人保`` or ``reject 76人 (rule count)``, for messages."""
        if self.action == "reject":
            return f"reject {self.quantity_text} (rule {self.rule or '—'})"
        return ", ".join(f"{f} {old or '—'} → {new or '—'}" for f, old, new in self.changes)


def of_decision(
    conn: sqlite3.Connection, claim: Mapping[str, Any], decision: Decision
) -> Correction | None:
    """The correction a decision made on ``claim`` (the claim as the reviewer saw it), or None
    when it was no correction (an accept, a skip, an edit of no role field).

    The new values are read from what the decision logged — the claim's state after it, or in
    overlap mode the reviewer's verdict — so every way of editing (form, pick, span) counts.
    """
    if decision.action == "reject":
        return Correction(
            "reject", claim["id"], claim["doc_id"],
            quantity_text=claim["quantity_text"], rule=claim["rule"],
        )  # fmt: skip
    if decision.action != "edit":
        return None
    row = conn.execute("SELECT after FROM decisions WHERE id = ?", (decision.id,)).fetchone()
    if row is None or not row[0]:
        return None
    after = json.loads(row[0])
    new = after["verdict"]["fields"] if "verdict" in after else after
    changes = tuple(
        (f, claim[f], new.get(f))
        for f in ROLE_FIELDS
        if f in new and new.get(f) != claim[f] and claim[f] not in (None, "")
    )
    unit = new.get("unit")
    if unit and unit != claim["unit"] and claim["unit"] and offers_unit(claim, unit):
        changes += (("unit", claim["unit"], unit),)
    return Correction("edit", claim["id"], claim["doc_id"], changes) if changes else None


def offers_unit(claim: Mapping[str, Any], unit: str) -> bool:
    """Whether the claim's stored alternatives offer ``unit`` as its unit (bad JSON: no)."""
    try:
        alts = json.loads(claim.get("alternatives") or "{}")
    except (TypeError, ValueError, RecursionError):
        return False
    options = alts.get("unit") if isinstance(alts, dict) else None
    return isinstance(options, list) and any(
        isinstance(o, dict) and o.get("text") == unit for o in options
    )


def _query(
    fix: Correction, asg: teams.Assignment, reviewer: str, what: str
) -> tuple[str, list[Any]]:
    """SELECT ``what`` of the siblings: pending claims of the document, by ``claims_status``
    (its ``(status, doc_id)`` prefix reads the document's pending claims and nothing else)."""
    if fix.action == "reject":
        match, params = "quantity_text = ? AND rule = ?", [fix.quantity_text, fix.rule]
    else:
        match = " OR ".join(f'"{f}" = ?' for f, _old, _new in fix.changes)
        params = [old for _f, old, _new in fix.changes]
    free, free_params = queue.free_condition(asg, reviewer, now_iso())
    sql = (
        f"SELECT {what} FROM claims INDEXED BY claims_status"
        " WHERE status = 'pending' AND doc_id = ? AND id != ?"
        f" AND ({match}) AND ({free})"
    )
    return sql, [fix.doc_id, fix.claim_id, *params, *free_params]


def _offered(fix: Correction | None, asg: teams.Assignment) -> bool:
    return fix is not None and not asg.adjudicate and (fix.action == "reject" or bool(fix.changes))


def find(
    conn: sqlite3.Connection, fix: Correction | None, asg: teams.Assignment, reviewer: str
) -> list[ClaimRow]:
    """The siblings of a correction free for ``reviewer``, in review order (none when
    adjudicating: a dispute is settled one claim at a time)."""
    if fix is None or not _offered(fix, asg):
        return []
    sql, params = _query(fix, asg, reviewer, "*")
    rows = _dicts(conn.execute(sql + " ORDER BY doc_id, start, id", params))
    if any(f == "unit" for f, _old, _new in fix.changes):
        rows = [r for r in rows if fix.changes_for(r)]  # the unit: where it is offered too
    return rows


def count(
    conn: sqlite3.Connection, fix: Correction | None, asg: teams.Assignment, reviewer: str
) -> int:
    """How many siblings :func:`apply` would decide now (for the ``g: apply to N`` hint)."""
    if fix is None or not _offered(fix, asg):
        return 0
    if any(f == "unit" for f, _old, _new in fix.changes):
        return len(find(conn, fix, asg, reviewer))  # the document's pending claims, read once
    sql, params = _query(fix, asg, reviewer, "count(*)")
    return int(conn.execute(sql, params).fetchone()[0])


def apply(
    conn: sqlite3.Connection, fix: Correction | None, asg: teams.Assignment, reviewer: str
) -> tuple[Decision, list[int]]:
    """Apply the correction to every sibling, in one transaction: one decision row each
    (a verdict each in overlap mode), all in one group.

    Returns:
        The last decision, with ``group_size`` the number of siblings decided, and the
        siblings' ids.

    Raises:
        ReviewError: nothing to apply (no correction, adjudication, no sibling left), or a
            sibling was changed meanwhile — nothing is written.
    """
    if asg.adjudicate:
        raise ReviewError("Apply to siblings is not offered when adjudicating.")
    if fix is None:
        raise ReviewError("Nothing to apply to siblings: correct or reject a claim first.")
    with transaction(conn):
        rows = find(conn, fix, asg, reviewer)
        if not rows:
            what = (
                f"the surface {fix.quantity_text} and rule {fix.rule or '—'}"
                if fix.action == "reject"
                else " or ".join(f"{f} {old}" for f, old, _new in fix.changes)
            )
            raise ReviewError(
                f"No siblings to apply to: no other pending claim of this document free for you"
                f" has {what}. Nothing was changed."
            )
        group = decisions.new_group(conn)
        last: Decision | None = None
        for row in rows:
            changes = None if fix.action == "reject" else fix.changes_for(row)
            seen = Seen.of(row)
            if asg.mode == "overlap":
                last = teams.judge(conn, asg, row["id"], reviewer, fix.action, changes, seen,
                                   group_id=group)  # fmt: skip
            else:
                last = decisions.decide(conn, row["id"], reviewer, fix.action, changes, seen,
                                        group_id=group)  # fmt: skip
    assert last is not None
    return replace(last, group_size=len(rows)), [row["id"] for row in rows]
