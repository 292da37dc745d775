"""end-punctuation: the target ends differently, or breaks the target language's punctuation rules.

All kinds are warnings: punctuation is worth a look but rarely changes the meaning, and a
translator may legitimately turn "Stop here." into "Остановимся!".

* ``end-mark`` – the last mark differs: a question in the source is not one in the target
  (or the reverse), likewise "!", or period / ellipsis / colon / semicolon / comma / none
  differ. Quotes, brackets and emphasis markers after the final mark are looked through
  ("…give back.”" ends with a period, "¿Por qué?»" with a question mark); "..." and "…" are
  the same mark; a period after a closing quote that follows ? or ! ("«Почему?».") counts as
  the inner mark.
* ``spanish-inverted`` – Spanish target: a question or exclamation closed by ? or ! has no
  opening ¿ or ¡ (anywhere since the previous ? or !, so "Entonces, ¿el grupo…?" and
  "¿Lo dijo el Dr. Cohen?" are fine), or an opening mark is never closed. The suggestion puts
  the opening mark at the start of the sentence.
* ``french-spacing`` – French target: no space before ; : ! ? or inside « », where French
  typography has a no-break space (U+202F narrow before ; ! ?, U+00A0 before : and inside
  guillemets). A plain breaking space is accepted unless ``ctx.options["french_nbsp"]`` is
  true, because most tools cannot type a no-break space and the text is still readable;
  times (10:30), URLs and "?!" runs are not reported.
* ``speaker-label`` – the source starts with a speaker label (Question:, Answer:, Reader:,
  M. Laitman:, after an optional timecode "(00:42)") and the target does not, or the target
  has a label the source lacks, or the labels are different speakers (Question: → Ответ:).
  Known labels are mapped per language (Вопрос:, Pregunta:, Frage:, Question :, Domanda:).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import has_text, line_no

__all__ = ["EndPunctuationCheck", "end_mark", "speaker_label"]

_INVISIBLE = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b"
_CLOSERS = "\"'”’»›)]}」』“‘*_`" + _INVISIBLE
_MARKS = ".?!…;:,。？！؟׃‽．"
_QUESTION = "?？؟‽"
_EXCLAMATION = "!！‽"
_PERIOD = ".。׃．"

_NAMES = {
    "question": "a question mark",
    "exclamation": "an exclamation mark",
    "ellipsis": "an ellipsis",
    "period": "a period",
    "colon": "a colon",
    "semicolon": "a semicolon",
    "comma": "a comma",
    "none": "no punctuation",
}
_SYMBOL = {
    "question": "?",
    "exclamation": "!",
    "ellipsis": "…",
    "period": ".",
    "colon": ":",
    "semicolon": ";",
    "comma": ",",
    "none": "",
}


@dataclass(frozen=True)
class EndMark:
    """The final punctuation of a line: its class, the marks and where they are."""

    kind: str
    marks: str
    start: int
    end: int
    question: bool = False
    exclamation: bool = False


def end_mark(text: str) -> EndMark:
    """The final punctuation of ``text``, looking through closing quotes and brackets."""

    def skip_closers(i: int) -> int:
        while i > 0 and (text[i - 1] in _CLOSERS or text[i - 1].isspace()):
            i -= 1
        return i

    def skip_marks(i: int) -> int:
        while i > 0 and text[i - 1] in _MARKS:
            i -= 1
        return i

    i = skip_closers(len(text))
    j = skip_marks(i)
    run = text[j:i]
    if run == "." and j > 0 and text[j - 1] in _CLOSERS:
        # «Почему?». / “…career…”. : the mark inside the quote ends the sentence
        k = skip_closers(j)
        m = skip_marks(k)
        if any(c in _QUESTION + _EXCLAMATION + "…" for c in text[m:k]):
            run, j, i = text[m:k], m, k
    question = any(c in _QUESTION for c in run)
    exclamation = any(c in _EXCLAMATION for c in run)
    if question:
        kind = "question"
    elif exclamation:
        kind = "exclamation"
    elif "…" in run or "..." in run:
        kind = "ellipsis"
    elif run and run[-1] in _PERIOD:
        kind = "period"
    elif run and run[-1] == ":":
        kind = "colon"
    elif run and run[-1] == ";":
        kind = "semicolon"
    elif run and run[-1] == ",":
        kind = "comma"
    else:
        kind = "none"
    return EndMark(kind, run, j, i, question, exclamation)


# Speaker labels by role; the first of each language is what the corpus writes.
_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    "question": {
        "en": ("Question", "Q"),
        "ru": ("Вопрос",),
        "uk": ("Питання", "Запитання"),
        "es": ("Pregunta",),
        "pt": ("Pergunta",),
        "de": ("Frage",),
        "fr": ("Question",),
        "it": ("Domanda",),
        "he": ("שאלה",),
    },
    "answer": {
        "en": ("Answer", "A"),
        "ru": ("Ответ",),
        "uk": ("Відповідь",),
        "es": ("Respuesta",),
        "pt": ("Resposta",),
        "de": ("Antwort",),
        "fr": ("Réponse",),
        "it": ("Risposta",),
        "he": ("תשובה",),
    },
    "remark": {
        "en": ("Remark",),
        "ru": ("Реплика", "Замечание"),
        "es": ("Observación",),
        "pt": ("Observação",),
        "de": ("Bemerkung", "Anmerkung"),
        "fr": ("Remarque",),
        "it": ("Osservazione",),
    },
    "comment": {
        "en": ("Comment",),
        "ru": ("Комментарий",),
        "es": ("Comentario",),
        "pt": ("Comentário",),
        "de": ("Kommentar",),
        "fr": ("Commentaire",),
        "it": ("Commento",),
    },
    "my-comment": {
        "en": ("My Comment",),
        "ru": ("Мой комментарий",),
        "es": ("Mi comentario",),
        "pt": ("Meu comentário",),
        "de": ("Mein Kommentar",),
        "fr": ("Mon commentaire",),
        "it": ("Il mio commento",),
    },
    "my-answer": {
        "en": ("My Answer",),
        "ru": ("Мой ответ",),
        "es": ("Mi respuesta",),
        "pt": ("Minha resposta",),
        "de": ("Meine Antwort",),
        "fr": ("Ma réponse",),
        "it": ("La mia risposta",),
    },
    "reader": {
        "en": ("Reader",),
        "ru": ("Чтец",),
        "es": ("Lector",),
        "pt": ("Leitor",),
        "de": ("Leser", "Vorleser"),
        "fr": ("Lecteur",),
        "it": ("Lettore",),
    },
}
_ROLE_OF = {
    name.casefold(): role
    for role, by_lang in _LABELS.items()
    for names in by_lang.values()
    for name in names
}
_LEAD = re.compile(r"\s*(?:[>#*•\-–—]+\s*)?(?:\(?\d{1,2}:\d{2}(?::\d{2})?\)?\s*)?")
_LABEL = re.compile(
    r"((?:[^\W\d_][\w'’.\-]*[ \u00a0]){0,3}[^\W\d_][\w'’.\-]*)[ \u00a0\u202f]?:(?=\s|$)"
)


@dataclass(frozen=True)
class Label:
    """A speaker label at the start of a line: the words, the role if known, the span."""

    text: str
    role: str | None
    start: int
    end: int
    named: bool  # every word capitalised (a name such as "M. Laitman")


def speaker_label(text: str) -> Label | None:
    """The speaker label at the start of ``text`` ("Question:", "(00:42) M. Laitman:")."""
    lead = _LEAD.match(text)
    start = lead.end() if lead else 0
    m = _LABEL.match(text, start)
    if m is None:
        return None
    label = m.group(1)
    role = _ROLE_OF.get(label.casefold())
    words = label.split()
    named = all(w[0].isupper() for w in words) and (
        len(words) >= 2 or role is not None or "." in label
    )
    return Label(label, role, m.start(1), m.end(), named)


def _spanish_inverted(line: str) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, found, suggestion)`` for each ?/! without ¿/¡ and each ¿/¡ unclosed."""
    previous = 0
    for m in re.finditer(r"[?!]+", line):
        if m.end() < len(line) and line[m.end()].isalnum():
            previous = m.end()
            continue  # "?q=" in a URL
        segment = line[previous : m.start()]
        if "¿" not in segment and "¡" not in segment and has_text(segment):
            start = _sentence_start(line, previous, m.start())
            if m.end() < len(line) and line[m.end()] in "»”\"'" and line[start] in "«“\"'":
                start += 1
            opener = "¿" if "?" in m.group() else "¡"
            found = line[start : m.end()]
            yield start, m.end(), found, opener + found
        previous = m.end()
    for m in re.finditer(r"[¿¡]+", line):
        rest = line[m.end() :]
        nxt = re.search(r"[?!¿¡]", rest)
        if nxt is None or rest[nxt.start()] in "¿¡":
            closer = "?" if m.group()[-1] == "¿" else "!"
            end = m.end() + (nxt.start() if nxt else len(rest.rstrip()))
            found = line[m.start() : end]
            yield m.start(), end, found, found.rstrip(".…;:,") + closer


