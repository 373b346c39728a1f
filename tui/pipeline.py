"""Wiring the extractor to the database: run extraction over pending documents.

Documents are read from SQLite a page at a time and their candidates written back in batches,
each batch one transaction, so an interrupted run keeps every finished batch and the next run
carries on where it stopped. Only the main process touches the database: the one writer. The
extractor itself can run

- in this process (``workers=1``),
- on a pool of local processes (``workers=N``),
- on a Dask cluster (``dask=ADDRESS``, or ``dask="local"`` for a ``LocalCluster`` of ``workers``
  processes on this machine): batches of documents go to the cluster's workers, which run the
  pure extractor (jieba loaded once per worker process) and send back candidate rows.

Whatever runs the extractor, the same writer stores the results with the same guarantees
(:func:`db.claims.store_candidates`): idempotent, resumable, decided claims never touched. A
worker that dies mid-run loses nothing: its batches are sent again (by Dask) and only results
that reached the writer are ever stored.

While workers extract, the writer also fills the trigram search index for documents a large
import left queued (:func:`db.schema.fill_search_index`), a bounded slice per batch.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import signal
import sqlite3
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from db.claims import CANDIDATE_COLUMNS, count_to_extract, documents_to_extract, store_candidates
from db.connection import transaction
from db.schema import fill_search_index

#: Documents per write transaction. ``CLAIMDESK_EXTRACT_BATCH`` sets another size (the fault
#: tests use it to get several batches out of a few documents).
BATCH = max(1, int(os.environ.get("CLAIMDESK_EXTRACT_BATCH") or 100))
#: Documents per task sent to a Dask worker (small enough to spread, big enough to amortise).
DASK_BATCH = 25
#: Queued documents indexed for search after each write batch (more than a batch, so the queue
#: drains before extraction ends).
INDEX_PER_BATCH = 2 * BATCH

Job = tuple[int, str, str | None]
Result = tuple[int, list[tuple] | str]


@dataclass(slots=True)
class ExtractSummary:
    documents: int = 0
    added: int = 0
    replaced: int = 0
    indexed: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def line(self) -> str:
        docs = "document" if self.documents == 1 else "documents"
        return (
            f"{self.documents} {docs} extracted, {self.added} candidate claims added, "
            f"{self.replaced} pending candidates replaced, {len(self.failed)} failed"
        )


# --------------------------------------------------------------------------- worker side


def _init_worker(userdict: str | None, model: str | None = None, ner: str | None = None) -> None:
    # Ctrl+C is the main process's business: it stops the run and says what was kept.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    import extractor

    _fewer_collections()  # a spawned worker starts with Python's threshold
    extractor.load(userdict)
    _activate(model, ner)


def _init_forked() -> None:
    """A worker forked from the main process after it loaded the dictionaries and the model:
    it has them already (shared copy-on-write), only Ctrl+C is left to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _activate(model: str | None, ner: str | None = None) -> None:
    """Use a ranker trained on the database (``claimdesk train``) in this process, or the
    shipped one when None; and the NER backend ``ner`` (``--ner``), or none."""
    from extractor import ner as ner_backend
    from extractor.ranker import Ranker, activate

    activate(Ranker.from_json(model) if model else None)
    if ner or ner_backend.active() is not None:
        ner_backend.use(ner)


def stored_version(ner: str | None = None) -> str:
    """The extractor version stored with the candidates: extraction with an NER backend is
    another version (``1.1.0+ner-lac``), so switching ``--ner`` on or off re-extracts."""
    import extractor

    return f"{extractor.VERSION}+ner-{ner}" if ner else extractor.VERSION


#: Documents at least this long report their own progress (``doc_progress``).
LONG_DOCUMENT = 200_000


