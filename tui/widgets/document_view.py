"""The document, wrapped by cell width, with the claim's sentence and parts highlighted.

A Line-API widget: the text is folded into visual lines by terminal cells (a Chinese character
takes two), each line remembers the code-point offsets it covers, and ``render_line`` styles only
the line asked for. So the highlight spans are the database offsets themselves — no search in
the text — and the view can scroll the claim's sentence into sight exactly.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from typing import Any, ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.text import shown
from tui.widgets.span_cursor import SPAN_BINDINGS

#: Highlight layers, painted in this order (later ones win where they overlap).
LAYERS = ("sentence", "subject", "predicate", "time", "quantity", "selection", "cursor")


#: Characters a visual line must not start with: closing brackets and quotes, stops, commas,
#: colons, question and exclamation marks, full- and half-width (the "closing" and "no start"
#: classes of Chinese and Japanese line breaking: UAX #14 CL, CP, EX, IS, NS; W3C clreq 3.1.7),
#: and signs that belong to the number before them (% ‰ ℃).
NO_START = frozenset(
    "，。、；：？！．｡､,.;:?!"  # stops, commas, colons, question and exclamation marks
    + "）］｝〕〗〙〛】〉》」』｠｣)]}"  # closing brackets
    + "”’〞〟"  # closing quotes
    + "・‥々〻ゝゞヽヾー～‼⁇⁈⁉"  # other marks that never start a line
    + "%％‰℃°′″"  # signs of the number before them
)
#: Characters a visual line must not end with: opening brackets and quotes, full- and
#: half-width (UAX #14 OP), and currency signs that belong to the number after them (PR).
NO_END = frozenset("（［｛〔〖〘〚【〈《「『｟｢([{“‘〝" + "￥¥$＄£€")
#: Marks written doubled that must not be split across lines (…… and ——).
DOUBLED = frozenset("…—‥")


def displayed(text: str) -> str:
    """``text`` as the view draws it: control characters made visible one for one
    (:func:`tui.text.shown`) and a tab as one space, so every offset still points at the same
    character and the highlight is the database's offsets."""
    return shown(text).replace("\t", " ")


def can_break(text: str, k: int) -> bool:
    """May a visual line end between ``text[k - 1]`` and ``text[k]`` (Chinese line breaking)?

    Not before closing punctuation (，。）」 …), not after opening punctuation (（「《 …), and not
    inside a doubled …… or ——. A break before a space is always allowed: the space is dropped
    at the start of the next line.
    """
    before, after = text[k - 1], text[k]
    if after.isspace():
        return True
    if after in NO_START or before in NO_END:
        return False
    return not (before == after and before in DOUBLED)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Fold ``text`` into lines of at most ``width`` cells; return each line's (start, end).

    Line breaks in the text end a line (the newline itself belongs to no line). Wide characters
    count two cells and never straddle the edge. The break follows Chinese line breaking
    (:func:`can_break`): the characters before a closing mark move to the next line with it,
    an opening mark moves down with what follows. A Latin word is moved to the next line whole
    when it fits there, so English inside Chinese text does not break mid-word. Spaces where
    a line was wrapped belong to no line (a wrapped line never starts with a space from the
    source); a paragraph's own indentation is kept. When no allowed break fits (a line of
    nothing but punctuation, a word longer than the line), the line is cut where it is full.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        n = len(para)
        if n == 0:
            lines.append((pos, pos))
            pos += 1
            continue
        cells = [get_character_cell_size(ch) for ch in para]
        i = 0
        while i < n:
            j, used = i, 0
            while j < n and used + cells[j] <= width:
                used += cells[j]
                j += 1
            if j == i:  # a character wider than the whole line
                j = i + 1
            if j < n:
                j = _break_at(para, i, j)
            lines.append((pos + i, pos + j))
            i = j
            while i < n and para[i].isspace():
                i += 1
        pos += n + 1
    return lines


