"""Similarity plugins: a fake embedder changes the result; a missing model says so clearly."""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.align.test_align_examples import in_context
from workbench.align import EmbeddingScorer, Scorer, ScorerUnavailable, align, cosine_pairs
from workbench.errors import WorkbenchError

TOPICS = {
    "light": 0,
    "свет": 0,
    "screen": 1,
    "экран": 1,
    "friends": 2,
    "друзья": 2,
    "path": 3,
    "путь": 3,
    "garden": 4,
    "сад": 4,
}


def topic_vectors(texts: Sequence[str]) -> np.ndarray:
    """A stand-in for a multilingual model: one dimension per topic, in either language."""
    out = np.full((len(texts), 6), 0.05)
    for row, text in enumerate(texts):
        for word in text.lower().replace(".", " ").replace(",", " ").split():
            if word in TOPICS:
                out[row, TOPICS[word]] += 1.0
    return out


# The translator skipped the second sentence and added one of their own at the end, so the
# lengths still pair the sentences one to one, each with the wrong partner.
EN = [
    "The light fills the whole vessel.",
    "The screen stands before it.",
    "The friends sit in a circle.",
    "The path ahead is long.",
]
RU = [
    "Свет наполняет весь сосуд.",
    "Друзья сидят в кругу.",
    "Путь впереди долог.",
    "За окном цветет сад.",
]


def test_a_fake_embedder_fixes_what_length_cannot_see() -> None:
    scorer = EmbeddingScorer(encoder=topic_vectors, name="fake-topics")
    assert isinstance(scorer, Scorer)
    without = in_context(EN, RU, "ru")
    with_scorer = in_context(EN, RU, "ru", scorers=[scorer])
    right = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,)), ((), (3,))]
    assert without != right
    assert with_scorer == right


def test_scorer_name_is_in_the_signature_and_embeddings_are_cached() -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return topic_vectors(texts)

    scorer = EmbeddingScorer(encoder=counting, name="fake-topics")
    result = align(EN, RU, "en", "ru", scorers=[scorer])
    assert result.signature.endswith("|emb:fake-topics")
    encoded = sum(calls)
    scorer.similarity(EN, RU, np.array([[0, 0], [2, 1]]))
    assert sum(calls) == encoded  # every text was embedded once already


def test_cosine_pairs() -> None:
    src = np.array([[1.0, 0.0], [0.0, 2.0]])
    tgt = np.array([[3.0, 0.0], [1.0, 1.0]])
    got = cosine_pairs(src, tgt, np.array([[0, 0], [1, 0], [1, 1]]))
    assert np.allclose(got, [1.0, 0.0, np.sqrt(0.5)])


def test_a_scorer_must_return_one_value_per_pair() -> None:
    class Broken:
        name = "broken"

        def similarity(
            self, src_texts: Sequence[str], tgt_texts: Sequence[str], pairs: np.ndarray
        ) -> np.ndarray:
            return np.zeros(1)

    with pytest.raises(ValueError, match="one similarity per pair"):
        align(EN, RU, "en", "ru", scorers=[Broken()])


def test_missing_sentence_transformers_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def hide(name: str, *args: object) -> object:
        return None if name == "sentence_transformers" else real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", hide)
    with pytest.raises(ScorerUnavailable, match="sentence-transformers package") as caught:
        EmbeddingScorer(tmp_path)
    assert isinstance(caught.value, WorkbenchError)


def test_a_missing_model_folder_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec

    def pretend(name: str, *args: object) -> object:
        if name == "sentence_transformers":
            return object()
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(importlib.util, "find_spec", pretend)
    with pytest.raises(ScorerUnavailable, match=r"no embedding model at .*never downloaded"):
        EmbeddingScorer(tmp_path / "LaBSE")


def test_no_model_and_no_encoder_is_refused() -> None:
    with pytest.raises(ScorerUnavailable):
        EmbeddingScorer()


def test_the_installed_package_question_is_answered_honestly(tmp_path: Path) -> None:
    """Here, without sentence-transformers installed, a real folder still cannot load."""
    if importlib.util.find_spec("sentence_transformers") is not None:
        pytest.skip("sentence-transformers is installed; the missing-package path is not real")
    with pytest.raises(ScorerUnavailable, match="pip install sentence-transformers"):
        EmbeddingScorer(tmp_path)
