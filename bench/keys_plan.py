"""What each way of fixing a claim costs in keys: the planning half of ``bench/keys.py``.

Pure functions over plain data (no Textual, no database), so every rule of the oracle reviewer
is unit-tested with small fakes. ``bench/keys.py`` reads what the screen shows (the card's
alternatives and field in focus, the app's words, the form's focus chain), asks these
functions for the cheapest plan, presses its keys and checks the outcome.

The review keys are those of the team's key contract (issue 14):

- **pick**: ``[`` / ``]`` move the card's field focus round the ring of fields, a digit picks
  the n-th alternative shown for the field in focus; the pick is saved and the screen moves on.
  Where the app has it, a claim starts on the row of all fields (``all``: every field's first
  options, the digits in turns; :attr:`Card.owners` names each option's field), and the
  qualifier is the ring's last stop.
- **span**: ``v`` opens a word cursor on the claim's sentence; ``left`` / ``right`` move one
  word, ``shift+left`` / ``shift+right`` extend the selection one word, ``home`` / ``end`` go
  to the sentence's ends; one key assigns the selection to a field of a draft (``s`` subject,
  ``p`` predicate, ``t`` time, ``q`` the quantity), ``n`` adds a claim from it, ``enter`` saves
  the draft (one edit decision) and moves on — with nothing assigned yet, ``enter`` first gives
  the selection to the field the mode started on, so a one-field draft of that field needs no
  field key.
- **form**: ``e`` opens the edit form; Tab / Shift+Tab round the focus chain, typing replaces
  the selected text of a field, ``Ctrl+U`` empties one, ``Ctrl+S`` saves.

A claim that needs several fields fixed may take several commits (a pick saves at once): the
plan is chosen over every way of sharing the fields among picks, one span draft and one form,
paying the way back to the claim between commits.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from extractor.evaluate import _aliases, _field_right, _norm, _predicate_variants, _same_value

#: The card's name of each form field the oracle may set by a pick or a span.
CARD_FIELD = {"subject": "subject", "predicate": "predicate", "time_text": "time",
              "object": "object", "value": "value", "unit": "unit", "kind": "kind",
              "qualifier": "qualifier"}  # fmt: skip

#: The key that assigns a span selection to each form field (``q``: the quantity).
SPAN_KEY = {"subject": "s", "predicate": "p", "time_text": "t", "object": "o"}


def right_for(form_field: str, text: str, g: dict) -> bool:
    """Whether ``text`` in ``form_field`` is right for gold claim ``g`` (the eval rules)."""
    if form_field == "subject":
        return _field_right("subject", g, {"subject": text})[0]
    if form_field == "predicate":
        return _field_right("predicate", g, {"predicate": text})[0]
    if form_field == "time_text":
        return _field_right("time", g, {"time_text": text})[0]
    if form_field == "qualifier":
        return _field_right("qualifier", g, {"qualifier": text})[0]
    if form_field == "unit":
        gu = _norm(g.get("unit"))
        return not gu or gu == _norm(text)
    if form_field == "value":
        # a value option is a reading as the card shows it (33.333333 %): its number
        try:
            number: float | None = float(str(text).split()[0]) if str(text).strip() else None
        except ValueError:
            return _norm(text) == _norm(g.get(form_field))
        return _same_value(g.get("value"), number)
    return _norm(text) == _norm(g.get(form_field))


def gold_variants(form_field: str, g: dict) -> list[str]:
    """Texts that a right value of ``form_field`` contains or is contained in (for pruning the
    selections tried; :func:`right_for` is the judge)."""
    raw: list[Any]
    if form_field == "subject":
        raw = [g.get("subject"), *_aliases(g)]
    elif form_field == "predicate":
        raw = _predicate_variants(str(g.get("predicate") or ""))
    elif form_field == "time_text":
        raw = [g.get("time")]
    else:
        raw = [g.get(form_field)]
    return [v for v in (_norm(r) for r in raw) if v]


# --------------------------------------------------------------------------- picking


@dataclass(frozen=True)
class Card:
    """What the claim card shows for picking.

    Attributes:
        ring: the card's fields in ``[`` / ``]`` order.
        focus: the field in focus.
        options: card field -> the alternatives' texts, numbered from 1 as shown.
        wraps: ``]`` on the last field goes to the first (and ``[`` the other way).
        owners: for a stop of the ring that lists several fields' options (the app's row of
            all fields, :data:`ALL`), the field of each of its options, in order.
    """

    ring: tuple[str, ...]
    focus: str | None
    options: Mapping[str, Sequence[str]]
    wraps: bool = True
    owners: Mapping[str, Sequence[str]] | None = None


#: The ring stop of the app's row of all fields (``db.alternatives.ALL``).
ALL = "all"


def ring_keys(card: Card, target: str) -> list[str] | None:
    """The fewest ``[`` / ``]`` presses that bring the focus to ``target`` (None: not in the
    ring)."""
    if target not in card.ring:
        return None
    if card.focus not in card.ring:
        return None
    i, t, n = card.ring.index(card.focus), card.ring.index(target), len(card.ring)
    ahead = (t - i) % n if card.wraps else (t - i if t >= i else None)
    back = (i - t) % n if card.wraps else (i - t if t <= i else None)
    if back is None or (ahead is not None and ahead <= back):
        return ["]"] * (ahead or 0)
    return ["["] * back


def pick_keys(card: Card, form_field: str, g: dict) -> list[str] | None:
    """Keys that set ``form_field`` right for ``g`` by picking an alternative the card shows
    (the first right one), or None when none of those shown is right."""
    name = CARD_FIELD.get(form_field)
    if name is None:
        return None
    best: list[str] | None = None
    for stop in card.ring:
        owners = (card.owners or {}).get(stop)
        if stop != name and owners is None:
            continue
        for n, option in enumerate(list(card.options.get(stop, ()))[:9], 1):
            if owners is not None and (n > len(owners) or owners[n - 1] != name):
                continue
            if right_for(form_field, option, g):
                moves = ring_keys(card, stop)
                if moves is not None and (best is None or len(moves) + 1 < len(best)):
                    best = [*moves, str(n)]
                break
    return best


# --------------------------------------------------------------------------- selecting spans

Word = tuple[int, int]
"""A word of the app's span cursor: (start, end) offsets in the document text."""


