"""Regression tests for the leftovers of issue 14 (each failed before its fix): keys on a
document without candidates, the card title through redraws, undo of an added claim keeping
the log append-only, ``ingest --claims`` keeping alternatives and flags, stats and facts with
flags, and overlap verdicts keeping span offsets.

Every test builds its own database and checks what was committed through a fresh connection.
"""

from __future__ import annotations

from tests.test_documents import QUIET
from tests.test_review_app import screen_text
from tests.test_review_helpers import add_document, build_review_db, decisions
from tui.app import make_app
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import ClaimCard


def notes(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


# --------------------------------------------------------------------------- document alone


async def test_claim_keys_on_a_document_without_candidates_say_why(tmp_path):
    """e, h, m, a digit and [ ] on a document opened alone each say there is no claim (they
    did nothing at all before), write nothing, and leave the document on screen."""
    from db.connection import open_db

    path = tmp_path / "q.db"
    build_review_db(path)
    conn = open_db(path)
    quiet = add_document(conn, QUIET, "晨练", "news/quiet.txt")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        await screen._act(lambda: screen.session.open_document(quiet))
        assert screen.claim is None and screen.doc["id"] == quiet
        # the header's second line says so from its start (it was indented by four spaces)
        assert screen_text(app).splitlines()[1].startswith(" no candidate claims · document")
        expected = {
            "e": "no claim to edit",
            "f2": "no claim to edit",
            "h": "no claim to show the history of",
            "m": "no claim to flag",
            "1": "no claim to pick an alternative for",
            "right_square_bracket": "no claim to pick a field of",
        }
        for key, message in expected.items():
            app._notifications.clear()
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key  # no form, no panel opened
            said = notes(app)
            assert any(message in n and "no candidates" in n for n in said), (key, said)
        assert screen.doc["id"] == quiet
    assert decisions(path) == []


# --------------------------------------------------------------------------- card title


async def test_overlap_verdict_note_survives_field_focus_redraws(tmp_path):
    """The card title's ``your verdict: …`` stays when ``[``/``]`` redraw the card."""
    from textual.widgets import Input

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
        if screen.claim["id"] != info["ids"][0]:
            await pilot.press("k")
            await pilot.pause()
        card = screen.query_one(ClaimCard)
        assert "your verdict: accepted" in str(card.border_title)
        for key in ("right_square_bracket", "right_square_bracket", "left_square_bracket"):
            await pilot.press(key)
            await pilot.pause()
            assert "your verdict: accepted" in str(card.border_title), key
        assert "your verdict: accepted" in screen_text(app)
        # another claim has no such note
        await pilot.press("j")
        await pilot.pause()
        assert "your verdict" not in str(card.border_title)


# --------------------------------------------------------------------------- undo of an add


def _add_and_undo(path, info):
    """ann adds 浦东 in DOC2 and flags it, then undoes the flag and the add (session API)."""
    from db.connection import open_db
    from db.session import ReviewSession, Strategy
    from tests.test_review_helpers import DOC2

    conn = open_db(path)
    s = ReviewSession(conn, "ann", strategy=Strategy())
    s.open()
    s.goto(info["ids"][5])
    a = DOC2.index("浦东")
    added = s.add({"start": a, "end": a + 2, "value": 1, "kind": "other"})
    assert added.ok, added.message
    new_id = added.view.claim["id"]
    assert s.flag("look again").ok
    assert s.undo().ok  # the flag
    out = s.undo()  # the add
    assert out.ok and "withdrawn" in out.message, out.message
    conn.close()
    return new_id


def test_an_undone_add_is_withdrawn_everywhere_and_the_log_keeps_it(tmp_path):
    """The claim, its add and the undo stay in the log; the claim is in no list, count,
    search, document count, export (any status), statistic or facts row."""
    import json

    from click.testing import CliRunner

    from db import claimlist, documents, search
    from db.connection import open_db
    from db.stats import compute
    from tui.cli import cli

    path = tmp_path / "w.db"
    info = build_review_db(path)
    new_id = _add_and_undo(path, info)
    log = [(d["action"], d["status_after"]) for d in decisions(path) if d["claim_id"] == new_id]
    assert log == [("add", "accepted"), ("flag", "accepted"), ("undo", "accepted"),
                   ("undo", "withdrawn")]  # fmt: skip
    conn = open_db(path)
    assert conn.execute("SELECT status FROM claims WHERE id = ?", (new_id,)).fetchone()[0] == (
        "withdrawn"
    )
    flt = claimlist.ClaimFilter()
    ids = [r["id"] for r in claimlist.page(conn, claimlist.plan_filter(conn, flt), 0, 100)]
    assert ids == info["ids"] and claimlist.count(conn) == 9
    doc2 = claimlist.ClaimFilter(doc_id=info["docs"][1])
    assert claimlist.count(conn, claimlist.plan_filter(conn, doc2)) == 3
    last = (info["docs"][2], 10**6, 0)
    assert claimlist.count_before(conn, claimlist.plan_filter(conn, flt), last) == 9
    assert claimlist.status_counts(conn) == {"pending": 9, "accepted": 0, "rejected": 0}
    assert documents.claim_counts(conn, info["docs"][1]) == (3, 3)
    assert all(h["claim_id"] != new_id for h in search.search(conn, "浦东"))
    figures = compute(conn)
    assert figures["claims"]["total"] == 9 and figures["claims"]["added_by_reviewers"] == 0
    assert conn.execute("SELECT count(*) FROM facts").fetchone()[0] == 0
    conn.close()
    for status in ("any", "accepted"):
        out = CliRunner().invoke(cli, ["export", "--db", str(path), "--status", status])
        assert out.exit_code == 0, out.output
        assert new_id not in [json.loads(x)["claim_id"] for x in out.output.splitlines()]


async def test_undo_of_an_add_in_the_app_takes_the_claim_off_the_screen(tmp_path):
    """n adds a claim, u takes it back: the list and the counts lose it, the log keeps it."""
    from textual.widgets import Input

    from db.connection import open_db
    from tests.test_review_helpers import claim_row
    from tui.screens.edit import ClaimForm
    from tui.widgets.claim_list import ClaimList

    path = tmp_path / "a.db"
    build_review_db(path)
    conn = open_db(path)
    quiet = add_document(conn, QUIET, "晨练", "news/quiet.txt")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        await screen._act(lambda: screen.session.open_document(quiet))
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#f-quantity_text", Input).value = "三百人"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        new_id = screen.claim["id"]
        assert screen.claim["origin"] == "reviewer" and screen.total == 10
        await pilot.press("u")
        await pilot.pause()
        assert screen.claim is None or screen.claim["id"] != new_id
        assert screen.total == 9 and screen.query_one(ClaimList).total == 9
        assert sum(screen.counts.values()) == 9
        assert any("withdrawn" in n for n in notes(app))
    assert claim_row(path, new_id)["status"] == "withdrawn"
    assert [d["action"] for d in decisions(path)] == ["add", "undo"]


def test_a_database_of_schema_9_migrates_and_can_withdraw(tmp_path):
    """A file made before migration 10 (claims.status allowed no 'withdrawn', facts had no
    flag) opens upgraded, its claims untouched."""
    import sqlite3

    from db.connection import open_db, schema_version
    from db.schema import LATEST, MIGRATIONS

    path = tmp_path / "old.db"
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("BEGIN")
    for m in MIGRATIONS[:9]:
        m(raw)
    raw.execute("PRAGMA user_version = 9")
    raw.execute("COMMIT")
    raw.close()
    info = build_review_db(path)
    assert schema_version(open_db(path)) == LATEST
    new_id = _add_and_undo(path, info)
    assert [r for r in decisions(path) if r["claim_id"] == new_id][-1]["status_after"] == (
        "withdrawn"
    )
    conn = open_db(path)
    cols = [r[1] for r in conn.execute("PRAGMA table_info(facts)")]
    assert cols[-2:] == ["flagged", "note"]
    bad = "UPDATE claims SET status = 'lost' WHERE id = ?"
    try:
        conn.execute(bad, (info["ids"][0],))
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("the status check was dropped, not widened")
    conn.close()


# --------------------------------------------------------------------------- ingest --claims


def _export(path, *args: str) -> list[dict]:
    import json

    from click.testing import CliRunner

    from tui.cli import cli

    out = CliRunner().invoke(cli, ["export", "--db", str(path), "--status", "any", *args])
    assert out.exit_code == 0, out.output
    return [json.loads(line) for line in out.output.splitlines()]


def test_export_then_ingest_claims_keeps_alternatives_flags_and_notes(tmp_path):
    """A round trip through ``export`` and ``ingest --claims`` keeps every claim's runners-up
    (an unedited claim's too) and the reviewer's flags and notes, logged as flag decisions
    (history and undo work on them in the new database)."""
    import json

    from click.testing import CliRunner

    from db import flags, review
    from db.connection import open_db
    from tests.test_review_helpers import claim_row
    from tui.cli import cli

    src, dst = tmp_path / "a.db", tmp_path / "b.db"
    info = build_review_db(src)
    build_review_db(dst)
    conn = open_db(dst)
    with conn:
        conn.execute("DELETE FROM claims")  # the same documents, no claims yet
    conn.close()
    conn = open_db(src)
    text = info["texts"][info["docs"][1]]
    cid, other = info["ids"][5], info["ids"][6]  # two claims of DOC2
    alts = {"subject": [{"text": "浦东新区", "start": text.index("浦东新区"),
                         "end": text.index("浦东新区") + 4, "score": 0.4}]}  # fmt: skip
    with conn:
        conn.execute(
            "UPDATE claims SET alternatives = ? WHERE id IN (?, ?)",
            (json.dumps(alts, ensure_ascii=False), cid, other),
        )
    flags.flag(conn, cid, "bob", "单位待核")
    review.decide(conn, other, "ann", "edit", {"unit": "成"})
    conn.close()
    exported = _export(src)
    assert {r["claim_id"]: r["alternatives"] for r in exported}[cid] == alts  # unedited too
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in exported))
    out = CliRunner().invoke(cli, ["ingest", "--claims", str(path), "--db", str(dst)])
    assert out.exit_code == 0, out.output
    assert "1 flags set" in out.output
    again = _export(dst)
    keep = ("quantity_text", "start", "status", "unit", "alternatives", "flagged", "note",
            "flagged_by", "reviewer", "edited")  # fmt: skip
    assert [{k: r[k] for k in keep} for r in again] == [{k: r[k] for k in keep} for r in exported]
    conn = open_db(dst)
    new_cid = next(r["claim_id"] for r in again if r["flagged"])
    row = claim_row(dst, new_cid)
    assert (row["flagged"], row["note"]) == (1, "单位待核")
    assert json.loads(row["alternatives"]) == alts
    [flag] = [d for d in decisions(dst) if d["claim_id"] == new_cid]
    assert (flag["action"], flag["reviewer"]) == ("flag", "bob")
    assert review.undo_last(conn, "bob") is not None  # bob's flag is his to undo
    assert claim_row(dst, new_cid)["flagged"] == 0
    conn.close()
    # importing the file again changes nothing more (a flag here is kept, none doubled)
    out = CliRunner().invoke(cli, ["ingest", "--claims", str(path), "--db", str(dst)])
    assert out.exit_code == 0 and "1 flags set" in out.output  # bob unflagged it: set again
    out = CliRunner().invoke(cli, ["ingest", "--claims", str(path), "--db", str(dst)])
    assert out.exit_code == 0 and "flags set" not in out.output


