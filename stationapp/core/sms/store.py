"""The SMS outbox's tables and how the ``sms.*`` events project into them.

Projected (rebuilt from the events by ``verify``): ``sms_outbox`` (one row per text),
``sms_subjects`` (the further purposes + entities a grouped text is about) and
``sms_do_not_text``. Local only (delivery bookkeeping, never compared): ``sms_delivery`` (the
"being sent" claim and why a due text is held back) and ``sms_sends`` (recent sends per number,
for the providers' per-number limits).

Through the county relay a text is ``relayed`` (``sms.relay_requested``: handed to the county
center, which sends it) before it is ``sent`` or ``failed``; ``via`` says ``county`` for a text
whose fate the county reported (DESIGN §5, relay services).

``sms.queued`` comes in three forms, told apart by its payload:
- a new text: purpose, entity_key, phone, template, params, signature (and group_key,
  not_before);
- ``amends``: a still-queued grouped text takes one more subject; the full new params and the
  signature;
- ``retry``: a failed text is queued again by an operator.

``sms.cancelled`` (DESIGN §7) stops a text whose reason passed before it went out (the parcel was
picked up or returned while its notice waited to be grouped); ``reason`` names the event that
made it pass. Without ``drops`` the text ends ``failed`` with that reason as its code (a queued
text, or one handed to the county center, which cancels it too if it has not sent it yet);
with ``drops`` (the subjects that went) and ``params`` a grouped text still queued keeps its
other subjects and is sent without the dropped ones.

A parcel's arrival notice rides on its ``parcel.received`` event instead (``parcels.notice``, since
migration ``010_lean_texts``); older logs hold it as ``sms.queued`` and still replay.

The row keeps the template, parameters and signature, not the text: the text is rendered again
wherever it is shown or sent (``sms.text.outbox_text``), which gives it back exactly because a
template never changes under its name (``tests/test_sms_outbox.py`` pins them). ``sms.sent``
leaves ``message_id`` out when it is the text's own id (the file provider's); a reader defaults
it (:func:`sent_payload`).

The tables themselves are created and rebuilt by the migrations in ``sms.tables``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from stationapp.core.errors import StateError
from stationapp.core.events import Event, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.projections import Projector
from stationapp.core.sms.render import render

DO_NOT_TEXT_ADDED = "sms.do_not_text_added"
DO_NOT_TEXT_REMOVED = "sms.do_not_text_removed"
RELAY_REQUESTED = "sms.relay_requested"
CANCELLED = "sms.cancelled"
VIA_COUNTY = "county"


# --- projections -----------------------------------------------------------------------------


def _queued(replay: Replay, event: Event) -> None:
    payload = event.payload
    if "amends" in payload:
        queued_params(replay.conn, payload["amends"])  # refused unless it is still waiting
        amend_text(
            replay.conn,
            text_id=payload["amends"],
            purpose=payload["purpose"],
            entity_key=payload["entity_key"],
            params=payload["params"],
            signature=payload["signature"],
        )
    elif payload.get("retry"):
        replay.conn.execute(
            "UPDATE sms_outbox SET status = 'queued', attempts = 0, next_attempt_at = ?,"
            " requeued_at = ? WHERE id = ?",
            (event.occurred_at, event.occurred_at, event.entity_id),
        )
    else:
        insert_text(
            replay.conn,
            text_id=event.entity_id,
            purpose=payload["purpose"],
            entity_key=payload["entity_key"],
            phone=payload["phone"],
            template=payload["template"],
            params=payload["params"],
            signature=payload["signature"],
            group_key=payload.get("group_key", ""),
            next_attempt_at=payload.get("not_before") or event.occurred_at,
            created_at=event.occurred_at,
        )


def insert_text(
    conn: sqlite3.Connection,
    *,
    text_id: str,
    purpose: str,
    entity_key: str,
    phone: str,
    template: str,
    params: dict[str, str],
    signature: str,
    group_key: str,
    next_attempt_at: str,
    created_at: str,
) -> None:
    """A new queued text (from ``sms.queued`` or a parcel's arrival notice)."""
    text = render(template, params, signature)
    conn.execute(
        "INSERT INTO sms_outbox (id, purpose, entity_key, phone, template, params, signature,"
        " chars, parts, group_key, status, next_attempt_at, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
        (
            text_id,
            purpose,
            entity_key,
            phone,
            template,
            _params_json(params),
            signature,
            text.chars,
            text.parts,
            group_key,
            next_attempt_at,
            created_at,
        ),
    )


def queued_params(conn: sqlite3.Connection, text_id: str) -> dict[str, str]:
    """The parameters of a text that may still take more subjects; refused once it has left."""
    row = conn.execute("SELECT status, params FROM sms_outbox WHERE id = ?", (text_id,)).fetchone()
    if row is None or row[0] != "queued":
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This text has already left the outbox and cannot take more parcels; queue a "
                "new text instead.",
            )
        )
    return json.loads(row[1])


def amend_text(
    conn: sqlite3.Connection,
    *,
    text_id: str,
    purpose: str,
    entity_key: str,
    params: dict[str, str],
    signature: str,
) -> None:
    """A still-queued grouped text takes one more subject: its new parameters and signature."""
    (template,) = conn.execute(
        "SELECT template FROM sms_outbox WHERE id = ?", (text_id,)
    ).fetchone()
    text = render(template, params, signature)
    conn.execute(
        "UPDATE sms_outbox SET params = ?, signature = ?, chars = ?, parts = ? WHERE id = ?",
        (_params_json(params), signature, text.chars, text.parts, text_id),
    )
    conn.execute(
        "INSERT INTO sms_subjects (purpose, entity_key, text_id) VALUES (?, ?, ?)",
        (purpose, entity_key, text_id),
    )


