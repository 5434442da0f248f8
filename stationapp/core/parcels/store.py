"""The parcels' tables as projections of the ``parcel.*`` events, and pickup-code allocation."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from stationapp.core import clock, phone, waybill
from stationapp.core.errors import StateError
from stationapp.core.events import Event, Replay
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.parcels.notice import project_notice, restore_cancelled_notice
from stationapp.core.projections import Projector

MAX_SEQ = 9999


@dataclass(frozen=True)
class Shelf:
    name: str
    layers: int


@dataclass(frozen=True)
class Parcel:
    id: str
    waybill: str
    carrier: str
    recipient_name: str
    recipient_phone: str
    customer_id: str
    shelf: str
    layer: int
    seq: int
    pickup_code: str
    status: str
    consent: str
    received_at: str
    received_by: str
    picked_up_at: str
    picked_up_by: str
    verified_by: str
    proxy_name: str
    proxy_phone: str
    fee_fen: int
    returned_at: str
    return_reason: str
    return_batch: str
    last_reminder_day: str
    phone_tail: str = ""  # the last four digits; all that is known when the label hid the rest

    @property
    def carrier_name(self) -> str:
        return waybill.CARRIERS.get(self.carrier, self.carrier)

    @property
    def masked_phone(self) -> str:
        """``尾号5678``; a parcel taken in from a label that showed only the tail shows it too."""
        if not self.recipient_phone:
            return f"尾号{self.phone_tail}" if self.phone_tail else ""
        return phone.mask_phone(self.recipient_phone)

    @property
    def number_known(self) -> bool:
        """False for a parcel taken in with the phone's tail alone: no text can reach it."""
        return bool(self.recipient_phone)

    def age_days(self, today: date | None = None) -> int:
        """Whole business days on the shelf (0 on the day it came)."""
        today = today or clock.business_day()
        return (today - clock.business_day(self.received_at)).days


PARCEL_COLUMNS = ", ".join(f.name for f in fields(Parcel))


def row_to_parcel(row: sqlite3.Row | tuple) -> Parcel:
    return Parcel(*row)


def pickup_code(shelf: str, layer: int, seq: int) -> str:
    return f"{shelf}-{layer}-{seq:04d}"


def migrate_parcel_indexes(db: Any) -> None:
    """The parcels' part of migration ``010_lean_texts``: indexes no bigger than their queries.

    ``parcels_status (status, received_at)`` held every parcel to serve lists of a few: the
    shelf list and the overdue view read waiting parcels, a small partial index; returned ones
    have theirs. ``parcels_received`` serves the day's summary (parcels in by day) and the
    history lists (picked up, oldest first). ``parcels_customer`` is gone: finding by name
    goes through the customer's phone (``parcels_phone``), which every parcel of a customer
    carries (a customer is the first one known by the parcel's phone)."""
    db.execute("DROP INDEX parcels_status")
    db.execute("DROP INDEX parcels_customer")
    db.execute("CREATE INDEX parcels_waiting ON parcels (received_at) WHERE status = 'waiting'")
    db.execute("CREATE INDEX parcels_returned ON parcels (received_at) WHERE status = 'returned'")
    db.execute("CREATE INDEX parcels_received ON parcels (received_at)")


def migrate_waiting_indexes(db: Any) -> None:
    """Migration ``013_waiting_indexes``: what an operator waits for reads only what it shows.

    Finding a waiting parcel by pickup code, phone tail or whole phone went through indexes over
    every parcel ever received and filtered the waiting ones afterwards, so it slowed as the
    station's history grew; partial indexes over the waiting parcels serve those searches
    directly (the full ones stay for the search that includes picked-up parcels). The day's
    figures (the home page's) read today's pickups, returns and handovers by their own time
    instead of scanning the tables, so they cost what the day holds."""
    waiting = (("code", "pickup_code"), ("tail", "phone_tail"), ("phone", "recipient_phone"))
    for name, column in waiting:
        db.execute(
            f"CREATE INDEX parcels_waiting_{name} ON parcels ({column}) WHERE status = 'waiting'"
        )
    db.execute(
        "CREATE INDEX parcels_picked_up ON parcels (picked_up_at) WHERE status = 'picked_up'"
    )
    db.execute(
        "CREATE INDEX parcels_returned_at ON parcels (returned_at) WHERE status = 'returned'"
    )
    db.execute("CREATE INDEX handovers_day ON handovers (handed_at)")


