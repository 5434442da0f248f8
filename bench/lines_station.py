"""A station with years of activity for bench/lines.py: households registered from the county's
feed, orders and purchases written through the real log in batches, as the facades write them;
and the figures read on it (a household's log, the year's 帮扶台账, a purchase with its voucher)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from stationapp.core import Station, clock, ids
from stationapp.receipts.frame import ReceiptFooter, ReceiptHeader
from stationapp.receipts.produce import purchase_voucher

CHUNK = 2_000
YEARS_DAYS = 3 * 365
HOUSEHOLD_PREFIX = "53092601"
HEADER = ReceiptHeader(station_name="孟定镇芒艾村电商服务站", station_phone="0883-6123456")


def household_no(n: int) -> str:
    return f"{HOUSEHOLD_PREFIX}{n:05d}"


def register_households(st: Station, count: int) -> None:
    """``count`` 建档户 as one page of the county's feed brings them (at least one)."""
    changes = []
    for n in range(max(1, count)):
        data = {
            "household_no": household_no(n),
            "head_name": f"岩温{n}",
            "id_tail": "001X",
            "members": 2 + n % 5,
            "township": "孟定镇",
            "village": "芒艾村",
            "household_type": "脱贫户" if n % 4 else "监测对象",
            "phone_masked": "尾号5678",
        }
        key = household_no(n)
        changes.append(
            {"cursor": str(n + 1), "kind": "household", "op": "upsert", "key": key, "data": data}
        )
    st.county.apply_page(changes, str(len(changes)))


def _moment(start: datetime, i: int, count: int) -> str:
    """The ``i``-th of ``count`` events spread evenly over the three years from ``start``."""
    return clock.format_iso(start + timedelta(minutes=i * YEARS_DAYS * 24 * 60 // max(1, count)))


def write_in_batches(
    st: Station, type_: str, count: int, payload_of: Callable[[int], dict[str, Any]]
) -> None:
    """``count`` events of ``type_`` over three years before today, ``CHUNK`` a transaction."""
    operator = st.session.require_operator().id
    start = clock.now() - timedelta(days=YEARS_DAYS + 1)
    for first in range(0, count, CHUNK):
        with st.log.batch() as batch:
            for i in range(first, min(count, first + CHUNK)):
                batch.append(
                    type_,
                    entity_id=ids.uuid7(),
                    payload=payload_of(i),
                    operator=operator,
                    occurred_at=_moment(start, i, count),
                )


def write_orders(st: Station, count: int, households: int) -> None:
    """``count`` orders, each for a registered household, as ``st.orders.create`` writes them."""
    from stationapp.core.money import Money

    order = st.orders.create(
        customer={"name": "岩温", "phone": "13812340521", "household_id": household_no(0)},
        items=[{"name": "电压力锅", "spec": "5L", "quantity": "1", "unit_price": "199.00"}],
        platform="拼多多",
        deposit=Money.of("cash", 5000),
    )
    template = st.log.events_of(order.id, type="order.created")[0].payload

    def payload(i: int) -> dict[str, Any]:
        return template | {
            "household_id": household_no(i % max(1, households)),
            "order_no": f"B{i:07d}",
        }

    write_in_batches(st, "order.created", count, payload)


def write_purchases(
    st: Station, count: int, households: int, products: tuple[str, ...], grades: tuple[str, ...]
) -> None:
    """``count`` purchases, every other one from a registered household."""
    bought = st.produce.buy(
        seller="岩温0",
        product=products[0],
        grade=grades[0],
        quantity="12.5",
        unit="斤",
        unit_price="3.55",
        paid="cash",
        household=household_no(0),
    )
    template = st.log.events_of(bought.id, type="produce.bought")[0].payload

    def payload(i: int) -> dict[str, Any]:
        n = i % max(1, households)
        return template | {
            "product": products[i % len(products)],
            "product_name": products[i % len(products)],
            "grade": grades[i % len(grades)],
            "household_id": household_no(n) if i % 2 == 0 else "",
            "seller_name": f"岩温{n}" if i % 2 == 0 else f"村民{i % 300}",
        }

    write_in_batches(st, "produce.bought", count, payload)


def timed(action: Callable[[int], Any], times: int) -> list[float]:
    spent = []
    for i in range(times):
        begin = time.perf_counter()
        action(i)
        spent.append((time.perf_counter() - begin) * 1000)
    return spent


Figure = tuple[str, float, str, str, float]  # bench, value, unit, stat, target


def household_figures(st: Station, reads: int) -> list[Figure]:
    """Opening the busiest household's log (all it has), and the year's 帮扶台账 XLSX."""
    logs = timed(lambda _: st.households.log(household_no(0)), reads)
    year = str(clock.now().year)
    ledgers = timed(lambda _: st.households.export_ledger(year), 3)
    return [
        ("households.log", statistics.median(logs), "ms", "median", 100),
        ("households.log", max(logs), "ms", "max", 100),
        ("households.ledger_year_xlsx", statistics.median(ledgers), "ms", "median", 3000),
        ("households.ledger_year_xlsx", max(ledgers), "ms", "max", 3000),
    ]


def voucher_figures(st: Station, times: int) -> list[Figure]:
    """A purchase from a household to its event, and on to its 收购凭证 PDF (80mm)."""
    events, pdfs = [], []
    household = st.households.household(household_no(0)).household
    operator = st.session.require_operator()
    for i in range(times):
        weighing = {
            "source": "scale",
            "gross": f"{12 + i % 40}.5",
            "tare": "2",
            "net": f"{10 + i % 40}.5",
            "frame": f"ST,GS,+ {10 + i % 40:>3}.500kg",
        }
        begin = time.perf_counter()
        bought = st.produce.buy(
            seller="岩温0",
            product="大米",
            grade="一级",
            quantity=f"{10 + i % 40}.5",
            unit="斤",
            unit_price="3.55",
            paid="cash",
            household=household_no(0),
            weighing=weighing,
        )
        at_event = time.perf_counter()
        footer = ReceiptFooter(
            event_id=bought.id, printed_at=datetime.now(UTC), operator_name=operator.name
        )
        purchase_voucher(
            purchase=bought,
            weighing=weighing,
            household=household,
            header=HEADER,
            footer=footer,
            paper="80mm",
        )
        done = time.perf_counter()
        events.append((at_event - begin) * 1000)
        pdfs.append((done - begin) * 1000)
    return [
        ("produce.buy_with_voucher.event", statistics.median(events), "ms", "median", 50),
        ("produce.buy_with_voucher.event", max(events), "ms", "max", 50),
        ("produce.buy_with_voucher.pdf", statistics.median(pdfs), "ms", "median", 300),
        ("produce.buy_with_voucher.pdf", max(pdfs), "ms", "max", 300),
    ]
