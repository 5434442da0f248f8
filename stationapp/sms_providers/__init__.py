"""SMS providers: the one small interface the outbox sends through (DESIGN §7).

No Qt here. Each provider turns an :class:`OutgoingText` into a :class:`SendResult` and never
raises for a refusal; ``status()`` says whether it can send now. Heavy imports (``requests``,
``pyserial``) wait for the first text.

Settings read by :func:`make_provider` (flat keys; ``<t>`` is a station template name such as
``parcel_arrival``):

==========================  ===================================  ================================
key                         default                              meaning
==========================  ===================================  ================================
sms.provider                file                                 file | aliyun | tencent | modem
                                                                 | county
sms.signature               (empty: station.name)                approved signature without 【】,
                                                                 e.g. 芒艾村服务站; a text's own
                                                                 signature wins
sms.timeout_s               10                                   seconds to wait for a service
sms.aliyun.endpoint         https://dysmsapi.aliyuncs.com        where SendSms is posted
sms.aliyun.template.<t>     (empty)                              Aliyun TemplateCode, e.g. SMS_123
sms.aliyun.params.<t>       (empty: all parameters but station)  names to send, e.g.
                                                                 carrier,tail,codes,deadline
sms.tencent.endpoint        https://sms.tencentcloudapi.com      where SendSms is posted
sms.tencent.region          ap-guangzhou                         X-TC-Region
sms.tencent.app_id          (empty)                              SmsSdkAppId (not a secret)
sms.tencent.template.<t>    (empty)                              Tencent TemplateId, e.g. 1234567
sms.tencent.params.<t>      (empty: the text's own order         names for {1},{2}... in order,
                            without station)                     e.g. carrier,tail,codes,deadline
sms.modem.port              (empty)                              COM3, /dev/ttyUSB0 or a pyserial
                                                                 URL
sms.modem.baud              115200                               serial speed
sms.modem.smsc              (empty: the SIM's own)               service centre number
sms.modem.timeout_s         30                                   seconds a part may take to go out
==========================  ===================================  ================================

Keys are not settings: they live in ``data_dir/secrets.json`` (:class:`SecretStore`) under
``sms.aliyun.access_key_id``, ``sms.aliyun.access_key_secret``, ``sms.tencent.secret_id`` and
``sms.tencent.secret_key``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stationapp.core.errors import ValidationError
from stationapp.core.secrets import Secret, SecretStore
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import (
    OutgoingText,
    Provider,
    ProviderStatus,
    SendResult,
)

PROVIDERS = ("file", "aliyun", "tencent", "modem", "county")

__all__ = [
    "PROVIDERS",
    "OutgoingText",
    "Provider",
    "ProviderStatus",
    "Secret",
    "SecretStore",
    "SendResult",
    "make_provider",
]


def make_provider(
    config: Mapping[str, Any], secrets: SecretStore, data_dir: Path | None = None
) -> Provider:
    """The provider the settings choose; ``data_dir`` (default: the secrets' folder) holds the
    file provider's ``sms-outbox.txt``. Raises ValidationError for an unknown provider name."""
    name = str(config.get("sms.provider") or "file").strip().lower()
    if name == "file":
        from stationapp.sms_providers.filelog import FileProvider

        return FileProvider(data_dir or secrets.data_dir)
    if name == "aliyun":
        from stationapp.sms_providers.aliyun import AliyunConfig, AliyunProvider

        return AliyunProvider(AliyunConfig.from_settings(config, secrets))
    if name == "tencent":
        from stationapp.sms_providers.tencent import TencentConfig, TencentProvider

        return TencentProvider(TencentConfig.from_settings(config, secrets))
    if name == "modem":
        from stationapp.sms_providers.modem import ModemConfig, ModemProvider

        return ModemProvider(ModemConfig.from_settings(config))
    if name == "county":
        from stationapp.sms_providers.county import CountyRelayProvider

        return CountyRelayProvider(secrets)  # joined once the county's token is kept
    raise ValidationError(reasons.UNKNOWN_PROVIDER, name=name)
