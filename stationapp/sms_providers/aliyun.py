"""Aliyun SMS ``SendSms`` (dysmsapi 2017-05-25), signed with V3 ``ACS3-HMAC-SHA256``.

The parameters travel in the query string of an empty POST; the signature covers the method, the
path, the sorted percent-encoded query, the ``host`` and ``x-acs-*`` headers and the body's
SHA-256. The signature (SignName) is sent apart: Aliyun templates may hold no 【】.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

from stationapp.core import clock
from stationapp.core.secrets import (
    ALIYUN_ACCESS_KEY_ID,
    ALIYUN_ACCESS_KEY_SECRET,
    Secret,
    SecretStore,
)
from stationapp.sms_providers import config, reasons
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult, log_result
from stationapp.sms_providers.transport import HttpClient, JsonAnswer

log = logging.getLogger(__name__)

ENDPOINT = "https://dysmsapi.aliyuncs.com"
ACTION = "SendSms"
VERSION = "2017-05-25"
ALGORITHM = "ACS3-HMAC-SHA256"
EMPTY_BODY_SHA256 = hashlib.sha256(b"").hexdigest()


@dataclass(frozen=True)
class AliyunConfig:
    access_key_id: Secret | None
    access_key_secret: Secret | None
    signature: str = ""
    templates: Mapping[str, str] = field(default_factory=dict, hash=False)
    params: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    endpoint: str = ENDPOINT
    timeout_s: float = 10.0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], secrets: SecretStore) -> AliyunConfig:
        return cls(
            access_key_id=secrets.get(ALIYUN_ACCESS_KEY_ID),
            access_key_secret=secrets.get(ALIYUN_ACCESS_KEY_SECRET),
            signature=config.signature(settings),
            templates=config.per_template(settings, "sms.aliyun.template."),
            params=config.name_lists(settings, "sms.aliyun.params."),
            endpoint=config.text(settings, "sms.aliyun.endpoint", ENDPOINT),
            timeout_s=config.number(settings, "sms.timeout_s", 10.0),
        )


def percent_encode(value: str) -> str:
    """RFC 3986 over UTF-8, as Aliyun wants it: space is %20, * is %2A, ~ stays."""
    return quote(value, safe="-_.~")


def canonical_query(query: Mapping[str, str]) -> str:
    pairs = sorted((percent_encode(k), percent_encode(v)) for k, v in query.items())
    return "&".join(f"{k}={v}" for k, v in pairs)


def sign(
    *,
    method: str,
    host: str,
    path: str,
    query: Mapping[str, str],
    access_key_id: Secret,
    access_key_secret: Secret,
    date: str,
    nonce: str,
    body: bytes = b"",
    action: str = ACTION,
    version: str = VERSION,
) -> tuple[str, dict[str, str]]:
    """The canonical query string to send, and the headers (``Authorization`` included)."""
    query_string = canonical_query(query)
    signed = {
        "host": host,
        "x-acs-action": action,
        "x-acs-content-sha256": hashlib.sha256(body).hexdigest(),
        "x-acs-date": date,
        "x-acs-signature-nonce": nonce,
        "x-acs-version": version,
    }
    names = sorted(signed)
    canonical_headers = "".join(f"{name}:{signed[name].strip()}\n" for name in names)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        [
            method,
            path or "/",
            query_string,
            canonical_headers,
            signed_headers,
            signed["x-acs-content-sha256"],
        ]
    )
    string_to_sign = f"{ALGORITHM}\n{hashlib.sha256(canonical_request.encode()).hexdigest()}"
    signature = hmac.new(
        access_key_secret.reveal().encode(), string_to_sign.encode(), hashlib.sha256
    ).hexdigest()
    headers = {**signed, "Host": host}
    del headers["host"]
    headers["Authorization"] = (
        f"{ALGORITHM} Credential={access_key_id.reveal()},"
        f"SignedHeaders={signed_headers},Signature={signature}"
    )
    return query_string, headers


@dataclass(frozen=True)
class _Rule:
    reason: str
    retryable: bool = False
    provider_down: bool = False
    retry_after_s: float | None = None


_KEYS = _Rule(reasons.KEYS_WRONG, provider_down=True)
_CLOCK = _Rule(reasons.CLOCK_WRONG, retryable=True, provider_down=True)
_TROUBLE = _Rule(reasons.SERVICE_TROUBLE, retryable=True)
_TEMPLATE = _Rule(reasons.TEMPLATE_MISMATCH)

# Codes from the SendSms error list; anything unknown is refused for good unless the service
# itself is in trouble (isp.*, 5xx).
_RULES: dict[str, _Rule] = {
    "SignatureDoesNotMatch": _KEYS,
    "IncompleteSignature": _KEYS,
    "InvalidAccessKeyId.NotFound": _KEYS,
    "InvalidAccessKeyId.Inactive": _KEYS,
    "isp.RAM_PERMISSION_DENY": _KEYS,
    "Forbidden.RAM": _KEYS,
    "InvalidTimeStamp.Expired": _CLOCK,
    "InvalidTimeStamp.Format": _CLOCK,
    "SignatureNonceUsed": _Rule(reasons.SERVICE_TROUBLE, retryable=True),
    "isv.MOBILE_NUMBER_ILLEGAL": _Rule(reasons.NUMBER_REFUSED),
    "isv.MOBILE_COUNT_OVER_LIMIT": _Rule(reasons.NUMBER_REFUSED),
    "isv.BLACK_KEY_CONTROL_LIMIT": _Rule(reasons.CONTENT_REFUSED),
    "isv.AMOUNT_NOT_ENOUGH": _Rule(
        reasons.BALANCE_EXHAUSTED, retryable=True, provider_down=True, retry_after_s=3600
    ),
    "isv.OUT_OF_SERVICE": _Rule(
        reasons.BALANCE_EXHAUSTED, retryable=True, provider_down=True, retry_after_s=3600
    ),
    "isv.SMS_SIGNATURE_ILLEGAL": _TEMPLATE,
    "isv.SMS_TEMPLATE_ILLEGAL": _TEMPLATE,
    "isv.TEMPLATE_MISSING_PARAMETERS": _TEMPLATE,
    "isv.TEMPLATE_PARAMS_ILLEGAL": _TEMPLATE,
    "isv.INVALID_JSON_PARAM": _TEMPLATE,
    "isv.SIGN_NAME_ILLEGAL": _TEMPLATE,
    "isv.PARAM_LENGTH_LIMIT": _Rule(reasons.PARAM_TOO_LONG),
    "isv.DAY_LIMIT_CONTROL": _Rule(reasons.RATE_LIMITED, retryable=True, provider_down=True),
    "isv.BUSINESS_LIMIT_CONTROL": _Rule(reasons.RATE_LIMITED, retryable=True),
}


def _limit_wait(message: str, now: datetime) -> float:
    """Aliyun says which of its per-number limits tripped: 触发分钟级/小时级/天级流控."""
    if "分钟" in message:
        return 60.0
    if "小时" in message:
        return 3600.0
    return config.seconds_until_tomorrow(now) if "天" in message else 3600.0


class AliyunProvider:
    name = "aliyun"

    def __init__(self, settings: AliyunConfig, *, now: Callable[[], datetime] = clock.now) -> None:
        self.config = settings
        self._now = now
        self._http = HttpClient(self.name, settings.timeout_s)

    def __repr__(self) -> str:
        return f"AliyunProvider(endpoint={self.config.endpoint!r}, keys=***)"

    def status(self) -> ProviderStatus:
        if not (self.config.access_key_id and self.config.access_key_secret):
            return ProviderStatus.of(False, reasons.STATUS_KEYS_MISSING, service="Aliyun SMS")
        if not self.config.signature:
            return ProviderStatus.of(False, reasons.STATUS_SIGNATURE_MISSING)
        return ProviderStatus.of(True, reasons.STATUS_ALIYUN_READY, signature=self.config.signature)

    def send(self, text: OutgoingText) -> SendResult:
        key_id, secret = self.config.access_key_id, self.config.access_key_secret
        signature = text.signature or self.config.signature
        if not (key_id and secret):
            return self._refused(
                text, reasons.KEYS_MISSING, "keys.missing", retryable=True, provider_down=True
            )
        if not signature:
            return self._refused(
                text, reasons.SIGNATURE_MISSING, "no.signature", retryable=True, provider_down=True
            )
        template_code = self.config.templates.get(text.template)
        if not template_code:
            return self._refused(
                text,
                reasons.TEMPLATE_NOT_SET,
                "template.not_set",
                retryable=False,
                provider_down=False,
            )
        if not key_id.reveal().isascii():  # a key pasted with a stray full-width character
            return self._refused(
                text, reasons.KEYS_WRONG, "keys.not_ascii", retryable=False, provider_down=True
            )
        query = {
            "PhoneNumbers": text.phone,
            "SignName": signature,
            "TemplateCode": template_code,
            "TemplateParam": json.dumps(
                self._template_params(text), ensure_ascii=False, separators=(",", ":")
            ),
            "OutId": text.text_id,
        }
        url = urlsplit(self.config.endpoint)
        path = url.path or "/"
        query_string, headers = sign(
            method="POST",
            host=url.netloc.lower(),
            path=path,
            query=query,
            access_key_id=key_id,
            access_key_secret=secret,
            date=self._now().astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            nonce=uuid.uuid4().hex,
        )
        answer = self._http.post(
            f"{url.scheme}://{url.netloc}{path}?{query_string}", headers=headers, body=b""
        )
        result = answer if isinstance(answer, SendResult) else self._read(answer)
        log_result(log, text, result)
        return result

    def _template_params(self, text: OutgoingText) -> dict[str, str]:
        # The station name is the signature, sent apart; template values must be strings.
        names = self.config.params.get(text.template)
        if names:
            return {name: str(text.params.get(name, "")) for name in names}
        return {k: str(v) for k, v in text.params.items() if k != "station"}

    def _read(self, answer: JsonAnswer) -> SendResult:
        code = str(answer.body.get("Code", ""))
        message = str(answer.body.get("Message", ""))
        if code == "OK" and answer.status == 200:
            return SendResult.sent(self.name, str(answer.body.get("BizId", "")), code=code)
        rule = _RULES.get(code)
        if rule is None:
            looks_internal = code.startswith(("isp.", "InternalError", "ServiceUnavailable"))
            trouble = looks_internal or code.startswith("Throttling") or answer.status >= 500
            rule = _TROUBLE if trouble else _Rule(reasons.CONTENT_REFUSED)
        retry_after = rule.retry_after_s
        if code == "isv.BUSINESS_LIMIT_CONTROL":
            retry_after = _limit_wait(message, self._now())
        elif code == "isv.DAY_LIMIT_CONTROL":
            retry_after = config.seconds_until_tomorrow(self._now())
        return SendResult.failed(
            self.name,
            rule.reason,
            code=code or f"http.{answer.status}",
            retryable=rule.retryable,
            retry_after_s=retry_after,
            detail=f"{code}: {message}",
            provider_down=rule.provider_down,
        )

    def _refused(
        self, text: OutgoingText, reason: str, code: str, *, retryable: bool, provider_down: bool
    ) -> SendResult:
        result = SendResult.failed(
            self.name, reason, code=code, retryable=retryable, provider_down=provider_down
        )
        log_result(log, text, result)
        return result
