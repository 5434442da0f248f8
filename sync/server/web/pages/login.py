"""Login and logout. A wrong name or password gets one answer for both (nothing tells which was
wrong); five in a row lock the name for a quarter of an hour, and the page says until when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sync.server.web.auth import LoginResult
from sync.server.web.deps import SESSION_COOKIE, client_address, viewer_of, web_auth
from sync.server.web.render import beijing, page
from sync.server.web.security import LOGIN_PATH, WEB_PREFIX

router = APIRouter(include_in_schema=False)
HOME = f"{WEB_PREFIX}/"


def _safe_next(value: str) -> str:
    """Only a path of this site: never another host (``//x``, ``/\\x``) or a scheme."""
    if value.startswith("/") and not value.startswith(("//", "/\\")):
        return value
    return HOME


@router.get("/")
def root() -> RedirectResponse:
    return RedirectResponse(HOME, status_code=303)


@router.get(LOGIN_PATH)
def login_form(request: Request, next: str = HOME) -> Response:
    if viewer_of(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return page(request, "login.html", None, next=_safe_next(next))


@router.post(LOGIN_PATH)
def login(
    request: Request,
    name: Annotated[str, Form(max_length=200)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=2000)] = HOME,
) -> Response:
    result: LoginResult = web_auth(request).login(name, password, address=client_address(request))
    if result.viewer is None:
        if result.locked_until is not None:
            until = beijing(result.locked_until.isoformat(), "%H:%M")
            problem = f"这个账户连续输错密码，已锁定到 {until}。请到时再试，或请县级管理员帮忙。"
        else:
            problem = "用户名或密码不对。请检查大小写和输入法后再试。"
        return page(
            request,
            "login.html",
            None,
            status_code=401,
            problem=problem,
            name=name,
            next=_safe_next(next),
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        result.token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.web_secure_cookies,
        path="/",
    )
    return response


@router.post(f"{WEB_PREFIX}/logout")
def logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    viewer = viewer_of(request)
    if token:
        web_auth(request).end(token)
    if viewer is not None:
        web_auth(request).record(viewer.name, "logout")
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
