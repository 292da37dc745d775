"""Tokenising and normalising text for term matching.

Terms are matched token by token, never by substring, so that "кли" is not found inside
"клинок" and "Bina" not inside "Binary". Three layers of normalisation are kept apart
because they answer different questions:

* the **surface** is the text as written; spans always point into it;
* the **norm** form is what two spellings must share to be the *same spelling*: lower case,
  ё written as е, every apostrophe as ``'``, Cyrillic stress marks and Hebrew points dropped
  (optional in running text, never a different spelling);
* the **key** is the norm form with Latin and Greek accents folded away; it is what the
  matcher looks up, so "Lishma" finds the term "Lishmá" and the accent is then judged
  per term instead of being lost.

Separators between tokens are kept too, normalised to ``" "`` (whitespace), ``"-"`` (a
hyphen written without spaces) or the punctuation itself, because "Зеир-Анпин" may be a
listed forbidden variant of "Зеир Анпин" and must stay recognisable as such.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "APOSTROPHES",
    "HYPHENS",
    "Token",
    "base_len_to_surface",
    "fold_accents",
    "is_all_caps",
    "norm",
    "normalise_separator",
    "strip_term_punctuation",
    "tail",
    "tokenize",
]

#: Characters used as an apostrophe inside words (Ze'ir, Ba’al, Baal HaSulam’s, ׳ geresh).
APOSTROPHES = "'’ʼ‘`´׳"
#: Characters written between the letters of Hebrew and Russian abbreviations (З"А, ז״א).
GERSHAYIM = '"״″'
#: Characters that join two words into one hyphenated word when written without spaces.
HYPHENS = "-‐‑־–"


def _mark_class() -> str:
    """A regex character class of every combining mark in the Basic Multilingual Plane.

    Python's ``\\w`` does not match combining marks, so a decomposed "á" or a Hebrew point
    would otherwise split a word in two.
    """
    ranges: list[tuple[int, int]] = []
    for code in range(0x300, 0x10000):
        if unicodedata.category(chr(code)) in ("Mn", "Mc", "Me"):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )


_MARKS = _mark_class()
_WORD = rf"(?:[^\W_]|[{_MARKS}])"
_JOIN = re.escape(APOSTROPHES + GERSHAYIM)
TOKEN_RE = re.compile(rf"{_WORD}+(?:[{_JOIN}]{_WORD}+)*")

_APOS_TABLE = {ord(c): "'" for c in APOSTROPHES} | {ord(c): '"' for c in GERSHAYIM}
_APOS_TABLE[ord("ё")] = "е"
_APOS_TABLE[ord("Ё")] = "Е"
# Stress marks in Russian/Ukrainian and points/cantillation in Hebrew are optional in
# running text, so they never make a different spelling.
_DROP_AFTER_CYRILLIC = {"\u0301", "\u0300"}
_SENTENCE_END = frozenset(".!?…:")


class Token(NamedTuple):
    """One word of a text: where it is, how it is written and what separates it from the last.

    ``sep`` is the normalised separator before the token (``""`` for the first one) and
    ``initial`` tells whether the token starts a sentence, where a capital letter says
    nothing about the term's own casing. A named tuple, because a long text has many.
    """

    start: int
    end: int
    surface: str
    sep: str
    initial: bool


def _is_hebrew_point(ch: str) -> bool:
    return "\u0591" <= ch <= "\u05c7" and unicodedata.category(ch) == "Mn"


@lru_cache(maxsize=200_000)
def norm(text: str) -> str:
    """The spelling-equivalence form: NFC, lower case, ё→е, one apostrophe, no stress marks.

    Lower-casing is done per character and only where it keeps one character, so the
    norm form of a word has the same length as its NFC form unless stress marks or Hebrew
    points were dropped (``tail`` copes with that).
    """
    text = unicodedata.normalize("NFC", text).translate(_APOS_TABLE)
    out: list[str] = []
    prev_cyr = False
    for ch in text:
        if ch in _DROP_AFTER_CYRILLIC and prev_cyr:
            continue
        if _is_hebrew_point(ch):
            continue
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
        if not unicodedata.combining(ch):
            prev_cyr = "\u0400" <= ch <= "\u052f"
    return "".join(out)


def _foldable(base: str) -> bool:
    # Latin and Greek letters lose their accents in the key; Cyrillic ones do not, because
    # й/ї/ў are letters of their own, not accented и/і/у.
    return base < "\u0250" or "\u1e00" <= base <= "\u1eff" or "\u0370" <= base <= "\u03ff"


@lru_cache(maxsize=200_000)
def fold_accents(text: str) -> str:
    """Remove accents from Latin and Greek letters, one character for one character.

    The result has the same length as the input, so an ending found in the key can be
    cut from the norm form at the same offset.
    """
    if text.isascii():
        return text
    out: list[str] = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        if len(decomposed) > 1 and _foldable(decomposed[0]):
            stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
            out.append(stripped if len(stripped) == 1 else ch)
        elif unicodedata.combining(ch) and out and _foldable(out[-1]):
            out.append(ch)  # a lone combining mark keeps its place; NFC input has few
        else:
            out.append(ch)
    return "".join(out)


def normalise_separator(raw: str) -> str:
    """``" "`` for whitespace, ``"-"`` for an unspaced hyphen, else the punctuation itself."""
    if raw == " " or not raw or raw.isspace():
        return " "
    if len(raw) == 1 and raw in HYPHENS:
        return "-"
    stripped = "".join(ch for ch in raw if not ch.isspace())
    return stripped.translate(_APOS_TABLE) or " "


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word tokens with their separators and sentence-initial flags."""
    tokens: list[Token] = []
    last = 0
    for found in TOKEN_RE.finditer(text):
        start, end = found.span()
        raw = text[last:start]
        if tokens:
            sep = " " if raw == " " else normalise_separator(raw)
            initial = raw != " " and not _SENTENCE_END.isdisjoint(raw)
        else:
            sep = ""
            initial = True
        tokens.append(Token(start, end, found.group(), sep, initial))
        last = end
    return tokens


def strip_term_punctuation(text: str) -> str:
    """A term without the quotes or brackets around it: «лишма» is the term лишма."""
    tokens = TOKEN_RE.findall(text)
    if not tokens:
        return ""
    first = text.find(tokens[0])
    last = text.rfind(tokens[-1]) + len(tokens[-1])
    return text[first:last]


def is_all_caps(text: str) -> bool:
    """True for "ЗА", "TES", "РАБАШ": at least two letters and every cased letter upper."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters if ch.lower() != ch.upper())


def tail(surface: str, count: int) -> str:
    """The last ``count`` letters of ``surface``, with any combining marks that go with them.

    Endings are found in the norm form; this maps them back onto the text as written even
    when the text is decomposed or carries stress marks.
    """
    if count <= 0:
        return ""
    seen = 0
    index = len(surface)
    while index > 0 and seen < count:
        index -= 1
        if not unicodedata.combining(surface[index]):
            seen += 1
    return surface[index:]


def base_len_to_surface(surface: str, count: int) -> int:
    """The length of the prefix of ``surface`` holding its first ``count`` letters."""
    seen = 0
    for index, ch in enumerate(surface):
        if not unicodedata.combining(ch):
            if seen == count:
                return index
            seen += 1
    return len(surface)
