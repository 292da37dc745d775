"""brackets-quotes: unbalanced brackets and quotes of every convention, and () / [] counts."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check
from workbench.checks.qa_brackets import unbalanced


def run(
    src: str | tuple[str, ...], tgt: str | tuple[str, ...], tgt_lang: str = "ru"
) -> list[Finding]:
    src_t = (src,) if isinstance(src, str) else src
    tgt_t = (tgt,) if isinstance(tgt, str) else tgt
    pair = SegmentPair(src_t, tgt_t, tuple(range(len(src_t))), tuple(range(4, 4 + len(tgt_t))))
    return list(get_check("brackets-quotes").check_segment(pair, CheckContext("en", tgt_lang)))


def kinds(found: list[Finding]) -> list[tuple[str, str | None, tuple[int, int] | None]]:
    return [(f.kind, f.found, f.span) for f in found]


@pytest.mark.parametrize(
    ("tgt", "expected"),
    [
        ("Он сказал «привет.", [("unbalanced", "«", (10, 11))]),
        ("Он сказал привет».", [("unbalanced", "»", (16, 17))]),
        ("Это поручительство (Арвут.", [("unbalanced", "(", (19, 20))]),
        ("Это поручительство Арвут).", [("unbalanced", ")", (24, 25))]),
        ("Er sagte „Hallo.", [("unbalanced", "„", (9, 10))]),
        ("He said “hello.", [("unbalanced", "“", (8, 9))]),
        ('He said "hello.', [("unbalanced", '"', (8, 9))]),
        ("См. [примечание (1].", [("unbalanced", "(", (16, 17))]),
        ("He said ‘hello.", [("unbalanced", "‘", (8, 9))]),
    ],
)
def test_unbalanced_marks_are_reported_with_span(
    tgt: str, expected: list[tuple[str, str, tuple[int, int]]]
) -> None:
    found = run("He said (hi) “hello”.", tgt)
    assert kinds([f for f in found if f.kind == "unbalanced"]) == expected
    assert all(f.severity == "warning" for f in found if f.kind == "unbalanced")


@pytest.mark.parametrize(
    "tgt",
    [
        "Рабби Акива: «Возлюби ближнего своего, как самого себя» – великое правило Торы.",
        "Он цитирует «книгу „Шамати“ и письмо».",  # Russian nested quotes
        "Er nennt es „den Schlüssel“ und »das Tor« im Buch.",  # German both styles
        "Polish „cytat” works too.",
        "He said “she wrote ‘yes’ to me”.",
        "Baal HaSulam’s article and the friends’ hearts.",  # apostrophes
        "The Ba‘al Shem Tov and Ya‘akov.",  # ayin in transliteration
        "1) the group; 2) the teacher; a) the books.",  # list markers
        "Спасибо :) до встречи.",
        "(00:15) М. Лайтман: Давайте читать медленно.",
        "«Почему?» – спросил он. «Потому что»",
        "Стих «בראשית ברא» (В начале) открывает Тору.",  # Hebrew inside
        "L’article «\u00a0L’Arvout\u00a0» l’explique.",
    ],
)
def test_balanced_texts_are_not_reported(tgt: str) -> None:
    assert [f for f in run("x", tgt) if f.kind == "unbalanced"] == []


def test_a_quote_over_two_target_lines_balances() -> None:
    assert run("He said: “Go. Now.”", ("Он сказал: «Иди.", "Сейчас же».")) == []


def test_a_quote_the_source_leaves_open_is_not_reported() -> None:
    # a quotation running over several paragraphs opens in one and closes in a later one
    assert run("“The first paragraph of the quotation.", "«Первый абзац цитаты.") == []
    # but a bracket the source closes still has to be closed
    found = run("“The first (paragraph) of the quotation.", "«Первый абзац (цитаты.")
    assert kinds(found) == [("unbalanced", "(", (14, 15))]


def test_bracket_count_mismatch_is_info() -> None:
    (finding,) = run("This is Arvut.", "Это и есть поручительство (Арвут).")
    assert (finding.kind, finding.severity) == ("bracket-count", "info")
    assert finding.extra == {"source": 0, "target": 1}
    (finding,) = run("See [1] and [2].", "См. [1].")
    assert (finding.kind, finding.extra["source"], finding.extra["target"]) == (
        "bracket-count",
        2,
        1,
    )


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("[248613]", "(248613)"),  # Spanish prints the post id in ()
        (
            "From the Convention in Mexico 3/2/19, Lesson 2",
            "(Del Congreso de México 3/2/19, Lección 2)",
        ),
        ("The light is Ohr Hozer (Reflected Light).", "Свет – ор хозер (отраженный свет)."),
        ("(00:42) M. Laitman: Yes.", "(00:42) М. Лайтман: Да."),
    ],
)
def test_counts_that_match_or_are_conventions(src: str, tgt: str) -> None:
    assert run(src, tgt, "es") == []


def test_unbalanced_reports_positions_across_lines() -> None:
    marks = unbalanced(("Первая (часть.", "Вторая «часть»]."))
    assert [(m.char, m.index, m.offset, m.opening) for m in marks] == [
        ("(", 0, 7, True),
        ("]", 1, 14, False),
    ]
