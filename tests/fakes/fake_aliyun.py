"""A fake Aliyun SMS (dysmsapi 2017-05-25) on loopback that checks requests as the service does.

It recomputes the V3 ``ACS3-HMAC-SHA256`` signature from the raw request (its own
canonicalisation, not the client's), refuses stale dates and reused nonces, checks the SendSms
parameters against the signatures and templates "approved" on the account, applies the per-number
flow control and the balance, and answers with Aliyun's own JSON forms: ``{"Code": "OK", "BizId":
...}`` or ``{"Code": "isv....", "Message": ...}`` with 200, and top-level errors
(``SignatureDoesNotMatch``...) with 4xx.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote

from tests.fakes.http_service import FakeHttpService, Request

UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
AUTHORIZATION = re.compile(
    r"^ACS3-HMAC-SHA256 Credential=(?P<key>[^,]+),SignedHeaders=(?P<signed>[^,]+),"
    r"Signature=(?P<signature>[0-9a-f]{64})$"
)
MUST_SIGN = {
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
}
MOBILE = re.compile(r"^(?:\+?86|0086)?1[3-9]\d{9}$")
VARIABLE = re.compile(r"\$\{(\w+)\}")
# Aliyun's default flow control per number: 1 a minute, 5 an hour, 10 a day
FLOW_CONTROL = (
    (60, 1, "触发分钟级流控Permits:1"),
    (3600, 5, "触发小时级流控Permits:5"),
    (86400, 10, "触发天级流控Permits:10"),
)
PARAM_LIMIT = 35


@dataclass(frozen=True)
class Delivered:
    phone: str
    text: str
    sign_name: str
    template_code: str
    params: dict[str, str]
    out_id: str
    biz_id: str


def percent_encode(text: str) -> str:
    return "".join(chr(b) if b in UNRESERVED else f"%{b:02X}" for b in text.encode("utf-8"))


class FakeAliyun(FakeHttpService):
    def __init__(
        self,
        *,
        access_keys: dict[str, str],
        sign_names: tuple[str, ...] = ("芒艾村服务站",),
        templates: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.access_keys = dict(access_keys)
        self.sign_names = set(sign_names)
        self.templates = dict(templates or {})
        self.balance: int | None = None  # texts the account can still pay for; None: plenty
        # numbers whose owner unsubscribed: refused with a message that echoes the number whole,
        # as the service's own messages do ("手机号码…已退订"); logs must mask it
        self.unsubscribed: set[str] = set()
        self.delivered: list[Delivered] = []
        self._nonces: set[str] = set()
        self._sent_at: dict[str, list[float]] = defaultdict(list)

    # --- the service ---------------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        refused = self._check_signature(request)
        if refused is not None:
            return refused
        headers = request.headers
        if headers.get("x-acs-action") != "SendSms":
            return self._error(404, "InvalidAction.NotFound", "Specified api is not found.")
        if headers.get("x-acs-version") != "2017-05-25":
            return self._error(400, "InvalidVersion", "Specified parameter Version is not valid.")
        query = dict(self._query(request))
        for name in ("PhoneNumbers", "SignName", "TemplateCode"):
            if not query.get(name):
                return self._error(400, f"Missing{name}", f"{name} is mandatory for this action.")
        return self._send(query)

    def _check_signature(self, request: Request) -> tuple[int, dict[str, Any]] | None:
        match = AUTHORIZATION.match(request.headers.get("authorization", ""))
        if match is None:
            return self._error(
                400, "IncompleteSignature", "The request signature does not conform to standards."
            )
        secret = self.access_keys.get(match["key"])
        if secret is None:
            return self._error(
                404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."
            )
        signed = match["signed"].split(";")
        if not set(signed) >= MUST_SIGN or signed != sorted(signed):
            return self._error(
                400, "IncompleteSignature", "The request signature does not conform to standards."
            )
        body_hash = hashlib.sha256(request.body).hexdigest()
        path, _, _ = request.path.partition("?")
        canonical_query = "&".join(
            f"{k}={v}"
            for k, v in sorted(
                (percent_encode(k), percent_encode(v)) for k, v in self._query(request)
            )
        )
        canonical_headers = "".join(
            f"{name}:{request.headers.get(name, '').strip()}\n" for name in signed
        )
        canonical_request = "\n".join(
            [request.method, path, canonical_query, canonical_headers, ";".join(signed), body_hash]
        )
        string_to_sign = (
            "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
        )
        expected = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).hexdigest()
        if (
            not hmac.compare_digest(expected, match["signature"])
            or request.headers.get("x-acs-content-sha256") != body_hash
        ):
            return self._error(
                400,
                "SignatureDoesNotMatch",
                "Specified signature does not match our calculation. "
                f"The string to sign is: {string_to_sign}",
            )
        try:
            sent_at = datetime.strptime(request.headers["x-acs-date"], "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return self._error(400, "InvalidTimeStamp.Format", "Specified time stamp is invalid.")
        if abs(sent_at.replace(tzinfo=UTC).timestamp() - self.clock()) > 900:
            return self._error(
                400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired."
            )
        nonce = request.headers["x-acs-signature-nonce"]
        if nonce in self._nonces:
            return self._error(
                400, "SignatureNonceUsed", "Specified signature nonce was used already."
            )
        self._nonces.add(nonce)
        return None

    def _send(self, query: dict[str, str]) -> tuple[int, dict[str, Any]]:
        phone = query["PhoneNumbers"]
        if query["SignName"] not in self.sign_names:
            return self._refusal("isv.SMS_SIGNATURE_ILLEGAL", "该账号下找不到对应签名")
        template = self.templates.get(query["TemplateCode"])
        if template is None:
            return self._refusal("isv.SMS_TEMPLATE_ILLEGAL", "该账号下找不到对应模板")
        try:
            params = json.loads(query.get("TemplateParam") or "{}")
        except ValueError:
            params = None
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            return self._refusal("isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值")
        if any(name not in params for name in VARIABLE.findall(template)):
            return self._refusal("isv.TEMPLATE_MISSING_PARAMETERS", "模板变量缺少对应参数值")
        if any(len(value) > PARAM_LIMIT for value in params.values()):
            return self._refusal("isv.PARAM_LENGTH_LIMIT", "参数超出长度限制")
        if not MOBILE.match(phone):
            return self._refusal("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
        if phone in self.unsubscribed:
            return self._refusal(
                "isv.BLACK_KEY_CONTROL_LIMIT", f"手机号码{phone}已退订，黑名单管控（+86 {phone}）"
            )
        now = self.clock()
        for seconds, permits, message in FLOW_CONTROL:
            if sum(1 for t in self._sent_at[phone] if now - t < seconds) >= permits:
                return self._refusal("isv.BUSINESS_LIMIT_CONTROL", message)
        if self.balance is not None and self.balance <= 0:
            return self._refusal("isv.AMOUNT_NOT_ENOUGH", "账户余额不足")
        if self.balance is not None:
            self.balance -= 1
        self._sent_at[phone].append(now)
        biz_id = f"{900619746936498 + len(self.delivered)}^0"
        body = VARIABLE.sub(lambda m: params[m.group(1)], template)
        self.delivered.append(
            Delivered(
                phone=phone,
                text=f"【{query['SignName']}】{body}",
                sign_name=query["SignName"],
                template_code=query["TemplateCode"],
                params=params,
                out_id=query.get("OutId", ""),
                biz_id=biz_id,
            )
        )
        return 200, {
            "Message": "OK",
            "RequestId": self._request_id(),
            "BizId": biz_id,
            "Code": "OK",
        }

    # --- answers -------------------------------------------------------------------------------
    @staticmethod
    def _query(request: Request) -> list[tuple[str, str]]:
        _, _, raw = request.path.partition("?")
        pairs = []
        for item in raw.split("&"):
            if item:
                name, _, value = item.partition("=")
                pairs.append((unquote(name), unquote(value)))
        return pairs

    @staticmethod
    def _request_id() -> str:
        return str(uuid.uuid4()).upper()

    def _refusal(self, code: str, message: str) -> tuple[int, dict[str, Any]]:
        return 200, {"Message": message, "RequestId": self._request_id(), "Code": code}

    def _error(self, status: int, code: str, message: str) -> tuple[int, dict[str, Any]]:
        return status, {
            "RequestId": self._request_id(),
            "HostId": "dysmsapi.aliyuncs.com",
            "Code": code,
            "Message": message,
            "Recommend": f"https://api.aliyun.com/troubleshoot?q={code}&product=Dysmsapi",
        }
