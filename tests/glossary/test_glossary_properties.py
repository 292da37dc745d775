"""Property tests: lossless CSV ⇄ TBX round trips and matcher invariants."""

from __future__ import annotations

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.glossary.helpers import glossary, matcher
from workbench.formats.glossary_csv import (
    COLUMNS,
    join_variants,
    read_glossary_csv,
    write_glossary_csv,
)
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.glossary import TermMatcher, term_text_problem, tokenize

# Any printable text: quotes, commas, |, backslashes, Hebrew (RTL), combining accents.
chars = st.characters(
    blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
    blacklist_characters="\ufffe\uffff",
)
special = st.sampled_from(
    ['"', ",", "|", "\\", "«", "»", "'", "’", "-", "a\u0301", "לִשְׁמָה", "ё", "ß", " "]
)
raw_term = st.lists(
    st.one_of(chars, special, st.sampled_from("абвZeirАнпин")), min_size=1, max_size=12
)
term = raw_term.map("".join).map(str.strip).filter(lambda t: term_text_problem(t) is None)
note = st.text(
    st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from('\n\t,"|'),
    max_size=30,
)
langs = st.sampled_from(["en", "ru", "es", "de", "he", "pt-BR"])
concept_ids = st.from_regex(r"[a-z][a-z0-9_\-]{0,8}", fullmatch=True) | st.sampled_from(
    ["זעיר", "зеир_анпин", "id with space"]
)


@st.composite
def rows(draw: st.DrawFn) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    meta: dict[str, tuple[str, str]] = {}
    for _ in range(draw(st.integers(1, 5))):
        cid = draw(concept_ids)
        lang = draw(langs)
        if (cid, lang) in seen:
            continue
        seen.add((cid, lang))
        preferred = draw(term)
        allowed = draw(st.lists(term, max_size=3, unique=True))
        allowed = [a for a in allowed if a != preferred]
        forbidden = [f for f in draw(st.lists(term, max_size=3, unique=True)) if f not in allowed]
        forbidden = [f for f in forbidden if f != preferred]
        words = [t.surface for t in tokenize(preferred)]
        indeclinable = draw(st.sampled_from(["true", "false", "", *words[:1]]))
        definition, subject = meta.setdefault(cid, (draw(note).strip(), draw(note).strip()))
        out.append(
            {
                "concept_id": cid,
                "lang": lang,
                "preferred": preferred,
                "allowed_variants": join_variants(allowed),
                "forbidden_variants": join_variants(forbidden),
                "note": draw(note),
                "part_of_speech": draw(st.sampled_from(["", "noun", "proper noun (book)"])),
                "indeclinable": indeclinable,
                "case_sensitive": draw(st.sampled_from(["true", "False", ""])),
                "accent_insensitive": draw(st.sampled_from(["TRUE", "false", ""])),
                "forms": join_variants(draw(st.lists(term, max_size=2, unique=True))),
                "definition": definition,
                "subject": subject,
            }
        )
    return out


def to_csv(table: list[dict[str, str]], quoting: int) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), quoting=quoting, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode("utf-8")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows(), st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
def test_csv_tbx_csv_is_lossless(table: list[dict[str, str]], quoting: int) -> None:
    original = read_glossary_csv(to_csv(table, quoting), "in.csv")
    first = write_glossary_csv(original)  # the one normalisation pass
    via_tbx = read_tbx(write_tbx(original), "via.tbx")
    assert via_tbx == original
    assert write_glossary_csv(via_tbx) == first
    assert read_glossary_csv(first, "again.csv") == original


WORDS = (
    "Свет из Зеир Анпина в Малхут Малхуты Зеир-Анпин ло лишма лишма лишмы Бааль Сулама "
    "парцуфы сфиры кли клинок Шехины Творец творец ЗА за РАБАШа мира Бесконечности . , « » -"
)
words = st.sampled_from(WORDS.split())


@settings(max_examples=200, deadline=None)
@given(st.lists(words | st.text(max_size=6), max_size=25))
def test_matches_are_in_range_ordered_and_never_overlap(pieces: list[str]) -> None:
    text = " ".join(pieces)
    end = -1
    for match in matcher("ru").find(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.surface
        assert match.start >= end
        end = match.end
        for word in match.words:
            assert text[word.start : word.end] == word.surface
    for match in matcher("ru").find_all(text):
        assert text[match.start : match.end] == match.surface


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_never_breaks_any_language(text: str) -> None:
    for lang in ("en", "es", "de", "he"):
        for match in matcher(lang).find(text):
            assert text[match.start : match.end] == match.surface


def test_every_term_of_the_fixture_finds_its_concept() -> None:
    missed = []
    for lang in ("ru", "en", "es", "de", "he"):
        for cid, t in glossary().terms(lang):
            text = "Вот " + t.text + " здесь."
            if cid not in {m.concept_id for m in matcher(lang).find_all(text)}:
                missed.append((lang, cid, t.text))
    assert missed == []


def test_build_cost_is_small_for_the_fixture() -> None:
    # not a timing assertion: building twice gives the same behaviour (no shared state)
    first = TermMatcher(glossary(), "ru").find("Зеир Анпина")
    second = TermMatcher(glossary(), "ru").find("Зеир Анпина")
    assert [(m.concept_id, m.surface) for m in first] == [(m.concept_id, m.surface) for m in second]