def sent_payload(
    text_id: str, *, provider: str, message_id: str, attempt: int, **more: Any
) -> dict[str, Any]:
    """``sms.sent``'s payload; ``message_id`` is left out when it is the text's own id."""
    payload: dict[str, Any] = {"provider": provider, "attempt": attempt, **more}
    if message_id != text_id:
        payload["message_id"] = message_id
    return payload


def _sent(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "UPDATE sms_outbox SET status = 'sent', sent_at = ?, attempts = ?, next_attempt_at = '',"
        " group_key = '',"
        " provider = ?, provider_message_id = ?, last_code = '', last_error = '', retryable = 0,"
        " via = ? WHERE id = ?",
        (
            event.occurred_at,
            p["attempt"],
            p["provider"],
            p.get("message_id", event.entity_id),
            p.get("via", ""),
            event.entity_id,
        ),
    )


def _failed(replay: Replay, event: Event) -> None:
    """A refusal: with a next attempt the text stays queued; without one it is failed."""
    p = event.payload
    replay.conn.execute(
        "UPDATE sms_outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_code = ?,"
        " last_error = ?, retryable = ?, provider = coalesce(nullif(?, ''), provider), via = ?"
        " WHERE id = ?",
        (
            "queued" if p["next_attempt_at"] else "failed",
            p["attempt"],
            p["next_attempt_at"],
            p["code"],
            p["reason"],
            int(bool(p["retryable"])),
            p.get("provider", ""),
            p.get("via", ""),
            event.entity_id,
        ),
    )


def _relay_requested(replay: Replay, event: Event) -> None:
    """Handed to the county center: the station's part is done until the county reports back.
    Only a waiting text can be handed over, so no text is ever relayed twice."""
    changed = replay.conn.execute(
        "UPDATE sms_outbox SET status = 'relayed', relayed_at = ?, attempts = attempts + 1,"
        " next_attempt_at = '', group_key = '', provider = ?, via = ?, last_code = '',"
        " last_error = '', retryable = 0 WHERE id = ? AND status = 'queued'",
        (event.occurred_at, VIA_COUNTY, VIA_COUNTY, event.entity_id),
    ).rowcount
    if changed != 1:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "This text is no longer waiting in the queue, so it cannot be handed to the "
                "county center. Refresh the list.",
            )
        )


def _cancelled(replay: Replay, event: Event) -> None:
    """A text whose reason passed: ended, or (``drops``) narrowed to the subjects still due."""
    conn, p, text_id = replay.conn, event.payload, event.entity_id
    if "drops" not in p:
        changed = conn.execute(
            "UPDATE sms_outbox SET status = 'failed', next_attempt_at = '', last_code = ?,"
            " last_error = '', retryable = 0 WHERE id = ? AND status IN ('queued', 'relayed')",
            (p["reason"], text_id),
        ).rowcount
        if changed != 1:
            raise StateError(NOT_WAITING)
        return
    queued_params(conn, text_id)  # refused unless it is still waiting
    template, key, sign = conn.execute(
        "SELECT template, entity_key, signature FROM sms_outbox WHERE id = ?", (text_id,)
    ).fetchone()
    drops = list(p["drops"])
    conn.executemany(
        "DELETE FROM sms_subjects WHERE text_id = ? AND entity_key = ?",
        [(text_id, dropped) for dropped in drops],
    )
    if key in drops:  # the text's first subject went: the next one takes its place
        (key,) = conn.execute(
            "SELECT entity_key FROM sms_subjects WHERE text_id = ? ORDER BY entity_key LIMIT 1",
            (text_id,),
        ).fetchone()
        conn.execute(
            "DELETE FROM sms_subjects WHERE text_id = ? AND entity_key = ?", (text_id, key)
        )
    text = render(template, p["params"], sign)
    conn.execute(
        "UPDATE sms_outbox SET entity_key = ?, params = ?, chars = ?, parts = ? WHERE id = ?",
        (key, _params_json(p["params"]), text.chars, text.parts, text_id),
    )


NOT_WAITING = QT_TRANSLATE_NOOP(
    "UserError",
    "This text is no longer waiting to be sent, so it cannot be cancelled. Refresh the list.",
)


def _do_not_text_added(replay: Replay, event: Event) -> None:
    replay.conn.execute(
        "INSERT INTO sms_do_not_text (phone, reason, added_by, added_at) VALUES (?, ?, ?, ?)",
        (event.payload["phone"], event.payload["reason"], event.operator, event.occurred_at),
    )


def _do_not_text_removed(replay: Replay, event: Event) -> None:
    replay.conn.execute("DELETE FROM sms_do_not_text WHERE phone = ?", (event.payload["phone"],))


def params_json(params: dict[str, str]) -> str:
    """Parameters as the outbox stores them (sorted keys, compact, Chinese as is)."""
    return _params_json(params)


def _params_json(params: dict[str, str]) -> str:
    return json.dumps(params, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# what this module adds to its line's projections (the line's __init__ gathers them)
PROJECTORS: dict[str, Projector] = {
    "sms.queued": Projector(_queued),
    "sms.sent": Projector(_sent),
    "sms.failed": Projector(_failed),
    RELAY_REQUESTED: Projector(_relay_requested),
    CANCELLED: Projector(_cancelled),
    DO_NOT_TEXT_ADDED: Projector(_do_not_text_added),
    DO_NOT_TEXT_REMOVED: Projector(_do_not_text_removed),
}
PROJECTED_TABLES: dict[str, str] = {
    "sms_outbox": "id",
    "sms_subjects": "purpose, entity_key",
    "sms_do_not_text": "phone",
}
