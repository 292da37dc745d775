"""The service (and so the store) tests run on both backends: SQLite and PostgreSQL."""

from __future__ import annotations

import pytest


@pytest.fixture
def db_url(any_db_url: str) -> str:
    return any_db_url
