"""Sentence alignment of a text and its translation: the public entry points.

``align`` runs, for each stretch between confirmed links:

1. a first search with a textbook model (length ratio of the whole texts, Gale & Church
   variance and shape priors, default anchor survival rates), coarse to fine for long
   documents;
2. re-estimation from that path - this document's length ratio and spread, how often its
   glossary terms, numbers, cognates and punctuation survive translation, how often its
   translator splits or merges (expected counts over all paths, for short texts) - plus a
   word list learnt from the path's one-to-one links (``lexicon``), then a second search in
   a narrow corridor around the first path, with any ``scorers`` voting too;
3. confidences: for each link, the share of all paths' probability that uses it
   (forward-backward), times how much better its evidence is than that of same-shape links
   moved off the path, times a document factor. The factor compares how far the path beats
   chance with how far a path through the *reversed* target beats it: a search always finds
   some good-looking pairs, even between unrelated texts, so only a translation's margin
   over that is evidence. Two texts that are not translations of each other get a factor
   near zero, low confidence everywhere and a warning.

``realign_between`` keeps the confirmed links of an earlier run and re-aligns the rest.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from workbench.align.dp import (
    Band,
    CellScores,
    Path,
    coarse_to_fine,
    expected_counts,
    path_points,
    posteriors,
    project,
    viterbi,
)
from workbench.align.embeddings import Scorer
from workbench.align.features import SideFeatures, extract
from workbench.align.levels import Level, cell_scores
from workbench.align.lexicon import learn, stems
from workbench.align.model import Alignment, AlignParams, Link
from workbench.align.scoring import (
    Model,
    SharedKeys,
    estimate,
    initial_model,
    link_evidence,
)
from workbench.glossary import Termbase

__all__ = ["ALIGNER_VERSION", "align", "realign_between", "signature"]

ALIGNER_VERSION = "1"
"""Bump whenever a result for the same input and parameters could change."""

Progress = Callable[[float, str], None]
Pair = tuple[tuple[int, ...], tuple[int, ...]]

# Confidence calibration (log-odds units): a link's evidence must beat the median random
# pair of the same documents by about QUALITY_SHIFT / QUALITY_SLOPE to count as good, and
# the path as a whole must beat random pairs by DOC_SHIFT before any link is trusted.
QUALITY_SLOPE = 0.9
QUALITY_SHIFT = 1.0
DOC_SLOPE = 3.0
DOC_SHIFT = 1.5
EMBEDDING_SCALE = 1.5
EXPECTED_COUNT_CELLS = 250_000
DECOY_OFFSETS = (6, 11, 17, 29)


@dataclass
class _Stretch:
    """Source ``s0..s1`` and target ``t0..t1`` between two confirmed links."""

    s0: int
    s1: int
    t0: int
    t1: int
    locked_src: np.ndarray
    locked_tgt: np.ndarray

    @property
    def n(self) -> int:
        return self.s1 - self.s0

    @property
    def m(self) -> int:
        return self.t1 - self.t0


@dataclass
class _Run:
    """What one stretch's search produced, kept for the next pass and for confidences."""

    stretch: _Stretch
    pairs: list[Pair]
    path: Path
    band: Band | None = None
    cells: CellScores | None = None


# -- checking input ---------------------------------------------------------------------------


def _texts(values: Sequence[str], side: str) -> list[str]:
    out = list(values)
    for index, value in enumerate(out):
        if not isinstance(value, str):
            raise TypeError(f"{side} sentence {index} is {type(value).__name__}, not str")
    return out


