"""Reviewed values as alternatives (``db/reviewed.py``): what a reviewer set on a document's
claims is offered, as a pick, on its other claims — merged, queried, and picked in the app
through ``make_app``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from db import alternatives, reviewed
from db import review as review_api
from db.connection import open_db
from tests.test_alternatives import at, build_picks_db, open_app, session
from tests.test_review_helpers import claim_row, decisions
from tui.app import make_app
from tui.widgets.claim_card import ClaimCard


def entry(text: str, score: float | None = 0.5) -> dict[str, Any]:
    return {"text": text, "start": None, "end": None, "score": score}


RANKED = [entry(t, s) for t, s in (("甲", 0.4), ("乙", 0.3), ("丙", 0.2), ("丁", 0.1))]


@pytest.mark.parametrize(
    ("raw", "new", "want"),
    [
        # after the extractor's first three, nearest first
        (json.dumps({"subject": RANKED}), {"subject": [entry("戊", None), entry("己", None)]},
         ["甲", "乙", "丙", "戊", "己", "丁"]),
        # a value it already lists is not repeated
        (json.dumps({"subject": RANKED}), {"subject": [entry("乙", None), entry("戊", None)]},
         ["甲", "乙", "丙", "戊", "丁"]),
        # no options at all, bad JSON, a wrong shape: the reviewed values alone
        (None, {"subject": [entry("戊", None)]}, ["戊"]),
        ("{not json", {"subject": [entry("戊", None)]}, ["戊"]),
        ("[1, 2]", {"subject": [entry("戊", None)]}, ["戊"]),
    ],
)  # fmt: skip
def test_merge_inserts_reviewed_values_after_the_first_options(raw, new, want):
    merged = json.loads(reviewed.merge(raw, new))
    assert [e["text"] for e in merged["subject"]] == want


def test_merge_keeps_other_fields_and_returns_the_column_when_nothing_is_new():
    raw = json.dumps({"subject": RANKED[:1], "time": [entry("3月")]})
    assert reviewed.merge(raw, {}) is raw
    assert reviewed.merge(raw, {"subject": []}) is raw
    merged = json.loads(reviewed.merge(raw, {"predicate": [entry("投入", None)]}))
    assert merged["time"] == [entry("3月")] and merged["subject"] == RANKED[:1]
    assert merged["predicate"] == [entry("投入", None)]


def test_values_are_the_nearest_edited_or_added_accepted_claims(tmp_path):
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    conn = open_db(path)
    assert reviewed.values(conn, 1, ids[2], 0) == {}  # nothing reviewed yet
    # accepted unchanged: not a value a reviewer gave; rejected: not a value at all
    review_api.decide(conn, ids[0], "ann", "accept")
    review_api.decide(conn, ids[2], "ann", "reject")
    assert reviewed.values(conn, 1, ids[1], 0) == {}
    review_api.decide(conn, ids[1], "ann", "edit", {"subject": "甲公司"})
    doc = claim_row(path, ids[1])["doc_id"]
    got = reviewed.values(conn, doc, ids[0], claim_row(path, ids[0])["start"])
    a, b = at("甲公司")
    assert got["subject"] == [{"text": "甲公司", "start": a, "end": b, "score": None}]
    assert [v["text"] for v in got["predicate"]] == ["投入"]  # a value the reviewer accepted
    assert reviewed.values(conn, doc, ids[1], 0) == {}  # never the claim's own
    # an added claim counts (origin reviewer, accepted, not edited)
    a, b = at("3月")
    added = {"start": a, "end": b, "value": 3.0, "unit": "月", "subject": "丁银行风险部",
             "predicate": "提供"}  # fmt: skip
    review_api.add_claim(conn, doc, added, "ann")
    got = reviewed.values(conn, doc, ids[2], claim_row(path, ids[2])["start"])
    assert [v["text"] for v in got["subject"]] == ["丁银行风险部", "甲公司"]
    conn.close()


def test_values_are_nearest_first_and_distinct(tmp_path):
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    conn = open_db(path)
    review_api.decide(conn, ids[0], "ann", "edit", {"subject": "甲公司"})
    review_api.decide(conn, ids[2], "ann", "edit", {"subject": "丙集团"})
    doc = claim_row(path, ids[0])["doc_id"]
    near_last = reviewed.values(conn, doc, ids[1], claim_row(path, ids[2])["start"])
    assert [v["text"] for v in near_last["subject"]] == ["丙集团", "甲公司"]
    near_first = reviewed.values(conn, doc, ids[1], 0)
    assert [v["text"] for v in near_first["subject"]] == ["甲公司", "丙集团"]
    review_api.decide(conn, ids[1], "ann", "edit", {"subject": "甲公司"})
    got = reviewed.values(conn, doc, 0, 0)
    assert [v["text"] for v in got["subject"]] == ["甲公司", "丙集团"]  # distinct
    conn.close()


def test_the_session_offers_a_reviewed_value_and_a_pick_takes_it(tmp_path):
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    s = session(path)
    s.open()
    # the form's edit of claim 1: a subject written nowhere as such in the text
    out = s.decide("edit", {"subject": "甲公司与乙市政府"})
    assert out.ok and out.view.claim["id"] == ids[1]
    doc = out.view.doc["text"]
    alts = alternatives.parse(out.view.claim["alternatives"], doc)
    assert [o.text for o in alts["subject"]] == ["甲公司", "甲公司与乙市政府"]
    n = [o.text for o in alternatives.options(alts, out.view.claim, "subject")].index(
        "甲公司与乙市政府"
    )
    out = s.pick_alternative("subject", n + 1)
    assert out.ok, out.message
    row = claim_row(path, ids[1])
    assert (row["subject"], row["status"]) == ("甲公司与乙市政府", "accepted")
    assert json.loads(row["alternatives"])["subject"] == [
        {"text": "甲公司", "start": at("甲公司")[0], "end": at("甲公司")[1], "score": 0.2}
    ]  # the stored column is the extractor's, unchanged
    assert json.loads(decisions(path)[-1]["after"])["picked"]["text"] == "甲公司与乙市政府"


async def test_the_card_lists_a_reviewed_value_and_its_digit_picks_it(tmp_path):
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    conn = open_db(path)
    review_api.decide(conn, ids[0], "ann", "edit", {"subject": "甲公司与乙市政府"})
    conn.close()
    # Without suggestions: with them the reviewed value is the subject shown (test_feedback).
    app = make_app(str(path), reviewer="ann", suggest=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        assert screen.claim["id"] == ids[1]
        while app.screen.query_one(ClaimCard).picks.field != "subject":
            await pilot.press("right_square_bracket")
        options = [o.text for o in app.screen.query_one(ClaimCard).picks.options]
        assert options == ["甲公司", "甲公司与乙市政府"]
        await pilot.press("2")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]  # moved on
        # the last claim (its stored alternatives are bad JSON) offers both reviewed subjects
        while app.screen.query_one(ClaimCard).picks.field != "subject":
            await pilot.press("right_square_bracket")
        options = [o.text for o in app.screen.query_one(ClaimCard).picks.options]
        assert options == ["甲公司与乙市政府"]
    row = claim_row(path, ids[1])
    assert (row["subject"], row["status"], row["edited"]) == ("甲公司与乙市政府", "accepted", 1)


def test_a_reviewed_time_is_offered_and_a_pick_normalises_it(tmp_path):
    # A time the reviewer set on one claim is offered on its neighbour, whose time the
    # extractor left empty; a pick takes it with the normalised time, the stored column unchanged.
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    s = session(path)
    s.open()
    out = s.decide("edit", {"time_text": "本季度"})  # written nowhere: no offsets
    assert out.ok and out.view.claim["id"] == ids[1]
    view = out.view.claim
    assert view["time_text"] == ""
    alts = alternatives.parse(view["alternatives"], out.view.doc["text"])
    assert [o.text for o in alts["time"]] == ["截至4月21日", "本季度"]
    shown = [o.text for o in alternatives.options(alts, view, "time")]
    out = s.pick_alternative("time", shown.index("本季度") + 1)
    assert out.ok, out.message
    row = claim_row(path, ids[1])
    assert (row["time_text"], row["time"], row["status"]) == (
        "本季度",
        "norm(本季度|2022-05-01)",
        "accepted",
    )
    assert json.loads(row["alternatives"])["time"] == [
        {"text": "截至4月21日", "start": at("截至4月21日")[0], "end": at("截至4月21日")[1],
         "score": 0.9}
    ]  # fmt: skip


def test_fill_empty_leaves_the_time_of_an_added_claim_alone(tmp_path):
    # An added claim takes an empty subject or predicate from its neighbour, never its time:
    # an added claim with no time may have none.
    path = tmp_path / "r.db"
    ids = build_picks_db(path)
    conn = open_db(path)
    review_api.decide(conn, ids[0], "ann", "edit", {"time_text": "本季度"})
    doc = claim_row(path, ids[0])["doc_id"]
    filled = reviewed.fill_empty(conn, doc, {"start": 0, "subject": "", "predicate": "",
                                             "time_text": ""})  # fmt: skip
    assert (filled["subject"], filled["predicate"], filled["time_text"]) == ("乙市政府", "捐资", "")
    assert reviewed.values(conn, doc, ids[1], 0)["time"][0]["text"] == "本季度"
    conn.close()
