"""Progress: how far each document is in each language, and who did what when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from workbench.model import Status
from workbench.services.base import ServiceBase
from workbench.store import documents as repo
from workbench.store import history


@dataclass(frozen=True)
class LanguageProgress:
    """Counts of one document's translation in one language, by status."""

    document: str
    lang: str
    total: int
    translated: int
    reviewed: int
    approved: int

    def share(self, count: int) -> float:
        return count / self.total if self.total else 0.0

    @property
    def done(self) -> float:
        """Share at least translated (translated, reviewed or approved)."""
        return self.share(self.translated + self.reviewed + self.approved)


@dataclass(frozen=True)
class Activity:
    day: str
    user: str
    action: str
    count: int


class ProgressServices(ServiceBase):
    """Read-only views for project managers."""

    def progress(self) -> list[LanguageProgress]:
        with self.db.session() as session:
            counts = repo.status_counts(session)
        table: dict[tuple[str, str], dict[str, int]] = {}
        for document, lang, is_source, status, count in counts:
            if is_source:
                continue
            table.setdefault((document, lang), {})[status] = count
        return [
            LanguageProgress(
                document=document,
                lang=lang,
                total=sum(by.values()),
                translated=by.get(Status.TRANSLATED, 0),
                reviewed=by.get(Status.REVIEWED, 0),
                approved=by.get(Status.APPROVED, 0),
            )
            for (document, lang), by in sorted(table.items())
        ]

    def activity(self, days: int = 30) -> list[Activity]:
        since = datetime.now(UTC) - timedelta(days=days)
        with self.db.session() as session:
            return [Activity(*row) for row in history.activity(session, since)]
