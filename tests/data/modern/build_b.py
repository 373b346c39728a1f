"""Build articles_b.jsonl and modern_b_claims.jsonl from the hand-written
articles and annotation specs in src_b/*.py (offsets found with str.find and a
running position, never counted by hand)."""
import importlib.util
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
DIGITS = set("0123456789０１２３４５６７８９.")


def num(s):
    s = s.strip()
    if s == "" or s == "None":
        return None
    v = float(s)
    return int(v) if v.is_integer() else v


def find(text, surface, pos):
    """Next occurrence of surface at or after pos whose edges are not glued to
    other digits (so that '5%' is not found inside '15%')."""
    while True:
        i = text.find(surface, pos)
        if i < 0:
            raise SystemExit(f"not found after {pos}: {surface!r}")
        before = text[i - 1] if i > 0 else ""
        after = text[i + len(surface)] if i + len(surface) < len(text) else ""
        if (surface[0] in DIGITS and before in DIGITS) or (surface[-1] in DIGITS and after in DIGITS):
            pos = i + 1
            continue
        return i


def parse(doc, text, spec):
    rows, pos = [], 0
    for line in spec.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        look = line.startswith("-")
        if look:
            surface, _, note = line[1:].partition("|")
            i = find(text, surface, pos)
            rows.append({"doc": doc, "surface": surface, "start": i, "end": i + len(surface),
                         "value": None, "value_max": None, "unit": "", "qualifier": "=",
                         "subject": None, "predicate": None, "time": None, "claim": False,
                         "kind": "other", "note": "NOT a claim: " + note.strip()})
        else:
            f = [x.strip() for x in line.split("|")]
            if len(f) < 9:
                raise SystemExit(f"{doc}: short spec line {line!r}")
            surface, value, vmax, unit, q, subj, pred, time, kind = f[:9]
            note = f[9] if len(f) > 9 else ""
            i = find(text, surface, pos)
            rows.append({"doc": doc, "surface": surface, "start": i, "end": i + len(surface),
                         "value": num(value), "value_max": num(vmax), "unit": unit,
                         "qualifier": q, "subject": subj or None, "predicate": pred or None,
                         "time": time or None, "claim": True, "kind": kind, "note": note})
        pos = i + len(rows[-1]["surface"])
    return rows


def main():
    arts, claims = [], []
    for p in sorted((HERE / "src_b").glob("a*.py")):
        spec_ = importlib.util.spec_from_file_location(p.stem, p)
        m = importlib.util.module_from_spec(spec_)
        spec_.loader.exec_module(m)
        text = "".join(m.PARAS)
        arts.append({"id": m.ID, "category": m.CATEGORY, "text": text})
        claims.extend(parse(m.ID, text, m.SPEC))
    with open(HERE / "articles_b.jsonl", "w", encoding="utf-8") as f:
        for a in arts:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    with open(HERE / "modern_b_claims.jsonl", "w", encoding="utf-8") as f:
        for c in claims:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    print(f"{len(arts)} articles, {len(claims)} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
