"""Operators (业务员) and the manager (站长): accounts, PINs, login with lockout.

The account (name, role, active) is event-sourced; the PIN hash and the failed-login count are
local only (``credentials``, ``login_audit``): they never travel to the county in an event.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from stationapp.core import clock, ids
from stationapp.core.errors import PermissionDenied, StateError, ValidationError
from stationapp.core.events import Batch, Event, EventLog, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from stationapp.core.projections import Projector
from stationapp.core.text import checked_characters

ROLES = ("operator", "manager")
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=1)
# scrypt with n=2**14, r=8: about 50 ms a check on a weak PC, 16 MB of memory
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_OPERATOR_NAME = Term(QT_TRANSLATE_NOOP("UserError", "the operator's name"))


@dataclass(frozen=True)
class Operator:
    id: str
    name: str
    role: str
    active: bool

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


def hash_pin(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32
    )


def typed_pin(pin: str | None) -> str:
    """The PIN as typed, with full-width digits (０-９, from a Chinese input method) as 0-9."""
    return (pin or "").strip().translate(_FULL_WIDTH_DIGITS)


def validate_pin(pin: str) -> str:
    pin = typed_pin(pin)
    # str.isdigit(), int() and the regex \d take every script's digits (Arabic-Indic ١٢٣٤):
    # a PIN the login screen's keyboard could not type again is refused
    if re.fullmatch(r"\d{4,8}", pin) and not re.fullmatch(r"[0-9]{4,8}", pin):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "A PIN takes the digits 0–9 only; {digits} are digits of another script. Type "
                "the PIN again with 0–9.",
            ),
            digits="".join(dict.fromkeys(ch for ch in pin if ch not in "0123456789")),
        )
    if not re.fullmatch(r"[0-9]{4,8}", pin):
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "A PIN is 4 to 8 digits (numbers only). Type it again.")
        )
    return pin


def validate_name(name: str) -> str:
    name = checked_characters(name, what=_OPERATOR_NAME)
    if not name:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Type the operator's name (e.g. 岩温).")
        )
    if len(name) > 20:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "A name has at most 20 characters; shorten it.")
        )
    return name


def validate_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "The role must be operator or manager, not '{role}'."),
            role=role,
        )
    return role


# --- projections -----------------------------------------------------------------------------


def _added(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "INSERT INTO operators (id, name, role, active, created_at) VALUES (?, ?, ?, 1, ?)",
        (event.entity_id, p["name"], p["role"], event.occurred_at),
    )


def _changed(replay: Replay, event: Event) -> None:
    p = event.payload
    for column in ("name", "role", "active"):
        if column in p:
            value = int(p[column]) if column == "active" else p[column]
            replay.conn.execute(
                f"UPDATE operators SET {column} = ? WHERE id = ?", (value, event.entity_id)
            )


# --- the service -----------------------------------------------------------------------------


def _row_to_operator(row: sqlite3.Row | tuple) -> Operator:
    return Operator(id=row[0], name=row[1], role=row[2], active=bool(row[3]))


class Operators:
    """``st.operators``: the station's accounts. Changes are the manager's."""

    def __init__(self, conn: sqlite3.Connection, log: EventLog, session, transaction) -> None:
        self._conn = conn
        self._log = log
        self._session = session
        self._transaction = transaction

    def list(self) -> list[Operator]:
        rows = self._conn.execute(
            "SELECT id, name, role, active FROM operators ORDER BY created_at, name"
        ).fetchall()
        return [_row_to_operator(r) for r in rows]

    def get(self, operator_id: str) -> Operator:
        row = self._conn.execute(
            "SELECT id, name, role, active FROM operators WHERE id = ?", (operator_id,)
        ).fetchone()
        if row is None:
            raise StateError(
                QT_TRANSLATE_NOOP("UserError", "No such operator. Refresh the list and try again.")
            )
        return _row_to_operator(row)

    def by_name(self, name: str) -> Operator | None:
        row = self._conn.execute(
            "SELECT id, name, role, active FROM operators WHERE name = ?", (name.strip(),)
        ).fetchone()
        return _row_to_operator(row) if row else None

    def add(self, *, name: str, pin: str, role: str = "operator") -> Operator:
        actor = self._session.require_manager()
        with self._log.batch() as batch:
            return add_operator(batch, name=name, pin=pin, role=role, actor_id=actor.id)

    def reset_pin(self, operator_id: str, new_pin: str) -> Event:
        actor = self._session.require_operator()
        if actor.id != operator_id and not actor.is_manager:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("UserError", "Only the manager can reset another operator's PIN.")
            )
        target = self.get(operator_id)
        pin = validate_pin(new_pin)
        with self._log.batch() as batch:
            _store_pin(batch.conn, target.id, pin)
            # the fact is logged for audit; the PIN itself is not
            return batch.append(
                "operator.changed",
                entity_id=target.id,
                payload={"pin_reset": True},
                operator=actor.id,
            )

    def set_active(self, operator_id: str, active: bool) -> Event | None:
        """Switch an account off (or on again); None when it already was."""
        actor = self._session.require_manager()
        target = self.get(operator_id)
        if target.id == actor.id and not active:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "You cannot switch off your own account while logged in."
                )
            )
        if target.active == active:
            return None
        return self._log.append(
            "operator.changed",
            entity_id=target.id,
            payload={"active": active},
            operator=actor.id,
        )

    # login -------------------------------------------------------------------------------------

    def check_login(self, name: str, pin: str) -> Operator:
        """The operator whose PIN this is; refusals are counted, five lock the account."""
        name = (name or "").strip()
        now = clock.now()
        operator = self.by_name(name)
        if operator is None or not operator.active:
            with self._transaction():
                self._audit(
                    now, name, ok=False, reason="unknown" if operator is None else "inactive"
                )
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "There is no active operator called '{name}'. Pick your name from the list.",
                ),
                name=name,
            )
        credentials = self._conn.execute(
            "SELECT salt, pin_hash, failed_count, locked_until FROM credentials"
            " WHERE operator_id = ?",
            (operator.id,),
        ).fetchone()
        if credentials is None:  # PINs never travel: an operator restored from the county
            with self._transaction():
                self._audit(now, name, ok=False, reason="no_pin")
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{name} has no PIN on this computer yet. Ask the manager to set one "
                    "(设置 → 操作员 → 重设 PIN).",
                ),
                name=name,
            )
        salt, pin_hash, failed, locked_until = credentials
        if locked_until and clock.parse_iso(locked_until) > now:
            with self._transaction():
                self._audit(now, name, ok=False, reason="locked")
            seconds = int((clock.parse_iso(locked_until) - now).total_seconds()) + 1
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Too many wrong PINs: {name} is locked. Wait {seconds} seconds and try "
                    "again, or ask the manager to reset the PIN.",
                ),
                name=name,
                seconds=seconds,
            )
        if not _pin_matches(pin, salt, pin_hash):
            failed += 1
            lock = clock.format_iso(now + LOCKOUT) if failed >= MAX_FAILED_LOGINS else ""
            with self._transaction():
                self._conn.execute(
                    "UPDATE credentials SET failed_count = ?, locked_until = ?"
                    " WHERE operator_id = ?",
                    (0 if lock else failed, lock, operator.id),
                )
                self._audit(now, name, ok=False, reason="wrong_pin")
            if lock:
                raise StateError(
                    QT_TRANSLATE_NOOP(
                        "UserError",
                        "Wrong PIN, five times: {name} is locked for one minute. Ask the "
                        "manager if you forgot the PIN.",
                    ),
                    name=name,
                )
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError", "Wrong PIN. {left} tries left before a one-minute lock."
                ),
                left=MAX_FAILED_LOGINS - failed,
            )
        with self._transaction():
            self._conn.execute(
                "UPDATE credentials SET failed_count = 0, locked_until = '' WHERE operator_id = ?",
                (operator.id,),
            )
            self._audit(now, name, ok=True)
        return operator

    def last_logged_in(self) -> str:
        """The name of whoever logged in last (the login screen offers it first)."""
        row = self._conn.execute(
            "SELECT a.name FROM login_audit a JOIN operators o ON o.name = a.name"
            " WHERE a.ok = 1 AND o.active = 1 ORDER BY a.id DESC LIMIT 1"
        ).fetchone()
        return row[0] if row else ""

    def failed_logins(self, name: str | None = None) -> list[dict]:
        sql = "SELECT at, name, ok, reason FROM login_audit WHERE ok = 0"
        args: tuple = ()
        if name is not None:
            sql += " AND name = ?"
            args = (name,)
        return [dict(r) for r in self._conn.execute(sql + " ORDER BY id", args)]

    def _audit(self, at: datetime, name: str, *, ok: bool, reason: str = "") -> None:
        self._conn.execute(
            "INSERT INTO login_audit (at, name, ok, reason) VALUES (?, ?, ?, ?)",
            (clock.format_iso(at), name, int(ok), reason),
        )


def add_operator(batch: Batch, *, name: str, pin: str, role: str, actor_id: str) -> Operator:
    """Validate, then write ``operator.added`` and the local PIN in the batch's transaction."""
    name = validate_name(name)
    pin = validate_pin(pin)
    role = validate_role(role)
    exists = batch.conn.execute("SELECT 1 FROM operators WHERE name = ?", (name,)).fetchone()
    if exists:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "An operator called '{name}' already exists. Choose another name, e.g. add the "
                "village group.",
            ),
            name=name,
        )
    operator_id = ids.uuid7()
    batch.append(
        "operator.added",
        entity_id=operator_id,
        payload={"name": name, "role": role},
        operator=actor_id or operator_id,
    )
    _store_pin(batch.conn, operator_id, pin)
    return Operator(id=operator_id, name=name, role=role, active=True)


