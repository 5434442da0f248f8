"""Joining the county center (enrolment): the code the county issued traded for the station's
token, the address checked, and the keys of ``station_meta`` where the county's answer is kept
(the token itself lives in ``secrets.json``, never in the database). Shared by
``StationSync.enroll`` and restoring onto a new PC (``core.sync_restore``)."""

from __future__ import annotations

import platform
from collections.abc import Callable
from typing import TYPE_CHECKING

from stationapp.core.errors import StateError, ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.sync.failures import PLAIN_WORDS, UPDATE_REQUIRED

if TYPE_CHECKING:
    from sync.client import CountyClient
    from sync.protocol import EnrollResponse


def trade_code(
    make_client: Callable[[str], CountyClient],
    server_url: str,
    code: str,
    *,
    device_name: str = "",
    app_version: str = "",
) -> tuple[str, EnrollResponse]:
    """Trade the code the county center issued for a station for its token: (the checked
    address, the county's answer). Refusals in plain words; writes nothing. Shared by joining
    (:meth:`StationSync.enroll`) and restoring onto a new PC (``core.sync_restore``)."""
    from sync import client as wire

    url = _check_url(server_url)
    code = (code or "").strip()
    if not code:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Type the code the county center gave for this station (on its letter).",
            )
        )
    client = make_client(url)
    try:
        answer = client.enroll(
            code, device_name or platform.node()[:200], app_version or _app_version()
        )
    except wire.UnknownCode as error:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center does not know the code {code}. Check it letter by "
                "letter, or ask the county center for a new one.",
            ),
            code=code,
        ) from error
    except wire.CodeUsed as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The code {code} was already used. Ask the county center to issue a new code "
                "for this station.",
            ),
            code=code,
        ) from error
    except wire.UpdateRequired as error:
        raise StateError(PLAIN_WORDS[UPDATE_REQUIRED]) from error
    except (wire.Offline, wire.ServerError) as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center at {url} cannot be reached now. Check the network and the "
                "address, then try again.",
            ),
            url=url,
        ) from error
    except wire.SyncFailure as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The address {url} did not answer like a county center. Check the address "
                "(it is on the county center's letter), then try again.",
            ),
            url=url,
        ) from error
    finally:
        client.close()
    return url, answer


def _check_url(server_url: str) -> str:
    url = (server_url or "").strip().rstrip("/")
    if url.endswith("/api/v1"):
        url = url[: -len("/api/v1")]
    if not url.startswith(("http://", "https://")) or len(url) <= len("https://"):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center's address {url} is not a web address. Write it like "
                "https://county.example.cn (it is on the county center's letter).",
            ),
            url=server_url,
        )
    return url


def _app_version() -> str:
    try:
        from importlib.metadata import version

        return version("stationapp")
    except Exception:  # not installed (running from a checkout)
        return ""
