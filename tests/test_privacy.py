"""A stolen station PC gives nothing away (DESIGN §11).

The thief here holds every file of the data folder (``station.db``, its backups, the logs, the
outbox file, the settings) and every key found in them. For each resident ID number the station
ever saw, the test either counts the numbers that fit what the thief holds (the bar: at least
twenty equally likely ones, birth dates taken as equally likely over a head's plausible ages) or
shows that getting it back needs a key that is in none of the files, and measures what a search
for that key costs (the bar: at least a CPU-day). Phones and ID numbers never reach a log line
whole, whatever a provider says.
"""

# ruff: noqa: F811 (the shared fixtures are imported by name and then requested)

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sqlite3
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from stationapp.core import Station, ids, schema
from stationapp.core.errors import UserError
from stationapp.core.idcard import (
    check_character,
    id_tag,
    new_key_pair,
    open_sealed_id,
)
from stationapp.core.log_masking import mask_private
from stationapp.sms_providers import OutgoingText, SecretStore, make_provider
from stationapp.sms_providers.filelog import FileProvider
from tests.conftest import MANAGER, MANAGER_PIN
from tests.county_db import county_database_kind, county_database_url  # noqa: F401  (fixtures)
from tests.fakes.fake_aliyun import FakeAliyun
from tests.test_sms_relay import aliyun, county_store  # noqa: F401  (fixtures)

CPU_DAY_S = 86_400
MIN_CANDIDATES = 20
# a head of household or a sender: aged 18 to 100 (the thief's window; every date in it equally
# likely, which favours the thief: real ages spread wider)
OLDEST, YOUNGEST = date(1926, 1, 1), date(2008, 12, 31)
REGION = "530926"  # 耿马县: the station's own county, so the thief knows it
PHONE = "13812345678"


def resident_id(born: str, sequence: int) -> str:
    first17 = f"{REGION}{born}{sequence:03d}"
    return first17 + check_character(first17)


HEADS = [
    resident_id(born, n)
    for n, born in enumerate(
        ("19520417", "19630911", "19711203", "19800101", "19881230", "19950615", "20010228"), 11
    )
]
SENDER = resident_id("19900307", 2)


# --- the thief ------------------------------------------------------------------------------------


def everything_in(folder: Path) -> bytes:
    """Every byte of every file under the data folder."""
    return b"\n".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def found_anywhere(folder: Path, text: str) -> bool:
    loot = everything_in(folder)
    return text.encode() in loot or text.encode("utf-16-le") in loot


def candidates(region: str, tail: str, tag: int | None = None, key: bytes | None = None) -> list:
    """Every resident ID number with this region and tail (and tag, when the thief has one and
    its key) whose holder is 18 to 100: what the thief is left to choose from."""
    found = []
    day = OLDEST
    while day <= YOUNGEST:
        first17 = f"{region}{day:%Y%m%d}{tail[:3]}"
        if check_character(first17) == tail[3]:
            number = first17 + tail[3]
            if tag is None or id_tag(number, key) == tag:
                found.append(number)
        day += timedelta(days=1)
    return found


def seconds_per_guess(guess, rounds: int = 2_000) -> float:
    started = time.perf_counter()
    for n in range(rounds):
        guess(n)
    return (time.perf_counter() - started) / rounds


def households_as_stolen(db: Path) -> list[tuple[str, str, int | None]]:
    conn = sqlite3.connect(db)
    try:
        return [
            tuple(r)
            for r in conn.execute(
                "SELECT household_no, id_tail, id_tag FROM county_households ORDER BY household_no"
            )
        ]
    finally:
        conn.close()


def setting_as_stolen(db: Path, key: str) -> Any:
    import json

    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT value FROM county_settings WHERE key = ?", (key,)).fetchone()
    finally:
        conn.close()
    return json.loads(row[0]) if row else None


# --- what the county sends --------------------------------------------------------------------


