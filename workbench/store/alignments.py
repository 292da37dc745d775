"""Stored alignments: links between a translation's sentences and its source's.

Links hold sentence *positions* on both sides, which is what the aligner, the vecalign
notation and the editor speak; splitting or joining a sentence rewrites the positions of
the links in the same transaction as the segments.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.align.model import Link
from workbench.errors import ConflictError
from workbench.store import settings
from workbench.store.schema import AlignmentRow, LinkRow, utcnow


@dataclass(frozen=True)
class StoredAlignment:
    version_id: int
    revision: int
    links: tuple[Link, ...]
    confirmed: tuple[bool, ...]
    signature: str
    mean_confidence: float
    warnings: tuple[str, ...]
    updated_by: str | None


def load(session: Session, version_id: int) -> StoredAlignment | None:
    row = session.scalar(select(AlignmentRow).where(AlignmentRow.version_id == version_id))
    if row is None:
        return None
    links = [
        (Link(tuple(json.loads(r.src)), tuple(json.loads(r.tgt)), r.score), r.confirmed)
        for r in row.links
    ]
    return StoredAlignment(
        version_id=version_id,
        revision=row.revision,
        links=tuple(link for link, _ in links),
        confirmed=tuple(flag for _, flag in links),
        signature=row.signature,
        mean_confidence=row.mean_confidence,
        warnings=tuple(json.loads(row.warnings)),
        updated_by=row.updated_by,
    )


def save(
    session: Session,
    *,
    document_id: int,
    version_id: int,
    links: tuple[Link, ...],
    confirmed: tuple[bool, ...],
    expected_revision: int | None,
    user: str,
    signature: str | None = None,
    mean_confidence: float | None = None,
    warnings: tuple[str, ...] | None = None,
) -> int:
    """Store the links of a version, if the stored alignment is still at
    ``expected_revision`` (None: whatever is stored is replaced, as a fresh run does).
    Returns the new revision."""
    row = session.scalar(
        select(AlignmentRow).where(AlignmentRow.version_id == version_id).with_for_update()
    )
    if row is None:
        row = AlignmentRow(document_id=document_id, version_id=version_id, revision=0)
        session.add(row)
    elif expected_revision is not None and row.revision != expected_revision:
        raise ConflictError(
            f"the alignment was changed by {row.updated_by or 'someone'} meanwhile "
            f"(revision {row.revision}, you started from {expected_revision})",
            theirs=f"revision {row.revision}",
            yours=f"revision {expected_revision}",
            revision=row.revision,
        )
    row.revision = (row.revision or 0) + 1
    row.updated_by = user
    row.updated_at = utcnow()
    if signature is not None:
        row.signature = signature
    if mean_confidence is not None:
        row.mean_confidence = mean_confidence
    if warnings is not None:
        row.warnings = json.dumps(list(warnings), ensure_ascii=False)
    row.links = [
        LinkRow(
            position=position,
            src_start=link.src[0] if link.src else None,
            src=json.dumps(list(link.src)),
            tgt=json.dumps(list(link.tgt)),
            score=float(link.score),
            confirmed=bool(flag),
        )
        for position, (link, flag) in enumerate(zip(links, confirmed, strict=True))
    ]
    settings.bump(session, settings.CONTENT_VERSION)
    session.flush()
    return row.revision


def snapshot(alignment: StoredAlignment | None) -> dict[str, object] | None:
    """A JSON-able picture of the links, for the history and undo."""
    if alignment is None:
        return None
    return {
        "links": [[list(link.src), list(link.tgt), link.score] for link in alignment.links],
        "confirmed": list(alignment.confirmed),
    }


def links_from_snapshot(data: dict[str, object]) -> tuple[tuple[Link, ...], tuple[bool, ...]]:
    raw = data["links"]
    assert isinstance(raw, list)
    links = tuple(Link(tuple(src), tuple(tgt), float(score)) for src, tgt, score in raw)
    confirmed = data["confirmed"]
    assert isinstance(confirmed, list)
    return links, tuple(bool(flag) for flag in confirmed)


@dataclass(frozen=True)
class LinkAt:
    """One stored link found by its first source sentence."""

    revision: int
    index: int
    link: Link


def link_starting_at(session: Session, version_id: int, src_position: int) -> LinkAt | None:
    """The link whose source starts at ``src_position``, in two indexed queries."""
    alignment = session.execute(
        select(AlignmentRow.id, AlignmentRow.revision).where(AlignmentRow.version_id == version_id)
    ).first()
    if alignment is None:
        return None
    row = session.execute(
        select(LinkRow.position, LinkRow.src, LinkRow.tgt, LinkRow.score).where(
            LinkRow.alignment_id == alignment.id, LinkRow.src_start == src_position
        )
    ).first()
    if row is None:
        return None
    link = Link(tuple(json.loads(row.src)), tuple(json.loads(row.tgt)), row.score)
    return LinkAt(alignment.revision, row.position, link)
