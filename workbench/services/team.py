"""The team: accounts, roles and languages, and logging in.

Passwords are stored as argon2 hashes only. The first account must be an admin, so a
workspace never locks its own administrator out; until it exists, the workspace is a
single-user one and whoever runs it is its admin.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from workbench.errors import InputError, NotFoundError
from workbench.language import SUPPORTED_LANGUAGES
from workbench.model import ALL_LANGUAGES, Identity, Role
from workbench.services.base import PermissionDenied, ServiceBase
from workbench.store import users as users_store
from workbench.store.history import record
from workbench.store.schema import UserRow

MIN_PASSWORD = 8
_hasher = PasswordHasher()


@dataclass(frozen=True)
class Account:
    """An account as the team page shows it (never the hash)."""

    name: str
    display_name: str
    role: Role
    languages: tuple[str, ...]
    active: bool


def _account(row: UserRow) -> Account:
    who = users_store.identity(row)
    return Account(row.name, row.display_name, who.role, who.languages, row.active)


def _languages(languages: Sequence[str]) -> list[str]:
    cleaned = sorted({lang.strip() for lang in languages if lang.strip()})
    unknown = [
        lang for lang in cleaned if lang != ALL_LANGUAGES and lang not in SUPPORTED_LANGUAGES
    ]
    if unknown:
        raise InputError(f"unknown language code(s): {', '.join(unknown)}")
    return cleaned


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")


class TeamServices(ServiceBase):
    """Accounts and authentication."""

    def accounts(self) -> list[Account]:
        with self.db.session() as session:
            return [_account(row) for row in users_store.all_users(session)]

    def create_account(
        self,
        name: str,
        password: str,
        role: Role | str,
        languages: Sequence[str] = (ALL_LANGUAGES,),
        *,
        display_name: str = "",
    ) -> Account:
        """A new account (admins only; the very first account must be an admin)."""
        self.require(Role.ADMIN, action="create accounts")
        role = Role(role)
        name = name.strip()
        if not name or any(ch.isspace() for ch in name):
            raise InputError("an account name needs at least one character and no spaces")
        _check_password(password)
        with self.db.session(write=True) as session:
            if users_store.count(session) == 0 and role != Role.ADMIN:
                raise InputError(
                    "the first account must be an admin, or nobody could manage the team"
                )
            if users_store.find(session, name) is not None:
                raise InputError(f"there is already an account {name!r}")
            row = UserRow(
                name=name,
                display_name=display_name.strip(),
                password_hash=_hasher.hash(password),
                role=str(role),
                languages=json.dumps(_languages(languages)),
            )
            session.add(row)
            session.flush()
            record(
                session,
                user=self.user,
                action="create-account",
                entity="user",
                entity_id=name,
                new=f"{role} {','.join(_languages(languages))}",
            )
            return _account(row)

    def update_account(
        self,
        name: str,
        *,
        role: Role | str | None = None,
        languages: Sequence[str] | None = None,
        active: bool | None = None,
        password: str | None = None,
    ) -> Account:
        """Change an account's role, languages, password or whether it may log in."""
        acting = self.require(Role.ADMIN, action="change accounts")
        with self.db.session(write=True) as session:
            row = users_store.find(session, name)
            if row is None:
                raise NotFoundError(f"no account {name!r}")
            old = f"{row.role} {row.languages} active={row.active}"
            if role is not None:
                row.role = str(Role(role))
            if languages is not None:
                row.languages = json.dumps(_languages(languages))
            if active is not None:
                row.active = active
            if password is not None:
                _check_password(password)
                row.password_hash = _hasher.hash(password)
            admins = [
                u for u in users_store.all_users(session) if u.role == Role.ADMIN and u.active
            ]
            if not admins:
                raise InputError("at least one active admin must remain")
            row.revision += 1
            record(
                session,
                user=acting.name,
                action="update-account",
                entity="user",
                entity_id=name,
                old=old,
                new=f"{row.role} {row.languages} active={row.active}",
            )
            return _account(row)

    def authenticate(self, name: str, password: str) -> Identity:
        """The identity of an account whose password matches; otherwise one message for
        every failure, so it does not tell which accounts exist."""
        with self.db.session() as session:
            row = users_store.find(session, name.strip())
            denied = PermissionDenied("wrong account name or password")
            if row is None or not row.active:
                _hasher.hash(password)  # spend the same time as a real check
                raise denied
            try:
                _hasher.verify(row.password_hash, password)
            except (VerificationError, InvalidHashError):
                raise denied from None
            return users_store.identity(row)

    def trusted_identity(self, name: str) -> Identity:
        """The identity a trusted reverse proxy vouches for (no password): only used when
        the deployment turns header trust on (``WORKBENCH_TRUST_HEADER``)."""
        with self.db.session() as session:
            row = users_store.find(session, name.strip())
            if row is None or not row.active:
                raise PermissionDenied(f"no active account {name!r}")
            return users_store.identity(row)
