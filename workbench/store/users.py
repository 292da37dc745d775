"""People: accounts with hashed passwords, roles and languages."""

from __future__ import annotations

import json

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.model import Identity, Role
from workbench.store.schema import UserRow


def count(session: Session) -> int:
    return session.scalar(select(func.count(UserRow.id)).where(UserRow.active)) or 0


def find(session: Session, name: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.name == name))


def identity(row: UserRow) -> Identity:
    return Identity(
        name=row.name,
        role=Role(row.role),
        languages=tuple(json.loads(row.languages)),
        display_name=row.display_name,
    )


def all_users(session: Session) -> list[UserRow]:
    return list(session.scalars(select(UserRow).order_by(UserRow.name)))
