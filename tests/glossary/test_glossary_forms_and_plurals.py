"""Hebrew plurals and singulars listed only in ``forms``, fixed words, ambiguous plurals,
German solid compounds: rules that follow from the glossary's documented semantics."""

from __future__ import annotations

from functools import lru_cache

import pytest

from tests.glossary.helpers import termbase
from workbench.glossary import MatchKind, TermMatcher

FULL_HEADER = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,"
    "part_of_speech,indeclinable,case_sensitive,forms"
)

# Plurals and singulars appear only in `forms`, as in glossary/glossary.csv.
ROWS = """
kli,ru,кли,сосуд,келимы,,noun,true,,келим
kli,en,Kli,vessel,Kelims,,noun,,,Kelim
kli,es,Kli,vasija,Kelims,,noun,,,Kelim
kli,de,Kli,Gefäß,Klis|Kelims,,noun,,,Kelim
partzuf,ru,парцуф,,парцуфы,,noun,true,,парцуфа|парцуфу|парцуфом|парцуфе|парцуфим
partzuf,es,Partzuf,,Partzufs,,noun,,,Partzufim
partzuf,de,Parzuf,,Parzufs,,noun,,,Parzufim
sefira,ru,сфирот,,сефирот,,noun (plural),true,,сфира|сфиры|сфире|сфиру|сфирой
klipa,ru,клипот,,,,noun (plural),true,,клипа|клипы|клипе|клипу|клипой
klipa,es,Klipot,,,,noun (plural),,,Klipá
klipa,de,Klipot,,,,noun (plural),,,Klipa
zeir_anpin,ru,Зеир Анпин,ЗА,Зеира Анпина,,proper noun,Зеир,,Зеир Анпина|Зеир Анпину
baal_hasulam,ru,Бааль Сулам,,Баал Сулам,,proper noun,Бааль,,Бааль Сулама|Бааль Суламу
zohar,de,Buch Sohar,Sohar,Zohar,,proper noun (book),,,
"""


@lru_cache(maxsize=8)
def matcher(lang: str) -> TermMatcher:
    return TermMatcher(termbase(ROWS, header=FULL_HEADER), lang)


def found(lang: str, text: str) -> list[tuple[str, str, str]]:
    return [(m.concept_id, m.kind.value, m.surface) for m in matcher(lang).find(text)]


def suggested(lang: str, text: str) -> list[str]:
    m = matcher(lang)
    return [m.suggest(match) for match in m.find(text) if match.kind != MatchKind.OK]


# -- Hebrew plurals listed only in `forms` ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "suggestion"),
    [
        ("Свет входит в разбитые келимы.", "келимы", "келим"),
        ("Мы изучаем строение келимов.", "келимов", "келим"),
        ("Исправление в высших келимах.", "келимах", "келим"),
        ("Связь между нижними парцуфимами.", "парцуфимами", "парцуфим"),
        ("Каждый из парцуфов получает.", "парцуфов", "парцуфим"),
    ],
)
def test_ru_local_plural_of_a_hebrew_plural_listed_as_a_form(
    text: str, surface: str, suggestion: str
) -> None:
    (match,) = matcher("ru").find(text)
    assert match.surface == surface
    assert match.kind in (MatchKind.LOCAL_PLURAL, MatchKind.FORBIDDEN)
    assert matcher("ru").suggest(match) == suggestion


def test_ru_hebrew_plural_form_takes_no_singular_ending_either() -> None:
    assert found("ru", "К келиму добавили свет.") == [("kli", "wrong_inflection", "келиму")]
    assert suggested("ru", "К келиму добавили свет.") == ["келим"]


def test_ru_listed_forms_and_the_undeclined_plural_stay_correct() -> None:
    text = "Свет в кли, в разбитых келим, в парцуфе и между парцуфим."
    assert found("ru", text) == [
        ("kli", "ok", "кли"),
        ("kli", "ok", "келим"),
        ("partzuf", "ok", "парцуфе"),
        ("partzuf", "ok", "парцуфим"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "suggestion"),
    [
        ("Связи между сфирами светятся.", "сфирами", "сфирот"),
        ("Свет спускается по сфирам.", "сфирам", "сфирот"),
        ("Сила заключена в клипах.", "клипах", "клипот"),
    ],
)
def test_ru_plural_case_of_a_singular_listed_as_a_form(
    text: str, surface: str, suggestion: str
) -> None:
    (match,) = matcher("ru").find(text)
    assert (match.surface, match.kind) == (surface, MatchKind.LOCAL_PLURAL)
    assert matcher("ru").suggest(match) == suggestion


