"""The UI-free review session (db/session.py) and the one decisions writer (db/decisions.py).

Every test has its own database (tests/test_teams.py's ``build``: one document, claims
"k人" in order). What was committed is read through a second connection.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from db import decisions, review, teams
from db.claims_import import apply_claims, read_claims
from db.connection import open_db
from db.session import AdjudicateStrategy, ReviewSession, Strategy
from tests.test_teams import build

OVERLAP2 = teams.Assignment(mode="overlap", per_claim=2)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "session.db"
    ids = build(path, 4)
    check = open_db(path)  # the second connection every assertion reads through
    yield path, ids, check
    check.close()


def session(path, reviewer: str, asg: teams.Assignment | None = None, **kw) -> ReviewSession:
    conn = open_db(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 20")
    return ReviewSession(conn, reviewer, asg or teams.Assignment(), **kw)


def statuses(check) -> list[str]:
    return [r[0] for r in check.execute("SELECT status FROM claims ORDER BY id")]


def n_decisions(check, action: str | None = None) -> int:
    if action is None:
        return check.execute("SELECT count(*) FROM decisions").fetchone()[0]
    sql = "SELECT count(*) FROM decisions WHERE action = ?"
    return check.execute(sql, (action,)).fetchone()[0]


# --------------------------------------------------------------------------- outcomes


def test_accept_moves_on_only_after_the_commit(db):
    path, ids, check = db
    s = session(path, "ann")
    assert s.open().view.claim["id"] == ids[0]
    out = s.decide("accept")
    assert out.kind == "done" and out.decision.action == "accept"
    assert out.view.claim["id"] == ids[1]
    assert statuses(check)[0] == "accepted"
    assert out.counts == {"pending": 3, "accepted": 1, "rejected": 0}


@pytest.mark.parametrize("mode", ["single", "split", "overlap", "adjudicate"])
def test_every_write_on_a_locked_database_is_busy_and_saves_nothing(db, mode):
    """Accept, reject, skip, edit, add, undo, pick: the same outcome, nothing written."""
    path, ids, check = db
    kw: dict = {}
    asg = teams.Assignment()
    if mode == "single":
        kw["strategy"] = Strategy()
    elif mode == "overlap":
        asg = teams.save_assignment(check, "overlap", 2)  # as `review --mode overlap` does
    elif mode == "adjudicate":
        teams.judge(check, OVERLAP2, ids[0], "ann", "accept")
        teams.judge(check, OVERLAP2, ids[0], "bob", "reject")
        asg = teams.Assignment(mode="overlap", per_claim=2, adjudicate=True)
    s = session(path, "kim", asg, **kw)
    assert s.open().view.claim["id"] == ids[0]
    assert s.strategy.name == mode
    s.decide("accept" if mode != "overlap" else "reject")  # something to undo
    s.move("previous")
    before = n_decisions(check), statuses(check)
    check.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    try:
        actions = {
            "accept": lambda: s.decide("accept"),
            "reject": lambda: s.decide("reject"),
            "skip": lambda: s.decide("skip"),
            "edit": lambda: s.decide("edit", {"value": 99}),
            "add": lambda: s.add({"start": 7, "end": 9, "value": 2}),
            "undo": s.undo,
        }
        if mode == "adjudicate":
            actions["pick"] = lambda: s.pick(1)
        for name, act in actions.items():
            out = act()
            assert out.kind == "busy", (name, out)
            assert "nothing was saved" in out.message
            assert out.decision is None
    finally:
        check.execute("ROLLBACK")
    assert (n_decisions(check), statuses(check)) == before


def test_refusals_are_one_outcome_and_write_nothing(db):
    path, _ids, check = db
    s = session(path, "ann", strategy=Strategy())
    s.open()
    assert s.decide("edit", {"value": "many"}).kind == "refused"
    assert s.decide("edit", {"start": 10_000, "end": 10_002}).kind == "refused"
    assert s.pick(1).kind == "refused"
    assert s.undo().message == "Nothing to undo."
    assert n_decisions(check) == 0


# --------------------------------------------------------------------------- defect 4


def test_split_end_of_queue_never_shows_a_claim_leased_to_another(tmp_path):
    """Fewer pending claims than reviewers: r4 is not shown r1's claim; r1's second `a` is
    refused (one accept logged); r5 is not shown r1's accepted claim and cannot flip it
    silently."""
    path = tmp_path / "end.db"
    ids = build(path, 1)
    check = open_db(path)
    r1 = session(path, "r1")
    assert r1.open().view.claim["id"] == ids[0]
    r4 = session(path, "r4").open()
    assert r4.view.claim is None and "being reviewed by others" in r4.view.empty_message
    assert r1.decide("accept").kind == "done"
    again = r1.decide("accept")
    assert again.kind == "refused" and "already accepted" in again.message
    assert n_decisions(check, "accept") == 1
    r5 = session(path, "r5")
    assert r5.open().view.claim is None
    r5_view = r5.move("next").view  # browsing to it is deliberate; it shows who decided
    assert r5_view.claim["reviewer"] == "r1"
    r1.undo()  # r1 changes the claim after r5 saw it
    out = r5.decide("reject")
    assert out.kind == "refused" and "meanwhile" in out.message
    assert statuses(check) == ["pending"]
    check.close()


def test_a_decision_names_the_state_it_saw_in_every_mode(db):
    path, ids, check = db
    # split: bob saw the claim pending; ann decided it since (her lease had run out)
    ann = session(path, "ann", teams.Assignment(lease_seconds=0.0))
    bob = session(path, "bob")
    ann.open()
    bob.claim = review.get_claim(bob.conn, ids[0])  # as shown on bob's screen
    assert ann.decide("accept").kind == "done"
    out = bob.decide("reject")
    assert out.kind == "refused" and "accepted by ann meanwhile" in out.message
    assert out.view.claim["status"] == "accepted"  # the screen now shows what happened
    # overlap: the claim became final while carl looked at it
    for name in ("dan", "eve"):
        teams.judge(check, OVERLAP2, ids[1], name, "accept")
    carl = session(path, "carl", OVERLAP2)
    carl.claim = dict(review.get_claim(carl.conn, ids[1]), status="pending", reviewer=None,
                      decided_at=None)  # fmt: skip
    assert carl.decide("reject").kind == "refused"
    # adjudicate: two adjudicators on one dispute; the second pick is refused
    teams.judge(check, OVERLAP2, ids[2], "dan", "accept")
    teams.judge(check, OVERLAP2, ids[2], "eve", "reject")
    adj = teams.Assignment(mode="overlap", per_claim=2, adjudicate=True)
    lead1, lead2 = session(path, "lead1", adj), session(path, "lead2", adj)
    assert lead1.open().view.claim["id"] == ids[2] == lead2.open().view.claim["id"]
    assert isinstance(lead1.strategy, AdjudicateStrategy)
    assert lead1.pick(1).kind == "done"
    assert lead2.pick(2).kind == "refused"
    assert review.get_claim(check, ids[2])["reviewer"] == "lead1"


def test_overlap_same_verdict_twice_is_refused(db):
    path, ids, check = db
    s = session(path, "ann", OVERLAP2)
    s.open()
    s.claim = review.get_claim(s.conn, ids[0])
    assert s.decide("accept").kind == "done"
    s.claim = review.get_claim(s.conn, ids[0])
    assert s.decide("accept").kind == "refused"
    assert n_decisions(check) == 1


# --------------------------------------------------------------------------- one writer


def _claims_file(tmp_path, check, ids) -> str:
    """An export-like line deciding claim 2 (pending here) and adding one new claim."""
    claim = review.get_claim(check, ids[1])
    text = check.execute("SELECT text FROM documents").fetchone()[0]
    rec = {k: claim[k] for k in review.FACT_FIELDS}
    rec.update(doc_source="d0", status="accepted", reviewer="alice", origin="extractor")
    new = dict(rec, start=0, end=3, quantity_text=text[0:3], value=3, status="rejected")
    new.update(sentence_start=None, sentence_end=None)
    path = tmp_path / "claims.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (rec, new)), encoding="utf-8"
    )
    return str(path)


def test_imported_decisions_are_undone_like_any_other(tmp_path, db):
    """`ingest --claims` logs through the one writer: alice's undo takes both back."""
    path, ids, check = db
    file = _claims_file(tmp_path, check, ids)
    result = apply_claims(
        check, file, read_claims(check, file, Path(file).read_text(encoding="utf-8"))
    )
    assert (result.added, result.decided) == (1, 1)
    new_id = check.execute("SELECT max(id) FROM claims").fetchone()[0]
    alice = session(path, "alice")
    alice.open()
    first = alice.undo()
    assert first.kind == "done", first.message
    assert review.get_claim(check, new_id)["status"] == "pending"
    second = alice.undo()
    assert second.kind == "done", second.message
    assert review.get_claim(check, ids[1])["status"] == "pending"


