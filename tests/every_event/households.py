"""The household log's events for the station of every event type: a registered household
(from the county's feed) and a service without money recorded for it (``household.helped``)."""

from __future__ import annotations

from typing import Any

HOUSEHOLD_NO = "5309260101000099"


def drive(st: Any) -> None:
    registered = {
        "household_no": HOUSEHOLD_NO,
        "head_name": "岩罕",
        "id_tail": "002X",
        "members": 3,
        "township": "孟定镇",
        "village": "芒艾村",
        "household_type": "脱贫户",
        "phone_masked": "尾号6789",
    }
    change = {"cursor": "h1", "kind": "household", "op": "upsert", "key": HOUSEHOLD_NO}
    st.county.apply_page([change | {"data": registered}], st.county.cursor())
    st.households.helped(HOUSEHOLD_NO, kind="form", note="帮填医保报销单", customer_name="玉罕")