def feed_change(kind: str, key: str, data: dict[str, Any], cursor: int) -> dict[str, Any]:
    return {"cursor": str(cursor), "kind": kind, "op": "upsert", "key": key, "data": data}


def household(no: str, **fields: Any) -> dict[str, Any]:
    return {
        "household_no": no,
        "head_name": "岩温",
        "members": 3,
        "township": "孟定镇",
        "village": "芒艾村",
        "natural_village": "一组",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ["因病"],
        "phone_masked": "尾号5678",
        **fields,
    }


def send(station: Station, number: str) -> str:
    return station.sending.send(
        sender_name="岩温",
        sender_phone=PHONE,
        id_type="resident_id",
        id_number=number,
        item_name="普洱茶",
        item_category="food",
        item_count=1,
        recipient_name="李小明",
        recipient_phone="13987654321",
        recipient_address="云南省昆明市五华区青年路 100 号",
        carrier="ZTO",
        weight_g=1200,
        fee_fen=1200,
        payment="cash",
    ).id


def leave_traces(folder: Path) -> None:
    """The other files a working station has: its log and the outbox file of the file provider."""
    from stationapp.ui.kit import errors

    errors.setup_logging(folder)
    try:
        logging.getLogger("stationapp.test").warning("sender %s sent a parcel", PHONE)
    finally:
        errors.stop_logging()
    text = OutgoingText("t1", PHONE, "【芒艾村服务站】您的快递已到站", "note", {}, "芒艾村服务站")
    FileProvider(folder).send(text)


# --- a station of this version ---------------------------------------------------------------


def test_a_thief_with_the_whole_data_folder_is_left_twenty_candidates_or_a_cpu_day(tmp_path):
    folder = tmp_path / "station"
    private, public = new_key_pair()
    tag_key = secrets.token_bytes(16)
    with Station.create(
        folder, name="芒艾村服务站", manager_name=MANAGER, manager_pin=MANAGER_PIN
    ) as station:
        page = [
            feed_change("setting", "privacy.id_public_key", {"value": public}, 1),
            feed_change("setting", "household.id_tag_key", {"value": tag_key.hex()}, 2),
        ]
        page += [
            feed_change(
                "household",
                f"{REGION}01{n:05d}",
                household(
                    f"{REGION}01{n:05d}", id_tail=number[-4:], id_tag=id_tag(number, tag_key)
                ),
                3 + n,
            )
            for n, number in enumerate(HEADS)
        ]
        station.county.apply_page(page, str(len(page) + 2))
        sent_id = send(station, SENDER)
        sealed = station.log.events_of(sent_id)[0].payload["id_sealed"]
        station.backup()
    leave_traces(folder)

    # the whole numbers, their birth dates and the private key are in no file
    for number in (*HEADS, SENDER):
        assert not found_anywhere(folder, number)
        assert not found_anywhere(folder, number[:14])
    assert not found_anywhere(folder, private)

    # households: tail, tag and the tag key leave at least twenty numbers each
    db = folder / "station.db"
    stolen_key = bytes.fromhex(setting_as_stolen(db, "household.id_tag_key"))
    left = {}
    for household_no, tail, tag in households_as_stolen(db):
        fitting = candidates(household_no[:6], tail, tag, stolen_key)
        left[household_no] = len(fitting)
        assert HEADS[int(household_no[-5:])] in fitting  # the thief's search is the right one
    assert min(left.values()) >= MIN_CANDIDATES, left

    # the sender: the tail leaves thousands; the sealed number needs the county's private key,
    # which is in no file: each guess at it costs one X25519 opening, and there are 2**252
    assert len(candidates(REGION, SENDER[-4:])) >= MIN_CANDIDATES
    other_private, _ = new_key_pair()

    def try_a_key(_n: int) -> None:
        with pytest.raises(ValueError):
            open_sealed_id(sealed, other_private)

    assert 2.0**252 * seconds_per_guess(try_a_key, 200) >= CPU_DAY_S
    assert open_sealed_id(sealed, private) == SENDER  # the county can


