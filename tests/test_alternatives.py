"""Alternatives and picks (issue 14): db/alternatives.py, ReviewSession.pick_alternative, and
the review app's `[`/`]` and `1`…`9` keys driven through ``tui.app.make_app``.

Every test has its own database (``build_picks_db``: one document, three claims with stored
alternatives, good and bad); what was committed is read through a second connection.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from db import alternatives, teams
from db import decisions as decisions_log
from db.connection import open_db, transaction
from db.session import ReviewSession, Strategy
from tests.test_review_helpers import claim_row, decisions
from tui.app import make_app
from tui.screens.review import REVIEW_BINDINGS, ReviewScreen
from tui.widgets.claim_card import ClaimCard
from tui.widgets.claim_list import ClaimList
from tui.widgets.document_view import DocumentView

S1 = "4月26日，甲公司向乙市政府捐资1000万元。"
S2 = "截至4月21日，丙集团已投入650名员工。"
S3 = "3月，丁银行提供71亿元风险保障。"
TEXT = S1 + S2 + S3


def at(text: str, after: int = 0) -> tuple[int, int]:
    i = TEXT.index(text, after)
    return i, i + len(text)


def opt(text: str, score: float | None, after: int = 0, **kw: Any) -> dict[str, Any]:
    """A stored alternative at the first place ``text`` is written (at or after ``after``)."""
    a, b = at(text, after)
    return {"text": text, "start": a, "end": b, "score": score, **kw}


#: Claim 1: the subject is wrong (乙市政府) and the extractor was unsure (margin 0.05).
ALT1 = {
    "subject": [opt("乙市政府", 0.5), opt("甲公司", 0.45), opt("丁银行", 0.1)],
    "predicate": [opt("投入", 0.2)],
}
#: Claim 2: no time chosen, a likely one before it (margin 0.1): the focus starts on time.
ALT2 = {
    "subject": [opt("甲公司", 0.2)],
    "time": [opt("截至4月21日", 0.9)],
}


def build_picks_db(path: Path, alt3: Any = "{not json") -> list[int]:
    """One document, three pending claims; the third's alternatives are ``alt3`` (stored as
    given: bad JSON by default)."""
    conn = open_db(path)
    ids = []
    specs = [
        ("1000万元", 1e7, "元", "money", "乙市政府", "捐资", "4月26日", "2022-04-26", ALT1),
        ("650名", 650, "名", "count", "丙集团", "投入", "", "", ALT2),
        ("71亿元", 7.1e9, "元", "money", "丁银行", "提供", "3月", "2022-03", alt3),
    ]
    with transaction(conn):
        doc = conn.execute(
            "INSERT INTO documents (source, title, text, sha256, date, ingested_at)"
            " VALUES ('news/a.txt', '新闻', ?, 'x', '2022-05-01', 't')",
            (TEXT,),
        ).lastrowid
        for quantity, value, unit, kind, subj, pred, time_text, time, alts in specs:
            a, b = at(quantity)
            s0 = max(TEXT.rfind("。", 0, a) + 1, 0)
            s1 = TEXT.index("。", b) + 1
            spans: dict[str, Any] = {}
            for name, v in (("subject", subj), ("predicate", pred), ("time", time_text)):
                if v:
                    spans[f"{name}_start"], spans[f"{name}_end"] = at(v, s0)
            raw = alts if isinstance(alts, str) or alts is None else json.dumps(alts)
            fields = dict(
                doc_id=doc, quantity_text=quantity, start=a, end=b, sentence_start=s0,
                sentence_end=s1, value=value, unit=unit, qualifier="=", kind=kind,
                subject=subj, predicate=pred, object="", time_text=time_text, time=time,
                confidence=0.6, rule="test", extractor_version="t", created_at="t",
                alternatives=raw, **spans,
            )  # fmt: skip
            cols = ", ".join(f'"{c}"' for c in fields)
            ids.append(
                conn.execute(
                    f"INSERT INTO claims ({cols}) VALUES ({', '.join('?' * len(fields))})",
                    list(fields.values()),
                ).lastrowid
            )
    conn.close()
    return ids


@pytest.fixture
def picks_db(tmp_path):
    path = tmp_path / "picks.db"
    return path, build_picks_db(path)


def session(path: Path, reviewer: str = "ann", **kw: Any) -> ReviewSession:
    conn = open_db(path, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 20")
    s = ReviewSession(conn, reviewer, teams.Assignment(), strategy=kw.pop("strategy", Strategy()))
    s.normalise_time = lambda text, date: f"norm({text}|{date})"
    return s


# --------------------------------------------------------------------------- parsing


def claim(**kw: Any) -> dict[str, Any]:
    base = {"subject": "乙市政府", "predicate": "捐资", "time_text": "", "object": "",
            "unit": "元", "kind": "money"}  # fmt: skip
    return {**base, **kw}


@pytest.mark.parametrize(
    "raw",
    [None, "", "{not json", "[1, 2]", "null", '"text"', "42", '{"subject": "甲公司"}',
     '{"subject": {"text": "甲公司"}}', "[" * 100_000],
)  # fmt: skip
def test_bad_alternatives_are_dropped_never_raised(raw):
    assert alternatives.parse(raw, TEXT) == {}
    assert alternatives.focus_field({}, claim()) == "subject"


def test_bad_entries_are_dropped_and_bad_offsets_lose_their_offsets():
    a, b = at("甲公司")
    raw = json.dumps(
        {
            "subject": [
                "甲公司",  # not an object
                {"start": a, "end": b},  # no text
                {"text": "  ", "score": 0.9},  # blank
                {"text": 5},  # not text
                {"text": "甲公司", "start": a, "end": b, "score": 0.4},
                {"text": "甲公司", "start": a, "end": b, "score": 0.3},  # repeated
                {"text": "丙集团", "start": a, "end": b, "score": "high"},  # offsets elsewhere
                {"text": "丁银行", "start": -3, "end": 2},  # outside the text
                {"text": "新公司", "start": 0, "end": 10**9},
                {"text": "真值", "start": True, "end": 2},
            ],
            "kind": [{"text": "money"}, {"text": "nonsense"}],
            "colour": [{"text": "red"}],
            "time": "4月",
        },
        ensure_ascii=False,
    )
    alts = alternatives.parse(raw, TEXT)
    assert set(alts) == {"subject", "kind"}
    subj = alts["subject"]
    assert [(o.text, o.start, o.end, o.score) for o in subj] == [
        ("甲公司", a, b, 0.4),
        ("丙集团", None, None, None),
        ("丁银行", None, None, None),
        ("新公司", None, None, None),
        ("真值", None, None, None),
    ]
    assert [o.rank for o in subj] == [5, 7, 8, 9, 10]
    assert [o.text for o in alts["kind"]] == ["money"]
    # NaN and infinite scores are no scores
    nan = alternatives.parse('{"object": [{"text": "员工", "score": NaN}]}', TEXT)
    assert nan["object"][0].score is None


def test_options_leave_out_the_current_value_and_stop_at_nine():
    many = {"subject": [{"text": f"公司{i}", "score": 0.5 - i / 100} for i in range(12)]}
    alts = alternatives.parse(json.dumps(many), TEXT)
    shown = alternatives.options(alts, claim(subject="公司0"), "subject")
    assert [o.text for o in shown] == [f"公司{i}" for i in range(1, 10)]
    assert alternatives.options(alts, claim(), "predicate") == []


def test_focus_is_the_field_with_the_lowest_margin():
    alts = alternatives.parse(json.dumps(ALT1), TEXT)
    c = claim()
    assert alternatives.margin(alts, c, "subject") == pytest.approx(0.05)  # 0.5 chosen − 0.45
    assert alternatives.margin(alts, c, "predicate") == pytest.approx(0.8)  # unknown chosen: 1
    assert alternatives.margin(alts, c, "time") is None
    assert alternatives.focus_field(alts, c) == "subject"
    # an empty field is a choice like any other: its runner-up's score decides
    alts2 = alternatives.parse(json.dumps(ALT2), TEXT)
    assert alternatives.margin(alts2, claim(subject="丙集团"), "time") == pytest.approx(0.1)
    assert alternatives.focus_field(alts2, claim(subject="丙集团")) == "time"
    low = {"time": [{"text": "3月", "score": 0.1}], "object": [{"text": "员工", "score": 0.3}]}
    assert alternatives.focus_field(alternatives.parse(json.dumps(low), TEXT), claim()) == (
        "object"
    )
    # once the runner-up is the current value, the field has nothing left to offer
    assert alternatives.margin(alts2, claim(time_text="截至4月21日"), "time") is None


@pytest.mark.parametrize(
    ("original", "want"),
    [
        (None, "subject"),  # never edited: the lowest margin (the picked 甲公司's, −0.05)
        ({"subject": "乙市政府"}, "predicate"),  # the subject was picked: the next doubtful
        ({"subject": "甲公司", "predicate": "捐资"}, "subject"),  # unchanged: not settled
        ({"subject": "乙市政府", "predicate": "捐出"}, "time"),  # both set: the first left
        ("{not json", "subject"),
        ('["乙市政府"]', "subject"),
    ],
)
def test_focus_skips_the_fields_a_reviewer_has_set(original, want):
    """Back on a claim after a pick moved on (``b``), the focus goes to the field most likely
    wrong among those the reviewer has not set yet."""
    alts = alternatives.parse(json.dumps(ALT1), TEXT)
    raw = json.dumps(original, ensure_ascii=False) if isinstance(original, dict) else original
    assert alternatives.focus_field(alts, claim(subject="甲公司", original=raw)) == want


#: Options of four fields for the row of all fields (texts only; no offsets needed here).
MIXED = {
    "subject": [{"text": t, "score": 0.5} for t in ("甲公司", "丙集团", "丁银行")],
    "predicate": [{"text": t, "score": 0.4} for t in ("投入", "提供")],
    "time": [{"text": "", "score": 0.3}, {"text": "3月", "score": 0.2}],
    "object": [{"text": "员工", "score": 0.1}],
}


@pytest.mark.parametrize(
    ("fields", "now", "want"),
    [
        # in turns: each field's first option, then each one's second, … ("" is "no time",
        # offered while the claim has a time); the object stays on its own list (OFF_ROW)
        (MIXED, {}, [("subject", "甲公司"), ("predicate", "投入"), ("time", ""),
                     ("subject", "丙集团"), ("predicate", "提供"),
                     ("time", "3月"), ("subject", "丁银行")]),
        # a field a reviewer has set (the subject, to 甲公司) leaves the row to the others
        (MIXED, {"subject": "甲公司", "original": '{"subject": "乙市政府"}'},
         [("predicate", "投入"), ("time", ""), ("predicate", "提供"), ("time", "3月")]),
        # every field set: all of them again
        ({"subject": MIXED["subject"][:2]},
         {"subject": "甲公司", "predicate": "投入", "time_text": "", "object": "员工",
          "original": '{"subject": "乙", "predicate": "捐", "time_text": "4月", "object": "钱"}'},
         [("subject", "丙集团")]),
        # nine at most
        ({"subject": [{"text": f"主体{i}"} for i in range(12)]}, {},
         [("subject", f"主体{i}") for i in range(9)]),
    ],
)  # fmt: skip
def test_the_row_of_all_fields_takes_the_fields_in_turns(fields, now, want):
    alts = alternatives.parse(json.dumps(fields, ensure_ascii=False), TEXT)
    row = claim(**{"time_text": "4月", **now})
    got = [(o.field, o.text) for o in alternatives.mixed(alts, row)]
    assert got == want
    assert alternatives.shown_options(alts, row, alternatives.ALL) == alternatives.mixed(alts, row)
    picked = alternatives.pick(alts, row, alternatives.ALL, len(got))
    assert (picked.field, picked.text) == got[-1]
    with pytest.raises(alternatives.ReviewError, match="all fields has no option"):
        alternatives.pick(alts, row, alternatives.ALL, len(got) + 1)


async def test_one_digit_picks_the_predicate_from_the_row_of_all_fields(picks_db):
    """Claim 1's row: 1 甲公司 (subject), 2 投入 (predicate), 3 丁银行 (subject): ``2`` fixes
    the predicate with one key, saved as an edit, and the screen moves on."""
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        assert "all fields:  subject 1甲公司  3丁银行  predicate 2投入" in card_text(app)
        await pilot.press("2")
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
    row = claim_row(path, ids[0])
    assert (row["predicate"], row["subject"], row["status"], row["edited"]) == (
        "投入", "乙市政府", "accepted", 1,
    )  # fmt: skip
    assert (row["predicate_start"], row["predicate_end"]) == at("投入")
    (d,) = decisions(path)
    picked = json.loads(d["after"])["picked"]
    assert (picked["field"], picked["option"], picked["row"], picked["digit"]) == (
        "predicate", 1, "all", 2,
    )  # fmt: skip
    assert alternatives.describe_pick(picked) == "picked predicate 2 of all fields (投入)"


def test_walk_adds_unit_and_kind_only_when_they_have_options():
    alts = alternatives.parse(json.dumps({"kind": [{"text": "count", "score": 0.6}]}), TEXT)
    assert alternatives.walk(alts) == ["subject", "predicate", "time", "object", "kind"]
    assert alternatives.walk({}) == ["subject", "predicate", "time", "object"]
    # The ring of [ ]: the row of all fields, then each field, the qualifier last.
    assert alternatives.ring(alts) == [
        "all", "subject", "predicate", "time", "object", "kind", "qualifier",
    ]  # fmt: skip
    assert alternatives.step(alts, "kind", 1) == "qualifier"
    assert alternatives.step(alts, "qualifier", 1) == "all"
    assert alternatives.step(alts, "all", 1) == "subject"
    assert alternatives.step(alts, "subject", -1) == "all"
    assert alternatives.step(alts, "all", -1) == "qualifier"
    assert alternatives.step({}, "kind", 1) == "subject"  # not walked: from the start
    assert alternatives.focus_field(alts, claim()) == "kind"  # margin 0.4


def test_pick_changes_carry_offsets_and_the_normalised_time():
    alts = alternatives.parse(json.dumps(ALT2), TEXT)
    option = alternatives.pick(alts, claim(subject="丙集团"), "time", 1)
    a, b = at("截至4月21日")
    changes = alternatives.pick_changes(
        option, normalise_time=lambda t, d: f"{d}:{t}", doc_date="2022-05-01"
    )
    assert changes == {
        "time_text": "截至4月21日",
        "time": "2022-05-01:截至4月21日",
        "time_start": a,
        "time_end": b,
    }
    # without a normaliser the old normalised time is not kept (it described another text)
    assert alternatives.pick_changes(option)["time"] == ""
    with pytest.raises(alternatives.ReviewError, match="time has no option 2"):
        alternatives.pick(alts, claim(), "time", 2)
    with pytest.raises(alternatives.ReviewError, match="no option 1"):
        alternatives.pick(alts, claim(), "object", 1)
    with pytest.raises(alternatives.ReviewError, match="no field"):
        alternatives.pick(alts, claim(), "colour", 1)
    assert alternatives.describe_pick({"field": "time", "option": 1, "text": "3月"}) == (
        "picked time option 1 (3月)"
    )
    assert alternatives.describe_pick(None) == alternatives.describe_pick([1]) == ""
    # From the row of all fields the reviewer pressed the row's digit, not the option's
    # number in its field's list: the message names the key pressed.
    row_pick = {"field": "subject", "option": 4, "text": "乙集团", "row": "all", "digit": 8}
    assert alternatives.describe_pick(row_pick) == "picked subject 8 of all fields (乙集团)"


# --------------------------------------------------------------------------- the session


def test_pick_saves_an_edit_with_offsets_and_moves_to_the_next_pending(picks_db):
    path, ids = picks_db
    s = session(path)
    assert s.open().view.claim["id"] == ids[0]
    out = s.pick_alternative("subject", 1)
    assert out.kind == "done", out.message
    assert "picked subject option 1 (甲公司)" in out.message
    assert out.view.claim["id"] == ids[1]  # moved on
    row = claim_row(path, ids[0])
    a, b = at("甲公司")
    assert (row["status"], row["edited"], row["subject"]) == ("accepted", 1, "甲公司")
    assert (row["subject_start"], row["subject_end"]) == (a, b)
    assert (row["predicate"], row["time_text"], row["time"]) == ("捐资", "4月26日", "2022-04-26")
    assert (row["time_start"], row["time_end"]) == at("4月26日")
    assert json.loads(row["original"])["subject"] == "乙市政府"
    (d,) = decisions(path)
    assert (d["action"], d["reviewer"]) == ("edit", "ann")
    picked = json.loads(d["after"])["picked"]
    assert picked == {"field": "subject", "option": 1, "text": "甲公司", "start": a, "end": b,
                      "score": 0.45, "rank": 2}  # fmt: skip
    # time: the text, its offsets and the normalised time together
    out = s.pick_alternative("time", 1)
    assert out.kind == "done" and out.view.claim["id"] == ids[2]
    row = claim_row(path, ids[1])
    assert (row["time_text"], row["time"]) == ("截至4月21日", "norm(截至4月21日|2022-05-01)")
    assert (row["time_start"], row["time_end"]) == at("截至4月21日")
    # history names the pick; undo takes it back like any edit
    hist = decisions_log.history(s.conn, ids[1])
    assert alternatives.describe_pick(hist[-1]["picked"]) == "picked time option 1 (截至4月21日)"
    assert s.undo().ok
    row = claim_row(path, ids[1])
    assert (row["status"], row["time_text"], row["time"], row["edited"]) == ("pending", "", "", 0)


def test_a_pick_that_stays_commits_and_accept_then_goes_on_writing_nothing(picks_db):
    path, ids = picks_db
    s = session(path)
    s.open()
    out = s.pick_alternative("subject", 1, stay=True)
    assert out.ok, out.message
    assert "picked subject option 1 (甲公司)" in out.message and "Enter goes on" in out.message
    assert out.view.claim["id"] == ids[0] and s.stayed == ids[0]  # still on it, as saved
    assert out.view.claim["subject"] == "甲公司"
    row = claim_row(path, ids[0])
    assert (row["status"], row["edited"], row["subject"]) == ("accepted", 1, "甲公司")
    # a second field of the same claim, still without leaving it
    assert s.pick_alternative("subject", 9, stay=True).kind == "refused"  # no such option
    assert s.stayed == ids[0]  # a refusal keeps it: still on the claim as saved
    out = s.pick_alternative("predicate", 1, stay=True)
    assert out.ok and out.view.claim["id"] == ids[0]
    assert claim_row(path, ids[0])["predicate"] == "投入"
    assert len(decisions(path)) == 2
    # accept on it: the next pending claim, no third decision (the edits accepted it)
    out = s.decide("accept")
    assert out.ok and out.decision is None and out.view.claim["id"] == ids[1]
    assert len(decisions(path)) == 2 and s.stayed is None
    # back on an accepted claim by a move, accept is refused as before (never a second row)
    s.move("previous")
    out = s.decide("accept")
    assert out.kind == "refused" and "already accepted" in out.message
    assert len(decisions(path)) == 2
    # undo takes the last pick back, field by field
    assert s.undo().ok
    row = claim_row(path, ids[0])
    assert (row["subject"], row["predicate"], row["status"]) == ("甲公司", "捐资", "accepted")


def test_a_staying_pick_with_no_such_option_is_refused_and_stays_unmarked(picks_db):
    path, ids = picks_db
    s = session(path)
    s.open()
    out = s.pick_alternative("subject", 7, stay=True)
    assert out.kind == "refused" and s.stayed is None
    out = s.decide("accept")  # a plain accept: written, moves on
    assert out.ok and out.decision is not None and out.view.claim["id"] == ids[1]


def test_a_pick_with_no_such_option_is_refused_and_writes_nothing(picks_db):
    path, ids = picks_db
    s = session(path)
    s.open()
    for field, n in (("subject", 3), ("object", 1), ("time", 1), ("colour", 1)):
        out = s.pick_alternative(field, n)
        assert out.kind == "refused", (field, n)
        assert "nothing saved" in out.message or "no field" in out.message
        assert out.view.claim["id"] == ids[0]  # stays
    s.move("next")
    s.move("next")  # claim 3: bad JSON, no options at all
    out = s.pick_alternative("subject", 1)
    assert out.kind == "refused" and "subject has no option 1" in out.message
    assert decisions(path) == []
    assert claim_row(path, ids[2])["status"] == "pending"


def test_a_pick_on_a_locked_database_is_busy_and_saves_nothing(picks_db):
    path, ids = picks_db
    s = session(path)
    s.open()
    blocker = open_db(path)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        out = s.pick_alternative("subject", 1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert out.kind == "busy" and "nothing was saved" in out.message
    assert out.decision is None
    assert decisions(path) == []
    assert claim_row(path, ids[0])["subject"] == "乙市政府"
    assert s.claim["id"] == ids[0]  # the screen stays; the key works once the lock is gone
    assert s.pick_alternative("subject", 1).ok


def test_every_edit_moves_on_like_an_accept(picks_db):
    path, ids = picks_db
    s = session(path)
    s.open()
    out = s.decide("edit", {"value": 2e7})
    assert out.ok and out.view.claim["id"] == ids[1]
    assert "edited and accepted" in out.message
    assert claim_row(path, ids[0])["value"] == 2e7


def test_overlap_pick_is_a_verdict_and_moves_on(picks_db):
    path, ids = picks_db
    check = open_db(path)
    asg = teams.save_assignment(check, "overlap", 2)
    conn = open_db(path, check_same_thread=False)
    s = ReviewSession(conn, "ann", asg)
    assert s.strategy.name == "overlap"
    s.open()
    out = s.pick_alternative("subject", 1)
    assert out.ok, out.message
    assert "Your edit of claim" in out.message
    assert out.view.claim["id"] == ids[1]
    verdict = check.execute("SELECT fields FROM judgements WHERE claim_id = ?", (ids[0],))
    assert json.loads(verdict.fetchone()[0])["subject"] == "甲公司"
    (d,) = decisions(path)
    assert json.loads(d["after"])["picked"]["text"] == "甲公司"
    assert claim_row(path, ids[0])["status"] == "pending"  # one verdict of two
    check.close()


# --------------------------------------------------------------------------- the app


def card(app) -> ClaimCard:
    return app.screen.query_one(ClaimCard)


async def open_app(app, pilot, focus: type = ClaimList) -> ReviewScreen:
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    screen.query_one(focus).focus()
    await pilot.pause()
    return screen


@pytest.mark.parametrize("focus", [ClaimList, DocumentView])
async def test_keys_move_the_field_and_pick_an_option(picks_db, focus):
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot, focus)
        assert screen.claim["id"] == ids[0]
        picks = card(app).picks
        assert picks is not None and picks.field == "all"  # every field's first options
        assert [(o.field, o.text) for o in picks.options] == [
            ("subject", "甲公司"), ("predicate", "投入"), ("subject", "丁银行"),
        ]  # fmt: skip
        await pilot.press("right_square_bracket")
        assert card(app).picks.field == "subject"
        assert [o.text for o in card(app).picks.options] == ["甲公司", "丁银行"]
        await pilot.press("right_square_bracket")
        assert card(app).picks.field == "predicate"
        assert [o.text for o in card(app).picks.options] == ["投入"]
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        assert card(app).picks.field == "qualifier"  # wraps: the last stop
        await pilot.press("left_square_bracket")
        assert card(app).picks.field == "object"
        await pilot.press(*["right_square_bracket"] * 3)
        assert card(app).picks.field == "subject"
        await pilot.press("2")
        await pilot.pause()
        assert screen.claim["id"] == ids[1]  # moved on to the next pending claim
        assert card(app).picks.field == "all"  # a new claim starts on the row of all fields
        # (claim 1's reviewed subject, predicate and time are offered too: db/reviewed.py)
        fields = [o.field for o in card(app).picks.options]
        assert fields == ["subject", "predicate", "time", "subject", "time"]
        assert card(app).picks.options[-1].text == "4月26日"  # claim 1's, after the extractor's
        await pilot.press("3")  # the time's first option, one key
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
    first, second = claim_row(path, ids[0]), claim_row(path, ids[1])
    assert (first["subject"], first["status"], first["edited"]) == ("丁银行", "accepted", 1)
    assert (first["subject_start"], first["subject_end"]) == at("丁银行")
    assert (second["time_text"], second["time"]) == ("截至4月21日", "../2022-04-21")
    assert (second["time_start"], second["time_end"]) == at("截至4月21日")
    rows = decisions(path)
    assert [(d["claim_id"], d["action"]) for d in rows] == [(ids[0], "edit"), (ids[1], "edit")]
    # numbered as in the field's own list; a pick from the row of all fields keeps its digit
    assert [json.loads(d["after"])["picked"]["option"] for d in rows] == [2, 1]
    assert [json.loads(d["after"])["picked"].get("row") for d in rows] == [None, "all"]
    assert [json.loads(d["after"])["picked"].get("digit") for d in rows] == [None, 3]


@pytest.mark.parametrize("go_on", ["enter", "a"])
async def test_alt_digit_picks_and_stays_with_the_focus_on_the_next_field(picks_db, go_on):
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        assert card(app).picks.field == "all"
        await pilot.press("alt+3")  # the subject's second option in the row of all fields
        await pilot.pause()
        assert screen.claim["id"] == ids[0]  # stayed
        assert screen.claim["subject"] == "丁银行"  # the card shows what was saved
        assert card(app).picks.field == "all"  # the row now holds the fields no one has set
        # ... each under the digit it had: the subject's digits are gaps, the predicate keeps 2,
        # so keys planned from the first screen (Alt+3, then 2) pick what it showed.
        shown = [(o.field, o.text) if o else None for o in card(app).picks.options]
        assert shown == [None, ("predicate", "投入")]
        await pilot.press("alt+1")  # a gap: refused, nothing saved
        await pilot.pause()
        assert screen.claim["id"] == ids[0] and screen.claim["predicate"] != "投入"
        await pilot.press("alt+2")
        await pilot.pause()
        assert screen.claim["id"] == ids[0] and screen.claim["predicate"] == "投入"
        await pilot.press(go_on)
        await pilot.pause()
        assert screen.claim["id"] == ids[1]  # Enter went on
    row = claim_row(path, ids[0])
    assert (row["subject"], row["predicate"], row["status"]) == ("丁银行", "投入", "accepted")
    assert (row["subject_start"], row["predicate_start"]) == (at("丁银行")[0], at("投入")[0])
    rows = decisions(path)
    assert [(d["claim_id"], d["action"]) for d in rows] == [(ids[0], "edit"), (ids[0], "edit")]
    assert [json.loads(d["after"])["picked"]["field"] for d in rows] == ["subject", "predicate"]
    assert json.loads(claim_row(path, ids[1])["original"] or "null") is None  # untouched


def test_each_alt_digit_binding_takes_what_an_esc_prefix_terminal_sends():
    """xterm, tmux and most Linux terminals send Alt+2 as ESC 2, which Textual reads as
    macOS's Option+2 character (``trade_mark_sign``), not as ``alt+2``: each pick-and-stay
    binding holds the key Textual's own parser makes of ESC N."""
    from textual._xterm_parser import XTermParser

    from tui.keymap import ALT_DIGIT_KEYS
    from tui.screens.review import REVIEW_BINDINGS

    by_id = {b.id: {k.strip() for k in b.key.split(",")} for b in REVIEW_BINDINGS}
    for n in range(1, 10):
        [event] = [e for e in XTermParser().feed(f"\x1b{n}") if hasattr(e, "key")]
        assert event.key == ALT_DIGIT_KEYS[f"alt+{n}"]
        assert {f"alt+{n}", event.key} <= by_id[f"review.pick_stay{n}"]


