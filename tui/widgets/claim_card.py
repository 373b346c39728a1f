"""The claim card, the header line and the progress line of the review screen."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar, Static

from db import alternatives
from db.alternatives import Option
from db.rows import ClaimRow, DocumentRow
from tui.text import shown_line

#: Card label colours match the document highlight layers.
LAYER_LABEL_STYLE = {
    "quantity": "bold #000000 on #e5c07b",
    "subject": "#ffffff on #2f5f9f",
    "predicate": "#ffffff on #7a3f8f",
    "time": "#ffffff on #2f7f5f",
}
#: Fields a span-mode draft may change, as the card names them.
DRAFT_FIELDS = (
    ("quantity", "quantity_text"),
    ("subject", "subject"),
    ("predicate", "predicate"),
    ("object", "object"),
    ("time", "time_text"),
)
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


#: Width of the card's label column ("predicate" and its padding).
LABEL_WIDTH = 11

#: The card row a field in focus marks (unit and kind live on the quantity row).
FOCUS_LABEL = {
    "subject": "subject",
    "predicate": "predicate",
    "time": "time",
    "object": "object",
    "value": "quantity",
    "unit": "quantity",
    "kind": "quantity",
    "qualifier": "quantity",
}


@dataclass(frozen=True)
class Picks:
    """What the card shows of the alternatives: the field in focus and its options, numbered
    1.. in this order, for one claim."""

    claim_id: int
    field: str
    options: tuple[Option | None, ...]
    """None: a gap, the digit of an option of a field just set (the others keep theirs)."""


#: Lines the pick row may take on a short screen (under 30 rows: the card's five field rows,
#: three more) and on a taller one: every listed option shows; a long option is cut with … to
#: make room for the rest.
PICK_LINES = 3
PICK_LINES_TALL = 5
#: An option is never cut shorter than this many cells (a Chinese character, …, another).
PICK_MIN_CELLS = 5
#: What the pick row starts with; the hint it ends with when there is room.
PICK_HEAD = "pick 1…9 "
STAY_HINT = "· Alt+digit: pick and stay"


def pick_option(n: int, option: Option, cells: int | None = None) -> Text:
    """``3中国人民保险…``: option ``n`` with its number glued to it (reverse video sets it
    apart), its text cut with … to ``cells`` cells when given. Text from documents is shown
    as text, never markup."""
    # The number alone in reverse video (a base style would cover the option too, and 6 then
    # ran into 4月26日 as one "64月26日").
    item = Text(end="")
    item.append(str(n), style="bold reverse")
    shown = (
        Text(shown_line(alternatives.shown(option)))
        if option.text
        else Text(alternatives.shown(option), style="italic")
    )
    if cells is not None and shown.cell_len > cells:
        shown = cut_middle(shown, cells)
    item.append_text(shown)
    return item


def cut_middle(text: Text, cells: int) -> Text:
    """``text`` in at most ``cells`` cells with … in its middle: ``中国…有限公司``. Options are
    often nested spans of one name (sharing their start or their end), so keeping both ends
    keeps them apart where a cut end would not."""
    plain = text.plain
    end = 0  # the head: as many characters as fit in half the cells left after …
    while end < len(plain) and cell_len(plain[: end + 1]) <= cells - 1 - (cells - 1) // 2:
        end += 1
    left = cells - 1 - cell_len(plain[:end])
    start = len(plain)  # the tail: the cells the head left
    while start > end and cell_len(plain[start - 1 :]) <= left:
        start -= 1
    head = text[:end]
    head.append("…")
    head.append_text(text[start:])
    return head


def pack_picks(picks: Picks, width: int, cells: int | None) -> list[Text]:
    """The pick row's lines at ``width`` cells with each option cut to ``cells``: options go
    two spaces apart, a line breaks only between them, and the hint follows when it fits."""
    head = Text(PICK_HEAD, style="bold", end="")
    if picks.field == alternatives.ALL:
        # Every field's first options: grouped by field (in the ring's order), each group
        # named before its first option, the numbers as the digits pick them.
        head.append("all fields:", style="bold underline")
        numbered = [(n, o) for n, o in enumerate(picks.options, start=1) if o is not None]
        order = {f: i for i, f in enumerate(alternatives.FIELDS)}
        numbered.sort(key=lambda no: (order.get(no[1].field, len(order)), no[0]))
        items, last = [], None
        for n, o in numbered:
            item = pick_option(n, o, cells)
            if o.field != last:
                named = Text(f"{o.field} ", style="italic", end="")
                named.append_text(item)
                item, last = named, o.field
            items.append(item)
    else:
        head.append(f"{picks.field}:", style="bold underline")
        items = [
            pick_option(n, o, cells) for n, o in enumerate(picks.options, start=1) if o is not None
        ]
    lines = [head]
    if not items:
        head.append("  no alternatives", style="dim")
        return lines
    items.append(Text(STAY_HINT, style="dim", end=""))  # the footer has no room left for it
    for item in items:
        line = lines[-1]
        if line.cell_len and line.cell_len + 2 + item.cell_len > width:
            lines.append(item)
        else:
            line.append("  " if line.cell_len else "")
            line.append_text(item)
    return lines


class PickRow:
    """The pick row (Rich renderable): the field in focus and its options numbered, laid out at
    the width it is drawn at. Every option shows within ``max_lines`` lines when it can:
    the options longer than a cut are cut with … in the middle, the cut as long as still fits
    (the hint after them is dropped first)."""

    def __init__(self, picks: Picks, max_lines: int = PICK_LINES) -> None:
        self.picks = picks
        self.max_lines = max_lines

    def lines(self, width: int) -> list[Text]:
        """The row's lines at ``width`` cells: the longest cut (none first) that fits.

        A shorter cut never makes an option wider (a cut to ``c`` cells takes ``c - 1`` or
        ``c``), and packing narrower options never takes more lines, so whether a cut fits is
        monotone in its length: a binary search finds the longest that fits (this runs on every
        redraw of the card, and a linear scan over the cuts cost tens of milliseconds)."""
        longest = max(
            (pick_option(1, o).cell_len - 1 for o in self.picks.options if o is not None),
            default=0,
        )
        cuts: list[int | None] = [None, *range(longest - 1, PICK_MIN_CELLS - 1, -1)]
        lo, hi, found = 0, len(cuts), None
        while lo < hi:
            mid = (lo + hi) // 2
            lines = pack_picks(self.picks, width, cuts[mid])
            if len(lines) <= self.max_lines or (
                len(lines) == self.max_lines + 1 and lines[-1].plain == STAY_HINT
            ):
                hi, found = mid, lines
            else:
                lo = mid + 1
        if found is not None:  # one line over is the hint alone: every option shows, it goes
            return found if len(found) <= self.max_lines else found[:-1]
        lines = pack_picks(self.picks, width, PICK_MIN_CELLS)
        return lines[:-1] if lines[-1].plain == STAY_HINT else lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(options.max_width):
            line.no_wrap, line.overflow, line.end = True, "ellipsis", "\n"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def field_text(value: str | None) -> Text:
    """A field as plain Text (never markup) that wraps anywhere, Chinese or Latin."""
    return Text(shown_line(value or "—"), overflow="fold")


class ClaimCard(Static):
    """Every field of the current claim, its status, who decided it and when.

    One label column and one value column: each field gets the card's whole width and wraps
    (a long subject shows in full on two lines instead of being cut), so the card reads the
    same at 60 columns as at 200. The card's border title says which claim and its status;
    the details a reviewer checks less often (kind, confidence, rule, offsets, who decided)
    follow on one dim line that wraps, last, so a short screen cuts them first.

    The field in focus (``[``/``]``) has its label underlined, and a ``pick 1…9`` row under
    the fields, across the card's whole width, lists its alternatives numbered (see
    :meth:`set_picks`).
    """

    picks: Picks | None = None
    """The field in focus and its options, for the claim whose id they name."""
    title_note: tuple[int, Text] | None = None
    """What the title adds for one claim (by id) beyond its status — the reviewer's own
    overlap verdict, nothing left pending — kept through every redraw of that claim
    (``[``/``]``, span mode's draft and its end) until the screen sets another."""

    short: bool = False
    """The screen is under 30 rows (``-short``): the pick row gets :data:`PICK_LINES` lines,
    else :data:`PICK_LINES_TALL` (the screen sets it, :meth:`SpanMode.fit_card`)."""
    compact: bool = False
    """Span mode on a short screen (:meth:`tui.screens.span_mode.SpanMode.fit_card`): the
    claim's fields on one line that wraps, no picks, no details, so the document keeps the
    rows for the words and their labels."""

    title_text: Text = Text("claim")
    """The border title last set by :meth:`show` (a draft adds to it)."""

    def set_title_note(self, claim_id: int | None, note: Text | None) -> None:
        """Add ``note`` to the title of claim ``claim_id`` from now on (None: no note)."""
        self.title_note = (claim_id, note) if claim_id is not None and note else None

    def show(self, claim: ClaimRow | None, message: str = "") -> None:
        """Render ``claim`` (or ``message`` when there is none)."""
        if claim is None:
            self.border_title = "claim"
            self.update(Text(message or "No claim.", style="italic"))
            return
        title = self.title_of(claim)
        if self.title_note is not None and self.title_note[0] == claim["id"]:
            title.append_text(self.title_note[1])
        self.border_title = title
        self.title_text = title
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(justify="right", no_wrap=True, width=LABEL_WIDTH)
        grid.add_column(ratio=1, overflow="fold")

        picks = self.picks if self.picks and self.picks.claim_id == claim["id"] else None
        focus = FOCUS_LABEL.get(picks.field, "") if picks else ""

        def label(name: str, layer: str | None = None) -> Text:
            mark = " bold underline" if name == focus else ""
            if layer:
                return Text(f" {name} ", style=LAYER_LABEL_STYLE[layer] + mark)
            return Text(name, style=("dim" if not mark else "") + mark)

        def line(value: object) -> Text:
            return Text(shown_line(value) if value not in (None, "") else "—")

        value = format_number(claim["value"])
        if claim.get("value_max") is not None:
            value += f" – {format_number(claim['value_max'])}"
        qualifier = claim["qualifier"]
        quantity = field_text(claim["quantity_text"])
        quantity.append("  ")
        quantity.append(f"{qualifier} {value}", style="bold")
        quantity.append(f" {shown_line(claim['unit'])}" if claim["unit"] else "")
        if qualifier != "=":
            quantity.append(f"  ({QUALIFIER_WORDS.get(qualifier, qualifier)})", style="dim")
        time_text = field_text(claim["time_text"])
        if claim["time"]:
            time_text.append(f"  → {claim['time']}", style="dim")
        if self.compact:
            self.update(self.compact_of(claim, quantity, time_text))
            return
        grid.add_row(label("quantity", "quantity"), quantity)
        grid.add_row(label("subject", "subject"), field_text(claim["subject"]))
        grid.add_row(label("predicate", "predicate"), field_text(claim["predicate"]))
        grid.add_row(label("object"), field_text(claim["object"]))
        grid.add_row(label("time", "time"), time_text)
        if picks:
            # The options take the card's whole width (not the value column), cut to fit a
            # small terminal's few card rows (PickRow): every listed digit shows.
            lines = PICK_LINES if self.short else PICK_LINES_TALL
            self.update(Group(grid, PickRow(picks, lines), self.details_of(claim)))
            return
        self.update(Group(grid, self.details_of(claim)))

    @staticmethod
    def compact_of(claim: ClaimRow, quantity: Text, time_text: Text) -> Text:
        """The compact card: each field after its label, one line that wraps."""
        line = Text(overflow="fold")
        fields = (
            ("quantity", "quantity", quantity),
            ("subject", "subject", field_text(claim["subject"])),
            ("predicate", "predicate", field_text(claim["predicate"])),
            ("object", None, field_text(claim["object"])),
            ("time", "time", time_text),
        )
        for n, (name, layer, value) in enumerate(fields):
            if n:
                line.append("  ")
            line.append(
                f" {name} " if layer else name, style=LAYER_LABEL_STYLE.get(layer or "", "dim")
            )
            line.append(" ")
            line.append_text(value)
        return line

    # ---- alternatives and picks (issue 14)

    def set_picks(self, picks: Picks | None, claim: ClaimRow | None = None) -> None:
        """Show ``picks`` (the field in focus and its options); re-render ``claim`` if given."""
        self.picks = picks
        if claim is not None:
            self.show(claim)

    # ---- span mode: the draft of the claim (tui/screens/span_mode.py)

    def show_draft(self, claim: ClaimRow, changes: Mapping[str, Any]) -> None:
        """Show ``claim`` with a span-mode draft's ``changes`` (not saved yet): the card shows
        the new values, and a line above names each changed field with its old value (in the
        compact card, one line that wraps)."""
        before: Mapping[str, Any] = claim
        merged = cast(ClaimRow, {**before, **changes})
        self.show(merged)
        if not changes:
            return
        note = Text("draft", style="bold reverse")
        note.append(" Enter saves · Esc drops", style="dim")
        for name, field in DRAFT_FIELDS:
            if field in changes:
                # compact: the changes follow on the note's line (it wraps)
                note.append(" · " if self.compact else "\n  ")
                note.append(f"{name} ", style="bold yellow")
                note.append(shown_line(changes[field] or "") or "—", style="bold")
                note.append(f"  was {shown_line(before[field] or '') or '—'}", style="dim")
        # (border_title reads back as Textual's Content, not the Text set: keep our own)
        self.border_title = self.title_text.copy().append(" · draft", style="bold yellow")
        self.update(Group(note, cast(Group, self.content)))

    @staticmethod
    def title_of(claim: ClaimRow) -> Text:
        """``claim #12 · pending (edited)``: the card's border title."""
        title = Text.assemble(("claim ", ""), (f"#{claim['id']}", "bold"), " · ")
        title.append(claim["status"], style=STATUS_STYLE.get(claim["status"], ""))
        if claim["edited"]:
            title.append(" (edited)", style="italic")
        if claim["origin"] == "reviewer":
            title.append(" (added by reviewer)", style="italic")
        if claim.get("flagged"):
            title.append(" ⚑ flagged", style="bold yellow")
        return title

    @staticmethod
    def details_of(claim: ClaimRow) -> Text:
        """Kind, confidence, rule, offsets and who decided, on one line that wraps."""
        details = Text(style="dim", overflow="fold")
        decided = (
            f"decided by {shown_line(claim['reviewer'])} at {claim['decided_at']}"
            if claim["decided_at"]
            else "not yet decided"
        )
        rule = f"{claim['rule'] or ''} {claim['extractor_version'] or ''}".strip() or "—"
        parts = [
            f"kind {claim['kind']}",
            f"confidence {claim['confidence']:.2f}",
            f"rule {rule}",
            f"offsets {claim['start']}–{claim['end']} (sentence {claim['sentence_start']}–"
            f"{claim['sentence_end']})",
            decided,
        ]
        if claim.get("note"):
            parts.append(f"note: {claim['note']}")
        for n, part in enumerate(parts):
            if n:
                details.append(" · ")
            details.append(shown_line(part))
        return details


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
        if list_info:  # after the position, set apart; alone, from the start of the line
            line2.append(f"{'   ' if position else ''}{shown_line(list_info)}", style="dim")
        self.update(Group(line1, line2))


class FittingLabel(Label):
    """A one-line label showing the longest of its variants that fits its width."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.variants: list[str] = [""]
        """The texts to choose from, longest first."""

    def set_variants(self, variants: list[str]) -> None:
        """Show the first of ``variants`` that fits (the last one, cut, when none does)."""
        self.variants = variants or [""]
        self.refresh()

    def fitting(self, width: int) -> str:
        """The variant shown at ``width`` cells."""
        return next((v for v in self.variants if cell_len(v) <= width), self.variants[-1])

    def render(self) -> Text:
        """The fitting variant, as plain text."""
        return Text(self.fitting(self.content_size.width), no_wrap=True, overflow="ellipsis")


#: What an action waiting for the database does, as the progress line says it.
Doing = Literal["saving", "loading", "quiet"]


class SessionProgress(Horizontal):
    """The status bar: decided / total, this session's rate per hour and the time left.

    The bar is short and the text comes in a long and shorter forms, the longest that fits is
    shown: at 120 columns everything reads in full, at 60 the counts and time left still do.
    """

    DEFAULT_CSS = """
    SessionProgress {
        height: 1;
    }
    SessionProgress ProgressBar {
        width: 22;
    }
    SessionProgress Bar {
        width: 16;
    }
    SessionProgress FittingLabel {
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
        self.doing: str | None = None
        """What an action waiting for the database does ("saving", "loading"), else None."""
        self._counts: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, id="progress-bar")
        yield FittingLabel(id="progress-label")

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
            left_short = f"{int(left)}h{int(left * 60) % 60:02d}m left"
            left_long = f"{left_short} at this rate"
        else:
            left_short = "— left"
            left_long = "time left: — (decide a few claims)"
        saving = f"{self.doing}… · " if self.doing else ""
        self.query_one(FittingLabel).set_variants(
            [
                f"{saving}{decided:,} / {total:,} decided · {pending:,} pending · "
                f"{rate:,.0f}/h this session · {left_long}",
                f"{saving}{decided:,}/{total:,} decided · {pending:,} pending · {rate:,.0f}/h · "
                f"{left_short}",
                f"{saving}{decided:,}/{total:,} · {pending:,} pending · {left_short}",
                f"{saving}{decided:,}/{total:,} decided",
            ]
        )
        self._counts = dict(counts)

    def set_doing(self, doing: str | None) -> None:
        """Show (or clear, with None) the "saving…" or "loading…" mark while an action waits
        for the database: "saving" only for a write (a form being filled, a panel being read,
        a move are loading: a "saving…" there said something was written that was not)."""
        if doing != self.doing:
            self.doing = doing
            if self.is_mounted:
                self.show(self._counts)
