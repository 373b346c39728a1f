"""Corpus scale (issue 15): streaming ingest, the deferred search index, extraction on a cluster.

Usage::

    .venv/bin/python bench/scale.py                       # 300 MB ingest, 2,000-doc extraction
    .venv/bin/python bench/scale.py --ingest-mb 1000      # also the 1 GB file (peak memory)
    .venv/bin/python bench/scale.py --extract-docs 0      # ingest and search only

Everything runs the real command line in a subprocess (start-up included, as a user sees it),
on corpora of real articles built by ``bench/corpus.py`` and cached in ``bench/out/``:

1. ``claimdesk ingest FILE.jsonl`` into a fresh database: wall time, MB/s of the file, peak RSS
   (the child's own ``ru_maxrss``). A large import leaves the trigram index queued.
2. Search correctness on that database, queued and then indexed: for queries of 1, 2, 3, 4 and
   6 characters cut from the texts (and a few absent ones), the documents found by the search
   SQL (trigram index plus a scan of the queued documents, or ``LIKE`` for 1-2 characters) must
   equal a plain ``LIKE`` scan of every document. Then the index fill itself: MB/s.
3. ``claimdesk extract`` on copies of one ingested (and indexed) database of N documents with
   ``--workers 1``, ``--workers 2``, ``--dask local --workers 1`` and ``--dask local --workers
   2``: documents per second, peak memory of the process tree, and the candidates of each run
   compared with the first run's (they must be identical); ``--engines`` picks the engines.

Results: ``bench/out/scale.json`` (and printed).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import write_jsonl  # noqa: E402
from bench.measure import run  # noqa: E402
from bench.run import OUT, _rm_db, corpus, machine  # noqa: E402
from db.schema import fill_search_index  # noqa: E402

CLI = [sys.executable, "-m", "tui.cli"]
MB = 1_000_000


def corpus_of_mb(mb: int) -> tuple[Path, int]:
    """A cached JSONL corpus of about ``mb`` MB of file; returns (path, documents)."""
    if mb == 300:  # bench/run.py's 100k-document corpus: 296 MB of file
        path, meta = corpus(100_000)
        return path, meta["documents"]
    path = OUT / f"corpus-{mb}mb.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if not (path.exists() and meta_path.exists()):
        docs, _ = write_jsonl(path, size_bytes=int(mb * MB * 0.975))
        meta_path.write_text(json.dumps({"documents": docs}) + "\n")
    return path, json.loads(meta_path.read_text())["documents"]


def bench_ingest(path: Path, docs: int, db: Path) -> dict:
    _rm_db(db)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = run([*CLI, "ingest", str(path), "--db", str(db)], cwd=ROOT).check()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    size = path.stat().st_size
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    queued = conn.execute("SELECT count(*) FROM search_pending").fetchone()[0]
    conn.close()
    assert stored == docs, (stored, docs)
    fig = {
        "file_mb": round(size / MB, 1),
        "documents": docs,
        "seconds": round(r.seconds, 2),
        "mb_per_s": round(size / MB / r.seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "mb_per_cpu_s": round(size / MB / cpu, 2),
        "peak_rss_mb": round(r.maxrss_mb, 1),
        "queued_for_index": queued,
        "load_avg_1min_after": _load(),
    }
    print(
        f"ingest {fig['file_mb']:7.1f} MB {docs:7d} docs  {fig['seconds']:7.2f} s"
        f"  {fig['mb_per_s']:6.2f} MB/s ({fig['mb_per_cpu_s']:.2f} MB per CPU second)"
        f"  peak RSS {fig['peak_rss_mb']:6.1f} MB"
        f"  ({queued} documents queued for the search index)"
    )
    return fig


def _queries(conn: sqlite3.Connection, rng: random.Random) -> list[str]:
    """Substrings of real texts (1, 2, 3, 4 and 6 characters) and strings found nowhere."""
    n = conn.execute("SELECT max(id) FROM documents").fetchone()[0]
    out = []
    for length in (1, 2, 3, 4, 6):
        for _ in range(4):
            text = conn.execute(
                "SELECT text FROM documents WHERE id >= ? LIMIT 1", (rng.randint(1, n),)
            ).fetchone()[0]
            i = rng.randrange(max(1, len(text) - length))
            q = text[i : i + length]
            if q.strip() and "\n" not in q and "%" not in q and "_" not in q:
                out.append(q)
    return [*out, "不存在的词语组合", "ZZZ不存在"]


def _found(conn: sqlite3.Connection, q: str) -> set[int]:
    """Documents the search SQL of db/review.py finds (index + queued scan, or LIKE)."""
    like = f"%{q}%"
    if len(q) >= 3:
        phrase = '"' + q.replace('"', '""') + '"'
        rows = conn.execute(
            "SELECT d.id FROM documents_fts f JOIN documents d ON d.id = f.rowid"
            " WHERE documents_fts MATCH ? UNION ALL SELECT id FROM documents"
            " WHERE id IN (SELECT doc_id FROM search_pending) AND (title LIKE ? OR text LIKE ?)",
            (phrase, like, like),
        )
    else:
        rows = conn.execute(
            "SELECT id FROM documents WHERE title LIKE ? OR text LIKE ?", (like, like)
        )
    return {r[0] for r in rows}


def _truth(conn: sqlite3.Connection, q: str) -> set[int]:
    rows = conn.execute("SELECT id, title, text FROM documents")
    low = q.lower()
    return {i for i, title, text in rows if low in text.lower() or low in title.lower()}


def bench_search(db: Path, sample_docs: int) -> dict:
    """Search correct while queued and once indexed; the index fill's speed."""
    work = db.with_name("search.db")
    _rm_db(work)
    src = sqlite3.connect(db)
    dst = sqlite3.connect(work)
    dst.execute("PRAGMA journal_mode = WAL")
    # Search correctness on a sample of the documents (a scan per query over all of them
    # would take longer than the import): the first N, with their queue entries.
    src.backup(dst)
    src.close()
    dst.execute("DELETE FROM documents WHERE id > ?", (sample_docs,))
    dst.commit()
    rng = random.Random(15)
    queries = _queries(dst, rng)
    checks = {"queued": 0, "half": 0, "indexed": 0}
    mismatches: list[str] = []

    def check(stage: str) -> None:
        for q in queries:
            if _found(dst, q) != _truth(dst, q):
                mismatches.append(f"{stage}: {q!r}")
            checks[stage] += 1

    check("queued")
    text_mb = dst.execute("SELECT sum(length(CAST(text AS BLOB))) FROM documents").fetchone()[0]
    dst.isolation_level = None
    dst.execute("BEGIN IMMEDIATE")
    fill_search_index(dst, limit=sample_docs // 2)
    dst.execute("COMMIT")
    check("half")
    t = time.perf_counter()
    cpu = time.process_time()
    dst.execute("BEGIN IMMEDIATE")
    fill_search_index(dst)
    dst.execute("COMMIT")
    fill_s = time.perf_counter() - t
    fill_cpu = time.process_time() - cpu
    check("indexed")
    dst.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')")
    dst.close()
    _rm_db(work)
    fig = {
        "documents": sample_docs,
        "queries": len(queries),
        "lengths": sorted({len(q) for q in queries}),
        "checks": checks,
        "mismatches": mismatches,
        "index_fill_mb_per_s": round(text_mb / 2 / MB / fill_s, 2),
        "index_fill_mb_per_cpu_s": round(text_mb / 2 / MB / fill_cpu, 2),
    }
    print(
        f"search on {sample_docs} docs: {len(queries)} queries of lengths {fig['lengths']}"
        f" x (queued, half indexed, indexed): {len(mismatches)} mismatches;"
        f" trigram index fill {fig['index_fill_mb_per_s']} MB/s of text"
        f" ({fig['index_fill_mb_per_cpu_s']} MB per CPU second)"
    )
    return fig


def _load() -> float:
    with open("/proc/loadavg") as f:
        return float(f.read().split()[0])


def _candidates(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            'SELECT doc_id, start, "end", quantity_text, value, unit, qualifier, subject,'
            ' predicate, object, time, kind, rule FROM claims ORDER BY doc_id, start, "end", rule'
        ).fetchall()
    finally:
        conn.close()


#: The extraction engines compared, by the name ``--engines`` takes.
ENGINES = {
    "w1": ("workers 1", ["--workers", "1"]),
    "w2": ("workers 2", ["--workers", "2"]),
    "dask1": ("dask local, 1 worker", ["--dask", "local", "--workers", "1"]),
    "dask2": ("dask local, 2 workers", ["--dask", "local", "--workers", "2"]),
}


def bench_extract(n_docs: int, engines: list[str] | None = None) -> dict:
    path, _ = corpus(n_docs)
    base = OUT / f"scale-extract-{n_docs}.db"
    _rm_db(base)
    run([*CLI, "ingest", str(path), "--db", str(base)], cwd=ROOT).check()
    # A large import leaves the search index queued: fill it here, so that the runs below
    # measure extraction only.
    conn = sqlite3.connect(base, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    fill_search_index(conn)
    conn.execute("COMMIT")
    conn.close()
    runs = {}
    reference = None
    for name, extra in (ENGINES[e] for e in engines or ENGINES):
        db = OUT / "scale-extract-run.db"
        _rm_db(db)
        shutil.copy(base, db)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = run([*CLI, "extract", "--db", str(db), *extra], cwd=ROOT).check()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cands = _candidates(db)
        if reference is None:
            reference = cands
        runs[name] = {
            "seconds": round(r.seconds, 2),
            "docs_per_s": round(n_docs / r.seconds, 1),
            "cpu_seconds": round(cpu, 2),
            "load_avg_1min_after": _load(),
            "tree_rss_mb": round(r.tree_rss_mb, 1),
            "candidates": len(cands),
            "identical_to_first_run": cands == reference,
        }
        f = runs[name]
        print(
            f"extract {n_docs} docs, {name:22}  {f['seconds']:7.2f} s"
            f"  {f['docs_per_s']:7.1f} docs/s  CPU {f['cpu_seconds']:7.2f} s"
            f" (load {f['load_avg_1min_after']})"
            f"  tree RSS {f['tree_rss_mb']:6.1f} MB  candidates {f['candidates']}"
            f" identical: {f['identical_to_first_run']}"
        )
        _rm_db(db)
    _rm_db(base)
    return {"documents": n_docs, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--ingest-mb", type=int, nargs="*", default=[300])
    ap.add_argument("--search-docs", type=int, default=3000)
    ap.add_argument("--extract-docs", type=int, default=2000)
    ap.add_argument("--out", type=Path, default=OUT / "scale.json")
    ap.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="extraction engines to compare, first one the reference (w1,w2,dask1,dask2)",
    )
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    report: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join(["bench/scale.py", *(argv or sys.argv[1:])]),
        "ingest": [],
    }
    with open("/proc/loadavg") as f:
        report["load_before"] = f.read().split()[:3]
    for mb in args.ingest_mb:
        path, docs = corpus_of_mb(mb)
        db = OUT / f"scale-ingest-{mb}.db"
        report["ingest"].append(bench_ingest(path, docs, db))
        if args.search_docs and mb == args.ingest_mb[0]:
            report["search"] = bench_search(db, args.search_docs)
        _rm_db(db)
    if args.extract_docs:
        engines = args.engines.split(",")
        unknown = sorted(set(engines) - set(ENGINES))
        if unknown:
            ap.error(f"unknown engines: {', '.join(unknown)} (known: {', '.join(ENGINES)})")
        report["extract"] = bench_extract(args.extract_docs, engines)
    with open("/proc/loadavg") as f:
        report["load_after"] = f.read().split()[:3]
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
