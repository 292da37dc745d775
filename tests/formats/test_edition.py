"""Localized editions: structure, metadata, typography, untranslated handling, every format."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from ebooklib import ITEM_DOCUMENT, epub
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from workbench.errors import InputError
from workbench.formats.edition import EDITION_FORMATS, UntranslatedError, write_edition
from workbench.formats.edition_markdown import markdown_escape
from workbench.formats.edition_model import build_chapters, post_id_text
from workbench.formats.registry import formats
from workbench.formats.typography import NBSP
from workbench.model import (
    DocumentMeta,
    EditionDocument,
    ParagraphKind,
    Status,
    TranslationUnit,
    UnitText,
)

K = ParagraphKind


def unit(
    key: str,
    paragraph: int,
    kind: ParagraphKind,
    source: str,
    target: str | None = None,
    lang: str = "ru",
) -> TranslationUnit:
    targets = () if target is None else (UnitText(lang, target, Status.TRANSLATED, 1),)
    return TranslationUnit(key, "ladder", UnitText("en", source), targets, paragraph, kind)


def ladder(*, missing: bool = True, name: str = "the-ladder-of-degrees") -> EditionDocument:
    """A post in the shape of the reference: title, dialogue, body, post id, source line."""
    return EditionDocument(
        name=name,
        meta=DocumentMeta(title="The Ladder Of Degrees", post_id="123456"),
        source_lang="en",
        units=(
            unit("t", 0, K.TITLE, "The Ladder Of Degrees", "Лестница ступеней"),
            unit("q1", 1, K.BODY, 'Question: What is "Lishma"?', 'Вопрос: Что такое "лишма"?'),
            unit("a1", 2, K.BODY, "Answer: The group comes first.", "Ответ: Группа прежде всего."),
            unit(
                "a2",
                2,
                K.BODY,
                "We begin in <Lo Lishma> & rise.",
                None if missing else "Мы начинаем в «ло лишма».",
            ),
            unit("h", 3, K.HEADING, "The Screen", "Масах"),
            unit("l1", 4, K.LIST_ITEM, "First step", "Первый шаг"),
            unit("l2", 5, K.LIST_ITEM, "Second step", "Второй шаг"),
            unit("qt", 6, K.QUOTE, "Baal HaSulam wrote", "Бааль Сулам писал"),
            unit("id", 7, K.POST_ID, "[123456]"),
            unit(
                "src",
                8,
                K.SOURCE_LINE,
                "From the 2nd part of the Daily Kabbalah Lesson 3/14/19",
                "Из 2-й части ежедневного урока по каббале 3/14/19",
            ),
        ),
    )


def test_chapters_keep_the_paragraph_structure() -> None:
    [chapter] = build_chapters([ladder()], "ru")
    assert chapter.title_text == "Лестница ступеней"
    assert [b.kind for b in chapter.blocks] == [
        K.BODY,
        K.BODY,
        K.HEADING,
        K.LIST_ITEM,
        K.LIST_ITEM,
        K.QUOTE,
        K.POST_ID,
        K.SOURCE_LINE,
    ]
    answer = chapter.blocks[1]
    # sentences of one paragraph joined with a space; the missing one marked
    assert [(r.text, r.fallback) for r in answer.runs] == [
        ("Ответ: Группа прежде всего.", False),
        ("We begin in <Lo Lishma> & rise.", True),
    ]
    assert chapter.blocks[6].text == "[123456]"


def test_typography_applies_to_the_target_only() -> None:
    [chapter] = build_chapters([ladder()], "ru")
    assert chapter.blocks[0].text == "Вопрос: Что такое «лишма»?"
    doc = EditionDocument(
        "d",
        DocumentMeta(),
        "en",
        (unit("a", 1, K.BODY, 'He said "go" to a friend', None),),
    )
    [fallback] = build_chapters([doc], "ru")
    assert fallback.blocks[0].text == 'He said "go" to a friend'


def test_quotes_spanning_two_sentences_pair_up() -> None:
    doc = EditionDocument(
        "d",
        DocumentMeta(),
        "en",
        (
            unit("a", 1, K.BODY, "x", '"Первое предложение.'),
            unit("b", 1, K.BODY, "y", 'Второе в нём."'),
        ),
    )
    [chapter] = build_chapters([doc], "ru")
    assert chapter.blocks[0].text == f"«Первое предложение. Второе в{NBSP}нём.»"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "[123]"), ("ru", "[123]"), ("it", "[123]"), ("es", "(123)"), ("de", "123")],
)
def test_post_id_per_language(lang: str, expected: str) -> None:
    assert post_id_text("123", lang) == expected
    doc = EditionDocument("d", DocumentMeta(), "en", (unit("id", 1, K.POST_ID, "[123]"),))
    [chapter] = build_chapters([doc], lang)
    assert chapter.blocks[0].text == expected


def test_title_falls_back_to_metadata_then_name() -> None:
    body = (unit("a", 1, K.BODY, "x", "у"),)
    with_meta = EditionDocument("post-1", DocumentMeta(title="Метаданные"), "en", body)
    without = EditionDocument("post-2", DocumentMeta(), "en", body)
    titles = [c.title_text for c in build_chapters([with_meta, without], "ru")]
    assert titles == ["Метаданные", "post-2"]


def test_block_mode_lists_every_untranslated_unit_and_writes_nothing() -> None:
    second = ladder(name="second-post")
    for fmt in EDITION_FORMATS:
        with pytest.raises(UntranslatedError) as caught:
            write_edition([ladder(), second], "ru", fmt, untranslated="block")  # type: ignore[arg-type]
        error = caught.value
        assert isinstance(error, InputError)
        assert [(m.document, m.paragraph, m.key) for m in error.missing] == [
            ("the-ladder-of-degrees", 2, "a2"),
            ("second-post", 2, "a2"),
        ]
        assert "the-ladder-of-degrees ¶2 (a2)" in str(error)


def test_block_mode_succeeds_when_everything_is_translated() -> None:
    data = write_edition([ladder(missing=False)], "ru", "md", untranslated="block")
    assert b"untranslated" not in data


def test_markdown_edition() -> None:
    text = write_edition([ladder()], "ru", "md").decode()
    assert text.startswith("# Лестница ступеней\n\n")
    assert "Вопрос: Что такое «лишма»?" in text
    assert (
        "Ответ: Группа прежде всего. *\\[untranslated\\]* We begin in \\<Lo Lishma\\> & rise."
        in text
    )
    assert "## Масах" in text
    assert "- Первый шаг\n- Второй шаг" in text
    assert "> Бааль Сулам писал" in text
    assert "\\[123456\\]" in text
    html = MarkdownIt().render(text)
    assert "<em>[untranslated]</em> We begin in &lt;Lo Lishma&gt; &amp; rise." in html
    assert "<li>Первый шаг</li>" in html and "<blockquote>" in html


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "+ plus",
        "> not a quote",
        "a *b* _c_ `d` [e](f) <g> &amp; ~~h~~ | i \\ j",
        "line one\nline two\n\nafter a blank line",
        "12) twelve",
        "=== underline",
        "Ends with #",
    ],
)
def test_markdown_escaping_renders_the_text_as_written(text: str) -> None:
    rendered = MarkdownIt().render(markdown_escape(text))
    plain = lxml_html.fromstring(f"<div>{rendered}</div>").text_content()
    assert plain.strip() == text.strip()


def test_html_edition_is_escaped_and_marked() -> None:
    doc = ladder()
    evil = unit("x", 9, K.BODY, "x", "<script>alert(1)</script> & <b>bold</b>")
    doc = EditionDocument(doc.name, doc.meta, doc.source_lang, (*doc.units, evil))
    data = write_edition([doc], "ru", "html")
    tree = lxml_html.fromstring(data)
    assert tree.get("lang") == "ru"
    assert tree.findall(".//script") == [] and tree.findall(".//b") == []
    assert tree.find(".//style") is not None
    assert tree.find(".//h1").text_content() == "Лестница ступеней"  # type: ignore[union-attr]
    [span] = tree.find_class("untranslated")
    assert span.get("lang") == "en" and span.text_content() == "We begin in <Lo Lishma> & rise."
    assert [li.text_content() for li in tree.findall(".//li")] == ["Первый шаг", "Второй шаг"]
    assert tree.find_class("post-id")[0].text_content() == "[123456]"
    assert tree.find_class("source-line")[0].text_content().startswith("Из 2-й части")
    assert "<script>alert(1)</script> & <b>bold</b>" in tree.text_content()


def test_html_collection_has_a_contents_list_and_sections() -> None:
    data = write_edition(
        [ladder(), ladder(name="the-ladder-of-degrees")], "ru", "html", title="Сборник"
    )
    tree = lxml_html.fromstring(data)
    assert tree.find(".//h1").text_content() == "Сборник"  # type: ignore[union-attr]
    links = [a.get("href") for a in tree.findall(".//nav//a")]
    assert links == ["#the-ladder-of-degrees", "#the-ladder-of-degrees-2"]
    assert [a.get("id") for a in tree.findall(".//article")] == [
        "the-ladder-of-degrees",
        "the-ladder-of-degrees-2",
    ]
    assert len(tree.findall(".//h2")) == 2 and tree.findall(".//h3")


def test_right_to_left_edition() -> None:
    doc = EditionDocument("d", DocumentMeta(), "en", (unit("a", 1, K.BODY, "x", "שלום", "he"),))
    tree = lxml_html.fromstring(write_edition([doc], "he", "html"))
    assert tree.get("dir") == "rtl" and tree.get("lang") == "he"


def test_docx_edition() -> None:
    data = write_edition([ladder()], "ru", "docx")
    document = open_docx(io.BytesIO(data))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"  # type: ignore[union-attr]
    assert paragraphs[0].text == "Лестница ступеней"
    styles = [p.style.name for p in paragraphs]  # type: ignore[union-attr]
    assert styles.count("List Bullet") == 2 and "Quote" in styles and "Heading 1" in styles
    answer = paragraphs[2]
    assert answer.text == "Ответ: Группа прежде всего. We begin in <Lo Lishma> & rise."
    highlighted = [r for r in answer.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]
    assert [r.text.strip() for r in highlighted] == ["We begin in <Lo Lishma> & rise."]
    lang = highlighted[0]._r.rPr.find(qn("w:lang"))
    assert lang is not None and lang.get(qn("w:val")) == "en"
    props = document.core_properties
    assert (props.title, props.language, props.author) == ("Лестница ступеней", "ru", "")
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:lang')}").get(qn("w:val")) == "ru"  # type: ignore[union-attr]


def test_docx_collection_puts_each_document_on_its_own_page() -> None:
    data = write_edition([ladder(), ladder(name="second")], "ru", "docx", title="Сборник")
    document = open_docx(io.BytesIO(data))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]  # type: ignore[union-attr]
    assert [h.text for h in headings] == ["Лестница ступеней", "Лестница ступеней"]
    assert headings[1].paragraph_format.page_break_before is True
    assert document.paragraphs[0].text == "Сборник"


def test_epub_edition() -> None:
    data = write_edition([ladder(), ladder(name="second")], "ru", "epub", title="Сборник")
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"
    path = io.BytesIO(data)
    book = epub.read_epub(path, {"ignore_ncx": True})
    assert book.get_metadata("DC", "language")[0][0] == "ru"
    assert book.get_metadata("DC", "title")[0][0] == "Сборник"
    identifier = book.get_metadata("DC", "identifier")[0][0]
    assert identifier.startswith("urn:uuid:")
    chapters = [i for i in book.get_items_of_type(ITEM_DOCUMENT) if i.get_name() != "nav.xhtml"]
    assert len(chapters) == 2
    content = chapters[0].get_content().decode()
    assert 'class="untranslated"' in content and 'lang="en"' in content
    assert "Лестница ступеней" in content
    nav = archive.read("EPUB/nav.xhtml").decode()
    assert nav.count("<li>") == 2


def test_epub_identifier_depends_on_language_and_documents() -> None:
    def identifier(data: bytes) -> str:
        book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
        return book.get_metadata("DC", "identifier")[0][0]

    ru = identifier(write_edition([ladder()], "ru", "epub"))
    assert ru == identifier(write_edition([ladder()], "ru", "epub"))
    assert ru != identifier(write_edition([ladder()], "de", "epub"))
    assert ru != identifier(write_edition([ladder(name="other")], "ru", "epub"))


@pytest.mark.parametrize("fmt", EDITION_FORMATS)
def test_same_input_gives_the_same_bytes(fmt: str) -> None:
    documents = [ladder(), ladder(name="second")]
    assert write_edition(documents, "ru", fmt) == write_edition(documents, "ru", fmt)  # type: ignore[arg-type]


def test_control_characters_never_reach_the_containers() -> None:
    doc = EditionDocument(
        "d", DocumentMeta(title="Title\x01"), "en", (unit("a", 1, K.BODY, "x", "bell\x07 ok"),)
    )
    for fmt in ("docx", "epub"):
        write_edition([doc], "ru", fmt, title="Book\x02")  # type: ignore[arg-type]
        write_edition([doc], "ru", fmt)  # type: ignore[arg-type]
    page = write_edition([doc], "ru", "html")
    assert b"bell ok" in page and b"<h1>Title</h1>" in page


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="edition format"):
        write_edition([ladder()], "ru", "pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one document"):
        write_edition([], "ru", "md")
    with pytest.raises(ValueError, match="untranslated"):
        write_edition([ladder()], "ru", "md", untranslated="skip")  # type: ignore[arg-type]


def test_editions_are_registered() -> None:
    names = {spec.name: spec for spec in formats("edition")}
    assert {"edition-md", "edition-html", "edition-docx", "edition-epub"} <= set(names)
    data = names["edition-md"].write([ladder()], "ru")  # type: ignore[misc]
    assert data == write_edition([ladder()], "ru", "md")
