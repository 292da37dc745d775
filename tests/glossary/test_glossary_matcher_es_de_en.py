"""Spanish, German and English: accents, plurals, compounds, possessives, case."""

from __future__ import annotations

from tests.glossary.helpers import found, matcher, one, termbase
from workbench.glossary import MatchKind, TermMatcher

# -- Spanish ---------------------------------------------------------------------------


def test_es_forbidden_transliterations_are_found() -> None:
    assert found("es", "Maljut, la Shekhiná y el Malchut") == [
        ("malchut", "ok", "Maljut"),
        ("shechina", "forbidden", "Shekhiná"),
        ("malchut", "forbidden", "Malchut"),
    ]


def test_es_accent_difference_is_reported_unless_the_term_is_accent_insensitive() -> None:
    sensitive = TermMatcher(termbase("lishma,es,Lishmá,,Lishmah,"), "es").find("la Lishma")
    assert [(m.kind, m.accent_mismatch) for m in sensitive] == [(MatchKind.OK, True)]
    relaxed_tb = termbase(
        "lishma,es,Lishmá,,Lishmah,,true",
        header="concept_id,lang,preferred,allowed_variants,forbidden_variants,note,"
        "accent_insensitive",
    )
    relaxed = TermMatcher(relaxed_tb, "es").find("la Lishma")
    assert [(m.kind, m.accent_mismatch) for m in relaxed] == [(MatchKind.OK, False)]
    # the forbidden variant still wins over an accent-folded reading of the preferred one
    assert [m.kind for m in TermMatcher(relaxed_tb, "es").find("Lishmah")] == [MatchKind.FORBIDDEN]


def test_es_hebrew_plurals_take_no_spanish_s() -> None:
    assert found("es", "los Kelims y las Sefiras, los Partzufs") == [
        ("kli", "forbidden", "Kelims"),
        ("sefira", "forbidden", "Sefiras"),
        ("partzuf", "forbidden", "Partzufs"),
    ]
    assert matcher("es").suggest(one("es", "los Kelims")) == "Kelim"
    # unlisted: generated local plurals
    assert found("es", "las Klipás") == [("klipa", "local_plural", "Klipás")]


def test_es_articles_and_plural_of_spanish_words() -> None:
    assert found("es", "los creadores y el Creador") == [
        ("creator", "ok", "creadores"),
        ("creator", "ok", "el Creador"),
    ]


def test_es_lo_lishma_wins_over_lishma() -> None:
    assert found("es", "de Lo Lishmá a Lishmá") == [
        ("lo_lishma", "ok", "Lo Lishmá"),
        ("lishma", "ok", "Lishmá"),
    ]


# -- German ----------------------------------------------------------------------------


def test_de_term_as_first_element_of_a_compound() -> None:
    assert found("de", "die Sohar-Texte und das Soharstudium") == [
        ("zohar", "ok", "Sohar"),
        ("zohar", "ok", "Sohar"),
    ]
    match = matcher("de").find("das Zoharstudium")[0]
    assert (match.kind, match.surface, match.compound) == (MatchKind.FORBIDDEN, "Zohar", True)
    assert matcher("de").suggest(match) == "Sohar"


def test_de_term_is_not_found_at_the_end_of_a_compound_or_in_lower_case_words() -> None:
    assert found("de", "der Weltkongress") == []
    assert found("de", "eine binationale Ehe") == []


def test_de_genitive_and_plural_endings() -> None:
    assert found("de", "die Kraft eines Schöpfers") == [("creator", "ok", "Schöpfers")]
    assert found("de", "des höheren Parzuf und die Parzufim") == [
        ("partzuf", "ok", "Parzuf"),
        ("partzuf", "ok", "Parzufim"),
    ]
    assert found("de", "die Parzufe") == [("partzuf", "local_plural", "Parzufe")]


def test_de_adjective_in_a_term_declines() -> None:
    assert found("de", "des umgebenden Lichtes") == [("ohr_makif", "ok", "umgebenden Lichtes")]


def test_de_look_alike_acronyms() -> None:
    assert found("de", "SA und SON, nicht ZON") == [
        ("zeir_anpin", "ok", "SA"),
        ("zon", "ok", "SON"),
        ("zon", "forbidden", "ZON"),
    ]


# -- English ---------------------------------------------------------------------------


def test_en_possessive_keeps_the_term() -> None:
    assert found("en", "Baal HaSulam's article") == [("baal_hasulam", "ok", "Baal HaSulam's")]
    match = one("en", "Baal Hasulam’s article")
    assert match.kind == MatchKind.FORBIDDEN
    assert matcher("en").suggest(match) == "Baal HaSulam’s"


def test_en_never_inside_a_longer_word() -> None:
    assert found("en", "Binary code and Bina") == [("bina", "ok", "Bina")]
    assert found("en", "Kelimate") == []


def test_en_lo_lishma_and_lishma() -> None:
    assert found("en", "from Lo Lishma to Lishma") == [
        ("lo_lishma", "ok", "Lo Lishma"),
        ("lishma", "ok", "Lishma"),
    ]


def test_en_hebrew_plural_with_english_s() -> None:
    assert found("en", "Kelims, Partzufims and Sefiras") == [
        ("kli", "forbidden", "Kelims"),
        ("partzuf", "forbidden", "Partzufims"),
        ("sefira", "local_plural", "Sefiras"),
    ]
    assert matcher("en").suggest(one("en", "the Sefiras")) == "Sefirot"


def test_en_case_sensitive_creator_and_forbidden_lower_case() -> None:
    assert found("en", "The Creator and the creator") == [
        ("creator", "ok", "The Creator"),
        ("creator", "forbidden", "creator"),
    ]


def test_en_apostrophe_variants_are_one_spelling() -> None:
    for text in ("Ze'ir Anpin", "Ze’ir Anpin", "Zeʼir Anpin"):
        match = one("en", text)
        assert (match.concept_id, match.kind) == ("zeir_anpin", MatchKind.FORBIDDEN)


def test_en_za_and_zon_are_different_concepts() -> None:
    assert found("en", "ZA rises; ZON unite") == [("zeir_anpin", "ok", "ZA"), ("zon", "ok", "ZON")]
    assert found("en", "Ubar and Ibur") == [("ubar", "ok", "Ubar"), ("ibur", "ok", "Ibur")]


def test_en_listed_capitalised_spelling_is_forbidden_despite_case_insensitivity() -> None:
    assert found("en", "Baal Hasulam wrote") == [("baal_hasulam", "forbidden", "Baal Hasulam")]
    assert found("en", "BAAL HASULAM wrote") == [("baal_hasulam", "ok", "BAAL HASULAM")]
