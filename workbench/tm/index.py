"""Character-trigram prefilter: which stored keys are worth a fuzzy score for a query.

A :class:`GramSegment` is an inverted index over a contiguous run of keys: for every
character trigram (each key padded with a start and an end mark, so short keys have grams
too), the sorted ids of the keys that contain it. Trigrams are hashed to 40 bits (three
21-bit code points multiplied by a 64-bit odd constant); a collision only adds a spurious
shared gram, it never loses one. The arrays are numpy, built in a few vectorised passes,
and never change once built, so any number of threads may query a segment at once.

A query counts, per key, the trigrams it shares with the key (one ``bincount`` over the
concatenated posting lists), drops keys outside the length window that the score threshold
allows, and ranks the rest by the Dice coefficient of their trigram sets; the caller scores
only the best of them with rapidfuzz (see :class:`workbench.tm.TranslationMemory`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

START = "\x02"
END = "\x03"
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_HASH_SHIFT = np.uint64(24)  # keep the top 40 bits of the 64-bit product
_ID_BITS = 24  # ids within one segment; segments hold at most 16,777,216 keys
_ID_SHIFT = np.uint64(_ID_BITS)
_ID_MASK = np.uint64((1 << _ID_BITS) - 1)
MAX_SEGMENT = 1 << _ID_BITS
_CHUNK_CHARS = 1 << 20


def _codes(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of the padded texts laid end to end, and each padded text's length."""
    padded = [START + text + END for text in texts]
    joined = "".join(padded)
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype="<u4")
    lengths = np.fromiter((len(p) for p in padded), dtype=np.int64, count=len(padded))
    return codes.astype(np.uint64), lengths


def _hashes(codes: np.ndarray) -> np.ndarray:
    """40-bit hashes of every trigram starting at each position but the last two."""
    grams = (codes[:-2] << np.uint64(42)) | (codes[1:-1] << np.uint64(21)) | codes[2:]
    with np.errstate(over="ignore"):
        return (grams * _MULTIPLIER) >> _HASH_SHIFT


def _pairs(keys: list[str], first: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct ``(trigram hash << 24) | local id`` values of ``keys`` (numbered from
    ``first``), sorted, and the padded length of each key."""
    codes, padded = _codes(keys)
    hashes = _hashes(codes)
    owner = np.repeat(np.arange(first, first + len(keys), dtype=np.uint64), padded)
    # A trigram belongs to a key only if it does not run into the next one.
    inside = owner[:-2] == owner[2:]
    return _sorted_unique((hashes[inside] << _ID_SHIFT) | owner[:-2][inside]), padded


def _first_of_runs(values: np.ndarray) -> np.ndarray:
    """Where each run of equal values in sorted ``values`` starts."""
    starts = np.ones(len(values), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=starts[1:])
    return np.flatnonzero(starts)


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` by sorting (faster here than the hash table numpy 2 may pick)."""
    values = np.sort(values)
    return values[_first_of_runs(values)]


def query_grams(text: str) -> np.ndarray:
    """The distinct trigram hashes of one key, sorted."""
    codes, _ = _codes([text])
    return _sorted_unique(_hashes(codes))


@dataclass(frozen=True, eq=False)
class GramSegment:
    """Inverted trigram index over keys ``start .. start + size`` of one language pair."""

    start: int
    size: int
    # Sorted distinct trigram hashes (uint64); the keys containing vocabulary[i] are
    # postings[offsets[i]:offsets[i + 1]], as local ids (int32) in ascending order.
    vocabulary: np.ndarray = field(repr=False)
    offsets: np.ndarray = field(repr=False)
    postings: np.ndarray = field(repr=False)
    lengths: np.ndarray = field(repr=False)  # of each key, in characters (int32)
    gram_counts: np.ndarray = field(repr=False)  # distinct trigrams of each key (int32)

    @classmethod
    def build(cls, keys: list[str], start: int) -> GramSegment:
        if len(keys) > MAX_SEGMENT:
            raise ValueError(f"a segment holds at most {MAX_SEGMENT} keys")
        chunks: list[np.ndarray] = []
        lengths: list[np.ndarray] = []
        first = 0
        while first < len(keys):
            # About a million characters at a time keeps the temporaries small.
            last, chars = first, 0
            while last < len(keys) and (chars < _CHUNK_CHARS or last == first):
                chars += len(keys[last]) + 2
                last += 1
            pairs, padded = _pairs(keys[first:last], first)
            chunks.append(pairs)
            lengths.append(padded - 2)
            first = last
        pairs = np.sort(np.concatenate(chunks)) if chunks else np.zeros(0, dtype=np.uint64)
        postings = (pairs & _ID_MASK).astype(np.int32)
        grams = pairs >> _ID_SHIFT
        starts = _first_of_runs(grams)
        vocabulary = grams[starts]
        return cls(
            start=start,
            size=len(keys),
            vocabulary=vocabulary,
            offsets=np.append(starts, len(pairs)).astype(np.int64),
            postings=postings,
            lengths=np.concatenate(lengths).astype(np.int32) if lengths else np.zeros(0, np.int32),
            gram_counts=np.bincount(postings, minlength=len(keys)).astype(np.int32),
        )

    @property
    def nbytes(self) -> int:
        arrays = (self.vocabulary, self.offsets, self.postings, self.lengths, self.gram_counts)
        return sum(a.nbytes for a in arrays)

    def shared_counts(self, grams: np.ndarray) -> np.ndarray:
        """How many of the query's ``grams`` each key of the segment contains."""
        if not len(self.vocabulary) or not len(grams):
            return np.zeros(self.size, dtype=np.int64)
        where = np.minimum(np.searchsorted(self.vocabulary, grams), len(self.vocabulary) - 1)
        hit = where[self.vocabulary[where] == grams]
        starts = self.offsets[hit].tolist()
        ends = self.offsets[hit + 1].tolist()
        lists = [self.postings[s:e] for s, e in zip(starts, ends, strict=True)]
        if not lists:
            return np.zeros(self.size, dtype=np.int64)
        return np.bincount(np.concatenate(lists), minlength=self.size)

    def candidates(self, grams: np.ndarray, low: int, high: int) -> tuple[np.ndarray, np.ndarray]:
        """Global ids of keys sharing a trigram and of length ``low..high``, with their Dice
        coefficient against the query's ``grams``."""
        shared = self.shared_counts(grams)
        local = np.flatnonzero(shared)
        if not len(local):
            return local, np.zeros(0)
        lengths = self.lengths[local]
        local = local[(lengths >= low) & (lengths <= high)]
        dice = 2.0 * shared[local] / (len(grams) + self.gram_counts[local])
        return local + self.start, dice


def select_top(ids: np.ndarray, scores: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` ids with the highest scores; ties at the cut go to the lowest ids.

    Independent of how the ids were split into segments or ordered, so a lookup gives the
    same answer whatever the history of adds that built the index.
    """
    if len(ids) <= count:
        return np.sort(ids)
    cut = np.partition(scores, len(scores) - count)[len(scores) - count]
    above = ids[scores > cut]
    at_cut = np.sort(ids[scores == cut])[: count - len(above)]
    return np.sort(np.concatenate([above, at_cut]))
