"""The translation memory: fuzzy lookup and concordance over translated segments.

Entries come from every document's translated, reviewed and approved segments and from
imported TMX files alike (:func:`entries_from_units` turns either into entries). Entries
with the same language pair and the same source and target (after NFC and whitespace
collapsing) are one *record*: it keeps every entry, best status first, and a match reports
how many there were. A record's source is scored through its *key* (the case-folded
source); many records can share a key.

**Lookup.** Exact keys and keys equal up to accents and punctuation come from dictionaries,
so a source always finds itself. Fuzzy candidates come from the trigram prefilter of
:mod:`workbench.tm.index`: keys outside the length window that ``min_score`` allows are
skipped, the rest are ranked by trigram Dice, and only the best ``candidates`` (1,024 by
default) are scored with rapidfuzz's ``fuzz.ratio``. Scores: 100 for the same text, 99 when
only case differs, 98 when only accents, punctuation or spacing differ, and otherwise the
ratio capped at 97, so any real change ranks below those. Ties go to the better status
(approved, reviewed, translated), then to the record seen more often, then to the most
recently changed, then to the first added.

**Threads.** One memory can serve every session of a server. Writers (``add``,
``add_many``, ``discard``) take a lock. Lookups take none: records are immutable and
replaced whole, the per-pair lists only grow, the index arrays never change once built and
each pair's index is published as one view by one assignment, so a lookup running during a
write sees every record either before or after it changed. A concordance search takes the
lock only to bring its word index up to date and copy out the matching ids. Rebuilding
from scratch is also safe: build a new memory aside and replace the reference.

**Index upkeep.** Keys added since the last build (at most 256 of them) sit in a small
tail segment rebuilt on each write. Past that they become a segment of their own, and a
segment at least half the size of the one before is merged into it, so a pair has a
logarithmic number of segments and a bulk load builds one. Candidates are chosen across
all segments at once, ties going to the lower key id, so the answers do not depend on
whether the entries came in one batch or one at a time.
"""

from __future__ import annotations

import math
import re
import threading
from array import array
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Literal, NamedTuple

import numpy as np
from rapidfuzz import fuzz, process

from workbench.model import Status, TranslationUnit
from workbench.tm import text as tmtext
from workbench.tm.index import GramSegment, query_grams, select_top

STATUS_RANK: dict[str, int] = {Status.TRANSLATED: 1, Status.REVIEWED: 2, Status.APPROVED: 3}
EXACT = 100.0
CASE_ONLY = 99.0
FORMAT_ONLY = 98.0
FUZZY_CAP = 97.0
TAIL_SIZE = 256
Side = Literal["source", "target", "both"]


def status_rank(status: str) -> int:
    """3 for approved, 2 for reviewed, 1 for translated, 0 for anything not usable."""
    return STATUS_RANK.get(status, 0) if isinstance(status, str) else 0


@lru_cache(maxsize=256)
def language_key(lang: str) -> str:
    """The primary subtag, lower case: ``en-US``, ``en_GB`` and ``EN`` all file as ``en``."""
    return lang.strip().replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class MemoryEntry:
    """One translated segment: where it came from and how far it got in review.

    ``origin`` is the document name for a segment of a project document or
    ``tmx:<file name>`` for an imported memory; ``key`` is the unit key (TMX ``tuid``).
    Adding an entry with the ``origin``, ``key`` and languages of one already stored
    replaces it.
    """

    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str
    status: str = Status.TRANSLATED
    key: str | None = None
    changed_at: datetime | None = None


@dataclass(frozen=True)
class Match:
    """A memory record whose source resembles the text looked up.

    ``score`` is 0..100 (see the module notes); ``diff`` marks the differences between the
    new source (``DiffSpan.text``) and ``entry.source`` (``DiffSpan.old``), word by word;
    ``occurrences`` counts the entries with this exact source and target.
    ``placeable_changes`` lists ``(old, new)`` numbers when the sources differ only in
    numbers, dates or ids.
    """

    entry: MemoryEntry
    score: float
    diff: tuple[tmtext.DiffSpan, ...]
    occurrences: int = 1
    origins: tuple[str, ...] = ()
    placeable_changes: tuple[tuple[str, str], ...] | None = None

    @property
    def exact(self) -> bool:
        return self.score >= EXACT

    @property
    def adapted_target(self) -> str | None:
        """The target with the changed numbers substituted, when that is unambiguous."""
        if self.exact:
            return self.entry.target
        if not self.placeable_changes:
            return None
        return tmtext.adapt_numbers(self.entry.target, self.placeable_changes)


