"""Which SMS service the county's relay sends through, and with what settings.

The same provider code as the stations (``stationapp.sms_providers``: file, aliyun, tencent, modem),
read from the same flat keys (``sms.provider``, ``sms.signature``, ``sms.aliyun.template.<t>``...;
see ``stationapp/sms_providers/__init__.py``). The keys that are not secret live in
``sms-relay.json`` in the county's data folder (written by ``county-center sms-provider``); the
access keys live in the folder's ``secrets.json`` (``stationapp.core.secrets.SecretStore``, mode
0600), never in the database or a command line. A template without a code in the file takes the
provider code the county's SMS templates carry (``county-center set-sms-template --provider-code``).

``sms.signature`` is the county's approved signature (Aliyun and Tencent need one): it signs every
relayed text, unless ``sms.relay.station_signatures`` is true, when each text keeps its own
station's signature (each must then be approved on the county's account too) and the county's signs
only a text that has none.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from stationapp.core.secrets import SecretStore
from stationapp.sms_providers import Provider, make_provider
from sync.server.settings import Settings
from sync.server.storage import Storage

CONFIG_FILE = "sms-relay.json"
RELAY_PROVIDERS = ("file", "aliyun", "tencent", "modem")  # not "county": it is the county


class RelayConfigError(Exception):
    """The relay's settings cannot be used; the text says what to do."""


def config_path(data_dir: Path) -> Path:
    return Path(data_dir) / CONFIG_FILE


def read_config(data_dir: Path) -> dict[str, Any]:
    """The flat ``sms.*`` keys of the file; ``{"sms.provider": "file"}`` before it exists."""
    path = config_path(data_dir)
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"sms.provider": "file"}
    except ValueError as error:
        raise RelayConfigError(
            f"{path} is not valid JSON ({error}). Write it again with county-center sms-provider."
        ) from error
    if not isinstance(values, dict):
        raise RelayConfigError(f"{path} holds no settings. Write it again with sms-provider.")
    return {str(k): v for k, v in values.items() if str(k).startswith("sms.")}


def write_config(data_dir: Path, values: dict[str, Any]) -> Path:
    """Replace the file with ``values`` (flat ``sms.*`` keys), atomically."""
    name = str(values.get("sms.provider") or "")
    if name not in RELAY_PROVIDERS:
        raise RelayConfigError(
            f"The county relays through one of: {', '.join(RELAY_PROVIDERS)}; not {name!r}."
        )
    path = config_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(CONFIG_FILE + ".tmp")
    temporary.write_text(
        json.dumps(values, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    os.replace(temporary, path)
    return path


def _template_codes(storage: Storage | None, name: str) -> dict[str, str]:
    """``sms.<name>.template.<t>`` from the provider codes of the county's SMS templates."""
    if storage is None or name not in ("aliyun", "tencent"):
        return {}
    from sync.server.reference.sms_templates import list_sms_templates

    return {
        f"sms.{name}.template.{template.name}": template.provider_code
        for template in list_sms_templates(storage)
        if template.provider_code
    }


def relay_settings(settings: Settings, storage: Storage | None = None) -> dict[str, Any]:
    """The keys the provider reads: the file's, over the templates' provider codes."""
    values = read_config(settings.data_dir)
    name = str(values.get("sms.provider") or "file")
    if name not in RELAY_PROVIDERS:
        raise RelayConfigError(
            f"{config_path(settings.data_dir)} names the SMS service {name!r}; the county relays "
            f"through one of: {', '.join(RELAY_PROVIDERS)}. Set it with county-center "
            "sms-provider --name."
        )
    return {**_template_codes(storage, name), **values}


def relay_provider(settings: Settings, storage: Storage | None = None) -> Provider:
    """The provider the county's settings choose, with its keys from the data folder."""
    values = relay_settings(settings, storage)
    return make_provider(values, SecretStore(settings.data_dir), settings.data_dir)


STATION_SIGNATURES = "sms.relay.station_signatures"


def keeps_station_signatures(settings: Settings) -> bool:
    """Whether relayed texts keep their station's signature (else the county's signs them)."""
    return read_config(settings.data_dir).get(STATION_SIGNATURES) is True


def settings_stamp(settings: Settings) -> tuple[int | None, int | None]:
    """Changes when the file or the keys change: the worker builds its provider again then."""
    stamps = []
    for path in (config_path(settings.data_dir), SecretStore(settings.data_dir).path):
        try:
            stamps.append(path.stat().st_mtime_ns)
        except OSError:
            stamps.append(None)
    return stamps[0], stamps[1]
