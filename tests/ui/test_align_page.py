"""The Align page, driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import ImportItem, Workbench

APP = str(Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py")
DOC = "the-ladder-of-degrees"

LADDER_ES = """\
Escalera de grados

Pregunta: ¿Cuál es el primer paso hacia Lishmá?
Respuesta: El Dr. Laitman dijo que el grupo es lo primero. Empezamos en Lo Lishmá y subimos \
paso a paso.

Cuando Zeir Anpin asciende a YESHSUT, la luz crece. Maljut la recibe solo a través de la \
pantalla.
(123456)
De la 2.ª parte de la lección diaria de Cabalá 3/14/19, Escritos de Rabash
"""

GARDEN_EN = """\
A Garden

The roses bloom in June. Water them at dawn.

Cut the old stems in autumn. Mulch keeps the roots warm.
"""
WEATHER_RU = """\
Погода сегодня

Завтра ожидается дождь и сильный ветер. Температура упадёт.

В выходные будет солнечно. Рынок открыт до восьми вечера.
Автобусы ходят по расписанию. Магазины закрыты на ремонт.
"""


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, db_url: str, project) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/align.py")
    return at


@pytest.fixture
def demo(bench: Workbench) -> Workbench:
    bench.create_demo()
    return bench


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(elements: Any) -> str:
    return "\n".join(unescape(e.value) for e in elements)


def pairs(bench: Workbench, lang: str = "ru", doc: str = DOC) -> list[tuple[Any, Any]]:
    view = bench.alignment(doc, lang)
    assert view is not None
    return [link.pair for link in view.links]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def row_buttons(at: AppTest) -> list[str]:
    """The link numbers of the grid's rows, as the page shows them."""
    return [b.label for b in at.button if b.key and b.key.startswith("al_pick_")]