async def test_alt_digit_from_an_esc_prefix_terminal_picks_and_stays(picks_db):
    from textual._xterm_parser import XTermParser

    path, ids = picks_db
    [key] = [e.key for e in XTermParser().feed("\x1b2") if hasattr(e, "key")]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("right_square_bracket")
        assert card(app).picks.field == "subject"
        await pilot.press(key)
        await pilot.pause()
        assert screen.claim["id"] == ids[0]  # stayed
        assert screen.claim["subject"] == "丁银行"
        assert [o.field if o else None for o in card(app).picks.options] == [None, "predicate"]
    assert claim_row(path, ids[0])["subject"] == "丁银行"
    assert [(d["claim_id"], d["action"]) for d in decisions(path)] == [(ids[0], "edit")]


async def test_alt_digit_without_such_an_option_says_so_and_writes_nothing(picks_db):
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("alt+9")
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
        assert any("no option 9" in str(n.message) for n in app._notifications)
    assert decisions(path) == []


def card_text(app) -> str:
    from tests.test_review_app import screen_text

    return screen_text(app)


async def test_card_lists_the_options_numbered_as_text(tmp_path):
    path = tmp_path / "markup.db"
    ids = build_picks_db(path)
    conn = open_db(path)
    with transaction(conn):
        markup = {"subject": [{"text": "[bold]甲[/bold]\x1b]2;x\x07", "score": 0.9}]}
        conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?",
                     (json.dumps(markup), ids[0]))  # fmt: skip
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_app(app, pilot)
        shown = card_text(app)
        assert "pick 1…9" in shown
        assert "all fields:  subject 1[bold]甲[/bold]␛]2;x␇" in shown
        await pilot.press("right_square_bracket")
        assert "subject:  1[bold]甲[/bold]␛]2;x␇" in card_text(app)
        await pilot.press("right_square_bracket")
        assert "predicate:  no alternatives" in card_text(app)