def test_every_writer_logs_one_snapshot_format(tmp_path, db):
    path, ids, check = db
    s = session(path, "ann", strategy=Strategy())
    s.open()
    s.decide("accept")
    s.add({"start": 0, "end": 3, "value": 3})
    s.decide("edit", {"value": 7})  # the added claim (undoing an add leaves no row: it is gone)
    s.undo()
    teams.judge(check, OVERLAP2, ids[2], "bob", "accept")
    teams.judge(check, OVERLAP2, ids[2], "carl", "reject")
    teams.adjudicate(check, ids[2], "lead", pick="bob")
    file = _claims_file(tmp_path, check, [ids[0], ids[3]])
    apply_claims(check, file, read_claims(check, file, Path(file).read_text(encoding="utf-8")))
    rows = check.execute("SELECT action, before, after FROM decisions").fetchall()
    assert {r[0] for r in rows} >= {"accept", "edit", "add", "undo", "reject"}
    for action, before, after in rows:
        keys = set(json.loads(after)) - {"verdict"}
        assert keys == set(decisions.STATE_FIELDS), action
        if before is not None:
            assert set(json.loads(before)) == set(decisions.STATE_FIELDS), action


def test_a_group_of_decisions_is_undone_by_one_undo(db):
    path, ids, check = db
    conn = open_db(path)
    from db.connection import transaction

    with transaction(conn):
        group = decisions.new_group(conn)
    for claim_id in ids[:3]:
        review.decide(conn, claim_id, "ann", "accept", group_id=group)
    review.decide(conn, ids[3], "ann", "reject")
    teams.undo(conn, teams.Assignment(), "ann")  # the lone reject
    out = teams.undo(conn, teams.Assignment(), "ann")
    assert out is not None and out.group_size == 3
    assert statuses(check) == ["pending"] * 4
    assert teams.undo(conn, teams.Assignment(), "ann") is None


