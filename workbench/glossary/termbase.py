"""The termbase: concepts with their terms per language, and what makes a termbase valid.

A concept is the unit a translator thinks in ("Zeir Anpin"); per language it has exactly
one *preferred* term (the form to insert), any number of *allowed* terms (accepted silently:
abbreviations, calques, glosses) and *forbidden* terms (competing transliterations to flag in
this corpus). Each term carries its own morphology flags because Russian mixes indeclinable
Hebrew words ("Малхут") with declined ones ("Бина") and calques ("отраженный свет").

Every reader (CSV, TBX) builds the same objects, so the matcher and the checks never know
which file a glossary came from. Validation lives here so that every reader reports the same
problems in the same words; readers add the file and line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.errors import InputError
from workbench.glossary.normalize import TOKEN_RE, norm, tokenize

__all__ = [
    "Concept",
    "Term",
    "TermStatus",
    "Termbase",
    "base_lang",
    "concept_problems",
    "row_problems",
    "term_text_problem",
    "text_field_problem",
]


class TermStatus(StrEnum):
    """How a term may be used in its language (TBX administrative status)."""

    PREFERRED = "preferred"
    ALLOWED = "allowed"
    FORBIDDEN = "forbidden"


def base_lang(lang: str) -> str:
    """``"pt-BR"`` → ``"pt"``: morphology depends on the language, not the region."""
    return lang.replace("_", "-").split("-", 1)[0].lower()


@dataclass(frozen=True)
class Term:
    """One written form of a concept in one language, with how it may inflect.

    ``indeclinable`` terms match only their exact text and the listed ``forms``; any other
    inflected form is reported as a wrong inflection. ``case_sensitive`` terms report a case
    difference ("творец" for "Творец"); the default ignores case, because lesson transcripts
    write "малхут" where posts write "Малхут". ``accent_insensitive`` terms accept an accent
    difference silently ("Lishma" for "Lishmá"); by default it is reported.
    ``fixed_words`` names words of a multi-word term that never decline while the others do:
    in "Книга Зоар" only "Книга" declines, so ``fixed_words=("Зоар",)``.
    """

    text: str
    lang: str
    status: TermStatus
    part_of_speech: str = ""
    indeclinable: bool = False
    case_sensitive: bool = False
    accent_insensitive: bool = False
    forms: tuple[str, ...] = ()
    note: str = ""
    fixed_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """A concept with its terms in every language and notes per language."""

    id: str
    definition: str = ""
    subject: str = ""
    note: str = ""
    terms: tuple[Term, ...] = ()
    lang_notes: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Own copies, so a caller's later edits cannot change a validated concept; a plain
        # dict (not a read-only proxy) so termbases pickle for caches and worker processes.
        object.__setattr__(self, "terms", tuple(self.terms))
        object.__setattr__(self, "lang_notes", dict(self.lang_notes))

    def languages(self) -> list[str]:
        """Languages the concept has terms in, in the order they first appear."""
        return list(dict.fromkeys(term.lang for term in self.terms))

    def terms_for(self, lang: str, status: TermStatus | None = None) -> tuple[Term, ...]:
        return tuple(
            t for t in self.terms if t.lang == lang and (status is None or t.status == status)
        )

    def preferred(self, lang: str) -> Term | None:
        return next(iter(self.terms_for(lang, TermStatus.PREFERRED)), None)

    def note_for(self, lang: str) -> str:
        return self.lang_notes.get(lang, "")


def term_text_problem(text: str) -> str | None:
    """Why ``text`` cannot be a term, or None.

    A term is one line of text with at least one letter or digit (else it can never be
    found), without surrounding spaces and without control characters: tabs and line breaks
    cannot travel through the OmegaT export or a spreadsheet cell reliably.
    """
    if not text or not text.strip():
        return "empty term"
    if text != text.strip():
        return f"term {text!r} has spaces around it"
    for ch in text:
        if unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in "\ufffe\uffff":
            return f"term {text!r} contains the control character U+{ord(ch):04X}"
    if not TOKEN_RE.search(text):
        return f"term {text!r} has no letter or digit, so it can never be found"
    return None


def text_field_problem(value: str, what: str) -> str | None:
    """Why ``value`` cannot be a note, definition, subject or part of speech, or None.

    Line breaks and tabs are fine there; other control characters are not, because XML
    (TBX) cannot carry them and they are never meant.
    """
    for ch in value:
        if ch in "\t\n":
            continue
        if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff":
            return f"the {what} contains the control character U+{ord(ch):04X}"
    return None


def row_problems(
    concept_id: str,
    lang: str,
    preferred: str,
    allowed: Iterable[str],
    forbidden: Iterable[str],
) -> list[str]:
    """Problems of one concept+language entry, in the words every reader uses."""
    where = f"concept {concept_id!r}, language {lang!r}"
    problems: list[str] = []
    bad_id = not concept_id or concept_id != concept_id.strip()
    if bad_id or text_field_problem(concept_id, "") or any(ch in "\t\n" for ch in concept_id):
        problems.append(f"bad concept id {concept_id!r}")
    if not lang or any(ch.isspace() for ch in lang) or text_field_problem(lang, ""):
        problems.append(f"{where}: bad language code")
    if not preferred:
        problems.append(f"{where}: no preferred term")
    allowed = list(allowed)
    forbidden = list(forbidden)
    for text in [preferred, *allowed, *forbidden]:
        if not text:
            continue
        problem = term_text_problem(text)
        if problem:
            problems.append(f"{where}: {problem}")
    accepted = {preferred, *allowed}
    for text in forbidden:
        if text in accepted:
            status = "preferred" if text == preferred else "allowed"
            problems.append(f"{where}: {text!r} is listed both {status} and forbidden")
    return problems


def concept_problems(concept: Concept) -> list[str]:
    """Problems of a whole concept: per language one preferred term, no contradictions."""
    problems: list[str] = []
    fields = [("definition", concept.definition), ("subject", concept.subject)]
    fields += [("note", concept.note)] + [("note", n) for n in concept.lang_notes.values()]
    fields += [("note", t.note) for t in concept.terms]
    fields += [("part of speech", t.part_of_speech) for t in concept.terms]
    for what, value in fields:
        problem = text_field_problem(value, what)
        if problem:
            problems.append(f"concept {concept.id!r}: {problem}")
    for term in concept.terms:
        words = {norm(t.surface) for t in tokenize(term.text)}
        for word in term.fixed_words:
            if norm(word) not in words:
                problems.append(
                    f"concept {concept.id!r}, language {term.lang!r}: fixed word {word!r} "
                    f"is not a word of {term.text!r}"
                )
        for form in term.forms:
            problem = term_text_problem(form)
            if problem:
                problems.append(f"concept {concept.id!r}, language {term.lang!r}: form: {problem}")
    for lang in concept.languages():
        preferred = concept.terms_for(lang, TermStatus.PREFERRED)
        where = f"concept {concept.id!r}, language {lang!r}"
        if len(preferred) > 1:
            texts = ", ".join(repr(t.text) for t in preferred)
            problems.append(f"{where}: more than one preferred term ({texts})")
        seen: dict[str, TermStatus] = {}
        for term in concept.terms_for(lang):
            if term.text in seen:
                if seen[term.text] == term.status:
                    problems.append(f"{where}: {term.text!r} is listed twice")
                continue
            seen[term.text] = term.status
        problems.extend(
            row_problems(
                concept.id,
                lang,
                preferred[0].text if preferred else "",
                [t.text for t in concept.terms_for(lang, TermStatus.ALLOWED)],
                [t.text for t in concept.terms_for(lang, TermStatus.FORBIDDEN)],
            )
        )
    return problems


class Termbase:
    """All concepts of a glossary, with the look-ups the matcher and the UI need.

    Construction validates every concept and raises ``InputError`` listing the problems, so
    an invalid termbase never reaches a check. ``warnings`` carries what a reader tolerated
    (a duplicated variant, a promoted preferred term) so the UI can show it.
    """

    def __init__(self, concepts: Iterable[Concept], *, warnings: Iterable[str] = ()) -> None:
        self._concepts: dict[str, Concept] = {}
        problems: list[str] = []
        for concept in concepts:
            if concept.id in self._concepts:
                problems.append(f"concept {concept.id!r} is defined twice")
                continue
            self._concepts[concept.id] = concept
            problems.extend(concept_problems(concept))
        if problems:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise InputError(problems[0] + more)
        self.warnings: tuple[str, ...] = tuple(warnings)

    def __len__(self) -> int:
        return len(self._concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self._concepts.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Termbase):
            return NotImplemented
        return list(self._concepts.values()) == list(other._concepts.values())

    __hash__ = None  # type: ignore[assignment]

    @property
    def concepts(self) -> tuple[Concept, ...]:
        return tuple(self._concepts.values())

    def concept(self, concept_id: str) -> Concept:
        """The concept with ``concept_id``; ``KeyError`` if there is none."""
        return self._concepts[concept_id]

    def get(self, concept_id: str) -> Concept | None:
        return self._concepts.get(concept_id)

    def languages(self) -> list[str]:
        """Every language any concept has terms in, sorted."""
        return sorted({t.lang for c in self._concepts.values() for t in c.terms})

    def concepts_for(self, lang: str) -> list[Concept]:
        """Concepts that have at least one term in ``lang``."""
        return [c for c in self._concepts.values() if any(t.lang == lang for t in c.terms)]

    def terms(self, lang: str, status: TermStatus | None = None) -> list[tuple[str, Term]]:
        """``(concept_id, term)`` for every term in ``lang`` (optionally of one status)."""
        return [
            (c.id, t)
            for c in self._concepts.values()
            for t in c.terms
            if t.lang == lang and (status is None or t.status == status)
        ]