def migrate_customer_tails(db: Any) -> None:
    """Migration ``014_customer_tails``: known customers found by their phone's last four digits
    (a label that prints ``138****5678`` leaves the operator only those)."""
    db.execute("CREATE INDEX customers_tail ON customers (substr(phone, -4)) WHERE phone != ''")


# --- projections -----------------------------------------------------------------------------


def _received(replay: Replay, event: Event) -> None:
    p = event.payload
    conn = replay.conn
    code = pickup_code(p["shelf"], p["layer"], p["seq"])
    conn.execute(
        "INSERT INTO parcels (id, waybill, carrier, recipient_name, recipient_phone, phone_tail,"
        " customer_id, shelf, layer, seq, pickup_code, status, consent, received_at, received_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?)",
        (
            event.entity_id,
            p["waybill"],
            p["carrier"],
            p["name"],
            p["phone"],
            p.get("tail") or p["phone"][-4:],  # a label that showed only the tail: no phone
            p.get("customer_id", ""),
            p["shelf"],
            p["layer"],
            p["seq"],
            code,
            p["consent"],
            event.occurred_at,
            event.operator,
        ),
    )
    conn.execute(
        "INSERT INTO shelf_counters (shelf, layer, last_seq) VALUES (?, ?, ?)"
        " ON CONFLICT (shelf, layer) DO UPDATE SET last_seq = excluded.last_seq",
        (p["shelf"], p["layer"], p["seq"]),
    )
    if p.get("carrier_confirmed"):
        conn.execute(
            "INSERT INTO carrier_prefixes (prefix, carrier, confirmed) VALUES (?, ?, 1)"
            " ON CONFLICT (prefix) DO UPDATE SET carrier = excluded.carrier,"
            " confirmed = CASE WHEN carrier_prefixes.carrier = excluded.carrier"
            " THEN carrier_prefixes.confirmed + 1 ELSE 1 END",
            (waybill.learning_prefix(p["waybill"]), p["carrier"]),
        )
    customer = p.get("new_customer")
    if customer:
        conn.execute(
            "INSERT INTO customers (id, name, phone, search_key, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (p["customer_id"], p["name"], p["phone"], customer["search_key"], event.occurred_at),
        )
    elif p.get("customer_name"):  # the operator corrected a known customer's name
        conn.execute(
            "UPDATE customers SET name = ?, search_key = ? WHERE id = ?",
            (p["customer_name"]["name"], p["customer_name"]["search_key"], p["customer_id"]),
        )
    if "customer_household" in p:  # the household the operator accepted for them, or cleared
        conn.execute(
            "UPDATE customers SET household_id = ? WHERE id = ?",
            (p["customer_household"], p["customer_id"]),
        )
    project_notice(conn, event, code=code)


def _revert_pickup(replay: Replay, event: Event) -> None:
    """A pickup by mistake, undone: the parcel is back on its shelf, under a new code if its
    slot was taken meanwhile (the voiding event names the new seq, so replay agrees)."""
    conn = replay.conn
    row = conn.execute(
        "SELECT shelf, layer, seq FROM parcels WHERE id = ?", (event.entity_id,)
    ).fetchone()
    shelf, layer, seq = row
    if _slot_taken(conn, shelf, layer, seq):
        seq = next_free_seq(conn, shelf, layer)
        conn.execute(
            "INSERT INTO shelf_counters (shelf, layer, last_seq) VALUES (?, ?, ?)"
            " ON CONFLICT (shelf, layer) DO UPDATE SET last_seq = excluded.last_seq",
            (shelf, layer, seq),
        )
    conn.execute(
        "UPDATE parcels SET status = 'waiting', seq = ?, pickup_code = ?, picked_up_at = '',"
        " picked_up_by = '', verified_by = '', proxy_name = '', proxy_phone = '', fee_fen = 0"
        " WHERE id = ?",
        (seq, pickup_code(shelf, layer, seq), event.entity_id),
    )
    # its arrival text, cancelled by the pickup (DESIGN §7), is due again
    restore_cancelled_notice(
        conn, event.entity_id, pickup_code(shelf, layer, seq), event.occurred_at
    )


