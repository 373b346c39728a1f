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

from .core import VERSION, extract
from .model import Candidate
from .nlp import load
from .numbers import parse_number
from .quantity import parse_quantity
from .sentences import split_sentences

__all__ = [
    "VERSION",
    "Candidate",
    "extract",
    "load",
    "parse_number",
    "parse_quantity",
    "split_sentences",
]
