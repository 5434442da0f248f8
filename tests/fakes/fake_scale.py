"""A scale indicator on a pseudo-terminal: open ``FakeScale().port`` as ``/dev/ttyUSB0``.

The test writes what the indicator would send with :meth:`FakeScale.send` (whole frames, pieces
of a frame, noise) and pulls the cable with :meth:`FakeScale.unplug`: the pty's master closes and
the reader's next read fails as on an unplugged USB-serial adapter. POSIX only.
"""

from __future__ import annotations

import os
import time
import tty


class FakeScale:
    def __init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)
        self.port = os.ttyname(self._slave)
        self.plugged = True

    def send(self, data: bytes) -> float:
        """Write ``data`` as the indicator does; returns ``time.monotonic()`` just before."""
        sent_at = time.monotonic()
        os.write(self._master, data)
        return sent_at

    def unplug(self) -> None:
        if self.plugged:
            self.plugged = False
            os.close(self._master)
            os.close(self._slave)

    def close(self) -> None:
        self.unplug()
