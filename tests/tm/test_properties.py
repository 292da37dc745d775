"""Properties: a source always finds itself, and nothing a user can type breaks a lookup."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tm.helpers import entry
from workbench.tm import EXACT, TranslationMemory, word_diff
from workbench.tm.text import canonical, fold

# Any text, lone surrogates included (they can reach Python from a broken file).
ANY_TEXT = st.text(
    alphabet=st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=80
)
# Text in the corpus' scripts, with accents, punctuation, digits and odd spacing.
CORPUS_TEXT = st.text(
    alphabet=st.sampled_from(
        [*"abcdeéèfgHIJ ёЁжзСВЕТ שלוםאור 0123 .,;:!?«»-—'\t\n", "\u0301", "\u05b8"]
    ),
    max_size=60,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(CORPUS_TEXT, max_size=12), CORPUS_TEXT)
def test_a_source_added_is_found_exactly_by_its_own_text(others: list[str], text: str) -> None:
    memory = TranslationMemory(entry(other, f"t{i}") for i, other in enumerate(others))
    added = memory.add(entry(text, "the translation", key="mine"))
    assert added == bool(canonical(text))
    matches = memory.lookup(text, "en", "ru")
    if not added:
        assert matches == [] or all(m.entry.key != "mine" for m in matches)
        return
    assert matches[0].score == EXACT
    assert any(m.entry.key == "mine" and m.score == EXACT for m in matches)
    assert all(canonical(m.entry.source) == canonical(text) for m in matches if m.exact)


@SETTINGS
@given(st.lists(ANY_TEXT, max_size=8), ANY_TEXT, ANY_TEXT, st.floats(0, 100))
def test_lookup_and_concordance_never_raise(
    stored: list[str], query: str, lang: str, min_score: float
) -> None:
    memory = TranslationMemory(entry(s, s or "x", key=str(i)) for i, s in enumerate(stored))
    for matches in (
        memory.lookup(query, "en", "ru", min_score=min_score),
        memory.lookup(query, lang, lang),
    ):
        assert all(min_score <= m.score <= EXACT for m in matches[:1])
        for match in matches:
            assert "".join(s.text for s in match.diff) == query
    memory.concordance(query, "en")
    memory.concordance(query, lang, side="target")
    memory.similar_sources(query, "en", "ru")


@SETTINGS
@given(ANY_TEXT, ANY_TEXT)
def test_diff_gives_back_both_texts(new: str, old: str) -> None:
    spans = word_diff(new, old)
    assert "".join(s.text for s in spans) == new
    assert "".join(s.old for s in spans) == old
    for span in spans:
        assert span.op in {"equal", "insert", "delete", "replace"}
        assert (span.op == "equal") == (span.text == span.old)
        assert span.text or span.old


@SETTINGS
@given(st.lists(CORPUS_TEXT, min_size=1, max_size=8), st.data())
def test_every_word_of_a_source_is_found_by_concordance(texts: list[str], data) -> None:
    memory = TranslationMemory(entry(t, "перевод", key=str(i)) for i, t in enumerate(texts))
    stored = [i for i, t in enumerate(texts) if canonical(t)]
    if not stored:
        return
    chosen = data.draw(st.sampled_from(stored))
    words = re.findall(r"\w+", fold(texts[chosen]))
    if not words:
        return
    word = data.draw(st.sampled_from(words))
    hits = memory.concordance(word, "en", side="source", limit=1000)
    # Identical pairs are one record, shown through its first entry.
    assert canonical(texts[chosen]) in {canonical(h.entry.source) for h in hits}
    for hit in hits:
        for start, end in hit.spans:
            assert re.sub(r"\W+", "", fold(hit.text[start:end])) == word
