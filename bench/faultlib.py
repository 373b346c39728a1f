"""Fault injection shared by the fault tests and the soak run: kill -9 at random moments, then
check with SQL that nothing committed was lost, doubled or half-written.

``tests/test_faults_*.py`` run a few rounds of each (fast, in CI); run this file for a soak::

    .venv/bin/python bench/faultlib.py --rounds 50 --seed 1
"""

from __future__ import annotations

import hashlib
import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
CLI = [sys.executable, "-m", "tui.cli"]


def cli(*args: str, timeout: float = 120, **kwargs) -> subprocess.CompletedProcess:
    """Run ``claimdesk ARGS`` to completion (text output captured)."""
    return subprocess.run(
        [*CLI, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, **kwargs
    )


def start(*args: str, **kwargs) -> subprocess.Popen:
    """Start ``claimdesk ARGS`` without waiting."""
    return subprocess.Popen(
        [*CLI, *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **kwargs,
    )


def kill_after(proc: subprocess.Popen, seconds: float) -> bool:
    """``kill -9`` the process after ``seconds`` unless it ended first; True if it was killed."""
    try:
        proc.wait(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return True


def _data_version(path: Path) -> tuple[sqlite3.Connection, int] | None:
    """A read-only connection to ``path`` and its ``PRAGMA data_version``, once the file has its
    whole schema (None before: it is still being created or upgraded)."""
    from db.schema import LATEST

    if not path.exists():
        return None
    try:
        conn = ro(path)
    except sqlite3.Error:
        return None
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] < LATEST:
            conn.close()
            return None
        return conn, conn.execute("PRAGMA data_version").fetchone()[0]
    except sqlite3.Error:
        conn.close()
        return None


def kill_after_commits(
    proc: subprocess.Popen, db: Path, commits: int = 1, *, delay: float = 0.0, timeout=300
) -> bool:
    """``kill -9`` the process once it has committed ``commits`` transactions to ``db`` (seen
    through ``PRAGMA data_version``), ``delay`` seconds later; True if it was killed, False if
    it ended first. Driven by the process's own progress, so a busy machine only makes the
    wait longer, never moves the kill to another stage of the work."""
    deadline = time.monotonic() + timeout
    watch = None
    seen = 0
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if watch is None:
                watch = _data_version(db)
            else:
                conn, last = watch
                try:
                    now = conn.execute("PRAGMA data_version").fetchone()[0]
                except sqlite3.Error:
                    now = last
                if now != last:
                    seen += 1
                    watch = (conn, now)
                    if seen >= commits:
                        break
            time.sleep(0.005)
    finally:
        if watch is not None:
            watch[0].close()
    return kill_after(proc, delay)


def kill_when_written(
    proc: subprocess.Popen, folder: Path, prefix: str, size: int, *, timeout=300
) -> bool:
    """``kill -9`` the process once a file in ``folder`` named ``prefix...`` holds ``size``
    bytes (an export's temporary file); True if it was killed, False if it ended first."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        for p in folder.iterdir():
            if p.name.startswith(prefix):
                try:
                    if p.stat().st_size >= size:
                        return kill_after(proc, 0)
                except FileNotFoundError:
                    pass
        time.sleep(0.002)
    return kill_after(proc, 0)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def articles(n: int, *, offset: int = 0) -> list[dict]:
    """``n`` real articles from the shared corpus (id, text, date), starting at ``offset``."""
    out: list[dict] = []
    with CORPUS.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i < offset:
                continue
            if len(out) >= n:
                break
            rec = json.loads(line)
            # as claimdesk stores it: \n line ends, no trailing whitespace
            text = rec["text"].replace("\r\n", "\n").replace("\r", "\n").rstrip()
            out.append({"id": rec["id"], "text": text, "date": "2022-04-27"})
    return out


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def ro(path: Path) -> sqlite3.Connection:
    """A plain read-only connection (no claimdesk code in the way of the checks)."""
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def check_integrity(path: Path) -> None:
    conn = ro(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


def check_documents(path: Path, files: dict[str, list[str]]) -> dict[str, bool]:
    """Every document once (by text hash), and each file's documents all present or none.

    Args:
        path: the database.
        files: file name -> the texts it holds.

    Returns:
        file name -> whether it was imported.
    """
    conn = ro(path)
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            # killed while creating the file: the schema is built in one transaction
            assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
            return dict.fromkeys(files, False)
        hashes = [r[0] for r in conn.execute("SELECT sha256 FROM documents")]
        assert len(hashes) == len(set(hashes)), "a document was stored twice"
        stored = set(hashes)
        imported = {}
        for name, texts in files.items():
            present = [hashlib.sha256(t.encode()).hexdigest() in stored for t in texts]
            # Files never share texts here, so a partly present file is a half-written import.
            assert all(present) or not any(present), f"{name}: {sum(present)}/{len(texts)} stored"
            imported[name] = all(present)
        assert len(stored) == sum(len(files[n]) for n, ok in imported.items() if ok)
        return imported
    finally:
        conn.close()


def check_extraction(path: Path, expected: dict[str, int] | None = None) -> dict[str, int]:
    """A document marked extracted has its candidates; one not marked has none; no doubles.

    Args:
        path: the database.
        expected: sha256 -> the number of candidates a clean, uninterrupted run gives that text
            (when known), checked for every extracted document.

    Returns:
        sha256 -> candidates, for the documents marked extracted.
    """
    conn = ro(path)
    try:
        doubles = conn.execute(
            'SELECT doc_id, start, "end", count(*) FROM claims'
            ' GROUP BY doc_id, start, "end" HAVING count(*) > 1'
        ).fetchall()
        assert doubles == [], f"claims doubled: {doubles[:5]}"
        orphans = conn.execute(
            "SELECT count(*) FROM claims c JOIN documents d ON d.id = c.doc_id"
            " WHERE d.extracted_version IS NULL AND c.origin = 'extractor'"
        ).fetchone()[0]
        assert orphans == 0, f"{orphans} candidates of documents not marked extracted"
        found = dict(
            conn.execute(
                "SELECT d.sha256, count(c.id) FROM documents d LEFT JOIN claims c"
                " ON c.doc_id = d.id AND c.origin = 'extractor'"
                " WHERE d.extracted_version IS NOT NULL GROUP BY d.id"
            ).fetchall()
        )
        if expected is not None:
            wrong = {h: (n, expected[h]) for h, n in found.items() if expected.get(h) != n}
            assert not wrong, (
                f"documents with missing or extra candidates: {list(wrong.values())[:5]}"
            )
        return found
    finally:
        conn.close()


def check_export(target: Path, expected_lines: int) -> bool:
    """The export target is absent, or complete valid JSONL; no temporary file is left over
    except by a killed run (which only ever leaves ``.NAME.*.part``). True if it exists."""
    for p in target.parent.iterdir():
        if p.name.startswith(target.name) and p != target:
            raise AssertionError(f"stray file beside the export: {p.name}")
    if not target.exists():
        return False
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == expected_lines, (len(lines), expected_lines)
    for line in lines:
        rec = json.loads(line)
        assert rec["claim_id"] and rec["quantity_text"]
    return True


def soak(rounds: int, seed: int, workdir: Path) -> None:
    """``rounds`` times, on a fresh database: kill -9 ``claimdesk ingest`` after a random number
    of committed files, check, finish it; kill -9 ``claimdesk extract`` after a random number of
    committed batches, check, finish it; check that every document then has exactly the
    candidates of an uninterrupted run."""
    rng = random.Random(seed)
    workdir.mkdir(parents=True, exist_ok=True)
    files = {}
    for i in range(8):
        recs = articles(40, offset=i * 40)
        files[f"part{i}.jsonl"] = [r["text"] for r in recs]
        write_jsonl(workdir / f"part{i}.jsonl", recs)
    paths = [str(workdir / n) for n in files]
    clean = workdir / "clean.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{clean}{suffix}").unlink(missing_ok=True)
    assert cli("ingest", *paths, "--db", str(clean)).returncode == 0
    assert cli("extract", "--db", str(clean)).returncode == 0
    expected = check_extraction(clean)
    db = workdir / "soak.db"
    for r in range(rounds):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        # Kills follow the work's own progress (each file, each batch is one commit).
        killed = kill_after_commits(
            start("ingest", *paths, "--db", str(db)),
            db,
            rng.randint(1, len(files)),
            delay=rng.choice((0, 0.01, 0.1)),
        )
        if db.exists():
            check_documents(db, files)
        assert cli("ingest", *paths, "--db", str(db)).returncode == 0
        assert all(check_documents(db, files).values())
        workers = str(rng.choice((1, 2)))
        args = ("extract", "--db", str(db), "--workers", workers)
        killed2 = kill_after_commits(
            start(*args), db, rng.randint(1, 3), delay=rng.choice((0, 0.05, 0.3))
        )
        check_extraction(db, expected)
        check_integrity(db)
        assert cli("extract", "--db", str(db)).returncode == 0
        assert check_extraction(db, expected) == expected
        what = (f"ingest {'killed' if killed else 'done'}, extract --workers {workers}"
                f" {'killed' if killed2 else 'done'}")  # fmt: skip
        print(f"round {r + 1}: {what}: ok", flush=True)
    print("soak passed")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--dir", type=Path, default=ROOT / "bench" / "out" / "soak")
    a = ap.parse_args()
    print(f"seed {a.seed}")
    soak(a.rounds, a.seed, a.dir)
