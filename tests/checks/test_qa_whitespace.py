"""whitespace: double spaces, leading/trailing whitespace and tabs the source does not have."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check


def run(src: str, tgt: str | tuple[str, ...], tgt_lang: str = "ru") -> list[Finding]:
    tgt_t = (tgt,) if isinstance(tgt, str) else tgt
    pair = SegmentPair((src,), tgt_t, (0,), tuple(range(2, 2 + len(tgt_t))))
    return list(get_check("whitespace").check_segment(pair, CheckContext("en", tgt_lang)))


def spans(found: list[Finding]) -> list[tuple[str, tuple[int, int] | None, int | None, str | None]]:
    return [(f.kind, f.span, f.span_line, f.suggestion) for f in found]


def test_each_kind_with_its_span_in_reading_order() -> None:
    found = run("A b c.", " A  b\tc. ")
    assert spans(found) == [
        ("leading-space", (0, 1), 2, ""),
        ("double-space", (2, 4), 2, " "),
        ("tab", (5, 6), 2, " "),
        ("trailing-space", (8, 9), 2, ""),
    ]
    assert all(f.severity == "warning" for f in found)
    assert found[1].found == "  "


def test_no_break_spaces_count_in_a_double_space() -> None:
    (finding,) = run("Why?", "Pourquoi \u00a0?", "fr")
    assert (finding.kind, finding.found) == ("double-space", " \u00a0")


def test_findings_on_the_second_line_of_a_link() -> None:
    (finding,) = run("A long sentence.", ("Первая часть.", "Вторая  часть."))
    assert (finding.kind, finding.span_line, finding.span) == ("double-space", 3, (6, 8))


def test_a_tab_run_is_one_tab_finding_not_also_a_double_space() -> None:
    assert spans(run("A b.", "A \t b.")) == [
        ("tab", (2, 3), 2, " "),
    ]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("A  b.", "А  б."),  # the source lines things up with double spaces
        ("\tIndented.", "\tС отступом."),
        ("  Quoted block.", "  Цитата."),
        ("Trailing. ", "Конец. "),
        ("Question: Why?", "Question\u00a0: pourquoi\u202f?"),  # French single no-break spaces
        ("Hebrew: שלום עולם", "Иврит: שלום עולם"),
        ("A b.", ""),  # blank target: the untranslated check's business
    ],
)
def test_not_reported(src: str, tgt: str) -> None:
    assert run(src, tgt, "fr" if "\u00a0" in tgt else "ru") == []
