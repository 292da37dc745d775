"""Shared fixtures: a throwaway database and project folder for each test that needs one."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from workbench.config import ProjectPaths
from workbench.services import Workbench
from workbench.store import Database

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
# A PostgreSQL URL whose role may create databases (.ci/run starts a server and sets it).
POSTGRES_ADMIN_URL = os.environ.get("WORKBENCH_TEST_POSTGRES")


def require_binary(path: str, package: str) -> None:
    """Skip (locally) or fail (in CI) when a system package a test needs is missing."""
    if shutil.which(path) or Path(path).exists():
        return
    message = f"{path} not found: install Debian's {package} package (.ci/run does)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


SAMPLE_POST = """\
The Ladder Of Degrees

Question: What is the first step toward Lishma?
Answer: Dr. Laitman said that the group comes first. We begin in Lo Lishma and rise step by step.

When Zeir Anpin rises to YESHSUT, the light grows. Malchut receives it only through the screen.
[123456]
From the 2nd part of the Daily Kabbalah Lesson 3/14/19, Writings of Rabash

Related Material:
One Post Title
Another Post Title

Discussion | Share Feedback | Ask a question
"""


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    """A small project folder: one English source post and its Russian translation."""
    root = tmp_path / "project"
    (root / "sources" / "ru").mkdir(parents=True)
    (root / "glossary").mkdir()
    (root / "sources" / "the-ladder-of-degrees.txt").write_text(SAMPLE_POST, encoding="utf-8")
    (root / "sources" / "ru" / "the-ladder-of-degrees.txt").write_text(
        "Лестница ступеней\n\n"
        "Вопрос: Каков первый шаг к «лишма»?\n"
        "Ответ: Группа — прежде всего. Мы начинаем в «ло лишма» и поднимаемся шаг за шагом.\n\n"
        "Когда Зеир Анпин поднимается в ИШСУТ, свет растет. "
        "Малхут получает его только через масах.\n"
        "[123456]\n"
        "Из 2-й части ежедневного урока по каббале 3/14/19, Труды Рабаша\n",
        encoding="utf-8",
    )
    return ProjectPaths(root)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'workbench.db'}"


def require_postgres() -> str:
    """The admin URL of the test PostgreSQL server; skip (locally) or fail (CI) without."""
    if POSTGRES_ADMIN_URL:
        return POSTGRES_ADMIN_URL
    message = (
        "no PostgreSQL server: set WORKBENCH_TEST_POSTGRES to a URL whose role may create "
        "databases (.ci/run installs Debian's postgresql and sets it)"
    )
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin_url = require_postgres()
    name = f"wbtest_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on the embedded SQLite default and on a real PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workbench.db'}"
        return
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def bench(db_url: str, project: ProjectPaths) -> Iterator[Workbench]:
    database = Database(db_url)
    yield Workbench(database, project=project, user="tester")
    database.dispose()
