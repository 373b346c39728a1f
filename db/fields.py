"""Field validation: a claim's fact fields checked and normalised against its document text.

One merge-and-validate of an edit (:func:`merge_edit`), used by every mode; offsets are Python
str indices, checked against the text.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Mapping
from typing import Any

from db.alternatives import offers_null_value
from db.errors import ReviewError
from db.schema import FACT_FIELDS, KINDS, QUALIFIERS, SPAN_FIELDS


def find_span(sentence: str, needle: str, base: int, near: int | None) -> tuple[int, int] | None:
    """Document offsets of ``needle`` in a sentence that starts at ``base``, nearest ``near``."""
    if not needle:
        return None
    found: list[int] = []
    i = sentence.find(needle)
    while i >= 0:
        found.append(base + i)
        i = sentence.find(needle, i + 1)
    if not found:
        return None
    best = min(found, key=lambda s: abs(s - near)) if near is not None else found[0]
    return best, best + len(needle)


def locate_spans(text: str, fields: dict[str, Any]) -> dict[str, int | None]:
    """Spans of subject, predicate and time_text in the claim's sentence (None if absent); a
    subject or time not in the sentence is found at its nearest mention before it.

    Used when a reviewer types these fields, so the document highlight follows the edit.
    Offsets given in ``fields`` (``subject_start``…) are kept where the text there is the
    field's value (a picked alternative; an unchanged field); others are searched for.
    """
    s0, s1 = fields["sentence_start"], fields["sentence_end"]
    sentence = text[s0:s1]
    out: dict[str, int | None] = {}
    for name, field in (("subject", "subject"), ("predicate", "predicate"), ("time", "time_text")):
        value = fields.get(field) or ""
        given = fields.get(f"{name}_start"), fields.get(f"{name}_end")
        if _holds(text, given, value):
            # Offsets given with the value (a picked alternative) and true in the text: kept.
            out[f"{name}_start"], out[f"{name}_end"] = given
            continue
        span = find_span(sentence, value, s0, fields.get("start"))
        if span is None and name in CARRIED and value:
            # Not in the sentence: the nearest mention before it, as the extractor carries a
            # subject or a time over from the sentences before (报道称……。该公司……).
            i = text.rfind(value, 0, s0)
            span = (i, i + len(value)) if i >= 0 else None
        out[f"{name}_start"], out[f"{name}_end"] = span if span else (None, None)
    return out


#: Fields whose value may stand in an earlier sentence than the quantity's.
CARRIED = ("subject", "time")


def _holds(text: str, span: tuple[Any, Any], value: str) -> bool:
    """``span`` is a pair of str offsets at which ``text`` holds ``value``."""
    a, b = span
    return (
        bool(value)
        and type(a) is int
        and type(b) is int
        and 0 <= a < b <= len(text)
        and text[a:b] == value
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``text[start:end]``: from after the previous 。！？；or line break to
    the next one (included)."""
    stops = "。！？!?；;\n"
    s = start
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = end
    while e < len(text) and text[e - 1] not in stops:
        e += 1
    return s, e


