"""TMX 1.4b translation memories, written and read as streams.

A project's memory can hold millions of units, so both directions run in constant memory:
the writer serialises one ``<tu>`` at a time (a few hundred per write to the output) and
the reader walks the file with lxml's ``iterparse``, clearing each ``<tu>`` once read and
deleting the cleared ones every few hundred units. The writer escapes and formats the XML
itself instead of building lxml elements for ``etree.xmlfile``: twelve element objects a
unit made writing about seven times slower (see the note above ``write_tmx``).

Mapping of a :class:`~workbench.model.TranslationUnit`:

===========================  ===============================================================
workbench                    TMX
===========================  ===============================================================
``unit.key``                 ``tu/@tuid``
document, paragraph, kind    ``tu/prop[@type="x-document"|"x-paragraph"|"x-kind"]``
required glossary terms      one ``tu/prop[@type="x-required-term"]`` per term
notes                        one ``tu/note`` per note
source and each target       ``tuv[@xml:lang]`` (source first, N-way when several targets)
status, revision             ``tuv/prop[@type="x-status"|"x-revision"]``
created / changed at, by     ``tuv/@creationdate``, ``@changedate`` (``YYYYMMDDThhmmssZ``,
                             UTC, whole seconds), ``@creationid``, ``@changeid``
===========================  ===============================================================

``x-status`` is always written, so other tools can filter on it; the props with a plain
default are written only when they differ from it (paragraph 0, kind body, revision 0),
which keeps a typical source ``<tuv>`` to its status and ``<seg>`` and a million-unit file
about a fifth smaller and faster to parse. A missing prop reads as its default.

A target with no text is left out of its ``<tu>`` (a TM holds translations); a unit whose
targets are all empty keeps its source ``<tuv>``, which TMX allows and TM tools ignore.
Dates appear only when the unit has them; the header gets a ``creationdate`` only when one
is given or ``timestamps=True`` asks for the current time, so the same units always give the
same bytes. Naive datetimes are taken as UTC; read dates are UTC-aware.

XML 1.0 cannot carry most control characters (U+0000-U+0008, U+000B, U+000C,
U+000E-U+001F, U+FFFE, U+FFFF): a unit with one is refused with an ``InputError`` naming
the unit and the character rather than silently altered (TMX has no escape for them, and a
``<ph>`` would come back as a placeholder, not as the character). Tabs, line breaks and
carriage returns are kept (``\\r`` is written ``&#13;``).

Reading: ``tuid`` is optional in TMX, so :class:`TmxUnit.key` may be ``None``. Inline
markup is reduced to its text: ``<hi>`` and ``<sub>`` text is kept, the native codes inside
``<bpt>``, ``<ept>``, ``<it>``, ``<ph>`` and ``<ut>`` are dropped. TMX 1.1's ``lang`` is
accepted for ``xml:lang``. Files are parsed without resolving entities, loading DTDs or
using the network, with lxml's size limits on; an internal DTD subset with entity
declarations and any entity reference are refused with an ``InputError`` ("billion laughs",
XXE). A ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line is accepted and never fetched.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from workbench import __version__
from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

__all__ = [
    "TmxDocument",
    "TmxHeader",
    "TmxUnit",
    "TmxVariant",
    "iter_tmx",
    "read_tmx",
    "read_tmx_header",
    "tmx_bytes",
    "write_tmx",
]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
_DATE = re.compile(r"\d{8}T\d{6}Z")
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SEGTYPES = ("block", "paragraph", "sentence", "phrase")
_NATIVE_CODES = frozenset({"bpt", "ept", "it", "ph", "ut"})
# Indentation inside <body>: tu, its children, a tuv's children.
_DELETE_EVERY = 256  # read units between deletions of the cleared ones
_IN1, _IN2, _IN3 = "\n    ", "\n      ", "\n        "


def tmx_date(value: datetime) -> str:
    """``value`` in TMX's UTC format (``20240131T120000Z``); naive means UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime(_DATE_FORMAT)