# --- an older station, migrated -----------------------------------------------------------------


def make_older(folder: Path) -> dict[str, str]:
    """A station as the version before migration 012 left it: the sender's number masked
    (first four, last four) with an HMAC keyed by ``station_meta.id_salt``, the households'
    masked numbers (all but the birth date) with HMACs keyed by the registry salt, which came in
    the feed as ``household.id_salt``; a backup holding the same. Returns the secrets planted."""
    station_salt = secrets.token_hex(16)
    registry_salt = secrets.token_hex(32)
    with Station.create(
        folder, name="芒艾村服务站", manager_name=MANAGER, manager_pin=MANAGER_PIN
    ) as station:
        sent_id = ids.uuid7()
        station.log.append(
            "parcel.sent",
            entity_id=sent_id,
            operator=station.operator.id,
            payload={
                "sender_name": "岩温",
                "sender_phone": PHONE,
                "id_type": "resident_id",
                "id_masked": SENDER[:4] + "*" * 10 + SENDER[-4:],
                "id_hash": hmac.new(
                    bytes.fromhex(station_salt), SENDER.encode(), hashlib.sha256
                ).hexdigest(),
                "item_name": "普洱茶",
                "item_category": "food",
                "item_count": 1,
                "recipient_name": "李小明",
                "recipient_phone": "13987654321",
                "recipient_address": "云南省昆明市五华区青年路 100 号",
                "carrier": "ZTO",
                "weight_g": 1200,
                "fee_fen": 1200,
                "payment": "cash",
            },
        )
        page = [
            feed_change("household", f"{REGION}01{n:05d}", household(f"{REGION}01{n:05d}"), n + 1)
            for n in range(len(HEADS))
        ]
        station.county.apply_page(page, str(len(page)))
        conn = station.conn
        # as SQLite is mostly built (Windows' Python among them): deleted bytes stay in the file
        conn.execute("PRAGMA secure_delete = OFF")
        conn.executescript(
            """
            BEGIN;
            ALTER TABLE sent_parcels ADD COLUMN id_masked TEXT NOT NULL DEFAULT '';
            ALTER TABLE sent_parcels ADD COLUMN id_hash TEXT NOT NULL DEFAULT '';
            ALTER TABLE sent_parcels DROP COLUMN id_tail;
            DROP INDEX county_households_id_tail;
            ALTER TABLE county_households ADD COLUMN id_masked TEXT NOT NULL DEFAULT '';
            ALTER TABLE county_households ADD COLUMN id_hash TEXT NOT NULL DEFAULT '';
            ALTER TABLE county_households DROP COLUMN id_tail;
            ALTER TABLE county_households DROP COLUMN id_tag;
            CREATE INDEX county_households_id_hash ON county_households (id_hash);
            DELETE FROM _sqlite_migrations WHERE name = '012_id_numbers';
            DELETE FROM station_meta WHERE key = 'id_numbers_cleaned_up';
            COMMIT;
            """
        )
        payload_hash = hmac.new(bytes.fromhex(station_salt), SENDER.encode(), hashlib.sha256)
        with station.store.transaction():
            conn.execute(
                "UPDATE sent_parcels SET id_masked = ?, id_hash = ?",
                (SENDER[:4] + "*" * 10 + SENDER[-4:], payload_hash.hexdigest()),
            )
            conn.execute("INSERT INTO station_meta VALUES ('id_salt', ?)", (station_salt,))
            conn.execute(
                "INSERT INTO county_settings (key, value, cursor) VALUES (?, ?, '1')",
                ("household.id_salt", f'"{registry_salt}"'),
            )
            for n, number in enumerate(HEADS):
                for salt in ("an-earlier-salt", registry_salt):  # an older row in free space
                    conn.execute(
                        "UPDATE county_households SET id_masked = ?, id_hash = ?"
                        " WHERE household_no = ?",
                        (
                            number[:6] + "*" * 8 + number[-4:],
                            hmac.new(salt.encode(), number.encode(), hashlib.sha256).hexdigest(),
                            f"{REGION}01{n:05d}",
                        ),
                    )
            # households the county withdrew: their rows are deleted, their pages free but
            # not overwritten (no secure_delete then)
            for n in range(WITHDRAWN):
                conn.execute(
                    "INSERT INTO county_households (household_no, head_name, id_masked, id_hash)"
                    " VALUES (?, '岩温', '', ?)",
                    (f"W{n:05d}", withdrawn_hash(registry_salt, n)),
                )
            conn.execute("DELETE FROM county_households WHERE household_no LIKE 'W%'")
        station.backup()
    return {"station_salt": station_salt, "registry_salt": registry_salt}


