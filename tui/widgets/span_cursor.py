"""Span mode's word cursor: words of the document, a cursor on one, a selection of several.

The words are the extractor's own (:func:`extractor.nlp.tag`, the tagger the role finder
reads), so a selection ends where the extractor's words end. Segmenting costs a tagger call
per sentence, so :func:`segment` runs in a thread worker and covers a region around the claim
(:data:`WINDOW` characters either side); when the cursor walks past it, the next region is
segmented and merged in (:meth:`SpanCursor.merge`).

:class:`SpanCursor` is plain state — the words, the cursor's word, the selection's anchor — and
moves: word by word, and jumps that select a whole name or noun phrase, number (with its unit
and qualifier) or time expression as the extractor reads them (:meth:`SpanCursor.jump`); the
document view draws it (:meth:`tui.widgets.document_view.DocumentView.set_marks`) and the
review screen's span mode (:mod:`tui.screens.span_mode`) drives it. The keys are
:data:`SPAN_BINDINGS`, the contract of issue 14.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from textual.binding import Binding

from db import alternatives, spans
from tui.keymap import with_ime_keys
from tui.widgets import hints

#: Characters segmented on each side of where the cursor starts (and per extension).
WINDOW = 3000
#: How far :func:`segment` looks for a sentence or line end to cut its region at.
CUT_SLACK = 300
#: Characters on each side of a selection the extractor reads to guess the roles of an added
#: claim (a subject carried over from earlier sentences, the neighbours' values after it).
ROLE_CONTEXT = 3000

#: Signs that belong to the number before them: a word on their own, so a selection can end
#: on them (12 %), though they are punctuation to Unicode.
NUMBER_SIGNS = frozenset("%％‰‱°℃")

#: Span mode's keys: (keys, action, description, id, tooltip, shown in the footer).
_SPAN_KEYS = (
    ("left", "span_move('left')", "Word ←", "span.left", "Cursor to the previous word", False),
    ("right", "span_move('right')", "Word →", "span.right", "Cursor to the next word", False),
    ("shift+left", "span_move('extend_left')", "Extend ←", "span.extend_left",
     "Extend the selection one word to the left", False),
    ("shift+right", "span_move('extend_right')", "Extend →", "span.extend_right",
     "Extend the selection one word to the right", True),
    ("home", "span_move('home')", "Sentence start", "span.home",
     "Cursor to the first word of its sentence", False),
    ("end", "span_move('end')", "Sentence end", "span.end",
     "Cursor to the last word of its sentence", False),
    ("shift+home", "span_move('extend_home')", "Extend to start", "span.extend_home",
     "Extend the selection to the start of the sentence", False),
    ("shift+end", "span_move('extend_end')", "Extend to end", "span.extend_end",
     "Extend the selection to the end of the sentence", False),
    ("up", "span_move('up')", "Line ↑", "span.up", "Cursor one line up", False),
    ("down", "span_move('down')", "Line ↓", "span.down", "Cursor one line down", False),
    ("shift+up", "span_move('extend_up')", "Extend ↑", "span.extend_up",
     "Extend the selection one line up (to the word above the cursor)", False),
    ("shift+down", "span_move('extend_down')", "Extend ↓", "span.extend_down",
     "Extend the selection one line down (to the word below the cursor)", False),
    ("s,1", "span_assign('subject')", "Subject", "span.subject",
     "The selection is the draft's subject", True),
    ("p,2", "span_assign('predicate')", "Predicate", "span.predicate",
     "The selection is the draft's predicate", True),
    ("t,3", "span_assign('time')", "Time", "span.time",
     "The selection is the draft's time (normalised too)", True),
    ("o,4", "span_assign('object')", "Object", "span.object",
     "The selection is the draft's object", True),
    ("q,5", "span_assign('quantity')", "Quantity", "span.quantity",
     "The selection is the draft's quantity (value, unit, qualifier read from it)", True),
    ("S,exclamation_mark", "span_assign_save('subject')", "Subject, save", "span.subject_save",
     "The selection is the subject, and save the draft (s then Enter in one key)", False),
    ("P,at", "span_assign_save('predicate')", "Predicate, save", "span.predicate_save",
     "The selection is the predicate, and save the draft (p then Enter in one key)", False),
    ("T,number_sign", "span_assign_save('time')", "Time, save", "span.time_save",
     "The selection is the time, and save the draft (t then Enter in one key)", False),
    ("O,dollar_sign", "span_assign_save('object')", "Object, save", "span.object_save",
     "The selection is the object, and save the draft (o then Enter in one key)", False),
    ("Q,percent_sign", "span_assign_save('quantity')", "Quantity, save", "span.quantity_save",
     "The selection is the quantity, and save the draft (q then Enter in one key)", False),
    ("a,ampersand", "span_append", "Append", "span.append",
     "Append the selection to the subject (to the predicate when it was assigned last): an"
     " entity and what is measured written in two places (滨江市 + 共享单车) make one value",
     False),
    ("n,6,insert", "span_add", "Add", "span.add",
     "Add a claim from the selection (its quantity read from it)", True),
    ("enter", "span_save", "Save", "span.save",
     "Save the draft as one edit and go to the next pending claim (nothing assigned yet: the"
     " selection becomes the field the mode started on, named under the document)", True),
    ("escape", "span_cancel", "Leave", "span.leave",
     "Leave span mode, dropping the draft", True),
    ("h,f3", "span_hints", "Labels", "span.hints",
     "Show or hide the hint labels under the words of the cursor's sentence (type a label to"
     " select its word, a second label right after to extend the selection to its word)", True),
    ("tab,w", "span_jump('name', 1)", "Next name", "span.next_name",
     "Select the next name or noun phrase (the one holding the selection first)", True),
    ("shift+tab,W", "span_jump('name', -1)", "Previous name", "span.previous_name",
     "Select the previous name or noun phrase (the one holding the selection first)", False),
    ("right_square_bracket,f", "span_jump('number', 1)", "Next number", "span.next_number",
     "Select the next number with its unit and qualifier (a quantity)", True),
    ("left_square_bracket,F", "span_jump('number', -1)", "Previous number",
     "span.previous_number", "Select the previous number with its unit and qualifier", False),
    ("full_stop,d", "span_jump('time', 1)", "Next time", "span.next_time",
     "Select the next time expression (4月26日, 截至3月底)", True),
    ("comma,D", "span_jump('time', -1)", "Previous time", "span.previous_time",
     "Select the previous time expression", False),
    ("N,plus", "span_jump('missed', 1)", "Next missed", "span.next_missed",
     "Select the next number of the document that no claim holds (wrapping round to its"
     " start): n adds it", True),
)  # fmt: skip

#: What each jump kind stops on (:attr:`Segmentation.phrases`, ``quantities``, ``times``).
JUMP_KINDS = {"name": "phrases", "number": "quantities", "time": "times"}
#: Jumps over a subset of a kind: ``missed`` stops on the numbers no claim of the document
#: holds (:attr:`SpanCursor.claimed`), wrapping round the document.
FILTERED_JUMPS = {"missed": "number"}

SPAN_BINDINGS = [
    with_ime_keys(
        Binding(keys, f"screen.{action}", description, show=show, id=bid, tooltip=tooltip)
    )
    for keys, action, description, bid, tooltip, show in _SPAN_KEYS
]
"""Span mode's bindings. They live on the document view, which has the focus in span mode,
so they come before the review keys (a keymap that remaps a review key leaves them be); the
screen turns them off outside span mode and the review keys off inside it
(:meth:`tui.screens.span_mode.SpanMode.check_action`). Each with a punctuation or digit key
takes its input-method form too (``【`` for ``[``: :data:`tui.keymap.IME_KEYS`)."""


def is_word(token: str) -> bool:
    """May the cursor stop on ``token``? Not on white space, control characters or
    punctuation alone (a selection still covers the punctuation between its words)."""
    for ch in token:
        if ch in NUMBER_SIGNS:
            return True
        if ch.isspace():
            continue
        if unicodedata.category(ch)[0] not in "PC":
            return True
    return False


@dataclass
class Segmentation:
    """The words and sentences of ``text[lo:hi]`` (document offsets)."""

    lo: int
    hi: int
    words: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    phrases: list[tuple[int, int]] = field(default_factory=list)
    """Names and noun phrases: the extractor's noun runs (:func:`extractor.entities.noun_runs`)
    that hold no quantity."""
    quantities: list[tuple[int, int]] = field(default_factory=list)
    """Numbers with their unit and qualifier, as the extractor's quantity finder reads them
    (look-alikes kept: a reviewer may want a year or a code)."""
    times: list[tuple[int, int]] = field(default_factory=list)
    """Time expressions, as the extractor's time finder reads them."""


def _cut(text: str, pos: int, forward: bool) -> int:
    """A place near ``pos`` to cut a region: after a line or sentence end within
    :data:`CUT_SLACK` characters (forward: at or after ``pos``), else ``pos`` itself."""
    pos = max(0, min(len(text), pos))
    if pos in (0, len(text)):
        return pos
    ends = "\n。！？!?；;"
    if forward:
        for k in range(pos, min(len(text), pos + CUT_SLACK)):
            if text[k] in ends:
                return k + 1
        return pos
    for k in range(pos, max(0, pos - CUT_SLACK), -1):
        if text[k - 1] in ends:
            return k
    return pos


def segment(text: str, lo: int, hi: int) -> Segmentation:
    """Words and sentences of the region ``lo..hi`` of ``text``, widened to sentence ends.

    Uses the extractor's sentence splitter and tagger (on the full-width-normalised text with
    traditional characters read as simplified, as the extractor does; both translations are
    one character for one, so offsets hold). Slow (the tagger): call it from a worker thread.
    """
    from extractor import nlp, split_sentences
    from extractor.entities import noun_runs
    from extractor.hanzi import simplified
    from extractor.numbers import FULLWIDTH
    from extractor.quantity import find_quantities
    from extractor.timex import find_times

    lo, hi = _cut(text, lo, False), _cut(text, hi, True)
    region = text[lo:hi]
    norm = simplified(region.translate(FULLWIDTH))
    out = Segmentation(lo, hi)
    times = [(t.start, t.end) for t in find_times(norm)]
    quantities = [(m.start, m.end) for m in find_quantities(norm, times, lookalikes=False)]
    out.times = [(lo + a, lo + b) for a, b in times]
    out.quantities = [(lo + a, lo + b) for a, b in quantities]
    for s, e in split_sentences(simplified(region)):
        out.sentences.append((lo + s, lo + e))
        pos = s
        tokens = []
        for word, flag in nlp.tag(norm[s:e]):
            a, pos = pos, pos + len(word)
            tokens.append((word, flag, a, pos))
            if is_word(region[a:pos]):
                out.words.append((lo + a, lo + pos))
        for i, j in noun_runs(tokens):
            a, b = tokens[i][2], tokens[j - 1][3]
            if not any(qa < b and a < qb for qa, qb in quantities):
                out.phrases.append((lo + a, lo + b))
    return out


def segment_around(text: str, offset: int) -> Segmentation:
    """The first region: :data:`WINDOW` characters either side of ``offset``."""
    return segment(text, offset - WINDOW, offset + WINDOW)


class SpanCursor:
    """A cursor on one word of a segmented region and a selection from an anchor word.

    ``index`` is the cursor's word, ``anchor`` the word where the selection started; the
    selection runs from the earlier one's start to the later one's end. A plain move
    collapses the selection onto the cursor; an extending move keeps the anchor.
    """

    def __init__(self, text: str, seg: Segmentation, start_at: int) -> None:
        self.text = text
        """The document text the offsets refer to."""
        self.seg = seg
        self.index = 0
        self.anchor = 0
        self._cache_seg: Segmentation | None = None
        self._cache: dict[str, list[Any]] = {}
        self._claimed: tuple[tuple[int, int], ...] = ()
        self.pivot: tuple[int, int] | None = None
        """The offsets the hint labels of its sentence are ordered from (the claim's quantity:
        :meth:`label_order`); None: reading order everywhere."""
        self.goto(start_at)

    @property
    def claimed(self) -> tuple[tuple[int, int], ...]:
        """The quantity spans (offsets) of the document's claims, whatever their status: the
        ``missed`` jump skips the numbers that overlap one."""
        return self._claimed

    @claimed.setter
    def claimed(self, spans: Any) -> None:
        self._claimed = tuple(sorted((int(a), int(b)) for a, b in spans))
        self._cache.pop("missed", None)

    @property
    def words(self) -> list[tuple[int, int]]:
        return self.seg.words

    @property
    def empty(self) -> bool:
        """No word to stand on (a text of punctuation only)."""
        return not self.seg.words

    @property
    def cursor(self) -> tuple[int, int]:
        """The cursor's word (offsets)."""
        return self.words[self.index]

    @property
    def selection(self) -> tuple[int, int]:
        """The selection: from the start of its first word to the end of its last."""
        a, b = sorted((self.anchor, self.index))
        return self.words[a][0], self.words[b][1]

    @property
    def selected_text(self) -> str:
        a, b = self.selection
        return self.text[a:b]

    def goto(self, offset: int, extend: bool = False) -> None:
        """Put the cursor on the first word that ends after ``offset`` (the last word when
        none does)."""
        if not self.words:
            return
        ends = [e for _, e in self.words]
        self.index = min(bisect_right(ends, offset), len(self.words) - 1)
        if not extend:
            self.anchor = self.index

    def covers_all(self, step: int) -> bool:
        """Does the segmented region reach the document's end in direction ``step``?"""
        return self.seg.lo == 0 if step < 0 else self.seg.hi >= len(self.text)

    def needs_more(self, step: int, extend: bool = False) -> bool:
        """Would a move of ``step`` words leave the segmented region while the document goes
        on?"""
        k = self._moving_from(step, extend) + step
        return not (0 <= k < len(self.words)) and not self.covers_all(step)

    def next_region(self, step: int) -> tuple[int, int]:
        """The region to segment next in direction ``step``."""
        if step < 0:
            return max(0, self.seg.lo - WINDOW), self.seg.lo
        return self.seg.hi, min(len(self.text), self.seg.hi + WINDOW)

    def merge(self, more: Segmentation) -> None:
        """Add a neighbouring region's words and sentences; the cursor and anchor stay on
        their words."""
        cursor, anchor = self.words[self.index] if self.words else None, None
        if self.words:
            anchor = self.words[self.anchor]
        words = {w for w in self.seg.words if not (more.lo <= w[0] < more.hi)}
        words.update(more.words)
        sentences = {s for s in self.seg.sentences if not (more.lo <= s[0] < more.hi)}
        sentences.update(more.sentences)
        spans = {}
        for name in JUMP_KINDS.values():
            kept = {s for s in getattr(self.seg, name) if not (more.lo <= s[0] < more.hi)}
            spans[name] = sorted(kept | set(getattr(more, name)))
        self.seg = Segmentation(
            min(self.seg.lo, more.lo),
            max(self.seg.hi, more.hi),
            sorted(words),
            sorted(sentences),
            **spans,
        )
        starts = [s for s, _ in self.words]
        if cursor is not None and anchor is not None:
            self.index = bisect_left(starts, cursor[0])
            self.anchor = bisect_left(starts, anchor[0])

    def _moving_from(self, step: int, extend: bool) -> int:
        """The word a move of ``step`` starts from: the cursor's when extending, else the
        selection's edge that way (a plain move leaves a selection of several words to the
        word before or after it, not to a word inside it)."""
        if extend:
            return self.index
        return min(self.anchor, self.index) if step < 0 else max(self.anchor, self.index)

    def move(self, step: int, extend: bool = False) -> bool:
        """One word left (``-1``) or right (``1``): without ``extend``, to the word before or
        after the selection; False at the end of the region."""
        k = self._moving_from(step, extend) + step
        if not 0 <= k < len(self.words):
            return False
        self.index = k
        if not extend:
            self.anchor = k
        return True

    def _sentence_at(self, offset: int) -> int | None:
        """The index in :attr:`seg` of the sentence holding ``offset``, None when none does."""
        sentences = self.seg.sentences
        k = bisect_right([s for s, _ in sentences], offset) - 1
        return k if k >= 0 and sentences[k][0] <= offset < sentences[k][1] else None

    def _words_in(self, span: tuple[int, int]) -> list[int]:
        """The words starting in ``span`` (indices, in reading order)."""
        starts = self._starts()
        return list(range(bisect_left(starts, span[0]), bisect_left(starts, span[1])))

    def sentence(self) -> tuple[int, int]:
        """The sentence that holds the cursor (its word when no sentence does)."""
        k = self._sentence_at(self.cursor[0])
        return self.seg.sentences[k] if k is not None else self.cursor

    def sentence_words(self) -> list[int]:
        """The words of the cursor's sentence (indices, in reading order): the words hint
        labels go to (:mod:`tui.widgets.hints`)."""
        return self._words_in(self.sentence())

    def label_order(self) -> list[int]:
        """The words hint labels go to, in the order they get them (the first get one key).
        In the sentence of :attr:`pivot` (the claim's quantity), in the sentence before it and
        in the document's first sentence, the words of all three: the claim's sentence's words
        before the quantity nearest first — where a claim's subject, predicate and time are
        written —, then the quantity and the words after it in reading order, then the
        sentence before in reading order (a subject carried over from it is the commonest one
        written outside the claim's sentence), then the first sentence, the headline or the
        lead that names the article's topic (when the segmentation holds the document's start
        and it is neither of the other two). In any other sentence, its words in reading
        order. The order depends on the sentence alone, so the labels stay put while the
        cursor moves in it (or among the three)."""
        words = self.sentence_words()
        if self.pivot is None:
            return words
        a = self.pivot[0]
        k = self._sentence_at(a)
        if k is None:
            return words
        sentences = self.seg.sentences
        prev = sentences[k - 1] if k > 0 else None
        first = sentences[0] if k > 1 and sentences[0][0] == 0 else None
        if self.sentence() not in (sentences[k], prev, first):
            return words
        own = self._words_in(sentences[k])
        before = [w for w in own if self.words[w][1] <= a]
        order = before[::-1] + [w for w in own if self.words[w][1] > a]
        for other in (prev, first):
            if other is not None:
                order += self._words_in(other)
        return order

    def hint_labels(self) -> dict[str, int]:
        """Label -> word for the words of :meth:`label_order` (:func:`hints.label_words`)."""
        return hints.label_words(self.label_order())

    def select_label(self, word: int, extend: bool) -> None:
        """Select word ``word`` (a hint label typed): alone, or with ``extend`` from the
        selection's anchor to it (a second label right after the first)."""
        self.index = word
        if not extend:
            self.anchor = word

    def to_sentence_end(self, last: bool, extend: bool = False) -> None:
        """To the first (``last=False``) or last word of the cursor's sentence."""
        s0, s1 = self.sentence()
        inside = [i for i, (a, _) in enumerate(self.words) if s0 <= a < s1]
        if inside:
            self.index = inside[-1] if last else inside[0]
            if not extend:
                self.anchor = self.index

    def words_of(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last word inside ``start..end`` (None when it holds no word)."""
        starts = self._starts()
        i = bisect_left(starts, start)
        j = bisect_left(starts, end) - 1
        if i > j:
            return None
        return i, j

    def _starts(self) -> list[int]:
        """The words' starts (cached per segmentation)."""
        if self._cache_seg is not self.seg:
            self._cache_seg, self._cache = self.seg, {}
        if "starts" not in self._cache:
            self._cache["starts"] = [a for a, _ in self.words]
        return self._cache["starts"]  # type: ignore[return-value]

    def jump_spans(self, kind: str) -> list[tuple[int, int]]:
        """The spans of ``kind`` as word ranges (first, last word), in text order (cached)."""
        starts = self._starts()  # also resets the cache for a new segmentation
        if kind in FILTERED_JUMPS and kind not in self._cache:
            taken = self._claimed
            self._cache[kind] = [
                (i, j)
                for i, j in self.jump_spans(FILTERED_JUMPS[kind])
                if not any(a < self.words[j][1] and self.words[i][0] < b for a, b in taken)
            ]
        if kind not in self._cache:
            out = []
            for lo, hi in getattr(self.seg, JUMP_KINDS[kind]):
                i, j = bisect_left(starts, lo), bisect_left(starts, hi) - 1
                if i <= j:
                    out.append((i, j))
            self._cache[kind] = sorted(set(out))
        return self._cache[kind]  # type: ignore[return-value]

    def jump_target(
        self, kind: str, step: int, anchor: int | None = None, index: int | None = None
    ) -> tuple[int, int] | None:
        """Where a jump to the next (``step`` 1) or previous (-1) span of ``kind`` (``name``,
        ``number``, ``time``; see :data:`JUMP_KINDS`) goes from a selection running from word
        ``anchor`` to word ``index`` (default: the present ones): (anchor, cursor) word
        indices that select the span, or None when the segmented region has no such span.

        A span that holds the selection and is larger comes first (a key on a word of a name
        selects the whole name); else the nearest span starting after (before) the
        selection's first word.

        A ``missed`` jump (:data:`FILTERED_JUMPS`) wraps round: past the last such number it
        goes to the first, when the segmented region covers the whole document."""
        if not self.words:
            return None
        anchor = self.anchor if anchor is None else anchor
        index = self.index if index is None else index
        a, b = sorted((anchor, index))
        spans = self.jump_spans(kind)
        k = bisect_right(spans, (a, len(self.words)))
        # Spans starting at or before the selection's first word may hold it (they never
        # overlap one another, so only the last of them can).
        if k and spans[k - 1][0] <= a and b <= spans[k - 1][1] and spans[k - 1] != (a, b):
            return spans[k - 1]
        wraps = kind in FILTERED_JUMPS and self.covers_all(1) and self.covers_all(-1)
        if step > 0:
            if k < len(spans):
                return spans[k]
            return spans[0] if wraps and spans else None
        k = bisect_left(spans, (a, -1))
        if k:
            return spans[k - 1]
        return spans[-1] if wraps and spans else None

    @staticmethod
    def missed_origin(claim: Mapping[str, Any] | None) -> int:
        """Where ``N`` starts looking for a number no claim holds: the start of the claim's
        sentence (a missed number of the sentence on screen comes first, before or after the
        claim), the document's start without a claim."""
        return int(claim["sentence_start"]) if claim is not None else 0

    def first_missed_after(self, offset: int) -> tuple[int, int] | None:
        """The first number starting at or after ``offset`` that no claim holds (the
        ``missed`` jump's spans, wrapping round to the document's first when the region
        covers it all): (anchor, cursor) word indices, or None when there is none."""
        spans = self.jump_spans("missed")
        for i, j in spans:
            if self.words[i][0] >= offset:
                return i, j
        if spans and self.covers_all(1) and self.covers_all(-1):
            return spans[0]
        return None

    def start_selection(
        self, claim: Mapping[str, Any] | None, field: str | None
    ) -> tuple[int, int]:
        """Where span mode starts for ``claim`` when ``field`` is the card's field most
        likely wrong: (anchor, cursor) word indices, on the nearest word of that field's
        type in the claim's sentence —

        - ``subject``: the sentence's first name or noun phrase before the quantity that the
          card does not offer already (neither the subject nor one of its alternatives);
        - ``predicate``: the word just before the quantity (a predicate's usual last word);
        - ``time``: the time expression of the sentence nearest the quantity;
        - ``object``: the word just after the quantity;
        - anything else (no field, unit, kind): the quantity itself.

        Without a claim, or with no such word in the sentence, the sentence's first word."""
        if claim is None or not self.words:
            return self.anchor, self.index
        words = self.words
        s0, s1 = claim["sentence_start"], claim["sentence_end"]
        first = self.words_of(s0, s1)
        fallback = (first[0], first[0]) if first else (self.anchor, self.index)
        q = self.words_of(claim["start"], claim["end"])
        if q is None:
            return fallback

        def inside(w: tuple[int, int]) -> bool:
            return s0 <= words[w[0]][0] and words[w[1]][1] <= s1

        if field == "subject":
            names = [w for w in self.jump_spans("name") if inside(w) and w[1] < q[0]]
            # A name the card offers already (the subject, a runner-up) is picked, not
            # selected: start on the first one it does not offer.
            offered = {str(claim.get("subject") or "")} | {
                o.text for o in alternatives.parse(claim.get("alternatives"), self.text).get(
                    "subject", [])
            }  # fmt: skip
            fresh = [w for w in names if self.text[words[w[0]][0] : words[w[1]][1]] not in offered]
            names = fresh or names
            return names[0] if names else fallback
        if field == "predicate":
            k = q[0] - 1
            return (k, k) if k >= 0 and inside((k, k)) else fallback
        if field == "time":
            times = [w for w in self.jump_spans("time") if inside(w)]
            if not times:
                return fallback
            return min(times, key=lambda w: (min(abs(w[1] - q[0]), abs(w[0] - q[1])), w))
        if field == "object":
            k = q[1] + 1
            return (k, k) if k < len(words) and inside((k, k)) else fallback
        return q

    def start_on(self, claim: Mapping[str, Any] | None, field: str | None) -> None:
        """Put the selection where span mode starts (:meth:`start_selection`)."""
        self.anchor, self.index = self.start_selection(claim, field)

    def jump(self, kind: str, step: int) -> bool:
        """Select the next or previous span of ``kind`` (:meth:`jump_target`): the anchor on
        its first word, the cursor on its last (``Shift+←`` shrinks it from the end). False
        when the segmented region has none."""
        target = self.jump_target(kind, step)
        if target is None:
            return False
        self.anchor, self.index = target
        return True

    def nearest_in(self, lo: int, hi: int, target: int, extend: bool = False) -> bool:
        """To the word starting in ``lo..hi`` nearest ``target`` (with ``extend`` the
        selection's anchor stays, so the selection grows to it); False when none does."""
        starts = [s for s, _ in self.words]
        i, j = bisect_left(starts, lo), bisect_left(starts, hi)
        if i >= j:
            return False
        self.index = min(range(i, j), key=lambda k: abs(starts[k] - target))
        if not extend:
            self.anchor = self.index
        return True


def extractor_readers() -> spans.Readers:
    """The extractor's readers for :mod:`db.spans` (the app wires the layers)."""
    from extractor import parse_quantity
    from extractor.hanzi import simplified
    from extractor.numbers import FULLWIDTH
    from extractor.timex import normalise

    def time(expr: str, doc_date: str | None) -> str:
        return normalise(simplified(expr.translate(FULLWIDTH)), doc_date)

    return spans.Readers(quantity=parse_quantity, time=time, roles=guess_roles)


def guess_roles(text: str, start: int, end: int, doc_date: str | None) -> Mapping[str, Any]:
    """The extractor's roles for a quantity a reviewer selected at ``start..end``: its own
    role resolution run on that quantity (:func:`extractor.core.claim_at`) over the
    :data:`ROLE_CONTEXT` characters on each side of it (the whole of a news article) —
    subject, predicate, object and time, and under ``alternatives`` the ranked runners-up of
    each (offsets are the document's), so a wrong guess is fixed by a pick. With the text
    after it read too, the options are those ``extract`` gives the quantity: the subjects and
    predicates of the neighbours after it as well as before."""
    from extractor.core import claim_at

    w0 = _cut(text, start - ROLE_CONTEXT, True) if start > ROLE_CONTEXT else 0
    w1 = _cut(text, end + ROLE_CONTEXT, True) if end + ROLE_CONTEXT < len(text) else len(text)
    if w1 <= end:
        w1 = min(len(text), end + CUT_SLACK)
    best = claim_at(text[w0:w1], start - w0, end - w0, doc_date)
    if best is None:
        return {}
    out: dict[str, Any] = {
        f: getattr(best, f) for f in ("subject", "predicate", "object", "time_text", "time")
    }
    for name in ("subject", "predicate", "time"):
        s, e = getattr(best, f"{name}_start"), getattr(best, f"{name}_end")
        if s is not None and e is not None:
            out[f"{name}_start"], out[f"{name}_end"] = s + w0, e + w0
    alts: dict[str, list[dict[str, Any]]] = {}
    for name, options in (best.alternatives or {}).items():
        alts[name] = [
            {**o, **{k: o[k] + w0 for k in ("start", "end") if isinstance(o.get(k), int)}}
            for o in options
        ]
    if alts:
        out["alternatives"] = alts
    return out
