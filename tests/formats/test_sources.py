"""Ingesting source files: every reader, the metadata, the encodings and every error path."""

from __future__ import annotations

import io
import random
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workbench.formats
from workbench.errors import InputError
from workbench.formats import readers, registry
from workbench.formats.encoding import decode_text
from workbench.formats.registry import FormatSpec, for_filename, formats, register
from workbench.formats.sources import (
    SUPPORTED_SOURCE_EXTENSIONS,
    document_name,
    normalize_lang,
    read_source,
    read_source_file,
    split_plain_paragraphs,
)
from workbench.model import Document, ParagraphKind

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"

ENGLISH_BODY = (
    "Question: Why does the feeling of unity fade after a convention?\n"
    "Answer: It fades so that we rebuild it ourselves, together with the friends, every day.\n"
)


def kinds(document: Document) -> list[tuple[ParagraphKind, str]]:
    return [(p.kind, p.text) for p in document.paragraphs]


def texts(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def make_docx(build) -> bytes:  # type: ignore[no-untyped-def]
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


# --- registry --------------------------------------------------------------------------------


def test_importing_the_package_registers_every_source_format() -> None:
    assert workbench.formats.formats is formats
    registered = tuple(ext for spec in formats("source") for ext in spec.extensions)
    assert registered == SUPPORTED_SOURCE_EXTENSIONS
    assert all(spec.read is not None for spec in formats("source"))


@pytest.mark.parametrize(
    ("filename", "name"),
    [
        ("post.txt", "text"),
        ("POST.TXT", "text"),
        ("notes.Markdown", "markdown"),
        ("a.md", "markdown"),
        ("page.HTM", "html"),
        (r"C:\Users\ana\Desktop\post.docx", "docx"),
    ],
)
def test_for_filename_picks_the_format_by_extension(filename: str, name: str) -> None:
    assert for_filename(filename, "source").name == name


def test_unsupported_extension_names_file_and_supported_types() -> None:
    with pytest.raises(InputError) as caught:
        for_filename("notes.pdf", "source")
    message = str(caught.value)
    assert message.startswith("notes.pdf: unsupported file type '.pdf'; supported: .txt, .md")
    assert ".docx" in message


def test_a_file_without_extension_is_refused() -> None:
    with pytest.raises(InputError, match="README: the file name has no extension"):
        read_source(b"hello", "README")


def test_registering_a_clashing_extension_fails_and_same_name_replaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    first = register(FormatSpec("demo-po", ("DPO",), "demo", "Gettext PO"))
    assert first.extensions == (".dpo",)
    with pytest.raises(ValueError, match="already used by 'demo-po'"):
        register(FormatSpec("other-po", (".dpo",), "demo", "clash"))
    register(FormatSpec("demo-po", (".dpo", ".dpot"), "demo", "Gettext PO and templates"))
    assert [spec.extensions for spec in formats("demo")] == [(".dpo", ".dpot")]
    # the same extension in another kind is fine: kinds are separate namespaces
    register(FormatSpec("dpo-glossary", (".dpo",), "glossary", "terms in PO"))
    assert for_filename("x.dpo", "glossary").name == "dpo-glossary"


# --- plain text ------------------------------------------------------------------------------


def test_english_post_metadata_kinds_and_boilerplate() -> None:
    document = read_source_file(FIXTURES / "holding-on-to-the-group.txt")
    assert document.name == "holding-on-to-the-group"
    assert document.source_file == "holding-on-to-the-group.txt"
    assert (document.lang, document.detected_lang, document.encoding) == ("en", "en", "utf-8")
    assert document.lang_probability is not None and document.lang_probability > 0.9
    assert document.meta.title == "Holding On To The Group"
    assert document.meta.post_id == "184512"
    assert document.meta.source_line is not None
    assert document.meta.source_line.startswith("From the 3rd part of the Daily Kabbalah Lesson")
    assert document.meta.date == "5/14/16"
    assert [p.kind for p in document.paragraphs] == [
        ParagraphKind.TITLE,
        *[ParagraphKind.BODY] * 5,
        ParagraphKind.POST_ID,
        ParagraphKind.SOURCE_LINE,
    ]
    # the glued caption is gone from the first body paragraph, nothing else of it changed
    assert document.paragraphs[1].text.startswith("Question: After a convention everyone")
    assert document.paragraphs[1].line == 3
    assert document.paragraphs[6].text == "[184512]"
    rules = [block.rule for block in document.stripped]
    assert rules == [
        "caption-name",
        *["related-material"] * 4,
        *["comments"] * 3,
        "share-bar",
        "comments-feed",
        *["previous-next-post-label"] * 2,
    ]
    assert document.stripped[0].text == "Dr. Michael Laitman"
    assert document.stripped[0].line == 3
    assert not any("Thank you" in text for text in texts(document))


def test_russian_cp1251_post_with_crlf_line_ends() -> None:
    document = read_source_file(FIXTURES / "ne-rasteryat-cp1251.txt")
    assert (document.lang, document.encoding) == ("ru", "cp1251")
    assert document.meta.title == "Не растерять достигнутое"
    assert document.meta.post_id == "184512"
    assert document.meta.source_line == "Из урока по каббале на русском языке 15.05.16"
    assert document.meta.date == "15.05.16"
    assert [p.line for p in document.paragraphs] == [1, 3, 5, 7, 8, 9]
    assert {block.rule for block in document.stripped} == {"related-material"}


def test_spanish_cp1252_post_with_parenthesised_id_and_source() -> None:
    document = read_source_file(FIXTURES / "mantener-cp1252.txt")
    assert (document.lang, document.encoding) == ("es", "cp1252")
    assert document.meta.post_id == "184512"
    assert document.meta.date == "14 de mayo 2016"
    assert document.meta.source_line is not None
    assert document.meta.source_line.startswith("(De la tercera parte de la lección diaria")
    assert document.paragraphs[1].text.startswith("Pregunta: ¿Cómo podemos conservar")
    stripped = {(block.rule, block.text) for block in document.stripped}
    assert ("caption-image-file", "laitman_2016-05_1234") in stripped
    assert ("share-bar", "Duscusión / Compartir Retroalimentación / Haz una pregunta") in stripped
    assert ("leave-a-comment", "Nombre *") in stripped
    assert kinds(document)[-2:] == [
        (ParagraphKind.POST_ID, "(184512)"),
        (ParagraphKind.SOURCE_LINE, document.meta.source_line),
    ]


def test_german_utf16_post_with_bare_post_id() -> None:
    document = read_source_file(FIXTURES / "das-erreichte-utf16.txt")
    assert (document.lang, document.encoding) == ("de", "utf-16-le")
    assert document.meta.post_id == "184512"
    assert document.meta.source_line == "Aus dem russischen Kabbala-Unterricht 15/5/16"
    assert document.meta.date == "15/5/16"
    assert document.paragraphs[0].text == "Das Erreichte bewahren"


def test_a_bare_number_inside_the_text_is_not_a_post_id() -> None:
    text = (
        "Die Zahl der Freunde\n\n"
        "Frage: Wie viele Menschen kamen zum Kongress in diesem Jahr, und was haben sie gefühlt?\n"
        "184512\n"
        "Antwort: Sehr viele, und alle haben die Einheit gespürt, die zwischen uns entstand.\n"
        "Jeder Tag bringt eine neue Gelegenheit, diese Verbindung zu stärken und zu bewahren.\n"
        "Wir bleiben zusammen, auch wenn wir wieder zu Hause sind.\n"
    )
    document = read_source(text.encode(), "zahl.txt")
    assert document.meta.post_id is None
    assert ParagraphKind.POST_ID not in [p.kind for p in document.paragraphs]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("From KabTV’s “Talks with Michael Laitman” 3/10/12", "3/10/12"),
        ("From the Convention in Novosibirsk 12/8/12, Lesson 4", "12/8/12"),
        ("Fundamentals of Kabbalah Lesson 7/15/2012", "7/15/2012"),
        ("(Tratto dalla lezione virtuale “Le basi” del 15.07.2012)", "15.07.2012"),
        ("Aus dem Programm “Kabbala für die Anfänger”, 28.10.2010", "28.10.2010"),
        ("Из урока по каббале на русском языке 24.12.17", "24.12.17"),
    ],
)
def test_source_line_formats_of_the_language_sites(line: str, date: str) -> None:
    text = f"{ENGLISH_BODY}[219485]\n{line}\n"
    document = read_source(text.encode(), "post.txt", lang="en")
    assert document.meta.source_line == line
    assert document.meta.date == date
    assert document.paragraphs[-1].kind == ParagraphKind.SOURCE_LINE


