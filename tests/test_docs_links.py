"""Every local link of the README and of docs/*.md resolves: the file exists and, for a
Markdown file, the ``#anchor`` is one of its headings (GitHub's slugs) or an ``<a id>``."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s]*)\)")


def anchors(text: str) -> set[str]:
    """The anchors GitHub gives a Markdown text: one per heading (lower case, punctuation
    dropped, spaces as ``-``, a repeated heading numbered ``-1``, ``-2``…) and every
    ``<a id="…">``; headings inside fenced code are none."""
    out: set[str] = set(re.findall(r'<a id="([^"]+)"', text))
    seen: Counter[str] = Counter()
    fenced = False
    for line in text.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            continue
        m = None if fenced else re.match(r"^#{1,6}\s+(.*)$", line)
        if m is None:
            continue
        slug = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower()).replace(" ", "-")
        out.add(f"{slug}-{seen[slug]}" if seen[slug] else slug)
        seen[slug] += 1
    return out


def broken_links(doc: Path) -> list[str]:
    bad = []
    for target in _LINK.findall(doc.read_text(encoding="utf-8")):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists():
            bad.append(f"{target}: no such file")
        elif anchor and file.suffix == ".md" and anchor not in anchors(file.read_text("utf-8")):
            bad.append(f"{target}: no such heading")
    return bad


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_local_links_resolve(doc):
    assert broken_links(doc) == []


def test_anchor_rules(tmp_path):
    text = "# Keys to truth\n## Keys to truth\n### `claimdesk eval` (CSV, 中文)\n```\n# no\n```\n"
    text += '- <a id="hint-labels"></a>**Hint labels**\n'
    assert anchors(text) == {
        "keys-to-truth",
        "keys-to-truth-1",
        "claimdesk-eval-csv-中文",
        "hint-labels",
    }
    doc = tmp_path / "a.md"
    doc.write_text(
        "[ok](#keys) [bad](#nope) [file](b.md) [gone](c.md) [web](https://x.org/#y)\n# Keys\n",
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text("# B\n", encoding="utf-8")
    assert broken_links(doc) == ["#nope: no such heading", "c.md: no such file"]
