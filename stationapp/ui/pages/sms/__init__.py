"""The SMS screens (短信): the outbox, the do-not-text list and the SMS settings."""

from stationapp.ui.pages.sms.page import SmsPage

__all__ = ["SmsPage"]
