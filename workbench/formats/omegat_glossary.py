"""The glossary for one language pair as an OmegaT glossary file.

OmegaT reads tab-separated UTF-8 text, one entry per line: ``source<TAB>target<TAB>comment``.
For every concept with terms in both languages, each accepted source term (preferred and
allowed) gets a line with the preferred target term, so OmegaT proposes only the form to
insert. The comment carries what the translator must know and OmegaT cannot express: the
accepted alternatives, the forbidden variants, whether the term declines, and the notes.
Forbidden source terms are included too (a source text may use them); forbidden target
terms never become a target. Terms cannot contain tabs or line breaks (the termbase refuses
them) and notes have theirs replaced by spaces, so every entry stays one line.

Reading it back gives one concept per distinct source term, the target as preferred; the
comment becomes the language note of the target.
"""

from __future__ import annotations

from workbench.errors import InputError
from workbench.formats.registry import FormatSpec, register
from workbench.glossary.termbase import Concept, Term, Termbase, TermStatus, term_text_problem

__all__ = ["read_omegat_glossary", "write_omegat_glossary"]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment(concept: Concept, tgt_lang: str, preferred: Term) -> str:
    parts = []
    allowed = [t.text for t in concept.terms_for(tgt_lang, TermStatus.ALLOWED)]
    forbidden = [t.text for t in concept.terms_for(tgt_lang, TermStatus.FORBIDDEN)]
    if allowed:
        parts.append("also: " + ", ".join(allowed))
    if forbidden:
        parts.append("not: " + ", ".join(forbidden))
    if preferred.indeclinable:
        parts.append("indeclinable")
    if preferred.case_sensitive:
        parts.append("case-sensitive")
    for note in (concept.note_for(tgt_lang), preferred.note, concept.definition):
        if note:
            parts.append(note)
    return _one_line("; ".join(parts))


def write_omegat_glossary(termbase: Termbase, src_lang: str, tgt_lang: str) -> bytes:
    """OmegaT glossary lines for ``src_lang`` → ``tgt_lang``, in termbase order."""
    lines = []
    for concept in termbase:
        preferred = concept.preferred(tgt_lang)
        sources = concept.terms_for(src_lang)
        if preferred is None or not sources:
            continue
        comment = _comment(concept, tgt_lang, preferred)
        ordered = sorted(sources, key=lambda t: t.status == TermStatus.FORBIDDEN)
        for source in ordered:
            lines.append(f"{source.text}\t{preferred.text}\t{comment}".rstrip("\t") + "\n")
    return "".join(lines).encode("utf-8")


def read_omegat_glossary(data: bytes, filename: str, src_lang: str, tgt_lang: str) -> Termbase:
    """Read an OmegaT glossary: one concept per distinct source term."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the glossary is not UTF-8 text", file=filename) from None
    targets: dict[str, list[str]] = {}
    notes: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or len(cells) > 3:
            raise InputError("expected source<TAB>target<TAB>comment", file=filename, line=number)
        source, target = cells[0].strip(), cells[1].strip()
        for term in (source, target):
            problem = term_text_problem(term)
            if problem:
                raise InputError(problem, file=filename, line=number)
        if target not in targets.setdefault(source, []):
            targets[source].append(target)
        if len(cells) == 3 and cells[2].strip() and source not in notes:
            notes[source] = cells[2].strip()
    concepts = []
    for index, (source, found) in enumerate(targets.items(), start=1):
        terms = [
            Term(source, src_lang, TermStatus.PREFERRED),
            Term(found[0], tgt_lang, TermStatus.PREFERRED),
        ]
        terms += [Term(t, tgt_lang, TermStatus.ALLOWED) for t in found[1:] if t != found[0]]
        lang_notes = {tgt_lang: notes[source]} if source in notes else {}
        concepts.append(Concept(id=f"omegat-{index}", terms=tuple(terms), lang_notes=lang_notes))
    return Termbase(concepts)


register(
    FormatSpec(
        name="omegat-glossary",
        extensions=(".utf8", ".tab"),
        kind="glossary",
        description="OmegaT glossary (tab-separated source, target, comment) for one language pair",
        read=read_omegat_glossary,
        write=write_omegat_glossary,
    )
)
