"""Run a command as a child process and measure it: wall time, peak memory, exit status.

Peak memory is measured two ways, because ``--workers N`` spreads work over grandchildren:

- ``maxrss_mb``: the child's own peak resident set, from ``wait4``'s ``ru_maxrss`` (exact, but
  only for the process started, not its children; and never below the measuring process's own
  peak at the start: Linux keeps the high-water mark of the memory the child was forked from
  when it execs, so measure from a small process, as the bench scripts do);
- ``tree_rss_mb``: the largest sum of ``VmRSS`` over the child and all its descendants, sampled
  from ``/proc`` every ``interval`` seconds (Linux; misses peaks shorter than the interval).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(slots=True)
class Run:
    """What one measured command did."""

    cmd: list[str]
    seconds: float
    exit_code: int
    maxrss_mb: float
    tree_rss_mb: float
    stdout: str
    stderr: str

    def check(self) -> Run:
        """Raise with the command's standard error when it failed."""
        if self.exit_code != 0:
            raise RuntimeError(
                f"{' '.join(self.cmd)} exited with {self.exit_code}:\n{self.stderr[-2000:]}"
            )
        return self


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid ...; comm may hold spaces and parentheses
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants now, in MB."""
    tree = _children()
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += _rss_kb(p)
        todo.extend(tree.get(p, ()))
    return total / 1024


def run(
    cmd: list[str],
    *,
    cwd: str | os.PathLike[str] | None = None,
    env: dict[str, str] | None = None,
    interval: float = 0.2,
    stdout_path: Path | None = None,
) -> Run:
    """Run ``cmd`` to completion, sampling its process tree's memory.

    Standard output goes to ``stdout_path`` when given (a big export), else it is captured.
    """
    out_f = open(stdout_path, "wb") if stdout_path else None  # noqa: SIM115
    t0 = time.perf_counter()
    stdout = out_f if out_f is not None else subprocess.PIPE
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_mb(proc.pid))
            stop.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    # Read the pipes in threads so a chatty child never blocks, then reap it with wait4 to get
    # its own rusage (Popen.wait would discard it).
    chunks: dict[str, bytes] = {"out": b"", "err": b""}

    def drain(name: str, pipe) -> None:
        chunks[name] = pipe.read()

    readers = [threading.Thread(target=drain, args=("err", proc.stderr))]
    if proc.stdout is not None:
        readers.append(threading.Thread(target=drain, args=("out", proc.stdout)))
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stop.set()
    sampler.join()
    for r in readers:
        r.join()
    if out_f is not None:
        out_f.close()
    return Run(
        cmd=[str(c) for c in cmd],
        seconds=seconds,
        exit_code=proc.returncode,
        maxrss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=max(peak, usage.ru_maxrss / 1024),
        stdout=chunks["out"].decode("utf-8", "replace"),
        stderr=chunks["err"].decode("utf-8", "replace"),
    )
