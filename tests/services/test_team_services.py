"""Team, permissions and glossary enforcement, checked in the services."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.model import Role, Status
from workbench.services import Workbench
from workbench.services.base import NotAuthenticated, PermissionDenied
from workbench.services.translation import GlossaryBlocked

DOC = "the-ladder-of-degrees"
GLOSSARY = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note\n"
    "zeir_anpin,en,Zeir Anpin,ZA,,\n"
    "zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,\n"
    "zeir_anpin,es,Zeir Anpin,ZA,,\n"
)


@pytest.fixture
def team(bench: Workbench, project) -> Workbench:  # type: ignore[no-untyped-def]
    (project.glossary / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    bench.create_demo()
    bench.create_account("ada", "admin-secret", Role.ADMIN)
    admin = bench.as_user(bench.authenticate("ada", "admin-secret"))
    admin.create_account("tom", "translate-ru", Role.TRANSLATOR, ["ru"])
    admin.create_account("rita", "review-ru!", Role.REVIEWER, ["ru"])
    return bench


def unit_with(bench: Workbench, text: str):  # type: ignore[no-untyped-def]
    return next(u for u in bench.units(DOC, "ru") if text in u.source.text)


def test_single_user_workspace_needs_no_login(bench: Workbench) -> None:
    assert bench.identity.role == Role.ADMIN
    bench.create_demo()  # allowed without accounts


def test_first_account_must_be_admin(bench: Workbench) -> None:
    with pytest.raises(InputError, match="first account must be an admin"):
        bench.create_account("tom", "translate-ru", Role.TRANSLATOR, ["ru"])


def test_accounts_exist_so_changes_need_a_login(team: Workbench) -> None:
    with pytest.raises(NotAuthenticated):
        team.start_translation(DOC, "es")
    with pytest.raises(PermissionDenied, match="wrong account name or password"):
        team.authenticate("tom", "nope-nope")
    assert team.list_documents()  # reading stays open


def test_translator_cannot_approve_edit_other_languages_or_the_glossary(team: Workbench) -> None:
    tom = team.as_user(team.authenticate("tom", "translate-ru"))
    unit = unit_with(tom, "Question:")
    target = unit.target("ru")
    saved = tom.save_unit(DOC, "ru", unit.key, target.text + " ", expected_revision=target.revision)
    assert saved.revision == target.revision + 1
    with pytest.raises(PermissionDenied, match="reviewer"):
        tom.save_unit(
            DOC,
            "ru",
            unit.key,
            target.text,
            expected_revision=saved.revision,
            status=Status.APPROVED,
        )
    with pytest.raises(PermissionDenied, match="in es"):
        tom.start_translation(DOC, "es")
    with pytest.raises(PermissionDenied, match="admin"):
        tom.import_glossary(GLOSSARY.encode(), "g.csv")
    rows, revisions = tom.glossary_table()
    with pytest.raises(PermissionDenied):
        tom.save_glossary_table(rows, rows, revisions)
    with pytest.raises(PermissionDenied):
        tom.create_account("eve", "password1", Role.ADMIN)


def test_open_glossary_finding_blocks_review_until_fixed_or_accepted(team: Workbench) -> None:
    rita = team.as_user(team.authenticate("rita", "review-ru!"))
    unit = unit_with(rita, "When Zeir Anpin rises")
    target = unit.target("ru")
    wrong = "Когда Зейр Анпин поднимается в ИШСУТ, свет растет."
    saved = rita.save_unit(DOC, "ru", unit.key, wrong, expected_revision=target.revision)
    with pytest.raises(GlossaryBlocked) as caught:
        rita.save_unit(
            DOC, "ru", unit.key, wrong, expected_revision=saved.revision, status=Status.REVIEWED
        )
    [finding] = caught.value.findings
    assert finding.kind == "forbidden_variant" and finding.suggestion == "Зеир Анпин"
    # a reviewer accepts it with a reason: the unit can move on, the reason is exported
    with pytest.raises(InputError, match="reason"):
        rita.accept_finding(DOC, "ru", unit.key, finding, "  ")
    rita.accept_finding(DOC, "ru", unit.key, finding, "quoted from an older edition")
    reviewed = rita.save_unit(
        DOC, "ru", unit.key, wrong, expected_revision=saved.revision, status=Status.REVIEWED
    )
    assert reviewed.status == Status.REVIEWED
    notes = unit_with(rita, "When Zeir Anpin rises").notes
    assert notes and "quoted from an older edition" in notes[0] and "rita" in notes[0]


def test_translator_cannot_accept_findings(team: Workbench) -> None:
    tom = team.as_user(team.authenticate("tom", "translate-ru"))
    unit = unit_with(tom, "When Zeir Anpin rises")
    findings = tom.unit_findings(DOC, "ru", unit.key, text="Зейр Анпин растет.")
    glossary = [f.finding for f in findings if f.finding.check == "forbidden-variant"]
    assert glossary
    with pytest.raises(PermissionDenied):
        tom.accept_finding(DOC, "ru", unit.key, glossary[0], "because")


def test_last_admin_cannot_be_removed(team: Workbench) -> None:
    admin = team.as_user(team.authenticate("ada", "admin-secret"))
    with pytest.raises(InputError, match="active admin"):
        admin.update_account("ada", role=Role.TRANSLATOR)
    admin.update_account("tom", active=False)
    with pytest.raises(PermissionDenied):
        team.authenticate("tom", "translate-ru")


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
    )


def test_cli_enforces_the_same_rules(team: Workbench, db_url: str, project) -> None:  # type: ignore[no-untyped-def]
    base = {"WORKBENCH_DB": db_url, "WORKBENCH_PROJECT": str(project.root)}
    tom = {**base, "WORKBENCH_USER": "tom", "WORKBENCH_PASSWORD": "translate-ru"}
    unit = unit_with(team, "Question:")
    result = cli("edit", DOC, "--lang", "ru", "--key", unit.key, "--status", "approved", env=tom)
    assert result.returncode == 2 and "reviewer" in result.stderr
    result = cli("edit", DOC, "--lang", "ru", "--key", unit.key, "--text", "Вопрос?", env=tom)
    assert result.returncode == 0, result.stderr
    glossary = Path(project.glossary / "glossary.csv")
    result = cli("glossary", "import", str(glossary), env=tom)
    assert result.returncode == 2 and "admin" in result.stderr
    result = cli(
        "users", "add", "eve", "--role", "admin", env={**tom, "WORKBENCH_NEW_PASSWORD": "password1"}
    )
    assert result.returncode == 2 and "admin" in result.stderr
    nobody = cli("edit", DOC, "--lang", "ru", "--key", unit.key, "--text", "x", env=base)
    assert nobody.returncode == 2 and "log in" in nobody.stderr
    wrong = cli("list", env={**base, "WORKBENCH_USER": "tom", "WORKBENCH_PASSWORD": "bad"})
    assert wrong.returncode == 2 and "wrong account name or password" in wrong.stderr


def test_unit_history_and_restore(bench: Workbench) -> None:
    bench.create_demo()
    unit = unit_with(bench, "Question:")
    first = unit.target("ru")
    one = bench.save_unit(DOC, "ru", unit.key, "Первая правка.", expected_revision=first.revision)
    two = bench.save_unit(DOC, "ru", unit.key, "Вторая правка.", expected_revision=one.revision)
    entries = bench.unit_history(DOC, "ru", unit.key)
    assert [e.new for e in entries[:2]] == ["Вторая правка.", "Первая правка."]
    assert entries[1].old == first.text and entries[0].user == "tester"
    restored = bench.restore_unit(
        DOC, "ru", unit.key, entries[1].id, expected_revision=two.revision, before=True
    )
    assert restored.text == first.text
    assert bench.unit_history(DOC, "ru", unit.key)[0].action == "restore"


def test_progress_and_activity(bench: Workbench) -> None:
    bench.create_demo()
    [row] = bench.progress()
    assert (row.document, row.lang) == (DOC, "ru") and row.done == 1.0
    unit = unit_with(bench, "Question:")
    bench.save_unit(
        DOC,
        "ru",
        unit.key,
        "Вопрос?",
        expected_revision=unit.target("ru").revision,
        status=Status.DRAFT,
    )
    [row] = bench.progress()
    assert row.translated == row.total - 1
    assert [(a.user, a.action, a.count) for a in bench.activity()] == [("tester", "edit", 1)]
