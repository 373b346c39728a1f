"""The figures a team lead asks for: progress, extractor precision per rule, reviewer pace.

Everything is computed with aggregate queries; the only pass in Python is over the decisions
log ordered by reviewer and time, to turn timestamps into working time (gaps longer than
:data:`IDLE_GAP_S` count as breaks, not work).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

#: A pause longer than this between two decisions of one reviewer is a break, not work.
IDLE_GAP_S = 300.0
#: Below this much measured work a pace per hour means nothing (three decisions in two seconds
#: are not 5,400 an hour): the pace is None, shown as "—".
MIN_PACE_S = 60.0
#: How many of the slowest and fastest documents to list.
TOP_DOCS = 5


def _ts(value: str) -> float:
    return datetime.fromisoformat(value).timestamp()


#: Withdrawn claims (a reviewer's undone adds) are in no figure; their decisions still count
#: in the reviewer's pace (the add and its undo were work).
_LIVE = "status != 'withdrawn'"
#: A decision about a flag (a flag, unflag or note, or the undo of one: only those keep the
#: flag's values in ``after.side``), which is no verdict and no part of a reviewer's pace.
_SIDE = "(json_extract(d.after, '$.side') IS NOT NULL)"


def compute(conn: sqlite3.Connection) -> dict:
    """All figures as one JSON-ready dict (``claimdesk stats --json`` prints it as is)."""
    q = conn.execute
    docs_total = q("SELECT count(*) FROM documents").fetchone()[0]
    docs_extracted = q(
        "SELECT count(*) FROM documents WHERE extracted_version IS NOT NULL"
    ).fetchone()[0]
    docs_reviewed = q(
        "SELECT count(*) FROM documents d"
        " WHERE EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND c.status != 'withdrawn')"
        " AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.doc_id = d.id AND c.status = 'pending')"
    ).fetchone()[0]
    by_status = dict.fromkeys(("pending", "accepted", "rejected"), 0)
    by_status.update(q(f"SELECT status, count(*) FROM claims WHERE {_LIVE} GROUP BY status"))
    claims_total = sum(by_status.values())
    by_kind: dict[str, dict[str, int]] = {}
    for kind, status, n in q(
        f"SELECT kind, status, count(*) FROM claims WHERE {_LIVE} GROUP BY kind, status"
    ):
        by_kind.setdefault(kind, dict.fromkeys(("pending", "accepted", "rejected"), 0))[status] = n

    # Precision counts only the candidates accepted as proposed: an edited accept means the
    # extractor got something wrong, so it is reported apart and not counted as right; so is an
    # accept of a claim shown with fields suggested from the document's decisions (db.feedback:
    # not edited, the extractor's proposal kept in ``original``), which the extractor alone
    # would not have proposed.
    rules = []
    for rule, total, unchanged, suggested, edited, rejected in q(
        "SELECT rule, count(*),"
        " sum(status = 'accepted' AND edited = 0 AND original IS NULL),"
        " sum(status = 'accepted' AND edited = 0 AND original IS NOT NULL),"
        " sum(status = 'accepted' AND edited = 1), sum(status = 'rejected')"
        " FROM claims WHERE origin = 'extractor' GROUP BY rule ORDER BY count(*) DESC, rule"
    ):
        decided = unchanged + suggested + edited + rejected
        rules.append(
            {
                "rule": rule,
                "candidates": total,
                "unchanged": unchanged,
                "suggested": suggested,
                "edited": edited,
                "rejected": rejected,
                "pending": total - decided,
                "precision": round(unchanged / decided, 4) if decided else None,
            }
        )
    added_by_reviewers = q(
        f"SELECT count(*) FROM claims WHERE origin = 'reviewer' AND {_LIVE}"
    ).fetchone()[0]

    per_reviewer, per_doc = _pace(conn)
    reviewers = _reviewers(conn, per_reviewer)
    slow, fast = _document_pace(conn, per_doc)
    decided = by_status["accepted"] + by_status["rejected"]
    return {
        "documents": {
            "total": docs_total,
            "extracted": docs_extracted,
            "reviewed": docs_reviewed,
            "extracted_share": round(docs_extracted / docs_total, 4) if docs_total else None,
            "reviewed_share": round(docs_reviewed / docs_total, 4) if docs_total else None,
        },
        "claims": {
            "total": claims_total,
            "by_status": by_status,
            "by_kind": by_kind,
            "decided_share": round(decided / claims_total, 4) if claims_total else None,
            "added_by_reviewers": added_by_reviewers,
        },
        "rules": rules,
        "reviewers": reviewers,
        "slowest_documents": slow,
        "fastest_documents": fast,
    }


def _pace(conn: sqlite3.Connection) -> tuple[dict[str, dict], dict[int, list[float]]]:
    """One pass over the decisions log: per reviewer and per document, decisions and work time.

    The working time of a decision is the gap since the same reviewer's previous decision; the
    first decision of a sitting (after a gap over :data:`IDLE_GAP_S`) has no measurable time.
    Flags (and their undos) are not decisions on a claim: they are counted in ``flags`` and
    left out of the pace, their time going to the next decision.
    """
    per_reviewer: dict[str, dict] = {}
    per_doc: dict[int, list[float]] = {}
    last: dict[str, float] = {}
    for reviewer, at, action, doc_id, side in conn.execute(
        f"SELECT d.reviewer, d.at, d.action, c.doc_id, {_SIDE} FROM decisions d"
        " JOIN claims c ON c.id = d.claim_id ORDER BY d.reviewer, d.at, d.id"
    ):
        r = per_reviewer.setdefault(reviewer, _new_reviewer(reviewer))
        if side:  # a flag, or the undo of one
            r["flags"] += action == "flag"
            continue
        t = _ts(at)
        prev = last.get(reviewer)
        last[reviewer] = t
        r["decisions"] += 1
        r["actions"][action] = r["actions"].get(action, 0) + 1
        if prev is not None and t - prev <= IDLE_GAP_S:
            gap = max(0.0, t - prev)
            r["seconds"] += gap
            acc = per_doc.setdefault(doc_id, [0.0, 0])
            acc[0] += gap
            acc[1] += 1
    return per_reviewer, per_doc


def _new_reviewer(name: str) -> dict:
    return {"reviewer": name, "decisions": 0, "seconds": 0.0, "actions": {}, "flags": 0}


def _reviewers(conn: sqlite3.Connection, per: dict[str, dict]) -> list[dict]:
    for reviewer, accepted, rejected in conn.execute(
        "SELECT reviewer, sum(status = 'accepted'), sum(status = 'rejected') FROM claims"
        " WHERE reviewer IS NOT NULL AND status IN ('accepted', 'rejected') GROUP BY reviewer"
    ):
        r = per.setdefault(reviewer, _new_reviewer(reviewer))
        r["accepted"] = accepted
        r["rejected"] = rejected
    out = []
    for r in sorted(per.values(), key=lambda r: -r["decisions"]):
        accepted, rejected = r.get("accepted", 0), r.get("rejected", 0)
        hours = r["seconds"] / 3600
        out.append(
            {
                "reviewer": r["reviewer"],
                "decisions": r["decisions"],
                "actions": r["actions"],
                "flags": r.get("flags", 0),
                "accepted": accepted,
                "rejected": rejected,
                "accept_rate": round(accepted / (accepted + rejected), 4)
                if accepted + rejected
                else None,
                "working_hours": round(hours, 3),
                "decisions_per_hour": round(r["decisions"] / hours, 1)
                if r["seconds"] >= MIN_PACE_S
                else None,
            }
        )
    return out


def _document_pace(
    conn: sqlite3.Connection, per: dict[int, list[float]]
) -> tuple[list[dict], list[dict]]:
    """Documents by working seconds per decision, slowest and fastest first."""
    pace = sorted(((secs / n, doc_id, n, secs) for doc_id, (secs, n) in per.items()), reverse=True)

    def describe(items) -> list[dict]:
        out = []
        for per_decision, doc_id, n, secs in items:
            source, title = conn.execute(
                "SELECT source, title FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            out.append(
                {
                    "doc_id": doc_id,
                    "source": source,
                    "title": title,
                    "decisions": n,
                    "seconds": round(secs, 1),
                    "seconds_per_decision": round(per_decision, 1),
                }
            )
        return out

    return describe(pace[:TOP_DOCS]), describe(list(reversed(pace))[:TOP_DOCS])


def sitting(conn: sqlite3.Connection, reviewer: str, *, bucket_seconds: float = 300.0) -> dict:
    """A reviewer's current sitting: their decisions since their last break (a gap over
    :data:`IDLE_GAP_S`), as a pace per hour in buckets of ``bucket_seconds``.

    This is "the session" as :func:`compute` counts working time, read from the decisions log
    alone, so it survives a restart of the app.

    Returns:
        ``{"start", "end", "decisions", "decisions_per_hour", "per_hour"}``; ``per_hour`` holds
        one figure per bucket from the sitting's first decision to its last (empty without
        decisions), ``decisions_per_hour`` the pace over the whole sitting (None under a minute).
    """
    times: list[float] = []
    stamps: list[str] = []
    last: float | None = None
    for (at,) in conn.execute(
        f"SELECT at FROM decisions d WHERE reviewer = ? AND NOT {_SIDE} ORDER BY at DESC, id DESC",
        (reviewer,),
    ):
        t = _ts(at)
        if last is not None and last - t > IDLE_GAP_S:
            break
        times.append(t)
        stamps.append(at)
        last = t
    if not times:
        return {"start": None, "end": None, "decisions": 0, "decisions_per_hour": None,
                "per_hour": []}  # fmt: skip
    times.reverse()
    first, end = times[0], times[-1]
    buckets = [0] * (int((end - first) // bucket_seconds) + 1)
    for t in times:
        buckets[int((t - first) // bucket_seconds)] += 1
    span = end - first
    return {
        "start": stamps[-1],
        "end": stamps[0],
        "decisions": len(times),
        "decisions_per_hour": round(len(times) / (span / 3600), 1) if span >= MIN_PACE_S else None,
        "per_hour": [round(n * 3600 / bucket_seconds, 1) for n in buckets],
    }
