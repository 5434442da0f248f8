"""What the produce tests share: a county registry with one household and a catalog item, and
the event count a refusal must leave unchanged."""

from __future__ import annotations

from typing import Any

HOUSEHOLD_NO = "5309260101001"
TEA = "TEA-001"  # 勐库大叶种晒青毛茶, reference ¥40.00 per 斤


def _change(kind: str, key: str, data: dict[str, Any], cursor: str) -> dict[str, Any]:
    return {"cursor": cursor, "kind": kind, "op": "upsert", "key": key, "data": data}


def with_county(st: Any) -> None:
    """The county's registry and catalog as the feed brings them."""
    household = {
        "household_no": HOUSEHOLD_NO,
        "head_name": "岩温香",
        "id_tail": "001X",
        "members": 4,
        "township": "孟定镇",
        "village": "芒艾村",
        "household_type": "脱贫户",
        "phone_masked": "尾号5678",
    }
    tea = {
        "code": TEA,
        "name": "勐库大叶种晒青毛茶",
        "category": "茶叶",
        "unit": "斤",
        "price_fen": 4000,
        "certified": True,
    }
    st.county.apply_page(
        [
            _change("household", HOUSEHOLD_NO, household, "1"),
            _change("catalog", TEA, tea, "2"),
        ],
        "2",
    )


def events(st: Any) -> int:
    return st.events.count()
