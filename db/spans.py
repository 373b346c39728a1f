"""Span selection: a reviewer's selection in the document made into claim fields.

The review screen's span mode (``v``) moves a word cursor over the document and assigns the
selection to a field of a draft of the claim on screen, or adds a new claim from it. This
module turns a selection — document offsets — into the fields a write needs, checked against
the text, so the offsets written are the selection's, exact by construction:

- subject, predicate, time: the text and its span columns (``subject_start`` …); a time also
  gets its normalised ``time``;
- object: the text (claims keep no object span);
- the quantity: ``quantity_text``, ``start``, ``end`` and ``value``, ``value_max``, ``unit``,
  ``qualifier`` and ``kind`` read from the selected text; a selection without a number is
  refused and nothing is assigned.

What is read from the text (a quantity, a time, the roles of a new claim) is the extractor's
work, and ``db`` never imports the extractor: the caller passes those readers in a
:class:`Readers` (the app wires :mod:`extractor`). No UI, no writes here: the writes go
through :class:`db.session.ReviewSession` (``save_draft``, ``add_from_span``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from db.errors import ReviewError

Changes = dict[str, Any]

#: What a selection can be assigned to: target -> (text field, start column, end column).
TARGETS: dict[str, tuple[str, str | None, str | None]] = {
    "subject": ("subject", "subject_start", "subject_end"),
    "predicate": ("predicate", "predicate_start", "predicate_end"),
    "time": ("time_text", "time_start", "time_end"),
    "object": ("object", None, None),
    "quantity": ("quantity_text", "start", "end"),
}

#: Fields read from a quantity's text.
QUANTITY_FIELDS = ("value", "value_max", "unit", "qualifier", "kind")

#: Role fields (and their spans) a new claim may take from the extractor's guess.
ROLE_FIELDS = (
    "subject",
    "predicate",
    "object",
    "time_text",
    "time",
    "subject_start",
    "subject_end",
    "predicate_start",
    "predicate_end",
    "time_start",
    "time_end",
)

#: The longest selection assigned to one field (a slip of the cursor, not a field).
MAX_SELECTION = 500


@dataclass(frozen=True)
class Readers:
    """What the extractor reads from text, passed in (``db`` never imports the extractor).

    Attributes:
        quantity: selected text -> ``value``, ``value_max``, ``unit``, ``qualifier``, ``kind``
            of the first quantity in it, or None when it holds no number.
        time: (time expression, document date or None) -> its normalised form ("" if none).
        roles: (document text, start, end, document date) -> the extractor's guess of the
            role fields (``ROLE_FIELDS``, offsets in the document) of a quantity at
            ``start..end``, and under ``alternatives`` its ranked runners-up per field (as
            a candidate stores them: the card numbers them for picking); an empty mapping
            when it has none.
    """

    quantity: Callable[[str], Mapping[str, Any] | None]
    time: Callable[[str, str | None], str]
    roles: Callable[[str, int, int, str | None], Mapping[str, Any]]


def selection(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection ``start..end`` checked against ``text``, without the white space at its
    ends (what a field may hold).

    Raises:
        ReviewError: offsets that are not whole numbers inside the text, an empty or blank
            selection, or one longer than :data:`MAX_SELECTION` characters.
    """
    if isinstance(start, bool) or isinstance(end, bool):
        raise ReviewError("a selection's offsets must be whole numbers")
    if not isinstance(start, int) or not isinstance(end, int):
        raise ReviewError("a selection's offsets must be whole numbers")
    if not 0 <= start < end <= len(text):
        raise ReviewError(
            f"the selection {start}..{end} is not inside the document (0..{len(text)})"
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ReviewError("the selection holds only white space; nothing assigned")
    if end - start > MAX_SELECTION:
        raise ReviewError(
            f"the selection is {end - start} characters long (at most {MAX_SELECTION} for one"
            " field); nothing assigned"
        )
    return start, end


def quantity_fields(text: str, start: int, end: int, readers: Readers) -> Changes:
    """The quantity fields of the selection: its text and offsets, and what is read from it.

    Raises:
        ReviewError: a bad selection, or one that holds no number (nothing is assigned).
    """
    start, end = selection(text, start, end)
    surface = text[start:end]
    parsed = readers.quantity(surface)
    if not parsed or parsed.get("value") is None:
        raise ReviewError(
            f"the selection {surface!r} holds no number: not a quantity; nothing assigned"
        )
    out: Changes = {"quantity_text": surface, "start": start, "end": end}
    out.update({f: parsed.get(f) for f in QUANTITY_FIELDS})
    out["unit"] = out["unit"] or ""
    out["qualifier"] = out["qualifier"] or "="
    out["kind"] = out["kind"] or "other"
    return out


def assign(
    text: str,
    target: str,
    start: int,
    end: int,
    readers: Readers,
    doc_date: str | None = None,
) -> Changes:
    """The field changes that assign the selection ``start..end`` to ``target``.

    Args:
        text: the document text the offsets refer to.
        target: ``subject``, ``predicate``, ``time``, ``object`` or ``quantity``.
        start, end: the selection (code-point offsets in ``text``).
        readers: the extractor's readers (see :class:`Readers`).
        doc_date: the document's date, to put a year on a time.

    Returns:
        Changes for an edit (:func:`db.fields.merge_edit`), with exact span offsets.

    Raises:
        ReviewError: an unknown target, a bad selection, a quantity without a number.
    """
    if target not in TARGETS:
        raise ReviewError(f"unknown field {target!r}; one of {', '.join(TARGETS)}")
    if target == "quantity":
        return quantity_fields(text, start, end, readers)
    start, end = selection(text, start, end)
    field, start_col, end_col = TARGETS[target]
    out: Changes = {field: text[start:end]}
    if start_col and end_col:
        out[start_col], out[end_col] = start, end
    if target == "time":
        out["time"] = readers.time(text[start:end], doc_date) or ""
    return out


#: The fields a selection can be appended to (:func:`append`): a subject or predicate made of
#: two places of the text (杭州星澜电竞 + 营业收入), as annotators often write it.
APPEND_TARGETS = ("subject", "predicate")


def append(text: str, target: str, start: int, end: int, current: str) -> Changes:
    """The field changes that append the selection ``start..end`` to ``target``'s ``current``
    value (the draft's or the claim's): the entity and what is measured, written in two
    places (滨江市 … 共享单车 -> 滨江市共享单车). With no current value it is an assignment.

    The offsets are those of the whole value when the text writes it in one place (the
    selection right after the current value's span), else none: the value is located in the
    text when the edit is saved, like a typed one (:func:`db.fields.locate_spans`).

    Raises:
        ReviewError: a target other than :data:`APPEND_TARGETS`, a bad selection, or a value
            longer than :data:`MAX_SELECTION` characters.
    """
    if target not in APPEND_TARGETS:
        raise ReviewError(
            f"only {' or '.join(APPEND_TARGETS)} take an appended selection, not {target!r}"
        )
    start, end = selection(text, start, end)
    field, start_col, end_col = TARGETS[target]
    current = (current or "").strip()
    value = current + text[start:end]
    if len(value) > MAX_SELECTION:
        raise ReviewError(
            f"{field} would be {len(value)} characters, over {MAX_SELECTION}; nothing appended"
        )
    assert start_col is not None and end_col is not None
    at = start - len(current)  # where the value starts if the text writes it in one place
    whole = at >= 0 and text[at:end] == value
    return {field: value, start_col: at if whole else None, end_col: end if whole else None}


def new_claim(
    text: str, start: int, end: int, readers: Readers, doc_date: str | None = None
) -> Changes:
    """The fields of a claim added from the selection: the quantity read from it, the other
    fields the extractor's guess (checked: a guessed span that does not hold its field is
    left out), and the guess's ``alternatives`` to pick from.

    Raises:
        ReviewError: a bad selection, or one that holds no number (nothing is added).
    """
    fields = quantity_fields(text, start, end, readers)
    guess = dict(readers.roles(text, fields["start"], fields["end"], doc_date) or {})
    for name, field in (("subject", "subject"), ("predicate", "predicate"), ("time", "time_text")):
        s, e = guess.get(f"{name}_start"), guess.get(f"{name}_end")
        value = guess.get(field) or ""
        if s is None and e is None:
            continue
        if _holds(text, s, e, value):
            continue
        guess.pop(f"{name}_start", None)
        guess.pop(f"{name}_end", None)
    fields.update({f: guess[f] for f in ROLE_FIELDS if guess.get(f) is not None})
    alts = guess.get("alternatives")
    if isinstance(alts, Mapping) and alts:
        fields["alternatives"] = dict(alts)
    return fields


def _holds(text: str, start: object, end: object, value: str) -> bool:
    """``start..end`` are whole numbers inside ``text`` and hold ``value``."""
    if type(start) is not int or type(end) is not int:
        return False
    return 0 <= start < end <= len(text) and text[start:end] == value


def describe(changes: Mapping[str, Any]) -> str:
    """``subject 中国人保 · time 4月26日``: the assigned fields, for a message."""
    parts = []
    for target, (field, _, _) in TARGETS.items():
        if field in changes:
            parts.append(f"{target} {changes[field]}")
    return " · ".join(parts)
