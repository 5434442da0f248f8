"""The sync protocol between a station and the county center (DESIGN §5), in one place.

Every payload as a pydantic model, the error codes, the paths and the protocol version. Shared
by the station's client and the county's server; it imports no web framework and no Qt.
"""

from __future__ import annotations

import functools
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    model_validator,
)

from stationapp.core.event_record import (
    Event,
    PayloadError,
    canonical_payload,
    event_hash_of,
)
from stationapp.core.event_store import GENESIS_HASH

# --- versions --------------------------------------------------------------------------------
# Every protocol version with what changed. The server accepts the versions in
# SUPPORTED_VERSIONS and answers an older client 426 update_required.
#   1  first version: enroll, sync/head, sync/push, sync/feed, sync/events (DESIGN §5).
PROTOCOL_VERSION = 1
SUPPORTED_VERSIONS: tuple[int, ...] = (1,)
VERSION_HEADER = "X-Protocol-Version"
# clocks (DESIGN §5), optional on both sides: the station's wall time when it sent the call, and
# the county's when the call arrived (ISO 8601 with offset); their difference is the station's
# clock skew, the same number at both ends. More than MAX_CLOCK_SKEW_S off is flagged.
STATION_TIME_HEADER = "X-Station-Time"
# a push says how far the station's own log goes (its last seq), so the county knows how many
# records still wait there; optional: an older station does not send it
STATION_HEAD_HEADER = "X-Station-Head"
COUNTY_TIME_HEADER = "X-County-Time"
MAX_CLOCK_SKEW_S = 5 * 60

API_PREFIX = "/api/v1"
ENROLL_PATH = f"{API_PREFIX}/enroll"
HEAD_PATH = f"{API_PREFIX}/sync/head"
PUSH_PATH = f"{API_PREFIX}/sync/push"
FEED_PATH = f"{API_PREFIX}/sync/feed"
EVENTS_PATH = f"{API_PREFIX}/sync/events"
HEALTH_PATH = "/healthz"

# A push body (after gzip is undone) larger than this is refused with 413 too_large; a client
# keeps its batches well under it.
MAX_BODY_BYTES = 8 * 1024 * 1024
DEFAULT_PAGE = 500  # events / feed changes per answer when `limit` is not given
MAX_PAGE = 5000  # the largest `limit` the server honours
MAX_SEQ = 2**62  # fits a signed 64-bit column on every database

# --- error codes: the "error" field of every 4xx/5xx answer ----------------------------------
UNKNOWN_CODE = "unknown_code"  # 404 enroll: no station has this code
CODE_USED = "code_used"  # 410 enroll: the code was already used
CHAIN_CONFLICT = "chain_conflict"  # 409 push: does not follow the county's head
INVALID_EVENT = "invalid_event"  # 422 push: a broken envelope or a wrong hash
FORBIDDEN = "forbidden"  # 403: station_id is not the token's station
UNAUTHORIZED = "unauthorized"  # 401: no token, or a token the county does not know
TOO_LARGE = "too_large"  # 413: body over MAX_BODY_BYTES
BAD_GZIP = "bad_gzip"  # 400: Content-Encoding gzip but the body is not gzip
UPDATE_REQUIRED = "update_required"  # 426: the station app speaks a protocol too old
BAD_REQUEST = "bad_request"  # 400/422: a malformed request that is not an event
NOT_FOUND = "not_found"  # 404: no such path
METHOD_NOT_ALLOWED = "method_not_allowed"  # 405
INTERNAL_ERROR = "internal_error"  # 500: the county's fault; retry later

ERROR_STATUS: dict[str, int] = {
    UNKNOWN_CODE: 404,
    CODE_USED: 410,
    CHAIN_CONFLICT: 409,
    INVALID_EVENT: 422,
    FORBIDDEN: 403,
    UNAUTHORIZED: 401,
    TOO_LARGE: 413,
    BAD_GZIP: 400,
    UPDATE_REQUIRED: 426,
    BAD_REQUEST: 400,
    NOT_FOUND: 404,
    METHOD_NOT_ALLOWED: 405,
    INTERNAL_ERROR: 500,
}


def _without_nul(value: str) -> str:
    # PostgreSQL's text columns cannot hold U+0000: refused here, not as a 500 there
    if "\x00" in value:
        raise ValueError("contains the character U+0000, which no text field may hold")
    return value


NoNul = AfterValidator(_without_nul)
HashHex = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
Text = Annotated[str, Field(max_length=200), NoNul]