def test_ingest_claims_refuses_a_bad_flag_or_alternatives_with_one_line(tmp_path):
    import json

    from click.testing import CliRunner

    from tui.cli import cli

    src = tmp_path / "a.db"
    build_review_db(src)
    [rec] = [r for r in _export(src) if r["quantity_text"] == "一千二百家"]
    for bad, message in (({"flagged": "yes"}, "'flagged' must be true or false"),
                         ({"alternatives": [1]}, "'alternatives' must be an object"),
                         ({"flagged": True, "note": "x" * 1001}, "at most 1,000")):  # fmt: skip
        path = tmp_path / "bad.jsonl"
        path.write_text(json.dumps({**rec, **bad}, ensure_ascii=False) + "\n")
        out = CliRunner().invoke(cli, ["ingest", "--claims", str(path), "--db", str(src)])
        assert out.exit_code != 0 and message in out.output, out.output
        assert "Traceback" not in out.output


# --------------------------------------------------------------------------- overlap spans


def test_overlap_verdicts_keep_the_span_offsets_of_edited_fields(tmp_path):
    """Two reviewers select the same subject in an earlier sentence (span mode): ann's card
    shows her selection while she waits, and the agreed claim keeps those offsets — not the
    same words found again in the claim's own sentence."""
    from db import teams
    from db.connection import open_db
    from db.session import ReviewSession
    from tests.test_review_helpers import claim_row
    from tests.test_teams import build

    path = tmp_path / "team.db"
    ids = build(path, 3)
    conns = [open_db(path), open_db(path)]
    asg = teams.save_assignment(conns[0], "overlap", 2)
    text = conns[0].execute("SELECT text FROM documents").fetchone()[0]
    cid = ids[1]  # 甲公司第1次有2人。 — the selection is 公司 of the first sentence
    assert text[1:3] == "公司" and text.index("公司", 3) > 3
    draft = {"subject": "公司", "subject_start": 1, "subject_end": 3}
    for n, (conn, who) in enumerate(zip(conns, ("ann", "bob"), strict=True)):
        session = ReviewSession(conn, who, asg)
        session.open()
        assert session.goto(cid).ok
        out = session.save_draft(dict(draft))
        assert out.ok, out.message
        if n == 0:  # ann waits for bob: her own verdict, with her offsets, on her card
            view = session.goto(cid).view
            assert view.own_verdict is not None
            assert (view.claim["subject_start"], view.claim["subject_end"]) == (1, 3)
            [verdict] = teams.versions(conn, cid)
            assert (verdict["fields"]["subject_start"], verdict["fields"]["subject_end"]) == (1, 3)
    for conn in conns:
        conn.close()
    row = claim_row(path, cid)
    assert (row["status"], row["subject"], row["reviewer"]) == ("accepted", "公司", "ann+bob")
    assert (row["subject_start"], row["subject_end"]) == (1, 3)


