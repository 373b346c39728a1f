"""doccano JSONL: one record per line with ``text`` and either ``label: [[start, end, "L"], …]``
(sequence labelling) or ``entities`` (``id``, ``start_offset``, ``end_offset``, ``label``) with
``relations`` (``from_id``, ``to_id``, ``type``) (relation extraction). doccano counts offsets
in code points, as Python does. A file holding one JSON object or a list of them (as doccano's
own relation example is written) is read too.

doccano has no accept/reject: its spans are imported as pending candidates. claimdesk writes the
relation form, one record per document, with each claim's fields under ``claimdesk`` keyed by
the quantity entity's id (doccano keeps unknown keys as the example's metadata).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import IO

from db.errors import InputError
from db.formats.mapping import LABELS, Link, Span, Task, as_dict, as_int, normalise_text
from db.jsonl import json_problem


def _objects(path: str, content: str, errors: list[InputError]) -> Iterator[tuple[int, object]]:
    lines = content.split("\n")
    first = next((ln for ln in lines if ln.strip()), "")
    try:
        json.loads(first)
        whole = False
    except json.JSONDecodeError:
        whole = True
    if whole:  # one pretty-printed object or a list
        try:
            data = json.loads(content)
        except json.JSONDecodeError as exc:
            errors.append(InputError(path, f"malformed JSON ({json_problem(exc)})", exc.lineno))
            return
        items = data if isinstance(data, list) else [data]
        start = next((i for i, ln in enumerate(lines, start=1) if ln.strip()), 1)
        for k, item in enumerate(items):
            yield (start if len(items) == 1 else k + 1), item
        return
    for n, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            yield n, json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(InputError(path, f"malformed JSON ({json_problem(exc)})", n))


def read(path: str, content: str, errors: list[InputError]) -> list[Task]:
    """Tasks of a doccano JSONL file; problems are appended to ``errors``."""
    tasks = []
    for n, rec in _objects(path, content, errors):

        def bad(problem: str, n: int = n) -> None:
            errors.append(InputError(path, problem, n))

        if not isinstance(rec, dict):
            bad("expected a JSON object")
            continue
        raw = rec.get("text")
        if not isinstance(raw, str) or not raw.strip():
            bad("record has no text")
            continue
        if "\x00" in raw:
            bad("text contains a NUL character")
            continue
        text, move = normalise_text(raw)
        meta = as_dict(rec.get("meta"))
        rid = rec.get("doc_source") or meta.get("doc_source") or rec.get("id")
        task = Task(
            text=text,
            where=n,
            source=str(rid) if rid not in (None, "") else f"{path}:{n}",
            title=str(rec.get("title") or meta.get("title") or ""),
            rule="doccano",
        )
        claims = as_dict(rec.get("claimdesk"))
        spans = []
        if "entities" in rec:
            ents = rec.get("entities")
            if not isinstance(ents, list):
                bad("'entities' must be a list")
                continue
            for e in ents:
                if not isinstance(e, dict):
                    bad("an entity is not an object")
                    continue
                s, t, label = (
                    as_int(e.get("start_offset")),
                    as_int(e.get("end_offset")),
                    e.get("label"),
                )
                if s is None or t is None or not isinstance(label, str):
                    bad(f"entity {e.get('id')}: offsets must be integers and the label text")
                    continue
                key = str(e.get("id"))
                spans.append(_span(key, s, t, label, raw, move, claims.get(key)))
            rels = rec.get("relations") or []
            if not isinstance(rels, list):
                bad("'relations' must be a list")
                continue
            for r in rels:
                if isinstance(r, dict):
                    label = r.get("type") or r.get("label") or ""
                    task.links.append(Link(str(r.get("from_id")), str(r.get("to_id")), str(label)))
        else:
            labels = rec.get("label", rec.get("labels", []))
            if not isinstance(labels, list):
                bad("'label' must be a list of [start, end, label]")
                continue
            for k, item in enumerate(labels):
                ok = isinstance(item, list) and len(item) == 3
                s, t = (as_int(item[0]), as_int(item[1])) if ok else (None, None)
                if s is None or t is None or not isinstance(item[2], str):
                    bad(f'label {k + 1}: expected [start, end, "LABEL"], got {item!r}')
                    continue
                spans.append(_span(str(k), s, t, item[2], raw, move, claims.get(str(k))))
        task.spans = spans
        tasks.append(task)
    return tasks


def _span(key: str, s: int, e: int, label: str, raw: str, move, meta: object) -> Span:
    inside = 0 <= s < e <= len(raw)
    return Span(
        key,
        move(s) if inside else s,
        move(e) if inside else e,
        label,
        meta=meta if isinstance(meta, dict) else None,
    )


def write(docs: Iterable, out: IO[str]) -> int:
    """One JSON line per document in doccano's relation form; returns the number of claims."""
    n = 0
    for doc in docs:
        entities: list[dict] = []
        relations: list[dict] = []
        claims: dict[str, dict] = {}
        roles: dict[tuple[str, int, int], int] = {}
        for c in doc.claims:
            s, e, _ = c.quantity
            qid = len(entities)
            entities.append(
                {"id": qid, "label": LABELS["quantity"], "start_offset": s, "end_offset": e}
            )
            claims[str(qid)] = c.meta
            for role, rs, re_ in c.roles:
                if (role, rs, re_) not in roles:
                    roles[(role, rs, re_)] = len(entities)
                    entities.append(
                        {
                            "id": len(entities),
                            "label": LABELS[role],
                            "start_offset": rs,
                            "end_offset": re_,
                        }
                    )
                relations.append(
                    {
                        "id": len(relations),
                        "from_id": qid,
                        "to_id": roles[(role, rs, re_)],
                        "type": LABELS[role],
                    }
                )
        rec = {
            "text": doc.text,
            "entities": entities,
            "relations": relations,
            "doc_source": doc.source,
            "title": doc.title,
            "claimdesk": claims,
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += len(doc.claims)
    return n
