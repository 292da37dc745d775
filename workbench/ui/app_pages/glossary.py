"""Glossary: edit the shared glossary, see how its terms are used, import, export, undo.

The editor works on a copy of the glossary as it was loaded (kept in the session with the
revision of every entry), so a save writes only what this person changed and is refused,
showing both versions, when someone else changed the same entry meanwhile. Filtering only
hides rows: edits made under one filter are kept when the filter changes, and rows hidden
by the filter are saved unchanged, never taken as deleted.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Any

import pandas as pd
import streamlit as st

from workbench.errors import InputError, WorkbenchError
from workbench.formats.glossary_csv import COLUMNS
from workbench.language import SUPPORTED_LANGUAGES
from workbench.services import GlossaryChange, GlossaryConflict
from workbench.ui.state import workbench
from workbench.ui.text import code_text, escape_markdown

bench = workbench()
state = st.session_state

st.title("Glossary")

ORDER = [
    "concept_id",
    "lang",
    "preferred",
    "allowed_variants",
    "forbidden_variants",
    "note",
    "part_of_speech",
    "indeclinable",
    "forms",
    "case_sensitive",
    "accent_insensitive",
    "definition",
    "subject",
]
ORDER += [c for c in COLUMNS if c not in ORDER]
FLAGS = ("case_sensitive", "accent_insensitive")
CONCEPT_FIELDS = ("definition", "subject")
SEARCHED = ("concept_id", "preferred", "allowed_variants", "forbidden_variants", "forms")
LABELS = {
    "concept_id": "Concept",
    "lang": "Lang",
    "preferred": "Preferred term",
    "allowed_variants": "Allowed variants",
    "forbidden_variants": "Forbidden variants",
    "note": "Note",
    "part_of_speech": "Part of speech",
    "indeclinable": "Indeclinable",
    "forms": "Extra forms",
    "case_sensitive": "Case sensitive",
    "accent_insensitive": "Accent insensitive",
    "definition": "Definition",
    "subject": "Subject",
}
KIND_COLUMNS = {
    "preferred": "Preferred",
    "allowed": "Allowed",
    "forbidden_variant": "Forbidden",
    "wrong_inflection": "Wrong inflection",
    "local_plural": "Local plural",
    "missing_term": "Missing",
}

KEPT_WIDGETS = (
    "gl_filter_langs",
    "gl_filter_concept",
    "gl_filter_search",
    "gl_usage_lang",
    "gl_usage_unused",
    "gl_omegat_src",
    "gl_omegat_tgt",
)

Key = tuple[str, str]
Row = dict[str, str]


def language_label(code: str) -> str:
    name = SUPPORTED_LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def key_of(row: Row) -> Key:
    return row.get("concept_id", ""), row.get("lang", "")


def key_text(key: Key) -> str:
    return f"{key[0]} ({key[1]})"


def keys_text(keys: Iterable[Key], limit: int = 8) -> str:
    keys = list(keys)
    shown = ", ".join(escape_markdown(key_text(k)) for k in keys[:limit])
    return shown + (f" and {len(keys) - limit} more" if len(keys) > limit else "")


# -- the editing session -----------------------------------------------------------------


def editor_key() -> str:
    return f"glossary_editor_{state.get('gl_gen', 0)}"


def new_editor() -> None:
    """A fresh editor (its widget state starts empty) over ``gl_base``."""
    state["gl_gen"] = state.get("gl_gen", 0) + 1


def load_glossary() -> None:
    """Start editing the glossary as it is stored now."""
    rows, revisions = bench.glossary_table()
    state["gl_loaded"] = (rows, revisions)
    state["gl_base"] = [dict(r) for r in rows]
    state["gl_pending"] = None
    state["gl_visible"] = []
    state["gl_conflicts"] = None
    new_editor()


def shown_row(row: Row) -> dict[str, Any]:
    """A stored row as the editor shows it: flags as checkboxes."""
    out: dict[str, Any] = {c: row.get(c, "") or "" for c in ORDER}
    for flag in FLAGS:
        out[flag] = str(out[flag]).strip().lower() == "true"
    return out


def stored_row(row: dict[str, Any]) -> Row:
    """An editor row back as glossary cells (strings, flags spelled out)."""
    out: Row = {}
    for column in ORDER:
        value = row.get(column)
        if column in FLAGS:
            out[column] = "true" if value is True or str(value).lower() == "true" else "false"
        else:
            out[column] = "" if value is None else str(value)
    return out


def is_blank(row: Row) -> bool:
    return not any(row[c].strip() for c in ORDER if c not in FLAGS) and not any(
        row[f] == "true" for f in FLAGS
    )


def apply_edits(
    base: list[Row], visible: list[int], edits: Any
) -> tuple[list[Row], list[int | None]]:
    """The full glossary with the editor's edits applied to the rows it shows.

    Rows hidden by the filter are kept as they are; deleted rows go; added rows come last.
    Returns the rows and, for each, its row number in the editor (None when hidden).
    A definition or subject edited on one row is the concept's, so it is copied to the
    concept's other rows (the glossary requires them to agree).
    """
    edits = edits or {}
    shown = [shown_row(base[i]) for i in visible]
    for position, changes in (edits.get("edited_rows") or {}).items():
        position = int(position)
        if 0 <= position < len(shown):
            shown[position].update({c: v for c, v in changes.items() if c in ORDER})
    deleted = {int(p) for p in edits.get("deleted_rows") or []}
    replaced = {visible[p]: (p, stored_row(row)) for p, row in enumerate(shown) if p not in deleted}
    concept_values: dict[tuple[str, str], str] = {}
    for index, (_, row) in replaced.items():
        for field in CONCEPT_FIELDS:
            if row[field] != base[index].get(field, ""):
                concept_values[(row["concept_id"], field)] = row[field]
    rows: list[Row] = []
    positions: list[int | None] = []
    visible_set = set(visible)
    for index, row in enumerate(base):
        if index not in visible_set:
            rows.append(dict(row))
            positions.append(None)
        elif index in replaced:
            position, edited = replaced[index]
            rows.append(edited)
            positions.append(position)
    next_position = len(shown) - len(deleted)
    for added in edits.get("added_rows") or []:
        row = stored_row({c: added.get(c) for c in ORDER})
        if is_blank(row):
            continue
        for field in CONCEPT_FIELDS:
            if row[field]:
                concept_values[(row["concept_id"], field)] = row[field]
        rows.append(row)
        positions.append(next_position)
        next_position += 1
    for row in rows:
        for field in CONCEPT_FIELDS:
            if (row["concept_id"], field) in concept_values:
                row[field] = concept_values[(row["concept_id"], field)]
    return rows, positions


def working_rows() -> tuple[list[Row], list[int | None]]:
    """The glossary as this person has edited it so far (not saved)."""
    return apply_edits(state["gl_base"], state.get("gl_visible", []), state.get(editor_key()))


def commit_edits() -> None:
    """Before the filter changes: keep the edits in the working copy, start a new editor."""
    state["gl_base"], _ = working_rows()
    state["gl_pending"] = state["gl_base"]
    state["gl_visible"] = []
    new_editor()


def entry_changes(old: list[Row], new: list[Row]) -> dict[Key, Row | None]:
    """Entries that differ between two row lists: key -> new row (None = removed)."""
    before = {key_of(r): r for r in old}
    after = {key_of(r): r for r in new}
    changes: dict[Key, Row | None] = {k: r for k, r in after.items() if before.get(k) != r}
    changes.update({k: None for k in before if k not in after})
    return changes


def reload_keeping_edits() -> None:
    """Load the stored glossary again and re-apply this person's edits to it, except on
    entries someone else changed meanwhile: those show their version."""
    old_rows, _ = state["gl_loaded"]
    mine = entry_changes(old_rows, working_rows()[0])
    fresh_rows, fresh_revisions = bench.glossary_table()
    theirs = entry_changes(old_rows, fresh_rows)
    rows = {key_of(r): dict(r) for r in fresh_rows}
    dropped = []
    for key, row in mine.items():
        if key in theirs:
            dropped.append(key)
        elif row is None:
            rows.pop(key, None)
        else:
            rows[key] = row
    state["gl_loaded"] = (fresh_rows, fresh_revisions)
    state["gl_base"] = state["gl_pending"] = list(rows.values())
    state["gl_visible"] = []
    state["gl_conflicts"] = None
    new_editor()
    message = "Reloaded the glossary."
    if dropped:
        message += (
            " Your edits to "
            + keys_text(dropped)
            + " were replaced by the newer stored version; make them again if still needed."
        )
    elif mine:
        message += " Your other edits are kept; save them when ready."
    flash("info", message)


def discard_edits() -> None:
    load_glossary()
    flash("info", "Your unsaved edits were discarded.")


def flash(kind: str, text: str) -> None:
    state.setdefault("gl_flash", []).append((kind, text))


def describe(change: GlossaryChange) -> str:
    parts = []
    for label, keys in (("added", change.added), ("changed", change.changed)):
        if keys:
            parts.append(f"{label} {keys_text(keys)}")
    if change.removed:
        parts.append(f"removed {keys_text(change.removed)}")
    return "; ".join(parts)


def remember_change(change: GlossaryChange, what: str) -> None:
    if change.batch is None:
        flash("info", f"{what}: nothing changed.")
        return
    state["gl_last_change"] = (change.batch, f"{what}: {describe(change)}.")
    for warning in change.warnings:
        flash("warning", escape_markdown(warning))


def conflict_table(theirs: Row | None, yours: Row | None) -> pd.DataFrame:
    fields = [
        c
        for c in ORDER
        if c in ("preferred",) or (theirs or {}).get(c, "") != (yours or {}).get(c, "")
    ]
    gone = "(deleted)"
    return pd.DataFrame(
        {
            "Field": [LABELS.get(f, f) for f in fields],
            "Theirs (stored now)": [(theirs or {}).get(f, "") if theirs else gone for f in fields],
            "Yours": [(yours or {}).get(f, "") if yours else gone for f in fields],
        }
    )


# -- start -------------------------------------------------------------------------------

if "gl_loaded" not in state or "gl_base" not in state:
    load_glossary()

# Streamlit forgets the state of widgets that were not drawn in a run (another tab or page
# was open). Filters and choices are kept by setting them again; the editor's edits are
# kept as ``gl_pending`` (the working rows after every run of the editor) and become the
# base of a fresh editor when its state is gone.
for widget in KEPT_WIDGETS:
    if widget in state:
        state[widget] = state[widget]
if (
    state.get("gl_pending") is not None
    and editor_key() not in state
    and state["gl_pending"] != state["gl_base"]
):
    state["gl_base"] = state["gl_pending"]
    state["gl_visible"] = []
    new_editor()

current, positions = working_rows()
loaded_rows, loaded_revisions = state["gl_loaded"]
pending = entry_changes(loaded_rows, current)
if not pending and current == state["gl_base"]:
    # Nothing unsaved: follow changes made elsewhere (another session, the CLI).
    fresh_rows, fresh_revisions = bench.glossary_table()
    if fresh_revisions != loaded_revisions or fresh_rows != loaded_rows:
        load_glossary()
        current, positions = working_rows()
        loaded_rows, loaded_revisions = state["gl_loaded"]
        pending = {}
dirty = bool(pending)

for kind, text in state.pop("gl_flash", []):
    getattr(st, kind)(text)

last = state.get("gl_last_change")
if last:
    batch, text = last
    with st.container(horizontal=True, vertical_alignment="center"):
        st.success(text, width="stretch")
        undo_last = st.button(
            "Undo",
            key=f"gl_undo_last_{batch}",
            disabled=dirty,
            help="Save or discard your edits first." if dirty else "Put the entries back.",
        )
        dismiss = st.button("Dismiss", key=f"gl_dismiss_{batch}")
    if dismiss:
        state.pop("gl_last_change", None)
        st.rerun()
    if undo_last:
        try:
            change = bench.undo_glossary_change(batch)
        except GlossaryConflict as exc:
            st.error(
                "Cannot undo: "
                + keys_text((c.concept_id, c.lang) for c in exc.conflicts)
                + " changed again since. Undo that later change first (History tab)."
            )
        except WorkbenchError as exc:
            st.error(escape_markdown(str(exc)))
        else:
            state.pop("gl_last_change", None)
            flash("success", f"Undone: {describe(change)}.")
            load_glossary()
            st.rerun()

# Keyed, so the open tab survives reruns (a message appearing above it, a form submitted
# inside it); only the open tab's content runs.
edit_tab, files_tab, history_tab = st.tabs(
    ["Edit", "Import and export", "History"], key="gl_tab", on_change="rerun"
)

# -- edit --------------------------------------------------------------------------------

if edit_tab.open:
    with edit_tab:
        all_langs = list(dict.fromkeys(r["lang"] for r in state["gl_base"] if r.get("lang")))
        all_concepts = sorted({r["concept_id"] for r in state["gl_base"] if r.get("concept_id")})
        # Filters kept from earlier may name what is no longer there (after an import).
        if "gl_filter_langs" in state:
            state["gl_filter_langs"] = [x for x in state["gl_filter_langs"] if x in all_langs]
        if state.get("gl_filter_concept", "") not in ("", *all_concepts):
            state["gl_filter_concept"] = ""
        f1, f2, f3 = st.columns([2, 2, 3])
        langs = f1.multiselect(
            "Languages",
            all_langs,
            format_func=language_label,
            key="gl_filter_langs",
            on_change=commit_edits,
            placeholder="All languages",
        )
        concept = f2.selectbox(
            "Concept",
            ["", *all_concepts],
            format_func=lambda c: c or "All concepts",
            key="gl_filter_concept",
            on_change=commit_edits,
        )
        search = f3.text_input(
            "Search terms",
            key="gl_filter_search",
            on_change=commit_edits,
            placeholder="Any preferred, allowed or forbidden term, form or concept id",
        )

        def folded(text: str) -> str:
            decomposed = unicodedata.normalize("NFKD", text.casefold())
            return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

        needle = folded(search.strip())

        def wanted(row: Row) -> bool:
            if langs and row.get("lang") not in langs:
                return False
            if concept and row.get("concept_id") != concept:
                return False
            return not needle or needle in folded(" ".join(row.get(c, "") for c in SEARCHED))

        base = state["gl_base"]
        visible = [i for i, row in enumerate(base) if wanted(row)]
        if visible != state.get("gl_visible"):
            # What the editor shows changed under it (a filter, a reload): its row numbers
            # would point at other rows, so keep its edits and start a fresh one.
            if state.get("gl_visible") and state.get(editor_key()):
                commit_edits()
                base = state["gl_base"]
                visible = [i for i, row in enumerate(base) if wanted(row)]
            state["gl_visible"] = visible

        table = pd.DataFrame([shown_row(base[i]) for i in visible], columns=ORDER)
        for flag in FLAGS:
            table[flag] = table[flag].astype(bool)
        language_options = sorted(set(SUPPORTED_LANGUAGES) | set(all_langs))
        variants_help = (
            "Several terms separated by | (write \\| for a | inside a term, \\\\ for a backslash)."
        )
        st.data_editor(
            table,
            key=editor_key(),
            num_rows="dynamic",
            hide_index=True,
            width="stretch",
            height=min(38 + 35 * max(len(visible), 3), 560),
            column_order=ORDER,
            column_config={
                "concept_id": st.column_config.TextColumn(
                    LABELS["concept_id"],
                    help="The concept's id, shared by its rows in every language (e.g. malchut).",
                    required=True,
                ),
                "lang": st.column_config.SelectboxColumn(
                    LABELS["lang"],
                    options=language_options,
                    help="Language code of this row's terms.",
                    required=True,
                    width="small",
                ),
                "preferred": st.column_config.TextColumn(
                    LABELS["preferred"],
                    help="The one approved term, taken as written (no | here).",
                    required=True,
                ),
                "allowed_variants": st.column_config.TextColumn(
                    LABELS["allowed_variants"],
                    help="Also acceptable. " + variants_help,
                ),
                "forbidden_variants": st.column_config.TextColumn(
                    LABELS["forbidden_variants"],
                    help="Reported wherever they occur, in any inflection. " + variants_help,
                ),
                "note": st.column_config.TextColumn(
                    LABELS["note"], help="Usage note for translators of this language."
                ),
                "part_of_speech": st.column_config.TextColumn(
                    LABELS["part_of_speech"], help="noun, proper noun, noun phrase, verb, ..."
                ),
                "indeclinable": st.column_config.TextColumn(
                    LABELS["indeclinable"],
                    help=(
                        "true if the preferred term never declines (any case ending is then an "
                        "error); false or empty if it declines; or the words that never decline, "
                        "separated by | (Зоар in Книга Зоар)."
                    ),
                ),
                "forms": st.column_config.TextColumn(
                    LABELS["forms"],
                    help="Extra accepted forms of the preferred term (irregular inflections). "
                    + variants_help,
                ),
                "case_sensitive": st.column_config.CheckboxColumn(
                    LABELS["case_sensitive"],
                    default=False,
                    help="Report a difference in letter case (творец for Творец).",
                ),
                "accent_insensitive": st.column_config.CheckboxColumn(
                    LABELS["accent_insensitive"],
                    default=False,
                    help="Accept a missing or different accent silently (Lishma for Lishmá).",
                ),
                "definition": st.column_config.TextColumn(
                    LABELS["definition"],
                    help="The concept's definition, the same on all its rows: editing it on one "
                    "row changes it on every row of the concept.",
                ),
                "subject": st.column_config.TextColumn(
                    LABELS["subject"], help="The concept's subject area, shared by its rows."
                ),
            },
        )

        current, positions = working_rows()
        state["gl_pending"] = current
        pending = entry_changes(loaded_rows, current)
        dirty = bool(pending)
        hidden = len(base) - len(visible)
        st.caption(
            f"{len(visible)} of {len(base)} rows shown"
            + (f" ({hidden} hidden by the filter and kept as they are)" if hidden else "")
            + ". One row per concept and language; add rows at the bottom, delete by selecting "
            "rows. Nothing is stored until you save."
        )

        actions = st.container(horizontal=True, vertical_alignment="center")
        save = actions.button("Save", type="primary", key="gl_save", disabled=not dirty)
        actions.button(
            "Discard edits", key="gl_discard", disabled=not dirty, on_click=discard_edits
        )
        if dirty:
            loaded_keys = {key_of(r) for r in loaded_rows}
            added = [k for k, r in pending.items() if r is not None and k not in loaded_keys]
            removed = [k for k, r in pending.items() if r is None]
            changed = [k for k in pending if k not in added and k not in removed]
            summary = [
                f"{len(keys)} {label}"
                for label, keys in (("changed", changed), ("added", added), ("removed", removed))
                if keys
            ]
            actions.caption("Unsaved: " + ", ".join(summary) + " — " + keys_text(pending, 5))

        if save:
            try:
                change = bench.save_glossary_table(current, loaded_rows, loaded_revisions)
            except GlossaryConflict as exc:
                state["gl_conflicts"] = exc.conflicts
            except InputError as exc:
                where = ""
                if exc.line is not None and 1 <= exc.line <= len(current):
                    row = current[exc.line - 1]
                    position = positions[exc.line - 1]
                    name = (
                        f"concept {row['concept_id'] or '(empty)'}, "
                        f"language {row['lang'] or '(empty)'}"
                    )
                    where = (
                        f"Row {position + 1} of the table ({name})"
                        if position is not None
                        else f"The row of {name} (hidden by the filter)"
                    )
                st.error(
                    "Nothing was saved. "
                    + (
                        escape_markdown(f"{where}: {exc.problem}.")
                        if where
                        else escape_markdown(str(exc))
                    )
                    + " Your edits are kept: correct the row and save again."
                )
            except WorkbenchError as exc:
                st.error("Nothing was saved. " + escape_markdown(str(exc)))
            else:
                remember_change(change, "Saved")
                load_glossary()
                st.rerun()

        conflicts = state.get("gl_conflicts")
        if conflicts:
            st.error(
                "Someone else changed "
                + keys_text((c.concept_id, c.lang) for c in conflicts)
                + " since you loaded the glossary, so nothing was saved. Compare the versions, "
                "reload, and make your change again where still needed."
            )
            for conflict in conflicts:
                with st.container(border=True):
                    st.markdown(
                        f"**{escape_markdown(key_text((conflict.concept_id, conflict.lang)))}**"
                    )
                    st.dataframe(
                        conflict_table(conflict.theirs, conflict.yours),
                        hide_index=True,
                        width="stretch",
                    )
            st.button(
                "Reload (keeps your edits to other entries)",
                key="gl_reload",
                on_click=reload_keeping_edits,
            )

        # -- usage -----------------------------------------------------------------------

        st.subheader("Usage in the corpus")
        documents = bench.list_documents()
        corpus_langs = list(dict.fromkeys(v.lang for d in documents for v in d.versions))
        if not corpus_langs:
            st.caption("No documents yet: usage counts appear once texts are imported.")
        else:
            counts = Counter(v.lang for d in documents for v in d.versions if not v.is_source)
            translations = [lang for lang, _ in counts.most_common()]
            default = next(
                (lang for lang in langs if lang in corpus_langs),
                translations[0] if translations else corpus_langs[0],
            )
            if state.get("gl_usage_lang") not in corpus_langs:
                state["gl_usage_lang"] = default
            u1, u2, u3 = st.columns([2, 2, 3], vertical_alignment="bottom")
            usage_lang = u1.selectbox(
                "Language",
                corpus_langs,
                format_func=language_label,
                key="gl_usage_lang",
            )
            show_unused = u2.toggle("Show unused concepts", key="gl_usage_unused")
            refresh = u3.button("Count again", key="gl_usage_refresh")
            # Counted again when the language, the glossary (the service hands out the same
            # termbase object until it changes) or the documents change.
            basis = (
                usage_lang,
                bench.termbase(),
                tuple((d.name, tuple((v.lang, v.segments) for v in d.versions)) for d in documents),
            )
            cached = state.get("gl_usage")
            if (
                refresh
                or not cached
                or cached[0][0] != basis[0]
                or cached[0][1] is not basis[1]
                or cached[0][2] != basis[2]
            ):
                bar = st.progress(0.0, text="Counting")
                try:
                    report = bench.corpus_report(
                        usage_lang,
                        progress=lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=m),
                    )
                except WorkbenchError as exc:
                    report = None
                    st.error(escape_markdown(str(exc)))
                bar.empty()
                cached = state["gl_usage"] = (basis, report)
            report = cached[1]
            if report is not None:
                shown_concepts = {base[i]["concept_id"] for i in visible}
                records = []
                for item in report.concepts:
                    if (concept or search) and item.concept_id not in shown_concepts:
                        continue
                    total = sum(item.counts.values())
                    if not total and not show_unused:
                        continue
                    records.append(
                        {
                            "Concept": item.concept_id,
                            "Term": item.preferred,
                            **{label: item.counts[kind] for kind, label in KIND_COLUMNS.items()},
                            "Problems": item.problems,
                        }
                    )
                if records:
                    st.dataframe(pd.DataFrame(records), hide_index=True, width="stretch")
                else:
                    st.caption("None of these concepts occurs in the corpus in this language.")
                count = len(report.documents)
                notes = [
                    f"{count} document{'' if count == 1 else 's'} in {language_label(usage_lang)}"
                ]
                if report.unaligned:
                    notes.append(
                        f"{len(report.unaligned)} not paired with their source, so missing terms "
                        "are not counted there"
                    )
                st.caption(
                    "Occurrences of each concept in the saved texts, checked against the saved "
                    "glossary. " + "; ".join(notes) + ". The Review page shows the sentences."
                )

# -- import and export -------------------------------------------------------------------

if files_tab.open:
    with files_tab:
        st.subheader("Import")
        st.caption(
            "A glossary CSV (one row per concept and language) or a TBX file. Merging replaces "
            "the entries the file has (same concept and language) and keeps the others. A file "
            "with any error is refused whole."
        )
        if dirty:
            st.info("You have unsaved edits: save or discard them before importing.")
        with st.form("gl_import", clear_on_submit=True):
            upload = st.file_uploader("Glossary file", type=["csv", "tbx", "xml"], key="gl_upload")
            mode = st.radio(
                "Mode",
                ["merge", "replace"],
                format_func=lambda m: {
                    "merge": "Merge into the glossary",
                    "replace": "Replace the whole glossary (entries not in the file are removed)",
                }[m],
                key="gl_import_mode",
            )
            submitted = st.form_submit_button("Import", type="primary", disabled=dirty)
        if submitted:
            if upload is None:
                st.warning("Choose a file to import.")
            else:
                try:
                    change = bench.import_glossary(
                        upload.getvalue(), upload.name, replace=mode == "replace"
                    )
                except InputError as exc:
                    st.error("Nothing was imported. " + escape_markdown(str(exc)))
                except WorkbenchError as exc:
                    st.error("Nothing was imported. " + escape_markdown(str(exc)))
                else:
                    remember_change(change, f"Imported {upload.name}")
                    load_glossary()
                    st.rerun()

        st.subheader("Export")
        st.caption("The saved glossary (unsaved edits are not included).")
        e1, e2, e3 = st.columns(3)
        try:
            csv_data, csv_name = bench.export_glossary("csv")
            tbx_data, tbx_name = bench.export_glossary("tbx")
        except WorkbenchError as exc:
            st.error("Cannot export: " + escape_markdown(str(exc)))
        else:
            e1.download_button("Download CSV", csv_data, csv_name, "text/csv", key="gl_dl_csv")
            e1.download_button(
                "Download TBX", tbx_data, tbx_name, "application/x-tbx+xml", key="gl_dl_tbx"
            )
            glossary_langs = bench.termbase().languages()
            if len(glossary_langs) >= 2:
                # By default from the corpus's source language into its main translation.
                documents = bench.list_documents()
                sources = Counter(d.source_lang for d in documents)
                targets_used = Counter(
                    v.lang for d in documents for v in d.versions if not v.is_source
                )
                if state.get("gl_omegat_src") not in glossary_langs:
                    state["gl_omegat_src"] = next(
                        (lang for lang, _ in sources.most_common() if lang in glossary_langs),
                        glossary_langs[0],
                    )
                src = e2.selectbox(
                    "OmegaT source language",
                    glossary_langs,
                    format_func=language_label,
                    key="gl_omegat_src",
                )
                targets = [lang for lang in glossary_langs if lang != src]
                if state.get("gl_omegat_tgt") not in targets:
                    state["gl_omegat_tgt"] = next(
                        (lang for lang, _ in targets_used.most_common() if lang in targets),
                        targets[0],
                    )
                tgt = e2.selectbox(
                    "OmegaT target language",
                    targets,
                    format_func=language_label,
                    key="gl_omegat_tgt",
                )
                try:
                    omegat, omegat_name = bench.export_glossary(
                        "omegat", src_lang=src, tgt_lang=tgt
                    )
                except WorkbenchError as exc:
                    e2.error(escape_markdown(str(exc)))
                else:
                    e2.download_button(
                        f"Download OmegaT glossary ({src} → {tgt})",
                        omegat,
                        omegat_name,
                        "text/plain",
                        key="gl_dl_omegat",
                    )
            e3.markdown("Write into the project's `glossary/` folder (kept under version control):")
            for fmt in ("csv", "tbx"):
                if e3.button(f"Write glossary.{fmt}", key=f"gl_write_{fmt}"):
                    try:
                        path = bench.write_glossary_file(fmt)
                    except (WorkbenchError, OSError) as exc:
                        e3.error(escape_markdown(str(exc)))
                    else:
                        e3.success(f"Written to `{code_text(str(path))}`")

# -- history -----------------------------------------------------------------------------

if history_tab.open:
    with history_tab:
        history = bench.glossary_history(limit=30)
        if not history:
            st.caption("No glossary changes yet.")
        if dirty and history:
            st.info("You have unsaved edits: save or discard them before undoing a change.")
        ACTIONS = {"import": "Import", "edit": "Edit", "undo": "Undo"}
        for edit in history:
            with st.container(border=True):
                left, right = st.columns([6, 1], vertical_alignment="center")
                what = ACTIONS.get(edit.action, edit.action.capitalize())
                if edit.note and edit.action == "import":
                    what += f" of {escape_markdown(edit.note)}"
                elif edit.note and edit.action == "undo":
                    what += f" of change `{code_text(edit.note)}`"
                left.markdown(
                    f"**{what}** · {edit.at} · {escape_markdown(edit.user)} · "
                    f"{len(edit.entries)} entries: {keys_text(edit.entries, 6)}"
                )
                left.caption(f"change `{code_text(edit.batch)}`")
                if right.button("Undo", key=f"gl_undo_{edit.batch}", disabled=dirty):
                    try:
                        change = bench.undo_glossary_change(edit.batch)
                    except GlossaryConflict as exc:
                        left.error(
                            "Cannot undo: "
                            + keys_text((c.concept_id, c.lang) for c in exc.conflicts)
                            + " changed again since. Undo the later change first."
                        )
                    except WorkbenchError as exc:
                        left.error(escape_markdown(str(exc)))
                    else:
                        state.pop("gl_last_change", None)
                        remember_change(change, f"Undid change {edit.batch}")
                        load_glossary()
                        st.rerun()
