"""DESIGN §3's record: the ``Event`` itself, its canonical JSON, the payload checks that keep
out what the county could not give back exactly (DESIGN §5), and the hash that chains each
event to the one before it. The log (``core.events``), its storage (``core.event_store``) and
the wire (``sync.protocol``) all take these from here.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from stationapp.core.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class Event:
    id: str
    seq: int
    type: str
    entity_id: str
    occurred_at: str
    operator: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str
    station_id: str = ""

    @classmethod
    def from_row(cls, row: sqlite3.Row | tuple) -> Event:
        """From §3's columns in ``EVENT_COLUMNS`` order (``event_store.read`` gives them)."""
        ident, station_id, seq, type_, entity_id, occurred_at, operator, payload, prev, digest = row
        # the fields filled at once: a frozen dataclass's __init__ sets each one through
        # object.__setattr__, and verify's rebuild or a push reads events by the hundred thousand
        event = _new_object(cls)
        event.__dict__.update(
            id=ident,
            seq=seq,
            type=type_,
            entity_id=entity_id,
            occurred_at=occurred_at,
            operator=operator,
            payload=json.loads(payload),
            prev_hash=prev,
            hash=digest,
            station_id=station_id,
        )
        return event


_new_object = object.__new__


_json_text = json.encoder.encode_basestring  # a string as json.dumps(ensure_ascii=False) writes it


def canonical_json(value: Any) -> str:
    """UTF-8 friendly, keys sorted, no spaces: the bytes the hash is taken over."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# DESIGN §5: a payload the county could not give back exactly is refused at its push, so the
# station never writes one: nesting deeper than this, NaN/Infinity, lone surrogates, NUL.
MAX_PAYLOAD_DEPTH = 32  # the payload object itself is level 1
PAYLOAD_TOO_DEEP = QT_TRANSLATE_NOOP("UserError", "is nested deeper than 32 levels")
PAYLOAD_NOT_FINITE = QT_TRANSLATE_NOOP("UserError", "holds a number that is NaN or infinite")
PAYLOAD_NUL = QT_TRANSLATE_NOOP("UserError", "holds the character U+0000 (NUL)")
PAYLOAD_SURROGATE = QT_TRANSLATE_NOOP("UserError", "holds text that is not valid Unicode")
# \u0000 in canonical JSON that is not an escaped backslash followed by the text "u0000"
_NUL_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")


# canonical_json's form, made once (not an encoder per call), with NaN and Infinity refused
_PAYLOAD_ENCODER = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


class PayloadError(ValueError):
    """A payload that could not be given back exactly; ``problem`` says why (a translatable
    phrase, its English is ``str(error)``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def nesting_depth(value: Any, stop_after: int = MAX_PAYLOAD_DEPTH) -> int:
    """How deep objects and lists nest in ``value`` (a dict alone is 1), walked without
    recursion; the walk stops once it is past ``stop_after``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list | tuple):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > stop_after:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


def canonical_payload(payload: Any) -> str:
    """The payload's canonical JSON, or PayloadError when the county could not give it back
    exactly as it came (DESIGN §5)."""
    try:
        text = _PAYLOAD_ENCODER.encode(payload)
    except RecursionError as error:
        raise PayloadError(PAYLOAD_TOO_DEEP) from error
    except ValueError as error:
        raise PayloadError(PAYLOAD_NOT_FINITE) from error
    # a text with few brackets cannot nest deeply: the walk runs only when it might
    brackets = text.count("{") + text.count("[")
    if brackets > MAX_PAYLOAD_DEPTH and nesting_depth(payload) > MAX_PAYLOAD_DEPTH:
        raise PayloadError(PAYLOAD_TOO_DEEP)
    if "\\u0000" in text and _NUL_ESCAPE.search(text):
        raise PayloadError(PAYLOAD_NUL)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise PayloadError(PAYLOAD_SURROGATE) from error
    return text


def event_hash(
    prev_hash: str,
    *,
    id: str,
    seq: int,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload: dict[str, Any],
) -> str:
    return event_hash_of(
        prev_hash,
        id=id,
        seq=seq,
        type=type,
        entity_id=entity_id,
        occurred_at=occurred_at,
        operator=operator,
        payload_json=canonical_json(payload),
    )


def event_hash_of(
    prev_hash: str,
    *,
    id: str,
    seq: int,
    type: str,
    entity_id: str,
    occurred_at: str,
    operator: str,
    payload_json: str,
) -> str:
    """The hash over ``prev_hash`` and the canonical JSON of {id, seq, type, entity_id,
    occurred_at, operator, payload}, with the payload already in canonical JSON (the county
    makes it once per event and stores the same text). The envelope is written out in sorted
    key order exactly as ``canonical_json`` would write it."""
    body = (
        f'{{"entity_id":{_json_text(entity_id)},"id":{_json_text(id)},'
        f'"occurred_at":{_json_text(occurred_at)},"operator":{_json_text(operator)},'
        f'"payload":{payload_json},"seq":{int(seq)},"type":{_json_text(type)}}}'
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def content_hash(event: Event, prev_hash: str) -> str:
    return event_hash(
        prev_hash,
        id=event.id,
        seq=event.seq,
        type=event.type,
        entity_id=event.entity_id,
        occurred_at=event.occurred_at,
        operator=event.operator,
        payload=event.payload,
    )
