"""Export: PO, XLIFF and TMX for translators, editions for readers, review files; and
bringing edited translations back, with the conflicts they raise settled one by one.

Every (format × language) choice is one job. Produced files stay in the session as
downloads until the next production; writing into ``translations/`` produces them again
from the store. A job that fails (an edition blocked by untranslated units, say) is shown
with its reason while the other jobs still deliver their files.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.formats.edition import UntranslatedError
from workbench.language import SUPPORTED_LANGUAGES
from workbench.model import ParagraphKind
from workbench.services.exchange import ALL_LANGUAGES, EDITION_FORMATS, EXPORT_FORMATS
from workbench.ui.state import workbench
from workbench.ui.text import code_text, escape_markdown, mark_changes

bench = workbench()
state = st.session_state

FORMAT_GROUPS = {
    "For translators": ("po", "xliff", "tmx"),
    "Editions for readers": ("md", "html", "docx", "epub"),
    "For reviewers": ("review", "review-docx"),
}
FORMAT_LABELS = {
    "po": "PO (Poedit, Weblate)",
    "xliff": "XLIFF (CAT tools)",
    "tmx": "TMX (translation memory)",
    "md": "Markdown",
    "html": "HTML page",
    "docx": "Word (DOCX)",
    "epub": "EPUB e-book",
    "review": "Bilingual review (HTML)",
    "review-docx": "Bilingual review (DOCX)",
}
SHORT_LABELS = {
    "po": "PO",
    "xliff": "XLIFF",
    "tmx": "TMX",
    "md": "Markdown edition",
    "html": "HTML edition",
    "docx": "Word edition",
    "epub": "EPUB edition",
    "review": "HTML review file",
    "review-docx": "Word review file",
}
MIME_TYPES = {
    ".po": "text/x-gettext-translation",
    ".xlf": "application/xliff+xml",
    ".tmx": "application/x-tmx+xml",
    ".md": "text/markdown",
    ".html": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".epub": "application/epub+zip",
}
FALLBACK = "fallback"
BLOCK = "block"
PER_LANGUAGE = "per-language"
MISSING_SHOWN = 10
MISSING_LISTED = 200
SOURCE_SHOWN = 160
CONFLICTS_SHOWN = 30
UNKNOWN_SHOWN = 50
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
KEPT_WIDGETS = (
    "ex_docs",
    "ex_langs",
    "ex_fmt_",
    "ex_untranslated",
    "ex_collection",
    "ex_title_",
    "ex_tmx",
    "ex_only_versions",
    "ex_conflict_origin",
)

# A format the services add later still shows up, under its own name.
FORMAT_GROUPS["For reviewers"] += tuple(
    fmt for fmt in EXPORT_FORMATS if not any(fmt in group for group in FORMAT_GROUPS.values())
)

st.title("Export")


def language_label(code: str) -> str:
    if code == ALL_LANGUAGES:
        return "All languages (N-way)"
    name = SUPPORTED_LANGUAGES.get(code)
    return f"{name} ({code})" if name else code


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def flash(kind: str, text: str) -> None:
    state.setdefault("ex_flash", []).append((kind, text))


def choose_all_by_default(key: str, options: list[str]) -> None:
    """Everything is chosen at first; what is no longer offered is dropped, and what is new
    joins a choice that held everything offered before."""
    known = state.get(f"{key}_known")
    if key not in state or (known is not None and set(state[key]) == set(known)):
        state[key] = list(options)
    else:
        state[key] = [option for option in state[key] if option in options]
    state[f"{key}_known"] = list(options)


def forget_counts() -> None:
    """The texts changed here: the untranslated counts are out of date."""
    state.pop("ex_counts", None)


@dataclass(frozen=True)
class Job:
    """One format in one language over some documents."""

    fmt: str
    lang: str
    docs: tuple[str, ...]
    untranslated: str = FALLBACK
    collection: str | None = None

    @property
    def label(self) -> str:
        return f"{SHORT_LABELS.get(self.fmt, self.fmt)} · {language_label(self.lang)}"

    @property
    def expected_files(self) -> int:
        return 1 if self.fmt == "tmx" or self.collection is not None else len(self.docs)


@dataclass(frozen=True)
class Counts:
    """The units of a document in a language, and how many have no translation."""

    units: int
    missing: int
    for_editions: int  # missing ones an edition needs (it prints post ids itself)
    unaligned: bool = False  # a version that was never aligned: nothing is paired


def is_unaligned(name: str, lang: str) -> bool:
    if lang not in versions[name]:
        return False
    try:
        return bench.alignment(name, lang) is None
    except WorkbenchError:
        return False


# Streamlit forgets the state of widgets that were not drawn in a run (the other tab or
# another page was open): set the choices again so they survive.
for widget in [k for k in state if str(k).startswith(KEPT_WIDGETS)]:
    state[widget] = state[widget]

documents = bench.list_documents()
if not documents:
    st.info("No documents yet. Import texts on the Documents page, or run `workbench demo`.")
    st.stop()

names = [d.name for d in documents]
titles = {d.name: d.title or d.name for d in documents}
same_title = Counter(titles.values())
versions = {d.name: {v.lang for v in d.versions if not v.is_source} for d in documents}
counts_by_lang = Counter(lang for langs in versions.values() for lang in langs)
languages = [lang for lang, _ in counts_by_lang.most_common()]
corpus = tuple((d.name, tuple((v.lang, v.segments) for v in d.versions)) for d in documents)

for kind, text in state.pop("ex_flash", []):
    getattr(st, kind)(text)

# Coming from another page (whose changes, an alignment say, the corpus signature does not
# show): count again. The tabs' state only survives runs of this page.
if "ex_tab" not in state:
    forget_counts()

export_tab, import_tab = st.tabs(
    ["Export", "Bring translations back"], key="ex_tab", on_change="rerun"
)


# -- helpers for the export tab ----------------------------------------------------------


def unit_counts(pairs: list[tuple[str, str]]) -> dict[tuple[str, str], Counts]:
    """The units of each (document, language) and how many are untranslated, counted once
    and kept while the editor stays on this page, until the corpus changes here or the
    editor counts again."""
    kept = state.get("ex_counts")
    if not kept or kept["corpus"] != corpus:
        kept = state["ex_counts"] = {
            "corpus": corpus,
            "counts": {},
            "at": datetime.now().strftime("%H:%M:%S"),
        }
    counts: dict[tuple[str, str], Counts] = kept["counts"]
    todo = [pair for pair in pairs if pair not in counts]
    if todo:
        bar = st.progress(0.0, text="Counting untranslated units")
        for number, (name, lang) in enumerate(todo):
            bar.progress(number / len(todo), text=f"Counting {name} ({lang})")
            try:
                units = bench.units(name, lang)
            except WorkbenchError as exc:
                st.error(escape_markdown(str(exc)))
                continue
            missing = [u for u in units if not ((t := u.target(lang)) and t.text.strip())]
            for_editions = sum(1 for u in missing if u.kind != ParagraphKind.POST_ID)
            unaligned = bool(units) and len(missing) == len(units) and is_unaligned(name, lang)
            counts[(name, lang)] = Counts(len(units), len(missing), for_editions, unaligned)
        bar.empty()
    return counts


def download_name(path: Path) -> str:
    """A file name that stays unique outside its folder: ``doc.ru.po``,
    ``doc.ru.md`` for an edition, ``doc.ru-review.html`` for a review file."""
    parts = PurePosixPath(path.as_posix()).parts
    if len(parts) == 1:
        return parts[0]
    lang, kind = parts[0], parts[1] if len(parts) > 2 else ""
    stem, suffix = Path(parts[-1]).stem, Path(parts[-1]).suffix
    return f"{stem}.{lang}{'-review' if kind == 'review' else ''}{suffix}"


def zip_of(files: list[tuple[Job, Any]]) -> bytes:
    """All files in one ZIP, in path order and with fixed dates: the same files always
    give the same bytes."""
    buffer = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for _job, file in sorted(files, key=lambda jf: jf[1].path.as_posix()):
            name = file.path.as_posix()
            if name in seen:
                continue
            seen.add(name)
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, file.data)
    return buffer.getvalue()


def clip(text: str, limit: int = SOURCE_SHOWN) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def failure(job: Job, exc: WorkbenchError) -> dict[str, Any]:
    """What to show about a job that failed: its message, and for a blocked edition each
    untranslated unit with its source text, so the editor can find it."""
    if isinstance(exc, UntranslatedError):
        listed = exc.missing[:MISSING_LISTED]
        sources: dict[str, str] = {}
        for name in dict.fromkeys(m.document for m in listed):
            with contextlib.suppress(WorkbenchError):
                sources.update({u.key: u.source.text for u in bench.units(name, job.lang)})
        count = len(exc.missing)
        return {
            "job": job,
            "message": f"{plural(count, 'unit')} {'has' if count == 1 else 'have'} no "
            f"{job.lang} translation, so the edition was not made.",
            "missing": [
                (m.document, m.paragraph + 1, clip(sources.get(m.key, m.key))) for m in listed
            ],
            "total": count,
        }
    return {"job": job, "message": str(exc), "missing": [], "total": 0}


def missing_lines(missing: list[tuple[str, int, str]]) -> list[str]:
    return [
        f"- {escape_markdown(doc)}, paragraph {paragraph}: {escape_markdown(source)}"
        for doc, paragraph, source in missing
    ]


def show_failure(item: dict[str, Any]) -> None:
    lines = [f"**{escape_markdown(item['job'].label)}**: {escape_markdown(item['message'])}"]
    missing = item["missing"]
    if missing:
        lines.append("")
        lines.extend(missing_lines(missing[:MISSING_SHOWN]))
        if item["total"] > MISSING_SHOWN:
            lines.append(f"- and {item['total'] - MISSING_SHOWN} more")
        lines.append(
            "\nTranslate them, or choose *Show the source text, marked* to publish with "
            "the gaps visible."
        )
    st.error("\n".join(lines))
    if len(missing) > MISSING_SHOWN:
        with st.expander(f"Every untranslated unit of the {item['job'].label}"):
            st.markdown("\n".join(missing_lines(missing)))
            if item["total"] > len(missing):
                st.caption(f"The first {len(missing)} of {item['total']}.")


def run_jobs(jobs: list[Job], action: str) -> tuple[list[Any], list[dict[str, Any]]]:
    """Each job in turn under one progress bar: what they gave and what failed."""
    results: list[Any] = []
    failures: list[dict[str, Any]] = []
    bar = st.progress(0.0, text="Starting")
    for number, job in enumerate(jobs):

        def progress(fraction: float, message: str, number: int = number, job: Job = job) -> None:
            done = (number + min(max(fraction, 0.0), 1.0)) / len(jobs)
            bar.progress(min(done, 1.0), text=f"{job.label}: {message}")

        progress(0.0, "starting")
        try:
            if action == "write":
                written = bench.export(
                    job.fmt,
                    job.lang,
                    docs=list(job.docs),
                    untranslated=job.untranslated,
                    collection=job.collection or None,
                    progress=progress,
                )
                results.extend((job, path) for path in written)
            else:
                produced = bench.export_files(
                    job.fmt,
                    job.lang,
                    docs=list(job.docs),
                    untranslated=job.untranslated,
                    collection=job.collection or None,
                    progress=progress,
                )
                results.extend((job, file) for file in produced)
        except WorkbenchError as exc:
            failures.append(failure(job, exc))
    bar.empty()
    return results, failures


def size_text(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size / 1024:,.0f} KB"


def shown_path(path: Path) -> str:
    root = bench.project.root.resolve()
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


# -- export ------------------------------------------------------------------------------

if export_tab.open:
    with export_tab:
        pending = bench.pending_conflicts()
        if pending:
            st.warning(
                f"{plural(len(pending), 'imported translation')} "
                f"{'conflicts' if len(pending) == 1 else 'conflict'} with changes made here. "
                "Settle them under *Bring translations back*."
            )

        choose_all_by_default("ex_docs", names)
        choose_all_by_default("ex_langs", languages)

        chosen_docs = st.multiselect(
            f"Documents ({len(names)} in the corpus)",
            names,
            format_func=lambda n: titles[n] if same_title[titles[n]] == 1 else f"{titles[n]} ({n})",
            key="ex_docs",
            placeholder="Choose documents",
            wrap=True,
        )
        left, right = st.columns([3, 2], vertical_alignment="bottom")
        chosen_langs = left.multiselect(
            "Languages",
            languages,
            format_func=lambda c: f"{language_label(c)} · {plural(counts_by_lang[c], 'document')}",
            key="ex_langs",
            placeholder="Choose languages",
            wrap=True,
        )
        if not languages:
            left.caption("No translations yet: import one on the Documents page.")
        if "ex_only_versions" not in state:
            state["ex_only_versions"] = True
        only_versions = right.checkbox(
            "Only documents that have a version in the language",
            key="ex_only_versions",
            help="Off: a document not yet translated into a language is exported too, with "
            "every unit untranslated (a PO or XLIFF to start its translation).",
        )

        st.markdown("**Formats**")
        formats: list[str] = []
        for column, (group, fmts) in zip(st.columns(3), FORMAT_GROUPS.items(), strict=True):
            column.caption(group)
            for fmt in fmts:
                if f"ex_fmt_{fmt}" not in state:
                    state[f"ex_fmt_{fmt}"] = fmt == "po"
                if column.checkbox(FORMAT_LABELS.get(fmt, fmt), key=f"ex_fmt_{fmt}"):
                    formats.append(fmt)
        formats = [fmt for fmt in EXPORT_FORMATS if fmt in formats]
        editions = [fmt for fmt in formats if fmt in EDITION_FORMATS]

        untranslated = FALLBACK
        collection = False
        collection_titles: dict[str, str] = {}
        tmx_mode = PER_LANGUAGE
        if editions or "tmx" in formats:
            with st.container(border=True):
                st.markdown("**Options**")
                if editions:
                    untranslated = st.radio(
                        "Untranslated units in editions",
                        [FALLBACK, BLOCK],
                        format_func=lambda m: (
                            "Show the source text, marked"
                            if m == FALLBACK
                            else "Block the export (list what is missing)"
                        ),
                        horizontal=True,
                        key="ex_untranslated",
                    )
                    collection = st.checkbox(
                        "One collection file per language (every chosen document in one edition)",
                        key="ex_collection",
                    )
                    if collection and chosen_langs:
                        title_columns = st.columns(min(len(chosen_langs), 3))
                        for number, lang in enumerate(chosen_langs):
                            column = title_columns[number % len(title_columns)]
                            collection_titles[lang] = column.text_input(
                                f"Collection title in {language_label(lang)}",
                                key=f"ex_title_{lang}",
                                placeholder="The title on the cover",
                            ).strip()
                if "tmx" in formats:
                    tmx_mode = st.radio(
                        "TMX",
                        [PER_LANGUAGE, ALL_LANGUAGES],
                        format_func=lambda m: (
                            "One file per language"
                            if m == PER_LANGUAGE
                            else "One file with every language (N-way)"
                        ),
                        horizontal=True,
                        key="ex_tmx",
                    )

        # What the choices make: one job per format and language.
        jobs: list[Job] = []
        left_out: list[tuple[str, str]] = []
        for fmt in formats:
            fmt_langs = (
                [ALL_LANGUAGES] if fmt == "tmx" and tmx_mode == ALL_LANGUAGES else chosen_langs
            )
            for lang in fmt_langs:
                docs = tuple(
                    n
                    for n in chosen_docs
                    if not only_versions
                    or (versions[n] if lang == ALL_LANGUAGES else lang in versions[n])
                )
                if not docs:
                    left_out.append((fmt, lang))
                    continue
                in_edition = fmt in EDITION_FORMATS
                jobs.append(
                    Job(
                        fmt,
                        lang,
                        docs,
                        untranslated=untranslated if in_edition else FALLBACK,
                        collection=collection_titles.get(lang, "")
                        if in_edition and collection
                        else None,
                    )
                )

        problems = []
        if not chosen_docs:
            problems.append("Choose at least one document.")
        if not chosen_langs and not (formats == ["tmx"] and tmx_mode == ALL_LANGUAGES):
            problems.append("Choose at least one language.")
        if not formats:
            problems.append("Choose at least one format.")
        untitled = [lang for lang in chosen_langs if collection and not collection_titles[lang]]
        if editions and untitled:
            problems.append(
                "Give each collection a title: "
                + ", ".join(language_label(lang) for lang in untitled)
                + "."
            )

        st.subheader("What will be produced")
        lang_rows = []
        counts: dict[tuple[str, str], Counts] = {}
        if chosen_docs and chosen_langs:
            pairs = [
                (n, lang)
                for lang in chosen_langs
                for n in chosen_docs
                if not only_versions or lang in versions[n]
            ]
            counts = unit_counts(pairs)
            for lang in chosen_langs:
                in_lang = [n for n in chosen_docs if (n, lang) in counts]
                units = sum(counts[(n, lang)].units for n in in_lang)
                missing = sum(counts[(n, lang)].missing for n in in_lang)
                files = sum(j.expected_files for j in jobs if j.lang == lang)
                lang_rows.append(
                    {
                        "Language": language_label(lang),
                        "Documents": len(in_lang),
                        "No version yet": sum(1 for n in chosen_docs if lang not in versions[n]),
                        "Units": units,
                        "Translated": units - missing,
                        "Untranslated": missing,
                        "Files": files,
                    }
                )
        total_files = sum(j.expected_files for j in jobs)
        m1, m2, m3 = st.columns(3)
        m1.metric("Files", total_files)
        m2.metric("Jobs (format × language)", len(jobs))
        m3.metric("Untranslated units", sum(r["Untranslated"] for r in lang_rows))
        if lang_rows:
            st.dataframe(
                lang_rows,
                hide_index=True,
                column_config={
                    "No version yet": st.column_config.NumberColumn(
                        "No version yet",
                        help=(
                            "Chosen documents not yet translated into the language: left out"
                            if only_versions
                            else "Chosen documents not yet translated into the language: "
                            "exported with every unit untranslated"
                        ),
                    ),
                },
            )
            with st.expander("Untranslated units by document"):
                st.dataframe(
                    [
                        {
                            "Document": n,
                            **{
                                lang: (
                                    "—"
                                    if (n, lang) not in counts
                                    else "✓"
                                    if not counts[(n, lang)].missing
                                    else f"{counts[(n, lang)].missing} of {counts[(n, lang)].units}"
                                )
                                for lang in chosen_langs
                            },
                        }
                        for n in chosen_docs
                    ],
                    hide_index=True,
                )
                st.caption(
                    "✓ every unit translated · “n of m” untranslated units · — left out "
                    f"(no version in the language). Counted at {state['ex_counts']['at']}."
                )
                if st.button("Count again", key="ex_recount"):
                    forget_counts()
                    st.rerun()
        unaligned = [
            (n, lang)
            for lang in chosen_langs
            for n in chosen_docs
            if (c := counts.get((n, lang))) and c.unaligned
        ]
        if unaligned:
            st.warning(
                "Not aligned yet, so none of their units counts as translated: "
                + ", ".join(f"{escape_markdown(n)} ({lang})" for n, lang in unaligned)
                + ". Align them on the Align page first."
            )
        if "tmx" in formats:
            st.caption("TMX holds translated units only; untranslated ones are left out.")
        if untranslated == BLOCK and editions:
            blocked = [
                f"{language_label(lang)}: {plural(gaps, 'unit')}"
                for lang in chosen_langs
                if (gaps := sum(c.for_editions for (_n, lg), c in counts.items() if lg == lang))
            ]
            if blocked:
                st.warning(
                    "As things stand, untranslated units will block the editions in "
                    + "; ".join(blocked)
                    + ". The other files are still produced."
                )
        for fmt, lang in left_out:
            st.caption(
                f"No {SHORT_LABELS.get(fmt, fmt)} in {language_label(lang)}: none of the chosen "
                "documents has a version in it."
            )
        for problem in problems:
            st.info(problem)

        b1, b2, _ = st.columns([1.4, 1.6, 3])
        produce = b1.button(
            f"Produce {plural(total_files, 'file')}",
            type="primary",
            key="ex_produce",
            disabled=bool(problems) or not jobs,
            help="Make the files here, to download.",
        )
        write = b2.button(
            "Write into translations/",
            key="ex_write",
            disabled=bool(problems) or not jobs,
            help=f"Write the files into {bench.project.translations}, replacing the previous "
            "ones (each file atomically).",
        )
        if produce:
            produced, failed = run_jobs(jobs, "produce")
            state["ex_result"] = {
                "jobs": tuple(jobs),
                "files": produced,
                "failures": failed,
                "zip": zip_of(produced) if produced else b"",
                "at": datetime.now().strftime("%H:%M:%S"),
            }
            state.pop("ex_written", None)
        if write:
            written, failed = run_jobs(jobs, "write")
            state["ex_written"] = {"paths": written, "failures": failed}
            state.pop("ex_result", None)

        result = state.get("ex_result")
        if result:
            st.subheader("Files")
            if result["jobs"] != tuple(jobs):
                st.caption(
                    f"Produced at {result['at']} from earlier choices; produce again to "
                    "follow the choices above."
                )
            for item in result["failures"]:
                show_failure(item)
            files = result["files"]
            if files:
                st.success(f"Produced {plural(len(files), 'file')} at {result['at']}.")
                st.download_button(
                    f"Download all ({plural(len(files), 'file')}, ZIP)",
                    result["zip"],
                    file_name="translations.zip",
                    mime="application/zip",
                    key="ex_zip",
                    type="primary",
                    icon=":material/folder_zip:",
                    on_click="ignore",
                )
                by_lang: dict[str, list[tuple[Job, Any]]] = {}
                for job, file in files:
                    by_lang.setdefault(job.lang, []).append((job, file))
                for lang, lang_files in by_lang.items():
                    with st.container(border=True):
                        st.markdown(
                            f"**{escape_markdown(language_label(lang))}** · "
                            f"{plural(len(lang_files), 'file')}"
                        )
                        for job, file in lang_files:
                            left, right = st.columns([3, 2], vertical_alignment="center")
                            left.download_button(
                                file.path.as_posix(),
                                file.data,
                                file_name=download_name(file.path),
                                mime=MIME_TYPES.get(file.path.suffix, "application/octet-stream"),
                                key=f"ex_dl_{file.path.as_posix()}",
                                icon=":material/download:",
                                type="tertiary",
                                on_click="ignore",
                            )
                            facts = [
                                SHORT_LABELS.get(job.fmt, job.fmt),
                                plural(file.units, "unit"),
                                size_text(len(file.data)),
                            ]
                            if file.untranslated and job.fmt != "tmx":
                                facts.insert(2, f":orange[{file.untranslated} untranslated]")
                            right.caption(" · ".join(facts))
            elif not result["failures"]:
                st.info("Nothing was produced.")

        written_result = state.get("ex_written")
        if written_result:
            st.subheader("Written into translations/")
            for item in written_result["failures"]:
                show_failure(item)
            paths = written_result["paths"]
            if paths:
                st.success(
                    f"Wrote {plural(len(paths), 'file')}:\n\n"
                    + "\n".join(f"- `{code_text(shown_path(path))}`" for _job, path in paths)
                )
            elif not written_result["failures"]:
                st.info("Nothing was written.")


# -- bring translations back -------------------------------------------------------------


def show_import(outcome: dict[str, Any]) -> None:
    if outcome["error"]:
        st.error(f"Not imported: {escape_markdown(outcome['error'])}")
        return
    text = escape_markdown(outcome["summary"])
    if outcome["conflicts"] or outcome["unknown"]:
        st.warning(text)
    else:
        st.success(text)
    if outcome["unknown"]:
        with st.expander(f"Units not found here ({len(outcome['unknown'])})"):
            st.caption(
                "These ids are in the file but not in the corpus: the document was renamed "
                "or removed, or its alignment changed since the export."
            )
            st.markdown(
                "\n".join(f"- `{code_text(key)}`" for key in outcome["unknown"][:UNKNOWN_SHOWN])
                + (
                    f"\n- and {len(outcome['unknown']) - UNKNOWN_SHOWN} more"
                    if len(outcome["unknown"]) > UNKNOWN_SHOWN
                    else ""
                )
            )


def resolve(conflict: Any, choice: str, text: str | None = None) -> str | None:
    """Settle one conflict; what went wrong (as Markdown), or None."""
    try:
        bench.resolve_conflict(conflict.id, choice, text)
    except WorkbenchError as exc:
        return f"`{code_text(conflict.unit_key)}`: {escape_markdown(str(exc))}"
    return None


DONE = {
    "current": "Kept the current text",
    "incoming": "Took the file's text",
    "merged": "Saved the merged text",
}

if import_tab.open:
    with import_tab:
        st.caption(
            "Bring back PO or XLIFF files translated elsewhere: a unit changed here since the "
            "export becomes a conflict for you to settle below, never a silent overwrite. A "
            "TMX file becomes translation memory."
        )
        with st.form("ex_import", clear_on_submit=True):
            uploads = st.file_uploader(
                "Translated files (.po, .xlf, .xliff, .tmx)",
                type=["po", "xlf", "xliff", "tmx"],
                accept_multiple_files=True,
            )
            submitted = st.form_submit_button("Import", type="primary")
        if submitted:
            if not uploads:
                st.warning("Choose at least one file to import.")
            else:
                outcomes = []
                bar = st.progress(0.0, text="Starting import")
                for number, upload in enumerate(uploads):

                    def progress(
                        fraction: float, message: str, number: int = number, name: str = upload.name
                    ) -> None:
                        done = (number + min(max(fraction, 0.0), 1.0)) / len(uploads)
                        bar.progress(min(done, 1.0), text=f"{name}: {message}")

                    progress(0.0, "reading")
                    try:
                        imported = bench.import_translation(
                            upload.getvalue(), upload.name, progress=progress
                        )
                    except WorkbenchError as exc:
                        outcomes.append({"error": str(exc)})
                        continue
                    outcomes.append(
                        {
                            "error": None,
                            "summary": imported.summary(),
                            "conflicts": len(imported.conflicts),
                            "unknown": list(imported.unknown),
                        }
                    )
                bar.empty()
                state["ex_imports"] = outcomes
                forget_counts()
        for outcome in state.get("ex_imports", []):
            show_import(outcome)

        st.subheader("Conflicts to settle")
        conflicts = bench.pending_conflicts()
        if not conflicts:
            st.caption("None: every imported translation was applied.")
        else:
            origins = list(dict.fromkeys(c.origin for c in conflicts))
            if len(origins) > 1:
                if state.get("ex_conflict_origin") not in ["", *origins]:
                    state.pop("ex_conflict_origin", None)
                origin = st.selectbox(
                    "From file",
                    ["", *origins],
                    format_func=lambda o: o or f"Every file ({plural(len(conflicts), 'conflict')})",
                    key="ex_conflict_origin",
                )
                if origin:
                    conflicts = [c for c in conflicts if c.origin == origin]
            shown = conflicts[:CONFLICTS_SHOWN]
            st.caption(
                f"{plural(len(conflicts), 'unit')} changed both here and in the file since "
                "the export: choose which text stays, or write one that merges both."
                + (
                    f" The first {CONFLICTS_SHOWN} are shown."
                    if len(conflicts) > len(shown)
                    else ""
                )
            )
            if len(shown) > 1:
                a1, a2, _ = st.columns([1.2, 1.2, 4])
                keep_all = a1.button(
                    f"Keep all {len(shown)} current",
                    key="ex_keep_all",
                    help="Settle every conflict shown by keeping the text here.",
                )
                take_all = a2.button(
                    f"Take all {len(shown)} incoming",
                    key="ex_take_all",
                    help="Settle every conflict shown by taking the file's text.",
                )
                if keep_all or take_all:
                    choice = "current" if keep_all else "incoming"
                    errors = [e for c in shown if (e := resolve(c, choice))]
                    forget_counts()
                    settled = len(shown) - len(errors)
                    if settled:
                        flash("success", f"{DONE[choice]} of {plural(settled, 'unit')}.")
                    if errors:
                        flash("error", "Not resolved:\n\n" + "\n".join(f"- {e}" for e in errors))
                    st.rerun()
            for conflict in shown:
                with st.container(border=True):
                    when = conflict.created_at.strftime("%Y-%m-%d %H:%M")
                    by = (
                        f" by {escape_markdown(conflict.created_by)}" if conflict.created_by else ""
                    )
                    st.caption(
                        f"**{escape_markdown(conflict.document)}** · "
                        f"{escape_markdown(language_label(conflict.lang))} · unit "
                        f"`{code_text(conflict.unit_key)}` · from "
                        f"{escape_markdown(conflict.origin)} · {when}{by}"
                    )
                    st.markdown(f"**Source:** {escape_markdown(conflict.source)}")
                    here, there = mark_changes(conflict.current, conflict.incoming)
                    left, right = st.columns(2)
                    left.markdown(f"**Here now (current)**  \n{here or '*(empty)*'}")
                    right.markdown(f"**In the file (incoming)**  \n{there or '*(empty)*'}")
                    unit = f"`{code_text(conflict.unit_key)}`"
                    choice, text = None, None
                    if left.button("Keep current", key=f"ex_keep_{conflict.id}"):
                        choice = "current"
                    if right.button("Take incoming", key=f"ex_take_{conflict.id}", type="primary"):
                        choice = "incoming"
                    merged = st.text_area(
                        "Or write the merged text",
                        value=conflict.incoming,
                        key=f"ex_merged_{conflict.id}",
                        height=80,
                    )
                    if st.button("Save merged", key=f"ex_merge_{conflict.id}"):
                        choice, text = "merged", merged.strip()
                    if choice == "merged" and not text:
                        st.error("Write the merged text first: it cannot be empty.")
                    elif choice:
                        error = resolve(conflict, choice, text)
                        if error:
                            st.error(f"Not resolved: {error}")
                        else:
                            forget_counts()
                            flash("success", f"{DONE[choice]} for {unit}.")
                            st.rerun()
