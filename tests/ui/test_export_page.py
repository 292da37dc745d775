"""The Export page, driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from workbench.formats.po import read_po
from workbench.services import ImportItem, Workbench

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "workbench" / "ui" / "app.py")
DOC = "the-ladder-of-degrees"
TITLE_EN = "The Ladder Of Degrees"
TITLE_RU = "Лестница ступеней"


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bytes, str | None]]:
    """What each download button offers, by media file id: the bytes and the file name."""
    offered: dict[str, tuple[bytes, str | None]] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):  # type: ignore[no-untyped-def]
        file_id = original(self, path_or_data, mimetype, kind, filename)
        offered[file_id] = (self.get_file(file_id).content, filename)
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", load_and_get_id)
    return offered


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, db_url: str, project) -> AppTest:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/export.py")
    return at


@pytest.fixture
def demo(bench: Workbench) -> Workbench:
    bench.create_demo()
    return bench


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(elements: Any) -> str:
    return "\n".join(unescape(e.value) for e in elements)


def plain(at: AppTest) -> str:
    raw = "\n".join(m.value for m in at.markdown)
    raw = re.sub(r":[a-z]+(?:-background)?\[\*\*(.*?)\*\*\]", r"\1", raw)
    return unescape(raw.replace("**", ""))


def download(
    at: AppTest, offered: dict[str, tuple[bytes, str | None]], path: str
) -> tuple[bytes, str | None]:
    """The bytes (and file name) behind the download button of ``path``."""
    button = at.get("download_button")
    found = [b for b in button if b.proto.id.endswith(f"ex_dl_{path}")]
    assert found, f"no download for {path}: {[b.proto.label for b in button]}"
    file_id = PurePosixPath(found[0].proto.url).stem
    return offered[file_id]


def download_keys(at: AppTest) -> list[str]:
    return [
        b.proto.id.rsplit("ex_dl_", 1)[1]
        for b in at.get("download_button")
        if "ex_dl_" in b.proto.id
    ]


def choose_formats(at: AppTest, *formats: str) -> None:
    for box in at.checkbox:
        if box.key and box.key.startswith("ex_fmt_"):
            box.set_value(box.key.removeprefix("ex_fmt_") in formats)


def ru_title(bench: Workbench) -> str:
    version = bench.document(DOC).version("ru")
    assert version is not None
    return next(s.text for s in version.segments if s.kind == "title")


def open_import_tab(at: AppTest) -> AppTest:
    at.session_state["ex_tab"] = "Bring translations back"
    return at.run()


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader[0].set_value(
        [(name, data, "application/octet-stream") for name, data in files]
    )
    next(b for b in at.button if b.label == "Import").click()
    return at.run()


def edited_po(bench: Workbench, old: str, new: str) -> bytes:
    [file] = bench.export_files("po", "ru", docs=[DOC])
    text = file.data.decode("utf-8")
    assert f'msgstr "{old}"' in text
    return text.replace(f'msgstr "{old}"', f'msgstr "{new}"', 1).encode("utf-8")


# -- export ------------------------------------------------------------------------------


def test_empty_workspace_points_to_import(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert "No documents yet" in texts(app.info)


def test_lists_documents_languages_and_what_will_be_produced(app: AppTest, demo: Workbench) -> None:
    app.run()
    assert app.multiselect(key="ex_langs").value == ["ru"]
    # a language started meanwhile joins the choice that held every language
    demo.start_translation(DOC, "de")
    app.run()
    assert not app.exception
    docs = app.multiselect(key="ex_docs")
    assert docs.value == [DOC]
    assert docs.options == [TITLE_EN]
    langs = app.multiselect(key="ex_langs")
    assert sorted(langs.value) == ["de", "ru"]
    summary = next(d.value for d in app.dataframe if "Untranslated" in d.value.columns)
    rows = summary.set_index("Language")
    units = rows.loc["Russian (ru)", "Units"]
    assert units >= 7
    assert rows.loc["Russian (ru)", "Untranslated"] == 0
    assert rows.loc["German (de)", "Untranslated"] == units  # started, nothing translated
    assert app.metric[0].value == "2"  # one PO per language
    assert app.button(key="ex_produce").label == "Produce 2 files"
    langs.set_value(["ru"]).run()
    assert app.button(key="ex_produce").label == "Produce 1 file"


def test_po_download_holds_the_russian_text(
    app: AppTest, demo: Workbench, downloads: dict[str, tuple[bytes, str | None]]
) -> None:
    app.run()
    app.button(key="ex_produce").click().run()
    assert not app.exception
    assert download_keys(app) == [f"ru/{DOC}.po"]
    data, name = download(app, downloads, f"ru/{DOC}.po")
    assert name == f"{DOC}.ru.po"
    catalog = read_po(data, name)
    assert catalog.language == "ru"
    targets = {e.source: e.target for e in catalog.entries}
    assert targets[TITLE_EN] == TITLE_RU
    assert "Зеир Анпин" in " ".join(targets.values())
    # the ZIP holds the same file under its folder
    archive_bytes, _ = next((d, n) for d, n in downloads.values() if n == "translations.zip")
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as archive:
        assert archive.namelist() == [f"ru/{DOC}.po"]
        assert archive.read(f"ru/{DOC}.po") == data


def test_docx_edition_download_opens_in_word(
    app: AppTest, demo: Workbench, downloads: dict[str, tuple[bytes, str | None]]
) -> None:
    import docx

    app.run()
    choose_formats(app, "docx")
    app.run()
    assert app.button(key="ex_produce").label == "Produce 1 file"
    app.button(key="ex_produce").click().run()
    assert not app.exception
    data, name = download(app, downloads, f"ru/editions/{DOC}.docx")
    assert name == f"{DOC}.ru.docx"
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert TITLE_RU in text
    assert "Вопрос:" in text
    assert "Question:" not in text


def test_collection_needs_a_title_and_makes_one_file(
    app: AppTest, demo: Workbench, downloads: dict[str, tuple[bytes, str | None]]
) -> None:
    demo.import_items(
        [ImportItem(data=b"Second Post\n\nOne sentence here.\n", filename="second.txt")]
    )
    outcomes = demo.import_items(
        [
            ImportItem(
                data="Второй пост\n\nОдно предложение здесь.\n".encode(),
                filename="second.txt",
                lang="ru",
                translation_of="second",
            )
        ]
    )
    app.run()
    assert "Not aligned yet" in texts(app.warning) and "second (ru)" in texts(app.warning)
    # aligned on the Align page: coming back, the page counts again
    demo.align_imported(outcomes)
    app.switch_page("app_pages/documents.py").run()
    app.switch_page("app_pages/export.py").run()
    assert "Not aligned yet" not in texts(app.warning)
    choose_formats(app, "md")
    app.run()
    assert app.button(key="ex_produce").label == "Produce 2 files"
    app.checkbox(key="ex_collection").check().run()
    assert app.button(key="ex_produce").label == "Produce 1 file"
    assert app.button(key="ex_produce").disabled
    assert "Give each collection a title: Russian (ru)." in texts(app.info)
    app.text_input(key="ex_title_ru").input("Избранное").run()
    app.button(key="ex_produce").click().run()
    assert not app.exception
    assert download_keys(app) == ["ru/editions/izbrannoe.md"]
    data, _ = download(app, downloads, "ru/editions/izbrannoe.md")
    text = data.decode("utf-8")
    assert text.startswith("# Избранное\n")
    assert f"## {TITLE_RU}" in text and "## Второй пост" in text


def test_write_into_translations_folder(app: AppTest, demo: Workbench, project) -> None:  # type: ignore[no-untyped-def]
    app.run()
    choose_formats(app, "po", "tmx", "html")
    app.run()
    app.button(key="ex_write").click().run()
    assert not app.exception
    po = project.translations / "ru" / f"{DOC}.po"
    html = project.translations / "ru" / "editions" / f"{DOC}.html"
    tmx = project.translations / f"{DOC}.en-ru.tmx"
    for path in (po, html, tmx):
        assert path.is_file(), path
    catalog = read_po(po.read_bytes(), po.name)
    assert {e.source: e.target for e in catalog.entries}[TITLE_EN] == TITLE_RU
    assert TITLE_RU in html.read_text(encoding="utf-8")
    written = texts(app.success)
    assert "Wrote 3 files" in written
    assert f"translations/ru/{DOC}.po" in written


def test_blocked_edition_lists_missing_units_and_other_jobs_still_produce(
    app: AppTest, demo: Workbench, downloads: dict[str, tuple[bytes, str | None]]
) -> None:
    demo.start_translation(DOC, "de")
    app.run()
    choose_formats(app, "po", "md")
    app.run()
    app.radio(key="ex_untranslated").set_value("block").run()
    assert "untranslated units will block the editions in German (de)" in texts(app.warning)
    app.button(key="ex_produce").click().run()
    assert not app.exception
    [error] = app.error
    message = unescape(error.value)
    assert "Markdown edition · German (de)" in message
    assert "have no de translation, so the edition was not made" in message
    assert f"{DOC}, paragraph 2: Question: What is the first step toward Lishma?" in message
    assert "Лестница" not in message
    # the other jobs delivered: both POs and the Russian edition, not the German one
    assert sorted(download_keys(app)) == sorted(
        [f"ru/{DOC}.po", f"de/{DOC}.po", f"ru/editions/{DOC}.md"]
    )
    de_po, _ = download(app, downloads, f"de/{DOC}.po")
    catalog = read_po(de_po, "de.po")
    assert catalog.language == "de"
    assert TITLE_EN in {e.source for e in catalog.entries}
    assert all(e.target == "" for e in catalog.entries)
    ru_md, _ = download(app, downloads, f"ru/editions/{DOC}.md")
    assert TITLE_RU in ru_md.decode("utf-8")


def test_blocked_edition_when_writing_keeps_the_other_files(
    app: AppTest, demo: Workbench, project
) -> None:  # type: ignore[no-untyped-def]
    demo.start_translation(DOC, "de")
    app.run()
    choose_formats(app, "po", "md")
    app.run()
    app.radio(key="ex_untranslated").set_value("block").run()
    app.button(key="ex_write").click().run()
    assert not app.exception
    assert "Question: What is the first step toward Lishma?" in texts(app.error)
    assert (project.translations / "de" / f"{DOC}.po").is_file()
    assert (project.translations / "ru" / "editions" / f"{DOC}.md").is_file()
    assert not (project.translations / "de" / "editions").exists()


# -- bring translations back -------------------------------------------------------------


def test_uploading_an_edited_po_updates_the_store(app: AppTest, demo: Workbench) -> None:
    data = edited_po(demo, TITLE_RU, "Лестница духовных ступеней")
    app.run()
    open_import_tab(app)
    upload(app, (f"{DOC}.ru.po", data))
    assert not app.exception
    assert f"{DOC}.ru.po (ru): 1 updated" in texts(app.success)
    assert ru_title(demo) == "Лестница духовных ступеней"
    assert demo.pending_conflicts() == []
    assert "None: every imported translation was applied." in "\n".join(
        c.value for c in app.caption
    )


def test_conflicting_upload_is_shown_and_take_incoming_applies_it(
    app: AppTest, demo: Workbench
) -> None:
    data = edited_po(demo, TITLE_RU, "Лестница уровней")
    # meanwhile the title is changed here
    unit = next(u for u in demo.units(DOC, "ru") if u.source.text == TITLE_EN)
    target = unit.target("ru")
    assert target is not None
    demo.save_unit(
        DOC, "ru", unit.key, "Лестница ступеней (правка)", expected_revision=target.revision
    )
    app.run()
    open_import_tab(app)
    upload(app, (f"{DOC}.ru.po", data))
    assert not app.exception
    assert "1 conflict to resolve" in texts(app.warning)
    assert ru_title(demo) == "Лестница ступеней (правка)"  # nothing overwritten
    [conflict] = demo.pending_conflicts("ru")
    shown = plain(app)
    assert f"Source: {TITLE_EN}" in shown
    assert "Here now (current)  \nЛестница ступеней (правка)" in shown
    assert "In the file (incoming)  \nЛестница уровней" in shown
    raw = "\n".join(m.value for m in app.markdown)
    assert ":green-background[**уровней**]" in raw  # what differs is marked
    app.button(key=f"ex_take_{conflict.id}").click().run()
    assert not app.exception
    assert ru_title(demo) == "Лестница уровней"
    assert demo.pending_conflicts() == []
    assert "Took the file's text" in texts(app.success)
    assert not [b for b in app.button if b.key == f"ex_take_{conflict.id}"]


def test_keep_current_and_merged_settle_conflicts(app: AppTest, demo: Workbench) -> None:
    units = [u for u in demo.units(DOC, "ru") if u.target("ru")][:2]
    edits = {}
    data = None
    [file] = demo.export_files("po", "ru", docs=[DOC])
    text = file.data.decode("utf-8")
    for number, unit in enumerate(units):
        target = unit.target("ru")
        assert target is not None
        demo.save_unit(DOC, "ru", unit.key, f"здесь {number}", expected_revision=target.revision)
        text = text.replace(f'msgstr "{target.text}"', f'msgstr "в файле {number}"', 1)
        edits[unit.key] = target.text
    data = text.encode("utf-8")
    app.run()
    open_import_tab(app)
    upload(app, ("two.po", data))
    first, second = demo.pending_conflicts("ru")
    assert app.button(key="ex_keep_all").label == "Keep all 2 current"
    app.button(key=f"ex_keep_{first.id}").click().run()
    assert [c.id for c in demo.pending_conflicts()] == [second.id]
    app.text_area(key=f"ex_merged_{second.id}").input("   ").run()
    app.button(key=f"ex_merge_{second.id}").click().run()
    assert "cannot be empty" in texts(app.error)
    assert [c.id for c in demo.pending_conflicts()] == [second.id]
    app.text_area(key=f"ex_merged_{second.id}").input("вместе 1").run()
    app.button(key=f"ex_merge_{second.id}").click().run()
    assert not app.exception
    assert demo.pending_conflicts() == []
    version = demo.document(DOC).version("ru")
    assert version is not None
    segment_texts = [s.text for s in version.segments]
    assert "здесь 0" in segment_texts
    assert "вместе 1" in segment_texts
    assert "в файле 0" not in segment_texts


def test_tmx_upload_becomes_translation_memory_and_unknown_units_are_listed(
    app: AppTest, demo: Workbench
) -> None:
    [tmx] = demo.export_files("tmx", "ru")
    data = edited_po(demo, TITLE_RU, "Лестница уровней")
    stray = data.replace(f'msgctxt "{DOC}:'.encode(), b'msgctxt "gone:', 1)
    app.run()
    open_import_tab(app)
    upload(app, ("memory.tmx", tmx.data), ("stray.po", stray))
    assert not app.exception
    assert "translation memory entries imported from memory.tmx" in texts(app.success)
    assert "stray.po (ru): 0 updated" in texts(app.warning)
    assert "1 unknown unit" in texts(app.warning)
    assert "`gone:" in "\n".join(m.value for m in app.markdown)
    assert ru_title(demo) == TITLE_RU


def test_malformed_po_shows_file_and_line_and_changes_nothing(
    app: AppTest, demo: Workbench
) -> None:
    good = edited_po(demo, TITLE_RU, "Лестница уровней")
    broken = good.replace('msgstr "Лестница уровней"'.encode(), 'msgstr "Лестница уровней'.encode())
    before = [s.text for s in demo.document(DOC).version("ru").segments]  # type: ignore[union-attr]
    app.run()
    open_import_tab(app)
    upload(app, ("broken.po", broken))
    assert not app.exception
    [error] = app.error
    message = unescape(error.value)
    assert re.search(r"Not imported: broken\.po:\d+: ", message), message
    assert [s.text for s in demo.document(DOC).version("ru").segments] == before  # type: ignore[union-attr]
    assert demo.pending_conflicts() == []


def test_mark_changes_escapes_and_marks_only_the_difference() -> None:
    from workbench.ui.text import mark_changes

    old, new = mark_changes("keep <b>this</b> one", "keep **that** one")
    assert old == r"keep :red-background[**\<b\>this\</b\>**] one"
    assert new == r"keep :green-background[**\*\*that\*\***] one"
    assert mark_changes("same", "same") == ("same", "same")
    assert mark_changes("", "new") == ("", ":green-background[**new**]")
    with pytest.raises(ValueError):
        mark_changes("a", "b", added="red]**[x")
