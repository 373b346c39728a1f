"""Adjudication: only the claims reviewers disagree on, each reviewer's version side by side.

The adjudicator takes one version with its number key (1–9), or decides the claim themself
(accept, reject, edit). The result is final and logged like any decision; undo puts the dispute
back. Everything else — moving, search, history, help — works as on the review screen.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Static

from db import review, teams
from tui.screens.review import ReviewScreen
from tui.widgets.claim_card import format_number

#: Fields shown side by side, with their labels.
SHOWN = (
    ("quantity_text", "quantity"),
    ("value", "value"),
    ("unit", "unit"),
    ("qualifier", "qualifier"),
    ("kind", "kind"),
    ("subject", "subject"),
    ("predicate", "predicate"),
    ("object", "object"),
    ("time_text", "time"),
)

PICK_BINDINGS = [
    Binding(
        str(n), f"pick({n})", f"Take version {n}" if n == 1 else f"Version {n}",
        id=f"adjudicate.pick{n}", show=n == 1, key_display="1…9" if n == 1 else None,
        tooltip=f"Make reviewer {n}'s version final",
    )
    for n in range(1, 10)
]  # fmt: skip


class Versions(Static):
    """Each reviewer's verdict in a column; fields on which they differ are marked."""

    def show(self, versions: list[dict[str, Any]]) -> None:
        if not versions:
            self.update(Text("No verdicts on this claim.", style="italic"))
            return
        table = Table(expand=True, box=None, padding=(0, 1), show_edge=False)
        table.add_column("", style="dim", no_wrap=True)
        for n, v in enumerate(versions, start=1):
            table.add_column(f"[b]{n}[/b] {v['reviewer']}", ratio=1)
        statuses = [v["status"] for v in versions]
        table.add_row(
            "verdict",
            *(Text(s, style="bold green" if s == "accepted" else "bold red") for s in statuses),
        )
        for field, label in SHOWN:
            cells = [v["fields"].get(field) for v in versions]
            differ = len({repr(c) for c in cells}) > 1
            shown = [format_number(c) if field == "value" else str(c or "—") for c in cells]
            table.add_row(
                Text(label, style="bold yellow" if differ else "dim"),
                *(Text(c, style="yellow" if differ else "") for c in shown),
            )
        self.update(table)


class AdjudicateScreen(ReviewScreen):
    """The review screen over disputed claims, with the reviewers' versions side by side."""

    BINDINGS: ClassVar[list[BindingType]] = PICK_BINDINGS  # and ReviewScreen's, inherited

    def on_mount(self) -> None:
        versions = Versions(id="versions")
        versions.border_title = "versions (1–9 takes one)"
        self.query_one("#main").mount(versions)
        super().on_mount()

    def _after_write(self, decision: review.Decision, *, moved: bool = False) -> None:
        # Every adjudication takes the claim out of the disputed list: re-read the list.
        super()._after_write(decision, moved=True)

    def goto(self, row: dict[str, Any] | None, index: int | None = None) -> None:
        super().goto(row, index)
        versions = teams.versions(self.conn, self.claim["id"]) if self.claim else []
        self.query_one(Versions).show(versions)

    def _empty_message(self) -> str:
        return "No disputed claims: the reviewers agree on everything judged so far."

    def action_pick(self, n: int) -> None:
        """Make the n-th reviewer's version final and go to the next disputed claim."""
        if self.claim is None:
            return
        versions = teams.versions(self.conn, self.claim["id"])
        if not 1 <= n <= len(versions):
            self.notify(f"There is no version {n}.", timeout=2)
            return
        try:
            decision = teams.adjudicate(
                self.conn, self.claim["id"], self.reviewer, pick=versions[n - 1]["reviewer"]
            )
        except review.ReviewError as exc:
            self.notify(str(exc), severity="error")
            return
        self._after_write(decision)
        self._go_next_pending()