# --------------------------------------------------------------------------- stats and facts


def test_flags_are_not_decisions_in_the_pace_and_facts_show_flags(tmp_path):
    """A flag, an unflag and the undo of a flag are no verdicts: ``stats`` counts ann's
    accepts only (flags apart), in her sitting too; ``facts`` has flagged and note."""
    import sqlite3

    from db import flags, review
    from db.connection import open_db
    from db.stats import compute, sitting

    path = tmp_path / "s.db"
    info = build_review_db(path)
    conn = open_db(path)
    a, b = info["ids"][0], info["ids"][1]
    review.decide(conn, a, "ann", "accept")
    flags.flag(conn, a, "ann", "核对金额")
    flags.flag(conn, b, "ann", "")
    flags.unflag(conn, b, "ann")
    flags.flag(conn, b, "ann", "再看")
    review.undo_last(conn, "ann")  # the last flag
    review.decide(conn, b, "ann", "reject")
    [ann] = compute(conn)["reviewers"]
    assert ann["decisions"] == 2 and ann["flags"] == 4  # flag, flag, unflag, flag
    assert ann["actions"] == {"accept": 1, "reject": 1}
    assert sitting(conn, "ann")["decisions"] == 2
    conn.row_factory = sqlite3.Row
    [fact] = [dict(r) for r in conn.execute("SELECT * FROM facts")]
    assert (fact["claim_id"], fact["flagged"], fact["note"]) == (a, 1, "核对金额")
    conn.close()
    from click.testing import CliRunner

    from tui.cli import cli

    out = CliRunner().invoke(cli, ["stats", "--db", str(path)], env={"COLUMNS": "200"}).output
    header = next(line for line in out.splitlines() if "accept rate" in line)
    row = next(line for line in out.splitlines() if line.lstrip("│ ").startswith("ann"))
    cells = [c.strip() for c in header.split("┃")], [c.strip() for c in row.split("│")]
    flags_at = cells[0].index("flags")
    assert cells[1][flags_at] == "4" and cells[1][cells[0].index("decisions")] == "2"


