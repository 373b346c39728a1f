"""Scoring proposed claims against gold annotations (../shared/gold/GUIDELINE.md).

:func:`score` is a pure function over plain dicts, so the CLI can feed it claims loaded from
the database and tests can feed it the extractor's output directly. Rules, from the
guideline's "Details that scoring relies on":

- a gold claim is *found* when a proposal overlaps its span with the same value (within 1e-6
  relative; a gold value of null needs a null proposal) and the same unit (any unit when the
  gold unit is empty). Each proposal finds at most one gold claim;
- a proposal that overlaps a look-alike (``claim: false``) or no gold mention at all is a
  *false alarm*; one that overlaps a gold claim without matching it (wrong value or unit) is
  *mismatched*: it is listed, and counted against precision like a false alarm (the gold
  claim is then a miss);
- subject, predicate, qualifier and time are scored on found claims, after trimming quotes
  and spaces. Subject: equal, one of the gold's ``subject_aliases``, or one contains the other
  and the shorter covers at least 60 % of the longer (有限公司 is not 富途证券国际（香港）有限公司).
  Predicate and time (the gold ``time`` against the proposal's ``time_text``): equal, or one
  contains the other (bracketed parts of a gold predicate are tried with and without their
  content); an empty gold time wants an empty time. Qualifier: equal (empty means ``=``). The
  exact-match rate of the predicate is reported beside it;
- **accept-as-is** is the share of gold claims whose proposal is found and right in
  qualifier, subject, predicate and time: what a reviewer accepts with one key.

Only documents present in the gold are scored; a gold document without proposals counts all
its claims as misses, and proposals for documents the gold does not cover are ignored (their
number is reported).

Run ``python -m extractor.evaluate GOLD.jsonl`` to extract the gold's documents and score
them (documents are read from the seeds folder or the corpus file the gold refers to).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .units import kind_of

_TRIM = "“”\"「」『』'‘’ \t"


def _kind(g: dict) -> str:
    """A gold record's kind; records without one (the seed gold) get their unit's kind."""
    if g.get("kind"):
        return str(g["kind"])
    return kind_of(str(g.get("unit") or "")) if g.get("unit") else "other"


_FIELDS = ("subject", "predicate", "qualifier", "time")


#: Dashes an annotator may type for the one the text writes (1—8月 against 1-8月).
_DASHES = re.compile("[\u2010-\u2015\u2212\uff0d]")


def _norm(s: object) -> str:
    """A field as compared: quotes and spaces trimmed, full-width forms folded to their plain
    ones (NFKC: 张／秒 is 张/秒, （ is ( ) and every dash to ``-``, on both sides alike."""
    if s is None:
        return ""
    folded = _DASHES.sub("-", unicodedata.normalize("NFKC", str(s)))
    return folded.strip(_TRIM).replace(" ", "")


def _same_value(g: Any, p: Any) -> bool:
    if g is None or p is None:
        return g is None and p is None
    try:
        g, p = float(g), float(p)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    if g == p:
        return True
    return abs(g - p) <= 1e-6 * max(abs(g), abs(p))


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _matches(g: dict, p: dict) -> bool:
    if not _overlaps(g, p) or not _same_value(g.get("value"), p.get("value")):
        return False
    gu = _norm(g.get("unit"))
    return not gu or gu == _norm(p.get("unit"))


def _predicate_variants(gold: str) -> list[str]:
    g = _norm(gold)
    if not g:
        return [""]
    without = re.sub(r"[（(][^）)]*[）)]", "", g)
    flat = re.sub(r"[（）()]", "", g)
    inner = re.findall(r"[（(]([^）)]*)[）)]", g)
    return [v for v in dict.fromkeys([g, without, flat, *inner]) if v]


#: The shorter of two subjects that contain each other must cover this share of the longer.
SUBJECT_COVER = 0.6


def subject_right(gold: str, aliases: list[str] | tuple[str, ...], proposed: str) -> bool:
    """Whether a proposed subject names the gold one (equal, an alias, or containment that
    covers at least :data:`SUBJECT_COVER` of the longer)."""
    p = _norm(proposed)
    for g in (_norm(gold), *(_norm(a) for a in aliases)):
        if g == p:
            return True
        contained = bool(g and p) and (g in p or p in g)
        if contained and min(len(g), len(p)) >= SUBJECT_COVER * max(len(g), len(p)):
            return True
    return False


def _aliases(g: dict) -> list[str]:
    raw = g.get("subject_aliases") or []
    if isinstance(raw, str):
        return [raw]
    return [str(a) for a in raw if a]


def _field_right(field: str, g: dict, p: dict) -> tuple[bool, bool]:
    """(right, exactly right) for one field of a found claim."""
    if field == "time":
        gv, pv = _norm(g.get("time")), _norm(p.get("time_text"))
        if not gv or not pv:
            return gv == pv, gv == pv
        return gv in pv or pv in gv, gv == pv
    if field == "subject":
        gv, pv = _norm(g.get("subject")), _norm(p.get("subject"))
        return subject_right(gv, _aliases(g), pv), gv == pv
    if field == "qualifier":
        gv, pv = _norm(g.get("qualifier")) or "=", _norm(p.get("qualifier")) or "="
        return gv == pv, gv == pv
    gv, pv = _norm(g.get(field)), _norm(p.get(field))
    if field == "predicate":
        exact = gv == pv
        if not gv or not pv:
            return exact, exact
        return exact or any(v in pv or pv in v for v in _predicate_variants(gv)), exact
    return gv == pv, gv == pv


def score(gold: list[dict], predicted: list[dict]) -> dict:
    """Score proposed claims against gold mentions.

    Args:
        gold: gold records (``doc, surface, start, end, value, value_max, unit, qualifier,
            subject, predicate, time, claim, kind``).
        predicted: proposals: dicts with the Candidate fields plus ``doc`` (the document's
            source, matching the gold ``doc``).

    Returns:
        A report dict: ``precision``, ``recall``, ``f1``, counts, ``fields`` (accuracy of
        subject, predicate, qualifier and time on found claims, plus ``predicate_exact``),
        ``per_kind`` (the same by gold kind, false alarms by proposed kind), ``misses`` and
        ``false_alarms`` (doc, surface, start, end, and the value/unit involved).
    """
    gold_by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in gold:
        gold_by_doc[str(g["doc"])].append(g)
    pred_by_doc: dict[str, list[dict]] = defaultdict(list)
    ignored = 0
    for p in predicted:
        doc = str(p.get("doc"))
        if doc in gold_by_doc:
            pred_by_doc[doc].append(p)
        else:
            ignored += 1

    found: list[tuple[dict, dict]] = []
    misses: list[dict] = []
    false_alarms: list[dict] = []
    mismatched: list[dict] = []
    for doc in sorted(gold_by_doc):
        golds = sorted(gold_by_doc[doc], key=lambda g: (g["start"], g["end"]))
        preds = sorted(pred_by_doc.get(doc, []), key=lambda p: (p["start"], p["end"]))
        used: set[int] = set()
        for g in (g for g in golds if g.get("claim")):
            hit = None
            for i, p in enumerate(preds):
                if i not in used and _matches(g, p):
                    hit = i
                    break
            if hit is None:
                misses.append(_row(doc, g, g.get("surface", "")))
            else:
                used.add(hit)
                found.append((g, preds[hit]))
        for i, p in enumerate(preds):
            if i in used:
                continue
            over = [g for g in golds if _overlaps(g, p)]
            row = _row(doc, p, p.get("quantity_text", ""))
            if not over or any(not g.get("claim") for g in over):
                false_alarms.append(row)
            else:
                row["gold"] = ", ".join(f"{g.get('value')} {g.get('unit') or '-'}" for g in over)
                mismatched.append(row)

    n_gold = sum(1 for g in gold if g.get("claim") and str(g["doc"]) in gold_by_doc)
    tp = len(found)
    wrong = len(false_alarms) + len(mismatched)
    precision = tp / (tp + wrong) if tp + wrong else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    per_kind: dict[str, dict] = {}
    kinds = {_kind(g) for g in gold if g.get("claim")}
    kinds |= {str(f.get("kind") or "other") for f in false_alarms}
    for kind in sorted(kinds):
        k_found = [(g, p) for g, p in found if _kind(g) == kind]
        k_gold = sum(1 for g in gold if g.get("claim") and _kind(g) == kind)
        k_fa = sum(1 for f in false_alarms + mismatched if (f.get("kind") or "other") == kind)
        per_kind[kind] = {
            "gold": k_gold,
            "found": len(k_found),
            "false_alarms": k_fa,
            "recall": len(k_found) / k_gold if k_gold else 0.0,
            "precision": len(k_found) / (len(k_found) + k_fa) if k_found or k_fa else 0.0,
            **_field_scores(k_found),
            "accept_as_is": _accepted(k_found) / k_gold if k_gold else 0.0,
        }

    return {
        "documents": len(gold_by_doc),
        "gold_claims": n_gold,
        "lookalikes": sum(1 for g in gold if not g.get("claim")),
        "proposed": sum(len(v) for v in pred_by_doc.values()),
        "found": tp,
        "false_alarm_count": len(false_alarms),
        "mismatched_count": len(mismatched),
        "ignored_predictions": ignored,
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "accept_as_is": _accepted(found) / n_gold if n_gold else 0.0,
        "accepted_as_is": _accepted(found),
        "fields": _field_scores(found),
        "per_kind": per_kind,
        "misses": misses,
        "false_alarms": false_alarms,
        "mismatched": mismatched,
    }


def _row(doc: str, r: dict, surface: str) -> dict:
    return {
        "doc": doc,
        "surface": surface,
        "start": r.get("start"),
        "end": r.get("end"),
        "value": r.get("value"),
        "unit": r.get("unit"),
        "kind": r.get("kind"),
    }


def accept_as_is(g: dict, p: dict) -> bool:
    """Whether a found proposal is right in qualifier, subject, predicate and time."""
    return all(_field_right(field, g, p)[0] for field in _FIELDS)


def _accepted(found: list[tuple[dict, dict]]) -> int:
    return sum(1 for g, p in found if accept_as_is(g, p))


def _field_scores(found: list[tuple[dict, dict]]) -> dict:
    out: dict[str, float] = {}
    n = len(found)
    for field in _FIELDS:
        right = exact = 0
        for g, p in found:
            r, e = _field_right(field, g, p)
            right += r
            exact += e
        out[field] = right / n if n else 0.0
        if field == "predicate":
            out["predicate_exact"] = exact / n if n else 0.0
    return out


def format_report(report: dict) -> str:
    """Render a :func:`score` report as plain text for the terminal."""
    f = report["fields"]
    lines = [
        f"documents {report['documents']}  gold claims {report['gold_claims']}  "
        f"look-alikes {report['lookalikes']}  proposed {report['proposed']}",
        f"precision {report['precision']:.3f}  recall {report['recall']:.3f}  "
        f"F1 {report['f1']:.3f}  (found {report['found']}, false alarms "
        f"{report['false_alarm_count']}, mismatched {report['mismatched_count']})",
        f"accept-as-is {report['accept_as_is']:.3f}  ({report['accepted_as_is']} of "
        f"{report['gold_claims']} gold claims right in every field)",
        f"on found claims: subject {f['subject']:.3f}  predicate {f['predicate']:.3f} "
        f"(exact {f['predicate_exact']:.3f})  qualifier {f['qualifier']:.3f}  "
        f"time {f['time']:.3f}",
        "",
        f"{'kind':<10}{'gold':>6}{'found':>7}{'FA':>5}{'recall':>8}{'prec':>7}"
        f"{'subj':>7}{'pred':>7}{'qual':>7}{'time':>7}{'as-is':>7}",
    ]
    for kind, k in report["per_kind"].items():
        lines.append(
            f"{kind:<10}{k['gold']:>6}{k['found']:>7}{k['false_alarms']:>5}{k['recall']:>8.2f}"
            f"{k['precision']:>7.2f}{k['subject']:>7.2f}{k['predicate']:>7.2f}"
            f"{k['qualifier']:>7.2f}{k['time']:>7.2f}{k['accept_as_is']:>7.2f}"
        )
    for title, rows in (
        ("misses", report["misses"]),
        ("false alarms", report["false_alarms"]),
        ("mismatched", report["mismatched"]),
    ):
        if rows:
            lines.append("")
            lines.append(f"{title} ({len(rows)}):")
            for r in rows:
                gold_says = f"  (gold: {r['gold']})" if r.get("gold") else ""
                lines.append(
                    f"  {r['doc']}  [{r['start']}:{r['end']}]  {r['surface']}  "
                    f"value={r['value']} unit={r['unit'] or '-'}{gold_says}"
                )
    return "\n".join(lines)


def load_gold(path: str | Path) -> list[dict]:
    """Read a gold JSONL file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class SplitError(ValueError):
    """A split file that cannot be read or has no such part (the message says which)."""


def add_extra_option(ap: argparse.ArgumentParser) -> None:
    """The ``--extra GOLD...`` option of the training commands (:mod:`extractor.train`,
    :mod:`extractor.feedback`): more gold files outside the split, all of them training data."""
    ap.add_argument(
        "--extra",
        action="extend",
        nargs="+",
        default=[],
        metavar="GOLD",
        help="more gold files of articles outside the split (all of them train; repeatable,"
        " several files each); refused if one holds an article of the split's test part",
    )


def split_part(path: str | Path, part: str) -> set[str]:
    """The article ids of one part (``train`` or ``test``) of a split file such as
    ``tests/data/split.json`` (``{"train": [ids], "test": [ids]}``)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise SplitError(f"{path}: cannot read ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SplitError(f"{path}: not a JSON split file ({exc})") from None
    ids = data.get(part) if isinstance(data, dict) else None
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise SplitError(f"{path}: no list of article ids named {part!r}")
    return set(ids)


def restrict(gold: list[dict], docs: set[str]) -> list[dict]:
    """The gold records of these documents only."""
    return [g for g in gold if str(g.get("doc")) in docs]


def default_corpora(here: Path) -> list[str]:
    """The corpus files read when none is named: the shared corpus, then the repository's
    modern-style articles (``tests/data/modern/articles_*.jsonl``)."""
    modern = sorted((here / "tests" / "data" / "modern").glob("articles_*.jsonl"))
    return [str(here.parent / "shared" / "corpus" / "thucnews_sample.jsonl"), *map(str, modern)]


def _documents(gold: list[dict], seeds: Path, corpora: Sequence[Path]) -> dict[str, str]:
    """Texts of the gold's documents: seed files by name, corpus articles by id (the first
    corpus file that holds an id gives its text)."""
    wanted = {str(g["doc"]) for g in gold}
    texts: dict[str, str] = {}
    for doc in wanted:
        path = seeds / doc
        if path.is_file():
            texts[doc] = path.read_text(encoding="utf-8-sig").rstrip()
    for corpus in corpora:
        missing = wanted - set(texts)
        if not missing or not corpus.is_file():
            continue
        with open(corpus, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("id") in missing:
                    texts[rec["id"]] = rec["text"]
                    missing.discard(rec["id"])
    return texts


def predict(texts: dict[str, str]) -> list[dict]:
    """Run the extractor over ``{doc: text}`` and return scoring records."""
    from . import extract

    out: list[dict] = []
    for doc, text in texts.items():
        for c in extract(text):
            out.append({**c.to_dict(), "doc": doc})
    return out


def main(argv: list[str] | None = None) -> int:
    """Command line: extract the documents of gold files and print the scores."""
    here = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(prog="python -m extractor.evaluate", description=__doc__)
    ap.add_argument("gold", nargs="+", help="gold JSONL file(s)")
    ap.add_argument("--seeds", default=str(here / "seeds"), help="folder of seed documents")
    ap.add_argument(
        "--corpus",
        action="append",
        help="corpus JSONL whose ids the gold uses (repeatable; default: the shared corpus and"
        " tests/data/modern/articles_*.jsonl)",
    )
    ap.add_argument("--json", action="store_true", help="print the report as JSON")
    ap.add_argument("--split", help="a split file (tests/data/split.json) to restrict scoring")
    ap.add_argument("--part", default="train", help="the part of --split to score [train]")
    from . import ner

    ner.add_option(ap)
    args = ap.parse_args(argv)
    if args.ner and not ner.use_option(args.ner):
        return 2
    gold = [g for path in args.gold for g in load_gold(path)]
    if args.split:
        try:
            gold = restrict(gold, split_part(args.split, args.part))
        except SplitError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    texts = _documents(
        gold, Path(args.seeds), [Path(c) for c in args.corpus or default_corpora(here)]
    )
    missing = {str(g["doc"]) for g in gold} - set(texts)
    if missing:
        print(f"warning: no text for {sorted(missing)}", file=sys.stderr)
    report = score(gold, predict(texts))
    out = json.dumps(report, ensure_ascii=False, indent=1) if args.json else format_report(report)
    try:
        print(out, flush=True)
    except BrokenPipeError:
        # Read by ``head`` or a pager that quit: stop quietly, as other command-line tools do
        # (standard output goes to /dev/null so the interpreter's own flush at exit is silent).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