async def test_no_option_is_refused_with_a_message_and_nothing_written(picks_db):
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("9")
        await pilot.pause()
        assert screen.claim["id"] == ids[0]
        assert any("all fields has no option 9" in n.message for n in app._notifications)
        await pilot.press("j", "j")  # claim 3: bad JSON, no picks row, nothing to pick
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        assert card(app).picks is None
        await pilot.press("1")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
    assert decisions(path) == []


async def test_a_pick_on_a_locked_database_shows_busy_and_saves_nothing(picks_db):
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        app.conn.execute("PRAGMA busy_timeout = 20")
        blocker = open_db(path)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("1")
            await pilot.pause()
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert screen.claim["id"] == ids[0]
        assert any("busy" in n.message for n in app._notifications)
        assert decisions(path) == []
        await pilot.press("1")
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
    assert claim_row(path, ids[0])["subject"] == "甲公司"


async def test_adjudication_keeps_digits_for_versions(tmp_path):
    path = tmp_path / "adj.db"
    ids = build_picks_db(path)
    check = open_db(path)
    asg = teams.Assignment(mode="overlap", per_claim=2)
    teams.judge(check, asg, ids[0], "ann", "accept")
    teams.judge(check, asg, ids[0], "bob", "edit", {"subject": "丙集团"})
    app = make_app(str(path), "lead", adjudicate=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.claim["id"] == ids[0]
        await pilot.press("alt+2")  # not a subject's option either: says so, writes nothing
        await pilot.pause()
        assert app.screen.claim["id"] == ids[0] and decisions(path)[-1]["reviewer"] == "bob"
        await pilot.press("2")  # bob's version, not the subject's option 2
        await pilot.pause()
    row = claim_row(path, ids[0])
    assert (row["status"], row["subject"], row["reviewer"]) == ("accepted", "丙集团", "lead")
    last = decisions(path)[-1]
    assert last["mode"] == "adjudicate" and "picked" not in json.loads(last["after"])
    check.close()


async def test_help_and_palette_list_the_field_and_pick_keys(picks_db):
    path, _ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        rows = {r[3]: r[0] for r in screen.help_rows()}
        assert rows["review.field_next"] == "]"
        assert rows["review.field_previous"] == "["
        assert rows["review.pick1"] == "1…9"  # one entry in the footer
        assert [rows[f"review.pick{n}"] for n in range(2, 10)] == [str(n) for n in range(2, 10)]
        from tui.app import ReviewCommands

        titles = [t for t, _h, _c in ReviewCommands(screen)._commands()]
        wanted = {"review: next field", "review: prev field", "review: pick", "review: pick 9"}
        assert wanted <= set(titles)
        footer = card_text(app).splitlines()[-1]
        assert "1…9 Pick" in footer
        assert rows["review.pick_stay1"] == "Alt+1…9"
        assert [rows[f"review.pick_stay{n}"] for n in range(2, 10)] == [
            f"alt+{n}" for n in range(2, 10)
        ]
        assert {"review: pick, stay", "review: pick 9, stay"} <= set(titles)
    ids = {b.id for b in REVIEW_BINDINGS}
    assert {"review.field_previous", "review.field_next"} <= ids


# --------------------------------------------------------------------------- the edit form


@pytest.mark.parametrize("key", ["e", "f2"])
async def test_edit_form_opens_on_the_likeliest_wrong_field_and_saving_moves_on(picks_db, key):
    from textual.widgets import Input

    from tui.screens.edit import ClaimForm

    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("j", key)  # claim 2: time has the lowest margin
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert isinstance(app.focused, Input) and app.focused.id == "f-time_text"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("k", key)  # claim 1: the subject
        await pilot.pause()
        assert app.focused.id == "f-subject"
        app.focused.value = "甲公司"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.claim["id"] == ids[1]  # moved on
        await pilot.press("j")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        await pilot.press(key)  # claim 3: bad JSON, no alternatives: the subject
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm) and app.focused.id == "f-subject"
    row = claim_row(path, ids[0])
    assert (row["subject"], row["status"], row["edited"]) == ("甲公司", "accepted", 1)
    assert (row["subject_start"], row["subject_end"]) == at("甲公司")
    (d,) = decisions(path)
    assert "picked" not in json.loads(d["after"])  # typed, not picked


