"""How much a candidate link is worth: log-likelihood ratios against chance.

Every piece of evidence is scored as log P(evidence | the spans translate each other) minus
log P(evidence | two spans picked at random from these documents). Summing such ratios is
what lets length, numbers, glossary terms, cognates, punctuation and an optional embedding
model vote together without hand-set exchange rates, and it is what makes a link's score
mean the same thing in a Russian blog post and a German mountaineering journal.

* **Length** (Gale & Church): with ``x`` the source length and ``y`` the target length
  divided by the document's ratio ``c`` (Chinese/English differ by a factor of three or
  more, so ``c`` is measured, never assumed), ``delta = (y - x) / sqrt(s2 * (x + y) / 2)``
  is roughly standard normal for true links; a 10% wide component absorbs OCR debris and
  captions. Chance is the spread of ``delta`` over random sentence pairs of the same two
  documents.
* **Anchors**: a key shared by both spans is worth ``log(p / max(r_s, r_t))``, where
  ``r`` is the share of sentences containing it on each side and ``p`` how often a key of
  that kind survives translation. A key one span has and the other lacks costs a little,
  a rare key much more. So a shared post id is decisive, a shared "1" is nearly nothing.
* **Punctuation**: the same two-by-two table per bit (question, quote, label, ...).
* **Shape priors**: log P(1-1), log P(2-1), ... as in Gale & Church, learnt per document.

``Model`` holds the numbers; ``estimate`` fills them from the documents and a first path,
which is how a second pass adapts to this document and this language pair.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from workbench.align.features import PUNCT_BITS, SideFeatures

__all__ = [
    "DEFAULT_PRIORS",
    "KINDS",
    "AnchorIndex",
    "Model",
    "SharedKeys",
    "estimate",
    "initial_model",
    "length_llr",
    "link_evidence",
    "punct_table",
]

DEFAULT_PRIORS: dict[tuple[int, int], float] = {
    (1, 1): 0.89,
    (1, 0): 0.0099,
    (0, 1): 0.0099,
    (2, 1): 0.089,
    (1, 2): 0.089,
    (2, 2): 0.011,
    (3, 1): 0.006,
    (1, 3): 0.006,
    (3, 2): 0.002,
    (2, 3): 0.002,
    (3, 3): 0.001,
}
"""Gale & Church's shape priors, with the rarer 3-sentence shapes added."""

KINDS = ("g", "n", "c", "d")
"""Anchor key kinds: glossary concept, number, cognate, learnt word pair."""

_DEFAULT_SURVIVAL = {"g": 0.85, "n": 0.8, "c": 0.5, "d": 0.6}
_DEFAULT_AGREEMENT = 0.8
_S2 = 6.8
_WIDE_SHARE = 0.1
_WIDE_SCALE = 3.0
_LOG_SQRT_2PI = 0.5 * math.log(2 * math.pi)
_PRIOR_STRENGTH = 60.0
_RNG_SEED = 20240611


@dataclass(frozen=True)
class Model:
    """Parameters of the link score for one document pair."""

    ratio: float = 1.0
    s2: float = _S2
    null_mu: float = 0.0
    null_sigma: float = 3.0
    log_priors: dict[tuple[int, int], float] = field(default_factory=dict)
    survival: dict[str, float] = field(default_factory=lambda: dict(_DEFAULT_SURVIVAL))
    agreement: tuple[float, ...] = (_DEFAULT_AGREEMENT,) * len(PUNCT_BITS)
    q_src: tuple[float, ...] = (0.0,) * len(PUNCT_BITS)
    q_tgt: tuple[float, ...] = (0.0,) * len(PUNCT_BITS)
    mean_length: float = 80.0
    deletion_slope: float = 0.5


# -- length -----------------------------------------------------------------------------------


def _delta(model: Model, ls: np.ndarray, lt: np.ndarray) -> np.ndarray:
    x = ls
    y = lt / model.ratio
    mean = np.maximum((x + y) * 0.5, 1.0)
    return (y - x) / np.sqrt(model.s2 * mean)


