"""Bilingual review files: one row per unit with source, stored target, status, findings."""

from __future__ import annotations

import io

import pytest
from docx import Document as open_docx
from lxml import html as lxml_html

from workbench.formats.registry import formats
from workbench.formats.review_file import write_review_file
from workbench.model import (
    DocumentMeta,
    EditionDocument,
    Status,
    TranslationUnit,
    UnitText,
)


def document(name: str = "the-ladder", source_lang: str = "en") -> EditionDocument:
    def unit(
        key: str, paragraph: int, source: str, target: str | None, status: Status
    ) -> TranslationUnit:
        targets = () if target is None else (UnitText("ru", target, status, 2),)
        return TranslationUnit(key, name, UnitText(source_lang, source), targets, paragraph)

    return EditionDocument(
        name,
        DocumentMeta(title="The Ladder Of Degrees"),
        source_lang,
        (
            unit("t", 0, "The Ladder", "Лестница", Status.APPROVED),
            unit("a", 1, 'Malchut "receives"\nthe light', "Малхута получает\nсвет", Status.DRAFT),
            unit("b", 2, "<b>Bold</b> & more", None, Status.NEW),
        ),
    )


FINDINGS = {
    "a": ["term Malchut: Малхут is indeclinable (found Малхута)", "<script>x</script>"],
    "zzz": ["a finding for a unit not in the file"],
}


def test_html_review_table() -> None:
    data = write_review_file([document()], "ru", FINDINGS, "html")
    tree = lxml_html.fromstring(data)
    assert tree.findall(".//script") == [] and tree.findall(".//b") == []
    rows = tree.findall(".//tbody/tr")
    assert len(rows) == 3
    cells = [[c.text_content() for c in row.findall("td")] for row in rows]
    assert cells[0] == ["0", "The Ladder", "Лестницаapproved", ""]
    assert cells[1][1] == 'Malchut "receives"\nthe light'
    assert cells[1][2] == "Малхута получает\nсветdraft"
    assert cells[1][3] == "term Malchut: Малхут is indeclinable (found Малхута)<script>x</script>"
    assert cells[2][1] == "<b>Bold</b> & more"
    assert "(untranslated)" in cells[2][2]
    assert rows[1].get("class") == "has-findings" and rows[0].get("class") is None
    source_cell, target_cell = rows[1].findall("td")[1:3]
    assert (source_cell.get("lang"), target_cell.get("lang")) == ("en", "ru")
    summary = tree.find_class("summary")[0].text_content()
    assert summary == "1 document(s), 3 unit(s), 1 untranslated, 1 with findings"
    headers = [th.text_content() for th in tree.findall(".//thead//th")]
    assert headers == ["¶", "Source (en)", "Target (ru)", "Findings"]


def test_right_to_left_cells() -> None:
    data = write_review_file([document(source_lang="he")], "ru", {}, "html")
    tree = lxml_html.fromstring(data)
    source_cell = tree.findall(".//tbody/tr")[0].findall("td")[1]
    assert source_cell.get("dir") == "rtl" and source_cell.get("lang") == "he"


def test_docx_review_table() -> None:
    data = write_review_file([document(), document("second")], "ru", FINDINGS, "docx")
    docx_file = open_docx(io.BytesIO(data))
    assert len(docx_file.tables) == 2
    table = docx_file.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["¶", "Source (en)", "Target (ru)", "Findings"]
    assert rows[2][1] == 'Malchut "receives"\nthe light'
    assert rows[2][2] == "Малхута получает\nсвет\ndraft"
    assert rows[2][3].split("\n") == [
        "• term Malchut: Малхут is indeclinable (found Малхута)",
        "• <script>x</script>",
    ]
    assert rows[3][2] == "(untranslated)\nnew"
    assert table.style.name == "Table Grid"  # type: ignore[union-attr]
    assert table.rows[0]._tr.trPr is not None  # header row repeats on each page


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_review_files_are_deterministic(fmt: str) -> None:
    first = write_review_file([document()], "ru", FINDINGS, fmt)  # type: ignore[arg-type]
    assert first == write_review_file([document()], "ru", FINDINGS, fmt)  # type: ignore[arg-type]


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="html' or 'docx"):
        write_review_file([document()], "ru", {}, "pdf")  # type: ignore[arg-type]


def test_review_formats_are_registered() -> None:
    specs = {spec.name: spec for spec in formats("review")}
    assert set(specs) >= {"review-html", "review-docx"}
    assert specs["review-html"].write([document()], "ru", {}) == write_review_file(  # type: ignore[misc]
        [document()], "ru", {}, "html"
    )
