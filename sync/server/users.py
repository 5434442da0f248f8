"""The people of the supervisor web (DESIGN §6): township supervisors, who see the stations of
their township, and county admins, who see all. Passwords are kept only as argon2 hashes.

``add_user`` is what ``county-center add-user`` does; ``Passwords(storage).verify(name, pw)``
is the login check of the supervisor web.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from stationapp.core import clock
from sync.server.storage import Storage
from sync.server.tables import TOWNSHIP_LENGTH, USER_NAME_LENGTH, users

SUPERVISOR = "supervisor"
ADMIN = "admin"
ROLES = (SUPERVISOR, ADMIN)
MIN_PASSWORD_LENGTH = 10
MAX_NAME_LENGTH = USER_NAME_LENGTH  # the widths of the table's columns
MAX_TOWNSHIP_LENGTH = TOWNSHIP_LENGTH


class UserRefused(ValueError):
    """A user or password the county does not take; the text says what is wrong and what to do.
    ``reason`` names the rule (``short_password``, ``name_taken``...) and ``params`` its values,
    so the admin pages can say the same in Chinese without a second copy of the rules."""

    def __init__(self, message: str, *, reason: str = "", **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    township: str | None  # a supervisor's township; None for an admin
    created_at: str
    active: bool

    @classmethod
    def from_row(cls, row: Any) -> User:
        return cls(row.id, row.name, row.role, row.township, row.created_at, row.active)


def check_password(password: str, *, name: str = "") -> None:
    """Refuse a password too easy to guess: at least 10 characters, not only digits."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserRefused(
            f"The password has {len(password)} characters; it needs at least "
            f"{MIN_PASSWORD_LENGTH}. Choose a longer one (a few words together are easy to "
            "remember).",
            reason="short_password",
            length=len(password),
            least=MIN_PASSWORD_LENGTH,
        )
    if password.isdigit():
        raise UserRefused(
            "The password is only digits, which are quickly guessed. Put letters in it too.",
            reason="digits_password",
        )
    if name and password.strip().casefold() == name.strip().casefold():
        raise UserRefused(
            "The password is the user's name. Choose something else.", reason="name_password"
        )


def _checked_user(name: str, role: str, township: str | None) -> tuple[str, str | None]:
    name = name.strip()
    if not name:
        raise UserRefused("The user has no name. Give one with --name.", reason="no_name")
    if len(name) > MAX_NAME_LENGTH or not name.isprintable():
        raise UserRefused(
            f"The name {name!r} is longer than {MAX_NAME_LENGTH} characters or has control "
            "characters. Give a shorter, plain name.",
            reason="bad_name",
            most=MAX_NAME_LENGTH,
        )
    township = (township or "").strip() or None
    if role == SUPERVISOR:
        if township is None:
            raise UserRefused(
                "A supervisor sees the stations of one township: give it with --township.",
                reason="no_township",
            )
        if len(township) > MAX_TOWNSHIP_LENGTH or not township.isprintable():
            raise UserRefused(
                f"The township {township!r} is too long or has control characters. Write the "
                "township's name as the county's places list has it.",
                reason="bad_township",
            )
    elif role == ADMIN:
        if township is not None:
            raise UserRefused(
                f"An admin sees every township, so --township {township} does not apply. Leave "
                "it out, or make the user a supervisor.",
                reason="admin_township",
            )
    else:
        raise UserRefused(
            f"The role {role!r} is not one of {', '.join(ROLES)}. Choose one.", reason="bad_role"
        )
    return name, township


