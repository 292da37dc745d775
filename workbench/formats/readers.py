"""Format readers: bytes of a .txt, .md, .html or .docx file to raw paragraphs.

Each reader only turns its format's structure into ``Paragraph`` objects (text, kind, line);
boilerplate, metadata and language are handled once, for all formats, in ``sources``. A
reader never fetches anything (no network, no external entities) and bounds what it
unpacks, because source files come from e-mail and the web.

Line numbers: for text, Markdown and HTML the 1-based line of the file where a paragraph
starts; for Word files, which have no lines, the 1-based paragraph number in the body.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.etree
import lxml.html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from workbench.errors import InputError
from workbench.formats.encoding import decode_text, reject_binary
from workbench.formats.plain import (
    LineText,
    normalize_space,
    split_lines,
    split_plain_paragraphs,
    unwrap_block,
)
from workbench.model import Paragraph, ParagraphKind, StrippedBlock

__all__ = [
    "MAX_DOCX_COMPRESSION_RATIO",
    "MAX_DOCX_MEMBERS",
    "MAX_DOCX_UNCOMPRESSED",
    "RawSource",
    "read_docx",
    "read_html",
    "read_markdown",
    "read_txt",
]

# Zip bomb defences for .docx: a Word file of a blog post is well under a megabyte.
MAX_DOCX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_DOCX_COMPRESSION_RATIO = 200
MAX_DOCX_MEMBERS = 5000
# The ratio check only matters for members big enough to hurt.
_RATIO_MIN_SIZE = 1024 * 1024


@dataclass
class RawSource:
    """What a reader found: paragraphs in order, the text encoding, and anything it dropped."""

    paragraphs: list[Paragraph]
    encoding: str | None = None
    stripped: list[StrippedBlock] = field(default_factory=list)


# --- plain text ------------------------------------------------------------------------------


def read_txt(data: bytes, filename: str) -> RawSource:
    """Plain text in any encoding ``decode_text`` accepts; see ``split_plain_paragraphs``."""
    decoded = decode_text(data, filename)
    return RawSource(split_plain_paragraphs(decoded.text), decoded.encoding)


# --- Markdown --------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_MARKDOWN = MarkdownIt("commonmark").enable("table")


def _inline_lines(token: Token, first_line: int) -> list[list[LineText]]:
    """Plain-text lines of an inline token, grouped by hard breaks.

    Soft breaks (the line ends inside a Markdown paragraph) may be wrapping or may separate
    one-line paragraphs written without blank lines, so they are decided like plain text;
    a hard break always ends a paragraph, like ``<br>`` in HTML.
    """
    groups: list[list[LineText]] = [[]]
    line = first_line
    current: list[str] = []

    def end_line() -> None:
        groups[-1].append(LineText(line, "".join(current)))
        current.clear()

    # Only these child tokens carry text; an image keeps its alt text (a caption, not
    # content) in its own children, so it is skipped with the markup tokens.
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            current.append(child.content)
        elif child.type == "softbreak":
            end_line()
            line += 1
        elif child.type == "hardbreak" or (
            child.type == "html_inline" and re.fullmatch(r"<br\s*/?>", child.content, re.I)
        ):
            end_line()
            groups.append([])
            line += 1 if child.type == "hardbreak" else 0
    end_line()
    return groups


def _front_matter(text: str) -> tuple[str, str | None, StrippedBlock | None]:
    """Remove a YAML front matter block, returning the text, its title and what went.

    The block is replaced by as many empty lines, so line numbers stay those of the file.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, None, None
    block = match.group()
    title = None
    for raw in match.group(1).splitlines():
        key, _, value = raw.partition(":")
        if key.strip().lower() == "title" and value.strip():
            title = value.strip().strip("\"'").strip()
    blanks = "\n" * block.count("\n")
    stripped = StrippedBlock(normalize_space(block), "front-matter", 1)
    return blanks + text[match.end() :], title, stripped


