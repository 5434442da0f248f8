"""When to try the county again, and how many events to send at once: no network, no pydantic,
so the GUI can load it at start without the protocol models."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any


class Backoff:
    """Exponential backoff with jitter between ``base`` and ``cap`` seconds.

    After the n-th failure in a row the wait is ``base * 2**(n-1)`` scaled by a random factor in
    [1, 1.5), kept within [base, cap]; a Retry-After from the county is honoured (up to ``cap``).
    A success (or the network coming back) resets it: the next try is at once."""

    def __init__(
        self,
        base: float = 2.0,
        cap: float = 600.0,
        *,
        rng: Callable[[], float] = random.random,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base = base
        self.cap = cap
        self._rng = rng
        self._clock = clock
        self.failures = 0
        self._next_at = 0.0

    def failed(self, retry_after: float | None = None) -> float:
        """Count a failure; returns the seconds to wait before the next try."""
        self.failures += 1
        raw = self.base * 2.0 ** min(self.failures - 1, 30)
        delay = min(self.cap, max(self.base, raw * (1.0 + 0.5 * self._rng())))
        if retry_after is not None:
            delay = max(delay, min(self.cap, retry_after))
        self._next_at = self._clock() + delay
        return delay

    def succeeded(self) -> None:
        self.failures = 0
        self._next_at = 0.0

    def network_returned(self) -> None:
        """The link came back: try at once (the count stays, so a new failure waits longer)."""
        self._next_at = 0.0

    def wait(self) -> float:
        """Seconds left before the next try may start (0: now)."""
        return max(0.0, self._next_at - self._clock())

    def ready(self) -> bool:
        return self.wait() <= 0.0


# --- how many events in a push ---------------------------------------------------------------


class Batcher:
    """The next push's size: starts at ``start`` events, doubles after a good push up to
    ``largest``, halves after a timeout (or a 413) down to ``smallest``; a batch never holds more
    than ``max_bytes`` of JSON (but always at least one event)."""

    def __init__(
        self,
        start: int = 200,
        *,
        smallest: int = 10,
        largest: int = 2000,
        max_bytes: int = 1024 * 1024,
        slow_s: float | None = None,
    ) -> None:
        self.size = start
        self.smallest = smallest
        self.largest = largest
        self.max_bytes = max_bytes
        self.slow_s = slow_s  # a push slower than this does not grow the batch

    def cut(self, events: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
        """The first events that fit: at most ``size`` and ``max_bytes`` (at least one)."""
        batch: list[Mapping[str, Any]] = []
        total = 0
        for event in events:
            if len(batch) >= self.size:
                break
            cost = len(json.dumps(event, ensure_ascii=False, separators=(",", ":")).encode()) + 1
            if batch and total + cost > self.max_bytes:
                break
            batch.append(event)
            total += cost
        return batch

    def went_well(self, elapsed_s: float | None = None) -> None:
        if self.slow_s is not None and elapsed_s is not None and elapsed_s > self.slow_s:
            return
        self.size = min(self.largest, self.size * 2)

    def timed_out(self) -> None:
        self.size = max(self.smallest, self.size // 2)

    too_large = timed_out
