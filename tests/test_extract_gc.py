"""The extract command's garbage-collector setting: raised while documents are extracted,
restored after, never switched on when it was off."""

from __future__ import annotations

import gc
import os

import pytest
from click.testing import CliRunner

from db.connection import open_db
from tests.conftest import SEED_ARTICLE
from tui import pipeline
from tui.cli import cli


@pytest.fixture
def thresholds():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


@pytest.mark.parametrize(
    ("before", "during"),
    [
        ((700, 10, 10), (pipeline.GC_THRESHOLD, 10, 10)),  # Python's default: raised
        ((50_000, 5, 3), (50_000, 5, 3)),  # already higher: kept
        ((0, 10, 10), (0, 10, 10)),  # the collector off: stays off
    ],
)
def test_fewer_collections_raises_the_first_threshold(thresholds, before, during):
    gc.set_threshold(*before)
    assert pipeline._fewer_collections() == before
    assert gc.get_threshold() == during


def test_run_extract_restores_the_thresholds(thresholds, tmp_path):
    db_path = tmp_path / "c.db"
    r = CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    gc.set_threshold(700, 10, 10)
    conn = open_db(db_path)
    summary = pipeline.run_extract(conn)
    conn.close()
    assert summary.documents == 1 and summary.added > 0
    assert gc.get_threshold() == (700, 10, 10)


def _threshold_where_extracted(job, doc_progress=None):
    """Stands in for the extractor: reports the collector's first threshold (and the
    process) where the document was extracted, as a failure message the summary keeps."""
    return job[0], f"{gc.get_threshold()[0]} {os.getpid()}"


@pytest.mark.parametrize(
    ("workers", "in_a_worker"),
    [
        (1, False),  # this process extracts
        (2, True),  # forked workers extract: they inherit the raised threshold
    ],
)
def test_the_raised_threshold_holds_where_documents_are_extracted(
    thresholds, tmp_path, monkeypatch, workers, in_a_worker
):
    db_path = tmp_path / "c.db"
    r = CliRunner().invoke(cli, ["ingest", str(SEED_ARTICLE), "--db", str(db_path)])
    assert r.exit_code == 0, r.output
    monkeypatch.setattr(pipeline, "_extract_one", _threshold_where_extracted)
    gc.set_threshold(700, 10, 10)
    conn = open_db(db_path)
    summary = pipeline.run_extract(conn, workers=workers)
    conn.close()
    [(_, said)] = summary.failed
    threshold, pid = (int(x) for x in said.split())
    assert threshold == pipeline.GC_THRESHOLD
    assert (pid != os.getpid()) == in_a_worker
    assert gc.get_threshold() == (700, 10, 10)
