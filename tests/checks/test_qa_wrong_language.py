"""wrong-language: a long target clearly in another language, and the false alarms avoided."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check
from workbench.checks.qa_wrong_language import function_word_evidence


def run(tgt: str, tgt_lang: str, src: str = "x", **options: object) -> list[Finding]:
    ctx = CheckContext("en", tgt_lang, options=dict(options))
    pair = SegmentPair((src,), (tgt,), (0,), (4,))
    return list(get_check("wrong-language").check_segment(pair, ctx))


@pytest.mark.parametrize(
    ("tgt", "lang", "detected"),
    [
        ("The part that remains outside becomes Ohr Makif (Surrounding Light).", "ru", "en"),
        ("The part that remains outside becomes Ohr Makif (Surrounding Light).", "es", "en"),
        ("Тогда ничего не остается снаружи, и окружающий свет становится внутренним.", "de", "ru"),
        ("Quando o sucesso de um é a alegria de todos nós, não há mais distância.", "es", "pt"),
        ("Cuando el éxito de uno es la alegría de todos, ya no hay distancia.", "pt", "es"),
        ("Це означає, що я прошу не полегшення, а виправлення свого бажання.", "ru", "uk"),
        ("Wenn der Erfolg des einen die Freude aller ist, gibt es keine Distanz mehr.", "fr", "de"),
    ],
)
def test_target_in_another_language_is_an_error(tgt: str, lang: str, detected: str) -> None:
    (finding,) = run(tgt, lang)
    assert (finding.kind, finding.severity, finding.span_line) == ("wrong-language", "error", 4)
    assert finding.extra["detected"] == detected
    assert detected in finding.message and lang in finding.message


@pytest.mark.parametrize(
    ("tgt", "lang"),
    [
        # langdetect says Bulgarian for these Russian lines: the function words say Russian
        ("Тот, кто уже начал работать, а не тот, кто еще спит.", "ru"),
        ("М. Лайтман: Да, падение – это первая половина подъема.", "ru"),
        # transliterated terms do not make Spanish foreign
        ("Pregunta: Entonces, ¿el grupo es para mí como Zeir Anpin y YESHSUT?", "es"),
        (
            "Este es el secreto de la decena: el deseo de uno se completa con el Masaj de otro.",
            "es",
        ),
        ("Question\u00a0: comment garder l’unité que nous avons ressentie au congrès\u202f?", "fr"),
        ("Frage: Wie bewahren wir die Einheit, die wir auf dem Kongress gespürt haben?", "de"),
        ("Domanda: Come possiamo conservare l'unità che abbiamo sentito al congresso?", "it"),
        ("שאלה: איך אנחנו שומרים על האיחוד שהרגשנו בכנס כשחוזרים הביתה?", "he"),
        # too short to tell
        ("Thank you, friends.", "ru"),
        ("[248613] 12/24/17", "ru"),
    ],
)
def test_right_language_or_too_short_is_not_reported(tgt: str, lang: str) -> None:
    assert run(tgt, lang) == []


def test_a_copy_of_the_source_is_left_to_the_untranslated_check() -> None:
    text = "The part that remains outside becomes Ohr Makif (Surrounding Light)."
    assert run(text, "ru", src=text) == []


def test_languages_langdetect_cannot_detect_are_skipped() -> None:
    assert run("The part that remains outside becomes Ohr Makif (Surrounding Light).", "hy") == []


def test_thresholds_are_options() -> None:
    text = "The part that remains outside becomes Ohr Makif."
    assert len(run(text, "ru")) == 1
    assert run(text, "ru", wrong_language_min_letters=200) == []
    assert run(text, "ru", wrong_language_min_prob=1.01) == []


def test_function_word_evidence_counts_only_words_of_one_language() -> None:
    # "de" and "que" belong to both Spanish and Portuguese, so they are no evidence
    own, other = function_word_evidence("de que não também você", "es", "pt")
    assert (own, other) == (0, 3)
    assert function_word_evidence("de que", "xx", "pt")[0] is None
