"""Translation memory over the corpus: suggestions exclude the unit itself, follow edits,
and include imported TMX; concordance searches both sides."""

from __future__ import annotations

from pathlib import Path

from workbench.services import Workbench
from workbench.services import memory as memory_module

DOC = "the-ladder-of-degrees"


def test_suggestions_come_from_other_units_and_follow_changes(
    bench: Workbench, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(memory_module, "REBUILD_AFTER_SECONDS", 0.0)
    bench.create_demo()
    from workbench.services import ImportItem

    bench.import_items(
        [
            ImportItem(
                b"Copy\n\nWhen Zeir Anpin rises to YESHSUT, the light grows.\n",
                "copy.txt",
                lang="en",
            )
        ]
    )
    bench.start_translation("copy", "ru")
    unit = next(u for u in bench.units("copy", "ru") if "YESHSUT" in u.source.text)
    [best, *_] = bench.suggestions("copy", "ru", unit.key)
    assert best.score == 100 and best.entry.target.startswith("Когда Зеир Анпин")
    # the unit itself never suggests itself
    own = next(u for u in bench.units(DOC, "ru") if "YESHSUT" in u.source.text)
    assert all(m.entry.key != own.key for m in bench.suggestions(DOC, "ru", own.key))
    # an edit shows up in the memory
    target = own.target("ru")
    bench.save_unit(
        DOC,
        "ru",
        own.key,
        "Когда Зеир Анпин поднимается, свет растёт.",
        expected_revision=target.revision,
    )
    [best, *_] = bench.suggestions("copy", "ru", unit.key)
    assert best.entry.target == "Когда Зеир Анпин поднимается, свет растёт."


def test_imported_tmx_counts_as_memory(bench: Workbench, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(memory_module, "REBUILD_AFTER_SECONDS", 0.0)
    bench.create_demo()
    [tmx] = bench.export("tmx", "ru", out_dir=tmp_path)
    from workbench.services import ImportItem

    bench.import_items(
        [
            ImportItem(
                b"Lone\n\nAnswer: Dr. Laitman said that the group comes first.\n",
                "lone.txt",
                lang="en",
            )
        ]
    )
    bench.start_translation("lone", "ru")
    before = {
        origin
        for u in bench.units("lone", "ru")
        for m in bench.suggestions("lone", "ru", u.key)
        for origin in m.origins
    }
    bench.import_translation(tmx.read_bytes(), "legacy.tmx")
    after = {
        origin
        for u in bench.units("lone", "ru")
        for m in bench.suggestions("lone", "ru", u.key)
        for origin in m.origins
    }
    assert "tmx:legacy.tmx" in after and "tmx:legacy.tmx" not in before


def test_concordance_searches_sources_and_translations(bench: Workbench) -> None:
    bench.create_demo()
    hits = bench.concordance("Zeir Anpin", "en", "ru")
    assert hits and all("Zeir Anpin" in h.text for h in hits)
    assert any("Зеир Анпин" in h.translation for h in hits)
    ru = bench.concordance("масах", "en", "ru", side="target")
    assert ru and all("масах" in h.text.lower() for h in ru)
