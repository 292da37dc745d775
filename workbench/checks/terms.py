"""Term analysis shared by the glossary checks, computed once per pair.

The forbidden-variant and missing-term checks both need the terms found in the target
line(s), and both need the concepts of the source; ``CheckContext.memo`` keeps them for the
pair so each line is matched once per side however many checks run.
"""

from __future__ import annotations

from collections import Counter

from workbench.checks.base import CheckContext, SegmentPair
from workbench.glossary.matcher import MatchKind, TermMatch
from workbench.glossary.normalize import is_all_caps, tokenize
from workbench.glossary.termbase import TermStatus

__all__ = [
    "in_proper_name",
    "is_weak",
    "source_all",
    "source_concepts",
    "source_matches",
    "target_all",
    "target_matches",
]


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


def source_all(pair: SegmentPair, ctx: CheckContext) -> list[list[TermMatch]]:
    """Per source line, every concept reading, nested ones included."""
    matcher = ctx.matcher(ctx.src_lang)
    if matcher is None:
        return [[] for _ in pair.src]
    return ctx.memo(("src-all", ctx.src_lang), lambda: [matcher.find_all(t) for t in pair.src])


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


def _capitalised(surface: str) -> bool:
    return surface[:1].isupper() and not is_all_caps(surface)


def in_proper_name(match: TermMatch, text: str) -> bool:
    """Whether a lower-case term occurs capitalised inside a proper name of ``text``.

    The glossary writes common nouns in lower case ("convention", "конгресс"). Written
    with a capital letter inside a sentence, next to another capitalised word that does
    not start the sentence either ("the Geneva Convention", "Convention Center"), the word
    is part of a name: it names that thing, not the concept, and the name is translated
    by its own convention ("Женевская конвенция"). A capital at the start of a sentence
    or in an all-capitals text says nothing, so those occurrences still count.
    """
    term = match.term.text
    if not match.surface[:1].isupper() or term.lower() != term or is_all_caps(match.surface):
        return False
    tokens = tokenize(text)
    first = next((i for i, t in enumerate(tokens) if t.start == match.start), None)
    last = next((i for i, t in enumerate(tokens) if t.end >= match.end), None)
    if first is None or last is None or tokens[first].initial:
        return False
    neighbours = []
    if first > 0 and tokens[first].sep == " ":
        neighbours.append(tokens[first - 1])
    if last + 1 < len(tokens) and tokens[last + 1].sep == " ":
        neighbours.append(tokens[last + 1])
    return any(_capitalised(t.surface) and not t.initial for t in neighbours)


def source_concepts(pair: SegmentPair, ctx: CheckContext) -> Counter[str]:
    """How often each concept occurs in the source of the pair.

    A case-mismatched occurrence of a case-sensitive term ("creator" for "Creator") is the
    ordinary word, not the concept, so it does not count; nor does a lower-case term
    written capitalised inside a proper name ("the Geneva Convention", see
    ``in_proper_name``), nor a weak variant (see ``is_weak``) unless the option
    ``weak_source_variants`` is set. Longest match wins here, so
    "Lo Lishma" counts as Lo Lishma only and does not also require Lishma.

    One exception: a term nested inside an *allowed variant* of another concept counts too.
    A preferred multi-word term is a name of its own ("Lo Lishma"), but an allowed variant
    such as "Malchut of the world of Infinity" (for Malchut) is a phrase that also names
    the world of Infinity, and a translation dropping that part has lost a term.
    """

    def counts_as_concept(match: TermMatch, weak_too: bool, text: str) -> bool:
        if match.kind == MatchKind.OK and match.case_mismatch:
            return False
        if match.kind == MatchKind.OK and in_proper_name(match, text):
            return False
        return weak_too or not is_weak(match)

    def compute() -> Counter[str]:
        counts: Counter[str] = Counter()
        weak_too = bool(ctx.options.get("weak_source_variants", False))
        for text, selected, readings in zip(
            pair.src, source_matches(pair, ctx), source_all(pair, ctx), strict=True
        ):
            chosen = {(m.concept_id, m.start, m.end) for m in selected}
            for match in selected:
                if counts_as_concept(match, weak_too, text):
                    counts[match.concept_id] += 1
            nested: set[tuple[str, int]] = set()
            for reading in readings:
                if (reading.concept_id, reading.start, reading.end) in chosen:
                    continue
                outer = next(
                    (m for m in selected if m.start <= reading.start and reading.end <= m.end),
                    None,
                )
                if (
                    outer is None
                    or outer.term.status != TermStatus.ALLOWED
                    or outer.concept_id == reading.concept_id
                    or reading.kind != MatchKind.OK
                    or (reading.concept_id, outer.start) in nested
                    or not counts_as_concept(reading, weak_too, text)
                ):
                    continue
                nested.add((reading.concept_id, outer.start))
                counts[reading.concept_id] += 1
        return counts

    return ctx.memo(("src-concepts", ctx.src_lang), compute)
