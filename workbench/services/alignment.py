"""Alignment use cases: run the aligner on a document's translation, correct it by hand
(revision-checked, undoable), show N languages around the source, pair imports by post id.

Links are stored per translation; the source is the pivot every translation aligns to.
Splitting or joining a *source* sentence therefore rewrites every alignment of the document
in the same transaction, so no translation is left pointing at the wrong sentence.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from workbench.align import Alignment, Link, align, realign_between
from workbench.align import edit as ops
from workbench.errors import ConflictError, InputError, NotFoundError, WorkbenchError
from workbench.model import Role, Segment
from workbench.services.base import Progress, no_progress
from workbench.services.documents import ImportOutcome
from workbench.services.glossary import GlossaryServices
from workbench.store import Session
from workbench.store import alignments as align_store
from workbench.store import documents as repo
from workbench.store.history import entries, record
from workbench.store.schema import DocumentRow, VersionRow

LOW_CONFIDENCE = 0.5
HISTORY_ENTITY = "alignment"

LINK_OPERATIONS = {
    "merge": ops.merge_with_next,
    "split_link": ops.split_link,
    "detach": ops.detach,
    "move_up": ops.move_up,
    "move_down": ops.move_down,
    "confirm": ops.set_confirmed,
    "confirm_many": ops.set_confirmed_many,
}
SENTENCE_OPERATIONS = ("split_sentence", "join_sentences")


@dataclass
class AlignmentView:
    """A translation aligned with its source, ready for the grid."""

    document: str
    document_id: int
    lang: str
    source_lang: str
    src: list[Segment]
    tgt: list[Segment]
    links: tuple[Link, ...]
    confirmed: tuple[bool, ...]
    revision: int
    signature: str
    mean_confidence: float
    warnings: tuple[str, ...] = field(default_factory=tuple)
    last_edit: int | None = None

    def state(self) -> ops.AlignedText:
        return ops.AlignedText(
            src=tuple(s.text for s in self.src),
            tgt=tuple(s.text for s in self.tgt),
            links=self.links,
            confirmed=self.confirmed,
        )

    @property
    def low_confidence(self) -> int:
        return sum(
            1
            for link, ok in zip(self.links, self.confirmed, strict=True)
            if not ok and link.score < LOW_CONFIDENCE
        )

    @property
    def unconfirmed(self) -> int:
        return sum(1 for ok in self.confirmed if not ok)


@dataclass(frozen=True)
class GridRow:
    """One row of the N-language grid: a stretch of source sentences and, per language,
    the target sentences linked to it (with the weakest confidence among those links)."""

    source: tuple[Segment, ...]
    targets: dict[str, tuple[Segment, ...]]
    scores: dict[str, float]


class AlignmentServices(GlossaryServices):
    """Alignment use cases; the glossary doubles as the aligner's bilingual dictionary."""

    # -- reading -----------------------------------------------------------------------

    def _target_version(
        self, session: Session, ref: str, lang: str
    ) -> tuple[DocumentRow, VersionRow, VersionRow]:
        document = repo.find_document(session, ref)
        if document is None:
            raise NotFoundError(f"no document {ref!r}")
        source = next((v for v in document.versions if v.is_source), None)
        target = repo.find_version(session, document.id, lang)
        if source is None or target is None or target.is_source:
            have = ", ".join(v.lang for v in document.versions if not v.is_source) or "none"
            raise NotFoundError(
                f"document {document.name!r} has no {lang} translation (translations: {have})"
            )
        return document, source, target

    def alignment(self, ref: str, lang: str) -> AlignmentView | None:
        """The stored alignment of ``ref``'s ``lang`` version, or None if never aligned."""
        with self.db.session() as session:
            document, source, target = self._target_version(session, ref, lang)
            stored = align_store.load(session, target.id)
            if stored is None:
                return None
            return _view(session, document, source, target, stored)

    # -- aligning ----------------------------------------------------------------------

    def align_document(
        self,
        ref: str,
        lang: str,
        *,
        progress: Progress | None = None,
        keep_confirmed: bool = True,
    ) -> AlignmentView:
        """Align (or re-align) a translation with its source. Confirmed links of an earlier
        run are kept exactly; only the stretches between them are searched again."""
        self.require(Role.TRANSLATOR, lang, action="align")
        report = progress or no_progress
        report(0.02, "Reading the texts")
        with self.db.session() as session:
            document, source, target = self._target_version(session, ref, lang)
            src = [s.text for s in repo.load_segments(session, source.id)]
            tgt = [s.text for s in repo.load_segments(session, target.id)]
            stored = align_store.load(session, target.id)
            source_lang = source.lang
        termbase = self.termbase()
        kwargs: dict[str, Any] = {"termbase": termbase, "progress": _scaled(report, 0.05, 0.9)}
        if keep_confirmed and stored is not None and any(stored.confirmed):
            result = realign_between(
                src, tgt, stored.links, stored.confirmed, source_lang, lang, **kwargs
            )
        else:
            result = align(src, tgt, source_lang, lang, **kwargs)
        confirmed = _carry_confirmed(stored, result) if keep_confirmed else None
        report(0.95, "Saving")
        with self.db.session(write=True) as session:
            document, source, target = self._target_version(session, ref, lang)
            if [s.text for s in repo.load_segments(session, target.id)] != tgt or [
                s.text for s in repo.load_segments(session, source.id)
            ] != src:
                raise ConflictError(
                    "the texts changed while aligning; run the alignment again",
                    theirs="changed",
                    yours="aligned",
                    revision=stored.revision if stored else 0,
                )
            before = align_store.load(session, target.id)
            edit_id = self._save_links(
                session,
                document,
                target,
                result.links,
                confirmed or tuple(False for _ in result.links),
                expected=stored.revision if stored else None,
                action="align",
                before=before,
                result=result,
            )
            view = _view(session, document, source, target, align_store.load(session, target.id))
            view.last_edit = edit_id
        report(1.0, "Aligned")
        return view

    def _save_links(
        self,
        session: Session,
        document: DocumentRow,
        target: VersionRow,
        links: tuple[Link, ...],
        confirmed: tuple[bool, ...],
        *,
        expected: int | None,
        action: str,
        before: align_store.StoredAlignment | None,
        result: Alignment | None = None,
        note: str | None = None,
    ) -> int:
        align_store.save(
            session,
            document_id=document.id,
            version_id=target.id,
            links=links,
            confirmed=confirmed,
            expected_revision=expected,
            user=self.user,
            signature=result.signature if result else None,
            mean_confidence=result.mean_confidence if result else None,
            warnings=result.warnings if result else None,
        )
        after = align_store.load(session, target.id)
        return record(
            session,
            user=self.user,
            action=action,
            entity=HISTORY_ENTITY,
            entity_id=str(target.id),
            document_id=document.id,
            lang=target.lang,
            old=json.dumps(align_store.snapshot(before)),
            new=json.dumps(align_store.snapshot(after)),
            note=note,
        ).id

    # -- editing -----------------------------------------------------------------------

    def edit_alignment(
        self, ref: str, lang: str, expected_revision: int, operation: str, **args: Any
    ) -> AlignmentView:
        """Apply one hand correction (see ``workbench.align.edit``) if the alignment is still
        at ``expected_revision``; otherwise ``ConflictError`` and nothing changes.

        Link operations take ``index`` (and ``side`` for moves, ``value`` for confirm);
        ``split_sentence`` takes ``side``, ``sentence``, ``offset``; ``join_sentences`` takes
        ``side``, ``sentence``. A source sentence edit is applied to every translation.
        """
        self.require(Role.TRANSLATOR, lang, action="correct alignments")
        if operation not in LINK_OPERATIONS and operation not in SENTENCE_OPERATIONS:
            known = ", ".join([*LINK_OPERATIONS, *SENTENCE_OPERATIONS])
            raise InputError(f"unknown alignment operation {operation!r}; known: {known}")
        with self.db.session(write=True) as session:
            document, source, target = self._target_version(session, ref, lang)
            stored = align_store.load(session, target.id)
            if stored is None:
                raise WorkbenchError(f"{document.name} ({lang}) is not aligned yet")
            if stored.revision != expected_revision:
                raise ConflictError(
                    f"the alignment was changed by {stored.updated_by or 'someone'} meanwhile; "
                    "reload to see it",
                    theirs=f"revision {stored.revision}",
                    yours=f"revision {expected_revision}",
                    revision=stored.revision,
                )
            state = _view(session, document, source, target, stored).state()
            try:
                if operation in LINK_OPERATIONS:
                    changed = LINK_OPERATIONS[operation](state, **args)
                elif operation == "split_sentence":
                    changed = ops.split_sentence(state, **args)
                else:
                    changed = ops.join_sentences(state, **args)
            except (ops.AlignmentEditError, TypeError) as exc:
                raise InputError(str(exc)) from None
            recorded = dict(args)
            if operation == "join_sentences":
                recorded["offset"] = len(getattr(state, args["side"])[args["sentence"]])
            note = json.dumps({"operation": operation, **recorded})
            if operation in SENTENCE_OPERATIONS:
                self._apply_sentence_edit(
                    session, document, source, target, state, changed, operation, args
                )
            edit_id = self._save_links(
                session,
                document,
                target,
                changed.links,
                changed.confirmed,
                expected=expected_revision,
                action="align-edit",
                before=stored,
                note=note,
            )
            view = _view(session, document, source, target, align_store.load(session, target.id))
            view.last_edit = edit_id
            return view

    def _apply_sentence_edit(
        self,
        session: Session,
        document: DocumentRow,
        source: VersionRow,
        target: VersionRow,
        state: ops.AlignedText,
        changed: ops.AlignedText,
        operation: str,
        args: dict[str, Any],
    ) -> None:
        side, sentence = args["side"], args["sentence"]
        version = source if side == "src" else target
        if operation == "split_sentence":
            texts = getattr(changed, side)
            repo.split_segment(
                session,
                version.id,
                sentence,
                texts[sentence],
                texts[sentence + 1],
                user=self.user,
            )
        else:
            if getattr(changed, side) == getattr(state, side):
                return
            repo.join_segments(session, version.id, sentence, user=self.user)
        if side != "src":
            return
        # The source is every translation's pivot: shift their links the same way.
        edit = "split" if operation == "split_sentence" else "join"
        for other in document.versions:
            if other.is_source or other.id == target.id:
                continue
            stored = align_store.load(session, other.id)
            if stored is None:
                continue
            links, confirmed = ops.remap_source(stored.links, stored.confirmed, edit, sentence)
            self._save_links(
                session,
                document,
                other,
                tuple(links),
                tuple(confirmed),
                expected=stored.revision,
                action="align-edit",
                before=stored,
                note=json.dumps({"operation": f"source-{edit}", "sentence": sentence}),
            )

    def undo_alignment_edit(self, ref: str, lang: str, edit_id: int) -> AlignmentView:
        """Undo the edit recorded as history row ``edit_id``, if the alignment is still as
        that edit left it (else ``ConflictError``). A sentence split is undone by joining,
        a join by splitting at the same place; the links are then put back as they were."""
        self.require(Role.TRANSLATOR, lang, action="correct alignments")
        entry = self._edit_entry(ref, lang, edit_id)
        view = self.alignment(ref, lang)
        if view is None or json.dumps(_snapshot_of(view)) != entry.new:
            raise ConflictError(
                "the alignment changed after that edit; it cannot be undone",
                theirs="changed",
                yours="undo",
                revision=view.revision if view else 0,
            )
        note = json.loads(entry.note) if entry.note else {}
        operation = note.get("operation")
        if operation == "split_sentence":
            view = self.edit_alignment(
                ref,
                lang,
                view.revision,
                "join_sentences",
                side=note["side"],
                sentence=note["sentence"],
            )
        elif operation == "join_sentences":
            view = self.edit_alignment(
                ref,
                lang,
                view.revision,
                "split_sentence",
                side=note["side"],
                sentence=note["sentence"],
                offset=note["offset"],
            )
        return self._restore_links(ref, lang, view.revision, entry.old, "align-undo")

    def redo_alignment_edit(
        self, ref: str, lang: str, edit_id: int, expected_revision: int | None = None
    ) -> AlignmentView:
        """Do again the edit ``edit_id`` that was undone (if the alignment is still at
        ``expected_revision``, when given)."""
        entry = self._edit_entry(ref, lang, edit_id)
        view = self.alignment(ref, lang)
        if view is None:
            raise WorkbenchError("nothing to redo")
        if expected_revision is not None and view.revision != expected_revision:
            raise ConflictError(
                "the alignment was changed meanwhile; redo is not possible",
                theirs=f"revision {view.revision}",
                yours=f"revision {expected_revision}",
                revision=view.revision,
            )
        note = json.loads(entry.note) if entry.note else {}
        operation = note.pop("operation", None)
        note.pop("offset", None) if operation == "join_sentences" else None
        if operation in LINK_OPERATIONS or operation in SENTENCE_OPERATIONS:
            return self.edit_alignment(ref, lang, view.revision, operation, **note)
        return self._restore_links(ref, lang, view.revision, entry.new, "align-redo")

    def _edit_entry(self, ref: str, lang: str, edit_id: int):  # type: ignore[no-untyped-def]
        with self.db.session() as session:
            _, _, target = self._target_version(session, ref, lang)
            found = [
                e
                for e in entries(
                    session, entity=HISTORY_ENTITY, entity_id=str(target.id), limit=10_000
                )
                if e.id == edit_id
            ]
        if not found or found[0].action not in ("align", "align-edit"):
            raise NotFoundError(f"no alignment edit {edit_id} for {ref} ({lang})")
        return found[0]

    def _restore_links(
        self, ref: str, lang: str, expected: int, wanted: str | None, action: str
    ) -> AlignmentView:
        if wanted in (None, "null"):
            raise WorkbenchError("there is no earlier alignment to go back to")
        with self.db.session(write=True) as session:
            document, source, target = self._target_version(session, ref, lang)
            stored = align_store.load(session, target.id)
            links, confirmed = align_store.links_from_snapshot(json.loads(wanted))
            try:
                ops.validate(
                    links,
                    len(repo.load_segments(session, source.id)),
                    len(repo.load_segments(session, target.id)),
                )
            except ops.AlignmentEditError as exc:
                raise WorkbenchError(
                    f"the sentences changed since; cannot restore: {exc}"
                ) from None
            self._save_links(
                session,
                document,
                target,
                links,
                confirmed,
                expected=expected,
                action=action,
                before=stored,
            )
            return _view(session, document, source, target, align_store.load(session, target.id))

    # -- the N-language grid -----------------------------------------------------------

    def grid(self, ref: str, langs: Sequence[str] | None = None) -> tuple[list[GridRow], list[str]]:
        """Rows of source sentences with every aligned translation beside them.

        A row is the smallest stretch of source sentences that no language's link crosses;
        target sentences without a source partner join the row before them.
        """
        with self.db.session() as session:
            document = repo.find_document(session, ref)
            if document is None:
                raise NotFoundError(f"no document {ref!r}")
            source = next(v for v in document.versions if v.is_source)
            src = repo.load_segments(session, source.id)
            aligned: dict[str, tuple[list[Segment], align_store.StoredAlignment]] = {}
            for version in sorted(document.versions, key=lambda v: v.lang):
                if version.is_source or (langs and version.lang not in langs):
                    continue
                stored = align_store.load(session, version.id)
                if stored is not None:
                    aligned[version.lang] = (repo.load_segments(session, version.id), stored)
        return build_grid(src, aligned), list(aligned)

    # -- after an import ---------------------------------------------------------------

    def align_imported(
        self, outcomes: Sequence[ImportOutcome], *, progress: Progress | None = None
    ) -> list[AlignmentView]:
        """Align every translation an import brought in (each one its own transaction:
        the imported text is kept even if one alignment needs a person's attention)."""
        report = progress or no_progress
        translations = [o for o in outcomes if o.is_translation]
        views = []
        for number, outcome in enumerate(translations):
            share = 1 / max(len(translations), 1)
            views.append(
                self.align_document(
                    outcome.name,
                    outcome.lang,
                    progress=_scaled(report, number * share, (number + 1) * share),
                )
            )
        return views


