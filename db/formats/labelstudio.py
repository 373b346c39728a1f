"""Label Studio JSON: a list of tasks (or one task) with ``data.text``, ``annotations`` and
``predictions``, each a ``result`` list of ``labels`` regions and ``relation`` items.

Label Studio counts offsets in JavaScript string units (UTF-16): a character outside the Basic
Multilingual Plane (an emoji, a rare CJK character) counts two. They are converted to Python
offsets on reading and back on writing.

Decisions: when a task has an annotation (its latest, not cancelled), its regions are accepted
claims and the predicted quantities it left out are rejected; without one, predictions are
pending candidates. Regions written by claimdesk carry the claim's fields in ``meta.claimdesk``,
which then decide (so an export read back is exactly the database it came from), except that a
pending claim an annotator moved into the annotation is accepted by that annotator.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO

from db.errors import InputError
from db.formats.mapping import (
    LABELS,
    Link,
    Span,
    Task,
    as_dict,
    as_int,
    normalise_text,
    py_to_utf16,
    utf16_offsets,
    utf16_to_py,
)
from db.jsonl import json_problem

FROM_NAME = "label"
TO_NAME = "text"


def iso(value: object) -> str | None:
    """A tool's timestamp (ISO text or Unix seconds) as claimdesk stores times, or None."""
    try:
        if isinstance(value, int | float) and not isinstance(value, bool):
            t = datetime.fromtimestamp(value).astimezone()
        elif isinstance(value, str) and value:
            t = datetime.fromisoformat(value)
            if t.tzinfo is None:
                t = t.astimezone()
        else:
            return None
    except (ValueError, OSError, OverflowError):
        return None
    from datetime import UTC

    return t.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _who(value: object) -> str | None:
    if isinstance(value, dict):
        value = value.get("email") or value.get("id")
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return f"labelstudio-user-{value}"
    return str(value) or None


