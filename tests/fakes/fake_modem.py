"""A GSM modem on a pseudo-terminal: it answers AT commands and decodes the PDUs it is sent.

Open ``FakeModem().port`` with pyserial as you would ``/dev/ttyUSB0``. It echoes commands until
``ATE0``, takes ``AT+CMGS=<length>`` only in PDU mode (``AT+CMGF=0``), shows the ``>`` prompt,
reads the hex PDU up to Ctrl-Z, checks it (length, SMS-SUBMIT, UCS2 user data, concatenation
header) and answers ``+CMGS: <ref>`` / ``OK`` or ``+CMS ERROR: 304``. It joins concatenated parts
the way a phone does and keeps the texts it put together in :attr:`FakeModem.texts`. POSIX only.
"""

from __future__ import annotations

import os
import select
import threading
import tty
from collections import deque
from dataclasses import dataclass

CTRL_Z = 0x1A
ESCAPE = 0x1B


class BadPdu(Exception):
    pass


@dataclass(frozen=True)
class ReceivedPart:
    number: str  # "+8613812345678" for an international address
    text: str
    reference: int | None
    total: int
    seq: int


@dataclass(frozen=True)
class ReceivedText:
    number: str
    text: str
    parts: int


def _digits(semi_octets: bytes, count: int) -> str:
    swapped = "".join(f"{b & 0x0F:X}{b >> 4:X}" for b in semi_octets)
    return swapped[:count]


def decode_submit(hex_text: str, announced_length: int) -> ReceivedPart:
    """Read an SMS-SUBMIT PDU (SMSC field first) as a modem would; BadPdu if it is not one."""
    try:
        data = bytes.fromhex(hex_text)
        tpdu = data[1 + data[0] :]
        if len(tpdu) != announced_length:
            raise BadPdu(f"AT+CMGS said {announced_length} octets, the PDU has {len(tpdu)}")
        first = tpdu[0]
        if first & 0x03 != 0x01:
            raise BadPdu("not an SMS-SUBMIT")
        position = 2  # first octet, message reference
        address_digits, address_type = tpdu[position], tpdu[position + 1]
        octets = (address_digits + 1) // 2
        number = _digits(tpdu[position + 2 : position + 2 + octets], address_digits)
        if not number.isdigit():
            raise BadPdu("the destination is not a number")
        if address_type == 0x91:
            number = "+" + number
        position += 2 + octets
        coding = tpdu[position + 1]
        position += 2  # protocol identifier, data coding scheme
        position += {0: 0, 2: 1}.get((first >> 3) & 0x03, 7)  # validity period
        length, user_data = tpdu[position], tpdu[position + 1 :]
    except (ValueError, IndexError) as error:
        raise BadPdu(str(error)) from None
    if coding & 0xC0 != 0 or (coding >> 2) & 0x03 != 2:
        raise BadPdu(f"data coding {coding:02X} is not UCS2")
    if len(user_data) != length:
        raise BadPdu(f"user data length {length} but {len(user_data)} octets follow")
    reference, total, seq = None, 1, 1
    if first & 0x40:
        header, user_data = user_data[1 : 1 + user_data[0]], user_data[1 + user_data[0] :]
        while header:
            iei, size, value = header[0], header[1], header[2 : 2 + header[1]]
            if iei == 0x00 and size == 3:
                reference, total, seq = value[0], value[1], value[2]
            elif iei == 0x08 and size == 4:
                reference, total, seq = (value[0] << 8) | value[1], value[2], value[3]
            header = header[2 + size :]
        if not 1 <= seq <= total:
            raise BadPdu(f"part {seq} of {total}")
    if len(user_data) % 2:
        raise BadPdu("UCS2 text with an odd number of octets")
    try:
        text = user_data.decode("utf-16-be")
    except UnicodeDecodeError as error:  # e.g. a surrogate pair split across parts
        raise BadPdu(str(error)) from None
    return ReceivedPart(number=number, text=text, reference=reference, total=total, seq=seq)