WITHDRAWN = 400


def withdrawn_hash(salt: str, n: int) -> str:
    return hmac.new(salt.encode(), resident_id("19700101", n % 1000).encode(), "sha256").hexdigest()


def test_migration_012_leaves_an_older_station_s_thief_twenty_candidates_or_a_cpu_day(tmp_path):
    folder = tmp_path / "station"
    planted = make_older(folder)
    assert found_anywhere(folder, planted["registry_salt"])  # the thief's way in, before
    before = everything_in(folder)
    assert any(withdrawn_hash(planted["registry_salt"], n).encode() in before for n in range(99))
    with Station.open(folder) as station:
        assert "012_id_numbers" not in schema.pending(station.conn)
        assert station.events.verify().ok  # old events project to the new table as migrated
        assert station.conn.execute("SELECT id_tail FROM sent_parcels").fetchone()[0] == SENDER[-4:]
        tails = [row[1] for row in households_as_stolen(folder / "station.db")]
    assert sorted(tails) == sorted(number[-4:] for number in HEADS)
    leave_traces(folder)

    assert sorted(p.name.split("-")[0] for p in (folder / "backups").glob("*.db")) == [
        "before",
        "daily",
        "manual",
    ]
    # the keys of every HMAC the station kept are in no file, nor the households' HMACs
    for salt in planted.values():
        assert not found_anywhere(folder, salt)
    for number in HEADS:
        for salt in ("an-earlier-salt", planted["registry_salt"]):
            digest = hmac.new(salt.encode(), number.encode(), hashlib.sha256).hexdigest()
            assert not found_anywhere(folder, digest)
        assert not found_anywhere(folder, number[:6] + "********")  # all but the birth date
        assert not found_anywhere(folder, number)
    assert not found_anywhere(folder, SENDER)
    loot = everything_in(folder)
    for n in range(WITHDRAWN):  # not even in the free pages of the file or its backups
        assert withdrawn_hash(planted["registry_salt"], n).encode() not in loot

    # households: the tail alone (no tag until the county sends them again) leaves thousands
    for household_no, tail, tag in households_as_stolen(folder / "station.db"):
        assert tag is None
        assert len(candidates(household_no[:6], tail)) >= MIN_CANDIDATES
    # the sender's old record keeps its masked number (the log is hash-chained) and its HMAC,
    # whose 128-bit key is gone: the masked number leaves thousands; the HMAC needs the key
    assert len(candidates(REGION, SENDER[-4:])) >= MIN_CANDIDATES
    hmac_guess = seconds_per_guess(
        lambda n: hmac.digest(n.to_bytes(16, "big"), SENDER.encode(), "sha256"), 100_000
    )
    assert 2.0**128 * hmac_guess >= CPU_DAY_S


def test_each_backup_still_verifies_after_the_salts_are_taken_out(tmp_path):
    folder = tmp_path / "station"
    make_older(folder)
    Station.open(folder).close()
    for backup in sorted((folder / "backups").glob("*.db")):
        copy = tmp_path / "copy" / backup.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(backup.read_bytes())
        restored = tmp_path / f"restored-{backup.stem}"
        restored.mkdir()
        (restored / "station.db").write_bytes(copy.read_bytes())
        with Station.open(restored) as station:
            assert station.events.verify().ok, backup.name


