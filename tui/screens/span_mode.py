"""Span mode of the review screen: select words in the document from the keyboard.

``v`` / ``F8`` puts a word cursor in the current claim's sentence, on the nearest word of the
type of the card's field in focus; ``Tab``/``]``/``.`` (and back: ``Shift+Tab``/``[``/``,``)
select the next name or noun phrase, number with its unit, or time expression whole;
``←``/``→`` move it a word, ``Shift+←``/``Shift+→`` extend the selection, ``Home``/``End``
go to the sentence's ends, ``↑``/``↓`` a line (also past the sentence, into the rest of the
document; ``Shift+↑``/``Shift+↓`` extend the selection a line). One key assigns the
selection to a field of a draft of the claim on the card —
``s``/``1`` subject, ``p``/``2`` predicate, ``t``/``3`` time, ``o``/``4`` object, ``q``/``5``
the quantity — ``n``/``6``/``Insert`` adds a claim from it (roles and their alternatives from
the extractor; the mode ends with the added claim on the card), ``Enter`` saves the draft as
one edit decision and goes to the next pending claim (with nothing assigned yet, the selection
first becomes the field the mode started on: ``v``, a move, ``Enter`` fixes the field most
likely wrong), ``Esc`` leaves and drops the draft. No
typing, no input method: the offsets written are the selection's.

While the mode is on, its keys take precedence: :meth:`SpanMode.check_action` turns every
other screen action off (help excepted) and the mode's on outside it, so the footer shows
the mode's keys. Segmenting runs in a thread worker; the writes go through the session
(``save_draft``, ``add_from_span``) like every other action.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import WorkerFailed

from db import alternatives, spans
from db.errors import ReviewError
from db.rows import ClaimRow, DocumentRow
from db.session import Outcome, ReviewSession
from tui.keymap import IME_FORMS
from tui.text import shown, shown_line
from tui.widgets import hints
from tui.widgets.claim_card import ClaimCard, Doing
from tui.widgets.document_view import DocumentView
from tui.widgets.span_cursor import (
    FILTERED_JUMPS,
    SPAN_BINDINGS,
    SpanCursor,
    extractor_readers,
    segment,
    segment_around,
)

T = TypeVar("T")

#: Screen actions that stay on in span mode besides the mode's own.
ALWAYS_ON = frozenset(
    {"help", "span_move", "span_jump", "span_assign", "span_assign_save", "span_append",
     "span_add", "span_save", "span_cancel", "span_hints"}
)  # fmt: skip
#: The mode's actions (off outside the mode; ``span_start`` enters it).
SPAN_ACTIONS = ALWAYS_ON - {"help"}

#: The document border while the mode is on: the mode and its keys.
MODE_TITLE = (
    "SPAN MODE  0 ; ' … labels · ←→ word · ⇧←→↑↓ extend · Tab name · ] number · . time"
    " · s p t o q assign (S P T O Q: and save) · a append · n add · Enter save · Esc leave"
)

#: The document's bottom border while the review screen labels the claim's sentence.
LABELS_SUBTITLE = "type a label to select its word · F3 hides the labels"

#: What the help panel says of the hint labels' keys (they are typed, not bound).
HINT_HELP = (
    "Type the label under a word to select it; a second label right after extends the"
    " selection to its word (a Chinese input method's ； 、 · （ ） ： ～ 《 》 ｛ ｝ ｜ “ ” and"
    " ０ count too). The claim's sentence is labelled on the review screen as well: a label"
    " typed there starts span mode with its word selected (no v needed)"
)

#: Fields ``Enter`` may give the selection to when nothing is assigned yet.
ENTER_TARGETS = ("subject", "predicate", "time", "object")

#: What each jump kind is called in a message.
JUMP_NAMES = {"name": "name or noun phrase", "number": "number", "time": "time expression",
              "missed": "number without a claim"}  # fmt: skip

#: How each move is made: name -> (kind, step or target, extends the selection).
MOVES: dict[str, tuple[str, int, bool]] = {
    "left": ("word", -1, False),
    "right": ("word", 1, False),
    "extend_left": ("word", -1, True),
    "extend_right": ("word", 1, True),
    "home": ("sentence", 0, False),
    "end": ("sentence", 1, False),
    "extend_home": ("sentence", 0, True),
    "extend_end": ("sentence", 1, True),
    "up": ("line", -1, False),
    "down": ("line", 1, False),
    "extend_up": ("line", -1, True),
    "extend_down": ("line", 1, True),
}


def nlp_load() -> None:
    """Load the extractor's tagger (the words of span mode)."""
    from extractor import load

    load()


