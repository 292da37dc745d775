"""The demo workspace: what ``workbench demo`` and a first ``workbench serve`` create.

``sources/*`` become English source documents, ``sources/<lang>/*`` their translations
(paired by file name), and ``glossary/glossary.csv`` the glossary.
"""

from __future__ import annotations

from pathlib import Path

from workbench.errors import WorkbenchError
from workbench.formats.sources import SUPPORTED_SOURCE_EXTENSIONS, document_name
from workbench.model import Role
from workbench.services.alignment import AlignmentServices
from workbench.services.base import Progress
from workbench.services.documents import DocumentServices, ImportItem, ImportOutcome
from workbench.services.glossary import read_glossary

DEMO_GLOSSARY = "glossary.csv"


class DemoServices(DocumentServices, AlignmentServices):
    """Creating the demo workspace from the project folder."""

    # -- demo --------------------------------------------------------------------------

    def demo_items(self) -> list[ImportItem]:
        """The demo workspace: ``sources/*`` as English sources and ``sources/<lang>/*`` as
        their translations (paired by file name)."""
        root = self.project.sources
        if not root.is_dir():
            raise WorkbenchError(f"no demo content: {root} does not exist")
        items = [
            ImportItem(data=path.read_bytes(), filename=str(path), lang="en")
            for path in _demo_files(root)
        ]
        names = {Path(item.filename).stem for item in items}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            for path in _demo_files(folder):
                if path.stem in names:
                    items.append(
                        ImportItem(
                            data=path.read_bytes(),
                            filename=str(path),
                            lang=folder.name,
                            translation_of=document_name(path.name),
                        )
                    )
        return items

    def create_demo(self, *, progress: Progress | None = None) -> list[ImportOutcome]:
        """Fill an empty workspace with the demo content; refuses to touch a used one."""
        self.require(Role.ADMIN, action="create the demo workspace")
        if not self.is_empty():
            raise WorkbenchError(
                "the workspace already holds documents; the demo is only created in an empty"
                " database (point WORKBENCH_DB at a new file to try it)"
            )
        glossary = self.project.glossary / DEMO_GLOSSARY
        data = glossary.read_bytes() if glossary.is_file() else None
        if data is not None:
            read_glossary(data, str(glossary))  # a broken glossary stops the demo up front
        outcomes = self.import_items(self.demo_items(), progress=progress)
        if data is not None:
            self.import_glossary(data, str(glossary))
        self.align_imported(outcomes)
        return outcomes

    def ensure_demo(self) -> bool:
        """What ``serve`` does on first start: create the demo if the store is empty."""
        if self.is_empty():
            self.create_demo()
            return True
        return False


def _demo_files(folder: Path) -> list[Path]:
    """Importable texts of a demo folder; README files describe the folder, not content."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() in SUPPORTED_SOURCE_EXTENSIONS
        and not path.stem.lower().startswith("readme")
    )
