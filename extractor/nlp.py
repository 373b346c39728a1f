"""Lazy, load-once access to a part-of-speech tagger with jieba's dictionary and tags.

Two interchangeable back ends give the same words and tags:

- ``rjieba`` (jieba-rs, Rust; installed with the ``fast`` extra): about 12x faster to tag and
  0.15 s to load instead of about 1.5 s. Its only difference from ``jieba.posseg`` without the
  HMM is the tag of a run of ASCII letters and digits (``m`` for 2008, where jieba says
  ``eng``); :func:`_tag_rjieba` maps that back, and over the 71,327 clauses of
  ``../shared/corpus/thucnews_sample.jsonl`` the two then agree on every word and tag
  (``tests/test_extractor_tagger.py`` checks a sample on every run).
- ``jieba.posseg`` without the HMM: pure Python, always available.

rjieba is used when it is installed, no user dictionary has been loaded (a user dictionary
switches the process to jieba, whose loader the README documents) and ``CLAIMDESK_TAGGER`` is
not ``jieba``. jieba is imported only when extraction first needs it (``import extractor``
stays cheap and the review app's number parsing never touches it), its logger is quieted (it
prints to stderr on first load), and its dictionary is loaded once. Unknown names come out as
runs of single characters, which the role finder glues back together. Results are cached per
clause, since scraped news repeats paragraphs.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from functools import lru_cache

_lock = threading.Lock()
_loaded = False
_userdicts: set[str] = set()
_posseg = None
#: The tagging function of the chosen back end: clause -> ((word, flag), ...).
_tagger: Callable[[str], tuple[tuple[str, str], ...]] | None = None
#: "rjieba" or "jieba" once loaded.
backend = ""

#: A run of ASCII letters and digits: jieba tags it ``eng`` whatever it is.
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")


def _tag_jieba(clause: str) -> tuple[tuple[str, str], ...]:
    assert _posseg is not None
    return tuple((p.word, p.flag) for p in _posseg.cut(clause, HMM=False))


def _make_rjieba() -> Callable[[str], tuple[tuple[str, str], ...]] | None:
    if os.environ.get("CLAIMDESK_TAGGER", "").lower() == "jieba":
        return None
    try:
        import rjieba
    except ImportError:
        return None
    rtag = rjieba.tag
    fullmatch = _ASCII_RUN.fullmatch

    def _tag_rjieba(clause: str) -> tuple[tuple[str, str], ...]:
        return tuple(
            (w, "eng") if w[0] < "\x80" and f != "eng" and fullmatch(w) else (w, f)
            for w, f in rtag(clause, False)
        )

    return _tag_rjieba


def _load_jieba() -> None:
    global _posseg
    if _posseg is None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.initialize()
        _posseg = jieba.posseg


def load(userdict: str | None = None) -> None:
    """Load the tagger (once) and, optionally, a user dictionary.

    A user dictionary is jieba's text format: one word a line, optionally followed by a
    frequency and a part-of-speech tag (``中国人保 10 nt``). Loading the same file twice is a
    no-op. Tag caches are cleared when a dictionary is added, and the process tags with jieba
    from then on.

    Args:
        userdict: path of a jieba user dictionary, or None.
    """
    global _loaded, _tagger, backend
    with _lock:
        if not _loaded:
            _tagger = None if userdict else _make_rjieba()
            if _tagger is None:
                _load_jieba()
                _tagger = _tag_jieba
                backend = "jieba"
            else:
                backend = "rjieba"
            _loaded = True
        if userdict and userdict not in _userdicts:
            _load_jieba()
            import jieba

            jieba.load_userdict(userdict)
            # posseg keeps its own word -> tag table built from the main dictionary.
            assert _posseg is not None
            _posseg.dt.word_tag_tab.update(_read_tags(userdict))
            _userdicts.add(userdict)
            _tagger = _tag_jieba
            backend = "jieba"
            tag.cache_clear()


def _read_tags(path: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3:
                tags[parts[0]] = parts[2]
            elif len(parts) == 2 and not parts[1].isdigit():
                tags[parts[0]] = parts[1]
            elif parts:
                tags.setdefault(parts[0], "nz")
    return tags


def is_loaded() -> bool:
    """True once the tagger has been loaded by :func:`load`."""
    return _loaded


@lru_cache(maxsize=65536)
def tag(clause: str) -> tuple[tuple[str, str], ...]:
    """Segment and POS-tag a clause: ``((word, flag), ...)``; cached."""
    if not _loaded:
        load()
    assert _tagger is not None
    return _tagger(clause)


def tag_with_jieba(clause: str) -> tuple[tuple[str, str], ...]:
    """Tag with ``jieba.posseg`` whatever the chosen back end (to compare the two)."""
    _load_jieba()
    return _tag_jieba(clause)
