"""Texts through the county center: the station hands them over, the county's worker sends them.

No network is involved at the station: :meth:`CountyRelayProvider.send` answers the outbox's go
ahead (code ``county.relayed``), and the outbox records the text as handed to the county
(``sms.relay_requested``, status ``relayed``) in the database's own transaction; the next push
carries it, and the county's answer comes back through the feed (see
``stationapp.core.sms.relay``). Until the station is joined to a county center, the status says
so and every text stays queued.

The reasons below are the county center's own (context ``"Sms"``, no ``{fields}``): the county
sends them back in ``sms.failed`` and the station's outbox shows them translated.
"""

from __future__ import annotations

from typing import Protocol

from stationapp.core import secrets
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.secrets import Secret
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult

NAME = "county"
# What CountyRelayProvider.send answers for a text the outbox must hand to the county: not a
# send (no network is involved), but the go-ahead for the outbox to relay it.
RELAY_CODE = "county.relayed"

STATUS_COUNTY_READY = QT_TRANSLATE_NOOP(
    "Sms",
    "Texts are handed to the county center at each sync; it sends them with its own SMS "
    "service and reports back.",
)
# --- why the county center did not send a text (sent back in sms.failed) ------------------------
OUTCOME_UNKNOWN = QT_TRANSLATE_NOOP(
    "Sms",
    "The county center stopped while this text was being sent, so it cannot tell whether it "
    "went out; it is not sent again by itself. Ask the villager, and press Retry only if it "
    "did not arrive.",
)
REQUEST_UNREADABLE = QT_TRANSLATE_NOOP(
    "Sms",
    "The county center could not read this text's number or content. Check the number and "
    "press Retry; if it fails again, call the county center's support.",
)
COUNTY_SERVICE_REFUSED = QT_TRANSLATE_NOOP(
    "Sms",
    "The county center's SMS service refused this text (its keys, signature, template or "
    "credit; the code is in the details). Call the county center, and press Retry once they "
    "have fixed it.",
)
COUNTY_GAVE_UP = QT_TRANSLATE_NOOP(
    "Sms",
    "The county center could not send this text for three days (its SMS service is down or "
    "not set up). Tell the villager in person or by phone, or press Retry later.",
)


class _Keys(Protocol):
    def get(self, name: str) -> Secret | None: ...


class CountyRelayProvider:
    """``secrets``: the station's keys file, which holds the county's token once joined."""

    name = NAME

    def __init__(self, secrets: _Keys | None = None) -> None:
        self._secrets = secrets

    def __repr__(self) -> str:
        return f"CountyRelayProvider({'joined' if self.joined() else 'not joined'})"

    def joined(self) -> bool:
        return self._secrets is not None and bool(self._secrets.get(secrets.TOKEN_SECRET))

    def send(self, text: OutgoingText) -> SendResult:
        if not self.joined():
            return not_joined()
        return SendResult.sent(self.name, code=RELAY_CODE)

    def status(self) -> ProviderStatus:
        if not self.joined():
            return ProviderStatus.of(False, reasons.STATUS_COUNTY_NOT_JOINED)
        return ProviderStatus.of(True, STATUS_COUNTY_READY)


def not_joined() -> SendResult:
    """The station has no county center to hand texts to: they stay queued."""
    return SendResult.failed(
        NAME,
        reasons.COUNTY_NOT_JOINED,
        code="county.not_joined",
        retryable=True,
        provider_down=True,
    )
