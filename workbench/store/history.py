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
    return [_entry(row) for row in session.scalars(query)]


def _entry(row: HistoryRow) -> HistoryEntry:
    return HistoryEntry(
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


def activity(session: Session, since: datetime) -> list[tuple[str, str, str, int]]:
    """(day, user, action, count) of segment changes since ``since``, oldest first."""
    from sqlalchemy import func

    day = func.date(HistoryRow.at)  # SQLite and PostgreSQL both have date()
    rows = session.execute(
        select(day, HistoryRow.user, HistoryRow.action, func.count(HistoryRow.id))
        .where(HistoryRow.entity == "segment", HistoryRow.at >= since)
        .group_by(day, HistoryRow.user, HistoryRow.action)
        .order_by(day)
    ).all()
    return [(str(d), user, action, count) for d, user, action, count in rows]


def for_entities(
    session: Session, entity: str, ids: list[str], limit: int = 200
) -> list[HistoryEntry]:
    """History of several rows of one kind (the target sentences of a unit), newest first."""
    query = (
        select(HistoryRow)
        .where(HistoryRow.entity == entity, HistoryRow.entity_id.in_(ids))
        .order_by(HistoryRow.id.desc())
        .limit(limit)
    )
    return [_entry(row) for row in session.scalars(query)]
