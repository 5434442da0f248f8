"""The county admin's pages, one router for the web's ``ROUTERS``: 站点管理, 用户管理,
数据导入, 公告, 待查记录, 短信中继 and 操作记录. Every route takes ``AdminViewer`` (a
supervisor is answered 404) and every query under it checks the admin again
(``web.queries.admin.admin_only``)."""

from __future__ import annotations

from fastapi import APIRouter

from sync.server.web.pages import (
    admin_announcements,
    admin_audit,
    admin_flagged,
    admin_imports,
    admin_sms,
    admin_stations,
    admin_users,
)

PARTS = (
    admin_stations,
    admin_users,
    admin_imports,
    admin_announcements,
    admin_flagged,
    admin_sms,
    admin_audit,
)
router = APIRouter(include_in_schema=False)
for part in PARTS:
    router.include_router(part.router)
