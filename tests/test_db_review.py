"""Unit tests of db/review.py: decisions, undo, next pending, history, paging, search."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db import claimlist, review
from db.connection import open_db
from tests.conftest import ROOT
from tests.test_review_helpers import DOC2, build_review_db, claim_row, decisions

ISO_MS = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


@pytest.fixture
def db(tmp_path):
    """A review database and an open connection to it."""
    path = tmp_path / "review.db"
    info = build_review_db(path)
    conn = open_db(path)
    yield path, conn, info
    conn.close()


def test_review_module_does_not_import_textual():
    code = "import sys, db.review; print('textual' in sys.modules, 'extractor' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["False", "False"]


def test_accept_writes_state_and_decision_in_one_go(db):
    path, conn, info = db
    cid = info["ids"][0]
    d = review.decide(conn, cid, "ann", "accept")
    assert (d.action, d.status_before, d.status_after) == ("accept", "pending", "accepted")
    row = claim_row(path, cid)  # another connection sees it: committed
    assert row["status"] == "accepted" and row["reviewer"] == "ann"
    assert ISO_MS.match(row["decided_at"])
    (log,) = decisions(path)
    assert (log["claim_id"], log["reviewer"], log["action"]) == (cid, "ann", "accept")
    assert (log["status_before"], log["status_after"]) == ("pending", "accepted")
    assert json.loads(log["before"])["status"] == "pending"
    assert json.loads(log["after"])["status"] == "accepted"
    assert log["at"] == row["decided_at"]


def test_reject_and_skip(db):
    path, conn, info = db
    review.decide(conn, info["ids"][0], "ann", "reject")
    review.decide(conn, info["ids"][1], "ann", "skip")
    assert claim_row(path, info["ids"][0])["status"] == "rejected"
    skipped = claim_row(path, info["ids"][1])
    assert skipped["status"] == "pending" and skipped["reviewer"] is None
    assert [d["action"] for d in decisions(path)] == ["reject", "skip"]


def test_unknown_action_and_claim_write_nothing(db):
    path, conn, info = db
    with pytest.raises(review.ReviewError):
        review.decide(conn, info["ids"][0], "ann", "approve")
    with pytest.raises(review.ReviewError):
        review.decide(conn, 999_999, "ann", "accept")
    assert decisions(path) == []


def test_next_pending_goes_past_decided_and_skipped_then_wraps(db):
    _, conn, info = db
    ids = info["ids"]
    review.decide(conn, ids[1], "ann", "accept")
    first = review.get_claim(conn, ids[0])
    assert review.next_pending(conn, review.key_of(first))["id"] == ids[2]
    last = review.get_claim(conn, ids[-1])
    # Past the end it wraps to the start ...
    assert review.next_pending(conn, review.key_of(last))["id"] == ids[0]
    # ... but passes over claims skipped in this session while others remain.
    assert review.next_pending(conn, review.key_of(last), skipped=[ids[0]])["id"] == ids[2]
    for cid in ids:
        if cid != ids[1]:
            review.decide(conn, cid, "ann", "accept")
    assert review.next_pending(conn, review.key_of(last)) is None


def test_next_pending_respects_kind_and_document_filters(db):
    _, conn, info = db
    ids = info["ids"]
    flt = review.ClaimFilter(kind="money")
    first = review.get_claim(conn, ids[0])
    assert review.next_pending(conn, review.key_of(first), flt)["id"] == ids[3]
    flt = review.ClaimFilter(doc_id=info["docs"][1])
    assert review.next_pending(conn, review.key_of(first), flt)["id"] == ids[5]


def test_a_new_session_passes_over_the_reviewers_own_skips(db):
    from db import teams

    _, conn, info = db
    ids = info["ids"]
    review.decide(conn, ids[0], "ann", "accept")
    review.decide(conn, ids[1], "ann", "skip")
    review.decide(conn, ids[2], "ann", "skip")
    review.undo_last(conn, "ann")  # the second skip is undone: not skipped any more
    assert review.last_skipped(conn, "ann") == [ids[1]]
    assert review.last_skipped(conn, "bob") == []
    first = teams.next_claim(conn, teams.Assignment(), "ann", None, None, [ids[1]])
    assert first["id"] == ids[2]
    assert teams.next_claim(conn, teams.Assignment(), "bob")["id"] == ids[1]  # not bob's skip


def test_undo_goes_back_one_decision_at_a_time(db):
    path, conn, info = db
    ids = info["ids"]
    review.decide(conn, ids[0], "ann", "accept")
    review.decide(conn, ids[1], "ann", "reject")
    review.decide(conn, ids[2], "bob", "accept")  # someone else's: not ann's to undo
    u1 = review.undo_last(conn, "ann")
    assert (u1.claim_id, u1.undone_action, u1.status_after) == (ids[1], "reject", "pending")
    u2 = review.undo_last(conn, "ann")
    assert (u2.claim_id, u2.undone_action) == (ids[0], "accept")
    assert review.undo_last(conn, "ann") is None
    assert claim_row(path, ids[0])["status"] == "pending"
    assert claim_row(path, ids[0])["reviewer"] is None
    assert claim_row(path, ids[2])["status"] == "accepted"
    log = decisions(path)
    assert [d["action"] for d in log] == ["accept", "reject", "accept", "undo", "undo"]
    assert log[3]["undoes"] == log[1]["id"] and log[4]["undoes"] == log[0]["id"]


def test_undo_across_connections(db):
    path, conn, info = db
    review.decide(conn, info["ids"][0], "ann", "accept")
    conn.close()
    other = open_db(path)
    try:
        d = review.undo_last(other, "ann")
        assert d is not None and d.claim_id == info["ids"][0]
    finally:
        other.close()
    assert claim_row(path, info["ids"][0])["status"] == "pending"


def test_edit_keeps_the_original_and_undo_restores_every_field(db):
    path, conn, info = db
    cid = info["ids"][1]  # 超过650名
    before = claim_row(path, cid)
    review.decide(
        conn,
        cid,
        "ann",
        "edit",
        {"value": 651.0, "qualifier": ">=", "subject": "中国人保", "unit": "人"},
    )
    edited = claim_row(path, cid)
    assert (edited["status"], edited["edited"], edited["value"]) == ("accepted", 1, 651.0)
    assert edited["qualifier"] == ">=" and edited["unit"] == "人"
    original = json.loads(edited["original"])
    assert original["value"] == 650 and original["subject"] == "中国人保上海区域工协"
    # the subject span follows the edit: 中国人保 is in the sentence
    text = info["texts"][edited["doc_id"]]
    assert text[edited["subject_start"] : edited["subject_end"]] == "中国人保"
    d = review.undo_last(conn, "ann")
    assert d.undone_action == "edit"
    assert claim_row(path, cid) == before


def test_edit_validation(db):
    path, conn, info = db
    cid = info["ids"][0]
    doc_len = len(info["texts"][info["docs"][0]])
    cases = [
        ({"value": "abc"}, "value"),
        ({"qualifier": "about"}, "qualifier"),
        ({"kind": "mood"}, "kind"),
        ({"start": doc_len - 1, "end": doc_len + 5}, "start"),
        ({"start": 38, "end": 44, "quantity_text": "9999"}, "quantity_text"),
        ({"value": 5.0, "value_max": 1.0}, "value_max"),
    ]
    for changes, field in cases:
        with pytest.raises(review.ReviewError) as err:
            review.decide(conn, cid, "ann", "edit", changes)
        assert field in err.value.errors, changes
    assert decisions(path) == []
    assert claim_row(path, cid)["status"] == "pending"


def test_edit_moving_the_span_takes_the_text_from_the_offsets(db):
    path, conn, info = db
    cid = info["ids"][0]  # 1000万元 at 38..44
    review.decide(conn, cid, "ann", "edit", {"start": 38, "end": 42})
    row = claim_row(path, cid)
    assert row["quantity_text"] == "1000"
    assert row["sentence_start"] <= 38 and row["sentence_end"] >= 42


def test_add_claim_and_undo_of_add(db):
    path, conn, info = db
    d2 = info["docs"][1]
    a = DOC2.index("浦东")
    d = review.add_claim(conn, d2, {"start": a, "end": a + 2, "value": 1.0, "kind": "other"}, "ann")
    row = claim_row(path, d.claim_id)
    assert (row["origin"], row["status"], row["reviewer"]) == ("reviewer", "accepted", "ann")
    assert row["quantity_text"] == "浦东"
    assert DOC2[row["sentence_start"] : row["sentence_end"]] == "其中约三成来自浦东新区。"
    assert decisions(path)[-1]["action"] == "add"
    u = review.undo_last(conn, "ann")
    assert u.undone_action == "add" and u.status_after == "withdrawn"
    # undone, an added claim is withdrawn (issue 14: it stayed behind as rejected; then it
    # was deleted with its add decision, a hole in the append-only log)
    assert claim_row(path, d.claim_id)["status"] == "withdrawn"
    assert [x["action"] for x in decisions(path)][-2:] == ["add", "undo"]
    assert review.list_row(conn, d.claim_id) is None
    with pytest.raises(review.ReviewError, match="withdrawn"):
        review.decide(conn, d.claim_id, "ann", "accept")
    with pytest.raises(review.ReviewError):
        review.add_claim(conn, d2, {"start": 0, "end": 500, "value": 1.0}, "ann")


def test_undo_refuses_when_someone_changed_the_claim_since(db):
    path, conn, info = db
    cid = info["ids"][0]
    review.decide(conn, cid, "ann", "accept")
    review.decide(conn, cid, "bob", "reject")
    with pytest.raises(review.ReviewError, match="changed after"):
        review.undo_last(conn, "ann")
    assert claim_row(path, cid)["status"] == "rejected"


def test_history_lists_changes(db):
    _, conn, info = db
    cid = info["ids"][0]
    review.decide(conn, cid, "ann", "skip")
    review.decide(conn, cid, "ann", "edit", {"value": 2e7})
    review.undo_last(conn, "ann")
    rows = review.history(conn, cid)
    assert [r["action"] for r in rows] == ["skip", "edit", "undo"]
    assert rows[1]["changes"]["value"] == (1e7, 2e7)
    assert rows[1]["changes"]["status"] == ("pending", "accepted")
    assert rows[2]["changes"]["value"] == (2e7, 1e7)
    assert rows[2]["undoes"] == rows[1]["id"]


def test_positions_and_counts(db):
    _, conn, info = db
    ids = info["ids"]
    claim = review.get_claim(conn, ids[6])  # second claim of document 2 (of 3 claims)
    assert review.position_in_document(conn, claim) == (2, 3)
    assert review.document_ordinal(conn, claim["doc_id"]) == 2
    assert review.document_count(conn) == 3
    review.decide(conn, ids[0], "ann", "reject")
    assert review.status_counts(conn) == {"pending": 8, "accepted": 0, "rejected": 1}
    assert review.distinct_values(conn, "rule") == ["money", "test.rule"]
    assert review.count(conn, review.ClaimFilter(kind="money")) == 4


def test_next_and_previous_document(db):
    _, conn, info = db
    ids = info["ids"]
    key = review.key_of(review.get_claim(conn, ids[2]))
    assert review.next_document(conn, None, key, 1)["id"] == ids[5]
    key = review.key_of(review.get_claim(conn, ids[8]))
    assert review.next_document(conn, None, key, -1)["id"] == ids[5]
    assert review.next_document(conn, None, key, 1) is None


FILTERS = st.builds(
    review.ClaimFilter,
    status=st.sampled_from([None, "pending", "accepted", "rejected"]),
    kind=st.sampled_from([None, "money", "count", "percent"]),
    rule=st.sampled_from([None, "money", "test.rule"]),
    doc_id=st.sampled_from([None, 1, 2, 3]),
)


@pytest.fixture
def paged_db(db):
    """The review database with one claim accepted and one rejected."""
    _, conn, info = db
    review.decide(conn, info["ids"][1], "ann", "accept")
    review.decide(conn, info["ids"][6], "ann", "reject")
    return db


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(flt=FILTERS, offset=st.integers(0, 9), limit=st.integers(1, 4), data=st.data())
def test_paging_agrees_with_the_full_sorted_list(paged_db, flt, offset, limit, data):
    """page / rows_after / rows_before / count_before / count_between against a plain sort."""
    _, conn, _ = paged_db
    flt = review.plan_filter(conn, flt)
    everything = sorted((dict(r) for r in conn.execute("SELECT * FROM claims")), key=review.key_of)
    where = [
        c
        for c in everything
        if all(
            getattr(flt, f) is None or c[col] == getattr(flt, f)
            for f, col in (("status", "status"), ("kind", "kind"), ("rule", "rule"),
                           ("doc_id", "doc_id"))
        )
    ]  # fmt: skip
    ids = [c["id"] for c in where]
    assert review.count(conn, flt) == len(ids)
    assert [r["id"] for r in review.page(conn, flt, offset, limit)] == ids[offset : offset + limit]
    a = data.draw(st.sampled_from(everything))
    b = data.draw(st.sampled_from(everything))
    ka, kb = review.key_of(a), review.key_of(b)
    index = lambda k: sum(1 for c in where if review.key_of(c) < k)  # noqa: E731
    assert review.count_before(conn, flt, ka) == index(ka)
    assert review.count_between(conn, flt, ka, kb) == index(kb) - index(ka)
    after = [c["id"] for c in where if review.key_of(c) > ka][:limit]
    before = [c["id"] for c in where if review.key_of(c) < ka][-limit:]
    assert [r["id"] for r in review.rows_after(conn, flt, ka, limit)] == after
    assert [r["id"] for r in review.rows_before(conn, flt, ka, limit)] == before
    assert review.matches(conn, flt, ka) == (a["id"] in ids)


def test_plan_filter_chooses_an_index(db, monkeypatch):
    _, conn, _ = db
    assert review.plan_filter(conn, review.ClaimFilter(status="pending")).index == "claims_status"
    assert review.plan_filter(conn, review.ClaimFilter(doc_id=2)).index == "claims_doc"
    assert review.plan_filter(conn, review.ClaimFilter(kind="money")).index == "claims_kind"
    monkeypatch.setattr(claimlist, "_SCAN_THRESHOLD", 2)
    assert review.plan_filter(conn, review.ClaimFilter(kind="money")).index == "claims_doc"


@pytest.mark.parametrize(
    ("query", "where", "expected_doc"),
    [
        ("浦", "text", 2),  # one character: LIKE on the text
        ("浦东", "text", 2),  # two characters: LIKE
        ("浦东新", "text", 2),  # three: the FTS5 trigram index
        ("财险", "subject", 1),  # a claim field, two characters
        ("解决率", "predicate", 1),  # a claim field, three characters
        ("650名", "quantity_text", 1),
        ("财报", "title", 3),  # only in the title
    ],
)
def test_search(db, query, where, expected_doc):
    _, conn, info = db
    hits = review.search(conn, query)
    found = [h for h in hits if h["where"] == where and h["doc_id"] == expected_doc]
    assert found, hits
    hit = found[0]
    claim = review.get_claim(conn, hit["claim_id"])
    assert claim["doc_id"] == expected_doc
    if where == "text":
        assert query in hit["snippet"]
        # the claim jumped to is the one whose sentence holds the match
        text = info["texts"][expected_doc]
        pos = text.index(query)
        assert claim["sentence_start"] <= pos < claim["sentence_end"]


def test_search_escapes_like_wildcards(db):
    _, conn, _ = db
    # % and _ are literal: the seed article has "%" (近90%) but no "_".
    percent = review.search(conn, "%")
    assert percent and all("%" in h["snippet"] for h in percent)
    assert review.search(conn, "_") == []
    assert review.search(conn, "   ") == []
