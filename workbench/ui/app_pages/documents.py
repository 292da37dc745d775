"""Documents: what the corpus holds, a reader for one document, and import."""

from __future__ import annotations

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.formats.sources import SUPPORTED_SOURCE_EXTENSIONS
from workbench.language import SUPPORTED_LANGUAGES
from workbench.model import DocumentDetail, ParagraphKind, VersionDetail
from workbench.services import ImportFailed, ImportItem
from workbench.ui.state import workbench
from workbench.ui.text import code_text, escape_markdown

PARAGRAPHS_PER_PAGE = 30
DETECT = "Detect automatically"
NEW_DOCUMENT = "New document (source text)"

bench = workbench()

st.title("Documents")


def language_label(code: str) -> str:
    name = SUPPORTED_LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


# -- import ------------------------------------------------------------------------------

documents = bench.list_documents()

with st.expander("Import files", expanded=not documents):
    with st.form("import", clear_on_submit=True):
        uploads = st.file_uploader(
            "Source texts or translations (.txt, .md, .html, .docx)",
            type=[ext.lstrip(".") for ext in SUPPORTED_SOURCE_EXTENSIONS],
            accept_multiple_files=True,
        )
        left, right = st.columns(2)
        lang_choice = left.selectbox(
            "Language",
            [DETECT, *SUPPORTED_LANGUAGES],
            format_func=lambda c: c if c == DETECT else language_label(c),
            help="Detected from the text unless you choose one.",
        )
        target_choice = right.selectbox(
            "Import as",
            [NEW_DOCUMENT, *(d.name for d in documents)],
            format_func=lambda n: n if n == NEW_DOCUMENT else f"Translation of {n}",
        )
        submitted = st.form_submit_button("Import", type="primary")
    if submitted:
        if not uploads:
            st.warning("Choose at least one file to import.")
        else:
            items = [
                ImportItem(
                    data=upload.getvalue(),
                    filename=upload.name,
                    lang=None if lang_choice == DETECT else lang_choice,
                    translation_of=None if target_choice == NEW_DOCUMENT else target_choice,
                )
                for upload in uploads
            ]
            bar = st.progress(0.0, text="Starting import")
            try:
                outcomes = bench.import_items(
                    items, progress=lambda f, m: bar.progress(min(max(f, 0.0), 1.0), text=m)
                )
            except ImportFailed as exc:
                bar.empty()
                st.error(
                    "Nothing was imported. Fix these files and try again:\n\n"
                    + "\n".join(f"- {escape_markdown(str(e))}" for e in exc.errors)
                )
            except WorkbenchError as exc:
                bar.empty()
                st.error(escape_markdown(str(exc)))
            else:
                bar.empty()
                lines = []
                for outcome in outcomes:
                    role = "translation" if outcome.is_translation else "source"
                    line = (
                        f"**{escape_markdown(outcome.name)}** ({outcome.lang}, {role}): "
                        f"{outcome.segments} sentences in {outcome.paragraphs} paragraphs"
                    )
                    if outcome.stripped:
                        line += f", {outcome.stripped} boilerplate blocks stripped"
                    lines.append(f"- {line}")
                    lines.extend(f"  - {escape_markdown(n)}" for n in outcome.notes)
                st.success("Imported:\n\n" + "\n".join(lines))
                # Open what was just imported: set the picker's own state, since a widget
                # with a key ignores its default once it has a value.
                st.session_state["document_picker"] = outcomes[0].name
                documents = bench.list_documents()

# -- list --------------------------------------------------------------------------------

if not documents:
    st.info("No documents yet. Import a file above, or run `workbench demo`.")
    st.stop()

translation_langs = sorted({v.lang for d in documents for v in d.versions if not v.is_source})
st.dataframe(
    [
        {
            "Document": d.name,
            "Title": d.title or "",
            "Post id": d.post_id or "",
            "Source": d.source_lang,
            "Languages": ", ".join(d.languages),
            "Sentences": d.source_segments,
            **{lang: str(by_lang[lang]) if lang in by_lang else "—" for lang in translation_langs},
        }
        for d in documents
        for by_lang in [{v.lang: v.segments for v in d.versions if not v.is_source}]
    ],
    hide_index=True,
)

# -- reader ------------------------------------------------------------------------------

names = [d.name for d in documents]
if st.session_state.get("document_picker") not in names:
    wanted = st.query_params.get("doc")
    st.session_state["document_picker"] = wanted if wanted in names else names[0]
chosen = st.selectbox("Open document", names, key="document_picker")
st.query_params["doc"] = chosen

try:
    detail: DocumentDetail = bench.document(chosen)
except WorkbenchError as exc:
    st.error(escape_markdown(str(exc)))
    st.stop()

meta = detail.meta
st.header(escape_markdown(meta.title or detail.name))
facts = [f"Document `{detail.name}`"]
if meta.post_id:
    facts.append(f"post id `{meta.post_id}`")
if meta.date:
    facts.append(f"date {escape_markdown(meta.date)}")
