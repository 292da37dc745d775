"""The shared glossary: import, edit (revision-checked), export, history and undo.

Every change goes through ``_apply``: the new termbase is validated as a whole, each changed
entry (a concept's terms in one language) is written with its before and after in the
history under one batch id, and the glossary version is bumped so matchers are rebuilt.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import InputError, NotFoundError, WorkbenchError
from workbench.fileio import atomic_write
from workbench.formats.glossary_csv import COLUMNS, read_glossary_csv, write_glossary_csv
from workbench.formats.omegat_glossary import write_omegat_glossary
from workbench.formats.tbx import read_tbx, write_tbx
from workbench.glossary import Termbase, TermMatcher
from workbench.glossary.merge import EntryKey, entry_keys, merge_entries
from workbench.model import Role
from workbench.services.base import ServiceBase
from workbench.store import Session
from workbench.store import documents as repo
from workbench.store import glossary as glossary_store
from workbench.store.history import entries, record

GLOSSARY_FORMATS = {"csv": ".csv", "tbx": ".tbx", "omegat": ".utf8"}
HISTORY_ENTITY = "glossary-entry"


@dataclass(frozen=True)
class EntryConflict:
    """An entry someone else changed since the editor loaded it: both versions, as rows."""

    concept_id: str
    lang: str
    theirs: dict[str, str] | None
    yours: dict[str, str] | None


class GlossaryConflict(WorkbenchError):
    """A save touched entries changed meanwhile by someone else; nothing was saved."""

    def __init__(self, conflicts: list[EntryConflict], message: str | None = None) -> None:
        self.conflicts = conflicts
        names = ", ".join(f"{c.concept_id} ({c.lang})" for c in conflicts)
        super().__init__(
            (
                message
                or "someone else changed {names} since you loaded the glossary; nothing "
                "was saved. Reload to see their version, then make your change again."
            ).format(names=names)
        )


@dataclass
class GlossaryChange:
    """What a glossary change did, for the user and for undo."""

    batch: str | None
    added: list[EntryKey] = field(default_factory=list)
    changed: list[EntryKey] = field(default_factory=list)
    removed: list[EntryKey] = field(default_factory=list)
    version: int = 0
    warnings: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)

    def summary(self) -> str:
        if not self.count:
            return "no changes"
        parts = []
        for label, keys in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
        ):
            if keys:
                parts.append(f"{len(keys)} {label}")
        return "glossary entries " + ", ".join(parts)


@dataclass(frozen=True)
class GlossaryEdit:
    """One past glossary change (a batch), as the history shows it."""

    batch: str
    at: str
    user: str
    action: str
    entries: list[EntryKey]
    note: str | None


def read_glossary(data: bytes, filename: str) -> Termbase:
    """A glossary file by its extension: ``.csv`` or ``.tbx``."""
    suffix = Path(filename).suffix.lower()
    if suffix == ".csv":
        return read_glossary_csv(data, filename)
    if suffix in (".tbx", ".xml"):
        return read_tbx(data, filename)
    raise InputError(
        f"unsupported glossary file type {suffix or '(none)'!r}; use .csv or .tbx", file=filename
    )


def termbase_rows(termbase: Termbase) -> list[dict[str, str]]:
    """The termbase as glossary CSV rows (one per concept and language), for the editor."""
    text = write_glossary_csv(termbase, strict=False).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def rows_to_termbase(rows: list[dict[str, Any]], where: str = "glossary table") -> Termbase:
    """Edited rows back to a termbase, through the CSV reader's validation; an error names
    the row (1 = first data row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                column: "" if row.get(column) is None else str(row.get(column)).replace("\n", " ")
                for column in COLUMNS
            }
        )
    try:
        return read_glossary_csv(out.getvalue().encode("utf-8"), where)
    except InputError as exc:
        row = exc.line - 1 if exc.line else None
        # The reader counts file lines (header = line 1); the table counts rows from 1.
        problem = re.sub(r"on line (\d+)", lambda m: f"in row {int(m.group(1)) - 1}", exc.problem)
        raise InputError(problem, file=where, line=row) from None