def move_keys(cursor: int, target: int, ends: tuple[int, int] | None) -> list[str]:
    """The fewest keys that move a one-word cursor from word ``cursor`` to word ``target``:
    ``left`` / ``right``, or ``home`` / ``end`` to the sentence's first / last word (``ends``,
    word indices) and then ``left`` / ``right``."""
    best = ["right"] * (target - cursor) if target >= cursor else ["left"] * (cursor - target)
    if ends is not None:
        first, last = ends
        for jump, at in (("home", first), ("end", last)):
            if at == cursor:
                continue
            way = [jump, *(["right"] * (target - at) if target >= at else ["left"] * (at - target))]
            if len(way) < len(best):
                best = way
    return best


def list_route(docs: Sequence[int], here: int, target: int) -> list[str]:
    """The fewest review-screen keys from list position ``here`` to ``target``: ``j``/``k``
    step one claim, ``J``/``K`` go to the first claim of the next / previous document
    (``docs[i]`` is the document of position ``i``; the list is in document order). Either
    plain steps, or document jumps to some document's first claim and steps from there."""
    if here == target:
        return []
    best = ["j" if target > here else "k"] * abs(target - here)
    first: dict[int, int] = {}
    for i, d in enumerate(docs):
        first.setdefault(d, i)
    order = sorted(first)
    at = order.index(docs[here])
    for k, landing in enumerate(order):
        hops = k - at
        if hops == 0:
            continue
        jump = ["J" if hops > 0 else "K"] * abs(hops)
        steps = target - first[landing]
        route = jump + ["j" if steps > 0 else "k"] * abs(steps)
        if len(route) < len(best):
            best = route
    return best


