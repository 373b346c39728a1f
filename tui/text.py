"""Text from documents and users, made safe to show: never markup, never raw control codes.

Every place the app or ``stats`` shows a document's text or title, a reviewer's name, a note,
a claim field or a search query goes through :func:`shown` and is handed to Rich as a
:class:`rich.text.Text` (or with ``markup=False``), so ``[/x]`` is shown as typed and an
``ESC ] 2 ; … BEL`` sequence in a document is shown as ``␛]2;…␇`` instead of renaming the
terminal window.

Each control character becomes exactly one visible character (C0 codes and DEL their Unicode
"control picture" such as ``␛``, C1 codes ``\ufffd``, bidirectional overrides ``␦``), so the
shown text has the same length as the stored text and every offset still points at the same
character.
Line breaks and tabs are kept: the views lay them out themselves.
"""

from __future__ import annotations

from rich.text import Text

#: One visible character for each control character (a one-to-one translate table).
_VISIBLE: dict[int, str] = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
_VISIBLE[0x7F] = "\u2421"  # ␡
_VISIBLE.update({c: "\ufffd" for c in range(0x80, 0xA0)})  # C1 controls (CSI, OSC, …)
# Bidirectional overrides and isolates reorder what follows them on screen.
_VISIBLE.update({c: "\u2426" for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def shown(value: object) -> str:
    """``value`` as text with every control character replaced by one visible character.

    The result has the same length as ``str(value)``: offsets into it are offsets into the
    original.
    """
    return str(value).translate(_VISIBLE)


def shown_line(value: object) -> str:
    """Like :func:`shown`, with line breaks and tabs made visible too (for one-line places:
    names, titles, table cells, notifications)."""
    return shown(value).replace("\n", "\u240a").replace("\t", "\u2409")


def as_text(value: object, style: str = "") -> Text:
    """A Rich :class:`Text` of :func:`shown` ``value``: never parsed as markup."""
    return Text(shown(value), style=style)
