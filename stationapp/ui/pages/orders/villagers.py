"""Who an order is for, found on the database thread: registered households (by 户编号, name,
pinyin initials or phone tail) first, then villagers the station already knows from parcels,
then those of the open orders (a villager who orders but never had a parcel)."""

from __future__ import annotations

from dataclasses import dataclass

from stationapp.core import Station, phone, pinyin
from stationapp.core.orders.store import OPEN_STATES, Order


@dataclass(frozen=True)
class Villager:
    name: str
    phone: str  # the whole mobile, '' when the station knows it only masked (a household's)
    masked: str  # 尾号5678
    household_no: str = ""
    household_type: str = ""  # 脱贫户 / 普通农户
    monitoring_type: str = ""  # a 监测对象's kind, or ''


def find_villagers(station: Station, text: str, limit: int = 12) -> list[Villager]:
    """Households matching ``text``, then the parcels' villagers (one row per phone)."""
    query = text.strip()
    if not query:
        return []
    found: list[Villager] = []
    for household in station.households.find(query, limit=limit):
        row = household.household
        found.append(
            Villager(
                name=row.head_name,
                phone="",
                masked=row.phone_masked,
                household_no=row.household_no,
                household_type=row.household_type,
                monitoring_type=row.monitoring_type,
            )
        )
    phones: set[str] = set()
    for parcel in station.parcels.find(query, waiting_only=False):
        number = parcel.recipient_phone
        if not parcel.number_known or number in phones or len(found) >= limit:
            continue
        phones.add(number)
        found.append(Villager(parcel.recipient_name, number, phone.mask_phone(number)))
    for state in OPEN_STATES:
        for order in station.orders.open_orders(state):
            number = order.customer_phone
            if number in phones or len(found) >= limit or not _finds(query, order):
                continue
            phones.add(number)
            found.append(Villager(order.customer_name, number, phone.mask_phone(number)))
    return found


def _finds(query: str, order: Order) -> bool:
    """The phone's last four digits, the whole phone, or the name (or its pinyin initials)."""
    if query.isdigit():
        return (
            order.customer_phone.endswith(query)
            if len(query) == 4
            else order.customer_phone == query
        )
    return pinyin.matches(query, order.customer_name)


def marker(villager: Villager) -> str:
    """The household's kind in brackets (【脱贫户】, 【边缘易致贫户】) as the registry gives it;
    '' for a villager of no registered household."""
    kind = villager.monitoring_type or villager.household_type
    return f"【{kind}】" if villager.household_no and kind else ""
