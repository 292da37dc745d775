"""Links remember their first source sentence, so a save finds its link by index.

Existing links are backfilled from their JSON list of source positions.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("links") as batch:
        batch.add_column(sa.Column("src_start", sa.Integer(), nullable=True))
        batch.create_index("ix_links_alignment_src_start", ["alignment_id", "src_start"])
    links = sa.table(
        "links",
        sa.column("id", sa.Integer),
        sa.column("src", sa.Text),
        sa.column("src_start", sa.Integer),
    )
    connection = op.get_bind()
    updates = [
        {"link_id": row.id, "start": (json.loads(row.src) or [None])[0]}
        for row in connection.execute(sa.select(links.c.id, links.c.src))
    ]
    if updates:
        connection.execute(
            links.update()
            .where(links.c.id == sa.bindparam("link_id"))
            .values(src_start=sa.bindparam("start")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("links") as batch:
        batch.drop_index("ix_links_alignment_src_start")
        batch.drop_column("src_start")