class Moves:
    """How the span cursor moves between words: ``keys(cursor, target)`` is the fewest keys
    from one word to another. This base moves with ``left`` / ``right`` and, inside the
    sentence whose first and last words are ``ends``, ``home`` / ``end``."""

    labels: Callable[[int], Mapping[int, str]] | None = None
    """Span mode's hint labels on screen while the cursor is on a word: word -> label (the
    words of the cursor's sentence); None on an app without them."""

    def __init__(self, ends: tuple[int, int] | None = None) -> None:
        self.ends = ends

    def keys(self, cursor: int, target: int) -> list[str]:
        ends = self.ends
        if ends is not None and not ends[0] <= cursor <= ends[1]:
            ends = None  # home / end reach the ends of the cursor's own sentence
        return move_keys(cursor, target, ends)


class GraphMoves(Moves):
    """Every move the app has, from a function giving each word's neighbours by one key
    (``left``/``right``, ``home``/``end`` of its sentence, ``up``/``down`` a line) and,
    optionally, the jumps from a selection (``jumps(anchor, cursor)`` -> ``(key, anchor,
    cursor)``: a jump selects a whole name, number or time, the anchor on its first word).

    The fewest keys by breadth-first search over selections (anchor, cursor), at most
    ``limit`` keys deep, cached per start: a plain move collapses the selection onto the
    cursor, a jump leaves a selection that ``shift+arrows`` then extend or shrink."""

    def __init__(self, neighbours: Callable[[int], Iterable[tuple[str, int]]],
                 limit: int = 80,
                 jumps: Callable[[int, int], Iterable[tuple[str, int, int]]] | None = None,
                 labels: Callable[[int], Mapping[int, str]] | None = None,
                 ) -> None:  # fmt: skip
        super().__init__()
        self.labels = labels
        self.neighbours = neighbours
        self.jumps = jumps
        self.limit = limit
        self._trees: dict[tuple[int, int], dict[tuple[int, int], tuple[tuple[int, int], str]]] = {}
        self._by_anchor: dict[tuple[int, int], dict[int, list[tuple[int, tuple[int, int]]]]] = {}

    def _tree(self, start: tuple[int, int]) -> dict[tuple[int, int], tuple[tuple[int, int], str]]:
        """(anchor, cursor) -> (the state before, the key) on a shortest way from ``start``
        (in breadth-first order: the depth of a state is the length of its way)."""
        tree = self._trees.get(start)
        if tree is None:
            tree = {start: (start, "")}
            frontier = [start]
            for _ in range(self.limit):
                nxt = []
                for state in frontier:
                    anchor, k = state
                    out = [(key, (m, m)) for key, m in self.neighbours(k)]
                    if anchor != k:
                        # A plain left / right leaves a selection of several words from its
                        # edge (the app's SpanCursor.move), not from the cursor inside it.
                        edges = {"left": min(anchor, k), "right": max(anchor, k)}
                        out = [o for o in out if o[0] not in edges]
                        for key, edge in edges.items():
                            out += [(n, (m, m)) for n, m in self.neighbours(edge) if n == key]
                    if self.jumps is not None:
                        out += [(key, (a, c)) for key, a, c in self.jumps(anchor, k)]
                    for key, to in out:
                        if to not in tree:
                            tree[to] = (state, key)
                            nxt.append(to)
                if not nxt:
                    break
                frontier = nxt
            self._trees[start] = tree
        return tree

    def _way(self, tree: dict, start: tuple[int, int], state: tuple[int, int]) -> list[str]:
        out: list[str] = []
        while state != start:
            state, key = tree[state]
            out.append(key)
        return out[::-1]

    def keys(self, cursor: int, target: int) -> list[str]:
        tree = self._tree((cursor, cursor))
        if (target, target) not in tree:
            return move_keys(cursor, target, None)
        return self._way(tree, (cursor, cursor), (target, target))

    def _anchored(self, start: tuple[int, int]) -> dict[int, list[tuple[int, tuple[int, int]]]]:
        """Anchor -> (depth, state) of the states reached from ``start`` (cached)."""
        got = self._by_anchor.get(start)
        if got is None:
            tree = self._tree(start)
            got = defaultdict(list)
            depth = {start: 0}
            for state, (prev, _key) in tree.items():  # breadth-first: prev comes first
                if state != start:
                    depth[state] = depth[prev] + 1
                got[state[0]].append((depth[state], state))
            self._by_anchor[start] = got
        return got

    def select(self, cursor: int, anchor: int, i: int, j: int) -> tuple[list[str], int]:
        """The fewest keys that select words ``i``..``j`` from the selection ``anchor``..
        ``cursor``: reach a selection anchored at ``i`` or ``j`` (a plain move to it, or a
        jump whose span starts there), then ``shift+arrows`` to the other end. Returns the
        keys and the cursor's word after."""
        start = (anchor, cursor)
        anchored = self._anchored(start)
        best: tuple[int, tuple[int, int], int] | None = None
        for a, other in ((i, j), (j, i)):
            for depth, state in anchored.get(a, ()):
                cost = depth + abs(other - state[1])
                if best is None or cost < best[0]:
                    best = (cost, state, other)
        if best is None:
            return [*self.keys(cursor, i), *(["shift+right"] * (j - i))], j
        _, state, other = best
        c = state[1]
        key = "shift+right" if other > c else "shift+left"
        return [*self._way(self._tree(start), start, state), *([key] * abs(other - c))], other


