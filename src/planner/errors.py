"""Errors a user can act on.

Anything raised as a :class:`PlannerError` is shown to the user as one clear line (CLI: on
stderr with exit status 1; GUI: in a message box), never as a traceback.
"""

from __future__ import annotations


class PlannerError(Exception):
    """A problem the user can fix: a missing file, an unknown id, a refused document."""


class NotFoundError(PlannerError):
    """An id or key that names nothing in the database."""


def not_found(kind: str, *ids: int) -> NotFoundError:
    """The one wording of ids that name nothing, ``no event with id 7``, wherever it is found
    (the CLI prints it after ``planner: ``, the window in a message box)."""
    return NotFoundError(f"no {kind} with id {', '.join(str(i) for i in ids)}")


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


class StaleEdit(PlannerError):
    """An edit based on a record someone else changed since it was read: refused, not written
    over theirs. ``who`` and ``when`` (shown in the organisation's zone as ``at``) say who
    changed it last; the window offers to reload or to keep the user's edit (overwrite)."""

    def __init__(self, what: str, who: str, at: str) -> None:
        self.what = what
        self.who = who or "someone"
        self.at = at
        when = f" at {at}" if at else ""
        super().__init__(f"{what}: changed by {self.who}{when} since you opened it")

    @property
    def headline(self) -> str:
        """The dialog's first line: "Changed by Sana at 14:02 since you opened it"."""
        when = f" at {self.at}" if self.at else ""
        return f"Changed by {self.who}{when} since you opened it"
