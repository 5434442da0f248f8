"""The do-not-text list: numbers whose owners asked the station not to text them.

Kept as events (``sms.do_not_text_added`` / ``sms.do_not_text_removed``), not a local table: a
villager who complains about texts can be shown who listed or unlisted the number, when and
why, from the chained log; and the list is rebuilt with everything else when a station's
records are restored from the log or the county, so a new PC does not start texting them again.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Batch, Event, EventLog
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.phone import mask_phone, normalize_mobile
from stationapp.core.sms.store import DO_NOT_TEXT_ADDED, DO_NOT_TEXT_REMOVED


@dataclass(frozen=True)
class DoNotTextEntry:
    phone: str
    reason: str
    added_by: str  # the operator's name
    added_at: str

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def is_listed(conn: sqlite3.Connection, number: str) -> bool:
    row = conn.execute("SELECT 1 FROM sms_do_not_text WHERE phone = ?", (number,)).fetchone()
    return row is not None


def cancel_queued_texts(
    batch: Batch, text_ids: list[str], *, code: str, operator: str
) -> list[Event]:
    """End queued texts as failed with ``code`` (cancelled, do_not_text): kept, never deleted."""
    events = []
    for text_id in text_ids:
        (attempts,) = batch.conn.execute(
            "SELECT attempts FROM sms_outbox WHERE id = ?", (text_id,)
        ).fetchone()
        batch.conn.execute("DELETE FROM sms_delivery WHERE text_id = ?", (text_id,))
        payload = {
            "code": code,
            "reason": "",
            "retryable": False,
            "attempt": attempts,
            "next_attempt_at": "",
        }
        events.append(
            batch.append("sms.failed", entity_id=text_id, payload=payload, operator=operator)
        )
    return events


class DoNotText:
    """``st.sms.do_not_text``: anyone may list a number; only the manager takes one off."""

    def __init__(self, conn: sqlite3.Connection, log: EventLog, session) -> None:
        self._conn = conn
        self._log = log
        self._session = session

    def __contains__(self, number: str) -> bool:
        try:
            return is_listed(self._conn, normalize_mobile(number))
        except ValidationError:
            return False

    def list(self) -> list[DoNotTextEntry]:
        rows = self._conn.execute(
            "SELECT n.phone, n.reason, coalesce(o.name, n.added_by), n.added_at"
            " FROM sms_do_not_text n LEFT JOIN operators o ON o.id = n.added_by"
            " ORDER BY n.added_at DESC, n.phone"
        )
        return [DoNotTextEntry(*row) for row in rows]

    def add(self, number: str, reason: str) -> Event:
        """List a number; its texts still waiting are cancelled in the same transaction."""
        operator = self._session.require_operator()
        number = normalize_mobile(number)
        reason = _reason(reason)
        row = self._conn.execute(
            "SELECT added_at FROM sms_do_not_text WHERE phone = ?", (number,)
        ).fetchone()
        if row is not None:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "{number} is already on the do-not-text list (since {since})."
                ),
                number=mask_phone(number),
                since=row[0][:10],
            )
        with self._log.batch() as batch:
            event = batch.append(
                DO_NOT_TEXT_ADDED,
                entity_id=f"do_not_text:{number}",
                payload={"phone": number, "reason": reason},
                operator=operator.id,
            )
            waiting = [
                r[0]
                for r in batch.conn.execute(
                    "SELECT o.id FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id"
                    " WHERE o.status = 'queued' AND o.phone = ?"
                    " AND coalesce(d.claimed_at, '') = ''",
                    (number,),
                )
            ]
            cancel_queued_texts(batch, waiting, code="do_not_text", operator=operator.id)
        return event

    def remove(self, number: str, reason: str) -> Event:
        """Take a number off the list (the villager wants texts again): the manager's action."""
        manager = self._session.require_manager()
        number = normalize_mobile(number)
        reason = _reason(reason)
        if not is_listed(self._conn, number):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "{number} is not on the do-not-text list; nothing to remove."
                ),
                number=mask_phone(number),
            )
        return self._log.append(
            DO_NOT_TEXT_REMOVED,
            entity_id=f"do_not_text:{number}",
            payload={"phone": number, "reason": reason},
            operator=manager.id,
        )


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < 2:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Write why (at least two characters), e.g. 'the villager asked for no texts'.",
            )
        )
    return reason
