"""Extraction on a real Dask cluster (issue 15): a ``LocalCluster`` of two worker processes on
loopback. The candidates equal a single-process run, a worker killed mid-run loses nothing, and
a second run adds nothing.

The kill is driven by the run's own progress (inside the writer's callback, after the first
committed batch, while later batches are still out on the workers), never by a timer; the
cluster's timeouts are generous so a busy machine only makes it slower.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator

import pytest

pytest.importorskip("distributed")

import dask
from distributed import Client, LocalCluster

from db.claims import CANDIDATE_COLUMNS
from db.connection import open_db
from db.ingest import ingest_file
from tests.conftest import ROOT, need_corpus
from tui.pipeline import ExtractSummary, run_extract

DOCS = 80
#: Write batches and cluster tasks of a few documents, so the 80 make many of each (as a big
#: corpus does with the defaults, 100 and 25): the kill lands with tasks still out.
BATCH = 20
DASK_BATCH = 10

SLOW_MACHINE = {
    "distributed.comm.timeouts.connect": "120s",
    "distributed.comm.timeouts.tcp": "300s",
    "distributed.deploy.lost-worker-timeout": "300s",
    "distributed.scheduler.allowed-failures": 10,
}


def cluster_environ() -> set[str]:
    """The environment variables a ``LocalCluster`` sets in the process that starts it (its
    nanny's ``pre-spawn-environ``, a ``PYTHONHASHSEED`` and ``__DASK_PARENT_PID``) and never
    takes back: in the xdist worker they reached every later test (``OMP_NUM_THREADS=1``,
    a fixed hash seed in every CLI subprocess)."""
    return {
        *dask.config.get("distributed.nanny.pre-spawn-environ", {}),
        *dask.config.get("distributed.nanny.environ", {}),
        "PYTHONHASHSEED",
        "__DASK_PARENT_PID",
    }


@contextlib.contextmanager
def local_cluster(n_workers: int) -> Iterator[LocalCluster]:
    """A loopback ``LocalCluster`` of worker processes; the environment is as it was after.

    Each variable the cluster sets goes through ``monkeypatch`` first, so undoing it puts the
    variable back (or removes it: set, then deleted, so the undo deletes it again).
    """
    with pytest.MonkeyPatch.context() as mp:
        for name in cluster_environ():
            if name in os.environ:
                mp.setenv(name, os.environ[name])
            else:
                mp.setenv(name, "")
                mp.delenv(name)
        with (
            dask.config.set(SLOW_MACHINE),
            LocalCluster(
                n_workers=n_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # No dashboard, and its HTTP server (health, metrics) on a free port:
                # 8787 is taken when two clusters run at once.
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
            ) as c,
        ):
            yield c


@pytest.fixture(scope="module")
def cluster():
    with local_cluster(2) as c:
        yield c


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory):
    corpus = need_corpus()
    part = tmp_path_factory.mktemp("dask") / "part.jsonl"
    with corpus.open(encoding="utf-8") as f:
        part.write_text("".join(itertools.islice(f, DOCS)), encoding="utf-8")
    return part


def _ingested(path, corpus_file):
    conn = open_db(path)
    assert ingest_file(conn, str(corpus_file)).added == DOCS
    return conn


def _candidates(conn) -> list[tuple]:
    cols = ", ".join(f'c."{c}"' for c in CANDIDATE_COLUMNS)
    return conn.execute(
        f"SELECT d.sha256, {cols}, c.status, c.extractor_version FROM claims c"
        ' JOIN documents d ON d.id = c.doc_id ORDER BY d.sha256, c.start, c."end", c.rule'
    ).fetchall()


def test_cluster_equals_single_process_survives_a_killed_worker_adds_nothing_twice(
    tmp_path, cluster, corpus_file, monkeypatch
):
    import tui.pipeline

    monkeypatch.setattr(tui.pipeline, "BATCH", BATCH)
    monkeypatch.setattr(tui.pipeline, "DASK_BATCH", DASK_BATCH)
    single = _ingested(tmp_path / "single.db", corpus_file)
    run_extract(single)
    expected = _candidates(single)
    assert len(expected) > DOCS  # real articles: several candidates each

    conn = _ingested(tmp_path / "cluster.db", corpus_file)
    killed: list[int] = []
    stored_at_kill: list[int] = []
    summary = ExtractSummary()

    def progress(_n: int) -> None:
        if killed:
            return
        with Client(cluster.scheduler_address) as client:
            pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        stored_at_kill.append(summary.documents)

    run_extract(conn, dask=cluster.scheduler_address, progress=progress, summary=summary)
    assert killed, "no worker was killed; the test proves nothing"
    assert stored_at_kill[0] < DOCS  # the kill landed while documents were still out
    assert summary.documents == DOCS and not summary.failed
    assert _candidates(conn) == expected

    again = run_extract(conn, dask=cluster.scheduler_address)
    assert (again.documents, again.added, again.replaced) == (0, 0, 0)
    assert _candidates(conn) == expected
    done = conn.execute("SELECT count(*) FROM documents WHERE extracted_version IS NULL")
    assert done.fetchone()[0] == 0


def test_cli_with_a_bad_scheduler_address_is_one_line(tmp_path):
    db = tmp_path / "x.db"
    doc = tmp_path / "a.txt"
    doc.write_text("有3家公司。", encoding="utf-8")
    conn = open_db(db)
    ingest_file(conn, str(doc))
    conn.close()
    r = subprocess.run(
        [sys.executable, "-m", "tui.cli", "extract", "--db", str(db), "--dask", "nonsense://x"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 1
    assert r.stderr.startswith("Error: cannot reach the Dask scheduler at nonsense://x")
    assert "Traceback" not in r.stderr
    check = sqlite3.connect(db)
    assert check.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    check.close()


def test_a_batch_that_fails_on_the_cluster_is_one_clear_error(tmp_path, cluster, monkeypatch):
    import tui.pipeline
    from db.errors import ClaimdeskError

    conn = open_db(tmp_path / "x.db")
    doc = tmp_path / "a.txt"
    doc.write_text("有3家公司。", encoding="utf-8")
    ingest_file(conn, str(doc))
    # A task that raises on the worker (int(list, None) is a TypeError there).
    monkeypatch.setattr(tui.pipeline, "extract_batch", int)
    with pytest.raises(ClaimdeskError, match=r"the Dask cluster failed \(TypeError"):
        run_extract(conn, dask=cluster.scheduler_address)
    assert conn.execute("SELECT count(*) FROM claims").fetchone()[0] == 0


def test_a_local_cluster_leaves_port_8787_alone(recwarn):
    """``extract --dask local`` starts no dashboard and puts the scheduler's HTTP server on a
    free port: with 8787 taken (another cluster, a notebook's dashboard) nothing warns."""
    import socket

    from tui.pipeline import _Dask

    holder = socket.socket()
    try:
        holder.bind(("127.0.0.1", 8787))
    except OSError:
        holder.close()
        pytest.skip("port 8787 is in use by something else here")
    holder.listen()
    try:
        with dask.config.set(SLOW_MACHINE):
            pool = _Dask("local", 1, None)
            try:
                assert pool.client.scheduler_info()["services"].get("dashboard") != 8787
            finally:
                pool.close()
    finally:
        holder.close()
    assert not [w for w in recwarn if "8787" in str(w.message)]
