"""Translation units: the source sentence(s) of a link with their translation.

This is the shape every exchange format and every edition reads, and the one a
translator's save writes: a unit is keyed by its document and first source segment, which
stays put when links around it change, so a PO sent out and brought back finds its units.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from workbench.align import Link
from workbench.align import edit as ops
from workbench.errors import ConflictError, NotFoundError
from workbench.glossary import MatchKind
from workbench.model import Segment, Status, TranslationUnit, UnitText
from workbench.services.alignment import AlignmentServices, AlignmentView
from workbench.store import Session
from workbench.store import alignments as align_store
from workbench.store import documents as repo
from workbench.store.schema import DocumentRow, VersionRow

STATUS_ORDER = list(Status)


def unit_key(document: str, first_source: Segment) -> str:
    return f"{document}:{first_source.id}"


@dataclass(frozen=True)
class SavedUnit:
    """What a save did: the unit as stored now."""

    key: str
    text: str
    status: Status
    revision: int


class TranslationServices(AlignmentServices):
    """Units for export and the translator's save."""

    def start_translation(self, ref: str, lang: str) -> AlignmentView:
        """A new translation of ``ref`` into ``lang``: one empty target sentence per source
        sentence, linked one to one, so a translator (or a PO round trip) can fill it."""
        with self.db.session(write=True) as session:
            document = repo.find_document(session, ref)
            if document is None:
                raise NotFoundError(f"no document {ref!r}")
            if repo.find_version(session, document.id, lang) is not None:
                raise NotFoundError(f"document {document.name!r} already has a {lang} version")
            source = next(v for v in document.versions if v.is_source)
            segments = repo.load_segments(session, source.id)
            version_id = repo.add_empty_version(
                session, document.id, lang, segments, user=self.user
            )
            links = tuple(Link((s.position,), (s.position,), 1.0) for s in segments)
            align_store.save(
                session,
                document_id=document.id,
                version_id=version_id,
                links=links,
                confirmed=tuple(True for _ in links),
                expected_revision=None,
                user=self.user,
                signature="mirror:1",
                mean_confidence=1.0,
                warnings=(),
            )
            name = document.name
        view = self.alignment(name, lang)
        assert view is not None
        return view

    def units(self, ref: str, lang: str | None = None) -> list[TranslationUnit]:
        """The units of ``ref`` with their ``lang`` translation (none when ``lang`` is None
        or the document has no aligned ``lang`` version: every unit is then untranslated)."""
        with self.db.session() as session:
            document = repo.find_document(session, ref)
            if document is None:
                raise NotFoundError(f"no document {ref!r}")
            source = next(v for v in document.versions if v.is_source)
            src = repo.load_segments(session, source.id)
            target = repo.find_version(session, document.id, lang) if lang else None
            stored = (
                align_store.load(session, target.id) if target and not target.is_source else None
            )
            tgt = repo.load_segments(session, target.id) if stored else []
            name, source_lang = document.name, source.lang
        links = stored.links if stored else tuple(Link((s.position,), ()) for s in src)
        matcher = self.matcher(source_lang)
        termbase = self.termbase()
        units = []
        for link in links:
            if not link.src:
                continue
            sources = [src[i] for i in link.src]
            targets = [tgt[j] for j in link.tgt]
            text = " ".join(s.text for s in sources)
            required: list[str] = []
            if lang:
                for match in matcher.find(text):
                    concept = termbase.get(match.concept_id)
                    preferred = concept.preferred(lang) if concept else None
                    if match.kind == MatchKind.OK and preferred is not None:
                        note = f"{match.surface} → {preferred.text}"
                        if note not in required:
                            required.append(note)
            translations: tuple[UnitText, ...] = ()
            if lang and stored:
                translations = (_target_text(lang, targets),)
            units.append(
                TranslationUnit(
                    key=unit_key(name, sources[0]),
                    document=name,
                    source=UnitText(
                        source_lang,
                        text,
                        Status.APPROVED,
                        revision=sum(s.revision for s in sources),
                    ),
                    targets=translations,
                    paragraph=sources[0].paragraph,
                    kind=sources[0].kind,
                    required_terms=tuple(required),
                )
            )
        return units

    def save_unit(
        self,
        ref: str,
        lang: str,
        key: str,
        text: str,
        *,
        expected_revision: int,
        status: Status | None = None,
        action: str = "edit",
        note: str | None = None,
    ) -> SavedUnit:
        """Store a unit's translation if nobody changed it since ``expected_revision`` (the
        revision the person started from); otherwise ``ConflictError`` with both texts."""
        with self.db.session(write=True) as session:
            document, source, target, stored = self._unit_context(session, ref, lang)
            src = repo.load_segments(session, source.id)
            tgt = repo.load_segments(session, target.id)
            index = next(
                (
                    i
                    for i, link in enumerate(stored.links)
                    if link.src and unit_key(document.name, src[link.src[0]]) == key
                ),
                None,
            )
            if index is None:
                raise NotFoundError(f"no unit {key!r} in {document.name} ({lang})")
            link = stored.links[index]
            current = _target_text(lang, [tgt[j] for j in link.tgt])
            if current.revision != expected_revision:
                raise ConflictError(
                    f"{key} was changed by {current.changed_by or 'someone'} meanwhile",
                    theirs=current.text,
                    yours=text,
                    revision=current.revision,
                )
            if len(link.tgt) != 1:
                link = self._one_target_segment(session, document, src, tgt, target, stored, index)
                tgt = repo.load_segments(session, target.id)
            segment = tgt[link.tgt[0]]
            row = repo.update_segment_text(
                session,
                segment.id,
                expected_revision=segment.revision,
                text=text,
                user=self.user,
                action=action,
                note=note,
                status=str(status) if status else None,
            )
            return SavedUnit(
                key=key, text=row.text, status=Status(row.status), revision=row.revision
            )

    def _unit_context(
        self, session: Session, ref: str, lang: str
    ) -> tuple[DocumentRow, VersionRow, VersionRow, align_store.StoredAlignment]:
        document, source, target = self._target_version(session, ref, lang)
        stored = align_store.load(session, target.id)
        if stored is None:
            raise NotFoundError(
                f"{document.name} ({lang}) is not aligned yet; align it on the Align page"
            )
        return document, source, target, stored

    def _one_target_segment(
        self,
        session: Session,
        document: DocumentRow,
        src: list[Segment],
        tgt: list[Segment],
        target: VersionRow,
        stored: align_store.StoredAlignment,
        index: int,
    ) -> Link:
        """Make link ``index`` hold exactly one target segment, so a unit's text has one
        place to live: an empty side gets a new segment, several are joined into one."""
        state = ops.AlignedText(
            src=tuple(s.text for s in src),
            tgt=tuple(s.text for s in tgt),
            links=stored.links,
            confirmed=stored.confirmed,
        )
        link = stored.links[index]
        if not link.tgt:
            position = sum(len(x.tgt) for x in stored.links[:index])
            repo.insert_segment(
                session,
                target.id,
                position,
                text="",
                paragraph=src[link.src[0]].paragraph,
                kind=str(src[link.src[0]].kind),
                status=str(Status.NEW),
                user=self.user,
            )
            links = [
                Link(x.src, tuple(j + 1 if j >= position else j for j in x.tgt), x.score)
                for x in stored.links
            ]
            links[index] = Link(link.src, (position,), link.score)
        else:
            for _ in link.tgt[1:]:
                repo.join_segments(session, target.id, link.tgt[0], user=self.user)
                state = ops.join_sentences(state, "tgt", link.tgt[0])
            links = list(state.links)
        self._save_links(
            session,
            document,
            target,
            tuple(links),
            stored.confirmed,
            expected=stored.revision,
            action="align-edit",
            before=stored,
        )
        return links[index]


def _target_text(lang: str, targets: list[Segment]) -> UnitText:
    """The translation of a unit: its target sentences joined, the least advanced status,
    and a revision that moves whenever any of them changes."""
    if not targets:
        return UnitText(lang, "", Status.NEW, revision=0)
    status = min((s.status for s in targets), key=STATUS_ORDER.index)
    latest = max(targets, key=lambda s: (s.updated_at is not None, s.updated_at or 0, s.id))
    return UnitText(
        lang,
        " ".join(s.text for s in targets if s.text),
        status,
        revision=sum(s.revision for s in targets),
        changed_at=_aware(latest.updated_at),
        changed_by=latest.updated_by,
    )


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
