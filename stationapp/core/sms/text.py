"""One text of the outbox as the screens read it, and the outbox's times."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from stationapp.core import clock
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term, translate
from stationapp.core.phone import mask_phone
from stationapp.core.sms.render import render
from stationapp.sms_providers.pacing import GAP_HOLD

STATUSES = ("queued", "sending", "relayed", "sent", "failed")
_CTX = "SmsOutbox"


@dataclass(frozen=True)
class OutboxText:
    """A row of the outbox as the screen shows it (``text_id``, ``phone``, ``text``,
    ``template``, ``params`` and ``signature`` are what a provider's OutgoingText holds).
    ``text`` is not stored: it is rendered from the template, parameters and signature."""

    id: str
    purpose: str
    entity_key: str
    phone: str
    template: str
    params: dict[str, str]
    text: str
    chars: int
    parts: int
    group_key: str
    status: str  # queued | sending | relayed | sent | failed
    attempts: int
    next_attempt_at: str
    last_code: str
    last_reason: str  # as stored: the provider's English source, translated by last_error
    retryable: bool
    provider: str
    provider_message_id: str
    created_at: str
    requeued_at: str  # when an operator queued it again after it failed
    sent_at: str
    claimed_at: str = ""
    held_code: str = ""
    held_until: str = ""
    relayed_at: str = ""  # when it was handed to the county center ("" never)
    via: str = ""  # "county": the county center sent it (or could not); "" the station itself
    signature: str = ""  # without its 【】, as the text was queued

    @property
    def text_id(self) -> str:
        return self.id

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)

    @property
    def through_county(self) -> bool:
        """The county center took this text over (it may be back in the queue after a Retry)."""
        return self.via == "county"

    @property
    def last_error(self) -> str:
        """Why the last try did not go through, in the installed language; "" if it did."""
        if self.last_code == "cancelled":
            return translate(_CTX, CANCELLED)
        if self.last_code == "do_not_text":
            return translate(_CTX, LISTED)
        if self.last_code in REASON_PASSED:
            return translate(_CTX, REASON_PASSED[self.last_code])
        reason = translate("Sms", self.last_reason) if self.last_reason else self.last_code
        if self.status == "failed" and self.through_county and reason:
            return translate(_CTX, COUNTY_FAILED).format(reason=reason)
        if self.status == "failed" and self.retryable:
            return translate(_CTX, GAVE_UP).format(attempts=self.attempts, reason=reason)
        return reason

    @property
    def county_note(self) -> str:
        """What the county center did with a relayed text ("" for the station's own texts)."""
        if self.status == "relayed":
            return translate(_CTX, RELAYED).format(time=short_time(self.relayed_at))
        if self.status == "sent" and self.through_county:
            return translate(_CTX, SENT_BY_COUNTY)
        return ""

    @property
    def waiting_reason(self) -> str:
        """Why a queued text has not gone yet ("" when it goes with the next round)."""
        if self.status == "sending":
            return translate(_CTX, SENDING)
        if self.status != "queued":
            return ""
        now = clock.now_iso()
        if self.held_until > now:
            source = GAP if self.held_code == GAP_HOLD else DAILY
            return translate(_CTX, source).format(time=short_time(self.held_until))
        if self.next_attempt_at > now:
            if self.attempts:
                source = RETRY_AT
            elif self.group_key:
                source = GROUP_HOLD
            else:
                source = WAITS
            return translate(_CTX, source).format(
                time=short_time(self.next_attempt_at), attempts=self.attempts
            )
        return ""


CANCELLED = QT_TRANSLATE_NOOP(
    "SmsOutbox", "Cancelled by an operator. Press Retry to send it after all."
)
LISTED = QT_TRANSLATE_NOOP(
    "SmsOutbox",
    "Not sent: the number was put on the do-not-text list. Tell the villager in person.",
)
# sms.cancelled: the event that made the text needless is its code (DESIGN §7)
REASON_PASSED = {
    "parcel.picked_up": QT_TRANSLATE_NOOP(
        "SmsOutbox", "Not sent: the parcel was picked up before its text went out."
    ),
    "parcel.returned": QT_TRANSLATE_NOOP(
        "SmsOutbox", "Not sent: the parcel went back to the courier before its text went out."
    ),
}
GAVE_UP = QT_TRANSLATE_NOOP(
    "SmsOutbox", "Gave up after {attempts} tries; press Retry to try again. Last answer: {reason}"
)
SENDING = QT_TRANSLATE_NOOP("SmsOutbox", "Being sent now.")
GAP = QT_TRANSLATE_NOOP("SmsOutbox", "One text per 30 seconds to a number: it goes after {time}.")
DAILY = QT_TRANSLATE_NOOP(
    "SmsOutbox", "This number has had 10 texts in a day, the most allowed: it goes after {time}."
)
RETRY_AT = QT_TRANSLATE_NOOP(
    "SmsOutbox", "Try {attempts} did not go through; the next try is at {time}."
)
GROUP_HOLD = QT_TRANSLATE_NOOP(
    "SmsOutbox", "Held until {time} so that more parcels for this number can join the text."
)
WAITS = QT_TRANSLATE_NOOP("SmsOutbox", "Waits until {time}.")
RELAYED = QT_TRANSLATE_NOOP(
    "SmsOutbox",
    "Handed to the county center at {time}; it sends the text and reports back at the next sync.",
)
SENT_BY_COUNTY = QT_TRANSLATE_NOOP("SmsOutbox", "Sent by the county center.")
COUNTY_FAILED = QT_TRANSLATE_NOOP("SmsOutbox", "The county center could not send it: {reason}")

_STATUS_WORDS = {
    "queued": QT_TRANSLATE_NOOP("UserError", "waiting in the queue"),
    "sending": QT_TRANSLATE_NOOP("UserError", "being sent right now"),
    "relayed": QT_TRANSLATE_NOOP("UserError", "handed to the county center"),
    "sent": QT_TRANSLATE_NOOP("UserError", "already sent"),
    "failed": QT_TRANSLATE_NOOP("UserError", "marked as failed"),
    "": QT_TRANSLATE_NOOP("UserError", "not in this station's outbox"),
}


def status_word(status: str) -> Term:
    """A text's status as a word for a message (translated when the message is shown)."""
    return Term(_STATUS_WORDS.get(status, status))


TEXT_COLUMNS = (
    "o.id, o.purpose, o.entity_key, o.phone, o.template, o.params, o.signature, o.chars,"
    " o.parts,"
    " o.group_key, o.status, o.attempts, o.next_attempt_at, o.last_code, o.last_error,"
    " o.retryable, o.provider, o.provider_message_id, o.created_at, o.requeued_at, o.sent_at,"
    " coalesce(d.claimed_at, ''), coalesce(d.held_code, ''), coalesce(d.held_until, ''),"
    " o.relayed_at, o.via"
)
SELECT_TEXTS = (
    f"SELECT {TEXT_COLUMNS} FROM sms_outbox o LEFT JOIN sms_delivery d ON d.text_id = o.id"
)


def outbox_text(row: sqlite3.Row | tuple) -> OutboxText:
    """A row of ``SELECT_TEXTS``, its text rendered as it was queued."""
    values = list(row)
    values[5] = json.loads(values[5])
    signature = values[6]
    values[6] = render(values[4], values[5], signature).text
    values[15] = bool(values[15])
    if values[10] == "queued" and values[21]:
        values[10] = "sending"
    return OutboxText(*values, signature=signature)


# --- time ------------------------------------------------------------------------------------


def short_time(text: str) -> str:
    moment = clock.parse_iso(text).astimezone(clock.SHANGHAI)
    if moment.date() == clock.now().date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d %H:%M")
