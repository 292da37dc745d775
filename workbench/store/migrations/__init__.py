"""Schema migrations (Alembic). ``migrate(engine)`` brings any database to the current
schema: a new one is created from the migrations, an old one is upgraded in place."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, inspect, text

HERE = Path(__file__).resolve().parent
_LOCK_ID = 727_274  # PostgreSQL advisory lock: one migrating process at a time


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(HERE))
    config.attributes["connection"] = connection
    return config


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` (default: the current schema) in one transaction.

    Processes starting together (several UI replicas) take turns: PostgreSQL through an
    advisory lock, SQLite through its write lock. A database made before migrations existed
    (tables but no version) is recognised by its shape and stamped, not re-created.
    """
    with (
        engine.connect().execution_options(workbench_write=True) as connection,
        connection.begin(),
    ):
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _LOCK_ID})
        config = _config(connection)
        tables = set(inspect(connection).get_table_names())
        if "documents" in tables and "alembic_version" not in tables:
            columns = {c["name"] for c in inspect(connection).get_columns("links")}
            command.stamp(config, "0002" if "src_start" in columns else "0001")
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
