"""Per-language typography for published translations: quote marks and no-break spaces.

A translation edited in a CAT tool or typed on an English keyboard comes back with straight
``"`` quotes and ordinary spaces; a published Russian or French post needs «…» and spaces
that never break a line in the wrong place. Editions apply :func:`apply_typography` to the
target text only (a source-language fallback keeps its own conventions) and the function is
idempotent, so a text that is already right, or that went through it before, is unchanged.

Quote marks, outer and inner (``None``: quotes are left exactly as written):

========  ==============  ==============  ==================================================
language  outer           inner           why
========  ==============  ==============  ==================================================
en        “…”             ‘…’             English (US and the Bnei Baruch sites)
ru, uk    «…»             „…“             Russian/Ukrainian standard ("ёлочки", "лапки")
de        „…“             ‚…‘             German standard (Anführungszeichen)
fr        « … »           “…”             guillemets with narrow no-break spaces inside
es        «…»             “…”             the RAE's recommended order («», then “”, then ‘’)
it        «…»             “…”             Italian book typography
pt, pt-BR “…”             ‘…’             Brazilian usage
pt-PT     «…»             “…”             European Portuguese usage
pl        „…”             «…»             Polish standard
cs        „…“             ‚…‘             Czech standard
========  ==============  ==============  ==================================================

Hebrew, Arabic, Chinese, Japanese and languages not in the table keep their quotes as
written: Hebrew uses ``"`` inside abbreviations (gershayim, ``ז"א``) and CJK has its own
brackets, so converting them would do harm. Only double quote characters (``"`` “ ” „ ‟ « »)
are treated as quotes; single quotes are left alone everywhere because ``'`` and ’ are
mostly apostrophes. « » „ keep their direction in a language that uses
them; any other mark opens or closes by its neighbours: after a space, an opening bracket,
a dash or an opening mark, and before a non-space, it opens; after a non-space and before
a space, punctuation or another mark, it closes. When the neighbours do not decide
(letters or spaces on both sides) the mark is left as it is, so a ``"`` between two
letters (gershayim: ``З"А``, ``ז"א``) is kept. Nesting is counted, so “outer ‘inner’” levels follow
the table whatever marks the input used.

No-break spaces:

* French: U+202F NARROW NO-BREAK SPACE before ``;``, ``!``, ``?`` and inside « »;
  U+00A0 NO-BREAK SPACE before ``:`` (the Imprimerie nationale rule). A space is added only
  where the mark ends a word (``10:30``, ``http://`` and ``?!`` are left alone).
* Russian and Ukrainian: U+00A0 after a one-letter preposition or conjunction (ru в к с у о
  и а я, uk в у з і й а о к с я, either case) so it never ends a line, and before an em dash
  (``слово — слово`` becomes ``слово\\u00a0— слово``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["NBSP", "NNBSP", "QuoteStyle", "apply_typography", "base_language", "quote_style"]

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True)
class QuoteStyle:
    """The outer and inner quote marks of a language, as (opening, closing) pairs."""

    outer: tuple[str, str]
    inner: tuple[str, str]


_QUOTES: dict[str, QuoteStyle] = {
    "en": QuoteStyle(("“", "”"), ("‘", "’")),
    "ru": QuoteStyle(("«", "»"), ("„", "“")),
    "uk": QuoteStyle(("«", "»"), ("„", "“")),
    "be": QuoteStyle(("«", "»"), ("„", "“")),
    "de": QuoteStyle(("„", "“"), ("‚", "‘")),
    "fr": QuoteStyle(("«", "»"), ("“", "”")),
    "es": QuoteStyle(("«", "»"), ("“", "”")),
    "it": QuoteStyle(("«", "»"), ("“", "”")),
    "pt": QuoteStyle(("“", "”"), ("‘", "’")),
    "pt-br": QuoteStyle(("“", "”"), ("‘", "’")),
    "pt-pt": QuoteStyle(("«", "»"), ("“", "”")),
    "pl": QuoteStyle(("„", "”"), ("«", "»")),
    "cs": QuoteStyle(("„", "“"), ("‚", "‘")),
}

# Double quote characters and what they can be: always opening, always closing or decided
# by context. « and » are directional in every language of the table.
_ALWAYS_OPEN = frozenset("„‟«")
_ALWAYS_CLOSE = frozenset("»")
_CONTEXT = frozenset('"“”')
_QUOTE_CHARS = _ALWAYS_OPEN | _ALWAYS_CLOSE | _CONTEXT
_SPACES = frozenset(" \t\n\r\u00a0\u202f\u2009\u2007\u3000")
_DIRECTIONAL = _ALWAYS_OPEN | _ALWAYS_CLOSE
_OPENERS_BEFORE = frozenset("([{<—–-/") | _SPACES
_CLOSERS_AFTER = frozenset(".,;:!?…)]}>—–-/") | _SPACES
_NEIGHBOUR_MARKS = _QUOTE_CHARS | frozenset("‚‘’")

_ONE_LETTER_WORDS = {
    "ru": "вксуоиаяВКСУОИАЯ",
    "uk": "вузійаоксяВУЗІЙАОКСЯ",
}
_FRENCH_PUNCT = {";": NNBSP, "!": NNBSP, "?": NNBSP, ":": NBSP}
_FRENCH_SPACE_LIKE = frozenset(" \u00a0\u202f\u2009")
_FRENCH_CLOSERS = frozenset('»"”)]…;:!?')


def base_language(lang: str) -> str:
    """``pt_BR`` → ``pt-br``; the key the tables are looked up with (full tag, then base)."""
    return lang.strip().replace("_", "-").lower()


def quote_style(lang: str) -> QuoteStyle | None:
    """The quote marks of ``lang`` (a region-specific entry wins), or ``None`` to keep them."""
    tag = base_language(lang)
    return _QUOTES.get(tag) or _QUOTES.get(tag.split("-")[0])


def apply_typography(text: str, lang: str) -> str:
    """``text`` with the quote marks and no-break spaces of ``lang``; see the module doc.

    Idempotent: ``apply_typography(apply_typography(t, l), l) == apply_typography(t, l)``.
    Characters other than double quotes and spaces are never changed, so the words of a
    translation are exactly what the translator wrote.
    """
    if not text:
        return text
    tag = base_language(lang)
    base = tag.split("-")[0]
    style = quote_style(tag)
    if style is not None:
        text = _convert_quotes(text, style)
    if base == "fr":
        text = _french_spaces(text)
    letters = _ONE_LETTER_WORDS.get(base)
    if letters:
        text = _slavic_spaces(text, letters)
    return text


def _is_word(ch: str | None) -> bool:
    return ch is not None and ch.isalnum()


def _convert_quotes(text: str, style: QuoteStyle) -> str:
    if not any(ch in _QUOTE_CHARS for ch in text):
        return text
    openers = (style.outer[0], style.inner[0])
    own_marks = set(style.outer) | set(style.inner)
    # Inner quotes made of single marks (‚…‘, ‘…’) are never converted (’ is also the
    # apostrophe), but they are counted, so a second pass nests the same way as the first.
    single_open, single_close = style.inner if style.inner[0] in "‚‘" else ("", "")
    out: list[str] = []
    depth = 0
    last = len(text) - 1

    def context(i: int) -> bool | None:
        """What the neighbours say: True opens, False closes, None undecided. The left
        neighbour is judged by what was written for it, so a run of marks reads the same
        on a second pass."""
        before = text[i - 1] if i > 0 else None
        after = text[i + 1] if i < last else None
        left_open = (
            before is None
            or before in _OPENERS_BEFORE
            or (before in _NEIGHBOUR_MARKS and out[-1] in openers)
        )
        right_close = after is None or after in _CLOSERS_AFTER or after in _NEIGHBOUR_MARKS
        return None if left_open == right_close else left_open

    for i, ch in enumerate(text):
        if ch not in _QUOTE_CHARS:
            if ch == single_open and depth % 2 == 1 and context(i) is True:
                depth += 1
            elif ch == single_close and depth >= 2 and depth % 2 == 0 and context(i) is False:
                depth -= 1
            out.append(ch)
            continue
        if ch in _DIRECTIONAL and ch in own_marks:
            # « » „ in a language that uses them: their direction is what the writer meant
            opening: bool | None = ch in _ALWAYS_OPEN
        else:
            opening = context(i)
        if opening is None:
            out.append(ch)  # gershayim (З"А, ז"א) or a stray mark: leave it
            continue
        level = depth if opening else max(depth - 1, 0)
        pair = style.outer if level % 2 == 0 else style.inner
        mark = pair[0] if opening else pair[1]
        if mark not in _DIRECTIONAL and context(i) is not opening:
            # a mark read by its neighbours must be one they would read the same way again
            out.append(ch)
            continue
        depth = depth + 1 if opening else level
        out.append(mark)
    return "".join(out)


def _french_spaces(text: str) -> str:
    out: list[str] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch == "«":
            out.append(ch)
            j = i + 1
            while j < n and text[j] in _FRENCH_SPACE_LIKE:
                j += 1
            if j < n and text[j] not in "\n»":
                out.append(NNBSP)
            i = j
            continue
        if ch == "»" or ch in _FRENCH_PUNCT:
            k = len(out)
            while k > 0 and out[k - 1] in _FRENCH_SPACE_LIKE:
                k -= 1
            prev = out[k - 1] if k > 0 else None
            if ch == "»":
                space = NNBSP
                wanted = prev is not None and prev not in "\n«"
            else:
                space = _FRENCH_PUNCT[ch]
                nxt = text[i + 1] if i + 1 < n else None
                ends_word = nxt is None or nxt in _SPACES or nxt in _FRENCH_CLOSERS
                wanted = (
                    prev is not None
                    and prev not in "\n«"
                    and prev not in _FRENCH_PUNCT
                    and (ends_word or k < len(out))
                    and not (ch == ":" and nxt == "/")
                )
            if wanted:
                del out[k:]
                out.append(space)
            out.append(ch)
            i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _slavic_spaces(text: str, letters: str) -> str:
    text = re.sub(r"(?<=\S) +—", NBSP + "—", text)
    # not after a letter, a hyphen, or a gershayim mark inside an abbreviation (З"А)
    return re.sub(rf"(?<![\w\-])(?<!\w\")([{letters}]) +(?=\S)", rf"\1{NBSP}", text)
