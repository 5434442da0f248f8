"""The county's reference data: what the CLI (and later the admin web) writes and lists.

Each write changes a reference table and the feed in one transaction. An item written again
unchanged writes nothing, so re-importing the same registry sends stations nothing new.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from stationapp.core import clock, idcard, ids
from stationapp.core.errors import ValidationError
from stationapp.core.events import canonical_json
from stationapp.core.i18n import QT_TRANSLATE_NOOP, Term
from sync.server import feed
from sync.server.reference_tables import (
    announcements,
    billers,
    catalog_items,
    county_settings,
    households,
    places,
    sms_templates,
)
from sync.server.storage import Storage, stations

REGISTRY_SALT_FILE = "registry_salt.key"
ENV_REGISTRY_SALT = "COUNTY_CENTER_REGISTRY_SALT"
ID_SALT_SETTING = "household.id_salt"  # no longer published: stations drop it (DESIGN §11)
ID_TAG_KEY_SETTING = "household.id_tag_key"  # the key of the households' short ID tags (hex)
ID_PUBLIC_KEY_SETTING = "privacy.id_public_key"  # real-name sending seals IDs to it (base64)
PLACES_SETTING = "places"
STATIONS_SETTING = "stations"

BILLER_KINDS = ("electricity", "water", "phone", "insurance", "other")
HOUSEHOLD_TYPES = ("普通农户", "脱贫户")
MONITORING_TYPES = ("", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户")
TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_.]{0,63}$", re.ASCII)
MAX_TEXT = 500  # the providers' limit on one text, signature included
MAX_NAME = 200


@dataclass(frozen=True)
class Counts:
    """What a write did: items new to the county, changed, and the same as before."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0


# --- the kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Household:
    """A household as the county keeps it. ``id_masked`` and ``id_hash`` (the head's ID, first
    six and last four, and its HMAC keyed by the registry salt) stay at the county; stations get
    the last four characters and the short tag only (:meth:`feed_data`, DESIGN §11)."""

    household_no: str
    head_name: str
    id_masked: str
    id_hash: str
    members: int
    township: str
    village: str
    natural_village: str
    household_type: str
    monitoring_type: str
    risk_cleared: bool
    causes: tuple[str, ...]
    phone_masked: str
    id_tag: int | None = None  # 0..15, None for a household imported before tags

    def feed_data(self) -> dict[str, Any]:
        data = {**_as_dict(self), "causes": list(self.causes)}
        del data["id_masked"], data["id_hash"]
        data["id_tail"] = id_tail_of(self.id_masked)
        if self.id_tag is None:
            del data["id_tag"]
        return data

    def to_row(self) -> dict[str, Any]:
        return {**_as_dict(self), "causes": canonical_json(list(self.causes))}

    @classmethod
    def from_row(cls, row: Any) -> Household:
        values = {name: getattr(row, name) for name in _fields(cls)}
        return cls(**{**values, "causes": tuple(json.loads(row.causes))})


