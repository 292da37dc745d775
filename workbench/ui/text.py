"""Showing user text safely: segment text is data, never markup."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")
_STYLE = re.compile(r"[a-z]+(-background)?")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Streamlit's Markdown shows it literally.

    Every character Markdown (or the HTML it allows) could interpret is backslash-escaped,
    so a translation containing ``<script>`` or ``**`` displays as typed.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def code_text(text: str) -> str:
    """Text for inside a Markdown code span, where escapes would show literally: only
    backticks can end the span, so they are replaced."""
    return text.replace("`", "'")


def highlight(text: str, start: int, end: int, style: str = "red-background") -> str:
    """``text`` as Markdown with ``text[start:end]`` in bold, marked in a Streamlit colour
    ``style`` (``"red-background"``, ``"green"``, ...).

    Every part of the text is escaped before the marker is put around the span, so the
    text can never add or close markup of its own; the marker itself comes from the code.
    """
    if not _STYLE.fullmatch(style):
        raise ValueError(f"not a Streamlit colour style: {style!r}")
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    before, span, after = text[:start], text[start:end], text[end:]
    if not span:
        return escape_markdown(text)
    marked = f":{style}[**{escape_markdown(span)}**]"
    return escape_markdown(before) + marked + escape_markdown(after)


CUT = "|"


def sentence_cut(text: str, marked: str) -> int:
    """Where ``marked`` (``text`` with one ``|`` typed into it) cuts ``text``: the offset of
    the ``|``. A ``ValueError`` says what is wrong: no ``|``, several, other changes to the
    text, or a cut that leaves one part empty."""
    extra = marked.count(CUT) - text.count(CUT)
    if extra < 1:
        raise ValueError(f"Put a {CUT} where the sentence should be cut.")
    if extra > 1:
        raise ValueError(f"Put only one {CUT}: a sentence is cut in two at a time.")
    offset = next(
        (
            at
            for at, char in enumerate(marked)
            if char == CUT and marked[:at] + marked[at + 1 :] == text
        ),
        None,
    )
    if offset is None:
        raise ValueError(f"Only add the {CUT}: the words themselves cannot be changed here.")
    if not text[:offset].strip() or not text[offset:].strip():
        raise ValueError("Both parts need some text: move the | inside the sentence.")
    return offset


_WORD_OR_SPACE = re.compile(r"\s+|\w+|[^\w\s]")


def _marked(text: str, style: str) -> str:
    """``text`` escaped, its non-blank middle in bold and ``style`` (emphasis cannot start
    or end on a space, so surrounding blanks stay outside the marker)."""
    core = text.strip()
    if not core:
        return escape_markdown(text)
    start = text.index(core)
    before, after = text[:start], text[start + len(core) :]
    return (
        escape_markdown(before) + f":{style}[**{escape_markdown(core)}**]" + escape_markdown(after)
    )


def mark_changes(
    old: str, new: str, *, removed: str = "red-background", added: str = "green-background"
) -> tuple[str, str]:
    """``old`` and ``new`` as Markdown, the words that differ between them marked: what only
    ``old`` has in ``removed``, what only ``new`` has in ``added``. Everything is escaped
    first, as in :func:`highlight`."""
    import difflib

    for style in (removed, added):
        if not _STYLE.fullmatch(style):
            raise ValueError(f"not a Streamlit colour style: {style!r}")
    a, b = _WORD_OR_SPACE.findall(old), _WORD_OR_SPACE.findall(new)
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            same = escape_markdown("".join(a[i1:i2]))
            left.append(same)
            right.append(same)
            continue
        if i2 > i1:
            left.append(_marked("".join(a[i1:i2]), removed))
        if j2 > j1:
            right.append(_marked("".join(b[j1:j2]), added))
    return "".join(left), "".join(right)
