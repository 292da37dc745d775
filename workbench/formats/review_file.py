"""Bilingual review files: source | target | findings tables for reviewers working offline.

A reviewer who prints the file or reads it on a plane sees every unit of each document as
one row: its paragraph number, the source text, the stored translation (as stored, with no
edition typography, since that is what is being reviewed) with its status, and the
findings of the checks for that unit. A summary on top counts units, untranslated units
and units with findings. HTML escapes every text (no markup from a translation can get in)
and marks languages and directions; DOCX uses Word's "Table Grid" table with a bold header
row that repeats on every page. Same input, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Literal

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from workbench.formats.edition_docx import finish_docx, new_docx
from workbench.formats.edition_model import is_rtl, printable
from workbench.formats.registry import FormatSpec, register
from workbench.model import EditionDocument, TranslationUnit

__all__ = ["review_rows", "write_review_file"]

_UNTRANSLATED = "(untranslated)"
_STYLESHEET = """\
body { font-family: Helvetica, Arial, sans-serif; margin: 1.5em; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2em; }
th, td { border: 1px solid #999; padding: 0.3em 0.5em; vertical-align: top; text-align: start; }
th { background: #eee; }
td.text { white-space: pre-wrap; width: 36%; }
td.number { color: #555; white-space: nowrap; }
tr.has-findings td.findings { background: #fff3b0; }
.missing { color: #a00; font-style: italic; }
.status { display: block; color: #555; font-size: 85%; margin-top: 0.3em; }
"""


def review_rows(
    document: EditionDocument, lang: str, findings: Mapping[str, Sequence[str]]
) -> list[tuple[TranslationUnit, str | None, str, tuple[str, ...]]]:
    """(unit, target text or ``None``, status, findings) for each unit of ``document``."""
    rows = []
    for unit in document.units:
        target = unit.target(lang)
        text = target.text if target is not None and target.text else None
        status = target.status.value if target is not None else "new"
        rows.append((unit, text, status, tuple(findings.get(unit.key, ()))))
    return rows


def _summary(
    documents: Sequence[EditionDocument], lang: str, findings: Mapping[str, Sequence[str]]
) -> str:
    units = [u for d in documents for u in d.units]
    missing = sum(1 for u in units if not ((t := u.target(lang)) and t.text))
    flagged = sum(1 for u in units if findings.get(u.key))
    return (
        f"{len(documents)} document(s), {len(units)} unit(s), {missing} untranslated, "
        f"{flagged} with findings"
    )


def _dir(lang: str) -> str:
    return "rtl" if is_rtl(lang) else "ltr"


def _html(
    documents: Sequence[EditionDocument], lang: str, findings: Mapping[str, Sequence[str]]
) -> bytes:
    title = f"Review: {documents[0].meta.title or documents[0].name}" if documents else "Review"
    lines = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8"/>',
        f"<title>{escape(title)}</title>",
        "<style>",
        _STYLESHEET.rstrip("\n"),
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="summary">{escape(_summary(documents, lang, findings))}</p>',
    ]
    for document in documents:
        src = document.source_lang
        lines.append(f"<h2>{escape(document.meta.title or document.name)}</h2>")
        lines.append("<table>")
        lines.append(
            f"<thead><tr><th>¶</th><th>Source ({escape(src)})</th>"
            f"<th>Target ({escape(lang)})</th><th>Findings</th></tr></thead>"
        )
        lines.append("<tbody>")
        for unit, text, status, messages in review_rows(document, lang, findings):
            row_class = ' class="has-findings"' if messages else ""
            if text is None:
                target = f'<span class="missing">{_UNTRANSLATED}</span>'
            else:
                target = escape(printable(text))
            found = (
                "<ul>" + "".join(f"<li>{escape(printable(m))}</li>" for m in messages) + "</ul>"
                if messages
                else ""
            )
            lines.append(
                f'<tr data-key="{escape(unit.key)}"{row_class}>'
                f'<td class="number">{unit.paragraph}</td>'
                f'<td class="text" lang="{escape(src)}" dir="{_dir(src)}">'
                f"{escape(printable(unit.source.text))}</td>"
                f'<td class="text" lang="{escape(lang)}" dir="{_dir(lang)}">{target}'
                f'<span class="status" lang="en" dir="ltr">{escape(status)}</span></td>'
                f'<td class="findings">{found}</td></tr>'
            )
        lines.append("</tbody>")
        lines.append("</table>")
    lines.extend(["</body>", "</html>", ""])
    return "\n".join(lines).encode("utf-8")


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _docx(
    documents: Sequence[EditionDocument], lang: str, findings: Mapping[str, Sequence[str]]
) -> bytes:
    title = f"Review: {documents[0].meta.title or documents[0].name}" if documents else "Review"
    document = new_docx(lang, title)
    document.add_heading(title, level=0)
    document.add_paragraph(_summary(documents, lang, findings))
    for edition_document in documents:
        src = edition_document.source_lang
        document.add_heading(edition_document.meta.title or edition_document.name, level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        header = table.rows[0]
        _repeat_header(header)
        for cell, label in zip(
            header.cells, ("¶", f"Source ({src})", f"Target ({lang})", "Findings"), strict=True
        ):
            cell.text = ""
            cell.paragraphs[0].add_run(label).bold = True
        for unit, text, status, messages in review_rows(edition_document, lang, findings):
            cells = table.add_row().cells
            cells[0].text = str(unit.paragraph)
            cells[1].text = printable(unit.source.text)
            paragraph = cells[2].paragraphs[0]
            if text is None:
                missing = paragraph.add_run(_UNTRANSLATED)
                missing.italic = True
            else:
                paragraph.add_run(printable(text))
            status_run = cells[2].add_paragraph().add_run(status)
            status_run.font.size = Pt(8)
            for number, message in enumerate(messages):
                target = cells[3].paragraphs[0] if number == 0 else cells[3].add_paragraph()
                target.add_run("• " + printable(message))
    return finish_docx(document)


def write_review_file(
    documents: Sequence[EditionDocument],
    lang: str,
    findings: Mapping[str, Sequence[str]],
    fmt: Literal["html", "docx"],
) -> bytes:
    """A source | target | findings file (``fmt`` "html" or "docx") for ``lang``.

    ``findings`` maps unit keys to the messages to show; units without findings are shown
    too, so the reviewer reads the whole text in order.
    """
    if fmt == "html":
        return _html(documents, lang, findings)
    if fmt == "docx":
        return _docx(documents, lang, findings)
    raise ValueError(f"review file format must be 'html' or 'docx', not {fmt!r}")


def _writer(fmt: Literal["html", "docx"]) -> Callable[..., bytes]:
    def write(
        documents: Sequence[EditionDocument],
        lang: str,
        findings: Mapping[str, Sequence[str]],
    ) -> bytes:
        return write_review_file(documents, lang, findings, fmt)

    write.__name__ = f"write_review_{fmt}"
    return write


# Kind "review", not "edition": the registry lets one extension select only one format per
# kind, and the HTML and DOCX editions already claim .html and .docx.
register(
    FormatSpec(
        name="review-html",
        extensions=(".html", ".htm"),
        kind="review",
        description="Bilingual review table (source | target | findings) as an HTML page",
        write=_writer("html"),
    )
)
register(
    FormatSpec(
        name="review-docx",
        extensions=(".docx",),
        kind="review",
        description="Bilingual review table (source | target | findings) as a Word file",
        write=_writer("docx"),
    )
)
