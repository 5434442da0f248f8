"""Shared helpers of the proxy purchase tests: an order as an operator types it."""

from __future__ import annotations

from typing import Any

from stationapp.core.money import Money

PHONE = "13812340521"
HOUSEHOLD = "5309260101001"


def new_order(station, *, deposit: int | None = 5000, **kwargs: Any):
    fields: dict[str, Any] = {
        "customer": {"name": "岩温", "phone": PHONE},
        "items": [{"name": "电压力锅", "spec": "5L", "quantity": "1", "unit_price": "199.00"}],
        "platform": "拼多多",
        "deposit": Money.of("cash", deposit) if deposit else None,
    }
    fields.update(kwargs)
    return station.orders.create(**fields)


def register_household(station, no: str = HOUSEHOLD) -> None:
    data = {
        "household_no": no,
        "head_name": "岩温",
        "id_tail": "001X",
        "members": 4,
        "township": "孟定镇",
        "village": "芒艾村",
        "natural_village": "芒艾上寨",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ["因病"],
        "phone_masked": "尾号0521",
    }
    change = {"cursor": "1", "kind": "household", "op": "upsert", "key": no, "data": data}
    station.county.apply_page([change], "1")


def texts(station) -> list[tuple[str, str, str]]:
    """The outbox: (purpose, template, phone) of every text."""
    rows = station.conn.execute(
        "SELECT purpose, template, phone FROM sms_outbox ORDER BY created_at, id"
    )
    return [tuple(row) for row in rows]
