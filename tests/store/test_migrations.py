"""Schema migrations: the models and the migrations agree, and an upgrade keeps every row."""

from __future__ import annotations

import json

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from workbench.store.migrations import current_revision, migrate
from workbench.store.schema import Base


def test_migrations_build_exactly_the_models_schema(db_url: str) -> None:
    engine = create_engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == [], "a model changed without a migration"


def test_upgrade_from_the_previous_release_keeps_every_row(db_url: str) -> None:
    engine = create_engine(db_url)
    migrate(engine, "0001")
    assert current_revision(engine) == "0001"
    rows = {
        "documents": "INSERT INTO documents (id, name, title, post_id, source_line, date, "
        "source_lang, created_at, revision) VALUES (1, 'post', 'Title', '123456', NULL, NULL, "
        "'en', '2025-01-02 03:04:05+00:00', 3)",
        "versions": "INSERT INTO versions (id, document_id, lang, is_source, source_file, "
        "encoding, detected_lang, lang_probability, segmenter, created_at, revision) VALUES "
        "(1, 1, 'en', TRUE, 'post.txt', 'utf-8', 'en', 0.99, 'segment:1', "
        "'2025-01-02 03:04:05+00:00', 1), (2, 1, 'ru', FALSE, NULL, NULL, NULL, NULL, NULL, "
        "'2025-01-02 03:04:05+00:00', 1)",
        "segments": "INSERT INTO segments (id, version_id, position, paragraph, kind, text, "
        "status, revision, updated_at, updated_by) VALUES "
        "(1, 1, 0, 0, 'body', 'One.', 'approved', 1, '2025-01-02 03:04:05+00:00', 'a'), "
        "(2, 1, 1, 0, 'body', 'Two.', 'approved', 1, '2025-01-02 03:04:05+00:00', 'a'), "
        "(3, 2, 0, 0, 'body', 'Один. Два.', 'translated', 4, '2025-01-02 03:04:05+00:00', 'b')",
        "alignments": "INSERT INTO alignments (id, document_id, version_id, revision, signature, "
        "mean_confidence, warnings, updated_at, updated_by) VALUES (1, 1, 2, 7, 'align:1', 0.9, "
        "'[]', '2025-01-02 03:04:05+00:00', 'b')",
        "links": "INSERT INTO links (id, alignment_id, position, src, tgt, score, confirmed) "
        "VALUES (1, 1, 0, '[0, 1]', '[0]', 0.8, TRUE), (2, 1, 1, '[]', '[]', 0.1, FALSE)",
    }
    with engine.begin() as connection:
        for statement in rows.values():
            connection.execute(text(statement))
        before = {
            table: connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            for table in rows
        }
    migrate(engine)
    assert current_revision(engine) == "0002"
    with engine.connect() as connection:
        for table, old in before.items():
            new = connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings().all()
            assert [tuple(r[k] for k in old[0]._fields) for r in new] == [tuple(r) for r in old]
        starts = connection.execute(text("SELECT src, src_start FROM links ORDER BY id")).all()
    assert [(json.loads(src)[:1] or [None])[0] for src, _ in starts] == [s for _, s in starts]
    assert [s for _, s in starts] == [0, None]
    engine.dispose()


def test_a_database_from_before_migrations_is_stamped_not_recreated(db_url: str) -> None:
    engine = create_engine(db_url)
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO settings (key, value) VALUES ('content_version', '41')")
        )
    migrate(engine)
    assert current_revision(engine) == "0002"
    with engine.connect() as connection:
        assert connection.execute(text("SELECT value FROM settings")).scalar() == "41"
    engine.dispose()
