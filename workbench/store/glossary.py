"""The glossary in the store: concepts, one entry per concept and language, its terms.

The unit of change is the *entry* (a concept's terms in one language), the same unit as a
row of the glossary CSV and a ``langSet`` of TBX: it is what an editor saves, what the
history records, and what a save's revision check protects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workbench.glossary import Concept, Term, Termbase, TermStatus
from workbench.store import settings
from workbench.store.schema import ConceptRow, GlossaryEntryRow, TermRow

EntryKey = tuple[str, str]


@dataclass(frozen=True)
class StoredGlossary:
    """The termbase as stored, with each entry's revision and the glossary version."""

    termbase: Termbase
    revisions: dict[EntryKey, int]
    version: int


def glossary_version(session: Session) -> int:
    return settings.counter(session, settings.GLOSSARY_VERSION)


def load(session: Session) -> StoredGlossary:
    """The whole glossary in three queries."""
    concepts = list(session.scalars(select(ConceptRow).order_by(ConceptRow.position)))
    entries = list(
        session.scalars(
            select(GlossaryEntryRow).order_by(
                GlossaryEntryRow.concept_id, GlossaryEntryRow.position
            )
        )
    )
    terms_by_entry: dict[int, list[TermRow]] = {}
    for term in session.scalars(select(TermRow).order_by(TermRow.entry_id, TermRow.position)):
        terms_by_entry.setdefault(term.entry_id, []).append(term)
    entries_by_concept: dict[str, list[GlossaryEntryRow]] = {}
    for entry in entries:
        entries_by_concept.setdefault(entry.concept_id, []).append(entry)
    built = []
    revisions: dict[EntryKey, int] = {}
    for concept in concepts:
        own = entries_by_concept.get(concept.id, [])
        terms = [
            _term(row, entry.lang) for entry in own for row in terms_by_entry.get(entry.id, [])
        ]
        for entry in own:
            revisions[(concept.id, entry.lang)] = entry.revision
        built.append(
            Concept(
                id=concept.id,
                definition=concept.definition,
                subject=concept.subject,
                note=concept.note,
                terms=tuple(terms),
                lang_notes={e.lang: e.note for e in own if e.note},
            )
        )
    return StoredGlossary(Termbase(built), revisions, glossary_version(session))


def _term(row: TermRow, lang: str) -> Term:
    return Term(
        text=row.text,
        lang=lang,
        status=TermStatus(row.status),
        part_of_speech=row.part_of_speech,
        indeclinable=row.indeclinable,
        case_sensitive=row.case_sensitive,
        accent_insensitive=row.accent_insensitive,
        forms=tuple(json.loads(row.forms)),
        note=row.note,
        fixed_words=tuple(json.loads(row.fixed_words)),
    )


def entry_snapshot(concept: Concept, lang: str) -> dict[str, Any]:
    """A JSON-able picture of one entry (and its concept's fields) for the history, so any
    change can be shown and undone exactly."""
    return {
        "concept_id": concept.id,
        "lang": lang,
        "definition": concept.definition,
        "subject": concept.subject,
        "concept_note": concept.note,
        "note": concept.note_for(lang),
        "terms": [
            {
                "text": t.text,
                "status": str(t.status),
                "part_of_speech": t.part_of_speech,
                "indeclinable": t.indeclinable,
                "case_sensitive": t.case_sensitive,
                "accent_insensitive": t.accent_insensitive,
                "forms": list(t.forms),
                "note": t.note,
                "fixed_words": list(t.fixed_words),
            }
            for t in concept.terms_for(lang)
        ],
    }


def concept_from_snapshots(snapshots: list[dict[str, Any]]) -> Concept:
    """Rebuild a concept from the snapshots of its entries (all of one concept)."""
    first = snapshots[0]
    return Concept(
        id=first["concept_id"],
        definition=first["definition"],
        subject=first["subject"],
        note=first["concept_note"],
        terms=tuple(
            Term(
                text=t["text"],
                lang=s["lang"],
                status=TermStatus(t["status"]),
                part_of_speech=t["part_of_speech"],
                indeclinable=t["indeclinable"],
                case_sensitive=t["case_sensitive"],
                accent_insensitive=t["accent_insensitive"],
                forms=tuple(t["forms"]),
                note=t["note"],
                fixed_words=tuple(t["fixed_words"]),
            )
            for s in snapshots
            for t in s["terms"]
        ),
        lang_notes={s["lang"]: s["note"] for s in snapshots if s["note"]},
    )


def save(
    session: Session,
    termbase: Termbase,
    changed: set[EntryKey],
    removed: set[EntryKey],
    *,
    user: str,
) -> int:
    """Write ``termbase``'s ``changed`` entries, delete the ``removed`` ones, keep concept
    order and fields in step, and bump the glossary version (returned)."""
    positions = {concept.id: index for index, concept in enumerate(termbase)}
    existing = {row.id: row for row in session.scalars(select(ConceptRow))}
    for concept in termbase:
        row = existing.get(concept.id)
        if row is None:
            row = ConceptRow(id=concept.id)
            session.add(row)
        fields = (concept.definition, concept.subject, concept.note, positions[concept.id])
        if (row.definition, row.subject, row.note, row.position) != fields:
            row.definition, row.subject, row.note, row.position = fields
            row.revision = (row.revision or 0) + 1
    session.flush()
    for concept_id, lang in sorted(removed):
        session.execute(
            delete(GlossaryEntryRow).where(
                GlossaryEntryRow.concept_id == concept_id, GlossaryEntryRow.lang == lang
            )
        )
    for concept_id, lang in sorted(changed):
        concept = termbase.concept(concept_id)
        entry = session.scalar(
            select(GlossaryEntryRow).where(
                GlossaryEntryRow.concept_id == concept_id, GlossaryEntryRow.lang == lang
            )
        )
        if entry is None:
            entry = GlossaryEntryRow(concept_id=concept_id, lang=lang, revision=0)
            session.add(entry)
        entry.position = concept.languages().index(lang)
        entry.note = concept.note_for(lang)
        entry.revision = (entry.revision or 0) + 1
        entry.updated_by = user
        entry.terms = [
            TermRow(
                position=index,
                text=t.text,
                status=str(t.status),
                part_of_speech=t.part_of_speech,
                indeclinable=t.indeclinable,
                case_sensitive=t.case_sensitive,
                accent_insensitive=t.accent_insensitive,
                forms=json.dumps(list(t.forms), ensure_ascii=False),
                fixed_words=json.dumps(list(t.fixed_words), ensure_ascii=False),
                note=t.note,
            )
            for index, t in enumerate(concept.terms_for(lang))
        ]
    session.flush()
    for row in existing.values():
        if row.id not in positions:
            session.delete(row)
    session.flush()
    return settings.bump(session, settings.GLOSSARY_VERSION)
