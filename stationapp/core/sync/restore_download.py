"""The download of a restore from the county (``core.sync_restore``): the reissued code traded for
a token (or the token of an earlier attempt kept, the staging file resumed), every event fetched
and checked, the tables rebuilt and verified, all in the staging file; as steps
(``core.sync_steps.Stepped``) so the GUI makes the county's calls on a network thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stationapp.core import clock, meta, secrets
from stationapp.core.errors import StateError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.line import StationShape
from stationapp.core.sync.enrolment import _check_url, trade_code
from stationapp.core.sync.restore_pages import Progress, _fetch_all, _rebuild_and_verify
from stationapp.core.sync.restore_staging import (
    STAGING_NAME,
    PendingRestore,
    _create_staging,
    _folder_locked,
    _open_staging,
    _pending,
    _remove_staging,
    _transaction,
    check_folder_is_free,
)
from stationapp.core.sync.steps import CountyCall, Stepped

if TYPE_CHECKING:
    from sync.client import CountyClient

ClientFactory = Callable[[str, str | None], "CountyClient"]


def download_from_county(
    data_dir: Path,
    server_url: str,
    code: str,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    client_factory: ClientFactory | None = None,
    page_size: int | None = None,
    device_name: str = "",
    app_version: str = "",
    shape: StationShape,
) -> PendingRestore:
    """Enrol with the reissued ``code`` (or go on with the token of an earlier attempt), fetch
    and check every event, rebuild the tables and verify, all in the staging file.

    Returns the restore, ``complete``; :func:`finish_restore` sets the manager's PIN and puts
    the station in place. Refusals (a folder that holds a station, a wrong code, a page that
    does not chain, the network gone) are :class:`UserError` in plain words. The county's calls
    are made in this thread; the GUI runs :func:`download_steps` and makes them on a network
    thread (DESIGN §2)."""
    steps = download_steps(
        data_dir,
        server_url,
        code,
        progress=progress,
        should_stop=should_stop,
        client_factory=client_factory,
        page_size=page_size,
        device_name=device_name,
        app_version=app_version,
        shape=shape,
    )
    return Stepped(steps).run_here()


def download_steps(
    data_dir: Path,
    server_url: str,
    code: str,
    *,
    progress: Progress | None = None,
    should_stop: Callable[[], bool] | None = None,
    client_factory: ClientFactory | None = None,
    page_size: int | None = None,
    device_name: str = "",
    app_version: str = "",
    shape: StationShape,
) -> Generator[CountyCall, Any, PendingRestore]:
    """:func:`download_from_county` as steps (``core.sync.Stepped``): each call to the county
    (enrol, head, a page of events) is handed out; everything else, on the staging file, runs
    in the thread that steps it."""
    data_dir = Path(data_dir)
    check_folder_is_free(data_dir)
    url = _check_url(server_url)
    make_client = client_factory or _default_client
    with _folder_locked(data_dir):
        check_folder_is_free(data_dir)  # again, now that nobody else can write here
        conn, url, token = yield from _enrol_or_resume(
            data_dir,
            url,
            code,
            make_client,
            device_name=device_name,
            app_version=app_version,
            shape=shape,
        )
        try:
            client = make_client(url, token)
            try:
                yield from _fetch_all(
                    conn, client, progress, should_stop, page_size, shape.projections
                )
            finally:
                client.close()
            _rebuild_and_verify(conn, shape)
            pending = _pending(conn)
        finally:
            conn.close()
    assert pending is not None
    return pending


def _enrol_or_resume(
    data_dir: Path,
    url: str,
    code: str,
    make_client: ClientFactory,
    *,
    device_name: str,
    app_version: str,
    shape: StationShape,
) -> Generator[CountyCall, Any, tuple[sqlite3.Connection, str, str]]:
    """The staging file and a token that works: an earlier attempt's (its code is used up),
    else the code's. Another county or another station than the staging file's starts clean.
    Returns (staging connection, address, token)."""
    from stationapp.core.secrets import SecretStore

    secret_store = SecretStore(data_dir)
    conn = _open_kept_staging(data_dir, url, shape)
    if conn is not None:
        kept = secret_store.get(secrets.TOKEN_SECRET)
        station_id = meta.get(conn, meta.STATION_ID)
        if kept and (yield from _token_works(make_client(url, kept.reveal()), station_id, url)):
            return conn, url, kept.reveal()
    try:
        url, answer = yield CountyCall(
            "enroll",
            partial(
                trade_code,
                lambda checked: make_client(checked, None),
                url,
                code,
                device_name=device_name,
                app_version=app_version,
            ),
        )
    except BaseException:
        if conn is not None:
            conn.close()
        raise
    secret_store.set(secrets.TOKEN_SECRET, answer.token)
    if conn is not None and meta.get(conn, meta.STATION_ID) != answer.station_id:
        conn.close()
        conn = None  # a code for another station: start clean
    if conn is None:
        conn = _create_staging(data_dir, shape)
    with _transaction(conn):
        for key, value in (
            ("station_id", answer.station_id),
            (meta.COUNTY_URL, url),
            (meta.COUNTY_NAME, answer.station_name),
            (meta.TOWNSHIP, answer.township),
            (meta.VILLAGE, answer.village),
            (meta.ENROLLED_AT, clock.now_iso()),
        ):
            meta.put(conn, key, value)
    return conn, url, answer.token


def _open_kept_staging(data_dir: Path, url: str, shape: StationShape) -> sqlite3.Connection | None:
    """The staging file of an earlier attempt at the same county, or None (any other is
    removed: another county's, or a file that is not a database any more)."""
    if not (data_dir / STAGING_NAME).exists():
        return None
    try:
        conn = _open_staging(data_dir, shape)
    except sqlite3.DatabaseError:
        _remove_staging(data_dir)
        return None
    try:
        if meta.get(conn, meta.STATION_ID) and meta.get(conn, meta.COUNTY_URL) == url:
            return conn
    except sqlite3.DatabaseError:
        pass
    conn.close()
    _remove_staging(data_dir)
    return None


def _token_works(
    client: CountyClient, station_id: str, url: str
) -> Generator[CountyCall, Any, bool]:
    """The kept token still opens this station's records (False: revoked by a newer code)."""
    from sync import client as wire

    try:
        head = yield CountyCall("head", client.head)
        return head.station_id == station_id
    except (wire.Unauthorized, wire.Forbidden):
        return False
    except wire.SyncFailure as error:
        raise StateError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The county center at {url} cannot be reached now. Check the network and the "
                "address, then try again.",
            ),
            url=url,
        ) from error
    finally:
        client.close()


def _default_client(url: str, token: str | None) -> CountyClient:
    from sync.client import CountyClient

    return CountyClient(url, token)
