"""Suggestions keep the occurrence's inflection and case pattern."""

from __future__ import annotations

import pytest

from tests.glossary.helpers import matcher, one, termbase
from workbench.glossary import Term, TermMatcher, TermStatus, suggest


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("ru", "Шехины", "Шхины"),
        ("ru", "к Шехине", "Шхине"),
        ("ru", "ШЕХИНЫ", "ШХИНЫ"),
        ("ru", "шехиной", "шхиной"),
        ("ru", "Зэир Анпином", "Зеир Анпином"),
        ("ru", "Зеира Анпина", "Зеир Анпина"),
        ("ru", "Зеир-Анпина", "Зеир Анпина"),
        ("ru", "Баала Сулама", "Бааль Сулама"),
        ("ru", "Малхуты", "Малхут"),
        ("ru", "МАЛХУТЕ", "МАЛХУТ"),
        ("ru", "Лишмы нет", "Лишма"),
        ("ru", "мира Ацилута", "мира Ацилут"),
        ("ru", "парцуфы", "парцуфим"),
        ("en", "Baal Hasulam's", "Baal HaSulam's"),
        ("en", "Malkhut", "Malchut"),
        ("en", "Kelims", "Kelim"),
        ("en", "Einsof", "Ein Sof"),
        ("es", "Shekhiná", "Shejiná"),
        ("es", "Malchut", "Maljut"),
        ("de", "Zohar", "Sohar"),
    ],
)
def test_suggestion_keeps_inflection_and_case(lang: str, text: str, expected: str) -> None:
    match = matcher(lang).find(text)[0]
    assert matcher(lang).suggest(match) == expected


def test_zeir_anpin_typo_listed_as_forbidden() -> None:
    tb = termbase("za,ru,Зеир Анпин,,Зейр Анпин,")
    m = TermMatcher(tb, "ru")
    match = m.find("из Зейр Анпина")[0]
    assert m.suggest(match) == "Зеир Анпина"


def test_all_caps_stem_with_lower_case_ending_is_kept() -> None:
    tb = termbase("rabash,ru,РАБАШ,,РАБАЖ,")
    m = TermMatcher(tb, "ru")
    match = m.find("Труды РАБАЖа")[0]
    assert m.suggest(match) == "РАБАШа"


def test_sentence_initial_capital_is_carried_over() -> None:
    tb = termbase("shechina,ru,шхина,,шехина,")
    m = TermMatcher(tb, "ru")
    assert m.suggest(m.find("Шехины нет")[0]) == "Шхины"
    assert m.suggest(m.find("нет шехины")[0]) == "шхины"


def test_module_level_suggest_with_an_explicit_preferred_term() -> None:
    match = one("ru", "к Шехине")
    preferred = Term("Шхина", "ru", TermStatus.PREFERRED)
    assert suggest(match, preferred) == "Шхине"


def test_suggestion_never_repeats_the_found_text_for_a_listed_inflected_form() -> None:
    match = one("ru", "из Зеира Анпина")
    assert matcher("ru").suggest(match) != match.surface
