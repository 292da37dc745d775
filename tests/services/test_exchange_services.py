"""Export and import of translations through the store: PO round trips (as Poedit would
edit them), conflicts, TMX for translate-toolkit, editions, determinism and atomicity."""

from __future__ import annotations

import io
from pathlib import Path

import polib
import pytest

from tests.conftest import require_binary
from workbench.errors import InputError
from workbench.formats.po import read_po
from workbench.services import Workbench

DOC = "the-ladder-of-degrees"


GLOSSARY = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
    "zeir_anpin,en,Zeir Anpin,ZA,,\n"
    "zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,\n"
)


@pytest.fixture
def demo(bench: Workbench, project) -> Workbench:  # type: ignore[no-untyped-def]
    (project.glossary / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    bench.create_demo()
    return bench


def test_po_export_holds_the_russian_translations(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("po", "ru", out_dir=tmp_path)
    assert path == tmp_path / "ru" / f"{DOC}.po"
    catalog = read_po(path.read_bytes(), str(path))
    assert catalog.language == "ru"
    targets = {e.source: e.target for e in catalog.entries}
    assert targets["The Ladder Of Degrees"] == "Лестница ступеней"
    assert "Зеир Анпин" in " ".join(targets.values())
    required = [t for e in catalog.entries for t in e.required_terms]
    assert any("Zeir Anpin → Зеир Анпин" in t for t in required)


def test_po_passes_msgfmt(demo: Workbench, tmp_path: Path) -> None:
    import subprocess

    require_binary("/usr/bin/msgfmt", "gettext")
    for path in demo.export("po", "ru", out_dir=tmp_path):
        result = subprocess.run(
            ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


def poedit(path: Path, edits: dict[str, str], *, fuzzy: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    """Edit a PO the way Poedit does: parse, change msgstr, set flags, save (re-wrapped)."""
    catalog = polib.pofile(str(path), wrapwidth=78)
    for entry in catalog:
        if entry.msgid in edits:
            entry.msgstr = edits[entry.msgid]
        if entry.msgid in fuzzy and "fuzzy" not in entry.flags:
            entry.flags.append("fuzzy")
    catalog.metadata["Last-Translator"] = "Translator <t@example.org>"
    catalog.save(str(path))


def test_po_round_trip_through_an_external_editor(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("po", "ru", out_dir=tmp_path)
    poedit(
        path,
        {
            "The Ladder Of Degrees": "Лестница ступеней духовного пути",
            "When Zeir Anpin rises to YESHSUT, the light grows.": "Когда Зеир Анпин "
            "поднимается в ИШСУТ, свет становится больше.",
        },
        fuzzy={"When Zeir Anpin rises to YESHSUT, the light grows."},
    )
    result = demo.import_translation(path.read_bytes(), path.name)
    assert len(result.updated) == 2 and not result.conflicts and not result.unknown
    ru = demo.document(DOC).version("ru")
    assert ru is not None
    texts = {s.text: s.status for s in ru.segments}
    assert texts["Лестница ступеней духовного пути"] == "translated"
    assert texts["Когда Зеир Анпин поднимается в ИШСУТ, свет становится больше."] == "draft"
    # importing the same file again changes nothing
    again = demo.import_translation(path.read_bytes(), path.name)
    assert again.updated == [] and again.unchanged > 0


def test_unit_changed_here_since_export_becomes_a_conflict(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("po", "ru", out_dir=tmp_path)
    unit = next(u for u in demo.units(DOC, "ru") if u.source.text == "The Ladder Of Degrees")
    target = unit.target("ru")
    assert target is not None
    demo.save_unit(
        DOC, "ru", unit.key, "Лестница ступеней (правка)", expected_revision=target.revision
    )
    poedit(path, {"The Ladder Of Degrees": "Лестница уровней"})
    result = demo.import_translation(path.read_bytes(), path.name)
    assert result.updated == [] and len(result.conflicts) == 1
    titles = [s.text for s in demo.document(DOC).version("ru").segments if s.kind == "title"]
    assert titles == ["Лестница ступеней (правка)"]  # nothing overwritten
    [conflict] = demo.pending_conflicts("ru")
    assert (conflict.current, conflict.incoming) == (
        "Лестница ступеней (правка)",
        "Лестница уровней",
    )
    demo.resolve_conflict(conflict.id, "incoming")
    titles = [s.text for s in demo.document(DOC).version("ru").segments if s.kind == "title"]
    assert titles == ["Лестница уровней"]
    assert demo.pending_conflicts() == []


def test_unknown_units_are_reported_and_malformed_po_rejected(
    demo: Workbench, tmp_path: Path
) -> None:
    [path] = demo.export("po", "ru", out_dir=tmp_path)
    text = path.read_text(encoding="utf-8").replace(f'msgctxt "{DOC}:', 'msgctxt "gone:', 1)
    path.write_text(text, encoding="utf-8")
    result = demo.import_translation(path.read_bytes(), path.name)
    assert len(result.unknown) == 1 and result.unknown[0].startswith("gone:")
    broken = text.replace('msgstr "Лестница ступеней"', 'msgstr "Лестница ступеней', 1)
    with pytest.raises(InputError) as caught:
        demo.import_translation(broken.encode(), "broken.po")
    assert caught.value.file == "broken.po" and caught.value.line


def test_translating_a_new_language_through_po(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("po", "de", out_dir=tmp_path)
    catalog = read_po(path.read_bytes(), path.name)
    assert all(entry.target == "" for entry in catalog.entries)
    poedit(path, {"The Ladder Of Degrees": "Die Leiter der Stufen"})
    result = demo.import_translation(path.read_bytes(), path.name)
    assert len(result.updated) == 1
    de = demo.document(DOC).version("de")
    assert de is not None and de.segments[0].text == "Die Leiter der Stufen"


def test_corpus_tmx_loads_into_translate_toolkit(demo: Workbench, tmp_path: Path) -> None:
    from translate.storage.tmx import tmxfile

    [path] = demo.export("tmx", "ru", out_dir=tmp_path)
    store = tmxfile(io.BytesIO(path.read_bytes()), "en", "ru")
    units = [u for u in store.units if u.source]
    ours = [u for u in demo.units(DOC, "ru") if u.target("ru") and u.target("ru").text]
    assert len(units) == len(ours)
    assert {u.source for u in units} == {u.source.text for u in ours}
    assert {u.target for u in units} == {u.target("ru").text for u in ours}


def test_russian_docx_edition_of_a_collection(demo: Workbench, tmp_path: Path) -> None:
    import docx

    [path] = demo.export("docx", "ru", out_dir=tmp_path, collection="Избранное")
    document = docx.Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Лестница ступеней" in text
    assert "[123456]" in text
    assert "Вопрос:" in text and "«лишма»" in text


def test_exports_are_deterministic(demo: Workbench, tmp_path: Path) -> None:
    for fmt in ("po", "tmx", "xliff", "md", "html", "docx", "epub"):
        first = {f.path: f.data for f in demo.export_files(fmt, "ru")}
        second = {f.path: f.data for f in demo.export_files(fmt, "ru")}
        assert first == second, fmt


def test_blocked_edition_writes_nothing_and_keeps_old_files(
    demo: Workbench, tmp_path: Path
) -> None:
    demo.start_translation(DOC, "de")
    target = tmp_path / "de" / "editions" / f"{DOC}.md"
    target.parent.mkdir(parents=True)
    target.write_text("previous edition", encoding="utf-8")
    with pytest.raises(InputError, match="no de translation"):
        demo.export("md", "de", out_dir=tmp_path, untranslated="block")
    assert target.read_text(encoding="utf-8") == "previous edition"
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_tmx_import_becomes_translation_memory(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("tmx", "ru", out_dir=tmp_path)
    result = demo.import_translation(path.read_bytes(), "old-memory.tmx")
    assert result.memory_entries > 5
    with demo.db.session() as session:
        from workbench.store import exchange

        assert len(exchange.memory_entries(session, "en", "ru")) == result.memory_entries
    again = demo.import_translation(path.read_bytes(), "old-memory.tmx")
    with demo.db.session() as session:
        assert exchange.memory_size(session) == again.memory_entries  # replaced, not doubled


def test_import_goes_through_revision_checked_saves(demo: Workbench, tmp_path: Path) -> None:
    [path] = demo.export("po", "ru", out_dir=tmp_path)
    poedit(path, {"The Ladder Of Degrees": "Лестница"})
    demo.import_translation(path.read_bytes(), path.name)
    with demo.db.session() as session:
        from workbench.store.history import entries

        [entry] = [e for e in entries(session, entity="segment") if e.action == "import"]
    assert (entry.old, entry.new, entry.note) == ("Лестница ступеней", "Лестница", path.name)
