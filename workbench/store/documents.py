"""Repository functions for documents, language versions and segments.

Functions take an open ``Session`` and never commit: the service that calls them owns the
transaction, so an import of many files is all-or-nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from workbench.errors import ConflictError, NotFoundError
from workbench.model import (
    Document,
    DocumentSummary,
    ParagraphKind,
    Segment,
    SegmentDraft,
    Status,
    StrippedBlock,
    VersionSummary,
)
from workbench.store import settings
from workbench.store.history import record
from workbench.store.schema import DocumentRow, SegmentRow, StrippedRow, VersionRow, utcnow


def name_exists(session: Session, name: str) -> bool:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.name == name)) is not None


def add_document(
    session: Session,
    document: Document,
    drafts: Sequence[SegmentDraft],
    *,
    segmenter: str,
    user: str,
) -> int:
    """Store a new source document with its first (source) version; returns its id."""
    row = DocumentRow(
        name=document.name,
        title=document.meta.title,
        post_id=document.meta.post_id,
        source_line=document.meta.source_line,
        date=document.meta.date,
        source_lang=document.lang,
    )
    session.add(row)
    session.flush()
    add_version(session, row.id, document, drafts, segmenter=segmenter, user=user, is_source=True)
    record(
        session,
        user=user,
        action="import",
        entity="document",
        entity_id=str(row.id),
        document_id=row.id,
        lang=document.lang,
        new=document.source_file or document.name,
    )
    return row.id


def add_version(
    session: Session,
    document_id: int,
    document: Document,
    drafts: Sequence[SegmentDraft],
    *,
    segmenter: str,
    user: str,
    is_source: bool = False,
) -> int:
    """Store one language version of a document with its segments; returns its id."""
    version = VersionRow(
        document_id=document_id,
        lang=document.lang,
        is_source=is_source,
        source_file=document.source_file,
        encoding=document.encoding,
        detected_lang=document.detected_lang,
        lang_probability=document.lang_probability,
        segmenter=segmenter,
    )
    session.add(version)
    session.flush()
    status = Status.APPROVED if is_source else Status.TRANSLATED
    session.add_all(
        SegmentRow(
            version_id=version.id,
            position=position,
            paragraph=draft.paragraph,
            kind=str(draft.kind),
            text=draft.text,
            status=str(status),
            updated_by=user,
        )
        for position, draft in enumerate(drafts)
    )
    session.add_all(
        StrippedRow(version_id=version.id, rule=block.rule, line=block.line, text=block.text)
        for block in document.stripped
    )
    settings.bump(session, settings.CONTENT_VERSION)
    if not is_source:
        record(
            session,
            user=user,
            action="import",
            entity="version",
            entity_id=str(version.id),
            document_id=document_id,
            lang=document.lang,
            new=document.source_file or document.name,
        )
    session.flush()
    return version.id


def find_document(session: Session, ref: str) -> DocumentRow | None:
    """A document by name, numeric id or post id (in that order of preference)."""
    ref = ref.strip()
    row = session.scalar(select(DocumentRow).where(DocumentRow.name == ref))
    if row is None and ref.isdigit():
        row = session.get(DocumentRow, int(ref))
    if row is None:
        digits = ref.strip("[]()")
        if digits.isdigit():
            row = session.scalar(select(DocumentRow).where(DocumentRow.post_id == digits))
    return row


def find_version(session: Session, document_id: int, lang: str) -> VersionRow | None:
    return session.scalar(
        select(VersionRow).where(VersionRow.document_id == document_id, VersionRow.lang == lang)
    )


def list_documents(session: Session) -> list[DocumentSummary]:
    """Every document with its versions and their sizes, in two queries."""
    counts = session.execute(
        select(
            SegmentRow.version_id,
            func.count(SegmentRow.id),
            func.count(func.distinct(SegmentRow.paragraph)),
        ).group_by(SegmentRow.version_id)
    ).all()
    size = {version_id: (segments, paragraphs) for version_id, segments, paragraphs in counts}
    rows = session.execute(
        select(DocumentRow, VersionRow)
        .join(VersionRow, VersionRow.document_id == DocumentRow.id)
        .order_by(DocumentRow.name, VersionRow.is_source.desc(), VersionRow.lang)
    ).all()
    summaries: dict[int, DocumentSummary] = {}
    for document, version in rows:
        summary = summaries.get(document.id)
        if summary is None:
            summary = summaries[document.id] = DocumentSummary(
                id=document.id,
                name=document.name,
                title=document.title,
                post_id=document.post_id,
                source_lang=document.source_lang,
                versions=[],
            )
        segments, paragraphs = size.get(version.id, (0, 0))
        summary.versions.append(
            VersionSummary(
                lang=version.lang,
                is_source=version.is_source,
                segments=segments,
                paragraphs=paragraphs,
            )
        )
        if version.is_source:
            summary.source_file = version.source_file
    return list(summaries.values())


def load_segments(session: Session, version_id: int) -> list[Segment]:
    rows = session.scalars(
        select(SegmentRow).where(SegmentRow.version_id == version_id).order_by(SegmentRow.position)
    )
    return [
        Segment(
            id=row.id,
            position=row.position,
            paragraph=row.paragraph,
            kind=ParagraphKind(row.kind),
            text=row.text,
            status=Status(row.status),
            revision=row.revision,
            updated_at=row.updated_at,
            updated_by=row.updated_by,
        )
        for row in rows
    ]


def load_stripped(session: Session, version_id: int) -> list[StrippedBlock]:
    rows = session.scalars(
        select(StrippedRow).where(StrippedRow.version_id == version_id).order_by(StrippedRow.id)
    )
    return [StrippedBlock(text=row.text, rule=row.rule, line=row.line) for row in rows]


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count(DocumentRow.id))) or 0


def replace_segments(
    session: Session, version: VersionRow, drafts: Sequence[SegmentDraft], *, user: str
) -> None:
    """Replace a version's segments (after re-segmenting it), keeping the row ids stable
    where a position survives, so history stays attached."""
    existing = list(
        session.scalars(
            select(SegmentRow)
            .where(SegmentRow.version_id == version.id)
            .order_by(SegmentRow.position)
        )
    )
    for position, draft in enumerate(drafts):
        if position < len(existing):
            row = existing[position]
            if (row.text, row.paragraph, row.kind) != (
                draft.text,
                draft.paragraph,
                str(draft.kind),
            ):
                row.text = draft.text
                row.paragraph = draft.paragraph
                row.kind = str(draft.kind)
                row.revision += 1
                row.updated_by = user
        else:
            session.add(
                SegmentRow(
                    version_id=version.id,
                    position=position,
                    paragraph=draft.paragraph,
                    kind=str(draft.kind),
                    text=draft.text,
                    status=existing[0].status if existing else str(Status.NEW),
                    updated_by=user,
                )
            )
    for row in existing[len(drafts) :]:
        session.delete(row)
    settings.bump(session, settings.CONTENT_VERSION)
    session.flush()


def update_segment_text(
    session: Session,
    segment_id: int,
    *,
    expected_revision: int,
    text: str,
    user: str,
    action: str,
    batch: str | None = None,
    note: str | None = None,
    status: str | None = None,
) -> SegmentRow:
    """Change a segment's text (and status) if it is still at ``expected_revision``; else
    ``ConflictError`` with both texts. The change and its history row are written together."""
    row = session.get(SegmentRow, segment_id)
    if row is None:
        raise NotFoundError(f"segment {segment_id} no longer exists")
    if row.revision != expected_revision:
        raise ConflictError(
            f"segment {segment_id} was changed by {row.updated_by or 'someone'} meanwhile",
            theirs=row.text,
            yours=text,
            revision=row.revision,
        )
    old = row.text
    old_status = row.status
    row.text = text
    if status is not None:
        row.status = status
    settings.bump(session, settings.CONTENT_VERSION)
    row.revision += 1
    row.updated_by = user
    row.updated_at = utcnow()
    version = session.get(VersionRow, row.version_id)
    record(
        session,
        user=user,
        action=action,
        entity="segment",
        entity_id=str(segment_id),
        document_id=version.document_id if version else None,
        lang=version.lang if version else None,
        old=old,
        new=text,
        batch=batch,
        note=note
        if status is None or status == old_status
        else _status_note(note, old_status, status),
    )
    session.flush()
    return row


def _status_note(note: str | None, old: str, new: str) -> str:
    change = f"status {old} -> {new}"
    return f"{note}; {change}" if note else change


def insert_segment(
    session: Session,
    version_id: int,
    position: int,
    *,
    text: str,
    paragraph: int,
    kind: str,
    status: str,
    user: str,
) -> SegmentRow:
    """A new segment at ``position``; later segments move down by one."""
    rows = _version_rows(session, version_id)
    for later in reversed(rows[position:]):
        later.position += 1
    session.flush()
    row = SegmentRow(
        version_id=version_id,
        position=position,
        paragraph=paragraph,
        kind=kind,
        text=text,
        status=status,
        updated_by=user,
    )
    session.add(row)
    session.flush()
    version = session.get(VersionRow, version_id)
    record(
        session,
        user=user,
        action="insert-sentence",
        entity="segment",
        entity_id=str(row.id),
        document_id=version.document_id if version else None,
        lang=version.lang if version else None,
        new=text,
    )
    settings.bump(session, settings.CONTENT_VERSION)
    return row


def add_empty_version(
    session: Session, document_id: int, lang: str, source: Sequence[Segment], *, user: str
) -> int:
    """A new, untranslated version: one empty segment per source segment."""
    version = VersionRow(document_id=document_id, lang=lang, is_source=False, segmenter="mirror")
    session.add(version)
    session.flush()
    session.add_all(
        SegmentRow(
            version_id=version.id,
            position=segment.position,
            paragraph=segment.paragraph,
            kind=str(segment.kind),
            text="",
            status=str(Status.NEW),
            updated_by=user,
        )
        for segment in source
    )
    record(
        session,
        user=user,
        action="start-translation",
        entity="version",
        entity_id=str(version.id),
        document_id=document_id,
        lang=lang,
    )
    settings.bump(session, settings.CONTENT_VERSION)
    session.flush()
    return version.id


def segments_by_id(session: Session, ids: Sequence[int]) -> dict[int, SegmentRow]:
    return {
        row.id: row for row in session.scalars(select(SegmentRow).where(SegmentRow.id.in_(ids)))
    }


@dataclass(frozen=True)
class VersionPair:
    """A document's source version and one of its translations (or the source alone)."""

    document_id: int
    document: str
    source_version_id: int
    source_lang: str
    target_version_id: int | None


