"""What the SMS settings do off the GUI thread: save and load them and the keys on the database
thread, queue a test text, and check on a network thread of its own whether the chosen way can
send now (a modem can take seconds to answer)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from stationapp.core import Event, Station, ids
from stationapp.core.errors import StateError, UserError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.phone import mask_phone, normalize_mobile
from stationapp.core.sms.settings import provider_config
from stationapp.sms_providers import ProviderStatus, Secret, SecretStore, make_provider, reasons

log = logging.getLogger(__name__)

TEST_TEMPLATE = "sms_test"


def save_sms_settings(
    station: Station, changes: dict[str, Any], typed: Mapping[str, Secret]
) -> tuple[list[Event], dict[str, Any], list[str]]:
    """Database thread: the settings (all or nothing), then the keys typed; what is saved now."""
    station.session.require_manager()
    events = station.settings.set_many(changes) if changes else []
    store = SecretStore(station.data_dir)
    for name, value in typed.items():
        store.set(name, value)
    return events, station.settings.all(), store.names()


def load_sms_settings(station: Station) -> tuple[dict[str, Any], list[str]]:
    """Database thread: the settings, and the names (never the values) of the keys saved."""
    return station.settings.all(), SecretStore(station.data_dir).names()


def queue_test_text(station: Station, phone: str) -> Event:
    """Database thread: a ``sms_test`` text in the outbox, sent like any other."""
    number = normalize_mobile(phone)
    operator = station.session.require_operator()
    with station.log.batch() as batch:
        event = station.sms.queue_text(
            batch,
            purpose=TEST_TEMPLATE,
            entity_key=ids.uuid7(),  # every test is a text of its own
            phone=number,
            template=TEST_TEMPLATE,
            params={},
            operator=operator.id,
        )
    if event is None:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The number {number} is on the do-not-text list, so no test text was queued. "
                "Type another number, or take it off the list first.",
            ),
            number=mask_phone(number),
        )
    return event


class _TypedKeys:
    """The keys as the check sees them: the ones typed in the form, else the saved ones."""

    def __init__(self, store: SecretStore, typed: Mapping[str, Secret]) -> None:
        self.data_dir = store.data_dir
        self._store = store
        self._typed = typed

    def get(self, name: str) -> Secret | None:
        return self._typed.get(name) or self._store.get(name)


def check_provider(
    values: dict[str, Any], typed: Mapping[str, Secret], data_dir: Path
) -> ProviderStatus:
    """Network thread: whether the way shown in the form can send now (nothing is sent)."""
    secrets = _TypedKeys(SecretStore(data_dir), typed)
    try:
        provider = make_provider(provider_config(values), secrets, data_dir)  # type: ignore[arg-type]
    except UserError as error:
        return ProviderStatus(ok=False, detail=str(error))
    try:
        return provider.status()
    except Exception as error:  # a provider must not raise; the type only, never its words
        log.error("the SMS provider %s failed to tell its status: %s", provider.name,
                  type(error).__name__)  # fmt: skip
        return ProviderStatus.of(False, reasons.SERVICE_TROUBLE)


def serial_ports() -> list[tuple[str, str]]:
    """Network thread: (device, description) of the serial ports this computer has now."""
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    return [(port.device, port.description or "") for port in sorted(list_ports.comports())]
