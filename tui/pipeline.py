"""Wiring the extractor to the database: run extraction over pending documents.

Documents are read from SQLite a page at a time and their candidates written back in batches,
each batch one transaction, so an interrupted run keeps every finished batch and the next run
carries on where it stopped. With ``workers > 1`` documents are spread over processes; only the
main process touches the database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from db.claims import CANDIDATE_COLUMNS, count_to_extract, documents_to_extract, store_candidates

#: Documents per write transaction.
BATCH = 100


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def line(self) -> str:
        docs = "document" if self.documents == 1 else "documents"
        return (
            f"{self.documents} {docs} extracted, {self.added} candidate claims added, "
            f"{self.replaced} pending candidates replaced, {len(self.failed)} failed"
        )


def _init_worker(userdict: str | None, model: str | None = None) -> None:
    import extractor
    from extractor.ranker import Ranker, activate

    extractor.load(userdict)
    activate(Ranker.from_json(model) if model else None)


#: Documents at least this long report their own progress (``doc_progress``).
LONG_DOCUMENT = 200_000


def _extract_one(
    job: tuple[int, str, str | None], doc_progress: Callable[[int, int], None] | None = None
) -> tuple[int, list[tuple] | str]:
    """Candidates of one document as rows, or the error message if the extractor failed."""
    import extractor

    doc_id, text, date = job
    long = doc_progress is not None and len(text) >= LONG_DOCUMENT
    try:
        candidates = extractor.extract(text, date, progress=doc_progress if long else None)
    except Exception as exc:  # one bad document must not stop a corpus run
        return doc_id, f"{type(exc).__name__}: {exc}"
    return doc_id, [tuple(getattr(c, name) for name in CANDIDATE_COLUMNS) for c in candidates]


def run_extract(
    conn: sqlite3.Connection,
    *,
    workers: int = 1,
    redo: bool = False,
    userdict: str | None = None,
    progress: Callable[[int], None] | None = None,
    doc_progress: Callable[[int, int], None] | None = None,
    model: str | None = None,
) -> ExtractSummary:
    """Extract every document that needs it and store the candidates.

    Args:
        conn: the database.
        workers: processes to spread documents over (1 = in this process).
        redo: re-extract every document, not only new ones or ones from another version.
        userdict: a jieba user dictionary file.
        progress: called with the number of documents finished since the last call.
        doc_progress: called with (characters done, characters) while one document of at
            least :data:`LONG_DOCUMENT` characters is extracted (``workers=1`` only).
        model: a ranker model (JSON, from ``claimdesk train``) to use instead of the shipped one.
    """
    import extractor
    from extractor.ranker import Ranker, activate

    version = extractor.VERSION
    summary = ExtractSummary()
    pool = None
    if workers > 1:
        import multiprocessing

        pool = multiprocessing.get_context("spawn").Pool(
            workers, initializer=_init_worker, initargs=(userdict, model)
        )
    else:
        extractor.load(userdict)
        activate(Ranker.from_json(model) if model else None)
    try:
        batch: list[tuple[int, list[tuple]]] = []
        # Pages are read whole before any write, and only this thread touches the connection
        # (the pool's feeder thread gets a plain list).
        for page in documents_to_extract(conn, version, redo=redo):
            results: Iterable[tuple[int, list[tuple] | str]]
            if pool is not None:
                results = pool.imap(_extract_one, page, chunksize=4)
            else:
                results = (_extract_one(job, doc_progress) for job in page)
            for doc_id, rows in results:
                if isinstance(rows, str):
                    summary.failed.append((doc_id, rows))
                    continue
                batch.append((doc_id, rows))
                if len(batch) >= BATCH:
                    _flush(conn, batch, version, summary, progress, redo)
        if batch:
            _flush(conn, batch, version, summary, progress, redo)
    finally:
        activate(None)
        if pool is not None:
            pool.terminate()
            pool.join()
    return summary


def _flush(conn, batch, version, summary, progress, redo) -> None:
    added, replaced = store_candidates(conn, batch, version, redo=redo)
    summary.documents += len(batch)
    summary.added += added
    summary.replaced += replaced
    if progress is not None:
        progress(len(batch))
    batch.clear()


def pending_count(conn: sqlite3.Connection, *, redo: bool = False) -> int:
    """How many documents :func:`run_extract` would process."""
    import extractor

    return count_to_extract(conn, extractor.VERSION, redo=redo)
