"""Persistence. The only package that knows SQL; everything above it speaks dataclasses.

``Session`` is re-exported so services can pass a unit of work to repository functions
without importing SQLAlchemy themselves.
"""

from sqlalchemy.orm import Session

from workbench.store.db import Database, database_url

__all__ = ["Database", "Session", "database_url"]
