"""The time left shown beside an import's progress bar."""

from __future__ import annotations

from ui.gui.background.eta import Eta


def test_the_estimate_follows_the_rate_so_far() -> None:
    now = [100.0]
    eta = Eta(clock=lambda: now[0])
    assert eta.seconds_left(1, 100) is None  # nothing yet: no guess
    now[0] = 104.0
    assert eta.seconds_left(20, 100) == 16.0  # 20 % in 4 s: 16 s for the other 80 %
    assert eta.seconds_left(2, 100) is None  # under 3 %: too early to say
    assert eta.seconds_left(100, 100) == 0.0
    assert eta.seconds_left(0, 0) is None and eta.seconds_left(5, 0) is None
    eta.restart()
    now[0] = 104.5
    assert eta.seconds_left(50, 100) is None  # under a second since the restart
