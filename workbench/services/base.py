"""What every use case needs: the database, the project folder, the acting user, and the
project's rule files (read once, an error if malformed)."""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable

from workbench.config import ProjectPaths, project_paths
from workbench.formats.boilerplate import BoilerplatePatterns, load_patterns
from workbench.segment import SegmentationRules, load_rules
from workbench.store import Database

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


class ServiceBase:
    """The application's shared state: a database, a project folder and its rules."""

    def __init__(
        self,
        db: Database | None = None,
        *,
        project: ProjectPaths | None = None,
        user: str | None = None,
    ) -> None:
        self.db = db or Database()
        self.project = project or project_paths()
        self.user = user or current_user()
        self._rules: SegmentationRules | None = None
        self._patterns: BoilerplatePatterns | None = None

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
