"""Finding the terms of a termbase in a sentence, inflected, and telling right from wrong.

``TermMatcher(termbase, lang)`` is built once per language. ``find`` returns the terms in a
sentence as non-overlapping ``TermMatch`` objects, each saying which concept and term it is,
where it is, how each word was inflected and whether the occurrence is acceptable (``kind``
``ok``) or a forbidden variant, a wrong inflection of an indeclinable word or a local plural
on a Hebrew plural.

How it works, and why:

* **Token trie, not a regex.** Every term word is registered under its stem key (see
  ``inflection``); a text token is split into stem + ending in the few ways the language's
  ending table allows and each stem is one dictionary look-up. Multi-word terms are indexed
  by their first word and checked word by word from there. Analysing a token does not depend
  on the sentence, so it is cached per distinct word form: a corpus of 200,000 sentences has
  far fewer distinct words than tokens. Building for 10,000 concepts takes a second or two.
* **Every word may inflect unless it is fixed.** A word is fixed when its term is
  ``indeclinable``, when it is on its own an indeclinable term of the language ("Ацилут" in
  "мир Ацилут", "Малхут" in "Малхут мира Ацилут"), when the term lists it in
  ``fixed_words`` ("Зеир" in "Зеир Анпин") or when it is a Hebrew plural. So
  "Зеир Анпина" (last word declines) and "мира Бесконечности" (first word declines) both
  match with no per-term pattern; a fixed word with an ending is a ``wrong_inflection``
  ("Зеире Анпине", suggested as "Зеир Анпине": the last word keeps its ending).
* **Forms are words of the concept.** A Hebrew plural or a singular listed only in
  ``forms`` ("келим" of "кли", "Partzufim" of "Partzuf", "сфира" of "сфирот") counts like
  one listed as a term: a Hebrew plural never declines ("келиму" is a wrong inflection)
  and never takes a local plural ending ("келимах", "Partzufims", "Klipots", "сфирами"
  are local plurals; the Hebrew plural is suggested).
* **Ambiguous forms are decided by the word before.** Russian "сфиры" is the genitive
  singular of "сфира" (right) and its nominative plural (wrong, the plural is "сфирот").
  Right after a word that makes it plural ("все", "эти", "высшие") it is a local plural;
  elsewhere it is accepted.
* **The closest reading wins.** All terms that could cover a stretch of text compete;
  readings that need a case or accent difference the term does not allow come last; then
  the longest stretch wins ("Lo Lishma" over "Lishma", "Малхут мира Бесконечности" over
  "Малхут" + "мира Бесконечности"), then the smallest *distance*: spelling differences
  first (space/hyphen, case on a case-sensitive term, accents on an accent-sensitive term),
  then the number of inflected words. "Зеир-Анпина" matches a listed forbidden
  "Зеир-Анпин" in spelling and the allowed "Зеир Анпина" only up to the hyphen, so it is
  reported as the forbidden variant, declined; "Зеира Анпина" is an exact listed forbidden
  form and only an inflected reading of the preferred term. On a tie, exact letter case
  and accents decide (so "Baal Hasulam" is the listed forbidden variant even though case
  is ignored), then preferred and allowed terms win over forbidden ones, and those over
  generated wrong forms.
* **Never inside a longer word.** Tokens are whole words, so "клинок" has no "кли" and
  "Binary" no "Bina". Hyphenated words are split at the hyphen, so a term may be any element
  of a hyphenated compound ("Sohar-Texte", "де-Аба"). German solid compounds count when the
  term (4+ letters, written with a capital) is their *first* element and at least three
  letters follow ("Soharstudium"); the match then covers only that element. Only a term's
  own spelling starts a compound: preferred and allowed terms, their forms, and forbidden
  variants that are a spelling of their own ("Zoharstudium"); not a forbidden variant
  that is an accepted term plus an ending ("Klis" = "Kli" + "s": "Klischee" is an ordinary
  word, "Parzufstruktur" is "Parzuf" with a linking s) and not a generated local plural.
  A term as the last element of a solid compound ("Weltkongress") is not found.
* **Abbreviations are case-sensitive.** An all-capitals term word ("ЗА", "ZA", "ТЭС") only
  matches capitals (with a lower-case ending: "РАБАШа"), because "за" is a preposition.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

from rapidfuzz import fuzz

from workbench.glossary.inflection import Morphology, Paradigm, morphology_for
from workbench.glossary.normalize import (
    Token,
    base_len_to_surface,
    fold_accents,
    is_all_caps,
    norm,
    strip_term_punctuation,
    tail,
    tokenize,
)
from workbench.glossary.termbase import Term, Termbase, TermStatus, base_lang

__all__ = ["MatchKind", "TermMatch", "TermMatcher", "WordMatch", "suggest", "suggestions"]


class MatchKind(StrEnum):
    """Whether an occurrence is acceptable and, if not, what is wrong with it."""

    OK = "ok"
    FORBIDDEN = "forbidden"
    WRONG_INFLECTION = "wrong_inflection"
    LOCAL_PLURAL = "local_plural"


@dataclass(frozen=True, slots=True)
class WordMatch:
    """One word of an occurrence: where it is, the ending it carries and whether it may."""

    start: int
    end: int
    surface: str
    ending: str
    inflected: bool
    fixed: bool
    term_word: str = ""


@dataclass(frozen=True)
class TermMatch:
    """An occurrence of a term in a text.

    ``surface`` is always ``text[start:end]``. ``words`` keep each word's ending so a
    replacement can keep the inflection (``suggest``). ``rendering`` names the term this
    occurrence counts as when renderings are compared across a corpus (an allowed variant
    that is only an inflected form of the preferred term counts as the preferred term).
    ``expected`` is the term to use instead, when the matcher knows it better than "the
    preferred term" (the Hebrew plural for a local plural, also when that plural is only
    listed in ``forms``: "келимах" → "келим").
    """

    concept_id: str
    term: Term
    kind: MatchKind
    start: int
    end: int
    surface: str
    words: tuple[WordMatch, ...]
    case_mismatch: bool = False
    accent_mismatch: bool = False
    separator_mismatch: bool = False
    compound: bool = False
    rendering: str = ""
    expected: Term | None = None

    @property
    def status(self) -> TermStatus:
        return self.term.status

    @property
    def endings(self) -> tuple[str, ...]:
        """The ending of every word as written ("" where the word is in citation form)."""
        return tuple(w.ending if w.inflected else "" for w in self.words)

    @property
    def inflection_suffix(self) -> str:
        """The ending of the last inflected word: what a replacement must carry over."""
        return next((e for e in reversed(self.endings) if e), "")


# ---------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Slot:
    """A term word as the matcher knows it; shared by every term that has the same word."""

    id: int
    word: str
    norm: str
    paradigms: tuple[Paradigm, ...]
    cased: tuple[str, ...]
    fixed: bool
    acronym: bool
    case_sensitive: bool
    accent_insensitive: bool


@dataclass(slots=True, eq=False)
class _Entry:
    concept_id: str
    term: Term
    kind: MatchKind
    slots: tuple[_Slot, ...]
    seps: tuple[str, ...]
    priority: int
    order: int
    rendering: str = ""
    expected: Term | None = None


@dataclass(slots=True)
class _Hit:
    ending: str
    inflected: bool
    accent_diff: bool
    case_plain: int
    case_initial: int


_PRIORITY = {TermStatus.PREFERRED: 0, TermStatus.ALLOWED: 1, TermStatus.FORBIDDEN: 2}
_GENERATED_PRIORITY = 3
# A spelling difference (space/hyphen, case or accent the term does not allow) outweighs
# any number of endings: "Зеир-Анпина" is the forbidden "Зеир-Анпин" declined, not the
# allowed "Зеир Анпина" with a hyphen.
_SPELLING = 1000
_CACHE_LIMIT = 400_000


def _as_term(term: Term, text: str) -> Term:
    """A form of ``term`` (a Hebrew plural listed in ``forms``) as a term of its own, so it
    can be suggested: "келимах" → "келим", not the singular "кли"."""
    return replace(term, text=text, forms=(), fixed_words=())


def _letters_case(text: str) -> list[bool]:
    return [ch.isupper() for ch in text if ch.isalpha() and ch.lower() != ch.upper()]


def _cased_stem(stem: str, word: str, word_norm: str) -> str:
    """``stem`` (norm form) with the letter case of the term word it came from."""
    if len(word) != len(word_norm):
        return stem
    return "".join(
        ch.upper() if i < len(word) and word[i].isupper() else ch for i, ch in enumerate(stem)
    )


def _case_distance(surface_stem: str, cased: str, initial: bool, shouting: bool) -> int:
    """0 when the occurrence is written in the term's case (or all in capitals), else 1."""
    got = _letters_case(surface_stem)
    want = _letters_case(cased)
    if got == want:
        return 0
    if shouting:
        return 0
    if initial and got and want and got[0] and not want[0] and got[1:] == want[1:]:
        return 0
    return 1


