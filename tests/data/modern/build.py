"""Build articles_X.jsonl and modern_X_claims.jsonl from src_X/XNN.py (hand-written gold) for
the half X named on the command line (a, c, d-n; half b has its own build_b.py):
``python3 build.py a``.

Offsets are found with str.find from a running position, in the order the mentions are listed.
"""
import importlib, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
HALF = sys.argv[1] if len(sys.argv) == 2 and sys.argv[1] in ("a", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v") else None
if HALF is None:
    raise SystemExit("usage: python3 build.py a|c|d-v")
SRC = os.path.join(HERE, f"src_{HALF}")
sys.path[:0] = [SRC, HERE]  # the articles, then h.py (the helpers they import)

KEYS = ["doc", "surface", "start", "end", "value", "value_max", "unit", "qualifier", "subject",
        "predicate", "time", "claim", "kind", "note"]


def main():
    mods = sorted(f[:-3] for f in os.listdir(SRC) if f.startswith(HALF) and f.endswith(".py"))
    arts, lines = [], []
    for m in mods:
        mod = importlib.import_module(m)
        text = mod.TEXT
        assert "\n" not in text, m
        arts.append({"id": mod.ID, "category": mod.CAT, "text": text})
        pos = 0
        for a in mod.ANN:
            i = text.find(a["surface"], pos)
            if i < 0:
                raise SystemExit(f"{mod.ID}: {a['surface']!r} not found after {pos} ({text[pos:pos+40]!r})")
            row = {"doc": mod.ID, "start": i, "end": i + len(a["surface"]), **a}
            for k in ("value", "value_max"):
                v = row[k]
                if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
                    row[k] = int(v)
                elif isinstance(v, float):
                    row[k] = round(v, 10)
            lines.append({k: row[k] for k in KEYS})
            pos = i + len(a["surface"])
    with open(os.path.join(HERE, f"articles_{HALF}.jsonl"), "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(os.path.join(HERE, f"modern_{HALF}_claims.jsonl"), "w", encoding="utf-8") as f:
        for l in lines:
            f.write(json.dumps(l, ensure_ascii=False) + "\n")
    print(len(arts), "articles,", len(lines), "lines")


if __name__ == "__main__":
    main()
