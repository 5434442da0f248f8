"""Who asks: the viewer of a request, from its session cookie. A page without a live session
is sent to the login (and back after it); the JSON API answers 401; an admin page asked by a
supervisor answers 404, as a page that is not there."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request

from sync.server.web.auth import Viewer, WebAuth
from sync.server.web.security import LOGIN_PATH

SESSION_COOKIE = "county_session"


class LoginNeeded(Exception):
    """A page asked without a live session: answered with a redirect to the login."""

    def __init__(self, back_to: str) -> None:
        super().__init__(back_to)
        self.location = f"{LOGIN_PATH}?next={quote(back_to, safe='/')}"


def client_address(request: Request) -> str:
    """Where a request came from, for the audit log ('' when unknown)."""
    return request.client.host if request.client else ""


def web_auth(request: Request) -> WebAuth:
    return request.app.state.web_auth


def viewer_of(request: Request) -> Viewer | None:
    return web_auth(request).viewer(request.cookies.get(SESSION_COOKIE, ""))


def page_viewer(request: Request) -> Viewer:
    viewer = viewer_of(request)
    if viewer is None:
        back_to = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginNeeded(back_to)
    return viewer


def admin_viewer(viewer: Annotated[Viewer, Depends(page_viewer)]) -> Viewer:
    if not viewer.admin:
        raise HTTPException(status_code=404)
    return viewer


def api_viewer(request: Request) -> Viewer:
    viewer = viewer_of(request)
    if viewer is None:
        raise HTTPException(status_code=401, detail="Log in to the county center first.")
    return viewer


PageViewer = Annotated[Viewer, Depends(page_viewer)]
AdminViewer = Annotated[Viewer, Depends(admin_viewer)]
ApiViewer = Annotated[Viewer, Depends(api_viewer)]
