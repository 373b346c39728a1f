"""Prodigy-style JSONL: one task per line with ``text``, ``spans`` (``start``, ``end``,
``label``), optional ``relations`` (``head_span``/``child_span``, ``label``) and, once
annotated, ``answer`` (``accept``, ``reject`` or ``ignore``) with ``_annotator_id`` and
``_timestamp``. Offsets are code points, as in Python.

An answer is a decision on every quantity of its task: accept -> accepted, reject -> rejected,
ignore or none -> pending. claimdesk writes one task per claim (Prodigy's answer is per task), the
whole document as its text, and the claim's fields under ``claimdesk``; pending claims are
written without an answer, as tasks still to annotate.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from db.errors import InputError
from db.formats.labelstudio import iso
from db.formats.mapping import LABELS, Link, Span, Task, as_dict, as_int, normalise_text
from db.jsonl import json_problem

ANSWERS = {"accept": "accepted", "reject": "rejected", "ignore": "pending"}
_BACK = {"accepted": "accept", "rejected": "reject"}


def read(path: str, content: str, errors: list[InputError]) -> list[Task]:
    """Tasks of a Prodigy JSONL file; problems are appended to ``errors``."""
    tasks: list[Task] = []
    for n, raw_line in enumerate(content.split("\n"), start=1):
        if raw_line.strip():
            task = _task(path, n, raw_line, errors)
            if task is not None:
                tasks.append(task)
    return tasks


def _task(path: str, n: int, raw_line: str, errors: list[InputError]) -> Task | None:
    def bad(problem: str) -> None:
        errors.append(InputError(path, problem, n))

    try:
        rec = json.loads(raw_line)
    except json.JSONDecodeError as exc:
        bad(f"malformed JSON ({json_problem(exc)})")
        return None
    if not isinstance(rec, dict):
        bad("expected a JSON object")
        return None
    raw = rec.get("text")
    if not isinstance(raw, str) or not raw.strip():
        bad("task has no text")
        return None
    if "\x00" in raw:
        bad("text contains a NUL character")
        return None
    answer = rec.get("answer")
    if answer is not None and (not isinstance(answer, str) or answer not in ANSWERS):
        shown = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
        bad(f"answer {shown[:40]!r} is not accept, reject or ignore")
        return None
    text, move = normalise_text(raw)
    cd = as_dict(rec.get("claimdesk")) or None
    meta = as_dict(rec.get("meta"))
    source = (cd or {}).get("doc_source") or meta.get("doc_source")
    if not source:
        h = rec.get("_input_hash")
        source = f"prodigy:{h}" if h is not None else f"{path}:{n}"
    status = ANSWERS.get(answer) if answer else None
    who = rec.get("_annotator_id") or rec.get("_session_id") or "prodigy"
    task = Task(
        text=text,
        where=n,
        source=str(source),
        title=str((cd or {}).get("doc_title") or ""),
        rule=f"prodigy:{rec.get('_view_id') or 'spans'}",
        status=status,
        reviewer=str(who),
        decided_at=iso(rec.get("_timestamp")),
        origin="reviewer" if status in ("accepted", "rejected") else "extractor",
    )
    keys: dict[tuple[int, int, str], str] = {}

    def add(sp: object, k: str) -> str | None:
        if not isinstance(sp, dict):
            bad(f"span {k} is not an object")
            return None
        s, e, label = as_int(sp.get("start")), as_int(sp.get("end")), sp.get("label")
        if s is None or e is None:
            bad(f"span {k}: start and end must be integers")
            return None
        if not isinstance(label, str) or not label:
            bad(f"span {k}: no label")
            return None
        if (s, e, label) in keys:
            return keys[(s, e, label)]
        inside = 0 <= s < e <= len(raw)
        surface = sp.get("text") if isinstance(sp.get("text"), str) else None
        if inside and surface is not None and raw[s:e] != surface:
            bad(f"span {k} says {surface!r} but the text at {s}..{e} is {raw[s:e]!r}")
            return None
        span = Span(k, move(s) if inside else s, move(e) if inside else e, label)
        if label.upper() == LABELS["quantity"] and cd is not None:
            span.meta = cd
            if status is not None and status != cd.get("status"):
                # re-answered in Prodigy: the new answer decides
                span.status, span.reviewer = status, str(who)
                span.decided_at = iso(rec.get("_timestamp"))
        keys[(s, e, label)] = k
        task.spans.append(span)
        return k

    spans = rec.get("spans") or []
    if not isinstance(spans, list):
        bad("'spans' must be a list")
        return None
    for k, sp in enumerate(spans):
        add(sp, str(k))
    rels = rec.get("relations") or []
    if not isinstance(rels, list):
        bad("'relations' must be a list")
        return None
    for k, rel in enumerate(rels):
        if not isinstance(rel, dict):
            continue
        head = add(rel.get("head_span"), f"r{k}h")
        child = add(rel.get("child_span"), f"r{k}c")
        if head is not None and child is not None:
            task.links.append(Link(head, child, str(rel.get("label") or "")))
    return task


def write(docs: Iterable, out: IO[str]) -> int:
    """One task per claim; returns the number of claims written."""
    n = 0
    for doc in docs:
        for c in doc.claims:
            s, e, qt = c.quantity
            q = {"start": s, "end": e, "label": LABELS["quantity"], "text": qt}
            spans = [q]
            relations = []
            for role, rs, re_ in c.roles:
                sp = {"start": rs, "end": re_, "label": LABELS[role], "text": doc.text[rs:re_]}
                spans.append(sp)
                relations.append({"head_span": q, "child_span": sp, "label": LABELS[role]})
            task: dict = {
                "text": doc.text,
                "spans": spans,
                "relations": relations,
                "meta": {"doc_source": doc.source, "claim": qt},
                "claimdesk": c.meta,
            }
            status = c.meta.get("status")
            if status in _BACK:
                task["answer"] = _BACK[status]
                if c.meta.get("reviewer"):
                    task["_annotator_id"] = c.meta["reviewer"]
            out.write(json.dumps(task, ensure_ascii=False) + "\n")
            n += 1
    return n
