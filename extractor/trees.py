"""Gradient-boosted regression trees that correct the ranker's linear scores.

The ranker (:mod:`extractor.ranker`) scores each option of a claim's field by a dot product of
generic features. A linear score cannot say "this feature counts only when that one holds"; a
few shallow trees can. They are fitted after the linear model, on its scores (residual
boosting): each tree adds to the score of the options the linear model ranks among the first
``shortlist`` of their claim, so the trees only re-order the linear model's best few and learn
only what it misses.

Training is the listwise loss of the ranker (a softmax over a claim's options; the right
options, weighted by how right each is, should win): each round takes the loss's gradient
``p - q`` and its diagonal hessian ``p (1 - p)`` per option (``p`` the option's softmax
probability, ``q`` its share of the right options' probability), grows one tree of at most
:attr:`BoostParams.depth` levels by the best second-order gain over histogram thresholds of the
features, and adds its Newton leaf values ``-G / (H + l2)`` times the learning rate. Options
outside the shortlist keep their linear scores and still count in every softmax. Deterministic:
features, thresholds and options are visited in a fixed order and every number kept in the
model (thresholds, leaf values) is rounded to six decimals before it is used, so the trees
written to the model file are those that were fitted.

A tree is stored as a list of nodes, the root first: a split ``[feature, threshold, left,
right]`` sends an option whose value of ``feature`` (0 when absent) is at most ``threshold`` to
node ``left`` and the others to node ``right``; a leaf ``[value]`` adds ``value`` to the score.
Children come after their parent and every node but the root has exactly one parent. Pure
Python, like the rest of the ranker.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_left
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import cast


class TreesError(ValueError):
    """Trees that cannot be used (the message says why)."""


@dataclass(frozen=True, slots=True)
class BoostParams:
    """How the trees of one field are grown.

    Attributes:
        shortlist: how many of a claim's best options by the linear score the trees re-score.
        trees: rounds of boosting (one tree each).
        depth: levels of splits per tree.
        rate: learning rate (shrinkage) applied to each tree's leaf values.
        l2: penalty on leaf values (added to a leaf's hessian).
        min_hessian: the least hessian each side of a split must carry.
        bins: at most this many intervals per feature (thresholds at quantiles).
        min_claims: fewer training claims with a right option than this grow no trees (a
            database with a few dozen decisions teaches the linear model only).
    """

    shortlist: int = 5
    trees: int = 50
    depth: int = 3
    rate: float = 0.2
    l2: float = 1.0
    min_hessian: float = 1.0
    bins: int = 16
    min_claims: int = 300


#: The deepest tree a model file may hold (levels of splits).
MAX_DEPTH = 8


class Trees:
    """The boosted trees of one field and the shortlist they re-score."""

    def __init__(self, shortlist: int, trees: Sequence[Sequence[Sequence]]):
        self.shortlist = shortlist
        #: The trees as stored (lists of nodes).
        self.nodes: list[list[list]] = [[list(n) for n in t] for t in trees]
        #: The trees' summed correction to the linear score of an option with these features.
        self.value: Callable[[Mapping[str, float]], float] = _compile(self.nodes)

    def shortlisted(self, scores: Sequence[float]) -> list[int]:
        """The indices of the options the trees re-score: the first :attr:`shortlist` by
        linear score (ties: the earlier option)."""
        # ``reverse=True`` keeps the earlier of equal scores first, as sorting by the
        # negated score does.
        order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
        return order[: self.shortlist]

    def adjust(
        self, scores: Sequence[float], features: Sequence[Mapping[str, float]]
    ) -> list[float]:
        """The claim's scores with the trees' corrections added to the shortlisted options."""
        out = list(scores)
        for i in self.shortlisted(scores):
            out[i] += self.value(features[i])
        return out

    def to_dict(self) -> dict[str, object]:
        return {"shortlist": self.shortlist, "trees": self.nodes}

    @classmethod
    def from_dict(cls, data: object, where: str, known: Collection[str]) -> Trees:
        """Trees from their JSON object; :class:`TreesError` naming ``where`` when they are
        not valid trees over the features ``known``."""
        if not isinstance(data, dict):
            raise TreesError(f"{where}: must be an object with shortlist and trees")
        extra = sorted(set(data) - {"shortlist", "trees"})
        if extra:
            raise TreesError(f"{where}: unknown key {extra[0]!r}")
        shortlist = data.get("shortlist")
        if not isinstance(shortlist, int) or isinstance(shortlist, bool) or shortlist < 1:
            raise TreesError(f"{where}: shortlist must be a positive integer")
        trees = data.get("trees")
        if not isinstance(trees, list):
            raise TreesError(f"{where}: trees must be a list")
        for n, tree in enumerate(trees):
            _check_tree(tree, f"{where}: tree {n}", known)
        return cls(shortlist, trees)


def _number(v: object) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def _check_tree(tree: object, where: str, known: Collection[str]) -> None:
    if not isinstance(tree, list) or not tree:
        raise TreesError(f"{where}: must be a non-empty list of nodes")
    parents = [0] * len(tree)
    depth = [0] * len(tree)
    for i, node in enumerate(tree):
        if not isinstance(node, list):
            raise TreesError(f"{where}: node {i} is not a list")
        if len(node) == 1:
            if not _number(node[0]):
                raise TreesError(f"{where}: leaf {i} is not a number")
            continue
        if len(node) != 4:
            raise TreesError(
                f"{where}: node {i} is neither [value] nor [feature, threshold, left, right]"
            )
        feature, threshold, left, right = node
        if not isinstance(feature, str) or feature not in known:
            raise TreesError(f"{where}: node {i} splits on unknown feature {feature!r}")
        if not _number(threshold):
            raise TreesError(f"{where}: node {i} has a threshold that is not a number")
        for child in (left, right):
            if not isinstance(child, int) or isinstance(child, bool) or not i < child < len(tree):
                raise TreesError(
                    f"{where}: node {i} has child {child!r}, not a later node of the tree"
                )
            parents[child] += 1
            depth[child] = depth[i] + 1
            if depth[child] > MAX_DEPTH:
                raise TreesError(f"{where}: deeper than {MAX_DEPTH} levels of splits")
    if any(p != 1 for p in parents[1:]):
        raise TreesError(f"{where}: a node that is not the child of exactly one split")


def _compile(trees: Sequence[Sequence[Sequence]]) -> Callable[[Mapping[str, float]], float]:
    """One function summing the trees' leaves for an option's features: each tree becomes
    nested ``if`` statements (twice as fast as walking the node lists, and the extractor
    scores tens of thousands of options). The source holds only the representations of the
    features' names and of floats, whatever the model file held. The features the trees'
    roots test are read once into locals (every option reads them, many in several trees:
    about half the time of reading them at each root); deeper ones are read where tested."""
    lines = ["def trees(f):", " get = f.get"]
    hoisted: dict[str, str] = {}
    for tree in trees:
        root = tree[0]
        if len(root) > 1 and str(root[0]) not in hoisted:
            local = hoisted[str(root[0])] = f"r{len(hoisted)}"
            lines.append(f" {local} = get({str(root[0])!r}, 0.0)")
    lines.append(" s = 0.0")

    def emit(tree: Sequence[Sequence], i: int, indent: str) -> None:
        node = tree[i]
        if len(node) == 1:
            lines.append(f"{indent}s += {float(node[0])!r}")
            return
        name = str(node[0])
        read = hoisted.get(name) or f"get({name!r}, 0.0)"
        lines.append(f"{indent}if {read} <= {float(node[1])!r}:")
        emit(tree, int(node[2]), indent + " ")
        lines.append(f"{indent}else:")
        emit(tree, int(node[3]), indent + " ")

    for tree in trees:
        emit(tree, 0, " ")
    lines.append(" return s")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines), "<trees>", "exec"), namespace)
    return cast(Callable[[Mapping[str, float]], float], namespace["trees"])


# ---------------------------------------------------------------------------- training


def group_weights(groups: Sequence[object], weights: Sequence[float] | None) -> list[float]:
    """One weight per group (None: 1.0 each); ValueError when their number differs from the
    groups' or one is not a finite positive number."""
    if weights is None:
        return [1.0] * len(groups)
    if len(weights) != len(groups):
        raise ValueError(f"{len(weights)} weights for {len(groups)} groups")
    out = [float(x) for x in weights]
    if not all(math.isfinite(x) and x > 0 for x in out):
        raise ValueError("a group's weight must be a finite positive number")
    return out


#: One feature's histogram layout: its name, thresholds, the bin of an absent feature (value
#: 0), and the options (rows) whose bin differs from it with their bins.
_Column = tuple[str, list[float], int, list[int], list[int]]


def _columns(
    rows: Sequence[Mapping[str, float]], active: Sequence[bool], known: Collection[str], bins: int
) -> list[_Column]:
    """Each feature's thresholds (midpoints between the values the active rows take, at most
    ``bins - 1`` of them at quantiles) and the active rows off its absent bin."""
    values: dict[str, list[tuple[int, float]]] = {}
    for r, f in enumerate(rows):
        if active[r]:
            for k, v in f.items():
                if v and k in known:
                    values.setdefault(k, []).append((r, v))
    n = sum(active)
    cols: list[_Column] = []
    for k in sorted(values):
        present = values[k]
        distinct = sorted({v for _, v in present} | ({0.0} if len(present) < n else set()))
        if len(distinct) < 2:
            continue
        mids = sorted({round((a + b) / 2, 6) for a, b in itertools.pairwise(distinct)})
        if len(mids) >= bins:
            every = sorted([v for _, v in present] + [0.0] * (n - len(present)))
            cuts = [every[(j * n) // bins] for j in range(1, bins)]
            mids = sorted({mids[min(bisect_left(mids, c), len(mids) - 1)] for c in cuts})
        zero = bisect_left(mids, 0.0)
        rows_off: list[int] = []
        bins_off: list[int] = []
        for r, v in present:
            b = bisect_left(mids, v)
            if b != zero:
                rows_off.append(r)
                bins_off.append(b)
        cols.append((k, mids, zero, rows_off, bins_off))
    return cols


def _gradients(
    scores: Sequence[float],
    right: Sequence[float],
    bounds: Sequence[tuple[int, int]],
    g: list[float],
    h: list[float],
    counts: Sequence[float] | None = None,
) -> None:
    """The listwise loss's gradient and diagonal hessian of every option, in place; each
    group's ``counts`` times (how many times it counts; None: once)."""
    exp = math.exp
    for k, (s, e) in enumerate(bounds):
        top = max(scores[s:e])
        es = [exp(z - top) for z in scores[s:e]]
        total = sum(es)
        hit = sum(x * y for x, y in zip(es, right[s:e], strict=True))
        for j in range(s, e):
            p = es[j - s] / total
            q = es[j - s] * right[j] / hit if hit > 0 else 0.0
            g[j] = p - q
            h[j] = max(p * (1.0 - p), 1e-6)
            if counts is not None:
                g[j] *= counts[k]
                h[j] *= counts[k]


def _grow(
    cols: Sequence[_Column],
    rows: Sequence[Mapping[str, float]],
    active: Sequence[bool],
    g: Sequence[float],
    h: Sequence[float],
    params: BoostParams,
) -> list[list]:
    """One tree grown level by level on the active rows (the best gain per node). Of two
    sibling nodes only the one with fewer rows has its histograms summed; the other's are its
    parent's minus those."""
    lam, least = params.l2, params.min_hessian
    n = len(rows)
    node_of = [0 if a else -1 for a in active]
    tree: list[list] = [[]]
    # Per node: its gradient and hessian sums and rows; per node and feature: the histograms.
    sums = {0: (0.0, 0.0, 0)}
    total_g = total_h = 0.0
    for r in range(n):
        if active[r]:
            total_g += g[r]
            total_h += h[r]
    sums[0] = (total_g, total_h, sum(active))
    hists: dict[int, list[tuple[list[float], list[float]]]] = {}
    open_nodes = [0]
    parent_of: dict[int, int] = {}
    for _ in range(params.depth):
        direct: list[int] = []
        for node in open_nodes:
            if node == 0:
                direct.append(node)
            elif node % 2:  # a left child: the smaller of it and its sibling is summed
                sibling = node + 1
                direct.append(node if sums[node][2] <= sums[sibling][2] else sibling)
        pos = [-1] * (len(tree) + 1)  # pos[-1]: the rows of no open node
        for i, node in enumerate(direct):
            pos[node] = i
        level: dict[int, list[tuple[list[float], list[float]]]] = {node: [] for node in open_nodes}
        for c, (_, mids, zero, rows_off, bins_off) in enumerate(cols):
            width = len(mids) + 1
            hg = [0.0] * (width * len(direct))
            hh = [0.0] * (width * len(direct))
            for r, b in zip(rows_off, bins_off, strict=True):
                at = pos[node_of[r]]
                if at >= 0:
                    x = at * width + b
                    hg[x] += g[r]
                    hh[x] += h[r]
            for i, node in enumerate(direct):
                node_g, node_h, _ = sums[node]
                bg = hg[i * width : (i + 1) * width]
                bh = hh[i * width : (i + 1) * width]
                bg[zero] += node_g - sum(bg)
                bh[zero] += node_h - sum(bh)
                level[node].append((bg, bh))
                if node:
                    sibling = node + 1 if node % 2 else node - 1
                    pg, ph = hists[parent_of[node]][c]
                    level[sibling].append(
                        (
                            [a - c for a, c in zip(pg, bg, strict=True)],
                            [a - c for a, c in zip(ph, bh, strict=True)],
                        )
                    )
        hists = level
        next_open: list[int] = []
        for node in open_nodes:
            node_g, node_h, _ = sums[node]
            parent = node_g * node_g / (node_h + lam)
            best = 0.0
            split: tuple[str, float, float, float] | None = None
            for (k, mids, _, _, _), (bg, bh) in zip(cols, hists[node], strict=True):
                gl = hl = 0.0
                for j in range(len(mids)):
                    gl += bg[j]
                    hl += bh[j]
                    hr = node_h - hl
                    if hl < least or hr < least:
                        continue
                    gr = node_g - gl
                    gain = gl * gl / (hl + lam) + gr * gr / (hr + lam) - parent
                    if gain > best + 1e-12:
                        best = gain
                        split = (k, mids[j], gl, hl)
            if split is None:
                continue
            k, threshold, gl, hl = split
            left = len(tree)
            tree += [[], []]
            tree[node] = [k, threshold, left, left + 1]
            sums[left] = (gl, hl, 0)
            sums[left + 1] = (node_g - gl, node_h - hl, 0)
            parent_of[left] = parent_of[left + 1] = node
            next_open += [left, left + 1]
        if not next_open:
            break
        counts = dict.fromkeys(next_open, 0)
        for r in range(n):
            node = node_of[r]
            if node >= 0 and len(tree[node]) == 4:
                k, threshold, left, right = tree[node]
                node = left if rows[r].get(k, 0.0) <= threshold else right
                node_of[r] = node
                counts[node] += 1
        for node in next_open:
            sums[node] = (*sums[node][:2], counts[node])
        open_nodes = next_open
    for i, spec in enumerate(tree):
        if not spec:
            leaf_g, leaf_h, _ = sums[i]
            tree[i] = [round(-params.rate * leaf_g / (leaf_h + lam), 6)]
    return tree


def fit_trees(
    groups: Sequence[Sequence[tuple[Mapping[str, float], float]]],
    base: Sequence[Sequence[float]],
    known: Collection[str],
    params: BoostParams,
    weights: Sequence[float] | None = None,
) -> Trees | None:
    """Trees fitted on the claims' options (``(features, right)`` as for the linear model) on
    top of their linear scores ``base`` (one list per group), splitting on the features
    ``known``; None when fewer than :attr:`BoostParams.min_claims` groups have a right option
    (groups with none teach nothing and are skipped). ``weights``: how many times each group
    counts (its options' gradients and hessians scaled, as that many copies would sum them;
    None: once each); ``min_claims`` counts groups, not weights."""
    rows: list[Mapping[str, float]] = []
    right: list[float] = []
    scores: list[float] = []
    active: list[bool] = []
    bounds: list[tuple[int, int]] = []
    counts: list[float] = []
    shortlist = Trees(params.shortlist, [])
    for group, zs, count in zip(groups, base, group_weights(groups, weights), strict=True):
        if not any(r > 0 for _, r in group):
            continue
        counts.append(count)
        start = len(rows)
        chosen = set(shortlist.shortlisted(zs))
        for i, (f, r) in enumerate(group):
            rows.append(f)
            right.append(max(0.0, float(r)))
            scores.append(zs[i])
            active.append(i in chosen)
        bounds.append((start, len(rows)))
    if not bounds or len(bounds) < params.min_claims:
        return None
    cols = _columns(rows, active, known, params.bins)
    g = [0.0] * len(rows)
    h = [0.0] * len(rows)
    trees: list[list[list]] = []
    for _ in range(params.trees):
        _gradients(scores, right, bounds, g, h, None if weights is None else counts)
        tree = _grow(cols, rows, active, g, h, params)
        trees.append(tree)
        one = Trees(params.shortlist, [tree])
        for r, f in enumerate(rows):
            if active[r]:
                scores[r] += one.value(f)
    return Trees(params.shortlist, trees)
