"""Per-language typography: quote marks, no-break spaces, idempotence, nothing else touched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.formats.typography import NBSP, NNBSP, apply_typography, quote_style


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", 'He said "go "now" please".', "He said “go ‘now’ please”."),
        ("ru", 'Он сказал "это "лишма" и всё".', "Он сказал «это „лишма“ и\u00a0всё»."),
        ("uk", '"Слово"', "«Слово»"),
        ("de", '"Er sagte "hallo""', "„Er sagte ‚hallo‘“"),
        ("es", '"Hola "amigo""', "«Hola “amigo”»"),
        ("it", '"Ciao"', "«Ciao»"),
        ("pt", '"Olá"', "“Olá”"),
        ("pt-BR", '"Olá"', "“Olá”"),
        ("pt-PT", '"Olá"', "«Olá»"),
        ("pl", '"Cześć "tu""', "„Cześć «tu»”"),
        ("cs", '"Ahoj"', "„Ahoj“"),
        # curly English quotes in a Russian text are converted too
        ("ru", "“лишма”", "«лишма»"),
        # German-style input in an English text
        ("en", "„Hallo“", "“Hallo”"),
    ],
)
def test_quote_marks_per_language(lang: str, text: str, expected: str) -> None:
    assert apply_typography(text, lang) == expected


def test_french_guillemets_get_narrow_no_break_spaces_inside() -> None:
    assert apply_typography('Il dit "oui".', "fr") == f"Il dit «{NNBSP}oui{NNBSP}»."
    # ordinary spaces inside guillemets are replaced, not doubled
    assert apply_typography("« oui »", "fr") == f"«{NNBSP}oui{NNBSP}»"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pourquoi ?", f"Pourquoi{NNBSP}?"),
        ("Pourquoi?", f"Pourquoi{NNBSP}?"),
        ("Attention !", f"Attention{NNBSP}!"),
        ("Donc ; alors", f"Donc{NNBSP}; alors"),
        ("Voici : la liste", f"Voici{NBSP}: la liste"),
        ("Quoi ?!", f"Quoi{NNBSP}?!"),
        ("à 10:30 précises", "à 10:30 précises"),
        ("voir https://laitman.fr/page?id=1", "voir https://laitman.fr/page?id=1"),
    ],
)
def test_french_spaces_before_high_punctuation(text: str, expected: str) -> None:
    assert apply_typography(text, "fr") == expected


def test_russian_one_letter_words_and_dash_get_no_break_spaces() -> None:
    text = "Свет приходит в кли и к нам — с Творцом а не сам."
    assert apply_typography(text, "ru") == (
        f"Свет приходит в{NBSP}кли и{NBSP}к{NBSP}нам{NBSP}— с{NBSP}Творцом а{NBSP}не сам."
    )
    assert apply_typography("В начале", "ru") == f"В{NBSP}начале"


def test_one_letter_rule_needs_a_whole_word() -> None:
    # "ко" and "со" are two letters; "Малхут" ends in a letter from the list
    assert apply_typography("ко мне со всеми", "ru") == "ко мне со всеми"
    assert apply_typography("Малхут и Бина", "ru") == f"Малхут и{NBSP}Бина"


def test_ukrainian_has_its_own_one_letter_words() -> None:
    assert apply_typography("світло і темрява з нами", "uk") == (
        f"світло і{NBSP}темрява з{NBSP}нами"
    )


def test_gershayim_inside_abbreviations_is_not_a_quote() -> None:
    assert apply_typography('Свет З"А и "Бина"', "ru") == f'Свет З"А и{NBSP}«Бина»'
    assert apply_typography('אור ז"א', "he") == 'אור ז"א'


def test_languages_without_a_style_keep_their_quotes() -> None:
    assert quote_style("he") is None
    assert quote_style("zh") is None
    assert apply_typography('"שלום" עולם', "he") == '"שלום" עולם'
    assert apply_typography('"你好"', "zh") == '"你好"'


def test_english_has_no_space_rules() -> None:
    text = "A word — and a question ?"
    assert apply_typography(text, "en") == text


def test_a_lone_mark_between_spaces_is_left_alone() -> None:
    assert apply_typography('a " b', "ru") == 'a " b'


def test_quotes_spanning_sentences_and_apostrophes() -> None:
    text = '"It\'s the group," he said. "The students\u2019 work."'
    assert apply_typography(text, "en") == "“It's the group,” he said. “The students’ work.”"


def test_already_correct_text_is_unchanged() -> None:
    for lang, text in [
        ("ru", "Он сказал: «Это „лишма“»."),
        ("de", "Er sagte: „Das ist ‚Lishma‘“."),
        ("fr", f"Il dit\u00a0: «{NNBSP}oui{NNBSP}»{NNBSP}!"),
        ("en", "He said “it’s ‘Lishma’”."),
    ]:
        assert apply_typography(text, lang) == text


_QUOTES = set('"“”„‟«»‚‘’')
_SPACES = {" ", NBSP, NNBSP}
_ALPHABET = st.sampled_from(
    list("абвгдеиксуоя АБВ abc xyz 123 .,;:!?—-()[]\n\"“”„‟«»‚‘’'\u00a0\u202f")
)
_LANGS = st.sampled_from(
    ["en", "ru", "uk", "de", "fr", "es", "it", "pt", "pt-PT", "pl", "cs", "he", "zh"]
)


@settings(max_examples=500, deadline=None)
@given(text=st.text(_ALPHABET, max_size=60), lang=_LANGS)
def test_typography_is_idempotent(text: str, lang: str) -> None:
    once = apply_typography(text, lang)
    assert apply_typography(once, lang) == once


@settings(max_examples=500, deadline=None)
@given(text=st.text(_ALPHABET, max_size=60), lang=_LANGS)
def test_only_quote_marks_and_spaces_change(text: str, lang: str) -> None:
    result = apply_typography(text, lang)

    def skeleton(value: str) -> str:
        return "".join(ch for ch in value if ch not in _QUOTES and ch not in _SPACES)

    assert skeleton(result) == skeleton(text)
    assert sum(ch in _QUOTES for ch in result) == sum(ch in _QUOTES for ch in text)