def read_markdown(data: bytes, filename: str) -> RawSource:
    """Markdown: headings, paragraphs, list items and block quotes with inline markup removed.

    The first ``#`` heading is the title; images (their alt text is a caption) and raw
    HTML tags are dropped, link texts kept.
    """
    decoded = decode_text(data, filename)
    text, front_title, front_block = _front_matter(decoded.text)
    tokens = _MARKDOWN.parse(text)
    paragraphs: list[Paragraph] = []
    stripped: list[StrippedBlock] = [front_block] if front_block else []
    containers: list[str] = []
    pending_kind: ParagraphKind | None = None
    has_title = False

    def add(groups: list[list[LineText]], kind: ParagraphKind) -> None:
        for group in groups:
            if kind.splits:
                pieces = unwrap_block(group)
            else:  # a heading written over several lines is still one heading
                pieces = [LineText(group[0].line, " ".join(item.text for item in group))]
            for piece in pieces:
                cleaned = normalize_space(piece.text)
                if cleaned:
                    paragraphs.append(Paragraph(cleaned, kind, piece.line))

    for token in tokens:
        start = token.map[0] + 1 if token.map else 1
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif token.type == "heading_open":
            if token.tag == "h1" and not has_title:
                pending_kind, has_title = ParagraphKind.TITLE, True
            else:
                pending_kind = ParagraphKind.HEADING
        elif token.type == "paragraph_open" or token.type in ("th_open", "td_open"):
            if "blockquote_open" in containers:
                pending_kind = ParagraphKind.QUOTE
            elif containers:
                pending_kind = ParagraphKind.LIST_ITEM
            else:
                pending_kind = ParagraphKind.BODY
        elif token.type == "inline" and pending_kind is not None:
            add(_inline_lines(token, start), pending_kind)
            pending_kind = None
        elif token.type in ("fence", "code_block"):
            # A fenced block's text starts on the line after its ``` fence.
            first = start + 1 if token.type == "fence" else start
            paragraphs.extend(split_plain_paragraphs(token.content, first_line=first))
        elif token.type == "html_block":
            html = _HtmlWalker(stripped)
            html.has_title = has_title
            html.walk_fragment(token.content, start - 1)
            has_title = html.has_title
            paragraphs.extend(html.paragraphs)

    if front_title and not has_title:
        paragraphs.insert(0, Paragraph(front_title, ParagraphKind.TITLE, 1))
    return RawSource(paragraphs, decoded.encoding, stripped)


# --- HTML ------------------------------------------------------------------------------------

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "section",
        "article",
        "main",
        "body",
        "html",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "address",
        "center",
        "hr",
        "fieldset",
        "details",
        "summary",
        "figure",
        "hgroup",
        "legend",
    ]
)
# Dropped with everything inside. Page chrome is recorded as stripped so the user sees it;
# code and widgets are not text at all.
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "figcaption"})
_SILENT_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "button",
        "select",
        "textarea",
        "input",
        "head",
        "map",
        "canvas",
        "video",
        "audio",
        "picture",
        "source",
        "title",
    ]
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _html_parser() -> lxml.html.HTMLParser:
    # no_network: never fetch a DTD or anything else; entities are not resolved beyond the
    # HTML built-ins, comments and processing instructions are not text.
    return lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        compact=True,
    )


