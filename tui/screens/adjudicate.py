"""Adjudication: only the claims reviewers disagree on, each reviewer's version side by side.

The adjudicator takes one version with its number key (1–9), or decides the claim themself
(accept, reject, edit). The result is final and logged like any decision; undo puts the dispute
back. Everything else — moving, search, history, help — works as on the review screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Static

from db.rows import Verdict
from db.session import View
from tui.screens.review import ReviewScreen
from tui.text import as_text, shown_line
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

    def show(self, versions: list[Verdict]) -> None:
        if not versions:
            self.update(Text("No verdicts on this claim.", style="italic"))
            return
        table = Table(expand=True, box=None, padding=(0, 1), show_edge=False)
        table.add_column("", style="dim", no_wrap=True)
        for n, v in enumerate(versions, start=1):
            table.add_column(
                Text.assemble((f"{n}", "bold"), " ", shown_line(v["reviewer"])), ratio=1
            )
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
                *(as_text(c, style="yellow" if differ else "") for c in shown),
            )
        self.update(table)


class AdjudicateScreen(ReviewScreen):
    """The review screen over disputed claims, with the reviewers' versions side by side.

    Everything that differs from reviewing lives in the session's adjudication strategy
    (:class:`db.session.AdjudicateStrategy`); this screen only adds the versions panel and the
    pick keys.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(PICK_BINDINGS)  # and ReviewScreen's, inherited

    async def on_mount(self) -> None:
        versions = Versions(id="versions")
        versions.border_title = "versions (1–9 takes one)"
        await self.query_one("#main").mount(versions)
        await super().on_mount()

    def on_view(self, view: View) -> None:
        self.query_one(Versions).show(view.versions)

    async def action_pick(self, n: int) -> None:
        """Make the n-th reviewer's version final and go to the next disputed claim."""
        if self.claim is None:
            return
        await self._act(lambda: self.session.pick(n), "saving")
