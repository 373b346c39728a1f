"""The review app: ``make_app(db_path, reviewer)`` builds it for the CLI and for the tests.

One factory (like Posting's ``make_posting``) so that tests exercise exactly what users run.
The app opens the database (raising :class:`db.errors.ClaimdeskError` with a clear message when
it cannot), then shows :class:`tui.screens.review.ReviewScreen` at the reviewer's first pending
claim. Every review action is also a command-palette entry ("review: accept", …).
"""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from db.connection import connect
from tui.screens.review import REVIEW_BINDINGS, ReviewScreen


class ReviewCommands(Provider):
    """Command-palette entries for every review action, titled ``review: <action>``."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, ReviewScreen):
            return []
        out = []
        for binding in REVIEW_BINDINGS:
            title = f"review: {binding.description.lower()}"
            out.append((title, binding.tooltip, partial(screen.run_action, binding.action)))
        return out

    async def discover(self) -> Hits:
        """All review commands, for the empty palette."""
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Review commands matching ``query``."""
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


class ReviewApp(App):
    """claimdesk's review app."""

    CSS_PATH = "review.tcss"
    TITLE = "claimdesk review"
    COMMANDS = App.COMMANDS | {ReviewCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False,
                tooltip="Quit (every decision is already saved)"),
    ]  # fmt: skip

    def __init__(self, conn: sqlite3.Connection, db_path: str, reviewer: str) -> None:
        super().__init__()
        self.conn = conn
        """The UI thread's database connection."""
        self.db_path = db_path
        self.reviewer = reviewer
        """Who decisions are recorded for."""
        self.sub_title = f"{Path(db_path).name} · reviewer {reviewer}"

    def on_mount(self) -> None:
        """Show the review screen."""
        self.push_screen(ReviewScreen(self.conn, self.db_path, self.reviewer))

    def on_unmount(self) -> None:
        """Close the database (every decision was committed when it was made)."""
        self.conn.close()


def make_app(db_path: str, reviewer: str | None = None) -> App:
    """Build the review app on an existing claimdesk database.

    Args:
        db_path: the database file (must exist; it is upgraded if its schema is older).
        reviewer: the name recorded with each decision; the login name when None or empty.

    Raises:
        db.errors.ClaimdeskError: the file is missing, not a claimdesk database, or unreadable.
    """
    conn = connect(db_path, create=False, check_same_thread=False)
    name = (reviewer or "").strip() or getpass.getuser()
    return ReviewApp(conn, str(db_path), name)
