"""What the aligner takes and gives: links, the alignment, and the knobs of a run.

Plain frozen dataclasses, so an alignment can be stored, compared and hashed without knowing
how it was computed. Indices are 0-based sentence positions in document order; a link with
an empty side is a sentence left without counterpart (``[4]:[]`` deleted, ``[]:[5]`` added).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

__all__ = [
    "ANCHOR_KINDS",
    "DEFAULT_LINK_TYPES",
    "AlignParams",
    "Alignment",
    "Link",
]

DEFAULT_LINK_TYPES: tuple[tuple[int, int], ...] = (
    (0, 1),
    (1, 0),
    (1, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
)
"""Link shapes the search considers, as (source sentences, target sentences).

Translators split and merge sentences, rarely more than three into one; allowing larger
shapes costs time in every cell of the search and mostly adds ways to be wrong."""

ANCHOR_KINDS: tuple[str, ...] = ("glossary", "num", "translit", "lexicon", "punct")
"""Kinds of evidence beside sentence length; ``AlignParams(anchors=())`` is length only.

"lexicon" is the word list learnt from the first pass (see ``lexicon``); it needs
``iterations`` >= 2 to have any effect."""


@dataclass(frozen=True)
class Link:
    """Source sentences ``src`` translated by target sentences ``tgt``.

    ``score`` is the confidence in [0, 1] that this exact link is right: the UI highlights
    low ones, so a wrong link should rarely score high.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "src", tuple(self.src))
        object.__setattr__(self, "tgt", tuple(self.tgt))
        if not self.src and not self.tgt:
            raise ValueError("a link needs at least one sentence on one side")
        for side in (self.src, self.tgt):
            if any(b != a + 1 for a, b in itertools.pairwise(side)):
                raise ValueError(f"link sides must be consecutive sentences: {self.pair}")
            if side and side[0] < 0:
                raise ValueError(f"sentence indices must be non-negative: {self.pair}")

    @property
    def pair(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """``(src, tgt)`` without the score, as ``workbench.formats.vecalign`` writes it."""
        return (self.src, self.tgt)

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.src), len(self.tgt))


@dataclass(frozen=True)
class Alignment:
    """The links of a run, in document order, with what a reviewer needs to trust it.

    ``signature`` pins down how the run was made (like sacrebleu's), ``warnings`` say what
    looked wrong (texts that are not translations of each other, much left unaligned) and
    ``mean_confidence`` is the average link score. ``stats`` holds the fitted figures
    (length ratio, variance, anchor survival rates, learnt word pairs, the separations the
    translation check compared) for display and debugging; it takes no part in equality.
    """

    links: tuple[Link, ...]
    signature: str
    warnings: tuple[str, ...] = ()
    mean_confidence: float = 0.0
    stats: dict[str, float] = field(default_factory=dict, compare=False)

    def pairs(self) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
        return [link.pair for link in self.links]


@dataclass(frozen=True)
class AlignParams:
    """Knobs of a run; every one of them appears in the signature.

    ``band_width`` is the half-width, in sentences (or blocks, on the coarse levels), of the
    corridor searched around the coarser path; ``refine_width`` the corridor of the final
    pass around the first path. ``full_search_cells`` is the size below which no coarse pass
    is made: small documents are searched exhaustively. ``iterations`` counts passes; each
    pass after the first re-estimates the length ratio, its variance, the link-shape priors
    and how often each kind of anchor survives translation from the previous pass, so the
    model fits this document and this language pair. ``warn_below`` is the mean confidence
    under which the texts are reported as probably not translations of each other.
    """

    link_types: tuple[tuple[int, int], ...] = DEFAULT_LINK_TYPES
    anchors: tuple[str, ...] = ANCHOR_KINDS
    band_width: int = 8
    refine_width: int = 4
    full_search_cells: int = 90_000
    iterations: int = 2
    length_weight: float = 1.0
    anchor_weight: float = 1.0
    punct_weight: float = 1.0
    scorer_weight: float = 1.0
    warn_below: float = 0.3

    def __post_init__(self) -> None:
        unknown = set(self.anchors) - set(ANCHOR_KINDS)
        if unknown:
            raise ValueError(f"unknown anchor kinds {sorted(unknown)}; known: {ANCHOR_KINDS}")
        types = set(self.link_types)
        if not {(0, 1), (1, 0), (1, 1)} <= types:
            raise ValueError("link_types must include (0, 1), (1, 0) and (1, 1)")
        if any(a < 0 or b < 0 or a > 3 or b > 3 or a + b == 0 for a, b in types):
            raise ValueError("link shapes must have 0-3 sentences a side and not be empty")
        if any((a == 0 and b > 1) or (b == 0 and a > 1) for a, b in types):
            raise ValueError("insertions and deletions are one sentence at a time")
        if self.band_width < 1 or self.refine_width < 1 or self.iterations < 1:
            raise ValueError("band_width, refine_width and iterations must be at least 1")