def _sentence_start(line: str, lower: int, upper: int) -> int:
    """Where the sentence that ends at ``upper`` begins: after the last . … : ; in between.

    A period after a short capitalised word ("Dr.", "M.") is an abbreviation, not the end of
    a sentence, so "Lo dijo el Dr. Cohen?" gets its ¿ before "Lo".
    """
    start = lower
    for m in re.finditer(r"[.…:;](?=\s)", line[lower:upper]):
        before = re.search(r"(\w+)$", line[lower : lower + m.start()])
        if (
            m.group() == "."
            and before
            and before.group(1)[0].isupper()
            and len(before.group(1)) <= 2
        ):
            continue
        start = lower + m.end()
    while start < upper and line[start].isspace():
        start += 1
    return start


_NBSP = "\u00a0\u202f"


def _french_spacing(line: str, strict: bool) -> Iterator[tuple[int, int, str, str]]:
    """``(start, end, found, suggestion)`` for each mark lacking its French space."""
    for i, ch in enumerate(line):
        if ch in ";:!?" and i > 0:
            prev = line[i - 1]
            nxt = line[i + 1] if i + 1 < len(line) else ""
            if prev in _NBSP or prev in ";:!?([{«“\"'/" or (prev.isspace() and not strict):
                continue
            if nxt.isalnum() or (nxt != "" and nxt in "/\\@=&#"):
                continue  # not punctuation of the sentence: 10:30, https://, mailto:x, ?q=1
            if ch == ";" and re.search(r"&#?\w+$", line[:i]):
                continue  # an HTML entity
            if ch == ":" and nxt != "" and nxt in ")(" and prev.isspace():
                continue  # a smiley
            space = "\u00a0" if ch == ":" else "\u202f"
            if prev.isspace():
                yield i - 1, i + 1, prev + ch, space + ch
            else:
                yield i - 1, i + 1, prev + ch, prev + space + ch
        elif ch == "«" and i + 1 < len(line):
            nxt = line[i + 1]
            if nxt in _NBSP or (nxt.isspace() and not strict):
                continue
            if nxt.isspace():
                yield i, i + 2, ch + nxt, ch + "\u00a0"
            else:
                yield i, i + 2, ch + nxt, ch + "\u00a0" + nxt
        elif ch == "»" and i > 0:
            prev = line[i - 1]
            if prev in _NBSP or (prev.isspace() and not strict):
                continue
            if prev.isspace():
                yield i - 1, i + 1, prev + ch, "\u00a0" + ch
            else:
                yield i - 1, i + 1, prev + ch, prev + "\u00a0" + ch


