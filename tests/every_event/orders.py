"""The proxy purchase line's events for the station of every event type: an order that arrives
as a parcel and is delivered, returned and sent back (refunded by the platform), one cancelled,
and a step undone by the manager."""

from __future__ import annotations

from typing import Any

from stationapp.core.idcard import check_character
from stationapp.core.money import Money

PHONE = "13812340777"
WAYBILL = "YT7512300000777"
ID_FIRST17 = "53092619900101001"


def drive(st: Any) -> None:
    items = [{"name": "电压力锅", "spec": "5L", "quantity": "1", "unit_price": "199.00"}]
    customer = {"name": "岩香", "phone": PHONE}
    order = st.orders.create(
        customer=customer, items=items, platform="拼多多", deposit=Money.of("cash", 5000)
    )
    st.orders.place(order.id, platform_order_no="PDD240777", paid="189.00", account="wechat")
    st.orders.ship(order.id, waybill_no=WAYBILL)
    st.parcels.receive(waybill=WAYBILL, recipient_phone=PHONE, recipient_name="岩香")
    st.orders.deliver(order.id, money=Money.of("cash", 14200))
    st.orders.record_return(
        order.id, reason="尺寸不对", refund=Money.of("cash", -14200), return_note="退货单号待补"
    )
    sent = st.sending.send(
        sender_name="岩香",
        sender_phone=PHONE,
        id_type="resident_id",
        id_number=ID_FIRST17 + check_character(ID_FIRST17),
        item_name="退货 电压力锅",
        item_category="daily_goods",
        item_count=1,
        recipient_name="拼多多退货仓",
        recipient_phone="13987650777",
        recipient_address="浙江省金华市义乌市退货仓 1 号",
        carrier="YTO",
        weight_g=4000,
        fee_fen=1200,
        payment="cash",
        waybill="YT7512300000778",
    )
    st.orders.record_return_parcel(order.id, sent_id=sent.id)
    st.orders.record_platform_refund(order.id, money=Money.of("wechat", 18900))
    other = st.orders.create(customer=customer, items=items, platform="淘宝")
    st.orders.place(other.id, platform_order_no="TB2400777", paid="199.00", account="alipay")
    st.orders.undo_last_step(other.id, reason="下错单")  # event.voided of order.placed
    st.orders.cancel(other.id, reason="不要了")
