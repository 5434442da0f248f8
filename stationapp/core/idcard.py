"""Resident ID numbers (居民身份证号码, GB 11643): check them, mask them, hash them.

Real-name sending (实名收寄) needs the sender's ID checked and recorded; the station keeps the
masked number for people to read and a salted hash to match a returning sender, never the
number in full.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from datetime import date

from stationapp.core import clock
from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

LENGTH = 18
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"  # indexed by (weighted sum mod 11)
# First two digits: the province-level division (GB/T 2260), 81-83 for the residence permits
# of Hong Kong, Macao and Taiwan residents, which follow the same rules.
PROVINCE_CODES = frozenset(
    {"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"}
    | {"41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64"}
    | {"65", "71", "81", "82", "83"}
)
MASK_HEAD = 4
MASK_TAIL = 4
"""Masked numbers show the first four digits (province and city) and the last four, hiding the
birth date: ``5301**********123X``, eight characters visible at most."""

_SHAPE = re.compile(r"^\d{17}[\dX]$", re.ASCII)


def check_character(first17: str) -> str:
    """The 18th character that GB 11643 computes from the first 17 digits."""
    if len(first17) != LENGTH - 1 or not first17.isascii() or not first17.isdigit():
        raise ValueError("the check character is computed from exactly 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARACTERS[total % 11]


def validate_resident_id(text: str) -> str:
    """The 18-character number with an upper-case X, or :class:`ValidationError` saying what is
    wrong: its length, its characters, its province, its birth date or its check digit."""
    number = _normalized(text)
    shown = number or text.strip()
    if not number:
        raise ValidationError(
            QT_TRANSLATE_NOOP("UserError", "Enter the 18-character ID number from the card.")
        )
    if len(number) == 15 and number.isdigit():
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{number} is an old 15-digit ID number; ask for the current card "
                "and enter its 18 characters.",
            ),
            number=shown,
        )
    if len(number) != LENGTH:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The ID number {number} has {length} characters; a resident ID number has 18 "
                "(17 digits and a last digit or X). Re-read the card.",
            ),
            number=shown,
            length=len(number),
        )
    if not _SHAPE.match(number):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The ID number {number} may hold only digits, with X allowed as the last "
                "character; re-read the card.",
            ),
            number=shown,
        )
    if number[:2] not in PROVINCE_CODES:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The ID number {number} starts with {code}, which is no province's code; "
                "re-read the first digits on the card.",
            ),
            number=shown,
            code=number[:2],
        )
    if _birth_date(number) is None:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The birth date {birth} in the ID number {number} is not a possible date; "
                "re-read the card.",
            ),
            number=shown,
            birth=number[6:14],
        )
    if check_character(number[:17]) != number[17]:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The check digit of the ID number {number} is wrong, so one of its characters "
                "was misread; re-read the card and enter the number again.",
            ),
            number=shown,
        )
    return number


def birth_date(number: str) -> date:
    """The holder's birth date, from a valid number."""
    born = _birth_date(validate_resident_id(number))
    assert born is not None  # validate_resident_id refused impossible dates
    return born


def mask_id(number: str) -> str:
    """``5301**********123X``: the first four and last four characters of an 18-character
    number. Shorter numbers (other documents) show at most a quarter of their characters at
    each end, so at least half is hidden."""
    value = _normalized(number)
    if not value:
        return ""
    head = min(MASK_HEAD, len(value) // 4)
    tail = min(MASK_TAIL, len(value) // 4)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]


def id_hash(number: str, salt: bytes) -> str:
    """Salted SHA-256 (HMAC-SHA256 keyed with the station's ``salt``) of the normalized number,
    as 64 hex digits: the same person gives the same hash at one station, and the hash
    cannot be turned back into the number without the salt."""
    if not isinstance(salt, bytes | bytearray) or not salt:
        raise ValueError("id_hash needs the station's salt as non-empty bytes")
    return hmac.new(bytes(salt), _normalized(number).encode(), hashlib.sha256).hexdigest()


def _normalized(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def _birth_date(number: str) -> date | None:
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None
    if born.year < 1900 or born > clock.now().date():
        return None
    return born