def _break_at(para: str, i: int, j: int) -> int:
    """Where to end the line that starts at ``i`` and is full at ``j`` (``i < j < len``)."""
    for k in range(j, i, -1):  # an allowed break that keeps Latin words whole
        if can_break(para, k) and not (_wordish(para[k - 1]) and _wordish(para[k])):
            return k
    for k in range(j, i, -1):  # a word longer than the line: cut it, still not before ，。
        if can_break(para, k):
            return k
    return j


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_.'")


class DocumentView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one document and highlights a claim in it.

    Review keys (arrows, page keys) belong to the review screen, so this widget binds only
    Shift+arrows and Home/End for reading around; the mouse wheel scrolls as usual.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"document--{layer}" for layer in LAYERS} | {
        "document--search",
        "document--hint",
        "document--hint-alt",
        "document--hint-typed",
    }

    DEFAULT_CSS = """
    DocumentView {
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;
    }
    DocumentView > .document--sentence {
        background: $primary 25%;
    }
    DocumentView > .document--subject {
        background: #2f5f9f;
        color: #ffffff;
    }
    DocumentView > .document--predicate {
        background: #7a3f8f;
        color: #ffffff;
    }
    DocumentView > .document--time {
        background: #2f7f5f;
        color: #ffffff;
    }
    DocumentView > .document--quantity {
        background: #e5c07b;
        color: #000000;
        text-style: bold;
    }
    DocumentView > .document--selection {
        background: #d19a66;
        color: #000000;
    }
    DocumentView > .document--cursor {
        text-style: bold reverse underline;
    }
    DocumentView > .document--search {
        background: #56b6c2;
        color: #000000;
        text-style: bold underline;
    }
    DocumentView > .document--hint {
        background: #98c379;
        color: #000000;
        text-style: bold;
    }
    DocumentView > .document--hint-alt {
        background: #61afef;
        color: #000000;
        text-style: bold;
    }
    DocumentView > .document--hint-typed {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("shift+down", "scroll_down", "Scroll down", show=False, id="document.down"),
        Binding("shift+up", "scroll_up", "Scroll up", show=False, id="document.up"),
        Binding("home", "scroll_home", "Top", show=False, id="document.top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="document.bottom"),
        *SPAN_BINDINGS,  # span mode (issue 14): active only while it is on
    ]

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.text = ""
        """The document text every offset refers to."""
        self.shown = ""
        """What is drawn: :attr:`text` with control characters made visible (same offsets)."""
        self.spans: dict[str, tuple[int, int]] = {}
        """Highlight layer -> (start, end) code-point offsets."""
        self.lines: list[tuple[int, int]] = []
        """Visual lines at the current width: (start, end) offsets."""
        self._starts: list[int] = []
        self._width = 0
        self._version = 0
        self._cache: LRUCache[tuple, Strip] = LRUCache(512)
        self._pending_scroll = False
        self.search_hits: list[tuple[int, int]] = []
        """Where the last search's terms occur in the text (code-point offsets), drawn on top
        of the claim's layers; cleared when another document is shown."""
        self.span_mode = False
        """Span mode is on: Home/End move the word cursor, not the view."""
        self.hints: dict[int, str] = {}
        """Span mode's hint labels: word start offset -> label, drawn on a row of their own
        under the line that holds the word (the text's own layout never moves)."""
        self.hint_typed = ""
        """The label keys typed so far (a first key of a two-key label): labels that start
        with it show what is left to type, the others are dimmed."""
        self._rows: list[tuple[int, bool]] = []
        """What each row of the view shows: (visual line, True for its hint row)."""
        self._row_of_line: list[int] = []

    def show(self, text: str, claim: Mapping[str, Any] | None) -> None:
        """Show ``text`` with ``claim``'s spans highlighted and its sentence scrolled into view.

        Another claim of the same document redraws only the lines whose highlight changed
        (:meth:`_refresh_spans`); another document, every line."""
        changed = text != self.text
        if changed:
            self.search_hits = []
            self.hints, self.hint_typed = {}, ""
            self.text = text
            self.shown = displayed(text)
        before, self.spans = self.spans, spans_of(claim) if claim else {}
        redraw = changed or not self.lines
        if redraw:
            self._version += 1
            self._cache.clear()
            self._rewrap()
        self._pending_scroll = True
        self._scroll_to_claim()
        if redraw:
            self.refresh()
        else:
            self._refresh_spans(before)

    # ---- span mode: the word cursor and the selection (tui/widgets/span_cursor.py)

    def set_marks(self, cursor: tuple[int, int] | None, selection: tuple[int, int] | None) -> None:
        """Draw span mode's cursor word and selection (None clears them); keep the cursor in
        view."""
        before = dict(self.spans)
        for layer, span in (("cursor", cursor), ("selection", selection)):
            if span:
                self.spans[layer] = span
            else:
                self.spans.pop(layer, None)
        if cursor and self.lines:
            line = self.row_of(self.line_of(cursor[0]))
            height = self.scrollable_content_region.height
            top = int(self.scroll_offset.y)
            below = 1 if self.hints else 0  # the hint row under the cursor's line too
            if height > 0 and not top <= line < top + height - below:
                self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True,
                               force=True)  # fmt: skip
        self._refresh_spans(before)

    def _refresh_spans(self, before: Mapping[str, tuple[int, int]]) -> None:
        """Redraw the rows of the visual lines whose highlight differs between ``before`` and
        :attr:`spans` (a line's cached strip is keyed by the layers on it, :meth:`_line_key`).

        A claim of the same document, a span-mode cursor step: a line or two of the view
        instead of all of them (a scroll redraws the whole view by itself)."""
        if not self.lines:
            self.refresh()
            return
        lines: set[int] = set()
        for layer in before.keys() | self.spans.keys():
            old, new = before.get(layer), self.spans.get(layer)
            if old == new:
                continue
            for span in (old, new):
                if span:
                    first, last = self.line_of(span[0]), self.line_of(max(span[0], span[1] - 1))
                    lines.update(range(first, last + 1))
        for line in sorted(lines):
            self.refresh_line(self.row_of(line))

    def line_target(self, offset: int, step: int) -> tuple[int, int, int] | None:
        """The visual line ``step`` lines from the one holding ``offset``: its (start, end)
        and the offset in it at the same cell column; None past the first or last line."""
        if not self.lines:
            return None
        k = self.line_of(offset) + step
        if not 0 <= k < len(self.lines):
            return None
        a = self.lines[self.line_of(offset)][0]
        column = sum(get_character_cell_size(ch) for ch in self.shown[a:offset])
        s, e = self.lines[k]
        target, used = s, 0
        while target < e and used + get_character_cell_size(self.shown[target]) <= column:
            used += get_character_cell_size(self.shown[target])
            target += 1
        return s, e, target

    def set_hints(self, hints: dict[int, str], typed: str = "") -> None:
        """Draw the hint labels (word start offset -> label; empty: none) with the keys typed
        so far. Outside span mode (the labels of the claim's sentence on the review screen)
        the claim is scrolled into view again: the label rows move the lines below them."""
        if hints == self.hints and typed == self.hint_typed:
            return
        rows = hints.keys() != self.hints.keys()
        self.hints = dict(hints)
        self.hint_typed = typed
        self._rebuild_rows()
        self._version += 1
        self._cache.clear()
        if rows and not self.span_mode:
            self._pending_scroll = True
            self._scroll_to_claim()
        self.refresh()

    def row_of(self, line: int) -> int:
        """The row of the view that shows visual line ``line`` (hint rows come between)."""
        if 0 <= line < len(self._row_of_line):
            return self._row_of_line[line]
        return line

    def row_line(self, row: int) -> tuple[int, bool] | None:
        """What row ``row`` of the view shows: (its visual line, whether it is that line's
        row of hint labels), or None past the last row."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _rebuild_rows(self) -> None:
        hinted = {self.line_of(offset) for offset in self.hints} if self.lines else set()
        rows: list[tuple[int, bool]] = []
        row_of: list[int] = []
        for k in range(len(self.lines)):
            row_of.append(len(rows))
            rows.append((k, False))
            if k in hinted:
                rows.append((k, True))
        self._rows, self._row_of_line = rows, row_of
        self.virtual_size = Size(0, len(rows))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In span mode Home, End and Shift+↑/↓ belong to the word cursor (a scroll would
        take Shift+↑/↓ first wherever the document can scroll)."""
        cursor_keys = ("scroll_home", "scroll_end", "scroll_up", "scroll_down")
        return not (self.span_mode and action in cursor_keys)

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _rewrap(self) -> None:
        width = self._content_width()
        self._width = width
        self.lines = wrap_offsets(self.shown, width) if width > 0 and self.shown else []
        self._starts = [a for a, _ in self.lines]
        self._rebuild_rows()
        self._cache.clear()

    def line_of(self, offset: int) -> int:
        """The visual line that holds code-point ``offset``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def _scroll_to_claim(self) -> None:
        if not self._pending_scroll or not self.lines:
            return
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        self._pending_scroll = False
        s0, s1 = self.spans.get("sentence", self.spans.get("quantity", (0, 0)))
        q0 = self.spans.get("quantity", (s0, s1))[0]
        top, bottom = self.row_of(self.line_of(s0)), self.row_of(self.line_of(max(s0, s1 - 1)))
        qline = self.row_of(self.line_of(q0))
        rows = bottom - top + 1
        if rows <= height:
            # The whole sentence fits: a third of the free rows above it show its context.
            y = top - max(1 if rows <= height - 2 else 0, (height - rows) // 3)
        else:
            # Longer than the view: the quantity's line a third of the way down.
            y = qline - height // 3
        # force: just after the text is (re)folded the scrollbar is not yet shown, and Textual
        # refuses to scroll a widget without one — the claim stayed out of sight on open.
        self.scroll_to(y=max(0, y), animate=False, immediate=True, force=True)

    def on_resize(self) -> None:
        """Re-fold the text for the new width and keep the claim in view."""
        if self._content_width() != self._width:
            self._rewrap()
        self._pending_scroll = True
        self._scroll_to_claim()

    def styles_for(self) -> dict[str, Style]:
        """The Rich style of each highlight layer (from the CSS component classes)."""
        return {layer: self.get_component_rich_style(f"document--{layer}") for layer in LAYERS}

    def render_text_line(self, index: int) -> Text:
        """Visual line ``index`` as Rich Text with the highlight styles applied."""
        a, b = self.lines[index]
        text = Text(self.shown[a:b], end="")
        styles = self.styles_for()
        if self.search_hits:  # under the claim's layers: those keep their colours, and the
            # hits their underline (the span cursor and selection stay on top)
            style = self.get_component_rich_style("document--search")
            first = max(0, bisect_right(self.search_hits, (a, -1)) - 1)
            for s, e in self.search_hits[first:]:
                if s >= b:
                    break
                s, e = max(s, a), min(e, b)
                if s < e:
                    text.stylize(style, s - a, e - a)
        for layer in LAYERS:
            span = self.spans.get(layer)
            if not span:
                continue
            s, e = max(span[0], a), min(span[1], b)
            if s < e:
                text.stylize(styles[layer], s - a, e - a)
        return text

    def set_search(self, query: str) -> None:
        """Highlight every occurrence of the search's terms (words split at spaces; Chinese
        words of one or two characters too) in the document shown."""
        self.search_hits = find_terms(self.text, query)
        self._version += 1
        self._cache.clear()
        self.refresh()

    def render_hint_line(self, index: int) -> Text:
        """The hint row under visual line ``index``: each label at the column where its word
        starts (moved right only as far as the label before it needs), as plain text.

        Every other label has the second hint colour: two-key labels under one-character
        words touch (a two-cell word, a two-cell label), and in one colour ``=7=8`` read as
        one block. A blank cell between them would push each next label further right of its
        word (eight such words: four characters off)."""
        a, b = self.lines[index]
        styles = (
            self.get_component_rich_style("document--hint"),
            self.get_component_rich_style("document--hint-alt"),
        )
        dim = self.get_component_rich_style("document--hint-typed")
        text = Text(end="")
        column = 0
        for n, offset in enumerate(sorted(o for o in self.hints if a <= o < b)):
            style = styles[n % 2]
            label = self.hints[offset]
            at = max(column, cell_len(self.shown[a:offset]))
            text.append(" " * (at - column))
            typed = self.hint_typed
            if typed and label.startswith(typed):
                text.append(typed, style=dim)
                text.append(label[len(typed) :], style=style)
            else:
                text.append(label, style=dim if typed else style)
            column = at + len(label)
        return text

    def _line_key(self, line: int) -> tuple[tuple[str, int, int], ...]:
        """The highlight layers on visual line ``line``, cut to it: what its drawing reads of
        :attr:`spans` (equal keys, equal lines)."""
        a, b = self.lines[line]
        return tuple(
            (layer, max(s, a), min(e, b))
            for layer, (s, e) in self.spans.items()
            if max(s, a) < min(e, b)
        )

    def notify_style_update(self) -> None:
        """The styles changed (theme, CSS): forget the lines drawn with the old ones."""
        super().notify_style_update()
        self._cache.clear()

    def render_line(self, y: int) -> Strip:
        """One line of the view (Line API)."""
        index = y + int(self.scroll_offset.y)
        width = self.scrollable_content_region.width
        if index >= len(self._rows):
            blank_key = ("blank", width)  # rich_style walks every ancestor: once, not per row
            blank = self._cache.get(blank_key)
            if blank is None:
                blank = self._cache[blank_key] = Strip.blank(width, self.rich_style)
            return blank
        line, is_hint = self._rows[index]
        key = (index, width, self._version, None if is_hint else self._line_key(line))
        strip = self._cache.get(key)
        if strip is None:
            base = self.rich_style  # only for a line drawn anew: it walks every ancestor
            text = self.render_hint_line(line) if is_hint else self.render_text_line(line)
            segments = list(text.render(self.app.console, end=""))
            strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
            self._cache[key] = strip
        return strip


def spans_of(claim: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    """Highlight layer -> offsets for a claim row (NULL spans left out)."""
    spans: dict[str, tuple[int, int]] = {}
    pairs = {
        "sentence": ("sentence_start", "sentence_end"),
        "subject": ("subject_start", "subject_end"),
        "predicate": ("predicate_start", "predicate_end"),
        "time": ("time_start", "time_end"),
        "quantity": ("start", "end"),
    }
    for layer, (a, b) in pairs.items():
        s, e = claim.get(a), claim.get(b)
        if s is not None and e is not None and e > s:
            spans[layer] = (s, e)
    return spans


#: Latin capitals to small letters, one for one (``str.lower`` may change a text's length,
#: which would move every offset after it).
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
#: At most this many search hits are drawn in one document.
MAX_SEARCH_HITS = 10_000


def find_terms(text: str, query: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) code-point offsets of every occurrence in ``text``
    of each whitespace-separated term of ``query`` (Latin letters in any case; traditional
    and simplified characters alike: 銀行 finds 银行, one character read as one)."""
    from extractor.hanzi import folded as fold  # the extractor's import is costly: on use

    folded = fold(text).translate(_ASCII_LOWER)
    spans: list[tuple[int, int]] = []
    for term in {fold(t).translate(_ASCII_LOWER) for t in query.split()}:
        i = folded.find(term)
        while i >= 0 and len(spans) < MAX_SEARCH_HITS:
            spans.append((i, i + len(term)))
            i = folded.find(term, i + 1)
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
