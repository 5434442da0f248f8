"""The parcel screens (快递): intake, pickup, shelves, sending, handover, parcel settings."""

from stationapp.ui.pages.parcels.page import ParcelsPage

__all__ = ["ParcelsPage"]
