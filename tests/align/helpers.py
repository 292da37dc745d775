"""Shared helpers for the aligner tests: demo texts, gold links and scoring."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from workbench.formats.glossary_csv import read_glossary_csv
from workbench.formats.sources import read_source_file
from workbench.formats.vecalign import parse_links
from workbench.glossary import Termbase
from workbench.segment import segment_paragraphs

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "sources"
DATA = Path(__file__).resolve().parent / "data"

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@lru_cache(maxsize=1)
def glossary() -> Termbase:
    path = REPO / "glossary" / "glossary.csv"
    return read_glossary_csv(path.read_bytes(), path.name)


@lru_cache(maxsize=16)
def demo(name: str, lang: str) -> tuple[str, ...]:
    """The sentences of a demo post as the project segments it (paragraph by paragraph)."""
    path = SOURCES / name if lang == "en" else SOURCES / lang / name
    document = read_source_file(path, lang=lang)
    return tuple(d.text for d in segment_paragraphs(document.paragraphs, lang))


def gold(name: str, lang: str) -> list[Pair]:
    path = DATA / f"{Path(name).stem}.en-{lang}.align"
    return parse_links(path.read_text(encoding="utf-8"), path.name)


def strict_f1(gold_pairs: list[Pair], test_pairs: list[Pair]) -> float:
    """vecalign's strict F1 for one document (precision with, recall without 0-1/1-0)."""
    g = set(gold_pairs)
    t = set(test_pairs)
    precision = len(g & t) / len(t) if t else 0.0
    g_pairs = {p for p in g if p[0] and p[1]}
    t_pairs = {p for p in t if p[0] and p[1]}
    recall = len(g_pairs & t_pairs) / len(g_pairs) if g_pairs else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def covers_once(pairs: list[Pair], n: int, m: int) -> bool:
    """Every sentence of both sides in exactly one link, links in document order."""
    src = [i for s, _t in pairs for i in s]
    tgt = [j for _s, t in pairs for j in t]
    return src == list(range(n)) and tgt == list(range(m))
