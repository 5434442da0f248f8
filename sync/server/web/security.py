"""The web's guards around every request: security headers on every answer, and CSRF checks
on every form of the web pages (``asgi-csrf``: a signed token in a cookie that each form posts
back; a post without it is refused with 403 before any route runs).

The stations' own protocol (``/api/v1/`` with a bearer token, no cookies) is not a browser's and
is left to its token; the supervisor JSON API is read-only (GET) and needs no token either.
"""

from __future__ import annotations

import hashlib
import hmac
from http.cookies import SimpleCookie

from asgi_csrf import asgi_csrf
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import API_PREFIX

WEB_PREFIX = "/web"
RECEIPT_PREFIX = "/r/"
STATIC_PREFIX = "/static/"
LOGIN_PATH = f"{WEB_PREFIX}/login"

HEADERS = {
    # no inline script or style anywhere: every script and style is a file the app serves
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
        "object-src 'none'; frame-ancestors 'none'"
    ),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def is_page(path: str) -> bool:
    """A path of the supervisor web (pages and receipt checks), answered in HTML."""
    return path == "/" or path.startswith((WEB_PREFIX, RECEIPT_PREFIX))


class SecurityHeadersMiddleware:
    """Adds :data:`HEADERS` to every answer, and ``no-store`` to the pages (a shared township
    PC's back button must not show a logged-out supervisor's page)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        page = is_page(scope["path"])

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                if page:
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class CsrfMiddleware:
    """``asgi-csrf`` around the app, checking every unsafe request but the stations' protocol;
    the login form is checked even before any cookie is set (no login CSRF)."""

    def __init__(self, app: ASGIApp, *, secret: str, secure: bool = False) -> None:
        self.app = asgi_csrf(
            app,
            signing_secret=signing_secret(secret),
            always_protect={LOGIN_PATH},
            skip_if_scope=lambda scope: scope["path"].startswith(API_PREFIX),
            cookie_secure=secure,
            cookie_samesite="Lax",
            send_csrf_failed=_refused,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if _multipart_without_its_token(scope):
            await _refused(scope, send, None)
            return
        await self.app(scope, receive, send)


def _multipart_without_its_token(scope: Scope) -> bool:
    """A file upload of the web whose ``X-CSRFToken`` header is not its cookie's token. The
    guard itself cannot read a multipart body with this python-multipart (asgi-csrf 0.11, its
    issue 38: the request ends in a 500), so an upload must carry the token in the header, as
    the upload page's script sends it; anything else is refused here, before the guard."""
    if scope["type"] != "http" or scope["method"] in {"GET", "HEAD", "OPTIONS", "TRACE"}:
        return False
    if scope["path"].startswith(API_PREFIX):
        return False
    headers = Headers(scope=scope)
    if not headers.get("content-type", "").lower().startswith("multipart/"):
        return False
    cookies = SimpleCookie(headers.get("cookie", ""))
    token = cookies["csrftoken"].value if "csrftoken" in cookies else ""
    if not token and scope["path"] != LOGIN_PATH:
        return False  # no cookie: nothing to forge (the routes want a session), as asgi-csrf
    return not token or not hmac.compare_digest(headers.get("x-csrftoken", ""), token)


async def _refused(_scope: Scope, send: Send, _reason: object) -> None:
    """The answer to a form without its token, in words a supervisor can act on."""
    from sync.server.web.render import plain_page  # the templates, loaded on first refusal

    body = plain_page(403).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [(b"content-type", b"text/html; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body})


def signing_secret(token_secret: str) -> str:
    """The CSRF signing key, derived from the county's secret (never the secret itself)."""
    return hmac.new(token_secret.encode(), b"county web csrf", hashlib.sha256).hexdigest()
