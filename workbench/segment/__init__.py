"""Sentence segmentation for lesson transcripts and blog posts in many languages.

Segments are the unit of translation memory and alignment, so a bad split costs twice: the
translator sees a broken sentence, and the aligner pairs fragments. General-purpose
segmenters stumble on exactly what this corpus is full of - "Dr. Michael Laitman", "т.е.",
"z.B.", speaker labels, source lines with dates (1/17/22, 24.12.2017), post ids ([219485]),
quotes in «», „“ and “” - and the fast ones are not careful while the careful ones are slow.
This package is both: a single regex pass plus cheap per-candidate decisions, linear in the
length of the input, with per-language data and project-level exceptions.

Public API::

    split_sentences(text, lang, rules=None) -> list[Sentence]
    segment_paragraphs(paragraphs, lang, rules=None) -> list[SegmentDraft]
    load_rules(path) -> SegmentationRules
    segmenter_signature(lang, rules=None) -> str
    RULES_VERSION

Line breaks inside a text always end a sentence: by the time text reaches the segmenter a
paragraph is a line, so a break inside one is deliberate (verse, an address, a list).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from workbench.model import Paragraph, SegmentDraft, Sentence
from workbench.segment.languages import word_lists
from workbench.segment.rules import SegmentationRules, load_rules, normalize_lang
from workbench.segment.scanner import MAX_PROTECTED_QUOTE, Exceptions, Scanner

__all__ = [
    "MAX_PROTECTED_QUOTE",
    "RULES_VERSION",
    "SegmentationRules",
    "load_rules",
    "normalize_lang",
    "segment_paragraphs",
    "segmenter_signature",
    "split_sentences",
]

RULES_VERSION = "1"
"""Version of the segmentation rules and data; bump it whenever a result could change."""


@functools.cache
def _scanner(lang: str) -> Scanner:
    return Scanner(lang)


@functools.lru_cache(maxsize=256)
def _exceptions(rules: SegmentationRules, lang: str) -> Exceptions | None:
    never, always = rules.for_language(lang)
    return Exceptions.build(never, always)


@functools.lru_cache(maxsize=1024)
def _scanner_for_tag(lang: str) -> Scanner:
    # Keyed by the tag as given, so the common call with the same tag skips normalizing.
    return _scanner(normalize_lang(lang))


def _resolve(lang: str, rules: SegmentationRules | None) -> tuple[Scanner, Exceptions | None]:
    scanner = _scanner_for_tag(lang)
    if rules is None or rules.is_empty:
        return scanner, None
    return scanner, _exceptions(rules, scanner.lang)


def split_sentences(text: str, lang: str, rules: SegmentationRules | None = None) -> list[Sentence]:
    """Split ``text`` into sentences.

    Each :class:`~workbench.model.Sentence` carries its text and its ``start``/``end`` span
    in ``text``; the text is exactly ``text[start:end]``, never including surrounding
    whitespace. Spans are in order, do not overlap, and together cover every non-whitespace
    character of ``text``, so joining the sentences loses nothing. ``lang`` is any language
    tag (``"en"``, ``"pt-BR"``); an unknown one gets a generic profile that still knows the
    sentence punctuation of every major script.
    """
    scanner, extra = _resolve(lang, rules)
    return scanner.sentences(text, extra)


def segment_paragraphs(
    paragraphs: Sequence[Paragraph], lang: str, rules: SegmentationRules | None = None
) -> list[SegmentDraft]:
    """Turn paragraphs into segment drafts, sentence by sentence where the kind allows it.

    Titles, headings, post ids and source lines (kinds whose ``splits`` is False) become
    exactly one segment each: "From the 2nd part of the Daily Kabbalah Lesson 1/17/22,
    Baal HaSulam, “The Peace”" is one unit in every language version, and splitting it would
    misalign the versions. A paragraph with nothing but whitespace yields no segment.
    ``SegmentDraft.paragraph`` is the paragraph's index in ``paragraphs``.
    """
    scanner, extra = _resolve(lang, rules)
    drafts: list[SegmentDraft] = []
    for index, para in enumerate(paragraphs):
        if not para.kind.splits:
            text = para.text.strip()
            if text:
                drafts.append(SegmentDraft(paragraph=index, kind=para.kind, text=text))
            continue
        for sentence in scanner.sentences(para.text, extra):
            drafts.append(SegmentDraft(paragraph=index, kind=para.kind, text=sentence.text))
    return drafts


def segmenter_signature(lang: str, rules: SegmentationRules | None = None) -> str:
    """A short string that pins down how a text was segmented, like a sacrebleu signature.

    ``segment:1|lang:ru|rules:3fa2b1c0|data:9d1e44aa`` - the rules version, the language
    code as the segmenter understood it, a hash of the project exceptions that apply to that
    language (``none`` without any), and a hash of the built-in word lists, which include the
    installed sacremoses lists. Two runs with equal signatures segment identically.
    """
    code = normalize_lang(lang)
    rules_part = "none" if rules is None else rules.fingerprint(code)
    return (
        f"segment:{RULES_VERSION}|lang:{code}|rules:{rules_part}|data:{word_lists(code).digest()}"
    )