# --------------------------------------------------------------------------- the form at 80x24


async def test_the_forms_error_is_on_screen_at_80x24(tmp_path):
    """At 80x24 the form's error line was laid out below the grid and cut off: a refused
    save looked like a key that did nothing. Now the error and every field are on screen."""
    from textual.widgets import Input

    from tui.screens.edit import ClaimForm

    path = tmp_path / "f.db"
    build_review_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("e", "n"):
            await pilot.press(key)
            await pilot.pause()
            form = app.screen
            assert isinstance(form, ClaimForm)
            form.query_one("#f-qualifier", Input).value = "about"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form  # refused, the form stays
            errors = form.query_one("#errors")
            assert str(errors.render()).strip()  # something to say
            for widget in (errors, form.query_one("#f-time", Input)):
                x, y = widget.region.x, widget.region.y
                assert widget.region.height > 0 and y < 24, widget.id
                assert form.get_widget_at(x, y)[0] is widget, widget.id  # drawn, not cut off
            await pilot.press("escape")
            await pilot.pause()
    assert decisions(path) == []


# --------------------------------------------------------------------------- stats panel


async def test_the_stats_panel_before_any_decision_says_so_instead_of_full_bars(tmp_path):
    """A reviewer with no decision yet saw a sparkline of full bars (one flat value) and
    "0 decisions since —"; now a plain sentence, and the pace appears with the first
    decision."""
    from textual.widgets import Sparkline, Static

    from tui.screens.stats import StatsScreen

    path = tmp_path / "t.db"
    build_review_db(path)
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.screen
        assert isinstance(panel, StatsScreen)
        said = str(panel.query_one("#sitting", Static).render())
        assert said == "ann: no decisions yet in this sitting."
        assert not panel.query_one(Sparkline).display
        await pilot.press("escape", "a", "t")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "ann, this sitting: 1 decision since" in str(
            app.screen.query_one("#sitting", Static).render()
        )
        assert app.screen.query_one(Sparkline).display
    assert [d["action"] for d in decisions(path)] == ["accept"]


