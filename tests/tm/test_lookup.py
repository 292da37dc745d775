from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.tm.helpers import entry, sentences
from workbench.model import Status, TranslationUnit, UnitText
from workbench.tm import (
    CASE_ONLY,
    EXACT,
    FORMAT_ONLY,
    FUZZY_CAP,
    MemoryEntry,
    TranslationMemory,
    entries_from_units,
    language_key,
)
from workbench.tm.memory import TAIL_SIZE

SOURCE = "What is the difference between the Light and the vessel?"
TARGET = "В чем разница между светом и сосудом?"


def test_exact_match_scores_100_and_comes_first() -> None:
    memory = TranslationMemory(
        [
            entry("What is the difference between the Light and the screen?", "экран"),
            entry(SOURCE, TARGET),
            entry("What is the difference between the Light and the vessels?", "сосудами"),
        ]
    )
    matches = memory.lookup(SOURCE, "en", "ru")
    assert matches[0].score == EXACT
    assert matches[0].exact
    assert matches[0].entry.target == TARGET
    assert all(m.score < EXACT for m in matches[1:])
    assert len(matches) == 3
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_whitespace_and_normal_form_do_not_break_an_exact_match() -> None:
    memory = TranslationMemory([entry("The  Sefirót of\tEin Sof.")])
    decomposed = "The Sefiro\u0301t of Ein Sof."
    assert memory.lookup(decomposed, "en", "ru")[0].score == EXACT


def test_case_and_punctuation_differences_score_just_below_exact() -> None:
    memory = TranslationMemory([entry(SOURCE, TARGET)])
    case = memory.lookup(SOURCE.upper(), "en", "ru")[0]
    punctuation = memory.lookup(SOURCE.rstrip("?") + ".", "en", "ru")[0]
    accents = memory.lookup(SOURCE.replace("Light", "Lìght"), "en", "ru")[0]
    assert case.score == CASE_ONLY
    assert punctuation.score == FORMAT_ONLY
    assert accents.score == FORMAT_ONLY
    fuzzy = memory.lookup(SOURCE.replace("Light", "Lights"), "en", "ru")[0]
    assert fuzzy.score <= FUZZY_CAP < FORMAT_ONLY


def test_ranking_exact_then_case_then_format_then_fuzzy() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE + " Yes", "fuzzy"),
            entry(SOURCE.rstrip("?") + "!", "format"),
            entry(SOURCE.lower(), "case"),
            entry(SOURCE, "exact"),
        ]
    )
    found = memory.lookup(SOURCE, "en", "ru")
    assert [m.entry.target for m in found] == ["exact", "case", "format", "fuzzy"]


def test_fuzzy_match_with_a_changed_word() -> None:
    memory = TranslationMemory([entry(SOURCE, TARGET)])
    query = "What is the difference between the Light and the screen?"
    (match,) = memory.lookup(query, "en", "ru")
    assert 70 <= match.score < EXACT
    assert match.entry.target == TARGET
    changed = [(span.op, span.text, span.old) for span in match.diff if span.op != "equal"]
    assert changed == [("replace", "screen", "vessel")]


def test_no_match_below_the_threshold() -> None:
    memory = TranslationMemory([entry(SOURCE, TARGET)])
    assert memory.lookup("Please restart the router and check the cable.", "en", "ru") == []
    assert memory.lookup("", "en", "ru") == []
    assert memory.lookup("   ", "en", "ru") == []
    assert TranslationMemory().lookup(SOURCE, "en", "ru") == []


def test_min_score_and_limit() -> None:
    memory = TranslationMemory(entry(s, f"t{i}") for i, s in enumerate(sentences(200)))
    query = "What is the difference between the soul and the group?"
    loose = memory.lookup(query, "en", "ru", limit=50, min_score=50)
    strict = memory.lookup(query, "en", "ru", limit=50, min_score=85)
    assert all(m.score >= 85 for m in strict)
    assert len(strict) < len(loose)
    assert len(memory.lookup(query, "en", "ru", limit=3, min_score=50)) == 3
    assert memory.lookup(query, "en", "ru", limit=0) == []
    assert memory.lookup(query, "en", "ru", min_score=101) == []


def test_language_pairs_are_kept_apart() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE, TARGET, target_lang="ru"),
            entry(SOURCE, "¿Cuál es la diferencia?", target_lang="es"),
        ]
    )
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "ru")] == [TARGET]
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "es")] == [
        "¿Cuál es la diferencia?"
    ]
    assert memory.lookup(SOURCE, "en", "de") == []
    assert memory.lookup(SOURCE, "ru", "en") == []
    assert memory.lookup(TARGET, "ru", "en") == []
    assert memory.pairs == [("en", "es"), ("en", "ru")]


