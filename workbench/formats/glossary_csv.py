"""The glossary as a spreadsheet: one row per concept and language.

Header (any order; the first six columns are required, the others optional)::

    concept_id,lang,preferred,allowed_variants,forbidden_variants,note,
    part_of_speech,indeclinable,case_sensitive,accent_insensitive,forms,definition,subject

* ``allowed_variants``, ``forbidden_variants`` and ``forms`` hold several terms separated by
  ``|``. A literal ``|`` inside a term is written ``\\|`` and a literal backslash ``\\\\``;
  any other backslash is an error (so a stray ``C:\\path`` is not silently changed). The
  ``preferred`` cell holds one term and is taken verbatim, without escapes.
* Booleans are ``true``, ``false`` or empty (= false), in any letter case.
  ``indeclinable`` may instead list (``|``-separated) the words of the row's terms that
  never decline while the others do: "Книга Зоар" with ``indeclinable`` = ``Зоар``. Each
  listed word applies to every preferred or allowed term of the row that contains it.
* ``note`` is the note for that language; ``definition`` and ``subject`` belong to the
  concept and may be repeated on each of its rows (they must then agree) or given once.
* ``forms`` are extra accepted forms of the preferred term (irregular or explicitly allowed
  inflections of an indeclinable term).
* Row flags apply to the row's terms like this: ``part_of_speech``, ``case_sensitive`` and
  ``accent_insensitive`` to every term of the row; ``indeclinable`` to the preferred term and
  to every allowed variant made only of the preferred term's words ("Лишма", "«лишма»",
  "Ор Хозер"), not to calques beside it ("отраженный свет" declines even though "ор хозер"
  does not). Forbidden variants are found in any inflection, so the flag means nothing there.
* Unknown columns are an error, naming them: a misspelt flag column ("indeclinabel") must
  not be ignored silently, because the checks would then quietly behave differently.
* Any malformed row (wrong number of cells, a missing concept id, language or preferred
  term, an unknown boolean, a term listed both allowed and forbidden, the same concept and
  language twice) raises ``InputError`` with the physical line where the row starts, and no
  termbase is returned from that file.
* Tolerated with a warning in ``Termbase.warnings``: a variant repeated, or equal to the
  preferred term (it is dropped).

The writer emits every column in the order above, concepts in termbase order, languages in
their order within the concept, ``true``/``false`` spelled out, UTF-8 without BOM and ``\\n``
line ends, so reading and writing again gives the same bytes. A termbase that the CSV cannot
express (a concept-level note, a note on a single term, flags that differ from what the row
rule above would give) is refused with ``InputError`` unless ``strict=False``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.glossary.normalize import norm, tokenize
from workbench.glossary.termbase import (
    Concept,
    Term,
    Termbase,
    TermStatus,
    row_problems,
    term_text_problem,
    text_field_problem,
)

__all__ = [
    "COLUMNS",
    "REQUIRED_COLUMNS",
    "join_variants",
    "read_glossary_csv",
    "split_variants",
    "write_glossary_csv",
]

REQUIRED_COLUMNS = (
    "concept_id",
    "lang",
    "preferred",
    "allowed_variants",
    "forbidden_variants",
    "note",
)
OPTIONAL_COLUMNS = (
    "part_of_speech",
    "indeclinable",
    "case_sensitive",
    "accent_insensitive",
    "forms",
    "definition",
    "subject",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
_BOOLEANS = {"true": True, "false": False, "": False}


def split_variants(cell: str) -> list[str]:
    """``"a|b\\|c"`` → ``["a", "b|c"]``; empty items are dropped, items are stripped.

    Raises ``ValueError`` for a backslash that escapes anything but ``|`` or ``\\``.
    """
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            if nxt not in ("|", "\\"):
                shown = "\\" + nxt if nxt else "\\ at the end"
                raise ValueError(f"unknown escape {shown!r} (write \\| for | and \\\\ for \\)")
            current.append(nxt)
        elif ch == "|":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    items.append("".join(current).strip())
    return [item for item in items if item]


def join_variants(items: Iterable[str]) -> str:
    """The inverse of ``split_variants``."""
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def _words(text: str) -> list[str]:
    return [norm(t.surface) for t in tokenize(text)]


def indeclinable_for_variant(preferred: str, variant: str, row_flag: bool) -> bool:
    """The row rule: an allowed variant is indeclinable when the row is and it is made only
    of the preferred term's words (a re-cased or quoted preferred term, not a calque)."""
    if not row_flag:
        return False
    return set(_words(variant)) <= set(_words(preferred))


