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