# --- logs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown", "gone"),
    [
        ("call 13812345678 now", "call 尾号5678 now", "13812345678"),
        ("手机号13812345678无效", "手机号尾号5678无效", "13812345678"),
        ("to +86 138-1234-5678.", "to 尾号5678.", "1234-5678"),
        ("to 8613812345678", "to 尾号5678", "13812345678"),
        ("to +86 138 1234 5678", "to 尾号5678", "1234 5678"),
        ("电话１３８１２３４５６７８", "电话尾号5678", "12345678"),
        ("station 0883-6123456", "station 尾号3456", "6123456"),
        ("station (0883)6123456", "station 尾号3456", "6123456"),
        ("station 010 12345678", "station 尾号5678", "12345678"),
        ("station +86-883-6123456", "station 尾号3456", "6123456"),
        ("station 0086 10 12345678", "station 尾号5678", "12345678"),
        ("sender 53092619900307002X ok", "sender **************002X ok", "5309261990"),
    ],
)
def test_every_form_of_a_phone_or_id_number_is_masked(text, shown, gone):
    assert mask_private(text) == shown
    assert gone not in mask_private(text)


@pytest.mark.parametrize(
    "text",
    [
        "seq 1234567 of 20000000",
        "cursor 1733480000123456",
        "waybill YT7512345678902, SF1234567890123, JD0123456789012",
        "at 2026-11-22T09:30:00.000+08:00",
        "amount 0.0123456789",
        "event 0199a1b2-0883-7000-8c18-c45b697d1bd0",
    ],
)
def test_what_is_no_phone_is_left_alone(text):
    assert mask_private(text) == text


ALIYUN_KEY_ID = "LTAI5tQ8mXvK2pY7wRz3Hn9a"
ALIYUN_KEY_SECRET = "k3F9dqZx7LmNpQrsT2uVwXyZa1"


def test_a_provider_s_error_echoing_the_number_reaches_the_log_file_masked(tmp_path):
    from stationapp.ui.kit import errors

    fake = FakeAliyun(
        access_keys={ALIYUN_KEY_ID: ALIYUN_KEY_SECRET},
        sign_names=("芒艾村服务站",),
        templates={"SMS_465300123": "您的快递已到站,取件码${codes}。"},
    ).start()
    fake.unsubscribed.add(PHONE)
    store = SecretStore(tmp_path)
    store.set("sms.aliyun.access_key_id", ALIYUN_KEY_ID)
    store.set("sms.aliyun.access_key_secret", ALIYUN_KEY_SECRET)
    provider = make_provider(
        {
            "sms.provider": "aliyun",
            "sms.signature": "芒艾村服务站",
            "sms.aliyun.endpoint": fake.base_url,
            "sms.aliyun.template.parcel_arrival": "SMS_465300123",
            "sms.timeout_s": 2,
        },
        store,
    )
    path = errors.setup_logging(tmp_path)
    try:
        result = provider.send(
            OutgoingText(
                "t1",
                PHONE,
                "【芒艾村服务站】您的快递已到站",
                "parcel_arrival",
                {"codes": "A-1-0451"},
                "芒艾村服务站",
            )
        )
        logging.getLogger("stationapp.sms_providers.test").error(
            "the service said: %s; landline %s", result.detail, "0883-6123456"
        )
        try:
            raise RuntimeError(f"refused {PHONE}")
        except RuntimeError:
            logging.getLogger("stationapp.sms_providers.test").exception("failed")
    finally:
        errors.stop_logging()
        fake.stop()
    assert not result.ok and PHONE in result.detail  # the provider did echo it
    written = path.read_text(encoding="utf-8")
    assert "BLACK_KEY_CONTROL" in written or "已退订" in written
    assert PHONE not in written and "1234 5678" not in written and "6123456" not in written
    assert "尾号5678" in written and "尾号3456" in written


