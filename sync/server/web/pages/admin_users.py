"""用户管理 (county admin only): the web's users; add a township supervisor or an admin with an
initial password (the command line's rules), disable one (their open pages go to the login at
once) or enable them again, and set a new password for one who forgot theirs."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from sync.server.users import MIN_PASSWORD_LENGTH, ROLES, UserRefused
from sync.server.web.auth import Viewer
from sync.server.web.deps import AdminViewer, client_address, web_auth
from sync.server.web.queries.admin import known_places
from sync.server.web.queries.admin_users import (
    ROLE_WORDS,
    AdminUser,
    add_web_user,
    admin_user,
    admin_users,
    set_user_active,
    set_user_password,
)
from sync.server.web.render import page
from sync.server.web.security import LOGIN_PATH, WEB_PREFIX

router = APIRouter(include_in_schema=False)
USERS = f"{WEB_PREFIX}/admin/users"

REFUSALS = {  # UserRefused.reason → what the admin reads
    "no_name": "请填写用户名。",
    "bad_name": "用户名太长（最多{most}个字）或有看不见的控制字符。请换一个简短的名字。",
    "no_township": "乡镇督导只看一个乡镇的站点：请填写他负责的乡镇。",
    "bad_township": "乡镇名称太长或有控制字符。请按县里的地名写乡镇。",
    "admin_township": "县级管理员看全部乡镇，不填乡镇。请清空乡镇，或把角色选为乡镇督导。",
    "bad_role": "请选择角色：乡镇督导或县级管理员。",
    "short_password": (
        "密码只有{length}个字符，至少要{least}个。请用更长的密码（几个词连在一起好记）。"
    ),
    "digits_password": "密码全是数字，很容易被猜到。请加上字母。",
    "name_password": "密码和用户名一样。请换一个。",
    "name_taken": "已经有叫“{name}”的用户了。请换一个名字（例如在督导的名字后加上乡镇）。",
    "self_disable": "不能停用自己正在用的账户。要停用，请另一位县级管理员来做。",
    "mismatch": "两次输入的密码不一样。请重新输入。",
}
SAVED = {
    "added": "已添加用户“{name}”。请把用户名和初始密码当面交给他。",
    "disabled": "已停用“{name}”：他马上退出登录，也不能再登录。",
    "enabled": "已恢复“{name}”：他可以用原来的密码登录。",
    "password": "已为“{name}”设置新密码，他原来的登录已全部退出。",
}


def _words(refused: UserRefused) -> str:
    return REFUSALS.get(refused.reason, str(refused)).format(**refused.params)


def _list_page(
    request: Request,
    viewer: Viewer,
    *,
    status_code: int = 200,
    problem: str = "",
    saved: str = "",
    form: dict[str, str] | None = None,
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        rows = admin_users(conn, viewer)
        townships, _ = known_places(conn, viewer)
    return page(
        request,
        "admin_users.html",
        viewer,
        status_code=status_code,
        rows=rows,
        townships=townships,
        roles=[(role, ROLE_WORDS[role]) for role in ROLES],
        least=MIN_PASSWORD_LENGTH,
        problem=problem,
        saved=saved,
        form=form or {"role": "supervisor"},
    )


def _done(what: str, name: str) -> RedirectResponse:
    """Back to the list after an action (a reload does not repeat it), saying what was done."""
    return RedirectResponse(f"{USERS}?{urlencode({'saved': what, 'name': name})}", status_code=303)


@router.get(USERS)
def users_page(
    request: Request,
    viewer: AdminViewer,
    saved: str = Query("", max_length=20),
    name: str = Query("", max_length=200),
) -> Response:
    done = SAVED[saved].format(name=name) if saved in SAVED else ""
    return _list_page(request, viewer, saved=done)


@router.post(USERS)
def add(
    request: Request,
    viewer: AdminViewer,
    name: Annotated[str, Form(max_length=400)] = "",
    role: Annotated[str, Form(max_length=40)] = "",
    township: Annotated[str, Form(max_length=400)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    again: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    form = {"name": name, "role": role, "township": township}
    try:
        if password != again:
            raise UserRefused("The two passwords differ.", reason="mismatch")
        user = add_web_user(
            request.app.state.storage,
            viewer,
            web_auth(request).passwords,
            name=name,
            role=role,
            township=township,
            password=password,
            address=client_address(request),
        )
    except UserRefused as refused:
        return _list_page(request, viewer, status_code=400, problem=_words(refused), form=form)
    return _done("added", user.name)


def _user_or_404(request: Request, viewer: Viewer, user_id: int) -> AdminUser:
    with request.app.state.storage.engine.connect() as conn:
        user = admin_user(conn, viewer, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return user


@router.post(USERS + "/{user_id}/disable")
def disable(request: Request, viewer: AdminViewer, user_id: int = Path(ge=1)) -> Response:
    return _set_active(request, viewer, user_id, active=False)


@router.post(USERS + "/{user_id}/enable")
def enable(request: Request, viewer: AdminViewer, user_id: int = Path(ge=1)) -> Response:
    return _set_active(request, viewer, user_id, active=True)


def _set_active(request: Request, viewer: Viewer, user_id: int, *, active: bool) -> Response:
    user = _user_or_404(request, viewer, user_id)
    try:
        set_user_active(
            request.app.state.storage,
            viewer,
            web_auth(request),
            user,
            active=active,
            address=client_address(request),
        )
    except UserRefused as refused:
        return _list_page(request, viewer, status_code=400, problem=_words(refused))
    return _done("enabled" if active else "disabled", user.name)


@router.get(USERS + "/{user_id}/password")
def password_form(request: Request, viewer: AdminViewer, user_id: int = Path(ge=1)) -> Response:
    user = _user_or_404(request, viewer, user_id)
    return page(
        request, "admin_password.html", viewer, user=user, least=MIN_PASSWORD_LENGTH, problem=""
    )


@router.post(USERS + "/{user_id}/password")
def set_password(
    request: Request,
    viewer: AdminViewer,
    user_id: int = Path(ge=1),
    password: Annotated[str, Form(max_length=1000)] = "",
    again: Annotated[str, Form(max_length=1000)] = "",
) -> Response:
    user = _user_or_404(request, viewer, user_id)
    try:
        if password != again:
            raise UserRefused("The two passwords differ.", reason="mismatch")
        set_user_password(
            request.app.state.storage,
            viewer,
            web_auth(request),
            user,
            password=password,
            address=client_address(request),
        )
    except UserRefused as refused:
        return page(
            request,
            "admin_password.html",
            viewer,
            status_code=400,
            user=user,
            least=MIN_PASSWORD_LENGTH,
            problem=_words(refused),
        )
    if user.id == viewer.user_id:  # their own: this session ended with the others
        return RedirectResponse(LOGIN_PATH, status_code=303)
    return _done("password", user.name)
