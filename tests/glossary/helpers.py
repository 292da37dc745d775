"""Shared test helpers: the fixture glossary and small termbases written inline."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from workbench.formats.glossary_csv import read_glossary_csv
from workbench.glossary import Termbase, TermMatch, TermMatcher

GLOSSARY = Path(__file__).resolve().parent / "data" / "glossary.csv"
HEADER = "concept_id,lang,preferred,allowed_variants,forbidden_variants,note"


@lru_cache(maxsize=1)
def glossary() -> Termbase:
    """The fixture glossary: the reference conventions with morphology flags set."""
    return read_glossary_csv(GLOSSARY.read_bytes(), GLOSSARY.name)


@lru_cache(maxsize=16)
def matcher(lang: str) -> TermMatcher:
    return TermMatcher(glossary(), lang)


def termbase(csv_text: str, header: str = HEADER) -> Termbase:
    """A termbase from CSV rows written in a test (the header is added)."""
    return read_glossary_csv((header + "\n" + csv_text.strip() + "\n").encode(), "test.csv")


def found(lang: str, text: str) -> list[tuple[str, str, str]]:
    """``(concept_id, kind, surface)`` for every term in ``text``."""
    return [(m.concept_id, m.kind.value, m.surface) for m in matcher(lang).find(text)]


def one(lang: str, text: str) -> TermMatch:
    matches = matcher(lang).find(text)
    assert len(matches) == 1, [(m.concept_id, m.surface) for m in matches]
    return matches[0]