class LabelEntry(Moves):
    """The first selection of a draft begun on the review screen by typing a hint label of the
    claim's sentence (no ``v``): only ``entry``'s labels (word -> label) reach it — one label,
    or two for a span (the second extends) —, and the selections after it move by ``then``."""

    def __init__(self, entry: Mapping[int, str], then: Moves) -> None:
        super().__init__()
        self.entry = entry
        self.then = then


def after_entry(moves: Moves | None) -> Moves | None:
    """The moves of a draft's later selections (:class:`LabelEntry` gives way to its own)."""
    return moves.then if isinstance(moves, LabelEntry) else moves


def select_keys(
    cursor: int, i: int, j: int, moves: Moves | None, anchor: int | None = None
) -> tuple[list[str], int]:
    """Keys that select words ``i``..``j`` from the cursor on word ``cursor`` (the selection
    runs from ``anchor``, default the cursor's word), and the word the cursor is on after.

    A plain move leaves a selection of several words from its edge (``left`` to the word
    before it, ``right`` to the word after it) and collapses it onto the new word;
    ``shift+arrow`` moves the cursor and keeps the anchor (the app's :class:`SpanCursor`).
    Ways tried: go to ``i`` and extend right, go to ``j`` and extend left, or extend the
    present selection from its anchor.
    """
    moves = moves or Moves()
    anchor = cursor if anchor is None else anchor
    if sorted((anchor, cursor)) == [i, j]:
        return [], cursor
    by_label = label_keys(moves.labels(cursor), i, j) if moves.labels else None
    if isinstance(moves, GraphMoves):
        searched = moves.select(cursor, anchor, i, j)
        return by_label if by_label and len(by_label[0]) < len(searched[0]) else searched
    ways: list[tuple[list[str], int]] = []
    lo, hi = sorted((anchor, cursor))
    for start, other, extend in ((i, j, "shift+right"), (j, i, "shift+left")):
        if anchor == cursor:
            way = moves.keys(cursor, start)
        else:  # the first plain move leaves the selection from its edge
            tries = [["right", *moves.keys(hi + 1, start)]]
            if lo > 0:
                tries.append(["left", *moves.keys(lo - 1, start)])
            way = min(tries, key=len)
        ways.append(([*way, *([extend] * abs(other - start))], other))
    if anchor in (i, j):
        other = j if anchor == i else i
        key = "shift+right" if other > cursor else "shift+left"
        ways.append(([key] * abs(other - cursor), other))
    if by_label:
        ways.append(by_label)
    return min(ways, key=lambda w: len(w[0]))


def label_keys(labels: Mapping[int, str], i: int, j: int) -> tuple[list[str], int] | None:
    """The fewest keys that select words ``i``..``j`` with span mode's hint labels
    (``labels``: word -> label, the words of the cursor's sentence): the label of one end,
    then the label of the other (a second label right after the first extends the
    selection) or ``shift+arrows`` to it; and the cursor's word after. None when neither end
    has a label."""
    ways: list[tuple[list[str], int]] = []
    for first, other, extend in ((i, j, "shift+right"), (j, i, "shift+left")):
        if first not in labels:
            continue
        tail = [extend] * abs(other - first)
        if other != first and other in labels and len(labels[other]) < len(tail):
            tail = list(labels[other])
        ways.append(([*labels[first], *tail], other))
    return min(ways, key=lambda w: len(w[0])) if ways else None


