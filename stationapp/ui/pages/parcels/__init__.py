"""The parcel screens (快递): intake, pickup, shelves, sending, handover and the SMS outbox."""

from stationapp.ui.pages.parcels.page import ParcelsPage

__all__ = ["ParcelsPage"]
