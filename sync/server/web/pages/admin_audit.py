"""操作记录 (county admin only): who did what, when and from where in the web — logins, wrong
passwords, lockouts, logouts and every admin action — newest first, a page at a time."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from sync.server.web.deps import AdminViewer
from sync.server.web.queries.admin_audit import audit_lines, audit_user_names
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
AUDIT = f"{WEB_PREFIX}/admin/audit"
PER_PAGE = 50

ACTIONS = {  # web_audit.action → what the admin reads
    "login": "登录",
    "login_failed": "登录失败（用户名或密码不对）",
    "login_locked": "登录被拒（账户锁定中）",
    "logout": "退出",
    "create_station": "新建站点",
    "reissue_code": "重新发加入码",
    "add_user": "添加用户",
    "disable_user": "停用用户",
    "enable_user": "恢复用户",
    "reset_password": "设新密码",
    "import_households": "导入户籍登记册",
    "import_catalog": "导入商品目录",
    "import_billers": "导入缴费单位",
    "announce": "发布公告",
    "withdraw_announcement": "撤回公告",
}
FAILED = {"login_failed", "login_locked"}


@router.get(AUDIT)
def audit_page(
    request: Request,
    viewer: AdminViewer,
    page_no: int = Query(1, alias="page", ge=1, le=100_000),
    user: str = Query("", max_length=200),
) -> Response:
    with request.app.state.storage.engine.connect() as conn:
        lines, total = audit_lines(conn, viewer, page=page_no, per_page=PER_PAGE, user=user)
        names = audit_user_names(conn, viewer)
    pages = max(1, -(-total // PER_PAGE))
    return page(
        request,
        "admin_audit.html",
        viewer,
        lines=lines,
        total=total,
        page_no=page_no,
        pages=pages,
        user=user,
        names=names,
        actions=ACTIONS,
        failed=FAILED,
    )
