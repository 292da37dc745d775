"""The search: dynamic programming over link shapes, inside a corridor, coarse to fine.

A path goes from (0, 0) to (n, m) through sentence boundaries; each step is a link that
covers ``a`` source and ``b`` target sentences and earns that link's score. The best path
is found row by row (one source boundary at a time) with numpy doing a whole row of
target positions at once; insertions, which move along a row, are a running maximum
(``maximum.accumulate``) instead of a loop.

Cost grows with the number of cells searched, so long documents are not searched whole
(the idea behind vecalign's recursive DP, after FastDTW): both sides are halved by merging
neighbouring sentences into blocks, recursively, until the grid is small enough to search
whole; the path found there is projected one level down and only a corridor of
``width`` blocks around it is searched, and so on down to single sentences. Each level costs
about as much as the last, so the total grows close to linearly.

``posteriors`` runs the forward-backward algorithm over the same corridor (sums of
probabilities instead of maxima), which tells how much of all the probability mass passes
through each link of the path: a link that a slightly different path would replace gets
a low value even when it is the best one.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Band",
    "CellScores",
    "Grid",
    "coarse_to_fine",
    "posteriors",
    "viterbi",
]

Shape = tuple[int, int]
Path = list[tuple[int, int, int]]  # (i, j, shape index) of each link's end, in order
NEG = -np.inf


@dataclass
class Band:
    """For each source boundary ``i`` the target boundaries ``lo[i]..hi[i]`` searched.

    Both bounds never decrease, rows overlap, and the corners (0, 0) and (n, m) are in.
    """

    lo: np.ndarray
    hi: np.ndarray

    @property
    def n(self) -> int:
        return len(self.lo) - 1

    @property
    def m(self) -> int:
        return int(self.hi[-1])

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    @classmethod
    def around(
        cls, rows: np.ndarray, low: np.ndarray, high: np.ndarray, n: int, m: int, width: int
    ) -> Band:
        """The corridor covering target ranges ``low..high`` at ``rows``, widened by ``width``.

        Rows not mentioned inherit from their neighbours; the result is made monotone and
        connected, so any path of the allowed shapes can get from corner to corner.
        """
        lo = np.full(n + 1, m, dtype=np.int64)
        hi = np.zeros(n + 1, dtype=np.int64)
        np.minimum.at(lo, rows, low)
        np.maximum.at(hi, rows, high)
        lo = np.minimum.accumulate((lo - width)[::-1])[::-1]
        hi = np.maximum.accumulate(hi + width)
        lo = np.clip(lo, 0, m)
        hi = np.clip(hi, 0, m)
        lo[0] = 0
        hi[-1] = m
        hi = np.maximum(hi, lo)
        # Consecutive rows must overlap for a deletion step to connect them.
        lo[1:] = np.minimum(lo[1:], hi[:-1])
        return cls(lo, hi)


@dataclass
class CellScores:
    """Scores of every link the corridor allows, laid out row by row per shape.

    For shape ``t`` and row ``i`` the links end at ``(i, j)`` for ``j`` in
    ``jmin[t][i]..jmax[t][i]``; their scores are ``values[t][offset[t][i]:...]``.
    Insertions (shape (0, 1)) are scored by end column only: ``insert[j]``.
    """

    shapes: list[Shape]
    jmin: list[np.ndarray]
    jmax: list[np.ndarray]
    offset: list[np.ndarray]
    values: list[np.ndarray]
    insert: np.ndarray


class Grid:
    """The search space of one level: the corridor and where each shape's links can end."""

    def __init__(self, band: Band, shapes: Sequence[Shape]) -> None:
        self.band = band
        self.shapes = [s for s in shapes if s[0] >= 1]
        self.has_insert = (0, 1) in shapes
        n = band.n
        lo, hi = band.lo, band.hi
        self.jmin: list[np.ndarray] = []
        self.jmax: list[np.ndarray] = []
        self.offset: list[np.ndarray] = []
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        for a, b in self.shapes:
            jmin = np.full(n + 1, 1, dtype=np.int64)
            jmax = np.zeros(n + 1, dtype=np.int64)
            if n >= a:
                jmin[a:] = np.maximum(lo[a:], lo[:-a] + b)
                jmax[a:] = np.minimum(hi[a:], hi[:-a] + b)
            count = np.maximum(jmax - jmin + 1, 0)
            offset = np.concatenate([[0], np.cumsum(count)[:-1]])
            rows = np.repeat(np.arange(n + 1), count)
            cols = np.arange(int(count.sum())) - np.repeat(offset, count) + np.repeat(jmin, count)
            self.jmin.append(jmin)
            self.jmax.append(jmax)
            self.offset.append(offset)
            self.rows.append(rows)
            self.cols.append(cols)

    def scores(
        self,
        score: Callable[[int, int, np.ndarray, np.ndarray], np.ndarray],
        insert: Callable[[np.ndarray], np.ndarray],
    ) -> CellScores:
        """Ask ``score(a, b, rows, cols)`` for every allowed link, one call per shape."""
        values = [
            np.asarray(score(a, b, rows, cols), dtype=np.float64)
            for (a, b), rows, cols in zip(self.shapes, self.rows, self.cols, strict=True)
        ]
        m = self.band.m
        ins = (
            np.asarray(insert(np.arange(1, m + 1)), dtype=np.float64)
            if self.has_insert
            else np.full(m, NEG)
        )
        return CellScores(
            shapes=self.shapes,
            jmin=self.jmin,
            jmax=self.jmax,
            offset=self.offset,
            values=values,
            insert=np.concatenate([[NEG], ins]),
        )


