"""The QA checks together: registered, robust on any text, and quiet on good translations."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.checks import CheckContext, Finding, SegmentPair, all_checks, get_check, run_checks

REPO = Path(__file__).resolve().parents[2]

QA = {
    "numbers": ("segment", "error"),
    "untranslated": ("segment", "error"),
    "wrong-language": ("segment", "error"),
    "end-punctuation": ("segment", "warning"),
    "whitespace": ("segment", "warning"),
    "brackets-quotes": ("segment", "warning"),
    "inconsistent-translation": ("corpus", "warning"),
}


def test_qa_checks_are_registered_with_scope_severity_and_description() -> None:
    registered = {c.id: c for c in all_checks()}
    for check_id, (scope, severity) in QA.items():
        check = registered[check_id]
        assert (check.scope, check.severity) == (scope, severity), check_id
        assert len(check.description) > 40 and severity.capitalize() in check.description
    assert "inconsistent-translation" in [c.id for c in all_checks("corpus")]


# --- no check raises, and every span points at its text -----------------------------------

_PIECES = st.sampled_from(
    [
        *"0123456789.,:;!?¿¡«»„“”‘’‚'\"()[]{}…/-–%ªº",
        " ",
        "\u00a0",
        "\u202f",
        "\t",
        "\u200f",
        "Question:",
        "Вопрос:",
        "Pregunta:",
        "(00:42) ",
        "[248613]",
        "12/24/17",
        "1 000",
        "3,5",
        "2-й",
        "٣",
        "𝟙",
        "שאלה",
        "YESHSUT",
        "the friends",
        "товарищи",
        "los amigos",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=6), _PIECES), max_size=20).map("".join)
_SIDE = st.lists(_TEXT, max_size=2).map(tuple)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    rows=st.lists(st.tuples(_SIDE, _SIDE), max_size=3),
    tgt_lang=st.sampled_from(["ru", "es", "de", "fr", "it", "he", "xx"]),
    src_lang=st.sampled_from(["en", "ru"]),
)
def test_no_check_raises_on_arbitrary_unicode(
    rows: list[tuple[tuple[str, ...], tuple[str, ...]]], tgt_lang: str, src_lang: str
) -> None:
    pairs = [
        SegmentPair(src, tgt, tuple(range(len(src))), tuple(range(len(tgt))), ref=number)
        for number, (src, tgt) in enumerate(rows)
    ]
    options = {"inconsistent_reverse": True, "french_nbsp": True}
    checks = [get_check(check_id) for check_id in QA]
    for finding in run_checks(pairs, CheckContext(src_lang, tgt_lang, options=options), checks):
        assert finding.check in QA and finding.severity in ("error", "warning", "info")
        assert finding.message
        if finding.span is None:
            continue
        pair = pairs[finding.ref]
        lines = pair.src if finding.side == "source" else pair.tgt
        text = lines[finding.span_line]
        start, end = finding.span
        assert 0 <= start <= end <= len(text)
        if finding.found is not None:
            assert text[start:end] == finding.found


# --- realistic pairs through every registered check ---------------------------------------


def run_all(rows: list[tuple[str, str]], tgt_lang: str) -> list[tuple[str, str, tuple[int, ...]]]:
    pairs = [SegmentPair((s,), (t,), (i,), (i,)) for i, (s, t) in enumerate(rows)]
    found: list[Finding] = list(run_checks(pairs, CheckContext("en", tgt_lang)))
    return [(f.check, f.kind, f.tgt_lines) for f in found]


def test_realistic_russian_pairs_give_only_the_planted_findings() -> None:
    rows = [
        ("How The Screen Builds A Partzuf", "Как масах строит парцуф"),
        ("Question: What does the Masach actually do?", "Вопрос: Что на самом деле делает масах?"),
        (
            "(00:42) M. Laitman: Notice the order.",
            "(00:42) М. Лайтман: Обратите внимание на порядок.",
        ),
        (
            "Rabbi Akiva: “Love your neighbor as yourself” is a great rule of the Torah.",
            "Рабби Акива: «Возлюби ближнего своего, как самого себя» – великое правило Торы.",
        ),
        (
            "At the convention that ended on 12/24/17, many of you felt it.",
            "На конгрессе, который закончился 12/24/17, многие из вас это ощутили.",
        ),
        ("The verse בראשית ברא opens the Torah.", "Стих בראשית ברא открывает Тору."),
        ("[248613]", "[248613]"),
        (
            "From the 2nd part of the Daily Kabbalah Lesson 1/23/19, Writings of Rabash",
            "Из 2-й части ежедневного урока по каббале 1/23/19, Труды Рабаша",
        ),
        # planted: a changed number, a lost question mark, a copied line, a double space
        ("Excerpt 5 in the lesson outline.", "Отрывок 6 в конспекте урока."),
        ("Question: Why push it back?", "Вопрос: Зачем отталкивать свет."),
        ("The ten does not close itself off.", "The ten does not close itself off."),
        ("Then keep going.", "Тогда  продолжайте."),
    ]
    assert run_all(rows, "ru") == [
        ("numbers", "different-number", (8,)),
        ("end-punctuation", "end-mark", (9,)),
        ("untranslated", "identical", (10,)),
        ("whitespace", "double-space", (11,)),
    ]


def test_realistic_spanish_pairs_give_only_the_planted_findings() -> None:
    rows = [
        (
            "Question: So, is the group like Zeir Anpin for me?",
            "Pregunta: Entonces, ¿el grupo es para mí como Zeir Anpin?",
        ),
        ("Wonderful! Let us continue.", "¡Maravilloso! Sigamos."),
        ("Don’t ask, “Why should I?”", "No preguntes: «¿Por qué yo?»."),
        ("[245178]", "(245178)"),
        (
            "From the Convention in Mexico 3/2/19, Lesson 2",
            "(Del Congreso de México 3/2/19, Lección 2)",
        ),
        ("YESHSUT", "YESHSUT"),
        # planted: no ¿, a Portuguese line, a quote never closed
        ("Question: What is my role?", "Pregunta: Cuál es mi papel?"),
        (
            "When the success of one is the joy of all, there is no distance.",
            "Quando o sucesso de um é a alegria de todos nós, não há mais distância.",
        ),
        ("He said: “Connect.”", "Dijo: «Conéctense."),
    ]
    assert run_all(rows, "es") == [
        ("end-punctuation", "spanish-inverted", (6,)),
        ("wrong-language", "wrong-language", (7,)),
        ("brackets-quotes", "unbalanced", (8,)),
    ]


def test_realistic_german_french_italian_pairs_are_clean() -> None:
    german = [
        ("Question: What does the Masach do?", "Frage: Was macht der Masach?"),
        (
            "Baal HaSulam writes: “The greater the desire, the greater the light.”",
            "Baal HaSulam schreibt: „Je größer der Wunsch, desto größer das Licht.“",
        ),
        (
            "At the convention that ended on 12/24/17, 1,500 friends felt it.",
            "Auf dem Kongress, der am 24.12.2017 endete, spürten es 1.500 Freunde.",
        ),
        ("From the 2nd part of the lesson", "Aus dem 2. Teil der Lektion"),
    ]
    french = [
        ("Question: What does the Masach do?", "Question\u00a0: que fait le Masach\u202f?"),
        (
            "He said: “Love your neighbor as yourself.”",
            "Il a dit\u00a0: «\u00a0Aime ton prochain comme toi-même.\u00a0»",
        ),
        ("It is 3.5% of 1,000,000.", "C’est 3,5\u00a0% de 1\u202f000\u202f000."),
    ]
    italian = [
        (
            "Question: How do I know that our ten is already one body?",
            "Domanda: Come faccio a sapere che la nostra decina è già un solo corpo?",
        ),
        (
            "From the 1st part of the Daily Kabbalah Lesson 5/9/21",
            "Dalla 1ª parte della Lezione quotidiana 5/9/21",
        ),
    ]
    assert run_all(german, "de") == []
    assert run_all(french, "fr") == []
    assert run_all(italian, "it") == []


def test_the_demo_translations_are_clean() -> None:
    """The translated demo posts follow every convention the QA checks know."""
    for lang in ("ru", "es"):
        for path in sorted((REPO / "sources" / lang).iterdir()):
            src = (REPO / "sources" / path.name).read_text(encoding="utf-8").splitlines()
            tgt = path.read_text(encoding="utf-8").splitlines()
            assert len(src) == len(tgt), path
            rows = [(s, t) for s, t in zip(src, tgt, strict=True) if s.strip() or t.strip()]
            assert run_all(rows, lang) == [], path
