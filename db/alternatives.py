"""Alternatives: the extractor's ranked runners-up of a claim's fields, read safely, and picks.

The extractor stores them with each claim (``claims.alternatives``, migration 7) as JSON::

    {"subject": [{"text": "乙集团", "start": 12, "end": 15, "score": 0.41}, ...],
     "predicate": [...], "time": [...], "object": [...]}

best first. ``unit`` and ``kind`` lists are read too when present. The column may hold anything
(an older import, a hand-edited database), so :func:`parse` trusts nothing: text that is not
JSON, a list that is not a list, an entry without text is dropped, never raised; an option whose
offsets do not hold in the document (``text[start:end] != option text``) keeps its text but
loses the offsets (a pick then locates it in the sentence, like a typed value); a kind that is
not one of :data:`db.schema.KINDS` is dropped. A time option with empty text is "no time"
(:data:`EMPTY_OK`): the card shows it as ``no time`` and a pick of it empties the time.

What a reviewer sees of them (:func:`options`): per field, the options that differ from the
claim's current value, numbered 1..9; and, where a claim comes on screen, every field's at
once (:func:`mixed`, the pseudo-field :data:`ALL`): the digits go round the fields not set
yet — 1 the subject's first option, 2 the predicate's first, 3 the time's first, 4 the
subject's second … (the object stays on its own list: :data:`OFF_ROW`) — so the first
options of any graded field are one key away. The field *most likely wrong*
(:func:`focus_field`) is the one with the lowest margin between the chosen value's score
and its best runner-up's (where span mode and the edit form start).
A pick (:func:`pick_changes`) is an ordinary edit: the field's new text, with the option's
offsets for the highlight; for time the normalised ``time`` too. Nothing here writes: the
session saves a pick through the one decisions writer.

Pure functions over plain values; no Textual, no extractor, no SQL.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from db.errors import ReviewError
from db.schema import KINDS, QUALIFIERS

#: Fields that can have alternatives, in the order ``[``/``]`` walk them.
FIELDS = ("subject", "predicate", "time", "object", "value", "unit", "kind")
#: Fields the focus always walks; ``value``/``unit``/``kind`` only when they have options.
ALWAYS = ("subject", "predicate", "time", "object")
#: The claim column holding each field's current value.
COLUMN = {
    "subject": "subject",
    "predicate": "predicate",
    "time": "time_text",
    "object": "object",
    "value": "value",
    "unit": "unit",
    "kind": "kind",
    "qualifier": "qualifier",
}
#: The qualifier: not ranked by the extractor, so its options are every other qualifier, in
#: this fixed order (the same digit is the same qualifier on every claim: ``=`` → 1 ``~``,
#: 2 ``>`` …); the last stop of the ``[``/``]`` ring, never on the row of all fields.
QUALIFIER = "qualifier"
#: The claim's span columns for a field (offsets of its text in the document), where kept.
SPAN = {
    "subject": ("subject_start", "subject_end"),
    "predicate": ("predicate_start", "predicate_end"),
    "time": ("time_start", "time_end"),
}
#: Fields left off the row of all fields (their own lists stay on the ``[``/``]`` ring): the
#: object, which the annotation guideline keeps out of a claim (``object: X`` goes in its
#: note) — in the gold no claim has one and reviewers fixing toward it never pick it, so its
#: slots (4 and 8) go to the runners-up of the fields that are graded.
OFF_ROW = frozenset({"object"})
#: The pseudo-field of the card's "all fields" row (:func:`mixed`): the first stop of the
#: ``[``/``]`` ring, where a claim comes on screen.
ALL = "all"
#: How many options a reviewer can pick with one digit.
MAX_SHOWN = 9
#: Fields whose options may be empty text: "no time" (the extractor stores it when it chose a
#: time and the empty reading ranked among the runners-up); a pick of it empties the field.
EMPTY_OK = frozenset({"time"})
#: How the card and the history name an empty option.
EMPTY_SHOWN = {"time": "no time"}


@dataclass(frozen=True)
class Option:
    """One runner-up of a field.

    Attributes:
        field: subject, predicate, time, object, value, unit or kind.
        text: the value it would give the field (for ``value``: the reading as shown,
            ``33.333333 %``).
        start, end: its place in the document (None when it is not written there as such).
        score: the extractor's score (None when missing or not a number).
        rank: its place in the extractor's list (1 = best).
        reading: for ``value``, the (value, unit, kind) the pick sets together: the other
            reading of a fraction, a ratio or a discount.
    """

    field: str
    text: str
    start: int | None
    end: int | None
    score: float | None
    rank: int
    reading: tuple[float | None, str, str] | None = None

    def to_json(self) -> dict[str, Any]:
        """The stored shape: text, start, end, score (and a reading's value, unit, kind)."""
        out: dict[str, Any] = {
            "text": self.text, "start": self.start, "end": self.end, "score": self.score
        }  # fmt: skip
        if self.reading is not None:
            out.update(zip(("value", "unit", "kind"), self.reading, strict=True))
        return out


Alternatives = dict[str, list[Option]]
"""Options per field, best first (only fields that have any)."""


def _score(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _offsets(entry: Mapping[str, Any], text: str, doc: str) -> tuple[int | None, int | None]:
    """The entry's offsets when they hold in the document, else (None, None)."""
    start, end = entry.get("start"), entry.get("end")
    if (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start < end <= len(doc)
        and doc[start:end] == text
    ):
        return start, end
    return None, None


def decoded(raw: Any) -> dict[str, Any]:
    """The ``alternatives`` column as a dict (JSON text, or already decoded); empty for None,
    bad JSON or a wrong shape. Never raises."""
    data = raw
    if isinstance(raw, str | bytes):
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return {}
    return data if isinstance(data, dict) else {}


def parse(raw: Any, doc: str) -> Alternatives:
    """The alternatives of a claim, validated against its document text.

    Args:
        raw: the ``alternatives`` column (JSON text), an already-decoded dict, or None.
        doc: the document text the offsets refer to.

    Returns:
        Options per field, best first; empty for None, bad JSON or a wrong shape. Never raises.
    """
    data = decoded(raw)
    out: Alternatives = {}
    for field in FIELDS:
        entries = data.get(field)
        if not isinstance(entries, list):
            continue
        seen: set[str] = set()
        options: list[Option] = []
        for rank, entry in enumerate(entries, start=1):
            if not isinstance(entry, dict):
                continue
            text = entry.get("text")
            if not isinstance(text, str) or text in seen:
                continue
            if not text.strip() and not (field in EMPTY_OK and text == ""):
                continue
            if field == "kind" and text not in KINDS:
                continue
            reading = _reading(entry) if field == "value" else None
            if field == "value" and reading is None:
                continue  # a value option sets value, unit and kind: all three, valid
            seen.add(text)
            start, end = _offsets(entry, text, doc)
            options.append(
                Option(field, text, start, end, _score(entry.get("score")), rank, reading)
            )
        if options:
            out[field] = options
    return out


def _reading(entry: Mapping[str, Any]) -> tuple[float | None, str, str] | None:
    """A value option's (value, unit, kind): a finite number — or null, written as such (a
    share in words read as a fraction with no value: ``"value": null``) —, a unit text, a
    known kind."""
    value, unit, kind = _score(entry.get("value")), entry.get("unit"), entry.get("kind")
    null = "value" in entry and entry["value"] is None
    if (value is None and not null) or not isinstance(unit, str) or kind not in KINDS:
        return None
    return value, unit, str(kind)


def offers_null_value(stored: Any) -> bool:
    """Whether a claim's stored alternatives (JSON text or a dict) offer the reading with no
    value (三分之一 as a fraction: ``{"text": "no value", "value": null, …}``)."""
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return False
    entries = stored.get("value") if isinstance(stored, dict) else None
    return isinstance(entries, list) and any(
        isinstance(e, dict) and "value" in e and e["value"] is None for e in entries
    )


def current(claim: Mapping[str, Any], field: str) -> str:
    """The claim's current value of ``field`` (as text)."""
    return str(claim.get(COLUMN[field]) or "")


def options(alts: Alternatives, claim: Mapping[str, Any], field: str) -> list[Option]:
    """The options a reviewer can pick for ``field``: those that differ from the claim's
    current value, best first, at most :data:`MAX_SHOWN` (numbered 1.. in this order)."""
    now = current(claim, field)
    if field == QUALIFIER:
        others = [q for q in QUALIFIERS if q != (now or "=")]
        return [Option(QUALIFIER, q, None, None, None, i) for i, q in enumerate(others, 1)]
    return [o for o in alts.get(field, []) if o.text != now][:MAX_SHOWN]


#: Fields whose options join the row of all fields one turn after the graded fields'.
LATE_ON_ROW = frozenset(("value", "unit", "kind"))


def mixed(alts: Alternatives, claim: Mapping[str, Any]) -> list[Option]:
    """The "all fields" row: the options of every field of :func:`walk` but the object
    (:data:`OFF_ROW`) that no reviewer has set yet (:func:`settled`; all of them when every
    one is set), taken in turns — each field's first option in :func:`walk` order, then each
    one's second, … — at most :data:`MAX_SHOWN` (numbered 1.. in this order). Value, unit and kind
    join a turn late (:data:`LATE_ON_ROW`): a rate's other unit is a convention, less often
    wanted than a graded field's second option, so it does not take that option's digit.
    Each option keeps its own field."""
    done = settled(claim)
    row = [f for f in walk(alts) if f not in OFF_ROW]
    fields = [f for f in row if f not in done] or row
    lists = [(options(alts, claim, f), 1 if f in LATE_ON_ROW else 0) for f in fields]
    if all(late for _, late in lists):
        lists = [(shown_, 0) for shown_, _ in lists]  # nothing to wait for
    out: list[Option] = []
    for turn in range(MAX_SHOWN + 1):
        for shown_, late in lists:
            k = turn - late
            if 0 <= k < len(shown_) and len(out) < MAX_SHOWN:
                out.append(shown_[k])
    return out


def kept_row(
    first_alts: Alternatives,
    first: Mapping[str, Any],
    alts: Alternatives,
    claim: Mapping[str, Any],
) -> list[Option | None] | None:
    """The row of all fields for ``claim`` shown again after picks that stayed on it, when it
    came on screen as ``first`` (with ``first_alts``): the row ``first`` showed, each option
    under the digit it had — so keys planned from that screen (Alt+6 for the subject, then 5
    for the predicate) pick what it showed — but the options of the fields set since, whose
    digits go to the options the row of ``claim`` (:func:`mixed`) adds, or stay gaps (None).
    None when there is nothing to keep: another claim, or no field set since."""
    if first.get("id") != claim.get("id"):
        return None
    new = settled(claim) - settled(first)
    if not new:
        return None
    row: list[Option | None] = [o if o.field not in new else None for o in mixed(first_alts, first)]
    kept = {(o.field, o.text) for o in row if o is not None}
    extra = [o for o in mixed(alts, claim) if o.field not in new and (o.field, o.text) not in kept]
    row = [o if o is not None or not extra else extra.pop(0) for o in row]
    row += extra[: MAX_SHOWN - len(row)]
    while row and row[-1] is None:
        row.pop()
    return row


def shown_options(
    alts: Alternatives,
    claim: Mapping[str, Any],
    field: str,
    kept: Sequence[Option | None] | None = None,
) -> list[Option | None]:
    """The options numbered on the card for ``field`` in focus: for :data:`ALL` the row
    ``kept`` from the screen the claim came on with (:func:`kept_row`, gaps None) when given,
    else :func:`mixed`; for a field, :func:`options`."""
    if field == ALL:
        return list(kept) if kept is not None else list(mixed(alts, claim))
    return list(options(alts, claim, field))


def walk(alts: Alternatives) -> list[str]:
    """The fields ``[``/``]`` move through: subject, predicate, time, object, then value,
    unit and kind when they have options."""
    return [*ALWAYS, *(f for f in ("value", "unit", "kind") if alts.get(f))]


def margin(alts: Alternatives, claim: Mapping[str, Any], field: str) -> float | None:
    """How sure the extractor was of ``field``: the chosen value's score minus its best
    runner-up's; None when there is no runner-up.

    The chosen value's score is that of the stored entry equal to the current value when the
    list holds one, else 1.0 (scores are probabilities in 0..1; the extractor's choice — an
    empty one too, which it preferred to every runner-up — stands at its own score, unknown
    here). A runner-up without a score counts as 0.
    """
    shown = options(alts, claim, field)
    if not shown:
        return None
    now = current(claim, field)
    chosen = next((o.score for o in alts.get(field, []) if o.text == now), None)
    if chosen is None:
        chosen = 1.0
    return chosen - (shown[0].score or 0.0)


def settled(claim: Mapping[str, Any]) -> set[str]:
    """The fields a reviewer has set: those for which the claim's ``original`` (the proposal
    kept at its first edit) holds another value — a pick, a span or the form changed them."""
    raw = claim.get("original")
    if not raw:
        return set()
    try:
        proposal = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return set()
    if not isinstance(proposal, Mapping):
        return set()
    return {
        field
        for field, column in COLUMN.items()
        if column in proposal and str(proposal[column] or "") != current(claim, field)
    }


def focus_field(alts: Alternatives, claim: Mapping[str, Any]) -> str:
    """The field most likely wrong: the lowest :func:`margin` (ties: the earlier field) among
    the fields no reviewer has set yet (:func:`settled`: back on a claim after a pick, the
    focus goes to the next doubtful field, not to the one just fixed); ``subject`` — or the
    first field not set yet — when no such field has a runner-up."""
    best: tuple[float, int] | None = None
    done = settled(claim)
    chosen = next((f for f in ALWAYS if f not in done), ALWAYS[0])
    for i, field in enumerate(walk(alts)):
        if field in done:
            continue
        m = margin(alts, claim, field)
        if m is not None and (best is None or (m, i) < best):
            best, chosen = (m, i), field
    return chosen


def ring(alts: Alternatives) -> list[str]:
    """The stops of ``[``/``]``: :data:`ALL` (every field's first options), then the fields
    of :func:`walk` one by one (all their options), then the :data:`QUALIFIER` (``[`` from
    the row of all fields)."""
    return [ALL, *walk(alts), QUALIFIER]


def step(alts: Alternatives, field: str, by: int) -> str:
    """The stop ``by`` places after ``field`` in :func:`ring`, wrapping."""
    fields = ring(alts)
    i = fields.index(field) if field in fields else 0
    return fields[(i + by) % len(fields)]


def pick(
    alts: Alternatives,
    claim: Mapping[str, Any],
    field: str,
    n: int,
    kept: Sequence[Option | None] | None = None,
) -> Option:
    """Option ``n`` (1-based, as shown) of ``field`` (:data:`ALL`: of the "all fields" row,
    ``kept`` when the claim stayed on screen; the option names its own field).

    Raises:
        ReviewError: an unknown field, or no such option (nothing is written).
    """
    if field not in FIELDS and field not in (ALL, QUALIFIER):
        raise ReviewError(f"no field {field!r} to pick for; one of {', '.join(FIELDS)}")
    shown = shown_options(alts, claim, field, kept)
    name = "the row of all fields" if field == ALL else field
    if not 1 <= n <= len(shown):
        have = f"options 1–{len(shown)}" if len(shown) > 1 else f"{len(shown) or 'no'} option"
        raise ReviewError(f"{name} has no option {n} ({have}); nothing saved")
    option = shown[n - 1]
    if option is None:
        raise ReviewError(f"option {n} of {name} was of a field you have just set; nothing saved")
    return option


def pick_changes(
    option: Option,
    *,
    normalise_time: Callable[[str, str | None], str] | None = None,
    doc_date: str | None = None,
) -> dict[str, Any]:
    """The edit a pick makes: the field's new text with the option's offsets.

    For time, ``time_text`` and the normalised ``time`` (by ``normalise_time(text, doc_date)``;
    empty without a normaliser, never the old value, which described another expression).
    """
    if option.reading is not None:
        # The other reading of the quantity: value, unit and kind together (三分之一: 33.33 %).
        value, unit, kind = option.reading
        return {"value": value, "value_max": None, "unit": unit, "kind": kind}
    column = COLUMN[option.field]
    changes: dict[str, Any] = {column: option.text}
    if option.field in SPAN:
        a, b = SPAN[option.field]
        changes[a], changes[b] = option.start, option.end
    if option.field == "time":
        changes["time"] = (
            normalise_time(option.text, doc_date) if normalise_time and option.text else ""
        )
    return changes


def pick_record(option: Option, n: int, digit: int | None = None) -> dict[str, Any]:
    """What a decision row keeps of a pick (``after.picked``): ``n`` is the option's number
    in its field's own list; a pick from the row of all fields also keeps ``row`` (``all``)
    and the ``digit`` it had there."""
    out = {"field": option.field, "option": n, **option.to_json(), "rank": option.rank}
    if digit is not None:
        out.update(row=ALL, digit=digit)
    return out


def shown(option: Option) -> str:
    """The option as the card names it: its text, ``no time`` for the empty time, and a
    value's reading after an arrow (``→33.333333 %``: a number glued to the digit that
    picks it would read as one number)."""
    if option.reading is not None:
        return f"→{option.text}"
    return option.text or EMPTY_SHOWN.get(option.field, "")


def describe_pick(picked: Any) -> str:
    """``picked subject option 2 (乙集团)`` for a decision's ``picked`` record ("" if none);
    an empty time is ``(no time)``. A pick from the row of all fields is named by the digit
    the reviewer pressed there (``picked subject 8 of all fields (乙集团)``), not by the
    option's number in its field's own list, which the row does not show."""
    if not isinstance(picked, dict) or "field" not in picked:
        return ""
    field = picked["field"]
    text = picked.get("text", "") or EMPTY_SHOWN.get(str(field), "")
    if picked.get("row") == ALL and picked.get("digit") is not None:
        return f"picked {field} {picked['digit']} of all fields ({text})"
    return f"picked {field} option {picked.get('option', '?')} ({text})"


def export_shape(raw: Any, doc: str) -> dict[str, list[dict[str, Any]]] | None:
    """The claim's alternatives as exported (in ``original.alternatives``): per field the
    validated options, best first, ``{"text", "start", "end", "score"}``; None when none."""
    alts = parse(raw, doc)
    if not alts:
        return None
    return {field: [o.to_json() for o in opts] for field, opts in alts.items()}
