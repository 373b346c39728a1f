"""A claim as labelled spans and relations, the shape every annotation tool speaks.

A claim becomes:

- a ``QUANTITY`` span (``quantity_text`` at ``start``..``end``) carrying the claim's other
  fields as *meta* (value, unit, qualifier, kind, status, reviewer, …: everything a span cannot
  hold), so that claimdesk -> tool -> claimdesk keeps every field;
- ``SUBJECT``, ``PREDICATE`` and ``TIME`` spans where the claim has their offsets, and an
  ``OBJECT`` span where the object is written in the claim's sentence;
- one relation from the quantity span to each role span, labelled with the role.

The other way round, a :class:`Task` read from a tool's file (a text, its spans and relations,
maybe a decision) becomes claim records ready for :func:`db.claims_import.apply_claims`. Spans
from files claimdesk did not write have no meta: value, unit, qualifier and kind then come from
the ``parse`` function the caller passes (the CLI passes the extractor's own span parser; ``db``
never imports the extractor), and the claim's sentence is the sentence around its spans.

Offsets here are always Python ``str`` (code point) indices. Label Studio counts in UTF-16 code
units: :func:`utf16_to_py` and :func:`py_to_utf16` convert, and refuse an offset that falls
inside a surrogate pair.
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from db.claims_import import check_record
from db.errors import InputError
from db.schema import FACT_FIELDS, now_iso

#: The parts of a claim a span can label, in the order spans are written.
ROLES = ("quantity", "subject", "predicate", "time", "object")
#: The label each role is written with.
LABELS = {r: r.upper() for r in ROLES}
#: A role field whose text a span holds (``time`` the role is ``time_text`` the field).
ROLE_FIELD = {
    "subject": "subject",
    "predicate": "predicate",
    "time": "time_text",
    "object": "object",
}
#: Claim fields carried as meta on the quantity span (everything but the quantity's own span).
META_FIELDS = (
    *(f for f in FACT_FIELDS if f not in ("quantity_text", "start", "end")),
    "confidence",
    "rule",
    "extractor_version",
    "origin",
    "status",
    "reviewer",
    "decided_at",
    "edited",
    "original",
    "alternatives",
    "flagged",
    "note",
    "flagged_by",
)
#: What a label map may map a foreign label to.
MAP_TARGETS = (*ROLES, "ignore")
#: The parser of a quantity's surface: value, value_max, unit, qualifier, kind (or None).
QuantityParser = Callable[[str], dict | None]

_SENTENCE_END = "。！？!?\n；;"


@dataclass(slots=True)
class Span:
    """A labelled stretch of a task's text (Python offsets)."""

    key: str
    start: int
    end: int
    label: str
    text: str | None = None
    meta: dict | None = None
    score: float | None = None
    status: str | None = None
    reviewer: str | None = None
    decided_at: str | None = None
    line: int | None = None


@dataclass(slots=True)
class Link:
    """A relation between two spans of a task, by their keys."""

    head: str
    child: str
    label: str = ""


@dataclass(slots=True)
class Task:
    """One unit of a tool's file: a text with spans, relations and maybe a decision.

    ``where`` is the line (JSONL) or record number (JSON) used in messages. ``status``,
    ``reviewer`` and ``decided_at`` apply to every quantity span that has none of its own.
    """

    text: str
    where: int | None
    source: str
    title: str = ""
    date: str | None = None
    url: str | None = None
    spans: list[Span] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    status: str | None = None
    reviewer: str | None = None
    decided_at: str | None = None
    rule: str = ""
    origin: str = "extractor"
    prefix: str = ""
    """Put before each problem of the task (``task 3: `` where records have no line)."""