def span_help_rows(app: App) -> list[tuple[str, str, str, str]]:
    """(keys, action, what it does, binding id) of span mode's keys for the help panel, with
    the keys in effect after a user keymap."""
    rows = []
    for b in SPAN_BINDINGS:
        keys = app._keymap.get(b.id or "", b.key)
        shown_keys = " ".join(
            app.get_key_display(Binding(k.strip(), ""))
            for k in keys.split(",")
            if k.strip() not in IME_FORMS  # the help panel's foot names them once for all
        )
        rows.append((shown_keys, f"span: {b.description}", b.tooltip, b.id or ""))
    rows.append((" ".join(hints.ALPHABET), "span: hint label", HINT_HELP, ""))
    return rows


def _placed(
    text: str, seg: Any, start: int, claim: ClaimRow | None, field: str | None
) -> SpanCursor:
    """A span cursor on ``seg`` where span mode starts for ``claim`` (its labels ordered from
    its quantity): :meth:`SpanCursor.start_on` the field ``field``."""
    cursor = SpanCursor(text, seg, start)
    cursor.pivot = (claim["start"], claim["end"]) if claim is not None else None
    cursor.start_on(claim, field)
    return cursor


def _labelled(claim: ClaimRow, doc: DocumentRow) -> tuple[int, str, tuple[int, int]]:
    """What the labels on the review screen belong to: the claim's id, its document's text and
    its quantity's offsets (another claim, or the same one edited, is labelled anew)."""
    return claim["id"], doc["text"], (claim["start"], claim["end"])