@register
class EndPunctuationCheck(Check):
    id = "end-punctuation"
    severity = "warning"
    scope = "segment"
    description = (
        "Warning: the target's final punctuation differs from the source's (? ! . … : or "
        "none, looking through closing quotes), a Spanish ?/! lacks its opening ¿/¡, French "
        "lacks the space before ; : ! ? or inside « », or a speaker label (Question: / "
        "Вопрос: / Pregunta:) is missing or differs."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        src = [(i, t) for i, t in enumerate(pair.src) if t.strip()]
        tgt = [(i, t) for i, t in enumerate(pair.tgt) if t.strip()]
        if not tgt:
            return
        lang = ctx.tgt_lang.split("-")[0].lower()

        def finding(kind: str, message: str, **kw: object) -> Finding:
            return Finding(
                check=self.id,
                kind=kind,
                severity="warning",
                message=message,
                src_lines=pair.src_lines,
                tgt_lines=pair.tgt_lines,
                ref=pair.ref,
                **kw,  # type: ignore[arg-type]
            )

        if src and has_text(" ".join(t for _i, t in src)):
            yield from self._end(src[-1][1], tgt[-1], pair, finding)
            yield from self._labels(src[0][1], tgt[0], pair, lang, finding)
        for index, text in tgt:
            number = line_no(pair.tgt_lines, index)
            if lang == "es":
                for start, end, found, suggestion in _spanish_inverted(text):
                    opening = found[:1] in "¿¡"
                    yield finding(
                        "spanish-inverted",
                        f"{found[:1]!r} opens a sentence that is never closed with ? or !"
                        if opening
                        else "a Spanish question or exclamation needs its opening ¿ or ¡",
                        found=found,
                        span=(start, end),
                        span_line=number,
                        suggestion=suggestion,
                    )
            if lang == "fr":
                strict = bool(ctx.options.get("french_nbsp", False))
                for start, end, found, suggestion in _french_spacing(text, strict):
                    yield finding(
                        "french-spacing",
                        f"French puts a no-break space here: {found!r}",
                        found=found,
                        span=(start, end),
                        span_line=number,
                        suggestion=suggestion,
                    )

    def _end(
        self,
        source: str,
        target: tuple[int, str],
        pair: SegmentPair,
        finding: Callable[..., Finding],
    ) -> Iterator[Finding]:
        index, text = target
        s, t = end_mark(source), end_mark(text)
        if s.question != t.question:
            differs = True
        elif s.question:
            differs = False
        elif s.exclamation != t.exclamation:
            differs = True
        elif s.exclamation:
            differs = False
        else:
            differs = s.kind != t.kind
        if not differs:
            return
        if t.marks:
            span, found = (t.start, t.end), t.marks
            suggestion = _SYMBOL[s.kind]
        else:
            stop = t.start
            span, found = (max(stop - 1, 0), stop), text[max(stop - 1, 0) : stop]
            suggestion = found + _SYMBOL[s.kind]
        yield finding(
            "end-mark",
            f"the source ends with {_NAMES[s.kind]}, the target with {_NAMES[t.kind]}",
            found=found,
            span=span,
            span_line=line_no(pair.tgt_lines, index),
            suggestion=suggestion if s.kind != "none" or t.marks else None,
            extra={"source_end": s.marks, "target_end": t.marks},
        )

    def _labels(
        self,
        source: str,
        target: tuple[int, str],
        pair: SegmentPair,
        lang: str,
        finding: Callable[..., Finding],
    ) -> Iterator[Finding]:
        index, text = target
        number = line_no(pair.tgt_lines, index)
        s, t = speaker_label(source), speaker_label(text)
        s = s if s is not None and s.named else None
        expected = _LABELS.get(s.role, {}).get(lang, ()) if s and s.role else ()
        if s is not None and t is None:
            yield finding(
                "speaker-label",
                f"the source starts with the speaker label {s.text + ':'!r}, the target has "
                "no label followed by a colon",
                span_line=number,
                suggestion=(expected[0] + (" :" if lang == "fr" else ":")) if expected else None,
            )
        elif s is None and t is not None and t.role is not None:
            yield finding(
                "speaker-label",
                f"the target starts with the speaker label {t.text + ':'!r}, the source has none",
                found=text[t.start : t.end],
                span=(t.start, t.end),
                span_line=number,
            )
        elif s is not None and t is not None and s.role and t.role and s.role != t.role:
            yield finding(
                "speaker-label",
                f"the source label {s.text + ':'!r} ({s.role}) and the target label "
                f"{t.text + ':'!r} ({t.role}) are different speakers",
                found=text[t.start : t.end],
                span=(t.start, t.end),
                span_line=number,
                suggestion=(expected[0] + (" :" if lang == "fr" else ":")) if expected else None,
            )
