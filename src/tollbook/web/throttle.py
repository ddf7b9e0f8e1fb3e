"""A limit on failed sign-ins, so a password cannot be guessed at full speed.

Failures are counted per account name and per client address over a sliding
window (by default 5 for a name or 20 for an address in 15 minutes).  Past
either limit a sign-in is refused (HTTP 429 with Retry-After) without the
password being checked, until the oldest counted failure leaves the window.
Refused attempts are not counted, so a lock-out never outlasts the window.

Each attempt is counted as a failure *before* its password is checked and
forgotten again if it succeeds: checking and counting happen under one lock,
so a burst of parallel guesses cannot all slip past the check while argon2 is
still busy with the first.  A success clears the name's failures but not the
address's, so one valid account cannot be used to reset the address's count.

The counts live in memory: `tollbook serve` is a single process, and a
restart forgetting them costs an attacker a restart they cannot trigger.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    """Why a sign-in is refused, and how many seconds until one may be tried again."""

    retry_after: int
    name: str | None  # the account name that is locked, or None when it is the address

    @property
    def message(self) -> str:
        who = f"as {self.name}" if self.name is not None else "from your address"
        return f"too many failed sign-ins {who}; try again in {wait_text(self.retry_after)}"


def wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


class SignInLimiter:
    """Counts failed sign-ins per name and per address; thread-safe."""

    def __init__(
        self,
        per_name: int,
        per_address: int,
        window_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.per_name = per_name
        self.per_address = per_address
        self.window = window_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._names: dict[str, deque[float]] = {}
        self._addresses: dict[str, deque[float]] = {}
        self._pruned = clock()

    def check(self, name: str, address: str) -> Refusal | None:
        """A refusal if `name` or `address` is over its limit; otherwise None, and this
        attempt counts as a failure until `succeeded` is called for it."""
        with self._lock:
            now = self._clock()
            self._prune(now)
            names = self._recent(self._names, name, now)
            addresses = self._recent(self._addresses, address, now)
            refusals = [
                Refusal(self._wait(stamps, limit, now), who)
                for stamps, limit, who in (
                    (names, self.per_name, name),
                    (addresses, self.per_address, None),
                )
                if len(stamps) >= limit
            ]
            if refusals:
                return max(refusals, key=lambda r: r.retry_after)
            names.append(now)
            addresses.append(now)
            return None

    def succeeded(self, name: str, address: str) -> None:
        """The attempt counted by `check` signed in: clear the name, uncount it for the address."""
        with self._lock:
            self._names.pop(name, None)
            stamps = self._addresses.get(address)
            if stamps:
                stamps.pop()

    def _recent(self, table: dict[str, deque[float]], key: str, now: float) -> deque[float]:
        stamps = table.setdefault(key, deque())
        while stamps and stamps[0] <= now - self.window:
            stamps.popleft()
        return stamps

    def _wait(self, stamps: deque[float], limit: int, now: float) -> int:
        # The attempt is allowed again once all but limit - 1 of the failures have expired.
        return max(1, math.ceil(stamps[-limit] + self.window - now))

    def _prune(self, now: float) -> None:
        """Forget names and addresses with no failure left in the window (once a window)."""
        if now - self._pruned < self.window:
            return
        self._pruned = now
        cutoff = now - self.window
        for table in (self._names, self._addresses):
            for key in [k for k, stamps in table.items() if not stamps or stamps[-1] <= cutoff]:
                del table[key]
