"""Waybill numbers (运单号): clean what a scanner or a person typed, and guess the carrier.

No rule tells the carrier for sure: pure-digit numbers of 13-15 digits overlap between 中通, 申通,
韵达 and 邮政. So the guess is a ranked list the operator confirms, and what the operator confirms
is learned by prefix (:func:`learning_prefix`) and comes first next time.

A guess's ``reason`` is an English source string marked for translation in the "CarrierGuess"
context; show it with ``translate("CarrierGuess", guess.reason)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from stationapp.core.errors import ValidationError
from stationapp.core.i18n import QT_TRANSLATE_NOOP

CARRIERS: dict[str, str] = {
    "SF": "顺丰",
    "ZTO": "中通",
    "YTO": "圆通",
    "YUNDA": "韵达",
    "STO": "申通",
    "JT": "极兔",
    "EMS": "邮政",
    "JD": "京东",
    "DBL": "德邦",
}

MIN_LENGTH = 8
MAX_LENGTH = 30
LEARNING_PREFIX_LENGTH = 4
LEARNED_SCORE = 1.0

# A barcode scanner set to send the AIM symbology identifier types "]" + code letter + modifier
# (]C1 for GS1-128, ]E0 for EAN-13, ]Q1 for QR) before the data.
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_ALLOWED = re.compile(r"^[A-Z0-9-]+$")
_NOT_ALLOWED = re.compile(r"[^A-Z0-9-]")
# JD's package label adds "-<package>-<packages>-" (JDVA16786843353-1-1-: package 1 of 1): not
# part of the waybill. Packages of a shipment of several keep "-2-3" (each is its own parcel on
# the shelf); the carrier is told from the waybill before it.
_JD_PACKAGE = re.compile(r"^(?P<waybill>JD[0-9A-Z]{13,15})-(?P<package>\d{1,3})-(?P<of>\d{1,3})-?$")
# UPU S10 (international postal items): two letters, 8 digits, a check digit, a country code
_S10 = re.compile(r"^[A-Z]{2}(?P<digits>\d{8})(?P<check>\d)[A-Z]{2}$")
_S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


@dataclass(frozen=True)
class CarrierGuess:
    """One candidate carrier for a waybill: its code (a key of :data:`CARRIERS`), a score in
    0..1 (higher fits better) and why."""

    carrier: str
    score: float
    reason: str


@dataclass(frozen=True)
class _Form:
    pattern: re.Pattern[str]
    carrier: str
    score: float
    reason: str


def _form(pattern: str, carrier: str, score: float, reason: str) -> _Form:
    return _Form(re.compile(pattern), carrier, score, reason)


# Scores: a letter prefix names its carrier (0.95+); a digit form is a likelihood among the
# carriers that share it, by how typical the form is (DOMAIN.md's table): 14 digits starting 73-79
# is 中通's usual form before 申通's 77; at 15 digits 申通's 77/88/268 form comes before 中通's
# rarer 15-digit numbers; at 13 digits 邮政's 1/8/9 before 申通's 88, and 韵达's 5 before 邮政's
# 50-52; at 12 digits 申通's 77/88/268, then 中通's 7/5, then 顺丰's older form. The "43" prefix
# sometimes quoted for 申通 is unverified and not offered (a station that sees it learns it).
_FORMS: tuple[_Form, ...] = (
    _form(r"^SF\d{12,13}$", "SF", 0.99, QT_TRANSLATE_NOOP("CarrierGuess", "SF and 12–13 digits")),
    _form(r"^SF[0-9A-Z]{10,15}$", "SF", 0.9, QT_TRANSLATE_NOOP("CarrierGuess", "starts with SF")),
    _form(r"^YT\d{12,13}$", "YTO", 0.99, QT_TRANSLATE_NOOP("CarrierGuess", "YT and 12–13 digits")),
    _form(r"^JT\d{12,13}$", "JT", 0.99, QT_TRANSLATE_NOOP("CarrierGuess", "JT and 12–13 digits")),
    _form(
        r"^JD[0-9A-Z]{2}\d{11}$",
        "JD",
        0.99,
        QT_TRANSLATE_NOOP("CarrierGuess", "JD, two letters or digits, and 11 digits"),
    ),
    _form(r"^JD\d{13,15}$", "JD", 0.99, QT_TRANSLATE_NOOP("CarrierGuess", "JD and 13–15 digits")),
    _form(
        r"^DPK\d{10,13}$", "DBL", 0.99, QT_TRANSLATE_NOOP("CarrierGuess", "DPK and 10–13 digits")
    ),
    _form(
        r"^[A-Z]{2}\d{9}[A-Z]{2}$",
        "EMS",
        0.95,
        QT_TRANSLATE_NOOP("CarrierGuess", "international postal form, like RR123456785CN"),
    ),
    _form(
        r"^7[3-9]\d{12}$",
        "ZTO",
        0.7,
        QT_TRANSLATE_NOOP("CarrierGuess", "14 digits starting 73–79: the usual ZTO form"),
    ),
    _form(
        r"^7[0-2]\d{12}$",
        "ZTO",
        0.6,
        QT_TRANSLATE_NOOP("CarrierGuess", "14 digits starting 70–72: a ZTO form"),
    ),
    _form(
        r"^[57]\d{11}$",
        "ZTO",
        0.55,
        QT_TRANSLATE_NOOP("CarrierGuess", "12 digits starting 7 or 5: a ZTO form"),
    ),
    _form(
        r"^7\d{14}$",
        "ZTO",
        0.45,
        QT_TRANSLATE_NOOP("CarrierGuess", "15 digits starting 7: some ZTO numbers"),
    ),
    _form(
        r"^(?:77|88)\d{10,13}$|^268\d{9,12}$",
        "STO",
        0.6,
        QT_TRANSLATE_NOOP("CarrierGuess", "12–15 digits starting 77, 88 or 268: the STO form"),
    ),
    _form(
        r"^(?:77|88)\d{13}$|^268\d{12}$",
        "STO",
        0.65,
        QT_TRANSLATE_NOOP("CarrierGuess", "15 digits starting 77, 88 or 268: the STO form"),
    ),
    _form(
        r"^[34](?:\d{12}|\d{14})$",
        "YUNDA",
        0.6,
        QT_TRANSLATE_NOOP("CarrierGuess", "13 or 15 digits starting 3 or 4: the Yunda form"),
    ),
    _form(
        r"^5(?:\d{12}|\d{14})$",
        "YUNDA",
        0.55,
        QT_TRANSLATE_NOOP("CarrierGuess", "13 or 15 digits starting 5: a Yunda form"),
    ),
    _form(
        r"^[189]\d{12}$",
        "EMS",
        0.7,
        QT_TRANSLATE_NOOP("CarrierGuess", "13 digits starting 1, 8 or 9: the China Post form"),
    ),
    _form(
        r"^5[0-2]\d{11}$",
        "EMS",
        0.5,
        QT_TRANSLATE_NOOP("CarrierGuess", "13 digits starting 50–52: a China Post form"),
    ),
    _form(r"^\d{12}$", "SF", 0.5, QT_TRANSLATE_NOOP("CarrierGuess", "12 digits: an older SF form")),
)

_LEARNED_REASON = QT_TRANSLATE_NOOP(
    "CarrierGuess", "this station confirmed this carrier for numbers that start the same way"
)


def normalize_waybill(text: str) -> str:
    """The waybill as stored: no spaces or control characters, half-width, upper case, without a
    scanner's AIM prefix (``]C1``). Refuses what cannot be a waybill number."""
    cleaned = "".join(
        ch
        for ch in unicodedata.normalize("NFKC", text)
        if not ch.isspace() and unicodedata.category(ch)[0] != "C"
    )
    cleaned = _AIM_PREFIX.sub("", cleaned).upper()
    if not cleaned:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError", "The waybill number is empty; scan the barcode or type the number."
            )
        )
    shown = cleaned if len(cleaned) <= 40 else cleaned[:39] + "…"
    if len(cleaned) > MAX_LENGTH:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{waybill} is too long for a waybill number ({length} characters, at most 30); "
                "scan the waybill's barcode, not a QR code.",
            ),
            waybill=shown,
            length=len(cleaned),
        )
    if not _ALLOWED.match(cleaned):
        wrong = "".join(dict.fromkeys(_NOT_ALLOWED.findall(cleaned)))
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                'The waybill number {waybill} contains "{characters}"; waybill numbers have only '
                "letters, digits and '-'. Scan it again or type it from the label.",
            ),
            waybill=shown,
            characters=wrong,
        )
    if len(cleaned) < MIN_LENGTH:
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "The waybill number {waybill} is too short ({length} characters, at least 8); "
                "scan it again or type all of it.",
            ),
            waybill=shown,
            length=len(cleaned),
        )
    s10 = _S10.match(cleaned)
    if s10 is not None and int(s10["check"]) != s10_check_digit(s10["digits"]):
        raise ValidationError(
            QT_TRANSLATE_NOOP(
                "UserError",
                "{waybill} is an international postal number whose check digit (the 9th "
                "digit) does not fit the eight before it: a digit was mistyped. Scan it again "
                "or type it from the label.",
            ),
            waybill=shown,
        )
    package = _JD_PACKAGE.match(cleaned)
    if package is not None:
        if int(package["of"]) <= 1:
            return package["waybill"]
        return f"{package['waybill']}-{int(package['package'])}-{int(package['of'])}"
    return cleaned