def parse_tmx_date(text: str, filename: str, line: int | None) -> datetime:
    """A TMX date as an aware UTC datetime; anything else is an ``InputError``."""
    if not _DATE.fullmatch(text.strip()):
        raise InputError(
            f"bad TMX date {text!r} (expected YYYYMMDDThhmmssZ)", file=filename, line=line
        )
    try:
        return datetime.strptime(text.strip(), _DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"bad TMX date {text!r}", file=filename, line=line) from None


def _xml_safe(text: str, what: str, key: str) -> str:
    bad = _INVALID_XML.search(text)
    if bad:
        raise InputError(
            f"unit {key!r}: the {what} contains U+{ord(bad.group()):04X}, a control character "
            "XML 1.0 cannot carry; remove it before exporting to TMX"
        )
    return text


_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)


_TEXT_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATTR_SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')


def _text(value: str, what: str, key: str) -> str:
    """Element content, escaped; ``\r`` as ``&#13;`` so a parser does not turn it into ``\n``."""
    if _TEXT_SPECIAL.search(value) is None:
        return value
    return _xml_safe(value, what, key).translate(_TEXT_ESCAPES)


def _attr(value: str, what: str, key: str) -> str:
    """An attribute value, escaped; tabs and line breaks as references so they survive
    attribute-value normalisation."""
    if _ATTR_SPECIAL.search(value) is None:
        return value
    return _xml_safe(value, what, key).translate(_ATTR_ESCAPES)


# -- writing --------------------------------------------------------------------------------
#
# The body is serialised by hand, one <tu> at a time, with the escaping above: building 12
# lxml elements per unit for etree.xmlfile cost ~35 µs a unit, about seven times this. Every file
# is checked in the tests against the TMX 1.4 DTD, parsed back by lxml and by translate-
# toolkit, and fuzzed with quotes, markup characters, line breaks and control characters.

_CHUNK_UNITS = 256  # units joined into one write to ``out`` (~300 kB; memory stays bounded)


def _tuv_xml(text: UnitText, key: str, what: str) -> str:
    attrs = f' xml:lang="{_attr(text.lang, "language", key)}"'
    if text.created_at is not None:
        attrs += f' creationdate="{tmx_date(text.created_at)}"'
    if text.created_by:
        attrs += f' creationid="{_attr(text.created_by, what + " author", key)}"'
    if text.changed_at is not None:
        attrs += f' changedate="{tmx_date(text.changed_at)}"'
    if text.changed_by:
        attrs += f' changeid="{_attr(text.changed_by, what + " editor", key)}"'
    props = f'{_IN3}<prop type="x-status">{text.status.value}</prop>'
    if text.revision:
        props += f'{_IN3}<prop type="x-revision">{text.revision}</prop>'
    return f"{_IN2}<tuv{attrs}>{props}{_IN3}<seg>{_text(text.text, what, key)}</seg>{_IN2}</tuv>"


def _tu_xml(unit: TranslationUnit, langs: Sequence[str] | None) -> str:
    key = unit.key
    parts = [f'{_IN1}<tu tuid="{_attr(key, "key", key)}">']
    for note in unit.notes:
        parts.append(f"{_IN2}<note>{_text(note, 'note', key)}</note>")
    parts.append(
        f'{_IN2}<prop type="x-document">{_text(unit.document, "document name", key)}</prop>'
    )
    if unit.paragraph:
        parts.append(f'{_IN2}<prop type="x-paragraph">{unit.paragraph}</prop>')
    if unit.kind is not ParagraphKind.BODY:
        parts.append(f'{_IN2}<prop type="x-kind">{unit.kind.value}</prop>')
    for term in unit.required_terms:
        parts.append(
            f'{_IN2}<prop type="x-required-term">{_text(term, "required term", key)}</prop>'
        )
    parts.append(_tuv_xml(unit.source, key, "source text"))
    if langs is None:
        targets: Iterable[UnitText] = unit.targets
    else:
        targets = (t for lang in langs if (t := unit.target(lang)) is not None)
    for target in targets:
        if target.text:
            parts.append(_tuv_xml(target, key, f"{target.lang} translation"))
    parts.append(f"{_IN1}</tu>")
    return "".join(parts)