async def test_no_siblings_offer_on_a_document_without_candidates(tmp_path):
    """The card of a document opened alone showed the last correction's ``g: apply to N
    siblings`` (siblings of another document); the offer is back on a claim of the corrected
    document, and only there."""
    from textual.widgets import Input

    from db.connection import open_db
    from tests.test_review_helpers import add_claim, seed_text

    path = tmp_path / "g.db"
    info = build_review_db(path)
    conn = open_db(path)
    seed = seed_text()
    sibling = add_claim(conn, info["docs"][0], seed, "26支", value=26, unit="支",
                        subject="中国人民保险集团股份有限公司")  # fmt: skip
    quiet = add_document(conn, QUIET, "晨练", "news/quiet.txt")
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        card = screen.query_one(ClaimCard)
        assert screen.claim["id"] == info["ids"][0]
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-subject", Input).value = "中国人保"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert card.border_subtitle == "g: apply to 1 sibling"
        await screen._act(lambda: screen.session.open_document(quiet))
        assert screen.claim is None and card.border_subtitle == ""
        await pilot.press("k")  # a claim of another document: nothing offered there either
        await pilot.pause()
        assert screen.claim is not None and screen.claim["doc_id"] != info["docs"][0]
        assert card.border_subtitle == ""
        await screen._act(lambda: screen.session.goto(sibling))  # back in the corrected one
        await pilot.pause()
        assert screen.claim["id"] == sibling and card.border_subtitle == "g: apply to 1 sibling"


# --------------------------------------------------------------------------- history panel


async def test_the_history_panel_gives_the_changes_room_at_120_columns(tmp_path):
    """A pick's history row at 120 columns left the changes six cells (``subje…``): the
    pick is described among the changes now, and every change reads in full."""
    import json

    from db.connection import open_db
    from tui.screens.panels import HistoryScreen

    path = tmp_path / "h.db"
    info = build_review_db(path)
    conn = open_db(path)
    text = info["texts"][info["docs"][0]]
    a = text.index("中国人保上海区域工协")
    alts = {"subject": [{"text": "中国人保上海区域工协", "start": a, "end": a + 10, "score": 0.5}]}
    with conn:
        conn.execute(
            "UPDATE claims SET alternatives = ? WHERE id = ?",
            (json.dumps(alts, ensure_ascii=False), info["ids"][0]),
        )
    conn.close()
    app = make_app(str(path), reviewer="ann")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "k", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert "picked subject 1 of all fields" in shown and "(中国人保上海区域工协)" in shown
        assert "中国人民保险集团股份有限公司 →" in shown  # the change, in full (it wraps)
