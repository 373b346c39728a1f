"""The document picker's list: a Line-API view paging documents from SQLite.

Like the claim list (and Toolong's ``LogLines``): the view's height is a count
(``virtual_size``), ``render_line(y)`` draws one row, and rows are read a page at a time, only
near the viewport, from the covering index of :mod:`db.documents`; a small LRU keeps the pages
read, so 100k documents open at once and memory stays flat.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from rich.style import StyleType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from db import documents
from db.documents import DocumentListRow
from tui.text import shown_line

#: Rows read per database round trip.
PAGE = 100
#: Pages kept (memory stays flat: at most PAGES × PAGE rows).
PAGES = 20


class DocumentList(ScrollView, can_focus=True, inherit_bindings=False):
    """Documents in id order — ordinal, source, title, claims and pending counts — with a
    cursor; posts :class:`DocumentList.Chosen` on Enter or a click."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document-list--cursor",
        "document-list--dim",
        "document-list--none",
    }

    DEFAULT_CSS = """
    DocumentList {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    DocumentList > .document-list--cursor {
        background: $accent 60%;
        text-style: bold;
    }
    DocumentList > .document-list--dim {
        color: $text-muted;
    }
    DocumentList > .document-list--none {
        color: $warning;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False, id="documents.down"),
        Binding("up", "cursor_up", "Up", show=False, id="documents.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="documents.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="documents.page_up"),
        Binding("home", "first", "First", show=False, id="documents.first"),
        Binding("end", "last", "Last", show=False, id="documents.last"),
        Binding("enter", "choose", "Open", show=False, id="documents.open"),
    ]

    class Chosen(Message):
        """A document was chosen (Enter or a click)."""

        def __init__(self, doc_id: int) -> None:
            super().__init__()
            self.doc_id = doc_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.conn: sqlite3.Connection | None = None
        self.text = ""
        """The filter: a source or title substring."""
        self.total = 0
        """Documents matching the filter."""
        self.cursor = -1
        self.reads = 0
        """Pages read from the database (for tests: never all of them)."""
        self._pages: LRUCache[int, list[DocumentListRow]] = LRUCache(PAGES)

    def configure(self, conn: sqlite3.Connection, text: str, total: int, cursor: int) -> None:
        """Show the ``total`` documents matching ``text`` with the cursor on row ``cursor``."""
        self.conn, self.text, self.total = conn, text, total
        self._pages.clear()
        self.virtual_size = Size(0, total)
        self.cursor = min(max(cursor, 0), total - 1) if total else -1
        self._follow_cursor()
        self.refresh()

    def row(self, index: int) -> DocumentListRow | None:
        """Row ``index``, read with its page when not cached."""
        if not 0 <= index < self.total or self.conn is None:
            return None
        number = index // PAGE
        page = self._pages.get(number)
        if page is None:
            page = documents.document_rows(self.conn, self.text, number * PAGE, PAGE)
            self.reads += 1
            self._pages[number] = page
        i = index - number * PAGE
        return page[i] if i < len(page) else None

    @property
    def chosen(self) -> DocumentListRow | None:
        """The row under the cursor."""
        return self.row(self.cursor)

    # ---------------------------------------------------------------- cursor

    def move_cursor(self, index: int) -> None:
        """Put the cursor on row ``index`` (clamped) and scroll it into view."""
        if not self.total:
            return
        self.cursor = min(max(index, 0), self.total - 1)
        self._follow_cursor()
        self.refresh()

    def _follow_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if self.cursor < 0 or height <= 0:
            return
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        """Keep the cursor in view."""
        self._follow_cursor()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_down(self) -> None:
        """The next document."""
        self.move_cursor(self.cursor + 1)

    def action_cursor_up(self) -> None:
        """The previous document."""
        self.move_cursor(self.cursor - 1)

    def action_page_down(self) -> None:
        """A page further."""
        self.move_cursor(self.cursor + self._page_rows())

    def action_page_up(self) -> None:
        """A page back."""
        self.move_cursor(self.cursor - self._page_rows())

    def action_first(self) -> None:
        """The first document."""
        self.move_cursor(0)

    def action_last(self) -> None:
        """The last document."""
        self.move_cursor(self.total - 1)

    def action_choose(self) -> None:
        """Open the document under the cursor."""
        row = self.chosen
        if row is not None:
            self.post_message(self.Chosen(row["id"]))

    def on_click(self, event: Click) -> None:
        """Choose the clicked row."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_offset.y)
        if self.row(index) is not None:
            self.move_cursor(index)
            self.action_choose()

    # ---------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        """One document (Line API)."""
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        row = self.row(index)
        if row is None:
            return Strip.blank(width, base)
        text = self.render_row(row, width)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("document-list--cursor"))
        segments = list(text.render(self.app.console, end=""))
        strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
        if index == self.cursor:
            strip = strip.apply_style(self.get_component_rich_style("document-list--cursor"))
        return strip

    def render_row(self, row: DocumentListRow, width: int) -> Text:
        """Ordinal, source (a third of the width at most; all the room when the document has
        no title), title, then the claim counts right-aligned; every text plain (never
        markup), cut with an ellipsis."""
        return row_text(
            row,
            width,
            dim=self.get_component_rich_style("document-list--dim"),
            none=self.get_component_rich_style("document-list--none"),
        )


def row_text(
    row: DocumentListRow, width: int, dim: StyleType = "dim", none: StyleType = ""
) -> Text:
    """One picker row as Text of at most ``width`` cells (see :meth:`DocumentList.render_row`)."""
    if row["claims"]:
        plural = "s" if row["claims"] != 1 else ""
        counts = Text(f" {row['claims']:,} claim{plural} · {row['pending']:,} pending", style=dim)
    else:
        counts = Text(" no candidates", style=none)
    ordinal = Text(f"{row['ordinal']:>6} ", style=dim)
    room = max(8, width - ordinal.cell_len - counts.cell_len)
    source = Text(shown_line(row["source"]), style="italic")
    # Without a title the source is all there is to tell documents apart (a corpus of
    # records with ids): it gets the whole room, not a third of it beside "(untitled)".
    share = room // 3 if row["title"] else room - 2
    source.truncate(max(6, min(source.cell_len, share)), overflow="ellipsis")
    title = Text(shown_line(row["title"] or ""))
    title_room = max(0, room - source.cell_len - 2)
    title.truncate(title_room, overflow="ellipsis", pad=True)
    text = Text.assemble(ordinal, source, "  ", title, counts, no_wrap=True, end="")
    text.truncate(width, overflow="ellipsis")
    return text
