"""One error hierarchy. Every error carries a message a user can act on (in Danish)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from oto_match.vocab import field_label


class OtoMatchError(Exception):
    """Base of all errors the app and CLI show to a user instead of a stack trace."""

    @property
    def message(self) -> str:
        return str(self)


class DatabaseLockedError(OtoMatchError):
    """Another process holds the database file."""


class StorageError(OtoMatchError):
    """A database operation failed; wraps duckdb.Error."""


class DatabaseBusyError(StorageError):
    """Someone else saved the same rows at the same moment; trying again is safe."""


class NotFoundError(OtoMatchError):
    """A row asked for by id does not exist."""


class PermissionDeniedError(OtoMatchError):
    """The acting staff member may not do this."""


class RuleError(OtoMatchError):
    """A domain rule forbids the action (e.g. presenting without the citizen's agreement)."""


class StaleRecordError(OtoMatchError):
    """The record was saved by someone else after the form was opened: the save is refused.

    The message says who changed it, when and (where known) which fields, so the user can look
    before saving again; the form keeps what the user typed.
    """

    def __init__(self, what: str, by: str | None, at: datetime | None, fields: tuple[str, ...] = (),
                 exists: bool = True):  # fmt: skip
        self.what, self.by, self.at, self.fields = what, by, at, fields
        who = by or "en anden"
        when = f" {at:%d-%m-%Y kl. %H:%M}" if at else ""
        if not exists:
            text = f"{what} er slettet eller flettet af {who}{when}, efter du åbnede den."
        else:
            changed = f" ({', '.join(field_label(f) for f in fields)})" if fields else ""
            text = (
                f"{what} er ændret af {who}{when}{changed}, efter du åbnede den. "
                "Intet er gemt, og dine indtastninger står stadig i formularen: se ændringen, og gem igen."
            )
        super().__init__(text)


class DuplicateRecordError(StaleRecordError):
    """A record with this id exists already (e.g. a form submitted twice)."""

    def __init__(self, what: str, by: str | None, at: datetime | None):
        self.what, self.by, self.at, self.fields = what, by, at, ()
        who = by or "en anden"
        when = f" {at:%d-%m-%Y kl. %H:%M}" if at else ""
        OtoMatchError.__init__(self, f"{what} er allerede gemt (af {who}{when}); den er ikke oprettet igen.")


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str
    line: int | None = None

    @property
    def label(self) -> str:
        """The field's Danish label, as the form shows it."""
        return field_label(self.field)

    def __str__(self) -> str:
        if self.line is not None:  # the column as the file's header names it, and its Danish label
            label = self.label
            named = f"{self.field} ({label})" if label and label != self.field else self.field
            return f"linje {self.line}, kolonne {named}: {self.message}"
        return f"{self.label}: {self.message}"


class ValidationError(OtoMatchError):
    """One or more fields are invalid; each problem names its field (and line, for files)."""

    def __init__(self, problems: list[FieldProblem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls([FieldProblem(field, message)])

    def fields(self) -> set[str]:
        return {p.field for p in self.problems}
