"""A progress line on stderr for long commands, when stderr is a terminal (never in a pipe or
a log, where it would only be noise): percent done and about how long is left."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from ui.cli.text import t, translate, width_of

#: Redraw at most this often, in seconds: a terminal is slow to write to.
REDRAW = 0.2
#: No estimate before this much of the work and this many seconds: early rates mislead.
MIN_FRACTION, MIN_SECONDS = 0.03, 1.0


class ProgressLine:
    """``progress(done, total)`` callbacks drawn as one rewritten line; ``close()`` clears
    it. Returns True (never cancels: Ctrl+C does)."""

    def __init__(self, label: str, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.clock = clock
        self.started = clock()
        self.drawn = 0.0
        self.width = 0
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> bool:
        if not self.enabled:
            return True
        now = self.clock()
        if now - self.drawn < REDRAW and done < total:
            return True
        self.drawn = now
        self._write(self.text(done, total, now - self.started))
        return True

    def text(self, done: int, total: int, elapsed: float) -> str:
        if total <= 0:
            return f"{self.label}…"
        fraction = min(1.0, max(0.0, done / total))
        line = f"{self.label} {fraction:4.0%}"
        if fraction >= MIN_FRACTION and elapsed >= MIN_SECONDS and fraction < 1:
            left = elapsed * (1 - fraction) / fraction
            line += " · " + (t("about {seconds} s left", seconds=max(1, round(left)))
                             if left < 60 else
                             t("about {minutes} min left", minutes=round(left / 60)))
        return line

    def close(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()

    def _write(self, line: str) -> None:
        # In terminal columns: a Chinese character takes two, and counted as one, the
        # line's end stayed on the screen when it was cleared.
        columns = width_of(line)
        padding = max(0, self.width - columns)
        self.stream.write("\r" + line + " " * padding)
        self.stream.flush()
        self.width = max(self.width, columns)


class PhaseLine:
    """``progress(share, words)`` callbacks of team sync (``storage.book.sync.Progress``: a
    share from 0 to 1 and the phase's English words, storage's to translate) drawn as a
    :class:`ProgressLine` per phase, its estimate started again with each."""

    SCALE = 1000

    def __init__(self, stream: TextIO | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.clock = clock
        self.words: str | None = None
        self.line: ProgressLine | None = None

    def __call__(self, share: float, words: str) -> None:
        if words != self.words or self.line is None:
            width = self.line.width if self.line is not None else 0
            self.line = ProgressLine(translate("Storage", words), self.stream, self.clock)
            self.line.width = width  # the next draw covers the last phase's line
            self.words = words
        self.line(round(min(1.0, max(0.0, share)) * self.SCALE), self.SCALE)

    def close(self) -> None:
        if self.line is not None:
            self.line.close()