# --------------------------------------------------------------------------- export, history


def test_export_carries_the_alternatives_in_original_and_the_pick_in_history(picks_db, tmp_path):
    from click.testing import CliRunner

    from db.claims_import import apply_claims, read_claims
    from db.export import Filters, records
    from tui.cli import cli

    path, ids = picks_db
    s = session(path)
    s.open()
    assert s.pick_alternative("subject", 2).ok  # claim 1: 丁银行
    assert s.decide("accept").ok  # claim 2: accepted as proposed
    assert s.decide("edit", {"value": 8e9}).ok  # claim 3: typed; its alternatives are bad JSON
    check = open_db(path)
    recs = {r["claim_id"]: r for r in records(check, Filters(status="any"), history=True)}
    first = recs[ids[0]]
    assert first["subject"] == "丁银行" and first["original"]["subject"] == "乙市政府"
    a, b = at("甲公司")
    assert first["original"]["alternatives"]["subject"][:2] == [
        {"text": "乙市政府", "start": at("乙市政府")[0], "end": at("乙市政府")[1], "score": 0.5},
        {"text": "甲公司", "start": a, "end": b, "score": 0.45},
    ]
    assert first["original"]["alternatives"]["predicate"][0]["text"] == "投入"
    picked = first["history"][-1]["after"]["picked"]
    assert (picked["field"], picked["option"], picked["text"]) == ("subject", 2, "丁银行")
    assert recs[ids[1]]["original"] is None  # not edited: the proposal is the record itself
    assert "alternatives" not in recs[ids[2]]["original"]  # bad JSON is left out
    assert all("_alternatives" not in r for r in recs.values())
    # the export, read back by `ingest --claims` into a copy, keeps the edit
    out = CliRunner().invoke(cli, ["export", "--db", str(path), "--status", "any"])
    assert out.exit_code == 0, out.output
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert next(x for x in lines if x["claim_id"] == ids[0])["original"]["alternatives"]
    other = tmp_path / "copy.db"
    build_picks_db(other)
    conn = open_db(other)
    result = apply_claims(conn, "x.jsonl", read_claims(conn, "x.jsonl", out.output))
    assert result is not None
    row = conn.execute("SELECT subject, status FROM claims WHERE id = ?", (ids[0],)).fetchone()
    assert tuple(row) == ("丁银行", "accepted")
    conn.close()
    check.close()