def versions_in(session: Session, lang: str) -> list[VersionPair]:
    """Every document with a version in ``lang``: its source and that version."""
    pairs = []
    for document in session.scalars(select(DocumentRow).order_by(DocumentRow.name)):
        source = next((v for v in document.versions if v.is_source), None)
        target = next((v for v in document.versions if v.lang == lang), None)
        if source is None or target is None:
            continue
        pairs.append(
            VersionPair(
                document_id=document.id,
                document=document.name,
                source_version_id=source.id,
                source_lang=source.lang,
                target_version_id=None if target.is_source else target.id,
            )
        )
    return pairs


def languages(session: Session) -> list[str]:
    """Every language some version is in, sorted."""
    return sorted(set(session.scalars(select(VersionRow.lang).distinct())))


def content_version(session: Session) -> int:
    """Bumped with every change to any segment: whether derived results are stale."""
    return settings.counter(session, settings.CONTENT_VERSION)


def _version_rows(session: Session, version_id: int) -> list[SegmentRow]:
    return list(
        session.scalars(
            select(SegmentRow)
            .where(SegmentRow.version_id == version_id)
            .order_by(SegmentRow.position)
        )
    )


def split_segment(
    session: Session, version_id: int, position: int, head: str, tail: str, *, user: str
) -> None:
    """Cut the segment at ``position`` into ``head`` and a new segment ``tail`` right after
    it (same paragraph, kind and status); later segments move down by one."""
    rows = _version_rows(session, version_id)
    row = rows[position]
    for later in reversed(rows[position + 1 :]):
        later.position += 1
    session.flush()
    old = row.text
    row.text = head
    row.revision += 1
    row.updated_by = user
    row.updated_at = utcnow()
    session.add(
        SegmentRow(
            version_id=version_id,
            position=position + 1,
            paragraph=row.paragraph,
            kind=row.kind,
            text=tail,
            status=row.status,
            updated_by=user,
        )
    )
    version = session.get(VersionRow, version_id)
    record(
        session,
        user=user,
        action="split-sentence",
        entity="segment",
        entity_id=str(row.id),
        document_id=version.document_id if version else None,
        lang=version.lang if version else None,
        old=old,
        new=f"{head}\n{tail}",
    )
    settings.bump(session, settings.CONTENT_VERSION)
    session.flush()


