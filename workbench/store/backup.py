"""Backup and restore: every row of every table, as JSON lines, from one consistent snapshot.

The backup is taken inside one read transaction (REPEATABLE READ on PostgreSQL; a WAL read
transaction on SQLite), so it is consistent while the application keeps running and
writing. The format is plain and backend-neutral: a SQLite workspace can be restored into
PostgreSQL (the usual way a team outgrows one machine) and back.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import DateTime, Engine, Integer, func, select, text

from workbench.errors import InputError, WorkbenchError
from workbench.fileio import atomic_write
from workbench.store.schema import Base

FORMAT = "workbench-backup"
FORMAT_VERSION = 1


def _tables() -> list:  # type: ignore[type-arg]
    return list(Base.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows(engine: Engine) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every row of every table (parents before children, by primary key), from one
    snapshot of the database."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            for table in _tables():
                order = list(table.primary_key.columns) or list(table.columns)
                for row in connection.execute(select(table).order_by(*order)).mappings():
                    yield table.name, {key: _encode(value) for key, value in row.items()}


def dump(engine: Engine) -> list[str]:
    """The database as sorted text lines: what 'exactly as before' compares."""
    return [
        json.dumps([name, row], ensure_ascii=False, sort_keys=True) for name, row in rows(engine)
    ]


def write_backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write a backup file (gzip-compressed JSON lines if it ends in ``.gz``), atomically.
    Returns the row count per table."""
    counts: dict[str, int] = {}
    lines = [
        json.dumps(
            {"format": FORMAT, "version": FORMAT_VERSION, "created": datetime.now(UTC).isoformat()}
        )
    ]
    for name, row in rows(engine):
        counts[name] = counts.get(name, 0) + 1
        lines.append(json.dumps({"table": name, "row": row}, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    atomic_write(path, data)
    return counts


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open("r", encoding="utf-8")


def is_empty(engine: Engine) -> bool:
    with engine.connect() as connection:
        return all(
            connection.execute(select(func.count()).select_from(table)).scalar() == 0
            for table in _tables()
        )


def restore_backup(engine: Engine, path: Path) -> dict[str, int]:
    """Load a backup into an empty database, all in one transaction: a bad file (named
    with its line) leaves the database empty as it was."""
    if not is_empty(engine):
        raise WorkbenchError(
            "the database is not empty; restore into a new database (point WORKBENCH_DB at it)"
        )
    tables = {table.name: table for table in _tables()}
    counts: dict[str, int] = {}
    try:
        handle = _open(path)
    except OSError as exc:
        raise InputError(f"cannot read the backup: {exc.strerror}", file=str(path)) from exc
    with handle, engine.begin() as connection:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise InputError(f"not a backup line: {exc}", file=str(path), line=number) from None
            if number == 1:
                if record.get("format") != FORMAT:
                    raise InputError("not a workbench backup", file=str(path), line=1)
                if record.get("version") != FORMAT_VERSION:
                    raise InputError(
                        f"backup format version {record.get('version')} is not supported",
                        file=str(path),
                        line=1,
                    )
                continue
            table = tables.get(record.get("table"))
            if table is None:
                raise InputError(
                    f"unknown table {record.get('table')!r}", file=str(path), line=number
                )
            row = dict(record.get("row") or {})
            for column in table.columns:
                if isinstance(column.type, DateTime) and isinstance(row.get(column.name), str):
                    row[column.name] = datetime.fromisoformat(row[column.name])
            connection.execute(table.insert().values(**row))
            counts[table.name] = counts.get(table.name, 0) + 1
        if engine.dialect.name == "postgresql":
            for table in _tables():
                key = list(table.primary_key.columns)
                if len(key) == 1 and isinstance(key[0].type, Integer):
                    connection.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', "
                            f"'{key[0].name}'), COALESCE(MAX({key[0].name}), 0) + 1, false) "
                            f"FROM {table.name}"
                        )
                    )
    return counts
