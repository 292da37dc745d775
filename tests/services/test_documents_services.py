"""Use cases: import (all-or-nothing), listing, reading, the demo workspace."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import NotFoundError, WorkbenchError
from workbench.model import ParagraphKind
from workbench.services import ImportFailed, ImportItem, Workbench


def dump(db_url: str) -> list[str]:
    """Every row of every table, so 'exactly as before' can be compared (either backend)."""
    from workbench.store.backup import dump as dump_rows
    from workbench.store.db import make_engine

    engine = make_engine(db_url)
    try:
        return dump_rows(engine)
    finally:
        engine.dispose()


def test_import_segments_and_strips(bench: Workbench, project) -> None:
    items = bench.read_paths([project.sources / "the-ladder-of-degrees.txt"], lang="en")
    [outcome] = bench.import_items(items)
    assert outcome.name == "the-ladder-of-degrees"
    assert outcome.segments >= 7
    assert outcome.stripped >= 2

    detail = bench.document("the-ladder-of-degrees")
    assert detail.meta.post_id == "123456"
    assert detail.meta.title == "The Ladder Of Degrees"
    assert "3/14/19" in (detail.meta.source_line or "")
    texts = [s.text for s in detail.source.segments]
    assert "Question: What is the first step toward Lishma?" in texts
    # "Dr." is an abbreviation, not a sentence end.
    assert any(t.startswith("Answer: Dr. Laitman said that the group comes first.") for t in texts)
    assert not any("Related Material" in t or "Share Feedback" in t for t in texts)
    stripped = " ".join(b.text for b in detail.source.stripped)
    assert "Share Feedback" in stripped
    kinds = {s.kind for s in detail.source.segments}
    assert {ParagraphKind.TITLE, ParagraphKind.POST_ID, ParagraphKind.SOURCE_LINE} <= kinds
    assert detail.source.segmenter and detail.source.segmenter.startswith("segment:")


def test_paragraph_structure_is_kept(bench: Workbench, project) -> None:
    bench.import_items(bench.read_paths([project.sources / "the-ladder-of-degrees.txt"]))
    source = bench.document("the-ladder-of-degrees").source
    paragraphs = source.paragraphs()
    # title, Q, A, body paragraph (two sentences), post id, source line
    assert [len(p) for p in paragraphs][:4] == [1, 1, 2, 2]
    assert [s.position for s in source.segments] == list(range(len(source.segments)))


def test_translation_is_attached_as_a_language_version(bench: Workbench, project) -> None:
    bench.import_items(bench.read_paths([project.sources / "the-ladder-of-degrees.txt"]))
    ru = project.sources / "ru" / "the-ladder-of-degrees.txt"
    [outcome] = bench.import_items(
        bench.read_paths([ru], lang="ru", translation_of="the-ladder-of-degrees")
    )
    assert outcome.is_translation
    [summary] = bench.list_documents()
    assert summary.languages == ["en", "ru"]
    ru_version = bench.document("123456").version("ru")
    assert ru_version is not None
    assert any("Зеир Анпин" in s.text for s in ru_version.segments)


def test_failed_import_leaves_store_exactly_as_before(bench: Workbench, project, db_url) -> None:
    bench.import_items(bench.read_paths([project.sources / "the-ladder-of-degrees.txt"]))
    before = dump(db_url)
    good = ImportItem(
        data=b"A Title\n\nOne sentence here. Another one.\n", filename="good.txt", lang="en"
    )
    corrupt_docx = ImportItem(data=b"PK\x03\x04 definitely not a zip", filename="broken.docx")
    with pytest.raises(ImportFailed) as caught:
        bench.import_items([good, corrupt_docx])
    assert "broken.docx" in str(caught.value)
    assert "nothing was imported" in str(caught.value)
    assert dump(db_url) == before


def test_failure_while_saving_rolls_back_everything(bench: Workbench, project, db_url) -> None:
    """A clash found only at write time (second file's name taken) also stores nothing."""
    bench.import_items(bench.read_paths([project.sources / "the-ladder-of-degrees.txt"]))
    before = dump(db_url)
    fresh = ImportItem(data=b"Fresh text. It has two sentences.\n", filename="fresh.txt", lang="en")
    clash = ImportItem(
        data=b"Other text. Same name as before.\n", filename="the-ladder-of-degrees.txt", lang="en"
    )
    with pytest.raises(ImportFailed, match="already exists"):
        bench.import_items([fresh, clash])
    assert dump(db_url) == before


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("notes.pdf", b"%PDF-1.4", "unsupported"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"   \n\n  \n", "empty"),
        ("broken.docx", b"not a zip at all", "docx"),
    ],
)
def test_bad_files_are_named_with_their_problem(
    bench: Workbench, filename: str, data: bytes, expected: str
) -> None:
    with pytest.raises(ImportFailed) as caught:
        bench.import_items([ImportItem(data=data, filename=filename, lang="en")])
    message = str(caught.value)
    assert filename in message
    assert expected in message.lower()
    assert bench.is_empty()


