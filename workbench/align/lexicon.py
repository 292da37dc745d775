"""A bilingual word list learnt from the document pair itself.

No dictionary exists for most language pairs this workbench meets, and the glossary covers
only terms. But a first alignment, even a rough one, pairs hundreds of sentences, and words
that translate each other keep turning up in paired sentences far more often than chance
allows: "Gipfel" with "sommet", "Seil" with "corde", "товарищ" with "friend". Counting
that is the idea of Moore's aligner (2002) - a length-based pass, a word model trained on
its output, a second pass with both - done here with a log-likelihood-ratio (G²) test and
competitive linking instead of IBM Model 1, which needs no iterations and no smoothing.

Words are compared as lower-case prefixes of at most five letters, so inflected forms pool
their counts ("товарищей", "товарищами" → "товар"). A pair is kept when it co-occurs in at
least ``min_count`` paired sentences and its G² exceeds ``min_g2`` (10.83: p < 0.001 for
one degree of freedom); each word then keeps only its strongest partner, strongest first.
The learnt pairs become one more kind of anchor key (``d:``), weighed like all others by how
often they survive in the next pass.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

__all__ = ["learn", "stems"]

_WORD = re.compile(r"[^\W\d_]{2,}")
_STEM = 5


def stems(text: str) -> set[str]:
    """The distinct word stems of a sentence: lower-case, at most five letters."""
    return {w.casefold()[:_STEM] for w in _WORD.findall(text)}


def _g2(k11: np.ndarray, k1_: np.ndarray, k_1: np.ndarray, n: int) -> np.ndarray:
    """Dunning's log-likelihood ratio of a 2 x 2 contingency table."""
    k12 = k1_ - k11
    k21 = k_1 - k11
    k22 = n - k11 - k12 - k21

    def h(*cells: np.ndarray) -> np.ndarray:
        total = sum(cells)
        out = np.zeros_like(total, dtype=np.float64)
        for c in cells:
            c = c.astype(np.float64)
            out += np.where(c > 0, c * np.log(np.where(c > 0, c, 1) / np.maximum(total, 1)), 0.0)
        return out

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def learn(
    src_stems: Sequence[set[str]],
    tgt_stems: Sequence[set[str]],
    pairs: Sequence[tuple[int, int]],
    *,
    min_count: int = 3,
    min_g2: float = 10.83,
) -> list[tuple[str, str]]:
    """Word-stem pairs that co-occur in paired sentences far more than chance would have.

    ``pairs`` are (source sentence, target sentence) index pairs of a trusted or first-pass
    alignment. Identical stems are left out: the cognate keys already cover them.
    """
    n = len(pairs)
    if n < 8:
        return []
    s_vocab: dict[str, int] = {}
    t_vocab: dict[str, int] = {}
    s_rows: list[list[int]] = []
    t_rows: list[list[int]] = []
    for i, j in pairs:
        s_rows.append([s_vocab.setdefault(w, len(s_vocab)) for w in src_stems[i]])
        t_rows.append([t_vocab.setdefault(w, len(t_vocab)) for w in tgt_stems[j]])
    if not s_vocab or not t_vocab:
        return []
    s_count = np.zeros(len(s_vocab), dtype=np.int64)
    t_count = np.zeros(len(t_vocab), dtype=np.int64)
    codes: list[np.ndarray] = []
    width = len(t_vocab)
    for srow, trow in zip(s_rows, t_rows, strict=True):
        if not srow or not trow:
            s_count[srow] += 1
            t_count[trow] += 1
            continue
        s_arr = np.asarray(srow, dtype=np.int64)
        t_arr = np.asarray(trow, dtype=np.int64)
        s_count[s_arr] += 1
        t_count[t_arr] += 1
        codes.append((s_arr[:, None] * width + t_arr[None, :]).ravel())
    if not codes:
        return []
    unique, joint = np.unique(np.concatenate(codes), return_counts=True)
    keep = joint >= min_count
    unique, joint = unique[keep], joint[keep]
    if not len(unique):
        return []
    si = unique // width
    tj = unique % width
    score = _g2(joint, s_count[si], t_count[tj], n)
    # Only positive association: more co-occurrence than independence predicts.
    expected = s_count[si] * t_count[tj] / n
    good = (score >= min_g2) & (joint > expected)
    order = np.argsort(-score[good], kind="stable")
    s_words = list(s_vocab)
    t_words = list(t_vocab)
    used_s: set[int] = set()
    used_t: set[int] = set()
    out: list[tuple[str, str]] = []
    for a, b in zip(si[good][order].tolist(), tj[good][order].tolist(), strict=True):
        if a in used_s or b in used_t:
            continue
        used_s.add(a)
        used_t.add(b)
        if s_words[a] != t_words[b]:
            out.append((s_words[a], t_words[b]))
    return out
