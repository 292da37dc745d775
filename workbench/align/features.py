"""What each sentence offers for comparison across languages.

Three kinds of evidence are read from a sentence, once, before any search:

* **Length** in characters, whitespace excluded, so tokenised text ("Bern , 1988 .") and
  running text measure alike.
* **Anchor keys**: strings that a translation tends to keep, compared as sets.
  ``n:248613`` - a number (ids, dates, years, counts: "1/23/19" gives 1, 23 and 19);
  ``g:malchut`` - a glossary concept found by the inflection-aware matcher ("Малхут",
  "Maljut" and "Malchut" are all ``g:malchut``); ``c:laitm`` - a cognate key: the word
  transliterated to Latin (anyascii), folded to a rough phonetic skeleton and cut to five
  letters, so "Лайтмана" ~ "Laitman", "Каббалу" ~ "Kabbalah", "Technik" ~ "technique".
  The cut is what makes inflected forms meet; the skeleton ("kh", "ch", "j" all become
  "h"; "z" becomes "s"; doubled letters are single) is what makes spellings meet.
* **Debris**: a line with fewer than three letters and no digit (scanning debris, a
  stray "V") is far likelier to have no counterpart than a sentence is.
* **Punctuation and layout bits**: question, exclamation, quotes, colon, brackets,
  semicolon, a speaker label at the start ("Question:", "Вопрос:", "Pregunta:") and a
  closing ellipsis. Translations keep them far more often than chance does.

Nothing here knows the other side: how much a shared key is worth depends on how common it
is in both documents, which ``scoring`` works out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from anyascii import anyascii

from workbench.glossary import Termbase, TermMatcher

__all__ = [
    "PUNCT_BITS",
    "SideFeatures",
    "cognate_key",
    "extract",
    "is_debris",
    "skeleton",
]

PUNCT_BITS: tuple[str, ...] = (
    "question",
    "exclamation",
    "quote",
    "colon",
    "bracket",
    "semicolon",
    "label",
    "ellipsis",
)

_QUESTION = re.compile(r"[?¿？؟]")
_EXCLAIM = re.compile(r"[!¡！]")
_QUOTE = re.compile(r"[«»“”„‟\"‹›<>「」『』]")
_COLON = re.compile(r"[:：]")
_BRACKET = re.compile(r"[(\[（［]")
_SEMI = re.compile(r"[;；]")
# A speaker label: one to three short words then a colon, at the very start.
_LABEL = re.compile(r"^\W{0,3}[^\W\d_][^\s:]{0,24}(?:\s[^\s:]{1,24}){0,2}\s?[:：](?:\s|$)")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\W{0,3}$")
_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_THREE_LETTERS = re.compile(r"(?:[^\W\d_][\W\d_]*){3}")
_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")

# Rough phonetic folding of Latin transliterations; order matters (longest first).
_FOLD = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ch", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("tz", "ts"),
)
_CHAR_FOLD = str.maketrans({"c": "k", "j": "h", "w": "v", "y": "i", "z": "s", "x": "k", "q": "k"})
_KEY_LETTERS = 5
_MIN_SKELETON = 4


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """A Latin, lower-case, roughly phonetic form of ``word``, for comparing across scripts.

    "Лайтман" → "laitman", "Laitman" → "laitman", "Малхут" → "malhut", "Malchut" →
    "malhut", "Maljut" → "malhut", "Kabbalah" → "kabalah". Not a transcription: two
    spellings of one name should fold together, nothing more.
    """
    text = anyascii(word).lower()
    text = "".join(ch for ch in text if "a" <= ch <= "z")
    for old, new in _FOLD:
        text = text.replace(old, new)
    text = text.translate(_CHAR_FOLD)
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _is_cjk(word: str) -> bool:
    # Han, kana and hangul runs have no word breaks; their transliteration is no cognate.
    return any("\u2e80" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in word)


@lru_cache(maxsize=200_000)
def cognate_key(word: str) -> str | None:
    """``c:`` + the first five letters of the skeleton, or None for words too short to tell.

    Cutting at five letters lets inflected forms meet their base ("Лайтмана"/"Laitman")
    while keeping most unrelated words apart.
    """
    if len(word) < 3 or _is_cjk(word):
        return None
    skel = skeleton(word)
    if len(skel) < _MIN_SKELETON:
        return None
    return "c:" + skel[:_KEY_LETTERS]


def _number_keys(text: str) -> set[str]:
    return {"n:" + (digits.lstrip("0") or "0") for digits in _NUMBER.findall(text)}


def is_debris(text: str) -> bool:
    """A line with almost no letters and no digits: OCR crumbs, a stray "V", "- _-".

    Such lines are often dropped by the other version, unlike any real sentence; ids like
    "[248613]" have digits and are not debris.
    """
    if _DIGIT.search(text):
        return False
    return _THREE_LETTERS.search(text) is None


def punct_mask(text: str) -> int:
    """The punctuation/layout bits of a sentence (see ``PUNCT_BITS``)."""
    bits = 0
    for bit, pattern in enumerate(
        (_QUESTION, _EXCLAIM, _QUOTE, _COLON, _BRACKET, _SEMI, _LABEL, _ELLIPSIS)
    ):
        if pattern.search(text):
            bits |= 1 << bit
    return bits


@dataclass(frozen=True)
class SideFeatures:
    """The evidence of one document: per-sentence lengths, punctuation bits and keys."""

    lengths: np.ndarray
    masks: np.ndarray
    keys: tuple[frozenset[str], ...]
    debris: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.keys)


def extract(
    sentences: Sequence[str],
    lang: str,
    *,
    anchors: Sequence[str],
    termbase: Termbase | None = None,
) -> SideFeatures:
    """Features of every sentence of a document in language ``lang``.

    ``anchors`` selects the kinds of key ("glossary", "num", "translit") and whether
    punctuation bits are read ("punct"). Glossary matches also hide the words they cover
    from cognate keys, so one term is not counted twice.
    """
    use_glossary = "glossary" in anchors and termbase is not None
    use_num = "num" in anchors
    use_translit = "translit" in anchors
    use_punct = "punct" in anchors
    matcher = TermMatcher(termbase, lang) if use_glossary and termbase is not None else None
    lengths = np.empty(len(sentences), dtype=np.float64)
    masks = np.zeros(len(sentences), dtype=np.uint8)
    debris = np.zeros(len(sentences), dtype=bool)
    keys: list[frozenset[str]] = []
    for index, raw in enumerate(sentences):
        text = _SPACE.sub(" ", raw).strip()
        lengths[index] = max(1, len(text) - text.count(" "))
        debris[index] = is_debris(text)
        if use_punct:
            masks[index] = punct_mask(text)
        found: set[str] = set()
        covered: list[tuple[int, int]] = []
        if matcher is not None and text:
            for match in matcher.find(text):
                found.add("g:" + match.concept_id)
                covered.append((match.start, match.end))
        if use_num:
            found |= _number_keys(text)
        if use_translit:
            for word in _WORD.finditer(text):
                if covered and any(s <= word.start() < e for s, e in covered):
                    continue
                key = cognate_key(word.group())
                if key is not None:
                    found.add(key)
        keys.append(frozenset(found))
    return SideFeatures(lengths=lengths, masks=masks, keys=tuple(keys), debris=debris)
