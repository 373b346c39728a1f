"""The layering of DESIGN.md: db and extractor never import Textual, nor each other.

Each check imports a package in a fresh interpreter and inspects ``sys.modules``, like
Harlequin's import-hygiene test, so an indirect import is caught too.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def loaded_after(statement: str) -> set[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {m.split(".")[0] for m in json.loads(out.stdout.splitlines()[-1])}


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        (
            "import db, db.ingest, db.claims, db.connection",
            {"textual", "jieba", "extractor", "tui"},
        ),
        ("import extractor", {"textual", "sqlite3", "sqlite_utils", "db", "tui"}),
        ("import tui.cli", {"textual", "jieba"}),
    ],
)
def test_import_hygiene(statement, forbidden):
    assert not loaded_after(statement) & forbidden


def test_extractor_source_never_imports_storage_or_ui():
    """A static check too, for imports inside functions that the runtime check cannot see."""
    for path in (ROOT / "extractor").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in ("sqlite3", "sqlite_utils", "textual", "from db", "import db", "from tui"):
            assert name not in text, f"{path.name} mentions {name}"


def test_db_source_never_imports_ui_or_extractor():
    for path in (ROOT / "db").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for name in (
            "import textual",
            "from textual",
            "import jieba",
            "from extractor",
            "from tui",
        ):
            assert name not in text, f"{path.name} mentions {name}"
