"""Verify: the chain check (seq continuity, ``prev_hash`` links and every hash, over the whole
log or a slice of it) and the rebuild of the projections into a scratch database compared
table by table with the live ones. Each finding is a line of ``VerifyResult.problems``, the
first bad seq named.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stationapp.core.event_record import Event, event_hash, event_hash_of
from stationapp.core.event_store import GENESIS_HASH
from stationapp.core.projections import Projections

MAX_PROBLEMS = 50


@dataclass
class VerifyResult:
    ok: bool
    problems: list[str] = field(default_factory=list)
    events_checked: int = 0
    first_bad_seq: int | None = None
    last_seq: int = 0  # the last event read (the chain checks): where a next check goes on
    last_hash: str = ""


def check_chain(
    rows: Iterable[Sequence[Any]], *, after_seq: int = 0, prev_hash: str = GENESIS_HASH
) -> VerifyResult:
    """Check rows of §3's columns (``EVENT_COLUMNS`` order) in seq order: from the start, or
    the rows after ``after_seq`` whose hash is ``prev_hash`` (a part of the log).

    Each hash is first taken over the payload text as stored (canonical JSON, as it was
    written): one SHA-256 per event. Only when that differs is the payload parsed, to tell a
    payload that is not JSON from changed content, and hashed as canonical JSON again."""
    result = VerifyResult(ok=True, last_seq=after_seq, last_hash=prev_hash)
    expected_prev = prev_hash
    expected_seq = after_seq + 1
    for ident, _station, seq, type_, entity_id, occurred_at, operator, text, prev, digest in rows:
        result.events_checked += 1
        fields = {
            "id": ident,
            "seq": seq,
            "type": type_,
            "entity_id": entity_id,
            "occurred_at": occurred_at,
            "operator": operator,
        }
        try:
            same = event_hash_of(prev, payload_json=text, **fields) == digest
        except (TypeError, ValueError):  # a field edited into another type by hand
            same = False
        if not same:
            try:
                payload = json.loads(text)
                same = event_hash(prev, payload=payload, **fields) == digest
            except (TypeError, ValueError) as exc:
                note_problem(result, seq, f"seq {seq}: payload is not valid JSON ({exc})")
                expected_prev, expected_seq = digest, seq + 1
                result.last_seq, result.last_hash = seq, digest
                continue
        if seq != expected_seq:
            note_problem(
                result,
                seq,
                f"seq {seq}: expected seq {expected_seq} (events missing or renumbered)",
            )
        if prev != expected_prev:
            note_problem(
                result,
                seq,
                f"seq {seq}: prev_hash does not match the hash of the event before it",
            )
        if not same and prev:  # prev "": the event before is missing, already said
            note_problem(
                result,
                seq,
                f"seq {seq} ({type_}, id {ident}): its content does not match "
                "its hash; the record was changed after it was written",
            )
        expected_prev, expected_seq = digest, seq + 1
        result.last_seq, result.last_hash = seq, digest
    return result


def rebuild_and_compare(
    result: VerifyResult,
    *,
    live: sqlite3.Connection,
    events: Iterator[Event],
    find_event: Callable[[str], Event | None],
    schema: Callable[[sqlite3.Connection], None],
    projections: Projections,
) -> None:
    """Replay ``events`` into a scratch database (``schema`` creates its empty tables) and
    compare it table by table with the live projections, noting differences in ``result``."""
    with tempfile.TemporaryDirectory(prefix="stationapp-verify-") as folder:
        scratch_path = Path(folder) / "rebuild.db"
        scratch = sqlite3.connect(str(scratch_path), isolation_level=None)
        try:
            scratch.execute("PRAGMA journal_mode=OFF")
            scratch.execute("PRAGMA synchronous=OFF")
            schema(scratch)

            def cannot_replay(event: Event, error: Exception) -> None:
                note_problem(
                    result,
                    event.seq,
                    f"seq {event.seq} ({event.type}): cannot be replayed ({error!r})",
                )

            projections.rebuild_into(scratch, events, find_event, cannot_replay)
            for table, order_by in projections.tables.items():
                compare_table(result, table, order_by, live=live, rebuilt=scratch)
        finally:
            scratch.close()


def compare_table(
    result: VerifyResult,
    table: str,
    order_by: str,
    *,
    live: sqlite3.Connection,
    rebuilt: sqlite3.Connection,
) -> None:
    """Walk both tables in the same order, row by row (streaming), and note differences."""
    live_rows = live.execute(f"SELECT * FROM {table} ORDER BY {order_by}")
    columns = [d[0] for d in live_rows.description]
    rebuilt_rows = rebuilt.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order_by}")
    key = columns.index(order_by) if order_by in columns else 0
    for left, right in _merge_by_key(live_rows, rebuilt_rows, key):
        if left is None:
            note_problem(
                result, None, f"{table}: a row is missing that the events give: {tuple(right)}"
            )
        elif right is None:
            note_problem(result, None, f"{table}: a row no event gives: {tuple(left)}")
        elif tuple(left) != tuple(right):
            diffs = [
                f"{name}={a!r} (events give {b!r})"
                for name, a, b in zip(columns, left, right, strict=True)
                if a != b
            ]
            note_problem(result, None, f"{table}: row {left[key]!r} differs: {', '.join(diffs)}")
        if len(result.problems) >= MAX_PROBLEMS:
            return


def _merge_by_key(a, b, key: int):
    """Pairs rows of two cursors sorted by the same key; a row only one side has comes alone."""
    ia, ib = iter(a), iter(b)
    x, y = next(ia, None), next(ib, None)
    while x is not None or y is not None:
        if y is None or (x is not None and x[key] < y[key]):
            yield x, None
            x = next(ia, None)
        elif x is None or y[key] < x[key]:
            yield None, y
            y = next(ib, None)
        else:
            yield x, y
            x, y = next(ia, None), next(ib, None)


def note_problem(result: VerifyResult, seq: int | None, text: str) -> None:
    result.ok = False
    if seq is not None and result.first_bad_seq is None:
        result.first_bad_seq = seq
    if len(result.problems) < MAX_PROBLEMS:
        result.problems.append(text)
    elif len(result.problems) == MAX_PROBLEMS:
        result.problems.append("... more problems not listed")
