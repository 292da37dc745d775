"""File formats: the registry of every format the product reads or writes, and the readers.

Importing this package registers the built-in formats, so ``formats("source")`` and
``for_filename`` see them without callers importing each reader module themselves. Every
module that calls ``register`` is imported here.
"""

from __future__ import annotations

from workbench.formats import edition as _edition  # noqa: F401  (localized editions)
from workbench.formats import glossary_csv as _glossary_csv  # noqa: F401  (glossary formats)
from workbench.formats import omegat_glossary as _omegat_glossary  # noqa: F401
from workbench.formats import po as _po  # noqa: F401  (exchange formats)
from workbench.formats import review_file as _review_file  # noqa: F401
from workbench.formats import sources as _sources  # noqa: F401  (source formats)
from workbench.formats import tbx as _tbx  # noqa: F401
from workbench.formats import tmx as _tmx  # noqa: F401
from workbench.formats import vecalign as _vecalign  # noqa: F401  (alignment links)
from workbench.formats import xliff as _xliff  # noqa: F401
from workbench.formats.registry import FormatSpec, extension_of, for_filename, formats, register

__all__ = ["FormatSpec", "extension_of", "for_filename", "formats", "register"]
