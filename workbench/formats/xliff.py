"""XLIFF 2.0 (and 1.2) files: one document, one language pair, for CAT tools.

XLIFF 2.0 is the current OASIS standard (Trados, memoQ, Okapi, Weblate read it); 1.2 is
what older tools and translate-toolkit read. Both are written from the same units and read
back by one reader that detects the version.

Mapping of a :class:`~workbench.model.TranslationUnit`:

=======================  ========================================  ===========================
workbench                XLIFF 2.0                                  XLIFF 1.2
=======================  ========================================  ===========================
document                 ``file/@original`` (``@id`` is ``f1``)    ``file/@original``
``unit.key``             ``unit/@id`` (``wb:key`` when the key is  ``trans-unit/@id``
                         not an NMTOKEN, ``@id`` is then ``u<n>``)
paragraph, kind          ``unit/@wb:paragraph``, ``@wb:kind``      same attributes
a unit's own document    ``unit/@wb:document`` when it differs     same attribute
                         from the file's
exact status, revision   ``unit/@wb:status``, ``@wb:revision``     same attributes
                         (no ``wb:revision``: no stored target)
notes                    ``notes/note[@category="translator"]``    ``note[@from="translator"]``
required glossary terms  ``notes/note[@category="glossary"]``      ``note[@from="glossary"]``
source, target           ``segment/source``, ``segment/target``    ``source``, ``target``
=======================  ========================================  ===========================

``wb`` is the namespace ``urn:workbench:xliff`` (extension attributes are allowed on
``<unit>`` and ``<trans-unit>``). The standard state is written too, so other tools see it:

==========  =====================  ====================================================
status      XLIFF 2.0 ``state``    XLIFF 1.2 ``target/@state``
==========  =====================  ====================================================
new         initial                new (no ``<target>`` when there is no text)
draft       initial                needs-review-translation
translated  translated             translated
reviewed    reviewed               signed-off
approved    final                  final (and ``approved="yes"``)
==========  =====================  ====================================================

A file from another tool has no ``wb:status``; the status is then derived from the state
(initial with text → draft, without → new; 1.2 ``needs-*`` → draft, ``signed-off`` →
reviewed, ``final`` or ``approved="yes"`` → approved).

Units are written ``canResegment="no"`` (2.0) so a tool keeps one segment per unit, and
``xml:space="preserve"`` so whitespace survives. Characters XML 1.0 cannot carry are
written as XLIFF 2.0's ``<cp hex="..."/>`` and read back, so 2.0 is lossless for any text;
XLIFF 1.2 has no such escape and refuses them with an ``InputError``. When a file from
another tool splits a unit into several segments, they are read joined in order (with
``<ignorable>`` text between them), with the least advanced state. Inline codes are read
as their text (``<pc>``, ``<mrk>``, ``<g>``) or dropped (``<ph>``, ``<sc>``, ``<ec>``,
``<x/>``, ``<bx/>``, ``<ex/>``, ``<bpt>``, ``<ept>``, ``<it>``).

Reading is safe as for TMX: no entity resolution, no DTD loading, no network, size limits
on, and any DTD or entity reference is refused with an ``InputError``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from lxml import etree

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.model import ParagraphKind, Status, TranslationUnit, UnitText

__all__ = ["XliffFile", "XliffUnit", "read_xliff", "write_xliff", "write_xliff12"]

NS20 = "urn:oasis:names:tc:xliff:document:2.0"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
WB = "urn:workbench:xliff"
XML_NS = "http://www.w3.org/XML/1998/namespace"
_XML_SPACE = f"{{{XML_NS}}}space"

_STATE20 = {
    Status.NEW: "initial",
    Status.DRAFT: "initial",
    Status.TRANSLATED: "translated",
    Status.REVIEWED: "reviewed",
    Status.APPROVED: "final",
}
_STATE12 = {
    Status.NEW: "new",
    Status.DRAFT: "needs-review-translation",
    Status.TRANSLATED: "translated",
    Status.REVIEWED: "signed-off",
    Status.APPROVED: "final",
}
_STATE20_ORDER = ("initial", "translated", "reviewed", "final")
_FROM_STATE12 = {
    "new": Status.NEW,
    "needs-translation": Status.NEW,
    "needs-adaptation": Status.DRAFT,
    "needs-l10n": Status.DRAFT,
    "needs-review-translation": Status.DRAFT,
    "needs-review-adaptation": Status.DRAFT,
    "needs-review-l10n": Status.DRAFT,
    "translated": Status.TRANSLATED,
    "signed-off": Status.REVIEWED,
    "final": Status.APPROVED,
}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_NMTOKEN = re.compile(r"[\w.\-:]+")


# -- writing --------------------------------------------------------------------------------

_CONTENT = frozenset({"source", "target", "note"})


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure only: never inside a source, target or note, where whitespace
    is text (lxml's pretty printer would indent a ``<source>`` holding only a ``<cp/>``)."""
    if etree.QName(element).localname in _CONTENT or not len(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _q(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


def _set_text20(element: etree._Element, text: str) -> None:
    """Put ``text`` into ``element``, characters XML cannot carry as ``<cp hex>``."""
    if not _INVALID_XML.search(text):
        element.text = text
        return
    last: etree._Element | None = None
    pos = 0
    for match in _INVALID_XML.finditer(text):
        chunk = text[pos : match.start()]
        if last is None:
            element.text = chunk
        else:
            last.tail = chunk
        last = etree.SubElement(element, _q(NS20, "cp"), hex=f"{ord(match.group()):04X}")
        pos = match.end()
    assert last is not None
    last.tail = text[pos:]


def _check12(text: str, what: str, key: str) -> str:
    bad = _INVALID_XML.search(text)
    if bad:
        raise InputError(
            f"unit {key!r}: the {what} contains U+{ord(bad.group()):04X}, which XLIFF 1.2 "
            "cannot carry (XLIFF 2.0 can)"
        )
    return text


def _plain(text: str, what: str, key: str) -> str:
    """Attribute values and notes: no escape exists there in either version."""
    bad = _INVALID_XML.search(text)
    if bad:
        raise InputError(
            f"unit {key!r}: the {what} contains U+{ord(bad.group()):04X}, a control character "
            "XML cannot carry"
        )
    return text


def _check_units(units: Sequence[TranslationUnit]) -> None:
    seen: set[str] = set()
    for unit in units:
        if not unit.key:
            raise InputError(f"a unit of {unit.document!r} has no key; XLIFF needs one per unit")
        if unit.key in seen:
            raise InputError(f"unit key {unit.key!r} is used twice; keys must be unique")
        seen.add(unit.key)


def _wb_attributes(
    element: etree._Element, unit: TranslationUnit, target: UnitText | None, document: str
) -> None:
    if unit.document != document:
        element.set(_q(WB, "document"), _plain(unit.document, "document name", unit.key))
    element.set(_q(WB, "paragraph"), str(unit.paragraph))
    element.set(_q(WB, "kind"), unit.kind.value)
    element.set(_q(WB, "status"), (target.status if target else Status.NEW).value)
    if target is not None:
        element.set(_q(WB, "revision"), str(target.revision))


def _document_name(units: Sequence[TranslationUnit], document: str | None) -> str:
    if document is not None:
        return document
    return units[0].document if units else ""


def write_xliff(
    units: Sequence[TranslationUnit],
    source_lang: str,
    target_lang: str,
    *,
    document: str | None = None,
    version: str = "2.0",
) -> bytes:
    """The units as an XLIFF file (``version`` "2.0" or "1.2"); see the module doc.

    ``document`` names the ``<file>`` (default: the first unit's document). Raises
    ``InputError`` for an empty or repeated key, or text the version cannot carry, before
    anything is produced.
    """
    if version == "1.2":
        return write_xliff12(units, source_lang, target_lang, document=document)
    if version != "2.0":
        raise ValueError(f"XLIFF version must be '2.0' or '1.2', not {version!r}")
    _check_units(units)
    root = etree.Element(_q(NS20, "xliff"), nsmap={None: NS20, "wb": WB})
    root.set("version", "2.0")
    root.set("srcLang", source_lang)
    root.set("trgLang", target_lang)
    file_el = etree.SubElement(root, _q(NS20, "file"), id="f1")
    document = _document_name(units, document)
    file_el.set("original", _plain(document, "document name", "file"))
    file_el.set(_XML_SPACE, "preserve")
    for number, unit in enumerate(units, start=1):
        key = unit.key
        target = unit.target(target_lang)
        element = etree.SubElement(file_el, _q(NS20, "unit"))
        if _NMTOKEN.fullmatch(key):
            element.set("id", key)
        else:
            element.set("id", f"u{number}")
            element.set(_q(WB, "key"), _plain(key, "key", key))
        element.set("canResegment", "no")
        _wb_attributes(element, unit, target, document)
        if unit.notes or unit.required_terms:
            notes = etree.SubElement(element, _q(NS20, "notes"))
            for term in unit.required_terms:
                note = etree.SubElement(notes, _q(NS20, "note"), category="glossary")
                note.text = _plain(term, "required term", key)
            for text in unit.notes:
                note = etree.SubElement(notes, _q(NS20, "note"), category="translator")
                note.text = _plain(text, "note", key)
        segment = etree.SubElement(element, _q(NS20, "segment"))
        status = target.status if target is not None else Status.NEW
        segment.set("state", _STATE20[status])
        if status == Status.DRAFT:
            segment.set("subState", "wb:draft")
        _set_text20(etree.SubElement(segment, _q(NS20, "source")), unit.source.text)
        if target is not None and target.text:
            _set_text20(etree.SubElement(segment, _q(NS20, "target")), target.text)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def write_xliff12(
    units: Sequence[TranslationUnit],
    source_lang: str,
    target_lang: str,
    *,
    document: str | None = None,
) -> bytes:
    """The units as an XLIFF 1.2 file; see the module doc."""
    _check_units(units)
    root = etree.Element(_q(NS12, "xliff"), nsmap={None: NS12, "wb": WB})
    root.set("version", "1.2")
    file_el = etree.SubElement(root, _q(NS12, "file"))
    document = _document_name(units, document)
    file_el.set("original", _plain(document, "document name", "file"))
    file_el.set("source-language", source_lang)
    file_el.set("target-language", target_lang)
    file_el.set("datatype", "plaintext")
    body = etree.SubElement(file_el, _q(NS12, "body"))
    for unit in units:
        key = unit.key
        target = unit.target(target_lang)
        element = etree.SubElement(body, _q(NS12, "trans-unit"), id=_plain(key, "key", key))
        element.set(_XML_SPACE, "preserve")
        _wb_attributes(element, unit, target, document)
        status = target.status if target is not None else Status.NEW
        if status == Status.APPROVED:
            element.set("approved", "yes")
        source = etree.SubElement(element, _q(NS12, "source"))
        source.text = _check12(unit.source.text, "source text", key)
        if target is not None and target.text:
            target_el = etree.SubElement(element, _q(NS12, "target"), state=_STATE12[status])
            target_el.text = _check12(target.text, "translation", key)
        for term in unit.required_terms:
            note = etree.SubElement(element, _q(NS12, "note"))
            note.set("from", "glossary")
            note.text = _plain(term, "required term", key)
        for text in unit.notes:
            note = etree.SubElement(element, _q(NS12, "note"))
            note.set("from", "translator")
            note.text = _plain(text, "note", key)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    """One unit of an XLIFF file as read.

    ``state`` is the standard state as written in the file; ``status`` the workbench
    status (``wb:status`` when present and consistent, else derived from the state);
    ``revision`` is the target's revision at export (``None``: no stored target then, or a
    file from another tool).
    """

    key: str
    source: str
    target: str | None
    state: str
    status: Status
    revision: int | None
    document: str
    paragraph: int | None = None
    kind: ParagraphKind | None = None
    notes: tuple[str, ...] = ()
    required_terms: tuple[str, ...] = ()
    line: int | None = None

    def to_unit(self, source_lang: str, target_lang: str) -> TranslationUnit:
        """The unit as the workbench holds it (no dates: XLIFF carries none here)."""
        targets: tuple[UnitText, ...] = ()
        if self.target is not None or self.revision is not None:
            targets = (UnitText(target_lang, self.target or "", self.status, self.revision or 0),)
        return TranslationUnit(
            key=self.key,
            document=self.document,
            source=UnitText(source_lang, self.source),
            targets=targets,
            paragraph=self.paragraph or 0,
            kind=self.kind or ParagraphKind.BODY,
            required_terms=self.required_terms,
            notes=self.notes,
        )


@dataclass
class XliffFile:
    """An XLIFF file as read: version, languages and units of every ``<file>`` in order."""

    version: str
    source_lang: str
    target_lang: str | None
    units: list[XliffUnit] = field(default_factory=list)


def _parse(data: bytes, filename: str) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        message = error.msg or "not well-formed XML"
        if "entit" in message.lower():
            message += " (entities are refused for safety)"
        raise InputError(
            f"not a valid XLIFF file: {message}", file=filename, line=error.lineno or None
        ) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(
            "the XLIFF file has a DTD (<!DOCTYPE ...>), which is refused for safety "
            "(entity expansion, external entities); XLIFF needs none",
            file=filename,
            line=1,
        )
    for element in root.iter():
        if isinstance(element, etree._Entity):
            raise InputError(
                f"the XLIFF file uses the entity reference {element.text}, refused for safety",
                file=filename,
                line=element.sourceline,
            )
    return root


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


_TEXT_INLINE = frozenset({"pc", "mrk", "g"})
_DROPPED_INLINE = frozenset({"ph", "sc", "ec", "sm", "em", "x", "bx", "ex", "bpt", "ept", "it"})


def _inline_text(element: etree._Element, filename: str) -> str:
    parts = [element.text or ""]
    for child in element:
        name = _local(child)
        if name == "cp":
            value = child.get("hex", "")
            try:
                parts.append(chr(int(value, 16)))
            except ValueError:
                raise InputError(
                    f"<cp hex={value!r}> is not a hexadecimal code point",
                    file=filename,
                    line=child.sourceline,
                ) from None
        elif name in _TEXT_INLINE:
            parts.append(_inline_text(child, filename))
        elif name not in _DROPPED_INLINE:
            raise InputError(
                f"unexpected <{name}> inside a source or target",
                file=filename,
                line=child.sourceline,
            )
        parts.append(child.tail or "")
    return "".join(parts)


def _wb_int(element: etree._Element, name: str, filename: str) -> int | None:
    value = element.get(_q(WB, name))
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(
            f"wb:{name} must be a whole number, not {value!r}",
            file=filename,
            line=element.sourceline,
        ) from None


def _wb_enum(element: etree._Element, name: str, enum: type, filename: str):  # type: ignore[no-untyped-def]
    value = element.get(_q(WB, name))
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        raise InputError(
            f"unknown wb:{name} {value!r}", file=filename, line=element.sourceline
        ) from None


def read_xliff(data: bytes, filename: str) -> XliffFile:
    """Read an XLIFF 2.0 or 1.2 file safely; see the module doc. Any defect raises
    ``InputError`` with its line."""
    root = _parse(data, filename)
    if _local(root) != "xliff":
        raise InputError(
            f"not an XLIFF file: the root element is <{_local(root)}>",
            file=filename,
            line=root.sourceline,
        )
    version = root.get("version", "")
    if version.startswith("2"):
        result = _read20(root, filename)
    elif version.startswith("1"):
        result = _read12(root, filename)
    else:
        raise InputError(
            f"unsupported XLIFF version {version!r} (2.0 and 1.2 are read)",
            file=filename,
            line=root.sourceline,
        )
    keys: dict[str, int | None] = {}
    for unit in result.units:
        if unit.key in keys:
            raise InputError(
                f"unit {unit.key!r} appears twice (first on line {keys[unit.key]})",
                file=filename,
                line=unit.line,
            )
        keys[unit.key] = unit.line
    return result


def _notes20(unit: etree._Element) -> tuple[list[str], list[str]]:
    notes: list[str] = []
    terms: list[str] = []
    for notes_el in _children(unit, "notes"):
        for note in _children(notes_el, "note"):
            (terms if note.get("category") == "glossary" else notes).append(note.text or "")
    return notes, terms


def _status_from(
    wb_status: Status | None, derived: Status, has_target: bool, consistent: bool
) -> Status:
    if wb_status is not None and consistent:
        return wb_status
    if not has_target and derived != Status.NEW:
        return Status.NEW
    return derived


def _read20(root: etree._Element, filename: str) -> XliffFile:
    source_lang = root.get("srcLang")
    if not source_lang:
        raise InputError("the <xliff> element has no srcLang", file=filename, line=1)
    result = XliffFile("2.0", source_lang, root.get("trgLang"))
    for file_el in _children(root, "file"):
        document = file_el.get("original") or file_el.get("id") or ""
        for unit in file_el.iter(_q(NS20, "unit")):
            result.units.append(_read_unit20(unit, document, filename))
    return result


def _read_unit20(unit: etree._Element, document: str, filename: str) -> XliffUnit:
    line = unit.sourceline
    key = unit.get(_q(WB, "key")) or unit.get("id")
    if not key:
        raise InputError("a <unit> without id", file=filename, line=line)
    sources: list[str] = []
    targets: list[str] = []
    has_target = False
    states: list[str] = []
    draft = False
    for child in unit:
        name = _local(child)
        if name not in ("segment", "ignorable"):
            continue
        source_el = _children(child, "source")
        if len(source_el) != 1:
            raise InputError(
                f"unit {key!r}: a <{name}> needs exactly one <source>",
                file=filename,
                line=child.sourceline,
            )
        source_text = _inline_text(source_el[0], filename)
        sources.append(source_text)
        target_el = _children(child, "target")
        if target_el:
            has_target = True
            targets.append(_inline_text(target_el[0], filename))
        else:
            targets.append(source_text if name == "ignorable" else "")
        if name == "segment":
            state = child.get("state", "initial")
            if state not in _STATE20_ORDER:
                raise InputError(
                    f"unit {key!r}: unknown segment state {state!r}",
                    file=filename,
                    line=child.sourceline,
                )
            states.append(state)
            draft = draft or child.get("subState") == "wb:draft"
    if not states:
        raise InputError(f"unit {key!r} has no <segment>", file=filename, line=line)
    state = min(states, key=_STATE20_ORDER.index)
    target = "".join(targets) if has_target else None
    if state == "initial":
        derived = Status.DRAFT if (target or draft) else Status.NEW
    else:
        derived = {
            "translated": Status.TRANSLATED,
            "reviewed": Status.REVIEWED,
            "final": Status.APPROVED,
        }[state]
    wb_status = _wb_enum(unit, "status", Status, filename)
    consistent = wb_status is not None and _STATE20[wb_status] == state
    notes, terms = _notes20(unit)
    return XliffUnit(
        key=key,
        source="".join(sources),
        target=target,
        state=state,
        status=_status_from(wb_status, derived, bool(target), consistent),
        revision=_wb_int(unit, "revision", filename),
        document=unit.get(_q(WB, "document"), document),
        paragraph=_wb_int(unit, "paragraph", filename),
        kind=_wb_enum(unit, "kind", ParagraphKind, filename),
        notes=tuple(notes),
        required_terms=tuple(terms),
        line=line,
    )


def _read12(root: etree._Element, filename: str) -> XliffFile:
    files = _children(root, "file")
    if not files:
        raise InputError("the XLIFF file has no <file>", file=filename, line=root.sourceline)
    result = XliffFile("1.2", files[0].get("source-language", ""), files[0].get("target-language"))
    for file_el in files:
        document = file_el.get("original", "")
        for unit in file_el.iter(_q(NS12, "trans-unit")):
            result.units.append(_read_unit12(unit, document, filename))
    return result


def _read_unit12(unit: etree._Element, document: str, filename: str) -> XliffUnit:
    line = unit.sourceline
    key = unit.get("id")
    if not key:
        raise InputError("a <trans-unit> without id", file=filename, line=line)
    source_el = _children(unit, "source")
    if len(source_el) != 1:
        raise InputError(f"unit {key!r} needs exactly one <source>", file=filename, line=line)
    target_el = _children(unit, "target")
    target = _inline_text(target_el[0], filename) if target_el else None
    state = target_el[0].get("state", "") if target_el else ""
    approved = unit.get("approved") == "yes"
    if approved:
        derived = Status.APPROVED
    elif state in _FROM_STATE12:
        derived = _FROM_STATE12[state]
    elif state.startswith("x-"):
        derived = Status.DRAFT
    elif state:
        raise InputError(f"unit {key!r}: unknown target state {state!r}", file=filename, line=line)
    else:
        derived = Status.TRANSLATED if target else Status.NEW
    wb_status = _wb_enum(unit, "status", Status, filename)
    consistent = wb_status is not None and (
        (not target and not state) or (_STATE12[wb_status] == state)
    )
    notes: list[str] = []
    terms: list[str] = []
    for note in _children(unit, "note"):
        (terms if note.get("from") == "glossary" else notes).append(note.text or "")
    return XliffUnit(
        key=key,
        source=_inline_text(source_el[0], filename),
        target=target,
        state=state,
        status=_status_from(wb_status, derived, bool(target), consistent),
        revision=_wb_int(unit, "revision", filename),
        document=unit.get(_q(WB, "document"), document),
        paragraph=_wb_int(unit, "paragraph", filename),
        kind=_wb_enum(unit, "kind", ParagraphKind, filename),
        notes=tuple(notes),
        required_terms=tuple(terms),
        line=line,
    )


register(
    FormatSpec(
        name="xliff",
        extensions=(".xlf", ".xliff"),
        kind="exchange",
        description="XLIFF 2.0 (read: 2.0 and 1.2), one document and language pair per file",
        read=read_xliff,
        write=write_xliff,
    )
)
