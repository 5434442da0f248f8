"""公告: the county's announcements as the admin keeps them — publish to every station or one
township's, withdraw — through ``county-center announce / withdraw-announcement``'s own
functions, each with its audit line in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from stationapp.core import clock
from sync.server.reference import announcements as announcing
from sync.server.storage import Storage
from sync.server.tables import announcements
from sync.server.web.auth import Viewer, write_audit
from sync.server.web.queries.admin import admin_only, one_transaction


@dataclass(frozen=True)
class AdminAnnouncement:
    id: str
    title: str
    body: str
    township: str  # '' every township
    published_at: str
    expires_at: str  # '' until withdrawn
    withdrawn_at: str  # '' showing (or expired)

    @property
    def last_day(self) -> str:
        """The last day it shows ('' until withdrawn): ``expires_at`` is the next day's start."""
        if not self.expires_at:
            return ""
        return (clock.parse_iso(self.expires_at) - timedelta(seconds=1)).date().isoformat()


def admin_announcements(conn: sa.Connection, viewer: Viewer) -> list[AdminAnnouncement]:
    """Every announcement, newest first, the withdrawn ones too."""
    admin_only(viewer)
    a = announcements.c
    rows = conn.execute(sa.select(announcements).order_by(a.published_at.desc(), a.id.desc()))
    return [
        AdminAnnouncement(
            id=row.id,
            title=row.title,
            body=row.body,
            township=row.township,
            published_at=row.published_at,
            expires_at=row.expires_at,
            withdrawn_at=row.withdrawn_at or "",
        )
        for row in rows
    ]


def admin_announcement(
    conn: sa.Connection, viewer: Viewer, announcement_id: str
) -> AdminAnnouncement | None:
    return next((a for a in admin_announcements(conn, viewer) if a.id == announcement_id), None)


def publish(
    storage: Storage,
    viewer: Viewer,
    *,
    title: str,
    body: str,
    township: str,
    expires_on: date | None,
    address: str,
) -> announcing.Announcement:
    """Publish, as ``county-center announce``; a refusal (``ValidationError``) writes nothing."""
    admin_only(viewer)
    with one_transaction(storage) as (joined, conn):
        item = announcing.announce(
            joined, title=title, body=body, township=township, expires_on=expires_on
        )
        detail = (item.township or "全部乡镇") + (
            f" · 显示到 {expires_on.isoformat()}" if expires_on else ""
        )
        write_audit(
            conn, viewer.name, "announce", target=item.title, detail=detail, address=address
        )
    return item


def withdraw(
    storage: Storage, viewer: Viewer, announcement: AdminAnnouncement, *, address: str
) -> None:
    """Withdraw, as ``county-center withdraw-announcement``: stations drop it at their next
    sync; a refusal (already withdrawn) writes nothing."""
    admin_only(viewer)
    with one_transaction(storage) as (joined, conn):
        announcing.withdraw_announcement(joined, announcement.id)
        write_audit(
            conn,
            viewer.name,
            "withdraw_announcement",
            target=announcement.title,
            detail=announcement.township or "全部乡镇",
            address=address,
        )
