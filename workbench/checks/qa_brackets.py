"""brackets-quotes: unbalanced brackets and quotes in the target, and bracket counts.

Kinds:

* ``unbalanced`` (warning) – a bracket or quote of the target is opened and never closed, or
  closed without being opened: ( ) [ ] { } « » (and German » «), „ “ / „ ” , “ ”, ‘ ’ / ‚ ‘,
  ‹ › and straight double quotes. Every language's pairs are known at once, so Russian
  «…„…“…», German „…“ and »…«, English “…‘…’…” all balance. ’ and ‘ between letters are
  apostrophes or the ayin of a transliteration ("Baal HaSulam’s", "Ba‘al"), not quotes; a
  lone ’ is an apostrophe ("friends’"). "1)" / "a)" list markers and :) are not brackets.
  A quote left open in the source too (a quotation running over several paragraphs) is not
  reported in the target, nor is a bracket type the source leaves open.
* ``bracket-count`` (info) – the target has a different number of ( ) or [ ] pairs than the
  source. Only info: translators add glosses ("поручительство (Арвут)") and drop them, and
  Spanish prints the post id "[248613]" as "(248613)" and wraps the source line in
  parentheses, which are ignored here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import line_no

__all__ = ["BracketsQuotesCheck", "unbalanced"]

_PAIRS = {
    "(": ")",
    "[": "]",
    "{": "}",
    "«": "»",
    "»": "«",
    "‹": "›",
    "„": "“",
    "‚": "‘",
    "“": "”",
    "‘": "’",
    '"': '"',
}
_BRACKETS = {"(": "bracket", "[": "bracket", "{": "bracket"}
_LIST_MARKER = re.compile(r"(?:^|[\s;,:])(?:\d{1,3}|[^\W\d_])$")
_SMILEY = re.compile(r"[:;]-?[()]")
_POST_ID = re.compile(r"[\[(]\s*\d{3,}\s*[\])]")


@dataclass(frozen=True)
class Mark:
    """A bracket or quote that has no partner: which one, where, and whether it opens."""

    char: str
    index: int  # index of the text in the side
    offset: int
    opening: bool

    @property
    def family(self) -> str:
        """ "quote" for every quote mark, else the opening bracket itself."""
        opener = self.char if self.opening else _OPENER_OF.get(self.char, self.char)
        return opener if opener in _BRACKETS else "quote"


_OPENER_OF = {")": "(", "]": "[", "}": "{"}


def _stack_chars(stack: list[Mark]) -> str:
    """The characters of the marks still open."""
    return "".join(m.char for m in stack)


def _between_letters(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


def unbalanced(texts: tuple[str, ...]) -> list[Mark]:
    """The brackets and quotes of ``texts`` (read as one run) that have no partner."""
    stack: list[Mark] = []
    stray: list[Mark] = []
    for index, text in enumerate(texts):
        skip = {m.end() - 1 for m in _SMILEY.finditer(text)}
        for i, ch in enumerate(text):
            if i in skip:
                continue
            top = stack[-1].char if stack else ""
            mark = Mark(ch, index, i, True)
            if ch in "‘’" and _between_letters(text, i):
                continue
            if ch == '"':
                if top == '"':
                    stack.pop()
                elif any(m.char == '"' for m in stack):
                    _close(stack, stray, Mark(ch, index, i, False), ('"',))
                else:
                    stack.append(mark)
            elif ch == "“":
                if top == "„":
                    stack.pop()
                else:
                    stack.append(mark)
            elif ch == "”":
                if top in ("“", "„"):
                    stack.pop()
                else:
                    _close(stack, stray, Mark(ch, index, i, False), ("“", "„"))
            elif ch == "‘":
                if top == "‚":
                    stack.pop()
                else:
                    stack.append(mark)
            elif ch == "’":
                if top in ("‘", "‚"):
                    stack.pop()
                # otherwise an apostrophe
            elif ch == "»":
                if top == "«":
                    stack.pop()
                elif any(m.char == "«" for m in stack):
                    _close(stack, stray, Mark(ch, index, i, False), ("«",))
                else:
                    stack.append(mark)  # German »…«
            elif ch == "«":
                if top == "»":
                    stack.pop()
                else:
                    stack.append(mark)
            elif ch in "([{‹„‚":
                stack.append(mark)
            elif ch in ")]}›":
                opener = {")": "(", "]": "[", "}": "{", "›": "‹"}[ch]
                if top == opener:
                    stack.pop()
                elif (
                    ch == ")" and _LIST_MARKER.search(text, 0, i) and "(" not in _stack_chars(stack)
                ):
                    continue  # "1) the group; 2) the teacher", "a) …"
                else:
                    _close(stack, stray, Mark(ch, index, i, False), (opener,))
    return sorted(stray + stack, key=lambda m: (m.index, m.offset))


def _close(stack: list[Mark], stray: list[Mark], closer: Mark, openers: tuple[str, ...]) -> None:
    """Close the nearest matching opener, reporting the ones left open inside it."""
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].char in openers:
            inner = stack[depth + 1 :]
            # quotes inside a bracket may be apostrophes or typos; brackets win
            stray.extend(inner)
            del stack[depth:]
            return
    stray.append(closer)


def _counts(text: str, wrapped_ok: bool) -> dict[str, int]:
    """Opening ( and [ of ``text``, without post ids, smileys and a wrap around the whole."""
    text = _SMILEY.sub("", _POST_ID.sub("", text))
    stripped = text.strip()
    if wrapped_ok and stripped.startswith("(") and stripped.endswith(")"):
        inner = stripped[1:-1]
        if not unbalanced((inner,)) or "(" not in inner:
            text = inner
    return {"(": text.count("("), "[": text.count("[")}


def _describe(mark: Mark) -> str:
    if mark.char == "»" and mark.opening:  # read as German »…«, but no « follows
        return "'»' has no matching '«'"
    if mark.opening:
        partner = _PAIRS.get(mark.char, mark.char)
        return f"{mark.char!r} is opened but never closed (no {partner!r} after it)"
    return f"{mark.char!r} closes something that was never opened"


@register
class BracketsQuotesCheck(Check):
    id = "brackets-quotes"
    severity = "warning"
    scope = "segment"
    description = (
        "Warning: a bracket or quote in the target is never closed or never opened ((), [], "
        "{}, «», „“, “”, ‘’); info: the target has a different number of () or [] than the "
        "source."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        if not any(t.strip() for t in pair.tgt):
            return
        source_open = {m.family for m in unbalanced(pair.src)}
        reported = False
        for mark in unbalanced(pair.tgt):
            if mark.family in source_open:
                continue
            reported = True
            yield Finding(
                check=self.id,
                kind="unbalanced",
                severity="warning",
                message=_describe(mark),
                found=mark.char,
                span=(mark.offset, mark.offset + 1),
                span_line=line_no(pair.tgt_lines, mark.index),
                src_lines=pair.src_lines,
                tgt_lines=pair.tgt_lines,
                ref=pair.ref,
            )
        if reported or not any(s.strip() for s in pair.src):
            return
        src = " ".join(pair.src)
        src_wrapped = src.strip().startswith("(") and src.strip().endswith(")")
        src_counts = _counts(src, wrapped_ok=False)
        tgt_counts = _counts(" ".join(pair.tgt), wrapped_ok=not src_wrapped)
        for opener, closer in (("(", ")"), ("[", "]")):
            if src_counts[opener] != tgt_counts[opener]:
                yield Finding(
                    check=self.id,
                    kind="bracket-count",
                    severity="info",
                    message=(
                        f"the source has {src_counts[opener]} {opener}{closer} and the target "
                        f"{tgt_counts[opener]}"
                    ),
                    src_lines=pair.src_lines,
                    tgt_lines=pair.tgt_lines,
                    ref=pair.ref,
                    extra={"source": src_counts[opener], "target": tgt_counts[opener]},
                )
