"""Shared fixtures: every test gets its own temporary database and files."""

from __future__ import annotations

import asyncio
import gc
import os
import time
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


#: The cyclic garbage collector's thresholds in a test process (Python's: 700, 10, 10).
GC_THRESHOLDS = (10_000, 10, 10)


def pytest_configure(config: pytest.Config) -> None:
    """Collect cyclic garbage less often in a test process. A test process keeps some 300,000
    objects alive (Textual's and Rich's bounded caches of strips and styles fill up over the
    tests: 110,000 ``FIFOCache`` objects), and every full collection walks them all: with
    Python's thresholds a full collection ran every few Pilot tests, 0.2 CPU-s each, a fifth
    of the review app tests' CPU time. With these, gen-2 collections went 63 -> 6 over
    test_review_app.py and test_span_mode.py (GC 15.4 -> 6.1 CPU-s, the files 52.9 -> 46.2)
    for 23 MB more peak memory (142 -> 165 MB). Every object is still collected; the tests
    see no difference (a child process starts with Python's own thresholds)."""
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: three test processes per two cores. A Pilot test spends much of its time
    asleep (every pause and key press waits for the app to go idle): with one process per core
    the cores stood idle a quarter of the time (147% CPU on two, 6:08; three: 184%, 4:58)."""
    return max(2, round(1.5 * (os.cpu_count() or 1)))


#: The longest test files, longest first (wall time under ``--durations``, on a busy machine):
#: the workers start them first, so no long file starts while the others are running out of
#: work. Every other file follows in name order.
START_FIRST = (
    "test_review_app.py",
    "test_span_mode.py",
    "test_faults_kill.py",
    "test_alternatives.py",
    "test_review_qa.py",
    "test_bench_keys.py",
    "test_qa_s9.py",
    "test_documents.py",
    "test_faults_storage.py",
    "test_extract_dask.py",
    "test_faults_concurrent.py",
    "test_extract_interrupt.py",
    "test_review_layout.py",
    "test_review_siblings_flags.py",
    "test_review_defects.py",
    "test_span_missed.py",
    "test_span_hints.py",
    "test_extractor_tagger.py",
    "test_faults_input.py",
    "test_issue14_leftovers.py",
    "test_extractor_props.py",
    "test_export.py",
    "test_extractor_imports.py",
)


def _start_rank(item: pytest.Item) -> int:
    name = item.nodeid.removeprefix("tests/").split("::")[0]
    return START_FIRST.index(name) if name in START_FIRST else len(START_FIRST)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The order ``--dist loadfile --no-loadscope-reorder`` (pyproject) hands files to the
    workers: each file goes whole to one worker (its module fixtures, such as a database built
    from the corpus or a Dask cluster, are built once) when one is free, the files of
    :data:`START_FIRST` first (a stable sort: the file order otherwise)."""
    items.sort(key=_start_rank)


def need_corpus() -> Path:
    """The shared real-news corpus, or skip the test when this checkout has none beside it."""
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not present")
    return CORPUS


#: Parsed CSS rules shared by every app one test process starts (see ``css_parsed_once``).
_CSS_RULES: dict[tuple[object, ...], list[object]] = {}


@pytest.fixture(scope="session", autouse=True)
def css_parsed_once():
    """Every app a test starts parses the same CSS (tui/review.tcss and each widget's default
    CSS with the theme's variables) into a new stylesheet: Textual caches a parse per app only.
    Here the parsed rules are kept for the process, keyed by everything the parse reads (the
    text, where it came from, its kind and scope, the variables), so each app gets rules equal
    to those it would have parsed. (An app runs once per process outside the tests.)"""
    import inspect

    from textual.css.stylesheet import Stylesheet

    original = Stylesheet._parse_rules
    expected = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
    if list(inspect.signature(original).parameters) != expected:
        # Another Textual: its private parse is not the one this cache wraps; parse per app.
        yield
        return

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list:
        key = (css, read_from, is_default_rules, tie_breaker, scope,
               tuple(sorted(self._variables.items())))  # fmt: skip
        rules = _CSS_RULES.get(key)
        if rules is None:
            rules = original(self, css, read_from, is_default_rules, tie_breaker, scope)
            _CSS_RULES[key] = rules
        return list(rules)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Stylesheet, "_parse_rules", parse_rules)
        yield


#: How long a settled pause waits for the app's workers at most (a guard, not a timing).
SETTLE_LIMIT = 120.0


@pytest.fixture(autouse=True)
def settled_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """``pilot.pause()`` also waits for the app's thread workers to finish.

    Textual's pause waits until the process looks idle (CPU time), but a review action runs in
    a thread worker that may wait on the disk or a lock: on a busy machine the pause can return
    before the action's outcome is rendered, and the test then reads the screen too early. Here
    a pause (without a delay) returns only once no worker is pending or running and the
    screen has handled what they posted — however long a loaded machine takes.
    """
    from textual.pilot import Pilot
    from textual.worker import WorkerState

    original = Pilot.pause

    async def pause(self: Pilot, delay: float | None = None) -> None:
        await original(self, delay)
        if delay is not None:
            return
        deadline = time.monotonic() + SETTLE_LIMIT
        while time.monotonic() < deadline:
            busy = [
                w for w in self.app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            ]
            if not busy:
                return
            await asyncio.sleep(0.01)
            await original(self, None)

    monkeypatch.setattr(Pilot, "pause", pause)


@pytest.fixture(autouse=True)
def notifications_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification an app raises stays listed for the test (see ``notified``).

    A toast leaves ``app._notifications`` once its timeout (2–5 s of wall time) has passed: on
    a busy machine that can happen between the key that raised it and the test's check.
    """
    from textual.notifications import Notifications

    original = Notifications.add

    def add(self: Notifications, notification):
        self.__dict__.setdefault("raised", []).append(notification)
        return original(self, notification)

    monkeypatch.setattr(Notifications, "add", add)


def notified(app) -> list[str]:
    """The message of every notification ``app`` raised during the test, oldest first
    (including those whose toast has already timed out)."""
    return [str(n.message) for n in app._notifications.__dict__.get("raised", [])]
