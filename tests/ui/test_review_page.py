"""The Review page, driven through Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from workbench.services import ImportItem, Workbench

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "workbench" / "ui" / "app.py")

SLIPS_EN = b"""Slips

Malchut rises to Bina. Zeir Anpin receives the light.

Malchut is the desire to receive. Then Malchut and Zeir Anpin <script>alert(1)</script> \
give **back**.
"""
SLIPS_RU = """Ошибки

Малхута поднимается в Бину. Зеир Анпин получает свет.

Малхута — это желание получать. Затем Малхуты и Зейр Анпин <script>alert(1)</script> \
отдают **обратно**.
""".encode()


@pytest.fixture
def corpus(bench: Workbench, project) -> Workbench:
    """The demo (with the real glossary) plus a post whose translation has three slips."""
    shutil.copy(REPO / "glossary" / "glossary.csv", project.glossary / "glossary.csv")
    bench.create_demo()
    bench.import_items([ImportItem(data=SLIPS_EN, filename="slips.txt", lang="en")])
    bench.import_items(
        [ImportItem(data=SLIPS_RU, filename="slips.txt", lang="ru", translation_of="slips")]
    )
    return bench


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, db_url: str, project) -> AppTest:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("app_pages/review.py")
    return at


def unescape(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(elements: Any) -> str:
    return "\n".join(unescape(e.value) for e in elements)


def plain(at: AppTest) -> str:
    """The page's Markdown as a reader sees it: colour marks and bold removed."""
    raw = "\n".join(m.value for m in at.markdown)
    raw = re.sub(r":[a-z]+(?:-background)?\[\*\*(.*?)\*\*\]", r"\1", raw)
    return unescape(raw.replace("**", ""))


def table_with(at: AppTest, column: str) -> Any:
    return next(d.value for d in at.dataframe if column in d.value.columns)


def ru_texts(bench: Workbench) -> list[str]:
    version = bench.document("slips").version("ru")
    assert version is not None
    return [s.text for s in version.segments]


def fix_checkboxes(at: AppTest) -> list[Any]:
    return [c for c in at.checkbox if c.key and c.key.startswith("rv_accept_")]


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["rv_tab"] = label
    return at.run()


