"""Reading JSONL safely: one line at a time, every failure one :class:`InputError`.

Every JSONL reader in claimdesk (``ingest``, ``ingest --claims``, ``eval``'s gold file) parses its
lines here, so hostile input ends the same way everywhere: one line naming the file, the line and
the problem, never "internal error". What Python's ``json`` lets through or fails on badly:

- a lone surrogate escape (``"\\ud800"``) parses into a ``str`` that SQLite and UTF-8 cannot
  store (``UnicodeEncodeError`` much later, far from the line);
- an integer of more than 4,300 digits raises ``ValueError`` (CPython's conversion limit);
- nesting thousands deep raises ``RecursionError``; a few hundred deep parses but fails later
  when the value is dumped again (``meta``), so depth is capped at :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from db.errors import InputError

#: Deepest nesting of arrays and objects accepted in one record.
MAX_DEPTH = 64

#: A ``\\uD800``-``\\uDFFF`` escape: only then can a parsed string hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def json_problem(exc: json.JSONDecodeError) -> str:
    """What is wrong and where on the line: ``Expecting ',' delimiter at column 80``. Some of
    Python's messages end in "at" already (``Invalid control character at``,
    ``Unterminated string starting at``): not "at at column"."""
    msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg
    return f"{msg} at column {exc.colno}"


def loads_line(path: str, line: int, raw: str) -> Any:
    """Parse one JSON line, or raise :class:`InputError` naming ``path`` and ``line``."""
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON ({json_problem(exc)})", line) from None
    except RecursionError:
        raise InputError(
            path, f"JSON nested too deeply (more than {MAX_DEPTH} levels)", line
        ) from None
    except ValueError as exc:  # CPython's limit on the digits of an integer
        problem = "a number has too many digits" if "digits" in str(exc) else str(exc)
        raise InputError(path, f"malformed JSON ({problem})", line) from None
    check_strings = _SURROGATE_ESCAPE.search(raw) is not None
    # Fewer brackets than the depth limit cannot nest deeper than it: skip the walk (most lines).
    if check_strings or raw.count("[") + raw.count("{") > MAX_DEPTH:
        _check_value(path, line, value, check_strings=check_strings)
    return value


def _check_value(path: str, line: int, value: Any, *, check_strings: bool) -> None:
    """Depth at most :data:`MAX_DEPTH`; with ``check_strings``, every string valid Unicode."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list) and depth > MAX_DEPTH:
            raise InputError(path, f"JSON nested too deeply (more than {MAX_DEPTH} levels)", line)
        if isinstance(item, dict):
            if check_strings:
                for key in item:
                    _check_string(path, line, key)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
        elif check_strings and isinstance(item, str):
            _check_string(path, line, item)


def _check_string(path: str, line: int, s: str) -> None:
    try:
        s.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"\\u{ord(s[exc.start]):04x}"
        raise InputError(
            path, f"a string holds a lone surrogate ({code}), which is not valid Unicode text", line
        ) from None


def iter_jsonl(path: str, lines: Iterable[str], *, first: int = 1) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; anything but an object is an error."""
    for n, raw in enumerate(lines, start=first):
        if not raw.strip():
            continue
        value = loads_line(path, n, raw)
        if not isinstance(value, dict):
            raise InputError(path, f"expected a JSON object, got {type(value).__name__}", n)
        yield n, value
