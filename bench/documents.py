"""What the document picker and the source filter cost at corpus scale.

Builds a database of ``--docs`` documents (each ~``--chars`` characters of text, sources in
``--feeds`` folders) holding ``--claims`` claims, then times, with the file in the page cache:

- the picker: counting every document, a page of 100 rows at the start and at the end (with
  their claim counts), counting and paging a rare and a common source-or-title filter;
- the review list with a source filter (``ClaimFilter.source_has``): its count, its first page,
  the next page by keyset, and the first pending claim of a folder.

Each figure is the best of three runs, in milliseconds. Usage::

    .venv/bin/python bench/documents.py                       # 100k documents, 1M claims
    .venv/bin/python bench/documents.py --docs 10000 --claims 100000

Results are printed and written to ``bench/out/documents.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from db import documents, review  # noqa: E402
from db.connection import open_db, transaction  # noqa: E402

OUT = ROOT / "bench" / "out"


def build(path: Path, docs: int, claims: int, chars: int, feeds: int) -> None:
    """The benchmark database: documents with filler text, claims spread evenly over them."""
    conn = open_db(path)
    body = "某公司今年营收增长百分之十二，达到三百五十亿元。" * max(1, chars // 25)
    per_doc = max(1, claims // docs)
    with transaction(conn):
        conn.executemany(
            "INSERT INTO documents (source, title, text, sha256, ingested_at)"
            " VALUES (?, ?, ?, ?, '2026-12-02')",
            (
                (f"feed{i % feeds}/{i:07d}.txt", f"标题{i}", f"{i}{body}",
                 hashlib.sha256(f"{i}".encode()).hexdigest())
                for i in range(docs)
            ),
        )  # fmt: skip
        conn.executemany(
            'INSERT INTO claims (doc_id, quantity_text, start, "end", sentence_start,'
            " sentence_end, value, status, created_at) VALUES (?, '三百五十亿元', ?, ?, 0, 25,"
            " 3.5e10, ?, '2026-12-02')",
            (
                (1 + n // per_doc, 25 * (n % per_doc) + 17, 25 * (n % per_doc) + 23,
                 "pending" if n % 3 else "accepted")
                for n in range(min(claims, per_doc * docs))
            ),
        )  # fmt: skip
    conn.execute("ANALYZE")
    conn.close()


def best_ms(work: Callable[[], object], rounds: int = 3) -> float:
    """The best wall time of ``rounds`` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        work()
        times.append(time.perf_counter() - t)
    return round(min(times) * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--chars", type=int, default=2_000, help="characters per document")
    parser.add_argument("--feeds", type=int, default=20, help="source folders")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "documents.db"
        t = time.perf_counter()
        build(path, args.docs, args.claims, args.chars, args.feeds)
        built = time.perf_counter() - t
        conn = open_db(path)
        last = max(0, args.docs - 100)
        rare, common = f"{args.docs - 7:07d}", "feed3/"
        figures: dict[str, float] = {
            "picker: count all documents": best_ms(lambda: documents.count_documents(conn)),
            "picker: first page (100 rows, counts)": best_ms(
                lambda: documents.document_rows(conn, "", 0, 100)
            ),
            "picker: last page (100 rows, counts)": best_ms(
                lambda: documents.document_rows(conn, "", last, 100)
            ),
            "picker: count a rare filter": best_ms(lambda: documents.count_documents(conn, rare)),
            "picker: page of a rare filter": best_ms(
                lambda: documents.document_rows(conn, rare, 0, 100)
            ),
            "picker: count a common filter": best_ms(
                lambda: documents.count_documents(conn, common)
            ),
            "picker: page of a common filter": best_ms(
                lambda: documents.document_rows(conn, common, 0, 100)
            ),
        }
        flt = review.plan_filter(conn, review.ClaimFilter(source_has=common))
        first = review.rows_after(conn, flt, None, 200)
        pending = review.plan_filter(conn, review.ClaimFilter(source_has=common, status="pending"))
        figures |= {
            "source filter: count claims": best_ms(lambda: review.count(conn, flt)),
            "source filter: first page (200 claims)": best_ms(
                lambda: review.rows_after(conn, flt, None, 200)
            ),
            "source filter: next page by keyset": best_ms(
                lambda: review.rows_after(conn, flt, review.key_of(first[-1]), 200)
            ),
            "source filter: first pending claim": best_ms(
                lambda: review.next_pending(conn, None, pending, [])
            ),
        }
        conn.close()
    result = {
        "docs": args.docs,
        "claims": args.claims,
        "chars_per_doc": args.chars,
        "build_seconds": round(built, 1),
        "ms": figures,
        "date": time.strftime("%Y-%m-%d"),
    }
    for name, ms in figures.items():
        print(f"{name:<44} {ms:>9.2f} ms")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "documents.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
