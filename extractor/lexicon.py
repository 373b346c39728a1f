"""Word lists as data: ``extractor/data/NAME.tsv``, loaded once per process.

Each file starts with ``#`` comment lines that say what the list is for and where its entries
come from (a class of words, never the words of one article). Every other non-blank line is one
entry; columns are separated by a tab. :func:`words` gives the first column (:func:`word_set`
as a set), :func:`table` every column.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of ``data/NAME.tsv`` (comments and blank lines skipped), in file order."""
    text = resources.files("extractor").joinpath("data", f"{name}.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(rows)


@cache
def words(name: str) -> tuple[str, ...]:
    """The first column of ``data/NAME.tsv``."""
    return tuple(row[0] for row in table(name))


@cache
def word_set(name: str) -> frozenset[str]:
    """The first column of ``data/NAME.tsv`` as a set (for membership tests)."""
    return frozenset(words(name))
