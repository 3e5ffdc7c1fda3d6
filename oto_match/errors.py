"""One error hierarchy. Every error carries a message a user can act on (in Danish)."""

from __future__ import annotations

from dataclasses import dataclass


class OtoMatchError(Exception):
    """Base of all errors the app and CLI show to a user instead of a stack trace."""

    @property
    def message(self) -> str:
        return str(self)


class DatabaseLockedError(OtoMatchError):
    """Another process holds the database file."""


class StorageError(OtoMatchError):
    """A database operation failed; wraps duckdb.Error."""


class NotFoundError(OtoMatchError):
    """A row asked for by id does not exist."""


class PermissionDeniedError(OtoMatchError):
    """The acting staff member may not do this."""


class RuleError(OtoMatchError):
    """A domain rule forbids the action (e.g. presenting without the citizen's agreement)."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"line {self.line}, column {self.field}: {self.message}"
        return f"{self.field}: {self.message}"


class ValidationError(OtoMatchError):
    """One or more fields are invalid; each problem names its field (and line, for files)."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([FieldProblem(field, message)])
