"""inconsistent-translation: one source, several targets across the corpus (and the reverse)."""

from __future__ import annotations

from workbench.checks import CheckContext, Finding, SegmentPair, get_check, run_checks


def run(rows: list[tuple[str, str]], tgt_lang: str = "ru", **options: object) -> list[Finding]:
    pairs = [SegmentPair((s,), (t,), (i,), (i,), ref=f"post-{i}") for i, (s, t) in enumerate(rows)]
    ctx = CheckContext("en", tgt_lang, options=dict(options))
    return list(run_checks(pairs, ctx, [get_check("inconsistent-translation")]))


def test_same_source_translated_two_ways_lists_variants_with_counts() -> None:
    found = run(
        [
            ("How?", "Как?"),
            ("Then keep going.", "Тогда продолжайте."),
            ("How?", "Каким образом?"),
            ("how? ", "Как?"),  # case and whitespace are normalised
        ]
    )
    (finding,) = found
    assert (finding.kind, finding.severity, finding.found) == (
        "inconsistent-translation",
        "warning",
        "How?",
    )
    assert "'Как?' ×2" in finding.message and "'Каким образом?' ×1" in finding.message
    assert finding.suggestion == "Как?"
    assert finding.tgt_lines == (2,)  # the less frequent variant
    assert finding.src_lines == (0, 2, 3)
    variants = finding.extra["variants"]
    assert [(v["text"], v["count"], v["tgt_lines"]) for v in variants] == [
        ("Как?", 2, [0, 3]),
        ("Каким образом?", 1, [2]),
    ]
    assert variants[0]["refs"] == ["post-0", "post-3"]


def test_a_tie_has_no_suggestion() -> None:
    (finding,) = run([("Yes.", "Да."), ("Yes.", "Верно.")])
    assert finding.suggestion is None


def test_variants_differing_only_in_spacing_case_or_ellipsis_are_one() -> None:
    rows = [
        ("Wait...", "Подождите, товарищи…"),
        ("Wait…", "подождите,  товарищи..."),
        ("wait...", "Подождите,\u00a0товарищи…"),
        ("Baal HaSulam’s letter.", "Письмо Бааль Сулама."),
        ("Baal HaSulam's letter.", "Письмо  Бааль Сулама."),
    ]
    assert run(rows) == []
    (finding,) = run([*rows, ("Wait...", "Подождите, друзья…")])
    assert [v["count"] for v in finding.extra["variants"]] == [3, 1]


def test_consistent_corpus_ids_and_empty_targets_are_not_reported() -> None:
    assert (
        run(
            [
                ("Question: Why?", "Вопрос: Почему?"),
                ("Question: Why?", "Вопрос: Почему?"),
                ("[248613]", "[248613]"),
                ("[248613]", "(248613)"),  # no letters: the numbers check's business
                ("Then keep going.", ""),
                ("Then keep going.", "Тогда продолжайте."),
            ]
        )
        == []
    )


def test_reverse_direction_is_optional() -> None:
    rows = [
        ("The friends help one another.", "Товарищи помогают друг другу."),
        ("Friends help each other.", "Товарищи помогают друг другу."),
    ]
    assert run(rows) == []
    (finding,) = run(rows, inconsistent_reverse=True)
    assert (finding.kind, finding.severity, finding.found) == (
        "same-target",
        "warning",
        "Товарищи помогают друг другу.",
    )
    assert "2 different sources" in finding.message


def test_reverse_ignores_short_targets() -> None:
    rows = [("Yes.", "Да."), ("Right.", "Да.")]
    assert run(rows, inconsistent_reverse=True) == []


def test_multi_line_links_are_compared_as_a_whole() -> None:
    pairs = [
        SegmentPair(("A long sentence.",), ("Первая часть.", "Вторая часть."), (0,), (0, 1)),
        SegmentPair(("A long sentence.",), ("Первая часть. Вторая часть.",), (5,), (7,)),
        SegmentPair(("A long sentence.",), ("Другое.",), (9,), (9,)),
    ]
    ctx = CheckContext("en", "ru")
    (finding,) = run_checks(pairs, ctx, [get_check("inconsistent-translation")])
    assert [v["count"] for v in finding.extra["variants"]] == [2, 1]
    assert finding.tgt_lines == (9,)
