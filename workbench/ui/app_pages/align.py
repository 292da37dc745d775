"""Align: pair a translation with its source sentence by sentence and correct the links.

The alignment the page shows is kept in the session until the person edits it, aligns
again or reloads: every edit is made against the revision on screen, so a change someone
else made meanwhile is reported instead of being silently built upon. Edits go through
``Workbench.edit_alignment`` and are undone and redone by their history ids, kept per
document and language as a stack of groups (one click that made several edits, such as
"confirm all on this page", is undone in one step).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import streamlit as st

from workbench.align import edit as ops
from workbench.errors import ConflictError, InputError, WorkbenchError
from workbench.formats.sources import SUPPORTED_SOURCE_EXTENSIONS
from workbench.language import SUPPORTED_LANGUAGES
from workbench.model import Segment
from workbench.services import AlignmentView, ImportFailed, ImportItem
from workbench.services.alignment import LOW_CONFIDENCE
from workbench.ui.state import workbench
from workbench.ui.text import escape_markdown, sentence_cut

LINKS_PER_PAGE = 30
ROWS_PER_PAGE = 30
DETECT = "Detect automatically"
SIDES = {"src": "Source", "tgt": "Translation"}
KEPT_WIDGETS = ("al_doc", "al_lang_", "al_grid_langs_", "al_side", "al_sentence_")

Pair = tuple[str, str]

bench = workbench()
state = st.session_state

st.title("Align")

# Row and toolbar styling; the rules are constants, never user text. A row's container key
# says whether it is the current link and whether it needs checking.
st.html(
    """<style>