def _extract_one(job: Job, doc_progress: Callable[[int, int], None] | None = None) -> Result:
    """Candidates of one document as rows, or the error message if the extractor failed."""
    import extractor

    doc_id, text, date = job
    long = doc_progress is not None and len(text) >= LONG_DOCUMENT
    try:
        candidates = extractor.extract(text, date, progress=doc_progress if long else None)
    except Exception as exc:  # one bad document must not stop a corpus run
        return doc_id, f"{type(exc).__name__}: {exc}"
    return doc_id, [tuple(getattr(c, name) for name in CANDIDATE_COLUMNS) for c in candidates]


def _userdict_file(content: bytes | None) -> str | None:
    """A worker's copy of the client's user dictionary (one file per content, made once)."""
    if content is None:
        return None
    digest = hashlib.sha256(content).hexdigest()[:16]
    path = os.path.join(tempfile.gettempdir(), f"claimdesk-userdict-{digest}.txt")
    if not os.path.exists(path):
        tmp = f"{path}.{os.getpid()}"
        with open(tmp, "wb") as f:
            f.write(content)
        os.replace(tmp, path)
    return path


def extract_batch(
    jobs: list[Job],
    userdict: bytes | None = None,
    model: str | None = None,
    ner: str | None = None,
) -> list[Result]:
    """A Dask task: the candidates of a batch of documents (jieba is loaded once per process)."""
    import extractor

    extractor.load(_userdict_file(userdict))  # a no-op after the first call in this process
    _activate(model, ner)
    return [_extract_one(job) for job in jobs]


# --------------------------------------------------------------------------- engines


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Start child processes with Ctrl+C ignored (inherited across spawn), then restore it."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to protect
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _Local:
    """The extractor in this process, or on a pool of ``workers`` processes: forked from this
    one once it has loaded the dictionaries and the model where the system can fork (each
    worker then starts extracting at once), spawned (each loading its own) elsewhere and
    with an NER backend."""

    def __init__(
        self,
        workers: int,
        userdict: str | None,
        doc_progress: Callable[[int, int], None] | None = None,
        model: str | None = None,
        ner: str | None = None,
    ) -> None:
        self.pool = None
        self.doc_progress = doc_progress
        if workers > 1:
            import multiprocessing

            # An NER backend (ONNX runtime threads) is not forked: its workers are spawned.
            if ner is None and can_fork():
                import extractor

                # Loaded once, before the fork: the workers skip the interpreter start,
                # the imports and the dictionary load that a spawned worker pays.
                extractor.load(userdict)
                _activate(model)
                ctx: Any = multiprocessing.get_context("fork")
                init: Callable[..., None] = _init_forked
                args: tuple = ()
            else:
                ctx = multiprocessing.get_context("spawn")
                init, args = _init_worker, (userdict, model, ner)
            with _sigint_ignored():
                self.pool = ctx.Pool(workers, initializer=init, initargs=args)
        else:
            import extractor

            extractor.load(userdict)
            _activate(model, ner)

    def results(self, pages: Iterable[list[Job]]) -> Iterator[Result]:
        for page in pages:
            if self.pool is not None:
                yield from self.pool.imap(_extract_one, page, chunksize=4)
            else:
                yield from (_extract_one(job, self.doc_progress) for job in page)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()


