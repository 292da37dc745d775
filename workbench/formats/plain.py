"""Split plain text into paragraphs, undoing hard wrapping but nothing else.

Scraped posts put one paragraph on a line ("Question: ...", "Answer: ...", sometimes with
no blank lines between them), while text saved from e-mail or older editors is hard-wrapped
at 70-80 columns with blank lines between paragraphs. Treating every line as a paragraph
breaks the wrapped sentences; joining every block merges the dialogue. So a block is only
joined where its line breaks look like the work of a word-wrapper: the line is long and the
next word would not have fitted on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.model import Paragraph

__all__ = ["LineText", "normalize_space", "split_lines", "split_plain_paragraphs", "unwrap_block"]

_NEWLINE = re.compile(r"\r\n|\r|\n")
# Runs of whitespace become one space; a single no-break space is kept because it is
# typography (French « », numbers, "Malchut\u00a0of"), not layout.
_SPACE = re.compile(r"\s{2,}|[^\S\u00a0\u202f\u2007]")
# Word-wrappers break at 60-100 columns: a block whose longest line is outside this range
# is not wrapped prose (a list of short titles, or one long paragraph per line).
_MIN_WRAP_WIDTH = 50
_MAX_WRAP_WIDTH = 110
# Lines that always start a new paragraph: list items, post ids and dialogue labels
# ("Question: ", "Frage: "; a capitalised label of a few words before a colon).
_LIST_MARK = re.compile(r"^\s*(?:[-*•–—]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|[\[(]\d+[\])]$)")
_LABEL = re.compile(r"^\s*([^\W\d_][\w .'’]{0,30}):\s")
_SENTENCE_END = re.compile(r"""[.!?…:;"”»')\]]$""")
_CONTINUES = re.compile(r"[,\-–]$")


@dataclass(frozen=True)
class LineText:
    """One physical line of a block: its 1-based line number and its text."""

    line: int
    text: str


def normalize_space(text: str) -> str:
    """Collapse layout whitespace to single spaces and trim the ends."""
    return _SPACE.sub(" ", text).strip()


def split_lines(text: str) -> list[str]:
    """Split on CR LF, CR or LF only, the line ends editors count when showing line numbers.

    ``str.splitlines`` also splits on form feeds, vertical tabs and U+2028, which would put
    every later line number off by one from what the translator's editor shows.
    """
    return _NEWLINE.split(text)


def _breaks_like_wrap(line: str, following: str, width: int) -> bool:
    """Whether a word-wrapper would have broken after ``line`` before ``following``."""
    words = following.split()
    if not words or _LIST_MARK.match(following):
        return False
    label = _LABEL.match(following)
    if label and label.group(1)[0].isupper():
        return False
    return len(line) + 1 + len(words[0]) > width


def _continues_sentence(line: str, following: str) -> bool:
    """Whether the break between two lines falls inside a sentence.

    True when the line ends with a comma or hyphen, or the next line starts with a
    lower-case letter, a digit, or a letter of a script without case (Hebrew, Arabic,
    Chinese). A list of Title Case headlines never qualifies, which is what keeps "Related
    Material:" titles apart even when their lengths happen to look like wrapping.
    """
    if _SENTENCE_END.search(line):
        return False
    if _CONTINUES.search(line):
        return True
    first = following.lstrip()[:1]
    return bool(first) and (first.isdigit() or (first.isalpha() and not first.isupper()))


def _join(lines: list[str]) -> str:
    text = lines[0].strip()
    for line in lines[1:]:
        part = line.strip()
        # A word hyphenated at the end of a line ("well-" + "known") is glued back without
        # a space; the hyphen stays, since it cannot be told apart from a real one.
        if len(text) >= 2 and text.endswith("-") and text[-2].isalpha() and part[:1].isalpha():
            text += part
        else:
            text += " " + part
    return text


def unwrap_block(lines: list[LineText]) -> list[LineText]:
    """Turn one block of consecutive non-blank lines into paragraphs.

    The block counts as hard-wrapped when its longest line is a plausible wrap width (50 to
    110 characters), at least half of its line breaks look like word-wrap breaks and at
    least one of those falls inside a sentence; then wrap breaks are joined and every other
    break (after a title, before "Answer:") still separates paragraphs. Otherwise each
    line is a paragraph.
    """
    texts = [item.text.rstrip() for item in lines]
    if len(texts) < 2:
        return list(lines)
    width = max(len(t) for t in texts)
    if not _MIN_WRAP_WIDTH <= width <= _MAX_WRAP_WIDTH:
        return list(lines)
    wraps = [_breaks_like_wrap(texts[i], texts[i + 1], width) for i in range(len(texts) - 1)]
    mid_sentence = any(
        wrap and _continues_sentence(texts[i], texts[i + 1]) for i, wrap in enumerate(wraps)
    )
    if sum(wraps) * 2 < len(wraps) or not mid_sentence:
        return list(lines)
    result: list[LineText] = []
    group = [lines[0]]
    for i, wrap in enumerate(wraps):
        if wrap:
            group.append(lines[i + 1])
        else:
            result.append(LineText(group[0].line, _join([g.text for g in group])))
            group = [lines[i + 1]]
    result.append(LineText(group[0].line, _join([g.text for g in group])))
    return result


def split_plain_paragraphs(text: str, *, first_line: int = 1) -> list[Paragraph]:
    """Paragraphs of plain ``text``, each with the 1-based line where it starts.

    A paragraph is a non-empty line, except in hard-wrapped blocks (lines separated by blank
    lines and broken by a word-wrapper), whose lines are joined. Whitespace inside a
    paragraph is collapsed; nothing else is changed. ``first_line`` is the number of the
    first line of ``text`` when it comes from inside a larger file.
    """
    paragraphs: list[Paragraph] = []
    block: list[LineText] = []

    def flush() -> None:
        for item in unwrap_block(block):
            cleaned = normalize_space(item.text)
            if cleaned:
                paragraphs.append(Paragraph(cleaned, line=item.line))
        block.clear()

    for number, line in enumerate(split_lines(text), start=first_line):
        if line.strip():
            block.append(LineText(number, line))
        else:
            flush()
    flush()
    return paragraphs