def length_llr(model: Model, ls: np.ndarray | float, lt: np.ndarray | float) -> np.ndarray:
    """Log-ratio of the length pair under "translation" against "random pair"."""
    delta = _delta(model, np.asarray(ls, dtype=np.float64), np.asarray(lt, dtype=np.float64))
    narrow = -0.5 * delta * delta
    wide = -0.5 * (delta / _WIDE_SCALE) ** 2 - math.log(_WIDE_SCALE)
    top = np.maximum(narrow, wide)
    log_p = (
        top
        + np.log((1 - _WIDE_SHARE) * np.exp(narrow - top) + _WIDE_SHARE * np.exp(wide - top))
        - _LOG_SQRT_2PI
    )
    z = (delta - model.null_mu) / model.null_sigma
    log_null = -0.5 * z * z - math.log(model.null_sigma) - _LOG_SQRT_2PI
    return log_p - log_null


def deletion_score(model: Model, lengths: np.ndarray | float, shape: tuple[int, int]) -> np.ndarray:
    """Score of leaving a sentence unaligned: the shape prior, a little less if it is long.

    A translator drops a caption or a short aside, rarely a long paragraph sentence."""
    length = np.asarray(lengths, dtype=np.float64)
    return model.log_priors[shape] - model.deletion_slope * np.log1p(length / model.mean_length)


# -- punctuation ------------------------------------------------------------------------------


def _two_by_two(q_a: float, q_b: float, agree: float) -> np.ndarray:
    """log P(x, y | linked) - log P(x) P(y) for one binary feature with marginals q."""
    q_a = min(max(q_a, 1e-4), 1 - 1e-4)
    q_b = min(max(q_b, 1e-4), 1 - 1e-4)
    p11 = agree * min(q_a, q_b)
    p10 = max(q_a - p11, 1e-6)
    p01 = max(q_b - p11, 1e-6)
    p00 = max(1.0 - p11 - p10 - p01, 1e-6)
    joint = np.array([[p00, p01], [p10, p11]])
    indep = np.outer([1 - q_a, q_a], [1 - q_b, q_b])
    return np.log(joint) - np.log(indep)


def punct_table(model: Model, a: int, b: int) -> np.ndarray:
    """256 x 256 log-ratios for a span of ``a`` source and ``b`` target sentences.

    Indexed by the OR of the spans' punctuation bits; bits are summed as independent.
    """
    values = np.arange(256)
    table = np.zeros((256, 256))
    for bit in range(len(PUNCT_BITS)):
        q_a = 1 - (1 - model.q_src[bit]) ** a
        q_b = 1 - (1 - model.q_tgt[bit]) ** b
        if model.q_src[bit] <= 0 or model.q_tgt[bit] <= 0:
            continue
        small = _two_by_two(q_a, q_b, model.agreement[bit])
        xs = (values >> bit) & 1
        table += small[xs[:, None], xs[None, :]]
    return table


# -- anchors ----------------------------------------------------------------------------------