class Problems(Exception):
    """Every reason a file cannot be mapped, one :class:`InputError` each."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def as_int(x: object) -> int | None:
    """``x`` when it is an integer (not a bool), else None."""
    return x if isinstance(x, int) and not isinstance(x, bool) else None


def as_dict(x: object) -> dict:
    """``x`` when it is a JSON object, else an empty one."""
    return x if isinstance(x, dict) else {}


# --------------------------------------------------------------------------- offsets


def utf16_offsets(text: str) -> list[int]:
    """``out[i]`` is the UTF-16 offset of code point ``i`` (``len(text) + 1`` entries)."""
    out = [0] * (len(text) + 1)
    n = 0
    for i, ch in enumerate(text):
        out[i] = n
        n += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = n
    return out


def py_to_utf16(table: list[int], offset: int) -> int:
    """A Python offset as JavaScript (UTF-16) counts it; ``table`` from :func:`utf16_offsets`."""
    return table[offset]


def utf16_to_py(table: list[int], offset: int) -> int | None:
    """A UTF-16 offset as a Python offset; None when it splits a surrogate pair or is outside."""
    i = bisect_right(table, offset) - 1
    if i < 0 or table[i] != offset:
        return None
    return i


def normalise_text(text: str) -> tuple[str, Callable[[int], int]]:
    """The text as claimdesk stores it (``\\r\\n`` and ``\\r`` -> ``\\n``, trailing space dropped)
    and a function moving an offset of the original into the stored text."""
    if "\r" not in text:
        stored = text.rstrip()
        return stored, lambda i: i
    removed = []  # positions of the \r of each \r\n, in the original
    for i, ch in enumerate(text):
        if ch == "\r" and text[i + 1 : i + 2] == "\n":
            removed.append(i)
    stored = text.replace("\r\n", "\n").replace("\r", "\n").rstrip()

    def move(i: int) -> int:
        return i - bisect_right(removed, i - 1)

    return stored, move


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start``..``end``: from after the previous 。！？; or line break to
    the next one (included)."""
    s = start
    while s > 0 and text[s - 1] not in _SENTENCE_END:
        s -= 1
    while s < start and text[s].isspace():
        s += 1
    e = end
    while e < len(text) and text[e - 1] not in _SENTENCE_END:
        e += 1
    while e > end and text[e - 1] == "\n":
        e -= 1
    return s, e


# --------------------------------------------------------------------------- claim -> spans


@dataclass(slots=True)
class ClaimSpans:
    """One exported claim: its quantity span, its role spans (role, start, end) and meta."""

    quantity: tuple[int, int, str]
    roles: list[tuple[str, int, int]]
    meta: dict
    claim_id: int = 0


def claim_spans(claim: dict, text: str) -> ClaimSpans:
    """Spans of an exported claim (a :func:`db.export.records` record plus its span columns).

    A role span is written only where the document holds that text at those offsets; the
    object, which has no stored offsets, is looked for in the claim's sentence.
    """
    roles: list[tuple[str, int, int]] = []
    for role in ("subject", "predicate", "time"):
        s, e = claim.get(f"{role}_start"), claim.get(f"{role}_end")
        if isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text):
            roles.append((role, s, e))
    obj = claim.get("object") or ""
    if obj:
        s0, e0 = claim["sentence_start"], claim["sentence_end"]
        at = text.find(obj, s0, e0)
        if at >= 0:
            roles.append(("object", at, at + len(obj)))
    meta = {k: claim.get(k) for k in META_FIELDS}
    meta["doc_source"] = claim.get("doc_source")
    meta["doc_title"] = claim.get("doc_title")
    quantity = (claim["start"], claim["end"], claim["quantity_text"])
    return ClaimSpans(quantity, roles, meta, claim.get("claim_id") or 0)


# --------------------------------------------------------------------------- spans -> claims


def parse_label_map(pairs: Iterable[str]) -> dict[str, str]:
    """``["Date=time", "ORG=subject", "MISC=ignore"]`` -> ``{"date": "time", ...}``.

    Raises:
        ValueError: a pair without ``=`` or with a target that is not a role or ``ignore``.
    """
    out: dict[str, str] = {}
    for pair in pairs:
        label, sep, target = pair.partition("=")
        target = target.strip().lower()
        if not sep or not label.strip():
            raise ValueError(f"{pair!r} is not LABEL=ROLE")
        if target not in MAP_TARGETS:
            raise ValueError(f"{pair!r}: {target!r} is not one of {', '.join(MAP_TARGETS)}")
        out[label.strip().lower()] = target
    return out