def test_daily_page_with_several_excerpts_marks_every_source_line() -> None:
    text = (
        "Daily Kabbalah Lesson\n\n"
        "The Daily Page - 14-03-11\n\n"
        "The Daily Page is a collection of excerpts taken from the daily Kabbalah lesson\n\n"
        "The Gate Opens From Within\n\n"
        "Question: Why do I need the friends if the work is inside me?\n\n"
        "Answer: Because the inside is built only from what you take from them.\n\n"
        "--Taken from the Preparation to the Lesson\n\n"
        "A Single Desire\n\n"
        "All of us together make one vessel, and each adds his part to it every day.\n\n"
        "-from the 2nd part of the daily Kabbalah lesson (minutes 13-16)\n\n"
        "Daily Pages\n"
    )
    document = read_source(text.encode(), "daily.txt")
    assert document.meta.title == "The Daily Page - 14-03-11"
    assert [p.text for p in document.paragraphs if p.kind == ParagraphKind.SOURCE_LINE] == [
        "--Taken from the Preparation to the Lesson",
        "-from the 2nd part of the daily Kabbalah lesson (minutes 13-16)",
    ]
    assert document.meta.source_line == "--Taken from the Preparation to the Lesson"
    assert document.meta.date is None
    assert [b.rule for b in document.stripped] == [
        "kabbalah-info-header",
        "daily-page-intro",
        "daily-page-nav",
    ]


