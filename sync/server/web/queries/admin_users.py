"""The county admin's users of the web: each user with their role, township, state and last
login; adding one, disabling or enabling one, and setting a new password, each written with its
audit line in one transaction through ``sync.server.users`` (the command line's own rules).
Disabling a user or changing their password ends their live sessions in that transaction, so
their next request goes to the login."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from sync.server.storage import Storage
from sync.server.tables import users, web_audit
from sync.server.users import (
    ADMIN,
    Passwords,
    User,
    UserRefused,
    add_user,
    check_password,
    set_active,
    set_password_hash,
)
from sync.server.web.auth import Viewer, WebAuth, write_audit
from sync.server.web.queries.admin import admin_only

ROLE_WORDS = {ADMIN: "县级管理员", "supervisor": "乡镇督导"}


@dataclass(frozen=True)
class AdminUser:
    id: int
    name: str
    role: str
    township: str
    created_at: str
    active: bool
    last_login: str  # '' never

    @property
    def role_words(self) -> str:
        return ROLE_WORDS.get(self.role, self.role)


def admin_users(conn: sa.Connection, viewer: Viewer) -> list[AdminUser]:
    """Every user, the active first, by name; with the time of their last login."""
    admin_only(viewer)
    a, u = web_audit.c, users.c
    last_login = (
        sa.select(sa.func.max(a.at))
        .where(a.user_name == u.name, a.action == "login")
        .scalar_subquery()
        .label("last_login")
    )
    rows = conn.execute(
        sa.select(u.id, u.name, u.role, u.township, u.created_at, u.active, last_login).order_by(
            u.active.desc(), u.name
        )
    )
    return [
        AdminUser(
            id=row.id,
            name=row.name,
            role=row.role,
            township=row.township or "",
            created_at=row.created_at,
            active=bool(row.active),
            last_login=row.last_login or "",
        )
        for row in rows
    ]


def admin_user(conn: sa.Connection, viewer: Viewer, user_id: int) -> AdminUser | None:
    """One user; None for an id that does not exist."""
    return next((user for user in admin_users(conn, viewer) if user.id == user_id), None)


def add_web_user(
    storage: Storage,
    viewer: Viewer,
    passwords: Passwords,
    *,
    name: str,
    role: str,
    township: str,
    password: str,
    address: str,
) -> User:
    """A new user, as ``county-center add-user``; :class:`UserRefused` writes nothing."""
    admin_only(viewer)

    def audit(conn: sa.Connection) -> None:
        where = f" · {' '.join(township.split())}" if role != ADMIN else ""
        detail = ROLE_WORDS.get(role, role) + where
        write_audit(
            conn, viewer.name, "add_user", target=name.strip(), detail=detail, address=address
        )

    return add_user(
        storage,
        name=name,
        role=role,
        township=township,
        password=password,
        passwords=passwords,
        in_transaction=audit,
    )


def set_user_active(
    storage: Storage, viewer: Viewer, auth: WebAuth, user: AdminUser, *, active: bool, address: str
) -> None:
    """Enable or disable ``user``; disabling ends their sessions at once. The admin cannot
    disable themselves (so the county always keeps an admin who can log in)."""
    admin_only(viewer)
    if not active and user.id == viewer.user_id:
        raise UserRefused("An admin cannot disable their own account.", reason="self_disable")
    with storage.engine.begin() as conn:
        set_active(conn, user.id, active)
        if not active:
            auth.end_sessions_of(conn, user.id)
        write_audit(
            conn,
            viewer.name,
            "enable_user" if active else "disable_user",
            target=user.name,
            detail=user.role_words + (f" · {user.township}" if user.township else ""),
            address=address,
        )


def set_user_password(
    storage: Storage,
    viewer: Viewer,
    auth: WebAuth,
    user: AdminUser,
    *,
    password: str,
    address: str,
) -> None:
    """A new password for ``user``, checked as the command line checks one; their sessions end
    (whoever knew the old password is logged out). :class:`UserRefused` writes nothing."""
    admin_only(viewer)
    check_password(password, name=user.name)
    password_hash = auth.passwords.hash(password)
    with storage.engine.begin() as conn:
        set_password_hash(conn, user.id, password_hash)
        auth.end_sessions_of(conn, user.id)
        write_audit(conn, viewer.name, "reset_password", target=user.name, address=address)
