"""EPUB 3 rendering of edition chapters with ebooklib.

One XHTML chapter per document (the same markup as the HTML edition), a navigation
document and NCX table of contents listing them, the target language in the package
metadata and on every chapter, and the HTML edition's stylesheet. The book identifier is a
UUID derived from the language and the document names (``uuid5``), ``dcterms:modified`` is
fixed and the ZIP is normalised with ``mimetype`` first and stored, so the same edition
always gives the same bytes and a reader app sees a new edition of the same books as the
same book.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Sequence

from ebooklib import epub

from workbench.formats.edition_html import STYLESHEET, chapter_body
from workbench.formats.edition_model import EDITION_DATE, Chapter, is_rtl, normalize_zip

__all__ = ["book_identifier", "epub_book"]

_NAMESPACE = uuid.UUID("6f1c5b1e-2f7d-5a53-9a3c-6d0f3c2b9e41")


def book_identifier(lang: str, names: Sequence[str]) -> str:
    """A stable ``urn:uuid:`` for an edition: same language and documents, same id."""
    return "urn:uuid:" + str(uuid.uuid5(_NAMESPACE, "\n".join([lang, *names])))


def epub_book(chapters: Sequence[Chapter], lang: str, title: str) -> bytes:
    """The chapters as an EPUB 3 book; see the module doc."""
    book = epub.EpubBook()
    book.set_identifier(book_identifier(lang, [c.name for c in chapters]))
    book.set_title(title)
    book.set_language(lang)
    if is_rtl(lang):
        book.set_direction("rtl")
    style = epub.EpubItem(
        uid="style", file_name="style/edition.css", media_type="text/css", content=STYLESHEET
    )
    book.add_item(style)
    items = []
    for number, chapter in enumerate(chapters, start=1):
        item = epub.EpubHtml(
            uid=f"chapter-{number}",
            title=chapter.title_text,
            file_name=f"chapter-{number:03d}-{chapter.anchor}.xhtml",
            lang=lang,
            direction="rtl" if is_rtl(lang) else None,
        )
        body = chapter_body(chapter, title_level=1, heading_level=2)
        item.content = (
            "<html><body>" + f'<section id="{chapter.anchor}">' + "\n".join(body) + "</section>"
            "</body></html>"
        )
        item.add_item(style)
        book.add_item(item)
        items.append(item)
    book.toc = items
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *items]
    buffer = io.BytesIO()
    epub.write_epub(
        buffer,
        book,
        {"mtime": EDITION_DATE.replace(tzinfo=None), "raise_exceptions": True},
    )
    return normalize_zip(buffer.getvalue(), first="mimetype")