# --- the county's key: made there, handed down, opened there only ---------------------------


def test_the_county_s_key_reaches_the_station_and_only_the_county_opens_a_sending(
    station, county, tmp_path
):
    key_file = tmp_path / "admin" / "id-private.key"
    made = county.cli("create-id-key", "--private-key", str(key_file))
    assert key_file.stat().st_mode & 0o077 == 0
    private = key_file.read_text(encoding="ascii").strip()
    station_id = county.join(station)
    assert station.sync.run().ok
    assert station.sending.sealing_key() == made["public_key"]
    sent_id = send(station, SENDER)
    assert station.sync.run().ok
    event_id = station.log.events_of(sent_id)[0].id
    opened = county.cli(
        "open-id", "--station", station_id, "--event", event_id, "--private-key", str(key_file)
    )
    assert (opened["id_number"], opened["sender_name"]) == (SENDER, "岩温")
    # after the key was replaced, the old record names the key it needs
    county.cli("create-id-key", "--private-key", str(tmp_path / "new.key"), "--replace")
    code, _, err = county.run(
        "open-id",
        "--station",
        station_id,
        "--event",
        event_id,
        "--private-key",
        str(tmp_path / "new.key"),
    )
    assert code == 1 and made["fingerprint"] in err and SENDER not in err
    # the private key is nowhere but its file: not in the county's folder, not at the station
    assert not found_anywhere(county.settings.data_dir, private)
    assert not found_anywhere(station.data_dir, private)
    assert not found_anywhere(station.data_dir, SENDER)


def test_the_private_key_may_not_go_into_the_data_folder_and_a_key_is_not_replaced_silently(
    county, tmp_path
):
    inside = county.settings.data_dir / "keys" / "id.key"
    code, out, err = county.run("create-id-key", "--private-key", str(inside))
    assert (code, out) == (1, "") and "inside the data folder" in err
    assert not inside.exists()
    county.cli("create-id-key", "--private-key", str(tmp_path / "first.key"))
    code, _, err = county.run("create-id-key", "--private-key", str(tmp_path / "second.key"))
    assert code == 1 and "--replace" in err
    replaced = county.cli(
        "create-id-key", "--private-key", str(tmp_path / "second.key"), "--replace"
    )
    assert replaced["fingerprint"] != ""


def test_a_record_sent_before_the_key_came_says_it_holds_the_tail_only(station, county, tmp_path):
    station_id = county.join(station)
    sent_id = send(station, SENDER)
    assert station.sync.run().ok
    county.cli("create-id-key", "--private-key", str(tmp_path / "id.key"))
    event_id = station.log.events_of(sent_id)[0].id
    code, _, err = county.run(
        "open-id",
        "--station",
        station_id,
        "--event",
        event_id,
        "--private-key",
        str(tmp_path / "id.key"),
    )
    assert code == 1 and "no sealed ID number" in err and SENDER[-4:] in err


# --- the county's migration 0006 ---------------------------------------------------------------