def test_language_tags_file_under_their_primary_subtag() -> None:
    memory = TranslationMemory([entry(SOURCE, TARGET, source_lang="en-US", target_lang="RU_ru")])
    assert memory.lookup(SOURCE, "EN", "ru")[0].entry.target == TARGET
    assert memory.lookup(SOURCE, "en-GB", "ru-RU")[0].score == EXACT
    assert language_key(" pt_BR ") == "pt"


def test_approved_preferred_at_equal_score() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE, "translated one", status=Status.TRANSLATED),
            entry(SOURCE, "approved one", status=Status.APPROVED),
            entry(SOURCE, "reviewed one", status=Status.REVIEWED),
        ]
    )
    found = memory.lookup(SOURCE, "en", "ru")
    assert [m.entry.target for m in found] == ["approved one", "reviewed one", "translated one"]
    assert all(m.score == EXACT for m in found)


def test_better_score_beats_better_status() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE.replace("vessel", "screen"), "approved fuzzy", status="approved"),
            entry(SOURCE, "translated exact"),
        ]
    )
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "ru")] == [
        "translated exact",
        "approved fuzzy",
    ]


def test_newer_wins_at_equal_score_and_status() -> None:
    older = datetime(2020, 1, 1, tzinfo=UTC)
    newer = datetime(2024, 1, 1)  # naive: taken as UTC
    memory = TranslationMemory(
        [
            entry(SOURCE, "old", changed_at=older),
            entry(SOURCE, "undated"),
            entry(SOURCE, "new", changed_at=newer),
        ]
    )
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "ru")] == [
        "new",
        "old",
        "undated",
    ]


def test_identical_pairs_are_one_match_counting_occurrences() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE, TARGET, origin="lesson-1", key="a"),
            entry(SOURCE, TARGET, origin="lesson-2", key="b", status="approved"),
            entry(f"  {SOURCE} ", f"{TARGET} ", origin="tmx:old.tmx", key="c"),
            entry(SOURCE, "Какая разница между светом и сосудом?", origin="lesson-3"),
        ]
    )
    assert len(memory) == 4
    first, second = memory.lookup(SOURCE, "en", "ru")
    assert first.entry.target == TARGET
    assert first.occurrences == 3
    assert first.entry.status == "approved"
    assert first.origins == ("lesson-2", "lesson-1", "tmx:old.tmx")
    assert second.occurrences == 1


def test_exclude_key_leaves_out_the_unit_itself() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE, TARGET, key="u1"),
            entry(SOURCE.replace("vessel", "screen"), "other", key="u2"),
        ]
    )
    found = memory.lookup(SOURCE, "en", "ru", exclude_key="u1")
    assert [m.entry.target for m in found] == ["other"]
    memory.add(entry(SOURCE, TARGET, key="u3", origin="doc2"))
    (exact, _) = memory.lookup(SOURCE, "en", "ru", exclude_key="u1")
    assert exact.entry.key == "u3"
    assert exact.occurrences == 1


def test_unusable_entries_are_skipped() -> None:
    memory = TranslationMemory()
    assert not memory.add(entry(SOURCE, TARGET, status=Status.DRAFT))
    assert not memory.add(entry(SOURCE, TARGET, status=Status.NEW))
    assert not memory.add(entry(SOURCE, TARGET, status="final"))
    assert not memory.add(entry(SOURCE, "  "))
    assert not memory.add(entry("", TARGET))
    assert memory.add(entry(SOURCE, TARGET, status=Status.REVIEWED))
    assert memory.add_many([entry(SOURCE, "x"), entry(SOURCE, "y", status="draft")]) == 1
    assert len(memory) == 2


def test_adding_the_same_unit_again_replaces_it() -> None:
    memory = TranslationMemory([entry(SOURCE, "first draft", key="u1", origin="lesson")])
    memory.add(entry(SOURCE, "final", key="u1", origin="lesson", status="approved"))
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "ru")] == ["final"]
    assert len(memory) == 1
    # The same key in another origin or language pair is another entry.
    memory.add(entry(SOURCE, "from tmx", key="u1", origin="tmx:a.tmx"))
    memory.add(entry(SOURCE, "en español", key="u1", origin="lesson", target_lang="es"))
    assert len(memory) == 3
    assert [m.entry.target for m in memory.lookup(SOURCE, "en", "ru")] == ["final", "from tmx"]


