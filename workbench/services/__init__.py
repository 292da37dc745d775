"""Use cases the UI and the CLI share.

Both shells call ``Workbench`` and nothing below it, so they cannot disagree about what an
import does, what is checked, or what is written to history. Each group of use cases is a
module of its own; ``Workbench`` brings them together over one database and project.
"""

from workbench.services.alignment import AlignmentView, GridRow
from workbench.services.backup import BackupServices
from workbench.services.base import Progress, current_user
from workbench.services.demo import DemoServices
from workbench.services.documents import BY_POST_ID, ImportFailed, ImportItem, ImportOutcome
from workbench.services.exchange import ExchangeServices
from workbench.services.glossary import GlossaryChange, GlossaryConflict
from workbench.services.memory import MemoryServices
from workbench.services.progress import ProgressServices
from workbench.services.review import ReviewServices
from workbench.services.team import TeamServices


class Workbench(
    ExchangeServices,
    MemoryServices,
    DemoServices,
    ReviewServices,
    TeamServices,
    ProgressServices,
    BackupServices,
):
    """The application: every use case over one database, project folder and user."""


__all__ = [
    "BY_POST_ID",
    "AlignmentView",
    "GlossaryChange",
    "GlossaryConflict",
    "GridRow",
    "ImportFailed",
    "ImportItem",
    "ImportOutcome",
    "Progress",
    "Workbench",
    "current_user",
]