def write_tmx(
    units: Iterable[TranslationUnit],
    out: BinaryIO,
    *,
    srclang: str,
    langs: Sequence[str] | None = None,
    creationtool: str = "workbench",
    creationtoolversion: str = __version__,
    segtype: str = "sentence",
    adminlang: str = "en",
    datatype: str = "plaintext",
    timestamps: bool = False,
    creationdate: datetime | None = None,
) -> int:
    """Stream ``units`` to ``out`` as TMX 1.4b and return how many ``<tu>`` were written.

    ``langs`` limits and orders the target languages (default: every target of each unit).
    Memory stays constant whatever the number of units. A unit the format cannot carry
    raises ``InputError`` after the units before it were written, so write to a temporary
    file and rename it (or use :func:`tmx_bytes`) when a partial file must never be seen.
    """
    if segtype not in _SEGTYPES:
        raise ValueError(f"segtype must be one of {', '.join(_SEGTYPES)}, not {segtype!r}")
    if creationdate is None and timestamps:
        creationdate = datetime.now(UTC)
    header = {
        "creationtool": creationtool,
        "creationtoolversion": creationtoolversion,
        "segtype": segtype,
        "o-tmf": creationtool,
        "adminlang": adminlang,
        "srclang": srclang,
        "datatype": datatype,
    }
    if creationdate is not None:
        header["creationdate"] = tmx_date(creationdate)
    attrs = "".join(f' {name}="{_attr(value, name, "header")}"' for name, value in header.items())
    out.write(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f"  <header{attrs}/>\n  <body>".encode()
    )
    count = 0
    chunk: list[str] = []
    for unit in units:
        chunk.append(_tu_xml(unit, langs))
        count += 1
        if len(chunk) >= _CHUNK_UNITS:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("\n  </body>\n</tmx>\n")
    out.write("".join(chunk).encode("utf-8"))
    return count


