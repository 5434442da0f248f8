"""A USB GSM/4G modem on a serial port: texts go out with no internet at all.

AT commands in PDU mode (``AT+CMGF=0``): some modems reject UCS2 in text mode, and Chinese needs
UCS2. The port is opened for each text and closed after, so a modem pulled out and plugged in
again just works; a modem that is absent leaves every text queued with a clear status.
"""

from __future__ import annotations

import errno
import logging
import random
import re
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

from stationapp.sms_providers import config, reasons
from stationapp.sms_providers.pdu import Pdu, encode_submit
from stationapp.sms_providers.provider import OutgoingText, ProviderStatus, SendResult, log_result

log = logging.getLogger(__name__)

CTRL_Z = b"\x1a"
ESCAPE = b"\x1b"
_FINAL_ERROR = re.compile(r"^(?:ERROR|\+CM[ES] ERROR:?\s*(?P<number>\d+).*)$")


@dataclass(frozen=True)
class ModemConfig:
    port: str = ""
    baud: int = 115200
    smsc: str = ""  # empty: the SIM's own service centre
    timeout_s: float = 30.0  # a text can take many seconds to reach the network
    answer_timeout_s: float = 2.0  # how long a modem may take to answer "AT"

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ModemConfig:
        return cls(
            port=config.text(settings, "sms.modem.port"),
            baud=int(config.number(settings, "sms.modem.baud", 115200)),
            smsc=config.text(settings, "sms.modem.smsc"),
            timeout_s=config.number(settings, "sms.modem.timeout_s", 30.0),
        )


class ModemError(Exception):
    """The modem answered ERROR, ``+CMS ERROR: n`` or ``+CME ERROR: n`` (the line is the args)."""

    def __init__(self, line: str) -> None:
        super().__init__(line)
        self.line = line
        match = _FINAL_ERROR.match(line)
        self.number = int(match["number"]) if match and match["number"] else None
        self.kind = "CMS" if "+CMS" in line else "CME" if "+CME" in line else ""


class ModemSilent(Exception):
    """Nothing came back in time."""


class PortUnavailable(Exception):
    def __init__(self, port: str, busy: bool, problem: str) -> None:
        super().__init__(problem)
        self.port = port
        self.busy = busy


class ModemLine:
    """One AT conversation over an open port: commands out, result lines back."""

    def __init__(self, port: Any, *, timeout_s: float) -> None:
        self._port = port
        self._buffer = b""
        self.timeout_s = timeout_s

    def command(self, line: str, *, timeout_s: float | None = None) -> list[str]:
        """Send ``line``; the information lines before OK (echo dropped); raises ModemError."""
        self._port.reset_input_buffer()
        self._buffer = b""
        self._port.write(line.encode("ascii") + b"\r")
        deadline = time.monotonic() + (timeout_s or self.timeout_s)
        info = []
        while True:
            answer = self._next_line(deadline)
            if answer == line:
                continue
            if answer == "OK":
                return info
            if _FINAL_ERROR.match(answer):
                raise ModemError(answer)
            info.append(answer)

    def submit(self, pdu: Pdu) -> str:
        """``AT+CMGS=<length>``, the ``>`` prompt, the PDU and Ctrl-Z; the message reference."""
        self._port.reset_input_buffer()
        self._buffer = b""
        self._port.write(f"AT+CMGS={pdu.length}\r".encode("ascii"))
        deadline = time.monotonic() + self.timeout_s
        try:
            self._wait_prompt(deadline)
        except ModemSilent:
            self._port.write(ESCAPE)  # leave the half-typed message
            raise
        self._port.write(pdu.hex.encode("ascii") + CTRL_Z)
        reference = ""
        while True:
            answer = self._next_line(deadline)
            if answer.startswith("+CMGS:"):
                reference = answer.split(":", 1)[1].strip()
            elif answer == "OK":
                return reference
            elif _FINAL_ERROR.match(answer):
                raise ModemError(answer)

    def _wait_prompt(self, deadline: float) -> None:
        while True:
            prompt = self._buffer.find(b">")
            if prompt >= 0:
                self._buffer = self._buffer[prompt + 1 :]
                return
            for answer in self._complete_lines():
                if _FINAL_ERROR.match(answer):
                    raise ModemError(answer)
            self._fill(deadline)

    def _complete_lines(self) -> Iterator[str]:
        while True:
            match = re.search(rb"[\r\n]", self._buffer)
            if match is None:
                return
            raw, self._buffer = self._buffer[: match.start()], self._buffer[match.end() :]
            text = raw.decode("ascii", "replace").strip()
            if text:
                yield text

    def _next_line(self, deadline: float) -> str:
        while True:
            for answer in self._complete_lines():
                return answer
            self._fill(deadline)

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ModemSilent()
        self._port.timeout = min(remaining, 0.5)
        self._buffer += self._port.read(max(1, self._port.in_waiting))


