"""Small named counters in the store.

``glossary_version`` and ``content_version`` are bumped in the same transaction as every
glossary or segment change, so any process (a UI replica, the CLI) can tell with one cheap
query whether what it computed from the data is still current.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from workbench.store.schema import SettingRow

GLOSSARY_VERSION = "glossary_version"
CONTENT_VERSION = "content_version"


def counter(session: Session, key: str) -> int:
    row = session.get(SettingRow, key)
    return int(row.value) if row else 0


def bump(session: Session, key: str) -> int:
    row = session.get(SettingRow, key)
    if row is None:
        row = SettingRow(key=key, value="0")
        session.add(row)
    row.value = str(int(row.value) + 1)
    return int(row.value)
