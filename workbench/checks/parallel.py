"""The pure entry point for checking a parallel text: lines, languages, optional alignment.

``workbench check --glossary FILE --src-lang L1 --tgt-lang L2 SRC TGT [--alignment FILE]``
reads the files and calls ``check_parallel``; ``finding_to_json`` gives the JSON Lines
record. Without links, line ``i`` of the source is aligned with line ``i`` of the target.
With links (vecalign notation, ``workbench.formats.vecalign``), each link is one pair:
``[1, 2]:[3]`` checks source lines 1 and 2 together against target line 3, and a finding in
a link with several target lines carries all of them in ``tgt_lines`` and the one line its
``span`` is in as ``span_line``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, run_checks
from workbench.errors import InputError
from workbench.glossary.termbase import Termbase

__all__ = ["Link", "check_parallel", "finding_to_json", "pairs_from_links"]

Link = tuple[tuple[int, ...], tuple[int, ...]]


def pairs_from_links(
    src_lines: Sequence[str], tgt_lines: Sequence[str], links: Iterable[Link] | None
) -> list[SegmentPair]:
    """The aligned pairs; ``InputError`` when a link names a line that does not exist."""
    if links is None:
        if len(src_lines) != len(tgt_lines):
            raise InputError(
                f"the source has {len(src_lines)} lines and the target {len(tgt_lines)}; "
                "line-by-line checking needs equal counts (give an alignment file)"
            )
        return [
            SegmentPair(src=(s,), tgt=(t,), src_lines=(i,), tgt_lines=(i,))
            for i, (s, t) in enumerate(zip(src_lines, tgt_lines, strict=True))
            if s.strip() or t.strip()
        ]
    pairs = []
    for number, (src, tgt) in enumerate(links, start=1):
        for side, indices, lines in (("source", src, src_lines), ("target", tgt, tgt_lines)):
            for index in indices:
                if not 0 <= index < len(lines):
                    raise InputError(
                        f"alignment link {number} names {side} line {index}, but the {side} "
                        f"has {len(lines)} lines (numbered from 0)",
                        line=number,
                    )
        pairs.append(
            SegmentPair(
                src=tuple(src_lines[i] for i in src),
                tgt=tuple(tgt_lines[i] for i in tgt),
                src_lines=tuple(src),
                tgt_lines=tuple(tgt),
            )
        )
    return pairs


def check_parallel(
    termbase: Termbase,
    src_lang: str,
    tgt_lang: str,
    src_lines: list[str],
    tgt_lines: list[str],
    links: list[Link] | None = None,
    *,
    checks: Iterable[Check] | None = None,
    options: dict[str, Any] | None = None,
) -> list[Finding]:
    """Run the checks (default: every registered one) over a parallel text.

    Segment findings come in pair order, corpus findings (inconsistent renderings) last.
    """
    pairs = pairs_from_links(src_lines, tgt_lines, links)
    ctx = CheckContext(
        src_lang=src_lang, tgt_lang=tgt_lang, termbase=termbase, options=options or {}
    )
    return list(run_checks(pairs, ctx, checks))


def finding_to_json(finding: Finding) -> dict[str, Any]:
    """The JSON Lines record of a finding.

    Always the keys ``check, concept_id, kind, tgt_lines, src_lines, found, span,
    suggestion`` (``span`` as ``[start, end]`` or null), then ``severity``, ``message``,
    ``span_line`` when there is a span, ``side`` when it is the source, and the check's
    extra keys.
    """
    record: dict[str, Any] = {
        "check": finding.check,
        "concept_id": finding.concept_id,
        "kind": finding.kind,
        "tgt_lines": list(finding.tgt_lines),
        "src_lines": list(finding.src_lines),
        "found": finding.found,
        "span": list(finding.span) if finding.span is not None else None,
        "suggestion": finding.suggestion,
        "severity": finding.severity,
        "message": finding.message,
    }
    if finding.span is not None:
        record["span_line"] = finding.span_line
    if finding.side != "target":
        record["side"] = finding.side
    for key, value in finding.extra.items():
        record.setdefault(key, value)
    return record
