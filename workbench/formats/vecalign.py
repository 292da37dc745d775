"""Alignment links in the vecalign notation.

One link per line, 0-based line numbers of the source and target files::

    [0]:[0, 1]      one source line translated by two target lines
    [1, 2]:[3]      two source lines merged into one target line
    [4]:[]          a source line left untranslated (deletion)
    []:[5]          a target line with no source (insertion)

vecalign itself appends a cost (``[0]:[0]:0.123``); it is accepted and ignored. Blank lines
are skipped. A link with both sides empty, a negative or non-integer number, or anything
else is an ``InputError`` naming the file and line. ``format_links`` writes the canonical
form (``", "`` between numbers, ``\\n`` after every link), so parse → format is stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register

__all__ = ["Link", "format_links", "parse_links"]

Link = tuple[tuple[int, ...], tuple[int, ...]]

_SIDE = r"\[\s*((?:\d+\s*(?:,\s*\d+\s*)*)?)\]"
_LINE = re.compile(
    rf"^\s*{_SIDE}\s*:\s*{_SIDE}\s*(?::\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*)?$"
)


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",")) if text.strip() else ()


def parse_links(text: str, filename: str) -> list[Link]:
    """The links of a vecalign alignment file, in file order."""
    links: list[Link] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = _LINE.match(line)
        if found is None:
            raise InputError(
                f"not an alignment link: {line.strip()[:60]!r} (expected e.g. [0]:[0, 1])",
                file=filename,
                line=number,
            )
        link = (_numbers(found.group(1)), _numbers(found.group(2)))
        if not link[0] and not link[1]:
            raise InputError(
                "a link needs at least one line on one side", file=filename, line=number
            )
        links.append(link)
    return links


def format_links(links: Iterable[Link]) -> str:
    """The links in canonical vecalign notation, one per line."""
    out = []
    for src, tgt in links:
        if not src and not tgt:
            raise ValueError("a link needs at least one line on one side")
        if any(not isinstance(i, int) or i < 0 for i in (*src, *tgt)):
            raise ValueError(f"line numbers must be non-negative integers: {src}:{tgt}")
        out.append(f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]\n")
    return "".join(out)


def _read(data: bytes, filename: str) -> list[Link]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the alignment file is not UTF-8 text", file=filename) from None
    return parse_links(text, filename)


register(
    FormatSpec(
        name="vecalign",
        extensions=(".align", ".vecalign"),
        kind="alignment",
        description="Sentence alignment links in vecalign notation ([0]:[0, 1])",
        read=_read,
        write=lambda links: format_links(links).encode("utf-8"),
    )
)