@dataclass(frozen=True)
class ConcordanceHit:
    """A record containing the searched word or phrase on ``side``, with the ``spans`` of
    each occurrence in that side's text (``entry.source`` or ``entry.target``)."""

    entry: MemoryEntry
    side: Literal["source", "target"]
    spans: tuple[tuple[int, int], ...]
    occurrences: int = 1

    @property
    def text(self) -> str:
        return self.entry.source if self.side == "source" else self.entry.target

    @property
    def translation(self) -> str:
        """The other side: what the hit was translated as, or translated from."""
        return self.entry.target if self.side == "source" else self.entry.source


def _changed(entry: MemoryEntry) -> float:
    when = entry.changed_at
    if when is None:
        return float("-inf")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


@dataclass(frozen=True, slots=True)
class _Record:
    """Entries with the same language pair, source and target, best first."""

    id: int
    pair: tuple[str, str]
    key: int
    source: str
    target: str
    entries: tuple[MemoryEntry, ...]

    @property
    def rank(self) -> int:
        return status_rank(self.entries[0].status) if self.entries else 0

    def with_entries(self, entries: Iterable[MemoryEntry]) -> _Record:
        ordered = sorted(entries, key=_entry_order)
        return _Record(self.id, self.pair, self.key, self.source, self.target, tuple(ordered))

    def with_entry(self, entry: MemoryEntry) -> _Record:
        """This record with one more entry, in its place (after equals already here)."""
        entries = list(self.entries)
        insort(entries, entry, key=_entry_order)
        return _Record(self.id, self.pair, self.key, self.source, self.target, tuple(entries))


def _entry_order(entry: MemoryEntry) -> tuple[int, float]:
    return -status_rank(entry.status), -_changed(entry)


_OCCURRENCE_BITS = 21
_ID_BITS = 36  # with 2 status bits and 21 count bits, 59 bits: room for a side bit


def _concordance_order(record: _Record) -> int:
    """Sort key of a record in concordance results, as one int64: better status, then
    more entries, then lower id."""
    fewer = (1 << _OCCURRENCE_BITS) - 1 - min(len(record.entries), (1 << _OCCURRENCE_BITS) - 1)
    return ((3 - record.rank) << (_OCCURRENCE_BITS + _ID_BITS)) | (fewer << _ID_BITS) | record.id


class _View(NamedTuple):
    """What a reader of one pair's index may rely on: ``segments`` cover keys up to
    ``indexed``; ``tail``, rebuilt on every write, covers the rest up to ``size``."""

    segments: tuple[GramSegment, ...]
    tail: GramSegment | None
    indexed: int
    size: int

    @property
    def all_segments(self) -> tuple[GramSegment, ...]:
        return (*self.segments, self.tail) if self.tail is not None else self.segments