def span_choices(
    words: Sequence[Word], text: str, variants: Sequence[str], max_words: int = 16
) -> list[tuple[int, int]]:
    """Word ranges worth trying for a field whose right values contain or are contained in one
    of ``variants``: both ends on words sharing a character with a variant."""
    chars = set("".join(variants))
    if not chars:
        return []
    useful = [bool(chars & set(text[a:b])) for a, b in words]
    out = []
    for i, ok in enumerate(useful):
        if not ok:
            continue
        for j in range(i, min(len(words), i + max_words)):
            if useful[j]:
                out.append((i, j))
    return out


def near_choices(words: Sequence[Word], start: int, end: int, slack: int = 2
                 ) -> list[tuple[int, int]]:  # fmt: skip
    """Word ranges that overlap ``start..end``, ending at most ``slack`` words beyond the
    words it touches (for a quantity)."""
    touch = [k for k, (a, b) in enumerate(words) if a < end and start < b]
    if not touch:
        return []
    lo, hi = max(0, touch[0] - slack), min(len(words) - 1, touch[-1] + slack)
    return [(i, j) for i in range(lo, hi + 1) for j in range(i, hi + 1)
            if words[i][0] < end and start < words[j][1]]  # fmt: skip


def best_span(
    words: Sequence[Word],
    cursor: int,
    ok: Callable[[int, int], bool],
    choices: Iterable[tuple[int, int]],
    moves: Moves | None = None,
    anchor: int | None = None,
) -> tuple[int, int, list[str], int] | None:
    """The cheapest selection among ``choices`` (word index ranges) whose offsets ``ok``
    accepts: (first word, last word, keys, cursor after), or None."""
    best: tuple[int, int, list[str], int] | None = None
    for i, j in choices:
        if isinstance(moves, LabelEntry):
            by_label = label_keys(moves.entry, i, j)
            if by_label is None:
                continue
            keys, after = by_label
        else:
            keys, after = select_keys(cursor, i, j, moves, anchor)
        if best is not None and len(keys) >= len(best[2]):
            continue
        if ok(words[i][0], words[j][1]):
            best = (i, j, keys, after)
    return best


@dataclass(frozen=True)
class SpanStep:
    """One selection assigned to one field (``quantity``: value, unit and qualifier read
    from it): the keys, ending with the field's key. ``append``: the key appends the selection
    to the field's value (span mode's ``a``); ``partial``: the field is not right yet after
    this step (the first place of a value written in two, an append follows)."""

    form_field: str
    start: int
    end: int
    keys: tuple[str, ...]
    append: bool = False
    partial: bool = False


#: Fields the quantity key (``q``) sets, read from the selection.
QUANTITY_FIELDS = frozenset({"value", "unit", "qualifier"})


