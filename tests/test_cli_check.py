"""`workbench check`: the contract other tools call, exactly as documented."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, main

GLOSSARY = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,indeclinable\n"
    "zeir_anpin,en,Zeir Anpin,ZA,,,\n"
    "zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,,\n"
    "malchut,en,Malchut,,Malkhut,,\n"
    "malchut,ru,Малхут,,Малкут,,true\n"
    "lishma,en,Lishma,,Lishmah,,\n"
    "lishma,ru,лишма,,лишмах,,true\n"
    "lo_lishma,en,Lo Lishma,,,,\n"
    "lo_lishma,ru,ло лишма,,,,true\n"
)
KEYS = ["check", "concept_id", "kind", "tgt_lines", "src_lines", "found", "span", "suggestion"]


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "glossary": tmp_path / "glossary.csv",
        "src": tmp_path / "src.txt",
        "tgt": tmp_path / "tgt.txt",
    }
    paths["glossary"].write_text(GLOSSARY, encoding="utf-8")
    paths["src"].write_text(
        "Light passes from Zeir Anpin to Malchut.\n"
        "We go from Lo Lishma to Lishma.\n"
        "Malchut receives.\n",
        encoding="utf-8",
    )
    paths["tgt"].write_text(
        "Свет переходит из Зейр Анпина в Малхуты.\n"
        "Мы идём от «ло лишма» к «лишма».\n"
        "Она получает.\n",
        encoding="utf-8",
    )
    return paths


def run(files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "workbench.cli",
            "check",
            "--glossary",
            str(files["glossary"]),
            "--src-lang",
            "en",
            "--tgt-lang",
            "ru",
            str(files["src"]),
            str(files["tgt"]),
            *extra,
        ],
        capture_output=True,
        text=True,
    )


def test_jsonl_contract(files: dict[str, Path]) -> None:
    result = run(files, "--format", "jsonl")
    assert result.returncode == EXIT_FINDINGS
    records = [json.loads(line) for line in result.stdout.splitlines()]
    for record in records:
        assert list(record)[: len(KEYS)] == KEYS
    by_kind = {(r["kind"], r["concept_id"]): r for r in records}
    zeir = by_kind[("forbidden_variant", "zeir_anpin")]
    assert zeir["found"] == "Зейр Анпина"
    assert zeir["suggestion"] == "Зеир Анпина"
    assert zeir["tgt_lines"] == [0] and zeir["src_lines"] == [0]
    line = files["tgt"].read_text(encoding="utf-8").splitlines()[0]
    assert line[zeir["span"][0] : zeir["span"][1]] == "Зейр Анпина"
    malchut = [r for r in records if r["concept_id"] == "malchut" and r["tgt_lines"] == [0]]
    assert malchut and malchut[0]["suggestion"] == "Малхут"
    missing = by_kind[("missing_term", "malchut")]
    assert missing["tgt_lines"] == [2] and missing["span"] is None and missing["found"] is None
    # "Lo Lishma" is rendered, and it does not also demand a second "лишма"
    assert not [r for r in records if r["tgt_lines"] == [1]]


def test_alignment_file_links_lines(files: dict[str, Path], tmp_path: Path) -> None:
    files["tgt"].write_text(
        "Свет переходит из Зейр Анпина в Малхуты.\n"
        "Мы идём от «ло лишма» к «лишма», и Малхут получает.\n"
        "Конец.\n",
        encoding="utf-8",
    )
    line_by_line = [json.loads(x) for x in run(files, "--format", "jsonl").stdout.splitlines()]
    assert [r["src_lines"] for r in line_by_line if r["kind"] == "missing_term"] == [[2]]
    alignment = tmp_path / "links.txt"
    alignment.write_text("[0]:[0]\n[1, 2]:[1]\n[]:[2]\n", encoding="utf-8")
    result = run(files, "--alignment", str(alignment), "--format", "jsonl")
    assert result.returncode == EXIT_FINDINGS
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # Source lines 1 and 2 are judged together against target line 1, which has Малхут:
    assert not [r for r in records if r["kind"] == "missing_term"]
    assert {r["concept_id"] for r in records} == {"zeir_anpin", "malchut"}


def test_clean_text_exits_zero(files: dict[str, Path]) -> None:
    files["tgt"].write_text(
        "Свет переходит из Зеир Анпина в Малхут.\n"
        "Мы идём от «ло лишма» к «лишма».\n"
        "Малхут получает.\n",
        encoding="utf-8",
    )
    result = run(files)
    assert result.returncode == EXIT_OK, result.stdout
    assert result.stdout == ""


def test_text_format_is_readable(files: dict[str, Path]) -> None:
    result = run(files)
    assert result.returncode == EXIT_FINDINGS
    assert "Зейр Анпина" in result.stdout and "->  Зеир Анпина" in result.stdout


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (
            lambda f, t: f["glossary"].write_text(GLOSSARY + "bad,ru,,,,\n", encoding="utf-8"),
            "glossary.csv:10",
        ),
        (lambda f, t: f["tgt"].write_text("одна строка\n", encoding="utf-8"), "3 lines"),
        (lambda f, t: f["glossary"].unlink(), "glossary.csv"),
        (lambda f, t: f["src"].write_bytes(b"\x00\xff\xfe\x00" * 30), "src.txt"),
    ],
)
def test_bad_input_exits_two_with_file_and_problem(
    files: dict[str, Path],
    tmp_path: Path,
    setup,
    expected: str,  # type: ignore[no-untyped-def]
) -> None:
    setup(files, tmp_path)
    result = run(files)
    assert result.returncode == EXIT_BAD_INPUT
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_alignment_names_the_line(files: dict[str, Path], tmp_path: Path) -> None:
    alignment = tmp_path / "links.txt"
    alignment.write_text("[0]:[0]\n[1]-[1]\n", encoding="utf-8")
    result = run(files, "--alignment", str(alignment))
    assert result.returncode == EXIT_BAD_INPUT
    assert "links.txt:2" in result.stderr
    alignment.write_text("[0]:[9]\n", encoding="utf-8")
    result = run(files, "--alignment", str(alignment))
    assert result.returncode == EXIT_BAD_INPUT
    assert "links.txt:1" in result.stderr and "target line 9" in result.stderr


def test_store_mode_checks_the_corpus(
    monkeypatch: pytest.MonkeyPatch, db_url: str, project, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    (project.glossary / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    assert main(["demo"]) == EXIT_OK
    capsys.readouterr()
    # the fixture's Russian text is clean for this glossary
    assert main(["check", "--lang", "ru"]) == EXIT_OK
    out = capsys.readouterr()
    assert "0 findings in 1 document(s)" in out.err
    assert main(["check"]) == EXIT_BAD_INPUT