@dataclass(eq=False)
class _PairIndex:
    """One language pair: its distinct keys, their records, and the prefilter over them.

    ``loose`` maps the hash of a key's loose form to the keys that have it (a hash, not the
    string, to save memory; a lookup checks the forms really agree). ``units`` maps an
    entry's ``(origin, key)`` to the record holding it, for replacing it.
    """

    pair: tuple[str, str]
    keys: list[str] = field(default_factory=list)
    key_ids: dict[str, int] = field(default_factory=dict)
    loose: dict[int, list[int]] = field(default_factory=dict)
    key_records: list[list[int]] = field(default_factory=list)
    units: dict[tuple[str, str], int] = field(default_factory=dict)
    view: _View = field(default_factory=lambda: _View((), None, 0, 0))

    def key_id(self, key: str) -> int:
        found = self.key_ids.get(key)
        if found is not None:
            return found
        new = len(self.keys)
        self.keys.append(key)
        self.key_records.append([])
        loose = tmtext.loose_key(key)
        if loose:
            self.loose.setdefault(hash(loose), []).append(new)
        self.key_ids[key] = new
        return new

    def near(self, key: str) -> set[int]:
        """Ids of the keys that differ from ``key`` only in accents, punctuation, spacing."""
        loose = tmtext.loose_key(key)
        if not loose:
            return set()
        ids = self.loose.get(hash(loose), ())
        return {i for i in ids if tmtext.loose_key(self.keys[i]) == loose}

    def publish(self) -> None:
        """Bring the index up to the keys added since the last call.

        Up to ``TAIL_SIZE`` new keys go into a small tail segment, rebuilt each time; past
        that they become a segment of their own, and a segment at least half the size of
        the one before is merged into it.
        """
        segments, _, indexed, _ = self.view
        size = len(self.keys)
        if size - indexed >= TAIL_SIZE:
            parts = [*segments, GramSegment.build(self.keys[indexed:size], indexed)]
            while len(parts) >= 2 and parts[-2].size <= 2 * parts[-1].size:
                newer = parts.pop()
                older = parts.pop()
                keys = self.keys[older.start : newer.start + newer.size]
                parts.append(GramSegment.build(keys, older.start))
            segments, indexed = tuple(parts), size
        tail = GramSegment.build(self.keys[indexed:size], indexed) if size > indexed else None
        self.view = _View(segments, tail, indexed, size)


@dataclass(eq=False)
class _WordIndex:
    """Folded word -> ids of the records with that word on one side, for concordance.

    Ids are appended in record order, so every posting list is sorted.
    """

    words: dict[str, array] = field(default_factory=dict)
    upto: int = 0  # records below this id are indexed
    vocabulary: list[str] | None = None  # sorted words, for prefix queries

    def prefixed(self, prefix: str) -> list[str]:
        if self.vocabulary is None:
            self.vocabulary = sorted(self.words)
        start = bisect_left(self.vocabulary, prefix)
        found = []
        for word in self.vocabulary[start:]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def ids(self, terms: list[tuple[str, bool]]) -> np.ndarray:
        """Sorted ids of the records containing every term (a prefix term: some word that
        begins with it). Phrases still need checking for order and adjacency."""
        found: np.ndarray | None = None
        for term, prefix in terms:
            if prefix:
                lists = [np.array(self.words[w], dtype=np.int64) for w in self.prefixed(term)]
                ids = np.unique(np.concatenate(lists)) if lists else np.zeros(0, np.int64)
            else:
                ids = np.array(self.words.get(term, ()), dtype=np.int64)
            found = ids if found is None else np.intersect1d(found, ids, assume_unique=True)
            if not len(found):
                break
        return found if found is not None else np.zeros(0, np.int64)


