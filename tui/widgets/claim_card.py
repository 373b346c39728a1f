"""The claim card, the header line and the progress line of the review screen."""

from __future__ import annotations

import time

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

from db.rows import ClaimRow, DocumentRow
from tui.text import shown_line

#: Card label colours match the document highlight layers.
LAYER_LABEL_STYLE = {
    "quantity": "bold #000000 on #e5c07b",
    "subject": "#ffffff on #2f5f9f",
    "predicate": "#ffffff on #7a3f8f",
    "time": "#ffffff on #2f7f5f",
}
STATUS_STYLE = {"pending": "bold", "accepted": "bold green", "rejected": "bold red"}
QUALIFIER_WORDS = {
    "=": "exactly",
    "~": "about",
    ">": "more than",
    ">=": "at least",
    "<": "less than",
    "<=": "at most",
}


def format_number(value: float | None) -> str:
    """A value without a spurious ``.0`` and with thousands separators."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e15 else f"{value:g}"


class ClaimCard(Static):
    """Every field of the current claim, its status, who decided it and when."""

    def show(self, claim: ClaimRow | None, message: str = "") -> None:
        """Render ``claim`` (or ``message`` when there is none)."""
        if claim is None:
            self.update(Text(message or "No claim.", style="italic"))
            return
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_column(justify="right", style="dim", no_wrap=True)
        grid.add_column(ratio=1)

        def label(name: str, layer: str | None = None) -> Text:
            return Text(f" {name} ", style=LAYER_LABEL_STYLE[layer]) if layer else Text(name)

        def line(value: object) -> Text:
            return Text(shown_line(value) if value not in (None, "") else "—")

        value = format_number(claim["value"])
        if claim.get("value_max") is not None:
            value += f" – {format_number(claim['value_max'])}"
        qualifier = claim["qualifier"]
        value_text = Text.assemble(
            (f"{qualifier} ", "bold"),
            (value, "bold"),
            f" {shown_line(claim['unit'])}",
            (f"  ({QUALIFIER_WORDS.get(qualifier, '')})", "dim"),
        )
        time_text = Text(shown_line(claim["time_text"] or "—"))
        if claim["time"]:
            time_text.append(f"  → {shown_line(claim['time'])}", style="dim")
        status = Text(claim["status"], style=STATUS_STYLE.get(claim["status"], ""))
        if claim["edited"]:
            status.append(" (edited)", style="italic")
        if claim["origin"] == "reviewer":
            status.append(" (added by reviewer)", style="italic")
        decided = Text(
            f"{shown_line(claim['reviewer'])} at {claim['decided_at']}"
            if claim["decided_at"]
            else "not yet"
        )
        grid.add_row(
            label("quantity", "quantity"), line(claim["quantity_text"]), "value", value_text
        )
        grid.add_row(
            label("subject", "subject"), line(claim["subject"]), "kind", line(claim["kind"])
        )
        grid.add_row(label("predicate", "predicate"), line(claim["predicate"]), "status", status)
        grid.add_row("object", line(claim["object"]), "decided", decided)
        grid.add_row(
            label("time", "time"),
            time_text,
            "confidence",
            f"{claim['confidence']:.2f}",
        )
        grid.add_row(
            "offsets",
            f"{claim['start']}–{claim['end']} (sentence {claim['sentence_start']}–"
            f"{claim['sentence_end']})",
            "rule",
            line(f"{claim['rule']} {claim['extractor_version']}".strip()),
        )
        title = Text.assemble(("claim ", "dim"), (f"#{claim['id']}", "bold"))
        self.update(Group(title, grid))


class ReviewHeader(Static):
    """Document title and source, and where the claim is: claim n of m in document d of D."""

    def show(
        self,
        doc: DocumentRow | None,
        position: tuple[int, int, int, int] | None,
        list_info: str = "",
    ) -> None:
        """Render the header for ``doc`` at ``position`` (n, m, d, D)."""
        if doc is None:
            self.update(Text("claimdesk — no claims to review", style="bold"))
            return
        line1 = Text.assemble(
            (shown_line(doc["title"] or "(untitled)"), "bold"),
            ("  —  ", "dim"),
            (shown_line(doc["source"]), "italic"),
            no_wrap=True,
            overflow="ellipsis",
        )
        line2 = Text(no_wrap=True, overflow="ellipsis")
        if position:
            n, m, d, total_docs = position
            line2.append(f"claim {n} of {m}", style="bold")
            line2.append(f" in document {d:,} of {total_docs:,}")
        if list_info:
            line2.append(f"   {list_info}", style="dim")
        self.update(Group(line1, line2))


class SessionProgress(Horizontal):
    """Decided / total, this session's rate per hour and the time left at that rate."""

    DEFAULT_CSS = """
    SessionProgress {
        height: 1;
    }
    SessionProgress ProgressBar {
        width: 40;
    }
    SessionProgress Label {
        width: 1fr;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.started = time.monotonic()
        """When this session began."""
        self.session_decisions = 0
        """Decisions this session (undo takes one back; skips do not count)."""
        self.busy = False
        """An action is waiting for the database."""
        self._counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, id="progress-bar")
        yield Label(id="progress-label")

    def show(self, counts: dict[str, int]) -> None:
        """Update from the status counts of the whole database."""
        total = sum(counts.values())
        decided = counts.get("accepted", 0) + counts.get("rejected", 0)
        pending = counts.get("pending", 0)
        bar = self.query_one(ProgressBar)
        bar.update(total=max(total, 1), progress=decided)
        hours = max(time.monotonic() - self.started, 1.0) / 3600
        rate = self.session_decisions / hours if self.session_decisions > 0 else 0.0
        if rate > 0:
            left = pending / rate
            left_text = f"{int(left)}h{int(left * 60) % 60:02d}m left"
        else:
            left_text = "time left: — (decide a few claims)"
        self.query_one("#progress-label", Label).update(
            f"{'saving… · ' if self.busy else ''}{decided:,} / {total:,} decided · "
            f"{pending:,} pending · {rate:,.0f}/h this session · {left_text}"
        )
        self._counts = dict(counts)

    def set_busy(self, busy: bool) -> None:
        """Show (or clear) the "saving…" mark while an action waits for the database."""
        if busy != self.busy:
            self.busy = busy
            if self.is_mounted:
                self.show(self._counts)
