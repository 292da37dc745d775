"""HTML rendering of edition chapters: a standalone page, and the chapter bodies EPUB uses.

Every piece of text is escaped (``<``, ``>``, ``&`` and quotes), so a translation can never
inject markup; structure comes only from the block kinds. The page carries ``lang`` (and
``dir="rtl"`` for Hebrew or Arabic), untranslated text is a ``<span class="untranslated">``
with the source language's ``lang``, and a small stylesheet makes those spans, the post id
and the source line visible without any external file.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from workbench.formats.edition_model import Block, Chapter, Run, is_rtl
from workbench.model import ParagraphKind

__all__ = ["STYLESHEET", "chapter_body", "html_page", "runs_html"]

STYLESHEET = """\
body { font-family: Georgia, "Times New Roman", serif; line-height: 1.5; max-width: 40em;
       margin: 2em auto; padding: 0 1em; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; line-height: 1.2; }
blockquote { margin-left: 1.5em; font-style: italic; }
.post-id { color: #555; }
.source-line { color: #555; font-style: italic; }
.untranslated { background: #fff3b0; outline: 1px dashed #c9a400; }
nav ol { padding-left: 1.5em; }
"""


def _attrs(lang: str) -> str:
    direction = ' dir="rtl"' if is_rtl(lang) else ""
    return f' lang="{escape(lang)}"{direction}'


def _text(text: str) -> str:
    return escape(text, quote=True).replace("\n", "<br/>\n")


def runs_html(runs: Sequence[Run], source_lang: str) -> str:
    """The runs of one paragraph; untranslated ones wrapped in a marked span."""
    parts = []
    for run in runs:
        if run.fallback:
            direction = ' dir="rtl"' if is_rtl(source_lang) else ' dir="ltr"'
            parts.append(
                f'<span class="untranslated" lang="{escape(source_lang)}"{direction}>'
                f"{_text(run.text)}</span>"
            )
        else:
            parts.append(_text(run.text))
    return " ".join(parts)


_PARAGRAPH_CLASS = {
    ParagraphKind.POST_ID: ' class="post-id"',
    ParagraphKind.SOURCE_LINE: ' class="source-line"',
}


def chapter_body(chapter: Chapter, *, title_level: int, heading_level: int) -> list[str]:
    """The chapter as HTML lines: its title, then the blocks (list items grouped)."""
    lines = [f"<h{title_level}>{runs_html(chapter.title, chapter.source_lang)}</h{title_level}>"]
    open_list = False
    for block in chapter.blocks:
        if block.kind == ParagraphKind.LIST_ITEM:
            if not open_list:
                lines.append("<ul>")
                open_list = True
            lines.append(f"<li>{runs_html(block.runs, chapter.source_lang)}</li>")
            continue
        if open_list:
            lines.append("</ul>")
            open_list = False
        lines.append(_block(block, chapter.source_lang, heading_level))
    if open_list:
        lines.append("</ul>")
    return lines


def _block(block: Block, source_lang: str, heading_level: int) -> str:
    content = runs_html(block.runs, source_lang)
    if block.kind in (ParagraphKind.HEADING, ParagraphKind.TITLE):
        return f"<h{heading_level}>{content}</h{heading_level}>"
    if block.kind == ParagraphKind.QUOTE:
        return f"<blockquote><p>{content}</p></blockquote>"
    return f"<p{_PARAGRAPH_CLASS.get(block.kind, '')}>{content}</p>"


def html_page(chapters: Sequence[Chapter], lang: str, title: str) -> bytes:
    """A standalone UTF-8 HTML page: one article, or a collection with a contents list."""
    lines = [
        "<!DOCTYPE html>",
        f"<html{_attrs(lang)}>",
        "<head>",
        '<meta charset="utf-8"/>',
        f"<title>{escape(title)}</title>",
        "<style>",
        STYLESHEET.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
    ]
    if len(chapters) == 1:
        chapter = chapters[0]
        lines.append(f'<article id="{chapter.anchor}">')
        lines.extend(chapter_body(chapter, title_level=1, heading_level=2))
        lines.append("</article>")
    else:
        lines.append(f"<h1>{escape(title)}</h1>")
        lines.append("<nav>")
        lines.append("<ol>")
        for chapter in chapters:
            lines.append(
                f'<li><a href="#{chapter.anchor}">'
                f"{runs_html(chapter.title, chapter.source_lang)}</a></li>"
            )
        lines.append("</ol>")
        lines.append("</nav>")
        for chapter in chapters:
            lines.append(f'<article id="{chapter.anchor}">')
            lines.extend(chapter_body(chapter, title_level=2, heading_level=3))
            lines.append("</article>")
    lines.extend(["</body>", "</html>", ""])
    return "\n".join(lines).encode("utf-8")
