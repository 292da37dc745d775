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
from workbench.checks import CheckContext, Finding, SegmentPair, all_checks, run_checks
from workbench.errors import ConflictError, InputError, NotFoundError, WorkbenchError
from workbench.glossary import MatchKind
from workbench.model import ParagraphKind, Role, Segment, Status, TranslationUnit, UnitText
from workbench.services.alignment import AlignmentServices, AlignmentView
from workbench.store import Session, history
from workbench.store import alignments as align_store
from workbench.store import documents as repo
from workbench.store import findings as findings_store
from workbench.store.history import record
from workbench.store.schema import DocumentRow, SegmentRow, VersionRow

STATUS_ORDER = list(Status)
GLOSSARY_CHECKS = ("forbidden-variant", "missing-term")
REVIEW_STATUSES = (Status.REVIEWED, Status.APPROVED)


class GlossaryBlocked(WorkbenchError):
    """A unit with open glossary findings cannot be reviewed or approved: the glossary is
    not advice. Fix the finding (one click applies the suggestion) or have a reviewer
    accept it with a written reason."""

    def __init__(self, key: str, findings: list[Finding]) -> None:
        self.findings = findings
        listed = "; ".join(f.message for f in findings)
        super().__init__(
            f"{key} has open glossary findings, so it cannot be reviewed or approved: {listed}. "
            "Fix them, or have a reviewer accept them with a reason."
        )


