"""How the words of a term inflect, per language.

Stemming both the text and the term with a general-purpose stemmer goes wrong on Hebrew
loanwords: Snowball's Russian stemmer cuts "масах" to "мас" (it reads -ах as a plural
ending) but "масахом" to "масах", and it maps "парцуфим" and "парцуф" to the same stem, so
the Hebrew plural could not be told from the singular. The term, however, is known in its
citation form, so this module works the other way round: from the term it derives a
**paradigm** (a stem plus the endings that word class takes in that language) and a token
matches when it is that stem plus one of those endings. Suffix rules are written for ru, uk,
en, es, pt, fr, it and de; other languages with a Snowball stemmer fall back to comparing
stems; the rest match exact forms only.

The rules are deliberately generous (the union of a declension's endings, case and number
together): a term check must recognise every correct form, and a wrong form of a correct
stem is still the concept, which is what the checks need to know. What is *wrong* is decided
elsewhere: an indeclinable word that took an ending, a listed forbidden variant, a local
plural ending on a Hebrew plural.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from workbench.glossary.termbase import base_lang

__all__ = ["Morphology", "Paradigm", "morphology_for"]


@dataclass(frozen=True, slots=True)
class Paradigm:
    """A stem (norm form) with the ending of the citation form and the endings it takes.

    ``endings`` is None for the stemmer fallback, where any remainder after the stem counts.
    """

    stem: str
    citation: str
    endings: frozenset[str] | None


def _exact(word: str) -> Paradigm:
    return Paradigm(word, "", frozenset({""}))


def _endings(spec: str) -> frozenset[str]:
    """``"|а|у"`` → {"", "а", "у"}: ending tables stay readable one line per class."""
    return frozenset(spec.split("|"))


_CYR = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ")
_RU_VOWELS = set("аеёиоуыэюяіїє")

# Russian: generous unions per declension class. -ой/-ью on the consonant class are the
# feminine endings a translator wrongly gives "Малхут" (Малхутой, Малхутью).
_RU_MASC = _endings("|а|у|ом|ем|е|ы|и|ов|ев|ей|ам|ами|ах|ой|ою|ью|я|ю|ям|ями|ях")
# No bare-stem genitive plural: "клип" is a video clip, not a form of "клипа".
_RU_FEM = _endings("а|ы|и|е|у|ю|ой|ою|ей|ею|ам|ами|ах|я|ям|ями|ях")
_RU_SOFT = _endings("ь|я|ю|ем|е|и|ей|ям|ями|ях|ью")
_RU_J = _endings("й|я|ю|ем|е|и|ев|ям|ями|ях|ей")
_RU_NEUT = _endings("о|е|а|у|ом|ем|ам|ами|ах|я|ю|ям|ями|ях||и|ы|ей|й")
_RU_ADJ = _endings(
    "ый|ий|ой|ого|его|ому|ему|ым|им|ом|ем|ая|яя|ую|юю|ое|ее|ые|ие|ых|их|ыми|ими|ей|ою|ею"
)
_RU_ADJ_CITATION = ("ый", "ий", "ой", "ая", "яя", "ое", "ее")

_UK_MASC = _endings("|а|у|ові|еві|ом|ем|єм|і|и|ів|їв|ам|ями|ами|ах|ях|ю|я|ою|ю")
_UK_FEM = _endings("а|и|і|ї|у|ю|ою|ею|єю|ам|ям|ами|ями|ах|ях|я|е|є|ої|ій")
_UK_SOFT = _endings("ь|я|ю|ем|єм|і|ів|ям|ями|ях|ею|ю")
_UK_NEUT = _endings("о|е|а|у|ом|ем|і|ам|ами|ах|ю|я|ям|ями|ях|")
_UK_ADJ = _endings("ий|ій|а|я|е|є|ого|його|ому|йому|им|ім|ій|у|ю|і|ї|их|іх|ими|іми|ої|ою|ій")
_UK_ADJ_CITATION = ("ий", "ій")

_HEBREW_PLURAL = {
    "cyr": ("им", "от"),
    "lat": ("im", "ot", "oth", "ím", "ót"),
}


class Morphology:
    """Inflection rules of one language: paradigms for term words, splits for tokens."""

    def __init__(self, lang: str) -> None:
        self.lang = base_lang(lang)
        self.compounds = self.lang == "de"
        self._stemmer = None
        self._stem_cache: dict[str, str] = {}
        self.all_endings: frozenset[str] = frozenset()
        if self.lang in _RULES:
            self.all_endings = frozenset().union(*_ENDING_SETS[self.lang])
        elif self.lang in _SNOWBALL:
            self._stemmer = snowballstemmer.stemmer(_SNOWBALL[self.lang])
        self._max_ending = max((len(e) for e in self.all_endings), default=0)

    @property
    def has_rules(self) -> bool:
        """True when suffix rules (not a stemmer, not exact matching) are in force."""
        return self.lang in _RULES

    # -- term side ---------------------------------------------------------------------

    def paradigms(
        self, word: str, *, acronym: bool = False, capitalised: bool = False
    ) -> list[Paradigm]:
        """How the term word ``word`` (norm form) inflects; the first paradigm is the main one.

        Words of one or two letters ("де", "ZA", "ор") and digits never inflect here, so
        Aramaic particles and abbreviations stay exact.
        """
        if (
            len(word) <= 2
            or not any(ch.isalpha() for ch in word)
            or any(ch.isdigit() for ch in word)
        ):
            return [_exact(word)]
        if self.lang in _RULES:
            return _RULES[self.lang](word, acronym, capitalised) or [_exact(word)]
        if self._stemmer is not None:
            stem = self._stem(word)
            if len(stem) < 3:
                return [_exact(word)]
            return [Paradigm(stem, word[len(stem) :], None)]
        return [_exact(word)]

    def local_plurals(self, word: str) -> list[str]:
        """Plural forms the local grammar would build from ``word``, all wrong for a term
        whose plural is Hebrew ("Partzufs", "парцуфы", "Sefiras", "келимы")."""
        rule = _LOCAL_PLURALS.get(self.lang)
        if rule is None or len(word) <= 2:
            return []
        return [form for form in rule(word) if form != word]

    def ambiguous_plurals(self, word: str) -> list[str]:
        """Local plurals of ``word`` that are also one of its singular case forms.

        Russian "сфира" → "сфиры": the genitive singular (right) and the nominative plural
        (wrong for a term whose plural is Hebrew). Only context tells them apart.
        """
        rule = _AMBIGUOUS_PLURALS.get(self.lang)
        if rule is None or len(word) <= 2:
            return []
        return rule(word)

    def agrees_plural(self, word: str) -> bool:
        """Whether ``word`` (norm form), right before a noun, makes that noun a plural.

        Russian: a plural determiner ("все", "эти", "такие") or an adjective with an ending
        that is only plural ("-ые"; "-ие" after г, к, х, ш, щ: "высшие", "другие"). Soft
        "-ние" is left out because nouns end so too ("значение сфиры" is a genitive).
        """
        rule = _PLURAL_AGREEMENT.get(self.lang)
        return rule is not None and rule(word)

    def is_hebrew_plural(self, word: str) -> bool:
        """Whether ``word`` ends like a transliterated Hebrew plural (-im, -ot, -им, -от)."""
        if len(word) < 4:
            return False
        script = "cyr" if word[-1] in _CYR else "lat"
        return word.endswith(_HEBREW_PLURAL[script])

    # -- text side ---------------------------------------------------------------------

    def splits(self, token: str) -> list[tuple[str, str]]:
        """Ways to read the norm-form ``token`` as stem + ending, the whole word first."""
        if self.lang in _RULES:
            out = [(token, "")]
            limit = min(self._max_ending, len(token) - 1)
            for size in range(1, limit + 1):
                ending = token[-size:]
                if ending in self.all_endings:
                    out.append((token[:-size], ending))
            return out
        if self._stemmer is not None:
            stem = self._stem(token)
            return [(token, ""), (stem, token[len(stem) :])] if stem != token else [(token, "")]
        return [(token, "")]

    def _stem(self, word: str) -> str:
        cached = self._stem_cache.get(word)
        if cached is None:
            assert self._stemmer is not None
            stem = self._stemmer.stemWord(word)
            # A stem that is not a prefix (a stemmer that also rewrites letters) is cut back
            # to the common prefix, so "stem + remainder" is always the word itself.
            common = 0
            for a, b in zip(stem, word, strict=False):
                if a != b:
                    break
                common += 1
            cached = word[:common]
            if len(self._stem_cache) < 500_000:
                self._stem_cache[word] = cached
        return cached


# -- per-language rules -------------------------------------------------------------------


def _ru(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    return _slavic(word, acronym, uk=False)


def _uk(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    return _slavic(word, acronym, uk=True)


def _slavic(word: str, acronym: bool, *, uk: bool) -> list[Paradigm]:
    if not all(ch in _CYR or ch in "'-" for ch in word):
        return []
    masc, fem, soft, neut, adj, adj_cit = (
        (_UK_MASC, _UK_FEM, _UK_SOFT, _UK_NEUT, _UK_ADJ, _UK_ADJ_CITATION)
        if uk
        else (_RU_MASC, _RU_FEM, _RU_SOFT, _RU_NEUT, _RU_ADJ, _RU_ADJ_CITATION)
    )
    last = word[-1]
    if acronym:
        # ИШСУТ, РАБАШ: endings are written in lower case after the capitals (РАБАШа).
        return [Paradigm(word, "", masc)] if last not in _RU_VOWELS else []
    if len(word) >= 5 and word.endswith(adj_cit) and not word.endswith(("ние", "тие", "ьё")):
        return [Paradigm(word[:-2], word[-2:], adj)]
    if last in "ая":
        return [Paradigm(word[:-1], last, fem)]
    if last == "ь":
        return [Paradigm(word[:-1], "ь", soft)]
    if last == "й" and not uk:
        return [Paradigm(word[:-1], "й", _RU_J)]
    if last in "оеє":
        return [Paradigm(word[:-1], last, neut)] if len(word) >= 5 else []
    if last in _RU_VOWELS:
        return []  # кли, Шамати: vowel-final loanwords do not decline
    paradigms = [Paradigm(word, "", masc)]
    if len(word) >= 5 and word[-2:] in ("ец", "ок") and word[-3] not in _RU_VOWELS:
        # Fleeting vowel: Творец → Творца, конец → конца.
        paradigms.append(Paradigm(word[:-2] + word[-1], "", masc - {""}))
    return paradigms


_EN_PROPER = frozenset({"", "s", "es", "'s"})
_EN_COMMON = frozenset({"", "s", "es", "'s", "ed", "ing", "d"})


def _en(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    if acronym:
        return [Paradigm(word, "", frozenset({"", "s", "'s"}))]
    if capitalised:
        return [Paradigm(word, "", _EN_PROPER)]
    paradigms = [Paradigm(word, "", _EN_COMMON)]
    if word.endswith("e"):
        paradigms.append(Paradigm(word[:-1], "e", frozenset({"e", "es", "ed", "ing", "e's"})))
    elif word.endswith("y") and word[-2] not in "aeiou":
        paradigms.append(Paradigm(word[:-1], "y", frozenset({"y", "ies", "ied", "y's"})))
    return paradigms


_ROMANCE_BASE = frozenset({"", "s", "es"})


def _es(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    paradigms = [Paradigm(word, "", _ROMANCE_BASE)]
    if acronym or capitalised:
        return paradigms
    # Lower-case words are adjectives and common nouns: luz reflejada / luces reflejadas.
    if len(word) >= 4 and word[-1] in "oa":
        paradigms.append(Paradigm(word[:-1], word[-1], frozenset({"o", "a", "os", "as"})))
    elif len(word) >= 4 and word.endswith("z"):
        paradigms.append(Paradigm(word[:-1], "z", frozenset({"z", "ces"})))
    return paradigms


def _fr(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    if acronym:
        return [Paradigm(word, "", frozenset({""}))]
    if capitalised:
        return [Paradigm(word, "", frozenset({"", "s", "x"}))]
    return [Paradigm(word, "", frozenset({"", "s", "x", "e", "es"}))]


def _it(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    if not acronym and len(word) >= 4 and word[-1] in "oaei":
        return [Paradigm(word[:-1], word[-1], frozenset({"o", "a", "i", "e"}))]
    return [Paradigm(word, "", frozenset({""}))]


_DE_NOUN = frozenset({"", "s", "es", "e", "en", "n", "er", "ern", "ns", "ens"})
_DE_ADJ = frozenset({"e", "er", "es", "en", "em"})


def _de(word: str, acronym: bool, capitalised: bool) -> list[Paradigm]:
    if acronym:
        return [Paradigm(word, "", frozenset({"", "s"}))]
    if capitalised:
        return [Paradigm(word, "", _DE_NOUN)]
    # Lower-case words in German terms are adjectives and participles ("umgebendes Licht").
    for ending in ("er", "es", "en", "em", "e"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return [Paradigm(word[: -len(ending)], ending, _DE_ADJ)]
    return [Paradigm(word, "", _DE_ADJ | {""})]


_RULES = {
    "ru": _ru,
    "uk": _uk,
    "en": _en,
    "es": _es,
    "pt": _es,
    "fr": _fr,
    "it": _it,
    "de": _de,
}

_ENDING_SETS: dict[str, list[frozenset[str]]] = {
    "ru": [_RU_MASC, _RU_FEM, _RU_SOFT, _RU_J, _RU_NEUT, _RU_ADJ],
    "uk": [_UK_MASC, _UK_FEM, _UK_SOFT, _UK_NEUT, _UK_ADJ],
    "en": [_EN_COMMON, frozenset({"e", "es", "ed", "ing", "e's", "y", "ies", "ied", "y's"})],
    "es": [_ROMANCE_BASE, frozenset({"o", "a", "os", "as", "z", "ces"})],
    "pt": [_ROMANCE_BASE, frozenset({"o", "a", "os", "as", "z", "ces"})],
    "fr": [frozenset({"", "s", "x", "e", "es"})],
    "it": [frozenset({"o", "a", "i", "e", ""})],
    "de": [_DE_NOUN, _DE_ADJ],
}


def _plural_slavic(word: str) -> list[str]:
    last = word[-1]
    if word.endswith(("им", "от")):
        return [word + e for e in ("ы", "и", "ов", "ам", "ами", "ах")]
    if last in "ая":
        # The bare-stem genitive plural ("клип", "сфир") is left out: "клип" is also an
        # ordinary word, and a false alarm costs more than this rare miss.
        stem = word[:-1]
        return [stem + e for e in ("ам", "ами", "ах", "ям", "ями", "ях")]
    if last in _RU_VOWELS or last in "ьй":
        return []
    return [word + e for e in ("ы", "и", "ов", "ев", "ей", "ам", "ами", "ах")]


def _ambiguous_slavic(word: str) -> list[str]:
    # Feminine -а/-я nouns: genitive singular = nominative plural (сфиры, клипы).
    if word[-1] == "а":
        return [word[:-1] + "ы", word[:-1] + "и"]
    if word[-1] == "я":
        return [word[:-1] + "и"]
    return []


_RU_PLURAL_WORDS = frozenset(
    [
        "все",
        "эти",
        "те",
        "такие",
        "какие",
        "многие",
        "другие",
        "некоторые",
        "остальные",
        "иные",
        "мои",
        "твои",
        "свои",
        "наши",
        "ваши",
        "оные",
    ]
)


def _agrees_plural_ru(word: str) -> bool:
    if word in _RU_PLURAL_WORDS:
        return True
    if len(word) >= 4 and word.endswith("ые"):
        return True
    return len(word) >= 5 and word.endswith(("гие", "кие", "хие", "шие", "щие"))


_AMBIGUOUS_PLURALS = {"ru": _ambiguous_slavic}
_PLURAL_AGREEMENT = {"ru": _agrees_plural_ru}


def _plural_s(word: str) -> list[str]:
    return [word + "s", word + "es"]


def _plural_de(word: str) -> list[str]:
    if word[-1] in "aeiou":
        return [word + "s", word + "n"]
    return [word + "s", word + "e", word + "en"]


def _plural_it(word: str) -> list[str]:
    if word[-1] in "oae":
        return [word[:-1] + "i", word[:-1] + "e", word + "s"]
    return [word + "s", word + "i"]


_LOCAL_PLURALS = {
    "ru": _plural_slavic,
    "uk": _plural_slavic,
    "en": _plural_s,
    "es": _plural_s,
    "pt": _plural_s,
    "fr": lambda w: [w + "s", w + "x"],
    "it": _plural_it,
    "de": _plural_de,
}

_SNOWBALL = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "ro": "romanian",
    "sr": "serbian",
    "st": "sesotho",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
_SNOWBALL = {k: v for k, v in _SNOWBALL.items() if v in snowballstemmer.algorithms()}


@lru_cache(maxsize=64)
def morphology_for(lang: str) -> Morphology:
    """The shared ``Morphology`` of ``lang`` (stemmer objects are reused, not rebuilt)."""
    return Morphology(lang)