@dataclass(frozen=True)
class CatalogItem:
    code: str
    name: str
    category: str
    unit: str
    price_fen: int
    certified: bool
    household_no: str = ""

    def feed_data(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class Biller:
    code: str
    name: str
    kind: str
    account_label: str
    min_fen: int
    max_fen: int
    fee_fen: int
    active: bool = True

    def feed_data(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class SmsTemplate:
    name: str
    text: str
    provider_code: str = ""

    def feed_data(self) -> dict[str, Any]:
        return _as_dict(self)


@dataclass(frozen=True)
class Announcement:
    id: str
    title: str
    body: str
    published_at: str
    expires_at: str  # "" = until withdrawn
    township: str  # "" = every township

    def feed_data(self) -> dict[str, Any]:
        return _as_dict(self)


def id_tail_of(masked: str) -> str:
    """The last four characters of a masked ID (``530902********1234`` gives ``1234``)."""
    return idcard.tail_of_masked(masked)


def _as_dict(item: Any) -> dict[str, Any]:
    """The fields of a flat dataclass (``dataclasses.asdict`` deep-copies: slow for 100k)."""
    return dict(vars(item))


def _fields(cls: type) -> list[str]:
    return [field.name for field in dataclasses.fields(cls)]


@dataclass(frozen=True)
class _Kind:
    """How one kind is kept: its table, key, feed kind and the scope an item goes to."""

    table: sa.Table
    key: str
    feed_kind: str
    item: type
    scope: Callable[[Any], str] = lambda _item: feed.ALL

    def to_row(self, item: Any) -> dict[str, Any]:
        to_row = getattr(item, "to_row", None)
        return to_row() if to_row else _as_dict(item)

    def from_row(self, row: Any) -> Any:
        from_row = getattr(self.item, "from_row", None)
        if from_row:
            return from_row(row)
        return self.item(**{name: getattr(row, name) for name in _fields(self.item)})


HOUSEHOLDS = _Kind(
    households, "household_no", "household", Household, lambda h: feed.township_scope(h.township)
)
CATALOG = _Kind(catalog_items, "code", "catalog", CatalogItem)
BILLERS = _Kind(billers, "code", "biller", Biller)
SMS_TEMPLATES = _Kind(sms_templates, "name", "sms_template", SmsTemplate)


def _upsert(conn: sa.Connection, kind: _Kind, items: Sequence[Any]) -> Counts:
    """Insert new items, update changed ones, leave equal ones alone; the feed gets one change
    per new or changed item (and a tombstone where an item left a scope)."""
    key_column = kind.table.c[kind.key]
    items = list({getattr(item, kind.key): item for item in items}.values())  # the last wins
    existing: dict[str, Any] = {}
    keys = [getattr(item, kind.key) for item in items]
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        for row in conn.execute(sa.select(kind.table).where(key_column.in_(chunk))):
            existing[getattr(row, kind.key)] = kind.from_row(row)
    now = clock.now_iso()
    inserts, updates, changes = [], [], []
    for item in items:
        key = getattr(item, kind.key)
        old = existing.get(key)
        if old == item:
            continue
        row = {**kind.to_row(item), "updated_at": now}
        if old is None:
            inserts.append(row)
        else:
            updates.append({**row, "_key": key})
            if kind.scope(old) != kind.scope(item):
                changes.append(feed.Change(kind.feed_kind, key, kind.scope(old), None))
        changes.append(feed.Change(kind.feed_kind, key, kind.scope(item), item.feed_data()))
    if inserts:
        conn.execute(kind.table.insert(), inserts)
    if updates:
        conn.execute(kind.table.update().where(key_column == sa.bindparam("_key")), updates)
    feed.record(conn, changes)
    return Counts(
        added=len(inserts), changed=len(updates), unchanged=len(items) - len(inserts) - len(updates)
    )


def _delete(conn: sa.Connection, kind: _Kind, key: str) -> bool:
    """Remove an item; stations that hold it get a tombstone."""
    deleted = conn.execute(kind.table.delete().where(kind.table.c[kind.key] == key)).rowcount
    feed.withdraw(conn, kind.feed_kind, key)
    return deleted > 0


def _list(storage: Storage, kind: _Kind, *where: Any) -> list[Any]:
    with storage.engine.connect() as conn:
        rows = conn.execute(
            sa.select(kind.table).where(*where).order_by(kind.table.c[kind.key])
        ).all()
    return [kind.from_row(row) for row in rows]


# --- settings, places and the station lists ------------------------------------------------


def set_setting(conn: sa.Connection, name: str, value: Any, *, township: str = "") -> bool:
    """Keep and publish a setting for every station (township "") or one township's; False
    when it already had this value."""
    stored = conn.execute(
        sa.select(county_settings.c.value).where(
            county_settings.c.name == name, county_settings.c.township == township
        )
    ).scalar_one_or_none()
    text = canonical_json(value)
    if stored == text:
        return False
    values = {"value": text, "updated_at": clock.now_iso()}
    if stored is None:
        conn.execute(county_settings.insert().values(name=name, township=township, **values))
    else:
        conn.execute(
            county_settings.update()
            .where(county_settings.c.name == name, county_settings.c.township == township)
            .values(**values)
        )
    scope = feed.township_scope(township) if township else feed.ALL
    feed.publish(conn, "setting", name, {"value": value}, scope)
    return True


def settings(storage: Storage) -> dict[tuple[str, str], Any]:
    """Every setting as {(name, township): value}."""
    with storage.engine.connect() as conn:
        rows = conn.execute(sa.select(county_settings)).all()
    return {(row.name, row.township): json.loads(row.value) for row in rows}


def known_townships(conn: sa.Connection) -> set[str]:
    """Townships the county knows: those with places and those with stations."""
    named = conn.execute(sa.select(places.c.township).distinct()).scalars()
    served = conn.execute(sa.select(stations.c.township).distinct()).scalars()
    return set(named) | set(served)


def _clean_name(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned or len(cleaned) > MAX_NAME:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "Give the {what} as a name of 1 to 200 characters, like 城关镇."
            ),
            what=Term(what),
        )
    return cleaned


def add_place(storage: Storage, *, township: str, village: str) -> bool:
    """Add a village of a township (False when the county had it); stations get the new list."""
    township = _clean_name(township, QT_TRANSLATE_NOOP("UserError", "township"))
    village = _clean_name(village, QT_TRANSLATE_NOOP("UserError", "village"))
    with storage.engine.begin() as conn:
        known = conn.execute(
            sa.select(places.c.township).where(
                places.c.township == township, places.c.village == village
            )
        ).first()
        if known is None:
            conn.execute(
                places.insert().values(
                    township=township, village=village, created_at=clock.now_iso()
                )
            )
        publish_places(conn)
    return known is None


def list_places(storage: Storage) -> dict[str, list[str]]:
    """{township: [village, ...]}, sorted."""
    with storage.engine.connect() as conn:
        return _places(conn)


def _places(conn: sa.Connection) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for row in conn.execute(sa.select(places).order_by(places.c.township, places.c.village)):
        found.setdefault(row.township, []).append(row.village)
    return found


def publish_places(conn: sa.Connection) -> bool:
    """The ``places`` setting: {"townships": [{"name", "villages"}]}."""
    value = {
        "townships": [
            {"name": township, "villages": villages} for township, villages in _places(conn).items()
        ]
    }
    return set_setting(conn, PLACES_SETTING, value)


def publish_station_lists(conn: sa.Connection) -> int:
    """The ``stations`` setting of every township: its stations (id, name, township, village).
    Returns how many townships' lists changed. Call it after a station is created."""
    lists: dict[str, list[dict[str, str]]] = {}
    rows = conn.execute(
        sa.select(stations.c.id, stations.c.name, stations.c.township, stations.c.village).order_by(
            stations.c.township, stations.c.name, stations.c.id
        )
    )
    for row in rows:
        lists.setdefault(row.township, []).append(
            {"id": row.id, "name": row.name, "township": row.township, "village": row.village}
        )
    return sum(
        set_setting(conn, STATIONS_SETTING, entries, township=township)
        for township, entries in lists.items()
    )


def refresh_station_lists(storage: Storage) -> int:
    with storage.engine.begin() as conn:
        return publish_station_lists(conn)


# --- the registry salt and the ID keys --------------------------------------------------------


def registry_salt(data_dir: Path, storage: Storage | None = None) -> str:
    """The county's own key for hashing the heads' ID numbers (``households.id_hash``): from the
    environment, else the file written once into the data folder (like the token secret). It
    never leaves the county (DESIGN §11): a lost file is made again, and the hashes change at
    the next import. ``storage`` is accepted for older callers and not used."""
    from_env = os.environ.get(ENV_REGISTRY_SALT, "").strip()
    if from_env:
        return from_env
    path = Path(data_dir) / REGISTRY_SALT_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


def id_tag_key(conn: sa.Connection) -> bytes:
    """The key of the households' ID tags, made once and published to every station (setting
    ``household.id_tag_key``). It is no secret: a tag has 4 bits, so even with the key a stored
    tag leaves about 170 birth dates (DESIGN §11); the key only makes tags differ by county."""
    stored = conn.execute(
        sa.select(county_settings.c.value).where(
            county_settings.c.name == ID_TAG_KEY_SETTING, county_settings.c.township == ""
        )
    ).scalar_one_or_none()
    if stored is not None:
        return bytes.fromhex(json.loads(stored))
    key = secrets.token_bytes(16)
    set_setting(conn, ID_TAG_KEY_SETTING, key.hex())
    return key


def withdraw_registry_salt(conn: sa.Connection) -> bool:
    """Stations that were given the registry salt (before DESIGN §11) get a tombstone for it,
    and the county's settings no longer hold it. True when there was something to withdraw."""
    deleted = conn.execute(
        county_settings.delete().where(county_settings.c.name == ID_SALT_SETTING)
    ).rowcount
    return bool(feed.withdraw(conn, "setting", ID_SALT_SETTING)) or deleted > 0


def id_public_key(storage: Storage) -> str | None:
    """The public key stations seal ID numbers to (real-name sending), once made."""
    return settings(storage).get((ID_PUBLIC_KEY_SETTING, ""))


def publish_id_public_key(storage: Storage, public_key: str) -> bool:
    """Give every station the public key for sealing ID numbers."""
    idcard.public_key_fingerprint(public_key)  # refuses what is not a key
    with storage.engine.begin() as conn:
        return set_setting(conn, ID_PUBLIC_KEY_SETTING, public_key)


# --- households ------------------------------------------------------------------------------


def upsert_households(
    storage: Storage, items: Sequence[Household], *, salt: str = ""
) -> Counts:
    """Add or update households; an unchanged household writes nothing. ``salt`` is accepted
    for older callers; the items carry their hashes and tags already."""
    with storage.engine.begin() as conn:
        withdraw_registry_salt(conn)
        return _upsert(conn, HOUSEHOLDS, items)


def delete_household(storage: Storage, household_no: str) -> bool:
    with storage.engine.begin() as conn:
        return _delete(conn, HOUSEHOLDS, household_no)


def list_households(storage: Storage, *, township: str | None = None) -> list[Household]:
    where = [] if township is None else [households.c.township == township]
    return _list(storage, HOUSEHOLDS, *where)


def household_numbers(storage: Storage, candidates: Iterable[str]) -> set[str]:
    """Which of ``candidates`` are households of the registry."""
    wanted = sorted(set(candidates))
    found: set[str] = set()
    with storage.engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            found.update(
                conn.execute(
                    sa.select(households.c.household_no).where(
                        households.c.household_no.in_(wanted[start : start + 500])
                    )
                ).scalars()
            )
    return found


# --- catalog, billers, SMS templates ---------------------------------------------------------


def upsert_catalog_items(storage: Storage, items: Sequence[CatalogItem]) -> Counts:
    for item in items:
        _check_catalog_item(item)
    linked = {item.household_no for item in items if item.household_no}
    missing = sorted(linked - household_numbers(storage, linked))
    if missing:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The catalog links households the registry does not hold ({numbers}); import "
                "the household registry first or correct the 户编号.",
            ),
            numbers=", ".join(missing[:5]),
        )
    with storage.engine.begin() as conn:
        return _upsert(conn, CATALOG, items)


