"""How long a background job still needs, from how fast it has gone so far."""

from __future__ import annotations

import time
from collections.abc import Callable

#: No estimate before this much of the work and this many seconds: early rates mislead.
MIN_FRACTION = 0.03
MIN_SECONDS = 1.0


class Eta:
    """Feed it (done, total) as progress arrives; ``seconds_left`` is None until it can say."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._started = clock()

    def restart(self) -> None:
        self._started = self._clock()

    def seconds_left(self, done: int, total: int) -> float | None:
        if total <= 0 or done <= 0 or done > total:
            return None
        elapsed = self._clock() - self._started
        fraction = done / total
        if fraction < MIN_FRACTION or elapsed < MIN_SECONDS:
            return None
        return elapsed * (1 - fraction) / fraction
