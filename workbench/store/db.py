"""Engine and session factory: the one place that decides how we talk to the database.

SQLite is the embedded default (one file, created on first use). It is opened in WAL mode
with a busy timeout so the Streamlit server and a CLI command can work on the same file
at once without "database is locked" errors. Any other SQLAlchemy URL (PostgreSQL for a
team) goes through the same code.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from workbench.errors import WorkbenchError
from workbench.store.migrations import migrate

DEFAULT_DB_URL = "sqlite:///workspace/workbench.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def database_url() -> str:
    """The URL from ``WORKBENCH_DB``, or the embedded SQLite default."""
    return os.environ.get("WORKBENCH_DB") or DEFAULT_DB_URL


def absolute_database_url(url: str | None = None) -> str:
    """The URL with a relative SQLite path made absolute.

    ``serve`` hands the URL to the Streamlit process; an absolute path makes sure both
    processes (and the user reading the message) mean the same file.
    """
    url = url or database_url()
    parsed = make_url(url)
    database = parsed.database
    if (
        parsed.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
    ):
        return parsed.set(database=str(Path(database).expanduser().resolve())).render_as_string(
            hide_password=False
        )
    return url


def _prepare_sqlite_file(url: str) -> None:
    """Create the folder of a SQLite file so a first run needs no setup."""
    parsed = make_url(url)
    database = parsed.database
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def make_engine(url: str | None = None) -> Engine:
    """Open the database at ``url`` (or the configured one) and create missing tables."""
    url = url or database_url()
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            _prepare_sqlite_file(url)
            engine = create_engine(
                url,
                connect_args={
                    "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000,
                    "check_same_thread": False,
                },
            )
            event.listen(engine, "connect", _sqlite_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
        else:
            engine = create_engine(url, pool_pre_ping=True)
        migrate(engine)
    except Exception as exc:
        try:
            shown = make_url(url).render_as_string(hide_password=True)
        except Exception:
            shown = url
        raise WorkbenchError(
            f"cannot open the database (WORKBENCH_DB={shown!r}): {exc.__class__.__name__}: {exc}"
        ) from exc
    return engine


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    # Let SQLAlchemy issue BEGIN itself (see _sqlite_on_begin) so that write transactions
    # take the lock up front instead of failing half-way with "database is locked".
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_on_begin(conn) -> None:  # type: ignore[no-untyped-def]
    # A writer takes the write lock at BEGIN IMMEDIATE, where busy_timeout lets it wait,
    # rather than upgrading a read lock mid-transaction, which SQLite cannot wait for and
    # reports as "database is locked". Readers begin deferred so they never queue.
    immediate = conn.get_execution_options().get("workbench_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_lock_path(url: str) -> Path | None:
    """The lock file beside a SQLite database file (None for other databases)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:"):
        return None
    return Path(database).expanduser().resolve().with_name(Path(database).name + ".writelock")


class _WriterQueue:
    """Writers of one SQLite file take turns through an OS file lock.

    SQLite lets a waiting writer poll with growing sleeps (up to 100 ms each), so under
    contention saves wait far longer than the lock is held. A blocking ``flock`` wakes the
    next writer the moment the previous one commits: the same serialisation SQLite imposes
    anyway, without the sleeps. Each use opens its own descriptor, so threads of one
    process queue too. Where ``fcntl`` does not exist, SQLite's busy timeout still applies.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    @contextmanager
    def turn(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        with open(self.path, "a+b") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class Database:
    """An engine plus its session factory; services hold one of these."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        lock = _sqlite_lock_path(self.url)
        self._queue = _WriterQueue(lock) if lock is not None else None
        self._readers = sessionmaker(self.engine, expire_on_commit=False)
        self._writers = sessionmaker(
            self.engine.execution_options(workbench_write=True), expire_on_commit=False
        )

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """A unit of work: committed when the block ends, rolled back on any error.

        Pass ``write=True`` for a session that changes data, so SQLite takes the write
        lock at the start (waiting politely for other writers) instead of mid-way.
        """
        if write and self._queue is not None:
            with self._queue.turn():
                yield from self._unit_of_work(self._writers)
        else:
            yield from self._unit_of_work(self._writers if write else self._readers)

    @staticmethod
    def _unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