@pytest.mark.parametrize(
    ("lang", "text", "concept", "surface", "suggestion"),
    [
        ("es", "Todos los Partzufims se llenan.", "partzuf", "Partzufims", "Partzufim"),
        ("es", "Las Klipots se esconden.", "klipa", "Klipots", "Klipot"),
        ("es", "Dos Klipás pequeñas.", "klipa", "Klipás", "Klipot"),
        ("de", "Alle Parzufims empfangen Licht.", "partzuf", "Parzufims", "Parzufim"),
        ("de", "Die Klipots verbergen das Licht.", "klipa", "Klipots", "Klipot"),
        ("en", "Both Kelims are empty.", "kli", "Kelims", "Kelim"),
    ],
)
def test_es_de_en_local_plural_of_a_form(
    lang: str, text: str, concept: str, surface: str, suggestion: str
) -> None:
    (match,) = matcher(lang).find(text)
    assert (match.concept_id, match.surface) == (concept, surface)
    assert match.kind in (MatchKind.LOCAL_PLURAL, MatchKind.FORBIDDEN)
    assert matcher(lang).suggest(match) == suggestion


def test_es_de_forms_in_citation_are_correct() -> None:
    assert found("es", "Los Partzufim y una Klipá.") == [
        ("partzuf", "ok", "Partzufim"),
        ("klipa", "ok", "Klipá"),
    ]
    assert found("de", "Die Parzufim und die Klipot.") == [
        ("partzuf", "ok", "Parzufim"),
        ("klipa", "ok", "Klipot"),
    ]


# -- "сфиры": genitive singular or a wrong plural, told by the word before --------------


@pytest.mark.parametrize(
    "text",
    [
        "Все сфиры получают свет.",
        "Эти сфиры светят слабо.",
        "Высшие сфиры передают силу.",
        "Мы видим светлые сфиры.",
        "Такие клипы опасны.",
    ],
)
def test_ru_ambiguous_form_after_a_plural_word_is_a_local_plural(text: str) -> None:
    (match,) = matcher("ru").find(text)
    assert match.kind == MatchKind.LOCAL_PLURAL
    assert matcher("ru").suggest(match) in ("сфирот", "Сфирот", "клипот")


@pytest.mark.parametrize(
    "text",
    [
        "Свет сфиры Кетер велик.",
        "Значение сфиры раскрывается постепенно.",
        "Две сфиры соединяются.",
        "Сфиры свет не касается.",
        "Величие клипы обманчиво.",
    ],
)
def test_ru_ambiguous_form_elsewhere_stays_correct(text: str) -> None:
    assert [m.kind for m in matcher("ru").find(text)] == [MatchKind.OK]


# -- multi-word terms whose first word never declines -----------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "suggestion"),
    [
        ("Малхут поднимается к Зеиру Анпину.", "Зеиру Анпину", "Зеир Анпину"),
        ("Свет раскрывается в Зеире Анпине.", "Зеире Анпине", "Зеир Анпине"),
        ("Он соединён с Зеиром Анпином.", "Зеиром Анпином", "Зеир Анпином"),
        ("Мы читаем письма Бааля Сулама.", "Бааля Сулама", "Бааль Сулама"),
        ("Рабаш говорил с Баалем Суламом.", "Баалем Суламом", "Бааль Суламом"),
    ],
)
def test_ru_ending_on_a_fixed_first_word_is_a_wrong_inflection(
    text: str, surface: str, suggestion: str
) -> None:
    (match,) = matcher("ru").find(text)
    assert (match.surface, match.kind) == (surface, MatchKind.WRONG_INFLECTION)
    assert matcher("ru").suggest(match) == suggestion


def test_ru_last_word_declines_freely_and_listed_forbidden_forms_stay_forbidden() -> None:
    assert found("ru", "с Зеир Анпином и о Бааль Суламе") == [
        ("zeir_anpin", "ok", "Зеир Анпином"),
        ("baal_hasulam", "ok", "Бааль Суламе"),
    ]
    assert found("ru", "из Зеира Анпина") == [("zeir_anpin", "forbidden", "Зеира Анпина")]


# -- German solid compounds ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Das ist ein Klischee.", "Viele Klischees.", "Ein Klistier.", "Ein Klinikum."]
)
def test_de_inflected_forbidden_variant_is_not_read_inside_an_ordinary_word(text: str) -> None:
    assert found("de", text) == []


def test_de_spelling_variant_and_accepted_term_still_start_compounds() -> None:
    assert found("de", "die Zoharforschung und das Soharstudium") == [
        ("zohar", "forbidden", "Zohar"),
        ("zohar", "ok", "Sohar"),
    ]


def test_de_inflected_forbidden_variant_as_a_word_or_hyphenated_element() -> None:
    assert found("de", "zwei Klis und die Klis-Lehre") == [
        ("kli", "forbidden", "Klis"),
        ("kli", "forbidden", "Klis"),
    ]


def test_de_linking_s_after_a_term_is_not_the_forbidden_plural() -> None:
    # "Parzufs" is a listed forbidden plural; in "Parzufstruktur" the compound is read on
    # the stem "Parzuf" (a linking s), which is the accepted term.
    match = matcher("de").find("die Parzufstruktur")[0]
    assert (match.kind, match.surface, match.compound) == (MatchKind.OK, "Parzuf", True)
