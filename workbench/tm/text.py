"""Text helpers of the translation memory: normal forms, folding, word diff, placeables.

Three forms of a segment's text are used, from strictest to loosest:

* the *canonical* form (:func:`canonical`): NFC, whitespace runs collapsed to one space,
  ends stripped. Two entries are duplicates when their canonical source and target agree,
  and a lookup scores 100 only when the canonical texts are identical;
* the *key* (:func:`match_key`): the canonical form case-folded. Fuzzy scores are computed
  on keys, so a capital letter at the start of a sentence costs nothing;
* the *loose* form (:func:`loose_key`): the key with accents and marks removed and every
  run of punctuation and spaces reduced to one space. Texts whose loose forms agree differ
  only in case, accents, punctuation or spacing.

Folding (:func:`fold`) is what concordance searches in: case-folded, with combining marks
(accents, Hebrew points, the diaeresis of ``ё``) removed; :func:`fold_with_offsets` also
says where each folded character came from, so a hit is reported in the original text.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from typing import NamedTuple

_WORDS = re.compile(r"\w+")
# Words, runs of spaces, and single other characters: the units a diff is made of.
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Numbers, dates, times and ids: 12, 3.5, 1,000, 2024-05-01, 12:30, 219485, 1/2.
PLACEABLE = re.compile(r"(?<!\w)\d+(?:[.,:/\-]\d+)*(?!\w)")


def canonical(text: str) -> str:
    """NFC with whitespace runs collapsed and the ends stripped."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def match_key(text: str) -> str:
    """The form fuzzy scores are computed on: :func:`canonical`, case-folded."""
    return canonical(text).casefold()


class _FoldTable(dict):
    """``str.translate`` table that folds one character at a time, filled on demand."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code).casefold())
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Case-folded with combining marks removed: ``Sefirót`` and ``SEFIROT`` both give
    ``sefirot``, ``Ёсод`` gives ``есод``. The result may be longer or shorter than ``text``.
    """
    return text.translate(_FOLD)


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """:func:`fold` plus, for each folded character, the index in ``text`` it came from."""
    parts: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = _FOLD[ord(ch)]
        if folded:
            parts.append(folded)
            offsets.extend([index] * len(folded))
    return "".join(parts), offsets


