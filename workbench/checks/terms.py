"""Term analysis shared by the glossary checks, computed once per pair.

The forbidden-variant and missing-term checks both need the terms found in the target
line(s), and both need the concepts of the source; ``CheckContext.memo`` keeps them for the
pair so each line is matched once per side however many checks run.
"""

from __future__ import annotations

from collections import Counter

from workbench.checks.base import CheckContext, SegmentPair
from workbench.glossary.matcher import MatchKind, TermMatch
from workbench.glossary.normalize import is_all_caps
from workbench.glossary.termbase import TermStatus

__all__ = ["is_weak", "source_concepts", "source_matches", "target_all", "target_matches"]


def target_matches(pair: SegmentPair, ctx: CheckContext) -> list[list[TermMatch]]:
    """Per target line, the terms written there (``TermMatcher.find``)."""
    matcher = ctx.matcher(ctx.tgt_lang)
    if matcher is None:
        return [[] for _ in pair.tgt]
    return ctx.memo(("tgt-find", ctx.tgt_lang), lambda: [matcher.find(t) for t in pair.tgt])


def target_all(pair: SegmentPair, ctx: CheckContext) -> list[list[TermMatch]]:
    """Per target line, every concept reading, nested ones included (``find_all``)."""
    matcher = ctx.matcher(ctx.tgt_lang)
    if matcher is None:
        return [[] for _ in pair.tgt]
    return ctx.memo(("tgt-all", ctx.tgt_lang), lambda: [matcher.find_all(t) for t in pair.tgt])


def source_matches(pair: SegmentPair, ctx: CheckContext) -> list[list[TermMatch]]:
    """Per source line, the terms written there."""
    matcher = ctx.matcher(ctx.src_lang)
    if matcher is None:
        return [[] for _ in pair.src]
    return ctx.memo(("src-find", ctx.src_lang), lambda: [matcher.find(t) for t in pair.src])


def is_weak(match: TermMatch) -> bool:
    """Whether a source occurrence is too ambiguous to require the concept in the target.

    Allowed one-word variants that are ordinary words, glosses or pronouns ("vessel",
    "screen", "giving", "congress", "His") mostly occur in their everyday sense ("giving
    up", "on the screen"), so they do not by themselves demand the term in the
    translation. Weak are: an allowed variant of one word that is all lower case, or of at
    most three letters and not an abbreviation in capitals ("ZA" stays strong). Preferred
    terms and multi-word variants are always strong.
    """
    term = match.term
    if term.status != TermStatus.ALLOWED or len(match.words) != 1:
        return False
    word = match.words[0].term_word or term.text
    letters = [ch for ch in word if ch.isalpha()]
    if letters and all(ch.islower() for ch in letters if ch.lower() != ch.upper()):
        return True
    return len(letters) <= 3 and not is_all_caps(word)


def source_concepts(pair: SegmentPair, ctx: CheckContext) -> Counter[str]:
    """How often each concept occurs in the source of the pair.

    A case-mismatched occurrence of a case-sensitive term ("creator" for "Creator") is the
    ordinary word, not the concept, so it does not count; nor does a weak variant (see
    ``is_weak``) unless the option ``weak_source_variants`` is set. Longest match wins here, so
    "Lo Lishma" counts as Lo Lishma only and does not also require Lishma.
    """

    def compute() -> Counter[str]:
        counts: Counter[str] = Counter()
        weak_too = bool(ctx.options.get("weak_source_variants", False))
        for line in source_matches(pair, ctx):
            for match in line:
                if match.kind == MatchKind.OK and match.case_mismatch:
                    continue
                if not weak_too and is_weak(match):
                    continue
                counts[match.concept_id] += 1
        return counts

    return ctx.memo(("src-concepts", ctx.src_lang), compute)
