"""Localized editions: finished translations as Markdown, HTML, Word or EPUB.

:func:`write_edition` turns one document (or several, as a collection) into a file in the
target language that keeps the original's paragraph structure: units are grouped by
paragraph and a paragraph's sentences joined with a space; the title is the document's
title unit (else its metadata title); the post id is printed the way the target language's
site prints it (EN/RU/IT ``[219485]``, ES ``(219485)``, DE a bare ``219485``) where the
original had it, and the source line is translated like any paragraph. Target text gets the
language's quote marks and no-break spaces (:mod:`workbench.formats.typography`); source
text shown in place of a missing translation keeps its own.

Missing translations: ``untranslated="fallback"`` shows the source text, visibly marked
(Markdown ``*[untranslated]* ...``, HTML and EPUB ``<span class="untranslated" lang=...>``,
DOCX a highlighted run); ``"block"`` raises
:class:`~workbench.formats.edition_model.UntranslatedError` (an ``InputError``) listing every
untranslated unit by document, paragraph and key, before anything is rendered.

A collection is one file: sections under a common title with a contents list (HTML),
sections (Markdown), one heading and page per document (DOCX), one chapter per document
with a table of contents (EPUB). Its title is ``title`` or the first document's title.
The same documents always give the same bytes in every format.

The layout of each format is in ``edition_markdown``, ``edition_html``, ``edition_docx``
and ``edition_epub``; what they show is decided once in ``edition_model``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from workbench.formats.edition_docx import docx_document
from workbench.formats.edition_epub import epub_book
from workbench.formats.edition_html import html_page
from workbench.formats.edition_markdown import markdown_page
from workbench.formats.edition_model import UntranslatedError, build_chapters, printable
from workbench.formats.registry import FormatSpec, register
from workbench.model import EditionDocument

__all__ = ["EDITION_FORMATS", "UntranslatedError", "write_edition"]

EditionFormat = Literal["md", "html", "docx", "epub"]
EDITION_FORMATS: tuple[str, ...] = ("md", "html", "docx", "epub")


def write_edition(
    documents: Sequence[EditionDocument],
    lang: str,
    fmt: EditionFormat,
    *,
    untranslated: Literal["fallback", "block"] = "fallback",
    title: str | None = None,
) -> bytes:
    """The documents as one ``fmt`` file in ``lang``; see the module doc."""
    if fmt not in EDITION_FORMATS:
        raise ValueError(f"edition format must be one of {', '.join(EDITION_FORMATS)}")
    if not documents:
        raise ValueError("an edition needs at least one document")
    chapters = build_chapters(documents, lang, untranslated=untranslated)
    book_title = printable(title or chapters[0].title_text)
    if fmt == "md":
        return markdown_page(chapters, book_title)
    if fmt == "html":
        return html_page(chapters, lang, book_title)
    if fmt == "docx":
        return docx_document(chapters, lang, book_title)
    return epub_book(chapters, lang, book_title)


def _writer(fmt: EditionFormat) -> Callable[..., bytes]:
    def write(
        documents: Sequence[EditionDocument],
        lang: str,
        *,
        untranslated: Literal["fallback", "block"] = "fallback",
        title: str | None = None,
    ) -> bytes:
        return write_edition(documents, lang, fmt, untranslated=untranslated, title=title)

    write.__name__ = f"write_{fmt}_edition"
    write.__doc__ = f"``write_edition(documents, lang, {fmt!r}, ...)``"
    return write


for _name, _fmt, _extensions, _description in (
    ("edition-md", "md", (".md", ".markdown"), "Markdown edition of finished translations"),
    ("edition-html", "html", (".html", ".htm"), "HTML page edition with a minimal stylesheet"),
    ("edition-docx", "docx", (".docx",), "Word edition with built-in Title/Heading styles"),
    ("edition-epub", "epub", (".epub",), "EPUB 3 e-book, one chapter per document"),
):
    register(
        FormatSpec(
            name=_name,
            extensions=_extensions,
            kind="edition",
            description=_description,
            write=_writer(_fmt),  # type: ignore[arg-type]  # _fmt is one of the literals
        )
    )
