"""inconsistent-rendering: one concept written several accepted ways across the corpus.

Both "Зеир Анпин" and "ЗА" may be allowed, yet a text that mixes them reads as careless, and
laitman.de mixing "Rabash" and "Rabasch" is exactly the noise a team wants to see. Forms
that are only inflections, re-casings or quotings of one term count as that term ("Зеир
Анпина" is "Зеир Анпин"), so only real alternatives are compared. One finding per concept
lists every rendering with its count and the target lines of the less frequent ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.terms import target_matches
from workbench.glossary.matcher import MatchKind

__all__ = ["InconsistentRenderingCheck"]


@dataclass
class _State:
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    lines: dict[tuple[str, str], list[int]] = field(default_factory=dict)


@register
class InconsistentRenderingCheck(Check):
    id = "inconsistent-rendering"
    severity = "warning"
    scope = "corpus"
    description = (
        "A concept is rendered in several allowed ways in the target language across the corpus."
    )

    def applies(self, ctx: CheckContext) -> bool:
        return ctx.termbase is not None

    def start(self, ctx: CheckContext) -> _State:
        return _State()

    def observe(self, state: _State, pair: SegmentPair, ctx: CheckContext) -> None:
        for index, matches in enumerate(target_matches(pair, ctx)):
            line_no = pair.tgt_lines[index] if index < len(pair.tgt_lines) else index
            for match in matches:
                if match.kind != MatchKind.OK or match.case_mismatch or match.accent_mismatch:
                    continue
                rendering = match.rendering or match.term.text
                state.counts.setdefault(match.concept_id, Counter())[rendering] += 1
                seen = state.lines.setdefault((match.concept_id, rendering), [])
                if len(seen) < 50 and (not seen or seen[-1] != line_no):
                    seen.append(line_no)

    def finish(self, state: _State, ctx: CheckContext) -> Iterator[Finding]:
        for concept_id in sorted(state.counts):
            counts = state.counts[concept_id]
            if len(counts) < 2:
                continue
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            listing = ", ".join(f"{text!r} ×{count}" for text, count in ranked)
            concept = ctx.termbase.get(concept_id) if ctx.termbase else None
            preferred = concept.preferred(ctx.tgt_lang) if concept else None
            minority = sorted(
                {line for text, _c in ranked[1:] for line in state.lines[(concept_id, text)]}
            )
            yield Finding(
                check=self.id,
                kind="inconsistent_rendering",
                severity="warning",
                message=f"{concept_id} is rendered {len(ranked)} ways: {listing}",
                concept_id=concept_id,
                found=listing,
                suggestion=preferred.text if preferred else ranked[0][0],
                tgt_lines=tuple(minority),
                extra={
                    "renderings": [
                        {"text": text, "count": count, "lines": state.lines[(concept_id, text)]}
                        for text, count in ranked
                    ]
                },
            )