div[class*="st-key-al_row_"], div[class*="st-key-al_grow_"] {
  padding: 0.35rem 0.75rem;
}
div[class*="st-key-al_row_"][class*="_low"],
div[class*="st-key-al_grow_"][class*="_low"] {
  border-left: 6px solid #ff8c00;
  background: rgba(255, 164, 33, 0.09);
}
div[class*="st-key-al_row_"][class*="_cur"] {
  outline: 3px solid #1c83e1;
  outline-offset: -1px;
  background: rgba(28, 131, 225, 0.08);
}
div[data-testid="stLayoutWrapper"]:has(> div.st-key-al_toolbar) {
  position: sticky;
  top: 3.75rem;
  z-index: 50;
}
div.st-key-al_toolbar {
  background: var(--background-color, #ffffff);
  box-shadow: 0 6px 8px -6px rgba(0, 0, 0, 0.25);
}
</style>"""
)


def language_label(code: str) -> str:
    name = SUPPORTED_LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def problem(exc: WorkbenchError) -> str:
    """The problem of an error as the person should read it (no ``<input>:`` prefix)."""
    return exc.problem if isinstance(exc, InputError) and not exc.file else str(exc)


def flash(kind: str, text: str) -> None:
    state.setdefault("al_flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in state.pop("al_flash", []):
        getattr(st, kind)(text)


def progress_bar(label: str) -> tuple[Any, Any]:
    bar = st.progress(0.0, text=label)
    return bar, lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=m)


def percent(score: float) -> str:
    return f"{score:.0%}"


def sentences_markdown(segments: Sequence[Segment], empty: str) -> str:
    """Sentences one per line, each with its number in its text."""
    if not segments:
        return f":gray[*{empty}*]"
    return "  \n".join(f"`{s.position + 1}` {escape_markdown(s.text)}" for s in segments)


def span(indices: Sequence[int]) -> str:
    if not indices:
        return "none"
    first, last = indices[0] + 1, indices[-1] + 1
    return str(first) if first == last else f"{first}–{last}"


# -- what the page keeps -------------------------------------------------------------------


def kept_view(pair: Pair) -> AlignmentView | None:
    kept = state.get("al_view")
    return kept[1] if kept and kept[0] == pair else None


def keep_view(pair: Pair, view: AlignmentView | None) -> None:
    if view is None:
        state.pop("al_view", None)
    else:
        state["al_view"] = (pair, view)


def current(pair: Pair, count: int) -> int:
    index = state.setdefault("al_current", {}).get(pair, 0)
    return max(0, min(index, count - 1))


def set_current(pair: Pair, index: int, scroll: bool = False) -> None:
    """Make link ``index`` the current one; ``scroll`` brings its row into view."""
    state.setdefault("al_current", {})[pair] = max(0, index)
    if scroll:
        state["al_scroll"] = state.get("al_scroll", 0) + 1


def undo_stack(pair: Pair) -> list[dict[str, Any]]:
    """Steps to undo, last first: ``{"ids": [history ids], "what": description}``."""
    return state.setdefault("al_undo_stacks", {}).setdefault(pair, [])


def redo_stack(pair: Pair) -> list[dict[str, Any]]:
    return state.setdefault("al_redo_stacks", {}).setdefault(pair, [])


def forget_history(pair: Pair) -> None:
    state.setdefault("al_undo_stacks", {}).pop(pair, None)
    state.setdefault("al_redo_stacks", {}).pop(pair, None)


def report_conflict(pair: Pair, detail: str, what: str) -> None:
    state["al_conflict"] = {"pair": pair, "detail": detail, "what": what}


def describe(operation: str, args: dict[str, Any]) -> str:
    """An edit in words, for the undo and redo messages."""
    link = args.get("index", 0) + 1
    side = SIDES.get(args.get("side", ""), "").lower()
    sentence = args.get("sentence", 0) + 1
    return {
        "merge": f"merge of links {link} and {link + 1}",
        "split_link": f"split of link {link}",
        "detach": f"detach of link {link}",
        "move_up": f"move of a {side} sentence from link {link} up",
        "move_down": f"move of a {side} sentence from link {link} down",
        "confirm": f"{'confirmation' if args.get('value', True) else 'unconfirmation'} of "
        f"link {link}",
        "split_sentence": f"split of {side} sentence {sentence}",
        "join_sentences": f"join of {side} sentences {sentence} and {sentence + 1}",
    }.get(operation, operation)


# -- actions (run as callbacks, before the page is drawn) -----------------------------------


def edit(pair: Pair, operation: str, then: str = "stay", **args: Any) -> None:
    """One correction, made against the revision on screen."""
    view = kept_view(pair)
    if view is None:
        return
    index = current(pair, len(view.links))
    try:
        changed = bench.edit_alignment(pair[0], pair[1], view.revision, operation, **args)
    except ConflictError as exc:
        report_conflict(
            pair,
            f"the page shows revision {view.revision}, the alignment is now at revision "
            f"{exc.revision}",
            "Your change was not applied.",
        )
        return
    except WorkbenchError as exc:
        flash("error", escape_markdown(problem(exc)))
        return
    state.pop("al_conflict", None)
    if changed.last_edit is not None:
        undo_stack(pair).append({"ids": [changed.last_edit], "what": describe(operation, args)})
        redo_stack(pair).clear()
    keep_view(pair, changed)
    if then == "next":
        found = ops.next_to_review(changed.state(), index, threshold=LOW_CONFIDENCE)
        if found is not None and found != index:
            set_current(pair, found, scroll=True)


def confirm_page(pair: Pair, indices: Sequence[int]) -> None:
    """Confirm every unconfirmed link of the page: one edit each, undone together."""
    view = kept_view(pair)
    if view is None:
        return
    first_revision = view.revision
    done: list[int] = []
    try:
        for index in indices:
            if view.confirmed[index]:
                continue
            view = bench.edit_alignment(
                pair[0], pair[1], view.revision, "confirm", index=index, value=True
            )
            if view.last_edit is not None:
                done.append(view.last_edit)
    except ConflictError as exc:
        report_conflict(
            pair,
            f"the page shows revision {first_revision}, the alignment is now at revision "
            f"{exc.revision}",
            f"{plural(len(done), 'link')} had been confirmed when it was noticed.",
        )
    except WorkbenchError as exc:
        flash("error", escape_markdown(problem(exc)))
    if done:
        what = f"confirmation of {plural(len(done), 'link')}"
        undo_stack(pair).append({"ids": done, "what": what})
        redo_stack(pair).clear()
        keep_view(pair, view)
        flash("success", f"Confirmed {plural(len(done), 'link')}.")


def split_sentence(pair: Pair, side: str, position: int, shown: str, key: str) -> None:
    """Cut a sentence where the person put ``|`` in its text."""
    view = kept_view(pair)
    if view is None:
        return
    try:
        offset = sentence_cut(shown, str(state.get(key, "")))
    except ValueError as exc:
        flash("error", escape_markdown(str(exc)))
        return
    # The revision covers the links, not the words: make sure the sentence still reads
    # as it did on screen, so the cut lands where the person put it.
    fresh = bench.alignment(*pair)
    segments = getattr(fresh, side) if fresh else []
    if position >= len(segments) or segments[position].text != shown:
        report_conflict(
            pair,
            f"{SIDES[side].lower()} sentence {position + 1} reads differently now",
            "The sentence was not split.",
        )
        return
    edit(pair, "split_sentence", side=side, sentence=position, offset=offset)
    state.pop(key, None)


def undo(pair: Pair) -> None:
    """Undo the last step, edit by edit (last first)."""
    stack = undo_stack(pair)
    if not stack:
        return
    step = stack.pop()
    undone: list[int] = []
    view = None
    for edit_id in reversed(step["ids"]):
        try:
            view = bench.undo_alignment_edit(pair[0], pair[1], edit_id)
        except ConflictError as exc:
            # The chain is broken for good: later steps were built on this one.
            forget_history(pair)
            report_conflict(
                pair,
                str(exc),
                "Your earlier edits can no longer be undone here"
                + (f" ({plural(len(undone), 'edit')} of the step were)." if undone else "."),
            )
            break
        except WorkbenchError as exc:
            stack.append({"ids": [i for i in step["ids"] if i not in undone], "what": step["what"]})
            flash("error", "Could not undo: " + escape_markdown(problem(exc)))
            break
        undone.insert(0, edit_id)
    if view is not None:
        keep_view(pair, view)
    if undone and undone == step["ids"]:
        redo_stack(pair).append(step)
        flash("info", f"Undone: {step['what']}.")


def redo(pair: Pair) -> None:
    """Do the last undone step again, if nobody changed the alignment since."""
    stack = redo_stack(pair)
    view = kept_view(pair)
    if not stack or view is None:
        return
    fresh = bench.alignment(*pair)
    if fresh is None or fresh.revision != view.revision:
        report_conflict(
            pair,
            f"the page shows revision {view.revision}, the alignment is now at revision "
            f"{fresh.revision if fresh else 'none'}",
            "Nothing was redone.",
        )
        return
    step = stack.pop()
    again: list[int] = []
    for number, edit_id in enumerate(step["ids"]):
        try:
            view = bench.redo_alignment_edit(pair[0], pair[1], edit_id)
        except WorkbenchError as exc:
            stack.append({"ids": step["ids"][number:], "what": step["what"]})
            flash("error", "Could not redo: " + escape_markdown(problem(exc)))
            break
        again.append(view.last_edit if view.last_edit is not None else edit_id)
    if again:
        undo_stack(pair).append({"ids": again, "what": step["what"]})
        keep_view(pair, view)
        if len(again) == len(step["ids"]):
            flash("info", f"Redone: {step['what']}.")


def reload(pair: Pair) -> None:
    keep_view(pair, None)
    state.pop("al_conflict", None)


def jump(pair: Pair, low_only: bool) -> None:
    view = kept_view(pair)
    if view is None or not view.links:
        return
    index = current(pair, len(view.links))
    found = ops.next_to_review(view.state(), index, threshold=LOW_CONFIDENCE, low_only=low_only)
    if found is None:
        flash(
            "info",
            "No low-confidence link is left to check." if low_only else "Every link is confirmed.",
        )
    else:
        set_current(pair, found, scroll=True)


def go_to(pair: Pair, key: str) -> None:
    value = state.get(key)
    if value is not None:
        set_current(pair, int(value) - 1, scroll=True)


# -- choosing the document and the translation ----------------------------------------------

documents = bench.list_documents()
if not documents:
    st.info("No documents yet. Import texts on the Documents page, or run `workbench demo`.")
    st.stop()

# Streamlit forgets the state of widgets that were not drawn in a run (another page was
# open): set the choices again so they survive.
for widget in [k for k in state if str(k).startswith(KEPT_WIDGETS)]:
    state[widget] = state[widget]

by_name = {d.name: d for d in documents}
names = list(by_name)
pending = state.pop("al_open", None)  # what an import just brought in
if pending and pending[0] in by_name:
    state["al_doc"] = pending[0]
    state[f"al_lang_{pending[0]}"] = pending[1]
if state.get("al_doc") not in by_name:
    wanted = st.query_params.get("doc")
    with_translation = [d.name for d in documents if len(d.versions) > 1]
    state["al_doc"] = wanted if wanted in by_name else (with_translation or names)[0]


def document_label(name: str) -> str:
    summary = by_name[name]
    langs = [v.lang for v in summary.versions if not v.is_source]
    return f"{name} ({summary.source_lang} → {', '.join(langs)})" if langs else name


pick_doc, pick_lang = st.columns([3, 2], vertical_alignment="bottom")
doc = pick_doc.selectbox("Document", names, key="al_doc", format_func=document_label)
st.query_params["doc"] = doc
summary = by_name[doc]
translations = [v.lang for v in summary.versions if not v.is_source]
lang: str | None = None
if translations:
    lang_key = f"al_lang_{doc}"
    if state.get(lang_key) not in translations:
        wanted = st.query_params.get("lang")
        state[lang_key] = wanted if wanted in translations else translations[0]
    lang = pick_lang.radio(
        "Translation",
        translations,
        format_func=language_label,
        horizontal=True,
        key=lang_key,
    )
    st.query_params["lang"] = lang
else:
    pick_lang.caption("No translation of this document yet: bring one below.")

# -- bringing a translation -----------------------------------------------------------------

with st.expander("Bring a translation of this document", expanded=not translations):
    with st.form("al_import", clear_on_submit=True):
        upload = st.file_uploader(
            "Translation (.txt, .md, .html, .docx)",
            type=[ext.lstrip(".") for ext in SUPPORTED_SOURCE_EXTENSIONS],
            help="Imported as a new language version of the chosen document, then aligned.",
        )
        taken = {v.lang for v in summary.versions}
        choices = [DETECT, *(c for c in SUPPORTED_LANGUAGES if c not in taken)]
        upload_lang = st.selectbox(
            "Language of the translation",
            choices,
            format_func=lambda c: c if c == DETECT else language_label(c),
            help="Detected from the text unless you choose one.",
        )
        submitted = st.form_submit_button("Import and align", type="primary")
    if submitted:
        if upload is None:
            st.warning("Choose a file to import.")
        else:
            bar, progress = progress_bar("Reading the file")
            try:
                outcomes = bench.import_items(
                    [
                        ImportItem(
                            data=upload.getvalue(),
                            filename=upload.name,
                            lang=None if upload_lang == DETECT else upload_lang,
                            translation_of=doc,
                        )
                    ],
                    progress=lambda f, m: progress(0.2 * f, m),
                )
            except ImportFailed as exc:
                bar.empty()
                st.error(
                    "Nothing was imported:\n\n"
                    + "\n".join(f"- {escape_markdown(str(e))}" for e in exc.errors)
                )
            except WorkbenchError as exc:
                bar.empty()
                st.error(escape_markdown(problem(exc)))
            else:
                outcome = outcomes[0]
                state["al_open"] = (doc, outcome.lang)
                lines = [
                    f"Imported **{escape_markdown(upload.name)}** as the "
                    f"{language_label(outcome.lang)} translation: {outcome.segments} sentences."
                ]
                lines.extend(escape_markdown(note) for note in outcome.notes)
                try:
                    [view] = bench.align_imported(
                        outcomes, progress=lambda f, m: progress(0.2 + 0.8 * f, m)
                    )
                except WorkbenchError as exc:
                    bar.empty()
                    flash("success", "  \n".join(lines))
                    flash("error", "Aligning failed: " + escape_markdown(problem(exc)))
                else:
                    bar.empty()
                    keep_view((doc, outcome.lang), view)
                    forget_history((doc, outcome.lang))
                    flash(
                        "success",
                        "  \n".join([*lines, f"Aligned: {plural(len(view.links), 'link')}."]),
                    )
                st.rerun()

if lang is None:
    show_flash()
    st.stop()

pair: Pair = (doc, lang)

# -- the alignment --------------------------------------------------------------------------

view = kept_view(pair)
if view is None:
    try:
        view = bench.alignment(doc, lang)
    except WorkbenchError as exc:
        st.error(escape_markdown(problem(exc)))
        st.stop()
    keep_view(pair, view)
    state.pop("al_conflict", None)  # what was on screen is gone: nothing to warn about

if view is None:
    show_flash()
    sizes = {v.lang: v.segments for v in summary.versions}
    st.info(
        f"The {language_label(lang)} translation is not aligned with its source yet: "
        f"{plural(sizes.get(lang, 0), 'sentence')} to pair with the "
        f"{plural(sizes.get(summary.source_lang, 0), 'sentence')} of the "
        f"{language_label(summary.source_lang)} source."
    )
    if st.button("Align", type="primary", key="al_align", icon=":material/join:"):
        bar, progress = progress_bar("Aligning")
        try:
            view = bench.align_document(doc, lang, progress=progress, keep_confirmed=True)
        except WorkbenchError as exc:
            bar.empty()
            st.error("Aligning failed: " + escape_markdown(problem(exc)))
        else:
            bar.empty()
            keep_view(pair, view)
            forget_history(pair)
            flash(
                "success",
                f"Aligned: {plural(len(view.links), 'link')}, "
                f"{plural(view.low_confidence, 'link')} to check.",
            )
            st.rerun()
    st.stop()

links = view.links
count = len(links)
if not count:
    st.info("Both texts are empty: there is nothing to align.")
    st.stop()
index = current(pair, count)
set_current(pair, index)

for warning in view.warnings:
    st.warning(
        f"**Check this alignment:** {escape_markdown(warning)}. Is this really the "
        f"{language_label(lang)} translation of this document?",
        icon=":material/warning:",
    )

m1, m2, m3, m4, m5 = st.columns([1, 1, 1, 1, 2], vertical_alignment="center")
m1.metric("Links", count)
m2.metric(
    "To check",
    view.low_confidence,
    help=f"Unconfirmed links below {percent(LOW_CONFIDENCE)} confidence, marked in orange.",
)
m3.metric("Unconfirmed", view.unconfirmed)
m4.metric("Mean confidence", percent(view.mean_confidence))
with m5:
    if st.button(
        "Re-align unconfirmed",
        key="al_realign",
        icon=":material/refresh:",
        help="Search again for every link you have not confirmed; confirmed links stay "
        "exactly as they are. Unconfirmed hand corrections are replaced, and the edits "
        "made so far can no longer be undone here.",
    ):
        bar, progress = progress_bar("Aligning again")
        try:
            again = bench.align_document(doc, lang, progress=progress, keep_confirmed=True)
        except WorkbenchError as exc:
            bar.empty()
            st.error("Aligning failed: " + escape_markdown(problem(exc)))
        else:
            bar.empty()
            keep_view(pair, again)
            forget_history(pair)
            state.pop("al_conflict", None)
            flash(
                "success",
                f"Aligned again: {plural(len(again.links), 'link')}, "
                f"{plural(again.low_confidence, 'link')} to check.",
            )
            st.rerun()

to_check = view.low_confidence
st.markdown(
    (
        f":orange-badge[:material/flag: {plural(to_check, 'link')} to check]"
        if to_check
        else ":green-badge[:material/check: no low-confidence link to check]"
    )
    + f" · revision {view.revision}"
)
with st.expander("How it was aligned"):
    st.caption("The aligner's signature: the settings and resources of the run.")
    st.code(view.signature or "(not recorded)", language=None, wrap_lines=True)

edit_tab, grid_tab = st.tabs(
    [f"Links: {language_label(lang)}", "All languages side by side"],
    key="al_tab",
    on_change="rerun",
)

# -- editing --------------------------------------------------------------------------------


def sentence_tools(view: AlignmentView, link_index: int) -> None:
    """Split a sentence of the current link where the person puts ``|``, or join it with
    the sentence after it."""
    link = view.links[link_index]
    sides = [s for s in SIDES if getattr(link, s)]
    if state.get("al_side") not in sides:
        state["al_side"] = sides[0]
    left, right = st.columns([1, 3])
    side = left.radio("Side", sides, format_func=lambda s: SIDES[s], horizontal=True, key="al_side")
    segments = getattr(view, side)
    positions = list(getattr(link, side))
    sentence_key = f"al_sentence_{side}"
    if state.get(sentence_key) not in positions:
        state[sentence_key] = positions[0]
    position = right.selectbox(
        "Sentence",
        positions,
        format_func=lambda p: f"{p + 1}: {segments[p].text[:100]}",
        key=sentence_key,
    )
    text = segments[position].text
    cut_key = f"al_cut_{side}_{position}_{zlib.crc32(text.encode()):08x}_{view.revision}"
    typed = st.text_area(
        "Type a | where the sentence should be cut (Ctrl+Enter shows the two parts)",
        value=text,
        key=cut_key,
        height=80,
    )
    offset: int | None = None
    try:
        offset = sentence_cut(text, typed or "")
    except ValueError as exc:
        if typed != text:
            st.caption(escape_markdown(str(exc)))
    else:
        st.markdown(
            f"**1:** {escape_markdown(text[:offset].rstrip())}  \n"
            f"**2:** {escape_markdown(text[offset:].lstrip())}"
        )
    if side == "src" and len(translations) > 1:
        st.caption(
            "The source is shared by every translation of this document: splitting or "
            "joining a source sentence changes it for all of them."
        )
    is_last = position >= len(segments) - 1
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            "Split",
            key="al_split_sentence",
            icon=":material/content_cut:",
            disabled=offset is None,
            help="Cut the sentence at the |; both parts stay in this link.",
            on_click=split_sentence,
            args=(pair, side, position, text, cut_key),
        )
        st.button(
            f"Join sentence {position + 1} with {position + 2}",
            key="al_join_sentence",
            icon=":material/join_inner:",
            disabled=is_last,
            help="Make one sentence of this one and the next; if the next one is in "
            "another link, the links are merged.",
            on_click=edit,
            args=(pair, "join_sentences"),
            kwargs={"side": side, "sentence": position},
        )
        if not is_last:
            st.caption(
                f"Next sentence: {escape_markdown(segments[position + 1].text[:160])}",
                width="stretch",
            )


def move_buttons(side: str, link_index: int) -> None:
    """Move the first sentence of one side into the link above, the last into the one below."""
    link = links[link_index]
    has = bool(getattr(link, side))
    name = SIDES[side].lower()
    keys = ("1", "2") if side == "src" else ("3", "4")
    with st.container(horizontal=True, gap="small"):
        st.button(
            "Move first up",
            key=f"al_move_{side}_up",
            icon=":material/north:",
            shortcut=keys[0],
            disabled=link_index == 0 or not has,
            help=f"Move the first {name} sentence of this link into the link above.",
            on_click=edit,
            args=(pair, "move_up"),
            kwargs={"index": link_index, "side": side},
        )
        st.button(
            "Move last down",
            key=f"al_move_{side}_down",
            icon=":material/south:",
            shortcut=keys[1],
            disabled=link_index >= len(links) - 1 or not has,
            help=f"Move the last {name} sentence of this link into the link below.",
            on_click=edit,
            args=(pair, "move_down"),
            kwargs={"index": link_index, "side": side},
        )


def toolbar(view: AlignmentView, link_index: int) -> None:
    """What the current link is, and what can be done with it."""
    link = links[link_index]
    confirmed = view.confirmed[link_index]
    conflict = state.get("al_conflict")
    show_flash()
    if conflict and conflict["pair"] == pair:
        st.error(
            "**Someone else changed this alignment since the page loaded it** "
            f"({escape_markdown(conflict['detail'])}). {conflict['what']} Reload to see the "
            "links as they are now; you stay at the same link.",
            icon=":material/sync_problem:",
        )
        st.button(
            "Reload",
            key="al_reload_conflict",
            type="primary",
            icon=":material/refresh:",
            on_click=reload,
            args=(pair,),
        )
    facts = [
        f"**Link {link_index + 1}** of {count}",
        f"source {span(link.src)} → translation {span(link.tgt)}",
        f"confidence {percent(link.score)}",
    ]
    if confirmed:
        facts.append(":green[:material/check_circle: confirmed]")
    elif link.score < LOW_CONFIDENCE:
        facts.append(":orange[:material/flag: to check]")
    st.markdown(" · ".join(facts))
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        st.button(
            "Previous",
            key="al_prev",
            icon=":material/arrow_upward:",
            shortcut="K",
            disabled=link_index == 0,
            on_click=set_current,
            args=(pair, link_index - 1, True),
        )
        st.button(
            "Next",
            key="al_next",
            icon=":material/arrow_downward:",
            shortcut="J",
            disabled=link_index >= count - 1,
            on_click=set_current,
            args=(pair, link_index + 1, True),
        )
        st.button(
            "Next unconfirmed",
            key="al_next_unconfirmed",
            icon=":material/skip_next:",
            shortcut="N",
            on_click=jump,
            args=(pair, False),
        )
        st.button(
            "Next to check",
            key="al_next_low",
            icon=":material/flag:",
            shortcut="L",
            help="The next unconfirmed link with low confidence.",
            on_click=jump,
            args=(pair, True),
        )
        st.markdown(":gray[Go to link]", width="content")
        state["al_goto"] = link_index + 1
        st.number_input(
            "Go to link",
            min_value=1,
            max_value=count,
            step=1,
            key="al_goto",
            on_change=go_to,
            args=(pair, "al_goto"),
            width=140,
            label_visibility="collapsed",
            help="Type a link number and press Enter.",
        )
    with st.container(horizontal=True, gap="small", vertical_alignment="center"):
        if confirmed:
            st.button(
                "Unconfirm",
                key="al_confirm",
                icon=":material/remove_done:",
                shortcut="Y",
                help="This link is not right after all.",
                on_click=edit,
                args=(pair, "confirm"),
                kwargs={"index": link_index, "value": False},
            )
        else:
            st.button(
                "Confirm",
                key="al_confirm",
                type="primary",
                icon=":material/check:",
                shortcut="Y",
                help="Mark this link right and go to the next unconfirmed one. Confirmed "
                "links are kept when aligning again.",
                on_click=edit,
                args=(pair, "confirm", "next"),
                kwargs={"index": link_index, "value": True},
            )
        st.button(
            "Merge with next",
            key="al_merge",
            icon=":material/merge:",
            shortcut="M",
            disabled=link_index >= count - 1,
            help="One link of this link's and the next link's sentences.",
            on_click=edit,
            args=(pair, "merge"),
            kwargs={"index": link_index},
        )
        st.button(
            "Split link",
            key="al_split_link",
            icon=":material/call_split:",
            shortcut="B",
            disabled=len(link.src) <= 1 and len(link.tgt) <= 1,
            help="Break the link into one-to-one links; leftover sentences stay without a partner.",
            on_click=edit,
            args=(pair, "split_link"),
            kwargs={"index": link_index},
        )
        st.button(
            "Detach",
            key="al_detach",
            icon=":material/link_off:",
            shortcut="D",
            disabled=not (len(link.src) == 1 and len(link.tgt) == 1),
            help="The two sentences do not translate each other: give each an empty partner.",
            on_click=edit,
            args=(pair, "detach"),
            kwargs={"index": link_index},
        )
        st.space("stretch")
        undos, redos = undo_stack(pair), redo_stack(pair)
        st.button(
            "Undo",
            key="al_undo",
            icon=":material/undo:",
            shortcut="Z",
            disabled=not undos,
            help=f"{plural(len(undos), 'step')} to undo.",
            on_click=undo,
            args=(pair,),
        )
        st.button(
            "Redo",
            key="al_redo",
            icon=":material/redo:",
            shortcut="Shift+Z",
            disabled=not redos,
            help=f"{plural(len(redos), 'step')} to redo.",
            on_click=redo,
            args=(pair,),
        )
        st.button(
            "",
            key="al_reload",
            icon=":material/refresh:",
            help="Reload: read the alignment again, with anyone else's changes.",
            on_click=reload,
            args=(pair,),
        )


if edit_tab.open:
    with edit_tab:
        page = index // LINKS_PER_PAGE
        pages = max(1, -(-count // LINKS_PER_PAGE))
        first = page * LINKS_PER_PAGE
        shown = range(first, min(first + LINKS_PER_PAGE, count))

        with st.container(border=True, key="al_toolbar"):
            toolbar(view, index)

        nav = st.container(horizontal=True, gap="small", vertical_alignment="center")
        if pages > 1:
            nav.button(
                "Previous page",
                key="al_page_prev",
                icon=":material/first_page:",
                disabled=page == 0,
                on_click=set_current,
                args=(pair, first - LINKS_PER_PAGE, True),
            )
            nav.markdown(
                f"Links {first + 1}–{shown[-1] + 1} of {count} · page {page + 1} of {pages}",
                width="content",
            )
            nav.button(
                "Next page",
                key="al_page_next",
                icon=":material/last_page:",
                disabled=page >= pages - 1,
                on_click=set_current,
                args=(pair, first + LINKS_PER_PAGE, True),
            )
        open_here = [i for i in shown if not view.confirmed[i]]
        nav.button(
            f"Confirm all on this page ({len(open_here)})",
            key="al_confirm_page",
            icon=":material/done_all:",
            disabled=not open_here,
            help="Confirm every unconfirmed link shown here; one Undo takes it back.",
            on_click=confirm_page,
            args=(pair, open_here),
        )

        widths = [0.9, 5, 5, 1.3]
        head = st.columns(widths)
        head[1].markdown(f"**Source** · {language_label(view.source_lang)}")
        head[2].markdown(f"**Translation** · {language_label(lang)}")
        head[3].markdown("**Confidence**")
        for number in shown:
            row = links[number]
            confirmed = view.confirmed[number]
            needs_check = not confirmed and row.score < LOW_CONFIDENCE
            is_current = number == index
            marks = ("_cur" if is_current else "") + ("_low" if needs_check else "")
            with st.container(border=True, key=f"al_row_{number}{marks}"):
                c0, c1, c2, c3 = st.columns(widths)
                c0.button(
                    str(number + 1),
                    key=f"al_pick_{number}",
                    type="primary" if is_current else "secondary",
                    help="The current link" if is_current else "Make this the current link.",
                    on_click=set_current,
                    args=(pair, number),
                )
                c1.markdown(
                    sentences_markdown([view.src[i] for i in row.src], "no source sentence")
                )
                c2.markdown(sentences_markdown([view.tgt[i] for i in row.tgt], "not translated"))
                if confirmed:
                    c3.markdown(f":green-badge[:material/check: {percent(row.score)}]")
                elif needs_check:
                    c3.markdown(f":orange-badge[:material/flag: {percent(row.score)}]")
                else:
                    c3.markdown(f":gray[{percent(row.score)}]")
                if is_current:
                    with c1:
                        move_buttons("src", number)
                    with c2:
                        move_buttons("tgt", number)
                    with st.expander(
                        "Split or join a sentence of this link", key="al_sentence_tools"
                    ):
                        sentence_tools(view, number)
        # After moving to another link (keys J/K/N/L, the page buttons, a link number), bring
        # its row into view. The script is a constant; the number only makes it run again.
        asked = state.get("al_scroll", 0)
        if asked != state.get("al_scrolled", 0):
            state["al_scrolled"] = asked
            st.html(
                f"<script>/* {asked} */ setTimeout(() => document.querySelector("
                '\'div[class*="st-key-al_row_"][class*="_cur"]\')'
                "?.scrollIntoView({block: 'center', behavior: 'smooth'}), 150);</script>",
                unsafe_allow_javascript=True,
            )


# -- every language ------------------------------------------------------------------------

if grid_tab.open:
    with grid_tab:
        show_flash()
        try:
            rows, grid_langs = bench.grid(doc)
        except WorkbenchError as exc:
            st.error(escape_markdown(problem(exc)))
            st.stop()
        unaligned = [t for t in translations if t not in grid_langs]
        st.caption(
            "Read-only: every aligned translation beside the source. A row is the smallest "
            "stretch of source sentences no language's link crosses."
            + (
                " Not aligned yet, so not shown: " + ", ".join(map(language_label, unaligned))
                if unaligned
                else ""
            )
        )
        langs_key = f"al_grid_langs_{doc}"
        if langs_key in state:
            state[langs_key] = [x for x in state[langs_key] if x in grid_langs]
        total = len(rows)
        grid_pages = max(1, -(-total // ROWS_PER_PAGE))
        pick_langs, pick_page = st.columns([4, 1])
        chosen = pick_langs.multiselect(
            "Languages", grid_langs, default=grid_langs, format_func=language_label, key=langs_key
        )
        grid_page = 1
        page_key = f"al_grid_page_{doc}"
        if state.get(page_key, 1) > grid_pages:
            state[page_key] = grid_pages
        if grid_pages > 1:
            grid_page = int(
                pick_page.number_input(
                    f"Page (of {grid_pages})",
                    min_value=1,
                    max_value=grid_pages,
                    step=1,
                    key=page_key,
                )
            )
        start = (grid_page - 1) * ROWS_PER_PAGE
        widths = [0.5, *([4] * (1 + len(chosen)))]
        head = st.columns(widths)
        head[1].markdown(f"**Source** · {language_label(summary.source_lang)}")
        for column, code in zip(head[2:], chosen, strict=True):
            column.markdown(f"**{language_label(code)}**")
        for number, grid_row in enumerate(rows[start : start + ROWS_PER_PAGE], start=start):
            weak = any(grid_row.scores.get(code, 1.0) < LOW_CONFIDENCE for code in chosen)
            with st.container(border=True, key=f"al_grow_{number}" + ("_low" if weak else "")):
                cells = st.columns(widths)
                cells[0].markdown(f"`{number + 1}`")
                cells[1].markdown(sentences_markdown(grid_row.source, "no source sentence"))
                for cell, code in zip(cells[2:], chosen, strict=True):
                    score = grid_row.scores.get(code)
                    text = sentences_markdown(grid_row.targets.get(code, ()), "not translated")
                    if score is not None and score < LOW_CONFIDENCE:
                        text = f":orange-badge[:material/flag: {percent(score)}]  \n" + text
                    cell.markdown(text)
        if not rows:
            st.caption("Nothing to show.")
        st.caption(plural(total, "row"))
