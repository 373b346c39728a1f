"""A damaged, foreign, newer, read-only or full database: one clear line, no traceback, and the
file untouched.

Each case runs the real command line. Read-only cases run the command as ``nobody`` (root may
write anywhere) through ``setpriv``; full-disk cases use a file-size limit (``RLIMIT_FSIZE``,
which works everywhere) and a 2 MB tmpfs (when this machine lets us mount one).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.faultlib import articles, write_jsonl
from db.connection import open_db
from db.ingest import ingest_file
from db.schema import LATEST
from tests.conftest import ROOT, SEEDS, need_corpus

NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def _cli(args: list[str], prefix: list[str] = (), preexec=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*prefix, sys.executable, "-m", "tui.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=preexec,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


#: What a command run as ``nobody`` imports (the read-only cases never reach jieba).
_NOBODY_IMPORTS = "import tui.cli, tui.app, tui.pipeline, tui.report, extractor.evaluate, db.stats"

_LIST_MODULES = f"""
import sys
{_NOBODY_IMPORTS}
roots = set()
for m in list(sys.modules.values()):
    f = getattr(m, "__file__", None) or ""
    for p in sys.path:
        if p and "-packages" in p and f.startswith(p + "/"):
            roots.add((p, f[len(p) + 1 :].split("/")[0]))
for p, name in sorted(roots):
    print(p + "/" + name)
"""


def _nobody_can_run(python: str, pythonpath: Path, cwd: Path) -> bool:
    probe = subprocess.run(
        [*NOBODY, python, "-c", _NOBODY_IMPORTS],
        cwd=cwd,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(pythonpath)},
        timeout=60,
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def nobody_cli():
    """Runs ``claimdesk ARGS`` as ``nobody``: (args) -> CompletedProcess.

    ``nobody`` must be able to run the interpreter and read claimdesk and the packages it
    imports. In a checkout inside a private folder (a 0700 home, ``mktemp -d``) it cannot, so
    those packages are copied into a world-readable temporary folder and run from there with
    the base interpreter; where ``nobody`` can run no Python at all, the test is skipped.
    """
    if _nobody_can_run(sys.executable, ROOT, ROOT):
        python, home, cleanup = sys.executable, ROOT, None
    else:
        home = cleanup = Path(tempfile.mkdtemp(prefix="claimdesk-nobody-"))
        listed = subprocess.run(
            [sys.executable, "-c", _LIST_MODULES], cwd=ROOT, capture_output=True, text=True
        )
        sources = [ROOT / "db", ROOT / "tui", ROOT / "extractor"]
        sources += [Path(line) for line in listed.stdout.splitlines()]
        for src in sources:
            if src.name.startswith(("__editable__", "_distutils_hack")):
                continue
            if src.is_dir():
                ignore = shutil.ignore_patterns("__pycache__")
                shutil.copytree(src, home / src.name, ignore=ignore, dirs_exist_ok=True)
            else:
                shutil.copyfile(src, home / src.name)
        for dirpath, _dirs, filenames in os.walk(home):
            os.chmod(dirpath, 0o755)
            for name in filenames:
                os.chmod(os.path.join(dirpath, name), 0o644)
        candidates = [os.path.realpath(sys.executable), getattr(sys, "_base_executable", "")]
        candidates += [shutil.which(f"python{sys.version_info[0]}.{sys.version_info[1]}") or ""]
        python = next((c for c in candidates if c and _nobody_can_run(c, home, home)), "")
        if not python:
            shutil.rmtree(home, ignore_errors=True)
            pytest.skip(
                "nobody can run none of these Python interpreters with claimdesk's packages:"
                f" {', '.join(c for c in candidates if c)} (they sit in a private folder)"
            )

    def run(args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*NOBODY, python, "-m", "tui.cli", *args],
            cwd=home,
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(home)},
        )

    yield run
    if cleanup is not None:
        shutil.rmtree(cleanup, ignore_errors=True)


def _files(path: Path) -> dict[str, str]:
    """Name -> sha256 of the database file and any -wal/-shm beside it."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in path.parent.iterdir()
        if p.name.startswith(path.name)
    }


def assert_one_line_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    assert proc.returncode not in (0, 70), (proc.returncode, proc.stderr)
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("Error: "), lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    for w in words:
        assert w in lines[0], lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    """A small real claimdesk database: the seed article and 40 real articles, extracted."""
    need_corpus()
    from tui.pipeline import run_extract

    tmp = tmp_path_factory.mktemp("storage")
    db = tmp / "good.db"
    conn = open_db(db)
    ingest_file(conn, str(SEEDS / "000_b654cfa59472666d.txt"))
    ingest_file(conn, str(write_jsonl(tmp / "a.jsonl", articles(40))))
    run_extract(conn)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    return db


