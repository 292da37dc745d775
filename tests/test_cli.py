"""The command line: the same use cases as the UI, with exit codes scripts can rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import EXIT_BAD_INPUT, EXIT_OK, build_parser, main


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch, db_url: str, project) -> str:
    monkeypatch.setenv("WORKBENCH_DB", db_url)
    monkeypatch.setenv("WORKBENCH_PROJECT", str(project.root))
    monkeypatch.setenv("WORKBENCH_USER", "cli-tester")
    return db_url


def test_help_explains_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("serve", "demo", "import", "list", "show", "segment"):
        assert command in out
    assert "WORKBENCH_DB" in out
    parser = build_parser()
    subcommands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in subcommands.items():
        text = sub.format_help()
        assert sub.description, f"{name} has no description"
        assert "WORKBENCH_DB" in text


def test_demo_list_show(env: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == EXIT_OK
    capsys.readouterr()
    assert main(["list"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "the-ladder-of-degrees" in out
    assert "en* (" in out and "ru (" in out

    assert main(["list", "--format", "json"]) == EXIT_OK
    [entry] = json.loads(capsys.readouterr().out)
    assert entry["post_id"] == "123456"
    assert {v["lang"] for v in entry["versions"]} == {"en", "ru"}

    assert main(["show", "123456", "--lang", "ru"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Зеир Анпин" in out
    assert main(["show", "the-ladder-of-degrees", "--stripped"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Share Feedback" in out  # shown as stripped, with its rule
    assert "post id: 123456" in out


def test_import_reports_each_bad_file_and_imports_nothing(
    env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A fine title\n\nA sentence. Another sentence.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff\xfe garbage \x00" * 40)
    assert main(["import", str(good), str(bad)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "bad.txt" in err
    assert "nothing was imported" in err
    assert main(["list", "--format", "json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == []


def test_import_then_show(env: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    post = tmp_path / "on-the-screen.md"
    post.write_text(
        "# On The Screen\n\nThe Masach (screen) stands before the light. It returns it.\n\n"
        "- First item of a list.\n- Second item.\n",
        encoding="utf-8",
    )
    assert main(["import", str(post), "--lang", "en"]) == EXIT_OK
    assert "on-the-screen [en, source]" in capsys.readouterr().out
    assert main(["show", "on-the-screen", "--format", "json"]) == EXIT_OK
    shown = json.loads(capsys.readouterr().out)
    assert shown["title"] == "On The Screen"
    assert ["The Masach (screen) stands before the light.", "It returns it."] in shown["paragraphs"]


def test_show_unknown_document_is_a_clear_error(
    env: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "nope"]) == EXIT_BAD_INPUT
    assert "no document 'nope'" in capsys.readouterr().err


def test_segment_reads_stdin_and_prints_paragraphs() -> None:
    text = (
        "Question: What is Rav Ashlag saying? Answer: Read it, e.g. slowly.\n"
        "Second paragraph. Two.\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "workbench.cli", "segment", "--lang", "en"],
        input=text.encode(),
        capture_output=True,
        check=True,
    )
    lines = result.stdout.decode().split("\n")
    assert lines == [
        "Question: What is Rav Ashlag saying?",
        "Answer: Read it, e.g. slowly.",
        "",
        "Second paragraph.",
        "Two.",
        "",
    ]


def test_segment_file_with_project_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "segmentation.toml"
    rules.write_text('[all]\nnever_split_after = ["Sect."]\n', encoding="utf-8")
    source = tmp_path / "text.txt"
    source.write_text("See Sect. Four of the book. Then rest.\n", encoding="utf-8")
    assert main(["segment", "--lang", "en", "--rules", str(rules), str(source)]) == EXIT_OK
    assert capsys.readouterr().out.splitlines() == ["See Sect. Four of the book.", "Then rest."]


def test_segment_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["segment", "--lang", "en", str(tmp_path / "nope.txt")]) == EXIT_BAD_INPUT
    assert "nope.txt" in capsys.readouterr().err


def test_bad_database_url_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKBENCH_DB", "notadialect://x")
    assert main(["list"]) == EXIT_BAD_INPUT
    assert "WORKBENCH_DB" in capsys.readouterr().err


def test_backup_then_restore_into_a_new_database(
    env: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == EXIT_OK
    assert main(["list", "--format", "json"]) == EXIT_OK
    capsys.readouterr()
    assert main(["list", "--format", "json"]) == EXIT_OK
    listed = capsys.readouterr().out
    backup = tmp_path / "snapshot.jsonl.gz"
    assert main(["backup", str(backup)]) == EXIT_OK
    assert "Backup written" in capsys.readouterr().out

    # restoring over the same, non-empty database is refused and changes nothing
    assert main(["restore", str(backup)]) == EXIT_BAD_INPUT
    assert "not empty" in capsys.readouterr().err

    monkeypatch.setenv("WORKBENCH_DB", f"sqlite:///{tmp_path / 'restored.db'}")
    assert main(["restore", str(tmp_path / "missing.jsonl")]) == EXIT_BAD_INPUT
    assert "missing.jsonl" in capsys.readouterr().err
    assert main(["restore", str(backup)]) == EXIT_OK
    assert "Restored" in capsys.readouterr().out
    assert main(["list", "--format", "json"]) == EXIT_OK
    assert capsys.readouterr().out == listed