def join_segments(session: Session, version_id: int, position: int, *, user: str) -> None:
    """Join the segment at ``position`` with the next one (a space between them); later
    segments move up by one."""
    rows = _version_rows(session, version_id)
    first, second = rows[position], rows[position + 1]
    old = f"{first.text}\n{second.text}"
    first.text = f"{first.text} {second.text}"
    first.revision += 1
    first.updated_by = user
    first.updated_at = utcnow()
    session.delete(second)
    session.flush()
    for later in rows[position + 2 :]:
        later.position -= 1
    version = session.get(VersionRow, version_id)
    record(
        session,
        user=user,
        action="join-sentences",
        entity="segment",
        entity_id=str(first.id),
        document_id=version.document_id if version else None,
        lang=version.lang if version else None,
        old=old,
        new=first.text,
    )
    settings.bump(session, settings.CONTENT_VERSION)
    session.flush()


def documents_with_post_id(session: Session, post_id: str) -> list[str]:
    return list(
        session.scalars(
            select(DocumentRow.name)
            .where(DocumentRow.post_id == post_id)
            .order_by(DocumentRow.name)
        )
    )


def status_counts(session: Session) -> list[tuple[str, str, bool, str, int]]:
    """(document, lang, is_source, status, count) for every version."""
    rows = session.execute(
        select(
            DocumentRow.name,
            VersionRow.lang,
            VersionRow.is_source,
            SegmentRow.status,
            func.count(SegmentRow.id),
        )
        .join(VersionRow, VersionRow.document_id == DocumentRow.id)
        .join(SegmentRow, SegmentRow.version_id == VersionRow.id)
        .group_by(DocumentRow.name, VersionRow.lang, VersionRow.is_source, SegmentRow.status)
        .order_by(DocumentRow.name, VersionRow.lang)
    ).all()
    return [(name, lang, bool(src), status, count) for name, lang, src, status, count in rows]


