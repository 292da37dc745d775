"""Markdown rendering of edition chapters (CommonMark).

Text is escaped so it renders as written: characters with a Markdown meaning anywhere
(``\\ * _ ` [ ] < > ~ | #`` and an ``&`` that would start an entity) get a backslash, and so do
characters that mean something at the start of a line (``+``, ``-``, ``=``, ``>``, a
number followed by ``.`` or ``)``). A line break inside a paragraph becomes a hard break
(a backslash at the end of the line). Untranslated text is shown as the source text after
``*[untranslated]*``; the post id and source line are plain paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.formats.edition_model import Chapter, Run
from workbench.model import ParagraphKind

__all__ = ["markdown_escape", "markdown_page"]

UNTRANSLATED_MARK = "*\\[untranslated\\]*"
_INLINE = re.compile(r"([\\`*_\[\]<>~|#])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"^(\s*)([#+=>-]|\d+(?=[.)]))")


def markdown_escape(text: str) -> str:
    """``text`` escaped for a Markdown paragraph; see the module doc."""
    lines = []
    for line in text.split("\n"):
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        match = _LINE_START.match(line)
        if match:
            marker = match.group(2)
            if marker[0].isdigit():
                end = match.end()
                line = line[:end] + "\\" + line[end:]
            else:
                line = line[: match.start(2)] + "\\" + line[match.start(2) :]
        lines.append(line)
    return "\\\n".join(lines)


def _runs(runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        text = markdown_escape(run.text)
        parts.append(f"{UNTRANSLATED_MARK} {text}" if run.fallback else text)
    return " ".join(parts)


def _chapter(chapter: Chapter, title_level: int, heading_level: int) -> list[str]:
    out = [f"{'#' * title_level} {_runs(chapter.title)}"]
    previous: ParagraphKind | None = None
    for block in chapter.blocks:
        text = _runs(block.runs)
        if block.kind in (ParagraphKind.HEADING, ParagraphKind.TITLE):
            out.append(f"{'#' * heading_level} {text}")
        elif block.kind == ParagraphKind.LIST_ITEM:
            item = "- " + text.replace("\\\n", "\\\n  ")
            if previous == ParagraphKind.LIST_ITEM:
                out[-1] += "\n" + item
            else:
                out.append(item)
        elif block.kind == ParagraphKind.QUOTE:
            out.append("> " + text.replace("\n", "\n> "))
        else:
            out.append(text)
        previous = block.kind
    return out


def markdown_page(chapters: Sequence[Chapter], title: str) -> bytes:
    """The chapters as one UTF-8 Markdown file (a collection gets a top title)."""
    blocks: list[str] = []
    if len(chapters) == 1:
        blocks.extend(_chapter(chapters[0], 1, 2))
    else:
        blocks.append(f"# {markdown_escape(title)}")
        for chapter in chapters:
            blocks.extend(_chapter(chapter, 2, 3))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
