"""Modal panels of the review app: help, a claim's history, search and the filter form."""

from __future__ import annotations

import json
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from db import alternatives, flags, review
from db.connection import connect
from db.decisions import SIDE_FIELDS
from db.rows import ClaimRow, HistoryRow, SearchHit
from db.schema import KINDS, STATUSES
from tui.text import as_text, shown_line
from tui.widgets.claim_card import QUALIFIER_WORDS, format_number
from tui.widgets.claim_list import hit_label
from tui.widgets.layout import PANEL_WIDE

PANEL_CSS = """
{name} {{
    align: center middle;
}}
{name} > Vertical {{
    width: 110;
    max-width: 100%;
    height: auto;
    max-height: 90%;
    border: thick $accent;
    background: $surface;
    padding: 0 1;
}}
"""


#: The widest the help's keys column gets (its longest key, ``shift+tab W``, fits).
KEYS_WIDTH = 14
#: The widest the history's one "decision" column gets under PANEL_WIDE columns (a time to the
#: second, ``2026-12-07 19:09:47``, fits on a line).
DECISION_WIDTH = 20


class HelpScreen(ModalScreen[None]):
    """Every key, what it does, and its id for a keymap."""

    DEFAULT_CSS = PANEL_CSS.format(name="HelpScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="panel.close",
                tooltip="Close this panel"),
    ]  # fmt: skip

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        super().__init__()
        self.rows = rows
        """(keys, action, what it does, binding id) per review action."""

    def compose(self) -> ComposeResult:
        table = Table(expand=True, box=None, header_style="bold", padding=(0, 1))
        # The keys wrap at their spaces: the seventeen hint labels on one line took a third
        # of the width and left "what it does" four lines per action at 120 columns. Under
        # PANEL_WIDE columns the binding id goes after what the action does and the keys and the
        # action wrap narrower: unwrapped, they left "what it does" no room at 60 columns.
        wide = self.app.size.width >= PANEL_WIDE
        table.add_column("keys", style="bold", max_width=KEYS_WIDTH if wide else KEYS_WIDTH // 2)
        table.add_column("action", no_wrap=wide, max_width=None if wide else KEYS_WIDTH)
        table.add_column("what it does" if wide else "what it does · id (keymap)", ratio=1)
        if wide:
            table.add_column("id (keymap)", style="dim", no_wrap=True)
        extra = [
            ("tab", "Focus", "Move focus between the claim list and the document", ""),
            ("ctrl+p", "Commands", "Command palette with every action", ""),
            ("shift+↑↓", "Scroll", "Scroll the focused document or list", ""),
        ]
        for keys, action, what, bid in [*self.rows, *extra]:
            if wide:
                table.add_row(keys, action, what, bid)
            else:
                table.add_row(keys, action, Text.assemble(what, (f"  {bid}" if bid else "", "dim")))
        with Vertical():
            yield Static("[b]claimdesk review — keys[/b]   (Esc closes)")
            with VerticalScroll():
                yield Static(table)
            yield Static(
                "Decisions are saved the moment you make them; quitting never loses work.\n"
                "Every action has a key that is not a letter, for Chinese input methods; with"
                " one on, its ！？。，＊【】 and full-width digits work as ! ? . , * [ ] and 1…9.",
                classes="dim",
            )

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)


