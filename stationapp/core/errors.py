"""Refusals: a command that will not do what it was asked raises a UserError, writes nothing."""

from __future__ import annotations

from typing import Any

from stationapp.core.i18n import Term, translate


class UserError(Exception):
    """Base of every refusal. ``text`` is an English source string marked for translation
    (``QT_TRANSLATE_NOOP("UserError", ...)``) with ``{name}`` fields filled from ``params``;
    ``str(error)`` gives it in the installed language (Chinese by default)."""

    context = "UserError"

    def __init__(self, text: str, /, **params: Any) -> None:
        super().__init__(text)
        self.text = text
        self.params = params

    @property
    def message(self) -> str:
        params = {
            key: translate(self.context, value) if isinstance(value, Term) else value
            for key, value in self.params.items()
        }
        return translate(self.context, self.text).format(**params)

    def __str__(self) -> str:
        return self.message

    @property
    def english(self) -> str:
        """The message in its English source with the fields filled in: what the log keeps
        (``text`` alone is the template, ``{left} tries left``)."""
        try:
            return self.text.format(**{key: str(value) for key, value in self.params.items()})
        except (KeyError, IndexError, ValueError):  # a template that does not fit its fields
            return f"{self.text} {self.params}"


class ValidationError(UserError):
    """The input is not acceptable (a malformed phone, a negative amount...)."""


class StateError(UserError):
    """The action is not allowed in the current state (a parcel already picked up...)."""


class PermissionDenied(UserError):
    """The logged-in operator may not do this (a manager's action)."""


class StoreError(UserError):
    """The station's data folder cannot be used (locked by another program, read-only, damaged)."""


class StorageError(StoreError):
    """The disk or the database file failed under a command (full, read-only, damaged): nothing
    was written; the message says what to do. ``problems`` lists what SQLite's own check found
    when the file is damaged."""

    def __init__(self, text: str, /, problems: list[str] | None = None, **params: object) -> None:
        super().__init__(text, **params)
        self.problems = list(problems or [])


class DamagedDatabase(StorageError):
    """The station's database file is damaged (SQLite's integrity check, or a read that failed)."""
