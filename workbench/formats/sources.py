"""Ingest a source file (.txt, .md, .html, .docx) into a ``Document``.

This is the one entry point the CLI, the UI and the tests use to bring a text in. The
steps are the same for every format, in this order:

1. refuse what is too large or of an unsupported type, before reading further;
2. let the format's reader (``readers``) turn the bytes into paragraphs with kinds and
   line numbers (decoding text with ``encoding``);
3. remove site chrome (``boilerplate``), recording every removed piece;
4. mark the title, post id and source line (``metadata``);
5. detect the language and settle it with the one the user gave.

Either a complete ``Document`` comes back or an ``InputError`` naming the file, the place
and the problem: a half-read text would be segmented and aligned as if it were whole.
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

from anyascii import anyascii

from workbench.errors import InputError
from workbench.formats.boilerplate import BoilerplatePatterns, default_patterns, strip_boilerplate
from workbench.formats.metadata import extract_metadata
from workbench.formats.plain import split_plain_paragraphs
from workbench.formats.readers import read_docx, read_html, read_markdown, read_txt
from workbench.formats.registry import FormatSpec, for_filename, register
from workbench.language import detect_language
from workbench.model import Document, ParagraphKind

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MIN_LANGUAGE_PROBABILITY",
    "SUPPORTED_SOURCE_EXTENSIONS",
    "document_name",
    "normalize_lang",
    "read_source",
    "read_source_file",
    "split_plain_paragraphs",
]

SUPPORTED_SOURCE_EXTENSIONS: tuple[str, ...] = (
    ".txt",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".docx",
)
# A blog post is a few kilobytes; a 20 MB "text" is a mistake (or an attack on memory).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# Below this, a detected language is a guess we do not act on without the user's word.
MIN_LANGUAGE_PROBABILITY = 0.5

_LANG_TAG = re.compile(r"([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{2,8})*)")

register(
    FormatSpec(
        "text", (".txt",), "source", "Plain text in UTF-8, UTF-16 or a Windows code page", read_txt
    )
)
register(FormatSpec("markdown", (".md", ".markdown"), "source", "Markdown", read_markdown))
register(FormatSpec("html", (".html", ".htm"), "source", "Web page (HTML)", read_html))
register(FormatSpec("docx", (".docx",), "source", "Word document (.docx)", read_docx))


def document_name(filename: str) -> str:
    """A stable slug for a document from its file name: ``Keep What Was Attained.txt`` ->
    ``keep-what-was-attained``.

    Non-Latin names are transliterated (``Сохранить достигнутое.txt`` ->
    ``sokhranit-dostignutoe``) so names stay typeable in the CLI and safe in file names.
    """
    stem = PureWindowsPath(filename).name
    if "." in stem.lstrip("."):
        stem = stem[: stem.rfind(".")]
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(stem).lower()).strip("-")
    return slug or "document"


def normalize_lang(lang: str, *, filename: str | None = None) -> str:
    """Check and normalise a language code the user gave: ``EN`` -> ``en``, ``pt_br`` -> ``pt-BR``.

    Detection only knows about 55 languages, but a user may translate into any: every
    well-formed tag is accepted, only junk ("english", "") is refused.
    """
    match = _LANG_TAG.fullmatch(lang.strip())
    if not match:
        raise InputError(
            f"'{lang}' is not a language code; use a code such as en, ru, es or de",
            file=filename,
        )
    subtags = [part for part in re.split(r"[-_]", match.group(2)) if part]
    normalised = [match.group(1).lower()]
    for part in subtags:
        if len(part) == 2 and part.isalpha():
            normalised.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            normalised.append(part.title())
        else:
            normalised.append(part.lower())
    return "-".join(normalised)


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size} bytes"


def _check_size(size: int, filename: str, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(
            f"the file is too large ({_size(size)}; the limit is {_size(max_bytes)}); "
            "split it into smaller files",
            file=filename,
        )


def read_source(
    data: bytes,
    filename: str,
    *,
    lang: str | None = None,
    patterns: BoilerplatePatterns | None = None,
    name: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read the bytes of a source file named ``filename`` into a ``Document``.

    ``lang`` is the language the user says the text is in; it wins over detection, but
    detection still runs and is recorded (``detected_lang``, ``lang_probability``) so a
    mismatch can be shown. Without ``lang`` the detected language is used, and when there is
    too little text to tell, ``InputError`` asks for it: guessing "en" for a Russian title
    would put the text in the wrong column of every alignment. ``patterns`` are the
    boilerplate rules (default: the packaged ones); ``name`` overrides the slug made from
    the file name.
    """
    _check_size(len(data), filename, max_bytes)
    spec = for_filename(filename, "source")
    given_lang = normalize_lang(lang, filename=filename) if lang is not None else None
    if not data:
        raise InputError("the file is empty (0 bytes)", file=filename)
    assert spec.read is not None
    raw = spec.read(data, filename)
    if not raw.paragraphs:
        raise InputError(
            "the file is empty: it has no text, only whitespace or markup", file=filename
        )

    paragraphs, stripped = strip_boilerplate(raw.paragraphs, patterns or default_patterns())
    stripped = sorted([*raw.stripped, *stripped], key=lambda block: block.line)
    if not paragraphs:
        rules = ", ".join(sorted({block.rule for block in stripped}))
        raise InputError(
            f"the file contains no text to translate: all {len(stripped)} paragraphs were "
            f"removed as site boilerplate ({rules})",
            file=filename,
        )
    paragraphs, meta = extract_metadata(paragraphs)

    text = "\n".join(p.text for p in paragraphs if p.kind != ParagraphKind.POST_ID)
    detected = detect_language(text)
    if given_lang is not None:
        document_lang = given_lang
    elif detected is None:
        raise InputError(
            "there is too little text to tell its language; give the language explicitly "
            "(--lang on the command line, the language selector in the app)",
            file=filename,
        )
    elif detected[1] < MIN_LANGUAGE_PROBABILITY:
        raise InputError(
            f"the language of the text is unclear (best guess '{detected[0]}' at "
            f"{detected[1]:.0%}); give the language explicitly (--lang on the command line, "
            "the language selector in the app)",
            file=filename,
        )
    else:
        document_lang = detected[0]

    return Document(
        name=name or document_name(filename),
        lang=document_lang,
        paragraphs=paragraphs,
        meta=meta,
        stripped=stripped,
        source_file=PureWindowsPath(filename).name,
        encoding=raw.encoding,
        detected_lang=detected[0] if detected else None,
        lang_probability=round(detected[1], 4) if detected else None,
    )


def read_source_file(
    path: Path,
    *,
    lang: str | None = None,
    patterns: BoilerplatePatterns | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read the source file at ``path``; see ``read_source``.

    The type and the size are checked before the file is read, so pointing the CLI at a
    2 GB video fails at once instead of filling the memory.
    """
    filename = str(path)
    for_filename(filename, "source")
    try:
        size = path.stat().st_size
        _check_size(size, filename, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=filename) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", file=filename) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", file=filename) from None
    return read_source(data, filename, lang=lang, patterns=patterns, max_bytes=max_bytes)
