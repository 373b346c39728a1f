"""Lazy, load-once access to jieba's part-of-speech tagger.

jieba is imported only when extraction first needs it (``import extractor`` stays cheap and
the review app's number parsing never touches it), its logger is quieted (it prints to stderr
on first load), and its dictionary is loaded once. Tagging uses ``jieba.posseg`` without the
HMM (about eight times faster, and unknown names come out as runs of single characters,
which the role finder glues back together). Results are cached per clause, since scraped news
repeats paragraphs.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

_lock = threading.Lock()
_loaded = False
_userdicts: set[str] = set()
_posseg = None


def load(userdict: str | None = None) -> None:
    """Load jieba (once) and, optionally, a user dictionary.

    A user dictionary is jieba's text format: one word a line, optionally followed by a
    frequency and a part-of-speech tag (``中国人保 10 nt``). Loading the same file twice is a
    no-op. Tag caches are cleared when a dictionary is added.

    Args:
        userdict: path of a jieba user dictionary, or None.
    """
    global _loaded, _posseg
    with _lock:
        if not _loaded:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            logging.getLogger("jieba").setLevel(logging.WARNING)
            jieba.initialize()
            _posseg = jieba.posseg
            _loaded = True
        if userdict and userdict not in _userdicts:
            import jieba

            jieba.load_userdict(userdict)
            # posseg keeps its own word -> tag table built from the main dictionary.
            assert _posseg is not None
            _posseg.dt.word_tag_tab.update(_read_tags(userdict))
            _userdicts.add(userdict)
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
    """True once jieba has been loaded by :func:`load`."""
    return _loaded


@lru_cache(maxsize=65536)
def tag(clause: str) -> tuple[tuple[str, str], ...]:
    """Segment and POS-tag a clause: ``((word, flag), ...)``; cached."""
    if not _loaded:
        load()
    assert _posseg is not None
    return tuple((p.word, p.flag) for p in _posseg.cut(clause, HMM=False))
