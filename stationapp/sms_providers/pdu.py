"""SMS-SUBMIT PDUs for a GSM/4G modem in PDU mode (``AT+CMGF=0``), UCS2 only.

Chinese needs UCS2 (data coding ``08``): 70 characters fit one message; a longer text goes in
parts of 67, each carrying the concatenation header ``05 00 03 <ref> <total> <seq>`` so the phone
joins them (3GPP TS 23.040 §9.2.3.24.1). Characters outside the BMP take two UTF-16 units and are
never split across parts.
"""

from __future__ import annotations

from dataclasses import dataclass

SINGLE_UNITS = 70
PART_UNITS = 67
MAX_PARTS = 255

_SUBMIT = 0x01
_VPF_RELATIVE = 0x10
_UDHI = 0x40
_UCS2 = 0x08
_VALIDITY_4_DAYS = 0xAA  # relative validity: (0xAA - 166) days; a parcel waits about that long
_INTERNATIONAL = 0x91
_UNKNOWN = 0x81


@dataclass(frozen=True)
class Pdu:
    """One part as the modem wants it: the hex to type after ``>`` and ``AT+CMGS=<length>``."""

    hex: str
    length: int  # octets of the TPDU, the SMSC field not counted


def international_number(phone: str) -> str:
    """``8613812345678`` for a mainland mobile; other numbers keep their digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if phone.strip().startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    if len(digits) == 11 and digits.startswith("1"):
        return "86" + digits
    return digits


def _semi_octets(digits: str) -> bytes:
    if len(digits) % 2:
        digits += "F"
    return bytes.fromhex("".join(digits[i + 1] + digits[i] for i in range(0, len(digits), 2)))


def _address(number: str, *, international: bool) -> bytes:
    kind = _INTERNATIONAL if international else _UNKNOWN
    return bytes([len(number), kind]) + _semi_octets(number)


def _smsc(smsc: str) -> bytes:
    """The service centre field: ``00`` lets the modem use the one stored on the SIM."""
    if not smsc:
        return b"\x00"
    number = international_number(smsc)
    body = bytes([_INTERNATIONAL]) + _semi_octets(number)
    return bytes([len(body)]) + body


def utf16_units(text: str) -> list[bytes]:
    data = text.encode("utf-16-be")
    return [data[i : i + 2] for i in range(0, len(data), 2)]


def split_units(text: str) -> list[list[bytes]]:
    """The text's UTF-16 units, one list per message part."""
    units = utf16_units(text)
    if len(units) <= SINGLE_UNITS:
        return [units]
    parts: list[list[bytes]] = []
    start = 0
    while start < len(units):
        end = min(start + PART_UNITS, len(units))
        if end < len(units) and 0xD8 <= units[end - 1][0] <= 0xDB:
            end -= 1  # a high surrogate stays with its low one
        parts.append(units[start:end])
        start = end
    return parts


def part_count(text: str) -> int:
    return len(split_units(text))


def encode_submit(phone: str, text: str, *, reference: int = 0, smsc: str = "") -> list[Pdu]:
    """The PDUs that send ``text`` to ``phone``; ``reference`` (0-255) ties the parts together."""
    number = international_number(phone)
    if not number:
        raise ValueError("a PDU needs a phone number with digits")
    parts = split_units(text)
    if len(parts) > MAX_PARTS:
        raise ValueError(f"the text needs {len(parts)} parts; a message holds at most 255")
    destination = _address(number, international=len(number) > 11 or phone.startswith("+"))
    concatenated = len(parts) > 1
    pdus = []
    for seq, units in enumerate(parts, start=1):
        user_data = b"".join(units)
        if concatenated:
            user_data = bytes([0x05, 0x00, 0x03, reference & 0xFF, len(parts), seq]) + user_data
        first = _SUBMIT | _VPF_RELATIVE | (_UDHI if concatenated else 0)
        tpdu = (
            bytes([first, 0x00])  # message reference: the modem fills it in
            + destination
            + bytes([0x00, _UCS2, _VALIDITY_4_DAYS, len(user_data)])
            + user_data
        )
        pdus.append(Pdu(hex=(_smsc(smsc) + tpdu).hex().upper(), length=len(tpdu)))
    return pdus
