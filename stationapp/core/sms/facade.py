"""The SMS outbox (DESIGN §7): every text is a row first, then sent by a provider.

A business line queues a text inside its own transaction (:func:`queue_text`), so the parcel, its
event and its notice commit together. :func:`deliver_due` hands due texts to a provider and
records each answer as ``sms.sent`` or ``sms.failed``; refused texts stay queued with backoff or
end ``failed`` with the provider's reason, never deleted. ``UNIQUE(purpose, entity_key)`` (and
``sms_subjects`` for grouped texts) makes a second notice for the same thing impossible.

The rest of the line is listed in the package's ``__init__``. Events ``sms.sent`` and
``sms.failed`` written by the sender carry no operator (the station's own doing); queueing, retry,
cancel and the do-not-text list carry the operator who acted.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime
from typing import Any

from stationapp.core import clock, meta
from stationapp.core.clock import iso, to_moment
from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Batch, Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import LineContext
from stationapp.core.sms.do_not_text import DoNotText, cancel_queued_texts, is_listed
from stationapp.core.sms.queue import queue_text
from stationapp.core.sms.relay import hand_to_county
from stationapp.core.sms.render import Rendered, normalize_params, render
from stationapp.core.sms.settings import SMS_SETTINGS, signature
from stationapp.core.sms.store import sent_payload
from stationapp.core.sms.tables import migrate_sms
from stationapp.core.sms.text import (
    REASON_PASSED,
    SELECT_TEXTS,
    STATUSES,
    OutboxText,
    outbox_text,
    status_word,
)
from stationapp.sms_providers.county import RELAY_CODE
from stationapp.sms_providers.pacing import DAY, STALE_CLAIM, backoff, gives_up, number_hold

__all__ = [
    "SMS_SETTINGS",
    "OutboxText",
    "Rendered",
    "SmsOutbox",
    "deliver_due",
    "migrate_sms",
    "queue_text",
]


# --- the outbox ------------------------------------------------------------------------------


class SmsOutbox:
    """``st.sms``: the texts, their delivery, the do-not-text list.

    Like the station, not thread-safe: each method is one short transaction on the station's
    connection and must be called from the thread that makes the station's calls. None holds
    a transaction while a provider is talking (see :func:`deliver_due`).
    """

    def __init__(self, ctx: LineContext) -> None:
        self._conn: sqlite3.Connection = ctx.conn
        self._log = ctx.log
        self._session = ctx.session
        self.data_dir = ctx.data_dir  # the file provider's texts file lives here
        self.rng = random.Random()  # backoff jitter; a test may seed it
        self.do_not_text = DoNotText(self._conn, self._log, self._session)

    # queueing and reading ------------------------------------------------------------------

    def queue_text(self, batch: Batch, **kwargs: Any) -> Event | None:
        return queue_text(batch, **kwargs)

    def signature(self) -> str:
        return signature(self._conn)

    def render(self, template: str, params: dict[str, str]) -> Rendered:
        """The text as it would go out now: (text, chars, parts), signature included."""
        return render(template, normalize_params(template, params), self.signature())

    def outbox(self, status: str | None = None, *, limit: int = 200) -> list[OutboxText]:
        """Newest first; ``status`` one of queued, sending, relayed, sent, failed (None: all)."""
        where = {
            None: "",
            "queued": " WHERE o.status = 'queued' AND coalesce(d.claimed_at, '') = ''",
            "sending": " WHERE o.status = 'queued' AND d.claimed_at != ''",
            "relayed": " WHERE o.status = 'relayed'",
            "sent": " WHERE o.status = 'sent'",
            "failed": " WHERE o.status = 'failed'",
        }
        if status not in where:
            raise ValidationError(
                QT_TRANSLATE_NOOP("UserError", "Choose one of: {options}."),
                options=", ".join(STATUSES),
            )
        rows = self._conn.execute(
            SELECT_TEXTS + where[status] + " ORDER BY o.id DESC LIMIT ?", (limit,)
        )
        return [outbox_text(row) for row in rows]

    def get(self, text_id: str) -> OutboxText:
        row = self._conn.execute(SELECT_TEXTS + " WHERE o.id = ?", (text_id,)).fetchone()
        if row is None:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "No text with id {text_id} is in the outbox. Refresh the list."
                ),
                text_id=text_id,
            )
        return outbox_text(row)

    def find(self, purpose: str, entity_key: str) -> OutboxText | None:
        """The text about this purpose and entity (a grouped text answers for each parcel)."""
        row = self._conn.execute(
            "SELECT id FROM sms_outbox WHERE purpose = ? AND entity_key = ?"
            " UNION ALL SELECT text_id FROM sms_subjects WHERE purpose = ? AND entity_key = ?",
            (purpose, entity_key, purpose, entity_key),
        ).fetchone()
        return self.get(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        """Texts per status, and ``parts_waiting``: the messages the queue will cost."""
        counts = dict.fromkeys(STATUSES, 0)
        counts["parts_waiting"] = 0
        for status, number, parts in self._conn.execute(
            "SELECT CASE WHEN o.status = 'queued' AND coalesce(d.claimed_at, '') != ''"
            " THEN 'sending' ELSE o.status END, count(*), sum(o.parts)"
            " FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id GROUP BY 1"
        ):
            counts[status] = number
            if status in ("queued", "sending"):
                counts["parts_waiting"] += parts
        return counts

    # delivery ------------------------------------------------------------------------------

    def has_due(self, now: datetime | None = None) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM sms_outbox WHERE status = 'queued' AND next_attempt_at <= ? LIMIT 1",
            (iso(to_moment(now)),),
        ).fetchone()
        return row is not None

    def due(self, now: datetime | None = None, *, limit: int | None = None) -> list[OutboxText]:
        """Texts that may go now, oldest due first. A text that would break its number's limits
        is held back (the reason shows in the outbox), never failed."""
        moment = to_moment(now)
        with self._log.batch() as batch:
            return self._select_due(batch.conn, moment, limit)

    def claim_due(self, now: datetime | None = None, *, limit: int = 20) -> list[OutboxText]:
        """Like :meth:`due`, and marks each text "being sent" so that no other round and no
        grouping touches it until its result is recorded (or the claim goes stale)."""
        moment = to_moment(now)
        with self._log.batch() as batch:
            texts = self._select_due(batch.conn, moment, limit)
            for text in texts:
                batch.conn.execute(
                    "INSERT INTO sms_delivery (text_id, claimed_at) VALUES (?, ?)"
                    " ON CONFLICT (text_id) DO UPDATE SET claimed_at = excluded.claimed_at,"
                    " held_code = '', held_until = ''",
                    (text.id, iso(moment)),
                )
        return [self.get(text.id) for text in texts]

    def release(self, text_ids: list[str]) -> None:
        """Drop the "being sent" mark of texts that were claimed but not sent."""
        with self._log.batch() as batch:
            batch.conn.executemany(
                "DELETE FROM sms_delivery WHERE text_id = ?", [(i,) for i in text_ids]
            )

    def record_result(self, text_id: str, result: Any, *, now: datetime | None = None):
        """Write what a provider answered (a ``SendResult``): ``sms.sent``, or ``sms.failed``
        that keeps the text queued with backoff or ends it failed. None if nothing changes (a
        second answer for a text already sent).

        The county relay's answer (code ``county.relayed``) is not a send: the text is handed to
        the county center (``sms.relay_requested``, status ``relayed``) if the station is
        joined, else it waits like a text whose provider is down."""
        moment = to_moment(now)
        text = self.get(text_id)
        relay = result.ok and getattr(result, "code", "") == RELAY_CODE
        if relay and not meta.is_enrolled(self._conn, self.data_dir):
            from stationapp.sms_providers.county import not_joined

            relay, result = False, not_joined()
        with self._log.batch() as batch:
            batch.conn.execute("DELETE FROM sms_delivery WHERE text_id = ?", (text_id,))
            if text.status in ("sent", "relayed"):
                return None
            if relay:
                if text.status == "failed":  # cancelled while it was being claimed
                    return None
                self._count_send(batch.conn, text.phone, moment)
                return hand_to_county(batch, text)
            if result.ok:
                self._count_send(batch.conn, text.phone, moment)
                payload = sent_payload(
                    text_id,
                    provider=result.provider,
                    message_id=result.message_id or "",
                    attempt=text.attempts + 1,
                )
                return batch.append("sms.sent", entity_id=text_id, payload=payload)
            if text.status == "failed":  # cancelled while it was being sent, and it failed
                return None
            return batch.append(
                "sms.failed", entity_id=text_id, payload=self._failure(text, result, moment)
            )

    @staticmethod
    def _count_send(conn: sqlite3.Connection, phone: str, moment: datetime) -> None:
        """A text left for ``phone`` (sent, or handed to the county): the per-number limits."""
        conn.execute("INSERT INTO sms_sends (phone, sent_at) VALUES (?, ?)", (phone, iso(moment)))
        conn.execute("DELETE FROM sms_sends WHERE sent_at < ?", (iso(moment - DAY),))

    def _failure(self, text: OutboxText, result: Any, moment: datetime) -> dict[str, Any]:
        attempt = text.attempts + 1
        down = bool(getattr(result, "provider_down", False))
        age = moment - clock.parse_iso(text.requeued_at or text.created_at)
        final = gives_up(
            attempt=attempt, age=age, retryable=bool(result.retryable), provider_down=down
        )
        delay = backoff(attempt, result.retry_after_s, self.rng)
        return {
            "code": result.code or "",
            "reason": result.reason or result.code or "",
            "retryable": bool(result.retryable),
            "attempt": attempt,
            "next_attempt_at": "" if final else iso(moment + delay),
            "provider": result.provider,
        }

    def _select_due(
        self, conn: sqlite3.Connection, now: datetime, limit: int | None
    ) -> list[OutboxText]:
        # a claim whose result never came: the app died mid-send (see deliver_due)
        conn.execute(
            "DELETE FROM sms_delivery WHERE claimed_at != '' AND claimed_at < ?",
            (iso(now - STALE_CLAIM),),
        )
        rows = conn.execute(
            SELECT_TEXTS + " WHERE o.status = 'queued' AND o.next_attempt_at <= ?"
            " AND coalesce(d.claimed_at, '') = ''"
            " AND NOT EXISTS (SELECT 1 FROM sms_do_not_text n WHERE n.phone = o.phone)"
            " ORDER BY o.next_attempt_at, o.id",
            (iso(now),),
        ).fetchall()
        chosen: list[OutboxText] = []
        going: dict[str, list[datetime]] = {}
        for text in map(outbox_text, rows):
            if limit is not None and len(chosen) >= limit:
                break
            times = going.get(text.phone)
            if times is None:
                times = _recent_sends(conn, text.phone, now)
            hold = number_hold(times, now)
            if hold is not None:
                conn.execute(
                    "INSERT INTO sms_delivery (text_id, held_code, held_until) VALUES (?, ?, ?)"
                    " ON CONFLICT (text_id) DO UPDATE SET held_code = excluded.held_code,"
                    " held_until = excluded.held_until",
                    (text.id, hold.code, iso(hold.until)),
                )
                continue
            conn.execute("DELETE FROM sms_delivery WHERE text_id = ?", (text.id,))
            going[text.phone] = [*times, now]
            chosen.append(text)
        return chosen

    # operators' actions --------------------------------------------------------------------

    def retry(self, text_id: str) -> Event:
        """Queue a failed text again (an operator's action); its tries start over."""
        operator = self._session.require_operator()
        text = self.get(text_id)
        if text.status != "failed":
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Only a failed text can be sent again; this one is {status}. Refresh the list.",
                ),
                status=status_word(text.status),
            )
        if text.last_code in REASON_PASSED:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "This text was cancelled because its parcel is no longer on the shelf; it "
                    "is not sent again.",
                )
            )
        if is_listed(self._conn, text.phone):
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "{number} is on the do-not-text list. Take it off the list first if the "
                    "villager wants texts again.",
                ),
                number=text.masked_phone,
            )
        with self._log.batch() as batch:
            return batch.append(
                "sms.queued", entity_id=text.id, payload={"retry": True}, operator=operator.id
            )

    def cancel(self, text_id: str) -> Event:
        """Stop a queued text; it stays in the outbox as failed ("cancelled") and can be retried."""
        operator = self._session.require_operator()
        text = self.get(text_id)
        if text.status != "queued":
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Only a text still waiting in the queue can be cancelled; this one is "
                    "{status}.",
                ),
                status=status_word(text.status),
            )
        with self._log.batch() as batch:
            return cancel_queued_texts(batch, [text.id], code="cancelled", operator=operator.id)[0]