@pytest.mark.parametrize("size", [(160, 40), (60, 20)])
async def test_history_panel_says_which_option_was_picked(picks_db, size):
    """At 60×20 too (forty-first session: the six columns pushed "changes" off the panel;
    the decision's number, action, status, reviewer and time share one column there)."""
    from tui.screens.panels import HistoryScreen

    path, _ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        await open_app(app, pilot)
        await pilot.press("right_square_bracket", "2", "k", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = card_text(app)
    assert "changes" in text and "edit" in text
    assert "picked subject option 2" in text and "丁银行" in text


def test_unit_and_kind_picks_are_plain_edits(tmp_path):
    path = tmp_path / "unit.db"
    extra = {"unit": [{"text": "美元", "score": 0.7}], "kind": [{"text": "count", "score": 0.2}]}
    ids = build_picks_db(path, alt3=json.dumps(extra, ensure_ascii=False))
    s = session(path)
    s.open()
    s.move("next")
    s.move("next")
    assert s.claim["id"] == ids[2]
    alts = alternatives.parse(s.claim["alternatives"], TEXT)
    assert alternatives.walk(alts)[-2:] == ["unit", "kind"]
    assert alternatives.focus_field(alts, s.claim) == "unit"  # margin 0.3 < 0.8
    assert s.pick_alternative("unit", 1).ok
    row = claim_row(path, ids[2])
    assert (row["unit"], row["kind"], row["status"]) == ("美元", "money", "accepted")
    assert s.claim["id"] == ids[0]  # moved on: the next pending claim, wrapping
    assert s.goto(ids[2]).ok  # back on claim 3 (decided): kind can still be picked
    assert s.pick_alternative("kind", 1).ok
    assert claim_row(path, ids[2])["kind"] == "count"
    picks = [json.loads(d["after"])["picked"]["field"] for d in decisions(path)]
    assert picks == ["unit", "kind"]


def test_a_pick_that_stays_leaves_every_other_option_under_the_digit_it_had():
    """Alt+digit on the row of all fields sets a field and stays: the row then drops that
    field's options but keeps the others' digits (gaps where the set field's were), so keys
    planned from the first screen pick what it showed."""
    alts = alternatives.parse(json.dumps(MIXED, ensure_ascii=False), TEXT)
    first = claim(id=7, time_text="4月")
    row0 = [(o.field, o.text) for o in alternatives.mixed(alts, first)]
    assert row0[:5] == [("subject", "甲公司"), ("predicate", "投入"), ("time", ""),
                        ("subject", "丙集团"), ("predicate", "提供")]  # fmt: skip
    # The subject set to 丙集团 (digit 4) while staying on the claim.
    now = claim(id=7, time_text="4月", subject="丙集团", original='{"subject": "乙市政府"}')
    row = alternatives.kept_row(alts, first, alts, now)
    assert row is not None
    # The subject's third option (丁银行, digit 7) was last: no gap is kept after it.
    assert [(o.field, o.text) if o else None for o in row] == [
        None, ("predicate", "投入"), ("time", ""), None, ("predicate", "提供"), ("time", "3月"),
    ]  # fmt: skip
    picked = alternatives.pick(alts, now, alternatives.ALL, 5, row)
    assert (picked.field, picked.text) == ("predicate", "提供")  # digit 5 as first shown
    with pytest.raises(alternatives.ReviewError, match="option 4 of the row of all fields"):
        alternatives.pick(alts, now, alternatives.ALL, 4, row)
    # Without it (the claim shown afresh later) the row closes up, as before.
    assert [o.field for o in alternatives.mixed(alts, now)][:2] == ["predicate", "time"]
    # Another claim, or nothing set since it came on screen: nothing kept.
    assert alternatives.kept_row(alts, first, alts, {**now, "id": 8}) is None
    assert alternatives.kept_row(alts, first, alts, first) is None


def test_the_kept_row_shows_what_the_first_screen_showed_even_if_the_lists_change():
    """The suggestions re-rank a pending claim's time; once a pick saves the claim its lists
    are the stored ones again. The options the first screen showed keep their digits."""
    shown = dict(MIXED, time=[{"text": "3月", "score": 0.6}, {"text": "", "score": 0.3}])
    first_alts = alternatives.parse(json.dumps(shown, ensure_ascii=False), TEXT)
    alts = alternatives.parse(json.dumps(MIXED, ensure_ascii=False), TEXT)
    first = claim(id=7, time_text="4月")
    now = claim(id=7, time_text="4月", subject="丙集团", original='{"subject": "乙市政府"}')
    row = alternatives.kept_row(first_alts, first, alts, now)
    assert row is not None
    assert [(o.field, o.text) if o else None for o in row] == [
        None, ("predicate", "投入"), ("time", "3月"), None, ("predicate", "提供"), ("time", ""),
    ]  # fmt: skip


def test_the_gaps_of_a_field_just_set_take_the_other_fields_next_options():
    raw = {
        "subject": [{"text": t, "score": 0.5} for t in ("甲公司", "丙集团", "丁银行")],
        "predicate": [{"text": f"动词{i}", "score": 0.4} for i in range(1, 9)],
    }
    alts = alternatives.parse(json.dumps(raw, ensure_ascii=False), TEXT)
    first = claim(id=3)
    assert [o.text for o in alternatives.mixed(alts, first)] == [
        "甲公司", "动词1", "丙集团", "动词2", "丁银行", "动词3", "动词4", "动词5", "动词6",
    ]  # fmt: skip
    now = claim(id=3, subject="丙集团", original='{"subject": "乙市政府"}')
    row = alternatives.kept_row(alts, first, alts, now)
    assert row is not None
    # 动词1-6 keep digits 2, 4, 6-9; the subject's digits 1, 3 take 动词7, 动词8; 5 stays a gap.
    assert [o.text if o else None for o in row] == [
        "动词7", "动词1", "动词8", "动词2", None, "动词3", "动词4", "动词5", "动词6",
    ]  # fmt: skip


def test_unit_joins_the_row_of_all_fields_a_turn_late():
    # A rate's other unit (元/平方米 of 元) is a convention: the subject's second option keeps
    # digit 4, the unit comes after it; alone on the row it is 1.
    raw = {
        "subject": [opt("甲公司", 0.4), opt("丁银行", 0.1)],
        "predicate": [opt("投入", 0.2)],
        "time": [opt("4月26日", 0.3)],
        "unit": [{"text": "元/平方米", "start": None, "end": None, "score": None}],
    }
    alts = alternatives.parse(json.dumps(raw, ensure_ascii=False), TEXT)
    row = [(o.field, o.text) for o in alternatives.mixed(alts, claim())]
    assert row == [
        ("subject", "甲公司"),
        ("predicate", "投入"),
        ("time", "4月26日"),
        ("subject", "丁银行"),
        ("unit", "元/平方米"),
    ]
    alone = alternatives.parse(json.dumps({"unit": raw["unit"]}, ensure_ascii=False), TEXT)
    assert [o.text for o in alternatives.mixed(alone, claim())] == ["元/平方米"]


async def test_unit_focus_marks_the_quantity_row(tmp_path):
    path = tmp_path / "unit.db"
    ids = build_picks_db(path, alt3=json.dumps({"unit": [{"text": "美元", "score": 0.7}]}))
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        assert card(app).picks.field == "all"
        assert "all fields:  unit 1美元" in card_text(app)
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert card(app).picks.field == "unit"  # before the qualifier (kind has no options)
        assert "unit:  1美元" in card_text(app)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert card(app).picks.field == "all"  # wraps


# --------------------------------------------------------------------------- "no time"


@pytest.mark.parametrize(
    ("field", "entry", "kept"),
    [
        ("time", {"text": "", "start": None, "end": None, "score": 0.6}, True),
        ("time", {"text": "", "start": 3, "end": 3, "score": 0.6}, True),  # offsets dropped
        ("time", {"text": "  ", "score": 0.6}, False),  # blank is not empty
        ("subject", {"text": "", "score": 0.6}, False),
        ("predicate", {"text": "", "score": 0.6}, False),
        ("object", {"text": "", "score": 0.6}, False),
        ("unit", {"text": "", "score": 0.6}, False),
    ],
)
def test_only_time_has_an_empty_option(field, entry, kept):
    alts = alternatives.parse(json.dumps({field: [entry]}), TEXT)
    assert bool(alts) is kept
    if kept:
        (o,) = alts[field]
        assert (o.text, o.start, o.end, alternatives.shown(o)) == ("", None, None, "no time")
        # offered while the claim has a time, not once it has none
        assert alternatives.options(alts, claim(time_text="3月"), "time") == [o]
        assert alternatives.options(alts, claim(time_text=""), "time") == []


def test_picking_no_time_empties_the_time_and_its_normalised_form():
    alts = alternatives.parse(json.dumps({"time": [{"text": "", "score": 0.6}]}), TEXT)
    option = alternatives.pick(alts, claim(time_text="3月"), "time", 1)

    def never(text: str, date: str | None) -> str:
        raise AssertionError("an empty time is not normalised")

    changes = alternatives.pick_changes(option, normalise_time=never, doc_date="2022-05-01")
    assert changes == {"time_text": "", "time": "", "time_start": None, "time_end": None}
    record = alternatives.pick_record(option, 1)
    assert alternatives.describe_pick(record) == "picked time option 1 (no time)"


async def test_no_time_is_shown_and_picked_with_one_key(tmp_path):
    path = tmp_path / "notime.db"
    raw = {"time": [{"text": "", "start": None, "end": None, "score": 0.6}, opt("4月26日", 0.1)]}
    ids = build_picks_db(path, alt3=json.dumps(raw, ensure_ascii=False))
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        assert card(app).picks.field == "all"
        assert "all fields:  time 1no time  24月26日" in card_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert screen.claim["id"] != ids[2]  # moved on
    row = claim_row(path, ids[2])
    assert (row["time_text"], row["time"], row["time_start"], row["time_end"]) == (
        "", "", None, None,
    )  # fmt: skip
    assert (row["status"], row["edited"]) == ("accepted", 1)
    (d,) = decisions(path)
    assert alternatives.describe_pick(json.loads(d["after"])["picked"]) == (
        "picked time 1 of all fields (no time)"
    )


# --------------------------------------------------------------------------- nine on a small screen


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_nine_options_and_the_sentence_fit_a_small_screen(tmp_path, size):
    path = tmp_path / "nine.db"
    ids = build_picks_db(path)
    names = ["甲公司", "乙市政府", "丙集团", "丁银行", "员工", "风险保障", "新公司", "某基金"]
    names.append("市场")
    conn = open_db(path)
    with transaction(conn):
        raw = {"subject": [{"text": n, "score": 0.5 - i / 100} for i, n in enumerate(names)]}
        conn.execute("UPDATE claims SET alternatives = ? WHERE id = ?",
                     (json.dumps(raw, ensure_ascii=False), ids[0]))  # fmt: skip
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=size) as pilot:
        screen = await open_app(app, pilot)
        assert screen.claim["id"] == ids[0]
        shown = card_text(app).replace("│", "").replace(" ", "").replace("\n", "")
        # every option, numbered; the current subject (乙市政府) left out
        expected = [n for n in names if n != "乙市政府"]
        # (the row of all fields: the subject's options, then the predicate's first)
        assert "subject" + "".join(f"{i}{n}" for i, n in enumerate(expected[:8], 1)) in shown
        await pilot.press("right_square_bracket")
        shown = card_text(app).replace("│", "").replace(" ", "").replace("\n", "")
        assert "pick1…9subject:" + "".join(f"{i}{n}" for i, n in enumerate(expected, 1)) in shown
        assert S1.replace(" ", "") in shown  # the claim's sentence stays on screen
        await pilot.press(str(len(expected)))
        await pilot.pause()
    assert claim_row(path, ids[0])["subject"] == expected[-1]


