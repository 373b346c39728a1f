"""Regression tests for the bugs listed in issue 14 (each failed before its fix).

Two of the listed bugs were already fixed on ``main`` with their tests, and are not repeated
here: the document panel scrolling to the claim on open, in ``--adjudicate`` and in ``serve``
(``tests/test_review_layout.py::test_document_scrolls_to_the_claim_*``), and search labels
running into the next column (``test_search_hit_columns_never_run_together``,
``test_search_result_labels_are_separated_on_screen``).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator

from click.testing import CliRunner
from textual.app import App
from textual.widgets import Input

from db import review, teams
from db.connection import open_db
from db.session import ReviewSession, Strategy
from db.stats import compute
from tests.conftest import notified
from tests.test_review_app import screen_text
from tests.test_review_helpers import DOC2, build_review_db, claim_row, decisions, polls
from tui.app import make_app
from tui.cli import cli
from tui.screens.edit import ClaimForm
from tui.screens.panels import NameScreen, proposal_summary
from tui.screens.review import ReviewScreen
from tui.timefix import renormalised


def notes(app) -> list[str]:
    return notified(app)  # raised during the test, shown or timed out


def export_ids(path, *args: str) -> list[int]:
    result = CliRunner().invoke(cli, ["export", "--db", str(path), *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line)["claim_id"] for line in result.output.splitlines()]


# --------------------------------------------------------------------------- time_text


def test_editing_time_text_never_keeps_the_old_normalised_time(tmp_path):
    path = tmp_path / "t.db"
    info = build_review_db(path)
    cid = info["ids"][1]  # 超过650名, time_text 目前
    conn = open_db(path)
    conn.execute("UPDATE claims SET time = 'PRESENT_REF' WHERE id = ?", (cid,))
    conn.commit()
    claim = review.get_claim(conn, cid)
    form = {f: claim[f] for f in review.FACT_FIELDS}  # the form sends every field
    review.decide(conn, cid, "ann", "edit", {**form, "time_text": "4月26日"})
    assert claim_row(path, cid)["time"] == ""  # never the stale PRESENT_REF
    # a time the reviewer types with it is kept
    other = info["ids"][0]
    claim = review.get_claim(conn, other)
    form = {f: claim[f] for f in review.FACT_FIELDS}
    review.decide(conn, other, "ann", "edit", {**form, "time_text": "4月", "time": "2022-04"})
    assert claim_row(path, other)["time"] == "2022-04"
    conn.close()


def test_the_app_renormalises_a_new_time_text():
    claim = {"time_text": "目前", "time": "PRESENT_REF"}
    out = renormalised({"time_text": "截至４月21日", "time": "PRESENT_REF"}, claim, "2022-04-27")
    assert out["time"] == "../2022-04-21"
    assert (
        renormalised({"time_text": "4月26日", "time": "PRESENT_REF"}, claim, None)["time"]
        == "XXXX-04-26"
    )
    # a time the reviewer typed, or an unchanged time_text, stays as given
    assert renormalised({"time_text": "4月", "time": "2022-04"}, claim, None)["time"] == "2022-04"
    same = {"time_text": "目前", "time": "PRESENT_REF"}
    assert renormalised(same, claim, "2022-04-27") == same
    assert renormalised({"time_text": ""}, claim, None)["time"] == ""


async def test_editing_time_text_in_the_app_saves_the_new_time(tmp_path):
    path = tmp_path / "t.db"
    info = build_review_db(path)
    cid = info["ids"][1]
    conn = open_db(path)
    conn.execute("UPDATE claims SET time = 'PRESENT_REF' WHERE id = ?", (cid,))
    conn.commit()
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.claim["id"] == cid
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ClaimForm)
        app.screen.query_one("#f-time_text", Input).value = "4月26日"
        await pilot.press("ctrl+s")
        await pilot.pause()
    row = claim_row(path, cid)
    assert (row["time_text"], row["time"]) == ("4月26日", "XXXX-04-26")


# --------------------------------------------------------------------------- overlap verdict


def test_overlap_shows_the_reviewers_own_edited_verdict(tmp_path):
    path = tmp_path / "o.db"
    info = build_review_db(path)
    cid = info["ids"][0]
    conn = open_db(path)
    asg = teams.save_assignment(conn, "overlap", 2)
    s = ReviewSession(conn, "ann", asg)
    s.open()
    assert s.claim["id"] == cid
    out = s.decide("edit", {"subject": "中国人保"})
    assert out.ok
    view = s.goto(cid).view  # back on it (the screen may have moved on)
    assert view.claim["status"] == "pending"  # still waiting for bob
    assert view.claim["subject"] == "中国人保"  # but ann sees her own verdict
    assert view.own_verdict is not None and view.own_verdict["status"] == "accepted"
    text = info["texts"][view.claim["doc_id"]]
    assert text[view.claim["subject_start"] : view.claim["subject_end"]] == "中国人保"
    # accepting it again keeps her edit (refused, nothing written)
    refused = s.decide("accept")
    assert refused.kind == "refused"
    [verdict] = teams.versions(conn, cid)
    assert verdict["fields"]["subject"] == "中国人保"
    # bob sees the extractor's proposal, not ann's verdict
    bob = ReviewSession(open_db(path), "bob", asg)
    assert bob.goto(cid).view.claim["subject"] == "中国人民保险集团股份有限公司"
    conn.close()


async def test_overlap_screen_says_it_is_your_verdict(tmp_path):
    path = tmp_path / "o.db"
    info = build_review_db(path)
    app = make_app(str(path), reviewer="ann", mode="overlap", per_claim=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-subject", Input).value = "中国人保"
        await pilot.press("ctrl+s")
        await pilot.pause()
        if screen.claim["id"] != info["ids"][0]:  # moved on after the edit: come back
            await pilot.press("k")
            await pilot.pause()
        assert screen.claim["id"] == info["ids"][0]
        shown = screen_text(app)
        assert "your verdict: accepted" in shown and "中国人保" in shown


# --------------------------------------------------------------------------- export --reviewer


def test_export_reviewer_includes_claims_decided_by_consensus(tmp_path):
    path = tmp_path / "c.db"
    info = build_review_db(path)
    conn = open_db(path)
    asg = teams.save_assignment(conn, "overlap", 2)
    agreed, alone = info["ids"][0], info["ids"][1]
    teams.judge(conn, asg, agreed, "ann", "accept")
    teams.judge(conn, asg, agreed, "bob", "accept")
    assert review.get_claim(conn, agreed)["reviewer"] == "ann+bob"
    review.decide(conn, alone, "ann", "accept")
    review.decide(conn, info["ids"][2], "carol", "accept")
    conn.close()
    assert export_ids(path, "--reviewer", "ann") == [agreed, alone]
    assert export_ids(path, "--reviewer", "bob") == [agreed]
    assert export_ids(path, "--reviewer", "carol") == [info["ids"][2]]
    assert export_ids(path, "--reviewer", "an") == []  # a name, never a part of one


# --------------------------------------------------------------------------- history summary


def test_history_summary_has_every_field_of_the_proposal(tmp_path):
    path = tmp_path / "h.db"
    info = build_review_db(path)
    cid = info["ids"][0]
    conn = open_db(path)
    review.decide(conn, cid, "ann", "edit", {"subject": "人保", "predicate": "捐"})
    original = review.get_claim(conn, cid)["original"]
    conn.close()
    summary = proposal_summary(original)
    for part in ("subject: 中国人民保险集团股份有限公司", "predicate: 捐资", "object: —",
                 "time_text: 4月26日", "time: —", "value: 10,000,000", "unit: 元"):  # fmt: skip
        assert part in summary
    assert proposal_summary(json.dumps({"subject": "[b]x[/b]"})) == "subject: [b]x[/b]"


@contextlib.asynccontextmanager
async def history_after_edit(tmp_path, changes: dict) -> AsyncIterator[App]:
    """The app with the history panel open on the first claim of a review database, after
    ``changes`` were saved on it as an edit."""
    path = tmp_path / "h.db"
    info = build_review_db(path)
    conn = open_db(path)
    review.decide(conn, info["ids"][0], "ann", "edit", changes)
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        await pilot.press("k")  # back to the edited claim (the app opened at the next pending)
        await pilot.pause()
        assert app.screen.claim["id"] == info["ids"][0]
        await pilot.press("h")
        await pilot.pause()
        yield app


async def test_history_panel_shows_the_proposals_predicate(tmp_path):
    async with history_after_edit(tmp_path, {"predicate": "捐"}) as app:
        assert "predicate: 捐资" in screen_text(app)


# --------------------------------------------------------------------------- accept twice


def test_accept_on_an_accepted_claim_logs_nothing_and_stats_count_one(tmp_path):
    """Already refused on main (decisions.decide); this pins it in stats too."""
    path = tmp_path / "a.db"
    info = build_review_db(path)
    conn = open_db(path)
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    assert s.decide("accept").ok
    s.goto(info["ids"][0])
    again = s.decide("accept")
    assert again.kind == "refused" and "already accepted" in again.message
    assert [d["action"] for d in decisions(path)] == ["accept"]
    [ann] = compute(conn)["reviewers"]
    assert ann["decisions"] == 1 and ann["actions"] == {"accept": 1}
    conn.close()


# --------------------------------------------------------------------------- undo of an add


def test_undoing_an_added_claim_withdraws_it_and_keeps_the_log(tmp_path):
    path = tmp_path / "u.db"
    info = build_review_db(path)
    conn = open_db(path)
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    s.goto(info["ids"][5])
    a = DOC2.index("浦东")
    added = s.add({"start": a, "end": a + 2, "value": 1, "kind": "other"})
    new_id = added.view.claim["id"]
    assert export_ids(path) == [new_id]
    assert s.counts["accepted"] == 1
    out = s.undo()
    assert out.ok and "withdrawn" in out.message
    assert claim_row(path, new_id)["status"] == "withdrawn"  # not left behind as rejected
    assert export_ids(path, "--status", "any") == info["ids"]
    assert s.counts == {"pending": 9, "accepted": 0, "rejected": 0}
    assert out.view.claim is not None and out.view.claim["doc_id"] == info["docs"][1]
    # the log is append-only: the add stays, and the undo is a decision of its own
    log = [(d["action"], d["status_after"]) for d in decisions(path) if d["claim_id"] == new_id]
    assert log == [("add", "accepted"), ("undo", "withdrawn")]
    assert s.undo().kind == "refused"  # nothing left to undo
    conn.close()


# --------------------------------------------------------------------------- stats precision


def test_stats_precision_counts_only_unchanged_accepts(tmp_path):
    path = tmp_path / "p.db"
    info = build_review_db(path)
    conn = open_db(path)
    money = [i for i in info["ids"] if review.get_claim(conn, i)["rule"] == "money"]
    review.decide(conn, money[0], "ann", "accept")
    review.decide(conn, money[1], "ann", "edit", {"subject": "公司"})
    review.decide(conn, money[2], "ann", "reject")
    rules = {r["rule"]: r for r in compute(conn)["rules"]}
    conn.close()
    m = rules["money"]
    assert (m["unchanged"], m["edited"], m["rejected"], m["pending"]) == (1, 1, 1, 1)
    assert m["precision"] == round(1 / 3, 4)
    out = CliRunner().invoke(cli, ["stats", "--db", str(path)]).output
    assert "unchanged" in out and "33.3" in out


async def test_stats_screen_shows_unchanged_edited_rejected(tmp_path):
    path = tmp_path / "p.db"
    info = build_review_db(path)
    conn = open_db(path)
    review.decide(conn, info["ids"][0], "ann", "edit", {"subject": "公司"})
    review.decide(conn, info["ids"][3], "ann", "accept")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        for _ in polls():
            await pilot.pause(0.05)
            if "unchanged" in screen_text(app):
                break
        shown = screen_text(app)
        assert "unchanged" in shown and "50.0" in shown  # money: 1 unchanged of 2 decided


# --------------------------------------------------------------------------- serve's name


async def test_serve_name_prompt_is_empty(tmp_path):
    path = tmp_path / "n.db"
    build_review_db(path)
    app = make_app(str(path), reviewer="", ask_reviewer=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        assert app.screen.query_one("#name", Input).value == ""
        await pilot.press("enter")  # no name: asked again, nothing starts
        await pilot.pause()
        assert isinstance(app.screen, NameScreen)
        await pilot.press(*"ann", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen) and app.screen.reviewer == "ann"


# --------------------------------------------------------------------------- all decided


async def test_a_stray_key_on_the_all_decided_screen_changes_nothing(tmp_path):
    path = tmp_path / "d.db"
    info = build_review_db(path, decided_first=8)  # one claim left pending
    last = info["ids"][8]
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.claim["id"] == last
        await pilot.press("a")
        await pilot.pause()
        assert screen.view.finished and "nothing left pending" in screen_text(app)
        for key in ("x", "delete", "a", "enter"):
            await pilot.press(key)
            await pilot.pause()
        assert claim_row(path, last)["status"] == "accepted"
        assert [d["action"] for d in decisions(path)] == ["accept"]
        assert any("Nothing is left pending" in n for n in notes(app))
        # a deliberate change: move to the claim, then the key
        await pilot.press("k", "j")
        await pilot.pause()
        assert screen.claim["id"] == last and not screen.view.finished
        await pilot.press("x")
        await pilot.pause()
    assert claim_row(path, last)["status"] == "rejected"
