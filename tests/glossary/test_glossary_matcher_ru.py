"""Russian: indeclinable Hebrew terms, declined ones, multi-word terms, plurals, case."""

from __future__ import annotations

import pytest

from tests.glossary.helpers import found, matcher, one, termbase
from workbench.glossary import MatchKind, TermMatcher


def test_zeir_anpin_declines_on_the_last_word_only() -> None:
    text = "Свет приходит из Зеир Анпина в Малхут."
    assert found("ru", text) == [
        ("zeir_anpin", "ok", "Зеир Анпина"),
        ("malchut", "ok", "Малхут"),
    ]
    for form in ("Зеир Анпину", "Зеир Анпином", "о Зеир Анпине"):
        match = matcher("ru").find(form)[-1]
        assert (match.concept_id, match.kind) == ("zeir_anpin", MatchKind.OK)


def test_declining_the_fixed_first_word_is_a_wrong_inflection() -> None:
    # "Зеир" is marked as never declining; the listed "Зеира Анпина" is forbidden.
    assert found("ru", "с Зеиром Анпином") == [("zeir_anpin", "wrong_inflection", "Зеиром Анпином")]
    assert found("ru", "из Зеира Анпина") == [("zeir_anpin", "forbidden", "Зеира Анпина")]


def test_first_word_declines_in_mir_beskonechnosti() -> None:
    assert found("ru", "свет мира Бесконечности") == [("ein_sof", "ok", "мира Бесконечности")]
    assert found("ru", "в мире Бесконечности") == [("ein_sof", "ok", "мире Бесконечности")]


def test_only_kniga_declines_in_kniga_zoar() -> None:
    assert found("ru", "в Книге Зоар") == [("zohar", "ok", "Книге Зоар")]
    assert found("ru", "в Книге Зоара") == [("zohar", "wrong_inflection", "Книге Зоара")]


def test_baal_sulam_declines_on_sulam() -> None:
    assert found("ru", "статьи Бааль Сулама") == [("baal_hasulam", "ok", "Бааль Сулама")]
    assert found("ru", "к Бааль Суламу") == [("baal_hasulam", "ok", "Бааль Суламу")]
    assert found("ru", "статьи Баал Сулама") == [("baal_hasulam", "forbidden", "Баал Сулама")]


@pytest.mark.parametrize("form", ["Малхутой", "малхуту", "Малхутью", "МАЛХУТОЙ"])
def test_declined_indeclinable_malchut_is_a_wrong_inflection(form: str) -> None:
    match = one("ru", f"свет в {form} сияет")
    assert (match.concept_id, match.kind, match.surface) == (
        "malchut",
        MatchKind.WRONG_INFLECTION,
        form,
    )
    assert matcher("ru").suggest(match)[0].lower() == "м"
    assert matcher("ru").suggest(match).lower() == "малхут"


def test_listed_declined_forms_of_malchut_are_forbidden_variants() -> None:
    assert found("ru", "из Малхуты и к Малхуте") == [
        ("malchut", "forbidden", "Малхуты"),
        ("malchut", "forbidden", "Малхуте"),
    ]


def test_lishma_is_indeclinable_even_at_sentence_start() -> None:
    assert found("ru", "Лишма приходит свыше.") == [("lishma", "ok", "Лишма")]
    assert found("ru", "Нет лишмы без ло лишма.") == [
        ("lishma", "wrong_inflection", "лишмы"),
        ("lo_lishma", "ok", "ло лишма"),
    ]


def test_declinable_terms_accept_their_endings() -> None:
    assert found("ru", "в Бине и Биной, к Шхине, с масахом, после цимцума") == [
        ("bina", "ok", "Бине"),
        ("bina", "ok", "Биной"),
        ("shechina", "ok", "Шхине"),
        ("masach", "ok", "масахом"),
        ("tzimtzum", "ok", "цимцума"),
    ]


