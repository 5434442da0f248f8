"""A fake Tencent Cloud SMS (SendSms 2021-01-11) on loopback, checking requests as Tencent does.

It recomputes the ``TC3-HMAC-SHA256`` signature with its own key chain from the raw request,
refuses stale timestamps, checks the SmsSdkAppId, signature, template and the number of template
parameters, applies the per-number limits (one text of the same content per 30 s, ten a day) and
the package balance, and answers as Tencent does: always HTTP 200, request-level errors in
``Response.Error``, and the verdict for each number in ``Response.SendStatusSet[i].Code``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from tests.fakes.http_service import FakeHttpService, Request

AUTHORIZATION = re.compile(
    r"^TC3-HMAC-SHA256 Credential=(?P<id>[^/]+)/(?P<date>\d{4}-\d{2}-\d{2})/(?P<service>[^/]+)"
    r"/tc3_request,\s*SignedHeaders=(?P<signed>[^,]+),\s*Signature=(?P<signature>[0-9a-f]{64})$"
)
MOBILE = re.compile(r"^\+861[3-9]\d{9}$")
BEIJING = timezone(timedelta(hours=8))
THIRTY_SECONDS = 30
DAILY_LIMIT = 10
PARAM_LIMIT = 12  # characters in one template variable (notification templates)


@dataclass(frozen=True)
class Delivered:
    phone: str
    text: str
    sign_name: str
    template_id: str
    params: list[str]
    session_context: str
    serial_no: str


class FakeTencent(FakeHttpService):
    def __init__(
        self,
        *,
        secrets: dict[str, str],
        app_id: str = "1400000001",
        sign_names: tuple[str, ...] = ("芒艾村服务站",),
        templates: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.secrets = dict(secrets)
        self.app_id = app_id
        self.sign_names = set(sign_names)
        self.templates = dict(templates or {})  # id -> content with {1}, {2}...
        self.balance: int | None = None
        self.blacklist: set[str] = set()
        self.delivered: list[Delivered] = []
        self._history: dict[str, list[tuple[float, str]]] = defaultdict(list)

    # --- the service ---------------------------------------------------------------------------
    def answer(self, request: Request) -> tuple[int, dict[str, Any]]:
        refused = self._check_request(request)
        if refused is not None:
            return self._error(*refused)
        try:
            body = json.loads(request.body.decode("utf-8"))
        except ValueError:
            return self._error("InvalidParameter", "The request body is not valid JSON.")
        for name in ("PhoneNumberSet", "SmsSdkAppId", "TemplateId"):
            if not body.get(name):
                return self._error(
                    "MissingParameter", f"The request is missing parameter `{name}`."
                )
        if body["SmsSdkAppId"] != self.app_id:
            return self._error("InvalidParameterValue.SdkAppIdNotExist", "SdkAppId不存在。")
        if body.get("SignName") not in self.sign_names:
            return self._error(
                "FailedOperation.SignatureIncorrectOrUnapproved", "签名未审批或格式错误。"
            )
        template = self.templates.get(str(body["TemplateId"]))
        if template is None:
            return self._error(
                "FailedOperation.TemplateIncorrectOrUnapproved", "模版未审批或内容不合法。"
            )
        params = body.get("TemplateParamSet") or []
        wanted = len(set(re.findall(r"\{(\d+)\}", template)))
        if (
            not isinstance(params, list)
            or len(params) != wanted
            or not all(isinstance(p, str) for p in params)
        ):
            return self._error(
                "FailedOperation.TemplateParamSetNotMatchApprovedTemplate",
                "请求内容与审核通过的模版内容不匹配。",
            )
        if any(len(p) > PARAM_LIMIT for p in params):
            return self._error(
                "InvalidParameterValue.TemplateParameterLengthLimit", "单个模板变量字符数超过12个。"
            )
        text = f"【{body['SignName']}】" + re.sub(
            r"\{(\d+)\}", lambda m: params[int(m.group(1)) - 1], template
        )
        statuses = [self._send_one(str(p), text, body, params) for p in body["PhoneNumberSet"]]
        return 200, {"Response": {"SendStatusSet": statuses, "RequestId": str(uuid.uuid4())}}

    def _check_request(self, request: Request) -> tuple[str, str] | None:
        headers = request.headers
        match = AUTHORIZATION.match(headers.get("authorization", ""))
        if match is None:
            return "AuthFailure.InvalidAuthorization", "Authorization is invalid."
        secret = self.secrets.get(match["id"])
        if secret is None:
            return (
                "AuthFailure.SecretIdNotFound",
                "The SecretId is not found, please ensure that your SecretId is correct.",
            )
        try:
            timestamp = int(headers.get("x-tc-timestamp", ""))
        except ValueError:
            return "MissingParameter", "The request is missing the X-TC-Timestamp header."
        if abs(timestamp - self.clock()) > 300:
            return (
                "AuthFailure.SignatureExpire",
                f"Signature expired. Timestamp is {timestamp}, server current time is "
                f"{int(self.clock())} and the tolerance is 300s.",
            )
        signed = match["signed"].split(";")
        date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
        canonical_request = "\n".join(
            [
                request.method,
                request.path.partition("?")[0],
                request.path.partition("?")[2],
                "".join(f"{n}:{headers.get(n, '').strip().lower()}\n" for n in signed),
                ";".join(signed),
                hashlib.sha256(request.body).hexdigest(),
            ]
        )
        string_to_sign = "\n".join(
            [
                "TC3-HMAC-SHA256",
                str(timestamp),
                f"{match['date']}/{match['service']}/tc3_request",
                hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
            ]
        )
        key = ("TC3" + secret).encode("utf-8")
        for part in (match["date"], "sms", "tc3_request"):
            key = hmac.new(key, part.encode("utf-8"), hashlib.sha256).digest()
        expected = hmac.new(key, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
        if (
            not {"content-type", "host"} <= set(signed)
            or match["service"] != "sms"
            or match["date"] != date
            or not hmac.compare_digest(expected, match["signature"])
        ):
            return (
                "AuthFailure.SignatureFailure",
                "The provided credentials could not be validated. "
                "Please check your signature is correct.",
            )
        if headers.get("x-tc-action") != "SendSms":
            return "InvalidAction", f"The action `{headers.get('x-tc-action')}` is invalid."
        if headers.get("x-tc-version") != "2021-01-11":
            return "NoSuchVersion", "The requested version does not exist."
        if not headers.get("x-tc-region"):
            return "MissingParameter", "The request is missing the X-TC-Region header."
        if not headers.get("content-type", "").startswith("application/json"):
            return "InvalidParameter", "Content-Type must be application/json."
        return None

    def _send_one(
        self, phone: str, text: str, body: dict[str, Any], params: list[str]
    ) -> dict[str, Any]:
        verdict = {
            "SerialNo": "",
            "PhoneNumber": phone,
            "Fee": 0,
            "SessionContext": body.get("SessionContext", ""),
            "IsoCode": "CN",
        }
        now = self.clock()
        today = datetime.fromtimestamp(now, BEIJING).date()
        history = self._history[phone]
        sent_today = [t for t, _ in history if datetime.fromtimestamp(t, BEIJING).date() == today]
        if not MOBILE.match(phone):
            code, message = "InvalidParameterValue.IncorrectPhoneNumber", "手机号格式错误。"
            verdict["IsoCode"] = ""
        elif phone in self.blacklist:
            code, message = "FailedOperation.PhoneNumberInBlacklist", "手机号在免打扰名单库中。"
        elif any(now - t < THIRTY_SECONDS and same == text for t, same in history):
            code, message = (
                "LimitExceeded.PhoneNumberThirtySecondLimit",
                "单个手机号30秒内下发短信条数超过设定的上限。",
            )
        elif len(sent_today) >= DAILY_LIMIT:
            code, message = (
                "LimitExceeded.PhoneNumberDailyLimit",
                "单个手机号日下发短信条数超过设定的上限。",
            )
        elif self.balance is not None and self.balance <= 0:
            code, message = "FailedOperation.InsufficientBalanceInSmsPackage", "套餐包余量不足。"
        else:
            code, message = "Ok", "send success"
            fee = 1 if len(text) <= 70 else -(-len(text) // 67)
            if self.balance is not None:
                self.balance -= fee
            history.append((now, text))
            serial = f"3369:{104000000000000000 + len(self.delivered)}"
            verdict.update(SerialNo=serial, Fee=fee)
            self.delivered.append(
                Delivered(
                    phone=phone,
                    text=text,
                    sign_name=body["SignName"],
                    template_id=str(body["TemplateId"]),
                    params=list(params),
                    session_context=body.get("SessionContext", ""),
                    serial_no=serial,
                )
            )
        verdict.update(Code=code, Message=message)
        return verdict

    @staticmethod
    def _error(code: str, message: str) -> tuple[int, dict[str, Any]]:
        return 200, {
            "Response": {
                "Error": {"Code": code, "Message": message},
                "RequestId": str(uuid.uuid4()),
            }
        }
