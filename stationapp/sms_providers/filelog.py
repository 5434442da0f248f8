"""The file provider: texts are written to ``sms-outbox.txt`` for the operator to read.

The default until an SMS service is configured, and the demo mode: one UTF-8 line per text,
``time<TAB>phone<TAB>text``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from stationapp.core import clock
from stationapp.core.data_folder import PRIVATE_FILE_MODE, make_private, private_folder
from stationapp.sms_providers import reasons
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult, log_result

log = logging.getLogger(__name__)

FILE_NAME = "sms-outbox.txt"


class FileProvider:
    name = "file"

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / FILE_NAME

    def __repr__(self) -> str:
        return f"FileProvider({str(self.path)!r})"

    def send(self, text: OutgoingText) -> SendResult:
        body = " ".join(text.text.split())  # one line per text, whatever the template holds
        line = f"{clock.now_iso()}\t{text.phone}\t{body}\n"
        try:
            private_folder(self.path.parent)
            # phone numbers in it: the user's alone (0600 on Linux), an older file tightened
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
            make_private(self.path)
            with open(fd, "a", encoding="utf-8", newline="\n") as file:
                file.write(line)
        except OSError as error:
            result = SendResult.failed(
                self.name,
                reasons.FILE_UNWRITABLE,
                code="OSError",
                retryable=True,
                detail=str(error),
                provider_down=True,
            )
            log_result(log, text, result)
            return result
        result = SendResult.sent(self.name, message_id=text.text_id)
        log_result(log, text, result)
        return result

    def status(self) -> ProviderStatus:
        return ProviderStatus.of(True, reasons.STATUS_FILE, path=str(self.path))
