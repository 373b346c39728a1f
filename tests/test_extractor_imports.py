"""Import hygiene: the extractor never pulls in the database layer or Textual, and loads
jieba only when extraction needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("textual", "sqlite3", "sqlite_utils", "db", "tui")


def _modules_after(code: str) -> set[str]:
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _top(mods: set[str]) -> set[str]:
    return {m.split(".")[0] for m in mods}


def test_import_extractor_loads_no_database_ui_or_jieba() -> None:
    top = _top(_modules_after("import extractor, extractor.evaluate"))
    assert not top & set(FORBIDDEN)
    assert not top & {"jieba", "rjieba"}


def test_review_app_helpers_do_not_need_jieba() -> None:
    top = _top(
        _modules_after(
            "import extractor\n"
            "extractor.parse_quantity('近71亿元'); extractor.parse_number('一千二百')\n"
            "extractor.split_sentences('第一句。第二句。')"
        )
    )
    assert not top & {"jieba", "rjieba"}


def test_extract_loads_jieba_quietly_and_still_no_database_or_ui() -> None:
    code = "import extractor\nextractor.extract('公司捐资1000万元。')"
    top = _top(_modules_after(code))
    assert top & {"jieba", "rjieba"} and not top & set(FORBIDDEN)
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert run.stderr == ""  # jieba's "Building prefix dict…" chatter is silenced


def test_extractor_source_never_imports_forbidden_packages() -> None:
    for path in (REPO / "extractor").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                words = stripped.replace(",", " ").split()
                names = {w.split(".")[0] for w in words[1:] if w not in ("import", "as")}
                assert not names & set(FORBIDDEN), (path, line)
