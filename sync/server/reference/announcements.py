"""The county's announcements: published to every station or one township's, shown until they
expire or are withdrawn, and listed newest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock, ids
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from sync.server import feed
from sync.server.reference.kinds import as_dict, field_names
from sync.server.reference.places import MAX_NAME, known_townships
from sync.server.storage import Storage
from sync.server.tables import announcements


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    body: str
    published_at: str
    expires_at: str  # "" = until withdrawn
    township: str  # "" = every township

    def feed_data(self) -> dict[str, Any]:
        return as_dict(self)


def announce(
    storage: Storage,
    *,
    title: str,
    body: str,
    township: str = "",
    expires_on: date | None = None,
    announcement_id: str | None = None,
) -> Announcement:
    """Publish an announcement (or change one, given its id) to every station or one
    township's; it shows through the whole of ``expires_on`` (Asia/Shanghai)."""
    title, body, township = title.strip(), body.strip(), " ".join(township.split())
    if not title or len(title) > MAX_NAME or not body:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "An announcement needs a title of 1 to 200 characters and a body.",
            )
        )
    expires_at = ""
    if expires_on is not None:
        if expires_on < clock.business_day():
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The expiry date {date} has passed; give today or a later day (YYYY-MM-DD).",
                ),
                date=expires_on.isoformat(),
            )
        expires_at = clock.format_iso(clock.business_day_bounds(expires_on)[1])
    with storage.engine.begin() as conn:
        if township and township not in known_townships(conn):
            raise _unknown_township(township)
        old = None
        if announcement_id is not None:
            old = conn.execute(
                sa.select(announcements).where(announcements.c.id == announcement_id)
            ).first()
        item = Announcement(
            id=announcement_id or ids.uuid7(),
            title=title,
            body=body,
            published_at=old.published_at if old else clock.now_iso(),
            expires_at=expires_at,
            township=township,
        )
        if old is None:
            conn.execute(announcements.insert().values(**as_dict(item)))
        else:
            conn.execute(
                announcements.update()
                .where(announcements.c.id == item.id)
                .values(**as_dict(item), withdrawn_at=None)
            )
        scope = feed.township_scope(township) if township else feed.ALL
        feed.move(conn, "announcement", item.id, item.feed_data(), scope)
    return item


def _unknown_township(township: str) -> ValidationError:
    return ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "The county knows no township {township}; add it with county-center add-place "
            "or check the spelling.",
        ),
        township=township,
    )


def withdraw_announcement(storage: Storage, announcement_id: str) -> Announcement:
    """Take an announcement back: stations drop it at their next sync."""
    with storage.engine.begin() as conn:
        row = conn.execute(
            sa.select(announcements).where(announcements.c.id == announcement_id)
        ).first()
        if row is None or row.withdrawn_at is not None:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "No announcement {id} is showing; use the id that announce printed.",
                ),
                id=announcement_id,
            )
        conn.execute(
            announcements.update()
            .where(announcements.c.id == announcement_id)
            .values(withdrawn_at=clock.now_iso())
        )
        feed.withdraw(conn, "announcement", announcement_id)
    return Announcement(**{name: getattr(row, name) for name in field_names(Announcement)})


def list_announcements(storage: Storage, *, withdrawn: bool = False) -> list[Announcement]:
    """The announcements showing (with ``withdrawn``, also those taken back), newest first."""
    query = sa.select(announcements).order_by(announcements.c.published_at.desc())
    if not withdrawn:
        query = query.where(announcements.c.withdrawn_at.is_(None))
    with storage.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Announcement(**{name: getattr(row, name) for name in field_names(Announcement)})
        for row in rows
    ]