def tmx_bytes(units: Iterable[TranslationUnit], *, srclang: str, **options: object) -> bytes:
    """:func:`write_tmx` into memory: nothing comes back unless every unit was written."""
    buffer = io.BytesIO()
    write_tmx(units, buffer, srclang=srclang, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TmxHeader:
    """The attributes of a TMX ``<header>`` (dates parsed) and its props and notes."""

    srclang: str
    creationtool: str = ""
    creationtoolversion: str = ""
    segtype: str = ""
    o_tmf: str = ""
    adminlang: str = ""
    datatype: str = ""
    creationdate: datetime | None = None
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()


# Read results are plain slotted dataclasses, not frozen ones: a frozen dataclass sets each
# field through object.__setattr__, which made building them a third of the reading time.


@dataclass(slots=True)
class TmxVariant:
    """One ``<tuv>``: a language's text with its status, revision and dates when present."""

    lang: str
    text: str
    status: Status | None = None
    revision: int | None = None
    created_at: datetime | None = None
    created_by: str | None = None
    changed_at: datetime | None = None
    changed_by: str | None = None
    line: int | None = None


@dataclass(slots=True)
class TmxUnit:
    """One ``<tu>`` as read: its variants in file order and what its props say."""

    key: str | None
    variants: list[TmxVariant]
    document: str | None = None
    paragraph: int | None = None
    kind: ParagraphKind | None = None
    notes: list[str] = field(default_factory=list)
    required_terms: list[str] = field(default_factory=list)
    props: list[tuple[str, str]] = field(default_factory=list)
    line: int | None = None

    def variant(self, lang: str) -> TmxVariant | None:
        """The first variant in ``lang`` (compared case-insensitively, ``_`` as ``-``)."""
        wanted = _lang_key(lang)
        return next((v for v in self.variants if _lang_key(v.lang) == wanted), None)

    def to_unit(self, srclang: str, filename: str = "<tmx>") -> TranslationUnit:
        """The unit as the workbench holds it: the ``srclang`` variant is the source, the
        first variant of each other language a target."""
        if self.key is None:
            raise InputError(
                "a <tu> without tuid cannot be matched to a unit", file=filename, line=self.line
            )
        source = self.variant(srclang)
        if source is None:
            raise InputError(
                f"unit {self.key!r} has no {srclang} variant", file=filename, line=self.line
            )
        seen = {_lang_key(srclang)}
        targets = []
        for variant in self.variants:
            lang = _lang_key(variant.lang)
            if lang not in seen:
                seen.add(lang)
                targets.append(_unit_text(variant))
        return TranslationUnit(
            key=self.key,
            document=self.document or "",
            source=_unit_text(source),
            targets=tuple(targets),
            paragraph=self.paragraph or 0,
            kind=self.kind or ParagraphKind.BODY,
            required_terms=tuple(self.required_terms),
            notes=tuple(self.notes),
        )


@dataclass
class TmxDocument:
    """A whole TMX file in memory (for small files; use :func:`iter_tmx` for big ones)."""

    header: TmxHeader
    units: list[TmxUnit] = field(default_factory=list)


def _lang_key(lang: str) -> str:
    return lang.strip().replace("_", "-").lower()


def _unit_text(variant: TmxVariant) -> UnitText:
    return UnitText(
        lang=variant.lang,
        text=variant.text,
        status=variant.status or Status.TRANSLATED,
        revision=variant.revision or 0,
        created_at=variant.created_at,
        created_by=variant.created_by,
        changed_at=variant.changed_at,
        changed_by=variant.changed_by,
    )


_STATUSES = {status.value: status for status in Status}
_KINDS = {kind.value: kind for kind in ParagraphKind}
_INLINE_TEXT = frozenset({"hi", "sub"})
_INLINE = _INLINE_TEXT | _NATIVE_CODES


class _Reader:
    """One streaming read: the file name for errors and whether the safety check ran.

    Elements of a TMX file have no namespace, so tags are compared as plain strings; a
    child whose tag is not a string is an entity reference (comments and processing
    instructions are removed by the parser) and is refused.
    """

    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.checked = False

    def error(self, problem: str, line: int | None) -> InputError:
        return InputError(problem, file=self.filename, line=line)

    def entity_error(self, element: etree._Element) -> InputError:
        return self.error(
            f"the file uses the entity reference {element.text}, refused for safety "
            "(entities are never expanded)",
            element.sourceline,
        )

    def check_document(self, element: etree._Element) -> None:
        tree = element.getroottree()
        dtd = tree.docinfo.internalDTD
        if dtd is not None and (list(dtd.iterentities()) or list(dtd.iterelements())):
            raise self.error(
                "the file declares a DTD with entities or elements (<!DOCTYPE ... [ ... ]>), "
                "which is refused for safety (entity expansion, external entities); "
                "remove the bracketed part",
                1,
            )
        root = tree.getroot()
        if root.tag != "tmx":
            raise self.error(
                f"not a TMX file: the root element is <{root.tag}>, expected <tmx>",
                root.sourceline,
            )
        self.checked = True

    def plain_text(self, element: etree._Element) -> str:
        """The text of a note or prop, which has no markup."""
        if len(element):
            for child in element:
                if child.tag.__class__ is not str:
                    raise self.entity_error(child)
            raise self.error(f"unexpected markup inside <{element.tag}>", element.sourceline)
        return element.text or ""

    def seg_text(self, seg: etree._Element) -> str:
        if not len(seg):
            return seg.text or ""
        parts: list[str] = [seg.text or ""]
        self._inline(seg, parts)
        return "".join(parts)

    def _inline(self, element: etree._Element, parts: list[str]) -> None:
        for child in element:
            tag = child.tag
            if tag.__class__ is not str:
                raise self.entity_error(child)
            if tag in _INLINE_TEXT:
                parts.append(child.text or "")
                self._inline(child, parts)
            elif tag in _NATIVE_CODES:
                for inner in child.iter():
                    if inner.tag.__class__ is not str:
                        raise self.entity_error(inner)
            else:
                raise self.error(f"unexpected <{tag}> inside a segment", child.sourceline)
            parts.append(child.tail or "")

    def read_header(self, element: etree._Element) -> TmxHeader:
        get = element.get
        date = get("creationdate")
        props = []
        notes = []
        for child in element:
            if child.tag == "prop":
                props.append((child.get("type", ""), self.plain_text(child)))
            elif child.tag == "note":
                notes.append(self.plain_text(child))
            elif child.tag.__class__ is not str:
                raise self.entity_error(child)
        return TmxHeader(
            srclang=get("srclang", ""),
            creationtool=get("creationtool", ""),
            creationtoolversion=get("creationtoolversion", ""),
            segtype=get("segtype", ""),
            o_tmf=get("o-tmf", ""),
            adminlang=get("adminlang", ""),
            datatype=get("datatype", ""),
            creationdate=parse_tmx_date(date, self.filename, element.sourceline) if date else None,
            props=tuple(props),
            notes=tuple(notes),
        )

    def read_tu(self, tu: etree._Element) -> TmxUnit:
        # One flat pass over the unit's descendants with the common case inline: this runs
        # once per unit of files with millions of them, and a method call or a nested loop
        # per <tuv> doubled the Python share of the reading time.
        variants: list[TmxVariant] = []
        document: str | None = None
        paragraph: int | None = None
        kind: ParagraphKind | None = None
        notes: list[str] = []
        terms: list[str] = []
        props: list[tuple[str, str]] = []
        variant: TmxVariant | None = None  # the <tuv> being read, until its <seg>
        in_inline = False  # after a <seg> with markup: its inline elements follow
        for element in tu.iterdescendants():
            tag = element.tag
            if tag.__class__ is not str:
                raise self.entity_error(element)
            if tag == "prop":
                in_inline = False
                prop_type = element.get("type")
                value = element.text or ""
                if variant is not None:
                    if prop_type == "x-status":
                        variant.status = _STATUSES.get(value)
                        if variant.status is None:
                            raise self.error(f"unknown x-status {value!r}", element.sourceline)
                    elif prop_type == "x-revision":
                        variant.revision = (
                            int(value)
                            if value.isascii() and value.isdigit()
                            else self._int(value, element)
                        )
                elif prop_type == "x-document":
                    document = value
                elif prop_type == "x-paragraph":
                    paragraph = (
                        int(value)
                        if value.isascii() and value.isdigit()
                        else self._int(value, element)
                    )
                elif prop_type == "x-kind":
                    kind = _KINDS.get(value)
                    if kind is None:
                        raise self.error(f"unknown x-kind {value!r}", element.sourceline)
                elif prop_type == "x-required-term":
                    terms.append(value)
                else:
                    props.append((prop_type or "", value))
            elif tag == "seg":
                if variant is None:
                    raise self.error("a <seg> outside a <tuv>, or two in one", element.sourceline)
                if len(element):
                    variant.text = self.seg_text(element)
                    in_inline = True
                else:
                    variant.text = element.text or ""
                variants.append(variant)
                variant = None
            elif tag == "tuv":
                in_inline = False
                if variant is not None:
                    raise self.error(
                        f"a <tuv xml:lang={variant.lang!r}> without <seg>", variant.line
                    )
                lang = element.get(XML_LANG)
                if lang and len(element.attrib) == 1:  # the usual <tuv xml:lang="..">
                    variant = TmxVariant(
                        lang, "", None, None, None, None, None, None, element.sourceline
                    )
                else:
                    variant = self.start_tuv(element)
            elif tag == "note":
                in_inline = False
                if variant is None:
                    notes.append(element.text or "")
            elif tag in _INLINE and not in_inline:
                raise self.error(f"<{tag}> outside a segment", element.sourceline)
        line = tu.sourceline
        if variant is not None:
            raise self.error(f"a <tuv xml:lang={variant.lang!r}> without <seg>", variant.line)
        if not variants:
            raise self.error("a <tu> without any <tuv>", line)
        key = tu.get("tuid")
        return TmxUnit(key, variants, document, paragraph, kind, notes, terms, props, line)

    def _int(self, value: str, element: etree._Element) -> int:
        try:
            return int(value)
        except ValueError:
            raise self.error(
                f"{element.get('type')} must be a whole number, not {value!r}",
                element.sourceline,
            ) from None

    def start_tuv(self, tuv: etree._Element) -> TmxVariant:
        """A variant for ``tuv`` with its language and dates; text and props come later."""
        attrib = tuv.attrib
        lang = attrib.get(XML_LANG) or attrib.get("lang")
        line = tuv.sourceline
        if not lang:
            raise self.error("a <tuv> without xml:lang", line)
        variant = TmxVariant(lang, "", line=line)
        if len(attrib) > 1:
            created = attrib.get("creationdate")
            if created:
                variant.created_at = parse_tmx_date(created, self.filename, line)
            changed = attrib.get("changedate")
            if changed:
                variant.changed_at = parse_tmx_date(changed, self.filename, line)
            variant.created_by = attrib.get("creationid")
            variant.changed_by = attrib.get("changeid")
        return variant


def _parse(
    source: BinaryIO | Path | bytes, filename: str, *, header: bool = True, units: bool = True
) -> Iterator[TmxHeader | TmxUnit]:
    """The header (when ``header``) and each unit (when ``units``), in file order.

    Each ``<tu>`` is cleared once read and the cleared ones are deleted from the tree every
    few hundred units, so memory stays constant however long the file is.
    """
    reader = _Reader(filename)
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    handle: BinaryIO = source.open("rb") if isinstance(source, Path) else source
    try:
        context = etree.iterparse(
            handle,
            events=("end",),
            tag=("header", "tu"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            remove_comments=True,
            remove_pis=True,
        )
        read_tu = reader.read_tu
        count = 0
        try:
            for _event, element in context:
                if not reader.checked:
                    reader.check_document(element)
                if element.tag == "tu":
                    if not units:
                        raise InputError(
                            "the TMX file has no <header> before its units", file=filename
                        )
                    unit = read_tu(element)
                    element.clear(keep_tail=False)
                    count += 1
                    if count % _DELETE_EVERY == 0:
                        del element.getparent()[:-1]
                    yield unit
                else:
                    if header:
                        yield reader.read_header(element)
                    if not units:
                        return
            root = context.root
        except etree.XMLSyntaxError as error:
            message = error.msg or "not well-formed XML"
            if "entit" in message.lower():
                message += " (entities are refused for safety)"
            raise InputError(
                f"not a valid TMX file: {message}", file=filename, line=error.lineno or None
            ) from None
        if not reader.checked:
            if root is None or root.tag != "tmx":
                shown = "nothing" if root is None else f"<{root.tag}>"
                raise InputError(
                    f"not a TMX file: the root element is {shown}, expected <tmx>", file=filename
                )
            reader.check_document(root)
    finally:
        if isinstance(source, Path):
            handle.close()


def iter_tmx(source: BinaryIO | Path | bytes, filename: str) -> Iterator[TmxUnit]:
    """Each ``<tu>`` of a TMX file in order, in constant memory; see the module doc.

    Lazy like a generator: nothing is read until the first unit is asked for.
    """
    return _parse(source, filename, header=False)  # type: ignore[return-value]


def read_tmx_header(source: BinaryIO | Path | bytes, filename: str) -> TmxHeader:
    """The ``<header>`` of a TMX file, reading no further than it."""
    for item in _parse(source, filename, units=False):
        return item  # type: ignore[return-value]
    raise InputError("the TMX file has no <header>", file=filename)


def read_tmx(data: bytes, filename: str) -> TmxDocument:
    """A whole TMX file (header and every unit) from bytes; the registry's reader."""
    header: TmxHeader | None = None
    units: list[TmxUnit] = []
    for item in _parse(data, filename):
        if isinstance(item, TmxUnit):
            units.append(item)
        else:
            header = item
    if header is None:
        raise InputError("the TMX file has no <header>", file=filename)
    return TmxDocument(header=header, units=units)


register(
    FormatSpec(
        name="tmx",
        extensions=(".tmx",),
        kind="exchange",
        description="TMX 1.4b translation memory, N-way, streamed (any number of units)",
        read=read_tmx,
        write=tmx_bytes,
    )
)
