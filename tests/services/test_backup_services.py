"""Backup and restore: a snapshot restored into a fresh database is the same database."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import insert

from tests.conftest import fresh_postgres_database
from workbench.errors import InputError, WorkbenchError
from workbench.model import Role
from workbench.services import Workbench
from workbench.services.base import PermissionDenied
from workbench.store.backup import dump
from workbench.store.db import Database
from workbench.store.schema import Base

DOC = "the-ladder-of-degrees"


@pytest.fixture
def demo(bench: Workbench) -> Workbench:
    """The demo workspace with some history: an edit, an account."""
    bench.create_demo()
    unit = next(u for u in bench.units(DOC, "ru") if u.target("ru") is not None)
    target = unit.target("ru")
    assert target is not None
    bench.save_unit(
        DOC, "ru", unit.key, target.text + " (правка)", expected_revision=target.revision
    )
    return bench


@pytest.fixture
def fresh(tmp_path: Path, project, db_url: str) -> Iterator[Workbench]:
    """A second, empty database on the same backend as ``db_url``."""
    if db_url.startswith("sqlite"):
        database = Database(f"sqlite:///{tmp_path / 'restored.db'}")
        yield Workbench(database, project=project, user="tester")
        database.dispose()
        return
    with fresh_postgres_database() as url:
        database = Database(url)
        yield Workbench(database, project=project, user="tester")
        database.dispose()


@pytest.mark.parametrize("name", ["backup.jsonl", "backup.jsonl.gz"])
def test_restore_into_a_fresh_database_gives_the_same_rows(
    demo: Workbench, fresh: Workbench, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    counts = demo.backup(path)
    assert counts["segments"] > 10 and counts["history"] >= 1
    assert fresh.restore(path) == counts
    assert dump(fresh.db.engine) == dump(demo.db.engine)
    if name.endswith(".gz"):
        assert gzip.decompress(path.read_bytes()).startswith(b'{"format"')


def test_the_restored_workspace_keeps_working(
    demo: Workbench, fresh: Workbench, tmp_path: Path
) -> None:
    """New rows get new ids after a restore (PostgreSQL sequences are moved past the
    restored ids), and the history restored is the history shown."""
    path = tmp_path / "backup.jsonl"
    demo.backup(path)
    fresh.restore(path)
    unit = next(u for u in fresh.units(DOC, "ru") if u.target("ru") is not None)
    target = unit.target("ru")
    assert target is not None
    saved = fresh.save_unit(DOC, "ru", unit.key, "Новый текст.", expected_revision=target.revision)
    assert saved.revision == target.revision + 1
    assert (
        len(fresh.unit_history(DOC, "ru", unit.key))
        == len(demo.unit_history(DOC, "ru", unit.key)) + 1
    )


def test_restore_refuses_a_database_that_is_not_empty(demo: Workbench, tmp_path: Path) -> None:
    path = tmp_path / "backup.jsonl"
    demo.backup(path)
    before = dump(demo.db.engine)
    with pytest.raises(WorkbenchError, match="not empty"):
        demo.restore(path)
    assert dump(demo.db.engine) == before


def test_a_damaged_backup_names_the_line_and_restores_nothing(
    demo: Workbench, fresh: Workbench, tmp_path: Path
) -> None:
    path = tmp_path / "backup.jsonl"
    demo.backup(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    middle = len(lines) // 2
    assert middle > 1
    lines[middle] = lines[middle][: len(lines[middle]) // 2]  # cut in the middle of a row
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        fresh.restore(path)
    assert error.value.line == middle + 1 and str(path) in str(error.value)
    assert dump(fresh.db.engine) == []


def test_not_a_backup_is_refused(fresh: Workbench, tmp_path: Path) -> None:
    path = tmp_path / "notes.jsonl"
    path.write_text('{"hello": 1}\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a workbench backup"):
        fresh.restore(path)


def test_the_snapshot_ignores_a_write_still_in_progress(demo: Workbench, tmp_path: Path) -> None:
    """A backup taken while another connection is in the middle of a write transaction
    completes, and holds the database as it was before that transaction."""
    before = dump(demo.db.engine)
    documents = Base.metadata.tables["documents"]
    with demo.db.engine.connect().execution_options(workbench_write=True) as writer:
        transaction = writer.begin()
        writer.execute(
            insert(documents).values(
                name="half-written", title="Half", source_lang="en", revision=1
            )
        )
        demo.backup(tmp_path / "during.jsonl")
        transaction.rollback()
    restored = (tmp_path / "during.jsonl").read_text(encoding="utf-8")
    assert "half-written" not in restored
    assert dump(demo.db.engine) == before


def test_only_an_admin_takes_a_backup_once_there_are_accounts(
    demo: Workbench, tmp_path: Path
) -> None:
    demo.create_account("ada", "correct horse", Role.ADMIN, ["*"])
    admin = demo.as_user(demo.authenticate("ada", "correct horse"))
    admin.create_account("tom", "battery staple", Role.TRANSLATOR, ["ru"])
    translator = demo.as_user(demo.authenticate("tom", "battery staple"))
    with pytest.raises(PermissionDenied):
        translator.backup(tmp_path / "stolen.jsonl")
    assert not (tmp_path / "stolen.jsonl").exists()
    admin.backup(tmp_path / "ok.jsonl")
    assert (tmp_path / "ok.jsonl").stat().st_size > 0


def test_a_sqlite_workspace_moves_to_postgresql(tmp_path: Path, project) -> None:
    """The way a team outgrows one machine: back up the SQLite file, restore into
    PostgreSQL, and nothing is lost."""
    sqlite = Database(f"sqlite:///{tmp_path / 'team.db'}")
    source = Workbench(sqlite, project=project, user="tester")
    source.create_demo()
    path = tmp_path / "move.jsonl.gz"
    source.backup(path)
    with fresh_postgres_database() as url:
        database = Database(url)
        try:
            target = Workbench(database, project=project, user="tester")
            target.restore(path)
            assert dump(database.engine) == dump(sqlite.engine)
            assert [d.name for d in target.list_documents()] == [
                d.name for d in source.list_documents()
            ]
        finally:
            database.dispose()
    sqlite.dispose()