def _check_fixed(fixed: Sequence[Link], n: int, m: int) -> list[Link]:
    """Confirmed links, validated: in range, disjoint, and in the same order on both sides."""
    seen_s: set[int] = set()
    seen_t: set[int] = set()
    for link in fixed:
        if any(i >= n for i in link.src) or any(j >= m for j in link.tgt):
            raise ValueError(f"confirmed link {link.pair} points past the end of the texts")
        if seen_s & set(link.src) or seen_t & set(link.tgt):
            raise ValueError(f"confirmed link {link.pair} overlaps another confirmed link")
        seen_s |= set(link.src)
        seen_t |= set(link.tgt)
    pairs = sorted((f for f in fixed if f.src and f.tgt), key=lambda f: f.src[0])
    for before, after in itertools.pairwise(pairs):
        if after.tgt[0] <= before.tgt[-1]:
            raise ValueError(
                f"confirmed links {before.pair} and {after.pair} cross: "
                "links must keep the order of both texts"
            )
    return list(fixed)


def _stretches(fixed: Sequence[Link], n: int, m: int) -> tuple[list[_Stretch], list[Link]]:
    locked_src = np.zeros(n, dtype=bool)
    locked_tgt = np.zeros(m, dtype=bool)
    for link in fixed:
        if not link.tgt:
            locked_src[list(link.src)] = True
        if not link.src:
            locked_tgt[list(link.tgt)] = True
    anchors = sorted((f for f in fixed if f.src and f.tgt), key=lambda f: f.src[0])
    out: list[_Stretch] = []
    s0 = t0 = 0
    for link in anchors:
        s1, t1 = link.src[0], link.tgt[0]
        out.append(_Stretch(s0, s1, t0, t1, locked_src[s0:s1], locked_tgt[t0:t1]))
        s0, t0 = link.src[-1] + 1, link.tgt[-1] + 1
    out.append(_Stretch(s0, n, t0, m, locked_src[s0:n], locked_tgt[t0:m]))
    return out, anchors


# -- the signature ----------------------------------------------------------------------------


def _glossary_fingerprint(termbase: Termbase, langs: Sequence[str]) -> str:
    digest = hashlib.sha1()
    for lang in langs:
        for concept_id, term in sorted(termbase.terms(lang), key=lambda p: (p[0], p[1].text)):
            digest.update(f"{concept_id}\t{lang}\t{term.text}\t{term.status}\n".encode())
    return digest.hexdigest()[:8]


def signature(
    params: AlignParams | None = None,
    *,
    termbase: Termbase | None = None,
    scorers: Sequence[Scorer] = (),
    langs: Sequence[str] = (),
) -> str:
    """``align:1|len:gc-est|anchors:glossary@3fa2b1c0+num+translit+punct|...|emb:none``.

    Everything that can change the result is in it: the version, the length model, the
    anchor kinds (with a hash of the glossary terms of the two languages), the link shapes,
    the corridor widths, the number of passes, the weights and the scorers.
    """
    params = params or AlignParams()
    kinds = []
    for kind in params.anchors:
        if kind == "glossary":
            if termbase is None:
                continue
            kinds.append(f"glossary@{_glossary_fingerprint(termbase, langs)}")
        else:
            kinds.append(kind)
    shapes = ",".join(f"{a}-{b}" for a, b in params.link_types)
    weights = (
        f"{params.length_weight:g},{params.anchor_weight:g},"
        f"{params.punct_weight:g},{params.scorer_weight:g}"
    )
    emb = "+".join(s.name for s in scorers) or "none"
    return (
        f"align:{ALIGNER_VERSION}|len:gc-est|anchors:{'+'.join(kinds) or 'none'}"
        f"|types:{shapes}|band:{params.band_width}/{params.refine_width}"
        f"/{params.full_search_cells}|iter:{params.iterations}|w:{weights}|emb:{emb}"
    )


# -- scorers ----------------------------------------------------------------------------------