def test_translation_of_unknown_document_is_rejected(bench: Workbench) -> None:
    item = ImportItem(
        data="Текст. Ещё предложение.".encode(), filename="x.txt", lang="ru", translation_of="nope"
    )
    with pytest.raises(ImportFailed, match="no document 'nope'"):
        bench.import_items([item])


def test_missing_path_is_reported(bench: Workbench, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        bench.read_paths([tmp_path / "missing.txt"])


def test_unknown_document(bench: Workbench) -> None:
    with pytest.raises(NotFoundError):
        bench.document("does-not-exist")


def test_demo_creates_sources_and_translations_once(bench: Workbench) -> None:
    outcomes = bench.create_demo()
    assert {(o.name, o.lang) for o in outcomes} == {
        ("the-ladder-of-degrees", "en"),
        ("the-ladder-of-degrees", "ru"),
    }
    assert not bench.is_empty()
    with pytest.raises(WorkbenchError, match="already holds documents"):
        bench.create_demo()
    assert bench.ensure_demo() is False


def test_repository_demo_content_imports_cleanly(db_url: str) -> None:
    """The shipped sources/ folder is the first thing a new user sees: it must import."""
    from workbench.config import project_paths
    from workbench.store import Database

    repo_root = Path(__file__).resolve().parents[2]
    bench = Workbench(Database(db_url), project=project_paths(repo_root), user="tester")
    outcomes = bench.create_demo()
    sources = [o for o in outcomes if not o.is_translation]
    translations = [o for o in outcomes if o.is_translation]
    assert len(sources) >= 3
    assert {o.lang for o in translations} >= {"ru", "es"}
    assert all(o.lang == "en" for o in sources)
    for outcome in outcomes:
        assert outcome.detected_lang == outcome.lang, outcome
    documents = bench.list_documents()
    assert any(len(d.versions) >= 3 for d in documents)
    assert all(d.post_id for d in documents)


def test_segment_text_groups_by_paragraph(bench: Workbench) -> None:
    result = bench.segment_text("First one. Second one.\n\nThird paragraph here.\n", "en")
    assert result == [["First one.", "Second one."], ["Third paragraph here."]]


def test_change_language_resegments_and_records_history(bench: Workbench) -> None:
    from workbench.store.history import entries

    text = "Вопрос: что такое т.е. экран? Ответ: это масах. Он отражает свет.\n"
    bench.import_items([ImportItem(data=text.encode(), filename="ekran.txt", lang="en")])
    before = bench.document("ekran").source
    changed = bench.change_language("ekran", "en", "ru")
    assert changed.source_lang == "ru"
    assert changed.source.lang == "ru"
    assert "lang:ru" in (changed.source.segmenter or "")
    # Russian rules know "т.е." is an abbreviation
    assert any("т.е. экран?" in s.text for s in changed.source.segments)
    assert "".join(s.text for s in changed.source.segments).replace(" ", "") == "".join(
        s.text for s in before.segments
    ).replace(" ", "")
    with bench.db.session() as session:
        [entry] = [e for e in entries(session, entity="version") if e.action == "change-language"]
    assert (entry.old, entry.new, entry.user) == ("en", "ru", "tester")


def test_change_language_refuses_a_clash(bench: Workbench, project) -> None:
    bench.create_demo()
    with pytest.raises(WorkbenchError, match="already has a ru version"):
        bench.change_language("the-ladder-of-degrees", "en", "ru")
    with pytest.raises(WorkbenchError, match=r"language"):
        bench.change_language("the-ladder-of-degrees", "en", "english")