@pytest.mark.parametrize(
    ("qualifier", "options"),
    [
        ("=", ["~", ">", ">=", "<", "<="]),
        (">", ["=", "~", ">=", "<", "<="]),
        ("", ["~", ">", ">=", "<", "<="]),
    ],
)
def test_the_qualifier_offers_every_other_qualifier_in_a_fixed_order(qualifier, options):
    alts = alternatives.parse(json.dumps(ALT1, ensure_ascii=False), TEXT)
    row = claim(qualifier=qualifier)
    assert [o.text for o in alternatives.options(alts, row, "qualifier")] == options
    assert "qualifier" not in {o.field for o in alternatives.mixed(alts, row)}
    assert alternatives.focus_field(alts, row) != "qualifier"
    option = alternatives.pick(alts, row, "qualifier", 3)
    assert alternatives.pick_changes(option) == {"qualifier": options[2]}


async def test_bracket_then_a_digit_sets_the_qualifier(picks_db):
    """``[`` from the row of all fields is the qualifier: ``[`` ``5`` makes 1000万元 ``<=``
    (an edit, accepted, the screen moves on) — no form, no typing."""
    path, ids = picks_db
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("left_square_bracket")
        assert card(app).picks.field == "qualifier"
        assert "qualifier:  1~  2>  3>=  4<  5<=" in card_text(app)
        await pilot.press("5")
        await pilot.pause()
        assert screen.claim["id"] == ids[1]
    row = claim_row(path, ids[0])
    assert (row["qualifier"], row["status"], row["edited"]) == ("<=", "accepted", 1)
    assert (row["value"], row["subject"]) == (1e7, "乙市政府")  # nothing else changed
    (d,) = decisions(path)
    assert alternatives.describe_pick(json.loads(d["after"])["picked"]) == (
        "picked qualifier option 5 (<=)"
    )