class _HtmlWalker:
    """Collects block-level paragraphs from an lxml tree in document order."""

    def __init__(self, stripped: list[StrippedBlock]) -> None:
        self.paragraphs: list[Paragraph] = []
        self.stripped = stripped
        self.has_title = False
        self._parts: list[str] = []
        self._started = False
        self._kind = ParagraphKind.BODY
        self._line = 0
        self._offset = 0

    def walk_fragment(self, html: str, line_offset: int) -> None:
        """Walk an HTML snippet (a Markdown ``html_block``) starting after line ``line_offset``."""
        try:
            root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_html_parser())
        except (lxml.etree.ParserError, ValueError):
            return
        self._offset = line_offset
        body = root.find("body")
        self.walk(body if body is not None else root, ParagraphKind.BODY)
        self.flush()

    def _text(self, text: str | None, kind: ParagraphKind, line: int | None) -> None:
        if not text:
            return
        if not self._started and not text.isspace():
            # The paragraph's kind and line are those of its first visible text.
            self._started = True
            self._kind = kind
            self._line = (line or 1) + self._offset
        self._parts.append(text)

    def flush(self) -> None:
        text = normalize_space("".join(self._parts))
        self._parts.clear()
        self._started = False
        if text:
            self.paragraphs.append(Paragraph(text, self._kind, self._line))

    def walk(self, element: Any, kind: ParagraphKind) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SILENT_TAGS:
            return
        if tag in _CHROME_TAGS:
            self.flush()
            text = normalize_space(element.text_content())
            if text:
                line = (element.sourceline or 1) + self._offset
                self.stripped.append(StrippedBlock(text, f"html-{tag}", line))
            return
        if tag == "br":
            if kind in (ParagraphKind.TITLE, ParagraphKind.HEADING):
                self._text(" ", kind, element.sourceline)
            else:
                self.flush()
            return
        if tag == "img":
            return
        if tag == "pre":
            self.flush()
            start = (element.sourceline or 1) + self._offset
            for paragraph in split_plain_paragraphs(element.text_content(), first_line=start):
                self.paragraphs.append(paragraph)
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
            kind = self._kind_for(tag, kind)
        self._text(element.text, kind, element.sourceline)
        for child in element:
            self.walk(child, kind)
            self._text(child.tail, kind, child.sourceline)
        if block:
            self.flush()

    def _kind_for(self, tag: str, outer: ParagraphKind) -> ParagraphKind:
        if tag == "h1" and not self.has_title:
            self.has_title = True
            return ParagraphKind.TITLE
        if tag in _HEADINGS:
            return ParagraphKind.HEADING
        if tag == "li":
            return ParagraphKind.LIST_ITEM
        if tag == "blockquote":
            return ParagraphKind.QUOTE
        return outer


def _split_site_suffix(title: str) -> tuple[str, str | None]:
    """Split a site name off a ``<title>``: "Post | Laitman.com" -> ("Post", "| Laitman.com")."""
    head, sep, tail = title.rpartition(" | ")
    if sep and head.strip() and tail.strip():
        return head.strip(), sep.strip() + " " + tail.strip()
    return title, None


def read_html(data: bytes, filename: str) -> RawSource:
    """HTML: paragraphs, headings, list items, quotes and divs with text, in order.

    Scripts, styles and forms are ignored and navigation, headers, footers, sidebars and
    image captions are recorded as stripped. The first ``h1`` is the title; without one,
    the ``<title>`` element is (minus a " | Site name" suffix). ``<br>`` ends a paragraph,
    as it does in scraped posts where each dialogue line is separated by one.
    """
    declared = _META_CHARSET.search(data[:4096])
    decoded = decode_text(
        data, filename, declared=declared.group(1).decode("ascii") if declared else None
    )
    text = _XML_DECLARATION.sub("", decoded.text)
    if not text.strip():
        return RawSource([], decoded.encoding)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_html_parser())
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"could not parse the HTML: {exc}", file=filename) from None

    stripped: list[StrippedBlock] = []
    walker = _HtmlWalker(stripped)
    body = root.find("body")
    walker.walk(body if body is not None else root, ParagraphKind.BODY)
    walker.flush()
    paragraphs = walker.paragraphs

    title_element = root.find(".//title")
    if not walker.has_title and title_element is not None:
        title_text = normalize_space(title_element.text_content())
        title, suffix = _split_site_suffix(title_text)
        line = title_element.sourceline or 1
        if title:
            if suffix:
                stripped.append(StrippedBlock(suffix, "html-title-suffix", line))
            if paragraphs and paragraphs[0].text == title:
                paragraphs[0] = Paragraph(title, ParagraphKind.TITLE, paragraphs[0].line)
            else:
                paragraphs.insert(0, Paragraph(title, ParagraphKind.TITLE, line))
    return RawSource(paragraphs, decoded.encoding, stripped)


# --- DOCX ------------------------------------------------------------------------------------