def fixed_words_for(text: str, listed: Iterable[str]) -> tuple[str, ...]:
    """The words of ``listed`` that occur in the term ``text`` (compared in norm form)."""
    words = set(_words(text))
    return tuple(word for word in listed if norm(word) in words)


def _parse_indeclinable(
    value: str, preferred: str, allowed: list[str]
) -> tuple[bool, tuple[str, ...]]:
    """``true``/``false``/empty, or the words of the row's terms that never decline.

    "Книга Зоар" declines only its first word: ``indeclinable`` = ``Зоар``. A word that is
    in none of the row's preferred and allowed terms is an error, so a misspelt boolean is
    never read as a word list.
    """
    lowered = value.strip().lower()
    if lowered in _BOOLEANS:
        return _BOOLEANS[lowered], ()
    words = split_variants(value)
    known = set(_words(preferred)).union(*(_words(a) for a in allowed))
    for word in words:
        if len(_words(word)) != 1 or norm(word) not in known:
            raise ValueError(
                "column 'indeclinable' must be true, false, empty or |-separated words of "
                f"this row's terms that never decline; {word!r} is none of these"
            )
    return False, tuple(words)


def _parse_bool(value: str, column: str) -> bool:
    try:
        return _BOOLEANS[value.strip().lower()]
    except KeyError:
        raise ValueError(f"column {column!r} must be true, false or empty, not {value!r}") from None


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(
            "the glossary is not valid UTF-8 (save it as CSV UTF-8)", file=filename, line=line
        ) from None


