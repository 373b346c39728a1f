"""Validators that mirror what each tool accepts, for checking claimdesk's exports.

Each one checks the shape the tool's own importer reads (taken from the tools' documentation
and example files in tests/data/formats/) and that every span's offsets select its text in the
tool's own offset units. They raise AssertionError with the first problem found.
"""

from __future__ import annotations

import json
import re
from pathlib import Path


def _utf16_slice(text: str, start: int, end: int) -> str:
    data = text.encode("utf-16-le")
    return data[start * 2 : end * 2].decode("utf-16-le")


def labelstudio(content: str) -> list[dict]:
    """Label Studio's JSON task import: a list of tasks with data.text; results of labels
    regions (value.start/end in UTF-16 units selecting value.text) and relations between
    region ids of the same result."""
    tasks = json.loads(content)
    assert isinstance(tasks, list)
    for t in tasks:
        assert isinstance(t["data"], dict) and isinstance(t["data"]["text"], str)
        text = t["data"]["text"]
        for group in ("annotations", "predictions"):
            for item in t.get(group, []):
                result = item["result"]
                assert isinstance(result, list)
                ids = {r["id"] for r in result if r["type"] == "labels"}
                assert len(ids) == sum(r["type"] == "labels" for r in result), "region ids repeat"
                for r in result:
                    assert r["type"] in ("labels", "relation")
                    if r["type"] == "labels":
                        v = r["value"]
                        assert {"from_name", "to_name", "id"} <= r.keys()
                        assert isinstance(v["start"], int) and isinstance(v["end"], int)
                        assert 0 <= v["start"] < v["end"]
                        assert _utf16_slice(text, v["start"], v["end"]) == v["text"], r
                        assert v["labels"] and all(isinstance(x, str) for x in v["labels"])
                    else:
                        assert r["from_id"] in ids and r["to_id"] in ids
                        assert r["direction"] in ("right", "left", "bi")
    return tasks


def doccano(content: str) -> list[dict]:
    """doccano's relation-extraction JSONL import: text, entities with integer ids and
    start_offset/end_offset (code points), relations from_id/to_id naming entities."""
    out = []
    for line in content.splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = rec["text"]
        assert isinstance(text, str)
        ids = set()
        for e in rec["entities"]:
            assert isinstance(e["id"], int) and isinstance(e["label"], str)
            assert 0 <= e["start_offset"] < e["end_offset"] <= len(text)
            ids.add(e["id"])
        for r in rec["relations"]:
            assert r["from_id"] in ids and r["to_id"] in ids and isinstance(r["type"], str)
        out.append(rec)
    return out


def prodigy(content: str) -> list[dict]:
    """Prodigy's JSONL task format: text, spans with start/end/label inside the text, an
    answer of accept/reject/ignore when annotated, relations with head_span/child_span."""
    out = []
    for line in content.splitlines():
        task = json.loads(line)
        text = task["text"]
        for sp in task.get("spans", []):
            assert 0 <= sp["start"] < sp["end"] <= len(text)
            assert isinstance(sp["label"], str) and sp["label"]
            if "text" in sp:
                assert text[sp["start"] : sp["end"]] == sp["text"]
        for rel in task.get("relations", []):
            assert rel["head_span"] in task["spans"] and rel["child_span"] in task["spans"]
        if "answer" in task:
            assert task["answer"] in ("accept", "reject", "ignore")
        out.append(task)
    return out


_T = re.compile(r"^T\d+\t[\w-]+ \d+ \d+\t[^\n]*$")
_R = re.compile(r"^R\d+\t[\w-]+ Arg1:T\d+ Arg2:T\d+\s*$")
_E = re.compile(r"^E\d+\t[\w-]+:T\d+( [\w-]+:[TE]\d+)*$")
_A = re.compile(r"^A\d+\t[\w-]+ [TER]\d+( \S+)?$")
_N = re.compile(r"^#\d+\tAnnotatorNotes [TERA]\d+\t.*$")


def brat(folder: Path) -> int:
    """A brat collection: every .ann beside its .txt; T lines select their text (code points);
    R, E, A and # lines name annotations of the same file; attribute values are declared in
    annotation.conf (when the folder has one). Returns the number of .ann files."""
    conf_file = folder / "annotation.conf"
    conf = conf_file.read_text(encoding="utf-8") if conf_file.exists() else ""
    declared: dict[str, set[str]] = {}
    section = ""
    for line in conf.splitlines():
        if line.startswith("["):
            section = line
        elif section == "[attributes]" and line.strip():
            name, _, rest = line.partition(" ")
            values = rest.split("Value:")[1] if "Value:" in rest else ""
            declared[name] = set(values.split("|"))
    n = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        ids = set()
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                assert _T.match(line), line
                key, mid, surface = line.split("\t")
                _, s, e = mid.split(" ")
                assert text[int(s) : int(e)] == surface, line
                ids.add(key)
            elif line.startswith("R"):
                assert _R.match(line), line
                args = re.findall(r"Arg\d:(T\d+)", line)
                assert all(a in ids for a in args), line
            elif line.startswith("E"):
                assert _E.match(line), line
                ids.add(line.split("\t")[0])
            elif line.startswith("A"):
                assert _A.match(line), line
                _, rest = line.split("\t")
                name, target, *value = rest.split(" ")
                assert target in ids, line
                if conf:
                    assert name in declared, line
                    assert not value or value[0] in declared[name], line
            elif line.startswith("#"):
                assert _N.match(line), line
            else:
                raise AssertionError(f"unexpected line {line!r}")
        n += 1
    return n
