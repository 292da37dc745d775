"""Synthetic parallel documents of any size, for timing and memory figures.

Quality is measured on real gold alignments; these texts only need to *behave* like a
text and its translation, so the search has the work it would have on real input: a
source of sentences with realistic length spread (log-normal, 20-300 characters); a
target in another script where each word has its own fixed translation (90% of words
kept, a word or so added, order shuffled), so lengths vary as in real translation;
occasional splits (1-2), merges (2-1) and dropped sentences (1-0); and the anchors real
posts have (numbers, names spelt in another script) at realistic density. Seeded: the
same size gives the
same texts.
"""

from __future__ import annotations

import random

_TARGET_SYLLABLES = ["ur", "ek", "zy", "osh", "im", "ya", "vro", "ust", "gle", "ob", "iz", "chu"]
_SYLLABLES = [
    "ka",
    "ri",
    "to",
    "me",
    "sa",
    "lu",
    "no",
    "vi",
    "de",
    "ra",
    "pe",
    "ko",
    "mi",
    "ta",
    "su",
    "ne",
    "lo",
    "ba",
    "fi",
    "gu",
]
_CYR = dict(zip("abcdefghiklmnoprstuvyz", "абцдефгхиклмнопрстувыз", strict=True))
_NAMES = ["Laitman", "Rabash", "Malchut", "Bina", "Zohar", "Kabbalah", "Hochma", "Arvut"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(1, 4)))


def _translate(word: str) -> str:
    """The target-language word for a source word: fixed per word, unrelated in form.

    Real translations keep content, not spelling: "light" becomes "свет". So each source
    word maps to its own made-up Cyrillic word (seeded by the word), which gives the learnt
    word list something to learn and cognate keys nothing to match by accident.
    """
    local = random.Random(word)
    made_up = "".join(local.choice(_TARGET_SYLLABLES) for _ in range(local.randint(1, 4)))
    return _cyrillic(made_up)


def _cyrillic(word: str) -> str:
    return "".join(_CYR.get(ch, ch) for ch in word.lower()).capitalize()


def _words(rng: random.Random, chars: int) -> list[str]:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < chars:
        words.append(_word(rng))
    return words


def _join(words: list[str], anchors: list[str], end: str) -> str:
    out = words + anchors
    return " ".join(out).capitalize() + end


Pair = tuple[tuple[int, ...], tuple[int, ...]]


def parallel(size: int, seed: int = 1) -> tuple[list[str], list[str], list[Pair]]:
    """``size`` source sentences, their synthetic translation and the gold links."""
    rng = random.Random(seed)
    src: list[str] = []
    tgt: list[str] = []
    gold: list[Pair] = []
    for i in range(size):
        chars = int(min(300, max(20, rng.lognormvariate(4.2, 0.6))))
        anchors: list[str] = []
        if rng.random() < 0.15:
            anchors.append(str(rng.randint(1, 99999)))
        if rng.random() < 0.2:
            anchors.append(rng.choice(_NAMES))
        words = _words(rng, chars)
        end = rng.choice([".", ".", ".", "?", "!"])
        src.append(_join(words, anchors, end))
        translated = [_translate(w) for w in words if rng.random() < 0.9]
        # Target words run longer; a few words are added in translation.
        translated += [_translate(_word(rng)) for _ in range(max(0, int(rng.gauss(1, 1))))]
        rng.shuffle(translated)
        t_anchors = [_cyrillic(a) if not a.isdigit() else a for a in anchors]
        kind = rng.random()
        if kind < 0.02:
            gold.append(((i,), ()))  # dropped by the translator
        elif kind < 0.07 and len(translated) > 6:
            half = len(translated) // 2
            tgt.append(_join(translated[:half], t_anchors, "."))
            tgt.append(_join(translated[half:], [], end))
            gold.append(((i,), (len(tgt) - 2, len(tgt) - 1)))
        elif kind < 0.12 and gold and len(gold[-1][0]) == 1 and len(gold[-1][1]) == 1:
            tgt[-1] = tgt[-1][:-1] + ", " + _join(translated, t_anchors, end).lower()
            gold[-1] = ((i - 1, i), gold[-1][1])
        else:
            tgt.append(_join(translated, t_anchors, end))
            gold.append(((i,), (len(tgt) - 1,)))
    return src, tgt, gold