def span_plan(
    words: Sequence[Word],
    text: str,
    cursor: int,
    fixes: Iterable[str],
    g: dict,
    moves: Moves | None = None,
    *,
    anchor: int | None = None,
    quantity_ok: Callable[[int, int], bool] | None = None,
    append_key: str | None = None,
    current: Mapping[str, Any] | None = None,
    appends_to: str = "subject",
) -> list[SpanStep] | None:
    """Selections that set every field of ``fixes`` right for ``g`` in one draft, nearest
    first from the cursor, or None when one of them cannot be selected.

    Value, unit and qualifier are set together by one quantity selection, which
    ``quantity_ok(start, end)`` judges (the app's reading of it right for ``g`` in all
    three); without it they cannot be set from a span.

    With ``append_key`` (span mode's append), a subject no one selection makes right may be
    made of two places: a selection appended to its ``current`` value (the draft's or the
    claim's), or a first selection assigned and a second appended (:func:`append_plan`);
    ``appends_to`` is the field the app appends to now (the predicate, once a draft has
    assigned it last: then only the second way).

    With ``moves`` a :class:`LabelEntry` (a draft begun on the review screen by a label), the
    first selection is made with the claim sentence's labels alone, the others by its
    ``then``.
    """
    todo = set(fixes)
    if todo & QUANTITY_FIELDS:
        if quantity_ok is None:
            return None
        todo = (todo - QUANTITY_FIELDS) | {"quantity"}
    steps: list[SpanStep] = []
    while todo:
        options: list[tuple[int, str, list[SpanStep], int, int]] = []
        for f in sorted(todo):
            if f == "quantity":
                assert quantity_ok is not None
                near = near_choices(words, g["start"], g["end"])
                found = best_span(words, cursor, quantity_ok, near, moves, anchor)
                key = "q"
            elif f in SPAN_KEY:
                tries = span_choices(words, text, gold_variants(f, g))
                found = best_span(words, cursor, _judge(f, g, text), tries, moves, anchor)
                key = SPAN_KEY[f]
            else:
                return None
            if found is None and f == "subject" and append_key is not None:
                # The app appends to the subject unless the predicate was assigned last.
                after_predicate = appends_to != "subject" or any(
                    st.form_field == "predicate" for st in steps
                )
                value = "" if after_predicate else str((current or {}).get(f) or "")
                plan = append_plan(words, text, cursor, g, moves, anchor, append_key, value)
                if plan is not None:
                    cost = sum(len(st.keys) for st in plan[0])
                    options.append((cost, f, plan[0], plan[1], plan[2]))
                    continue
            if found is None:
                return None
            i, j, keys, after = found
            step = SpanStep(f, words[i][0], words[j][1], (*keys, key))
            options.append((len(keys), f, [step], after, i if after == j else j))
        _, f, chosen, cursor, anchor = min(options, key=lambda o: (o[0], o[1]))
        steps.extend(chosen)
        todo.discard(f)
        moves = after_entry(moves)
    return steps


def append_plan(
    words: Sequence[Word],
    text: str,
    cursor: int,
    g: dict,
    moves: Moves | None,
    anchor: int | None,
    append_key: str,
    current: str,
) -> tuple[list[SpanStep], int, int] | None:
    """The cheapest way to make the subject right from two places of the text with span
    mode's append: a selection appended to ``current`` (when a right value starts with it),
    else a first selection assigned (``s``) and a second appended. Returns the steps and the
    cursor and anchor after them, or None."""
    variants = gold_variants("subject", g)
    cur = _norm(current)

    def appended(prefix: str) -> Callable[[int, int], bool]:
        return lambda a, b: right_for("subject", prefix + text[a:b].strip(), g)

    def exactly(head: str) -> Callable[[int, int], bool]:
        return lambda a, b: _norm(text[a:b]) == head

    if cur:
        rests = [v[len(cur) :] for v in variants if v.startswith(cur) and len(v) > len(cur)]
        if rests:
            tries = span_choices(words, text, rests)
            found = best_span(words, cursor, appended(cur), tries, moves, anchor)
            if found is not None:
                i, j, keys, after = found
                step = SpanStep("subject", words[i][0], words[j][1], (*keys, append_key),
                                append=True)  # fmt: skip
                return [step], after, (i if after == j else j)
    best: tuple[list[SpanStep], int, int] | None = None
    best_keys = 0
    for v in variants:
        for k in range(2, len(v) - 1):
            head = v[:k]
            exact = span_choices(words, text, [head])
            first = best_span(words, cursor, exactly(head), exact, moves, anchor)
            if first is None:
                continue
            i, j, keys1, after1 = first
            anchor1 = i if after1 == j else j
            tries = span_choices(words, text, [v[k:]])
            second = best_span(words, after1, appended(head), tries, after_entry(moves), anchor1)
            if second is None:
                continue
            i2, j2, keys2, after2 = second
            plan = [
                SpanStep("subject", words[i][0], words[j][1], (*keys1, SPAN_KEY["subject"]),
                         partial=True),
                SpanStep("subject", words[i2][0], words[j2][1], (*keys2, append_key),
                         append=True),
            ]  # fmt: skip
            n_keys = len(keys1) + len(keys2) + 2
            if best is None or n_keys < best_keys:
                best, best_keys = (plan, after2, i2 if after2 == j2 else j2), n_keys
    return best


