"""Alignment in the store: run, edit with revision checks and history, undo/redo, the grid,
pairing imports by post id."""

from __future__ import annotations

import pytest

from workbench.errors import ConflictError, InputError
from workbench.services import BY_POST_ID, ImportFailed, ImportItem, Workbench
from workbench.store.history import entries

DOC = "the-ladder-of-degrees"


@pytest.fixture
def aligned(bench: Workbench) -> Workbench:
    bench.create_demo()
    return bench


def test_demo_translation_is_aligned_near_diagonally(aligned: Workbench) -> None:
    view = aligned.alignment(DOC, "ru")
    assert view is not None
    assert view.signature.startswith("align:")
    assert view.mean_confidence > 0.8 and view.warnings == ()
    pairs = [link.pair for link in view.links]
    assert pairs[0] == ((0,), (0,))  # titles
    assert pairs[-2:] == [((6,), (6,)), ((7,), (7,))]  # post id, source line
    covered_src = [i for link in view.links for i in link.src]
    assert covered_src == list(range(len(view.src)))


def test_stale_edit_is_a_conflict_and_changes_nothing(aligned: Workbench) -> None:
    view = aligned.alignment(DOC, "ru")
    assert view is not None
    first = aligned.edit_alignment(DOC, "ru", view.revision, "merge", index=1)
    with pytest.raises(ConflictError):
        aligned.edit_alignment(DOC, "ru", view.revision, "confirm", index=0)
    now = aligned.alignment(DOC, "ru")
    assert now is not None and now.links == first.links and not any(now.confirmed)


def test_edits_are_recorded_and_undo_redo_restore_them(aligned: Workbench) -> None:
    view = aligned.alignment(DOC, "ru")
    assert view is not None
    merged = aligned.edit_alignment(DOC, "ru", view.revision, "merge", index=2)
    assert merged.last_edit is not None
    assert len(merged.links) == len(view.links) - 1
    with aligned.db.session() as session:
        rows = [e for e in entries(session, entity="alignment") if e.action == "align-edit"]
    assert rows and rows[0].user == "tester" and '"merge"' in (rows[0].note or "")
    undone = aligned.undo_alignment_edit(DOC, "ru", merged.last_edit)
    assert undone.links == view.links
    redone = aligned.redo_alignment_edit(DOC, "ru", merged.last_edit)
    assert redone.links == merged.links


def test_source_sentence_split_updates_every_translation(bench: Workbench) -> None:
    bench.create_demo()
    es = "Escalera de grados\n\nPregunta: ¿Cuál es el primer paso hacia Lishmá?\n"
    bench.import_items([ImportItem(es.encode(), "es.txt", lang="es", translation_of=DOC)])
    bench.align_document(DOC, "es")
    ru = bench.alignment(DOC, "ru")
    assert ru is not None
    split = bench.edit_alignment(
        DOC, "ru", ru.revision, "split_sentence", side="src", sentence=1, offset=len("Question:")
    )
    assert split.src[1].text == "Question:" and split.src[2].text.startswith("What is")
    es_view = bench.alignment(DOC, "es")
    assert es_view is not None
    covered = [i for link in es_view.links for i in link.src]
    assert covered == list(range(len(split.src)))
    # both halves of the split sentence stay in the Spanish link that held the sentence
    assert any(1 in link.src and 2 in link.src for link in es_view.links)
    undone = bench.undo_alignment_edit(DOC, "ru", split.last_edit)
    assert undone.src[1].text.startswith("Question: What is")
    assert [link.pair for link in undone.links] == [link.pair for link in ru.links]


def test_impossible_edit_is_a_clear_error(aligned: Workbench) -> None:
    view = aligned.alignment(DOC, "ru")
    assert view is not None
    with pytest.raises(InputError, match="nothing after it"):
        aligned.edit_alignment(DOC, "ru", view.revision, "merge", index=len(view.links) - 1)
    with pytest.raises(InputError, match="unknown alignment operation"):
        aligned.edit_alignment(DOC, "ru", view.revision, "explode", index=0)


def test_realign_keeps_confirmed_links(aligned: Workbench) -> None:
    view = aligned.alignment(DOC, "ru")
    assert view is not None
    merged = aligned.edit_alignment(DOC, "ru", view.revision, "merge", index=3)
    confirmed = aligned.edit_alignment(DOC, "ru", merged.revision, "confirm", index=3)
    kept = confirmed.links[3]
    again = aligned.align_document(DOC, "ru")
    assert kept in again.links
    assert again.confirmed[again.links.index(kept)] is True


def test_unrelated_text_gets_low_confidence_and_a_warning(bench: Workbench) -> None:
    bench.create_demo()
    other = (
        "Погода сегодня\n\nЗавтра ожидается дождь и сильный ветер. Температура упадёт.\n\n"
        "В выходные будет солнечно. Рынок открыт до восьми вечера.\n"
        "Автобусы ходят по расписанию. Магазины закрыты на ремонт.\n"
    )
    bench.import_items([ImportItem(other.encode(), "weather.txt", lang="ru", name="weather")])
    bench.import_items(
        [
            ImportItem(
                (
                    b"A Garden\n\nThe roses bloom in June. Water them at dawn.\n\n"
                    b"Cut the old stems in autumn. Mulch keeps the roots warm.\n"
                ),
                "garden.txt",
                lang="en",
            )
        ]
    )
    bench.import_items([ImportItem(other.encode(), "w.txt", lang="ru", translation_of="garden")])
    view = bench.align_document("garden", "ru")
    assert view.mean_confidence < 0.3
    assert view.warnings and "translations of each other" in view.warnings[0]
    assert view.low_confidence == len(view.links)


def test_grid_puts_languages_side_by_side(bench: Workbench) -> None:
    bench.create_demo()
    es = (
        "Escalera de grados\n\nPregunta: ¿Cuál es el primer paso hacia Lishmá?\n"
        "Respuesta: El Dr. Laitman dijo que el grupo es lo primero. Empezamos en Lo Lishmá y "
        "subimos paso a paso.\n\n"
        "Cuando Zeir Anpin asciende a YESHSUT, la luz crece. Maljut la recibe solo a través "
        "de la pantalla.\n(123456)\n"
        "De la 2.ª parte de la lección diaria de Cabalá 3/14/19, Escritos de Rabash\n"
    )
    bench.import_items([ImportItem(es.encode(), "es.txt", lang="es", translation_of=BY_POST_ID)])
    bench.align_document(DOC, "es")
    rows, langs = bench.grid(DOC)
    assert langs == ["es", "ru"]
    first = rows[1]
    assert first.source[0].text.startswith("Question:")
    assert first.targets["ru"][0].text.startswith("Вопрос:")
    assert first.targets["es"][0].text.startswith("Pregunta:")
    assert sum(len(r.source) for r in rows) == len(bench.document(DOC).source.segments)


def test_pairing_by_post_id_and_its_errors(bench: Workbench) -> None:
    bench.create_demo()
    stray = "Sin número\n\nUn texto sin identificador. Nada más.\n"
    with pytest.raises(ImportFailed, match="no post id"):
        bench.import_items(
            [ImportItem(stray.encode(), "s.txt", lang="es", translation_of=BY_POST_ID)]
        )
    unknown = "Otro\n\nUn texto. Otro más.\n(999999)\n"
    with pytest.raises(ImportFailed, match="no document has the post id 999999"):
        bench.import_items(
            [ImportItem(unknown.encode(), "u.txt", lang="es", translation_of=BY_POST_ID)]
        )
