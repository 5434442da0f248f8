"""What the produce page waits for does not grow with history: the stock is a running table, and
today's purchases are found by their index among 50,000 of earlier days."""

from __future__ import annotations

import time

from stationapp.core import ids

BUY = {
    "seller": "岩香",
    "product": "大米",
    "grade": "一级",
    "quantity": "10",
    "unit": "斤",
    "unit_price": "2.5",
    "paid": "cash",
}
HISTORY = 50_000


def _history(station, count: int) -> None:
    """Rows of purchases made in earlier years, written straight into the table: what the reads
    below must not look at."""
    rows = [
        (ids.uuid7(), f"2024-{1 + i % 12:02d}-15T10:00:00.000+08:00", "岩香", "大米", "大米")
        for i in range(count)
    ]
    station.conn.execute("BEGIN")
    station.conn.executemany(
        "INSERT INTO produce_purchases (id, bought_at, seller_name, product, product_name,"
        " grade, unit, quantity, grams, source, unit_price_fen, amount_fen, paid_by, operator)"
        " VALUES (?, ?, ?, ?, ?, '一级', '斤', '10', 5000, 'typed', 250, 2500, 'cash', '')",
        rows,
    )
    station.conn.execute("COMMIT")


def _slowest_of(read, times: int = 20) -> float:
    slowest = 0.0
    for _ in range(times):
        start = time.perf_counter()
        read()
        slowest = max(slowest, time.perf_counter() - start)
    return slowest


def test_reading_the_stock_and_todays_figures_does_not_grow_with_50000_purchases(station):
    station.produce.buy(**BUY)
    _history(station, HISTORY)
    assert _slowest_of(station.produce.stock) < 0.020
    assert _slowest_of(station.produce.day_totals) < 0.020
    assert station.produce.day_totals()[0] == 1
    assert station.produce.stock()[0].own == "10"


def test_todays_purchases_are_found_through_their_index_on_the_time_bought(station):
    plan = " ".join(
        str(row[-1])
        for row in station.conn.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM produce_purchases"
            " WHERE bought_at >= '2026-01-01' AND bought_at < '2026-01-02'"
        )
    )
    assert "produce_purchases_day" in plan