def validate_fields(
    text: str, fields: dict[str, Any], *, null_value: bool = False
) -> dict[str, Any]:
    """Check and normalise a claim's fact fields against its document text.

    Args:
        text: the document text the offsets refer to.
        fields: fact fields (a full claim or an edit); ``value``/``value_max`` already numbers.
        null_value: an empty ``value`` is allowed (an edit that leaves a claim's empty value
            alone: the quantity has no single value); otherwise the value must be a number.

    Returns:
        A copy with types normalised, the quantity text taken from the offsets, the sentence
        widened to hold the quantity, and subject/predicate/time spans located.

    Raises:
        ReviewError: with ``errors`` naming each invalid field.
    """
    out = dict(fields)
    errors: dict[str, str] = {}
    try:
        start, end = int(out["start"]), int(out["end"])
    except (KeyError, TypeError, ValueError):
        errors["start"] = "start and end must be whole numbers"
        start = end = -1
    else:
        if not (0 <= start < end <= len(text)):
            errors["start"] = (
                f"the quantity span {start}..{end} is not inside the document (0..{len(text)})"
            )
        elif out.get("quantity_text") not in (None, "", text[start:end]):
            errors["quantity_text"] = (
                f"the text at {start}..{end} is {text[start:end]!r}, not {out['quantity_text']!r}"
            )
    for name in ("value", "value_max"):
        v = out.get(name)
        if v is None or v == "":
            out[name] = None
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            errors[name] = f"{name} must be a number"
    if out.get("value") is None and not null_value:
        errors.setdefault("value", "value must be a number")
    if (
        out.get("value") is not None
        and out.get("value_max") is not None
        and "value" not in errors
        and "value_max" not in errors
        and out["value_max"] < out["value"]
    ):
        errors["value_max"] = "value_max must not be below value"
    if out.get("qualifier", "=") not in QUALIFIERS:
        errors["qualifier"] = f"qualifier must be one of {' '.join(QUALIFIERS)}"
    if out.get("kind", "other") not in KINDS:
        errors["kind"] = f"kind must be one of {', '.join(KINDS)}"
    if errors:
        raise ReviewError("; ".join(errors.values()), errors)
    out["start"], out["end"] = start, end
    out["quantity_text"] = text[start:end]
    s0, s1 = out.get("sentence_start"), out.get("sentence_end")
    if s0 is None or s1 is None or not (0 <= s0 <= start and end <= s1 <= len(text)):
        # The quantity moved out of its sentence (or none was given): use the one around it.
        s0, s1 = sentence_bounds(text, start, end)
    out["sentence_start"], out["sentence_end"] = s0, s1
    for name in ("unit", "subject", "predicate", "object", "time_text", "time"):
        out[name] = (out.get(name) or "").strip()
    out.update(locate_spans(text, out))
    return out


def document_text(conn: sqlite3.Connection, doc_id: int) -> str:
    """A document's text (what every offset refers to)."""
    row = conn.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()
    if row is None:
        raise ReviewError(f"no document {doc_id}")
    return str(row[0])


def merge_edit(
    conn: sqlite3.Connection, claim: Mapping[str, Any], changes: Mapping[str, Any] | None
) -> dict[str, Any]:
    """A claim's fact fields with a reviewer's ``changes``, checked against its document.

    The one merge-and-validate of an edit, used by every mode (review, overlap verdicts,
    adjudication). The quantity text is taken from the offsets unless the edit names it.

    Returns:
        The validated fact and span fields (see :func:`validate_fields`).

    Raises:
        ReviewError: no changes, a field that cannot be edited, or invalid values.
    """
    if not changes:
        raise ReviewError("an edit needs changes")
    # Span offsets may come with their field (a picked alternative); kept when they hold.
    unknown = set(changes) - set(FACT_FIELDS) - set(SPAN_FIELDS)
    if unknown:
        raise ReviewError(f"not editable: {', '.join(sorted(unknown))}")
    merged = {f: claim[f] for f in FACT_FIELDS}
    # The claim's spans ride along: kept for a field whose text they still hold.
    merged.update({f: claim.get(f) for f in SPAN_FIELDS})
    merged.update(changes)
    if (merged.get("time_text") or "").strip() != (claim["time_text"] or "").strip() and (
        merged.get("time") or ""
    ) == (claim["time"] or ""):
        # A new time expression with the old normalised time would be a wrong fact: the time is
        # emptied unless the edit gives one (the app re-normalises it, see tui.timefix).
        merged["time"] = ""
    if "quantity_text" not in changes:
        merged["quantity_text"] = None  # taken from the (new) offsets
    # A quantity with no single value (a fraction: GUIDELINE 1/2.3 -> null) keeps its empty
    # value through an edit of its other fields (a pick of its subject); an edit that sets the
    # value must give a number, unless the extractor offered the reading with none (三分之一 read
    # 33.333333 %, or as a fraction with no value).
    if "value" in changes and changes["value"] is None:
        keep_null = offers_null_value(dict(claim).get("alternatives"))
    else:
        keep_null = claim["value"] is None and "value" not in changes
    fixed = validate_fields(document_text(conn, claim["doc_id"]), merged, null_value=keep_null)
    return {f: fixed[f] for f in (*FACT_FIELDS, *SPAN_FIELDS)}