def _picked_up(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "UPDATE parcels SET status = 'picked_up', picked_up_at = ?, picked_up_by = ?,"
        " verified_by = ?, proxy_name = ?, proxy_phone = ?, fee_fen = ? WHERE id = ?",
        (
            event.occurred_at,
            event.operator,
            p["verified_by"],
            p.get("proxy_name", ""),
            p.get("proxy_phone", ""),
            p.get("fee_fen", 0),
            event.entity_id,
        ),
    )


def _returned(replay: Replay, event: Event) -> None:
    p = event.payload
    replay.conn.execute(
        "UPDATE parcels SET status = 'returned', returned_at = ?, return_reason = ?,"
        " return_batch = ? WHERE id = ?",
        (event.occurred_at, p["reason"], p["batch_id"], event.entity_id),
    )


def _phone_added(replay: Replay, event: Event) -> None:
    """The whole number of a parcel taken in with its tail alone, learnt later (the villager came,
    or called): the parcel and, when the number is new, a customer for it."""
    p = event.payload
    conn = replay.conn
    conn.execute(
        "UPDATE parcels SET recipient_phone = ?, customer_id = ? WHERE id = ?",
        (p["phone"], p["customer_id"], event.entity_id),
    )
    customer = p.get("new_customer")
    if customer:
        conn.execute(
            "INSERT INTO customers (id, name, phone, search_key, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (p["customer_id"], customer["name"], p["phone"], customer["search_key"],
             event.occurred_at),
        )  # fmt: skip


def _notified(replay: Replay, event: Event) -> None:
    if event.payload.get("kind") == "reminder":
        replay.conn.execute(
            "UPDATE parcels SET last_reminder_day = ? WHERE id = ?",
            (event.payload["day"], event.entity_id),
        )


def _slot_taken(conn: sqlite3.Connection, shelf: str, layer: int, seq: int) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM parcels WHERE shelf = ? AND layer = ? AND seq = ?"
            " AND status = 'waiting'",
            (shelf, layer, seq),
        ).fetchone()
        is not None
    )


def next_free_seq(conn: sqlite3.Connection, shelf: str, layer: int) -> int:
    """The next seq after the last one given on this shelf layer, wrapping after 9999 and
    skipping seqs still on the shelf: a code is reused only once it is free, and as late as
    possible (so a code on yesterday's SMS does not point at today's parcel)."""
    row = conn.execute(
        "SELECT last_seq FROM shelf_counters WHERE shelf = ? AND layer = ?", (shelf, layer)
    ).fetchone()
    last = row[0] if row else 0
    for step in range(1, MAX_SEQ + 1):
        seq = (last + step - 1) % MAX_SEQ + 1
        if not _slot_taken(conn, shelf, layer, seq):
            return seq
    raise StateError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "Shelf {shelf} layer {layer} is full (9999 parcels). Put the parcel on another layer.",
        ),
        shelf=shelf,
        layer=layer,
    )


# what this module adds to its line's projections (the line's __init__ gathers them)
PROJECTORS: dict[str, Projector] = {
    "parcel.received": Projector(_received),
    "parcel.picked_up": Projector(_picked_up, revert=_revert_pickup),
    "parcel.returned": Projector(_returned),
    "parcel.phone_added": Projector(_phone_added),
    "parcel.notified": Projector(_notified),
}
PROJECTED_TABLES: dict[str, str] = {
    "parcels": "id",
    "shelf_counters": "shelf, layer",
    "carrier_prefixes": "prefix",
    "customers": "id",
}
