"""Translation memory over the whole corpus: suggestions and concordance.

The memory is every translated, reviewed or approved unit of every document plus the
imported TMX entries, one ``TranslationMemory`` per language pair, built on first use and
rebuilt when the corpus changed (at most every few seconds, so a busy team does not keep
the server rebuilding).
"""

from __future__ import annotations

import threading
import time
from typing import Any

from workbench.errors import NotFoundError
from workbench.model import Status
from workbench.services.translation import TranslationServices
from workbench.store import documents as repo
from workbench.store import exchange as exchange_store
from workbench.tm import ConcordanceHit, Match, MemoryEntry, TranslationMemory, entries_from_units

REBUILD_AFTER_SECONDS = 5.0


class MemoryServices(TranslationServices):
    """Suggestions from the memory and concordance search."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._memories: dict[tuple[str, str], tuple[int, float, TranslationMemory]] = {}
        self._memory_lock = threading.Lock()

    def memory(self, source_lang: str, target_lang: str) -> TranslationMemory:
        """The memory of one language pair, current to within a few seconds."""
        with self.db.session() as session:
            version = repo.content_version(session) + exchange_store.memory_size(session)
        key = (source_lang, target_lang)
        cached = self._memories.get(key)
        now = time.monotonic()
        if cached and (cached[0] == version or now - cached[1] < REBUILD_AFTER_SECONDS):
            return cached[2]
        with self._memory_lock:
            cached = self._memories.get(key)
            if cached and cached[0] == version:
                return cached[2]
            memory = TranslationMemory(self._memory_entries(source_lang, target_lang))
            self._memories[key] = (version, time.monotonic(), memory)
            return memory

    def _memory_entries(self, source_lang: str, target_lang: str) -> list[MemoryEntry]:
        entries: list[MemoryEntry] = []
        for summary in self.list_documents():
            if summary.source_lang != source_lang or target_lang not in summary.languages:
                continue
            if self.alignment(summary.name, target_lang) is None:
                continue
            entries.extend(
                entries_from_units(self.units(summary.name, target_lang, with_terms=False))
            )
        with self.db.session() as session:
            rows = exchange_store.memory_entries(session, source_lang, target_lang)
            entries.extend(
                MemoryEntry(
                    source=row.source,
                    target=row.target,
                    source_lang=row.source_lang,
                    target_lang=row.target_lang,
                    origin=row.origin,
                    status=Status(row.status) if row.status in set(Status) else Status.TRANSLATED,
                    key=row.key,
                )
                for row in rows
            )
        return entries

    def suggestions(self, ref: str, lang: str, key: str, *, limit: int = 5) -> list[Match]:
        """Memory matches for a unit's source, not counting the unit itself."""
        unit = next((u for u in self.units(ref, lang, with_terms=False) if u.key == key), None)
        if unit is None:
            raise NotFoundError(f"no unit {key!r} in {ref} ({lang})")
        memory = self.memory(unit.source.lang, lang)
        return memory.lookup(unit.source.text, unit.source.lang, lang, limit=limit, exclude_key=key)

    def concordance(
        self,
        query: str,
        source_lang: str,
        target_lang: str,
        *,
        side: str = "both",
        limit: int = 50,
    ) -> list[ConcordanceHit]:
        """A word or phrase across the corpus, with its translations."""
        memory = self.memory(source_lang, target_lang)
        hits: list[ConcordanceHit] = []
        if side in ("source", "both"):
            hits += memory.concordance(query, source_lang, side="source", limit=limit)
        if side in ("target", "both"):
            hits += memory.concordance(query, target_lang, side="target", limit=limit)
        return hits[:limit]
