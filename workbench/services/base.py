"""What every use case needs: the database, the project folder, the acting user, and the
project's rule files (read once, an error if malformed)."""

from __future__ import annotations

import copy
import getpass
import os
from collections.abc import Callable
from typing import Self

from workbench.config import ProjectPaths, project_paths
from workbench.errors import WorkbenchError
from workbench.formats.boilerplate import BoilerplatePatterns, load_patterns
from workbench.model import ALL_LANGUAGES, Identity, Role
from workbench.segment import SegmentationRules, load_rules
from workbench.store import Database
from workbench.store import users as users_store

Progress = Callable[[float, str], None]


def no_progress(_fraction: float, _message: str) -> None:
    return None


def current_user() -> str:
    """The acting user for a single-user workspace: ``WORKBENCH_USER`` or the login name."""
    configured = os.environ.get("WORKBENCH_USER")
    if configured:
        return configured
    try:
        return getpass.getuser()
    except Exception:
        return "local"


class PermissionDenied(WorkbenchError):
    """The acting person's role or languages do not allow this."""


class NotAuthenticated(PermissionDenied):
    """The workspace has accounts and nobody has logged in."""


class ServiceBase:
    """The application's shared state: a database, a project folder and its rules, and who
    is acting.

    Permissions are checked here, in the services, so neither the UI nor the CLI can
    bypass them. A workspace without accounts is a single-user workspace: whoever runs it is
    its admin, with no ceremony. Once accounts exist, every change needs an identity
    (``as_user``), and the role and languages of that identity decide what is allowed.
    """

    def __init__(
        self,
        db: Database | None = None,
        *,
        project: ProjectPaths | None = None,
        user: str | None = None,
        identity: Identity | None = None,
    ) -> None:
        self.db = db or Database()
        self.project = project or project_paths()
        self._default_user = user or current_user()
        self._identity = identity
        self._rules: SegmentationRules | None = None
        self._patterns: BoilerplatePatterns | None = None

    # -- who is acting -----------------------------------------------------------------

    @property
    def user(self) -> str:
        """The name recorded in the history for changes made through this object."""
        return self._identity.name if self._identity else self._default_user

    def as_user(self, identity: Identity) -> Self:
        """The same application acting as ``identity`` (sharing database and caches)."""
        other = copy.copy(self)
        other._identity = identity
        return other

    def has_accounts(self) -> bool:
        with self.db.session() as session:
            return users_store.count(session) > 0

    @property
    def identity(self) -> Identity:
        """Who is acting: the given identity, or the admin of a single-user workspace."""
        if self._identity is not None:
            return self._identity
        if self.has_accounts():
            raise NotAuthenticated(
                "this workspace has user accounts: log in first (on the command line, set "
                "WORKBENCH_USER and WORKBENCH_PASSWORD)"
            )
        return Identity(self._default_user, Role.ADMIN, (ALL_LANGUAGES,))

    def require(self, role: Role, lang: str | None = None, *, action: str) -> Identity:
        """The acting identity if it may do ``action`` (needs ``role``, and ``lang`` among
        its languages when given); ``PermissionDenied`` naming what is missing otherwise."""
        who = self.identity
        if not who.at_least(role):
            raise PermissionDenied(
                f"{who.name} ({who.role}) may not {action}: it needs the {role} role"
            )
        if lang is not None and not who.may_edit(lang):
            allowed = ", ".join(who.languages) or "none"
            raise PermissionDenied(
                f"{who.name} may not {action} in {lang}: their languages are {allowed}"
            )
        return who

    # -- configuration -----------------------------------------------------------------

    @property
    def segmentation_rules(self) -> SegmentationRules | None:
        """Project exceptions from ``segmentation.toml`` (read once; a bad file is an error)."""
        if self._rules is None and self.project.segmentation_rules.is_file():
            self._rules = load_rules(self.project.segmentation_rules)
        return self._rules

    @property
    def boilerplate(self) -> BoilerplatePatterns:
        if self._patterns is None:
            path = self.project.boilerplate_rules
            self._patterns = load_patterns(path if path.is_file() else None)
        return self._patterns
