"""The provider a station's settings choose, with its keys from the data folder's secrets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from stationapp.core.secrets import SecretStore
from stationapp.core.sms.settings import provider_config
from stationapp.sms_providers import Provider, make_provider


def station_provider(settings: dict[str, Any], data_dir: Path) -> Provider:
    """``settings`` is ``st.settings.all()`` (read on the database worker); building the
    provider touches no database, so it can then be used on the network worker."""
    return make_provider(provider_config(settings), SecretStore(data_dir), data_dir)