def _row_offsets(band: Band) -> np.ndarray:
    width = band.hi - band.lo + 1
    return np.concatenate([[0], np.cumsum(width)])


def viterbi(band: Band, cells: CellScores) -> Path:
    """The best path through the corridor: list of (i, j, shape index); -1 = insertion."""
    n = band.n
    lo, hi = band.lo, band.hi
    starts = _row_offsets(band)
    best_all = np.full(int(starts[-1]), NEG)
    back_all = np.full(int(starts[-1]), -2, dtype=np.int8)
    ins_cum = np.concatenate(
        [[0.0], np.cumsum(np.where(np.isfinite(cells.insert[1:]), cells.insert[1:], -1e9))]
    )
    for i in range(n + 1):
        w = int(hi[i] - lo[i] + 1)
        best = np.full(w, NEG)
        back = np.full(w, -2, dtype=np.int8)
        if i == 0:
            best[0] = 0.0
            back[0] = -3
        for t, (a, b) in enumerate(cells.shapes):
            if i < a:
                continue
            jmin = int(cells.jmin[t][i])
            jmax = int(cells.jmax[t][i])
            if jmin > jmax:
                continue
            count = jmax - jmin + 1
            r = i - a
            p0 = int(starts[r] + jmin - b - lo[r])
            off = int(cells.offset[t][i])
            cand = best_all[p0 : p0 + count] + cells.values[t][off : off + count]
            seg = slice(jmin - int(lo[i]), jmin - int(lo[i]) + count)
            better = cand > best[seg]
            best[seg] = np.where(better, cand, best[seg])
            back[seg] = np.where(better, t, back[seg])
        # Insertions along the row: best[j] = max(best[j], best[j-1] + ins[j]).
        cum = ins_cum[lo[i] : hi[i] + 1] - ins_cum[lo[i]]
        scanned = np.maximum.accumulate(best - cum) + cum
        moved = scanned > best + 1e-7
        back[moved] = -1
        best = np.where(moved, scanned, best)
        best_all[starts[i] : starts[i] + w] = best
        back_all[starts[i] : starts[i] + w] = back
    path: Path = []
    i, j = n, band.m
    if not np.isfinite(best_all[starts[n] + j - lo[n]]):
        raise RuntimeError("no path through the search corridor")
    while (i, j) != (0, 0):
        t = int(back_all[starts[i] + j - lo[i]])
        path.append((i, j, t))
        if t == -1:
            j -= 1
        elif t >= 0:
            a, b = cells.shapes[t]
            i -= a
            j -= b
        else:
            raise RuntimeError("broken back-pointer in the search corridor")
    path.reverse()
    return path


