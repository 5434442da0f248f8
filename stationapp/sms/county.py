"""Texts through the county center: the seam the sync issue fills.

Until the station is joined to a county center, the status says so and every text stays queued.
"""

from __future__ import annotations

from stationapp.sms import reasons
from stationapp.sms.provider import OutgoingText, ProviderStatus, SendResult


class CountyRelayProvider:
    name = "county"

    def __repr__(self) -> str:
        return "CountyRelayProvider(not joined)"

    def send(self, text: OutgoingText) -> SendResult:
        return SendResult.failed(
            self.name,
            reasons.COUNTY_NOT_JOINED,
            code="county.not_joined",
            retryable=True,
            provider_down=True,
        )

    def status(self) -> ProviderStatus:
        return ProviderStatus.of(False, reasons.STATUS_COUNTY_NOT_JOINED)
