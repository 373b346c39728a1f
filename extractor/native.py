"""Optional compiled role resolution: the extractor's hot pure-Python modules built with mypyc.

Role resolution is most of what ``claimdesk extract`` spends (entity table, options, ranking),
spread thin over many small functions. The same source compiled to C by mypyc (shipped with
mypy; needs a C compiler) runs it about a third faster with the very same results
(``bench/golden.py --check``). Nothing changes unless you build it::

    python -m extractor.native build    # compile MODULES into extractor/_native/ (about 2 min)
    python -m extractor.native status   # whether the compiled modules are in use, and why not
    python -m extractor.native clean    # remove them

The build goes to ``extractor/_native/`` with a manifest of the source digest of every module
of the package (compiled or not: the compiled code was type-checked against them all) and the
interpreter it was built for. :func:`activate` (run when :mod:`extractor` is imported)
puts that directory first on the package's path only when every digest still matches the
source and the interpreter is the same: an edited source makes the whole build unused (the
pure-Python modules run) until it is built again, never a stale one. ``CLAIMDESK_NATIVE=0``
turns it off. ``core`` stays pure Python (the benchmarks time its stages by wrapping them).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .compiled import MANIFEST, NATIVE, PACKAGE, _tag, activate, digests, status

__all__ = ["MANIFEST", "MODULES", "NATIVE", "activate", "build", "clean", "main", "status"]

#: The modules compiled: role resolution and what it calls per claim.
MODULES = ("entities", "ranker", "roles", "options", "lookalike", "timex", "sentences")
#: The name of the library the compiled modules share (a module of ``extractor._native``).
GROUP = "extractor._native.group"


def build(modules: tuple[str, ...] = MODULES) -> Path:
    """Compile ``modules`` with mypyc into :data:`NATIVE` (replacing an earlier build)."""
    import shutil
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        pkg = root / "extractor"
        shutil.copytree(
            PACKAGE, pkg, ignore=shutil.ignore_patterns("_native", "__pycache__", "*.so", "data")
        )
        # jieba, rjieba and the optional NER backends ship no type information (the
        # project's own mypy run, `mypy db extractor tui bench`, checks the types).
        (root / "mypy.ini").write_text("[mypy]\nignore_missing_imports = True\n", encoding="utf-8")
        (pkg / "_native").mkdir()
        (pkg / "_native" / "__init__.py").write_text("", encoding="utf-8")
        setup = (
            "from setuptools import setup\n"
            "from mypyc.build import mypycify\n"
            f"paths = {[f'extractor/{m}.py' for m in modules]!r}\n"
            f"setup(name='claimdesk-native', ext_modules=mypycify(paths, group_name={GROUP!r}),"
            " script_args=['build_ext', '--inplace'])\n"
        )
        r = subprocess.run([sys.executable, "-c", setup], cwd=root, capture_output=True, text=True)
        if r.returncode != 0:
            said = (r.stdout + r.stderr).strip()
            raise RuntimeError(f"mypyc build failed: {said[-800:]}")
        if NATIVE.exists():
            shutil.rmtree(NATIVE)
        NATIVE.mkdir()
        for so in pkg.glob("*.so"):
            shutil.copy2(so, NATIVE / so.name)
        for so in (pkg / "_native").glob("*.so"):
            shutil.copy2(so, NATIVE / so.name)
        (NATIVE / "__init__.py").write_text(
            '"""Compiled extractor modules (see extractor/native.py); not in git."""\n',
            encoding="utf-8",
        )
    manifest = {
        "python": _tag(),
        # Every module of the package, not only the compiled ones (see compiled.status).
        "modules": digests(),
    }
    (NATIVE / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return NATIVE


def clean() -> bool:
    """Remove the build; True when there was one."""
    import shutil

    if NATIVE.exists():
        shutil.rmtree(NATIVE)
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    """``python -m extractor.native build|status|clean``."""
    args = sys.argv[1:] if argv is None else argv
    if args not in (["build"], ["status"], ["clean"]):
        print("usage: python -m extractor.native build|status|clean", file=sys.stderr)
        return 2
    if args == ["build"]:
        try:
            where = build()
        except (RuntimeError, OSError) as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        print(f"compiled {', '.join(MODULES)} into {where}")
    elif args == ["clean"]:
        print("removed" if clean() else "nothing to remove")
    else:
        why = status()
        print("in use" if why is None else f"not in use: {why}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
