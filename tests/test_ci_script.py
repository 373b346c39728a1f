"""`.ci/run` fails when any of its steps fails.

Under `set -e`, bash does not stop at a failing command that is followed by `&&` (only the
last command of such a list counts): `ruff check . && ruff format --check .` let a lint error
through while the run ended green. The script keeps one command per line; these tests hold it
to that and show the trap it avoids.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

CI = Path(__file__).resolve().parents[1] / ".ci" / "run"


def _commands(text: str) -> list[str]:
    """The script's lines outside its heredoc, comments and blank lines dropped."""
    out, inside = [], None
    for line in text.splitlines():
        if inside is not None:
            if line.strip() == inside:
                inside = None
            continue
        if "<<'" in line:
            inside = line.split("<<'", 1)[1].split("'", 1)[0]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            out.append(stripped)
    return out


def test_ci_script_sets_errexit_and_chains_no_command_with_and() -> None:
    text = CI.read_text(encoding="utf-8")
    commands = _commands(text)
    assert "set -euo pipefail" in commands
    assert any(c.startswith(".venv/bin/ruff check") for c in commands)
    assert any(c.startswith(".venv/bin/ruff format --check") for c in commands)
    chained = [c for c in commands if "&&" in c or "||" in c]
    assert chained == [], f"a failure before && or || would not stop .ci/run: {chained}"


def test_the_trap_the_script_avoids(tmp_path) -> None:
    """What `&&` does under `set -e`: the first command fails, the script goes on."""
    script = tmp_path / "s.sh"
    script.write_text("set -euo pipefail\nfalse && true\necho went-on\n", encoding="utf-8")
    chained = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
    assert chained.returncode == 0 and "went-on" in chained.stdout
    script.write_text("set -euo pipefail\nfalse\ntrue\necho went-on\n", encoding="utf-8")
    split = subprocess.run(["bash", str(script)], capture_output=True, text=True, check=False)
    assert split.returncode != 0 and "went-on" not in split.stdout
