"""The trigram prefilter against a plain rapidfuzz scan of every source."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from tests.tm.helpers import entry, sentences
from workbench.tm import TranslationMemory
from workbench.tm.index import GramSegment, query_grams, select_top
from workbench.tm.memory import _length_window


def agreement(memory: TranslationMemory, queries: list[str]) -> tuple[float, float]:
    """Recall of the plain scan's top 5 (distinct sources scoring >= 70), and the share of
    queries whose top-5 scores are exactly the plain scan's."""
    keys = memory._pairs[("en", "ru")].keys
    expected = found = same = 0
    for query in queries:
        plain = process.extract(query.casefold(), keys, scorer=fuzz.ratio, limit=5, score_cutoff=70)
        ours = memory.similar_sources(query, "en", "ru", limit=5, min_score=70)
        wanted = {choice for choice, _, _ in plain}
        expected += len(wanted)
        found += len(wanted & {choice for choice, _ in ours})
        same += [round(s, 6) for _, s, _ in plain] == [round(s, 6) for _, s in ours]
    assert expected > 3 * len(queries)  # the queries do find things
    return found / expected, same / len(queries)


def test_prefilter_recall_against_plain_extract() -> None:
    corpus = [entry(text, f"t{i}") for i, text in enumerate(sentences(600, seed=11))]
    queries = sentences(300, seed=12)
    # 40 candidates out of ~550 distinct sources: the prefilter really has to choose.
    narrow = TranslationMemory(corpus, candidates=40)
    recall, same = agreement(narrow, queries)
    assert recall >= 0.99
    assert same >= 0.97
    # With the default budget every plausible source gets scored: the same answers.
    assert agreement(TranslationMemory(corpus), queries) == (1.0, 1.0)


def test_near_duplicates_are_found_among_many() -> None:
    corpus = sentences(500, seed=5)
    memory = TranslationMemory((entry(t, f"t{i}") for i, t in enumerate(corpus)), candidates=30)
    for text in corpus[::25]:
        changed = text.replace("the ", "the whole ", 1)
        best = memory.similar_sources(changed, "en", "ru", limit=1)
        plain = process.extractOne(
            changed.casefold(), [t.casefold() for t in corpus], scorer=fuzz.ratio
        )
        assert best and best[0][1] == plain[1]


@given(
    st.text(alphabet="abcdefgh ", max_size=40),
    st.text(alphabet="abcdefgh ", max_size=40),
    st.sampled_from([50.0, 70.0, 85.0, 95.0]),
)
def test_length_window_never_drops_a_qualifying_key(a: str, b: str, min_score: float) -> None:
    if fuzz.ratio(a, b) >= min_score:
        low, high = _length_window(len(a), min_score)
        assert low <= len(b) <= high


def test_segment_counts_shared_trigrams() -> None:
    keys = ["abcd", "abxd", "zzzz", "", "a"]
    segment = GramSegment.build(keys, start=10)
    assert segment.lengths.tolist() == [4, 4, 4, 0, 1]
    # Distinct grams: abcd -> ^ab abc bcd cd$; zzzz -> ^zz zzz zz$; a -> ^a$; "" none.
    assert segment.gram_counts.tolist() == [4, 4, 3, 0, 1]
    shared = segment.shared_counts(query_grams("abcd")).tolist()
    assert shared == [4, 1, 0, 0, 0]
    ids, dice = segment.candidates(query_grams("abcd"), 0, 100)
    assert ids.tolist() == [10, 11]
    assert dice.tolist() == [1.0, 0.25]
    ids, _ = segment.candidates(query_grams("abcd"), 5, 100)
    assert ids.tolist() == []


def test_select_top_breaks_ties_by_lowest_id() -> None:
    ids = np.array([7, 3, 9, 1, 5])
    scores = np.array([0.5, 0.9, 0.5, 0.5, 0.1])
    assert select_top(ids, scores, 2).tolist() == [1, 3]
    assert select_top(ids, scores, 3).tolist() == [1, 3, 7]
    assert select_top(ids, scores, 10).tolist() == [1, 3, 5, 7, 9]
