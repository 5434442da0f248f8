"""The parcels line's household links for the station of every event type (its other events
are driven in tests/test_lines_complete.py itself): a parcel marked for a registered household
(``parcel.received`` with ``household_id`` and ``customer_household``), a later one marked
without asking, and a wrong link cleared (``customer_household: ""``), so a restore is compared
on ``customers.household_id`` too; and a parcel the household's member sends (``parcel.sent``
with ``household_id``), so the household log's row for it is compared as well."""

from __future__ import annotations

from typing import Any

from stationapp.core.idcard import check_character

HOUSEHOLD_NO = "5309260101000098"


def drive(st: Any) -> None:
    registered = {
        "household_no": HOUSEHOLD_NO,
        "head_name": "玉罕",
        "id_tail": "003X",
        "members": 2,
        "township": "孟定镇",
        "village": "芒艾村",
        "household_type": "脱贫户",
        "phone_masked": "尾号7788",
    }
    change = {"cursor": "p1", "kind": "household", "op": "upsert", "key": HOUSEHOLD_NO}
    st.county.apply_page([change | {"data": registered}], st.county.cursor())
    for n, household_id in enumerate((HOUSEHOLD_NO, None, ""), start=1):
        st.parcels.receive(
            waybill=f"YT75123400077{n:02d}",
            recipient_phone="13812347788",
            recipient_name="玉罕",
            household_id=household_id,
        )
    st.parcels.receive(
        waybill="YT7512340007704",
        recipient_phone="13812347799",
        recipient_name="岩罕",
        household_id=HOUSEHOLD_NO,
    )
    id_first17 = "53092619900307002"
    st.sending.send(
        sender_name="玉罕",
        sender_phone="13812347788",
        id_type="resident_id",
        id_number=id_first17 + check_character(id_first17),
        item_name="红糖",
        item_category="food",
        item_count=1,
        recipient_name="李小明",
        recipient_phone="13987654321",
        recipient_address="云南省昆明市五华区青年路 100 号",
        carrier="YTO",
        weight_g=900,
        fee_fen=1000,
        payment="wechat",
        household_id=HOUSEHOLD_NO,
    )
