"""Changing a termbase entry by entry (a concept's terms in one language).

Imports, editor saves and undo all come down to: take the current termbase, replace some
entries with those of another termbase, drop some others. Doing it in one pure function
means the result is validated the same way whichever path changed it.
"""

from __future__ import annotations

from collections.abc import Iterable

from workbench.glossary.termbase import Concept, Termbase

EntryKey = tuple[str, str]


def entry_keys(termbase: Termbase) -> set[EntryKey]:
    """Every (concept id, language) pair that has terms."""
    return {(concept.id, lang) for concept in termbase for lang in concept.languages()}


def merge_entries(
    current: Termbase,
    incoming: Termbase,
    changed: Iterable[EntryKey],
    removed: Iterable[EntryKey] = (),
) -> Termbase:
    """``current`` with the ``changed`` entries taken from ``incoming`` and the ``removed``
    entries dropped. A concept left with no entries disappears; a concept's fields
    (definition, subject, note) come from ``incoming`` when one of its entries changed.
    New concepts keep ``incoming``'s order after the existing ones. Raises ``InputError``
    (from ``Termbase``) if the result is not a valid termbase.
    """
    changed = set(changed)
    removed = set(removed)
    touched = {cid for cid, _ in changed}
    concepts: dict[str, Concept] = {concept.id: concept for concept in current}
    order = [concept.id for concept in current]
    for concept in incoming:
        if concept.id in touched and concept.id not in concepts:
            order.append(concept.id)
    result = []
    for cid in order:
        old = concepts.get(cid)
        new = incoming.get(cid) if cid in touched else None
        base = new or old
        assert base is not None
        langs = list(old.languages()) if old else []
        if new is not None:
            langs += [lang for lang in new.languages() if lang not in langs]
        terms = []
        notes = {}
        for lang in langs:
            key = (cid, lang)
            if key in removed:
                continue
            source = new if key in changed and new is not None else old
            if source is None or lang not in source.languages():
                continue
            terms.extend(source.terms_for(lang))
            if source.note_for(lang):
                notes[lang] = source.note_for(lang)
        if not terms:
            continue
        result.append(
            Concept(
                id=cid,
                definition=base.definition,
                subject=base.subject,
                note=base.note,
                terms=tuple(terms),
                lang_notes=notes,
            )
        )
    return Termbase(result)