def _forward(band: Band, cells: CellScores) -> tuple[np.ndarray, np.ndarray]:
    n = band.n
    lo, hi = band.lo, band.hi
    starts = _row_offsets(band)
    alpha = np.full(int(starts[-1]), NEG)
    ins = cells.insert
    for i in range(n + 1):
        w = int(hi[i] - lo[i] + 1)
        acc = np.full(w, NEG)
        if i == 0:
            acc[0] = 0.0
        for t, (a, b) in enumerate(cells.shapes):
            if i < a:
                continue
            jmin = int(cells.jmin[t][i])
            jmax = int(cells.jmax[t][i])
            if jmin > jmax:
                continue
            count = jmax - jmin + 1
            r = i - a
            p0 = int(starts[r] + jmin - b - lo[r])
            off = int(cells.offset[t][i])
            cand = alpha[p0 : p0 + count] + cells.values[t][off : off + count]
            seg = slice(jmin - int(lo[i]), jmin - int(lo[i]) + count)
            acc[seg] = np.logaddexp(acc[seg], cand)
        if w > 1 and np.isfinite(ins[lo[i] + 1 : hi[i] + 1]).any():
            step = np.concatenate([[0.0], ins[lo[i] + 1 : hi[i] + 1]])
            cum = np.cumsum(np.where(np.isfinite(step), step, -1e9))
            acc = np.logaddexp.accumulate(acc - cum) + cum
        alpha[starts[i] : starts[i] + w] = acc
    return alpha, starts


def _backward(band: Band, cells: CellScores, starts: np.ndarray) -> np.ndarray:
    n = band.n
    lo, hi = band.lo, band.hi
    beta = np.full(int(starts[-1]), NEG)
    ins = cells.insert
    for i in range(n, -1, -1):
        w = int(hi[i] - lo[i] + 1)
        acc = np.full(w, NEG)
        if i == n:
            acc[w - 1] = 0.0
        for t, (a, b) in enumerate(cells.shapes):
            e = i + a
            if e > n:
                continue
            jmin = int(cells.jmin[t][e])
            jmax = int(cells.jmax[t][e])
            if jmin > jmax:
                continue
            count = jmax - jmin + 1
            off = int(cells.offset[t][e])
            p_end = int(starts[e] + jmin - lo[e])
            cand = beta[p_end : p_end + count] + cells.values[t][off : off + count]
            s0 = jmin - b - int(lo[i])
            seg = slice(s0, s0 + count)
            acc[seg] = np.logaddexp(acc[seg], cand)
        if w > 1 and np.isfinite(ins[lo[i] + 1 : hi[i] + 1]).any():
            # beta[j] = logaddexp(acc[j], ins[j+1] + beta[j+1]), scanned right to left.
            step = np.concatenate([ins[lo[i] + 1 : hi[i] + 1], [0.0]])[::-1]
            rev = acc[::-1]
            cum = np.cumsum(np.where(np.isfinite(step), step, -1e9))
            acc = (np.logaddexp.accumulate(rev - cum) + cum)[::-1]
        beta[starts[i] : starts[i] + w] = acc
    return beta


def posteriors(band: Band, cells: CellScores, path: Path, temperature: float = 1.0) -> list[float]:
    """For each link of ``path``, the share of all paths' probability that uses it."""
    if temperature != 1.0:
        cells = CellScores(
            shapes=cells.shapes,
            jmin=cells.jmin,
            jmax=cells.jmax,
            offset=cells.offset,
            values=[v / temperature for v in cells.values],
            insert=cells.insert / temperature,
        )
    alpha, starts = _forward(band, cells)
    beta = _backward(band, cells, starts)
    lo = band.lo
    total = alpha[starts[band.n] + band.m - lo[band.n]]
    out = []
    for i, j, t in path:
        end = beta[starts[i] + j - lo[i]]
        if t == -1:
            start = alpha[starts[i] + j - 1 - lo[i]]
            value = cells.insert[j]
        else:
            a, b = cells.shapes[t]
            start = alpha[starts[i - a] + j - b - lo[i - a]]
            off = int(cells.offset[t][i] + j - cells.jmin[t][i])
            value = cells.values[t][off]
        out.append(float(np.exp(min(start + value + end - total, 0.0))))
    return out


