"""Ingest throughput: ``claimdesk ingest`` on a JSONL file and on a folder of .txt files.

Usage: python bench/ingest.py [--mb 20] [--out bench/out/ingest.json]

Runs the real command line in a subprocess (so start-up is included, as a user sees it) on a
fresh database and prints MB/s of text imported.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import write_folder, write_jsonl


def timed_ingest(target: Path, db: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "ingest", str(target), "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=20.0, help="MB of text per input (default 20)")
    ap.add_argument("--out", type=Path, default=Path("bench/out/ingest.json"))
    args = ap.parse_args()
    size = int(args.mb * 1_000_000)
    results = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for name, writer, target in (
            ("jsonl", write_jsonl, tmp / "corpus.jsonl"),
            ("txt-folder", write_folder, tmp / "folder"),
        ):
            docs, nbytes = writer(target, size_bytes=size)
            seconds = timed_ingest(target, tmp / f"{name}.db")
            again = timed_ingest(target, tmp / f"{name}.db")  # all duplicates now
            results[name] = {
                "documents": docs,
                "mb": round(nbytes / 1e6, 2),
                "seconds": round(seconds, 2),
                "mb_per_s": round(nbytes / 1e6 / seconds, 2),
                "docs_per_s": round(docs / seconds),
                "rerun_seconds_all_duplicates": round(again, 2),
            }
            r = results[name]
            print(
                f"{name:10} {r['documents']:7d} docs {r['mb']:7.2f} MB  {r['seconds']:6.2f} s"
                f"  {r['mb_per_s']:6.2f} MB/s  {r['docs_per_s']:6d} docs/s"
                f"  (re-run, all duplicates: {r['rerun_seconds_all_duplicates']} s)"
            )
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {platform.system()} Python {platform.python_version()}",
        "command": " ".join(sys.argv),
        "results": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
