"""TBX (TermBase eXchange), the glossary format CAT tools exchange.

Written as TBX-Basic in the TBX v2 / ISO 30042:2008 layout; read from that layout and from
TBX v3 (``tbx``/``conceptEntry``/``langSec``/``termSec``, any namespace). The mapping:

=============================  ===========================================================
workbench                      TBX
=============================  ===========================================================
concept id                     ``termEntry/@id``
concept subject                ``termEntry/descrip[@type="subjectField"]``
concept definition             ``termEntry/descrip[@type="definition"]``
concept note                   ``termEntry/note``
language note                  ``langSet/note``
term text                      ``tig/term``
status preferred/allowed/      ``tig/termNote[@type="administrativeStatus"]`` =
forbidden                      ``preferredTerm-admn-sts`` / ``admittedTerm-admn-sts`` /
                               ``deprecatedTerm-admn-sts`` (``supersededTerm-admn-sts``
                               is read as forbidden; a term without status as allowed)
part of speech                 ``tig/termNote[@type="partOfSpeech"]`` (free text kept as is;
                               TBX-Basic's picklist is noun, verb, adjective, adverb,
                               properNoun, other)
indeclinable                   ``tig/termNote[@type="x-indeclinable"]`` = ``true``
case-sensitive                 ``tig/termNote[@type="x-caseSensitive"]`` = ``true``
accent-insensitive             ``tig/termNote[@type="x-accentInsensitive"]`` = ``true``
extra forms                    one ``tig/termNote[@type="x-form"]`` per form
words that never decline       one ``tig/termNote[@type="x-fixedWord"]`` per word
term note                      ``tig/note``
=============================  ===========================================================

False flags are omitted. Elements are written in the order of that table, concepts and
languages in termbase order, pretty-printed UTF-8, so the same termbase always gives the
same bytes. Several notes on one element are read joined by a line break; a definition
given per language (allowed by TBX) is read as the concept's definition when the entry has
none, the first one winning and a warning naming the others.

Safety: files are parsed without resolving entities, without network access and with
lxml's limits on huge documents in force, and any DTD or entity declaration is refused, so
"billion laughs" and external-entity (XXE) files give an ``InputError`` and never expand.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.glossary.termbase import (
    Concept,
    Term,
    Termbase,
    TermStatus,
    row_problems,
    term_text_problem,
)

__all__ = ["read_tbx", "write_tbx"]

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_STATUS_WRITE = {
    TermStatus.PREFERRED: "preferredTerm-admn-sts",
    TermStatus.ALLOWED: "admittedTerm-admn-sts",
    TermStatus.FORBIDDEN: "deprecatedTerm-admn-sts",
}
_STATUS_READ = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ALLOWED,
    "deprecatedterm-admn-sts": TermStatus.FORBIDDEN,
    "supersededterm-admn-sts": TermStatus.FORBIDDEN,
    # normativeAuthorization values of older TBX files
    "preferredterm": TermStatus.PREFERRED,
    "admittedterm": TermStatus.ALLOWED,
    "deprecatedterm": TermStatus.FORBIDDEN,
    "supersededterm": TermStatus.FORBIDDEN,
    "standardizedterm": TermStatus.PREFERRED,
    "legalterm": TermStatus.ALLOWED,
    "regulatedterm": TermStatus.ALLOWED,
}
_FLAGS = {
    "x-indeclinable": "indeclinable",
    "x-casesensitive": "case_sensitive",
    "x-accentinsensitive": "accent_insensitive",
}


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return etree.QName(tag).localname


def _children(element: etree._Element, *names: str) -> list[etree._Element]:
    return [child for child in element if _local(child) in names]


def _text(element: etree._Element) -> str:
    return "".join(element.itertext()).strip()


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
        line = error.lineno if error.lineno else None
        message = error.msg or "not well-formed XML"
        if "entit" in message.lower():
            message = f"{message} (entity declarations are not allowed in a glossary)"
        raise InputError(f"not a valid TBX file: {message}", file=filename, line=line) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise InputError(
            "the TBX file has a DTD or entity declarations, which are refused for safety "
            "(entity expansion and external entities); remove the <!DOCTYPE ...> part",
            file=filename,
            line=1,
        )
    for element in root.iter():
        if not isinstance(element.tag, str):  # an unexpanded entity reference
            raise InputError(
                "the TBX file uses entity references, which are refused for safety",
                file=filename,
                line=element.sourceline,
            )
    return root


def _bool(value: str, what: str, filename: str, line: int | None) -> bool:
    lowered = value.strip().lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0", ""):
        return False
    raise InputError(f"{what} must be true or false, not {value!r}", file=filename, line=line)


def read_tbx(data: bytes, filename: str) -> Termbase:
    """Read a TBX file (v2 ``martif`` or v3 ``tbx``) into a termbase; see the module doc."""
    root = _parse(data, filename)
    if _local(root) not in ("martif", "tbx"):
        raise InputError(
            f"not a TBX file: the root element is <{_local(root)}>, expected <martif> or <tbx>",
            file=filename,
            line=root.sourceline,
        )
    entries = [e for e in root.iter() if _local(e) in ("termEntry", "conceptEntry")]
    warnings: list[str] = []
    concepts: list[Concept] = []
    seen_ids: dict[str, int | None] = {}
    for number, entry in enumerate(entries, start=1):
        concept = _read_entry(entry, number, filename, warnings)
        if concept.id in seen_ids:
            raise InputError(
                f"concept id {concept.id!r} is already used on line {seen_ids[concept.id]}",
                file=filename,
                line=entry.sourceline,
            )
        seen_ids[concept.id] = entry.sourceline
        concepts.append(concept)
    if not concepts:
        raise InputError("the TBX file has no term entries", file=filename)
    try:
        return Termbase(concepts, warnings=warnings)
    except InputError as error:  # pragma: no cover - entries are validated one by one
        raise InputError(error.problem, file=filename) from None


def _descrips(element: etree._Element) -> list[etree._Element]:
    found = _children(element, "descrip")
    for group in _children(element, "descripGrp"):
        found.extend(_children(group, "descrip"))
    return found


def _notes(element: etree._Element) -> str:
    return "\n".join(_text(n) for n in _children(element, "note") if _text(n))


def _read_entry(entry: etree._Element, number: int, filename: str, warnings: list[str]) -> Concept:
    cid = (entry.get("id") or "").strip()
    if not cid:
        cid = f"entry-{number}"
        warnings.append(f"{filename}:{entry.sourceline}: a term entry without id was named {cid}")
    definition = subject = ""
    for descrip in _descrips(entry):
        kind = (descrip.get("type") or "").strip()
        if kind == "definition" and not definition:
            definition = _text(descrip)
        elif kind == "subjectField" and not subject:
            subject = _text(descrip)
    terms: list[Term] = []
    lang_notes: dict[str, str] = {}
    langs_seen: dict[str, int | None] = {}
    for lang_set in _children(entry, "langSet", "langSec"):
        lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").strip()
        line = lang_set.sourceline
        if not lang:
            raise InputError(
                f"concept {cid!r}: a language section without xml:lang", file=filename, line=line
            )
        if lang in langs_seen:
            raise InputError(
                f"concept {cid!r}, language {lang!r} is already defined on line {langs_seen[lang]}",
                file=filename,
                line=line,
            )
        langs_seen[lang] = line
        for descrip in _descrips(lang_set):
            if (descrip.get("type") or "") == "definition" and _text(descrip):
                if not definition:
                    definition = _text(descrip)
                elif _text(descrip) != definition:
                    warnings.append(
                        f"{filename}:{descrip.sourceline}: concept {cid!r} has a second "
                        f"definition ({lang}); only the first is kept"
                    )
        note = _notes(lang_set)
        if note:
            lang_notes[lang] = note
        terms.extend(_read_lang_set(lang_set, cid, lang, filename, warnings))
    return Concept(
        id=cid,
        definition=definition,
        subject=subject,
        note=_notes(entry),
        terms=tuple(terms),
        lang_notes=lang_notes,
    )


def _term_groups(lang_set: etree._Element) -> list[etree._Element]:
    groups = _children(lang_set, "tig", "termSec")
    for ntig in _children(lang_set, "ntig"):
        groups.extend(_children(ntig, "termGrp"))
    return groups


def _read_lang_set(
    lang_set: etree._Element, cid: str, lang: str, filename: str, warnings: list[str]
) -> list[Term]:
    where = f"concept {cid!r}, language {lang!r}"
    read: list[tuple[dict[str, object], bool, int | None]] = []
    for group in _term_groups(lang_set):
        line = group.sourceline
        term_elements = _children(group, "term")
        if len(term_elements) != 1:
            raise InputError(
                f"{where}: a term group needs exactly one <term>", file=filename, line=line
            )
        text = _text(term_elements[0])
        problem = term_text_problem(text)
        if problem:
            raise InputError(f"{where}: {problem}", file=filename, line=term_elements[0].sourceline)
        fields: dict[str, object] = {"text": text, "lang": lang, "forms": [], "fixed": []}
        status_given = False
        notes = list(_children(group, "termNote"))
        for grp in _children(group, "termNoteGrp"):
            notes.extend(_children(grp, "termNote"))
        for term_note in notes:
            kind = (term_note.get("type") or "").strip()
            value = _text(term_note)
            if kind in ("administrativeStatus", "normativeAuthorization"):
                status = _STATUS_READ.get(value.lower())
                if status is None:
                    raise InputError(
                        f"{where}: unknown {kind} {value!r}",
                        file=filename,
                        line=term_note.sourceline,
                    )
                fields["status"] = status
                status_given = True
            elif kind == "partOfSpeech":
                fields["part_of_speech"] = value
            elif kind.lower() in _FLAGS:
                fields[_FLAGS[kind.lower()]] = _bool(value, kind, filename, term_note.sourceline)
            elif kind == "x-fixedWord":
                fields["fixed"].append(value)  # type: ignore[union-attr]
            elif kind == "x-form":
                problem = term_text_problem(value)
                if problem:
                    raise InputError(
                        f"{where}: {problem}", file=filename, line=term_note.sourceline
                    )
                fields["forms"].append(value)  # type: ignore[union-attr]
        fields["note"] = _notes(group)
        fields.setdefault("status", TermStatus.ALLOWED)
        read.append((fields, status_given, line))
    if not read:
        return []
    preferred = [f for f, _given, _line in read if f["status"] == TermStatus.PREFERRED]
    if not preferred:
        first = next((f for f, _g, _l in read if f["status"] != TermStatus.FORBIDDEN), None)
        if first is None:
            raise InputError(
                f"{where}: every term is deprecated; one must be preferred",
                file=filename,
                line=lang_set.sourceline,
            )
        first["status"] = TermStatus.PREFERRED
        warnings.append(
            f"{filename}:{lang_set.sourceline}: {where} has no preferred term; "
            f"{first['text']!r} is used as the preferred one"
        )
    elif len(preferred) > 1:
        texts = ", ".join(repr(f["text"]) for f in preferred)
        raise InputError(
            f"{where}: more than one preferred term ({texts})",
            file=filename,
            line=lang_set.sourceline,
        )
    terms = [
        Term(
            text=str(f["text"]),
            lang=lang,
            status=f["status"],  # type: ignore[arg-type]
            part_of_speech=str(f.get("part_of_speech", "")),
            indeclinable=bool(f.get("indeclinable", False)),
            case_sensitive=bool(f.get("case_sensitive", False)),
            accent_insensitive=bool(f.get("accent_insensitive", False)),
            forms=tuple(f["forms"]),  # type: ignore[arg-type]
            fixed_words=tuple(f["fixed"]),  # type: ignore[arg-type]
            note=str(f.get("note", "")),
        )
        for f, _given, _line in read
    ]
    texts_seen: dict[str, int | None] = {}
    for term, (_f, _g, line) in zip(terms, read, strict=True):
        if term.text in texts_seen:
            raise InputError(
                f"{where}: {term.text!r} is listed twice (first on line {texts_seen[term.text]})",
                file=filename,
                line=line,
            )
        texts_seen[term.text] = line
    pref = next(t for t in terms if t.status == TermStatus.PREFERRED)
    problems = row_problems(
        cid,
        lang,
        pref.text,
        [t.text for t in terms if t.status == TermStatus.ALLOWED],
        [t.text for t in terms if t.status == TermStatus.FORBIDDEN],
    )
    if problems:
        raise InputError(problems[0], file=filename, line=lang_set.sourceline)
    return terms


def _sub(parent: etree._Element, tag: str, text: str, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _write_notes(parent: etree._Element, note: str) -> None:
    if note:
        _sub(parent, "note", note)


def write_tbx(termbase: Termbase, *, source_lang: str | None = None) -> bytes:
    """The termbase as TBX-Basic (TBX v2 layout), pretty-printed UTF-8; see the module doc."""
    langs = termbase.languages()
    root = etree.Element("martif", {"type": "TBX-Basic"})
    root.set(_XML_LANG, source_lang or (langs[0] if langs else "en"))
    header = etree.SubElement(root, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    source_desc = etree.SubElement(file_desc, "sourceDesc")
    _sub(source_desc, "p", "Exported from the workbench glossary")
    encoding = etree.SubElement(header, "encodingDesc")
    _sub(encoding, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = etree.SubElement(etree.SubElement(root, "text"), "body")
    for concept in termbase:
        entry = etree.SubElement(body, "termEntry", {"id": concept.id})
        if concept.subject:
            _sub(entry, "descrip", concept.subject, type="subjectField")
        if concept.definition:
            _sub(entry, "descrip", concept.definition, type="definition")
        _write_notes(entry, concept.note)
        for lang in concept.languages():
            lang_set = etree.SubElement(entry, "langSet")
            lang_set.set(_XML_LANG, lang)
            _write_notes(lang_set, concept.note_for(lang))
            for term in _ordered(concept.terms_for(lang)):
                _write_term(lang_set, term)
    return etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")


def _ordered(terms: Iterable[Term]) -> list[Term]:
    rank = {TermStatus.PREFERRED: 0, TermStatus.ALLOWED: 1, TermStatus.FORBIDDEN: 2}
    return sorted(terms, key=lambda t: rank[t.status])


def _write_term(lang_set: etree._Element, term: Term) -> None:
    tig = etree.SubElement(lang_set, "tig")
    _sub(tig, "term", term.text)
    _sub(tig, "termNote", _STATUS_WRITE[term.status], type="administrativeStatus")
    if term.part_of_speech:
        _sub(tig, "termNote", term.part_of_speech, type="partOfSpeech")
    if term.indeclinable:
        _sub(tig, "termNote", "true", type="x-indeclinable")
    if term.case_sensitive:
        _sub(tig, "termNote", "true", type="x-caseSensitive")
    if term.accent_insensitive:
        _sub(tig, "termNote", "true", type="x-accentInsensitive")
    for form in term.forms:
        _sub(tig, "termNote", form, type="x-form")
    for word in term.fixed_words:
        _sub(tig, "termNote", word, type="x-fixedWord")
    _write_notes(tig, term.note)


register(
    FormatSpec(
        name="tbx",
        extensions=(".tbx",),
        kind="glossary",
        description="TermBase eXchange (TBX-Basic), the CAT-tool glossary format",
        read=read_tbx,
        write=write_tbx,
    )
)
