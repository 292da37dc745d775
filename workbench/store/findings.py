"""Findings a reviewer accepted, with the reason, per unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.store.schema import AcceptedFindingRow


@dataclass(frozen=True)
class AcceptedFinding:
    id: int
    document: str
    lang: str
    unit_key: str
    check: str
    kind: str
    concept_id: str | None
    found: str | None
    reason: str
    accepted_by: str
    accepted_at: datetime

    def covers(self, check: str, kind: str, concept_id: str | None, found: str | None) -> bool:
        """Whether this acceptance silences a finding: same check, kind, concept and the
        same text found (a different wrong form is a new finding)."""
        return (self.check, self.kind, self.concept_id, self.found) == (
            check,
            kind,
            concept_id,
            found,
        )


def _accepted(row: AcceptedFindingRow) -> AcceptedFinding:
    return AcceptedFinding(
        id=row.id,
        document=row.document,
        lang=row.lang,
        unit_key=row.unit_key,
        check=row.check,
        kind=row.kind,
        concept_id=row.concept_id,
        found=row.found,
        reason=row.reason,
        accepted_by=row.accepted_by,
        accepted_at=row.accepted_at,
    )


def for_document(session: Session, document: str, lang: str) -> list[AcceptedFinding]:
    query = select(AcceptedFindingRow).where(
        AcceptedFindingRow.document == document, AcceptedFindingRow.lang == lang
    )
    return [_accepted(row) for row in session.scalars(query.order_by(AcceptedFindingRow.id))]


def add(session: Session, **fields: object) -> AcceptedFinding:
    row = AcceptedFindingRow(**fields)
    session.add(row)
    session.flush()
    return _accepted(row)