def _judge(form_field: str, g: dict, text: str) -> Callable[[int, int], bool]:
    return lambda a, b: right_for(form_field, text[a:b].strip(), g)


def enter_assigns(steps: Sequence[SpanStep], enter_field: str | None) -> bool:
    """Whether ``enter`` alone assigns the draft's one selection: a draft of one step whose
    field is the one the app gives the selection to when nothing is assigned yet
    (``enter_field``: the field span mode started on; None: an app without it)."""
    return (
        enter_field is not None
        and len(steps) == 1
        and steps[0].form_field == enter_field
        and not steps[0].append
    )


#: The app's binding that assigns the selection to each field and saves the draft in one key
#: (a field key and ``enter`` at once), and its letter.
SAVE_BINDING = {"subject": ("span.subject_save", "S"), "predicate": ("span.predicate_save", "P"),
                "time_text": ("span.time_save", "T"), "object": ("span.object_save", "O"),
                "quantity": ("span.quantity_save", "Q")}  # fmt: skip


def cheapest_draft(
    plan: Callable[[Moves | None], list[SpanStep] | None],
    moves: Moves | None,
    entry: LabelEntry | None,
    enter_field: str | None = None,
    save_keys: bool = False,
) -> tuple[int, int, list[SpanStep]] | None:
    """The cheaper of a draft begun with ``v`` (``plan(moves)``) and one begun by a label typed
    on the review screen (``plan(entry)``, when the app has such labels): (keys, keys of the
    opener — 1 or 0 —, the steps), ``v`` on a tie; None when neither sets the fields."""
    best: tuple[int, int, list[SpanStep]] | None = None
    for opener, how in ((1, moves), (0, entry)):
        if opener == 0 and entry is None:
            continue
        steps = plan(how)
        if steps is not None:
            cost = span_cost(steps, enter_field, save_keys, opener)
            if best is None or cost < best[0]:
                best = (cost, opener, steps)
    return best


def span_cost(steps: Sequence[SpanStep], enter_field: str | None = None,
              save_keys: bool = False, opener: int = 1) -> int:  # fmt: skip
    """``v`` (``opener`` keys: 0 for a draft begun by a label typed on the review screen,
    :class:`LabelEntry`), every selection and field key, ``enter`` — without the field key
    when ``enter`` assigns the one selection itself (:func:`enter_assigns`), or
    (``save_keys``: the app assigns and saves in one key, :data:`SAVE_BINDING`) with the last
    field key and ``enter`` one key."""
    if save_keys and steps and not steps[-1].append:
        return opener + sum(len(s.keys) for s in steps)
    return opener + 1 + sum(len(s.keys) for s in steps) - int(enter_assigns(steps, enter_field))


# --------------------------------------------------------------------------- the form


def typing_keys(old: str, new: str) -> tuple[str | None, str]:
    """How a field holding ``old`` is typed to ``new`` in the fewest keys: (None, ``new``) —
    typing replaces the text the form selects on focus —, or, when ``new`` extends ``old``,
    (``end``, the characters after it) or (``home``, the characters before it): the key that
    keeps the text and moves the cursor to one end, then the rest."""
    if old and len(old) > 1 and new != old:
        if new.startswith(old):
            return "end", new[len(old) :]
        if new.endswith(old):
            return "home", new[: len(new) - len(old)]
    return None, new


def form_cost(chain: Sequence[str], start: str, fixes: Mapping[str, str], route: Callable,
              now: Mapping[str, str] | None = None) -> int:  # fmt: skip
    """Keys to fix ``fixes`` in the edit form: open, Tab round the chain, type (``Ctrl+U`` to
    empty a field; ``now``: the fields' present text, kept when the new text extends it,
    :func:`typing_keys`), save."""
    if not fixes:
        return 0
    at = chain.index(start) if start in chain else 0
    steps = route(len(chain), at, [chain.index(f) for f in fixes if f in chain])
    typed = 0
    for f, v in fixes.items():
        keep, rest = typing_keys(str((now or {}).get(f) or ""), v)
        typed += 1 + len(rest) if keep else len(v) or 1  # the key that keeps, then the rest
    return 2 + sum(n for _, _, n in steps) + typed


