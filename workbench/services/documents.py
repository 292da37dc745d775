"""Documents: import (all-or-nothing), listing, reading, language correction, the demo.

Each use case is one transaction: it either happens whole or leaves the store exactly as
it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.errors import InputError, NotFoundError, WorkbenchError
from workbench.formats.sources import (
    SUPPORTED_SOURCE_EXTENSIONS,
    normalize_lang,
    read_source,
    split_plain_paragraphs,
)
from workbench.model import (
    Document,
    DocumentDetail,
    DocumentMeta,
    DocumentSummary,
    Paragraph,
    Role,
    SegmentDraft,
    VersionDetail,
    group_by_paragraph,
)
from workbench.segment import segment_paragraphs, segmenter_signature, split_sentences
from workbench.services.base import Progress, ServiceBase, no_progress
from workbench.store import Session
from workbench.store import documents as repo
from workbench.store.history import record

BY_POST_ID = "@post-id"
"""``ImportItem.translation_of`` value: attach to the document with the same post id."""


@dataclass(frozen=True)
class ImportItem:
    """One file to import: its bytes and name, an optional language and its source.

    ``translation_of`` names the document this file translates (``BY_POST_ID``: the one
    whose post id this file carries too, as ``[111818]`` in English and ``(111818)`` in
    Spanish); without it the file becomes a new source document.
    """

    data: bytes
    filename: str
    lang: str | None = None
    translation_of: str | None = None
    name: str | None = None


class ImportFailed(WorkbenchError):
    """One or more files of an import were rejected; nothing at all was stored."""

    def __init__(self, errors: Sequence[WorkbenchError]) -> None:
        self.errors = list(errors)
        lines = "\n".join(f"  {error}" for error in self.errors)
        count = len(self.errors)
        super().__init__(
            f"import rejected ({count} problem{'s' if count != 1 else ''}); nothing was imported:\n"
            f"{lines}"
        )


@dataclass
class _Prepared:
    item: ImportItem
    document: Document
    drafts: list[SegmentDraft]
    signature: str
    translation_of: int | None = None


@dataclass
class ImportOutcome:
    """What an import stored: one line per file for the user."""

    name: str
    lang: str
    segments: int
    paragraphs: int
    stripped: int
    is_translation: bool
    detected_lang: str | None
    notes: list[str] = field(default_factory=list)


class DocumentServices(ServiceBase):
    """Import, read and correct documents."""

    # -- segmentation ------------------------------------------------------------------

    def segment_text(self, text: str, lang: str) -> list[list[str]]:
        """Sentences of a plain text, grouped by paragraph (``workbench segment``)."""
        rules = self.segmentation_rules
        return [
            [sentence.text for sentence in split_sentences(paragraph.text, lang, rules)]
            for paragraph in split_plain_paragraphs(text)
        ]

    # -- import ------------------------------------------------------------------------

    def read_paths(
        self,
        paths: Sequence[Path],
        *,
        lang: str | None = None,
        translation_of: str | None = None,
    ) -> list[ImportItem]:
        """Expand folders and read files into import items; unreadable paths are errors."""
        items: list[ImportItem] = []
        errors: list[WorkbenchError] = []
        for path in paths:
            if path.is_dir():
                files = sorted(
                    p
                    for p in path.iterdir()
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SOURCE_EXTENSIONS
                )
                if not files:
                    errors.append(InputError("folder holds no importable files", file=str(path)))
            elif path.exists():
                files = [path]
            else:
                errors.append(InputError("no such file or folder", file=str(path)))
                continue
            for file in files:
                try:
                    data = file.read_bytes()
                except OSError as exc:
                    errors.append(
                        InputError(f"cannot read the file: {exc.strerror}", file=str(file))
                    )
                    continue
                items.append(
                    ImportItem(
                        data=data, filename=str(file), lang=lang, translation_of=translation_of
                    )
                )
        if errors:
            raise ImportFailed(errors)
        return items

    def import_items(
        self, items: Sequence[ImportItem], *, progress: Progress | None = None
    ) -> list[ImportOutcome]:
        """Import files all-or-nothing: every file is parsed and segmented before anything
        is written, and everything is written in one transaction."""
        report = progress or no_progress
        if not items:
            raise InputError("nothing to import")
        prepared: list[_Prepared] = []
        errors: list[WorkbenchError] = []
        total = len(items)
        for index, item in enumerate(items):
            report(index / (total + 1), f"Reading {Path(item.filename).name}")
            try:
                prepared.append(self._prepare(item))
            except WorkbenchError as exc:
                errors.append(exc)
        if errors:
            raise ImportFailed(errors)
        report(total / (total + 1), "Saving")
        outcomes: list[ImportOutcome] = []
        with self.db.session(write=True) as session:
            taken: set[str] = set()
            for entry in prepared:
                outcomes.append(self._store(session, entry, taken, errors))
            if errors:
                raise ImportFailed(errors)
        report(1.0, f"Imported {len(outcomes)} file{'s' if len(outcomes) != 1 else ''}")
        return outcomes

    def _prepare(self, item: ImportItem) -> _Prepared:
        document = read_source(
            item.data, item.filename, lang=item.lang, patterns=self.boilerplate, name=item.name
        )
        rules = self.segmentation_rules
        drafts = segment_paragraphs(document.paragraphs, document.lang, rules)
        if not drafts:
            raise InputError("no sentences left after removing boilerplate", file=item.filename)
        return _Prepared(item, document, drafts, segmenter_signature(document.lang, rules))

    def _store(
        self, session: Session, entry: _Prepared, taken: set[str], errors: list[WorkbenchError]
    ) -> ImportOutcome:
        document = entry.document
        notes: list[str] = []
        if document.detected_lang and document.detected_lang != document.lang:
            notes.append(
                f"language set to {document.lang}; the text looks like {document.detected_lang}"
            )
        target = entry.item.translation_of
        if target:
            self.require(Role.TRANSLATOR, document.lang, action="import translations")
        else:
            self.require(Role.REVIEWER, action="import source documents")
        if target == BY_POST_ID:
            target = self._partner_by_post_id(session, entry, errors)
            if target is None:
                return _outcome(entry, notes, is_translation=True)
        if target:
            row = repo.find_document(session, target)
            if row is None:
                errors.append(
                    InputError(
                        f"no document {target!r} to attach this translation to",
                        file=entry.item.filename,
                    )
                )
            elif repo.find_version(session, row.id, document.lang) is not None:
                errors.append(
                    InputError(
                        f"document {row.name!r} already has a {document.lang} version",
                        file=entry.item.filename,
                    )
                )
            elif row.source_lang == document.lang:
                errors.append(
                    InputError(
                        f"a translation must differ in language from its source ({document.lang});"
                        " pass the right language",
                        file=entry.item.filename,
                    )
                )
            else:
                repo.add_version(
                    session,
                    row.id,
                    document,
                    entry.drafts,
                    segmenter=entry.signature,
                    user=self.user,
                )
                document.name = row.name
        else:
            if document.name in taken or repo.name_exists(session, document.name):
                errors.append(
                    InputError(
                        f"a document named {document.name!r} already exists; rename the file or"
                        " import it under another name",
                        file=entry.item.filename,
                    )
                )
            else:
                repo.add_document(
                    session, document, entry.drafts, segmenter=entry.signature, user=self.user
                )
        taken.add(document.name)
        return _outcome(entry, notes, is_translation=bool(target))

    def _partner_by_post_id(
        self, session: Session, entry: _Prepared, errors: list[WorkbenchError]
    ) -> str | None:
        post_id = entry.document.meta.post_id
        if not post_id:
            errors.append(
                InputError(
                    "no post id found in this file, so it cannot be paired with its source "
                    "(choose the document it translates instead)",
                    file=entry.item.filename,
                )
            )
            return None
        names = repo.documents_with_post_id(session, post_id)
        if len(names) != 1:
            problem = "no document has" if not names else f"{len(names)} documents have"
            errors.append(InputError(f"{problem} the post id {post_id}", file=entry.item.filename))
            return None
        return names[0]

    # -- reading -----------------------------------------------------------------------

    def list_documents(self) -> list[DocumentSummary]:
        with self.db.session() as session:
            return repo.list_documents(session)

    def document(self, ref: str) -> DocumentDetail:
        """A document by name, id or post id, with every language version."""
        with self.db.session() as session:
            row = repo.find_document(session, ref)
            if row is None:
                raise NotFoundError(f"no document {ref!r}; `workbench list` shows what there is")
            versions = [
                VersionDetail(
                    lang=version.lang,
                    is_source=version.is_source,
                    segments=repo.load_segments(session, version.id),
                    stripped=repo.load_stripped(session, version.id),
                    source_file=version.source_file,
                    encoding=version.encoding,
                    detected_lang=version.detected_lang,
                    lang_probability=version.lang_probability,
                    segmenter=version.segmenter,
                )
                for version in sorted(row.versions, key=lambda v: (not v.is_source, v.lang))
            ]
            return DocumentDetail(
                id=row.id,
                name=row.name,
                meta=DocumentMeta(
                    title=row.title,
                    post_id=row.post_id,
                    source_line=row.source_line,
                    date=row.date,
                ),
                source_lang=row.source_lang,
                versions=versions,
            )

    def change_language(self, ref: str, lang: str, new_lang: str) -> DocumentDetail:
        """Correct the language of a version when detection (or the user) got it wrong.

        The text is segmented again with the new language's rules, since abbreviations and
        punctuation differ; the change is recorded in the history.
        """
        new_lang = normalize_lang(new_lang)
        self.require(Role.REVIEWER, action="change the language of a version")
        with self.db.session(write=True) as session:
            row = repo.find_document(session, ref)
            if row is None:
                raise NotFoundError(f"no document {ref!r}")
            version = repo.find_version(session, row.id, lang)
            if version is None:
                raise NotFoundError(f"document {row.name!r} has no {lang} version")
            if new_lang == lang:
                return self.document(row.name)
            if repo.find_version(session, row.id, new_lang) is not None:
                raise InputError(f"document {row.name!r} already has a {new_lang} version")
            if not version.is_source and new_lang == row.source_lang:
                raise InputError(f"{new_lang} is the language of the source of {row.name!r}")
            groups = group_by_paragraph(repo.load_segments(session, version.id))
            paragraphs = [Paragraph(" ".join(s.text for s in g), g[0].kind) for g in groups]
            rules = self.segmentation_rules
            drafts = [
                replace(draft, paragraph=groups[draft.paragraph][0].paragraph)
                for draft in segment_paragraphs(paragraphs, new_lang, rules)
            ]
            repo.replace_segments(session, version, drafts, user=self.user)
            version.lang = new_lang
            version.segmenter = segmenter_signature(new_lang, rules)
            version.revision += 1
            if version.is_source:
                row.source_lang = new_lang
                row.revision += 1
            record(
                session,
                user=self.user,
                action="change-language",
                entity="version",
                entity_id=str(version.id),
                document_id=row.id,
                lang=new_lang,
                old=lang,
                new=new_lang,
            )
            name = row.name
        return self.document(name)

    def is_empty(self) -> bool:
        with self.db.session() as session:
            return repo.count_documents(session) == 0


def _outcome(entry: _Prepared, notes: list[str], *, is_translation: bool) -> ImportOutcome:
    document = entry.document
    return ImportOutcome(
        name=document.name,
        lang=document.lang,
        segments=len(entry.drafts),
        paragraphs=len({draft.paragraph for draft in entry.drafts}),
        stripped=len(document.stripped),
        is_translation=is_translation,
        detected_lang=document.detected_lang,
        notes=notes,
    )