def _rows(text: str, filename: str) -> list[tuple[int, list[str]]]:
    """``(first physical line, cells)`` for every non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InputError(f"malformed CSV: {error}", file=filename, line=line) from None
        if any(cell.strip() for cell in cells):
            rows.append((line, cells))
        line = reader.line_num + 1
    return rows


def read_glossary_csv(data: bytes, filename: str) -> Termbase:
    """Read a glossary CSV; see the module docstring for the rules."""
    text = _decode(data, filename)
    rows = _rows(text, filename)
    if not rows:
        raise InputError("the glossary is empty (no header row)", file=filename, line=1)
    header_line, header = rows[0]
    columns = [cell.strip().lower() for cell in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(
            f"the header lacks the column(s) {', '.join(missing)}; "
            f"required: {','.join(REQUIRED_COLUMNS)}",
            file=filename,
            line=header_line,
        )
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(repr(c) for c in unknown)}; "
            f"known columns: {','.join(COLUMNS)}",
            file=filename,
            line=header_line,
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise InputError(
            f"column(s) {', '.join(duplicated)} appear twice", file=filename, line=header_line
        )

    warnings: list[str] = []
    order: list[str] = []
    concept_terms: dict[str, list[Term]] = {}
    concept_info: dict[str, dict[str, str]] = {}
    lang_notes: dict[str, dict[str, str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, cells in rows[1:]:
        if len(cells) != len(columns):
            raise InputError(
                f"this row has {len(cells)} cells but the header has {len(columns)} "
                "(a comma inside a term needs the cell in double quotes)",
                file=filename,
                line=line,
            )
        row = {
            column: cell.strip().replace("\r\n", "\n").replace("\r", "\n")
            for column, cell in zip(columns, cells, strict=True)
        }
        try:
            terms, info = _row_terms(row, warnings, filename, line)
        except ValueError as error:
            raise InputError(str(error), file=filename, line=line) from None
        cid, lang = row["concept_id"], row["lang"]
        if (cid, lang) in seen:
            raise InputError(
                f"concept {cid!r}, language {lang!r} is already defined on line "
                f"{seen[(cid, lang)]}",
                file=filename,
                line=line,
            )
        seen[(cid, lang)] = line
        if cid not in concept_terms:
            order.append(cid)
            concept_terms[cid] = []
            concept_info[cid] = {"definition": "", "subject": ""}
            lang_notes[cid] = {}
        for key, value in info.items():
            known = concept_info[cid][key]
            if value and known and value != known:
                raise InputError(
                    f"concept {cid!r} has a different {key} on an earlier row "
                    f"({known!r} vs {value!r})",
                    file=filename,
                    line=line,
                )
            if value:
                concept_info[cid][key] = value
        if row["note"]:
            lang_notes[cid][lang] = row["note"]
        concept_terms[cid].extend(terms)
    concepts = [
        Concept(
            id=cid,
            definition=concept_info[cid]["definition"],
            subject=concept_info[cid]["subject"],
            terms=tuple(concept_terms[cid]),
            lang_notes=lang_notes[cid],
        )
        for cid in order
    ]
    try:
        return Termbase(concepts, warnings=warnings)
    except InputError as error:  # pragma: no cover - rows were validated one by one
        raise InputError(error.problem, file=filename) from None


def _row_terms(
    row: dict[str, str], warnings: list[str], filename: str, line: int
) -> tuple[list[Term], dict[str, str]]:
    cid, lang, preferred = row["concept_id"], row["lang"], row["preferred"]
    for column in ("concept_id", "lang", "preferred"):
        if not row[column]:
            raise ValueError(f"the {column} cell is empty")
    allowed_raw = split_variants(row["allowed_variants"])
    forbidden_raw = split_variants(row["forbidden_variants"])
    forms = split_variants(row.get("forms", ""))
    flags = {
        name: _parse_bool(row.get(name, ""), name)
        for name in ("case_sensitive", "accent_insensitive")
    }
    indeclinable, fixed = _parse_indeclinable(row.get("indeclinable", ""), preferred, allowed_raw)
    flags["indeclinable"] = indeclinable
    problems = row_problems(cid, lang, preferred, allowed_raw, forbidden_raw)
    for text in forms:
        problem = term_text_problem(text)
        if problem:
            problems.append(f"form: {problem}")
    for column in ("note", "part_of_speech", "definition", "subject"):
        problem = text_field_problem(row.get(column, ""), column)
        if problem:
            problems.append(problem)
    if problems:
        raise ValueError(problems[0])
    allowed: list[str] = []
    for text in allowed_raw:
        if text == preferred or text in allowed:
            warnings.append(
                f"{filename}:{line}: {text!r} is listed twice for {cid!r} ({lang}); "
                "the repetition was dropped"
            )
            continue
        allowed.append(text)
    forbidden: list[str] = []
    for text in forbidden_raw:
        if text in forbidden:
            warnings.append(
                f"{filename}:{line}: forbidden {text!r} is listed twice for {cid!r} ({lang}); "
                "the repetition was dropped"
            )
            continue
        forbidden.append(text)
    pos = row.get("part_of_speech", "")
    common = {
        "lang": lang,
        "part_of_speech": pos,
        "case_sensitive": flags["case_sensitive"],
        "accent_insensitive": flags["accent_insensitive"],
    }
    terms = [
        Term(
            text=preferred,
            status=TermStatus.PREFERRED,
            indeclinable=flags["indeclinable"],
            forms=tuple(forms),
            fixed_words=fixed_words_for(preferred, fixed),
            **common,  # type: ignore[arg-type]
        )
    ]
    terms += [
        Term(
            text=text,
            status=TermStatus.ALLOWED,
            indeclinable=indeclinable_for_variant(preferred, text, flags["indeclinable"]),
            fixed_words=fixed_words_for(text, fixed),
            **common,  # type: ignore[arg-type]
        )
        for text in allowed
    ]
    terms += [
        Term(text=text, status=TermStatus.FORBIDDEN, **common)  # type: ignore[arg-type]
        for text in forbidden
    ]
    info = {"definition": row.get("definition", ""), "subject": row.get("subject", "")}
    return terms, info


def _check_representable(concept: Concept, lang: str, preferred: Term, terms: list[Term]) -> None:
    where = f"concept {concept.id!r}, language {lang!r}"
    if preferred.note:
        raise InputError(f"{where}: a note on a single term cannot be written to CSV")
    listed = [] if preferred.indeclinable else _listed_fixed(terms)
    for term in terms:
        expected_fixed = fixed_words_for(term.text, listed) if term.status != "forbidden" else ()
        if term.fixed_words != expected_fixed:
            raise InputError(
                f"{where}: term {term.text!r} has its own fixed words "
                f"({', '.join(term.fixed_words) or 'none'}), which one CSV row per language "
                "cannot express (use TBX, or write with strict=False)"
            )
        if term is preferred:
            continue
        expected_indeclinable = (
            indeclinable_for_variant(preferred.text, term.text, preferred.indeclinable)
            if term.status == TermStatus.ALLOWED
            else False
        )
        differs = [
            name
            for name, same in (
                ("part_of_speech", term.part_of_speech == preferred.part_of_speech),
                ("case_sensitive", term.case_sensitive == preferred.case_sensitive),
                ("accent_insensitive", term.accent_insensitive == preferred.accent_insensitive),
                ("indeclinable", term.indeclinable == expected_indeclinable),
                ("forms", not term.forms),
                ("note", not term.note),
            )
            if not same
        ]
        if differs:
            raise InputError(
                f"{where}: term {term.text!r} has its own {', '.join(differs)}, which one CSV "
                "row per language cannot express (use TBX, or write with strict=False)"
            )


def _listed_fixed(terms: list[Term]) -> list[str]:
    """The row's ``indeclinable`` word list: every fixed word of its terms, once."""
    listed: list[str] = []
    for term in terms:
        for word in term.fixed_words:
            if norm(word) not in {norm(w) for w in listed}:
                listed.append(word)
    return listed


