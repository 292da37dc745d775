"""Domain objects shared by every layer.

Plain dataclasses with no behaviour beyond small conveniences: the pure core computes with
them, the store persists them, the UI and CLI display them. Keeping them free of SQL and
Streamlit is what lets the core be tested and benchmarked on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ParagraphKind(StrEnum):
    """What a paragraph is for; exports and the segmenter treat the kinds differently.

    A title or a post id is never split into sentences, and an edition puts a source line
    where the original had it, so the kind travels with the paragraph from ingest to export.
    """

    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    POST_ID = "post_id"
    SOURCE_LINE = "source_line"

    @property
    def splits(self) -> bool:
        """Whether the segmenter may split this paragraph into several sentences."""
        return self in (ParagraphKind.BODY, ParagraphKind.LIST_ITEM, ParagraphKind.QUOTE)


class Status(StrEnum):
    """Workflow state of a target segment, in the order a segment moves through them."""

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    REVIEWED = "reviewed"
    APPROVED = "approved"


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of an ingested text, with the 1-based line where it starts."""

    text: str
    kind: ParagraphKind = ParagraphKind.BODY
    line: int = 0


@dataclass(frozen=True)
class StrippedBlock:
    """Text removed at import as site boilerplate, kept so the user can see what went."""

    text: str
    rule: str
    line: int


@dataclass
class DocumentMeta:
    """Metadata found in a post: title, post id (``219485``), source line and its date."""

    title: str | None = None
    post_id: str | None = None
    source_line: str | None = None
    date: str | None = None


@dataclass
class Document:
    """A text as ingested: paragraphs in order plus what import learned about it."""

    name: str
    lang: str
    paragraphs: list[Paragraph]
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    stripped: list[StrippedBlock] = field(default_factory=list)
    source_file: str | None = None
    encoding: str | None = None
    detected_lang: str | None = None
    lang_probability: float | None = None


@dataclass(frozen=True)
class Sentence:
    """A sentence found by the segmenter: its text and its span in the paragraph."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SegmentDraft:
    """A segment before it is stored: sentence text with its place in the document."""

    paragraph: int
    kind: ParagraphKind
    text: str


@dataclass
class Segment:
    """A stored segment of one language version, as the services hand it out."""

    id: int
    position: int
    paragraph: int
    kind: ParagraphKind
    text: str
    status: Status
    revision: int
    updated_at: datetime | None = None
    updated_by: str | None = None


@dataclass
class VersionSummary:
    """One language version of a document with its size, for listings."""

    lang: str
    is_source: bool
    segments: int
    paragraphs: int


@dataclass
class DocumentSummary:
    """A document as the Documents page and ``workbench list`` show it."""

    id: int
    name: str
    title: str | None
    post_id: str | None
    source_lang: str
    versions: list[VersionSummary]
    source_file: str | None = None

    @property
    def languages(self) -> list[str]:
        return [v.lang for v in self.versions]

    @property
    def source_segments(self) -> int:
        return next((v.segments for v in self.versions if v.is_source), 0)


@dataclass
class VersionDetail:
    """One language version with its segments and import record, for the reader."""

    lang: str
    is_source: bool
    segments: list[Segment]
    stripped: list[StrippedBlock]
    source_file: str | None
    encoding: str | None
    detected_lang: str | None
    lang_probability: float | None
    segmenter: str | None

    def paragraphs(self) -> list[list[Segment]]:
        """Segments grouped by paragraph, in order: how a reader wants to see a text."""
        return group_by_paragraph(self.segments)


@dataclass
class DocumentDetail:
    """A document with all its language versions, as ``workbench show`` prints it."""

    id: int
    name: str
    meta: DocumentMeta
    source_lang: str
    versions: list[VersionDetail]

    def version(self, lang: str) -> VersionDetail | None:
        return next((v for v in self.versions if v.lang == lang), None)

    @property
    def source(self) -> VersionDetail:
        return next(v for v in self.versions if v.is_source)


def group_by_paragraph(segments: list[Segment]) -> list[list[Segment]]:
    """Consecutive segments of the same paragraph, grouped, in document order."""
    groups: list[list[Segment]] = []
    for segment in segments:
        if not groups or groups[-1][0].paragraph != segment.paragraph:
            groups.append([])
        groups[-1].append(segment)
    return groups


@dataclass(frozen=True)
class UnitText:
    """One language's side of a translation unit, with who changed it and when.

    ``revision`` is the stored revision the text was exported at: a file edited elsewhere
    and brought back carries it, so an import can tell "changed here since" (a conflict)
    from "changed only there" (an update).
    """

    lang: str
    text: str
    status: Status = Status.TRANSLATED
    revision: int = 0
    created_at: datetime | None = None
    created_by: str | None = None
    changed_at: datetime | None = None
    changed_by: str | None = None


@dataclass(frozen=True)
class TranslationUnit:
    """A source sentence (or a few, for a merged link) with its translations: what PO,
    TMX and XLIFF files carry and what editions are assembled from.

    ``key`` is stable for the life of the unit (PO ``msgctxt``, TMX ``tuid``, XLIFF unit
    id), so a file sent out and brought back finds its units again. ``paragraph`` and
    ``kind`` place the unit in the document's structure; ``required_terms`` are the glossary
    renderings the unit needs (PO extracted comments); ``notes`` are translator comments,
    including the reasons given when a reviewer accepted a finding.
    """

    key: str
    document: str
    source: UnitText
    targets: tuple[UnitText, ...] = ()
    paragraph: int = 0
    kind: ParagraphKind = ParagraphKind.BODY
    required_terms: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def target(self, lang: str) -> UnitText | None:
        return next((t for t in self.targets if t.lang == lang), None)


@dataclass(frozen=True)
class EditionDocument:
    """A document to publish in one language: its metadata and its units in order."""

    name: str
    meta: DocumentMeta
    source_lang: str
    units: tuple[TranslationUnit, ...]


class Role(StrEnum):
    """What a person may do. Each role includes the ones before it."""

    TRANSLATOR = "translator"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


ALL_LANGUAGES = "*"


@dataclass(frozen=True)
class Identity:
    """Who is acting: name, role and the languages they may edit (``*`` = all)."""

    name: str
    role: Role
    languages: tuple[str, ...] = (ALL_LANGUAGES,)
    display_name: str = ""

    def may_edit(self, lang: str) -> bool:
        return ALL_LANGUAGES in self.languages or lang in self.languages

    def at_least(self, role: Role) -> bool:
        return self.role.rank >= role.rank