class FakeModem:
    def __init__(self, *, silent: bool = False) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self.silent = silent  # reads everything, answers nothing (the wrong port)
        self.echo = True
        self.pdu_mode = False
        self.sim_ready = True
        self.signal = 20
        self.commands: list[str] = []
        self.parts: list[ReceivedPart] = []
        self.texts: list[ReceivedText] = []
        self._refusals: deque[int] = deque()
        self._pending: dict[tuple[str, int | None, int], dict[int, str]] = {}
        self._next_reference = 1
        self._wake_read, self._wake_write = os.pipe()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def refuse_next(self, cms_error: int) -> None:
        """The next PDU is answered ``+CMS ERROR: <cms_error>`` (the network refused it)."""
        self._refusals.append(cms_error)

    def start(self) -> FakeModem:
        self._thread.start()
        return self

    def stop(self) -> None:
        os.write(self._wake_write, b"x")
        self._thread.join(timeout=5)
        for fd in (self._master, self._slave, self._wake_read, self._wake_write):
            os.close(fd)

    # --- the modem -----------------------------------------------------------------------------
    def _run(self) -> None:
        buffer = b""
        awaiting_pdu: int | None = None
        while True:
            ready, _, _ = select.select([self._master, self._wake_read], [], [])
            if self._wake_read in ready:
                return
            try:
                buffer += os.read(self._master, 4096)
            except OSError:
                continue
            if self.silent:
                buffer = b""
                continue
            while True:
                if awaiting_pdu is not None:
                    end = next((i for i, b in enumerate(buffer) if b in (CTRL_Z, ESCAPE)), -1)
                    if end < 0:
                        break
                    hex_text, cancelled = (
                        buffer[:end].decode("ascii", "replace"),
                        buffer[end] == ESCAPE,
                    )
                    buffer = buffer[end + 1 :]
                    if not cancelled:
                        self._write(self._submit(hex_text.strip(), awaiting_pdu))
                    awaiting_pdu = None
                    continue
                end = buffer.find(b"\r")
                if end < 0:
                    break
                line, buffer = buffer[:end].decode("ascii", "replace").strip(), buffer[end + 1 :]
                if not line:
                    continue
                if self.echo:
                    self._write(line + "\r")
                answer, awaiting_pdu = self._command(line)
                self._write(answer)

    def _command(self, line: str) -> tuple[str, int | None]:
        self.commands.append(line)
        command = line.upper()
        ok = "\r\nOK\r\n"
        if command in ("AT", "AT+CMEE=1", "AT+CMEE=0") or command.startswith("AT+CSCS="):
            return ok, None
        if command in ("ATE0", "ATE1"):
            self.echo = command == "ATE1"
            return ok, None
        if command in ("AT+CMGF=0", "AT+CMGF=1"):
            self.pdu_mode = command == "AT+CMGF=0"
            return ok, None
        if command == "AT+CMGF?":
            return f"\r\n+CMGF: {0 if self.pdu_mode else 1}\r\n" + ok, None
        if command == "AT+CSCS?":
            return '\r\n+CSCS: "GSM"\r\n' + ok, None
        if command == "AT+CPIN?":
            return (
                "\r\n+CPIN: READY\r\n" + ok if self.sim_ready else "\r\n+CME ERROR: 10\r\n"
            ), None
        if command == "AT+CSQ":
            return f"\r\n+CSQ: {self.signal},99\r\n" + ok, None
        if command.startswith("AT+CMGS="):
            if not self.pdu_mode:
                return "\r\n+CMS ERROR: 302\r\n", None  # a length is not a number in text mode
            if not self.sim_ready:
                return "\r\n+CMS ERROR: 310\r\n", None
            try:
                length = int(command.split("=", 1)[1])
            except ValueError:
                return "\r\n+CMS ERROR: 304\r\n", None
            return "\r\n> ", length
        return "\r\nERROR\r\n", None

    def _submit(self, hex_text: str, length: int) -> str:
        try:
            part = decode_submit(hex_text, length)
        except BadPdu:
            return "\r\n+CMS ERROR: 304\r\n"
        if self._refusals:
            return f"\r\n+CMS ERROR: {self._refusals.popleft()}\r\n"
        self.parts.append(part)
        key = (part.number, part.reference, part.total)
        pieces = self._pending.setdefault(key, {})
        pieces[part.seq] = part.text
        if len(pieces) == part.total:
            del self._pending[key]
            text = "".join(pieces[seq] for seq in range(1, part.total + 1))
            self.texts.append(ReceivedText(number=part.number, text=text, parts=part.total))
        reference, self._next_reference = self._next_reference, (self._next_reference + 1) % 256
        return f"\r\n+CMGS: {reference}\r\n\r\nOK\r\n"

    def _write(self, text: str) -> None:
        os.write(self._master, text.encode("ascii"))
