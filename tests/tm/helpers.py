"""Small deterministic corpora for the translation-memory tests."""

from __future__ import annotations

import random

from workbench.tm import MemoryEntry

SUBJECTS = [
    "the Creator",
    "the upper Light",
    "the vessel",
    "the screen",
    "the desire to receive",
    "the group",
    "the point in the heart",
    "the soul",
    "the correction",
    "the Machsom",
    "adhesion",
    "faith above reason",
    "the restriction",
    "the Reforming Light",
    "the ten",
]
VERBS = ["feel", "attain", "reveal", "correct", "understand", "build", "hold on to"]
FRAMES = [
    "What is the difference between {a} and {b}?",
    "How can I {v} {a} in {b}?",
    "Baal HaSulam writes that {a} is revealed only through {b}.",
    "Without {a} there is no {b}.",
    "Question: why does {a} hide from {b}?",
    "Lesson {n}, part {m}: {a} and {b}.",
    "The whole work is to {v} {a} above {b}.",
    "Only the group can help a person {v} {a}.",
]


def sentences(count: int, seed: int = 7) -> list[str]:
    """``count`` sentences in the corpus style, with repeats and near-repeats."""
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < count:
        a, b = rng.sample(SUBJECTS, 2)
        text = rng.choice(FRAMES).format(
            a=a, b=b, v=rng.choice(VERBS), n=rng.randint(1, 90), m=rng.randint(1, 9)
        )
        out.append(text[0].upper() + text[1:])
        if out and rng.random() < 0.2:
            words = out[-1].split()
            words.insert(rng.randrange(len(words)), rng.choice(["really", "then", "also"]))
            out.append(" ".join(words))
    return out[:count]


def entry(
    source: str,
    target: str = "перевод",
    *,
    status: str = "translated",
    origin: str = "doc",
    key: str | None = None,
    source_lang: str = "en",
    target_lang: str = "ru",
    **extra,
) -> MemoryEntry:
    return MemoryEntry(source, target, source_lang, target_lang, origin, status, key, **extra)