def test_fleeting_vowel_of_tvorets() -> None:
    assert found("ru", "Творцом и Творцу") == [
        ("creator", "ok", "Творцом"),
        ("creator", "ok", "Творцу"),
    ]


def test_yo_and_ye_are_the_same_letter() -> None:
    assert found("ru", "отражённый свет") == [("ohr_hozer", "ok", "отражённый свет")]


def test_hyphenated_form_listed_as_forbidden_is_the_forbidden_variant() -> None:
    assert found("ru", "в Зеир-Анпин") == [("zeir_anpin", "forbidden", "Зеир-Анпин")]
    # declined, it is still the forbidden spelling, not the allowed "Зеир Анпина"
    assert found("ru", "из Зеир-Анпина") == [("zeir_anpin", "forbidden", "Зеир-Анпина")]


def test_hyphen_for_space_on_an_unlisted_spelling_still_finds_the_term() -> None:
    match = one("ru", "после ло-лишма")  # listed allowed with a hyphen
    assert (match.concept_id, match.kind) == ("lo_lishma", MatchKind.OK)
    tb = termbase("mir,ru,мир Ацилут,,,")
    match = TermMatcher(tb, "ru").find("мир-Ацилут")[0]
    assert match.separator_mismatch and match.kind == MatchKind.OK


def test_never_inside_a_longer_word() -> None:
    assert found("ru", "клинок и клип") == []
    assert found("ru", "клей и клим") == []
    assert found("ru", "кли и клинок") == [("kli", "ok", "кли")]


def test_local_plurals_of_hebrew_plurals() -> None:
    assert found("ru", "парцуфы и келимы, парцуфами") == [
        ("partzuf", "forbidden", "парцуфы"),
        ("kli", "forbidden", "келимы"),
        ("partzuf", "local_plural", "парцуфами"),
    ]
    match = one("ru", "между парцуфами")
    assert matcher("ru").suggest(match) == "парцуфим"


def test_genitive_singular_sfiry_is_allowed_but_plural_datives_are_not() -> None:
    assert found("ru", "свет сфиры") == [("sefira", "ok", "сфиры")]
    assert found("ru", "по сфирам") == [("sefira", "local_plural", "сфирам")]
    assert found("ru", "десяти сфирот") == [("sefira", "ok", "десяти сфирот")]
    assert found("ru", "в сфиротах") == [("sefira", "local_plural", "сфиротах")]


def test_abbreviations_need_capitals() -> None:
    assert found("ru", "ЗА получает свет") == [("zeir_anpin", "ok", "ЗА")]
    assert found("ru", "за светом") == []
    assert found("ru", "из ЗОН") == [("zon", "ok", "ЗОН")]


def test_acronym_with_lower_case_ending() -> None:
    assert found("ru", "Труды РАБАШа") == [("rabash", "ok", "РАБАШа")]
    # ИШСУТ is indeclinable: the same spelling pattern is a wrong inflection there
    assert found("ru", "из ИШСУТа") == [("yeshsut", "wrong_inflection", "ИШСУТа")]


def test_case_sensitive_creator() -> None:
    lower, upper = matcher("ru").find("творец и Творец")
    assert lower.case_mismatch and not upper.case_mismatch
    assert matcher("ru").suggest(lower) == "Творец"


def test_longest_match_wins_for_malchut_of_infinity() -> None:
    assert found("ru", "Малхут мира Бесконечности") == [
        ("ein_sof", "ok", "Малхут мира Бесконечности")
    ]
    concepts = {m.concept_id for m in matcher("ru").find_all("Малхут мира Бесконечности")}
    assert concepts == {"ein_sof", "malchut"}


def test_look_alike_terms_stay_distinct() -> None:
    assert found("ru", "убар и ибур") == [("ubar", "ok", "убар"), ("ibur", "ok", "ибур")]


def test_real_russian_word_is_not_flagged_as_misspelling() -> None:
    # "ехида" is listed as a forbidden variant of йехида, so it is reported; "ехидный" is
    # a different word and must not be.
    assert found("ru", "ехидный ответ") == []
