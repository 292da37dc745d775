"""The termbase model and its validation."""

from __future__ import annotations

import pytest

from workbench.errors import InputError
from workbench.glossary import Concept, Term, Termbase, TermStatus

P, A, F = TermStatus.PREFERRED, TermStatus.ALLOWED, TermStatus.FORBIDDEN


def concept(cid: str, *terms: tuple[str, str, TermStatus], **kw: object) -> Concept:
    return Concept(id=cid, terms=tuple(Term(t, lang, s) for t, lang, s in terms), **kw)  # type: ignore[arg-type]


def test_lookups() -> None:
    tb = Termbase(
        [
            concept("bina", ("Bina", "en", P), ("Binah", "en", F), ("Бина", "ru", P)),
            concept("kli", ("Kli", "en", P), ("Kelim", "en", A), lang_notes={"en": "pl Kelim"}),
        ]
    )
    assert tb.languages() == ["en", "ru"]
    assert [c.id for c in tb.concepts_for("ru")] == ["bina"]
    assert [(cid, t.text) for cid, t in tb.terms("en", A)] == [("kli", "Kelim")]
    assert tb.concept("kli").note_for("en") == "pl Kelim"
    assert tb.concept("bina").preferred("ru") == Term("Бина", "ru", P)
    with pytest.raises(KeyError):
        tb.concept("nope")


@pytest.mark.parametrize(
    ("terms", "problem"),
    [
        ((("Bina", "en", A),), "no preferred term"),
        ((("Bina", "en", P), ("Bina", "en", F)), "listed both preferred and forbidden"),
        ((("Bina", "en", P), ("B", "en", A), ("B", "en", F)), "listed both allowed and forbidden"),
        ((("Bina", "en", P), ("Binah", "en", P)), "more than one preferred"),
        ((("Bina", "en", P), ("Binah", "en", F), ("Binah", "en", F)), "listed twice"),
        ((("", "en", P),), "no preferred term"),
        ((("Bi\nna", "en", P),), "control character"),
        ((("«»", "en", P),), "no letter or digit"),
    ],
)
def test_invalid_concepts_are_refused_naming_concept_and_language(
    terms: tuple[tuple[str, str, TermStatus], ...], problem: str
) -> None:
    with pytest.raises(InputError) as error:
        Termbase([concept("bina", *terms)])
    assert problem in str(error.value)
    assert "'bina'" in str(error.value)


def test_duplicate_concept_ids_are_refused() -> None:
    with pytest.raises(InputError, match="defined twice"):
        Termbase([concept("a", ("A", "en", P)), concept("a", ("B", "en", P))])


def test_fixed_word_must_be_a_word_of_the_term() -> None:
    good = Concept("z", terms=(Term("Книга Зоар", "ru", P, fixed_words=("Зоар",)),))
    Termbase([good])
    bad = Concept("z", terms=(Term("Книга Зоар", "ru", P, fixed_words=("Зохар",)),))
    with pytest.raises(InputError, match="not a word of"):
        Termbase([bad])
