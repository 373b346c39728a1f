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
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from db import teams
from db.connection import connect
from tui.screens.adjudicate import AdjudicateScreen
from tui.screens.review import REVIEW_BINDINGS, ReviewScreen
from tui.screens.stats import StatsScreen
from tui.text import shown_line
from tui.widgets import layout
from tui.widgets.span_cursor import SPAN_BINDINGS

#: The app's busy timeout per attempt; :func:`db.connection.transaction` retries five times.
APP_BUSY_TIMEOUT_MS = 1000


class ReviewCommands(Provider):
    """Command-palette entries for every review action, titled ``review: <action>``; in span
    mode, for every key of the mode, titled ``span: <action>``."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        if not isinstance(screen, ReviewScreen):
            return []
        out: list[tuple[str, str, Callable[[], object]]] = []
        if screen.span is not None:  # span mode: its own keys are the ones that work
            for binding in SPAN_BINDINGS:
                title = f"span: {binding.description.lower()}"
                action = binding.action.removeprefix("screen.")
                out.append((title, binding.tooltip, partial(screen.run_action, action)))
            return out
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
    SCREENS: ClassVar = {"stats": StatsScreen}  # opened by the review.stats binding
    HORIZONTAL_BREAKPOINTS = layout.WIDTH_BREAKPOINTS  # screen-size classes for review.tcss
    VERTICAL_BREAKPOINTS = layout.HEIGHT_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True, show=False,
                tooltip="Quit (every decision is already saved)"),
    ]  # fmt: skip

    def __init__(
        self,
        conn: sqlite3.Connection,
        db_path: str,
        reviewer: str,
        assignment: teams.Assignment,
        *,
        ask_reviewer: bool = False,
    ) -> None:
        super().__init__()
        self.conn = conn
        """The review session's connection (used from its worker thread)."""
        self.db_path = db_path
        self.reviewer = reviewer
        """Who decisions are recorded for."""
        self.assignment = assignment
        """Split, overlap or adjudication (see :mod:`db.teams`)."""
        self.ask_reviewer = ask_reviewer
        self.source: str | None = None
        """Review only claims of documents whose source holds this text (``--source``)."""
        self.suggest = True
        """Re-rank pending claims' subject and time with the document's decisions."""
        self.hints = True
        """Start with the hint labels shown (under the claim's sentence; ``F3`` toggles)."""
        self.list_conn: sqlite3.Connection | None = None
        """Ask for the reviewer's name first (a browser session has no login name)."""
        self._set_title()

    def _set_title(self) -> None:
        self.sub_title = (
            f"{shown_line(Path(self.db_path).name)} · reviewer {shown_line(self.reviewer)}"
            f" · {self.assignment.describe()}"
        )

    def on_mount(self) -> None:
        """Show the review screen (after asking for a name when told to)."""
        if self.ask_reviewer:
            from tui.screens.panels import NameScreen

            def named(name: str | None) -> None:
                if not name:
                    self.exit()
                    return
                self.reviewer = name
                self._set_title()
                self._start()

            # Empty, never the server's login name: in a browser that is not the reviewer.
            self.push_screen(NameScreen(""), named)
        else:
            self._start()

    def _start(self) -> None:
        screen_class = AdjudicateScreen if self.assignment.adjudicate else ReviewScreen
        if self.list_conn is None:
            # The claim list reads its rows on a connection of its own; the session's
            # connection (``conn``) is used by the worker thread.
            self.list_conn = connect(self.db_path, create=False, check_same_thread=False)
        screen = screen_class(
            self.conn, self.db_path, self.reviewer, self.assignment, list_conn=self.list_conn
        )
        if self.source:
            screen.session.restrict_source(self.source)
        if not self.assignment.adjudicate:
            from extractor import feedback

            screen.suggestions = feedback.ranking(feedback.shipped())
            if self.suggest:
                screen.session.feedback = screen.suggestions
        screen.span_hints_on = self.hints
        self.push_screen(screen)

    def on_unmount(self) -> None:
        """Close the database (every decision was committed when it was made)."""
        self.conn.close()
        if self.list_conn is not None:
            self.list_conn.close()


def make_app(
    db_path: str,
    reviewer: str | None = None,
    *,
    mode: str | None = None,
    per_claim: int = 2,
    adjudicate: bool = False,
    ask_reviewer: bool = False,
    lease_seconds: float = teams.LEASE_SECONDS,
    keymap: str | Path | None = None,
    source: str | None = None,
    suggest: bool = True,
    hints: bool = True,
) -> App:
    """Build the review app on an existing claimdesk database.

    Args:
        db_path: the database file (must exist; it is upgraded if its schema is older).
        reviewer: the name recorded with each decision; the login name when None or empty.
        mode: ``split`` or ``overlap`` to choose the team's mode (remembered in the
            database); None keeps the mode chosen before (split when never chosen).
        per_claim: in overlap mode, how many reviewers judge each claim.
        adjudicate: review only the claims reviewers disagree on, and settle them.
        ask_reviewer: ask for the reviewer's name before starting.
        lease_seconds: how long a claim stays leased to a reviewer who went away.
        keymap: a keymap file (see :mod:`tui.keymap`) remapping keys by binding id.
        source: review only claims of documents whose source holds this text.
        suggest: show a pending claim's subject and time re-ranked with what reviewers
            accepted before it in its document (``extractor.feedback``; ``db.feedback``).
        hints: label the words of the claim's sentence (a label typed selects its word in
            span mode); False starts with them hidden (``F3`` shows them).

    Raises:
        db.errors.ClaimdeskError: the file is missing, not a claimdesk database, or unreadable,
            or the mode is invalid.
    """
    from tui.keymap import load as load_keymap

    remap = load_keymap(keymap) if keymap else {}
    conn = connect(db_path, create=False, check_same_thread=False)
    # Writes run on the UI thread: wait for another process's lock a second at a time (the
    # write is retried a few times), then say so instead of freezing the screen for long.
    conn.execute(f"PRAGMA busy_timeout = {APP_BUSY_TIMEOUT_MS}")
    try:
        assignment = (
            teams.save_assignment(conn, mode, per_claim) if mode else teams.load_assignment(conn)
        )
    except Exception:
        conn.close()
        raise
    assignment = replace(assignment, adjudicate=adjudicate, lease_seconds=lease_seconds)
    name = (reviewer or "").strip() or getpass.getuser()
    app = ReviewApp(conn, str(db_path), name, assignment, ask_reviewer=ask_reviewer)
    app.source = (source or "").strip() or None
    app.suggest = suggest
    app.hints = hints
    if remap:
        app.set_keymap(remap)
    return app
