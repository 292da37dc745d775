"""When a source occurrence names the concept: capitals in proper names and titles."""

from __future__ import annotations

import pytest

from tests.glossary.helpers import termbase
from workbench.checks import check_parallel, get_check
from workbench.checks.terms import in_proper_name
from workbench.glossary import TermMatcher

HEADER = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,"
    "part_of_speech,indeclinable,case_sensitive,forms"
)
ROWS = """
convention,en,convention,congress,,,noun,,,
convention,ru,конгресс,,,,noun,,,конгресса|конгрессе
shamati,en,Shamati,I Heard,Shamaty,,proper noun (book),,true,
shamati,ru,Шамати,Услышанное,,,proper noun (book),true,true,
"""
TERMBASE = termbase(ROWS, header=HEADER)
CHECKS = [get_check("forbidden-variant"), get_check("missing-term")]


def findings(src: str, tgt: str, src_lang: str = "en", tgt_lang: str = "ru") -> list[tuple]:  # type: ignore[type-arg]
    found = check_parallel(TERMBASE, src_lang, tgt_lang, [src], [tgt], checks=CHECKS)
    return [(f.kind, f.concept_id) for f in found]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("The delegates respected the Geneva Convention.", "Делегаты уважали Женевскую конвенцию."),
        ("We met near the Convention Center downtown.", "Мы встретились у конференц-центра."),
        ("Both states left the Hague Convention last year.", "Обе страны вышли из соглашения."),
    ],
)
def test_lower_case_term_capitalised_inside_a_name_requires_nothing(src: str, tgt: str) -> None:
    assert findings(src, tgt) == []


@pytest.mark.parametrize(
    "src",
    [
        "The convention opens today.",
        "Convention participants arrived early.",
        "Our friends came to the Convention in May.",
        "THE CONVENTION OPENS TODAY.",
    ],
)
def test_the_concept_still_counts_elsewhere(src: str) -> None:
    assert findings(src, "Все собрались вместе.") == [("missing_term", "convention")]


def test_a_name_in_the_target_still_renders_the_concept() -> None:
    assert findings("Конгресс открылся.", "The World Kabbalah Convention opened.", "ru", "en") == []


def test_in_proper_name_looks_at_both_neighbours() -> None:
    matcher = TermMatcher(TERMBASE, "en")
    for text, expected in [
        ("under the Geneva Convention today", True),
        ("the Convention Hall was full", True),
        ("Geneva Convention rules apply", False),  # the name starts the sentence
        ("at the Convention in May", False),
        ("at the convention in May", False),
    ]:
        (match,) = matcher.find(text)
        assert in_proper_name(match, text) is expected, text


def test_title_made_of_ordinary_words_counts_only_with_its_capitals() -> None:
    assert findings("I heard that the lesson moved.", "Я слышал, что урок перенесли.") == []
    assert findings("He quotes I Heard, article five.", "Он цитирует статью пять.") == [
        ("missing_term", "shamati")
    ]
    assert findings("Всё услышанное важно.", "Everything we heard matters.", "ru", "en") == []
    assert findings("Мы читаем «Услышанное».", "We read the notes.", "ru", "en") == [
        ("missing_term", "shamati")
    ]
