"""forbidden-variant: a target line uses a form the glossary rules out.

Reported kinds, all with a suggestion that keeps the occurrence's inflection and case:

* ``forbidden_variant`` – a listed forbidden term in any inflection ("Шехины" → "Шхины");
* ``wrong_inflection`` – an indeclinable word with an ending ("Малхуты" → "Малхут");
* ``local_plural`` – a local plural ending on a Hebrew plural ("Kelims", "парцуфы");
* ``wrong_case`` / ``wrong_accent`` (warnings) – a case-sensitive term in the wrong case
  ("творец" for "Творец") or an accent-sensitive one with other accents. These are only
  reported when the aligned source has the concept and the target has no correctly written
  occurrence of it, because "творец своей судьбы" is an ordinary word, not a misspelt term.
"""

from __future__ import annotations

from collections.abc import Iterator

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.terms import source_concepts, target_matches
from workbench.glossary.matcher import MatchKind, TermMatch

__all__ = ["ForbiddenVariantCheck"]

_KINDS = {
    MatchKind.FORBIDDEN: "forbidden_variant",
    MatchKind.WRONG_INFLECTION: "wrong_inflection",
    MatchKind.LOCAL_PLURAL: "local_plural",
}


@register
class ForbiddenVariantCheck(Check):
    id = "forbidden-variant"
    severity = "error"
    scope = "segment"
    description = (
        "A target line uses a forbidden variant of a glossary term, declines an indeclinable "
        "term or gives a Hebrew plural a local plural ending."
    )

    def applies(self, ctx: CheckContext) -> bool:
        return ctx.termbase is not None

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        matcher = ctx.matcher(ctx.tgt_lang)
        if matcher is None:
            return
        lines = target_matches(pair, ctx)
        correct = {
            m.concept_id
            for line in lines
            for m in line
            if m.kind == MatchKind.OK and not m.case_mismatch and not m.accent_mismatch
        }
        for index, matches in enumerate(lines):
            line_no = pair.tgt_lines[index] if index < len(pair.tgt_lines) else index
            for match in matches:
                kind = _KINDS.get(match.kind)
                severity = "error"
                if kind is None:
                    if match.concept_id in correct or match.concept_id not in source_concepts(
                        pair, ctx
                    ):
                        continue
                    if match.case_mismatch:
                        kind, severity = "wrong_case", "warning"
                    elif match.accent_mismatch:
                        kind, severity = "wrong_accent", "warning"
                    else:
                        continue
                suggestion = matcher.suggest(match)
                yield Finding(
                    check=self.id,
                    kind=kind,
                    severity=severity,  # type: ignore[arg-type]
                    message=_message(kind, match, suggestion),
                    concept_id=match.concept_id,
                    found=match.surface,
                    span=(match.start, match.end),
                    span_line=line_no,
                    suggestion=suggestion,
                    src_lines=pair.src_lines,
                    tgt_lines=pair.tgt_lines,
                    ref=pair.ref,
                    extra={"term": match.term.text},
                )


def _message(kind: str, match: TermMatch, suggestion: str) -> str:
    what = {
        "forbidden_variant": f"forbidden variant {match.term.text!r}",
        "wrong_inflection": f"{match.term.text!r} does not decline",
        "local_plural": "a Hebrew plural takes no local plural ending",
        "wrong_case": f"{match.term.text!r} is written with this letter case",
        "wrong_accent": f"{match.term.text!r} is written with these accents",
    }[kind]
    return f"{match.surface!r} ({match.concept_id}): {what}; write {suggestion!r}"
