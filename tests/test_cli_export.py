"""The exchange commands end to end, on the shipped demo: the issue's acceptance path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from workbench.formats.po import read_po
from workbench.formats.tmx import iter_tmx

REPO = Path(__file__).resolve().parent.parent


def workbench(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBENCH_DB": db, "WORKBENCH_PROJECT": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True, env=env
    )


def test_demo_then_export_po_and_tmx(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'new.db'}"
    assert workbench("demo", db=db).returncode == 0
    out = tmp_path / "out"
    result = workbench("export", "--format", "po", "--lang", "ru", "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    po_files = sorted((out / "ru").glob("*.po"))
    assert {p.stem for p in po_files} >= {
        "how-a-request-rises-from-malchut-to-yeshsut",
        "three-signs-that-the-ten-is-alive",
    }
    translated = {}
    for path in po_files:
        for entry in read_po(path.read_bytes(), path.name).entries:
            if entry.target:
                translated[entry.key] = (entry.source, entry.target)
    demo_ru = (REPO / "sources" / "ru" / "three-signs-that-the-ten-is-alive.md").read_text(
        encoding="utf-8"
    )
    assert any(target in demo_ru for _, target in translated.values())
    assert len(translated) >= 50

    result = workbench("export", "--format", "tmx", "--lang", "ru", "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    tmx = out / "corpus.en-ru.tmx"
    in_tmx = {
        unit.key: (unit.variant("en").text, unit.variant("ru").text)
        for unit in iter_tmx(tmx.read_bytes(), tmx.name)
    }
    assert in_tmx == translated


def test_import_translation_reports_conflicts_with_exit_code(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    workbench("demo", db=db)
    out = tmp_path / "out"
    workbench(
        "export",
        "--format",
        "po",
        "--lang",
        "ru",
        "--out",
        str(out),
        "--doc",
        "three-signs-that-the-ten-is-alive",
        db=db,
    )
    path = out / "ru" / "three-signs-that-the-ten-is-alive.po"
    result = workbench("import-translation", str(path), db=db)
    assert result.returncode == 0 and "unchanged" in result.stdout
    result = workbench("import-translation", str(tmp_path / "missing.po"), db=db)
    assert result.returncode == 2 and "missing.po" in result.stderr
    result = workbench("conflicts", db=db)
    assert result.returncode == 0 and "0 open conflicts" in result.stderr
