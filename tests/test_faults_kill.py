"""kill -9 at random moments during ingest, extract, export and a review session.

After every kill the database is checked with SQL: nothing committed is lost, nothing is stored
twice, nothing is half-written; then the command is run again and must finish the work. Kill
times come from a seeded generator (``CLAIMDESK_FAULT_SEED`` to vary it), so a failure can be
replayed. ``bench/faultlib.py`` runs the same checks for as many rounds as you like.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from bench.faultlib import (
    articles,
    check_documents,
    check_export,
    check_extraction,
    check_integrity,
    cli,
    kill_after_commits,
    kill_when_written,
    ro,
    sha256,
    start,
    write_jsonl,
)
from tests.conftest import ROOT, need_corpus
from tui.cli import cli as main_cli

SEED = int(os.environ.get("CLAIMDESK_FAULT_SEED", "20261125"))
#: Documents the extract kills work on, and the batch (one transaction) the runs commit them in:
#: three batches, as 300 documents make with the default batch of 100, at a fifth of the work.
KILL_DOCS = 60
KILL_BATCH = 20


@pytest.fixture(scope="module")
def corpus_dbs(tmp_path_factory) -> dict:
    """300 real articles ingested (``ingested.db``) and the same extracted by one clean run of
    ``claimdesk extract`` (``extracted.db``), with each text's candidate count from that run."""
    need_corpus()
    from db.connection import open_db
    from db.ingest import ingest_file

    tmp = tmp_path_factory.mktemp("kill")
    src = write_jsonl(tmp / "corpus.jsonl", articles(300))
    ingested = tmp / "ingested.db"
    conn = open_db(ingested)
    assert ingest_file(conn, str(src)).added == 300
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    extracted = tmp / "extracted.db"
    shutil.copyfile(ingested, extracted)
    # The clean run in this process (the tests below run and kill the command itself).
    done = CliRunner().invoke(main_cli, ["extract", "--db", str(extracted)])
    assert done.exit_code == 0, done.output
    expected = check_extraction(extracted)
    assert len(expected) == 300 and sum(expected.values()) > 1000
    # The first KILL_DOCS articles ingested alone: the extract kills cut their run, in batches of
    # KILL_BATCH documents (each a transaction, as 100 are by default).
    few = tmp / "few.db"
    conn = open_db(few)
    assert ingest_file(conn, str(write_jsonl(tmp / "few.jsonl", articles(KILL_DOCS)))).added
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    check = ro(few)
    shas = {sha for (sha,) in check.execute("SELECT sha256 FROM documents")}
    check.close()
    few_expected = {sha: n for sha, n in expected.items() if sha in shas}
    assert len(few_expected) == KILL_DOCS
    return {
        "ingested": ingested,
        "extracted": extracted,
        "expected": expected,
        "few": few,
        "few_expected": few_expected,
    }


