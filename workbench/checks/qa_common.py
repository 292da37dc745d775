"""Text helpers shared by the QA checks (numbers, punctuation, language, untranslated...).

The QA checks look at raw characters, not at glossary terms, so they share a different kind
of groundwork: walking the lines of a pair with their line numbers, telling which script a
text is written in, recognising the lines that are not prose (a post id such as
``[248613]``, a timecode, a bare number) and normalising text for comparison. Keeping these
in one place means "a post id" or "the same text" means the same thing in every check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from workbench.checks.base import CheckContext, SegmentPair

__all__ = [
    "dominant_script",
    "has_text",
    "is_identical",
    "is_non_prose",
    "language_script",
    "letter_count",
    "line_no",
    "normalise",
    "script_of",
    "target_lines",
    "words",
]

# Languages not written in the Latin script; every other code is taken to be Latin.
_LANGUAGE_SCRIPTS = {
    "ru": "CYRILLIC",
    "uk": "CYRILLIC",
    "bg": "CYRILLIC",
    "be": "CYRILLIC",
    "mk": "CYRILLIC",
    "sr": "CYRILLIC",
    "kk": "CYRILLIC",
    "he": "HEBREW",
    "yi": "HEBREW",
    "ar": "ARABIC",
    "fa": "ARABIC",
    "ur": "ARABIC",
    "el": "GREEK",
    "zh": "CJK",
    "ja": "CJK",
    "ko": "HANGUL",
    "ka": "GEORGIAN",
    "hy": "ARMENIAN",
    "hi": "DEVANAGARI",
    "mr": "DEVANAGARI",
    "ne": "DEVANAGARI",
    "bn": "BENGALI",
    "ta": "TAMIL",
    "th": "THAI",
    "am": "ETHIOPIC",
}
_KANA = ("HIRAGANA", "KATAKANA")

_SPACE = re.compile(r"\s+")


def line_no(numbers: tuple[int, ...], index: int) -> int:
    """The caller's line number of the ``index``-th text of a side (the index if unnumbered)."""
    return numbers[index] if index < len(numbers) else index


def target_lines(pair: SegmentPair) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of each target line, as ``Finding.span_line`` wants them."""
    for index, text in enumerate(pair.tgt):
        yield line_no(pair.tgt_lines, index), text


def has_text(texts: tuple[str, ...] | str) -> bool:
    """Whether any letter or digit is written (whitespace and stray punctuation are not)."""
    if isinstance(texts, str):
        texts = (texts,)
    return any(ch.isalnum() for text in texts for ch in text)


def letter_count(text: str) -> int:
    """Letters in ``text`` (digits, spaces and punctuation do not count)."""
    return sum(1 for ch in text if ch.isalpha())


def words(text: str) -> list[str]:
    """The words of ``text`` in lower case, without digits-only tokens."""
    return re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*", text.casefold())


def normalise(text: str) -> str:
    """``text`` compared loosely: whitespace runs (no-break ones too) as one space, case folded,
    "..." as "…" and typographic apostrophes as "'"."""
    text = text.replace("...", "…").replace("’", "'").replace("ʼ", "'")
    return _SPACE.sub(" ", text).strip().casefold()


@lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of a letter as the first word of its Unicode name (``LATIN``, ``CYRILLIC``)."""
    if not ch.isalpha():
        return None
    name = unicodedata.name(ch, "")
    if not name:
        return None
    first = name.split(" ", 1)[0]
    if first.startswith("CJK") or first in _KANA:
        return "CJK"
    return first


def dominant_script(text: str) -> str | None:
    """The script most letters of ``text`` are written in; None without letters."""
    counts: dict[str, int] = {}
    for ch in text:
        script = script_of(ch)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(sorted(counts), key=lambda s: counts[s])


def language_script(lang: str) -> str:
    """The script a language code is normally written in (Latin unless listed)."""
    return _LANGUAGE_SCRIPTS.get(lang.split("-")[0].lower(), "LATIN")


def is_non_prose(text: str) -> bool:
    """Whether ``text`` holds no letters: a post id, a timecode, a number, a date or markup.

    Such lines are copied, not translated ("[248613]" stays "[248613]"; Spanish prints
    "(248613)"), so identical or bracket-swapped targets are not mistakes.
    """
    return not any(ch.isalpha() for ch in text)


def is_identical(pair: SegmentPair, ctx: CheckContext) -> bool:
    """Whether the target repeats the source (compared loosely, see ``normalise``).

    Computed once per pair: the untranslated check reports it and the wrong-language check
    stays silent about it, so one copied line is one finding, not two.
    """

    def compute() -> bool:
        src = normalise(" ".join(pair.src))
        tgt = normalise(" ".join(pair.tgt))
        return bool(src) and src == tgt

    return ctx.memo(("qa", "identical"), compute)