st.caption(" · ".join(facts))
if meta.source_line:
    st.caption(escape_markdown(meta.source_line))

langs = [v.lang for v in detail.versions]
mode_options = ["Read", "Side by side"] if len(langs) > 1 else ["Read"]
left, right = st.columns([3, 2])
lang = left.radio(
    "Language",
    langs,
    format_func=lambda c: language_label(c) + (" · source" if c == detail.source_lang else ""),
    horizontal=True,
    key=f"lang_{detail.name}",
)
mode = right.radio("View", mode_options, horizontal=True, key=f"mode_{detail.name}")
version = detail.version(lang) or detail.source


def describe(version: VersionDetail) -> str:
    parts = [f"{len(version.segments)} sentences in {len(version.paragraphs())} paragraphs"]
    if version.source_file:
        parts.append(f"from `{code_text(version.source_file.rsplit('/', 1)[-1])}`")
    if version.encoding:
        parts.append(f"encoding {version.encoding}")
    if version.detected_lang:
        probability = f" ({version.lang_probability:.0%})" if version.lang_probability else ""
        parts.append(f"detected language {version.detected_lang}{probability}")
    if version.segmenter:
        parts.append(f"segmenter `{version.segmenter}`")
    return " · ".join(parts)


st.caption(describe(version))
if version.detected_lang and version.detected_lang != version.lang:
    st.warning(
        f"This version is marked {language_label(version.lang)} but its text looks like "
        f"{language_label(version.detected_lang)}."
    )

with st.popover("Correct the language"):
    st.caption(
        "If detection (or the import) got this version's language wrong, set it here. "
        "The text is segmented again with the new language's rules."
    )
    others = [c for c in SUPPORTED_LANGUAGES if c not in langs]
    suggested = version.detected_lang if version.detected_lang in others else others[0]
    new_lang = st.selectbox(
        "Language of this version",
        others,
        index=others.index(suggested),
        format_func=language_label,
        key=f"relang_{detail.name}_{version.lang}",
    )
    if st.button("Change language", key=f"relang_go_{detail.name}_{version.lang}"):
        try:
            bench.change_language(detail.name, version.lang, new_lang)
        except WorkbenchError as exc:
            st.error(escape_markdown(str(exc)))
        else:
            st.session_state.pop(f"lang_{detail.name}", None)
            st.rerun()

KIND_LABEL = {
    ParagraphKind.TITLE: "title",
    ParagraphKind.HEADING: "heading",
    ParagraphKind.POST_ID: "post id",
    ParagraphKind.SOURCE_LINE: "source line",
    ParagraphKind.QUOTE: "quote",
    ParagraphKind.LIST_ITEM: "list item",
}


def paragraph_markdown(paragraph) -> str:  # type: ignore[no-untyped-def]
    """One paragraph as numbered sentences, one per line."""
    lines = [f"`{segment.position + 1}` {escape_markdown(segment.text)}" for segment in paragraph]
    return "  \n".join(lines)


paragraphs = version.paragraphs()
pages = max(1, -(-len(paragraphs) // PARAGRAPHS_PER_PAGE))
page = 1
if pages > 1:
    page = int(st.number_input("Page", min_value=1, max_value=pages, value=1, step=1))
start = (page - 1) * PARAGRAPHS_PER_PAGE
shown = paragraphs[start : start + PARAGRAPHS_PER_PAGE]

if mode == "Side by side":
    others = [v for v in detail.versions if v.lang != version.lang]
    partner_lang = st.selectbox(
        "Beside", [v.lang for v in others], format_func=language_label, key=f"beside_{detail.name}"
    )
    partner = detail.version(partner_lang)
    partner_paragraphs = {p[0].paragraph: p for p in partner.paragraphs()} if partner else {}
    st.caption(
        "Paragraph by paragraph, in the order of each text. Sentence links come from "
        "alignment; here the paragraphs are simply shown side by side."
    )
    for offset, paragraph in enumerate(shown):
        number = paragraph[0].paragraph
        with st.container(border=True):
            a, b = st.columns(2)
            a.markdown(paragraph_markdown(paragraph))
            other = partner_paragraphs.get(number)
            if other:
                b.markdown(paragraph_markdown(other))
            else:
                b.caption(f"(no paragraph {start + offset + 1} in this version)")
else:
    for paragraph in shown:
        kind = paragraph[0].kind
        with st.container(border=True):
            if kind in KIND_LABEL:
                st.caption(KIND_LABEL[kind])
            st.markdown(paragraph_markdown(paragraph))

if version.stripped:
    with st.expander(f"Stripped at import ({len(version.stripped)} blocks)"):
        st.caption(
            "Site boilerplate removed before segmenting. The rules are in boilerplate.toml; "
            "if something here is real content, disable its rule and import again."
        )
        st.dataframe(
            [{"Line": b.line, "Rule": b.rule, "Text": b.text} for b in version.stripped],
            hide_index=True,
        )
