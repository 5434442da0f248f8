"""What a sync round's failure means: the error codes a round ends with, the plain words each
is shown in (translatable), and how a typed failure of the transport (``sync.client``) becomes
one of them. Shared by the round's steps, the driver and the GUI's runner."""

from __future__ import annotations

from typing import Any

from stationapp.core.i18n import QT_TRANSLATE_NOOP, translate

# --- what a round's failure means, in plain words --------------------------------------------

OFFLINE = "offline"
TIMED_OUT = "timed_out"
NOT_THE_COUNTY = "not_the_county"
SERVER_ERROR = "server_error"
BUSY = "busy"
UNAUTHORIZED = "unauthorized"
FORBIDDEN = "forbidden"
UPDATE_REQUIRED = "update_required"
INVALID_EVENT = "invalid_event"
DIVERGED = "diverged"
CHAIN_CONFLICT = "chain_conflict"
NO_PROGRESS = "no_progress"
EDITED = "edited"

PLAIN_WORDS: dict[str, str] = {
    OFFLINE: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center cannot be reached (no network?). The records wait here and are sent "
        "when the network is back.",
    ),
    TIMED_OUT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center did not answer in time (slow network). The station tries again by "
        "itself with smaller batches.",
    ),
    NOT_THE_COUNTY: QT_TRANSLATE_NOOP(
        "UserError",
        "Something other than the county center answered (a Wi-Fi login page?). Log in to the "
        "network in a browser, then sync again.",
    ),
    SERVER_ERROR: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center had a problem (error {status}). The station tries again later by "
        "itself; nothing is lost.",
    ),
    BUSY: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center is busy. The station tries again in a few minutes by itself.",
    ),
    UNAUTHORIZED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center did not accept this station's key (a new code may have been "
        "issued). Join the county center again with the new code.",
    ),
    FORBIDDEN: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center says this station's key belongs to another station. Join again "
        "with this station's own code.",
    ),
    UPDATE_REQUIRED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center needs a newer version of this app. Update the app, then sync again.",
    ),
    INVALID_EVENT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center refused a record ({detail}). Tell the county center's support; "
        "the records wait here.",
    ),
    DIVERGED: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center's copy of this station's records differs from this one at record "
        "{seq}. Nothing more was sent. Call the county center's support; do not delete "
        "anything.",
    ),
    CHAIN_CONFLICT: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center holds a different history of this station at record {seq} (an "
        "old backup was restored here, or records were changed). Nothing was sent. Call the "
        "county center's support; do not delete anything.",
    ),
    EDITED: QT_TRANSLATE_NOOP(
        "UserError",
        "The records here differ from the county center's at record {seq}, in records that "
        "were already sent: they were changed here afterwards. Nothing was sent. Call the "
        "county center's support; do not delete anything.",
    ),
    NO_PROGRESS: QT_TRANSLATE_NOOP(
        "UserError",
        "The county center took none of the records sent. The station tries again later; if "
        "this stays, call the county center's support.",
    ),
}


def plain_words(error: str, params: dict[str, Any] | None = None) -> str:
    """The shown text for a round's error code ("" for none), in the installed language."""
    if not error:
        return ""
    text = PLAIN_WORDS.get(error, PLAIN_WORDS[SERVER_ERROR])
    values = {"status": "", "detail": "", "seq": ""}
    values.update(params or {})
    return translate("UserError", text).format(**values)


class _RoundStopped(Exception):
    def __init__(self, error: str, detail: str = "", **params: Any) -> None:
        super().__init__(error)
        self.error = error
        self.detail = detail
        self.params = params
        self.retry_after: float | None = None


def _stopped(error: Exception) -> _RoundStopped:
    from sync import client as wire

    detail = f"{type(error).__name__}: {error}"
    if isinstance(error, wire.ChainConflict):
        stop = _RoundStopped(CHAIN_CONFLICT, detail, seq=error.head_seq)
    elif isinstance(error, wire.TimedOut):
        stop = _RoundStopped(TIMED_OUT, detail)
    elif isinstance(error, wire.TooLarge):
        stop = _RoundStopped(NO_PROGRESS, detail)
    elif isinstance(error, wire.Offline):
        stop = _RoundStopped(OFFLINE, detail)
    elif isinstance(error, wire.NotTheCounty):
        stop = _RoundStopped(NOT_THE_COUNTY, detail)
    elif isinstance(error, wire.ServerBusy):
        stop = _RoundStopped(BUSY, detail)
        stop.retry_after = error.retry_after
    elif isinstance(error, wire.ServerError):
        stop = _RoundStopped(SERVER_ERROR, detail, status=error.status)
    elif isinstance(error, wire.Unauthorized):
        stop = _RoundStopped(UNAUTHORIZED, detail)
    elif isinstance(error, wire.Forbidden):
        stop = _RoundStopped(FORBIDDEN, detail)
    elif isinstance(error, wire.UpdateRequired):
        stop = _RoundStopped(UPDATE_REQUIRED, detail)
    elif isinstance(error, wire.InvalidEvent):
        stop = _RoundStopped(INVALID_EVENT, detail, detail=getattr(error, "detail", ""))
    else:
        stop = _RoundStopped(SERVER_ERROR, detail, status=getattr(error, "status", ""))
    return stop