@dataclass
class SharedKeys:
    """Anchor keys that can tell something about links, with what each is worth.

    Keys seen on both sides can match. A key seen on one side only is evidence too when
    its kind normally survives translation - a number, a glossary concept the other
    language has a term for: "Chapter 2" next to a target without any 2 says that this
    sentence, unlike its neighbours, was not translated. Cognate keys seen on one side only
    say nothing (most words have no cognate), so they are left out.
    """

    src_keys: list[list[int]]
    tgt_keys: list[list[int]]
    kind: np.ndarray
    df_src: np.ndarray
    df_tgt: np.ndarray
    n: int
    m: int
    both: np.ndarray = field(default_factory=lambda: np.zeros(0))
    only_src: np.ndarray = field(default_factory=lambda: np.zeros(0))
    only_tgt: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unmatched_src: np.ndarray = field(default_factory=lambda: np.zeros(0))
    unmatched_tgt: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def build(
        cls,
        src: SideFeatures,
        tgt: SideFeatures,
        one_sided: Callable[[str], bool] | None = None,
    ) -> SharedKeys:
        """Index the useful keys; ``one_sided(key)`` admits keys seen on one side only
        (default: numbers)."""
        keep_alone = one_sided or (lambda key: key.startswith("n:"))
        df_s = Counter(k for keys in src.keys for k in keys)
        df_t = Counter(k for keys in tgt.keys for k in keys)
        shared = sorted(
            k for k in (df_s.keys() | df_t.keys()) if (k in df_s and k in df_t) or keep_alone(k)
        )
        index = {k: i for i, k in enumerate(shared)}
        kind = np.array([KINDS.index(k[0]) for k in shared], dtype=np.int8)
        src_keys = [sorted(index[k] for k in keys if k in index) for keys in src.keys]
        tgt_keys = [sorted(index[k] for k in keys if k in index) for keys in tgt.keys]
        return cls(
            src_keys=src_keys,
            tgt_keys=tgt_keys,
            kind=kind,
            df_src=np.array([df_s[k] for k in shared], dtype=np.float64),
            df_tgt=np.array([df_t[k] for k in shared], dtype=np.float64),
            n=max(len(src), 1),
            m=max(len(tgt), 1),
        )

    def weigh(self, model: Model) -> None:
        """Per-key log-ratios for "both have it", "only the source", "only the target"."""
        p = np.array([model.survival[k] for k in KINDS])[self.kind.astype(np.int64)]
        r_s = np.clip(self.df_src / self.n, 1e-6, 0.999)
        r_t = np.clip(self.df_tgt / self.m, 1e-6, 0.999)
        low = np.minimum(r_s, r_t)
        p11 = p * low
        self.both = np.log(p11) - np.log(r_s * r_t)
        self.only_src = np.log(np.maximum(r_s - p11, 1e-9)) - np.log(r_s * (1 - r_t))
        self.only_tgt = np.log(np.maximum(r_t - p11, 1e-9)) - np.log(r_t * (1 - r_s))
        # A key the other document never has: linked, it went missing (1 - p); unlinked,
        # it had to be missing anyway.
        lonely_s = self.df_tgt == 0
        lonely_t = self.df_src == 0
        self.only_src = np.where(lonely_s, np.log(1 - p), self.only_src)
        self.only_tgt = np.where(lonely_t, np.log(1 - p), self.only_tgt)
        self.both = np.where(lonely_s | lonely_t, 0.0, self.both)
        self.unmatched_src = np.array([self.only_src[k].sum() for k in self.src_keys])
        self.unmatched_tgt = np.array([self.only_tgt[k].sum() for k in self.tgt_keys])

    @property
    def pair_gain(self) -> np.ndarray:
        """What sharing a key adds over both sides lacking a counterpart.

        A sentence inside a pair link pays ``unmatched_src``/``unmatched_tgt`` (the sum of
        its keys' "the other side lacks it" ratios) and earns ``pair_gain`` back for every
        key the other side of the link has; a sentence left unaligned pays nothing, since
        nothing is claimed about it. So merging a sentence whose numbers and names the
        target does not have costs what it should.
        """
        return self.both - self.only_src - self.only_tgt

    def index(self, s0: int, s1: int, t0: int, t1: int) -> AnchorIndex:
        """Postings of the useful keys inside a stretch, in stretch coordinates."""
        gain = self.pair_gain
        si: list[int] = []
        sk: list[int] = []
        for i in range(s0, s1):
            for k in self.src_keys[i]:
                if gain[k] > 0:
                    si.append(i - s0)
                    sk.append(k)
        tj: list[int] = []
        tk: list[int] = []
        for j in range(t0, t1):
            for k in self.tgt_keys[j]:
                if gain[k] > 0:
                    tj.append(j - t0)
                    tk.append(k)
        return AnchorIndex(
            np.asarray(si, dtype=np.int64),
            np.asarray(sk, dtype=np.int64),
            np.asarray(tj, dtype=np.int64),
            np.asarray(tk, dtype=np.int64),
            gain,
            s1 - s0,
            t1 - t0,
        )


