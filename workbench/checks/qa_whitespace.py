"""whitespace: stray spaces and tabs in the target that the source does not have.

Invisible in most editors, they break exports (a leading space turns a Markdown line into
something else, a tab splits a CSV-like file) and show up as uneven gaps in print. All
kinds are warnings with the span of the whitespace and a suggestion (one space, or
nothing):

* ``double-space`` – two or more spaces in a row inside the text (no-break and narrow
  spaces count, so "mot \u00a0;" is one too);
* ``leading-space`` / ``trailing-space`` – whitespace at the start or end of a target line;
* ``tab`` – a tab character.

Each kind is reported only when the source does not have it as well: a source that lines up
columns with double spaces or tabs is copied on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import target_lines

__all__ = ["WhitespaceCheck"]

_HSPACE = "[ \u00a0\u202f\u2009\u2007\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000\u205f]"
_DOUBLE = re.compile(rf"(?<=\S){_HSPACE}{{2,}}(?=\S)")
_TAB = re.compile(r"\t+")
_LEADING = re.compile(r"^[^\S\n]+")
_TRAILING = re.compile(r"[^\S\n]+$")


def _kinds(text: str) -> set[str]:
    kinds = set()
    if _DOUBLE.search(text):
        kinds.add("double-space")
    if "\t" in text:
        kinds.add("tab")
    if _LEADING.search(text):
        kinds.add("leading-space")
    if _TRAILING.search(text):
        kinds.add("trailing-space")
    return kinds


_MESSAGES = {
    "double-space": "several spaces in a row",
    "tab": "a tab character",
    "leading-space": "whitespace at the start of the line",
    "trailing-space": "whitespace at the end of the line",
}


@register
class WhitespaceCheck(Check):
    id = "whitespace"
    severity = "warning"
    scope = "segment"
    description = (
        "Warning: the target has double spaces, leading or trailing whitespace or tab "
        "characters that the source does not have."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        if not any(t.strip() for t in pair.tgt):
            return
        in_source: set[str] = set()
        for text in pair.src:
            in_source |= _kinds(text)
        for number, text in target_lines(pair):
            if not text.strip():
                continue
            found: list[tuple[int, int, str, str]] = []
            if "tab" not in in_source:
                found += [(m.start(), m.end(), "tab", " ") for m in _TAB.finditer(text)]
            if "double-space" not in in_source:
                for m in _DOUBLE.finditer(text):
                    if "\t" in m.group() and "tab" not in in_source:
                        continue  # reported as a tab
                    found.append((m.start(), m.end(), "double-space", " "))
            for kind, pattern in (("leading-space", _LEADING), ("trailing-space", _TRAILING)):
                m = pattern.search(text)
                if m and kind not in in_source:
                    if "\t" in m.group() and "tab" not in in_source:
                        continue
                    found.append((m.start(), m.end(), kind, ""))
            for start, end, kind, suggestion in sorted(found):
                yield Finding(
                    check=self.id,
                    kind=kind,
                    severity="warning",
                    message=f"{_MESSAGES[kind]} ({text[start:end]!r})",
                    found=text[start:end],
                    span=(start, end),
                    span_line=number,
                    suggestion=suggestion,
                    src_lines=pair.src_lines,
                    tgt_lines=pair.tgt_lines,
                    ref=pair.ref,
                )
