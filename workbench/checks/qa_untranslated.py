"""untranslated: the target is empty, absent, or a copy of the source.

Kinds:

* ``untranslated`` (error) – the target line exists but is blank while the source has text:
  the translator skipped it or the file lost it;
* ``omitted`` (warning) – the alignment gives the source no target line at all (a deletion
  link ``[4]:[]``). Translators do drop asides ("I like this example very much."), so this
  is a warning to look at, not an error; option ``report_omitted`` (default on) turns it off;
* ``identical`` (error) – the target repeats the source (compared with whitespace and case
  folded). Not reported when the copy is legitimate:

  - the source holds no letters: a post id "[248613]", a number, a date, a timecode;
  - the source is very short (fewer than ``identical_min_words`` words, default 3):
    "YESHSUT", "Rabash", "Baal HaSulam", "No.";
  - the source looks like a proper name or a title of a work kept as is: at most four words,
    every one capitalised ("Talmud Eser Sefirot", "Dr. Michael Laitman"), or all in capitals;
  - the source is written in a script other than the source language's own, i.e. a quotation
    in the original (Hebrew or Aramaic in an English text stays Hebrew in every translation);
  - the source and target languages are the same (an edit, not a translation).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import (
    dominant_script,
    has_text,
    is_identical,
    is_non_prose,
    language_script,
    line_no,
)

__all__ = ["UntranslatedCheck", "legitimately_identical"]

_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_URL = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$|^\s*\S+@\S+\.\S+\s*$", re.IGNORECASE)


def legitimately_identical(source: str, src_lang: str, min_words: int = 3) -> bool:
    """Whether a target identical to ``source`` is expected rather than untranslated."""
    if is_non_prose(source) or _URL.match(source):
        return True
    found = _WORD.findall(source)
    if len(found) < min_words:
        return True
    letters = [ch for ch in source if ch.isalpha()]
    if letters and all(not ch.islower() for ch in letters):
        return True  # "YESHSUT", "ABYA", an acronym line
    if len(found) <= 4 and all(w[0].isupper() or w[0].isdigit() for w in found):
        return True
    script = dominant_script(source)
    return script is not None and script != language_script(src_lang)


@register
class UntranslatedCheck(Check):
    id = "untranslated"
    severity = "error"
    scope = "segment"
    description = (
        "Error: the target is blank while the source has text, or the target is a copy of the "
        "source (except ids, numbers, names, all-caps terms, very short lines and quotations "
        "in another script); warning: the alignment gives a source line no target at all."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        if not has_text(pair.src):
            return
        source = " ".join(s.strip() for s in pair.src if s.strip())
        common = {
            "check": self.id,
            "src_lines": pair.src_lines,
            "tgt_lines": pair.tgt_lines,
            "ref": pair.ref,
            "extra": {"source": source},
        }
        if not pair.tgt:
            if ctx.options.get("report_omitted", True):
                yield Finding(
                    kind="omitted",
                    severity="warning",
                    message=f"the source {_short(source)!r} has no target line (omitted in "
                    "the translation)",
                    **common,  # type: ignore[arg-type]
                )
            return
        if not any(t.strip() for t in pair.tgt):
            yield Finding(
                kind="untranslated",
                severity="error",
                message=f"the target is empty; the source has {_short(source)!r}",
                span_line=line_no(pair.tgt_lines, 0),
                suggestion=None,
                **common,  # type: ignore[arg-type]
            )
            return
        if ctx.src_lang.split("-")[0].lower() == ctx.tgt_lang.split("-")[0].lower():
            return
        if not is_identical(pair, ctx):
            return
        min_words = int(ctx.options.get("identical_min_words", 3))
        if legitimately_identical(source, ctx.src_lang, min_words):
            return
        first = next(i for i, t in enumerate(pair.tgt) if t.strip())
        text = pair.tgt[first]
        start = len(text) - len(text.lstrip())
        yield Finding(
            kind="identical",
            severity="error",
            message=f"the target is the same as the source {_short(source)!r}: not translated",
            found=text.strip(),
            span=(start, start + len(text.strip())),
            span_line=line_no(pair.tgt_lines, first),
            **common,  # type: ignore[arg-type]
        )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