class GlossaryServices(ServiceBase):
    """The glossary use cases; needs ``ServiceBase``'s database and user."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Rebuilt when the glossary version changes; shared by every session of a server.
        self._termbase_cache: tuple[int, Termbase] | None = None
        self._matcher_cache: dict[tuple[int, str], TermMatcher] = {}

    # -- reading -----------------------------------------------------------------------

    def data_version(self) -> tuple[int, int]:
        """(glossary version, content version): changes whenever the glossary or any
        segment does, so a page can tell whether a result it kept is still current."""
        with self.db.session() as session:
            return glossary_store.glossary_version(session), repo.content_version(session)

    def glossary(self) -> glossary_store.StoredGlossary:
        with self.db.session() as session:
            return glossary_store.load(session)

    def termbase(self) -> Termbase:
        """The current glossary, rebuilt only when its version changed."""
        with self.db.session() as session:
            version = glossary_store.glossary_version(session)
            cached = self._termbase_cache
            if cached is not None and cached[0] == version:
                return cached[1]
            stored = glossary_store.load(session)
        self._termbase_cache = (stored.version, stored.termbase)
        return stored.termbase

    def matcher(self, lang: str) -> TermMatcher:
        """The term matcher of ``lang`` for the current glossary (cached per version)."""
        termbase = self.termbase()
        version = self._termbase_cache[0] if self._termbase_cache else 0
        cache = self._matcher_cache
        key = (version, lang)
        if key not in cache:
            for old in [k for k in cache if k[0] != version]:
                del cache[old]
            cache[key] = TermMatcher(termbase, lang)
        return cache[key]

    def glossary_table(self) -> tuple[list[dict[str, str]], dict[EntryKey, int]]:
        """Rows for the editor and the revision of each entry they show."""
        stored = self.glossary()
        return termbase_rows(stored.termbase), stored.revisions

    # -- changing ----------------------------------------------------------------------

    def import_glossary(
        self, data: bytes, filename: str, *, replace: bool = False
    ) -> GlossaryChange:
        """Import a CSV or TBX glossary: its entries replace the same concept+language
        entries (``replace=True``: the file becomes the whole glossary). A bad file is
        rejected whole, with file and line."""
        self.require(Role.ADMIN, action="change the glossary")
        incoming = read_glossary(data, filename)
        with self.db.session(write=True) as session:
            current = glossary_store.load(session)
            keys = entry_keys(incoming)
            removed = entry_keys(current.termbase) - keys if replace else set()
            change = self._apply(
                session,
                current,
                incoming,
                keys,
                removed,
                action="import",
                note=Path(filename).name,
            )
        change.warnings = incoming.warnings
        return change

    def save_glossary_table(
        self,
        rows: list[dict[str, Any]],
        loaded_rows: list[dict[str, str]],
        loaded_revisions: dict[EntryKey, int],
    ) -> GlossaryChange:
        """Save the editor's rows. Only entries the person changed (against what they
        loaded) are written; if someone else changed one of those meanwhile, nothing is
        saved and ``GlossaryConflict`` shows both versions."""
        self.require(Role.ADMIN, action="change the glossary")
        edited = rows_to_termbase(rows)
        loaded = rows_to_termbase(loaded_rows, "loaded glossary") if loaded_rows else Termbase([])
        loaded_snapshots = _snapshots(loaded)
        edited_snapshots = _snapshots(edited)
        changed = {
            key for key, snap in edited_snapshots.items() if loaded_snapshots.get(key) != snap
        }
        removed = set(loaded_snapshots) - set(edited_snapshots)
        if not changed and not removed:
            return GlossaryChange(batch=None)
        with self.db.session(write=True) as session:
            current = glossary_store.load(session)
            conflicts = [
                EntryConflict(
                    cid,
                    lang,
                    theirs=_row_of(current.termbase, (cid, lang)),
                    yours=_row_of(edited, (cid, lang)),
                )
                for cid, lang in sorted(changed | removed)
                if current.revisions.get((cid, lang)) != loaded_revisions.get((cid, lang))
            ]
            if conflicts:
                raise GlossaryConflict(conflicts)
            return self._apply(session, current, edited, changed, removed, action="edit", note=None)

    def undo_glossary_change(self, batch: str) -> GlossaryChange:
        """Put back every entry a change touched, as it was before it, provided nobody
        changed them since (else nothing is undone and the conflict is reported)."""
        self.require(Role.ADMIN, action="change the glossary")
        with self.db.session(write=True) as session:
            rows = [
                e
                for e in entries(session, entity=HISTORY_ENTITY, limit=100_000)
                if e.batch == batch
            ]
            if not rows:
                raise NotFoundError(f"no glossary change {batch!r} in the history")
            current = glossary_store.load(session)
            now = _snapshots(current.termbase)
            conflicts = []
            before: dict[EntryKey, dict[str, Any] | None] = {}
            for entry in rows:
                key = _key(entry.entity_id)
                after = json.loads(entry.new) if entry.new else None
                if now.get(key) != after:
                    conflicts.append(
                        EntryConflict(
                            key[0],
                            key[1],
                            theirs=_row_of(current.termbase, key),
                            yours=None,
                        )
                    )
                before[key] = json.loads(entry.old) if entry.old else None
            if conflicts:
                raise GlossaryConflict(
                    conflicts,
                    "cannot undo: {names} changed again after this change; undoing it would "
                    "lose those later edits. Nothing was undone.",
                )
            restored = [s for s in before.values() if s is not None]
            by_concept: dict[str, list[dict[str, Any]]] = {}
            for snapshot in restored:
                by_concept.setdefault(snapshot["concept_id"], []).append(snapshot)
            incoming = Termbase(
                glossary_store.concept_from_snapshots(snaps) for snaps in by_concept.values()
            )
            changed = {k for k, v in before.items() if v is not None}
            removed = {k for k, v in before.items() if v is None}
            return self._apply(
                session, current, incoming, changed, removed, action="undo", note=batch
            )

    def _apply(
        self,
        session: Session,
        current: glossary_store.StoredGlossary,
        incoming: Termbase,
        changed: set[EntryKey],
        removed: set[EntryKey],
        *,
        action: str,
        note: str | None,
    ) -> GlossaryChange:
        merged = merge_entries(current.termbase, incoming, changed, removed)
        old = _snapshots(current.termbase)
        new = _snapshots(merged)
        real_changed = {k for k in changed if old.get(k) != new.get(k)}
        real_removed = {k for k in removed if k in old}
        # A concept field edited on one row changes every entry of that concept.
        real_changed |= {k for k in new if k in old and old[k] != new[k]}
        if not real_changed and not real_removed:
            return GlossaryChange(batch=None, version=current.version)
        batch = uuid.uuid4().hex[:12]
        version = glossary_store.save(session, merged, real_changed, real_removed, user=self.user)
        for key in sorted(real_changed | real_removed):
            record(
                session,
                user=self.user,
                action=action,
                entity=HISTORY_ENTITY,
                entity_id=f"{key[0]}\t{key[1]}",
                lang=key[1],
                old=json.dumps(old[key], ensure_ascii=False) if key in old else None,
                new=json.dumps(new[key], ensure_ascii=False) if key in new else None,
                batch=batch,
                note=note,
            )
        return GlossaryChange(
            batch=batch,
            added=sorted(k for k in real_changed if k not in old),
            changed=sorted(k for k in real_changed if k in old),
            removed=sorted(real_removed),
            version=version,
        )

    # -- history -----------------------------------------------------------------------

    def glossary_history(self, limit: int = 50) -> list[GlossaryEdit]:
        """Past glossary changes, newest first, one per batch."""
        with self.db.session() as session:
            rows = entries(session, entity=HISTORY_ENTITY, limit=5000)
        edits: dict[str, GlossaryEdit] = {}
        for row in rows:
            if row.batch is None:
                continue
            edit = edits.get(row.batch)
            if edit is None:
                if len(edits) >= limit:
                    break
                edit = edits[row.batch] = GlossaryEdit(
                    batch=row.batch,
                    at=row.at.strftime("%Y-%m-%d %H:%M"),
                    user=row.user,
                    action=row.action,
                    entries=[],
                    note=row.note,
                )
            edit.entries.append(_key(row.entity_id))
        return list(edits.values())

    # -- export ------------------------------------------------------------------------

    def export_glossary(
        self, fmt: str, *, src_lang: str | None = None, tgt_lang: str | None = None
    ) -> tuple[bytes, str]:
        """The glossary as ``csv``, ``tbx`` or ``omegat`` (needs both languages): bytes and
        a file name."""
        termbase = self.termbase()
        if fmt == "csv":
            return write_glossary_csv(termbase, strict=False), "glossary.csv"
        if fmt == "tbx":
            return write_tbx(termbase), "glossary.tbx"
        if fmt == "omegat":
            if not src_lang or not tgt_lang:
                raise InputError("the OmegaT glossary needs a source and a target language")
            return (
                write_omegat_glossary(termbase, src_lang, tgt_lang),
                f"glossary-{src_lang}-{tgt_lang}.utf8",
            )
        raise InputError(f"unknown glossary format {fmt!r}; use csv, tbx or omegat")

    def write_glossary_file(self, fmt: str = "csv", path: Path | None = None, **langs: str) -> Path:
        """Write the glossary into the project's ``glossary/`` folder (or ``path``), atomically:
        a crash leaves the previous file intact."""
        data, name = self.export_glossary(fmt, **langs)
        target = path or self.project.glossary / name
        atomic_write(target, data)
        return target


def _snapshots(termbase: Termbase) -> dict[EntryKey, dict[str, Any]]:
    return {
        (concept.id, lang): glossary_store.entry_snapshot(concept, lang)
        for concept in termbase
        for lang in concept.languages()
    }


def _row_of(termbase: Termbase, key: EntryKey) -> dict[str, str] | None:
    concept = termbase.get(key[0])
    if concept is None or key[1] not in concept.languages():
        return None
    single = Termbase(
        [
            type(concept)(
                id=concept.id,
                definition=concept.definition,
                subject=concept.subject,
                terms=concept.terms_for(key[1]),
                lang_notes={key[1]: concept.note_for(key[1])} if concept.note_for(key[1]) else {},
            )
        ]
    )
    return termbase_rows(single)[0]


def _key(entity_id: str) -> EntryKey:
    cid, _, lang = entity_id.partition("\t")
    return cid, lang
