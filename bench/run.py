"""One harness for every figure: ingest, extract, review and export at 1k, 10k and 100k documents.

Usage::

    .venv/bin/python bench/run.py                              # 1k, 10k, 100k docs + 1M claims
    .venv/bin/python bench/run.py --sizes 1000 --review-claims 0   # a quick look

For each size N the harness builds (once; cached in ``bench/out/``) a JSONL corpus of N real
articles (``bench/corpus.py``: seeds/ and ``../shared/corpus/thucnews_sample.jsonl``, repeated
with an edition marker), then runs the real command line in a subprocess, as a user would:

1. ``claimdesk ingest corpus.jsonl`` into a fresh database, then again (every text a duplicate),
   and the same documents as a folder of JSONL files of 1,000 documents into another one;
2. ``claimdesk extract --workers 1`` on that database and ``--workers 2`` on a copy of it, and
   plain ``jieba.cut`` over the same texts in a process of its own (the floor of any jieba
   pipeline), for the ratio;
3. the review app (``tui.app.make_app``, driven headless by ``bench/review.py``'s ``measure``)
   on the extracted database: start-up and accept-to-next-claim latency;
4. ``claimdesk export --status any -o FILE`` of every claim, checked line by line.

With ``--review-claims 1000000`` the review and export figures are also taken on the synthetic
1M-claim database of ``bench/review.py`` (real texts, one claim per number), since 100k real
articles give fewer than a million candidates.

Every child's wall time, its own peak RSS (``wait4``) and the peak RSS of its process tree
(sampled from /proc) are recorded. Results go to ``bench/out/results.json`` and are rendered as
``bench/RESULTS.md`` (``--no-md`` to leave it alone).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.corpus import DEFAULT_CORPUS, write_jsonl  # noqa: E402
from bench.measure import run  # noqa: E402

OUT = ROOT / "bench" / "out"
PY = sys.executable
CLI = [PY, "-m", "tui.cli"]


def _rm_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def corpus(n_docs: int) -> tuple[Path, dict]:
    """The cached JSONL corpus of ``n_docs`` documents and its size (built when missing)."""
    path = OUT / f"corpus-{n_docs}.jsonl"
    meta_path = path.with_suffix(".meta.json")
    if path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("documents") == n_docs and meta.get("file_bytes") == path.stat().st_size:
            return path, meta
    t = time.perf_counter()
    docs, text_bytes = write_jsonl(path, n_docs=n_docs)
    meta = {
        "documents": docs,
        "text_bytes": text_bytes,
        "file_bytes": path.stat().st_size,
        "build_s": round(time.perf_counter() - t, 1),
    }
    meta_path.write_text(json.dumps(meta) + "\n")
    return path, meta


def split_corpus(corpus_path: Path, per_file: int = 1000) -> Path:
    """The same corpus as a folder of JSONL files of ``per_file`` documents (built once)."""
    folder = corpus_path.with_name(corpus_path.stem + "-split")
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    with corpus_path.open(encoding="utf-8") as f:
        out: TextIO | None = None
        for n, line in enumerate(f):
            if n % per_file == 0:
                if out:
                    out.close()
                out = (folder / f"part-{n // per_file:04d}.jsonl").open("w", encoding="utf-8")
            assert out is not None  # opened at line 0
            out.write(line)
        if out:
            out.close()
    done.write_text("")
    return folder


def _scalar(conn, sql: str) -> int:
    return conn.execute(sql).fetchone()[0]


def db_counts(path: Path) -> dict:
    """Documents, extracted documents and claims in a database, and its size."""
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            "documents": _scalar(conn, "SELECT count(*) FROM documents"),
            "extracted": _scalar(
                conn, "SELECT count(*) FROM documents WHERE extracted_version IS NOT NULL"
            ),
            "claims": _scalar(conn, "SELECT count(*) FROM claims"),
            "db_mb": round(path.stat().st_size / 1e6, 1),
        }
    finally:
        conn.close()


def _fig(r, **extra) -> dict:
    return {
        "seconds": round(r.seconds, 2),
        "maxrss_mb": round(r.maxrss_mb, 1),
        "tree_rss_mb": round(r.tree_rss_mb, 1),
        **extra,
    }


def bench_ingest(corpus_path: Path, meta: dict, db: Path) -> dict:
    _rm_db(db)
    first = run([*CLI, "ingest", str(corpus_path), "--db", str(db)], cwd=ROOT).check()
    again = run([*CLI, "ingest", str(corpus_path), "--db", str(db)], cwd=ROOT).check()
    counts = db_counts(db)
    assert counts["documents"] == meta["documents"], (counts, meta)
    mb = meta["text_bytes"] / 1e6
    # The same documents as files of 1,000 (one transaction and one file in memory at a time).
    split_db = db.with_name(db.stem + "-split.db")
    _rm_db(split_db)
    folder = split_corpus(corpus_path)
    split = run([*CLI, "ingest", str(folder), "--db", str(split_db)], cwd=ROOT).check()
    assert db_counts(split_db)["documents"] == meta["documents"]
    _rm_db(split_db)
    return {
        **_fig(first),
        "mb_per_s": round(mb / first.seconds, 2),
        "docs_per_s": round(meta["documents"] / first.seconds),
        "us_per_doc": round(first.seconds / meta["documents"] * 1e6),
        "rerun_all_duplicates": _fig(again),
        "db_mb": counts["db_mb"],
        "split_files_of_1000": {
            **_fig(split),
            "mb_per_s": round(mb / split.seconds, 2),
            "us_per_doc": round(split.seconds / meta["documents"] * 1e6),
        },
    }


def bench_extract(db: Path, workers: int, text_bytes: int) -> dict:
    r = run([*CLI, "extract", "--db", str(db), "--workers", str(workers)], cwd=ROOT).check()
    counts = db_counts(db)
    assert counts["extracted"] == counts["documents"], counts
    kb = text_bytes / 1024
    return {
        **_fig(r),
        "kb_per_s": round(kb / r.seconds, 1),
        "ms_per_doc": round(r.seconds / counts["documents"] * 1000, 3),
        "claims": counts["claims"],
        "summary": r.stdout.strip().splitlines()[-1],
    }


def bench_jieba(corpus_path: Path, max_mb: float) -> dict:
    """Plain ``jieba.cut`` over the corpus texts (up to ``max_mb``), in its own process."""
    r = run([PY, __file__, "--jieba", str(corpus_path), "--jieba-mb", str(max_mb)], cwd=ROOT)
    r.check()
    fig = json.loads(r.stdout.strip().splitlines()[-1])
    return {**fig, "maxrss_mb": round(r.maxrss_mb, 1)}


def _jieba_child(corpus_path: Path, max_mb: float) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts, size = [], 0
    with corpus_path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            texts.append(text)
            size += len(text.encode("utf-8"))
            if size >= max_mb * 1e6:
                break
    t = time.perf_counter()
    for text in texts:
        list(jieba.cut(text))
    seconds = time.perf_counter() - t
    print(
        json.dumps(
            {
                "documents": len(texts),
                "mb": round(size / 1e6, 2),
                "seconds": round(seconds, 2),
                "kb_per_s": round(size / 1024 / seconds, 1),
            }
        )
    )


def bench_review(db: Path, accepts: int) -> dict:
    """Start-up and accept-to-next latency on ``db``, in a process of its own."""
    r = run([PY, __file__, "--review-db", str(db), "--accepts", str(accepts)], cwd=ROOT).check()
    fig = json.loads(r.stdout.strip().splitlines()[-1])
    return {**fig, "process_seconds": round(r.seconds, 1), "maxrss_mb": round(r.maxrss_mb, 1)}


def _review_child(db: Path, accepts: int) -> None:
    from bench.review import measure

    print(json.dumps(asyncio.run(measure(db, accepts))))


def bench_export(db: Path, target: Path) -> dict:
    target.unlink(missing_ok=True)
    r = run(
        [*CLI, "export", "--db", str(db), "--status", "any", "-o", str(target), "--force"],
        cwd=ROOT,
    ).check()
    claims = db_counts(db)["claims"]
    lines = 0
    with target.open(encoding="utf-8") as f:
        for line in f:
            json.loads(line)
            lines += 1
    assert lines == claims, (lines, claims)
    mb = target.stat().st_size / 1e6
    target.unlink()
    return {
        **_fig(r),
        "claims": claims,
        "claims_per_s": round(claims / r.seconds),
        "us_per_claim": round(r.seconds / max(claims, 1) * 1e6, 1),
        "output_mb": round(mb, 1),
    }


def run_size(n_docs: int, args) -> dict:
    """Every figure for one corpus size."""
    t0 = time.perf_counter()
    corpus_path, meta = corpus(n_docs)
    db = OUT / f"run-{n_docs}.db"
    db2 = OUT / f"run-{n_docs}-w2.db"
    res: dict = {"documents": n_docs, "corpus": meta}
    print(f"[{n_docs}] corpus {meta['text_bytes'] / 1e6:.1f} MB", flush=True)
    res["ingest"] = bench_ingest(corpus_path, meta, db)
    print(f"[{n_docs}] ingest {res['ingest']['mb_per_s']} MB/s", flush=True)
    _rm_db(db2)
    # The database is idle and checkpointed by the CLI's close; copy the main file.
    shutil.copyfile(db, db2)
    res["extract_w1"] = bench_extract(db, 1, meta["text_bytes"])
    print(f"[{n_docs}] extract w1 {res['extract_w1']['kb_per_s']} KB/s", flush=True)
    res["extract_w2"] = bench_extract(db2, 2, meta["text_bytes"])
    print(f"[{n_docs}] extract w2 {res['extract_w2']['kb_per_s']} KB/s", flush=True)
    _rm_db(db2)
    res["jieba_cut"] = bench_jieba(corpus_path, args.jieba_mb)
    jk = res["jieba_cut"]["kb_per_s"]
    for key in ("extract_w1", "extract_w2"):
        res[key]["ratio_to_jieba_cut"] = round(res[key]["kb_per_s"] / jk, 2)
    print(f"[{n_docs}] jieba.cut {jk} KB/s", flush=True)
    res["review"] = bench_review(db, args.accepts)
    print(f"[{n_docs}] review {res['review']['accept_to_next_ms_median']} ms", flush=True)
    res["export"] = bench_export(db, OUT / f"export-{n_docs}.jsonl")
    print(f"[{n_docs}] export {res['export']['claims_per_s']} claims/s", flush=True)
    res["db"] = db_counts(db)
    res["harness_seconds"] = round(time.perf_counter() - t0, 1)
    if not args.keep:
        _rm_db(db)
    return res


def run_million(n_claims: int, args) -> dict:
    """Review and export on ``bench/review.py``'s synthetic database of ``n_claims`` claims."""
    from bench.review import build_db

    t0 = time.perf_counter()
    db = OUT / f"review-{n_claims}.db"
    built = None
    if not db.exists():
        t = time.perf_counter()
        build_db(db, n_claims)
        built = round(time.perf_counter() - t, 1)
    res: dict = {"claims": n_claims, "build_s": built, "db": db_counts(db)}
    res["review"] = bench_review(db, args.accepts)
    print(f"[{n_claims} claims] review {res['review']['accept_to_next_ms_median']} ms", flush=True)
    res["export"] = bench_export(db, OUT / f"export-{n_claims}-claims.jsonl")
    print(f"[{n_claims} claims] export {res['export']['claims_per_s']} claims/s", flush=True)
    res["harness_seconds"] = round(time.perf_counter() - t0, 1)
    return res


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "sqlite": __import__("sqlite3").sqlite_version,
    }