class TermMatcher:
    """All terms of one language of a termbase, ready to be found in sentences."""

    def __init__(self, termbase: Termbase, lang: str) -> None:
        self.termbase = termbase
        self.lang = lang
        self.morph: Morphology = morphology_for(lang)
        self._slots: dict[tuple[object, ...], _Slot] = {}
        self._by_stem: dict[str, list[tuple[_Slot, Paradigm, int]]] = {}
        self._starts: dict[int, list[_Entry]] = {}
        self._compound_index: dict[str, list[_Slot]] = {}
        self._ambiguous: dict[tuple[str, str], Term] = {}
        self._entries: list[_Entry] = []
        self._cache: dict[str, dict[int, _Hit] | None] = {}
        self._compound_cache: dict[str, tuple[int, dict[int, _Hit]] | None] = {}
        self.fixed_words: frozenset[str] = frozenset()
        self._recent: list[tuple[str, list[Token], list[tuple]]] = []  # type: ignore[type-arg]
        self._build()

    # -- building --------------------------------------------------------------------------

    def _terms(self) -> list[tuple[str, Term]]:
        pairs = self.termbase.terms(self.lang)
        if not pairs:
            # "pt" finds a termbase written for "pt-BR" when that is all there is.
            wanted = base_lang(self.lang)
            pairs = [
                (concept.id, term)
                for concept in self.termbase
                for term in concept.terms
                if base_lang(term.lang) == wanted
            ]
        return pairs

    def _build(self) -> None:
        pairs = self._terms()
        # Words that are, on their own, indeclinable terms stay fixed inside longer terms.
        fixed: set[str] = set()
        for _cid, term in pairs:
            if term.status == TermStatus.FORBIDDEN:
                continue
            words = self._words(term.text)
            if len(words) == 1 and (
                term.indeclinable or norm(words[0][0]) in {norm(w) for w in term.fixed_words}
            ):
                fixed.add(norm(words[0][0]))
        by_concept: dict[str, list[Term]] = {}
        for cid, term in pairs:
            by_concept.setdefault(cid, []).append(term)
        plural_words: dict[str, set[str]] = {}
        for cid, terms in by_concept.items():
            plural_words[cid] = self._hebrew_plurals(terms)
        self.fixed_words = frozenset(fixed)

        for cid, terms in by_concept.items():
            hebrew = plural_words[cid]
            plural_term = self._plural_term(terms, hebrew)
            for term in terms:
                ok = term.status != TermStatus.FORBIDDEN
                kind = MatchKind.OK if ok else MatchKind.FORBIDDEN
                self._add_entry(cid, term, term.text, kind, fixed_words=fixed | hebrew, exact=False)
                for form in term.forms:
                    if ok and norm(form) in hebrew:
                        # A Hebrew plural listed as a form ("келим" of "кли") never declines,
                        # like one listed as a term: an ending on it is a wrong inflection.
                        self._add_entry(
                            cid,
                            term,
                            form,
                            kind,
                            fixed_words=hebrew,
                            exact=False,
                            expected=_as_term(term, form),
                        )
                    else:
                        self._add_entry(cid, term, form, kind, fixed_words=set(), exact=True)
            self._add_local_plurals(cid, terms, hebrew, plural_term)
            self._add_ambiguous_plurals(cid, terms, hebrew, plural_term)
        self._index_compounds()
        self._assign_renderings(by_concept)

    @staticmethod
    @lru_cache(maxsize=100_000)
    def _words(text: str) -> list[tuple[str, str]]:
        """``(word, separator before it)`` for the words of a term's text."""
        return [(t.surface, t.sep) for t in tokenize(strip_term_punctuation(text))]

    def _single_words(self, terms: list[Term]) -> list[tuple[Term, str]]:
        """``(term, word)`` for every one-word preferred or allowed term and one-word form.

        Forms count: a Hebrew plural or a singular listed only in ``forms`` ("келим" of
        "кли", "Partzufim" of "Partzuf", "сфира" of "сфирот") is as much a word of the
        concept as one listed as a variant.
        """
        out: list[tuple[Term, str]] = []
        for term in terms:
            if term.status == TermStatus.FORBIDDEN:
                continue
            for text in (term.text, *term.forms):
                words = self._words(text)
                if len(words) == 1:
                    out.append((term, words[0][0]))
        return out

    def _hebrew_plurals(self, terms: list[Term]) -> set[str]:
        """Norm forms of the concept's Hebrew plurals that have a singular beside them."""
        singles = list(dict.fromkeys(norm(word) for _term, word in self._single_words(terms)))
        found = set()
        for word in singles:
            if self.morph.is_hebrew_plural(word) and any(
                other != word
                and fold_accents(other[:1]) == fold_accents(word[:1])
                and len(other) <= len(word) + 1
                and not self.morph.is_hebrew_plural(other)
                for other in singles
            ):
                found.add(word)
        return found

    def _slot(
        self,
        word: str,
        *,
        fixed: bool,
        exact: bool,
        case_sensitive: bool,
        accent_insensitive: bool,
    ) -> _Slot:
        key = (word, fixed, exact, case_sensitive, accent_insensitive)
        slot = self._slots.get(key)
        if slot is not None:
            return slot
        word_norm = norm(word)
        acronym = is_all_caps(word)
        if exact:
            paradigms: list[Paradigm] = [Paradigm(word_norm, "", frozenset({""}))]
        else:
            capitalised = word[:1].isupper()
            paradigms = self.morph.paradigms(word_norm, acronym=acronym, capitalised=capitalised)
        slot = _Slot(
            id=len(self._slots),
            word=word,
            norm=word_norm,
            paradigms=tuple(paradigms),
            cased=tuple(_cased_stem(p.stem, word, word_norm) for p in paradigms),
            fixed=fixed,
            acronym=acronym,
            case_sensitive=case_sensitive or acronym,
            accent_insensitive=accent_insensitive,
        )
        self._slots[key] = slot
        for index, paradigm in enumerate(paradigms):
            self._by_stem.setdefault(fold_accents(paradigm.stem), []).append(
                (slot, paradigm, index)
            )
        return slot

    def _add_entry(
        self,
        concept_id: str,
        term: Term,
        text: str,
        kind: MatchKind,
        *,
        fixed_words: set[str],
        exact: bool,
        expected: Term | None = None,
    ) -> None:
        words = self._words(text)
        if not words:
            return
        ok = kind == MatchKind.OK
        own_fixed = {norm(w) for w in term.fixed_words}
        slots = tuple(
            self._slot(
                word,
                fixed=ok and (term.indeclinable or norm(word) in fixed_words | own_fixed),
                exact=exact,
                case_sensitive=term.case_sensitive,
                accent_insensitive=term.accent_insensitive or kind == MatchKind.LOCAL_PLURAL,
            )
            for word, _sep in words
        )
        priority = (
            _PRIORITY[term.status]
            if kind in (MatchKind.OK, MatchKind.FORBIDDEN)
            else (_GENERATED_PRIORITY)
        )
        entry = _Entry(
            concept_id=concept_id,
            term=term,
            kind=kind,
            slots=slots,
            seps=tuple(sep for _word, sep in words[1:]),
            priority=priority,
            order=len(self._entries),
            expected=expected,
        )
        self._entries.append(entry)
        self._starts.setdefault(slots[0].id, []).append(entry)

    def _plural_term(self, terms: list[Term], hebrew: set[str]) -> Term | None:
        """The concept's Hebrew plural as a term, to suggest in place of a local plural."""
        if not hebrew:
            return None
        for term in sorted(terms, key=lambda t: _PRIORITY[t.status]):
            if term.status != TermStatus.FORBIDDEN and norm(term.text) in hebrew:
                return term
        for term, word in self._single_words(terms):
            if norm(word) in hebrew:
                return _as_term(term, word)
        return None

    def _add_local_plurals(
        self, concept_id: str, terms: list[Term], hebrew: set[str], plural_term: Term | None
    ) -> None:
        """Local plurals of a concept with a Hebrew plural: "Kelims", "парцуфимах", "сфирами".

        Built from every one-word term and form of the concept that is its Hebrew plural or
        looks like its singular (same first letter, not longer than the plural plus one) and
        is not just a case form of the preferred term ("парцуфом" of "парцуф").
        """
        if not hebrew:
            return
        singles = self._single_words(terms)
        accepted = {norm(word) for _term, word in singles}
        accepted |= {norm(t.text) for t in terms if t.status != TermStatus.FORBIDDEN}
        lemmas = [
            words[0][0]
            for t in terms
            if t.status == TermStatus.PREFERRED and len(words := self._words(t.text)) == 1
        ]
        seen: set[str] = set()
        for term, word in singles:
            word_norm = norm(word)
            if word_norm not in hebrew and (
                not any(
                    fold_accents(word_norm[:1]) == fold_accents(h[:1])
                    and len(word_norm) <= len(h) + 1
                    for h in hebrew
                )
                or self._inflects(word_norm, [w for w in lemmas if norm(w) != word_norm])
            ):
                continue
            for form in self.morph.local_plurals(word_norm):
                if form in accepted or form in seen:
                    continue
                seen.add(form)
                text = (
                    word[: len(word_norm)] + form[len(word_norm) :]
                    if (form.startswith(word_norm) and len(word) == len(word_norm))
                    else form
                )
                self._add_entry(
                    concept_id,
                    term,
                    text,
                    MatchKind.LOCAL_PLURAL,
                    fixed_words=set(),
                    exact=True,
                    expected=plural_term,
                )

    def _add_ambiguous_plurals(
        self, concept_id: str, terms: list[Term], hebrew: set[str], plural_term: Term | None
    ) -> None:
        """Remember accepted singular forms that read as a local plural too.

        "сфиры" is the genitive singular of "сфира" (right) and its Russian nominative
        plural (wrong: the plural is "сфирот"). ``find`` decides by the word before it.
        """
        if not hebrew or plural_term is None:
            return
        singles = self._single_words(terms)
        accepted = {norm(word) for _term, word in singles}
        for _term, word in singles:
            word_norm = norm(word)
            if word_norm in hebrew:
                continue
            for form in self.morph.ambiguous_plurals(word_norm):
                if form in accepted:
                    self._ambiguous[(concept_id, form)] = plural_term

    def _index_compounds(self) -> None:
        """Register the one-word terms that may be the first element of a solid compound.

        German only (``Morphology.compounds``), and only a term's own spelling: preferred
        and allowed terms, their forms, and forbidden variants that are a spelling of their
        own ("Zohar" for "Sohar": "Zoharstudium"). A forbidden variant that is an accepted
        term plus an ending ("Klis" = "Kli" + "s", "Parzufs", "Sefiras") and a generated
        local plural are not: a compound is built on the stem, and such letters at the
        start of a longer word are far more often an ordinary word ("Klischee", "Klistier").
        A whole word or a hyphenated element is still read ("die Klis", "Klis-Lehre").
        """
        if not self.morph.compounds:
            return
        accepted: dict[str, list[str]] = {}
        for entry in self._entries:
            if entry.kind == MatchKind.OK and len(entry.slots) == 1:
                accepted.setdefault(entry.concept_id, []).append(entry.slots[0].word)
        for entry in self._entries:
            if len(entry.slots) != 1 or entry.kind not in (MatchKind.OK, MatchKind.FORBIDDEN):
                continue
            slot = entry.slots[0]
            if len(slot.norm) < 4 or not slot.word[:1].isupper() or slot.acronym:
                continue
            if entry.kind == MatchKind.FORBIDDEN and self._inflects(
                slot.norm, accepted.get(entry.concept_id, ())
            ):
                continue
            listed = self._compound_index.setdefault(fold_accents(slot.norm), [])
            if slot not in listed:
                listed.append(slot)

    def _inflects(self, word: str, bases: Sequence[str]) -> bool:
        """Whether ``word`` (norm form) is one of the term words ``bases`` with an ending."""
        for base in bases:
            paradigms = self.morph.paradigms(
                norm(base), acronym=is_all_caps(base), capitalised=base[:1].isupper()
            )
            for stem, ending in self.morph.splits(word):
                for paradigm in paradigms:
                    if (
                        ending != paradigm.citation
                        and fold_accents(stem) == fold_accents(paradigm.stem)
                        and (paradigm.endings is None or ending in paradigm.endings)
                    ):
                        return True
        return False

    def _assign_renderings(self, by_concept: dict[str, list[Term]]) -> None:
        """Group allowed variants that are only inflected or re-cased forms of another term."""
        rendering: dict[tuple[str, str], str] = {}
        for cid, terms in by_concept.items():
            ordered = sorted(
                (t for t in terms if t.status != TermStatus.FORBIDDEN),
                key=lambda t: _PRIORITY[t.status],
            )
            for index, term in enumerate(ordered):
                group = term.text
                earlier = {t.text for t in ordered[:index]}
                if earlier:
                    for cand in self._candidates(
                        strip_term_punctuation(term.text),
                        tokenize(strip_term_punctuation(term.text)),
                    ):
                        entry = cand[6]
                        if (
                            entry.concept_id == cid
                            and entry.kind == MatchKind.OK
                            and entry.term.text in earlier
                            and cand[0] == len(tokenize(strip_term_punctuation(term.text)))
                            and not cand[8]
                            and not cand[9]
                        ):
                            group = rendering.get((cid, entry.term.text), entry.term.text)
                            break
                rendering[(cid, term.text)] = group
        for entry in self._entries:
            if entry.kind != MatchKind.FORBIDDEN:
                entry.rendering = rendering.get(
                    (entry.concept_id, entry.term.text), entry.term.text
                )
            else:
                entry.rendering = entry.term.text

    # -- analysing tokens ------------------------------------------------------------------

    def _analyse(self, surface: str) -> dict[int, _Hit] | None:
        cached = self._cache.get(surface, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        hits: dict[int, _Hit] = {}
        token = norm(surface)
        for stem, ending in self.morph.splits(token):
            found = self._by_stem.get(fold_accents(stem))
            if not found:
                continue
            for slot, paradigm, index in found:
                if paradigm.endings is not None and ending not in paradigm.endings:
                    continue
                hit = self._hit(surface, stem, ending, slot, paradigm, slot.cased[index])
                if hit is None:
                    continue
                old = hits.get(slot.id)
                if old is None or (hit.inflected, hit.accent_diff) < (
                    old.inflected,
                    old.accent_diff,
                ):
                    hits[slot.id] = hit
        result = hits or None
        if len(self._cache) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache[surface] = result
        return result

    @staticmethod
    def _hit(
        surface: str, stem: str, ending: str, slot: _Slot, paradigm: Paradigm, cased: str
    ) -> _Hit | None:
        written_ending = tail(surface, len(ending))
        surface_stem = surface[: len(surface) - len(written_ending)]
        shouting = is_all_caps(surface)
        plain = _case_distance(surface_stem, cased, False, shouting)
        initial = _case_distance(surface_stem, cased, True, shouting)
        if slot.acronym and initial:
            return None  # "за" is not "ЗА"
        return _Hit(
            ending=written_ending,
            inflected=ending != paradigm.citation,
            accent_diff=stem != paradigm.stem,
            case_plain=plain,
            case_initial=initial,
        )

    def _compound(self, surface: str) -> tuple[int, dict[int, _Hit]] | None:
        """The longest term that is the first element of a German solid compound."""
        cached = self._compound_cache.get(surface, False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        result = None
        if surface[:1].isupper() and len(surface) >= 7:
            token = norm(surface)
            if len(token) == len(surface):
                for size in range(len(token) - 3, 3, -1):
                    slots = self._compound_index.get(fold_accents(token[:size]))
                    if not slots:
                        continue
                    hits = {}
                    for slot in slots:
                        hit = self._hit(
                            surface[:size], token[:size], "", slot, slot.paradigms[0], slot.cased[0]
                        )
                        if hit is not None and slot.paradigms[0].citation == "":
                            hits[slot.id] = hit
                    if hits:
                        result = (size, hits)
                        break
        if len(self._compound_cache) > _CACHE_LIMIT:
            self._compound_cache.clear()
        self._compound_cache[surface] = result
        return result

    # -- matching --------------------------------------------------------------------------

    def _candidates(self, text: str, tokens: list[Token]) -> list[tuple]:  # type: ignore[type-arg]
        """Every way a term covers a stretch of ``tokens``, as sortable tuples.

        Tuple: (ntokens, distance, tie, priority, start, order, entry, hits, case_mismatch,
        accent_mismatch, separator_mismatch, compound_size).
        """
        hits = [self._analyse(t.surface) for t in tokens]
        out: list[tuple] = []  # type: ignore[type-arg]
        count = len(tokens)
        for i, first in enumerate(hits):
            compound_size = 0
            if first is None:
                if not self._compound_index:
                    continue
                compound = self._compound(tokens[i].surface)
                if compound is None:
                    continue
                compound_size, first = compound
            for slot_id in first:
                for entry in self._starts.get(slot_id, ()):
                    size = len(entry.slots)
                    if i + size > count or (compound_size and size > 1):
                        continue
                    found = self._extend(entry, i, tokens, hits, first)
                    if found is not None:
                        distance, tie, case_mis, accent_mis, sep_mis, word_hits = found
                        out.append(
                            (
                                size,
                                distance,
                                tie,
                                entry.priority,
                                i,
                                entry.order,
                                entry,
                                word_hits,
                                case_mis,
                                accent_mis,
                                sep_mis,
                                compound_size,
                            )
                        )
        return out

    @staticmethod
    def _extend(
        entry: _Entry,
        i: int,
        tokens: list[Token],
        hits: list[dict[int, _Hit] | None],
        first: dict[int, _Hit],
    ) -> tuple[int, int, bool, bool, bool, list[_Hit]] | None:
        distance = 0
        tie = 0
        case_mis = accent_mis = sep_mis = False
        word_hits: list[_Hit] = []
        for j, slot in enumerate(entry.slots):
            token = tokens[i + j]
            if j == 0:
                hit = first.get(slot.id)
            else:
                found = hits[i + j]
                hit = found.get(slot.id) if found else None
                want = entry.seps[j - 1]
                got = token.sep
                if got != want:
                    if got in (" ", "-") and want in (" ", "-"):
                        sep_mis = True
                        distance += _SPELLING
                    elif got == " ":
                        sep_mis = True  # "свет возвращающий" for "свет, возвращающий"
                        distance += _SPELLING
                    else:
                        return None
            if hit is None:
                return None
            case = hit.case_initial if (j == 0 and token.initial) else hit.case_plain
            if hit.inflected:
                distance += 1
            if case:
                tie += 1
                if slot.case_sensitive:
                    case_mis = True
                    distance += _SPELLING
            if hit.accent_diff:
                tie += 1
                if not slot.accent_insensitive:
                    accent_mis = True
                    distance += _SPELLING
            word_hits.append(hit)
        return distance, tie, case_mis, accent_mis, sep_mis, word_hits

    def _to_match(self, cand: tuple, tokens: list[Token], text: str) -> TermMatch:  # type: ignore[type-arg]
        size, _d, _t, _p, i, _o, entry, word_hits, case_mis, accent_mis, sep_mis, compound = cand
        words = []
        kind = entry.kind
        for j in range(size):
            token = tokens[i + j]
            hit = word_hits[j]
            slot = entry.slots[j]
            end = token.end
            surface = token.surface
            if compound:
                cut = base_len_to_surface(surface, compound)
                end = token.start + cut
                surface = surface[:cut]
            words.append(
                WordMatch(
                    start=token.start,
                    end=end,
                    surface=surface,
                    ending=hit.ending,
                    inflected=hit.inflected,
                    fixed=slot.fixed,
                    term_word=slot.word,
                )
            )
            if kind == MatchKind.OK and slot.fixed and hit.inflected:
                kind = MatchKind.WRONG_INFLECTION
        start, end = words[0].start, words[-1].end
        return TermMatch(
            concept_id=entry.concept_id,
            term=entry.term,
            kind=kind,
            start=start,
            end=end,
            surface=text[start:end],
            words=tuple(words),
            case_mismatch=case_mis,
            accent_mismatch=accent_mis,
            separator_mismatch=sep_mis,
            compound=bool(compound),
            rendering=entry.rendering,
            expected=entry.expected,
        )

    def _prepare(self, text: str) -> tuple[list[Token], list[tuple]]:  # type: ignore[type-arg]
        """Tokens and candidates of ``text``; the last few texts are remembered because the
        checks ask ``find`` and ``find_all`` of the same line one after the other."""
        for cached_text, tokens, candidates in self._recent:
            if cached_text == text:
                return tokens, candidates
        tokens = tokenize(text)
        candidates = self._candidates(text, tokens) if tokens else []
        self._recent.insert(0, (text, tokens, candidates))
        del self._recent[4:]
        return tokens, candidates

    def find(self, text: str) -> list[TermMatch]:
        """The terms in ``text``: non-overlapping, in text order, the closest reading each."""
        tokens, candidates = self._prepare(text)
        if not candidates:
            return []
        # A reading that needs a case or accent the term does not have yields to a clean
        # one even if longer: "the creator" is the forbidden "creator", not a mis-cased
        # "the Creator".
        candidates = sorted(
            candidates, key=lambda c: (c[8] or c[9], -c[0], c[1], c[2], c[3], c[4], c[5])
        )
        taken = [False] * len(tokens)
        chosen = []
        for cand in candidates:
            size, i = cand[0], cand[4]
            if any(taken[i : i + size]):
                continue
            for k in range(i, i + size):
                taken[k] = True
            chosen.append(cand)
        chosen.sort(key=lambda c: c[4])
        matches = [self._to_match(c, tokens, text) for c in chosen]
        if self._ambiguous:
            self._mark_plural_agreement(chosen, matches, tokens)
        plurals = {
            (c[4], c[0], c[6].concept_id): c[6].expected
            for c in candidates
            if c[6].kind == MatchKind.LOCAL_PLURAL and c[1] == 0
        }
        if plurals:
            # A listed forbidden "Kelims" is also a local plural: suggest the Hebrew plural.
            for index, (cand, match) in enumerate(zip(chosen, matches, strict=True)):
                expected = plurals.get((cand[4], cand[0], match.concept_id))
                if match.kind == MatchKind.FORBIDDEN and expected is not None:
                    matches[index] = replace(match, expected=expected)
        return matches

    def _mark_plural_agreement(
        self,
        chosen: list[tuple],  # type: ignore[type-arg]
        matches: list[TermMatch],
        tokens: list[Token],
    ) -> None:
        """Report an ambiguous singular form as a local plural where a plural word agrees.

        "сфиры" is right as a genitive singular ("свет сфиры") and wrong as a plural: right
        after a plural determiner or adjective ("все сфиры", "высшие сфиры") it is the
        plural, and the Hebrew plural is expected. Elsewhere it stays accepted.
        """
        for index, (cand, match) in enumerate(zip(chosen, matches, strict=True)):
            if match.kind != MatchKind.OK or len(match.words) != 1:
                continue
            expected = self._ambiguous.get((match.concept_id, norm(match.surface)))
            i = cand[4]
            if (
                expected is not None
                and i > 0
                and tokens[i].sep == " "
                and self.morph.agrees_plural(norm(tokens[i - 1].surface))
            ):
                matches[index] = replace(match, kind=MatchKind.LOCAL_PLURAL, expected=expected)

    def find_all(self, text: str) -> list[TermMatch]:
        """Every term reading of ``text``, overlapping ones included (best per concept+span).

        ``find`` answers "which term is written here"; this answers "which concepts does
        this text render at all": "Малхут мира Бесконечности" renders Malchut too, even
        though the longer allowed term wins in ``find``.
        """
        tokens, candidates = self._prepare(text)
        candidates = sorted(candidates, key=lambda c: (c[4], -c[0], c[1], c[2], c[3], c[5]))
        seen: set[tuple[str, int, int]] = set()
        out = []
        for cand in candidates:
            key = (cand[6].concept_id, cand[4], cand[0])
            if key in seen:
                continue
            seen.add(key)
            out.append(self._to_match(cand, tokens, text))
        return out

    def suggest(self, match: TermMatch, preferred: Term | None = None) -> str:
        """The replacement for ``match``: ``preferred`` (default: what should stand there),
        inflected like the occurrence and written in its case pattern.

        Of the ways to carry the occurrence's endings over (every word, the last word only,
        none) the first that this matcher reads as a correct form of the concept is taken,
        so "Зеира Анпина" (a listed forbidden form) becomes "Зеир Анпина", not itself.
        """
        if preferred is None:
            preferred = self.replacement_term(match)
        concept = self.termbase.get(match.concept_id)
        related = concept.terms_for(match.term.lang) if concept is not None else ()
        options = suggestions(match, preferred, fixed_words=self.fixed_words, related=related)
        for option in options:
            if option == match.surface:
                continue
            found = self.find(option)
            if (
                len(found) == 1
                and found[0].concept_id == match.concept_id
                and found[0].kind == MatchKind.OK
                and not found[0].case_mismatch
                and (found[0].start, found[0].end) == (0, len(option))
            ):
                return option
        return next((o for o in options if o != match.surface), options[-1])

    def replacement_term(self, match: TermMatch) -> Term:
        """The term that should stand where ``match`` is.

        A local plural gets the Hebrew plural, a wrong inflection its own term in citation
        form (a Hebrew plural listed as a form: that form, "келиму" → "келим"). A
        forbidden variant gets the preferred term, unless an allowed term is
        clearly closer in spelling: "Zohar" in German becomes "Sohar" rather than
        "Buch Sohar", and inside a compound ("Zoharstudium") only a one-word term fits.
        """
        if match.expected is not None and match.kind in (
            MatchKind.LOCAL_PLURAL,
            MatchKind.FORBIDDEN,
            MatchKind.WRONG_INFLECTION,
        ):
            return match.expected
        concept = self.termbase.get(match.concept_id)
        if concept is None:
            return match.term
        if match.kind == MatchKind.WRONG_INFLECTION:
            # The term in citation form: "Зеиром Анпином" matched the allowed inflected
            # variant "Зеир Анпином", which counts as (renders) "Зеир Анпин".
            return next(
                (t for t in concept.terms_for(match.term.lang) if t.text == match.rendering),
                match.term,
            )
        preferred = concept.preferred(match.term.lang)
        if match.kind == MatchKind.OK or preferred is None:
            return preferred if preferred is not None else match.term
        found = fold_accents(norm(match.surface))
        best, best_score = preferred, -1.0
        for term in concept.terms_for(match.term.lang):
            if term.status == TermStatus.FORBIDDEN:
                continue
            words = tokenize(strip_term_punctuation(term.text))
            if match.compound and len(words) != 1:
                continue
            score = fuzz.ratio(found, fold_accents(norm(strip_term_punctuation(term.text))))
            if term is preferred:
                score += 10.0
            if score > best_score:
                best, best_score = term, score
        return best


def _apply_case(out: str, word: WordMatch | None, keep_case: bool, ending_len: int) -> str:
    """Write ``out`` in the case pattern of the occurrence ``word``.

    Only what the occurrence changed against its own term is carried over: capitals
    everywhere ("ШЕХИНЫ"), capitals with a lower-case ending ("РАБАШа"), a capital first
    letter on a lower-case term (sentence start) or a lower-case first letter on a
    capitalised, case-insensitive term (lesson transcripts write "малхут").
    """
    if word is None or not out:
        return out
    model = word.term_word or word.surface
    written_ending = tail(word.surface, ending_len) if ending_len else ""
    stem = word.surface[: len(word.surface) - len(written_ending)]
    if not is_all_caps(model):
        if is_all_caps(word.surface):
            return out.upper()
        if is_all_caps(stem) and ending_len:
            return out[: len(out) - ending_len].upper() + out[len(out) - ending_len :].lower()
    first, model_first = word.surface[:1], model[:1]
    if first.isupper() and model_first.islower() and out[:1].islower():
        return out[:1].upper() + out[1:]
    if first.islower() and model_first.isupper() and not keep_case and not is_all_caps(out):
        return out[:1].lower() + out[1:]
    return out


def _read_against(word: WordMatch, target: str, morph: Morphology) -> tuple[str, str] | None:
    """``(stem, ending)``: ``word`` read as a form of the term word ``target``.

    The stem is ``target``'s stem in ``target``'s letter case, the ending as written in the
    occurrence: "Зеира" read against "Зеир" is ("Зеир", "а"), "творца" against "Творец" is
    ("Творц", "а") (fleeting vowel). None when the stems differ ("Шехины" is not a form of
    "Шхина").
    """
    target_norm = norm(target)
    paradigms = morph.paradigms(
        target_norm, acronym=is_all_caps(target), capitalised=target[:1].isupper()
    )
    for stem, ending in morph.splits(norm(word.surface)):
        for paradigm in paradigms:
            if fold_accents(stem) == fold_accents(paradigm.stem) and (
                paradigm.endings is None or ending in paradigm.endings
            ):
                written = tail(word.surface, len(ending)) if ending != paradigm.citation else ""
                return _cased_stem(paradigm.stem, target, target_norm), written
    return None


def _stem_for(target: str, ending: str, morph: Morphology) -> str | None:
    """The stem of the term word ``target`` that takes ``ending``, in ``target``'s case."""
    target_norm = norm(target)
    for paradigm in morph.paradigms(
        target_norm, acronym=is_all_caps(target), capitalised=target[:1].isupper()
    ):
        if paradigm.endings is None or norm(ending) in paradigm.endings:
            return _cased_stem(paradigm.stem, target, target_norm)
    return None


def suggestions(
    match: TermMatch,
    preferred: Term,
    *,
    fixed_words: frozenset[str] = frozenset(),
    related: Sequence[Term] = (),
) -> list[str]:
    """Candidate replacements, most inflection kept first: endings carried over on every
    word, on the last word only, on none.

    A word's ending is read against the preferred term's word in the same place, else
    against the same word of a ``related`` term (the concept's other terms): the listed
    forbidden form "Шехины" is "Шехина" + "ы", so "ШЕХИНЫ" becomes "ШХИНЫ". Fixed words
    (indeclinable, in ``fixed_words`` or the preferred term's own) take no ending.
    """
    morph = morphology_for(preferred.lang)
    stripped = strip_term_punctuation(preferred.text)
    pref_tokens = tokenize(stripped)
    if not pref_tokens:
        return [preferred.text]
    words = list(match.words)
    if len(words) == len(pref_tokens):
        pairs: list[WordMatch | None] = list(words)
    else:
        pairs = [None] * (len(pref_tokens) - 1) + [words[-1]]
    fixed = set(fixed_words) | {norm(w) for w in preferred.fixed_words}
    readings: list[tuple[str, str] | None] = []
    for token, word in zip(pref_tokens, pairs, strict=True):
        target = token.surface
        if (
            word is None
            or match.kind == MatchKind.LOCAL_PLURAL
            or preferred.indeclinable
            or norm(target) in fixed
        ):
            readings.append(None)
            continue
        reading = _read_against(word, target, morph)
        if reading is None or not reading[1]:
            ending = word.ending if word.inflected else ""
            if not ending:
                position = words.index(word)
                for other in related:
                    other_words = tokenize(strip_term_punctuation(other.text))
                    if len(other_words) == len(words):
                        found = _read_against(word, other_words[position].surface, morph)
                        if found and found[1]:
                            ending = found[1]
                            break
            stem = _stem_for(target, ending, morph) if ending else None
            if stem is not None:
                reading = (stem, ending)
        readings.append(reading if reading and reading[1] else None)
    last = len(pref_tokens) - 1
    plans = [
        readings,
        [r if i == last else None for i, r in enumerate(readings)],
        [None] * len(readings),
    ]
    out: list[str] = []
    for plan in plans:
        text = _build(stripped, pref_tokens, pairs, plan, preferred, words)
        if text not in out:
            out.append(text)
    return out


def _build(
    stripped: str,
    pref_tokens: list[Token],
    pairs: list[WordMatch | None],
    readings: list[tuple[str, str] | None],
    preferred: Term,
    words: list[WordMatch],
) -> str:
    out: list[str] = []
    last = 0
    for index, (token, word, reading) in enumerate(zip(pref_tokens, pairs, readings, strict=True)):
        out.append(stripped[last : token.start])
        last = token.end
        text = token.surface
        ending_len = 0
        if reading is not None:
            stem, ending = reading
            text = stem + ending
            ending_len = len(norm(ending))
        case_word = word if word is not None else (words[0] if index == 0 else None)
        out.append(_apply_case(text, case_word, preferred.case_sensitive, ending_len))
    out.append(stripped[last:])
    return "".join(out)


def suggest(match: TermMatch, preferred: Term, *, fixed_words: frozenset[str] = frozenset()) -> str:
    """``preferred`` inflected like ``match`` and written in its case pattern.

    "Зейр Анпина" → "Зеир Анпина", "Шехины" → "Шхины", "Baal Hasulam's" →
    "Baal HaSulam's", "ШЕХИНЫ" → "ШХИНЫ", "Малхуты" → "Малхут" (an indeclinable word, or
    one in ``fixed_words``, gets its citation form). The ending of each word of the
    occurrence is carried over to the word in the same position of the preferred term;
    when the two terms have a different number of words, only the last word's ending is.
    Without a matcher to check the result, the first candidate that differs from the
    occurrence is returned; ``TermMatcher.suggest`` also checks that it is a correct form.
    """
    options = suggestions(match, preferred, fixed_words=fixed_words)
    return next((o for o in options if o != match.surface), options[-1])