class AnchorIndex:
    """Which sentence pairs share which keys, produced only where the search looks.

    Listing every pair of sentences that share a key is quadratic for common keys and long
    documents. The search never needs that: each level asks for the pairs inside its
    corridor (``within``), which costs about as much as the corridor itself; only the
    coarsest level, searched whole, asks for block pairs (``blocks``), where keys spread over
    many blocks are left out - they cannot place a block anyway.
    """

    def __init__(
        self,
        src_i: np.ndarray,
        src_k: np.ndarray,
        tgt_j: np.ndarray,
        tgt_k: np.ndarray,
        gain: np.ndarray,
        n: int,
        m: int,
    ) -> None:
        self.n = n
        self.m = m
        self.gain = gain
        self.src_i = src_i
        self.src_k = src_k
        code = tgt_k * (m + 1) + tgt_j
        order = np.argsort(code, kind="stable")
        self.tgt_code = code[order]
        self.tgt_j = tgt_j[order]
        self.tgt_k = tgt_k[order]

    def __len__(self) -> int:
        return len(self.src_i)

    def within(
        self, low: np.ndarray, high: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Pairs ``(i, j, key, gain)`` with ``low[i] <= j <= high[i]`` (per source sentence)."""
        if not len(self.src_i) or not len(self.tgt_code):
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty, np.zeros(0)
        base = self.src_k * (self.m + 1)
        start = np.searchsorted(self.tgt_code, base + low[self.src_i], side="left")
        stop = np.searchsorted(self.tgt_code, base + high[self.src_i], side="right")
        counts = np.maximum(stop - start, 0)
        ii = np.repeat(self.src_i, counts)
        kk = np.repeat(self.src_k, counts)
        first = np.repeat(start - np.cumsum(counts) + counts, counts)
        jj = self.tgt_j[first + np.arange(len(ii))]
        return ii, jj, kk, self.gain[kk]

    def blocks(
        self, size: int, n_blocks: int, m_blocks: int, max_spread: float = 0.1
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Block pairs ``(I, J, gain)`` for blocks of ``size`` sentences, every pair listed.

        A key counts once per pair of blocks it occurs in; keys found in more than
        ``max_spread`` of the blocks of either side are skipped.
        """
        empty = np.zeros(0, dtype=np.int64)
        if not len(self.src_i) or not len(self.tgt_j):
            return empty, empty, np.zeros(0)
        src = np.unique(np.stack([self.src_k, self.src_i // size], axis=1), axis=0)
        tgt = np.unique(np.stack([self.tgt_k, self.tgt_j // size], axis=1), axis=0)
        n_keys = len(self.gain)
        spread_s = np.bincount(src[:, 0], minlength=n_keys)
        spread_t = np.bincount(tgt[:, 0], minlength=n_keys)
        narrow = (spread_s <= max(2, max_spread * n_blocks)) & (
            spread_t <= max(2, max_spread * m_blocks)
        )
        src = src[narrow[src[:, 0]]]
        tgt = tgt[narrow[tgt[:, 0]]]
        if not len(src) or not len(tgt):
            return empty, empty, np.zeros(0)
        t_start = np.searchsorted(tgt[:, 0], src[:, 0], side="left")
        t_stop = np.searchsorted(tgt[:, 0], src[:, 0], side="right")
        counts = t_stop - t_start
        rows = np.repeat(src[:, 1], counts)
        keys = np.repeat(src[:, 0], counts)
        first = np.repeat(t_start - np.cumsum(counts) + counts, counts)
        cols = tgt[first + np.arange(len(rows)), 1]
        return rows, cols, self.gain[keys]


_TABLES: dict[tuple[int, int, int], tuple[Model, np.ndarray]] = {}


def _cached_table(model: Model, a: int, b: int) -> np.ndarray:
    """``punct_table`` remembered for the last models seen (links are scored in bulk)."""
    key = (id(model), a, b)
    hit = _TABLES.get(key)
    if hit is not None and hit[0] is model:
        return hit[1]
    if len(_TABLES) > 64:
        _TABLES.clear()
    table = punct_table(model, a, b)
    _TABLES[key] = (model, table)
    return table


# -- a link, scored in full -------------------------------------------------------------------


def link_evidence(
    model: Model,
    keys: SharedKeys,
    src: SideFeatures,
    tgt: SideFeatures,
    src_span: Sequence[int],
    tgt_span: Sequence[int],
    *,
    use_punct: bool,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> float:
    """The full log-ratio of one pair link, missing anchors included.

    The search leaves out what every path pays alike (an anchor without counterpart costs
    the same wherever the sentence goes); a link's confidence needs all of it.
    """
    if not src_span or not tgt_span:
        return 0.0
    ls = float(src.lengths[list(src_span)].sum())
    lt = float(tgt.lengths[list(tgt_span)].sum())
    score = weights[0] * float(length_llr(model, ls, lt))
    ks = {k for i in src_span for k in keys.src_keys[i]}
    kt = {k for j in tgt_span for k in keys.tgt_keys[j]}
    lexical = 0.0
    for k in ks & kt:
        lexical += keys.both[k]
    for k in ks - kt:
        lexical += keys.only_src[k]
    for k in kt - ks:
        lexical += keys.only_tgt[k]
    score += weights[1] * lexical
    if use_punct:
        ms = 0
        mt = 0
        for i in src_span:
            ms |= int(src.masks[i])
        for j in tgt_span:
            mt |= int(tgt.masks[j])
        table = _cached_table(model, len(src_span), len(tgt_span))
        score += weights[2] * float(table[ms, mt])
    return score


# -- estimating the model ---------------------------------------------------------------------


def _normalised_priors(
    types: Iterable[tuple[int, int]],
    counts: Counter[tuple[int, int]] | dict[tuple[int, int], float] | None = None,
) -> dict[tuple[int, int], float]:
    types = list(types)
    base = {t: DEFAULT_PRIORS.get(t, 0.001) for t in types}
    total = sum(base.values())
    base = {t: v / total for t, v in base.items()}
    if counts:
        n_links = sum(counts.get(t, 0) for t in types)
        mixed = {t: (counts.get(t, 0) + _PRIOR_STRENGTH * base[t]) for t in types}
        total = n_links + _PRIOR_STRENGTH
        base = {t: v / total for t, v in mixed.items()}
    return {t: math.log(v) for t, v in base.items()}


def _null_spread(model: Model, src: SideFeatures, tgt: SideFeatures) -> tuple[float, float]:
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return 0.0, 3.0
    rng = np.random.default_rng(_RNG_SEED)
    size = min(4000, n * m)
    i = rng.integers(0, n, size)
    j = rng.integers(0, m, size)
    delta = _delta(model, src.lengths[i], tgt.lengths[j])
    mu = float(np.median(delta))
    sigma = float(1.4826 * np.median(np.abs(delta - mu)))
    return mu, max(sigma, 1.5)


def initial_model(
    src: SideFeatures,
    tgt: SideFeatures,
    types: Sequence[tuple[int, int]],
) -> Model:
    """The model before any path is known: the ratio of total lengths, textbook variance."""
    total_s = float(src.lengths.sum()) if len(src) else 1.0
    total_t = float(tgt.lengths.sum()) if len(tgt) else 1.0
    ratio = min(max(total_t / max(total_s, 1.0), 0.05), 20.0)
    q_src = tuple(float(((src.masks >> b) & 1).mean()) if len(src) else 0.0 for b in range(8))
    q_tgt = tuple(float(((tgt.masks >> b) & 1).mean()) if len(tgt) else 0.0 for b in range(8))
    both = np.concatenate([src.lengths, tgt.lengths / ratio]) if len(src) + len(tgt) else [80.0]
    model = Model(
        ratio=ratio,
        log_priors=_normalised_priors(types),
        q_src=q_src,
        q_tgt=q_tgt,
        mean_length=float(np.mean(both)),
    )
    mu, sigma = _null_spread(model, src, tgt)
    return replace(model, null_mu=mu, null_sigma=sigma)


def estimate(
    model: Model,
    src: SideFeatures,
    tgt: SideFeatures,
    keys: SharedKeys,
    links: Sequence[tuple[tuple[int, ...], tuple[int, ...]]],
    types: Sequence[tuple[int, int]],
    shape_counts: dict[tuple[int, int], float] | None = None,
) -> Model:
    """Re-fit the model to a path: what this document's translations actually look like.

    Only one-to-one links inform the length ratio, its spread and the punctuation
    agreement (merges blur them). Every estimate is pulled toward its default by pseudo
    counts and clamped to a plausible range, so a short or badly aligned first path cannot
    talk the second pass into nonsense.
    """
    ones = [(s[0], t[0]) for s, t in links if len(s) == 1 and len(t) == 1]
    counts: Counter[tuple[int, int]] | dict[tuple[int, int], float] = (
        shape_counts if shape_counts is not None else Counter((len(s), len(t)) for s, t in links)
    )
    ratio = model.ratio
    s2 = model.s2
    if len(ones) >= 8:
        si = np.array([p[0] for p in ones])
        tj = np.array([p[1] for p in ones])
        ls = src.lengths[si]
        lt = tgt.lengths[tj]
        usable = (ls >= 8) & (lt >= 8)
        if usable.sum() >= 8:
            ratio = float(np.median(lt[usable] / ls[usable]))
            ratio = min(max(ratio, model.ratio / 3, 0.05), model.ratio * 3, 20.0)
            x = ls[usable]
            y = lt[usable] / ratio
            resid = (y - x) ** 2 / np.maximum((x + y) / 2, 1.0)
            weight = min(usable.sum() / 50.0, 1.0)
            fitted = float(np.median(resid) / 0.455)
            s2 = math.exp(weight * math.log(max(fitted, 0.5)) + (1 - weight) * math.log(_S2))
            s2 = min(max(s2, 1.0), 60.0)
    survival = dict(model.survival)
    hits = dict.fromkeys(KINDS, 0.0)
    total = dict.fromkeys(KINDS, 0.0)
    for s, t in links:
        if not s or not t:
            continue
        ks = {k for i in s for k in keys.src_keys[i]}
        kt = {k for j in t for k in keys.tgt_keys[j]}
        for k in ks:
            kind = KINDS[keys.kind[k]]
            total[kind] += 1
            hits[kind] += k in kt
        for k in kt:
            kind = KINDS[keys.kind[k]]
            total[kind] += 1
            hits[kind] += k in ks
    for kind in KINDS:
        prior = _DEFAULT_SURVIVAL[kind]
        survival[kind] = min(max((hits[kind] + 20 * prior) / (total[kind] + 20), 0.05), 0.97)
    agreement = list(model.agreement)
    if ones:
        ms = src.masks[[p[0] for p in ones]].astype(np.int64)
        mt = tgt.masks[[p[1] for p in ones]].astype(np.int64)
        for bit in range(len(PUNCT_BITS)):
            bs = (ms >> bit) & 1
            bt = (mt >> bit) & 1
            low = min(bs.sum(), bt.sum())
            both = float((bs & bt).sum())
            value = (both + 10 * _DEFAULT_AGREEMENT) / (low + 10)
            agreement[bit] = min(max(value, 0.05), 0.98)
    fitted_model = replace(
        model,
        ratio=ratio,
        s2=s2,
        log_priors=_normalised_priors(types, counts),
        survival=survival,
        agreement=tuple(agreement),
    )
    mu, sigma = _null_spread(fitted_model, src, tgt)
    return replace(fitted_model, null_mu=mu, null_sigma=sigma)