def test_empty_workspace_points_to_the_import(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.title[0].value == "Align"
    assert any("No documents yet" in i.value for i in app.info)


def test_grid_shows_the_demo_pair_and_what_is_to_check(app: AppTest, demo: Workbench) -> None:
    view = demo.alignment(DOC, "ru")
    assert view is not None
    app.run()
    assert not app.exception
    assert row_buttons(app) == [str(n) for n in range(1, len(view.links) + 1)]
    shown = texts(app.markdown)
    assert "Question: What is the first step toward Lishma?" in shown
    assert "Вопрос: Каков первый шаг к «лишма»?" in shown
    assert metric(app, "Links") == str(len(view.links))
    assert metric(app, "To check") == str(view.low_confidence) == "0"
    assert metric(app, "Unconfirmed") == str(len(view.links))
    assert "no low-confidence link to check" in shown
    assert "**Link 1** of 8" in "\n".join(m.value for m in app.markdown)
    assert not app.warning


def test_unaligned_translation_offers_align_and_aligning_stores_links(
    app: AppTest, demo: Workbench
) -> None:
    demo.import_items([ImportItem(LADDER_ES.encode(), "es.txt", lang="es", translation_of=DOC)])
    app.run()
    app.radio(key=f"al_lang_{DOC}").set_value("es").run()
    assert not app.exception
    assert demo.alignment(DOC, "es") is None
    assert any("not aligned" in i.value for i in app.info)
    assert not row_buttons(app)
    assert "Re-align unconfirmed" not in [b.label for b in app.button]

    app.button(key="al_align").click().run()
    assert not app.exception
    view = demo.alignment(DOC, "es")
    assert view is not None
    assert [i for link in view.links for i in link.src] == list(range(len(view.src)))
    assert view.links[1].pair == ((1,), (1,))  # the questions
    assert any("Aligned" in s.value for s in app.success)
    assert len(row_buttons(app)) == len(view.links)
    assert "Re-align unconfirmed" in [b.label for b in app.button]
    assert "Spanish (es)" in texts(app.markdown)


def test_merge_then_undo_then_redo_through_the_page(app: AppTest, demo: Workbench) -> None:
    before = pairs(demo)
    app.run()
    app.button(key="al_merge").click().run()
    assert not app.exception
    merged = pairs(demo)
    assert merged[0] == ((0, 1), (0, 1))
    assert merged[1:] == before[2:]
    assert len(row_buttons(app)) == len(before) - 1

    app.button(key="al_undo").click().run()
    assert not app.exception
    assert pairs(demo) == before
    assert len(row_buttons(app)) == len(before)
    assert app.button(key="al_undo").disabled

    app.button(key="al_redo").click().run()
    assert not app.exception
    assert pairs(demo) == merged
    assert app.button(key="al_redo").disabled
    # the redone edit can be undone again
    app.button(key="al_undo").click().run()
    assert pairs(demo) == before


def test_confirm_marks_the_link_and_moves_on(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.button(key="al_confirm").click().run()
    assert not app.exception
    view = demo.alignment(DOC, "ru")
    assert view is not None
    assert view.confirmed[0] is True and not any(view.confirmed[1:])
    raw = "\n".join(m.value for m in app.markdown)
    assert "**Link 2** of 8" in raw  # on to the next unconfirmed link
    assert metric(app, "Unconfirmed") == "7"

    # back to the first link: it can be unconfirmed
    app.button(key="al_pick_0").click().run()
    assert app.button(key="al_confirm").label == "Unconfirm"
    app.button(key="al_confirm").click().run()
    view = demo.alignment(DOC, "ru")
    assert view is not None and not any(view.confirmed)


def test_confirm_all_on_the_page_is_undone_in_one_step(app: AppTest, demo: Workbench) -> None:
    app.run()
    button(app, "Confirm all on this page (8)").click().run()
    assert not app.exception
    view = demo.alignment(DOC, "ru")
    assert view is not None and all(view.confirmed)
    assert metric(app, "Unconfirmed") == "0"
    app.button(key="al_undo").click().run()
    view = demo.alignment(DOC, "ru")
    assert view is not None and not any(view.confirmed)


def test_stale_edit_is_reported_and_not_applied(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.button(key="al_pick_2").click().run()  # the person works at link 3
    view = demo.alignment(DOC, "ru")
    assert view is not None
    theirs = demo.edit_alignment(DOC, "ru", view.revision, "merge", index=5)

    app.button(key="al_merge").click().run()
    assert not app.exception
    assert "Someone else changed this alignment" in texts(app.error)
    assert pairs(demo) == [link.pair for link in theirs.links]  # only their merge
    assert "**Link 3** of 8" in "\n".join(m.value for m in app.markdown)  # place kept

    app.button(key="al_reload_conflict").click().run()
    assert not app.exception
    assert not app.error
    assert len(row_buttons(app)) == len(theirs.links)
    assert "**Link 3** of 7" in "\n".join(m.value for m in app.markdown)
    # now the edit goes through, against the revision just loaded
    app.button(key="al_merge").click().run()
    assert not app.error
    assert pairs(demo)[2] == ((2, 3), (2, 3))


def test_a_text_that_is_no_translation_is_flagged(app: AppTest, demo: Workbench) -> None:
    demo.import_items([ImportItem(GARDEN_EN.encode(), "garden.txt", lang="en")])
    demo.import_items(
        [ImportItem(WEATHER_RU.encode(), "w.txt", lang="ru", translation_of="garden")]
    )
    app.run()
    app.selectbox(key="al_doc").set_value("garden").run()
    app.button(key="al_align").click().run()
    assert not app.exception
    view = demo.alignment("garden", "ru")
    assert view is not None and view.warnings
    warning = texts(app.warning)
    assert "do not look like translations of each other" in warning
    assert metric(app, "To check") == str(len(view.links))
    assert f"{len(view.links)} links to check" in texts(app.markdown)
    # every row is marked for checking
    badges = re.findall(r":orange-badge\[:material/flag: \d+%\]", texts(app.markdown))
    assert len(badges) == len(view.links)


def test_uploading_a_translation_imports_and_aligns_it(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.file_uploader[0].set_value(("ladder-es.txt", LADDER_ES.encode(), "text/plain"))
    button(app, "Import and align").click().run()
    assert not app.exception
    assert not app.error
    view = demo.alignment(DOC, "es")
    assert view is not None
    assert demo.document(DOC).version("es") is not None
    assert app.radio(key=f"al_lang_{DOC}").value == "es"
    assert "Imported" in texts(app.success) and "Aligned" in texts(app.success)
    assert len(row_buttons(app)) == len(view.links)


def test_uploading_a_file_in_the_source_language_is_refused(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.file_uploader[0].set_value(
        ("copy.txt", b"Another\n\nAn English text. Yes.\n", "text/plain")
    )
    button(app, "Import and align").click().run()
    assert not app.exception
    assert "Nothing was imported" in texts(app.error)
    assert [v.lang for v in demo.document(DOC).versions] == ["en", "ru"]


def test_sentence_split_and_join_through_the_page(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.button(key="al_pick_1").click().run()
    app.radio(key="al_side").set_value("src").run()
    [cut] = [t for t in app.text_area if t.key and t.key.startswith("al_cut_src_1_")]
    assert cut.value == "Question: What is the first step toward Lishma?"
    cut.set_value("Question:| What is the first step toward Lishma?").run()
    assert "**1:** Question\\:" in "\n".join(m.value for m in app.markdown)
    app.button(key="al_split_sentence").click().run()
    assert not app.exception
    view = demo.alignment(DOC, "ru")
    assert view is not None
    assert [s.text for s in view.src[1:3]] == ["Question:", "What is the first step toward Lishma?"]
    assert view.links[1].src == (1, 2)

    app.button(key="al_join_sentence").click().run()
    assert not app.exception
    view = demo.alignment(DOC, "ru")
    assert view is not None
    assert view.src[1].text == "Question: What is the first step toward Lishma?"


def test_a_cut_that_changes_the_words_is_refused(app: AppTest, demo: Workbench) -> None:
    app.run()
    [cut] = [t for t in app.text_area if t.key and t.key.startswith("al_cut_src_0_")]
    cut.set_value("The Ladder | of Degrees").run()
    assert "words themselves cannot be changed" in texts(app.caption)
    assert app.button(key="al_split_sentence").disabled


def test_moving_a_sentence_to_the_next_link(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.button(key="al_move_tgt_down").click().run()
    assert not app.exception
    assert pairs(demo)[:2] == [((0,), ()), ((1,), (0, 1))]
    assert app.button(key="al_move_tgt_up").disabled  # the first link has none above


def test_jump_to_next_unconfirmed(app: AppTest, demo: Workbench) -> None:
    app.run()
    for index in (0, 1, 2):
        app.button(key=f"al_pick_{index}").click().run()
        app.button(key="al_confirm").click().run()
    app.button(key="al_pick_0").click().run()
    app.button(key="al_next_unconfirmed").click().run()
    assert "**Link 4** of 8" in "\n".join(m.value for m in app.markdown)
    app.button(key="al_next_low").click().run()
    assert "No low-confidence link is left" in texts(app.info)


def test_sentence_text_is_escaped(app: AppTest, bench: Workbench) -> None:
    bench.import_items(
        [
            ImportItem(
                b"Markup\n\nHe wrote <script>alert(1)</script> and **bold** here. Done.\n",
                "markup.txt",
                lang="en",
            )
        ]
    )
    bench.import_items(
        [
            ImportItem(
                (
                    "Разметка\n\nОн написал <script>alert(2)</script> и **жирно** здесь. Всё.\n"
                ).encode(),
                "markup-ru.txt",
                lang="ru",
                translation_of="markup",
            )
        ]
    )
    bench.align_document("markup", "ru")
    app.run()
    assert not app.exception
    raw = "\n".join(m.value for m in app.markdown)
    assert r"\<script\>alert(1)" in raw.replace("\\(", "(").replace("\\)", ")")
    assert r"\<script\>alert(2)" in raw.replace("\\(", "(").replace("\\)", ")")
    assert "<script>" not in raw
    assert r"\*\*bold\*\*" in raw


def test_every_language_side_by_side(app: AppTest, demo: Workbench) -> None:
    demo.import_items([ImportItem(LADDER_ES.encode(), "es.txt", lang="es", translation_of=DOC)])
    demo.align_document(DOC, "es")
    app.run()
    app.session_state["al_tab"] = "All languages side by side"
    app.run()
    assert not app.exception
    rows, langs = demo.grid(DOC)
    assert langs == ["es", "ru"]
    shown = texts(app.markdown)
    assert "**Spanish (es)**" in shown and "**Russian (ru)**" in shown
    question = next(m for m in app.markdown if "Pregunta" in m.value)
    assert "¿Cuál es el primer paso hacia Lishmá?" in unescape(question.value)
    assert "Вопрос: Каков первый шаг" in shown and "Question: What is the first step" in shown
    assert f"{len(rows)} rows" in texts(app.caption)
    assert not [b for b in app.button if b.key and b.key.startswith("al_pick_")]  # read-only


def test_undo_after_someone_else_changed_it_is_refused(app: AppTest, demo: Workbench) -> None:
    app.run()
    app.button(key="al_merge").click().run()
    merged = demo.alignment(DOC, "ru")
    assert merged is not None
    theirs = demo.edit_alignment(DOC, "ru", merged.revision, "confirm", index=4)

    app.button(key="al_undo").click().run()
    assert not app.exception
    assert "cannot be undone" in texts(app.error)
    now = demo.alignment(DOC, "ru")
    assert now is not None and now.links == theirs.links and now.confirmed == theirs.confirmed
    assert app.button(key="al_undo").disabled  # the chain is broken: nothing left to undo


def test_redo_after_someone_else_changed_it_is_refused(app: AppTest, demo: Workbench) -> None:
    before = pairs(demo)
    app.run()
    app.button(key="al_merge").click().run()
    app.button(key="al_undo").click().run()
    view = demo.alignment(DOC, "ru")
    assert view is not None
    demo.edit_alignment(DOC, "ru", view.revision, "merge", index=4)
    after_theirs = pairs(demo)

    app.button(key="al_redo").click().run()
    assert not app.exception
    assert "Nothing was redone" in texts(app.error)
    assert pairs(demo) == after_theirs != before


@pytest.mark.parametrize(
    ("marked", "expected"),
    [
        ("Question:| What is it?", 9),
        ("Question: |What is it?", 10),
        ("Question: What is it?", "Put a |"),
        ("Question:| What| is it?", "only one"),
        ("Question:| What is that?", "cannot be changed"),
        ("|Question: What is it?", "Both parts"),
        ("Question: What is it?|", "Both parts"),
    ],
)
def test_where_a_typed_bar_cuts_a_sentence(marked: str, expected: int | str) -> None:
    from workbench.ui.text import sentence_cut

    text = "Question: What is it?"
    if isinstance(expected, int):
        assert sentence_cut(text, marked) == expected
    else:
        with pytest.raises(ValueError, match=re.escape(expected)):
            sentence_cut(text, marked)


def test_a_bar_in_the_sentence_itself_is_not_taken_for_the_cut() -> None:
    from workbench.ui.text import sentence_cut

    assert sentence_cut("A | B. Then C.", "A | B.| Then C.") == 6