def test_discard_by_key_and_by_origin() -> None:
    memory = TranslationMemory(
        [
            entry(SOURCE, TARGET, key="u1", origin="lesson"),
            entry(SOURCE, TARGET, key="t1", origin="tmx:a.tmx"),
            entry(SOURCE, "другой", key="t2", origin="tmx:a.tmx"),
        ]
    )
    assert memory.discard(origin="tmx:a.tmx") == 2
    (match,) = memory.lookup(SOURCE, "en", "ru")
    assert (match.occurrences, match.origins) == (1, ("lesson",))
    assert memory.discard(key="u1") == 1
    assert memory.lookup(SOURCE, "en", "ru") == []
    assert len(memory) == 0
    memory.add(entry(SOURCE, TARGET, key="u1", origin="lesson"))
    assert memory.lookup(SOURCE, "en", "ru")[0].occurrences == 1
    with pytest.raises(ValueError):
        memory.discard()


def test_numbers_only_difference_is_reported_and_adapted() -> None:
    memory = TranslationMemory(
        [entry("Lesson 12, part 3: the screen.", "Урок 12, часть 3: экран.")]
    )
    (match,) = memory.lookup("Lesson 14, part 3: the screen.", "en", "ru")
    assert match.placeable_changes == (("12", "14"),)
    assert match.adapted_target == "Урок 14, часть 3: экран."
    (other,) = memory.lookup("Lesson 12, part 3: the screens.", "en", "ru", min_score=50)
    assert other.placeable_changes is None
    assert other.adapted_target is None
    (same,) = memory.lookup("Lesson 12, part 3: the screen.", "en", "ru")
    assert same.placeable_changes is None
    assert same.adapted_target == "Урок 12, часть 3: экран."


def test_adapting_numbers_refuses_ambiguous_targets() -> None:
    memory = TranslationMemory([entry("Items 5 and 6.", "Пункты 5 и 5.")])
    (match,) = memory.lookup("Items 5 and 7.", "en", "ru")
    assert match.placeable_changes == (("6", "7"),)
    assert match.adapted_target is None


def test_entries_from_units_takes_usable_targets() -> None:
    when = datetime(2024, 5, 1, tzinfo=UTC)
    unit = TranslationUnit(
        key="p1-s3",
        document="lesson-2024-05-01",
        source=UnitText("en", SOURCE),
        targets=(
            UnitText("ru", TARGET, Status.APPROVED, changed_at=when),
            UnitText("es", "borrador", Status.DRAFT),
            UnitText("de", "", Status.TRANSLATED),
            UnitText("it", "Qual è la differenza?", Status.TRANSLATED),
        ),
    )
    entries = list(entries_from_units([unit]))
    assert entries == [
        MemoryEntry(SOURCE, TARGET, "en", "ru", "lesson-2024-05-01", "approved", "p1-s3", when),
        MemoryEntry(
            SOURCE, "Qual è la differenza?", "en", "it", "lesson-2024-05-01", "translated", "p1-s3"
        ),
    ]
    tmx = list(entries_from_units([unit], origin="tmx:old.tmx"))
    assert {e.origin for e in tmx} == {"tmx:old.tmx"}
    memory = TranslationMemory(entries + tmx)
    assert memory.lookup(SOURCE, "en", "ru")[0].origins == ("lesson-2024-05-01", "tmx:old.tmx")


def test_bulk_and_one_by_one_give_the_same_answers() -> None:
    texts = sentences(6 * TAIL_SIZE + 50)
    entries = [entry(t, f"t{i}", key=str(i)) for i, t in enumerate(texts)]
    bulk = TranslationMemory(entries, candidates=20)
    single = TranslationMemory(candidates=20)
    for e in entries:
        single.add(e)
    assert len(single._pairs[("en", "ru")].view.segments) > 1
    for query in sentences(40, seed=99):
        assert bulk.lookup(query, "en", "ru") == single.lookup(query, "en", "ru")


def test_every_added_source_is_found_after_incremental_adds() -> None:
    memory = TranslationMemory(candidates=8)
    texts = sentences(2 * TAIL_SIZE + 30, seed=3)
    for i, text in enumerate(texts):
        memory.add(entry(text, f"t{i}"))
    view = memory._pairs[("en", "ru")].view
    assert view.size - view.indexed < TAIL_SIZE
    for text in texts[:: max(1, len(texts) // 60)]:
        assert memory.lookup(text, "en", "ru")[0].score == EXACT
