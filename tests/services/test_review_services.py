"""Corpus review, term matrix and bulk fix over the store."""

from __future__ import annotations

import pytest

from workbench.errors import WorkbenchError
from workbench.services import ImportItem, Workbench

GLOSSARY = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,indeclinable\n"
    "zeir_anpin,en,Zeir Anpin,ZA,,,\n"
    "zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,,\n"
    "malchut,en,Malchut,,Malkhut,,\n"
    "malchut,ru,Малхут,,Малкут,,true\n"
    "baal_hasulam,en,Baal HaSulam,,Baal Hasulam,,\n"
    "baal_hasulam,ru,Бааль Сулам,,Баал Сулам,,\n"
)

SOURCE = (
    "The Rising Request\n\n"
    "Light passes from Zeir Anpin to Malchut. Baal HaSulam explains why.\n\n"
    "Zeir Anpin gives and Malchut receives.\n\n"
    "Baal HaSulam wrote about Zeir Anpin.\n"
)
TARGET = (
    "Восходящая просьба\n\n"
    "Свет переходит из Зейр Анпина в Малхут. Баал Сулам объясняет почему.\n\n"
    "Зейр Анпин дает, а Малхут получает.\n\n"
    "Об этом писал Бааль Сулам. Он много писал.\n"
)


@pytest.fixture
def corpus(bench: Workbench) -> Workbench:
    bench.import_glossary(GLOSSARY.encode(), "g.csv")
    bench.import_items([ImportItem(SOURCE.encode(), "rising.txt", lang="en")])
    bench.import_items(
        [ImportItem(TARGET.encode(), "rising-ru.txt", lang="ru", translation_of="rising")]
    )
    return bench


def test_report_counts_each_kind_with_the_segments_behind_it(corpus: Workbench) -> None:
    report = corpus.corpus_report("ru")
    assert report.documents == ["rising"] and report.unaligned == []
    zeir = report.concept("zeir_anpin")
    assert zeir is not None
    assert zeir.counts["forbidden_variant"] == 2
    suggestions = sorted(o.suggestion for o in zeir.occurrences if o.kind == "forbidden_variant")
    assert suggestions == ["Зеир Анпин", "Зеир Анпина"]  # each keeps its own inflection
    # the last paragraph has Baal HaSulam but no Zeir Anpin rendering at all
    missing = [o for o in zeir.occurrences if o.kind == "missing_term"]
    assert len(missing) == 1 and "Baal HaSulam wrote about Zeir Anpin." in missing[0].source_text
    baal = report.concept("baal_hasulam")
    assert baal is not None and baal.counts["forbidden_variant"] == 1
    assert baal.counts["preferred"] == 1
    malchut = report.concept("malchut")
    assert malchut is not None and malchut.counts["preferred"] == 2 and malchut.problems == 0


def test_unaligned_translation_is_reported_not_guessed(bench: Workbench) -> None:
    bench.import_glossary(GLOSSARY.encode(), "g.csv")
    bench.import_items([ImportItem(SOURCE.encode(), "rising.txt", lang="en")])
    merged = "Восходящая просьба\n\nСвет переходит из Зейр Анпина в Малхут. Вот и всё.\n"
    bench.import_items([ImportItem(merged.encode(), "r.txt", lang="ru", translation_of="rising")])
    report = bench.corpus_report("ru")
    assert report.unaligned == ["rising"]
    zeir = report.concept("zeir_anpin")
    assert zeir is not None and zeir.counts["forbidden_variant"] == 1
    assert zeir.counts["missing_term"] == 0


def test_term_matrix_shows_renderings_per_language(corpus: Workbench) -> None:
    matrix = corpus.term_matrix()
    ru = {(r.text, r.kind): r.count for r in matrix["zeir_anpin"]["ru"]}
    assert ru[("Зейр Анпина", "forbidden_variant")] == 1
    assert ru[("Зейр Анпин", "forbidden_variant")] == 1
    assert {(r.text, r.count) for r in matrix["zeir_anpin"]["en"]} == {("Zeir Anpin", 3)}


