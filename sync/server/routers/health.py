"""GET /healthz: the process answers and its database does too."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter

from sync import protocol
from sync.server.deps import StorageDep

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz(storage: StorageDep) -> dict[str, object]:
    with storage.engine.connect() as conn:
        conn.execute(sa.text("SELECT 1"))
    return {"status": "ok", "protocol_version": protocol.PROTOCOL_VERSION}
