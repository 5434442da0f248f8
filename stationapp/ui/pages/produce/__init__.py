"""The produce screens (收购/代销): purchase with the scale, consignment, sale."""

from stationapp.ui.pages.produce.page import ProducePage

__all__ = ["ProducePage"]
