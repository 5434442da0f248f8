"""The event log's compact storage (migration 009). Being written."""

from __future__ import annotations

from typing import Any


def migrate_compact_event_log(db: Any) -> None:
    """Stub: filled in by the compact-log change."""
