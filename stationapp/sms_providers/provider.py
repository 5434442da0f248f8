"""What every SMS provider takes and gives back: one text out, one result in.

A provider never raises for a refusal: it answers a :class:`SendResult` whose ``reason`` is an
English source string (context ``"Sms"``, no ``{fields}``) that the outbox stores as it is and the
outbox page translates when it shows it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from stationapp.core.i18n import translate
from stationapp.core.phone import mask_phone

CONTEXT = "Sms"
_DETAIL_LIMIT = 300


@dataclass(frozen=True)
class OutgoingText:
    """One queued text as the outbox hands it to a provider."""

    text_id: str
    phone: str  # 11 digits, as the outbox stores it
    text: str  # the whole rendered text, signature included (the file and modem send it)
    template: str  # the station's template name, e.g. "parcel_arrival"
    params: Mapping[str, str]
    signature: str  # without 【】, e.g. "芒艾村服务站"


@dataclass(frozen=True)
class SendResult:
    """What became of one text.

    ``retryable`` failures stay queued (``retry_after_s`` says how long the service asked us to
    wait, if it did); the others are failed for good. ``provider_down`` marks a failure of the
    provider itself (keys, balance, no network, no modem) rather than of this text: the sender
    loop should stop this round instead of failing every due text the same way.
    """

    ok: bool
    provider: str
    message_id: str = ""
    code: str = ""
    reason: str = ""
    retryable: bool = False
    retry_after_s: float | None = None
    detail: str = ""  # the service's own words, untranslated, for the log and a tooltip
    provider_down: bool = False

    @classmethod
    def sent(cls, provider: str, message_id: str = "", *, code: str = "") -> SendResult:
        return cls(ok=True, provider=provider, message_id=message_id, code=code)

    @classmethod
    def failed(
        cls,
        provider: str,
        reason: str,
        *,
        code: str = "",
        retryable: bool = False,
        retry_after_s: float | None = None,
        detail: str = "",
        provider_down: bool = False,
    ) -> SendResult:
        return cls(
            ok=False,
            provider=provider,
            code=code,
            reason=reason,
            retryable=retryable,
            retry_after_s=retry_after_s,
            detail=detail[:_DETAIL_LIMIT],
            provider_down=provider_down,
        )

    @property
    def message(self) -> str:
        """The reason in the installed language (Chinese by default)."""
        return translate(CONTEXT, self.reason) if self.reason else ""


@dataclass(frozen=True)
class ProviderStatus:
    """Whether the provider can send now, in a sentence for the settings page and status bar.

    ``detail`` is the English sentence with its fields filled; ``message`` translates the source
    ``text`` first and fills the fields afterwards.
    """

    ok: bool
    detail: str
    text: str = ""
    params: Mapping[str, str] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, ok: bool, text: str, **params: str) -> ProviderStatus:
        return cls(ok=ok, detail=text.format(**params), text=text, params=params)

    @property
    def message(self) -> str:
        if not self.text:
            return self.detail
        return translate(CONTEXT, self.text).format(**self.params)


class Provider(Protocol):
    """Sends one text; ``status`` is cheap (no text is sent) and never raises."""

    name: str

    def send(self, text: OutgoingText) -> SendResult: ...

    def status(self) -> ProviderStatus: ...


def log_result(log: logging.Logger, text: OutgoingText, result: SendResult) -> None:
    """One line per text: its id, the phone masked, and what the service said (no secrets)."""
    who = mask_phone(text.phone)
    if result.ok:
        log.info(
            "sms %s sent via %s to %s (%s)", text.text_id, result.provider, who, result.message_id
        )
    else:
        log.warning(
            "sms %s to %s not sent via %s: %s",
            text.text_id,
            who,
            result.provider,
            result.detail or result.code,
        )
