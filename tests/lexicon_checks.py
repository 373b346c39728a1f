"""What every word list under ``extractor/data/`` holds to, checked by the tests of the rules
that read it."""

from __future__ import annotations

from importlib import resources

from extractor.lexicon import table


def check_lexicon_file(name: str) -> None:
    """``extractor/data/NAME.tsv`` opens with one comment line that says what it is (and has
    no other), and holds at least one row, none twice."""
    text = resources.files("extractor").joinpath("data", f"{name}.tsv").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# ") and len(lines[0]) > 40, name
    assert sum(line.startswith("#") for line in lines) == 1, name
    rows = table(name)
    assert rows and len(set(rows)) == len(rows), name
