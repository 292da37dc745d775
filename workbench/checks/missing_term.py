"""missing-term: the source has a concept, the aligned target renders it nowhere.

Presence, not counts, by default: a translator may replace the second "Zeir Anpin" of a
sentence by "он", so "two in the source, one in the target" is usually fine. With the
option ``count_occurrences`` the check also reports ``fewer_occurrences`` (a warning) when
the target has fewer renderings than the source has occurrences.

Allowed one-word variants that are ordinary words, glosses or pronouns ("vessel",
"giving", "congress", "His") do not by themselves require the concept: they mostly occur in
their everyday sense (option ``weak_source_variants`` makes them count). Nor do a
lower-case term written capitalised inside a proper name ("the Geneva Convention") and a
case-sensitive term written in another case ("I heard" is not the title "I Heard").

The source is read with longest-match-wins, so "Lo Lishma" requires "ло лишма" and not
also "лишма". The target is read generously: any reading of the concept counts, nested
ones included ("Малхут мира Бесконечности" renders Malchut even though the longer allowed
term of Ein Sof covers it) unless the longer term renders a concept the source requires
too ("ло лишма" does not also render a separate "Lishma" of the source), and a forbidden
or misspelt rendering counts as present because the forbidden-variant check already
reports it. Pairs whose target is empty or absent (an untranslated line, a deletion link
``[4]:[]``) are left to other checks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.terms import source_concepts, source_matches, target_all, target_matches
from workbench.glossary.termbase import TermStatus

__all__ = ["MissingTermCheck"]


@register
class MissingTermCheck(Check):
    id = "missing-term"
    severity = "error"
    scope = "segment"
    description = (
        "A glossary concept occurs in the source but neither its preferred nor an allowed "
        "rendering occurs in the aligned target."
    )

    def applies(self, ctx: CheckContext) -> bool:
        return ctx.termbase is not None

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.termbase is None or not any(text.strip() for text in pair.tgt):
            return
        wanted = source_concepts(pair, ctx)
        if not wanted:
            return
        present = _supply(pair, ctx, set(wanted))
        counting = bool(ctx.options.get("count_occurrences", False))
        for concept_id, count in wanted.items():
            concept = ctx.termbase.get(concept_id)
            if concept is None:
                continue
            preferred = concept.preferred(ctx.tgt_lang)
            if preferred is None:
                continue  # the glossary has no rendering to require in this language
            have = present.get(concept_id, 0)
            if have and not (counting and have < count):
                continue
            src_line, src_match = _first_source(pair, ctx, concept_id)
            kind = "missing_term" if not have else "fewer_occurrences"
            if kind == "missing_term":
                message = (
                    f"source has {src_match or concept_id!r} ({concept_id}) but the target "
                    f"renders it nowhere; expected {preferred.text!r}"
                    + _allowed_note(concept.terms_for(ctx.tgt_lang), preferred.text)
                )
            else:
                message = f"{concept_id}: {count} in the source, {have} in the target"
            yield Finding(
                check=self.id,
                kind=kind,
                severity="error" if kind == "missing_term" else "warning",
                message=message,
                concept_id=concept_id,
                found=None,
                suggestion=preferred.text,
                src_lines=pair.src_lines,
                tgt_lines=pair.tgt_lines,
                ref=pair.ref,
                extra={"source_found": src_match, "source_line": src_line, "source_count": count},
            )


def _supply(pair: SegmentPair, ctx: CheckContext, required: set[str]) -> Counter[str]:
    """How many renderings of each concept the target offers.

    Every term written in the target counts for its concept. A reading nested inside a
    longer term counts too ("Малхут" inside "Малхут мира Бесконечности"), unless the longer
    term is the preferred name of a concept the source requires itself: then the nested
    word belongs to that name ("лишма" inside "ло лишма" does not also render a separate
    Lishma of the source). An allowed variant is a phrase, and its parts keep their own
    meaning, as on the source side (``source_concepts``).
    """
    supply: Counter[str] = Counter()
    for selected, readings in zip(target_matches(pair, ctx), target_all(pair, ctx), strict=True):
        chosen = {(m.concept_id, m.start, m.end) for m in selected}
        seen: set[tuple[str, int, int]] = set()
        for match in selected:
            supply[match.concept_id] += 1
        for reading in readings:
            key = (reading.concept_id, reading.start, reading.end)
            if key in chosen or key in seen:
                continue
            seen.add(key)
            outer = next(
                (m for m in selected if m.start <= reading.start and reading.end <= m.end), None
            )
            if (
                outer is not None
                and outer.concept_id in required
                and outer.term.status == TermStatus.PREFERRED
            ):
                continue
            supply[reading.concept_id] += 1
    return supply


def _first_source(pair: SegmentPair, ctx: CheckContext, concept_id: str) -> tuple[int | None, str]:
    for index, line in enumerate(source_matches(pair, ctx)):
        for match in line:
            if match.concept_id == concept_id:
                number = pair.src_lines[index] if index < len(pair.src_lines) else index
                return number, match.surface
    return None, ""


def _allowed_note(terms: tuple, preferred: str) -> str:  # type: ignore[type-arg]
    allowed = [t.text for t in terms if t.status == "allowed" and t.text != preferred]
    if not allowed:
        return ""
    shown = ", ".join(repr(a) for a in allowed[:5])
    return f" (or {shown}{', …' if len(allowed) > 5 else ''})"
