"""Backup and restore of the whole workspace, for the CLI (and scripts run by cron).

A backup holds everything, password hashes included, so taking one is an admin's job once
the workspace has accounts. Restoring needs no identity: it only ever fills an empty
database (a new ``WORKBENCH_DB``), where nobody has an account yet.
"""

from __future__ import annotations

from pathlib import Path

from workbench.model import Role
from workbench.services.base import ServiceBase
from workbench.store import backup as backup_store


class BackupServices(ServiceBase):
    """Consistent snapshots out of, and back into, any supported database."""

    def backup(self, path: Path) -> dict[str, int]:
        """Write a snapshot of every table to ``path`` (``.gz`` compresses it), atomically,
        while the application keeps running. Returns the row count per table."""
        self.require(Role.ADMIN, action="back up the workspace")
        return backup_store.write_backup(self.db.engine, path)

    def restore(self, path: Path) -> dict[str, int]:
        """Load a backup into this (empty) database in one transaction: a bad file leaves
        it empty, with the file and line of the problem in the error."""
        return backup_store.restore_backup(self.db.engine, path)
