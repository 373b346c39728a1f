"""Shared by the subject tests: the subject options the extractor offers a quantity."""

from __future__ import annotations

from extractor.core import extract_with_options


def subject_options(text: str, surface: str) -> dict[str, dict[str, float]]:
    """The subject options (text -> features) of the quantity written ``surface`` in ``text``."""
    for cand, options in extract_with_options(text):
        if cand.quantity_text == surface:
            return {o.text: o.features for o in options}
    raise AssertionError(f"{surface} not found in {text}")
