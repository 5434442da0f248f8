"""The providers' keys, kept in one local file and never shown.

``data_dir/secrets.json`` (mode 0600) holds them; they are not events, not settings, not in the
backups' export, and a :class:`Secret` prints as ``***`` wherever it ends up (a log line, a repr,
an exception), so only the request signer ever sees the value.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "secrets.json"

# The names the SMS providers read (the SMS settings page writes them).
ALIYUN_ACCESS_KEY_ID = "sms.aliyun.access_key_id"
ALIYUN_ACCESS_KEY_SECRET = "sms.aliyun.access_key_secret"
TENCENT_SECRET_ID = "sms.tencent.secret_id"
TENCENT_SECRET_KEY = "sms.tencent.secret_key"
# the county center's token for this station, kept at enrolment (the sync line, the county relay)
TOKEN_SECRET = "sync.county.token"


class Secret:
    """A key or password: ``reveal()`` gives the value; every other way of showing it gives ***."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = str(value)

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "***"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return "***"

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other._value.encode())

    def __hash__(self) -> int:
        return hash(("Secret", self._value))

    def __reduce__(self) -> tuple[object, ...]:
        raise TypeError("a Secret is not pickled: it stays in secrets.json")


class SecretStore:
    """``data_dir/secrets.json``: name -> value, read on each call, written whole and atomically."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME

    def __repr__(self) -> str:
        return f"SecretStore({str(self.path)!r})"

    def get(self, name: str) -> Secret | None:
        value = self._read().get(name, "")
        return Secret(value) if value else None

    def names(self) -> list[str]:
        return sorted(self._read())

    def set(self, name: str, value: str | Secret | None) -> None:
        """Keep ``value`` under ``name``; an empty value removes it."""
        if isinstance(value, Secret):
            value = value.reveal()
        value = (value or "").strip()
        values = self._read()
        if value:
            values[name] = value
        else:
            values.pop(name, None)
        self._write(values)

    def delete(self, name: str) -> None:
        self.set(name, None)

    def _read(self) -> dict[str, str]:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        try:
            values = json.loads(raw)
        except ValueError:
            values = None
        if not isinstance(values, dict):
            # never log the content: it may hold half a key
            log.warning("%s is damaged; the keys must be entered again", self.path)
            return {}
        return {str(k): str(v) for k, v in values.items() if isinstance(v, str)}

    def _write(self, values: dict[str, str]) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(FILE_NAME + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as file:
            file.write(json.dumps(values, ensure_ascii=False, indent=1).encode("utf-8"))
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, 0o600)  # the umask may have widened an existing temporary file
        os.replace(temporary, self.path)
