"""Refusals the county answers with ``{"error", "detail"}`` (codes in sync.protocol)."""

from __future__ import annotations

from typing import Any

from sync import protocol


class SyncError(Exception):
    """A refusal with its protocol error code; ``extra`` goes into the JSON body beside it."""

    def __init__(self, code: str, detail: str, *, status: int | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.status = status or protocol.ERROR_STATUS.get(code, 400)
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "detail": self.detail, **self.extra}
