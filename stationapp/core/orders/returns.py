"""What follows an order's cancellation or return: the goods sent back to the merchant through
the sending screen (``order.return_sent``, linked to the parcels line's sending by its id) and
what the platform refunded to the station's account it was paid from
(``order.platform_refunded``). Mixed into ``Orders``; docs/orders.md says why these shapes."""

from __future__ import annotations

from typing import Any

from stationapp.core.errors import StateError, ValidationError
from stationapp.core.events import Event
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.money import Money, format_money
from stationapp.core.orders.store import CANCELLED, RETURNED

ACCOUNTS = ("wechat", "alipay", "bank")  # the station's accounts an order is paid from


class OrderReturns:
    """``st.orders.record_return_parcel`` and ``st.orders.record_platform_refund``."""

    def record_return_parcel(self, order_id: str, *, sent_id: str) -> Event:
        """退货寄回: a returned order's goods went back as the sending ``sent_id`` (recorded on
        the sending screen); its carrier and waybill are read from the parcels line's table."""
        operator = self._session.require_operator()  # type: ignore[attr-defined]
        order = self._in_state(order_id, RETURNED)  # type: ignore[attr-defined]
        if order.return_sent_id:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Order {order}'s goods were already sent back ({waybill}); undo that first "
                    "if it was the wrong sending.",
                ),
                order=order.order_no,
                waybill=order.return_waybill,
            )
        sent = self._conn.execute(  # type: ignore[attr-defined]
            "SELECT carrier, waybill FROM sent_parcels WHERE id = ?", (sent_id,)
        ).fetchone()
        if sent is None:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "That sending is not recorded; record it on the sending screen first.",
                )
            )
        linked = self._conn.execute(  # type: ignore[attr-defined]
            "SELECT order_no FROM orders WHERE return_sent_id = ?", (sent_id,)
        ).fetchone()
        if linked:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError", "That sending already took back order {order}'s goods."
                ),
                order=linked[0],
            )
        payload: dict[str, Any] = {"sent_id": sent_id, "carrier": sent[0]}
        if sent[1]:
            payload["waybill"] = sent[1]
        with self._log.batch() as batch:  # type: ignore[attr-defined]
            return batch.append(
                "order.return_sent", entity_id=order_id, payload=payload, operator=operator.id
            )

    def record_platform_refund(self, order_id: str, *, money: Money) -> Event:
        """平台退款: what the platform gave back, into the station's account (one entry above
        zero), for an order placed then cancelled or returned; never more than was paid to the
        platform less its earlier refunds."""
        operator = self._session.require_operator()  # type: ignore[attr-defined]
        order = self._in_state(order_id, CANCELLED, RETURNED)  # type: ignore[attr-defined]
        if not order.placed_at:
            raise StateError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Order {order} was never placed, so the platform has nothing to refund.",
                ),
                order=order.order_no,
            )
        entries = money.entries
        if len(entries) != 1 or entries[0].method not in ACCOUNTS or entries[0].fen <= 0:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "The platform refunds into one of the station's accounts: enter one amount "
                    "above ¥0.00 into wechat, alipay or bank.",
                )
            )
        left = order.paid_fen - order.platform_refunded_fen
        if entries[0].fen > left:
            raise ValidationError(
                QT_TRANSLATE_NOOP(
                    "UserError",
                    "Order {order} was paid {paid} and {refunded} is already refunded; the "
                    "platform can refund at most {left}.",
                ),
                order=order.order_no,
                paid=format_money(order.paid_fen),
                refunded=format_money(order.platform_refunded_fen),
                left=format_money(left),
            )
        with self._log.batch() as batch:  # type: ignore[attr-defined]
            return batch.append(
                "order.platform_refunded",
                entity_id=order_id,
                payload={"money": money.to_payload()},
                operator=operator.id,
            )
