"""numbers: values compared across locale formats, dates, times, ordinals, ids and words."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check
from workbench.checks.qa_numbers import extract_numbers


def run(
    src: str, tgt: str, tgt_lang: str = "ru", src_lang: str = "en", **options: object
) -> list[Finding]:
    ctx = CheckContext(src_lang, tgt_lang, options=dict(options))
    pair = SegmentPair((src,), (tgt,), (3,), (5,))
    return list(get_check("numbers").check_segment(pair, ctx))


def kinds(found: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.kind, f.found) for f in found]


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # thousands separators of every locale
        ("1,000 people came.", "Пришло 1 000 человек.", "ru"),
        ("1,000 people came.", "Пришло 1\u00a0000 человек.", "ru"),
        ("1,000 people came.", "1.000 Menschen kamen.", "de"),
        ("1,000 people came.", "Vinieron 1000 personas.", "es"),
        ("It is 1,000,000.", "C’est 1\u202f000\u202f000.", "fr"),
        # decimal marks and percentages
        ("It grew by 3.5%.", "Creció un 3,5 %.", "es"),
        ("It grew by 3.5 percent.", "È cresciuto del 3,5 per cento.", "it"),
        ("1,000.5 units", "1.000,5 Einheiten", "de"),
        # dates: the corpus keeps M/D/YY; rewritten dates match too
        ("Lesson 1/23/19, Writings of Rabash", "Урок 1/23/19, Труды Рабаша", "ru"),
        ("The convention ended on 12/24/17.", "El congreso terminó el 24.12.2017.", "es"),
        ("The convention ended on 12/24/17.", "Der Kongress endete am 2017-12-24.", "de"),
        ("The convention ended on 12/24/17.", "Конгресс закончился 24 декабря 2017 года.", "ru"),
        # times and timecodes
        ("(00:42) M. Laitman: Notice the order.", "(00:42) М. Лайтман: Обратите внимание.", "ru"),
        ("We start at 10:30.", "Wir beginnen um 10.30 Uhr.", "de"),
        ("We start at 10:30.", "Nous commençons à 10 h 30.", "fr"),
        # ordinal marks
        ("From the 2nd part of the lesson", "Из 2-й части урока", "ru"),
        ("From the 2nd part of the lesson", "De la 2.ª parte de la lección", "es"),
        ("From the 1st part of the lesson", "Dalla 1ª parte della lezione", "it"),
        ("From the 2nd part of the lesson", "De la 2e partie de la leçon", "fr"),
        ("From the 2nd part of the lesson", "Aus dem 2. Teil der Lektion", "de"),
        # post ids in [] or ()
        ("[248613]", "(248613)", "es"),
        ("[248613]", "[248613]", "ru"),
        # small numbers as words, either way round
        ("Excerpt 5 in the outline.", "Пятый отрывок в конспекте.", "ru"),
        ("There are four conditions.", "Hay 4 condiciones.", "es"),
        ("From the 2nd part", "Из второй части", "ru"),
        ("Chapter 3", "Chapitre trois", "fr"),
        # Hebrew text around the numbers and other scripts' digits
        ("Psalm 23: מזמור לדוד", "Псалом 23: מזמור לדוד", "ru"),
        ("Page ٣٥", "Página 35", "es"),
    ],
)
def test_same_values_in_other_formats_are_not_reported(src: str, tgt: str, lang: str) -> None:
    assert run(src, tgt, lang) == []


def test_a_changed_number_is_different_with_the_source_as_suggestion() -> None:
    (finding,) = run("It costs 3.5 dollars.", "Cuesta 3,6 dólares.", "es")
    assert (finding.kind, finding.found, finding.suggestion) == ("different-number", "3,6", "3,5")
    assert finding.severity == "error" and finding.span == (7, 10) and finding.span_line == 5
    assert finding.extra["source_number"] == "3.5"


def test_a_changed_date_is_reported() -> None:
    (finding,) = run("Lesson 1/23/19, Rabash", "Урок 1/24/19, Рабаш")
    assert (finding.kind, finding.found, finding.suggestion) == (
        "different-number",
        "1/24/19",
        "1/23/19",
    )


def test_a_changed_id_is_reported() -> None:
    (finding,) = run("[248613]", "(248631)", "es")
    assert (finding.kind, finding.suggestion) == ("different-number", "248613")


def test_missing_number_points_into_the_source() -> None:
    (finding,) = run("Excerpt 5 in the outline.", "Отрывок в конспекте.")
    assert (finding.kind, finding.side, finding.span, finding.span_line) == (
        "missing-number",
        "source",
        (8, 9),
        3,
    )
    assert "source" in finding.message and finding.suggestion is None


def test_extra_number_points_into_the_target() -> None:
    (finding,) = run("Excerpt in the outline.", "Отрывок 7 в конспекте.")
    assert (finding.kind, finding.side, finding.span, finding.found) == (
        "extra-number",
        "target",
        (8, 9),
        "7",
    )


def test_several_differences_are_reported_one_by_one() -> None:
    found = run("In 1917 there were 12 friends.", "В 1918 году было 13 товарищей и 2 учителя.")
    assert kinds(found) == [
        ("missing-number", "1917"),
        ("missing-number", "12"),
        ("extra-number", "1918"),
        ("extra-number", "13"),
        ("extra-number", "2"),
    ]


def test_number_words_can_be_turned_off() -> None:
    assert run("Excerpt 5.", "Пятый отрывок.") == []
    assert kinds(run("Excerpt 5.", "Пятый отрывок.", number_words=False)) == [
        ("missing-number", "5")
    ]


def test_a_number_word_of_another_value_does_not_excuse() -> None:
    assert kinds(run("Excerpt 5.", "Шестой отрывок.")) == [("missing-number", "5")]


def test_presence_not_counts() -> None:
    assert run("10 friends and 10 more.", "10 товарищей и еще столько же.") == []


def test_a_date_in_words_needs_its_day_and_year() -> None:
    assert kinds(run("It ended on 12/24/17.", "Он закончился 25 декабря 2017 года.")) == [
        ("missing-number", "12/24/17"),
        ("extra-number", "25"),
        ("extra-number", "2017"),
    ]


def test_empty_target_is_left_to_the_untranslated_check() -> None:
    assert run("Excerpt 5.", "") == []


def test_extract_numbers_reads_values_not_spellings() -> None:
    values = {t.raw: t.keys for t in extract_numbers("1,250 / 1.000 / 2017 200 / 1,2,3")}
    assert ("n", "1250", "") in values["1,250"] and ("n", "1", "25") in values["1,250"]
    assert ("n", "1000", "") in values["1.000"]
    # a plain space groups only three-digit groups after a short head: two numbers here
    assert [t.raw for t in extract_numbers("in 2017 200 people")] == ["2017", "200"]
    assert [t.raw for t in extract_numbers("1,2,3")] == ["1", "2", "3"]


def test_huge_digit_runs_do_not_overflow() -> None:
    digits = "9" * 5000
    assert run(digits, digits) == []
    assert kinds(run(digits, digits + "8")) == [("different-number", digits + "8")]