def build_grid(
    src: list[Segment], aligned: dict[str, tuple[list[Segment], align_store.StoredAlignment]]
) -> list[GridRow]:
    """Pure part of ``grid``: cut the source where every language has a link boundary."""
    n = len(src)
    cuts = set(range(n + 1))
    for _, stored in aligned.values():
        for link in stored.links:
            if link.src:  # no row boundary may fall inside a link's source stretch
                cuts -= set(range(link.src[0] + 1, link.src[-1] + 1))
    bounds = sorted(cuts)
    rows_src = [tuple(src[a:b]) for a, b in itertools.pairwise(bounds) if b > a]
    row_of = {}
    for number, segs in enumerate(rows_src):
        for segment in segs:
            row_of[segment.position] = number
    targets: list[dict[str, list[Segment]]] = [{} for _ in rows_src]
    scores: list[dict[str, float]] = [{} for _ in rows_src]
    for lang, (tgt, stored) in aligned.items():
        last = 0
        for link in stored.links:
            row = row_of.get(link.src[0], last) if link.src else last
            last = row
            if not rows_src:
                break
            bucket = targets[row].setdefault(lang, [])
            bucket.extend(tgt[i] for i in link.tgt)
            scores[row][lang] = min(scores[row].get(lang, 1.0), link.score)
    return [
        GridRow(
            source=rows_src[i],
            targets={k: tuple(v) for k, v in targets[i].items()},
            scores=scores[i],
        )
        for i in range(len(rows_src))
    ]


