"""Build benchmark corpora of any size from real articles.

The articles are the seed documents in ``seeds/`` and the real news of
``../shared/corpus/thucnews_sample.jsonl``. To reach sizes beyond the ~3 MB they hold, articles
are repeated; each copy gets a distinct id and a one-line edition marker (``（第N版）``) so that
claimdesk's duplicate detection treats copies as new documents, while the text stays real news.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"


def real_articles(corpus: Path = DEFAULT_CORPUS) -> list[dict]:
    """The seed articles and the shared corpus, as ``{"id", "text"}`` records."""
    articles = [
        {"id": p.name, "text": p.read_text(encoding="utf-8").rstrip()}
        for p in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    if corpus.exists():
        with corpus.open(encoding="utf-8") as f:
            articles.extend({"id": r["id"], "text": r["text"]} for r in map(json.loads, f))
    if not articles:
        raise SystemExit("no articles: seeds/ is empty and the shared corpus is missing")
    return articles


def documents(
    *, n_docs: int | None = None, size_bytes: int | None = None, corpus: Path = DEFAULT_CORPUS
) -> Iterator[dict]:
    """Yield records until ``n_docs`` documents or ``size_bytes`` UTF-8 bytes of text."""
    articles = real_articles(corpus)
    produced = total = 0
    edition = 0
    while True:
        for art in articles:
            if n_docs is not None and produced >= n_docs:
                return
            if size_bytes is not None and total >= size_bytes:
                return
            text = art["text"] if edition == 0 else f"（第{edition}版）\n{art['text']}"
            produced += 1
            total += len(text.encode("utf-8"))
            yield {"id": f"{art['id']}#{edition}", "text": text, "date": "2022-04-27"}
        edition += 1


def write_jsonl(path: Path, **kwargs) -> tuple[int, int]:
    """Write a JSONL corpus; returns (documents, bytes of text)."""
    n = size = 0
    with path.open("w", encoding="utf-8") as f:
        for rec in documents(**kwargs):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            size += len(rec["text"].encode("utf-8"))
    return n, size


def write_folder(path: Path, **kwargs) -> tuple[int, int]:
    """Write a folder of .txt files (100 per subfolder); returns (documents, bytes of text)."""
    n = size = 0
    for rec in documents(**kwargs):
        sub = path / f"{n // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{n:06d}.txt").write_text(rec["text"], encoding="utf-8")
        n += 1
        size += len(rec["text"].encode("utf-8"))
    return n, size
