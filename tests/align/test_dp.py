"""The search itself: exact on small grids, sane corridors, coarse-to-fine on long texts."""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pytest

from tests.align.helpers import covers_once
from workbench.align import align
from workbench.align.dp import Band, CellScores, Grid, posteriors, viterbi

SHAPES = [(1, 0), (1, 1), (1, 2), (2, 1), (2, 2)]


def random_cells(n: int, m: int, seed: int) -> tuple[Band, CellScores, dict, np.ndarray]:
    rng = np.random.default_rng(seed)
    table: dict[tuple[int, int, int, int], float] = {}
    insert = rng.normal(-2, 1, m + 1)

    def score(a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        values = rng.normal(0, 2, len(rows))
        for r, c, v in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True):
            table[(a, b, r, c)] = v
        return values

    band = Band.full(n, m)
    cells = Grid(band, [*SHAPES, (0, 1)]).scores(score, lambda cols: insert[cols])
    return band, cells, table, insert


def all_paths(n: int, m: int):
    """Every monotone path from (0, 0) to (n, m) as a list of (a, b, i, j) steps."""
    steps = [*SHAPES, (0, 1)]

    def walk(i: int, j: int):
        if (i, j) == (n, m):
            yield []
            return
        for a, b in steps:
            if i + a <= n and j + b <= m:
                for rest in walk(i + a, j + b):
                    yield [(a, b, i + a, j + b), *rest]

    return list(walk(0, 0))


def path_score(path, table, insert) -> float:
    total = 0.0
    for a, b, i, j in path:
        total += insert[j] if (a, b) == (0, 1) else table[(a, b, i, j)]
    return total


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_and_posteriors_match_brute_force(seed: int) -> None:
    n, m = 3, 4
    band, cells, table, insert = random_cells(n, m, seed)
    paths = all_paths(n, m)
    scores = [path_score(p, table, insert) for p in paths]
    best = paths[int(np.argmax(scores))]
    found = viterbi(band, cells)
    as_steps = []
    for i, j, t in found:
        a, b = (0, 1) if t == -1 else cells.shapes[t]
        as_steps.append((a, b, i, j))
    assert as_steps == best
    total = np.logaddexp.reduce(scores)
    post = posteriors(band, cells, found)
    for step, got in zip(as_steps, post, strict=True):
        mass = [s for p, s in zip(paths, scores, strict=True) if step in p]
        assert got == pytest.approx(math.exp(np.logaddexp.reduce(mass) - total), rel=1e-6)


def test_band_around_a_path_is_monotone_and_connected() -> None:
    rows = np.array([0, 1, 2, 5, 9])
    cols = np.array([0, 0, 3, 4, 12])
    band = Band.around(rows, cols, cols, 9, 12, 2)
    assert band.lo[0] == 0 and band.hi[-1] == 12
    assert (np.diff(band.lo) >= 0).all() and (np.diff(band.hi) >= 0).all()
    assert (band.lo[1:] <= band.hi[:-1]).all()
    assert all(band.lo[r] <= c <= band.hi[r] for r, c in zip(rows, cols, strict=True))


def synthetic(size: int, seed: int) -> tuple[list[str], list[str], list]:
    """A text and its 'translation' with known gold: lengths scaled, some splits and drops."""
    rng = random.Random(seed)
    words = [
        "light",
        "vessel",
        "screen",
        "desire",
        "group",
        "friend",
        "path",
        "degree",
        "ladder",
        "world",
    ]
    src: list[str] = []
    tgt: list[str] = []
    gold = []
    for i in range(size):
        k = rng.randint(3, 25)
        sentence = " ".join(rng.choice(words) for _ in range(k)) + f" {i}."
        src.append(sentence)
        draw = rng.random()
        if draw < 0.02:
            gold.append(((i,), ()))
            continue
        longer = " ".join("ш" * len(w) for w in sentence.split()[:-1])
        if draw < 0.07 and k > 8:
            half = len(longer) // 2
            tgt.extend([longer[:half] + f" {i}.", longer[half:] + "."])
            gold.append(((i,), (len(tgt) - 2, len(tgt) - 1)))
        else:
            tgt.append(longer + f" {i}.")
            gold.append(((i,), (len(tgt) - 1,)))
    return src, tgt, gold


def test_long_documents_go_coarse_to_fine_and_stay_right() -> None:
    src, tgt, gold = synthetic(3000, 5)
    result = align(src, tgt, "en", "ru")
    found = result.pairs()
    assert covers_once(found, len(src), len(tgt))
    right = len(set(found) & set(gold)) / len(gold)
    assert right > 0.97
    assert result.warnings == ()


def test_a_single_shape_band_still_connects() -> None:
    # One-row corridor pieces must still let a deletion step through.
    band = Band(np.array([0, 0, 1]), np.array([0, 1, 2]))
    cells = Grid(band, [(1, 0), (1, 1), (0, 1)]).scores(
        lambda a, b, r, c: np.zeros(len(r)), lambda cols: np.full(len(cols), -1.0)
    )
    path = viterbi(band, cells)
    assert path[-1][:2] == (2, 2)
    assert len(list(itertools.chain(path))) >= 2
