"""brat standoff: a ``.txt`` file and a ``.ann`` file beside it.

``.ann`` lines read: ``T`` text-bound spans (``T1<TAB>LABEL START END<TAB>TEXT``), ``R``
relations (``R1<TAB>LABEL Arg1:T1 Arg2:T2``), ``A``/``M`` attributes (``A1<TAB>Status T1
accepted`` decides a quantity: pending, accepted or rejected) and ``#`` notes (a note on a
quantity that starts with ``claimdesk`` carries the claim's fields as JSON). Events (``E``),
normalisations (``N``) and equivalences (``*``) have no claim meaning and are left out.
Discontinuous spans (``0 5;8 12``) are refused. brat offsets are code points.

Export writes a *folder*, a brat collection: one ``.txt``/``.ann`` pair per document and an
``annotation.conf`` declaring the labels, relations and attributes, so the folder can be copied
into brat's ``data/`` as it is.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from db.errors import InputError
from db.formats.mapping import LABELS, ROLES, Link, Span, Task, normalise_text
from db.ingest import decode, read_bytes

NOTE_PREFIX = "claimdesk "
STATUSES = ("pending", "accepted", "rejected")
_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(\S+) Arg2:(\S+)\s*$")
_A = re.compile(r"^([AM]\d+)\t(\S+) (\S+)(?: (\S+))?\s*$")
_NOTE = re.compile(r"^(#\d*)\t(\S+) (\S+)\t?(.*)$")


def read(path: str, errors: list[InputError], *, encoding: str | None = None) -> list[Task]:
    """The task of one ``.ann`` file and the ``.txt`` beside it; problems go to ``errors``."""
    ann_path = Path(path)
    txt_path = ann_path.with_suffix(".txt")
    ann = decode(read_bytes(str(ann_path)), path, encoding)
    raw = decode(read_bytes(str(txt_path)), str(txt_path), encoding)
    if not raw.strip():
        errors.append(InputError(str(txt_path), "empty text"))
        return []
    text, move = normalise_text(raw)
    task = Task(text=text, where=None, source=str(txt_path), rule="brat")
    spans: dict[str, Span] = {}
    attrs: list[tuple[int, str, str, str | None]] = []
    notes: list[tuple[int, str, str]] = []
    for n, line in enumerate(ann.split("\n"), start=1):
        if not line.strip():
            continue

        def bad(problem: str, n: int = n) -> None:
            errors.append(InputError(path, problem, n))

        kind = line[0]
        if kind == "T":
            m = _T.match(line)
            if not m:
                bad("malformed text-bound line (expected Tn<TAB>LABEL START END<TAB>TEXT)")
                continue
            key, label, where, surface = m.groups()
            if ";" in where:
                bad(f"{key}: discontinuous spans are not supported")
                continue
            s, e = (int(x) for x in where.split())
            if not 0 <= s < e <= len(raw):
                bad(f"{key}: offsets {s}..{e} lie outside the text ({len(raw)} characters)")
                continue
            if raw[s:e] != surface:
                bad(f"{key} says {surface!r} but the text at {s}..{e} is {raw[s:e]!r}")
                continue
            spans[key] = Span(key, move(s), move(e), label, line=n)
        elif kind == "R":
            m = _R.match(line)
            if not m:
                bad("malformed relation line (expected Rn<TAB>LABEL Arg1:Tx Arg2:Ty)")
                continue
            task.links.append(Link(m.group(3), m.group(4), m.group(2)))
        elif kind in "AM":
            m = _A.match(line)
            if not m:
                bad("malformed attribute line (expected An<TAB>NAME ID [VALUE])")
                continue
            attrs.append((n, m.group(2), m.group(3), m.group(4)))
        elif kind == "#":
            m = _NOTE.match(line)
            if not m:
                bad("malformed note line (expected #n<TAB>TYPE ID<TAB>NOTE)")
                continue
            notes.append((n, m.group(3), m.group(4)))
        elif kind not in "EN*":
            bad(f"unknown annotation line kind {kind!r}")
    for n, name, target, value in attrs:
        if name.lower() == "status" and target in spans:
            if value not in STATUSES:
                errors.append(
                    InputError(path, f"Status {value!r} is not one of {', '.join(STATUSES)}", n)
                )
                continue
            spans[target].status = value if value != "pending" else None
    for n, target, note in notes:
        if note.startswith(NOTE_PREFIX) and target in spans:
            try:
                meta = json.loads(note[len(NOTE_PREFIX) :])
            except json.JSONDecodeError as exc:
                errors.append(InputError(path, f"claimdesk note is not JSON ({exc.msg})", n))
                continue
            if isinstance(meta, dict):
                spans[target].meta = meta  # a Status attribute edited in brat still decides
    for sp in spans.values():
        if sp.meta and sp.meta.get("doc_source"):
            task.source = str(sp.meta["doc_source"])
            task.title = str(sp.meta.get("doc_title") or "")
            break
    task.spans = list(spans.values())
    return [task]


def _name(doc) -> str:
    stem = Path(str(doc.source).replace("\\", "/")).stem or "doc"
    stem = re.sub(r"[^\w.-]+", "_", stem)[:60]
    return f"{doc.doc_id:06d}_{stem}"


ANNOTATION_CONF = """\
# claimdesk claims: a QUANTITY span with relations to its roles.
[entities]
{entities}
[relations]
{relations}
<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>
[events]
[attributes]
Status Arg:QUANTITY, Value:pending|accepted|rejected
Kind Arg:QUANTITY, Value:{kinds}
"""


def _write_doc(doc, folder: Path) -> int:
    """Write one document's ``.txt`` and ``.ann``; returns its number of claims."""
    n = 0
    name = _name(doc)
    (folder / f"{name}.txt").write_text(doc.text, encoding="utf-8", newline="")
    lines: list[str] = []
    ids: dict[tuple[str, int, int], str] = {}
    counts = {"T": 0, "R": 0, "A": 0, "#": 0}

    def new(kind: str) -> str:
        counts[kind] += 1
        return f"{kind}{counts[kind]}"

    def span(role: str, s: int, e: int) -> str:
        key = (role, s, e)
        if key not in ids:
            ids[key] = new("T")
            surface = doc.text[s:e]
            lines.append(f"{ids[key]}\t{LABELS[role]} {s} {e}\t{surface}")
        return ids[key]

    for c in doc.claims:
        s, e, _ = c.quantity
        if "\n" in doc.text[s:e]:
            continue  # brat cannot show a line break inside a span
        q = span("quantity", s, e)
        lines.append(f"{new('A')}\tStatus {q} {c.meta.get('status') or 'pending'}")
        lines.append(f"{new('A')}\tKind {q} {c.meta.get('kind') or 'other'}")
        note = json.dumps(c.meta, ensure_ascii=False)
        lines.append(f"{new('#')}\tAnnotatorNotes {q}\t{NOTE_PREFIX}{note}")
        for role, rs, re_ in c.roles:
            if "\n" in doc.text[rs:re_]:
                continue
            t = span(role, rs, re_)
            lines.append(f"{new('R')}\t{LABELS[role]} Arg1:{q} Arg2:{t}")
        n += 1
    (folder / f"{name}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    return n


def write(docs: Iterable, folder: Path) -> int:
    """Write a brat collection into ``folder``; returns the number of claims written."""
    from db.schema import KINDS

    n = 0
    for doc in docs:
        n += _write_doc(doc, folder)
    roles = [r for r in ROLES if r != "quantity"]
    conf = ANNOTATION_CONF.format(
        entities="\n".join(LABELS[r] for r in ROLES),
        relations="\n".join(f"{LABELS[r]} Arg1:QUANTITY, Arg2:{LABELS[r]}" for r in roles),
        kinds="|".join(KINDS),
    )
    (folder / "annotation.conf").write_text(conf, encoding="utf-8")
    return n
