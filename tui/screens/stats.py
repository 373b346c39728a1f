"""The statistics panel: the figures of ``claimdesk stats`` where the reviewer already is.

Progress (claims decided, documents fully reviewed), the reviewer's pace over the current
sitting as a sparkline of decisions per hour, and the extractor's precision per rule. The
figures come from :mod:`db.stats` in a worker thread on a connection of its own, so a big
database never freezes the screen; they are read again each time the panel opens.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import ProgressBar, Sparkline, Static

from db import stats
from db.connection import connect
from db.errors import ClaimdeskError
from tui.screens.panels import PANEL_CSS
from tui.text import shown_line
from tui.widgets.layout import PANEL_WIDE

#: Minutes per bar of the sparkline.
BUCKET_MINUTES = 5


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def _clock(stamp: str | None) -> str:
    if not stamp:
        return "—"
    return datetime.fromisoformat(stamp).astimezone().strftime("%H:%M")


#: The statistics' column headers under PANEL_WIDE columns.
SHORT_HEADERS = {
    "candidates": "cand.",
    "unchanged": "same",
    "suggested": "sugg.",
    "edited": "edit",
    "rejected": "rej.",
    "precision": "prec.",
}


class StatsScreen(ModalScreen[None]):
    """Progress, pace and per-rule precision; Esc closes."""

    DEFAULT_CSS = (
        PANEL_CSS.format(name="StatsScreen")
        + """
    StatsScreen #pace { height: 3; margin: 0 0 1 0; max-width: 100%; }
    StatsScreen ProgressBar { margin: 0 0 1 0; }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,t,f7", "close", "Close", id="stats.close", tooltip="Close this panel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]claimdesk — statistics[/b]   (Esc closes)")
            yield Static("Counting…", id="progress", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="bar")
            yield Static("", id="sitting", markup=False)
            yield Sparkline([], id="pace")
            yield Static("", id="rules")

    def on_screen_resume(self) -> None:
        """Read the figures again whenever the panel is shown."""
        self.load()

    @work(thread=True, exclusive=True, group="stats")
    def load(self) -> None:
        """Compute the figures off the event loop, on a connection of this thread."""
        db_path = str(getattr(self.app, "db_path", ""))
        reviewer = getattr(self.app, "reviewer", "")
        try:
            conn = connect(db_path, create=False, check_same_thread=False)
            try:
                figures = stats.compute(conn)
                pace = stats.sitting(conn, reviewer, bucket_seconds=BUCKET_MINUTES * 60)
            finally:
                conn.close()
        except (sqlite3.Error, ClaimdeskError) as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        self.app.call_from_thread(self.show, figures, pace, reviewer)

    def _failed(self, message: str) -> None:
        self.query_one("#progress", Static).update(f"Statistics unavailable: {message}")

    def show(self, figures: dict, pace: dict, reviewer: str) -> None:
        """Render computed figures (from :func:`db.stats.compute` and :func:`db.stats.sitting`)."""
        d, c = figures["documents"], figures["claims"]
        s = c["by_status"]
        decided = s["accepted"] + s["rejected"]
        self.query_one("#progress", Static).update(
            f"Claims {c['total']}: {s['accepted']} accepted, {s['rejected']} rejected, "
            f"{s['pending']} pending — {_pct(c['decided_share'])} decided. "
            f"Documents {d['total']}: {d['reviewed']} fully reviewed."
        )
        self.query_one(ProgressBar).update(total=max(c["total"], 1), progress=decided)
        rate = pace["decisions_per_hour"]
        sparkline = self.query_one(Sparkline)
        if not pace["decisions"]:
            # No sitting yet: say so. (A sparkline of one flat value draws full bars, which
            # read as a busy sitting.)
            self.query_one("#sitting", Static).update(
                f"{shown_line(reviewer)}: no decisions yet in this sitting."
            )
            sparkline.display = False
        else:
            self.query_one("#sitting", Static).update(
                f"{shown_line(reviewer)}, this sitting: {pace['decisions']}"
                f" decision{'' if pace['decisions'] == 1 else 's'} since "
                f"{_clock(pace['start'])}"
                + (f", {rate:,.0f} per hour" if rate else "")
                + f" — decisions per hour, one bar per {BUCKET_MINUTES} minutes:"
            )
            sparkline.data = pace["per_hour"]
            # One cell per bar: a sparkline stretches its data over its width, so a sitting of
            # one bucket filled the whole panel with full bars (read as a busy sitting).
            sparkline.styles.width = len(pace["per_hour"])
            sparkline.display = True
        table = Table(expand=True, box=None, header_style="bold", padding=(0, 1))
        columns = ("candidates", "unchanged", "suggested", "edited", "rejected")
        # Under PANEL_WIDE columns the headers are short and a rule's name folds onto a second
        # line: cut with … at 60 columns, count.measure and count.bare both read "count…".
        wide = self.app.size.width >= PANEL_WIDE
        for col in ("rule", *columns, "precision"):
            if col == "rule":
                table.add_column(col, overflow="fold", min_width=None if wide else 10)
            else:
                table.add_column(col if wide else SHORT_HEADERS[col], justify="right")
        for r in figures["rules"]:
            table.add_row(
                Text(shown_line(r["rule"] or "—")),
                *(str(r.get(col, 0)) for col in columns),
                _pct(r["precision"]),
            )
        self.query_one("#rules", Static).update(table)

    def action_close(self) -> None:
        """Back to the review."""
        self.dismiss(None)
