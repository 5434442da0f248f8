"""Texts through the county relay (DESIGN §5 relay services, §7): handed over, reported back.

When the station's SMS service is the county center and the station has joined one, delivering
a due text appends ``sms.relay_requested`` (the text, its number and template, for the county's
worker) and the text becomes ``relayed`` in the same transaction; the next push carries it. The
county's worker sends it with the county's own SMS account and answers with a county event
``sms.sent`` or ``sms.failed`` through the feed; the handlers below turn that answer into the
station's own ``sms.sent`` / ``sms.failed`` with ``"via": "county"``, so the outbox shows the
county's result and still rebuilds from the station's log alone.

A county answer is stored in the station's ``county_events`` (unique by id) before its handler
runs. An answer a text already has (a second copy: a restore, the county answering a request
again) changes nothing and is done. An answer for a text that is not waiting for the county (never
handed over, back in the queue, or final with the other outcome) is refused with a
:class:`StateError`: nothing is appended, and the county event stays in ``county_events`` not
applied, with that reason as its note (the "needs attention" list), so it is neither lost nor
acted on.
"""

from __future__ import annotations

import logging
from typing import Any

from stationapp.core.county.events import CountyEvent
from stationapp.core.errors import StateError
from stationapp.core.events import Batch, Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.sms.store import RELAY_REQUESTED, VIA_COUNTY, sent_payload
from stationapp.core.sms.text import REASON_PASSED, OutboxText, status_word

log = logging.getLogger(__name__)


def relay_payload(text: OutboxText) -> dict[str, Any]:
    """What the county's worker needs to send ``text`` as the station rendered it (the outbox
    keeps no text: ``text.text`` is rendered from its template, parameters and signature)."""
    return {
        "phone": text.phone,
        "text": text.text,
        "template": text.template,
        "params": dict(text.params),
        "signature": text.signature,
        "parts": text.parts,
        "purpose": text.purpose,
    }


def hand_to_county(batch: Batch, text: OutboxText) -> Event:
    """``sms.relay_requested`` for a waiting text; its projection refuses any other state, so a
    text is handed over once (until an operator's Retry queues it again)."""
    return batch.append(RELAY_REQUESTED, entity_id=text.id, payload=relay_payload(text))


def _relayed_attempts(batch: Batch, event: CountyEvent, outcome: str) -> int | None:
    """The tries of the relayed text the county answers for; None when it already has this
    outcome (a second copy of the answer: nothing to do). Any other state refuses: the county
    event then stays in ``county_events`` with the reason, applied to nothing."""
    text_id = _text_id(event)
    row = batch.conn.execute(
        "SELECT status, attempts, last_code FROM sms_outbox WHERE id = ?", (text_id,)
    ).fetchone()
    status = row[0] if row else ""
    if status == "relayed":
        return int(row[1])
    if status == outcome:  # also the county's answer to this station's sms.cancelled
        log.info("county event %s: text %s is %s already", event.id, text_id, status)
        return None
    if status == "failed" and outcome == "sent" and row[2] in REASON_PASSED:
        # cancelled here (its parcel left the shelf) after the county had sent it: it went out
        return int(row[1])
    raise StateError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The county center reports on text {text_id}, which is not waiting for it (it is "
            "{status}), so nothing was changed. Check the text in the outbox if the villager "
            "asks about it.",
        ),
        text_id=text_id,
        status=status_word(status),
    )


def _text_id(event: CountyEvent) -> str:
    return event.entity_id or str(event.payload.get("text_id", ""))


def county_sent(batch: Batch, event: CountyEvent) -> None:
    """The county center sent a relayed text: the station records it as sent, via the county."""
    attempts = _relayed_attempts(batch, event, "sent")
    if attempts is None:
        return
    p = event.payload
    text_id = _text_id(event)
    payload = sent_payload(
        text_id,
        provider=str(p.get("provider") or VIA_COUNTY),
        message_id=str(p.get("message_id") or ""),
        attempt=attempts,
        via=VIA_COUNTY,
        county_event=event.id,
    )
    batch.append("sms.sent", entity_id=text_id, payload=payload)


def county_failed(batch: Batch, event: CountyEvent) -> None:
    """The county center gave up on a relayed text: failed, with the county's reason; an
    operator's Retry hands it over again."""
    attempts = _relayed_attempts(batch, event, "failed")
    if attempts is None:
        return
    p = event.payload
    batch.append(
        "sms.failed",
        entity_id=_text_id(event),
        payload={
            "code": str(p.get("code") or ""),
            "reason": str(p.get("reason") or ""),
            "retryable": False,
            "attempt": attempts,
            "next_attempt_at": "",
            "provider": VIA_COUNTY,
            "via": VIA_COUNTY,
            "county_event": event.id,
        },
    )


# the county's events about this line's texts (gathered by lines.py)
COUNTY_HANDLERS = {
    "sms.sent": county_sent,
    "sms.failed": county_failed,
}
