"""The one registry of file formats the product reads and writes.

Every place that needs to know "which formats exist" (the CLI's ``--help``, the UI's file
uploader, error messages that list what is supported) asks this registry, so adding a format
is one ``register`` call in the module that implements it and nothing else drifts out of date.
Formats are grouped by ``kind``: ``source`` (texts to translate), and later ``exchange``
(PO, TMX, XLIFF), ``glossary`` (TBX, CSV) and ``edition`` (finished translations).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import Any

from workbench.errors import InputError

__all__ = ["FormatSpec", "extension_of", "for_filename", "formats", "register"]


@dataclass(frozen=True)
class FormatSpec:
    """A file format: its name, the file extensions that select it and how to read/write it.

    ``read`` and ``write`` have kind-specific signatures (a source reader turns bytes into
    raw paragraphs, an exchange writer turns segments into bytes), so they are typed loosely
    here and documented by the module that registers them.
    """

    name: str
    extensions: tuple[str, ...]
    kind: str
    description: str
    read: Callable[..., Any] | None = None
    write: Callable[..., Any] | None = None

    def __post_init__(self) -> None:
        # Extensions are compared lower-case with their dot, so ".TXT" and "txt" both work
        # when registering and a typo cannot silently register a format nobody can select.
        if not self.name or not self.kind:
            raise ValueError("a format needs a name and a kind")
        if not self.extensions:
            raise ValueError(f"format {self.name!r} has no file extensions")
        normalised = tuple(
            ext.lower() if ext.startswith(".") else "." + ext.lower() for ext in self.extensions
        )
        object.__setattr__(self, "extensions", normalised)


_REGISTRY: dict[str, FormatSpec] = {}


def register(spec: FormatSpec) -> FormatSpec:
    """Add ``spec`` to the registry and return it.

    Registering the same name again replaces the earlier spec (module reloads in tests and
    the Streamlit dev server import modules more than once). Two different formats of one
    kind claiming the same extension is a programming error and raises ``ValueError``:
    a file name must select exactly one reader.
    """
    for other in _REGISTRY.values():
        if other.name == spec.name or other.kind != spec.kind:
            continue
        clash = set(other.extensions) & set(spec.extensions)
        if clash:
            raise ValueError(
                f"format {spec.name!r} claims {', '.join(sorted(clash))}, "
                f"already used by {other.name!r}"
            )
    _REGISTRY[spec.name] = spec
    return spec


def formats(kind: str | None = None) -> list[FormatSpec]:
    """The registered formats, in registration order, optionally only those of ``kind``."""
    return [spec for spec in _REGISTRY.values() if kind is None or spec.kind == kind]


def extension_of(filename: str) -> str:
    """The lower-case extension of ``filename`` with its dot, or ``""`` if it has none.

    Windows paths are accepted too, because uploads from a browser on Windows and paths typed
    into the CLI there both use backslashes.
    """
    return PureWindowsPath(filename).suffix.lower()


def for_filename(filename: str, kind: str) -> FormatSpec:
    """The format of ``kind`` that handles ``filename``, chosen by its extension.

    Raises ``InputError`` naming the file and listing the supported extensions, so a
    translator who dropped a PDF knows what to convert it to.
    """
    candidates = formats(kind)
    supported = ", ".join(ext for spec in candidates for ext in spec.extensions) or "(none)"
    ext = extension_of(filename)
    if not ext:
        raise InputError(
            f"the file name has no extension, so its type is unknown; supported: {supported}",
            file=filename,
        )
    for spec in candidates:
        if ext in spec.extensions:
            return spec
    raise InputError(f"unsupported file type '{ext}'; supported: {supported}", file=filename)
