"""`workbench align` and pairing imports by post id from the command line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import EXIT_BAD_INPUT, EXIT_OK, main

SRC = [
    "Question: What is the screen?",
    "Answer: The Masach stands before the light and returns it.",
    "It is built in the group, among the friends.",
    "Baal HaSulam writes about it in 1933.",
    "[248613]",
]
TGT = [
    "Вопрос: Что такое экран?",
    "Ответ: Масах стоит перед светом и отражает его.",
    "Он строится в группе, среди товарищей.",
    "Бааль Сулам пишет об этом в 1933 году.",
    "[248613]",
]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", "align", *args], capture_output=True, text=True
    )


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("\n".join(SRC) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(TGT) + "\n", encoding="utf-8")
    return src, tgt


def test_vecalign_output_one_link_per_line(texts: tuple[Path, Path]) -> None:
    result = run("--src-lang", "en", "--tgt-lang", "ru", "--presegmented", *map(str, texts))
    assert result.returncode == EXIT_OK, result.stderr
    assert result.stdout.splitlines() == [f"[{i}]:[{i}]" for i in range(5)]
    assert "signature: align:" in result.stderr


def test_merged_sentence_gives_a_two_to_one_link(tmp_path: Path, texts: tuple[Path, Path]) -> None:
    src, _ = texts
    tgt = tmp_path / "merged.txt"
    merged = [TGT[0], f"{TGT[1]} {TGT[2]}", TGT[3], TGT[4]]
    tgt.write_text("\n".join(merged) + "\n", encoding="utf-8")
    result = run("--src-lang", "en", "--tgt-lang", "ru", "--presegmented", str(src), str(tgt))
    assert result.stdout.splitlines() == ["[0]:[0]", "[1, 2]:[1]", "[3]:[2]", "[4]:[3]"]
    for line in result.stdout.splitlines():
        assert re.fullmatch(r"\[(\d+(, \d+)*)?\]:\[(\d+(, \d+)*)?\]", line)


def test_tsv_and_segmentation(tmp_path: Path) -> None:
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(" ".join(SRC[:3]) + "\n", encoding="utf-8")
    tgt.write_text(" ".join(TGT[:3]) + "\n", encoding="utf-8")
    result = run("--src-lang", "en", "--tgt-lang", "ru", "--format", "tsv", str(src), str(tgt))
    assert result.returncode == EXIT_OK
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert [(r[0], r[1]) for r in rows] == list(zip(SRC[:3], TGT[:3], strict=True))
    assert all(0.0 <= float(r[2]) <= 1.0 for r in rows)


def test_missing_arguments_and_files_are_clear_errors(texts: tuple[Path, Path]) -> None:
    result = run("--src-lang", "en", str(texts[0]), str(texts[1]))
    assert result.returncode == EXIT_BAD_INPUT and "--tgt-lang" in result.stderr
    result = run("--src-lang", "en", "--tgt-lang", "ru", str(texts[0]), "nope.txt")
    assert result.returncode == EXIT_BAD_INPUT and "nope.txt" in result.stderr


def test_import_pairs_translations_by_post_id_and_aligns(
    monkeypatch: pytest.MonkeyPatch,
    db_url: str,
    project,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    assert main(["import", str(project.sources / "the-ladder-of-degrees.txt")]) == EXIT_OK
    folder = tmp_path / "ru"
    folder.mkdir()
    (folder / "lestnica.txt").write_text(
        (project.sources / "ru" / "the-ladder-of-degrees.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    capsys.readouterr()
    assert main(["import", str(folder), "--lang", "ru", "--pair-by-post-id"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "the-ladder-of-degrees [ru, translation]" in out
    assert "aligned the-ladder-of-degrees [ru]" in out
    assert main(["align", "--doc", "123456", "--lang", "ru"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[0] == "[0]:[0]"
