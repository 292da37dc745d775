"""Sentence alignment of a text and its translation.

Public API::

    align(src, tgt, src_lang, tgt_lang, *, termbase=None, scorers=(), params=None,
          progress=None, fixed=()) -> Alignment
    realign_between(src, tgt, links, confirmed, src_lang, tgt_lang, **kw) -> Alignment
    signature(params=None, *, termbase=None, scorers=(), langs=()) -> str
    links_to_vecalign(links) -> str, links_from_vecalign(text) -> list[Link]
    format_tsv(links, src, tgt) -> str
    Link, Alignment, AlignParams, Scorer, EmbeddingScorer, ScorerUnavailable

Pure core: no UI, no database. See ``aligner`` for how a run works, ``scoring`` for what a
link is worth and ``dp`` for the search.
"""

from workbench.align.aligner import ALIGNER_VERSION, align, realign_between, signature
from workbench.align.embeddings import EmbeddingScorer, Scorer, ScorerUnavailable, cosine_pairs
from workbench.align.formats import format_tsv, links_from_vecalign, links_to_vecalign
from workbench.align.model import (
    ANCHOR_KINDS,
    DEFAULT_LINK_TYPES,
    Alignment,
    AlignParams,
    Link,
)

__all__ = [
    "ALIGNER_VERSION",
    "ANCHOR_KINDS",
    "DEFAULT_LINK_TYPES",
    "AlignParams",
    "Alignment",
    "EmbeddingScorer",
    "Link",
    "Scorer",
    "ScorerUnavailable",
    "align",
    "cosine_pairs",
    "format_tsv",
    "links_from_vecalign",
    "links_to_vecalign",
    "realign_between",
    "signature",
]