def original_span(text: str, offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` that folded characters ``start:end`` came from, widened over
    combining marks that follow it (they were folded away but belong to the last letter).
    """
    first = offsets[start]
    last = offsets[end - 1] + 1
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order (letters, digits and underscores)."""
    return _WORDS.findall(fold(text))


def loose_key(text: str) -> str:
    """Folded words joined by single spaces: equal for texts that differ only in case,
    accents, punctuation and spacing. Empty for a text with no word at all."""
    return " ".join(words(text))


def tokens(text: str) -> list[str]:
    """Words, whitespace runs and single punctuation marks; joined they give ``text``."""
    return _TOKENS.findall(text)


class DiffSpan(NamedTuple):
    """One span of a word-level diff between a new source and a memory source.

    ``op`` is ``equal``, ``insert`` (in the new source only), ``delete`` (in the memory
    source only) or ``replace``. ``text`` is the span's text in the new source (empty for a
    delete) and ``old`` its text in the memory source (empty for an insert; equal to
    ``text`` for ``equal``). Joining every ``text`` gives the new source and joining every
    ``old`` the memory source, so a UI can mark either sentence.
    """

    op: str
    text: str
    old: str


def word_diff(new: str, old: str) -> list[DiffSpan]:
    """Word-level differences that turn ``old`` (the memory source) into ``new``.

    Tokens are compared exactly, so a change of case or punctuation shows. As in
    diff-match-patch's semantic cleanup, a short equal stretch between two changes (a space,
    or a word like "of") no longer than either of them is folded into one ``replace``, so a
    changed phrase reads as one span; an inserted or deleted phrase is slid to start at a
    word rather than at the space before it.
    """
    new_tokens = tokens(new)
    old_tokens = tokens(old)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    spans = [
        DiffSpan(tag, "".join(new_tokens[j1:j2]), "".join(old_tokens[i1:i2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]
    return _slide(_merge_short_equals(spans))


def _merge_short_equals(spans: list[DiffSpan]) -> list[DiffSpan]:
    merged: list[DiffSpan] = []
    for span in spans:
        if merged and span.op != "equal" and merged[-1].op != "equal":
            before = merged.pop()
            span = DiffSpan("replace", before.text + span.text, before.old + span.old)
        if (
            span.op != "equal"
            and len(merged) >= 2
            and merged[-1].op == "equal"
            and merged[-2].op != "equal"
        ):
            equal, before = merged[-1], merged[-2]
            size = len(equal.text)
            if size <= max(len(before.text), len(before.old)) and size <= max(
                len(span.text), len(span.old)
            ):
                del merged[-2:]
                span = DiffSpan(
                    "replace",
                    before.text + equal.text + span.text,
                    before.old + equal.old + span.old,
                )
        merged.append(span)
    return [_settle(span) for span in merged]


def _settle(span: DiffSpan) -> DiffSpan:
    """A merged change with one side empty is an insert or a delete, not a replace."""
    if span.op == "equal":
        return span
    if not span.old:
        return DiffSpan("insert", span.text, "")
    if not span.text:
        return DiffSpan("delete", "", span.old)
    return DiffSpan("replace", span.text, span.old)


def _slide(spans: list[DiffSpan]) -> list[DiffSpan]:
    """Move the leading space of an insert or delete to its end when the equal text after
    it starts with the same space: ``The| upper| Light`` becomes ``The |upper |Light``."""
    out = list(spans)
    for i in range(1, len(out) - 1):
        before, span, after = out[i - 1], out[i], out[i + 1]
        if span.op not in ("insert", "delete") or before.op != "equal" or after.op != "equal":
            continue
        changed = span.text or span.old
        lead = len(changed) - len(changed.lstrip())
        space = changed[:lead]
        if not lead or lead == len(changed) or not after.text.startswith(space):
            continue
        moved = changed[lead:] + space
        out[i - 1] = DiffSpan("equal", before.text + space, before.old + space)
        out[i] = DiffSpan(span.op, moved if span.text else "", moved if span.old else "")
        rest = after.text[lead:]
        out[i + 1] = DiffSpan("equal", rest, rest)
    return [span for span in out if span.text or span.old]


def placeables(text: str) -> list[str]:
    """Numbers, dates, times and ids in ``text``, in order."""
    return PLACEABLE.findall(text)


def placeable_changes(new: str, old: str) -> tuple[tuple[str, str], ...] | None:
    """If ``new`` differs from ``old`` only in numbers, the ``(old, new)`` pairs that changed.

    ``None`` when the texts differ in anything else (apart from case, accents, punctuation
    and spacing) or when no number changed.
    """
    new_numbers = placeables(new)
    old_numbers = placeables(old)
    if len(new_numbers) != len(old_numbers) or new_numbers == old_numbers:
        return None
    if loose_key(PLACEABLE.sub(" 0 ", new)) != loose_key(PLACEABLE.sub(" 0 ", old)):
        return None
    return tuple((o, n) for o, n in zip(old_numbers, new_numbers, strict=True) if o != n)


def adapt_numbers(target: str, changes: tuple[tuple[str, str], ...]) -> str | None:
    """``target`` with each changed number replaced, or ``None`` if that is not safe.

    Safe means every old number occurs exactly once in the target as a whole number and no
    two changes touch the same one; otherwise the translator has to look.
    """
    found: list[tuple[int, int, str]] = []
    for old, new in changes:
        hits = [m.span() for m in PLACEABLE.finditer(target) if m.group() == old]
        if len(hits) != 1:
            return None
        found.append((hits[0][0], hits[0][1], new))
    found.sort()
    for (_, end, _), (start, _, _) in itertools.pairwise(found):
        if start < end:
            return None
    parts: list[str] = []
    position = 0
    for start, end, new in found:
        parts.append(target[position:start])
        parts.append(new)
        position = end
    parts.append(target[position:])
    return "".join(parts)
