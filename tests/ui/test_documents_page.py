"""The Documents page, driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import Workbench

APP = str(Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py")


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, db_url: str, project) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = AppTest.from_file(APP, default_timeout=60)
    return at


def raw_markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def unescape(markdown: str) -> str:
    """Markdown as a reader sees it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


def all_markdown(at: AppTest) -> str:
    return unescape(raw_markdown(at))


def test_empty_workspace_invites_an_import(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Documents"
    assert any("No documents yet" in i.value for i in app.info)


def test_lists_documents_and_reads_one(app: AppTest, bench: Workbench) -> None:
    bench.create_demo()
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["Document"]) == ["the-ladder-of-degrees"]
    assert table["Sentences"][0] >= 7
    text = all_markdown(app)
    assert "Question: What is the first step toward Lishma?" in text
    assert "Related Material" not in text
    # switch to the Russian version
    app.radio(key="lang_the-ladder-of-degrees").set_value("ru").run()
    assert "Зеир Анпин" in all_markdown(app)
    # side by side shows both languages
    app.radio(key="mode_the-ladder-of-degrees").set_value("Side by side").run()
    text = all_markdown(app)
    assert "Зеир Анпин" in text and "Zeir Anpin" in text
    assert not app.exception


def test_upload_imports_and_opens_the_file(app: AppTest) -> None:
    app.run()
    app.file_uploader[0].set_value(
        (
            "on-unity.txt",
            b"On Unity\n\nWe unite in the group. Then the Creator is revealed.\n",
            "text/plain",
        )
    )
    app.selectbox[0].set_value("en")
    app.button[0].click().run()
    assert not app.exception
    assert any("Imported" in unescape(s.value) for s in app.success)
    assert "We unite in the group." in all_markdown(app)
    assert list(app.dataframe[0].value["Document"]) == ["on-unity"]


def test_bad_upload_shows_file_and_problem_and_imports_nothing(
    app: AppTest, bench: Workbench
) -> None:
    app.run()
    app.file_uploader[0].set_value(
        [
            ("fine.txt", b"Fine\n\nA good sentence. Another.\n", "text/plain"),
            ("broken.docx", b"PK\x03\x04 not really a docx", "application/octet-stream"),
        ]
    )
    app.button[0].click().run()
    assert not app.exception
    [error] = app.error
    assert "broken.docx" in unescape(error.value)
    assert "Nothing was imported" in unescape(error.value)
    assert bench.is_empty()


def test_segment_text_is_escaped_not_rendered(app: AppTest, bench: Workbench) -> None:
    from workbench.services import ImportItem

    bench.import_items(
        [
            ImportItem(
                data=b"Markup Test\n\nHe wrote <script>alert(1)</script> and **bold** here. "
                b"Done.\n",
                filename="markup-test.txt",
                lang="en",
            )
        ]
    )
    app.run()
    text = raw_markdown(app)
    assert "<script>" not in text
    assert r"\<script\>" in text
    assert r"\*\*bold\*\*" in text


def test_language_can_be_corrected_from_the_reader(app: AppTest, bench: Workbench) -> None:
    from workbench.services import ImportItem

    bench.import_items(
        [
            ImportItem(
                data="Заголовок\n\nЭто текст на русском языке. Второе предложение.\n".encode(),
                filename="mislabeled.txt",
                lang="en",
            )
        ]
    )
    app.run()
    assert any("looks like" in w.value for w in app.warning)
    app.selectbox(key="relang_mislabeled_en").set_value("ru")
    app.button(key="relang_go_mislabeled_en").click().run()
    assert not app.exception
    assert bench.document("mislabeled").source_lang == "ru"
    assert not any("looks like" in w.value for w in app.warning)


def test_every_kind_of_bad_file_is_named_with_its_problem(app: AppTest, bench: Workbench) -> None:
    app.run()
    app.file_uploader[0].set_value(
        [
            ("empty.txt", b"", "text/plain"),
            ("legacy.txt", b"\x00\x9f\x92\x00\xff" * 50, "text/plain"),
            ("broken.docx", b"PK\x03\x04 truncated", "application/octet-stream"),
        ]
    )
    app.button[0].click().run()
    [error] = app.error
    message = unescape(error.value)
    for name, problem in [
        ("empty.txt", "empty"),
        ("legacy.txt", "utf-8"),
        ("broken.docx", "word document"),
    ]:
        line = next(line for line in message.splitlines() if name in line)
        assert problem in line.lower(), line
    assert bench.is_empty()


def test_uploader_offers_exactly_the_supported_formats(app: AppTest) -> None:
    """Unsupported types are refused by the uploader itself (the CLI reports them)."""
    from workbench.formats.sources import SUPPORTED_SOURCE_EXTENSIONS

    app.run()
    allowed = set(app.file_uploader[0].allowed_type)
    assert allowed == set(SUPPORTED_SOURCE_EXTENSIONS)
