"""The project glossary (glossary/glossary.csv): its flags do what its notes say."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from workbench.checks import check_parallel, get_check
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.glossary import Termbase, TermMatcher

PROJECT_GLOSSARY = Path(__file__).resolve().parents[2] / "glossary" / "glossary.csv"
CHECKS = [get_check("forbidden-variant"), get_check("missing-term")]


@lru_cache(maxsize=1)
def project() -> Termbase:
    return read_glossary_csv(PROJECT_GLOSSARY.read_bytes(), PROJECT_GLOSSARY.name)


def kinds(src: str, tgt: str, tgt_lang: str = "ru") -> list[tuple[str, str | None, str | None]]:
    found = check_parallel(project(), "en", tgt_lang, [src], [tgt], checks=CHECKS)
    return [(f.kind, f.concept_id, f.suggestion) for f in found]


def test_first_words_that_never_decline_are_marked() -> None:
    assert project().concept("zeir_anpin").preferred("ru").fixed_words == ("Зеир",)
    assert project().concept("baal_hasulam").preferred("ru").fixed_words == ("Бааль",)


def test_translated_titles_of_shamati_are_case_sensitive() -> None:
    concept = project().concept("shamati")
    for lang in ("en", "es", "ru"):
        assert all(t.case_sensitive for t in concept.terms_for(lang)), lang


@pytest.mark.parametrize(
    ("src", "tgt", "expected"),
    [
        (
            "Malchut rises to Zeir Anpin.",
            "Малхут поднимается к Зеиру Анпину.",
            [("wrong_inflection", "zeir_anpin", "Зеир Анпину")],
        ),
        (
            "The students of Baal HaSulam gathered.",
            "Ученики Бааля Сулама собрались.",
            [("wrong_inflection", "baal_hasulam", "Бааль Сулама")],
        ),
        (
            "The light fills the Kelim.",
            "Свет наполняет келимы.",
            [("forbidden_variant", "kli", "келим")],
        ),
        (
            "The screen stands before the Kelim.",
            "Масах стоит перед келимами.",
            [("local_plural", "kli", "келим")],
        ),
        (
            "The light passes through the Partzufim.",
            "Свет проходит по парцуфимам.",
            [("local_plural", "partzuf", "парцуфим")],
        ),
        (
            "The light spreads in the Sefirot.",
            "Свет распространяется в сфирах.",
            [("local_plural", "sefira", "сфирот")],
        ),
        (
            "The lower Sefirot receive.",
            "Нижние сфирот получают, а высшие сфиры отдают.",
            [("local_plural", "sefira", "сфирот")],
        ),
    ],
)
def test_ru_errors_from_the_glossary_notes(src: str, tgt: str, expected: list) -> None:  # type: ignore[type-arg]
    assert kinds(src, tgt) == expected


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "concept", "expected"),
    [
        ("The Partzufim descend.", "Los Partzufims descienden.", "es", "partzuf", "Partzufim"),
        ("The Klipot hide the light.", "Las Klipots ocultan la luz.", "es", "klipa", "Klipot"),
        ("The Partzufim descend.", "Die Parzufims steigen ab.", "de", "partzuf", "Parzufim"),
    ],
)
def test_es_de_local_plural_of_hebrew_plurals(
    src: str, tgt: str, lang: str, concept: str, expected: str
) -> None:
    assert kinds(src, tgt, lang) == [("local_plural", concept, expected)]


def test_german_ordinary_word_is_not_a_forbidden_plural() -> None:
    assert kinds("The Kli is not a cliche.", "Das Kli ist kein Klischee, sagt er.", "de") == []


def test_correct_russian_forms_raise_nothing() -> None:
    src = "Zeir Anpin, Baal HaSulam, the Kelim, the Partzufim and one Sefira."
    tgt = "Зеир Анпином, Бааль Суламу, келим, парцуфим и свет одной сфиры."
    assert kinds(src, tgt) == []


def test_ordinary_english_phrases_require_nothing() -> None:
    matcher = TermMatcher(project(), "en")
    assert [m.case_mismatch for m in matcher.find("I heard it twice.")] == [True]
    assert kinds("I heard it twice.", "Я слышал это дважды.") == []
    assert kinds("The Geneva Convention was signed.", "Женевская конвенция подписана.") == []
