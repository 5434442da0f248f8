"""How a parcel's fields are printed on the parcel documents: masked, in station time, in the
station's units.

Privacy (GB/T 41833-2022, DESIGN §7): a pickup slip is handed to a villager and often thrown away,
a manifest leaves with the courier. No document prints a whole phone number (``尾号5678``), a
whole name (``张*``) or an ID number. The pickup slip prints the waybill as ``****0521``: the last
four characters match the arrival text (运单尾号0521), so the villager can tell the parcels apart,
while a whole number would let whoever finds the slip track the parcel and, with the phone tail,
ask the carrier for the address; four fixed stars also hide the number's length. Manifests print
whole waybills because the courier checks each parcel against them; they print no phone.
"""

from __future__ import annotations

from datetime import datetime

from stationapp.core import clock
from stationapp.core.i18n import QT_TRANSLATE_NOOP
from stationapp.core.phone import mask_phone
from stationapp.core.waybill import CARRIERS
from stationapp.receipts.content import tr

WAYBILL_MASK = "****"

# Where an address names its city: the earliest of these endings (a bare 州 is part of 广州市).
_CITY_ENDINGS = ("市", "自治州", "地区", "盟")
_PROVINCE_ENDINGS = ("特别行政区", "自治区", "省")
_MUNICIPALITIES = ("北京", "上海", "天津", "重庆")
_CITY_MAX = 12
_UNKNOWN_CITY_CHARS = 4


def mask_name(name: str) -> str:
    """``张*``: the first character only (a name the waybill printed partial stays partial)."""
    name = "".join(name.split())
    return f"{name[0]}*" if name else ""


def mask_waybill(number: str) -> str:
    """``****0521``: the last four characters behind four fixed stars (see the module's note)."""
    return WAYBILL_MASK + number[-4:] if len(number) > 4 else WAYBILL_MASK


def masked_person(name: str, phone: str) -> str:
    """``张* 尾号5678``, or whichever of the two is known; ``phone`` may already be masked (a
    parcel known by its label's tail alone shows ``尾号5678`` and nothing more)."""
    shown = phone if phone.startswith("尾号") else mask_phone(phone)
    return " ".join(part for part in (mask_name(name), shown) if part)


def destination_city(address: str) -> str:
    """The city an address goes to (``昆明市``, ``德宏傣族景颇族自治州``, ``上海市``): enough for
    the courier to sort by, never the street. An address that names no city shows its first
    four characters (``广东深圳…``)."""
    text = "".join(address.split())
    province = ""
    for ending in _PROVINCE_ENDINGS:
        end = text.find(ending, 1, _CITY_MAX)
        if end > 0:
            province, text = text[: end + len(ending)], text[end + len(ending) :]
            break
    for city in _MUNICIPALITIES:
        if text.startswith(city):
            return city + "市"
    ends = [
        end + len(ending)
        for ending in _CITY_ENDINGS
        if (end := text.find(ending, 1, _CITY_MAX)) > 0
    ]
    if ends:
        return text[: min(ends)]
    if province:
        return province
    return text[:_UNKNOWN_CITY_CHARS] + ("…" if len(text) > _UNKNOWN_CITY_CHARS else "")


def carrier_name(carrier: str) -> str:
    """The carrier's Chinese name (``圆通``) from its code, or the text as given."""
    return CARRIERS.get(carrier.strip().upper(), carrier)


def carrier_order(code: str) -> tuple[int, str]:
    """Sort key: carriers in the order the station's lists show them, unknown ones last."""
    known = list(CARRIERS)
    return (known.index(code) if code in known else len(known), code)


def local_time(moment: str | datetime) -> str:
    """Station wall time to the minute: ``2025-11-20 14:03``."""
    if isinstance(moment, str):
        moment = clock.parse_iso(moment)
    if moment.tzinfo is not None:
        moment = moment.astimezone(clock.SHANGHAI)
    return moment.strftime("%Y-%m-%d %H:%M")


def kilograms(grams: int) -> str:
    """Grams as kilograms with three decimals, exactly (no float): 1250 -> ``1.250``."""
    whole, rest = divmod(grams, 1000)
    return f"{whole}.{rest:03d}"


def parcel_count(count: int) -> str:
    """``3 件``."""
    return tr(QT_TRANSLATE_NOOP("Receipt", "{count} parcels")).format(count=count)
