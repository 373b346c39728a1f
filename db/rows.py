"""Typed rows: what the review queries return, so a misspelt column is a type error.

``TypedDict`` rather than dataclasses: the rows come straight from ``sqlite3`` as dicts, are
patched field by field (an edit, a snapshot) and go to JSON unchanged.
"""

from __future__ import annotations

from typing import Any, TypedDict


class ListRow(TypedDict):
    """The columns one row of the claim list needs (:data:`db.claimlist.LIST_COLUMNS`)."""

    id: int
    doc_id: int
    start: int
    status: str
    quantity_text: str
    subject: str
    predicate: str
    kind: str
    edited: int
    origin: str
    flagged: int


class ClaimRow(ListRow):
    """Every column of a claim."""

    end: int
    sentence_start: int
    sentence_end: int
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str
    object: str
    time_text: str
    time: str
    confidence: float
    rule: str
    extractor_version: str
    original: str | None
    reviewer: str | None
    decided_at: str | None
    created_at: str
    subject_start: int | None
    subject_end: int | None
    predicate_start: int | None
    predicate_end: int | None
    time_start: int | None
    time_end: int | None
    alternatives: str | None
    note: str


class DocumentRow(TypedDict):
    """A document as the review screen shows it."""

    id: int
    source: str
    title: str
    text: str
    date: str | None
    url: str | None


class DecisionRow(TypedDict):
    """One row of the decisions log (``before``/``after`` are JSON snapshots)."""

    id: int
    claim_id: int
    reviewer: str
    action: str
    status_before: str | None
    status_after: str
    before: str | None
    after: str | None
    undoes: int | None
    at: str
    mode: str | None
    group_id: int | None


class HistoryRow(DecisionRow):
    """A decision with what it changed: field -> (before, after)."""

    changes: dict[str, tuple[Any, Any]]
    picked: dict[str, Any] | None
    """The alternative a pick took (field, option, text, start, end, score, rank), or None."""
    suggested: list[str]
    """Fields saved as shown re-ranked by the document's decisions (``db.feedback``)."""


class SearchHit(TypedDict):
    """A search result: the claim to jump to (None for a document without claims), where the
    text was found, and a snippet."""

    claim_id: int | None
    doc_id: int
    where: str
    snippet: str


class Verdict(TypedDict):
    """One reviewer's verdict on a claim in overlap mode (``judgements``)."""

    reviewer: str
    status: str
    fields: dict[str, Any]
    at: str
