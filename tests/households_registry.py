"""Registered households for the household log's tests: the county's feed in its exact shape,
and station events of other lines' types (registered for one test through ``stub_line``) that
name a household the way docs/households.md says."""

from __future__ import annotations

from typing import Any

from stationapp.core.projections import Projector

STUB_TYPES = ("produce.bought", "produce.settled", "order.created", "test.noted")


def household(no: str, name: str, **fields: Any) -> dict[str, Any]:
    base = {
        "household_no": no,
        "head_name": name,
        "id_tail": "001X",
        "members": 4,
        "township": "孟定镇",
        "village": "芒艾村",
        "natural_village": "芒艾上寨",
        "household_type": "脱贫户",
        "monitoring_type": "",
        "risk_cleared": False,
        "causes": ["因病"],
        "phone_masked": "尾号5678",
    }
    return base | fields


def register(station: Any, *households: dict[str, Any]) -> None:
    """The county's feed brings ``households`` into the station's registry."""
    page = [
        {"cursor": str(n), "kind": "household", "op": "upsert", "key": h["household_no"], "data": h}
        for n, h in enumerate(households, start=1)
    ]
    station.county.apply_page(page, str(len(page)))


def voidable(monkeypatch: Any, projectors: dict[str, Projector], *event_types: str) -> None:
    """Let a manager void the stub types (their owner's revert does nothing here)."""

    def nothing(replay: Any, event: Any) -> None:
        return None

    for event_type in event_types:
        monkeypatch.setitem(projectors, event_type, Projector(nothing, revert=nothing))


def record(station: Any, event_type: str, **payload: Any) -> Any:
    """An event of another line naming a household, appended as that line would."""
    operator = station.session.require_operator()
    with station.log.batch() as batch:
        return batch.append(event_type, entity_id="x", payload=payload, operator=operator.id)


def bought(station: Any, household_no: str, fen: int, **more: Any) -> Any:
    """Produce bought from the household, paid ``fen`` in cash."""
    payload = {
        "household_id": household_no,
        "money": [{"method": "cash", "fen": -fen}],
        "product": "咖啡豆",
        "grade": "一级",
        "quantity": "12.5",
        "unit": "斤",
        "unit_price_fen": 350,
        "market_price_fen": 320,
    }
    return record(station, "produce.bought", **(payload | more))
