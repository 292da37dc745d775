"""inconsistent-translation: one source text translated in several ways across the corpus.

Posts repeat themselves: the same boilerplate, the same quotation ("All of Israel are
responsible for one another"), the same question asked twice. A reader who meets two
versions of one sentence wonders whether they mean different things, and a translation
memory fed with both learns nothing. Texts are compared loosely (whitespace, case,
"..." / "…" and apostrophes, see ``qa_common.normalise``), so only real wording differences
count.

Kinds (both warnings):

* ``inconsistent-translation`` – the same source has two or more different targets; the
  finding lists every variant with its count and lines, and suggests the most frequent one
  when one variant is clearly the most frequent;
* ``same-target`` – the reverse: different sources share one target. Often legitimate
  (a language merges two English phrasings), so it is off unless
  ``ctx.options["inconsistent_reverse"]`` is true, and only targets of at least three words
  are compared.

Pairs with an empty side and sources without letters (post ids, numbers) are left out:
the numbers check looks after them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import normalise, words

__all__ = ["InconsistentTranslationCheck"]

_MAX_LINES = 50


@dataclass
class _Variant:
    text: str
    count: int = 0
    src_lines: list[int] = field(default_factory=list)
    tgt_lines: list[int] = field(default_factory=list)
    refs: list[Any] = field(default_factory=list)

    def add(self, pair: SegmentPair) -> None:
        self.count += 1
        if len(self.tgt_lines) < _MAX_LINES:
            self.src_lines.extend(pair.src_lines)
            self.tgt_lines.extend(pair.tgt_lines)
            if pair.ref is not None and pair.ref not in self.refs:
                self.refs.append(pair.ref)


@dataclass
class _State:
    by_source: dict[str, dict[str, _Variant]] = field(default_factory=dict)
    source_text: dict[str, str] = field(default_factory=dict)
    by_target: dict[str, dict[str, _Variant]] = field(default_factory=dict)
    target_text: dict[str, str] = field(default_factory=dict)


def _join(texts: tuple[str, ...]) -> str:
    return " ".join(t.strip() for t in texts if t.strip())


def _listing(variants: list[_Variant]) -> str:
    return ", ".join(f"{v.text!r} ×{v.count}" for v in variants)


@register
class InconsistentTranslationCheck(Check):
    id = "inconsistent-translation"
    severity = "warning"
    scope = "corpus"
    description = (
        "Warning: the same source text (ignoring whitespace and case) is translated in "
        "different ways across the corpus; optionally, different sources share one target."
    )

    def start(self, ctx: CheckContext) -> _State:
        return _State()

    def observe(self, state: _State, pair: SegmentPair, ctx: CheckContext) -> None:
        source, target = _join(pair.src), _join(pair.tgt)
        if not source or not target or not any(ch.isalpha() for ch in source):
            return
        skey, tkey = normalise(source), normalise(target)
        state.source_text.setdefault(skey, source)
        state.by_source.setdefault(skey, {}).setdefault(tkey, _Variant(target)).add(pair)
        if ctx.options.get("inconsistent_reverse", False) and len(words(target)) >= 3:
            state.target_text.setdefault(tkey, target)
            state.by_target.setdefault(tkey, {}).setdefault(skey, _Variant(source)).add(pair)

    def finish(self, state: _State, ctx: CheckContext) -> Iterator[Finding]:
        for skey, variants in state.by_source.items():
            if len(variants) < 2:
                continue
            ranked = sorted(variants.values(), key=lambda v: (-v.count, v.text))
            clear = ranked[0].count > ranked[1].count
            source = state.source_text[skey]
            yield Finding(
                check=self.id,
                kind="inconsistent-translation",
                severity="warning",
                message=(f"{source!r} is translated {len(ranked)} ways: {_listing(ranked)}"),
                found=source,
                suggestion=ranked[0].text if clear else None,
                src_lines=tuple(sorted({n for v in ranked for n in v.src_lines})),
                tgt_lines=tuple(sorted({n for v in ranked[1:] for n in v.tgt_lines})),
                extra={"source": source, "variants": [_record(v) for v in ranked]},
            )
        for tkey, sources in state.by_target.items():
            if len(sources) < 2:
                continue
            ranked = sorted(sources.values(), key=lambda v: (-v.count, v.text))
            target = state.target_text[tkey]
            yield Finding(
                check=self.id,
                kind="same-target",
                severity="warning",
                message=(
                    f"{len(ranked)} different sources are all translated {target!r}: "
                    f"{_listing(ranked)}"
                ),
                found=target,
                src_lines=tuple(sorted({n for v in ranked for n in v.src_lines})),
                tgt_lines=tuple(sorted({n for v in ranked for n in v.tgt_lines})),
                extra={"target": target, "sources": [_record(v) for v in ranked]},
            )


def _record(variant: _Variant) -> dict[str, Any]:
    return {
        "text": variant.text,
        "count": variant.count,
        "src_lines": list(variant.src_lines),
        "tgt_lines": list(variant.tgt_lines),
        "refs": list(variant.refs),
    }
