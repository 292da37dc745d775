"""end-punctuation: final marks, Spanish ¿ ¡, French spacing and speaker labels."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check
from workbench.checks.qa_punctuation import end_mark, speaker_label

NNBSP, NBSP = "\u202f", "\u00a0"


def run(
    src: str | tuple[str, ...], tgt: str | tuple[str, ...], tgt_lang: str = "ru", **options: object
) -> list[Finding]:
    src_t = (src,) if isinstance(src, str) else src
    tgt_t = (tgt,) if isinstance(tgt, str) else tgt
    ctx = CheckContext("en", tgt_lang, options=dict(options))
    pair = SegmentPair(src_t, tgt_t, tuple(range(len(src_t))), tuple(range(7, 7 + len(tgt_t))))
    return list(get_check("end-punctuation").check_segment(pair, ctx))


def kinds(found: list[Finding]) -> list[tuple[str, str | None, str | None]]:
    return [(f.kind, f.found, f.suggestion) for f in found]


# --- end marks ---------------------------------------------------------------------------


def test_question_turned_into_statement_is_reported_with_span_and_suggestion() -> None:
    (finding,) = run("Question: Why push it back?", "Вопрос: Зачем отталкивать свет.")
    assert (finding.kind, finding.severity, finding.found, finding.suggestion) == (
        "end-mark",
        "warning",
        ".",
        "?",
    )
    assert finding.span == (30, 31) and finding.span_line == 7
    assert "question mark" in finding.message and "period" in finding.message


def test_missing_final_period_suggests_adding_it() -> None:
    (finding,) = run("Everything else follows from this.", "Все остальное следует из этого")
    assert (finding.kind, finding.found, finding.suggestion) == ("end-mark", "о", "о.")


def test_extra_question_and_lost_exclamation_are_reported() -> None:
    assert kinds(run("He asked why.", "Он спросил, почему?")) == [("end-mark", "?", ".")]
    assert kinds(run("Wonderful!", "Замечательно.")) == [("end-mark", ".", "!")]
    assert kinds(run("There are four conditions:", "Есть четыре условия.")) == [
        ("end-mark", ".", ":")
    ]


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # closing quotes and brackets after the final mark, in every convention
        (
            "Don’t ask, “Why should I?” Ask, “How can I?”",
            "Не спрашивай: «Почему я?» Спрашивай: «Как я могу?»",
            "ru",
        ),
        (
            "…and then he sees that it was the beginning of his ascent.”",
            "«…и тогда он видит, что это было началом его подъема».",
            "ru",
        ),
        ("He asked: “Why?”", "Он спросил: «Почему?».", "ru"),
        ("He said: “Love your neighbor.”", "Er sagte: „Liebe deinen Nächsten.“", "de"),
        ("Why? (Because.)", "¿Por qué? (Porque.)", "es"),
        ("The ten works for dissemination...", "La decena trabaja para la difusión…", "es"),
        ("The ten works for dissemination…", "Десятка работает для распространения...", "ru"),
        ("Reader: “The reason for the heaviness…”", "Чтец: «Причина тяжести…»", "ru"),
        (
            "Question: Why push it back?",
            ("Вопрос: Зачем отталкивать свет?", "Разве наслаждение – не цель?"),
            "ru",
        ),
        ("Why?", "Pourquoi\u202f?\u00a0»", "fr"),
        ("**Why?**", "**Почему?**", "ru"),
        ("How The Screen Builds A Partzuf", "Как масах строит парцуф", "ru"),
        ("[248613]", "(248613)", "es"),
        ("Where is it?", "איפה זה?\u200f", "he"),
        ("What is it?!", "Что это?", "ru"),
    ],
)
def test_equivalent_endings_are_not_reported(
    src: str, tgt: str | tuple[str, ...], lang: str
) -> None:
    assert [f for f in run(src, tgt, lang) if f.kind == "end-mark"] == []


def test_end_mark_looks_through_closers() -> None:
    assert end_mark("«Почему?».").kind == "question"
    assert end_mark("…give back.”").kind == "period"
    assert end_mark("(see below).").kind == "period"
    assert end_mark("Wait... ").kind == "ellipsis"
    assert end_mark("Title").kind == "none"


# --- Spanish ¿ ¡ ------------------------------------------------------------------------


def test_spanish_question_without_opening_mark() -> None:
    found = run(
        "Question: If I am only one Sefira, what is my role?",
        "Pregunta: Si soy solo una Sefira, cuál es mi papel?",
        "es",
    )
    assert kinds(found) == [
        (
            "spanish-inverted",
            "Si soy solo una Sefira, cuál es mi papel?",
            "¿Si soy solo una Sefira, cuál es mi papel?",
        )
    ]
    assert found[0].span == (10, 51)


def test_spanish_exclamation_and_second_question_without_opening_mark() -> None:
    found = run("Wonderful! Why? How?", "Maravilloso! ¿Por qué? Cómo?", "es")
    assert kinds(found) == [
        ("spanish-inverted", "Maravilloso!", "¡Maravilloso!"),
        ("spanish-inverted", "Cómo?", "¿Cómo?"),
    ]


def test_spanish_abbreviation_does_not_split_the_sentence() -> None:
    (finding,) = run("Question: Did Dr. Cohen say it?", "Pregunta: Lo dijo el Dr. Cohen?", "es")
    assert finding.suggestion == "¿Lo dijo el Dr. Cohen?"


def test_spanish_opening_mark_never_closed() -> None:
    (finding,) = run("Why not.", "¿Por qué no.", "es")
    assert (finding.kind, finding.suggestion) == ("spanish-inverted", "¿Por qué no?")


@pytest.mark.parametrize(
    "tgt",
    [
        "Pregunta: Entonces, ¿el grupo es para mí como Zeir Anpin?",
        "¿Por qué no puedo simplemente pedírselo? ¿Por qué mi oración tiene que pasar por YESHSUT?",
        "¡Maravilloso! Sigamos.",
        "No preguntes: «¿Por qué yo?». Pregunta: «¿Cómo puedo?».",
        "¡¿Qué dices?!",
        "¿Cómo te atreves!",
        "Véase https://example.org/?q=1 para más.",
    ],
)
def test_correct_spanish_is_not_reported(tgt: str) -> None:
    assert [f for f in run("x", tgt, "es") if f.kind == "spanish-inverted"] == []


def test_other_languages_need_no_opening_marks() -> None:
    assert run("Why?", "Почему?", "ru") == []
    assert run("Why?", "Perché?", "it") == []


# --- French spacing ------------------------------------------------------------------------


def test_french_mark_without_space_is_reported_with_no_break_suggestion() -> None:
    found = run("Question: Why?", f"Question{NBSP}: pourquoi?", "fr")
    assert kinds(found) == [("french-spacing", "i?", f"i{NNBSP}?")]
    assert found[0].span == (18, 20)


def test_french_guillemets_without_space() -> None:
    found = run("He said “hello”.", "Il a dit «bonjour».", "fr")
    assert kinds(found) == [
        ("french-spacing", "«b", f"«{NBSP}b"),
        ("french-spacing", "r»", f"r{NBSP}»"),
    ]


def test_french_colon_gets_a_full_no_break_space() -> None:
    (finding,) = run("Answer: yes.", "Réponse: oui.", "fr")
    assert finding.suggestion == f"e{NBSP}:"


@pytest.mark.parametrize(
    "tgt",
    [
        f"Question{NBSP}: que fait réellement le Masach{NNBSP}?",
        f"Il a dit{NBSP}: «{NBSP}Aime ton prochain comme toi-même.{NBSP}»",
        f"La réunion est à 10:30{NNBSP}; venez tôt{NNBSP}!",
        f"Quoi{NNBSP}?!",
        "Voir https://example.org/page?id=3 et mailto:x@example.org.",
        "Question : pourquoi ? Parce que « la lumière » agit !",  # plain spaces: tolerated
    ],
)
def test_correct_or_tolerated_french_is_not_reported(tgt: str) -> None:
    assert [f for f in run("x", tgt, "fr") if f.kind == "french-spacing"] == []


def test_strict_french_asks_for_no_break_spaces() -> None:
    found = run("Why?", "Pourquoi ?", "fr", french_nbsp=True)
    assert kinds(found) == [("french-spacing", " ?", f"{NNBSP}?")]


def test_french_rules_do_not_apply_to_other_languages() -> None:
    assert run("He said “hello”.", "Er sagte „Hallo“.", "de") == []
    assert run("Question: Why?", "Domanda: perché?", "it") == []


# --- speaker labels --------------------------------------------------------------------------


def test_speaker_label_missing_in_target() -> None:
    (finding,) = run("Question: Why?", "Почему?")
    assert (finding.kind, finding.suggestion) == ("speaker-label", "Вопрос:")
    assert "Question:" in finding.message


def test_speaker_labels_of_different_roles() -> None:
    (finding,) = run("Question: Why?", "Respuesta: ¿Por qué?", "es")
    assert (finding.kind, finding.found, finding.suggestion) == (
        "speaker-label",
        "Respuesta:",
        "Pregunta:",
    )


def test_target_label_without_source_label() -> None:
    (finding,) = run("Why should I care?", "Вопрос: Почему меня это должно волновать?")
    assert (finding.kind, finding.found) == ("speaker-label", "Вопрос:")


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("Question: Why?", "Вопрос: Почему?", "ru"),
        ("Answer: Yes.", "Respuesta: Sí.", "es"),
        ("Question: Why?", f"Question{NBSP}: pourquoi{NNBSP}?", "fr"),
        ("My Comment: Good.", "Мой комментарий: Хорошо.", "ru"),
        ("Remark: But sometimes.", "Observación: Pero a veces.", "es"),
        (
            "(00:15) M. Laitman: Let us read slowly.",
            "(00:15) М. Лайтман: Давайте читать медленно.",
            "ru",
        ),
        ("> Rabbi Akiva: “Love your neighbor.”", "> Рабби Акива: «Возлюби ближнего».", "ru"),
        ("Reader: We continue.", "Leser: Wir lesen weiter.", "de"),
        (
            "The screen calculates: this much and no more.",
            "Масах вычисляет, сколько можно взять.",
            "ru",
        ),
        (
            "Baal HaSulam writes: “The greater the desire.”",
            "Бааль Сулам пишет, что чем больше желание.",
            "ru",
        ),
    ],
)
def test_consistent_or_absent_labels_are_not_reported(src: str, tgt: str, lang: str) -> None:
    assert [f for f in run(src, tgt, lang) if f.kind == "speaker-label"] == []


def test_speaker_label_parsing() -> None:
    label = speaker_label("(00:42) M. Laitman: Notice the order.")
    assert label is not None and (label.text, label.named, label.role) == ("M. Laitman", True, None)
    label = speaker_label("Мой ответ: Хорошо.")
    assert label is not None and label.role == "my-answer"
    assert speaker_label("It is 10:30 now.") is None


def test_blank_target_is_left_to_the_untranslated_check() -> None:
    assert run("Question: Why?", "") == []
