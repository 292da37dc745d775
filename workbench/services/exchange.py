"""Exchange: export PO, TMX, XLIFF, editions and review files; bring translations back.

Export writes into the project's ``translations/`` folder (or any folder) atomically, one
file at a time, with deterministic content so ``git diff translations/`` shows only real
changes. Import goes through the same revision-checked unit save as the editor: a unit
changed here since the export becomes a *conflict* kept for a person (both texts), never a
silent overwrite; unknown units are reported; a malformed file is rejected whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.checks import CheckContext, SegmentPair, run_checks
from workbench.errors import ConflictError, InputError, NotFoundError
from workbench.fileio import atomic_write
from workbench.formats.edition import write_edition
from workbench.formats.po import read_po, write_po
from workbench.formats.review_file import write_review_file
from workbench.formats.sources import document_name
from workbench.formats.tmx import iter_tmx, read_tmx_header, tmx_bytes
from workbench.formats.xliff import read_xliff, write_xliff
from workbench.model import DocumentMeta, EditionDocument, Role, Status, TranslationUnit
from workbench.services.base import Progress, no_progress
from workbench.services.translation import TranslationServices
from workbench.store import documents as repo
from workbench.store import exchange as exchange_store

EXPORT_FORMATS = ("po", "tmx", "xliff", "md", "html", "docx", "epub", "review", "review-docx")
EDITION_FORMATS = ("md", "html", "docx", "epub")
ALL_LANGUAGES = "all"


@dataclass(frozen=True)
class ExportFile:
    """One file an export produces: where it goes (relative to the output folder) and
    what it holds."""

    path: Path
    data: bytes
    units: int
    untranslated: int = 0


@dataclass
class TranslationImport:
    """What bringing a translated file back did, unit by unit."""

    file: str
    lang: str
    documents: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    conflicts: list[int] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    kept_empty: int = 0
    memory_entries: int = 0

    def summary(self) -> str:
        if self.memory_entries:
            return f"{self.memory_entries} translation memory entries imported from {self.file}"
        parts = [f"{len(self.updated)} updated", f"{self.unchanged} unchanged"]
        if self.conflicts:
            parts.append(_plural(len(self.conflicts), "conflict") + " to resolve")
        if self.unknown:
            parts.append(_plural(len(self.unknown), "unknown unit"))
        if self.kept_empty:
            parts.append(_plural(self.kept_empty, "empty translation") + " ignored")
        return f"{self.file} ({self.lang}): " + ", ".join(parts)


def _slug(name: str) -> str:
    """A file name for a collection title, transliterated (``Избранное`` -> ``izbrannoe``)."""
    slug = document_name(f"{name}.x")
    return "collection" if slug == "document" else slug


class ExchangeServices(TranslationServices):
    """Export and import of translations; needs units and the glossary checks."""

    # -- export ------------------------------------------------------------------------

    def _documents(self, docs: Sequence[str] | None) -> list[str]:
        summaries = self.list_documents()
        if not docs:
            return [d.name for d in summaries]
        names = []
        for ref in docs:
            with self.db.session() as session:
                row = repo.find_document(session, ref)
                if row is None:
                    raise NotFoundError(f"no document {ref!r}; `workbench list` shows them")
                names.append(row.name)
        return names

    def export_files(
        self,
        fmt: str,
        lang: str,
        *,
        docs: Sequence[str] | None = None,
        untranslated: str = "fallback",
        collection: str | None = None,
        progress: Progress | None = None,
    ) -> list[ExportFile]:
        """The files an export would write, in memory (the UI offers them as downloads;
        ``export`` writes them)."""
        if fmt not in EXPORT_FORMATS:
            raise InputError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        report = progress or no_progress
        names = self._documents(docs)
        if lang == ALL_LANGUAGES and fmt != "tmx":
            raise InputError("--lang all is only for TMX (one N-way memory)")
        files: list[ExportFile] = []
        if fmt == "tmx":
            return [self._tmx_file(names, lang, report)]
        if fmt in EDITION_FORMATS and collection:
            documents = [self._edition_document(name, lang) for name in names]
            data = write_edition(documents, lang, fmt, untranslated=untranslated, title=collection)
            path = Path(lang) / "editions" / f"{_slug(collection)}.{fmt}"
            count = sum(len(d.units) for d in documents)
            return [ExportFile(path, data, count, _missing(documents, lang))]
        for number, name in enumerate(names):
            report(number / max(len(names), 1), f"Exporting {name}")
            units = self.units(name, lang)
            missing = sum(1 for u in units if not _translated(u, lang))
            if fmt == "po":
                # The header dates the file by its newest translation, not by the clock, so
                # exporting unchanged units gives byte-identical files.
                changed = [t for u in units if (t := u.target(lang)) and t.changed_at]
                latest = max(changed, key=lambda t: t.changed_at or 0) if changed else None
                data = write_po(
                    units,
                    lang,
                    project=self.project.root.name,
                    source_lang=_source_lang(units),
                    document=name,
                    revision_date=latest.changed_at if latest else None,
                    last_translator=latest.changed_by if latest else None,
                )
                files.append(ExportFile(Path(lang) / f"{name}.po", data, len(units), missing))
            elif fmt == "xliff":
                data = write_xliff(units, _source_lang(units), lang, document=name)
                files.append(ExportFile(Path(lang) / f"{name}.xlf", data, len(units), missing))
            elif fmt in EDITION_FORMATS:
                document = self._edition_document(name, lang, units)
                data = write_edition([document], lang, fmt, untranslated=untranslated)
                path = Path(lang) / "editions" / f"{name}.{fmt}"
                files.append(ExportFile(path, data, len(units), missing))
            else:
                document = self._edition_document(name, lang, units)
                findings = self._unit_findings(units, lang)
                kind = "docx" if fmt == "review-docx" else "html"
                data = write_review_file([document], lang, findings, kind)
                path = Path(lang) / "review" / f"{name}.{kind}"
                files.append(ExportFile(path, data, len(units), missing))
        report(1.0, "Exported")
        return files

    def export(
        self,
        fmt: str,
        lang: str,
        *,
        docs: Sequence[str] | None = None,
        out_dir: Path | None = None,
        untranslated: str = "fallback",
        collection: str | None = None,
        progress: Progress | None = None,
    ) -> list[Path]:
        """Write an export under ``out_dir`` (default: the project's ``translations/``).
        Every file is produced before the first is written, and each is replaced
        atomically, so a failure leaves the previous files as they were."""
        root = (out_dir or self.project.translations).resolve()
        files = self.export_files(
            fmt,
            lang,
            docs=docs,
            untranslated=untranslated,
            collection=collection,
            progress=progress,
        )
        written = []
        for file in files:
            target = (root / file.path).resolve()
            if not target.is_relative_to(root):
                raise InputError(f"refusing to write outside {root}: {file.path}")
            atomic_write(target, file.data)
            written.append(target)
        return written

    def _tmx_file(self, names: list[str], lang: str, report: Progress) -> ExportFile:
        units: list[TranslationUnit] = []
        langs: list[str] | None = None
        for number, name in enumerate(names):
            report(number / max(len(names), 1), f"Reading {name}")
            if lang == ALL_LANGUAGES:
                units.extend(self._nway_units(name))
            else:
                units.extend(u for u in self.units(name, lang) if _translated(u, lang))
        if lang != ALL_LANGUAGES:
            langs = [lang]
        source = _source_lang(units) if units else "en"
        data = tmx_bytes(units, srclang=source, langs=langs)
        scope = names[0] if len(names) == 1 else "corpus"
        suffix = "" if lang == ALL_LANGUAGES else f".{source}-{lang}"
        report(1.0, "Exported")
        return ExportFile(Path(f"{scope}{suffix}.tmx"), data, len(units))

    def _nway_units(self, name: str) -> list[TranslationUnit]:
        """One unit per source sentence stretch with every aligned language (N-way TMX)."""
        detail = self.document(name)
        merged: dict[str, TranslationUnit] = {}
        order: list[str] = []
        for version in detail.versions:
            if version.is_source:
                continue
            for unit in self.units(name, version.lang):
                if not _translated(unit, version.lang):
                    continue
                if unit.key not in merged:
                    merged[unit.key] = unit
                    order.append(unit.key)
                else:
                    old = merged[unit.key]
                    merged[unit.key] = TranslationUnit(
                        key=old.key,
                        document=old.document,
                        source=old.source,
                        targets=old.targets + unit.targets,
                        paragraph=old.paragraph,
                        kind=old.kind,
                        required_terms=old.required_terms,
                        notes=old.notes,
                    )
        return [merged[key] for key in order]

    def _edition_document(
        self, name: str, lang: str, units: list[TranslationUnit] | None = None
    ) -> EditionDocument:
        detail = self.document(name)
        return EditionDocument(
            name=name,
            meta=DocumentMeta(
                title=detail.meta.title,
                post_id=detail.meta.post_id,
                source_line=detail.meta.source_line,
                date=detail.meta.date,
            ),
            source_lang=detail.source_lang,
            units=tuple(units if units is not None else self.units(name, lang)),
        )

    def _unit_findings(self, units: list[TranslationUnit], lang: str) -> dict[str, list[str]]:
        """Check findings per unit key, for the bilingual review file."""
        if not units:
            return {}
        ctx = CheckContext(src_lang=_source_lang(units), tgt_lang=lang, termbase=self.termbase())
        pairs = [
            SegmentPair(
                src=(u.source.text,), tgt=(t.text,) if (t := u.target(lang)) else (), ref=u.key
            )
            for u in units
        ]
        findings: dict[str, list[str]] = {}
        for finding in run_checks(pairs, ctx):
            if finding.ref is not None:
                findings.setdefault(finding.ref, []).append(finding.message)
        return findings

    # -- import ------------------------------------------------------------------------

    def import_translation(
        self, data: bytes, filename: str, *, progress: Progress | None = None
    ) -> TranslationImport:
        """Bring back a PO or XLIFF edited elsewhere (or a TMX as translation memory)."""
        suffix = Path(filename).suffix.lower()
        if suffix == ".tmx":
            return self._import_memory(data, filename)
        if suffix == ".po":
            catalog = read_po(data, filename)
            lang = catalog.language
            if not lang:
                raise InputError("the PO header has no Language", file=filename, line=1)
            incoming = [
                (e.key, e.source, e.target, e.status, e.revision, e.line) for e in catalog.entries
            ]
        elif suffix in (".xlf", ".xliff"):
            xliff = read_xliff(data, filename)
            lang = xliff.target_lang
            if not lang:
                raise InputError("the XLIFF file has no target language", file=filename)
            incoming = [
                (u.key, u.source, u.target or "", u.status, u.revision, u.line) for u in xliff.units
            ]
        else:
            raise InputError(
                f"cannot import {suffix or 'this file'} as a translation; use .po, .xlf or .tmx",
                file=filename,
            )
        return self._apply_incoming(incoming, lang, Path(filename).name, progress or no_progress)

    def _apply_incoming(
        self,
        incoming: list[tuple[str, str, str, Status, int | None, int | None]],
        lang: str,
        origin: str,
        report: Progress,
    ) -> TranslationImport:
        result = TranslationImport(file=origin, lang=lang)
        by_document: dict[str, list[tuple[str, str, str, Status, int | None, int | None]]] = {}
        for entry in incoming:
            document = entry[0].rpartition(":")[0]
            by_document.setdefault(document, []).append(entry)
        total = max(len(incoming), 1)
        done = 0
        for name, entries in by_document.items():
            try:
                detail = self.document(name)
            except NotFoundError:
                result.unknown.extend(e[0] for e in entries)
                continue
            if lang == detail.source_lang:
                raise InputError(f"{origin}: the file is in {lang}, the source language")
            if detail.version(lang) is None:
                self.start_translation(name, lang)
            result.documents.append(name)
            current = {u.key: u for u in self.units(name, lang)}
            for key, _source, target, status, revision, _line in entries:
                done += 1
                if done % 50 == 0:
                    report(done / total, f"Importing {name}")
                unit = current.get(key)
                if unit is None:
                    result.unknown.append(key)
                    continue
                here = unit.target(lang)
                here_text = here.text if here else ""
                if target == here_text:
                    result.unchanged += 1
                    continue
                if not target:
                    result.kept_empty += 1
                    continue
                status = _imported_status(status, here.status if here else Status.NEW)
                base = here.revision if here else 0
                if revision is not None and revision != base:
                    result.conflicts.append(
                        self._record_conflict(unit, lang, target, status, origin)
                    )
                    continue
                try:
                    self.save_unit(
                        name,
                        lang,
                        key,
                        target,
                        expected_revision=base,
                        status=status,
                        action="import",
                        note=origin,
                    )
                except ConflictError:
                    result.conflicts.append(
                        self._record_conflict(unit, lang, target, status, origin)
                    )
                    continue
                result.updated.append(key)
        report(1.0, "Imported")
        return result

    def _record_conflict(
        self, unit: TranslationUnit, lang: str, incoming: str, status: Status, origin: str
    ) -> int:
        here = unit.target(lang)
        with self.db.session(write=True) as session:
            return exchange_store.add_conflict(
                session,
                document=unit.document,
                lang=lang,
                unit_key=unit.key,
                source=unit.source.text,
                current=here.text if here else "",
                current_revision=here.revision if here else 0,
                incoming=incoming,
                incoming_status=str(status),
                origin=origin,
                created_by=self.user,
            )

    def pending_conflicts(self, lang: str | None = None) -> list[exchange_store.PendingConflict]:
        with self.db.session() as session:
            return exchange_store.pending(session, lang)

    def resolve_conflict(self, conflict_id: int, choice: str, text: str | None = None) -> None:
        """Settle a conflict: keep what is here (``current``), take the file's text
        (``incoming``), or save a merged ``text`` (``merged``)."""
        if choice not in ("current", "incoming", "merged"):
            raise InputError("choose current, incoming or merged")
        for open_conflict in self.pending_conflicts():
            if open_conflict.id == conflict_id:
                self.require(Role.TRANSLATOR, open_conflict.lang, action="resolve conflicts")
        conflict = next((c for c in self.pending_conflicts() if c.id == conflict_id), None)
        if conflict is None:
            raise NotFoundError(f"no open conflict {conflict_id}")
        if choice != "current":
            chosen = conflict.incoming if choice == "incoming" else (text or "")
            unit = next(
                (
                    u
                    for u in self.units(conflict.document, conflict.lang)
                    if u.key == conflict.unit_key
                ),
                None,
            )
            if unit is None:
                raise NotFoundError(f"the unit {conflict.unit_key} no longer exists")
            here = unit.target(conflict.lang)
            self.save_unit(
                conflict.document,
                conflict.lang,
                conflict.unit_key,
                chosen,
                expected_revision=here.revision if here else 0,
                status=Status(conflict.incoming_status),
                action="resolve-conflict",
                note=f"{conflict.origin}: {choice}",
            )
        with self.db.session(write=True) as session:
            exchange_store.resolve(session, conflict_id, choice, self.user)

    def _import_memory(self, data: bytes, filename: str) -> TranslationImport:
        """A TMX file becomes translation memory: one entry per source/target pair. Units
        without an id are fine here (memory needs no key); importing the same file again
        replaces its entries."""
        self.require(Role.REVIEWER, action="import translation memory")
        srclang = read_tmx_header(data, filename).srclang
        origin = f"tmx:{Path(filename).name}"
        entries = []
        for unit in iter_tmx(data, filename):
            source = unit.variant(srclang)
            if source is None or not source.text.strip():
                continue
            for variant in unit.variants:
                if variant is source or not variant.text.strip():
                    continue
                entries.append(
                    {
                        "source_lang": source.lang.lower(),
                        "target_lang": variant.lang.lower(),
                        "source": source.text,
                        "target": variant.text,
                        "origin": origin,
                        "status": str(variant.status or Status.TRANSLATED),
                        "key": unit.key,
                    }
                )
        if not entries:
            raise InputError("the TMX file holds no translation pairs", file=filename)
        with self.db.session(write=True) as session:
            exchange_store.forget_memory(session, origin)
            count = exchange_store.add_memory(session, entries)
        langs = sorted({str(e["target_lang"]) for e in entries})
        return TranslationImport(
            file=Path(filename).name, lang=",".join(langs), memory_entries=count
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _source_lang(units: Sequence[TranslationUnit]) -> str:
    return units[0].source.lang if units else "en"


def _translated(unit: TranslationUnit, lang: str) -> bool:
    target = unit.target(lang)
    return bool(target and target.text.strip())


def _missing(documents: Sequence[EditionDocument], lang: str) -> int:
    return sum(1 for d in documents for u in d.units if not _translated(u, lang))


def _imported_status(incoming: Status, here: Status) -> Status:
    """A translation edited outside comes back translated at most: review and approval
    happen here, where the glossary is enforced."""
    if incoming in (Status.REVIEWED, Status.APPROVED):
        return Status.TRANSLATED
    if incoming == Status.NEW:
        return Status.DRAFT
    return incoming


__all__ = ["ALL_LANGUAGES", "EXPORT_FORMATS", "ExchangeServices", "ExportFile", "TranslationImport"]
