"""Hint labels of span mode: a short label under each word of the cursor's sentence.

Typing a word's label selects that word (vimium's link hints, easymotion's jumps); a second
label typed right after the first extends the selection to its word, so any span of the
sentence is two labels away, whatever the cursor's place. The labels are drawn from
:data:`ALPHABET`: keys that are not letters (an input method turns letters into pinyin) and
none of span mode's own keys (``1``–``6`` assign fields, ``[`` ``]`` ``,`` ``.`` jump,
``! @ # $ %`` assign and save, ``&`` appends, ``+`` selects a missed number) nor of the review
screen's (``1``–``9`` pick, ``/`` searches): the claim's sentence is labelled on the review
screen too, and typing a label there starts span mode with its word selected. A Chinese input
method in its Chinese-punctuation mode sends other characters for some of them (``；`` for
``;``, ``、`` for the backslash, ``‘`` ``’`` for ``'``, ``·`` for the backquote, ``（`` ``）``
``：`` ``～`` ``《`` ``》`` ``｛`` ``｝`` ``｜``, ``“`` ``”`` for ``"``, a full-width ``０``):
:func:`key_char` reads them as the key pressed.

The labels are prefix-free: as many words as possible get one key, the rest two (a first key
that is only a prefix, then any key), in the order the words are given: the span cursor gives
the claim's sentence from its quantity backwards first (where subjects, predicates and times
are written), then the sentence before it, and any other sentence in reading order
(:meth:`tui.widgets.span_cursor.SpanCursor.label_order`) — stable while the cursor stays in
the sentence. Pure functions, no Textual.
"""

from __future__ import annotations

import unicodedata

#: The label keys, in the order labels use them: the unshifted ones first, then ten shifted
#: ones (a sentence of up to seventeen words gets one key a word; the last keys also open the
#: two-key labels). None of them is a key of the review screen either (its digits pick, ``/``
#: searches), so the labels of the claim's sentence are typed there too, without ``v``.
ALPHABET = "0;'-=\\`(){}|:~<>\""
#: Characters an input method sends for a label key that NFKC does not map back to it.
IME_FORMS = {
    "、": "\\", "‘": "'", "’": "'", "〜": "~", "《": "<", "》": ">", "“": '"', "”": '"',
    "·": "`",
}  # fmt: skip


def key_char(character: str | None) -> str | None:
    """The label key a key event's character stands for (``；`` → ``;``, ``８`` → ``8``), or
    None when it is not one."""
    if not character or len(character) != 1:
        return None
    if character in IME_FORMS:
        return IME_FORMS[character]
    ch = unicodedata.normalize("NFKC", character)
    return ch if len(ch) == 1 and ch in ALPHABET else None


def make_labels(n: int, alphabet: str = ALPHABET) -> list[str]:
    """``n`` prefix-free labels (fewer when ``n`` exceeds ``len(alphabet)`` squared), in the
    order they go to the words: one-key labels first, then two-key labels whose first key is
    one of the alphabet's last keys (kept as prefixes)."""
    k = len(alphabet)
    if n <= k:
        return list(alphabet[:n])
    prefixes = 1
    while prefixes < k and (k - prefixes) + prefixes * k < n:
        prefixes += 1
    singles = list(alphabet[: k - prefixes])
    doubles = [p + c for p in alphabet[k - prefixes :] for c in alphabet]
    return (singles + doubles)[:n]


def label_words(words: list[int], alphabet: str = ALPHABET) -> dict[str, int]:
    """Label -> word for ``words`` (word indices, the first to get the shortest labels):
    :func:`make_labels`."""
    return dict(zip(make_labels(len(words), alphabet), words, strict=False))


def typed_label(labels: dict[str, int], typed: str) -> tuple[int | None, bool]:
    """What ``typed`` (the label keys pressed so far) means: (the word of the label it
    completes or None, whether it is a label or the start of one)."""
    if typed in labels:
        return labels[typed], True
    return None, any(label.startswith(typed) for label in labels)
