"""Import hygiene: the extractor never pulls in the database layer or Textual, and loads
jieba only when extraction needs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FORBIDDEN = ("textual", "sqlite3", "sqlite_utils", "db", "tui")


def _run(code: str) -> tuple[set[str], list[str], str]:
    """Run ``code`` in a fresh interpreter: the modules it leaves loaded, the lines it printed
    and its error output (one child process for all three: each may load jieba)."""
    script = code + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True
    )
    *printed, modules = out.stdout.strip().splitlines()
    return set(json.loads(modules)), printed, out.stderr


def _modules_after(code: str) -> set[str]:
    return _run(code)[0]


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
    mods, _, stderr = _run(code)
    top = _top(mods)
    assert top & {"jieba", "rjieba"} and not top & set(FORBIDDEN)
    assert stderr == ""  # jieba's "Building prefix dict…" chatter is silenced


def test_extractor_source_never_imports_forbidden_packages() -> None:
    for path in (REPO / "extractor").rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith(("import ", "from ")):
                words = stripped.replace(",", " ").split()
                names = {w.split(".")[0] for w in words[1:] if w not in ("import", "as")}
                assert not names & set(FORBIDDEN), (path, line)


def test_the_jieba_tagger_loads_without_pkg_resources_and_reads_jieba_files() -> None:
    code = (
        "import os\nos.environ['CLAIMDESK_TAGGER'] = 'jieba'\n"
        "from extractor import nlp\nnlp.load()\n"
        "print(json.dumps([nlp.backend, nlp.tag('公司向上海市政府捐资1000万元')],"
        " ensure_ascii=False))\n"
        "import jieba.posseg\n"
        "print(json.dumps(nlp.tag_with_jieba('公司向上海市政府捐资'), ensure_ascii=False))"
    )
    mods, out, _ = _run("import json\n" + code)
    assert "pkg_resources" not in mods  # about 0.25 s of CPU for nothing
    backend, tags = json.loads(out[0])
    assert backend == "jieba"
    assert ["上海市政府", "nt"] in tags and ["1000", "eng"] in tags
    assert ["捐资", "v"] in json.loads(out[1])