class _Dask:
    """Batches of documents on a Dask cluster; results as they complete."""

    def __init__(
        self,
        address: str,
        workers: int,
        userdict: str | None,
        model: str | None = None,
        ner: str | None = None,
    ) -> None:
        self.model = model
        self.ner = ner
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            from db.errors import ClaimdeskError

            raise ClaimdeskError(
                "--dask needs Dask: pip install 'claimdesk[dask]' (here and on the workers)"
            ) from None
        self.cluster = None
        with _sigint_ignored():
            if address == "local":
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    # No dashboard, and its HTTP server (health, metrics) on a free port:
                    # 8787 is taken when two clusters run at once.
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                )
                self.client = Client(self.cluster)
            else:
                self.client = _connect(Client, address)
        self.userdict: bytes | None = None
        if userdict:
            with open(userdict, "rb") as f:
                self.userdict = f.read()
        # Keep every worker thread busy and the next batches waiting: a bounded window, so
        # memory stays flat whatever the corpus size.
        threads = sum(self.client.nthreads().values()) or 1
        self.window = max(4, 3 * threads)

    def results(self, pages: Iterable[list[Job]]) -> Iterator[Result]:
        from distributed import wait

        pending: deque[Any] = deque()

        def batches() -> Iterator[list[Job]]:
            for page in pages:
                for i in range(0, len(page), DASK_BATCH):
                    yield page[i : i + DASK_BATCH]

        source = batches()
        exhausted = False
        while True:
            while not exhausted and len(pending) < self.window:
                batch = next(source, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append(
                    self.client.submit(
                        extract_batch, batch, self.userdict, self.model, self.ner, pure=False
                    )
                )
            if not pending:
                return
            done, _ = wait(list(pending), return_when="FIRST_COMPLETED")
            for future in [f for f in pending if f in done]:
                pending.remove(future)
                try:
                    results = future.result()
                except Exception as exc:  # a batch failed on every worker, or the cluster went
                    from db.errors import ClaimdeskError

                    raise ClaimdeskError(
                        f"the Dask cluster failed ({type(exc).__name__}: {exc}); every finished"
                        " batch is kept: run `claimdesk extract` again to carry on"
                    ) from None
                future.release()
                yield from results

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


def _connect(client_cls, address: str):
    from db.errors import ClaimdeskError

    try:
        return client_cls(address, timeout="20s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClaimdeskError(f"cannot reach the Dask scheduler at {address} ({exc})") from None


# --------------------------------------------------------------------------- workers

#: ``--workers auto``: the most processes it starts, and the fewest pending documents that
#: pay for a pool (forking two workers after the dictionaries load costs about 0.1 s; a corpus
#: article takes about 12 ms). Where processes cannot fork (macOS, Windows) each worker is
#: spawned and loads the dictionaries itself (1-2 s): a pool pays from more documents.
AUTO_MAX_WORKERS = 8
AUTO_MIN_DOCUMENTS = 50
AUTO_MIN_DOCUMENTS_SPAWNED = 500


def cores() -> int:
    """The cores this process may run on (its CPU affinity where the system says, else the
    machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on this system (macOS, Windows)
        return max(1, os.cpu_count() or 1)


def auto_workers(pending: int, ner: str | None = None, dask: str | None = None) -> int:
    """The processes ``--workers auto`` extracts ``pending`` documents with: one per core (at
    most :data:`AUTO_MAX_WORKERS`) from :data:`AUTO_MIN_DOCUMENTS` documents on
    (:data:`AUTO_MIN_DOCUMENTS_SPAWNED` where workers are spawned), else one; one
    with an NER backend (its ONNX runtime runs threads of its own); for a local Dask cluster
    one worker per core whatever the count."""
    n = min(cores(), AUTO_MAX_WORKERS)
    if dask == "local":
        return n
    if ner is not None or pending < (
        AUTO_MIN_DOCUMENTS if can_fork() else AUTO_MIN_DOCUMENTS_SPAWNED
    ):
        return 1
    return n


def can_fork() -> bool:
    """Whether worker processes are forked here (once the dictionaries are loaded) rather
    than spawned."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# --------------------------------------------------------------------------- the writer


def run_extract(
    conn: sqlite3.Connection,
    *,
    workers: int = 1,
    redo: bool = False,
    userdict: str | None = None,
    progress: Callable[[int], None] | None = None,
    dask: str | None = None,
    summary: ExtractSummary | None = None,
    doc_progress: Callable[[int, int], None] | None = None,
    model: str | None = None,
    ner: str | None = None,
) -> ExtractSummary:
    """Extract every document that needs it and store the candidates.

    Args:
        conn: the database.
        workers: processes to spread documents over (1 = in this process); with ``dask="local"``
            the number of workers of the local cluster.
        redo: re-extract every document, not only new ones or ones from another version.
        userdict: a jieba user dictionary file.
        progress: called with the number of documents stored since the last call.
        dask: a Dask scheduler address (``tcp://host:8786``), or ``local``.
        summary: filled in as batches are committed (so a caller that is interrupted knows
            what was kept); a new one when None.
        doc_progress: called with (characters done, characters) while one document of at
            least :data:`LONG_DOCUMENT` characters is extracted (``workers=1`` only).
        model: a ranker model (JSON, from ``claimdesk train``) to use instead of the shipped one.
        ner: an NER backend (``lac``, :mod:`extractor.ner`) for subject options, or None.
    """
    stored = stored_version(ner)
    summary = summary if summary is not None else ExtractSummary()
    # Raised before the pool forks its workers, which inherit it (they extract too).
    collector = _fewer_collections()
    try:
        engine: _Local | _Dask = (
            _Dask(dask, workers, userdict, model, ner)
            if dask
            else _Local(workers, userdict, doc_progress, model, ner)
        )
    except BaseException:
        gc.set_threshold(*collector)
        raise
    try:
        batch: list[tuple[int, list[tuple]]] = []
        # Pages are read whole before any write, and only this thread touches the connection.
        for doc_id, rows in engine.results(documents_to_extract(conn, stored, redo=redo)):
            if isinstance(rows, str):
                summary.failed.append((doc_id, rows))
                continue
            batch.append((doc_id, rows))
            if len(batch) >= BATCH:
                _flush(conn, batch, stored, summary, progress, redo)
        if batch:
            _flush(conn, batch, stored, summary, progress, redo)
    finally:
        with _sigint_ignored():  # a second Ctrl+C must not interrupt the clean-up
            engine.close()
        _activate(None)
        gc.set_threshold(*collector)
    summary.indexed += index_pending(conn)
    return summary


#: The garbage collector's first threshold (allocations between collections of the youngest
#: objects) while documents are extracted in this process and in its ``--workers`` (raised
#: before they are forked, or by each spawned one), against Python's 700: extraction
#: makes and drops many small dicts and tuples, few of them in reference cycles, and collecting
#: every 700 allocations cost about 2.5 % of extraction's CPU time (0.28 s in 655 collections
#: over half the corpus; 0.07 s in 78 with this threshold). What is found is the same.
GC_THRESHOLD = 20_000


def _fewer_collections() -> tuple[int, int, int]:
    """Raise the collector's first threshold to :data:`GC_THRESHOLD` (unless the collector is
    off); the thresholds before, to restore."""
    before = gc.get_threshold()
    if before[0]:
        gc.set_threshold(max(before[0], GC_THRESHOLD), before[1], before[2])
    return before


@contextlib.contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold a Ctrl+C until the block is done, then raise it: a batch is stored and counted
    together, so what the interrupted run reports is exactly what the database kept."""
    caught: list[int] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def _flush(conn, batch, version, summary, progress, redo) -> None:
    with _sigint_deferred():
        added, replaced = store_candidates(conn, batch, version, redo=redo)
        stored = len(batch)
        summary.documents += stored
        summary.added += added
        summary.replaced += replaced
        batch.clear()
    if _queued(conn):  # no write transaction (and no lock) when the index is complete
        with transaction(conn):
            summary.indexed += fill_search_index(conn, limit=INDEX_PER_BATCH)
    if progress is not None:
        progress(stored)


def _queued(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM search_pending LIMIT 1").fetchone() is not None


def index_pending(conn: sqlite3.Connection, chunk: int = 1000) -> int:
    """Index every document still queued for search, ``chunk`` per transaction."""
    total = 0
    while _queued(conn):
        with transaction(conn):
            n = fill_search_index(conn, limit=chunk)
        total += n
    return total


def pending_count(conn: sqlite3.Connection, *, redo: bool = False, ner: str | None = None) -> int:
    """How many documents :func:`run_extract` would process."""
    return count_to_extract(conn, stored_version(ner), redo=redo)
