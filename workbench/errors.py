"""Errors a user can act on.

Every error that reaches a person names the file, the place in it and the problem, so the
CLI prints it as one line and the UI shows it in a box, never as a traceback.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """Base class for errors that are shown to the user as they are."""


class InputError(WorkbenchError):
    """Bad input: an unsupported, corrupt, empty or wrongly encoded file or a bad value."""

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.problem}"


class NotFoundError(WorkbenchError):
    """A document, version or segment named by the user does not exist."""


class ConflictError(WorkbenchError):
    """A save started from a revision that someone else has since changed.

    Carries both texts so the person can choose or merge; nothing is overwritten.
    """

    def __init__(self, message: str, *, theirs: str, yours: str, revision: int) -> None:
        self.theirs = theirs
        self.yours = yours
        self.revision = revision
        super().__init__(message)
