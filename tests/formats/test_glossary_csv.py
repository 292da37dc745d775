"""Glossary CSV: reading, writing, errors with physical line numbers, round trips."""

from __future__ import annotations

import codecs

import pytest

from tests.glossary.helpers import GLOSSARY
from workbench.errors import InputError
from workbench.formats.glossary_csv import (
    join_variants,
    read_glossary_csv,
    split_variants,
    write_glossary_csv,
)
from workbench.formats.registry import for_filename
from workbench.glossary import TermStatus

HEADER = "concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"


def read(text: str) -> object:
    return read_glossary_csv(text.encode("utf-8"), "g.csv")


def error_of(text: str | bytes) -> InputError:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(InputError) as caught:
        read_glossary_csv(data, "g.csv")
    assert caught.value.file == "g.csv"
    return caught.value


def test_reads_rows_variants_and_notes() -> None:
    tb = read(HEADER + 'kli,ru,кли,келим|Кли,келимы,"pl, indeclinable"\n')
    concept = tb.concept("kli")
    assert [(t.text, t.status) for t in concept.terms] == [
        ("кли", TermStatus.PREFERRED),
        ("келим", TermStatus.ALLOWED),
        ("Кли", TermStatus.ALLOWED),
        ("келимы", TermStatus.FORBIDDEN),
    ]
    assert concept.note_for("ru") == "pl, indeclinable"


def test_bom_is_accepted() -> None:
    data = codecs.BOM_UTF8 + (HEADER + "a,en,Bina,,,\n").encode()
    assert read_glossary_csv(data, "g.csv").concept("a").preferred("en").text == "Bina"


def test_escaped_pipe_and_backslash() -> None:
    assert split_variants(r"a\|b|c\\d| e ") == ["a|b", "c\\d", "e"]
    assert split_variants(join_variants(["x|y", "z\\"])) == ["x|y", "z\\"]
    error = error_of(HEADER + "a,en,A,bad\\qescape,,\n")
    assert error.line == 2 and "escape" in error.problem


def test_optional_columns_and_row_flags() -> None:
    header = HEADER.strip() + ",part_of_speech,indeclinable,case_sensitive,forms,subject\n"
    tb = read(
        header
        + "ohr,ru,ор хозер,Ор Хозер|отраженный свет,,,noun,TRUE,false,ор хозэр,Kabbalah\n"
        + "zohar,ru,Книга Зоар,Зоар,Книга Зохар,,,Зоар,,,\n"
    )
    ohr = {t.text: t for t in tb.concept("ohr").terms}
    assert ohr["ор хозер"].indeclinable and ohr["ор хозер"].forms == ("ор хозэр",)
    assert ohr["Ор Хозер"].indeclinable  # same words as the preferred term
    assert not ohr["отраженный свет"].indeclinable  # a calque declines
    assert tb.concept("ohr").subject == "Kabbalah"
    zohar = {t.text: t for t in tb.concept("zohar").terms}
    assert zohar["Книга Зоар"].fixed_words == ("Зоар",)
    assert zohar["Зоар"].fixed_words == ("Зоар",)
    assert zohar["Книга Зохар"].fixed_words == ()


def test_physical_line_number_counts_lines_inside_quoted_cells() -> None:
    text = HEADER + 'a,en,A,,,"two\nline note"\n' + "b,en,B,X,X,\n"
    error = error_of(text)
    assert error.line == 4
    assert "listed both allowed and forbidden" in error.problem


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("a,en,A,,\n", "cells"),
        (",en,A,,,\n", "concept_id"),
        ("a,,A,,,\n", "lang"),
        ("a,en,,,,\n", "preferred"),
        ("a,en,A,B,B,\n", "both allowed and forbidden"),
        ("a,en,A,,A,\n", "both preferred and forbidden"),
    ],
)
def test_malformed_rows_name_the_line_and_return_nothing(row: str, problem: str) -> None:
    error = error_of(HEADER + "ok,en,Fine,,,\n" + row)
    assert error.line == 3
    assert problem in error.problem


def test_unknown_boolean_is_an_error() -> None:
    header = HEADER.strip() + ",case_sensitive\n"
    error = error_of(header + "a,en,A,,,,yes please\n")
    assert error.line == 2 and "case_sensitive" in error.problem


def test_misspelt_indeclinable_is_not_read_as_a_word_list() -> None:
    header = HEADER.strip() + ",indeclinable\n"
    error = error_of(header + "a,ru,Малхут,,,,ture\n")
    assert "indeclinable" in error.problem and "'ture'" in error.problem


def test_duplicate_concept_and_language_names_both_lines() -> None:
    error = error_of(HEADER + "a,en,A,,,\nb,en,B,,,\na,en,C,,,\n")
    assert error.line == 4 and "line 2" in error.problem


def test_unknown_and_missing_columns() -> None:
    error = error_of("concept_id,lang,preferred,allowed_variants,forbidden_variants,note,colour\n")
    assert error.line == 1 and "colour" in error.problem
    error = error_of("concept_id,lang,preferred\n")
    assert "allowed_variants" in error.problem


def test_invalid_utf8_names_the_line() -> None:
    error = error_of((HEADER + "a,en,A,,,\n").encode() + b"b,en,\xff,,,\n")
    assert error.line == 3


def test_unterminated_quote_is_an_error() -> None:
    error = error_of(HEADER + 'a,en,"A,,,\n')
    assert error.line is not None


def test_conflicting_definitions_of_one_concept() -> None:
    header = HEADER.strip() + ",definition\n"
    error = error_of(header + "a,en,A,,,,one\na,ru,А,,,,two\n")
    assert error.line == 3 and "definition" in error.problem


def test_repeated_variant_is_dropped_with_a_warning() -> None:
    tb = read(HEADER + "a,en,A,A|B|B,,\n")
    assert [t.text for t in tb.concept("a").terms] == ["A", "B"]
    assert len(tb.warnings) == 2


def test_writer_is_deterministic_and_idempotent() -> None:
    tb = read_glossary_csv(GLOSSARY.read_bytes(), GLOSSARY.name)
    first = write_glossary_csv(tb)
    assert first == GLOSSARY.read_bytes()
    assert write_glossary_csv(read_glossary_csv(first, "again.csv")) == first
    assert first.splitlines()[0].decode() == (
        "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,part_of_speech,"
        "indeclinable,case_sensitive,accent_insensitive,forms,definition,subject"
    )


def test_writer_refuses_what_csv_cannot_express() -> None:
    from workbench.glossary import Concept, Term, Termbase

    tb = Termbase(
        [
            Concept(
                "a",
                terms=(
                    Term("A", "en", TermStatus.PREFERRED),
                    Term("B", "en", TermStatus.ALLOWED, case_sensitive=True),
                ),
            )
        ]
    )
    with pytest.raises(InputError, match="case_sensitive"):
        write_glossary_csv(tb)
    assert b"a,en,A,B," in write_glossary_csv(tb, strict=False)


def test_registered_as_a_glossary_format() -> None:
    assert for_filename("terms.CSV", "glossary").read is read_glossary_csv
