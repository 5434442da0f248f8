"""The station's side of the wire: one call per endpoint of DESIGN §5, typed failures.

It knows the protocol, not the store: :class:`CountyClient` sends and reads the payloads of
``sync.protocol``; the driver over the station's log is ``stationapp.core.sync``.

Every failure is a :class:`SyncFailure` carrying the HTTP status and the county's
``{"error", "detail"}``. No answer at all (refused, reset, timed out) is :class:`Offline`; an
answer that is not the county's JSON (a captive portal's HTML page with status 200) is
:class:`NotTheCounty` and never a success.

:class:`Backoff` and :class:`Batcher` are pure: they decide when to try again and how many events
go in the next push, from what happened so far.

``requests`` is imported on the first call, not with this module (the GUI's cold start).
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

from pydantic import BaseModel
from pydantic import ValidationError as PayloadError

from stationapp.core import clock
from sync import protocol
from sync.protocol import (
    EnrollResponse,
    EventsResponse,
    FeedResponse,
    HeadResponse,
    PushResponse,
)

DEFAULT_TIMEOUT = (5.0, 60.0)  # seconds: to connect, to wait for the answer
Model = TypeVar("Model", bound=BaseModel)


# --- failures --------------------------------------------------------------------------------


class SyncFailure(Exception):
    """A call that did not give the expected answer. ``status`` is 0 when nothing came back."""

    retryable = True

    def __init__(
        self, detail: str = "", *, status: int = 0, error: str = "", body: Any = None
    ) -> None:
        super().__init__(detail or error or type(self).__name__)
        self.status = status
        self.error = error
        self.detail = detail
        self.body = body

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status}, error={self.error!r})"


class Offline(SyncFailure):
    """No answer: the county cannot be reached (no network, refused, reset, cut mid-answer)."""


class TimedOut(Offline):
    """The county did not answer in time: a slow link; the next batch is made smaller."""


class NotTheCounty(SyncFailure):
    """Something answered, but not the county's JSON: a captive portal, a proxy's error page."""


class ServerError(SyncFailure):
    """A 5xx: the county's fault; try again later."""


