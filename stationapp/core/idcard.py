"""Resident ID numbers (居民身份证号码, GB 11643): check them, show their tail, seal them, tag them.

An ID number has little entropy (a region code, a birth date, four more characters), so nothing
a station keeps may let a thief get it back cheaply (DESIGN §11):

- :func:`id_tail` is all a station keeps to show: the last four characters.
- :func:`seal_id` seals the whole number to the county's public key (real-name sending,
  实名收寄): the station writes it and can never read it back; the county admin opens it with
  the private key that stays at the county (:func:`open_sealed_id`).
- :func:`id_tag` is a short keyed tag (``TAG_BITS`` bits) that lets a station recognise a typed
  household ID number: with the tail and the region known, every birth date that fits is one
  candidate, and the tag keeps one in ``2 ** TAG_BITS`` of them, so a stored tag still leaves
  hundreds of equally likely numbers even to a thief holding the key.
"""

from __future__ import annotations

import base64
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
MASK_TAIL = 4
"""Masked numbers show only the last four characters: ``**************123X``."""
TAG_BITS = 4
"""A household's ID tag keeps one candidate in 16: with the region code and the tail known, a
stored tag still leaves about 29,000 / 11 / 16, some 170, birth dates between ages 18 and 100."""
SEALED_PREFIX = "nacl-sealed:"

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


def id_tail(number: str) -> str:
    """What a station keeps to show: the last four characters of an 18-character number; of a
    shorter document number at most a quarter of its characters."""
    value = _normalized(number)
    shown = min(MASK_TAIL, len(value) // 4)
    return value[len(value) - shown :] if shown else ""


def mask_id(number: str) -> str:
    """``**************123X``: only the tail (:func:`id_tail`) shows; the length is kept."""
    value = _normalized(number)
    if not value:
        return ""
    tail = id_tail(value)
    return "*" * (len(value) - len(tail)) + tail


def tail_of_masked(masked: str) -> str:
    """The tail an older record's masked number shows (``5301**********123X`` gives ``123X``):
    the characters after its last ``*``, at most four. Old records are read through this."""
    value = _normalized(masked)
    return value[value.rfind("*") + 1 :][-MASK_TAIL:] if "*" in value else ""


def id_tag(number: str, key: bytes) -> int:
    """The household ID tag, 0 to ``2 ** TAG_BITS - 1``: the top bits of HMAC-SHA256 keyed with
    the county's tag key. Short on purpose: it narrows a lookup, it does not identify."""
    if not isinstance(key, bytes | bytearray) or not key:
        raise ValueError("id_tag needs the county's tag key as non-empty bytes")
    digest = hmac.digest(bytes(key), _normalized(number).encode(), "sha256")
    return digest[0] >> (8 - TAG_BITS)


def public_key_fingerprint(public_key: str) -> str:
    """A short name for a sealing key (16 hex digits): which county key a record was sealed to."""
    return hashlib.sha256(_key_bytes(public_key)).hexdigest()[:16]


def seal_id(number: str, public_key: str) -> str:
    """The whole number sealed to the county's public key (X25519, libsodium's sealed box), as
    ``nacl-sealed:<base64>``. Nobody but the holder of the private key can open it, the station
    that sealed it included."""
    from nacl.public import PublicKey, SealedBox

    box = SealedBox(PublicKey(_key_bytes(public_key)))
    sealed = box.encrypt(_normalized(number).encode())
    return SEALED_PREFIX + base64.b64encode(sealed).decode("ascii")


def open_sealed_id(sealed: str, private_key: str) -> str:
    """The number :func:`seal_id` sealed, with the county's private key (base64). Raises
    ``ValueError`` when it was sealed to another key or was altered."""
    from nacl.exceptions import CryptoError
    from nacl.public import PrivateKey, SealedBox

    if not sealed.startswith(SEALED_PREFIX):
        raise ValueError("not a sealed ID number")
    try:
        box = SealedBox(PrivateKey(_key_bytes(private_key)))
        return box.decrypt(base64.b64decode(sealed[len(SEALED_PREFIX) :])).decode()
    except (CryptoError, ValueError) as exc:
        raise ValueError("this record was sealed to another key, or was altered") from exc


def new_key_pair() -> tuple[str, str]:
    """(private, public) keys for sealing, base64: the county makes them once."""
    from nacl.public import PrivateKey

    private = PrivateKey.generate()
    return (
        base64.b64encode(bytes(private)).decode("ascii"),
        base64.b64encode(bytes(private.public_key)).decode("ascii"),
    )


def public_key_of(private_key: str) -> str:
    """The public key (base64) that belongs to a private key (base64)."""
    from nacl.public import PrivateKey

    return base64.b64encode(bytes(PrivateKey(_key_bytes(private_key)).public_key)).decode("ascii")


def _key_bytes(key: str) -> bytes:
    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (ValueError, AttributeError) as exc:
        raise ValueError("a key is 32 bytes in base64") from exc
    if len(raw) != 32:
        raise ValueError("a key is 32 bytes in base64")
    return raw


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