def test_empty_workspace_points_to_import(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert any("No documents yet" in i.value for i in app.info)


def test_report_shows_forbidden_variants_with_their_suggestion(
    app: AppTest, corpus: Workbench
) -> None:
    app.run()
    assert not app.exception
    assert app.radio(key="rv_lang").value == "ru"
    summary = table_with(app, "Wrong inflection").set_index("Concept")
    assert summary.loc["malchut", "Forbidden"] == 3
    assert summary.loc["malchut", "Preferred"] == 1
    assert summary.loc["malchut", ""] == "⚠"
    assert summary.loc["zeir_anpin", "Forbidden"] == 1
    assert list(summary.index[:2]) == ["malchut", "zeir_anpin"]  # problems first
    assert summary.loc["bina", ""] == "✓"
    # the occurrences of the first concept with problems, its forbidden ones first
    assert app.selectbox(key="rv_concept_ru").value == "malchut"
    assert app.radio(key="rv_kind_ru_malchut").value == "forbidden_variant"
    shown = plain(app)
    assert "Found Малхута; use Малхут" in shown
    assert "Found Малхуты; use Малхут" in shown
    raw = "\n".join(m.value for m in app.markdown)
    assert ":red-background[**Малхута**] поднимается в Бину" in raw
    # the approved ones are there too
    app.radio(key="rv_kind_ru_malchut").set_value("preferred").run()
    assert ":green-background[**Малхут**]" in "\n".join(m.value for m in app.markdown)


def test_a_missing_term_shows_source_and_translation(app: AppTest, corpus: Workbench) -> None:
    corpus.import_items(
        [ImportItem(data=b"Gone\n\nBina gives to Zeir Anpin. It rests.\n", filename="gone.txt")]
    )
    corpus.import_items(
        [
            ImportItem(
                data="Пропуск\n\nОна отдает ему. Потом отдыхает.\n".encode(),
                filename="gone.txt",
                lang="ru",
                translation_of="gone",
            )
        ]
    )
    app.run()
    summary = table_with(app, "Wrong inflection").set_index("Concept")
    assert summary.loc["zeir_anpin", "Missing"] == 1
    app.selectbox(key="rv_concept_ru").set_value("zeir_anpin").run()
    app.radio(key="rv_kind_ru_zeir_anpin").set_value("missing_term").run()
    raw = "\n".join(m.value for m in app.markdown)
    assert "to :orange-background[**Zeir Anpin**]" in raw
    shown = plain(app)
    assert "Translation: Она отдает ему. Потом отдыхает." in shown
    assert "Expected: Зеир Анпин" in shown


def test_report_follows_a_glossary_change(app: AppTest, corpus: Workbench) -> None:
    app.run()
    summary = table_with(app, "Wrong inflection").set_index("Concept")
    assert summary.loc["zeir_anpin", "Forbidden"] == 1
    # the glossary changes elsewhere: Зейр Анпин becomes an allowed variant
    corpus.import_glossary(
        "concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
        "zeir_anpin,ru,Зеир Анпин,Зейр Анпин,,\n".encode(),
        "change.csv",
    )
    app.run()
    summary = table_with(app, "Wrong inflection").set_index("Concept")
    assert summary.loc["zeir_anpin", "Forbidden"] == 0
    assert summary.loc["zeir_anpin", "Allowed"] == 1


def test_report_warns_about_unaligned_documents(app: AppTest, corpus: Workbench) -> None:
    corpus.import_items(
        [
            ImportItem(data=b"Two\n\nOne paragraph.\n\nAnother one.\n", filename="two.txt"),
        ]
    )
    corpus.import_items(
        [
            ImportItem(
                data="Два\n\nВсе в одном абзаце. И Малхут тоже.\n".encode(),
                filename="two.txt",
                lang="ru",
                translation_of="two",
            )
        ]
    )
    app.run()
    assert "two" in texts(app.warning)
    assert "missing terms are not counted" in texts(app.warning)


def test_segment_text_with_markup_is_shown_literally(app: AppTest, corpus: Workbench) -> None:
    app.run()
    raw = "\n".join(m.value for m in app.markdown)
    assert "<script>" not in raw
    assert "**обратно**" not in raw
    assert r"\<script\>alert\(1\)\</script\>" in raw
    assert r"\*\*обратно\*\*" in raw


def test_term_matrix_shows_renderings_per_language(app: AppTest, corpus: Workbench) -> None:
    open_tab(app, "Term matrix")
    matrix = table_with(app, "Most renderings").set_index("Concept")
    malchut = matrix.loc["malchut"]
    assert malchut["ru"] == "⚠ Малхута ×2; Малхут ×1; ⚠ Малхуты ×1"
    assert malchut["en"] == "Malchut ×4"
    assert malchut["Problems"] == 3
    assert matrix.index[0] == "malchut"  # the most problems first
    app.toggle(key="rv_matrix_drift").set_value(True).run()
    drift = table_with(app, "Most renderings")
    assert "baal_hasulam" not in set(drift["Concept"])  # one rendering, no problem
    assert "malchut" in set(drift["Concept"])


def test_bulk_fix_applies_only_accepted_occurrences_and_undo_restores(
    app: AppTest, corpus: Workbench
) -> None:
    before = ru_texts(corpus)
    open_tab(app, "Bulk fix")
    assert app.selectbox(key="rv_fix_concept_ru").value == "malchut"
    app.selectbox(key="rv_fix_variant_ru_malchut").set_value("Малхута").run()
    boxes = fix_checkboxes(app)
    assert len(boxes) == 2
    assert all(b.value for b in boxes)
    after = plain(app)
    assert "After: Малхут поднимается в Бину." in after
    assert "Before: Малхута — это желание получать." in after
    # every wrong rendering: the two above and Малхуты
    app.selectbox(key="rv_fix_variant_ru_malchut").set_value("").run()
    boxes = fix_checkboxes(app)
    assert len(boxes) == 3
    skipped = next(b for b in boxes if b.key.endswith(f"{slips_segment_id(corpus, 'Малхута —')}:0"))
    skipped.uncheck().run()
    # the choice survives a look at another tab
    open_tab(app, "Term matrix")
    open_tab(app, "Bulk fix")
    assert [b.value for b in fix_checkboxes(app)].count(False) == 1
    apply = app.button(key="rv_fix_apply")
    assert apply.label == "Apply 2 accepted"
    apply.click().run()
    assert not app.exception
    assert "Changed 2 occurrences in 2 sentences" in texts(app.success)
    assert not app.warning

    now = ru_texts(corpus)
    assert "Малхута — это желание получать." in now  # skipped: unchanged
    assert "Малхут поднимается в Бину." in now
    assert any(t.startswith("Затем Малхут и Зейр Анпин <script>") for t in now)
    assert sum(a != b for a, b in zip(before, now, strict=True)) == 2
    # the report is read again after the fix
    open_tab(app, "Corpus report")
    assert table_with(app, "Wrong inflection").set_index("Concept").loc["malchut", "Forbidden"] == 1

    [(batch, *_)] = corpus.bulk_fixes()
    open_tab(app, "Bulk fix")
    app.button(key=f"rv_undo_{batch}").click().run()
    assert not app.exception
    assert "2 sentences restored" in texts(app.success)
    assert ru_texts(corpus) == before
    assert corpus.bulk_fixes() == []


def test_report_after_fixing_every_occurrence_of_the_shown_kind(
    app: AppTest, corpus: Workbench
) -> None:
    app.run()
    assert app.radio(key="rv_kind_ru_malchut").value == "forbidden_variant"
    open_tab(app, "Bulk fix")
    app.button(key="rv_fix_apply").click().run()
    assert "Changed 3 occurrences in 3 sentences" in texts(app.success)
    assert "No wrong rendering of malchut" in texts(app.success)
    open_tab(app, "Corpus report")
    assert not app.exception
    summary = table_with(app, "Wrong inflection").set_index("Concept")
    assert summary.loc["malchut", "Forbidden"] == 0
    assert summary.loc["malchut", "Preferred"] == 4
    assert app.radio(key="rv_kind_ru_malchut").value == "preferred"


def test_undo_of_a_fix_whose_sentence_changed_since_shows_why(
    app: AppTest, corpus: Workbench
) -> None:
    open_tab(app, "Bulk fix")
    app.button(key="rv_fix_apply").click().run()
    [(first, *_)] = corpus.bulk_fixes()
    fixed = ru_texts(corpus)
    # a later fix changes one of the same sentences again
    corpus.apply_bulk_fix(corpus.bulk_fix_preview("ru", "zeir_anpin"))
    again = ru_texts(corpus)
    assert again != fixed
    app.run()
    app.button(key=f"rv_undo_{first}").click().run()
    assert not app.exception
    message = texts(app.error).lower()
    assert "cannot undo" in message and "changed after the fix" in message
    assert ru_texts(corpus) == again  # nothing undone


def test_a_preview_that_went_stale_leaves_the_changed_sentence_alone(
    app: AppTest, corpus: Workbench
) -> None:
    open_tab(app, "Bulk fix")
    app.selectbox(key="rv_fix_variant_ru_malchut").set_value("Малхута").run()
    # someone fixes one of the two sentences after this preview was made
    [first, _] = corpus.bulk_fix_preview("ru", "malchut", variant="Малхута")
    corpus.apply_bulk_fix([first])
    app.button(key="rv_fix_apply").click().run()
    assert not app.exception
    assert "Changed 1 occurrence in 1 sentence " in texts(app.success)
    assert "changed since the preview" in texts(app.warning)


def slips_segment_id(bench: Workbench, prefix: str) -> int:
    version = bench.document("slips").version("ru")
    assert version is not None
    return next(s.id for s in version.segments if s.text.startswith(prefix))


def test_highlight_escapes_the_marked_span_and_its_surroundings() -> None:
    from workbench.ui.text import highlight

    text = "see **x** ] [y](javascript:z) <b>"
    marked = highlight(text, 4, 9)
    assert marked.startswith(r"see :red-background[**\*\*x\*\***]")
    assert r"\] \[y\]\(javascript\:z\) \<b\>" in marked
    # a span past the end is clipped; an empty one marks nothing
    assert highlight("abc", 1, 99, "green") == "a:green[**bc**]"
    assert highlight("a*c", 2, 2) == r"a\*c"
    with pytest.raises(ValueError):
        highlight("abc", 0, 1, "red]**[x")