def _damaged(kind: str, good: Path, dest: Path) -> Path:
    data = good.read_bytes()
    if kind == "garbage":
        dest.write_bytes(os.urandom(3000) + b"SQLite format 3" * 10)
    elif kind == "truncated":
        dest.write_bytes(data[: len(data) // 3])
    elif kind == "truncated-tail":
        dest.write_bytes(data[: len(data) - 4096 * 3])
    elif kind == "flipped":
        b = bytearray(data)
        for i in range(4096 * 2, len(b), 61):
            b[i] ^= 0xA5
        dest.write_bytes(bytes(b))
    elif kind in ("newer", "newer-rollback-journal"):
        shutil.copyfile(good, dest)
        raw = sqlite3.connect(dest)
        if kind == "newer-rollback-journal":
            raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute(f"PRAGMA user_version = {LATEST + 5}")
        raw.close()
    elif kind == "foreign":
        raw = sqlite3.connect(dest)
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("CREATE TABLE notes (x)")
        raw.execute("INSERT INTO notes VALUES ('mine')")
        raw.commit()
        raw.close()
    return dest


COMMANDS = {
    "ingest": ["ingest", str(SEEDS)],
    "extract": ["extract"],
    "export": ["export", "--status", "any", "-o", "OUT"],
    "stats": ["stats"],
    "review": ["review"],
}
KINDS = {
    "garbage": "not a claimdesk database",
    "truncated": "damaged",
    "truncated-tail": "damaged",
    "flipped": "damaged",
    "newer": "newer claimdesk",
    "newer-rollback-journal": "newer claimdesk",
    "foreign": "not a claimdesk database",
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_bad_database_file_one_line_error_file_untouched(tmp_path, good_db, kind):
    # One folder per command, so each run sees exactly the damaged file and nothing else.
    cases = []
    for name, args in COMMANDS.items():
        folder = tmp_path / name
        folder.mkdir()
        db = _damaged(kind, good_db, folder / "bad.db")
        args = [a.replace("OUT", str(folder / "out.jsonl")) for a in args]
        cases.append((name, folder, db, [*args, "--db", str(db)], _files(db)))
    with ThreadPoolExecutor(4) as pool:
        procs = list(pool.map(lambda c: _cli(c[3]), cases))
    for (name, folder, db, _args, before), proc in zip(cases, procs, strict=True):
        assert_one_line_error(proc, str(db), KINDS[kind])
        assert _files(db) == before, f"{name} changed {kind} file"
        assert not (folder / "out.jsonl").exists()


def _corrupt_middle_page(db: Path) -> None:
    """Overwrite one page in the middle of the file with garbage, as a bad disk or a stray
    write would; the schema (page 1) stays readable, so only a full read finds it."""
    size = db.stat().st_size
    page = 4096
    middle = (size // page // 2) * page
    with db.open("r+b") as f:
        f.seek(middle)
        f.write(bytes((i * 37 + 11) % 256 for i in range(page)))
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == LATEST  # still opens
        with contextlib.suppress(sqlite3.DatabaseError):
            # a guard against a vacuous test: the damage is there to be found
            assert raw.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    finally:
        raw.close()


def test_corrupt_page_in_the_middle_is_refused_before_any_write(tmp_path, good_db):
    db = tmp_path / "c.db"
    shutil.copyfile(good_db, db)
    more = write_jsonl(tmp_path / "more.jsonl", articles(3, offset=700))
    # A clean write first: the file is checked, then remembered as sound (sealed).
    assert _cli(["ingest", str(more), "--db", str(db)]).returncode == 0
    _corrupt_middle_page(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    claims = tmp_path / "claims.jsonl"
    claims.write_text("{}\n", encoding="utf-8")
    for args in (
        ["ingest", str(write_jsonl(tmp_path / "new.jsonl", articles(3, offset=800)))],
        ["ingest", "--claims", str(claims)],
        ["extract", "--redo"],
        ["review"],
    ):
        proc = _cli([*args, "--db", str(db)])
        assert_one_line_error(proc, str(db), "damaged")
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before, args


def test_the_check_is_remembered_until_the_file_changes(tmp_path, good_db):
    from db import connection

    db = tmp_path / "c.db"
    shutil.copyfile(good_db, db)
    more = write_jsonl(tmp_path / "more.jsonl", articles(3, offset=700))
    assert _cli(["ingest", str(more), "--db", str(db)]).returncode == 0  # checks, then seals
    for _ in range(2):  # as a new process would see it: sealed, so no check
        connection._checked_here.clear()
        raw = sqlite3.connect(db)
        assert connection.verify(raw, db, path=str(db)) is False
        raw.close()
    os.utime(db)  # another program wrote to the file
    connection._checked_here.clear()
    raw = sqlite3.connect(db)
    assert connection.verify(raw, db, path=str(db)) is True
    raw.close()
    # The review command seals the file it checked when the app opened it.
    from tui.cli import _seal_after_review

    os.utime(db)
    connection._checked_here.clear()
    connection.connect(db).close()  # the app's connection: checks the file
    _seal_after_review(str(db))
    connection._checked_here.clear()
    raw = sqlite3.connect(db)
    assert connection.verify(raw, db, path=str(db)) is False
    raw.close()


def _can_run_as_nobody() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    return subprocess.run([*NOBODY, "true"], capture_output=True).returncode == 0


needs_nobody = pytest.mark.skipif(not _can_run_as_nobody(), reason="needs root and setpriv")


@pytest.fixture
def open_tmp():
    """A temporary folder every user may enter (pytest's own are private to root)."""
    path = Path(tempfile.mkdtemp(prefix="claimdesk-faults-"))
    os.chmod(path, 0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@needs_nobody
def test_folder_this_user_cannot_enter(tmp_path, good_db, nobody_cli):
    db = tmp_path / "c.db"  # tmp_path's parents are private to root
    shutil.copyfile(good_db, db)
    before = _files(db)
    for args in (["ingest", str(SEEDS)], ["export", "-o", "-"], ["review"]):
        proc = nobody_cli([*args, "--db", str(db)])
        assert_one_line_error(proc, str(db), "cannot access the database (Permission denied)")
    assert _files(db) == before


GOLD = ROOT.parent / "shared" / "gold" / "seed_claims.jsonl"


def _readable_gold(folder: Path) -> Path:
    gold = folder / "gold.jsonl"
    shutil.copyfile(GOLD, gold)
    os.chmod(gold, 0o644)
    return gold


@needs_nobody
def test_read_only_folder(open_tmp, good_db, nobody_cli):
    folder = open_tmp / "ro"
    folder.mkdir()
    db = folder / "c.db"
    shutil.copyfile(good_db, db)
    os.chmod(db, 0o644)
    os.chmod(folder, 0o755)  # nobody may read, not create -wal/-shm or write
    before = _files(db)
    for args in (["ingest", str(SEEDS)], ["extract"]):
        proc = nobody_cli([*args, "--db", str(db)])
        assert_one_line_error(proc, str(db), "cannot write")
        assert _files(db) == before
    # Commands that only read work: they open the file read-only (immutable: no -shm needed).
    _read_only_commands_work(nobody_cli, db, open_tmp)
    assert _files(db) == before


def _read_only_commands_work(run, db: Path, scratch: Path) -> None:
    out = run(["export", "--status", "any", "--db", str(db), "-o", "-"])
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) > 100
    stats = run(["stats", "--json", "--db", str(db)])
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["documents"]["total"] == 41
    if GOLD.exists():
        scored = run(["eval", str(_readable_gold(scratch)), "--json", "--db", str(db)])
        assert scored.returncode == 0, scored.stderr
        assert "precision" in scored.stdout


@needs_nobody
def test_read_only_folder_with_changes_waiting_in_the_wal(open_tmp, good_db, nobody_cli):
    """immutable=1 would read the file without the -wal's changes: refused, not half-read."""
    work = open_tmp / "work"
    work.mkdir()
    shutil.copyfile(good_db, work / "c.db")
    writer = sqlite3.connect(work / "c.db")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE claims SET status = 'accepted', reviewer = 'kim', decided_at = 't'")
    writer.commit()  # in c.db-wal only, as when a writer was killed
    folder = open_tmp / "ro"
    folder.mkdir()
    for name in ("c.db", "c.db-wal"):
        shutil.copyfile(work / name, folder / name)
        os.chmod(folder / name, 0o644)
    writer.close()
    db = folder / "c.db"
    assert (folder / "c.db-wal").stat().st_size > 0
    before = _files(db)
    proc = nobody_cli(["export", "--status", "any", "--db", str(db), "-o", "-"])
    assert_one_line_error(proc, str(db), "c.db-wal holds changes not yet in the file")
    assert proc.stdout == ""
    assert _files(db) == before


@needs_nobody
def test_read_only_file_in_writable_folder(open_tmp, good_db, nobody_cli):
    folder = open_tmp / "rw"
    folder.mkdir()
    db = folder / "c.db"
    shutil.copyfile(good_db, db)
    os.chmod(db, 0o444)
    os.chmod(folder, 0o777)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    extra = write_jsonl(folder / "more.jsonl", articles(5, offset=500))
    os.chmod(extra, 0o644)
    proc = nobody_cli(["ingest", str(extra), "--db", str(db)])
    assert_one_line_error(proc, str(db), "cannot write")
    # Reading still works: a read-only file can be exported.
    _read_only_commands_work(nobody_cli, db, open_tmp)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_read_only_medium(tmp_path, good_db):
    """A database on a medium mounted read-only: the commands that only read work."""
    with _tmpfs(tmp_path / "medium", "8m") as medium:
        db = medium / "c.db"
        shutil.copyfile(good_db, db)
        remount = subprocess.run(
            ["mount", "-o", "remount,ro", str(medium)], capture_output=True, text=True
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount a tmpfs read-only here: {remount.stderr.strip()}")
        before = _files(db)
        proc = _cli(["ingest", str(SEEDS), "--db", str(db)])
        assert_one_line_error(proc, str(db), "cannot write")
        _read_only_commands_work(lambda args: _cli(args), db, tmp_path)
        assert _files(db) == before


def _fsize_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def _content(db: Path) -> tuple:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (
            conn.execute("SELECT count(*), group_concat(sha256) FROM documents").fetchone(),
            conn.execute("SELECT count(*), sum(id) FROM claims").fetchone(),
        )
    finally:
        conn.close()


def test_file_size_limit_is_a_clean_error_and_nothing_is_written(tmp_path, good_db):
    db = tmp_path / "c.db"
    shutil.copyfile(good_db, db)
    before_bytes = hashlib.sha256(db.read_bytes()).hexdigest()
    before = _content(db)
    big = write_jsonl(tmp_path / "big.jsonl", articles(400, offset=100))
    proc = _cli(["ingest", str(big), "--db", str(db)], preexec=_fsize_limit(256 * 1024))
    assert_one_line_error(proc, str(db), "nothing was written")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before_bytes
    assert _content(db) == before
    # An export that cannot be written leaves no file behind.
    target = tmp_path / "facts.jsonl"
    proc = _cli(
        ["export", "--status", "any", "--history", "--db", str(db), "-o", str(target)],
        preexec=_fsize_limit(64 * 1024),  # above the 32 KB -shm, below the export
    )
    assert_one_line_error(proc, str(target), "cannot write")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.jsonl", "c.db"]


@contextlib.contextmanager
def _tmpfs(path: Path, size: str):
    path.mkdir()
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.decode().strip()}")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
def test_full_disk_tmpfs(tmp_path, good_db):
    with _tmpfs(tmp_path / "small", "2m") as disk:
        db = disk / "c.db"
        shutil.copyfile(good_db, db)
        before_bytes = hashlib.sha256(db.read_bytes()).hexdigest()
        before = _content(db)
        # Leave 160 KB: enough to open the database, not to import 100 articles.
        filler = disk / "filler"
        st = os.statvfs(disk)
        filler.write_bytes(b"\0" * (st.f_bavail * st.f_frsize - 160 * 1024))
        big = write_jsonl(tmp_path / "big.jsonl", articles(100, offset=100))
        proc = _cli(["ingest", str(big), "--db", str(db)])
        assert_one_line_error(proc, str(db), "the disk is full", "nothing was written")
        # Export to the full disk: a clean error and no file, partial or temporary.
        proc = _cli(["export", "--status", "any", "--db", str(db), "-o", str(disk / "o.jsonl")])
        assert_one_line_error(proc, "o.jsonl", "cannot write")
        assert sorted(p.name for p in disk.iterdir() if not p.name.startswith("c.db")) == ["filler"]
        filler.unlink()
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before_bytes
        assert _content(db) == before


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")
async def test_review_app_on_a_full_disk_never_crashes_or_lies(tmp_path, good_db):
    from tui.app import make_app

    with _tmpfs(tmp_path / "small", "2m") as disk:
        db = disk / "c.db"
        shutil.copyfile(good_db, db)
        app = make_app(str(db), "kim")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            filler = disk / "filler"
            with contextlib.suppress(OSError), filler.open("wb", buffering=0) as f:
                while True:
                    f.write(b"\0" * 4096)
            decided = []
            for _ in range(5):
                claim = app.screen.claim["id"]
                await pilot.press("a")
                await pilot.pause()
                decided.append((claim, app.screen.claim["id"] != claim))
            assert app.is_running
            errors = [n for n in app._notifications if n.severity == "error"]
            statuses = dict(sqlite3.connect(db).execute("SELECT id, status FROM claims"))
            for claim, moved_on in decided:
                # The screen moved on exactly when the decision is on disk.
                assert (statuses[claim] == "accepted") == moved_on, (claim, statuses[claim])
            if not all(moved for _, moved in decided):
                assert errors and "the disk is full" in errors[-1].message
                assert "nothing was saved" in errors[-1].message
            # With space again, the same key saves the decision.
            filler.unlink()
            claim = app.screen.claim["id"]
            await pilot.press("a")
            await pilot.pause()
            assert app.screen.claim["id"] != claim
            status = sqlite3.connect(db).execute("SELECT status FROM claims WHERE id = ?", (claim,))
            assert status.fetchone()[0] == "accepted"