def expected_counts(band: Band, cells: CellScores) -> dict[Shape, float]:
    """Expected number of links of each shape over all paths, weighted by probability.

    What a Viterbi path counts is the mode; these are the means. A path that merged a
    dropped sentence into its neighbour counts no deletion, but the paths that delete it
    still carry their share, so priors learnt from these counts do not starve rare shapes.
    """
    alpha, starts = _forward(band, cells)
    beta = _backward(band, cells, starts)
    lo = band.lo
    total = alpha[starts[band.n] + band.m - lo[band.n]]
    out: dict[Shape, float] = {}
    for t, (a, b) in enumerate(cells.shapes):
        jmin, jmax, off = cells.jmin[t], cells.jmax[t], cells.offset[t]
        count = np.maximum(jmax - jmin + 1, 0)
        rows = np.repeat(np.arange(band.n + 1), count)
        cols = np.arange(int(count.sum())) - np.repeat(off, count) + np.repeat(jmin, count)
        if not len(rows):
            out[(a, b)] = 0.0
            continue
        start = alpha[starts[rows - a] + cols - b - lo[rows - a]]
        end = beta[starts[rows] + cols - lo[rows]]
        out[(a, b)] = float(np.exp(np.minimum(start + cells.values[t] + end - total, 0)).sum())
    n_rows = band.n + 1
    widths = band.hi - band.lo
    rows = np.repeat(np.arange(n_rows), widths)
    cols = np.arange(int(widths.sum())) - np.repeat(np.cumsum(widths) - widths, widths)
    cols = cols + np.repeat(band.lo, widths) + 1
    start = alpha[starts[rows] + cols - 1 - lo[rows]]
    end = beta[starts[rows] + cols - lo[rows]]
    value = cells.insert[cols]
    out[(0, 1)] = float(np.exp(np.minimum(start + value + end - total, 0)).sum())
    return out


# -- coarse to fine ---------------------------------------------------------------------------


def path_points(path: Path, shapes: Sequence[Shape]) -> np.ndarray:
    """The boundary points (i, j) visited by a path, (0, 0) first."""
    points = [(0, 0)]
    for i, j, _t in path:
        points.append((i, j))
    return np.array(points, dtype=np.int64)


def project(points: np.ndarray, n: int, m: int, factor: int, width: int) -> Band:
    """The corridor at ``factor`` times the resolution around a coarse path's points."""
    rows: list[np.ndarray] = []
    low: list[np.ndarray] = []
    high: list[np.ndarray] = []
    for (i0, j0), (i1, j1) in itertools.pairwise(points):
        r0, r1 = min(i0 * factor, n), min(i1 * factor, n)
        c0, c1 = min(j0 * factor, m), min(j1 * factor, m)
        span = np.arange(r0, r1 + 1)
        rows.append(span)
        low.append(np.full(len(span), c0))
        high.append(np.full(len(span), c1))
    if not rows:
        return Band.full(n, m)
    return Band.around(np.concatenate(rows), np.concatenate(low), np.concatenate(high), n, m, width)


DIAGONAL_REACH = 0.2
"""Share of the document the coarsest search may stray from the proportional diagonal."""

LevelSearch = Callable[[int, Band], Path]
"""Search level ``k`` (0 = sentences, k = blocks of 2**k) within a corridor."""


def coarse_to_fine(
    n: int,
    m: int,
    shapes: Sequence[Shape],
    search: LevelSearch,
    *,
    width: int,
    full_cells: int,
    progress: Callable[[float, str], None] | None = None,
) -> tuple[Path, Band]:
    """The best path, found exhaustively on a coarse grid and refined level by level."""
    sizes = [(n, m)]
    while sizes[-1][0] * sizes[-1][1] > full_cells and min(sizes[-1]) > 8:
        cn, cm = sizes[-1]
        sizes.append(((cn + 1) // 2, (cm + 1) // 2))
    top = len(sizes) - 1
    band = Band.full(*sizes[top])
    if top > 0:
        # A long document is searched near its proportional diagonal only: far off it, a
        # few chance anchor matches between unrelated passages could outweigh the true path.
        tn, tm = sizes[top]
        rows = np.arange(tn + 1)
        diagonal = np.round(rows * tm / max(tn, 1)).astype(np.int64)
        reach = max(int(DIAGONAL_REACH * tm), 10)
        band = Band.around(rows, diagonal, diagonal, tn, tm, reach)
    path = search(top, band)
    for level in range(top - 1, -1, -1):
        if progress is not None:
            progress(0.1 + 0.5 * (top - level) / max(top, 1), f"refining level {level}")
        ln, lm = sizes[level]
        points = path_points(path, shapes)
        band = project(points, ln, lm, 2, width)
        path = search(level, band)
    return path, band
