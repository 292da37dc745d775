"""forbidden-variant, missing-term and inconsistent-rendering through check_parallel."""

from __future__ import annotations

import json

import pytest

from tests.glossary.helpers import glossary
from workbench.checks import check_parallel, finding_to_json, get_check
from workbench.errors import InputError

GLOSSARY_CHECKS = ("forbidden-variant", "missing-term", "inconsistent-rendering")


def run(src: list[str], tgt: list[str], links=None, src_lang="en", tgt_lang="ru", **kw):  # type: ignore[no-untyped-def]
    """The glossary checks only: the QA checks registered beside them have tests of their own."""
    kw.setdefault("checks", [get_check(check_id) for check_id in GLOSSARY_CHECKS])
    return check_parallel(glossary(), src_lang, tgt_lang, src, tgt, links, **kw)


def kinds(findings) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(f.kind, f.concept_id, f.found) for f in findings]


def test_clean_translation_has_no_findings() -> None:
    assert (
        run(
            ["The light comes from Zeir Anpin to Malchut."],
            ["Свет приходит из Зеир Анпина в Малхут."],
        )
        == []
    )


def test_forbidden_variant_with_span_and_inflected_suggestion() -> None:
    (finding,) = run(["The Shechina descends."], ["Нисхождение Шехины."])
    record = finding_to_json(finding)
    assert {k: record[k] for k in ("check", "concept_id", "kind", "found", "suggestion")} == {
        "check": "forbidden-variant",
        "concept_id": "shechina",
        "kind": "forbidden_variant",
        "found": "Шехины",
        "suggestion": "Шхины",
    }
    assert record["span"] == [12, 18] and record["tgt_lines"] == [0] and record["src_lines"] == [0]
    assert "Нисхождение Шехины."[12:18] == "Шехины"
    json.dumps(record)  # serialisable


def test_wrong_inflection_and_local_plural_are_their_own_kinds() -> None:
    found = run(
        ["Malchut receives.", "Between the Partzufim."],
        ["Малхутой получает.", "Между парцуфами."],
    )
    assert kinds(found) == [
        ("wrong_inflection", "malchut", "Малхутой"),
        ("local_plural", "partzuf", "парцуфами"),
    ]
    assert [f.suggestion for f in found] == ["Малхут", "парцуфим"]


def test_missing_term_names_the_source_occurrence() -> None:
    (finding,) = run(["Baal HaSulam explains."], ["Великий каббалист объясняет."])
    assert (finding.kind, finding.concept_id, finding.suggestion) == (
        "missing_term",
        "baal_hasulam",
        "Бааль Сулам",
    )
    assert finding.span is None and finding.found is None
    assert finding.extra["source_found"] == "Baal HaSulam"


def test_inflected_or_allowed_rendering_satisfies_missing_term() -> None:
    assert run(["From Baal HaSulam's letters."], ["Из писем Бааль Сулама."]) == []
    assert run(["Zeir Anpin gives."], ["ЗА даёт."]) == []


def test_lo_lishma_requires_lo_lishma_but_not_also_lishma() -> None:
    assert run(["Lo Lishma comes first."], ["Сначала ло лишма."]) == []
    found = run(["From Lo Lishma we come to Lishma."], ["Из ло лишма мы приходим."])
    assert kinds(found) == [("missing_term", "lishma", None)]


def test_nested_term_renders_its_concept() -> None:
    assert run(["Malchut of the world of Infinity."], ["Малхут мира Бесконечности."]) == []


def test_forbidden_rendering_is_not_also_missing() -> None:
    found = run(["The Shechina."], ["Шехина."])
    assert [f.kind for f in found] == ["forbidden_variant"]


def test_wrong_case_only_when_the_source_has_the_concept() -> None:
    found = run(["Baal HaSulam speaks of the Creator."], ["Бааль Сулам говорит о творце."])
    assert kinds(found) == [("wrong_case", "creator", "творце")]
    assert found[0].suggestion == "Творце" and found[0].severity == "warning"
    assert run(["He is the author of his fate."], ["Он творец своей судьбы."]) == []


def test_counting_is_opt_in() -> None:
    src, tgt = ["Bina and again Bina."], ["Бина и снова она."]
    assert run(src, tgt) == []
    (finding,) = run(src, tgt, options={"count_occurrences": True})
    assert (finding.kind, finding.severity) == ("fewer_occurrences", "warning")


