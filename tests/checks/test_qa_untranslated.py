"""untranslated: blank targets, omitted lines and copies of the source, with legitimate copies."""

from __future__ import annotations

import pytest

from workbench.checks import CheckContext, Finding, SegmentPair, get_check


def run(
    src: tuple[str, ...],
    tgt: tuple[str, ...],
    tgt_lang: str = "ru",
    src_lang: str = "en",
    **options: object,
) -> list[Finding]:
    ctx = CheckContext(src_lang, tgt_lang, options=dict(options))
    pair = SegmentPair(src, tgt, tuple(range(len(src))), tuple(range(10, 10 + len(tgt))))
    return list(get_check("untranslated").check_segment(pair, ctx))


@pytest.mark.parametrize("blank", ["", "   ", "\u00a0\t"])
def test_blank_target_is_untranslated_error(blank: str) -> None:
    (finding,) = run(("Then keep going.",), (blank,))
    assert (finding.kind, finding.severity, finding.span_line) == ("untranslated", "error", 10)
    assert "Then keep going." in finding.message


def test_deletion_link_is_an_omission_warning_that_can_be_turned_off() -> None:
    (finding,) = run(("I like this example very much.",), ())
    assert (finding.kind, finding.severity) == ("omitted", "warning")
    assert run(("I like this example very much.",), (), report_omitted=False) == []


def test_added_target_lines_and_empty_sources_are_not_reported() -> None:
    assert run((), ("(Примечание переводчика: авиют иногда называют толщиной.)",)) == []
    assert run(("  ",), ("",)) == []


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How The Screen Builds A Partzuf", "ru"),
        ("Then keep going, feeling is not the criterion.", "es"),
        ("The ten does not close itself off.", "de"),
        ("Notice the order of the words here.", "fr"),
        ("Each organ works for the whole.", "it"),
    ],
)
def test_copied_source_is_identical_error_with_span(text: str, lang: str) -> None:
    (finding,) = run((text,), ("  " + text,), lang)
    assert (finding.kind, finding.severity, finding.found) == ("identical", "error", text)
    assert finding.span == (2, 2 + len(text)) and finding.span_line == 10


def test_identical_ignores_case_and_whitespace() -> None:
    (finding,) = run(("Then keep going and connect.",), ("then  keep going and CONNECT.",), "es")
    assert finding.kind == "identical"


@pytest.mark.parametrize(
    "text",
    [
        "[248613]",
        "(00:42)",
        "12/24/17",
        "1.",
        "YESHSUT",
        "Rabash",
        "Baal HaSulam",
        "Talmud Eser Sefirot",
        "Dr. Michael Laitman",
        "ABYA AND YESHSUT TOGETHER",
        "www.kabbalah.info",
        "בראשית ברא אלוהים את השמים ואת הארץ",
    ],
)
def test_legitimate_copies_are_not_reported(text: str) -> None:
    assert run((text,), (text,), "ru") == []
    assert run((text,), (text,), "es") == []


def test_short_lines_threshold_is_an_option() -> None:
    assert run(("No, never.",), ("No, never.",), "es") == []
    (finding,) = run(("No, never.",), ("No, never.",), "es", identical_min_words=2)
    assert finding.kind == "identical"


def test_same_language_pair_is_an_edit_not_a_translation() -> None:
    assert run(("Then keep going and connect.",), ("Then keep going and connect.",), "en") == []


def test_translated_text_is_not_reported() -> None:
    assert run(("Then keep going.",), ("Тогда продолжайте.",)) == []