class SpanMode(Screen):
    """The span mode of :class:`tui.screens.review.ReviewScreen` (a base class of it)."""

    if TYPE_CHECKING:  # provided by ReviewScreen
        session: ReviewSession
        field_focus: str

        @property
        def claim(self) -> ClaimRow | None: ...

        @property
        def doc(self) -> DocumentRow | None: ...

        async def _call(
            self, action: Callable[[], Outcome], doing: Doing = "loading"
        ) -> Outcome: ...

        async def _act(
            self, action: Callable[[], Outcome], doing: Doing = "loading"
        ) -> Outcome: ...

        def render_outcome(self, outcome: Outcome) -> None: ...

    span: SpanCursor | None = None
    """The word cursor while span mode is on, else None."""
    span_draft: dict[str, Any]
    """Fields assigned in span mode and not saved yet (the draft of the claim on the card)."""
    span_claim_id: int | None = None
    """The claim the draft belongs to."""
    span_field: str | None = None
    """The field span mode started on (:meth:`span_start_field`): ``Enter`` with nothing
    assigned yet gives it the selection (:meth:`span_enter_target`)."""
    span_appends_to = "subject"
    """The field ``a`` / ``&`` appends the selection to: the subject or predicate assigned last
    in the draft, else the subject (:meth:`action_span_append`)."""
    span_adding = False
    """The mode was started by ``N`` (:meth:`action_add_missed`) on a number no claim holds:
    ``Enter`` with nothing assigned adds the selection as a claim (like ``n``)."""
    _span_focus: Widget | None = None
    _span_readers: spans.Readers | None = None
    span_labels: dict[str, int] = {}  # noqa: RUF012 (replaced whole, never changed in place)
    """The hint labels on screen: label -> word of the cursor's sentence."""
    span_hints_on = True
    """Hint labels are drawn (``h``/``F3`` hides and shows them; kept for the session)."""
    _hint_typed = ""
    _hint_extends = False
    """The last key was a hint label that started a selection: the next one extends it."""
    _primed: tuple[int, str, tuple[int, int], Any] | None = None
    """The claim whose sentence is labelled on the review screen (outside span mode): (its
    id, its document's text, its quantity's offsets, the segmentation the labels come from),
    or None while none is (:meth:`prime_hints`)."""

    # ---------------------------------------------------------------- what is on

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In span mode only its keys (and help) work; outside it its keys are off."""
        if self.span is not None:
            return action in ALWAYS_ON
        return action not in SPAN_ACTIONS

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The mode's keys are the document view's: it keeps the focus while the mode is on
        (a click elsewhere would leave the keys nowhere)."""
        if self.span is not None and not isinstance(event.widget, DocumentView):
            self.query_one(DocumentView).focus()

    @property
    def span_readers(self) -> spans.Readers:
        """What the extractor reads from a selection (quantity, time, roles)."""
        if self._span_readers is None:
            self._span_readers = extractor_readers()
        return self._span_readers

    async def _span_work(self, work: Callable[[], T]) -> T | None:
        """Run ``work`` (segmenting: the tagger) in a thread worker; None, with a message,
        when it failed."""
        worker = self.run_worker(work, thread=True, group="span", exit_on_error=False)
        try:
            return await worker.wait()
        except WorkerFailed as exc:
            self.notify(shown(f"Could not segment the document: {exc.error}"),
                        severity="error", markup=False)  # fmt: skip
            return None

    @on(events.Mount)
    def _span_warm_up(self) -> None:
        """Load the tagger in a worker at start, so the first ``v`` does not wait for it
        (Textual calls this besides the review screen's own ``on_mount``)."""
        self.run_worker(nlp_load, thread=True, group="span-load", exit_on_error=False)

    # ---------------------------------------------------------------- entering, leaving

    def span_start_field(self) -> str | None:
        """The field span mode starts on (:meth:`SpanCursor.start_selection`): the card's
        field in focus when the claim has alternatives (the one the reviewer moved to with
        ``[`` ``]``; on the row of all fields, the field most likely wrong,
        :func:`db.alternatives.focus_field`), else None (the quantity)."""
        claim, doc = self.claim, self.doc
        if claim is None or doc is None:
            return None
        alts = alternatives.parse(claim.get("alternatives"), doc["text"])
        if not alts:
            return None
        if self.field_focus == alternatives.ALL:
            return alternatives.focus_field(alts, claim)
        return self.field_focus or None

    async def action_span_start(self) -> None:
        """Enter span mode: a word cursor in the claim's sentence, on the nearest word of the
        type of the card's field in focus (:meth:`SpanCursor.start_selection`)."""
        await self._span_open(missed=False)

    async def action_add_missed(self) -> None:
        """Enter span mode with the next number of the document that no claim holds selected
        (after the claim on screen, wrapping round to the document's start; from the start
        for a document alone): ``n`` or ``Enter`` adds it, ``N`` goes on to the next one."""
        await self._span_open(missed=True)

    async def _span_open(self, missed: bool, label_word: int | None = None) -> None:
        """Enter span mode (see :meth:`action_span_start`, :meth:`action_add_missed`); with
        ``label_word``, a word of the claim's sentence whose hint label was typed on the
        review screen, with that word selected (the segmentation the labels came from is
        reused, so the word is the one labelled)."""
        doc, claim = self.doc, self.claim
        primed = self._primed_for(claim, doc) if label_word is not None else None
        if label_word is not None and primed is None:
            return  # the labels were another claim's: the screen moved on
        if doc is None or self.span is not None:
            if doc is None:
                self.notify("No document on screen to select in.", severity="warning")
            return
        text = doc["text"]
        start = claim["sentence_start"] if claim is not None else 0
        after = SpanCursor.missed_origin(claim)
        readers = self.span_readers
        field = self.span_start_field()
        doc_id = doc["id"]
        listed = await self._call(lambda: self.session.quantity_spans(doc_id))
        if not listed.ok and missed:
            self.render_outcome(listed)  # busy: nothing changed, press again
            return
        claimed = listed.data if listed.ok else []

        def work() -> tuple[SpanCursor, bool]:
            seg = primed if primed is not None else segment_around(text, start)
            readers.quantity("1")  # load the extractor's word lists here, not on a key
            cursor = _placed(text, seg, start, claim, field)
            cursor.claimed = claimed
            if label_word is not None and 0 <= label_word < len(cursor.words):
                cursor.select_label(label_word, extend=False)
            if not missed:
                return cursor, True
            while (target := cursor.first_missed_after(after)) is None:
                if cursor.covers_all(1) and cursor.covers_all(-1):
                    return cursor, False
                lo, hi = cursor.next_region(1 if not cursor.covers_all(1) else -1)
                cursor.merge(segment(text, lo, hi))
            cursor.anchor, cursor.index = target
            return cursor, True

        got = await self._span_work(work)
        if got is None:
            return
        cursor, found = got
        if cursor.empty:
            self.notify("No words to select in this document.", severity="warning")
            return
        if not found:
            self.notify("Every number of this document has a claim (N finds none to add).",
                        timeout=3)  # fmt: skip
            return
        if self.doc is None or self.doc["text"] != text:
            return  # the screen moved on meanwhile
        self.span = cursor
        self._primed = None
        # After a label typed on the review screen, the next label extends the selection.
        self._hint_typed, self._hint_extends = "", label_word is not None
        self.span_draft = {}
        self.span_appends_to = "subject"
        self.span_claim_id = claim["id"] if claim is not None else None
        self.span_field = field
        self.span_adding = missed
        self._span_focus = self.focused
        view = self.query_one(DocumentView)
        view.span_mode = True
        view.border_title = MODE_TITLE
        view.focus()
        self.fit_card()
        self._span_draw()
        self.refresh_bindings()

    def _span_leave(self) -> None:
        """Leave span mode (the draft is dropped); the claim is shown as saved."""
        self.span = None
        self.span_draft = {}
        self.span_adding = False
        view = self.query_one(DocumentView)
        view.span_mode = False
        view.border_title = "document"
        view.border_subtitle = ""
        view.set_marks(None, None)
        view.set_hints({})
        self.span_labels, self._hint_typed, self._hint_extends = {}, "", False
        self.fit_card()
        claim, doc = self.claim, self.doc
        if claim is not None and doc is not None:
            view.show(doc["text"], claim)
            self.query_one(ClaimCard).show(claim)
        if self._span_focus is not None and self._span_focus.is_attached:
            self._span_focus.focus()
        self._span_focus = None
        self.refresh_bindings()
        self.prime_hints()

    def action_span_cancel(self) -> None:
        """Leave span mode, dropping the draft (nothing is written)."""
        dropped = bool(self.span_draft)
        self._span_leave()
        self.notify("Draft dropped; nothing saved." if dropped else "Span mode off.", timeout=2)

    # ---------------------------------------------------------------- drawing

    def fit_card(self) -> None:
        """Fit the card to the screen's height class (``-short``: under 30 rows): there its
        pick row takes fewer lines, and in span mode the card is compact — the claim's fields
        on one line and the draft's changes on one more — so the document keeps its rows for
        the words and their labels. Entering or leaving the mode and a resize decide again."""
        card = self.query_one(ClaimCard)
        short = self.has_class("-short")
        compact = self.span is not None and short
        if (short, compact) == (card.short, card.compact):
            return
        card.short, card.compact = short, compact
        claim = self.claim
        if claim is None:
            return
        if self.span is not None and claim["id"] == self.span_claim_id:
            card.show_draft(claim, self.span_draft)
        elif self.span is None:
            card.show(claim)

    def on_resize(self) -> None:
        """The card follows the screen's height class (:meth:`fit_card`); the review screen's
        labels are laid out again (they show only where they fit, :meth:`_labels_fit`)."""
        self.fit_card()
        if self.span is None and self.is_mounted:
            self._primed = None
            self.call_after_refresh(self.prime_hints)

    def _span_draw(self, draft: bool = False) -> None:
        """Draw the cursor and the selection, and with ``draft`` the draft too (its spans in
        the document, its fields on the card)."""
        cursor = self.span
        if cursor is None:
            return
        view = self.query_one(DocumentView)
        claim, doc = self.claim, self.doc
        if draft and claim is not None and doc is not None and claim["id"] == self.span_claim_id:
            merged: dict[str, Any] = {**claim, **self.span_draft}
            view.show(doc["text"], merged)
            self.query_one(ClaimCard).show_draft(claim, self.span_draft)
        a, b = cursor.selection
        view.set_marks(cursor.cursor, (a, b))
        self.span_labels = cursor.hint_labels() if self.span_hints_on else {}
        words = cursor.words
        view.set_hints({words[k][0]: label for label, k in self.span_labels.items()},
                       self._hint_typed)  # fmt: skip
        then = f"Enter: {self.span_enter_target()}" if not self.span_draft else "Enter: save"
        if self.span_adding and not self.span_draft:
            then = "Enter: add"
        elif self.span_claim_id is None:
            then = "n: add"
        subtitle = f"selection {a}–{b}: {shown_line(cursor.text[a:b])[:60]} · {then}"
        if view.border_subtitle != subtitle:  # setting it redraws every line of the view
            view.border_subtitle = subtitle

    # ---------------------------------------------------------------- hint labels

    async def on_key(self, event: events.Key) -> None:
        """A hint label's keys (:mod:`tui.widgets.hints`) select its word — a second label
        right after the first extends the selection to its word —, before any binding sees
        them; every other key ends a label's sequence. In span mode the labels are the
        cursor's sentence's; on the review screen the claim's sentence's, and a label typed
        there starts span mode with its word selected."""
        cursor = self.span
        if not self.span_labels or (cursor is None and self._primed is None):
            return
        view = self.query_one(DocumentView)
        ch = hints.key_char(event.character)
        if ch is None:
            begun = self._hint_typed
            self._hint_typed, self._hint_extends = "", False
            if begun and cursor is None:
                view.set_hints(view.hints)  # the first key of a two-key label, undimmed
            return
        event.stop()
        event.prevent_default()
        typed = self._hint_typed + ch
        word, known = hints.typed_label(self.span_labels, typed)
        self._hint_typed = typed if known and word is None else ""
        if not known:
            self.notify(f"No hint label {typed!r} here.", severity="warning", timeout=2,
                        markup=False)  # fmt: skip
        if cursor is not None:
            if word is not None:
                cursor.select_label(word, extend=self._hint_extends)
                self._hint_extends = not self._hint_extends
            self._span_draw()
            return
        view.set_hints(view.hints, self._hint_typed)  # a first key dims the labels it rules out
        if word is not None:
            await self._span_open(missed=False, label_word=word)

    def action_span_hints(self) -> None:
        """Show or hide the hint labels (in span mode and on the review screen)."""
        self.span_hints_on = not self.span_hints_on
        self._hint_typed, self._hint_extends = "", False
        if self.span is not None:
            self._span_draw()
        else:
            self.prime_hints()
        self.notify("Hint labels on." if self.span_hints_on else "Hint labels off.", timeout=2)

    # ---------------------------------------------------------------- labels on the review screen

    def action_toggle_hints(self) -> None:
        """``F3`` on the review screen: hide or show the hint labels (as ``h``/``F3`` in span
        mode; one setting for both, kept for the session)."""
        self.action_span_hints()

    def _primed_for(self, claim: ClaimRow | None, doc: DocumentRow | None) -> Any:
        """The segmentation of the labels on screen when they are ``claim``'s, else None."""
        primed = self._primed
        if primed is None or claim is None or doc is None:
            return None
        return primed[3] if primed[:3] == _labelled(claim, doc) else None

    def prime_hints(self) -> None:
        """Label the words of the claim's sentence on the review screen (outside span mode),
        as span mode would label them: segmenting runs in a worker, and the labels appear when
        it is done — a label typed then starts span mode with its word selected
        (:meth:`on_key`). Called on every view; off with ``F3``."""
        if self.span is not None:
            return
        claim, doc = self.claim, self.doc
        if self._primed_for(claim, doc) is not None and self.span_hints_on:
            return  # the same claim's sentence, labelled already
        self._primed, self.span_labels, self._hint_typed = None, {}, ""
        if self.is_mounted:
            view = self.query_one(DocumentView)
            view.set_hints({})
            if view.border_subtitle:
                view.border_subtitle = ""
        if claim is None or doc is None or not self.span_hints_on:
            return
        text, start = doc["text"], claim["sentence_start"]
        key = _labelled(claim, doc)

        def work() -> tuple[Any, dict[str, int], dict[int, str]]:
            seg = segment_around(text, start)
            cursor = _placed(text, seg, start, claim, None)
            labels = cursor.hint_labels()
            return seg, labels, {cursor.words[k][0]: label for label, k in labels.items()}

        async def label() -> None:
            try:
                seg, labels, drawn = await asyncio.to_thread(work)
            except Exception:  # no labels is no harm: v still works
                return
            claim, doc = self.claim, self.doc
            if self.span is not None or not self.span_hints_on or claim is None or doc is None:
                return
            if _labelled(claim, doc) != key:
                return  # the screen moved on meanwhile
            view = self.query_one(DocumentView)
            if not self._labels_fit(view, claim, drawn):
                return  # they would push the sentence out of view: v still labels it
            self._primed, self.span_labels, self._hint_typed = (*key, seg), labels, ""
            view.set_hints(drawn)
            if view.border_subtitle != LABELS_SUBTITLE:  # setting it redraws every line
                view.border_subtitle = LABELS_SUBTITLE

        # a function, not a coroutine: an exclusive worker cancelled before it starts never
        # runs it (Textual's stub wants Coroutine[None, None, T] where async def gives Any)
        self.run_worker(label, group="review-hints", exclusive=True,  # type: ignore[arg-type]
                        exit_on_error=False)  # fmt: skip

    @staticmethod
    def _labels_fit(view: DocumentView, claim: ClaimRow, drawn: dict[int, str]) -> bool:
        """Whether the claim's sentence and its rows of labels fit the document's viewport
        together (on a short screen a long sentence would be pushed out of view: the review
        screen then shows no labels, and span mode makes room for them)."""
        if not view.lines:
            return False
        first = view.line_of(claim["sentence_start"])
        last = view.line_of(max(claim["sentence_start"], claim["sentence_end"] - 1))
        # the sentence before it is labelled too, above: its rows may run out of view
        hinted = {k for k in map(view.line_of, drawn) if first <= k <= last}
        return last - first + 1 + len(hinted) <= view.scrollable_content_region.height

    # ---------------------------------------------------------------- moving

    async def _span_more(self, step: int) -> None:
        """Segment the next region in direction ``step`` (a worker) and merge it in."""
        cursor = self.span
        if cursor is None or cursor.covers_all(step):
            return
        lo, hi = cursor.next_region(step)
        text = cursor.text
        more = await self._span_work(lambda: segment(text, lo, hi))
        if more is not None and self.span is cursor:
            cursor.merge(more)

    async def action_span_move(self, how: str) -> None:
        """Move the cursor (see :data:`MOVES`)."""
        cursor = self.span
        if cursor is None or how not in MOVES:
            return
        kind, step, extend = MOVES[how]
        if kind == "word":
            if cursor.needs_more(step, extend):
                await self._span_more(step)
            cursor.move(step, extend)
        elif kind == "sentence":
            cursor.to_sentence_end(bool(step), extend)
        else:
            view = self.query_one(DocumentView)
            offset = cursor.cursor[0]
            for _ in range(len(view.lines)):  # skip lines without a word (blank, punctuation)
                target = view.line_target(offset, step)
                if target is None:
                    break
                lo, hi, at = target
                if (lo < cursor.seg.lo or hi > cursor.seg.hi) and not cursor.covers_all(step):
                    await self._span_more(step)
                if cursor.nearest_in(lo, hi, at, extend):
                    break
                offset = lo
        self._span_draw()

    async def action_span_jump(self, kind: str, step: int) -> None:
        """Select the next (``step`` 1) or previous (-1) name, number or time expression
        (:meth:`SpanCursor.jump`), segmenting more of the document when the region on hand
        has none that way."""
        cursor = self.span
        if cursor is None or kind not in JUMP_NAMES:
            return
        before = (cursor.anchor, cursor.index)
        while not cursor.jump(kind, step):
            if cursor.covers_all(step) and kind in FILTERED_JUMPS and not cursor.covers_all(-step):
                await self._span_more(-step)  # a missed number wraps round the document
            elif cursor.covers_all(step):
                way = "after" if step > 0 else "before"
                self.notify(f"No {JUMP_NAMES[kind]} {way} the selection.", timeout=2)
                return
            else:
                await self._span_more(step)
            if self.span is not cursor:
                return
        if (cursor.anchor, cursor.index) == before:
            self.notify(f"No other {JUMP_NAMES[kind]} in this document.", timeout=2)
        self._span_draw()

    # ---------------------------------------------------------------- assigning, saving

    def _span_current(self) -> tuple[ClaimRow, DocumentRow] | None:
        """The claim the draft belongs to, or None (with a message) when there is none."""
        claim, doc = self.claim, self.doc
        if claim is None or doc is None:
            self.notify("No claim on the card: n adds a claim from the selection.",
                        severity="warning")  # fmt: skip
            return None
        if claim["id"] != self.span_claim_id:
            self._span_leave()
            self.notify("The claim on screen changed; the draft was dropped.", severity="warning")
            return None
        return claim, doc

    def action_span_assign(self, target: str) -> bool:
        """Assign the selection to a field of the draft (nothing is written yet). Returns
        whether it was assigned (False: refused with a message, or no claim)."""

        def assign(_claim: ClaimRow, doc: DocumentRow, a: int, b: int) -> spans.Changes:
            return spans.assign(doc["text"], target, a, b, self.span_readers, doc["date"])

        if not self._span_draft_from(assign):
            return False
        if target in spans.APPEND_TARGETS:
            self.span_appends_to = target
        return True

    def action_span_append(self) -> bool:
        """Append the selection to the subject (or to the predicate, when the draft's last
        assigned field of the two is the predicate): the entity and what is measured, written
        in two places (the card's 滨江市, then 共享单车 selected: 滨江市共享单车) — no typing.
        The value appended to is the draft's, else the claim's. Returns whether it was
        appended (nothing is written yet: ``Enter`` saves the draft)."""
        target = self.span_appends_to

        def append(claim: ClaimRow, doc: DocumentRow, a: int, b: int) -> spans.Changes:
            field = spans.TARGETS[target][0]
            stored = claim["subject"] if field == "subject" else claim["predicate"]
            value = self.span_draft.get(field, stored) or ""
            return spans.append(doc["text"], target, a, b, str(value))

        return self._span_draft_from(append)

    def _span_draft_from(
        self, changes_of: Callable[[ClaimRow, DocumentRow, int, int], spans.Changes]
    ) -> bool:
        """Put into the draft the changes ``changes_of`` reads from the selection (the claim
        on the card, its document, the selection's offsets) and redraw; a refused selection
        (:class:`ReviewError`) says why and changes nothing. Returns whether it was taken."""
        cursor = self.span
        current = self._span_current() if cursor is not None else None
        if cursor is None or current is None:
            return False
        claim, doc = current
        a, b = cursor.selection
        try:
            changes = changes_of(claim, doc, a, b)
        except ReviewError as exc:
            self.notify(shown(str(exc)), severity="warning", markup=False)
            return False
        self.span_draft.update(changes)
        self._span_draw(draft=True)
        return True

    async def action_span_assign_save(self, target: str) -> None:
        """Assign the selection to a field of the draft and save the draft at once (a field
        key and ``Enter`` in one key: ``S`` or ``!`` for the subject, …); a refused selection
        saves nothing."""
        if self.span is not None and self.action_span_assign(target):
            await self.action_span_save()

    def span_enter_target(self) -> str:
        """What ``Enter`` gives the selection when nothing is assigned yet: the field the mode
        started on (the card's field in focus) when it is one a selection can be — subject,
        predicate, time, object —, else the quantity (a claim without alternatives, unit or
        kind in focus: the mode started on the quantity)."""
        field = self.span_field
        return field if field in ENTER_TARGETS else "quantity"

    async def action_span_save(self) -> None:
        """Save the draft as one edit decision and go to the next pending claim; with nothing
        assigned yet, the selection first becomes the field the mode started on
        (:meth:`span_enter_target`), so a one-field fix is ``v``, the selection, ``Enter``."""
        if self.span is None:
            return
        if self.span_adding and not self.span_draft:
            await self.action_span_add()  # N started the mode: Enter adds the selection
            return
        if self._span_current() is None:
            return
        if not self.span_draft:
            self.action_span_assign(self.span_enter_target())
            if not self.span_draft:  # refused (a selection without a number for the quantity)
                return
        draft = dict(self.span_draft)
        outcome = await self._act(lambda: self.session.save_draft(draft), "saving")
        if outcome.ok:
            self._span_leave()
        elif self.span is not None:
            self._span_draw(draft=True)  # busy or refused: the draft stays; press Enter again

    async def action_span_add(self) -> None:
        """Add a claim from the selection (in the document on screen; no claim needed); the
        mode ends with the added claim on the card."""
        cursor, doc = self.span, self.doc
        if cursor is None or doc is None:
            return
        a, b = cursor.selection
        readers = self.span_readers
        outcome = await self._act(
            lambda: self.session.add_from_span(doc["id"], a, b, readers), "saving"
        )
        if self.span is None:
            return
        if outcome.ok:
            # The added claim is on the card, with the extractor's alternatives to pick: the
            # mode ends (v starts it again, on the added claim's field most likely wrong).
            self._span_leave()
            return
        self._span_draw(draft=True)  # busy or refused: the selection stays; press n again
