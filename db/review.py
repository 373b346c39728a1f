"""The review API in one place: re-exports of the modules that each own one concern.

- :mod:`db.claimlist` — filters (the one WHERE builder), the claim list and paging, rows;
- :mod:`db.fields` — field validation and the one merge-and-validate of an edit;
- :mod:`db.decisions` — the one writer of the decisions log: decide, add, undo, history;
- :mod:`db.queue` — the one next-claim query and the leases;
- :mod:`db.search` — search over claim fields and document text;
- :mod:`db.session` — a reviewer's session over all of these (what the app uses).

Plain functions over a ``sqlite3`` connection, so the TUI, scripts and tests share one
implementation; none of them imports Textual. Every write is one ``BEGIN IMMEDIATE … COMMIT``
holding the decision row and the claim's new state together: when a function returns, the
decision is on disk (WAL) and survives a crash of the process.
"""

from __future__ import annotations

from db.claimlist import (
    LIST_COLUMNS,
    ClaimFilter,
    Key,
    count,
    count_before,
    count_between,
    distinct_values,
    document_count,
    document_ordinal,
    first_row,
    get_claim,
    get_document,
    key_of,
    list_row,
    matches,
    next_document,
    page,
    plan_filter,
    position_in_document,
    rows_after,
    rows_before,
    status_counts,
)
from db.decisions import (
    DECIDE_ACTIONS,
    STATE_FIELDS,
    Decision,
    Seen,
    add_claim,
    check_free,
    decide,
    history,
    last_undoable,
    undo_last,
)
from db.errors import ReviewError
from db.fields import (
    document_text,
    find_span,
    locate_spans,
    merge_edit,
    sentence_bounds,
    validate_fields,
)
from db.queue import last_skipped, next_pending, next_row, pending_filter
from db.schema import FACT_FIELDS
from db.search import search

__all__ = [
    "DECIDE_ACTIONS",
    "FACT_FIELDS",
    "LIST_COLUMNS",
    "STATE_FIELDS",
    "ClaimFilter",
    "Decision",
    "Key",
    "ReviewError",
    "Seen",
    "add_claim",
    "check_free",
    "count",
    "count_before",
    "count_between",
    "decide",
    "distinct_values",
    "document_count",
    "document_ordinal",
    "document_text",
    "find_span",
    "first_row",
    "get_claim",
    "get_document",
    "history",
    "key_of",
    "last_skipped",
    "last_undoable",
    "list_row",
    "locate_spans",
    "matches",
    "merge_edit",
    "next_document",
    "next_pending",
    "next_row",
    "page",
    "pending_filter",
    "plan_filter",
    "position_in_document",
    "rows_after",
    "rows_before",
    "search",
    "sentence_bounds",
    "status_counts",
    "undo_last",
    "validate_fields",
]
