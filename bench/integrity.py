"""What the integrity check costs a command that writes: ``PRAGMA quick_check`` at 10k, 100k and
1M claims, and the open of a write connection when the file is remembered as sound (sealed) and
when it is not.

A command that writes (``ingest``, ``extract``, ``review``) runs ``quick_check`` when it opens a
file claimdesk has not checked since the file last changed; ``db.connection.seal`` remembers a
file at the end of a command that wrote to it, so the next command skips the check. The figures
here say what a check costs when it does run (the first command after a copy, a restore, or a
write by another program).

The databases are the review benchmark's (real text, one claim per number; ``bench/review.py``),
cached in ``bench/out/``. Timings are with the file in the page cache (the second of two runs);
the first run, shown too, includes reading the file from disk when it is not cached.

Usage::

    .venv/bin/python bench/integrity.py                 # 10k, 100k, 1M claims
    .venv/bin/python bench/integrity.py --sizes 10000

Results are printed and written to ``bench/out/integrity.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"


def _quick_check(path: Path) -> float:
    conn = sqlite3.connect(path)
    try:
        t = time.perf_counter()
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        seconds = time.perf_counter() - t
    finally:
        conn.close()
    assert result == "ok", result
    return seconds


def _open_for_writing(path: Path) -> float:
    """Seconds for ``db.connection.connect`` as a new process would open the file."""
    from db import connection

    connection._checked_here.clear()  # as in a fresh process
    t = time.perf_counter()
    conn = connection.connect(path)
    seconds = time.perf_counter() - t
    conn.close()
    return seconds


def measure(size: int) -> dict:
    from bench.review import build_db
    from db import connection

    path = OUT / f"review-{size}.db"
    if not path.exists():
        print(f"building {path} ...", flush=True)
        build_db(path, size)
    first = _quick_check(path)
    warm = _quick_check(path)
    os.utime(path)  # "changed by another program": the next open checks
    unsealed = _open_for_writing(path)
    conn = connection.connect(path)
    sealed_ok = connection.seal(conn)
    conn.close()
    sealed = _open_for_writing(path)
    return {
        "claims": size,
        "file_mb": round(path.stat().st_size / 1e6, 1),
        "quick_check_first_s": round(first, 3),
        "quick_check_warm_s": round(warm, 3),
        "quick_check_mb_per_s": round(path.stat().st_size / 1e6 / warm, 1),
        "open_unchecked_file_s": round(unsealed, 3),
        "open_sealed_file_s": round(sealed, 4),
        "sealed": sealed_ok,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    rows = [measure(n) for n in a.sizes]
    print(
        f"{'claims':>9} {'file MB':>8} {'check 1st s':>11} {'check s':>8} {'MB/s':>7}"
        f" {'open unchecked s':>16} {'open sealed s':>13}"
    )
    for r in rows:
        print(
            f"{r['claims']:>9,} {r['file_mb']:>8} {r['quick_check_first_s']:>11}"
            f" {r['quick_check_warm_s']:>8} {r['quick_check_mb_per_s']:>7}"
            f" {r['open_unchecked_file_s']:>16} {r['open_sealed_file_s']:>13}"
        )
    (OUT / "integrity.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"written to {OUT / 'integrity.json'}")


if __name__ == "__main__":
    main()