@dataclass(frozen=True)
class _Rule:
    reason: str
    retryable: bool = True
    provider_down: bool = False


_NO_SIM = _Rule(reasons.MODEM_NO_SIM, provider_down=True)
_NO_NETWORK = _Rule(reasons.MODEM_NO_NETWORK, provider_down=True)
_BAD_FORMAT = _Rule(reasons.MODEM_BAD_FORMAT, retryable=False)
_FAILED = _Rule(reasons.MODEM_FAILED)

# +CMS ERROR numbers: below 128 the network's cause (3GPP TS 24.011), 300 and up the modem's own
# (TS 27.005 §3.2.5).
_CMS: dict[int, _Rule] = {
    1: _Rule(reasons.NUMBER_REFUSED, retryable=False),
    28: _Rule(reasons.NUMBER_REFUSED, retryable=False),
    8: _NO_SIM,  # operator determined barring: often a SIM out of credit
    10: _NO_SIM,
    302: _BAD_FORMAT,
    303: _BAD_FORMAT,
    304: _BAD_FORMAT,
    305: _BAD_FORMAT,
    **{n: _NO_SIM for n in range(310, 319)},
    331: _NO_NETWORK,
    332: _NO_NETWORK,
}
# +CME ERROR numbers (TS 27.007 §9.2): SIM and network troubles before sending
_CME: dict[int, _Rule] = {
    **{n: _NO_SIM for n in (5, 10, 11, 12, 13, 15, 16, 17, 18)},
    30: _NO_NETWORK,
}


def _rule(error: ModemError) -> _Rule:
    table = _CMS if error.kind == "CMS" else _CME if error.kind == "CME" else {}
    return table.get(error.number, _FAILED) if error.number is not None else _FAILED


