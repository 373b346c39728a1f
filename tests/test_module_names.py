"""No module of the project binds one top-level name twice by accident.

A second ``_RANK_MEASURE_RE = …`` further down ``extractor/quantity.py`` silently replaced the
ordinal reader's pattern, and a rank such as 第三部 was no longer read (nineteenth session;
caught by hand before it shipped). Linters flag a function or an import defined twice, not a
constant assigned twice. A name may be bound again only from itself (a refinement such as
``REVIEW_BINDINGS = [with_ime_keys(b) for b in REVIEW_BINDINGS]``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p for pkg in ("extractor", "db", "tui") for p in (ROOT / pkg).rglob("*.py"))


def _bindings(node: ast.stmt) -> list[tuple[str, ast.AST | None]]:
    """The top-level names ``node`` binds, each with the value it binds (None for a def)."""
    if isinstance(node, ast.Assign):
        return [(t.id, node.value) for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
        return [(node.target.id, node.value)]
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [(node.name, None)]
    return []


def twice_bound(source: str) -> list[str]:
    """Top-level names bound more than once in ``source``, a rebinding from the name itself
    left aside."""
    seen: set[str] = set()
    clashes: list[str] = []
    for node in ast.parse(source).body:
        for name, value in _bindings(node):
            refines = value is not None and any(
                isinstance(n, ast.Name) and n.id == name for n in ast.walk(value)
            )
            if name in seen and not refines:
                clashes.append(name)
            seen.add(name)
    return clashes


def test_the_check_finds_a_constant_bound_twice_and_allows_a_refinement() -> None:
    assert twice_bound("A = 1\nB = 2\nA = 3\n") == ["A"]
    assert twice_bound("def f(): pass\nf = 1\n") == ["f"]
    assert twice_bound("A = [1]\nA = [x + 1 for x in A]\n") == []
    assert twice_bound("A: int = 1\nB = A\n") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    assert twice_bound(path.read_text(encoding="utf-8")) == [], path
