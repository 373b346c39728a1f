"""A golden check for speed work: the extractor's whole output on a fixed sample of the corpus.

A change that makes extraction faster must not change what it finds. ``--save`` writes every
candidate of every third corpus article (all fields, the alternatives, and each ranked field's
options with their scores) to a file; ``--check`` extracts again and compares, printing the
first differences. Other changes to the extraction rules change the output on purpose: save a
new golden file from the code before a speed change, then check after it.

``--against REV`` does both in one command: the golden file is written by the code of a git
revision (its tree exported to a temporary directory, run in a process of its own), then
this tree's output is compared with it — ``--against main --every 1`` checks the whole corpus.

Usage::

    python bench/golden.py --save [--file bench/out/golden.jsonl] [--every 3]
    python bench/golden.py --check [--file bench/out/golden.jsonl]
    python bench/golden.py --against main [--every 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
#: A document date, so that time expressions are resolved too.
DATE = "2011-04-12"


def _records(every: int) -> list[tuple[str, str]]:
    out = []
    with open(CORPUS, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip() and i % every == 0:
                rec = json.loads(line)
                out.append((rec["id"], rec["text"]))
    return out


def _lines(every: int) -> list[str]:
    from extractor.core import extract_with_fields

    lines = []
    for doc_id, text in _records(every):
        for cand, fields in extract_with_fields(text, DATE):
            opts = {
                name: [(o.text, o.start, o.end, repr(o.score)) for o in options]
                for name, options in sorted(fields.items())
            }
            lines.append(
                json.dumps(
                    {"doc": doc_id, **cand.to_dict(), "options": opts},
                    ensure_ascii=False,
                    sort_keys=True,
                )
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", action="store_true", help="write the golden file")
    mode.add_argument("--check", action="store_true", help="compare with the golden file")
    mode.add_argument(
        "--against",
        metavar="REV",
        help="write the golden file with a git revision's code, then check",
    )
    ap.add_argument("--file", default=str(ROOT / "bench" / "out" / "golden.jsonl"))
    ap.add_argument("--every", type=int, default=3, help="take every Nth corpus article")
    args = ap.parse_args(argv)
    if not CORPUS.is_file():
        raise SystemExit(f"no corpus at {CORPUS}")
    path = Path(args.file)
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            tree = Path(tmp) / "tree"
            tree.mkdir()
            archive = subprocess.run(
                ["git", "archive", args.against], cwd=ROOT, capture_output=True, check=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
            (Path(tmp) / "shared").symlink_to(CORPUS.parents[1])  # its ../shared/corpus
            path = Path(tmp) / "golden.jsonl"
            save = [sys.executable, str(tree / "bench" / "golden.py"), "--save"]
            save += ["--every", str(args.every), "--file", str(path)]
            env = {**os.environ, "PYTHONPATH": str(tree)}
            subprocess.run(save, cwd=tree, env=env, check=True)
            return _compare(path, args.every)
    if args.check:
        return _compare(path, args.every)
    t0 = time.perf_counter()
    lines = _lines(args.every)
    spent = time.perf_counter() - t0
    docs = len({json.loads(x)["doc"] for x in lines})
    if args.save:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
        print(f"saved {len(lines)} candidates of {docs} articles to {path} ({spent:.1f} s)")
        return 0
    return 1


def _compare(path: Path, every: int) -> int:
    """Extract again and compare with the golden file at ``path``."""
    t0 = time.perf_counter()
    lines = _lines(every)
    spent = time.perf_counter() - t0
    docs = len({json.loads(x)["doc"] for x in lines})
    if not path.is_file():
        raise SystemExit(f"no golden file at {path}: run with --save first")
    want = path.read_text(encoding="utf-8").splitlines()
    if want == lines:
        print(f"identical: {len(lines)} candidates of {docs} articles ({spent:.1f} s)")
        return 0
    shown = 0
    for k in range(max(len(want), len(lines))):
        a = want[k] if k < len(want) else "<none>"
        b = lines[k] if k < len(lines) else "<none>"
        if a != b:
            print(f"candidate {k}:\n  golden: {a[:600]}\n  now:    {b[:600]}")
            shown += 1
            if shown >= 5:
                break
    diff = sum(1 for a, b in zip(want, lines, strict=False) if a != b)
    print(f"DIFFERENT: {len(want)} golden candidates, {len(lines)} now, {diff} lines differ")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
