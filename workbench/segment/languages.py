"""What the segmenter knows about each language: punctuation, abbreviations, habits.

Everything language-specific lives here as data, so the scanner in :mod:`.scanner` has one
code path for every language and a new language is a table entry, not new logic. Word lists
come from two places: the Moses non-breaking prefixes shipped with sacremoses, and
``workbench/data/segment_languages.toml`` for what those lists lack.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workbench.segment.rules import ALL_LANGUAGES

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "segment_languages.toml"

# Punctuation that can end a sentence when whitespace (or the end of the text) follows.
# Armenian ։, Ethiopic ። ፧, Burmese ။, Devanagari । ॥, Arabic ؟ and Urdu ۔, CJK 。！？｡,
# Hebrew sof pasuq ׃, Greek question mark ; (U+037E) and the double marks ‼ ⁇ ⁈ ⁉.
BASE_TERMINALS = ".!?…‼⁇⁈⁉։።፧။।॥؟۔。！？｡׃\u037e"
# Of those, the ones that end a sentence even when the next one follows without a space,
# as in Chinese, Japanese, Amharic and Burmese text.
NOSPACE_TERMINALS = "。！？｡።፧။"
# Of those, the ones that always end a sentence unless a lowercase word continues it
# ("Yahoo! in the ..."); periods need the abbreviation logic, these do not.
STRONG_TERMINALS = "!?‼⁇⁈⁉։።፧။।॥؟۔。！？｡׃\u037e"
# Closing quotes and brackets that stay with the sentence they close ("“" and "‘" close
# German and Slovak quotes: „So.“).
CLOSERS = "\"'”’“‘»›)]}》」』】〉〕״"
# Opening punctuation that may stand before the first word of a sentence.
OPENERS = "\"'“‘„«‹([{¿¡《「『【〈〔*–—-״"
# Bullets that may stand before a list number.
BULLETS = "•⁃‣◦▪·"

# Languages that write ordinal numbers with a period ("am 12. Juni", "XII. Pluk"), so a
# number before a period may be an ordinal in the middle of a sentence (Scanner._is_ordinal).
ORDINAL_LANGUAGES = frozenset(
    {"de", "da", "no", "fi", "et", "lv", "cs", "sk", "pl", "sl", "hr", "sr", "bs", "hu", "is"}
    | {"fo", "tr", "lb"}
)


@dataclass(frozen=True)
class LanguageHabits:
    """Punctuation habits that differ between languages."""

    extra_terminals: str = ""
    extra_strong: str = ""
    extra_nospace: str = ""
    period_ends_sentence: bool = True
    split_before_lowercase: bool = False
    strong_before_lowercase: bool = False
    comma_list_exception: bool = False


HABITS: dict[str, LanguageHabits] = {
    # Armenian ends sentences with ։ (often typed as ":"); its "." is a colon-like mark.
    "hy": LanguageHabits(extra_terminals=":՜", extra_strong=":՜", period_ends_sentence=False),
    # Arabic text in the Golden Rules ends clauses with ":" and "،" too, except inside
    # enumerations ("الدم، والقلب،").
    "ar": LanguageHabits(extra_terminals=":،", extra_strong=":،", comma_list_exception=True),
    # Greek: ";" is the question mark, and a lowercase word after a period still starts a
    # new sentence in running text.
    "el": LanguageHabits(extra_terminals=";", extra_strong=";", split_before_lowercase=True),
    # Kazakh questions run on in lowercase ("кім? не?").
    "kk": LanguageHabits(strong_before_lowercase=True),
    # Chinese and Japanese also use ASCII ?! between sentences without spaces.
    "zh": LanguageHabits(extra_nospace="!?"),
    "ja": LanguageHabits(extra_nospace="!?"),
    "yue": LanguageHabits(extra_nospace="!?"),
}


@dataclass(frozen=True)
class WordLists:
    """Abbreviations and sentence starters for one language, merged from all sources."""

    never: frozenset[str]
    numeric: frozenset[str]
    ending: frozenset[str]
    starters: frozenset[str]
    labels: frozenset[str]
    after_number: frozenset[str] = frozenset()
    ordinal_cues: frozenset[str] = frozenset()
    months: frozenset[str] = frozenset()

    def digest(self) -> str:
        """Hash of the lists, so a signature changes when the data does."""
        blob = json.dumps(
            [
                sorted(self.never),
                sorted(self.numeric),
                sorted(self.ending),
                sorted(self.starters),
                sorted(self.labels),
                sorted(self.after_number),
                sorted(self.ordinal_cues),
                sorted(self.months),
            ],
            ensure_ascii=False,
        ).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()[:8]


@functools.cache
def _table() -> dict[str, dict[str, list[str]]]:
    with DATA_FILE.open("rb") as fh:
        return tomllib.load(fh)


@functools.cache
def _moses_prefixes(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """(never, numeric) from sacremoses' non-breaking prefixes, or empty sets.

    sacremoses falls back to English for a language it does not know; that fallback is not
    wanted here (English titles in a Bulgarian text are already covered by the "*" list).
    """
    try:
        from sacremoses.corpus import NonbreakingPrefixes
    except ImportError:  # pragma: no cover - sacremoses is a hard dependency
        return frozenset(), frozenset()
    nbp = NonbreakingPrefixes()
    if lang not in set(nbp.available_langs.values()):
        return frozenset(), frozenset()
    never: set[str] = set()
    numeric: set[str] = set()
    for line in nbp.words(lang):
        word, _, flag = line.partition("#")
        word = word.strip()
        if not word or word.isdigit():
            # Bare numbers (the German list has 1-99) are ordinals; the scanner's ordinal
            # rule decides those with more context than a list can.
            continue
        if len(word) == 1 and word.isalpha():
            # Single letters are initials; the scanner tells "Jonas E. Smith" from
            # "you and I. Did ..." with sentence starters instead.
            continue
        (numeric if "NUMERIC_ONLY" in flag else never).add(word.rstrip("."))
    return frozenset(never), frozenset(numeric)


@functools.cache
def word_lists(lang: str) -> WordLists:
    """The merged word lists for a (normalized) language code."""
    table = _table()
    shared = table.get(ALL_LANGUAGES, {})
    own = table.get(lang, {})
    english = table.get("en", {})
    moses_never, moses_numeric = _moses_prefixes(lang)

    def pick(name: str, *sources: dict[str, list[str]]) -> set[str]:
        out: set[str] = set()
        for src in sources:
            out.update(w.rstrip(".") for w in src.get(name, []))
        return out

    ending = pick("ending", shared, own)
    numeric = (pick("numeric", shared, own) | set(moses_numeric)) - ending
    never = (pick("never", shared, own) | set(moses_never)) - ending - numeric
    starters = pick("starters", shared, own, english)
    labels = pick("labels", shared, own, english)
    return WordLists(
        never=frozenset(never),
        numeric=frozenset(numeric),
        ending=frozenset(ending),
        starters=frozenset(starters),
        labels=frozenset(labels),
        after_number=frozenset(pick("after_number", shared, own)),
        ordinal_cues=frozenset(pick("ordinal_cues", shared, own)),
        months=frozenset(m.lower() for m in pick("months", shared, own)),
    )


def habits(lang: str) -> LanguageHabits:
    return HABITS.get(lang, LanguageHabits())


def _char_class(predicate: object) -> str:
    """A regex character class of every code point for which ``predicate`` holds.

    Python's ``re`` has no ``\\p{Lu}``; a class built once from ``str.isupper`` gives the
    same answer for every script at C speed. The Basic Multilingual Plane holds every cased
    script a translated post uses, and scanning only it keeps the first call fast.
    """
    ranges: list[tuple[int, int]] = []
    for cp in range(0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        if predicate(chr(cp)):  # type: ignore[operator]
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = []
    for lo, hi in ranges:
        parts.append(
            re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}"
        )
    return "[" + "".join(parts) + "]"


@functools.cache
def upper_class() -> str:
    return _char_class(str.isupper)


@functools.cache
def lower_class() -> str:
    return _char_class(str.islower)