class ServerBusy(ServerError):
    """429/503: the county asks to come back after ``retry_after`` seconds."""

    def __init__(self, detail: str = "", *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.retry_after = retry_after


class Refused(SyncFailure):
    """A 4xx: trying the same again will not help until something changes."""

    retryable = False


class Unauthorized(Refused):
    """401: no token or one the county no longer knows (reissued code): enrol again."""


class Forbidden(Refused):
    """403: the station id is not the token's station."""


class UpdateRequired(Refused):
    """426: this app speaks a protocol the county no longer accepts: update the app."""


class UnknownCode(Refused):
    """404 on enrolment: no station has this code."""


class CodeUsed(Refused):
    """410 on enrolment: the code was already used."""


class TooLarge(Refused):
    """413: the body is over the county's limit; send fewer events."""


class InvalidEvent(Refused):
    """422: an event's envelope is broken (missing field, bad hash); ``detail`` names it."""


class ChainConflict(Refused):
    """409: the events do not follow the county's head (a fork, or an edited history)."""

    def __init__(
        self, detail: str = "", *, head_seq: int = 0, head_hash: str = "", **kw: Any
    ) -> None:
        super().__init__(detail, **kw)
        self.head_seq = head_seq
        self.head_hash = head_hash


_BY_ERROR: dict[str, type[SyncFailure]] = {
    protocol.UNAUTHORIZED: Unauthorized,
    protocol.FORBIDDEN: Forbidden,
    protocol.UPDATE_REQUIRED: UpdateRequired,
    protocol.UNKNOWN_CODE: UnknownCode,
    protocol.CODE_USED: CodeUsed,
    protocol.TOO_LARGE: TooLarge,
    protocol.INVALID_EVENT: InvalidEvent,
    protocol.CHAIN_CONFLICT: ChainConflict,
    protocol.INTERNAL_ERROR: ServerError,
}
_BY_STATUS: dict[int, type[SyncFailure]] = {
    401: Unauthorized,
    403: Forbidden,
    409: ChainConflict,
    410: CodeUsed,
    413: TooLarge,
    422: InvalidEvent,
    426: UpdateRequired,
}


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:  # pragma: no cover - older Pythons
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def failure_for(status: int, body: Any, headers: Mapping[str, str] | None = None) -> SyncFailure:
    """The typed failure for a non-2xx answer whose body was JSON (or None if it was not)."""
    headers = headers or {}
    error = detail = ""
    if isinstance(body, dict):
        error = str(body.get("error") or "")
        raw_detail = body.get("detail")
        detail = raw_detail if isinstance(raw_detail, str) else json.dumps(raw_detail or "")
    retry_after = parse_retry_after(headers.get("Retry-After") or headers.get("retry-after"))
    if status in (429, 503):
        return ServerBusy(detail, retry_after=retry_after, status=status, error=error, body=body)
    cls = _BY_ERROR.get(error) or _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else Refused
    if cls is ChainConflict:
        head = body if isinstance(body, dict) else {}
        return ChainConflict(
            detail,
            head_seq=int(head.get("head_seq") or 0),
            head_hash=str(head.get("head_hash") or ""),
            status=status,
            error=error,
            body=body,
        )
    return cls(detail, status=status, error=error, body=body)


# --- the client ------------------------------------------------------------------------------


class CountyClient:
    """The county center's API at ``base_url`` (``http://host:port``, no ``/api/v1``)."""

    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        session: Any = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        self._session = session
        self.clock_skew_s: float | None = None
        """This station's clock minus the county's, in seconds, from the last answer that
        carried the county's time (``X-County-Time``); None until one did."""
        self.on_clock_skew: Callable[[float], None] | None = None
        """Called with each new ``clock_skew_s`` (the station keeps the last one)."""

    def __repr__(self) -> str:  # never the token
        return f"CountyClient({self.base_url!r})"

    # the calls ---------------------------------------------------------------------------------

    def enroll(self, code: str, device_name: str = "", app_version: str = "") -> EnrollResponse:
        body = {"code": code, "device_name": device_name, "app_version": app_version}
        answer = self._call("POST", protocol.ENROLL_PATH, json_body=body, auth=False)
        return _read(EnrollResponse, answer)

    def head(self) -> HeadResponse:
        return _read(HeadResponse, self._call("GET", protocol.HEAD_PATH))

    def push(
        self, station_id: str, events: Sequence[Mapping[str, Any]], station_head: int | None = None
    ) -> PushResponse:
        """``events``: wire events (dicts) in seq order; sent as gzip'd JSON. ``station_head``:
        the station's own last seq, told to the county (its records still waiting)."""
        raw = encode_push(station_id, events)
        extra = {} if station_head is None else {protocol.STATION_HEAD_HEADER: str(station_head)}
        answer = self._call(
            "POST", protocol.PUSH_PATH, raw_body=compress_push(raw), extra_headers=extra
        )
        return _read(PushResponse, answer)

    def events(self, after_seq: int = 0, limit: int | None = None) -> EventsResponse:
        params: dict[str, Any] = {"after_seq": after_seq}
        if limit is not None:
            params["limit"] = limit
        return _read(EventsResponse, self._call("GET", protocol.EVENTS_PATH, params=params))

    def feed(self, after: str = "", limit: int | None = None) -> FeedResponse:
        params: dict[str, Any] = {"after": after}
        if limit is not None:
            params["limit"] = limit
        return _read(FeedResponse, self._call("GET", protocol.FEED_PATH, params=params))

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    # the wire ----------------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        raw_body: bytes | None = None,
        auth: bool = True,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Any:
        import requests  # heavy: loaded on the first call, not at start-up

        if self._session is None:
            self._session = requests.Session()  # the system's proxy settings apply
        sent_at = clock.now()  # the station's wall time, which the county compares with its own
        headers = {
            protocol.VERSION_HEADER: str(protocol.PROTOCOL_VERSION),
            protocol.STATION_TIME_HEADER: clock.format_iso(sent_at),
            "Accept": "application/json",
            "Accept-Encoding": "gzip",
            **(extra_headers or {}),
        }
        data: bytes | None = None
        if raw_body is not None:
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "gzip"
            data = raw_body
        elif json_body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(json_body, ensure_ascii=False).encode("utf-8")
        if auth:
            if not self.token:
                raise Unauthorized("no token: enrol first", status=0, error=protocol.UNAUTHORIZED)
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                params=params,
                data=data,
                headers=headers,
                timeout=self.timeout,
                allow_redirects=False,  # a portal redirects; the county never does
            )
            content = response.content  # read it all here: a cut body is Offline, not JSON
        except requests.Timeout as error:
            raise TimedOut(f"{type(error).__name__}: {error}") from error
        except requests.RequestException as error:
            raise Offline(f"{type(error).__name__}: {error}") from error
        status = response.status_code
        self._note_county_time(sent_at, response.headers.get(protocol.COUNTY_TIME_HEADER))
        body = _json_or_none(response.headers.get("Content-Type", ""), content)
        if 200 <= status < 300:
            if body is None:
                raise NotTheCounty(
                    "the answer was not the county's JSON (a login page or a proxy?)",
                    status=status,
                    body=content[:200].decode("utf-8", "replace"),
                )
            return body
        if body is None or not (isinstance(body, dict) and "error" in body):
            if status in (429, 503) or status >= 500:
                raise failure_for(status, None, response.headers)
            raise NotTheCounty(
                f"HTTP {status} without the county's error JSON",
                status=status,
                body=content[:200].decode("utf-8", "replace"),
            )
        raise failure_for(status, body, response.headers)

    def _note_county_time(self, sent_at: datetime, county_time: str | None) -> None:
        """The skew, as the county measured it: our time when sent minus the county's time
        when the call arrived (the header is absent from anything but the county)."""
        if not county_time or len(county_time) > 64:
            return
        try:
            county = datetime.fromisoformat(county_time.strip())
        except ValueError:
            return
        if county.tzinfo is None or county.utcoffset() is None:
            return
        self.clock_skew_s = (sent_at - county).total_seconds()
        if self.on_clock_skew is not None:
            self.on_clock_skew(self.clock_skew_s)


def encode_push(station_id: str, events: Sequence[Mapping[str, Any]]) -> bytes:
    """The push body before gzip: compact UTF-8 JSON."""
    return json.dumps(
        {"station_id": station_id, "events": list(events)},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def compress_push(raw: bytes) -> bytes:
    """Plain gzip, made as small as the link deserves: libdeflate at its strongest level (the
    `deflate` package) packs a push about 12% tighter than zlib's -6 for ~0.1 ms per event, which
    a 256 kbit/s line repays many times over. Without the package, zlib's -9."""
    try:
        import deflate
    except ImportError:
        return gzip.compress(raw, 9)
    return deflate.gzip_compress(raw, 12)


def _json_or_none(content_type: str, content: bytes) -> Any:
    if "json" not in content_type.lower():
        return None
    try:
        return json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return None


def _read(model: type[Model], body: Any) -> Model:
    try:
        return model.model_validate(body)
    except PayloadError as error:
        raise NotTheCounty(
            f"the answer is not a {model.__name__}: {error.errors()[0].get('msg', '')}",
            status=200,
            body=body,
        ) from error


# --- when to try again -----------------------------------------------------------------------