def test_a_claim_with_no_single_value_takes_picks_and_keeps_its_empty_value(picks_db):
    """A fraction in words has no single value (GUIDELINE: 1/2.3 -> null): picking its subject
    saves the pick with the value still empty; an edit that empties a value is refused."""
    path, ids = picks_db
    conn = open_db(path)
    with transaction(conn):
        conn.execute("UPDATE claims SET value = NULL WHERE id = ?", (ids[0],))
    conn.close()
    s = session(path)
    assert s.open().view.claim["id"] == ids[0]
    out = s.pick_alternative("subject", 1)
    assert out.kind == "done", out.message
    row = claim_row(path, ids[0])
    assert (row["status"], row["subject"], row["value"]) == ("accepted", "甲公司", None)
    # a value the reviewer empties is still refused, and nothing is written
    assert s.goto(ids[1]).ok
    out = s.decide("edit", {"value": None})
    assert not out.ok and "value must be a number" in out.message
    assert claim_row(path, ids[1])["value"] == 650
    assert len(decisions(path)) == 1


async def test_the_object_stays_off_the_row_so_its_digit_picks_a_graded_field(tmp_path):
    """Claim 3's row without the object: 1 甲公司, 2 投入, 3 乙市政府, 4 丙集团 (before, 4 was
    the object's 员工): ``4`` saves the subject 丙集团; the object keeps its own list (``]``
    four times) and its value."""
    alt3 = {
        "subject": [opt("甲公司", 0.4), opt("乙市政府", 0.3), opt("丙集团", 0.2)],
        "predicate": [opt("投入", 0.3)],
        "object": [opt("员工", 0.5)],
    }
    path = tmp_path / "picks.db"
    ids = build_picks_db(path, alt3)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_app(app, pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        assert screen.claim["id"] == ids[2]
        text = card_text(app)
        assert "subject 1甲公司  3乙市政府  4丙集团  predicate 2投入" in text
        assert "员工" not in text
        await pilot.press("]", "]", "]", "]")
        await pilot.pause()
        assert card(app).picks.field == "object" and "1员工" in card_text(app)
        await pilot.press("[", "[", "[", "[", "4")
        await pilot.pause()
    row = claim_row(path, ids[2])
    assert (row["subject"], row["object"], row["status"]) == ("丙集团", "", "accepted")
    assert (row["subject_start"], row["subject_end"]) == at("丙集团")
    (d,) = decisions(path)
    picked = json.loads(d["after"])["picked"]
    assert (picked["field"], picked["option"], picked["row"], picked["digit"]) == (
        "subject", 3, "all", 4,
    )  # fmt: skip


# --------------------------------------------------------------------------- value readings


@pytest.mark.parametrize(
    ("entry", "kept"),
    [
        ({"text": "33.333333 %", "value": 100 / 3, "unit": "%", "kind": "percent"}, True),
        ({"text": "2.5", "value": 2.5, "unit": "", "kind": "other"}, True),
        ({"text": "33.333333 %", "unit": "%", "kind": "percent"}, False),  # no value
        ({"text": "33.333333 %", "value": "33", "unit": "%", "kind": "percent"}, False),
        ({"text": "x", "value": float("nan"), "unit": "%", "kind": "percent"}, False),
        ({"text": "33 %", "value": 33, "unit": 5, "kind": "percent"}, False),  # unit not text
        ({"text": "33 %", "value": 33, "unit": "%", "kind": "share"}, False),  # unknown kind
    ],
)
def test_a_value_option_needs_a_whole_valid_reading(entry, kept):
    alts = alternatives.parse(json.dumps({"value": [entry]}), TEXT)
    assert bool(alts) is kept
    if kept:
        (o,) = alts["value"]
        assert o.reading == (float(entry["value"]), entry["unit"], entry["kind"])
        assert o.to_json()["value"] == entry["value"]


def test_a_value_pick_sets_value_unit_and_kind_together():
    raw = {"value": [{"text": "33.333333 %", "value": 100 / 3, "unit": "%", "kind": "percent"}]}
    alts = alternatives.parse(json.dumps(raw), TEXT)
    assert alternatives.walk(alts)[-1] == "value"
    (o,) = alternatives.options(alts, claim(value=None, unit="%"), "value")
    assert alternatives.pick_changes(o) == {
        "value": 100 / 3,
        "value_max": None,
        "unit": "%",
        "kind": "percent",
    }


def test_only_the_pick_number_is_in_reverse_video():
    """Forty-first session: the number's reverse video was the whole item's base style, so
    option 6, 4月26日, read as one "64月26日" block; the number alone is set apart now."""
    from db.alternatives import Option
    from tui.widgets.claim_card import pick_option

    item = pick_option(6, Option("time", "4月26日", None, None, 0.5, 6))
    assert item.plain == "64月26日"
    assert not item.style
    number = [s for s in item.spans if s.start == 0 and s.end == 1]
    assert number and "reverse" in str(number[0].style)
    assert all("reverse" not in str(s.style) for s in item.spans if s.end > 1)
    long = Option("subject", "中国人民保险集团股份有限公司", None, None, None, 3)
    cut = pick_option(3, long, cells=7)
    assert cut.plain.startswith("3") and "…" in cut.plain and not cut.style
