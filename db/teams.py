"""Several reviewers on one database: assignment modes, leases, overlap judgements, adjudication.

Two ways to share the work, chosen when a review starts and remembered in ``settings``:

- **split** (default): each pending claim is *leased* to one reviewer at a time. The app renews
  its lease while the claim is on screen; when a reviewer goes away the lease expires and the
  claim goes to someone else. A decision on a claim another reviewer holds, or decided meanwhile,
  is refused — so two reviewers never get, nor decide, the same claim.
- **overlap** (``per_claim`` = K): each claim is judged independently by K reviewers. Their
  verdicts are kept apart in ``judgements``; the claim stays pending until K verdicts exist. When
  they agree (same status, and for an accept the same fields) the claim takes that state; when
  they disagree it goes to ``disputes`` for an adjudicator, whose pick becomes final.

Every write is one short ``BEGIN IMMEDIATE`` transaction (:func:`db.connection.transaction`),
and every verdict and adjudication is a row in the decisions log (``decisions.mode``), so undo
works in every mode.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from db import decisions, review
from db.connection import transaction
from db.decisions import Decision, ReviewError, Seen, check_seen
from db.queue import LEASE_SECONDS, holder, next_claim, release, renew
from db.rows import ClaimRow, Verdict
from db.schema import FACT_FIELDS, SPAN_FIELDS, now_iso

__all__ = ["LEASE_SECONDS", "holder", "next_claim", "release", "renew"]  # leases: db.queue

MODES = ("split", "overlap")


@dataclass(frozen=True)
class Assignment:
    """How this session gets its claims.

    Attributes:
        mode: ``split`` or ``overlap``.
        per_claim: in overlap mode, how many reviewers judge each claim.
        lease_seconds: how long a lease lives without renewal.
        adjudicate: this session resolves disputes instead of reviewing.
    """

    mode: str = "split"
    per_claim: int = 1
    lease_seconds: float = LEASE_SECONDS
    adjudicate: bool = False

    def describe(self) -> str:
        if self.adjudicate:
            return "adjudication"
        if self.mode == "overlap":
            return f"overlap ×{self.per_claim}"
        return "split"


# --------------------------------------------------------------------------------------------
# Settings


def load_assignment(conn: sqlite3.Connection) -> Assignment:
    """The mode the team chose (split when none was ever chosen)."""
    rows = dict(conn.execute("SELECT key, value FROM settings WHERE key IN ('mode', 'per_claim')"))
    mode = rows.get("mode", "split")
    return Assignment(
        mode=mode, per_claim=int(rows.get("per_claim", 1)) if mode == "overlap" else 1
    )


def save_assignment(conn: sqlite3.Connection, mode: str, per_claim: int = 2) -> Assignment:
    """Choose the team's mode; it stays chosen for every later session.

    Raises:
        ReviewError: an unknown mode, or ``per_claim`` below 2 in overlap mode.
    """
    if mode not in MODES:
        raise ReviewError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
    if mode == "overlap" and per_claim < 2:
        raise ReviewError("overlap mode needs --per-claim 2 or more")
    with transaction(conn):
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('mode', ?)", (mode,))
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('per_claim', ?)", (str(per_claim),))
    return load_assignment(conn)


# --------------------------------------------------------------------------------------------
# Leases and the next claim


# --------------------------------------------------------------------------------------------
# Overlap: judgements


def _facts(state: Mapping[str, Any]) -> dict[str, Any]:
    return {f: state.get(f) for f in FACT_FIELDS}


def _verdict_fields(state: Mapping[str, Any]) -> dict[str, Any]:
    """What a verdict keeps: the fact fields and the spans of subject, predicate and time
    (the offsets an edit gave them — a span-mode selection, a picked alternative — so the
    final claim highlights what the reviewer chose, not a guess found again in the
    sentence)."""
    return {f: state.get(f) for f in (*FACT_FIELDS, *SPAN_FIELDS)}


def _same_facts(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Two verdicts' fields state the same fact (their spans may differ: the same subject
    selected at another place in the text is the same subject)."""
    return all(a.get(f) == b.get(f) for f in FACT_FIELDS)


def _agree(verdicts: list[Verdict]) -> bool:
    first = verdicts[0]
    if any(v["status"] != first["status"] for v in verdicts):
        return False
    return first["status"] == "rejected" or all(
        _same_facts(v["fields"], first["fields"]) for v in verdicts
    )


def _verdicts(conn: sqlite3.Connection, claim_id: int) -> list[Verdict]:
    return [
        {"reviewer": r, "status": s, "fields": json.loads(f), "at": at}
        for r, s, f, at in conn.execute(
            "SELECT reviewer, status, fields, at FROM judgements WHERE claim_id = ?"
            " ORDER BY at, reviewer",
            (claim_id,),
        )
    ]


