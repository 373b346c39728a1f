"""claimdesk extract and eval through the CLI: idempotence, re-extraction, workers, gold."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3

import pytest
from click.testing import CliRunner

from db.connection import open_db
from extractor import nlp
from tests.conftest import SEED_ARTICLE, SHARED
from tui import pipeline
from tui.cli import cli

SEED_GOLD = SHARED / "gold" / "seed_claims.jsonl"


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def seeded(db_path):
    r = invoke("ingest", SEED_ARTICLE, "--db", db_path)
    assert r.exit_code == 0, r.output
    return db_path


def claims(db_path) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        'SELECT quantity_text, start, "end", value, unit, status FROM claims ORDER BY start, id'
    ).fetchall()
    conn.close()
    return rows


def test_extract_stores_exact_offsets(seeded, seed_text):
    r = invoke("extract", "--db", seeded)
    assert r.exit_code == 0, r.output
    assert "1 document extracted" in r.output
    rows = claims(seeded)
    assert len(rows) >= 10
    for qt, start, end, *_ in rows:
        assert seed_text[start:end] == qt
    conn = sqlite3.connect(seeded)
    for s, e, ss, se in conn.execute(
        'SELECT start, "end", sentence_start, sentence_end FROM claims'
    ):
        assert ss <= s < e <= se
    version = conn.execute("SELECT extracted_version FROM documents").fetchone()[0]
    assert (
        version
        and conn.execute(
            "SELECT count(*) FROM claims WHERE extractor_version != ?", (version,)
        ).fetchone()[0]
        == 0
    )


def test_rerun_never_duplicates(seeded):
    invoke("extract", "--db", seeded)
    first = claims(seeded)
    r = invoke("extract", "--db", seeded)
    assert r.exit_code == 0
    assert "nothing to extract" in r.output
    assert claims(seeded) == first
    r = invoke("extract", "--db", seeded, "--redo")
    assert r.exit_code == 0, r.output
    assert claims(seeded) == first


def test_redo_keeps_decided_claims(seeded):
    invoke("extract", "--db", seeded)
    conn = open_db(seeded)
    first, second = conn.execute("SELECT id FROM claims ORDER BY start LIMIT 2").fetchall()
    conn.execute(
        "UPDATE claims SET status = 'rejected', reviewer = 'r', decided_at = 't', value = 42"
        " WHERE id = ?",
        (first[0],),
    )
    conn.execute(
        "INSERT INTO decisions (claim_id, reviewer, action, status_after, at)"
        " VALUES (?, 'r', 'reject', 'rejected', 't')",
        (first[0],),
    )
    # a skipped claim stays pending but has a decision: it must survive too
    conn.execute(
        "INSERT INTO decisions (claim_id, reviewer, action, status_after, at)"
        " VALUES (?, 'r', 'skip', 'pending', 't')",
        (second[0],),
    )
    # pretend an older extractor version made the candidates
    conn.execute("UPDATE documents SET extracted_version = '0.0.1'")
    conn.close()
    before = len(claims(seeded))
    r = invoke("extract", "--db", seeded)
    assert r.exit_code == 0, r.output
    assert "1 document extracted" in r.output
    assert len(claims(seeded)) == before  # kept claims are not proposed again
    conn = sqlite3.connect(seeded)
    kept = conn.execute("SELECT status, value FROM claims WHERE id = ?", (first[0],)).fetchone()
    assert kept == ("rejected", 42)
    assert conn.execute("SELECT count(*) FROM claims WHERE id = ?", (second[0],)).fetchone()[0]


def test_workers_give_the_same_claims(tmp_path, monkeypatch):
    from tests.conftest import need_corpus

    corpus = need_corpus()
    sample = tmp_path / "sample.jsonl"
    with corpus.open(encoding="utf-8") as f:
        sample.write_text("".join(next(f) for _ in range(12)), encoding="utf-8")
    # auto: two workers here, whatever the machine (12 documents are past the threshold).
    monkeypatch.setattr(pipeline, "AUTO_MIN_DOCUMENTS", 10)
    monkeypatch.setattr(pipeline, "AUTO_MIN_DOCUMENTS_SPAWNED", 10)
    monkeypatch.setattr(pipeline, "cores", lambda: 2)
    started: list[int] = []
    real_local = pipeline._Local

    def counting_local(workers, *args, **kwargs):
        started.append(workers)
        return real_local(workers, *args, **kwargs)

    monkeypatch.setattr(pipeline, "_Local", counting_local)
    results = []
    for workers in (1, 2, "auto", None):
        db = tmp_path / f"w{workers}.db"
        invoke("ingest", sample, "--db", db)
        args = ["extract", "--db", db] + (["--workers", workers] if workers is not None else [])
        r = invoke(*args)
        assert r.exit_code == 0, r.output
        assert "12 documents extracted" in r.output
        results.append(claims(db))
    assert started == [1, 2, 2, 2]  # the default is auto
    assert all(r == results[0] for r in results) and results[0]


def test_auto_workers_are_one_per_core_for_enough_documents_only(monkeypatch):
    monkeypatch.setattr(pipeline, "cores", lambda: 4)
    assert pipeline.auto_workers(pipeline.AUTO_MIN_DOCUMENTS) == 4
    assert pipeline.auto_workers(pipeline.AUTO_MIN_DOCUMENTS - 1) == 1
    assert pipeline.auto_workers(1) == 1
    assert pipeline.auto_workers(10_000, ner="lac") == 1  # its own threads
    assert pipeline.auto_workers(1, dask="local") == 4  # a local cluster: one per core
    assert pipeline.auto_workers(10_000, dask="tcp://host:8786") == 4
    monkeypatch.setattr(pipeline, "cores", lambda: 64)
    assert pipeline.auto_workers(10_000) == pipeline.AUTO_MAX_WORKERS
    # Where workers are spawned (each loads the dictionaries) a pool pays from more documents.
    monkeypatch.setattr(pipeline, "can_fork", lambda: False)
    assert pipeline.auto_workers(pipeline.AUTO_MIN_DOCUMENTS) == 1
    assert pipeline.auto_workers(pipeline.AUTO_MIN_DOCUMENTS_SPAWNED) == pipeline.AUTO_MAX_WORKERS
    monkeypatch.undo()
    assert pipeline.cores() >= 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x", "'x' is neither a number of processes nor 'auto'"),
        ("0", "0 is not between 1 and 64 (or 'auto')"),
        ("65", "65 is not between 1 and 64 (or 'auto')"),
        ("", "'' is neither a number of processes nor 'auto'"),
    ],
)
def test_bad_workers_are_one_line_and_extract_nothing(seeded, value, message):
    before = claims(seeded)
    r = invoke("extract", "--db", seeded, "--redo", "--workers", value)
    assert r.exit_code == 2
    assert f"Error: Invalid value for '--workers': {message}" in r.output
    assert "Traceback" not in r.output
    assert claims(seeded) == before


def test_userdict(seeded, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("区域工协 10 nt\n", encoding="utf-8")
    r = invoke("extract", "--db", seeded, "--userdict", words)
    assert r.exit_code == 0, r.output
    r = invoke("extract", "--db", seeded, "--userdict", tmp_path / "missing.txt")
    assert r.exit_code == 2 and "does not exist" in r.output


def test_extract_on_empty_or_missing_database(tmp_path):
    """A missing database (a mistyped --db) is said in one line and never created (it was
    created empty and the run said "every document is extracted"); an empty one says so."""
    missing = tmp_path / "missing.db"
    r = invoke("extract", "--db", missing)
    assert r.exit_code == 1 and f"Error: {missing}: no such database" in r.output
    assert not missing.exists()
    empty = tmp_path / "empty.db"
    open_db(empty).close()
    r = invoke("extract", "--db", empty)
    assert r.exit_code == 0 and "nothing to extract" in r.output and "no documents" in r.output
    r = invoke("extract", "--db", tmp_path / "no" / "x.db")
    assert r.exit_code == 1 and "no such database" in r.output


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared gold not present")
def test_eval_on_seed_gold(seeded):
    invoke("extract", "--db", seeded)
    r = invoke("eval", SEED_GOLD, "--db", seeded, "--json")
    assert r.exit_code == 0, r.output
    report = json.loads(r.output)
    assert report["recall"] >= 0.95
    assert report["precision"] >= 0.90
    r = invoke("eval", SEED_GOLD, "--db", seeded)
    assert r.exit_code == 0 and "recall" in r.output.lower()


def test_eval_bad_input(seeded, tmp_path):
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc": "x", "surface": "1"}\n', encoding="utf-8")
    r = invoke("eval", bad, "--db", seeded)
    assert r.exit_code == 1 and f"{bad}:1: missing field 'start'" in r.output
    bad.write_text("not json\n", encoding="utf-8")
    r = invoke("eval", bad, "--db", seeded)
    assert r.exit_code == 1 and f"{bad}:1: malformed JSON" in r.output
    other = tmp_path / "other.jsonl"
    other.write_text(
        '{"doc": "elsewhere.txt", "surface": "1", "start": 0, "end": 1, "claim": true}\n',
        encoding="utf-8",
    )
    r = invoke("eval", other, "--db", seeded)
    assert r.exit_code == 1 and "none of the 1 gold documents" in r.output
    r = invoke("eval", tmp_path / "absent.jsonl", "--db", seeded)
    assert r.exit_code == 1 and "cannot read" in r.output


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="shared gold not present")
def test_eval_split_part_and_bad_split(seeded, tmp_path):
    invoke("extract", "--db", seeded)
    split = tmp_path / "split.json"
    seed_doc = SEED_ARTICLE.name
    split.write_text(json.dumps({"train": [seed_doc], "test": ["other"]}), encoding="utf-8")
    r = invoke("eval", SEED_GOLD, "--db", seeded, "--split", split, "--part", "train")
    assert r.exit_code == 0, r.output
    assert "accept-as-is" in r.output
    r = invoke("eval", SEED_GOLD, "--db", seeded, "--split", split, "--part", "test")
    assert r.exit_code == 1 and "no gold records in part 'test'" in r.output
    r = invoke("eval", SEED_GOLD, "--db", seeded, "--split", split, "--part", "dev")
    assert r.exit_code == 1 and "no list of article ids named 'dev'" in r.output
    assert "Traceback" not in r.output


def test_workers_fork_after_the_dictionaries_are_loaded():
    """Where the system can fork, the workers are forked from a process that has loaded the
    tagger and the model already, and extract what this process does."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this system: the workers are spawned")
    jobs = [
        (1, "甲公司2023年营业收入达到120亿元，同比增长15%。", "2024-03-01"),
        (2, "乙市去年接待游客3000万人次，旅游收入达到260亿元。", None),
    ]
    engine = pipeline._Local(2, None)
    try:
        assert engine.pool is not None and engine.pool._ctx.get_start_method() == "fork"
        assert nlp._loaded  # loaded before the fork, not once per worker
        forked = list(engine.results([jobs]))
    finally:
        engine.close()
    assert forked == [pipeline._extract_one(job) for job in jobs]
    assert all(rows for _, rows in forked)
