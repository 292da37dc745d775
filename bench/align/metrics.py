"""Strict and lax precision, recall and F1 of sentence alignments.

The definitions are those of vecalign's ``score.py`` (after Sennrich & Volk's Bleualign
evaluation), which Bertalign's ``eval.py`` copies unchanged:

* precision counts every test link, insertions and deletions included, against the gold
  links (also with insertions and deletions); recall counts the gold links against the test
  links with insertions and deletions removed from both;
* **strict**: a link counts only if the identical link is in the other alignment;
* **lax**: a link also counts if it shares at least one source-target sentence pair with a
  link of the other alignment;
* counts are summed over all files of a set before dividing (micro average).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass
class Counts:
    """True/false positive counts, strict and lax, for precision and for recall."""

    p_tp_strict: int = 0
    p_fp_strict: int = 0
    p_tp_lax: int = 0
    p_fp_lax: int = 0
    r_tp_strict: int = 0
    r_fp_strict: int = 0
    r_tp_lax: int = 0
    r_fp_lax: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def scores(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / (a + b) if a + b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        ps = ratio(self.p_tp_strict, self.p_fp_strict)
        pl = ratio(self.p_tp_lax, self.p_fp_lax)
        rs = ratio(self.r_tp_strict, self.r_fp_strict)
        rl = ratio(self.r_tp_lax, self.r_fp_lax)
        return {
            "precision_strict": ps,
            "recall_strict": rs,
            "f1_strict": f1(ps, rs),
            "precision_lax": pl,
            "recall_lax": rl,
            "f1_lax": f1(pl, rl),
        }


def _precision(gold: Iterable[Pair], test: Iterable[Pair]) -> tuple[int, int, int, int]:
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    gold_targets: dict[int, set[int]] = defaultdict(set)
    for gs, gt in gold_set:
        for i in gs:
            gold_targets[i].update(gt)
    tp_s = fp_s = tp_l = fp_l = 0
    for ts, tt in test_set:
        if (ts, tt) in gold_set:
            tp_s += 1
            tp_l += 1
            continue
        fp_s += 1
        targets: set[int] = set()
        for i in ts:
            targets |= gold_targets[i]
        if set(tt) & targets:
            tp_l += 1
        else:
            fp_l += 1
    return tp_s, fp_s, tp_l, fp_l


def count(gold: Sequence[Pair], test: Sequence[Pair]) -> Counts:
    """Counts for one document pair."""
    p = _precision(gold, test)
    test_pairs = [(s, t) for s, t in test if s and t]
    gold_pairs = [(s, t) for s, t in gold if s and t]
    r = _precision(test_pairs, gold_pairs)
    return Counts(*p, *r)


def score(golds: Sequence[Sequence[Pair]], tests: Sequence[Sequence[Pair]]) -> dict[str, float]:
    """Micro-averaged strict/lax precision, recall and F1 over several documents."""
    total = Counts()
    for gold, test in zip(golds, tests, strict=True):
        total += count(gold, test)
    return total.scores()
