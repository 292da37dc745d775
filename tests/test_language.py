"""Language detection: right answers for the corpus languages, determinism, and too-short text."""

from __future__ import annotations

import pytest
from langdetect import DetectorFactory

from workbench import language
from workbench.language import SUPPORTED_LANGUAGES, detect_language, language_name


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Question: How do we keep the unity we felt at the convention after going home?", "en"),
        ("Вопрос: Как нам сохранить единство, которое мы ощутили на конгрессе?", "ru"),
        ("Питання: Як нам зберегти єдність, яку ми відчули на конгресі, коли повернулися?", "uk"),
        ("Pregunta: ¿Cómo conservamos la unidad que sentimos en el congreso?", "es"),
        ("Frage: Wie bewahren wir die Einheit, die wir auf dem Kongress gespürt haben?", "de"),
        ("Domanda: Come possiamo conservare l'unità che abbiamo sentito al congresso?", "it"),
        ("Question : comment garder l'unité que nous avons ressentie au congrès ?", "fr"),
        ("שאלה: איך אנחנו שומרים על האיחוד שהרגשנו בכנס כשחוזרים הביתה?", "he"),
        ("问题：我们回家以后，怎样保持在大会上感受到的团结？", "zh"),
    ],
)
def test_detects_the_languages_of_the_corpus(text: str, code: str) -> None:
    result = detect_language(text)
    assert result is not None
    assert result[0] == code
    assert 0.5 < result[1] <= 1.0


@pytest.mark.parametrize("text", ["", "   ", "Привет", "Hello world", "[219485] 12/24/17", "?!"])
def test_too_little_text_gives_none(text: str) -> None:
    assert detect_language(text) is None


def test_detection_is_deterministic_even_if_the_shared_seed_changes() -> None:
    text = "Hello world, we are here together with the friends"
    first = detect_language(text)
    saved = DetectorFactory.seed
    try:
        DetectorFactory.seed = 12345
        assert [detect_language(text) for _ in range(5)] == [first] * 5
    finally:
        DetectorFactory.seed = saved


def test_long_texts_are_sampled_across_the_whole_text(monkeypatch: pytest.MonkeyPatch) -> None:
    english = "We rise together only when each of us gives something to the friends. " * 80
    spanish = "Subimos juntos solo cuando cada uno de nosotros da algo a los amigos. " * 800
    seen: list[int] = []
    sample = language._sample

    def spy(text: str) -> str:
        result = sample(text)
        seen.append(len(result))
        return result

    monkeypatch.setattr(language, "_sample", spy)
    # A head-only sample would see English; windows spread over the text see Spanish.
    result = detect_language(english + spanish)
    assert result is not None and result[0] == "es"
    assert seen[0] < 7000 < len(english + spanish)


def test_supported_languages_cover_the_ui_selectors() -> None:
    required = {"en", "ru", "uk", "es", "de", "fr", "it", "pt", "he", "pl", "tr", "zh", "ja"}
    required |= {"ar", "fa", "hi", "cs", "nl", "ro", "hu", "bg", "ka", "lt", "lv", "et", "fi"}
    required |= {"sv", "da", "no", "el", "ko", "vi", "id"}
    assert required <= set(SUPPORTED_LANGUAGES)
    assert all(len(code) == 2 and code.islower() for code in SUPPORTED_LANGUAGES)
    assert language_name("he") == "Hebrew"
    assert language_name("pt-BR") == "Portuguese"
    assert language_name("xx") == "xx"