def role_of(label: str, label_map: dict[str, str]) -> str | None:
    """The claim part a label stands for, ``ignore``, or None when unknown."""
    key = label.strip().lower()
    if key in label_map:
        return label_map[key]
    return key if key in ROLES else None


@dataclass(slots=True)
class Mapped:
    """Claim records of one task, for :func:`db.claims_import.apply_claims`, plus their span
    offsets (written after the claims) and what was left out."""

    records: list[dict] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)
    skipped: int = 0


def map_task(
    task: Task,
    path: str,
    *,
    fmt: str,
    label_map: dict[str, str],
    parse: QuantityParser | None,
    errors: list[InputError],
) -> Mapped:
    """Claims of one task; problems are appended to ``errors`` (nothing raised).

    ``task.text`` must already be the stored (normalised) text and span offsets Python offsets
    into it.
    """
    out = Mapped()
    text = task.text

    def bad(problem: str, line: int | None = None) -> None:
        errors.append(InputError(path, task.prefix + problem, line or task.where))

    roles: dict[str, str] = {}
    spans: dict[str, Span] = {}
    unknown: dict[str, list[Span]] = {}
    for sp in task.spans:
        role = role_of(sp.label, label_map)
        if role is None:
            unknown.setdefault(sp.label, []).append(sp)
            continue
        if not (0 <= sp.start < sp.end <= len(text)):
            bad(
                f"span {sp.key} at {sp.start}..{sp.end} lies outside the text ({len(text)} chars)",
                sp.line,
            )
            continue
        if sp.text is not None and text[sp.start : sp.end] != sp.text:
            bad(
                f"span {sp.key} says {sp.text!r} but the text at {sp.start}..{sp.end}"
                f" is {text[sp.start : sp.end]!r}",
                sp.line,
            )
            continue
        if role == "ignore" or (role != "quantity" and sp.status == "rejected"):
            out.skipped += 1  # ignored, or a role the tool's reviewer took out
            continue
        roles[sp.key] = role
        spans[sp.key] = sp
    for label, found in unknown.items():  # one line per label, at its first span
        more = f" ({len(found)} spans)" if len(found) > 1 else ""
        bad(
            f"label {label!r}{more} is not a claim part ({', '.join(ROLES)});"
            f" map it with --label-map '{label}=ROLE' or '{label}=ignore'",
            found[0].line,
        )
    quantities = [k for k, r in roles.items() if r == "quantity"]
    attached: dict[str, dict[str, Span]] = {q: {} for q in quantities}
    linked: set[str] = set()
    for link in task.links:
        if link.head not in spans or link.child not in spans:
            continue  # a relation to an ignored span is left with it
        pair = (link.head, link.child)
        q = next((k for k in pair if roles[k] == "quantity"), None)
        other = pair[1] if q == pair[0] else pair[0]
        if q is None or roles[other] == "quantity":
            continue  # relations between two roles or two quantities say nothing of a claim
        attached[q].setdefault(roles[other], spans[other])
        linked.add(other)
    for key, role in roles.items():
        if role == "quantity" or key in linked:
            continue
        sp = spans[key]
        near = _nearest_quantity(text, sp, [spans[q] for q in quantities])
        if near is None:
            out.skipped += 1
            continue
        attached[near.key].setdefault(role, sp)
    for q in quantities:
        rec, offsets = _claim(
            task, spans[q], attached[q], fmt=fmt, parse=parse, bad=partial(bad, line=spans[q].line)
        )
        if rec is not None:
            out.records.append(rec)
            out.spans.append(offsets)
    return out


def _nearest_quantity(text: str, sp: Span, quantities: list[Span]) -> Span | None:
    """The quantity in the same sentence as ``sp`` nearest to it, or None."""
    s, e = sentence_bounds(text, sp.start, sp.end)
    best: tuple[int, Span] | None = None
    for q in quantities:
        if q.start < s or q.end > e:
            continue
        gap = max(q.start - sp.end, sp.start - q.end, 0)
        if best is None or gap < best[0]:
            best = (gap, q)
    return best[1] if best else None


