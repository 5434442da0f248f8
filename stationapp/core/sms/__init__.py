"""The SMS line (短信): every text the station sends goes through its outbox (DESIGN §7), and
the do-not-text list. Shared: another line queues its texts here (``st.sms.queue_text`` or
``sms.queue``). ``st.sms``; ``LINE`` is listed in ``stationapp.core.lines``.

- ``facade``: ``SmsOutbox`` and ``deliver_due`` (a provider's round);
- ``queue``: queueing and grouping a text in the caller's transaction;
- ``store``: the outbox rows and their projectors; ``tables``: the tables and migrations;
- ``text``: a row as a screen reads it; ``render``: templates, length, parts;
- ``relay``: texts handed to the county center and its answers (county handlers);
- ``do_not_text``: the numbers never texted; ``settings``: the SMS settings;
- ``providers``: the provider the station's settings choose (``stationapp.sms_providers``).
"""

from stationapp.core.line import Line, Migration
from stationapp.core.sms import relay, store
from stationapp.core.sms.facade import SmsOutbox, deliver_due
from stationapp.core.sms.render import Rendered
from stationapp.core.sms.settings import SMS_SETTINGS
from stationapp.core.sms.tables import migrate_sms, migrate_sms_relay
from stationapp.core.sms.text import OutboxText

__all__ = ["LINE", "OutboxText", "Rendered", "SmsOutbox", "deliver_due"]

LINE = Line(
    name="sms",
    facades={"sms": SmsOutbox},
    projectors=store.PROJECTORS,
    projected_tables=store.PROJECTED_TABLES,
    migrations=(
        # the outbox and the do-not-text list (tables beside the outbox: sms/tables.py)
        Migration("005_sms_outbox", migrate_sms),
        # the outbox learns the `relayed` state (texts handed to the county center)
        Migration("008_sms_relay", migrate_sms_relay),
    ),
    settings=SMS_SETTINGS,
    county_handlers=relay.COUNTY_HANDLERS,
)
