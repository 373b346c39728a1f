"""Defects found by trying claimdesk as a new user would (eighth session, helper ``qa``).

Each test drives the real app through ``make_app`` (Pilot) or the CLI, and failed before its
fix:

1. A review opened on a database another program holds locked showed a blank card (a toast
   that went away after a few seconds, then nothing) and never opened once the lock was gone.
"""

from __future__ import annotations

import pytest

import tui.screens.review as review_screen
from tests.test_review_app import screen_text
from tests.test_review_defects import lock
from tests.test_review_helpers import build_review_db
from tui.app import make_app
from tui.widgets.claim_list import ClaimList


@pytest.fixture
def setup(tmp_path):
    path = tmp_path / "review.db"
    return path, build_review_db(path)


# --------------------------------------------------------------------------- 1: locked at start


@pytest.mark.parametrize("mode", ["split", "overlap"])
async def test_a_review_opened_on_a_locked_database_says_so_and_opens_once_free(
    setup, monkeypatch, mode
):
    path, info = setup
    monkeypatch.setattr(review_screen, "OPEN_RETRY_SECONDS", 0.2)
    app = make_app(str(path), reviewer="ann", mode=mode)
    app.conn.execute("PRAGMA busy_timeout = 20")  # give up on the lock quickly
    blocker = lock(path)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            text = screen_text(app)
            assert app.screen.claim is None
            assert "locked by another program" in text and "Trying again" in text
            await pilot.pause(0.5)  # a retry while still locked: still says so, no crash
            assert app.screen.claim is None and "locked by another program" in screen_text(app)
            blocker.execute("ROLLBACK")
            for _ in range(100):
                await pilot.pause(0.1)
                if app.screen.claim is not None:
                    break
            await pilot.pause()
            assert app.screen.claim["id"] == info["ids"][0]
            assert "locked by another program" not in screen_text(app)
            assert app.screen.query_one(ClaimList).total == len(info["ids"])
    finally:
        blocker.close()
