"""What the county admin pages' tests share: posting a page's form with its CSRF token, the
county's tables as a snapshot (a refusal writes nothing: the snapshot is unchanged), the audit
lines, and every admin route of the app (so a route added later is tried as a supervisor too)."""

from __future__ import annotations

from typing import Any

import requests
import sqlalchemy as sa

from sync.server.tables import (
    announcements,
    billers,
    catalog_items,
    households,
    stations,
    users,
    web_audit,
)
from tests.web_helpers import WebCounty, csrf_of

LOGIN_ACTIONS = {"login", "login_failed", "login_locked", "logout"}


def post_form(
    web: WebCounty, session: requests.Session, form_page: str, action: str, data: dict[str, Any]
) -> requests.Response:
    """Open ``form_page`` (for its CSRF token) and post ``data`` to ``action``."""
    token = csrf_of(session.get(web.base_url + form_page, timeout=10).text)
    return session.post(web.base_url + action, data={"csrftoken": token, **data}, timeout=30)


def snapshot(web: WebCounty) -> dict[str, list[tuple[Any, ...]]]:
    """The stations, users, announcements, reference data and admin audit lines as they
    are now."""
    with web.county.storage.engine.connect() as conn:
        return {
            "stations": [tuple(r) for r in conn.execute(sa.select(stations).order_by("id"))],
            "users": [tuple(r) for r in conn.execute(sa.select(users).order_by("id"))],
            "announcements": [
                tuple(r) for r in conn.execute(sa.select(announcements).order_by("id"))
            ],
            **{
                table.name: sorted(tuple(map(str, r)) for r in conn.execute(sa.select(table)))
                for table in (households, catalog_items, billers)
            },
            "audit": [
                tuple(r)
                for r in conn.execute(
                    sa.select(web_audit)
                    .where(web_audit.c.action.not_in(LOGIN_ACTIONS))
                    .order_by(web_audit.c.id)
                )
            ],
        }


def audit_lines(web: WebCounty, action: str) -> list[Any]:
    """The audit lines of ``action``, oldest first."""
    with web.county.storage.engine.connect() as conn:
        return conn.execute(
            sa.select(web_audit).where(web_audit.c.action == action).order_by(web_audit.c.id)
        ).all()


def admin_routes() -> list[tuple[str, str]]:
    """(method, path template) of every admin page and action (so a route added later is
    tried as a supervisor too)."""
    from sync.server.web.pages.admin import PARTS

    found = []
    for part in PARTS:
        for route in part.router.routes:
            assert route.path.startswith("/web/admin"), route.path
            found += [(method, route.path) for method in sorted(route.methods)]
    return found