def _pin_matches(pin: str | None, salt: bytes, pin_hash: bytes) -> bool:
    typed = typed_pin(pin)
    if hmac.compare_digest(hash_pin(typed, salt), pin_hash):
        return True
    # a PIN set with full-width digits before they were read as 0-9 was stored as typed
    raw = (pin or "").strip()
    return raw != typed and hmac.compare_digest(hash_pin(raw, salt), pin_hash)


def _store_pin(conn: sqlite3.Connection, operator_id: str, pin: str) -> None:
    salt = secrets.token_bytes(16)
    conn.execute(
        "INSERT INTO credentials (operator_id, salt, pin_hash) VALUES (?, ?, ?)"
        " ON CONFLICT (operator_id) DO UPDATE SET salt = excluded.salt,"
        " pin_hash = excluded.pin_hash, failed_count = 0, locked_until = ''",
        (operator_id, salt, hash_pin(pin, salt)),
    )


# what this module adds to its line's projections (the line's __init__ gathers them)
PROJECTORS: dict[str, Projector] = {
    "operator.added": Projector(_added),
    "operator.changed": Projector(_changed),
}
PROJECTED_TABLES: dict[str, str] = {
    "operators": "id",
}


class Session:
    """Who is logged in; commands act as this operator."""

    def __init__(self) -> None:
        self.operator: Operator | None = None

    def require_operator(self) -> Operator:
        if self.operator is None:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP("UserError", "Log in first: choose your name and type your PIN.")
            )
        return self.operator

    def require_manager(self) -> Operator:
        operator = self.require_operator()
        if not operator.is_manager:
            raise PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Only the station manager (站长) may do this. Ask the manager to log in.",
                )
            )
        return operator