class TranslationMemory:
    """Translated segments of every document and imported TMX, searchable by similarity.

    ``candidates`` is how many prefilter candidates per lookup get a full fuzzy score.
    """

    def __init__(self, entries: Iterable[MemoryEntry] = (), *, candidates: int = 1024) -> None:
        self._lock = threading.RLock()
        self._candidates = candidates
        self._records: list[_Record] = []
        self._order = np.zeros(1024, dtype=np.int64)  # _concordance_order per record id
        self._pairs: dict[tuple[str, str], _PairIndex] = {}
        self._words: dict[tuple[str, str], _WordIndex] = {}
        self._entries = 0
        self.add_many(entries)

    # -- writing -------------------------------------------------------------------------

    def add(self, entry: MemoryEntry) -> bool:
        """Store one entry; ``False`` if it is not usable (empty, or not yet translated)."""
        return self.add_many([entry]) == 1

    def add_many(self, entries: Iterable[MemoryEntry]) -> int:
        """Store entries, replacing any with the same origin, key and languages; returns
        how many were usable. New, draft and empty segments are skipped."""
        added = 0
        with self._lock:
            touched: set[tuple[str, str]] = set()
            for entry in entries:
                pair = self._store(entry)
                if pair is not None:
                    touched.add(pair)
                    added += 1
            for pair in sorted(touched):
                self._pairs[pair].publish()
        return added

    def discard(self, *, key: str | None = None, origin: str | None = None) -> int:
        """Remove the entries with this unit key and/or origin; returns how many went."""
        if key is None and origin is None:
            raise ValueError("discard needs a key, an origin or both")
        removed = 0
        with self._lock:
            for record in list(self._records):
                keep = [
                    e
                    for e in record.entries
                    if not (
                        (key is None or e.key == key) and (origin is None or e.origin == origin)
                    )
                ]
                if len(keep) != len(record.entries):
                    removed += len(record.entries) - len(keep)
                    self._replace(record, keep)
        return removed

    def _store(self, entry: MemoryEntry) -> tuple[str, str] | None:
        source = _canonical(entry.source)
        target = _canonical(entry.target)
        if not source or not target or not status_rank(entry.status):
            return None
        pair = (language_key(entry.source_lang), language_key(entry.target_lang))
        index = self._pairs.get(pair)
        if index is None:
            index = self._pairs[pair] = _PairIndex(pair)
        if entry.key is not None:
            previous = index.units.get((entry.origin, entry.key))
            if previous is not None:
                record = self._records[previous]
                same = (entry.origin, entry.key)
                self._replace(record, [e for e in record.entries if (e.origin, e.key) != same])
        key = index.key_id(source.casefold())
        records = index.key_records[key]
        found = next(
            (
                r
                for r in records
                if self._records[r].source == source and self._records[r].target == target
            ),
            None,
        )
        if found is None:
            found = len(self._records)
            record = _Record(found, index.pair, key, source, target, (entry,))
            self._records.append(record)
            records.append(found)
        else:
            record = self._records[found].with_entry(entry)
            self._records[found] = record
        self._set_order(record)
        if entry.key is not None:
            index.units[(entry.origin, entry.key)] = found
        self._entries += 1
        return index.pair

    def _replace(self, record: _Record, entries: list[MemoryEntry]) -> None:
        replacement = record.with_entries(entries)
        self._records[record.id] = replacement
        self._set_order(replacement)
        self._entries -= len(record.entries) - len(entries)
        units = self._pairs[record.pair].units
        for entry in record.entries:
            unit = (entry.origin, entry.key)
            if entry.key is not None and entry not in entries and units.get(unit) == record.id:
                del units[unit]

    def _set_order(self, record: _Record) -> None:
        order = self._order
        if record.id >= len(order):
            # Readers may hold the old array: grow into a new one, never in place.
            order = np.concatenate([order, np.zeros(len(order), dtype=np.int64)])
            self._order = order
        order[record.id] = _concordance_order(record)

    # -- reading -------------------------------------------------------------------------

    def __len__(self) -> int:
        """How many entries are stored (duplicates included)."""
        return self._entries

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The language pairs with at least one record, as ``(source, target)`` subtags."""
        return sorted(self._pairs)

    def index_bytes(self) -> int:
        """Bytes held by the prefilter arrays of every pair."""
        return sum(s.nbytes for p in list(self._pairs.values()) for s in p.view.all_segments)

    def lookup(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        limit: int = 5,
        min_score: float = 70.0,
        exclude_key: str | None = None,
    ) -> list[Match]:
        """The best ``limit`` records for ``source`` scoring at least ``min_score``.

        ``exclude_key`` leaves out entries of that unit key (the segment being translated),
        so a unit does not find its own current translation.
        """
        canon = tmtext.canonical(source)
        index = self._pairs.get((language_key(source_lang), language_key(target_lang)))
        min_score = max(0.0, float(min_score))  # and NaN becomes 0
        if not canon or index is None or limit <= 0 or min_score > EXACT:
            return []
        key = canon.casefold()
        ratios = self._ratios(index, key, min_score)
        exact = index.key_ids.get(key)
        near = index.near(key)
        # The best score any record of a key can get: its records come in that order.
        bounds = {key_id: min(ratio, FUZZY_CAP) for key_id, ratio in ratios.items()}
        bounds.update(dict.fromkeys(near, FORMAT_ONLY))
        if exact is not None:
            bounds[exact] = EXACT
        ranked: list[tuple[tuple, _Record, tuple[MemoryEntry, ...], float]] = []
        level = EXACT + 1
        for key_id, bound in sorted(bounds.items(), key=lambda item: (-item[1], item[0])):
            if bound < min_score or (bound < level and len(ranked) >= limit):
                break  # every record kept so far beats every record still to come
            level = bound
            for record_id in list(index.key_records[key_id]):
                record = self._records[record_id]
                entries = tuple(
                    e for e in record.entries if exclude_key is None or e.key != exclude_key
                )
                if not entries:
                    continue
                score = bound
                if key_id == exact and record.source != canon:
                    score = CASE_ONLY
                if score < min_score:
                    continue
                order = (
                    -score,
                    -status_rank(entries[0].status),
                    -len(entries),
                    -_changed(entries[0]),
                    record.id,
                )
                ranked.append((order, record, entries, score))
        ranked.sort(key=lambda item: item[0])
        return [
            self._match(source, record, entries, score)
            for _, record, entries, score in ranked[:limit]
        ]

    def similar_sources(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        limit: int = 5,
        min_score: float = 70.0,
    ) -> list[tuple[str, float]]:
        """Distinct stored sources (case-folded) like ``source``, with their plain
        ``fuzz.ratio``, best first: the prefilter's answer before records, statuses and
        score adjustments. Ties go to the source stored first."""
        canon = tmtext.canonical(source)
        index = self._pairs.get((language_key(source_lang), language_key(target_lang)))
        min_score = max(0.0, float(min_score))  # and NaN becomes 0
        if not canon or index is None or limit <= 0 or min_score > EXACT:
            return []
        key = canon.casefold()
        ratios = self._ratios(index, key, min_score)
        exact = index.key_ids.get(key)
        if exact is not None:
            ratios[exact] = EXACT
        best = sorted(ratios.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(index.keys[key_id], ratio) for key_id, ratio in best]

    def _ratios(self, index: _PairIndex, key: str, min_score: float) -> dict[int, float]:
        """Fuzzy ratio of every candidate key scoring at least ``min_score``."""
        segments = index.view.all_segments
        low, high = _length_window(len(key), min_score)
        chosen: list[int] = []
        if segments:
            grams = query_grams(key)
            parts = [segment.candidates(grams, low, high) for segment in segments]
            ids = np.concatenate([ids for ids, _ in parts])
            dice = np.concatenate([dice for _, dice in parts])
            chosen = select_top(ids, dice, self._candidates).tolist()
        choices = [index.keys[i] for i in chosen]
        scored = process.extract(
            key, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=None
        )
        return {chosen[position]: score for _, score, position in scored}

    def _match(
        self, source: str, record: _Record, entries: tuple[MemoryEntry, ...], score: float
    ) -> Match:
        entry = entries[0]
        changes = None if score >= EXACT else tmtext.placeable_changes(source, entry.source)
        origins = tuple(dict.fromkeys(e.origin for e in entries))
        return Match(
            entry=entry,
            score=score,
            diff=tuple(tmtext.word_diff(source, entry.source)),
            occurrences=len(entries),
            origins=origins,
            placeable_changes=changes,
        )

    # -- concordance ---------------------------------------------------------------------

    def concordance(
        self, query: str, lang: str, *, side: Side = "both", limit: int = 50
    ) -> list[ConcordanceHit]:
        """Records containing the word or phrase ``query`` in language ``lang``.

        Whole words, ignoring case and accents; punctuation between the words of a phrase
        does not matter (``Ein Sof`` finds ``Ein-Sof``). A word ending in ``*`` matches any
        word it begins (``сфир*`` finds ``сфира``, ``сфиры``). ``side`` says whether to look in
        sources of pairs from ``lang``, targets of pairs into ``lang``, or both. Hits come
        best status first, then most frequent, then in the order added.
        """
        if side not in ("source", "target", "both"):
            raise ValueError(f"side must be source, target or both, not {side!r}")
        terms = [(w, star == "*") for w, star in _QUERY_WORDS.findall(tmtext.fold(query))]
        if not terms or limit <= 0:
            return []
        lang = language_key(lang)
        sides: tuple[Literal["source", "target"], ...] = (
            ("source", "target") if side == "both" else (side,)  # type: ignore[assignment]
        )
        orders: list[np.ndarray] = []
        for number, one_side in enumerate(sides):
            with self._lock:
                ids = self._word_index(lang, one_side).ids(terms)
            # Sort keys end in the record id; the side goes below it, in one spare bit.
            orders.append((self._order[ids] << 1) | number)
        ordered = np.sort(np.concatenate(orders)).tolist() if orders else []
        pattern = _phrase_pattern(terms)
        hits: list[ConcordanceHit] = []
        id_mask = (1 << _ID_BITS) - 1
        for value in ordered:
            record = self._records[(value >> 1) & id_mask]
            if not record.entries:
                continue
            one_side = sides[value & 1]
            entry = record.entries[0]
            text = entry.source if one_side == "source" else entry.target
            folded, offsets = tmtext.fold_with_offsets(text)
            spans = tuple(
                tmtext.original_span(text, offsets, m.start(), m.end())
                for m in pattern.finditer(folded)
            )
            if spans:
                hits.append(ConcordanceHit(entry, one_side, spans, len(record.entries)))
                if len(hits) >= limit:
                    break
        return hits

    def _word_index(self, lang: str, side: Literal["source", "target"]) -> _WordIndex:
        """The word index of one language and side, brought up to date (under the lock)."""
        index = self._words.get((lang, side))
        if index is None:
            index = self._words[(lang, side)] = _WordIndex()
        records = self._records
        if index.upto < len(records):
            at = 0 if side == "source" else 1
            words = index.words
            before = len(words)
            for record in records[index.upto :]:
                if record.pair[at] != lang:
                    continue
                text = record.source if side == "source" else record.target
                for word in set(tmtext.words(text)):
                    ids = words.get(word)
                    if ids is None:
                        ids = words[word] = array("q")
                    ids.append(record.id)
            index.upto = len(records)
            if len(words) != before:
                index.vocabulary = None
        return index


def _canonical(text: str) -> str:
    """:func:`tmtext.canonical`, returning ``text`` itself when it is already canonical."""
    canon = tmtext.canonical(text)
    return text if canon == text else canon


_NO_LIMIT = 1 << 62


def _length_window(length: int, min_score: float) -> tuple[int, int]:
    """Lengths another key may have and still reach ``min_score`` with ``fuzz.ratio``:
    ``2 * min / (a + b) >= r`` bounds ``b`` to ``a * r / (2 - r) .. a * (2 - r) / r``."""
    ratio = min_score / 100.0
    if ratio <= 0:
        return 0, _NO_LIMIT
    low = math.floor(length * ratio / (2.0 - ratio) - 1e-9)
    high = length * (2.0 - ratio) / ratio + 1e-9
    return max(low, 0), math.ceil(high) if high < _NO_LIMIT else _NO_LIMIT


_QUERY_WORDS = re.compile(r"(\w+)(\*?)")


def _phrase_pattern(terms: list[tuple[str, bool]]) -> re.Pattern[str]:
    parts = [re.escape(term) + (r"\w*" if prefix else "") for term, prefix in terms]
    return re.compile(r"(?<!\w)" + r"\W+".join(parts) + r"(?!\w)")


def entries_from_units(
    units: Iterable[TranslationUnit], *, origin: str | None = None
) -> Iterator[MemoryEntry]:
    """Memory entries for every usable target of ``units``.

    ``origin`` defaults to each unit's document; pass ``"tmx:<file name>"`` for units read
    from a TMX file. Targets that are new, draft or empty are left out.
    """
    for unit in units:
        for target in unit.targets:
            if not target.text.strip() or not status_rank(target.status):
                continue
            yield MemoryEntry(
                source=unit.source.text,
                target=target.text,
                source_lang=unit.source.lang,
                target_lang=target.lang,
                origin=origin if origin is not None else unit.document,
                status=target.status,
                key=unit.key,
                changed_at=target.changed_at,
            )
