"""Gettext PO files: one document in one target language, for translators' CAT tools.

Written and read by code of our own. Reading is strict because polib silently accepts and
mangles malformed input (an unterminated string, a ``msgstr`` without ``msgid``, an unknown
escape) and a translation file damaged in an editor must be refused with the line to fix,
not imported half-right. Writing follows polib's and msgcat's layout without line wrapping
(so comments and long strings come back exactly); it is done here rather than with polib
because polib took ~40 µs an entry, slower than translate-toolkit, and a project exports
tens of thousands of entries at once. The tests read every file back with polib and
translate-toolkit too, and check it with ``msgfmt -c``.

Mapping of a :class:`~workbench.model.TranslationUnit` to a PO entry:

=========================  ==============================================================
workbench                  PO
=========================  ==============================================================
``unit.key``               ``msgctxt`` (stable, so the file finds its units again)
source text                ``msgid``
target text                ``msgstr`` (``""`` when there is no target)
status new / draft         ``#, fuzzy`` when there is text (a suggestion to check)
status translated /        no flag: final translations
reviewed / approved
exact status, revision     ``#. workbench: revision=3 status=reviewed kind=body`` (no
and kind                   ``revision=`` when there was no stored target at export)
required glossary terms    one ``#. glossary: Zeir Anpin → Зеир Анпин`` line per term
notes                      translator comments ``# ...``, one line per line of a note
document and paragraph     reference ``#: document:paragraph``
=========================  ==============================================================

``msgfmt -c`` refuses a translated entry whose ``msgstr`` does not begin and end with a line
break exactly when its ``msgid`` does. Such a translation (rare: segments are trimmed) is
written ``#, fuzzy`` with ``flag=newlines`` on the workbench line, so the file passes
``msgfmt -c``, the translator sees it needs attention, and :attr:`PoEntry.status` still
gives the stored status back when the flag is ours. No ``c-format`` or other format flag is
ever written, so ``%s`` or ``{0}`` in a post never trips a format check.

Strings use only the five escapes every PO reader knows (``\\\\ \\" \\n \\r \\t``); other
control characters are written as they are, which gettext accepts (translate-toolkit would
read ``\\a`` or ``\\f`` as plain letters). A file in the writer's own layout is read one
whole entry per regular-expression match; anything else (another tool's wrapping, CRLF,
obsolete entries, a defect) goes through the line-by-line parser, which reports defects.

Header: Project-Id-Version, Language, Language-Team, Plural-Forms (``PLURAL_FORMS``, two
forms by default), MIME and content type, X-Generator, X-Source-Language, X-Document, and
POT-Creation-Date / PO-Revision-Date only when a date is given, so the same units always
give the same bytes (``msgfmt -c`` then warns that PO-Revision-Date is missing; a warning,
not an error). Notes are split into lines (``\\r\\n`` and ``\\r`` become line breaks) and a
glossary line's own line breaks become spaces, because a PO comment is one line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

__all__ = [
    "PLURAL_FORMS",
    "PoCatalog",
    "PoEntry",
    "plural_forms",
    "po_language",
    "read_po",
    "write_po",
]

PLURAL_FORMS: dict[str, str] = {
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "he": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5);",
    "zh": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "tr": "nplurals=2; plural=(n != 1);",
}
_DEFAULT_PLURAL = "nplurals=2; plural=(n != 1);"
_FINAL = frozenset({Status.TRANSLATED, Status.REVIEWED, Status.APPROVED})
_WB_PREFIX = "workbench:"
_STATUSES = {status.value: status for status in Status}
_WB_ITEMS = re.compile(r"(?:(?:revision|status|kind|flag)=\S+\s*)+")
# the line as the writer makes it, read with one match; anything else goes item by item
_WB_LINE = re.compile(
    "workbench:(?: revision=([0-9]+))? status=("
    + "|".join(s.value for s in Status)
    + ")( flag=newlines)? kind=("
    + "|".join(k.value for k in ParagraphKind)
    + ")"
)
_KINDS = {kind.value: kind for kind in ParagraphKind}
_GLOSSARY_PREFIX = "glossary: "
_SURROGATE = re.compile("[\ud800-\udfff]")
_FSI, _PDI = "\u2068", "\u2069"  # gettext's quoting of file names with spaces in references


def po_language(lang: str) -> str:
    """A BCP 47 tag as gettext writes it: ``pt-BR`` → ``pt_BR``."""
    parts = lang.strip().replace("-", "_").split("_")
    return "_".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])


def plural_forms(lang: str) -> str:
    """The Plural-Forms header for ``lang`` (region first, then language, then two forms)."""
    code = po_language(lang)
    return PLURAL_FORMS.get(code) or PLURAL_FORMS.get(code.split("_")[0]) or _DEFAULT_PLURAL


def _one_line(value: str) -> str:
    return " ".join(value.split())


def _note_lines(notes: Sequence[str]) -> list[str]:
    lines: list[str] = []
    for note in notes:
        lines.extend(note.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return lines


def _reference(document: str, paragraph: int) -> str:
    # a reference is one line: line breaks in a name (never in a real one) become spaces
    document = document.replace("\r", " ").replace("\n", " ")
    name = f"{_FSI}{document}{_PDI}" if any(ch.isspace() for ch in document) else document
    return f"{name}:{paragraph}"


def _check_text(text: str, what: str, key: str, *, string: bool = True) -> None:
    """Refuse what gettext cannot hold: NUL anywhere, U+0004 in a string (msgfmt reserves
    it to separate msgctxt from msgid), unpaired surrogates (not UTF-8)."""
    if "\x00" in text:
        raise InputError(
            f"unit {key!r}: the {what} contains a NUL character, which PO cannot carry"
        )
    if string and "\x04" in text:
        raise InputError(
            f"unit {key!r}: the {what} contains U+0004, which gettext reserves as the "
            "context separator"
        )
    if _SURROGATE.search(text):
        raise InputError(f"unit {key!r}: the {what} contains an unpaired surrogate (not UTF-8)")


def _newlines_differ(source: str, target: str) -> bool:
    return source.startswith("\n") != target.startswith("\n") or source.endswith(
        "\n"
    ) != target.endswith("\n")


# Only the five escapes every PO reader knows; other control characters are written as they
# are (gettext reads them raw, and translate-toolkit decodes \a, \f etc. as plain letters).
_ESCAPE_OUT = re.compile('[\\\\"\n\r\t]')
_ESCAPES_OUT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote(text: str) -> str:
    """``text`` as the inside of a PO string (C escapes for the characters that need one)."""
    if _ESCAPE_OUT.search(text) is None:
        return text
    return _ESCAPE_OUT.sub(lambda m: _ESCAPES_OUT[m.group()], text)


def _field(keyword: str, text: str) -> str:
    """``keyword "text"``; a text with inner line breaks as gettext writes it: an empty
    first string, then one string per line, each ending in its ``\\n``."""
    newline = text.find("\n")
    if newline == -1 or newline == len(text) - 1:
        return f'{keyword} "{_quote(text)}"\n'
    parts = text.split("\n")
    pieces = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        pieces.append(parts[-1])
    return f'{keyword} ""\n' + "".join(f'"{_quote(piece)}"\n' for piece in pieces)


def write_po(
    units: Sequence[TranslationUnit],
    lang: str,
    *,
    project: str,
    source_lang: str,
    document: str | None = None,
    generator: str = "workbench 0.1.0",
    revision_date: datetime | None = None,
    last_translator: str | None = None,
) -> bytes:
    """The units as a UTF-8 PO file for translation into ``lang``; see the module doc.

    Raises ``InputError`` for a unit the format cannot carry (an empty key or source text, a
    key used twice, a NUL character, U+0004 in a text) before anything is produced.
    """
    metadata = {
        "Project-Id-Version": _one_line(project),
        "Report-Msgid-Bugs-To": "",
    }
    if revision_date is not None:
        stamp = _po_date(revision_date)
        metadata["POT-Creation-Date"] = stamp
        metadata["PO-Revision-Date"] = stamp
    if last_translator:
        metadata["Last-Translator"] = _one_line(last_translator)
    metadata.update(
        {
            "Language-Team": po_language(lang),
            "Language": po_language(lang),
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": plural_forms(lang),
            "X-Generator": _one_line(generator),
            "X-Source-Language": po_language(source_lang),
        }
    )
    if document:
        metadata["X-Document"] = _one_line(document)
    out = [
        f"# {_one_line(document or project)}: {source_lang} → {lang}\n",
        'msgid ""\nmsgstr ""\n',
        *(f'"{_quote(name)}: {_quote(value)}\\n"\n' for name, value in metadata.items()),
    ]
    seen: set[str] = set()
    for unit in units:
        key = unit.key
        if not key:
            raise InputError(f"a unit of {unit.document!r} has no key; PO needs one per entry")
        if key in seen:
            raise InputError(f"unit key {key!r} is used twice; keys must be unique in a file")
        seen.add(key)
        source = unit.source.text
        if not source:
            raise InputError(f"unit {key!r} has an empty source text; PO cannot carry it")
        target = unit.target(lang)
        text = target.text if target is not None else ""
        if "\x00" in key + source + text or "\x04" in key + source + text:
            for what, value in (("key", key), ("source text", source), ("translation", text)):
                _check_text(value, what, key)
        out.append("\n")
        for note in unit.notes:
            _check_text(note, "note", key, string=False)
            if "\n" in note or "\r" in note:
                out.extend(f"# {line}\n" for line in _note_lines((note,)))
            else:
                out.append(f"# {note}\n")
        for term in unit.required_terms:
            out.append(f"#. {_GLOSSARY_PREFIX}{_one_line(term)}\n")
        fuzzy = False
        if target is not None:
            machine = f"{_WB_PREFIX} revision={target.revision} status={target.status.value}"
            if text and target.status not in _FINAL:
                fuzzy = True
            elif text and _newlines_differ(source, text):
                fuzzy = True
                machine += " flag=newlines"
        else:
            machine = f"{_WB_PREFIX} status={Status.NEW.value}"
        out.append(f"#. {machine} kind={unit.kind.value}\n")
        out.append(f"#: {_reference(unit.document, unit.paragraph)}\n")
        if fuzzy:
            out.append("#, fuzzy\n")
        out.append(_field("msgctxt", key))
        out.append(_field("msgid", source))
        out.append(_field("msgstr", text))
    try:
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError:
        for unit in units:
            for value in (unit.key, unit.source.text, *(t.text for t in unit.targets)):
                _check_text(value, "text", unit.key)
        raise InputError("a text contains an unpaired surrogate (not UTF-8)") from None


def _po_date(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.strftime("%Y-%m-%d %H:%M%z")


# -- reading --------------------------------------------------------------------------------


@dataclass(slots=True)
class PoEntry:
    """One entry of a PO file as written, plus what the workbench line says about it.

    (A plain slotted dataclass: a frozen one sets each of its fields through
    ``object.__setattr__``, which was a fifth of the reading time.)

    ``line`` is the line of the entry's ``msgctxt`` (of ``msgid`` when it has none), where a
    person looks when an import reports a conflict. ``revision`` and ``status_hint`` are the
    target's revision and status at export (``None``: there was no stored target), read from
    the ``#. workbench:`` line; ``fuzzy`` is the flag as the file has it now.
    """

    key: str
    source: str
    target: str
    fuzzy: bool
    revision: int | None
    status_hint: Status | None
    translator_comments: tuple[str, ...]
    line: int
    required_terms: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    kind: ParagraphKind | None = None
    document: str | None = None
    paragraph: int | None = None
    fuzzy_for_newlines: bool = False

    @property
    def status(self) -> Status:
        """The status the entry stands for now.

        When the file still agrees with the export (the fuzzy flag is what the writer put
        there for the exported status and text), that exported status; otherwise what the
        translator's file says: empty → new, fuzzy → draft, else translated. An importer
        that finds the text changed must still lower reviewed or approved to translated.
        """
        hint = self.status_hint
        if self.revision is not None and hint is not None:
            expected = bool(self.target) and (
                hint not in _FINAL or _newlines_differ(self.source, self.target)
            )
            if self.fuzzy == expected:
                return hint
        if not self.target:
            return Status.NEW
        if self.fuzzy and not self.fuzzy_for_newlines:
            return Status.DRAFT
        return Status.TRANSLATED

    def to_unit(self, source_lang: str, lang: str) -> TranslationUnit:
        """The entry as a translation unit, as far as a PO file carries one (no dates;
        notes come back as one note of lines)."""
        targets: tuple[UnitText, ...] = ()
        if self.revision is not None or self.target:
            targets = (UnitText(lang, self.target, self.status, self.revision or 0),)
        return TranslationUnit(
            key=self.key,
            document=self.document or "",
            source=UnitText(source_lang, self.source),
            targets=targets,
            paragraph=self.paragraph or 0,
            kind=self.kind or ParagraphKind.BODY,
            required_terms=self.required_terms,
            notes=("\n".join(self.translator_comments),) if self.translator_comments else (),
        )


@dataclass
class PoCatalog:
    """A PO file as read: its header fields, languages and entries in file order."""

    header: dict[str, str]
    language: str | None
    entries: list[PoEntry] = field(default_factory=list)
    source_language: str | None = None
    document: str | None = None


_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"]|$)")
_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    '"': '"',
    "\\": "\\",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
}
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]+|[0-7]{1,3}|.?)", re.DOTALL)


def _unescape(body: str, filename: str, line: int) -> str:
    if "\\" not in body:
        return body
    # The usual escapes by plain replacing: split on the escaped backslash first, so every
    # backslash left starts an escape of the next character.
    parts = body.split("\\\\")
    for index, part in enumerate(parts):
        if "\\" in part:
            part = (
                part.replace("\\n", "\n")
                .replace('\\"', '"')
                .replace("\\t", "\t")
                .replace("\\r", "\r")
            )
            if "\\" in part:
                return _unescape_all(body, filename, line)
            parts[index] = part
    return "\\".join(parts)


def _unescape_all(body: str, filename: str, line: int) -> str:
    """Every escape gettext knows, one at a time; an unknown one is an ``InputError``."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        if code in _ESCAPES:
            return _ESCAPES[code]
        value: int | None = None
        if code[:1] == "x" and len(code) > 1:
            value = int(code[1:], 16)
        elif code and code[0] in "01234567":
            value = int(code, 8)
        if value is not None:
            # a numeric escape is a byte of the file's encoding; below 0x80 it is the same
            # character in UTF-8, above it would be half a character
            if value < 0x80:
                return chr(value)
            raise InputError(
                f"numeric escape \\{code} is not an ASCII character; write the character "
                "itself (the file is UTF-8)",
                file=filename,
                line=line,
            )
        shown = "\\" + code if code else "a backslash at the end of the string"
        raise InputError(f"unknown escape sequence {shown!r} in a string", file=filename, line=line)

    return _ESCAPE.sub(replace, body)


