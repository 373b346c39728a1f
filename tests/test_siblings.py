"""Fix once, apply to siblings (db/siblings.py, ReviewSession's siblings section).

Every test has its own database: one fund-like document where the wrong subject 收报 sits on
several claims and the team name 76人 was proposed five times, and a second document with 收报
too. What was committed is read through a second connection.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db import siblings, teams
from db.connection import open_db
from db.schema import now_iso
from db.session import ReviewSession, Strategy
from tests.test_review_helpers import add_claim, add_document

DOC_A = (
    "收报上涨10点。收报下跌20点。甲公司新增30家。收报持平40点。收报回升50点。"
    "费城76人获胜。76人再胜。76人输球。76人主场。76人客场。"
)
DOC_B = "收报上涨60点。"


def build(path: Path) -> dict[str, int]:
    """The two documents; returns claim ids by name (review order: a0…a4, r0…r4, b0)."""
    conn = open_db(path)
    da = add_document(conn, DOC_A, "收报", "a.txt")
    db_ = add_document(conn, DOC_B, "收报二", "b.txt")
    ids: dict[str, int] = {}
    for name, q, subject, predicate, status in (
        ("a0", "10点", "收报", "上涨", "pending"),
        ("a1", "20点", "收报", "下跌", "pending"),
        ("a2", "30家", "甲公司", "新增", "pending"),
        ("a3", "40点", "收报", "持平", "accepted"),
        ("a4", "50点", "收报", "回升", "pending"),
    ):
        ids[name] = add_claim(conn, da, DOC_A, q, value=float(q[:2]), unit=q[2:],
                              subject=subject, predicate=predicate, status=status)  # fmt: skip
    at = 0
    for n in range(5):
        at = DOC_A.index("76人", at)
        rule = "count" if n < 4 else "other.rule"  # r4: same surface, another rule
        ids[f"r{n}"] = add_claim(conn, da, DOC_A, "76人", value=76, unit="人", rule=rule, after=at)
        at += 1
    ids["b0"] = add_claim(conn, db_, DOC_B, "60点", value=60, unit="点", subject="收报",
                          predicate="上涨")  # fmt: skip
    conn.close()
    return ids


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "siblings.db"
    ids = build(path)
    check = open_db(path)
    yield path, ids, check
    check.close()


def session(path, reviewer="ann", asg: teams.Assignment | None = None, **kw) -> ReviewSession:
    conn = open_db(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 20")
    return ReviewSession(conn, reviewer, asg or teams.Assignment(), **kw)


def row(check, claim_id: int) -> dict[str, Any]:
    return dict(check.execute("SELECT * FROM claims WHERE id = ?", (claim_id,)).fetchone())


def rows(check) -> dict[int, dict[str, Any]]:
    return {r["id"]: dict(r) for r in check.execute("SELECT * FROM claims")}


def log(check) -> list[dict[str, Any]]:
    return [dict(r) for r in check.execute("SELECT * FROM decisions ORDER BY id")]


def go_to(s: ReviewSession, claim_id: int) -> None:
    assert s.goto(claim_id).ok
    assert s.claim is not None and s.claim["id"] == claim_id


# --------------------------------------------------------------------------- after an edit


def test_siblings_after_an_edit_each_own_row_one_group_one_undo(db):
    path, ids, check = db
    s = session(path)
    s.open()
    assert s.siblings_offer().data == 0  # nothing corrected yet
    go_to(s, ids["a0"])
    assert s.decide("edit", {"subject": "上证指数"}).ok
    assert s.correction is not None and s.correction.changes == (("subject", "收报", "上证指数"),)
    assert s.siblings_offer().data == 2  # a1, a4 — not a2 (甲公司), a3 (decided), b0 (doc B)
    untouched = {k: row(check, ids[k]) for k in ("a2", "a3", "b0", "r0")}
    n_before = len(log(check))

    out = s.apply_siblings()
    assert out.ok, out.message
    assert out.decision.group_size == 2
    assert "Corrected 2 siblings" in out.message and "收报 → 上证指数" in out.message
    for k in ("a1", "a4"):
        r = row(check, ids[k])
        assert (r["status"], r["edited"], r["subject"], r["reviewer"]) == (
            "accepted", 1, "上证指数", "ann",
        )  # fmt: skip
        assert json.loads(r["original"])["subject"] == "收报"
        assert r["predicate"] in ("下跌", "回升")  # only the field that held the old value
    new_rows = log(check)[n_before:]
    assert sorted(d["claim_id"] for d in new_rows) == sorted([ids["a1"], ids["a4"]])
    assert {d["action"] for d in new_rows} == {"edit"}
    assert len({d["group_id"] for d in new_rows}) == 1 and new_rows[0]["group_id"] is not None
    assert {k: row(check, ids[k]) for k in untouched} == untouched
    assert s.siblings_offer().data == 0  # all applied: nothing left on offer

    undo = s.undo()
    assert undo.ok and undo.decision.group_size == 2 and "2 claims" in undo.message
    for k in ("a1", "a4"):
        r = row(check, ids[k])
        assert (r["status"], r["edited"], r["subject"], r["original"]) == (
            "pending", 0, "收报", None,
        )  # fmt: skip
    assert row(check, ids["a0"])["subject"] == "上证指数"  # the edit itself stays
    assert s.siblings_offer().data == 2  # on offer again after undoing the group
    go_to(s, ids["a0"])
    assert s.flag("check").ok and s.undo().ok  # a flag on the corrected claim, undone
    assert s.siblings_offer().data == 2  # the correction is still on offer
    assert s.undo().ok  # the next undo takes the edit back, and the offer with it
    assert row(check, ids["a0"])["subject"] == "收报"
    assert s.correction is None and s.siblings_offer().data == 0


def test_siblings_change_only_the_fields_that_held_the_old_value(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a0"])
    assert s.decide("edit", {"subject": "上证指数", "predicate": "下跌"}).ok
    # a1 held 收报 (subject) but 下跌 already; a4 held 收报; no one else held 上涨 in doc A
    assert s.siblings_offer().data == 2
    assert s.apply_siblings().ok
    assert (row(check, ids["a1"])["subject"], row(check, ids["a1"])["predicate"]) == (
        "上证指数", "下跌",
    )  # fmt: skip
    assert (row(check, ids["a4"])["subject"], row(check, ids["a4"])["predicate"]) == (
        "上证指数", "回升",
    )  # fmt: skip
    assert row(check, ids["b0"])["predicate"] == "上涨"  # another document


def test_an_edit_of_no_role_field_or_a_blank_one_offers_nothing(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["r0"])
    assert s.decide("edit", {"object": "篮球"}).ok  # object was empty: not a shared wrong value
    assert s.correction is None and s.siblings_offer().data == 0
    go_to(s, ids["a0"])
    assert s.decide("edit", {"value": 11}).ok  # the quantity's own field
    assert s.correction is None
    n = len(log(check))
    out = s.apply_siblings()
    assert out.kind == "refused" and "correct or reject a claim first" in out.message
    assert len(log(check)) == n


# --------------------------------------------------------------------------- after a reject


def test_siblings_after_a_reject_same_surface_and_rule(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["r0"])
    assert s.decide("reject").ok
    assert s.siblings_offer().data == 3  # r1..r3; r4 has another rule
    out = s.apply_siblings()
    assert out.ok and "Rejected 3 siblings" in out.message
    assert [row(check, ids[f"r{n}"])["status"] for n in range(5)] == [
        "rejected", "rejected", "rejected", "rejected", "pending",
    ]  # fmt: skip
    group = log(check)[-3:]
    assert {d["action"] for d in group} == {"reject"} and len({d["group_id"] for d in group}) == 1
    assert row(check, ids["a0"])["status"] == "pending"
    assert s.undo().decision.group_size == 3
    assert [row(check, ids[f"r{n}"])["status"] for n in range(5)] == [
        "rejected", "pending", "pending", "pending", "pending",
    ]  # fmt: skip


def test_apply_moves_on_when_the_claim_on_screen_was_a_sibling(db):
    path, ids, _check = db
    s = session(path)
    s.open()
    go_to(s, ids["r0"])
    out = s.decide("reject")
    assert out.view.claim["id"] == ids["r1"]  # moved on to a sibling
    out = s.apply_siblings()
    assert out.ok and out.view.claim["id"] == ids["r4"]  # r1..r3 decided: the next pending


def test_nothing_on_offer_is_a_message_and_writes_nothing(db):
    path, ids, check = db
    s = session(path)
    s.open()
    out = s.apply_siblings()
    assert out.kind == "refused" and "Nothing to apply" in out.message
    go_to(s, ids["a2"])
    assert s.decide("edit", {"subject": "乙公司"}).ok  # no other claim holds 甲公司
    before = rows(check), len(log(check))
    out = s.apply_siblings()
    assert out.kind == "refused" and "No siblings to apply to" in out.message
    assert "subject 甲公司" in out.message
    assert (rows(check), len(log(check))) == before
    go_to(s, ids["a4"])
    assert s.decide("accept").ok  # an accept is no correction: the edit stays the last one
    assert s.correction is not None and s.correction.claim_id == ids["a2"]


def test_locked_database_is_busy_and_saves_nothing(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a0"])
    assert s.decide("edit", {"subject": "上证指数"}).ok
    before = rows(check), len(log(check))
    check.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        out = s.apply_siblings()
        assert out.kind == "busy" and "nothing was saved" in out.message
        assert out.decision is None
    finally:
        check.execute("ROLLBACK")
    assert (rows(check), len(log(check))) == before
    assert s.apply_siblings().ok  # and works once the lock is gone


def test_a_sibling_changed_meanwhile_refuses_the_whole_group(db, monkeypatch):
    """One transaction: when one sibling cannot be decided, none is (r1 is rolled back)."""
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["r0"])
    assert s.decide("reject").ok
    real = siblings.find

    def stale(conn, fix, asg, reviewer):  # r2 as it was before someone else decided it
        found = real(conn, fix, asg, reviewer)
        for r in found:
            if r["id"] == ids["r2"]:
                r.update(status="accepted", reviewer="bob", decided_at="2024-01-01T00:00:00Z")
        return found

    monkeypatch.setattr(siblings, "find", stale)
    n = len(log(check))
    out = s.apply_siblings()
    assert out.kind == "refused" and "meanwhile" in out.message
    assert len(log(check)) == n
    assert [row(check, ids[f"r{k}"])["status"] for k in (1, 2, 3)] == ["pending"] * 3


# --------------------------------------------------------------------------- modes


def test_split_mode_leaves_claims_leased_to_another_reviewer(db):
    path, ids, check = db
    check.execute(  # bob has r2 on his screen
        "INSERT INTO leases (claim_id, reviewer, expires_at) VALUES (?, 'bob', ?)",
        (ids["r2"], now_iso(120)),
    )
    check.commit()
    s = session(path, "ann")
    s.open()
    go_to(s, ids["r0"])
    assert s.decide("reject").ok
    assert s.siblings_offer().data == 2  # r1, r3 — r2 is bob's
    assert s.apply_siblings().ok
    assert row(check, ids["r2"])["status"] == "pending"
    assert row(check, ids["r3"])["status"] == "rejected"


def test_overlap_mode_records_verdicts_as_one_group(db):
    path, ids, check = db
    asg = teams.save_assignment(check, "overlap", 2)
    s = session(path, "ann", asg)
    s.open()
    go_to(s, ids["r0"])
    assert s.decide("reject").ok
    assert s.siblings_offer().data == 3
    assert s.apply_siblings().ok
    verdicts = check.execute(
        "SELECT claim_id, status FROM judgements WHERE reviewer = 'ann' ORDER BY claim_id"
    ).fetchall()
    assert [tuple(v) for v in verdicts] == [(ids[f"r{n}"], "rejected") for n in range(4)]
    assert [row(check, ids[f"r{n}"])["status"] for n in range(4)] == ["pending"] * 4  # K=2
    assert s.siblings_offer().data == 0  # ann has judged them all
    group = log(check)[-3:]
    assert {d["mode"] for d in group} == {"overlap"} and len({d["group_id"] for d in group}) == 1
    assert s.undo().decision.group_size == 3
    assert (
        check.execute("SELECT count(*) FROM judgements WHERE reviewer = 'ann'").fetchone()[0] == 1
    )


def test_adjudication_offers_no_siblings(db):
    path, ids, check = db
    ov = teams.Assignment(mode="overlap", per_claim=2)
    for claim in ("r0", "r1"):
        teams.judge(check, ov, ids[claim], "ann", "accept")
        teams.judge(check, ov, ids[claim], "bob", "reject")
    s = session(path, "lead", teams.Assignment(mode="overlap", per_claim=2, adjudicate=True))
    s.open()
    assert s.decide("reject").ok
    assert s.correction is None and s.siblings_offer().data == 0
    n = len(log(check))
    out = s.apply_siblings()
    assert out.kind == "refused" and "not offered when adjudicating" in out.message
    assert len(log(check)) == n


def test_single_reviewer_strategy_applies_too(db):
    path, ids, check = db
    s = session(path, strategy=Strategy())
    s.open()
    go_to(s, ids["a0"])
    assert s.decide("edit", {"subject": "上证指数"}).ok
    assert s.apply_siblings().ok
    assert row(check, ids["a4"])["subject"] == "上证指数"


def test_the_sibling_query_reads_only_the_documents_pending_claims(db):
    """Index-friendly: SQLite answers it from claims_status's (status, doc_id) prefix."""
    _path, ids, check = db
    fix = siblings.Correction("reject", ids["r0"], 1, quantity_text="76人", rule="count")
    sql, params = siblings._query(fix, teams.Assignment(), "ann", "*")
    plan = " ".join(r[3] for r in check.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "claims_status (status=? AND doc_id=?)" in plan
    assert "SCAN claims" not in plan


def test_a_pick_is_a_correction_siblings_repeat(db):
    """A pick among the extractor's alternatives goes through decide("edit"): g repeats it."""
    path, ids, check = db
    check.execute(
        "UPDATE claims SET alternatives = ? WHERE id = ?",
        (json.dumps({"subject": [{"text": "上证指数", "score": 0.4}]}), ids["a0"]),
    )
    s = session(path)
    s.open()
    go_to(s, ids["a0"])
    out = s.pick_alternative("subject", 1)
    assert out.ok, out.message
    assert row(check, ids["a0"])["subject"] == "上证指数"
    assert s.correction is not None and s.correction.changes == (("subject", "收报", "上证指数"),)
    assert s.siblings_offer().data == 2
    assert s.apply_siblings().ok
    assert [row(check, ids[k])["subject"] for k in ("a1", "a4", "b0")] == [
        "上证指数",
        "上证指数",
        "收报",
    ]


def test_a_span_draft_is_a_correction_siblings_repeat(db):
    """A span-mode draft is saved through decide("edit") too: g repeats it."""
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a1"])
    start = DOC_A.index("甲公司")
    out = s.save_draft({"subject": "甲公司", "subject_start": start, "subject_end": start + 3})
    assert out.ok, out.message
    assert s.correction is not None and s.correction.changes == (("subject", "收报", "甲公司"),)
    assert s.siblings_offer().data == 2  # a0, a4
    assert s.apply_siblings().ok
    assert [row(check, ids[k])["subject"] for k in ("a0", "a4", "b0")] == [
        "甲公司",
        "甲公司",
        "收报",
    ]


def test_siblings_are_offered_and_applied_only_in_the_corrected_document(db):
    path, ids, check = db
    s = session(path)
    s.open()
    go_to(s, ids["a0"])
    assert s.decide("edit", {"subject": "上证指数"}).ok
    assert s.siblings_offer().data == 2
    go_to(s, ids["b0"])  # document B holds 收报 too, but it is not where the fix was made
    assert s.siblings_offer().data == 0
    before = rows(check), len(log(check))
    out = s.apply_siblings()
    assert out.kind == "refused" and "document of the last correction" in out.message
    assert (rows(check), len(log(check))) == before
    go_to(s, ids["a1"])  # back in document A: on offer again
    assert s.siblings_offer().data == 2
    assert s.apply_siblings().ok
