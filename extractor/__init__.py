"""claimdesk's extractor: Chinese news text in, candidate quantitative claims out.

Pure Python on top of jieba. jieba is imported lazily, the first time extraction needs it
(:func:`load` does it up front); :func:`parse_quantity`, :func:`parse_number` and
:func:`split_sentences` never need it. This package never imports the database layer or
Textual.

Example:
    >>> from extractor import extract
    >>> [c.quantity_text for c in extract("公司向上海市政府捐资1000万元。")]
    ['1000万元']
"""

from __future__ import annotations

from . import compiled as _compiled

# The compiled modules, when built and up to date (see extractor/native.py); else pure Python.
_compiled.activate(__path__)

from .core import VERSION, extract  # noqa: E402
from .model import Candidate  # noqa: E402
from .nlp import load  # noqa: E402
from .numbers import parse_number  # noqa: E402
from .quantity import parse_quantity  # noqa: E402
from .sentences import split_sentences  # noqa: E402

__all__ = [
    "VERSION",
    "Candidate",
    "extract",
    "load",
    "parse_number",
    "parse_quantity",
    "split_sentences",
]
