"""Find a post's title, post id and source line, and mark those paragraphs' kinds.

The three are what ties language versions of one post together and what an edition puts
back in place: the numeric post id is shared by the English ``[219485]``, the Spanish
``(219485)`` and the German bare ``219485`` line; the source line ("From the 2nd part of
the Daily Kabbalah Lesson 1/17/22, ...") is translated with a fixed pattern and keeps its
date. They stay in the document where they were (they are copied or translated, not
stripped); only their kind changes, so the segmenter never splits them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from workbench.model import DocumentMeta, Paragraph, ParagraphKind

__all__ = ["extract_metadata", "find_date", "is_source_line", "looks_like_title", "post_id_of"]

_BRACKETED_ID = re.compile(r"\[(\d{3,8})\]|\((\d{3,8})\)")
_BARE_ID = re.compile(r"\d{5,7}")

# Dates as the sites print them: 1/17/22, 12/9/2011, 19/6/16, 15.07.2012, 24.12.17,
# 28-12-10, "16 de septiembre 2010", "19. Juni 2016", "24 декабря 2017", "March 3, 2012".
_DATE = re.compile(
    r"(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?![\d/])"
    r"|\b\d{1,2}(?:\.|º)?\s(?:de\s)?[^\W\d_]{3,12}\.?,?\s(?:de\s|del\s)?\d{4}\b"
    r"|\b[^\W\d_]{3,9}\.?\s\d{1,2},\s\d{4}\b"
)

# How source lines begin, per language, after an optional "(" or dash.
_SOURCE_START = re.compile(
    r"""^[\s(\[—–-]*(?:
        from|taken\ from|based\ on|excerpted\ from|fundamentals\ of\ kabbalah
      | de|del|tomado\ de|extraído\ de|extracto\ de|basado\ en|fragmento\ de
      | aus|auszug\ aus|nach|von\ der
      | tratto\ da|tratta\ da|dalla|dal|dalle|da
      | extrait\ de|tiré\ de|d['’]après
      | do|da|extraído\ do
      | из|по\ материалам|с\ урока|фрагмент
      | з|із
      | מתוך
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Words that make a short dated line a citation of a lesson or programme even when it does
# not start with "From" ("Fundamentals of Kabbalah Lesson 7/15/2012").
_SOURCE_WORD = re.compile(
    r"\b(?:lesson|lección|lezione|lektion|unterricht|урок\w*|convention|congress|congreso|"
    r"congresso|kongress|конгресс\w*|kabtv|talks?|charla|gespräch|бесед\w*|program\w*|"
    r"программ\w*|webinar|вебинар\w*|преподавани\w*)\b",
    re.IGNORECASE,
)
# The closing line of a Daily Page excerpt: "--Taken from the Preparation to the Lesson".
_DASHED_SOURCE = re.compile(r"^\s*(?:--?|—|–)\s*(?:taken\s+)?from\s+the\b", re.IGNORECASE)

# Dialogue labels open body paragraphs, never titles or source lines.
_SPEAKER_LABEL = re.compile(
    r"^(?:Question|Answer|Comment|Remark|My (?:Response|Answer|Comment)|A question I received"
    r"|Dr\. Laitman's Answer|Pregunta|Respuesta|Comentario|Frage|Antwort|Meine Antwort"
    r"|Domanda|Risposta|Вопрос|Ответ|Реплика|Комментарий|Reader|Чтец)\s*:",
    re.IGNORECASE,
)

_MAX_SOURCE_LINE = 300
_MAX_TITLE_CHARS = 150
_MAX_TITLE_WORDS = 20


def find_date(text: str) -> str | None:
    """The first date in ``text`` exactly as printed, or ``None``."""
    match = _DATE.search(text)
    return match.group().strip() if match else None


def is_source_line(text: str) -> bool:
    """Whether ``text`` is a post's source line, e.g. "From KabTV's ... 3/10/12".

    Needs a date (the lesson the post comes from) and must not read like a sentence of the
    body, which would end with a full stop; the only undated form is the dashed closing
    line of a Daily Page excerpt.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_SOURCE_LINE or _SPEAKER_LABEL.match(stripped):
        return False
    if _DASHED_SOURCE.match(stripped):
        return True
    date = _DATE.search(stripped)
    if date is None:
        return False
    if stripped.endswith((".", "!", "?", ":", ";")) and not stripped[:-1].rstrip().endswith(
        (date.group(), ")")
    ):
        return False
    if _SOURCE_START.match(stripped):
        return True
    return len(stripped) <= 160 and _SOURCE_WORD.search(stripped) is not None


def post_id_of(text: str, *, bare: bool = False) -> str | None:
    """The digits of a post id paragraph (``[219485]``, ``(111818)``; bare only if allowed)."""
    stripped = text.strip()
    match = _BRACKETED_ID.fullmatch(stripped)
    if match:
        return match.group(1) or match.group(2)
    if bare and _BARE_ID.fullmatch(stripped):
        return stripped
    return None


def looks_like_title(text: str) -> bool:
    """Whether a first paragraph reads as a title: short, no sentence-final full stop.

    English titles often end with "?" or "!" ("What Is More Important: The World Or The
    Group?"), so only ".", ",", ";", ":" and an ellipsis disqualify.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > _MAX_TITLE_CHARS:
        return False
    if len(stripped.split()) > _MAX_TITLE_WORDS or _SPEAKER_LABEL.match(stripped):
        return False
    if not any(ch.isalpha() for ch in stripped):
        return False
    return not stripped.endswith((".", ",", ";", ":", "…"))


def extract_metadata(paragraphs: Sequence[Paragraph]) -> tuple[list[Paragraph], DocumentMeta]:
    """Mark title, post id and source line paragraphs and collect their values.

    The title is the paragraph a reader marked as one (a Markdown/HTML ``h1``, a Word
    "Title") or, failing that, a first paragraph that looks like a title. Every source
    line is marked (a Daily Page has one per excerpt); the metadata keeps the first one. A
    bare number counts as a post id only next to a source line or at the very end, where
    the German site prints it; anywhere else it is just a number in the text.
    """
    result = list(paragraphs)
    meta = DocumentMeta()
    if not result:
        return result, meta

    titled = [i for i, p in enumerate(result) if p.kind == ParagraphKind.TITLE]
    if titled:
        meta.title = result[titled[0]].text
    elif (
        result[0].kind in (ParagraphKind.BODY, ParagraphKind.HEADING)
        and looks_like_title(result[0].text)
        and not is_source_line(result[0].text)
    ):
        result[0] = replace(result[0], kind=ParagraphKind.TITLE)
        meta.title = result[0].text

    sources: list[int] = []
    for i, paragraph in enumerate(result):
        if paragraph.kind in (ParagraphKind.BODY, ParagraphKind.QUOTE) and is_source_line(
            paragraph.text
        ):
            result[i] = replace(paragraph, kind=ParagraphKind.SOURCE_LINE)
            sources.append(i)
    if sources:
        first = result[sources[0]].text.strip()
        meta.source_line = first
        meta.date = find_date(first)

    last = len(result) - 1
    for i, paragraph in enumerate(result):
        if paragraph.kind not in (ParagraphKind.BODY, ParagraphKind.TITLE):
            continue
        near_source = any(abs(i - s) <= 2 for s in sources)
        digits = post_id_of(paragraph.text, bare=near_source or i >= last - 1)
        if digits is None:
            continue
        if paragraph.kind == ParagraphKind.TITLE:
            meta.title = None
        result[i] = replace(paragraph, kind=ParagraphKind.POST_ID)
        if meta.post_id is None:
            meta.post_id = digits
    return result, meta
