"""What every request passes before the routes: the protocol version, the body limit, gzip.

A plain ASGI middleware so a gzip'd body is unpacked once, with a cap on what it unpacks to
(a small gzip bomb must not fill the county's memory)."""

from __future__ import annotations

import re
import zlib

from starlette.datastructures import Headers
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol

_VERSION = re.compile(r"[0-9]{1,9}")
UPDATE_DETAIL = (
    "This station app is too old for the county center. Please update the station app, "
    "then sync again."
)


class _Refusal(Exception):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail


def check_version(value: str | None) -> None:
    """No header: the current version. Older than supported: 426. Unknown newer: 400."""
    if value is None:
        return
    # ASCII digits only: "²" or "٣" pass str.isdigit() but int() refuses them, and a number of
    # thousands of digits is refused by int() too
    if _VERSION.fullmatch(value.strip()) is None:
        raise _Refusal(
            400, protocol.BAD_REQUEST, f"{protocol.VERSION_HEADER} must be a whole number."
        )
    version = int(value)
    if version < min(protocol.SUPPORTED_VERSIONS):
        raise _Refusal(426, protocol.UPDATE_REQUIRED, UPDATE_DETAIL)
    if version not in protocol.SUPPORTED_VERSIONS:
        raise _Refusal(
            400,
            protocol.BAD_REQUEST,
            f"The county center does not speak protocol version {version} yet (it speaks "
            f"{', '.join(map(str, protocol.SUPPORTED_VERSIONS))}). Ask the county to update it.",
        )


def _too_large(limit: int) -> _Refusal:
    return _Refusal(
        413,
        protocol.TOO_LARGE,
        f"The request body is larger than {limit} bytes. Send fewer events per push.",
    )


def gunzip(data: bytes, limit: int) -> bytes:
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpacker.decompress(data, limit + 1)
    except zlib.error as exc:
        raise _Refusal(
            400, protocol.BAD_GZIP, f"The body says gzip but is not valid gzip ({exc})."
        ) from exc
    if len(out) > limit:
        raise _too_large(limit)
    if not unpacker.eof or unpacker.unused_data:
        raise _Refusal(
            400, protocol.BAD_GZIP, "The gzip body is cut short or has bytes after its end."
        )
    return out


class RequestBodyMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            headers = Headers(scope=scope)
            if scope["path"].startswith(protocol.API_PREFIX):
                check_version(headers.get(protocol.VERSION_HEADER))
            scope, body = await self._read(scope, headers, receive)
        except _Refusal as refusal:
            response = JSONResponse(
                {"error": refusal.code, "detail": refusal.detail}, status_code=refusal.status
            )
            await response(scope, receive, send)
            return
        if body is None:
            await self.app(scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _read(
        self, scope: Scope, headers: Headers, receive: Receive
    ) -> tuple[Scope, bytes | None]:
        limit = self.max_body_bytes
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            raise _too_large(limit)
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return scope, None
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        encoding = headers.get("content-encoding", "identity").strip().lower()
        if encoding == "gzip":
            body = gunzip(body, limit)
        elif encoding not in ("", "identity"):
            raise _Refusal(
                400, protocol.BAD_REQUEST, f"Content-Encoding {encoding} is not accepted; use gzip."
            )
        kept = [
            (k, v)
            for k, v in scope["headers"]
            if k.lower() not in (b"content-encoding", b"content-length")
        ]
        kept.append((b"content-length", str(len(body)).encode("ascii")))
        return {**scope, "headers": kept}, body
