"""The routes' dependencies as named Annotated aliases."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from sync import protocol
from sync.server.errors import SyncError
from sync.server.settings import Settings, get_settings
from sync.server.stations import StationRecord, station_for_token
from sync.server.storage import Storage

SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


StorageDep = Annotated[Storage, Depends(get_storage)]


def current_station(
    storage: StorageDep,
    settings: SettingsDep,
    authorization: Annotated[str | None, Header()] = None,
) -> StationRecord:
    """The station the Bearer token belongs to; 401 for none or an unknown one."""
    scheme, _, token = (authorization or "").partition(" ")
    station = None
    if scheme.lower() == "bearer":
        station = station_for_token(storage, settings.token_secret, token.strip())
    if station is None:
        raise SyncError(
            protocol.UNAUTHORIZED,
            "The station's token is missing or no longer valid. Enrol the station again with "
            "a new code from the county center.",
        )
    return station


CurrentStation = Annotated[StationRecord, Depends(current_station)]
