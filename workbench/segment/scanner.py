"""The sentence scanner: one regex pass finds candidate breaks, cheap checks decide them.

Why this shape: rule cascades that rewrite the whole text once per rule (the approach of
Pragmatic Segmenter and pySBD) cost a pass per rule and can backtrack badly on long inputs.
Here one precompiled regex with a character-class prefix walks the text at C speed and stops
only at characters that can end a sentence (terminal punctuation, line breaks). Each stop is
decided by a handful of set lookups on the word before it and the word after it, all on
bounded windows, so the total work is linear in the length of the text whatever it holds.

Two bounded side passes feed the main loop: matched quote and bracket pairs (a short quoted
or bracketed passage is never split inside) and inline list numbering ("1. ... 2. ...").
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from workbench.model import Sentence
from workbench.segment.languages import (
    BASE_TERMINALS,
    BULLETS,
    CLOSERS,
    NOSPACE_TERMINALS,
    OPENERS,
    ORDINAL_LANGUAGES,
    STRONG_TERMINALS,
    habits,
    lower_class,
    upper_class,
    word_lists,
)

MAX_LIST_ITEM = 500
"""Longest item (in characters) of a list written on one line ("1. ... 2. ... 3. ...")."""

MAX_PROTECTED_QUOTE = 300
"""Longest quoted or bracketed passage (in characters) that is never split inside.

