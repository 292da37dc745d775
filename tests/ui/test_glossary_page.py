"""The Glossary page, driven through Streamlit's AppTest (no browser).

AppTest cannot type into a data editor, so edits are given the way the browser sends them:
the editor's edit state (edited_rows, added_rows, deleted_rows) assigned before a run.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import Workbench

APP = str(Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py")

SMALL_GLOSSARY = """\
concept_id,lang,preferred,allowed_variants,forbidden_variants,note,definition
malchut,en,Malchut,,Malkhut|Malkuth,,The tenth Sefira.
malchut,ru,Малхут,,Малкут|Малхуты,Indeclinable.,The tenth Sefira.
zeir_anpin,en,Zeir Anpin,ZA,Zair Anpin,,
zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,,
lishma,en,Lishma,,Lishmah,,
lishma,ru,лишма,,лишмо,,
"""


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, db_url: str, project, bench: Workbench) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    bench.import_glossary(SMALL_GLOSSARY.encode(), "small.csv")
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/glossary.py")
    return at


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(elements: Any) -> str:
    return "\n".join(unescape(e.value) for e in elements)


def editor_rows(at: AppTest) -> list[dict[str, Any]]:
    return at.data_editor[0].value.to_dict("records")


def position(at: AppTest, concept: str, lang: str) -> int:
    rows = editor_rows(at)
    return next(i for i, r in enumerate(rows) if (r["concept_id"], r["lang"]) == (concept, lang))


def edit(at: AppTest, **state: Any) -> AppTest:
    """Give the editor an edit state, as the browser would, and rerun."""
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": state.get("edited_rows", {}),
        "added_rows": state.get("added_rows", []),
        "deleted_rows": state.get("deleted_rows", []),
    }
    return at.run()


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["gl_tab"] = label
    return at.run()


def save(at: AppTest) -> AppTest:
    return at.button(key="gl_save").click().run()


def preferred(bench: Workbench, concept: str, lang: str) -> str | None:
    found = bench.termbase().get(concept)
    term = found.preferred(lang) if found else None
    return term.text if term else None


def entries(bench: Workbench) -> set[tuple[str, str]]:
    rows, _ = bench.glossary_table()
    return {(r["concept_id"], r["lang"]) for r in rows}


def test_renders_every_row_with_flags_as_checkboxes(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Glossary"
    rows = editor_rows(app)
    assert len(rows) == 6
    assert {r["preferred"] for r in rows} >= {"Малхут", "Zeir Anpin", "лишма"}
    assert list(app.data_editor[0].value.columns)[:3] == ["concept_id", "lang", "preferred"]
    assert all(isinstance(r["case_sensitive"], bool) for r in rows)
    assert app.data_editor[0].editing_mode == "dynamic"
    assert app.button(key="gl_save").disabled


def test_an_edited_cell_is_saved_and_can_be_undone(app: AppTest, bench: Workbench) -> None:
    app.run()
    row = position(app, "lishma", "en")
    edit(app, edited_rows={row: {"preferred": "Lishmá", "case_sensitive": True}})
    assert not app.button(key="gl_save").disabled
    assert "Unsaved: 1 changed" in texts(app.caption)
    save(app)
    assert not app.exception
    assert preferred(bench, "lishma", "en") == "Lishmá"
    assert bench.termbase().concept("lishma").preferred("en").case_sensitive  # type: ignore[union-attr]
    assert "Saved: changed lishma (en)" in texts(app.success)
    # the editor now shows the stored glossary, with nothing unsaved
    assert app.data_editor[0].value.iloc[position(app, "lishma", "en")]["preferred"] == "Lishmá"
    assert app.button(key="gl_save").disabled

    undo = next(b for b in app.button if b.key and b.key.startswith("gl_undo_last_"))
    undo.click().run()
    assert not app.exception
    assert preferred(bench, "lishma", "en") == "Lishma"
    assert "Undone" in texts(app.success)
    assert app.data_editor[0].value.iloc[position(app, "lishma", "en")]["preferred"] == "Lishma"


def test_an_empty_preferred_term_names_the_row_and_saves_nothing(
    app: AppTest, bench: Workbench
) -> None:
    app.run()
    before = bench.glossary_table()
    row = position(app, "zeir_anpin", "ru")
    edit(app, edited_rows={row: {"preferred": ""}})
    save(app)
    assert not app.exception
    [error] = app.error
    message = unescape(error.value)
    assert f"Row {row + 1} of the table" in message
    assert "zeir_anpin" in message and "ru" in message
    assert "preferred" in message and "empty" in message
    assert "Nothing was saved" in message
    assert bench.glossary_table() == before
    # the edit is kept so it can be corrected
    assert not app.button(key="gl_save").disabled
    assert app.session_state[app.data_editor[0].key]["edited_rows"] == {row: {"preferred": ""}}
    # correcting it then saves
    edit(app, edited_rows={row: {"preferred": "Зеир  Анпин-2"}})
    save(app)
    assert not app.error
    assert preferred(bench, "zeir_anpin", "ru") == "Зеир  Анпин-2"


def test_a_stale_save_shows_both_versions_and_saves_nothing(app: AppTest, bench: Workbench) -> None:
    app.run()
    # someone else changes the entry after this editor loaded it
    rows, revisions = bench.glossary_table()
    theirs = [dict(r) for r in rows]
    next(r for r in theirs if (r["concept_id"], r["lang"]) == ("malchut", "en"))["preferred"] = (
        "Malchut-THEIRS"
    )
    bench.save_glossary_table(theirs, rows, revisions)

    row = position(app, "malchut", "en")
    edit(app, edited_rows={row: {"preferred": "Malchut-MINE"}})
    other = position(app, "lishma", "ru")
    edit(
        app,
        edited_rows={row: {"preferred": "Malchut-MINE"}, other: {"note": "my other edit"}},
    )
    save(app)
    assert not app.exception
    assert preferred(bench, "malchut", "en") == "Malchut-THEIRS"
    assert "someone else changed malchut (en)" in texts(app.error).lower()
    [table] = [d for d in app.dataframe if "Theirs (stored now)" in d.value.columns]
    compared = table.value.set_index("Field")
    assert compared.loc["Preferred term", "Theirs (stored now)"] == "Malchut-THEIRS"
    assert compared.loc["Preferred term", "Yours"] == "Malchut-MINE"

    # reload: their version is shown, the edit to the other entry is kept
    app.button(key="gl_reload").click().run()
    assert not app.exception
    assert "replaced by the newer stored version" in texts(app.info)
    shown = editor_rows(app)
    assert shown[position(app, "malchut", "en")]["preferred"] == "Malchut-THEIRS"
    assert not [d for d in app.dataframe if "Theirs (stored now)" in d.value.columns]
    save(app)
    assert preferred(bench, "malchut", "en") == "Malchut-THEIRS"
    rows, _ = bench.glossary_table()
    assert (
        next(r for r in rows if r["concept_id"] == "lishma" and r["lang"] == "ru")["note"]
        == "my other edit"
    )


def test_a_filtered_save_keeps_the_hidden_rows(app: AppTest, bench: Workbench) -> None:
    app.run()
    app.multiselect(key="gl_filter_langs").set_value(["ru"]).run()
    assert {r["lang"] for r in editor_rows(app)} == {"ru"}
    assert len(editor_rows(app)) == 3
    # edit one Russian row and delete another; the English rows are hidden
    edit(
        app,
        edited_rows={position(app, "malchut", "ru"): {"preferred": "Малхут-2"}},
        deleted_rows=[position(app, "lishma", "ru")],
    )
    # change the filter: the edits made under the old one are kept
    app.multiselect(key="gl_filter_langs").set_value(["en"]).run()
    assert {r["lang"] for r in editor_rows(app)} == {"en"}
    edit(app, edited_rows={position(app, "zeir_anpin", "en"): {"note": "Abbreviated ZA."}})
    app.text_input(key="gl_filter_search").input("zeir").run()
    assert [r["concept_id"] for r in editor_rows(app)] == ["zeir_anpin"]
    save(app)
    assert not app.exception
    assert not app.error
    assert entries(bench) == {
        ("malchut", "en"),
        ("malchut", "ru"),
        ("zeir_anpin", "en"),
        ("zeir_anpin", "ru"),
        ("lishma", "en"),
    }
    assert preferred(bench, "malchut", "ru") == "Малхут-2"
    assert bench.termbase().concept("zeir_anpin").note_for("en") == "Abbreviated ZA."
    assert "removed lishma (ru)" in texts(app.success)


def test_rows_can_be_added_and_concept_fields_follow_one_edit(
    app: AppTest, bench: Workbench
) -> None:
    app.run()
    edit(
        app,
        edited_rows={position(app, "malchut", "ru"): {"definition": "Kingdom."}},
        added_rows=[
            {
                "concept_id": "malchut",
                "lang": "es",
                "preferred": "Maljut",
                "case_sensitive": False,
                "accent_insensitive": False,
            },
            # a row the person added and left empty (flags at their default)
            {"case_sensitive": False, "accent_insensitive": False},
        ],
    )
    save(app)
    assert not app.error, texts(app.error)
    concept = bench.termbase().concept("malchut")
    assert concept.preferred("es").text == "Maljut"  # type: ignore[union-attr]
    assert concept.definition == "Kingdom."
    rows, _ = bench.glossary_table()
    assert {r["definition"] for r in rows if r["concept_id"] == "malchut"} == {"Kingdom."}


def test_unsaved_edits_block_import_and_can_be_discarded(app: AppTest, bench: Workbench) -> None:
    app.run()
    edit(app, edited_rows={position(app, "lishma", "en"): {"preferred": "Lishma-X"}})
    open_tab(app, "Import and export")
    assert app.button(key="FormSubmitter:gl_import-Import").disabled
    app.run()  # the editor is not drawn here, its edits are still kept
    assert app.button(key="FormSubmitter:gl_import-Import").disabled
    open_tab(app, "Edit")
    assert editor_rows(app)[position(app, "lishma", "en")]["preferred"] == "Lishma-X"
    assert not app.button(key="gl_save").disabled
    app.button(key="gl_discard").click().run()
    assert "discarded" in texts(app.info)
    assert editor_rows(app)[position(app, "lishma", "en")]["preferred"] == "Lishma"
    assert preferred(bench, "lishma", "en") == "Lishma"
    open_tab(app, "Import and export")
    assert not app.button(key="FormSubmitter:gl_import-Import").disabled


def test_unsaved_edits_survive_a_visit_to_another_page(app: AppTest, bench: Workbench) -> None:
    app.run()
    edit(app, edited_rows={position(app, "malchut", "ru"): {"note": "Never declines."}})
    app.switch_page("app_pages/documents.py").run()
    assert app.title[0].value == "Documents"
    app.switch_page("app_pages/glossary.py").run()
    assert editor_rows(app)[position(app, "malchut", "ru")]["note"] == "Never declines."
    save(app)
    assert bench.termbase().concept("malchut").note_for("ru") == "Never declines."


def test_changes_made_elsewhere_show_when_nothing_is_unsaved(
    app: AppTest, bench: Workbench
) -> None:
    app.run()
    bench.import_glossary(
        b"concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
        b"kli,en,Kli,vessel,,\n",
        "more.csv",
    )
    app.run()
    assert ("kli", "en") in {(r["concept_id"], r["lang"]) for r in editor_rows(app)}


def test_malformed_import_names_file_and_line_and_imports_nothing(
    app: AppTest, bench: Workbench
) -> None:
    open_tab(app, "Import and export")
    before = bench.glossary_table()
    history = bench.glossary_history()
    app.file_uploader(key="gl_upload").set_value(
        (
            "broken.csv",
            (
                "concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
                "kli,en,Kli,vessel,,\n"
                "kli,ru,,сосуд,,\n"
            ).encode(),
            "text/csv",
        )
    )
    app.button(key="FormSubmitter:gl_import-Import").click().run()
    assert not app.exception
    [error] = app.error
    message = unescape(error.value)
    assert "broken.csv:3" in message
    assert "preferred" in message
    assert "Nothing was imported" in message
    assert bench.glossary_table() == before
    assert len(bench.glossary_history()) == len(history)


def test_import_merges_or_replaces_and_shows_warnings(app: AppTest, bench: Workbench) -> None:
    open_tab(app, "Import and export")
    data = (
        b"concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
        b"kli,en,Kli,vessel|vessel,,\n"
    )
    app.file_uploader(key="gl_upload").set_value(("extra.csv", data, "text/csv"))
    app.button(key="FormSubmitter:gl_import-Import").click().run()
    assert not app.exception
    assert "Imported extra.csv: added kli (en)" in texts(app.success)
    assert "vessel" in texts(app.warning)  # the repeated variant
    assert len(entries(bench)) == 7

    app.file_uploader(key="gl_upload").set_value(("extra.csv", data, "text/csv"))
    app.radio(key="gl_import_mode").set_value("replace")
    app.button(key="FormSubmitter:gl_import-Import").click().run()
    assert entries(bench) == {("kli", "en")}
    assert app.session_state["gl_tab"] == "Import and export"  # still open after the import
    open_tab(app, "Edit")
    assert len(editor_rows(app)) == 1


def test_export_downloads_and_writes_into_the_glossary_folder(app: AppTest, project) -> None:
    open_tab(app, "Import and export")
    labels = [b.label for b in app.get("download_button")]
    assert "Download CSV" in labels and "Download TBX" in labels
    assert "Download OmegaT glossary (en → ru)" in labels
    app.button(key="gl_write_csv").click().run()
    written = project.glossary / "glossary.csv"
    assert written.is_file()
    assert "Зеир Анпин" in written.read_text(encoding="utf-8")
    assert str(written) in texts(app.success)
    app.button(key="gl_write_tbx").click().run()
    assert (project.glossary / "glossary.tbx").is_file()


def test_history_lists_changes_and_undoes_them(app: AppTest, bench: Workbench) -> None:
    app.run()
    rows, revisions = bench.glossary_table()
    mine = [dict(r) for r in rows if r["concept_id"] != "lishma"]
    next(r for r in mine if r["concept_id"] == "malchut" and r["lang"] == "en")["preferred"] = (
        "Malchut-2"
    )
    bench.save_glossary_table(mine, rows, revisions)
    open_tab(app, "History")
    [edited, imported] = bench.glossary_history()
    history = texts(app.markdown)
    assert "Import of small.csv" in history and "Edit" in history
    # undoing the import first would lose the later edit: refused, naming the entries
    app.button(key=f"gl_undo_{imported.batch}").click().run()
    assert not app.exception
    assert "Cannot undo: malchut (en)" in texts(app.error)
    assert preferred(bench, "malchut", "en") == "Malchut-2"
    # undo the edit, then the import
    app.button(key=f"gl_undo_{edited.batch}").click().run()
    assert preferred(bench, "malchut", "en") == "Malchut"
    assert {("lishma", "en"), ("lishma", "ru")} <= entries(bench)
    assert f"Undid change {edited.batch}" in texts(app.success)
    app.button(key=f"gl_undo_{imported.batch}").click().run()
    assert not app.error
    assert entries(bench) == set()
    open_tab(app, "Edit")
    assert editor_rows(app) == []


def test_usage_counts_per_concept(app: AppTest, bench: Workbench) -> None:
    bench.create_demo()
    app.run()
    assert not app.exception
    usage = next(d for d in app.dataframe if "Forbidden" in d.value.columns).value
    by_concept = usage.set_index("Concept")
    assert by_concept.loc["zeir_anpin", "Term"] == "Зеир Анпин"
    assert by_concept.loc["zeir_anpin", "Preferred"] >= 1
    assert by_concept.loc["malchut", "Preferred"] >= 1
    zeir = by_concept.loc["zeir_anpin", "Preferred"]
    # after a saved edit the counts follow the glossary: the preferred term is now unknown
    row = position(app, "zeir_anpin", "ru")
    edit(app, edited_rows={row: {"preferred": "Зеир-Анпин-Новый"}})
    save(app)
    usage = next(d for d in app.dataframe if "Forbidden" in d.value.columns).value
    assert usage.set_index("Concept").loc["zeir_anpin", "Preferred"] < zeir


def test_text_is_shown_literally(app: AppTest, bench: Workbench) -> None:
    bench.import_glossary(
        b"concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
        b"x,en,<b>bold</b>,,,\n",
        "**evil**.csv",
    )
    open_tab(app, "History")
    raw = "\n".join(m.value for m in app.markdown)
    assert "<b>" not in raw and "**evil**" not in raw
    assert r"\*\*evil\*\*" in raw
