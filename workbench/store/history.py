"""The audit trail: every change is written beside the change, in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.store.schema import HistoryRow


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime
    user: str
    action: str
    entity: str
    entity_id: str
    lang: str | None
    old: str | None
    new: str | None
    batch: str | None
    note: str | None


def record(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    entity_id: str,
    document_id: int | None = None,
    lang: str | None = None,
    old: str | None = None,
    new: str | None = None,
    batch: str | None = None,
    note: str | None = None,
) -> HistoryRow:
    row = HistoryRow(
        user=user,
        action=action,
        entity=entity,
        entity_id=entity_id,
        document_id=document_id,
        lang=lang,
        old=old,
        new=new,
        batch=batch,
        note=note,
    )
    session.add(row)
    session.flush()
    return row


def entries(
    session: Session,
    *,
    entity: str | None = None,
    entity_id: str | None = None,
    document_id: int | None = None,
    limit: int = 200,
) -> list[HistoryEntry]:
    """Newest first, optionally for one entity or one document."""
    query = select(HistoryRow).order_by(HistoryRow.id.desc()).limit(limit)
    if entity is not None:
        query = query.where(HistoryRow.entity == entity)
    if entity_id is not None:
        query = query.where(HistoryRow.entity_id == entity_id)
    if document_id is not None:
        query = query.where(HistoryRow.document_id == document_id)
    return [
        HistoryEntry(
            id=row.id,
            at=row.at,
            user=row.user,
            action=row.action,
            entity=row.entity,
            entity_id=row.entity_id,
            lang=row.lang,
            old=row.old,
            new=row.new,
            batch=row.batch,
            note=row.note,
        )
        for row in session.scalars(query)
    ]