def _final_state(
    claim: ClaimRow, status: str, facts: dict[str, Any], reviewer: str, at: str
) -> dict[str, Any]:
    """The claim's state once a verdict is final: edited when the facts differ from the
    extractor's proposal, which is then kept in ``original``."""
    state = decisions.snapshot(claim)
    proposal = json.loads(claim["original"]) if claim["original"] else _facts(claim)
    edited = status == "accepted" and any(facts[f] != proposal.get(f) for f in FACT_FIELDS)
    # A verdict's spans (kept since issue 14; older verdicts have none) come with its facts.
    state.update({k: v for k, v in facts.items() if k in state} if status == "accepted" else {})
    state.update(status=status, reviewer=reviewer, decided_at=at, edited=int(edited))
    if edited and claim["original"] is None:
        state["original"] = json.dumps(_facts(claim), ensure_ascii=False)
    return state


def _sync_dispute(conn: sqlite3.Connection, claim_id: int, per_claim: int, at: str) -> None:
    verdicts = _verdicts(conn, claim_id)
    if len(verdicts) >= per_claim and not _agree(verdicts):
        conn.execute("INSERT OR IGNORE INTO disputes VALUES (?, ?)", (claim_id, at))
    else:
        conn.execute("DELETE FROM disputes WHERE claim_id = ?", (claim_id,))


def judge(
    conn: sqlite3.Connection,
    asg: Assignment,
    claim_id: int,
    reviewer: str,
    action: str,
    changes: dict[str, Any] | None = None,
    seen: Seen | None = None,
    extra: dict[str, Any] | None = None,
    *,
    group_id: int | None = None,
) -> Decision:
    """Record one reviewer's verdict in overlap mode (accept, reject or edit).

    ``group_id``: the group of a group action (apply to siblings), undone as one.

    The claim stays pending until ``per_claim`` verdicts exist; then it takes the agreed
    state, or goes to the disputes for adjudication. The verdict is logged as a decision
    (``mode='overlap'``) whose ``after`` holds it under ``verdict``, so undo can restore it;
    ``extra`` keys are kept beside it (``picked``: the alternative a pick took).

    Raises:
        ReviewError: unknown action or claim, a claim already final or changed since it was
            ``seen``, invalid changes, the same verdict given twice.
    """
    if action not in ("accept", "reject", "edit"):
        raise ReviewError(f"unknown verdict {action!r}")
    with transaction(conn):
        claim = review.get_claim(conn, claim_id)
        if claim is None:
            raise ReviewError(f"no claim {claim_id}")
        check_seen(claim, seen)
        if claim["status"] != "pending":
            raise ReviewError(f"claim {claim_id} is already {claim['status']}; not changed")
        at = now_iso()
        facts = _verdict_fields(claim)
        if action == "edit":
            facts = _verdict_fields(review.merge_edit(conn, claim, changes))
        mine: Verdict = {
            "reviewer": reviewer,
            "status": "rejected" if action == "reject" else "accepted",
            "fields": facts,
            "at": at,
        }
        others = _verdicts(conn, claim_id)
        if any(v["reviewer"] == reviewer and v["status"] == mine["status"]
               and v["fields"] == facts for v in others):  # fmt: skip
            raise ReviewError(f"you already {mine['status']} claim {claim_id}; not changed")
        verdicts = [v for v in others if v["reviewer"] != reviewer] + [mine]
        before = decisions.snapshot(claim)
        after = dict(before)
        if len(verdicts) >= asg.per_claim and _agree(verdicts):
            names = "+".join(sorted(v["reviewer"] for v in verdicts))
            after = _final_state(claim, mine["status"], facts, names, at)
            decisions.apply(conn, claim_id, before, after)
        did = decisions.log(
            conn, claim_id, reviewer, action, before, after, at, mode="overlap",
            extra={**(extra or {}), "verdict": mine}, group_id=group_id,
        )  # fmt: skip
        conn.execute(
            "INSERT OR REPLACE INTO judgements (claim_id, reviewer, status, fields, decision_id,"
            " at) VALUES (?, ?, ?, ?, ?, ?)",
            (claim_id, reviewer, mine["status"], json.dumps(facts, ensure_ascii=False), did, at),
        )
        _sync_dispute(conn, claim_id, asg.per_claim, at)
        conn.execute("DELETE FROM leases WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer))
    return Decision(did, claim_id, action, before["status"], after["status"])


def _restore_after_undo(per_claim: int):
    """The undo hook: put back the verdicts and disputes the undone decision changed."""

    def hook(conn: sqlite3.Connection, target: dict[str, Any]) -> None:
        if target.get("mode") == "overlap":
            claim_id, reviewer = target["claim_id"], target["reviewer"]
            conn.execute(
                "DELETE FROM judgements WHERE claim_id = ? AND reviewer = ?", (claim_id, reviewer)
            )
            # The reviewer's previous verdict on this claim, if they had changed their mind.
            prev = conn.execute(
                "SELECT id, after, at FROM decisions WHERE claim_id = ? AND reviewer = ?"
                " AND mode = 'overlap' AND action != 'undo'"
                " AND id NOT IN (SELECT undoes FROM decisions WHERE undoes IS NOT NULL)"
                " ORDER BY id DESC LIMIT 1",
                (claim_id, reviewer),
            ).fetchone()
            if prev is not None:
                verdict = json.loads(prev[1])["verdict"]
                conn.execute(
                    "INSERT INTO judgements (claim_id, reviewer, status, fields, decision_id, at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (claim_id, reviewer, verdict["status"],
                     json.dumps(verdict["fields"], ensure_ascii=False), prev[0], prev[2]),
                )  # fmt: skip
            _sync_dispute(conn, claim_id, per_claim, now_iso())
        elif target.get("mode") == "adjudicate":
            _sync_dispute(conn, target["claim_id"], per_claim, now_iso())

    return hook