def test_one_next_claim_query_for_every_mode(db):
    """review.next_pending and teams.next_claim are the same query with a condition."""
    _path, ids, check = db
    assert review.next_pending(check)["id"] == ids[0]
    assert (
        review.next_pending(check, review.key_of(review.get_claim(check, ids[3])))["id"] == (ids[0])
    )
    row = teams.next_claim(check, teams.Assignment(), "ann", None, None, [ids[0]])
    assert row["id"] == ids[1]  # past the claim ann skipped
    nxt = teams.next_claim(check, teams.Assignment(), "bob")
    assert nxt["id"] == ids[0]
    assert teams.next_claim(check, teams.Assignment(), "cy")["id"] == ids[2]  # both held


def test_the_list_and_export_share_one_where_builder(db):
    from db.export import Filters, records

    path, _ids, check = db
    s = session(path, "ann", strategy=Strategy())
    s.open()
    s.decide("accept")
    s.decide("reject")
    for status in ("accepted", "rejected", "pending"):
        for reviewer in (None, "ann", "bob"):
            flt = review.ClaimFilter(status=status, reviewer=reviewer, doc_source="d0")
            exported = [
                r["claim_id"] for r in records(check, Filters(status, None, "d0", reviewer))
            ]
            listed = [r["id"] for r in review.rows_after(check, flt, None, 100)]
            assert exported == listed, (status, reviewer)
            assert review.count(check, flt) == len(listed)
    where, params = review.ClaimFilter(kind="count", since="2000").where(alias="c")
    assert where == "c.status != 'withdrawn' AND c.kind = ? AND c.decided_at >= ?"
    assert params == ["count", "2000"]
    where, _ = review.ClaimFilter(status="accepted").where()
    assert where == "status = ?"  # a status names the claims: no withdrawn one has it


@pytest.mark.parametrize("mode", ["single", "split", "overlap", "adjudicate"])
def test_undo_works_across_a_restart_in_every_mode(db, mode):
    """A decision made in one session is undone by a later session (a new connection)."""
    path, ids, check = db
    kw: dict = {}
    asg = teams.Assignment()
    if mode == "single":
        kw["strategy"] = Strategy()
    elif mode == "overlap":
        asg = teams.save_assignment(check, "overlap", 2)  # as `review --mode overlap` does
    elif mode == "adjudicate":
        teams.judge(check, OVERLAP2, ids[0], "ann", "accept")
        teams.judge(check, OVERLAP2, ids[0], "bob", "reject")
        asg = teams.Assignment(mode="overlap", per_claim=2, adjudicate=True)
    first = session(path, "kim", asg, **kw)
    first.open()
    out = first.pick(2) if mode == "adjudicate" else first.decide("reject")
    assert out.kind == "done"
    first.release()
    first.conn.close()
    before_verdicts = check.execute("SELECT count(*) FROM judgements").fetchone()[0]
    later = session(path, "kim", asg, **kw)
    later.open()
    undone = later.undo()
    assert undone.kind == "done", undone.message
    assert undone.decision.undone_action == "reject"
    assert later.strategy.name == mode
    assert statuses(check)[0] == "pending"
    if mode == "overlap":
        assert check.execute("SELECT count(*) FROM judgements").fetchone()[0] == before_verdicts - 1
    if mode == "adjudicate":
        assert teams.dispute_count(check) == 1
