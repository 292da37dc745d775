"""One resolution of the search: sentences (level 0) or blocks of 2**k sentences.

A level holds per-unit lengths and punctuation bits, and the stretch's ``AnchorIndex``;
``coarser`` merges neighbouring units. ``cell_scores`` turns a level and a corridor into
the score of every link the corridor allows, vectorised per link shape: lengths from prefix
sums, punctuation from a 256 x 256 table per shape, and anchor evidence for the pairs that
share keys inside the corridor - counted exactly (each key once per link) on sentences, and
as block-pair sums through per-row cumulative sums on the coarse levels.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from workbench.align.dp import Band, CellScores, Grid, Shape
from workbench.align.scoring import (
    AnchorIndex,
    Model,
    deletion_score,
    length_llr,
    punct_table,
)

__all__ = ["Level", "cell_scores"]

DEBRIS_BONUS = 3.0
"""Log-odds added to leaving a debris line (see ``features.is_debris``) unaligned."""

Extra = Callable[[int, int, np.ndarray, np.ndarray], np.ndarray]
Table = tuple[np.ndarray, np.ndarray]


@dataclass
class Level:
    """Units of one resolution: ``scale`` sentences per unit (the last one may be shorter)."""

    ls: np.ndarray
    lt: np.ndarray
    ms: np.ndarray
    mt: np.ndarray
    use_punct: bool
    anchors: AnchorIndex | None = None
    scale: int = 1
    locked_src: np.ndarray | None = None
    locked_tgt: np.ndarray | None = None
    debris_src: np.ndarray | None = None
    debris_tgt: np.ndarray | None = None
    unmatched_src: np.ndarray | None = None
    unmatched_tgt: np.ndarray | None = None

    @property
    def n(self) -> int:
        return len(self.ls)

    @property
    def m(self) -> int:
        return len(self.lt)

    def coarser(self) -> Level:
        """Neighbouring units merged in twos: half the rows, half the columns."""

        def halve(values: np.ndarray) -> np.ndarray:
            if len(values) % 2:
                values = np.concatenate([values, [0.0]])
            return values[0::2] + values[1::2]

        ls = halve(self.ls)
        lt = halve(self.lt)
        return Level(
            ls=np.maximum(ls, 1.0),
            lt=np.maximum(lt, 1.0),
            ms=np.zeros(len(ls), dtype=np.uint8),
            mt=np.zeros(len(lt), dtype=np.uint8),
            use_punct=False,
            anchors=self.anchors,
            scale=self.scale * 2,
            unmatched_src=None if self.unmatched_src is None else halve(self.unmatched_src),
            unmatched_tgt=None if self.unmatched_tgt is None else halve(self.unmatched_tgt),
        )


def _span_or(masks: np.ndarray, a: int) -> np.ndarray:
    """OR of the bits of the ``a`` units before each boundary (index = boundary)."""
    out = np.zeros(len(masks) + 1, dtype=np.int64)
    values = masks.astype(np.int64)
    for k in range(1, min(a, len(values)) + 1):
        out[k:] |= values[: len(values) - k + 1]
    return out


def _exact_tables(
    n: int,
    m: int,
    band: Band,
    shapes: list[Shape],
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> dict[Shape, Table]:
    """Anchor evidence of every sentence-span pair in the corridor, each key once per link.

    Summing sentence-pair gains over a block would count "Malchut" four times in a 2-2
    link whose sentences all mention it, and so reward merges that are not there. Here
    every (sentence pair, key) entry is copied to each link cell that contains it, and
    (cell, key) duplicates are dropped before summing. Returns, per shape, the sorted cell
    codes ``I * (m + 1) + J`` and their values.
    """
    pi, pj, pk, pw = pairs
    out: dict[Shape, Table] = {}
    if not len(pi):
        return out
    keys, first = np.unique(pk, return_index=True)
    for a, b in shapes:
        if not a or not b:
            continue
        rows = np.concatenate([pi - da + a for da in range(a) for _db in range(b)])
        cols = np.concatenate([pj - db + b for _da in range(a) for db in range(b)])
        big_k = np.tile(pk, a * b)
        ok = (rows >= a) & (rows <= n) & (cols >= b) & (cols <= m)
        rows, cols, big_k = rows[ok], cols[ok], big_k[ok]
        ok = (cols >= band.lo[rows]) & (cols <= band.hi[rows])
        cell = rows[ok] * (m + 1) + cols[ok]
        width = int(keys[-1]) + 1
        triple = np.unique(cell * width + big_k[ok])
        if not len(triple):
            continue
        codes, inverse = np.unique(triple // width, return_inverse=True)
        gains = pw[first[np.searchsorted(keys, triple % width)]]
        out[(a, b)] = (codes, np.bincount(inverse.ravel(), weights=gains))
    return out


def _lookup(table: Table, codes: np.ndarray) -> np.ndarray:
    keys, values = table
    if not len(keys):
        return np.zeros(len(codes))
    at = np.minimum(np.searchsorted(keys, codes), len(keys) - 1)
    return np.where(keys[at] == codes, values[at], 0.0)


def _counts(flags: np.ndarray | None) -> np.ndarray | None:
    """Prefix counts of locked units, so "does this span contain one" is a subtraction."""
    if flags is None:
        return None
    return np.concatenate([[0], np.cumsum(flags.astype(np.int64))])


class _BlockSums:
    """Anchor gains of unit pairs as per-row cumulative sums over the corridor's columns.

    For source unit ``r`` the sums cover the target boundaries that the cells of rows
    ``r+1..r+max_a`` can ask for, so a block of ``a`` rows and ``b`` columns is ``a``
    differences of two reads.
    """

    def __init__(self, n: int, m: int, band: Band, max_a: int, max_b: int) -> None:
        rows = np.arange(n)
        self.lo = np.maximum(band.lo[np.minimum(rows + 1, n)] - max_b, 0)
        self.hi = band.hi[np.minimum(rows + max_a, n)]
        width = self.hi - self.lo + 1
        self.off = np.concatenate([[0], np.cumsum(width)[:-1]]).astype(np.int64)
        self.total = int(width.sum())
        self.cum = np.zeros(self.total)

    def fill(self, units_i: np.ndarray, units_j: np.ndarray, gain: np.ndarray) -> None:
        pos = units_j + 1
        keep = (pos >= self.lo[units_i]) & (pos <= self.hi[units_i])
        flat = self.off[units_i[keep]] + pos[keep] - self.lo[units_i[keep]]
        self.cum = np.cumsum(np.bincount(flat, weights=gain[keep], minlength=self.total))

    def block(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = np.zeros(len(rows))
        for k in range(1, a + 1):
            r = rows - k
            base = self.off[r] - self.lo[r]
            out += self.cum[base + cols] - self.cum[base + cols - b]
        return out


def cell_scores(
    level: Level,
    band: Band,
    shapes: list[Shape],
    model: Model,
    *,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
    extra: Extra | None = None,
) -> CellScores:
    """Score of every link the corridor allows, in the layout ``dp`` searches."""
    grid = Grid(band, shapes)
    n, m = level.n, level.m
    ps = np.concatenate([[0.0], np.cumsum(level.ls)])
    pt = np.concatenate([[0.0], np.cumsum(level.lt)])
    w_len, w_anchor, w_punct = weights
    max_a = max((a for a, _b in shapes), default=1)
    max_b = max((b for _a, b in shapes), default=1)

    exact: dict[Shape, Table] | None = None
    sums: _BlockSums | None = None
    index = level.anchors
    if index is not None and len(index) and w_anchor and n and m:
        scale = level.scale
        unit_rows = np.arange(n)
        first_col = np.maximum(band.lo[np.minimum(unit_rows + 1, n)] - max_b, 0)
        last_col = band.hi[np.minimum(unit_rows + max_a, n)]
        whole = bool((band.lo == 0).all() and (band.hi == m).all())
        if scale == 1:
            low = first_col
            high = np.minimum(last_col - 1, m - 1)
            exact = _exact_tables(n, m, band, shapes, index.within(low, high))
        else:
            sums = _BlockSums(n, m, band, max_a, max_b)
            if whole:
                bi, bj, bw = index.blocks(scale, n, m)
            else:
                unit_of = np.arange(index.n) // scale
                low = np.maximum(first_col[unit_of] - 1, 0) * scale
                high = np.minimum(last_col[unit_of] * scale - 1, index.m - 1)
                si, sj, _sk, sw = index.within(low, high)
                bi, bj, bw = si // scale, sj // scale, sw
            sums.fill(bi, bj, bw)

    tables: dict[Shape, np.ndarray] = {}
    span_s: dict[int, np.ndarray] = {}
    span_t: dict[int, np.ndarray] = {}
    if level.use_punct and w_punct:
        for a, b in shapes:
            if a and b:
                tables[(a, b)] = punct_table(model, a, b)
                span_s.setdefault(a, _span_or(level.ms, a))
                span_t.setdefault(b, _span_or(level.mt, b))

    pu_s = pu_t = None
    if w_anchor and level.unmatched_src is not None and level.unmatched_tgt is not None:
        pu_s = np.concatenate([[0.0], np.cumsum(level.unmatched_src)])
        pu_t = np.concatenate([[0.0], np.cumsum(level.unmatched_tgt)])

    locked_s, locked_t = level.locked_src, level.locked_tgt
    locked_s_cum, locked_t_cum = _counts(locked_s), _counts(locked_t)

    def score(a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        ls = ps[rows] - ps[rows - a]
        if b == 0:
            out = deletion_score(model, ls, (a, b))
            if level.debris_src is not None:
                out = out + DEBRIS_BONUS * level.debris_src[rows - 1]
            if locked_s is not None:
                out = np.where(locked_s[rows - 1], 0.0, out)
            return out
        lt = pt[cols] - pt[cols - b]
        out = model.log_priors[(a, b)] + w_len * length_llr(model, ls, lt)
        if exact is not None and (a, b) in exact:
            out = out + w_anchor * _lookup(exact[(a, b)], rows * (m + 1) + cols)
        elif sums is not None:
            out = out + w_anchor * sums.block(a, b, rows, cols)
        if pu_s is not None and pu_t is not None:
            unmatched = pu_s[rows] - pu_s[rows - a] + pu_t[cols] - pu_t[cols - b]
            out = out + w_anchor * unmatched
        if (a, b) in tables:
            out = out + w_punct * tables[(a, b)][span_s[a][rows], span_t[b][cols]]
        if extra is not None:
            out = out + extra(a, b, rows, cols)
        if locked_s_cum is not None:
            out = np.where(locked_s_cum[rows] - locked_s_cum[rows - a] > 0, -np.inf, out)
        if locked_t_cum is not None:
            out = np.where(locked_t_cum[cols] - locked_t_cum[cols - b] > 0, -np.inf, out)
        return out

    def insert(cols: np.ndarray) -> np.ndarray:
        out = deletion_score(model, level.lt[cols - 1], (0, 1))
        if level.debris_tgt is not None:
            out = out + DEBRIS_BONUS * level.debris_tgt[cols - 1]
        if locked_t is not None:
            out = np.where(locked_t[cols - 1], 0.0, out)
        return out

    return grid.scores(score, insert)
