"""File formats: the registry of every format the product reads or writes, and the readers.

Importing this package registers the built-in formats, so ``formats("source")`` and
``for_filename`` see them without callers importing each reader module themselves. Every
module that calls ``register`` is imported here.
"""

from __future__ import annotations

from workbench.formats import sources as _sources  # noqa: F401  (source formats)
from workbench.formats.registry import FormatSpec, extension_of, for_filename, formats, register

__all__ = ["FormatSpec", "extension_of", "for_filename", "formats", "register"]
