"""OmegaT glossary export for one language pair."""

from __future__ import annotations

from tests.glossary.helpers import glossary
from workbench.formats.omegat_glossary import read_omegat_glossary, write_omegat_glossary
from workbench.glossary import Concept, Term, Termbase, TermStatus


def test_one_line_per_source_term_with_the_preferred_target() -> None:
    tb = Termbase(
        [
            Concept(
                "kli",
                terms=(
                    Term("Kli", "en", TermStatus.PREFERRED),
                    Term("Kelim", "en", TermStatus.ALLOWED),
                    Term("Klis", "en", TermStatus.FORBIDDEN),
                    Term("кли", "ru", TermStatus.PREFERRED, indeclinable=True),
                    Term("келим", "ru", TermStatus.ALLOWED),
                    Term("келимы", "ru", TermStatus.FORBIDDEN),
                ),
                lang_notes={"ru": "sg кли,\npl келим"},
            ),
            Concept("only_en", terms=(Term("Ohr", "en", TermStatus.PREFERRED),)),
        ]
    )
    lines = write_omegat_glossary(tb, "en", "ru").decode().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [
        ["Kli", "кли"],
        ["Kelim", "кли"],
        ["Klis", "кли"],
    ]
    comment = lines[0].split("\t")[2]
    assert "also: келим" in comment and "not: келимы" in comment
    assert "indeclinable" in comment and "sg кли, pl келим" in comment
    assert all(line.count("\t") == 2 for line in lines)


def test_export_of_the_fixture_never_uses_a_forbidden_target() -> None:
    tb = glossary()
    forbidden = {t.text for _cid, t in tb.terms("ru", TermStatus.FORBIDDEN)}
    data = write_omegat_glossary(tb, "en", "ru").decode()
    targets = {line.split("\t")[1] for line in data.splitlines()}
    assert targets and not targets & forbidden


def test_read_back() -> None:
    tb = read_omegat_glossary("Kli\tкли\tnote\nKelim\tкли\n".encode(), "g.utf8", "en", "ru")
    assert [c.preferred("ru").text for c in tb] == ["кли", "кли"]
    assert tb.concepts[0].note_for("ru") == "note"
