"""Shared fixtures: a throwaway database and project folder for each test that needs one."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.config import ProjectPaths
from workbench.services import Workbench
from workbench.store import Database

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


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


@pytest.fixture
def bench(db_url: str, project: ProjectPaths) -> Iterator[Workbench]:
    database = Database(db_url)
    yield Workbench(database, project=project, user="tester")
    database.dispose()