def test_a_dated_body_sentence_is_not_a_source_line() -> None:
    text = ENGLISH_BODY + "From 1/1/2020 on, we met every morning before the lesson.\n"
    document = read_source(text.encode(), "post.txt")
    assert document.meta.source_line is None
    assert document.paragraphs[-1].kind == ParagraphKind.BODY


def test_first_line_that_reads_as_a_sentence_is_not_a_title() -> None:
    document = read_source(ENGLISH_BODY.encode(), "post.txt")
    assert document.meta.title is None
    assert document.paragraphs[0].kind == ParagraphKind.BODY


def test_byte_order_marks_decide_the_encoding() -> None:
    text = "Сохранить достигнутое\n\nВопрос: Как удержать единство после конгресса?\n"
    for encoded, encoding in [
        (b"\xef\xbb\xbf" + text.encode("utf-8"), "utf-8-sig"),
        (b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be"),
        (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
    ]:
        document = read_source(encoded, "post.txt")
        assert document.encoding == encoding
        assert document.paragraphs[0].text == "Сохранить достигнутое"
        assert document.lang == "ru"


def test_utf16_without_byte_order_mark_is_refused_with_a_hint() -> None:
    with pytest.raises(InputError) as caught:
        read_source(ENGLISH_BODY.encode("utf-16-le"), "wide.txt")
    assert (caught.value.line, caught.value.column) == (1, 2)
    assert "UTF-16 without a byte order mark" in caught.value.problem


def test_a_bad_byte_after_a_utf8_byte_order_mark_is_located() -> None:
    data = b"\xef\xbb\xbfFirst line\nsecond l\xefne\n"
    with pytest.raises(InputError) as caught:
        read_source(data, "bom.txt")
    assert (caught.value.line, caught.value.column) == (2, 9)
    assert "UTF-8 byte order mark but byte 22 (0xEF) is not valid UTF-8" in caught.value.problem


def test_cp1252_german_is_reported_as_cp1252() -> None:
    text = (
        "Frage: Wie können wir die Einheit bewahren, die wir auf dem Kongress gespürt haben?\n"
        "Antwort: Man muss jeden Tag ein wenig hinzufügen, größer werden und gemeinsam üben.\n"
    )
    document = read_source(text.encode("cp1252"), "frage.txt")
    assert (document.encoding, document.lang) == ("cp1252", "de")
    assert "größer" in document.paragraphs[1].text


def test_lang_overrides_detection_but_detection_is_recorded() -> None:
    document = read_source(ENGLISH_BODY.encode(), "post.txt", lang="ES")
    assert document.lang == "es"
    assert document.detected_lang == "en"


def test_too_little_text_without_lang_asks_for_the_language() -> None:
    with pytest.raises(InputError) as caught:
        read_source(b"Hello there\n", "hi.txt")
    assert str(caught.value).startswith("hi.txt: there is too little text to tell its language")
    assert "--lang" in str(caught.value)
    document = read_source(b"Hello there\n", "hi.txt", lang="en")
    assert (document.lang, document.detected_lang) == ("en", None)


@pytest.mark.parametrize(
    ("given", "expected"), [("EN", "en"), ("pt_br", "pt-BR"), ("zh-hant", "zh-Hant")]
)
def test_language_codes_are_normalised(given: str, expected: str) -> None:
    assert normalize_lang(given) == expected


def test_a_language_name_is_not_a_code() -> None:
    with pytest.raises(InputError, match=r"post\.txt: 'english' is not a language code"):
        read_source(ENGLISH_BODY.encode(), "post.txt", lang="english")


def test_name_overrides_the_slug() -> None:
    assert read_source(ENGLISH_BODY.encode(), "post.txt", name="custom").name == "custom"


@pytest.mark.parametrize(
    ("filename", "slug"),
    [
        ("Keep What Was Attained.txt", "keep-what-was-attained"),
        ("/tmp/posts/keep_what--was   attained.DOCX", "keep-what-was-attained"),
        (r"C:\posts\Keep.What.html", "keep-what"),
        ("Сохранить достигнутое.txt", "sokhranit-dostignutoe"),
        ("!!!.txt", "document"),
        (".hidden", "hidden"),
    ],
)
def test_document_name(filename: str, slug: str) -> None:
    assert document_name(filename) == slug


# --- paragraph splitting ---------------------------------------------------------------------


def test_every_nonempty_line_is_a_paragraph_in_scraped_text() -> None:
    text = "Title Line\nQuestion: Is it so?\n\n\nAnswer: It is.\n  \n[12345]\n"
    paragraphs = split_plain_paragraphs(text)
    assert [(p.text, p.line) for p in paragraphs] == [
        ("Title Line", 1),
        ("Question: Is it so?", 2),
        ("Answer: It is.", 5),
        ("[12345]", 7),
    ]


def test_hard_wrapped_blocks_are_joined_but_the_title_above_stays_apart() -> None:
    text = (
        "A Wrapped Post\n"
        "When we come back home after the convention, the warmth we felt there\n"
        "seems to fade day by day, and each of us has to decide whether to let it\n"
        "go or to hold on to it together with the friends.\n"
        "\n"
        "Question: What then?\n"
        "Answer: Then we start again from the very beginning, and the old and well-\n"
        "known path opens again.\n"
    )
    paragraphs = split_plain_paragraphs(text)
    assert [(p.line, p.text[:30]) for p in paragraphs] == [
        (1, "A Wrapped Post"),
        (2, "When we come back home after t"),
        (6, "Question: What then?"),
        (7, "Answer: Then we start again fr"),
    ]
    assert paragraphs[1].text.endswith("let it go or to hold on to it together with the friends.")
    assert paragraphs[3].text.endswith("the old and well-known path opens again.")


def test_a_list_of_titles_is_not_taken_for_wrapped_text() -> None:
    text = (
        "Related Material:\n"
        "When The Feeling Goes Away From Us After The Big Convention\n"
        "The Strength Of The Ten Grows When Everyone Gives Something\n"
        "Building A Shared Desire\n"
    )
    assert len(split_plain_paragraphs(text)) == 4


def test_line_numbers_count_cr_and_crlf_like_an_editor() -> None:
    text = "one\r\ntwo\rthree\n\x0cfour\u2028still four\n"
    assert [(p.text, p.line) for p in split_plain_paragraphs(text)] == [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four still four", 4),
    ]


def test_whitespace_is_collapsed_but_a_single_no_break_space_kept() -> None:
    (paragraph,) = split_plain_paragraphs("  Malchut\u00a0 of\tthe\u00a0world  ")
    assert paragraph.text == "Malchut of the\u00a0world"


# --- Markdown --------------------------------------------------------------------------------

MARKDOWN = """\
---
title: Ignored Because There Is A Heading
---
# The Point In The Heart

![Dr. Michael Laitman](laitman.jpg)226Question: How does one *begin* to want **more**?

Answer: Through the environment. A [group](https://example.org/group) of friends builds it,
so every one of us grows from what the others value and admire.

> Baal HaSulam, “Letter 12”: love of friends is the foundation.

- first item of the list
- second item with `code`

## A Subheading

Line before a hard break\\
line after it.

<div class="share">Discussion | Share Feedback | Ask a question</div>

[219485]
From the Daily Kabbalah Lesson 3/4/15, “Preface to the Book of Zohar”
"""


def test_markdown_structure_becomes_paragraph_kinds() -> None:
    document = read_source(MARKDOWN.encode(), "point.md")
    assert kinds(document) == [
        (ParagraphKind.TITLE, "The Point In The Heart"),
        (
            ParagraphKind.BODY,
            "Question: How does one begin to want more?",
        ),
        (
            ParagraphKind.BODY,
            "Answer: Through the environment. A group of friends builds it, so every one of "
            "us grows from what the others value and admire.",
        ),
        (ParagraphKind.QUOTE, "Baal HaSulam, “Letter 12”: love of friends is the foundation."),
        (ParagraphKind.LIST_ITEM, "first item of the list"),
        (ParagraphKind.LIST_ITEM, "second item with code"),
        (ParagraphKind.HEADING, "A Subheading"),
        (ParagraphKind.BODY, "Line before a hard break"),
        (ParagraphKind.BODY, "line after it."),
        (ParagraphKind.POST_ID, "[219485]"),
        (
            ParagraphKind.SOURCE_LINE,
            "From the Daily Kabbalah Lesson 3/4/15, “Preface to the Book of Zohar”",
        ),
    ]
    assert [p.line for p in document.paragraphs] == [4, 6, 8, 11, 13, 14, 16, 18, 19, 23, 24]
    assert document.meta.title == "The Point In The Heart"
    assert {(b.rule, b.line) for b in document.stripped} >= {
        ("front-matter", 1),
        ("caption-number", 6),
        ("share-bar", 21),
    }


def test_markdown_front_matter_title_is_used_without_a_heading() -> None:
    text = '---\ntitle: "Ascent Of The Group"\n---\n\n' + ENGLISH_BODY
    document = read_source(text.encode(), "ascent.markdown")
    assert document.paragraphs[0].kind == ParagraphKind.TITLE
    assert document.meta.title == "Ascent Of The Group"
    assert document.paragraphs[1].line == 5


# --- HTML ------------------------------------------------------------------------------------


def test_html_post_structure_chrome_and_metadata() -> None:
    document = read_source_file(FIXTURES / "holding-on.html")
    assert kinds(document) == [
        (ParagraphKind.TITLE, "Holding On To The Group"),
        (
            ParagraphKind.BODY,
            "Question: After a convention everyone feels lifted, yet a week later the "
            "feeling fades.",
        ),
        (
            ParagraphKind.BODY,
            "Answer: It fades so that we rebuild it ourselves, together with the friends.",
        ),
        (ParagraphKind.QUOTE, "Baal HaSulam, “The Freedom”: the environment decides."),
        (ParagraphKind.LIST_ITEM, "Remind one another every day."),
        (ParagraphKind.LIST_ITEM, "Invest a little of yourself into the common vessel."),
        (ParagraphKind.BODY, "Text written directly in a div & still a paragraph."),
        (ParagraphKind.POST_ID, "[184512]"),
        (ParagraphKind.SOURCE_LINE, "From the 3rd part of the Daily Kabbalah Lesson 5/14/16"),
    ]
    assert [p.line for p in document.paragraphs][:3] == [13, 14, 14]
    assert document.meta.post_id == "184512"
    assert [(b.rule, b.line) for b in document.stripped] == [
        ("html-header", 10),
        ("html-nav", 11),
        ("share-bar", 23),
        ("html-aside", 25),
        ("html-footer", 26),
    ]
    assert not any("not text" in t or "margin" in t for t in texts(document))


def test_html_without_h1_takes_the_title_element_minus_the_site_name() -> None:
    html = (
        "<html><head><title>Keep What Was Attained | Laitman.com</title></head>"
        f"<body><p>{ENGLISH_BODY}</p></body></html>"
    )
    document = read_source(html.encode(), "keep.htm")
    assert kinds(document)[0] == (ParagraphKind.TITLE, "Keep What Was Attained")
    assert document.meta.title == "Keep What Was Attained"
    assert ("html-title-suffix", "| Laitman.com") in {(b.rule, b.text) for b in document.stripped}


def test_html_meta_charset_is_honoured_for_legacy_pages() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body><h1>Сила десятки</h1><p>Вопрос: Что дает человеку десятка, если он "
        "приходит в нее уставшим?</p></body></html>"
    )
    document = read_source(html.encode("cp1251"), "sila.html")
    assert document.encoding == "cp1251"
    assert document.meta.title == "Сила десятки"
    assert document.lang == "ru"


def test_html_entities_and_doctype_are_never_resolved_or_fetched() -> None:
    html = (
        '<!DOCTYPE html SYSTEM "http://127.0.0.1:9/never.dtd" [\n'
        '<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        f"<html><body><p>{ENGLISH_BODY} &secret;</p></body></html>"
    )
    document = read_source(html.encode(), "xxe.html")
    joined = " ".join(texts(document))
    assert "root:" not in joined
    assert "Answer: It fades" in joined


def test_html_that_is_an_image_is_refused() -> None:
    with pytest.raises(InputError, match=r"image\.html: this is a PNG image, not a text file"):
        read_source_file(FIXTURES / "image.html")


def test_html_with_binary_bytes_names_the_position() -> None:
    data = b"<html><body>\n<p>text</p>\n<p>x\x00\x01\x02\x03</p></body></html>"
    with pytest.raises(InputError) as caught:
        read_source(data, "page.html")
    assert (caught.value.file, caught.value.line, caught.value.column) == ("page.html", 3, 5)
    assert "NUL bytes" in caught.value.problem


# --- DOCX ------------------------------------------------------------------------------------


def build_post(document) -> None:  # type: ignore[no-untyped-def]
    document.add_paragraph("Держаться достигнутого", style="Title")
    document.add_paragraph("")
    document.add_paragraph(
        "Вопрос: Что делать, если после конгресса чувство единства начинает пропадать?"
    )
    document.add_paragraph("Каждый день связываться с товарищами.", style="List Bullet")
    document.add_heading("Подзаголовок", level=2)
    paragraph = document.add_paragraph("Первая строка абзаца.")
    paragraph.add_run().add_break()
    paragraph.add_run("Вторая строка того же абзаца.")
    document.add_paragraph("Бааль Сулам, «Свобода воли».", style="Quote")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Левая ячейка"
    table.cell(0, 1).text = "Правая ячейка"
    document.add_paragraph("[184512]")
    document.add_paragraph("Из урока по каббале на русском языке 15.05.16")


def test_docx_styles_become_kinds_and_lines_are_paragraph_numbers() -> None:
    document = read_source(make_docx(build_post), "derzhatsya.docx")
    assert [(p.kind, p.line) for p in document.paragraphs] == [
        (ParagraphKind.TITLE, 1),
        (ParagraphKind.BODY, 3),
        (ParagraphKind.LIST_ITEM, 4),
        (ParagraphKind.HEADING, 5),
        (ParagraphKind.BODY, 6),
        (ParagraphKind.BODY, 6),
        (ParagraphKind.QUOTE, 7),
        (ParagraphKind.BODY, 8),
        (ParagraphKind.BODY, 9),
        (ParagraphKind.POST_ID, 10),
        (ParagraphKind.SOURCE_LINE, 11),
    ]
    assert texts(document)[4:6] == ["Первая строка абзаца.", "Вторая строка того же абзаца."]
    assert (document.lang, document.encoding, document.meta.post_id) == ("ru", None, "184512")
    assert document.name == "derzhatsya"


def test_docx_first_heading_1_is_the_title_without_a_title_style() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_heading("The Point In The Heart", level=1)
        document.add_paragraph(ENGLISH_BODY.replace("\n", " "))
        document.add_heading("Second Heading", level=1)

    document = read_source(make_docx(build), "point.docx")
    assert [p.kind for p in document.paragraphs] == [
        ParagraphKind.TITLE,
        ParagraphKind.BODY,
        ParagraphKind.HEADING,
    ]


def test_truncated_docx_is_reported_as_damaged() -> None:
    with pytest.raises(InputError) as caught:
        read_source_file(FIXTURES / "truncated.docx")
    assert caught.value.file is not None and caught.value.file.endswith("truncated.docx")
    assert "not a valid Word document" in caught.value.problem


def test_docx_with_broken_xml_is_reported_as_damaged() -> None:
    data = make_docx(build_post)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = b"<w:document><w:body><w:p>unclosed"
    with pytest.raises(InputError, match=r"broken\.docx: is a damaged Word document"):
        read_source(make_zip(members), "broken.docx")


@pytest.mark.parametrize(
    ("members", "kind"),
    [
        ({"notes.txt": b"just a zip"}, "a ZIP archive"),
        ({"mimetype": b"application/vnd.oasis.opendocument.text"}, "an OpenDocument file (.odt)"),
        ({"xl/workbook.xml": b"<workbook/>"}, "an Excel workbook"),
    ],
)
def test_zip_that_is_not_a_word_document(members: dict[str, bytes], kind: str) -> None:
    with pytest.raises(InputError) as caught:
        read_source(make_zip(members), "post.docx")
    assert str(caught.value).startswith(f"post.docx: is {kind}, not a Word document")


def test_old_doc_format_is_explained() -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(InputError, match=r"old Word \.doc file or a password-protected"):
        read_source(data, "old.docx")


def test_highly_compressed_docx_part_is_refused_as_zip_bomb() -> None:
    data = make_docx(build_post)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/media/padding.bin"] = b"\x00" * (4 * 1024 * 1024)
    with pytest.raises(InputError) as caught:
        read_source(make_zip(members), "bomb.docx")
    assert caught.value.file == "bomb.docx"
    assert "word/media/padding.bin" in caught.value.problem
    assert "zip bomb" in caught.value.problem


def test_docx_unpacking_to_more_than_the_limit_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = make_docx(build_post)
    monkeypatch.setattr(readers, "MAX_DOCX_UNCOMPRESSED", 10_000)
    with pytest.raises(InputError, match=r"big\.docx: the Word document would unpack to"):
        read_source(data, "big.docx")


# --- errors common to all formats ------------------------------------------------------------


@pytest.mark.parametrize("filename", ["a.txt", "a.md", "a.html", "a.docx"])
def test_empty_file_is_refused(filename: str) -> None:
    with pytest.raises(InputError, match=rf"^{filename}: the file is empty \(0 bytes\)$"):
        read_source(b"", filename)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"  \n\t\r\n   \n", "blank.txt"),
        (b"\xef\xbb\xbf\n\n", "blank.md"),
        (b"<html><body><p> </p><script>x()</script></body></html>", "blank.html"),
    ],
)
def test_file_without_text_is_refused(data: bytes, filename: str) -> None:
    with pytest.raises(InputError, match=rf"^{filename}: the file is empty: it has no text"):
        read_source(data, filename)