def _claim(
    task: Task,
    q: Span,
    roles: dict[str, Span],
    *,
    fmt: str,
    parse: QuantityParser | None,
    bad: Callable[[str], None],
) -> tuple[dict | None, dict]:
    text = task.text
    meta = dict(q.meta or {})
    surface = text[q.start : q.end]
    rec: dict = {"quantity_text": surface, "start": q.start, "end": q.end}
    offsets: dict = {}
    for role, sp in roles.items():
        if role in ("subject", "predicate", "time"):
            offsets[f"{role}_start"], offsets[f"{role}_end"] = sp.start, sp.end
    if meta:
        for key in META_FIELDS:
            rec[key] = meta.get(key)
        for role, fld in ROLE_FIELD.items():
            if rec.get(fld) is None and role in roles:
                sp = roles[role]
                rec[fld] = text[sp.start : sp.end]
        status = q.status or meta.get("status") or task.status or "pending"
    else:
        parsed = (parse(surface) if parse else None) or {}
        rec.update(
            value=parsed.get("value"),
            value_max=parsed.get("value_max"),
            unit=parsed.get("unit") or "",
            qualifier=parsed.get("qualifier") or "=",
            kind=parsed.get("kind") or "other",
            time="",
            confidence=q.score if q.score is not None else 1.0,
            rule=task.rule or fmt,
            extractor_version=fmt,
            origin=task.origin,
            edited=False,
            original=None,
        )
        for role, fld in ROLE_FIELD.items():
            found = roles.get(role)
            rec[fld] = text[found.start : found.end] if found else ""
        lo = min([q.start, *(sp.start for sp in roles.values())])
        hi = max([q.end, *(sp.end for sp in roles.values())])
        s0, e0 = sentence_bounds(text, q.start, q.end)
        rec["sentence_start"], rec["sentence_end"] = min(s0, lo), max(e0, hi)
        status = q.status or task.status or "pending"
    rec["status"] = status
    if status != "pending":
        rec["reviewer"] = q.reviewer or (meta.get("reviewer") if meta else None) or task.reviewer
        rec["decided_at"] = (
            q.decided_at or (meta.get("decided_at") if meta else None) or task.decided_at
        )
        rec["reviewer"] = rec["reviewer"] or fmt
        rec["decided_at"] = rec["decided_at"] or now_iso()
    else:
        rec["reviewer"], rec["decided_at"] = None, None
    return _checked(rec, text, q, bad), offsets


def _checked(rec: dict, text: str, q: Span, bad: Callable[[str], None]) -> dict | None:
    """The record in the shape :func:`db.claims_import.apply_claims` writes, or None (and a
    problem reported) when a field is out of range.

    What a tool's file must carry beyond a claims file (sentence offsets and ISO times in the
    quantity's meta, ``original`` possibly as JSON text) is checked here; everything else by
    :func:`db.claims_import.check_record`, the one check of a claim record."""
    where = f"quantity {q.key} ({rec['quantity_text']!r})"
    for key in ("sentence_start", "sentence_end"):
        v = rec.get(key)
        if not isinstance(v, int) or isinstance(v, bool):
            bad(f"{where}: meta field {key!r} must be an integer")
            return None
    for key in ("reviewer", "decided_at"):
        v = rec.get(key)
        if v is not None and not isinstance(v, str):
            bad(f"{where}: {key!r} must be text")
            return None
    if rec.get("decided_at"):
        try:
            datetime.fromisoformat(rec["decided_at"])
        except ValueError:
            bad(f"{where}: decided_at {rec['decided_at']!r} is not an ISO 8601 time")
            return None
    original = rec.get("original")
    if isinstance(original, str):  # already JSON text
        try:
            rec["original"] = json.loads(original) if original else None
        except ValueError:
            bad(f"{where}: 'original' is not JSON")
            return None
    try:
        return check_record("", 0, rec, text)
    except InputError as exc:
        bad(f"{where}: {exc.problem}")
        return None
