"""Tencent Cloud SMS ``SendSms`` (2021-01-11), signed with ``TC3-HMAC-SHA256``.

A JSON POST; the key is derived by an HMAC chain ``"TC3"+SecretKey`` -> date -> ``sms`` ->
``tc3_request``. The answer is 200 even when a number is refused: the verdict for the number is in
``Response.SendStatusSet[i].Code``, and request-level errors are in ``Response.Error``. Template
variables are positional (``{1}``, ``{2}``...), so the order of the station's named parameters is
a setting per template.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from stationapp.core import clock
from stationapp.core.secrets import TENCENT_SECRET_ID, TENCENT_SECRET_KEY, Secret, SecretStore
from stationapp.sms_providers import config, reasons
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult, log_result
from stationapp.sms_providers.transport import HttpClient, JsonAnswer

log = logging.getLogger(__name__)

ENDPOINT = "https://sms.tencentcloudapi.com"
SERVICE = "sms"
ACTION = "SendSms"
VERSION = "2021-01-11"
REGION = "ap-guangzhou"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass(frozen=True)
class TencentConfig:
    secret_id: Secret | None
    secret_key: Secret | None
    app_id: str = ""
    signature: str = ""
    templates: Mapping[str, str] = field(default_factory=dict, hash=False)
    params: Mapping[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    endpoint: str = ENDPOINT
    region: str = REGION
    timeout_s: float = 10.0

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any], secrets: SecretStore) -> TencentConfig:
        return cls(
            secret_id=secrets.get(TENCENT_SECRET_ID),
            secret_key=secrets.get(TENCENT_SECRET_KEY),
            app_id=config.text(settings, "sms.tencent.app_id"),
            signature=config.signature(settings),
            templates=config.per_template(settings, "sms.tencent.template."),
            params=config.name_lists(settings, "sms.tencent.params."),
            endpoint=config.text(settings, "sms.tencent.endpoint", ENDPOINT),
            region=config.text(settings, "sms.tencent.region", REGION),
            timeout_s=config.number(settings, "sms.timeout_s", 10.0),
        )


def _hmac(key: bytes, message: str) -> bytes:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()


def tc3_signature(
    secret_key: Secret, *, timestamp: int, service: str, canonical_request: str
) -> str:
    """Hex HMAC of the string to sign, with the key derived from the secret, date and service."""
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    string_to_sign = "\n".join(
        [
            ALGORITHM,
            str(timestamp),
            f"{date}/{service}/tc3_request",
            hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
        ]
    )
    key = _hmac(("TC3" + secret_key.reveal()).encode("utf-8"), date)
    key = _hmac(_hmac(key, service), "tc3_request")
    return hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def sign(
    *,
    host: str,
    payload: bytes,
    timestamp: int,
    secret_id: Secret,
    secret_key: Secret,
    action: str = ACTION,
) -> dict[str, str]:
    """The ``Authorization`` header of a JSON POST to ``/``; content-type, host, action signed."""
    signed = {"content-type": CONTENT_TYPE, "host": host, "x-tc-action": action}
    names = sorted(signed)
    canonical_headers = "".join(f"{name}:{signed[name].strip().lower()}\n" for name in names)
    signed_headers = ";".join(names)
    canonical_request = "\n".join(
        ["POST", "/", "", canonical_headers, signed_headers, hashlib.sha256(payload).hexdigest()]
    )
    signature = tc3_signature(
        secret_key, timestamp=timestamp, service=SERVICE, canonical_request=canonical_request
    )
    scope = f"{datetime.fromtimestamp(timestamp, UTC):%Y-%m-%d}/{SERVICE}/tc3_request"
    return {
        "Authorization": f"{ALGORITHM} Credential={secret_id.reveal()}/{scope}, "
        f"SignedHeaders={signed_headers}, Signature={signature}"
    }


def international(phone: str) -> str:
    """``+8613812345678``: Tencent wants E.164 numbers."""
    digits = phone.strip().replace(" ", "")
    if digits.startswith("+"):
        return digits
    if digits.startswith("0086"):
        return "+" + digits[2:]
    return "+86" + digits


@dataclass(frozen=True)
class _Rule:
    reason: str
    retryable: bool = False
    provider_down: bool = False
    wait: Callable[[datetime], float | None] = lambda now: None


_KEYS = _Rule(reasons.KEYS_WRONG, provider_down=True)
_TEMPLATE = _Rule(reasons.TEMPLATE_MISMATCH)
_TROUBLE = _Rule(reasons.SERVICE_TROUBLE, retryable=True)
_TOMORROW = _Rule(reasons.RATE_LIMITED, retryable=True, wait=config.seconds_until_tomorrow)

_RULES: dict[str, _Rule] = {
    "AuthFailure.SignatureFailure": _KEYS,
    "AuthFailure.SecretIdNotFound": _KEYS,
    "AuthFailure.InvalidSecretId": _KEYS,
    "AuthFailure.InvalidAuthorization": _KEYS,
    "AuthFailure.UnauthorizedOperation": _KEYS,
    "AuthFailure.SignatureExpire": _Rule(reasons.CLOCK_WRONG, retryable=True, provider_down=True),
    "LimitExceeded.PhoneNumberThirtySecondLimit": _Rule(
        reasons.RATE_LIMITED, retryable=True, wait=lambda now: 30.0
    ),
    "LimitExceeded.PhoneNumberOneHourLimit": _Rule(
        reasons.RATE_LIMITED, retryable=True, wait=lambda now: 3600.0
    ),
    "LimitExceeded.PhoneNumberDailyLimit": _TOMORROW,
    "LimitExceeded.PhoneNumberSameContentDailyLimit": _TOMORROW,
    "LimitExceeded.DailyLimit": _Rule(
        reasons.RATE_LIMITED,
        retryable=True,
        provider_down=True,
        wait=config.seconds_until_tomorrow,
    ),
    "InvalidParameterValue.IncorrectPhoneNumber": _Rule(reasons.NUMBER_REFUSED),
    "FailedOperation.PhoneNumberInBlacklist": _Rule(reasons.NUMBER_BLOCKED),
    "FailedOperation.InsufficientBalanceInSmsPackage": _Rule(
        reasons.BALANCE_EXHAUSTED, retryable=True, provider_down=True, wait=lambda now: 3600.0
    ),
    "FailedOperation.SignatureIncorrectOrUnapproved": _TEMPLATE,
    "FailedOperation.TemplateIncorrectOrUnapproved": _TEMPLATE,
    "FailedOperation.TemplateParamSetNotMatchApprovedTemplate": _TEMPLATE,
    "FailedOperation.MissingSignature": _TEMPLATE,
    "InvalidParameterValue.SdkAppIdNotExist": _TEMPLATE,
    "InvalidParameterValue.TemplateParameterFormatError": _TEMPLATE,
    "InvalidParameterValue.TemplateParameterLengthLimit": _Rule(reasons.PARAM_TOO_LONG),
    "FailedOperation.ContainSensitiveWord": _Rule(reasons.CONTENT_REFUSED),
}


def _rule(code: str) -> _Rule:
    rule = _RULES.get(code)
    if rule is not None:
        return rule
    if code.startswith(("InternalError", "RequestLimitExceeded", "ResourceUnavailable")):
        return _TROUBLE
    if code.startswith("LimitExceeded"):
        return _Rule(reasons.RATE_LIMITED, retryable=True, wait=lambda now: 3600.0)
    if code.startswith("AuthFailure"):
        return _KEYS
    return _Rule(reasons.CONTENT_REFUSED)


class TencentProvider:
    name = "tencent"

    def __init__(self, settings: TencentConfig, *, now: Callable[[], datetime] = clock.now) -> None:
        self.config = settings
        self._now = now
        self._http = HttpClient(self.name, settings.timeout_s)

    def __repr__(self) -> str:
        return f"TencentProvider(endpoint={self.config.endpoint!r}, keys=***)"

    def status(self) -> ProviderStatus:
        if not (self.config.secret_id and self.config.secret_key):
            return ProviderStatus.of(False, reasons.STATUS_KEYS_MISSING, service="Tencent Cloud")
        if not self.config.app_id:
            return ProviderStatus.of(False, reasons.STATUS_APP_ID_MISSING)
        if not self.config.signature:
            return ProviderStatus.of(False, reasons.STATUS_SIGNATURE_MISSING)
        return ProviderStatus.of(
            True, reasons.STATUS_TENCENT_READY, signature=self.config.signature
        )

    def send(self, text: OutgoingText) -> SendResult:
        secret_id, secret_key = self.config.secret_id, self.config.secret_key
        signature = text.signature or self.config.signature
        template_id = self.config.templates.get(text.template)
        if not (secret_id and secret_key and self.config.app_id):
            return self._refused(
                text, reasons.KEYS_MISSING, "keys.missing", retryable=True, provider_down=True
            )
        if not signature:
            return self._refused(
                text, reasons.SIGNATURE_MISSING, "no.signature", retryable=True, provider_down=True
            )
        if not template_id:
            return self._refused(
                text,
                reasons.TEMPLATE_NOT_SET,
                "template.not_set",
                retryable=False,
                provider_down=False,
            )
        if not secret_id.reveal().isascii():  # a key pasted with a stray full-width character
            return self._refused(
                text, reasons.KEYS_WRONG, "keys.not_ascii", retryable=False, provider_down=True
            )
        payload = json.dumps(
            {
                "PhoneNumberSet": [international(text.phone)],
                "SmsSdkAppId": self.config.app_id,
                "SignName": signature,
                "TemplateId": template_id,
                "TemplateParamSet": self.template_params(text),
                "SessionContext": text.text_id,
            },
            ensure_ascii=False,
        ).encode("utf-8")
        url = urlsplit(self.config.endpoint)
        host = url.netloc.lower()
        timestamp = int(self._now().timestamp())
        headers = {
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": ACTION,
            "X-TC-Version": VERSION,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": self.config.region,
            **sign(
                host=host,
                payload=payload,
                timestamp=timestamp,
                secret_id=secret_id,
                secret_key=secret_key,
            ),
        }
        answer = self._http.post(f"{url.scheme}://{url.netloc}/", headers=headers, body=payload)
        result = answer if isinstance(answer, SendResult) else self._read(answer)
        log_result(log, text, result)
        return result

    def template_params(self, text: OutgoingText) -> list[str]:
        """The values for ``{1}``, ``{2}``... in the order set for this template.

        Without a setting, the text's parameters in their own order, the station name left out
        (it is the signature).
        """
        names = self.config.params.get(text.template)
        if names:
            return [str(text.params.get(name, "")) for name in names]
        return [str(v) for k, v in text.params.items() if k != "station"]

    def _read(self, answer: JsonAnswer) -> SendResult:
        response = answer.body.get("Response")
        if not isinstance(response, dict):
            return SendResult.failed(
                self.name,
                reasons.SERVICE_TROUBLE,
                code=f"http.{answer.status}.no_response",
                retryable=True,
                detail=json.dumps(answer.body, ensure_ascii=False)[:200],
            )
        error = response.get("Error")
        if isinstance(error, dict):
            return self._failed(str(error.get("Code", "")), str(error.get("Message", "")))
        statuses = response.get("SendStatusSet") or [{}]
        verdict = statuses[0] if isinstance(statuses[0], dict) else {}
        code = str(verdict.get("Code", ""))
        if code == "Ok":
            return SendResult.sent(self.name, str(verdict.get("SerialNo", "")), code=code)
        return self._failed(code or "no_status", str(verdict.get("Message", "")))

    def _failed(self, code: str, message: str) -> SendResult:
        rule = _rule(code)
        return SendResult.failed(
            self.name,
            rule.reason,
            code=code,
            retryable=rule.retryable,
            retry_after_s=rule.wait(self._now()),
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
