from __future__ import annotations

import pytest

from tests.tm.helpers import entry
from workbench.tm import TranslationMemory

ENTRIES = [
    entry("The Light fills the vessel.", "Свет наполняет сосуд.", key="1"),
    entry("Lightning is not the Light.", "Молния — не свет.", key="2"),
    entry("Only delight, no light at all.", "Только наслаждение.", key="3"),
    entry("The ten Sefirót of Ein-Sof.", "Десять сфирот Эйн Соф.", key="4"),
    entry("SEFIROT and Partzufim.", "Сфирот и парцуфим.", key="5", status="approved"),
    entry("Sefirot, again sefirot.", "Сфиры, снова сфиры.", key="6"),
    entry("The Light returns.", "Ёлка и свет.", key="7", source_lang="en", target_lang="ru"),
    entry("La luz y el recipiente.", "Свет и сосуд.", key="8", source_lang="es"),
]


@pytest.fixture
def memory() -> TranslationMemory:
    return TranslationMemory(ENTRIES)


def sources(hits) -> list[str]:
    return [h.entry.source for h in hits]


def test_whole_words_only(memory: TranslationMemory) -> None:
    found = sources(memory.concordance("light", "en", side="source"))
    assert "Lightning is not the Light." in found
    assert "The Light fills the vessel." in found
    assert "Only delight, no light at all." in found
    hit = next(h for h in memory.concordance("light", "en") if h.entry.key == "3")
    assert [hit.text[a:b] for a, b in hit.spans] == ["light"]
    lightning = next(h for h in memory.concordance("light", "en") if h.entry.key == "2")
    assert [lightning.text[a:b] for a, b in lightning.spans] == ["Light"]
    assert memory.concordance("ligh", "en") == []


def test_case_and_accent_insensitive_with_spans_in_the_original(
    memory: TranslationMemory,
) -> None:
    for query in ("sefirot", "SEFIROT", "Sefirót", "sefiro\u0301t"):
        hits = memory.concordance(query, "en", side="source")
        assert sorted(h.entry.key for h in hits) == ["4", "5", "6"]
    accented = next(h for h in memory.concordance("sefirot", "en") if h.entry.key == "4")
    assert [accented.text[a:b] for a, b in accented.spans] == ["Sefirót"]
    twice = next(h for h in memory.concordance("sefirot", "en") if h.entry.key == "6")
    assert [twice.text[a:b] for a, b in twice.spans] == ["Sefirot", "sefirot"]


def test_yo_and_ye_are_the_same_letter(memory: TranslationMemory) -> None:
    hits = memory.concordance("елка", "ru", side="target")
    assert [(h.entry.key, h.text[h.spans[0][0] : h.spans[0][1]]) for h in hits] == [("7", "Ёлка")]


def test_phrases_ignore_punctuation_between_words(memory: TranslationMemory) -> None:
    hits = memory.concordance("Ein Sof", "en")
    assert [(h.entry.key, h.text[h.spans[0][0] : h.spans[0][1]]) for h in hits] == [
        ("4", "Ein-Sof")
    ]
    assert memory.concordance("Sof Ein", "en") == []
    assert sources(memory.concordance("the light", "en")) == [
        "The Light fills the vessel.",
        "Lightning is not the Light.",
        "The Light returns.",
    ]


def test_prefix_queries(memory: TranslationMemory) -> None:
    hits = memory.concordance("сфир*", "ru", side="target")
    assert sorted(h.entry.key for h in hits) == ["4", "5", "6"]
    spans = next(h for h in hits if h.entry.key == "6")
    assert [spans.text[a:b] for a, b in spans.spans] == ["Сфиры", "сфиры"]
    assert sorted(h.entry.key for h in memory.concordance("light*", "en")) == ["1", "2", "3", "7"]


def test_sides_and_languages(memory: TranslationMemory) -> None:
    assert memory.concordance("свет", "ru", side="source") == []
    targets = memory.concordance("свет", "ru", side="target")
    assert sorted(h.entry.key for h in targets) == ["1", "2", "7", "8"]
    assert all(h.side == "target" and h.translation == h.entry.source for h in targets)
    assert sources(memory.concordance("luz", "es")) == ["La luz y el recipiente."]
    assert memory.concordance("luz", "en") == []
    both = TranslationMemory(
        [
            entry("Kli", "Кли"),
            entry("Кли и свет", "Vessel and light", source_lang="ru", target_lang="en"),
        ]
    ).concordance("кли", "ru")
    assert sorted(h.side for h in both) == ["source", "target"]
    with pytest.raises(ValueError):
        memory.concordance("light", "en", side="middle")  # type: ignore[arg-type]


def test_order_limit_and_occurrences() -> None:
    memory = TranslationMemory(
        [
            entry("The screen rises.", "Экран поднимается."),
            entry("A screen again.", "Снова экран."),
            entry("A screen again.", "Снова экран.", origin="other"),
            entry("The screen is approved.", "Экран утвержден.", status="approved"),
        ]
    )
    hits = memory.concordance("screen", "en")
    assert [(h.entry.source, h.occurrences) for h in hits] == [
        ("The screen is approved.", 1),
        ("A screen again.", 2),
        ("The screen rises.", 1),
    ]
    assert len(memory.concordance("screen", "en", limit=2)) == 2
    assert memory.concordance("screen", "en", limit=0) == []


def test_nothing_to_search(memory: TranslationMemory) -> None:
    assert memory.concordance("", "en") == []
    assert memory.concordance(" .,;!* ", "en") == []
    assert memory.concordance("absent", "en") == []
    assert TranslationMemory().concordance("light", "en") == []


def test_entries_added_later_and_discarded_ones(memory: TranslationMemory) -> None:
    assert memory.concordance("Partzuf", "en") == []
    memory.add(entry("A Partzuf is born.", "Рождается парцуф.", key="9"))
    assert sources(memory.concordance("partzuf", "en")) == ["A Partzuf is born."]
    memory.discard(key="9")
    assert memory.concordance("partzuf", "en") == []