class _Model(BaseModel):
    # strict: "5" is not a seq; a mistyped field is a broken envelope, not something to guess at
    model_config = ConfigDict(strict=True, extra="ignore")


# --- enrolment -------------------------------------------------------------------------------


class EnrollRequest(_Model):
    code: Annotated[str, Field(min_length=1, max_length=100)]
    device_name: Text = ""
    app_version: Text = ""


class EnrollResponse(_Model):
    station_id: str
    station_name: str
    township: str
    village: str
    token: str


# --- events ----------------------------------------------------------------------------------


class WireEvent(_Model):
    """An event on the wire: the columns of DESIGN §3 except `pushed`.

    `prev_hash` and `hash` may be left out: the county recomputes the chain."""

    id: Annotated[str, Field(min_length=1, max_length=64), NoNul]
    station_id: Annotated[str, Field(max_length=64)] = ""
    seq: Annotated[int, Field(ge=1, le=MAX_SEQ)]
    type: Annotated[str, Field(min_length=1, max_length=100), NoNul]
    entity_id: Annotated[str, Field(max_length=200), NoNul] = ""
    occurred_at: Annotated[str, Field(min_length=1, max_length=64), NoNul]
    operator: Annotated[str, Field(max_length=200), NoNul] = ""
    payload: dict[str, Any]
    prev_hash: HashHex | None = None
    hash: HashHex | None = None

    @model_validator(mode="after")
    def _payload_is_plain_json(self) -> WireEvent:
        """A payload the county could not give back exactly as it came (nesting deeper than
        32 levels, NaN or Infinity, a lone surrogate, NUL) would be stored and then
        fail the station's restore: the envelope is broken (DESIGN §5)."""
        try:
            # made once when the event is read, kept as the cached property's value: the chain
            # hash is taken over it and the county stores the same text
            self.__dict__["payload_json"] = canonical_payload(self.payload)
        except PayloadError as error:
            raise ValueError(f"payload: {error}, which the county could not give back") from error
        return self

    @functools.cached_property
    def payload_json(self) -> str:
        """The payload as canonical JSON (``stationapp.core.event_record.canonical_json``);
        a plain attribute once read (a pydantic private attribute costs 1.5 µs a read)."""
        return canonical_payload(self.payload)

    @classmethod
    def from_event(cls, event: Event, *, with_hashes: bool = True) -> WireEvent:
        return cls(
            id=event.id,
            station_id=event.station_id,
            seq=event.seq,
            type=event.type,
            entity_id=event.entity_id,
            occurred_at=event.occurred_at,
            operator=event.operator,
            payload=event.payload,
            prev_hash=event.prev_hash if with_hashes else None,
            hash=event.hash if with_hashes else None,
        )

    def chain_hash(self, prev_hash: str) -> str:
        """The hash this event's content gives after `prev_hash` (one definition:
        core.event_record)."""
        return event_hash_of(
            prev_hash,
            id=self.id,
            seq=self.seq,
            type=self.type,
            entity_id=self.entity_id,
            occurred_at=self.occurred_at,
            operator=self.operator,
            payload_json=self.payload_json,
        )


# --- sync ------------------------------------------------------------------------------------


class HeadResponse(_Model):
    station_id: str
    head_seq: int = 0
    head_hash: str = GENESIS_HASH


class PushRequest(_Model):
    station_id: Annotated[str, Field(min_length=1, max_length=64)]
    events: list[WireEvent]


class PushResponse(_Model):
    accepted: int
    duplicates: int
    head_seq: int
    head_hash: str


FEED_KINDS = ("catalog", "biller", "household", "sms_template", "announcement", "setting", "event")


class FeedChange(_Model):
    cursor: str
    # one of FEED_KINDS; any other string is taken too, and kept aside by the station: a newer
    # county may send kinds this app does not know yet, and a page must not fail for them
    kind: str = Field(max_length=40)
    op: Literal["upsert", "delete"]  # delete: a tombstone, `data` is None
    key: str
    data: dict[str, Any] | None = None


class FeedResponse(_Model):
    changes: list[FeedChange]
    next: str
    more: bool


class EventsResponse(_Model):
    events: list[WireEvent]
    more: bool


class ErrorBody(_Model):
    """Every 4xx/5xx answer. A 409 chain_conflict also carries the county's head."""

    error: str
    detail: str
    head_seq: int | None = None
    head_hash: str | None = None
