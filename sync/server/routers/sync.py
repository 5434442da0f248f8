"""/api/v1/sync/*: a station's head, push, its own events (restore) and the feed."""

from __future__ import annotations

import gzip
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from sync import protocol
from sync.protocol import (
    ErrorBody,
    EventsResponse,
    FeedResponse,
    HeadResponse,
    PushRequest,
    PushResponse,
)
from sync.server import feed as feed_log
from sync.server import ingest, station_heads
from sync.server.deps import CurrentStation, StorageDep
from sync.server.errors import SyncError

router = APIRouter(
    prefix=f"{protocol.API_PREFIX}/sync",
    tags=["sync"],
    responses={401: {"model": ErrorBody}, 426: {"model": ErrorBody}},
)

Limit = Annotated[int, Query(ge=1, le=protocol.MAX_PAGE)]
GZIP_FROM_BYTES = 1400  # smaller answers fit one packet anyway
GZIP_LEVEL = 6


@router.get("/head", response_model=HeadResponse)
def head(station: CurrentStation, storage: StorageDep) -> HeadResponse:
    head_seq, head_hash = ingest.read_head(storage, station.id)
    return HeadResponse(station_id=station.id, head_seq=head_seq, head_hash=head_hash)


@router.post(
    "/push",
    response_model=PushResponse,
    responses={
        400: {"model": ErrorBody},
        403: {"model": ErrorBody},
        409: {"model": ErrorBody},
        413: {"model": ErrorBody},
        422: {"model": ErrorBody},
    },
)
def push(
    request: PushRequest,
    station: CurrentStation,
    storage: StorageDep,
    station_head: Annotated[
        str | None,
        Header(
            alias=protocol.STATION_HEAD_HEADER,
            description="The station's own last seq (how many records still wait there)",
        ),
    ] = None,
) -> PushResponse:
    if request.station_id != station.id:
        raise SyncError(
            protocol.FORBIDDEN,
            f"This token belongs to station {station.id}, not {request.station_id}.",
        )
    reported = station_heads.parse_head(station_head)
    return ingest.push(storage, station.id, request.events, station_head=reported)


@router.get("/events", response_model=EventsResponse)
def events(
    request: Request,
    station: CurrentStation,
    storage: StorageDep,
    after_seq: Annotated[int, Query(ge=0, le=protocol.MAX_SEQ)] = 0,
    limit: Limit = protocol.DEFAULT_PAGE,
) -> Response:
    """An EventsResponse, written from the stored rows (each payload exactly as stored) and
    gzip'd when the station accepts it."""
    body = ingest.station_events_json(storage, station.id, after_seq=after_seq, limit=limit)
    return _json_answer(request, body)


@router.get("/feed", response_model=FeedResponse, responses={400: {"model": ErrorBody}})
def feed(
    request: Request,
    station: CurrentStation,
    storage: StorageDep,
    after: Annotated[str, Query(max_length=40)] = "",
    limit: Limit = protocol.DEFAULT_PAGE,
) -> Response:
    """A FeedResponse, written from the stored JSON and gzip'd when the station accepts it (a
    fresh station downloads the whole registry)."""
    with storage.engine.connect() as conn:
        page = feed_log.read_page(
            conn, feed_log.scopes_of(station.id, station.township), after=after, limit=limit
        )
    return _json_answer(request, page.to_json())


def _json_answer(request: Request, body: bytes) -> Response:
    accepts = request.headers.get("accept-encoding", "")
    if len(body) >= GZIP_FROM_BYTES and "gzip" in accepts.lower():
        return Response(
            gzip.compress(body, GZIP_LEVEL),
            media_type="application/json",
            headers={"Content-Encoding": "gzip", "Vary": "Accept-Encoding"},
        )
    return Response(body, media_type="application/json", headers={"Vary": "Accept-Encoding"})