class Passwords:
    """Hashing and checking passwords with argon2 (the hasher's defaults: RFC 9106's low-memory
    choice); tests pass a cheaper ``hasher``."""

    def __init__(self, storage: Storage, hasher: PasswordHasher | None = None) -> None:
        self.storage = storage
        self.hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, name: str, password: str) -> User | None:
        """The active user ``name`` when ``password`` is theirs; None otherwise (an unknown
        name takes as long to refuse as a wrong password). A hash made with older parameters
        is made again."""
        user, stored = self._user_and_hash(name.strip())
        if stored is None:
            self._dummy_check(password)
            return None
        try:
            self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.active:
            return None
        if self.hasher.check_needs_rehash(stored):
            self._store_hash(user.id, self.hash(password))
        return user

    def _user_and_hash(self, name: str) -> tuple[User | None, str | None]:
        with self.storage.engine.connect() as conn:
            row = conn.execute(sa.select(users).where(users.c.name == name)).first()
        return (User.from_row(row), row.password_hash) if row else (None, None)

    def _dummy_check(self, password: str) -> None:
        if self._dummy_hash is None:
            self._dummy_hash = self.hash("not a password of anyone's")
        with contextlib.suppress(VerificationError, InvalidHashError):
            self.hasher.verify(self._dummy_hash, password)

    def _store_hash(self, user_id: int, password_hash: str) -> None:
        with self.storage.engine.begin() as conn:
            conn.execute(
                users.update().where(users.c.id == user_id).values(password_hash=password_hash)
            )


def add_user(
    storage: Storage,
    *,
    name: str,
    role: str,
    township: str | None,
    password: str,
    passwords: Passwords | None = None,
    in_transaction: Callable[[sa.Connection], None] | None = None,
) -> User:
    """A new active user; :class:`UserRefused` for a taken name, a role without its township
    (or an admin with one), or a weak password. Nothing is written when refused.
    ``in_transaction`` runs in the insert's transaction (the admin pages' audit line)."""
    name, township = _checked_user(name, role, township)
    check_password(password, name=name)
    if find_user(storage, name) is not None:
        raise _name_taken(name)
    password_hash = (passwords or Passwords(storage)).hash(password)
    created_at = clock.now_iso()
    try:
        with storage.engine.begin() as conn:
            user_id = conn.execute(
                users.insert().values(
                    name=name,
                    role=role,
                    township=township,
                    password_hash=password_hash,
                    created_at=created_at,
                    active=True,
                )
            ).inserted_primary_key[0]
            if in_transaction is not None:
                in_transaction(conn)
    except sa.exc.IntegrityError as error:  # added by someone else meanwhile
        raise _name_taken(name) from error
    return User(user_id, name, role, township, created_at, True)


def find_user(storage: Storage, name: str) -> User | None:
    with storage.engine.connect() as conn:
        row = conn.execute(sa.select(users).where(users.c.name == name.strip())).first()
    return User.from_row(row) if row else None


def list_users(storage: Storage) -> list[User]:
    with storage.engine.connect() as conn:
        rows = conn.execute(sa.select(users).order_by(users.c.name)).all()
    return [User.from_row(row) for row in rows]


def set_active(conn: sa.Connection, user_id: int, active: bool) -> User:
    """Enable or disable a user in the caller's transaction; a disabled user cannot log in and
    their sessions are refused (end them in the same transaction: ``WebAuth.end_sessions_of``).
    :class:`LookupError` for an unknown id."""
    conn.execute(users.update().where(users.c.id == user_id).values(active=active))
    return _user_by_id(conn, user_id)


def set_password_hash(conn: sa.Connection, user_id: int, password_hash: str) -> User:
    """A new password (already checked by :func:`check_password` and hashed) in the caller's
    transaction; :class:`LookupError` for an unknown id."""
    conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))
    return _user_by_id(conn, user_id)


def _user_by_id(conn: sa.Connection, user_id: int) -> User:
    row = conn.execute(sa.select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise LookupError(user_id)
    return User.from_row(row)


def _name_taken(name: str) -> UserRefused:
    return UserRefused(
        f"A user named {name} exists already. Choose another name (a supervisor's name with "
        "their township, say).",
        reason="name_taken",
        name=name,
    )
