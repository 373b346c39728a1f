"""What `claimdesk train --db` does to the ranking on documents its decisions do not cover.

For each gold set, its documents are dealt into two halves (sorted ids, alternately). The gold
of one half stands for a team's decisions (accepted claims with their fields, look-alikes as
rejected candidates) and :func:`extractor.adapt.adapt` — what ``claimdesk train --db`` runs —
builds the team's model from it; the other half is extracted by three models and each field is
judged on the claims found by the eval's rules (:func:`extractor.adapt.held_out`):

- ``shipped``: the model in the package;
- ``decisions alone``: a model fitted on the half's decisions only (:func:`extractor.train.train`,
  what ``claimdesk train`` stored until the twenty-eighth session);
- ``claimdesk train``: the model :func:`~extractor.adapt.adapt` returns (each field as shipped
  unless held-out documents of the half say another ranking is clearly better).

Both halves take each role in turn; the totals are printed per set and field, with the choice
the check made on each half, and written to ``--out`` as JSON. The default sets are the dev
halves K+L, N, O and Q of ``tests/data/modern/`` (none of them in the shipped model's training
data). About two minutes on two cores.

Usage::

    python bench/team_model.py [--set NAME=GOLD.jsonl[,GOLD.jsonl]]... [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractor import load  # noqa: E402
from extractor.adapt import adapt, held_out  # noqa: E402
from extractor.evaluate import _documents, default_corpora, load_gold  # noqa: E402
from extractor.ranker import shipped  # noqa: E402
from extractor.train import FIELDS, train  # noqa: E402

MODERN = ROOT / "tests" / "data" / "modern"
DEFAULT_SETS = {
    "K+L": [MODERN / "modern_k_claims.jsonl", MODERN / "modern_l_claims.jsonl"],
    "N": [MODERN / "modern_n_claims.jsonl"],
    "O": [MODERN / "modern_o_claims.jsonl"],
    "Q": [MODERN / "modern_q_claims.jsonl"],
}
MODELS = ("shipped", "decisions alone", "claimdesk train")


def parse_set(spec: str) -> tuple[str, list[Path]]:
    name, eq, files = spec.partition("=")
    if not eq or not name or not files:
        raise SystemExit(f"--set {spec}: expected NAME=GOLD.jsonl[,GOLD.jsonl]")
    paths = [Path(f) for f in files.split(",")]
    for p in paths:
        if not p.is_file():
            raise SystemExit(f"--set {spec}: no such file {p}")
    return name, paths


def run_set(name: str, files: list[Path]) -> dict:
    gold = [g for f in files for g in load_gold(f)]
    texts = _documents(gold, ROOT / "seeds", [Path(c) for c in default_corpora(ROOT)])
    docs = sorted(texts)
    halves = [set(docs[0::2]), set(docs[1::2])]
    totals = {m: {f: [0, 0] for f in FIELDS} for m in MODELS}
    choices = []
    for k in range(2):
        taught, scored = halves[k], halves[1 - k]
        g_taught = [g for g in gold if g["doc"] in taught]
        g_scored = [g for g in gold if g["doc"] in scored]
        t_taught = {d: texts[d] for d in taught}
        t_scored = {d: texts[d] for d in scored}
        team, picked, _ = adapt(g_taught, t_taught)
        alone, _ = train(g_taught, t_taught, decisions=True)
        choices.append("; ".join(c.describe() for c in picked))
        for model_name, model in zip(MODELS, (shipped(), alone, team), strict=True):
            for field, (right, judged) in held_out(model, g_scored, t_scored).items():
                totals[model_name][field][0] += right
                totals[model_name][field][1] += judged
    return {"documents": len(docs), "totals": totals, "checks": choices}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", action="append", default=[], help="NAME=GOLD.jsonl[,GOLD.jsonl]")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "team_model.json"))
    args = ap.parse_args(argv)
    sets = dict(parse_set(s) for s in args.set) if args.set else DEFAULT_SETS
    load()
    out: dict[str, dict] = {}
    start = time.time()
    for name, files in sets.items():
        result = run_set(name, files)
        out[name] = result
        print(
            f"{name} ({result['documents']} documents, each half's decisions scored on the other)"
        )
        for m in MODELS:
            cells = "  ".join(
                f"{f} {r}/{n} = {r / n:.3f}" if n else f"{f} -"
                for f, (r, n) in result["totals"][m].items()
            )
            print(f"  {m:<16} {cells}")
        for half, check in enumerate(result["checks"], 1):
            print(f"  check on half {half}: {check}")
    summary = {m: {f: [0, 0] for f in FIELDS} for m in MODELS}
    for result in out.values():
        for m in MODELS:
            for f in FIELDS:
                summary[m][f][0] += result["totals"][m][f][0]
                summary[m][f][1] += result["totals"][m][f][1]
    print("all sets")
    for m in MODELS:
        diff = sum(summary[m][f][0] - summary["shipped"][f][0] for f in FIELDS)
        cells = "  ".join(f"{f} {summary[m][f][0]}/{summary[m][f][1]}" for f in FIELDS)
        print(f"  {m:<16} {cells}  ({diff:+d} right fields against shipped)")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(
        json.dumps(
            {"sets": out, "all": summary, "seconds": round(time.time() - start, 1)}, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