def _check_docx_archive(data: bytes, filename: str) -> None:
    """Reject what is not a Word document, or would unpack to far more than it weighs."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(
            "is not a valid Word document: the file is damaged or not a .docx "
            "(a .docx is a ZIP archive and this one cannot be opened)",
            file=filename,
        ) from None
    with archive:
        members = archive.infolist()
        names = {member.filename for member in members}
        if "word/document.xml" not in names:
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                kind = "an OpenDocument file (.odt)"
            elif "xl/workbook.xml" in names:
                kind = "an Excel workbook"
            elif "ppt/presentation.xml" in names:
                kind = "a PowerPoint presentation"
            else:
                kind = "a ZIP archive"
            raise InputError(
                f"is {kind}, not a Word document (it has no word/document.xml); "
                "save it as .docx from a word processor",
                file=filename,
            )
        if len(members) > MAX_DOCX_MEMBERS:
            raise InputError(
                f"the Word document has {len(members)} parts, more than the "
                f"{MAX_DOCX_MEMBERS} a real document has; refusing to unpack it",
                file=filename,
            )
        total = sum(member.file_size for member in members)
        if total > MAX_DOCX_UNCOMPRESSED:
            raise InputError(
                f"the Word document would unpack to {total / 1024 / 1024:.0f} MB, more than "
                f"the {MAX_DOCX_UNCOMPRESSED // 1024 // 1024} MB limit; refusing to unpack it",
                file=filename,
            )
        for member in members:
            ratio = member.file_size / max(member.compress_size, 1)
            if member.file_size >= _RATIO_MIN_SIZE and ratio > MAX_DOCX_COMPRESSION_RATIO:
                raise InputError(
                    f"the part {member.filename} of the Word document is compressed "
                    f"{ratio:.0f} to 1, which no real document is (a 'zip bomb'); "
                    "refusing to unpack it",
                    file=filename,
                )


def _docx_kind(paragraph: Any) -> tuple[ParagraphKind, bool]:
    """The paragraph's kind from its style, and whether it is a "Heading 1"."""
    try:
        style = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, AttributeError, ValueError):
        style = ""
    lowered = style.lower()
    if lowered == "title":
        return ParagraphKind.TITLE, False
    if lowered.startswith("heading") or lowered == "subtitle":
        return ParagraphKind.HEADING, lowered == "heading 1"
    if "quote" in lowered:
        return ParagraphKind.QUOTE, False
    p_pr = paragraph._p.pPr
    if lowered.startswith("list") or (p_pr is not None and p_pr.numPr is not None):
        return ParagraphKind.LIST_ITEM, False
    return ParagraphKind.BODY, False


def _docx_paragraphs(document: Any) -> Iterator[Any]:
    """Body paragraphs in order, including those in table cells (each merged cell once)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    def walk(container: Any) -> Iterator[Any]:
        for item in container.iter_inner_content():
            if isinstance(item, DocxParagraph):
                yield item
            elif isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:
                            continue
                        seen.add(id(cell._tc))
                        yield from walk(cell)

    yield from walk(document)


def read_docx(data: bytes, filename: str) -> RawSource:
    """Word .docx: paragraphs with their styles (Title, Heading n, List, Quote), tables too.

    The archive is checked before python-docx unpacks it (see ``_check_docx_archive``).
    The first "Heading 1" is the title when no paragraph has the "Title" style. A line
    break inside a Word paragraph ends a paragraph, as ``<br>`` does in HTML.
    """
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise InputError(
            "is an old Word .doc file or a password-protected document, not a .docx; "
            "open it in a word processor and save it as .docx without a password",
            file=filename,
        )
    if not data.startswith(b"PK"):
        reject_binary(data, filename, "a Word document")
    _check_docx_archive(data, filename)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        items = [(p.text, *_docx_kind(p)) for p in _docx_paragraphs(document)]
    except InputError:
        raise
    except Exception as exc:  # a damaged archive can fail anywhere inside python-docx
        raise InputError(
            f"is a damaged Word document and cannot be read ({type(exc).__name__}: {exc})",
            file=filename,
        ) from None

    title_taken = any(kind == ParagraphKind.TITLE for _, kind, _ in items)
    paragraphs: list[Paragraph] = []
    for number, (text, kind, heading_1) in enumerate(items, start=1):
        if heading_1 and not title_taken and text.strip():
            kind, title_taken = ParagraphKind.TITLE, True
        for piece in split_lines(text.replace("\v", "\n")):
            cleaned = normalize_space(piece)
            if cleaned:
                paragraphs.append(Paragraph(cleaned, kind, number))
    return RawSource(paragraphs, None)
