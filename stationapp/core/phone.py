"""Phone numbers: villagers' mobiles (they receive pickup texts) and the station's contact line.

What is printed, texted or shown on a shared screen hides at least six digits (GB/T 41833-2022
asks this of waybills): ``尾号5678``, never ``138****5678``, which hides only four.

Which mobile blocks are in use and how long each area code's landlines are comes from
libphonenumber (``phonenumberslite``), updated every few weeks as assignments change, not from a
table kept here. It can lag behind a new block: a number of the right form it does not list is
an :class:`UnlistedNumber`, a warning the operator may confirm, never a dead end. The data-card
blocks (140-144, 146, 148, 149) cannot receive texts: they are refused wherever a mobile is asked
for.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—.·()]")
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)")
_MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
_IOT = re.compile(r"^1\d{12}$", re.ASCII)
# Area codes: 010 and 02x have three digits with the 0, the rest four; subscribers 7-8 digits.
_LANDLINE = re.compile(r"^(?P<area>010|02\d|0[3-9]\d{2})(?P<local>[1-9]\d{6,7})$", re.ASCII)
_NATIONWIDE = re.compile(r"^(?P<kind>400|800)(?P<a>\d{3})(?P<b>\d{4})$", re.ASCII)
_SERVICE = re.compile(r"^9[56]\d{3,6}$", re.ASCII)
_LOCAL_ONLY = re.compile(r"^[2-9]\d{6,7}$", re.ASCII)
# 11-digit data-card blocks (上网卡): data only, no texts (DOMAIN.md)
_DATA_CARD = re.compile(r"^14[0-4689]\d{8}$", re.ASCII)
_MOBILE_TYPES = frozenset(
    (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
)
_LANDLINE_TYPES = frozenset(
    (phonenumbers.PhoneNumberType.FIXED_LINE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
)
_MIN_HIDDEN = 6


class UnlistedNumber(ValidationError):
    """A number of the right form that the numbering plan this app knows does not list: a new
    block, or a mistyped digit. A warning: the operator checks it and may keep it
    (``confirmed=True``)."""

    level = "warning"

    def __init__(self, text: str, /, *, number: str, **params: object) -> None:
        super().__init__(text, number=number, **params)
        self.number = number


_TAIL = 4


def _digits_and_plus(text: str) -> str:
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))


def _national(cleaned: str) -> str:
    """Drop +86/0086, and a bare 86 when an 11-digit mobile follows it."""
    cleaned = _COUNTRY_PREFIX.sub("", cleaned)
    if len(cleaned) == 13 and cleaned.startswith("86") and _MOBILE.match(cleaned[2:]):
        cleaned = cleaned[2:]
    return cleaned


def normalize_mobile(text: str, *, confirmed: bool = True) -> str:
    """A mainland mobile as its 11 digits (``13812345678``), from ``+86 138-1234-5678`` etc.

    A number in a block the numbering plan does not list is taken when ``confirmed`` (the
    default: finding, proxies, lists) and raises :class:`UnlistedNumber` when not (a new
    recipient at intake, a sender: the operator is asked to check it first).
    """
    shown = text.strip()
    number = _national(_digits_and_plus(text))
    if not number:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Enter a mobile number: 11 digits starting with 1, like 13812345678.",
            )
        )
    if _MOBILE.match(number):
        return _checked_mobile(number, shown, confirmed)
    if _IOT.match(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} has 13 digits: it is an IoT card number that cannot receive texts; "
                "enter the 11-digit mobile number, like 13812345678.",
            ),
            number=shown,
        )
    if _landline_parts(number) is not None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} is a landline, which cannot receive texts; "
                "enter the 11-digit mobile number, like 13812345678.",
            ),
            number=shown,
        )
    raise ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{number} is not a mobile number; a mobile number has 11 digits "
            "and starts with 13 to 19, like 13812345678.",
        ),
        number=shown,
    )


def _checked_mobile(number: str, shown: str, confirmed: bool) -> str:
    if _DATA_CARD.match(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} is a data-card number (blocks 140–144, 146, 148, 149), which cannot "
                "receive texts; ask for the mobile number the villager uses for calls and texts.",
            ),
            number=shown,
        )
    if confirmed or _listed(number, _MOBILE_TYPES):
        return number
    raise UnlistedNumber(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{number} is not a mobile number in use as far as this app knows (the block {block} "
            "is not assigned, or a digit is wrong). Check it with the villager; keep it only if "
            "it is right.",
        ),
        number=number,
        block=number[:3],
    )


def _listed(national: str, types: frozenset[int]) -> bool:
    parsed = phonenumbers.parse(national, "CN")
    return phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in types


def is_mobile(text: str) -> bool:
    """Whether ``text`` is a mainland mobile number in any accepted spelling."""
    if not isinstance(text, str):
        return False
    try:
        normalize_mobile(text)
    except ValidationError:
        return False
    return True


def mask_phone(phone: str) -> str:
    """``尾号5678``: only the last digits, and at least six digits always hidden.

    A number too short to hide six digits and still show four shows fewer (a 9-digit number shows
    three); one with nothing left to show gives ``尾号**``.
    """
    digits = _digits_only(phone)
    if not digits:
        return ""
    shown = min(_TAIL, len(digits) - _MIN_HIDDEN)
    return "尾号" + (digits[-shown:] if shown > 0 else "**")


def phone_tail(phone: str) -> str:
    """The last four digits, as operators ask for them at pickup."""
    digits = _digits_only(phone)
    if len(digits) < _TAIL:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} has fewer than four digits; enter the whole phone number.",
            ),
            number=phone.strip(),
        )
    return digits[-_TAIL:]


def normalize_contact_phone(text: str) -> str:
    """The station's contact number, as printed on notices and receipts.

    A mobile (``13812345678``), a landline with its area code (``0883-1234567``; written
    ``08831234567``, ``(0883)1234567`` or ``+86 883 1234567``), a 400/800 number
    (``400-123-4567``) or a 95/96 service number (``95338``).
    """
    shown = text.strip()
    cleaned = _digits_and_plus(text)
    if not cleaned:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "Enter the station's phone number: a mobile, or a landline with its area code "
                "like 0883-1234567.",
            )
        )
    number = _national(cleaned)
    if _MOBILE.match(number):
        return _checked_mobile(number, shown, confirmed=True)
    if _COUNTRY_PREFIX.match(cleaned) and not number.startswith("0"):
        number = "0" + number  # +86 883 1234567: the area code loses its 0 abroad
    parts = _landline_parts(number)
    if parts is not None:
        _check_landline_length(*parts, shown=shown)
        return f"{parts[0]}-{parts[1]}"
    nationwide = _NATIONWIDE.match(number)
    if nationwide is not None:
        return f"{nationwide['kind']}-{nationwide['a']}-{nationwide['b']}"
    if _SERVICE.match(number):
        return number
    if _LOCAL_ONLY.match(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} has no area code; write the landline with it, like 0883-1234567.",
            ),
            number=shown,
        )
    raise ValidationError(
        QT_TRANSLATE_NOOP(
            "UserError",
            "{number} is not a phone number the station can be reached on; enter a mobile "
            "(13812345678), a landline with its area code (0883-1234567) "
            "or a 400/95 service number.",
        ),
        number=shown,
    )


def _check_landline_length(area: str, local: str, *, shown: str) -> None:
    """Refuse a landline whose area code takes local numbers of the other length (3-digit area
    codes take 8 digits; 4-digit ones 7 or 8 by city). An area code the numbering plan does not
    list is taken as typed."""
    if _listed(area + local, _LANDLINE_TYPES):
        return
    other = 7 if len(local) == 8 else 8
    if _listed(area + (local + "0")[:other], _LANDLINE_TYPES):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} has {length} digits after the area code {area}, but numbers there "
                "have {expected}; check the number.",
            ),
            number=shown,
            length=len(local),
            area=area,
            expected=other,
        )


def _landline_parts(number: str) -> tuple[str, str] | None:
    match = _LANDLINE.match(number)
    return None if match is None else (match["area"], match["local"])


def _digits_only(phone: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch in "0123456789")
