"""Figures with a verdict: each printed with its limit (and its baseline and the ratio to it,
when it has one) and PASS or FAIL; and waiting for the window as the application does."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def verdict(name: str, seconds: float, *, limit: float | None = None,
            baseline: float | None = None, ratio_limit: float | None = None,
            extra: str = "") -> bool:
    """Print one figure with PASS or FAIL against ``limit`` (seconds) and ``ratio_limit``
    (times ``baseline``); returns whether it passed."""
    ok = limit is None or seconds <= limit
    parts = [f"{name:<58} {seconds * 1000:8.1f} ms"]
    if baseline is not None and baseline > 0:
        ratio = seconds / baseline
        parts.append(f"baseline {baseline * 1000:.1f} ms, ratio {ratio:.2f}x")
        if ratio_limit is not None:
            ok = ok and ratio <= ratio_limit
    limits = []
    if limit is not None:
        limits.append(f"{limit * 1000:.0f} ms")
    if ratio_limit is not None:
        limits.append(f"{ratio_limit:.1f}x")
    if limits:
        parts.append(f"limit {' and '.join(limits)}: {'PASS' if ok else 'FAIL'}")
    if extra:
        parts.append(extra)
    print("  ".join(parts), flush=True)
    return ok


def wait_until(app: Any, done: Callable[[], bool], timeout: float = 120.0) -> float:
    """Run the Qt event loop until ``done()``, blocked inside Qt until an event arrives (a
    10 ms timer wakes it to look at ``done``), as the application waits: spinning
    ``processEvents()`` would take the interpreter lock from the worker thread."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    keep_alive = QTimer()
    keep_alive.start(10)
    try:
        while not done():
            if time.perf_counter() - started > timeout:
                raise TimeoutError("the window did not finish in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        keep_alive.stop()
    return time.perf_counter() - started
