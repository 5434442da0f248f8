"""When a text may go: the providers' per-number limits, and backoff after a failed try."""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

# Tencent's defaults: one text of the same content to a number per 30 s and about ten a day
# (Aliyun: 50 a day for one signature, template and number). The outbox keeps to the stricter
# of both and to any text, not only the same content: two parcel notices to one number differ
# only in their codes, and a refused text costs a try. "A day" is a rolling 24 h, which never
# lets more through than a calendar-day limit would.
NUMBER_GAP = timedelta(seconds=30)
NUMBER_DAILY = 10
DAY = timedelta(hours=24)

# Tries: 1 min after the first failure, doubling up to 1 h, each ±20 % so that texts refused
# together (the network came back) do not all come back in the same second.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
JITTER = 0.2
# Give up (status failed, the last reason kept) after this many tries, or when the text has
# waited longer than a pickup notice is worth. A provider that is down as a whole (no modem, no
# credit) does not use up a text's tries: only the age limit applies then.
MAX_ATTEMPTS = 24
MAX_AGE = timedelta(days=3)

# A text marked "being sent" whose result never came (the app died mid-send) goes back to the
# queue after this long; a provider's own timeout is far shorter.
STALE_CLAIM = timedelta(minutes=5)

GAP_HOLD = "gap"
DAILY_HOLD = "daily"


@dataclass(frozen=True)
class Hold:
    """Why a due text waits for its number's limits, and until when."""

    code: str  # GAP_HOLD | DAILY_HOLD
    until: datetime


def number_hold(sent_times: Iterable[datetime], now: datetime) -> Hold | None:
    """``sent_times``: when texts to one number went (or are going) out. None: it may go now."""
    window = sorted(t for t in sent_times if t > now - DAY)
    if window and window[-1] > now - NUMBER_GAP:
        return Hold(GAP_HOLD, window[-1] + NUMBER_GAP)
    if len(window) >= NUMBER_DAILY:
        return Hold(DAILY_HOLD, window[-NUMBER_DAILY] + DAY)
    return None


def backoff(attempt: int, retry_after_s: float | None, rng: random.Random) -> timedelta:
    """How long to wait after failed try number ``attempt`` (1, 2, ...); never less than the
    provider asked for (``retry_after_s``)."""
    base = min(FIRST_RETRY * 2 ** max(attempt - 1, 0), LONGEST_RETRY)
    delay = base * rng.uniform(1 - JITTER, 1 + JITTER)
    if retry_after_s:
        delay = max(delay, timedelta(seconds=float(retry_after_s)))
    return delay


def gives_up(*, attempt: int, age: timedelta, retryable: bool, provider_down: bool) -> bool:
    """Whether a failed try ends the text (failed) rather than queueing it again."""
    if age >= MAX_AGE:
        return True
    if provider_down:
        return False
    return not retryable or attempt >= MAX_ATTEMPTS