class HistoryScreen(ModalScreen[None]):
    """A claim's decisions, oldest first, with what each changed."""

    DEFAULT_CSS = PANEL_CSS.format(name="HistoryScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,h,f5", "close", "Close", id="panel.close", tooltip="Close this panel"),
    ]

    def __init__(self, claim: ClaimRow, rows: list[HistoryRow]) -> None:
        super().__init__()
        self.claim = claim
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(expand=True, box=None, header_style="bold", padding=(0, 1))
        # Under PANEL_WIDE columns the decision's number, time, reviewer, action and status share
        # one wrapping column: as six columns they pushed "changes" off the panel at 60.
        wide = self.app.size.width >= PANEL_WIDE
        if wide:
            table.add_column("#", justify="right", style="dim")
            table.add_column("at (UTC)", no_wrap=True)
            table.add_column("reviewer", no_wrap=True)
            table.add_column("action", no_wrap=True, style="bold")
            table.add_column("status", no_wrap=True)
        else:
            table.add_column("decision", max_width=DECISION_WIDTH)
        # The changes are what a reader looks for: they get the room (at 120 columns a pick's
        # description in the action column and the full timestamp left them six cells).
        table.add_column("changes", ratio=1, min_width=30 if wide else 12)
        for r in self.rows:
            status = f"{r['status_before'] or '—'} → {r['status_after']}"
            changes = Text()
            if r.get("picked"):  # a pick among the extractor's alternatives (issue 14)
                changes.append(shown_line(alternatives.describe_pick(r["picked"])) + "  ")
            if r.get("suggested"):  # saved as shown, from the document's decisions
                changes.append(f"{' and '.join(r['suggested'])} suggested from decisions  ")
            if flags.describe(r["after"]):  # a flag, or the undo of one
                changes.append(shown_line(flags.describe(r["after"])))
            for field, (old, new) in r["changes"].items():
                if field in ("status", *SIDE_FIELDS):
                    continue
                changes.append(f"{field}: ", style="dim")
                old_new = f"{field_value(field, old)} → {field_value(field, new)}  "
                changes.append(shown_line(old_new))
            action = r["action"] + (f" of #{r['undoes']}" if r["undoes"] else "")
            at = r["at"][:19].replace("T", " ")  # to the second: the log keeps milliseconds
            reviewer = as_text(shown_line(r["reviewer"]))
            if wide:
                table.add_row(str(r["id"]), at, reviewer, action, status, changes)
            else:
                decision = Text.assemble(
                    (f"#{r['id']} ", "dim"),
                    (action, "bold"),
                    f" {status}\n",
                    reviewer,
                    (f" {at} UTC", "dim"),
                )
                table.add_row(decision, changes)
        original = self.claim.get("original")
        with Vertical():
            yield Static(
                Text.assemble(
                    (f"History of claim #{self.claim['id']}", "bold"),
                    f"  ({shown_line(self.claim['quantity_text'])})   Esc closes",
                )
            )
            if not self.rows:
                yield Static("No decisions yet: the claim is as the extractor proposed it.")
            else:
                with VerticalScroll():
                    yield Static(table)
            if original:
                summary = proposal_summary(original)
                yield Static(as_text(f"Extractor's original proposal: {summary}", style="dim"))

    def action_close(self) -> None:
        """Close the history."""
        self.dismiss(None)


#: The fields of the extractor's original proposal the history summarises, in card order.
PROPOSAL_FIELDS = ("quantity_text", "value", "unit", "qualifier", "subject", "predicate",
                   "object", "time_text", "time", "kind")  # fmt: skip


def field_value(name: str, value: object) -> str:
    """One field's value as the history shows it: ``—`` for an empty one, a qualifier with
    its words (``= (exactly)``: a bare ``=`` after a field name read as ``qualifier==``)."""
    if value is None or value == "":
        return "—"
    if name == "value" and isinstance(value, int | float):
        return format_number(value)  # 10,000,000, not 10000000.0
    text = shown_line(str(value))
    if name == "qualifier" and text in QUALIFIER_WORDS:
        return f"{text} ({QUALIFIER_WORDS[text]})"
    return text


def proposal_summary(original: str) -> str:
    """The extractor's original proposal (the ``original`` JSON of an edited claim) on one
    line: every fact field a reviewer may have changed as ``field: value``, ``—`` for an empty
    one, ``;`` between fields (a Chinese value may hold commas)."""
    proposal = json.loads(original)
    return "; ".join(
        f"{k}: {field_value(k, proposal[k])}" for k in PROPOSAL_FIELDS if k in proposal
    )