def _string(rest: str, filename: str, line: int) -> str:
    """The value of one ``"..."`` token that must make up all of ``rest``."""
    rest = rest.strip()
    if not rest.startswith('"'):
        raise InputError(f"expected a quoted string, found {rest[:30]!r}", file=filename, line=line)
    i = 1
    n = len(rest)
    while i < n:
        ch = rest[i]
        if ch == "\\":
            i += 2
            continue
        if ch == '"':
            break
        i += 1
    if i >= n:
        raise InputError("unterminated string (a missing closing quote)", file=filename, line=line)
    trailing = rest[i + 1 :].strip()
    if trailing:
        raise InputError(
            f"unexpected text after the closing quote: {trailing[:30]!r} "
            '(a quote inside a string must be written \\")',
            file=filename,
            line=line,
        )
    return _unescape(rest[1:i], filename, line)


class _Draft:
    """An entry while it is being parsed."""

    __slots__ = ("comments", "current", "extracted", "field_lines", "fields", "flags", "references")

    def __init__(self) -> None:
        self.comments: list[str] = []
        self.extracted: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.fields: dict[str, list[str]] = {}
        self.field_lines: dict[str, int] = {}
        self.current: str | None = None

    def started(self) -> bool:
        return bool(self.fields)


def _fast_string(rest: str) -> str | None:
    """The value of ``"..."`` when it has no escapes and nothing after it; else ``None``
    (the careful parser then reads it, and says what is wrong)."""
    if len(rest) > 1 and rest[-1] == '"' and "\\" not in rest and rest.count('"') == 2:
        return rest[1:-1]
    return None


