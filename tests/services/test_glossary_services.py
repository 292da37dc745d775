"""Glossary in the store: lossless round trips, revision-checked edits, history and undo."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.glossary.test_glossary_properties import rows as csv_rows
from tests.glossary.test_glossary_properties import to_csv
from workbench.errors import InputError
from workbench.formats.glossary_csv import read_glossary_csv, write_glossary_csv
from workbench.services import GlossaryConflict, Workbench
from workbench.store import Database

REPO_GLOSSARY = Path(__file__).resolve().parents[2] / "glossary" / "glossary.csv"

SMALL = (
    "concept_id,lang,preferred,allowed_variants,forbidden_variants,note,indeclinable\n"
    "zeir_anpin,en,Zeir Anpin,ZA,Zeir-Anpin,,\n"
    "zeir_anpin,ru,Зеир Анпин,ЗА,Зейр Анпин,,\n"
    "malchut,en,Malchut,,Malkhut,,\n"
    "malchut,ru,Малхут,,Малкут,feminine,true\n"
)


@pytest.fixture
def small(bench: Workbench) -> Workbench:
    bench.import_glossary(SMALL.encode(), "small.csv")
    return bench


def test_csv_store_tbx_store_csv_is_lossless_for_the_project_glossary(tmp_path: Path) -> None:
    data = REPO_GLOSSARY.read_bytes()
    first = Workbench(Database(f"sqlite:///{tmp_path / 'a.db'}"), user="t")
    first.import_glossary(data, "glossary.csv")
    tbx, _ = first.export_glossary("tbx")
    second = Workbench(Database(f"sqlite:///{tmp_path / 'b.db'}"), user="t")
    second.import_glossary(tbx, "glossary.tbx")
    csv_back, _ = second.export_glossary("csv")
    assert csv_back == write_glossary_csv(read_glossary_csv(data, "glossary.csv"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table=csv_rows(), quoting=st.sampled_from([0, 1]))
def test_csv_store_tbx_store_csv_round_trip(tmp_path_factory, table, quoting) -> None:  # type: ignore[no-untyped-def]
    """Any glossary the CSV reader accepts survives CSV -> store -> TBX -> store -> CSV."""
    folder = tmp_path_factory.mktemp("roundtrip")
    data = to_csv(table, quoting)
    original = write_glossary_csv(read_glossary_csv(data, "in.csv"))
    first = Workbench(Database(f"sqlite:///{folder / 'a.db'}"), user="t")
    first.import_glossary(data, "in.csv")
    tbx, _ = first.export_glossary("tbx")
    second = Workbench(Database(f"sqlite:///{folder / 'b.db'}"), user="t")
    second.import_glossary(tbx, "in.tbx")
    csv_back, _ = second.export_glossary("csv")
    assert csv_back == original
    first.db.dispose()
    second.db.dispose()


def test_malformed_glossary_is_rejected_whole(small: Workbench) -> None:
    before = small.export_glossary("csv")
    bad = SMALL + "bina,en,Bina,,Binah,,maybe\nkli,en,,,,,\n"
    with pytest.raises(InputError) as caught:
        small.import_glossary(bad.encode(), "broken.csv")
    assert caught.value.file == "broken.csv"
    assert caught.value.line == 6
    assert small.export_glossary("csv") == before
    assert small.termbase().get("bina") is None


def test_edit_saves_only_what_changed_with_history_and_undo(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    edited = copy.deepcopy(rows)
    ru = next(r for r in edited if (r["concept_id"], r["lang"]) == ("zeir_anpin", "ru"))
    ru["forbidden_variants"] = "Зейр Анпин|Зэир Анпин"
    change = small.save_glossary_table(edited, rows, revisions)
    assert change.changed == [("zeir_anpin", "ru")]
    forbidden = [
        t.text
        for t in small.termbase().concept("zeir_anpin").terms_for("ru")
        if t.status == "forbidden"
    ]
    assert forbidden == ["Зейр Анпин", "Зэир Анпин"]
    [edit] = small.glossary_history(limit=1)
    assert edit.batch == change.batch and edit.entries == [("zeir_anpin", "ru")]
    small.undo_glossary_change(change.batch)
    forbidden = [
        t.text
        for t in small.termbase().concept("zeir_anpin").terms_for("ru")
        if t.status == "forbidden"
    ]
    assert forbidden == ["Зейр Анпин"]


def test_stale_save_is_a_conflict_with_both_versions(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    theirs = copy.deepcopy(rows)
    theirs[0]["note"] = "their note"
    small.save_glossary_table(theirs, rows, revisions)
    mine = copy.deepcopy(rows)
    mine[0]["note"] = "my note"
    with pytest.raises(GlossaryConflict) as caught:
        small.save_glossary_table(mine, rows, revisions)
    [conflict] = caught.value.conflicts
    assert conflict.theirs and conflict.theirs["note"] == "their note"
    assert conflict.yours and conflict.yours["note"] == "my note"
    assert small.termbase().concept(rows[0]["concept_id"]).note_for(rows[0]["lang"]) == "their note"


def test_edits_to_different_entries_do_not_conflict(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    first = copy.deepcopy(rows)
    first[0]["note"] = "first"
    small.save_glossary_table(first, rows, revisions)
    second = copy.deepcopy(rows)
    second[3]["note"] = "second"
    change = small.save_glossary_table(second, rows, revisions)
    assert change.changed == [(rows[3]["concept_id"], rows[3]["lang"])]
    termbase = small.termbase()
    assert termbase.concept(rows[0]["concept_id"]).note_for(rows[0]["lang"]) == "first"
    assert termbase.concept(rows[3]["concept_id"]).note_for(rows[3]["lang"]) == "second"


def test_bad_edit_names_the_row_and_saves_nothing(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    edited = copy.deepcopy(rows)
    edited[2]["preferred"] = ""
    before = small.export_glossary("csv")
    with pytest.raises(InputError) as caught:
        small.save_glossary_table(edited, rows, revisions)
    assert caught.value.line == 3
    assert "preferred" in caught.value.problem
    assert small.export_glossary("csv") == before


def test_deleting_a_row_removes_the_entry_and_undo_brings_it_back(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    edited = [r for r in rows if (r["concept_id"], r["lang"]) != ("malchut", "ru")]
    change = small.save_glossary_table(edited, rows, revisions)
    assert change.removed == [("malchut", "ru")]
    assert small.termbase().concept("malchut").preferred("ru") is None
    small.undo_glossary_change(change.batch)
    assert small.termbase().concept("malchut").preferred("ru").text == "Малхут"


def test_undo_refuses_when_the_entry_changed_since(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    edited = copy.deepcopy(rows)
    edited[0]["note"] = "one"
    change = small.save_glossary_table(edited, rows, revisions)
    rows2, revisions2 = small.glossary_table()
    edited2 = copy.deepcopy(rows2)
    edited2[0]["note"] = "two"
    small.save_glossary_table(edited2, rows2, revisions2)
    with pytest.raises(GlossaryConflict):
        small.undo_glossary_change(change.batch)
    assert small.termbase().concept(rows[0]["concept_id"]).note_for(rows[0]["lang"]) == "two"


def test_write_glossary_file_is_atomic_and_round_trips(small: Workbench, tmp_path: Path) -> None:
    target = tmp_path / "out" / "glossary.csv"
    small.write_glossary_file("csv", target)
    assert read_glossary_csv(target.read_bytes(), str(target)) == small.termbase()
    assert [p.name for p in target.parent.iterdir()] == ["glossary.csv"]


def test_omegat_export_needs_both_languages(small: Workbench) -> None:
    with pytest.raises(InputError):
        small.export_glossary("omegat")
    data, name = small.export_glossary("omegat", src_lang="en", tgt_lang="ru")
    assert name == "glossary-en-ru.utf8"
    assert "Zeir Anpin\tЗеир Анпин" in data.decode("utf-8")


def test_demo_loads_the_project_glossary(db_url: str) -> None:
    from workbench.config import project_paths

    repo = Path(__file__).resolve().parents[2]
    bench = Workbench(Database(db_url), project=project_paths(repo), user="t")
    bench.create_demo()
    assert len(bench.termbase()) >= 25
    assert bench.termbase().concept("zeir_anpin").preferred("ru").text == "Зеир Анпин"


def test_data_version_moves_with_glossary_and_segment_changes(small: Workbench) -> None:
    from workbench.services import ImportItem

    first = small.data_version()
    small.import_items([ImportItem("Один. Два.".encode(), "x.txt", lang="ru")])
    second = small.data_version()
    assert second[0] == first[0] and second[1] > first[1]
    rows, revisions = small.glossary_table()
    edited = copy.deepcopy(rows)
    edited[0]["note"] = "changed"
    small.save_glossary_table(edited, rows, revisions)
    third = small.data_version()
    assert third[0] > second[0] and third[1] == second[1]


def test_duplicate_row_error_counts_table_rows(small: Workbench) -> None:
    rows, revisions = small.glossary_table()
    edited = [*copy.deepcopy(rows), dict(rows[0])]
    with pytest.raises(InputError) as caught:
        small.save_glossary_table(edited, rows, revisions)
    assert caught.value.line == len(rows) + 1
    assert "in row 1" in caught.value.problem