def _view(
    session: Session,
    document: DocumentRow,
    source: VersionRow,
    target: VersionRow,
    stored: align_store.StoredAlignment | None,
) -> AlignmentView:
    assert stored is not None
    return AlignmentView(
        document=document.name,
        document_id=document.id,
        lang=target.lang,
        source_lang=source.lang,
        src=repo.load_segments(session, source.id),
        tgt=repo.load_segments(session, target.id),
        links=stored.links,
        confirmed=stored.confirmed,
        revision=stored.revision,
        signature=stored.signature,
        mean_confidence=stored.mean_confidence,
        warnings=stored.warnings,
    )


def _snapshot_of(view: AlignmentView) -> dict[str, object]:
    return {
        "links": [[list(link.src), list(link.tgt), link.score] for link in view.links],
        "confirmed": list(view.confirmed),
    }


def _carry_confirmed(
    stored: align_store.StoredAlignment | None, result: Alignment
) -> tuple[bool, ...] | None:
    """Confirmed flags survive a re-run for the links that are still there."""
    if stored is None:
        return None
    kept = {link.pair for link, ok in zip(stored.links, stored.confirmed, strict=True) if ok}
    return tuple(link.pair in kept for link in result.links)


def _scaled(report: Progress, start: float, end: float) -> Progress:
    return lambda fraction, message: report(start + (end - start) * fraction, message)
