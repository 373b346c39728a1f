"""The candidate claim record the extractor returns."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from operator import attrgetter
from typing import Any


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed quantitative claim.

    Offsets are Python ``str`` (code point) indices into the document text, and
    ``text[start:end] == quantity_text`` always holds. ``subject_start``/``subject_end``,
    ``predicate_*`` and ``time_*`` locate the mentions the fields were read from (for
    highlighting); a subject carried over from an earlier sentence points at that earlier
    mention, and a subject resolved through an alias points at the short form. They are None
    when the field is empty or not written in the text.

    ``alternatives`` keeps the ranked runners-up of subject, predicate, time and object, so a
    reviewer can pick one instead of typing it.
    """

    quantity_text: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str
    subject: str
    predicate: str
    object: str
    time_text: str
    time: str
    kind: str
    confidence: float
    rule: str
    subject_start: int | None = None
    subject_end: int | None = None
    predicate_start: int | None = None
    predicate_end: int | None = None
    time_start: int | None = None
    time_end: int | None = None
    #: Ranked runners-up per field (``subject``, ``predicate``, ``time``, ``object``): lists
    #: of ``{"text", "start", "end", "score"}``, best first, the chosen filler excluded; a
    #: time list may hold ``{"text": ""}`` ("no time", offsets None) when a time was chosen.
    alternatives: dict[str, list[dict]] = field(default_factory=dict)
    #: The rule of context that marked the quantity as a possible look-alike, when the
    #: learned decision (:mod:`extractor.lookalike`) reads it as a feature instead of a drop.
    cue: str = ""

    def to_dict(self) -> dict:
        """The candidate as a plain dict (for JSON and the database layer)."""
        return asdict(self)

    def replaced(self, **changes: Any) -> Candidate:
        """:func:`dataclasses.replace` without its checks of each field's kind (every field
        is an init field): the extractor copies each candidate a few times (the time's
        document pass, the neighbours' alternatives, the look-alike decision's confidence)."""
        kw = dict(zip(_FIELDS, _VALUES(self), strict=True))
        kw.update(changes)
        return Candidate(**kw)


#: The fields of a candidate in their order, and a getter of all their values at once.
_FIELDS = tuple(f.name for f in fields(Candidate))
_VALUES = attrgetter(*_FIELDS)
