"""Whether to use the compiled extractor modules (see :mod:`extractor.native`, which builds
them): imported with :mod:`extractor`, so it stays small."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

#: The package directory, and where a build goes.
PACKAGE = Path(__file__).resolve().parent
NATIVE = PACKAGE / "_native"
MANIFEST = "manifest.json"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tag() -> str:
    """The interpreter a build is for (``cpython-311``)."""
    return sys.implementation.cache_tag or ""


def status(native: Path = NATIVE, package: Path = PACKAGE) -> str | None:
    """None when the build in ``native`` can be used, else why not (one line)."""
    if os.environ.get("CLAIMDESK_NATIVE", "") == "0":
        return "turned off (CLAIMDESK_NATIVE=0)"
    manifest = native / MANIFEST
    if not manifest.is_file():
        return "not built (python -m extractor.native build)"
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))
        modules = dict(built["modules"])
        python = str(built["python"])
    except (OSError, ValueError, KeyError, TypeError):
        return f"unreadable manifest {manifest}: build again"
    if python != _tag():
        return f"built for {python}, this is {_tag()}: build again"
    for name, digest in sorted(modules.items()):
        source = package / f"{name}.py"
        if not source.is_file() or _digest(source) != digest:
            return f"{name}.py changed since the build: build again"
    # The compiled code was type-checked against every module of the package: one added or
    # removed since makes the build unused too (an edited one shows in its digest above).
    added = sorted({p.stem for p in package.glob("*.py")} - set(modules))
    if added:
        return f"{added[0]}.py is new since the build: build again"
    return None


def digests(package: Path = PACKAGE) -> dict[str, str]:
    """The source digest of every module of the package, by module name."""
    return {p.stem: _digest(p) for p in sorted(package.glob("*.py"))}


def activate(path: list[str]) -> bool:
    """Put the compiled modules first on the package ``path`` (``extractor.__path__``) when
    they are up to date; True when they are in use."""
    if status() is not None:
        return False
    where = str(NATIVE)
    if where not in path:
        path.insert(0, where)
    return True