def undo(conn: sqlite3.Connection, asg: Assignment, reviewer: str) -> Decision | None:
    """Undo the reviewer's last decision in any mode (see :func:`db.review.undo_last`)."""
    per_claim = asg.per_claim if asg.mode == "overlap" else load_assignment(conn).per_claim
    return decisions.undo_last(conn, reviewer, on_undo=_restore_after_undo(max(per_claim, 2)))


# --------------------------------------------------------------------------------------------
# Adjudication


def versions(conn: sqlite3.Connection, claim_id: int) -> list[Verdict]:
    """Each reviewer's verdict on a claim: reviewer, status, fields, at (oldest first)."""
    return _verdicts(conn, claim_id)


def adjudicate(
    conn: sqlite3.Connection,
    claim_id: int,
    reviewer: str,
    *,
    pick: str | None = None,
    action: str | None = None,
    changes: dict[str, Any] | None = None,
    seen: Seen | None = None,
    extra: dict[str, Any] | None = None,
) -> Decision:
    """Settle a disputed claim: take one reviewer's version (``pick``), or decide it yourself
    (``action`` accept/reject, or ``edit`` with ``changes``). The result is final and logged
    (``mode='adjudicate'``); undo puts the dispute back. ``extra`` keys are kept in the
    decision's ``after`` (``picked``: the alternative a pick took).

    Raises:
        ReviewError: no such claim or verdict, a claim not disputed, invalid changes.
    """
    with transaction(conn):
        claim = review.get_claim(conn, claim_id)
        if claim is None:
            raise ReviewError(f"no claim {claim_id}")
        check_seen(claim, seen)
        if (
            claim["status"] != "pending"
            or not conn.execute("SELECT 1 FROM disputes WHERE claim_id = ?", (claim_id,)).fetchone()
        ):
            raise ReviewError(f"claim {claim_id} is not disputed")
        at = now_iso()
        if pick is not None:
            chosen = next((v for v in _verdicts(conn, claim_id) if v["reviewer"] == pick), None)
            if chosen is None:
                raise ReviewError(f"{pick} has no verdict on claim {claim_id}")
            status, facts = chosen["status"], chosen["fields"]
        elif action in ("accept", "reject"):
            status, facts = ("accepted" if action == "accept" else "rejected"), _facts(claim)
        elif action == "edit":
            status, facts = "accepted", _verdict_fields(review.merge_edit(conn, claim, changes))
        else:
            raise ReviewError("adjudication needs a reviewer's version or a decision")
        before = decisions.snapshot(claim)
        after = _final_state(claim, status, facts, reviewer, at)
        decisions.apply(conn, claim_id, before, after)
        logged_action = (
            "edit"
            if after["edited"] and not before["edited"]
            else ("accept" if status == "accepted" else "reject")
        )
        did = decisions.log(
            conn, claim_id, reviewer, logged_action, before, after, at, mode="adjudicate",
            extra=extra,
        )  # fmt: skip
        conn.execute("DELETE FROM disputes WHERE claim_id = ?", (claim_id,))
    return Decision(did, claim_id, logged_action, before["status"], after["status"])


def dispute_count(conn: sqlite3.Connection) -> int:
    """How many claims wait for adjudication."""
    return conn.execute(
        "SELECT count(*) FROM disputes d JOIN claims c ON c.id = d.claim_id"
        " WHERE c.status = 'pending'"
    ).fetchone()[0]
