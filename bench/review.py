"""Benchmark of the review app: start time, accept-to-next latency and memory at 1k/100k/1M claims.

The databases are synthetic but made of real text: the seed articles (``seeds/*.txt``) and the
THUCNews sample (``../shared/corpus/thucnews_sample.jsonl``), copied as many times as needed,
with one claim inserted by SQL at every number in the text (real offsets, sentences, values).
40% of the documents are already decided, so the app opens in the middle of the list, as it
does in a real session. Databases are cached in ``bench/out/`` and rebuilt with ``--rebuild``.

The app is driven headless with Pilot, through the same ``tui.app.make_app`` the CLI uses.
Each size runs in its own subprocess so that memory figures do not mix.

Usage::

    .venv/bin/python bench/review.py                  # 1k, 100k, 1M
    .venv/bin/python bench/review.py --sizes 1000 --accepts 100

Results are printed and written to ``bench/out/review.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.review import ReviewScreen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"

#: A number with an optional qualifier before it and a scale and unit after it.
NUMBER = re.compile(
    r"(?P<q>超过|近|约|逾|不到|不足)?(?P<n>\d+(?:\.\d+)?)(?P<s>万|亿)?"
    r"(?P<u>元|名|人|家|个|%|％|小时|天|年|吨|场|分|岁|亿元|万元)?"
)
DATE = re.compile(r"\d{1,2}月\d{1,2}日")
SENTENCE = re.compile(r"[^。！？\n]+[。！？]?")
QUALIFIER = {"超过": ">", "逾": ">", "近": "~", "约": "~", "不到": "<", "不足": "<"}
SCALE = {"万": 1e4, "亿": 1e8}


def load_texts() -> list[tuple[str, str, str]]:
    """(source, title, text) of the seed articles and the corpus sample."""
    texts = []
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8").strip()
        texts.append((str(p.relative_to(ROOT)), text[:24], text))
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec["text"].strip()
            if text:
                texts.append((rec["id"], text[:24], text))
    return texts


def claims_of(text: str) -> list[tuple]:
    """One claim per number in ``text``: offsets, sentence, value, unit, spans (SQL order)."""
    out = []
    for sm in SENTENCE.finditer(text):
        s0, s1 = sm.span()
        sentence = sm.group()
        date = DATE.search(sentence)
        for m in NUMBER.finditer(sentence):
            a, b = s0 + m.start(), s0 + m.end()
            if date and date.start() <= m.start() < date.end():
                continue
            unit = m["u"] or ""
            value = float(m["n"]) * SCALE.get(m["s"] or "", 1.0)
            if unit in ("亿元", "万元"):
                value *= SCALE[unit[0]]
                unit = "元"
            kind = "money" if unit == "元" else "percent" if unit in ("%", "％") else "count"
            subj = (s0, min(s0 + 4, a)) if a - s0 >= 2 else (None, None)
            pred = (a - 2, a) if a - s0 >= 6 else (None, None)
            tspan = (s0 + date.start(), s0 + date.end()) if date else (None, None)
            out.append(
                (
                    text[a:b],
                    a,
                    b,
                    s0,
                    s1,
                    value,
                    unit,
                    QUALIFIER.get(m["q"] or "", "="),
                    text[subj[0] : subj[1]] if subj[0] is not None else "",
                    text[pred[0] : pred[1]] if pred[0] is not None else "",
                    date.group() if date else "",
                    kind,
                    *subj,
                    *pred,
                    *tspan,
                )
            )
    return out


def build_db(path: Path, n_claims: int, seed: int = 7) -> None:
    """Create a claimdesk database at ``path`` with about ``n_claims`` claims (bulk inserts)."""
    from db.connection import connect, transaction

    if path.exists():
        path.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    rng = random.Random(seed)
    texts = [(s, t, x, claims_of(x)) for s, t, x in load_texts()]
    texts = [t for t in texts if t[3]]
    conn = connect(path)
    conn.execute("PRAGMA synchronous = OFF")
    now = "2024-05-01T00:00:00.000Z"
    total, copy, doc_id = 0, 0, 0
    docs, claims = [], []
    while total < n_claims:
        for source, title, text, found in texts:
            if total >= n_claims:
                break
            doc_id += 1
            sha = hashlib.sha256(f"{copy}\0{text}".encode()).hexdigest()
            docs.append(
                (doc_id, f"{source}#{copy}" if copy else source, title, text, sha, now, "bench")
            )
            for c in found[: n_claims - total]:
                claims.append((doc_id, *c, round(rng.uniform(0.3, 0.99), 2)))
            total += min(len(found), n_claims - total)
        copy += 1
    decided_docs = int(doc_id * 0.4)
    with transaction(conn):
        conn.executemany(
            "INSERT INTO documents (id, source, title, text, sha256, ingested_at,"
            " extracted_version) VALUES (?, ?, ?, ?, ?, ?, ?)",
            docs,
        )
        rows = []
        for i, c in enumerate(claims):
            decided = c[0] <= decided_docs
            status = rng.choice(("accepted", "accepted", "rejected")) if decided else "pending"
            rows.append(
                (
                    i + 1,
                    *c,
                    "bench.number",
                    "bench",
                    status,
                    "bench" if decided else None,
                    now if decided else None,
                    now,
                )
            )
        conn.executemany(
            'INSERT INTO claims (id, doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, value, unit, qualifier, subject, predicate, time_text, kind,"
            " subject_start, subject_end, predicate_start, predicate_end, time_start, time_end,"
            " confidence, rule, extractor_version, status, reviewer, decided_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            rows,
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def rss_mb() -> float:
    """Peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    """Current resident memory of this process in MB (Linux)."""
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * resource.getpagesize() / 2**20


