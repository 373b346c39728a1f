"""Throughput of the extractor beside plain ``jieba.cut`` on the same text, in the same run.

Builds a corpus of at least ``--size-mb`` MB (default 5) from the documents in ``seeds/`` and
the real articles of ``../shared/corpus/thucnews_sample.jsonl`` (relative to the repository
root), repeating articles to reach the size. jieba is loaded before any timing, so its load
time counts for neither side. Figures are printed and written to ``bench/out/extract.json``.

Three extractor figures are given, because the tagger caches clauses and a corpus built by
repetition repeats every clause:

- ``extract_cold``: the tag cache is cleared before every document (no help from earlier
  documents; the honest figure for a corpus without repeats) — the ratio uses this one;
- ``extract_warm``: one pass over the whole corpus with the cache kept, as ``claimdesk
  extract`` runs (scraped news repeats paragraphs, so real runs sit in between);
- ``jieba_cut``: ``list(jieba.cut(doc))`` for every document.

Usage::

    python bench/extract.py [--corpus PATH] [--size-mb 5] [--out bench/out/extract.json]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import extractor  # noqa: E402
from extractor import nlp  # noqa: E402


def build_corpus(corpus: Path, seeds: Path, size_mb: float) -> list[str]:
    """Documents (seed files, then corpus articles) repeated until ``size_mb`` MB of UTF-8."""
    base: list[str] = []
    if seeds.is_dir():
        for path in sorted(seeds.iterdir()):
            if path.suffix in (".txt", ".md") and path.is_file():
                base.append(path.read_text(encoding="utf-8-sig").rstrip())
    if corpus.is_file():
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    base.append(json.loads(line)["text"])
    if not base:
        raise SystemExit(f"no documents found in {seeds} or {corpus}")
    target = int(size_mb * 1024 * 1024)
    docs: list[str] = []
    total = 0
    while total < target:
        for doc in base:
            docs.append(doc)
            total += len(doc.encode("utf-8"))
            if total >= target:
                break
    return docs


def _time(fn, docs: list[str]) -> float:
    t0 = time.perf_counter()
    for doc in docs:
        fn(doc)
    return time.perf_counter() - t0


def run(docs: list[str]) -> dict:
    """Time jieba.cut and the extractor over ``docs``; return the figures."""
    import jieba

    t0 = time.perf_counter()
    nlp.load()
    load_s = time.perf_counter() - t0
    kb = sum(len(d.encode("utf-8")) for d in docs) / 1024

    # Warm up both code paths on a little text (regex compilation, first-call costs).
    for doc in docs[:3]:
        list(jieba.cut(doc))
        extractor.extract(doc)

    cut_s = _time(lambda d: list(jieba.cut(d)), docs)

    def cold(doc: str) -> None:
        nlp.tag.cache_clear()
        extractor.extract(doc)

    cold_s = _time(cold, docs)
    nlp.tag.cache_clear()
    claims = 0

    def warm(doc: str) -> None:
        nonlocal claims
        claims += len(extractor.extract(doc))

    warm_s = _time(warm, docs)
    return {
        "corpus_kb": round(kb, 1),
        "documents": len(docs),
        "claims": claims,
        "jieba_load_s": round(load_s, 3),
        "jieba_cut_kb_s": round(kb / cut_s, 1),
        "extract_cold_kb_s": round(kb / cold_s, 1),
        "extract_warm_kb_s": round(kb / warm_s, 1),
        "ratio_cold": round(cut_s / cold_s, 2),
        "ratio_warm": round(cut_s / warm_s, 2),
        "extractor_version": extractor.VERSION,
        "python": platform.python_version(),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--corpus",
        default=str(ROOT / ".." / "shared" / "corpus" / "thucnews_sample.jsonl"),
        help="corpus JSONL with a text field (default ../shared/corpus/thucnews_sample.jsonl)",
    )
    ap.add_argument("--seeds", default=str(ROOT / "seeds"), help="folder of seed documents")
    ap.add_argument("--size-mb", type=float, default=5.0, help="corpus size in MB (default 5)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "extract.json"))
    args = ap.parse_args(argv)

    docs = build_corpus(Path(args.corpus), Path(args.seeds), args.size_mb)
    figures = run(docs)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(
        f"corpus {figures['corpus_kb'] / 1024:.2f} MB, {figures['documents']} documents, "
        f"{figures['claims']} claims (jieba load {figures['jieba_load_s']} s, excluded)"
    )
    print(f"jieba.cut             {figures['jieba_cut_kb_s']:>8.1f} KB/s")
    print(
        f"extract (cold cache)  {figures['extract_cold_kb_s']:>8.1f} KB/s   "
        f"ratio {figures['ratio_cold']:.2f}"
    )
    print(
        f"extract (warm cache)  {figures['extract_warm_kb_s']:>8.1f} KB/s   "
        f"ratio {figures['ratio_warm']:.2f}"
    )
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