def read_po(data: bytes, filename: str) -> PoCatalog:
    """Read a PO file strictly; any defect raises ``InputError`` with its line.

    Refused: text that is not UTF-8 or a header declaring another charset, unterminated
    strings or unknown escapes, ``msgstr`` without ``msgid`` (and the reverse), keywords in
    the wrong order or repeated, plural entries, entries without ``msgctxt`` or with an empty
    ``msgid``, the same ``msgctxt`` + ``msgid`` twice, a malformed ``#. workbench:`` line.
    Obsolete ``#~`` entries and ``#|`` previous-string comments are allowed and ignored.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8; convert it (msgconv -t UTF-8) and try again",
            file=filename,
            line=line,
        ) from None
    parsed = _parse_own_layout(text, filename)
    if parsed is None:
        parsed = _parse_lines(text, filename)
    header, entries = parsed
    fields = header or {}
    return PoCatalog(
        header=fields,
        language=fields.get("Language") or None,
        entries=entries,
        source_language=fields.get("X-Source-Language") or None,
        document=fields.get("X-Document") or None,
    )


def _parse_lines(text: str, filename: str) -> tuple[dict[str, str] | None, list[PoEntry]]:
    """The strict line-by-line parser: any PO layout, every defect reported with its line."""
    lines = text.split("\n")
    header: dict[str, str] | None = None
    entries: list[PoEntry] = []
    seen: dict[tuple[str, str], int] = {}
    draft = _Draft()

    def finish() -> None:
        nonlocal draft, header
        fields = draft.fields
        if not fields:
            # comments with no entry after them (e.g. above obsolete entries): ignored
            draft = _Draft()
            return
        field_lines = draft.field_lines
        msgid_parts = fields.get("msgid")
        msgstr_parts = fields.get("msgstr")
        if msgid_parts is None:
            problem = (
                "msgstr without msgid" if msgstr_parts is not None else "msgctxt without msgid"
            )
            raise InputError(problem, file=filename, line=min(field_lines.values()))
        if msgstr_parts is None:
            raise InputError("msgid without msgstr", file=filename, line=field_lines["msgid"])
        msgid = msgid_parts[0] if len(msgid_parts) == 1 else "".join(msgid_parts)
        msgstr = msgstr_parts[0] if len(msgstr_parts) == 1 else "".join(msgstr_parts)
        ctxt = fields.get("msgctxt")
        if ctxt is None:
            key_line = field_lines["msgid"]
            if msgid:
                raise InputError(
                    "an entry without msgctxt: the unit key is missing, so the entry cannot "
                    "be matched to a unit",
                    file=filename,
                    line=key_line,
                )
            if header is not None or entries:
                raise InputError(
                    'a second header entry (msgid "" without msgctxt)',
                    file=filename,
                    line=key_line,
                )
            header = _parse_header(msgstr, filename, field_lines["msgstr"])
            draft = _Draft()
            return
        key_line = field_lines["msgctxt"]
        key = ctxt[0] if len(ctxt) == 1 else "".join(ctxt)
        if not msgid:
            raise InputError(f"entry {key!r} has an empty msgid", file=filename, line=key_line)
        pair = (key, msgid)
        if pair in seen:
            raise InputError(
                f"duplicate entry {key!r} (first on line {seen[pair]})",
                file=filename,
                line=key_line,
            )
        seen[pair] = key_line
        entries.append(_make_entry(draft, key, msgid, msgstr, key_line, filename))
        draft = _Draft()

    for number, raw in enumerate(lines, start=1):
        if not raw:
            continue
        if raw[-1] == "\r":
            raw = raw[:-1]
            if not raw:
                continue
        first = raw[0]
        if first == "#" and raw[1:2] != "~":
            # comments, the most frequent lines, read inline
            if draft.fields:
                finish()
            _comment(draft, raw)
            continue
        if first == '"' and draft.current is not None and raw[-1] == '"':
            value = _fast_string(raw)
            if value is not None:
                draft.fields[draft.current].append(value)
                continue
        if first == "m":
            fields = draft.fields
            if raw.startswith('msgid "'):
                keyword, cut = "msgid", 6
                fits = not fields or (len(fields) == 1 and "msgctxt" in fields)
            elif raw.startswith('msgstr "'):
                keyword, cut = "msgstr", 7
                fits = "msgid" in fields and "msgstr" not in fields
            elif raw.startswith('msgctxt "'):
                keyword, cut = "msgctxt", 8
                fits = not fields
            else:
                fits = False
            if fits:
                value = _fast_string(raw[cut:])
                if value is not None:
                    fields[keyword] = [value]
                    draft.field_lines[keyword] = number
                    draft.current = keyword
                    continue
        stripped = raw.lstrip(" \t")
        if not stripped.strip():
            continue
        if stripped[0] == "#":
            if stripped.startswith("#~"):
                if draft.started():
                    finish()
                draft = _Draft()  # comments above an obsolete entry belong to it
                continue
            if draft.fields:
                finish()
            _comment(draft, stripped)
            continue
        if stripped[0] == '"':
            if draft.current is None:
                raise InputError(
                    "a string that does not follow msgctxt, msgid or msgstr",
                    file=filename,
                    line=number,
                )
            draft.fields[draft.current].append(_string(stripped, filename, number))
            continue
        match = _KEYWORD.match(stripped)
        if match is None:
            word = stripped.split()[0] if stripped.split() else stripped
            raise InputError(
                f"unexpected {word[:30]!r}: expected a comment, msgctxt, msgid or msgstr",
                file=filename,
                line=number,
            )
        keyword = match.group(1)
        if keyword == "msgid_plural" or match.group(2) is not None:
            raise InputError(
                "plural entries (msgid_plural, msgstr[N]) are not supported in translation files",
                file=filename,
                line=number,
            )
        if keyword in ("msgctxt", "msgid") and "msgstr" in draft.fields:
            finish()
        elif keyword == "msgctxt" and "msgid" in draft.fields and "msgctxt" not in draft.fields:
            raise InputError("msgctxt must come before msgid", file=filename, line=number)
        elif keyword in ("msgctxt", "msgid") and "msgid" in draft.fields:
            raise InputError("msgid without msgstr", file=filename, line=draft.field_lines["msgid"])
        if keyword in draft.fields:
            raise InputError(
                f"{keyword} appears twice in one entry (first on line "
                f"{draft.field_lines[keyword]})",
                file=filename,
                line=number,
            )
        if keyword == "msgctxt" and "msgid" in draft.fields:
            raise InputError("msgctxt must come before msgid", file=filename, line=number)
        if keyword == "msgstr" and "msgid" not in draft.fields:
            raise InputError("msgstr without msgid", file=filename, line=number)
        draft.fields[keyword] = [_string(stripped[match.end() :], filename, number)]
        draft.field_lines[keyword] = number
        draft.current = keyword
    if draft.started():
        if "msgstr" not in draft.fields and "msgid" in draft.fields:
            raise InputError(
                "msgid without msgstr at the end of the file",
                file=filename,
                line=draft.field_lines["msgid"],
            )
        if "msgid" not in draft.fields:
            raise InputError(
                "msgctxt without msgid at the end of the file",
                file=filename,
                line=min(draft.field_lines.values()),
            )
    finish()
    return header, entries


# The layout the writer produces, matched one entry at a time by a regular expression (C
# speed instead of ~8 Python steps an entry). Any file that strays from it (another tool's
# wrapping, CRLF line ends, obsolete entries, a defect) is read by _parse_lines instead; the
# checks that a match cannot make (escapes, empty msgid, duplicates, the workbench line) are
# the same functions in both, and a test checks that both give the same result.
_STR = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_BLOCK = rf'(?:""\n(?:{_STR}\n)+|{_STR}\n)'
_OWN_HEADER = re.compile(rf'((?:#[^\n]*\n)*)msgid ""\nmsgstr ({_BLOCK})')
_OWN_ENTRY = re.compile(
    r"\n((?:#(?: [^\n]*)?\n)*)"  # translator comments
    r"((?:#\. [^\n]*\n)*)"  # extracted comments
    r"(?:#: ([^\n]*)\n)?"  # reference
    r"(#, fuzzy\n)?"  # flags
    rf"msgctxt ({_BLOCK})msgid ({_BLOCK})msgstr ({_BLOCK})"
)
_PIECE = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _block_value(block: str, filename: str, text: str, at: int) -> str:
    # ""\n"piece"\n"piece"\n, or one "string"\n
    value = "".join(_PIECE.findall(block)) if block[1] == '"' and len(block) > 3 else block[1:-2]
    if "\\" in value:
        try:
            value = _unescape(value, filename, 0)
        except InputError as error:  # the line is counted only when it is needed
            raise InputError(
                error.problem, file=filename, line=text.count("\n", 0, at) + 1
            ) from None
    return value


def _parse_own_layout(
    text: str, filename: str
) -> tuple[dict[str, str] | None, list[PoEntry]] | None:
    """The file read by whole-entry matches, or ``None`` when it is not in our layout."""
    if "\r" in text:
        return None
    head = _OWN_HEADER.match(text)
    if head is None:
        return None
    header_line = text.count("\n", 0, head.start(2)) + 1
    header = _parse_header(
        _block_value(head.group(2), filename, text, head.start(2)), filename, header_line
    )
    entries: list[PoEntry] = []
    seen: set[tuple[str, str]] = set()
    pos = head.end()
    line = text.count("\n", 0, pos) + 1  # the line at pos
    match_entry = _OWN_ENTRY.match
    wb_line = _WB_LINE.fullmatch
    count = text.count
    end = len(text)
    while pos < end:
        match = match_entry(text, pos)
        if match is None:
            return None if text[pos:].strip() else (header, entries)
        comments, extracted, reference, fuzzy, ctxt, msgid, msgstr = match.groups()
        key_line = line + count("\n", pos, match.start(5))
        # one string without escapes (the usual case) is sliced; anything else decoded
        if "\\" in ctxt or ctxt[1] == '"':
            key = _block_value(ctxt, filename, text, match.start(5))
        else:
            key = ctxt[1:-2]
        if "\\" in msgid or msgid[1] == '"':
            source = _block_value(msgid, filename, text, match.start(6))
        else:
            source = msgid[1:-2]
        if "\\" in msgstr or msgstr[1] == '"':
            target = _block_value(msgstr, filename, text, match.start(7))
        else:
            target = msgstr[1:-2]
        pair = (key, source)
        if not source or pair in seen:
            return None  # the careful parser reports it with its line
        seen.add(pair)
        revision: int | None = None
        status: Status | None = None
        kind: ParagraphKind | None = None
        newline_flag = False
        terms: list[str] = []
        others: list[str] = []
        for comment in extracted.split("\n")[:-1] if extracted else ():
            body = comment[3:]
            if body[:10] == _GLOSSARY_PREFIX:
                terms.append(body[10:])
            elif body[:10] == _WB_PREFIX:
                usual = wb_line(body)
                if usual is None:
                    return None
                number, status_name, flag, kind_name = usual.groups()
                revision = int(number) if number is not None else None
                status = _STATUSES[status_name]
                kind = _KINDS[kind_name]
                newline_flag = flag is not None
            else:
                others.append(body)
        document: str | None = None
        paragraph: int | None = None
        references: tuple[str, ...] = ()
        if reference:
            references = (
                tuple(_split_references(reference))
                if " " in reference or _FSI in reference
                else (reference,)
            )
            if references:
                name, sep, digits = references[0].rpartition(":")
                if sep and digits.isascii() and digits.isdigit():
                    document, paragraph = name, int(digits)
                else:
                    document = references[0]
        is_fuzzy = fuzzy is not None
        entries.append(
            PoEntry(
                key,
                source,
                target,
                is_fuzzy,
                revision,
                status,
                tuple(c[2:] for c in comments.split("\n")[:-1]) if comments else (),
                key_line,
                tuple(terms),
                tuple(others),
                references,
                ("fuzzy",) if is_fuzzy else (),
                kind,
                document,
                paragraph,
                is_fuzzy and newline_flag,
            )
        )
        line += count("\n", pos, match.end())
        pos = match.end()
    return header, entries


def _comment(draft: _Draft, line: str) -> None:
    """File a comment line (starting with ``#``, not ``#~``) under the entry being read."""
    marker = line[1:2]
    rest = line[3:] if line[2:3] == " " else line[2:]
    if marker == ".":
        draft.extracted.append(rest)
    elif marker == ":":
        if " " in rest or _FSI in rest:
            draft.references.extend(_split_references(rest))
        elif rest:
            draft.references.append(rest)
    elif marker == ",":
        draft.flags.extend(f.strip() for f in rest.split(",") if f.strip())
    elif marker != "|":  # "#|": the previous msgid of a fuzzy match, not needed
        draft.comments.append(line[2:] if marker == " " else line[1:])


def _split_references(rest: str) -> list[str]:
    found: list[str] = []
    rest = rest.strip()
    while rest:
        if rest.startswith(_FSI):
            end = rest.find(_PDI)
            if end == -1:
                found.append(rest[1:])
                break
            name = rest[1:end]
            rest = rest[end + 1 :]
            suffix, _, rest = rest.partition(" ")
            found.append(name + suffix)
        else:
            token, _, rest = rest.partition(" ")
            if token:
                found.append(token)
        rest = rest.strip()
    return found


def _parse_header(msgstr: str, filename: str, line: int) -> dict[str, str]:
    fields: dict[str, str] = {}
    for header_line in msgstr.split("\n"):
        if not header_line.strip():
            continue
        name, sep, value = header_line.partition(":")
        if not sep:
            raise InputError(
                f"a header line without 'Name: value': {header_line[:40]!r}",
                file=filename,
                line=line,
            )
        fields[name.strip()] = value.strip()
    content_type = fields.get("Content-Type", "")
    charset = re.search(r"charset\s*=\s*([^\s;]+)", content_type, re.IGNORECASE)
    if charset and charset.group(1).lower().replace("-", "") not in ("utf8", "charset"):
        raise InputError(
            f"the header declares charset {charset.group(1)}; only UTF-8 is accepted "
            "(convert with msgconv -t UTF-8)",
            file=filename,
            line=line,
        )
    return fields


def _make_entry(
    draft: _Draft, key: str, msgid: str, msgstr: str, line: int, filename: str
) -> PoEntry:
    revision: int | None = None
    status: Status | None = None
    kind: ParagraphKind | None = None
    newline_flag = False
    terms: list[str] = []
    others: list[str] = []
    previous_was_workbench = False
    for comment in draft.extracted:
        if comment[:10] == _GLOSSARY_PREFIX:
            terms.append(comment[10:])
            previous_was_workbench = False
            continue
        usual = _WB_LINE.fullmatch(comment) if comment[:10] == _WB_PREFIX else None
        if usual is not None:
            number, status_name, flag, kind_name = usual.groups()
            revision = int(number) if number is not None else None
            status = _STATUSES[status_name]
            kind = _KINDS[kind_name]
            newline_flag = flag is not None
            previous_was_workbench = True
            continue
        if comment.startswith(_WB_PREFIX):
            items = comment[len(_WB_PREFIX) :].split()
        elif previous_was_workbench and _WB_ITEMS.fullmatch(comment):
            # the workbench line wrapped by a tool that wraps comments (polib does)
            items = comment.split()
        else:
            others.append(comment)
            previous_was_workbench = False
            continue
        previous_was_workbench = True
        for item in items:
            name, sep, value = item.partition("=")
            try:
                if name == "revision" and sep:
                    revision = int(value)
                elif name == "status" and sep:
                    status = _STATUSES[value]
                elif name == "kind" and sep:
                    kind = _KINDS[value]
                elif name == "flag" and value == "newlines":
                    newline_flag = True
                else:
                    raise ValueError(item)
            except (ValueError, KeyError):
                raise InputError(
                    f"entry {key!r}: bad item {item!r} in the '#. workbench:' line",
                    file=filename,
                    line=line,
                ) from None
    document: str | None = None
    paragraph: int | None = None
    if draft.references:
        name, sep, number = draft.references[0].rpartition(":")
        if sep and number.isascii() and number.isdigit():
            document, paragraph = name, int(number)
        else:
            document = draft.references[0]
    fuzzy = "fuzzy" in draft.flags
    return PoEntry(
        key,
        msgid,
        msgstr,
        fuzzy,
        revision,
        status,
        tuple(draft.comments),
        line,
        tuple(terms),
        tuple(others),
        tuple(draft.references),
        tuple(draft.flags),
        kind,
        document,
        paragraph,
        fuzzy and newline_flag,
    )


register(
    FormatSpec(
        name="po",
        extensions=(".po",),
        kind="exchange",
        description="Gettext PO: one document in one language, for CAT tools (Poedit, OmegaT)",
        read=read_po,
        write=write_po,
    )
)
