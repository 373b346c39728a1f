"""Shared fixtures: every test gets its own temporary database and files."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.connection import open_db

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED_ARTICLE = SEEDS / "000_b654cfa59472666d.txt"
#: ../shared next to the checkout (gold files and the real-news corpus), when present.
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "thucnews_sample.jsonl"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database file path in this test's own temporary folder (not yet created)."""
    return tmp_path / "test.db"


@pytest.fixture
def conn(db_path: Path):
    """An open, migrated, empty database."""
    c = open_db(db_path)
    yield c
    c.close()


@pytest.fixture
def seed_text() -> str:
    return SEED_ARTICLE.read_text(encoding="utf-8").rstrip()


def need_corpus() -> Path:
    """The shared real-news corpus, or skip the test when this checkout has none beside it."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present")
    return CORPUS