class ModemProvider:
    name = "modem"

    def __init__(self, settings: ModemConfig) -> None:
        self.config = settings
        self._reference = random.randrange(256)  # concatenation reference, new for each text

    def __repr__(self) -> str:
        return f"ModemProvider(port={self.config.port!r})"

    def status(self) -> ProviderStatus:
        port = self.config.port
        if not port:
            return ProviderStatus.of(False, reasons.STATUS_MODEM_PORT_NOT_SET)
        try:
            with self._conversation() as modem:
                try:
                    sim = " ".join(modem.command("AT+CPIN?"))
                except ModemError:
                    sim = ""
                if "READY" not in sim:
                    return ProviderStatus.of(False, reasons.STATUS_MODEM_NO_SIM, port=port)
                signal = _signal(modem)
        except PortUnavailable as error:
            text = reasons.STATUS_MODEM_PORT_BUSY if error.busy else reasons.STATUS_MODEM_ABSENT
            return ProviderStatus.of(False, text, port=port)
        except (ModemSilent, ModemError):
            return ProviderStatus.of(False, reasons.STATUS_MODEM_SILENT, port=port)
        if signal is None:
            return ProviderStatus.of(False, reasons.STATUS_MODEM_NO_NETWORK, port=port)
        return ProviderStatus.of(True, reasons.STATUS_MODEM_READY, port=port, signal=str(signal))

    def send(self, text: OutgoingText) -> SendResult:
        result = self._send(text)
        log_result(log, text, result)
        return result

    def _send(self, text: OutgoingText) -> SendResult:
        if not self.config.port:
            return self._down(reasons.MODEM_ABSENT, "modem.port_not_set", "no port chosen")
        self._reference = (self._reference + 1) % 256
        try:
            pdus = encode_submit(
                text.phone, text.text, reference=self._reference, smsc=self.config.smsc
            )
        except ValueError as error:  # no digits in the number, or a text of 256 parts
            has_digits = any(ch.isdigit() for ch in text.phone)
            reason = reasons.CONTENT_REFUSED if has_digits else reasons.NUMBER_REFUSED
            return SendResult.failed(self.name, reason, code="pdu", detail=str(error))
        references = []
        try:
            with self._conversation() as modem:
                modem.command("AT+CMGF=0")
                for seq, pdu in enumerate(pdus, start=1):
                    try:
                        references.append(modem.submit(pdu))
                    except ModemError as error:
                        return self._refused(error, seq, len(pdus))
        except PortUnavailable as error:
            return self._down(reasons.MODEM_ABSENT, "modem.absent", str(error))
        except ModemSilent:
            return self._down(reasons.MODEM_SILENT, "modem.silent", "no answer in time")
        except ModemError as error:  # AT+CMGF=0 refused
            return self._refused(error, 0, len(pdus))
        return SendResult.sent(self.name, ",".join(references), code=f"parts={len(pdus)}")

    def _refused(self, error: ModemError, seq: int, total: int) -> SendResult:
        rule = _rule(error)
        where = f"part {seq} of {total}: " if seq and total > 1 else ""
        return SendResult.failed(
            self.name,
            rule.reason,
            code=f"{error.kind or 'AT'}.{error.number if error.number is not None else 'ERROR'}",
            retryable=rule.retryable,
            detail=where + error.line,
            provider_down=rule.provider_down,
        )

    def _down(self, reason: str, code: str, detail: str) -> SendResult:
        return SendResult.failed(
            self.name, reason, code=code, retryable=True, detail=detail, provider_down=True
        )

    @contextmanager
    def _conversation(self) -> Iterator[ModemLine]:
        port = self._open()
        try:
            modem = ModemLine(port, timeout_s=self.config.timeout_s)
            modem.command("AT", timeout_s=self.config.answer_timeout_s)
            modem.command("ATE0", timeout_s=self.config.answer_timeout_s)
            with suppress(ModemError):  # numeric errors: older modems answer plain ERROR
                modem.command("AT+CMEE=1", timeout_s=self.config.answer_timeout_s)
            yield modem
        finally:
            port.close()

    def _open(self) -> Any:
        import serial  # pyserial: loaded only when a modem is used

        try:
            return serial.serial_for_url(
                self.config.port,
                baudrate=self.config.baud,
                timeout=0.5,
                write_timeout=self.config.timeout_s,
            )
        except (serial.SerialException, OSError, ValueError) as error:
            code = getattr(error, "errno", None)
            busy = code in (errno.EBUSY, errno.EACCES) or "denied" in str(error).lower()
            raise PortUnavailable(self.config.port, busy, str(error)) from None


def _signal(modem: ModemLine) -> int | None:
    """The received signal, 0-31 (``AT+CSQ``); None when the modem has no network (99)."""
    for answer in modem.command("AT+CSQ"):
        match = re.match(r"\+CSQ:\s*(\d+)", answer)
        if match:
            rssi = int(match.group(1))
            return None if rssi == 99 else rssi
    return None