def test_docx_without_text_is_refused() -> None:
    data = make_docx(lambda document: document.add_paragraph("   "))
    with pytest.raises(InputError, match=r"^empty\.docx: the file is empty: it has no text"):
        read_source(data, "empty.docx")


def test_file_of_only_boilerplate_is_refused_naming_the_rules() -> None:
    data = b"Discussion | Share Feedback | Ask a question\n\nLaitman.com Comments RSS Feed\n"
    with pytest.raises(InputError) as caught:
        read_source(data, "chrome.txt")
    assert "all 2 paragraphs were removed as site boilerplate" in caught.value.problem
    assert "comments-feed, share-bar" in caught.value.problem


def test_too_large_file_is_refused_before_parsing() -> None:
    with pytest.raises(InputError) as caught:
        read_source(b"x" * 2048, "big.docx", max_bytes=1024)
    assert str(caught.value) == (
        "big.docx: the file is too large (2048 bytes; the limit is 1024 bytes); "
        "split it into smaller files"
    )


def test_too_large_file_on_disk_is_not_even_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * 5000)

    def refuse(self: Path) -> bytes:
        raise AssertionError("the file must not be read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError, match=r"huge\.txt: the file is too large"):
        read_source_file(path, max_bytes=4096)


def test_default_size_limit_is_20_mb() -> None:
    with pytest.raises(InputError, match=r"20\.0 MB"):
        read_source(b"a" * (20 * 1024 * 1024 + 1), "big.txt")


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file"):
        read_source_file(tmp_path / "nope.txt")
    (tmp_path / "posts.txt").mkdir()
    with pytest.raises(InputError, match=r"posts\.txt: is a folder, not a file"):
        read_source_file(tmp_path / "posts.txt")


def test_binary_data_in_a_txt_file_names_line_and_column() -> None:
    rng = random.Random(7)
    data = b"first line\nsecond\x00" + bytes(rng.randrange(256) for _ in range(300))
    with pytest.raises(InputError) as caught:
        read_source(data, "data.txt")
    assert (caught.value.line, caught.value.column) == (2, 7)
    assert str(caught.value).startswith("data.txt:2:7: contains NUL bytes")


def test_pdf_named_txt_is_refused_by_its_signature() -> None:
    with pytest.raises(InputError, match=r"report\.txt: this is a PDF document, not a text file"):
        read_source(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.txt")


def test_undetectable_legacy_encoding_points_at_the_first_bad_byte() -> None:
    with pytest.raises(InputError) as caught:
        read_source(b"First line\nCaf\xe9 con leche\n", "notes.txt")
    assert str(caught.value) == (
        "notes.txt:2:4: not valid UTF-8 (byte 0xE9) and the encoding could not be determined "
        "reliably; save the file as UTF-8"
    )


def test_mixed_encodings_are_refused_instead_of_turned_into_mojibake() -> None:
    with pytest.raises(InputError) as caught:
        read_source_file(FIXTURES / "mixed-encoding.txt")
    assert (caught.value.line, caught.value.column) == (3, 4)
    assert "mixes encodings" in caught.value.problem


def test_control_characters_in_utf8_text_are_refused_with_position() -> None:
    with pytest.raises(InputError) as caught:
        read_source("Заголовок\nтекст\x07 дальше".encode(), "bell.txt")
    assert (caught.value.line, caught.value.column) == (2, 6)
    assert "U+0007" in caught.value.problem


def test_cli_can_unpack_decoded_text() -> None:
    text, encoding = decode_text("Привет".encode(), "x.txt")
    assert (text, encoding) == ("Привет", "utf-8")


# --- the whole-input property ----------------------------------------------------------------

CHROME = [
    "Related Material:",
    "One Comment",
    "[219485]",
    "Dr. Michael LaitmanQuestion: what now?",
    "226Question: and then?",
    "Discussion | Share Feedback | Ask a question",
    "From the Daily Kabbalah Lesson 1/2/13",
    "Previous Post:",
]


def visible(text: str) -> Counter[str]:
    return Counter(ch for ch in text if not ch.isspace())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(),
            st.sampled_from(CHROME),
            st.sampled_from(["\n", "\r\n", "\r", " ", "\t", "\u00a0", "\n\n"]),
        ),
        max_size=20,
    ).map("".join)
)
def test_every_character_is_accounted_for_or_the_input_is_refused(text: str) -> None:
    data = text.encode("utf-8")
    try:
        document = read_source(data, "any.txt", lang="en")
    except InputError as error:
        assert error.file == "any.txt"
        return
    source = text[1:] if text.startswith("\ufeff") else text
    kept = "".join(p.text for p in document.paragraphs)
    removed = "".join(block.text for block in document.stripped)
    assert visible(kept) + visible(removed) == visible(source)
    assert all(p.text and p.text == p.text.strip() for p in document.paragraphs)
    lines = [p.line for p in document.paragraphs]
    assert lines == sorted(lines) and all(line >= 1 for line in lines)


MARKUP = [
    "# ", "> ", "- ", "```\n", "<div>", "</div>", "<br>", "![alt](x.png)", "[link](y)",
    "---\n", "title: x\n", "<p>", "&amp;", "&#0;", "<title>", "<h1>", "<pre>", "<script>",
    "<nav>", "<?xml version='1.0' encoding='latin-1'?>", "<meta charset='koi8-r'>", "\n\n",
]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SUPPORTED_SOURCE_EXTENSIONS),
    st.one_of(
        st.binary(max_size=200),
        st.lists(st.one_of(st.text(), st.sampled_from(MARKUP + CHROME)), max_size=20).map(
            lambda parts: "".join(parts).encode("utf-8")
        ),
    ),
)
def test_any_bytes_in_any_format_give_a_document_or_an_input_error(
    extension: str, data: bytes
) -> None:
    try:
        document = read_source(data, "any" + extension, lang="en")
    except InputError as error:
        assert error.file == "any" + extension
        return
    assert document.paragraphs
    assert all(p.text.strip() == p.text != "" for p in document.paragraphs)
