"""The benchmark harness's own parts: process measurement and the results page."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.measure import run
from bench.report import MARKER, render, write_markdown

ROOT = Path(__file__).resolve().parent.parent


#: Measures an 80 MB child from a small process, as a bench script does (a test worker that has
#: grown past 400 MB would pass its own high-water mark on to every child it starts).
MEASURE_FROM_A_SMALL_PROCESS = """
import dataclasses, json, sys
from bench.measure import run
child = "x = bytearray(80_000_000); x[::4096] = b'1' * len(x[::4096])"
print(json.dumps(dataclasses.asdict(run([sys.executable, "-c", child]))))
"""


def test_measure_reports_the_child_peak_memory_and_exit_code():
    out = subprocess.run(
        [sys.executable, "-c", MEASURE_FROM_A_SMALL_PROCESS],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    r = json.loads(out.stdout)
    assert r["exit_code"] == 0
    assert 80 <= r["maxrss_mb"] < 400 and r["tree_rss_mb"] >= r["maxrss_mb"]
    failed = run([sys.executable, "-c", "import sys; print('out'); sys.exit(3)"])
    assert failed.exit_code == 3 and failed.stdout.strip() == "out"


def _size(n: int, k: float) -> dict:
    stage = {"seconds": 1.0 * k, "maxrss_mb": 30.0, "tree_rss_mb": 60.0}
    return {
        "documents": n,
        "corpus": {"text_bytes": n * 3000},
        "db": {"claims": n * 8, "db_mb": n / 100},
        "ingest": {**stage, "mb_per_s": 3.0, "docs_per_s": 1000, "us_per_doc": 900 * k,
                   "rerun_all_duplicates": stage},
        "extract_w1": {**stage, "kb_per_s": 900, "ratio_to_jieba_cut": 0.9, "ms_per_doc": 3},
        "extract_w2": {**stage, "kb_per_s": 1500, "ratio_to_jieba_cut": 1.5, "ms_per_doc": 2},
        "jieba_cut": {"kb_per_s": 1000, "mb": 3.0},
        "review": {"start_to_first_paint_s": 0.2, "start_first_run_s": 0.3,
                   "accept_to_next_ms_median": 3.0, "accept_to_next_ms_p95": 9.0,
                   "accept_to_next_ms_max": 20.0, "maxrss_mb": 55.0},
        "export": {**stage, "claims_per_s": 50000, "us_per_claim": 20.0},
    }  # fmt: skip


def test_report_renders_every_size_and_keeps_the_notes(tmp_path):
    report = {
        "date": "2026-11-25T00:00:00+00:00",
        "machine": {"cpu": "cpu", "cores": 2, "memory_gb": 8, "os": "Linux", "python": "3.11",
                    "sqlite": "3.40"},
        "command": "bench/run.py", "commit": "abc", "corpus_source": "seeds/",
        "load_at_start": [0.1], "load_at_end": [0.2], "total_seconds": 60,
        "sizes": [_size(1000, 1), _size(10000, 2)], "million": None,
    }  # fmt: skip
    text = render(report)
    assert "| 1,000 |" in text and "| 10,000 |" in text
    assert "| ingest µs/doc | 900 | 1,800 | ×1.00 / ×2.00 |" in text
    page = tmp_path / "RESULTS.md"
    page.write_text(f"old figures\n{MARKER}\nmy notes\n")
    write_markdown(json.loads(json.dumps(report)), page)
    out = page.read_text()
    assert "old figures" not in out and out.endswith(f"{MARKER}\nmy notes\n")