class _ScorerVotes:
    """Scorer similarities turned into log-ratios against random pairs of these texts."""

    def __init__(self, scorers: Sequence[Scorer], src: list[str], tgt: list[str], weight: float):
        self.scorers = list(scorers)
        self.src = src
        self.tgt = tgt
        self.weight = weight
        self.norms: list[tuple[float, float]] = []
        n, m = len(src), len(tgt)
        rng = np.random.default_rng(7)
        size = min(400, n * m)
        if not self.scorers or size == 0:
            return
        i = rng.integers(0, n, size)
        j = rng.integers(0, m, size)
        for scorer in self.scorers:
            sims = self._similarity(scorer, i, np.ones(size, int), j, np.ones(size, int))
            self.norms.append((float(np.median(sims)), max(float(np.std(sims)), 0.05)))

    def _similarity(
        self,
        scorer: Scorer,
        s_start: np.ndarray,
        s_len: np.ndarray,
        t_start: np.ndarray,
        t_len: np.ndarray,
    ) -> np.ndarray:
        s_ids, s_inv = np.unique(s_start * 4 + s_len, return_inverse=True)
        t_ids, t_inv = np.unique(t_start * 4 + t_len, return_inverse=True)
        s_texts = [" ".join(self.src[k // 4 : k // 4 + k % 4]) for k in s_ids.tolist()]
        t_texts = [" ".join(self.tgt[k // 4 : k // 4 + k % 4]) for k in t_ids.tolist()]
        pairs = np.stack([s_inv.ravel(), t_inv.ravel()], axis=1)
        sims = np.asarray(scorer.similarity(s_texts, t_texts, pairs), dtype=np.float64)
        if sims.shape != (len(pairs),):
            raise ValueError(f"scorer {scorer.name!r} must return one similarity per pair")
        return sims

    def llr(
        self, s_start: np.ndarray, s_len: np.ndarray, t_start: np.ndarray, t_len: np.ndarray
    ) -> np.ndarray:
        total = np.zeros(len(s_start))
        if len(s_start) == 0:
            return total
        for scorer, (mu, sigma) in zip(self.scorers, self.norms, strict=True):
            sims = self._similarity(scorer, s_start, s_len, t_start, t_len)
            total += EMBEDDING_SCALE * self.weight * (sims - mu) / sigma
        return total

    def __bool__(self) -> bool:
        return bool(self.scorers) and bool(self.norms)


# -- the passes -------------------------------------------------------------------------------


def _level0(
    stretch: _Stretch,
    src_f: SideFeatures,
    tgt_f: SideFeatures,
    keys: SharedKeys,
    use_punct: bool,
) -> Level:
    locked_s = stretch.locked_src if stretch.locked_src.any() else None
    locked_t = stretch.locked_tgt if stretch.locked_tgt.any() else None
    return Level(
        ls=src_f.lengths[stretch.s0 : stretch.s1],
        lt=tgt_f.lengths[stretch.t0 : stretch.t1],
        ms=src_f.masks[stretch.s0 : stretch.s1],
        mt=tgt_f.masks[stretch.t0 : stretch.t1],
        use_punct=use_punct,
        anchors=keys.index(stretch.s0, stretch.s1, stretch.t0, stretch.t1),
        locked_src=locked_s,
        locked_tgt=locked_t,
        debris_src=_part(src_f.debris, stretch.s0, stretch.s1),
        debris_tgt=_part(tgt_f.debris, stretch.t0, stretch.t1),
        unmatched_src=keys.unmatched_src[stretch.s0 : stretch.s1],
        unmatched_tgt=keys.unmatched_tgt[stretch.t0 : stretch.t1],
    )


def _part(values: np.ndarray | None, start: int, stop: int) -> np.ndarray | None:
    return None if values is None else values[start:stop]


def _one_sided_keys(
    termbase: Termbase | None, src_lang: str, tgt_lang: str
) -> Callable[[str], bool]:
    """Which keys count as evidence even when only one document has them.

    Numbers, and glossary concepts that have terms in both languages: a translation that
    keeps the concept would have matched it.
    """
    both: set[str] = set()
    if termbase is not None:
        src_ids = {c.id for c in termbase.concepts_for(src_lang)}
        tgt_ids = {c.id for c in termbase.concepts_for(tgt_lang)}
        both = {"g:" + cid for cid in src_ids & tgt_ids}

    def admit(key: str) -> bool:
        return key.startswith("n:") or key in both

    return admit


def _with_lexicon(
    src: list[str],
    tgt: list[str],
    src_f: SideFeatures,
    tgt_f: SideFeatures,
    known: Sequence[Pair],
) -> tuple[SideFeatures, SideFeatures, int]:
    """Add the word pairs learnt from the first pass as ``d:`` anchor keys."""
    src_stems = [stems(t) for t in src]
    tgt_stems = [stems(t) for t in tgt]
    ones = [(s[0], t[0]) for s, t in known if len(s) == 1 and len(t) == 1]
    lexicon = learn(src_stems, tgt_stems, ones)
    if not lexicon:
        return src_f, tgt_f, 0
    by_src = {a: f"d:{k}" for k, (a, _b) in enumerate(lexicon)}
    by_tgt = {b: f"d:{k}" for k, (_a, b) in enumerate(lexicon)}
    src_keys = tuple(
        keys | {by_src[w] for w in words if w in by_src}
        for keys, words in zip(src_f.keys, src_stems, strict=True)
    )
    tgt_keys = tuple(
        keys | {by_tgt[w] for w in words if w in by_tgt}
        for keys, words in zip(tgt_f.keys, tgt_stems, strict=True)
    )
    return replace(src_f, keys=src_keys), replace(tgt_f, keys=tgt_keys), len(lexicon)


def _to_pairs(path: Path, cells: CellScores, stretch: _Stretch) -> list[Pair]:
    out: list[Pair] = []
    for i, j, t in path:
        if t == -1:
            out.append(((), (stretch.t0 + j - 1,)))
            continue
        a, b = cells.shapes[t]
        src = tuple(range(stretch.s0 + i - a, stretch.s0 + i))
        tgt = tuple(range(stretch.t0 + j - b, stretch.t0 + j))
        out.append((src, tgt))
    return out


def _trivial(stretch: _Stretch) -> list[Pair]:
    return [((i,), ()) for i in range(stretch.s0, stretch.s1)] + [
        ((), (j,)) for j in range(stretch.t0, stretch.t1)
    ]


def _weights(params: AlignParams) -> tuple[float, float, float]:
    return (params.length_weight, params.anchor_weight, params.punct_weight)


def _first_pass(
    stretch: _Stretch,
    level0: Level,
    model: Model,
    params: AlignParams,
    progress: Progress | None,
) -> _Run:
    if stretch.n == 0 or stretch.m == 0:
        return _Run(stretch, _trivial(stretch), [])
    shapes = list(params.link_types)
    levels = [level0]
    last_cells: list[CellScores] = []

    def search(k: int, band: Band) -> Path:
        while len(levels) <= k:
            levels.append(levels[-1].coarser())
        cells = cell_scores(levels[k], band, shapes, model, weights=_weights(params))
        last_cells[:] = [cells]
        return viterbi(band, cells)

    path, band = coarse_to_fine(
        stretch.n,
        stretch.m,
        shapes,
        search,
        width=params.band_width,
        full_cells=params.full_search_cells,
        progress=progress,
    )
    return _Run(stretch, _to_pairs(path, last_cells[0], stretch), path, band, last_cells[0])


def _refine(
    run: _Run,
    level0: Level,
    model: Model,
    params: AlignParams,
    votes: _ScorerVotes | None,
) -> _Run:
    stretch = run.stretch
    if stretch.n == 0 or stretch.m == 0:
        return run
    shapes = list(params.link_types)
    band = project(path_points(run.path, shapes), stretch.n, stretch.m, 1, params.refine_width)
    extra = None
    if votes:

        def extra(a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
            return votes.llr(
                stretch.s0 + rows - a,
                np.full(len(rows), a),
                stretch.t0 + cols - b,
                np.full(len(rows), b),
            )

    cells = cell_scores(level0, band, shapes, model, weights=_weights(params), extra=extra)
    path = viterbi(band, cells)
    return _Run(stretch, _to_pairs(path, cells, stretch), path, band, cells)


# -- confidence -------------------------------------------------------------------------------


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


class _Judge:
    """Evidence of links and of random pairs, for confidences and the translation check."""

    def __init__(
        self,
        model: Model,
        keys: SharedKeys,
        src_f: SideFeatures,
        tgt_f: SideFeatures,
        params: AlignParams,
        votes: _ScorerVotes | None,
    ) -> None:
        self.model = model
        self.keys = keys
        self.src_f = src_f
        self.tgt_f = tgt_f
        self.params = params
        self.votes = votes
        self.use_punct = "punct" in params.anchors

    def evidence(self, pairs: Sequence[Pair]) -> np.ndarray:
        values = np.array(
            [
                link_evidence(
                    self.model,
                    self.keys,
                    self.src_f,
                    self.tgt_f,
                    s,
                    t,
                    use_punct=self.use_punct,
                    weights=_weights(self.params),
                )
                for s, t in pairs
            ]
        )
        if self.votes and len(pairs):
            extra = self.votes.llr(
                np.array([s[0] for s, _t in pairs]),
                np.array([len(s) for s, _t in pairs]),
                np.array([t[0] for _s, t in pairs]),
                np.array([len(t) for _s, t in pairs]),
            )
            values = values + extra
        return values

    def decoys(self, pairs: Sequence[Pair]) -> dict[tuple[int, int], float]:
        """Median evidence of links moved off the path, per link shape: chance, here.

        Each sampled link keeps its shape and moves its target side a few sentences away,
        so a three-to-one merge is compared with three-to-one merges of unrelated
        sentences, which collect more stray anchor matches than one-to-one pairs do.
        """
        m = len(self.tgt_f)
        links = [p for p in pairs if p[0] and p[1]]
        if not links or m < 2:
            return {}
        step = max(1, len(links) // 600)
        decoy: list[Pair] = []
        for s, t in links[::step]:
            b = len(t)
            if m <= b:
                continue
            for offset in DECOY_OFFSETS:
                start = (t[0] + offset) % (m - b + 1)
                if start == t[0]:
                    start = (start + 1) % (m - b + 1)
                decoy.append((s, tuple(range(start, start + b))))
        if not decoy:
            return {}
        values = self.evidence(decoy)
        shapes: dict[tuple[int, int], list[float]] = {}
        for (s, t), value in zip(decoy, values.tolist(), strict=True):
            shapes.setdefault((len(s), len(t)), []).append(value)
        overall = float(np.median(values))
        out = {
            shape: float(np.median(v)) if len(v) >= 5 else overall for shape, v in shapes.items()
        }
        out[(0, 0)] = overall
        return out


def _deletion_doubt(judge: _Judge, pair: Pair, radius: int) -> float:
    """Best evidence that the lone sentence of a deletion link does have a counterpart."""
    src, tgt = pair
    candidates: list[Pair] = []
    if src:
        i = src[0]
        m = len(judge.tgt_f)
        centre = round(i * m / max(len(judge.src_f), 1))
        candidates = [((i,), (j,)) for j in range(max(0, centre - radius), min(m, centre + radius))]
    else:
        j = tgt[0]
        n = len(judge.src_f)
        centre = round(j * n / max(len(judge.tgt_f), 1))
        candidates = [((i,), (j,)) for i in range(max(0, centre - radius), min(n, centre + radius))]
    if not candidates:
        return -math.inf
    return float(judge.evidence(candidates).max())


def _gaps(judge: _Judge, computed: Sequence[Pair]) -> tuple[np.ndarray, float]:
    """Each link's evidence minus that of same-shape links moved off the path."""
    if not computed:
        return np.zeros(0), 0.0
    decoy = judge.decoys(computed)
    evidence = judge.evidence(computed)
    if not decoy:
        return evidence, 0.0
    chance = decoy[(0, 0)]
    baseline = np.array([decoy.get((len(s), len(t)), chance) for s, t in computed])
    return evidence - baseline, chance


def _separation(judge: _Judge, pairs: Sequence[Pair]) -> float:
    """How much better the links of a path are than chance, as a median log-ratio."""
    gaps, _chance = _gaps(judge, [p for p in pairs if p[0] and p[1]])
    return float(np.median(gaps)) if len(gaps) else 0.0


def _confidences(
    runs: Sequence[_Run],
    judge: _Judge,
    params: AlignParams,
    *,
    near: Callable[[Pair], int],
    doc_factor: float,
) -> tuple[dict[Pair, float], dict[str, float]]:
    pairs = [p for run in runs for p in run.pairs]
    computed = [p for p in pairs if p[0] and p[1]]
    posterior: dict[Pair, float] = {}
    for run in runs:
        if run.cells is None or run.band is None:
            for p in run.pairs:
                posterior[p] = 1.0
            continue
        post = posteriors(run.band, run.cells, run.path)
        for p, value in zip(run.pairs, post, strict=True):
            posterior[p] = value
    stats: dict[str, float] = {}
    gaps, chance = _gaps(judge, computed)
    stats["chance_evidence"] = chance
    stats["separation"] = float(np.median(gaps)) if len(gaps) else 0.0
    scores: dict[Pair, float] = {}
    for p, gap in zip(computed, gaps, strict=True):
        quality = _sigmoid(QUALITY_SLOPE * float(gap) - QUALITY_SHIFT)
        scores[p] = posterior.get(p, 0.0) * quality * doc_factor
    for run in runs:
        for p in run.pairs:
            if p in scores:
                continue
            if run.cells is None:
                scores[p] = 1.0
                continue
            doubt = _deletion_doubt(judge, p, near(p)) - chance
            quality = 1.0 - _sigmoid(QUALITY_SLOPE * doubt - QUALITY_SHIFT)
            scores[p] = posterior.get(p, 0.0) * quality * doc_factor
    return scores, stats


def _permuted(side: SideFeatures, order: np.ndarray) -> SideFeatures:
    return SideFeatures(
        lengths=side.lengths[order],
        masks=side.masks[order],
        keys=tuple(side.keys[k] for k in order.tolist()),
        debris=None if side.debris is None else side.debris[order],
    )


def _translation_test(
    src_f: SideFeatures,
    tgt_f: SideFeatures,
    lonely: Callable[[str], bool],
    model: Model,
    params: AlignParams,
    found: Sequence[Pair],
) -> tuple[float, float]:
    """Separation of the found path from chance, and of a path through the reversed target.

    Any path the search is free to choose looks better than random pairs, because the
    search picks the best-looking ones; two unrelated texts get such a path too. Aligning
    the same source with the target's sentences in reverse order shows how much better
    than chance a path gets on text of exactly this kind that is no translation of it
    (reversed, at most one true pair can lie on any path; shuffled, a path could still
    string together the true pairs that happen to stay in order); a translation beats that
    by far.
    Long documents are tested on a window of about 300 source sentences in the middle.
    Learnt word pairs and scorers are left out: both would favour the real path unfairly.
    """
    n, m = len(src_f), len(tgt_f)
    links = [p for p in found if p[0] and p[1]]
    if n < 2 or m < 2 or not links:
        return 0.0, 0.0
    if n <= 400 and m <= 400:
        s0, s1, t0, t1 = 0, n, 0, m
    else:
        s0 = max(0, n // 2 - 150)
        s1 = min(n, s0 + 300)
        inside = [p for p in links if s0 <= p[0][0] and p[0][-1] < s1]
        if len(inside) < 20:
            return 0.0, 0.0
        t0 = min(p[1][0] for p in inside)
        t1 = max(p[1][-1] for p in inside) + 1
    # Work on the window alone, renumbered from 0: cheap, and the same for both paths.
    window = [
        (tuple(i - s0 for i in p[0]), tuple(j - t0 for j in p[1]))
        for p in links
        if s0 <= p[0][0] and p[0][-1] < s1 and t0 <= p[1][0] and p[1][-1] < t1
    ]
    src_w = _permuted(src_f, np.arange(s0, s1))
    tgt_w = _permuted(tgt_f, np.arange(t0, t1))
    keys = SharedKeys.build(src_w, tgt_w, lonely)
    keys.weigh(model)
    real = _separation(_Judge(model, keys, src_w, tgt_w, params, None), window)
    reversed_tgt = _permuted(tgt_w, np.arange(t1 - t0)[::-1])
    null_keys = SharedKeys.build(src_w, reversed_tgt, lonely)
    null_keys.weigh(model)
    stretch = _Stretch(0, s1 - s0, 0, t1 - t0, np.zeros(s1 - s0, bool), np.zeros(t1 - t0, bool))
    level = _level0(stretch, src_w, reversed_tgt, null_keys, "punct" in params.anchors)
    run = _first_pass(stretch, level, model, params, None)
    null = _separation(_Judge(model, null_keys, src_w, reversed_tgt, params, None), run.pairs)
    return real, null


# -- the entry points -------------------------------------------------------------------------


def align(
    src: Sequence[str],
    tgt: Sequence[str],
    src_lang: str,
    tgt_lang: str,
    *,
    termbase: Termbase | None = None,
    scorers: Sequence[Scorer] = (),
    params: AlignParams | None = None,
    progress: Progress | None = None,
    fixed: Sequence[Link] = (),
) -> Alignment:
    """Align the sentences ``src`` (language ``src_lang``) with their translation ``tgt``.

    Every sentence of both sides ends up in exactly one link, in document order. ``fixed``
    links are kept exactly as given (they may be any shape) and the stretches between them
    are aligned independently. ``termbase`` turns the glossary into a bilingual dictionary
    of anchors; ``scorers`` add similarity votes (e.g. ``EmbeddingScorer``) in the final
    pass. ``progress(fraction, message)`` is called as the work advances.
    """
    params = params or AlignParams()
    report: Progress = progress or (lambda _f, _m: None)
    src = _texts(src, "source")
    tgt = _texts(tgt, "target")
    n, m = len(src), len(tgt)
    fixed_links = _check_fixed(fixed, n, m)
    sig = signature(params, termbase=termbase, scorers=scorers, langs=(src_lang, tgt_lang))
    shapes = list(params.link_types)

    report(0.0, "reading sentences")
    src_f = extract(src, src_lang, anchors=params.anchors, termbase=termbase)
    tgt_f = extract(tgt, tgt_lang, anchors=params.anchors, termbase=termbase)
    lonely = _one_sided_keys(termbase, src_lang, tgt_lang)
    keys = SharedKeys.build(src_f, tgt_f, lonely)
    model = initial_model(src_f, tgt_f, shapes)
    keys.weigh(model)
    stretches, anchors = _stretches(fixed_links, n, m)
    use_punct = "punct" in params.anchors

    report(0.1, "first pass")
    levels = [_level0(s, src_f, tgt_f, keys, use_punct) for s in stretches]
    runs = []
    for k, (stretch, level) in enumerate(zip(stretches, levels, strict=True)):
        # One stretch reports its levels; several report one step each.
        inner = report if len(stretches) == 1 else None
        runs.append(_first_pass(stretch, level, model, params, inner))
        if inner is None:
            report(0.1 + 0.5 * (k + 1) / len(stretches), "first pass")
    votes = _ScorerVotes(scorers, src, tgt, params.scorer_weight) if scorers else None
    learnt = 0
    base_src, base_tgt = src_f, tgt_f
    for iteration in range(1, params.iterations):
        report(0.6 + 0.2 * iteration / params.iterations, f"pass {iteration + 1}")
        known = [p for run in runs for p in run.pairs] + [f.pair for f in fixed_links]
        if "lexicon" in params.anchors:
            src_f, tgt_f, learnt = _with_lexicon(src, tgt, base_src, base_tgt, known)
            keys = SharedKeys.build(src_f, tgt_f, lonely)
            keys.weigh(model)
        counts: dict[tuple[int, int], float] = {}
        for run in runs:
            # Expected counts matter where links are few; long texts have plenty of
            # Viterbi links, and a forward-backward pass over their corridor costs seconds.
            if (
                run.band is not None
                and run.cells is not None
                and run.band.n
                and run.band.m
                and run.band.cells <= EXPECTED_COUNT_CELLS
            ):
                for shape, value in expected_counts(run.band, run.cells).items():
                    counts[shape] = counts.get(shape, 0.0) + value
        complete = all(run.band is None or run.band.cells <= EXPECTED_COUNT_CELLS for run in runs)
        model = estimate(
            model, src_f, tgt_f, keys, known, shapes, counts if counts and complete else None
        )
        keys.weigh(model)
        levels = [_level0(s, src_f, tgt_f, keys, use_punct) for s in stretches]
        last = iteration == params.iterations - 1
        runs = [
            _refine(run, lvl, model, params, votes if last else None)
            for run, lvl in zip(runs, levels, strict=True)
        ]
    if params.iterations == 1 and votes:
        runs = [
            _refine(run, lvl, model, params, votes) for run, lvl in zip(runs, levels, strict=True)
        ]

    report(0.85, "confidence")
    found = [p for run in runs for p in run.pairs]
    real, null = _translation_test(base_src, base_tgt, lonely, model, params, found)
    doc_factor = _sigmoid(DOC_SLOPE * (real - null - DOC_SHIFT)) if found else 1.0
    judge = _Judge(model, keys, src_f, tgt_f, params, votes)
    radius = max(params.refine_width, 3)
    scores, stats = _confidences(runs, judge, params, near=lambda _p: radius, doc_factor=doc_factor)
    stats.update(separation_base=real, separation_shuffled=null, document_factor=doc_factor)
    fixed_by_pair = {f.pair: f for f in fixed_links}
    links: list[Link] = []
    for index, run in enumerate(runs):
        for p in run.pairs:
            links.append(fixed_by_pair.get(p) or Link(p[0], p[1], round(scores[p], 6)))
        if index < len(anchors):
            links.append(anchors[index])
    computed = [lk for lk in links if lk.pair not in fixed_by_pair]
    mean_all = float(np.mean([lk.score for lk in links])) if links else 1.0
    mean_computed = float(np.mean([lk.score for lk in computed])) if computed else 1.0
    warnings: list[str] = []
    if computed and mean_computed < params.warn_below:
        warnings.append(
            "the texts do not look like translations of each other: "
            f"mean confidence {mean_computed:.2f}"
        )
    lone = sum(len(lk.src) + len(lk.tgt) for lk in computed if not lk.src or not lk.tgt)
    total = n + m
    if total >= 10 and lone / total > 0.3:
        warnings.append(
            f"{lone} of {total} sentences have no counterpart ({100 * lone / total:.0f}%)"
        )
    stats.update(
        ratio=model.ratio,
        variance=model.s2,
        survival_glossary=model.survival["g"],
        survival_number=model.survival["n"],
        survival_cognate=model.survival["c"],
        survival_lexicon=model.survival["d"],
        lexicon_pairs=float(learnt),
        mean_computed_confidence=mean_computed,
    )
    report(1.0, "done")
    return Alignment(
        links=tuple(links),
        signature=sig,
        warnings=tuple(warnings),
        mean_confidence=round(mean_all, 6),
        stats=stats,
    )


def realign_between(
    src: Sequence[str],
    tgt: Sequence[str],
    links: Sequence[Link],
    confirmed: Sequence[bool],
    src_lang: str,
    tgt_lang: str,
    **kwargs: object,
) -> Alignment:
    """Keep the confirmed ``links`` exactly; re-align only the stretches between them.

    A reviewer confirms the links they checked and asks for the rest again (after fixing
    a segmentation error, say): confirmed links become fixed points that no search may
    cross, so each unconfirmed stretch is aligned on its own.
    """
    if len(links) != len(confirmed):
        raise ValueError("links and confirmed must have the same length")
    fixed = [link for link, keep in zip(links, confirmed, strict=True) if keep]
    return align(src, tgt, src_lang, tgt_lang, fixed=fixed, **kwargs)  # type: ignore[arg-type]