def test_bulk_fix_changes_accepted_occurrences_only_and_undo_restores(corpus: Workbench) -> None:
    proposals = corpus.bulk_fix_preview("ru", "zeir_anpin")
    assert [(p.found, p.replacement) for p in proposals] == [
        ("Зейр Анпина", "Зеир Анпина"),
        ("Зейр Анпин", "Зеир Анпин"),
    ]
    skipped, accepted = proposals
    before = {s.id: s.text for s in corpus.document("rising").version("ru").segments}
    result = corpus.apply_bulk_fix([accepted])
    assert (result.changed, result.occurrences, result.conflicts) == (1, 1, [])
    after = {s.id: s.text for s in corpus.document("rising").version("ru").segments}
    assert after[skipped.segment_id] == before[skipped.segment_id]
    assert after[accepted.segment_id] == "Зеир Анпин дает, а Малхут получает."
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {accepted.segment_id}
    [(batch, _when, who, count, _note)] = corpus.bulk_fixes()
    assert (batch, who, count) == (result.batch, "tester", 1)

    corpus.undo_bulk_fix(result.batch)
    restored = {s.id: s.text for s in corpus.document("rising").version("ru").segments}
    assert restored == before
    assert corpus.bulk_fixes() == []


def test_bulk_fix_by_variant_and_several_in_one_segment(bench: Workbench) -> None:
    bench.import_glossary(GLOSSARY.encode(), "g.csv")
    bench.import_items(
        [ImportItem("Тест\n\nЗейр Анпин и снова Зейр Анпином.\n".encode(), "t.txt", lang="ru")]
    )
    proposals = bench.bulk_fix_preview("ru", "zeir_anpin", variant="Зейр Анпин")
    assert len(proposals) == 2
    result = bench.apply_bulk_fix(proposals)
    assert (result.changed, result.occurrences) == (1, 2)
    texts = [s.text for s in bench.document("t").source.segments]
    assert "Зеир Анпин и снова Зеир Анпином." in texts


def test_bulk_fix_leaves_a_segment_edited_since_the_preview(corpus: Workbench) -> None:
    from workbench.store import documents as repo

    proposals = corpus.bulk_fix_preview("ru", "zeir_anpin")
    with corpus.db.session(write=True) as session:
        repo.update_segment_text(
            session,
            proposals[0].segment_id,
            expected_revision=proposals[0].revision,
            text="Свет переходит из Зеир Анпина в Малхут.",
            user="someone",
            action="edit",
        )
    result = corpus.apply_bulk_fix(proposals)
    assert result.changed == 1
    assert len(result.conflicts) == 1 and "someone" in result.conflicts[0]
    texts = {s.id: s.text for s in corpus.document("rising").version("ru").segments}
    assert texts[proposals[0].segment_id] == "Свет переходит из Зеир Анпина в Малхут."


def test_undo_refuses_when_a_fixed_segment_was_edited_later(corpus: Workbench) -> None:
    from workbench.store import documents as repo

    [first, _] = corpus.bulk_fix_preview("ru", "zeir_anpin")
    result = corpus.apply_bulk_fix([first])
    segment = next(
        s for s in corpus.document("rising").version("ru").segments if s.id == first.segment_id
    )
    with corpus.db.session(write=True) as session:
        repo.update_segment_text(
            session,
            segment.id,
            expected_revision=segment.revision,
            text="Новый текст.",
            user="editor",
            action="edit",
        )
    with pytest.raises(WorkbenchError, match="changed after the fix"):
        corpus.undo_bulk_fix(result.batch)
    texts = {s.id: s.text for s in corpus.document("rising").version("ru").segments}
    assert texts[first.segment_id] == "Новый текст."
