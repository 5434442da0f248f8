"""A demo station's daily work at the parcel counter: parcels in (with their arrival text),
picked up within days, a few returned or left on the shelf; parcels sent; services to the
registered households. Payloads are the ones the station app writes (docs/households.md, the
parcels store, docs/sms.md)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from stationapp.core import pinyin
from sync.server.demo.county import (
    CARRIERS,
    SERVICES,
    DemoHousehold,
    DemoStation,
    id_number,
    mobile,
    person_name,
)
from sync.server.demo.schedule import Schedule, at_hours, later, uuid7_at

PICKED_UP, RETURNED = 0.975, 0.995  # the rest stay on the shelf (stranded)
VOID_PICKUP = 0.003
CITIES = (
    ("李小明", "云南省昆明市五华区青年路 100 号"),
    ("杨海燕", "云南省临沧市临翔区南塘街 18 号"),
    ("岩保", "广东省东莞市长安镇振安路 66 号"),
    ("玉香", "浙江省义乌市稠城街道工人北路 9 号"),
)


@dataclass
class Customer:
    id: str
    name: str
    phone: str
    household_id: str = ""
    known: bool = False


@dataclass
class StationWork:
    """The station's state while its year is written: customers, shelf, counters."""

    station: DemoStation
    households: list[DemoHousehold]
    rng: random.Random
    schedule: Schedule
    operators: tuple[str, ...]
    customers: list[Customer] = field(default_factory=list)
    shelf_seq: int = 0
    day_orders: dict[date, int] = field(default_factory=dict)
    stock: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def operator(self) -> str:
        return self.rng.choice(self.operators)

    def add(self, at: datetime, type_: str, entity_id: str, payload: dict) -> str:
        return self.schedule.add(at, type_, entity_id, payload, self.operator())

    def new_id(self, at: datetime) -> str:
        return uuid7_at(self.rng, at)

    def household(self) -> DemoHousehold | None:
        return self.rng.choice(self.households) if self.households else None

    def customer(self, at: datetime) -> Customer:
        """A villager of the point: mostly a repeat customer, now and then a new one; some
        are the registered households' heads."""
        if self.customers and self.rng.random() < 0.85:
            return self.rng.choice(self.customers)
        registered = self.household() if self.rng.random() < 0.2 else None
        if registered is not None:
            found = Customer(
                self.new_id(at), registered.head_name, registered.phone, registered.household_no
            )
        else:
            found = Customer(self.new_id(at), person_name(self.rng), mobile(self.rng))
        self.customers.append(found)
        return found

    # --- parcels in ------------------------------------------------------------------------

    def parcels(self, day: date, how_many: int) -> None:
        for _ in range(how_many):
            self.parcel(at_hours(day, self.rng, 9.5, 17.5))

    def parcel(self, at: datetime) -> None:
        rng = self.rng
        who = self.customer(at)
        carrier, prefix = rng.choice(CARRIERS)
        parcel_id = self.new_id(at)
        self.shelf_seq = self.shelf_seq % 9999 + 1
        payload: dict = {
            "carrier": carrier,
            "consent": "sms_notice",
            "customer_id": who.id,
            "layer": rng.randrange(1, 5),
            "name": who.name,
            "notice": {"days": 3, "hold": 10},
            "phone": who.phone,
            "seq": self.shelf_seq,
            "shelf": rng.choice("ABCDEF"),
            "waybill": waybill(rng, prefix),
        }
        if not who.known:
            payload["new_customer"] = {"search_key": pinyin.search_key(who.name)}
            if who.household_id:
                payload["customer_household"] = who.household_id
            who.known = True
        if who.household_id:
            payload["household_id"] = who.household_id
        self.add(at, "parcel.received", parcel_id, payload)
        texted = at + timedelta(seconds=rng.uniform(20, 600))
        self.schedule.add(texted, "sms.sent", parcel_id, {"attempt": 1, "provider": "aliyun"}, "")
        fate = rng.random()
        if fate < PICKED_UP:
            picked = later(at, rng, 0.5, rng.choice((4, 24, 48, 96)))
            if rng.random() < VOID_PICKUP:
                wrong = self.add(picked, "parcel.picked_up", parcel_id, pick_up(rng))
                undone = picked + timedelta(minutes=rng.uniform(2, 30))
                void = {"event_id": wrong, "reason": "拿错了", "type": "parcel.picked_up"}
                self.add(undone, "event.voided", parcel_id, void)
                picked = later(undone, rng, 2, 30)
            self.add(picked, "parcel.picked_up", parcel_id, pick_up(rng))
        elif fate < RETURNED:
            back = later(at, rng, 24 * 10, 24 * 12)
            returned = {"batch_id": self.new_id(back), "reason": "超期未取"}
            self.add(back, "parcel.returned", parcel_id, returned)

    # --- parcels out, services ---------------------------------------------------------------

    def sendings(self, day: date, how_many: int) -> None:
        rng = self.rng
        for _ in range(how_many):
            at = at_hours(day, rng, 9.0, 13.9)  # before 14:00: handed to the county that day
            who = self.customer(at)
            name, address = rng.choice(CITIES)
            fee = rng.choice((800, 1000, 1200, 1500))
            method = rng.choice(("cash", "wechat", "wechat"))
            payload = {
                "carrier": rng.choice(CARRIERS)[0],
                "fee_fen": fee,
                "id_tail": id_number(rng, "01")[-4:],
                "id_type": "resident_id",
                "item_category": "food",
                "item_count": rng.randrange(1, 4),
                "item_name": rng.choice(("茶叶", "普洱茶", "红糖", "咖啡豆", "腊肉", "衣物")),
                "money": [{"fen": fee, "method": method}],
                "payment": method,
                "recipient_address": address,
                "recipient_name": name,
                "recipient_phone": mobile(rng),
                "sender_name": who.name,
                "sender_phone": who.phone,
                "weight_g": rng.randrange(300, 8000, 100),
            }
            if who.household_id:
                payload |= {"household_id": who.household_id, "customer_name": who.name}
            self.add(at, "parcel.sent", self.new_id(at), payload)

    def services(self, day: date, how_many: int) -> None:
        for _ in range(how_many):
            household = self.household()
            if household is None:
                return
            kind, note = self.rng.choice(SERVICES)
            at = at_hours(day, self.rng)
            payload = {
                "customer_name": household.head_name,
                "household_id": household.household_no,
                "kind": kind,
                "note": note,
            }
            self.add(at, "household.helped", household.household_no, payload)


def waybill(rng: random.Random, prefix: str) -> str:
    """A waybill number of the carrier's common form (DOMAIN.md's table)."""
    digits = {"7": 13, "YT": 13, "4": 12, "77": 11, "JT": 13}[prefix]
    return prefix + "".join(str(rng.randrange(10)) for _ in range(digits))


def pick_up(rng: random.Random) -> dict:
    return {"fee_fen": 0, "verified_by": rng.choice(("code", "code", "phone"))}