def read(path: str, content: str, errors: list[InputError]) -> list[Task]:
    """Tasks of a Label Studio JSON export; problems are appended to ``errors``."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        errors.append(InputError(path, f"malformed JSON ({json_problem(exc)})", exc.lineno))
        return []
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        errors.append(InputError(path, "expected a list of Label Studio tasks"))
        return []
    tasks = []
    for n, item in enumerate(data, start=1):
        task = _task(path, n, item, errors)
        if task is not None:
            tasks.append(task)
    return tasks


def _task(path: str, n: int, item: object, errors: list[InputError]) -> Task | None:
    def bad(problem: str) -> None:
        errors.append(InputError(path, f"task {n}: {problem}"))

    if not isinstance(item, dict) or not isinstance(item.get("data"), dict):
        bad("not a task (an object with 'data')")
        return None
    data = item["data"]
    raw = data.get("text")
    if not isinstance(raw, str) or not raw.strip():
        bad("data.text is missing or empty")
        return None
    if "\x00" in raw:
        bad("data.text contains a NUL character")
        return None
    text, move = normalise_text(raw)
    table = utf16_offsets(raw)
    rid = data.get("doc_source") or data.get("id")
    source = (
        str(rid)
        if rid not in (None, "")
        else (f"{path}#{item['id']}" if item.get("id") is not None else f"{path}:{n}")
    )
    task = Task(
        text=text,
        where=None,
        prefix=f"task {n}: ",
        source=source,
        title=str(data.get("title") or ""),
        date=data.get("date") if isinstance(data.get("date"), str) else None,
        url=data.get("url") if isinstance(data.get("url"), str) else None,
    )
    annotations = [
        a
        for a in (item.get("annotations") or item.get("completions") or [])
        if isinstance(a, dict) and not a.get("was_cancelled")
    ]
    predictions = [p for p in item.get("predictions") or [] if isinstance(p, dict)]

    def regions(result: object, prefix: str) -> tuple[list[Span], list[Link]]:
        spans: list[Span] = []
        links: list[Link] = []
        if not isinstance(result, list):
            bad("a result is not a list")
            return spans, links
        for r in result:
            if not isinstance(r, dict):
                continue
            if r.get("type") == "relation":
                labels = r.get("labels") or [""]
                links.append(
                    Link(f"{prefix}{r.get('from_id')}", f"{prefix}{r.get('to_id')}", str(labels[0]))
                )
                continue
            if r.get("type") not in ("labels", "hypertextlabels"):
                continue
            v = r.get("value")
            if not isinstance(v, dict):
                bad(f"region {r.get('id')}: no value")
                continue
            s16, e16, labels = as_int(v.get("start")), as_int(v.get("end")), v.get("labels")
            if s16 is None or e16 is None:
                bad(f"region {r.get('id')}: value.start and value.end must be integers")
                continue
            if not isinstance(labels, list) or not labels:
                bad(f"region {r.get('id')}: value.labels is empty")
                continue
            s, e = utf16_to_py(table, s16), utf16_to_py(table, e16)
            if s is None or e is None:
                bad(
                    f"region {r.get('id')}: offsets {s16}..{e16} are not on character boundaries"
                    f" of the text ({table[-1]} UTF-16 units)"
                )
                continue
            cd = as_dict(as_dict(r.get("meta")).get("claimdesk")) or None
            score = r.get("score") if isinstance(r.get("score"), int | float) else None
            surface = v.get("text") if isinstance(v.get("text"), str) else None
            if surface is not None and raw[s:e] != surface:
                bad(
                    f"region {r.get('id')} says {surface!r} but the text at {s16}..{e16}"
                    f" (UTF-16) is {raw[s:e]!r}"
                )
                continue
            for k, label in enumerate(labels):
                key = f"{prefix}{r.get('id')}" + (f"#{k}" if k else "")
                spans.append(
                    Span(
                        key,
                        move(s),
                        move(e),
                        str(label),
                        raw[s:e].replace("\r\n", "\n"),
                        meta=cd,
                        score=score,
                    )
                )
        return spans, links

    if annotations:
        latest = annotations[-1]
        spans, links = regions(latest.get("result"), "")
        reviewer = _who(latest.get("completed_by")) or "labelstudio"
        decided = iso(latest.get("updated_at") or latest.get("created_at"))
        kept = {(sp.start, sp.end) for sp in spans}
        for sp in spans:
            # a foreign region, or one of claimdesk's still pending that an annotator kept
            if sp.meta is None or sp.meta.get("status") in (None, "pending"):
                sp.status, sp.reviewer, sp.decided_at = "accepted", reviewer, decided
        for p in predictions:
            p_spans, p_links = regions(p.get("result"), f"p{predictions.index(p)}:")
            ours = {sp.key for sp in p_spans if sp.meta is not None}
            ours |= {k for link in p_links if link.head in ours for k in (link.child,)}
            for sp in p_spans:
                if sp.key in ours:  # claimdesk's own claims: their fields decide
                    spans.append(sp)
                    continue
                if (sp.start, sp.end) in kept:
                    continue
                if sp.meta is None:  # left out of the annotation: rejected
                    sp.status, sp.reviewer, sp.decided_at = "rejected", reviewer, decided
                spans.append(sp)
                kept.add((sp.start, sp.end))
            links.extend(p_links)
        task.origin = "reviewer"
        task.rule = "labelstudio:annotation"
    else:
        spans, links = [], []
        seen: set[tuple[int, int, str]] = set()
        for p in predictions:
            p_spans, p_links = regions(p.get("result"), f"p{predictions.index(p)}:")
            for sp in p_spans:
                if (sp.start, sp.end, sp.label) not in seen:
                    seen.add((sp.start, sp.end, sp.label))
                    spans.append(sp)
            links.extend(p_links)
        version = next((str(p["model_version"]) for p in predictions if p.get("model_version")), "")
        task.rule = f"labelstudio:{version}" if version else "labelstudio:prediction"
    task.spans, task.links = spans, links
    return task


def write(docs: Iterable, out: IO[str]) -> int:
    """Write a JSON list of tasks, one per document; returns the number of claims written."""
    n = 0
    out.write("[")
    for i, doc in enumerate(docs):
        table = utf16_offsets(doc.text)
        accepted = [c for c in doc.claims if c.meta["status"] == "accepted"]
        others = [c for c in doc.claims if c.meta["status"] != "accepted"]
        data = {"text": doc.text, "doc_source": doc.source, "title": doc.title}
        if doc.date:
            data["date"] = doc.date
        if doc.url:
            data["url"] = doc.url
        task: dict = {"id": doc.doc_id, "data": data, "annotations": [], "predictions": []}
        if accepted:
            task["annotations"].append(
                {
                    "result": _result(doc.text, table, accepted, "manual"),
                    "was_cancelled": False,
                    "ground_truth": False,
                }
            )
        if others:
            task["predictions"].append(
                {
                    "model_version": "claimdesk",
                    "result": _result(doc.text, table, others, "prediction"),
                }
            )
        n += len(doc.claims)
        out.write(("," if i else "") + "\n" + json.dumps(task, ensure_ascii=False))
    out.write("\n]\n")
    return n


def _result(text: str, table: list[int], claims: list, origin: str) -> list[dict]:
    out: list[dict] = []
    roles_done: dict[tuple[str, int, int], str] = {}

    def region(rid: str, start: int, end: int, label: str) -> dict:
        return {
            "id": rid,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "origin": origin,
            "value": {
                "start": py_to_utf16(table, start),
                "end": py_to_utf16(table, end),
                "text": text[start:end],
                "labels": [label],
            },
        }

    for c in claims:
        s, e, _ = c.quantity
        qid = f"q{c.claim_id}"
        q = region(qid, s, e, LABELS["quantity"])
        q["meta"] = {"claimdesk": c.meta}
        if c.meta.get("confidence") is not None:
            q["score"] = c.meta["confidence"]
        out.append(q)
        for role, rs, re_ in c.roles:
            key = (role, rs, re_)
            if key not in roles_done:
                roles_done[key] = f"{role[0]}{rs}-{re_}"
                out.append(region(roles_done[key], rs, re_, LABELS[role]))
            out.append(
                {
                    "from_id": qid,
                    "to_id": roles_done[key],
                    "type": "relation",
                    "direction": "right",
                    "labels": [LABELS[role]],
                }
            )
    return out
