"""The keys that keep the heads' ID numbers private (DESIGN §11): the county's registry salt
for hashing them, the key of the households' short ID tags that stations get, the withdrawal of
the salt that older stations were given, and the public key stations seal real-name senders' IDs
to."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import sqlalchemy as sa

from stationapp.core import idcard
from sync.server import feed
from sync.server.reference.kinds import set_setting, settings
from sync.server.storage import Storage
from sync.server.tables import county_settings

REGISTRY_SALT_FILE = "registry_salt.key"
ENV_REGISTRY_SALT = "COUNTY_CENTER_REGISTRY_SALT"
ID_SALT_SETTING = "household.id_salt"  # no longer published: stations drop it (DESIGN §11)
ID_TAG_KEY_SETTING = "household.id_tag_key"  # the key of the households' short ID tags (hex)
ID_PUBLIC_KEY_SETTING = "privacy.id_public_key"  # real-name sending seals IDs to it (base64)


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
