"""Translation memory: fuzzy matches and concordance over translated segments.

Pure core: no storage and no UI. The services build one :class:`TranslationMemory` from the
translated, reviewed and approved segments of every document plus imported TMX files
(:func:`entries_from_units` for both) and share it between the sessions of a server.
"""

from workbench.tm.memory import (
    CASE_ONLY,
    EXACT,
    FORMAT_ONLY,
    FUZZY_CAP,
    ConcordanceHit,
    Match,
    MemoryEntry,
    TranslationMemory,
    entries_from_units,
    language_key,
    status_rank,
)
from workbench.tm.text import DiffSpan, word_diff

__all__ = [
    "CASE_ONLY",
    "EXACT",
    "FORMAT_ONLY",
    "FUZZY_CAP",
    "ConcordanceHit",
    "DiffSpan",
    "Match",
    "MemoryEntry",
    "TranslationMemory",
    "entries_from_units",
    "language_key",
    "status_rank",
    "word_diff",
]