class SearchScreen(ModalScreen[int | None]):
    """Search document text and claim fields; dismisses with the claim to jump to (or, for a
    hit in a document without claims, None with :attr:`document` set).

    The query runs in a thread worker with its own connection (a LIKE over a million claims
    takes a moment), so typing never waits for the database.
    """

    DEFAULT_CSS = (
        PANEL_CSS.format(name="SearchScreen")
        + """
    SearchScreen OptionList {
        height: auto;
        max-height: 24;
        /* one hit, one line (a long snippet broke at its first space and left the hit's
           own row looking empty) */
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SearchScreen #status {
        color: $text-muted;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="panel.close", tooltip="Close the search"),
        Binding("down", "focus_results", "Results", id="search.results", show=False,
                tooltip="Move to the results"),
    ]  # fmt: skip

    #: Wait this long after the last keystroke before searching.
    DEBOUNCE = 0.25

    def __init__(self, db_path: str) -> None:
        super().__init__()
        self.db_path = db_path
        self.hits: list[SearchHit] = []
        self.document: int | None = None
        """The document picked when its hit has no claim to jump to."""
        self.query_text = ""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Search[/b]  text, titles, subject, predicate, quantity   Esc closes")
            yield Input(placeholder="e.g. 人保, 捐资, 650名", id="query")
            yield Static("Type to search; Enter or ↓ to the results.", id="status")
            yield OptionList(id="results")

    def on_mount(self) -> None:
        """Focus the query."""
        self.query_one("#query", Input).focus()

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, lambda: self.run_search(event.value))

    @on(Input.Submitted, "#query")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value.strip() != self.query_text or not self.hits:
            self.run_search(event.value, then_focus=True)
        else:
            self.action_focus_results()

    def run_search(self, query: str, then_focus: bool = False) -> None:
        """Start a search for ``query`` in a worker."""
        self.query_text = query.strip()
        if not self.query_text:
            self.query_one(OptionList).clear_options()
            self.query_one("#status", Static).update("Type to search.")
            return
        self.query_one("#status", Static).update(
            Text(f"Searching for {shown_line(repr(self.query_text))}…")
        )
        self._search(self.query_text, then_focus)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, then_focus: bool) -> None:
        from extractor.hanzi import written_forms  # the extractor's import is costly: on use

        conn = connect(self.db_path, create=False, check_same_thread=False)
        try:
            hits = review.search(conn, query, forms=written_forms)
        finally:
            conn.close()
        self.app.call_from_thread(self._show, query, hits, then_focus)

    def _show(self, query: str, hits: list[SearchHit], then_focus: bool) -> None:
        if query != self.query_text:
            return  # a newer search is under way
        self.hits = hits
        results = self.query_one(OptionList)
        kept = results.highlighted  # a repeated search (the debounce) keeps the reader's place
        results.clear_options()
        for i, hit in enumerate(hits):
            results.add_option(Option(hit_label(hit), id=str(i)))
        n = len(hits)
        if n and results.has_focus:
            results.highlighted = min(kept or 0, n - 1)
        self.query_one("#status", Static).update(
            Text(
                f"{n} hit{'s' if n != 1 else ''} for {shown_line(repr(query))}"
                + (" — Enter jumps to the claim" if n else "")
            )
        )
        if then_focus and n:
            self.action_focus_results()

    def action_focus_results(self) -> None:
        """Move focus to the results."""
        results = self.query_one(OptionList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @on(OptionList.OptionSelected, "#results")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        if hit["claim_id"] is None:
            self.document = hit["doc_id"]
        self.dismiss(hit["claim_id"])

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)


class FilterScreen(ModalScreen[review.ClaimFilter | None]):
    """Choose status, kind, rule, document and source; Enter or Ctrl+S applies, Esc cancels."""

    DEFAULT_CSS = (
        PANEL_CSS.format(name="FilterScreen")
        + """
    FilterScreen Grid {
        grid-size: 2;
        grid-columns: 12 1fr;
        height: auto;
    }
    FilterScreen Grid Label {
        padding: 1 0 0 0;
        width: 100%;
        text-align: right;
    }
    FilterScreen #errors {
        color: $error;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", id="filter.apply", priority=True,
                tooltip="Apply the filter"),
        Binding("ctrl+r", "reset", "Reset", id="filter.reset", tooltip="Show all claims"),
        Binding("escape", "cancel", "Cancel", id="filter.cancel", tooltip="Keep the old filter"),
    ]  # fmt: skip

    def __init__(self, current: review.ClaimFilter, rules: list[str], doc_id: int | None) -> None:
        super().__init__()
        self.current = current
        self.rules = rules
        self.doc_id = doc_id

    def compose(self) -> ComposeResult:
        c = self.current
        with Vertical():
            yield Static("[b]Filter claims[/b]   Ctrl+S apply · Ctrl+R show all · Esc cancel")
            with Grid():
                yield Label("status")
                yield Select(
                    [(s, s) for s in STATUSES], value=c.status or Select.NULL, id="status",
                    prompt="any",
                )  # fmt: skip
                yield Label("kind")
                yield Select(
                    [(k, k) for k in KINDS], value=c.kind or Select.NULL, id="kind", prompt="any"
                )
                yield Label("rule")
                yield Select(
                    [(Text(shown_line(r)), r) for r in self.rules if r],
                    value=c.rule if c.rule in self.rules else Select.NULL,
                    id="rule",
                    prompt="any",
                )
                yield Label("document")
                yield Input(
                    value="" if c.doc_id is None else str(c.doc_id),
                    placeholder=f"document id; empty = all; . = this one ({self.doc_id})",
                    id="doc",
                )
                yield Label("flagged")
                yield Checkbox("only claims flagged for a second look", c.flagged, id="flagged")
                yield Label("source")  # documents by their source (issue 14, "docs")
                yield Input(
                    value=c.source_has or "",
                    placeholder="part of the source the header shows, e.g. seeds/; empty = all",
                    id="source",
                )
            yield Static(id="errors")

    def on_mount(self) -> None:
        """Start at the status."""
        self.query_one("#status", Select).focus()

    def _value(self, widget_id: str) -> str | None:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else str(value)

    def action_apply(self) -> None:
        """Close with the chosen filter."""
        raw = self.query_one("#doc", Input).value.strip()
        doc_id: int | None = None
        if raw == ".":
            doc_id = self.doc_id
        elif raw:
            try:
                doc_id = int(raw)
            except ValueError:
                self.query_one("#errors", Static).update("document: a number, '.' or empty")
                return
        self.dismiss(
            review.ClaimFilter(
                status=self._value("status"),
                kind=self._value("kind"),
                rule=self._value("rule"),
                doc_id=doc_id,
                flagged=self.query_one("#flagged", Checkbox).value,
                source_has=self.query_one("#source", Input).value.strip() or None,
            )
        )

    @on(Input.Submitted, "#doc, #source")
    def _submitted(self) -> None:
        self.action_apply()

    def action_reset(self) -> None:
        """Close with no filter."""
        self.dismiss(review.ClaimFilter())

    def action_cancel(self) -> None:
        """Close, keeping the old filter."""
        self.dismiss(None)


class NameScreen(ModalScreen[str | None]):
    """Ask who is reviewing (a browser session through ``claimdesk serve`` has no login name).

    Enter starts with the name typed (or the one offered); Esc quits.
    """

    DEFAULT_CSS = PANEL_CSS.format(name="NameScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Quit", id="name.cancel", tooltip="Quit without reviewing"),
    ]

    def __init__(self, suggestion: str = "") -> None:
        super().__init__()
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Who is reviewing?[/b]  Your name goes with every decision.")
            yield Input(value=self.suggestion, placeholder="your name", id="name")
            yield Static("Enter starts · Esc quits", id="status")

    def on_mount(self) -> None:
        """Focus the name."""
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)
        else:
            self.query_one("#status", Static).update("A name is needed (Esc quits).")

    def action_cancel(self) -> None:
        """Quit."""
        self.dismiss(None)