def git_head() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="documents per corpus")
    ap.add_argument(
        "--review-claims",
        type=int,
        default=1_000_000,
        help="also review/export the synthetic DB of this many claims (0: skip)",
    )
    ap.add_argument("--accepts", type=int, default=200, help="accept-to-next steps timed")
    ap.add_argument(
        "--jieba-mb", type=float, default=30.0, help="at most this many MB for plain jieba.cut"
    )
    ap.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    ap.add_argument("--no-md", action="store_true", help="do not rewrite bench/RESULTS.md")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    ap.add_argument("--jieba", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--review-db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.jieba:
        _jieba_child(args.jieba, args.jieba_mb)
        return 0
    if args.review_db:
        _review_child(args.review_db, args.accepts)
        return 0

    OUT.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    started = datetime.now(UTC)
    sizes: list[dict] = []
    report: dict[str, object] = {
        "date": started.isoformat(timespec="seconds"),
        "machine": machine(),
        "command": " ".join(["bench/run.py", *(argv if argv is not None else sys.argv[1:])]),
        "commit": git_head(),
        "load_at_start": os.getloadavg(),
        "corpus_source": f"seeds/ + {DEFAULT_CORPUS.relative_to(ROOT.parent)}",
        "sizes": sizes,
        "million": None,
    }
    for n in (int(s) for s in args.sizes.split(",") if s):
        sizes.append(run_size(n, args))
        args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    if args.review_claims:
        report["million"] = run_million(args.review_claims, args)
    report["load_at_end"] = os.getloadavg()
    report["total_seconds"] = round(time.perf_counter() - t0, 1)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"results in {args.out} ({report['total_seconds']} s)")
    if not args.no_md:
        from bench.report import write_markdown

        write_markdown(report, ROOT / "bench" / "RESULTS.md")
        print(f"table in {ROOT / 'bench' / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