Dialogue and short quotations ("«К чему ты готовишься? – спросила мама.»") read as one
sentence; a long passage quoted from a source is better split so each of its sentences gets
its own translation-memory segment.
"""

_NEWLINES = "\n\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"
_WS_BULLETS = " \t\u00a0\u202f" + BULLETS
_NUMBER_TAIL = frozenset("%‰°²³€$£¥")
_DASHES = frozenset("-–—")

_NONWS = re.compile(r"\S")
_TOKEN_RIGHT = re.compile(r"\S{0,64}")
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]{1,4}\.)+[^\W\d_]{1,4}")
_ROMAN = re.compile(r"[IVXLCDM]{1,7}")
_LOWER_ROMAN = re.compile(r"[ivxlc]{1,5}")
_NUMBERISH = re.compile(r"\d{1,4}(?:[-–—]\d{1,4})?")
_ORDINAL_TOKEN = re.compile(r"\d{1,3}\.")
_LIST_PREFIX = re.compile(r"\(?(?:\d{1,3}|[^\W\d_]|[IVXLCivxlc]{1,5})\)?")
_LIST_HEAD = re.compile(
    r"[ \t\u00a0]*(?P<b>[" + BULLETS + r"][ \t]?)?(?P<n>\d{1,3}|[A-Za-z])(?P<p>\.\)|\)|\.)"
    r"(?=[ \t\u00a0]+(?P<f>\S))"
)
_LIST_MARK = re.compile(
    r"(?<!\S)(?P<b>[" + BULLETS + r"][ \t]?)?(?P<n>\d{1,3}|[A-Za-z])(?P<p>\.\)|\)|\.)"
    r"(?=[ \t\u00a0]+(?P<f>\S))"
)
_TERM_THEN_SPACE = re.compile(r"[.!?…。！？]['\"”’»)\]]*\s")
_LINE_END = re.compile("[" + _NEWLINES + "]")
_QUOTES = re.compile('["«»„“”‹›《》「」『』【】〈〉()\\[\\]{}״' + _NEWLINES + "]")

# For each opening mark: the marks that close it.
_PAIRS = {
    "„": "“”",
    "“": "”",
    "«": "»",
    "»": "«",
    "‹": "›",
    '"': '"',
    "״": "״",
    "《": "》",
    "「": "」",
    "『": "』",
    "【": "】",
    "〈": "〉",
    "(": ")",
    "[": "]",
    "{": "}",
}
_ALWAYS_OPEN = frozenset("„“‹《「『【〈([{")
_CAN_CLOSE = frozenset("".join(_PAIRS.values()))
_BRACKET_CLOSE = frozenset(")]}》」』】〉")
_SYMMETRIC = frozenset('"״')
_OPEN_CONTEXT = frozenset("([{«„“‘¿¡—–-/")


def _cls(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def protected_spans(text: str, limit: int = MAX_PROTECTED_QUOTE) -> list[tuple[int, int]]:
    """Spans ``(open, close)`` of matched quotes and brackets no longer than ``limit``.

    Straight quotes are paired by where they stand (an opening one follows a space and
    precedes a letter), so the inch sign and the gershayim of Hebrew acronyms (ז"א) are not
    taken for quotes. An unmatched mark is ignored and a line break closes every open pair,
    so one stray quote cannot freeze the rest of a text. The result is sorted and merged.
    """
    n = len(text)
    stack: list[tuple[int, str]] = []
    pairs: list[tuple[int, int]] = []
    for m in _QUOTES.finditer(text):
        p = m.start()
        ch = text[p]
        if ch in _NEWLINES:
            stack.clear()
            continue
        prev = text[p - 1] if p else " "
        nxt = text[p + 1] if p + 1 < n else " "
        if ch in _CAN_CLOSE and stack and (not prev.isspace() or ch in _BRACKET_CLOSE):
            if ch in _SYMMETRIC and prev.isalnum() and nxt.isalnum():
                continue  # inside a word: an acronym mark or an inch sign, not a quote
            closed = False
            for i in range(len(stack) - 1, max(-1, len(stack) - 5), -1):
                if ch in stack[i][1]:
                    o = stack[i][0]
                    del stack[i:]
                    if p - o <= limit:
                        pairs.append((o, p))
                    closed = True
                    break
            if closed:
                continue
        if ch not in _PAIRS:
            continue
        if ch in _ALWAYS_OPEN or ((prev.isspace() or prev in _OPEN_CONTEXT) and not nxt.isspace()):
            stack.append((p, _PAIRS[ch]))
            if len(stack) > 64:
                # Bound the memory: a text with dozens of unclosed marks has no pairing
                # worth keeping at the bottom of the stack.
                del stack[:32]
    if not pairs:
        return []
    pairs.sort()
    merged = [pairs[0]]
    for o, c in pairs[1:]:
        lo, hi = merged[-1]
        if o <= hi:
            if c > hi:
                merged[-1] = (lo, c)
        else:
            merged.append((o, c))
    return merged


@dataclass(frozen=True)
class Exceptions:
    """Project exceptions for one language, compiled for the scanner."""

    never: frozenset[str]
    never_phrases: tuple[str, ...]
    always: re.Pattern[str] | None

    @classmethod
    def build(cls, never: frozenset[str], always: frozenset[str]) -> Exceptions | None:
        if not never and not always:
            return None
        phrases = tuple(sorted((t for t in never if any(c.isspace() for c in t)), key=len))
        pattern = None
        if always:
            alts = "|".join(re.escape(t) for t in sorted(always, key=len, reverse=True))
            pattern = re.compile(r"(?<![\w.])(?:" + alts + r")(?=\s)")
        return cls(frozenset(t for t in never if t not in phrases), phrases, pattern)

    def blocks(self, text: str, raw: str, key: str, run: str, pos: int) -> bool:
        """Whether a never-split token ends at the candidate break at ``pos``."""
        never = self.never
        first = run[:1]
        if (
            key in never
            or raw in never
            or key + first in never
            or raw + first in never
            or key + run in never
        ):
            return True
        for phrase in self.never_phrases:
            # the phrase may end with the candidate's period ("т. е.") or just before it
            for at in (pos + 1 - len(phrase), pos - len(phrase)):
                if at >= 0 and text.startswith(phrase, at):
                    return True
        return False


class Scanner:
    """Finds sentence boundaries for one language. Build once, use for any number of texts."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        hb = habits(lang)
        words = word_lists(lang)
        terms = BASE_TERMINALS + hb.extra_terminals + hb.extra_nospace
        nospace = NOSPACE_TERMINALS + hb.extra_nospace
        self.strong = frozenset(STRONG_TERMINALS + hb.extra_strong + hb.extra_nospace)
        self.period_ends = hb.period_ends_sentence
        self.split_before_lower = hb.split_before_lowercase
        self.strong_before_lower = hb.strong_before_lowercase
        self.comma_list = hb.comma_list_exception
        self.colon_terminal = ":" in hb.extra_terminals
        self.ordinal = lang in ORDINAL_LANGUAGES
        self.never = words.never
        self.numeric = words.numeric
        self.ending = words.ending
        self.starters = words.starters
        self.labels = words.labels
        self.after_number = words.after_number
        self.ordinal_cues = words.ordinal_cues
        self.months = words.months
        self.abbreviations = words.never | words.numeric | words.ending | words.after_number
        self.closers = CLOSERS
        self.strip_closers = CLOSERS + " \u00a0\u202f"

        t, c, ns = _cls(terms), _cls(CLOSERS), _cls(nospace)
        lo, up = lower_class(), upper_class()
        branches = [
            # a line break: always a boundary
            "(?<=[" + _NEWLINES + "])(?P<nl>)",
            # "[...]" / "(...)": an omission mark, never a boundary
            r"(?<=[\[(])(?:\.\.\.|…)[\])](?P<skip>)",
            # spaced ellipsis ". . ." or ". . . ."
            r"(?<=\.)(?:[ ]\.){2,8}+" + c + r"*+(?=\s|\Z)(?P<sp>)",
            # 。！？ and the like, which end a sentence with or without a following space
            "(?<=" + ns + ")(?:" + t + "|" + c + "){0,30}+(?P<cjk>)",
            # terminal punctuation with its closing quotes, followed by whitespace or the end
            "(?<=" + t + ")(?:" + t + "|" + c + r"|[ \u00a0\u202f](?=[»›])){0,30}+"
            r"(?=\s|\Z)(?P<run>)",
            # "word.Next": a period glued to a capitalised word
            "(?<=" + lo + lo + r"\.)(?=" + up + "(?:" + up + "|" + lo + "))(?P<ms>)",
        ]
        if not self.colon_terminal:
            # ": 1) The first item": a colon that opens a list written on one line
            branches.append(
                r"(?<=:)(?=[ \t]+(?:[" + BULLETS + r"][ \t]?)?(?:\d{1,3}|[A-Za-z])"
                r"(?:\.\)|\)|\.)[ \t]+\S)(?P<head>)"
            )
        # Every branch starts from the one character the class in front consumed, so the
        # regex engine skips ahead to the next such character without entering Python.
        first = _cls(terms + _NEWLINES + "[(:")
        self.pattern = re.compile(first + "(?:" + "|".join(branches) + ")")
        self.next_word = re.compile(
            r"\s*+(?P<op>(?:" + _cls(OPENERS) + r"[ \t\u00a0]*+){0,8}+)(?P<w>[^\W\d_]{0,40}+)"
        )

    # -- word tests -------------------------------------------------------------------------

    def _is_never(self, key: str, text: str, start: int, tok_start: int) -> bool:
        if key in self.never:
            return True
        # "Кв. 234" opens a sentence with a capital; the list has "кв".
        return (
            key[:1].isupper()
            and key.lower() in self.never
            and _opens_sentence(text, start, tok_start)
        )

    def _starts_sentence(self, text: str, k: int, word: str) -> bool:
        if word not in self.starters:
            return False
        after = k + len(word)
        # "А. С. Пушкин": a starter-looking letter followed by a period is another initial.
        return after >= len(text) or text[after] != "."

    # -- the scan -----------------------------------------------------------------------------

    def sentences(self, text: str, extra: Exceptions | None = None) -> list[Sentence]:
        """Split ``text`` into sentences; see :func:`workbench.segment.split_sentences`."""
        out: list[Sentence] = []
        n = len(text)
        if not n:
            return out
        forced: list[int] = []
        if extra is not None and extra.always is not None:
            forced = [m.end() for m in extra.always.finditer(text)]
        list_until = 0  # end of the text already scanned for list items
        head = _LIST_HEAD.match(text, 0)
        if head:
            breaks, list_until = self._list_breaks(text, head, n)
            for q in breaks:
                heapq.heappush(forced, q)
        prot = protected_spans(text) if _QUOTES.search(text) else []
        nprot = len(prot)
        pi = 0
        start = 0
        decide = self._decide
        nonws = _NONWS.search
        for m in self.pattern.finditer(text):
            pos = m.start()
            while forced and forced[0] <= pos:
                q = heapq.heappop(forced)
                if q > start:
                    _emit(text, start, q, out, nonws)
                    start = q
            kind = m.lastgroup
            if kind == "nl":
                if pos > start:
                    _emit(text, start, pos, out, nonws)
                start = pos + 1
                head = _LIST_HEAD.match(text, start) if start >= list_until else None
                if head:
                    breaks, list_until = self._list_breaks(text, head, n)
                    for q in breaks:
                        heapq.heappush(forced, q)
                continue
            if kind == "skip":
                continue
            if kind == "head":
                head = _LIST_HEAD.match(text, pos + 1) if pos >= list_until else None
                if head:
                    breaks, list_until = self._list_breaks(text, head, n)
                    for q in breaks:
                        heapq.heappush(forced, q)
                continue
            end = m.end()
            if nprot:
                while pi < nprot and prot[pi][1] < end:
                    pi += 1
                if pi < nprot and prot[pi][0] < pos:
                    continue
            q = decide(text, n, kind, pos, end, start, extra)
            if q > start:
                _emit(text, start, q, out, nonws)
                start = q
        while forced:
            q = heapq.heappop(forced)
            if q > start:
                _emit(text, start, q, out, nonws)
                start = q
        if start < n:
            _emit(text, start, n, out, nonws)
        return out

    def _list_breaks(self, text: str, head: re.Match[str], n: int) -> tuple[list[int], int]:
        """Breaks before the 2nd, 3rd, ... item of a list written on one line.

        "1. The first item 2. The second item" has no sentence punctuation between items, so
        only the numbering shows where an item ends. A break is made only when the numbers
        (or letters) follow each other, the first one opens the line (or follows a colon),
        each item starts with a capital, and neither a sentence ending nor a comma stands
        between two items - otherwise "read page 2. Then" in a paragraph that happens to
        start with "1." would be broken before the "2.", and "three conditions: 1) the
        desire, 2) the group" would be broken at all. Returns the breaks and the end of the
        last item mark, so that a list head inside an already scanned list is not rescanned.
        """
        first = head.group("n")
        style = head.group("p")
        if not _item_start(head.group("f")):
            return [], head.end()
        is_digit = first.isdigit()
        value = int(first) if is_digit else ord(first)
        breaks: list[int] = []
        prev_end = head.end()
        pos = head.end()
        while True:
            # The next item must start within MAX_LIST_ITEM characters, which keeps the
            # scan linear however long the paragraph is.
            mark = _LIST_MARK.search(text, pos, min(n, prev_end + MAX_LIST_ITEM))
            if mark is None or _LINE_END.search(text, prev_end, mark.start()):
                break
            label = mark.group("n")
            pos = mark.end()
            if label.isdigit() != is_digit or mark.group("p") != style:
                continue
            val = int(label) if is_digit else ord(label)
            if val != value + 1 or (not is_digit and label.isupper() != first.isupper()):
                break  # a mark of the same style out of sequence ends (or restarts) the list
            before = text[prev_end : mark.start()].rstrip()
            if (
                _item_start(mark.group("f"))
                and not before.endswith((",", ";", ":"))
                and not _TERM_THEN_SPACE.search(text, prev_end, mark.start())
            ):
                breaks.append(mark.start())
            value = val
            prev_end = mark.end()
        return breaks, prev_end

    def _decide(
        self,
        text: str,
        n: int,
        kind: str | None,
        pos: int,
        end: int,
        start: int,
        extra: Exceptions | None,
    ) -> int:
        """Where to break for the candidate ``text[pos:end]``, or -1 for no break."""
        if kind == "cjk":
            if end >= n:
                return -1
            if not text[end].isspace():
                # 「…！」と言った: a closing quote glued to the next word continues the sentence.
                return -1 if text[end - 1] in self.closers else end
        elif kind == "ms":
            return self._decide_missing_space(text, pos, start, extra)
        elif (
            extra is None
            and end == pos + 1
            and end + 1 < n
            and text[pos] == "."
            and text[end] == " "
            and text[end + 1].isupper()
            and self.period_ends
        ):
            # The common case, "... the group. The world ...": a plain lowercase word, a
            # period, one space and a capital. Only an abbreviation can stop the break.
            lo = pos - 24 if pos - 24 > start else start
            window = text[lo:pos]
            raw = window.rsplit(None, 1)[-1] if window and not window[-1].isspace() else ""
            if (
                len(raw) >= 3
                and raw.isalpha()
                and raw.islower()
                and raw not in self.abbreviations
                and not _LOWER_ROMAN.fullmatch(raw)
            ):
                return end

        nx = self.next_word.match(text, end)
        k = nx.end("op")
        if k >= n:
            return -1
        c = text[k]
        op = nx.group("op")
        word = nx.group("w")
        lo = pos - 48 if pos - 48 > start else start
        window = text[lo:pos]
        raw = window.rsplit(None, 1)[-1] if window and not window[-1].isspace() else ""
        run = text[pos:end]
        key = _key(raw)
        if extra is not None and extra.blocks(text, raw, key, run, pos):
            return -1

        if kind == "sp":
            # Spaced ellipsis ". . ." - three dots are an omission inside a sentence; a
            # fourth is the period. "compounds. . . . The" ends after the first dot and the
            # next sentence begins with the omission.
            if not c.isupper():
                return -1
            dots = run.count(".")
            if dots < 4:
                return -1
            if pos > 0 and not text[pos - 1].isspace():
                return pos + 1
            return end

        if not self.strong.isdisjoint(run):
            if "¿" in op or "¡" in op:
                return end
            if c.islower() and (not self.strong_before_lower or op.strip(" \t\u00a0") in _DASHES):
                return -1  # "Yahoo! in the ...", "«Куда?» – спросила она"
            if self.comma_list and "،" in run and text.startswith("،", k + len(word)):
                return -1  # Arabic enumeration: "الدم، والقلب،"
            if (
                self.colon_terminal
                and run[0] == ":"
                and pos - start < 60
                and text[start:pos].strip() in self.labels
            ):
                return -1  # "Հարց: ..." - a speaker label keeps its colon
            return end

        # A run of periods (or an ellipsis) with no ? or ! in it.
        if not self.period_ends:
            return -1
        if "¿" in op or "¡" in op:
            return end
        core = run.rstrip(self.strip_closers)
        if "…" in core or len(core) >= 3:
            # Ellipsis: ends the sentence only before a capitalised sentence start.
            return end if c.isupper() else -1
        if c == "." or c == "…":
            return end  # "raak. ...en toen": the next sentence opens with an ellipsis
        double = core == ".."  # "Nov.. Grazie": abbreviation period plus full stop
        tok_start = pos - len(raw)
        if c.isdigit():
            if double:
                return end
            if not key or key in self.numeric or self._is_never(key, text, start, tok_start):
                return -1
            if key.isdigit():
                return -1 if self.ordinal and len(key) <= 3 else end
            if any(ch.isdigit() for ch in key) or key[-1] in _NUMBER_TAIL:
                return end  # "$100.00. 5", "Jahr10. 11"
            if len(key) >= 4 and key.isalpha():
                return end
            return -1  # "p. 55", "Пл. 20", "ул. 1 Мая"
        if not c.isalpha():
            return -1
        if c.islower():
            if (
                self.split_before_lower
                and len(key) > 1
                and key not in self.numeric
                and not self._is_never(key, text, start, tok_start)
            ):
                return end
            return -1
        # A capital (or a letter of a caseless script) follows.
        if double:
            return end
        if key in self.after_number and _NUMBERISH.fullmatch(_previous_token(window, raw)):
            # "в 1991 г. Тогда ..." ends; "в 2010-2012 гг. Виктор посещал" goes on.
            return end if self._starts_sentence(text, k, word) else -1
        if self._is_never(key, text, start, tok_start):
            return -1
        if (
            len(raw) <= 8
            and _LIST_PREFIX.fullmatch(raw.strip(BULLETS))
            and _opens_sentence(text, start, tok_start)
        ):
            return -1  # "1. The first item", "a. ...", "R. What is ..." (speaker tag)
        if (
            (len(key) == 1 and key.isalpha())
            or (len(key) == 2 and key.isupper() and key.isalpha())
            or ("." in key and _MULTI_PERIOD.fullmatch(key))
        ):
            # Initials and acronyms: "Jonas E. Smith", "the U.S. Government" go on; only a
            # word that begins sentences ("the U.S. How ...") starts a new one.
            if key in self.ending:
                return end
            return end if self._starts_sentence(text, k, word) else -1
        if self.ordinal and self._is_ordinal(key, window, raw, word):
            return end if self._starts_sentence(text, k, word) else -1
        return end

    def _is_ordinal(self, key: str, window: str, raw: str, word: str) -> bool:
        """Whether a number before a period reads as an ordinal ("vom 12. Juni", "XII. Pluk").

        Only in languages that write ordinals with a period. A roman numeral is taken as
        ordinal; an arabic one when a month follows or the word before it is one that takes
        an ordinal ("am", "im", "der", ...) or an ordinal itself ("1. -3. Jahrhundert"), so
        "auf Seite 45. Lies weiter" still ends after the number.
        """
        if _ROMAN.fullmatch(key):
            return True
        if not (key.isdigit() and len(key) <= 3) and not (
            key[:1] in "-–" and key[1:].isdigit() and len(key) <= 4
        ):
            return False
        if word.lower() in self.months:
            return True
        before = _previous_token(window, raw)
        return before in self.ordinal_cues or bool(_ORDINAL_TOKEN.fullmatch(before))

    def _decide_missing_space(
        self, text: str, pos: int, start: int, extra: Exceptions | None
    ) -> int:
        """ "жағдайы.XVIII ғасырдың": a period glued to a capital after a lowercase word."""
        lo = pos - 48 if pos - 48 > start else start
        window = text[lo:pos]
        if not window or window[-1].isspace():
            return -1
        raw = window.rsplit(None, 1)[-1]
        right = _TOKEN_RIGHT.match(text, pos + 1).group()
        whole = raw + right
        if "@" in whole or "/" in whole or ":" in whole or raw.lower().startswith("www"):
            return -1  # e-mail addresses, URLs, file paths
        key = _key(raw)
        if key in self.never or key in self.numeric:
            return -1
        if extra is not None and extra.blocks(text, raw, key, ".", pos):
            return -1
        return pos + 1


_KEY_LEAD = OPENERS + BULLETS


def _opens_sentence(text: str, start: int, tok_start: int) -> bool:
    """Whether only whitespace and bullets stand between the sentence start and a token."""
    return tok_start - start <= 12 and not text[start:tok_start].strip(_WS_BULLETS)


def _item_start(ch: str) -> bool:
    """Whether a list item may start with ``ch``: a capital or a caseless letter."""
    return ch.isalpha() and not ch.islower()


def _previous_token(window: str, raw: str) -> str:
    """The whitespace-separated token before ``raw`` at the end of ``window``."""
    parts = window[: len(window) - len(raw)].rsplit(None, 1)
    return parts[-1] if parts else ""


def _key(raw: str) -> str:
    """The word before a period as the abbreviation lists spell it.

    Leading quotes and brackets go ("(ad" is "ad"), trailing ones too (a Hebrew "וכו'" is
    "וכו"), and an elided article goes in French and Italian ("l'Ing" is "Ing").
    """
    if raw.isalnum():
        return raw
    key = raw.lstrip(_KEY_LEAD).rstrip(CLOSERS)
    if "'" not in key and "’" not in key:
        return key
    i = max(key.rfind("'"), key.rfind("’"))
    if 0 < i <= 5 and i < len(key) - 1:
        head = key[:i]
        if head.isascii() and head.isalpha():
            key = key[i + 1 :]
    return key


def _emit(text: str, a: int, b: int, out: list[Sentence], nonws: object) -> None:
    """Append ``text[a:b]`` without its surrounding whitespace, if anything is left."""
    if text[a].isspace():
        m = nonws(text, a, b)  # type: ignore[operator]
        if m is None:
            return
        a = m.start()
    s = text[a:b].rstrip()
    out.append(Sentence(s, a, a + len(s)))
