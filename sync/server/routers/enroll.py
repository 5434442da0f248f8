"""POST /api/v1/enroll: a station trades its one-time code for a token."""

from __future__ import annotations

from fastapi import APIRouter

from sync import protocol
from sync.protocol import EnrollRequest, EnrollResponse, ErrorBody
from sync.server import stations
from sync.server.deps import SettingsDep, StorageDep

router = APIRouter(prefix=protocol.API_PREFIX, tags=["enroll"])


@router.post(
    "/enroll",
    response_model=EnrollResponse,
    responses={404: {"model": ErrorBody}, 410: {"model": ErrorBody}},
)
def enroll(request: EnrollRequest, storage: StorageDep, settings: SettingsDep) -> EnrollResponse:
    station, token = stations.enroll(
        storage,
        settings.token_secret,
        code=request.code,
        device_name=request.device_name,
        app_version=request.app_version,
    )
    return EnrollResponse(
        station_id=station.id,
        station_name=station.name,
        township=station.township,
        village=station.village,
        token=token,
    )
