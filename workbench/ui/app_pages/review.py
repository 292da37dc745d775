"""Review: is every glossary term rendered the approved way across the corpus? And the fix.

The corpus report and the term matrix are computed once per language and kept in the
session until asked again (or until a bulk fix changes the texts). A bulk fix is previewed
occurrence by occurrence and applies exactly the preview the person accepted: a segment
changed since then is left alone and reported.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

import pandas as pd
import streamlit as st

from workbench.errors import WorkbenchError
from workbench.glossary import TermStatus
from workbench.language import SUPPORTED_LANGUAGES
from workbench.ui.state import workbench
from workbench.ui.text import code_text, escape_markdown, highlight

bench = workbench()
state = st.session_state

KINDS = {
    "forbidden_variant": "Forbidden",
    "wrong_inflection": "Wrong inflection",
    "local_plural": "Local plural",
    "missing_term": "Missing",
    "preferred": "Preferred",
    "allowed": "Allowed",
}
PROBLEM_KINDS = ("forbidden_variant", "wrong_inflection", "local_plural", "missing_term")
FIXABLE_KINDS = ("forbidden_variant", "wrong_inflection", "local_plural")
COUNT_COLUMNS = ("preferred", "allowed", *PROBLEM_KINDS)
OCCURRENCES_SHOWN = 100
PROPOSALS_SHOWN = 300
EVERY_VARIANT = ""
KEPT_WIDGETS = (
    "rv_show_all",
    "rv_concept_",
    "rv_kind_",
    "rv_matrix_drift",
    "rv_fix_concept_",
    "rv_fix_variant_",
    "rv_accept_",
)

st.title("Review")


def language_label(code: str) -> str:
    name = SUPPORTED_LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def flash(kind: str, text: str) -> None:
    state.setdefault("rv_flash", []).append((kind, text))


def forget_results() -> None:
    """The texts changed: the report, the matrix and any preview are out of date."""
    for key in ("rv_report", "rv_matrix", "rv_fix"):
        state.pop(key, None)


def progress_bar(label: str) -> tuple[Any, Any]:
    bar = st.progress(0.0, text=label)
    return bar, lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=m)


def forget_stale_choice(key: str, options: list[Any]) -> None:
    """A choice kept from an earlier run that is no longer offered goes back to default."""
    if key in state and state[key] not in options:
        del state[key]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def where(document: str, position: int | None) -> str:
    place = f"sentence {position + 1}" if position is not None else "paragraph"
    return f"**{escape_markdown(document)}** · {place}"


# Streamlit forgets the state of widgets that were not drawn in a run (another tab or page
# was open): set the choices again so they survive.
for widget in [k for k in state if str(k).startswith(KEPT_WIDGETS)]:
    if str(widget).startswith("rv_accept_") and not str(widget).startswith(
        f"rv_accept_{state.get('rv_fix_gen')}_"
    ):
        del state[widget]  # a choice in an earlier preview
    else:
        state[widget] = state[widget]

documents = bench.list_documents()
if not documents:
    st.info("No documents yet. Import texts on the Documents page, or run `workbench demo`.")
    st.stop()

sources = list(dict.fromkeys(d.source_lang for d in documents))
# Translation languages, the one with the most documents first (the default).
translation_counts = Counter(v.lang for d in documents for v in d.versions if not v.is_source)
translations = [lang for lang, _ in translation_counts.most_common()]
languages = translations + [lang for lang in sources if lang not in translations]

for kind, text in state.pop("rv_flash", []):
    getattr(st, kind)(text)

top_left, top_right = st.columns([5, 1], vertical_alignment="bottom")
lang = top_left.radio(
    "Language to review",
    languages,
    format_func=lambda c: language_label(c) + (" · source" if c not in translations else ""),
    horizontal=True,
    key="rv_lang",
)
if top_right.button(
    "Check again", key="rv_refresh", help="Read the corpus and the glossary again."
):
    forget_results()


# What the results kept in the session were computed from: the glossary (the service hands
# out the same termbase object until the glossary changes) and the documents' versions.
termbase = bench.termbase()
corpus = tuple((d.name, tuple((v.lang, v.segments) for v in d.versions)) for d in documents)


def current(key: str) -> Any:
    """A kept result, unless the glossary or the documents changed since."""
    kept = state.get(key)
    if kept and kept["termbase"] is termbase and kept["corpus"] == corpus:
        return kept
    return None


def corpus_report() -> tuple[Any, str]:
    """The report of the chosen language, computed once and kept in the session."""
    cached = current("rv_report")
    if not cached or cached["lang"] != lang:
        bar, progress = progress_bar(f"Checking the {language_label(lang)} texts")
        try:
            report = bench.corpus_report(lang, progress=progress)
        except WorkbenchError as exc:
            bar.empty()
            st.error(escape_markdown(str(exc)))
            st.stop()
        bar.empty()
        cached = state["rv_report"] = {
            "lang": lang,
            "report": report,
            "at": datetime.now().strftime("%H:%M:%S"),
            "termbase": termbase,
            "corpus": corpus,
        }
    return cached["report"], cached["at"]


# Keyed, so the open tab survives reruns; only the open tab's content runs.
report_tab, matrix_tab, fix_tab = st.tabs(
    ["Corpus report", "Term matrix", "Bulk fix"], key="rv_tab", on_change="rerun"
)

# -- corpus report -----------------------------------------------------------------------

if report_tab.open:
    with report_tab:
        report, checked_at = corpus_report()

        totals = {kind: sum(c.counts[kind] for c in report.concepts) for kind in KINDS}
        st.caption(
            f"{plural(len(report.documents), 'document')} in {language_label(lang)} checked "
            f"against {plural(len(report.concepts), 'glossary concept')} at {checked_at}."
        )
        m1, m2, m3, m4, m5 = st.columns(5)
        m1.metric("Approved renderings", totals["preferred"] + totals["allowed"])
        m2.metric("Forbidden", totals["forbidden_variant"])
        m3.metric("Wrong inflection", totals["wrong_inflection"] + totals["local_plural"])
        m4.metric("Missing", totals["missing_term"])
        m5.metric("Inconsistent", len(report.inconsistent))

        if report.unaligned:
            st.warning(
                "Not paired with their source paragraph by paragraph, so missing terms are not "
                "counted in: " + ", ".join(f"`{code_text(d)}`" for d in report.unaligned)
            )

        show_all = st.toggle("Show concepts that do not occur", key="rv_show_all")
        rows = []
        for concept in report.concepts:
            if not show_all and not sum(concept.counts.values()):
                continue
            rows.append(
                {
                    "": "⚠" if concept.problems else "✓",
                    "Concept": concept.concept_id,
                    "Term": concept.preferred,
                    **{KINDS[kind]: concept.counts[kind] for kind in COUNT_COLUMNS},
                }
            )
        if rows:
            st.dataframe(
                pd.DataFrame(rows),
                hide_index=True,
                width="stretch",
                height=min(38 + 35 * len(rows), 420),
                column_config={"": st.column_config.TextColumn("", width="small")},
            )
        else:
            st.caption("No glossary term occurs in these texts.")

        if report.inconsistent:
            st.subheader("Inconsistent renderings")
            st.caption(
                "Concepts written more than one approved way in the same text: each is allowed, "
                "but readers see the term drift."
            )
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            "Concept": f.concept_id or "",
                            "Renderings": f.found or f.message,
                            "Suggested": f.suggestion or "",
                        }
                        for f in report.inconsistent
                    ]
                ),
                hide_index=True,
                width="stretch",
            )

        st.subheader("Occurrences")
        found = [c for c in report.concepts if sum(c.counts.values())]
        if not found:
            st.caption("Nothing to show.")
        else:
            forget_stale_choice(f"rv_concept_{lang}", [c.concept_id for c in found])
            chosen = st.selectbox(
                "Concept",
                [c.concept_id for c in found],
                format_func=lambda cid: (
                    f"{cid} — {report.concept(cid).preferred}"  # type: ignore[union-attr]
                    + (
                        f" ({report.concept(cid).problems} problems)"  # type: ignore[union-attr]
                        if report.concept(cid).problems  # type: ignore[union-attr]
                        else ""
                    )
                ),
                key=f"rv_concept_{lang}",
            )
            concept = report.concept(chosen)
            assert concept is not None
            kinds = [k for k in KINDS if concept.counts[k]]
            forget_stale_choice(f"rv_kind_{lang}_{chosen}", kinds)
            kind = st.radio(
                "Kind",
                kinds,
                format_func=lambda k: f"{KINDS[k]} ({concept.counts[k]})",
                horizontal=True,
                key=f"rv_kind_{lang}_{chosen}",
            )
            occurrences = [o for o in concept.occurrences if o.kind == kind]
            if len(occurrences) > OCCURRENCES_SHOWN:
                st.caption(f"The first {OCCURRENCES_SHOWN} of {len(occurrences)}.")
            style = "red-background" if kind in PROBLEM_KINDS else "green-background"
            for occurrence in occurrences[:OCCURRENCES_SHOWN]:
                with st.container(border=True):
                    st.caption(where(occurrence.document, occurrence.position))
                    if occurrence.kind == "missing_term":
                        source = occurrence.source_text or ""
                        found_text = occurrence.found or ""
                        at = source.casefold().find(found_text.casefold()) if found_text else -1
                        st.markdown(
                            "**Source:** "
                            + (
                                highlight(source, at, at + len(found_text), "orange-background")
                                if at >= 0
                                else escape_markdown(source)
                            )
                            + "  \n**Translation:** "
                            + escape_markdown(occurrence.text)
                        )
                        st.markdown(
                            f"The source has {escape_markdown(found_text) or 'the term'}; the "
                            "translation has no approved rendering of it"
                            + (
                                f". Expected: **{escape_markdown(occurrence.suggestion)}**"
                                if occurrence.suggestion
                                else "."
                            )
                        )
                        continue
                    start, end = occurrence.span or (0, 0)
                    st.markdown(highlight(occurrence.text, start, end, style))
                    if occurrence.suggestion:
                        st.markdown(
                            f"Found **{escape_markdown(occurrence.found or '')}**; use "
                            f"**{escape_markdown(occurrence.suggestion)}**"
                        )

# -- term matrix -------------------------------------------------------------------------

if matrix_tab.open:
    with matrix_tab:
        kept = current("rv_matrix")
        if kept is None:
            bar, progress = progress_bar("Reading every language")
            try:
                matrix = bench.term_matrix(progress=progress)
            except WorkbenchError as exc:
                st.error(escape_markdown(str(exc)))
                matrix = {}
            bar.empty()
            kept = state["rv_matrix"] = {"matrix": matrix, "termbase": termbase, "corpus": corpus}
        matrix = kept["matrix"]
        matrix_langs = [
            lg for lg in [*sources, *translations] if any(lg in m for m in matrix.values())
        ]
        st.caption(
            "The renderings actually used for each concept in each language, most frequent "
            "first. ⚠ marks a forbidden variant or a wrong form; several approved renderings in "
            "one language show drift."
        )
        only_drift = st.toggle(
            "Only concepts with problems or several renderings", key="rv_matrix_drift"
        )
        records = []
        for concept_id, by_lang in matrix.items():
            problems = sum(r.count for rs in by_lang.values() for r in rs if r.kind != "ok")
            ways = max((len(rs) for rs in by_lang.values()), default=0)
            if only_drift and not problems and ways < 2:
                continue
            record: dict[str, Any] = {
                "Concept": concept_id,
                "Problems": problems,
                "Most renderings": ways,
            }
            for lg in matrix_langs:
                record[lg] = "; ".join(
                    f"{'⚠ ' if r.kind != 'ok' else ''}{r.text} ×{r.count}"
                    for r in by_lang.get(lg, [])
                )
            records.append(record)
        records.sort(key=lambda r: (-r["Problems"], -r["Most renderings"], r["Concept"]))
        if records:
            st.dataframe(
                pd.DataFrame(records),
                hide_index=True,
                width="stretch",
                height=min(38 + 35 * len(records), 640),
                column_config={
                    "Concept": st.column_config.TextColumn("Concept", pinned=True, width="medium"),
                    "Most renderings": st.column_config.NumberColumn(
                        "Most renderings",
                        help="The most different renderings used in one language.",
                    ),
                    **{lg: st.column_config.TextColumn(language_label(lg)) for lg in matrix_langs},
                },
            )
        else:
            st.caption("No glossary term occurs in the corpus." if not only_drift else "No drift.")

# -- bulk fix ----------------------------------------------------------------------------

if fix_tab.open:
    with fix_tab:
        st.caption(
            f"Replace a wrong rendering everywhere in the {language_label(lang)} texts, keeping "
            "each occurrence's inflection and case. Check every change before applying; the "
            "whole fix can be undone."
        )
        concepts = [c for c in termbase.concepts_for(lang)]
        if not concepts:
            st.info(f"The glossary has no {language_label(lang)} terms.")
        else:
            to_fix = {
                c.concept_id: sum(c.counts[k] for k in FIXABLE_KINDS)
                for c in corpus_report()[0].concepts
            }

            def preferred_term(cid: str) -> str:
                term = termbase.concept(cid).preferred(lang)
                return term.text if term else ""

            ids = sorted((c.id for c in concepts), key=lambda cid: (-to_fix.get(cid, 0), cid))
            forget_stale_choice(f"rv_fix_concept_{lang}", ids)
            c1, c2 = st.columns(2)
            fix_concept = c1.selectbox(
                "Concept",
                ids,
                format_func=lambda cid: (
                    f"{cid} — {preferred_term(cid)}"
                    + (f" ({to_fix[cid]} to fix)" if to_fix.get(cid) else "")
                ),
                key=f"rv_fix_concept_{lang}",
            )
            forbidden = [
                t.text for t in termbase.concept(fix_concept).terms_for(lang, TermStatus.FORBIDDEN)
            ]
            forget_stale_choice(f"rv_fix_variant_{lang}_{fix_concept}", [EVERY_VARIANT, *forbidden])
            variant = c2.selectbox(
                "Wrong rendering",
                [EVERY_VARIANT, *forbidden],
                format_func=lambda v: v or "Every wrong rendering (forbidden variants and forms)",
                key=f"rv_fix_variant_{lang}_{fix_concept}",
            )
            signature = (lang, fix_concept, variant)
            preview = state.get("rv_fix")
            a0, a1, a2, a3 = st.columns([1.2, 1, 1, 4], vertical_alignment="center")
            again = a0.button(
                "Preview again", key="rv_fix_again", help="Read the texts again for this fix."
            )
            if (
                again
                or not preview
                or preview["signature"] != signature
                or preview["termbase"] is not termbase
            ):
                try:
                    proposals = bench.bulk_fix_preview(lang, fix_concept, variant=variant or None)
                except WorkbenchError as exc:
                    st.error(escape_markdown(str(exc)))
                    proposals = []
                preview = state["rv_fix"] = {
                    "signature": signature,
                    "termbase": termbase,
                    "proposals": proposals,
                    "gen": state.get("rv_fix_gen", 0) + 1,
                }
                state["rv_fix_gen"] = preview["gen"]
            proposals = preview["proposals"]

            def accept_key(proposal: Any) -> str:
                return f"rv_accept_{preview['gen']}_{proposal.key}"

            def accept_all(value: bool) -> None:
                for proposal in proposals:
                    state[accept_key(proposal)] = value

            if not proposals:
                st.success(
                    f"No wrong rendering of {escape_markdown(fix_concept)} in the "
                    f"{language_label(lang)} texts."
                )
            else:
                a1.button("Accept all", key="rv_fix_all", on_click=accept_all, args=(True,))
                a2.button("Skip all", key="rv_fix_none", on_click=accept_all, args=(False,))
                a3.caption(
                    f"{plural(len(proposals), 'occurrence')} in "
                    f"{plural(len({p.segment_id for p in proposals}), 'sentence')}. Uncheck "
                    "the ones to leave as they are."
                )
                for proposal in proposals[:PROPOSALS_SHOWN]:
                    with st.container(border=True):
                        left, right = st.columns([1, 11])
                        if accept_key(proposal) not in state:
                            state[accept_key(proposal)] = True
                        left.checkbox("Apply", key=accept_key(proposal))
                        right.caption(
                            where(proposal.document, proposal.position)
                            + f" · {escape_markdown(proposal.found)} → "
                            + escape_markdown(proposal.replacement)
                        )
                        right.markdown(
                            "**Before:** "
                            + highlight(
                                proposal.text, proposal.start, proposal.end, "red-background"
                            )
                        )
                        after_end = proposal.start + len(proposal.replacement)
                        right.markdown(
                            "**After:** "
                            + highlight(
                                proposal.preview(), proposal.start, after_end, "green-background"
                            )
                        )
                if len(proposals) > PROPOSALS_SHOWN:
                    st.caption(
                        f"Only the first {PROPOSALS_SHOWN} are shown and can be applied; apply "
                        "them, then preview again for the rest."
                    )
                accepted = [
                    p for p in proposals[:PROPOSALS_SHOWN] if state.get(accept_key(p), True)
                ]
                if st.button(
                    f"Apply {len(accepted)} accepted",
                    type="primary",
                    key="rv_fix_apply",
                    disabled=not accepted,
                ):
                    try:
                        result = bench.apply_bulk_fix(accepted)
                    except WorkbenchError as exc:
                        st.error("Nothing was changed. " + escape_markdown(str(exc)))
                    else:
                        forget_results()
                        if result.changed:
                            flash(
                                "success",
                                f"Changed {plural(result.occurrences, 'occurrence')} in "
                                f"{plural(result.changed, 'sentence')} (fix "
                                f"`{code_text(result.batch or '')}`). Undo it under Recent bulk "
                                "fixes.",
                            )
                        if result.conflicts:
                            flash(
                                "warning",
                                "Left alone because they changed since the preview:\n\n"
                                + "\n".join(f"- {escape_markdown(c)}" for c in result.conflicts),
                            )
                        if not result.changed and not result.conflicts:
                            flash("info", "Nothing was changed.")
                        st.rerun()

        st.subheader("Recent bulk fixes")
        fixes = bench.bulk_fixes()
        if not fixes:
            st.caption("None yet.")
        for batch, at, user, count, note in fixes:
            with st.container(border=True):
                left, right = st.columns([6, 1], vertical_alignment="center")
                left.markdown(
                    f"{at} · {escape_markdown(user)} · {count} sentences"
                    + (f" · {escape_markdown(note)}" if note else "")
                    + f"  \nfix `{code_text(batch)}`"
                )
                if right.button("Undo", key=f"rv_undo_{batch}"):
                    try:
                        result = bench.undo_bulk_fix(batch)
                    except WorkbenchError as exc:
                        left.error(escape_markdown(str(exc)))
                    else:
                        forget_results()
                        flash("success", f"Undone: {plural(result.changed, 'sentence')} restored.")
                        st.rerun()