def _recent_sends(conn: sqlite3.Connection, number: str, now: datetime) -> list[datetime]:
    """When texts to ``number`` went out in the last day, and those being sent right now."""
    rows = conn.execute(
        "SELECT sent_at FROM sms_sends WHERE phone = ? AND sent_at > ?"
        # CROSS JOIN keeps the few claimed texts as the outer loop, not the whole outbox
        " UNION ALL SELECT d.claimed_at FROM sms_delivery d CROSS JOIN sms_outbox o"
        " ON o.id = d.text_id WHERE o.phone = ? AND d.claimed_at != ''",
        (number, iso(now - DAY), number),
    )
    return [clock.parse_iso(row[0]) for row in rows]


# --- the sender loop -------------------------------------------------------------------------


def deliver_due(
    target: Any, provider: Any, *, now: datetime | None = None, limit: int = 20
) -> list[tuple[str, Any]]:
    """Send the due texts through ``provider``; [(text_id, SendResult)] in the order sent.

    ``target`` is the station or its ``SmsOutbox``. Each text is first marked "being sent" in a
    short transaction, then sent with no transaction open, then its result recorded: a slow
    network never holds the database. The GUI runs this on its network worker while the
    station's calls are serialised (the station is used by one thread at a time); a caller that
    wants the database thread free during sends can run the same three steps itself:
    ``claim_due`` (database), ``provider.send`` (network), ``record_result`` (database).

    At-least-once, not at-most-once: if the app dies between the provider accepting a text and
    its result being recorded, the text stays marked "being sent" and, after a few minutes
    (``STALE_CLAIM``), goes back to the queue and is sent again. A villager may then, rarely, get
    a notice twice; the other choice, never resending an unconfirmed text, could leave a parcel
    unannounced, which costs far more (a stranded parcel, a complaint). The text id travels as
    the provider's OutId / session context, so the county relay, and the providers' reports, can
    tell a second copy of the same text apart later.
    """
    from stationapp.sms_providers.provider import OutgoingText, SendResult
    from stationapp.sms_providers.reasons import SERVICE_TROUBLE

    outbox: SmsOutbox = target if isinstance(target, SmsOutbox) else target.sms
    if not outbox.has_due(now):
        return []
    if not provider.status().ok:  # no modem, no keys: the texts stay queued, no try used
        return []
    texts = outbox.claim_due(now, limit=limit)
    results: list[tuple[str, Any]] = []
    for index, text in enumerate(texts):
        outgoing = OutgoingText(
            text_id=text.id,
            phone=text.phone,
            text=text.text,
            template=text.template,
            params=dict(text.params),
            signature=text.signature,
        )
        try:
            result = provider.send(outgoing)
        except Exception as error:  # a provider must not raise; if one does, the text waits
            result = SendResult.failed(
                provider.name, SERVICE_TROUBLE, code="exception", retryable=True,
                detail=repr(error),
            )  # fmt: skip
        outbox.record_result(text.id, result, now=now)
        results.append((text.id, result))
        if getattr(result, "provider_down", False):  # the rest would fail the same way
            outbox.release([t.id for t in texts[index + 1 :]])
            break
    return results
