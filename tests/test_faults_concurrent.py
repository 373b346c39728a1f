"""Several writers at once on one database: two ``ingest``s of overlapping files, two ``extract``s,
``export``s, and two reviewer processes calling ``db.review.decide`` on distinct claims.

Afterwards nothing is lost or doubled: every file's documents once, every document's candidates
exactly as a clean run gives them, every decision a reviewer process saw succeed on disk once,
and every export complete.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.faultlib import (
    articles,
    check_documents,
    check_extraction,
    check_integrity,
    cli,
    ro,
    write_jsonl,
)
from tests.conftest import ROOT, need_corpus

#: Articles extracted before the writers start (their claims are decided meanwhile), articles
#: in each of the four files the two ingests import, claims the two reviewers decide, and the
#: extracts' batch (documents per transaction).
BASE_DOCS = 40
NEW_DOCS = 15
DECIDED = 300
EXTRACT_BATCH = 10

DECIDER = r"""
import random, sys
from db.connection import open_db
from db.review import decide

db, reviewer, ids = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3].split(",")]
conn = open_db(db)
rng = random.Random(reviewer)
for claim_id in ids:
    action = rng.choice(["accept", "accept", "reject", "skip"])
    decide(conn, claim_id, reviewer, action)
    print(claim_id, action, flush=True)
"""


def test_concurrent_writers_lose_and_double_nothing(tmp_path):
    need_corpus()
    import hashlib

    import extractor
    from db.connection import open_db
    from db.ingest import ingest_file
    from tui.pipeline import run_extract

    db = tmp_path / "c.db"
    base = articles(BASE_DOCS)
    conn = open_db(db)
    ingest_file(conn, str(write_jsonl(tmp_path / "base.jsonl", base)))
    run_extract(conn)
    claim_ids = [r[0] for r in conn.execute("SELECT id FROM claims ORDER BY id")]
    conn.close()
    assert len(claim_ids) > DECIDED

    files = {"base.jsonl": [r["text"] for r in base]}
    paths = []
    for i in range(4):
        recs = articles(NEW_DOCS, offset=BASE_DOCS + i * NEW_DOCS)
        files[f"new{i}.jsonl"] = [r["text"] for r in recs]
        paths.append(str(write_jsonl(tmp_path / f"new{i}.jsonl", recs)))
    decider = tmp_path / "decider.py"
    decider.write_text(DECIDER)
    half = claim_ids[:DECIDED]

    # The extracts commit every few documents, so their transactions interleave with the
    # others' as big batches over a big import do.
    env = {**os.environ, "CLAIMDESK_EXTRACT_BATCH": str(EXTRACT_BATCH)}

    def claimdesk(*args: str) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "tui.cli", *args, "--db", str(db)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    procs = {
        "ingest-a": claimdesk("ingest", *paths[:3]),
        "ingest-b": claimdesk("ingest", *paths[1:]),
        "extract-a": claimdesk("extract"),
        "extract-b": claimdesk("extract", "--workers", "2"),
        "export-a": claimdesk("export", "--status", "any", "-o", str(tmp_path / "a.jsonl")),
        "review-ann": subprocess.Popen(
            [sys.executable, str(decider), str(db), "ann", ",".join(map(str, half[0::2]))],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
        "review-bob": subprocess.Popen(
            [sys.executable, str(decider), str(db), "bob", ",".join(map(str, half[1::2]))],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ),
    }
    time.sleep(0.5)
    procs["export-b"] = claimdesk(
        "export", "--status", "any", "--history", "-o", str(tmp_path / "b.jsonl")
    )
    outputs = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, (name, err)
        outputs[name] = out
    # Documents ingested after both extractors read their last page are extracted now.
    assert cli("extract", "--db", str(db)).returncode == 0

    assert all(check_documents(db, files).values())
    expected = {}
    for texts in files.values():
        for text in texts:
            expected[hashlib.sha256(text.encode()).hexdigest()] = len(
                extractor.extract(text, "2022-04-27")
            )
    assert check_extraction(db, expected) == expected
    check_integrity(db)

    conn = ro(db)
    for reviewer, name in (("ann", "review-ann"), ("bob", "review-bob")):
        done = [line.split() for line in outputs[name].splitlines()]
        assert len(done) == DECIDED // 2
        logged = conn.execute(
            "SELECT claim_id, action FROM decisions WHERE reviewer = ? ORDER BY id", (reviewer,)
        ).fetchall()
        assert [(int(c), a) for c, a in done] == logged
        for claim_id, action in logged:
            status = conn.execute("SELECT status FROM claims WHERE id = ?", (claim_id,))
            want = {"accept": "accepted", "reject": "rejected", "skip": "pending"}[action]
            assert status.fetchone()[0] == want
    total = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    for name in ("a.jsonl", "b.jsonl"):
        lines = (tmp_path / name).read_text(encoding="utf-8").splitlines()
        ids = [json.loads(line)["claim_id"] for line in lines]
        assert len(ids) == len(set(ids)) and len(claim_ids) <= len(ids) <= total
    assert not [p for p in Path(tmp_path).iterdir() if p.name.endswith(".part")]
