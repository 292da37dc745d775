"""Showing user text safely: segment text is data, never markup."""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<&$:])")


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
