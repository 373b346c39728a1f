"""Re-normalise a claim's time when a reviewer edits its time expression.

The edit form sends every field; a reviewer who rewrites ``time_text`` (目前 -> 4月26日) rarely
rewrites the normalised ``time`` too, which then kept the old value. Here the new expression is
normalised by the extractor's own parser, against the document's date (the database layer,
which cannot import the extractor, empties a stale time instead: :func:`db.fields.merge_edit`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def renormalised(
    changes: Mapping[str, Any], claim: Mapping[str, Any], doc_date: str | None
) -> dict[str, Any]:
    """``changes`` with ``time`` normalised from a changed ``time_text`` when the reviewer left
    ``time`` as it was (a time they typed themselves is kept)."""
    out = dict(changes)
    if "time_text" not in out:
        return out
    new_text = (out.get("time_text") or "").strip()
    if new_text == (claim.get("time_text") or "").strip():
        return out
    if (out.get("time", claim.get("time")) or "") != (claim.get("time") or ""):
        return out  # the reviewer typed a time of their own
    from extractor.hanzi import simplified
    from extractor.numbers import FULLWIDTH
    from extractor.timex import normalise

    out["time"] = normalise(simplified(new_text.translate(FULLWIDTH)), doc_date) if new_text else ""
    return out
