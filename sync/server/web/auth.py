"""Who is logged in to the supervisor web (DESIGN §6): server-side sessions, the lockout after
wrong passwords, and the audit log of what each user did.

A session's cookie is 32 random bytes; the county keeps only its sha256 (``web_sessions``), so a
copy of the database logs no one in. A session is refused at once when it was ended (logout, or
its user disabled: the lookup joins ``users.active``), when it was idle longer than
:data:`IDLE`, or older than :data:`LONGEST`. Five wrong passwords in a row for a name lock it
for :data:`LOCKED_FOR`, whether the name exists or not (a locked answer tells nothing about it).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from stationapp.core import clock
from sync.server.storage import Storage
from sync.server.tables import users, web_audit, web_login_failures, web_sessions
from sync.server.users import ADMIN, Passwords, User

IDLE = timedelta(minutes=30)
LONGEST = timedelta(hours=12)
SEEN_EVERY = timedelta(minutes=1)  # a session's last request is written at most this often
FAILURES_BEFORE_LOCK = 5
LOCKED_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class Viewer:
    """The logged-in user as every page and query sees them: the scope comes from here."""

    user_id: int
    name: str
    role: str
    township: str | None  # a supervisor's township; None for the county admin

    @property
    def admin(self) -> bool:
        return self.role == ADMIN


@dataclass(frozen=True)
class LoginResult:
    viewer: Viewer | None = None
    token: str = ""  # the session cookie's value, only when logged in
    locked_until: datetime | None = None  # set when the name is locked


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class WebAuth:
    """Logins, sessions and the audit log over the county's storage."""

    def __init__(self, storage: Storage, passwords: Passwords | None = None) -> None:
        self.storage = storage
        self.passwords = passwords or Passwords(storage)

    def login(self, name: str, password: str, *, address: str = "") -> LoginResult:
        """Check ``password`` for ``name`` unless the name is locked; a wrong one counts toward
        the lockout, a right one starts a session (and clears the count)."""
        key = name.strip().casefold()[:100]
        now = clock.now()
        locked = self._locked_until(key, now)
        if locked is not None:
            self.record(name.strip()[:100], "login_locked", address=address)
            return LoginResult(locked_until=locked)
        user = self.passwords.verify(name, password)
        if user is None:
            locked = self._count_failure(key, now)
            self.record(name.strip()[:100], "login_failed", address=address)
            return LoginResult(locked_until=locked)
        token = secrets.token_urlsafe(32)
        stamp = clock.format_iso(now)
        with self.storage.engine.begin() as conn:
            conn.execute(web_login_failures.delete().where(web_login_failures.c.name == key))
            conn.execute(
                web_sessions.insert().values(
                    token_hash=_digest(token), user_id=user.id, created_at=stamp, seen_at=stamp
                )
            )
        self.record(user.name, "login", address=address)
        return LoginResult(viewer=_viewer(user), token=token)

    def viewer(self, token: str) -> Viewer | None:
        """The user of a live session; None for an unknown, ended, idle or too old one."""
        if not token:
            return None
        now = clock.now()
        s, u = web_sessions.c, users.c
        with self.storage.engine.connect() as conn:
            row = conn.execute(
                sa.select(s.created_at, s.seen_at, u.id, u.name, u.role, u.township)
                .join(users, users.c.id == s.user_id)
                .where(s.token_hash == _digest(token), s.ended_at.is_(None), u.active)
            ).first()
        if row is None:
            return None
        seen = clock.parse_iso(row.seen_at)
        if now - seen > IDLE or now - clock.parse_iso(row.created_at) > LONGEST:
            self.end(token)
            return None
        if now - seen > SEEN_EVERY:
            with self.storage.engine.begin() as conn:
                conn.execute(
                    web_sessions.update()
                    .where(s.token_hash == _digest(token))
                    .values(seen_at=clock.format_iso(now))
                )
        return Viewer(row.id, row.name, row.role, row.township)

    def end(self, token: str) -> None:
        """Log a session out: refused from the next request on."""
        with self.storage.engine.begin() as conn:
            conn.execute(
                web_sessions.update()
                .where(
                    web_sessions.c.token_hash == _digest(token), web_sessions.c.ended_at.is_(None)
                )
                .values(ended_at=clock.now_iso())
            )

    def end_sessions_of(self, conn: sa.Connection, user_id: int) -> None:
        """End every live session of a user (disabled, or their password changed)."""
        conn.execute(
            web_sessions.update()
            .where(web_sessions.c.user_id == user_id, web_sessions.c.ended_at.is_(None))
            .values(ended_at=clock.now_iso())
        )

    def record(
        self, user_name: str, action: str, *, target: str = "", detail: str = "", address: str = ""
    ) -> None:
        """One line of the audit log."""
        with self.storage.engine.begin() as conn:
            write_audit(conn, user_name, action, target=target, detail=detail, address=address)

    def _locked_until(self, key: str, now: datetime) -> datetime | None:
        with self.storage.engine.connect() as conn:
            until = conn.execute(
                sa.select(web_login_failures.c.locked_until).where(web_login_failures.c.name == key)
            ).scalar()
        if until and clock.parse_iso(until) > now:
            return clock.parse_iso(until)
        return None

    def _count_failure(self, key: str, now: datetime) -> datetime | None:
        """One more wrong password for ``key``; the lock's end when this one locks it."""
        f = web_login_failures.c
        stamp = clock.format_iso(now)
        with self.storage.engine.begin() as conn:
            row = conn.execute(sa.select(f.failures, f.locked_until).where(f.name == key)).first()
            failures = 1 if row is None or row.locked_until else row.failures + 1
            locked = now + LOCKED_FOR if failures >= FAILURES_BEFORE_LOCK else None
            values = {
                "failures": 0 if locked else failures,
                "last_at": stamp,
                "locked_until": clock.format_iso(locked) if locked else None,
            }
            if row is None:
                conn.execute(web_login_failures.insert().values(name=key, **values))
            else:
                conn.execute(web_login_failures.update().where(f.name == key).values(**values))
        return locked


def write_audit(
    conn: sa.Connection,
    user_name: str,
    action: str,
    *,
    target: str = "",
    detail: str = "",
    address: str = "",
) -> None:
    """An audit line in the caller's transaction (an admin action and its record are one)."""
    conn.execute(
        web_audit.insert().values(
            at=clock.now_iso(),
            user_name=user_name[:100],
            action=action[:60],
            target=target[:200],
            detail=detail,
            address=address[:64],
        )
    )


def _viewer(user: User) -> Viewer:
    return Viewer(user.id, user.name, user.role, user.township)
