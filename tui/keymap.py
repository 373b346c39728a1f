"""A user keymap: remap any of the app's keys by binding id (Textual's ``App.set_keymap``).

The file is TOML, one line per binding to change, ``"binding id" = "keys"``; keys are Textual
key names separated by commas, and they *replace* the binding's keys (keep a non-letter key for
Chinese input methods)::

    "review.accept" = "y,enter"
    "review.reject" = "n,delete"
    "review.add" = "plus,insert"

It is read from ``--keymap FILE``, else from ``$XDG_CONFIG_HOME/claimdesk/keymap.toml``
(``~/.config/claimdesk/keymap.toml``) when that exists. The ids are those the help panel (``?``)
lists; a file with an unknown id, a value that is not keys, or bad TOML stops the app before it
starts with one line naming the file, the line and the problem.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from db.errors import ClaimdeskError

if TYPE_CHECKING:
    from textual.binding import Binding

_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")


def default_path() -> Path:
    """Where the keymap is looked for when ``--keymap`` is not given."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "claimdesk" / "keymap.toml"


def binding_ids() -> dict[str, str]:
    """Every binding id of the app's screens and widgets, with its description."""
    from textual.binding import Binding
    from textual.dom import DOMNode

    # the modules that define the app's screens and widgets, so their classes exist
    import tui.app
    import tui.screens.adjudicate
    import tui.screens.edit
    import tui.screens.panels
    import tui.screens.stats  # noqa: F401

    out: dict[str, str] = {}
    todo: list[type] = [DOMNode]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if not cls.__module__.startswith("tui."):
            continue
        for b in cls.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding) and b.id:
                out.setdefault(b.id, b.description)
    return out


def load(path: str | Path) -> dict[str, str]:
    """Read and check a keymap file.

    Raises:
        ClaimdeskError: one line naming the file (and line) and what is wrong.
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ClaimdeskError(f"{path}: no such keymap file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ClaimdeskError(f"{path}: cannot read the keymap ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ClaimdeskError(f"{path}: not a valid keymap (TOML: {exc})") from None
    known = binding_ids()
    keymap: dict[str, str] = {}
    for binding_id, keys in data.items():
        where = f"{path}:{_line_of(text, binding_id)}"
        if binding_id not in known:
            near = sorted(k for k in known if k.split(".")[-1] == binding_id.split(".")[-1])
            if not near:  # a typo in the name: review.acept
                near = _misspelt(binding_id, known)
            hint = (
                f" (did you mean {near[0]!r}?)" if near else " (the help panel, ?, lists the ids)"
            )
            raise ClaimdeskError(f"{where}: unknown binding id {binding_id!r}{hint}")
        parts = [k.strip() for k in keys.split(",")] if isinstance(keys, str) else []
        if not parts or not all(p and _KEY.match(p) for p in parts):
            raise ClaimdeskError(
                f'{where}: {binding_id!r} needs keys as text, such as "y,enter" (got {keys!r})'
            )
        keymap[binding_id] = ",".join(parts)
    return keymap


def _line_of(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith((f'"{key}"', f"'{key}'", f"{key} ", f"{key}=")):
            return n
    return 1


#: What a Chinese input method sends for the punctuation and digit keys the review keys use
#: while its Chinese-punctuation (or full-width) mode is on: ``！`` for ``!``, ``。`` for
#: ``.``, ``【`` for ``[``, ``１`` for ``1``… Each review and span-mode binding with such a key
#: takes its input-method form too, so "a key that is not a letter" also works with the method on.
IME_KEYS: dict[str, str] = {
    "exclamation_mark": "fullwidth_exclamation_mark",
    "question_mark": "fullwidth_question_mark",
    "full_stop": "ideographic_full_stop",
    "comma": "fullwidth_comma",
    "asterisk": "fullwidth_asterisk",
    "plus": "fullwidth_plus_sign",
    "ampersand": "fullwidth_ampersand",
    "at": "fullwidth_commercial_at",
    "number_sign": "fullwidth_number_sign",
    "dollar_sign": "fullwidth_yen_sign",
    "percent_sign": "fullwidth_percent_sign",
    "left_square_bracket": "left_black_lenticular_bracket",
    "right_square_bracket": "right_black_lenticular_bracket",
    **{str(n): chr(ord("\uff10") + n) for n in range(1, 10)},
}


#: What Textual reads for Alt+digit from a terminal that sends Alt as an ESC prefix (xterm,
#: tmux, GNOME Terminal, most Linux and SSH sessions): ESC 2 is taken for macOS's Option+2
#: character ``™`` and reported as ``trade_mark_sign``, never as ``alt+2``. A binding on
#: ``alt+N`` takes that key too, so Alt+digit works there as well as under the kitty protocol
#: (``tests/test_alternatives.py`` checks each against Textual's own parser).
ALT_DIGIT_KEYS: dict[str, str] = {
    "alt+1": "inverted_exclamation_mark",
    "alt+2": "trade_mark_sign",
    "alt+3": "pound_sign",
    "alt+4": "cent_sign",
    "alt+5": "infinity",
    "alt+6": "section_sign",
    "alt+7": "pilcrow_sign",
    "alt+8": "bullet",
    "alt+9": "ª",
}


#: Each key with the other form it arrives in.
_FORMS = {**IME_KEYS, **ALT_DIGIT_KEYS}


def with_ime_keys(binding: Binding) -> Binding:
    """``binding`` with the input-method form of each of its keys added (see ``IME_KEYS``),
    and the terminal form of an Alt+digit (see ``ALT_DIGIT_KEYS``)."""
    keys = [k.strip() for k in binding.key.split(",")]
    extra = [_FORMS[k] for k in keys if k in _FORMS and _FORMS[k] not in keys]
    return replace(binding, key=",".join(keys + extra)) if extra else binding


#: The input-method forms, and the terminal forms of Alt+digit (the help lists the first once,
#: in its foot, and shows Alt+digit as such).
IME_FORMS = frozenset(IME_KEYS.values()) | frozenset(ALT_DIGIT_KEYS.values())


def _misspelt(binding_id: str, known: Iterable[str]) -> list[str]:
    """The known ids whose name (after the last dot) is one slip away from ``binding_id``'s
    (``acept`` for ``accept``), closest first; the part before the dot must match when given."""
    prefix, _, name = binding_id.rpartition(".")
    names: dict[str, list[str]] = {}
    for k in sorted(known):
        if not prefix or k.rpartition(".")[0] == prefix:
            names.setdefault(k.rpartition(".")[2], []).append(k)
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.8)
    return [k for c in close for k in names[c]]
