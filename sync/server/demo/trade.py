"""A demo station's trade: orders bought online for villagers (created, placed, shipped, arrived,
delivered; a few cancelled or returned), produce bought in its season (some from registered
households, a few purchases voided and weighed again), sold on in lots, and goods taken on
consignment, sold and settled. Payloads as docs/orders.md and docs/produce.md give them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sync.server.demo.county import ORDER_ITEMS, PLATFORMS, PRODUCTS, Product
from sync.server.demo.schedule import at_hours, later
from sync.server.demo.work import StationWork

FEE_FEN = 300
BUYERS = (("临沧茶厂", "批发"), ("县城李老板", "批发"), ("孟定糖厂", "批发"), ("网店", "网店"))
CONSIGNED = ("蜂蜜", "土鸡蛋", "茶叶", "核桃")


def orders(work: StationWork, day: date, how_many: int) -> None:
    for _ in range(how_many):
        order(work, at_hours(day, work.rng, 9.0, 18.5))


def order(work: StationWork, at: datetime) -> None:
    rng = work.rng
    who = work.customer(at)
    order_id = work.new_id(at)
    work.day_orders[at.date()] = number = work.day_orders.get(at.date(), 0) + 1
    name, spec, price = rng.choice(ORDER_ITEMS)
    quantity = rng.choice((1, 1, 1, 2, 3))
    quoted = price * quantity
    payload: dict = {
        "fee_fen": FEE_FEN,
        "items": [
            {
                "amount_fen": quoted,
                "name": name,
                "quantity": str(quantity),
                "spec": spec,
                "unit": "件",
                "unit_price_fen": price,
            }
        ],
        "name": who.name,
        "order_no": f"D{at:%m%d}{number:02d}",
        "phone": who.phone,
        "platform": rng.choice(PLATFORMS),
        "quoted_fen": quoted,
    }
    fee = FEE_FEN
    if who.household_id:
        fee = 0
        payload |= {
            "household_id": who.household_id,
            "fee_fen": 0,
            "fee_waived_fen": FEE_FEN,
            "fee_waived_reason": "registered_household",
        }
    deposit = rng.choice((0, 2000, 5000)) if quoted > 5000 else 0
    if deposit:
        payload["money"] = [{"fen": deposit, "method": "cash"}]
    household = {"household_id": who.household_id} if who.household_id else {}
    work.add(at, "order.created", order_id, payload)
    if rng.random() < 0.04:
        cancelled: dict = {"reason": rng.choice(("不要了", "买错了", "家里已经买了"))} | household
        if deposit:
            cancelled["money"] = [{"fen": -deposit, "method": "cash"}]
        work.add(later(at, rng, 1, 20), "order.cancelled", order_id, cancelled)
        return
    paid = quoted - rng.choice((0, 0, 100, 500)) if quoted > 1000 else quoted
    account = rng.choice(("wechat", "alipay"))
    placed_at = later(at, rng, 0.2, 20)
    placed = {
        "money": [{"fen": -paid, "method": account}],
        "paid_fen": paid,
        "platform_order_no": f"{rng.randrange(10**11, 10**12)}",
    }
    work.add(placed_at, "order.placed", order_id, placed)
    shipped_at = later(placed_at, rng, 12, 48)
    work.add(shipped_at, "order.shipped", order_id, {"waybill": f"YT{rng.randrange(10**13)}"})
    arrived_at = later(shipped_at, rng, 48, 144)
    work.add(arrived_at, "order.arrived", order_id, {"how": "hand"})
    delivered_at = later(arrived_at, rng, 1, 72)
    balance = paid + fee - deposit
    delivered: dict = {"balance_fen": balance} | household
    if balance:
        delivered["money"] = [{"fen": balance, "method": rng.choice(("cash", "wechat"))}]
    work.add(delivered_at, "order.delivered", order_id, delivered)
    if rng.random() < 0.015:
        refund = min(paid, deposit + max(balance, 0))
        returned = {"money": [{"fen": -refund, "method": "cash"}], "reason": "尺寸不对"}
        work.add(
            later(delivered_at, rng, 24, 120), "order.returned", order_id, returned | household
        )


# --- produce ----------------------------------------------------------------------------------


def in_season(day: date) -> list[Product]:
    return [p for p in PRODUCTS if day.month in p.months]


def quantity_text(product: Product, value: float) -> str:
    if product.unit == "枚":
        return str(max(1, round(value)))
    places = 3 if product.unit == "吨" else 1
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return text if text not in ("", "0") else "1"


def amount_of(quantity: str, unit_price_fen: int) -> int:
    """Quantity × unit price rounded half up to the fen, as the station rounds."""
    exact = Decimal(quantity) * unit_price_fen
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def purchases(work: StationWork, day: date, how_many: int) -> None:
    season = in_season(day)
    for _ in range(how_many):
        purchase(work, at_hours(day, work.rng, 8.5, 19.0), work.rng.choice(season))


def purchase(
    work: StationWork, at: datetime, product: Product, weighed_again: bool = False
) -> None:
    rng = work.rng
    household = work.household() if rng.random() < 0.35 else None
    seller = household.head_name if household else work.customer(at).name
    grade = rng.choice(product.grades)
    quantity = quantity_text(product, rng.uniform(*product.quantity))
    price = rng.randrange(product.price_fen[0], product.price_fen[1] + 1, 10)
    amount = amount_of(quantity, price)
    method = rng.choice(("cash", "cash", "wechat"))
    payload: dict = {
        "amount_fen": amount,
        "customer_id": "",
        "grade": grade,
        "money": [{"fen": -amount, "method": method}],
        "product": product.name,
        "product_name": product.name,
        "quantity": quantity,
        "seller_name": seller,
        "seller_phone": "",
        "unit": product.unit,
        "unit_price_fen": price,
        "weighing": {"source": "scale" if product.unit == "斤" else "manual"},
    }
    if household is not None:
        payload["household_id"] = household.household_no
    lot_id = work.new_id(at)
    event_id = work.add(at, "produce.bought", lot_id, payload)
    if not weighed_again and rng.random() < 0.005:
        undone = at + timedelta(minutes=rng.uniform(3, 20))
        void = {
            "event_id": event_id,
            "money": [{"fen": amount, "method": method}],
            "reason": "称重录错，重新过秤",
            "type": "produce.bought",
        }
        work.add(undone, "event.voided", lot_id, void)
        purchase(work, undone + timedelta(minutes=5), product, weighed_again=True)
        return
    key = (product.name, grade, product.unit)
    work.stock[key] = work.stock.get(key, 0.0) + float(quantity)


def sales(work: StationWork, day: date) -> None:
    """What was bought goes on to the buyers every few days, in one sale of several lines."""
    rng = work.rng
    if not work.stock or rng.random() > 0.35:
        return
    at = at_hours(day, rng, 14.0, 19.0)
    lines, total = [], 0
    for (product, grade, unit), held in sorted(work.stock.items()):
        sold = held * rng.uniform(0.7, 1.0)
        wanted = next(p for p in PRODUCTS if p.name == product)
        quantity = quantity_text(wanted, sold)
        if float(quantity) > held:
            continue
        price = int(wanted.price_fen[1] * rng.uniform(1.05, 1.25))
        amount = amount_of(quantity, price)
        total += amount
        lines.append(
            {
                "amount_fen": amount,
                "grade": grade,
                "product": product,
                "product_name": product,
                "quantity": quantity,
                "unit": unit,
                "unit_price_fen": price,
            }
        )
    work.stock.clear()
    if not lines:
        return
    buyer, channel = rng.choice(BUYERS)
    payload = {
        "amount_fen": total,
        "buyer": buyer,
        "channel": channel,
        "lines": lines,
        "money": [{"fen": total, "method": rng.choice(("bank", "wechat"))}],
    }
    work.add(at, "produce.sold", work.new_id(at), payload)


def consignments(work: StationWork, day: date, how_many: int) -> None:
    rng = work.rng
    season = [p for p in in_season(day) if p.name in CONSIGNED]
    for _ in range(how_many if season else 0):
        at = at_hours(day, rng, 9.0, 17.0)
        product = rng.choice(season)
        household = work.household() if rng.random() < 0.5 else None
        consignor = household.head_name if household else work.customer(at).name
        quantity = quantity_text(product, rng.uniform(*product.quantity) / 2)
        asking = int(product.price_fen[1] * 1.3) // 10 * 10
        lot_id = work.new_id(at)
        grade = product.grades[0]
        lot: dict = {
            "asking_price_fen": asking,
            "commission": {"kind": "percent", "value": "10"},
            "consignor_name": consignor,
            "consignor_phone": "",
            "customer_id": "",
            "grade": grade,
            "product": product.name,
            "product_name": product.name,
            "quantity": quantity,
            "unit": product.unit,
        }
        household_of = {"household_id": household.household_no} if household else {}
        work.add(at, "produce.consigned", lot_id, lot | household_of)
        if rng.random() < 0.2:
            continue  # not sold yet: an open consignment
        sold_at = later(at, rng, 24, 24 * 10)
        part = quantity_text(product, float(quantity) * rng.choice((1.0, 1.0, 0.6)))
        if float(part) > float(quantity):
            part = quantity
        proceeds = amount_of(part, asking)
        line = {
            "amount_fen": proceeds,
            "grade": grade,
            "lot_id": lot_id,
            "product": product.name,
            "product_name": product.name,
            "quantity": part,
            "unit": product.unit,
            "unit_price_fen": asking,
        }
        sale = {
            "amount_fen": proceeds,
            "buyer": "网店顾客",
            "channel": "网店",
            "lines": [line],
            "money": [{"fen": proceeds, "method": "wechat"}],
        }
        work.add(sold_at, "produce.sold", work.new_id(sold_at), sale)
        if rng.random() < 0.15:
            continue  # sold, not settled yet
        commission = amount_of(part, asking // 10)
        paid = proceeds - commission
        settled = {
            "commission_fen": commission,
            "consignor_name": consignor,
            "grade": grade,
            "money": [{"fen": -paid, "method": "cash"}],
            "paid_fen": paid,
            "proceeds_fen": proceeds,
            "product": product.name,
            "product_name": product.name,
            "quantity": part,
            "unit": product.unit,
            "unit_price_fen": asking,
        }
        work.add(later(sold_at, rng, 24, 24 * 7), "produce.settled", lot_id, settled | household_of)
