"""Tables. Every row a person can edit carries a ``revision`` that each save checks.

The schema is deliberately plain (integers, text, timestamps) so that SQLite and
PostgreSQL behave the same and a backup is a readable dump.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    """A document: one text and all its language versions."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    post_id: Mapped[str | None] = mapped_column(String(40), index=True)
    source_line: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(40))
    source_lang: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)

    versions: Mapped[list[VersionRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="VersionRow.id"
    )


class VersionRow(Base):
    """One language version of a document (the source or a translation)."""

    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("document_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(16))
    is_source: Mapped[bool] = mapped_column(Boolean, default=False)
    source_file: Mapped[str | None] = mapped_column(Text)
    encoding: Mapped[str | None] = mapped_column(String(40))
    detected_lang: Mapped[str | None] = mapped_column(String(16))
    lang_probability: Mapped[float | None] = mapped_column(Float)
    segmenter: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)

    document: Mapped[DocumentRow] = relationship(back_populates="versions")
    segments: Mapped[list[SegmentRow]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="SegmentRow.position"
    )
    stripped: Mapped[list[StrippedRow]] = relationship(
        cascade="all, delete-orphan", order_by="StrippedRow.id"
    )


class SegmentRow(Base):
    """A sentence of one language version, in document order."""

    __tablename__ = "segments"
    __table_args__ = (Index("ix_segments_version_position", "version_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20), default="body")
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="new")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))

    version: Mapped[VersionRow] = relationship(back_populates="segments")


class StrippedRow(Base):
    """Boilerplate removed at import, kept so the user can see (and question) it."""

    __tablename__ = "stripped_blocks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("versions.id", ondelete="CASCADE"))
    rule: Mapped[str] = mapped_column(String(100))
    line: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class HistoryRow(Base):
    """Who changed what, when, from what to what. Written in the same transaction."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(100))
    document_id: Mapped[int | None] = mapped_column(Integer, index=True)
    lang: Mapped[str | None] = mapped_column(String(16))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    batch: Mapped[str | None] = mapped_column(String(40), index=True)
    note: Mapped[str | None] = mapped_column(Text)


class SettingRow(Base):
    """Small named values: the glossary version counter (bumped on every glossary change,
    so caches of matchers know when to rebuild) and similar."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ConceptRow(Base):
    """A glossary concept: what the terms of every language name."""

    __tablename__ = "glossary_concepts"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    definition: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)


class GlossaryEntryRow(Base):
    """The terms of one concept in one language: the unit a glossary editor changes.

    Its revision is what a save checks, so two reviewers editing different concepts never
    conflict, and two editing the same concept and language always do.
    """

    __tablename__ = "glossary_entries"
    __table_args__ = (UniqueConstraint("concept_id", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concept_id: Mapped[str] = mapped_column(
        ForeignKey("glossary_concepts.id", ondelete="CASCADE"), index=True
    )
    lang: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))

    terms: Mapped[list[TermRow]] = relationship(
        cascade="all, delete-orphan", order_by="TermRow.position"
    )


class TermRow(Base):
    """One term of an entry, with its status and morphology flags."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("glossary_entries.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    part_of_speech: Mapped[str] = mapped_column(String(100), default="")
    indeclinable: Mapped[bool] = mapped_column(Boolean, default=False)
    case_sensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    accent_insensitive: Mapped[bool] = mapped_column(Boolean, default=False)
    forms: Mapped[str] = mapped_column(Text, default="[]")
    fixed_words: Mapped[str] = mapped_column(Text, default="[]")
    note: Mapped[str] = mapped_column(Text, default="")


class AlignmentRow(Base):
    """The sentence alignment of one translation with its document's source.

    One row per target version; its revision protects hand corrections: an edit states the
    revision it started from, and a stale edit is a conflict, never an overwrite.
    """

    __tablename__ = "alignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    version_id: Mapped[int] = mapped_column(
        ForeignKey("versions.id", ondelete="CASCADE"), unique=True
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    signature: Mapped[str] = mapped_column(Text, default="")
    mean_confidence: Mapped[float] = mapped_column(Float, default=0.0)
    warnings: Mapped[str] = mapped_column(Text, default="[]")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_by: Mapped[str | None] = mapped_column(String(100))

    links: Mapped[list[LinkRow]] = relationship(
        cascade="all, delete-orphan", order_by="LinkRow.position"
    )


class LinkRow(Base):
    """One link: source sentence positions, target sentence positions, confidence."""

    __tablename__ = "links"
    __table_args__ = (
        Index("ix_links_alignment_position", "alignment_id", "position"),
        Index("ix_links_alignment_src_start", "alignment_id", "src_start"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alignment_id: Mapped[int] = mapped_column(ForeignKey("alignments.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    # The first source sentence, so a save finds its unit's link without reading them all.
    src_start: Mapped[int | None] = mapped_column(Integer)
    src: Mapped[str] = mapped_column(Text)
    tgt: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float, default=0.0)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)


class ConflictRow(Base):
    """A translation brought back from outside that disagrees with a change made here since
    it was exported: kept, with both texts, until a person chooses."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(String(200), index=True)
    lang: Mapped[str] = mapped_column(String(16))
    unit_key: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text)
    current: Mapped[str] = mapped_column(Text)
    current_revision: Mapped[int] = mapped_column(Integer)
    incoming: Mapped[str] = mapped_column(Text)
    incoming_status: Mapped[str] = mapped_column(String(20))
    origin: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(String(100))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_by: Mapped[str | None] = mapped_column(String(100))
    resolution: Mapped[str | None] = mapped_column(String(20))


class MemoryRow(Base):
    """A translation memory entry imported from outside (TMX); the corpus's own approved
    and translated units are memory too, read from the segments."""

    __tablename__ = "memory"
    __table_args__ = (Index("ix_memory_langs", "source_lang", "target_lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="translated")
    key: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UserRow(Base):
    """A person who works in the workspace: a role and the languages they may edit."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    languages: Mapped[str] = mapped_column(Text, default="[]")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revision: Mapped[int] = mapped_column(Integer, default=1)


class AcceptedFindingRow(Base):
    """A reviewer's decision that a finding is right as it is, with the reason: the finding
    stays quiet, the reason is kept and shown in exports' translator comments."""

    __tablename__ = "accepted_findings"
    __table_args__ = (Index("ix_accepted_unit", "document", "lang", "unit_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(16))
    unit_key: Mapped[str] = mapped_column(String(300))
    check: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(60))
    concept_id: Mapped[str | None] = mapped_column(String(200))
    found: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    accepted_by: Mapped[str] = mapped_column(String(100))
    accepted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