def s10_check_digit(digits: str) -> int:
    """The check digit of an S10 item's eight serial digits (UPU S10): weights 8 6 4 2 3 5 9 7,
    11 minus the sum modulo 11, where 10 becomes 0 and 11 becomes 5."""
    check = 11 - sum(int(d) * w for d, w in zip(digits, _S10_WEIGHTS, strict=True)) % 11
    return {10: 0, 11: 5}.get(check, check)


def carrier_waybill(number: str) -> str:
    """The part of a normalized number that tells the carrier: a JD package label's waybill."""
    package = _JD_PACKAGE.match(number)
    return number if package is None else package["waybill"]


def learning_prefix(waybill: str) -> str:
    """The prefix to remember when the operator confirms a carrier: the first four characters of
    the normalized number (``7731``, ``SF14``). Store it with the carrier code in the station's
    history and pass that mapping to :func:`carrier_candidates` as ``learned``."""
    return normalize_waybill(waybill)[:LEARNING_PREFIX_LENGTH]


def carrier_candidates(
    waybill: str, learned: Mapping[str, str] | None = None
) -> list[CarrierGuess]:
    """Ranked carrier guesses for ``waybill``, best first; empty when the form is unknown (the
    operator picks). A ``learned`` prefix (the longest that matches) ranks its carrier first."""
    try:
        number = normalize_waybill(waybill)
    except ValidationError:
        return []
    best: dict[str, CarrierGuess] = {}
    number = carrier_waybill(number)
    for form in _FORMS:
        if form.pattern.match(number):
            known = best.get(form.carrier)
            if known is None or form.score > known.score:
                best[form.carrier] = CarrierGuess(form.carrier, form.score, form.reason)
    ranked = sorted(best.values(), key=lambda guess: -guess.score)
    learned_carrier = _learned_carrier(number, learned or {})
    if learned_carrier is None:
        return ranked
    first = CarrierGuess(learned_carrier, LEARNED_SCORE, _LEARNED_REASON)
    return [first, *(guess for guess in ranked if guess.carrier != learned_carrier)]


def _learned_carrier(number: str, learned: Mapping[str, str]) -> str | None:
    for end in range(len(number), 0, -1):
        carrier = learned.get(number[:end])
        if carrier:
            return carrier
    return None