async def time_start(db_path: Path) -> tuple[float, float]:
    """Seconds from building the app to (the first claim set, the first claim painted)."""
    from tui.app import make_app

    t0 = time.perf_counter()
    app = make_app(str(db_path), reviewer="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        while getattr(app.screen, "claim", None) is None:
            await asyncio.sleep(0)
        shown = time.perf_counter() - t0
        app.screen._on_timer_update()  # paint now (layout + render of every dirty widget)
        painted = time.perf_counter() - t0
        await pilot.pause()
    return shown, painted


def _claim_id(screen: ReviewScreen) -> int:
    """The id of the claim on the screen (the benchmark leaves pending claims to show)."""
    claim = screen.claim
    assert claim is not None, "no claim on the review screen"
    return claim["id"]


async def measure(db_path: Path, accepts: int) -> dict:
    """Time the start (three runs) and ``accepts`` accept-to-next-claim steps.

    Accept-to-next is timed from posting the key event (the same ``events.Key`` Pilot posts)
    to the next claim painted: the binding runs the action (commit, next pending, redraw of
    document, card, list and progress), then the screen's update is forced so layout and
    rendering of every changed line are included. Pilot's own ``press``/``pause`` sleep in
    20 ms steps to detect idleness, so their round trip is reported separately.
    """
    from textual import events

    from tui.app import make_app
    from tui.screens.review import ReviewScreen

    rss_before = current_rss_mb()
    starts = [await time_start(db_path) for _ in range(3)]
    app = make_app(str(db_path), reviewer="bench")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)  # or AdjudicateScreen, a subclass
        first = _claim_id(screen)
        times, rounds = [], []
        for _ in range(accepts):
            before = _claim_id(screen)
            t = time.perf_counter()
            app.post_message(events.Key("a", "a"))
            while _claim_id(screen) == before:
                await asyncio.sleep(0)
            screen._on_timer_update()
            times.append((time.perf_counter() - t) * 1000)
            await pilot.pause()
        for _ in range(min(accepts, 30)):
            t = time.perf_counter()
            await pilot.press("a")
            await pilot.pause()
            rounds.append((time.perf_counter() - t) * 1000)
        # Undo them all, so the database is as it was for the next run.
        for _ in range(accepts + len(rounds)):
            await screen.action_undo()
        await pilot.pause()
        rss_after = current_rss_mb()
    times.sort()
    return {
        "start_to_first_claim_s": round(statistics.median(s for s, _ in starts), 3),
        "start_to_first_paint_s": round(statistics.median(p for _, p in starts), 3),
        "start_first_run_s": round(starts[0][1], 3),
        "first_claim_id": first,
        "accepts": accepts,
        "accept_to_next_ms_median": round(statistics.median(times), 2),
        "accept_to_next_ms_p95": round(times[int(len(times) * 0.95) - 1], 2),
        "accept_to_next_ms_max": round(times[-1], 2),
        "pilot_press_pause_ms_median": round(statistics.median(rounds), 1),
        "rss_mb_before_app": round(rss_before, 1),
        "rss_mb_after": round(rss_after, 1),
        "rss_mb_peak": round(rss_mb(), 1),
    }


def run_one(size: int, accepts: int, rebuild: bool) -> dict:
    """Build (or reuse) the database for ``size`` claims and measure the app on it."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"review-{size}.db"
    built = None
    if rebuild or not path.exists():
        t = time.perf_counter()
        build_db(path, size)
        built = round(time.perf_counter() - t, 1)
    result = asyncio.run(measure(path, accepts))
    from db.connection import connect

    conn = connect(path, readonly=True)
    docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    claims = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
    conn.close()
    return {
        "claims": claims,
        "documents": docs,
        "db_mb": round(path.stat().st_size / 2**20, 1),
        "build_s": built,
        **result,
    }


def main() -> None:
    """Run every size in a subprocess, print a table and write bench/out/review.json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000,1000000")
    parser.add_argument("--accepts", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.accepts, args.rebuild)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size), "--accepts", str(args.accepts)]
        if args.rebuild:
            cmd.append("--rebuild")
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode:
            sys.stderr.write(proc.stderr)
            raise SystemExit(f"size {size}: failed")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        r = results[-1]
        print(
            f"{r['claims']:>9,} claims {r['documents']:>7,} docs {r['db_mb']:>7} MB | start"
            f" {r['start_to_first_claim_s']:.3f} s (painted {r['start_to_first_paint_s']:.3f} s,"
            f" first run {r['start_first_run_s']:.3f} s) | accept->next median"
            f" {r['accept_to_next_ms_median']:.1f} ms p95 {r['accept_to_next_ms_p95']:.1f} ms"
            f" max {r['accept_to_next_ms_max']:.1f} ms (Pilot press+pause"
            f" {r['pilot_press_pause_ms_median']:.0f} ms) | RSS {r['rss_mb_after']:.0f} MB"
            f" (peak {r['rss_mb_peak']:.0f} MB)",
            flush=True,
        )
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "review.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"written to {OUT / 'review.json'}")


if __name__ == "__main__":
    main()
