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
