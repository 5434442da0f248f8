"""A parcel's arrival notice carried by ``parcel.received`` (migration 010). Being written."""

from __future__ import annotations

from typing import Any


def migrate_lean_texts(db: Any) -> None:
    """Stub: filled in by the arrival-notice change."""
