"""The claim list: a Line-API view paging from SQLite, so a million claims open instantly.

Like Toolong's ``LogLines``: the view's height is a count (``virtual_size``), ``render_line(y)``
draws one row, rendered rows sit in an LRU cache, and rows are read from the database only near
the viewport. Reading keeps one contiguous *window* of rows: scrolling extends it by keyset
(``(doc_id, start, id) > last``), which costs the same anywhere in the list; only a jump far
away (dragging the scrollbar) lands with ``OFFSET``.
"""

from __future__ import annotations

import sqlite3
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from db import review
from db.rows import ListRow, SearchHit
from tui.text import shown_line

#: Rows read per database round trip.
CHUNK = 200
#: The window never holds more rows than this (memory stays flat however long the list).
MAX_WINDOW = 2_000
#: A row this close to the window is reached by extending it; farther, the window jumps.
NEAR = 400

GLYPHS = {"pending": "·", "accepted": "✓", "rejected": "✗"}

#: The subject gets at least this many cells (six Chinese characters) when the list can give
#: them: a narrow list drops the document column, then narrows the quantity column.
SUBJECT_MIN = 12
#: Cells before the quantity column: status, edit mark, flag.
MARKS_WIDTH = 3
#: The document column: the id right-aligned in five cells and a space.
DOC_WIDTH = 6
#: Column layouts, widest first: (document column shown, quantity column's width).
LAYOUTS: tuple[tuple[bool, int], ...] = ((True, 12), (False, 12), (False, 10), (False, 8))


def list_columns(width: int) -> tuple[bool, int]:
    """The first of :data:`LAYOUTS` that leaves the subject :data:`SUBJECT_MIN` cells of a
    row ``width`` cells wide (the narrowest when none does): at 120 columns every column
    shows, at 80 the document column goes (the header names the document) so the subject
    reads."""
    for doc, quantity in LAYOUTS:
        if MARKS_WIDTH + (DOC_WIDTH if doc else 0) + quantity + 1 + SUBJECT_MIN <= width:
            return doc, quantity
    return LAYOUTS[-1]


def row_key(row: ListRow) -> tuple[object, ...]:
    """Everything :meth:`ClaimList.render_row` shows of ``row``: equal keys, equal rows."""
    return (row["id"], row["status"], row["edited"], row["origin"], row.get("flagged"),
            row["doc_id"], row["quantity_text"], row["subject"], row["predicate"])  # fmt: skip


