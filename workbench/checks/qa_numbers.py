"""numbers: a number, date, time or id of the source is missing from the target, or the reverse.

A wrong number in a translation is invisible to a reader and can be costly (a date, a page,
an amount), so this is an error. The check compares *values*, not spellings, because every
language writes numbers its own way:

* thousands: "1,000" = "1 000" = "1 000" (no-break or narrow space) = "1.000" = "1'000";
* decimals: "3.5" = "3,5"; "1,250" may be 1250 or 1.25 and matches either;
* dates: "12/24/17" = "24.12.2017" = "2017-12-24"; the corpus keeps M/D/YY as it is
  ("1/23/19" in Russian and Spanish), which simply matches, and a date written with a
  month name ("24 декабря 2017") matches when its day and year are there;
* times and timecodes: "(00:42)", "10:30" (= German "10.30", French "10 h 30");
* ordinals: "2nd", "2-й", "2.ª", "2e", "2." are the number 2;
* post ids: "[219485]" and "(219485)" are the same number 219485;
* optionally (``ctx.options["number_words"]``, on by default) a small number written as a
  word on the other side: "5" and "пять"/"пятый", "cinco", "fünf", "cinq"; only 0-12 and
  their ordinals, where the mapping is trivial.

Presence is compared, not counts: a translator may replace the second "10" of a sentence
by "them". Kinds: ``missing-number`` (in the source, not the target; the span is in the
source), ``extra-number`` (in the target only) and ``different-number`` when exactly one
number is missing and one is extra, i.e. one number was simply changed; that one comes with
the source number as the suggestion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.checks.base import Check, CheckContext, Finding, SegmentPair, register
from workbench.checks.qa_common import line_no

__all__ = ["NumbersCheck", "extract_numbers"]

Key = tuple[str, ...]

_DATE = re.compile(r"(?<![\d.,/:])(\d{1,4})([./])(\d{1,2})\2(\d{2,4})(?![\d/])(?![.,]\d)")
_ISO_DATE = re.compile(r"(?<![\d.,/:\-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-])")
_TIME = re.compile(r"(?<![\d:.,])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])(?![.,]\d)")
_NUMBER = re.compile(r"\d+(?:(?:[.,\u00a0\u202f\u2009\u2007'’]| (?=\d{3}(?!\d)))\d+)*")


@dataclass(frozen=True)
class NumberToken:
    """One number as written: where it is, its text and the values it may stand for."""

    line: int
    start: int
    end: int
    raw: str
    keys: frozenset[Key]
    kind: str = "number"  # "number", "date" or "time"
    # the values a form in words keeps: (day, year) of a date, (hours, minutes) of a time
    date_parts: tuple[Key, ...] = ()


def _digits(text: str) -> str:
    """ASCII digits of ``text`` (any script's decimal digits), without leading zeros."""
    ascii_digits = "".join(str(unicodedata.digit(ch, 0)) for ch in text)
    return ascii_digits.lstrip("0") or "0"


def _num_key(int_part: str, frac: str = "") -> Key:
    frac_digits = "".join(str(unicodedata.digit(ch, 0)) for ch in frac).rstrip("0")
    return ("n", _digits(int_part), frac_digits)


def _small(text: str) -> int:
    """The value of a short digit run (dates, times): at most four digits, so no huge ints."""
    return int(_digits(text)[-4:])


def _date_keys(a: str, b: str, c: str, iso: bool = False) -> tuple[set[Key], tuple[Key, ...]]:
    """Every (year, month, day) reading of a three-part date that is a valid calendar date.

    The year is compared modulo 100 so that "17" and "2017" match. The day and year number
    keys let "24 декабря 2017" stand for "12/24/17".
    """
    x, y, z = _small(a), _small(b), _small(c)
    readings = [(x, y, z)] if iso else [(z, x, y), (z, y, x), (x, y, z)]  # y-m-d candidates
    keys: set[Key] = set()
    parts: list[Key] = []
    for year, month, day in readings:
        if 1 <= month <= 12 and 1 <= day <= 31:
            keys.add(("date", str(year % 100), str(month), str(day)))
            parts.extend([("n", str(day), ""), ("year", str(year % 100))])
    return keys, tuple(dict.fromkeys(parts))


def _interpret(raw: str) -> list[tuple[int, int, frozenset[Key]]]:
    """The number(s) in a digit run with separators, with their offsets in ``raw``.

    Separators are read as thousands or decimal marks when the grouping allows it; otherwise
    the run is several numbers ("1,2,3", "2017 200" does not arise: a plain space groups only
    three-digit groups).
    """
    groups = []
    for match in re.finditer(r"\d+", raw):
        groups.append((match.start(), match.end(), match.group()))
    seps = [raw[groups[i][1] : groups[i + 1][0]] for i in range(len(groups) - 1)]
    whole = (0, len(raw))

    def split() -> list[tuple[int, int, frozenset[Key]]]:
        return [(s, e, frozenset({_num_key(g)})) for s, e, g in groups]

    if not seps:
        return [(*whole, frozenset({_num_key(raw)}))]
    digits = [g for _s, _e, g in groups]
    puncts = [s for s in seps if s in ".,"]
    thousands_ok = len(digits[0]) <= 3
    if not puncts:
        if thousands_ok and all(len(g) == 3 for g in digits[1:]):
            return [(*whole, frozenset({_num_key("".join(digits))}))]
        return split()
    last = seps[-1]
    if len(puncts) == 1 and last in ".,":
        int_groups, frac = digits[:-1], digits[-1]
        if len(int_groups) > 1 and not (thousands_ok and all(len(g) == 3 for g in int_groups[1:])):
            return split()
        keys: set[Key] = {_num_key("".join(int_groups), frac)}
        if len(int_groups) == 1 and len(frac) == 3 and thousands_ok and _digits(digits[0]) != "0":
            keys.add(_num_key(digits[0] + frac))  # "1,250": 1250 in English, 1.25 in German
        if (
            len(int_groups) == 1
            and len(frac) == 2
            and _small(digits[0]) <= 24
            and _small(frac) < 60
        ):
            keys.add(("time", str(_small(digits[0])), str(_small(frac)), "0"))  # "10.30 Uhr"
        return [(*whole, frozenset(keys))]
    if len(set(puncts)) == 1 and last not in ".,":
        return split()
    if len(set(puncts)) == 1:
        # "1,000,000" or "1.000.000": the same mark between three-digit groups
        if thousands_ok and all(len(g) == 3 for g in digits[1:]):
            return [(*whole, frozenset({_num_key("".join(digits))}))]
        return split()
    # "1,000.5" / "1.000,5" / "1 000,5": the last mark is decimal, the others group thousands
    if (
        last in ".,"
        and last not in seps[:-1]
        and thousands_ok
        and all(len(g) == 3 for g in digits[1:-1])
    ):
        return [(*whole, frozenset({_num_key("".join(digits[:-1]), digits[-1])}))]
    return split()


def extract_numbers(text: str, line: int = 0) -> list[NumberToken]:
    """Every number, date and time of ``text`` in reading order, with its possible values."""
    tokens: list[NumberToken] = []
    taken = [False] * len(text)

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def take(start: int, end: int) -> None:
        for i in range(start, end):
            taken[i] = True

    for pattern, iso in ((_ISO_DATE, True), (_DATE, False)):
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            if iso:
                keys, parts = _date_keys(m.group(1), m.group(2), m.group(3), iso=True)
            else:
                keys, parts = _date_keys(m.group(1), m.group(3), m.group(4))
            if keys:
                take(m.start(), m.end())
                tokens.append(
                    NumberToken(line, m.start(), m.end(), m.group(), frozenset(keys), "date", parts)
                )
    for m in _TIME.finditer(text):
        if not free(m.start(), m.end()):
            continue
        hours, minutes, seconds = m.group(1), m.group(2), m.group(3) or "0"
        if _small(minutes) >= 60 or _small(seconds) >= 60:
            continue
        take(m.start(), m.end())
        key = ("time", str(_small(hours)), str(_small(minutes)), str(_small(seconds)))
        parts = (("n", str(_small(hours)), ""), ("n", str(_small(minutes)), ""))
        tokens.append(
            NumberToken(line, m.start(), m.end(), m.group(), frozenset({key}), "time", parts)
        )
    for m in _NUMBER.finditer(text):
        for start, end, keys in _interpret(m.group()):
            start, end = m.start() + start, m.start() + end
            if free(start, end):
                take(start, end)
                tokens.append(NumberToken(line, start, end, text[start:end], keys))
    tokens.sort(key=lambda t: (t.start, t.end))
    return tokens


# Small numbers as words (cardinal and ordinal), to excuse "5" against "пять" / "fifth".
_RU_ADJ = r"(?:ый|ой|ий|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ые|ие|ых|их|ыми|ими)"
_NUMBER_WORDS: dict[str, dict[int, str]] = {
    "en": {
        0: "zero|nought",
        1: "one|first|once",
        2: "two|second|twice",
        3: "three|third|thrice",
        4: "four|fourth",
        5: "five|fifth",
        6: "six|sixth",
        7: "seven|seventh",
        8: "eight|eighth",
        9: "nine|ninth",
        10: "ten|tenth",
        11: "eleven|eleventh",
        12: "twelve|twelfth",
    },
    "ru": {
        0: "ноль|нуль|нол[яюеь]|нул[яюеь]",
        1: f"один|одна|одно|одного|одной|одному|одним|одном|одну|перв{_RU_ADJ}",
        2: f"два|две|двух|двум|двумя|оба|обе|втор{_RU_ADJ}",
        3: "три|трёх|трех|трём|трем|тремя|трет(?:ий|ья|ье|ьего|ьему|ьим|ьем|ью|ьи|ьих|ьими)",
        4: f"четыре|четырёх|четырех|четырём|четырем|четырьмя|четв[её]рт{_RU_ADJ}",
        5: f"пять|пяти|пятью|пят{_RU_ADJ}",
        6: f"шесть|шести|шестью|шест{_RU_ADJ}",
        7: f"семь|семи|семью|седьм{_RU_ADJ}",
        8: f"восемь|восьми|восемью|восьмью|восьм{_RU_ADJ}",
        9: f"девять|девяти|девятью|девят{_RU_ADJ}",
        10: f"десять|десяти|десятью|десят{_RU_ADJ}",
        11: "одиннадцать|одиннадцати",
        12: "двенадцать|двенадцати",
    },
    "es": {
        0: "cero",
        1: "uno|una|un|primer|primeros?|primeras?",
        2: "dos|segundos?|segundas?",
        3: "tres|tercer|terceros?|terceras?",
        4: "cuatro|cuartos?|cuartas?",
        5: "cinco|quintos?|quintas?",
        6: "seis|sextos?|sextas?",
        7: "siete|séptimos?|séptimas?",
        8: "ocho|octavos?|octavas?",
        9: "nueve|novenos?|novenas?",
        10: "diez|décimos?|décimas?",
        11: "once",
        12: "doce",
    },
    "pt": {
        0: "zero",
        1: "um|uma|primeiros?|primeiras?",
        2: "dois|duas|segundos?|segundas?",
        3: "três|terceiros?|terceiras?",
        4: "quatro|quartos?|quartas?",
        5: "cinco|quintos?|quintas?",
        6: "seis|sextos?|sextas?",
        7: "sete|sétimos?|sétimas?",
        8: "oito|oitavos?|oitavas?",
        9: "nove|nonos?|nonas?",
        10: "dez|décimos?|décimas?",
        11: "onze",
        12: "doze",
    },
    "de": {
        0: "null",
        1: "ein|eine|einer|eines|einem|einen|eins|erste[nmrs]?",
        2: "zwei|zweite[nmrs]?",
        3: "drei|dritte[nmrs]?",
        4: "vier|vierte[nmrs]?",
        5: "fünf|fünfte[nmrs]?",
        6: "sechs|sechste[nmrs]?",
        7: "sieben|siebte[nmrs]?",
        8: "acht|achte[nmrs]?",
        9: "neun|neunte[nmrs]?",
        10: "zehn|zehnte[nmrs]?",
        11: "elf|elfte[nmrs]?",
        12: "zwölf|zwölfte[nmrs]?",
    },
    "fr": {
        0: "zéro",
        1: "un|une|premiers?|premières?",
        2: "deux|deuxièmes?|seconds?|secondes?",
        3: "trois|troisièmes?",
        4: "quatre|quatrièmes?",
        5: "cinq|cinquièmes?",
        6: "six|sixièmes?",
        7: "sept|septièmes?",
        8: "huit|huitièmes?",
        9: "neuf|neuvièmes?",
        10: "dix|dixièmes?",
        11: "onze|onzièmes?",
        12: "douze|douzièmes?",
    },
    "it": {
        0: "zero",
        1: "uno|una|un|primo|prima|primi|prime",
        2: "due|secondo|seconda|secondi|seconde",
        3: "tre|terzo|terza|terzi|terze",
        4: "quattro|quarto|quarta|quarti|quarte",
        5: "cinque|quinto|quinta|quinti|quinte",
        6: "sei|sesto|sesta|sesti|seste",
        7: "sette|settimo|settima|settimi|settime",
        8: "otto|ottavo|ottava|ottavi|ottave",
        9: "nove|nono|nona|noni|none",
        10: "dieci|decimo|decima|decimi|decime",
        11: "undici",
        12: "dodici",
    },
}
_WORD_PATTERNS: dict[tuple[str, int], re.Pattern[str]] = {}


def _has_number_word(text: str, lang: str, key: Key) -> bool:
    """Whether ``text`` (in ``lang``) spells the small whole number of ``key`` as a word."""
    lang = lang.split("-")[0].lower()
    table = _NUMBER_WORDS.get(lang)
    if table is None or key[0] != "n" or key[2] or len(key[1]) > 2:
        return False
    value = int(key[1])
    if value not in table:
        return False
    pattern = _WORD_PATTERNS.get((lang, value))
    if pattern is None:
        pattern = _WORD_PATTERNS[(lang, value)] = re.compile(
            rf"(?<!\w)(?:{table[value]})(?!\w)", re.IGNORECASE
        )
    return pattern.search(text) is not None


def _covered(token: NumberToken, others: list[NumberToken]) -> bool:
    return any(token.keys & other.keys for other in others)


def _covered_by_parts(date: NumberToken, others: list[NumberToken]) -> list[NumberToken]:
    """The tokens of ``others`` that spell ``date`` in words: a date with a month name ("24
    декабря 2017": its day and its year), a time as "10 h 30" (its hours and minutes)."""
    if date.kind == "time":
        hour, minute = date.date_parts
        hour_token = next((o for o in others if hour in o.keys), None)
        minute_token = next((o for o in others if o is not hour_token and minute in o.keys), None)
        if hour_token is None or minute_token is None:
            return []
        return [hour_token, minute_token]
    days = [k for k in date.date_parts if k[0] == "n"]
    years = {int(k[1]) for k in date.date_parts if k[0] == "year"}

    def is_year(token: NumberToken) -> bool:
        return any(
            k[0] == "n" and not k[2] and len(k[1]) in (2, 4) and int(k[1]) % 100 in years
            for k in token.keys
        )

    for day in days:
        day_token = next((o for o in others if day in o.keys), None)
        year_token = next((o for o in others if o is not day_token and is_year(o)), None)
        if day_token is not None and year_token is not None:
            return [day_token, year_token]
    return []


def _restyle(src: str, tgt: str) -> str:
    """The source number written with the target's decimal mark when that is all that differs."""
    if re.fullmatch(r"\d+\.\d+", src) and re.fullmatch(r"\d+,\d+", tgt):
        return src.replace(".", ",")
    if re.fullmatch(r"\d+,\d+", src) and re.fullmatch(r"\d+\.\d+", tgt):
        return src.replace(",", ".")
    return src


def _unique(tokens: list[NumberToken]) -> list[NumberToken]:
    seen: set[frozenset[Key]] = set()
    result = []
    for token in tokens:
        if token.keys not in seen:
            seen.add(token.keys)
            result.append(token)
    return result


@register
class NumbersCheck(Check):
    id = "numbers"
    severity = "error"
    scope = "segment"
    description = (
        "Error: a number, date, time, percentage or post id of the source is missing from the "
        "target or the target has one the source lacks; locale formats (1,000 / 1 000 / "
        "1.000, 3.5 / 3,5), dates kept as M/D/YY or rewritten, ordinal marks (2nd / 2-й / "
        "2.ª) and small numbers written as words are accepted."
    )

    def check_segment(self, pair: SegmentPair, ctx: CheckContext) -> Iterator[Finding]:
        src = [
            tok
            for index, text in enumerate(pair.src)
            for tok in extract_numbers(text, line_no(pair.src_lines, index))
        ]
        tgt = [
            tok
            for index, text in enumerate(pair.tgt)
            for tok in extract_numbers(text, line_no(pair.tgt_lines, index))
        ]
        if not src and not tgt:
            return
        if not any(t.strip() for t in pair.tgt) or not any(s.strip() for s in pair.src):
            return  # an untranslated or added line is the untranslated check's business
        missing = [t for t in src if not _covered(t, tgt)]
        extra = [t for t in tgt if not _covered(t, src)]
        for dates, others, unmatched in ((missing, tgt, extra), (extra, src, missing)):
            for date in [t for t in dates if t.kind in ("date", "time")]:
                parts = _covered_by_parts(date, others)
                if parts:
                    dates.remove(date)
                    for part in parts:
                        if part in unmatched:
                            unmatched.remove(part)
        if ctx.options.get("number_words", True):
            src_text, tgt_text = " ".join(pair.src), " ".join(pair.tgt)
            missing = [
                t
                for t in missing
                if not any(_has_number_word(tgt_text, ctx.tgt_lang, k) for k in t.keys)
            ]
            extra = [
                t
                for t in extra
                if not any(_has_number_word(src_text, ctx.src_lang, k) for k in t.keys)
            ]
        missing, extra = _unique(missing), _unique(extra)
        common = {
            "check": self.id,
            "severity": "error",
            "src_lines": pair.src_lines,
            "tgt_lines": pair.tgt_lines,
            "ref": pair.ref,
        }
        if len(missing) == 1 and len(extra) == 1:
            s, t = missing[0], extra[0]
            suggestion = _restyle(s.raw, t.raw)
            yield Finding(
                kind="different-number",
                message=f"the target has {t.raw!r} where the source has {s.raw!r}",
                found=t.raw,
                span=(t.start, t.end),
                span_line=t.line,
                suggestion=suggestion,
                extra={
                    "source_number": s.raw,
                    "source_line": s.line,
                    "source_span": (s.start, s.end),
                },
                **common,  # type: ignore[arg-type]
            )
            return
        for s in missing:
            yield Finding(
                kind="missing-number",
                message=f"{s.raw!r} is in the source but not in the target",
                found=s.raw,
                span=(s.start, s.end),
                span_line=s.line,
                side="source",
                **common,  # type: ignore[arg-type]
            )
        for t in extra:
            yield Finding(
                kind="extra-number",
                message=f"{t.raw!r} is in the target but not in the source",
                found=t.raw,
                span=(t.start, t.end),
                span_line=t.line,
                **common,  # type: ignore[arg-type]
            )