@dataclass(frozen=True)
class UnitFinding:
    """A check finding on a unit, and whether (and why) a reviewer accepted it."""

    finding: Finding
    accepted: findings_store.AcceptedFinding | None = None

    @property
    def blocking(self) -> bool:
        return (
            self.accepted is None
            and self.finding.check in GLOSSARY_CHECKS
            and (self.finding.severity == "error")
        )


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
        self.require(Role.TRANSLATOR, lang, action="start a translation")
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

    def units(
        self, ref: str, lang: str | None = None, *, with_terms: bool = True
    ) -> list[TranslationUnit]:
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
        accepted: dict[str, list[str]] = {}
        if lang:
            with self.db.session() as session:
                for item in findings_store.for_document(session, name, lang):
                    accepted.setdefault(item.unit_key, []).append(
                        f"Accepted {item.check} ({item.concept_id or item.kind}): {item.reason}"
                        f" — {item.accepted_by}"
                    )
        units = []
        for link in links:
            if not link.src:
                continue
            sources = [src[i] for i in link.src]
            targets = [tgt[j] for j in link.tgt]
            text = " ".join(s.text for s in sources)
            required: list[str] = []
            if lang and with_terms:
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
                    notes=tuple(accepted.get(unit_key(name, sources[0]), ())),
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
        revision the person started from); otherwise ``ConflictError`` with both texts.

        Translators save in their languages; moving a unit to reviewed or approved needs a
        reviewer and no open glossary finding (``GlossaryBlocked``)."""
        status = Status(status) if status is not None else None
        self.require(Role.TRANSLATOR, lang, action="edit translations")
        if status in REVIEW_STATUSES:
            self.require(Role.REVIEWER, lang, action=f"mark translations {status}")
            open_findings = [
                f.finding for f in self.unit_findings(ref, lang, key, text=text) if f.blocking
            ]
            if open_findings:
                raise GlossaryBlocked(key, open_findings)
        # Read what the save needs without holding the write lock; the write itself is
        # one conditional UPDATE that fails if anyone saved meanwhile.
        with self.db.session() as session:
            document, source, target = self._target_version(session, ref, lang)
            found = self._locate_unit(session, document, source, target, key)
            targets = [
                _segment(row) for row in repo.segments_at(session, target.id, found.link.tgt)
            ]
            document_id = document.id
        current = _target_text(lang, targets)
        if current.revision != expected_revision:
            raise ConflictError(
                f"{key} was changed by {current.changed_by or 'someone'} meanwhile",
                theirs=current.text,
                yours=text,
                revision=current.revision,
            )
        if len(targets) == 1:
            with self.db.session(write=True) as session:
                revision = repo.update_segment_if_unchanged(
                    session,
                    targets[0].id,
                    expected_revision=targets[0].revision,
                    old_text=targets[0].text,
                    text=text,
                    user=self.user,
                    action=action,
                    document_id=document_id,
                    lang=lang,
                    note=_status_note(note, targets[0].status, status),
                    status=str(status) if status else None,
                )
            if revision is None:
                now = self.unit(ref, lang, key).target(lang)
                raise ConflictError(
                    f"{key} was changed by {now.changed_by if now else 'someone'} meanwhile",
                    theirs=now.text if now else "",
                    yours=text,
                    revision=now.revision if now else 0,
                )
            return SavedUnit(
                key=key, text=text, status=status or targets[0].status, revision=revision
            )
        # The rare shapes (no target sentence yet, or several) reshape the link inside one
        # write transaction, reading the whole alignment.
        with self.db.session(write=True) as session:
            document, source, target = self._target_version(session, ref, lang)
            found = self._locate_unit(session, document, source, target, key)
            rows = repo.segments_at(session, target.id, found.link.tgt)
            if sum(row.revision for row in rows) != expected_revision:
                raise ConflictError(
                    f"{key} was changed meanwhile",
                    theirs=" ".join(row.text for row in rows if row.text),
                    yours=text,
                    revision=sum(row.revision for row in rows),
                )
            stored = align_store.load(session, target.id)
            assert stored is not None
            src = repo.load_segments(session, source.id)
            tgt = repo.load_segments(session, target.id)
            link = self._one_target_segment(
                session, document, src, tgt, target, stored, found.index
            )
            [row] = repo.segments_at(session, target.id, link.tgt)
            row = repo.update_segment_text(
                session,
                row.id,
                expected_revision=row.revision,
                text=text,
                user=self.user,
                action=action,
                note=note,
                status=str(status) if status else None,
            )
            return SavedUnit(
                key=key, text=row.text, status=Status(row.status), revision=row.revision
            )

    def _locate_unit(
        self,
        session: Session,
        document: DocumentRow,
        source: VersionRow,
        target: VersionRow,
        key: str,
    ) -> align_store.LinkAt:
        """The link of unit ``key``: its first source segment (named in the key) and the
        link starting there, read by index rather than by loading the document."""
        name, _, segment_id = key.rpartition(":")
        first = session.get(SegmentRow, int(segment_id)) if segment_id.isdigit() else None
        found = (
            align_store.link_starting_at(session, target.id, first.position)
            if first is not None and first.version_id == source.id and name == document.name
            else None
        )
        if found is None:
            if align_store.load(session, target.id) is None:
                raise NotFoundError(
                    f"{document.name} ({target.lang}) is not aligned yet; align it on the "
                    "Align page"
                )
            raise NotFoundError(f"no unit {key!r} in {document.name} ({target.lang})")
        return found

    def unit(self, ref: str, lang: str, key: str) -> TranslationUnit:
        """One unit as it is stored now, read by index (what an editor reloads after a
        save or a conflict, without reading the whole document)."""
        with self.db.session() as session:
            document, source, target = self._target_version(session, ref, lang)
            found = self._locate_unit(session, document, source, target, key)
            sources = repo.segments_at(session, source.id, found.link.src)
            targets = repo.segments_at(session, target.id, found.link.tgt)
            return TranslationUnit(
                key=key,
                document=document.name,
                source=UnitText(
                    source.lang,
                    " ".join(s.text for s in sources),
                    Status.APPROVED,
                    revision=sum(s.revision for s in sources),
                ),
                targets=(_target_text(lang, [_segment(row) for row in targets]),),
                paragraph=sources[0].paragraph,
                kind=ParagraphKind(sources[0].kind),
            )

    def unit_findings(
        self, ref: str, lang: str, key: str, *, text: str | None = None
    ) -> list[UnitFinding]:
        """Every check's findings on one unit (on ``text`` instead of the stored translation
        when given, e.g. while a translator types), each with its acceptance if any."""
        unit = next((u for u in self.units(ref, lang) if u.key == key), None)
        if unit is None:
            raise NotFoundError(f"no unit {key!r} in {ref} ({lang})")
        target = text if text is not None else (unit.target(lang).text if unit.target(lang) else "")
        return self._findings_for(unit, lang, target)

    def _findings_for(self, unit: TranslationUnit, lang: str, target: str) -> list[UnitFinding]:
        ctx = CheckContext(src_lang=unit.source.lang, tgt_lang=lang, termbase=self.termbase())
        pair = SegmentPair(
            src=(unit.source.text,), tgt=(target,), src_lines=(0,), tgt_lines=(0,), ref=unit.key
        )
        with self.db.session() as session:
            accepted = [
                a
                for a in findings_store.for_document(session, unit.document, lang)
                if a.unit_key == unit.key
            ]
        out = []
        for finding in run_checks([pair], ctx, all_checks(scope="segment")):
            match = next(
                (
                    a
                    for a in accepted
                    if a.covers(finding.check, finding.kind, finding.concept_id, finding.found)
                ),
                None,
            )
            out.append(UnitFinding(finding, match))
        return out

    def accept_finding(
        self, ref: str, lang: str, key: str, finding: Finding, reason: str
    ) -> findings_store.AcceptedFinding:
        """A reviewer accepts a finding as right in this unit, with a written reason; it
        stays quiet from then on and the reason appears in exports' translator comments."""
        who = self.require(Role.REVIEWER, lang, action="accept findings")
        if not reason.strip():
            raise InputError("accepting a finding needs a reason a later reader can follow")
        with self.db.session(write=True) as session:
            document = repo.find_document(session, ref)
            if document is None:
                raise NotFoundError(f"no document {ref!r}")
            accepted = findings_store.add(
                session,
                document=document.name,
                lang=lang,
                unit_key=key,
                check=finding.check,
                kind=finding.kind,
                concept_id=finding.concept_id,
                found=finding.found,
                reason=reason.strip(),
                accepted_by=who.name,
            )
            record(
                session,
                user=who.name,
                action="accept-finding",
                entity="unit",
                entity_id=key,
                document_id=document.id,
                lang=lang,
                new=f"{finding.check}/{finding.kind} {finding.concept_id or ''}".strip(),
                note=reason.strip(),
            )
            return accepted

    def unit_history(self, ref: str, lang: str, key: str) -> list[history.HistoryEntry]:
        """Who changed this unit's translation, when, from what to what (newest first)."""
        with self.db.session() as session:
            document, source, target, stored = self._unit_context(session, ref, lang)
            src = repo.load_segments(session, source.id)
            tgt = repo.load_segments(session, target.id)
            link = next(
                (
                    x
                    for x in stored.links
                    if x.src and unit_key(document.name, src[x.src[0]]) == key
                ),
                None,
            )
            if link is None:
                raise NotFoundError(f"no unit {key!r} in {document.name} ({lang})")
            ids = [str(tgt[j].id) for j in link.tgt]
            return history.for_entities(session, "segment", ids)

    def restore_unit(
        self,
        ref: str,
        lang: str,
        key: str,
        entry_id: int,
        *,
        expected_revision: int,
        before: bool = False,
    ) -> SavedUnit:
        """Put back the text a history entry recorded (after that change, or ``before``
        it), as a new, revision-checked change."""
        entry = next((e for e in self.unit_history(ref, lang, key) if e.id == entry_id), None)
        if entry is None:
            raise NotFoundError(f"no history entry {entry_id} for {key}")
        text = (entry.old if before else entry.new) or ""
        return self.save_unit(
            ref,
            lang,
            key,
            text,
            expected_revision=expected_revision,
            action="restore",
            note=f"restored from history #{entry_id}",
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


def _status_note(note: str | None, old: Status, new: Status | None) -> str | None:
    if new is None or new == old:
        return note
    change = f"status {old} -> {new}"
    return f"{note}; {change}" if note else change


def _segment(row: SegmentRow) -> Segment:
    return Segment(
        id=row.id,
        position=row.position,
        paragraph=row.paragraph,
        kind=ParagraphKind(row.kind),
        text=row.text,
        status=Status(row.status),
        revision=row.revision,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
    )


def _aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment
