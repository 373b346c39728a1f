"""What the quantity tests share: the candidates of a sentence by surface, offsets checked."""

from __future__ import annotations

from extractor import extract


def found(text: str) -> dict[str, object]:
    """The candidates ``extract`` makes of ``text``, by their surface; every candidate's
    offsets point at its surface."""
    cands = extract(text)
    for c in cands:
        assert text[c.start : c.end] == c.quantity_text
    return {c.quantity_text: c for c in cands}