def segments_at(session: Session, version_id: int, positions: Sequence[int]) -> list[SegmentRow]:
    """The segments of a version at ``positions``, in that order."""
    rows = {
        row.position: row
        for row in session.scalars(
            select(SegmentRow).where(
                SegmentRow.version_id == version_id, SegmentRow.position.in_(list(positions))
            )
        )
    }
    return [rows[p] for p in positions]


def update_segment_if_unchanged(
    session: Session,
    segment_id: int,
    *,
    expected_revision: int,
    old_text: str,
    text: str,
    user: str,
    action: str,
    document_id: int,
    lang: str,
    note: str | None = None,
    status: str | None = None,
) -> int | None:
    """One conditional UPDATE: the optimistic save. Returns the new revision, or None when
    the segment is no longer at ``expected_revision`` (someone saved first).

    The caller has read the segment beforehand, outside any write lock; this statement is
    the whole check-and-write, so the write transaction lasts three statements.
    """
    values: dict[str, object] = {
        "text": text,
        "revision": SegmentRow.revision + 1,
        "updated_by": user,
        "updated_at": utcnow(),
    }
    if status is not None:
        values["status"] = status
    result = session.execute(
        update(SegmentRow)
        .where(SegmentRow.id == segment_id, SegmentRow.revision == expected_revision)
        .values(**values)
    )
    if result.rowcount != 1:
        return None
    settings.bump(session, settings.CONTENT_VERSION)
    record(
        session,
        user=user,
        action=action,
        entity="segment",
        entity_id=str(segment_id),
        document_id=document_id,
        lang=lang,
        old=old_text,
        new=text,
        note=note,
    )
    return expected_revision + 1
