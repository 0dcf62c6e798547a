"""Errors a user can act on.

Anything raised as a :class:`PlannerError` is shown to the user as one clear line (CLI: on
stderr with exit status 1; GUI: in a message box), never as a traceback.
"""

from __future__ import annotations


class PlannerError(Exception):
    """A problem the user can fix: a missing file, an unknown id, a refused document."""


class NotFoundError(PlannerError):
    """An id or key that names nothing in the database."""


class ValidationError(PlannerError):
    """Input that breaks a rule; ``problems`` holds one message per problem."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        self.problems = list(problems or [])
        if self.problems:
            message = message + "\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(message)


class PolicyRefusal(PlannerError):
    """The attribution policy forbids this output for this audience."""

    def __init__(self, message: str, findings: list[str] | None = None) -> None:
        self.findings = list(findings or [])
        if self.findings:
            message = message + "\n" + "\n".join(f"  {f}" for f in self.findings)
        super().__init__(message)


class DamagedDatabaseError(PlannerError):
    """The database file is damaged (SQLite says it is corrupt or not a database).

    ``path`` is the file, so that the window can offer its latest good backup.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"{path}: the database file is damaged: {reason}; "
            "restore a backup with `planner restore` (`planner backup --list` shows them)"
        )
