"""Optional similarity plugins: anything that can say how alike two spans are.

The aligner works without any model; a ``Scorer`` adds one more vote to the link score in
the final pass. The protocol is batch-shaped because models are: the aligner hands over
the distinct span texts of each side once and the candidate pairs as index pairs, and gets
one similarity in [-1, 1] per pair. The aligner turns similarities into log-ratios itself,
by comparing them with the similarities of random pairs of the same documents, so a scorer
need not be calibrated.

``EmbeddingScorer`` is the cosine of sentence embeddings from a local sentence-transformers
model. It never downloads anything: it needs the package installed and a path to a model
directory on disk, and says clearly which one is missing. Tests and other embedders plug
in through ``encoder``, any function from texts to a 2-D array.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

from workbench.errors import WorkbenchError

__all__ = ["EmbeddingScorer", "Scorer", "ScorerUnavailable", "cosine_pairs"]

Encoder = Callable[[Sequence[str]], np.ndarray]


class ScorerUnavailable(WorkbenchError):
    """A similarity plugin cannot run here: a package or a local model is missing."""


@runtime_checkable
class Scorer(Protocol):
    """Similarity of candidate span pairs.

    ``similarity(src_texts, tgt_texts, pairs)`` returns, for each row ``(s, t)`` of the
    integer array ``pairs``, the similarity of ``src_texts[s]`` and ``tgt_texts[t]``.
    ``name`` goes into the alignment signature, so it should name the model.
    """

    name: str

    def similarity(
        self, src_texts: Sequence[str], tgt_texts: Sequence[str], pairs: np.ndarray
    ) -> np.ndarray: ...


def cosine_pairs(src_vectors: np.ndarray, tgt_vectors: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    """Cosine similarity of ``src_vectors[s]`` and ``tgt_vectors[t]`` for each pair row."""
    src = np.asarray(src_vectors, dtype=np.float64)
    tgt = np.asarray(tgt_vectors, dtype=np.float64)
    src = src / np.maximum(np.linalg.norm(src, axis=1, keepdims=True), 1e-12)
    tgt = tgt / np.maximum(np.linalg.norm(tgt, axis=1, keepdims=True), 1e-12)
    if len(pairs) == 0:
        return np.zeros(0)
    return np.einsum("ij,ij->i", src[pairs[:, 0]], tgt[pairs[:, 1]])


def _load_sentence_transformer(model_path: Path, device: str) -> Encoder:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found]
    except ImportError as exc:
        raise ScorerUnavailable(
            "the embedding scorer needs the sentence-transformers package, which is not "
            "installed (pip install sentence-transformers), or give it an encoder function"
        ) from exc
    try:
        model = SentenceTransformer(str(model_path), device=device, local_files_only=True)
    except TypeError:  # older releases have no local_files_only
        model = SentenceTransformer(str(model_path), device=device)
    except Exception as exc:  # the package raises many kinds for a broken model folder
        raise ScorerUnavailable(f"cannot load the embedding model at {model_path}: {exc}") from exc

    def encode(texts: Sequence[str]) -> np.ndarray:
        return np.asarray(model.encode(list(texts), batch_size=64, show_progress_bar=False))

    return encode


class EmbeddingScorer:
    """Cosine similarity of sentence embeddings, from a local model or a given encoder.

    ``EmbeddingScorer("/models/LaBSE")`` loads sentence-transformers from that folder,
    offline; ``EmbeddingScorer(encoder=my_function, name="mine")`` uses any function that
    maps a list of texts to one vector per text. Embeddings are cached per text, since the
    same span is compared with many candidates.
    """

    def __init__(
        self,
        model_path: str | os.PathLike[str] | None = None,
        *,
        encoder: Encoder | None = None,
        name: str | None = None,
        device: str = "cpu",
    ) -> None:
        if encoder is None:
            if model_path is None:
                raise ScorerUnavailable(
                    "the embedding scorer needs a local model folder (model_path) or an encoder"
                )
            if importlib.util.find_spec("sentence_transformers") is None:
                raise ScorerUnavailable(
                    "the embedding scorer needs the sentence-transformers package, which is "
                    "not installed (pip install sentence-transformers), or give it an encoder "
                    "function"
                )
            path = Path(model_path)
            if not path.is_dir():
                raise ScorerUnavailable(
                    f"no embedding model at {path}: give the path of a model folder on disk "
                    "(models are never downloaded)"
                )
            self._encoder: Encoder | None = None
            self._path: Path | None = path
            self._device = device
            self.name = name or f"st:{path.name}"
            # Fail now, not in the middle of an alignment, if the package is missing.
            self._encoder = _load_sentence_transformer(path, device)
        else:
            self._encoder = encoder
            self._path = None
            self._device = device
            self.name = name or "custom"
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One vector per text, from the cache where possible."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            assert self._encoder is not None
            vectors = np.asarray(self._encoder(missing), dtype=np.float64)
            if vectors.ndim != 2 or len(vectors) != len(missing):
                raise ValueError("the encoder must return one vector per text")
            for text, vector in zip(missing, vectors, strict=True):
                self._cache[text] = vector
        return np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 1))

    def similarity(
        self, src_texts: Sequence[str], tgt_texts: Sequence[str], pairs: np.ndarray
    ) -> np.ndarray:
        if len(pairs) == 0:
            return np.zeros(0)
        return cosine_pairs(self.embed(src_texts), self.embed(tgt_texts), np.asarray(pairs))