def test_inconsistent_rendering_across_the_corpus() -> None:
    found = run(
        ["Zeir Anpin.", "Zeir Anpin.", "Zeir Anpin."],
        ["Зеир Анпин.", "к Зеир Анпину.", "ЗА."],
    )
    (finding,) = found
    assert finding.kind == "inconsistent_rendering" and finding.concept_id == "zeir_anpin"
    assert finding.tgt_lines == (2,)
    assert [(r["text"], r["count"]) for r in finding.extra["renderings"]] == [
        ("Зеир Анпин", 2),
        ("ЗА", 1),
    ]


def test_links_group_lines_and_spans_name_their_line() -> None:
    src = ["Zeir Anpin gives.", "Malchut receives."]
    tgt = ["Зеир Анпин даёт,", "а Малхуты получают.", "Лишний текст."]
    found = run(src, tgt, links=[((0, 1), (0, 1)), ((), (2,))])
    (finding,) = found
    assert finding.tgt_lines == (0, 1) and finding.src_lines == (0, 1)
    assert finding.span_line == 1 and finding.span == (2, 9)
    assert tgt[1][2:9] == "Малхуты"
    assert finding_to_json(finding)["span_line"] == 1


def test_deletion_links_and_empty_targets_are_not_missing_terms() -> None:
    assert run(["Bina.", "Malchut."], ["", "Малхут."], links=[((0,), ()), ((1,), (1,))]) == []
    assert run(["Bina."], [""]) == []


def test_line_counts_and_bad_links_are_input_errors() -> None:
    with pytest.raises(InputError, match="2 lines"):
        run(["a", "b"], ["a"])
    with pytest.raises(InputError, match="target line 5"):
        run(["a"], ["b"], links=[((0,), (5,))])


def test_json_record_has_the_required_keys() -> None:
    (finding,) = run(["Bina."], ["Бинах."])
    record = finding_to_json(finding)
    for key in (
        "check",
        "concept_id",
        "kind",
        "tgt_lines",
        "src_lines",
        "found",
        "span",
        "suggestion",
    ):
        assert key in record
    assert list(record)[:8] == [
        "check",
        "concept_id",
        "kind",
        "tgt_lines",
        "src_lines",
        "found",
        "span",
        "suggestion",
    ]


@pytest.mark.parametrize(
    ("src_lang", "tgt_lang", "src", "tgt", "expected"),
    [
        (
            "en",
            "es",
            "The Shechina.",
            "La Shekhiná.",
            [("forbidden_variant", "shechina", "Shekhiná")],
        ),
        ("en", "es", "The Kelim.", "Los Kelims.", [("forbidden_variant", "kli", "Kelims")]),
        (
            "en",
            "de",
            "The Zohar texts.",
            "Die Zohar-Texte.",
            [("forbidden_variant", "zohar", "Zohar")],
        ),
        ("en", "de", "The Zohar texts.", "Die Sohar-Texte.", []),
        ("ru", "en", "Свет Бины.", "The light of Binah.", [("forbidden_variant", "bina", "Binah")]),
        ("ru", "en", "Свет Бины.", "The light of understanding.", [("missing_term", "bina", None)]),
    ],
)
def test_other_language_pairs(
    src_lang: str, tgt_lang: str, src: str, tgt: str, expected: list[tuple[str, str, str]]
) -> None:
    assert kinds(run([src], [tgt], src_lang=src_lang, tgt_lang=tgt_lang)) == expected


def test_check_subset() -> None:
    found = run(["The Shechina."], ["Шехина."], checks=[get_check("missing-term")])
    assert found == []


def test_weak_source_variants_do_not_require_the_concept_unless_asked() -> None:
    # "giving" is an allowed English variant of bestowal, but "giving up" is not bestowal
    assert run(["Giving up is not an option."], ["Сдаваться нельзя."]) == []
    found = run(
        ["Giving up is not an option."],
        ["Сдаваться нельзя."],
        options={"weak_source_variants": True},
    )
    assert kinds(found) == [("missing_term", "bestowal", None)]
    # an abbreviation in capitals is strong
    assert kinds(run(["ZA gives."], ["Он даёт."])) == [("missing_term", "zeir_anpin", None)]
