"""The command line's progress line: only on a terminal, with the time left once it can tell."""

from __future__ import annotations

import io

from ui.cli.progress import ProgressLine


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_pipe_gets_no_progress_line() -> None:
    stream = io.StringIO()
    line = ProgressLine("Reading", stream=stream)
    assert line(5, 10) is True
    line.close()
    assert stream.getvalue() == ""


def test_a_terminal_gets_percent_then_the_time_left() -> None:
    now = [0.0]
    stream = _Terminal()
    line = ProgressLine("Reading", stream=stream, clock=lambda: now[0])
    now[0] = 0.5
    line(1, 100)
    assert stream.getvalue().endswith("Reading   1%")  # too early for an estimate
    now[0] = 4.0
    line(20, 100)  # 20 % in 4 s: 16 s for the rest
    assert stream.getvalue().endswith("Reading  20% · about 16 s left")
    now[0] = 4.1
    line(21, 100)  # redrawn at most five times a second
    assert "21%" not in stream.getvalue()
    now[0] = 100.0
    line(50, 100)
    assert stream.getvalue().endswith("about 2 min left")
    line.close()
    assert stream.getvalue().endswith("\r")


def test_a_chinese_line_is_cleared_across_its_whole_width() -> None:
    """'正在导入  45%' takes 13 columns, not 9: a narrower line after it, and the clearing at
    the end, cover all 13."""
    now = [0.0]
    stream = _Terminal()
    line = ProgressLine("正在导入", stream=stream, clock=lambda: now[0])
    now[0] = 0.5
    line(45, 100)
    assert stream.getvalue() == "\r正在导入  45%"
    line.close()
    assert stream.getvalue().endswith("\r" + " " * 13 + "\r")
