"""Where the project's files live and which database to use.

A project is a folder with ``sources/``, ``glossary/``, ``translations/`` and the optional
rule files a reviewer edits (``segmentation.toml``, ``boilerplate.toml``). It defaults to
the checkout the package runs from, so the demo works straight from a clone.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def default_project_dir() -> Path:
    """``WORKBENCH_PROJECT``, else the checkout holding the package, else the cwd."""
    configured = os.environ.get("WORKBENCH_PROJECT")
    if configured:
        return Path(configured).expanduser().resolve()
    checkout = PACKAGE_DIR.parent
    if (checkout / "sources").is_dir():
        return checkout
    return Path.cwd()


@dataclass(frozen=True)
class ProjectPaths:
    root: Path

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def glossary(self) -> Path:
        return self.root / "glossary"

    @property
    def translations(self) -> Path:
        return self.root / "translations"

    @property
    def segmentation_rules(self) -> Path:
        return self.root / "segmentation.toml"

    @property
    def boilerplate_rules(self) -> Path:
        return self.root / "boilerplate.toml"


def project_paths(root: Path | None = None) -> ProjectPaths:
    return ProjectPaths(root or default_project_dir())