# --------------------------------------------------------------------------- one claim's plan


@dataclass(frozen=True)
class Commit:
    """One saved change of a claim: a ``pick`` of one field, a ``span`` draft, or a ``form``
    edit, with the fields it sets and its estimated keys."""

    way: str
    fields: tuple[str, ...]
    cost: int


def cheapest(
    fixes: Mapping[str, str],
    picks: Mapping[str, int],
    span: Callable[[frozenset[str]], int | None] | None,
    form: Callable[[frozenset[str]], int],
    back: int,
    *,
    stay: bool = False,
) -> list[Commit]:
    """The cheapest way to set every field of ``fixes``: each field by a pick (one commit
    each; ``picks``: field -> keys), in one span draft (``span``: fields -> keys or None when
    they cannot all be selected), or in one form (``form``: fields -> keys); ``back`` is paid
    between commits (the screen moves on after each). Ties go to fewer commits, then to the
    form (typing always works).

    ``stay``: the app has a pick that stays on the claim (Alt+digit, same keys): the picks
    come first, each staying but the plan's last commit, so ``back`` is paid only between a
    span draft and a form. The plan is returned in the order to commit it."""
    names = sorted(fixes)
    span_memo: dict[frozenset[str], int | None] = {}
    form_memo: dict[frozenset[str], int] = {}
    best: tuple[int, int, int, list[Commit]] | None = None
    for ways in itertools.product(("form", "span", "pick"), repeat=len(names)):
        plan: list[Commit] = []
        cost = 0
        by_way: dict[str, list[str]] = {"form": [], "span": [], "pick": []}
        for name, way in zip(names, ways, strict=True):
            by_way[way].append(name)
        if by_way["pick"] and any(n not in picks for n in by_way["pick"]):
            continue
        if by_way["span"]:
            if span is None:
                continue
            key = frozenset(by_way["span"])
            if key not in span_memo:
                span_memo[key] = span(key)
            keys = span_memo[key]
            if keys is None:
                continue
            plan.append(Commit("span", tuple(sorted(key)), keys))
            cost += keys
        if by_way["form"]:
            key = frozenset(by_way["form"])
            if key not in form_memo:
                form_memo[key] = form(key)
            plan.append(Commit("form", tuple(sorted(key)), form_memo[key]))
            cost += form_memo[key]
        for name in by_way["pick"]:
            plan.append(Commit("pick", (name,), picks[name]))
            cost += picks[name]
        if stay:
            cost += back * max(bool(by_way["span"]) + bool(by_way["form"]) - 1, 0)
            plan = [c for c in plan if c.way == "pick"] + [c for c in plan if c.way != "pick"]
        else:
            cost += back * max(len(plan) - 1, 0)
        rank = (cost, len(plan), -len(by_way["form"]), plan)
        if best is None or rank[:3] < best[:3]:
            best = rank
    return best[3] if best else []


# --------------------------------------------------------------------------- siblings


def siblings_right(
    siblings: Iterable[tuple[str, dict | None, Mapping[str, Any], Mapping[str, Any]]],
    *,
    accepts: bool,
    fully_right: Callable[[Mapping[str, Any], dict], bool] | None = None,
) -> bool:
    """Whether applying a correction to every sibling is right.

    Args:
        siblings: per sibling, the oracle's action for it (``accept``/``edit``/``reject``),
            its gold target or None, the changes the app would make to it (form field ->
            new text) and its fields after them.
        accepts: the app accepts the siblings it changes (else it leaves them pending).
        fully_right: when ``accepts``: whether a sibling is right in every field after the
            change (given its fields after it and its gold).
    """
    for action, g, changes, after in siblings:
        if action == "reject" or g is None:
            if accepts:
                return False
            continue
        scored = {f: v for f, v in changes.items() if f in ("subject", "predicate", "time_text")}
        if not all(right_for(f, str(v or ""), g) for f, v in scored.items()):
            return False
        if accepts and fully_right is not None and not fully_right(after, g):
            return False
    return True