class ClaimList(ScrollView, can_focus=True, inherit_bindings=False):
    """The filtered claims in review order, one row each, the current one marked.

    The review screen owns the cursor (``set_cursor``); this widget only draws and pages, and
    posts :class:`ClaimList.Picked` when a row is clicked.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "claim-list--cursor",
        "claim-list--pending",
        "claim-list--accepted",
        "claim-list--rejected",
        "claim-list--dim",
    }

    DEFAULT_CSS = """
    ClaimList {
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    ClaimList > .claim-list--cursor {
        background: $secondary 40%;
        text-style: bold;
    }
    ClaimList:focus > .claim-list--cursor {
        background: $accent 60%;
    }
    ClaimList > .claim-list--pending {
        color: $text-muted;
    }
    ClaimList > .claim-list--accepted {
        color: $success;
    }
    ClaimList > .claim-list--rejected {
        color: $error;
    }
    ClaimList > .claim-list--dim {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+down", "scroll_down", "Scroll down", show=False, id="list.scroll_down"),
        Binding("shift+up", "scroll_up", "Scroll up", show=False, id="list.scroll_up"),
    ]

    class Picked(Message):
        """A row was clicked."""

        def __init__(self, claim_id: int, index: int) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.index = index

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.conn: sqlite3.Connection | None = None
        self.flt = review.ClaimFilter()
        self.total = 0
        """Rows in the filtered list."""
        self.cursor = -1
        """Index of the current claim (-1: none)."""
        self.window_start = 0
        self.window: list[ListRow] = []
        self.reads = 0
        """Database reads done (for tests: the list must not read everything)."""
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)

    # ---------------------------------------------------------------- data

    def configure(
        self, conn: sqlite3.Connection, flt: review.ClaimFilter, total: int, cursor: int
    ) -> None:
        """Show ``total`` rows of ``flt`` with the cursor on row ``cursor``; forget cached rows."""
        self.conn, self.flt, self.total = conn, flt, total
        self.window_start, self.window = 0, []
        self._cache.clear()
        self.virtual_size = Size(0, total)
        self.set_cursor(cursor)
        self.refresh()  # every row may be another claim now

    def refresh_rows(self) -> None:
        """Forget the rows read so far (others may have decided them) and redraw."""
        self.window_start, self.window = 0, []
        self._cache.clear()
        self.refresh()

    def row(self, index: int) -> ListRow | None:
        """Row ``index`` of the list, read from the database when not in the window."""
        if not 0 <= index < self.total or self.conn is None:
            return None
        end = self.window_start + len(self.window)
        if self.window_start <= index < end:
            return self.window[index - self.window_start]
        if self.window and end <= index < end + NEAR:
            more = review.rows_after(
                self.conn, self.flt, review.key_of(self.window[-1]), index - end + CHUNK
            )
            self.reads += 1
            self.window.extend(more)
        elif self.window and self.window_start - NEAR <= index < self.window_start:
            n = self.window_start - index + CHUNK
            more = review.rows_before(self.conn, self.flt, review.key_of(self.window[0]), n)
            self.reads += 1
            self.window[:0] = more
            self.window_start -= len(more)
        else:
            offset = max(0, index - CHUNK // 2)
            self.window = review.page(self.conn, self.flt, offset, CHUNK)
            self.reads += 1
            self.window_start = offset
        self._trim(index)
        i = index - self.window_start
        return self.window[i] if 0 <= i < len(self.window) else None

    def _trim(self, keep: int) -> None:
        """Drop rows far from ``keep`` so the window stays under :data:`MAX_WINDOW`."""
        if len(self.window) <= MAX_WINDOW:
            return
        lo = max(self.window_start, keep - MAX_WINDOW // 2)
        hi = lo + MAX_WINDOW
        self.window = self.window[lo - self.window_start : hi - self.window_start]
        self.window_start = lo

    def seed(self, index: int, row: ListRow) -> None:
        """Tell the list that ``row`` sits at ``index`` (so a jump needs no ``OFFSET`` read)."""
        end = self.window_start + len(self.window)
        if self.window_start <= index < end:
            return
        if index == end and self.window and review.key_of(self.window[-1]) < review.key_of(row):
            self.window.append(row)
            return
        self.window_start, self.window = index, [row]

    def update_row(self, row: ListRow) -> None:
        """Replace the cached copy of a row whose status or fields changed, and redraw that
        row alone (a drawn row is cached under what it shows, :func:`row_key`)."""
        for i, r in enumerate(self.window):
            if r["id"] == row["id"]:
                self.window[i] = row
                self.refresh_line(self.window_start + i)
                return

    def remove_at(self, index: int) -> None:
        """Row ``index`` left the filter: the rows after it move up one."""
        self.total = max(0, self.total - 1)
        i = index - self.window_start
        if 0 <= i < len(self.window):
            del self.window[i]
        elif i < 0:
            self.window_start -= 1
        self._cache.clear()
        self.virtual_size = Size(0, self.total)
        self.refresh()

    # ---------------------------------------------------------------- cursor

    def set_cursor(self, index: int, row: ListRow | None = None) -> None:
        """Mark row ``index`` as current and scroll it into view.

        Only the two rows whose mark changed are drawn again (a row's cached strip is keyed by
        what it shows and whether it is the current one; a scroll redraws the whole view by
        itself): a move used to draw every row of the list anew. Whatever changes rows
        redraws them itself (``update_row`` its row; ``configure``, ``remove_at`` and
        ``refresh_rows`` the whole list)."""
        if row is not None:
            self.seed(index, row)
        before, self.cursor = self.cursor, index
        self._follow_cursor()
        for changed in {before, index}:
            if changed >= 0:
                self.refresh_line(changed)

    def _follow_cursor(self) -> None:
        """Scroll so the cursor row is in view (a third of the way down when it was not)."""
        height = self.scrollable_content_region.height
        if self.cursor < 0 or height <= 0:
            return
        top = int(self.scroll_offset.y)
        if not top <= self.cursor < top + height:
            self.scroll_to(y=max(0, self.cursor - height // 3), animate=False, immediate=True)

    def on_resize(self) -> None:
        """Keep the cursor in view when the list changes size (or first gets one)."""
        self._cache.clear()
        self._follow_cursor()

    def on_click(self, event: Click) -> None:
        """Pick the clicked row."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = offset.y + int(self.scroll_offset.y)
        row = self.row(index)
        if row is not None:
            self.post_message(self.Picked(row["id"], index))

    # ---------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        """One row (Line API): status, document (when wide enough), quantity, subject,
        predicate."""
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        row = self.row(index)
        if row is None:
            return self._blank(width)
        selected = index == self.cursor
        key = (row_key(row), selected, width, self.has_focus)
        strip = self._cache.get(key)
        if strip is None:
            base = self.rich_style  # only for a row drawn anew: it walks every ancestor
            text = self.render_row(row, width)
            if selected:
                text.stylize(self.get_component_rich_style("claim-list--cursor"))
            segments = list(text.render(self.app.console, end=""))
            strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
            if selected:
                strip = strip.apply_style(self.get_component_rich_style("claim-list--cursor"))
            self._cache[key] = strip
        return strip

    def _blank(self, width: int) -> Strip:
        """An empty row past the list's end (``rich_style`` walks every ancestor: once per
        width and style, not once per empty row drawn)."""
        key = ("blank", width)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = Strip.blank(width, self.rich_style)
        return strip

    def notify_style_update(self) -> None:
        """The styles changed (focus, theme, CSS): forget the rows drawn with the old ones."""
        super().notify_style_update()
        self._cache.clear()

    def render_row(self, row: ListRow, width: int) -> Text:
        """A row as Rich Text, cut to ``width`` cells (wide characters counted as two)."""
        status_style: Style = self.get_component_rich_style(f"claim-list--{row['status']}")
        dim = self.get_component_rich_style("claim-list--dim")
        mark = "✎" if row["edited"] else "+" if row["origin"] == "reviewer" else " "
        flag = "⚑" if row.get("flagged") else " "  # flagged for a second look (db/flags.py)
        show_doc, quantity_width = list_columns(width)
        quantity = Text(shown_line(row["quantity_text"]))
        quantity.truncate(quantity_width, overflow="ellipsis", pad=True)
        text = Text.assemble(
            (GLYPHS.get(row["status"], "?"), status_style),
            (mark, dim),
            (flag, dim),
            (f"{row['doc_id']:>5} " if show_doc else "", dim),
            quantity,
            " ",
            (shown_line(row["subject"] or "—"), ""),
            " ",
            (shown_line(row["predicate"] or ""), dim),
            end="",
        )
        text.truncate(width, overflow="ellipsis")
        return text


#: How search hits name where they matched (the claim field or the document part).
HIT_PLACES = {
    "quantity_text": "quantity",
    "subject": "subject",
    "predicate": "predicate",
    "object": "object",
    "time_text": "time",
    "title": "title",
    "text": "text",
}
#: The place column's width: the longest name and a space.
HIT_PLACE_WIDTH = max(len(p) for p in HIT_PLACES.values()) + 1


def hit_label(hit: SearchHit) -> Text:
    """One search hit as a row: where it matched, document, claim, then the matched text.

    Every column ends with a space whatever its content (a field name longer than the rest,
    a seven-digit id), so no column runs into the next; the matched text is plain Text on one
    line (its line breaks and tabs shown as spaces).
    """
    place = HIT_PLACES.get(hit["where"], hit["where"] or "—")
    return Text.assemble(
        (f"{place:<{HIT_PLACE_WIDTH - 1}} ", "dim"),
        (f"doc {hit['doc_id']:<6} ", "dim"),
        (f"claim {hit['claim_id'] if hit['claim_id'] is not None else '—':<8} ", "dim"),
        Text(shown_line(" ".join(str(hit["snippet"]).split()))),
        no_wrap=True,
        overflow="ellipsis",
        end="",
    )
