"""One signed POST to an SMS service, and what a failed one means for the text.

A network error, a 5xx or a web page where JSON should be (a captive portal's login page answers
200 with HTML) all leave the text queued; only a JSON answer is handed back to the provider to read.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import SendResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class JsonAnswer:
    status: int
    body: dict[str, Any]


class HttpClient:
    """Holds one ``requests`` session (kept-alive connections), made on first use."""

    def __init__(self, provider: str, timeout_s: float) -> None:
        self.provider = provider
        self.timeout_s = timeout_s
        self._session: Any = None

    def post(self, url: str, *, headers: dict[str, str], body: bytes) -> JsonAnswer | SendResult:
        import requests  # heavy: loaded on the first text, not at start-up

        if self._session is None:
            self._session = requests.Session()  # the system's proxy settings apply
        try:
            response = self._session.post(
                url, headers=headers, data=body, timeout=self.timeout_s, allow_redirects=False
            )
        except requests.RequestException as error:
            log.warning("%s: no answer from %s: %s", self.provider, url.split("?")[0], error)
            return self._down(reasons.NETWORK_DOWN, "network", f"{type(error).__name__}: {error}")
        return self._read(response)

    def _read(self, response: Any) -> JsonAnswer | SendResult:
        status = response.status_code
        if 300 <= status < 400:
            where = response.headers.get("Location", "")
            return self._down(reasons.CAPTIVE_PORTAL, f"http.{status}", f"redirected to {where}")
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict):
            return JsonAnswer(status, body)
        snippet = " ".join(response.text[:120].split())
        if status >= 500:
            return SendResult.failed(
                self.provider,
                reasons.SERVICE_TROUBLE,
                code=f"http.{status}",
                retryable=True,
                detail=snippet,
            )
        return self._down(reasons.CAPTIVE_PORTAL, f"http.{status}.not_json", snippet)

    def _down(self, reason: str, code: str, detail: str) -> SendResult:
        return SendResult.failed(
            self.provider, reason, code=code, retryable=True, detail=detail, provider_down=True
        )