def write_glossary_csv(termbase: Termbase, *, strict: bool = True) -> bytes:
    """The termbase as CSV bytes (UTF-8, no BOM, ``\\n``), every column, in termbase order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    for concept in termbase:
        if strict and concept.note:
            raise InputError(
                f"concept {concept.id!r}: a note on the whole concept cannot be written to CSV "
                "(only notes per language)"
            )
        for lang in concept.languages():
            terms = list(concept.terms_for(lang))
            preferred = concept.preferred(lang)
            if preferred is None:  # pragma: no cover - Termbase validation forbids it
                raise InputError(f"concept {concept.id!r}, language {lang!r}: no preferred term")
            if strict:
                _check_representable(concept, lang, preferred, terms)
            allowed = [t.text for t in terms if t.status == TermStatus.ALLOWED]
            forbidden = [t.text for t in terms if t.status == TermStatus.FORBIDDEN]
            listed = _listed_fixed(terms)
            writer.writerow(
                [
                    concept.id,
                    lang,
                    preferred.text,
                    join_variants(allowed),
                    join_variants(forbidden),
                    concept.note_for(lang),
                    preferred.part_of_speech,
                    "true"
                    if preferred.indeclinable
                    else (join_variants(listed) if listed else "false"),
                    "true" if preferred.case_sensitive else "false",
                    "true" if preferred.accent_insensitive else "false",
                    join_variants(preferred.forms),
                    concept.definition,
                    concept.subject,
                ]
            )
    return out.getvalue().encode("utf-8")


register(
    FormatSpec(
        name="glossary-csv",
        extensions=(".csv",),
        kind="glossary",
        description="Glossary spreadsheet (CSV, one row per concept and language)",
        read=read_glossary_csv,
        write=write_glossary_csv,
    )
)
