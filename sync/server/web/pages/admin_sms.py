"""短信中继 (county admin only): the state of the relay that sends the texts stations hand to
the county — the service it is set to, the queue, today's sent and failed, the latest failures.
The service itself is chosen on the command line (``county-center sms-provider``), where its
keys are typed unseen."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from stationapp.core import clock
from sync.server.deps import SettingsDep
from sync.server.relays.sms_provider import RelayConfigError, read_config
from sync.server.web.deps import AdminViewer
from sync.server.web.queries.admin_sms import relay_state
from sync.server.web.render import page
from sync.server.web.security import WEB_PREFIX

router = APIRouter(include_in_schema=False)
SMS = f"{WEB_PREFIX}/admin/sms"
SHOWN_FAILURES = 50
SERVICES = {
    "file": "只写入文件（测试用，不真发）",
    "aliyun": "阿里云短信",
    "tencent": "腾讯云短信",
    "modem": "短信猫（USB 调制解调器）",
}
STATUS_WORDS = {"queued": "等待发送", "sending": "正在发送", "sent": "已发出", "failed": "发送失败"}
# what a station's text was for (its ``purpose``); one a newer station sends shows as it came
PURPOSE_WORDS = {
    "parcel_arrival": "到件通知",
    "parcel_reminder": "取件提醒",
    "order_arrival": "代购到货",
    "sms_test": "测试短信",
}


@router.get(SMS)
def sms_page(request: Request, viewer: AdminViewer, settings: SettingsDep) -> Response:
    start, _ = clock.business_day_bounds(clock.business_day())
    with request.app.state.storage.engine.connect() as conn:
        state = relay_state(conn, viewer, since=clock.format_iso(start), failures=SHOWN_FAILURES)
    try:
        config = read_config(settings.data_dir)
        problem = ""
    except RelayConfigError as error:
        config, problem = {}, str(error)
    service = str(config.get("sms.provider", ""))
    return page(
        request,
        "admin_sms.html",
        viewer,
        state=state,
        statuses=STATUS_WORDS,
        purposes=PURPOSE_WORDS,
        service=SERVICES.get(service, service or "—"),
        signature=str(config.get("sms.signature", "")),
        config_problem=problem,
        shown=SHOWN_FAILURES,
    )
