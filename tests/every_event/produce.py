"""The produce line's events for the station of every event type: a purchase, a consigned lot,
a sale from both, a settlement."""

from __future__ import annotations

from typing import Any


def drive(st: Any) -> None:
    st.produce.buy(
        seller="岩香",
        product="八月瓜",
        grade="一级",
        quantity="52.3",
        unit="斤",
        unit_price="3.55",
        paid="cash",
        weighing={"source": "scale", "gross": "54.3", "tare": "2", "net": "52.3", "frame": "ST"},
    )
    lot = st.produce.consign(
        consignor="玉罕",
        product="八月瓜",
        grade="一级",
        quantity="10",
        unit="斤",
        asking_price="5",
        commission_percent="10",
    )
    st.produce.sell(
        buyer="李老板",
        channel="网店",
        paid="wechat",
        lines=[
            {
                "product": "八月瓜",
                "grade": "一级",
                "unit": "斤",
                "quantity": "20",
                "unit_price": "5",
            },
            {"lot": lot.id, "quantity": "4", "unit_price": "5.5"},
        ],
    )
    st.produce.settle(lot.id, paid="cash")