def test_county_migration_0006_hands_stations_the_tail_and_withdraws_the_registry_salt(
    county_database_url,
):
    import json

    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from sync.server.storage import MIGRATIONS, create_engine

    engine = create_engine(county_database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    number = HEADS[0]
    old = {
        "household_no": "H1",
        "head_name": "岩温",
        "id_masked": number[:6] + "*" * 8 + number[-4:],
        "id_hash": "ab" * 32,
        "members": 3,
        "township": "孟定镇",
        "village": "芒艾村",
        "natural_village": "一组",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ["因病"],
        "phone_masked": "尾号5678",
    }
    stamp = "2026-01-01T00:00:00+08:00"
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0005")
            conn.execute(
                sa.text(
                    "INSERT INTO households (household_no, township, village, natural_village,"
                    " head_name, id_masked, id_hash, members, household_type, monitoring_type,"
                    " risk_cleared, causes, phone_masked, updated_at) VALUES ('H1', '孟定镇',"
                    " '芒艾村', '一组', '岩温', :masked, :hash, 3, '脱贫户', '', :no, '[\"因病\"]',"
                    " '尾号5678', :at)"
                ),
                {"masked": old["id_masked"], "hash": old["id_hash"], "no": False, "at": stamp},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO county_settings (name, township, value, updated_at)"
                    " VALUES ('household.id_salt', '', '\"the-salt\"', :at)"
                ),
                {"at": stamp},
            )
            rows = [
                (5, "township:孟定镇", "household", "H1", json.dumps(old, ensure_ascii=False)),
                (6, "*", "setting", "household.id_salt", '{"value":"the-salt"}'),
            ]
            for cursor, scope, kind, key, data in rows:
                conn.execute(
                    sa.text(
                        "INSERT INTO feed_log (cursor, scope, kind, key, op, data)"
                        " VALUES (:cursor, :scope, :kind, :key, 'upsert', :data)"
                    ),
                    {"cursor": cursor, "scope": scope, "kind": kind, "key": key, "data": data},
                )
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        with engine.connect() as conn:
            feed = {
                row.key: row
                for row in conn.execute(sa.text("SELECT cursor, key, op, data FROM feed_log"))
            }
            settings = conn.execute(sa.text("SELECT name FROM county_settings")).scalars().all()
            kept = conn.execute(sa.text("SELECT id_masked, id_tag FROM households")).one()
    finally:
        engine.dispose()
    given = json.loads(feed["H1"].data)
    assert given["id_tail"] == number[-4:] and int(feed["H1"].cursor) > 6
    assert "id_masked" not in given and "id_hash" not in given
    withdrawn = feed["household.id_salt"]
    assert withdrawn.op == "delete" and "the-salt" not in withdrawn.data
    assert "household.id_salt" not in settings
    assert tuple(kept) == (old["id_masked"], None)  # the county keeps what its admin imported


def test_the_county_s_relay_logs_a_refusal_echoing_the_number_masked(county_store, aliyun):
    from tests.test_sms_relay import PHONE as RELAY_PHONE
    from tests.test_sms_relay import Pusher, county_center

    settings, storage = county_store
    aliyun.unsubscribed.add(RELAY_PHONE)
    station = Pusher(storage, settings)
    station.push(station.request("text-1"))

    done = county_center(settings.data_dir, "sms-relay", "--once", database_url=settings.url)

    assert done.returncode == 0, done.stderr
    assert "已退订" in done.stderr  # the service's own words reached the log line
    assert RELAY_PHONE not in done.stderr and f"尾号{RELAY_PHONE[-4:]}" in done.stderr


def test_a_clean_up_cut_off_after_the_migration_is_finished_at_the_next_start(
    tmp_path, monkeypatch
):
    from stationapp.core import privacy

    folder = tmp_path / "station"
    planted = make_older(folder)
    real = privacy.scrub_data_folder

    def power_cut(_data_dir: Path) -> list[Path]:
        raise OSError("the power went off")

    monkeypatch.setattr(privacy, "scrub_data_folder", power_cut)
    with pytest.raises((OSError, UserError)):
        Station.open(folder)
    assert found_anywhere(folder / "backups", planted["station_salt"])  # migrated, not cleaned
    monkeypatch.setattr(privacy, "scrub_data_folder", real)
    with Station.open(folder) as station:
        assert not privacy.clean_up_pending(station.conn, schema.pending(station.conn))
    for salt in planted.values():
        assert not found_anywhere(folder, salt)


def test_a_new_station_has_nothing_to_clean_up(station):
    from stationapp.core import privacy

    assert not privacy.clean_up_pending(station.conn, schema.pending(station.conn))