def _check_catalog_item(item: CatalogItem) -> None:
    if not item.code or not item.name or item.price_fen < 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The catalog item {code} needs a code, a name and a price of 0 or more.",
            ),
            code=item.code or "?",
        )


def delete_catalog_item(storage: Storage, code: str) -> bool:
    with storage.engine.begin() as conn:
        return _delete(conn, CATALOG, code)


def list_catalog(storage: Storage) -> list[CatalogItem]:
    return _list(storage, CATALOG)


def upsert_billers(storage: Storage, items: Sequence[Biller]) -> Counts:
    for item in items:
        _check_biller(item)
    with storage.engine.begin() as conn:
        return _upsert(conn, BILLERS, items)


def _check_biller(item: Biller) -> None:
    if item.kind not in BILLER_KINDS:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The biller {code} has the kind {kind}; use one of {kinds}.",
            ),
            code=item.code,
            kind=item.kind,
            kinds=", ".join(BILLER_KINDS),
        )
    if not item.code or not item.name or not 0 <= item.min_fen <= item.max_fen or item.fee_fen < 0:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The biller {code} needs a code, a name, a lowest amount not above the highest "
                "and a fee of 0 or more.",
            ),
            code=item.code or "?",
        )


def delete_biller(storage: Storage, code: str) -> bool:
    with storage.engine.begin() as conn:
        return _delete(conn, BILLERS, code)


