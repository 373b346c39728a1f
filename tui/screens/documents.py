"""The document picker (``d`` / ``F9``): open any document, one without candidates too.

Every document in id order with its ordinal, source, title and claim counts, paged from SQLite
(:class:`tui.widgets.document_list.DocumentList`); typing filters by a source or title
substring (counted in a thread worker on a connection of its own, so typing never waits for
the database). Enter (or a click) dismisses with the document's id; the review session opens
it (:meth:`db.session.ReviewSession.open_document`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from typing import Any, ClassVar, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static

from db import documents
from db.connection import connect
from db.rows import ClaimRow, DocumentRow
from tui.screens.panels import PANEL_CSS
from tui.text import shown_line
from tui.widgets.document_list import DocumentList


def whole_document(doc: DocumentRow) -> ClaimRow:
    """An anchor for the add form in a document without claims: its "sentence" is the whole
    text, so the quantity can be selected or found anywhere in it."""
    return cast(ClaimRow, {"id": 0, "doc_id": doc["id"], "start": 0, "end": 0,
                           "sentence_start": 0, "sentence_end": len(doc["text"])})  # fmt: skip


def without_sentence(fields: Mapping[str, Any]) -> dict[str, Any]:
    """An added claim's fields without the form's sentence bounds, so the sentence around the
    quantity is found (the form's "sentence" was the whole document)."""
    return {k: v for k, v in fields.items() if k not in ("sentence_start", "sentence_end")}


class DocumentsScreen(ModalScreen[int | None]):
    """Pick a document; dismisses with its id (None: cancelled)."""

    DEFAULT_CSS = (
        PANEL_CSS.format(name="DocumentsScreen")
        + """
    DocumentsScreen > Vertical {
        height: 90%;
    }
    DocumentsScreen DocumentList {
        height: 1fr;
    }
    DocumentsScreen #status {
        color: $text-muted;
    }
    """
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="documents.close", tooltip="Close the list"),
        Binding("down", "list('cursor_down')", "Down", show=False, id="documents.next"),
        Binding("up", "list('cursor_up')", "Up", show=False, id="documents.previous"),
        Binding("pagedown", "list('page_down')", "Page down", show=False,
                id="documents.next_page"),
        Binding("pageup", "list('page_up')", "Page up", show=False, id="documents.previous_page"),
    ]  # fmt: skip

    #: Wait this long after the last keystroke before filtering.
    DEBOUNCE = 0.2

    def __init__(self, conn: sqlite3.Connection, db_path: str, current: int | None) -> None:
        """
        Args:
            conn: the app's reading connection (rows near the viewport are read on it).
            db_path: the database, for the worker's own connection.
            current: the document on screen (the cursor starts on it).
        """
        super().__init__()
        self.conn = conn
        self.db_path = db_path
        self.current = current
        self.text = ""
        """The filter the list shows (or is being counted)."""
        self.shown: str | None = None
        """The filter the list shows once counted (None before the first count)."""
        self._timer: Timer | None = None
        self._open_when_shown = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "[b]Open a document[/b]   type to filter by source or title · ↑↓ PgUp PgDn"
                " move · Enter opens · Esc closes"
            )
            yield Input(
                placeholder="source or title, e.g. seeds/ or 人保",
                id="filter",
                select_on_focus=False,
            )
            yield Static("Counting documents…", id="status")
            yield DocumentList(id="documents")

    def on_mount(self) -> None:
        """Focus the filter and list every document."""
        self.query_one("#filter", Input).focus()
        self.refilter("")

    @on(Input.Changed, "#filter")
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, lambda: self.refilter(event.value))

    def refilter(self, text: str) -> None:
        """Count the documents matching ``text`` in a worker, then show them."""
        self.text = text.strip()
        self._count(self.text)

    @work(thread=True, exclusive=True, group="documents")
    def _count(self, text: str) -> None:
        conn = connect(self.db_path, create=False, check_same_thread=False)
        try:
            total = documents.count_documents(conn, text)
            current = self.current if not text else None  # a filtered list starts at its top
            cursor = documents.index_of(conn, text, current) if current else 0
        finally:
            conn.close()
        self.app.call_from_thread(self._show, text, total, cursor)

    def _show(self, text: str, total: int, cursor: int) -> None:
        if text != self.text:
            return  # a newer filter is being counted
        self.shown = text
        self.query_one(DocumentList).configure(self.conn, text, total, cursor)
        what = f" matching {shown_line(repr(text))}" if text else ""
        self.query_one("#status", Static).update(
            Text(f"{total:,} document{'s' if total != 1 else ''}{what}")
        )
        if self._open_when_shown:
            self._open_when_shown = False
            self.query_one(DocumentList).action_choose()

    @on(Input.Submitted, "#filter")
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value.strip() != self.text or self.shown != self.text:
            # Enter right after typing: filter first, then open the row under the cursor.
            if self._timer is not None:
                self._timer.stop()
            self._open_when_shown = True
            if event.value.strip() != self.text:
                self.refilter(event.value)
            return
        self.query_one(DocumentList).action_choose()

    def on_key(self, event: events.Key) -> None:
        """Typing while the list has focus goes on in the filter."""
        if event.is_printable and event.character and isinstance(self.focused, DocumentList):
            event.stop()
            field = self.query_one("#filter", Input)
            field.focus()
            field.insert_text_at_cursor(event.character)

    @on(DocumentList.Chosen)
    def _chosen(self, event: DocumentList.Chosen) -> None:
        self.dismiss(event.doc_id)

    def action_list(self, action: str) -> None:
        """Move the list's cursor while the filter has focus."""
        getattr(self.query_one(DocumentList), f"action_{action}")()

    def action_close(self) -> None:
        """Close without opening a document."""
        self.dismiss(None)