def _fresh(path: Path, src: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(src, path)
    return path


def test_kill_ingest_never_half_imports_a_file(tmp_path):
    need_corpus()
    rng = random.Random(SEED)
    files: dict[str, list[str]] = {}
    paths = []
    for i in range(6):
        recs = articles(30, offset=i * 30)
        files[f"part{i}.jsonl"] = [r["text"] for r in recs]
        paths.append(str(write_jsonl(tmp_path / f"part{i}.jsonl", recs)))
    # ... and a folder of single-document .txt files
    folder = tmp_path / "txt"
    folder.mkdir()
    for j, rec in enumerate(articles(12, offset=200)):
        (folder / f"{j:02d}.txt").write_text(rec["text"], encoding="utf-8")
        files[f"txt/{j:02d}.txt"] = [rec["text"].rstrip()]
    paths.append(str(folder))
    db = tmp_path / "k.db"
    partial = 0
    for round_ in range(10):
        if round_ % 2 == 0:  # a fresh database every other round, so there is work to cut
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
        # Kill once one or two files are committed (each file is one transaction), at once or
        # a moment later: driven by the import's own progress, not by the clock.
        proc = start("ingest", *paths, "--db", str(db))
        kill_after_commits(proc, db, rng.choice((1, 2)), delay=rng.choice((0, 0, 0.05)))
        if not db.exists():
            continue
        imported = check_documents(db, files)
        partial += 0 < sum(imported.values()) < len(files)
        check_integrity(db)
    # After the kills, one run finishes the work: every file once, none twice.
    done = cli("ingest", *paths, "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert all(check_documents(db, files).values())
    assert partial >= 2, "the kills never landed mid-import; the test proves nothing"


def test_kill_extract_keeps_finished_batches_and_never_doubles(tmp_path, corpus_dbs, monkeypatch):
    rng = random.Random(SEED + 1)
    expected = corpus_dbs["few_expected"]
    db = _fresh(tmp_path / "x.db", corpus_dbs["few"])
    # Three batches of KILL_BATCH documents in every run (the commands read it at start-up).
    monkeypatch.setenv("CLAIMDESK_EXTRACT_BATCH", str(KILL_BATCH))
    mid_run = 0
    for round_ in range(6):
        # Alternate plain runs (carry on where the last one stopped) and --redo runs (replace
        # pending candidates), with one or two worker processes. Each batch of documents is one
        # transaction: kill right after the first or second committed batch, or a moment
        # later — the run's own progress decides, so a busy machine cannot move the kill.
        args = ["extract", "--db", str(db), "--workers", str(1 + round_ % 2)]
        if round_ in (2, 4):
            args.append("--redo")
        commits = 1 if round_ == 0 else rng.choice((1, 2))
        delay = 0 if round_ == 0 else rng.choice((0, 0.05, 0.2))
        killed = kill_after_commits(start(*args), db, commits, delay=delay)
        found = check_extraction(db, expected)
        mid_run += killed and 0 < len(found) < len(expected)
        check_integrity(db)
    done = cli("extract", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert check_extraction(db, expected) == expected
    assert mid_run >= 1, "no kill landed between batches; the test proves nothing"


def test_kill_export_leaves_no_partial_file(tmp_path, corpus_dbs):
    rng = random.Random(SEED + 2)
    db = _fresh(tmp_path / "e.db", corpus_dbs["extracted"])
    claims = sum(corpus_dbs["expected"].values())
    out = tmp_path / "out"
    out.mkdir()
    target = out / "facts.jsonl"
    before = sha256(db)
    whole = cli("export", "--db", str(db), "--status", "any", "--history", "-o", "-")
    assert whole.returncode == 0
    size = len(whole.stdout.encode())
    outcomes = set()
    for _ in range(10):
        target.unlink(missing_ok=True)
        proc = start("export", "--db", str(db), "--status", "any", "--history", "-o", str(target))
        # Kill once the temporary file holds a random share of the export.
        killed = kill_when_written(proc, out, ".facts.jsonl.", int(rng.uniform(0, 0.9) * size))
        exists = check_export(target, claims)  # never the target half-written
        outcomes.add((killed, exists))
        assert exists or killed
    assert (True, False) in outcomes, "no kill landed mid-export"
    # A killed run may leave its hidden temporary file; the next export removes it.
    target.unlink(missing_ok=True)
    assert cli("export", "--db", str(db), "--status", "any", "-o", str(target)).returncode == 0
    assert [p.name for p in out.iterdir()] == ["facts.jsonl"]
    assert sha256(db) == before  # export never writes to the database


DRIVER = r"""
import asyncio, random, sys
from db import review
from tui.app import make_app

async def main(db, seed):
    rng = random.Random(seed)
    app = make_app(db, "kim")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        while True:
            claim = getattr(app.screen, "claim", None)
            if claim is None:
                break
            key = rng.choice("aaaxxu")
            if key == "u":
                target = review.last_undoable(app.conn, "kim")
                if target is None:
                    continue
                # undo gives the claim back the status it had before that decision
                what = f"u {target['claim_id']} {target['status_before']}"
            else:
                what = f"{key} {claim['id']} {'accepted' if key == 'a' else 'rejected'}"
            print("will", what, flush=True)
            await pilot.press(key)
            print("did", what, flush=True)

asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


def replay(expected: dict[int, str], lines: list[str]) -> tuple[set[int], int]:
    """Apply a driver log to ``expected`` (claim -> status); returns (the claim whose action
    was under way when the driver died, if any; how many actions returned)."""
    unsure: set[int] = set()
    done = 0
    for n, line in enumerate(lines):
        parts = line.split()
        if (
            len(parts) != 4
            or parts[0] not in ("will", "did")
            or parts[3] not in ("accepted", "rejected", "pending")
        ):
            # Only the last line can be cut short, by the kill itself, mid-print (seen on a
            # loaded machine: "did"): the action the line before began stays unsure.
            assert n == len(lines) - 1, f"malformed driver line {n}: {line!r}"
            break
        word, _key, claim, status = parts
        if word == "will":
            unsure = {int(claim)}
        else:
            unsure = set()
            done += 1
            expected[int(claim)] = status
    return unsure, done


def test_replay_reads_the_driver_log():
    expected: dict[int, str] = {}
    log = ["will a 5 accepted", "did a 5 accepted", "will x 6 rejected", "did x 6 rejected"]
    log += ["will u 6 pending", "did u 6 pending", "will a 7 accepted"]
    assert replay(expected, log) == ({7}, 3)
    assert expected == {5: "accepted", 6: "pending"}
    # a last line the kill cut short leaves the action it reports unsure
    expected = {}
    assert replay(expected, ["will a 5 accepted", "did"]) == ({5}, 0)
    assert replay(expected, ["will a 5 accepted", "did a 5 accep"]) == ({5}, 0)
    assert expected == {}
    with pytest.raises(AssertionError, match="malformed"):
        replay({}, ["did", "will a 5 accepted"])


def test_kill_review_session_loses_no_decision(tmp_path, corpus_dbs):
    rng = random.Random(SEED + 3)
    db = _fresh(tmp_path / "r.db", corpus_dbs["extracted"])
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    expected: dict[int, str] = {}
    returned = 0
    for session in range(3):
        proc = subprocess.Popen(
            [sys.executable, str(driver), str(db), str(SEED + session)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        # Kill at a random moment once the session is deciding (start-up time varies with load).
        head = []
        deadline = time.monotonic() + 60
        while not any(line.startswith("did") for line in head) and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            head.append(line.rstrip("\n"))
        time.sleep(rng.uniform(0.1, 1.2))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        unsure, done = replay(expected, head + out.splitlines())
        returned += done
        conn = ro(db)
        now = dict(conn.execute("SELECT id, status FROM claims"))
        # Every action whose key returned is on disk; the one under way landed or did not.
        for claim, want in expected.items():
            if claim not in unsure:
                assert now[claim] == want, (session, claim, want, now[claim])
        for claim in unsure:
            expected[claim] = now[claim]
        # The decisions log agrees with every claim's state, and holds each action once.
        last = dict(
            conn.execute(
                "SELECT claim_id, status_after FROM decisions WHERE id IN"
                " (SELECT max(id) FROM decisions GROUP BY claim_id)"
            )
        )
        assert {c: s for c, s in now.items() if c in last or s != "pending"} == last
        logged = conn.execute("SELECT count(*) FROM decisions").fetchone()[0]
        assert logged - returned in (0, 1), (logged, returned)  # + the action cut short
        returned = logged
        conn.close()
        check_integrity(db)
    assert returned >= 5, "the sessions decided almost nothing; the test proves nothing"
