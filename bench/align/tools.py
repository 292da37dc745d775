"""The aligners compared, behind one signature: sentences in, links out.

* ``ours`` - ``workbench.align.align`` as shipped (no neural model), with the glossary
  when the test set has one;
* ``length`` - the same search with only the length model (``AlignParams(anchors=())``):
  what the anchors add is the difference between the two;
* ``nltk`` - NLTK's Gale-Church (``nltk.translate.gale_church.align_blocks``) on character
  lengths over the whole document as one block, as its documentation shows. Its search is
  quadratic in time and memory, which limits the sizes it is timed on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata

from workbench.align import AlignParams, align
from workbench.glossary import Termbase

Pair = tuple[tuple[int, ...], tuple[int, ...]]
AlignFn = Callable[[Sequence[str], Sequence[str], str, str, Termbase | None], list[Pair]]


def _ours(src: Sequence[str], tgt: Sequence[str], sl: str, tl: str, tb: Termbase | None):
    return align(src, tgt, sl, tl, termbase=tb).pairs()


def _length(src: Sequence[str], tgt: Sequence[str], sl: str, tl: str, tb: Termbase | None):
    return align(src, tgt, sl, tl, params=AlignParams(anchors=())).pairs()


def beads_to_links(beads: Sequence[tuple[int, int]], n: int, m: int) -> list[Pair]:
    """NLTK's sentence pairs grouped into links; unpaired sentences become 1-0 / 0-1."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x: tuple[str, int]) -> tuple[str, int]:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in beads:
        parent[find(("s", i))] = find(("t", j))
    groups: dict[tuple[str, int], tuple[set[int], set[int]]] = {}
    for i, j in beads:
        root = find(("s", i))
        group = groups.setdefault(root, (set(), set()))
        group[0].add(i)
        group[1].add(j)
    components = sorted(
        ((tuple(sorted(s)), tuple(sorted(t))) for s, t in groups.values()), key=lambda p: p[0]
    )
    links: list[Pair] = []
    i = j = 0
    for s, t in components:
        links += [((k,), ()) for k in range(i, s[0])]
        links += [((), (k,)) for k in range(j, t[0])]
        links.append((s, t))
        i, j = s[-1] + 1, t[-1] + 1
    links += [((k,), ()) for k in range(i, n)]
    links += [((), (k,)) for k in range(j, m)]
    return links


def _nltk(src: Sequence[str], tgt: Sequence[str], sl: str, tl: str, tb: Termbase | None):
    from nltk.translate import gale_church

    gale_church.MAX_ALIGN_BLOCKS = max(gale_church.MAX_ALIGN_BLOCKS, len(src), len(tgt)) + 1
    if not src or not tgt:
        return beads_to_links([], len(src), len(tgt))
    beads = gale_church.align_blocks([len(s) for s in src], [len(t) for t in tgt])
    return beads_to_links(beads, len(src), len(tgt))


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


@dataclass
class Tool:
    name: str
    label: str
    align: AlignFn
    requires: str | None = None
    notes: list[str] = field(default_factory=list)

    def available(self) -> bool:
        return self.requires is None or _version(self.requires) != "not installed"

    def prepare(self) -> None:
        """Import what the tool needs before timing starts."""
        if self.requires == "nltk":
            from nltk.translate import gale_church  # noqa: F401

    @property
    def version(self) -> str:
        return _version(self.requires) if self.requires else _version("workbench")


TOOLS: dict[str, Tool] = {
    "ours": Tool("ours", "workbench.align", _ours),
    "length": Tool("length", "length only (same DP)", _length),
    "nltk": Tool("nltk", "nltk Gale-Church", _nltk, requires="nltk"),
}
