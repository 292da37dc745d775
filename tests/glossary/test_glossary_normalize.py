"""Tokens, spellings and keys: what makes two writings the same term."""

from __future__ import annotations

import unicodedata

from workbench.glossary.normalize import (
    fold_accents,
    norm,
    normalise_separator,
    strip_term_punctuation,
    tail,
    tokenize,
)


def test_tokens_keep_internal_apostrophes_and_gershayim() -> None:
    assert [t.surface for t in tokenize("Ze'ir Anpin, Baal HaSulam’s; З\"А и ז״א")] == [
        "Ze'ir",
        "Anpin",
        "Baal",
        "HaSulam’s",
        'З"А',
        "и",
        "ז״א",
    ]


def test_hyphens_and_spaces_become_separators() -> None:
    tokens = tokenize("Зеир-Анпин и Зеир Анпин, мир")
    assert [t.sep for t in tokens] == ["", "-", " ", " ", " ", ","]


def test_spaced_dash_is_punctuation_not_a_hyphen() -> None:
    assert normalise_separator(" – ") == "–"
    assert normalise_separator("-") == "-"
    assert normalise_separator("\u00a0") == " "


def test_sentence_initial_flags() -> None:
    tokens = tokenize("Лишма. Это лишма? Да: Лишма")
    assert [t.initial for t in tokens] == [True, True, False, True, True]


def test_norm_unifies_yo_apostrophes_and_drops_stress_marks() -> None:
    assert norm("Отражённый") == "отраженный"
    assert norm("Ze’ir") == norm("Ze'ir") == norm("Zeʼir") == "ze'ir"
    assert norm("Малху\u0301т") == "малхут"
    assert norm("לִשְׁמָהּ") == "לשמה"


def test_fold_keeps_cyrillic_letters_with_diacritics() -> None:
    assert fold_accents("lishmá") == "lishma"
    assert fold_accents("schöpfer") == "schopfer"
    assert fold_accents("йод їжак") == "йод їжак"


def test_decomposed_input_is_one_token_and_tail_counts_letters() -> None:
    decomposed = unicodedata.normalize("NFD", "Lishmá")
    (token,) = tokenize(decomposed)
    assert token.surface == decomposed
    assert tail(decomposed, 1) == "a\u0301"
    assert norm(decomposed) == "lishmá"


def test_term_punctuation_is_stripped() -> None:
    assert strip_term_punctuation("«лишма»") == "лишма"
    assert strip_term_punctuation("Kli (vessel)") == "Kli (vessel"
