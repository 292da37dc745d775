"""What every edition format renders: documents turned into chapters of typed blocks.

:func:`build_chapters` does all the deciding once, for every output format: which text a
paragraph shows (the translation with the language's typography, or the source marked as
untranslated), how a post id is printed in the target language, what the title is and
what is missing. The renderers (Markdown, HTML, DOCX, EPUB) only lay the blocks out, so
the formats never disagree about content, and in ``block`` mode nothing is rendered at all
when a translation is missing.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from workbench.errors import InputError
from workbench.formats.metadata import post_id_of
from workbench.formats.typography import apply_typography, base_language
from workbench.model import EditionDocument, ParagraphKind, TranslationUnit

__all__ = [
    "EDITION_DATE",
    "Block",
    "Chapter",
    "Missing",
    "Run",
    "UntranslatedError",
    "build_chapters",
    "is_rtl",
    "normalize_zip",
    "post_id_text",
    "printable",
]

# Container formats carry dates (ZIP entries, DOCX core properties, EPUB dcterms:modified).
# They are fixed so the same edition always gives the same bytes; the file's own date on
# disk says when it was made. 1980-01-01 is the earliest date a ZIP entry can hold.
EDITION_DATE = datetime(1980, 1, 1, tzinfo=UTC)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_RTL = frozenset({"he", "ar", "fa", "ur", "yi", "ps", "sd", "ug", "dv"})
_UNTRANSLATED_SHOWN = 20  # missing units listed by name in a "block" error


@dataclass(frozen=True)
class Run:
    """A stretch of a paragraph: translated text, or source text shown in its place."""

    text: str
    fallback: bool = False


@dataclass(frozen=True)
class Block:
    """One paragraph to render: its kind and runs (a renderer joins runs with a space)."""

    kind: ParagraphKind
    runs: tuple[Run, ...]
    paragraph: int

    @property
    def text(self) -> str:
        return " ".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Chapter:
    """One document of the edition: title, an anchor/file id, blocks in order."""

    name: str
    anchor: str
    title: tuple[Run, ...]
    blocks: tuple[Block, ...]
    source_lang: str

    @property
    def title_text(self) -> str:
        return " ".join(run.text for run in self.title)


@dataclass(frozen=True)
class Missing:
    """An untranslated unit: where it is, so an editor can find it."""

    document: str
    paragraph: int
    key: str


class UntranslatedError(InputError):
    """Raised in ``block`` mode: the units without a translation, all of them in ``missing``."""

    def __init__(self, missing: Sequence[Missing], lang: str) -> None:
        self.missing = tuple(missing)
        shown = "; ".join(
            f"{m.document} ¶{m.paragraph} ({m.key})" for m in self.missing[:_UNTRANSLATED_SHOWN]
        )
        more = len(self.missing) - _UNTRANSLATED_SHOWN
        if more > 0:
            shown += f"; and {more} more"
        super().__init__(
            f"{len(self.missing)} unit(s) have no {lang} translation, so the edition was not "
            f"made: {shown}"
        )


def is_rtl(lang: str) -> bool:
    """Whether ``lang`` is written right to left (Hebrew, Arabic, ...)."""
    return base_language(lang).split("-")[0] in _RTL


def post_id_text(digits: str, lang: str) -> str:
    """A post id as the target language's site prints it (see the reference notes):
    Spanish ``(219485)``, German a bare ``219485``, the others ``[219485]``."""
    base = base_language(lang).split("-")[0]
    if base == "es":
        return f"({digits})"
    if base == "de":
        return digits
    return f"[{digits}]"


_NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` without control characters, which XML-based formats (DOCX, EPUB) cannot
    carry and no published text should contain."""
    return _NOT_PRINTABLE.sub("", text)


def _clean(text: str) -> str:
    """A segment as it goes into a paragraph: control characters dropped, outer whitespace
    off, ``\r\n`` as ``\n``, spaces around inner line breaks removed (a published
    paragraph does not start a line with spaces)."""
    text = printable(text.replace("\r\n", "\n").replace("\r", "\n"))
    return re.sub(r"[ \t]*\n[ \t]*", "\n", text.strip())


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "document"


def _merge(runs: list[Run], lang: str) -> tuple[Run, ...]:
    """Join neighbouring runs of the same kind; typography on the translated ones, as one
    text so quotes that open in one sentence and close in the next pair up."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].fallback == run.fallback:
            merged[-1] = Run(merged[-1].text + " " + run.text, run.fallback)
        else:
            merged.append(run)
    return tuple(
        run if run.fallback else Run(apply_typography(run.text, lang), False) for run in merged
    )


def _post_id(units: Sequence[TranslationUnit], lang: str, fallback_id: str | None) -> Run:
    text = " ".join(_clean(u.source.text) for u in units)
    digits = post_id_of(text, bare=True) or fallback_id
    return Run(post_id_text(digits, lang) if digits else text)


def build_chapters(
    documents: Sequence[EditionDocument], lang: str, *, untranslated: str = "fallback"
) -> list[Chapter]:
    """The documents as chapters in ``lang``; see the module doc.

    ``untranslated="fallback"`` shows the source text of a unit without translation as a
    run marked ``fallback``; ``"block"`` raises :class:`UntranslatedError` listing every
    such unit (post ids are copied, never missing). A unit is untranslated when it has no
    target in ``lang`` or its text is empty, whatever its status.
    """
    if untranslated not in ("fallback", "block"):
        raise ValueError(f"untranslated must be 'fallback' or 'block', not {untranslated!r}")
    missing: list[Missing] = []
    chapters: list[Chapter] = []
    anchors: set[str] = set()
    for document in documents:
        groups: list[list[TranslationUnit]] = []
        for unit in document.units:
            if not groups or groups[-1][0].paragraph != unit.paragraph:
                groups.append([])
            groups[-1].append(unit)
        title: tuple[Run, ...] | None = None
        blocks: list[Block] = []
        for group in groups:
            kind = group[0].kind
            if kind == ParagraphKind.POST_ID:
                runs: tuple[Run, ...] = (_post_id(group, lang, document.meta.post_id),)
            else:
                raw: list[Run] = []
                for unit in group:
                    target = unit.target(lang)
                    if target is not None and target.text.strip():
                        raw.append(Run(_clean(target.text)))
                    else:
                        missing.append(Missing(document.name, unit.paragraph, unit.key))
                        raw.append(Run(_clean(unit.source.text), fallback=True))
                runs = _merge(raw, lang)
            if not runs:
                continue
            if kind == ParagraphKind.TITLE and title is None:
                title = runs
                continue
            blocks.append(Block(kind, runs, group[0].paragraph))
        if title is None:
            title = (Run(printable(document.meta.title or document.name)),)
        anchor = _slug(document.name)
        base, number = anchor, 2
        while anchor in anchors:
            anchor = f"{base}-{number}"
            number += 1
        anchors.add(anchor)
        chapters.append(Chapter(document.name, anchor, title, tuple(blocks), document.source_lang))
    if missing and untranslated == "block":
        raise UntranslatedError(missing, lang)
    return chapters


def normalize_zip(data: bytes, first: str | None = None) -> bytes:
    """``data`` (a ZIP) rewritten with fixed entry dates and attributes, in the same order
    (``first`` moved to the front and stored uncompressed, as EPUB's ``mimetype`` must be):
    python-docx and ebooklib stamp entries with the current time, which made two runs over
    the same content differ."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [info.filename for info in source.infolist()]
    if first is not None and first in names:
        names.remove(first)
        names.insert(0, first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == first else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()
