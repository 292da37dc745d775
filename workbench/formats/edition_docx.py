"""Word (DOCX) rendering of edition chapters with python-docx.

Styles are Word's built-in ones so an editor can restyle the whole edition at once: the
title is "Title", a collection puts each document under "Heading 1" (from the second one
on a new page), headings inside a document are the next level, list items "List Bullet",
quotes "Quote". The document's default language is the target language (so Word's spell
checker uses it), paragraphs are right-to-left for Hebrew or Arabic, and untranslated text
is a yellow-highlighted run tagged with the source language. Core properties carry the
title and language; dates are fixed and the ZIP is normalised, so the same edition always
gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from workbench.formats.edition_model import EDITION_DATE, Chapter, Run, is_rtl, normalize_zip
from workbench.model import ParagraphKind

__all__ = ["add_runs", "docx_document", "finish_docx", "new_docx"]


def _set_lang(rpr: object, lang: str) -> None:
    element = rpr.find(qn("w:lang"))  # type: ignore[attr-defined]
    if element is None:
        element = OxmlElement("w:lang")
        rpr.append(element)  # type: ignore[attr-defined]
    element.set(qn("w:val"), lang)
    if is_rtl(lang):
        element.set(qn("w:bidi"), lang)


def new_docx(lang: str, title: str) -> DocxDocument:
    """An empty document whose default language is ``lang``, with title and language set."""
    document = docx.Document()
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:  # pragma: no cover - python-docx's template has them
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:  # pragma: no cover
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:  # pragma: no cover
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    _set_lang(rpr, lang)
    props = document.core_properties
    props.title = title
    props.language = lang
    props.author = ""
    props.comments = ""
    props.last_modified_by = ""
    props.revision = 1
    props.created = EDITION_DATE.replace(tzinfo=None)
    props.modified = EDITION_DATE.replace(tzinfo=None)
    return document


def add_runs(
    paragraph: Paragraph, runs: Sequence[Run], source_lang: str, *, rtl: bool = False
) -> None:
    """Append ``runs`` to ``paragraph``: untranslated ones highlighted, in the source language."""
    if rtl:
        ppr = paragraph._p.get_or_add_pPr()
        if ppr.find(qn("w:bidi")) is None:
            ppr.append(OxmlElement("w:bidi"))
    for index, run in enumerate(runs):
        text = run.text if index == 0 else " " + run.text
        added = paragraph.add_run(text)
        if run.fallback:
            added.font.highlight_color = WD_COLOR_INDEX.YELLOW
            _set_lang(added._r.get_or_add_rPr(), source_lang)
        if rtl:
            added.font.rtl = True


def finish_docx(document: DocxDocument) -> bytes:
    """The document's bytes, with fixed ZIP entry dates."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalize_zip(buffer.getvalue())


_STYLE = {
    ParagraphKind.LIST_ITEM: "List Bullet",
    ParagraphKind.QUOTE: "Quote",
}


def docx_document(chapters: Sequence[Chapter], lang: str, title: str) -> bytes:
    """The chapters as one DOCX file; see the module doc."""
    document = new_docx(lang, title)
    rtl = is_rtl(lang)
    collection = len(chapters) > 1
    if collection:
        heading = document.add_heading("", level=0)
        add_runs(heading, (Run(title),), lang, rtl=rtl)
    for number, chapter in enumerate(chapters):
        level = 1 if collection else 0
        heading = document.add_heading("", level=level)
        if collection and number > 0:
            heading.paragraph_format.page_break_before = True
        add_runs(heading, chapter.title, chapter.source_lang, rtl=rtl)
        for block in chapter.blocks:
            if block.kind in (ParagraphKind.HEADING, ParagraphKind.TITLE):
                paragraph = document.add_heading("", level=level + 1)
            else:
                paragraph = document.add_paragraph(style=_STYLE.get(block.kind))
            add_runs(paragraph, block.runs, chapter.source_lang, rtl=rtl)
            if block.kind == ParagraphKind.SOURCE_LINE:
                for run in paragraph.runs:
                    run.italic = True
    return finish_docx(document)
