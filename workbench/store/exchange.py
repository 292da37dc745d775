"""Conflicts waiting for a person, and imported translation memory."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from workbench.store.schema import ConflictRow, MemoryRow, utcnow


@dataclass(frozen=True)
class PendingConflict:
    id: int
    document: str
    lang: str
    unit_key: str
    source: str
    current: str
    current_revision: int
    incoming: str
    incoming_status: str
    origin: str
    created_at: datetime
    created_by: str | None


def add_conflict(session: Session, **fields: object) -> int:
    row = ConflictRow(**fields)
    session.add(row)
    session.flush()
    return row.id


def pending(session: Session, lang: str | None = None) -> list[PendingConflict]:
    query = select(ConflictRow).where(ConflictRow.resolved_at.is_(None)).order_by(ConflictRow.id)
    if lang:
        query = query.where(ConflictRow.lang == lang)
    return [
        PendingConflict(
            id=row.id,
            document=row.document,
            lang=row.lang,
            unit_key=row.unit_key,
            source=row.source,
            current=row.current,
            current_revision=row.current_revision,
            incoming=row.incoming,
            incoming_status=row.incoming_status,
            origin=row.origin,
            created_at=row.created_at,
            created_by=row.created_by,
        )
        for row in session.scalars(query)
    ]


def resolve(session: Session, conflict_id: int, resolution: str, user: str) -> ConflictRow | None:
    row = session.get(ConflictRow, conflict_id)
    if row is None or row.resolved_at is not None:
        return None
    row.resolved_at = utcnow()
    row.resolved_by = user
    row.resolution = resolution
    return row


def add_memory(session: Session, entries: Iterable[dict[str, object]]) -> int:
    rows = [MemoryRow(**entry) for entry in entries]
    session.add_all(rows)
    session.flush()
    return len(rows)


def memory_entries(session: Session, source_lang: str, target_lang: str) -> Sequence[MemoryRow]:
    return list(
        session.scalars(
            select(MemoryRow).where(
                MemoryRow.source_lang == source_lang, MemoryRow.target_lang == target_lang
            )
        )
    )


def memory_size(session: Session) -> int:
    return session.scalar(select(func.count(MemoryRow.id))) or 0


def forget_memory(session: Session, origin: str) -> int:
    result = session.execute(delete(MemoryRow).where(MemoryRow.origin == origin))
    return result.rowcount or 0
