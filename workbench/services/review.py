"""Corpus review: is every term rendered the approved way, everywhere? And the fix.

The report counts, per concept, the preferred, allowed, forbidden and missing renderings in
one language, with the segments behind each; the term matrix shows the renderings used in
every language side by side; a bulk fix replaces a forbidden variant across the corpus
keeping each occurrence's inflection and case, previewed occurrence by occurrence, applied
as one audited batch and undoable.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from workbench.checks import CheckContext, Finding, SegmentPair, get_check, run_checks
from workbench.errors import ConflictError, NotFoundError, WorkbenchError
from workbench.glossary import MatchKind
from workbench.model import Role, Segment, group_by_paragraph
from workbench.services.base import Progress, no_progress
from workbench.services.glossary import GlossaryServices
from workbench.store import documents as repo
from workbench.store.history import entries

OK_KINDS = ("preferred", "allowed")
PROBLEM_KINDS = ("forbidden_variant", "wrong_inflection", "local_plural")
COUNTED_KINDS = (*OK_KINDS, *PROBLEM_KINDS, "missing_term")
_MATCH_KIND = {
    MatchKind.FORBIDDEN: "forbidden_variant",
    MatchKind.WRONG_INFLECTION: "wrong_inflection",
    MatchKind.LOCAL_PLURAL: "local_plural",
}


@dataclass(frozen=True)
class Occurrence:
    """One rendering (or a missing one) of a concept in one segment."""

    concept_id: str
    kind: str
    document: str
    segment_id: int | None
    position: int | None
    text: str
    span: tuple[int, int] | None = None
    found: str | None = None
    suggestion: str | None = None
    source_text: str | None = None


@dataclass
class ConceptReport:
    """How one concept is rendered in one language across the corpus."""

    concept_id: str
    preferred: str
    counts: Counter[str] = field(default_factory=Counter)
    occurrences: list[Occurrence] = field(default_factory=list)

    @property
    def problems(self) -> int:
        return sum(self.counts[k] for k in (*PROBLEM_KINDS, "missing_term"))


@dataclass
class CorpusReport:
    """The whole corpus in one language, concept by concept."""

    lang: str
    concepts: list[ConceptReport]
    documents: list[str]
    unaligned: list[str]
    inconsistent: list[Finding]

    def concept(self, concept_id: str) -> ConceptReport | None:
        return next((c for c in self.concepts if c.concept_id == concept_id), None)


@dataclass(frozen=True)
class Rendering:
    """A way a concept is written in one language, with how often and whether it is OK."""

    text: str
    kind: str
    count: int


@dataclass(frozen=True)
class FixProposal:
    """One occurrence a bulk fix would change: where, what, into what."""

    segment_id: int
    revision: int
    document: str
    position: int
    text: str
    start: int
    end: int
    found: str
    replacement: str
    concept_id: str
    lang: str = ""

    @property
    def key(self) -> str:
        return f"{self.segment_id}:{self.start}"

    def preview(self) -> str:
        return self.text[: self.start] + self.replacement + self.text[self.end :]


@dataclass
class BulkFixResult:
    """What a bulk fix (or its undo) changed and what it had to leave alone."""

    batch: str | None
    changed: int
    occurrences: int
    conflicts: list[str] = field(default_factory=list)


@dataclass
class _Unit:
    """An aligned unit of a document: source and target segments checked together."""

    document: str
    source: list[Segment]
    target: list[Segment]


class ReviewServices(GlossaryServices):
    """Corpus review, term matrix and bulk fix; built on the glossary services."""

    # -- pairing -----------------------------------------------------------------------

    def _units(
        self, lang: str, documents: Sequence[str] | None = None
    ) -> tuple[list[_Unit], list[str], list[str], str | None]:
        """Aligned units of every document with a ``lang`` version.

        Until sentence links are stored, documents whose translation keeps the source's
        paragraph structure are paired paragraph by paragraph; others are checked on the
        target side only and listed as unaligned (missing terms cannot be judged there).
        """
        units: list[_Unit] = []
        seen: list[str] = []
        unaligned: list[str] = []
        source_lang: str | None = None
        with self.db.session() as session:
            for pair in repo.versions_in(session, lang):
                if documents and pair.document not in documents:
                    continue
                seen.append(pair.document)
                source_lang = source_lang or pair.source_lang
                source = repo.load_segments(session, pair.source_version_id)
                if pair.target_version_id is None:  # the source language itself
                    units.extend(_Unit(pair.document, [], [s]) for s in source)
                    continue
                target = repo.load_segments(session, pair.target_version_id)
                paired = paragraph_units(pair.document, source, target)
                if paired is None:
                    unaligned.append(pair.document)
                    units.extend(_Unit(pair.document, [], [t]) for t in target)
                else:
                    units.extend(paired)
        return units, seen, unaligned, source_lang

    # -- report ------------------------------------------------------------------------

    def corpus_report(
        self,
        lang: str,
        *,
        documents: Sequence[str] | None = None,
        progress: Progress | None = None,
    ) -> CorpusReport:
        """Every concept of the glossary in ``lang``: counts of each kind of rendering and
        the occurrences behind them."""
        report = progress or no_progress
        termbase = self.termbase()
        units, seen, unaligned, source_lang = self._units(lang, documents)
        matcher = self.matcher(lang)
        reports: dict[str, ConceptReport] = {}
        for concept in termbase.concepts_for(lang):
            preferred = concept.preferred(lang)
            reports[concept.id] = ConceptReport(concept.id, preferred.text if preferred else "")
        total = max(len(units), 1)
        for index, unit in enumerate(units):
            if index % 200 == 0:
                report(index / total, f"Reading {unit.document}")
            for segment in unit.target:
                for match in matcher.find(segment.text):
                    concept = reports.get(match.concept_id)
                    if concept is None:
                        continue
                    kind = _MATCH_KIND.get(match.kind)
                    suggestion = matcher.suggest(match) if kind else None
                    if kind is None:
                        kind = "preferred" if match.rendering == concept.preferred else "allowed"
                    concept.counts[kind] += 1
                    concept.occurrences.append(
                        Occurrence(
                            concept_id=match.concept_id,
                            kind=kind,
                            document=unit.document,
                            segment_id=segment.id,
                            position=segment.position,
                            text=segment.text,
                            span=(match.start, match.end),
                            found=match.surface,
                            suggestion=suggestion,
                        )
                    )
        inconsistent: list[Finding] = []
        if source_lang and source_lang != lang:
            ctx = CheckContext(src_lang=source_lang, tgt_lang=lang, termbase=termbase)
            pairs = [unit_pair(u) for u in units if u.source]
            checks = [get_check("missing-term"), get_check("inconsistent-rendering")]
            for finding in run_checks(pairs, ctx, checks):
                if finding.check == "inconsistent-rendering":
                    inconsistent.append(finding)
                    continue
                concept = reports.get(finding.concept_id or "")
                if concept is None or finding.kind != "missing_term":
                    continue
                unit: _Unit = finding.ref
                concept.counts["missing_term"] += 1
                concept.occurrences.append(
                    Occurrence(
                        concept_id=concept.concept_id,
                        kind="missing_term",
                        document=unit.document,
                        segment_id=unit.target[0].id if unit.target else None,
                        position=unit.target[0].position if unit.target else None,
                        text=" ".join(s.text for s in unit.target),
                        found=finding.extra.get("source_found"),
                        suggestion=finding.suggestion,
                        source_text=" ".join(s.text for s in unit.source),
                    )
                )
        report(1.0, "Done")
        return CorpusReport(
            lang=lang,
            concepts=sorted(reports.values(), key=lambda c: (-c.problems, c.concept_id)),
            documents=seen,
            unaligned=unaligned,
            inconsistent=inconsistent,
        )

    # -- term matrix -------------------------------------------------------------------

    def term_matrix(
        self, langs: Sequence[str] | None = None, *, progress: Progress | None = None
    ) -> dict[str, dict[str, list[Rendering]]]:
        """concept -> language -> the renderings actually used there, most frequent first."""
        report = progress or no_progress
        with self.db.session() as session:
            available = repo.languages(session)
        chosen = [lang for lang in (langs or available) if lang in available]
        counts: dict[str, dict[str, Counter[tuple[str, str]]]] = defaultdict(
            lambda: defaultdict(Counter)
        )
        for number, lang in enumerate(chosen):
            report(number / max(len(chosen), 1), f"Reading {lang}")
            matcher = self.matcher(lang)
            for text in self._texts(lang):
                for match in matcher.find(text):
                    kind = _MATCH_KIND.get(match.kind, "ok")
                    label = match.rendering or match.term.text if kind == "ok" else match.surface
                    counts[match.concept_id][lang][(label, kind)] += 1
        report(1.0, "Done")
        return {
            concept_id: {
                lang: [
                    Rendering(text, kind, count)
                    for (text, kind), count in sorted(found.items(), key=lambda i: (-i[1], i[0]))
                ]
                for lang, found in by_lang.items()
            }
            for concept_id, by_lang in counts.items()
        }

    def _texts(self, lang: str) -> Iterable[str]:
        with self.db.session() as session:
            for pair in repo.versions_in(session, lang):
                version = pair.target_version_id or pair.source_version_id
                yield from (s.text for s in repo.load_segments(session, version))

    # -- bulk fix ----------------------------------------------------------------------

    def bulk_fix_preview(
        self, lang: str, concept_id: str, *, variant: str | None = None
    ) -> list[FixProposal]:
        """Every wrong rendering of ``concept_id`` in ``lang`` (only those of the forbidden
        term ``variant``, if given) with the replacement that keeps its inflection."""
        termbase = self.termbase()
        if termbase.get(concept_id) is None:
            raise NotFoundError(f"no concept {concept_id!r} in the glossary")
        matcher = self.matcher(lang)
        proposals = []
        with self.db.session() as session:
            for pair in repo.versions_in(session, lang):
                version = pair.target_version_id or pair.source_version_id
                for segment in repo.load_segments(session, version):
                    for match in matcher.find(segment.text):
                        if match.concept_id != concept_id or match.kind == MatchKind.OK:
                            continue
                        if variant is not None and match.term.text != variant:
                            continue
                        proposals.append(
                            FixProposal(
                                segment_id=segment.id,
                                revision=segment.revision,
                                document=pair.document,
                                position=segment.position,
                                text=segment.text,
                                start=match.start,
                                end=match.end,
                                found=match.surface,
                                replacement=matcher.suggest(match),
                                concept_id=concept_id,
                                lang=lang,
                            )
                        )
        return proposals

    def apply_bulk_fix(self, accepted: Sequence[FixProposal]) -> BulkFixResult:
        """Apply the accepted proposals as one batch. A segment changed since the preview
        is left alone and reported; every other one is changed and recorded."""
        if not accepted:
            return BulkFixResult(batch=None, changed=0, occurrences=0)
        for lang in sorted({p.lang for p in accepted}):
            self.require(Role.REVIEWER, lang or None, action="apply a glossary bulk fix")
        batch = uuid.uuid4().hex[:12]
        by_segment: dict[int, list[FixProposal]] = defaultdict(list)
        for proposal in accepted:
            by_segment[proposal.segment_id].append(proposal)
        conflicts: list[str] = []
        changed = occurrences = 0
        with self.db.session(write=True) as session:
            for segment_id, proposals in sorted(by_segment.items()):
                first = proposals[0]
                text = first.text
                if any(p.revision != first.revision or p.text != text for p in proposals):
                    raise WorkbenchError("proposals of one segment come from different previews")
                new = text
                for p in sorted(proposals, key=lambda p: p.start, reverse=True):
                    if new[p.start : p.end] != p.found:
                        raise WorkbenchError(f"proposal {p.key} does not match its segment")
                    new = new[: p.start] + p.replacement + new[p.end :]
                concepts = ", ".join(sorted({p.concept_id for p in proposals}))
                try:
                    repo.update_segment_text(
                        session,
                        segment_id,
                        expected_revision=first.revision,
                        text=new,
                        user=self.user,
                        action="bulk-fix",
                        batch=batch,
                        note=f"glossary fix: {concepts}",
                    )
                except (ConflictError, NotFoundError) as exc:
                    conflicts.append(f"{first.document} #{first.position + 1}: {exc}")
                    continue
                changed += 1
                occurrences += len(proposals)
        return BulkFixResult(batch if changed else None, changed, occurrences, conflicts)

    def undo_bulk_fix(self, batch: str) -> BulkFixResult:
        """Restore every segment a bulk fix changed. If any was edited after the fix,
        nothing is undone (that edit would be lost) and the segments are named."""
        self.require(Role.REVIEWER, action="undo a glossary bulk fix")
        undo_batch = uuid.uuid4().hex[:12]
        with self.db.session(write=True) as session:
            rows = [
                e
                for e in entries(session, entity="segment", limit=1_000_000)
                if e.batch == batch and e.action == "bulk-fix"
            ]
            if not rows:
                raise NotFoundError(f"no bulk fix {batch!r} in the history")
            current = repo.segments_by_id(session, [int(e.entity_id) for e in rows])
            stale = [
                e.entity_id
                for e in rows
                if int(e.entity_id) not in current or current[int(e.entity_id)].text != e.new
            ]
            if stale:
                raise WorkbenchError(
                    "cannot undo: segment(s) "
                    + ", ".join(stale)
                    + " changed after the fix; undoing would lose those edits"
                )
            for entry in rows:
                segment = current[int(entry.entity_id)]
                repo.update_segment_text(
                    session,
                    segment.id,
                    expected_revision=segment.revision,
                    text=entry.old or "",
                    user=self.user,
                    action="undo-bulk-fix",
                    batch=undo_batch,
                    note=f"undo of {batch}",
                )
        return BulkFixResult(undo_batch, len(rows), len(rows))

    def bulk_fixes(self, limit: int = 20) -> list[tuple[str, str, str, int, str | None]]:
        """Recent bulk fixes: (batch, when, who, segments, note), newest first, for undo."""
        with self.db.session() as session:
            rows = [
                e
                for e in entries(session, entity="segment", limit=20_000)
                if e.action == "bulk-fix"
            ]
            undone = {
                (e.note or "").removeprefix("undo of ")
                for e in entries(session, entity="segment", limit=20_000)
                if e.action == "undo-bulk-fix"
            }
        batches: dict[str, list] = {}  # type: ignore[type-arg]
        for row in rows:
            if row.batch and row.batch not in undone:
                batches.setdefault(row.batch, []).append(row)
        return [
            (batch, rs[0].at.strftime("%Y-%m-%d %H:%M"), rs[0].user, len(rs), rs[0].note)
            for batch, rs in list(batches.items())[:limit]
        ]


def paragraph_units(
    document: str, source: list[Segment], target: list[Segment]
) -> list[_Unit] | None:
    """Pair two versions paragraph by paragraph when they have the same paragraph count
    (translations of these posts keep the paragraph structure); None otherwise."""
    src = group_by_paragraph(source)
    tgt = group_by_paragraph(target)
    if len(src) != len(tgt) or not src:
        return None
    return [_Unit(document, s, t) for s, t in zip(src, tgt, strict=True)]


def unit_pair(unit: _Unit) -> SegmentPair:
    return SegmentPair(
        src=tuple(s.text for s in unit.source),
        tgt=tuple(s.text for s in unit.target),
        src_lines=tuple(s.position for s in unit.source),
        tgt_lines=tuple(s.position for s in unit.target),
        ref=unit,
    )