def list_billers(storage: Storage) -> list[Biller]:
    return _list(storage, BILLERS)


def set_sms_template(storage: Storage, *, name: str, text: str, provider_code: str = "") -> bool:
    """Add or change a template; False when it was already so."""
    template = SmsTemplate(
        name=name.strip(), text=text.strip(), provider_code=provider_code.strip()
    )
    _check_template(template)
    with storage.engine.begin() as conn:
        return _upsert(conn, SMS_TEMPLATES, [template]).unchanged == 0


def _check_template(template: SmsTemplate) -> None:
    if not TEMPLATE_NAME.match(template.name):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The template name {name} is not usable; write it in lower-case letters, "
                "digits and _, like parcel_arrival.",
            ),
            name=template.name,
        )
    if not template.text or len(template.text) > MAX_TEXT:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The text of template {name} has {length} characters; write 1 to 500.",
            ),
            name=template.name,
            length=len(template.text),
        )
    try:
        fields = [field for _, field, _, _ in string.Formatter().parse(template.text) if field]
    except ValueError:
        fields = ["{"]
    bad = [field for field in fields if not field.isidentifier()]
    if bad:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The template {name} has a broken placeholder ({field}); write placeholders "
                "like {{pickup_code}} and double a brace that is meant literally.",
            ),
            name=template.name,
            field=bad[0],
        )


def delete_sms_template(storage: Storage, name: str) -> bool:
    with storage.engine.begin() as conn:
        return _delete(conn, SMS_TEMPLATES, name)


def list_sms_templates(storage: Storage) -> list[SmsTemplate]:
    return _list(storage, SMS_TEMPLATES)


# --- announcements ---------------------------------------------------------------------------


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
            conn.execute(announcements.insert().values(**_as_dict(item)))
        else:
            conn.execute(
                announcements.update()
                .where(announcements.c.id == item.id)
                .values(**_as_dict(item), withdrawn_at=None)
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
    return Announcement(**{name: getattr(row, name) for name in _fields(Announcement)})


def list_announcements(storage: Storage, *, withdrawn: bool = False) -> list[Announcement]:
    """The announcements showing (with ``withdrawn``, also those taken back), newest first."""
    query = sa.select(announcements).order_by(announcements.c.published_at.desc())
    if not withdrawn:
        query = query.where(announcements.c.withdrawn_at.is_(None))
    with storage.engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        Announcement(**{name: getattr(row, name) for name in _fields(Announcement)}) for row in rows
    ]
