"""Writing alignments out: vecalign notation and a reviewer-friendly TSV.

The vecalign notation is the one ``workbench.formats.vecalign`` already reads and writes,
so links go through ``format_links`` unchanged; only the scores are dropped, because in
vecalign's own output the third field is a cost, not a confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from workbench.align.model import Link
from workbench.errors import InputError
from workbench.formats.vecalign import format_links, parse_links

__all__ = ["format_tsv", "links_from_vecalign", "links_to_vecalign"]


def links_to_vecalign(links: Iterable[Link]) -> str:
    """``[0]:[0, 1]`` lines, one per link, as vecalign and its scorers read them."""
    return format_links(link.pair for link in links)


def links_from_vecalign(text: str, filename: str = "<alignment>") -> list[Link]:
    """Links from vecalign notation (a trailing cost is ignored), each with score 1.

    Some published gold files have links with a gap (``[29, 31]:[31]``); a ``Link`` side
    must be consecutive sentences, so such a file is an ``InputError`` naming the link.
    """
    out = []
    for src, tgt in parse_links(text, filename):
        try:
            out.append(Link(src, tgt, 1.0))
        except ValueError as exc:
            raise InputError(str(exc), file=filename) from None
    return out


def _cell(text: str) -> str:
    # A tab or line break inside a sentence would shift every column after it.
    return " ".join(text.split())


def format_tsv(links: Iterable[Link], src: Sequence[str], tgt: Sequence[str]) -> str:
    """One line per link: source text, target text, score (4 decimals), tab-separated.

    The sentences of a side with several are joined by a space; a side with none is an
    empty cell, so deletions and insertions stay visible as such.
    """
    lines = []
    for link in links:
        left = " ".join(_cell(src[i]) for i in link.src)
        right = " ".join(_cell(tgt[j]) for j in link.tgt)
        lines.append(f"{left}\t{right}\t{link.score:.4f}\n")
    return "".join(lines)
