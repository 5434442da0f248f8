"""The parcel line's documents (DESIGN §8), for 80 mm and 58 mm rolls and A4.

- ``pickup_slip`` (取件凭条), in ``slip``;
- ``parcel_day_summary`` (当日快递汇总), in ``day_summary``;
- ``handover_manifest`` (交件清单) and ``return_manifest`` (退件清单), in ``manifests``;
- how a parcel's fields are masked and shown on them, in ``fields``.

Each takes what it lists, the station's ``ReceiptHeader``, the print's ``ReceiptFooter`` and the
paper kind, and returns PDF bytes.
"""

from stationapp.receipts.parcels.day_summary import parcel_day_summary
from stationapp.receipts.parcels.manifests import handover_manifest, return_manifest
from stationapp.receipts.parcels.slip import pickup_slip

__all__ = ["handover_manifest", "parcel_day_summary", "pickup_slip", "return_manifest"]
